"""The page model: what layout decided, in absolute points from the media box's lower left.

Plain frozen data and the only contract between layout and drawing; drawing decides nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spread.compose.model import Style


@dataclass(frozen=True)
class Colour:
    """A named palette colour with its print (CMYK, 0–1) and screen (RGB, 0–1) values."""

    name: str
    cmyk: tuple[float, float, float, float]
    rgb: tuple[float, float, float]
    overprint: bool = False  # black text overprints on press

    @property
    def total_ink(self) -> float:
        return sum(self.cmyk) * 100


@dataclass(frozen=True)
class Box:
    """A rectangle: lower-left corner, width and height."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def top(self) -> float:
        return self.y + self.height

    def contains(self, other: "Box", tolerance: float = 0.01) -> bool:
        return (other.x >= self.x - tolerance and other.y >= self.y - tolerance
                and other.right <= self.right + tolerance and other.top <= self.top + tolerance)


@dataclass(frozen=True)
class TextRun:
    """Glyphs of one style and one font face on one baseline, in reading order."""

    chars: str
    xs: tuple[float, ...]  # each glyph's drawing origin
    y: float  # baseline
    style: Style
    face: str  # the font face that draws these characters (a role's fallback resolved)
    colour: Colour
    ys: tuple[float, ...] = ()  # per-glyph baselines for vertical setting; empty = all at y


@dataclass(frozen=True)
class Rect:
    """A filled and/or stroked rectangle."""

    box: Box
    fill: Colour | None = None
    stroke: Colour | None = None
    line_width: float = 0.0


@dataclass(frozen=True)
class Rule:
    """A straight line."""

    x1: float
    y1: float
    x2: float
    y2: float
    colour: Colour
    width: float
    dash: tuple[float, ...] = ()


@dataclass(frozen=True)
class Shape:
    """A closed path of lines and cubic Béziers: ("M", x, y), ("L", x, y), ("C", x1, y1, x2,
    y2, x3, y3), ("Z",). Filled (even-odd) and/or stroked."""

    path: tuple[tuple, ...]
    fill: Colour | None = None
    stroke: Colour | None = None
    line_width: float = 0.0


@dataclass(frozen=True)
class Image:
    """A raster image placed in `box`, clipped to `clip`."""

    path: str
    box: Box
    clip: Box
    pixels: tuple[int, int]

    @property
    def ppi(self) -> float:
        return min(self.pixels[0] / (self.box.width / 72), self.pixels[1] / (self.box.height / 72))


Item = TextRun | Rect | Rule | Shape | Image


@dataclass(frozen=True)
class Page:
    """One page: its boxes and everything drawn on it, in drawing order."""

    name: str
    media: Box
    trim: Box
    bleed: Box
    items: tuple[Item, ...] = field(default=())

    def text(self) -> str:
        """The page's text in reading order, as drawn."""
        return "".join(i.chars for i in self.items if isinstance(i, TextRun))
