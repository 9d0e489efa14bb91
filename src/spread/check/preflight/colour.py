"""Colour spaces as the preflight needs them: the inks a colour puts down, and what is wrong
with a space for PDF/X-1a."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pikepdf

INKS = ("C", "M", "Y", "K")
_COLORANTS = {"/Cyan": ("C",), "/Magenta": ("M",), "/Yellow": ("Y",), "/Black": ("K",),
              "/All": INKS, "/None": ()}
_DEPTH = 8  # spaces naming spaces: deeper is a loop in a broken file


@dataclass(frozen=True)
class Space:
    """A colour space: how many operands, the inks a colour puts down, and what is wrong
    with it for PDF/X-1a ('' when nothing)."""

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
            return {"K": 1.0 - _unit(values[0])} if values else None
        if not self.inks or len(values) < len(self.inks):
            return None
        ink: dict[str, float] = {}
        for name, v in zip(self.inks, values):
            for colorant in _COLORANTS.get(name, (name[1:],)):
                ink[colorant] = max(ink.get(colorant, 0.0), _unit(v))
        return ink


def _unit(v: float) -> float:
    """A colour component as a device clips it."""
    return min(max(v, 0.0), 1.0)


CMYK = Space("DeviceCMYK", 4, ("/Cyan", "/Magenta", "/Yellow", "/Black"))
GRAY = Space("DeviceGray", 1, gray=True)
RGB = Space("DeviceRGB", 3, rgb=True, problem="RGB colour space DeviceRGB")
PATTERN = Space("Pattern", 0)
DEVICE = {"/DeviceCMYK": CMYK, "/CMYK": CMYK, "/DeviceGray": GRAY, "/G": GRAY,
          "/DeviceRGB": RGB, "/RGB": RGB, "/Pattern": PATTERN}


def resolve_space(obj, resources, depth: int = 0) -> Space:
    """A colour space from its name or array, looked up in `resources` when named."""
    if depth > _DEPTH:
        return Space("?", 0, problem="a colour space that names itself")
    if isinstance(obj, pikepdf.Name):
        key = str(obj)
        if key in DEVICE:
            return DEVICE[key]
        named = resources.get("/ColorSpace", {}) if resources is not None else {}
        if key in named:
            return resolve_space(named[key], resources, depth + 1)
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
        alt = resolve_space(obj[2], resources, depth + 1)
        problem = f"{family[1:]} colour with an alternate {alt.problem}" if alt.problem else ""
        return Space(f"{family[1:]} {' '.join(str(n)[1:] for n in names)}", len(names),
                     tuple(str(n) for n in names), rgb=alt.rgb, problem=problem)
    if family in ("/Indexed", "/I"):
        base = resolve_space(obj[1], resources, depth + 1)
        table = obj[3].read_bytes() if isinstance(obj[3], pikepdf.Stream) else bytes(obj[3])
        step = max(base.n, 1)
        entries = tuple(tuple(b / 255 for b in table[i:i + step])
                        for i in range(0, min(len(table), 256 * step) - step + 1, step))
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
