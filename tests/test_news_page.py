"""The news page holds a normal day's copy (issue 16): three stories of 450 characters with a
photo each, and six stories of 300 characters without photos, build on the `news` layout with
no layout edit (exit 0) and every story's head and body read back from the print PDF. The
copy is benchmarks/news_capacity.py's, so the test and the capacity table measure one page."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from conftest import ROOT

NEWS = ROOT / "layout" / "news"


def capacity_module():
    spec = importlib.util.spec_from_file_location("news_capacity",
                                                  ROOT / "benchmarks" / "news_capacity.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def page_text(pdf: Path) -> str:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[0]
        return re.sub(r"\s+", "", page.get_textpage().get_text_range())
    finally:
        doc.close()


@pytest.mark.parametrize("stories, chars, photos", [(3, 450, True), (6, 300, False)])
def test_a_days_copy_sets_on_the_news_page(tmp_path, stories, chars, photos):
    bench = capacity_module()
    shutil.copytree(NEWS / "photos", tmp_path / "photos")
    content = tmp_path / "content.yaml"
    lengths = [chars] * stories
    content.write_text(bench.content(lengths, photos), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "spread", "build", str(content), "--layout",
                           "news", "-o", str(tmp_path / "out")], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    text = page_text(tmp_path / "out" / "content.print.pdf")
    for k in range(stories):
        assert f"第{k + 1}条新闻的标题" in text
        for paragraph in bench.body(chars, k):
            # a paragraph's text in order, whatever lines and columns it was broken into
            assert re.sub(r"\s+", "", paragraph) in text, (k, paragraph[:20])
