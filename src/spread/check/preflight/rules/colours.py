"""Colour spaces: device CMYK, gray and spot colours only — no RGB, ICC, Lab — in the
content, images, inline images, shadings and patterns."""

from __future__ import annotations

import pikepdf

from spread.check.preflight.colour import resolve_space


def _rule(space) -> str:
    return "colour-rgb" if space.rgb else "colour-space"


def colour(page, op: str, space, label: str) -> None:
    if op in ("rg", "RG"):
        page.add("colour-rgb", f"RGB colour operator '{op}' in the content")
    elif space.problem:
        what = f"shading {label[8:]}: {space.problem}" if op == "sh" \
            else f"{space.problem} {label}"
        page.add(_rule(space), what)


def paint(page, p) -> None:
    if p.kind == "image" and p.space.problem:
        page.add(_rule(p.space), f"image {p.name}: {'RGB image, ' if p.space.rgb else ''}"
                                 f"{p.space.problem}")


def inline_image(page, image: dict, gs) -> None:
    if bool(image.get("/ImageMask", False)):
        return
    # a named space is the page's (an inline image names a resource, or a device space by
    # its abbreviation): one named /CS0 for device CMYK was refused, and an indexed RGB
    # one was named by its table's bytes
    space = resolve_space(image.get("/ColorSpace", pikepdf.Name.DeviceGray),
                          page.obj.get("/Resources"))
    if space.problem:
        page.add(_rule(space), f"inline image in colour space {space.name}: {space.problem}")


def resource(page, kind: str, name: str, obj) -> None:
    if kind == "/Pattern" and isinstance(obj.get("/Shading"), pikepdf.Dictionary):
        space = resolve_space(obj.Shading.get("/ColorSpace"), page.obj.get("/Resources"))
        if space.problem:
            page.add(_rule(space), f"pattern {name}: {space.problem}")


# the default colour spaces (PDF 1.3 §4.5.7) and the device colours each one remaps
_DEFAULTS = {"/DefaultCMYK": "CMYK", "/DefaultRGB": "RGB", "/DefaultGray": "grey"}


def resources(page, resources, owner: str) -> None:
    """A default colour space turns each device colour of its kind drawn under these
    resources into a CIE-based one the RIP converts (DefaultCMYK: every CMYK colour of the
    page, through a profile other than the printing condition's)."""
    named = resources.get("/ColorSpace")
    for key in named.keys() if isinstance(named, pikepdf.Dictionary) else []:
        if key in _DEFAULTS:
            page.add("colour-space", f"{owner}'s resources set {key[1:]}: every {_DEFAULTS[key]} "
                                     "colour drawn there becomes a colour the RIP converts, "
                                     "which PDF/X-1a does not allow (device colours as they are)")
