"""Where a Latin word may be hyphenated at a line end: Liang's patterns (pyphen, the
LibreOffice dictionaries) of the word's language as its letters tell it, with at least two
letters before the break and three after it. Codes and abbreviations are never hyphenated:
a word with a digit, an @, or no lower-case letter (COVID, iPhone15, A320) is left whole;
URLs and e-mail addresses are tokens of their own and never get here."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import pyphen

LEFT, RIGHT = 2, 3  # shortest fragments before and after a hyphen (letters)
SHORTEST = 6  # a shorter word is never hyphenated

# A word's language is told by its letters, no further. Each script has the language a
# Chinese text most likely quotes in it, whose patterns a word of the script's plain letters
# takes (ASCII: English; Greek; Russian's 33 letters)...
SCRIPTS = {"LATIN": "en_US", "GREEK": "el_GR", "CYRILLIC": "ru_RU"}
PLAIN = {"LATIN": frozenset("abcdefghijklmnopqrstuvwxyz"),
         "CYRILLIC": frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")}
# ... and a letter beyond them names the languages whose alphabets hold it (their standard
# orthographies). A word is hyphenated only at the points the patterns of every language
# its letters allow agree on: ß is German alone (Stra-ßen-bahn-hal-te-stelle); ü is German,
# Spanish, Hungarian, Estonian …, and Düs-sel-dorf breaks where they all break it. A letter
# of no language here leaves the word whole, unhyphenated rather than hyphenated wrongly:
# Vietnamese ễ, and Turkish ğ ı (pyphen has no Turkish patterns: Erdoğan)
ALPHABETS = {  # smallest dictionary first (see _points)
    "pt_PT": "áâãàçéêíóôõú", "it_IT": "àèéìíîòóùú", "da_DK": "æøåé", "sl_SI": "čšž",
    "hr_HR": "čćđšž", "uk_UA": "іїєґ", "lt": "ąčęėįšųūž", "sk_SK": "áäčďéíĺľňóôŕšťúýž",
    "fr": "àâæçéèêëîïôœùûüÿ", "ca": "àçèéíïòóúüŀ", "be_BY": "іў", "af_ZA": "áäèéêëíïóôöúûüý",
    "sr": "ђјљњћџ", "cs_CZ": "áčďéěíňóřšťúůýž", "et_EE": "äõöüšž", "pl_PL": "ąćęłńóśźż",
    "ro_RO": "ăâîșțşţ", "es": "áéíñóúü", "is": "áðéíóúýþæö", "lv_LV": "āčēģīķļņšūž",
    "sq_AL": "çë", "sv": "åäöé", "nl_NL": "áéèëíïóöúü", "nb_NO": "æøåéèêóòô",
    "de_DE": "äöüß", "hu_HU": "áéíóöőúüű",
}


@lru_cache(maxsize=None)
def _dictionary(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=lang, left=LEFT, right=RIGHT)


def languages(word: str) -> tuple[str, ...]:
    """The languages the word's letters allow, by its script and its letters beyond the
    script's plain ones; () for none."""
    script = unicodedata.name(next((ch for ch in word if ch.isalpha()), "a"), "").split(" ")[0]
    plain = PLAIN.get(script, frozenset())
    beyond = {ch for ch in unicodedata.normalize("NFC", word.lower())
              if ch.isalpha() and ch not in plain}
    if script == "GREEK" or (script in PLAIN and not beyond):
        return (SCRIPTS[script],)
    return tuple(lang for lang, letters in ALPHABETS.items() if beyond <= set(letters))


@lru_cache(maxsize=4096)
def _points(part: str) -> tuple[int, ...]:
    """Where every language the part's letters allow breaks it: the smallest dictionaries
    asked first, and none more once they disagree (German's and Hungarian's take a second
    to load)."""
    langs = languages(part)
    if not langs:
        return ()
    found = set(_dictionary(langs[0]).positions(part))
    for lang in langs[1:]:
        if not found:
            break
        found &= set(_dictionary(lang).positions(part))
    return tuple(sorted(found))


@lru_cache(maxsize=4096)
def hyphen_points(word: str) -> tuple[int, ...]:
    """Offsets k where the word may break before word[k]: Liang's points in each part of a
    compound, and right after the compound's own hyphens."""
    if any(not (ch.isalpha() or ch in "-'’") for ch in word) or word.isupper() or (
            not any(ch.islower() for ch in word)):
        return ()
    points: list[int] = []
    offset = 0
    letters = sum(ch.isalpha() for ch in word)
    for part in word.split("-"):
        # after the compound's own hyphen, with the fragments' least lengths as anywhere
        # (e- / Visa leaves one letter: not broken)
        before = sum(ch.isalpha() for ch in word[:offset])
        if offset and before >= LEFT and letters - before >= RIGHT:
            points.append(offset)
        if len(part) >= SHORTEST and not any(ch.isupper() for ch in part[1:]):
            points += [offset + k for k in _points(part)]
        offset += len(part) + 1
    return tuple(points)
