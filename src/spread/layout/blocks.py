"""The kinds of region a layout can place: banner, text, figures (数说), section module,
honour roll, folio and credit lines. Each builds its items inside a frame given by the row
engine; with no height it reports the height it needs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spread.errors import OversetError
from spread.compose.vertical import compose_vertical
from spread.layout import flow, ornament
from spread.layout.context import ASCENT, Adjust, Context, shrink_steps
from spread.page import Box, Item, Rect, Rule
from spread.template import Region

# a figure in a report item: a number with its magnitude, approximator and measure word
FIGURE = re.compile(
    r"\d+(?:\.\d+)?[%‰]?(?:[余多]?[万亿千][余多]?|[余多])?"
    r"(?:批次|场次|人次|万元|余名|名|家|个|件|人|元|项|张|条|份|场|册|次|%以上|以上)?")


EMPTY_WARNING = 0.5  # a text region less than half full is reported


@dataclass
class Built:
    """A region's items and the height it takes."""

    height: float
    items: list[Item] = field(default_factory=list)


def build(ctx: Context, region: Region, x: float, top: float, width: float,
          height: float | None) -> Built:
    """Build a region under its copyfit state; a fixed frame it overflows is refitted step by
    step when its policy is shrink, and the overset error stands when the floors are hit."""
    try:
        return _build_adjusted(ctx, region, x, top, width, height)
    except OversetError:
        if region.fit.policy != "shrink" or height is None:
            raise
        for step in shrink_steps(region.fit):
            if _is_tighter(ctx.fits.get(id(region)), step):
                continue
            ctx.fits[id(region)] = step
            try:
                return _build_adjusted(ctx, region, x, top, width, height)
            except OversetError:
                continue
        raise


def _is_tighter(current, step) -> bool:
    """A step no further than the region's present state (steps only ever tighten)."""
    return current is not None and (step.size, step.tracking, step.leading) >= (
        current.size, current.tracking, current.leading)


def _build_adjusted(ctx: Context, region: Region, x, top, width, height) -> Built:
    previous = ctx.adjust
    ctx.adjust = ctx.fits.get(id(region), Adjust())
    try:
        return KINDS[region.kind](ctx, region, x, top, width, height)
    finally:
        ctx.adjust = previous


def resolve(ctx: Context, path: str):
    """The content object at a path such as sections[2] or lead."""
    obj = ctx.content.at(path)
    if obj is None:
        from spread.errors import InputError

        raise InputError(f"content path '{path}' does not exist in the content",
                         hint="paths look like lead, sections[0], honour_roll, figures")
    return obj


def _option(region: Region, name: str, default):
    return region.options.get(name, default)


def _columns(ctx: Context, width: float, split: int) -> tuple[float, float]:
    """Measure and gutter of `split` text columns in `width`: the measure a whole number of
    characters (a character grid), the remainder going to the gutters."""
    unit = ctx.unit
    gutter = ctx.layout.grid.gutter.pt(unit)
    if split == 1:
        return width, gutter
    raw = (width - (split - 1) * gutter) / split
    measure = int(raw / unit + 1e-6) * unit
    return measure, (width - split * measure) / (split - 1)


def _overset(ctx: Context, region: Region, rest: list[flow.FlowLine], height: float) -> None:
    chars = sum(len(fl.line.glyphs) for fl in rest if fl.line)
    first = rest[0]
    raise OversetError(
        f"overset: {first.path} does not fit region '{region.kind} {region.content}' "
        f"(columns {region.columns}, {height / 2.835:.1f} mm tall): {len(rest)} line(s), "
        f"{chars} character(s) over", ctx.content.location(first.path),
        hint="shorten the text or give the region more room in the layout")


def _flow_block(ctx: Context, region: Region, lines: list[flow.FlowLine], x: float, top: float,
                width: float, height: float | None, split: int) -> Built:
    measure, gutter = _columns(ctx, width, split)
    _check_fold(ctx, region, x, measure, gutter, split)
    if height is None:
        cols, rest = flow.split_columns(lines, split, None)
        return Built(flow.text_height(cols))
    lines = _open_leading(ctx, region, lines, split, height)
    cols, rest = flow.split_columns(lines, split, flow.balanced_height(lines, split)
                                    if lines else 0.0)
    if flow.text_height(cols) > height + 0.01:
        cols, rest = flow.split_columns(lines, split, height)
    if rest and region.name in ctx.followed:  # a linked frame takes the rest
        ctx.overflow[region.name] = (rest, measure)
    elif rest:
        _overset(ctx, region, rest, height)
    used = flow.text_height(cols)
    if lines and used < EMPTY_WARNING * height:
        ctx.notes.append(f"warning: region {region.kind} {region.content} (columns "
                         f"{region.columns}) is {1 - used / height:.0%} empty")
    return Built(height, flow.place_columns(ctx, cols, x, top, measure, gutter))


def _check_fold(ctx: Context, region: Region, x: float, measure: float, gutter: float,
                split: int) -> None:
    """A text column never crosses a spread's fold: its lines would be cut in two."""
    for c in range(split):
        left = x + c * (measure + gutter)
        for fold in ctx.page_box.folds:
            if left < fold < left + measure:
                from spread.errors import InputError

                raise InputError(
                    f"text column {c + 1} of {split} in region '{region.kind} "
                    f"{region.content}' (columns {region.columns}) crosses the fold",
                    region.where, hint="choose a split that puts a gutter on the fold (an "
                                       "even one for a region centred on it), or stop the "
                                       "region at the fold")


def _open_leading(ctx: Context, region: Region, lines: list[flow.FlowLine], split: int,
                  height: float) -> list[flow.FlowLine]:
    """`fill: leading` opens the line pitch (up to `max_leading` times) so the balanced
    columns reach the foot of a region that the row made taller than its text."""
    if _option(region, "fill", "none") != "leading" or not lines:
        return lines
    natural = flow.balanced_height(lines, split)
    factor = min(float(_option(region, "max_leading", 1.25)), height / natural)
    if factor <= 1.0:
        return lines
    opened = flow.scale_pitch(lines, factor)
    if flow.balanced_height(opened, split) > height + 0.01:  # balancing is not exactly linear
        opened = flow.scale_pitch(lines, factor * height / flow.balanced_height(opened, split))
    return opened


# -- text ----------------------------------------------------------------------------------

def text(ctx: Context, region: Region, x, top, width, height) -> Built:
    measure, _ = _columns(ctx, width, region.split)
    if region.follows:
        lines = _continued(ctx, region, measure)
    else:
        style = ctx.style(region.style or "body")
        body = resolve(ctx, region.content)
        paragraphs = body if isinstance(body, list) else [body]
        lines = []
        for i, para in enumerate(paragraphs):
            path = f"{region.content}[{i}]" if isinstance(body, list) else region.content
            lines += flow.paragraph(ctx, para, style, measure, path)
    return _flow_block(ctx, region, lines, x, top, width, height, region.split)


def _continued(ctx: Context, region: Region, measure: float) -> list[flow.FlowLine]:
    """The lines a linked frame takes over from the region it follows."""
    rest, their_measure = ctx.overflow.get(region.follows, ([], measure))
    if rest and abs(their_measure - measure) > 0.01:
        from spread.errors import InputError

        raise InputError(
            f"region follows '{region.follows}' but its text measure is {measure:.1f} pt "
            f"against {their_measure:.1f} pt there", region.where,
            hint="linked frames carry composed lines: give both the same column width")
    return rest


# -- stack and decoration ------------------------------------------------------------------------

def stack(ctx: Context, region: Region, x, top, width, height) -> Built:
    """Regions one above the other in the same columns; spare height goes to those marked
    grow (or the last)."""
    gap = _length(ctx, _option(region, "gap", "0.8字"))
    frames = [(child, *_child_columns(ctx, child, x, width)) for child in region.regions]
    heights = [child.height.pt(ctx.unit) if child.height is not None
               else build(ctx, child, cx, top, cw, None).height for child, cx, cw in frames]
    natural = sum(heights) + gap * (len(heights) - 1)
    if height is None:
        return Built(natural)
    growing = [i for i, (child, _, _) in enumerate(frames) if child.grow] or [len(frames) - 1]
    for i in growing:
        heights[i] += max(0.0, height - natural) / len(growing)
    items: list[Item] = []
    y = top
    for (child, cx, cw), h in zip(frames, heights):
        items += build(ctx, child, cx, y, cw, h).items
        y -= h + gap
    return Built(height, items)


def _child_columns(ctx: Context, child: Region, x: float, width: float) -> tuple[float, float]:
    return ctx.page_box.columns(child) if child.columns else (x, width)


def _length(ctx: Context, value) -> float:
    from spread.units import Length

    return Length.parse(value).pt(ctx.unit)


def decoration(ctx: Context, region: Region, x, top, width, height) -> Built:
    """Ornament as data: a tint (底纹), a 花边 border, rules above or below, and a field that
    may run out to the bleed on chosen sides."""
    natural = _length(ctx, _option(region, "height", 0))
    if height is None:
        return Built(natural)
    box = Box(x, top - height, width, height)
    bleed = ctx.page_box.bleed
    for side in _option(region, "bleed", []):
        if side == "top":
            box = Box(box.x, box.y, box.width, bleed.top - box.y)
        elif side == "bottom":
            box = Box(box.x, bleed.y, box.width, box.top - bleed.y)
        elif side == "left":
            box = Box(bleed.x, box.y, box.right - bleed.x, box.height)
        elif side == "right":
            box = Box(box.x, box.y, bleed.right - box.x, box.height)
    items: list[Item] = []
    if "tint" in region.options:
        items.append(Rect(box, fill=ctx.colour(region.options["tint"])))
    if "border" in region.options:
        items += ornament.lace_border(box, ctx.colour(region.options["border"]),
                                      ctx.colour(_option(region, "accent", "gold")),
                                      ctx.rule("standard"))
    for where, y in (("rule_above", box.top), ("rule_below", box.y)):
        if where in region.options:
            items.append(Rule(box.x, y, box.right, y, ctx.colour(region.options[where]),
                              ctx.rule(_option(region, "weight", "standard"))))
    return Built(height, items)


# -- banner ----------------------------------------------------------------------------------

def banner(ctx: Context, region: Region, x, top, width, height) -> Built:
    """通栏 banner: the headline very large and the kicker on a colour field that bleeds."""
    head_style = ctx.style(_option(region, "headline_style", "headline"))
    kick_style = ctx.style(_option(region, "kicker_style", "kicker"))
    c = ctx.content
    head = ctx.compose(ctx.runs(c.headline, head_style, "headline"), head_style, width, 0.0)
    kick = (ctx.compose(ctx.runs(c.kicker, kick_style, "kicker"), kick_style, width, 0.0)
            if c.kicker else [])
    pad = _option(region, "padding", 1.0) * ctx.unit * 2
    natural = (pad * 2 + len(head) * head_style.leading + len(kick) * kick_style.leading)
    if height is None:
        return Built(natural)
    page = ctx.page_box
    items: list[Item] = []
    field_colour = ctx.colour(_option(region, "field", "red"))
    accent = ctx.colour(_option(region, "accent", "gold"))
    # the field runs from the bleed edge above the type area down to the row's foot
    bottom = top - height
    field_box = Box(page.bleed.x, bottom, page.bleed.width, page.bleed.top - bottom)
    items.append(Rect(field_box, fill=field_colour))
    items += _banner_ornament(ctx, field_box, page.trim, accent, bottom)
    block = len(head) * head_style.leading + len(kick) * kick_style.leading
    y = bottom + (height - block) / 2 + block
    for line in head:
        size = line.size
        baseline = y - (head_style.leading - size) / 2 - ASCENT * size
        items += ctx.draw_line(line, x, baseline)
        y -= head_style.leading
    for line in kick:
        size = line.size
        baseline = y - (kick_style.leading - size) / 2 - ASCENT * size
        lx = x + line.start
        gap = size
        rule_y = baseline + size * 0.35
        weight = ctx.rule("standard")
        items.append(Rule(x, rule_y, lx - gap, rule_y, accent, weight))
        items.append(Rule(lx + line.width + gap, rule_y, x + width, rule_y, accent, weight))
        items += ctx.draw_line(line, x, baseline)
        y -= kick_style.leading
    return Built(height, items)


def _banner_ornament(ctx: Context, field_box: Box, trim: Box, accent, bottom: float) -> list:
    """Gold rules along the field's foot and a scatter of stars: festive, never over text."""
    items: list = [Rule(field_box.x, bottom + 6, field_box.right, bottom + 6, accent,
                        ctx.rule("heavy")),
                   Rule(field_box.x, bottom + 11, field_box.right, bottom + 11, accent,
                        ctx.rule("standard"))]
    margin = ctx.layout.page.margins.left.pt()
    for fx, fy, r in ((0.35, 0.62, 0.34), (0.7, 0.78, 0.18), (0.55, 0.3, 0.2)):
        for side in (trim.x, trim.right - margin):
            cx = side + margin * fx
            cy = bottom + (trim.top - bottom) * fy
            items.append(ornament.star(cx, cy, margin * r, accent))
    return items


# -- figures (数说) ----------------------------------------------------------------------------

_NUMBER = re.compile(r"^\d+(?:\.\d+)?%?")


def figures(ctx: Context, region: Region, x, top, width, height) -> Built:
    """数说: each figure big in its own cell with its label; a share may be drawn as a ring."""
    figs = resolve(ctx, region.content or "figures")
    if not figs:
        return Built(0.0)
    names = (_option(region, "number_style", "figure_number"),
             _option(region, "unit_style", "figure_unit"),
             _option(region, "label_style", "figure_label"))
    num_style, _, label_style = (ctx.style(n) for n in names)
    pad = ctx.unit
    cell_w = width / len(figs)
    natural = pad * 2 + num_style.leading + label_style.leading
    if height is None:
        return Built(natural)
    items: list[Item] = [Rect(Box(x, top - height, width, height),
                              fill=ctx.colour(_option(region, "tint", "cream")))]
    accent = ctx.colour(_option(region, "accent", "red"))
    divider = ctx.colour(_option(region, "divider", "gold"))
    steps = _shared_steps(ctx, region, figs, names, cell_w - pad)
    for i, fig in enumerate(figs):
        cx = x + i * cell_w
        if i:
            items.append(Rule(cx, top - height + pad, cx, top - pad, divider,
                              ctx.rule("standard")))
        cell = Box(cx + pad / 2, top - height + pad, cell_w - pad, height - 2 * pad)
        path = f"{region.content or 'figures'}[{i}]"
        if fig.chart == "ring":
            items += _ring_figure(ctx, region, fig, names, cell, accent, path)
        else:
            items += _stacked_figure(ctx, region, fig, names, cell, path, steps)
    return Built(height, items)


def _shared_steps(ctx: Context, region: Region, figs, names, width: float) -> tuple:
    """One size for every number of the panel: the step the widest figure needs."""
    base = region.content or "figures"
    worst = 0
    for i, fig in enumerate(figs):
        if fig.chart == "ring":
            continue
        number, unit = _split_figure(fig.figure)
        _, factor = _figure_line(ctx, region, number, unit, names, width, f"{base}[{i}]")
        worst = max(worst, FIGURE_STEPS.index(factor))
    if worst:
        ctx.notes.append(f"{base}: figures set at {FIGURE_STEPS[worst]:.0%} of their size "
                         "so the widest fits its cell")
    return FIGURE_STEPS[worst:]


def _split_figure(figure: str) -> tuple[str, str]:
    m = _NUMBER.match(figure)
    return (m.group(), figure[m.end():]) if m else (figure, "")


FIGURE_STEPS = (1.0, 0.92, 0.85, 0.78, 0.7, 0.6)
RING_STEPS = (0.6, 0.55, 0.5, 0.45, 0.4)  # a number inside a ring starts smaller


def _figure_line(ctx: Context, region: Region, number: str, unit: str, names, width: float,
                 path: str, steps=FIGURE_STEPS):
    """The number and its unit on one line, the type reduced in steps (to the last step at
    most) until it fits the cell: an explicit, bounded copyfit rule."""
    for factor in steps:
        num, unit_style = ctx.style(names[0], factor), ctx.style(names[1], factor)
        runs = ctx.runs(number, num, path) + (ctx.runs(unit, unit_style, path) if unit else [])
        line = ctx.compose(runs, num, 10_000.0, 0.0)[0]
        if line.width <= width:
            return line, factor
    raise OversetError(f"the figure '{number}{unit}' does not fit its cell "
                       f"({width / 2.835:.0f} mm) even at {steps[-1]:.0%} size",
                       ctx.content.location(path), hint="widen the figures region")


def _label_lines(ctx: Context, text_: str, style, width: float, path: str):
    return ctx.compose(ctx.runs(text_, style, path), style, width, 0.0)


def _stacked_figure(ctx, region, fig, names, cell: Box, path, steps) -> list[Item]:
    number, unit = _split_figure(fig.figure)
    line, factor = _figure_line(ctx, region, number, unit, names, cell.width, path, steps)
    label_style = ctx.style(names[2])
    labels = _label_lines(ctx, fig.label, label_style, cell.width, path)
    stack = [(line, ctx.style(names[0], factor))] + [(ln, label_style) for ln in labels]
    return _centred_stack(ctx, stack, cell)


def _ring_figure(ctx, region, fig, names, cell: Box, accent, path) -> list[Item]:
    """A share as a ring with its number inside; the rest of the figure and the label beside."""
    number, unit = _split_figure(fig.figure)
    share = float(number.rstrip("%")) / 100 if number.endswith("%") else 0.0
    r = min(cell.height, cell.width * 0.5) / 2
    ring_x, cy = cell.x + r, cell.y + cell.height / 2
    items: list[Item] = ornament.ring(ring_x, cy, r, r * 0.22, share, accent,
                                      ctx.colour(_option(region, "track", "gold")))
    inner = 2 * (r - r * 0.22) * 0.86
    line, factor = _figure_line(ctx, region, number, "", names, inner, path, RING_STEPS)
    baseline = cy - line.size * (ASCENT - 0.5) + line.size * 0.06
    items += ctx.draw_line(line, ring_x - line.width / 2, baseline)
    side = Box(cell.x + 2 * r + ctx.unit * 0.5, cell.y,
               cell.width - 2 * r - ctx.unit * 0.5, cell.height)
    label_style = ctx.style(names[2])
    unit_style = ctx.style(names[1])
    stack = []
    if unit:
        stack += [(ln, unit_style) for ln in _label_lines(ctx, unit, unit_style, side.width, path)]
    stack += [(ln, label_style) for ln in _label_lines(ctx, fig.label, label_style, side.width,
                                                        path)]
    return items + _centred_stack(ctx, stack, side)


def _centred_stack(ctx: Context, stack, box: Box) -> list[Item]:
    """Lines centred horizontally and the whole stack centred vertically in `box`."""
    total = sum(style.leading for _, style in stack)
    y = box.top - (box.height - total) / 2
    items: list[Item] = []
    for line, style in stack:
        baseline = y - (style.leading - line.size) / 2 - ASCENT * line.size
        items += ctx.draw_line(line, box.x + (box.width - line.width) / 2 - line.start, baseline)
        y -= style.leading
    return items


# -- section module ------------------------------------------------------------------------

def section(ctx: Context, region: Region, x, top, width, height) -> Built:
    sec = resolve(ctx, region.content)
    title_style = ctx.style(_option(region, "title_style", "section_title"))
    body = ctx.style(region.style or "body")
    report_title = ctx.style(_option(region, "report_title_style", "report_title"))
    item_style = ctx.style(_option(region, "item_style", "report_item"))
    strong = ctx.style(_option(region, "figure_style", "figure"))
    # figures stand out by themselves (auto) or only where the content marks them (marked)
    auto = FIGURE if _option(region, "emphasis", "auto") == "auto" else None
    bullet_style = ctx.style(_option(region, "bullet_style", "bullet"))
    bar_h = title_style.leading
    gap = ctx.unit * 0.8
    measure, gutter = _columns(ctx, width, region.split)
    lines: list[flow.FlowLine] = []
    if sec.intro:
        lines += flow.paragraph(ctx, sec.intro, body, measure, f"{region.content}.intro")
    if sec.report:
        rpath = f"{region.content}.report"
        lines += flow.paragraph(ctx, sec.report.title, report_title, measure, f"{rpath}.title",
                                keep=True)
        for i, item in enumerate(sec.report.items):
            lines += flow.paragraph(ctx, item, item_style, measure, f"{rpath}.items[{i}]",
                                    emphasis=(auto, strong),
                                    prefix=_option(region, "bullet", "●"),
                                    prefix_style=bullet_style)
    chart = _option(region, "chart", "")
    if chart and ctx.content.at(chart) is not None:
        lines.append(_chart_in_flow(ctx, region, measure))
    elif chart and height is None:
        ctx.notes.append(f"{region.content}: the content has no {chart}; set without a chart")
    lines = flow.heading_keeps(lines)
    head = bar_h + gap
    if height is None:
        inner = _flow_block(ctx, region, lines, x, top, width, None, region.split)
        return Built(head + inner.height)
    items: list[Item] = []
    items += _title_bar(ctx, region, sec.title, f"{region.content}.title", title_style,
                        x, top, width, bar_h)
    inner = _flow_block(ctx, region, lines, x, top - head, width, height - head, region.split)
    items += inner.items
    if region.split > 1:
        for c in range(1, region.split):
            rx = x + c * (measure + gutter) - gutter / 2
            items.append(Rule(rx, top - head, rx, top - height + ctx.unit * 0.3,
                              ctx.colour(_option(region, "divider", "rule")), ctx.rule("fine")))
    return Built(height, items)


def _chart_in_flow(ctx: Context, region: Region, measure: float) -> flow.FlowLine:
    """A chart of the section's figures set after its list, one text column wide."""
    from spread.layout import charts

    chart = Region(kind="chart", content=region.options["chart"],
                   options=_option(region, "chart_options", {}), where=region.where)
    height = charts.chart(ctx, chart, 0.0, 0.0, measure, None).height
    space = ctx.unit * 0.8

    def draw(x: float, top: float, width: float) -> list[Item]:
        return charts.chart(ctx, chart, x, top - space, width, height).items

    return flow.FlowLine(None, height + space, 0.0, False, chart.content, True, draw)


def _title_bar(ctx: Context, region: Region, title: str, path: str, style, x, top, width,
               bar_h) -> list[Item]:
    """A coloured tab carrying the section title and its pictogram, with a rule to the edge."""
    bar = ctx.colour(_option(region, "bar", "red"))
    accent = ctx.colour(_option(region, "accent", "gold"))
    runs = ctx.runs(title, style, path)
    line = ctx.compose(runs, style, width, 0.0)[0]
    icon = _option(region, "pictogram", "")
    icon_w = bar_h * 0.75 if icon else 0.0
    pad = style.style.size * 0.6
    tab_w = pad * 2 + icon_w + (pad * 0.6 if icon else 0.0) + line.width
    items: list[Item] = [Rect(Box(x, top - bar_h, tab_w, bar_h), fill=bar),
                         Rule(x + tab_w, top - bar_h + 1.25, x + width, top - bar_h + 1.25,
                              bar, ctx.rule("heavy")),
                         Rule(x + tab_w, top - bar_h + 5.0, x + width, top - bar_h + 5.0,
                              accent, ctx.rule("standard"))]
    if icon:
        box = Box(x + pad, top - bar_h + (bar_h - icon_w) / 2, icon_w, icon_w)
        items += ornament.pictogram(icon, box, accent)
    tx = x + pad + icon_w + (pad * 0.6 if icon else 0.0)
    baseline = top - (bar_h - line.size) / 2 - ASCENT * line.size
    items += ctx.draw_line(line, tx, baseline)
    return items


# -- honour roll ------------------------------------------------------------------------------

def honour_roll(ctx: Context, region: Region, x, top, width, height) -> Built:
    """荣誉榜 in a 花边 box on a tint: the title set vertically (竖排) in a band at the left,
    the awards with ◆ bullets and their nested items beside it."""
    roll = resolve(ctx, region.content or "honour_roll")
    base = region.content or "honour_roll"
    title_style = ctx.style(_option(region, "title_style", "honour_title"))
    item_style = ctx.style(_option(region, "item_style", "honour_item"))
    sub_style = ctx.style(_option(region, "sub_style", "honour_subitem"))
    bullet_style = ctx.style(_option(region, "bullet_style", "bullet"))
    border = 12.0
    band_w = title_style.style.size * 2.2
    inner_x = x + border + band_w + ctx.unit
    inner_w = width - 2 * border - band_w - 2 * ctx.unit
    lines: list[flow.FlowLine] = []
    for i, item in enumerate(roll.items):
        lines += flow.paragraph(ctx, item.text, item_style, inner_w, f"{base}.items[{i}].text",
                                prefix="◆", prefix_style=bullet_style)
        for k, sub in enumerate(item.items):
            lines += flow.paragraph(ctx, sub.text, sub_style, inner_w,
                                    f"{base}.items[{i}].items[{k}].text",
                                    prefix="◇", prefix_style=bullet_style)
    pad = border + ctx.unit * 0.8
    runs = ctx.runs(roll.title, title_style, f"{base}.title")
    if height is None:
        inner = _flow_block(ctx, region, lines, inner_x, top, inner_w, None, 1)
        title_h = sum(_pitch(r.style) for r in runs for _ in r.text)
        return Built(max(inner.height, title_h) + 2 * pad)
    frame = Box(x, top - height, width, height)
    items: list[Item] = [Rect(frame, fill=ctx.colour(_option(region, "tint", "cream")))]
    items += ornament.lace_border(frame, ctx.colour(_option(region, "border", "red")),
                                  ctx.colour(_option(region, "accent", "gold")),
                                  ctx.rule("standard"))
    band = Box(x + border, frame.y + border, band_w, height - 2 * border)
    items.append(Rect(band, fill=ctx.colour(_option(region, "band", "red"))))
    column = compose_vertical(runs, band.height, ctx.fonts)[0]
    y_top = band.top - (band.height - column.height) / 2
    items += ctx.draw_column(column, band.x + (band.width - column.width) / 2, y_top)
    inner = _flow_block(ctx, region, lines, inner_x, top - pad, inner_w, height - 2 * pad, 1)
    return Built(height, items + inner.items)


def _pitch(style) -> float:
    return style.size * (1 + style.tracking)


# -- folio and credits ----------------------------------------------------------------------------

def folio(ctx: Context, region: Region, x, top, width, height) -> Built:
    """报眉: paper name, date, 版次 and 版名 over a rule; nothing when the content gives none."""
    e = ctx.content.edition
    parts = [p for p in (e.paper, e.date, e.page, e.page_title) if p]
    return _furniture(ctx, region, "　".join(parts), "edition", x, top, width, height)


def credits(ctx: Context, region: Region, x, top, width, height) -> Built:
    c = ctx.content.credits
    parts = [f"{label}：{name}" for label, name in
             (("责任编辑", c.editor), ("美编", c.designer), ("校对", c.proofreader)) if name]
    return _furniture(ctx, region, "　".join(parts), "credits", x, top, width, height)


def _furniture(ctx: Context, region: Region, text_: str, path: str, x, top, width,
               height) -> Built:
    if not text_:
        return Built(0.0)
    style = ctx.style(region.style or "furniture")
    line = ctx.compose(ctx.runs(text_, style, path), style, width, 0.0)[0]
    if height is None:
        return Built(style.leading)
    baseline = top - (style.leading - line.size) / 2 - ASCENT * line.size
    items: list[Item] = ctx.draw_line(line, x, baseline)
    items.append(Rule(x, top - style.leading, x + width, top - style.leading,
                      ctx.colour(style.style.color), ctx.rule("fine")))
    return Built(height, items)


from spread.layout import charts, pictures  # noqa: E402 — built on this module's helpers above

KINDS = {"stack": stack, "decoration": decoration, "banner": banner, "text": text,
         "figures": figures, "section": section, "honour_roll": honour_roll, "folio": folio,
         "credits": credits, "picture": pictures.picture, "chart": charts.chart}
