"""The page model: what layout decided, in absolute points from the media box's lower left.

Plain frozen data and the only contract between layout and drawing; drawing decides nothing.
"""

from __future__ import annotations

import math

from dataclasses import dataclass, field, replace
from typing import Protocol

from spread.compose.model import Style
from spread.errors import Location


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

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.x + dx, self.y + dy, self.width, self.height)

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
    # stretches of glyphs that read otherwise than their characters, (first, end, text): a
    # hyphen the composer added reads as nothing, a name spread to its cell reads whole
    actual: tuple[tuple[int, int, str], ...] = ()
    # the glyphs the text has something undrawn before (a space, another item), where a
    # reader should find a word gap; None: not known, any gap may be one
    apart: tuple[int, ...] | None = None
    # the text goes on from the last glyph of the run drawn just before, on the same line,
    # with nothing between: a change of style or face inside the text (a bold figure, a
    # fallback face), where a reader should find no word gap however wide the gap drawn
    joined: bool = False
    # the text has a space after the last glyph, set as no glyph: a word space where the
    # face changes, or the space a line ends at, which a reader should find as a space
    spaced: bool = False

    def only(self, keep: list[int]) -> TextRun:
        """The run with only the glyphs at `keep` (ascending); a stretch keeps its reading
        only if all its glyphs are kept."""
        where = {k: i for i, k in enumerate(keep)}
        apart = None if self.apart is None else set(self.apart)
        return replace(self, chars="".join(self.chars[k] for k in keep),
                       xs=tuple(self.xs[k] for k in keep),
                       ys=tuple(self.ys[k] for k in keep) if self.ys else (),
                       actual=tuple((where[a], where[b - 1] + 1, text)
                                    for a, b, text in self.actual
                                    if all(k in where for k in range(a, b))),
                       apart=None if apart is None else tuple(
                           i for i, k in enumerate(keep)
                           if i and (k in apart or keep[i - 1] != k - 1)),
                       joined=self.joined and keep[:1] == [0],
                       spaced=self.spaced and keep[-1:] == [len(self.chars) - 1])


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
    """A raster image placed in `box`, clipped to `clip`. A picture whose file is missing
    keeps its frame: only a proof draws it, as its `placeholder` (FPO); print and the archive
    refuse it, and print refuses one below `min_ppi` effective."""

    path: str
    box: Box
    clip: Box
    pixels: tuple[int, int]
    profile: str = ""  # the printer's CMYK ICC profile the print separation uses; "" = own
    min_ppi: float = 0.0
    missing: bool = False
    placeholder: tuple["Item", ...] = ()
    where: Location | None = field(default=None, compare=False)

    @property
    def ppi(self) -> float:
        return min(self.pixels[0] / (self.box.width / 72), self.pixels[1] / (self.box.height / 72))

    @property
    def sharp(self) -> bool:
        """At the resolution print asks (to the half ppi the figure is shown in)."""
        return self.ppi >= self.min_ppi - 0.5

    def short_of_print(self) -> tuple[str, str]:
        """A picture below print's minimum said in numbers a person can act on: its
        resolution (to a tenth below 10 ppi: a 1 × 1 picture is 0.3 ppi, not «0»), its pixels
        and the size they are set at; and the pixels print needs at that size."""
        ppi = self.ppi
        shown = f"{ppi:.0f}" if ppi >= 9.5 else f"{ppi:.2g}"
        width, height = (self.box.width / 72, self.box.height / 72)  # inches
        said = (f"{shown} ppi effective, below the {self.min_ppi:g} ppi minimum for print: "
                f"its {self.pixels[0]} × {self.pixels[1]} pixels are set "
                f"{width * 25.4:.0f} × {height * 25.4:.0f} mm")
        needs = (f"print needs {math.ceil(self.min_ppi * width - 0.5)} × "
                 f"{math.ceil(self.min_ppi * height - 0.5)} pixels at that size")
        return said, needs


Item = TextRun | Rect | Rule | Shape | Image


def moved(item: Item, dx: float, dy: float) -> Item:
    """An item translated by (dx, dy). (Text, boxes and rules are built directly: a page
    of frames in frames moves each item a few times, and dataclasses.replace is slow.)"""
    if isinstance(item, TextRun):  # moved along a line or a column: one coordinate kept
        return TextRun(item.chars, tuple([x + dx for x in item.xs]) if dx else item.xs,
                       item.y + dy, item.style, item.face, item.colour,
                       tuple([y + dy for y in item.ys]) if dy else item.ys, item.actual,
                       item.apart, item.joined, item.spaced)
    if isinstance(item, Rect):
        return Rect(item.box.moved(dx, dy), item.fill, item.stroke, item.line_width)
    if isinstance(item, Rule):
        return Rule(item.x1 + dx, item.y1 + dy, item.x2 + dx, item.y2 + dy, item.colour,
                    item.width, item.dash)
    if isinstance(item, Image):
        return replace(item, box=item.box.moved(dx, dy), clip=item.clip.moved(dx, dy),
                       placeholder=tuple(moved(p, dx, dy) for p in item.placeholder))
    # a path's operands alternate x, y
    return replace(item, path=tuple((op[0], *(v + (dy if k % 2 else dx)
                                              for k, v in enumerate(op[1:])))
                                    for op in item.path))


@dataclass(frozen=True)
class Adjust:
    """What copyfit changed for one region: size and leading factors, tracking added (em)."""

    size: float = 1.0
    tracking: float = 0.0
    leading: float = 1.0

    def describe(self) -> str:
        parts = []
        if self.size != 1.0:
            parts.append(f"size {self.size:.1%}")
        if self.tracking:
            parts.append(f"tracking {self.tracking:+.2f} em")
        if self.leading != 1.0:
            parts.append(f"leading {self.leading:.1%}")
        return ", ".join(parts)


class Placed(Protocol):
    """What a frame reports with a place in it (layout.problems.Problem): it moves with the
    frame."""

    def moved(self, dx: float, dy: float) -> Placed: ...


@dataclass(frozen=True)
class Frame:
    """What one region of the layout sets, in its own coordinates: (0, 0) is its top left
    corner, y up, so its items lie between y = -height and 0. Layout measures a region's
    frame (set at its natural height), solves the heights, sets it at its height and places
    it by translation. It reports the copyfit steps a fixed frame was refitted to while it
    was set — its own and its regions' — by layout path, its problems, its notes, the
    characters of its text no font draws and the lines a followed region leaves for its
    linked frame: a measured frame that is set again takes them away with it, so nothing is
    reported twice and what layout reports is what the placed frames carry."""

    width: float
    height: float
    items: tuple[Item, ...] = ()
    reserved: tuple[Box, ...] = ()  # areas its design keeps clear (the band beside a tab)
    fits: tuple[tuple[str, Adjust], ...] = ()
    problems: tuple[Placed, ...] = ()  # what keeps it from press, with its place in the frame
    notes: tuple[str, ...] = ()  # what setting it adjusted (copyfit, a reduced figure)
    # each character of its text no face of its role draws: (character, role, where written)
    missing: tuple[tuple[str, str, Location], ...] = ()
    # what a region a linked frame follows could not hold: (its name, the composed lines
    # left, their measure), for the linked frame to set
    overflow: tuple[tuple[str, tuple, float], ...] = ()
    heads: tuple[float, ...] = ()  # the tops of the story heads it sets (layout.stagger)
    # how much taller it may be set and still fill its height (a story's photos opening);
    # None: any (it opens blank lines, or draws what it is given)
    room: float | None = None

    def placed(self, x: float, top: float) -> Frame:
        """This frame with its top left corner at (x, top) of the coordinates it is set in."""
        if x == 0 and top == 0:
            return self
        return replace(self, items=tuple(moved(i, x, top) for i in self.items),
                       reserved=tuple(b.moved(x, top) for b in self.reserved),
                       problems=tuple(p.moved(x, top) for p in self.problems),
                       heads=tuple(y + top for y in self.heads))


@dataclass(frozen=True)
class Element:
    """What one region of the layout drew: the items page.items[start:end], in its frame.
    Checks name elements so a person finds them in the layout."""

    name: str  # e.g. "section sections[0] (columns 1-4)"
    frame: Box
    start: int
    end: int
    where: Location | None = field(default=None, compare=False)
    reserved: tuple[Box, ...] = ()  # areas its design keeps clear (the band beside a tab)
    kind: str = ""  # the region's kind (layout.kinds), as data: never read out of `name`
    item: str = ""  # the content item it sets, as a person finds it in the content


@dataclass(frozen=True)
class Page:
    """One page: its boxes and everything drawn on it, in drawing order."""

    name: str
    media: Box
    trim: Box
    bleed: Box
    items: tuple[Item, ...] = field(default=())
    folds: tuple[float, ...] = ()  # x of each fold of a spread, in this page's coordinates
    shift: tuple[float, float] = (0.0, 0.0)  # where the items' origin sits on this page
    clip: Box | None = None  # artwork outside this box is cut (a page split from a spread)
    elements: tuple[Element, ...] = ()  # who drew which items (a page cut from a spread: none)

    def text(self) -> str:
        """The page's text in reading order, as drawn."""
        return "".join(i.chars for i in self.items if isinstance(i, TextRun))


def split_at_folds(page: Page) -> list[Page]:
    """The single pages of a spread, cut at its folds: each keeps its own trim and its bleed,
    which at the fold shows the artwork that continues onto the facing page. Text belongs to
    the page its glyphs stand on; other items go to every page they reach, clipped there."""
    if not page.folds:
        return [page]
    bleed = page.trim.x - page.bleed.x
    edges = [page.trim.x, *page.folds, page.trim.right]
    pages = []
    for i, (left, right) in enumerate(zip(edges, edges[1:])):
        width = right - left
        trim = Box(bleed, page.trim.y, width, page.trim.height)
        media = Box(0, 0, width + 2 * bleed, page.media.height)
        items = tuple(kept for item in page.items
                      if (kept := _on_page(item, left, right, bleed)) is not None)
        pages.append(Page(f"{page.name} p{i + 1}", media, trim, media, items,
                          shift=(bleed - left, 0.0), clip=media))
    return pages


def _on_page(item: Item, left: float, right: float, bleed: float) -> Item | None:
    if isinstance(item, TextRun):
        keep = [k for k, x in enumerate(item.xs) if left <= x < right]
        if len(keep) == len(item.xs):
            return item
        if not keep:
            return None
        return item.only(keep)
    x0, x1 = _horizontal_extent(item)
    return item if x1 > left - bleed and x0 < right + bleed else None


def _horizontal_extent(item: Item) -> tuple[float, float]:
    if isinstance(item, Rect):
        return item.box.x, item.box.right
    if isinstance(item, Image):
        return item.clip.x, item.clip.right
    if isinstance(item, Rule):
        return min(item.x1, item.x2) - item.width, max(item.x1, item.x2) + item.width
    xs = [v for op in item.path for v in op[1::2]]
    return (min(xs), max(xs)) if xs else (0.0, 0.0)
