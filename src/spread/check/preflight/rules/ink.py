"""Total ink: no colour, and no image pixel, over the limit (240 % on newsprint). Stacks
built by overprinting are judged by rules/overprint.py."""

from __future__ import annotations

from spread.check.preflight.colour import INKS, describe, total
from spread.check.preflight.pixels import image_worst

TOLERANCE = 0.5  # percent: a colour at 240.4 % rounds to the limit; 240.6 % is over it


def over(limits, percent: float) -> bool:
    return percent > limits.total_ink + TOLERANCE


def paint(page, p) -> None:
    limit = page.limits.total_ink
    if p.kind == "image":
        worst = image_worst(page.doc, p.image, p.space)
        if worst is not None and page.prints(p.where) and over(page.limits,
                                                              worst[frozenset(INKS)]):
            page.add("ink-total", f"image {p.name} has pixels of {worst[frozenset(INKS)]:.0f}% "
                                  f"total ink, above the {limit:g}% limit", p.where)
        return
    own = total(p.ink)
    if over(page.limits, own) and page.prints(p.where):
        page.add("ink-total", f"colour {describe(p.ink)} has {own:.0f}% total ink, above the "
                              f"{limit:g}% limit", p.where)
