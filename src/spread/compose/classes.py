"""What each character is, for line breaking, spacing and punctuation width.

One classification, derived from Unicode data where a standard exists: the Line_Break class of
UAX #14 (linebreak_data.py, generated from the UCD's LineBreak.txt), East Asian Width and the
general category (Python's unicodedata). It is tailored for Chinese in one place, TAILORING
below, each entry citing its rule; clreq is W3C's Requirements for Chinese Text Layout,
GB/T 15834 the 2011 punctuation standard (§5.1: position of the marks in horizontal text),
GB/T 15835 the 2011 standard for numbers in text. Everything else here is derived:

- `break_class(ch)`: the tailored class; `may_start(ch)`, `may_end(ch)`: the prohibitions
- `is_opening`, `is_closing`: full-width marks with their blank on one side (GB style)
- `tokens(text)`: spans that are never broken nor letter-spaced (dashes, figures, Latin words,
  codes, URLs, e-mail addresses), the one tokeniser the composer and figure emphasis share
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from spread.compose import linebreak_data as _lb
from spread.content import NAME_JOINERS

# -- the Chinese tailoring of UAX #14, the only place characters are named ------------------

# GB/T 15834 §4.14: the 间隔号, which joins the parts of a transliterated name (穆罕默德·阿里),
# as content.NAME_JOINERS has it — and the bullet • a careless editor types for it between
# names (王𬌗•李彧: UAX #14 AL, which may start a line)
INTERPUNCTS = frozenset(NAME_JOINERS + "•")
TAILORING: dict[str, str] = {
    # GB/T 15834 §5.1.6: the 间隔号 is not set at a line start (UAX #14: AI, BA)
    **dict.fromkeys(INTERPUNCTS, "NS"),
    # GB/T 15834 §4.9, §5.1.3: the 破折号 typed as two horizontal bars, ―― (U+2015, where
    # code page 936 maps GB 2312's dash, so text from a Windows editor carries it) is the
    # dash —— is: one mark, never broken nor set at a line start (UAX #14: AI, which East
    # Asian text resolves to ID, breakable on both sides)
    "―": "B2",
    # GB/T 15834 §5.1.5: a 连接号 (hyphen, en dash, wave dash) is not set at a line start; UAX
    # #14 lets these start a line (BA) or treats the full-width tilde as an ideograph (ID)
    **dict.fromkeys("‐‑‒–～〜", "HY"),
    # ... and so is the ASCII tilde a careless editor types for the 浪纹线 (−5℃~3℃: UAX #14
    # AL, which may start a line); in an address it is inside the URL's token
    "~": "HY",
    # GB/T 15834 §5.1.8: the 分隔号 (solidus) is set neither at a line start nor at its end;
    # the full-width one is ID in UAX #14
    "／": "SY",
    # GB/T 15835: a full-width plus or minus before a number is its sign (UAX #14: ID); so
    # is a comparison sign (≥180, ＜0.5: UAX #14 AI or ID, which lets a line end after it)
    "＋": "PR", "－": "PR", **dict.fromkeys("≥≤≧≦≈＜＞", "PR"),
    # the ratio of a score or a scale (3∶1, 1∶500) joins its numbers as a colon does (UAX
    # #14: AI, which East Asian text resolves to ID, breakable on both sides)
    "∶": "IS",
    # a mention's @ (网友@数码老张) marks the name after it as a sign marks its number: it
    # never ends a line (UAX #14: AL, which lets a line end after it before Han; no Chinese
    # standard names it). Inside an e-mail address the token keeps it, broken before it.
    "@": "PR",
    # a backslash in Chinese text separates a Windows path's folders as a solidus does (UAX
    # #14 gives it PR, for the yen sign it stands for in Japanese encodings; ¥ is that here)
    "\\": "SY",
}
# Classes whose characters may not start a line. UAX #14 already keeps closing marks (CL,
# CP), stops (EX), infix separators (IS) and non-starters (NS) off a line start; clreq §3.1.7
# and GB/T 15834 §5.1.2–5.1.5 add the unit signs after a number (PO: ％ ℃ ‰ ′), hyphens (HY),
# dashes and ellipses (B2, IN: GB/T 15834 §5.1.3, §5.1.4) and the solidus (SY, §5.1.8).
# CM, ZWJ, GL and WJ glue to what precedes them (UAX #14 LB9, LB11, LB12); a line breaks
# after a break-after character, not before it (BA, LB21: the ideographic space that
# separates a table's cells typed into prose, 城东队　14胜4负, never opens a line).
NO_START = frozenset({"CL", "CP", "EX", "IS", "NS", "PO", "HY", "B2", "IN", "SY", "CM", "ZWJ",
                      "GL", "WJ", "QU", "CJ", "BA"})
# Classes whose characters may not end a line: opening marks (OP; clreq §3.1.7, GB/T 15834
# §5.1.2), a sign or currency before a number (PR: GB/T 15835 keeps a number whole with its
# sign), the solidus (SY, GB/T 15834 §5.1.8), no-break glue (GL, WJ, ZWJ).
NO_END = frozenset({"OP", "PR", "SY", "GL", "WJ", "ZWJ", "QU"})
# Marks that keep their width longest when a line must shrink (clreq §3.2: 。？！ last)
STOPS = frozenset("。？！．")
# 开明 style keeps these at a full em and sets every other mark at half (clreq §3.2.2)
KAIMING_FULL = frozenset("。？！")
# GB/T 15834 §4.14, §4.17: the 间隔号 and the 分隔号 take half an em, centred
HALF_CENTRED = frozenset("·・‧•/／")
# GB/T 15835 (and newspaper usage): a magnitude and an approximator after a number are
# part of it: 7.7万余, 1846.7万, 1100余万; 年 月 日 and a clock time make a date
MAGNITUDE = "[余多]?(?:万亿|千万|[万亿千])[余多]?|[余多]"  # 1.2万亿, 3千万, 7.7万余
# (typed with spaces too, 5 月 18 日: the composer sets a date tight whatever its spaces)
# A clock time in Chinese units (23时30分, 8时05分30秒: GB/T 15835 §4.3 writes it with 时 分
# 秒 as a date with 年 月 日) is one too
DATE = ("0+ ?年 ?0+ ?月(?: ?0+ ?日)?|0+ ?月 ?0+ ?日|0{1,2} ?时 ?0{1,2} ?分(?: ?0{1,2} ?秒)?"
        "|0{4}/0{1,2}/0{1,2}(?!0)")  # 2025/12/6 too
# ... and a month and a day parted by the 间隔号, naming an event or a day (GB/T 15834—2011
# §4.15: “9·11”事件, 5·12汶川地震, 3·15, 双11（11·11）): one date, never cut at its mark
DATE += "|(?<!·)0{1,2}·0{1,2}(?![0·])"
# Units and measure words (量词) a figure is kept with on its line and emphasised with:
# cutting 3,000 / 次 or 2021—2025 / 年 is a last resort (spread's rule, in the spirit of
# GB/T 15835, which keeps a figure whole); a figure before any other character
# (15834—2011和) may end a line. Words of two characters first (7.7万余人次, 95%以上).
MEASURE_WORDS = ("批次", "场次", "人次", "万元", "余名", "以上", "毫米", "厘米", "千米", "公里",
                 "公顷", "公斤", "千克", "千瓦", "平方米", "立方米", "平方公里", "小时", "分钟",
                 "百分点", "个百分点", "个基点", "微克", "毫克", "毫升", "微米", "纳米")
# (两 is not one: after a figure it is far more often the numeral, 2021—2025两组数字, than
# the tael)
UNITS = frozenset("元角分万亿千百个人名位次件项条张份场册台辆艘架座所家户套组批块片本篇部首"
                  "页行岁年月日天时秒周米克吨升度里亩斤箱袋包瓶杯盒株棵头只匹倍成折届期号"
                  "层栋间床级班例起宗笔款门类种轮剂针公毫厘支枚处㎡㎞㎏"
                  "列颗粒双副把道幅封集节段幢趟遍根盏"
                  "点叶")  # an index's points (3,418.25点), a book's leaves (补配书页286叶)
# A figure that numbers (GB/T 15835's 编号, not its 计量): a date's or a time's 年 月 日 时 分
# 秒, and 号 (5号, 3号线). With its unit it names one thing, a word set solid as a whole
# date is (9月以来 as 9月30日); a measure word after a count (3,000家, 12个) is a word of
# its own, the ¼ em Han–figure space before it
CALENDAR = frozenset("年月日时分秒号")


@lru_cache(maxsize=None)
def break_class(ch: str) -> str:
    """The UAX #14 class of a character as Chinese text uses it (tailored, resolved)."""
    if ch in TAILORING:
        return TAILORING[ch]
    o = ord(ch)
    cls = _lb.KINDS[_lb.LETTERS.index(_lb.CODES[bisect.bisect_right(_lb.STARTS, o) - 1])]
    if cls == "QU":  # clreq §3.1.7: Chinese quotes are paired; “‘ open, ”’ close
        cat = unicodedata.category(ch)
        return "OP" if cat == "Pi" else "CL" if cat == "Pf" else "QU"
    # UAX #14 LB1: ambiguous characters resolve to ID in East Asian text — but to AL where
    # they are set narrow, as a Western number form is (x², H₂O, ½: UAX #14 §5.1, AI by the
    # resolved East Asian Width); Southeast Asian letters (no dictionary here) and
    # unassigned code points to AL; small kana (CJ) are non-starters in the strict style
    # clreq follows
    if cls == "AI" and _western_form(ch):
        return "AL"
    return {"AI": "ID", "SA": "AL", "XX": "AL", "SG": "AL", "CJ": "NS"}.get(cls, cls)


# UAX #14 LB24 and LB25: a prefix or postfix sign holds to the letter or figure beside it,
# (AL | HL | NU) × (PR | PO) and (PR | PO) × (AL | HL | NU) — whatever its width, which lets
# the composer's rule for two narrow characters miss it: x≤0, 1 AU≈1.496 (a relation sign
# between its operands: GB 3102.11—1993 breaks an expression after the sign, never before
# it), 30°15′N (a latitude with its hemisphere). After Han (温差≥10℃) a line may break.
SIGN_HELD = frozenset({"AL", "HL", "NU"})
SIGNS = frozenset({"PR", "PO"})


def holds(before: str, after: str) -> bool:
    """Whether UAX #14 LB24/LB25 keep two classes together: a sign and its operand."""
    return before in SIGN_HELD and after in SIGNS or before in SIGNS and after in SIGN_HELD


# A line may open with an option after the space before it (UAX #14 LB18 breaks after a
# space; GB/T 15834's rule for the 连接号 is no option's): a long one, --upgrade, or a
# short one, a hyphen and one letter (POSIX.1-2017 XBD 12.2, guideline 3: -e), or a Windows
# command's switch (GB/T 15834 §5.1.8's solidus is a 分隔号, not a switch) — never a
# hyphen and a word (Wi / -Fi reads as a cut word) nor a figure (-6 reads as a number's
# sign, ISO 12647 / -3 as a part cut off)
_OPENS_OPTION = re.compile(r"--[A-Za-z]|-[A-Za-z](?![A-Za-z0-9])"
                           # ... and a Windows switch, ipconfig / /all (no path: /usr/local)
                           r"|/[A-Za-z]+(?![A-Za-z0-9/.\\])")


def opens_option(text: str, j: int) -> bool:
    """Whether text[j] opens a command's option after a space, where a line may start."""
    return j > 0 and text[j - 1] == " " and _OPENS_OPTION.match(text, j) is not None


def may_start(ch: str) -> bool:
    return break_class(ch) not in NO_START


def may_end(ch: str) -> bool:
    return break_class(ch) not in NO_END


@lru_cache(maxsize=None)
def is_wide(ch: str) -> bool:
    """Wide or full width (UAX #11), and the ambiguous number forms East Asian text sets
    wide (§5) as its fonts draw them, a full em: Ⅲ, ①, ⑴, ⒈ — set solid with the Han
    around them (Ⅲ期, ①读书会), no Han–Latin space; raised and lowered digits (m², CO₂)
    and fractions (½) stay Western."""
    width = unicodedata.east_asian_width(ch)
    return width in ("W", "F") or width == "A" and unicodedata.category(ch) in ("Nl", "No") \
        and not _western_form(ch)


def _western_form(ch: str) -> bool:
    """A raised or lowered character or a vulgar fraction (², ₂, ⁻, ½): a Western number
    form, set narrow with the letters and figures it belongs to whatever its East Asian
    Width."""
    return unicodedata.decomposition(ch).startswith(("<super>", "<sub>", "<fraction>"))


@lru_cache(maxsize=None)
def is_fullwidth_form(ch: str) -> bool:
    """A full-width form of an ASCII character (ＬＯＴ２０２５, －): set a full em, as Han."""
    return unicodedata.decomposition(ch).startswith("<wide>")


@lru_cache(maxsize=None)
def is_narrow(ch: str) -> bool:
    """Narrow in East Asian text: ambiguous-width characters (“ ” ℃ °) count as wide there
    (UAX #11 §5), but for the Western number forms (x², CO₂, ½: see is_wide)."""
    return unicodedata.east_asian_width(ch) in ("N", "Na", "H") or _western_form(ch)


@lru_cache(maxsize=None)
def is_han(ch: str) -> bool:
    """A Han ideograph (by its Unicode name: CJK unified or compatibility ideograph)."""
    return unicodedata.name(ch, "").startswith(("CJK UNIFIED", "CJK COMPATIBILITY IDEO")) or (
        ch == "〇")


@lru_cache(maxsize=None)
def is_wide_letter(ch: str) -> bool:
    """Han, kana, hangul: the side of a CJK–Latin gap that is not Latin."""
    return is_wide(ch) and unicodedata.category(ch)[0] in "LN"


@lru_cache(maxsize=None)
def is_latin(ch: str) -> bool:
    """A narrow letter or digit of any script (Zürich, Dvořák, 12), or a combining mark."""
    return not is_wide(ch) and unicodedata.category(ch)[0] in "LMN"


@lru_cache(maxsize=None)
def is_opening(ch: str) -> bool:
    """A full-width opening mark: its ink on the right of its em, blank on the left."""
    return break_class(ch) == "OP" and (is_wide(ch) or _cjk_quote(ch, "Pi"))


@lru_cache(maxsize=None)
def is_closing(ch: str) -> bool:
    """A full-width closing, pause or stop mark: ink on the left, blank on the right."""
    if ch in HALF_CENTRED:
        return False
    return break_class(ch) in ("CL", "CP", "EX", "IS", "NS") and unicodedata.category(
        ch).startswith("P") and (is_wide(ch) or _cjk_quote(ch, "Pf"))


def _cjk_quote(ch: str, category: str) -> bool:
    """“ ” ‘ ’: ambiguous width, set full width from the CJK font in Chinese text."""
    return unicodedata.category(ch) == category and unicodedata.east_asian_width(ch) == "A"


# The marks of the punctuation blocks, for tests and checks that want sets
_MARK_BLOCKS = [*range(0x2010, 0x2060), *range(0x2E3A, 0x2E3C), *range(0x3000, 0x3020),
                *range(0xFE10, 0xFE70), *range(0xFF01, 0xFF66), *range(0x21, 0x80), 0xB7, 0xB0]
OPENING = frozenset(chr(o) for o in _MARK_BLOCKS if is_opening(chr(o)))
CLOSING = frozenset(chr(o) for o in _MARK_BLOCKS if is_closing(chr(o)))
LINE_START_FORBIDDEN = frozenset(chr(o) for o in [*_MARK_BLOCKS, 0x2103, 0x2109, 0x2030]
                                 if not may_start(chr(o)))
LINE_END_FORBIDDEN = frozenset(chr(o) for o in _MARK_BLOCKS if not may_end(chr(o)))


# -- tokens: what is never broken nor letter-spaced -------------------------------------------

@dataclass(frozen=True)
class Token:
    start: int
    end: int
    kind: str  # url | email | code | word | figure | date | dash

    @property
    def hyphenable(self) -> bool:
        return self.kind == "word"

    def soft_breaks(self, text: str) -> list[int]:
        """Where a URL, an e-mail address or a code too long for a line may break, no hyphen
        added (Chicago Manual of Style 7.42, 6.76): before a . @ - _ ? = & # ~ % between its
        parts, so the next line visibly continues the address, or after a slash (after the
        second of //), a backslash (a Windows path's) or a colon (2001:db8:: / 8a2e, not
        https: / //). Index i means a break after text[i]."""
        if self.kind == "code" and is_identifier(text[self.start:self.end]):
            return [self.start + k - 1 for k in identifier_joints(text[self.start:self.end])]
        if self.kind in ("code", "figure"):  # a standard's number too long for a line, or a
            # number grouped by spaces (6222 0200 1234 5678; GB/T 15835—2011 §5.1.3): at its
            # spaces, each group whole
            return [i for i in range(self.start, self.end) if text[i] == " "]
        if self.kind not in ("url", "email"):
            return []
        return [i for i in range(self.start + 1, self.end - 2)
                if (text[i + 1] in _BEFORE and text[i] not in _BEFORE + "/:\\"
                    and not _in_version(text, i))
                or (text[i] in "/\\" and text[i + 1] not in _BEFORE + "/\\")
                or (text[i] == ":" and text[i + 1] not in _BEFORE + "/:\\")]


    def year_breaks(self, text: str) -> list[int]:
        """Where a standard's number may be cut when even its space leaves a line spread past
        the ceiling: after the 连接号 before its year, GB/T 15834— / 2011 —
        the designation's second conventional point, each number whole and the dash at a line
        end as GB/T 15834 §5.1.5 allows; never before a part (ISO 12647- / 3) nor after
        ISO's colon (9001: / 2015). Index i means a break after text[i]."""
        i = self.end - 5  # the year is the designation's last four digits
        if self.kind != "code" or i <= self.start or not text[i + 1:self.end].isdecimal():
            return []
        return [i] if is_range_mark(text[i]) and text[i - 1].isdecimal() else []


    def group_breaks(self, text: str) -> list[int]:
        """Where an identifier's number of four groups or more, too long for the line even
        after its space (ISBN 978-957-08-6123-4 at 9字), may be cut: after a hyphen
        between its groups (ISO 2108: prefix, group, registrant, publication, check
        digit), as dear as a standard's number cut before its year; never before its last
        group, a check digit alone on a line. Index i means a break after text[i]."""
        if self.kind != "code":
            return []
        hyphens = [i for i in range(self.start + 1, self.end - 1)
                   if text[i] == "-" and text[i - 1].isalnum() and text[i + 1].isalnum()]
        return hyphens[:-1] if len(hyphens) >= 3 else []

    def unit_breaks(self, text: str) -> list[int]:
        """Last-resort breaks inside a figure too long for the line, costed and counted like
        a number cut from its unit (GB/T 15835 keeps a figure whole): after a range mark
        between figures (2021— / 2025年: GB/T 15834 §5.1.5 lets a 连接号 end a line, never
        start one). A standard's number is one designation, not a range: not cut here
        (GB/T 15834—2011, ISO 12647-3, nor 1234—2015 after a code the pattern does not
        know; see year_breaks). Index i means a break after text[i]."""
        if self.kind != "figure" or _after_code(text, self.start):
            return []
        return [i for i in range(self.start + 1, self.end - 1)
                if is_range_mark(text[i]) and _signed_digit(text, i + 1) and (
                    text[i - 1].isdecimal() or _shape(text[i - 1]) == "%"
                    and text[i - 2].isdecimal())]  # 15%— / 20%, 3℃— / 5℃ too


    def date_breaks(self, text: str) -> list[int]:
        """The very last resort inside a date too long for the line: between its month and
        its day (11月 / 1日) or its hour and its minutes (23时 / 30分), each half still a
        number with its unit; counted like a unit break. Index i means a break after text[i]."""
        return self._after_unit(text, "月") + self._after_unit(text, "时")

    def year_cuts(self, text: str) -> list[int]:
        """Inside a whole date, between its year and its month (2025年 / 12月1日): each part
        still a date, read as one; dearer than a number cut from its unit, cheaper than
        a month cut from its day. Index i means a break after text[i]."""
        return self._after_unit(text, "年")

    def _after_unit(self, text: str, unit: str) -> list[int]:
        """In a date, after `unit` (or a space typed after it) where a figure follows."""
        if self.kind != "date":
            return []
        return [i for i in range(self.start + 1, self.end - 1)
                if (text[i] == unit or text[i] == " " and text[i - 1] == unit)
                and text[i + 1].isdecimal()]


def _in_version(text: str, i: int) -> bool:
    """Whether a break after text[i] falls inside a version a name in an address carries,
    before its period (python3 / .11, v2 / .3.1): the number is read as one, as GB/T 15835
    keeps a value whole — a DOI's or an IPv4 address's numbered parts (2025 / .112345) may
    part."""
    if not (text[i].isdecimal() and text[i + 1:i + 2] == "." and text[i + 2:i + 3].isdecimal()):
        return False
    k = i
    while k > 0 and text[k - 1].isdecimal():
        k -= 1
    return k > 0 and text[k - 1].isalpha()


def is_range_mark(ch: str) -> bool:
    """A 连接号 between figures that a range may be cut after (GB/T 15834 §4.13: the 一字线 —
    of 2021—2025, the 浪纹线 ～, the en dash): a dash (UAX #14 B2) or a dash-like mark (HY
    as tailored above) that is not a hyphen. A hyphen or a figure dash joins the parts of
    one number (010-12345678, 2021-2025 as typed): it is never cut."""
    name = unicodedata.name(ch, "")
    return break_class(ch) in ("B2", "HY") and "HYPHEN" not in name and "FIGURE" not in name


def _signed_digit(text: str, i: int) -> bool:
    """A digit, or a sign before one, at text[i]: where the second number of a range
    begins (−0.12%～+0.35%: cut after ～, the sign goes with its number, GB/T 15835)."""
    if text[i:i + 1] in ("+", "−", "-", "±", "＋", "－"):
        i += 1
    return text[i:i + 1].isdecimal()


def _after_code(text: str, start: int) -> bool:
    """Whether the figure at `start` is the number of a code: a Latin letter, a solidus or
    a hyphen runs into it, or stands before it across one space (T 1234—2015, A-12)."""
    before = text[max(0, start - 2):start]
    before = before[:-1] if before.endswith(" ") else before[-1:]
    return bool(before) and _shape(before[-1]) in "a/-"


_BEFORE = ".@-_?=&#~%"  # an address breaks before these, never after

# Each character's shape for the token patterns: a narrow letter (any script) is 'a', a narrow
# digit '0', a wide letter (Han) itself, anything else a symbol of its tailored class.
_SHAPE = {"SP": " ", "PR": "$", "PO": "%", "HY": "-", "B2": "=", "IN": "*", "IS": ",",
          "SY": "/", "OP": "(", "CL": ")", "CP": ")", "QU": '"', "EX": "!", "NS": "^"}
_KEEP = "+@&_#'·"  # symbols that keep their own shape (C++, e-mail, AT&T, don't, 沪A·12345)


@lru_cache(maxsize=None)
def _shape(ch: str) -> str:
    if ch in _KEEP:
        return ch
    if is_fullwidth_form(ch) and (
            unicodedata.normalize("NFKC", ch).isalnum() or ch == "－"):
        # a full-width letter, digit or hyphen-minus (ＬＯＴ２０２５１２０１, ＺＪ－０１８, as a
        # web page or a word processor pastes them) is its ASCII form set wide: one word or
        # number, never broken nor letter-spaced inside (UAX #14 gives the wide forms ID,
        # breakable like Han; GB/T 15835 would have them half width, as the lint says)
        return _shape(unicodedata.normalize("NFKC", ch))
    cat = unicodedata.category(ch)
    if is_wide(ch) and cat[0] in "LN":
        return ch
    if cat == "Nd" or unicodedata.decomposition(ch).startswith(("<super>", "<sub>")):
        return "0"  # a digit, also raised or lowered: m², H₂O, CO₂ are words
    if cat[0] in "LM":
        return "a"
    if cat == "Zs":
        return " "
    return _SHAPE.get(break_class(ch), "?")


_SIGN = "[$+-]"
# GB/T 15835 §5.1.3 groups a long number's digits by a space (1 234 567), as a telephone
# number's are (0571-8888 6666): a group of three or four digits after a space is the
# number's own, not the next number
_NUMBER = "0+(?:,0+)*(?: 0{3,4}(?![0,]))*"
_QUANTITY = rf"{_SIGN}*{_NUMBER}(?:/{_NUMBER})?%*(?:{_NUMBER}%+)*"  # 30°15′ is one angle
# A unit symbol after a number (GB 3100—1993's SI symbols, and those news copy prints):
# 140/90mmHg, 0.5mg/kg, 38μg/m³, 60km/h. A lone G, D, K or A is no unit (5G, 3D, 4K, 5A级).
_UNIT = (r"(?:mmHg|[kcmμn]?m|[kmμn]?g|[mμ]?[lL]|[kMG]?Pa|[kMG]?Hz|[kMG]?Wh?|kV|mA|dB"
         r"|[KMGT]B|[KMG]bps|k?cal|[mμn]?mol|bp|pp[mb]|AU|au)[²³]?")  # au: the astronomical unit
_UNITS = rf"{_UNIT}(?:/(?:{_UNIT}|h|s))*"  # 60km/h, 3m/s
_UNIT_END = r"(?![A-Za-z0-9μ²³·])"
_UNIT_AFTER = re.compile(_UNITS + _UNIT_END)
# the number a unit symbol follows: signed or bounded, a range or a ratio (10—20mg, 140/90)
_MEASURED = r"[+\-−±≥≤≧≦≈＜＞＋－]?\d[\d,.]*(?:[-–—～~/]\d[\d,.]*)?"
# Addresses that are no URL, broken as one is (CMOS 7.42): a DOI, a file's path (Unix, or
# Windows with its folders' names in any script: D:\备份\2025\config.ini) and an IPv6
# address (one with a :: or all eight groups: a clock time's colons are no address's)
_DOI = r"(?<![A-Za-z0-9.])10\.\d{4,9}/[A-Za-z0-9\-._;:/()]*[A-Za-z0-9]"
_PATH = (r"(?<![A-Za-z0-9/.~\-])(?:/[A-Za-z0-9._\-~]+){2,}/?"
         r"|(?<![A-Za-z0-9])[A-Za-z]:\\(?:[\w.\-~$]+\\)*[\w.\-~$]*")
_IPV6 = (r"(?<![A-Za-z0-9:.])(?=[0-9A-Fa-f:]*::|(?:[0-9A-Fa-f]{1,4}:){7})"
         r"[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:%[A-Za-z0-9]+)?(?![A-Za-z0-9:])")
# (with its zone, fe80::1%eth0: RFC 4007 §11), an IPv4 address, four dotted decimal octets
# and a port (RFC 3986 §3.2.2: 127.0.0.1:8080 is a host, no figure), and a MAC address
# (IEEE 802's EUI-48: six pairs of hexadecimal digits parted by colons or by hyphens)
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4 = rf"(?<![A-Za-z0-9_.:])(?:{_OCTET}\.){{3}}{_OCTET}(?::\d{{1,5}})?(?![A-Za-z0-9_:]|\.\d)"
_MAC = (r"(?<![A-Za-z0-9:\-])[0-9A-Fa-f]{2}(?:(?::[0-9A-Fa-f]{2}){5}|(?:-[0-9A-Fa-f]{2}){5})"
        r"(?![A-Za-z0-9:\-])")
# A command line's option, one or two hyphen-minus at a word's start and its name (pip
# install -e ., --upgrade, -Xmx512m): UAX #14 (15.1) LB20a breaks no line after a
# word-initial hyphen, (sot | SP | …) HY × AL — one code, never hyphenated nor a figure;
# and a numeric option after a command's word (ping -6 host), no negative number
_OPTION = (r"(?<![^\s(（“‘\[])--?[A-Za-z](?:[A-Za-z0-9_=]|[.\-](?=[A-Za-z0-9]))*"
           r"|(?<=[A-Za-z] )-\d+(?= [A-Za-z0-9])"
           # ... and a Windows command's switch after its word and a space (ipconfig /all)
           r"|(?<=[A-Za-z] )/[A-Za-z][A-Za-z0-9]*(?![A-Za-z0-9/.])")
PATTERNS = [  # in order of precedence; each on the shapes except the ASCII ones
    ("url", False, re.compile(r"(?:https?://(?:\[[0-9A-Fa-f:.]+\])?|www\.)"  # RFC 3986
                              r"[A-Za-z0-9\-._~:/?#@!$&*+=%]*"  # §3.2.2: [IPv6]:port
                              r"[A-Za-z0-9\-_~/#=%\]]")),
    # ... and one written without its scheme, a host name and a path (a short link,
    # t.cn/A6xYz9Qk, bit.ly/3xYz9Qk; example.com.cn/zwgk): a host's last label is letters
    # and a slash follows it, so 3.5mm, PM2.5 and H.266 are none
    ("url", False, re.compile(r"(?<![A-Za-z0-9\-._@/])(?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,}/"
                              r"(?:[A-Za-z0-9\-._~:/?#@!$&*+=%]*[A-Za-z0-9\-_~/#=%])?")),
    ("url", False, re.compile(rf"{_DOI}|{_PATH}|{_IPV6}|{_IPV4}|{_MAC}")),
    # from the start of a run of address characters only: tried from every character of a
    # long run without an @, the match would cost the square of the run's length
    ("email", False, re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+"
                                r"(?:\.[A-Za-z0-9\-]+)+")),
    ("code", False, re.compile(_OPTION)),
    # a motor vehicle's plate (GA 36—2018: the province's one-character abbreviation, the
    # issuing office's letter, the 间隔号 and five or six letters and digits, no I or O) is
    # one code, set solid: 浙 / A·D12345 parted the province from its number
    ("code", False, re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]"
                               r"[A-HJ-NP-Z][·•]?[A-HJ-NP-Z0-9]{5,6}(?![A-Za-z0-9])")),
    # a standard's number: its code (capitals, a local code's digits, a /T, /Z or a second
    # body after a solidus), a space and its number, part and year — ISO 12647-3, GB/T
    # 15834—2011, ISO/IEC 27001, DB11/T 1234—2015, T/CECS 123—2020, Q/GDW 1234—2014 — from
    # the first capital of a run of codes only (not after a /: tried from every capital of
    # A/A/A/…, the match would cost the square of the run's length)
    ("code", False, re.compile(r"(?<![A-Za-z0-9/])(?:[A-Z]{2,}\d*|[A-Z](?=/))(?:/[A-Z]{1,5}\d*)*"
                               r" ?\d+(?:[.:\-–—]\d+)*(?:/[A-Z]\d*(?![A-Za-z]))?")),  # CN 33-1234/I
    # a number (a range, a ratio) before a unit symbol, which the word pattern would take
    # with it as one word: 140/90mmHg, 10—20mg, ≥180/120mmHg, 100m (its unit: _measured)
    ("figure", False, re.compile(rf"(?<![A-Za-z0-9_.,/\-]){_MEASURED}(?={_UNITS}{_UNIT_END})")),
    # a number in scientific notation is one figure (5×10⁸, 1.2×10⁻³): cut after its ×, the
    # line would end on a multiplication and the next begin with a power
    ("figure", False, re.compile(r"(?<![A-Za-z0-9_.,/\-])[+\-−±]?\d[\d,.]*[×·]10"
                                 r"[⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")),
    # ... and so is a product of numbers, a relay's legs or a plot's sides (4×100米接力,
    # 3×3篮球): its × between two figures, the line cut after it would read as a sum
    ("figure", False, re.compile(r"(?<![A-Za-z0-9_.,/\-])\d[\d,.]*×\d[\d,.]*(?![\d⁰¹²³⁴⁵⁶⁷⁸⁹])")),
    ("word", True, re.compile(r"[a0]+(?:[-/,'&_@+·][a0]+)*\+*")),
    # a race's time in Chinese units to its hundredths (1分23秒45, 9秒83: as 1′23″45 is
    # printed) is one figure: cut after its 秒 the hundredths read as a count of their own
    # (digits a unit follows are one: 38秒12名)
    ("figure", True, re.compile(r"(?<![0$+-])(?:0+分)?0{1,2}秒0{1,2}(?![0,]| ?["
                                + "".join(sorted(UNITS)) + "])")),
    ("date", True, re.compile(rf"(?<!0)(?:{DATE})")),  # from a run's first digit, as above
    # from a run of signs' first; an amount in two magnitudes is one (3亿5000万)
    ("figure", True, re.compile(rf"(?<![$+-]){_QUANTITY}(?:[-=]{_QUANTITY})?"
                                rf"(?:(?:{MAGNITUDE})(?:0+(?:{MAGNITUDE}))?)?")),
    # a year or a share in Chinese numerals (二〇二六年, 百分之十, 三分之一): kept whole, cut only
    # as the last resort a number's unit is (paragraph.py sets it as Han); no figure
    ("numeral", False, re.compile(r"[〇零一二三四五六七八九]{4}年|[一二三四五六七八九十百千]+分之"
                                  r"[一二三四五六七八九十百千]+"
                                  # ... and such a date in Chinese numerals (GB/T 15834—2011
                                  # §4.15: “一二·九”运动, “一·二八”事变)
                                  r"|(?<![〇一二三四五六七八九十·])[〇一二三四五六七八九十]{1,2}·"
                                  r"[〇一二三四五六七八九十]{1,3}(?![〇一二三四五六七八九十·])")),
    ("dash", True, re.compile(r"=+|\*+")),
    # an ellipsis typed as dots (...... for ……) is one mark: never broken nor letter-spaced
    # (GB/T 15834 §5.1.4)
    ("dash", False, re.compile(r"\.{3,}")),
]


def shapes(text: str) -> str:
    return "".join(map(_shape, text))


class Facts(NamedTuple):
    """Everything the composer asks of one character, looked up once."""

    cls: str  # tailored break class
    opening: bool
    closing: bool
    latin: bool
    wide_letter: bool
    narrow: bool
    shape: str


@lru_cache(maxsize=None)
def facts(ch: str) -> Facts:
    return Facts(break_class(ch), is_opening(ch), is_closing(ch), is_latin(ch),
                 is_wide_letter(ch), is_narrow(ch), _shape(ch))


def tokens(text: str, shaped: str | None = None) -> list[Token]:
    """The unbreakable spans of a text, sorted and not overlapping."""
    shaped = shapes(text) if shaped is None else shaped
    taken = bytearray(len(text))
    out: list[Token] = []
    for kind, on_shapes, pattern in PATTERNS:
        for m in pattern.finditer(shaped if on_shapes else text):
            a, b = m.span()
            if kind == "word" and "a" not in m.group():
                continue  # digits alone are a figure
            if (b - a < 2 and kind != "figure") or any(taken[a:b]):  # a digit is a figure
                continue
            if kind == "figure" and not any(ch.isdecimal() for ch in text[a:b]):
                continue  # raised digits alone are a note's mark (据统计¹), no figure
            out.append(Token(a, b, kind))
            taken[a:b] = b"\x01" * (b - a)
    found = _versioned(_timed(_measured(sorted(out, key=lambda t: t.start), text), text), text)
    return _commanded(_identified(found, text), text)


_VERSION = re.compile(r"\d+(?:\.\d+)*")


# A program's identifier: parts joined by underscores (snake_case: max_retry_count) or run
# together, each opened by a capital, three parts or more (CamelCase: HttpClientFactory,
# ModuleNotFoundError; a brand of two, WeChat or PowerPoint, is a name, kept whole). A code,
# never hyphenated — a hyphen would read as part of it — it breaks, where its line cannot
# hold it, between its parts, as an address does (CMOS 7.42: before an underscore), each
# part at least two letters
_SNAKE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+")
_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z])")


def is_identifier(word: str) -> bool:
    return bool(_SNAKE.fullmatch(word)) or (
        word.isascii() and word.isalnum() and len(_HUMP.findall(word)) >= 2)


def identifier_joints(word: str) -> list[int]:
    """Offsets k where an identifier may break before word[k]: before an underscore, or
    before a capital after a lower-case letter, leaving two letters or more either side."""
    joints = [m.start() for m in _HUMP.finditer(word)] if "_" not in word else [
        k for k, ch in enumerate(word) if ch == "_"]
    return [k for k in joints if k >= 2 and len(word) - k >= 3]


def _identified(found: list[Token], text: str) -> list[Token]:
    """A word token that is a program's identifier is a code (see is_identifier)."""
    return [Token(t.start, t.end, "code") if t.kind == "word"
            and is_identifier(text[t.start:t.end]) else t for t in found]


def _commanded(found: list[Token], text: str) -> list[Token]:
    """The words of a command line, run with an option across single spaces (pip install
    --upgrade pip), are codes as the option is: never hyphenated (in- / stall would read as
    part of the command), broken at their spaces only."""
    out = list(found)
    for k, t in enumerate(found):
        if not (t.kind == "code" and text[t.start] in "-/"):
            continue
        for step in (-1, 1):
            j = k
            while 0 <= j + step < len(out):
                a, b = (out[j + step], out[j]) if step < 0 else (out[j], out[j + step])
                if out[j + step].kind not in ("word", "code") or text[a.end:b.start] != " ":
                    break
                j += step
                out[j] = Token(out[j].start, out[j].end, "code")
    return out


def _versioned(found: list[Token], text: str) -> list[Token]:
    """A name and its version or model number after one space (iOS 18.2, Wi-Fi 7, Windows
    11) is one designation, as a standard's code and its number are: a code, broken at
    its space only where it is longer than a line, never hyphenated (Wi- / Fi 7), its
    number no statistic. The number is bare digits (ChatGPT 4亿用户 is a count)."""
    out: list[Token] = []
    for t in found:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "word" and t.kind == "figure" \
                and t.start - prev.end in (1, 2) and not text[prev.end:t.start].strip() \
                and _VERSION.fullmatch(text, t.start, t.end) \
                and any(ch.isupper() for ch in text[prev.start:prev.end]):
            out[-1] = Token(prev.start, t.end, "code")
        else:
            out.append(t)
    return out


def _measured(found: list[Token], text: str) -> list[Token]:
    """A unit symbol right after a figure is its unit, a token of its own (140/90mmHg,
    3.5亿kWh, 10—20mg, 100m): kept with the figure like 3,000次 — cut from it only as a last
    resort, never inside itself."""
    out: list[Token] = []
    taken = None  # the word token a unit replaces
    for k, t in enumerate(found):
        if t is taken:
            continue
        out.append(t)
        unit = _unit_symbol(text, t.end) if t.kind == "figure" else None
        if unit is None:
            continue
        after = found[k + 1] if k + 1 < len(found) else None
        if after is not None and after.start < unit.end():
            if (after.start, after.end) != unit.span():
                continue  # a word runs on past the symbol: no unit (5000mAh)
            taken = after
        out.append(Token(unit.start(), unit.end(), "unit"))
    return out


def _unit_symbol(text: str, at: int) -> re.Match | None:
    """The unit symbol a figure ending at `at` is set with: right after it (3.5亿kWh), or
    after one space, as GB 3101—1993 prints a quantity (421 ppm, 0.37 μmol/L)."""
    return _UNIT_AFTER.match(text, at + (text[at:at + 1] == " "))


def _timed(found: list[Token], text: str) -> list[Token]:
    """A time or an angle is one figure to its last digit: 1′23″45 (hundredths after the
    seconds, as a race's result is printed), which the figure pattern ends at its ″; so is
    a value with its tolerance, 14.6±0.5 mmHg, 15℃±1℃ (GB 3101—1993 §3.3 writes the two as
    one quantity; UAX #14 LB25 keeps a number to a prefix sign after it, NU × PR)."""
    out: list[Token] = []
    for t in found:
        if out and out[-1].kind == t.kind == "figure" and out[-1].end == t.start and (
                text[t.start - 1] in "′″" and text[t.start].isdecimal()
                or text[t.start] in "±∓"):
            out[-1] = Token(out[-1].start, t.end, "figure")
        else:
            out.append(t)
    return out


def atomic_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each unbreakable span."""
    return [(t.start, t.end) for t in tokens(text)]


def unit_length(text: str, t: Token) -> int:
    """How many characters of measure word or unit follow a figure token and go with it
    (人次: 2, 元: 1, 以上: 2), or a code's that ends in its number (G1234次, the train
    counted by its number as 3,000次 is); 0 after anything else."""
    if t.end >= len(text) or t.kind != "figure" and not (
            t.kind == "word" and text[t.end - 1].isdecimal()):
        return 0
    if t.kind == "word":
        return int(text[t.end] in UNITS)
    if _RATIO.search(text, t.start, t.end):
        return 0  # a score, a ratio or a clock time counts nothing: 3∶0 日本, 2∶1日本队
    if text[t.start - 1:t.start] == "=" and text[t.end:t.end + 2].strip()[:1] in CALENDAR:
        return 0  # 当x=3时: a value in an equation, its 时 the clause's 'when', no hour
    if text[t.end] == " " and text[t.end + 1:t.end + 2] in CALENDAR:
        return 2  # 9 月以来 typed with a space: its unit all the same, set as 9月 (paragraph.py)
    unit = _unit_symbol(text, t.end)
    if unit:  # its unit symbol (140/90mmHg, 421 ppm)
        return unit.end() - t.end
    n = _unit_word(text, t.end)
    if n and text.startswith("/", t.end + n):  # a unit per unit: 9.38吨/公顷, 12元/平方米
        per = _unit_word(text, t.end + n + 1)
        return n + 1 + per if per else n
    return n


# the ratio sign or a colon between two figures (3∶0, 1∶500, 18:10): what follows is the
# next word, not the figure's unit (日本 after a score is no day)
_RATIO = re.compile(r"\d[∶:]\d")


def _unit_word(text: str, at: int) -> int:
    """The length of the measure word or unit at `at`, 0 for none."""
    words = [len(w) for w in MEASURE_WORDS if text.startswith(w, at)]
    return max(words) if words else int(text[at:at + 1] in UNITS)


def figure_spans(text: str) -> list[tuple[int, int]]:
    """The figures of a text as its emphasis takes them: a whole number token with its sign,
    unit sign and magnitude (+38℃, 1,234.5万, 2021—2025), the currency it is in (US$1.2亿)
    and the measure word or unit it is kept with (元, 人次, mmHg). Dates, codes (ISO
    12647-3), words with digits (COVID-19) and telephone numbers are not figures."""
    spans: list[tuple[int, int]] = []
    before = None
    for t in tokens(text):
        if t.kind == "figure":
            start = t.start
            if before and before.end == start and text[start] == "$" and before.kind == "word" \
                    and text[before.start:start].isupper() and start - before.start <= 3:
                start = before.start  # US$, HK$
            end = t.end + unit_length(text, t)
            if spans and spans[-1][1] == start and text[start] == "-":
                start = spans.pop()[0]  # 400-800 and -1234: one number
            elif spans and (spans[-1][1] == start - 1 and text[start - 1] == "+"
                            or spans[-1][1] == start and text[start] == "+"):
                start = spans.pop()[0]  # a sum of quantities, 16GB+512GB, 3+2: one figure
            spans.append((start, end))
        before = t
    # a telephone number is read, not compared, with its extension (转8001); so is a number
    # naming a thing, bare digits run into a word that is not their unit (沪深300指数,
    # 世界500强, 12306网站, 推广5.1服务卡, 2025杭州马拉松, 3×3篮球): it is the thing's name
    phones = {b for a, b in spans if _telephone(text, a, b)}
    return [(a, b) for a, b in spans
            if not _telephone(text, a, b) and not _naming(text, a, b)
            and not _identifier(text, a, b) and not _coded_number(text, a)
            and not (text[a - 1:a] == "转" and a - 1 in phones)]


# An identifier is read, not compared, as a telephone number is: bare digits opening with a
# zero (第0123456号: a quantity is never written 0123456, GB/T 15835—2011 writes its zero
# before a decimal point only), or eleven digits and more ungrouped (an identity card's 18,
# GB 11643—1999; a bank card's 16 to 19, ISO/IEC 7812; an examinee's number — a value that
# large is written with 万 or 亿, or its digits grouped), or digits after the name of a code
# (邮编310013, 证号, 卡号)
_IDENTIFIER = re.compile(r"(?:0\d+|\d{11,})(?![\d,.:∶/\-—–～~%])")  # (no clock time, 08:30)
_CODE_NAMES = ("邮编", "编码", "证号", "卡号", "账号", "编号")


def _identifier(text: str, start: int, end: int) -> bool:
    digits = re.match(r"\d+(?![\d,.:∶/\-—–～~%])", text[start:end])
    if not digits:
        return False
    return bool(_IDENTIFIER.match(text, start)) or text[max(0, start - 3):start].rstrip(
        ":：为是 ").endswith(_CODE_NAMES)


def _coded_number(text: str, start: int) -> bool:
    """Whether a figure is the last number of a code, after its colon: an excavated
    object's, after its unit and its layer's circled number (T0305②:12, M12:98)."""
    return text[start - 1:start] == ":" and start >= 2 and (
        text[start - 2].isalnum() or "①" <= text[start - 2] <= "⑳")


def _naming(text: str, start: int, end: int) -> bool:
    return end < len(text) and is_wide_letter(text[end]) and bool(
        re.fullmatch(r"[\d,.×]+", text[start:end]))  # (3×3篮球 too)


# A telephone number is read, not compared: emphasis leaves it black (0571-87654321,
# 400-800-1234, 13912345678, and digits alone after 拨打 or 电话 or before 热线: 12345热线 —
# not 1.79亿户 after 电话, nor 12条 before 热线)
_TELEPHONE = re.compile(r"0\d{2,3}-(?:\d{7,8}|\d{3,4} \d{4})|[48]00-\d{3}-\d{4}|1[3-9]\d{9}")
_DIGITS = re.compile(r"\d[\d-]{2,}")


def _telephone(text: str, start: int, end: int) -> bool:
    if _TELEPHONE.fullmatch(text, start, end):
        return True
    return bool(_DIGITS.fullmatch(text, start, end)) and (
        text.startswith("热线", end) or text[max(0, start - 3):start].rstrip(":：")[-2:] in (
            "拨打", "电话", "热线", "致电", "专线"))
