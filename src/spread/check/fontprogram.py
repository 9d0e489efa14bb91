"""What the checks read from an embedded font: widths and vertical metrics from its
dictionaries, the glyph a code shows and that glyph's outline from its TrueType program.

Only what the checks need is parsed, with struct: the `cmap` byte encodings a symbolic simple
font uses ((1,0) formats 0 and 6, (3,0) format 4), `loca`/`glyf` outlines (simple and
composite glyphs), and a Type 0 font's CIDToGIDMap. Fonts of other shapes (CFF, Type 1,
Type 3) give no outlines: the ink rules then take a glyph's box for its shape.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

import pikepdf

Contour = list[tuple[float, float]]
_QUAD_STEPS = 8  # straight pieces a TrueType curve is drawn with: under 0.3 pt at 118 pt
_COMPOSITE_DEPTH = 8
_MAX_GLYPH_POINTS = 1 << 16  # in one glyph with its components: a CJK glyph has hundreds
_MAX_CODES = 1 << 17  # widths read from a Type 0 font: two-byte codes, with room to spare


@dataclass
class FontInfo:
    """What measuring and drawing shown text needs."""

    widths: dict[int, float]  # code → advance in text space units (ems)
    default: float
    two_byte: bool
    ascent: float
    descent: float
    program: "TrueType | None" = None
    gid: dict[int, int] | None = None  # code → glyph id; None: code is the glyph id
    outlines: dict[int, list[Contour] | None] = field(default_factory=dict)

    def outline(self, code: int) -> list[Contour] | None:
        """The glyph's contours in ems, or None when the program cannot say."""
        if self.program is None:
            return None
        if code not in self.outlines:
            gid = code if self.gid is None else self.gid.get(code)
            self.outlines[code] = None if gid is None else self.program.outline(gid)
        return self.outlines[code]


def font_info(font: pikepdf.Dictionary) -> FontInfo | None:
    """A font resource's metrics and, where readable, its glyph outlines; None when the
    dictionary is too broken to measure text with."""
    try:
        return _font_info(font)
    except (AttributeError, KeyError, IndexError, TypeError, ValueError, pikepdf.PdfError):
        return None


def _font_info(font) -> FontInfo:
    subtype = str(font.get("/Subtype", ""))
    if subtype == "/Type0":
        desc = font.DescendantFonts[0]
        widths: dict[int, float] = {}
        w = list(desc.get("/W", []))
        i, left = 0, _MAX_CODES
        while i < len(w) - 1 and left > 0:
            first = int(w[i])
            if isinstance(w[i + 1], pikepdf.Array):
                for n, v in enumerate(list(w[i + 1])[:left]):
                    widths[first + n] = float(v) / 1000
                left -= max(len(w[i + 1]), 1)
                i += 2
            else:
                last = min(int(w[i + 1]), first + left - 1)
                for code in range(first, last + 1):
                    widths[code] = float(w[i + 2]) / 1000
                left -= max(last - first + 1, 1)
                i += 3
        fd = desc.get("/FontDescriptor", {})
        info = FontInfo(widths, float(desc.get("/DW", 1000)) / 1000, True, *_vertical(fd))
        if str(font.get("/Encoding", "")) == "/Identity-H":
            info.program = _program(fd)
            info.gid = _cid_to_gid(desc.get("/CIDToGIDMap"))
        return info
    scale = float(font.FontMatrix[0]) if subtype == "/Type3" else 1 / 1000
    first = int(font.get("/FirstChar", 0))
    widths = {first + n: float(v) * scale for n, v in enumerate(font.get("/Widths", []))}
    fd = font.get("/FontDescriptor", {})
    info = FontInfo(widths, float(fd.get("/MissingWidth", 500)) * scale, False,
                    *_vertical(fd))
    if subtype == "/TrueType" and "/Encoding" not in font:
        info.program = _program(fd)
        if info.program is not None:
            info.gid = info.program.byte_cmap()
            if info.gid is None:
                info.program = None
    return info


def _vertical(fd) -> tuple[float, float]:
    """Ascent and descent in ems; CJK em box proportions when the descriptor lacks them."""
    return (float(fd.get("/Ascent", 880)) / 1000 or 0.88,
            float(fd.get("/Descent", -120)) / 1000 or -0.12)


def _program(fd) -> "TrueType | None":
    stream = fd.get("/FontFile2") if isinstance(fd, pikepdf.Dictionary) else None
    if not isinstance(stream, pikepdf.Stream):
        return None
    try:
        return TrueType(stream.read_bytes())
    except (struct.error, KeyError, ValueError, pikepdf.PdfError):
        return None


def _cid_to_gid(value) -> dict[int, int] | None:
    if isinstance(value, pikepdf.Stream):
        data = value.read_bytes()[:2 * 0x10000]  # CIDs of two-byte codes
        return {cid: int.from_bytes(data[2 * cid:2 * cid + 2], "big")
                for cid in range(len(data) // 2)}
    return None  # /Identity, or absent: the CID is the glyph id


class TrueType:
    """The tables of a TrueType program the checks read."""

    def __init__(self, program: bytes):
        self.data = program
        self.tables: dict[bytes, tuple[int, int]] = {}
        for i in range(struct.unpack_from(">H", program, 4)[0]):
            tag, _checksum, offset, length = struct.unpack_from(">4sIII", program, 12 + 16 * i)
            self.tables[tag] = (offset, length)
        self.glyph_count = struct.unpack_from(">H", program, self.tables[b"maxp"][0] + 4)[0]

    def byte_cmap(self) -> dict[int, int] | None:
        """Code → glyph id through the (1,0) subtable (format 0 or 6), or the (3,0) symbol
        subtable (format 4, codes at U+F000); None when the program has neither."""
        subtables = self._subtables()
        data = self.data
        if (1, 0) in subtables:
            at = subtables[(1, 0)]
            fmt = struct.unpack_from(">H", data, at)[0]
            if fmt == 0:
                return dict(enumerate(data[at + 6:at + 6 + 256]))
            if fmt == 6:
                first, n = struct.unpack_from(">HH", data, at + 6)
                ids = struct.unpack_from(f">{n}H", data, at + 10)
                return {first + k: gid for k, gid in enumerate(ids)}
        if (3, 0) in subtables:
            mapping = self._format4(subtables[(3, 0)])
            return {code & 0xFF: gid for code, gid in mapping.items() if code >> 8 in (0, 0xF0)}
        return None

    def _subtables(self) -> dict[tuple[int, int], int]:
        cmap = self.tables[b"cmap"][0]
        out = {}
        for i in range(struct.unpack_from(">H", self.data, cmap + 2)[0]):
            platform, encoding, offset = struct.unpack_from(">HHI", self.data, cmap + 4 + 8 * i)
            out[(platform, encoding)] = cmap + offset
        return out

    def _format4(self, at: int) -> dict[int, int]:
        data = self.data
        if struct.unpack_from(">H", data, at)[0] != 4:
            return {}
        segs = struct.unpack_from(">H", data, at + 6)[0] // 2
        ends = struct.unpack_from(f">{segs}H", data, at + 14)
        starts = struct.unpack_from(f">{segs}H", data, at + 16 + 2 * segs)
        deltas = struct.unpack_from(f">{segs}h", data, at + 16 + 4 * segs)
        offsets_at = at + 16 + 6 * segs
        offsets = struct.unpack_from(f">{segs}H", data, offsets_at)
        out = {}
        for i in range(segs):
            for code in range(starts[i], min(ends[i], 0xFFFE) + 1):
                if code & 0xFF00 not in (0, 0xF000):
                    continue
                if offsets[i] == 0:
                    gid = (code + deltas[i]) & 0xFFFF
                else:
                    where = offsets_at + 2 * i + offsets[i] + 2 * (code - starts[i])
                    gid = struct.unpack_from(">H", data, where)[0]
                    gid = (gid + deltas[i]) & 0xFFFF if gid else 0
                out[code] = gid
        return out

    def outline(self, gid: int) -> list[Contour] | None:
        """The glyph's contours, flattened, in ems (None when unreadable)."""
        try:
            upem = struct.unpack_from(">H", self.data, self.tables[b"head"][0] + 18)[0] or 1000
            self._left = _MAX_GLYPH_POINTS
            return [[(x / upem, y / upem) for x, y in contour]
                    for contour in self._glyph(gid, 0)]
        except (struct.error, KeyError, IndexError, ValueError):
            return None

    def _glyph_range(self, gid: int) -> tuple[int, int]:
        head = self.tables[b"head"][0]
        long_offsets = struct.unpack_from(">h", self.data, head + 50)[0] == 1
        loca = self.tables[b"loca"][0]
        if not 0 <= gid < self.glyph_count:
            raise ValueError(f"no glyph {gid}")
        if long_offsets:
            start, end = struct.unpack_from(">II", self.data, loca + 4 * gid)
        else:
            start, end = (2 * v for v in struct.unpack_from(">HH", self.data, loca + 2 * gid))
        glyf = self.tables[b"glyf"][0]
        return glyf + start, glyf + end

    def _glyph(self, gid: int, depth: int) -> list[Contour]:
        start, end = self._glyph_range(gid)
        if end <= start or depth > _COMPOSITE_DEPTH:
            return []
        count = struct.unpack_from(">h", self.data, start)[0]
        if count >= 0:
            return self._simple(start + 10, count)
        return self._composite(start + 10, depth)

    def _simple(self, at: int, count: int) -> list[Contour]:
        data = self.data
        ends = struct.unpack_from(f">{count}H", data, at)
        at += 2 * count
        points = ends[-1] + 1 if ends else 0
        at += 2 + struct.unpack_from(">H", data, at)[0]  # skip the instructions
        flags = []
        while len(flags) < points:
            flag = data[at]
            at += 1
            repeat = 1
            if flag & 8:
                repeat += data[at]
                at += 1
            flags += [flag] * repeat
        flags = flags[:points]
        self._left -= points
        if self._left < 0:
            raise ValueError("a glyph of too many points")
        xs, at = _coordinates(data, at, flags, 2, 16)
        ys, at = _coordinates(data, at, flags, 4, 32)
        contours, first = [], 0
        for last in ends:
            contours.append(_flatten_quadratic(
                [(xs[i], ys[i], bool(flags[i] & 1)) for i in range(first, last + 1)]))
            first = last + 1
        return [c for c in contours if len(c) >= 3]

    def _composite(self, at: int, depth: int) -> list[Contour]:
        data = self.data
        out: list[Contour] = []
        while True:
            flags, gid = struct.unpack_from(">HH", data, at)
            at += 4
            if flags & 1:
                dx, dy = struct.unpack_from(">hh", data, at)
                at += 4
            else:
                dx, dy = struct.unpack_from(">bb", data, at)
                at += 2
            if not flags & 2:
                dx = dy = 0  # point matching: rare; placed at the origin
            a, b, c, d = 1.0, 0.0, 0.0, 1.0
            if flags & 8:
                a = d = struct.unpack_from(">h", data, at)[0] / 16384
                at += 2
            elif flags & 0x40:
                a, d = (v / 16384 for v in struct.unpack_from(">hh", data, at))
                at += 4
            elif flags & 0x80:
                a, b, c, d = (v / 16384 for v in struct.unpack_from(">hhhh", data, at))
                at += 8
            self._left -= 1
            if self._left < 0:
                raise ValueError("a glyph of too many parts")
            for contour in self._glyph(gid, depth + 1):
                out.append([(a * x + c * y + dx, b * x + d * y + dy) for x, y in contour])
            if not flags & 0x20:
                return out


def _coordinates(data: bytes, at: int, flags: list[int], short: int, same: int):
    values, v = [], 0
    for flag in flags:
        if flag & short:
            delta = data[at]
            at += 1
            v += delta if flag & same else -delta
        elif not flag & same:
            v += struct.unpack_from(">h", data, at)[0]
            at += 2
        values.append(v)
    return values, at


def _flatten_quadratic(points: list[tuple[int, int, bool]]) -> Contour:
    """A TrueType contour (on- and off-curve points) as a polygon."""
    if not points:
        return []
    # start at an on-curve point, or at the midpoint of the first two off-curve points
    start = next((i for i, p in enumerate(points) if p[2]), None)
    if start is None:
        (x0, y0, _), (x1, y1, _) = points[0], points[1 % len(points)]
        points = [((x0 + x1) / 2, (y0 + y1) / 2, True)] + points
        start = 0
    ring = points[start:] + points[:start]
    out = [(ring[0][0], ring[0][1])]
    control = None
    for x, y, on in ring[1:] + ring[:1]:
        if on:
            if control is None:
                out.append((x, y))
            else:
                out += _quad(out[-1], control, (x, y))
                control = None
        elif control is None:
            control = (x, y)
        else:
            middle = ((control[0] + x) / 2, (control[1] + y) / 2)
            out += _quad(out[-1], control, middle)
            control = (x, y)
    return out


def _quad(p0, p1, p2) -> list[tuple[float, float]]:
    out = []
    for k in range(1, _QUAD_STEPS + 1):
        t = k / _QUAD_STEPS
        u = 1 - t
        out.append((u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0],
                    u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1]))
    return out
