"""Sizes newsprint can hold: reversed (white-on-colour) and multi-ink type at least
10 pt, tinted one-ink type 8 pt; rules 1 pt, reversed or multi-ink rules 1.5 pt. The size
is the one on the page, after the text and graphics matrices."""

from __future__ import annotations

from spread.check.preflight.colour import describe, total

_SOLID = 0.995


def paint(page, p) -> None:
    if p.kind not in ("text", "stroke") or not page.prints(p.where):
        return
    own = total(p.ink)
    inks = [k for k, v in p.ink.items() if v > 0]
    lim = page.limits
    if p.kind == "text":
        rule, what, size = "type-size", "text", p.size
        if own == 0:
            kind, least = "reversed (white-on-colour)", lim.reversed_type.pt()
        elif len(inks) > 1:
            kind, least = f"{len(inks)}-ink ({describe(p.ink)})", lim.four_colour_type.pt()
        elif p.ink[inks[0]] < _SOLID:
            kind, least = f"tinted ({describe(p.ink)})", lim.tinted_type.pt()
        else:
            return
    else:
        rule, what, size = "rule-width", "rule", p.width
        if own == 0:
            kind, least = "reversed (white-on-colour)", lim.reversed_rule.pt()
        elif len(inks) > 1:
            kind, least = f"{len(inks)}-ink ({describe(p.ink)})", lim.reversed_rule.pt()
        else:
            kind, least = f"one-ink ({describe(p.ink)})", lim.rule.pt()
    if size >= least - 0.005:
        return
    if own == 0 and page.beneath(p, frozenset(), 0.0) == 0:
        return  # paper on paper: nothing prints
    shown = f"{size:.1f}" if rule == "type-size" else f"{size:.2f}"
    page.add(rule, f"{shown} pt {kind} {what}, below the {least:g} pt minimum", p.where)
