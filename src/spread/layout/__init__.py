"""Layout: content + template → a page model. Rows of regions are placed down the type area;
each row is as tall as its tallest region (or fixed), and the page's spare height goes to the
rows marked `grow`."""

from __future__ import annotations

from dataclasses import dataclass

from spread.content import Content
from spread.errors import InputError, OversetError
from spread.fonts import FontSet
from spread.fonts.faces import missing_glyph_error
from spread.layout import flow, makeup
from spread.layout.blocks import build
from spread.layout.context import ASCENT, Context, shrink_steps
from spread.layout.kinds import KINDS
from spread.page import Box, Element, Item, Page
from spread.template import Layout, Region, Row, parse_columns


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
    column = (area.width - (n - 1) * gutter - extra) / n
    media = Box(0, 0, w + 2 * bleed, h + 2 * bleed)
    folds = (trim.x + w / 2,) if folded else ()
    return Geometry(media, Box(0, 0, media.width, media.height), trim, area, column, gutter,
                    folds, n // 2 if folded else 0, extra)


def lay_out(content: Content, layout: Layout, fonts: FontSet) -> tuple[Page, list[str]]:
    """The page model and the notes on what layout adjusted."""
    geo = geometry(layout)
    ctx = Context(content, layout, fonts, kinds=KINDS)
    ctx.page_box = geo
    ctx.followed = {r.follows for row in layout.rows for top in row.regions
                    for r in top.walk() if r.follows}
    _fill_linked_frames(ctx, geo, layout)
    heights = [_row_height(ctx, geo, row) for row in layout.rows]
    for row in layout.rows:  # set fixed rows' text too: every character is checked first
        if row.height is not None:
            for region in row.regions:
                _region_height(ctx, geo, region)
    if ctx.missing:
        raise missing_glyph_error(ctx.missing, fonts)
    while geo.area.height - _depth(ctx, layout, heights) < -0.01:
        if not _shrink_tallest(ctx, geo, layout, heights):
            _page_overset(ctx, layout, heights,
                          _depth(ctx, layout, heights) - geo.area.height)
    spare = geo.area.height - _depth(ctx, layout, heights)
    growing = [i for i, row in enumerate(layout.rows) if row.grow]
    for i, extra in zip(growing, flow.shares(spare, len(growing), ctx.grid)):
        heights[i] += extra
    if spare > geo.area.height * 0.05 and not growing:
        ctx.notes.append(f"the page has {spare / 2.835:.0f} mm of unused height; "
                         "mark a row `grow: true` to take it")
    items: list[Item] = []
    elements: list[Element] = []
    top = geo.area.top
    for row, height in zip(layout.rows, heights):
        for region in row.regions:
            x, width = geo.columns(region)
            start = len(items)
            built = build(ctx, region, x, top, width, height)
            items += built.items
            elements.append(Element(_name(region), Box(x, top - height, width, height), start,
                                    len(items), region.where, tuple(built.reserved)))
        top -= _advance(ctx, height, row)
    if ctx.missing:  # set only when placed: figures refitted to their cells
        raise missing_glyph_error(ctx.missing, fonts)
    for row in layout.rows:
        for region in (r for top in row.regions for r in top.walk()):
            if id(region) in ctx.fits:
                ctx.notes.append(f"copyfit: {region.content or region.kind} (columns "
                                 f"{region.columns}) set at {ctx.fits[id(region)].describe()}")
    page = Page(layout.name, geo.media, geo.trim, geo.bleed, tuple(items), folds=geo.folds,
                elements=tuple(elements))
    if ctx.body_pitch is not None:  # make-up is measured in body lines
        report = makeup.survey(page, _baseline_grid(ctx, geo), ctx.grid is not None)
        ctx.notes += [report.summary()] + [f"make-up: {f}" for f in report.findings]
    return page, ctx.notes


def _baseline_grid(ctx: Context, geo: Geometry) -> makeup.BaselineGrid:
    """The page grid of body lines: slots down from the type area's top, a body line's
    baseline where flow.place_columns sets it in its slot."""
    body = ctx.layout.styles["body"]
    size, pitch = body.size.pt(ctx.unit), ctx.body_pitch
    return makeup.BaselineGrid(geo.area.top, pitch, (pitch - size) / 2 + ASCENT * size,
                               body.font, size, geo.column, geo.area)


def _advance(ctx: Context, height: float, row: Row) -> float:
    """How far below a row's top the next row starts: its height and the space after it.
    On a baseline grid the next row starts on the first grid line that keeps at least half
    that space, so the text after a banner or figures returns to the grid without a gap
    of a whole extra line."""
    space = row.space_after.pt(ctx.unit)
    if ctx.grid is None:
        return height + space
    return flow.grid_up(height + space / 2, ctx.grid)


def _depth(ctx: Context, layout: Layout, heights: list[float]) -> float:
    """How much of the type area the rows take, spaces included."""
    return sum(_advance(ctx, h, row) for h, row in zip(heights, layout.rows))


def _name(region: Region) -> str:
    """A region as a person finds it in the layout."""
    what = " ".join(p for p in (region.kind, region.name or region.content) if p)
    return f"{what} (columns {region.columns})"


def _fill_linked_frames(ctx: Context, geo: Geometry, layout: Layout) -> None:
    """Set every region a linked frame follows at its fixed height first, so the follower
    knows the lines it takes over before any row is measured."""
    for row in layout.rows:
        for top in row.regions:
            x, width = geo.columns(top)
            frames = [(top, x, width, row.height)]
            frames += [(child, *(geo.columns(child) if child.columns else (x, width)),
                        child.height) for child in top.regions]
            for region, rx, rw, height in frames:
                if region.name not in ctx.followed:
                    continue
                if height is None:
                    raise InputError(
                        f"region '{region.name}' is followed by a linked frame, so it needs a "
                        "fixed height (its row's height, or its own inside a stack)",
                        region.where)
                build(ctx, region, rx, 0.0, rw, height.pt(ctx.unit))


def _row_height(ctx: Context, geo: Geometry, row: Row) -> float:
    if row.height is not None:
        return row.height.pt(ctx.unit)
    return max((_region_height(ctx, geo, r) for r in row.regions), default=0.0)


def _shrink_tallest(ctx: Context, geo: Geometry, layout: Layout, heights: list[float]) -> bool:
    """One copyfit step on the region that sets the height of the tallest flexible row, when
    its policy allows; False when no region can give any more."""
    candidates = []
    for i, row in enumerate(layout.rows):
        if row.height is not None:
            continue
        for region in row.regions:
            if region.fit.policy == "shrink":
                h = _region_height(ctx, geo, region)
                if h >= heights[i] - 0.01:
                    candidates.append((h, i, region))
    for _, i, region in sorted(candidates, key=lambda c: -c[0]):
        steps = shrink_steps(region.fit)
        current = ctx.fits.get(id(region))
        index = steps.index(current) + 1 if current in steps else 0
        if index < len(steps):
            ctx.fits[id(region)] = steps[index]
            heights[i] = _row_height(ctx, geo, layout.rows[i])
            return True
    return False


def _region_height(ctx: Context, geo: Geometry, region: Region) -> float:
    x, width = geo.columns(region)
    return build(ctx, region, x, 0.0, width, None).height


def _page_overset(ctx: Context, layout: Layout, heights: list[float], over: float) -> None:
    """The page is too short: name the tallest flexible region — the content item that
    pushes its row down — with the overflow in mm, body lines and characters."""
    geo = ctx.page_box
    flexible = [(i, r) for i, row in enumerate(layout.rows) if row.height is None
                for r in row.regions]
    _, region = max(flexible, key=lambda ir: _region_height(ctx, geo, ir[1]))
    body = ctx.style("body")
    lines = over / body.leading
    _, width = geo.columns(region)
    chars = int(lines * width / body.style.size)
    path = region.content or region.kind
    raise OversetError(
        f"overset: {path} makes the page {over / 2.835:.1f} mm too long — about "
        f"{lines:.1f} body lines, {chars} characters — in region '{region.kind}' "
        f"(columns {region.columns})", ctx.content.location(path),
        hint="shorten the text, or give the region more columns or text columns in the layout")
