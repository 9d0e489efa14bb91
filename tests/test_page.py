"""The default page read back from its PDF: size and boxes, fonts, text in reading order,
nothing outside the trim, identical bytes from identical inputs."""

from __future__ import annotations

import hashlib
import re

import pikepdf
import pypdfium2 as pdfium
import pytest

from conftest import CONTENT, LAYOUT, SEED, shared
from spread import content as content_mod
from spread.build import build
from spread.units import MM


def page_text(path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    text = pdf[0].get_textpage().get_text_range()
    return re.sub(r"\s+", "", text)


def test_page_is_a_390_by_545_mm_sheet_with_bleed(print_pdf):
    with pikepdf.open(print_pdf) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        trim = [float(v) for v in page.obj["/TrimBox"]]
        bleed = [float(v) for v in page.obj["/BleedBox"]]
        media = [float(v) for v in page.obj["/MediaBox"]]
    assert trim[2] - trim[0] == pytest.approx(390 * MM, abs=0.01)
    assert trim[3] - trim[1] == pytest.approx(545 * MM, abs=0.01)
    assert bleed[0] <= trim[0] - 3 * MM + 0.01 and bleed[2] >= trim[2] + 3 * MM - 0.01
    assert media[0] <= bleed[0] and media[2] >= bleed[2] and media[3] >= bleed[3]


def test_every_font_is_an_embedded_subset(print_pdf):
    with pikepdf.open(print_pdf) as pdf:
        fonts = pdf.pages[0].obj["/Resources"]["/Font"]
        assert len(fonts) >= 4
        for name, font in fonts.items():
            base = str(font["/BaseFont"])
            assert re.match(r"/[A-Z]{6}\+", base), f"{name} {base} is not a subset"
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0]["/FontDescriptor"]
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, base
            assert "Helvetica" not in base


def test_all_content_is_on_the_page_in_reading_order(print_pdf):
    text = page_text(print_pdf)
    c = content_mod.load(str(CONTENT))
    expected = [c.headline, c.kicker, *c.lead]
    for s in c.sections:
        expected += [s.title] + ([s.intro] if s.intro else [])
        expected += [s.report.title, *s.report.items]
    pos = 0
    for item in expected:
        found = text.find(re.sub(r"\s+", "", item), pos)
        assert found >= 0, f"missing or out of order: {item[:20]}"
        pos = found
    roll = c.honour_roll
    for award in roll.items:
        assert re.sub(r"\s+", "", award.text) in text
        for sub in award.items:
            assert re.sub(r"\s+", "", sub.text) in text


def test_the_content_carries_every_line_of_its_source():
    """Every line of the source text (Han, digits, letters) is in content.yaml's text; with
    test_all_content_is_on_the_page_in_reading_order, every source line is on the page."""
    c = content_mod.load(str(CONTENT))
    items = [c.headline, c.kicker, *c.lead]
    for s in c.sections:
        items += [s.title, s.intro or "", s.report.title, *s.report.items]
    items.append(c.honour_roll.title)
    for award in c.honour_roll.items:
        items += [award.text, *(sub.text for sub in award.items)]
    keep = lambda s: re.sub(r"[^\w]", "", s).replace("_", "")
    carried = [keep(item) for item in items]
    for line in shared(SEED).read_text(encoding="utf-8").splitlines():
        line = keep(line.lstrip("- ◆"))
        if len(line) < 3 or line == "人":  # the stray 人, of extraction defect 2
            continue
        assert any(line in item for item in carried), line


def test_nothing_outside_the_trim_box(print_pdf):
    pdf = pdfium.PdfDocument(str(print_pdf))
    page = pdf[0]
    left, bottom, right, top = page.get_trimbox()
    tp = page.get_textpage()
    for i in range(tp.count_chars()):
        box = tp.get_charbox(i)
        if tp.get_text_range(i, 1).isspace():
            continue
        assert left - 0.5 <= box[0] and box[2] <= right + 0.5, i
        assert bottom - 0.5 <= box[1] and box[3] <= top + 0.5, i


def test_two_builds_give_identical_bytes(tmp_path, default_build):
    again = build(str(CONTENT), str(LAYOUT), str(tmp_path), ("print",))
    first = default_build.outputs["print.pdf"].read_bytes()
    second = again.outputs["print.pdf"].read_bytes()
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()


def test_the_default_page_is_full_and_warns_of_nothing(default_build):
    """No region more than half empty, no unused height: the rows fill the type area."""
    assert not [n for n in default_build.notes if n.startswith("warning")], default_build.notes
    assert not [n for n in default_build.notes if "unused height" in n]


# -- the page model checked before drawing (spread.layout.overlaps) -------------------------------

class _Face:
    """A face of em-square glyphs with ink from 0.1 to 0.9 em, for every character but ☒."""

    key, name = "f.0", "Fake"
    coverage = frozenset(range(0x20, 0x2FFFF)) - {ord("☒")}

    def advance(self, ch):
        return 1.0

    def blank(self, ch):
        return (0.1, 0.1)


class _Fonts:
    def faces(self):
        return [_Face()]


def _page(*elements):
    """A page of elements, each (name, frame, items)."""
    from spread.page import Box, Element, Page

    items, out = [], []
    for name, frame, drawn in elements:
        out.append(Element(name, frame, len(items), len(items) + len(drawn)))
        items += drawn
    box = Box(0, 0, 500, 500)
    return Page("test", box, box, box, tuple(items), elements=tuple(out))


def _text(chars, x, y, size=10.0):
    from spread.compose.model import Style
    from spread.page import Colour, TextRun

    ink = Colour("text", (0, 0, 0, 1), (0, 0, 0))
    return TextRun(chars, tuple(x + size * i for i in range(len(chars))), y,
                   Style("song", size), "f.0", ink)


def _field(x, y, w, h):
    from spread.page import Box, Colour, Rect

    return Rect(Box(x, y, w, h), fill=Colour("red", (0, 1, 1, 0.1), (1, 0, 0)))


def test_text_clear_of_other_elements_passes():
    from spread.layout.overlaps import check_page
    from spread.page import Box

    check_page(_page(("a", Box(0, 400, 500, 100), [_text("画说工会", 10, 450)]),
                     ("b", Box(0, 300, 500, 100), [_field(0, 300, 500, 100),
                                                   _text("这五年", 10, 350)])), _Fonts())


def test_text_under_a_field_painted_after_it_names_both_elements():
    from spread.layout.overlaps import CollisionError, check_page
    from spread.page import Box

    page = _page(("folio", Box(0, 450, 500, 50), [_text("奉化日报", 10, 460)]),
                 ("banner", Box(0, 300, 500, 150), [_field(0, 300, 500, 200)]))
    with pytest.raises(CollisionError, match="folio lies on banner.*under its field"):
        check_page(page, _Fonts())


def test_text_on_a_field_painted_before_it_is_on_its_background():
    from spread.layout.overlaps import check_page
    from spread.page import Box

    check_page(_page(("banner", Box(0, 300, 250, 150), [_field(0, 300, 500, 150)]),
                     ("lead", Box(250, 300, 250, 150), [_text("导语", 300, 350)])), _Fonts())


def test_glyphs_on_glyphs_and_text_outside_its_frame_are_refused():
    from spread.layout.overlaps import CollisionError, check_page
    from spread.page import Box

    on_text = _page(("a", Box(0, 300, 500, 200), [_text("画说工会", 10, 350)]),
                    ("b", Box(0, 300, 500, 200), [_text("这五年", 25, 352)]))
    with pytest.raises(CollisionError, match="touches its text «这五年»"):
        check_page(on_text, _Fonts())
    outside = _page(("a", Box(0, 400, 30, 100), [_text("画说工会", 10, 450)]))
    with pytest.raises(CollisionError, match=r"runs \d+\.\d mm outside its frame"):
        check_page(outside, _Fonts())


def test_a_glyph_its_face_lacks_is_never_drawn():
    from spread.errors import MissingGlyphError
    from spread.layout.overlaps import check_page
    from spread.page import Box

    with pytest.raises(MissingGlyphError, match="U\\+2612"):
        check_page(_page(("a", Box(0, 0, 500, 500), [_text("画☒", 10, 450)])), _Fonts())


def test_the_default_page_names_its_elements(default_build):
    page = default_build.page
    names = [e.name for e in page.elements]
    assert names[0] == "banner (columns 1-8)" and "honour_roll honour_roll (columns 5-8)" in names
    assert sum(e.end - e.start for e in page.elements) == len(page.items)
