"""Chart regions: simple vector charts drawn from content data. Every word and number on a
chart is a quote from a report item (content.py checks each one), so a chart can only
picture what the text says.

A `chart` region shows one chart of the content, e.g. `content: charts[0]`. Kind `bars`:
one row per bar — its label flush right against a baseline rule, the bar growing from that
rule to a length proportional to its figure's value (63名 → 63, 1100余万元 → 11 000 000;
content.py makes every bar of a chart count the same unit), and the figure as written at
the bar's end. The longest bar leaves room for its figure inside the region.

Options of a `chart` region:
  bar            the bars' colour (red)
  rule           the baseline rule's colour (rule), at the layout's `fine` weight
  thickness      a bar's thickness, a share of its row's natural pitch (0.55)
  label_style    the labels' style (chart_label)
  value_style    the figures' style (chart_value)
  grow           how far a taller frame may open the bars' pitch, a factor ≥ 1 (MAX_OPEN);
                 in a section's flow (its chart_options) the chart takes its column's
                 slack only when grow is given, up to that factor of its height

A bar is never thinner, nor (when its value is above nought) shorter, than the layout's
`standard` rule: newsprint loses finer lines in colour. A row taller than the chart opens
the bars' pitch up to `grow` times, then centres them.
"""

from __future__ import annotations

from dataclasses import replace

from spread.compose.model import Line
from spread.content import Chart, count
from spread.errors import InputError, OversetError
from spread.layout.blocks import grow_factor, option, resolve
from spread.layout.context import ASCENT, Context, TextStyle
from spread.layout.problems import place, tall
from spread.page import Box, Frame, Item, Rect, Rule
from spread.template import Region

GAP = 0.5  # between a label and the rule, and between a bar and its figure, in 字
MIN_BARS = 1 / 3  # the share of the region's width the longest bar needs at least
MAX_OPEN = 1.5  # how far a taller row may open the rows' pitch


def chart(ctx: Context, region: Region, width, height) -> Frame:
    data = _chart(ctx, region)
    path = region.content
    label_style = _style(ctx, region, "label_style", "chart_label")
    value_style = _style(ctx, region, "value_style", "chart_value")
    labels = [_line(ctx, bar.label, label_style, f"{path}.bars[{i}].label")
              for i, bar in enumerate(data.bars)]
    values = [_line(ctx, bar.figure, value_style, f"{path}.bars[{i}].figure")
              for i, bar in enumerate(data.bars)]
    gap = GAP * ctx.unit
    axis = max(line.width for line in labels) + gap
    room = width - axis - gap - max(line.width for line in values)
    if room < MIN_BARS * width:
        raise OversetError(
            f"overset: the labels and figures of {path} leave {max(room, 0) / 2.835:.1f} mm "
            f"for bars in region 'chart {path}' ({place(region)}); they need "
            f"{MIN_BARS * width / 2.835:.1f} mm", ctx.content.location(path),
            hint="give the chart region more columns, or shorter labels")
    pitch = max(label_style.leading, value_style.leading)
    natural = pitch * len(data.bars)
    if height is None:  # no height given: set at its natural height
        height = natural
    if height < natural - 0.01:
        raise OversetError(
            f"overset: {path} needs {natural / 2.835:.1f} mm for its {len(data.bars)} bars; "
            f"region 'chart {path}' ({place(region)}) is {tall(height)}",
            ctx.content.location(path), hint="give the chart's row more height in the layout")
    row = min(height / len(data.bars), pitch * _opening(region))
    first = -(height - row * len(data.bars)) / 2
    items: list[Item] = [Rule(axis, first, axis, first - row * len(data.bars),
                              ctx.colour(option(region, "rule", "rule")), ctx.rule("fine"))]
    lengths = _lengths(ctx, data, room)
    thickness = max(float(option(region, "thickness", 0.55)) * pitch, ctx.rule("standard"))
    fill = ctx.colour(option(region, "bar", "red"))
    for i, (label, value, length) in enumerate(zip(labels, values, lengths)):
        middle = first - (i + 0.5) * row
        items += _text(ctx, label, axis - gap - label.width, middle)
        if length:
            items.append(Rect(Box(axis, middle - thickness / 2, length, thickness), fill=fill))
        items += _text(ctx, value, axis + length + gap, middle)
    return Frame(width, height, tuple(items), (Box(0.0, -height, width, height),))  # its white


def _opening(region: Region) -> float:
    """How far the bars' pitch may open: the region's `grow`, else MAX_OPEN."""
    return grow_factor(region, MAX_OPEN, "chart",
                       "grow: 1.5 lets the chart open to one and a half times its height")


def most_height(region: Region, natural: float) -> float:
    """The tallest a chart set in a section's flow may become: `grow` times its natural
    height when its options give grow, else its natural height."""
    return natural * _opening(region) if "grow" in region.options else natural


def _chart(ctx: Context, region: Region) -> Chart:
    data = resolve(ctx, region.content) if region.content else None
    if not isinstance(data, Chart):
        raise InputError(f"a chart region shows one chart; '{region.content}' is not one",
                         region.where, hint="content: charts[0]")
    return data


def _style(ctx: Context, region: Region, key: str, default: str) -> TextStyle:
    name = option(region, key, default)
    if name not in ctx.layout.styles:
        raise InputError(f"the chart region {region.content} uses style '{name}', which the "
                         "layout does not define", region.where,
                         hint=f"add a style '{name}' to styles, or name one with {key}")
    return ctx.style(name)


def _line(ctx: Context, text: str, style: TextStyle, path: str) -> Line:
    """A label or figure on one line at its own width: set from the start whatever the
    style's alignment (the chart places it), so `align: end` does not take the measure."""
    style = replace(style, align="start", indent=0.0)
    return ctx.compose(ctx.runs(text, style, path), style, 10_000.0, 0.0)[0]


def _lengths(ctx: Context, data: Chart, room: float) -> list[float]:
    """Each bar's length: its value's share of the largest, the largest filling `room`; a
    bar above nought is at least a `standard` rule long, so it prints."""
    values = [count(bar.figure)[0] for bar in data.bars]
    largest = max(values)
    shortest = ctx.rule("standard")
    return [max(room * v / largest, shortest) if v > 0 else 0.0 for v in values]


def _text(ctx: Context, line: Line, left: float, middle: float) -> list[Item]:
    """A one-line text starting at `left`, its em box centred on `middle`."""
    baseline = middle - (ASCENT - 0.5) * line.size
    return ctx.draw_line(line, left - line.start, baseline)
