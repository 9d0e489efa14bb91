"""The page's geometry: its boxes, the type area and the grid of basic columns, in points
from the media box's lower left — what the layout places regions by."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spread.page import Box
from spread.template import Layout, Region, basic_column, parse_columns


@dataclass(frozen=True)
class Geometry:
    """The page's boxes and its grid, in points from the media box's lower left."""

    media: Box
    bleed: Box
    trim: Box
    area: Box  # the type area (版心)
    column: float
    gutter: float
    folds: tuple[float, ...] = ()  # x of a spread's fold
    fold_after: int = 0  # the basic column left of the fold (0: no fold)
    fold_extra: float = 0.0  # how much wider the gutter across the fold is

    def columns(self, region: Region) -> tuple[float, float]:
        first, last = parse_columns(region.columns)
        x = self.area.x + (first - 1) * (self.column + self.gutter)
        width = (last - first + 1) * self.column + (last - first) * self.gutter
        if self.fold_after:
            if first > self.fold_after:
                x += self.fold_extra
            elif last > self.fold_after:
                width += self.fold_extra
        return x, width

    def seen_from(self, x: float, top: float) -> Geometry:
        """The page in the coordinates of a frame whose top left corner is at (x, top)."""
        return replace(self, media=self.media.moved(-x, -top), bleed=self.bleed.moved(-x, -top),
                       trim=self.trim.moved(-x, -top), area=self.area.moved(-x, -top),
                       folds=tuple(fold - x for fold in self.folds))


def geometry(layout: Layout) -> Geometry:
    unit = layout.grid.unit.pt()
    w, h = (v.pt(unit) for v in layout.page.size)
    bleed = layout.page.bleed.pt(unit)
    m = layout.page.margins
    trim = Box(bleed, bleed, w, h)
    area = Box(trim.x + m.left.pt(unit), trim.y + m.bottom.pt(unit),
               w - m.left.pt(unit) - m.right.pt(unit), h - m.top.pt(unit) - m.bottom.pt(unit))
    gutter = layout.grid.gutter.pt(unit)
    n = layout.grid.columns
    folded = layout.page.pages == 2
    fold_gutter = layout.grid.fold_gutter.pt(unit) if layout.grid.fold_gutter else gutter
    extra = fold_gutter - gutter if folded else 0.0
    column = basic_column(layout)
    media = Box(0, 0, w + 2 * bleed, h + 2 * bleed)
    folds = (trim.x + w / 2,) if folded else ()
    return Geometry(media, Box(0, 0, media.width, media.height), trim, area, column, gutter,
                    folds, n // 2 if folded else 0, extra)
