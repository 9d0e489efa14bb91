"""The exact shape of a paint — a path's polygons, a stroke's lines, shown glyphs' outlines —
drawn as a coverage mask over a small frame of the page, for the ink rules."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw

from spread.check.preflight.geometry import Box, Matrix, apply, mul

_CUBIC_STEPS = 8
_EVEN = bytes(255 if (v - 128) % 2 else 0 for v in range(256))
_NONZERO = bytes(0 if v == 128 else 255 for v in range(256))


def flatten_cubic(p0, p1, p2, p3) -> list[tuple[float, float]]:
    out = [p0]
    for k in range(1, _CUBIC_STEPS + 1):
        t = k / _CUBIC_STEPS
        u = 1 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


@dataclass(frozen=True)
class Frame:
    """A window on the page (pt) at `scale` pixels a point, y pointing down as in images."""

    box: Box
    scale: float

    @property
    def size(self) -> tuple[int, int]:
        x0, y0, x1, y1 = self.box
        return (max(1, math.ceil((x1 - x0) * self.scale)),
                max(1, math.ceil((y1 - y0) * self.scale)))

    def px(self, p) -> tuple[float, float]:
        return ((p[0] - self.box[0]) * self.scale, (self.box[3] - p[1]) * self.scale)

    def blank(self, value: int = 0) -> Image.Image:
        return Image.new("L", self.size, value)

    def rect(self, box: Box) -> Image.Image:
        """The mask of a box."""
        out = self.blank()
        (a, b), (c, d) = self.px((box[0], box[3])), self.px((box[2], box[1]))
        ImageDraw.Draw(out).rectangle((a, b, c - 1, d - 1), fill=255)
        return out


class Shape:
    """How to draw a paint's coverage."""

    def __init__(self, kind: str, polygons=(), evenodd: bool = False, width: float = 0.0,
                 font=None, glyphs=(), sizes=(0.0, 0.0, 0.0), trm: Matrix | None = None):
        self.kind = kind
        self.polygons = polygons
        self.evenodd = evenodd
        self.width = width
        self.font, self.glyphs, self.sizes, self.trm = font, glyphs, sizes, trm

    @classmethod
    def fill(cls, polygons, evenodd: bool) -> "Shape":
        return cls("fill", polygons, evenodd)

    @classmethod
    def stroke(cls, polylines, width: float) -> "Shape":
        return cls("stroke", polylines, width=width)

    @classmethod
    def text(cls, font, glyphs, sizes, trm: Matrix) -> "Shape":
        """Glyphs (code, origin along the line) of `font` at (width size, height size,
        rise) in text space, placed by the text rendering matrix."""
        return cls("text", font=font, glyphs=glyphs, sizes=sizes, trm=trm)

    def mask(self, frame: Frame) -> Image.Image:
        if self.kind == "stroke":
            out = frame.blank()
            draw = ImageDraw.Draw(out)
            width = max(1, round(self.width * frame.scale))
            for line in self.polygons:
                points = [frame.px(p) for p in line]
                if len(points) == 1:
                    points = points * 2
                draw.line(points, fill=255, width=width, joint="curve")
            return out
        if self.kind == "fill":
            return _winding(frame, [[frame.px(p) for p in poly] for poly in self.polygons],
                            self.evenodd)
        return self._glyphs(frame)

    def _glyphs(self, frame: Frame) -> Image.Image:
        out = frame.blank()
        wide, high, rise = self.sizes
        info = self.font
        for code, origin in self.glyphs:
            m = mul((wide, 0, 0, high, origin, rise), self.trm)
            contours = info.outline(code)
            if contours is None:  # no outline to read: the glyph's box
                w = info.widths.get(code, info.default)
                contours = [[(0, info.descent), (w, info.descent), (w, info.ascent),
                             (0, info.ascent)]]
            polygons = [[frame.px(apply(m, x, y)) for x, y in c] for c in contours]
            points = [p for poly in polygons for p in poly]
            if not points:
                continue
            left = max(0, math.floor(min(p[0] for p in points)) - 1)
            top = max(0, math.floor(min(p[1] for p in points)) - 1)
            right = min(out.width, math.ceil(max(p[0] for p in points)) + 2)
            bottom = min(out.height, math.ceil(max(p[1] for p in points)) + 2)
            if right <= left or bottom <= top:
                continue
            local = Frame((0, 0, (right - left) / frame.scale, (bottom - top) / frame.scale),
                          frame.scale)
            shifted = [[(x - left, y - top) for x, y in poly] for poly in polygons]
            out.paste(255, (left, top), _winding(local, shifted, False))
        return out


def _winding(frame: Frame, polygons: list[list[tuple[float, float]]], evenodd: bool
             ) -> Image.Image:
    """Polygons (pixel coordinates) filled by the nonzero or even-odd rule: each polygon
    adds or takes one from a count by its direction."""
    polygons = [p for p in polygons if len(p) >= 3]
    if len(polygons) == 1:
        out = frame.blank()
        ImageDraw.Draw(out).polygon(polygons[0], fill=255)
        return out
    count = frame.blank(128)
    for poly in polygons:
        one = frame.blank()
        ImageDraw.Draw(one).polygon(poly, fill=1)
        count = ImageChops.add(count, one) if _signed_area(poly) >= 0 \
            else ImageChops.subtract(count, one)
    return count.point(list(_EVEN if evenodd else _NONZERO))


def _signed_area(poly) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1]))
