"""Text flow: paragraphs become a stream of lines, the stream is balanced over a region's
columns, and each line is placed on its baseline."""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, replace
from typing import Callable, NamedTuple

from spread.compose.model import Line
from spread.layout.context import ASCENT, Context, TextStyle
from spread.page import Box, Item, Rule

KEEP_WITH_NEXT_LINES = 3  # a heading stays with at least two lines of what follows
# a widow or an orphan weighs as this many unfilled lines: the filler moves a line for it
# where that leaves one line unfilled at a column's foot, not two
WIDOW_STEPS = 2
PARTED_ENTRIES = 2  # a group of a list parts with at least this many of its entries each side


@dataclass(frozen=True)
class FlowLine:
    """A composed line with the height it takes in a column — or a block set in the flow
    like a line (a chart), drawn by `block(x, top, width)`; a block that may take up to
    `grow` more height when its column is filled is drawn by `block(x, top, width, height)`
    at the height it took."""

    line: Line | None
    pitch: float  # the line's leading, or the block's height
    space_before: float  # paragraph space above (dropped at a column top)
    keep: bool  # may not end a column (a heading, or a paragraph's first line under a heading)
    path: str  # the content item it sets, for overset reports
    paragraph_start: bool
    block: Callable[..., list] | None = None
    grow: float = 0.0
    joined: bool = False  # never parted from the line before (an award and its first item)
    follows: bool = False  # goes on with what the line before began (an award's later items)


def paragraph(ctx: Context, text: str, style: TextStyle, measure: float, path: str,
              emphasis=None, prefix: str = "", prefix_style: TextStyle | None = None,
              keep: bool = False, grid: float | None = None) -> list[FlowLine]:
    """Compose one paragraph into flow lines. `prefix` (a bullet) is set in `prefix_style`.
    On a baseline grid (`grid`, the body pitch) the line pitch and the space above take whole
    grid steps, so every body line of every column shares the page's baselines."""
    runs = []
    if prefix:
        runs += ctx.runs(prefix, prefix_style or style, path)
    runs += ctx.runs(text, style, path, emphasis)
    lines = ctx.compose(runs, style, measure)
    pitch, space = grid_up(style.leading, grid), grid_up(style.space_before, grid)
    return [FlowLine(line, pitch, space if i == 0 else 0.0, keep, path, i == 0)
            for i, line in enumerate(lines)]


def apart(para: list[FlowLine], style: TextStyle, grid: float | None) -> list[FlowLine]:
    """A paragraph that follows another of the same text, apart from it by the space its
    style asks after each paragraph (`space_after`: a poem's stanzas) — so between
    paragraphs only, never after the last."""
    if not para or style.space_after <= 0:
        return para
    first = para[0]
    return [replace(first, space_before=first.space_before
                    + grid_up(style.space_after, grid))] + para[1:]


def ruled(ctx: Context, fl: FlowLine, colour, weight: float) -> FlowLine:
    """A heading's line drawn with a rule from its end to the column's edge, across the
    middle of its type: the list under it reads as one panel, and the white beside a short
    heading does not join a paragraph's short last line above it into a hole."""
    def draw(x: float, top: float, width: float) -> list[Item]:
        size = fl.line.size
        baseline = top - (fl.pitch - size) / 2 - ASCENT * size
        start = x + fl.line.start + fl.line.width + size * 0.3
        middle = baseline + (ASCENT - 0.5) * size
        rule = [Rule(start, middle, x + width, middle, colour, weight)] if start < x + width else []
        return ctx.draw_line(fl.line, x, baseline) + rule

    return replace(fl, block=draw)


def grid_up(length: float, grid: float | None) -> float:
    """A length rounded up to whole grid steps (0 stays 0; no grid, as it is)."""
    if grid is None or length <= 0:
        return length
    return math.ceil(length / grid - 0.01) * grid  # a hair over a step is a step


def grid_down(length: float, grid: float) -> float:
    """A length rounded down to whole grid steps (a hair under a step is a step)."""
    return math.floor(length / grid + 0.01) * grid


def shares(spare: float, parts: int, grid: float | None) -> list[float]:
    """Spare height shared by `parts` growing children — in whole grid steps on a grid, the
    first ones taking one more step where the steps do not divide evenly."""
    if not parts:
        return []
    if grid is None:
        return [spare / parts] * parts
    steps = int(spare / grid + 0.01)
    return [(steps // parts + (1 if k < steps % parts else 0)) * grid for k in range(parts)]


def heading_keeps(lines: list[FlowLine]) -> list[FlowLine]:
    """Mark the lines a heading must stay with (it is never stranded at a column foot)."""
    out = list(lines)
    for i, fl in enumerate(lines):  # the original marks: kept lines do not keep others
        if fl.keep:
            for k in range(i + 1, min(i + KEEP_WITH_NEXT_LINES, len(out))):
                out[k] = replace(out[k], keep=True)
    return out


def kept_together(lines: list[FlowLine]) -> list[FlowLine]:
    """Lines that stay in one column (an entry of a list and its wrapped lines): each
    joined to the line before it, so no column ends between them and no space opens there."""
    return lines[:1] + [replace(fl, joined=True) for fl in lines[1:]]


def group(head: list[FlowLine], items: list[list[FlowLine]]) -> list[FlowLine]:
    """A heading entry and the entries it heads (an award and its items), kept in one
    column — but a long group may go on in the next column (entry_columns parts it only
    where that makes the columns more even) where at least PARTED_ENTRIES of its entries
    stand on each side: the heading is never left at a column foot with one entry under
    it, nor one entry at the next column's top."""
    out = kept_together(head)
    for k, entry in enumerate(items):
        entry = kept_together(entry)
        parts = PARTED_ENTRIES <= k <= len(items) - PARTED_ENTRIES
        out += [replace(entry[0], follows=True) if parts else replace(entry[0], joined=True)]
        out += entry[1:]
    return out


def _height(lines: list[FlowLine]) -> float:
    return sum(fl.pitch + (fl.space_before if k else 0.0) for k, fl in enumerate(lines))


def split_columns(lines: list[FlowLine], columns: int, height: float | None
                  ) -> tuple[list[list[FlowLine]], list[FlowLine]]:
    """Fill columns in order, each at most `height` tall (None: balance to the least height),
    leaving no widow or orphan (_loose) where a line can move — unless keeping them out
    leaves more lines over. Returns the columns and the lines that did not fit (overset)."""
    if not lines:
        return [[] for _ in range(columns)], []
    if height is None:
        height = balanced_height(lines, columns)
    cols, rest = _split(lines, columns, height, True)
    if rest:  # the rule never costs text: the plain cuts, if they set more
        plain = _split(lines, columns, height, False)
        if len(plain[1]) < len(rest):
            return plain
    return cols, rest


def _split(lines: list[FlowLine], columns: int, height: float, widows: bool
           ) -> tuple[list[list[FlowLine]], list[FlowLine]]:
    cols: list[list[FlowLine]] = []
    rest = list(lines)
    for _ in range(columns):
        take = _fit(rest, height, widows)
        cols.append(rest[:take])
        rest = rest[take:]
    return cols, rest


def _fit(lines: list[FlowLine], height: float, widows: bool = True) -> int:
    """How many lines from the start fit in `height`, without stranding a kept line — nor,
    with `widows`, a paragraph's first or last line alone, where a line can move."""
    used, take = 0.0, 0
    for k, fl in enumerate(lines):
        step = fl.pitch + (fl.space_before if k else 0.0)
        if used + step > height + 0.01:
            break
        used += step
        take = k + 1
    if take < len(lines):
        # never end a column on a line that must stay with the next
        fits = take
        while take > 0 and (_held(lines, take) or (widows and _loose(lines, take))):
            take -= 1
        if take == 0 and widows:  # no cut leaves none: a widow rather than an empty column
            take = fits
            while take > 0 and _held(lines, take):
                take -= 1
        if take == 0:
            take = _force(lines, height)
    return take


def _held(lines: list[FlowLine], k: int) -> bool:
    """Whether a column may not end before lines[k]: a heading's kept lines, or a line
    joined to the one before."""
    return lines[k].joined or (lines[k - 1].keep and lines[k].keep)


def _loose(lines: list[FlowLine], k: int) -> bool:
    """Whether a column ending before lines[k] leaves a paragraph's last line alone at the
    next column's top (a widow) or its first line alone at this column's foot (an orphan):
    the make-up moves a line instead, where it can."""
    return _widow(lines[k]) or _orphan(lines[k - 1])


def _widow(fl: FlowLine) -> bool:
    return fl.line is not None and fl.line.final and not fl.paragraph_start


def _orphan(fl: FlowLine) -> bool:
    return fl.line is not None and fl.paragraph_start and not fl.line.final


def widows(cols: list[list[FlowLine]]) -> list[tuple[int, str, FlowLine]]:
    """The widows and orphans the columns are left with, for the make-up report: (column
    index, "widow" or "orphan", the line) — a widow at its column's top, an orphan at its
    foot — each column break the rule could not keep clean."""
    out, before = [], None  # the last column with lines so far
    for c, col in enumerate(cols):
        if not col:
            continue
        if before is not None and _orphan(cols[before][-1]):
            out.append((before, "orphan", cols[before][-1]))
        if before is not None and _widow(col[0]):
            out.append((c, "widow", col[0]))
        before = c
    return out


def _force(lines: list[FlowLine], height: float) -> int:
    used, take = 0.0, 0
    for k, fl in enumerate(lines):
        used += fl.pitch + (fl.space_before if k else 0.0)
        if used > height + 0.01:
            break
        take = k + 1
    return take


def balanced_height(lines: list[FlowLine], columns: int) -> float:
    """The least column height that holds all lines in `columns` columns, whatever widows
    and orphans that leaves: a frame is never made taller to move them, as its page may
    have no line to spare (split_columns moves them within it where it can)."""
    total = _height(lines)
    if columns == 1:
        return total
    low = max(total / columns, max(fl.pitch for fl in lines))
    step = min(fl.pitch for fl in lines) / 4
    height = low
    while height < total + step:
        cols, rest = _split(lines, columns, height, False)
        if not rest:
            return max(_height(c) for c in cols)
        height += step
    return total


def entry_columns(lines: list[FlowLine], columns: int) -> list[list[FlowLine]]:
    """A list's entries shared over `columns` columns as evenly as whole entries allow,
    broken only between entries (never before a joined line): the tallest column as short
    as it can be; of those ways, the fewest groups parted (an award's items go on in the
    next column only where that makes the columns more even), then the fewest entries in
    the fullest column (six short awards in three columns: two each, though a long one
    is as tall as two), then the shortest column as tall as it can be, then the earlier
    columns the fuller. No column stands empty while there are entries for it."""
    n = len(lines)
    if not lines or columns == 1:
        return [list(lines)] + [[] for _ in range(columns - 1)]
    entries = _entries(lines)
    need = min(columns, len(entries.cuts) - 1)  # columns that can hold an entry
    # best[c][i]: for lines[i:] in columns c.., how even, and the break
    best: list[dict[int, tuple[_Evenness, int]]] = [{} for _ in range(columns + 1)]
    best[columns][n] = (_Evenness(0.0, 0, 0, -math.inf), n)
    for c in range(columns - 1, -1, -1):
        for i in entries.cuts:
            ways = _entry_ways(entries, i, best[c + 1], c < need)
            if ways:  # of equals, the earlier columns the fuller (read first)
                best[c][i] = min(ways, key=lambda way: (way[0], -way[1]))
    return _walk(best, lines, columns)


@dataclass(frozen=True)
class _Entries:
    """A list's lines and where its entries start: the only places its columns break."""

    lines: list[FlowLine]
    starts: list[float]  # _starts
    cuts: list[int]  # the lines entries start at, and the list's end
    before: list[int]  # how many entries start before lines[k]

    def tall(self, i: int, j: int) -> float:
        """The height of a column of lines[i:j] (j > i), to a thousandth: sums of pitches
        tie."""
        return round(self.starts[j] - self.starts[i] - self.lines[i].space_before, 3)

    def parted(self, j: int) -> int:
        """1 where a column ending before lines[j] parts a group."""
        return int(j < len(self.lines) and self.lines[j].follows)


def _entries(lines: list[FlowLine]) -> _Entries:
    n = len(lines)
    cuts = [k for k in range(n + 1) if k in (0, n) or not lines[k].joined]
    cut_set = set(cuts)
    before = [0] * (n + 1)
    for k in range(n):
        before[k + 1] = before[k] + (k in cut_set)
    return _Entries(lines, _starts(lines), cuts, before)


class _Evenness(NamedTuple):
    """How evenly a way shares a list's entries over its columns; ways compare field by
    field, the least first."""

    tallest: float  # the tallest column's height
    parted: int  # groups parted
    most: int  # entries in the fullest column
    shortest: float  # the shortest column's height, negated: the taller the better

    def then(self, after: _Evenness) -> _Evenness:
        """This column's evenness with the columns' after it."""
        return _Evenness(max(self.tallest, after.tallest), after.parted + self.parted,
                         max(self.most, after.most), max(self.shortest, after.shortest))


def _entry_ways(entries: _Entries, i: int, after: dict[int, tuple[_Evenness, int]],
                held: bool) -> list[tuple[_Evenness, int]]:
    """Each way a column may go from lines[i]: to each break j that the columns after it go
    on from (`after`), how even it leaves them all, and j; `held`: the column holds an
    entry, where there are entries for it."""
    n = len(entries.lines)
    ways = []
    for j in entries.cuts:
        if j < i or j not in after:
            continue
        empty = j == i
        if (empty and held) or (not empty and i == n):
            continue
        h = 0.0 if empty else entries.tall(i, j)
        column = _Evenness(h, entries.parted(j), entries.before[j] - entries.before[i],
                           -math.inf if empty else -h)
        ways.append((column.then(after[j][0]), j))
    return ways


def filled_columns(lines: list[FlowLine], columns: int, height: float, step: float,
                   most: int, hole: float, paragraphs: bool = False) -> list[list[FlowLine]]:
    """Columns for a frame `height` tall, broken where vertical justification can best bring
    every column to the foot: every way of breaking the lines into `columns` columns no
    taller than the frame (never between kept lines) is weighed, column by column from the
    last, and the one leaving the fewest steps unfilled wins — then the one whose shortest
    column is least short (what cannot be filled is shared, the feet kept level, not heaped
    into one hole), then the one that needs the fewest places opened by more than one step,
    then the one whose columns are nearest full before any space is added. A column
    holding one long paragraph has nowhere to take space, so a heading may move to its foot
    instead of leaving it short; a block that may grow takes its share first. Where the best
    way leaves a widow or an orphan (_loose), the ways are weighed again with each such break
    counted as WIDOW_STEPS steps unfilled, no column left shorter than the balance allows
    (a line, or as short as the best way leaves one)."""
    starts = _starts(lines)
    if _overfull(lines, starts, columns, height):
        return split_columns(lines, columns, height)[0]
    frame = _frame(lines, starts, columns, height, step, most, hole, paragraphs)
    best = _weigh(frame, [0] * (len(lines) + 1), math.inf)
    if 0 not in best[0]:  # no way without overset: the plain split says what is left
        return split_columns(lines, columns, height)[0]
    if any(_loose_break(lines, j) for j in _breaks(best, columns)):
        # weighed again, a line moved where that leaves no column shorter than a line, or
        # than the best way's shortest; a paragraph of two lines parted, a line each side
        # of the break, reads as the item cut in two: any such way keeping it whole wins
        clean = _weigh(frame, _widow_costs(lines, columns * int(height / step + 1) + 1),
                       max(1, best[0][0][0].most_unfilled))
        if 0 in clean[0]:
            best = clean
    return _walk(best, lines, columns)


def unfilled(lines: list[FlowLine], columns: int, height: float, step: float, most: int,
             hole: float, paragraphs: bool = False) -> int | None:
    """The fewest steps the columns filled_columns breaks for a frame `height` tall leave
    unfilled, what their blocks open and their places take counted (None: the lines do
    not fit)."""
    starts = _starts(lines)
    if _overfull(lines, starts, columns, height):
        return None
    frame = _frame(lines, starts, columns, height, step, most, hole, paragraphs)
    best = _weigh(frame, [0] * (len(lines) + 1), math.inf)
    return best[0][0][0].unfilled if 0 in best[0] else None


def fill_room(lines: list[FlowLine], columns: int, height: float, step: float, most: int,
              hole: float, paragraphs: bool, bound: float) -> float:
    """How much taller than `height` (whole steps, at most `bound`) a frame of the lines may
    be set and leave no more unfilled than at `height`: what its blocks open, tried, not
    guessed — a photo in the flow opening by G does not make each of n columns G/n taller
    when the text cannot move past it, and a frame given that much more leaves the photo
    jumping a column or a column's foot white."""
    base = unfilled(lines, columns, height, step, most, hole, paragraphs)
    taken = 0
    while base is not None and (taken + 1) * step <= bound + 0.01:
        more = unfilled(lines, columns, height + (taken + 1) * step, step, most, hole,
                        paragraphs)
        if more is None or more > base:
            break
        taken += 1
    return taken * step


def _starts(lines: list[FlowLine]) -> list[float]:
    """starts[k]: the height of lines[:k], every space counted — a column's height is the
    difference of two, less its first line's space."""
    starts = [0.0] * (len(lines) + 1)
    for k, fl in enumerate(lines):
        starts[k + 1] = starts[k] + fl.pitch + fl.space_before
    return starts


def _overfull(lines: list[FlowLine], starts: list[float], columns: int, height: float) -> bool:
    """Whether the lines are more than the columns hold whatever the breaks (at most
    `columns` spaces fall at a column's top, where they are dropped): no way fits then, and
    weighing them all takes minutes for thousands of lines."""
    tops = sum(sorted((fl.space_before for fl in lines), reverse=True)[:columns])
    return starts[-1] - tops > columns * (height + 0.01)


def _loose_break(lines: list[FlowLine], k: int) -> bool:
    """Whether a column ending before lines[k] leaves a widow or an orphan (_loose); the
    flow's own ends leave none."""
    return 0 < k < len(lines) and _loose(lines, k)


def _widow_costs(lines: list[FlowLine], parting: int) -> list[int]:
    """What each break weighs for the widow or orphan it leaves: WIDOW_STEPS steps — and
    `parting` (more than any way leaves unfilled) where it parts a paragraph of two lines,
    so that a way keeping it whole wins whatever it leaves unfilled within its bound."""
    return [parting if _parted(lines, k) else WIDOW_STEPS if _loose_break(lines, k) else 0 for k in range(len(lines) + 1)]


def _parted(lines: list[FlowLine], k: int) -> bool:
    """Whether a column ending before lines[k] parts a paragraph of two lines (a list item),
    its first line at the foot, its last at the next column's top: orphan and widow."""
    return 0 < k < len(lines) and _widow(lines[k]) and _orphan(lines[k - 1])


class _Weight(NamedTuple):
    """What a way of breaking the columns weighs, in steps; ways compare field by field,
    the least first."""

    unfilled: int  # steps no place can take, over every column, and the widows' cost
    most_unfilled: int  # of the shortest column: what cannot be filled is shared, not heaped
    opened: int  # steps places take beyond one each
    slack: float  # the columns' slack squared: the nearest full before any space is added

    def then(self, after: _Weight) -> _Weight:
        """This column's weight with the columns' after it."""
        return _Weight(self.unfilled + after.unfilled,
                       max(self.most_unfilled, after.most_unfilled),
                       self.opened + after.opened, self.slack + after.slack)


# best[c][i]: the least weight of setting lines[i:] in columns c.., and where column c ends
_Table = list[dict[int, tuple[_Weight, int]]]


@dataclass(frozen=True)
class _Frame:
    """A flow and the frame it fills, with what weighing its columns reads found once: a
    place's room (_gaps) depends only on the lines either side of it, so it is worked out
    for the whole flow, not for every way of breaking it."""

    lines: list[FlowLine]
    columns: int
    height: float
    step: float
    starts: list[float]  # _starts
    room_at: list[int]  # the steps the place before lines[k] may take (_gaps)
    item_at: list[bool]  # whether that place is between list items or paragraphs (_items)
    grow_at: list[int]  # the steps lines[k] may grow (a block)
    cut: list[bool]  # whether a column may end before lines[k]
    # the breaks column c may start at (_reached): a story of 3000 paragraphs at its natural
    # height took 205 s of CPU, weighing every start of every column
    reach: list[list[int]]
    # no pitch or space below 0: a column only grows as its end moves down, so the first end
    # too tall ends the search, and a start whose first end is too far has no way
    rising: bool

    def too_tall(self, i: int, j: int) -> bool:
        """Whether a column of lines[i:j] is taller than the frame."""
        return (self.starts[j] - self.starts[i] - (self.lines[i].space_before if j > i else 0.0)
                > self.height + 0.01)

    def leaves_empty(self, c: int, i: int, j: int) -> bool:
        """Whether column c of lines[i:j] stands empty, or leaves a later column none, while
        there are lines for every column."""
        n = len(self.lines)
        return n >= self.columns and (j == i or n - j < self.columns - c - 1)

    def leaves_behind(self, i: int, j: int) -> bool:
        """Whether a column of lines[i:j] ends before a block (a photo, a chart set after
        the paragraph it follows) that fits under it: sent to the next column's top, the
        block would leave at least its own height white at this column's foot — the photo
        that jumps a column. A block stays with what it follows where it fits."""
        return (i < j < len(self.lines) and self.lines[j].block is not None
                and not self.too_tall(i, j + 1))


def _frame(lines: list[FlowLine], starts: list[float], columns: int, height: float,
           step: float, most: int, hole: float, paragraphs: bool) -> _Frame:
    """The frame `height` tall that filled_columns fills with `lines` (starts: _starts)."""
    n = len(lines)
    room_at = [0] * (n + 1)
    for k, room in _gaps(lines, most, hole, paragraphs).items():
        room_at[k] = room
    cut = [k in (0, n) or not _held(lines, k) for k in range(n + 1)]
    return _Frame(lines, columns, height, step, starts, room_at,
                  item_at=[not fl.keep and fl.block is None for fl in lines],  # as _items
                  grow_at=[int(fl.grow / step + 0.01) for fl in lines], cut=cut,
                  reach=_reached(lines, starts, cut, columns, height),
                  rising=all(fl.pitch >= 0 and fl.space_before >= 0 for fl in lines))


class _Column(NamedTuple):
    """A column's sums, kept as its end moves down from its first line, so that each way
    costs the same however long its column: walking lines[i:j] anew for every way took
    106 s of CPU for a story of 500 paragraphs. A tuple, as one is made for every line of
    every way weighed (a frozen dataclass took half as long again)."""

    tall: float = 0.0  # its height, summed in _height's order: the same float to the bit
    grown: int = 0  # steps its blocks may grow
    rooms: int = 0  # steps its places may take
    places: int = 0
    items: int = 0  # places between list items or paragraphs (_items)
    left: int = 0  # steps the places between sections may take
    least: float = math.inf  # the fewest steps an item place may take

    def taking(self, frame: _Frame, k: int, top: bool) -> _Column:
        """The column with lines[k] at its foot — or at its `top`, where its space before is
        dropped and no place opens."""
        fl = frame.lines[k]
        tall = self.tall + (fl.pitch + (0.0 if top else fl.space_before))
        grown = self.grown + frame.grow_at[k]
        room = 0 if top else frame.room_at[k]
        if not room:
            return _Column(tall, grown, self.rooms, self.places, self.items, self.left,
                           self.least)
        if frame.item_at[k]:
            return _Column(tall, grown, self.rooms + room, self.places + 1, self.items + 1,
                           self.left, min(self.least, room))
        return _Column(tall, grown, self.rooms + room, self.places + 1, self.items,
                       self.left + room, self.least)

    def weight(self, frame: _Frame, cost: int) -> _Weight:
        """The column's weight in the frame, its break weighing `cost` more: its slack as
        _slack counts it, less what its blocks grow, and what of that its places cannot
        take as _fillable counts it."""
        slack = int((frame.height - self.tall) / frame.step + 0.01)
        slack -= min(slack, self.grown)
        each = _alike_counted(self.items, self.least, slack, self.left)
        unfilled = slack - min(slack, self.left + each * self.items)
        return _Weight(unfilled + cost, unfilled, max(0, min(slack, self.rooms) - self.places),
                       float(slack * slack))


def _weigh(frame: _Frame, cost: list[int], most_short: float) -> _Table:
    """The table of the best ways, solved column by column from the last: each break before
    lines[j] weighs cost[j] more, and no column may leave more than `most_short` steps
    unfilled."""
    n, columns = len(frame.lines), frame.columns
    best: _Table = [{} for _ in range(columns + 1)]
    best[columns][n] = (_Weight(0, 0, 0, 0.0), n)
    for c in range(columns - 1, -1, -1):
        ends = sorted(best[c + 1])  # where column c may end
        for i in frame.reach[c]:
            if frame.rising and _too_far(frame, ends, i, n >= columns):
                continue  # no end within the frame's height: no way from i
            ways = _ways(frame, c, i, best[c + 1], cost, most_short)
            if ways:
                best[c][i] = min(ways)
    return best


def _ways(frame: _Frame, c: int, i: int, after: dict[int, tuple[_Weight, int]],
          cost: list[int], most_short: float) -> list[tuple[_Weight, int]]:
    """Each way column c may go from lines[i]: to each end j that the columns after it go
    on from (`after`, best[c + 1]), the weight of it and of them, and j."""
    ways = []
    column = _Column()
    for j in range(i, len(frame.lines) + 1):
        if j > i:
            column = column.taking(frame, j - 1, j - 1 == i)
        end = (frame.cut[j] and j in after and not frame.leaves_empty(c, i, j)
               and not frame.leaves_behind(i, j))
        if (end or frame.rising) and frame.too_tall(i, j):
            break  # the plain algorithm stops at the first end too tall (rising: any line)
        if end:
            weight = column.weight(frame, cost[j])
            if weight.most_unfilled <= most_short:  # as short as the balance allows
                ways.append((weight.then(after[j][0]), j))
    return ways


def _reached(lines: list[FlowLine], starts: list[float], cut: list[bool], columns: int,
             height: float) -> list[list[int]]:
    """For each column, the breaks it may start at when every column before it is filled
    from line 0 (or a few more: a hair of tolerance keeps every true one). Only these are
    weighed: a frame as tall as its text leaves each column a start within a few lines,
    where weighing every start made a long story's columns cost the square of its length."""
    n = len(lines)
    if n < columns:  # columns may stand empty: any break may start any column
        return [[0]] + [[k for k in range(n + 1) if cut[k]]] * (columns - 1)
    # top[i]: where a column from lines[i] starts counting (its space before dropped)
    top = [starts[i] + lines[i].space_before for i in range(n)] + [starts[n]]
    reach = [[0]]
    for _ in range(columns - 1):
        came, highest, nxt = set(reach[-1]), -math.inf, []
        for j in range(n + 1):
            if cut[j] and highest >= starts[j] - height - 0.02:
                nxt.append(j)  # a column from a start reached before j may end at j
            if j in came:
                highest = max(highest, top[j])
        reach.append(nxt)
    return reach


def _too_far(frame: _Frame, ends: list[int], i: int, later: bool) -> bool:
    """Whether the first place a column from lines[i] may end (ends, sorted; after i when
    `later`, no column standing empty) is already taller than the frame."""
    k = bisect.bisect_right(ends, i) if later else bisect.bisect_left(ends, i)
    if k == len(ends):
        return True
    j = ends[k]
    return j > i and frame.too_tall(i, j)


def _walk(best: list[dict[int, tuple[tuple, int]]], lines: list[FlowLine], columns: int
          ) -> list[list[FlowLine]]:
    """The columns a solved table of breaks names."""
    ends = _breaks(best, columns)
    return [lines[i:j] for i, j in zip([0] + ends, ends)]


def _breaks(best: list[dict[int, tuple[tuple, int]]], columns: int) -> list[int]:
    """Where each column ends in a solved table: from line 0, each column's best next break
    in turn."""
    ends, i = [], 0
    for c in range(columns):
        i = best[c][i][1]
        ends.append(i)
    return ends


def _slack(col: list[FlowLine], height: float, step: float) -> int:
    return int((height - _height(col)) / step + 0.01)


def _gaps(col: list[FlowLine], most: int, hole: float,
          paragraphs: bool = False) -> dict[int, int]:
    """Where space may be added in a column — between sections of its content: before a
    heading, or a chart or photo set in the flow (but never at the column's top); with
    `paragraphs` (the layout asks for it) before every paragraph and list item too — and
    how many steps each place may take: up to `most` blank steps there in all (a heading's
    own space counts), one between lines that stop `hole` or more short — the last line
    above, or a one-line heading below — since blank lines beside them read as a hole.
    Nothing is added between kept lines: a heading stays with what it heads. A blank line
    between the items of one list or the paragraphs of a body breaks the page's even
    texture, so by default there is none."""
    gaps = {}
    for k in range(1, len(col)):
        section = col[k].keep or col[k].block is not None
        if (col[k].paragraph_start and not col[k - 1].keep and not col[k].joined
                and not col[k].follows and (section or paragraphs)):
            below = col[k].line if col[k].line is not None and col[k].line.final else None
            short = any(line is not None and line.measure - line.width >= hole
                        for line in (col[k - 1].line, below))
            own = round(col[k].space_before / col[k].pitch) if col[k].pitch else 0
            room = max(0, (min(most, 1) if short else most) - own)
            if room:
                gaps[k] = room
    return gaps


def justify_columns(cols: list[list[FlowLine]], height: float, step: float, most: int,
                    hole: float, paragraphs: bool = False) -> list[list[FlowLine]]:
    """Vertical justification: each column brought down to `height` by whole `step`s, taken
    first by a block that may grow (a chart opening its bars), then added where a section
    of the content starts (_gaps: before a heading or a block; never at a column's top,
    within each place's room) — a break before each heading first, then, where the layout
    opens lists (space_at: paragraphs), the column's items alike only as far as the places
    between sections cannot take the rest (_alike), the rest spread evenly down the column,
    not heaped at its top. The line pitch never changes; what is left
    stays at the column's foot, for the make-up report. A column of free text (lines off
    the grid: an honour roll's larger type) is filled the same way but in even fractions,
    as it keeps no grid."""
    return [_justify(col, height, step, most, hole, paragraphs) for col in cols]


def _justify(col: list[FlowLine], height: float, step: float, most: int,
             hole: float, paragraphs: bool) -> list[FlowLine]:
    room = _gaps(col, most, hole, paragraphs)
    growing = {k: int(fl.grow / step + 0.01) for k, fl in enumerate(col)
               if fl.block is not None and fl.grow >= step - 0.01}
    if not _on_grid(col, step):
        return _spread_free(col, height, most, step)
    steps = _slack(col, height, step)
    added = dict.fromkeys(room, 0)
    grown = dict.fromkeys(growing, 0)
    for k in growing:  # the blocks that may open first: a chart takes its column's slack
        take = min(steps, growing[k])
        grown[k] += take
        steps -= take
    heads = [k for k in room if col[k].keep]
    for k in heads[:steps]:  # then a break before each heading
        added[k] += 1
    steps -= min(steps, len(heads))
    items = _items(col, room)  # a list's items open alike: each by as many steps, or none
    sections = [k for k in room if k not in items]
    left = sum(room[k] - added[k] for k in sections)
    each = _alike(items, room, steps, left)
    for k in items:
        added[k] += each
    steps -= each * len(items)
    while steps:
        open_ = [k for k in sections if added[k] < room[k]]
        if not open_:
            break
        for k in _evenly(open_, steps):
            added[k] += 1
        steps -= min(steps, len(open_))
    return [replace(fl, space_before=fl.space_before + added.get(k, 0) * step,
                    pitch=fl.pitch + grown.get(k, 0) * step) for k, fl in enumerate(col)]


def _items(col: list[FlowLine], room: dict[int, int]) -> list[int]:
    """The places between a column's list items or paragraphs (space_at: paragraphs), as
    against those between sections of its content (before a heading or a block)."""
    return [k for k in room if not col[k].keep and col[k].block is None]


def _alike(items: list[int], room: dict[int, int], steps: int, left: int) -> int:
    """How many steps every item place takes, alike — a list opened unevenly (a blank line
    before one item, none before the next) reads as a mistake: none where the places
    between sections (`left` steps of room) take the `steps`; else as few as bring the
    column to its foot with them, never more than fit."""
    return _alike_counted(len(items), min((room[k] for k in items), default=0), steps, left)


def _alike_counted(items: int, most: int, steps: int, left: int) -> int:
    """_alike from the number of item places and the least room among them."""
    if not items or steps <= left:
        return 0
    return min(most, steps // items, -(-(steps - left) // items))


def _fillable(col: list[FlowLine], room: dict[int, int], slack: int) -> int:
    """How many of `slack` steps a column's places can take: those between sections any
    way, its list items' only alike (_alike)."""
    items = _items(col, room)
    left = sum(room[k] for k in room if k not in items)
    return min(slack, left + _alike(items, room, slack, left) * len(items))


def _evenly(places: list[int], n: int) -> list[int]:
    """`n` of the places spread evenly among them (all when n covers them)."""
    if n >= len(places):
        return places
    return [places[int((i + 0.5) * len(places) / n)] for i in range(n)]


def on_grid(lines: list[FlowLine], step: float | None) -> bool:
    """Whether the lines keep the grid `step` (free text, an honour roll's larger type,
    keeps none)."""
    return step is not None and bool(lines) and _on_grid(lines, step)


def _on_grid(col: list[FlowLine], step: float) -> bool:
    """Whether every line of the column takes whole steps (a block is set to them too)."""
    def whole(v: float) -> bool:
        return abs(v / step - round(v / step)) < 0.01
    return all(fl.block is not None or (whole(fl.pitch) and whole(fl.space_before))
               for fl in col)


def _spread_free(col: list[FlowLine], height: float, most: int,
                 step: float) -> list[FlowLine]:
    """Free text (an honour roll's awards) brought down to `height` by the same space before
    every entry that opens (never between joined or kept lines, nor inside a group), at
    most `most` steps each. Its lines are short by design — a list, not a text column — so
    a short line beside a place does not cut its room as it does in running text."""
    places = [k for k in range(1, len(col))
              if col[k].paragraph_start and not col[k - 1].keep and not col[k].joined
              and not col[k].follows]
    if not places:
        return col
    each = max(0.0, min((height - _height(col)) / len(places), most * step))
    return [replace(fl, space_before=fl.space_before + (each if k in places else 0.0))
            for k, fl in enumerate(col)]


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
                items += (fl.block(cx, y, measure, fl.pitch) if fl.grow
                          else fl.block(cx, y, measure))
                y -= fl.pitch
                continue
            size = fl.line.size
            baseline = y - (fl.pitch - size) / 2 - ASCENT * size
            items += ctx.draw_line(fl.line, cx, baseline)
            y -= fl.pitch
    return items


def block_boxes(cols: list[list[FlowLine]], x: float, top: float, measure: float,
                gutter: float) -> list[Box]:
    """Where place_columns sets each block (a chart's plot and its white), and the hang a
    list item's running lines keep clear under its label (a timeline's date): space the
    design keeps, which the make-up does not count as a hole."""
    boxes = []
    for c, col in enumerate(cols):
        y = top
        for k, fl in enumerate(col):
            y -= fl.space_before if k else 0.0
            if fl.block is not None:
                boxes.append(Box(x + c * (measure + gutter), y - fl.pitch, measure, fl.pitch))
            elif not fl.paragraph_start and fl.line.start > 0:
                boxes.append(Box(x + c * (measure + gutter), y - fl.pitch, fl.line.start,
                                 fl.pitch))
            y -= fl.pitch
    return boxes


def text_height(cols: list[list[FlowLine]]) -> float:
    return max((_height(c) for c in cols), default=0.0)
