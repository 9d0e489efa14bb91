"""Picture regions: a photo or illustration from content in a frame the full width of the
region, with its credit (small, flush right) and its caption under it.

Options of a `picture` region:
  fit: fit | fill | crop   fit shows the whole picture inside the frame (letterboxed); fill
                           covers the frame, cropping the picture about its centre; crop
                           covers the frame with the part `crop` names
  crop: [l, t, r, b]       that part, in fractions of the picture from its top left corner,
                           e.g. [0.1, 0, 0.9, 1] drops a tenth at each side
  height / aspect          the frame's height (a length) or width ÷ height (1.5 or "3:2");
                           without either the frame takes the picture's (or crop's) proportions
  grow: F                  the frame may grow to take what its row leaves below it, up to F
                           times its height (F ≥ 1), in whole body lines on a baseline grid;
                           the picture then covers the taller frame, cropped at its sides
  most_cut: F              the largest share of the picture (or of its crop part) covering
                           the frame may cut off (0.5); past it the page is refused — a
                           panorama cropped to a 3:2 frame is not shown — unless
  letterbox: true          shows such a picture whole inside its frame instead (noted);
                           a frame with an aspect first re-shapes toward a narrower picture
                           (taller, up to its grow) so the cut stays within most_cut (noted)
  caption_style, credit_style   text styles, default `caption` and `credit`
  folders                  more folders (relative to the layout file) pictures may come from

A picture that covers its frame loses what lies outside it: a cut of more than a fifth
(NOTED_CUT) is noted with the picture, how much is lost and from which sides, so no crop
passes unsaid.

The scale is the same across and down, so a picture's effective resolution is its pixels
over its placed width in inches: for fill and crop that is the resolution of the part that
shows. Below the layout's minimum (`output: limits: image_ppi`, 170 by default) the build
notes it and print refuses it; a missing file keeps its frame, which only a proof draws, as
an FPO placeholder — print and the archive refuse it.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, replace
from pathlib import Path

from spread import images, template
from spread.compose.model import Line
from spread.content import Picture
from spread.errors import InputError, Location, OversetError, SpreadError
from spread.layout import flow
from spread.layout.blocks import grow_factor, option, resolve
from spread.layout.context import ASCENT, Context, TextStyle
from spread.layout.problems import Problem, place, region_name
from spread.page import Box, Colour, Frame, Image, Item, Rect, Rule
from spread.template import Region
from spread.units import Length

MODES = ("fit", "fill", "crop")
NOTED_CUT = 0.2  # a picture losing more than this share of itself to its frame is noted
MISSING_ASPECT = 1.5  # the frame of a missing picture that names no size of its own
GAP = 0.4  # between the picture and the lines under it, in 字
# the FPO placeholder is a proof mark, not part of the page's design: fixed greys
FPO_FILL = Colour("FPO", (0.0, 0.0, 0.0, 0.12), (0.88, 0.88, 0.88))
FPO_INK = Colour("FPO mark", (0.0, 0.0, 0.0, 0.5), (0.5, 0.5, 0.5))
FPO_PAPER = Colour("FPO label", (0.0, 0.0, 0.0, 0.0), (1.0, 1.0, 1.0))
FPO_SIZE = 2.0  # the label, times its style's size: readable on the proof's picture


def picture(ctx: Context, region: Region, width, height) -> Frame:
    pic = resolve(ctx, region.content)
    if not isinstance(pic, Picture):
        raise InputError(f"a picture region shows one picture; '{region.content}' is not one",
                         region.where, hint="content: pictures[0]")
    mode, crop = _mode(region)
    path = region.content
    where = ctx.content.location(f"{path}.file")
    info, file = _source(ctx, region, pic, where)
    text = _text_lines(ctx, region, pic, width, path)
    below = sum(style.leading for style, _, _ in text) + (GAP * ctx.unit if text else 0.0)
    wanted = _frame_height(ctx, region, info, crop, width, None, below)
    if height is None:  # no height given: set at its natural height
        height = wanted + below
    frame_h = _frame_height(ctx, region, info, crop, width, height, below)
    if frame_h > wanted + 0.01 and mode == "fit":  # grown: covered, not letterboxed
        mode = "fill"
    frame = Box(0.0, -frame_h, width, frame_h)
    problems: tuple[Problem, ...] = ()
    if info is None:
        ctx.notes.append(f"{path}: the picture {pic.file} is missing: the proof shows an FPO "
                         "placeholder; print and the archive refuse to build")
        items: list[Item] = [Image(str(file), frame, frame, (0, 0), missing=True, where=where,
                                   placeholder=_placeholder(ctx, region, pic.file, frame))]
    else:
        _note_reshaped(ctx, region, info, crop, width, path)
        mode, problems = _judged_cut(ctx, region, info, mode, crop, frame, path, where)
        items = [_placed(ctx, info, mode, crop, frame, path, where)]
    y = frame.y - GAP * ctx.unit
    for style, line, flush_right in text:
        baseline = y - (style.leading - line.size) / 2 - ASCENT * line.size
        items += ctx.draw_line(line, width - line.width - line.start if flush_right else 0.0,
                               baseline)
        y -= style.leading
    # the white beside a short caption or credit is theirs, as beside a head: not a hole
    band = (Box(0.0, -frame_h - below, width, below),) if text else ()
    return Frame(width, height, tuple(items), reserved=band, problems=problems)


class CutError(SpreadError):
    """A picture its frame would cut beyond the layout's bound."""

    exit_code = 1


def _judged_cut(ctx: Context, region: Region, info: images.Info, mode: str, crop,
                frame: Box, path: str, where: Location) -> tuple[str, tuple[Problem, ...]]:
    """How the picture is placed, and the problem its cut makes: covering the frame (fill,
    crop) cuts what lies outside it — more than NOTED_CUT of the picture is noted with its
    sides; more than the region's `most_cut` is letterboxed (with `letterbox`) or refused."""
    if mode == "fit":
        return mode, ()
    left, top, right, bottom = crop
    shown_w = info.pixels[0] * (right - left)
    shown_h = info.pixels[1] * (bottom - top)
    picture, box = shown_w / shown_h, frame.width / frame.height
    # covering, the frame keeps the part of the picture in its own proportions
    across, down = (box / picture, 1.0) if picture > box else (1.0, picture / box)
    cut = 1 - across * down
    if cut <= NOTED_CUT:
        return mode, ()
    sides = (f"its left and right {(1 - across) / 2:.0%} each" if across < 1 else
             f"its top and bottom {(1 - down) / 2:.0%} each")
    said = (f"{path}: the picture {info.path.name} ({picture:.2f}:1) covering its "
            f"{box:.2f}:1 frame ({place(region)}) loses {cut:.0%} of itself, {sides}")
    most = float(option(region, "most_cut", 0.5))
    if cut <= most:
        ctx.notes.append(said)
        return mode, ()
    if option(region, "letterbox", False):
        ctx.notes.append(said.replace(" loses", " would lose") +
                         "; shown whole, letterboxed in its frame")
        return "fit", ()
    opened = ""
    if picture < box and option(region, "aspect", None) is not None:
        opened = (f", and its frame, re-shaped toward it, opens no taller than "
                  f"{box:.2f}:1 here: a picture that shape is too far from the frame's")
    error = CutError(
        f"{said}; the layout lets it lose at most {most:.0%}{opened}", where,
        hint=f"give a picture nearer the frame's {box:.2f}:1 (a {picture:.2f}:1 picture "
             "keeps its middle only), or let the layout's picture region show it whole "
             "(letterbox: true) or cut more (most_cut)")
    return mode, (Problem(error, region_name(region), frame, amount=f"{cut:.0%} cut",
                          item=path),)


def _note_reshaped(ctx: Context, region: Region, info: images.Info, crop, width: float,
                   path: str) -> None:
    """Says where a frame was re-shaped toward its picture (_reshaped): its proportions
    were the layout's `aspect`."""
    aspect = option(region, "aspect", None)
    if aspect is None or option(region, "height", None) is not None:
        return
    layout = _aspect(region, aspect)
    base = width / layout
    reshaped = _reshaped(region, info, crop, width, base, base * _grow(region))
    if reshaped > base + 0.01:
        ctx.notes.append(
            f"{path}: the picture {info.path.name} ({info.pixels[0] / info.pixels[1]:.2f}:1) "
            f"would lose more than {float(option(region, 'most_cut', 0.5)):.0%} of itself "
            f"covering the layout's {layout:.2f}:1 frame ({place(region)}): the frame is "
            f"re-shaped toward it, {width / reshaped:.2f}:1 at least")


def _mode(region: Region) -> tuple[str, tuple[float, float, float, float]]:
    mode = option(region, "fit", "fit")
    if mode not in MODES:
        raise InputError(f"unknown picture fit '{mode}'", region.where,
                         hint="fit: fit (whole picture), fill (cover the frame) or crop")
    crop = option(region, "crop", [0, 0, 1, 1]) if mode == "crop" else [0, 0, 1, 1]
    try:
        left, top, right, bottom = (float(v) for v in crop)
    except (TypeError, ValueError):
        left = top = right = bottom = -1.0
    if not (0 <= left < right <= 1 and 0 <= top < bottom <= 1):
        raise InputError(f"crop {crop} is not a part of the picture", region.where,
                         hint="crop: [left, top, right, bottom] in fractions 0–1 from the top "
                              "left, e.g. [0.1, 0, 0.9, 1]")
    return mode, (left, top, right, bottom)


def _source(ctx: Context, region: Region, pic: Picture, where: Location
            ) -> tuple[images.Info | None, Path]:
    """The picture file's facts, or None with its path when the file is not there."""
    base = Path(ctx.content.where.file).parent if ctx.content.where else Path(".")
    beside_layout = Path(ctx.layout.where.file).parent if ctx.layout.where else Path(".")
    folders = tuple(beside_layout / f for f in option(region, "folders", []))
    file = images.locate(pic.file, base, folders, where)
    if not file.exists():
        return None, file
    return images.inspect(file, where), file


def _frame_height(ctx: Context, region: Region, info, crop, width: float,
                  height: float | None, below: float) -> float:
    """The frame as the layout sizes it, else in the picture's proportions; never taller
    than the row leaves above the caption."""
    fixed = option(region, "height", None)
    aspect = option(region, "aspect", None)
    if fixed is not None:
        wanted = _length(region, fixed, ctx.unit)
    elif aspect is not None:
        wanted = width / _aspect(region, aspect)
    elif info is None:
        wanted = width / MISSING_ASPECT
    else:
        left, top, right, bottom = crop
        wanted = width * info.pixels[1] * (bottom - top) / (info.pixels[0] * (right - left))
    bound = wanted * _grow(region)  # the tallest the layout lets the frame open
    if fixed is None and aspect is not None and info is not None:
        wanted = _reshaped(region, info, crop, width, wanted, bound)
    if height is None:
        return wanted
    room = height - below
    if room <= 0 or (fixed is not None and wanted > room + 0.01):
        raise OversetError(f"the picture region '{region.content}' ({place(region)}) "
                           f"needs {(wanted + below) / 2.835:.1f} mm; its row gives "
                           f"{max(height, 0.0) / 2.835:.1f} mm", region.where,
                           hint="give the row more height or the picture a smaller one")
    grown = min(room, max(wanted, bound))
    if grown < room - 0.01 and ctx.grid is not None:  # stop on a grid line, never below wanted
        grown = max(wanted, flow.grid_down(grown + below, ctx.grid) - below)
    return min(max(wanted, grown), room)


def _reshaped(region: Region, info: images.Info, crop, width: float, wanted: float,
              bound: float) -> float:
    """The frame's height re-shaped toward its picture: a picture narrower than the
    layout's frame (a square or upright photo in a landscape frame) that covering the frame
    would cut by more than `most_cut` gets a taller frame — the least that keeps the cut
    within the bound, at most the height the region's `grow` lets the frame open to. A
    picture even that frame would cut too far is left to _judged_cut (refused or
    letterboxed, saying why)."""
    left, top, right, bottom = crop
    picture = info.pixels[0] * (right - left) / (info.pixels[1] * (bottom - top))
    most = float(option(region, "most_cut", 0.5))
    if picture >= width / wanted or not 0 <= most < 1:
        return wanted  # a wider picture loses its sides: a taller frame would cut more
    least = width * (1 - most) / picture  # covering, the cut is 1 - picture / frame
    return min(max(wanted, least * 1.0001), max(wanted, bound))


def _grow(region: Region) -> float:
    """How far the frame may grow: the region's `grow` factor (1: not at all)."""
    return grow_factor(region, 1.0, "picture",
                       "grow: 1.5 lets the frame grow to one and a half times its height")


def _length(region: Region, value, unit: float) -> float:
    try:
        return Length.parse(value).pt(unit)
    except ValueError as exc:
        raise InputError(f"picture height: {exc}", region.where) from None


def _aspect(region: Region, value) -> float:
    ratio = template.ratio(value)
    if ratio <= 0:
        raise InputError(f"aspect '{value}' is not a width-to-height ratio", region.where,
                         hint="aspect: 1.5 or aspect: \"3:2\"")
    return ratio


def _placed(ctx: Context, info: images.Info, mode: str, crop, frame: Box, path: str,
            where: Location) -> Image:
    """The whole picture placed so the part that shows fits (fit) or covers (fill, crop)
    the frame, centred; clipped to what shows of it inside the frame."""
    pw, ph = info.pixels
    left, top, right, bottom = crop
    visible_w, visible_h = pw * (right - left), ph * (bottom - top)
    pick = min if mode == "fit" else max
    scale = pick(frame.width / visible_w, frame.height / visible_h)  # pt per pixel
    centre_x = frame.x + frame.width / 2
    centre_y = frame.y + frame.height / 2
    box_x = centre_x - (left + right) / 2 * pw * scale
    box_top = centre_y + (top + bottom) / 2 * ph * scale
    box = Box(box_x, box_top - ph * scale, pw * scale, ph * scale)
    limit = ctx.layout.output.limits.image_ppi
    image = Image(str(info.path), box, _intersection(box, frame), info.pixels,
                  profile=_profile(ctx), min_ppi=limit, where=where)
    if not image.sharp:
        ctx.notes.append(f"{path}: the picture {info.path.name} is "
                         f"{image.short_of_print()[0]}: print refuses it")
    return image


def _intersection(a: Box, b: Box) -> Box:
    x, y = max(a.x, b.x), max(a.y, b.y)
    return Box(x, y, min(a.right, b.right) - x, min(a.top, b.top) - y)


def _profile(ctx: Context) -> str:
    """The printer's profile, resolved as the PDF/X output intent resolves it."""
    name = ctx.layout.output.profile
    if not name:
        return ""
    base = Path(ctx.layout.where.file).parent if ctx.layout.where else Path(".")
    return os.path.realpath(base / name)  # as pdfx resolves it, a loop of links too


# -- caption and credit -----------------------------------------------------------------

def _credit(region: Region) -> str:
    return option(region, "credit_style", "credit")


def _text_lines(ctx: Context, region: Region, pic: Picture, width: float, path: str
                ) -> list[tuple[TextStyle, Line, bool]]:
    """The credit's lines (flush right), then the caption's, each with its style."""
    out = []
    for text, name, part in ((pic.credit, _credit(region), "credit"),
                             (pic.caption, option(region, "caption_style", "caption"),
                              "caption")):
        if text:
            style = _style(ctx, region, name)
            runs = ctx.runs(text, style, f"{path}.{part}")
            out += [(style, line, part == "credit") for line in ctx.compose(runs, style, width)]
    return out


def _style(ctx: Context, region: Region, name: str, size_factor: float = 1.0) -> TextStyle:
    if name not in ctx.layout.styles:
        raise InputError(f"the picture region uses style '{name}', which the layout does "
                         "not define", region.where,
                         hint="add it under styles:, e.g. caption: {font: kai, size: 五号}")
    return ctx.style(name, size_factor)


# -- gallery: a photo page's pictures in rows ------------------------------------------------

GALLERY_ACROSS = 3  # photos a row may hold, by default
LEAST_WIDTH = 0.15  # of the region's width: the narrowest a photo is set
# what photos of unlike sizes cost, per unit of the variance of their areas' logarithms: two
# photos one twice the other's area weigh as a tenth of a photo cut off
UNEVEN = 0.8


def gallery(ctx: Context, region: Region, width, height) -> Frame:
    """画说: a list of pictures (`content: pictures`) in rows across the region, in their
    order, every photo of a row one height and as wide as its proportions ask — a portrait
    narrow, a landscape wide — so none is cut to another's shape; the rows are broken where
    the photos lose least when the rows fill the region's height. A photo that would be
    narrower than LEAST_WIDTH of the region beside a wide one (a portrait beside a
    panorama) is widened to it and its neighbours narrowed, each cut within `most_cut`, so
    it shares their row rather than standing alone across the page. A row's frames open or
    close to fill the region's height as far as `most_cut` allows; height beyond that is
    left white between the rows, which the make-up report and the page's slack name. Each
    photo is set as a picture region (its caption and credit under it) with the region's
    picture options; `across` (3) photos at most a row."""
    base = region.content or "pictures"
    pics = resolve(ctx, base)
    if not isinstance(pics, list) or not all(isinstance(p, Picture) for p in pics):
        raise InputError(f"a gallery region shows a list of pictures; '{base}' is not one",
                         region.where, hint="content: pictures")
    if not pics:
        return Frame(width, height or 0.0)
    gutter = ctx.layout.grid.gutter.pt(ctx.unit)
    keep = 1 - float(option(region, "most_cut", 0.5))  # the least share of a photo shown
    cells = [_cell(ctx, region, base, i) for i in range(len(pics))]
    across = int(option(region, "across", GALLERY_ACROSS))
    rows = [_row(ctx, cells, run, width, gutter, keep)
            for run in _runs(len(pics), max(1, across))]
    rows = [r for r in rows if r is not None]
    _refuse_countless(ctx, region, base, rows, len(pics), across)
    arrangements = _arrangements(rows, len(pics))
    if height is None:  # no height given: the least its photos can be set in
        height = min(_depth(a, [_least(a, keep)] * len(a), gutter) for a in arrangements)
    best = min(arrangements, key=lambda a: _weight(a, height, gutter, keep))
    return _set_gallery(ctx, best, width, height, gutter, keep)


def _cell(ctx: Context, region: Region, base: str, i: int) -> Region:
    """The picture region a gallery sets photo i by: the gallery's picture options, the
    photo covering its frame."""
    options = {k: v for k, v in region.options.items() if k != "across"}
    options.setdefault("fit", "fill")
    return replace(region, kind="picture", content=f"{base}[{i}]", options=options)


def _runs(n: int, across: int) -> list[tuple[int, int]]:
    """Every run of consecutive photos a row may hold: (first, end)."""
    return [(i, j) for i in range(n) for j in range(i + 1, min(n, i + across) + 1)]


@dataclass(frozen=True)
class _GalleryCell:
    """A photo of a row: its region, its frame's width, and at the row's natural height
    its frame's proportions over its own (`ratio`: 1 uncut, above 1 a frame wider than the
    photo, below 1 a narrower one) and how far its frame may open before the photo falls
    below the layout's least resolution (`sharp`)."""

    region: Region
    width: float
    ratio: float
    sharp: float

    def cut(self, opening: float) -> float:
        """The share of the photo its frame cuts off with the row's frames `opening` times
        their natural height."""
        if opening <= 0:
            return 1.0
        return 1 - min(self.ratio / opening, opening / self.ratio)


@dataclass(frozen=True)
class _GalleryRow:
    """A run of photos set side by side: its cells, the row's frame height at which its
    photos lose least (`natural`), and the depth of its captions under them."""

    first: int
    end: int
    cells: tuple[_GalleryCell, ...]
    natural: float
    below: float

    def bounds(self, keep: float) -> tuple[float, float]:
        """How far the row's frames may close and open, each photo keeping `keep` of
        itself."""
        return (max(c.ratio for c in self.cells) * keep,
                min(c.ratio for c in self.cells) / keep)


def _row(ctx: Context, cells: list[Region], run: tuple[int, int], width: float,
         gutter: float, keep: float) -> _GalleryRow | None:
    """Photos first..end-1 side by side across `width`, as wide as their proportions ask;
    one narrower than LEAST_WIDTH of the region is widened to it, the others narrowed
    alike (their frames cutting their sides, its frame its top and bottom), the row's
    height then the one that cuts least. None when that cuts one past `keep`."""
    first, end = run
    sizes = [_pixels(ctx, cells[i]) for i in range(first, end)]
    aspects = [_proportions(size) for size in sizes]
    room = width - gutter * (end - first - 1)
    if room <= 0:
        return None
    natural = room / sum(aspects)
    widths = _widened([natural * a for a in aspects], LEAST_WIDTH * width, room)
    ratios = [w / (natural * a) for w, a in zip(widths, aspects)]
    middle = math.sqrt(max(ratios) * min(ratios))  # the height cutting the row least
    ratios = [r / middle for r in ratios]
    if max(ratios) > 1 / keep + 1e-9:
        return None
    below = max(_below(ctx, cells[i], w) for i, w in zip(range(first, end), widths))
    # the widest each may be set at the layout's least resolution (a missing one: any)
    widest = [w * 72 / ctx.layout.output.limits.image_ppi if w else math.inf
              for w, _ in sizes]
    return _GalleryRow(first, end, tuple(
        _GalleryCell(cells[first + k], widths[k], ratios[k], widest[k] / widths[k])
        for k in range(end - first)), natural * middle, below)


def _widened(widths: list[float], least: float, room: float) -> list[float]:
    """A row's widths with none under `least`: those under it set to it, the rest
    narrowed in proportion to what they were to keep the row's width."""
    if len(widths) < 2 or min(widths) >= least - 0.01:
        return widths
    fixed = [False] * len(widths)
    while True:
        short = [i for i, w in enumerate(widths) if not fixed[i] and w < least - 0.01]
        if not short:
            return widths
        for i in short:
            fixed[i] = True
        free = [i for i in range(len(widths)) if not fixed[i]]
        if not free:
            return widths
        left = room - least * (len(widths) - len(free))
        scale = left / sum(widths[i] for i in free)
        widths = [least if fixed[i] else w * scale for i, w in enumerate(widths)]


def _pixels(ctx: Context, cell: Region) -> tuple[float, float]:
    """A photo's size in pixels; a missing one's (0, 0): any resolution, its frame
    MISSING_ASPECT (`_proportions`)."""
    pic = ctx.content.at(cell.content)
    info, _ = _source(ctx, cell, pic, ctx.content.location(f"{cell.content}.file"))
    return info.pixels if info is not None else (0.0, 0.0)


def _proportions(pixels: tuple[float, float]) -> float:
    """A photo's width over its height; a missing photo's frame's (its proof placeholder)."""
    w, h = pixels
    return w / h if w and h else MISSING_ASPECT


def _below(ctx: Context, cell: Region, width: float) -> float:
    """How deep a photo's credit and caption are under it at `width`."""
    text = _text_lines(ctx, cell, ctx.content.at(cell.content), width, cell.content)
    return sum(style.leading for style, _, _ in text) + (GAP * ctx.unit if text else 0.0)


MOST_ARRANGEMENTS = 20_000  # ways of breaking a gallery into rows that it weighs (20 photos, 3 a row; 16, 4 a row)


def _ways(firsts: list[tuple[int, int]], n: int) -> int:
    """How many ways the runs (first, end) set n photos as consecutive rows."""
    ways = [0] * n + [1]
    for first, end in sorted(firsts, reverse=True):
        ways[first] += ways[end]
    return ways[0]


def _refuse_countless(ctx: Context, region: Region, base: str, rows: list[_GalleryRow],
                      n: int, across: int) -> None:
    """Every way of breaking the photos into rows is weighed: their number grows three times
    over with every two photos (60 photos, 3 a row: 4.7 × 10¹⁵ ways — a build that never
    ends). Past MOST_ARRANGEMENTS the gallery is refused, saying how many it takes."""
    count = _ways([(r.first, r.end) for r in rows], n)
    if count <= MOST_ARRANGEMENTS:
        return
    most = max(k for k in range(1, n + 1)
               if _ways(_runs(k, max(1, across)), k) <= MOST_ARRANGEMENTS)
    raise InputError(f"the gallery region ({place(region)}) is given {n} photos: it weighs "
                     f"every way of setting them in rows of up to {across}, and {n} make "
                     f"{count:,} ways; it sets {most} photos at most",
                     ctx.content.location(f"{base}[{most}]"),
                     hint=f"leave out {n - most} of them, or set the rest in a region of "
                          "their own")


def _arrangements(rows: list[_GalleryRow], n: int) -> list[tuple[_GalleryRow, ...]]:
    """Every way of setting the n photos as consecutive rows."""
    starting: dict[int, list[_GalleryRow]] = {}
    for row in rows:
        starting.setdefault(row.first, []).append(row)
    out: list[tuple[_GalleryRow, ...]] = []

    def extend(i: int, made: tuple[_GalleryRow, ...]) -> None:
        if i == n:
            out.append(made)
        for row in starting.get(i, []):
            extend(row.end, made + (row,))

    extend(0, ())
    return out


def _least(rows: tuple[_GalleryRow, ...], keep: float) -> float:
    """How far the rows' frames may close, every photo keeping `keep` of itself."""
    return max(r.bounds(keep)[0] for r in rows)


def _most(row: _GalleryRow, keep: float) -> float:
    """How far a row's frames may open, every photo keeping `keep` of itself and, grown
    to cover its frame, the layout's least resolution (a photo short of it at its natural
    size is blurred whatever its frame: _weight weighs that)."""
    return min(row.bounds(keep)[1], min(c.ratio * max(1.0, c.sharp) for c in row.cells))


def _depth(rows: tuple[_GalleryRow, ...], openings, gutter: float) -> float:
    """How tall the rows stand with their frames `openings` times their natural heights."""
    return (sum(r.natural * o + r.below for r, o in zip(rows, openings))
            + gutter * (len(rows) - 1))


def _openings(rows: tuple[_GalleryRow, ...], height: float, gutter: float,
              keep: float) -> list[float]:
    """How far each row's frames open (or close) to fill `height`: the same for every row,
    but a row that may open no further stays at its most and the others open on to take
    its share (a row of panoramas no longer holds a row of portraits back), so white is
    left only where every row is at its most."""
    room = max(0.0, height - _depth(rows, [0.0] * len(rows), gutter))
    most = [_most(r, keep) for r in rows]
    at_most: set[int] = set()
    while True:
        free = [i for i in range(len(rows)) if i not in at_most]
        if not free:
            return most
        taken = sum(rows[i].natural * most[i] for i in at_most)
        opening = max(0.0, room - taken) / sum(rows[i].natural for i in free)
        over = [i for i in free if most[i] < opening]
        if not over:
            return [most[i] if i in at_most else opening for i in range(len(rows))]
        at_most.update(over)


def _weight(rows: tuple[_GalleryRow, ...], height: float, gutter: float,
            keep: float) -> tuple:
    """What an arrangement costs at `height`: twice the share of it left white (frames
    that would show less than `keep` of their photos), and what its photos lose to their
    frames on average — half for a cut up to the fifth that is noted, all past it — and how
    unlike the photos' sizes are (UNEVEN: a row of four small photos under rows of two large
    ones reads as leftovers), and an
    arrangement that cuts a photo past `keep` or sets one wider than its pixels hold at
    the layout's least resolution is out; then more rows."""
    openings = _openings(rows, height, gutter, keep)
    white = max(0.0, height - _depth(rows, openings, gutter)) / height
    cells = [(c, o) for r, o in zip(rows, openings) for c in r.cells]
    cuts = [c.cut(o) for c, o in cells]
    lost = sum(c / 2 + max(0.0, c - NOTED_CUT) for c in cuts) / len(cells)
    blurred = any(max(1.0, o / c.ratio) > c.sharp + 1e-6 for c, o in cells)
    sizes = [math.log(c.width * r.natural) for r in rows for c in r.cells]
    mean = sum(sizes) / len(sizes)
    uneven = sum((s - mean) ** 2 for s in sizes) / len(sizes)
    return (2 * white + lost + UNEVEN * uneven + (10.0 if blurred else 0.0)
            + (10.0 if max(cuts) > 1 - keep + 1e-6 else 0.0), len(rows))


def _set_gallery(ctx: Context, rows: tuple[_GalleryRow, ...], width: float, height: float,
                 gutter: float, keep: float) -> Frame:
    """The rows set down the frame, each photo by the picture kind at its frame's height;
    white the frames cannot take shared evenly between the rows (below a single one)."""
    openings = _openings(rows, height, gutter, keep)
    spare = max(0.0, height - _depth(rows, openings, gutter))
    between = spare / (len(rows) - 1) if len(rows) > 1 else 0.0
    items: list[Item] = []
    problems: list = []
    top = 0.0
    for row, opening in zip(rows, openings):
        frame_h = row.natural * opening
        x = 0.0
        for cell in row.cells:
            region = replace(cell.region, options={**cell.region.options,
                                                   "aspect": cell.width / frame_h})
            set_ = picture(ctx, region, cell.width, frame_h + row.below).placed(x, top)
            items += set_.items
            problems += set_.problems
            x += cell.width + gutter
        top -= frame_h + row.below + gutter + between
    return Frame(width, height, tuple(items), problems=tuple(problems))


# -- FPO -----------------------------------------------------------------------------------

def _placeholder(ctx: Context, region: Region, name: str, frame: Box) -> tuple[Item, ...]:
    """For the proof: a grey box crossed corner to corner, saying FPO and the file wanted."""
    rule = ctx.layout.output.limits.rule.pt()  # the thinnest the press holds: preflight passes
    items: list[Item] = [Rect(frame, fill=FPO_FILL, stroke=FPO_INK, line_width=rule),
                         Rule(frame.x, frame.y, frame.right, frame.top, FPO_INK, rule),
                         Rule(frame.x, frame.top, frame.right, frame.y, FPO_INK, rule)]
    style = _label_style(ctx, region)
    label = f"FPO {name}"
    missing = set(ctx.fonts.missing(style.style.font, label))
    label = "".join("?" if ch in missing else ch for ch in label)  # a name no font draws
    pad = style.style.size
    lines = ctx.compose(ctx.runs(label, style, region.content), style,
                        max(frame.width - 4 * pad, pad), 0.0)
    y = frame.y + (frame.height + len(lines) * style.leading) / 2
    wide = max(line.width for line in lines) + 2 * pad
    items.append(Rect(Box(frame.x + (frame.width - wide) / 2, y - len(lines) * style.leading,
                          wide, len(lines) * style.leading), fill=FPO_PAPER))
    for line in lines:
        baseline = y - (style.leading - line.size) / 2 - ASCENT * line.size
        items += ctx.draw_line(line, frame.x + (frame.width - line.width) / 2 - line.start,
                               baseline)
        y -= style.leading
    return tuple(items)


def _label_style(ctx: Context, region: Region) -> TextStyle:
    names = (region.style, _credit(region), option(region, "caption_style", "caption"), "body")
    name = next((n for n in names if n and n in ctx.layout.styles), _credit(region))
    return _style(ctx, region, name, FPO_SIZE)
