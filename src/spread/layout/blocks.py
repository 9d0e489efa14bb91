"""The kinds of region a layout can place: banner, text, figures (数说), section module,
honour roll, folio and credit lines. Each builds its items inside a frame given by the row
engine; with no height it reports the height it needs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spread.errors import OversetError
from spread.layout import flow, ornament
from spread.layout.context import ASCENT, Context
from spread.page import Box, Item, Rect, Rule
from spread.template import Region

# a figure in a report item: a number with its magnitude, approximator and measure word
FIGURE = re.compile(
    r"\d+(?:\.\d+)?[%‰]?(?:[余多]?[万亿千][余多]?|[余多])?"
    r"(?:批次|场次|人次|万元|余名|名|家|个|件|人|元|项|张|条|份|场|册|次|%以上|以上)?")


@dataclass
class Built:
    """A region's items and the height it takes."""

    height: float
    items: list[Item] = field(default_factory=list)


def build(ctx: Context, region: Region, x: float, top: float, width: float,
          height: float | None) -> Built:
    return KINDS[region.kind](ctx, region, x, top, width, height)


def resolve(ctx: Context, path: str):
    """The content object at a path such as sections[2] or lead."""
    obj = ctx.content
    for name, index in re.findall(r"([A-Za-z_]+)|\[(\d+)\]", path):
        obj = getattr(obj, name, None) if name else (
            obj[int(index)] if isinstance(obj, list) and int(index) < len(obj) else None)
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
    chars = sum(len(fl.line.glyphs) for fl in rest)
    first = rest[0]
    raise OversetError(
        f"overset: {first.path} does not fit region '{region.kind} {region.content}' "
        f"(columns {region.columns}, {height / 2.835:.1f} mm tall): {len(rest)} line(s), "
        f"{chars} character(s) over", ctx.content.location(first.path),
        hint="shorten the text, give the region more room in the layout, or set fit: shrink")


def _flow_block(ctx: Context, region: Region, lines: list[flow.FlowLine], x: float, top: float,
                width: float, height: float | None, split: int) -> Built:
    measure, gutter = _columns(ctx, width, split)
    if height is None:
        cols, rest = flow.split_columns(lines, split, None)
        return Built(flow.text_height(cols))
    cols, rest = flow.split_columns(lines, split, flow.balanced_height(lines, split)
                                    if lines else 0.0)
    if flow.text_height(cols) > height + 0.01:
        cols, rest = flow.split_columns(lines, split, height)
    if rest:
        _overset(ctx, region, rest, height)
    items = flow.place_columns(ctx, cols, x, top, measure, gutter, height,
                               justify_vertically=_option(region, "vertical_justify", False))
    return Built(height, items)


# -- text ----------------------------------------------------------------------------------

def text(ctx: Context, region: Region, x, top, width, height) -> Built:
    style = ctx.style(region.style or "body")
    body = resolve(ctx, region.content)
    paragraphs = body if isinstance(body, list) else [body]
    measure, _ = _columns(ctx, width, region.split)
    lines = []
    for i, para in enumerate(paragraphs):
        path = f"{region.content}[{i}]" if isinstance(body, list) else region.content
        lines += flow.paragraph(ctx, para, style, measure, path)
    return _flow_block(ctx, region, lines, x, top, width, height, region.split)


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
        items.append(Rule(x, rule_y, lx - gap, rule_y, accent, 1.0))
        items.append(Rule(lx + line.width + gap, rule_y, x + width, rule_y, accent, 1.0))
        items += ctx.draw_line(line, x, baseline)
        y -= kick_style.leading
    return Built(height, items)


def _banner_ornament(ctx: Context, field_box: Box, trim: Box, accent, bottom: float) -> list:
    """Gold rules along the field's foot and a scatter of stars: festive, never over text."""
    items: list = [Rule(field_box.x, bottom + 6, field_box.right, bottom + 6, accent, 2.0),
                   Rule(field_box.x, bottom + 11, field_box.right, bottom + 11, accent, 1.0)]
    margin = ctx.layout.page.margins.left.pt()
    for i, (fx, fy, r) in enumerate(((0.35, 0.62, 0.34), (0.7, 0.78, 0.18), (0.55, 0.3, 0.2))):
        for side in (trim.x, trim.right - margin):
            cx = side + margin * fx
            cy = bottom + (trim.top - bottom) * fy
            items.append(ornament.star(cx, cy, margin * r, accent))
    return items


# -- figures (数说) ----------------------------------------------------------------------------

_NUMBER = re.compile(r"^\d+(?:\.\d+)?%?")


def figures(ctx: Context, region: Region, x, top, width, height) -> Built:
    figs = resolve(ctx, region.content or "figures")
    if not figs:
        return Built(0.0)
    num_style = ctx.style(_option(region, "number_style", "figure_number"))
    unit_style = ctx.style(_option(region, "unit_style", "figure_unit"))
    label_style = ctx.style(_option(region, "label_style", "figure_label"))
    pad = ctx.unit
    cell_w = width / len(figs)
    natural = pad * 2 + num_style.leading + label_style.leading * 2
    if height is None:
        return Built(natural)
    items: list[Item] = [Rect(Box(x, top - height, width, height),
                              fill=ctx.colour(_option(region, "tint", "cream")))]
    accent = ctx.colour(_option(region, "accent", "red"))
    for i, fig in enumerate(figs):
        cx = x + i * cell_w
        path = f"{region.content or 'figures'}[{i}]"
        if i:
            items.append(Rule(cx, top - height + pad, cx, top - pad,
                              ctx.colour(_option(region, "divider", "gold")), 1.0))
        m = _NUMBER.match(fig.figure)
        number, unit = (m.group(), fig.figure[m.end():]) if m else (fig.figure, "")
        inner_x, inner_w = cx + pad / 2, cell_w - pad
        chart = fig.chart == "ring"
        if chart:
            r = min(height - 2 * pad, inner_w * 0.42) / 2
            share = float(number.rstrip("%")) / 100 if number.endswith("%") else 0.0
            ring_cx = inner_x + r
            items += ornament.ring(ring_cx, top - height / 2, r, r * 0.32, share, accent,
                                   ctx.colour(_option(region, "track", "gold")))
            inner_x += 2 * r + pad / 2
            inner_w -= 2 * r + pad / 2
        runs = ctx.runs(number, num_style, path) + ctx.runs(unit, unit_style, path)
        line = ctx.compose(runs, num_style, max(inner_w, 1.0), 0.0)
        label = ctx.compose(ctx.runs(fig.label, label_style, path), label_style,
                            max(inner_w, 1.0), 0.0)
        block = num_style.leading + label_style.leading * len(label)
        y = top - (height - block) / 2
        for ln in line:
            off = (inner_w - ln.width) / 2
            baseline = y - (num_style.leading - ln.size) / 2 - ASCENT * ln.size
            items += ctx.draw_line(ln, inner_x + off, baseline)
            y -= num_style.leading
        for ln in label:
            off = (inner_w - ln.width) / 2
            baseline = y - (label_style.leading - ln.size) / 2 - ASCENT * ln.size
            items += ctx.draw_line(ln, inner_x + off, baseline)
            y -= label_style.leading
    return Built(height, items)


# -- section module ------------------------------------------------------------------------

def section(ctx: Context, region: Region, x, top, width, height) -> Built:
    sec = resolve(ctx, region.content)
    title_style = ctx.style(_option(region, "title_style", "section_title"))
    body = ctx.style(region.style or "body")
    report_title = ctx.style(_option(region, "report_title_style", "report_title"))
    item_style = ctx.style(_option(region, "item_style", "report_item"))
    strong = ctx.style(_option(region, "figure_style", "figure"))
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
                                    emphasis=(FIGURE, strong),
                                    prefix=_option(region, "bullet", "●"),
                                    prefix_style=bullet_style)
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
                              ctx.colour(_option(region, "divider", "gold")), 0.5))
    return Built(height, items)


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
                         Rule(x + tab_w, top - bar_h + 1.0, x + width, top - bar_h + 1.0,
                              bar, 2.0),
                         Rule(x + tab_w, top - bar_h + 4.0, x + width, top - bar_h + 4.0,
                              accent, 1.0)]
    if icon:
        box = Box(x + pad, top - bar_h + (bar_h - icon_w) / 2, icon_w, icon_w)
        items += ornament.pictogram(icon, box, accent)
    tx = x + pad + icon_w + (pad * 0.6 if icon else 0.0)
    baseline = top - (bar_h - line.size) / 2 - ASCENT * line.size
    items += ctx.draw_line(line, tx, baseline)
    return items


# -- honour roll ------------------------------------------------------------------------------

def honour_roll(ctx: Context, region: Region, x, top, width, height) -> Built:
    roll = resolve(ctx, region.content or "honour_roll")
    title_style = ctx.style(_option(region, "title_style", "honour_title"))
    item_style = ctx.style(_option(region, "item_style", "honour_item"))
    sub_style = ctx.style(_option(region, "sub_style", "honour_subitem"))
    bullet_style = ctx.style(_option(region, "bullet_style", "bullet"))
    border = 12.0
    inner_x, inner_w = x + border + ctx.unit, width - 2 * (border + ctx.unit)
    measure, gutter = _columns(ctx, inner_w, region.split)
    lines: list[flow.FlowLine] = []
    base = region.content or "honour_roll"
    for i, item in enumerate(roll.items):
        lines += flow.paragraph(ctx, item.text, item_style, measure, f"{base}.items[{i}].text",
                                prefix="◆", prefix_style=bullet_style)
        for k, sub in enumerate(item.items):
            lines += flow.paragraph(ctx, sub.text, sub_style, measure,
                                    f"{base}.items[{i}].items[{k}].text",
                                    prefix="◇", prefix_style=bullet_style)
    title_h = title_style.leading
    head = border + title_h + ctx.unit * 0.6
    if height is None:
        inner = _flow_block(ctx, region, lines, inner_x, top, inner_w, None, region.split)
        return Built(head + inner.height + border + ctx.unit * 0.6)
    frame = Box(x, top - height, width, height)
    items: list[Item] = [Rect(frame, fill=ctx.colour(_option(region, "tint", "cream")))]
    items += ornament.lace_border(frame, ctx.colour(_option(region, "border", "red")),
                                  ctx.colour(_option(region, "accent", "gold")), 1.5)
    title = ctx.compose(ctx.runs(roll.title, title_style, f"{base}.title"), title_style,
                        inner_w, 0.0)[0]
    tx = x + (width - title.width) / 2
    ty = top - border - ctx.unit * 0.3
    baseline = ty - (title_h - title.size) / 2 - ASCENT * title.size
    band = Box(x + border, ty - title_h, width - 2 * border, title_h)
    items.append(Rect(band, fill=ctx.colour(_option(region, "band", "red"))))
    items += ctx.draw_line(title, tx, baseline)
    body_top = ty - title_h - ctx.unit * 0.6
    inner = _flow_block(ctx, region, lines, inner_x, body_top, inner_w,
                        body_top - (top - height) - border, region.split)
    items += inner.items
    return Built(height, items)


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
                      ctx.colour(style.style.color), 0.5))
    return Built(height, items)


KINDS = {"banner": banner, "text": text, "figures": figures, "section": section,
         "honour_roll": honour_roll, "folio": folio, "credits": credits}
