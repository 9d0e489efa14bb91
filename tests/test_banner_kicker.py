"""The banner's kicker is flanked by a rule either side, each from the type area's edge to a
character's width from the kicker's text: read back from the default page's print PDF, the
two rules are as long as each other and stop short of the text (the left rule once ran from
the line's unindented start, not from its centred text, and was a stub in the margin)."""

from __future__ import annotations

from collections import Counter

import pypdfium2 as pdfium

SCALE = 100 / 72  # 100 dpi


def _kicker_boxes(page):
    """The kicker's text boxes, in points from the page's bottom left: its first character
    (the dash), its first full-height character and its last."""
    text = page.get_textpage()
    chars = text.get_text_range()
    start = chars.index("喜迎区工会")
    dash = chars.rindex("—", 0, start)
    end = chars.index("代表大会", start) + 3
    return text.get_charbox(dash), text.get_charbox(start), text.get_charbox(end)


def _ink_runs(row, field):
    """Runs (first, last) of columns whose pixel differs from the field's colour."""
    runs, begun = [], None
    for x, px in enumerate(row + [field]):
        ink = sum(abs(a - b) for a, b in zip(px, field)) > 60
        if ink and begun is None:
            begun = x
        elif not ink and begun is not None:
            runs.append((begun, x - 1))
            begun = None
    return runs


def test_the_kicker_rules_are_even_and_clear_of_its_text(print_pdf):
    doc = pdfium.PdfDocument(str(print_pdf))
    try:
        page = doc[0]
        first, tall, last = _kicker_boxes(page)
        height = page.get_height()
        image = page.render(scale=SCALE).to_pil().convert("RGB")
    finally:
        doc.close()
    top, bottom = (height - tall[3]) * SCALE, (height - tall[1]) * SCALE
    text_left, text_right = first[0] * SCALE, last[2] * SCALE
    band = [image.getpixel((x, y)) for y in range(int(top), int(bottom) + 1)
            for x in range(0, image.width, 7)]
    field = Counter(band).most_common(1)[0][0]  # the banner's colour
    best = None
    for y in range(int(top), int(bottom) + 1):  # the row the rules run along
        row = [image.getpixel((x, y)) for x in range(image.width)]
        outside = [r for r in _ink_runs(row, field) if r[1] < text_left - 2 or r[0] > text_right + 2]
        left = [r for r in outside if r[1] < text_left]
        right = [r for r in outside if r[0] > text_right]
        if left and right:
            long_left = max(left, key=lambda r: r[1] - r[0])
            long_right = max(right, key=lambda r: r[1] - r[0])
            if best is None or long_left[1] - long_left[0] > best[0][1] - best[0][0]:
                best = (long_left, long_right)
    assert best, "no rule either side of the kicker"
    (l0, l1), (r0, r1) = best
    assert abs((l1 - l0) - (r1 - r0)) <= 3, best  # even, to a pixel or so
    assert (l1 - l0) > (text_right - text_left) / 4  # a rule, not a stub
    assert text_left - l1 > 10 and r0 - text_right > 10  # clear of the text (28 pt ≈ 39 px)
