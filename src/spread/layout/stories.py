"""News stories: a story's head (kicker above, headline, subhead below), its byline on a line
of its own, its dateline run in at the start of its first paragraph, its paragraphs, and its
photos with caption and credit set in its flow one text column wide, or spanning its columns
above the text.

A story is the page's lead story (the content's top-level headline, kicker, subhead, byline,
dateline and lead; a region shows it with no content path) or a section (sections[i]: its
title is the headline, its intro and body the paragraphs, its pictures the photos).

Kinds:
  headline   a story's head alone, e.g. across the page above the lead story's columns
  story      a whole story: its head (unless `head: false`), photos, byline and paragraphs

The section kind sets a section's byline, dateline, body and photos with the same functions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from spread.errors import InputError
from spread.layout import flow
from spread.layout.blocks import (Filling, flow_block, grid_of, natural_height, option,
                                  resolve, text_columns)
from spread.layout.context import ASCENT, MARK, Context, TextStyle
from spread.layout.makeup import HOLE_LINES
from spread.layout.problems import place
from spread.page import Box, Frame, Image, Item, Rule, TextRun
from spread.template import Region

PHOTO_GAP = 0.6  # space above and below a photo in the flow, in 字
SEPARATOR = "　"  # between a run-in dateline and the paragraph's text: one 全角 space
# a story's parts set in styles named as they are (its byline in the style "byline")
BYLINE_STYLES = {"byline": "byline", "dateline": "dateline"}


# -- where a story's parts are in the content ----------------------------------------------

def part(story: str, name: str) -> str:
    """The content path of a story's part: `headline` of the page's lead story (story '') is
    headline, of sections[1] it is sections[1].title; `paragraphs` are lead or the body."""
    if not story:
        return {"paragraphs": "lead"}.get(name, name)
    return f"{story}.{ {'headline': 'title', 'paragraphs': 'body'}.get(name, name) }"


def paragraphs(ctx: Context, story: str) -> list[tuple[str, str]]:
    """A story's paragraphs in order, each with its content path: a section's intro first."""
    out = []
    if story and getattr(ctx.content.at(story), "intro", ""):
        out.append((ctx.content.at(f"{story}.intro"), f"{story}.intro"))
    body = part(story, "paragraphs")
    out += [(text, f"{body}[{i}]") for i, text in enumerate(ctx.content.at(body) or [])]
    return out


def photos(ctx: Context, region: Region, story: str) -> list[str]:
    """The content paths of a story's photos: a section's own, or those the region's
    `photos` option names for the page's lead story (pictures[0])."""
    if story:
        return [f"{story}.pictures[{i}]" for i in range(len(ctx.content.at(story).pictures))]
    named = list(option(region, "photos", []))
    for path in named:
        if ctx.content.at(path) is None:
            raise InputError(f"the {region.kind} region's photos name {path}, which the "
                             "content does not have", region.where,
                             hint=f"the content has {len(ctx.content.pictures)} pictures")
    return named


def shows(region: Region) -> list[str]:
    """The content paths a headline or story region places."""
    story = region.content
    names = ["headline", "kicker", "subhead"]
    if region.kind == "story":
        names = names * bool(option(region, "head", True)) + ["byline", "dateline", "intro",
                                                              "paragraphs", "jump"]
        if story:
            names.append("pictures")
    paths = [part(story, n) for n in names if story or n != "intro"]
    return paths + ([] if story else list(option(region, "photos", [])))


# -- styles ----------------------------------------------------------------------------------

def marked(ctx: Context, region: Region, text: str, path: str):
    """The emphasis of a paragraph's **marked** text (an interview's 问： and 答：): the
    style the region's `strong_style` names (default strong) — asked of the layout only
    where the content marks text, so a layout without it sets unmarked text as before."""
    if MARK not in text:
        return None
    return None, style(ctx, region, "strong_style", "strong", f"**marked** text of {path}")


def style(ctx: Context, region: Region, key: str, default: str, what: str) -> TextStyle:
    """The style the option `key` names (or `default`), or an error at the region saying
    which style the layout lacks for what the content gives."""
    name = option(region, key, "") or default
    if name not in ctx.layout.styles:
        raise InputError(f"the {region.kind} region (columns {region.columns or 'of its stack'}) "
                         f"sets {what} in style '{name}', which the layout does not define",
                         region.where, hint=f"add {name} under styles: (e.g. {name}: "
                                            "{font: kai, size: 五号}), or name another "
                                            f"with the option {key}")
    return ctx.style(name)


# -- the head ------------------------------------------------------------------------------

def head_lines(ctx: Context, region: Region, story: str, width: float, span: bool = False
               ) -> list[tuple[TextStyle, object]]:
    """The kicker's, headline's and subhead's lines, each with its style; with `span`, a
    short headline set larger to span the width as far as the layout lets it (_spanning)."""
    out = []
    for name in ("kicker", "headline", "subhead"):
        st, lines = part_lines(ctx, region, story, name, width)
        if span and name == "headline" and lines:
            st, lines = _spanning(ctx, region, ctx.content.at(part(story, name)),
                                  part(story, name), st, lines, width)
        out += [(st, line) for line in lines]
    return out


def part_lines(ctx: Context, region: Region, story: str, name: str, width: float
               ) -> tuple[TextStyle | None, list]:
    """A head part's (kicker, headline, subhead) style and lines; (None, []) if the story
    has none. Its style is the option `<name>_style`, else the style named like the part."""
    path = part(story, name)
    text = ctx.content.at(path)
    if not text:
        return None, []
    st = style(ctx, region, f"{name}_style", name, path)
    return st, ctx.compose(ctx.runs(text, st, path), st, width)


def _spanning(ctx: Context, region: Region, text: str, path: str, st: TextStyle, lines,
              width: float) -> tuple[TextStyle, list]:
    """A one-line headline shorter than its story's columns set larger to span them, as a
    newspaper sizes a head to its story's width: up to the option `head_span` times its
    style's size (1, the default: as the style sets it), in whole points, still one line —
    the white beside a short head is a hole the head itself fills. Only a story set taller
    than it needs grows its head (_grown_head): a head never costs a line of text."""
    most = float(option(region, "head_span", 1.0))
    if most <= 1.0 or len(lines) != 1 or lines[0].width <= 0:
        return st, lines
    full = st.style.size
    size = math.floor(full * min(most, width / lines[0].width) + 1e-6)
    if size <= full:
        return st, lines
    larger = ctx.style(st.name, size / full)
    grown = ctx.compose(ctx.runs(text, larger, path), larger, width)
    return (larger, grown) if len(grown) == 1 else (st, lines)


def head_height(ctx: Context, region: Region, lines) -> float:
    """The head's lines and the space under them, on the grid when the page has one."""
    if not lines:
        return 0.0
    gap = ctx.unit * float(option(region, "head_gap", 0.8))
    return flow.grid_up(sum(st.leading for st, _ in lines) + gap, ctx.grid)


def draw_head(ctx: Context, region: Region, lines, x: float, top: float,
              width: float) -> list[Item]:
    items: list[Item] = []
    y = top
    for st, line in lines:
        baseline = y - (st.leading - line.size) / 2 - ASCENT * line.size
        items += ctx.draw_line(line, x, baseline)
        y -= st.leading
    rule = option(region, "head_rule", "")
    if rule and lines:
        colour = ctx.colour(rule)
        # newsprint holds a single-ink rule at the fine weight; more inks need the standard
        weight = ctx.rule("fine" if sum(v > 0 for v in colour.cmyk) <= 1 else "standard")
        y -= ctx.unit * 0.3
        items.append(Rule(x, y, x + width, y, colour, weight))
    return items


def headline(ctx: Context, region: Region, width, height) -> Frame:
    """A story's head alone: kicker, headline and subhead, as the styles align them."""
    lines = head_lines(ctx, region, region.content, width)
    natural = head_height(ctx, region, lines)
    if height is None:  # no height given: set at its natural height
        height = natural
    return Frame(width, height, tuple(draw_head(ctx, region, lines, 0.0, 0.0, width)),
                 reserved=_head_band(width, natural))


def _head_band(width: float, height: float) -> tuple[Box, ...]:
    """The band a head stands in, across its region: the white beside a short or centred
    head is the head's (as the band beside a section's tab is), not a hole in the page."""
    return (Box(0.0, -height, width, height),) if height > 0 else ()


# -- the flow: byline, paragraphs with the dateline run in, photos ---------------------------

def flow_lines(ctx: Context, region: Region, story: str, body: TextStyle, measure: float,
               grid: float | None, styles: dict[str, str], with_photos: bool = True
               ) -> list[flow.FlowLine]:
    """A story's byline (on a line of its own, kept with what follows), its paragraphs —
    the dateline run in at the start of the first — and, unless they are set elsewhere, its
    photos after the first `photo_after` paragraphs (0: first of all, above the byline).
    `styles` names the default style of the byline and the dateline."""
    content = ctx.content
    lines: list[flow.FlowLine] = []
    pictures = photos(ctx, region, story) if with_photos else []
    after = int(option(region, "photo_after", 1))
    if after == 0:  # at the top of the story's first column, above the byline
        lines += [photo_block(ctx, region, p, measure, grid) for p in pictures]
        pictures = []
    byline = content.at(part(story, "byline"))
    if byline:
        st = style(ctx, region, "byline_style", styles["byline"], part(story, "byline"))
        lines += flow.paragraph(ctx, byline, st, measure, part(story, "byline"), keep=True,
                                grid=grid)
    dateline = content.at(part(story, "dateline"))
    texts = paragraphs(ctx, story)
    runs_in = texts or ([("", "")] if dateline else [])  # a dateline alone is a paragraph
    for k, (text, path) in enumerate(runs_in):
        if k == after:
            lines += [photo_block(ctx, region, p, measure, grid) for p in pictures]
        runs = []
        if k == 0 and dateline:
            st = style(ctx, region, "dateline_style", styles["dateline"],
                       part(story, "dateline"))
            runs += ctx.runs(dateline + (SEPARATOR if text else ""), st,
                             part(story, "dateline"))
        runs += ctx.runs(text, body, path, marked(ctx, region, text, path)) if text else []
        para = set_runs(ctx, runs, body, measure, path or part(story, "dateline"), grid)
        if k == 0 and dateline and text and not _runs_in(para, len(dateline + SEPARATOR)):
            para = (dateline_line(ctx, ctx.runs(dateline, st, part(
                story, "dateline")), body, measure, part(story, "dateline"), grid)
                + set_runs(ctx, ctx.runs(text, body, path, marked(ctx, region, text, path)),
                           body, measure, path, grid))
        lines += flow.apart(para, body, grid) if k else para
    lines += _jump(ctx, region, story, measure, grid, lines)
    if len(runs_in) <= after:
        lines += [photo_block(ctx, region, p, measure, grid) for p in pictures]
    return lines


def _jump(ctx: Context, region: Region, story: str, measure: float, grid: float | None,
          before: list[flow.FlowLine]) -> list[flow.FlowLine]:
    """The story's 转版 line (（下转第3版）) on a line of its own in the style `jump` (flush
    right, as the layout sets it), kept in its column with the last line above it: a jump
    line alone at a column's top points nowhere."""
    jump = ctx.content.at(part(story, "jump"))
    if not jump:
        return []
    if before:
        before[-1] = replace(before[-1], keep=True)
    st = style(ctx, region, "jump_style", "jump", f"{part(story, 'jump')} (a 转版 line)")
    return flow.paragraph(ctx, jump, st, measure, part(story, "jump"), grid=grid)


def _runs_in(para: list[flow.FlowLine], length: int) -> bool:
    """The paragraph's first line holds its run-in dateline whole, the space after it and
    text after that — two characters at least: one alone is stranded there, its word
    going on under the dateline (新华社东京11月29日电　日 / 本央行, where the space that
    ends a line takes no room) — `length` is the dateline's with its space."""
    first = para[0].line if para else None
    return first is not None and max((g.index for g in first.glyphs), default=-1) > length


def dateline_line(ctx: Context, runs, body: TextStyle, measure: float, path: str,
                  grid: float | None) -> list[flow.FlowLine]:
    """A dateline too long to run in — it would break inside itself (新华社约翰内斯堡11月29日
    / 电) or fill the first line, leaving its space dangling at the line's end — set on a
    line of its own, at the paragraph's indent where it fits there and flush where it only
    fits the measure, kept with the paragraph under it, which starts as paragraphs do."""
    alone = ctx.compose(runs, body, measure)
    if len(alone) > 1:
        alone = ctx.compose(runs, body, measure, first_indent=0.0)
    pitch = flow.grid_up(body.leading, grid)
    space = flow.grid_up(body.space_before, grid)
    return [flow.FlowLine(line, pitch, space if i == 0 else 0.0, True, path, i == 0)
            for i, line in enumerate(alone)]


def set_runs(ctx: Context, runs, st: TextStyle, measure: float, path: str,
             grid: float | None) -> list[flow.FlowLine]:
    """Styled runs composed as one paragraph of flow lines (flow.paragraph for runs of more
    than one style)."""
    lines = ctx.compose(runs, st, measure)
    pitch, space = flow.grid_up(st.leading, grid), flow.grid_up(st.space_before, grid)
    return [flow.FlowLine(line, pitch, space if i == 0 else 0.0, False, path, i == 0)
            for i, line in enumerate(lines)]


def photo_block(ctx: Context, region: Region, path: str, width: float,
                grid: float | None) -> flow.FlowLine:
    """A photo with its credit and caption as one block of the flow, `width` wide, with
    space above and below; on a grid it takes whole steps, so the text after it returns to
    the grid. With `grow` in the photo options the frame may open to take its column's
    slack, up to that factor of its height: filling by growth, not by blank lines."""
    from spread.layout import pictures

    frame = Region(kind="picture", content=path, columns=region.columns,  # named by its story's
                   options=dict(option(region, "photo_options", None) or {}), where=region.where)
    quiet = replace(ctx, notes=[])  # measured here; its notes are made where it is drawn
    natural = pictures.picture(quiet, frame, width, None)
    space = ctx.unit * PHOTO_GAP
    pitch = flow.grid_up(natural.height + 2 * space, grid)
    grow = 0.0
    if "grow" in frame.options:  # how far it opens when given all the room it may take
        tallest = pictures.picture(quiet, frame, width, natural.height * 20)
        grow = _frame(tallest) - _frame(natural)

    def draw(x: float, top: float, w: float, taken: float = pitch) -> list[Item]:
        height = natural.height + (taken - pitch)  # what the column gave it beyond its own
        placed = pictures.picture(ctx, frame, w, height)
        # a flow's blocks carry no problems: a photo cut past its bound is said as a warning
        ctx.notes.extend(f"warning: {p.error.message}" for p in placed.problems)
        return list(placed.placed(x, top - space).items)

    return flow.FlowLine(None, pitch, 0.0, False, path, True, draw, grow=grow)


def _frame(picture: Frame) -> float:
    """The height of a laid-out picture's frame (without its caption and credit)."""
    return max((item.clip.height for item in picture.items if isinstance(item, Image)),
               default=0.0)


# -- the story kind --------------------------------------------------------------------------

def story(ctx: Context, region: Region, width, height) -> Frame:
    """A whole story in the region's text columns: its head across them, then its photos
    spanning them (`photo_place: span`) or in the flow one column wide (`column`; `auto`:
    one column wide unless that leaves white beside them, _spans), then its byline and
    paragraphs."""
    path = region.content
    if path:
        resolve(ctx, path)
    body = ctx.style(region.style or "body")
    measure, gutter = text_columns(ctx, width, region.split)
    grid = grid_of(ctx, region, body)
    head = head_lines(ctx, region, path, width) if option(region, "head", True) else []
    head_h = head_height(ctx, region, head)
    span = _spans(ctx, region, path, body, measure, width, grid,
                  None if height is None else height - head_h)
    wide = [_sharp_grow(ctx, region, p, width) for p in photos(ctx, region, path)
            ] if span else []
    wide_h = sum(block.pitch for block in wide)
    lines = flow.heading_keeps(flow_lines(ctx, region, path, body, measure, grid,
                                          BYLINE_STYLES, with_photos=not span))
    text_h = natural_height(ctx, lines, region.split)
    if head:  # set taller than it needs, it may grow its head into the spare height
        head, head_h = _grown_head(ctx, region, path, width, head, head_h, 0.0 if height is None
                                   else height - head_h - wide_h - text_h)
    under = region.split if wide else head_columns(ctx, region, head, measure, gutter)
    cut = beside_cut(ctx, lines, region.split, under, head_h, height) if under < region.split \
        else None
    if cut is None:
        under = region.split
    if height is None:  # no height given: the text's natural height under head and photos
        height = cut.height if cut else head_h + wide_h + text_h
    wide = _opened(wide, height - head_h - wide_h - text_h, ctx.grid)
    head_w = under * (measure + gutter) - gutter if under < region.split else width
    items = draw_head(ctx, region, head, 0.0, 0.0, head_w)
    y = -head_h
    for block in wide:
        items += block.block(0.0, y, width, block.pitch)
        y -= block.pitch
    if cut:
        inner = _beside_head(ctx, region, cut, under, measure, gutter, height, head_h)
    else:
        inner = flow_block(ctx.within(0.0, y), region, lines, width, height + y,
                           region.split).placed(0.0, y)
    items += inner.items
    foot = _text_foot(inner.items, -height + ctx.unit * 0.3)
    _report_slack(ctx, region, foot + height, measure, body)
    divider = option(region, "divider", "")
    if divider and region.split > 1:  # down to the text's foot, not through a hole under it
        for c in range(1, region.split):
            rx = c * (measure + gutter) - gutter / 2
            top = y if c < under else 0.0  # beside the head from the region's top
            items.append(Rule(rx, top, rx, foot, ctx.colour(divider), ctx.rule("fine")))
    return Frame(width, height, tuple(items), reserved=_head_band(head_w, head_h) + inner.reserved,
                 problems=inner.problems, overflow=inner.overflow,
                 heads=(0.0,) if head else (),
                 room=_room(ctx, region, wide, lines, text_h, None if span else _span_room(
                     ctx, region, path, body, measure, width, grid, text_h)))


def _grown_head(ctx: Context, region: Region, story: str, width: float, head, head_h: float,
                spare: float) -> tuple[list, float]:
    """The head with a short headline grown to span the story's columns (head_span), where
    the story is set at least as much taller than its natural height as the grown head is
    taller: its spare height, which would be white at its foot, taken by its head."""
    if float(option(region, "head_span", 1.0)) <= 1.0:
        return head, head_h
    grown = head_lines(ctx, region, story, width, span=True)
    grown_h = head_height(ctx, region, grown)
    return (grown, grown_h) if grown_h - head_h <= spare + 0.01 else (head, head_h)


def head_columns(ctx: Context, region: Region, head, measure: float, gutter: float) -> int:
    """How many of a story's text columns its head stands over: those its lines reach into
    from the left, where the layout lets the text start beside a narrow head (the option
    `beside_head: text`) and the head is set flush left — else all of them (`white`, the
    default: the height text beside the head frees is white at the foot of the story's
    stack unless something there takes it; or a centred head: text beside it would be read
    before it)."""
    split = region.split
    if not head or split < 2 or option(region, "beside_head", "white") != "text":
        return split
    if min(line.start for _, line in head) > 0.5:
        return split
    right = max(line.start + line.width for _, line in head)
    return min(split, max(1, math.ceil((right + gutter) / (measure + gutter) - 0.01)))


@dataclass(frozen=True)
class BesideCut:
    """A story's text parted beside its narrow head: the lines under the head, in the
    columns it stands over, and the lines of the columns beside it, which start at the
    story's top; `height` the story's natural height so set."""

    under: list
    beside: list
    height: float


def beside_cut(ctx: Context, lines: list[flow.FlowLine], split: int, under: int,
               head_h: float, height: float | None) -> BesideCut | None:
    """Where a story's text parts between the `under` columns below its head and the
    columns beside it (which are `head_h` taller): the columns under the head take the
    least height at which the rest, balanced beside the head, is no taller than they with
    the head — the feet as level as whole lines allow — within `height` (the story's
    given height) if any. None where no cut fits (the text is set under the head)."""
    if not lines:
        return None
    step = ctx.grid or min(fl.pitch for fl in lines)
    top = (height - head_h) if height is not None else flow.text_height(
        flow.split_columns(lines, split, None)[0]) + step
    most = int(top / step + 0.01)

    def parted(steps: int):
        rest = flow.split_columns(lines, under, steps * step)[1]
        taken = len(lines) - len(rest)
        side = flow.text_height(flow.split_columns(rest, split - under, None)[0]) if rest else 0.0
        return taken, side

    low, high = 1, max(1, most)  # the least steps whose rest is no taller than they and head
    while low < high:
        middle = (low + high) // 2
        if parted(middle)[1] <= middle * step + head_h + 0.01:
            high = middle
        else:
            low = middle + 1
    taken, side = parted(low)
    if side > low * step + head_h + 0.01 and height is None:
        return None
    if height is not None and side > height + 0.01:
        return None  # beside the head the rest would run past the story's foot
    tall = flow.grid_up(max(low * step + head_h, side, head_h), ctx.grid)
    return BesideCut(lines[:taken], lines[taken:], tall)


def _beside_head(ctx: Context, region: Region, cut: BesideCut, under: int, measure: float,
                 gutter: float, height: float, head_h: float) -> Frame:
    """A story's text in the columns under its head and, from the story's top, in those
    beside it: two frames of one flow, read in turn."""
    side = region.split - under
    left = under * (measure + gutter)
    first = flow_block(ctx.within(0.0, -head_h), region, cut.under, left - gutter,
                       height - head_h, under, (measure, gutter)).placed(0.0, -head_h)
    second = flow_block(ctx.within(left, 0.0), region, cut.beside,
                        side * (measure + gutter) - gutter, height, side,
                        (measure, gutter)).placed(left, 0.0)
    return Frame(first.width + gutter + second.width, height, first.items + second.items,
                 first.reserved + second.reserved, problems=first.problems + second.problems,
                 overflow=first.overflow + second.overflow)


def _room(ctx: Context, region: Region, wide: list[flow.FlowLine],
          lines: list[flow.FlowLine], text_h: float, spanning: float | None) -> float | None:
    """How much taller a story may be set and still fill its columns (Frame.room): what its
    photos across the columns open, and what those in its flow open as its columns, filled,
    still end at their foot (flow.fill_room: at most a column's share of their opening, the
    text moving to the other columns as one opens) — or what they take set across its
    columns instead (`spanning`, _span_room) where that is more — or any height where its
    columns open blank lines (fill: space with a max_space). `text_h`: its columns' natural
    height."""
    if option(region, "fill", "none") == "space" and int(option(region, "max_space", 2)) > 0:
        return None
    across = sum(block.grow for block in wide)
    opening = sum(fl.grow for fl in lines if fl.block is not None) / max(1, region.split)
    filling = Filling.of(ctx, region)
    if opening and filling is not None:  # columns filled open their photos
        across += flow.fill_room(lines, region.split, text_h, ctx.body_pitch, filling.most,
                                 ctx.page_box.column, filling.paragraphs, opening)
    return max(across, spanning or 0.0)


def _span_room(ctx: Context, region: Region, story: str, body: TextStyle, measure: float,
               width: float, grid: float | None, text_h: float) -> float | None:
    """How much taller than its natural height a story whose photos stand in its flow
    (photo_place: auto) may be set and be filled by them set across its columns and
    opened as far as they may grow, sharp: the white under the shorter half of a page its
    photos take, set larger (`text_h`: its columns' natural height, the photos in them)."""
    pictures = photos(ctx, region, story)
    if (option(region, "photo_place", "auto") != "auto"
            or region.split < 2 or not pictures):
        return None
    quiet = replace(ctx, notes=[])
    across = [_sharp_grow(quiet, region, p, width) for p in pictures]
    if not all(_sharp(block.block(0.0, 0.0, width, block.pitch)) for block in across):
        return None
    text = flow.heading_keeps(flow_lines(quiet, region, story, body, measure, grid,
                                         BYLINE_STYLES, with_photos=False))
    spanned = sum(b.pitch + b.grow for b in across) + natural_height(ctx, text, region.split)
    return max(0.0, spanned - text_h)


def _spans(ctx: Context, region: Region, story: str, body: TextStyle, measure: float,
           width: float, grid: float | None, height: float | None) -> bool:
    """Whether a story's photos span its columns: as `photo_place` says, or with `auto`
    where set one column wide in the flow they would stand beside white that spanning
    does not leave — a picture story (图片新闻) whose text is shorter than its photo. In
    `height` (under the head; None: the story's natural height) the text beside the photos
    fills the story's other columns only as far as it reaches; across, the photos open by
    what they may grow and the text is balanced under them. Spanning is chosen where it
    leaves less white by a hole's height (makeup.HOLE_LINES body lines) or more, and only
    where the text still fits under the photos."""
    place = option(region, "photo_place", "auto")
    pictures = photos(ctx, region, story)
    if place != "auto" or region.split < 2 or not pictures:
        return place == "span" and bool(pictures)
    text = flow.heading_keeps(flow_lines(ctx, region, story, body, measure, grid,
                                         BYLINE_STYLES, with_photos=False))
    if not text:
        return True
    quiet = replace(ctx, notes=[])
    beside = [photo_block(quiet, region, p, measure, grid) for p in pictures]
    across = [_sharp_grow(quiet, region, p, width) for p in pictures]
    if not all(_sharp(block.block(0.0, 0.0, width, block.pitch)) for block in across):
        return False  # across, a photo would print below the layout's least resolution
    tall = sum(fl.pitch + fl.space_before for fl in text)
    photo = sum(block.pitch for block in beside)
    under = natural_height(ctx, text, region.split)
    top = sum(block.pitch for block in across)
    taller = 0.0  # how much taller than the columns with the photos in, set across
    if height is None:  # its natural height: as tall as the columns with the photos in
        height = max(photo, natural_height(ctx, flow.heading_keeps(flow_lines(
            ctx, region, story, body, measure, grid, BYLINE_STYLES)), region.split))
        taller = max(0.0, top + under - height)
        under = max(under, height - top)  # across, the story is as tall as it needs
    elif top + under > height + 0.01:
        return False  # across, the text would not fit under the photos
    column_white = max(0.0, (region.split - 1) * height - tall,
                       region.split * height - tall - photo - sum(b.grow for b in beside))
    if taller > 0.01 and tall > photo + 0.01:
        return False  # a story longer than its photos is no picture story: across, they
        # would make it taller (a 4:3 photo across three columns, three times as tall)
        # than it is set a column wide — the page is measured as the story will be set
    opened = _opened(across, height - top - under, ctx.grid)
    span_white = region.split * max(0.0, height - sum(block.pitch for block in opened) - under)
    return column_white - span_white >= HOLE_LINES * body.leading - 0.01


def _sharp_grow(ctx: Context, region: Region, path: str, width: float) -> flow.FlowLine:
    """A story's photo as a block `width` wide that opens only as far as its picture,
    cropped to cover the taller frame, still prints at the layout's least resolution (in
    whole grid steps on a grid): a photo across a story's columns is enlarged as it opens."""
    block = photo_block(ctx, region, path, width, ctx.grid)
    probe = photo_block(replace(ctx, notes=[]), region, path, width, ctx.grid).block
    step = ctx.grid or 1.0
    low, high = 0, int(block.grow / step + 0.01)
    if _sharp(probe(0.0, 0.0, width, block.pitch + high * step)):
        return block
    while low < high:  # the most steps it may open, sharp: opening only enlarges it
        middle = (low + high + 1) // 2
        if _sharp(probe(0.0, 0.0, width, block.pitch + middle * step)):
            low = middle
        else:
            high = middle - 1
    return replace(block, grow=low * step)


def _sharp(items: list[Item]) -> bool:
    """Whether the pictures among drawn items print at the layout's least resolution."""
    return all(item.sharp or item.missing for item in items if isinstance(item, Image))


def _opened(blocks: list[flow.FlowLine], spare: float, grid: float | None
            ) -> list[flow.FlowLine]:
    """Photos spanning a story's columns opened, in turn, by as much of the story's spare
    height as each may grow (in whole grid steps on a grid): a short story's frame is
    filled by its photo rather than by blank lines between its paragraphs."""
    out = []
    for block in blocks:
        take = min(max(0.0, spare), block.grow)
        if grid:
            take = flow.grid_down(take, grid)
        spare -= take
        out.append(replace(block, pitch=block.pitch + take))
    return out


SLACK_LINES = 6  # a story whose text stops this many body lines above its foot says so


def _text_foot(items, floor: float) -> float:
    """The lowest point of the story's text (its last lines' descenders), or `floor`."""
    feet = [item.y - (1 - ASCENT) * item.style.size for item in items
            if isinstance(item, TextRun)]
    return max(floor, min(feet)) if feet else floor


def _report_slack(ctx: Context, region: Region, empty: float, measure: float,
                  body: TextStyle) -> None:
    """The last resort after growth (photos opening, the rows' share of the page): a
    story that still stops well above its foot is a page with a hole, and the build warns
    with what would fill it — the characters of its columns' empty lines, or a photo."""
    lines = int(empty / body.leading + 0.01)
    if lines < SLACK_LINES:
        return
    chars = lines * region.split * int(measure / body.style.size + 0.01)
    ctx.notes.append(
        f"warning: {region.content or 'the lead story'} ({place(region)}) ends "
        f"{lines} lines above its foot, {empty / 2.835:.0f} mm of the page empty: add about "
        f"{chars // 10 * 10} characters, or a photo")
