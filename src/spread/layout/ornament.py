"""Vector ornaments: section pictograms, the ring chart, stars and the 花边 border.

Each function returns page items for a box; shapes are built from lines and cubic Béziers
so every rendition draws them identically.
"""

from __future__ import annotations

import math

from spread.errors import InputError
from spread.page import Box, Colour, Rect, Rule, Shape

KAPPA = 0.5523  # cubic Bézier control distance for a quarter circle


def circle(cx: float, cy: float, r: float) -> list[tuple]:
    k = KAPPA * r
    return [("M", cx + r, cy),
            ("C", cx + r, cy + k, cx + k, cy + r, cx, cy + r),
            ("C", cx - k, cy + r, cx - r, cy + k, cx - r, cy),
            ("C", cx - r, cy - k, cx - k, cy - r, cx, cy - r),
            ("C", cx + k, cy - r, cx + r, cy - k, cx + r, cy), ("Z",)]


def arc(cx: float, cy: float, r: float, start: float, sweep: float) -> list[tuple]:
    """A polyline-free arc of Béziers from angle `start` (radians) sweeping `sweep`."""
    segments = max(1, math.ceil(abs(sweep) / (math.pi / 2)))
    step = sweep / segments
    k = 4 / 3 * math.tan(step / 4)
    out = []
    a = start
    for _ in range(segments):
        x0, y0 = cx + r * math.cos(a), cy + r * math.sin(a)
        x3, y3 = cx + r * math.cos(a + step), cy + r * math.sin(a + step)
        x1, y1 = x0 - k * r * math.sin(a), y0 + k * r * math.cos(a)
        x2, y2 = x3 + k * r * math.sin(a + step), y3 - k * r * math.cos(a + step)
        out.append(("C", x1, y1, x2, y2, x3, y3))
        a += step
    return out


def ring(cx: float, cy: float, r: float, width: float, share: float, on: Colour,
         off: Colour) -> list[Shape]:
    """A ring chart: the track in `off`, the share (0–1) in `on`, starting at twelve o'clock."""
    inner = r - width
    track = Shape(tuple(circle(cx, cy, r) + circle(cx, cy, inner)), fill=off)
    start, sweep = math.pi / 2, -2 * math.pi * share
    outer_arc = arc(cx, cy, r, start, sweep)
    inner_arc = arc(cx, cy, inner, start + sweep, -sweep)
    path = ([("M", cx + r * math.cos(start), cy + r * math.sin(start))] + outer_arc
            + [("L", cx + inner * math.cos(start + sweep), cy + inner * math.sin(start + sweep))]
            + inner_arc + [("Z",)])
    return [track, Shape(tuple(path), fill=on)]


def star(cx: float, cy: float, r: float, colour: Colour, points: int = 5) -> Shape:
    pts = []
    for i in range(points * 2):
        radius = r if i % 2 == 0 else r * 0.4
        a = math.pi / 2 + i * math.pi / points
        pts.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
    return Shape(tuple([("M", *pts[0])] + [("L", *p) for p in pts[1:]] + [("Z",)]), fill=colour)


def diamond(cx: float, cy: float, r: float, colour: Colour) -> Shape:
    return Shape((("M", cx, cy + r), ("L", cx + r * 0.7, cy), ("L", cx, cy - r),
                  ("L", cx - r * 0.7, cy), ("Z",)), fill=colour)


def pictogram(name: str, box: Box, colour: Colour) -> list[Shape]:
    """A simple emblem for a section, drawn inside a square box."""
    s = min(box.width, box.height)
    x, y = box.x + (box.width - s) / 2, box.y + (box.height - s) / 2
    cx, cy = x + s / 2, y + s / 2
    draw = _PICTOGRAMS.get(name)
    if draw is None:
        raise InputError(f"unknown pictogram '{name}'",
                         hint="pictograms: " + ", ".join(sorted(_PICTOGRAMS)))
    return draw(x, y, s, cx, cy, colour)


def _medal(x, y, s, cx, cy, c):  # 建功立业: a star medal on ribbons
    ribbon = Shape((("M", cx - s * .28, y + s), ("L", cx - s * .05, cy), ("L", cx + s * .05, cy),
                    ("L", cx + s * .28, y + s), ("L", cx + s * .12, y + s),
                    ("L", cx, cy + s * .2), ("L", cx - s * .12, y + s), ("Z",)), fill=c)
    disc = Shape(tuple(circle(cx, y + s * .32, s * .3)), fill=c)
    return [ribbon, disc, star(cx, y + s * .32, s * .2, _hole(c))]


def _shield(x, y, s, cx, cy, c):  # 维权维稳: a shield with a check mark
    top, bottom = y + s * .95, y + s * .03
    outline = Shape((("M", cx, top), ("L", x + s * .9, top - s * .14), ("L", x + s * .88, cy),
                     ("C", x + s * .86, y + s * .25, cx + s * .2, bottom + s * .08, cx, bottom),
                     ("C", cx - s * .2, bottom + s * .08, x + s * .14, y + s * .25, x + s * .12, cy),
                     ("L", x + s * .1, top - s * .14), ("Z",)), fill=c)
    tick = Shape((("M", x + s * .3, cy), ("L", x + s * .45, cy - s * .16),
                  ("L", x + s * .72, cy + s * .18), ("L", x + s * .66, cy + s * .24),
                  ("L", x + s * .45, cy - s * .03), ("L", x + s * .36, cy + s * .06), ("Z",)),
                 fill=_hole(c))
    return [outline, tick]


def _heart(x, y, s, cx, cy, c):  # 关心关爱
    return [Shape((("M", cx, y + s * .1),
                   ("C", cx - s * .15, y + s * .28, x + s * .02, y + s * .45, x + s * .05, y + s * .68),
                   ("C", x + s * .08, y + s * .9, cx - s * .08, y + s * .98, cx, y + s * .78),
                   ("C", cx + s * .08, y + s * .98, x + s * .92, y + s * .9, x + s * .95, y + s * .68),
                   ("C", x + s * .98, y + s * .45, cx + s * .15, y + s * .28, cx, y + s * .1),
                   ("Z",)), fill=c)]


def _book(x, y, s, cx, cy, c):  # 文化文明: an open book
    left = Shape((("M", cx - s * .03, y + s * .18), ("C", cx - s * .2, y + s * .28, x + s * .2,
                  y + s * .28, x + s * .04, y + s * .2), ("L", x + s * .04, y + s * .78),
                  ("C", x + s * .2, y + s * .86, cx - s * .2, y + s * .86, cx - s * .03, y + s * .76),
                  ("Z",)), fill=c)
    right = Shape((("M", cx + s * .03, y + s * .18), ("C", cx + s * .2, y + s * .28, x + s * .8,
                   y + s * .28, x + s * .96, y + s * .2), ("L", x + s * .96, y + s * .78),
                   ("C", x + s * .8, y + s * .86, cx + s * .2, y + s * .86, cx + s * .03, y + s * .76),
                   ("Z",)), fill=c)
    return [left, right]


def _house(x, y, s, cx, cy, c):  # 基层基础: a house on a foundation
    roof = Shape((("M", cx, y + s * .95), ("L", x + s * .98, y + s * .55), ("L", x + s * .02,
                  y + s * .55), ("Z",)), fill=c)
    body = Shape((("M", x + s * .15, y + s * .55), ("L", x + s * .85, y + s * .55),
                  ("L", x + s * .85, y + s * .12), ("L", x + s * .15, y + s * .12), ("Z",),
                  ("M", cx - s * .1, y + s * .12), ("L", cx - s * .1, y + s * .36),
                  ("L", cx + s * .1, y + s * .36), ("L", cx + s * .1, y + s * .12), ("Z",)), fill=c)
    base = Shape((("M", x, y + s * .08), ("L", x + s, y + s * .08), ("L", x + s, y),
                  ("L", x, y), ("Z",)), fill=c)
    return [roof, body, base]


def _hole(c: Colour) -> Colour:
    """The ground a pictogram is cut out of: paper."""
    return Colour("paper", (0.0, 0.0, 0.0, 0.0), (1.0, 1.0, 1.0))


_PICTOGRAMS = {"medal": _medal, "shield": _shield, "heart": _heart, "book": _book,
               "house": _house}


def lace_border(box: Box, outer: Colour, inner: Colour, width: float) -> list:
    """花边: a double rule with a row of small diamonds between, around `box`."""
    items: list = [Rect(box, stroke=outer, line_width=width)]
    inset = 3 * width + 2.5
    inner_box = Box(box.x + inset, box.y + inset, box.width - 2 * inset, box.height - 2 * inset)
    items.append(Rect(inner_box, stroke=outer, line_width=width))
    mid = (inset + width) / 2
    r = (inset - width) / 2.6
    step = 3.2 * r
    left, right, bottom, top = box.x + mid, box.right - mid, box.y + mid, box.top - mid
    across = max(int((right - left) / step), 1)
    for y in (top, bottom):
        items += [diamond(left + (right - left) * i / across, y, r, inner)
                  for i in range(across + 1)]
    down = max(int((top - bottom) / step), 1)
    for x in (left, right):
        items += [diamond(x, bottom + (top - bottom) * i / down, r, inner)
                  for i in range(1, down)]
    return items


__all__ = ["circle", "arc", "ring", "star", "diamond", "pictogram", "lace_border", "Rule"]
