"""Regions: what every kind of region shares — setting under copyfit, content paths, text
columns and the flow of lines through them. The kinds live in articles (text, section,
honour roll), display (banner, 数说 figures), structure (stack, decoration, folio, credits),
charts, pictures and stories, and are registered in layout.kinds; a region is set by the
function its kind names in the context's registry (a stack sets its regions through it
too), which returns its Frame: its size and its items in its own coordinates."""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass, replace

from spread.errors import InputError, OversetError
from spread.layout import flow
from spread.layout.context import Adjust, Context, shrink_steps
from spread.layout.problems import Problem, place, quoted, region_name, tall
from spread.page import Box, Frame, TextRun
from spread.template import Region
from spread.units import Length

EMPTY_WARNING = 0.5  # a text region less than half full is reported


def build(ctx: Context, region: Region, width: float, height: float | None) -> Frame:
    """The region's frame, set in the context naming it (Context.for_region); a fixed frame
    it overflows is refitted step by step when its policy is shrink — the step it settles on
    is reported in the frame's `fits`. At the floors the region is set as far as it goes:
    its overset is a problem the frame reports (a measured frame's are passed over); only an
    enclosing copyfit attempt (`ctx.trying`) sees it raised, to tighten."""
    kind = ctx.kinds[region.kind]
    step = None
    if region.fit.policy == "shrink" and height is not None:
        attempt = replace(ctx, trying=ctx.trying + 1)
        current = ctx.copyfit.steps.get(ctx.path)
        tighter = [s for s in shrink_steps(region.fit) if not _is_tighter(current, s)]
        for step in [None, *tighter]:
            setting = replace(_at(attempt, step), notes=[], missing=[])
            try:
                frame = kind(setting, region, width, height)
            except OversetError:
                continue
            return _settled(frame, setting, step)
    setting = replace(_at(ctx, step), notes=[], missing=[])
    try:
        frame = kind(setting, region, width, height)
    except OversetError as exc:  # a fixed element (a headline, a tab, a figure) that cannot fit
        if ctx.trying:
            raise
        frame = Frame(width, height or 0.0, problems=(_cannot_fit(setting, region, exc, width,
                                                                  height or 0.0),))
    return _settled(frame, setting, step)


def _cannot_fit(ctx: Context, region: Region, error: OversetError, width: float,
                height: float) -> Problem:
    """A fixed element that cannot be set: its frame left empty and marked, and the text
    the error names set beside the page like overset text (in the style of its name, e.g.
    kicker, or the region's, or body), so the editor sees what to cut."""
    frame = Box(0.0, -height, width, height)
    path = error.where.path if error.where else ""
    texts = _texts(ctx.content.at(path)) if path else []
    if not texts:
        return Problem(error, region_name(region), frame)
    key = re.sub(r"\[\d+\]", "", path).split(".")[-1]
    name = next(n for n in (region.style, key, "body", *ctx.layout.styles)
                if n in ctx.layout.styles)
    style = ctx.style(name)
    lines = [fl for text in texts for fl in flow.paragraph(ctx, text, style, width, path)]
    items, (wide, tall), _ = _set_aside(ctx, lines, width, 0.0)
    block = (wide, min(tall, flow.text_height([lines])))  # a few lines: a block as tall
    if "text" in ctx.layout.palette:  # beside the page, on white: a banner's cream would not show
        ink = ctx.colour("text")
        items = tuple(replace(i, colour=ink) if isinstance(i, TextRun) else i for i in items)
    over = re.search(r"[\d.]+ mm over", error.message)
    return Problem(error, region_name(region), frame, items, block,
                   over.group(0) if over else "does not fit")


def _texts(obj) -> list[str]:
    """The text of a content item: a text, a list's texts, a record's text fields."""
    if isinstance(obj, str):
        return [obj] if obj.strip() else []
    if isinstance(obj, list):
        return [t for part in obj for t in _texts(part)]
    if dataclasses.is_dataclass(obj):
        return [t for f in dataclasses.fields(obj) if f.name not in ("where", "file")
                for t in _texts(getattr(obj, f.name))]
    return []


def _at(ctx: Context, step: Adjust | None) -> Context:
    return ctx if step is None else ctx.refitted(step)


def _settled(frame: Frame, setting: Context, step: Adjust | None) -> Frame:
    """The frame, carrying the notes setting it made and the characters it found no font
    draws (after its regions', which a stack passes on) and the copyfit step its region
    settled on (None: as it was)."""
    frame = replace(frame, notes=frame.notes + tuple(setting.notes),
                    missing=frame.missing + tuple(setting.missing))
    return frame if step is None else replace(frame, fits=frame.fits + ((setting.path, step),))


def _is_tighter(current, step) -> bool:
    """A step no further than the region's present state (steps only ever tighten)."""
    return current is not None and (step.size, step.tracking, step.leading) >= (
        current.size, current.tracking, current.leading)


def resolve(ctx: Context, path: str):
    """The content object at a path such as sections[2] or lead."""
    obj = ctx.content.at(path)
    if obj is None:
        raise InputError(f"content path '{path}' does not exist in the content",
                         hint="paths look like lead, sections[0], honour_roll, figures")
    return obj


def option(region: Region, name: str, default):
    return region.options.get(name, default)


def grow_factor(region: Region, default: float, what: str, hint: str) -> float:
    """How far a chart or picture frame may grow: its region's `grow`, a factor of 1 or
    more (1: not at all)."""
    value = option(region, "grow", default)
    try:
        factor = float(value)
    except (TypeError, ValueError):
        factor = 0.0
    if not (factor >= 1 and math.isfinite(factor)):  # .nan compares false with anything
        raise InputError(f"{what} grow '{value}' is not a factor of 1 or more", region.where,
                         hint=hint)
    return factor


def text_columns(ctx: Context, width: float, split: int) -> tuple[float, float]:
    """Measure and gutter of `split` text columns in `width`: the measure a whole number of
    characters (a character grid), the remainder going to the gutters."""
    unit = ctx.unit
    gutter = ctx.layout.grid.gutter.pt(unit)
    if split == 1:
        return width, gutter
    raw = (width - (split - 1) * gutter) / split
    measure = int(raw / unit + 1e-6) * unit
    return measure, (width - split * measure) / (split - 1)


def _overset(ctx: Context, region: Region, rest: list[flow.FlowLine], frame: Box,
             measure: float, gutter: float, lines: list[flow.FlowLine]) -> Problem:
    """Text that does not fit its frame (`frame`, in the block's coordinates): raised inside
    a copyfit attempt (it may tighten); otherwise the problem the block reports, the rest
    set aside, with what to cut: its characters, or a photo of its flow (`lines`) that
    takes as many lines."""
    chars = sum(len(fl.line.glyphs) for fl in rest if fl.line)
    first = rest[0]
    item = region.content or re.split(r"[.\[]", first.path)[0]
    error = OversetError(
        f"overset: {first.path} does not fit {quoted(region)} "
        f"({place(region)}, {tall(frame.height)}): {len(rest)} "
        f"line(s), {chars} character(s) over", ctx.content.location(first.path),
        hint=_cut(ctx, item, rest, chars, lines, region.split * frame.height))
    if ctx.trying:
        raise error
    items, block, shown = _set_aside(ctx, rest, measure, gutter)
    depth = sum(fl.pitch + fl.space_before for fl in rest) / region.split
    amount = f"{len(rest)} lines, {chars} characters, {depth / 2.835:.0f} mm over"
    if shown < len(rest):
        amount += f" (the first {shown} lines shown)"
    return Problem(error, region_name(region), frame, items, block, amount, item=item,
                   lines=len(rest), chars=chars)


def _cut(ctx: Context, item: str, rest: list[flow.FlowLine], chars: int,
         lines: list[flow.FlowLine], room: float) -> str:
    """What to do about an overset: cut its characters (rounded up to ten) from the item; or
    drop one of its photos, where one takes as many lines of its columns, or where the cut
    would take half its text (then with what is still to cut); or, where what is over is no
    text (a chart at the flow's end), make that smaller or cut the text before it."""
    over = sum(fl.pitch + fl.space_before for fl in rest)
    if not chars:  # what is over is at least what the flow takes beyond its columns' room
        depth = sum(fl.pitch + fl.space_before for fl in lines)
        return _cut_block(ctx, item, rest, max(depth - room, 0.0) or over, lines)
    photos = [fl for fl in lines if fl.block is not None
              and (".pictures[" in fl.path or fl.path.startswith("pictures["))]
    cut = f"cut about {_tens(chars)} characters from {item}"
    if not photos:
        return cut + ", or give it more room in the layout"
    drop = next((fl for fl in photos if fl.pitch >= over - 0.01), photos[0])
    pitch = ctx.body_pitch or drop.pitch
    taken = f"drop its photo {drop.path} (it takes {round(drop.pitch / pitch)} lines)"
    if drop.pitch >= over - 0.01:
        return f"{cut}, or {taken}, or give it more room in the layout"
    text = sum(len(fl.line.glyphs) for fl in lines if fl.line)
    if 2 * chars < text:
        return cut + ", or give it more room in the layout"
    still = _tens(chars * (over - drop.pitch) / over)
    return f"{taken} and cut about {still} characters, or give it more room in the layout"


def _cut_block(ctx: Context, item: str, rest: list[flow.FlowLine], over: float,
               lines: list[flow.FlowLine]) -> str:
    """The hint for an overset of no text: a block set in the flow (a chart, a photo) that
    does not fit below the text before it. It fits when it is made smaller by at least the
    depth `over` — a chart by as many bars — or the text before it that much shorter."""
    block = next(fl for fl in rest if fl.line is None)
    text = [fl for fl in lines if fl.line]
    smaller = f"make {block.path} at least {max(over / 2.835, 1):.0f} mm smaller"
    bars = getattr(ctx.content.at(block.path), "bars", None)
    if bars and len(bars) > 1:
        fewer = min(len(bars) - 1, max(1, math.ceil(over / (block.pitch / len(bars)) - 1e-6)))
        smaller = (f"cut at least {fewer} of the {len(bars)} bars of {block.path} (each "
                   "takes a line of the chart)")
    if not text:
        return smaller + ", or give it more room in the layout"
    pitch = ctx.body_pitch or text[0].pitch
    per_line = max(len(fl.line.glyphs) for fl in text)
    chars = _tens(over / pitch * per_line)
    return (f"{smaller}, or cut about {chars} characters of the text before it in {item}, "
            "or give it more room in the layout")


def _tens(chars: float) -> int:
    """A number of characters to cut, rounded up to ten."""
    return -(-int(chars + 0.999) // 10) * 10


def _set_aside(ctx: Context, rest: list[flow.FlowLine], measure: float, gutter: float
               ) -> tuple[tuple, tuple[float, float], int]:
    """The overset lines at their measure, in columns as tall as the type area and at most
    as many as its width holds, from (0, 0) at the top left; with the block's size and how
    many lines it shows (a runaway text is counted, not set on an endless sheet)."""
    area = ctx.page_box.area
    height = max([area.height] + [fl.pitch for fl in rest])
    most = max(1, int((area.width + gutter) / (measure + gutter)))
    cols: list[list[flow.FlowLine]] = []
    while rest and len(cols) < most:
        col, rest = flow.split_columns(rest, 1, height)
        if not col[0]:  # kept lines taller than a column: they break where they must
            col, rest = [rest[:1]], rest[1:]
        cols += col
    items = flow.place_columns(ctx, cols, 0.0, 0.0, measure, gutter)
    return (tuple(items), (len(cols) * (measure + gutter) - gutter, height),
            sum(len(c) for c in cols))


def grid_of(ctx: Context, region: Region, style) -> float | None:
    """The grid step a region's text keeps, or None when it is set free: `grid: on` or
    `free` in its options; by default on when its text style's pitch is a single body line
    (body text, report lists), free for larger type (a lead in 四号) that would open to two.
    Text that copyfit has shrunk is set free too: its size is no longer the body's, and its
    tighter leading is what makes it fit."""
    choice = option(region, "grid", "auto")
    if ctx.grid is None or choice == "free" or ctx.adjust != Adjust():
        return None
    if choice == "on" or style.leading <= ctx.grid * 1.1:
        return ctx.grid
    return None


def flow_block(ctx: Context, region: Region, lines: list[flow.FlowLine], width: float,
               height: float | None, split: int,
               columns: tuple[float, float] | None = None) -> Frame:
    """Lines balanced over `split` text columns, in a frame of their own (`ctx` sees the page
    from it: Context.within); a frame taller than the text is filled by the region's `fill`
    policy (space: vertical justification in whole body lines). With no height the frame is
    as tall as the balanced columns, on the grid. `columns` (measure, gutter): those of the
    region the frame is a part of (a story's columns beside its head), else its own."""
    measure, gutter = columns or text_columns(ctx, width, split)
    _check_fold(ctx, region, measure, gutter, split)
    if height is None:  # no height given: set at its natural height
        height = natural_height(ctx, lines, split)
    filling = Filling.of(ctx, region)
    cols, rest = _columns(ctx, lines, split, height, filling)
    problems, overflow = _left_over(ctx, region, rest, lines, Box(0.0, -height, width, height),
                                    measure, gutter)
    _note_widows(ctx, region, cols, split)
    used = flow.text_height(cols)
    if filling:
        cols = flow.justify_columns(cols, height, ctx.body_pitch, filling.most,
                                    ctx.page_box.column, filling.paragraphs)
    if lines and used < EMPTY_WARNING * height:
        ctx.notes.append(f"warning: region {region_name(region)} is "
                         f"{1 - used / height:.0%} empty")
    return Frame(width, height, tuple(flow.place_columns(ctx, cols, 0.0, 0.0, measure, gutter)),
                 tuple(flow.block_boxes(cols, 0.0, 0.0, measure, gutter)), problems=problems,
                 overflow=overflow)


@dataclass(frozen=True)
class Filling:
    """How `fill: space` fills a frame taller than its text: whole body lines of space
    between its sections (or paragraphs, `space_at`), at most `most` in one place."""

    most: int
    paragraphs: bool

    @classmethod
    def of(cls, ctx: Context, region: Region) -> Filling | None:
        """The region's filling; None where it has none, or no body lines to fill in."""
        most = int(option(region, "max_space", 2))
        paragraphs = option(region, "space_at", "sections") == "paragraphs"
        if option(region, "fill", "none") != "space" or ctx.body_pitch is None:
            return None
        return cls(most, paragraphs)


def _columns(ctx: Context, lines: list[flow.FlowLine], split: int, height: float,
             filling: Filling | None) -> tuple[list, list]:
    """The lines over the text columns, and the rest the frame does not hold: balanced, or
    cut at the frame's foot where they run past it; a frame to fill takes them as its
    filling shares them out."""
    cols, rest = flow.split_columns(lines, split, flow.balanced_height(lines, split)
                                    if lines else 0.0)
    if flow.text_height(cols) > height + 0.01:
        return flow.split_columns(lines, split, height)
    if filling and not flow.on_grid(lines, ctx.body_pitch):
        # free text (an honour roll's awards) fills as a list: its entries shared evenly
        return flow.entry_columns(lines, split), rest
    if filling:
        return flow.filled_columns(lines, split, height, ctx.body_pitch, filling.most,
                                   ctx.page_box.column, filling.paragraphs), rest
    return cols, rest


def _left_over(ctx: Context, region: Region, rest: list, lines: list[flow.FlowLine],
               frame: Box, measure: float, gutter: float) -> tuple[tuple, tuple]:
    """What becomes of the lines the frame does not hold: a linked frame following the
    region takes them over (its overflow), else they are an overset problem. The problems
    and the overflow."""
    if not rest:
        return (), ()
    if region.name in ctx.followed:
        return (), ((region.name, tuple(rest), measure),)
    return (_overset(ctx, region, rest, frame, measure, gutter, lines),), ()


def _note_widows(ctx: Context, region: Region, cols, split: int) -> None:
    """Note the widows and orphans no column cut could avoid (flow._loose)."""
    for c, kind, fl in flow.widows(cols):
        ctx.notes.append(f"make-up: {kind}: {region_name(region)}: column {c + 1} of {split} "
                         f"{'begins' if kind == 'widow' else 'ends'} with «{fl.line.text}», "
                         f"a line of {fl.path} alone")


def natural_height(ctx: Context, lines: list[flow.FlowLine], split: int) -> float:
    """How tall a flow block of these lines is when no height is given: the balanced
    columns', on the grid."""
    return flow.grid_up(flow.text_height(flow.split_columns(lines, split, None)[0]), ctx.grid)


def _check_fold(ctx: Context, region: Region, measure: float, gutter: float,
                split: int) -> None:
    """A text column never crosses a spread's fold: its lines would be cut in two."""
    for c in range(split):
        left = c * (measure + gutter)
        for fold in ctx.page_box.folds:
            if left < fold < left + measure:
                raise InputError(
                    f"text column {c + 1} of {split} in {quoted(region)} "
                    f"(columns {region.columns}) crosses the fold",
                    region.where, hint="choose a split that puts a gutter on the fold (an "
                                       "even one for a region centred on it), or stop the "
                                       "region at the fold")




def length(ctx: Context, value) -> float:
    return Length.parse(value).pt(ctx.unit)
