"""An image's worst pixels: for every set of CMYK inks, the most of those inks any pixel
holds — read in strips, so memory stays at a strip whatever the image's size."""

from __future__ import annotations

from itertools import combinations

import pikepdf
from PIL import Image, ImageMath

from spread.check.preflight.colour import INKS, Space
from spread.check.reading import MAX_IMAGE_PIXELS

Worst = dict[frozenset, float]
_STRIP = 1 << 20  # pixels summed at once
SUBSETS = [frozenset(s) for n in range(5) for s in combinations(INKS, n)]


def image_worst(doc, xobj, space: Space) -> Worst | None:
    """Cached per image object; None when the image is not CMYK or gray, or unreadable."""
    key = xobj.objgen if xobj.is_indirect else id(xobj)
    if key not in doc.images:
        doc.images[key] = _worst(doc, xobj, space)
    return doc.images[key]


def _worst(doc, xobj, space: Space) -> Worst | None:
    if space.lookup:
        entries = [space.colour([i]) or {} for i in range(len(space.lookup))]
        return {s: max((sum(e.get(k, 0.0) for k in s) * 100 for e in entries), default=0.0)
                for s in SUBSETS}
    if space.n not in (1, 4) or not (space.gray or space.inks[:1] == ("/Cyan",)):
        return None
    width, height = int(xobj.get("/Width", 0)), int(xobj.get("/Height", 0))
    if width * height > MAX_IMAGE_PIXELS:
        raise doc.source.too_large(f"an image of {width} × {height} pixels, more than "
                                   f"{MAX_IMAGE_PIXELS:,}")
    try:
        pil = pikepdf.PdfImage(xobj).as_pil_image()
        if pil.width * pil.height > MAX_IMAGE_PIXELS:
            return None
        pil.load()
    except (pikepdf.PdfError, NotImplementedError, ValueError, OSError, SyntaxError,
            Image.DecompressionBombError, pikepdf.DependencyError):
        return None
    if space.gray:
        black = pil.convert("L").getextrema()[0]  # the darkest pixel
        return {s: (100 - black / 2.55 if "K" in s else 0.0) for s in SUBSETS}
    cmyk = pil.convert("CMYK")
    worst = {s: 0.0 for s in SUBSETS}
    rows = max(1, _STRIP // max(cmyk.width, 1))
    for top in range(0, cmyk.height, rows):
        strip = cmyk.crop((0, top, cmyk.width, min(cmyk.height, top + rows)))
        channels = dict(zip(INKS, strip.split()))
        for s in SUBSETS:
            if s:
                summed = ImageMath.lambda_eval(lambda a, s=s: sum(a[k] for k in s), **channels)
                worst[s] = max(worst[s], summed.getextrema()[1] / 2.55)
    return worst


def channel_maxima(worst: Worst) -> dict[str, float]:
    """The most of each ink alone, as a flat colour (0–1): an image taken at its worst."""
    return {k: worst[frozenset((k,))] / 100 for k in INKS}
