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
from dataclasses import dataclass, field

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
    hex digits ReportLab writes, which readers take for U+20BB; the reach glyph (REACH) read
    as a word joiner."""
    return re.sub(r"<([0-9A-F]{5,6})>",
                  lambda m: f"<{chr(int(m[1], 16)).encode('utf-16-be').hex().upper()}>",
                  _reportlab_to_unicode(fontname, subset)).replace(
        f"<{ord(REACH):04X}>", f"<{ord(WORD_JOINER):04X}>")


# The archive's reach glyph: a face's widest blank glyph under a code point no text has (a
# noncharacter), drawn after the glyph before a gap that readers would take for a word space
# so that its advance ends where the next show operator starts; it reads as U+2060 WORD
# JOINER (no text, no break) where a reader does not honour the /ActualText around it
REACH = "\ufdd0"
WORD_JOINER = "\u2060"
BLANKS = "\u3000\u2003\u2002\u0020"  # blank glyphs a face may have, widest first

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
    items = [i for page in pages for i in page.items]
    faces = {f.key: f for f in fonts.faces()}
    used = _chars_by_face(items, faces)
    if searchable := settings.searchable:  # a face's reach glyph is one of its blank glyphs
        for key, chars in used.items():
            if key in faces and _blank(faces[key]):
                chars.add(_blank(faces[key]))
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
    pieces = {id(run): _pieces(run, faces[run.face], searchable) for run in items
              if isinstance(run, TextRun) and run.face in names}
    readings = {k: v for page in pages if searchable
                for k, v in _readings(page.items, faces, pieces).items()}
    _one_subset(canvas, names, faces, items, pieces, readings)
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
        painter = _Painter(canvas, names, fonts, settings.colour, pieces, readings, searchable)
        for item in page.items:
            painter.paint(item)
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


def _one_subset(canvas: Canvas, names: dict[str, str], faces: dict, items,
                pieces: dict[int, list], readings: dict) -> None:
    """The characters of each show operator whose glyphs stand apart (a spread name, a Han
    character and the figure it is spaced from) given their codes before anything is drawn,
    in one of ReportLab's 256-code subsets as far as they fit: ReportLab draws a text in two
    subsets with two show operators, and a reader takes a wide gap between two text objects
    for a word space, where one operator's character spacing is none. A glyph drawn with
    the reach glyph after it (the searchable renditions) goes first, with its face's reach
    glyph: the two are one show operator."""
    runs = [run for run in items if isinstance(run, TextRun) and id(run) in pieces]
    for run in runs:
        font = pdfmetrics.getFont(names[run.face])
        for start in readings[id(run)].reach if id(run) in readings else ():
            _install_reach(font, faces[run.face])
            font.splitString(run.chars[start] + REACH, canvas._doc)
    for run in runs:
        font = pdfmetrics.getFont(names[run.face])
        for _, text, _, _, spacing, _ in pieces[id(run)]:
            if len(text) > 1 and spacing > NARROW * run.style.size:
                font.splitString(text, canvas._doc)


def _chars_by_face(items, faces: dict) -> dict[str, set[str]]:
    """The characters each face draws: a converted font carries exactly these."""
    used: dict[str, set[str]] = {}
    for item in items:
        if isinstance(item, TextRun):
            used.setdefault(item.face, set()).update(item.chars)
            if item.face in faces and _added_hyphens(item):
                used[item.face].add(_hyphen_glyph(faces[item.face]))
        elif isinstance(item, Image):  # a proof draws a missing picture's FPO label
            for face, chars in _chars_by_face(item.placeholder, faces).items():
                used.setdefault(face, set()).update(chars)
    return used


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


def _trace(path, ops: list[tuple], x: float, y: float, wide: float, high: float,
           lean: float) -> None:
    """A glyph's outline (in em: Face.outline) onto a ReportLab path from (x, y), its em
    `wide` across and `high` up, leaning `lean` across for each unit up."""
    for op, *v in ops:
        if op == "Z":
            path.close()
            continue
        points = [(x + px * wide + py * lean * high, y + py * high)
                  for px, py in zip(v[::2], v[1::2])]
        {"M": path.moveTo, "L": path.lineTo, "C": path.curveTo}[op](
            *(c for point in points for c in point))


# a clipping rectangle far larger than any page, less the dashes outlined over their glyphs
HIDE = 1e5


class _Painter:
    def __init__(self, canvas: Canvas, names: dict[str, str], fonts: FontSet, mode: str,
                 pieces: dict[int, list], readings: dict[int, _Reading],
                 outlined: bool = False):
        self.c = canvas
        self.names = names
        self.faces = {f.key: f for f in fonts.faces()}
        self.mode = mode
        self.pieces = pieces  # each text run's show operators, by the run's id
        self.readings = readings  # what the searchable renditions draw besides, by run id
        self.outlined = outlined  # joined dashes drawn as widened outlines (see outlines)

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
        outlined = self.outlined and id(run) in self.pieces and self.outlines(run, face)
        reading = self.readings.get(id(run)) or _Reading()
        hyphens = set(reading.hyphen.values())  # read within the letter's span
        starts = {a: text for a, _, text in run.actual if a not in hyphens}
        ends = {b for a, b, _ in run.actual if a not in hyphens}
        ends |= {b + 1 for b in hyphens}
        pieces = self.pieces.get(id(run)) or _pieces(run, face)  # or a placeholder's
        for start, text, x, y, spacing, stretch in pieces:
            if start in starts or start in reading.hyphen:
                # marked content within the text object (PDF 32000-1 14.9.4): readers take
                # the stretch's text from /ActualText, not from its glyphs
                said = starts[start] if start in starts else text
                t._code.append(f"/Span <</ActualText {_text_string(said)}>> BDC")
            if text == "-" and _added_at(run, start):  # a hyphen the composer added
                text = _hyphen_glyph(face)
            if skew or stretch != 1.0:
                t.setTextTransform(stretch, 0, skew, 1, x, y)
            else:
                t.setTextOrigin(x, y)
            if start in reading.reach:
                self._reach(t, run, face, start, reading.reach[start])
            elif stretch == 1.0:
                t.setCharSpace(spacing / style.scale)
                self._show(t, run, start, text, spacing, start in reading.spaced)
            else:
                t.setCharSpace(0)
                self._joined(t, run, face, text, spacing, stretch)
            if start + len(text) in ends:
                t._code.append("EMC")
        if style.scale != 1.0:  # Tz outlives the text object: the next run starts at 100%
            t.setHorizScale(100)
        self.c.drawText(t)
        if outlined:
            self.c.restoreState()
        if face.synthetic_bold:
            self.c.restoreState()

    def outlines(self, run: TextRun, face) -> bool:
        """The run's joined dashes (——) drawn as outlines widened to their advances, as the
        print file widens their glyphs, and the graphics state saved and clipped to hide the
        glyphs of the text object drawn next there; whether it has any. The searchable
        renditions keep such dashes in the show operator of the text around them: pdfium
        puts a line within half a headline's em of the headline's into the headline's line
        and reads it by where its show operators start, and a kicker's —— drawn as an
        operator of its own came before the headline, the rest of the kicker after it."""
        joins = _dash_joins(run, face)
        if not joins:
            return False
        size, em = run.style.size, run.style.size * run.style.scale
        skew = OBLIQUE if face.synthetic_oblique else 0.0
        ys = run.ys or (run.y,) * len(run.chars)
        ink, hide = self.c.beginPath(), self.c.beginPath()
        hide.rect(-HIDE, -HIDE, 2 * HIDE, 2 * HIDE)
        for a, b in joins:
            wide = em * _stretch(face, run.chars[a])
            for k in range(a, b):
                _trace(ink, face.outline(run.chars[k]),
                       run.xs[k] - face.blank(run.chars[k])[0] * wide, ys[k], wide, size, skew)
            right = run.xs[b - 1] + face.advance(run.chars[b - 1]) * em
            hide.rect(run.xs[a], ys[a] - size, right - run.xs[a], 2.5 * size)
        self.c.drawPath(ink, fill=1, stroke=1 if face.synthetic_bold else 0, fillMode=1)
        self.c.saveState()
        self.c.clipPath(hide, stroke=0, fill=0, fillMode=0)  # even-odd: all but the dashes
        return True

    def _show(self, t, run: TextRun, start: int, text: str, spacing: float,
              spaced: bool) -> None:
        """The piece's glyphs shown, a space glyph after them where `spaced` (every subset of
        ReportLab's has the space at code 32), and a glyph whose gap differs from the piece's
        spacing (joined dashes kept in their piece: see _pieces) moved there."""
        face = self.faces[run.face]
        size = run.style.size * run.style.scale
        kerns = {k: 1000 * (spacing - (run.xs[k + 1] - run.xs[k] - face.advance(run.chars[k])
                                        * size)) / size
                 for k in range(start, start + len(text) - 1)}
        kerns = {k: v for k, v in kerns.items() if abs(v) > 0.5}
        if not spaced and not kerns:
            t.textOut(text)
            return
        font = pdfmetrics.getFont(self.names[run.face])
        chunks = font.splitString(text, self.c._doc)
        k = start
        for n, (subset, codes) in enumerate(chunks):
            self._subset(t, run, font, subset)
            parts, part = [], b""
            for code in codes:
                part += bytes([code])
                if k in kerns and k + 1 < start + len(text):
                    parts += [f"({self.c._escape(part)})", fp_str(kerns[k])]
                    part = b""
                k += 1
            part += b" " if spaced and n == len(chunks) - 1 else b""
            parts += [f"({self.c._escape(part)})"] if part else []
            t._code.append(f"[{' '.join(parts)}] TJ" if len(parts) > 1 else f"{parts[0]} Tj")

    def _reach(self, t, run: TextRun, face, k: int, reach: float) -> None:
        """Glyph `k` of the run and the reach glyph after it, in one span that reads as the
        glyph (see _readings). The reach glyph is moved back to end at `reach` — on a line
        set wider than 100%, as far past it as pypdf, which leaves out the horizontal scale,
        takes it to end short (pdfium reads no space where the next operator starts before
        the reach glyph's end) — but no further back than the glyph's ink, so that pdfium's
        box of the glyph is its own."""
        scale = run.style.scale
        size = run.style.size * scale
        ch = run.chars[k]
        font = pdfmetrics.getFont(self.names[run.face])
        chunks = font.splitString(ch + REACH, self.c._doc)
        t.setCharSpace(0)
        if len(chunks) > 1:  # not in one subset: the glyph alone
            t.textOut(ch)
            return
        [(subset, codes)] = chunks
        self._subset(t, run, font, subset)
        x = run.xs[k]
        ink = x + face.blank(ch)[0] * size
        pen, wide = x + face.advance(ch) * size, face.advance(_blank(face)) * size
        end = max(x + max(1.0, scale) * (reach - x), ink + wide)
        # pypdf reads a space where a TJ moves on by half a space: past the glyph's advance
        # a second reach glyph goes on from the first instead
        at = [end - wide] if end - wide <= pen else [max(end - 2 * wide, ink), end - wide]
        glyph, blank = (f"({self.c._escape(part)})" for part in (codes[:1], codes[1:]))
        parts = [glyph]
        for before, here in zip([pen - wide, *at], at):
            parts += [fp_str(1000 * (before + wide - here) / size), blank]
        t._code.append(f"/Span <</ActualText {_text_string(ch)}>> BDC "
                       f"[{' '.join(parts)}] TJ EMC")

    def _subset(self, t, run: TextRun, font, subset: int) -> None:
        """The text object set to the font's `subset`, as ReportLab's textOut sets it."""
        if subset != t._curSubset:
            t._code.append(f"{font.getSubsetInternalName(subset, self.c._doc)} "
                           f"{fp_str(run.style.size)} Tf {fp_str(t._leading)} TL")
            t._curSubset = subset

    def _joined(self, t, run: TextRun, face, dashes: str, spacing: float,
                stretch: float) -> None:
        """Dashes that join, widened `stretch` times by the text matrix so that each one's ink
        fills its advance, in one TJ whose offsets keep the piece's origin where its first
        advance starts (where readers look for it) and each dash where layout put it: the
        first is moved back by its blank on the left, each next one by its two blanks."""
        size = run.style.size * run.style.scale
        advance = face.advance(dashes[0])
        back = 1000 * (advance - (advance * size + spacing) / (size * stretch))
        font = pdfmetrics.getFont(self.names[run.face])
        [(subset, codes)] = font.splitString(dashes, self.c._doc)  # one glyph: one subset
        self._subset(t, run, font, subset)
        glyph = f"({self.c._escape(codes[:1])})"
        parts = [fp_str(1000 * face.blank(dashes[0])[0]), glyph]
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


@dataclass
class _Reading:
    """How a searchable rendition draws a run's show operators besides its glyphs, each
    operator by its first glyph."""

    # a one-glyph operator before a gap a reader would take for a word space where the text
    # has none → where the next operator starts: the reach glyph's advance ends there
    reach: dict[int, float] = field(default_factory=dict)
    # operators before a space of the text, which a space glyph ends: read by every reader
    # however narrow it is drawn (5 月 18 日 set tight, a space at a change of face)
    spaced: set[int] = field(default_factory=set)
    # the one-glyph operator before a hyphen the composer added → the hyphen's operator: one
    # span reads the two as the letter alone
    hyphen: dict[int, int] = field(default_factory=dict)


def _readings(items, faces: dict, pieces: dict[int, list]) -> dict[int, _Reading]:
    """What the searchable renditions (archive, proof) draw for readers besides the glyphs,
    by run id; each run's show operators (`pieces`) cut further where that needs a glyph
    of its own.

    pdfium (Chrome, Foxit) reads a word space between two show operators whose glyphs stand
    more than a share of the wider one apart (⅙ of a Han character, ¼ of a figure:
    CPDF_TextPage::ProcessInsertObject), pypdf between two that stand apart by half a space
    more than the pen of the first has gone — whatever the text. Where the text has nothing
    between (a Han character and the bold figure beside it, ¼ em apart in two faces; the
    glyphs of a loose line), the glyph before the gap is drawn alone with the face's reach
    glyph after it, whose advance ends where the next operator starts: both readers measure
    the gap from there and read none, and the pair is a span whose /ActualText is the glyph
    alone, which pdfium boxes over the glyph's own ink. Where a line's text has a space
    (drawn as white, or not at all: 5 月 18 日 set tight), the operator before it ends with
    a space glyph, which every reader reads as one and takes for the gap's. The letter
    before a hyphen the composer added is drawn alone, in one span with the hyphen that
    reads as the letter: pdfium read the hyphen as U+FFFE."""
    runs = [i for i in items if isinstance(i, TextRun) and id(i) in pieces]
    out = {}
    for k, run in enumerate(runs):
        if run.ys or run.apart is None:
            continue
        after = runs[k + 1] if k + 1 < len(runs) else None
        if not (after is not None and not after.ys and after.apart is not None
                and after.y == run.y and after.xs[0] > run.xs[-1]):
            after = None
        out[id(run)] = _run_reading(run, faces, pieces, after)
    return out


def _run_reading(run: TextRun, faces: dict, pieces: dict[int, list],
                 after: TextRun | None) -> _Reading:
    """A run's reading (see _readings); `after`: the run drawn next on its line, if any."""
    face = faces[run.face]
    reading = _Reading()
    ops = pieces[id(run)]
    inside = {k for a, b, _ in run.actual for k in range(a, b)}
    for a, b, text in run.actual:
        if not text and b == a + 1 and run.chars[a] == "-" and a and a - 1 not in inside:
            _cut(ops, run, a - 1)
            reading.hyphen[a - 1] = a
    apart = set(run.apart)
    i = 0
    while i < len(ops):
        start, text, _, _, _, stretch = ops[i]
        last = start + len(text) - 1
        if i + 1 < len(ops):
            nxt, between = (run, ops[i + 1][0]), ops[i + 1][0] in apart
        elif after is not None:
            nxt, between = (after, 0), not after.joined
            if between and after.xs[0] - run.xs[last] > 2 * run.style.size:
                break  # an em of white or more: read as a space by its gap, and maybe
                # another line's run (the next column's, at the same baseline)
        else:
            break
        pdfium, pypdf = _read_after(run, face, ops[i], *nxt, faces[nxt[0].face])
        if between:
            # (a stretch that reads otherwise is read from its span: pdfium boxes its text
            # over its first operator, which a space glyph after its spacing would widen)
            if stretch == 1.0 and 0x20 in face.coverage and last not in inside:
                reading.spaced.add(start)
        elif (pdfium or pypdf) and stretch == 1.0 and last not in inside \
                and start not in reading.reach and _blank(face):
            if len(text) > 1:
                _cut(ops, run, last)
                continue  # the operator before is read again
            reading.reach[start] = nxt[0].xs[nxt[1]]
        i += 1
    return reading


def _cut(ops: list, run: TextRun, k: int) -> None:
    """Glyph `k` of the run starts an operator of its own: its piece cut there (in place)."""
    for i, (start, text, x, y, spacing, stretch) in enumerate(ops):
        if start < k < start + len(text):
            head, tail = text[:k - start], text[k - start:]
            ops[i:i + 1] = [(start, head, x, y, spacing if len(head) > 1 else 0.0, stretch),
                            (k, tail, run.xs[k], (run.ys or (run.y,) * len(run.chars))[k],
                             spacing if len(tail) > 1 else 0.0, stretch)]
            return


def _read_after(run: TextRun, face, op: tuple, after: TextRun, k: int, face_after
                ) -> tuple[bool, bool]:
    """Whether pdfium and whether pypdf read a word space between the show operator `op` of
    the run and the next one, which starts with glyph `k` of `after`: pdfium by the white
    between the two glyphs against its share of the wider one, pypdf by where the next one
    starts against where it follows the pen — the operator's advances at their size without
    the horizontal scale (Tz), its spacing after every glyph — plus half a space."""
    start, text, x, _, spacing, _ = op
    last = start + len(text) - 1
    size, scale = run.style.size, run.style.scale
    before, next_ = face.advance(run.chars[last]), face_after.advance(after.chars[k])
    white = after.xs[k] - run.xs[last] - before * size * scale
    em = size * scale if before >= next_ else after.style.size * after.style.scale
    pdfium = white > _pdfium_space(before, next_) * em
    pen = sum(face.advance(ch) for ch in text) * size + len(text) * spacing / scale
    half = 0.5 * min(face.advance(" ") * size, face_after.advance(" ") * after.style.size)
    pypdf = after.xs[k] - x - pen > 0.8 * half
    return pdfium, pypdf


def _blank(face) -> str | None:
    """The face's widest blank glyph, drawn as its reach glyph (None: it has none)."""
    return next((ch for ch in BLANKS if ord(ch) in face.coverage
                 and face.blank(ch) == (0.0, 0.0) and face.advance(ch) > 0), None)


def _install_reach(font, face) -> None:
    """The reach glyph in ReportLab's font: the face's blank glyph under REACH's code point."""
    blank = ord(_blank(face))
    font.face.charToGlyph[ord(REACH)] = font.face.charToGlyph[blank]
    font.face.charWidths[ord(REACH)] = font.face.charWidths[blank]


# dashes that join when set side by side: —— (GB/T 15834 §4.13: one unbroken line two ems
# long), and the horizontal bar and the two- and three-em dashes some texts write it with
DASHES = "\u2014\u2015\u2e3a\u2e3b"


def _pieces(run: TextRun, face, outlined: bool = False
            ) -> list[tuple[int, str, float, float, float, float]]:
    """The run as (first glyph, text, x, y, char spacing, stretch) pieces, one show operator
    each, whose glyphs sit at their natural advance plus one constant spacing: a justified
    line is one or a few operators. A stretch that reads otherwise than its glyphs starts and
    ends a piece. Where the run knows where its text has spaces (`apart`), pieces part there
    and only at gaps too narrow to be read as a space elsewhere: a wider gap with nothing
    between in the text (a Han character and a figure, ¼ em) is kept inside a piece as its
    spacing, which readers do not take for a word space. Dashes that join (——) are a piece
    of their own, drawn `stretch` times as wide so that their ink fills their advances — or,
    `outlined`, glyphs of their pieces like any, which the painter hides under their
    widened outlines (see _Painter.outlines)."""
    n = len(run.chars)
    size, scale = run.style.size, run.style.scale
    ys = run.ys or (run.y,) * n
    gaps = [run.xs[k + 1] - run.xs[k] - face.advance(run.chars[k]) * size * scale
            for k in range(n - 1)]
    forced = {k for stretch in run.actual for k in stretch[:2]}
    forced |= {k for k in range(1, n) if ys[k] != ys[k - 1]}
    joins = _joins(run, face, gaps, forced)
    if outlined:  # within a piece, the joined dashes' own gaps (no tracking inside ——) are
        # kerned in its operator: cut as if they were the gap after them (see _Painter._show)
        for a, b in joins:
            for k in range(a, b - 1):
                gaps[k] = gaps[b - 1] if b - 1 < n - 1 else gaps[a - 1] if a else gaps[k]
        joins = []
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


def _dash_joins(run: TextRun, face) -> list[tuple[int, int]]:
    """The run's joined dashes, as _pieces finds them."""
    n = len(run.chars)
    size, scale = run.style.size, run.style.scale
    ys = run.ys or (run.y,) * n
    gaps = [run.xs[k + 1] - run.xs[k] - face.advance(run.chars[k]) * size * scale
            for k in range(n - 1)]
    forced = {k for stretch in run.actual for k in stretch[:2]}
    forced |= {k for k in range(1, n) if ys[k] != ys[k - 1]}
    return _joins(run, face, gaps, forced)


def _joins(run: TextRun, face, gaps: list[float], forced: set[int]) -> list[tuple[int, int]]:
    """The joined dashes of the run (see _joined_dashes) that no forced cut or space of the
    text parts."""
    return [(a, b) for a, b in _joined_dashes(run, face, gaps)
            if not any(a < k < b for k in forced | set(run.apart or ()))]


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
