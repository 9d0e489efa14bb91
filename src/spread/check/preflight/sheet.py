"""The painted sheet: every paint kept in painting order, indexed by a grid, so a later paint
can ask what ink lies beneath it.

Beneath is answered in two steps. Boxes first: the most ink of any painted area whose box
meets the paint's box, the topmost first, skipping what an upright knockout rectangle
above hides — cheap, and an upper bound. Only when that bound would break a rule is the
answer made exact: the paints under the frame are drawn as separations at the preflight
resolution (`PREFLIGHT_PPI`, coarser for big frames so a frame stays under
`FRAME_PIXELS`), each setting the inks it paints over its real shape (glyph outlines,
path polygons, stroked lines), and the most ink under the paint's own shape is read off.
Where shapes only touch (a glyph beside a bullet) no pixel holds both; a real overlap
holds both over its whole area. The ink of a shape's one-pixel rim is not counted, so
rounding at a shared edge is not an overlap.

Work is bounded: a grid cell keeps at most `CELL_AREAS` areas (older ones merge into one
area carrying the most of each ink, which can only overstate), and the exact drawings of
a file together cover at most `RASTER_BUDGET` pixels; past it, boxes decide.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageFilter, ImageMath

from spread.check.preflight.colour import total
from spread.check.preflight.geometry import Box, inside, intersect, overlap
from spread.check.preflight.shapes import Frame, Shape

PREFLIGHT_PPI = 600.0
FRAME_PIXELS = 1_000_000
RASTER_BUDGET = 400_000_000  # pixels drawn, per file
MAX_CELL_VISITS = 20_000_000  # grid cells visited, per file
CELL = 48.0  # pt: the grid that finds the painted areas under a box without a full scan
CELL_AREAS = 128
MAX_CELLS = 4096  # per page: a huge page gets larger cells


class Budget:
    """The work a file's sheets may do: grid cells visited (past it, the file is too large
    to check) and pixels drawn (past it, boxes decide)."""

    def __init__(self, cells: int, pixels: int, too_large):
        self.cells, self.pixels, self.too_large = cells, pixels, too_large

    def spend_cells(self, n: int) -> None:
        self.cells -= n
        if self.cells < 0:
            raise self.too_large(f"its pages paint more than {MAX_CELL_VISITS:,} grid "
                                 "cells' worth of area")

    def spend_pixels(self, n: int) -> bool:
        if n > self.pixels:
            return False
        self.pixels -= n
        return True


@dataclass
class Area:
    """Something painted: its bounds, the ink it leaves on each colorant, the colorants it
    sets (None: all, a knockout) and its shape."""

    box: Box
    ink: dict[str, float]
    painted: frozenset | None
    shape: Shape | None  # None: the box is the shape
    clip: Box | None = None
    exact: bool = False  # the box is the painted shape (an upright rectangle fill)

    def rest(self, painted: frozenset) -> float:
        """The ink left showing under a paint that replaces `painted`."""
        return total({k: v for k, v in self.ink.items() if k not in painted})

    def mask(self, frame: Frame) -> Image.Image:
        mask = frame.rect(self.box) if self.shape is None or self.exact \
            else self.shape.mask(frame)
        if self.clip is not None and self.shape is not None and not self.exact:
            mask = ImageChops.darker(mask, frame.rect(self.clip))
        return mask


class Sheet:
    """The painted areas of one page."""

    def __init__(self, bleed: Box, budget: "Budget"):
        self.bleed = bleed  # what lies wholly outside is trimmed away: marks, slug
        self.areas: list[Area] = []
        self.cells: dict[tuple[int, int], list[int]] = {}
        self.budget = budget
        # cells of CELL points, or larger on a huge page, so a page has at most MAX_CELLS
        width, height = bleed[2] - bleed[0], bleed[3] - bleed[1]
        self.cell = max(CELL, math.sqrt(max(width * height, 0.0) / MAX_CELLS))

    def prints(self, box) -> bool:
        """Whether any of `box` lies on the printed product (inside the bleed)."""
        return overlap(box, self.bleed, 0.0) is not None

    def _cell_box(self, cell) -> Box:
        i, j = cell
        return (i * self.cell, j * self.cell, (i + 1) * self.cell, (j + 1) * self.cell)

    def _cells(self, box):
        """The grid cells of the part of `box` on the sheet; each counts as work."""
        box = intersect(box, self.bleed)
        if box is None:
            return []
        x0, y0, x1, y1 = (int(math.floor(v / self.cell)) for v in box)
        self.budget.spend_cells((x1 - x0 + 1) * (y1 - y0 + 1))
        return [(i, j) for i in range(x0, x1 + 1) for j in range(y0, y1 + 1)]

    def add(self, area: Area) -> None:
        index = len(self.areas)
        self.areas.append(area)
        for cell in self._cells(area.box):
            held = self.cells.setdefault(cell, [])
            if area.exact and area.painted is None and \
                    inside(self._cell_box(cell), area.box, 0.0):
                held.clear()  # what was painted in this cell is hidden
            held.append(index)
            if len(held) > CELL_AREAS:
                self._merge(cell, held)

    def _merge(self, cell, held: list[int]) -> None:
        """Fold the older half of a crowded cell into one area with the most of each ink:
        the cell stays bounded and beneath can only grow."""
        old = [self.areas[i] for i in held[:CELL_AREAS // 2]]
        ink: dict[str, float] = {}
        for a in old:
            for k, v in a.ink.items():
                ink[k] = max(ink.get(k, 0.0), v)
        box = intersect(self._cell_box(cell), _union(a.box for a in old))
        del held[:CELL_AREAS // 2]
        if box is not None:
            self.areas.append(Area(box, ink, frozenset(ink), None))
            held.insert(0, len(self.areas) - 1)

    def candidates(self, box: Box) -> list[int]:
        """Areas whose box meets `box`, topmost first, down to an exact knockout that
        covers it all."""
        near = sorted({i for cell in self._cells(box) for i in self.cells.get(cell, ())},
                      reverse=True)
        out = []
        for i in near:
            area = self.areas[i]
            if overlap(area.box, box) is None:
                continue
            out.append(i)
            if area.exact and area.painted is None and inside(box, area.box, 0.0):
                break
        return out

    def bound(self, boxes: list[Box], painted: frozenset) -> float:
        """The most ink beneath any of `boxes` that a paint replacing `painted` keeps,
        judged by boxes: an upper bound."""
        worst = 0.0
        for box in boxes:
            covers: list[Box] = []
            for i in self.candidates(box):
                area = self.areas[i]
                part = overlap(area.box, box)
                if any(inside(part, c, 0.0) for c in covers):
                    continue
                worst = max(worst, area.rest(painted))
                if area.exact and area.painted is None:
                    covers.append(area.box)
        return worst

    def exact(self, boxes: list[Box], shape: Shape, clip: Box | None,
              painted: frozenset) -> float | None:
        """The most ink beneath the paint's shape that it keeps, from separations drawn
        under its frame; None when the drawing budget is spent."""
        region = _union(boxes)
        if clip is not None:
            region = intersect(region, clip)
        if region is None:
            return 0.0
        points = (region[2] - region[0]) * (region[3] - region[1])
        scale = min(PREFLIGHT_PPI / 72, math.sqrt(FRAME_PIXELS / max(points, 1e-6)))
        frame = Frame(region, scale)
        under = sorted(self.candidates(region))
        cost = frame.size[0] * frame.size[1] * (len(under) + 2)
        if not self.budget.spend_pixels(cost):
            return None
        inks = sorted({k for i in under for k in self.areas[i].ink} - set(painted))
        if not inks:
            return 0.0
        plates = {k: frame.blank() for k in inks}
        for i in under:
            area = self.areas[i]
            mask = area.mask(frame)
            for k in inks:
                if area.painted is None or k in area.painted:
                    plates[k].paste(round(area.ink.get(k, 0.0) * 255), mask=mask)
        mine = shape.mask(frame)
        if clip is not None:
            mine = ImageChops.darker(mine, frame.rect(clip))
        mine = mine.filter(ImageFilter.MinFilter(3))  # the rim: rounding, not overlap
        summed = ImageMath.lambda_eval(lambda a: sum(a[k] for k in inks), **plates) \
            if len(inks) > 1 else plates[inks[0]].convert("I")
        summed.paste(0, mask=ImageChops.invert(mine))
        return summed.getextrema()[1] / 2.55


def _union(boxes) -> Box | None:
    boxes = list(boxes)
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))
