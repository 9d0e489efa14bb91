"""Page boxes: every page has a TrimBox and a BleedBox, Trim ⊆ Bleed ⊆ Media, each of some
area; a CropBox, if any, holds the trim; the page is turned by a multiple of 90° and drawn at
its size (no UserUnit)."""

from __future__ import annotations

import math

from spread.check.preflight.geometry import TOLERANCE, inside, norm
from spread.check.preflight.report import fmt_box


def page(page) -> None:
    boxes = {"MediaBox": norm(page.mediabox)}
    for name in ("TrimBox", "BleedBox"):
        if f"/{name}" not in page.obj:
            page.add("boxes", f"the page has no {name}")
        else:
            box = page.box(f"/{name}")
            if box is None:
                page.add("boxes", f"the page's {name} is not four numbers")
            else:
                boxes[name] = box
    for inner, outer in (("TrimBox", "BleedBox"), ("BleedBox", "MediaBox")):
        if inner in boxes and outer in boxes and not inside(boxes[inner], boxes[outer]):
            page.add("boxes", f"the {inner} {fmt_box(boxes[inner])} is not inside the "
                              f"{outer} {fmt_box(boxes[outer])}")
    for name, box in boxes.items():
        if box[2] - box[0] <= TOLERANCE or box[3] - box[1] <= TOLERANCE:
            page.add("boxes", f"the {name} {fmt_box(box)} has no area")
    crop = page.box("/CropBox")
    if crop is not None and "TrimBox" in boxes and not inside(boxes["TrimBox"], crop):
        page.add("boxes", f"the CropBox {fmt_box(crop)} does not hold the TrimBox "
                          f"{fmt_box(boxes['TrimBox'])}: viewers, and RIPs that crop to it, "
                          "hide what lies outside it")
    _turn_and_scale(page)


def _turn_and_scale(page) -> None:
    """/Rotate other than a multiple of 90 is no PDF (readers turn such a page each their
    own way); a UserUnit scales every length on the page — PDF/X-1a, PDF 1.3, has none."""
    rotate = page.obj.get("/Rotate", 0)
    if isinstance(rotate, bool) or not isinstance(rotate, int) or rotate % 90:
        page.add("boxes", f"the page's /Rotate is {rotate}, not a multiple of 90")
    unit = page.obj.get("/UserUnit")
    try:
        scale = None if unit is None else float(unit)
    except (TypeError, ValueError):
        scale = math.nan
    if scale is not None and scale != 1:
        times = "at another size" if math.isnan(scale) else f"{scale:g} times its size"
        page.add("boxes", f"the page's UserUnit is {unit}: a reader that honours it prints the "
                          f"page {times}, and PDF/X-1a (PDF 1.3) has no UserUnit")
