"""Drawing: the page model onto a ReportLab canvas. The only module that imports ReportLab.

It decides nothing: every position, colour and font was settled by layout. It only chooses
between a rendition's colour values (CMYK for print, RGB for the archive) and batches glyphs
into as few text-show operators as their spacing allows.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import re
import sys
import types
from dataclasses import dataclass

# ReportLab runs ~/.reportlab_mods and ~/.reportlab_settings (or reportlab_mods and
# reportlab_settings modules on the path) as Python when first imported: a user's file
# there would change the PDFs spread writes, and a home that is a file stopped the build with
# NotADirectoryError. Empty modules of those names stand in for them: spread sets ReportLab's
# options itself.
for _name in ("reportlab_mods", "reportlab_settings"):
    sys.modules.setdefault(_name, types.ModuleType(_name))

from reportlab.pdfbase import pdfmetrics, ttfonts  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab import rl_config  # noqa: E402
from reportlab.lib.rl_accel import fp_str  # noqa: E402
from reportlab.lib.utils import ImageReader  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from spread import images
from spread.errors import MissingGlyphError
from spread.fonts import FontSet
from spread.page import Box, Colour, Image, Page, Rect, Rule, Shape, TextRun

_registered: dict[str, str] = {}  # embedded file + source hash → ReportLab font name
# synthetic bold: the outline is also stroked, this fraction of the size wide
BOLD_STROKE = 1 / 30
# synthetic oblique: the text matrix is skewed by 12°
OBLIQUE = math.tan(math.radians(12))
_reportlab_to_unicode = ttfonts.makeToUnicodeCMap
# binary streams, not ASCII85: a JPEG picture goes in as DCT alone, a quarter smaller (the
# PDF writers re-encode every other stream anyway, so nothing else changes)
rl_config.useA85 = 0


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap with characters beyond U+FFFF (𠮷 U+20BB7: rare characters
    of names and places) written as UTF-16 surrogate pairs, as PDF requires, not as the five
    hex digits ReportLab writes, which readers take for U+20BB."""
    return re.sub(r"<([0-9A-F]{5,6})>",
                  lambda m: f"<{chr(int(m[1], 16)).encode('utf-16-be').hex().upper()}>",
                  _reportlab_to_unicode(fontname, subset))


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


@dataclass(frozen=True)
class DrawSettings:
    """What a rendition asks of drawing."""

    colour: str = "cmyk"  # cmyk | rgb
    title: str = ""
    subject: str = ""
    creator: str = "spread"
    offset: tuple[float, float] = (0.0, 0.0)  # artwork shift inside a larger media box
    media: Box | None = None  # a larger sheet (the proof's marks), default the page's
    boxes: bool = True  # write TrimBox and BleedBox
    proof: bool = False  # draws FPO placeholders and low-resolution pictures; others refuse
    # a line's runs that join across a change of face read as one text (/ActualText): for
    # the renditions people read and copy from, where the glyphs' boxes may give way to it
    searchable: bool = False


def draw(pages: list[Page], fonts: FontSet, settings: DrawSettings, extra=None) -> bytes:
    """The pages as PDF bytes. `extra(canvas, page)` may draw more (the proof's marks)."""
    if not settings.proof:
        for item in (i for page in pages for i in page.items if isinstance(i, Image)):
            images.check_deliverable(item, press=settings.colour == "cmyk")
    used = _chars_by_face((item for page in pages for item in page.items),
                          {face.key: face for face in fonts.faces()})
    # only faces that draw something are embedded: a fallback the page never reaches has no
    # subset to make
    names = {face.key: _register(face, drawn) for face in fonts.faces()
             if (drawn := {ch for ch in used.get(face.key, ()) if ord(ch) in face.coverage})}
    buf = io.BytesIO()
    # ReportLab names an initial font on every page, text or none: a page with no text (all
    # pictures) names the first face, embedded as a one-space subset, never Helvetica, which
    # no print file may carry unembedded
    first = next(iter(names.values()), None) or next(
        (_register(face, {" "}) for face in fonts.faces() if ord(" ") in face.coverage), None)
    canvas = Canvas(buf, invariant=1, pageCompression=1, initialFontSize=10,
                    pdfVersion=(1, 4), **({"initialFontName": first} if first else {}))
    canvas.setTitle(settings.title)
    canvas.setSubject(settings.subject)
    canvas.setCreator(settings.creator)
    canvas.setAuthor("")
    canvas.setProducer(settings.creator)
    pieces = _one_subset(canvas, names, {f.key: f for f in fonts.faces()},
                         (i for page in pages for i in page.items))
    for page in pages:
        media = settings.media or page.media
        dx, dy = settings.offset
        canvas.setPageSize((media.width, media.height))
        if settings.colour == "cmyk":
            # overprint mode 1: an overprinting CMYK colour leaves the inks it has at zero
            # untouched, so 100 K text overprints a tint instead of knocking it out
            canvas.setOverprintMask(1)
        if settings.boxes:
            canvas.setTrimBox(_shift(page.trim, dx, dy))
            canvas.setBleedBox(_shift(page.bleed, dx, dy))
        canvas.saveState()
        canvas.translate(dx, dy)
        if page.clip is not None:  # a page cut from a spread keeps only its own artwork
            path = canvas.beginPath()
            path.rect(page.clip.x, page.clip.y, page.clip.width, page.clip.height)
            canvas.clipPath(path, stroke=0, fill=0)
        canvas.translate(*page.shift)
        painter = _Painter(canvas, names, fonts, settings.colour, pieces)
        spans = _joined_readings(page.items, painter.faces, pieces) if settings.searchable \
            else {}
        end = -1
        for k, item in enumerate(page.items):
            if k in spans:
                end, text = spans[k]
                canvas._code.append(f"/Span <</ActualText {_text_string(text)}>> BDC")
                painter.whole = True
            painter.paint(item)
            if k == end:
                canvas._code.append("EMC")
                painter.whole = False
        canvas.restoreState()
        if extra:
            extra(canvas, page)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _shift(box: Box, dx: float, dy: float) -> tuple[float, float, float, float]:
    return (box.x + dx, box.y + dy, box.right + dx, box.top + dy)


def _register(face, chars) -> str:
    """The ReportLab name of a TrueType file drawing `chars` in `face`: the font itself for a
    plain .ttf, a converted subset for OpenType/CFF fonts and collection members.

    Fonts are told apart by what they are, not by name. ReportLab files a font under its
    PostScript name and hands back the first font registered under a name to anyone who
    registers another font with the same one (a subset and its full family, two versions of
    a face): that font would draw the other's text with the wrong glyphs. So each embedded
    file's PostScript name gets a tag of its identity — the source's hash, the member and
    the subset's character set, never the machine's paths, so the bytes stay the same
    everywhere — and the subsets ReportLab writes ("AAAAAA+name-TAG") are unique within a
    PDF."""
    path = face.truetype_for(chars)
    key = f"{path}:{face.sha256}"
    if key not in _registered:
        identity = hashlib.sha256(f"{face.face_id}/{os.path.basename(path)}".encode())
        tag = identity.hexdigest()[:8].upper()
        name = f"spread-{tag}"
        try:
            font = TTFont(name, path)
            # ReportLab reads the glyphs it embeds (and their components) only when the PDF
            # is saved; made here first, a damaged glyph is the face's error, not a crash
            font.face.makeSubset(sorted(ord(ch) for ch in chars))
        except Exception as exc:  # noqa: BLE001 - a .ttf fontTools read but ReportLab cannot
            raise face.damaged(exc) from None
        font.face.name = font.face.name + b"-" + tag.encode("ascii")
        pdfmetrics.registerFont(font)
        _registered[key] = name
    return _registered[key]


def _one_subset(canvas: Canvas, names: dict[str, str], faces: dict, items) -> dict[int, list]:
    """Each text run's show operators (by the run's id), and the characters of each whose
    glyphs stand apart (a spread name, a Han character and the figure it is spaced from)
    given their codes before anything is drawn, in one of ReportLab's 256-code subsets as
    far as they fit: ReportLab draws a text in two subsets with two show operators, and a
    reader takes a wide gap between two text objects for a word space, where one
    operator's character spacing is none."""
    plans = {}
    runs = [run for run in items if isinstance(run, TextRun) and run.face in names]
    for run in runs:
        plans[id(run)] = _pieces(run, faces[run.face])
    # first the glyphs a typed space follows, into the subset of the space (0, where ASCII
    # keeps its codes: ReportLab's asciiReadable), so that the two are one show operator
    for run in runs:
        font = pdfmetrics.getFont(names[run.face])
        spaces = _typed_spaces(run, faces[run.face], plans[id(run)])
        for k in sorted(spaces):
            font.splitString(run.chars[k - 1], canvas._doc)
    for run in runs:
        font = pdfmetrics.getFont(names[run.face])
        for _, text, _, _, spacing, _ in plans[id(run)]:
            if len(text) > 1 and spacing > NARROW * run.style.size:
                font.splitString(text, canvas._doc)
    return plans


def _chars_by_face(items, faces: dict) -> dict[str, set[str]]:
    """The characters each face draws: a converted font carries exactly these."""
    used: dict[str, set[str]] = {}
    for item in items:
        if isinstance(item, TextRun):
            used.setdefault(item.face, set()).update(item.chars)
            if item.face in faces and _added_hyphens(item):
                used[item.face].add(_hyphen_glyph(faces[item.face]))
            if item.apart or item.spaced:  # typed spaces, drawn as the face's space glyph
                used[item.face].add(" ")
        elif isinstance(item, Image):  # a proof draws a missing picture's FPO label
            for face, chars in _chars_by_face(item.placeholder, faces).items():
                used.setdefault(face, set()).update(chars)
    return used


def _typed_spaces(run: TextRun, face, pieces: list) -> set[int]:
    """Where the run draws a space glyph: after each piece the text has a space after (the
    next piece starts at one of `apart`, or the run is `spaced`), if the face has one."""
    if ord(" ") not in face.coverage:
        return set()
    ends = {start for start, *_ in pieces[1:]} & set(run.apart or ())
    return ends | ({len(run.chars)} if run.spaced else set())


# pypdf reads a word space where the pen, as it follows a piece, falls short of the next
# piece by half the face's space (about 0.11 em for Noto CJK): each gap with nothing between
# in the text is bridged to within BRIDGED of it, by moves each under BRIDGE_STEP (pypdf reads
# a space at one move of a TJ array as wide as half a space, each move apart)
BRIDGED = 0.05  # em
BRIDGE_STEP = 40  # thousandths of an em


def _pens_short(run: TextRun, face, pieces: list, spaces: set[int]) -> dict[int, float]:
    """How far (pt) pypdf's pen falls short of the next piece after each piece that ends
    before a gap with nothing between in the text, where that is more than BRIDGED em:
    pypdf follows a piece by its glyphs' advances at their size, the horizontal scale left
    out, and its character spacing after every glyph, the last one too."""
    size, scale = run.style.size, run.style.scale
    out = {}
    for (start, text, x, _, spacing, stretch), (after, *_) in zip(pieces, pieces[1:]):
        if after in spaces or run.ys:
            continue
        if stretch == 1.0:
            pen = x + sum(face.advance(ch) for ch in text) * size + len(text) * spacing / scale
        else:  # joined dashes (_joined): their advances and moves, widened, in one TJ
            first, back = _dash_moves(run, face, text[0], spacing, stretch)
            pen = x + stretch * size * (len(text) * face.advance(text[0])
                                        - (first + back * (len(text) - 1)) / 1000)
        if run.xs[after] - pen > BRIDGED * size:
            out[after] = (run.xs[after] - pen - BRIDGED * size) / stretch
    return out


def _bridge(short: float, size: float) -> str:
    """A TJ of moves only, together `short` pt at `size`, each under BRIDGE_STEP: the pen
    moves on with no glyph drawn (the next piece is placed on its own)."""
    total = round(1000 * short / size)
    steps = [BRIDGE_STEP] * (total // BRIDGE_STEP) + ([total % BRIDGE_STEP] if total % BRIDGE_STEP
                                                      else [])
    return f"[{' '.join(f'-{n}' for n in steps)}] TJ"


def _added_hyphens(run: TextRun) -> bool:
    """Whether the run has a hyphen the composer added at a line end (a - read as nothing)."""
    return any(not text and b == a + 1 and run.chars[a] == "-" for a, b, text in run.actual)


SOFT_HYPHEN = "\u00ad"


def _added_at(run: TextRun, k: int) -> bool:
    """Whether glyph `k` of the run is a hyphen the composer added."""
    return any(a == k and b == k + 1 and not text for a, b, text in run.actual)


def _hyphen_glyph(face) -> str:
    """What a hyphen the composer added is drawn as: the face's soft hyphen where it is the
    face's hyphen by its measures (Noto CJK maps both to one glyph), so that a reader that
    does not honour /ActualText (pypdf) reads the hyphen Unicode has for a break, not a
    hyphen of the text, and pdfium still joins the word across the line end; else -."""
    if (ord(SOFT_HYPHEN) in face.coverage and face.advance(SOFT_HYPHEN) == face.advance("-")
            and face.blank(SOFT_HYPHEN) == face.blank("-")):
        return SOFT_HYPHEN
    return "-"


class _Painter:
    def __init__(self, canvas: Canvas, names: dict[str, str], fonts: FontSet, mode: str,
                 pieces: dict[int, list]):
        self.c = canvas
        self.names = names
        self.faces = {f.key: f for f in fonts.faces()}
        self.mode = mode
        self.pieces = pieces  # each text run's show operators, by the run's id
        self.whole = False  # inside a span that gives the text read: no spans of the runs'

    def fill(self, colour: Colour) -> None:
        if self.mode == "cmyk":
            self.c.setFillColorCMYK(*colour.cmyk)
            self.c.setFillOverprint(colour.overprint)
        else:
            self.c.setFillColorRGB(*colour.rgb)

    def stroke(self, colour: Colour) -> None:
        if self.mode == "cmyk":
            self.c.setStrokeColorCMYK(*colour.cmyk)
            state = self.c._extgstate  # ReportLab's record of the flags it has written
            written = state.getValue("OP") != colour.overprint
            self.c.setStrokeOverprint(colour.overprint)
            if written:
                # ReportLab writes the stroke flag alone (a gs of /OP), and by the PDF rules a
                # gs without /op sets the fill flag too: without this record, 100 K text after
                # a rule that knocks out (a photo's frame) was written without its /op and
                # knocked out, and the print file failed its check
                state._d["op"] = colour.overprint
        else:
            self.c.setStrokeColorRGB(*colour.rgb)

    def paint(self, item) -> None:
        if isinstance(item, TextRun):
            self.text(item)
        elif isinstance(item, Rect):
            self.rect(item)
        elif isinstance(item, Rule):
            self.rule(item)
        elif isinstance(item, Shape):
            self.shape(item)
        elif isinstance(item, Image):
            self.image(item)

    def text(self, run: TextRun) -> None:
        if run.face not in self.names:
            # no face of the role has these: the missing-glyph check before layout names them
            # with their place; this is the last guard that nothing is drawn as glyph 0 or
            # silently left out
            lacking = " ".join(f"{ch} U+{ord(ch):04X}" for ch in dict.fromkeys(run.chars))
            raise MissingGlyphError(f"no font of role '{run.style.font}' draws {lacking}",
                                    hint="add a font that has it to the role's fallback "
                                         "chain in the layout's fonts")
        face = self.faces[run.face]
        style = run.style
        self.fill(run.colour)
        t = self.c.beginText()
        t.setFont(self.names[run.face], style.size)
        if style.scale != 1.0:
            t.setHorizScale(style.scale * 100)
        if face.synthetic_bold:  # fill and stroke the glyphs: heavier ink, same advances
            self.c.saveState()
            self.stroke(run.colour)
            self.c.setLineWidth(style.size * BOLD_STROKE)
            self.c.setLineJoin(1)
            t.setTextRenderMode(2)
        skew = OBLIQUE if face.synthetic_oblique else 0.0
        starts = {} if self.whole else {a: text for a, _, text in run.actual}
        ends = set() if self.whole else {b for _, b, _ in run.actual}
        pieces = self.pieces.get(id(run)) or _pieces(run, face)  # or a placeholder's
        spaces = _typed_spaces(run, face, pieces)
        short = _pens_short(run, face, pieces, spaces)
        for start, text, x, y, spacing, stretch in pieces:
            if start in starts:
                # marked content within the text object (PDF 32000-1 14.9.4): readers take
                # the stretch's text from /ActualText, not from its glyphs
                t._code.append(f"/Span <</ActualText {_text_string(starts[start])}>> BDC")
            if text == "-" and _added_at(run, start):  # a hyphen the composer added
                text = _hyphen_glyph(face)
            if skew or stretch != 1.0:
                t.setTextTransform(stretch, 0, skew, 1, x, y)
            else:
                t.setTextOrigin(x, y)
            end = start + len(text)
            # the text's space after the piece, drawn as the face's blank space glyph where
            # the pen is (the next piece is placed on its own): every reader reads it as the
            # space it is, however narrow the gap layout set it as. In the piece's show
            # operator (its last glyph and the space in one subset: _one_subset): pdfium
            # leaves out a text object that spans no width, a space shown on its own
            spaced = end in spaces
            if stretch == 1.0:
                t.setCharSpace(spacing / style.scale)
                t.textOut(text + " " * (spaced and end not in ends))
            else:
                t.setCharSpace(0)
                self._joined(t, run, face, text, spacing, stretch)
            if end in ends:
                t._code.append("EMC")
            if spaced and (end in ends or stretch != 1.0):
                t.textOut(" ")
            if end in short:
                t._code.append(_bridge(short[end], style.size))
        if style.scale != 1.0:  # Tz outlives the text object: the next run starts at 100%
            t.setHorizScale(100)
        self.c.drawText(t)
        if face.synthetic_bold:
            self.c.restoreState()

    def _joined(self, t, run: TextRun, face, dashes: str, spacing: float,
                stretch: float) -> None:
        """Dashes that join, widened `stretch` times by the text matrix so that each one's ink
        fills its advance, in one TJ whose offsets keep the piece's origin where its first
        advance starts (where readers look for it) and each dash where layout put it: the
        first is moved back by its blank on the left, each next one by its two blanks."""
        first, back = _dash_moves(run, face, dashes[0], spacing, stretch)
        font = pdfmetrics.getFont(self.names[run.face])
        [(subset, codes)] = font.splitString(dashes, self.c._doc)  # one glyph: one subset
        if subset != t._curSubset:
            t._code.append(f"{font.getSubsetInternalName(subset, self.c._doc)} "
                           f"{fp_str(run.style.size)} Tf {fp_str(t._leading)} TL")
            t._curSubset = subset
        glyph = f"({self.c._escape(codes[:1])})"
        parts = [fp_str(first), glyph]
        parts += [fp_str(back), glyph] * (len(dashes) - 1)
        t._code.append(f"[{' '.join(parts)}] TJ")

    def rect(self, r: Rect) -> None:
        if r.fill:
            self.fill(r.fill)
        if r.stroke:
            self.stroke(r.stroke)
            self.c.setLineWidth(r.line_width)
        self.c.rect(r.box.x, r.box.y, r.box.width, r.box.height,
                    fill=1 if r.fill else 0, stroke=1 if r.stroke else 0)

    def rule(self, r: Rule) -> None:
        self.stroke(r.colour)
        self.c.setLineWidth(r.width)
        self.c.setDash(list(r.dash) if r.dash else [])
        self.c.line(r.x1, r.y1, r.x2, r.y2)

    def shape(self, s: Shape) -> None:
        p = self.c.beginPath()
        for op in s.path:
            if op[0] == "M":
                p.moveTo(*op[1:])
            elif op[0] == "L":
                p.lineTo(*op[1:])
            elif op[0] == "C":
                p.curveTo(*op[1:])
            else:
                p.close()
        if s.fill:
            self.fill(s.fill)
        if s.stroke:
            self.stroke(s.stroke)
            self.c.setLineWidth(s.line_width)
        self.c.drawPath(p, fill=1 if s.fill else 0, stroke=1 if s.stroke else 0, fillMode=1)

    def image(self, im: Image) -> None:
        """The picture in this rendition's colour (JPEG pictures stay DCT, the others go in
        flate-compressed), clipped to what shows; a missing one as its FPO placeholder."""
        if im.missing:
            for item in im.placeholder:
                self.paint(item)
            return
        embedded = images.for_pdf(im.path, self.mode, im.profile, im.where)
        source = ImageReader(io.BytesIO(embedded.jpeg) if embedded.jpeg else embedded.pixels)
        self.c.saveState()
        p = self.c.beginPath()
        p.rect(im.clip.x, im.clip.y, im.clip.width, im.clip.height)
        self.c.clipPath(p, stroke=0, fill=0)
        self.c.drawImage(source, im.box.x, im.box.y, im.box.width, im.box.height)
        self.c.restoreState()


def _text_string(text: str) -> str:
    """A PDF text string: UTF-16BE with its byte order mark, in hex (empty: nothing)."""
    return f"<{(chr(0xFEFF) + text).encode('utf-16-be').hex().upper()}>" if text else "()"


# a gap this narrow (em) between two show operators reads as no space: pdfium and pypdf take
# ⅛ em and more between two text objects for a word space
NARROW = 0.1


def _joined_readings(items, faces: dict, pieces: dict[int, list]) -> dict[int, tuple[int, str]]:
    """Where a line's show operators stand further apart than NARROW with nothing between in
    the text — a Han character and a bold figure beside it, ¼ em apart in two faces; glyphs
    of a loose line that could not all be cut where the gaps are narrow — which readers that
    go by gaps take for a word space: that line's runs from the widest show operator before
    the first such gap to the line's last run that goes on from it, as {first item: (last
    item, the text they read as)}.

    pdfium reads a space between two show operators more than ⅙ em apart whatever they draw
    (CPDF_TextPage::ProcessInsertObject); inside a marked-content sequence with /ActualText
    it reads the sequence's text once, in the box of its first operator, and measures the
    next operator's gap from that one: so the sequence runs on to the line's end (or to a
    word gap of the text, where a space is read rightly), and its first operator is the
    widest one it may be, over which pdfium spreads the characters' boxes. A text with a
    character beyond U+FFFC keeps its gaps: pdfium leaves such characters of /ActualText
    out."""
    out: dict[int, tuple[int, str]] = {}
    chain: list[int] = []
    for k, item in enumerate([*items, None]):
        if chain and _goes_on(items[chain[-1]], item):
            chain.append(k)
            continue
        if chain:
            out.update(_reading_span([items[i] for i in chain], chain, faces, pieces))
        chain = [k] if isinstance(item, TextRun) and not item.ys and item.apart is not None \
            else []
    return _across_hyphens(items, _lines_taken_as_one(items, faces, pieces, out))


def _lines_taken_as_one(items, faces: dict, pieces: dict[int, list],
                        spans: dict[int, tuple[int, str]]) -> dict[int, tuple[int, str]]:
    """`spans` with each stretch of lines pdfium takes for one line read as one span in the
    order drawn (a kicker 0.46 of the headline's em under a 118-pt headline: pdfium read its
    —— , left of the headline, before the headline and the rest of it after). pdfium
    gathers the text objects drawn one after another into a line while each stands within
    half the wider glyph (of its first and of the line's rightmost object's last) of that
    object's baseline, and reads a line's objects from left to right
    (CPDF_TextPage::ProcessTextObject); inside one span it reads the span's text where the
    first object it reads stands and none of the others. Spans inside such a stretch give
    way to it; one that reaches out of it keeps the glyphs' reading."""
    out = dict(spans)
    for first, last in _gathered(items, faces, pieces):
        inside = [k for k, (end, _) in out.items() if first <= k <= last or first <= end <= last]
        if any(not (first <= k and out[k][0] <= last) for k in inside):
            continue
        runs = [item for item in items[first:last + 1] if isinstance(item, TextRun)]
        # a word gap between texts side by side on a line; none where a line ends
        text = "".join(("" if not n or run.joined or runs[n - 1].spaced
                        or run.y != runs[n - 1].y else " ")
                       + _reading(run) + " " * run.spaced for n, run in enumerate(runs))
        if any(ord(ch) > 0xFFFC for ch in text):
            continue
        for k in inside:
            del out[k]
        out[first] = (last, text)
    return out


def _gathered(items, faces: dict, pieces: dict[int, list]) -> list[tuple[int, int]]:
    """(first, last item) of each line as pdfium gathers text objects into one that holds
    objects of more than one baseline and reads them in another order than drawn, by their
    left ends (see _lines_taken_as_one)."""
    out = []
    line: list[tuple[float, float, float, int]] = []  # (x, y, last glyph's width, item)

    def close() -> None:
        if len({o[1] for o in line}) > 1 and sorted(line, key=lambda o: o[0]) != line:
            out.append((line[0][3], line[-1][3]))

    for k, run in enumerate(items):
        if not (isinstance(run, TextRun) and run.face in faces):
            continue
        face, size = faces[run.face], run.style.size * run.style.scale
        for start, text, x, y, _, stretch in pieces.get(id(run)) or _pieces(run, face):
            width = face.advance(text[0]) * size * stretch
            rightmost = max(line, key=lambda o: o[0]) if line else None
            if rightmost is None or abs(y - rightmost[1]) > max(rightmost[2], width) / 2:
                close()
                line = []
            line.append((x, y, face.advance(text[-1]) * size * stretch, k))
    close()
    return out


def _across_hyphens(items, spans: dict[int, tuple[int, str]]) -> dict[int, tuple[int, str]]:
    """`spans` with each word the composer hyphenated at a line's end read whole: the run
    that ends with the hyphen and the run the next line starts with, drawn one after the
    other, are one span (with the spans either of them starts or ends) that reads as their
    text, the hyphen as nothing. pdfium read such a hyphen, whatever its empty /ActualText
    (an empty one it takes as none: CPDF_TextPage::PreMarkedContent), and marked the word's
    break U+FFFE (interna\ufffetionalization); inside one span it reads the span's text
    where its first text object stands and none of the others (PDF 32000-1 14.9.4: the
    replacement text of a sequence of whole text objects)."""
    out = dict(spans)
    ends = {end: first for first, (end, _) in out.items()}
    for k, (run, after) in enumerate(zip(items, items[1:])):
        if not (isinstance(run, TextRun) and isinstance(after, TextRun) and _added_hyphens(run)
                and _added_at(run, len(run.chars) - 1) and not run.ys and not after.ys
                and after.y != run.y and after.chars[:1].isalnum()):
            continue
        first = ends.get(k, k)
        _, before = out.get(first, (k, _reading(run)))
        end, text = out.get(k + 1, (k + 1, _reading(after) + " " * after.spaced))
        if any(ord(ch) > 0xFFFC for ch in before + text):
            continue  # pdfium leaves such characters of /ActualText out: keep the glyphs
        ends.pop(k, None)
        out.pop(k + 1, None)
        out[first] = (end, before + text)
        ends[end] = first
    return out


def _goes_on(before: TextRun, run) -> bool:
    """Whether `run` goes on from `before` in the text and on its line, to the right."""
    return (isinstance(run, TextRun) and run.joined and not run.ys and run.apart is not None
            and run.y == before.y and run.xs[0] > before.xs[-1])


def _reading_span(runs: list[TextRun], where: list[int], faces: dict,
                  pieces: dict[int, list]) -> dict[int, tuple[int, str]]:
    """The span of a chain of runs that go on from one another (see _joined_readings), if it
    needs one: from the run whose first show operator is the widest of those before the
    first gap read as a space, to the chain's end."""
    gap = next((j for j, run in enumerate(runs) if _gap_before_read(runs, j, faces)
                or _read_within(run, faces[run.face], pieces)), None)
    if gap is None:
        return {}
    # the gap is before run `gap` or within it: the sequence starts at that run or before
    first = max(range(gap + (not _gap_before_read(runs, gap, faces))),
                key=lambda j: (_first_width(runs[j], faces, pieces), -j))
    text = "".join(_reading(run) + " " * run.spaced for run in runs[first:])
    if any(ord(ch) > 0xFFFC for ch in text):
        return {}
    return {where[first]: (where[-1], text)}


def _gap_before_read(runs: list[TextRun], j: int, faces: dict) -> bool:
    """Whether pdfium reads a space between run `j` and the run before it: their glyphs
    either side measured at their sizes, the wider one setting the gap read."""
    if not j:
        return False
    before, run = runs[j - 1], runs[j]
    (a1, s1), (a2, s2) = [(faces[r.face].advance(ch), r.style.size * r.style.scale)
                          for r, ch in ((before, before.chars[-1]), (run, run.chars[0]))]
    return _gap_before(before, run, faces) > _pdfium_space(a1, a2) * (s1 if a1 >= a2 else s2)


def _read_within(run: TextRun, face, pieces: dict[int, list]) -> bool:
    """Whether pdfium reads a space before a show operator of the run where the text has
    nothing between and no stretch of its own reading covers it."""
    size, scale = run.style.size, run.style.scale
    inside = {k for a, b, _ in run.actual for k in range(a + 1, b)}
    apart = set(run.apart or ())
    for start, *_ in (pieces.get(id(run)) or _pieces(run, face))[1:]:
        before, after = face.advance(run.chars[start - 1]), face.advance(run.chars[start])
        gap = run.xs[start] - run.xs[start - 1] - before * size * scale
        if start not in apart and start not in inside \
                and gap > _pdfium_space(before, after) * size * scale:
            return True
    return False


def _gap_before(before: TextRun, run: TextRun, faces: dict) -> float:
    """The white between the last glyph's advance of `before` and the first glyph of `run`."""
    style = before.style
    return run.xs[0] - before.xs[-1] - (
        faces[before.face].advance(before.chars[-1]) * style.size * style.scale)


def _first_width(run: TextRun, faces: dict, pieces: dict[int, list]) -> float:
    """How wide the run's first show operator draws."""
    start, text, x, *_ = (pieces.get(id(run)) or _pieces(run, faces[run.face]))[0]
    last = start + len(text) - 1
    style = run.style
    return run.xs[last] - x + faces[run.face].advance(run.chars[last]) * style.size * style.scale


def _reading(run: TextRun) -> str:
    """The run's text as a reader should get it: a space where the text has something undrawn
    between two glyphs, each stretch that reads otherwise than its glyphs as it reads."""
    stretches = {a: (b, text) for a, b, text in run.actual}
    apart = set(run.apart or ())
    out, k = [], 0
    while k < len(run.chars):
        if k in apart:
            out.append(" ")
        end, text = stretches.get(k, (k + 1, run.chars[k]))
        out.append(text)
        k = end
    return "".join(out)
# dashes that join when set side by side: —— (GB/T 15834 §4.13: one unbroken line two ems
# long), and the horizontal bar and the two- and three-em dashes some texts write it with
DASHES = "\u2014\u2015\u2e3a\u2e3b"


def _pieces(run: TextRun, face) -> list[tuple[int, str, float, float, float, float]]:
    """The run as (first glyph, text, x, y, char spacing, stretch) pieces, one show operator
    each, whose glyphs sit at their natural advance plus one constant spacing: a justified
    line is one or a few operators. A stretch that reads otherwise than its glyphs starts and
    ends a piece. Where the run knows where its text has spaces (`apart`), pieces part there
    and only at gaps too narrow to be read as a space elsewhere: a wider gap with nothing
    between in the text (a Han character and a figure, ¼ em) is kept inside a piece as its
    spacing, which readers do not take for a word space. Dashes that join (——) are a piece
    of their own, drawn `stretch` times as wide so that their ink fills their advances."""
    n = len(run.chars)
    size, scale = run.style.size, run.style.scale
    ys = run.ys or (run.y,) * n
    gaps = [run.xs[k + 1] - run.xs[k] - face.advance(run.chars[k]) * size * scale
            for k in range(n - 1)]
    forced = {k for stretch in run.actual for k in stretch[:2]}
    forced |= {k for k in range(1, n) if ys[k] != ys[k - 1]}
    joins = [(a, b) for a, b in _joined_dashes(run, face, gaps)
             if not any(a < k < b for k in forced | set(run.apart or ()))]
    forced |= {k for a, b in joins for k in (a, b) if k < n}
    if run.apart is None:
        starts = _greedy(gaps, forced, n)
    else:
        far = [_pdfium_space(face.advance(run.chars[k]), face.advance(run.chars[k + 1]))
               * size * scale for k in range(n - 1)]
        starts = _fewest_read_spaces(gaps, forced | set(run.apart), NARROW * size, n, far,
                                     [face.advance(ch) * size for ch in run.chars], scale)
    stretched = {a: _stretch(face, run.chars[a]) for a, _ in joins}
    out = []
    for start, end in zip(starts, [*starts[1:], n]):
        spacing = gaps[start] if end - start > 1 else 0.0
        out.append((start, run.chars[start:end], run.xs[start], ys[start], spacing,
                    stretched.get(start, 1.0)))
    return out


def _joined_dashes(run: TextRun, face, gaps: list[float]) -> list[tuple[int, int]]:
    """The stretches (first, end) of two or more like dashes side by side, each where the
    last one's advance ends, whose font leaves blank beside its ink (Noto CJK's —, 7% of the
    em each side): drawn as they are, —— shows a gap in the middle of its line."""
    out = []
    k, n = 0, len(run.chars)
    while k < n:
        end = k + 1
        while (end < n and run.chars[end] == run.chars[k] and abs(gaps[end - 1]) < 0.001):
            end += 1
        if run.chars[k] in DASHES and end - k > 1 and _stretch(face, run.chars[k]) > 1.0:
            out.append((k, end))
        k = end
    return out


def _dash_moves(run: TextRun, face, dash: str, spacing: float, stretch: float
                ) -> tuple[float, float]:
    """The TJ moves (thousandths of the widened em) of joined dashes: back by the first's
    blank on the left before it, back by the two blanks between each two."""
    size = run.style.size * run.style.scale
    advance = face.advance(dash)
    return (1000 * face.blank(dash)[0],
            1000 * (advance - (advance * size + spacing) / (size * stretch)))


def _stretch(face, dash: str) -> float:
    """How much wider a dash is drawn for its ink to fill its advance (1: it does)."""
    left, right = face.blank(dash)
    advance = face.advance(dash)
    inked = advance - left - right
    return advance / inked if left + right > 0 and inked > 0 else 1.0


def _greedy(gaps: list[float], forced: set[int], n: int) -> list[int]:
    """Where pieces start, each as long as its gaps stay equal."""
    starts = [0]
    spacing = None
    for k in range(1, n):
        if k in forced or (spacing is not None and abs(gaps[k - 1] - spacing) > 0.001):
            starts.append(k)
            spacing = None
        else:
            spacing = gaps[k - 1]
    return starts


def _pdfium_space(before: float, after: float) -> float:
    """The gap (em of the size) past which pdfium reads a word space between two show
    operators, the glyphs either side this many em wide: a share of the wider one, ⅙ of a
    Han character, ¼ of a figure (CPDF_TextPage::ProcessInsertObject), less a tenth for
    rounding."""
    wide = max(before, after)
    return 0.9 * wide / (2 if wide < 0.4 else 4 if wide < 0.7 else 5 if wide < 0.8 else 6)


def _fewest_read_spaces(gaps: list[float], forced: set[int], narrow: float,
                        n: int, far: list[float], widths: list[float],
                        scale: float) -> list[int]:
    """Where pieces start: at every forced place, elsewhere only where no reader reads a
    space if the glyphs allow it (a piece's gaps are all equal), then in as few pieces as
    may be. A reader reads a space before a piece that starts further than `far` (at that
    gap) from the last glyph's advance (pdfium), or further than `narrow` from where the
    piece before left the pen as pypdf follows it: its spacing added after its last glyph
    too (after a full-width mark set close by a negative spacing, the next piece stands
    that much further on), and its glyphs' `widths` at their size unscaled (pypdf leaves
    out the horizontal scaling of a line set at more than 100%)."""
    best: list[tuple[int, int] | None] = [(0, 0)] + [None] * n
    back = [0] * (n + 1)
    for i in range(n):
        if best[i] is None or (best[n] is not None and best[i] >= best[n]):
            continue  # costs only grow: no better way to the end from here
        spacing, drawn = None, 0.0
        for j in range(i + 1, n + 1):  # the piece of glyphs i .. j-1
            if j - 1 > i:
                if j - 1 in forced or (spacing is not None
                                       and abs(gaps[j - 2] - spacing) > 0.001):
                    break
                spacing = gaps[j - 2]
            drawn += widths[j - 1]
            # where the piece's glyphs end, less where pypdf has its pen (Tz left out)
            behind = drawn * (scale - 1) + (j - 1 - i) * (spacing or 0.0) * (1 - 1 / scale)
            read = int(j < n and j not in forced and (
                gaps[j - 1] > far[j - 1]
                or gaps[j - 1] - (spacing or 0.0) / scale + behind > narrow))
            cost = (best[i][0] + read, best[i][1] + 1)
            if best[j] is None or cost < best[j]:
                best[j], back[j] = cost, i
    starts = []
    j = n
    while j:
        j = back[j]
        starts.append(j)
    return starts[::-1]
