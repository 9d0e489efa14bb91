"""The content-stream interpreter: runs a page's content (and the forms it draws) with the
graphics state a RIP tracks — CTM, colours, overprint, clip bounds, text matrices — and turns
each painting operator into a `Paint`: what is painted, in which inks, with which overprint,
covering which shape. Rules judge the paints; the `Sheet` keeps them, so later paints can
ask what ink lies beneath.

Every operator is counted against the bounds of `spread.check.reading`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from decimal import Decimal

import pikepdf

from spread.check.preflight.colour import CMYK, GRAY, RGB, Space, resolve_space
from spread.check.preflight.geometry import IDENTITY, Box, Matrix, apply, area_scale, bbox, \
    intersect, mul
from spread.check.preflight.shapes import Shape, flatten_cubic
from spread.check.fontprogram import FontInfo, font_info
from spread.check.reading import MAX_FORM_DEPTH


@dataclass
class GState:
    ctm: Matrix = IDENTITY
    fill_space: Space = GRAY
    stroke_space: Space = GRAY
    fill: dict[str, float] | None = field(default_factory=lambda: {"K": 1.0})
    stroke: dict[str, float] | None = field(default_factory=lambda: {"K": 1.0})
    op: bool = False
    OP: bool = False
    opm: int = 0
    line_width: float = 1.0
    font: FontInfo | None = None
    size: float = 0.0
    char_space: float = 0.0
    word_space: float = 0.0
    scale: float = 1.0
    leading: float = 0.0
    rise: float = 0.0
    render: int = 0
    clip: Box | None = None

    def copy(self) -> "GState":
        return replace(self)


@dataclass
class Paint:
    """One painting operator's mark: its kind (fill, stroke, text, image, mask), its inks
    (None: no ink space), the inks it replaces under overprint (None: it knocks out all),
    its bounds (a stroke: one box a segment) and, for the ink rules, its exact shape."""

    kind: str
    ink: dict[str, float] | None
    space: Space
    overprint: bool
    painted: frozenset | None
    boxes: list[Box]
    shape: Shape
    clip: Box | None = None
    exact: bool = False  # the bounds are the painted shape (an upright rectangle fill)
    size: float = 0.0  # text: the type size on the page
    width: float = 0.0  # a stroke's width on the page
    name: str = ""  # an image's resource name
    image: object = None  # an image XObject
    pixels: tuple[int, int] = (0, 0)  # an image's width and height in pixels
    ctm: Matrix = IDENTITY
    parts: list[Shape] | None = None  # a stroke: one shape a segment, beside `boxes`
    _where: Box | None = field(default=None, repr=False)

    @property
    def where(self) -> Box | None:
        if self._where is None:
            self._where = bbox(p for b in self.boxes for p in (b[:2], b[2:]))
        return self._where


def painted_inks(space: Space, ink: dict[str, float] | None, overprint: bool, opm: int
                 ) -> frozenset | None:
    """The inks a paint replaces under overprint, or None when it knocks out all (PDF 8.6.7:
    OPM 1 spares the zero components of DeviceCMYK only; Separation and DeviceN paint their
    own colorants; other spaces paint every process ink)."""
    if not overprint or ink is None:
        return None
    if space is CMYK or space.gray:
        if opm == 1 and space is CMYK:
            return frozenset(k for k, v in ink.items() if v > 0)
        return None
    return frozenset(ink)


_GRAPHICS = {"q", "Q", "cm", "w", "gs"}
_COLOUR = {"CS", "cs", "SC", "SCN", "sc", "scn", "G", "g", "K", "k", "RG", "rg"}
_PATH = {"m", "l", "c", "v", "y", "h", "re", "W", "W*"}
_PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"}
_TEXT_STATE = {"Tc": "char_space", "Tw": "word_space", "TL": "leading", "Ts": "rise"}
_TEXT = {"BT", "Tf", "Tz", "Tr", "Td", "TD", "Tm", "T*", "Tj", "TJ", "'", '"', *_TEXT_STATE}
_OBJECTS = {"Do", "sh", "INLINE IMAGE"}
_ARITY = {"cm": 6, "re": 4, "m": 2, "l": 2, "c": 6, "v": 4, "y": 4, "Td": 2, "TD": 2,
          "Tm": 6, "w": 1, "Tz": 1, "Tr": 1, "Tf": 2, "gs": 1, "CS": 1, "cs": 1, "Do": 1,
          "sh": 1, "'": 1, '"': 3, "Tj": 1, "TJ": 1, **{k: 1 for k in _TEXT_STATE}}


@dataclass
class _Cursor:
    """Where interpretation of one content stream stands."""

    gs: GState
    resources: object
    depth: int
    stack: list[GState] = field(default_factory=list)
    subpaths: list[list[list[tuple]]] = field(default_factory=list)  # of segments of points
    here: tuple[float, float] = (0.0, 0.0)  # the current point
    rectangles: bool = True  # the path so far is made of `re` only
    clipping: bool = False  # W seen: the path clips once painted
    evenodd: bool = False
    tm: Matrix = IDENTITY
    tlm: Matrix = IDENTITY


class Interpreter:
    """Runs content and hands every paint, colour choice and object drawn to `events`
    (the page's rules): `paint(Paint)`, `colour(op, Space, label)`, `inline_image(dict,
    GState)`, `postscript()` (the PS operator)."""

    def __init__(self, source, number: int, events):
        self.source = source
        self.number = number
        self.events = events
        self.fonts: dict[tuple, FontInfo | None] = {}

    def run(self, obj, resources, gs: GState, depth: int = 0) -> None:
        if depth > MAX_FORM_DEPTH:  # forms drawing themselves: a broken file, not a hang
            return
        at = _Cursor(gs, resources, depth)
        handlers = ((_GRAPHICS, self.graphics_op), (_COLOUR, self.colour_op),
                    (_PATH, self.path_op), (_PAINT, self.paint_op), (_TEXT, self.text_op),
                    (_OBJECTS, self.object_op))
        for operands, op in self.source.instructions(obj, self.number):
            if op == "PS":  # PostScript for the RIP alone: no reader, and no rule, sees it
                self.events.postscript()
                continue
            if len(operands) < _ARITY.get(op, 0):
                continue  # a malformed operator: viewers skip it, so does the check
            for ops, handler in handlers:
                if op in ops:
                    handler(op, operands, at)
                    break

    # -- graphics state

    def graphics_op(self, op: str, args, at: _Cursor) -> None:
        gs = at.gs
        if op == "q":
            at.stack.append(gs.copy())
        elif op == "Q":
            at.gs = at.stack.pop() if at.stack else gs
        elif op == "cm":
            gs.ctm = mul(_matrix(args), gs.ctm)
        elif op == "w":
            gs.line_width = _number(args[0])
        else:
            self.ext_gstate(at.resources, args[0], gs)

    def ext_gstate(self, resources, name, gs: GState) -> None:
        d = _resource(resources, "/ExtGState", name)
        if not isinstance(d, pikepdf.Dictionary):
            return
        if "/OP" in d:
            gs.OP = bool(d.OP)
            if "/op" not in d:
                gs.op = gs.OP  # OP alone sets both overprint parameters
        if "/op" in d:
            gs.op = bool(d.op)
        if "/OPM" in d:
            gs.opm = int(d.OPM)
        if "/LW" in d:
            gs.line_width = _number(d.LW)

    def colour_op(self, op: str, args, at: _Cursor) -> None:
        gs = at.gs
        stroking = op.isupper()
        if op in ("CS", "cs"):
            space = resolve_space(args[0], at.resources)
            self.events.colour(op, space, f"(set by '{op}')")
            _set_colour(gs, stroking, space, space.initial())
        elif op in ("SC", "SCN", "sc", "scn"):
            space = gs.stroke_space if stroking else gs.fill_space
            _set_colour(gs, stroking, space, space.colour(_numbers(args)))
        else:
            space = {"g": GRAY, "k": CMYK, "rg": RGB}[op.lower()]
            self.events.colour(op, space, "operator")
            _set_colour(gs, stroking, space, space.colour(_numbers(args)))

    # -- paths

    def path_op(self, op: str, args, at: _Cursor) -> None:
        ctm = at.gs.ctm
        if op in ("W", "W*"):
            at.clipping, at.evenodd = True, op == "W*"
            return
        nums = _numbers(args)
        if op == "re":
            x, y, w, h = nums[:4]
            corners = [apply(ctm, px, py) for px, py in
                       ((x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y))]
            at.subpaths.append([[corners[i], corners[i + 1]] for i in range(4)])
            at.here = corners[0]
            return
        at.rectangles = False
        if op == "m":
            at.here = apply(ctm, nums[0], nums[1])
            at.subpaths.append([])
            return
        if not at.subpaths:
            at.subpaths.append([])
        if op == "h":
            subpath = at.subpaths[-1]
            if subpath:
                start = subpath[0][0]
                subpath.append([at.here, start])
                at.here = start
            return
        points = [apply(ctm, nums[i], nums[i + 1]) for i in range(0, len(nums) - 1, 2)]
        if op == "l":
            segment = [at.here, points[0]]
        elif op == "c":
            segment = flatten_cubic(at.here, *points[:3])
        elif op == "v":
            segment = flatten_cubic(at.here, at.here, *points[:2])
        else:  # y
            segment = flatten_cubic(at.here, points[0], points[1], points[1])
        at.subpaths[-1].append(segment)
        at.here = segment[-1]

    def paint_op(self, op: str, args, at: _Cursor) -> None:
        gs = at.gs
        segments = [s for subpath in at.subpaths for s in subpath]
        box = bbox(p for s in segments for p in s)
        if op != "n" and box is not None:
            strokes = op in ("S", "s", "B", "B*", "b", "b*")
            fills = op not in ("S", "s")
            polygons = [[p for s in sub for p in s] for sub in at.subpaths if sub]
            if fills:
                exact = at.rectangles and gs.ctm[1] == 0 and gs.ctm[2] == 0
                self.paint("fill", gs, [box], Shape.fill(polygons, op.endswith("*")), gs.fill,
                           gs.fill_space, gs.op, exact=exact)
            if strokes:
                width = gs.line_width * area_scale(gs.ctm)
                half = width / 2
                grown = [(b[0] - half, b[1] - half, b[2] + half, b[3] + half)
                         for b in (bbox(s) for s in segments)]
                self.paint("stroke", gs, grown, Shape.stroke(polygons, width), gs.stroke,
                           gs.stroke_space, gs.OP, width=width,
                           parts=[Shape.stroke([s], width) for s in segments])
        if at.clipping and box is not None:
            gs.clip = intersect(gs.clip, box) or (0.0, 0.0, 0.0, 0.0)
        at.subpaths, at.rectangles, at.clipping = [], True, False

    def paint(self, kind: str, gs: GState, boxes: list[Box], shape: Shape, ink, space: Space,
              overprint: bool, **more) -> None:
        parts = more.pop("parts", None) or [shape] * len(boxes)
        if gs.clip is not None:
            boxes = [intersect(b, gs.clip) for b in boxes]
        kept = [(b, s) for b, s in zip(boxes, parts) if b is not None]
        if not kept or ink is None:
            return
        boxes, more["parts"] = [b for b, _ in kept], [s for _, s in kept]
        self.events.paint(Paint(kind, ink, space, overprint,
                                painted_inks(space, ink, overprint, gs.opm), boxes, shape,
                                gs.clip, ctm=gs.ctm, **more))

    # -- text

    def text_op(self, op: str, args, at: _Cursor) -> None:
        gs = at.gs
        if op == "BT":
            at.tm = at.tlm = IDENTITY
        elif op == "Tf":
            gs.font, gs.size = self.font(at.resources, args[0]), _number(args[1])
        elif op in _TEXT_STATE:
            setattr(gs, _TEXT_STATE[op], _number(args[0]))
        elif op == "Tz":
            gs.scale = _number(args[0]) / 100
        elif op == "Tr":
            gs.render = int(_number(args[0]))
        elif op in ("Td", "TD"):
            tx, ty = _numbers(args)[:2]
            if op == "TD":
                gs.leading = -ty
            at.tm = at.tlm = mul((1, 0, 0, 1, tx, ty), at.tlm)
        elif op == "Tm":
            at.tm = at.tlm = _matrix(args)
        elif op == "T*":
            at.tm = at.tlm = mul((1, 0, 0, 1, 0, -gs.leading), at.tlm)
        else:  # Tj TJ ' "
            if op == '"':
                gs.word_space, gs.char_space = _number(args[0]), _number(args[1])
            if op in ("'", '"'):
                at.tm = at.tlm = mul((1, 0, 0, 1, 0, -gs.leading), at.tlm)
            items = args[0] if op == "TJ" else [args[-1]]
            if isinstance(items, pikepdf.Array) or op != "TJ":
                at.tm = self.show(gs, at.tm, items)

    def font(self, resources, name) -> FontInfo | None:
        font = _resource(resources, "/Font", name)
        if not isinstance(font, pikepdf.Dictionary):
            return None
        key = font.objgen if font.is_indirect else (id(font),)
        if key not in self.fonts:
            self.fonts[key] = font_info(font)
        return self.fonts[key]

    def show(self, gs: GState, tm: Matrix, items) -> Matrix:
        """Lay out shown strings glyph by glyph; paint them; return the advanced matrix."""
        info = gs.font
        if info is None or gs.size == 0:
            return tm
        advance = extent = 0.0  # extent: to the last glyph's advance, without its spacing
        glyphs: list[tuple[int, float]] = []  # code, its origin along the line (text space)
        step = 2 if info.two_byte else 1
        for item in items:
            if isinstance(item, pikepdf.String):
                data = bytes(item)
                for i in range(0, len(data) - step + 1, step):
                    code = int.from_bytes(data[i:i + step], "big")
                    glyphs.append((code, advance))
                    w = info.widths.get(code, info.default) * gs.size
                    extent = advance + w * gs.scale
                    w += gs.char_space + (gs.word_space if step == 1 and code == 32 else 0.0)
                    advance += w * gs.scale
            elif isinstance(item, _NUMBER):
                advance -= float(item) / 1000 * gs.size * gs.scale
        trm = mul(tm, gs.ctm)
        mode = gs.render % 4
        if glyphs and mode != 3:  # mode 3: invisible text (an OCR layer) prints nothing
            corners = [apply(trm, x, y + gs.rise) for x in (0.0, extent)
                       for y in (info.descent * gs.size, info.ascent * gs.size)]
            size = gs.size * math.hypot(trm[2], trm[3])
            shape = Shape.text(info, glyphs, (gs.size * gs.scale, gs.size, gs.rise), trm)
            stroking = mode == 1
            self.paint("text", gs, [bbox(corners)], shape,
                       gs.stroke if stroking else gs.fill,
                       gs.stroke_space if stroking else gs.fill_space,
                       gs.OP if stroking else gs.op, size=size)
        return mul((1, 0, 0, 1, advance, 0), tm)

    # -- images, forms, shadings

    def object_op(self, op: str, args, at: _Cursor) -> None:
        if op == "Do":
            self.do(at.resources, args[0], at.gs, at.depth)
        elif op == "sh":
            shading = _resource(at.resources, "/Shading", args[0])
            if isinstance(shading, pikepdf.Dictionary):
                space = resolve_space(shading.get("/ColorSpace"), at.resources)
                self.events.colour("sh", space, f"shading {args[0]}")
        else:
            self.events.inline_image(args[0], at.gs)

    def do(self, resources, name, gs: GState, depth: int) -> None:
        xobj = _resource(resources, "/XObject", name)
        if not isinstance(xobj, pikepdf.Stream):
            return
        subtype = str(xobj.get("/Subtype", ""))
        if subtype == "/Form":
            inner = gs.copy()
            inner.ctm = mul(_matrix(xobj.get("/Matrix", IDENTITY)), gs.ctm)
            if "/BBox" in xobj:
                b = _numbers(xobj.BBox)[:4]
                if len(b) == 4:
                    inner.clip = intersect(gs.clip, bbox(apply(inner.ctm, x, y)
                                                          for x in (b[0], b[2])
                                                          for y in (b[1], b[3])))
            self.run(xobj, xobj.get("/Resources", resources), inner, depth + 1)
        elif subtype == "/Image":
            self.image(xobj, str(name)[1:], resources, gs)

    def image(self, xobj, name: str, resources, gs: GState) -> None:
        corners = [apply(gs.ctm, x, y) for x, y in ((0, 0), (1, 0), (1, 1), (0, 1))]
        box = bbox(corners)
        pixels = (int(xobj.get("/Width", 0)), int(xobj.get("/Height", 0)))
        if bool(xobj.get("/ImageMask", False)):
            self.paint("mask", gs, [box], Shape.fill([corners], False), gs.fill,
                       gs.fill_space, gs.op, name=name, pixels=pixels)
            return
        space = resolve_space(xobj.get("/ColorSpace", pikepdf.Name.DeviceGray), resources)
        clipped = intersect(box, gs.clip) if gs.clip is not None else box
        self.events.paint(Paint("image", None, space, False, None,
                                [clipped] if clipped else [], Shape.fill([corners], False),
                                gs.clip, name=name, image=xobj, pixels=pixels, ctm=gs.ctm))


def _set_colour(gs: GState, stroking: bool, space: Space, colour) -> None:
    if stroking:
        gs.stroke_space, gs.stroke = space, colour
    else:
        gs.fill_space, gs.fill = space, colour


def _resource(resources, kind: str, name):
    if not isinstance(resources, pikepdf.Dictionary):
        return None
    group = resources.get(kind)
    return group.get(str(name)) if isinstance(group, pikepdf.Dictionary) else None


# a content operand that is a number (pikepdf reads reals as Decimal); asked by type, not by
# hasattr: a pikepdf name or string raises ValueError for any attribute it lacks, and a
# pattern's name in `/P0 scn` made a whole file «damaged»
_NUMBER = (int, float, Decimal)


def _number(value) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return 0.0
    return v if math.isfinite(v) else 0.0


def _numbers(args) -> list[float]:
    return [_number(a) for a in args if isinstance(a, _NUMBER)]


def _matrix(args) -> Matrix:
    nums = _numbers(args)
    return tuple(nums[:6]) if len(nums) >= 6 else IDENTITY
