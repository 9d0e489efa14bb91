"""Image resolution: at least the limit (170 ppi) effective, in each direction — the
lower of the horizontal and vertical resolutions counts."""

from __future__ import annotations

import math

_TOLERANCE = 0.5  # ppi


def paint(page, p) -> None:
    if p.kind == "image" and page.prints(p.where):
        _resolution(page, p.name, p.pixels, p.ctm, p.where)


def inline_image(page, image: dict, gs) -> None:
    if bool(image.get("/ImageMask", False)):
        return
    pixels = tuple(int(image.get(k, 0)) if isinstance(image.get(k, 0), int) else 0
                   for k in ("/Width", "/Height"))
    _resolution(page, "(inline)", pixels, gs.ctm, None)


def _resolution(page, name: str, pixels, ctm, where) -> None:
    width, height = pixels
    wide = math.hypot(ctm[0], ctm[1]) / 72
    high = math.hypot(ctm[2], ctm[3]) / 72
    if not width or not height or not wide or not high:
        return
    ppi = min(width / wide, height / high)
    limit = page.limits.image_ppi
    if ppi < limit - _TOLERANCE:
        # to a tenth below 10 ppi: a 1 × 1 picture is 0.0023 ppi, not «0»
        shown = f"{ppi:.0f}" if ppi >= 9.5 else f"{ppi:.2g}"
        page.add("image-ppi", f"image {name} at {shown} ppi effective, below the "
                              f"{limit:g} ppi minimum: its {width} × {height} pixels are set "
                              f"{wide * 25.4:.0f} × {high * 25.4:.0f} mm; print needs "
                              f"{math.ceil(limit * wide - 0.5)} × "
                              f"{math.ceil(limit * high - 0.5)} pixels at that size", where)
