"""Where a Latin word may be hyphenated at a line end: Liang's patterns (pyphen, the
LibreOffice dictionaries), English by default, with at least two letters before the break
and three after it. Codes and abbreviations are never hyphenated: a word with a digit, an
@, or no lower-case letter (COVID, iPhone15, A320) is left whole; URLs and e-mail addresses
are tokens of their own and never get here."""

from __future__ import annotations

from functools import lru_cache

import pyphen

LEFT, RIGHT = 2, 3  # shortest fragments before and after a hyphen (letters)
SHORTEST = 6  # a shorter word is never hyphenated


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US", left=LEFT, right=RIGHT)


@lru_cache(maxsize=4096)
def hyphen_points(word: str) -> tuple[int, ...]:
    """Offsets k where the word may break before word[k]: Liang's points in each part of a
    compound, and right after the compound's own hyphens."""
    if any(not (ch.isalpha() or ch in "-'’") for ch in word) or word.isupper() or (
            not any(ch.islower() for ch in word)):
        return ()
    points: list[int] = []
    offset = 0
    for part in word.split("-"):
        if offset:
            points.append(offset)  # after the compound's own hyphen
        if len(part) >= SHORTEST and not any(ch.isupper() for ch in part[1:]):
            points += [offset + k for k in _dictionary().positions(part)]
        offset += len(part) + 1
    return tuple(points)
