"""Stacks of stories side by side without tombstones, and the spare height of a stack.

A row with `stagger: N` (body lines) sets its regions so that no story head stands within N
body lines of the height of a head in another region of the row — two heads level side by
side read as one (tombstoning). The region with the least spare is set first, as it
would be; each other one is set knowing the heads already placed (Context.avoid), and its
stacks move their own heads by how they share their spare height among their stories
(share): the white a story takes goes above the next head, which moves down with it.

A stack shares its spare height with its growing regions: a picture that may open (its
`grow` option) takes it first, up to its bound — a lead photo grows towards its fuller
proportions before the stories under it open by white — then a story as far as it fills
what it is given (its photos opening: Frame.room), then the others evenly; white that none
of them fills goes to the last, at the stack's foot, not above each head of the stack —
unless the stagger moves it there to keep the heads apart."""

from __future__ import annotations

from collections.abc import Callable

from spread.layout import flow
from spread.layout.blocks import option
from spread.layout.context import Context
from spread.page import Frame, Image
from spread.template import Region

VIOLATION = 1000.0  # what a head too near another weighs against moving white by a line


def set_row(count: int, natural: Callable[[int], float],
            set_at: Callable[[int, tuple[float, ...]], Frame], depth: float) -> list[Frame]:
    """A staggered row's frames, index by index: the region with the tallest natural height
    (the least spare) set first, each next one avoiding the heads set before it. `depth` is
    how far below the type area's top the row stands; heads are kept as such depths."""
    frames: dict[int, Frame] = {}
    avoid: list[float] = []
    for j in sorted(range(count), key=lambda j: -natural(j)):
        frames[j] = set_at(j, tuple(avoid))
        avoid += [depth - y for y in frames[j].heads]
    return [frames[j] for j in range(count)]


def too_near(frames: list[Frame], need: float) -> list[tuple[int, int, float, float]]:
    """The heads of a staggered row that still stand within `need` (pt) of a head in
    another of its regions, where no share of the white kept them apart: (region, other
    region, the first's depth below the row's top, their distance), each pair once."""
    heads = [(j, -y) for j, frame in enumerate(frames) for y in frame.heads]
    return [(j, k, a, abs(a - b)) for n, (j, a) in enumerate(heads)
            for k, b in heads[n + 1:] if k != j and abs(a - b) < need - 0.01]


def share(ctx: Context, regions: list[Region], naturals: list[Frame | None],
          heights: list[float], gaps: list[float], growing: list[int],
          spare: float) -> list[float]:
    """What each region of a stack takes of its spare height: the growing ones take it —
    pictures that may open first, up to their bound, the rest evenly (in whole grid steps
    on a grid); in a staggered row, the white is moved as little as keeps the stack's heads
    clear of those already placed (ctx.avoid)."""
    grid = ctx.grid
    extras = [0.0] * len(regions)
    rooms = [_picture_room(region, natural, grid) for region, natural in zip(regions, naturals)]
    fills = [_fills(region, natural) for region, natural in zip(regions, naturals)]
    for i in growing:
        take = min(rooms[i], flow.grid_down(spare, grid) if grid else spare)
        extras[i] += take
        spare -= take
    for i in growing:  # then a story, as far as its photos open
        if fills[i]:
            take = min(fills[i], spare)
            take = flow.grid_down(take, grid) if grid else take
            extras[i] += take
            spare -= take
    rest = ([i for i in growing if not extras[i] and fills[i] is None]
            or [i for i in growing if fills[i] is None] or growing[-1:])
    for i, extra in zip(rest, flow.shares(max(0.0, spare), len(rest), grid)):
        extras[i] += extra
    if ctx.avoid and ctx.stagger and len(regions) > 1 and sum(extras) > 0:
        weights = [PICTURE if rooms[i] else 1.0 if i in growing else FIXED
                   for i in range(len(regions))]
        extras = _staggered(ctx, naturals, heights, gaps, extras, weights, rooms)
    return extras


def room(regions: list[Region], naturals: list[Frame | None], growing: list[int],
         grid: float | None) -> float | None:
    """How much taller a stack may be set and still fill its height: what its growing
    regions fill (a picture's opening, a story's photos'); None: any."""
    total = 0.0
    for i in growing:
        fills = _fills(regions[i], naturals[i])
        if regions[i].kind == "picture" and "grow" in regions[i].options:
            fills = _picture_room(regions[i], naturals[i], grid)
        if fills is None:
            return None
        total += fills
    return total


def _fills(region: Region, natural: Frame | None) -> float | None:
    """How much more height a region other than a picture fills, as its natural frame
    says (a story: its photos opening; a stack: its regions'); None: any."""
    if region.kind == "picture" or natural is None:
        return None
    return natural.room


def _picture_room(region: Region, natural: Frame | None, grid: float | None) -> float:
    """How much a growing picture in a stack may open: its frame's height times its `grow`
    less one (whole grid steps); 0 for anything else."""
    if region.kind != "picture" or natural is None or "grow" not in region.options:
        return 0.0
    frame = max((item.clip.height for item in natural.items if isinstance(item, Image)),
                default=0.0)
    room = max(0.0, (float(option(region, "grow", 1)) - 1) * frame)
    return flow.grid_down(room, grid) if grid else room


# what moving a step of white to or from a region weighs: a growing story's is white at its
# foot or its photo opening; a picture opens or closes; a region that does not grow is left
# short above the next head (the white a compositor puts above a staggered head)
PICTURE, FIXED = 2.0, 3.0


def _staggered(ctx: Context, naturals: list[Frame | None], heights: list[float],
               gaps: list[float], extras: list[float], weights: list[float],
               rooms: list[float]) -> list[float]:
    """The stack's white shared again so its heads stand clear of those beside it
    (staggered), in whole steps of the grid."""
    step = ctx.grid or ctx.body_pitch or 1.0
    top = ctx.page_box.area.top  # the stack's top, as a depth below the type area's top
    heads, depth = [], 0.0  # each region's heads' depths with no white given
    for k, natural in enumerate(naturals):
        heads.append([top + depth - y for y in (natural.heads if natural else ())])
        depth += heights[k] + gaps[k]
    given = [round(e / step) for e in extras]
    taken = staggered(heads, given, weights, [int(r / step + 0.01) if r else None
                                               for r in rooms],
                      ctx.avoid, ctx.stagger * (ctx.body_pitch or step) - 0.01, step)
    return extras if taken == given else [s * step for s in taken]


def staggered(heads: list[list[float]], given: list[int], weights: list[float],
              rooms: list[int | None], avoid: tuple[float, ...], need: float,
              step: float) -> list[int]:
    """The white of a stack's regions (`given`, whole steps each) shared again so that
    every head (`heads`: each region's, as depths with no white given) stands at least
    `need` from each depth in `avoid`, moving as little white as can be (each step by its
    region's weight); where no share does, the one with the fewest heads too near. A
    region with a room (a picture) takes no more than it; the last region takes what the
    others leave. The white given to the regions above a head moves it down."""
    total = sum(given)

    def clashes(k: int, shift: int) -> int:
        return sum(1 for d in heads[k] for a in avoid if abs(d + shift * step - a) < need)

    def cost(k: int, take: int) -> float:
        over = take - rooms[k] if rooms[k] is not None else 0
        return weights[k] * abs(take - given[k]) + VIOLATION * max(0, over)

    n = len(heads)
    # best[c]: (weight, white per region so far) with c steps given to the regions above
    best: dict[int, tuple[float, list[int]]] = {0: (VIOLATION * clashes(0, 0), [])}
    for k in range(n):
        nxt: dict[int, tuple[float, list[int]]] = {}
        for c, (weight, taken) in best.items():
            for c2 in ([total] if k == n - 1 else range(c, total + 1)):
                w = weight + cost(k, c2 - c)
                if k + 1 < n:
                    w += VIOLATION * clashes(k + 1, c2)
                if c2 not in nxt or w < nxt[c2][0] - 1e-9:
                    nxt[c2] = (w, taken + [c2 - c])
        best = nxt
    return best[total][1]
