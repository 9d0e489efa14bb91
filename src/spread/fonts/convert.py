"""Turn OpenType/CFF fonts into small TrueType fonts that ReportLab can embed.

ReportLab's ``TTFont`` only understands TrueType (``glyf``) outlines, while most
CJK fonts (Noto CJK, Source Han, ...) ship as CFF-flavoured OTF or OTC/TTC
collections.  The helpers here open one face of such a file, fix the widths of
CJK punctuation, subset it and rebuild its outlines as quadratic ``glyf``
contours, writing byte-for-byte reproducible files.

Typical use::

    font = open_face("NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC")
    report = fullwidth_quotes(font)          # before subset(): needs GSUB
    font = subset(font, chars)
    font = cff_to_truetype(font)
    save_deterministic(font, "NotoSerifSC-Regular.ttf")
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTCollection, TTFont, newTable
from fontTools.unicodedata import script

__all__ = [
    "Face",
    "list_faces",
    "open_face",
    "subset",
    "cff_to_truetype",
    "save_deterministic",
    "fullwidth_quotes",
    "compose_accented",
    "compose_scripts",
    "advance",
]

# Tables a PDF embedder needs.  Everything else (layout, hinting, colour,
# bitmaps, kerning) is dropped: ReportLab ignores it and it only adds bytes.
ESSENTIAL_TABLES = frozenset(
    {"cmap", "glyf", "loca", "CFF ", "CFF2", "hmtx", "hhea", "head", "maxp",
     "name", "OS/2", "post"}
)
# Vertical metrics are cheap and let a future vertical composer work; VORG is
# the CFF-only vertical-origin table (folded into vmtx by cff_to_truetype).
VERTICAL_TABLES = frozenset({"vhea", "vmtx", "VORG"})

# Name IDs looked at when a collection face is chosen by name:
# family, full name, PostScript name, typographic family.
_FACE_NAME_IDS = (1, 4, 6, 16)


# --------------------------------------------------------------------------
# Opening fonts
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Face:
    """One face of a font file, as seen from its name table."""

    index: int
    family: str
    subfamily: str
    full_name: str
    names: tuple[str, ...]  # every name that open_face() accepts for it

    def __str__(self) -> str:
        return f"{self.index}: {self.full_name} ({self.family} / {self.subfamily})"


def _norm(name: str) -> str:
    # Case- and whitespace-insensitive, so "noto serif cjk  sc" still matches.
    return " ".join(name.casefold().split())


def is_collection(path: str | os.PathLike) -> bool:
    # Trust the magic number, not the extension: ".ttf" collections exist.
    with open(path, "rb") as fh:
        return fh.read(4) == b"ttcf"


def _face_info(index: int, font: TTFont) -> Face:
    name = font["name"] if "name" in font else None  # a damaged font, refused by its Face

    def get(name_id: int) -> str | None:
        return name.getDebugName(name_id) if name else None

    names = tuple(n for n in (get(i) for i in _FACE_NAME_IDS) if n)
    return Face(
        index=index,
        family=get(16) or get(1) or "",
        subfamily=get(17) or get(2) or "",
        full_name=get(4) or get(1) or "",
        names=names,
    )


def list_faces(path: str | os.PathLike) -> list[Face]:
    """Describe every face in ``path`` (one entry for a plain .ttf/.otf)."""
    if is_collection(path):
        collection = TTCollection(path, lazy=True)
        try:
            return [_face_info(i, f) for i, f in enumerate(collection.fonts)]
        finally:
            collection.close()
    with TTFont(path, lazy=True) as font:
        return [_face_info(0, font)]


def open_face(path: str | os.PathLike, face: int | str | None = None, *,
              lazy: bool | None = None) -> TTFont:
    """Open a .ttf/.otf/.ttc/.otc and return one face as a standalone TTFont.

    For a collection ``face`` is an index or a name compared (case- and
    space-insensitively) with the family, typographic family, full and
    PostScript names, e.g. ``"Noto Serif CJK SC"``.  Choosing by name matters
    because member order differs between releases of the same collection.
    ``face=None`` on a collection is an error: silently taking face 0 of a
    CJK collection usually means getting the Japanese glyph forms.
    Raises ValueError, listing the faces, when nothing (or more than one
    face) matches.  ``lazy`` is passed to TTFont (True: cheap metadata peek).
    """
    faces = list_faces(path)
    if not faces:  # a collection's header may count none
        raise ValueError(f"{path}: it is a font collection that holds no fonts")
    collection = is_collection(path)
    # what the file holds, said as a layout names a face (face: its number or its name)
    held = (f"it holds {len(faces)} faces, face 0 to face {len(faces) - 1}:\n  "
            + "\n  ".join(str(f) for f in faces) if collection
            else f"it is one font, {faces[0].full_name}, not a collection of several")

    if face is None:
        if collection:
            raise ValueError(f"{path} is a font collection: the layout must say which face "
                             f"(face: its number or its name); {held}")
        index = 0
    elif isinstance(face, int):
        if not 0 <= face < len(faces):
            raise ValueError(f"{path} has no face {face}: {held}")
        index = face
    else:
        wanted = _norm(face)
        hits = [f for f in faces if wanted in {_norm(n) for n in f.names}]
        if len(hits) > 1:
            # Prefer an exact full-name hit ("Noto Sans CJK SC Bold") over a
            # family hit shared by several members.
            exact = [f for f in hits if _norm(f.full_name) == wanted]
            hits = exact if len(exact) == 1 else hits
        if not hits and face.strip().isdigit() and int(face) < len(faces):
            hits = [faces[int(face)]]  # face: "1", the number quoted: no face is named so
        if len(hits) != 1:
            problem = "has no face named" if not hits else "has several faces named"
            raise ValueError(f"{path} {problem} {face!r}: {held}")
        index = hits[0].index

    if collection:
        return TTFont(path, fontNumber=index, lazy=lazy)
    return TTFont(path, lazy=lazy)


# --------------------------------------------------------------------------
# Metrics helpers
# --------------------------------------------------------------------------

def advance(font: TTFont, char: str) -> int | None:
    """Horizontal advance of ``char`` in font units, None if unmapped."""
    glyph = font.getBestCmap().get(ord(char))
    return None if glyph is None else font["hmtx"][glyph][0]


def _unicode_subtables(font: TTFont):
    return [t for t in font["cmap"].tables if t.isUnicode() and t.format != 14]


def _remap(font: TTFont, codepoint: int, glyph: str) -> None:
    for table in _unicode_subtables(font):
        if codepoint in table.cmap:
            table.cmap[codepoint] = glyph


def _fwid_alternates(font: TTFont) -> dict[str, str]:
    """Single substitutions of the GSUB 'fwid' (full widths) feature."""
    if "GSUB" not in font or font["GSUB"].table.FeatureList is None:
        return {}
    gsub = font["GSUB"].table
    indices: list[int] = []
    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag == "fwid":
            indices += [i for i in record.Feature.LookupListIndex if i not in indices]
    result: dict[str, str] = {}
    for i in indices:
        lookup = gsub.LookupList.Lookup[i]
        for sub in lookup.SubTable:
            kind = lookup.LookupType
            if kind == 7:  # extension lookup: unwrap
                kind, sub = sub.ExtensionLookupType, sub.ExtSubTable
            if kind == 1:
                for src, dst in sub.mapping.items():
                    result.setdefault(src, dst)
    return result


def _add_padded_glyph(font: TTFont, source: str, name: str, dx: int) -> None:
    """Add ``name``: a copy of glyph ``source`` moved by ``dx``, one em wide.

    Only for glyf fonts (the outline is redrawn into a simple glyph so no
    consumer has to cope with composites).
    """
    upem = font["head"].unitsPerEm
    pen = TTGlyphPen(font.getGlyphSet())
    font.getGlyphSet()[source].draw(TransformPen(pen, (1, 0, 0, 1, dx, 0)))
    _append_glyph(font, name, pen.glyph(), upem, source)


def _append_glyph(font: TTFont, name: str, glyph, advance: int, like: str) -> None:
    """Add ``glyph`` as ``name`` at the end of the glyph order, ``advance`` wide, with the
    vertical advance of glyph ``like``."""
    glyf = font["glyf"]
    order = font.getGlyphOrder() + [name]
    glyf.glyphs[name] = glyph
    font.setGlyphOrder(order)
    glyf.setGlyphOrder(order)
    glyph.recalcBounds(glyf)
    font["hmtx"][name] = (advance, getattr(glyph, "xMin", 0))
    if "vmtx" in font:
        font["vmtx"][name] = font["vmtx"][like]
    # post format 2 picks up new glyph names by itself when compiled.


# The characters whose width Chinese typesetting depends on.
QUOTES = "\u201c\u201d\u2018\u2019"          # “ ” ‘ ’
DASH_AND_ELLIPSIS = "\u2014\u2026"           # — …
REPORT_ONLY = "\u00b7\u2027\u30fb"           # · ‧ ・
# Opening marks hug the text that follows them, so their ink sits on the
# right of the em box; closing marks sit on the left.
_OPENING = "\u201c\u2018"


def fullwidth_quotes(font: TTFont, *, synthesize: bool = True) -> list[dict]:
    """Make “ ” ‘ ’ (and — … when needed) one em wide in the default cmap.

    Chinese text sets quotes, the em dash and the ellipsis on the full-width
    grid, but many CJK fonts map these shared Latin code points to
    proportional glyphs and keep the full-width forms behind the GSUB 'fwid'
    feature, which a PDF library never applies.  So the cmap is pointed at
    the 'fwid' alternate.  Call this *before* subset(), which drops GSUB.

    If no one-em alternate exists and ``synthesize`` is true (glyf fonts
    only), the proportional glyph is padded to one em: opening quotes
    flush right, closing quotes flush left (— and … are centred).
    · ‧ ・ are only reported, never changed.

    Returns one dict per character: char, codepoint, before/after glyph and
    advance, and the action taken ("ok", "fwid", "synthesized", "missing",
    "unchanged", "report-only").
    """
    upem = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    fwid = _fwid_alternates(font)
    report = []
    for char in QUOTES + DASH_AND_ELLIPSIS + REPORT_ONLY:
        cp = ord(char)
        glyph = cmap.get(cp)
        entry = {
            "char": char,
            "codepoint": f"U+{cp:04X}",
            "name": unicodedata.name(char, ""),
            "glyph": glyph,
            "advance": None if glyph is None else hmtx[glyph][0],
        }
        report.append(entry)
        if glyph is None:
            entry["action"] = "missing"
            continue
        if char in REPORT_ONLY:
            entry["action"] = "report-only"
            continue
        if hmtx[glyph][0] == upem:
            entry["action"] = "ok"
            continue
        alt = fwid.get(glyph)
        if alt is not None and hmtx[alt][0] == upem:
            new, action = alt, "fwid"
        elif synthesize and "glyf" in font:
            width = hmtx[glyph][0]
            if char in QUOTES:
                dx = upem - width if char in _OPENING else 0
            else:
                dx = (upem - width) // 2
            new = f"{glyph}.fw"
            _add_padded_glyph(font, glyph, new, dx)
            action = "synthesized"
        else:
            entry["action"] = "unchanged"
            continue
        _remap(font, cp, new)
        entry.update(action=action, new_glyph=new, new_advance=hmtx[new][0])
    return report


# --------------------------------------------------------------------------
# Accented letters from the font's own parts
# --------------------------------------------------------------------------

# How far (in em) a letter's top (or foot) may be from the donor's letter for
# the donor's accent to fit it: an x-height letter takes a lower-case accent,
# a capital a capital's; an ascender (d, l, t) finds no donor and stays missing.
_HEIGHT_TOLERANCE = 0.02
_ABOVE, _BELOW = (230,), (202, 220)   # canonical combining classes
# Slovak and Czech set the caron of these as a stroke beside the stem, a form
# no donor letter shows: left missing rather than drawn wrong.
_CARON_BESIDE = "ĎďŤťĽľ"


def _contours(font: TTFont, glyph_name: str) -> list[tuple]:
    """A simple glyf glyph as a list of contours, each ((x, y, on-curve), ...)."""
    glyf = font["glyf"]
    glyph = glyf[glyph_name]
    if glyph.numberOfContours <= 0:
        return []
    coords, ends, flags = glyph.getCoordinates(glyf)
    contours, start = [], 0
    for end in ends:
        contours.append(tuple((int(x), int(y), flags[i] & 1)
                              for i, (x, y) in enumerate(coords[start:end + 1], start)))
        start = end + 1
    return contours


def _accent(font: TTFont, base: str, donor: str) -> list[tuple] | None:
    """The contours ``donor`` has beyond ``base``'s, if it holds all of base's."""
    rest = _contours(font, donor)
    held = _contours(font, base)
    if not held:
        return None
    for contour in held:
        if contour not in rest:
            return None
        rest.remove(contour)
    return rest or None


def _bounds(contours: list[tuple]) -> tuple[int, int, int, int]:
    xs = [p[0] for c in contours for p in c]
    ys = [p[1] for c in contours for p in c]
    return min(xs), min(ys), max(xs), max(ys)


def _add_contour_glyph(font: TTFont, name: str, contours: list[tuple],
                       like: str) -> None:
    """Add a simple glyph of ``contours`` with the advances of glyph ``like``."""
    pen = TTGlyphPen(None)
    for contour in contours:
        # glyf contours may start off-curve; the pen wants an on-curve start.
        first = next((i for i, p in enumerate(contour) if p[2]), 0)
        points = contour[first:] + contour[:first]
        pen.moveTo(points[0][:2])
        pending = []
        for x, y, on in points[1:]:
            if on:
                (pen.qCurveTo(*pending, (x, y)) if pending else pen.lineTo((x, y)))
                pending = []
            else:
                pending.append((x, y))
        if pending:
            pen.qCurveTo(*pending, points[0][:2])
        pen.closePath()
    _append_glyph(font, name, pen.glyph(), font["hmtx"][like][0], like)


def compose_accented(font: TTFont, codepoints: Iterable[int]) -> list[dict]:
    """Add the letters of ``codepoints`` the font lacks but can build from its own parts.

    A letter with one accent (ř = r + caron, by its Unicode decomposition) is
    drawn as the font's own base letter plus the accent taken out of a letter
    the font has with that accent (the caron of ň): the donor must contain
    the donor base's contours unchanged, and its base must be of the same
    height (for an accent above) or depth (below) as the new letter's base,
    so a capital takes a capital's accent and an ascender finds none.  The
    accent keeps its height and moves sideways with the base's centre.  Only
    Latin letters: Greek tonos and Cyrillic breves have their own forms.  For
    glyf fonts (after cff_to_truetype); returns one dict per letter added.
    """
    if "glyf" not in font:
        raise ValueError("compose_accented works on glyf outlines")
    cmap = font.getBestCmap()
    tolerance = _HEIGHT_TOLERANCE * font["head"].unitsPerEm
    donors: dict[str, list[tuple[int, str]]] = {}     # accent -> (donor, base)
    for cp in sorted(cmap):
        parts = unicodedata.normalize("NFD", chr(cp))
        if len(parts) == 2 and ord(parts[0]) in cmap and script(parts[0]) == "Latn":
            donors.setdefault(parts[1], []).append((cp, parts[0]))
    added = []
    for cp in sorted(set(codepoints) - set(cmap)):
        parts = unicodedata.normalize("NFD", chr(cp))
        if (len(parts) != 2 or ord(parts[0]) not in cmap or parts[1] not in donors
                or script(parts[0]) != "Latn" or chr(cp) in _CARON_BESIDE):
            continue
        base, mark = parts
        above = unicodedata.combining(mark) in _ABOVE
        if not above and unicodedata.combining(mark) not in _BELOW:
            continue
        base_glyph = cmap[ord(base)]
        base_contours = _contours(font, base_glyph)
        if not base_contours:
            continue
        bx0, by0, bx1, by1 = _bounds(base_contours)
        best = None
        for donor_cp, donor_base in donors[mark]:
            accent = _accent(font, cmap[ord(donor_base)], cmap[donor_cp])
            if accent is None:
                continue
            dx0, dy0, dx1, dy1 = _bounds(_contours(font, cmap[ord(donor_base)]))
            gap = abs(by1 - dy1) if above else abs(by0 - dy0)
            if gap <= tolerance and (best is None or gap < best[0]):
                shift = ((bx0 + bx1 - dx0 - dx1) // 2, (by1 - dy1) if above else (by0 - dy0))
                best = (gap, donor_cp, accent, shift)
        if best is None:
            continue
        _, donor_cp, accent, (sx, sy) = best
        moved = [tuple((x + sx, y + sy, on) for x, y, on in c) for c in accent]
        name = f"uni{cp:04X}"
        _add_contour_glyph(font, name, base_contours + moved, like=base_glyph)
        for table in _unicode_subtables(font):   # accented letters are all in the BMP
            table.cmap[cp] = name
        added.append({"codepoint": f"U+{cp:04X}", "char": chr(cp),
                      "base": base, "donor": chr(donor_cp)})
    return added


# --------------------------------------------------------------------------
# Superscripts and subscripts from the font's own figures
# --------------------------------------------------------------------------

# The characters a superior or inferior form may be built for: the block (figures,
# signs, parentheses and the letters of ⁿ ₐ ₓ ...) and ¹ ² ³ of Latin-1.
_SCRIPT_CODEPOINTS = (0x00B9, 0x00B2, 0x00B3, *range(0x2070, 0x20A0))
# A size below or above this share of the em is no superscript to build from (a
# font's OS/2 fields are sometimes zero or left at nonsense).
_SCRIPT_SIZES = (0.3, 0.9)


@dataclass(frozen=True)
class ScriptForm:
    """How a font sets one kind of script (superior or inferior) from its full-size glyph:
    scaled by ``width`` across and ``scale`` up about the origin (a designed superior is
    often wider than its figure made smaller, its stems kept stout), raised by ``rise``
    (negative: lowered) and given ``pad`` on each side, with ``figure_advance`` for figures
    where the existing ones are all of one width; ``source`` says where the numbers were
    taken from."""
    scale: float
    width: float
    rise: int
    pad: int
    figure_advance: int | None
    source: str


def _script_of(char: str) -> tuple[str, str] | None:
    """("super" or "sub", the full-size character) by Unicode's compatibility mapping."""
    decomposition = unicodedata.decomposition(char).split()
    if len(decomposition) == 2 and decomposition[0] in ("<super>", "<sub>"):
        return decomposition[0][1:-1], chr(int(decomposition[1], 16))
    return None


def _median(values: list[float]) -> float:
    values = sorted(values)
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def _measured_form(font: TTFont, kind: str) -> ScriptForm | None:
    """The form of the font's existing superior (or inferior) figures, measured against
    the full-size figures: the median over the pairs of their height and width ratios, the
    shift of their centre and the side room, so one odd design (a wide ¹) does not set it."""
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    pairs = []
    for cp in _SCRIPT_CODEPOINTS:
        found = _script_of(chr(cp))
        if (found and found[0] == kind and found[1].isdigit() and cp in cmap
                and ord(found[1]) in cmap):
            pairs.append((chr(cp), cmap[cp], cmap[ord(found[1])]))
    measured = []                  # (char, its ink box, the figure's, their advances)
    for char, small, full in pairs:
        small_box, full_box = _ink_box(font, small), _ink_box(font, full)
        if small_box is not None and full_box is not None:
            measured.append((char, small_box, full_box, hmtx[small][0], hmtx[full][0]))
    if not measured:
        return None
    scale = _f2dot14(_median([(s[3] - s[1]) / (f[3] - f[1]) for _, s, f, _, _ in measured]))
    width = _f2dot14(_median([(s[2] - s[0]) / (f[2] - f[0]) for _, s, f, _, _ in measured]))
    figures = {small for *_, small, _ in measured}
    return ScriptForm(scale=scale, width=width,
                      rise=round(_median([(s[1] + s[3] - scale * (f[1] + f[3])) / 2
                                          for _, s, f, _, _ in measured])),
                      pad=round(_median([(small - width * full) / 2
                                         for *_, small, full in measured])),
                      figure_advance=figures.pop() if len(figures) == 1 else None,
                      source=f"measured on {''.join(m[0] for m in measured)}")


def _f2dot14(value: float) -> float:
    """``value`` as a composite glyph stores a scale (14 fraction bits)."""
    return round(value * 16384) / 16384


def _ink_box(font: TTFont, glyph_name: str) -> tuple[float, float, float, float] | None:
    pen = BoundsPen(font.getGlyphSet())
    font.getGlyphSet()[glyph_name].draw(pen)
    return pen.bounds


def script_forms(font: TTFont) -> dict[str, ScriptForm]:
    """How the font sets superiors ("super") and inferiors ("sub"): measured on its own
    superior/inferior figures where it has some; else inferiors take the superiors' size
    and the OS/2 subscript offset, and a font with neither takes both from OS/2."""
    upem = font["head"].unitsPerEm
    os2 = font["OS/2"]
    forms = {kind: _measured_form(font, kind) for kind in ("super", "sub")}
    if forms["super"] is None:
        scale, width = os2.ySuperscriptYSize / upem, os2.ySuperscriptXSize / upem
        if all(_SCRIPT_SIZES[0] <= size <= _SCRIPT_SIZES[1] for size in (scale, width)):
            forms["super"] = ScriptForm(scale=_f2dot14(scale), width=_f2dot14(width),
                                        rise=os2.ySuperscriptYOffset, pad=0,
                                        figure_advance=None, source="OS/2 ySuperscript*")
    if forms["sub"] is None:
        sup = forms["super"]
        if sup is not None and sup.source.startswith("measured"):
            forms["sub"] = ScriptForm(scale=sup.scale, width=sup.width,
                                      rise=-os2.ySubscriptYOffset,
                                      pad=sup.pad, figure_advance=sup.figure_advance,
                                      source=f"size {sup.source}, offset OS/2 ySubscriptYOffset")
        else:
            scale, width = os2.ySubscriptYSize / upem, os2.ySubscriptXSize / upem
            if all(_SCRIPT_SIZES[0] <= size <= _SCRIPT_SIZES[1] for size in (scale, width)):
                forms["sub"] = ScriptForm(scale=_f2dot14(scale), width=_f2dot14(width),
                                          rise=-os2.ySubscriptYOffset, pad=0,
                                          figure_advance=None, source="OS/2 ySubscript*")
    return {kind: form for kind, form in forms.items() if form is not None}


def compose_scripts(font: TTFont, codepoints: Iterable[int]) -> list[dict]:
    """Add the superscripts and subscripts of ``codepoints`` the font lacks (² ₂ ⁺ ₍ ⁿ ...),
    each a composite glyph referencing the font's own full-size glyph (2, +, (, n), scaled
    and moved as script_forms() measures the font's existing ones; its advance is the full
    glyph's scaled across plus the same side room, a figure's that of the existing figures where
    they are all one width.  A composite is an exact copy of the face's design and costs a
    few bytes.  For glyf fonts (after cff_to_truetype); returns one dict per glyph added:
    codepoint, char, base, scale (up), width (across), dx, dy, advance, source."""
    if "glyf" not in font:
        raise ValueError("compose_scripts works on glyf outlines")
    cmap = font.getBestCmap()
    wanted = sorted(set(codepoints) & set(_SCRIPT_CODEPOINTS) - set(cmap))
    forms = script_forms(font) if wanted else {}
    hmtx = font["hmtx"]
    added = []
    for cp in wanted:
        found = _script_of(chr(cp))
        if found is None or found[0] not in forms or ord(found[1]) not in cmap:
            continue
        kind, full = found
        form, base = forms[kind], cmap[ord(full)]
        if form.figure_advance is not None and full.isdigit():
            advance = form.figure_advance
        else:
            advance = round(form.width * hmtx[base][0]) + 2 * form.pad
        dx = round((advance - form.width * hmtx[base][0]) / 2)   # centred as the full one is
        pen = TTGlyphPen(font.getGlyphSet())
        pen.addComponent(base, (form.width, 0, 0, form.scale, dx, form.rise))
        name = f"uni{cp:04X}"
        while name in font["glyf"].glyphs:
            name += ".script"
        _append_glyph(font, name, pen.glyph(), advance, base)
        for table in _unicode_subtables(font):      # all in the BMP
            table.cmap[cp] = name
        added.append({"codepoint": f"U+{cp:04X}", "char": chr(cp), "base": full,
                      "scale": form.scale, "width": form.width, "dx": dx, "dy": form.rise,
                      "advance": advance, "source": form.source})
    return added


# --------------------------------------------------------------------------
# Subsetting
# --------------------------------------------------------------------------

def subset(font: TTFont, chars: Iterable[str | int], *,
           vertical: bool = True) -> TTFont:
    """Subset ``font`` in place to ``chars`` (strings or code points).

    Hinting, layout tables (GSUB/GPOS/...) and glyph names are dropped: a
    PDF embeds the outlines and advances, nothing else.  Characters the font
    lacks are ignored.  Returns the same TTFont for chaining.
    """
    unicodes: set[int] = set()
    for item in chars:
        if isinstance(item, int):
            unicodes.add(item)
        else:
            unicodes.update(ord(c) for c in item)

    keep = ESSENTIAL_TABLES | (VERTICAL_TABLES if vertical else frozenset())
    options = Options()
    options.drop_tables = sorted(set(options.drop_tables)
                                 | {t for t in font.keys() if t not in keep
                                    and t != "GlyphOrder"})
    options.layout_features = []      # GSUB is dropped anyway; no closure
    options.layout_closure = False
    options.hinting = False           # no TrueType instructions / CFF hints
    options.desubroutinize = True     # simpler CFF, faster to convert
    options.glyph_names = False       # post format 3
    options.legacy_kern = False
    options.name_IDs = ["*"]          # keep copyright/licence/version strings
    options.name_languages = [0x0409]
    options.name_legacy = False
    options.notdef_outline = True     # a visible box for missing glyphs
    options.recommended_glyphs = True
    options.prune_unicode_ranges = True

    subsetter = Subsetter(options=options)
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(font)
    return font


# --------------------------------------------------------------------------
# CFF -> TrueType
# --------------------------------------------------------------------------

def cff_to_truetype(font: TTFont, *, max_err: float = 1.0,
                    keep_glyph_names: bool = False) -> TTFont:
    """Replace CFF/CFF2 outlines by quadratic glyf outlines, in place.

    Cubic curves are approximated by quadratics within ``max_err`` font
    units (cu2qu) and contours are reversed, because PostScript outlines run
    counter-clockwise and TrueType ones clockwise.  Side bearings are taken
    from the new outlines and VORG is folded into vmtx.  A font that already
    has glyf is returned unchanged.  Variable CFF2 fonts are refused:
    instantiate them first (fontTools.varLib.instancer).
    """
    if "glyf" in font:
        # TrueType outlines already; a file that says otherwise in its first bytes (OTTO)
        # is saved as what it holds, or no PDF library embeds it
        font.sfntVersion = "\x00\x01\x00\x00"
        return font
    tag = "CFF " if "CFF " in font else "CFF2" if "CFF2" in font else None
    if tag is None:
        raise ValueError("font has neither glyf nor CFF/CFF2 outlines")
    if "fvar" in font:
        raise ValueError("variable font: instantiate it before converting")

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        # dropImpliedOnCurves removes on-curve points that sit exactly
        # halfway between two off-curve points: same outline, ~10% smaller.
        glyphs[name] = pen.glyph(dropImpliedOnCurves=True)

    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    font["glyf"] = glyf
    font["loca"] = newTable("loca")   # filled in when glyf is compiled
    del font[tag]

    # Horizontal: TrueType rasterisers place outlines by lsb == xMin.
    hmtx = font["hmtx"]
    bounds = {}
    for name in order:
        g = glyphs[name]
        g.recalcBounds(glyf)
        has_ink = g.numberOfContours != 0
        bounds[name] = g.yMax if has_ink else None
        hmtx[name] = (hmtx[name][0], g.xMin if has_ink else 0)

    # Vertical: a CFF font's vertical origin lives in VORG; TrueType derives
    # it from vmtx topSideBearing + yMax, so recompute tsb from that origin.
    if "vmtx" in font:
        vmtx = font["vmtx"]
        vorg = font["VORG"] if "VORG" in font else None
        for name in order:
            height, tsb = vmtx[name]
            if bounds[name] is None:
                continue
            if vorg is not None:
                origin = vorg.VOriginRecords.get(name, vorg.defaultVertOriginY)
            else:
                origin = font["OS/2"].sTypoAscender
            vmtx[name] = (height, origin - bounds[name])
    if "VORG" in font:
        del font["VORG"]

    font["head"].glyphDataFormat = 0

    # maxp 0.5 (CFF) has only numGlyphs; 1.0 adds TrueType limits.  With no
    # instructions the interpreter limits are zero and one zone suffices; the
    # point/contour/component maxima are recomputed from glyf on save.
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements",
                  "maxSizeOfInstructions", "maxComponentElements",
                  "maxComponentDepth", "maxPoints", "maxContours",
                  "maxCompositePoints", "maxCompositeContours"):
        setattr(maxp, field, 0)

    post = font["post"]
    if keep_glyph_names:
        post.formatType = 2.0
        post.extraNames = []
        post.mapping = {}
    else:
        post.formatType = 3.0
    # OTF post tables carry no memory hints worth keeping.
    post.minMemType42 = post.maxMemType42 = 0
    post.minMemType1 = post.maxMemType1 = 0

    font.sfntVersion = "\x00\x01\x00\x00"
    return font


# --------------------------------------------------------------------------
# Saving
# --------------------------------------------------------------------------

def save_deterministic(font: TTFont, path: str | os.PathLike) -> None:
    """Save so that the same inputs always give the same bytes.

    head.modified is normally set to "now" on save; keeping the source's
    created/modified dates makes rebuilds reproducible.  The file is written
    next to its destination and then renamed, so readers never see a
    half-written font.
    """
    path = Path(path)
    font.recalcTimestamp = False
    font.recalcBBoxes = True
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                               dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            font.save(fh, reorderTables=True)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
