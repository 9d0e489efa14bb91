"""The masthead (报头) of a front page: the paper's name large, and beside it the edition's
lines — date, 农历, 期号, 版次, the CN number and 邮发代号 — one a line."""

from __future__ import annotations

from spread.errors import OversetError
from spread.layout.blocks import length, option
from spread.layout.context import ASCENT, Context, set_width
from spread.page import Box, Frame, Item, Rule
from spread.template import Region

MM = 72 / 25.4


def masthead(ctx: Context, region: Region, width, height) -> Frame:
    """The name centred in what the lines leave of the region's width, the lines flush
    right, a divider between them when the layout asks; both centred in the frame's
    height. A name or line that does not fit its room is an overset with the amount."""
    edition = ctx.content.edition
    line_style = ctx.style(option(region, "line_style", "masthead_line"))
    lines = [(_one_line(ctx, region, text, path, line_style, width), path)
             for path, text in edition.masthead_lines()]
    block = max((set_width(line) for line, _ in lines), default=0.0)
    gap = length(ctx, option(region, "gap", "1字")) if lines else 0.0
    room = width - block - 2 * gap
    name_style = ctx.style(option(region, "name_style", "masthead"))
    name = (_one_line(ctx, region, edition.paper, "edition.paper", name_style, room)
            if edition.paper else None)
    name_h = name_style.leading if name else 0.0
    lines_h = len(lines) * line_style.leading
    natural = max(name_h, lines_h)
    if height is None:  # no height given: set at its natural height
        height = natural
    items: list[Item] = []
    if name is not None:
        top = -(height - name_h) / 2
        baseline = top - (name_style.leading - name.size) / 2 - ASCENT * name.size
        items += ctx.draw_line(name, (room - set_width(name)) / 2 - _left(name), baseline)
    y = -_lines_top(ctx, line_style, height, lines_h)
    top = y
    for line, _ in lines:
        baseline = y - (line_style.leading - line.size) / 2 - ASCENT * line.size
        items += ctx.draw_line(line, width - block - _left(line), baseline)
        y -= line_style.leading
    divider = option(region, "divider", "")
    if divider and name is not None and lines:
        x = width - block - gap
        items.append(Rule(x, top, x, top - lines_h, ctx.colour(divider), ctx.rule("fine")))
    # a head across its region: the white about the name and under its lines is its design,
    # as a story head's band is — kept clear, the lines no column short of its foot
    return Frame(width, height, tuple(items), reserved=(
        Box(0.0, -height, width, height), Box(width - block, -height, block, height + top)))


def _lines_top(ctx: Context, style, height: float, lines_h: float) -> float:
    """How far below the frame's top the lines start: centred in its height — on the page's
    baseline grid when they are set at its pitch (body-sized lines are body lines to the
    grid's meters), a whole number of grid steps down."""
    down = (height - lines_h) / 2
    grid = ctx.grid
    if grid and abs(style.leading - grid) < 0.01:
        down = min(max(round(down / grid) * grid, 0.0), max(height - lines_h, 0.0))
    return down


def _one_line(ctx: Context, region: Region, text: str, path: str, style, width: float):
    """One line of the masthead, set flush left at its natural width, or overset by what
    it is too long."""
    lines = ctx.compose(ctx.runs(text, style, path), style, max(width, 1.0), 0.0)
    if len(lines) > 1 or width <= 0:
        needed = sum(set_width(line) for line in lines)
        raise OversetError(
            f"overset: the masthead's {path} «{text}» is {needed / MM:.1f} mm long; it has "
            f"{max(width, 0.0) / MM:.1f} mm in region 'masthead' (columns {region.columns}): "
            f"{(needed - max(width, 0.0)) / MM:.1f} mm over", ctx.content.location(path),
            hint="give the masthead more columns, set the name smaller (its style) or "
                 "shorten the edition's lines")
    return lines[0]


def _left(line) -> float:
    """Where a line's ink starts from the x it is drawn at (past an indent or centring)."""
    return line.start + (line.glyphs[0].box if line.glyphs else 0.0)
