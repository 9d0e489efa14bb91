"""Colour spaces: device CMYK, gray and spot colours only — no RGB, ICC, Lab — in the
content, images, inline images, shadings and patterns."""

from __future__ import annotations

import pikepdf

from spread.check.preflight.colour import CMYK, GRAY, RGB, resolve_space


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
    name = str(image.get("/ColorSpace", "/DeviceGray"))
    space = {"/DeviceCMYK": CMYK, "/CMYK": CMYK, "/DeviceGray": GRAY, "/G": GRAY,
             "/DeviceRGB": RGB, "/RGB": RGB}.get(name)
    if space is None or space.problem:
        page.add("colour-rgb" if space is RGB else "colour-space",
                 f"inline image in colour space {name}")


def resource(page, kind: str, name: str, obj) -> None:
    if kind == "/Pattern" and isinstance(obj.get("/Shading"), pikepdf.Dictionary):
        space = resolve_space(obj.Shading.get("/ColorSpace"), page.obj.get("/Resources"))
        if space.problem:
            page.add(_rule(space), f"pattern {name}: {space.problem}")
