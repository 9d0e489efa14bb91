"""Lengths and type sizes as layout staff write them: 10pt, 3mm, 1.5字, 五号 (GB/T 40070-2021)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

MM = 72 / 25.4

# GB/T 40070-2021 type size names, in points
HAO = {
    "初号": 42.0, "小初": 36.0, "一号": 26.0, "小一": 24.0, "二号": 22.0, "小二": 18.0,
    "三号": 16.0, "小三": 15.0, "四号": 14.0, "小四": 12.0, "五号": 10.5, "小五": 9.0,
    "六号": 7.5, "小六": 6.5, "七号": 5.5, "八号": 5.0,
}
_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*(pt|mm|cm|in|字|em)?\s*$")
# how a 号 size gets miswritten: with a digit (5号, 小4), as 號, or with the 号 a 小 size lacks
_NUMERALS = str.maketrans("12345678號", "一二三四五六七八号")


class LengthError(ValueError):
    """A length that could not be read, with a hint when a 号 size was meant."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


def size_meant(text: str) -> str:
    """The 号 size name `text` most likely stands for ('5号' → '五号', '小4号' → '小四'),
    or '' when it looks like none."""
    guess = "".join(unicodedata.normalize("NFKC", text).split()).translate(_NUMERALS)
    if guess.startswith("小") and guess.endswith("号"):
        guess = guess[:-1]
    for candidate in (guess, guess + "号"):
        if candidate in HAO:
            return candidate
    if "号" not in guess and not guess.startswith("小"):
        return ""
    close = difflib.get_close_matches(guess, list(HAO), n=1, cutoff=0.7)
    return close[0] if close else ""


# units as they are written in Chinese, or in capitals: what spread's own names for them are
_UNIT_WORDS = (("毫米", "mm"), ("厘米", "cm"), ("公分", "cm"), ("英寸", "in"), ("磅", "pt"),
               ("点", "pt"), ("个字", "字"), ("個字", "字"), ("MM", "mm"), ("CM", "cm"),
               ("PT", "pt"), ("IN", "in"), ("Mm", "mm"), ("Pt", "pt"), ("Cm", "cm"),
               ("In", "in"))


def length_meant(text: str) -> str:
    """The length `text` most likely stands for when it is written with full-width figures,
    a decimal comma, or a unit in Chinese or capitals ('3毫米' → '3mm', '１５ｍｍ' → '15mm',
    '2,5mm' → '2.5mm'), or '' when it looks like none."""
    guess = "".join(unicodedata.normalize("NFKC", text).split())
    for word, unit in _UNIT_WORDS:
        guess = guess.replace(word, unit)
    guess = re.sub(r"^(\d+),(\d+)", r"\1.\2", guess)
    guess = re.sub(r"^(\d+)\.(?=\D|$)", r"\1", re.sub(r"^\.", "0.", guess))
    return guess if guess != text and _LENGTH.match(guess) else ""


# units of screens and of other trades, and what they are in spread's
_OTHER_UNITS = {"px": "a pixel has no size on paper (CSS counts 96 to the inch: {n}px is "
                      "{pt}pt)", "pc": "a pica is 12pt: {n}pc is {pt12}pt",
                "dpi": "dpi is a resolution, not a length", "%": "a length is not a share"}


def _unit_unknown(text: str) -> str:
    """What to write for a length in a unit spread does not take (3px), or ''."""
    found = re.match(r"^\s*(-?\d+(?:\.\d+)?)\s*([A-Za-z%]+)\s*$", text)
    if not found or found.group(2).lower() not in _OTHER_UNITS:
        return ""
    n = float(found.group(1))
    said = _OTHER_UNITS[found.group(2).lower()].format(
        n=found.group(1), pt=f"{n * 0.75:g}", pt12=f"{n * 12:g}")
    return f"{said}; write it in pt, mm, cm, in or 字"


# the page sizes a layout is asked for by name (trim, portrait, in mm): the newspaper formats
# (对开 broadsheet, 四开 tabloid, 八开) and the ISO ones a designer says
PAPER = {"对开": (390, 545), "四开": (270, 390), "八开": (195, 270), "A2": (420, 594),
         "A3": (297, 420), "A4": (210, 297), "A5": (148, 210), "B3": (353, 500),
         "B4": (250, 353)}


def paper_named(text: str) -> str:
    """The paper format `text` names (对开, a3, 4开), or ''."""
    key = unicodedata.normalize("NFKC", text).strip().upper().replace("4开", "四开") \
        .replace("2开", "对开").replace("8开", "八开").replace("对开纸", "对开")
    return key if key in PAPER else ""


def paper_of(width_mm: float, height_mm: float) -> str:
    """The format a page of these millimetres is (either way round, within 1 mm), or ''."""
    for name, (w, h) in PAPER.items():
        if {round(width_mm), round(height_mm)} == {w, h} or (
                abs(width_mm - w) <= 1 and abs(height_mm - h) <= 1):
            return name
    return ""


def bare(node) -> bool:
    """Whether a length's node is a number written without a unit (10, not 10pt)."""
    return isinstance(node.value, (int, float)) and not isinstance(node.value, bool) \
        and node.style is None


@dataclass(frozen=True)
class Length:
    """A length as written: a number and a unit. 字/em count characters of a reference size."""

    value: float
    unit: str = "pt"

    yaml_name = "a length (e.g. 10pt, 3mm, 1.5字 or a 号 size such as 五号)"

    @classmethod
    def parse(cls, text: str | float | int) -> "Length":
        if isinstance(text, (int, float)) and not isinstance(text, bool):
            return cls(float(text), "pt")
        raw = str(text).strip()
        if raw in HAO:
            return cls(HAO[raw], "pt")
        m = _LENGTH.match(raw)
        if not m:
            meant = size_meant(raw) or length_meant(raw)
            raise LengthError(f"'{raw}' is not a length; write 10pt, 3mm, 1.5字 or a 号 size "
                              f"({'、'.join(HAO)})", f"did you mean {meant}?" if meant
                              else _unit_unknown(raw))
        unit = m.group(2) or "pt"
        return cls(float(m.group(1)), "字" if unit == "em" else unit)

    @classmethod
    def from_node(cls, node, decoder):
        if node.kind != "scalar" or node.raw is None:
            raise decoder.error(f"expected {cls.yaml_name}", node.where)
        try:
            value = cls.parse(node.value if isinstance(node.value, (int, float)) else node.raw)
        except ValueError as exc:
            from spread.yamlsource import read_otherwise

            hint = getattr(exc, "hint", "") or read_otherwise(str(node.raw))
            raise decoder.error(str(exc), node.where, hint) from None
        decoder.lengths.setdefault(node.where.path, (node, value, decoder.least))
        return value

    @classmethod
    def json_schema(cls) -> dict:
        return {"anyOf": [{"type": "number"},
                          {"type": "string",
                           "pattern": r"^-?\d+(\.\d+)?([eE][-+]?\d+)?\s*(pt|mm|cm|in|字|em)?$"},
                          {"enum": list(HAO)}],
                "description": "a length: pt by default, or mm, cm, in, 字 (ems of the "
                               "grid's unit size), or a GB/T 40070 号 size name"}

    def pt(self, zi: float = 0.0) -> float:
        """In points; `zi` is the size one 字 stands for."""
        factor = {"pt": 1.0, "mm": MM, "cm": 10 * MM, "in": 72.0, "字": zi}[self.unit]
        if self.unit == "字" and not zi:
            raise ValueError("a length in 字 needs a reference size")
        return self.value * factor


def length(text: str | float) -> float:
    """Points from a length written without 字."""
    return Length.parse(text).pt()
