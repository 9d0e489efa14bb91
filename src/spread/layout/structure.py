"""Structural regions: stacks of regions, decorations as data, and the page furniture —
the folio line and the credit line."""

from __future__ import annotations

from dataclasses import replace

from spread.errors import OversetError
from spread.layout import flow, ornament, stagger
from spread.layout.blocks import build, length, option
from spread.layout.context import ASCENT, Context, inner_path, set_width
from spread.page import Box, Frame, Item, Rect, Rule
from spread.template import Region

# -- stack and decoration ------------------------------------------------------------------------

def stack(ctx: Context, region: Region, width, height) -> Frame:
    """Regions one above the other in the same columns; spare height goes to those marked
    grow (or the last). Each region is measured, the spare height shared out, and each set
    at its height and placed below the one before. On a baseline grid each child starts on
    a grid line: a child and the gap after it take whole grid steps."""
    gap = length(ctx, option(region, "gap", "0.8字"))
    side, above = _padding(ctx, region)
    frames = [(child, *_inside(_child_columns(ctx, child, width), width, side))
              for child in region.regions]
    paths = [inner_path(ctx.path, k) for k in range(len(frames))]
    naturals, heights, gaps = _measured(ctx, frames, paths, gap, above)
    natural = sum(heights) + sum(gaps) + 2 * above
    if height is None:  # no height given: set at its natural height
        height = natural
    heights = _shared_out(ctx, [child for child, _, _ in frames], naturals, heights, gaps,
                          natural, height)
    parts = []
    y = -above if above else 0.0  # (never -0.0: a stack unframed is set as ever)
    for (child, cx, cw), path, h, g in zip(frames, paths, heights, gaps):
        parts.append(build(_child(ctx, path, cx, y), child, cw, h).placed(cx, y))
        y -= h + g
    children = [child for child, _, _ in frames]
    gathered = _gathered(width, height, parts)
    if option(region, "frame", None):
        gathered = replace(gathered, items=tuple(_frame(ctx, region, width, height))
                           + gathered.items)
    return replace(gathered,
                   room=stagger.room(children, naturals, _growing(children), ctx.grid))


def _padding(ctx: Context, region: Region) -> tuple[float, float]:
    """A framed stack's white inside its frame: at the sides, and above and below (on the
    baseline grid in whole body lines, so its regions keep the page's baselines); none
    for a stack without a frame."""
    if not option(region, "frame", None):
        return 0.0, 0.0
    pad = length(ctx, option(region, "frame_padding", "1字"))
    return pad, flow.grid_up(pad, ctx.grid)


def _inside(columns: tuple[float, float], width: float, side: float) -> tuple[float, float]:
    """A stack's region's place across the stack, kept `side` inside its frame."""
    if not side:
        return columns
    x, w = columns
    left, right = max(x, side), min(x + w, width - side)
    return left, right - left


def _frame(ctx: Context, region: Region, width: float, height: float) -> list[Item]:
    """The rule round a framed stack, on its edges: solid, or dashed to cut along."""
    colour = ctx.colour(option(region, "frame", None))
    weight = ctx.rule(option(region, "frame_weight", "standard"))
    dash = (3 * weight, 2 * weight) if option(region, "frame_dash", False) else ()
    inset = weight / 2  # the rule's ink inside the stack's box
    left, right, top, foot = inset, width - inset, -inset, -height + inset
    return [Rule(left, top, right, top, colour, weight, dash),
            Rule(right, top, right, foot, colour, weight, dash),
            Rule(right, foot, left, foot, colour, weight, dash),
            Rule(left, foot, left, top, colour, weight, dash)]


def _growing(children: list[Region]) -> list[int]:
    """The regions of a stack that take its spare height: those marked grow, or the last."""
    return [i for i, child in enumerate(children) if child.grow] or [len(children) - 1]


def _measured(ctx: Context, frames, paths: list[str], gap: float, top: float = 0.0
              ) -> tuple[list[Frame | None], list[float], list[float]]:
    """Each region's natural frame (None for one of fixed height) and height, and the gap
    after it: on a grid, to the next grid line (none after the last). `top`: where the
    first region starts, below a frame's padding."""
    naturals = [None if child.height is not None
                else build(_child(ctx, path, cx, -top if top else 0.0), child, cw, None)
                for (child, cx, cw), path in zip(frames, paths)]
    heights = [child.height.pt(ctx.unit) if natural is None else natural.height
               for (child, _, _), natural in zip(frames, naturals)]
    gaps = [flow.grid_up(h + gap, ctx.grid) - h for h in heights[:-1]] + [0.0]
    return naturals, heights, gaps


def _shared_out(ctx: Context, children: list[Region], naturals: list[Frame | None],
                heights: list[float], gaps: list[float], natural: float,
                height: float) -> list[float]:
    """The regions' heights in a stack `height` tall: its spare height shared by the
    growing regions (or the last), or what it lacks cut from them (_cut)."""
    growing = _growing(children)
    extras = stagger.share(ctx, children, naturals, heights, gaps, growing,
                           max(0.0, height - natural))
    heights = [h + extra for h, extra in zip(heights, extras)]
    _cut(heights, [i for i in growing if children[i].height is None], natural - height,
         ctx.grid or 1.0)
    return heights


# what a stack's frame carries of each of its regions', in order
_GATHERED = ("items", "reserved", "fits", "problems", "notes", "missing", "overflow", "heads")


def _gathered(width: float, height: float, parts: list[Frame]) -> Frame:
    """The stack's frame: its placed regions' items, kept-clear areas, copyfit steps,
    problems, notes, missing characters, overflow and heads, one after another."""
    return Frame(width, height, **{
        name: tuple(x for part in parts for x in getattr(part, name)) for name in _GATHERED})


def _cut(heights: list[float], growing: list[int], over: float, step: float) -> None:
    """A stack given less than its natural height (its row cut to what the page holds)
    takes it from its growing regions, the tallest first, a step at a time — as the page
    cuts its rows — so each story that loses height sets its own rest aside and is named
    with what it lost, rather than the stack running off the page."""
    while over > 0.01 and growing:
        tallest = max(growing, key=lambda i: heights[i])
        if heights[tallest] <= 0:
            break
        take = min(step, heights[tallest], over)
        heights[tallest] -= take
        over -= take


def _child_columns(ctx: Context, child: Region, width: float) -> tuple[float, float]:
    """Where a stack's region stands across the stack, and how wide: its own columns, or
    the stack's."""
    return ctx.page_box.columns(child) if child.columns else (0.0, width)


def _child(ctx: Context, path: str, x: float, top: float) -> Context:
    """The context a stack's region is set in, its frame at (x, top) of the stack's."""
    return ctx.for_region(path, ctx.copyfit, ctx.page_box.seen_from(x, top))


def decoration(ctx: Context, region: Region, width, height) -> Frame:
    """Ornament as data: a tint (底纹), a 花边 border, rules above or below, and a field that
    may run out to the bleed on chosen sides."""
    natural = length(ctx, option(region, "height", 0))
    if height is None:  # no height given: set at its natural height
        height = natural
    box = Box(0.0, -height, width, height)
    bleed = ctx.page_box.bleed
    for side in option(region, "bleed", []):
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
                                      ctx.colour(option(region, "accent", "gold")),
                                      ctx.rule("standard"))
    for where, y in (("rule_above", box.top), ("rule_below", box.y)):
        if where in region.options:
            items.append(Rule(box.x, y, box.right, y, ctx.colour(region.options[where]),
                              ctx.rule(option(region, "weight", "standard"))))
    return Frame(width, height, tuple(items))


# -- folio and credits ----------------------------------------------------------------------------

def folio(ctx: Context, region: Region, width, height) -> Frame:
    """报眉: paper name, date, 版次 and 版名 over a rule; nothing when the content gives none."""
    return _furniture(ctx, region, edition_line(ctx), "edition", width, height)


def edition_line(ctx: Context) -> str:
    """The folio's text: what the content gives of paper, date, 版次 and 版名."""
    return "　".join(ctx.content.edition.parts())


def credits(ctx: Context, region: Region, width, height) -> Frame:
    c = ctx.content.credits
    parts = [f"{label}：{name}" for label, name in
             (("责任编辑", c.editor), ("美编", c.designer), ("校对", c.proofreader)) if name]
    return _furniture(ctx, region, "　".join(parts), "credits", width, height)


def _furniture(ctx: Context, region: Region, text_: str, path: str, width, height) -> Frame:
    if not text_:
        return Frame(width, 0.0)
    style = ctx.style(region.style or "furniture")
    line = furniture_line(ctx, region, text_, path, style, width)
    if height is None:  # no height given: set at its natural height
        height = style.leading
    baseline = -(style.leading - line.size) / 2 - ASCENT * line.size
    items: list[Item] = ctx.draw_line(line, 0.0, baseline)
    items.append(Rule(0.0, -style.leading, width, -style.leading,
                      ctx.colour(style.style.color), ctx.rule("fine")))
    return Frame(width, height, tuple(items))


def furniture_line(ctx: Context, region: Region, text_: str, path: str, style, width: float):
    """A line of page furniture: one line, or overset by what it is too long."""
    lines = ctx.compose(ctx.runs(text_, style, path), style, width, 0.0)
    if len(lines) > 1:
        needed = sum(set_width(each) for each in lines)
        raise OversetError(
            f"overset: the {path} line «{text_}» is {needed / 2.835:.1f} mm long; region "
            f"'{region.kind}' (columns {region.columns}) is {width / 2.835:.1f} mm wide: "
            f"{(needed - width) / 2.835:.1f} mm over", ctx.content.location(path),
            hint=f"shorten the {path} fields, or give the region more columns")
    return lines[0]
