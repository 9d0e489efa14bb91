"""spread's own preflight: re-reads a written PDF (never the page model) and checks the
PDF/X-1a:2001 rules of print.md §1 and the newsprint limits of the printing condition.

File structure comes from pikepdf; colours, type sizes, rule widths, overprint stacks and
image resolutions come from interpreting every content stream with the graphics state
(CTM, colours, overprint, text matrices) tracked as a RIP would.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, replace
from itertools import combinations
from pathlib import Path

import pikepdf
from PIL import ImageMath

from spread.errors import InputError, Location
from spread.output.pdfx import PDFX_CONFORMANCE, PDFX_VERSION, profile_problem
from spread.template import Limits, Output

INKS = ("C", "M", "Y", "K")
_COLORANTS = {"/Cyan": ("C",), "/Magenta": ("M",), "/Yellow": ("Y",), "/Black": ("K",),
              "/All": INKS, "/None": ()}
_PDF_DATE = re.compile(r"^D:\d{4}(\d{2}){0,5}")
_TOLERANCE = 0.01  # pt, for box nesting


# --- the report --------------------------------------------------------------------------

@dataclass(frozen=True)
class Issue:
    """One broken rule: its id, what is wrong, on which page (None: the file), how often."""

    rule: str
    message: str
    page: int | None = None
    count: int = 1
    where: tuple[float, ...] | None = None  # the first occurrence's bounds, pt

    def to_dict(self) -> dict:
        return {"rule": self.rule, "message": self.message, "page": self.page,
                "count": self.count, "where": list(self.where) if self.where else None}


@dataclass
class Report:
    """The preflight's findings for one file."""

    path: str
    limits: Limits
    pages: int = 0
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.issues

    def format(self) -> str:
        lim = self.limits
        head = (f"{self.path}: PDF/X-1a:2001 preflight, {self.pages} page(s); limits: total ink "
                f"{lim.total_ink:g}%, images {lim.image_ppi:g} ppi")
        if self.ok:
            return f"{head}\nok: every rule passed"
        lines = [head]
        for i in self.issues:
            where = f"page {i.page}" if i.page else "file"
            lines.append(f"  {where:8} {i.rule:15} {i.message}{_occurrences(i)}")
        lines.append(f"FAILED: {len(self.issues)} problem(s)")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"file": self.path, "ok": self.ok, "pages": self.pages,
                "issues": [i.to_dict() for i in self.issues]}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def _occurrences(issue: Issue) -> str:
    """' (×3, first at [x0 y0 x1 y1] pt)', ' (at …)', ' (×3)' or ''."""
    times = f"×{issue.count}" if issue.count > 1 else ""
    if issue.where:
        at = f"at {_fmt_box(issue.where)} pt"
        return f" ({times}, first {at})" if times else f" ({at})"
    return f" ({times})" if times else ""


class _Findings:
    """Issues in the order found, identical ones counted rather than repeated."""

    def __init__(self):
        self.counts: dict[tuple, int] = {}
        self.first: dict[tuple, tuple | None] = {}

    def add(self, rule: str, message: str, page: int | None = None, where=None) -> None:
        key = (rule, message, page)
        self.counts[key] = self.counts.get(key, 0) + 1
        self.first.setdefault(key, where)

    def issues(self) -> list[Issue]:
        return [Issue(r, m, p, n, self.first[(r, m, p)])
                for (r, m, p), n in self.counts.items()]


def unreadable(path, exc: Exception) -> InputError:
    """A file that is not a PDF pikepdf can read: the user's input, not a bug."""
    return InputError(f"{path} is not a readable PDF: {exc}", Location(str(path)),
                      hint="is it damaged, or cut short while being written?")


def check_pdf(path: str | Path, settings: Output | None = None) -> Report:
    """Check a written PDF against PDF/X-1a:2001 and the limits of `settings` (a layout's
    `output` section; the IFRA26 defaults when None)."""
    limits = (settings or Output()).limits
    report = Report(str(path), limits)
    found = _Findings()
    raw = Path(path).read_bytes()
    _check_bytes(raw, found)
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        found.add("encryption", "the file is encrypted; PDF/X forbids encryption")
        report.issues = found.issues()
        return report
    except pikepdf.PdfError as exc:
        raise unreadable(path, exc) from None
    with pdf:
        report.pages = len(pdf.pages)
        _check_document(pdf, found)
        for number, page in enumerate(pdf.pages, 1):
            _check_boxes(page, number, found)
            _check_page(page, number, limits, found)
    report.issues = found.issues()
    return report


# --- the file: header, xref, Info, ID, output intent, catalog ---------------------------

def _check_bytes(raw: bytes, found: _Findings) -> None:
    header = raw[:16].split(b"\n")[0].split(b"\r")[0].decode("latin-1")
    if not header.startswith("%PDF-1.3"):
        found.add("version", f"the header is {header!r}; PDF/X-1a:2001 needs %PDF-1.3")
    start = raw.rfind(b"startxref")
    offset = raw[start + 9:start + 40].split()[0] if start >= 0 else b""
    if not offset.isdigit() or raw[int(offset):int(offset) + 4] != b"xref":
        found.add("xref", "the cross-reference is a stream, not a PDF 1.3 xref table")
    if b"/ObjStm" in raw:
        found.add("object-streams", "the file uses object streams, which PDF 1.3 lacks")


def _check_document(pdf: pikepdf.Pdf, found: _Findings) -> None:
    if pdf.is_encrypted:
        found.add("encryption", "the file is encrypted; PDF/X forbids encryption")
    if "/Version" in pdf.Root and str(pdf.Root.Version) != "/1.3":
        found.add("version", f"the catalog declares version {pdf.Root.Version}")
    _check_info(pdf, found)
    ids = pdf.trailer.get("/ID")
    if not isinstance(ids, pikepdf.Array) or len(ids) != 2:
        found.add("id", "the trailer has no /ID")
    _check_intents(pdf, found)
    for key, rule, what in (("/OCProperties", "layers", "optional content (layers)"),
                            ("/OpenAction", "actions", "an open action"),
                            ("/AA", "actions", "additional actions")):
        if key in pdf.Root:
            found.add(rule, f"the catalog has {what}")
    if "/Names" in pdf.Root and "/JavaScript" in pdf.Root.Names:
        found.add("actions", "the file contains JavaScript")
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream):
            filters = obj.get("/Filter")
            names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) \
                else [str(filters)] if filters is not None else []
            if "/LZWDecode" in names:
                found.add("lzw", "a stream is LZW-compressed")
            if "/JPXDecode" in names:
                found.add("filter", "a stream is JPEG 2000 (JPXDecode), which PDF 1.3 lacks")


def _check_info(pdf: pikepdf.Pdf, found: _Findings) -> None:
    info = pdf.trailer.get("/Info", pikepdf.Dictionary())
    for key, want in (("/GTS_PDFXVersion", PDFX_VERSION),
                      ("/GTS_PDFXConformance", PDFX_CONFORMANCE)):
        value = str(info.get(key, ""))
        if value != want:
            found.add("info-gts", f"Info {key[1:]} is {repr(value) if value else 'missing'}"
                                  f", not {want!r}")
    if not str(info.get("/Title", "")).strip():
        found.add("info-title", "Info has no Title")
    for key in ("/CreationDate", "/ModDate"):
        if not _PDF_DATE.match(str(info.get(key, ""))):
            found.add("info-dates", f"Info {key[1:]} is missing or not a PDF date")
    trapped = info.get("/Trapped")
    if not isinstance(trapped, pikepdf.Name) or str(trapped) not in ("/True", "/False"):
        found.add("trapped", f"Info Trapped is {trapped or 'missing'}; PDF/X needs /True or "
                             "/False")


def _check_intents(pdf: pikepdf.Pdf, found: _Findings) -> None:
    intents = [i for i in pdf.Root.get("/OutputIntents", [])
               if str(i.get("/S", "")) == "/GTS_PDFX"]
    if len(intents) != 1:
        found.add("output-intent", f"the file has {len(intents)} GTS_PDFX output intents, "
                                   "PDF/X needs exactly one")
        return
    intent = intents[0]
    for key in ("/OutputConditionIdentifier", "/Info"):
        if not str(intent.get(key, "")):
            found.add("output-intent", f"the output intent has no {key[1:]}")
    if "/DestOutputProfile" in intent:
        problem = profile_problem(intent.DestOutputProfile.read_bytes())
        if problem:
            found.add("output-intent", f"the output intent's profile {problem}")
    elif not str(intent.get("/RegistryName", "")):
        found.add("output-intent", "the output intent names a condition without a "
                                   "RegistryName and embeds no profile")


def _check_boxes(page: pikepdf.Page, number: int, found: _Findings) -> None:
    media = [float(v) for v in page.mediabox]
    boxes = {"MediaBox": _norm(media)}
    for name in ("TrimBox", "BleedBox"):
        if f"/{name}" not in page.obj:
            found.add("boxes", f"the page has no {name}", number)
        else:
            boxes[name] = _norm([float(v) for v in page.obj[f"/{name}"]])
    for inner, outer in (("TrimBox", "BleedBox"), ("BleedBox", "MediaBox")):
        if inner in boxes and outer in boxes and not _inside(boxes[inner], boxes[outer]):
            found.add("boxes", f"the {inner} {_fmt_box(boxes[inner])} is not inside the "
                               f"{outer} {_fmt_box(boxes[outer])}", number)


def _norm(box: list[float]) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = box
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _inside(a, b, tol: float = _TOLERANCE) -> bool:
    return (a[0] >= b[0] - tol and a[1] >= b[1] - tol and a[2] <= b[2] + tol
            and a[3] <= b[3] + tol)


def _fmt_box(b) -> str:
    return "[" + " ".join(f"{v:g}" for v in (round(x, 2) for x in b)) + "]"


# --- colours ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Space:
    """A colour space as the preflight needs it: how many operands, the inks a colour puts
    down, and what is wrong with it for PDF/X-1a ('' when nothing)."""

    name: str
    n: int
    inks: tuple[str, ...] = ()  # one colorant name per component, or () when not ink
    gray: bool = False  # DeviceGray: one component, 1 = no ink
    lookup: tuple[tuple[float, ...], ...] = ()  # Indexed: the base space's colours
    rgb: bool = False
    problem: str = ""

    def initial(self) -> dict[str, float] | None:
        """The colour selecting the space sets: black, or the full tint of a spot colour."""
        if self is CMYK:
            return self.colour([0.0, 0.0, 0.0, 1.0])
        return self.colour([0.0] if self.gray or self.lookup else [1.0] * self.n)

    def colour(self, values: list[float]) -> dict[str, float] | None:
        """The ink of each colorant (0–1), or None when the space is no ink space."""
        if self.lookup:
            index = min(max(int(values[0]), 0), len(self.lookup) - 1) if values else 0
            values = list(self.lookup[index])
        if self.gray:
            return {"K": 1.0 - values[0]} if values else None
        if not self.inks or len(values) < len(self.inks):
            return None
        ink: dict[str, float] = {}
        for name, v in zip(self.inks, values):
            for colorant in _COLORANTS.get(name, (name[1:],)):
                ink[colorant] = max(ink.get(colorant, 0.0), v)
        return ink


CMYK = Space("DeviceCMYK", 4, ("/Cyan", "/Magenta", "/Yellow", "/Black"))
GRAY = Space("DeviceGray", 1, gray=True)
RGB = Space("DeviceRGB", 3, rgb=True, problem="RGB colour space DeviceRGB")
PATTERN = Space("Pattern", 0)


def resolve_space(obj, resources) -> Space:
    """A colour space from its name or array, looked up in `resources` when named."""
    if isinstance(obj, pikepdf.Name):
        key = str(obj)
        device = {"/DeviceCMYK": CMYK, "/CMYK": CMYK, "/DeviceGray": GRAY, "/G": GRAY,
                  "/DeviceRGB": RGB, "/RGB": RGB, "/Pattern": PATTERN}
        if key in device:
            return device[key]
        named = resources.get("/ColorSpace", {}) if resources is not None else {}
        if key in named:
            return resolve_space(named[key], resources)
        return Space(key[1:], 0, problem=f"colour space {key} is not defined")
    if not isinstance(obj, pikepdf.Array) or len(obj) == 0:
        return Space("?", 0, problem="an unreadable colour space")
    family = str(obj[0])
    if family == "/ICCBased":
        n = int(obj[1].get("/N", 0))
        return Space(f"ICCBased ({n})", n, rgb=n == 3,
                     problem=f"{'RGB ' if n == 3 else ''}colour space ICCBased with {n} "
                             "components (PDF/X-1a allows device CMYK, gray and spot colours)")
    if family in ("/Separation", "/DeviceN"):
        names = (obj[1],) if family == "/Separation" else tuple(obj[1])
        alt = resolve_space(obj[2], resources)
        problem = f"{family[1:]} colour with an alternate {alt.problem}" if alt.problem else ""
        return Space(f"{family[1:]} {' '.join(str(n)[1:] for n in names)}", len(names),
                     tuple(str(n) for n in names), rgb=alt.rgb, problem=problem)
    if family in ("/Indexed", "/I"):
        base = resolve_space(obj[1], resources)
        table = obj[3].read_bytes() if isinstance(obj[3], pikepdf.Stream) else bytes(obj[3])
        step = max(base.n, 1)
        entries = tuple(tuple(b / 255 for b in table[i:i + step])
                        for i in range(0, len(table) - step + 1, step))
        return replace(base, name=f"Indexed {base.name}", n=1, lookup=entries)
    if family == "/Pattern":
        return PATTERN
    if family in ("/CalRGB",):
        return Space("CalRGB", 3, rgb=True, problem="RGB colour space CalRGB")
    return Space(family[1:], 0, problem=f"colour space {family[1:]} is not allowed in "
                                        "PDF/X-1a (device CMYK, gray and spot colours only)")


def describe(ink: dict[str, float]) -> str:
    """C0 M100 Y100 K10 (and spot inks by name)."""
    parts = [f"{k}{round(ink.get(k, 0.0) * 100)}" for k in INKS]
    parts += [f"{k} {round(v * 100)}" for k, v in ink.items() if k not in INKS]
    return " ".join(parts)


def total(ink: dict[str, float]) -> float:
    return sum(ink.values()) * 100


# --- geometry -----------------------------------------------------------------------------

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF's row-vector convention: m × n)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _bbox(points) -> tuple[float, float, float, float] | None:
    points = list(points)
    if not points:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _intersect(a, b):
    if a is None or b is None:
        return a if b is None else b if a is None else None
    box = (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
    return box if box[0] < box[2] and box[1] < box[3] else None


CELL = 48.0  # pt: the grid that finds the painted areas under a box without a full scan


PAGE_LIMIT = 15_000.0  # pt: past the largest page PDF allows (200 in), an area is clamped


def _cells(box):
    """The grid cells a box touches, the box clamped to where pages can be."""
    x0, y0, x1, y1 = (int(math.floor(max(-PAGE_LIMIT, min(PAGE_LIMIT, v)) / CELL))
                      for v in box)
    return [(i, j) for i in range(x0, x1 + 1) for j in range(y0, y1 + 1)]


def _overlap(a, b, least: float = 0.05):
    """The common part of two boxes; boxes that only touch (glyphs set side by side, within
    rounding) do not overlap."""
    box = (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
    return box if box[0] + least < box[2] and box[1] + least < box[3] else None


# --- painted areas: what lies under an overprint or a white object -----------------------

@dataclass(frozen=True)
class Area:
    """Something painted: its bounds and, for any set of inks, the most ink it leaves under
    an object that paints those inks (a flat colour's sum of the others; an image's worst
    pixel, precomputed per set)."""

    box: tuple[float, float, float, float]
    ink: dict[str, float] | None = None  # a flat colour
    worst: dict[frozenset, float] | None = None  # an image: unpainted inks → worst pixel %
    exact: bool = False  # the box is the painted shape (an axis-aligned rectangle fill)
    knockout: bool = True

    def rest(self, painted: frozenset) -> float:
        if self.ink is not None:
            return total({k: v for k, v in self.ink.items() if k not in painted})
        return (self.worst or {}).get(frozenset(INKS) - painted, 0.0)


# --- the content interpreter ------------------------------------------------------------

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
    font: object = None
    size: float = 0.0
    char_space: float = 0.0
    word_space: float = 0.0
    scale: float = 1.0
    leading: float = 0.0
    rise: float = 0.0
    render: int = 0
    clip: tuple | None = None

    def copy(self) -> "GState":
        return replace(self)


_GRAPHICS = {"q", "Q", "cm", "w", "gs"}
_COLOUR = {"CS", "cs", "SC", "SCN", "sc", "scn", "G", "g", "K", "k", "RG", "rg"}
_PATH = {"m", "l", "c", "v", "y", "h", "re", "W", "W*"}
_PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"}
_TEXT_STATE = {"Tc": "char_space", "Tw": "word_space", "TL": "leading", "Ts": "rise"}
_TEXT = {"BT", "Tf", "Tz", "Tr", "Td", "TD", "Tm", "T*", "Tj", "TJ", "'", '"', *_TEXT_STATE}
_OBJECTS = {"Do", "sh", "INLINE IMAGE"}


@dataclass
class _Cursor:
    """Where interpretation of one content stream stands."""

    gs: GState
    resources: object
    depth: int
    stack: list[GState] = field(default_factory=list)
    path: list[tuple] = field(default_factory=list)  # segments: device-space points
    start: tuple[float, float] = (0.0, 0.0)  # of the current subpath
    here: tuple[float, float] = (0.0, 0.0)  # the current point
    rectangles: bool = True  # the path so far is made of `re` only
    clipping: bool = False  # W seen: the path clips once painted
    tm: Matrix = IDENTITY
    tlm: Matrix = IDENTITY


@dataclass
class FontInfo:
    """What measuring shown text needs: widths in text space per code, code length."""

    widths: dict[int, float]
    default: float
    two_byte: bool
    ascent: float
    descent: float


class _Page:
    """Interprets one page's content, recording every finding."""

    def __init__(self, number: int, bleed: tuple, limits: Limits, found: _Findings):
        self.number = number
        self.bleed = bleed  # what lies wholly outside is trimmed away: marks, slug
        self.limits = limits
        self.found = found
        self.where: tuple | None = None  # the bounds of what is being checked
        self.areas: list[Area] = []
        self.cells: dict[tuple[int, int], list[int]] = {}  # grid cell → areas touching it
        self.fonts: dict[tuple, FontInfo] = {}
        self.images: dict[tuple, dict | None] = {}

    def add(self, rule: str, message: str) -> None:
        where = tuple(round(v, 2) for v in self.where) if self.where else None
        self.found.add(rule, message, self.number, where)

    def prints(self, box) -> bool:
        """Whether any of `box` lies on the printed product (inside the bleed)."""
        return _overlap(box, self.bleed, 0.0) is not None

    # -- the stream

    def run(self, obj, resources, gs: GState, depth: int = 0) -> None:
        if depth > 12:  # forms drawing themselves: a broken file, not a reason to hang
            return
        at = _Cursor(gs, resources, depth)
        handlers = ((_GRAPHICS, self.graphics_op), (_COLOUR, self.colour_op),
                    (_PATH, self.path_op), (_PAINT, self.paint_op), (_TEXT, self.text_op),
                    (_OBJECTS, self.object_op))
        for operands, operator in pikepdf.parse_content_stream(obj):
            op = str(operator)
            self.where = None
            for ops, handler in handlers:
                if op in ops:
                    handler(op, operands, at)
                    break

    def graphics_op(self, op: str, args, at: "_Cursor") -> None:
        gs = at.gs
        if op == "q":
            at.stack.append(gs.copy())
        elif op == "Q":
            at.gs = at.stack.pop() if at.stack else gs
        elif op == "cm":
            gs.ctm = _mul(tuple(_numbers(args)), gs.ctm)
        elif op == "w":
            gs.line_width = float(args[0])
        else:
            self.ext_gstate(at.resources, args[0], gs)

    def colour_op(self, op: str, args, at: "_Cursor") -> None:
        gs = at.gs
        stroking = op.isupper()
        if op in ("CS", "cs"):
            space = resolve_space(args[0], at.resources)
            self.colour_space(space, op)
            self.set_colour(gs, stroking, space, space.initial())
        elif op in ("SC", "SCN", "sc", "scn"):
            space = gs.stroke_space if stroking else gs.fill_space
            self.set_colour(gs, stroking, space, space.colour(_numbers(args)))
        else:
            space = {"g": GRAY, "k": CMYK, "rg": RGB}[op.lower()]
            if space is RGB:
                self.add("colour-rgb", f"RGB colour operator '{op}' in the content")
            self.set_colour(gs, stroking, space, space.colour(_numbers(args)))

    def path_op(self, op: str, args, at: "_Cursor") -> None:
        ctm = at.gs.ctm
        nums = _numbers(args)
        if op == "re":
            x, y, w, h = nums
            corners = [_apply(ctm, px, py) for px, py in
                       ((x, y), (x + w, y), (x + w, y + h), (x, y + h))]
            at.path += [(corners[i], corners[(i + 1) % 4]) for i in range(4)]
            at.start = at.here = corners[0]
            return
        if op in ("W", "W*"):
            at.clipping = True
            return
        points = [_apply(ctm, nums[i], nums[i + 1]) for i in range(0, len(nums), 2)]
        if op == "m":
            at.start = at.here = points[0]
        elif op == "h":
            at.path.append((at.here, at.start))
            at.here = at.start
        else:
            at.path.append((at.here, *points))
            at.here = points[-1]
        at.rectangles = False

    def paint_op(self, op: str, args, at: "_Cursor") -> None:
        gs = at.gs
        box = _bbox(p for segment in at.path for p in segment)
        if op != "n" and box is not None:
            strokes = op in ("S", "s", "B", "B*", "b", "b*")
            exact = at.rectangles and not strokes and gs.ctm[1] == 0 and gs.ctm[2] == 0
            self.paint_path(gs, at.path, box, op not in ("S", "s"), strokes, exact)
        if at.clipping and box is not None:
            gs.clip = _intersect(gs.clip, box) or (0.0, 0.0, 0.0, 0.0)
        at.path, at.rectangles, at.clipping = [], True, False

    def text_op(self, op: str, args, at: "_Cursor") -> None:
        gs = at.gs
        if op == "BT":
            at.tm = at.tlm = IDENTITY
        elif op == "Tf":
            gs.font, gs.size = self.font(at.resources, args[0]), float(args[1])
        elif op in _TEXT_STATE:
            setattr(gs, _TEXT_STATE[op], float(args[0]))
        elif op == "Tz":
            gs.scale = float(args[0]) / 100
        elif op == "Tr":
            gs.render = int(args[0])
        elif op in ("Td", "TD"):
            tx, ty = _numbers(args)
            if op == "TD":
                gs.leading = -ty
            at.tm = at.tlm = _mul((1, 0, 0, 1, tx, ty), at.tlm)
        elif op == "Tm":
            at.tm = at.tlm = tuple(_numbers(args))
        elif op == "T*":
            at.tm = at.tlm = _mul((1, 0, 0, 1, 0, -gs.leading), at.tlm)
        else:  # Tj TJ ' "
            if op == '"':
                gs.word_space, gs.char_space = float(args[0]), float(args[1])
            if op in ("'", '"'):
                at.tm = at.tlm = _mul((1, 0, 0, 1, 0, -gs.leading), at.tlm)
            at.tm = self.show(gs, at.tm, args[0] if op == "TJ" else [args[-1]])

    def object_op(self, op: str, args, at: "_Cursor") -> None:
        if op == "Do":
            self.do(at.resources, args[0], at.gs, at.depth)
        elif op == "sh":
            self.shading(at.resources, args[0])
        else:
            self.inline_image(args[0], at.gs)

    # -- state

    def set_colour(self, gs: GState, stroking: bool, space: Space, colour) -> None:
        if stroking:
            gs.stroke_space, gs.stroke = space, colour
        else:
            gs.fill_space, gs.fill = space, colour

    def colour_space(self, space: Space, where: str) -> None:
        if space.problem:
            self.add("colour-rgb" if space.rgb else "colour-space",
                     f"{space.problem} (set by '{where}')")

    def ext_gstate(self, resources, name, gs: GState) -> None:
        d = resources.get("/ExtGState", {}).get(str(name)) if resources is not None else None
        if d is None:
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
            gs.line_width = float(d.LW)

    # -- painting

    def painted(self, space: Space, ink: dict[str, float], overprint: bool, opm: int
                ) -> frozenset | None:
        """The inks a paint replaces under overprint, or None when it knocks out all."""
        if not overprint:
            return None
        if space is CMYK or space.gray:
            if opm == 1 and space is CMYK:
                return frozenset(k for k, v in ink.items() if v > 0)
            return None
        return frozenset(ink)

    def paint(self, gs: GState, boxes: list, ink: dict[str, float] | None, space: Space,
              overprint: bool, exact: bool) -> tuple[float, float]:
        """Record a paint covering `boxes`; check its colour and any overprint stack.
        Returns (own total ink, most ink visible beneath, 0 when only paper)."""
        if gs.clip is not None:
            boxes = [_intersect(b, gs.clip) for b in boxes]
        boxes = [b for b in boxes if b is not None]
        if not boxes or ink is None or not any(map(self.prints, boxes)):
            return (0.0, 0.0)
        self.where = _bbox(p for b in boxes for p in (b[:2], b[2:]))
        own = total(ink)
        if own > self.limits.total_ink + 0.5:
            self.add("ink-total", f"colour {describe(ink)} has {own:.0f}% total ink, above "
                                  f"the {self.limits.total_ink:g}% limit")
        painted = self.painted(space, ink, overprint, gs.opm)
        beneath = 0.0
        if painted is not None or own == 0:
            beneath = max(self.beneath(box, painted or frozenset()) for box in boxes)
        if painted is not None:
            stacked = total({k: v for k, v in ink.items() if k in painted}) + beneath
            if stacked > self.limits.total_ink + 0.5 and own <= self.limits.total_ink + 0.5:
                self.add("ink-overprint", f"{describe(ink)} overprints colour beneath it to "
                                          f"{stacked:.0f}% total ink, above the "
                                          f"{self.limits.total_ink:g}% limit")
        for box in boxes:
            self.add_area(Area(box, ink=ink, exact=exact, knockout=painted is None))
        return (own, beneath)

    def beneath(self, box, painted: frozenset) -> float:
        """The most ink visible beneath `box` that an object painting `painted` keeps: the
        topmost areas first, skipping those an exact knockout rectangle above them hides."""
        worst = 0.0
        covers: list[tuple] = []
        near = sorted({i for cell in _cells(box) for i in self.cells.get(cell, ())},
                      reverse=True)
        for area in (self.areas[i] for i in near):
            part = _overlap(area.box, box)
            if part is None or any(_inside(part, c, 0.0) for c in covers):
                continue
            worst = max(worst, area.rest(painted))
            if area.exact and area.knockout:
                if _inside(box, area.box, 0.0):
                    break
                covers.append(area.box)
        return worst

    def add_area(self, area: Area) -> None:
        """Record a painted area, indexed by the grid cells it touches."""
        for cell in _cells(area.box):
            self.cells.setdefault(cell, []).append(len(self.areas))
        self.areas.append(area)

    def paint_path(self, gs: GState, path: list[tuple], box, fills: bool, strokes: bool,
                   exact: bool) -> None:
        if fills:
            self.paint(gs, [box], gs.fill, gs.fill_space, gs.op, exact)
        if strokes:
            # a stroke covers its outline only: one area per segment, grown by half the width
            width = gs.line_width * math.sqrt(abs(gs.ctm[0] * gs.ctm[3] - gs.ctm[1] * gs.ctm[2]))
            half = width / 2
            grown = [(b[0] - half, b[1] - half, b[2] + half, b[3] + half)
                     for b in map(_bbox, path)]
            own, beneath = self.paint(gs, grown, gs.stroke, gs.stroke_space, gs.OP, False)
            self.rule_width(width, gs.stroke, own, beneath)

    def rule_width(self, width: float, ink, own: float, beneath: float) -> None:
        if ink is None or (own == 0 and beneath == 0):
            return  # no ink on paper: nothing prints
        inks = [k for k, v in ink.items() if v > 0]
        if own == 0:
            kind, least = "reversed (white-on-colour)", self.limits.reversed_rule.pt()
        elif len(inks) > 1:
            kind, least = f"{len(inks)}-ink ({describe(ink)})", self.limits.reversed_rule.pt()
        else:
            kind, least = f"one-ink ({describe(ink)})", self.limits.rule.pt()
        if width < least - 0.005:
            self.add("rule-width", f"{width:.2f} pt {kind} rule, below the {least:g} pt minimum")

    # -- text

    def font(self, resources, name) -> FontInfo | None:
        font = resources.get("/Font", {}).get(str(name)) if resources is not None else None
        if font is None:
            return None
        key = font.objgen if font.is_indirect else (id(font),)
        if key not in self.fonts:
            self.fonts[key] = _font_info(font)
        return self.fonts[key]

    def show(self, gs: GState, tm: Matrix, items) -> Matrix:
        """Measure shown strings, check the text, return the advanced text matrix."""
        info: FontInfo | None = gs.font
        if info is None or gs.size == 0:
            return tm
        advance = extent = 0.0  # extent: to the last glyph's advance, without its spacing
        for item in items:
            if isinstance(item, pikepdf.String):
                data = bytes(item)
                step = 2 if info.two_byte else 1
                for i in range(0, len(data) - step + 1, step):
                    code = int.from_bytes(data[i:i + step], "big")
                    w = info.widths.get(code, info.default) * gs.size
                    extent = advance + w * gs.scale
                    w += gs.char_space + (gs.word_space if step == 1 and code == 32 else 0.0)
                    advance += w * gs.scale
            else:
                advance -= float(item) / 1000 * gs.size * gs.scale
        trm = _mul(tm, gs.ctm)
        corners = [_apply(trm, x, y + gs.rise) for x in (0.0, extent)
                   for y in (info.descent * gs.size, info.ascent * gs.size)]
        size = gs.size * math.hypot(trm[2], trm[3])
        self.text(gs, _bbox(corners), size)
        return _mul((1, 0, 0, 1, advance, 0), tm)

    def text(self, gs: GState, box, size: float) -> None:
        mode = gs.render % 4
        if mode == 3:
            return  # invisible text (e.g. an OCR layer) prints nothing
        stroking = mode == 1
        ink = gs.stroke if stroking else gs.fill
        space = gs.stroke_space if stroking else gs.fill_space
        own, beneath = self.paint(gs, [box], ink, space, gs.OP if stroking else gs.op, False)
        if ink is None or (own == 0 and beneath == 0):
            return
        inks = [k for k, v in ink.items() if v > 0]
        lim = self.limits
        if own == 0:
            kind, least = "reversed (white-on-colour)", lim.reversed_type.pt()
        elif len(inks) > 1:
            kind, least = f"{len(inks)}-ink ({describe(ink)})", lim.four_colour_type.pt()
        elif ink[inks[0]] < 0.995:
            kind, least = f"tinted ({describe(ink)})", lim.tinted_type.pt()
        else:
            return
        if size < least - 0.005:
            self.add("type-size", f"{size:.1f} pt {kind} text, below the {least:g} pt minimum")

    # -- images, forms, shadings

    def do(self, resources, name, gs: GState, depth: int) -> None:
        xobj = resources.get("/XObject", {}).get(str(name)) if resources is not None else None
        if xobj is None:
            return
        subtype = str(xobj.get("/Subtype", ""))
        if subtype == "/Form":
            inner = gs.copy()
            inner.ctm = _mul(tuple(map(float, xobj.get("/Matrix", IDENTITY))), gs.ctm)
            if "/BBox" in xobj:
                b = [float(v) for v in xobj.BBox]
                inner.clip = _intersect(gs.clip, _bbox(_apply(inner.ctm, x, y)
                                                       for x in (b[0], b[2])
                                                       for y in (b[1], b[3])))
            if "/Group" in xobj and str(xobj.Group.get("/S", "")) == "/Transparency":
                self.add("transparency", f"form {name} is a transparency group")
            self.run(xobj, xobj.get("/Resources", resources), inner, depth + 1)
        elif subtype == "/Image":
            self.image(xobj, str(name)[1:], resources, gs)

    def image(self, xobj, name: str, resources, gs: GState) -> None:
        box = _bbox(_apply(gs.ctm, x, y) for x in (0, 1) for y in (0, 1))
        self.where = box
        if "/SMask" in xobj:
            self.add("transparency", f"image {name} has a soft mask (SMask)")
        if bool(xobj.get("/ImageMask", False)):
            self.paint(gs, [box], gs.fill, gs.fill_space, gs.op, False)
            return
        space = resolve_space(xobj.get("/ColorSpace", pikepdf.Name.DeviceGray), resources)
        if space.problem:
            self.add("colour-rgb" if space.rgb else "colour-space",
                     f"image {name}: {'RGB image, ' if space.rgb else ''}{space.problem}")
        if self.prints(box):
            self.resolution(name, int(xobj.get("/Width", 0)), int(xobj.get("/Height", 0)), gs)
        key = xobj.objgen
        if key not in self.images:
            self.images[key] = _image_worst(xobj, space)
        worst = self.images[key]
        if worst is None:
            return
        most = worst[frozenset(INKS)]
        if most > self.limits.total_ink + 0.5 and self.prints(box):
            self.add("ink-total", f"image {name} has pixels of {most:.0f}% total ink, above the "
                                  f"{self.limits.total_ink:g}% limit")
        box = _intersect(box, gs.clip) if gs.clip is not None else box
        if box is not None:
            self.add_area(Area(box, worst=worst))

    def resolution(self, name: str, width: int, height: int, gs: GState) -> None:
        wide = math.hypot(gs.ctm[0], gs.ctm[1]) / 72
        high = math.hypot(gs.ctm[2], gs.ctm[3]) / 72
        if not width or not height or not wide or not high:
            return
        ppi = min(width / wide, height / high)
        if ppi < self.limits.image_ppi - 0.5:
            self.add("image-ppi", f"image {name} at {ppi:.0f} ppi effective, below the "
                                  f"{self.limits.image_ppi:g} ppi minimum")

    def inline_image(self, image: pikepdf.PdfInlineImage, gs: GState) -> None:
        if image.image_mask:
            return
        spaces = {"/DeviceCMYK": CMYK, "/DeviceGray": GRAY, "/DeviceRGB": RGB}
        space = spaces.get(str(image.colorspace))
        if space is None or space.problem:
            self.add("colour-rgb" if space is RGB else "colour-space",
                     f"inline image in colour space {image.colorspace}")
        self.resolution("(inline)", image.width, image.height, gs)

    def shading(self, resources, name) -> None:
        sh = resources.get("/Shading", {}).get(str(name)) if resources is not None else None
        if sh is not None:
            space = resolve_space(sh.get("/ColorSpace"), resources)
            if space.problem:
                self.add("colour-rgb" if space.rgb else "colour-space",
                         f"shading {name}: {space.problem}")


def _numbers(args) -> list[float]:
    return [float(a) for a in args if isinstance(a, (int, float)) or hasattr(a, "as_tuple")]


def _font_info(font) -> FontInfo:
    subtype = str(font.get("/Subtype", ""))
    if subtype == "/Type0":
        desc = font.DescendantFonts[0]
        widths: dict[int, float] = {}
        w = list(desc.get("/W", []))
        i = 0
        while i < len(w) - 1:
            first = int(w[i])
            if isinstance(w[i + 1], pikepdf.Array):
                for n, v in enumerate(w[i + 1]):
                    widths[first + n] = float(v) / 1000
                i += 2
            else:
                for code in range(first, int(w[i + 1]) + 1):
                    widths[code] = float(w[i + 2]) / 1000
                i += 3
        fd = desc.get("/FontDescriptor", {})
        return FontInfo(widths, float(desc.get("/DW", 1000)) / 1000, True,
                        *_vertical(fd))
    scale = float(font.FontMatrix[0]) if subtype == "/Type3" else 1 / 1000
    first = int(font.get("/FirstChar", 0))
    widths = {first + n: float(v) * scale for n, v in enumerate(font.get("/Widths", []))}
    fd = font.get("/FontDescriptor", {})
    return FontInfo(widths, float(fd.get("/MissingWidth", 500)) * scale, False, *_vertical(fd))


def _vertical(fd) -> tuple[float, float]:
    """Ascent and descent in ems; CJK em box proportions when the descriptor lacks them."""
    return (float(fd.get("/Ascent", 880)) / 1000 or 0.88,
            float(fd.get("/Descent", -120)) / 1000 or -0.12)


def _image_worst(xobj, space: Space) -> dict[frozenset, float] | None:
    """For every set of CMYK inks, the most ink of those inks any pixel holds (percent)."""
    if space.lookup:
        entries = [space.colour([i]) or {} for i in range(len(space.lookup))]
        return {frozenset(s): max((total({k: e.get(k, 0.0) for k in s}) for e in entries),
                                  default=0.0)
                for n in range(5) for s in combinations(INKS, n)}
    if space is not CMYK and not space.gray:
        return None
    try:
        pil = pikepdf.PdfImage(xobj).as_pil_image()
    except (pikepdf.PdfError, NotImplementedError, ValueError):
        return None
    if space.gray:
        black = pil.convert("L").getextrema()[0]  # the darkest pixel
        return {frozenset(s): (100 - black / 2.55 if "K" in s else 0.0)
                for n in range(5) for s in combinations(INKS, n)}
    channels = dict(zip(INKS, pil.convert("CMYK").split()))
    worst: dict[frozenset, float] = {frozenset(): 0.0}
    for n in range(1, 5):
        for s in combinations(INKS, n):
            summed = ImageMath.lambda_eval(lambda a: sum(a[k] for k in s), **channels)
            worst[frozenset(s)] = summed.getextrema()[1] / 2.55
    return worst


# --- pages --------------------------------------------------------------------------------

def _check_page(page: pikepdf.Page, number: int, limits: Limits, found: _Findings) -> None:
    obj = page.obj
    if "/Group" in obj and str(obj.Group.get("/S", "")) == "/Transparency":
        found.add("transparency", "the page is a transparency group", number)
    if "/AA" in obj:
        found.add("actions", "the page has actions", number)
    for annot in obj.get("/Annots", []):
        if "/A" in annot or "/AA" in annot:
            found.add("actions", "an annotation has an action", number)
    resources = obj.get("/Resources", pikepdf.Dictionary())
    _check_resources(resources, number, found, set())
    box = obj.get("/BleedBox", obj.get("/TrimBox", page.mediabox))
    bleed = _norm([float(v) for v in box])
    _Page(number, bleed, limits, found).run(page, resources, GState())


def _check_resources(resources, number: int, found: _Findings, seen: set) -> None:
    """Fonts, graphics states and patterns of a resource dictionary and of every form,
    pattern and Type 3 font it holds, used or not: a plant's preflight reads them all."""
    if resources is None or (resources.is_indirect and resources.objgen in seen):
        return
    if resources.is_indirect:
        seen.add(resources.objgen)
    for name, font in resources.get("/Font", {}).items():
        _check_font(font, name, number, found)
        if str(font.get("/Subtype", "")) == "/Type3":
            _check_resources(font.get("/Resources"), number, found, seen)
    for name, gs in resources.get("/ExtGState", {}).items():
        _check_ext_gstate(gs, name, number, found)
    for name, xobj in resources.get("/XObject", {}).items():
        if str(xobj.get("/Subtype", "")) == "/Form":
            _check_resources(xobj.get("/Resources"), number, found, seen)
    for name, pattern in resources.get("/Pattern", {}).items():
        _check_resources(pattern.get("/Resources"), number, found, seen)
        if "/Shading" in pattern:
            space = resolve_space(pattern.Shading.get("/ColorSpace"), resources)
            if space.problem:
                found.add("colour-rgb" if space.rgb else "colour-space",
                          f"pattern {name}: {space.problem}", number)


def _check_font(font, name: str, number: int, found: _Findings) -> None:
    subtype = str(font.get("/Subtype", ""))
    if subtype == "/Type3":
        return  # glyphs are content streams, inside the file by definition
    target = font.DescendantFonts[0] if subtype == "/Type0" else font
    fd = target.get("/FontDescriptor")
    if fd is None or not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
        base = str(target.get("/BaseFont", font.get("/BaseFont", name)))[1:]
        found.add("font-embedded", f"font {base} ({name[1:]}) is not embedded", number)


def _check_ext_gstate(gs, name: str, number: int, found: _Findings) -> None:
    label = f"graphics state {name[1:]}"
    if "/SMask" in gs and str(gs.SMask) != "/None":
        found.add("transparency", f"{label} sets a soft mask", number)
    for key in ("/CA", "/ca"):
        if key in gs and float(gs[key]) < 1:
            found.add("transparency", f"{label} sets opacity {key[1:]} {float(gs[key]):g}",
                      number)
    if "/BM" in gs:
        modes = [str(m) for m in gs.BM] if isinstance(gs.BM, pikepdf.Array) else [str(gs.BM)]
        if modes[0] not in ("/Normal", "/Compatible"):
            found.add("transparency", f"{label} sets blend mode {modes[0][1:]}", number)
    for key in ("/TR", "/TR2"):
        if key in gs and str(gs[key]) != "/Default":
            found.add("transfer", f"{label} sets a transfer function", number)
