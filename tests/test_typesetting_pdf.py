"""Composition rules checked on the written PDF itself: glyph origins read back with pdfium,
grouped into lines, and held to the prohibitions and punctuation widths of clreq/GB 15834."""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from spread.compose.classes import LINE_END_FORBIDDEN, LINE_START_FORBIDDEN, is_han

MARKS = set("，。、；：？！“”‘’（）《》")


def glyphs(path):
    """(char, x, y, size) of every drawn character, in content order."""
    page = pdfium.PdfDocument(str(path))[0]
    tp = page.get_textpage()
    x, y = ctypes.c_double(), ctypes.c_double()
    out = []
    for i in range(tp.count_chars()):
        ch = chr(raw.FPDFText_GetUnicode(tp.raw, i))
        if ch.isspace() or raw.FPDFText_IsGenerated(tp.raw, i):
            continue
        raw.FPDFText_GetCharOrigin(tp.raw, i, x, y)
        out.append((ch, x.value, y.value, raw.FPDFText_GetFontSize(tp.raw, i)))
    return out


def lines(path):
    """Runs of glyphs on one baseline, each further right than the last, in drawing order."""
    out, cur = [], []
    for g in glyphs(path):
        if cur and abs(g[2] - cur[-1][2]) < 0.5 and 0 < g[1] - cur[-1][1] < 2.2 * g[3]:
            cur.append(g)
            continue
        if cur:
            out.append(cur)
        cur = [g]
    return out + [cur]


def test_no_forbidden_mark_starts_or_ends_a_body_line(print_pdf):
    body = [ln for ln in lines(print_pdf) if len(ln) >= 8 and ln[0][3] < 16]
    assert len(body) > 100
    starts = [ln for ln in body[1:] if ln[0][0] in LINE_START_FORBIDDEN]
    ends = [ln for ln in body if ln[-1][0] in LINE_END_FORBIDDEN]
    text = lambda ln: "".join(g[0] for g in ln)
    assert not starts, [text(ln) for ln in starts]
    assert not ends, [text(ln) for ln in ends]


def test_adjacent_marks_are_compressed(print_pdf):
    pairs = 0
    for ln in lines(print_pdf):
        for a, b in zip(ln, ln[1:]):
            if a[0] in MARKS and b[0] in MARKS:
                pairs += 1
                assert b[1] - a[1] <= 0.9 * a[3], (a, b)  # a full 2 em pair would be 1 em
    assert pairs > 10


def test_han_and_digits_are_a_quarter_em_apart(print_pdf):
    seen = 0
    for ln in lines(print_pdf):
        for a, b in zip(ln, ln[1:]):
            if is_han(a[0]) and b[0].isdigit() and abs(a[3] - b[3]) < 0.01:
                seen += 1
                assert b[1] - a[1] >= 1.125 * a[3] - 0.01  # 1 em for the Han, ≥ ⅛ em space
    assert seen > 20
