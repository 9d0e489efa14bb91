"""The character standards a Chinese newspaper's fonts are measured against.

- 通用规范汉字表 (State Council, 2013): 8,105 characters in general use, in three levels —
  3,500 common, 3,000 less common (names, places, terms), 1,605 for special fields; 199 of
  them lie beyond the BMP. The table is tables/tongyong-guifan-2013.txt, in the standard's
  order, so the levels are its first 3,500, the next 3,000 and the last 1,605 lines.
- GB 2312 (1980): 7,445 characters, 6,763 of them hanzi; every valid two-byte code.
- GBK (1995): 21,886 codes; every valid two-byte code of Python's 'gbk' codec.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

TONGYONG_TABLE = Path(__file__).with_name("tables") / "tongyong-guifan-2013.txt"
TONGYONG_LEVELS = (3500, 3000, 1605)


@cache
def tongyong_guifan() -> tuple[str, ...]:
    """The 8,105 characters of 通用规范汉字表 in the table's order."""
    chars = []
    for line in TONGYONG_TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            char, code = line.split("\t")
            if ord(char) != int(code.strip(), 16):  # the file checks itself
                raise ValueError(f"{TONGYONG_TABLE}: {char} is not U+{code.strip()}")
            chars.append(char)
    if len(chars) != sum(TONGYONG_LEVELS):
        raise ValueError(f"{TONGYONG_TABLE}: {len(chars)} characters, not 8105")
    return tuple(chars)


@cache
def tongyong_level(level: int) -> frozenset[str]:
    """Level 1, 2 or 3 of 通用规范汉字表."""
    start = sum(TONGYONG_LEVELS[:level - 1])
    return frozenset(tongyong_guifan()[start:start + TONGYONG_LEVELS[level - 1]])


def is_han(ch: str) -> bool:
    """A CJK unified or compatibility ideograph (the URO, extension A and the planes beyond)."""
    cp = ord(ch)
    return 0x3400 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3FFFF


def _double_byte(codec: str, leads: range, trails: range) -> frozenset[str]:
    chars = set()
    for lead in leads:
        for trail in trails:
            try:
                chars.add(bytes((lead, trail)).decode(codec))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


@cache
def gb2312() -> frozenset[str]:
    return _double_byte("gb2312", range(0xA1, 0xF8), range(0xA1, 0xFF))


@cache
def gbk() -> frozenset[str]:
    return _double_byte("gbk", range(0x81, 0xFF), range(0x40, 0xFF))


def standards() -> dict[str, frozenset[str]]:
    """Each standard a face's coverage is reported against, by the name reports use."""
    return {"tongyong_1": tongyong_level(1), "tongyong_2": tongyong_level(2),
            "tongyong_3": tongyong_level(3), "gb2312": gb2312(), "gbk": gbk()}
