"""Overprint: an overprinting paint keeps the inks beneath that it does not paint, and the
stack must stay within the total-ink limit — judged on the painted shapes, so a glyph
whose box touches a red bullet passes and a real patch of black on red fails. And 100 K
text overprints (print.md §1): black text set to knock out is named."""

from __future__ import annotations

from spread.check.preflight.colour import describe, total
from spread.check.preflight.rules.ink import TOLERANCE, over

_BLACK = 0.995  # a K of 99.5 % and more is 100 K


def paint(page, p) -> None:
    if p.kind in ("fill", "stroke", "text", "mask") and page.prints(p.where):
        _stack(page, p)
    if p.kind == "text":
        _black_text(page, p)


def _stack(page, p) -> None:
    if p.painted is None:
        return
    limit = page.limits.total_ink
    own = total(p.ink)
    mine = total({k: v for k, v in p.ink.items() if k in p.painted})
    if over(page.limits, own):
        return  # the colour alone is over: rules/ink.py says so
    beneath = page.beneath(p, p.painted, limit + TOLERANCE - mine)
    if over(page.limits, mine + beneath):
        page.add("ink-overprint", f"{describe(p.ink)} overprints colour beneath it to "
                                  f"{mine + beneath:.0f}% total ink, above the {limit:g}% "
                                  "limit", p.where)


def _black_text(page, p) -> None:
    ink = p.ink
    if ink.get("K", 0.0) < _BLACK or any(v > 0 for k, v in ink.items() if k != "K"):
        return
    if not page.prints(p.where):
        return
    if p.painted is not None and not (p.painted - {"K"}):
        return  # overprints: only K is replaced
    why = "it knocks out" if not p.overprint else \
        f"overprint is on, but {p.space.name} without OPM 1 knocks out the other inks"
    page.add("overprint-black", f"100% K text must overprint; {why}", p.where)
