"""The 四开 跨版 template: the same content.yaml as one double-width page and as two single
pages cut at the fold, with nothing but colour crossing it."""

from __future__ import annotations

import re

import pikepdf
import pypdfium2 as pdfium
import pytest

from conftest import CONTENT, ROOT
from spread.build import build
from spread.units import MM

SPREAD = ROOT / "layout" / "tabloid-spread.yaml"


@pytest.fixture(scope="module")
def spread(tmp_path_factory):
    return build(str(CONTENT), str(SPREAD), str(tmp_path_factory.mktemp("spread")), ("print",))


def boxes(path):
    with pikepdf.open(path) as pdf:
        return [[float(v) for v in p.obj["/TrimBox"]] for p in pdf.pages]


def text_of(path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    return [re.sub(r"\s", "", p.get_textpage().get_text_range()) for p in pdf]


def test_written_whole_and_as_two_pages(spread):
    whole, pages = spread.outputs["print.pdf"], spread.outputs["print-pages.pdf"]
    [trim] = boxes(whole)
    assert trim[2] - trim[0] == pytest.approx(540 * MM, abs=0.01)
    halves = boxes(pages)
    assert len(halves) == 2
    for t in halves:
        assert t[2] - t[0] == pytest.approx(270 * MM, abs=0.01)
        assert t[3] - t[1] == pytest.approx(390 * MM, abs=0.01)


def test_every_glyph_lands_on_exactly_one_page(spread):
    [whole] = text_of(spread.outputs["print.pdf"])
    left, right = text_of(spread.outputs["print-pages.pdf"])
    assert len(left) + len(right) == len(whole)
    assert "画说工会这五年" in left and "荣誉榜" in right


def test_no_glyph_outside_its_page_trim(spread):
    pdf = pdfium.PdfDocument(str(spread.outputs["print-pages.pdf"]))
    for page in pdf:
        x0, y0, x1, y1 = page.get_trimbox()
        tp = page.get_textpage()
        for i in range(tp.count_chars()):
            l, b, r, t = tp.get_charbox(i)
            assert x0 - 0.5 <= l and r <= x1 + 0.5 and y0 - 0.5 <= b and t <= y1 + 0.5


def test_a_text_column_across_the_fold_is_refused(tmp_path):
    text = SPREAD.read_text(encoding="utf-8").replace("../fonts/", f"{ROOT}/fonts/")
    odd = text.replace('content: "sections[4]", split: 6,', 'content: "sections[4]", split: 5,')
    assert odd != text
    layout = tmp_path / "spread.yaml"
    layout.write_text(odd, encoding="utf-8")
    from spread.errors import InputError

    with pytest.raises(InputError) as err:
        build(str(CONTENT), str(layout), str(tmp_path / "o"), ("print",))
    assert "crosses the fold" in str(err.value) and "spread.yaml:" in str(err.value)
