"""A section's table (表格): its head and rows set in the section's flow, each row a block of
whole body lines, its cells in columns that line up from row to row — a 三线表: a rule above
the head and under it, fine rules between the rows, a rule under the last."""

from __future__ import annotations

from spread.layout import flow, stories
from spread.layout.blocks import option
from spread.layout.context import ASCENT, Context
from spread.page import Item, Rule
from spread.template import Region

CELL_GAP = 1.0  # 字 between the cells of two columns
NATURAL = 10_000.0  # pt: a measure no cell fills, to read a cell's width on one line


def table_lines(ctx: Context, region: Region, table, path: str, measure: float,
                grid: float | None) -> list[flow.FlowLine]:
    """The table as flow lines, a row each, kept in one column; a cell wider than its
    column's share wraps inside it, its row taking as many lines."""
    if not table or not table.rows:
        return []
    cell = stories.style(ctx, region, "table_style", "table_cell", f"{path}.rows")
    rows = [(cells, cell, f"{path}.rows[{k}]") for k, cells in enumerate(table.rows)]
    if table.columns:
        head = stories.style(ctx, region, "table_head_style", "table_head", f"{path}.columns")
        rows.insert(0, (table.columns, head, f"{path}.columns"))
    gap = ctx.unit * CELL_GAP
    count = len(rows[0][0])
    natural = [max(_natural(ctx, cells[j], st, f"{p}[{j}]") for cells, st, p in rows)
               for j in range(count)]
    widths = shares(natural, measure - gap * (count - 1))
    colour = ctx.colour(option(region, "table_rule", "rule"))
    out: list[flow.FlowLine] = []
    for k, (cells, st, p) in enumerate(rows):
        set_cells = [ctx.compose(ctx.runs(text, st, f"{p}[{j}]"), st, widths[j], first_indent=0.0)
                     if text else [] for j, text in enumerate(cells)]
        pitch = flow.grid_up(st.leading, grid)
        height = pitch * max(1, *(len(lines) for lines in set_cells))
        under = "standard" if k == len(rows) - 1 or (k == 0 and table.columns) else "fine"
        out.append(flow.FlowLine(
            None, height, pitch if k == 0 else 0.0, False, p, True,
            _row(ctx, set_cells, widths, gap, pitch, height, colour,
                 above=k == 0, under=under)))
    # one table in one column: no column ends inside it, and no blank line opens in it
    return flow.kept_together(out)


def _row(ctx: Context, set_cells, widths: list[float], gap: float, pitch: float,
         height: float, colour, above: bool, under: str):
    """How a row is drawn at (x, top): its cells' lines on the rows' baselines, its rules."""
    def draw(x: float, top: float, width: float) -> list[Item]:
        items: list[Item] = []
        if above:
            items.append(Rule(x, top, x + width, top, colour, ctx.rule("standard")))
        left = x
        for lines, w in zip(set_cells, widths):
            for i, line in enumerate(lines):
                size = line.size
                baseline = top - i * pitch - (pitch - size) / 2 - ASCENT * size
                items += ctx.draw_line(line, left, baseline)
            left += w + gap
        items.append(Rule(x, top - height, x + width, top - height, colour, ctx.rule(under)))
        return items

    return draw


def _natural(ctx: Context, text: str, style, path: str) -> float:
    """A cell's width set on one line."""
    if not text:
        return 0.0
    lines = ctx.compose(ctx.runs(text, style, path), style, NATURAL, first_indent=0.0)
    # from the first glyph's origin: a centred or flush-right cell starts inside the measure
    return max((line.width - line.glyphs[0].x for line in lines if line.glyphs), default=0.0)


def shares(natural: list[float], room: float) -> list[float]:
    """The columns' widths in `room`: each its widest cell and an equal share of what is
    left over; where the cells do not fit, the widest columns are narrowed to one width
    (their cells wrap), the narrow ones kept whole."""
    total = sum(natural)
    if total <= room:
        return [w + (room - total) / len(natural) for w in natural]
    kept = 0.0
    ordered = sorted(natural)
    level = room / len(natural)
    for i, w in enumerate(ordered):
        rest = len(ordered) - i
        if kept + w * rest >= room:
            level = (room - kept) / rest
            break
        kept += w
    return [min(w, level) for w in natural]
