"""Text flow: paragraphs become a stream of lines, the stream is balanced over a region's
columns, and each line is placed on its baseline."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Callable

from spread.compose.model import Line
from spread.layout.context import ASCENT, Context, TextStyle
from spread.page import Item

KEEP_WITH_NEXT_LINES = 3  # a heading stays with at least two lines of what follows


@dataclass(frozen=True)
class FlowLine:
    """A composed line with the height it takes in a column — or a block set in the flow
    like a line (a chart), drawn by `block(x, top, width)`."""

    line: Line | None
    pitch: float  # the line's leading, or the block's height
    space_before: float  # paragraph space above (dropped at a column top)
    keep: bool  # may not end a column (a heading, or a paragraph's first line under a heading)
    path: str  # the content item it sets, for overset reports
    paragraph_start: bool
    block: Callable[[float, float, float], list] | None = None


def paragraph(ctx: Context, text: str, style: TextStyle, measure: float, path: str,
              emphasis=None, prefix: str = "", prefix_style: TextStyle | None = None,
              keep: bool = False) -> list[FlowLine]:
    """Compose one paragraph into flow lines. `prefix` (a bullet) is set in `prefix_style`."""
    runs = []
    if prefix:
        runs += ctx.runs(prefix, prefix_style or style, path)
    runs += ctx.runs(text, style, path, emphasis)
    lines = ctx.compose(runs, style, measure)
    pitch, space = _on_grid(ctx, style.leading), _on_grid(ctx, style.space_before)
    return [FlowLine(line, pitch, space if i == 0 else 0.0, keep, path, i == 0)
            for i, line in enumerate(lines)]


def _on_grid(ctx: Context, length: float) -> float:
    """With a baseline grid, a length rounded up to whole body lines (0 stays 0)."""
    if not ctx.layout.composition.baseline_grid or length <= 0:
        return length
    grid = ctx.style("body").leading
    return math.ceil(length / grid - 0.01) * grid  # a hair over a line is a line


def heading_keeps(lines: list[FlowLine]) -> list[FlowLine]:
    """Mark the lines a heading must stay with (it is never stranded at a column foot)."""
    out = list(lines)
    for i, fl in enumerate(lines):  # the original marks: kept lines do not keep others
        if fl.keep:
            for k in range(i + 1, min(i + KEEP_WITH_NEXT_LINES, len(out))):
                out[k] = replace(out[k], keep=True)
    return out


def _height(lines: list[FlowLine]) -> float:
    return sum(fl.pitch + (fl.space_before if k else 0.0) for k, fl in enumerate(lines))


def split_columns(lines: list[FlowLine], columns: int, height: float | None
                  ) -> tuple[list[list[FlowLine]], list[FlowLine]]:
    """Fill columns in order, each at most `height` tall (None: balance to the least height).
    Returns the columns and the lines that did not fit (overset)."""
    if not lines:
        return [[] for _ in range(columns)], []
    if height is None:
        height = balanced_height(lines, columns)
    cols: list[list[FlowLine]] = []
    rest = list(lines)
    for _ in range(columns):
        take = _fit(rest, height)
        cols.append(rest[:take])
        rest = rest[take:]
    return cols, rest


def _fit(lines: list[FlowLine], height: float) -> int:
    """How many lines from the start fit in `height`, without stranding a kept line."""
    used, take = 0.0, 0
    for k, fl in enumerate(lines):
        step = fl.pitch + (fl.space_before if k else 0.0)
        if used + step > height + 0.01:
            break
        used += step
        take = k + 1
    if take < len(lines):
        # never end a column on a line that must stay with the next
        while take > 0 and lines[take - 1].keep and lines[take].keep:
            take -= 1
        if take == 0:
            take = _force(lines, height)
    return take


def _force(lines: list[FlowLine], height: float) -> int:
    used, take = 0.0, 0
    for k, fl in enumerate(lines):
        used += fl.pitch + (fl.space_before if k else 0.0)
        if used > height + 0.01:
            break
        take = k + 1
    return take


def balanced_height(lines: list[FlowLine], columns: int) -> float:
    """The least column height that holds all lines in `columns` columns."""
    total = _height(lines)
    if columns == 1:
        return total
    low = max(total / columns, max(fl.pitch for fl in lines))
    step = min(fl.pitch for fl in lines) / 4
    height = low
    while height < total + step:
        cols, rest = split_columns(lines, columns, height)
        if not rest:
            return max(_height(c) for c in cols)
        height += step
    return total


def scale_pitch(lines: list[FlowLine], factor: float) -> list[FlowLine]:
    """The same lines with their leading and paragraph space opened by `factor`."""
    return [replace(fl, pitch=fl.pitch * factor, space_before=fl.space_before * factor)
            for fl in lines]


def place_columns(ctx: Context, cols: list[list[FlowLine]], x: float, top: float,
                  measure: float, gutter: float) -> list[Item]:
    """Draw each column's lines from `top` down; columns left to right."""
    items: list[Item] = []
    for c, col in enumerate(cols):
        y = top
        cx = x + c * (measure + gutter)
        for k, fl in enumerate(col):
            if k:
                y -= fl.space_before
            if fl.block is not None:
                items += fl.block(cx, y, measure)
                y -= fl.pitch
                continue
            size = fl.line.size
            baseline = y - (fl.pitch - size) / 2 - ASCENT * size
            items += ctx.draw_line(fl.line, cx, baseline)
            y -= fl.pitch
    return items


def text_height(cols: list[list[FlowLine]]) -> float:
    return max((_height(c) for c in cols), default=0.0)
