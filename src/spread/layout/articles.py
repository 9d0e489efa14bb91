"""Article regions: running text (with linked frames), the section module — title bar,
its kicker, subhead and byline, intro and body (the dateline run in), photos in the flow,
晒晒成绩单 list with its figures standing out, an optional chart — and the honour roll."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from spread import content

from spread.compose.classes import figure_spans
from spread.compose.model import Glyph, Line
from spread.compose.vertical import compose_vertical
from spread.errors import InputError, OversetError
from spread.layout import flow, ornament, stories, tables
from spread.layout.blocks import (flow_block, grid_of, natural_height, option, resolve,
                                  text_columns)
from spread.layout.context import ASCENT, Context, TextStyle, set_width
from spread.layout.problems import place, quoted, tall
from spread.page import Box, Frame, Item, Rect, Rule, TextRun, moved
from spread.template import Region


# -- text ----------------------------------------------------------------------------------

def text(ctx: Context, region: Region, width, height) -> Frame:
    measure, _ = text_columns(ctx, width, region.split)
    if region.follows:
        lines = _continued(ctx, region, measure)
    else:
        style = ctx.style(region.style or "body")
        body = resolve(ctx, region.content)
        paragraphs = body if isinstance(body, list) else [body]
        lines = []
        for i, written in enumerate(paragraphs):
            path = f"{region.content}[{i}]" if isinstance(body, list) else region.content
            para = flow.paragraph(ctx, written, style, measure, path,
                                  emphasis=stories.marked(ctx, region, written, path),
                                  grid=grid_of(ctx, region, style))
            lines += flow.apart(para, style, grid_of(ctx, region, style)) if i else para
    return flow_block(ctx, region, lines, width, height, region.split)


def _continued(ctx: Context, region: Region, measure: float) -> list[flow.FlowLine]:
    """The lines a linked frame takes over from the region it follows."""
    rest, their_measure = ctx.continued.get(region.follows, ((), measure))
    if rest and abs(their_measure - measure) > 0.01:
        raise InputError(
            f"region follows '{region.follows}' but its text measure is {measure:.1f} pt "
            f"against {their_measure:.1f} pt there", region.where,
            hint="linked frames carry composed lines: give both the same column width")
    return list(rest)


# -- section module ------------------------------------------------------------------------

def section(ctx: Context, region: Region, width, height) -> Frame:
    """A section module: its title bar, then its text in the region's text columns (kicker
    and subhead, intro and body, the 晒晒成绩单 list, a chart) with fine rules between
    them."""
    sec = resolve(ctx, region.content)
    title_style = ctx.style(option(region, "title_style", "section_title"))
    body = ctx.style(region.style or "body")
    bar_h = title_style.leading
    gap = ctx.unit * 0.8
    measure, gutter = text_columns(ctx, width, region.split)
    grid = grid_of(ctx, region, body)
    lines = (_section_heads(ctx, region, sec, measure, grid)
             + stories.flow_lines(ctx, region, region.content, body, measure, grid,
                                  stories.BYLINE_STYLES)
             + _report_lines(ctx, region, sec.report, measure, grid)
             + tables.table_lines(ctx, region, sec.table, f"{region.content}.table", measure,
                                  grid)
             + _section_chart(ctx, region, measure, grid))
    if region.split > 1 and lines and all(fl.line is None for fl in lines):
        # a chart with no text: it spans the section, where text columns would leave
        # all but one of them empty
        return section(ctx, replace(region, split=1), width, height)
    lines = flow.heading_keeps(lines)
    head = flow.grid_up(bar_h + gap, grid)  # the text under the title bar starts on the grid
    items: list[Item] = []
    drop = (head - bar_h - gap) / 2  # on a grid the bar sits centred in its whole steps
    items += _title_bar(ctx, region, sec.title, f"{region.content}.title", title_style,
                        0.0, -drop, width, bar_h)
    if height is None:  # no height given: the text's natural height under the title bar
        height = head + natural_height(ctx, lines, region.split)
    inner = flow_block(ctx.within(0.0, -head), region, lines, width, height - head,
                       region.split).placed(0.0, -head)
    items += inner.items
    items += _column_rules(ctx, region, measure, gutter, -head, -height + ctx.unit * 0.3)
    return Frame(width, height, tuple(items),
                 (Box(0.0, -head, width, head),) + inner.reserved,  # the bar's band, a chart
                 problems=inner.problems, overflow=inner.overflow)


def _section_heads(ctx: Context, region: Region, sec, measure: float,
                   grid: float | None) -> list[flow.FlowLine]:
    """The section's kicker and subhead, under the title bar, each kept with what follows."""
    lines: list[flow.FlowLine] = []
    for name, default in (("kicker", "section_kicker"), ("subhead", "subhead")):
        if getattr(sec, name):
            path = f"{region.content}.{name}"
            lines += flow.paragraph(ctx, getattr(sec, name), stories.style(
                ctx, region, f"{name}_style", default, path), measure, path, keep=True,
                grid=grid)
    return lines


def _report_lines(ctx: Context, region: Region, report, measure: float,
                  grid: float | None) -> list[flow.FlowLine]:
    """The 晒晒成绩单: its title (when it has one) kept with the first item, over a rule in
    the accent, then the items with their bullets, their figures standing out."""
    if not report:
        return []
    rpath = f"{region.content}.report"
    # asked of the layout only where the content has a report (a section of paragraphs, a
    # profile's 人物小传, needs none)
    item_style = stories.style(ctx, region, "item_style", "report_item", rpath)
    strong = stories.style(ctx, region, "figure_style", "figure", rpath)
    # figures stand out by themselves (auto) or only where the content marks them (marked)
    auto = figure_spans if option(region, "emphasis", "auto") == "auto" else None
    bullet_style = stories.style(ctx, region, "bullet_style", "bullet", rpath)
    lines = []
    if report.title:  # a list with no heading (a programme, a results list) is set bare
        title = flow.paragraph(ctx, report.title, stories.style(
            ctx, region, "report_title_style", "report_title", f"{rpath}.title"),
                               measure, f"{rpath}.title", keep=True, grid=grid)
        accent = ctx.colour(option(region, "accent", "gold"))
        lines = title[:-1] + [flow.ruled(ctx, title[-1], accent, ctx.rule("standard"))]
    bullet = option(region, "bullet", "●")
    for i, item in enumerate(report.items):
        path = f"{rpath}.items[{i}]"
        lines += (_labelled_item(ctx, item, item_style, measure, path, (auto, strong), bullet,
                                 bullet_style, grid)
                  or flow.paragraph(ctx, item, item_style, measure, path,
                                    emphasis=(auto, strong), prefix=bullet,
                                    prefix_style=bullet_style, grid=grid))
    return lines


def _labelled_item(ctx: Context, item: str, style, measure: float, path: str, emphasis,
                   bullet: str, bullet_style, grid: float | None) -> list[flow.FlowLine]:
    """An item of a hanging list opened by a label and a 全角 space (a timeline's
    `1月8日　临溪南站开通……`): the label and its space set in the hang, the text after them
    starting at the hang on the first line as on the others — the labels a column of their
    own, however long each. Empty where the style does not hang, the item has no such label
    or the label (with its bullet and space) does not fit the hang: the item is then set as
    written."""
    label, sep, rest = item.partition("\u3000")
    if style.hang <= 0 or not sep or not label.strip() or not rest.strip():
        return []
    runs = (ctx.runs(bullet, bullet_style, path) if bullet else []) + ctx.runs(
        label, style, path, emphasis)
    labels = ctx.compose(runs, style, measure, first_indent=style.indent)
    if len(labels) != 1 or not labels[0].glyphs:
        return []
    head = labels[0]
    if head.start + head.width + style.style.size > style.hang:
        return []
    lines = ctx.compose(ctx.runs(rest, style, path, emphasis), style, measure,
                        first_indent=style.hang)
    first = lines[0]
    shift = first.start - head.start  # the text's glyphs, from the label's start edge
    last = head.glyphs[-1]
    # the 全角 space after the label, drawn where the label's box ends: the text reads as
    # written, the room up to the hang a tab's
    end, em = last.box + last.width, last.style.size
    space = replace(last, char="\u3000", x=end, box=end, width=em, index=last.index + 1)
    lines[0] = replace(first, start=head.start, width=first.width + shift,
                       measure=first.measure + shift,
                       glyphs=head.glyphs + (space,) + tuple(
                           replace(g, x=g.x + shift, box=g.box + shift) for g in first.glyphs))
    pitch, space_above = flow.grid_up(style.leading, grid), flow.grid_up(style.space_before, grid)
    return [flow.FlowLine(line, pitch, space_above if i == 0 else 0.0, False, path, i == 0)
            for i, line in enumerate(lines)]


def _section_chart(ctx: Context, region: Region, measure: float,
                   grid: float | None) -> list[flow.FlowLine]:
    """The chart the region's `chart` option names, set in the flow after the list; noted
    and left out where the content has none."""
    chart = option(region, "chart", "")
    if chart and ctx.content.at(chart) is not None:
        return [_chart_in_flow(ctx, region, measure, grid)]
    if chart:
        ctx.notes.append(f"{region.content}: the content has no {chart}; set without a chart")
    return []


def _column_rules(ctx: Context, region: Region, measure: float, gutter: float, top: float,
                  foot: float) -> list[Item]:
    """Fine rules down the middle of the gutters between the region's text columns."""
    colour = ctx.colour(option(region, "divider", "rule"))
    return [Rule(rx, top, rx, foot, colour, ctx.rule("fine"))
            for rx in (c * (measure + gutter) - gutter / 2 for c in range(1, region.split))]


def _chart_in_flow(ctx: Context, region: Region, measure: float,
                   grid: float | None) -> flow.FlowLine:
    """A chart of the section's figures set after its list, one text column wide; on a grid
    it takes whole steps, so the text after it returns to the grid. With `grow` in its
    chart_options it may open to take the column's slack (charts.most_height)."""
    from spread.layout import charts

    chart = Region(kind="chart", content=region.options["chart"], columns=region.columns,
                   options=option(region, "chart_options", {}), where=region.where)
    height = charts.chart(ctx, chart, measure, None).height
    space = ctx.unit * 0.8

    pitch = flow.grid_up(height + space, grid)

    def draw(x: float, top: float, width: float, taken: float = pitch) -> list[Item]:
        return list(charts.chart(ctx, chart, width, taken - space).placed(x, top - space).items)

    return flow.FlowLine(None, pitch, 0.0, False, chart.content, True, draw,
                         grow=max(0.0, charts.most_height(chart, height) - (pitch - space)))


def _title_bar(ctx: Context, region: Region, title: str, path: str, style, x, top, width,
               bar_h) -> list[Item]:
    """A coloured tab carrying the section title and its pictogram, with a rule to the edge."""
    bar = ctx.colour(option(region, "bar", "red"))
    accent = ctx.colour(option(region, "accent", "gold"))
    if "\n" in title:  # a story's head breaks where its editor says; a tab holds one line
        raise InputError(
            f"the section title «{title.replace(chr(10), ' / ')}» has a line break, but "
            f"{quoted(region)} ({place(region)}) sets it on one line, in its tab",
            ctx.content.location(path),
            hint="write the title on one line, or set the section as a story (a story or "
                 "headline region breaks its head where the line break is)")
    runs = ctx.runs(title, style, path)
    lines = ctx.compose(runs, style, width, 0.0)
    line = lines[0]
    icon = option(region, "pictogram", "")
    icon_w = bar_h * 0.75 if icon else 0.0
    pad = style.style.size * 0.6
    tab_w = pad * 2 + icon_w + (pad * 0.6 if icon else 0.0) + line.width
    room, fold = _tab_room(ctx, x, width)
    if len(lines) > 1 or tab_w > room + 0.01:  # the tab holds one line, on one page
        tab_w += sum(set_width(more) for more in lines[1:])
        raise OversetError(
            f"overset: the section title «{title}» needs a tab {tab_w / 2.835:.1f} mm wide; "
            f"{quoted(region)} ({place(region)}) is {width / 2.835:.1f} mm wide"
            + (f", {room / 2.835:.1f} mm of it before the spread's fold (a title never "
               "crosses it)" if fold else "") + f": {(tab_w - room) / 2.835:.1f} mm over",
            ctx.content.location(path),
            hint=(f"shorten the title: before the fold its tab holds about "
                  f"{_tab_chars(style, room - tab_w + line.width)} characters" if fold else
                  "shorten the title, or give the section more columns in the layout"))
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


def _tab_room(ctx: Context, x: float, width: float) -> tuple[float, bool]:
    """How wide a title tab starting at x may run: the region's width, or on a spread up to
    the fold's gutter when the region runs over the fold (its text stays on one page); and
    whether a fold stopped it."""
    fold = next((f for f in ctx.page_box.folds if x < f < x + width), None)
    if fold is None:
        return width, False
    return fold - (ctx.page_box.gutter + ctx.page_box.fold_extra) / 2 - x, True


def _tab_chars(style, room: float) -> int:
    """About how many title characters `room` points hold in `style`."""
    st = style.style
    return max(0, int(room / (st.size * (1 + st.tracking) * st.scale)))


# -- honour roll ------------------------------------------------------------------------------

_BORDER = 12.0  # the lace border's width: the title's band and the list stand inside it


def honour_roll(ctx: Context, region: Region, width, height) -> Frame:
    """荣誉榜 in a 花边 box on a tint: the title set vertically (竖排) in a band at the left,
    the awards with ◆ bullets and their nested items beside it, balanced over its text
    columns. Awards styled to centre are set as a compositor centres a list: each line flush
    left, a wrapped line hanging under its text and an award's items under it, each
    column's list centred as a block, so the bullets stand in line. A frame taller than the list is filled by its `fill` policy — even space between
    the awards, at most `max_space` body lines each — and what the list still leaves is
    shared above and below it. Without a height the frame is as tall as the list or the
    title needs, whichever is taller."""
    roll = resolve(ctx, region.content or "honour_roll")
    base = region.content or "honour_roll"
    styles = _RollStyles.of(ctx, region)
    band_w = styles.title.style.size * 2.2
    inner_x = _BORDER + band_w + ctx.unit
    inner_w = width - 2 * _BORDER - band_w - 2 * ctx.unit
    grid = _NameGrid.of(ctx, region, styles.item)
    bare = option(region, "auto_names", True) and _bare_names(roll.items)
    split = 1 if bare else region.split  # a roll of names only: one grid across the box
    measure, gutter = text_columns(ctx, inner_w, split)  # a wide roll: in columns
    lines = (_names_listed(ctx, roll, base, grid, measure) if bare else
             _awards_listed(ctx, roll, base, styles, grid, measure))
    pad = _BORDER + ctx.unit * 0.8
    runs = ctx.runs(roll.title, styles.title, f"{base}.title")
    if height is None:
        cols = flow.entry_columns(lines, split)
        height = max(flow.text_height(cols), _title_depth(runs)) + 2 * pad
    items, band = _roll_box(ctx, region, width, height, band_w)
    items += _vertical_title(ctx, roll.title, f"{base}.title", runs, band, styles.title)
    inner = flow_block(ctx.within(inner_x, -pad), replace(region, split=split), lines,
                       inner_w, height - 2 * pad, split)
    listed, blocks = _centred(inner.items, measure, gutter, split, height - 2 * pad,
                              styles.centred)
    return Frame(width, height, tuple(items) + tuple(moved(i, inner_x, -pad) for i in listed),
                 tuple(b.moved(inner_x, -pad) for b in blocks),
                 problems=inner.placed(inner_x, -pad).problems)


@dataclass(frozen=True)
class _RollStyles:
    """The honour roll's styles: its vertical title, the awards, their items and the
    bullets. Awards styled to centre are set flush left (`centred`, then centred as blocks:
    _centred), a wrapped award hanging under its text and an item's ◇ standing there."""

    title: TextStyle
    item: TextStyle
    sub: TextStyle
    bullet: TextStyle
    centred: bool

    @classmethod
    def of(cls, ctx: Context, region: Region) -> _RollStyles:
        title = ctx.style(option(region, "title_style", "honour_title"))
        item = ctx.style(option(region, "item_style", "honour_item"))
        sub = ctx.style(option(region, "sub_style", "honour_subitem"))
        bullet = ctx.style(option(region, "bullet_style", "bullet"))
        centred = item.align == "centre"
        if centred:
            em = bullet.style.size
            item = replace(item, align="start", indent=0.0, hang=em)
            sub = replace(sub, align="start", indent=em, hang=2 * em)
        return cls(title, item, sub, bullet, centred)


def _names_listed(ctx: Context, roll, base: str, grid: _NameGrid,
                  measure: float) -> list[flow.FlowLine]:
    """A roll of bare names set as a 名单, in rows of the name grid; noted, since the roll
    was read as names without being told."""
    named = [(item.text, f"{base}.items[{i}].text") for i, item in enumerate(roll.items)]
    lines = _name_rows(ctx, grid, named, measure, 0.0)
    ctx.notes.append(
        f"make-up: names: {base}'s {len(named)} entries are read as names (each bare, "
        f"{_NAME_MOST} letters at most, most of two or three): set as a 名单, "
        f"{grid.across(measure)} cells of {grid.cell} characters a row; give them as "
        "names: under a heading to say so, or auto_names: false to list them")
    return lines


def _awards_listed(ctx: Context, roll, base: str, styles: _RollStyles, grid: _NameGrid,
                   measure: float) -> list[flow.FlowLine]:
    """The awards with ◆ bullets, each one group with the names it lists (in the name
    grid, indented past the bullet) and its items, however deep they nest."""
    lines: list[flow.FlowLine] = []
    for i, item in enumerate(roll.items):
        award = flow.paragraph(ctx, item.text, styles.item, measure, f"{base}.items[{i}].text",
                               prefix="◆", prefix_style=styles.bullet)
        rows = _name_rows(ctx, grid, [(name, f"{base}.items[{i}].names[{k}]")
                                      for k, name in enumerate(item.names)],
                          measure, styles.bullet.style.size)
        lines += flow.group(award, [[row] for row in rows] + _sub_items(
            ctx, item.items, f"{base}.items[{i}]", styles.sub, styles.bullet, measure))
    return lines


def _roll_box(ctx: Context, region: Region, width: float, height: float,
              band_w: float) -> tuple[list[Item], Box]:
    """The roll's box: its tint, the lace border and the band at the left its title stands
    in; the items, and the band."""
    frame = Box(0.0, -height, width, height)
    items: list[Item] = [Rect(frame, fill=ctx.colour(option(region, "tint", "cream")))]
    items += ornament.lace_border(frame, ctx.colour(option(region, "border", "red")),
                                  ctx.colour(option(region, "accent", "gold")),
                                  ctx.rule("standard"))
    band = Box(_BORDER, frame.y + _BORDER, band_w, height - 2 * _BORDER)
    items.append(Rect(band, fill=ctx.colour(option(region, "band", "red"))))
    return items, band


def _vertical_title(ctx: Context, title: str, path: str, runs, band: Box,
                    style: TextStyle) -> list[Item]:
    """The roll's title set 竖排 in one column, centred in its band; a title longer than
    the band is an overset."""
    columns = compose_vertical(runs, band.height, ctx.fonts)
    if len(columns) > 1:
        needed = _title_depth(runs)
        raise OversetError(
            f"overset: the honour roll's title «{title}» needs {needed / 2.835:.1f} mm "
            f"down its band, which is {tall(band.height)}: "
            f"{(needed - band.height) / 2.835:.1f} mm over", ctx.content.location(path),
            hint="shorten the title, or give the honour roll's row more height")
    column = columns[0]
    ctx.check_glyphs("".join(g.char for g in column.glyphs), style.style.font,
                     path)  # the vertical forms of its marks are drawn
    y_top = band.top - (band.height - column.height) / 2
    return ctx.draw_column(column, band.x + (band.width - column.width) / 2, y_top)


def _title_depth(runs) -> float:
    """How far down its band the vertical title runs: a character's pitch each."""
    return sum(_pitch(r.style) for r in runs for _ in r.text)


def _centred(items, measure: float, gutter: float, split: int, height: float,
             across: bool) -> tuple[list[Item], list[Box]]:
    """The list's lines (in its block's coordinates, top at 0) moved down by half of what
    the fill left under its columns — the same for each column, so their tops stay in line
    — and, when `across`, each column's lines moved across as a block, the blocks sharing
    the white evenly before, between and after them (one block: centred); with
    each column's block, a text column wide about its lines' middle and from its first
    line's top to its last line's foot: the white beside a short award is the list's rag,
    which the design asks for — measured at the column's width, as a flush-left list's
    is — while what the fill leaves above and below it stays a hole."""
    runs = [i for i in items if isinstance(i, TextRun)]
    if not runs:
        return list(items), []

    def column(x: float) -> int:
        return min(split - 1, max(0, int((x + gutter / 2) // (measure + gutter))))

    def em(r: TextRun) -> tuple[float, float]:
        return r.y - (1 - ASCENT) * r.style.size, r.y + ASCENT * r.style.size

    foot, top = min(em(r)[0] for r in runs), max(em(r)[1] for r in runs)
    down = max(0.0, top + (height - (top - foot)) / 2)
    spans = {}  # each column's lines: from the first's left to the widest's right
    for c in range(split):
        mine = [r for r in runs if column(r.xs[0]) == c]
        if mine:
            spans[c] = (min(r.xs[0] for r in mine),
                        max(r.xs[-1] + r.style.size * r.style.scale for r in mine),
                        min(em(r)[0] for r in mine), max(em(r)[1] for r in mine))
    # centred, the blocks share the width's white evenly — before, between and after them
    # — but stand at least a gutter apart
    white = split * measure + (split - 1) * gutter - sum(b[1] - b[0] for b in spans.values())
    between = max(gutter, white / (len(spans) + 1))
    shift, blocks, x = {}, [], (white - between * (len(spans) - 1)) / 2
    for c, (first, last, low, high) in spans.items():
        shift[c] = x - first if across else 0.0
        # kept clear at the column's width: the white beside its short awards is its rag
        middle = first + shift[c] + (last - first) / 2
        blocks.append(Box(middle - measure / 2, low - down, measure, high - low))
        x += last - first + between
    out = [moved(i, shift.get(column(i.xs[0] if isinstance(i, TextRun) else 0.0), 0.0), -down)
           for i in items]
    return out, blocks


# -- names (名单) -----------------------------------------------------------------------------

_NAME_MOST = 6  # letters of the longest bare entry read as a name (爱新觉罗溥仪)


def _bare_names(items) -> bool:
    """Whether a roll's entries are people's names, not awards: three or more, each bare
    (no items, no names of its own), of 1 to _NAME_MOST letters with no punctuation or
    digit, and most of them two or three letters long — a roll of short awards (劳动模范,
    五一劳动奖章) is four letters and more."""
    texts = [item.text for item in items]
    return (len(texts) >= 3 and not any(item.items or item.names for item in items)
            and all(1 <= len(t) <= _NAME_MOST and content.name_fault(t) is None for t in texts)
            and 2 * sum(2 <= len(t) <= 3 for t in texts) > len(texts))


@dataclass(frozen=True)
class _NameGrid:
    """The cells a roll's names are set in: `cell` characters of the name style wide, at
    least `gap` characters apart."""

    style: TextStyle
    cell: int
    gap: float

    @classmethod
    def of(cls, ctx: Context, region: Region, item_style: TextStyle) -> _NameGrid:
        name = option(region, "name_style", "")
        style = ctx.style(name) if name else item_style
        return cls(replace(style, align="start", indent=0.0, hang=0.0),
                   max(1, int(option(region, "name_cell", 3))),
                   max(0.0, float(option(region, "name_gap", 2.0))))

    @property
    def em(self) -> float:
        st = self.style.style
        return st.size * st.scale * (1 + st.tracking)

    def across(self, measure: float) -> int:
        """How many cells a row of `measure` holds (one at least)."""
        return max(1, int((measure + self.gap * self.em) / ((self.cell + self.gap) * self.em)
                          + 1e-6))

    def spans(self, chars: int) -> int:
        """The cells a name of `chars` characters takes: one, or as many as hold it — k cells
        and the k - 1 gaps between them hold k·cell + (k - 1)·gap characters."""
        return max(1, math.ceil((chars + self.gap - 1e-6) / (self.cell + self.gap)))


def _name_rows(ctx: Context, grid: _NameGrid, names: list[tuple[str, str]], measure: float,
               indent: float) -> list[flow.FlowLine]:
    """Names (each with its content path) in rows of equal cells across `measure` after
    `indent`, left to right in their order: a name shorter than its cell spread to it (张　三,
    its first and last characters at the cell's ends; one character centred), a longer one
    taking whole cells, set from the first — never broken. The cells of a row are spread to
    the measure, so every row's cells stand in line."""
    if not names:
        return []
    width = measure - indent
    cell = grid.cell * grid.em
    across = grid.across(width)
    step = cell + (grid.gap * grid.em if across == 1 else (width - across * cell) / (across - 1))
    rows: list[list[Glyph]] = [[]]
    paths: list[str] = []
    at = 0
    for name, path in names:
        lines = ctx.compose(ctx.runs(name, grid.style, path), grid.style, 1e6)
        glyphs = [g for line in lines for g in line.glyphs]
        natural = glyphs[-1].box + glyphs[-1].width - glyphs[0].box
        span = grid.spans(len(glyphs))
        need = (span - 1) * step + cell
        if natural > width + 0.01 or span > across:
            raise OversetError(
                f"overset: the name «{name}» needs {max(natural, need) / 2.835:.1f} mm; the "
                f"honour roll's text column is {width / 2.835:.1f} mm wide: "
                f"{(max(natural, need) - width) / 2.835:.1f} mm over", ctx.content.location(path),
                hint="give the honour roll more columns in the layout, or a smaller "
                     "name_style or name_cell")
        if at + span > across:
            rows.append([])
            at = 0
        if not rows[-1]:
            paths.append(path)
        x0 = indent + at * step
        rows[-1] += _in_cell(glyphs, x0, cell if span == 1 else natural)
        at += span
    pitch = grid.style.leading
    return [flow.FlowLine(Line(tuple(row), 0.0, max(g.box + g.width for g in row), measure, True,
                               False), pitch, grid.style.space_before if k == 0 else 0.0,
                          False, path, True)  # each row an entry: the fill may open before it
            for k, (row, path) in enumerate(zip(rows, paths))]


def _in_cell(glyphs: list[Glyph], x: float, width: float) -> list[Glyph]:
    """A name's glyphs moved into its cell from `x`, `width` wide: the first at its start
    and the last ending at its end, the room left shared evenly between them — each gap
    the same, whatever the glyphs' widths (阿依古丽·买买提: its ½-em 间隔号 centred between
    its neighbours, not spaced as a full em); one glyph centred."""
    if len(glyphs) == 1:
        return [_moved_glyph(glyphs[0], x + (width - glyphs[0].width) / 2)]
    first = glyphs[0].box
    gap = (width - (glyphs[-1].box + glyphs[-1].width - first)) / (len(glyphs) - 1)
    return [_moved_glyph(g, x + g.box - first + k * gap) for k, g in enumerate(glyphs)]


def _moved_glyph(g: Glyph, box: float) -> Glyph:
    """The glyph with its box from `box` (its drawing origin kept where it is in the box)."""
    return replace(g, x=box + g.x - g.box, box=box)


def _sub_items(ctx: Context, items, path: str, style, bullet_style, width: float
               ) -> list[list[flow.FlowLine]]:
    """An award's sub-items, and theirs in turn however deep the content nests them, each
    set as a sub-item (one entry each): nothing the content lists is left off the roll."""
    entries: list[list[flow.FlowLine]] = []
    for k, sub in enumerate(items):
        here = f"{path}.items[{k}]"
        entries.append(flow.paragraph(ctx, sub.text, style, width, f"{here}.text",
                                      prefix="◇", prefix_style=bullet_style))
        entries += _sub_items(ctx, sub.items, here, style, bullet_style, width)
    return entries


def _pitch(style) -> float:
    return style.size * (1 + style.tracking)
