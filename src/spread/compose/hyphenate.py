"""Where a Latin word may be hyphenated at a line end: Liang's patterns (pyphen, the
LibreOffice dictionaries) of the word's script, English for Latin letters, with at least
two letters before the break and three after it. Codes and abbreviations are never
hyphenated: a word with a digit, an @, or no lower-case letter (COVID, iPhone15, A320) is
left whole; URLs and e-mail addresses are tokens of their own and never get here."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import pyphen

LEFT, RIGHT = 2, 3  # shortest fragments before and after a hyphen (letters)
SHORTEST = 6  # a shorter word is never hyphenated


# A word's patterns by its script: a Greek or Cyrillic word takes its language's (a Chinese
# text names few languages in those scripts, and Greek and Russian are the likely ones); a
# word in Latin letters takes English's, which find few points in words of the other
# Latin-script languages (Zürich, Kierkegaard, Wróblewski stay whole; Reyk-javík)
SCRIPTS = {"GREEK": "el_GR", "CYRILLIC": "ru_RU"}


@lru_cache(maxsize=4)
def _dictionary(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=lang, left=LEFT, right=RIGHT)


def _language(word: str) -> str:
    script = unicodedata.name(next((ch for ch in word if ch.isalpha()), "a"), "").split(" ")[0]
    return SCRIPTS.get(script, "en_US")


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
            points += [offset + k for k in _dictionary(_language(part)).positions(part)]
        offset += len(part) + 1
    return tuple(points)
