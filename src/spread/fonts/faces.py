"""Font faces as the composer and the renderer see them.

A layout names fonts by role (song, hei, kai, ...), each role a fallback chain of faces.
A Face answers metrics questions (advance, ink blank) from fontTools; drawing uses the same
file through ReportLab, so what was measured is what is drawn.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from fontTools.ttLib import TTFont

from spread.errors import InputError, Location, MissingGlyphError

# OS/2 fsType bits (OpenType spec): 0x0002 restricted licence embedding — may not embed
FSTYPE_RESTRICTED = 0x0002


@dataclass
class Face:
    """One font face from a file (a .ttf, or a member of a collection)."""

    path: str
    key: str  # a stable name for this face in the page model, e.g. song.0
    face: int | str | None = None
    _font: TTFont | None = field(default=None, repr=False)
    _advance: dict[str, float] = field(default_factory=dict, repr=False)
    _blank: dict[str, tuple[float, float]] = field(default_factory=dict, repr=False)

    @property
    def font(self) -> TTFont:
        if self._font is None:
            from spread.fonts.convert import open_face

            try:
                self._font = open_face(self.path, self.face)
            except (OSError, ValueError) as exc:
                raise InputError(f"cannot open font {self.path}: {exc}",
                                 Location(self.path)) from None
        return self._font

    @cached_property
    def cmap(self) -> dict[int, str]:
        return self.font.getBestCmap() or {}

    @cached_property
    def upem(self) -> int:
        return self.font["head"].unitsPerEm

    @cached_property
    def sha256(self) -> str:
        with open(self.path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()

    @cached_property
    def name(self) -> str:
        return self.font["name"].getDebugName(4) or self.key

    @cached_property
    def fs_type(self) -> int:
        return self.font["OS/2"].fsType if "OS/2" in self.font else 0

    @cached_property
    def is_truetype(self) -> bool:
        return "glyf" in self.font

    @property
    def truetype_path(self) -> str:
        """A TrueType file ReportLab can embed for this face."""
        if self.is_truetype and self.face is None:
            return self.path
        raise InputError(f"font {self.path}: only TrueType (.ttf) files can be embedded so far",
                         Location(self.path), hint="convert it to TrueType with fonts/build.py")

    def has(self, ch: str) -> bool:
        return ord(ch) in self.cmap or ch.isspace()

    def advance(self, ch: str) -> float:
        """Advance width in em."""
        if ch not in self._advance:
            glyph = self.cmap.get(ord(ch))
            width = self.font["hmtx"][glyph][0] if glyph else self.upem / 3
            self._advance[ch] = width / self.upem
        return self._advance[ch]

    def blank(self, ch: str) -> tuple[float, float]:
        """Space left and right of the ink inside the advance, in em (0 for an empty glyph)."""
        if ch not in self._blank:
            self._blank[ch] = self._ink_blank(ch)
        return self._blank[ch]

    def _ink_blank(self, ch: str) -> tuple[float, float]:
        glyph = self.cmap.get(ord(ch))
        if glyph is None:
            return (0.0, 0.0)
        adv = self.font["hmtx"][glyph][0]
        if "glyf" in self.font:
            g = self.font["glyf"][glyph]
            if not getattr(g, "numberOfContours", 0):
                return (0.0, 0.0)
            if not hasattr(g, "xMin"):
                g.recalcBounds(self.font["glyf"])
            x0, x1 = g.xMin, g.xMax
        else:
            from fontTools.pens.boundsPen import BoundsPen

            pen = BoundsPen(self.font.getGlyphSet())
            self.font.getGlyphSet()[glyph].draw(pen)
            if pen.bounds is None:
                return (0.0, 0.0)
            x0, _, x1, _ = pen.bounds
        return (max(0.0, x0 / self.upem), max(0.0, (adv - x1) / self.upem))


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
            if face.fs_type & 0x000F == FSTYPE_RESTRICTED:
                raise InputError(
                    f"font {face.path} ({face.name}) forbids embedding (OS/2 fsType "
                    f"{face.fs_type:#06x}, restricted licence)", Location(face.path),
                    hint="a PDF for print must embed its fonts: use a font whose licence "
                         "allows embedding")

    def missing(self, role: str, text: str) -> list[str]:
        chain = self.role(role)
        return sorted({ch for ch in text if not ch.isspace() and chain.face_for(ch) is None})


def missing_glyph_error(problems: dict[str, list[tuple[str, Location]]],
                        fonts: FontSet) -> MissingGlyphError:
    """One error listing every character no font of its role can draw, and where it is."""
    lines = []
    for ch, places in sorted(problems.items()):
        roles = sorted({role for role, _ in places})
        where = "; ".join(sorted({str(loc) for _, loc in places}))
        chains = ", ".join(f"{r}: " + " → ".join(f.name for f in fonts.role(r).faces)
                           for r in roles)
        lines.append(f"'{ch}' (U+{ord(ch):04X}) at {where} — not in {chains}")
    first = next(iter(sorted(problems.items())))[1][0][1]
    return MissingGlyphError(
        f"{len(problems)} character(s) missing from every configured font:\n  "
        + "\n  ".join(lines), first,
        hint="add a font that has them to the role's fallback chain in the layout's fonts")
