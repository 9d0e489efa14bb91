"""Page boxes: every page has a TrimBox and a BleedBox, Trim ⊆ Bleed ⊆ Media."""

from __future__ import annotations

from spread.check.preflight.geometry import inside, norm
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
