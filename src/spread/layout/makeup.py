"""The make-up report: how full the laid-out page is, measured on the page model — holes
(empty areas of at least one basic column by three body lines), text columns that stop
above their module's foot, and body lines off the page's baseline grid — each named by the
element (region) it lies in, so "the page is full" is a figure, not an impression."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from spread.layout import flow
from spread.page import Box, Element, Image, Item, Page, Rect, Rule, Shape, TextRun

ASCENT, DESCENT = 0.88, 0.12  # the em box about the baseline (as layout draws it)
HOLE_LINES = 3  # a hole is at least one basic column wide and this many body lines tall
TINT_INK = 25.0  # a fill lighter than this (total ink, %) is a background, not content
GRID_TOLERANCE = 0.2  # pt: a body baseline this close to a grid line is on it
# what owns a hole no element's frame holds
BETWEEN = Element("between regions", Box(0.0, 0.0, 0.0, 0.0), 0, 0)
EDGE = 1e-6  # of a cell: how far a box may reach into a cell without taking it
MAX_HOLES = 40  # stop looking after this many: the page needs make-up, not a longer list
MAX_SHARED_STEPS = 16  # more spare lines than this are shared evenly, untried
MAX_BREAK = 1  # body lines a break between module rows may add: more reads as a hole
BREAK_COST = 1.0  # basic column × body lines: what a line's break weighs against emptiness
OPENED_COST = 0.5  # what a blank line opened inside a body or list weighs against an empty one


@dataclass(frozen=True)
class BaselineGrid:
    """The page's grid of body lines: slot k spans top - k·pitch down one pitch, and a body
    line's baseline sits `offset` below its slot's top."""

    top: float
    pitch: float
    offset: float
    body_font: str
    body_size: float
    column: float  # a basic column's width: the smallest hole that counts is this wide
    area: Box  # the type area, where holes are looked for
    gutter: float = 0.0  # between two basic columns

    def columns(self, width: float) -> float:
        """How many basic columns a width spans, the gutters between them counted: a
        half page of six columns is 6.0, not the 7.7 its width over one column's is."""
        return (width + self.gutter) / (self.column + self.gutter)

    def distance(self, baseline: float) -> float:
        """How far a baseline lies from the nearest grid line, in pt."""
        steps = (self.top - self.offset - baseline) / self.pitch
        return abs(steps - round(steps)) * self.pitch


@dataclass(frozen=True)
class Finding:
    """One make-up fault: its kind, the element it lies in, where, and what it measures."""

    kind: str  # hole | short-column | off-grid
    element: str
    box: Box  # in page points
    detail: str
    at: str = ""  # the box in mm from the trim's top left, as a proofreader measures
    region: str = ""  # the element's region kind and content item (Element.kind, .item)
    item: str = ""

    def __str__(self) -> str:
        return f"{self.kind}: {self.element}: {self.detail} ({self.at})"


@dataclass(frozen=True)
class MakeupReport:
    findings: tuple[Finding, ...]
    body_lines: int
    hole_area: float  # pt²
    # white as large as a hole inside what the layout keeps clear (a chart's plot beside its
    # short bars, a list's rag in its block): design, not a fault — said, so a meter that
    # cannot see the design and counts it is answered
    kept_clear: tuple[Finding, ...] = ()

    def of(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]

    def summary(self) -> str:
        holes = self.of("hole")
        clear = (f" (and {len(self.kept_clear)} area(s) of white the layout keeps clear, "
                 f"{_cm2(self.kept_clear)} cm², not counted)" if self.kept_clear else "")
        return (f"make-up: {len(holes)} hole(s), {self.hole_area / (72 / 2.54) ** 2:.0f} cm²"
                f"{clear}; {len(self.of('short-column'))} column(s) short of their foot; "
                f"{len(self.of('off-grid'))} of {self.body_lines} body lines off the grid")


def _cm2(findings: tuple[Finding, ...]) -> int:
    return round(sum(f.box.width * f.box.height for f in findings) / (72 / 2.54) ** 2)


def survey(page: Page, grid: BaselineGrid, on_grid: bool = True) -> MakeupReport:
    """Measure the page's make-up; lines off the grid only when the layout sets one."""
    holes = find_holes(page, grid)
    findings = [Finding("hole", owner.name, box,
                        f"empty {grid.columns(box.width):.1f} columns × "
                        f"{box.height / grid.pitch:.1f} lines", region=owner.kind,
                        item=owner.item) for box in holes for owner in [_owner(page, box)]]
    body = [run for run in page.items if _is_body(run, grid)]
    for element in page.elements:
        findings += _short_columns(page, element, grid)
        if on_grid:
            findings += _off_grid(page, element, grid)
    placed = tuple(replace(f, at=_at(page, f.box)) for f in findings)
    clear = tuple(replace(f, at=_at(page, f.box)) for f in _kept_clear(page, grid, holes))
    return MakeupReport(placed, len(body), sum(b.width * b.height for b in holes), clear)


def _kept_clear(page: Page, grid: BaselineGrid, holes: list[Box]) -> list[Finding]:
    """White at least a hole's size that lies in what the layout keeps clear in a module's
    flow (a chart's plot, a list's block): the holes the page would have if those were not
    kept clear, beyond those it has. The band across a module's top (beside a section's
    tab) is its own, as a tint's margin is, and stays kept clear."""
    def band(box: Box, frame: Box) -> bool:
        return abs(box.top - frame.top) < 0.5 and box.width >= frame.width - 0.5

    if not any(not band(b, e.frame) for e in page.elements for b in e.reserved):
        return []
    blind = replace(page, elements=tuple(
        replace(e, reserved=tuple(b for b in e.reserved if band(b, e.frame)))
        for e in page.elements))
    def finding(box: Box) -> Finding:
        owner = _owner(page, box)
        # a head's band across its region: in a stack, a story's below the stack's top
        head = any(_overlap(box, r) > 0 and r.width >= owner.frame.width - 0.5
                   for r in getattr(owner, "reserved", ()))
        what = ("the rag of its list's block" if owner.kind == "honour_roll"
                else "the band beside a picture's caption" if owner.kind == "picture"
                else "the band beside a story's head" if head
                else "a chart's plot, a block set in its flow or a list's hang")
        return Finding("kept-clear", owner.name, box,
                       f"white {grid.columns(box.width):.1f} columns × "
                       f"{box.height / grid.pitch:.1f} lines in {what}, which the layout "
                       "keeps clear: not a hole", region=owner.kind, item=owner.item)

    return [finding(box) for box in find_holes(blind, grid)
            if not any(_overlap(box, hole) for hole in holes)]


def _overlap(a: Box, b: Box) -> float:
    return (max(0.0, min(a.right, b.right) - max(a.x, b.x))
            * max(0.0, min(a.top, b.top) - max(a.y, b.y)))


def _at(page: Page, box: Box) -> str:
    mm = 72 / 25.4
    return (f"{box.width / mm:.0f} × {box.height / mm:.0f} mm at x {(box.x - page.trim.x) / mm:.0f}"
            f" mm, y {(page.trim.top - box.top) / mm:.0f} mm from the trim's top left")


# -- sharing the page's spare height ---------------------------------------------------------

def share_spare(spare: float, rows: list[int], step: float | None,
                empty: Callable[[int, float], float],
                breaks: list[Callable[[float], float]] = ()) -> tuple[list[float], list[float]]:
    """The page's spare height shared by the growing rows (their indexes) so the page is
    fullest: in whole grid steps, every way of sharing them is weighed (row by row, the
    best way for each number of steps used kept) and the one leaving the least empty area
    wins — of equals, the one nearest an even share. `empty(row, extra)` is a row's empty
    area when it takes `extra` more height. What no row can take without leaving its
    columns short may go to the places between module rows, a line each at most: each of
    `breaks` weighs the space it would add (break_weight). Returns the rows' extras and
    the breaks'. Off a grid, or with more spare than
    MAX_SHARED_STEPS lines, the share is even and nothing goes to breaks. An overset page
    (spare below 0, reported already) has nothing to share."""
    spare = max(spare, 0.0)
    even = flow.shares(spare, len(rows), step)
    if step is None or not rows:
        return even, [0.0] * len(breaks)
    steps = int(spare / step + 0.01)
    if steps > MAX_SHARED_STEPS:
        return even, [0.0] * len(breaks)
    best: dict[int, tuple[float, float, list[float]]] = {0: (0.0, 0.0, [])}
    takers = [(r, [empty(row, k * step) for k in range(steps + 1)]) for r, row in
              enumerate(rows)]
    takers += [(None, [weight(k * step) if k <= MAX_BREAK else math.inf
                       for k in range(steps + 1)]) for weight in breaks]
    for r, cost in takers:
        ahead: dict[int, tuple[float, float, list[float]]] = {}
        for used, (area, off, extras) in best.items():
            for k in range(steps - used + 1):
                way = (area + cost[k], off + (abs(k * step - even[r]) if r is not None else 0.0),
                       extras + [k * step])
                if used + k not in ahead or way[:2] < ahead[used + k][:2]:
                    ahead[used + k] = way
        best = ahead
    shared = best[steps][2]
    return shared[:len(rows)], shared[len(rows):]


def break_weight(close: Page, apart: Page, grid: BaselineGrid, space: float) -> float:
    """What `space` more white between two rows weighs — `close` the two rows as they
    stand, `apart` with the space between them: BREAK_COST a body line (a break between
    sections reads as design, where a column short of its foot reads as a hole), unless
    the white it joins — a column's short last line above, a tint's margin below — makes
    a hole, or comes within a cell of one (half a line, a sixth of a column: meters round
    differently): infinite."""
    if not space:
        return 0.0
    near = replace(grid, pitch=grid.pitch * (HOLE_LINES - 0.5) / HOLE_LINES,
                   column=grid.column * 5 / 6)

    def holes(page: Page) -> float:  # in the rows' frames and between them
        area = _frames_box(page)
        if area is None:
            return 0.0
        return sum(b.width * b.height for b in find_holes(page, replace(near, area=area)))

    if holes(apart) > holes(close) + 0.01:
        return math.inf
    return BREAK_COST * space / grid.pitch


def emptiness(page: Page, grid: BaselineGrid) -> float:
    """How much of a set of placed regions stays empty, in basic column × body lines: text
    columns short of their module's foot, holes inside the regions' frames, and — at
    OPENED_COST a line — blank lines opened inside a body or a list: they fill a column,
    but read as a break in its texture, so the page's spare goes first to what grows
    (a banner's field, a chart, a picture) and to breaks before headings, and a list
    opens only for what nothing else can take (a module beside a taller one)."""
    area = _frames_box(page)
    if area is None:
        return 0.0
    inside = replace(grid, area=area)
    short = sum(f.box.width * f.box.height for element in page.elements
                for f in _short_columns(page, element, grid))
    holes = sum(box.width * box.height for box in find_holes(page, inside))
    opened = sum(_opened(page, element, grid) for element in page.elements)
    return (short + holes + OPENED_COST * opened) / (grid.column * grid.pitch)


def _frames_box(page: Page) -> Box | None:
    """The box round the frames of a set of placed regions (None: there are none)."""
    frames = [e.frame for e in page.elements]
    if not frames:
        return None
    x, y = min(f.x for f in frames), min(f.y for f in frames)
    return Box(x, y, max(f.right for f in frames) - x, max(f.top for f in frames) - y)


def _opened(page: Page, element: Element, grid: BaselineGrid) -> float:
    """The area of the blank lines opened between the body lines of a module's text
    columns — the columns a short one is found among, so a blank line weighs its column's
    whole width, a bullet set in another face at its lines' start too — pt²."""
    items = page.items[element.start:element.end]
    body = [r for r in items if _is_body(r, grid)]
    columns = _text_columns(items, grid)
    # a bullet or figure on either line is its own: only what else is set between two
    # lines fills the white between them
    others = _set_in([i for i in items if not _is_body(i, grid)], element)
    return sum((blank * grid.pitch * column.width for column in columns
                for blank in _blank_lines(column, body, others, grid)), 0.0)


def _blank_lines(column: _TextColumn, body: list[TextRun], others: list[Box],
                 grid: BaselineGrid) -> Iterator[int]:
    """For each two body lines of a column more than a line apart with nothing set between
    them, how many blank lines stand between them."""
    baselines = sorted({round(r.y, 2) for r in body if column.holds(r.xs[0])}, reverse=True)
    for upper, lower in zip(baselines, baselines[1:]):
        blank = round((upper - lower) / grid.pitch) - 1
        if blank > 0 and not any(column.holds(b.x + b.width / 2)
                                 and lower + grid.pitch / 2 < b.y + b.height / 2
                                 < upper - grid.pitch / 2 for b in others):
            yield blank


# -- holes ---------------------------------------------------------------------------------

def find_holes(page: Page, grid: BaselineGrid) -> list[Box]:
    """Empty rectangles in the type area, largest first, at least a basic column wide and
    HOLE_LINES body lines tall: the page rasterised into cells (a quarter of a basic
    column by half a line), the largest empty rectangle taken and marked, until none is
    big enough."""
    area = grid.area
    cw, ch = grid.column / 6, grid.pitch / 4
    cols, rows = int(area.width / cw) + 1, int(area.height / ch) + 1
    used = [bytearray(cols) for _ in range(rows)]  # row 0 at the area's top
    kept_clear = [box for element in page.elements for box in element.reserved]
    for box in [b for item in page.items for b in _covers(item)] + kept_clear:
        if box is None:
            continue
        # a box that only touches a cell (text set on the character grid ends on a cell's
        # edge) does not take it, however the last bit of its coordinates was rounded
        c0 = max(0, int((box.x - area.x) / cw + EDGE))
        c1 = min(cols - 1, int((box.right - area.x) / cw - EDGE))
        r0 = max(0, int((area.top - box.top) / ch + EDGE))
        r1 = min(rows - 1, int((area.top - box.y) / ch - EDGE))
        for r in range(r0, r1 + 1):
            line = used[r]
            for c in range(c0, c1 + 1):
                line[c] = 1
    min_w, min_h = int(grid.column / cw + 0.5) - 1, int(HOLE_LINES * grid.pitch / ch + 0.5) - 1
    holes = []
    while len(holes) < MAX_HOLES:
        best = _largest_empty(used, min_w, min_h)
        if best is None:
            break
        r0, c0, r1, c1 = best
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                used[r][c] = 1
        holes.append(Box(area.x + c0 * cw, area.top - (r1 + 1) * ch,
                         (c1 - c0 + 1) * cw, (r1 - r0 + 1) * ch))
    return holes


def _largest_empty(used: list[bytearray], min_w: int, min_h: int):
    """The largest all-empty rectangle at least (min_w + 1) × (min_h + 1) cells, as
    (top row, left col, bottom row, right col), or None: the histogram method, row by row."""
    cols = len(used[0])
    heights = [0] * cols
    best, best_area = None, 0
    wide_enough = b"\x01" * (min_w + 1)
    for r, line in enumerate(used):
        heights = [0 if u else h + 1 for u, h in zip(line, heights)]
        # a row with no run of columns wide enough and empty tall enough ends no rectangle
        # the test below takes (most rows of a full page)
        if wide_enough not in bytes(h > min_h for h in heights):
            continue
        stack: list[tuple[int, int]] = []  # (start column, height)
        for c in range(cols + 1):
            h = heights[c] if c < cols else 0
            start = c
            while stack and stack[-1][1] >= h:
                s, sh = stack.pop()
                width = c - s
                if width > min_w and sh > min_h and width * sh > best_area:
                    best_area, best = width * sh, (r - sh + 1, s, r, c - 1)
                start = s
            if h:
                stack.append((start, h))
    return best


def _covers(item: Item) -> list[Box]:
    """What an item takes of the page for holes: its extent, but only the outline of a box
    drawn round others (a stroked frame on a tint or on paper) — a framed box of three
    names is as empty inside as the page outside it."""
    if isinstance(item, Rect) and item.stroke is not None and (
            item.fill is None or item.fill.total_ink < TINT_INK):
        b, w = item.box, item.line_width / 2
        return [Box(b.x - w, b.y - w, b.width + 2 * w, 2 * w),
                Box(b.x - w, b.top - w, b.width + 2 * w, 2 * w),
                Box(b.x - w, b.y - w, 2 * w, b.height + 2 * w),
                Box(b.right - w, b.y - w, 2 * w, b.height + 2 * w)]
    box = _extent(item)
    return [] if box is None else [box]


def _extent(item: Item) -> Box | None:
    """What an item covers on the page; None for a background (tint or paper fill)."""
    if isinstance(item, TextRun):
        size = item.style.size
        if item.ys:  # vertical: a column of glyphs
            return Box(item.xs[0], min(item.ys) - DESCENT * size, size,
                       max(item.ys) - min(item.ys) + size)
        right = item.xs[-1] + size * item.style.scale
        return Box(item.xs[0], item.y - DESCENT * size, right - item.xs[0], size)
    if isinstance(item, Rect):
        if item.stroke is None and (item.fill is None or item.fill.total_ink < TINT_INK):
            return None
        return item.box
    if isinstance(item, Image):
        return item.clip
    if isinstance(item, Rule):
        w = item.width / 2
        return Box(min(item.x1, item.x2) - w, min(item.y1, item.y2) - w,
                   abs(item.x2 - item.x1) + 2 * w, abs(item.y2 - item.y1) + 2 * w)
    if isinstance(item, Shape):
        xs = [v for op in item.path for v in op[1::2]]
        ys = [v for op in item.path for v in op[2::2]]
        if not xs:
            return None
        return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    return None


def _owner(page: Page, box: Box) -> Element:
    """The element whose frame holds most of a box."""
    def overlap(e: Element) -> float:
        f = e.frame
        w = min(f.right, box.right) - max(f.x, box.x)
        h = min(f.top, box.top) - max(f.y, box.y)
        return max(0.0, w) * max(0.0, h)

    best = max(page.elements, key=overlap, default=None)
    return best if best is not None and overlap(best) > 0 else BETWEEN


# -- column feet and the grid ---------------------------------------------------------------

def _is_body(item: Item, grid: BaselineGrid) -> bool:
    return (isinstance(item, TextRun) and not item.ys and item.style.font == grid.body_font
            and abs(item.style.size - grid.body_size) < 0.01)


def _columns(runs: list[TextRun], gap: float) -> list[tuple[float, float]]:
    """Text columns as the merged horizontal extents of an element's text lines; runs of
    one line may stand apart by a Han–Latin space, columns by at least a gutter (> `gap`)."""
    spans = sorted((r.xs[0], r.xs[-1] + r.style.size * r.style.scale) for r in runs)
    merged: list[list[float]] = []
    for x0, x1 in spans:
        if merged and x0 <= merged[-1][1] + gap:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return [(a, b) for a, b in merged]


@dataclass(frozen=True)
class _TextColumn:
    """A text column of a module as the page shows it: from `x0`, `width` wide."""

    x0: float
    width: float

    @property
    def x1(self) -> float:
        return self.x0 + self.width

    def holds(self, x: float) -> bool:
        """Whether x (a line's start, a box's middle) stands in the column."""
        return self.x0 - 0.5 <= x <= self.x1 + 0.5


def _text_columns(items: list[Item], grid: BaselineGrid) -> list[_TextColumn]:
    """A module's text columns, each as wide as the widest (a column of a few short lines is
    as wide as the others): the extents of every run at the body size — a figure or bullet
    set in another face at the start of a line still stands in its column — but a column
    wide at most (a caption across a stack's columns does not join them)."""
    body = [r for r in items if _is_body(r, grid)]
    if not body:
        return []
    widest = max(_width(r) for r in body)
    runs = [r for r in items if isinstance(r, TextRun) and not r.ys
            and abs(r.style.size - grid.body_size) < 0.01 and _width(r) <= widest + 0.5]
    spans = _columns(runs, 0.75 * grid.body_size)
    measure = max(x1 - x0 for x0, x1 in spans)
    return [_TextColumn(x0, measure) for x0, _ in spans]


def _set_in(items: list[Item], element: Element) -> list[Box]:
    """What a module sets in its columns: every item's cover but a divider's (ruled down the
    module's height beside a column, it stands on the column's edge), and what its flow
    keeps clear (a chart's plot, kept clear by design, ends where it is set)."""
    return [b for i in items if not _divider(i) for b in _covers(i)] + list(element.reserved)


def _short_columns(page: Page, element: Element, grid: BaselineGrid) -> list[Finding]:
    """Text columns of a module whose last line stops a whole body line or more above the
    module's foot (the frame's bottom)."""
    items = page.items[element.start:element.end]
    inside = _set_in(items, element)
    out = []
    for column in _text_columns(items, grid):
        foot = _foot(column, inside)
        if foot is None:
            continue
        short = (foot - element.frame.y) / grid.pitch
        if short >= 1.0:
            out.append(Finding("short-column", element.name,
                               Box(column.x0, element.frame.y, column.x1 - column.x0,
                                   foot - element.frame.y),
                               f"column ends {short:.1f} lines above the module's foot",
                               region=element.kind, item=element.item))
    return out


def _foot(column: _TextColumn, boxes: list[Box]) -> float | None:
    """Where a column's content ends (None: it holds none): the lowest of the boxes in it no
    wider than it."""
    feet = [b.y for b in boxes if column.holds(b.x + b.width / 2) and b.width <= column.width + 1.0]
    return min(feet) if feet else None


def _width(run: TextRun) -> float:
    return run.xs[-1] + run.style.size * run.style.scale - run.xs[0]


def _divider(item: Item) -> bool:
    """A vertical text (its own column) or a vertical rule between columns."""
    return ((isinstance(item, TextRun) and bool(item.ys))
            or (isinstance(item, Rule) and abs(item.x1 - item.x2) < 0.01))


def _off_grid(page: Page, element: Element, grid: BaselineGrid) -> list[Finding]:
    off = [r for r in page.items[element.start:element.end]
           if _is_body(r, grid) and grid.distance(r.y) > GRID_TOLERANCE]
    if not off:
        return []
    baselines = sorted({round(r.y, 2) for r in off})
    first = max(off, key=lambda r: r.y)
    return [Finding("off-grid", element.name,
                    Box(first.xs[0], min(baselines), element.frame.width,
                        max(baselines) - min(baselines)),
                    f"{len(baselines)} body line(s) off the grid by up to "
                    f"{max(grid.distance(r.y) for r in off):.1f} pt, first «{first.chars[:12]}»",
                    region=element.kind, item=element.item)]
