"""The 破折号 —— drawn as one unbroken line two ems long (GB/T 15834 §4.13) in every face of
the default layout, read back as ——; and …… with its six dots evenly apart.

Noto CJK's — leaves 7% of the em blank each side of its ink, so two side by side showed a
1.7-pt gap at body size; 楷 (LXGW WenKai) fills its em. The page is built for real, rendered
at 600 dpi and the columns between the two dashes looked at."""

from __future__ import annotations

import ctypes
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import CONTENT, LAYOUT  # noqa: E402
from test_searchable_text import READERS  # noqa: E402
from spread import render  # noqa: E402
from spread.build import build  # noqa: E402
from spread.compose.model import Style  # noqa: E402
from spread.page import Colour, TextRun  # noqa: E402

DPI = 600
INK = 160  # a pixel darker than this (0-255 grey) is ink: black or red type on paper
# each face of the default layout sets one text on paper, holding —— and ……
FACES = {  # style → (face, the content item it sets)
    "lead": ("song_heavy", ("lead", 0)),
    "body": ("song", ("sections", 0, "intro")),
    "report_title": ("hei", ("sections", 0, "report", "title")),
    "report_item": ("kai", ("sections", 0, "report", "items", 0)),
}
TEXTS = {"lead": "五年——春华秋实……", "body": "他说——这是……好日子",
         "report_title": "成绩——单……", "report_item": "开展——竞赛……"}


@pytest.fixture(scope="module")
def dashes(tmp_path_factory):
    """The default page with —— and …… in a text of each face, print and archive."""
    folder = tmp_path_factory.mktemp("dash")
    layout = yaml.safe_load(LAYOUT.read_text(encoding="utf-8"))
    for chain in layout["fonts"].values():
        for font in chain:
            font["file"] = str((LAYOUT.parent / font["file"]).resolve())
    for style, (face, _) in FACES.items():
        layout["styles"][style]["font"] = face
    content = yaml.safe_load(CONTENT.read_text(encoding="utf-8"))
    for style, (_, where) in FACES.items():
        *parent, last = where
        node = content
        for key in parent:
            node = node[key]
        node[last] = TEXTS[style] + node[last]  # kept: a 数说 figure quotes its item
    # written beside the content, not into the checkout's layout/: a file there is a
    # shipped layout to the packaging test and bundle.layouts() of a suite run beside it
    layout_path, content_path = folder / "layout.yaml", folder / "content.yaml"
    layout_path.write_text(yaml.safe_dump(layout, allow_unicode=True), encoding="utf-8")
    content_path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")
    return build(str(content_path), str(layout_path), str(folder / "out"), ("print", "archive"))


def _marks(built, rendition: str, mark: str):
    """The rendition's page, and each place `mark` (—— or ……) is drawn: the left of its
    first glyph's ink, the right of its last one's, its baseline and the font size, in PDF
    points, as pdfium reads them in the print file. (The archive draws the page alike, but
    reads a line whose figure stands apart in another face as one text, whose characters
    pdfium boxes over its first show operator: render._joined_readings.)"""
    page = pdfium.PdfDocument(str(built.outputs[rendition]))[0]
    text = pdfium.PdfDocument(str(built.outputs["print.pdf"]))[0].get_textpage()
    return page, _places(text, mark)


def _places(text, mark: str):
    """Where pdfium's text page reads `mark`: (left, right, baseline, size) of each."""
    chars = "".join(chr(pdfium_c.FPDFText_GetUnicode(text, i))
                    for i in range(text.count_chars()))
    found, k = [], chars.find(mark)
    while k >= 0:
        x, y = ctypes.c_double(), ctypes.c_double()
        pdfium_c.FPDFText_GetCharOrigin(text, k, ctypes.byref(x), ctypes.byref(y))
        left, right = text.get_charbox(k)[0], text.get_charbox(k + len(mark) - 1)[2]
        found.append((left, right, y.value, pdfium_c.FPDFText_GetFontSize(text, k)))
        k = chars.find(mark, k + len(mark))
    return found


def _columns(page, left: float, right: float, baseline: float, size: float) -> list[bool]:
    """Whether each pixel column from `left` to `right` holds ink, in the band from 0.1 to
    0.7 em above the baseline (where a dash or a dot is), at 600 dpi."""
    width, height = page.get_size()
    bottom, top = baseline + 0.1 * size, baseline + 0.7 * size
    image = page.render(scale=DPI / 72, crop=(left, bottom, width - right, height - top)
                        ).to_pil().convert("L")
    return [min(image.getpixel((c, r)) for r in range(image.height)) < INK
            for c in range(image.width)]


def _runs(columns: list[bool], ink: bool) -> list[int]:
    """The lengths of the runs of ink (or of background) columns between the first and the
    last ink column."""
    first = columns.index(True)
    last = len(columns) - columns[::-1].index(True)
    runs, length = [], 0
    for value in columns[first:last] + [not ink]:
        if value == ink:
            length += 1
        elif length:
            runs.append(length)
            length = 0
    return runs


@pytest.mark.parametrize("rendition", ["print.pdf", "archive.pdf"])
def test_two_dashes_are_one_unbroken_line(dashes, rendition):
    """No column of background between the ink of the two dashes, in each of the four faces
    (Noto CJK's dashes left 14 px at 600 dpi between them, 1.7 pt)."""
    page, found = _marks(dashes, rendition, "——")
    assert len(found) >= len(FACES)
    for left, right, y, size in found:
        columns = _columns(page, left, right, y, size)
        assert True in columns
        assert _runs(columns, ink=False) == [], (left, y, size)
        assert right - left > 1.98 * size  # and the line is two ems long


def test_the_renditions_pass_their_checks(dashes):
    """Widened by the text matrix, the dashes leave the print file CMYK only and PDF/X-1a,
    and the archive PDF/A-2b, as their checks find."""
    assert set(dashes.checks) >= {"print.pdf", "archive.pdf"}
    assert dashes.ok


@pytest.mark.parametrize("rendition", ["print.pdf", "archive.pdf"])
def test_the_six_dots_are_evenly_apart(dashes, rendition):
    """…… is six dots at one pitch: the gap between the two marks is the gap inside one, to
    a pixel at 600 dpi."""
    page, found = _marks(dashes, rendition, "……")
    assert len(found) >= len(FACES)
    for left, right, y, size in found:
        gaps = _runs(_columns(page, left, right, y, size), ink=False)
        assert len(gaps) == 5 and max(gaps) - min(gaps) <= 1, (size, gaps)


@pytest.mark.parametrize("rendition", ["print.pdf", "archive.pdf"])
@pytest.mark.parametrize("reader", sorted(READERS))
def test_the_dashes_read_as_written(dashes, rendition, reader):
    """Each text reads back with its —— and ……, and nothing between their glyphs."""
    text = READERS[reader](dashes.outputs[rendition])
    for written in TEXTS.values():
        assert written in text


class _Face:
    """A face whose — leaves 0.07 em blank each side, whose other glyphs fill their em."""

    def advance(self, ch: str) -> float:
        return 1.0

    def blank(self, ch: str) -> tuple[float, float]:
        return (0.07, 0.07) if ch == "—" else (0.0, 0.0)


def _run(chars: str, gaps: list[float]) -> TextRun:
    xs = [0.0]
    for gap in gaps:
        xs.append(xs[-1] + 10.0 + gap)
    return TextRun(chars, tuple(xs), 0.0, Style("song", 10.0), "song.0",
                   Colour("text", (0, 0, 0, 1), (0, 0, 0)), apart=())


def test_joined_dashes_are_a_piece_of_their_own_widened_to_their_advance():
    """—— between text is its own show operator, widened 1/(1 − 0.14) times; a lone — and
    dashes a gap apart (a spread line) are drawn as they are."""
    pieces = render._pieces(_run("他说——这是", [0.0] * 5), _Face())
    assert [(text, round(stretch, 4)) for _, text, _, _, _, stretch in pieces] == [
        ("他说", 1.0), ("——", round(1 / 0.86, 4)), ("这是", 1.0)]
    assert all(stretch == 1.0 for *_, stretch in render._pieces(_run("一—二", [0.0] * 2),
                                                                 _Face()))
    assert all(stretch == 1.0 for *_, stretch in render._pieces(_run("——", [2.0]), _Face()))
