"""The archive's text read back per text of the content, as an archivist searching or copying
from it gets it: every text equal to the content's, line ends aside, by pdfium and pypdf —
on the default page (its report items' bold figures beside the body face), a stress text
at 9字 and a newcomer's page. pdfium used to read a space wherever a figure in another face
stood ¼ em from a Han character (57 on the default page): the archive reads such a line as
one text (/ActualText), which pypdf, not honouring it, reads from the glyphs as before."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import CONTENT, LAYOUT, ROOT, own_edition  # noqa: E402
from test_searchable_text import (READERS, differences, marked_content,  # noqa: E402
                                  pdfium_text)
from spread.build import build  # noqa: E402
from spread.edition import layout_for  # noqa: E402
from spread.validate import read  # noqa: E402

STRESS = ROOT / "tests" / "data" / "stress"


def _archive(content: Path, layout: Path, out: Path):
    result = build(str(content), str(layout), str(out), ("archive",))
    return result, read(str(content), str(layout)).content


@pytest.fixture(scope="module")
def stress9(tmp_path_factory):
    """The third stress text at 9字: figures, units, Latin words and hyphenated names on
    lines of nine characters, many of them loose."""
    return _archive(STRESS / "content-3.yaml", STRESS / "layout-9zi.yaml",
                    tmp_path_factory.mktemp("stress9"))


@pytest.fixture(scope="module")
def newcomer(tmp_path_factory):
    """A newcomer's commemorative page (newcomer7/jinian): report items with bold figures."""
    folder = tmp_path_factory.mktemp("newcomer") / "jinian"
    own_edition(ROOT / "tests" / "data" / "newcomer7" / "jinian", folder)
    content = folder / "content.yaml"
    return _archive(content, Path(layout_for(str(content))), folder / "out")


@pytest.mark.parametrize("reader", sorted(READERS))
def test_the_default_page_s_archive_reads_as_written(default_build, reader):
    content = read(str(CONTENT), str(LAYOUT)).content
    assert differences(READERS[reader](default_build.outputs["archive.pdf"]), content) == []


def test_a_stress_page_at_9zi_reads_as_written_in_pdfium(stress9):
    """pdfium, whose boxes and gaps spread's checks read: every text as written. (pypdf,
    which reads no /ActualText, reads a space at a few piece starts of loose lines that no
    cutting into show operators avoids: benchmarks/archive_text.py counts them.)"""
    result, content = stress9
    assert differences(pdfium_text(result.outputs["archive.pdf"]), content) == []


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_newcomer_page_reads_as_written(newcomer, reader):
    result, content = newcomer
    assert differences(READERS[reader](result.outputs["archive.pdf"]), content) == []


def test_a_line_read_whole_holds_its_runs_and_no_span_of_theirs(default_build):
    """The archive's spans that read a line whole hold whole text objects, each read as the
    text of its line from its widest show operator on: the figures' lines of the default
    page, none of them nested."""
    marks = marked_content(default_build.outputs["archive.pdf"])
    whole = [actual[2:].decode("utf-16-be") for (op, actual), after in zip(marks, marks[1:])
             if op == "BDC" and after[0] == "BT"]
    assert len(whole) >= 40
    assert "开展“三重一新”劳动竞赛80余次，举办职工技术" in whole
