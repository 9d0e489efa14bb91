"""Display regions: the 通栏 banner with headline and kicker, and the 数说 panel of headline
figures (a share drawn as a ring)."""

from __future__ import annotations

import math

import re

from spread.errors import OversetError
from spread.layout import ornament
from spread.layout.blocks import grow_factor, option, resolve
from spread.layout.context import ASCENT, Context
from spread.layout.problems import tall
from spread.layout.structure import edition_line, furniture_line
from spread.page import Box, Frame, Item, Rect, Rule
from spread.template import Region

# -- banner ----------------------------------------------------------------------------------

def banner(ctx: Context, region: Region, width, height) -> Frame:
    """通栏 banner: the headline very large and the kicker on a colour field that bleeds."""
    head_name = option(region, "headline_style", "headline")
    kick_style = ctx.style(option(region, "kicker_style", "kicker"))
    c = ctx.content
    kick = (ctx.compose(ctx.runs(c.kicker, kick_style, "kicker"), kick_style, width, 0.0)
            if c.kicker else [])
    sub_style, sub = _subhead(ctx, region, width)
    pad = option(region, "padding", 1.0) * ctx.unit * 2
    folio = _folio(ctx, region, width)
    folio_h = folio[1].leading if folio else 0.0
    under = len(kick) * kick_style.leading + (len(sub) * sub_style.leading if sub else 0.0)
    fixed = pad * 2 + folio_h + under
    head_style, head, measure = fitted_headline(ctx, region, head_name, width,
                                                None if height is None else height - fixed)
    natural = fixed + len(head) * head_style.leading
    if height is None:  # no height given: set at its natural height
        height = natural
    if natural > height + 0.01:
        _banner_overset(ctx, region, head, kick + sub, natural, height, width)
    field_colour = ctx.colour(option(region, "field", "red"))
    accent = ctx.colour(option(region, "accent", "gold"))
    items = _banner_field(ctx, height, field_colour, accent)
    if folio:
        items += _draw_folio(ctx, folio, width, accent)
    # the headline and kicker as a block, centred in the field below the folio
    block = len(head) * head_style.leading + under
    head_at, y = _baselines(head, head_style, -height + (height - folio_h - block) / 2 + block)
    kick_at, y = _baselines(kick, kick_style, y)
    sub_at, _ = _baselines(sub, sub_style, y)
    for line, baseline in zip(head, head_at):  # a balanced headline's narrower measure
        items += ctx.draw_line(line, (width - measure) / 2, baseline)  # centred on the banner's
    for line, baseline in zip(kick, kick_at):
        items += _ruled_kicker(ctx, line, baseline, width, accent)
    for line, baseline in zip(sub, sub_at):
        items += ctx.draw_line(line, 0.0, baseline)
    return Frame(width, height, tuple(items))


def _subhead(ctx: Context, region: Region, width: float):
    """The subhead's style and lines, set under the kicker (none when the content has no
    subhead); a layout without the style is told at the region which to add."""
    from spread.layout.stories import style

    if not ctx.content.subhead:
        return None, []
    st = style(ctx, region, "subhead_style", "subhead", "subhead")
    return st, ctx.compose(ctx.runs(ctx.content.subhead, st, "subhead"), st, width, 0.0)


def _banner_field(ctx: Context, height: float, colour, accent) -> list[Item]:
    """The colour field, from the bleed edge above the type area down to the row's foot,
    with its ornament."""
    page = ctx.page_box
    bottom = -height
    field_box = Box(page.bleed.x, bottom, page.bleed.width, page.bleed.top - bottom)
    return ([Rect(field_box, fill=colour)]
            + _banner_ornament(ctx, field_box, page.trim, accent, bottom))


def _baselines(lines, style, y: float) -> tuple[list[float], float]:
    """The baselines of lines set down from `y`, each centred in its style's leading, and
    where the next line would start."""
    baselines = []
    for line in lines:
        baselines.append(y - (style.leading - line.size) / 2 - ASCENT * line.size)
        y -= style.leading
    return baselines, y


def _ruled_kicker(ctx: Context, line, baseline: float, width: float, accent) -> list[Item]:
    """A line of the kicker with a rule in the accent either side of it, out to the
    banner's edges, a character's width from its text."""
    gap = line.size
    rule_y = baseline + line.size * 0.35
    weight = ctx.rule("standard")
    text_left = line.start + (line.glyphs[0].box if line.glyphs else 0.0)  # past centring
    return [Rule(0.0, rule_y, text_left - gap, rule_y, accent, weight),
            Rule(line.start + line.width + gap, rule_y, width, rule_y, accent, weight),
            *ctx.draw_line(line, 0.0, baseline)]


def fitted_headline(ctx: Context, region: Region, name: str, width: float, room):
    """The headline's style, lines and measure: at its style's size when its lines fit the
    `room` left them (None: any), else with `headline_fit: {policy: shrink}` the largest
    whole-point size down to the floor at which they do (noted); past the floor, at the
    floor, for the caller to report. Lines are balanced: set in the narrowest measure that
    keeps their number, so two lines are 5 + 4 characters, not 8 + 1."""
    fit = option(region, "headline_fit", {})
    full = ctx.style(name).style.size
    sizes = [full]
    if fit.get("policy", "none") == "shrink":
        floor = full * fit.get("min_size", 0.9)
        sizes += list(range(math.ceil(full) - 1, math.ceil(floor - 1e-9) - 1, -1))
    for size in sizes:
        style = ctx.style(name, size / full)
        lines = _headline_lines(ctx, style, width)
        if room is None or len(lines) * style.leading <= room + 0.01:
            break
    if size != full:
        ctx.notes.append(f"the banner's headline set at {size:g} pt to fit, layout allows down "
                         f"to {sizes[-1]:g} pt (its style {name}: {full:g} pt)")
    return style, *_balanced(ctx, style, width, lines)


def _headline_lines(ctx: Context, style, measure: float):
    return ctx.compose(ctx.runs(ctx.content.headline, style, "headline"), style, measure, 0.0)


def _balanced(ctx: Context, style, width: float, lines) -> tuple[list, float]:
    """The lines set in the narrowest measure (in steps of a character) that keeps their
    number, and that measure."""
    if len(lines) < 2:
        return lines, width
    step = style.style.size * (1 + style.style.tracking) * style.style.scale
    measure = width
    while measure - step > step:
        narrower = _headline_lines(ctx, style, measure - step)
        if len(narrower) != len(lines):
            break
        lines, measure = narrower, measure - step
    return lines, measure


def _folio(ctx: Context, region: Region, width: float):
    """With the option `folio: STYLE`, the banner carries the folio line (报眉) at the top of
    its field, set in that style: a field that bleeds off the top leaves it no other place.
    None when the option or the content's edition fields are empty."""
    name = option(region, "folio", "")
    text_ = edition_line(ctx) if name else ""
    if not text_:
        return None
    style = ctx.style(name)
    return furniture_line(ctx, region, text_, "edition", style, width), style


def _draw_folio(ctx: Context, folio, width, accent) -> list[Item]:
    """The folio line on the field at the banner's top, over a rule in the accent (a colour
    rule on colour takes the standard weight)."""
    line, style = folio
    baseline = -(style.leading - line.size) / 2 - ASCENT * line.size
    rule_y = -style.leading
    return ctx.draw_line(line, 0.0, baseline) + [
        Rule(0.0, rule_y, width, rule_y, accent, ctx.rule("standard"))]


def _banner_overset(ctx: Context, region: Region, head, kick, natural: float,
                    height: float, width: float) -> None:
    """The headline and kicker do not fit the banner's height: say by how much, and how
    many lines the headline was set in (a headline that wraps is the usual cause)."""
    c = ctx.content
    path = "headline" if len(head) > 1 or not kick else "kicker"
    raise OversetError(
        f"overset: the headline «{c.headline}» ({len(head)} line(s)) and kicker "
        f"({len(kick)} line(s)) need {natural / 2.835:.1f} mm; the banner (columns "
        f"{region.columns}) is {tall(height)}: {(natural - height) / 2.835:.1f} "
        "mm over", c.location(path),
        hint=f"shorten the headline or kicker (at {_size(head)} a headline line holds about "
             f"{chars_per_line(ctx, region, head, width)} characters), give the banner's row "
             f"more height, or {_smaller(region)}")


def _smaller(region: Region) -> str:
    """How the layout lets the headline be set smaller than it does now."""
    if option(region, "headline_fit", {}).get("policy", "none") == "shrink":
        return "lower the floor of the banner's option headline_fit (min_size, down to 0.5)"
    return ("let the headline be set smaller (the banner's option headline_fit: "
            "{policy: shrink, min_size: …})")


def _size(head) -> str:
    """The headline's size as the overset hint gives it."""
    return f"{head[0].size:g} pt" if head else "its size"


def chars_per_line(ctx: Context, region: Region, head, width: float) -> int:
    """About how many characters a line of the region's headline holds."""
    style = ctx.style(option(region, "headline_style", "headline"))
    size = head[0].size if head else style.style.size
    return int(width / (size * (1 + style.style.tracking) * style.style.scale))


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

# A per-cent sign of any width and the thousands separators belong to the number: set apart
# as its unit, a ％ would start a line beside a ring and ",000" would be set small.
_PERCENT = "%％﹪"
_PER = "/／每"  # a rate's denominator follows
_NUMBER = re.compile(rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?[{_PERCENT}]?")


def figures(ctx: Context, region: Region, width, height) -> Frame:
    """数说: each figure big in its own cell with its label; a share may be drawn as a ring.
    One or two figures have wide cells: each sets its label beside its number, the pair
    centred in its cell, the numbers as large as the panel's height allows (_beside)."""
    figs = resolve(ctx, region.content or "figures")
    if not figs:
        return Frame(width, 0.0)
    names = (option(region, "number_style", "figure_number"),
             option(region, "unit_style", "figure_unit"),
             option(region, "label_style", "figure_label"))
    cells = _cells(ctx, width, len(figs))
    base = region.content or "figures"
    _check_cells(ctx, figs, min(w for _, w in cells), f"{base}[0]")
    if len(figs) <= FEW and all(fig.chart != "ring" for fig in figs):
        beside = _beside(ctx, region, figs, names, width, height)
        if beside is not None:
            return beside
    return _stacked_panel(ctx, region, figs, names, cells, width, height)


def _check_cells(ctx: Context, figs, cell_w: float, path: str) -> None:
    """A cell narrower than its own padding can set nothing of a figure: an overset."""
    pad = ctx.unit
    if cell_w <= pad:
        raise OversetError(f"overset: {len(figs)} figures leave each a 数说 cell of "
                           f"{cell_w / 2.835:.1f} mm, less than its padding "
                           f"({pad / 2.835:.1f} mm)", ctx.content.location(path),
                           hint="give the figures region more columns, or place fewer "
                                "figures in it")


def _stacked_panel(ctx: Context, region: Region, figs, names, cells, width: float,
                   height: float | None) -> Frame:
    """The panel of figures each stacked in its cell, number over label (or a ring), on a
    tint with a rule between the cells; a panel taller than its figures sets their numbers
    larger, up to its `grow`."""
    num_style, _, label_style = (ctx.style(n) for n in names)
    pad = ctx.unit
    cell_w = min(w for _, w in cells)
    base = region.content or "figures"
    # the panel is as tall as its tallest cell: a label may take more than one line
    labels = max([len(_label_lines(ctx, fig.label, label_style, w - pad, f"{base}[{i}]"))
                  for i, (fig, (_, w)) in enumerate(zip(figs, cells)) if fig.chart != "ring"],
                 default=1)
    natural = pad * 2 + num_style.leading + max(labels, 1) * label_style.leading
    if height is None:  # no height given: set at its natural height
        height = natural
    # a taller panel sets its numbers larger, up to its `grow`: the height is the figures'
    scale = min(_growth(region), 1 + max(0.0, height - natural) / num_style.leading)
    items: list[Item] = [Rect(Box(0.0, -height, width, height),
                              fill=ctx.colour(option(region, "tint", "cream")))]
    accent = ctx.colour(option(region, "accent", "red"))
    divider = ctx.colour(option(region, "divider", "gold"))
    steps = _shared_steps(ctx, region, figs, names, cell_w - pad, scale)
    for i, (fig, (cx, cw)) in enumerate(zip(figs, cells)):
        if i:
            items.append(Rule(cx, -height + pad, cx, -pad, divider, ctx.rule("standard")))
        cell = Box(cx + pad / 2, -height + pad, cw - pad, height - 2 * pad)
        if fig.chart == "ring":
            items += _ring_figure(ctx, region, fig, names, cell, accent, f"{base}[{i}]")
        else:
            items += _stacked_figure(ctx, region, fig, names, cell, f"{base}[{i}]", steps)
    return Frame(width, height, tuple(items), _panel(width, height))


def _panel(width: float, height: float) -> tuple[Box, ...]:
    """The 数说 panel's tinted box, which its design keeps: the white round figures centred
    in their cells is the panel's, as the band beside a section's tab is its module's — the
    make-up report counted it as holes, joined to the white above the panel."""
    return (Box(0.0, -height, width, height),)


FEW = 2  # figures so few that each sets its label beside its number
BESIDE_MOST = 2.0  # how much larger such a number may be set, to fill its panel
LABEL_SHARE = 0.35  # of a cell: the widest a label beside its number is set


def _beside(ctx: Context, region: Region, figs, names, width: float,
            height: float | None) -> Frame | None:
    """One or two figures, each its number with the label beside it (to its right, a block
    centred on the number), the pair centred in its cell: stacked, a lone figure stood
    small in a wide cream band. The numbers share one size, as large as the panel's height
    allows up to BESIDE_MOST times theirs and as fits across; a label is set as large as
    its number's unit, its last line on the number's baseline.
    Without a height the panel is as tall as its figures stacked would be.
    None when they do not fit across even at the smallest step: they are stacked."""
    pad = ctx.unit
    cells = _cells(ctx, width, len(figs))  # on a spread, by halves: none on the fold
    cell_w = min(w for _, w in cells) - pad
    base = region.content or "figures"
    largest = _beside_fit(ctx, figs, names, cell_w, base, BESIDE_MOST)
    if largest is None:
        return None
    if height is None:  # no height given: as tall as stacked, the label's line the number's
        label = ctx.style(names[2])
        height = pad * 2 + ctx.style(names[0]).leading + max(
            len(_label_lines(ctx, fig.label, label, cell_w, f"{base}[{i}]"))
            for i, fig in enumerate(figs)) * label.leading
    # the numbers fill the panel's height: as large as it holds, within what fits across
    room = (height - 2 * pad) / ctx.style(names[0]).leading
    factor = _beside_fit(ctx, figs, names, cell_w, base, min(largest, room))
    if factor is None or any(
            _beside_depth(ctx, fig, names, cell_w, f"{base}[{i}]", factor) > height - 2 * pad
            + 0.01 for i, fig in enumerate(figs)):
        return None
    items: list[Item] = [Rect(Box(0.0, -height, width, height),
                              fill=ctx.colour(option(region, "tint", "cream")))]
    divider = ctx.colour(option(region, "divider", "gold"))
    for i, (fig, (cx, cw)) in enumerate(zip(figs, cells)):
        if i:
            items.append(Rule(cx, -height + pad, cx, -pad, divider, ctx.rule("standard")))
        cell = Box(cx + pad / 2, -height + pad, cw - pad, height - 2 * pad)
        items += _beside_figure(ctx, fig, names, cell, f"{base}[{i}]", factor)
    return Frame(width, height, tuple(items), _panel(width, height))


def _beside_parts(ctx: Context, fig, names, width: float, path: str, factor: float):
    """A figure set with its label beside: its number line and style, and its label's
    lines (at most LABEL_SHARE of the cell wide) and style, at `factor`."""
    num, unit_style = ctx.style(names[0], factor), ctx.style(names[1], factor)
    runs = _figure_runs(ctx, _figure_parts(fig.figure), num, unit_style, path)
    line = ctx.compose(runs, num, 10_000.0, 0.0)[0]
    # the label as large as the unit: number, unit and label read as one line
    label_style = ctx.style(names[2], unit_style.style.size / ctx.style(names[2]).style.size)
    whole = max(ln.width for ln in _label_lines(ctx, fig.label, label_style, 10_000.0, path))
    labels = _label_lines(ctx, fig.label, label_style, min(whole, LABEL_SHARE * width), path)
    return line, num, labels, label_style


def _beside_depth(ctx: Context, fig, names, width: float, path: str, factor: float) -> float:
    """How tall a figure with its label beside stands: its number or its label."""
    _, num, labels, label_style = _beside_parts(ctx, fig, names, width, path, factor)
    return max(num.leading, len(labels) * label_style.leading)


def _beside_width(ctx: Context, fig, names, width: float, path: str, factor: float) -> float:
    """How wide a figure with its label beside stands: number, gap, label."""
    line, num, labels, _ = _beside_parts(ctx, fig, names, width, path, factor)
    return line.width + _beside_gap(num) + max(ln.width for ln in labels)


def _beside_gap(num) -> float:
    return num.style.size * 0.3


def _beside_fit(ctx: Context, figs, names, width: float, base: str,
                most: float) -> float | None:
    """The largest factor up to `most` (in the steps of a panel grown `most` times, never
    below the smallest size print holds) at which every figure with its label beside fits
    its cell across."""
    steps = _to_floor(ctx, names[:2], tuple(f for f in _steps(most) if f <= most + 1e-9))
    for factor in steps:
        if any(_below_minimum(ctx, ctx.style(name, factor)) for name in names[:2]):
            return None
        if all(_beside_width(ctx, fig, names, width, f"{base}[{i}]", factor) <= width
               for i, fig in enumerate(figs)):
            return factor
    return None


def _beside_figure(ctx: Context, fig, names, cell: Box, path: str, factor: float
                   ) -> list[Item]:
    """The number and its label beside it, centred as a pair in the cell and down it, the
    label's lines flush left, its last on the number's baseline."""
    line, num, labels, label_style = _beside_parts(ctx, fig, names, cell.width, path, factor)
    gap = _beside_gap(num)
    wide = line.width + gap + max(ln.width for ln in labels)
    left = cell.x + (cell.width - wide) / 2
    baseline = cell.y + cell.height / 2 - (ASCENT - 0.5) * line.size  # its em box centred
    items = ctx.draw_line(line, left - line.start, baseline)
    for k, ln in enumerate(labels):
        items += ctx.draw_line(ln, left + line.width + gap - ln.start,
                               baseline + (len(labels) - 1 - k) * label_style.leading)
    return items


def _cells(ctx: Context, width: float, count: int) -> list[tuple[float, float]]:
    """Each figure's cell across the panel, as (x, width): equal cells — but a panel across
    a spread's fold shares its figures by halves (the odd one to the left page), the cells
    of each half meeting at the fold, so no figure stands on it."""
    fold = next((f for f in ctx.page_box.folds if 0 < f < width), None)
    if fold is None or count % 2 == 0 and abs(fold - width / 2) < 0.01:
        return [(i * (width / count), width / count) for i in range(count)]
    halves = [(0.0, fold, (count + 1) // 2), (fold, width, count // 2)]
    return [(start + k * (end - start) / n, (end - start) / n)
            for start, end, n in halves for k in range(n)]


def _shared_steps(ctx: Context, region: Region, figs, names, width: float,
                  scale: float = 1.0) -> tuple:
    """One size for every number of the panel: the step the widest figure needs, from
    `scale` (a grown panel's) down."""
    base = region.content or "figures"
    steps = _to_floor(ctx, names[:2], _steps(scale))
    worst = 0
    for i, fig in enumerate(figs):
        if fig.chart == "ring":
            continue
        _, factor = _figure_line(ctx, region, _figure_parts(fig.figure), names, width,
                                 f"{base}[{i}]", steps)
        worst = max(worst, steps.index(factor))
    if steps[worst] < 1:
        ctx.notes.append(f"{base}: figures set at {steps[worst]:.0%} of their size "
                         "so the widest fits its cell")
    return steps[worst:]


def _steps(scale: float) -> tuple[float, ...]:
    """The sizes a panel's numbers try, largest first: FIGURE_STEPS, and above them, in a
    panel grown `scale` times, those steps of the grown size."""
    if scale <= 1:
        return FIGURE_STEPS
    return tuple(sorted({round(scale * f, 4) for f in FIGURE_STEPS if scale * f > 1}
                        | set(FIGURE_STEPS), reverse=True))


def _growth(region: Region) -> float:
    """How far a taller panel may set its numbers larger: its `grow` (1: not at all)."""
    return grow_factor(region, 1.0, "figures",
                       "grow: 1.4 lets the numbers grow to 1.4 times their size")


def _figure_parts(figure: str) -> list[tuple[str, bool]]:
    """A figure's numbers and the unit words after each, as (text, is a number): 1分23秒45
    is 1 · 分 · 23 · 秒 · 45 and 3.2万吨 is 3.2 · 万吨, every number set big and every unit
    word small, as a 数说 strip sets a time or a score. A figure that does not start with a
    number (第一, 全省第3) is one number. A rate's denominator is unit: 4.5元/500克."""
    if not _NUMBER.match(figure):
        return [(figure, True)]
    per = min((figure.find(mark) for mark in _PER if mark in figure), default=len(figure))
    parts, at = [], 0
    for m in _NUMBER.finditer(figure, 0, per):
        if m.start() > at:
            parts.append((figure[at:m.start()], False))
        parts.append((m.group(), True))
        at = m.end()
    return parts + ([(figure[at:], False)] if at < len(figure) else [])


def _figure_runs(ctx: Context, parts, num, unit_style, path: str) -> list:
    return [run for text_, is_number in parts
            for run in ctx.runs(text_, num if is_number else unit_style, path)]


FIGURE_STEPS = (1.0, 0.92, 0.85, 0.78, 0.7, 0.6)
# a number inside a ring starts smaller; a full-width ％ (one em) may take it to half size
RING_STEPS = (0.6, 0.55, 0.5, 0.45, 0.4, 0.35, 0.3)


def _figure_line(ctx: Context, region: Region, parts, names, width: float, path: str,
                 steps=FIGURE_STEPS):
    """The number and its unit on one line, the type reduced in steps (to the last step at
    most, and never below the smallest size newsprint holds for its colour — a red unit is
    two inks, 10 pt at least) until it fits the cell: an explicit, bounded copyfit rule."""
    line = floor = None
    unit = not all(is_number for _, is_number in parts)
    figure = "".join(text_ for text_, _ in parts)
    steps = _to_floor(ctx, names[:2] if unit else names[:1], steps)
    for factor in steps:
        num, unit_style = ctx.style(names[0], factor), ctx.style(names[1], factor)
        floor = _below_minimum(ctx, num) or (unit and _below_minimum(ctx, unit_style))
        if floor:
            break
        line = ctx.compose(_figure_runs(ctx, parts, num, unit_style, path), num, 10_000.0,
                           0.0)[0]
        if line.width <= width:
            return line, factor
    if line is None:  # the first step is already below the minimum: the layout's styles
        raise OversetError(f"the figure '{figure}' cannot be set: {floor}",
                           ctx.content.location(path),
                           hint=f"set the styles {names[0]} and {names[1]} larger in the layout")
    wide, cell = round(line.width / 2.835, 1), round(width / 2.835, 1)
    over = f"{wide:.1f} mm wide, its cell {cell:.1f} mm: {max(wide - cell, 0.1):.1f} mm over"
    stop = (f"even at {factor:.0%} size:" if not floor else
            f"at the smallest size print holds ({floor}) — at {_previous(steps, factor):.0%} "
            "size")
    raise OversetError(f"overset: the figure '{figure}' does not fit its 数说 cell {stop} "
                       f"it is {over}", ctx.content.location(path),
                       hint="give the figures region more columns, place fewer figures in "
                            "it, or shorten the figure (a long unit can go in its label)")


def _previous(steps, factor: float) -> float:
    return steps[max(steps.index(factor) - 1, 0)]


def _to_floor(ctx: Context, names, steps) -> tuple[float, ...]:
    """The steps, with the factor that sets the type at exactly the smallest size print
    holds put in before the first step below it: a figure that misses a step by a hair is
    tried at the minimum before it is refused."""
    floor = max(_least_factor(ctx, ctx.style(name)) for name in names)
    above = tuple(f for f in steps if f > floor)
    if not above or len(above) == len(steps) or floor in steps:
        return steps
    return above + (floor,) + tuple(f for f in steps if f <= floor)


def _least_factor(ctx: Context, style) -> float:
    """The smallest factor that keeps type in `style` at the size newsprint holds for its
    colour (0 for solid one-ink type, which has no floor here), rounded up."""
    _, least = _least_size(ctx, style)
    return math.ceil(least / style.style.size * 10_000) / 10_000 if least else 0.0


def _least_size(ctx: Context, style) -> tuple[str, float]:
    """The kind of type `style` is for newsprint and the smallest size print holds for it,
    from the layout's output limits as the print check (check/preflight/rules/sizes.py)
    judges it; ("", 0) for solid one-ink type."""
    cmyk = [v for v in ctx.colour(style.style.color).cmyk if v > 0]
    limits = ctx.layout.output.limits
    if not cmyk:
        return "reversed (white)", limits.reversed_type.pt()
    if len(cmyk) > 1:
        return f"{len(cmyk)}-ink", limits.four_colour_type.pt()
    if cmyk[0] < 0.995:
        return "tinted", limits.tinted_type.pt()
    return "", 0.0


def _below_minimum(ctx: Context, style) -> str:
    """Why type in `style` is too small for newsprint — «its unit would be 9.6 pt, below
    the 10 pt minimum for 2-ink type»; "" when it is not."""
    kind, least = _least_size(ctx, style)
    if not least or style.style.size >= least - 0.005:
        return ""
    return (f"its {style.name} type would be {style.style.size:.1f} pt, below the {least:g} pt "
            f"minimum for {kind} type")


def _label_lines(ctx: Context, text_: str, style, width: float, path: str):
    return ctx.compose(ctx.runs(text_, style, path), style, width, 0.0)


def _stacked_figure(ctx, region, fig, names, cell: Box, path, steps) -> list[Item]:
    line, factor = _figure_line(ctx, region, _figure_parts(fig.figure), names, cell.width,
                                path, steps)
    label_style = ctx.style(names[2])
    labels = _label_lines(ctx, fig.label, label_style, cell.width, path)
    stack = [(line, ctx.style(names[0], factor))] + [(ln, label_style) for ln in labels]
    return _centred_stack(ctx, stack, cell, path)


def _ring_figure(ctx, region, fig, names, cell: Box, accent, path) -> list[Item]:
    """A share as a ring with its number inside; the rest of the figure and the label beside."""
    number, *rest = _figure_parts(fig.figure)
    number, unit = number[0], "".join(text_ for text_, _ in rest)
    share = (float(number.rstrip(_PERCENT).replace(",", "")) / 100
             if number.endswith(tuple(_PERCENT)) else 0.0)
    r = min(cell.height, cell.width * 0.5) / 2
    ring_x, cy = cell.x + r, cell.y + cell.height / 2
    items: list[Item] = ornament.ring(ring_x, cy, r, r * 0.22, share, accent,
                                      ctx.colour(option(region, "track", "gold")))
    inner = 2 * (r - r * 0.22) * 0.86
    line, factor = _figure_line(ctx, region, [(number, True)], names, inner, path, RING_STEPS)
    if factor < RING_STEPS[0]:
        ctx.notes.append(f"{path}: the figure in its ring set at {factor / RING_STEPS[0]:.0%} "
                         "of its size so it fits")
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
    return items + _centred_stack(ctx, stack, side, path)


def _centred_stack(ctx: Context, stack, box: Box, path: str) -> list[Item]:
    """Lines centred horizontally and the whole stack centred vertically in `box`."""
    total = sum(style.leading for _, style in stack)
    if total > box.height + 0.01:
        raise OversetError(
            f"overset: {path} needs {total / 2.835:.1f} mm in its 数说 cell, which is "
            f"{tall(box.height)}: {(total - box.height) / 2.835:.1f} mm over",
            ctx.content.location(path),
            hint="shorten the figure's label, or give the figures row more height")
    y = box.top - (box.height - total) / 2
    items: list[Item] = []
    for line, style in stack:
        baseline = y - (style.leading - line.size) / 2 - ASCENT * line.size
        items += ctx.draw_line(line, box.x + (box.width - line.width) / 2 - line.start, baseline)
        y -= style.leading
    return items
