"""Typographic preflight of any PDF (`spread check --typography`): the page read back the way
a Chinese proofreader reads it, knowing nothing about the tool that made it.

The file is first opened as every check opens one (damaged, encrypted, oversized files are
refused with their reason, exit 2), each page's operators and shown text counted against
the bounds of spread.check.reading, then every drawn character comes from pdfium's text
page with its origin, advance, size and box: Tz, Tc, Tw, TJ adjustments and text matrices
are pdfium's to apply, so lines are rebuilt from where glyphs stand, not from how or in
what order the PDF draws them. Text is read upright on the page's own axes or upright as
the page is seen (a landscape page turned by /Rotate, its content drawn turned back).
Glyphs upright on neither (rotated), vertical text (竖排: drawn down a column, or a
column of single glyphs), text drawn invisible (render mode 3: the OCR layer over a scan
is not what prints) and glyphs of a font that maps no text to them (no ToUnicode,
no standard encoding: Latin-1 guesses would be nonsense) are left out with a note; a file
whose text cannot be read, or with none, is not passed. Two things pdfium's text page
gets wrong are read past it: marked content carrying /ActualText, which it reads in place of
the glyphs, spread over the first show operator's box, is given to it without that key (the
glyphs drawn are measured); and a text object that inks nothing — a space or an ideographic
space shown on its own — which it leaves out, is read from the file's show operators and the
font's ToUnicode map (see _blank_objects). The ideographic space (U+3000) is a character an
em wide: not a gap, not a word space; typed at a line's start it is an indent.
Characters on one baseline make a row; a row is cut into lines at the gutters between
columns: a gap of 0.9 em or more through which a white band (0.4 em or wider) runs down
most of the lines of its size above and below it, however wide the gap (a line spread by 3
em a gap is still one line, the lines around it cover its gaps; two loose Latin lines whose
word spaces line up are a river, not a gutter), or a narrower gap (0.4 em and up) where the
columns' gutter runs down the lines around it from one column's edge to the next one's
start (a mark hung past the edge, as ReportLab hangs 。，, inks the left half of its em);
a row with no such lines around it is cut where a gap
wider than a column gutter opens (0.9 em), unless the line beside it that starts where it
starts runs on across the gap (the column's measure). Glyphs standing evenly spread, three
or more with every gap equal, are one line however loose (客  服  电  话 over 9 em), unless
the lines around show a gutter among them. Short pieces cut so, side by side in two rows
or more with their starts (or ends) in columns that repeat from row to row, are a table's
cells (a roll of names, a table of figures, a chart's labels: see _tables): each is
checked inside (its marks, figures and words), none as a line. Lines of one size stepping
down by a steady pitch with aligned left edges make a block (a column of text). Within a block a line that
is followed by an indented, bulleted or outdented line, or that stops short of the block's
right edge, ends its paragraph; a line that reaches the edge — its last mark set half
width, full width or hung past it — and does not end its paragraph is justified.

Word spaces are read from geometry as well as from drawn space characters: many tools
(spread, TeX, fpdf2 justifying) draw none, only a gap. On a line, a gap between two
proportional glyphs at least 0.15 em wide and 0.12 em wider than the line's letter-spacing
is a word space, however far justification stretched it; a narrower gap inside a word is
letter-spacing. At a line break a word space leaves no gap: a break between two Latin
glyphs with no space drawn is taken as one after a standard's code before its number
(GB/T / 15834—2011, ISO / 12647-3: a last resort, see unit-break) or after a book's or
serial's identifier before its number (ISBN / 978-7-02-000220-7, CN / 11-1234/G2) or after
a name the page prints spaced before a number elsewhere (RTX / 4080 beside RTX 4090: a
designation, the same last resort), before a capital after
a fragment that can stand as a word (São / Paulo; not i / Phone, Mc / Donald), inside
running Latin text (word spaces either side of the break, or a line mostly Latin), where a
composer hyphenates a word it splits, and between letters after a word a justified line
ends by its composer's choice (squeezed to hold it, or with room left for the next letter:
（dexmedetomidine / hydrochloride）) — never where the two fragments make a word the page
prints whole elsewhere (We / Chat beside WeChat); a break inside a code or word set among
Han (iPho / ne15, USB / 3.0) is a split. Full-width letters and figures are read as their
ASCII forms at a break (ＬＯＴ２０ / ２５１２０１ is a number split). pdfium reads a hyphen ending a line as U+0002;
it is read back as the hyphen it is.

What is counted, for horizontal text in the mainland full-width (全角) style:

  forbidden-start   a line starts with a mark clreq §3.1.7 and GB/T 15834—2011 keep off a
                    line start (closing marks, 、。，：；？！, ％ ℃, hyphen-minus, …)
  forbidden-end     a line ends with an opening mark, or with a solidus (GB/T 15834 §5.1.8)
  split-word        a Latin word (any script) broken across lines with no hyphen, or
                    hyphenated where it does not break: a fragment of one letter, a point
                    Liang's patterns (pyphen, of the word's script) do not give for a word
                    they know points in, or a name or a code (iPho-ne, Mc-Donald); a
                    code cut after its interpunct (沪A· / 12345); a mention's @ parted
                    from its name (网友@ / 数码老张)
  split-number      a number broken: inside its digits, from its sign or bound (+ − ± ≥
                    ≤ ≈), its % ℃ sign or its 万/亿/余/多, inside its magnitude (1.2万 /
                    亿元) or between its magnitudes (3亿 / 5000万元), after the minutes or
                    seconds of a time or an angle (1′23″ / 45, 1分23秒 / 45), from its
                    tolerance (14.6 / ±0.5) (GB/T 15835—2011: a number is not broken)
  split-dash        —— or …… broken across lines (GB/T 15834 §5.1.3, §5.1.4)
  unit-break        a number cut from its measure word (3,000 / 次, 3 / 小时; every unit the
                    composer keeps is one here) or unit symbol (140/90 / mmHg), a date cut inside (2025年 / 5月, 11月 /
                    1日), a range broken after its dash or hyphen (2021— / 2025年, 2021- /
                    2025; a standard's number cut before its part — ISO 12647- / 3 — is
                    split-number), a standard's number broken at its space (GB/T /
                    15834—2011) or before its year (GB/T 15834— / 2011), an ISBN, ISSN or
                    CN number broken at its space (ISBN / 978-7-02-000220-7), a name from
                    its model number at their space (RTX / 4080), or a URL or an
                    e-mail address broken where the Chicago Manual of Style (7.42) breaks one, no
                    hyphen added: before a . @ - _ ? = & # ~ %, or after a slash (the line
                    after it may start with that mark; a break anywhere else in it is a
                    split-word). The last resorts of a narrow measure, counted apart from
                    the splits; forced where the token, whole, is longer than the measure
  ascii-mark        a half-width (ASCII) mark set against Han where Chinese text takes the
                    full-width one (GB/T 15834—2011): , ; : ? ! after a Han character or
                    before one (8%,新), ( [ before one, ) ] after one — (一), 满园! (between figures or Latin, 3:1,
                    (T3), it is the right form)
  half-width-mark   a mid-line 。，、；：？！ set at half an em with no mark beside it (in the
                    full-width style only line ends and adjacent pairs are compressed)
  squeezed-mark     the same, squeezed part of the way (set between 0.625 and 0.9 em)
  spaced-figure     letter-spacing or tracking inside a figure, —— or …… (15834—2011)
  spaced-word       letter-spacing inside a Latin word or code set among Han (G B/T)
  mark-pair         two adjacent marks not set at 1.5 em together (clreq §3.2.3)
  wide-gap          a hole in a line: a gap no drawn space fills, 1.5 em or more wider than
                    the line's other gaps of its kind (a line's room put in one gap, a word
                    taken out and not closed up); left out of the line's spacing
  loose-line        a justified line whose characters are spread by more than 0.25 em each
  forced-line       the same, on a line whose looseness is not its composer's choice: the
                    next line's first unit is a token (a word, a code, an address, a figure
                    with its unit) wider than the room left on the line at its natural
                    width, and that room would have taken a full-width character more, or
                    the line holds a token nearly as wide as the measure (●按照GB/T before
                    15834—2011, @library before .example.org.cn). Every forced line is
                    counted, the worst named; spacing figures are given over all justified
                    lines and over those not forced
  short-line        a line stopping half an em or more short of its column's edge inside
                    its paragraph, where the column marks its paragraphs' starts (indent,
                    outdent or bullet): not its last line, nor justified
  pitch-change      the lines of one paragraph or list item not stepping down by one pitch
                    (0.2 pt apart or more), within a column or into a block below it
  one-char-line     a line holding one character (besides punctuation) that its paragraph
                    runs on from: stretched to the measure, or left short with no stop mark
                    (回 / 眸2021—2025年，at a column's foot); counted as a justified line whose
                    one gap takes the measure's spare room, so its spacing shows
  one-char-last-line  a paragraph's last line holding one character besides punctuation

A line's spacing is the mean extra space over the gaps a justification opens, in em
(a gap: next origin − this origin − this advance): between adjacent full-width characters
that are not marks (Han, kana), the gap; between Han and a Latin letter or figure, the gap
less the page's designed Han–Latin space (or less none, for a number set solid with its
unit); at a word space on a line with Han, the gap less the page's word space. The designed
spaces are read from the page's lines set at their natural width (a quarter and a third of
an em where it has too few), so a line of one Han beside Latin (2011和ISO) and spreading
put into Han–Latin gaps (凌晨3时15分启) are measured like Han spread apart; compressed marks
are left out. On a line with no full-width character (a Latin word's or an address's
fragment alone), the spreading between its letters.

Each finding carries its page, its place (mm from the top-left corner of the trim box —
the crop box, else the media box, where there is none, inherited from the page tree as a
reader inherits it — on the page as it is seen, turned by its /Rotate), the line's text
and, where it is a measure, the measure in em. A page with no text is named in a note (a
blank page, or one drawing only images: a scan); a file with no text at all, or none it
can read, is not passed.
"""

from __future__ import annotations

import bisect
import ctypes
import io
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pyphen
import pypdfium2.raw as pdfium_c

from spread.check.reading import (MAX_FORM_DEPTH, TooLarge, count_page_work, locked,
                                  open_source)
from spread.errors import InputError, Location

MM = 25.4 / 72
LOOSE_EM = 0.25      # issue 13's ceiling for any justified line
REPORTED_EM = 0.15   # the summary also counts lines over this
_GUTTER = 0.4        # em: a white band this wide through three lines running is a gutter
_REACH = 2.6         # sizes: baselines this near are neighbouring lines
_COLUMN_GAP = 0.9    # em: on a line with no lines around it, a wider gap is a gutter
_MARKS_APART = 1.2   # em: marks whose blanks, counted, stand further apart are in two columns
_EDGE_TOLERANCE = 0.5  # pt: a line ending this close to the block's right edge reaches it
_HALF_MARK = 0.625   # em: a mark set this narrow is a half-width one (nearer ½ than ¾)
_FULL_MARK = 0.9     # em: narrower than this, a full-width mark has been squeezed
_SPACED_FIGURE = 0.03  # em: a wider gap inside a figure or a dash is letter-spacing
_WORD_SPACE = 0.15   # em: a gap between proportional glyphs this wide (at least) is a
_WORD_OVER = 0.12    # word space, and this much wider than the line's letter-spacing
_SPACED_WORD = 0.06  # em: a wider gap inside a Latin word is letter-spacing (kerns are less)
_HOLE = 1.5          # em: a gap this much wider than a line's others of its kind is a hole
MAX_PAGE_GLYPHS = 200_000  # characters read on one page (a 对开 page of 小五 holds 30 000)
_TURNED = 0.02       # a glyph whose baseline climbs more than this per unit is rotated
_LOOK_LEFT = 64      # blocks looked at for the column a block continues
_SCALED = 0.002      # a horizontal scale further than this from 100% is a scaled glyph
# The spaces a page is taken to set by design where its natural lines do not show its own:
# the quarter em customary between Han and Western text (clreq, mixed text composition;
# spread's latin_space), and the third of an em of a Latin word space (TeX's, spread's).
HAN_LATIN_EM = 0.25
WORD_SPACE_EM = 1 / 3
_DESIGN_MOST = 0.5   # em: no page means a wider Han–Latin or word space (a read one is
_WORD_LEAST = 0.15   # spacing left over); nor a narrower word space (it is no space)

# -- the character classes, written from the standards (not taken from the composer) --------

# clreq §3.1.7 and GB/T 15834—2011 §5.1 (marks in horizontal text): closing marks, pause
# and stop marks, the interpunct, connectors and number signs never start a line; ‼ ⁇ ⁈ ⁉
# are stops too, ⸺ a dash. Hyphen-minus as a line start cuts it from what it joins
# (秦岭-淮河, 2021-2025).
NEVER_START = set("、，。．：；？！‼⁇⁈⁉”’）］｝〕〉》」』】〗〙〛·・–—―⸺～〜…⋯"
                  "%‰％﹪℃℉°′″/／-‐,.;:?!)]}"
                  "~")  # (the ASCII tilde typed for the 浪纹线: −5℃~3℃, GB/T 15834 §5.1.5)
# Never at a line end: opening marks (clreq §3.1.7); the solidus (GB/T 15834 §5.1.8; it joins
# what it stands between, so `GB/` / `T` and `3/` / `4` are broken codes).
NEVER_END = set("“‘（［｛〔〈《「『【〖〘〚([{/／")
# Marks that clreq lets start a text even though no break may put them there: a kicker
# starting with ——, a quotation's …… . Strict marks (。，”） …) never start anything.
_SOFT_START = set("–—―⸺～〜…⋯-‐/／")
OPENING = set("“‘（［｛〔〈《「『【〖〘〚")
CLOSING = set("”’）］｝〕〉》」』】〗〙〛")
STOPS = set("、，。．：；？！")
# The marks GB/T 15834's full-width style sets at one em mid-line.
MID_LINE_FULL = set("。，、；：？！")
MARKS = OPENING | CLOSING | STOPS
# GB/T 15835—2011: a number keeps its sign, its decimal and group separators, its
# per-cent or degree sign; spread's design also keeps 万/亿 and the approximators 余/多.
NUMBER_SIGNS_BEFORE = set("+-±−¥$€£￥＄＋－"
                          # a bound or an estimate is read with its number (≥180/120mmHg,
                          # ≤0.5mg/kg, ≈3.14): UAX #14 joins them (AL or AI × NU, LB23)
                          "≥≤≧≦≈<>＜＞")
# Minutes and seconds run into the figure after them in a time or an angle (1′23″45,
# 10″38, 30°15′20″): inside a figure (UAX #14 LB25, PO × NU), never a break
NUMBER_MARKS_INSIDE = set("°′″")
# An interpunct between letters or figures is part of a code (沪A·12345, a plate): a
# break after it splits the code; between Han (爱新觉罗·溥仪) a line may end with it
INTERPUNCTS = set("·・•‧")
NUMBER_INSIDE = set(".,:/．")
# A value and its tolerance are one quantity (GB 3101—1993 §3.3: 14.6±0.5 mmHg, 15℃±1℃;
# UAX #14 LB25 keeps a number to a prefix sign after it, NU × PR)
TOLERANCE = set("±∓")
RANGE_DASHES = set("—–~～")  # 2021—2025, 5～10
JOINERS = set("@&_+./#")  # inside addresses, codes and names: editor@example.com, C++, GB/T
NUMBER_AFTER = set("%‰％﹪℃℉°′″万亿余多")
_RANGE_SIGNS = set("%‰％﹪℃℉")  # a range's first figure may end in one (15%—20%)
# Measure words and units a number is set with (3,000次, 1.2万箱, 2025年): a break before
# one is a unit break, allowed only as the last resort of a narrow measure.
UNITS = set("元角分年月日时秒次人名家个件场项张条份箱台辆吨米克升岁倍号期届批户所座"
            "栋篇本册页例天周亩株头只架艘枚支位种类处座公千百十里斤㎡㎞㎏"
            "剂包匹厘块套宗层床度成折杯棵款毫片班瓶盒笔级组行袋起轮部针门间首"
            "列颗粒双副把道幅封集节段幢趟遍根盏点叶")
# ... and units and measure words of two characters or more (GB 3100—1993's Chinese names of
# units, and the counts news copy prints): a number cut before one (3 / 小时, 5 / 平方米) or
# inside one (32微 / 克, 0.35个 / 百分点) is cut from its unit
MEASURE_WORDS = ("毫米", "厘米", "千米", "公里", "微米", "纳米", "平方米", "立方米", "平方公里",
                 "公顷", "公斤", "千克", "毫克", "微克", "毫升", "千瓦", "小时", "分钟",
                 "百分点", "个百分点", "个基点", "人次", "场次", "批次")
# Unit symbols set after a number (GB 3100—1993's SI symbols and the few others news copy
# prints): a number cut from one (140/90 / mmHg, 38 / μg/m³, 0.5 / mg/kg) is cut from its
# unit, the same last resort, not a split word. A lone G, D, K or A is no unit here (5G-A,
# 3D, 4K, 5A级 are names).
_UNIT_SYMBOL = re.compile(r"(?:mmHg|[kmμn]?g|[kcmμn]?m|[mμ]?[lL]|[kMG]?Pa|[kMG]?Hz|[kMG]?Wh?"
                          r"|kV|mA|dB|[KMGT]B|[KMG]bps|k?cal|[mμn]?mol|bp|pp[mb]|AU|au)"
                          r"(?![A-Za-z])")  # 50bp, 421 ppm
# A value in an equation counts no day or hour: 当x=3 / 时, its 时 the clause's 'when' (the
# composer's classes.unit_length says the same)
_CALENDAR = frozenset("年月日时分秒号")
_EQUATION_VALUE = re.compile(r"=[\d.,]+$")
# a power of ten ends a number in scientific notation: 1.496×10⁸ / km is cut from its unit
_RAISED_DIGITS = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹")
# (Every unit the composer keeps with its number is one here too, so a cut it makes only as
# a last resort is counted as one; tests/test_typography_check.py holds the lists together.
# A figure ending in its unit sign, 38℃ / 时, 95％ / 以上, has its unit: what follows is
# no measure word of it, and the break cuts nothing.)
# A race's time in Chinese units runs on into its hundredths (1分23秒45, 9秒83, as 1′23″45
# does): one or two digits after 秒 that no unit follows (38秒 / 12名 is a count)
_HUNDREDTHS = re.compile(r"\d{1,2}(?![\d,.])(?! ?[" + "".join(sorted(UNITS)) + "])")
# A date, the year, month and day each a number with its unit (2025年5月, 5月18日, 5 月 18
# 号): read as one unit, so a cut inside it — after its year or its month — is a unit
# break, the very last resort (spread cuts 11月 / 1日 only so)
_DATE = re.compile(r"\d{1,4} ?年 ?\d{1,2} ?月(?: ?\d{1,2} ?[日号])?|\d{1,2} ?月 ?\d{1,2} ?[日号]")
DASHES = set("—…⋯")
HYPHENS = set("-‐\u00ad")  # at a line end between letters: hyphenation, not a split
BULLETS = set("●○◆◇■□▲△▶►•▪▫★☆※")
# An address as it reads once a break is closed up: a URL (a scheme or www.), an e-mail
# address, a DOI (10.1016/j.x.2025.1), a Unix file path (/var/log/a.log) or an IPv6 address
# (with its :: or all eight groups), and the marks it breaks before (CMOS 7.42); it breaks
# after a slash too, and after a colon that no slash or colon follows.
_ADDRESS_CHARS = re.compile(r"[A-Za-z0-9.@\-_?=&#~%/:+\[\]]+")
# (an IPv6 host in brackets, http://[2001:db8::1]:8080/: RFC 3986 §3.2.2; an IPv4 host and
# its port, a MAC address — IEEE 802's six pairs of hexadecimal digits)
_ADDRESS = re.compile(r"(?:https?://(?:\[[0-9A-Fa-f:.]+\])?|www\.)"
                      r"[A-Za-z0-9\-._~:/?#@!$&*+=%]+"
                      r"|(?<![A-Za-z0-9.])(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?"
                      r"|(?<![A-Za-z0-9:\-])[0-9A-Fa-f]{2}(?:[:\-][0-9A-Fa-f]{2}){5}"
                      # (a host and its path without the scheme: t.cn/A6xYz9Qk)
                      r"|(?<![A-Za-z0-9\-._@/])(?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,}/"
                      r"[A-Za-z0-9\-._~:/?#@!$&*+=%]*"
                      r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
                      r"|(?<![A-Za-z0-9.])10\.\d{4,9}/[A-Za-z0-9\-._;:/()]+"
                      r"|(?<![A-Za-z0-9/.])(?:/[A-Za-z0-9._\-~]+){2,}/?"
                      r"|(?<![A-Za-z0-9:])(?=[0-9A-Fa-f:]*::|(?:[0-9A-Fa-f]{1,4}:){7})"
                      r"[0-9A-Fa-f:]{3,}")
_ADDRESS_BREAK_BEFORE = set(".@-_?=&#~%")


# The ideographic space (全角空格): a character typed in the text, an em wide, as a Han
# character is (a league table run into prose, 城东队　14胜4负　积32分) — not a gap a
# justification opens, nor a word space; typed at a line's start it indents the line
IDEOGRAPHIC_SPACE = "\u3000"


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _solid(ch: str) -> bool:
    """A full-width character that is not a mark: Han, kana, full-width letters."""
    return _wide(ch) and unicodedata.category(ch)[0] in "LN"


def _latin(ch: str) -> bool:
    """A letter or digit of a proportional script (Zürich, Ångström, Dvořák, 12)."""
    return not _wide(ch) and unicodedata.category(ch)[0] in "LN"


def _content(ch: str) -> bool:
    """Counts towards a last line's length: a letter or digit, not a mark."""
    return unicodedata.category(ch)[0] in "LN"


# -- reading the page -----------------------------------------------------------------------

@dataclass(frozen=True)
class Glyph:
    """One drawn character: its origin on the baseline, advance, size and box, in pt."""

    char: str
    x: float
    y: float
    advance: float
    size: float
    top: float
    left: float
    space_before: bool = False  # a word space between it and the last: drawn, or ...
    space_after: bool = False
    positioned: bool = False  # ... only a gap in positions (read from geometry)
    scale: float = 1.0  # horizontal scale: 0.95 is set 5% narrower than its size
    turn: int = 0  # degrees anticlockwise its text runs at on the page's own axes: its
    #                place (x, y, top, left) is on those axes turned back by as much


def _turned(x: float, y: float, turn: int) -> tuple[float, float]:
    """A point on the page's axes, on axes turned anticlockwise by `turn` (a right angle)."""
    return {0: (x, y), 90: (y, -x), 180: (-x, -y), 270: (-y, x)}[turn]


def _unturned(x: float, y: float, turn: int) -> tuple[float, float]:
    """The inverse of _turned: a point back on the page's own axes."""
    return _turned(x, y, (360 - turn) % 360)


@dataclass
class PageText:
    """What pdfium reads of a page: the glyphs set horizontally, how many were turned
    (rotated or upside down), and the glyphs whose font maps no text to them, by font."""

    glyphs: list[Glyph]
    turned: int = 0
    unread: dict[str, int] = field(default_factory=dict)
    invisible: int = 0  # drawn in render mode 3: an OCR layer over a scan, not what prints
    unloaded: dict[str, int] = field(default_factory=dict)  # font not embedded nor found


def read_glyphs(page, limit: int | None = None, shows: list | None = None) -> PageText:
    """The page's drawn characters (spaces and pdfium's generated ones left out). Glyphs not
    set upright on a horizontal baseline (rotated, or upside down) are counted and left out
    — upright on the page's own axes, or as the page is seen: a page turned by /Rotate
    whose content is drawn turned the other way (a landscape page, as many tools make one)
    reads upright, and its glyphs are placed on axes turned with it (Glyph.turn);
    so is every glyph of a font whose glyphs pdfium cannot map to text (no ToUnicode, no
    standard encoding): what it would guess for the rest of that font's glyphs is the
    codes' Latin-1 reading, nonsense to check. `limit`: past this many characters the page
    is too large to read (TooLarge, raised by the caller from the count).
    The ideographic space (U+3000) is a typed character of the text, read as a glyph with
    its width, not as a gap. `shows`: the page's show operators as drawn (see
    _blank_objects), by which the characters of text objects that draw no ink — a lone
    space or ideographic space, which pdfium's text page leaves out — are read too."""
    text = page.get_textpage()
    count = text.count_chars()
    if limit is not None and count > limit:  # pdfium adds at most two characters a glyph
        drawn = sum(not pdfium_c.FPDFText_IsGenerated(text.raw, i) for i in range(count))
        if drawn > limit:
            raise _PageTooLarge(drawn)
    unmapped = _unmapped_fonts(text, count)
    out = PageText([])
    glyphs = out.glyphs
    # the turns text may run at: upright on the page's axes, or as it is seen
    turns = sorted({0, page.get_rotation() % 360})
    spaced: tuple[float, float] | None = None  # where the last drawn space stands
    x, y = ctypes.c_double(), ctypes.c_double()
    matrix = pdfium_c.FS_MATRIX()
    i = 0
    while i < count:
        code = pdfium_c.FPDFText_GetUnicode(text.raw, i)
        index, i = i, i + 1
        if pdfium_c.FPDFText_IsGenerated(text.raw, index) or code in (0, 0xFFFE, 0xFFFF):
            continue
        if unmapped:
            font = _font_name(text, index)
            if font in unmapped:
                out.unread[font] = out.unread.get(font, 0) + 1
                continue
        if 0xD800 <= code < 0xDC00 and i < count:  # a character beyond the BMP: two units
            code = 0x10000 + ((code - 0xD800) << 10) + (
                pdfium_c.FPDFText_GetUnicode(text.raw, i) - 0xDC00)
            i += 1
        # pdfium reads a hyphen it takes to end a line as U+0002: the hyphen drawn
        char = "-" if code == 2 else chr(code)
        if char.isspace() and char != IDEOGRAPHIC_SPACE:
            # a drawn space: a break there cuts nothing, no letter-spacing
            # it parts the glyphs either side of it on its baseline only: pdfium's reading
            # order is not always the drawing order (a page with /Rotate is read in the
            # order it is seen), so a glyph before or after it in that order may stand on
            # another line
            pdfium_c.FPDFText_GetCharOrigin(text.raw, index, x, y)
            spaced = (x.value, y.value)
            if glyphs and not glyphs[-1].space_after and _beside(
                    glyphs[-1], _turned(*spaced, glyphs[-1].turn), -1):
                glyphs[-1] = replace(glyphs[-1], space_after=True)
            continue
        if pdfium_c.FPDFTextObj_GetTextRenderMode(pdfium_c.FPDFText_GetTextObject(
                text.raw, index)) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE:
            out.invisible += 1
            continue
        pdfium_c.FPDFText_GetMatrix(text.raw, index, matrix)
        turn = _upright(matrix, turns)
        if turn is None:
            out.turned += 1
            continue
        pdfium_c.FPDFText_GetCharOrigin(text.raw, index, x, y)
        box = text.get_charbox(index, loose=True)
        # the size the reader sees: Tf scaled by the text matrix's vertical axis; its
        # horizontal axis carries the glyph's horizontal scale (Tz, 长体/扁体) besides
        height = math.hypot(matrix.c, matrix.d)
        size = pdfium_c.FPDFText_GetFontSize(text.raw, index) * height
        if not (size > 0 and all(map(math.isfinite, (size, x.value, y.value, *box)))):
            continue
        origin = _turned(x.value, y.value, turn)
        corners = [_turned(box[0], box[1], turn), _turned(box[2], box[3], turn)]
        left, right = sorted(c[0] for c in corners)
        top = max(c[1] for c in corners)
        scale = math.hypot(matrix.a, matrix.b) / height
        advance = _advance(text, index, char, size * scale, right - left)
        glyph = Glyph(char, *origin, advance, size, top, left, scale=scale, turn=turn)
        if spaced is not None and _beside(glyph, _turned(*spaced, turn), 1):
            glyph = replace(glyph, space_before=True)
        glyphs.append(glyph)
        spaced = None
    if shows is not None:
        objects = _text_objects(page)  # walked once, read by both
        out.unloaded = _unloaded_fonts(objects, shows)
        blanks, spaces = _blank_objects(objects, shows, turns)
        glyphs += blanks
        _mark_spaces(glyphs, spaces)
    return out


def _text_objects(page) -> list[tuple[object, tuple]]:
    """The page's text objects in drawing order, forms' included, each with the matrix of
    its enclosing forms to the page."""
    objects: list[tuple[object, tuple]] = []
    forms: list[tuple[int, tuple]] = []  # (level, matrix to the page) of enclosing forms
    for obj in page.get_objects(max_depth=MAX_FORM_DEPTH + 2):
        while forms and forms[-1][0] >= obj.level:
            forms.pop()
        outer = forms[-1][1] if forms else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        if obj.type == pdfium_c.FPDF_PAGEOBJ_FORM:
            forms.append((obj.level, _times(_object_matrix(obj), outer)))
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            objects.append((obj, outer))
    return objects


def _unloaded_fonts(objects: list[tuple[object, tuple]],
                    shows: list[tuple[_Decoder | None, bytes]]) -> dict[str, int]:
    """The characters, by font, of text objects pdfium drew nothing of because their font is
    not embedded and no font of this machine stands in for it (a CJK font named, not
    carried, where the machine has no CJK font): its text page leaves them out, so the
    meter would read a page of text as empty. A text object that draws no width and whose
    codes read as more than spaces is such an object (`shows` matched one for one, as in
    _blank_objects; where they do not match nothing is said)."""
    if len(objects) != len(shows):
        return {}
    missing: dict[str, int] = {}
    for (obj, _), (decoder, data) in zip(objects, shows):
        left, _, right, _ = obj.get_bounds()
        text = decoder.decode(data) if decoder is not None else None
        if right - left >= 0.01 or not text or text.isspace():
            continue
        font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
        if not font or pdfium_c.FPDFFont_GetIsEmbedded(font):
            continue
        name = _base_font_name(font)
        missing[name] = missing.get(name, 0) + sum(not c.isspace() for c in text)
    return missing


def _base_font_name(font) -> str:
    buf = ctypes.create_string_buffer(256)
    # pdfium renamed the call (FPDFFont_GetFontName before 2024)
    call = getattr(pdfium_c, "FPDFFont_GetBaseFontName", None) \
        or getattr(pdfium_c, "FPDFFont_GetFontName")
    n = call(font, buf, len(buf))
    return buf.raw[:max(n - 1, 0)].decode("utf-8", "replace") or "(unnamed)"


def _blank_objects(objects: list[tuple[object, tuple]],
                   shows: list[tuple[_Decoder | None, bytes]], turns: list[int]
                   ) -> tuple[list[Glyph], list[tuple[float, float, int]]]:
    """The characters of the page's text objects that draw no ink, which pdfium's text page
    leaves out (a text object whose glyphs span no width: a space or an ideographic space
    shown on its own, as a tool placing each piece of a line draws one): the ideographic
    spaces as glyphs, each with its font's width, and where the other spaces stand (x, y
    on the axes of their turn, and the turn). pdfium lists a page's text objects in the
    order the content draws them, one a show operator, forms where drawn; `shows` are
    those operators as spread.check.reading counted them, each with its font's decoder —
    where the two lists do not match one for one, nothing is read (a page as pdfium
    alone reads it)."""
    if not any(len(data) <= 4 and decoder is not None
               and (decoder.decode(data) or "x").isspace() for decoder, data in shows):
        return [], []  # no show operator draws a space or two alone: nothing to read
    if len(objects) != len(shows):
        return [], []
    glyphs: list[Glyph] = []
    spaces: list[tuple[float, float, int]] = []
    for (obj, outer), (decoder, data) in zip(objects, shows):
        left, _, right, _ = obj.get_bounds()
        if right - left >= 0.01 or decoder is None:
            continue
        text = decoder.decode(data)
        if not text or not text.isspace():
            continue
        a, b, c, d, e, f = _times(_object_matrix(obj), outer)
        turn = _upright(pdfium_c.FS_MATRIX(a, b, c, d, e, f), turns)
        height = math.hypot(c, d)
        size = ctypes.c_float()
        if turn is None or not pdfium_c.FPDFTextObj_GetFontSize(obj.raw, size) \
                or not size.value * height > 0:
            continue
        em, scale = size.value * height, math.hypot(a, b) / height
        x, y = _turned(e, f, turn)
        font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
        for char in text:
            width = ctypes.c_float()
            advance = width.value * em * scale if font and pdfium_c.FPDFFont_GetGlyphWidth(
                font, ord(char), ctypes.c_float(1.0), width) and width.value > 0 \
                else em * scale * (1.0 if _wide(char) else 0.25)
            if char == IDEOGRAPHIC_SPACE:
                glyphs.append(Glyph(char, x, y, advance, em, y + 0.88 * em, x, scale=scale,
                                    turn=turn))
            else:
                spaces.append((x, y, turn))
            x += advance
    return glyphs, spaces


class _Decoder:
    """A font's codes as text, read from its dictionary while the file is open (pikepdf),
    used after it is closed: its ToUnicode map (bfchar, bfrange), its codes' length in
    bytes (two for a Type 0 font with an Identity or UCS-2 CMap, one for a simple font, or
    the map's code space), and, with no map, what its encoding tells of a code (UCS-2
    CMaps: the code is the character; a simple font's standard encodings: 32 a space)."""

    def __init__(self, lengths: list[tuple[int, int, int]], single: dict[bytes, str],
                 ranges: list[tuple[int, int, int, object]], fallback: str | None):
        self.lengths = lengths  # (bytes, lowest code, highest code), tried in order
        self.single, self.ranges, self.fallback = single, ranges, fallback

    def decode(self, data: bytes) -> str | None:
        """The text the bytes show, or None where a code cannot be read."""
        out, k = [], 0
        while k < len(data):
            n = next((n for n, lo, hi in self.lengths
                      if k + n <= len(data) and lo <= int.from_bytes(data[k:k + n]) <= hi),
                     None)
            if n is None:
                return None
            code = data[k:k + n]
            text = self._char(code)
            if text is None:
                return None
            out.append(text)
            k += n
        return "".join(out)

    def _char(self, code: bytes) -> str | None:
        if code in self.single:
            return self.single[code]
        value = int.from_bytes(code)
        for n, lo, hi, dst in self.ranges:
            if n == len(code) and lo <= value <= hi:
                if isinstance(dst, list):
                    return dst[value - lo] if value - lo < len(dst) else None
                return dst[:-1] + chr(ord(dst[-1]) + value - lo)
        if self.fallback == "ucs2":
            return chr(value)
        if self.fallback == "standard" and code == b" ":
            return " "
        return None


_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")


def _utf16(hexdigits: bytes) -> str:
    raw = bytes.fromhex(hexdigits.decode("ascii"))
    return raw.decode("utf-16-be", "replace") if raw else ""


def font_decoder(font) -> _Decoder | None:
    """The decoder of a pikepdf font dictionary (None where its codes cannot be read: a
    map that does not parse leaves the meter reading what pdfium reads, no more)."""
    try:
        return _decoder(font)
    except (pikepdf.PdfError, ValueError, TypeError, KeyError, AttributeError,
            UnicodeError, OverflowError):
        return None


def _decoder(font) -> _Decoder | None:
    if not isinstance(font, pikepdf.Dictionary):
        return None
    single: dict[bytes, str] = {}
    ranges: list[tuple[int, int, int, object]] = []
    space: list[tuple[int, int, int]] = []
    unicode_map = font.get("/ToUnicode")
    if isinstance(unicode_map, pikepdf.Stream):
        text = unicode_map.read_bytes()
        for block in re.findall(rb"begincodespacerange(.*?)endcodespacerange", text, re.S):
            codes = _HEX.findall(block)
            space += [(len(lo.strip()) // 2, int(lo, 16), int(hi, 16))
                      for lo, hi in zip(codes[::2], codes[1::2]) if lo.strip() and hi.strip()]
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
            codes = _HEX.findall(block)
            for src, dst in zip(codes[::2], codes[1::2]):
                single[bytes.fromhex(src.decode("ascii"))] = _utf16(dst)
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
            for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*"
                                          rb"(<[0-9A-Fa-f\s]*>|\[[^\]]*\])", block):
                target: object = [_utf16(h) for h in _HEX.findall(dst)] \
                    if dst.startswith(b"[") else _utf16(dst[1:-1])
                if target:
                    ranges.append((len(lo) // 2, int(lo, 16), int(hi, 16), target))
    fallback = None
    if font.get("/Subtype") == "/Type0":
        encoding = str(font.get("/Encoding", ""))
        if encoding.startswith("/Identity") or "UCS2" in encoding or "UTF16" in encoding:
            lengths = [(2, 0, 0xFFFF)]
            fallback = "ucs2" if "UCS2" in encoding or "UTF16" in encoding else None
        else:
            lengths = sorted(space) or sorted({(n, 0, (1 << 8 * n) - 1)
                                               for n, *_ in ranges} | {
                (len(k), 0, (1 << 8 * len(k)) - 1) for k in single})
    else:
        lengths = [(1, 0, 0xFF)]
        fallback = "standard" if not isinstance(unicode_map, pikepdf.Stream) else None
    if not lengths or not (single or ranges or fallback):
        return None
    return _Decoder(lengths, single, ranges, fallback)


def _object_matrix(obj) -> tuple:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj.raw, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _times(m: tuple, n: tuple) -> tuple:
    """The matrix m then n (PDF's row-vector order: a point in m's space, to n's outer)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s,
            e * p + f * r + t, e * q + f * s + u)


def _mark_spaces(glyphs: list[Glyph], spaces: list[tuple[float, float, int]]) -> None:
    """Mark the glyphs either side of each space drawn on its own (_blank_objects): the
    last one before it on its baseline ends a word, the first one after it starts one.
    Glyphs are found by their baseline (to the point) and, along it, by bisection: a page
    of a few long rows and many spaces costs a sort, not a walk along a row a space."""
    if not spaces:
        return
    rows: dict[tuple[int, int], list[tuple[float, int]]] = {}
    for k, g in enumerate(glyphs):
        rows.setdefault((g.turn, round(g.y)), []).append((g.x, k))
    for row in rows.values():
        row.sort()
    for x, y, turn in spaces:
        before: int | None = None
        after: int | None = None
        for dy in (-1, 0, 1):
            row = rows.get((turn, round(y) + dy), [])
            at = bisect.bisect_left(row, (x, -1))
            # the nearest glyphs along the row either side of the space (a glyph drawn a
            # hair before its place counts after it: _beside's tolerance)
            for _, k in row[max(0, at - 3):at + 3]:
                g = glyphs[k]
                if abs(g.y - y) > 0.2 * g.size:
                    continue
                if _beside(g, (x, y), -1) and (before is None or g.x > glyphs[before].x):
                    before = k
                if _beside(g, (x, y), 1) and (after is None or g.x < glyphs[after].x):
                    after = k
        if before is not None:
            glyphs[before] = replace(glyphs[before], space_after=True)
        if after is not None:
            glyphs[after] = replace(glyphs[after], space_before=True)


def _upright(matrix, turns: list[int]) -> int | None:
    """Of `turns`, the one on whose axes a glyph's matrix stands upright on a horizontal
    baseline — it turns nothing there (a slant, c, is an oblique or synthetic italic,
    still horizontal) — or None: rotated text."""
    for turn in turns:
        a, b = _turned(matrix.a, matrix.b, turn)
        if a > 0 and abs(b) <= _TURNED * a:
            return turn
    return None


def _advance(text, index: int, char: str, em: float, loose: float) -> float:
    """A glyph's advance, pt: its loose box's width, which is its advance but for a glyph
    whose ink overhangs it (f, j, y in many serif faces: 0.07 em wider, a gap after one read
    that much narrower), where the font's own width for it is taken (`em`: its size as set,
    its horizontal scale in). The font's width is trusted only below the box's width and
    above half of it: a character the font maps from more than one code reads its box."""
    width = ctypes.c_float()
    font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(text.raw, index))
    if not font or len(char) != 1 or not pdfium_c.FPDFFont_GetGlyphWidth(
            font, ord(char), ctypes.c_float(1.0), width):
        return loose
    own = width.value * em
    if char == IDEOGRAPHIC_SPACE and own > 0:
        return own  # no ink: its box says nothing of its width
    return own if loose / 2 < own < loose else loose


def _beside(glyph: Glyph, space: tuple[float, float], side: int) -> bool:
    """Whether a drawn space at `space` stands on the glyph's baseline, on its `side` (-1:
    before it, the space after the glyph; 1: after it, the space before the glyph)."""
    sx, sy = space
    return abs(sy - glyph.y) <= 0.2 * glyph.size and (glyph.x - sx) * side >= -0.05 * glyph.size


class _PageTooLarge(Exception):
    def __init__(self, count: int):
        self.count = count


def _font_name(text, index: int) -> str:
    buf = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    n = pdfium_c.FPDFText_GetFontInfo(text.raw, index, buf, len(buf), flags)
    return buf.raw[:max(n - 1, 0)].decode("utf-8", "replace")


def _unmapped_fonts(text, count: int) -> set[str]:
    """The fonts some of whose drawn glyphs pdfium could not map to text."""
    return {_font_name(text, i) for i in range(count)
            if pdfium_c.FPDFText_HasUnicodeMapError(text.raw, i) == 1
            and not pdfium_c.FPDFText_IsGenerated(text.raw, i)}


@dataclass
class Line:
    """Glyphs on one baseline of one column, left to right."""

    glyphs: list[Glyph]
    page: int
    paragraph_start: bool = False
    paragraph_end: bool = False
    apart: bool = False  # indented, outdented or bulleted: cannot continue a paragraph
    justified: bool = False
    spacing: float | None = None  # extra em per gap the justification opened (_spacing)
    solid_spacing: float | None = None  # the same between full-width characters alone
    lone: bool = False  # one character on a line its paragraph runs on from
    spread: float = 0.0  # pt the justification added to the line (its spacing × its gaps)
    forced: str | None = None  # the next line's first unit, where it cannot join this line
    table: int | None = None  # a cell of the page's table of this number (_tables), not a line

    @property
    def text(self) -> str:
        return "".join((" " if g.space_before and n else "") + g.char
                       for n, g in enumerate(self.glyphs))

    @cached_property
    def size(self) -> float:
        """The size most of its glyphs are set in (the largest on a tie); glyphs keep their
        sizes whatever else is learnt of them, so it is worked out once."""
        sizes = Counter(round(g.size, 2) for g in self.glyphs)
        return max(sizes, key=lambda s: (sizes[s], s))

    @cached_property
    def holes(self) -> frozenset[int]:
        """Where a hole opens in the line: k for a gap before glyph k that no drawn space
        fills, 1.5 em or more wider than the line's other gaps of its kind (their median)
        — a line's room put in one place, a word taken out and not closed up. The kinds
        are the gaps a justification opens: word spaces, and gaps beside a full-width
        character (a gap inside a word or a figure is letter-spacing, another rule's).
        Asked once the word spaces are found (page_lines)."""
        kinds: dict[bool, list[tuple[int, float]]] = {}
        for k in range(1, len(self.glyphs)):
            a, b = self.glyphs[k - 1], self.glyphs[k]
            if b.space_before or _wide(a.char) or _wide(b.char):
                kinds.setdefault(b.space_before, []).append(
                    (k, (b.left - a.left - a.advance) / max(a.size, b.size)))
        out = set()
        for gaps in kinds.values():
            usual = percentile([gap for _, gap in gaps], 50)
            out.update(k for k, gap in gaps if gap - usual >= _HOLE
                       and not (self.glyphs[k].space_before and not self.glyphs[k].positioned))
        return frozenset(out)

    @property
    def left(self) -> float:
        return self.glyphs[0].left

    @property
    def right(self) -> float:
        last = self.glyphs[-1]
        return last.left + last.advance

    @property
    def set_right(self) -> float:
        """Where the line ends as set: a closing or stop mark at the end is half width —
        half of its own em as set, which a line set wider or narrower scales (系列客机部件、
        at 108%: half its size would leave it short of the edge)."""
        last = self.glyphs[-1]
        if last.char in CLOSING or last.char in STOPS:
            return last.left + min(last.advance, last.size * last.scale / 2)
        return self.right

    @property
    def set_left(self) -> float:
        """Where the line starts as set: an opening mark at the start is half width, its
        blank on the left (clreq lets a composer trim that blank at a line start, or keep it)."""
        first = self.glyphs[0]
        if first.char in OPENING:
            return first.left + max(0.0, first.advance - first.size * first.scale / 2)
        return self.left

    @property
    def baseline(self) -> float:
        return self.glyphs[0].y


def _rows(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs sharing a baseline (within a fifth of their size), top row first."""
    rows: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: -g.y):
        if rows and rows[-1][0].y - g.y <= 0.2 * max(g.size, rows[-1][0].size):
            rows[-1].append(g)
        else:
            rows.append([g])
    return rows


def _ordered(row: list[Glyph]) -> list[Glyph]:
    """A row's glyphs left to right, a glyph drawn twice over itself (fake bold) once."""
    out: list[Glyph] = []
    for g in sorted(row, key=lambda g: g.x):
        if out and out[-1].char == g.char and abs(out[-1].x - g.x) < 0.05 * g.size:
            continue
        out.append(g)
    return out


class _Band:
    """A row's glyphs as a gutter test reads them: sorted by left edge, so the glyphs
    across a gap are found by bisection, not by a walk along the row."""

    def __init__(self, glyphs: list[Glyph]):
        self.glyphs = sorted(glyphs, key=lambda g: g.left)
        self.lefts = [g.left for g in self.glyphs]
        self.spans = [_ink(g, n) for g, n in zip(self.glyphs, [*self.glyphs[1:], None])]
        self.reach = max(g.advance for g in glyphs)
        self.start = self.lefts[0]
        self.end = max(g.left + g.advance for g in glyphs)
        self.stretches: dict[tuple[int, float], float] = {}

    def stretch_end(self, k: int, em: float) -> float:
        """Where the stretch of glyphs from glyph k on ends: at the first gap wider than a
        gutter (0.9 em), where the column beside starts. Kept once worked out, so a row
        asking of every gap along it reads its neighbour once."""
        if (k, em) not in self.stretches:
            end = self.glyphs[k].left + self.glyphs[k].advance
            n = k + 1
            while n < len(self.glyphs) and self.glyphs[n].left - end <= _COLUMN_GAP * em:
                end = max(end, self.glyphs[n].left + self.glyphs[n].advance)
                n += 1
            for m in range(k, n):
                self.stretches[m, em] = end
        return self.stretches[k, em]

    def inked(self, a: float, b: float) -> list[tuple[float, float]]:
        """The spans of its glyphs' ink that overlap a to b (see _ink)."""
        lo = bisect.bisect_left(self.lefts, a - self.reach)
        hi = bisect.bisect_left(self.lefts, b)
        return [span for span in self.spans[lo:hi] if span[1] > a]


def _ink(g: Glyph, after: Glyph | None) -> tuple[float, float]:
    """Where a glyph's ink stands across its row, by its box: a full-width closing or stop
    mark that white follows (0.1 em or more: no glyph set solid after it) inks the left
    half of its em only — a mark hung past a column's edge, as many tools hang 。，, leaves
    the gutter white beside it; an ideographic space inks nothing."""
    end = g.left + g.advance
    if g.char == IDEOGRAPHIC_SPACE:
        return g.left, g.left
    if (g.char in CLOSING or g.char in STOPS) and (
            after is None or after.left - end >= 0.1 * g.size):
        return g.left, g.left + g.advance / 2
    return g.left, end


def _runs_through(rows: list[list[Glyph]], i: int, bands: dict[tuple[int, float], _Band]
                  ) -> tuple[list[tuple[_Band, ...]], list[_Band]]:
    """The pairs of lines that stand with row i in a run of three lines of its size, each
    below the last by less than 2.6 of that size: above it, around it and below it (only
    their glyphs of row i's size: a head or a display figure beside them is no line of
    the column), and the nearest line above and below. `bands` keeps each row's glyphs of a
    size, made once for the page."""
    size = Line(rows[i], 0).size
    above: list[_Band] = []
    below: list[_Band] = []
    for side, step in ((above, -1), (below, 1)):
        last, j = rows[i][0].y, i + step
        while 0 <= j < len(rows) and len(side) < 2 and abs(rows[j][0].y - last) <= _REACH * size:
            if (j, size) not in bands:
                same = [g for g in rows[j] if abs(g.size - size) <= 0.2 * size]
                bands[j, size] = _Band(same) if same else None
            if bands[j, size]:
                side.append(bands[j, size])
                last = rows[j][0].y
            j += step
    return [run for run in ((*above[::-1],), (*above[:1], *below[:1]), (*below,))
            if len(run) == 2], [*above[:1], *below[:1]]


def _white_through(a: float, b: float, rows: tuple[_Band, ...], em: float) -> bool | None:
    """Whether a white band at least _GUTTER em wide runs through the rows between x a and
    x b; None when none of them has text on both sides of a to b (a ragged end or an indent
    is white without telling a gutter from spacing). A row that stops short beside one that
    runs on across is a column's last line beside its neighbour's."""
    if not any(r.start <= a and r.end >= b for r in rows):
        return None
    spans = sorted(span for r in rows for span in r.inked(a, b))
    widest, edge = 0.0, a
    for lo, hi in spans:
        widest, edge = max(widest, lo - edge), max(edge, hi)
    return max(widest, b - edge) >= _GUTTER * em


def _measure_across(start: Glyph, g: Glyph, near: list[_Band]) -> bool:
    """Whether a neighbouring line that starts where this one does (by its column's left
    edge, or an indent in from it) runs on to glyph g's right: the column's measure,
    which that line sets, reaches across the gap before g (see _Band.stretch_end)."""
    em = max(start.size, g.size)
    for band in near:
        k = bisect.bisect_right(band.lefts, start.left + 0.5 * em) - 1
        if k < 0:
            continue
        end = band.stretch_end(k, em)
        if end > start.left and end >= g.left + g.advance - 0.5 * em:
            return True
    return False


def _word_gaps(glyphs: list[Glyph]) -> float | None:
    """The median of the gaps between proportional glyphs that are as wide as a word space
    (0.15 em and up), pt: how wide the words of a line stand apart."""
    gaps = [b.left - a.left - a.advance for a, b in zip(glyphs, glyphs[1:])
            if _proportional(a.char) and _proportional(b.char)
            and b.left - a.left - a.advance >= _WORD_SPACE * max(a.size, b.size)]
    return percentile(gaps, 50)


def _gutter(piece: list[Glyph], g: Glyph, runs: list[tuple[_Band, ...]],
            near: list[_Band]) -> bool:
    """Whether the gap from glyph p to glyph g on one baseline is a gutter between columns.
    A gap as wide as a gutter (0.9 em; a closing or stop mark ending a column's line and an
    opening mark starting the next column's are set half width, so their blanks count) is
    one where a white band runs through the lines above and below it, however wide the gap:
    a line spread by 3 em a gap is still one line, the lines around it cover its gaps (as
    most of the runs of lines around it say, where they tell; all of them, for a gap no
    wider than its line's word spaces). A narrower gap (0.4 em and up) is one where the
    columns' gutter runs down the lines around it (_narrow_gutter). A
    line with no run of lines around it reaching across the gap is one line where the
    neighbouring line starting with it (`start`, its first glyph) runs on across the gap,
    the column's measure (see _measure_across); with none, it is cut at any such gap.
    `piece`: the row's glyphs before g since its last cut."""
    p, start = piece[-1], piece[0]
    em = max(p.size, g.size)
    gap = g.left - (p.left + p.advance)
    if abs(p.size - g.size) > 0.2 * em and g.x - (p.x + p.advance) > 0.3 * em:
        return True  # a change of size across a gap: a head beside a column
    blank = 0.5 * ((p.char in CLOSING or p.char in STOPS) + (g.char in OPENING))
    if gap + blank * em <= _COLUMN_GAP * em:
        return gap + blank * em >= _GUTTER * em and _narrow_gutter(start, p, g, runs)
    white = [w for w in (_white_through(p.left + p.advance, g.left, run, em) for run in runs)
             if w is not None]
    if white:
        # most runs of lines around, not one: a white band through two lines above or
        # below alone is a river of loose word spaces as often as a gutter. A gap no
        # wider than the word spaces of its line so far (running text justified an em a
        # word space, its rivers lining up) is a gutter only where every run says so,
        # two runs or more, or one and no neighbouring line runs across it
        spaces = _word_gaps(piece) if _proportional(p.char) and _proportional(g.char) \
            else None
        if spaces is not None and gap <= 1.25 * spaces:
            return all(white) and (len(white) >= 2 or not _measure_across(start, g, near))
        return 2 * sum(white) >= len(white)
    if _measure_across(start, g, near):
        return False
    return gap > _COLUMN_GAP * em or gap + blank * em > _MARKS_APART * em


def _narrow_gutter(start: Glyph, p: Glyph, g: Glyph, runs: list[tuple[_Band, ...]]
                   ) -> bool:
    """Whether a gap narrower than a gutter (0.4 to 0.9 em) is one all the same: the
    columns' gutter, narrow, runs down the lines around it — each of them with text on
    both sides of it, and the row's piece from glyph `start` to glyph p not standing in
    its white (as a bullet hung before a list's text does) — two lines or more, each white
    from one column's edge to the next column's start, which is where glyph g starts in
    two of them (or in one, their edges level), the edge at or before p's end: a mark
    hung past the measure, as many tools hang 。，, or a glyph's ink overhanging its box
    narrows the gap, not the gutter."""
    em = max(p.size, g.size)
    a, b = p.left + p.advance, g.left
    starts, ends = [], []
    for row in {id(r): r for run in runs for r in run}.values():
        k = bisect.bisect_left(row.lefts, b - 0.15 * em)
        if k == 0 or k == len(row.lefts):
            continue  # no text on one side of the gap in that line: it tells nothing
        edge = max(x.left + x.advance for x in row.glyphs[max(0, k - 8):k])
        if start.left >= edge - 0.15 * em:
            continue  # the piece stands in that line's white (a bullet hung before a
            #           list's text; a column that line leaves empty): it tells nothing
        if row.lefts[k] - edge < _GUTTER * em or edge > a + 0.15 * em:
            return False
        starts.append(row.lefts[k])
        ends.append(edge)
    # the next column starts where g does: in two lines or more (the others may be
    # indented, or paragraphs' last lines beside it), or in one whose neighbours' column
    # edge is the same (within half an em) — a river of loose word spaces lines up less
    aligned = sum(x <= b + 0.15 * em for x in starts)
    return len(starts) >= 2 and (aligned >= 2 or aligned == 1
                                 and max(ends) - min(ends) <= 0.5 * em)


def _gaps(glyphs: list[Glyph]) -> list[float]:
    return [b.left - (a.left + a.advance) for a, b in zip(glyphs, glyphs[1:])]


def _even(glyphs: list[Glyph]) -> bool:
    """Whether glyphs of one size stand with every gap between them the same (within a
    tenth of an em): a line justified with its room shared out equally, however loose."""
    em = max(g.size for g in glyphs)
    if any(abs(g.size - glyphs[0].size) > 0.2 * em for g in glyphs):
        return False
    gaps = _gaps(glyphs)
    return max(gaps) - min(gaps) <= 0.1 * em


def _straddles(glyphs: list[Glyph], near: list[_Band]) -> bool:
    """Whether a neighbouring line shows a gutter within the glyphs' stretch: its text on
    both sides of a gap wider than a gutter, not itself spread evenly there (the last
    characters of columns side by side stand at an equal pitch; their lines above do not)."""
    em = max(g.size for g in glyphs)
    lo, hi = glyphs[0].left - 0.5 * em, glyphs[-1].left + glyphs[-1].advance + 0.5 * em
    for band in near:
        inside = [g for g in band.glyphs[bisect.bisect_left(band.lefts, lo):
                                         bisect.bisect_right(band.lefts, hi)]
                  if g.left + g.advance <= hi]
        for k in range(1, len(inside)):
            a, b = inside[k - 1], inside[k]
            if b.left - (a.left + a.advance) > _COLUMN_GAP * em \
                    and not _even(inside[max(0, k - 2):k + 2]):
                return True
    return False


def _spread_out(pieces: list[list[Glyph]], near: list[_Band]) -> list[list[Glyph]]:
    """A row's pieces (cut at gutters) with neighbours joined again where together they
    stand evenly spread, three glyphs or more with all their gaps equal: a loose justified
    line (客  服  电  话 across 9 em at 1.56 em a gap) whose gaps no line around it covers
    is one line. Two columns' lines side by side are not: a gutter is wider than the gaps
    inside a line, two glyphs alone tell nothing, and where the lines around show a gutter
    inside the stretch (see _straddles) it is columns' last characters side by side."""
    out: list[list[Glyph]] = []
    chain: list[list[Glyph]] = []  # pieces evenly spread so far
    span: list[float] = []  # the chain's narrowest and widest gap, kept as it grows

    def close() -> None:
        joined = [g for q in chain for g in q]
        out.extend([joined] if len(joined) >= 3 and not _straddles(joined, near) else chain)

    for piece in pieces:
        size = piece[0].size
        gaps = _gaps(piece)
        if chain and all(abs(g.size - chain[0][0].size) <= 0.2 * size for g in piece):
            last = chain[-1][-1]
            within = [*span, *gaps, piece[0].left - (last.left + last.advance)]
            if max(within) - min(within) <= 0.1 * size:
                chain.append(piece)
                span = [min(within), max(within)]
                continue
        close()
        chain, span = [piece], [min(gaps), max(gaps)] if gaps else []
        if any(abs(g.size - size) > 0.2 * size for g in piece):
            close()  # glyphs of two sizes: no evenly spread line starts here
            chain, span = [], []
    close()
    return out


def _lines(rows: list[list[Glyph]], i: int, page: int,
           bands: dict[tuple[int, float], _Band]) -> list[Line]:
    """Row i cut at the gutters between columns (see _gutter and _spread_out)."""
    runs, near = _runs_through(rows, i, bands)
    pieces: list[list[Glyph]] = []
    for g in _ordered(rows[i]):
        if pieces and not _gutter(pieces[-1], g, runs, near):
            pieces[-1].append(g)
        else:
            pieces.append([g])
    return [Line(piece, page) for piece in _spread_out(pieces, near)] if pieces else []


def _vertical_form(ch: str) -> bool:
    """A presentation form made for vertical text (U+FE10–FE19, U+FE30–FE4F)."""
    return "\ufe10" <= ch <= "\ufe19" or "\ufe30" <= ch <= "\ufe4f"


def _drawn_downwards(glyphs: list[Glyph]) -> set[int]:
    """Indices of glyphs drawn as vertical text: runs of three or more that the content
    stream draws one below the other at one x, or a vertical presentation form. (Set solid,
    horizontal lines can stand in columns too; only the drawing order tells them apart.)"""
    found, run = set(), [0] if glyphs else []
    for i in range(1, len(glyphs) + 1):
        if i < len(glyphs):
            a, b = glyphs[i - 1], glyphs[i]
            if abs(a.x - b.x) < 0.25 * a.size and 0.7 * a.size < a.y - b.y < 1.8 * a.size:
                run.append(i)
                continue
        if len(run) >= 3:
            found.update(run)
        run = [i]
    return found | {i for i, g in enumerate(glyphs) if _vertical_form(g.char)}


def _stacked(lines: list[Line]) -> set[int]:
    """ids of one-glyph lines standing one above another at one x (竖排 however drawn):
    each one-glyph line against its neighbours above and below among those whose x is
    within 0.3 of its size (the singles taken in x order, each window in y order, so a
    page of singles at one x costs a sort, not a comparison of every pair)."""
    singles = sorted((ln for ln in lines if len(ln.glyphs) == 1), key=lambda ln: ln.glyphs[0].x)
    found: set[int] = set()
    start = 0
    while start < len(singles):
        # a window: singles each within 0.3 em of x of the first
        first = singles[start].glyphs[0]
        end = start + 1
        while end < len(singles) and singles[end].glyphs[0].x - first.x < 0.3 * first.size:
            end += 1
        window = sorted(singles[start:end], key=lambda ln: ln.glyphs[0].y)
        for a, b in zip(window, window[1:]):
            ga, gb = a.glyphs[0], b.glyphs[0]
            if 0 < gb.y - ga.y < 1.8 * ga.size:
                found |= {id(a), id(b)}
        start = end if end > start + 1 else start + 1
    return found


# -- tables: cells standing in columns, not lines of text --------------------------------------

_CELL_MOST = 8.0   # em: a fragment wider is a line of a text column (9字 and up)
_CELL_FILL = 0.75  # a table's cells fill less of the way to the next cell's start (median)
_CELL_ALIGN = 0.3  # em: cells starting (or ending) this near stand in one column
_TABLE_STEP = 4.0  # sizes: a table's rows stand at most this far apart (a roll's rows are
#                    spaced wider than a text's lines)


class _Table:
    """A table being gathered: its rows of cells (top first), the starts and ends of its
    cells so far."""

    def __init__(self, run: list[Line]):
        self.size = run[0].size
        self.rows: list[list[Line]] = []
        self.starts: list[float] = []
        self.ends: list[float] = []
        self.middles: list[float] = []
        self.add(run)

    def add(self, run: list[Line]) -> None:
        self.rows.append(run)
        for cell in run:  # kept sorted: a cell's column is found by bisection
            bisect.insort(self.starts, cell.left)
            bisect.insort(self.ends, cell.right)
            bisect.insort(self.middles, (cell.left + cell.right) / 2)

    def aligned(self, cell: Line) -> bool:
        """Whether a cell starts where one of the table's cells starts, ends where one ends
        (figures set flush right) or stands centred on one's middle (a 三线表's cells set
        centred: 儿科 under 心血管内科)."""
        near = _CELL_ALIGN * self.size
        return any(_near(edges, x, near) for edges, x in (
            (self.starts, cell.left), (self.ends, cell.right),
            (self.middles, (cell.left + cell.right) / 2)))

    def joins(self, run: list[Line]) -> bool:
        """Whether a run of cells is the table's next row: its size, a row's step below the
        last, half its cells or more in the table's columns (a bar chart's labels align, the
        figures at its bars' ends need not)."""
        last = self.rows[-1][0]
        step = last.baseline - run[0].baseline
        return abs(run[0].size - self.size) <= 0.2 * self.size \
            and 0.9 * self.size < step <= _TABLE_STEP * self.size \
            and 2 * sum(map(self.aligned, run)) >= len(run)

    def stands(self) -> bool:
        """Two rows of two cells or more, the cells filling little of the way across to the
        next: a text column's lines fill nearly all of theirs (a gutter is narrow)."""
        fills = [(a.right - a.left) / (b.left - a.left) for run in self.rows
                 for a, b in zip(run, run[1:]) if b.left > a.left]
        return sum(len(run) > 1 for run in self.rows) >= 2 and bool(fills) \
            and percentile(fills, 50) <= _CELL_FILL


def _near(values: list[float], x: float, near: float) -> bool:
    """Whether a sorted list holds a value within `near` of x."""
    k = bisect.bisect_left(values, x - near)
    return k < len(values) and values[k] <= x + near


def _cell_like(line: Line) -> bool:
    """A fragment that may be a table's cell: short (a name, a figure, a phrase), not a list
    item (a bullet) nor a line of verse or prose (ending in a stop mark)."""
    return line.right - line.left <= _CELL_MOST * line.size \
        and line.glyphs[0].char not in BULLETS and line.glyphs[-1].char not in STOPS


def _cell_runs(row: list[Line]) -> list[list[Line]]:
    """A row's fragments (left to right, cut at gutters) in runs of consecutive cell-like
    ones of one size."""
    runs: list[list[Line]] = []
    for line in row:
        if not _cell_like(line):
            runs.append([])
        elif runs and runs[-1] and abs(runs[-1][-1].size - line.size) <= 0.2 * line.size:
            runs[-1].append(line)
        else:
            runs.append([line])
    return [run for run in runs if run]


def _pieces(line: Line) -> list[Line]:
    """A line cut wherever a gap wider than a column gutter (0.9 em) opens, as a table's
    cells stand: a row of names whose lines around it ink its gaps (a heading across
    the roll) is not cut at gutters, and its names are cells all the same."""
    g = line.glyphs
    cuts = [k for k in range(1, len(g))
            if g[k].left - (g[k - 1].left + g[k - 1].advance) > _COLUMN_GAP * g[k].size]
    if not cuts:
        return [line]
    return [Line(g[a:b], line.page) for a, b in zip([0, *cuts], [*cuts, len(g)])]


def _tables(rows: list[list[Line]]) -> int:
    """Mark the fragments that are a table's cells (line.table, numbered from 0): a roll of
    names in equal cells, a table of figures. Read from geometry alone — short fragments
    of one size standing side by side across gutters (the white between them runs down the
    rows: _gutter cut them), in two rows or more, their starts (or their ends, for figures
    set flush right) falling in columns that repeat from row to row, filling little of the
    way to the next cell (see _Table). A line of a text column is wider than a cell, and
    its gutter narrow beside it; a list item or a line of verse carries its bullet or its
    marks. `rows`: each row's fragments, top row first. Returns how many tables."""
    gathering: list[_Table] = []
    found: list[_Table] = []
    for row in rows:
        if not row:
            continue
        baseline = row[0].baseline
        for table in list(gathering):
            # rows too far below a table's last close it; so does a line of its size
            # across it, no cell (a table's rows follow one another: lines of a loose
            # text whose word gaps happen to align two lines apart are no table's rows)
            if table.rows[-1][0].baseline - baseline > _TABLE_STEP * table.size or any(
                    not _cell_like(ln) and abs(ln.size - table.size) <= 0.2 * table.size
                    and ln.left < table.ends[-1] and ln.right > table.starts[0]
                    for ln in row):
                gathering.remove(table)
                found.append(table)
        for run in _cell_runs(row):
            table = next((t for t in gathering if t.joins(run)), None)
            if table is not None:
                table.add(run)
            elif len(run) > 1:
                gathering.append(_Table(run))
    fragments = sorted((ln for row in rows for ln in row), key=lambda ln: -ln.baseline)
    depths = [-ln.baseline for ln in fragments]
    for table in found + gathering:
        if len(table.rows) > 1:
            _drop_text_columns(table, fragments, depths)
    standing = [t for t in found + gathering if t.stands()
                and not _inside_text(t, fragments, depths)]
    for number, table in enumerate(sorted(standing, key=lambda t: (-t.rows[0][0].baseline,
                                                                  t.rows[0][0].left))):
        for run in table.rows:
            for cell in run:
                cell.table = number
    return len(standing)


def _inside_text(table: _Table, fragments: list[Line], depths: list[float]) -> bool:
    """Whether a table's rows stand inside a column of text: a line of its size, no cell,
    across the whole of it a row's step above its first row and another below its last
    (loose justified lines of a narrow column, their first words starting level and their
    last ending level, stand as a table's cells would) — its rows' cells evenly spaced,
    as a justified line's words are."""
    size = table.size
    if any(_uneven(run, size) for run in table.rows):
        return False  # a row of names spread in their cells, not a justified line
    step = table.rows[0][0].baseline - table.rows[1][0].baseline
    left = min(c.left for run in table.rows for c in run)
    right = max(c.right for run in table.rows for c in run)
    for y in (table.rows[0][0].baseline + step, table.rows[-1][0].baseline - step):
        lo = bisect.bisect_left(depths, -y - 0.2 * size)
        hi = bisect.bisect_right(depths, -y + 0.2 * size)
        if not any(abs(f.size - size) <= 0.2 * size and not _cell_like(f)
                   and f.left <= left + 0.5 * size and f.right >= right - 0.5 * size
                   for f in fragments[lo:hi]):
            return False
    return True


def _uneven(run: list[Line], size: float) -> bool:
    """Whether a row's cells stand apart by gaps more than half an em unequal: a justified
    line shares its room out evenly, a roll of names spread in equal cells (仝　炜 an em
    apart inside a name, three em between names) does not."""
    gaps = [b.left - a.right for a, b in zip(run, run[1:])]
    return len(gaps) > 1 and max(gaps) - min(gaps) > 0.5 * size


def _drop_text_columns(table: _Table, fragments: list[Line], depths: list[float]) -> None:
    """Drop from a table the cells of a column that runs on as a text column: a fragment
    that is no cell (wider, or ending in a stop mark) stands a row's step above its first
    row or below its last, starting where the column's cells start and ending before the
    next column's (a heading across the table is none). Short lines of prose columns side
    by side (9字 lines less an indent) are no table's cells. `fragments`: the
    page's, top first; `depths`: their baselines, negated."""
    size, near = table.size, _CELL_ALIGN * table.size
    step = table.rows[0][0].baseline - table.rows[1][0].baseline
    text: list[float] = []
    for run, y in ((table.rows[0], table.rows[0][0].baseline + step),
                   (table.rows[-1], table.rows[-1][0].baseline - step)):
        lo = bisect.bisect_left(depths, -y - 0.2 * size)
        hi = bisect.bisect_right(depths, -y + 0.2 * size)
        text += [f.left for f in fragments[lo:hi] if abs(f.size - size) <= 0.2 * size
                 and not _cell_like(f) and any(
                     abs(f.left - c.left) <= near and (d is None or f.right <= d.left)
                     for c, d in zip(run, [*run[1:], None]))]
    if text:
        kept = [[c for c in run if all(abs(c.left - x) > near for x in text)]
                for run in table.rows]
        table.rows = [run for run in kept if run]


def page_lines(glyphs: list[Glyph], page: int) -> tuple[list[Line], int]:
    """The horizontal lines of a page's glyphs, and how many glyphs were vertical text."""
    downwards = _drawn_downwards(glyphs)
    across = [g for i, g in enumerate(glyphs) if i not in downwards]
    rows = [_ordered(row) for row in _rows(across)]
    bands: dict[tuple[int, float], _Band] = {}
    cut = [_lines(rows, i, page, bands) for i in range(len(rows))]
    pieces = {id(ln): _pieces(ln) for row in cut for ln in row}
    _tables([[p for ln in row for p in pieces[id(ln)]] for row in cut])
    # a line some of whose pieces are a table's cells is read as its pieces
    lines = [p for row in cut for ln in row
             for p in (pieces[id(ln)] if any(p.table is not None for p in pieces[id(ln)])
                       else [ln])]
    stacked = _stacked([ln for ln in lines if ln.table is None])
    lines = _hang_tabs([ln for ln in lines if id(ln) not in stacked and _indented(ln)])
    for line in lines:
        line.glyphs = _word_spaces(line.glyphs)
    return lines, len(downwards) + len(stacked)


def _indented(line: Line) -> bool:
    """Leave out the ideographic spaces a line starts with — an indent typed (　　今天…):
    the line starts where its text does, as an indent set by position does. False where
    nothing is left."""
    k = next((k for k, g in enumerate(line.glyphs) if g.char != IDEOGRAPHIC_SPACE),
             len(line.glyphs))
    line.glyphs = line.glyphs[k:]
    return bool(line.glyphs)


_TAB_GAP = 0.5     # em: a gap this wide (no space drawn), and this much wider than the
#                    line's others, may be a tab's
_TAB_SPACED = 0.25  # em: after a drawn 全角 space, a gap this much wider than the others
_TAB_ALIGN = 0.1   # em: a text this near a neighbour's start stands at the same stop


def _text_left(g: Glyph) -> float:
    """Where a glyph starting a text stands: an opening mark's blank trimmed or kept."""
    if g.char in OPENING:
        return g.left + max(0.0, g.advance - g.size * g.scale / 2)
    return g.left


def _tab_after(glyphs: list[Glyph], k: int) -> bool:
    """Glyph k follows a label's separator, the gap before it standing out from the line's
    others (their median): a drawn 全角 space and a quarter of an em more, or a gap of half
    an em and as much more — a line spread evenly or set solid has no tab, whatever its
    typed spaces line up with (城东队　14胜4负 over 江北队　13胜5负)."""
    a, b = glyphs[k - 1], glyphs[k]
    if b.char == IDEOGRAPHIC_SPACE:
        return False
    gaps = _gaps(glyphs)
    others = gaps[:k - 1] + gaps[k:]
    usual = percentile(others, 50) if others else 0.0
    if a.char == IDEOGRAPHIC_SPACE:
        return gaps[k - 1] - usual >= _TAB_SPACED * b.size
    return gaps[k - 1] >= _TAB_GAP * b.size and gaps[k - 1] - usual >= _TAB_GAP * b.size


def _hang_tabs(lines: list[Line]) -> list[Line]:
    """Lines cut at a hanging list's tab stop: an item opened by a label — a timeline's
    date, a list's number — and a 全角 space (drawn, or a gap of half an em), the gap to its
    text standing out from the line's others (_tab_after), the text at the hang: where the
    line of its size below starts (the item's next line) or, after a drawn 全角 space,
    where a line above starts (the item runs on into the next column) or the text of a
    labelled line above or below starts (items of a line each). The label stands in the hang, a column of its own; the room from it to the hang
    is the tab's by design — neither a justification's spreading, which read the line's
    marks as squeezed, nor a hole — and each side is read as a line, as a line cut at a
    gutter is. A line is cut at its first stop only."""
    by_size: dict[float, list[tuple[float, Line]]] = {}
    for line in lines:
        by_size.setdefault(round(line.size, 1), []).append((line.baseline, line))
    for column in by_size.values():
        column.sort(key=lambda item: item[0])

    def texts(line: Line) -> list[float]:
        """Where the texts after the line's drawn 全角 spaces start."""
        g = line.glyphs
        return [_text_left(g[k]) for k in range(1, len(g))
                if g[k - 1].char == IDEOGRAPHIC_SPACE and _tab_after(g, k)]

    out: list[Line] = []
    for line in lines:
        g, size = line.glyphs, line.size
        tabs = [k for k in range(1, len(g)) if _tab_after(g, k)] if line.table is None else []
        if not tabs:  # (a table's cell is read as a cell, whatever it holds)
            out.append(line)
            continue
        column = by_size[round(size, 1)]
        lo = bisect.bisect_left(column, line.baseline - _REACH * size, key=lambda item: item[0])
        hi = bisect.bisect_right(column, line.baseline + _REACH * size, key=lambda item: item[0])
        below: list[float] = []  # the starts of the lines below
        spaced: list[float] = []  # where a drawn 全角 space's tab may stand
        for baseline, other in column[lo:hi]:
            if abs(baseline - line.baseline) < 0.9 * size \
                    or other.left >= line.right or other.right <= line.left:
                continue
            start = _text_left(other.glyphs[0])
            (below if baseline < line.baseline else spaced).append(start)
            spaced += texts(other)
        spaced += below
        cut = next((k for k in tabs if any(
            abs(_text_left(g[k]) - x) <= _TAB_ALIGN * size
            for x in (spaced if g[k - 1].char == IDEOGRAPHIC_SPACE else below))), None)
        if cut is None:
            out.append(line)
        else:
            out += [Line(g[:cut], line.page), Line(g[cut:], line.page)]
    return out


def _proportional(ch: str) -> bool:
    """A glyph of a proportional script's text: a letter, a figure, a sign or a mark that
    is not full width (a word space stands between two of these)."""
    return not _wide(ch) and ch not in BULLETS


def _word_spaces(glyphs: list[Glyph]) -> list[Glyph]:
    """The line with its word spaces found: many tools (spread, TeX, fpdf2 justifying) draw
    no space character for a word space, only a gap in the positions. A gap between two
    proportional glyphs is a word space where it is at least _WORD_SPACE em and
    _WORD_OVER em wider than the line's letter-spacing (the lower quartile of such gaps:
    letters outnumber spaces, and a line spread letter by letter has no quartile of narrow
    gaps) — a justified word space stretched however wide is still one; a narrower gap
    inside a word is letter-spacing (reported by _check_words). No word space stands
    beside a —— or …… (2021—2025): a gap there is letter-spacing."""
    pairs = [k for k in range(1, len(glyphs)) if not glyphs[k].space_before
             and _proportional(glyphs[k - 1].char) and _proportional(glyphs[k].char)
             and glyphs[k - 1].char not in DASHES and glyphs[k].char not in DASHES]
    if not pairs:
        return glyphs
    gaps = {k: _gap(glyphs[k - 1], glyphs[k]) for k in pairs}
    if len(gaps) >= 3:
        spacing = percentile(list(gaps.values()), 25)
    else:  # too few to show it (曝光8 s。, its one gap a word space): the line's Han's, spread
        # as its letters would be — none on a line set solid
        solid = [_gap(a, b) for a, b in zip(glyphs, glyphs[1:]) if _solid(a.char)
                 and _solid(b.char) and not b.space_before]
        spacing = percentile(solid, 50) if solid else 0.0
    floor = max(_WORD_SPACE, spacing + _WORD_OVER)
    out = list(glyphs)
    for k, gap in gaps.items():
        if gap >= floor:
            out[k] = replace(out[k], space_before=True, positioned=True)
            out[k - 1] = replace(out[k - 1], space_after=True)
    return out


def _gap(a: Glyph, b: Glyph) -> float:
    """The white between two glyphs on a line beyond a's advance, in a's em."""
    return (b.x - a.x - a.advance) / a.size


class _Column:
    """A block being gathered: its lines, its leftmost start and its rightmost end."""

    def __init__(self, line: Line):
        self.lines, self.left, self.right = [line], line.left, line.right

    def add(self, line: Line) -> None:
        self.lines.append(line)
        self.left, self.right = min(self.left, line.left), max(self.right, line.right)


def _blocks(lines: list[Line]) -> list[list[Line]]:
    """Lines of one column: one size, each below the last by a steady pitch, left edges
    within an indent of each other, overlapping horizontally. Lines are taken top down;
    a column whose last line is further above than a line can continue it is closed, and
    the open ones are found by size and left edge (cells 3.5 em wide), so the work stays
    near the number of lines however many columns a page holds."""
    blocks: list[_Column] = []
    cells: dict[tuple[float, int], list[_Column]] = {}

    def cell(size: float, left: float) -> tuple[float, int]:
        return size, math.floor(left / (3.5 * size))

    for line in sorted(lines, key=lambda ln: (-ln.baseline, ln.left)):
        size, best = line.size, None
        here = cell(size, line.left)
        for key in ((size, here[1] - 1), here, (size, here[1] + 1)):
            for column in list(cells.get(key, ())):
                last = column.lines[-1]
                step = last.baseline - line.baseline
                if step >= 2.6 * size:  # no later line can continue it: closed
                    cells[key].remove(column)
                    continue
                if not 0.9 * size < step:
                    continue
                if len(column.lines) > 1 and abs(
                        step - (column.lines[-2].baseline - last.baseline)) > 0.35 * size:
                    continue
                if abs(line.left - column.left) > 3.5 * size or line.left > column.right \
                        or line.right < column.left:
                    continue
                if best is None or step < best[0]:
                    best = (step, column, key)
        if best:
            _, column, key = best
            column.add(line)
            if cell(size, column.left) != key:
                cells[key].remove(column)
                cells.setdefault(cell(size, column.left), []).append(column)
        else:
            column = _Column(line)
            blocks.append(column)
            cells.setdefault(here, []).append(column)
    return [column.lines for column in blocks]


def _hung_end(line: Line) -> float:
    """Where the text before a line's last mark ends: the measure, where the line hangs
    that mark past it (a closing or stop mark, as many tools hang 。，)."""
    if len(line.glyphs) > 1 and (line.glyphs[-1].char in CLOSING
                                 or line.glyphs[-1].char in STOPS):
        before = line.glyphs[-2]
        return before.left + before.advance
    return line.set_right


def _reaches(line: Line, edge: float | None) -> bool:
    """Whether a line reaches the block's edge: its last mark set half width (its blank
    beyond the edge) or full width (its blank inside), or hung past the edge."""
    return edge is not None and min(abs(line.set_right - edge), abs(line.right - edge),
                                    abs(_hung_end(line) - edge)) <= _EDGE_TOLERANCE


def _edge(block: list[Line]) -> float | None:
    """The block's right edge: the furthest line end reached by at least two of its lines,
    a line hanging its last mark past the measure ending before that mark — where a line
    with no mark at its end ends there too (a mark ending a line short of the measure
    hangs nothing)."""
    plain = sorted(ln.set_right for ln in block if ln.set_right == ln.right)
    hung = [_hung_end(ln) for ln in block]
    ends = sorted((h if h != ln.set_right and _near(plain, h, _EDGE_TOLERANCE)
                   else ln.set_right for ln, h in zip(block, hung)), reverse=True)
    for i, end in enumerate(ends[:-1]):
        if end - ends[i + 1] <= _EDGE_TOLERANCE:
            return end
    return None


def _edges(blocks: list[list[Line]]) -> list[float | None]:
    """Each block's right edge (_edge); where too few of its lines reach one to tell (a
    column of two lines, the last of a paragraph short: 客  服  电  话 / 400-800-1234。),
    the edge of the nearest column to its left of its size and with its top level with its
    own (an article's columns share one measure), carried over by the columns' running left
    edges, if one of its lines ends there."""
    edges = [_edge(block) for block in blocks]
    known = sorted((e, i) for i, e in enumerate(edges) if e is not None)
    for j, block in enumerate(blocks):
        first = block[0]
        if edges[j] is not None or len(block) < 2:
            continue
        k = bisect.bisect_left(known, (first.left, -1))  # a bounded look along the row
        beside = [i for _, i in known[max(0, k - _LOOK_LEFT):k][::-1]
                  if blocks[i][0].size == first.size
                  and abs(blocks[i][0].baseline - first.baseline) < 1.5 * first.size]
        if not beside:
            continue
        i = beside[0]
        edge = edges[i] + _body_left(block) - _body_left(blocks[i])
        if any(_reaches(ln, edge) for ln in block):
            edges[j] = edge
    return edges


def _body_left(block: list[Line]) -> float:
    """Where the block's running lines start: the most common left edge of lines that do not
    open with a bullet (the smallest on a tie), so a first-line indent and a hanging indent
    both show as a paragraph's first line standing out from it."""
    lefts = [round(ln.set_left, 1) for ln in block if ln.glyphs[0].char not in BULLETS]
    if not lefts:
        return min(ln.left for ln in block)
    return min(set(lefts), key=lambda v: (-lefts.count(v), v))


def _shape(block: list[Line], edge: float | None) -> None:
    """Mark each line of a block: paragraph start and end, justified. A paragraph starts
    where a line stands out from the block's running left edge or opens with a bullet; a
    full-measure line at the block's top is taken to continue a paragraph from the column
    before."""
    body = _body_left(block)
    reaches = [_reaches(ln, edge) for ln in block]
    for i, line in enumerate(block):
        # a line opening with a mark starts at the body's edge whether the mark's blank is
        # trimmed or kept: （11月1日 set half an em left of it is no outdent (●森林防火期
        # before it was read as a paragraph's end, its 0.5 em a gap unmeasured)
        off = min(abs(line.left - body), abs(line.set_left - body))
        apart = off > 0.5 * line.size or line.glyphs[0].char in BULLETS
        line.apart = apart
        line.paragraph_start = apart or i == 0 and not (reaches[0] and len(block) > 1)
    for i, line in enumerate(block):
        nxt = block[i + 1] if i + 1 < len(block) else None
        line.paragraph_end = nxt.paragraph_start if nxt else not reaches[i]
        line.justified = reaches[i] and not line.paragraph_end and len(block) > 1


def _measure(block: list[Line], design: _Design, edge: float | None) -> None:
    """Each line's spacing against the page's designed spaces; a line of one character its
    paragraph runs on from is marked lone and measured by its room (`edge`: see _edges)."""
    for i, line in enumerate(block):
        line.solid_spacing, line.spacing, gaps = _spacing(line, design)
        line.spread = (line.spacing or 0.0) * line.size * gaps
        if sum(_content(g.char) for g in line.glyphs) == 1 and len(block) > 1 and (
                line.justified or edge is not None and _content(line.glyphs[-1].char)
                and (not line.paragraph_end or i == len(block) - 1)):
            _lone(line, edge)


def _lone(line: Line, edge: float) -> None:
    """A line holding one character that its paragraph runs on from (回 / 眸2021—2025年，:
    a line too short to end a paragraph, with no stop mark): it stands for a justified line
    whose one gap takes the whole of the measure's spare room, so its spacing is counted
    as that room in em (or its characters' spreading, where it is stretched to the edge)."""
    line.lone = line.justified = True
    line.paragraph_end = False
    if line.spacing is None:
        pairs = [(a, b) for a, b in zip(line.glyphs, line.glyphs[1:])
                 if a.char not in MARKS and b.char not in MARKS]
        gaps = [(b.x - a.x - a.advance) / a.size for a, b in pairs] or \
            [(edge - line.set_right) / line.size]
        line.spacing = sum(gaps) / len(gaps)


@dataclass(frozen=True)
class _Design:
    """The spaces a page sets by design, in em, read from its lines set at their natural
    width (not justified: paragraphs' last lines, ragged lines): between Han and Latin
    letters or figures, and between words."""

    han_latin: float = HAN_LATIN_EM
    word: float = WORD_SPACE_EM


def _designed(blocks: list[list[Line]]) -> _Design:
    """The page's designed Han–Latin space and word space: the median of each on its lines
    not justified, where there are at least three (a page setting none, 按照GB/T, reads
    0) and it is one a page could mean (a last line spread by a word spacing left over
    from the line before, as fpdf2 leaves one, reads 2.6 em a word space), else the
    customary ones. A Han–Latin gap under 0.05 em is a number set solid with its unit
    (5月18日), the other design a page has, not a sample of this one."""
    han_latin, word = [], []
    for block in blocks:
        for line in block:
            if line.justified:
                continue
            for a, b in zip(line.glyphs, line.glyphs[1:]):
                gap = _gap(a, b)
                if _han_latin(a, b):
                    han_latin.append(gap)
                elif _word_gap(a, b):
                    word.append(gap)
    solid_free = [g for g in han_latin if g >= 0.05]
    spaced = percentile(solid_free, 50) if len(solid_free) >= 3 else \
        0.0 if len(han_latin) >= 3 else HAN_LATIN_EM
    worded = percentile(word, 50) if len(word) >= 3 else WORD_SPACE_EM
    return _Design(spaced if spaced <= _DESIGN_MOST else HAN_LATIN_EM,
                   worded if _WORD_LEAST <= worded <= _DESIGN_MOST else WORD_SPACE_EM)


def _han_latin(a: Glyph, b: Glyph) -> bool:
    """A gap between a full-width character and a Latin letter or figure (按照 GB, 到 2分)."""
    return _solid(a.char) and _latin(b.char) or _latin(a.char) and _solid(b.char)


def _word_gap(a: Glyph, b: Glyph) -> bool:
    """A word space between two proportional glyphs, drawn or positioned."""
    return b.space_before and _proportional(a.char) and _proportional(b.char)


def _spacing(line: Line, design: _Design) -> tuple[float | None, float | None, int]:
    """(extra em per gap between full-width characters alone, extra em per gap over all the
    gaps a justification opens): between two full-width characters that are not marks, the
    gap itself; between Han and a Latin letter or figure, the gap less the page's designed
    Han–Latin space — or less none, for a number set solid with its unit (5月18日): of the
    two, the one leaving it nearest the line's own Han spreading (or nearest nothing on a
    line of one Han: 2011和ISO); at a word space among Han, the gap less the page's word
    space. Designed spaces and compressed marks are so left out, and a spreading that a
    composer puts into Han–Latin gaps (晨 3 时 at 0.48 em beside 凌晨 at 0.08) counts
    with the rest. On a line with no full-width character, the spreading between its
    letters (a fragment of a Latin word or an address alone) and its word spaces beyond the
    designed one — only the word spaces where its letters are set solid (running Latin
    text, justified by its word spaces: fpdf2, TeX). None: no such gap. Last, how many
    gaps the mean is over."""
    # a hole (Line.holes) is no spreading: it is marked as one
    pairs = [(a, b) for k, (a, b) in enumerate(zip(line.glyphs, line.glyphs[1:]), 1)
             if k not in line.holes]
    solid = [_gap(a, b) for a, b in pairs if not b.space_before and (
        _solid(a.char) and _solid(b.char) or _typed_space(a, b) or _typed_space(b, a))]
    words = [_gap(a, b) - design.word for a, b in pairs if _word_gap(a, b)]
    if not any(_solid(g.char) for g in line.glyphs):
        gaps = [_gap(a, b) for a, b in pairs if not b.space_before
                and all(_latin(c) or c in JOINERS for c in (a.char, b.char))]
        if words and not (gaps and percentile(gaps, 50) > _SPACED_FIGURE):
            gaps = []  # running Latin text justified by its word spaces: those are measured
        return None, _mean(gaps + words), len(gaps + words)
    own = _mean(solid) or 0.0
    mixed = []
    for gap in (_gap(a, b) for a, b in pairs if _han_latin(a, b)):
        spaced = abs(gap - design.han_latin - own) < abs(gap - own)
        # a number set solid with its unit and left solid (11月1日 on a line spread 0.19 em
        # a gap) is one unit, its gaps none the justification opens: left out, like a word's
        if spaced or abs(gap) > _SPACED_FIGURE:
            mixed.append(gap - design.han_latin if spaced else gap)
    return _mean(solid), _mean(solid + mixed + words), len(solid + mixed + words)


def _typed_space(a: Glyph, b: Glyph) -> bool:
    """An ideographic space beside a full-width character or a Latin letter or figure
    (or another one): the gap between them is one a justification opens, as between two
    Han characters — a typed space takes no designed Han–Latin space beside it."""
    return a.char == IDEOGRAPHIC_SPACE and (_solid(b.char) or _latin(b.char)
                                            or b.char == IDEOGRAPHIC_SPACE)


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


# -- the findings ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    """One place a proofreader would mark: the kind, where (mm from the trim box's top-left
    corner to the character's box), the line's text and what is wrong."""

    kind: str
    page: int
    x_mm: float
    y_mm: float
    line: str
    message: str
    em: float | None = None  # the measure found, in em: a loose line's extra per gap, a
    #                          mark's width, the letter-spacing opened in a figure or word

    def to_dict(self) -> dict:
        return {"kind": self.kind, "page": self.page, "x_mm": self.x_mm, "y_mm": self.y_mm,
                "line": self.line, "message": self.message, "em": _round(self.em)}


@dataclass(frozen=True)
class Table:
    """A table found on a page (see _tables): where its first row starts (mm, as a
    finding is placed), how many rows and cells, its first row's text."""

    page: int
    x_mm: float
    y_mm: float
    rows: int
    cells: int
    first_row: str

    def to_dict(self) -> dict:
        return {"page": self.page, "x_mm": self.x_mm, "y_mm": self.y_mm, "rows": self.rows,
                "cells": self.cells, "first_row": self.first_row}


KINDS = ("forbidden-start", "forbidden-end", "split-word", "split-number", "split-dash",
         "unit-break", "half-width-mark", "squeezed-mark", "ascii-mark", "spaced-figure", "spaced-word",
         "mark-pair", "wide-gap",
         "loose-line", "forced-line", "short-line", "pitch-change", "one-char-line",
         "one-char-last-line")


@dataclass
class TypographyReport:
    """The findings and figures of one file."""

    path: str
    pages: int = 0
    lines: int = 0
    justified: int = 0
    spacings: list[float] = field(default_factory=list)  # em, one per measured justified line
    scales: list[float] = field(default_factory=list)  # of each justified line set scaled
    address_breaks: int = 0  # URLs and e-mail addresses broken at a conventional point
    word_space_breaks: int = 0  # Latin breaks at an undrawn word space (_at_word_space)
    forced_breaks: int = 0  # of the unit breaks, inside a token longer than the measure
    unforced: list[float] = field(default_factory=list)  # spacings of lines not forced
    forced: list[Finding] = field(default_factory=list)  # each forced justified line
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    glyphs: int = 0  # characters drawn (spaces aside), read or not
    turned: int = 0  # of them, rotated (not upright as drawn nor as seen): not checked
    vertical: int = 0  # of them, set vertically (竖排): not checked
    invisible: int = 0  # characters drawn invisible (an OCR layer): not counted, not checked
    unread: list[tuple[int, str, int]] = field(default_factory=list)  # page, font, glyphs
    unloaded: list[tuple[int, str, int]] = field(default_factory=list)  # page, font, chars
    blank: list[int] = field(default_factory=list)  # pages drawing no text and no image
    pictured: list[int] = field(default_factory=list)  # pages drawing images but no text
    tables: list[Table] = field(default_factory=list)  # measured as cells, not lines

    @property
    def readable(self) -> bool:
        """Whether all the file's text could be read (and there is some): a file whose
        text cannot be read is not passed, whatever was found in the rest."""
        return self.glyphs > 0 and not self.unread and not self.unloaded

    @property
    def ok(self) -> bool:
        return not self.findings and self.readable

    def count(self, kind: str) -> int:
        return sum(f.kind == kind for f in self.findings)

    @property
    def unit_breaks_per_100_lines(self) -> float:
        return 100 * self.count("unit-break") / self.lines if self.lines else 0.0

    @property
    def chosen_unit_breaks_per_100_lines(self) -> float:
        """The same, less the forced ones (inside a token longer than the measure, which no
        composer sets whole): the last resorts a composer chose."""
        chosen = self.count("unit-break") - self.forced_breaks
        return 100 * chosen / self.lines if self.lines else 0.0

    @property
    def worst_forced(self) -> Finding | None:
        """The loosest forced line."""
        return max(self.forced, key=lambda f: f.em, default=None)

    def spacing_figures(self) -> dict:
        s, u = self.spacings, self.unforced
        return {"measured_lines": len(s), "p95_em": _round(percentile(s, 95)),
                "max_em": _round(max(s) if s else None),
                # the same over the lines whose looseness is their composer's choice, and
                # how many are not (forced: the next line's first unit cannot join them)
                "unforced_p95_em": _round(percentile(u, 95)),
                "unforced_max_em": _round(max(u) if u else None),
                "forced_lines": len(self.forced),
                "forced_max_em": _round(self.worst_forced.em if self.forced else None),
                # a line tracked in shows as negative spacing: the tightest is reported too
                "min_em": _round(min(s) if s else None),
                "over_0_15_em": sum(v > REPORTED_EM for v in s),
                "over_0_25_em": sum(v > LOOSE_EM for v in s),
                # glyphs set narrower or wider than their size (a copyfit of the line): not
                # looseness, but a proofreader sees it, so it is counted with its extremes
                "scaled_lines": len(self.scales),
                "narrowest": _round(min(self.scales, default=None)),
                "widest": _round(max(self.scales, default=None))}

    def to_dict(self) -> dict:
        return {"file": self.path, "ok": self.ok, "pages": self.pages, "lines": self.lines,
                "justified_lines": self.justified, "spacing": self.spacing_figures(),
                "counts": {k: self.count(k) for k in KINDS},
                "unit_breaks_per_100_lines": round(self.unit_breaks_per_100_lines, 2),
                "chosen_unit_breaks_per_100_lines":
                    round(self.chosen_unit_breaks_per_100_lines, 2),
                "address_breaks": self.address_breaks,
                "forced_unit_breaks": self.forced_breaks,
                "word_space_breaks": self.word_space_breaks, "glyphs": self.glyphs,
                "glyphs_not_checked": {"turned": self.turned, "vertical": self.vertical,
                                       "invisible": self.invisible,
                                       "unreadable": sum(n for _, _, n in
                                                         self.unread + self.unloaded)},
                "readable": self.readable,
                "pages_without_text": {"blank": self.blank, "images_only": self.pictured},
                "tables": [t.to_dict() for t in self.tables],
                "worst_forced_line": self.worst_forced.to_dict() if self.forced else None,
                "findings": [f.to_dict() for f in self.findings], "notes": self.notes}

    def to_json(self) -> str:
        # allow_nan=False: every figure is finite (see _round), so the output is JSON
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, allow_nan=False)

    def format(self) -> str:
        s = self.spacing_figures()
        em = lambda v: "n/a" if v is None else f"{v:.3f} em"  # noqa: E731
        out = [f"{self.path}: typography, {self.pages} page(s), {self.lines} line(s), "
               f"{self.justified} justified",
               f"  spacing per gap on justified lines: p95 {em(s['p95_em'])}, max "
               f"{em(s['max_em'])}, min {em(s['min_em'])}, {s['over_0_15_em']} over 0.15 em "
               f"({s['measured_lines']} measured)",
               f"  the same over lines not forced: p95 {em(s['unforced_p95_em'])}, max "
               f"{em(s['unforced_max_em'])}; forced lines (the next line's first unit does "
               f"not fit in their room): {s['forced_lines']}"
               + (f", the worst {em(s['forced_max_em'])} (page {self.worst_forced.page} "
                  f"{self.worst_forced.x_mm:.1f},{self.worst_forced.y_mm:.1f} mm | "
                  f"{self.worst_forced.line})" if self.forced else ""),
               f"  glyphs scaled on {s['scaled_lines']} justified line(s)"
               + (f": narrowest {s['narrowest']:.1%}, widest {s['widest']:.1%}"
                  if s["scaled_lines"] else ""),
               f"  unit breaks (last resort): {self.count('unit-break')}, "
               f"{self.unit_breaks_per_100_lines:.2f} per 100 lines; forced (inside a token "
               f"longer than the measure) {self.forced_breaks}, the rest "
               f"{self.chosen_unit_breaks_per_100_lines:.2f} per 100 lines; in an address "
               f"{self.address_breaks}",
               f"  Latin broken at a word space the PDF does not draw: "
               f"{self.word_space_breaks}"]
        for f in self.findings:
            out.append(f"  page {f.page} {f.x_mm:6.1f},{f.y_mm:6.1f} mm  {f.kind:18} "
                       f"{f.message}  | {f.line}")
        out += [f"note: {n}" for n in self.notes]
        counts = ", ".join(f"{k} {self.count(k)}" for k in KINDS if self.count(k))
        if not self.readable:
            out.append("FAILED: " + ("the text cannot be read, so it is not checked: "
                                     if self.unread or self.unloaded
                                     else "nothing to check: ")
                       + "see the notes" + (f"; {len(self.findings)} finding(s) in the rest: "
                                            f"{counts}" if self.findings else ""))
        else:
            out.append(("ok: no typographic findings" + (
                "; no horizontal text measured: see the notes"
                if not self.lines and not self.tables else ""))
                if self.ok else f"FAILED: {len(self.findings)} finding(s): {counts}")
        return "\n".join(out)


def _round(v: float | None) -> float | None:
    return None if v is None or not math.isfinite(v) else round(v, 3)


def percentile(values: list[float], p: float) -> float | None:
    """The p-th percentile, interpolated between neighbours (None for no values)."""
    if not values:
        return None
    v = sorted(values)
    k = (len(v) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


class _Page:
    """The findings of one page, placed in mm from the top-left corner of its trim box as
    the page is seen: a page with /Rotate is seen turned (clockwise by its angle), so its
    top-left corner is another corner of the box its text is set in."""

    def __init__(self, number: int, trim: tuple[float, float, float, float], rotation: int,
                 findings: list[Finding]):
        self.number, self.trim, self.rotation, self.findings = number, trim, rotation, findings

    def place(self, x: float, y: float) -> tuple[float, float]:
        """mm across and down from the seen page's top-left corner to the point (x, y)."""
        left, bottom, right, top = self.trim
        across, down = {90: (y - bottom, x - left), 180: (right - x, y - bottom),
                        270: (top - y, right - x)}.get(self.rotation, (x - left, top - y))
        return round(across * MM, 1), round(down * MM, 1)

    def mark(self, kind: str, line: Line, glyph: Glyph, message: str,
             context: str = "", value: float | None = None) -> Finding:
        found = self.finding(kind, line, glyph, message, context, value)
        self.findings.append(found)
        return found

    def finding(self, kind: str, line: Line, glyph: Glyph, message: str,
                context: str = "", value: float | None = None) -> Finding:
        """A finding placed on this page (kept by the caller, or not)."""
        return Finding(kind, self.number, *self.place(*_unturned(glyph.left, glyph.top,
                                                                 glyph.turn)),
                       context or line.text, message, value)


def _paragraph_text(block: list[Line], k: int, lead_in: str = "",
                    lead_out: str = "") -> tuple[str, str]:
    """The text of line k's paragraph up to the end of line k, and after it; `lead_in` and
    `lead_out` are the text of the paragraph in the column before the block and after it,
    where the block's first line continues one and its last line runs on."""
    a = k
    while a > 0 and not block[a - 1].paragraph_end:
        a -= 1
    b = k
    while b + 1 < len(block) and not block[b].paragraph_end:
        b += 1
    runs_on = b == len(block) - 1 and not block[b].paragraph_end
    return ((lead_in if a == 0 else "") + "".join(ln.text for ln in block[a:k + 1]),
            "".join(ln.text for ln in block[k + 1:b + 1]) + (lead_out if runs_on else ""))


def _address_breaks(block: list[Line], lead_in: str, lead_out: str) -> list[bool]:
    """Whether each break falls inside an address at a conventional point (so the line
    after it may start with its . or @, and the line before end with its /): item 0 is the
    break before the block (from the column before), item k + 1 the break after line k."""
    first = block[0].text + _paragraph_text(block, 0, "", lead_out)[1]
    out = [bool(lead_in) and address_break(lead_in, first)]
    for k, line in enumerate(block):
        before, after = _paragraph_text(block, k, lead_in, lead_out)
        out.append(bool(after) and not line.paragraph_end and address_break(before, after))
    return out


def _columns(blocks: list[list[Line]]) -> tuple[list[str], list[str], list[Line | None]]:
    """For each block, the text its first paragraph continues from the column before, and
    the text its last paragraph runs on into in the column after (empty where it does not):
    the nearest block to the left, of one size and with its top level with this one's (the
    columns of one article), whose last line runs on, is followed by one whose first line
    is not indented. An address broken at a column's foot is read whole; the third list
    is each block's next column's first line, for the break at its foot."""
    before = [-1] * len(blocks)
    by_size: dict[float, list[int]] = {}  # blocks by size, in the order of their last line's end
    for i in sorted(range(len(blocks)), key=lambda i: blocks[i][-1].right):
        by_size.setdefault(blocks[i][-1].size, []).append(i)
    ends = {size: [blocks[i][-1].right for i in ids] for size, ids in by_size.items()}
    for j, block in enumerate(blocks):
        first = block[0]
        if first.apart or first.size not in by_size:
            continue
        ids = by_size[first.size]
        # the blocks ending left of this one, nearest first: the first that runs on from a
        # top level with this one's is the column before (a bounded look along the row)
        k = bisect.bisect_right(ends[first.size], first.left)
        for i in ids[max(0, k - _LOOK_LEFT):k][::-1]:
            b = blocks[i]
            if i != j and not b[-1].paragraph_end \
                    and abs(b[0].baseline - first.baseline) < 1.5 * first.size:
                if before[j] < 0 or (b[-1].right, -b[-1].baseline) > (
                        blocks[before[j]][-1].right, -blocks[before[j]][-1].baseline):
                    before[j] = i
                if b[-1].right < blocks[before[j]][-1].right:
                    break
    claims: dict[int, list[int]] = {}
    for j, i in enumerate(before):
        if i >= 0:
            claims.setdefault(i, []).append(j)
    for i, js in claims.items():  # a column runs on into the nearest one to its right only
        nearest = min(js, key=lambda j: blocks[j][0].left)
        for j in js:
            if j != nearest:
                before[j] = -1
    _address_feet(blocks, before)
    _list_feet(blocks, before)
    lead_in = [_paragraph_text(blocks[i], len(blocks[i]) - 1)[0] if i >= 0 else ""
               for i in before]
    lead_out = [""] * len(blocks)
    following: list[Line | None] = [None] * len(blocks)
    for j, i in enumerate(before):
        if i >= 0:
            lead_out[i] = blocks[j][0].text + _paragraph_text(blocks[j], 0)[1]
            following[i] = blocks[j][0]
    return lead_in, lead_out, following


def _address_feet(blocks: list[list[Line]], before: list[int]) -> None:
    """The column before a column that opens with an address's . @ - _ … (the rest of an
    address broken before it, CMOS 7.42) where _columns found none level with its top: a
    hanging list's items spaced apart each make a block, and the item running on from
    the foot of the column before stands lower than this column's top. It is the block of
    its size ending to its left whose text runs on into this one as an address broken at a
    conventional point, in the nearest column, its lowest; its last line runs on (the
    address continues), whatever its own block's edge says of it. `before` is completed."""
    claimed = set(before)
    for j, block in enumerate(blocks):
        first = block[0]
        if before[j] >= 0 or first.apart or first.glyphs[0].char not in _ADDRESS_BREAK_BEFORE:
            continue
        text = first.text + _paragraph_text(block, 0)[1]
        feet = [i for i, b in enumerate(blocks)
                if i != j and i not in claimed and b[-1].size == first.size
                and b[-1].right <= first.left + 0.5 * first.size
                and address_break(_paragraph_text(b, len(b) - 1)[0], text)]
        if feet:
            i = max(feet, key=lambda i: (blocks[i][-1].right, -blocks[i][-1].baseline))
            before[j] = i
            claimed.add(i)
            blocks[i][-1].paragraph_end = False


_GUTTER_MOST = 3.0  # sizes: a column this far right of another's edge at most is the next


def _list_feet(blocks: list[list[Line]], before: list[int]) -> None:
    """The column before a column whose top line continues a paragraph (not indented, not
    bulleted, reaching the edge) where _columns found none level with its top: a list or
    a story's tail under a title in the column before (经济快报： above, its items running
    from the foot of one column into the top of the next) starts lower than this column's
    top. It is the lowest block of its size in the nearest column to its left (its edge
    within a gutter of this one), whose last line runs on: nothing stands under it in that
    column (above the story set under this one's columns, where there is one), the
    paragraph it ends is cut by the column's foot. `before` is completed."""
    claimed = set(before)
    # each test below looks at the blocks near one place: they are found through blocks
    # sorted by where they end and where their lines start (a window a little wider than
    # the test's, the test itself then applied as written), not by reading every block for
    # every block — a page of 30 000 glyphs set apart is 30 000 blocks
    body_lefts = [_body_left(b) for b in blocks]
    by_left = _Sorted(body_lefts)
    by_end: dict[float, _Sorted] = {}
    for size in {b[-1].size for b in blocks}:
        ids = [i for i, b in enumerate(blocks) if b[-1].size == size]
        by_end[size] = _Sorted([blocks[i][-1].right for i in ids], ids)
    for j, block in enumerate(blocks):
        first = block[0]
        if before[j] >= 0 or first.apart or first.paragraph_start:
            continue
        size = first.size
        if size not in by_end:
            continue
        ends = [blocks[i][-1].right for i in by_end[size].near(first.left - _GUTTER_MOST * size,
                                                               first.left)
                if i != j and 0 <= first.left - blocks[i][-1].right <= _GUTTER_MOST * size]
        if not ends:
            continue
        edge = max(ends)  # the column before: its blocks of this size, whatever their ends
        start = min(body_lefts[i] for i in by_end[size].near(edge - _EDGE_TOLERANCE,
                                                              edge + _EDGE_TOLERANCE)
                    if abs(blocks[i][-1].right - edge) <= _EDGE_TOLERANCE)
        # ... above the story set under this one, where one is: the first block under this
        # one in its own column marks where the column before ends too
        body = body_lefts[j]
        floor = max((blocks[i][0].baseline for i in by_left.near(body - size, body + size)
                     if i != j and abs(body_lefts[i] - body) <= size
                     and blocks[i][0].baseline < block[-1].baseline), default=-math.inf)
        column = [i for i in by_left.near(start - size, start + size)
                  if blocks[i][-1].size == size
                  and max(ln.right for ln in blocks[i]) <= edge + size
                  and abs(body_lefts[i] - start) <= size
                  and blocks[i][0].baseline > floor + size / 2]
        if not column:
            continue
        foot = min(column, key=lambda i: blocks[i][-1].baseline)
        if foot not in claimed and not blocks[foot][-1].paragraph_end \
                and abs(blocks[foot][-1].right - edge) <= _EDGE_TOLERANCE \
                and blocks[foot][-1].baseline < first.baseline:
            before[j] = foot
            claimed.add(foot)


class _Sorted:
    """Blocks (their indices, in order) by a key: those whose key lies between two values,
    a hair wider so that no test's own rounding at the window's edge leaves one out,
    returned in the order of their indices."""

    def __init__(self, keys: list[float], ids: list[int] | None = None):
        ids = list(range(len(keys))) if ids is None else ids
        pairs = sorted(zip(keys, ids))
        self.keys = [k for k, _ in pairs]
        self.ids = [i for _, i in pairs]

    def near(self, low: float, high: float) -> list[int]:
        hair = 1e-6 * max(1.0, abs(low), abs(high))
        a = bisect.bisect_left(self.keys, low - hair)
        b = bisect.bisect_right(self.keys, high + hair)
        return sorted(self.ids[a:b])


def _check_starts_and_ends(page: _Page, block: list[Line], breaks: list[bool]) -> None:
    for k, line in enumerate(block):
        first, last = line.glyphs[0], line.glyphs[-1]
        # an address broken before its . or @, or after its /, continues on the next line
        address = [breaks[k], breaks[k + 1]]
        # a paragraph may open with —— or ……, never with a closing or stop mark
        if first.char in NEVER_START and not (line.paragraph_start and first.char in _SOFT_START) \
                and not address[0] and not (k and _OPTION_START.match(line.text)):
            page.mark("forbidden-start", line, first, f"{first.char} starts the line")
        if last.char in NEVER_END and not address[1]:
            page.mark("forbidden-end", line, last, f"{last.char} ends the line")


def address_break(before: str, after: str) -> bool:
    """The break between `before` and `after` (the paragraph's text either side of it, an
    address may run over several lines) falls inside a URL or an e-mail address at a place
    one conventionally breaks (CMOS 7.42): before . @ - _ ? = & # ~ %, or after a slash
    that is not followed by another, or after a colon no slash or colon follows; or inside
    a program's identifier between its parts (identifier_joint)."""
    if identifier_joint(before, after):
        return True
    a, b = before[-1], after[0]
    if not (b in _ADDRESS_BREAK_BEFORE and a not in _ADDRESS_BREAK_BEFORE | {"/", ":"}
            or a == "/" and b not in _ADDRESS_BREAK_BEFORE | {"/"}
            or a == ":" and b not in _ADDRESS_BREAK_BEFORE | {"/", ":"}):
        return False
    head = _ADDRESS_CHARS.match(after)
    tail = [m for m in _ADDRESS_CHARS.finditer(before)]
    if not head or not tail or tail[-1].end() != len(before):
        return False
    joined = tail[-1].group() + head.group()
    cut = len(tail[-1].group())
    return any(m.start() < cut < m.end() for m in _ADDRESS.finditer(joined))


# A program's identifier: parts joined by underscores (max_retry_count) or three parts and
# more run together, each opened by a capital (HttpClientFactory); broken, as an address is,
# before an underscore (CMOS 7.42) or before a part's capital — two letters or more either
# side — never hyphenated (a hyphen would read as part of it). A brand of two parts (WeChat,
# PowerPoint) is a name: Chat / … after We is a word cut.
_IDENTIFIER_CHARS = re.compile(r"[A-Za-z0-9_]+")
_SNAKE_CASE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+")


def identifier_joint(before: str, after: str) -> bool:
    """Whether the break between `before` and `after` parts a program's identifier between
    two of its parts."""
    tail = re.search(r"[A-Za-z0-9_]+$", before[-64:])
    head = _IDENTIFIER_CHARS.match(after)
    if not tail or not head:
        return False
    left, right = tail.group(), head.group()
    word = left + right
    if len(left) < 2 or len(right) < 3:
        return False
    if right.startswith("_"):
        return bool(_SNAKE_CASE.fullmatch(word))
    humps = sum(1 for x, y in zip(word, word[1:]) if x.islower() and y.isupper())
    return left[-1].islower() and right[0].isupper() and humps >= 2 and word.isalnum() \
        and word.isascii()


def break_kind(before: str, after: str) -> str | None:
    """What a break between the text `before` and the text `after` cuts apart, if anything:
    split-dash, split-number, unit-break or split-word (an address broken where one
    conventionally is: see address_break)."""
    a, b = before[-1], after[0]
    if a in RANGE_DASHES and b in "+−-±" and after[1:2].isdecimal():
        b, after = after[1], after[1:]  # a signed second figure: −0.12%～ / +0.35%
    digit_before = len(before) > 1 and before[-2].isdecimal()
    # a range of figures with their unit signs, 15%—20%, 3℃～5℃: its dash follows the sign
    signed = len(before) > 2 and before[-2] in _RANGE_SIGNS and before[-3].isdecimal()
    if a in DASHES and b == a:
        return "split-dash"
    digit_after = len(after) > 1 and after[1].isdecimal()
    if a in RANGE_DASHES | HYPHENS and b.isdecimal() and digit_before:
        if standard_number_ends(before):
            # GB/T 15834— / 2011: cut before its year, the designation's last resort after
            # its space; ISO 12647- / 3, cut before its part: one number split
            return "unit-break" if a in RANGE_DASHES and _year(after) else "split-number"
        if _range(before[:-1]):
            # 2021— / 2025年, 2021- / 2025: a range's last resort (2 of 9 characters)
            return "unit-break"
    if a in RANGE_DASHES and b.isdecimal() and signed and _range(before[:-2]):
        return "unit-break"  # 15%— / 20%
    if a in HYPHENS and b.isdecimal() and len(before) > 1 and before[-2].isalpha() \
            and _latin(before[-2]):
        return "split-word"  # COVID- / 19, PDF/X- / 1a: a code cut at its own hyphen
    if b in TOLERANCE and digit_after and (a.isdecimal() or a in _RANGE_SIGNS and digit_before):
        return "split-number"  # 14.6 / ±0.5 mmHg, 15℃ / ±1℃: a value from its tolerance
    if a == "秒" and digit_before and _HUNDREDTHS.match(after):
        return "split-number"  # 1分23秒 / 45: a race's time from its hundredths
    if a == "@" and b.isalpha():
        return "split-word"  # 网友@ / 数码老张: a mention's @ from the name it marks
    if a.isdecimal() and (b.isdecimal() or b in NUMBER_AFTER or b in NUMBER_INSIDE
                          or b in HYPHENS | RANGE_DASHES and digit_after) \
            or b.isdecimal() and (a in NUMBER_SIGNS_BEFORE or a in HYPHENS
                                  or a in NUMBER_INSIDE | RANGE_DASHES | NUMBER_MARKS_INSIDE
                                  and digit_before):
        return "split-number"
    if digit_before and a in _NEXT_MAGNITUDE and _NEXT_MAGNITUDE[a].match(after):
        return "split-number"  # 3亿 / 5000万元: one amount written in two magnitudes
    if digit_before and a + b in ("万亿", "千万", "千亿"):
        return "split-number"  # 1.2万 / 亿元: a magnitude of two characters cut
    for word in MEASURE_WORDS:  # 3 / 小时, 32微 / 克: before a unit of two or more, or inside
        for k in range(len(word)):
            number = before[:len(before) - k].rstrip("万亿千余多")
            if before.endswith(word[:k]) and after.startswith(word[k:]) and number \
                    and number[-1].isdecimal() and not _coded(number) \
                    and not standard_number_ends(number):
                return "unit-break"
    number = before.rstrip("万亿千余多")
    if number and number[-1].isdecimal() and b in UNITS and not _coded(number) \
            and not standard_number_ends(number) \
            and not (b in _CALENDAR and _EQUATION_VALUE.search(number)):
        return "unit-break"
    if (a.isdecimal() or a in _RAISED_DIGITS) and _UNIT_SYMBOL.match(after) \
            and not _coded(before) \
            and not standard_number_ends(before):
        return "unit-break"
    if a in "年月" and b.isdecimal() and _in_date(before, after):
        return "unit-break"  # 2025年 / 5月, 11月 / 1日
    if (_latin(a) or a in JOINERS) and (_latin(b) or b in JOINERS):
        return "split-word"
    if a in INTERPUNCTS and len(before) > 1 and _latin(before[-2]) and _latin(b):
        return "split-word"  # 沪A· / 12345
    return None


# An amount written in magnitudes, the larger first (3亿5000万元, 1万2千人): after 亿 a
# number of 万 or 千, after 万 one of 千, is the same amount's next part
_NEXT_MAGNITUDE = {"亿": re.compile(r"\d[\d,.]*[万千]"), "万": re.compile(r"\d[\d,.]*千")}


def _year(after: str) -> bool:
    """Whether `after` opens with a year, four digits alone (GB/T 15834— / 2011的规定)."""
    return after[:4].isdecimal() and len(after[:4]) == 4 and not after[4:5].isdecimal()


def _in_date(before: str, after: str) -> bool:
    """Whether the cut between `before` and `after` falls inside a date (11月 / 1日)."""
    tail, head = before[-8:], after[:8]
    return any(m.start() < len(tail) < m.end() for m in _DATE.finditer(tail + head))


def _coded(before: str) -> bool:
    """Whether the number ending `before` is part of a code a letter runs into (PM2.5,
    G20, A320): a name, which takes no measure word (PM2.5 / 年均浓度 cuts no unit; nor
    does a standard's number, GB/T 2260—2007 / 行政区划, told by standard_number_ends)."""
    head = before.rstrip("0123456789.,")
    return len(head) < len(before) and bool(head) and _latin(head[-1])


def _range(before: str) -> bool:
    """Whether the number ending `before` opens a range (2021—2025, 2021-2025, 18:00—20:00,
    5～10) rather than being a model's number (A320-200, iPhone15-): a number that no
    letter, code sign or word space runs into. (A standard's number is told apart first,
    by standard_number_ends.)"""
    head = before.rstrip("0123456789.,:")
    if len(head) == len(before):
        return False
    head = head.removesuffix(" ")
    return not head or not (_latin(head[-1]) or head[-1] in JOINERS | HYPHENS)


# A standard's number, the one definition the meter reads: a code, a space, the number, a
# dash or hyphen and the year or part — the designation as GB/T 15834—2011 prints its own
# (GB/T 15834—2011, GB 50157—2013, ISO 12647-3, ISO 9001:2015, the space sometimes left
# out). The codes: international bodies, and China's national (GB), military (GJB) and
# industry codes, whose recommended and guidance documents add /T and /Z (GB/Z 20000, JT/T
# 1234, ISO/IEC 27001). It is one number: broken after its dash it is split (GB/T 15834— /
# 2011), unlike a range (2021— / 2025年); the word space after its code is where it may
# break, and a break there, where the PDF draws no space, is a break at that space.
_STANDARD_CODE = re.compile(r"(?:(?:ISO|IEC|ITU-[TR]|IEEE|ANSI|ASTM|DIN|EN|BS|JIS|GB|GJB)"
                            r"(?:/(?:ISO|IEC|IEEE|ASTM|TS|TR|PAS))*(?:/[TZ])?"
                            r"|[A-Z]{1,5}\d*(?:/[A-Z]{1,5}\d*)+)")
_STANDARD_NUMBER_END = re.compile(rf"(?<![A-Za-z])(?:{_STANDARD_CODE.pattern}) ?"
                                  r"\d+(?:\.\d+)*(?:[-‐—–:]\d*)?$")


# A book's or a serial's identifier, printed as its scheme, a space and its number: ISBN
# 978-7-02-000220-7 (ISO 2108, GB/T 5795), ISSN 1000-0135 (ISO 3297), CN 11-1234/G2 (GB/T
# 9999.1, the 国内统一连续出版物号). One designation, as a standard's is: broken at its space
# it is broken at its last resort.
_IDENTIFIER_SCHEME = re.compile(r"ISBN|ISSN|CN")
# ... and where such a number, of four groups or more, is broken after a hyphen between two
# of them: the line ends on the scheme, its space and whole groups, a hyphen after each
_IDENTIFIER_GROUPS = re.compile(r"(?:ISBN|ISSN) ?(?:\d+-)+$")


def standard_number_ends(text: str) -> bool:
    """Whether `text` ends inside a standard's number, after its code (按照GB/T 15834—,
    ISO 12647-, GB 50157): only its tail is looked at, a designation is short."""
    return _STANDARD_NUMBER_END.search(text[-40:]) is not None


# A command line's option (pip install -e ., --upgrade): a hyphen at a word's start, which
# UAX #14 LB20a holds to its letter — a run that holds one is a command, its words whole
_OPTION = re.compile(r"(?:^|\s)--?[A-Za-z]")
# ... which may open a line after a word space (UAX #14 LB18): a long one, or a hyphen and
# one letter (POSIX.1-2017 XBD 12.2: --upgrade, -e), or a Windows switch (/all), never a
# hyphen before a word or a figure (Wi / -Fi, ISO 12647 / -3: cut)
_OPTION_START = re.compile(r"--[A-Za-z]|-[A-Za-z](?![A-Za-z0-9])|/[A-Za-z]+(?![A-Za-z0-9/.\\])")
_LATIN_TEXT = 2 / 3  # a line this much of proportional glyphs, with two word spaces or
#                     more, is running Latin text


def _run(glyphs: list[Glyph]) -> str:
    """The text of a run of proportional glyphs, word spaces read in."""
    return "".join((" " if g.space_before and n else "") + g.char for n, g in enumerate(glyphs))


def _tail_run(line: Line) -> list[Glyph]:
    g = line.glyphs
    k = len(g)
    while k > 0 and _proportional(g[k - 1].char):
        k -= 1
    return g[k:]


def _head_run(line: Line) -> list[Glyph]:
    g = line.glyphs
    k = 0
    while k < len(g) and _proportional(g[k].char):
        k += 1
    return g[:k]


def _at_word_space(line: Line, nxt: Line, words: frozenset[str] = frozenset(),
                   edge: float | None = None) -> str | None:
    """Whether a break between two Latin glyphs that the PDF draws no space at is at a word
    space all the same (where the PDF draws none mid-line either, the break shows none):
    'code' after a standard's code before its number (GB/T / 15834—2011: the space of one
    designation, a last resort); 'identifier' after an ISBN's, ISSN's or CN's scheme before
    its number (ISBN / 978-7-02-000220-7: the same); 'designation' after a name the page
    prints before a number across a word space (RTX / 4080 beside RTX 4090: the same);
    'space' between a word and a capital (São / Paulo, Buenos
    / Aires: a word does not turn to capitals inside) or inside running Latin text — the
    runs either side both hold word spaces, or either line is mostly Latin — where a
    composer hyphenates a word it splits, or after a word that a justified line ends with
    by its composer's choice (_chosen_end: squeezed to hold it, or with room left for the
    next letter), as no composer cutting words wherever the measure runs out sets a line.
    None (a split) for a break inside one word or a
    code set among Han (iPho / ne15, USB / 3.0, New Yo / rk), before a capital after a
    fragment that cannot stand as a word (i / Phone, e / Bay, Mc / Donald: one letter, or
    no vowel), and wherever the two fragments make a word the page prints whole elsewhere
    (`words`: We / Chat beside WeChat)."""
    tail, head = _tail_run(line), _head_run(nxt)
    if not tail or not head or head[0].char in JOINERS:
        return None
    last_word = _run(tail).rsplit(" ", 1)[-1]
    if tail[-1].char in JOINERS and not _sentence_end(last_word, _run(head)):
        return None  # GB/ / T, editor@ / example: a joiner joins what it stands between
    if head[0].char.isdecimal() and _STANDARD_CODE.fullmatch(last_word):
        return "code"
    if head[0].char.isdecimal() and _IDENTIFIER_SCHEME.fullmatch(last_word):
        return "identifier"
    if head[0].char.isdecimal() and last_word + " " in words:
        return "designation"  # RTX / 4080 where the page prints RTX 4090
    if _joined(last_word, _run(head)) in words:
        return None
    if tail[-1].char.islower() and head[0].char.isupper():
        return "space" if _lone_word(last_word) else None
    if _OPTION.search(_run(tail)) or _OPTION.search(_run(head)):
        return "space"  # a command line (pip install --upgrade pip): its words are never cut
    if any(g.space_before for g in tail[1:]) and any(g.space_before for g in head[1:]):
        return "space"
    if any(sum(_proportional(g.char) for g in ln.glyphs) >= _LATIN_TEXT * len(ln.glyphs)
           and sum(g.space_before for g in ln.glyphs[1:]) >= 2 for ln in (line, nxt)):
        return "space"
    # between two letters only: a code's letters and figures (USB / 3.0) are typed solid
    # as often as spaced, its break UAX #14's AL × NU
    return "space" if tail[-1].char.isalpha() and head[0].char.isalpha() \
        and _lone_word(last_word) and _chosen_end(line, head[0], edge) else None


def _chosen_end(line: Line, after: Glyph, edge: float | None) -> bool:
    """Whether a justified line ends where its composer chose to end it, not where its
    measure ran out: it is squeezed to hold its last word (its gaps closed up by 0.05 em
    or more in all, or its glyphs set narrower than their size: 4% narrower to keep
    （dexmedetomidine whole, tracked in to keep （phở), or, set at its natural width, it
    leaves room for the glyph starting the next line (`after`). A composer that cuts a
    word wherever the measure runs out fills its line with the word's letters and
    neither squeezes nor leaves room; one that breaks at a word space does both."""
    if not line.justified:
        return False
    last = line.glyphs[-1]
    if line.spread < -0.05 * line.size or last.scale < 1 - _SCALED:
        return True
    return edge is not None and edge - (line.set_right - line.spread) >= after.advance


_VOWELS = set("aeiouy")


def _lone_word(word: str) -> bool:
    """Whether a Latin fragment can end a word of its own: a word with a figure, two letters
    or more of which (in Latin letters) one a vowel, any accent aside (São, Buenos, New,
    15); not one letter (i / Phone, e / Bay) nor a run without a vowel (Mc / Donald)."""
    letters = [c for c in word if c.isalpha()]
    if any(c.isdecimal() for c in word) or not letters:
        return True
    if len(letters) < 2:
        return False
    latin = [unicodedata.normalize("NFD", c)[0].lower() for c in letters
             if unicodedata.name(c, "").startswith("LATIN")]
    return not latin or any(c in _VOWELS for c in latin)


def _joined(last_word: str, head: str) -> str:
    """The word a break would have cut: the fragment before it and the one after it."""
    return last_word.rstrip("-‐") + re.split(r"[\s,.;:!?)]", head, maxsplit=1)[0]


def page_words(lines: list[Line]) -> frozenset[str]:
    """The Latin words a page prints whole on a line (iPhone, WeChat, long-term), by which a
    break is told to cut one: runs of letters, figures and hyphens between anything else;
    and, each with its space after it, the names it prints before a number across a word
    space (`RTX ` of RTX 4090, `iOS ` of iOS 18.2): a designation, by which a break after
    the name before a number (RTX / 4080) is told to be at its space."""
    out = set()
    for line in lines:
        latin = "".join(c if _latin(c) or c in "-‐'’" else " " for c in line.text)
        out.update(w.strip("-‐'’") for w in latin.split())
        out.update(m.group(1) + " " for m in _DESIGNATION.finditer(line.text))
    return frozenset(out)


# A name before its model or version number across a word space: a capital in it
_DESIGNATION = re.compile(r"(?<![A-Za-z0-9\-])([A-Za-z][A-Za-z0-9\-]*[A-Z][A-Za-z0-9\-]*"
                          r"|[A-Z][A-Za-z0-9\-]*) (?=\d)")


def _hyphenation(line: Line, nxt: Line, words: frozenset[str]) -> str | None:
    """What is wrong with a line ending in a hyphen between two letters (a word hyphenated
    by its composer), or None where nothing is: a word is hyphenated between fragments of
    two letters or more, at a point Liang's patterns give for it (pyphen, the dictionaries
    TeX and LibreOffice use, of the word's script) — or anywhere, for a word they know no
    point in (a compound's own hyphen, long-term; a foreign word); a word with a capital
    inside or no lower-case letter (iPhone, McDonald, COVID: a name or a code) is not
    hyphenated at all. A hyphenated word the page prints whole elsewhere with this hyphen
    (state-owned) is broken at its own hyphen."""
    g = line.glyphs
    if len(g) < 2 or g[-1].char not in HYPHENS or not g[-2].char.isalpha() \
            or not nxt.glyphs[0].char.isalpha():
        return None
    before = _run(_tail_run(line)).rsplit(" ", 1)[-1][:-1]
    after = re.split(r"[^\w'’-]", _run(_head_run(nxt)), maxsplit=1)[0]
    left = re.split(r"[^\w'’]", before)[-1]
    right = re.split(r"[^\w'’]", after)[0]
    whole = left + right
    if f"{before}-{after}" in words or f"{left}-{right}" in words:
        return None
    if any(c.isupper() for c in whole[1:]) or not any(c.islower() for c in whole):
        return f"{left}-{right} hyphenated: a name or a code is not broken"
    if len([c for c in left if c.isalpha()]) < 2 or len([c for c in right if c.isalpha()]) < 2:
        return f"{left}-{right} hyphenated leaving a letter alone"
    points = _hyphen_points(whole.lower())
    if points and len(left) not in points:
        return (f"{left}-{right} hyphenated where the word does not break "
                f"({_show_points(whole, points)})")
    return None


_PATTERNS_BY_SCRIPT = {"GREEK": "el_GR", "CYRILLIC": "ru_RU"}  # Latin letters: en_US


def _hyphen_points(word: str) -> tuple[int, ...]:
    """Where Liang's patterns break a word: those of its script's language, and for Latin
    letters beyond ASCII (Straßenbahnhaltestelle, Düsseldorf) a point any dictionary whose
    patterns hold all of them gives (German's for ß), English's where none does."""
    script = unicodedata.name(next((c for c in word if c.isalpha()), "a"), "").split(" ")[0]
    beyond = {c for c in word if c.isalpha() and not c.isascii()}
    langs = [lang for lang, letters in _pattern_letters().items()
             if beyond <= letters] if script == "LATIN" and beyond else []
    if langs:
        return tuple(sorted({k for lang in langs for k in _pyphen(lang).positions(word)}))
    return tuple(_pyphen(_PATTERNS_BY_SCRIPT.get(script, "en_US")).positions(word))


@lru_cache(maxsize=None)
def _pattern_letters() -> dict[str, frozenset[str]]:
    """Each of pyphen's dictionaries (one name for each file) and the Latin letters beyond
    ASCII its patterns hold, read from the file (its first line names its encoding)."""
    out: dict[str, frozenset[str]] = {}
    for lang, path in sorted(pyphen.LANGUAGES.items()):
        if any(pyphen.LANGUAGES[seen] == path for seen in out):
            continue
        data = Path(path).read_bytes()
        try:
            text = data.decode(data.split(b"\n", 1)[0].strip().decode("ascii"), "replace")
        except (LookupError, UnicodeDecodeError):
            text = data.decode("utf-8", "replace")
        out[lang] = frozenset(c for c in text.lower() if c.isalpha() and not c.isascii()
                              and unicodedata.name(c, "").startswith("LATIN"))
    return out


@lru_cache(maxsize=None)
def _pyphen(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=lang, left=2, right=2)


def _show_points(word: str, points: tuple[int, ...]) -> str:
    return "-".join(word[a:b] for a, b in zip((0, *points), (*points, len(word))))


def _sentence_end(last_word: str, head: str) -> bool:
    """Whether a full stop ending `last_word` ends a sentence, the next line starting the
    next with a capital (text. / Hello), rather than joining a code or an address
    (example. / com, www.example. / Com is still an address)."""
    if not last_word.endswith(".") or not head[:1].isupper():
        return False
    joined = last_word + head.split(" ", 1)[0]
    return not any(m.start() < len(last_word) < m.end() for m in _ADDRESS.finditer(joined))


# Full-width letters, figures and hyphen-minus (U+FF10–FF19, FF21–FF3A, FF41–FF5A, FF0D)
# as their ASCII forms: the characters they are, set wide
_FOLD = str.maketrans({**{chr(0xFF10 + k): chr(0x30 + k) for k in range(10)},
                       **{chr(0xFF21 + k): chr(0x41 + k) for k in range(26)},
                       **{chr(0xFF41 + k): chr(0x61 + k) for k in range(26)},
                       "\uff0d": "-"})


def _folded(text: str) -> str:
    return text.translate(_FOLD)


_BREAK_MESSAGES = {"split-dash": "{a}{a} broken", "split-number": "a number broken",
                   "unit-break": "a number cut from its unit",
                   "split-word": "a word broken without a hyphen"}


def _check_break(page: _Page, line: Line, nxt: Line, address: bool,
                 report: TypographyReport, words: frozenset[str], long: bool,
                 edge: float | None = None) -> None:
    """What the break between a line and the next line of its paragraph cuts apart. An
    address broken at a conventional point and a standard's number or an identifier (ISBN)
    broken at its space are last-resort breaks, counted with the unit breaks (said to be forced where the address or
    the number, whole, is longer than the measure)."""
    if line.glyphs[-1].space_after or nxt.glyphs[0].space_before:
        return  # broken at a space the PDF draws
    where = f"{line.text} / {nxt.text[:8]}"
    if address:
        report.address_breaks += 1
        last = line.glyphs[-1].char
        _last_resort(page, line, report, long, where,
                     "an identifier broken between its parts"
                     if identifier_joint(_folded(line.text), _folded(nxt.text))
                     else f"an address broken after its {last}" if last in "/／:"
                     else f"an address broken before its {nxt.glyphs[0].char}")
        return
    # full-width letters and figures (ＬＯＴ２０２５１２０１, ＺＪ－０１８) are a word, a
    # code or a number as their ASCII forms are, and broken where those are
    text, head = _folded(line.text), _folded(nxt.text)
    kind = break_kind(text, head)
    message = _BREAK_MESSAGES.get(kind, "")
    if kind and _IDENTIFIER_GROUPS.search(text) and head[:1].isalnum():
        # ISBN 978-957- / 08-6123-4: an identifier too long for its line, broken where its
        # groups part (ISO 2108), not before its check digit — its space's last resort
        _last_resort(page, line, report, long, where,
                     "an identifier broken after a hyphen between its groups")
        return
    if kind == "split-number" and _lettered(text, head) \
            and _at_word_space(line, nxt, words, edge) == "space":
        # a figure glued to a letter is a word's (chess moves, 1.e4 e5 / 2.Nf3 Nc6): between
        # two runs of such words, each with its word spaces, the break is at one
        report.word_space_breaks += 1
        return
    if kind is None:
        message = _hyphenation(line, nxt, words) or ""
        kind = "split-word" if message else None
    elif kind == "split-word" and text[-1] in HYPHENS:
        message = "a code broken at its hyphen"
    elif kind == "split-word" and text[-1] == "@" and not _latin(head[0]):
        message = "an @ parted from the name it marks"
    elif kind == "split-word" and not (_wide(line.text[-1]) or _wide(nxt.text[0])):
        # (a code in full-width letters has no word space to break at)
        space = _at_word_space(line, nxt, words, edge)
        if space in ("code", "identifier", "designation"):
            _last_resort(page, line, report, long, where, {
                "code": "a standard's number broken at its space",
                "identifier": "an identifier broken at its space",
                "designation": "a name broken from its model number at its space"}[space])
            return
        if space:
            report.word_space_breaks += 1
            return
    elif kind == "unit-break" and text[-1] in RANGE_DASHES and standard_number_ends(text):
        _last_resort(page, line, report, long, where,
                     "a standard's number broken before its year")
        return
    elif kind == "unit-break" and text[-1] in RANGE_DASHES | HYPHENS:
        message = "a range broken after its dash"
    elif kind == "unit-break" and text[-1] in "年月":
        message = f"a date cut after its {'year' if text[-1] == '年' else 'month'}"
    elif kind == "unit-break":  # a number cut from its unit: forced where, whole, it is
        last = text.rstrip("万亿千余多")[-1]  # longer than the measure
        if not (last.isdecimal() or last in _RAISED_DIGITS):  # (10⁸ / km: cut from it)
            message = "a number's unit cut inside"  # 32微 / 克: worse than 32 / 微克
        _last_resort(page, line, report, long, where, message)
        return
    if kind:
        # a token no line holds whole is split all the same (no standard lets a number or
        # a code break), but not by its composer's choice: said so
        page.mark(kind, line, line.glyphs[-1], message.format(a=line.text[-1])
                  + (" (longer than the measure)" if long else ""), where)


def _lettered(before: str, after: str) -> bool:
    """Whether the digits either side of a break are each a word's, a letter glued to them
    (e5 / 2.Nf3), never a number's alone (12 480 / 000)."""
    last = re.search(r"[A-Za-z0-9.]+$", before)
    first = re.match(r"[A-Za-z0-9.]+", after)
    return bool(last and first) and any(c.isalpha() for c in last.group()) \
        and any(c.isalpha() for c in first.group())


def _last_resort(page: _Page, line: Line, report: TypographyReport, long: bool, where: str,
                 message: str) -> None:
    """A break inside a token at a place it may break as a last resort: a unit break, forced
    where the token is `long` (longer than the measure: it could be set whole on no line)."""
    if long:
        report.forced_breaks += 1
        message += " (longer than the measure)"
    page.mark("unit-break", line, line.glyphs[-1], message, where)


def _last_word(line: Line) -> list[Glyph]:
    tail = _tail_run(line) or _wide_code(line.glyphs[::-1])[::-1]
    return tail[max((k for k, g in enumerate(tail) if g.space_before), default=0):]


def _first_word(line: Line) -> list[Glyph]:
    head = _head_run(line) or _wide_code(line.glyphs)
    return head[:next((k for k, g in enumerate(head) if k and g.space_before), len(head))]


def _wide_code(glyphs: list[Glyph]) -> list[Glyph]:
    """The run of full-width letters and figures the glyphs start with (ＬＯＴ２０２５)."""
    k = 0
    while k < len(glyphs) and _wide(glyphs[k].char) and _latin(_folded(glyphs[k].char)):
        k += 1
    return glyphs[:k]


def _token_width(block: list[Line], i: int, nxt: Line, breaks: list[bool]) -> float:
    """pt of the token a break after block[i] may cut: the run of Latin glyphs either side of
    it, and, through lines it fills from end to end, the pieces of an address broken over
    more lines (`breaks`: whether each break is inside an address)."""
    if nxt.glyphs[0].char in UNITS and _last_word(block[i]):
        # a figure and its unit (1,234,567,890.12 / 元), at their natural width: a figure
        # alone on its line is set wider to fill it
        return sum(g.advance / g.scale for g in [*_last_word(block[i]), nxt.glyphs[0]])
    width = sum(g.advance for g in _last_word(block[i]) + _first_word(nxt))
    j = i
    while j > 0 and breaks[j] and len(_last_word(block[j])) == len(block[j].glyphs):
        j -= 1
        width += sum(g.advance for g in _last_word(block[j]))
    k = i + 1
    while k + 1 < len(block) and block[k] is nxt and breaks[k + 1] \
            and len(_first_word(nxt)) == len(nxt.glyphs):
        k, nxt = k + 1, block[k + 1]
        width += sum(g.advance for g in _first_word(nxt))
    return width


def _check_marks(page: _Page, line: Line) -> None:
    """Mid-line marks: a lone 。，、；：？！ keeps its em; two adjacent marks take 1.5 em."""
    g = line.glyphs
    # the justification's own spreading between full-width characters, pt
    extra = (line.solid_spacing if line.solid_spacing is not None else line.spacing or 0.0) \
        * line.size
    for k in range(len(g) - 1):
        mark, after = g[k], g[k + 1]
        em = mark.size * mark.scale  # a mark on a line set narrower is as wide as its line's
        before_mark = k > 0 and g[k - 1].char in MARKS
        if mark.char in MID_LINE_FULL and after.char not in MARKS and not before_mark:
            width = (after.x - mark.x - extra) / em
            if width < _FULL_MARK:
                page.mark("half-width-mark" if width <= _HALF_MARK else "squeezed-mark", line,
                          mark, f"{mark.char} set at {width:.2f} em mid-line", value=width)
        if mark.char in MARKS and after.char in MARKS and k + 2 < len(g) \
                and g[k + 2].char not in MARKS and not before_mark \
                and not (mark.char in "？！" and after.char in "？！"):
            width = (g[k + 2].x - mark.x - 2 * extra) / em
            if abs(width - 1.5) > 0.15:
                page.mark("mark-pair", line, mark,
                          f"{mark.char}{after.char} set at {width:.2f} em, not 1.5",
                          value=width)


def _check_holes(page: _Page, line: Line) -> None:
    """A hole inside a justified line (Line.holes): marked at the glyph after it. (On a
    line set short, a roll's names in a row, a head, a gap may be the design's.)"""
    if not line.justified:
        return
    for k in sorted(line.holes):
        a, b = line.glyphs[k - 1], line.glyphs[k]
        gap = (b.left - a.left - a.advance) / max(a.size, b.size)
        page.mark("wide-gap", line, b, f"a gap of {gap:.1f} em inside the line before "
                  f"{b.char}", value=gap)


def _figure_pair(g: list[Glyph], k: int) -> bool:
    """Glyphs k and k+1 belong to one figure, dash or ellipsis: nothing may open between
    them (2021—2025, 12647-3, 1,234.5, +38℃, 50％, ——, ……)."""
    a, b = g[k].char, g[k + 1].char
    if g[k + 1].space_before:
        return False
    before = k > 0 and g[k - 1].char.isdecimal()
    after = k + 2 < len(g) and g[k + 2].char.isdecimal()
    joins = NUMBER_INSIDE | RANGE_DASHES | HYPHENS | NUMBER_MARKS_INSIDE
    return (a == b and a in DASHES or a.isdecimal() and b.isdecimal()
            or a.isdecimal() and (b in joins and after or b in NUMBER_AFTER - set("万亿余多"))
            or b.isdecimal() and (a in joins and before or a in NUMBER_SIGNS_BEFORE))


def _check_figures(page: _Page, line: Line) -> None:
    """Letter-spacing inside a figure, a dash or an ellipsis: one finding per figure."""
    g, k = line.glyphs, 0
    while k < len(g) - 1:
        start, widest = k, 0.0
        while k < len(g) - 1 and _figure_pair(g, k):
            widest = max(widest, _gap(g[k], g[k + 1]))
            k += 1
        glued = start > 0 and _word_pair(g[start - 1], g[start]) \
            and _word(g[start - 1:start])  # iPhone15's 15: the word's finding
        if widest > _SPACED_FIGURE and not glued:
            page.mark("spaced-figure", line, g[start],
                      f"{widest:.2f} em opened inside {''.join(x.char for x in g[start:k + 1])}",
                      value=widest)
        k += 1 if k == start else 0


def _check_words(page: _Page, line: Line) -> None:
    """Letter-spacing inside a Latin word or code (iPhone, GB/T, COVID-19), one finding per
    word; figures are _check_figures'. A line holding no Han is left out: its letters'
    spreading is its justification, measured as its spacing."""
    g = line.glyphs
    if not any(_solid(x.char) for x in g):
        return
    k = 0
    while k < len(g) - 1:
        start, widest = k, 0.0
        while k < len(g) - 1 and _word_pair(g[k], g[k + 1]):
            widest = max(widest, _gap(g[k], g[k + 1]))
            k += 1
        if widest > _SPACED_WORD and _word(g[start:k + 1]):
            page.mark("spaced-word", line, g[start],
                      f"{widest:.2f} em opened inside {_run(g[start:k + 1])}", value=widest)
        k += 1 if k == start else 0


# GB/T 15834—2011 §3.2 and clreq (punctuation forms): Chinese text takes the full-width
# marks; the half-width (ASCII) ones are Latin text's. One set against Han — a stop after
# a Han character (硕果满园!, 规定:), a parenthesis or bracket around Han ((一)) — is the
# wrong form; between figures or Latin letters (3:1, 9001:2015, (T3)) it is the right one.
_FULL_FORM = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）",
              "[": "［", "]": "］"}


def _check_ascii_marks(page: _Page, line: Line) -> None:
    """An ASCII mark set against Han: a , ; : ? ! after a Han character or before one (the
    clause it ends or opens is Chinese: 超过8%,新产品), a ( [ before one, a ) ] after one (no
    word space between); a pair, (一), is one finding."""
    g = line.glyphs
    paired: set[int] = set()  # the closing halves of pairs already found
    for k, glyph in enumerate(g):
        mark = glyph.char
        if mark not in _FULL_FORM or k in paired:
            continue
        before = k > 0 and not glyph.space_before and _solid(g[k - 1].char)
        after = k + 1 < len(g) and not g[k + 1].space_before and _solid(g[k + 1].char)
        if not (after if mark in "([" else before if mark in ")]" else before or after):
            continue
        closing = {"(": ")", "[": "]"}.get(mark)
        end = next((j for j in range(k + 1, len(g)) if g[j].char == closing), None)
        if end is not None:
            paired.add(end)
            shown = _run(g[k:end + 1])
            full = _FULL_FORM[mark] + _FULL_FORM[closing]
        else:
            shown, full = mark, _FULL_FORM[mark]
        page.mark("ascii-mark", line, glyph, f"{shown} set in ASCII marks against Han: "
                  f"Chinese text takes {full}")


def _word(glyphs: list[Glyph]) -> bool:
    """A run holding a letter (iPhone15, GB/T, COVID-19); a figure alone is a figure's."""
    return any(unicodedata.category(g.char)[0] == "L" for g in glyphs)


def _word_pair(a: Glyph, b: Glyph) -> bool:
    """Two glyphs of one Latin word or code: letters, figures and joiners with no word
    space between them."""
    return not b.space_before and all(_latin(c) or c in JOINERS | HYPHENS
                                      for c in (a.char, b.char))


def _scale(line: Line) -> float | None:
    """The horizontal scale a line's full-width characters are set at, where it is not 100%
    (the most distorted of them); None for a line set at its glyphs' own width."""
    off = [g.scale for g in line.glyphs if _solid(g.char) and abs(g.scale - 1) > _SCALED]
    return max(off, key=lambda v: abs(v - 1)) if off else None


def _check_block(page: _Page, block: list[Line], report: TypographyReport,
                 lead_in: str, lead_out: str, following: Line | None,
                 words: frozenset[str], design: _Design, edge: float | None) -> None:
    """Every rule on a block's lines; the break at its foot too, where its last paragraph
    runs on into `following` (the next column's first line: 回眸2021— / 2025年)."""
    breaks = _address_breaks(block, lead_in, lead_out)
    measure = (max(ln.right for ln in block) if edge is None else edge) - _body_left(block)
    judged = edge is not None and _justified_block(block)  # whether short lines are faults
    _check_starts_and_ends(page, block, breaks)
    _check_pitch(page, block)
    for i, line in enumerate(block):
        _check_marks(page, line)
        _check_figures(page, line)
        _check_words(page, line)
        _check_ascii_marks(page, line)
        _check_holes(page, line)
        nxt = block[i + 1] if i + 1 < len(block) else following
        if nxt is not None and not line.paragraph_end:
            _check_break(page, line, nxt, breaks[i + 1], report, words,
                         _token_width(block, i, nxt, breaks) > measure, edge)
            if line.justified and edge is not None:
                line.forced = _forced(line, block[i - 1] if i else None, nxt, edge, design,
                                      measure)
        # (an address's fragment alone on its line is set short, never letter-spaced)
        if judged and i + 1 < len(block) and _short(line, edge) \
                and not (breaks[i + 1] and _ADDRESS_CHARS.fullmatch(line.text)):
            page.mark("short-line", line, line.glyphs[-1],
                      f"{(edge - line.set_right) / line.size:.1f} em short of the measure "
                      "inside its paragraph", f"{line.text} / {block[i + 1].text[:8]}",
                      value=(edge - line.set_right) / line.size)
        if line.lone:
            page.mark("one-char-line", line, line.glyphs[0],
                      "one character on a line its paragraph runs on from",
                      f"{line.text} / {block[i + 1].text[:8]}" if i + 1 < len(block)
                      else line.text)
        if line.justified:
            report.justified += 1
            scale = _scale(line)
            if scale is not None:
                report.scales.append(scale)
            if line.spacing is not None:
                _check_spacing(page, line, report)
        if line.paragraph_end and not line.paragraph_start \
                and sum(_content(g.char) for g in line.glyphs) == 1:
            page.mark("one-char-last-line", line, line.glyphs[0],
                      "the paragraph's last line holds one character",
                      f"{block[i - 1].text} / {line.text}")


def _short(line: Line, edge: float) -> bool:
    """Whether a line stops short of its block's edge (by half an em or more) inside its
    paragraph — asked in a justified block that marks its paragraphs' starts
    (_justified_block): a line of a paragraph runs to the measure but its last. A line ending a
    sentence (。？！, a closing mark after one) may end a paragraph set with no indent
    (a lead's paragraphs in some layouts), and in a block that marks no paragraph start a
    short line ends one: neither is judged, nor is a block set ragged."""
    text = line.text.rstrip("”’」』）》")
    return not line.paragraph_end and not line.lone and not _reaches(line, edge) \
        and edge - line.set_right >= 0.5 * line.size and not text.endswith(tuple("。？！…"))


def _justified_block(block: list[Line]) -> bool:
    """Whether a block is set justified with its paragraphs' starts marked: an indented,
    outdented or bulleted line, and most lines inside paragraphs reaching the edge (a
    block set ragged, flush left, leaves them short)."""
    inside = [ln for ln in block if not ln.paragraph_end]
    return any(ln.apart for ln in block) and 2 * sum(ln.justified for ln in inside) > len(inside)


def _check_spacing(page: _Page, line: Line, report: TypographyReport) -> None:
    """A justified line's spacing, counted over all lines and over the lines not forced; a
    forced line is counted apart (the worst kept), and past the ceiling it is a finding of
    its own kind — loose all the same, but not by its composer's choice."""
    report.spacings.append(line.spacing)
    message = f"{line.spacing:.2f} em between characters"
    if line.forced is None:
        report.unforced.append(line.spacing)
        if line.spacing > LOOSE_EM:
            page.mark("loose-line", line, line.glyphs[0], message, value=line.spacing)
        return
    message += f": the next line's {line.forced} does not fit in its room"
    kept = page.mark if line.spacing > LOOSE_EM else page.finding
    report.forced.append(kept("forced-line", line, line.glyphs[0], message,
                              value=line.spacing))


_NEARLY = 2 / 3  # of the measure: a token this wide leaves its line few gaps to spread


def _forced(line: Line, before: Line | None, nxt: Line, edge: float, design: _Design,
            measure: float) -> str | None:
    """The text of the next line's first unit where the line's looseness is not its
    composer's choice, or None. That unit is a token (it holds a Latin letter or a figure: a
    word, a code, an address, a figure with its unit) wider than the room left on the line
    set at its natural width (its justification's spreading taken out, the space the unit
    would take beside the line's last character counted); and either that room would have
    taken a full-width character more (●按照GB/T before a standard's number, ●新建城市书房
    before 126家，), or the line holds a token nearly as wide as the measure, so its few gaps
    take all the room: its widest unit, or its first or last joined with the next or the
    previous line's where the break between them cuts a token (15834—2011和 after GB/T,
    @library, 回眸2021— before 2025年，). A line left less room than a character before a
    character, or before a token with gaps enough to spread it, is as loose as its
    composer set it: every justified line could take no more."""
    unit = _first_unit(nxt)
    if not any(_latin(g.char) for g in unit):
        return None
    room = edge - (line.set_right - line.spread)
    if _natural_width(unit, design) + _joint(line.glyphs[-1], unit[0], design, line.size) \
            <= room + _EDGE_TOLERANCE:
        return None
    if room >= line.size:
        return _run(unit)
    widths = [_natural_width(u, design) for u in _units(line)]
    if before is not None and _cuts(before, line):
        widths[0] += _natural_width(_last_unit(before), design)
    if _cuts(line, nxt):
        widths[-1] += _natural_width(unit, design)
    return _run(unit) if max(widths) >= _NEARLY * measure else None


def _cuts(line: Line, nxt: Line) -> bool:
    """Whether the break between two lines cuts a token (a last resort, or a split)."""
    if line.glyphs[-1].space_after or nxt.glyphs[0].space_before:
        return False
    chars = [g.char for g in line.glyphs + nxt.glyphs]
    k = len(line.glyphs)
    return address_break("".join(chars[:k]), "".join(chars[k:])) or not _may_break(chars, k)


def _joint(a: Glyph, b: Glyph, design: _Design, size: float) -> float:
    """The space two glyphs set side by side take between them: the page's Han–Latin space,
    or its word space between two Latin letters or figures (a break between them is at a
    word space, or is a split)."""
    if _han_latin(a, b):
        return design.han_latin * size
    return design.word * size if _latin(a.char) and _latin(b.char) else 0.0


_WINDOW = 64  # characters either side of a place that _may_break reads


def _may_break(chars: list[str], k: int) -> bool:
    """Whether a line may break before chars[k] with nothing cut but a word space: as
    break_kind, the prohibitions and the address rules read it (inside a Latin word, only
    where hyphenated: see _natural_width)."""
    # the text either side within a window: what decides a break is near it, and a line
    # of thousands of glyphs costs no more a place than a short one
    before = _folded("".join(chars[max(0, k - _WINDOW):k]))
    after = _folded("".join(chars[k:k + _WINDOW]))
    if address_break(before, after):
        return True
    return not (chars[k] in NEVER_START or chars[k - 1] in NEVER_END
                or break_kind(before, after))


def _cut_points(line: Line, places: range) -> Iterator[int]:
    """Of `places` (indices of the line's glyphs), in their order, those the line may break
    before: a word space, or _may_break."""
    g = line.glyphs
    chars = [x.char for x in g]
    return (k for k in places if g[k].space_before and not _digit_group(chars, k)
            or not g[k].space_before and _may_break(chars, k))


def _digit_group(chars: list[str], k: int) -> bool:
    """Whether a space before chars[k] groups a number's digits (12 480 000: GB/T 15835—2011
    §5.1.3 groups them by three, a quarter em apart): three digits after it, no fourth."""
    return chars[k - 1].isdecimal() and "".join(chars[k:k + 3]).isdecimal() \
        and len(chars[k:k + 3]) == 3 and not "".join(chars[k + 3:k + 4]).isdecimal()


def _first_unit(line: Line) -> list[Glyph]:
    """The line's glyphs up to the first place it may break."""
    g = line.glyphs
    return g[:next(_cut_points(line, range(1, len(g))), len(g))]


def _units(line: Line) -> list[list[Glyph]]:
    """The line cut at every place it may break."""
    g = line.glyphs
    cuts = [0, *_cut_points(line, range(1, len(g)))]
    return [g[a:b] for a, b in zip(cuts, cuts[1:] + [len(g)])]


def _last_unit(line: Line) -> list[Glyph]:
    """The line's glyphs after the last place it may break."""
    g = line.glyphs
    return g[next(_cut_points(line, range(len(g) - 1, 0, -1)), 0):]


def _natural_width(unit: list[Glyph], design: _Design) -> float:
    """The width a run of glyphs takes set solid, at a line's end: its advances, the page's
    Han–Latin space where it is set with one, a closing or stop mark at its end half wide;
    a Latin word only to its first hyphenation point (with a hyphen a third of an em wide)."""
    word = "".join(g.char for g in unit)
    if word.isalpha() and not any(_wide(c) for c in word) and any(c.islower() for c in word) \
            and not any(c.isupper() for c in word[1:]):
        points = _hyphen_points(word.lower())
        if points:
            unit = unit[:points[0]] + [replace(unit[0], char="-", advance=unit[0].size / 3)]
    width = sum(g.advance for g in unit)
    width += sum(design.han_latin * a.size for a, b in zip(unit, unit[1:])
                 if _han_latin(a, b) and _gap(a, b) >= 0.05)
    last = unit[-1]
    if last.char in CLOSING or last.char in STOPS:
        width -= max(0.0, last.advance - last.size * last.scale / 2)
    return width


def check_typography(path: str | Path) -> TypographyReport:
    """Read a PDF back and report what a proofreader would mark (see the module doc).
    The file is first opened as every check opens one (reading.open_source: a damaged,
    encrypted or oversized file is refused with its reason, every stream measured before
    pdfium decodes any), then each page's text is read within MAX_PAGE_GLYPHS."""
    report = TypographyReport(str(path))
    trims: list[tuple[float, float, float, float] | None] = []
    shows: list[list[tuple[_Decoder | None, bytes]]] = []  # each page's show operators
    drawn: bytes | None = None  # the file with its /ActualText taken out, where it has any
    try:
        with open_source(path) as source:
            decoders: dict = {}
            for number, page in enumerate(source.pdf.pages, 1):
                shows.append(page_shows(source, page, number, decoders))
                trims.append(_trim_box(page))
            if source.actual_text:
                with source.guard():
                    drawn = _without_actual_text(source.pdf)
    except pikepdf.PasswordError:
        raise locked(path) from None
    if not trims:  # a page tree with no page (pdfium will not open one)
        report.notes.append("the file has no pages: nothing to check")
        return report
    try:
        pdf = pdfium.PdfDocument(drawn if drawn is not None else str(path))
    except (pdfium.PdfiumError, OSError) as exc:
        raise InputError(f"not a readable PDF ({exc})", Location(str(path)),
                         hint="is it damaged, or cut short while being written?") from None
    try:
        report.pages = len(pdf)
        for number in range(len(pdf)):
            _check_page(pdf[number], number + 1, report,
                        trims[number] if number < len(trims) else None,
                        shows[number] if number < len(shows) else None)
    finally:
        pdf.close()
    report.findings.sort(key=lambda f: (f.page, f.y_mm, f.x_mm))
    _summarise(report)
    return report


def _without_actual_text(pdf: pikepdf.Pdf) -> bytes:
    """The file's bytes with the /ActualText of its marked content taken out, for pdfium to
    read the glyphs drawn. pdfium reads a marked-content sequence's /ActualText in place of
    its glyphs, its characters spread evenly over the first show operator's box (spread's
    archive joins a line's runs so; Word and LaTeX mark ligatures and hyphens so): the
    places a meter measures would be where no glyph stands (5,000 read 5,0; a line half an
    em a character short). The glyphs' own text (ToUnicode) is what was drawn. Pages and
    forms are each rewritten once, only where a sequence carries one (the caller has
    counted their operators against the bounds already); a property list named in the
    resources loses the key in place."""
    seen: set[tuple[int, int]] = set()

    def strip(holder, resources, depth: int) -> None:
        if depth > MAX_FORM_DEPTH:
            return
        instructions = pikepdf.parse_content_stream(holder)
        changed, out = False, []
        for operands, op in instructions:
            name = str(op)
            if name == "BDC" and len(operands) == 2:
                props = operands[1]
                if isinstance(props, pikepdf.Name) and isinstance(resources, pikepdf.Dictionary):
                    named = resources.get("/Properties")
                    props = named.get(str(props)) if isinstance(named, pikepdf.Dictionary) \
                        else None
                    if isinstance(props, pikepdf.Dictionary) and "/ActualText" in props:
                        del props["/ActualText"]
                elif isinstance(props, pikepdf.Dictionary) and "/ActualText" in props:
                    kept = pikepdf.Dictionary({k: v for k, v in props.items()
                                               if k != "/ActualText"})
                    operands, changed = [operands[0], kept], True
            elif name == "Do" and operands and isinstance(resources, pikepdf.Dictionary):
                xobjects = resources.get("/XObject")
                form = xobjects.get(str(operands[0])) if isinstance(
                    xobjects, pikepdf.Dictionary) else None
                if isinstance(form, pikepdf.Stream) and form.get("/Subtype") == "/Form" \
                        and form.objgen not in seen:
                    seen.add(form.objgen)
                    strip(form, form.get("/Resources", resources), depth + 1)
            out.append((operands, op))
        if changed:
            data = pikepdf.unparse_content_stream(out)
            if isinstance(holder, pikepdf.Page):
                holder.obj.Contents = pdf.make_stream(data)
            else:
                holder.write(data)

    for page in pdf.pages:
        strip(page, page.obj.get("/Resources"), 0)
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def page_shows(source, page: pikepdf.Page, number: int, decoders: dict
               ) -> list[tuple[_Decoder | None, bytes]]:
    """A page's work counted against the bounds (reading.count_page_work), and its show
    operators in the order drawn, each with its font's decoder (`decoders`: those made so
    far, by font object), for read_glyphs."""
    shows: list[tuple[_Decoder | None, bytes]] = []

    def shown(font, data: bytes) -> None:
        key = font.objgen if isinstance(font, pikepdf.Object) else None
        if key is None or key == (0, 0):  # a direct object: no key to keep it by
            shows.append((font_decoder(font), data))
            return
        if key not in decoders:
            decoders[key] = font_decoder(font)
        shows.append((decoders[key], data))

    count_page_work(source, page, number, shown)
    return shows


def _trim_box(page: pikepdf.Page) -> tuple[float, float, float, float] | None:
    """The page's trim box, or the box it falls back to, inherited from the page tree
    where the page has none of its own (pdfium reads a page's own boxes only, and takes a
    Letter page for a page whose media box is inherited); None for a box that is not four
    numbers (the page's own, as pdfium reads it, is used then)."""
    try:
        box = [float(v) for v in page.trimbox]
    except (pikepdf.PdfError, TypeError, ValueError, AttributeError, KeyError):
        return None
    if len(box) != 4 or not all(map(math.isfinite, box)):
        return None
    left, bottom, right, top = box
    return min(left, right), min(bottom, top), max(left, right), max(bottom, top)


def _check_page(pdf_page, number: int, report: TypographyReport,
                trim: tuple[float, float, float, float] | None = None,
                shows: list | None = None) -> None:
    try:
        text = read_glyphs(pdf_page, MAX_PAGE_GLYPHS, shows)
    except _PageTooLarge as exc:
        raise TooLarge(report.path, f"page {number} draws {exc.count:,} characters, more "
                       f"than the {MAX_PAGE_GLYPHS:,} spread reads on a page") from None
    report.turned += text.turned
    report.invisible += text.invisible
    drawn = len(text.glyphs) + text.turned + sum(text.unread.values()) \
        + sum(text.unloaded.values())
    report.glyphs += drawn
    if not drawn:  # said page by page: a scan among pages of text is not passed in silence
        images = pdf_page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4)
        (report.pictured if next(images, None) is not None else report.blank).append(number)
    for font, n in text.unread.items():
        report.unread.append((number, font or "(unnamed)", n))
    report.unloaded += [(number, font, n) for font, n in text.unloaded.items()]
    rotation = pdf_page.get_rotation()
    page = _Page(number, trim or tuple(pdf_page.get_trimbox()), rotation, report.findings)
    # text upright on the page's axes, and text upright as a turned page is seen: each is
    # read on its own axes
    for turn in sorted({g.turn for g in text.glyphs}):
        _check_text(page, [g for g in text.glyphs if g.turn == turn], report)


def _check_text(page: _Page, glyphs: list[Glyph], report: TypographyReport) -> None:
    """Every rule on a page's glyphs that run one way (see Glyph.turn)."""
    lines, upright = page_lines(glyphs, page.number)
    report.vertical += upright
    lines = _check_cells(page, lines, report)
    report.lines += len(lines)
    blocks = _blocks(lines)
    edges = _edges(blocks)
    for block, edge in zip(blocks, edges):
        _shape(block, edge)
    design = _designed(blocks)
    for block, edge in zip(blocks, edges):
        _measure(block, design, edge)
    words = page_words(lines)
    lead_in, lead_out, following = _columns(blocks)
    opening = {id(block[0]): block for block in blocks}
    for k, below in _continued_below(blocks, following).items():
        following[k] = below  # a paragraph run on below at another pitch: its break too
        pitch = _own_pitch(blocks[k], opening[id(below)])
        step = blocks[k][-1].baseline - below.baseline
        if pitch is not None and abs(step - pitch) > _PITCH_TOLERANCE:
            _mark_pitch(page, pitch, step, below)
    for block, before, after, nxt, edge in zip(blocks, lead_in, lead_out, following, edges):
        _check_block(page, block, report, before, after, nxt, words, design, edge)


def _check_cells(page: _Page, lines: list[Line], report: TypographyReport) -> list[Line]:
    """The page's table cells measured as cells — what is wrong inside one (a mark, a figure
    or a word letter-spaced), never as a justified line (a name spread in its cell is no
    loose line, one in a column of names no one-character line) — and each table counted
    (rows, columns, cells). Returns the lines that are not cells."""
    tables: dict[int, list[Line]] = {}
    for line in lines:
        if line.table is not None:
            tables.setdefault(line.table, []).append(line)
    for number in sorted(tables):
        cells = tables[number]
        for cell in cells:
            _check_marks(page, cell)
            _check_figures(page, cell)
            _check_words(page, cell)
            _check_ascii_marks(page, cell)
        top = max(c.baseline for c in cells)
        first = sorted((c for c in cells if c.baseline == top), key=lambda c: c.left)
        corner = min(first[0].glyphs, key=lambda g: g.left)
        report.tables.append(Table(
            page.number, *page.place(*_unturned(
                corner.left, max(g.top for c in first for g in c.glyphs), corner.turn)),
            len({round(c.baseline, 1) for c in cells}), len(cells),
            " ".join(c.text for c in first[:6]) + (" …" if len(first) > 6 else "")))
    return [ln for ln in lines if ln.table is None]


_PITCH_TOLERANCE = 0.2  # pt: lines of one paragraph stepping down by pitches further apart


def _check_pitch(page: _Page, block: list[Line]) -> None:
    """The lines of each paragraph (or list item) of a block share one pitch: one finding at
    the first line whose step from the line above is not its paragraph's first step."""
    start = 0
    for i, line in enumerate(block):
        if i > start + 1 and not line.paragraph_start:
            first = block[start].baseline - block[start + 1].baseline
            step = block[i - 1].baseline - line.baseline
            if abs(step - first) > _PITCH_TOLERANCE:
                _mark_pitch(page, first, step, line)
                start = i  # the rest of the paragraph judged from here: one finding a change
        if line.paragraph_end:
            start = i + 1


def _own_pitch(block: list[Line], below: list[Line]) -> float | None:
    """The pitch of the paragraph a block's last line belongs to, where it runs on into the
    block `below`: its step onto that last line — or, the last line opening it (a caption
    filling its line stood a step above it, in the block: no line of the paragraph), its
    step on below, from the line run on to the next; None where it shows no step of its
    own (a line of it on each side)."""
    if not block[-1].paragraph_start:
        return block[-2].baseline - block[-1].baseline
    if len(below) > 1 and not below[1].paragraph_start:
        return below[0].baseline - below[1].baseline
    return None


def _mark_pitch(page: _Page, pitch: float, step: float, line: Line) -> None:
    page.mark("pitch-change", line, line.glyphs[0],
              f"the line pitch changes inside a paragraph: {pitch:.2f} pt, then "
              f"{step:.2f} pt", value=(step - pitch) / line.size)


def _continued_below(blocks: list[list[Line]],
                     following: list[Line | None]) -> dict[int, Line]:
    """Blocks whose last paragraph runs on into a block straight below them at another pitch
    (a change of pitch starts a block): block index → the first line below. The block runs
    on — its last line reaches its edge, ends nothing — and no column to its right takes
    it up; the line below is the nearest of its size under it (0.9 to 2.6 sizes down),
    starting at its body's edge with no bullet, so it continues the paragraph."""
    firsts: dict[float, list[tuple[float, Line]]] = {}
    for block in blocks:
        firsts.setdefault(block[0].size, []).append((block[0].baseline, block[0]))
    for column in firsts.values():
        column.sort(key=lambda item: item[0])
    out: dict[int, Line] = {}
    for k, block in enumerate(blocks):
        last = block[-1]
        if len(block) < 2 or last.paragraph_end or following[k] is not None:
            continue
        size, body = last.size, _body_left(block)
        column = firsts.get(size, [])
        lo = bisect.bisect_left(column, last.baseline - 2.6 * size, key=lambda item: item[0])
        hi = bisect.bisect_right(column, last.baseline - 0.9 * size, key=lambda item: item[0])
        below = [ln for _, ln in column[lo:hi] if abs(ln.left - body) <= 0.5 * size
                 and ln.glyphs[0].char not in BULLETS and ln.left < last.right]
        if below:
            out[k] = max(below, key=lambda ln: ln.baseline)
    return out


def _summarise(report: TypographyReport) -> None:
    """The notes: what was not checked, and why."""
    for t in report.tables:
        report.notes.append(f"page {t.page} {t.x_mm:.1f},{t.y_mm:.1f} mm: a table of {t.rows} "
                            f"rows, {t.cells} cells ({t.first_row}) measured as cells, not "
                            "as justified lines")
    if report.vertical:
        report.notes.append(f"vertical text: {report.vertical} glyph(s) set vertically "
                            "(竖排) not measured")
    if report.turned:
        report.notes.append(f"rotated text: {report.turned} glyph(s) set at an angle not "
                            "measured")
    if report.invisible:
        report.notes.append(f"invisible text: {report.invisible} character(s) drawn "
                            "invisible (an OCR layer over a scan?) not checked: the page "
                            "prints what lies under them")
    for number, font, n in report.unread:
        report.notes.append(f"page {number}: {n} character(s) in font {font} cannot be read "
                            "as text (the font has no ToUnicode map and no standard "
                            "encoding): not checked")
    for number, font, n in report.unloaded:
        report.notes.append(f"page {number}: {n} character(s) in font {font}, which the file "
                            "does not embed and this machine has no font to stand in for, "
                            "cannot be read: not checked (embed the fonts — PDF/X and PDF/A "
                            "require it)")
    if not report.glyphs:
        report.notes.append("the file has no text to check (a scan, or text drawn as "
                            "outlines?)")
    elif report.pictured or report.blank:
        for number in report.pictured:
            report.notes.append(f"page {number}: no text, only images (a scan, or text "
                                "drawn as a picture?): not checked")
        for number in report.blank:
            report.notes.append(f"page {number}: no text (a blank page): nothing to check")


__all__ = ["Finding", "KINDS", "TypographyReport", "check_typography", "percentile"]
