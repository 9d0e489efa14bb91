"""Checks of the archive file, read back from its bytes: pikepdf's PDF/A-2b validator, then
spread's own level-U rules, which that validator leaves out.

Level U (ISO 19005-2 6.2.11.7.2) asks that every character code a page shows map to Unicode
through the font's ToUnicode CMap, never to U+0000, U+FEFF or U+FFFE; 6.2.11.8 forbids showing
the .notdef glyph. Text is found by walking each page's content stream with pikepdf and
decoding each shown string by its font. ReportLab's TrueType subsets are simple fonts (one
byte a code) whose program maps codes to glyphs through a (1,0) cmap subtable; fonts of other
shapes are reported as not checked rather than passed.
"""

from __future__ import annotations

import re
import struct
import time
from dataclasses import dataclass, field
from os import PathLike
from typing import BinaryIO

import pikepdf
from pikepdf import Dictionary, Name

from spread.check.fontprogram import TrueType
from spread.check.reading import Source, open_source
from spread.check.tounicode import REPLACEMENT, parse_to_unicode

FLAVOUR = "2b"
FORBIDDEN_UNICODE = frozenset({0x0000, 0xFEFF, 0xFFFE})
XMP_MISSING = "spread:xmp/missing"
_SHOW = {"Tj", "TJ", "'", '"'}
_ARITY = {"Tf": 2, "Do": 1, **{op: 1 for op in _SHOW}}


@dataclass(frozen=True)
class Finding:
    """One reason the archive file is not approved."""

    rule: str  # a veraPDF rule id from pikepdf, or spread:level-U/...
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.rule} at {self.where}: {self.message}"


@dataclass
class Report:
    """The archive checks' verdict on one file."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.findings

    def to_dict(self) -> dict:
        return {"path": self.path, "ok": self.ok,
                "findings": [{"rule": f.rule, "where": f.where, "message": f.message}
                             for f in self.findings]}

    def format(self) -> str:
        head = f"{self.path}: PDF/A-{FLAVOUR} and level U " + (
            "pass" if self.ok else f"fail ({len(self.findings)} finding(s))")
        return "\n".join([head] + [f"  {f}" for f in self.findings])


def check_archive(path: str | PathLike, data: bytes | None = None) -> Report:
    """pikepdf's PDF/A-2b validation and spread's level-U checks of one archive file — or,
    with `data`, of the bytes that are to be written as `path`."""
    with open_source(path, data) as source:
        return archive_checks(source)


def archive_checks(source: Source) -> Report:
    """The archive checks of a file `open_source` has opened: the XMP that declares it
    PDF/A named first when missing, then the validator's and spread's level-U findings."""
    report = Report(source.path)
    with source.guard():
        report.findings += xmp_findings(source.pdf)
        t = time.perf_counter()
        report.findings += pdfa_findings(source.file())
        report.timings["pdfa"] = time.perf_counter() - t
        t = time.perf_counter()
        report.findings += _level_u(source)
        report.timings["level_u"] = time.perf_counter() - t
    return report


def xmp_findings(pdf: pikepdf.Pdf) -> list[Finding]:
    """An archive says it is one in its XMP (pdfaid:part, 6.6.2.1 and 6.6.4): without it,
    no reader can know the file is PDF/A."""
    if not isinstance(pdf.Root.get("/Metadata"), pikepdf.Stream):
        return [Finding(XMP_MISSING, "catalog", "the file has no XMP metadata, so it does not "
                        "declare itself PDF/A (pdfaid:part and pdfaid:conformance)")]
    if pdfa_part(pdf) is None:
        return [Finding("spread:xmp/pdfaid", "catalog", "the XMP metadata does not declare "
                        "a PDF/A part (pdfaid:part)")]
    return []


_PDFA_PART = re.compile(rb"pdfaid:part\s*(?:=\s*[\"']|>)\s*(\d)")


def pdfa_part(pdf: pikepdf.Pdf) -> int | None:
    """The PDF/A part the catalog's XMP declares, or None."""
    metadata = pdf.Root.get("/Metadata")
    if not isinstance(metadata, pikepdf.Stream):
        return None
    found = _PDFA_PART.search(metadata.read_bytes())
    return int(found.group(1)) if found else None


def pdfa_findings(file: str | PathLike | BinaryIO) -> list[Finding]:
    """pikepdf's verdict; constructs it cannot check count against the file too, since an
    archive must be known to conform, not merely not known to fail."""
    from pikepdf import pdfa

    report = pdfa.validate_written(file, FLAVOUR)
    return [Finding(f.rule, f.where, f.message if f.kind == "violation"
                    else f"not checked by the validator: {f.message}")
            for f in report.findings]


# -- level U -------------------------------------------------------------------------------

@dataclass
class _Font:
    """What one font resource shows, and what its ToUnicode map and program make of it."""

    name: str
    unicode: dict[int, str] | None  # code → text; None: no ToUnicode
    glyphs: dict[int, int]  # code → glyph id in the embedded program
    glyph_count: int
    used: set[int] = field(default_factory=set)


def level_u_findings(path: str | PathLike) -> list[Finding]:
    with open_source(path) as source, source.guard():
        return _level_u(source)


def _level_u(source: Source) -> list[Finding]:
    findings: list[Finding] = []
    for number, page in enumerate(source.pdf.pages, 1):
        source.start_page()
        fonts: dict[str, _Font] = {}
        for name, font in page.resources.get("/Font", Dictionary()).items():
            loaded = _load_font(font, f"page {number} font {name}", findings)
            if loaded is not None:
                fonts[name] = loaded
        _collect_codes(source, page, number, fonts, f"page {number}", findings)
        for name, font in fonts.items():
            findings += _font_findings(font, f"page {number} font {name} ({font.name})")
    return findings


def _load_font(font: pikepdf.Object, where: str, findings: list[Finding]) -> _Font | None:
    base = str(font.get("/BaseFont", "?"))[1:]
    if font.get("/Subtype") != Name.TrueType or "/Encoding" in font:
        findings.append(Finding("spread:level-U/unchecked", where,
                                f"{base}: only symbolic TrueType fonts (ReportLab's subsets) "
                                "are checked"))
        return None
    try:
        glyphs, count = truetype_glyphs(font.FontDescriptor.FontFile2.read_bytes())
    except (AttributeError, KeyError, IndexError, ValueError, struct.error) as exc:
        findings.append(Finding("spread:level-U/unchecked", where,
                                f"{base}: cannot read the embedded program's glyph map ({exc})"))
        return None
    unicode = parse_to_unicode(font.ToUnicode.read_bytes()) if "/ToUnicode" in font else None
    return _Font(base, unicode, glyphs, count)


def _collect_codes(source: Source, page: pikepdf.Page, number: int, fonts: dict[str, _Font],
                   where: str, findings: list[Finding]) -> None:
    """Every code each font shows on the page; the font is part of the graphics state."""
    current: str | None = None
    saved: list[str | None] = []
    for operands, op in source.instructions(page, number):
        if len(operands) < _ARITY.get(op, 0):
            continue
        if op == "q":
            saved.append(current)
        elif op == "Q":
            current = saved.pop() if saved else None
        elif op == "Tf":
            current = str(operands[0])
        elif op == "Do" and _is_form(page, operands[0]):
            findings.append(Finding("spread:level-U/unchecked", where,
                                    f"form XObject {operands[0]} is not checked"))
        elif op in _SHOW and current in fonts:
            for data in _strings(op, operands):
                fonts[current].used.update(data)


def _is_form(page: pikepdf.Page, name) -> bool:
    xobject = page.resources.get("/XObject", Dictionary()).get(str(name))
    return xobject is not None and xobject.get("/Subtype") == Name.Form


def _strings(op: str, operands) -> list[bytes]:
    if op == "TJ":
        items = operands[0] if isinstance(operands[0], pikepdf.Array) else []
        return [bytes(item) for item in items if isinstance(item, pikepdf.String)]
    return [bytes(operands[-1])] if isinstance(operands[-1], pikepdf.String) else []


def _font_findings(font: _Font, where: str) -> list[Finding]:
    out = []
    if font.unicode is None:
        return [Finding("spread:level-U/tounicode", where,
                        "no ToUnicode CMap: its text cannot be extracted (6.2.11.7.2)")]
    unmapped = sorted(c for c in font.used if c not in font.unicode)
    if unmapped:
        out.append(Finding("spread:level-U/unmapped", where,
                           f"codes shown without a Unicode value: {_codes(unmapped)}"))
    forbidden = sorted(c for c, text in font.unicode.items() if _forbidden(text))
    if forbidden:
        out.append(Finding("spread:level-U/forbidden", where,
                           "codes mapped to U+0000, U+FEFF, U+FFFE or nothing: "
                           + _codes(forbidden)))
    lost = sorted(c for c, text in font.unicode.items() if REPLACEMENT in text)
    if lost:
        out.append(Finding("spread:level-U/replacement", where,
                           "codes mapped to U+FFFD, the replacement character (their text "
                           "was lost before the file was written): " + _codes(lost)))
    notdef = sorted(c for c in font.used
                    if not 0 < font.glyphs.get(c, 0) < font.glyph_count)
    if notdef:
        out.append(Finding("spread:level-U/notdef", where,
                           f"codes that show .notdef or a missing glyph: {_codes(notdef)}"))
    return out


def _forbidden(text: str) -> bool:
    return not text or any(ord(ch) in FORBIDDEN_UNICODE for ch in text)


def _codes(codes: list[int]) -> str:
    shown = " ".join(f"<{c:02X}>" for c in codes[:12])
    return shown + (f" and {len(codes) - 12} more" if len(codes) > 12 else "")


def truetype_glyphs(program: bytes) -> tuple[dict[int, int], int]:
    """Code → glyph id through a TrueType program's (1,0) cmap subtable (format 0 or 6, the
    byte encodings a symbolic simple font uses), and the program's glyph count."""
    font = TrueType(program)
    glyphs = font.byte_cmap()
    if glyphs is None:
        raise ValueError("no (1,0) cmap subtable")
    return glyphs, font.glyph_count


# -- reading back ------------------------------------------------------------------------------

def extracted_text(path: str | PathLike) -> str:
    """The text a reader extracts from the file (pdfium), pages joined by newlines."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        parts = []
        for page in pdf:
            textpage = page.get_textpage()
            parts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(parts)
    finally:
        pdf.close()
