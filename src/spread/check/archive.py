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

import pikepdf
from pikepdf import Dictionary, Name

from spread.check.preflight import unreadable

FLAVOUR = "2b"
FORBIDDEN_UNICODE = frozenset({0x0000, 0xFEFF, 0xFFFE})
_SHOW = {"Tj", "TJ", "'", '"'}


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


def check_archive(path: str | PathLike) -> Report:
    """pikepdf's PDF/A-2b validation and spread's level-U checks of one archive file."""
    report = Report(str(path))
    try:
        with pikepdf.open(path):
            pass
    except pikepdf.PdfError as exc:
        raise unreadable(path, exc) from None
    t = time.perf_counter()
    report.findings += pdfa_findings(path)
    report.timings["pdfa"] = time.perf_counter() - t
    t = time.perf_counter()
    report.findings += level_u_findings(path)
    report.timings["level_u"] = time.perf_counter() - t
    return report


def pdfa_findings(path: str | PathLike) -> list[Finding]:
    """pikepdf's verdict; constructs it cannot check count against the file too, since an
    archive must be known to conform, not merely not known to fail."""
    from pikepdf import pdfa

    report = pdfa.validate_written(str(path), FLAVOUR)
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
    findings: list[Finding] = []
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            fonts: dict[str, _Font] = {}
            for name, font in page.resources.get("/Font", Dictionary()).items():
                loaded = _load_font(font, f"page {number} font {name}", findings)
                if loaded is not None:
                    fonts[name] = loaded
            _collect_codes(page, fonts, f"page {number}", findings)
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
    except (AttributeError, KeyError, ValueError, struct.error) as exc:
        findings.append(Finding("spread:level-U/unchecked", where,
                                f"{base}: cannot read the embedded program's glyph map ({exc})"))
        return None
    unicode = parse_to_unicode(font.ToUnicode.read_bytes()) if "/ToUnicode" in font else None
    return _Font(base, unicode, glyphs, count)


def _collect_codes(page: pikepdf.Page, fonts: dict[str, _Font], where: str,
                   findings: list[Finding]) -> None:
    """Every code each font shows on the page; the font is part of the graphics state."""
    current: str | None = None
    saved: list[str | None] = []
    for operands, operator in pikepdf.parse_content_stream(page, "q Q Tf Tj TJ ' \" Do"):
        op = str(operator)
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
        return [bytes(item) for item in operands[0] if isinstance(item, pikepdf.String)]
    return [bytes(operands[-1])]


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


_BLOCK = re.compile(rb"begin(bfchar|bfrange)(.*?)end\1", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>|\[|\]")


def parse_to_unicode(cmap: bytes) -> dict[int, str]:
    """A ToUnicode CMap as code → text, from its bfchar and bfrange blocks (one-byte or
    multi-byte codes alike; a code's value is its big-endian number)."""
    out: dict[int, str] = {}
    for kind, body in _BLOCK.findall(cmap):
        # brackets stay str, values become bytes: a value such as <5D> is not a bracket
        tokens = [m.group(0).decode() if m.group(1) is None
                  else bytes.fromhex(m.group(1).decode()) for m in _HEX.finditer(body)]
        if kind == b"bfchar":
            for src, dst in zip(tokens[::2], tokens[1::2]):
                out[int.from_bytes(src, "big")] = _utf16(dst)
        else:
            _ranges(tokens, out)
    return out


def _ranges(tokens: list, out: dict[int, str]) -> None:
    i = 0
    while i + 2 < len(tokens):
        lo, hi = int.from_bytes(tokens[i], "big"), int.from_bytes(tokens[i + 1], "big")
        if tokens[i + 2] == "[":  # <lo> <hi> [<dst> <dst> ...]: one value per code
            end = tokens.index("]", i + 3)
            for code, dst in zip(range(lo, hi + 1), tokens[i + 3:end]):
                out[code] = _utf16(dst)
            i = end + 1
        else:  # <lo> <hi> <dst>: consecutive values from dst, the last unit incremented
            start = tokens[i + 2]
            for k, code in enumerate(range(lo, hi + 1)):
                out[code] = _utf16(start[:-2] + (int.from_bytes(start[-2:], "big") + k)
                                   .to_bytes(2, "big"))
            i += 3


def _utf16(data: bytes) -> str:
    return data.decode("utf-16-be", errors="replace")


def truetype_glyphs(program: bytes) -> tuple[dict[int, int], int]:
    """Code → glyph id through a TrueType program's (1,0) cmap subtable (format 0 or 6, the
    byte encodings a symbolic simple font uses), and the program's glyph count."""
    tables = {}
    for i in range(struct.unpack_from(">H", program, 4)[0]):
        tag, _checksum, offset, _length = struct.unpack_from(">4sIII", program, 12 + 16 * i)
        tables[tag] = offset
    count = struct.unpack_from(">H", program, tables[b"maxp"] + 4)[0]
    cmap = tables[b"cmap"]
    subtables = {}
    for i in range(struct.unpack_from(">H", program, cmap + 2)[0]):
        platform, encoding, offset = struct.unpack_from(">HHI", program, cmap + 4 + 8 * i)
        subtables[(platform, encoding)] = cmap + offset
    if (1, 0) not in subtables:
        raise ValueError("no (1,0) cmap subtable")
    at = subtables[(1, 0)]
    fmt = struct.unpack_from(">H", program, at)[0]
    if fmt == 0:
        return dict(enumerate(program[at + 6:at + 6 + 256])), count
    if fmt == 6:
        first, n = struct.unpack_from(">HH", program, at + 6)
        ids = struct.unpack_from(f">{n}H", program, at + 10)
        return {first + k: gid for k, gid in enumerate(ids)}, count
    raise ValueError(f"cmap format {fmt} is not a byte encoding")


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
