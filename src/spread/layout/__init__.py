"""Layout: content + template → a page model. Rows of regions are placed down the type area;
each row is as tall as its tallest region (or fixed), and the page's spare height goes to the
rows marked `grow`. Each region's frame is measured, the row heights solved (copyfit
stepping a region down while the page is too long), then each region set at its row's
height and its frame placed by translation; copyfit is data (a Copyfit by layout path).

A page that cannot be set whole (text that does not fit, a character no font has) is set as
far as it goes, its problems listed with their places (layout.problems): the build shows them
on a failure proof, then stops with the first."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from spread.content import Content, Picture
from spread.errors import InputError, OversetError
from spread.fonts import FontSet
from spread.fonts.faces import missing_glyph_error
from spread.layout import display, flow, makeup, slack, stagger, stories
from spread.layout.blocks import build, option
from spread.layout.context import ASCENT, Context, Copyfit, inner_path, shrink_steps
from spread.layout.geometry import Geometry, geometry
from spread.layout.kinds import EDGE_KINDS, KINDS, item_of
from spread.layout.problems import Problem, amount_over, place, region_name
from spread.page import Box, Element, Frame, Item, Page, TextRun
from spread.template import Layout, Region, Row
from spread.units import Length


@dataclass(frozen=True)
class Laid:
    """A page as far as layout could set it: the page model, the notes on what layout
    adjusted, its make-up report, and the problems that keep it from press (none: good)."""

    page: Page
    notes: list[str]
    problems: list[Problem] = field(default_factory=list)
    makeup: makeup.MakeupReport | None = None


def lay_out(content: Content, layout: Layout, fonts: FontSet) -> tuple[Page, list[str]]:
    """The page model and the notes on what layout adjusted; the first problem is raised."""
    laid = set_page(content, layout, fonts)
    if laid.problems:
        raise laid.problems[0].error
    return laid.page, laid.notes


def set_page(content: Content, layout: Layout, fonts: FontSet) -> Laid:
    """The page set as far as it goes, with its problems: the rows measured, the page
    copyfitted to the type area's depth, its spare depth shared out, the rows set and placed
    down the page, and the make-up surveyed."""
    geo = geometry(layout)
    ctx = Context(content, layout, fonts, page_box=geo, followed=_followed(layout),
                  kinds=KINDS)
    ctx, copyfit = _fill_linked_frames(ctx, geo, layout, Copyfit())
    heights = [_row_height(ctx, copyfit, geo, layout, i) for i in range(len(layout.rows))]
    blank = _blank_rows(ctx, copyfit, geo, layout, heights)
    layout = _closed_up(layout, blank)
    copyfit, over = _fitted_to_depth(ctx, copyfit, geo, layout, heights)
    after = _spare_shared(ctx, copyfit, geo, layout, heights, blank)
    page, copyfit, missing = _rows_set(ctx, copyfit, geo, layout, heights, after)
    _note_copyfit(ctx, copyfit, layout)
    report = _surveyed(ctx, geo, page)
    problems = _page_problems(ctx, copyfit, layout, page, report, over, missing)
    return Laid(page, ctx.notes, problems, report)


def _followed(layout: Layout) -> frozenset[str]:
    """The names of the regions a linked frame follows."""
    return frozenset(r.follows for row in layout.rows for top in row.regions
                     for r in top.walk() if r.follows)


def _fitted_to_depth(ctx: Context, copyfit: Copyfit, geo: Geometry, layout: Layout,
                     heights: list[float]) -> tuple[Copyfit, float]:
    """The page copyfitted to the type area's depth: while it is too long, the region that
    sets the tallest flexible row is stepped down (the row's height in `heights` with it);
    when none can give more, the rows are cut to what the page holds. The copyfit, and by
    how much the rows were cut (0: the page fits)."""
    while geo.area.height - _depth(ctx, layout, heights) < -0.01:
        tighter = _shrink_tallest(ctx, copyfit, geo, layout, heights)
        if tighter is None:
            return copyfit, _page_overset(ctx, copyfit, layout, heights)
        copyfit = tighter
    return copyfit, 0.0


def _spare_shared(ctx: Context, copyfit: Copyfit, geo: Geometry, layout: Layout,
                  heights: list[float], blank: frozenset[int]) -> dict[int, float]:
    """The type area's spare depth shared out: the growing rows made taller (in `heights`)
    and white put between rows where a break between sections weighs better than a taller
    row. The space after each row, by row index; the breaks are noted, and so is spare
    depth no row is marked to take."""
    spare = max(0.0, geo.area.height - _depth(ctx, layout, heights))
    growing = [i for i, row in enumerate(layout.rows) if row.grow]
    room = {i: _room(ctx, layout.rows[i], heights[i]) for i in growing}

    def weigh(i: int, extra: float) -> float:
        if extra > room[i] + 0.01:
            return math.inf
        frames = _trial_row(ctx, copyfit, geo, layout, i, heights[i] + extra)
        return makeup.emptiness(_row_page(geo, layout, i, frames, heights[i] + extra),
                                _baseline_grid(ctx, geo))

    # between rows, not above the foot's, nor below a row with nothing in it (the break
    # above it is the break)
    breaks = [i for i in range(len(layout.rows) - 2) if i not in blank]
    extras, spaces = _share(ctx, copyfit, geo, layout, spare, growing, heights, breaks, weigh)
    extras = _bounded(extras, [room[i] for i in growing], ctx.grid)
    for i, extra in zip(growing, extras):
        heights[i] += extra
    after = dict.fromkeys(range(len(layout.rows)), 0.0)
    for i, space in zip(breaks, spaces):
        after[i] = space
        if space:
            ctx.notes.append(f"make-up: {space / ctx.grid:.0f} body line(s) of space after row "
                             f"'{layout.rows[i].name}', a break between sections")
    if spare > geo.area.height * 0.05 and not growing:
        ctx.notes.append(f"the page has {spare / 2.835:.0f} mm of unused height; "
                         "mark a row `grow: true` to take it")
    return after


def _rows_set(ctx: Context, copyfit: Copyfit, geo: Geometry, layout: Layout,
              heights: list[float], after: dict[int, float]) -> tuple[Page, Copyfit, list]:
    """Each row set at its height and placed down the type area, `after[i]` of white below
    row i, its frames' problems and notes the page's: the page model, the copyfit the
    regions settled on, and the characters no font has (character, role, place)."""
    items: list[Item] = []
    elements: list[Element] = []
    missing: list[tuple] = []
    top = geo.area.top
    for i, (row, height) in enumerate(zip(layout.rows, heights)):
        staggered = _staggered(ctx, copyfit, geo, i, height, top) if row.stagger else None
        if staggered:
            ctx.notes += _tombstones(ctx, row, staggered)
        for j, region in enumerate(row.regions):
            x, width = geo.columns(region)
            frame = (staggered[j] if staggered else
                     _set_frame(ctx, copyfit, geo, _path(i, j), region, height, top))
            frame = frame.placed(x, top)
            copyfit = copyfit.tightened(dict(frame.fits))
            ctx.problems += frame.problems
            ctx.notes += frame.notes
            missing += frame.missing
            elements.append(Element(region_name(region), Box(x, top - height, width, height),
                                    len(items), len(items) + len(frame.items), region.where,
                                    frame.reserved, region.kind, item_of(ctx, region)))
            items += frame.items
        top -= _advance(ctx, height, row) + after[i]
    page = Page(layout.name, geo.media, geo.trim, geo.bleed, tuple(items), folds=geo.folds,
                elements=tuple(elements))
    return page, copyfit, missing


def _note_copyfit(ctx: Context, copyfit: Copyfit, layout: Layout) -> None:
    """Note each region set smaller or tighter than its style, and how."""
    for path, region in _regions(layout):
        if path in copyfit.steps:
            ctx.notes.append(f"copyfit: {region.content or region.kind} (columns "
                             f"{region.columns}) set at {copyfit.steps[path].describe()}")


def _surveyed(ctx: Context, geo: Geometry, page: Page) -> makeup.MakeupReport | None:
    """The page's make-up report (holes, short columns, widows and orphans, lines off the
    grid), noted; None for a page with no body lines to measure it in."""
    if ctx.body_pitch is None:
        return None
    report = makeup.survey(page, _baseline_grid(ctx, geo), ctx.grid is not None)
    ctx.notes += [report.summary()] + [f"make-up: {f}" for f in
                                       report.findings + report.kept_clear]
    return report


def _page_problems(ctx: Context, copyfit: Copyfit, layout: Layout, page: Page,
                   report: makeup.MakeupReport | None, over: float,
                   missing: list) -> list[Problem]:
    """The page's problems, each once in its region's frame, in the order they are mended:
    a character no font has, then a page too long (the cause of its regions' overset), then
    the rest. A page set whole is judged for slack (a region left mostly empty)."""
    problems = _placed(ctx.problems, page)
    if over and not problems and _set_whole(layout):
        over = 0.0  # measured too long, set whole: a story that spans its photos at its
        # natural height sets them in its columns when cut (docs: photo_place auto)
    if report is not None and not problems and not over and not missing:
        body = ctx.style("body")
        said, underfull = slack.judge(page, report, layout.slack, ctx.content,
                                      ctx.page_box.area, body.style.size, ctx.body_pitch)
        ctx.notes += said
        problems += underfull
    if over:  # first: the cause of the regions' overset, with what each lost
        first = _page_problem(ctx, copyfit, layout, over, problems)
        problems = _placed([first] + [p for p in problems if p.region != first.region], page)
    if missing:  # first, as before layout went on past them
        places: dict[str, list] = {}
        for ch, role, where in missing:
            places.setdefault(ch, []).append((role, where))
        problems.insert(0, Problem(missing_glyph_error(places, ctx.fonts),
                                   marks=_characters(page, set(places))))
    return problems


# regions that, given less height than they measured, either set the rest of their text
# aside (an overset problem) or take the height as they can: a story re-deciding where its
# photos stand, a stack cutting its stories, a picture frame closing within its crop bound
GIVE_KINDS = frozenset({"stack", "story", "picture", "text", "section", "headline"})


def _set_whole(layout: Layout) -> bool:
    """Whether a page measured too long but set with no problem at its rows cut to the type
    area is set whole: every region of its growing rows one that says what it cannot set
    (GIVE_KINDS) — a gallery or a chart given less would only be drawn smaller."""
    return all(r.kind in GIVE_KINDS for row in layout.rows if row.grow and row.height is None
               for top in row.regions for r in top.walk())


def _share(ctx: Context, copyfit: Copyfit, geo: Geometry, layout: Layout, spare: float,
           growing: list[int], heights: list[float], breaks: list[int],
           weigh: Callable[[int, float], float]) -> tuple[list[float], list[float]]:
    """The spare height shared by the growing rows and the breaks between rows
    (makeup.share_spare): the rows' extras and the breaks'. A break is weighed with the
    rows beside it at the heights they then take: one that opens a hole (a short last line
    above, a tint's margin below) is barred and the sharing tried again."""
    barred: set[int] = set()
    while True:
        weights = [(lambda space: math.inf if space else 0.0) if i in barred else
                   (lambda space: makeup.BREAK_COST * space / ctx.grid) for i in breaks]
        extras, spaces = makeup.share_spare(spare, growing, ctx.grid, weigh, weights)
        grown = dict(zip(growing, extras))
        trial = [h + grown.get(k, 0.0) for k, h in enumerate(heights)]
        bad = {i for i, space in zip(breaks, spaces) if space
               and _break_weight(ctx, copyfit, geo, layout, i, trial, space) == math.inf}
        if not bad:
            return extras, spaces
        barred |= bad


def _break_weight(ctx: Context, copyfit: Copyfit, geo: Geometry, layout: Layout, i: int,
                  heights: list[float], space: float) -> float:
    """What `space` more white between rows i and i + 1, set at these heights, weighs
    (makeup.break_weight)."""
    below = _advance(ctx, heights[i], layout.rows[i])
    top = geo.area.top

    def trial(k: int, down: float):
        return (k, _trial_row(ctx, copyfit, geo, layout, k, heights[k]), heights[k], top - down)

    return makeup.break_weight(
        _rows_page(geo, layout, [trial(i, 0.0), trial(i + 1, below)]),
        _rows_page(geo, layout, [trial(i, 0.0), trial(i + 1, below + space)]),
        _baseline_grid(ctx, geo), space)


def _room(ctx: Context, row: Row, height: float) -> float:
    """How much a growing row may take beyond its height: up to its `most` (in whole grid
    steps), else without bound."""
    if row.most is None:
        return math.inf
    extra = max(0.0, row.most.pt(ctx.unit) - height)
    return flow.grid_down(extra, ctx.grid) if ctx.grid else extra


def _bounded(extras: list[float], rooms: list[float], grid: float | None) -> list[float]:
    """The rows' shares of the spare height, each within its room: what a row cannot take
    goes to the rows with room left, evenly (in whole grid steps); what none can take is
    left under the last row, the page's slack the make-up report names."""
    extras = list(extras)
    while True:
        over = sum(max(0.0, e - r) for e, r in zip(extras, rooms))
        extras = [min(e, r) for e, r in zip(extras, rooms)]
        open_ = [k for k, (e, r) in enumerate(zip(extras, rooms)) if r - e > 0.01]
        if over < (grid or 0.01) - 0.01 or not open_:
            return extras
        for k, more in zip(open_, flow.shares(over, len(open_), grid)):
            extras[k] += more


def _placed(problems: list[Problem], page: Page) -> list[Problem]:
    """Each problem once, in its region's frame: the page overset takes the text its region
    then set aside, and a problem known before placing takes its region's frame."""
    frames = {e.name: e.frame for e in page.elements}
    out: list[Problem] = []
    for problem in problems:
        merged = next((p for p in out if p.region == problem.region and not p.overset
                       and problem.overset), None)
        if merged is not None:
            out[out.index(merged)] = replace(problem, error=merged.error)
        else:
            out.append(problem if problem.frame else
                       replace(problem, frame=frames.get(problem.region)))
    return out


def _characters(page: Page, chars: set[str]) -> tuple[Box, ...]:
    """Where each of `chars` stands on the page: its em box."""
    boxes = []
    for run in (i for i in page.items if isinstance(i, TextRun)):
        size = run.style.size
        for k, ch in enumerate(run.chars):
            if ch in chars:
                y = run.ys[k] if run.ys else run.y
                boxes.append(Box(run.xs[k], y - 0.12 * size, size * run.style.scale, size))
    return tuple(boxes)


def _trial_row(ctx: Context, copyfit: Copyfit, geo: Geometry, layout: Layout, i: int,
               height: float) -> list[Frame]:
    """Row i's regions set `height` tall, seen from the type area's top, for the make-up to
    weigh: each in its own coordinates, what setting it reports kept in its frame (placed
    if the row is set at this height: _set_frame)."""
    return [_set_frame(ctx, copyfit, geo, _path(i, j), region, height, geo.area.top)
            for j, region in enumerate(layout.rows[i].regions)]


def _set_frame(ctx: Context, copyfit: Copyfit, geo: Geometry, path: str, region: Region,
              height: float | None, top: float) -> Frame:
    """The region's frame `height` tall (None: its natural height), its top at `top`. Set
    at a height it was set at before (measured, or weighed in a trial row), it is that frame
    — frames are in their own coordinates, and a region measured is its frame set at its
    natural height — unless it was seen from elsewhere and depends on where it stands on
    the page (kinds.EDGE_KINDS). A frame with problems (a fixed element that does not fit)
    is set again."""
    x, width = geo.columns(region)
    kinds = {r.kind for r in region.walk()}
    steps = tuple(sorted((p, step) for p, step in copyfit.steps.items()
                         if p == path or p.startswith(path + ".")))
    here = top == geo.area.top  # where rows are measured and weighed
    if ctx.avoid:  # staggered: set knowing the heads beside it, never kept
        return build(ctx.for_region(path, copyfit, geo.seen_from(x, top)), region, width,
                     height)
    if (here or not kinds & EDGE_KINDS) and (path, steps, height) in ctx.frames:
        return ctx.frames[path, steps, height]
    frame = build(ctx.for_region(path, copyfit, geo.seen_from(x, top)), region, width, height)
    if here and not frame.problems:
        ctx.frames[path, steps, frame.height] = frame
    if here and height is None:  # measured again (copyfit, an overset page): its size
        ctx.frames[path, steps, None] = frame
    return frame


def _staggered(ctx: Context, copyfit: Copyfit, geo: Geometry, i: int, height: float,
               top: float) -> list[Frame]:
    """Row i's frames at its height and place, its heads staggered (layout.stagger)."""
    row = ctx.layout.rows[i]

    def set_at(j: int, avoid: tuple[float, ...]) -> Frame:
        if not avoid:  # the first, as it would be set
            return _set_frame(ctx, copyfit, geo, _path(i, j), row.regions[j], height, top)
        return _set_frame(ctx.avoiding(avoid, row.stagger), copyfit, geo, _path(i, j),
                          row.regions[j], height, top)

    return stagger.set_row(
        len(row.regions), lambda j: _region_height(ctx, copyfit, geo, _path(i, j),
                                                   row.regions[j]),
        set_at, geo.area.top - top)


def _tombstones(ctx: Context, row, frames: list[Frame]) -> list[str]:
    """A note for each pair of heads a staggered row could not keep apart: its regions'
    white gave no share that moved one of them (heads level at the row's top, stacks full
    to their feet) — two heads side by side read as one."""
    pitch = ctx.body_pitch or ctx.unit
    said = []
    for j, k, depth, apart in stagger.too_near(frames, row.stagger * pitch):
        where = ("both open the row" if depth < 0.5 else
                 f"{depth / 2.835:.0f} mm below the row's top")
        said.append(f"stagger: the heads in {region_name(row.regions[j])} and "
                    f"{region_name(row.regions[k])} stand {apart / pitch:.1f} body lines "
                    f"apart, {where} (row '{row.name}' asks {row.stagger}): no share of "
                    "their white moves them further — " +
                    ("set something of another height above one of them"
                     if depth < 0.5 else "lengthen or shorten a story above one by a few "
                                         "lines"))
    return said


def _row_page(geo: Geometry, layout: Layout, i: int, frames: list[Frame],
              height: float) -> Page:
    """Row i's frames placed at the type area's top, as a page the make-up can survey."""
    return _rows_page(geo, layout, [(i, frames, height, geo.area.top)])


def _rows_page(geo: Geometry, layout: Layout,
               rows: list[tuple[int, list[Frame], float, float]]) -> Page:
    """Rows' frames (row index, frames, height, top) placed, as a page the make-up can
    survey."""
    items: list[Item] = []
    elements: list[Element] = []
    for i, frames, height, top in rows:
        for region, frame in zip(layout.rows[i].regions, frames):
            x, width = geo.columns(region)
            frame = frame.placed(x, top)
            elements.append(Element(region_name(region), Box(x, top - height, width, height),
                                    len(items), len(items) + len(frame.items), region.where,
                                    frame.reserved, region.kind, region.content))
            items += frame.items
    return Page(layout.name, geo.media, geo.trim, geo.bleed, tuple(items),
                elements=tuple(elements))


def _baseline_grid(ctx: Context, geo: Geometry) -> makeup.BaselineGrid:
    """The page grid of body lines: slots down from the type area's top, a body line's
    baseline where flow.place_columns sets it in its slot."""
    body = ctx.layout.styles["body"]
    size, pitch = body.size.pt(ctx.unit), ctx.body_pitch
    return makeup.BaselineGrid(geo.area.top, pitch, (pitch - size) / 2 + ASCENT * size,
                               body.font, size, geo.column, geo.area, geo.gutter)


def _advance(ctx: Context, height: float, row: Row) -> float:
    """How far below a row's top the next row starts: its height and the space after it.
    On a baseline grid the next row starts on the first grid line that keeps at least half
    that space, so the text after a banner or figures returns to the grid without a gap
    of a whole extra line."""
    space = row.space_after.pt(ctx.unit)
    if ctx.grid is None:
        return height + space
    return flow.grid_up(height + space / 2, ctx.grid)


def _depth(ctx: Context, layout: Layout, heights: list[float]) -> float:
    """How much of the type area the rows take, spaces included."""
    return sum(_advance(ctx, h, row) for h, row in zip(heights, layout.rows))


def _path(row: int, k: int) -> str:
    """The layout path of a row's k-th region: what copyfit knows it by."""
    return inner_path(f"rows[{row}]", k)


def _regions(layout: Layout, placed: bool = False) -> Iterator[tuple[str, Region]]:
    """Every region of the layout with its path, in order, a stack's regions after it;
    `placed`: a stack's region written without columns given the stack's."""
    def walk(path: str, region: Region) -> Iterator[tuple[str, Region]]:
        yield path, region
        for k, child in enumerate(region.regions):
            if placed and not child.columns:
                child = replace(child, columns=region.columns)
            yield from walk(inner_path(path, k), child)

    for i, row in enumerate(layout.rows):
        for j, top in enumerate(row.regions):
            yield from walk(_path(i, j), top)


def _fill_linked_frames(ctx: Context, geo: Geometry, layout: Layout,
                        copyfit: Copyfit) -> tuple[Context, Copyfit]:
    """Set every region a linked frame follows at its fixed height first, so the follower
    knows the lines it takes over before any row is measured: the context that carries
    the lines each leaves (Context.continued), and the copyfit they settle on."""
    for i, row in enumerate(layout.rows):
        for j, top in enumerate(row.regions):
            x, width = geo.columns(top)
            frames = [(_path(i, j), top, x, width, row.height)]
            frames += [(inner_path(_path(i, j), k), child,
                        *(geo.columns(child) if child.columns else (x, width)), child.height)
                       for k, child in enumerate(top.regions)]
            for path, region, rx, rw, height in frames:
                if region.name not in ctx.followed:
                    continue
                if height is None:
                    raise InputError(
                        f"region '{region.name}' is followed by a linked frame, so it needs a "
                        "fixed height (its row's height, or its own inside a stack)",
                        region.where)
                frame = build(ctx.for_region(path, copyfit, geo.seen_from(rx, geo.area.top)),
                              region, rw, height.pt(ctx.unit))
                copyfit = copyfit.tightened(dict(frame.fits))
                ctx = replace(ctx, continued={**ctx.continued, **{
                    name: (lines, measure) for name, lines, measure in frame.overflow}})
    return ctx, copyfit


def _row_height(ctx: Context, copyfit: Copyfit, geo: Geometry, layout: Layout,
                i: int) -> float:
    row = layout.rows[i]
    if row.height is not None:
        return row.height.pt(ctx.unit)
    return max((_region_height(ctx, copyfit, geo, _path(i, j), r)
                for j, r in enumerate(row.regions)), default=0.0)


def _blank_rows(ctx: Context, copyfit: Copyfit, geo: Geometry, layout: Layout,
                heights: list[float]) -> frozenset[int]:
    """The rows whose content is absent (数说 figures a page has none of) below a row with
    content: of no height of their own and drawing nothing, they would leave their space
    after them as a band of white between the rows above and below. (Above the first row
    with content, such a row's space stands at the head of the type area, not between
    content: a news page's folio line the content gives no data for.)"""
    blank = []
    for i, row in enumerate(layout.rows):
        if (row.height is None and not row.grow and heights[i] <= 0.01
                and not any(_set_frame(ctx, copyfit, geo, _path(i, j), region, None,
                                       geo.area.top).items
                            for j, region in enumerate(row.regions))):
            blank.append(i)
    first = next((i for i in range(len(layout.rows)) if i not in blank), len(layout.rows))
    return frozenset(i for i in blank if i > first)


def _closed_up(layout: Layout, blank: frozenset[int]) -> Layout:
    """The layout with its blank rows closed up: a row with nothing in it keeps no space
    after it, so the rows below move up instead of leaving a white band across the page."""
    if not blank:
        return layout
    return replace(layout, rows=[replace(row, space_after=Length(0)) if i in blank else row
                                 for i, row in enumerate(layout.rows)])


def _shrink_tallest(ctx: Context, copyfit: Copyfit, geo: Geometry, layout: Layout,
                    heights: list[float]) -> Copyfit | None:
    """One copyfit step on the region that sets the height of the tallest flexible row, when
    its policy allows: the tighter copyfit (the row's height updated); None when no region
    can give any more."""
    candidates = []
    for i, row in enumerate(layout.rows):
        if row.height is not None:
            continue
        for j, region in enumerate(row.regions):
            if region.fit.policy == "shrink":
                h = _region_height(ctx, copyfit, geo, _path(i, j), region)
                if h >= heights[i] - 0.01:
                    candidates.append((h, i, _path(i, j), region))
    for _, i, path, region in sorted(candidates, key=lambda c: -c[0]):
        steps = shrink_steps(region.fit)
        current = copyfit.steps.get(path)
        index = steps.index(current) + 1 if current in steps else 0
        if index < len(steps):
            tighter = copyfit.tightened({path: steps[index]})
            heights[i] = _row_height(ctx, tighter, geo, layout, i)
            return tighter
    return None


def _region_height(ctx: Context, copyfit: Copyfit, geo: Geometry, path: str,
                   region: Region) -> float:
    """A region's natural height. It is measured before its row's top is known (its size
    does not depend on where it stands): it sees the page from the type area's top."""
    return _set_frame(ctx, copyfit, geo, path, region, None, geo.area.top).height


def _page_overset(ctx: Context, copyfit: Copyfit, layout: Layout,
                  heights: list[float]) -> float:
    """The page is too short: cut the rows to what the page holds, so the page is set on and
    the regions that lose height set their rest aside (each an overset problem, with its
    lines and characters); returns by how much the rows were cut. The rows marked
    `grow` are the layout's give, so they are cut first, the tallest first down to a common
    level (several stories each lose a little, not the last one all); the others only when
    those are spent."""
    geo = ctx.page_box
    natural = _depth(ctx, layout, heights)
    step = ctx.grid or ctx.body_pitch or 1.0
    for rows in ([i for i, row in enumerate(layout.rows) if row.grow and row.height is None],
                 [i for i, row in enumerate(layout.rows) if row.height is None]):
        while rows and _depth(ctx, layout, heights) - geo.area.height > 0.01:
            tallest = max(rows, key=lambda i: heights[i])
            if heights[tallest] <= 0:
                break
            heights[tallest] = max(0.0, heights[tallest] - step)
    return natural - _depth(ctx, layout, heights)  # in whole lines on a grid


def _cuts(problems: list[Problem]) -> str:
    """What to do about a page too long: the characters to cut in all, each item's share
    (or a photo to drop in place of one, where a photo would do), from the items' hints."""
    if len(problems) == 1:
        return problems[0].error.hint
    cuts = [p.error.hint.split(", or give it more room")[0] for p in problems]
    total = sum(p.chars for p in problems)
    return ((f"{total} characters over in all: " if total else "") + "; ".join(cuts)
            + " — or give them more room in the layout")


def _page_problem(ctx: Context, copyfit: Copyfit, layout: Layout, over: float,
                  problems: list[Problem]) -> Problem:
    """The problem a page too long reports: the item that lost the most to the cut rows,
    with what every item lost (lines and characters) and what to cut; it carries that
    item's text set aside. A page cut where no text was set aside (a picture's row) is
    named by its tallest region, with an estimate."""
    cut = sorted((p for p in problems if p.overset and p.item), key=lambda p: -p.chars)
    mm = f"{over / 2.835:.1f} mm"
    lines = over / ctx.style("body").leading
    if cut:
        first = cut[0]
        others = "; ".join(f"{p.item} {amount_over(p.lines, p.chars)}" for p in cut[1:])
        region = next(r for _, r in _regions(layout) if region_name(r) == first.region)
        error = OversetError(
            f"overset: {first.item} makes the page {mm} too long (about {lines:.1f} body "
            f"lines) — {amount_over(first.lines, first.chars)} over in region "
            f"'{region.kind}' ({place(region)})"
            + (f"; also over: {others}" if others else ""), ctx.content.location(first.item),
            hint=_cuts(cut) + _long_headlines(ctx, layout))
        return replace(first, error=error)
    geo = ctx.page_box
    flexible = [(_path(i, j), r) for i, row in enumerate(layout.rows)
                if row.height is None for j, r in enumerate(row.regions)]
    path, region = max(flexible, key=lambda pr: _region_height(ctx, copyfit, geo, *pr))
    _, width = geo.columns(region)
    item = item_of(ctx, region)
    if _photos(ctx, item):  # no text to cut: a photo set at its proportions stands too tall
        return Problem(OversetError(
            f"overset: {item} makes the page {mm} too long in region {region_name(region)}: "
            "set across it at their proportions, its photos stand taller than the page "
            "holds", ctx.content.location(item),
            hint="a photo far taller than it is wide needs cropping nearer its frame's "
                 "shape (the region's crop or aspect option), or another photo; or give "
                 "the region fewer columns"), region_name(region), item=item)
    head = _headline(ctx, region, width)
    if head:  # a headline's region does not take body lines: say it in the headline's terms
        text, lines_, size, per_line = head
        return Problem(OversetError(
            f"overset: the headline «{text}» sets in {lines_} line(s) at {size:g} pt in "
            f"region '{region.kind}' ({place(region)}) and makes the page {mm} "
            "too long", ctx.content.location("headline"),
            hint=f"shorten the headline (at {size:g} pt a line holds about {per_line} "
                 "characters), give its region more columns, or let it be set smaller "
                 "(a smaller headline style, or a banner's option headline_fit)"),
            region_name(region), item="headline")
    return Problem(OversetError(
        f"overset: {item} makes the page {mm} too long — about {lines:.1f} body lines, "
        f"{int(lines * width / ctx.style('body').style.size)} characters — in region "
        f"'{region.kind}' ({place(region)})", ctx.content.location(item),
        hint="shorten the text, or give the region more columns or text columns in the "
             "layout"), region_name(region), item=item)


HEADLINE_LINES = 2  # a page's headline wrapping past two lines is the usual cause of a long page


def _headline(ctx: Context, region: Region, width: float) -> tuple[str, int, float, int] | None:
    """The page's headline as a banner or headline region sets it — its text, lines, size
    and characters per line — or None for other regions (a section's head is its own)."""
    if region.kind == "banner" and ctx.content.headline:
        _, lines, _ = display.fitted_headline(
            ctx, region, option(region, "headline_style", "headline"), width, None)
    elif region.kind == "headline" and not region.content:
        _, lines = stories.part_lines(ctx, region, "", "headline", width)
    else:
        return None
    if not lines:
        return None
    return (ctx.content.headline, len(lines), lines[0].size,
            display.chars_per_line(ctx, region, lines, width))


def _long_headlines(ctx: Context, layout: Layout) -> str:
    """For a page too long: the page's headline where it wraps past HEADLINE_LINES, with
    what a line fewer gives back — a cut the editor may not think of. Only in a row of no
    fixed height: a fixed row gives nothing back (its banner may shrink the headline)."""
    fixed = tuple(f"rows[{i}]." for i, row in enumerate(layout.rows) if row.height is not None)
    said = []
    for path, region in _regions(layout, placed=True):
        if path.startswith(fixed):
            continue
        _, width = ctx.page_box.columns(region)
        head = _headline(ctx, region, width)
        if head and head[1] > HEADLINE_LINES:
            text, lines, size, per_line = head
            leading = ctx.style(option(region, "headline_style", "headline")).leading
            said.append(f"; or shorten the headline «{text}»: it sets in {lines} lines at "
                        f"{size:g} pt (a line holds about {per_line} characters), and each "
                        f"line fewer gives back {leading / 2.835:.1f} mm")
    return "".join(said)


def _photos(ctx: Context, item: str) -> bool:
    """Whether a content item is a picture or a list of pictures (no text to cut)."""
    shown = ctx.content.at(item) if item else None
    shown = shown if isinstance(shown, list) else [shown]
    return bool(shown) and all(isinstance(p, Picture) for p in shown)
