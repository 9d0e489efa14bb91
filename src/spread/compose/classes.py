"""Character classes for line breaking and punctuation width (clreq §3.1.7, GB/T 15834-2011).

Every set here is data the composer consults; none of them decides anything by itself.
"""

from __future__ import annotations

import re
import unicodedata

# clreq 3.1.7: marks that may not open a line (closing marks, pause/stop marks, unit signs,
# the dashes and connectors).
LINE_START_FORBIDDEN = frozenset(
    "、，。．：；！？”’）】〗〕］｝》〉」』〙·・‧–—～/／%‰℃°…⋯"
    ",.;:?!)]}")
# marks that may not close a line: the opening brackets and quotes
LINE_END_FORBIDDEN = frozenset("“‘（【〖〔［｛《〈「『〘([{")

# Where a mark's ink sits in its em box decides which side may be trimmed (GB style: the
# pause and stop marks sit at the left of the box, opening marks at the right).
OPENING = frozenset("“‘（【〖〔［｛《〈「『〘")
CLOSING = frozenset("”’）】〗〕］｝》〉」』〙、，。．：；！？")
# GB/T 15834 §4: · and / are set at half an em, centred
HALF_CENTRED = frozenset("·・‧/／")
# stops keep their width longest when a line must shrink (clreq 3.2.x: 。？！ last)
STOPS = frozenset("。？！．")
# 开明 style keeps these at a full em and sets every other mark at half
KAIMING_FULL = frozenset("。？！")
# runs that never break and are never letter-spaced inside
DASH_RUN = re.compile(r"(?:——|⸺|……|⋯⋯)+")

# A number with its sign, decimals and unit sign, and (spread's rule) a following 万/亿/千
# and the approximators 余/多: 7.7万余, 1846.7万, 1100余万, 95%. The measure word after
# them (元, 人次) may go to the next line: keeping it too leaves narrow columns spaced out.
NUMBER_RUN = re.compile(
    r"[+\-±¥$]?\d+(?:[.,:]\d+)*[%‰℃°]?(?:[余多]?[万亿千][余多]?|[余多])?")
# Latin words (and mixed codes like 1+X) stay whole
LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9+\-.'’&_]*[A-Za-z0-9%]|[A-Za-z0-9]")


def is_han(ch: str) -> bool:
    """A Han ideograph (any CJK Unified Ideographs block or compatibility ideograph)."""
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x3134F
            or 0xF900 <= o <= 0xFAFF or o == 0x3007)


def is_latin(ch: str) -> bool:
    """Letters and digits that take CJK–Latin spacing next to Han (ASCII and Latin-1)."""
    return ch.isascii() and ch.isalnum() or ch in "%‰℃°" or (
        ord(ch) < 0x250 and unicodedata.category(ch).startswith("L"))


def atomic_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text that are never broken nor letter-spaced: dashes, ellipses, numbers
    with their unit and magnitude, Latin words. Sorted and non-overlapping."""
    spans: list[tuple[int, int]] = []
    taken = [False] * len(text)
    for pattern in (DASH_RUN, NUMBER_RUN, LATIN_RUN):
        for m in pattern.finditer(text):
            a, b = m.span()
            if b - a < 2 or any(taken[a:b]):
                continue
            spans.append((a, b))
            for i in range(a, b):
                taken[i] = True
    return sorted(spans)
