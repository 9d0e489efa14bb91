"""Font faces as the composer and the renderer see them.

A layout names fonts by role (song, hei, kai, ...), each role a fallback chain of faces.
A Face answers metrics questions (coverage, advance, ink blank) and hands the renderer a
TrueType file for the characters a page draws: the file itself for a plain .ttf, otherwise a
subset converted from the OpenType/CFF source or collection member. Metrics come from the same
font (after the same full-width quote fix) that is drawn, so what was measured is what is drawn.

Both the metrics and the converted subsets live in the on-disk cache (fonts/cache.py): a
second build reads a small JSON record per face and never parses the source font.
"""

from __future__ import annotations

import hashlib
import logging
import struct
import sys
import unicodedata
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from fontTools.ttLib import TTFont

from spread.errors import OUT_OF_MEMORY_HINT, InputError, Location, MissingGlyphError
from spread.fonts.cache import FontCache

# fontTools logs what it finds odd in a font (a cmap subtable of zero length, too much hmtx
# data) straight to stderr, outside spread's messages: spread says what is wrong with the
# font itself, at its layout line, or draws it
logging.getLogger("fontTools").setLevel(logging.CRITICAL)

# OS/2 fsType (OpenType spec): 0x0002 restricted licence embedding — may not embed; bits
# 0x0100 no subsetting and 0x0200 bitmap embedding only — a PDF embeds outline subsets
FSTYPE_RESTRICTED = 0x0002
FSTYPE_NO_SUBSETTING = 0x0100
FSTYPE_BITMAP_ONLY = 0x0200
# sfnt versions of a single font with TrueType outlines: ReportLab embeds these as they are
_TRUETYPE_MAGIC = (b"\x00\x01\x00\x00", b"true")
# usWeightClass from which a face counts as bold (600 = SemiBold)
BOLD_WEIGHT = 600
_RECORD_KEYS = {"full_name", "family", "subfamily", "bold", "italic", "fs_type", "outlines",
                "licence", "licence_url", "coverage", "glyphs", "units_per_em", "axes",
                "pdf_name"}
# tables every font has that fontTools reads lazily, so their absence is found by name
_NEEDED_TABLES = (("name", "the table of its family, style and PostScript names, which every "
                           "OpenType font has"),
                  ("cmap", "the map from characters to its glyphs, without which it sets no "
                           "text"))
# head.unitsPerEm as the OpenType spec bounds it: outside, metrics in em are nonsense (an em of
# one unit makes every advance a whole number of ems)
UNITS_PER_EM = (16, 16384)
HEAD_MAGIC = 0x5F0F3CF5  # head.magicNumber, which the PDF writer checks
# characters that legitimately draw no ink (spaces, format characters such as U+200B and
# U+FEFF, controls), and those that legitimately take no advance (combining marks)
_INKLESS = {"Zs", "Zl", "Zp", "Cf", "Cc"}
_ADVANCELESS = {"Mn", "Me"}
# a glyph wider than this, or inked this far outside its advance box (left and right of it,
# below the baseline or above the em), is a damaged one: drawn, it would run across the
# page or land off it (the widest text glyphs, the three-em dash ⸻, take 3 em)
MAX_ADVANCE = 6.0  # em
# a glyph narrower than this is no text glyph either: the narrowest in the bundled fonts (a
# modifier letter, an apostrophe) take 0.17 em; a head claiming 16384 units per em over
# outlines drawn in 1000 makes every glyph 0.06 em, a speck
MIN_ADVANCE = 0.1  # em
MAX_STRAY = 2.0  # em
# a glyph's ink as the cached metrics record it
NO_INK, INKED, STRAY_INK = 0, 1, 2


@dataclass
class Face:
    """One font face from a file (a .ttf or .otf, or a member of a .ttc/.otc collection)."""

    path: str
    key: str  # a stable name for this face in the page model, e.g. song.0
    face: int | str | None = None  # collection member: index or name
    weight: str = "regular"  # what the layout asks for; drawn synthetic when the face lacks it
    slant: str = "upright"
    cache: FontCache = field(default_factory=FontCache, repr=False)
    where: Location | None = field(default=None, repr=False)  # the layout line naming it
    _font: TTFont | None = field(default=None, repr=False)
    _dirty: bool = field(default=False, repr=False)

    # --- identity -------------------------------------------------------------------------

    @cached_property
    def sha256(self) -> str:
        try:
            return self.cache.sha256(self.path)
        except OSError as exc:
            raise self._unreadable(exc.strerror) from None

    @cached_property
    def _plain_truetype(self) -> bool:
        """Whether the file is one face with TrueType outlines (not CFF, not a collection)."""
        try:
            with open(self.path, "rb") as fh:
                return fh.read(4) in _TRUETYPE_MAGIC
        except OSError as exc:
            raise self._unreadable(exc.strerror) from None

    @cached_property
    def converted(self) -> bool:
        """Whether drawing needs a converted subset: CFF outlines, a collection member, or a
        name table that gives the PDF writer no name to file the font under."""
        return not self._plain_truetype or not self.record["pdf_name"]

    @cached_property
    def face_id(self) -> str:
        """The cache's name for this face: the file's hash and the member asked for."""
        if self.face is None:
            member = "0"
        elif isinstance(self.face, int):
            member = str(self.face)
        else:
            member = "n" + hashlib.sha256(" ".join(self.face.casefold().split())
                                          .encode()).hexdigest()[:12]
        return f"{self.sha256[:32]}-{member}"

    @property
    def font(self) -> TTFont:
        """The source face, parsed on first use only (a cached build never needs it)."""
        if self._font is None:
            self._font = self._open()
            _number_glyphs(self._font)
            # self.converted, asked of the font itself: the record may be in the making
            if not self._plain_truetype or not _pdf_named(self._font):
                from spread.fonts.convert import fullwidth_quotes

                fullwidth_quotes(self._font)  # as _convert does, so metrics match the drawing
        return self._font

    def _open(self) -> TTFont:
        from spread.fonts.convert import open_face

        try:
            return open_face(self.path, self.face)
        except OSError as exc:
            raise self._unreadable(str(exc).removeprefix(f"{self.path}: ")) from None
        except ValueError as exc:  # mostly a collection's: no such face, or none at all
            from spread.fonts.convert import is_collection

            # the problem names the file first: «F.ttc has no face 5: it holds 2 faces…»
            error = InputError(f"cannot open this font: {exc}",
                               self.where or Location(self.path))
            error.hint = ("of a collection, name a face it holds (face: its number or name); "
                          "or name another font") if is_collection(self.path) else (
                "leave out face:, which names one of the faces of a collection")
            raise error from None
        except Exception as exc:  # noqa: BLE001 - any file can be named: a parser's surprise
            raise self.damaged(exc) from None

    def _unreadable(self, problem: str) -> InputError:
        return InputError(f"cannot open this font: {problem} ({self.path})",
                          self.where or Location(self.path))

    def damaged(self, exc: Exception) -> InputError:
        """A font file that starts like a font but whose tables do not parse (or whose
        parsing ran out of memory: then the font is not said to be damaged)."""
        if isinstance(exc, MemoryError):
            return InputError(f"spread ran out of memory reading the font {self.path}",
                              self.where or Location(self.path), hint=OUT_OF_MEMORY_HINT)
        return InputError(f"the font {self.path} is damaged or not a font: "
                          f"{_damage(self.path, self.face)}", self.where or Location(self.path),
                          hint="name another font, or open this one in a font tool (FontForge, "
                               "the foundry's own) and save it again; a font bought or "
                               "downloaded may be had again whole")

    # --- the cached record: names, licence, coverage, metrics used so far -------------------

    @cached_property
    def record(self) -> dict:
        record = self.cache.record(self.face_id)
        if not _valid(record):
            try:
                for table, what in _NEEDED_TABLES:
                    if table not in self.font:
                        raise InputError(f"the font {self.path} has no {table} table ({what})",
                                         self.where or Location(self.path),
                                         hint="the font is damaged or made wrongly: name "
                                              "another font")
                self._check_glyphs()
                record = _describe(self.font)
            except InputError:
                raise
            except Exception as exc:  # noqa: BLE001 - tables that do not parse
                raise self.damaged(exc) from None
            self._dirty = True
        self._check_units_per_em(record["units_per_em"])
        if not record["coverage"]:  # asked of the record: one cached before this check too
            raise InputError(
                f"the font {self.path} maps no character by Unicode: its character map (cmap) "
                f"holds {_cmap_kinds(self.font)}", self.where or Location(self.path),
                hint="spread looks characters up by Unicode: name another font, or save this "
                     "one again from a font tool with a Unicode character map")
        return record

    def _check_glyphs(self) -> None:
        """The font has outlines, and its character map points at glyphs it has: a colour
        emoji font of pictures alone (CBDT, sbix) has nothing a PDF can embed as type, and a
        map past the last glyph made fontTools fail with «KeyError: 'glyph10001'»."""
        where = self.where or Location(self.path)
        if not any(table in self.font for table in ("glyf", "CFF ", "CFF2")):
            pictures = [t for t in ("CBDT", "sbix", "EBDT") if t in self.font]
            raise InputError(
                f"the font {self.path} has no outlines (no glyf, CFF or CFF2 table)"
                + (f": its glyphs are pictures (its {pictures[0]} table), as a colour emoji "
                   "font's are" if pictures else ""), where,
                hint="spread embeds glyphs as outlines: name a TrueType or OpenType font that "
                     "has them")
        count = self.font["maxp"].numGlyphs
        self._check_tables(count)
        order = self.font.getReverseGlyphMap()
        beyond = sorted(cp for cp, glyph in (self.font.getBestCmap() or {}).items()
                        if order.get(glyph, count) >= count)
        if beyond:
            raise InputError(
                f"the font {self.path} maps {len(beyond)} character(s) (the first U+"
                f"{beyond[0]:04X}) to glyphs past its last, glyph {count - 1}", where,
                hint="the font is damaged or made wrongly (its cmap or maxp table): name "
                     "another font")

    def _check_tables(self, count: int) -> None:
        """The tables the PDF writer reads whole, whole: the head's magic number, a loca
        (where each of the `count` glyphs' outlines starts) not cut short, an hmtx (their
        widths) that reads. fontTools reads a glyph at a time and passed over them, so the
        font was damaged to a build and good to `spread check` and `spread fonts`."""
        where = self.where or Location(self.path)
        hint = "the font is damaged or made wrongly: name another font"
        magic = self.font["head"].magicNumber
        if magic != HEAD_MAGIC:
            raise InputError(f"the font {self.path} has a damaged head table (its magic number "
                             f"is 0x{magic:08X}, not 0x{HEAD_MAGIC:08X})", where, hint=hint)
        if "loca" in self.font and len(self.font["loca"]) < count + 1:
            raise InputError(f"the font {self.path} has a loca table of {len(self.font['loca'])} "
                             f"place(s) for the {count} glyphs its maxp table counts: one of "
                             "them is damaged (the loca cut short or read in the wrong format, "
                             "or the count wrong)", where, hint=hint)
        self.font["hmtx"]  # noqa: B018 - read whole: a table cut short does not parse

    def _check_units_per_em(self, upem: int) -> None:
        low, high = UNITS_PER_EM
        if not low <= upem <= high:
            raise InputError(
                f"the font {self.path} has {upem} units per em (head.unitsPerEm); the "
                f"OpenType spec allows {low} to {high}, and spread cannot measure its glyphs",
                self.where or Location(self.path),
                hint="the font is damaged or made wrongly: name another font, or mend it in "
                     "a font tool (1000 or 2048 units per em are usual)")

    @cached_property
    def coverage(self) -> frozenset[int]:
        return frozenset(cp for first, last in self.record["coverage"]
                         for cp in range(first, last + 1))

    @cached_property
    def _metrics(self) -> dict[str, tuple[float, float, float, int]]:
        return {chr(int(cp)): tuple(m) for cp, m in self.record["glyphs"].items()}

    def save_metrics(self) -> None:
        """Write the record if this build measured anything new, keeping what another face
        of the same file (a `song+bold` role) or another build wrote meanwhile."""
        if self._dirty:
            on_disk = self.cache.record(self.face_id)
            saved = on_disk["glyphs"] if _valid(on_disk) else {}
            mine = {str(ord(ch)): list(m) for ch, m in self._metrics.items()}
            self.record["glyphs"] = saved | mine
            self.cache.save_record(self.face_id, self.record)
            self._dirty = False

    @property
    def name(self) -> str:
        return self.record["full_name"] or self.key

    @property
    def fs_type(self) -> int:
        return self.record["fs_type"]

    @property
    def synthetic_bold(self) -> bool:
        return self.weight == "bold" and not self.record["bold"]

    @property
    def synthetic_oblique(self) -> bool:
        return self.slant == "oblique" and not self.record["italic"]

    def variable_note(self) -> str:
        """For a variable font, what it draws: its default instance, whatever weight the
        layout asks for (a PDF embeds one set of outlines); "" for any other font."""
        axes = self.record["axes"]
        if not axes:
            return ""
        shown = ", ".join(f"{tag} {value:g}" for tag, value in axes.items())
        drawn = (", drawn as a synthetic bold of that instance" if self.synthetic_bold
                 else "")
        return (f"the font {self.path} ({self.name}) is a variable font: spread draws its "
                f"default instance ({shown}) and none other; the layout asks it for "
                f"{self.weight}{drawn}")

    # --- metrics ----------------------------------------------------------------------------

    def has(self, ch: str) -> bool:
        """Whether this face draws the character: its character map has a glyph for it and,
        unless it is a space or a format character, the glyph has ink and an advance (a
        font whose outlines were zeroed maps every character to nothing, and one whose
        advances are 0 or 1 unit stacks them; the next face of the chain takes them)."""
        if ord(ch) not in self.coverage:
            return ch.isspace()
        return self.empty(ch) is None

    def empty(self, ch: str) -> str | None:
        """Why the face's glyph for a character it maps does not draw it as text ("no ink",
        "no advance", an advance or ink far out of the em), or None when it does."""
        category = unicodedata.category(ch)
        if category in _INKLESS - {"Zs"} or ord(ch) not in self.coverage:
            return None
        advance, _, _, ink = self._glyph(ch)
        if category == "Zs":  # a space inks nothing, but its advance is the space drawn: an
            # ideographic space of no advance ran 张三　李四 together, one of 65 em broke the line
            if advance * self.record["units_per_em"] <= 1 + 1e-6:
                return "no advance"
            return f"an advance of {advance:.1f} em" if advance > MAX_ADVANCE else None
        if ink == NO_INK:
            return "no ink"
        if ink == STRAY_INK:
            return f"ink more than {MAX_STRAY:g} em outside its advance"
        if advance * self.record["units_per_em"] <= 1 + 1e-6 and category not in _ADVANCELESS:
            return "no advance"
        if advance > MAX_ADVANCE:
            return f"an advance of {advance:.1f} em"
        if advance < MIN_ADVANCE and category not in _ADVANCELESS:
            return f"an advance of {advance:.2f} em"
        return None

    def advance(self, ch: str) -> float:
        """Advance width in em."""
        return self._glyph(ch)[0]

    def blank(self, ch: str) -> tuple[float, float]:
        """Space left and right of the ink inside the advance, in em (0 for an empty glyph)."""
        return self._glyph(ch)[1:3]

    def _glyph(self, ch: str) -> tuple[float, float, float, int]:
        metrics = self._metrics.get(ch)
        if metrics is None:
            if ord(ch) not in self.coverage:
                return (1 / 3, 0.0, 0.0, NO_INK)  # nobody draws it: a third of an em, like a space
            try:
                metrics = self._metrics[ch] = _measure(self.font, ch)
            except _BrokenGlyph as exc:
                raise self._broken(ch, str(exc)) from None
            except RecursionError:  # a CFF charstring's subroutines calling themselves
                raise self._broken(ch, "calls subroutines that call each other without "
                                       "end") from None
            except Exception as exc:  # noqa: BLE001 - a glyph that does not parse
                raise self.damaged(exc) from None
            self._dirty = True
        return metrics

    def _broken(self, ch: str, why: str) -> InputError:
        return InputError(f"the font {self.path} is damaged or not a font: its glyph for "
                          f"'{ch}' (U+{ord(ch):04X}) {why}", self.where or Location(self.path),
                          hint="name another font, or open this one in a font tool and save "
                               "it again")

    # --- drawing ----------------------------------------------------------------------------

    def truetype_for(self, chars: Iterable[str]) -> str:
        """A TrueType file ReportLab can embed that draws `chars`: the font itself when it is
        a plain .ttf, else a subset converted once and then taken from the cache."""
        self.save_metrics()
        if not self.converted:
            return self.path
        wanted = "".join(sorted({ch for ch in chars if ord(ch) in self.coverage}))
        charset = hashlib.sha256(wanted.encode("utf-8")).hexdigest()[:16]
        path = self.cache.truetype(f"{self.face_id}-{charset}",
                                   lambda target: self._convert(wanted, target))
        return str(path)

    def _convert(self, chars: str, target: Path) -> None:
        from spread.fonts.convert import cff_to_truetype, fullwidth_quotes, save_deterministic
        from spread.fonts.convert import subset

        font = self._open()  # a fresh copy: subsetting is destructive
        try:
            fullwidth_quotes(font)
            subset(font, chars)
            cff_to_truetype(font)
            if not _pdf_named(font, compiled=True):  # names in other languages, none, or
                # one the PDF writer stops at: it files the subset under spread's own name
                # (render.py tags it anyway), in place of the English Windows names it reads
                name = font["name"]
                name.names = [r for r in name.names if r.nameID not in (1, 2, 3, 4, 6) or (
                    r.platformID, r.platEncID, r.langID) not in _PDF_NAME_PLACES]
                name.setName(f"spread-{self.face_id[:12]}", 6, 3, 1, 0x409)
            save_deterministic(font, target)
        except OSError:  # the cache's file that cannot be written (cache.truetype says so)
            raise
        except ValueError as exc:
            raise InputError(f"font {self.path} ({self.name}) cannot be converted to "
                             f"TrueType: {exc}", self.where or Location(self.path)) from None
        except Exception as exc:  # noqa: BLE001 - outlines that do not parse
            raise self.damaged(exc) from None


# what each table of a font holds, in the words of the message on a damaged one
_TABLE_HOLDS = {"head": "its header", "hhea": "its line metrics", "maxp": "its glyph count",
                "hmtx": "its glyphs' widths", "cmap": "its map from characters to glyphs",
                "name": "its names", "OS/2": "its weight, metrics and licence",
                "post": "its glyphs' names", "glyf": "its glyphs' outlines",
                "loca": "where each glyph's outline starts", "CFF ": "its glyphs' outlines",
                "CFF2": "its glyphs' outlines", "vhea": "its vertical line metrics",
                "vmtx": "its glyphs' heights", "GSUB": "its glyph substitutions (full-width "
                "forms, vertical forms)", "GPOS": "its glyph positioning (kerning)"}
# tables every font needs for spread to set and embed it (the OpenType spec's required set
# bar OS/2, which fonts made for the Mac leave out), each after those it is read by: the
# glyphs' names in post name the widths of hmtx
_REQUIRED_TABLES = ("head", "maxp", "post", "hhea", "hmtx", "cmap", "name")


# character map subtables that map no Unicode, by (platform, encoding): what they are
_OTHER_CMAPS = {(3, 0): "symbol", (3, 2): "Shift JIS", (3, 3): "GB2312 (PRC)", (3, 4): "Big5",
                (3, 5): "Wansung", (3, 6): "Johab"}


def _cmap_kinds(font: TTFont) -> str:
    """What a character map with no Unicode mapping holds, for the message refusing it."""
    kinds = []
    for table in font["cmap"].tables:
        key = (table.platformID, table.platEncID)
        if table.format == 14:
            kind = "variation sequences alone (format 14)"
        elif key in _OTHER_CMAPS:
            kind = f"a {_OTHER_CMAPS[key]} subtable"
        elif table.platformID == 1:
            kind = "a Macintosh subtable"
        elif table.isUnicode():  # any that maps a character to a glyph is read
            kind = ("a Unicode subtable that maps every character to no glyph (.notdef)"
                    if table.cmap else "an empty Unicode subtable")
        else:
            kind = f"a subtable of platform {table.platformID}, encoding {table.platEncID}"
        if kind not in kinds:
            kinds.append(kind)
    return "only " + " and ".join(kinds) if kinds else "no subtable"


def _damage(path: str, face: int | str | None) -> str:
    """Where a font that does not read is damaged, in words a user can act on: the file cut
    short, a table it must have missing, or the table that does not read — never the
    parser's own words («KeyError: 'maxp'», «TTLibError: unknown format for OS/2 table»)."""
    from spread.fonts.convert import open_face

    def holds(tag: str) -> str:
        return f"its {tag.strip()} table ({_TABLE_HOLDS.get(tag, 'one of its tables')})"

    try:
        font = open_face(path, face, lazy=True)
        size = Path(path).stat().st_size
        for tag, entry in font.reader.tables.items():
            if entry.offset + entry.length > size:
                return f"it is cut short: {holds(tag)} runs past the end of the file"
        for tag in _REQUIRED_TABLES:
            if tag not in font:
                return (f"it has no {tag} table ({_TABLE_HOLDS[tag]}), which every font "
                        "needs")
        for tag in (*_REQUIRED_TABLES, *(t for t in font.keys() if t != "GlyphOrder")):
            try:
                font[tag]  # noqa: B018 - read: one that does not is the damage
            except Exception:  # noqa: BLE001 - any table of any file
                return f"{holds(tag)} does not read"
    except Exception:  # noqa: BLE001 - not even the list of its tables reads
        return ("the list of its tables does not read: the file is cut short, or it is not "
                "a TrueType or OpenType font")
    return "one of its glyphs does not read"


def _valid(record: dict | None) -> bool:
    """Whether a cached record has the shape _describe gives (else it is made again)."""
    return (record is not None and _RECORD_KEYS <= record.keys()
            and isinstance(record["coverage"], list) and isinstance(record["glyphs"], dict)
            and isinstance(record["units_per_em"], int)
            and all(isinstance(m, list) and len(m) == 4 and m[3] in (NO_INK, INKED, STRAY_INK)
                    for m in record["glyphs"].values()))


def _describe(font: TTFont) -> dict:
    """What the cache keeps of a face besides glyph metrics."""
    name = font["name"]
    os2 = font["OS/2"] if "OS/2" in font else None
    head = font["head"]
    return {
        "full_name": name.getDebugName(4) or name.getDebugName(1) or "",
        "family": name.getDebugName(16) or name.getDebugName(1) or "",
        "subfamily": name.getDebugName(17) or name.getDebugName(2) or "",
        "bold": bool(head.macStyle & 1) or (os2 is not None and os2.usWeightClass >= BOLD_WEIGHT),
        "italic": bool(head.macStyle & 2) or font["post"].italicAngle != 0,
        "fs_type": os2.fsType if os2 is not None else 0,
        "outlines": "TrueType" if "glyf" in font else "CFF",
        "licence": name.getDebugName(13) or "",  # licence description
        "licence_url": name.getDebugName(14) or "",
        "coverage": _ranges(_drawn(font)),
        "glyphs": {},
        "units_per_em": head.unitsPerEm,
        # a variable font's axes at their defaults: the instance its outlines draw
        "axes": {a.axisTag: a.defaultValue for a in font["fvar"].axes} if "fvar" in font else {},
        "pdf_name": _pdf_named(font),
    }


# where ReportLab looks for the name it files a font under: Windows (Unicode, English) and
# Mac (Roman, English) records of the family (1), full (4) or PostScript (6) name
_PDF_NAME_PLACES = ((3, 1, 0x409), (1, 0, 0))
# a PDF name holds at most 127 bytes (PDF 1.7 annex C, PDF/A-2 6.1.13): the font's name with
# ReportLab's subset prefix (AAAAAA+) and render.py's tag of its identity (-1A2B3C4D) around it
_PDF_NAME_BYTES = 127 - 7 - 9
# what ReportLab refuses in a PostScript name, and # (a PDF name's escape) besides
_PDF_DELIMITERS = set("[](){}<>/%#")


def _pdf_named(font: TTFont, compiled: bool = False) -> bool:
    """Whether ReportLab reads a name to file the font under from its name table as the file
    holds it (or, `compiled`, as fontTools writes it): a table of format 0 (it refuses the
    format 1 OpenType allows), whose English Windows names are whole UTF-16 (an odd length
    stops it), and the first PostScript, full or family name it finds a PDF name can be —
    printable ASCII without a PDF delimiter (it refuses «宋体» or «Foo(Bold)» as damage) and
    short enough for PDF's 127 bytes with the subset's tags around it (a longer one failed
    the archive's check, exit 1)."""
    if "name" not in font:
        return False
    raw = (font["name"].compile(font) if compiled or "name" not in font.reader
           else font.reader["name"])
    if len(raw) < 6:
        return False
    form, count, strings = struct.unpack(">3H", raw[:6])
    found: dict[int, str] = {}
    for at in range(6, min(6 + 12 * count, len(raw) - 11), 12):
        platform, encoding, language, name_id, length, offset = struct.unpack(
            ">6H", raw[at:at + 12])
        place = (platform, encoding, language)
        if name_id in (1, 2, 3, 4, 6) and place == _PDF_NAME_PLACES[0] and length % 2:
            return False
        if name_id in (1, 4, 6) and place in _PDF_NAME_PLACES and length > 0:
            data = raw[strings + offset:strings + offset + length]
            found.setdefault(name_id, data.decode("utf-16-be" if platform == 3 else "mac-roman",
                                                  errors="replace"))
    name = (found.get(6) or found.get(4) or found.get(1) or "").replace(" ", "-")
    return (form == 0 and 0 < len(name) <= _PDF_NAME_BYTES
            and all("!" <= ch <= "~" and ch not in _PDF_DELIMITERS for ch in name))


def _drawn(font: TTFont) -> dict[int, str]:
    """The code points the font draws with a glyph of its own: a cmap entry that points at
    glyph 0 (.notdef) draws the missing-glyph box, so it does not count as coverage."""
    notdef = font.getGlyphOrder()[0]
    return {cp: glyph for cp, glyph in (font.getBestCmap() or {}).items() if glyph != notdef}


def _ranges(cmap: dict[int, str]) -> list[list[int]]:
    """Code points as [first, last] runs: a CJK font's 40 000 become a few thousand."""
    out: list[list[int]] = []
    for cp in sorted(cmap):
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def _number_glyphs(font: TTFont) -> None:
    """Name the glyphs of a font that carries no glyph names (post format 3, as the bundled
    fonts) by number before anything reads a table: fontTools would make names up from the
    cmap instead, a third of a second for a font that covers GBK."""
    if "post" in font and "glyf" in font and font["post"].formatType == 3.0:
        font.setGlyphOrder([f"glyph{i:05d}" for i in range(font["maxp"].numGlyphs)])


def _measure(font: TTFont, ch: str) -> tuple[float, float, float, int]:
    """Advance and the blanks left and right of the ink, in em, and its ink: none, inked,
    or inked far outside its advance box (STRAY_INK)."""
    upem = font["head"].unitsPerEm
    glyph = font.getBestCmap()[ord(ch)]
    adv = font["hmtx"][glyph][0]
    ink = _ink(font, glyph)
    if ink is None:
        return (adv / upem, 0.0, 0.0, NO_INK)
    x0, y0, x1, y1 = ink
    stray = MAX_STRAY * upem
    far = x0 < -stray or x1 > adv + stray or y0 < -stray or y1 > upem + stray
    return (adv / upem, max(0.0, x0 / upem), max(0.0, (adv - x1) / upem),
            STRAY_INK if far else INKED)


def _ink(font: TTFont, glyph: str) -> tuple[float, float, float, float] | None:
    """The glyph's ink box (xMin, yMin, xMax, yMax) in font units, None when it has none."""
    if "glyf" in font and font.reader is not None and "glyf" not in font.tables:
        return _raw_ink(font, font.getGlyphID(glyph))
    if "glyf" in font:
        g = font["glyf"][glyph]
        if not getattr(g, "numberOfContours", 0):
            return None
        if not hasattr(g, "xMin"):
            g.recalcBounds(font["glyf"])
        return (g.xMin, g.yMin, g.xMax, g.yMax)
    from fontTools.pens.boundsPen import BoundsPen

    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[glyph].draw(pen)
    return pen.bounds


def _raw_ink(font: TTFont, gid: int) -> tuple[float, float, float, float] | None:
    """A glyph's ink box read from its header in the file's glyf table: ten bytes read
    where loca says, instead of fontTools unpacking (and holding) every glyph of the table."""
    if not hasattr(font, "_spread_loca"):  # read once per font
        long = font["head"].indexToLocFormat
        loca = array("I" if long else "H", font.reader["loca"])
        if sys.byteorder == "little":
            loca.byteswap()
        font._spread_loca = (loca, 1 if long else 2)
    loca, scale = font._spread_loca
    start, end = loca[gid] * scale, loca[gid + 1] * scale
    if end - start < 10:  # an empty glyph (a space) has no header
        return None
    font.reader.file.seek(font.reader.tables["glyf"].offset + start)
    contours, *box = struct.unpack(">hhhhh", font.reader.file.read(10))
    if contours < 0 and not _composite_inked(font, gid, end - start - 10, ()):
        return None
    if contours > 0:
        _check_outline(font.reader.file.read(end - start - 10), contours)
    return None if contours == 0 else tuple(box)


def _check_outline(body: bytes, contours: int) -> None:
    """A simple glyph's outline (the bytes after its header) reads: its contours end at
    points in order, and its instructions, flags and coordinates lie inside its bytes. A
    header whose box said «inked» over points that run past the glyph's data drew a blank
    in every viewer (exit 0, the character gone from the print)."""
    try:
        ends = struct.unpack_from(f">{contours}H", body)
        at = 2 * contours
        at += 2 + struct.unpack_from(">H", body, at)[0]  # past the instructions
        points = ends[-1] + 1
        if any(b <= a for a, b in zip(ends, ends[1:])) or at > len(body):
            raise _BrokenGlyph("has an outline that does not read (its contours' points "
                               "are out of order or past its data)")
        flags, sizes = 0, 0  # the flags, and the bytes of coordinates they say follow
        while flags < points:
            flag = body[at]
            repeat = 1 + (body[at + 1] if flag & 8 else 0)
            at += 2 if flag & 8 else 1
            flags += repeat
            sizes += repeat * ((1 if flag & 2 else 0 if flag & 16 else 2)
                               + (1 if flag & 4 else 0 if flag & 32 else 2))
        if at + sizes > len(body):
            raise IndexError
    except (struct.error, IndexError):
        raise _BrokenGlyph("has an outline that does not read (its points run past its "
                           "data)") from None


# how deep a composite glyph's parts may nest (fonts nest two or three levels)
_COMPOSITE_DEPTH = 16


class _BrokenGlyph(ValueError):
    """A glyph no viewer draws, in words for the message refusing its font."""


def _composite_inked(font: TTFont, gid: int, size: int, within: tuple[int, ...]) -> bool:
    """Whether a composite glyph (its parts in the `size` bytes after its header) has ink;
    _BrokenGlyph when a part is no glyph of the font, or the glyph itself or one it is a part
    of: such a glyph drew nothing in any viewer while its header's box said it was inked
    (exit 0, the character gone)."""
    if len(within) > _COMPOSITE_DEPTH:
        raise _BrokenGlyph(f"nests its parts more than {_COMPOSITE_DEPTH} deep")
    loca, scale = font._spread_loca
    glyf = font.reader.tables["glyf"].offset
    font.reader.file.seek(glyf + loca[gid] * scale + 10)
    data, at, parts = font.reader.file.read(size), 0, []
    while at + 4 <= len(data):
        flags, part = struct.unpack(">HH", data[at:at + 4])
        parts.append(part)
        at += 4 + (4 if flags & 1 else 2) + (2 if flags & 8 else 4 if flags & 0x40
                                              else 8 if flags & 0x80 else 0)
        if not flags & 0x20:  # MORE_COMPONENTS
            break
    inked = False
    for part in parts:
        if part in (gid, *within):
            raise _BrokenGlyph(f"is made of itself (glyph {gid} has glyph {part} as a part)")
        if part + 1 >= len(loca):
            raise _BrokenGlyph(f"has glyph {part} as a part, past the font's last glyph "
                              f"{len(loca) - 2}")
        start, end = loca[part] * scale, loca[part + 1] * scale
        if end - start < 10:
            continue
        font.reader.file.seek(glyf + start)
        contours = struct.unpack(">h", font.reader.file.read(2))[0]
        inked = inked or contours > 0 or (
            contours < 0 and _composite_inked(font, part, end - start - 10, (*within, gid)))
    return inked


@dataclass
class RoleFonts:
    """A role's fallback chain: the first face that has a character draws it."""

    role: str
    faces: list[Face]

    def face_for(self, ch: str) -> Face | None:
        return next((f for f in self.faces if f.has(ch)), None)

    def advance(self, ch: str) -> float:
        face = self.face_for(ch) or self.faces[0]
        return face.advance(ch)

    def blank(self, ch: str) -> tuple[float, float]:
        face = self.face_for(ch) or self.faces[0]
        return face.blank(ch)


class FontSet:
    """All roles of a layout."""

    def __init__(self, roles: dict[str, RoleFonts]):
        self.roles = roles

    def __call__(self, role: str) -> RoleFonts:
        return self.role(role)

    def role(self, role: str) -> RoleFonts:
        try:
            return self.roles[role]
        except KeyError:
            raise InputError(f"no font role '{role}' in the layout",
                             hint="roles: " + ", ".join(sorted(self.roles))) from None

    def faces(self) -> list[Face]:
        return [f for r in self.roles.values() for f in r.faces]

    def check_embeddable(self) -> None:
        for face in self.faces():
            problem = _embedding_problem(face.fs_type)
            if problem:
                raise InputError(
                    f"font {face.path} ({face.name}) {problem}",
                    face.where or Location(face.path),
                    hint="a PDF for print must embed its fonts: use a font whose licence "
                         "allows embedding")

    def missing(self, role: str, text: str) -> list[str]:
        chain = self.role(role)
        return sorted({ch for ch in text if not ch.isspace() and chain.face_for(ch) is None})

    def save_metrics(self) -> None:
        """Keep what this run measured for the next one (drawing does it by itself)."""
        for face in self.faces():
            face.save_metrics()


def _embedding_problem(fs_type: int) -> str:
    """Why the licence bits of OS/2 fsType forbid what spread does with a font, or ""."""
    bits = f"OS/2 fsType {fs_type:#06x}"
    if fs_type & 0x000F == FSTYPE_RESTRICTED:
        return f"forbids embedding ({bits}, restricted licence)"
    if fs_type & FSTYPE_NO_SUBSETTING:
        return f"forbids subsetting ({bits}), and a PDF page embeds only the glyphs it uses"
    if fs_type & FSTYPE_BITMAP_ONLY:
        return f"allows only bitmap embedding ({bits}); print needs outlines"
    return ""


def missing_glyph_error(problems: dict[str, list[tuple[str, Location]]],
                        fonts: FontSet) -> MissingGlyphError:
    """One error listing every character no font of its role can draw, where it is, and
    which font chain lacks it — "every configured font" only when no face of any role draws
    it; when another role's fonts do, the hint says which."""
    lines, elsewhere = [], []
    for ch, places in sorted(problems.items()):
        roles = sorted({role for role, _ in places})
        where = "; ".join(sorted({str(loc) for _, loc in places}))
        chains = ", ".join(f"the {r} fonts (" + " → ".join(_as_drawn(f, ch)
                                                            for f in fonts.role(r).faces) + ")"
                           for r in roles)
        others = _roles_drawing(fonts, ch)
        unfit = _no_text(ch)
        lines.append(f"'{ch}' (U+{ord(ch):04X}) at {where} — "
                     + (unfit if unfit else f"not in {chains}"
                        + ("" if others else "; no configured font has it")))
        if others:
            elsewhere.append(f"'{ch}' is in the {others[0][0]} fonts ({others[0][1]})")
    first = next(iter(sorted(problems.items())))[1][0][1]
    empty = any(f.empty(ch) for ch in problems for f in fonts.faces())
    said = "every configured font" if not elsewhere else "the fonts of their text's role"
    if all(_no_text(ch) for ch in problems):  # no font is the remedy: the text is
        return MissingGlyphError(
            f"{len(problems)} character(s) no font draws:\n  " + "\n  ".join(lines), first,
            hint="mend the text where each is written, as said")
    return MissingGlyphError(
        f"{len(problems)} character(s) missing from {said}:\n  " + "\n  ".join(lines), first,
        hint="add a font that has them to the role's fallback chain in the layout's fonts"
             + (", or set the text in a style of a role that has them: "
                + "; ".join(elsewhere) if elsewhere else "")
             + ("; a font whose glyphs draw nothing, or run far outside their em, is damaged"
                if empty else ""))


def _no_text(ch: str) -> str:
    """Why no font is the remedy for `ch`, or "": it stands for text lost, or for a character
    only one typesetting system's fonts know, or for none at all."""
    code = ord(ch)
    if code == 0xFFFD:
        return ("the replacement character, left where converting the text from another "
                "encoding lost a character: retype it from the original")
    if 0xE000 <= code <= 0xF8FF or code >= 0xF0000:
        return ("a private-use code point, which draws whatever the font it was typed for "
                "puts there (a typesetting system's own code for a rare character): write "
                "the character's Unicode code point instead, or add that font")
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return "a noncharacter, which stands for no character: delete it"
    return ""


def _roles_drawing(fonts: FontSet, ch: str) -> list[tuple[str, str]]:
    """The roles (with the face) whose chain draws the character."""
    out = []
    for role in sorted(fonts.roles):
        face = next((f for f in fonts.role(role).faces if f.has(ch)), None)
        if face is not None:
            out.append((role, face.name))
    return out


def _as_drawn(face: Face, ch: str) -> str:
    """A face as a missing-glyph message names it: with why it does not draw a character
    its character map has."""
    why = face.empty(ch)
    return f"{face.name} (its glyph has {why})" if why else face.name
