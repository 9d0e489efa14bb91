"""The content of a page, as the newsroom writes it in content.yaml: typed and validated.

Text is kept exactly as written; layout decides how it looks. Figures for the 数说 panel
and the bars of charts must quote a 晒晒成绩单 item, so they can never say something the
text does not.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

from spread.errors import Location
from spread.schema import (DOC, INTERNAL, KEY, Decoder, did_you_mean, text_as_key,
                           yaml_fields)
from spread.sourcemap import trace
from spread.yamlsource import Node, SourceFile


def _doc(text: str, **kw) -> dict:
    return {DOC: text, **kw}


@dataclass(frozen=True)
class Edition:
    """The folio line: what the source text does not give stays empty."""

    paper: str = field(default="", metadata=_doc("报名, the newspaper's name"))
    date: str = field(default="", metadata=_doc("出版日期 as printed, e.g. 2021-12-01"))
    page: str = field(default="", metadata=_doc("版次, e.g. 第5版"))
    page_title: str = field(default="", metadata=_doc("版名"))
    # a front page's masthead (报头) prints these too; the folio line does not
    lunar: str = field(default="", metadata=_doc("农历 date, e.g. 农历丙午年十月廿四"))
    issue: str = field(default="", metadata=_doc("期号, e.g. 第12345期　今日8版"))
    cn: str = field(default="", metadata=_doc(
        "国内统一连续出版物号, e.g. CN 11-0000 (the masthead prints its label)"))
    postal_code: str = field(default="", metadata=_doc(
        "邮发代号, e.g. 1-23 (the masthead prints its label)"))

    def parts(self) -> list[str]:
        """What the folio line shows, in its order: the fields the content gives."""
        return [p for p in (self.paper, self.date, self.page, self.page_title) if p]

    def masthead_lines(self) -> list[tuple[str, str]]:
        """What a masthead sets beside the paper's name, one line each, as (content path,
        text): the date, 农历, 期号, 版次 and 版名, the CN number and 邮发代号 the content
        gives, the last two after their labels."""
        lines = [("edition.date", self.date), ("edition.lunar", self.lunar),
                 ("edition.issue", self.issue),
                 ("edition.page", "　".join(p for p in (self.page, self.page_title) if p)),
                 ("edition.cn", self.cn and f"国内统一连续出版物号　{self.cn}"),
                 ("edition.postal_code", self.postal_code and f"邮发代号　{self.postal_code}")]
        return [(path, text) for path, text in lines if text]


@dataclass(frozen=True)
class Credits:
    """The credit line at the foot of the page."""

    editor: str = field(default="", metadata=_doc("责任编辑"))
    designer: str = field(default="", metadata=_doc("美编"))
    proofreader: str = field(default="", metadata=_doc("校对"))


@dataclass(frozen=True)
class Report:
    """A 晒晒成绩单 list: its heading and its achievement items."""

    items: list[str] = field(metadata=_doc("one achievement per item"))
    title: str = field(default="", metadata=_doc(
        "the list's heading, e.g. 晒晒成绩单： (none when not written)"))
    where: Location | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Table:
    """A table (表格): a weather forecast, a timetable, a list of hotlines — its head's cells
    and its rows, each a list of cells as many as the head's, set in columns that line up."""

    rows: list[list[str]] = field(metadata=_doc(
        "the rows, each a list of its cells (one line of text each; \"\" leaves one blank)"))
    columns: list[str] = field(default_factory=list, metadata=_doc(
        "the head's cells, one a column (none: a table without a head)"))
    where: Location | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Picture:
    """A photo or illustration: its file (JPEG, PNG or TIFF, relative to this content file,
    and inside its folder), its caption and its credit."""

    file: str = field(metadata=_doc("the picture file, relative to the content file"))
    caption: str = field(default="", metadata=_doc("图片说明, set under the picture"))
    credit: str = field(default="", metadata=_doc("who took or drew it, e.g. 记者 王某 摄"))
    where: Location | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Section:
    """One of the page's sections or stories: its title (the story's headline) with an
    optional kicker and subhead, a byline and a dateline, an intro paragraph, the body's
    paragraphs, photos set in its flow, and a report list."""

    title: str = field(metadata=_doc("the section title (标题) or the story's headline, e.g. "
                                     "建功立业"))
    kicker: str = field(default="", metadata=_doc("引题, set above the title"))
    subhead: str = field(default="", metadata=_doc("副题, set below the title"))
    byline: str = field(default="", metadata=_doc(
        "署名 on one line, e.g. 本报记者 张三 通讯员 李四"))
    dateline: str = field(default="", metadata=_doc(
        "电头, run in at the start of the first paragraph, e.g. 本报北京5月18日电 or 本报讯"))
    intro: str = field(default="", metadata=_doc("the intro paragraph; may be absent"))
    body: list[str] = field(default_factory=list, metadata=_doc(
        "正文: one list item per paragraph"))
    jump: str = field(default="", metadata=_doc(
        "转版: where the story goes on, e.g. （下转第3版）, set on a line of its own after its "
        "paragraphs, flush right"))
    pictures: list[Picture] = field(default_factory=list, metadata=_doc(
        "photos set in the section's flow, each with its caption and credit"))
    report: Report | None = field(default=None, metadata=_doc("the 晒晒成绩单 list"))
    table: Table | None = field(default=None, metadata=_doc(
        "a table set after the paragraphs and the list"))
    where: Location | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class HonourItem:
    """An award on the honour roll, with optional nested sub-items and the people it went
    to (set as a 名单, names in a grid after the award's line)."""

    text: str = field(metadata=_doc("the award, or the heading of a list of names"))
    items: list[HonourItem] = field(default_factory=list, metadata=_doc("sub-items"))
    names: list[str] = field(default_factory=list, metadata=_doc(
        "people's names, one per item (李彧, 欧阳修远), set in a grid of equal cells"))
    where: Location | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class HonourRoll:
    """荣誉榜: a titled list of awards."""

    items: list[HonourItem] = field(metadata=_doc("the awards"))
    title: str = field(default="荣誉榜", metadata=_doc("the box's title"))
    where: Location | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class ItemRef:
    """Which report item a figure quotes: a section by its title, an item by number (from 1)."""

    section: str = field(metadata=_doc("the section title"))
    item: int = field(metadata=_doc("the item's number in that section's report, from 1"))
    where: Location | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Figure:
    """A headline figure for the 数说 panel, quoted from a report item."""

    figure: str = field(metadata=_doc("number with its unit as in the text, e.g. 7.7万余人次"))
    label: str = field(metadata=_doc("a phrase from the same item saying what was counted"))
    source: ItemRef = field(metadata=_doc("the item quoted", **{KEY: "from"}))
    chart: str = field(default="", metadata=_doc("'ring' draws a share as a ring chart"))
    where: Location | None = field(default=None, compare=False, repr=False)


# a quoted count: its number, a magnitude (千 万 亿) between approximators (余 多), the measure
# word, and an approximate tail (以上 …): 63名, 1100余万元, 7.7万余人次, 95%以上, 1,200余种
# (thousands grouped by commas, GB/T 15835 §5.1.4.1's other way of writing them)
_COUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?[余多]?([千万亿]?)[余多]?(.*?)(?:以上|以下|左右)?")
_MAGNITUDE = {"": 1, "千": 10**3, "万": 10**4, "亿": 10**8}


def count(figure: str) -> tuple[float, str] | None:
    """A figure's value and what it counts: 1100余万元 → (11000000.0, '元'); None without
    a number at its start."""
    m = _COUNT.fullmatch(figure)
    if m is None:
        return None
    whole, decimals, magnitude, unit = m.groups()
    return float(whole.replace(",", "") + (decimals or "")) * _MAGNITUDE[magnitude], unit


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: a count quoted from a report item, and what was counted."""

    figure: str = field(metadata=_doc("number with its unit as in the text, e.g. 63名"))
    label: str = field(metadata=_doc("a phrase from the same item saying what was counted"))
    source: ItemRef = field(metadata=_doc("the item quoted", **{KEY: "from"}))
    where: Location | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Chart:
    """A chart of figures quoted from report items; a region of kind `chart` draws it."""

    kind: Literal["bars"] = field(metadata=_doc("bars: one horizontal bar per figure"))
    bars: list[Bar] = field(metadata=_doc("two or more figures counting the same unit"))
    unit: str = field(default="", metadata=_doc(
        "what every bar counts after its number, e.g. 名; default: the first bar's"))
    where: Location | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Content:
    """Everything printed on the page, in reading order."""

    headline: str = field(metadata=_doc("主标题"))
    kicker: str = field(default="", metadata=_doc(
        "引题: the line that goes with the headline (a news head sets it above)"))
    subhead: str = field(default="", metadata=_doc("副题, set below the headline"))
    byline: str = field(default="", metadata=_doc(
        "the lead story's 署名 on one line, e.g. 本报记者 张三"))
    dateline: str = field(default="", metadata=_doc(
        "the lead story's 电头, run in at the start of lead[0], e.g. 本报讯"))
    lead: list[str] = field(default_factory=list, metadata=_doc(
        "导语, or the lead story's paragraphs: one list item per paragraph"))
    jump: str = field(default="", metadata=_doc(
        "转版 of the lead story, e.g. （下转第2版）, set on a line of its own after its "
        "paragraphs, flush right"))
    quote: str = field(default="", metadata=_doc(
        "引语: a pull quote from the lead story, set off by a text region (content: quote)"))
    sections: list[Section] = field(default_factory=list, metadata=_doc("the sections"))
    honour_roll: HonourRoll | None = field(default=None, metadata=_doc("荣誉榜"))
    figures: list[Figure] = field(default_factory=list, metadata=_doc("数说 figures"))
    charts: list[Chart] = field(default_factory=list, metadata=_doc(
        "charts of quoted figures, e.g. bars for comparable counts"))
    pictures: list[Picture] = field(default_factory=list,
                                    metadata=_doc("photos and illustrations"))
    edition: Edition = field(default_factory=Edition, metadata=_doc("folio data"))
    credits: Credits = field(default_factory=Credits, metadata=_doc("credit line"))
    where: Location | None = field(default=None, compare=False, repr=False)
    # every item's place in the file, by its document path (e.g. sections[2].intro)
    locations: dict[str, Location] = field(default_factory=dict, compare=False, repr=False,
                                           metadata={INTERNAL: True})
    # each text value's node and the file's text: a character's own line and column
    text_nodes: dict[str, Node] = field(default_factory=dict, compare=False, repr=False,
                                        metadata={INTERNAL: True})
    source_text: str = field(default="", compare=False, repr=False, metadata={INTERNAL: True})

    def at(self, path: str):
        """The item at a document path such as sections[2].report.items[1], or None."""
        obj = self
        for name, index in re.findall(r"([A-Za-z_]+)|\[(\d+)\]", path):
            if name:
                obj = getattr(obj, "source" if name == "from" else name, None)
            elif isinstance(obj, list) and int(index) < len(obj):
                obj = obj[int(index)]
            else:
                return None
        return obj

    def location(self, path: str) -> Location:
        return self.locations.get(path) or self.where or Location("content")

    def location_of(self, path: str, ch: str) -> Location:
        """Where the character `ch` of the text at `path` is first written; the text's start
        when it is not written as such (a character normalisation made)."""
        node = self.text_nodes.get(path)
        index = node.raw.find(ch) if node is not None and node.raw else -1
        if index < 0:
            return self.location(path)
        return character_location(self.source_text, node, index)

    def every_picture(self) -> list[Picture]:
        """The page's pictures, then each section's."""
        return self.pictures + [pic for s in self.sections for pic in s.pictures]

    def section(self, title: str) -> Section | None:
        return next((s for s in self.sections if same_title(s.title, title)), None)


def load(path: str, text: str | None = None) -> Content:
    """Read and validate a content file; every text value is normalised as it is read."""
    from spread import yamlsource

    if text is None:
        text = yamlsource.read_text(path)
    node, source = yamlsource.load(path, text)
    yamlsource.expect(node, path, "content")
    decoder = _TextDecoder(source, text)
    content = decoder.decode(Content, node)
    _check_figures(content, decoder)
    _check_charts(content, decoder)
    _check_text(content, decoder)
    _check_date(content, decoder)
    _check_codes(content, decoder)
    return dataclasses.replace(content, locations=decoder.locations,
                               text_nodes=decoder.text_nodes, source_text=text)


# -- text normalisation ----------------------------------------------------------------------
# Every text value is normalised once, here, by the rules docs/formats.md states; layout and
# drawing never see a character they cannot set.

# what YAML and Unicode count as a line break; \r\n is one (never a \r and then a \n)
BREAK = r"(?:\r\n|\r(?!\n)|[\n\x85\u2028\u2029])"
LINE_BREAK = re.compile(BREAK)
# spaces of fixed widths pasted from word processors: the composer spaces text itself
FIXED_SPACES = "\u00a0\u2000-\u200a\u202f\u205f"
SPACES = re.compile(f"[{FIXED_SPACES}]")
BLANK_LINE = re.compile(f"{BREAK}[ {FIXED_SPACES}]*{BREAK}")  # a line of spaces is blank too
# the fields whose text may hold a line break (a forced new line): the rest are one line
BREAKABLE = re.compile(r"headline|kicker|subhead|lead\[\d+\]|quote"
                       r"|sections\[\d+\]\.(title|kicker|subhead|intro|body\[\d+\])"
                       r"|sections\[\d+\]\.report\.items\[\d+\]|honour_roll(\.items\[\d+\])+\.text"
                       r"|(sections\[\d+\]\.)?pictures\[\d+\]\.caption")
# Unicode categories refused outright: control (Cc), format (Cf: zero-width and bidi marks)
# and lone surrogates (Cs) — nothing a page can print, often pasted in unseen
REFUSED = {"Cc": "control character", "Cf": "invisible format character",
           "Cs": "lone surrogate"}


def _composed(text: str) -> str:
    """Each letter written with combining marks after it (e + U+0301, as macOS and many PDFs
    write é) as the one character Unicode composes it to (NFC), where it has one: fonts draw
    that, and few place a loose mark over its letter. Only such clusters change; a CJK
    compatibility ideograph, which NFC would replace by its unified twin, stays as written."""
    if not any(unicodedata.combining(ch) for ch in text):
        return text
    clusters: list[str] = []
    for ch in text:
        if clusters and unicodedata.combining(ch):
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return "".join(unicodedata.normalize("NFC", c) if len(c) > 1 else c for c in clusters)


# marks that select a glyph rather than draw one (variation selectors): the fonts say
# whether they have the variant
_SELECTORS = re.compile("[\u180b-\u180d\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def is_variation_selector(ch: str) -> bool:
    """VS1–256 and the Mongolian free variation selectors."""
    return bool(_SELECTORS.match(ch))


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Me") and not is_variation_selector(ch)


def _loose_mark(text: str) -> int | None:
    """Where the first combining mark stands that composes no character with a Chinese
    (full-width) character or a space before it, or that has nothing before it; None when
    there is none. A font's mark is drawn over the narrow letter before it (pinyin ê̄, which
    Unicode does not compose, prints so); over a full-width character it stood beyond the
    character's ink, on the next one's."""
    base = -1
    for i, ch in enumerate(text):
        if not _is_mark(ch):
            base = i
        elif (base < 0 or text[base].isspace()
              or unicodedata.east_asian_width(text[base]) in ("W", "F")) and any(
                map(_is_mark, unicodedata.normalize("NFC", text[max(base, 0):i + 1]))):
            return i
    return None


# Windows-1252's characters for the bytes 0x80–0x9F that UTF-8 continues a character with
_CP1252 = {ch: byte for byte in range(0x80, 0xA0)
           for ch in [bytes([byte]).decode("cp1252", "ignore")] if ch}
_LATIN_RUN = re.compile("[\u0080-\u00ff" + "".join(_CP1252) + "]{2,}")


def _mojibake(text: str) -> tuple[int, int, str] | None:
    """(start, end, the text meant) of the first run of Latin-1 and Windows-1252 characters
    whose bytes are the UTF-8 of characters beyond Latin-1 (画 saved in UTF-8 and read as
    Windows-1252 is «ç”»», “ is «â€œ»), or None. A Latin word (café, Müller) is no UTF-8
    and passes; «Ã©» may be é so garbled, or two letters, and passes too."""
    for run in _LATIN_RUN.finditer(text):
        data = bytes(_CP1252.get(ch, ord(ch)) for ch in run.group())
        try:
            meant = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if any(ord(ch) > 0xFF for ch in meant):
            return run.start(), run.end(), meant
    return None


class _TextDecoder(Decoder):
    """The decoder with every text value normalised, its refusals placed at the character."""

    def __init__(self, source: SourceFile, text: str):
        super().__init__(source)
        self.text = text
        self.text_nodes: dict[str, Node] = {}  # document path → its text value's node

    def _scalar(self, cls: type, node: Node) -> Any:
        if cls is str and (node.kind != "scalar" or node.raw is None):
            hint = self._empty(node) if text_as_key(node) \
                else _ONE_TEXT.get(_field_name(node.where.path))
            if hint:
                found = f"a {node.kind}" if node.kind != "scalar" else "nothing (an empty value)"
                raise self.error(f"expected text, found {found}", node.where, hint=hint)
        value = super()._scalar(cls, node)
        if cls is not str:
            return value
        self.text_nodes[node.where.path] = node
        return self._normalise(value, node)

    def _text(self, text: str, node: Node) -> str:
        return text  # _normalise refuses more, and places the refusal at the character

    def unknown_key(self, cls: Any, key: str, keys: list[str]) -> str:
        """A key of the layout written in the content (bleed:, font:) is named as one."""
        hint = super().unknown_key(cls, key, keys)
        path = LOOK.get(key, "")
        if not path:
            return hint
        meant = f"; or {hint}" if hint.startswith("did you mean") else ""
        return (f"'{key}' is a key of the layout ({path}), not of the content: the content "
                f"holds what is printed, the layout how it looks{meant}")

    def _normalise(self, raw: str, node: Node) -> str:
        for i, ch in enumerate(raw):
            kind = unicodedata.category(ch)
            if kind in REFUSED and not LINE_BREAK.match(ch):
                name = unicodedata.name(ch, "") or _CONTROL_NAMES.get(ch, "")
                raise self.error(
                    f"the text contains the {REFUSED[kind]} U+{ord(ch):04X}"
                    + (f" ({name})" if name else ""), self._at(node, i),
                    hint="delete it; it prints nothing (it is often pasted in from a web page, "
                         "a PDF or a word processor)" + ("; write a space for a tab"
                                                         if ch == "\t" else ""))
        # as written, and as it will read once its odd spaces are plain ones (à¡¡ and a
        # no-break space are no UTF-8; à¡¡ and a space are), so the text it loads as is
        # refused too when written back (positions hold: one space for each)
        garbled = _mojibake(raw) or _mojibake(SPACES.sub(" ", raw))
        if garbled is not None:
            start, end, meant = garbled
            raise self.error(
                f"«{raw[start:end]}» is text saved in UTF-8 and read back as Windows-1252 "
                "(mojibake)", self._at(node, start),
                hint=f"it reads «{meant}»: write that, or open the original again as UTF-8")
        loose = _loose_mark(raw)
        if loose is not None:
            ch, base = raw[loose], raw[:loose].rstrip("".join(filter(_is_mark, raw[:loose])))
            after = (f"after '{unicodedata.normalize('NFC', raw[len(base) - 1:loose])}'"
                     if base else "at the start of the text")
            raise self.error(
                f"the combining mark U+{ord(ch):04X} ({unicodedata.name(ch, 'unnamed')}) "
                f"{after} makes no character with it", self._at(node, loose),
                hint="Unicode has no character of the two, and a mark spread set on its own "
                     "would stand beside its letter, not on it: write the letter that carries "
                     "the mark, or leave the mark out")
        text = "\n".join(line.strip(" ") for line in
                         LINE_BREAK.split(SPACES.sub(" ", raw))).strip(" \n")
        if "\n" in text:
            self._check_breaks(raw, node)
        if NAME.fullmatch(node.where.path):
            self._check_name(raw, text, node)
        return _composed(text)

    def _check_name(self, raw: str, text: str, node: Node) -> None:
        if not text:
            raise self.error("an empty name", node.where,
                             hint="delete the item, or write the person's name")
        fault = name_fault(text)
        if fault:
            lead = len(raw) - len(raw.lstrip())
            mark = text[fault[0]]
            hint = ("write each name as its own item (names: [张三, 李四]), without spaces: "
                    "the layout spreads a two-character name to its cell itself")
            parts = [n for n in re.split(r"[\s，、；,;]+", text) if n]
            if len(parts) > 1 and all(len(n) >= 2 for n in parts):
                hint = (f"write each name as its own item: [{', '.join(parts)}] (YAML "
                        "separates items with the ASCII ', ')")
            if mark in NOT_JOINERS:
                joined = text.replace(mark, NAME_JOINERS[0])
                hint = (f"«{mark}» is not the 间隔号 (U+00B7 ·) that joins the parts of a "
                        f"transliterated name: write {joined}; two people are two items "
                        "(names: [张三, 李四])")
            raise self.error(
                f"the name «{text}» holds {fault[1]}: each item of names is one person's "
                "name", self._at(node, lead + fault[0]), hint=hint)

    def _check_breaks(self, raw: str, node: Node) -> None:
        """A line break stays (a forced new line) only where the field allows one, and a
        blank line — a paragraph break — never inside one value."""
        body = raw.strip(" \r\n\x85\u2028\u2029")
        start = raw.index(body[:1]) if body else 0
        first = LINE_BREAK.search(raw, start)
        if not BREAKABLE.fullmatch(node.where.path):
            raise self.error(
                "a line break in a text that is set on one line", self._at(node, first.start()),
                hint="write the text on one line (a `|` block keeps its line breaks; a plain "
                     "value broken over lines is joined with a space)")
        blank = BLANK_LINE.search(raw, start, start + len(body))
        if blank:
            raise self.error(
                "a blank line inside one text: a value holds one paragraph",
                self._at(node, blank.start()),
                hint="make each paragraph its own item (lead and a section's body are lists "
                     "of paragraphs), or delete the blank line; a single line break starts a "
                     "new line")

    def _at(self, node: Node, index: int) -> Location:
        return character_location(self.text, node, index)


# the layout's words for how a page looks, which a content file has no place for, and where
# the layout writes them (tests/test_content.py keeps them keys of the layout model)
LOOK = {"size": "page.size, or a style's size", "bleed": "page.bleed",
        "margins": "page.margins", "columns": "grid.columns, or a region's columns",
        "gutter": "grid.gutter", "grid": "grid", "font": "a style's font", "fonts": "fonts",
        "palette": "palette", "colour": "a style's colour", "style": "a region's style",
        "styles": "styles", "leading": "a style's leading", "tracking": "a style's tracking",
        "indent": "a style's indent", "align": "a style's align", "rows": "rows",
        "regions": "a row's regions", "split": "a region's split",
        "cmyk": "a palette colour's cmyk", "rgb": "a palette colour's rgb",
        "composition": "composition", "rules": "rules"}


def character_location(text: str, node: Node, index: int) -> Location:
    """Where the value's character `index` is written in the file's `text`, or the value's
    start when the value cannot be traced back to it."""
    spans = trace(text, node)
    if spans is None or index >= len(spans):
        return node.where
    offset = spans[index][0]
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Location(node.where.file, line, column, node.where.path)


# what to write instead, where a text field was given a list, a mapping or nothing
_ONE_TEXT = {
    "byline": "a byline is one line of text: 本报记者 张三 通讯员 李四",
    "dateline": "a dateline is one text, run in before the first paragraph: "
                "本报北京5月18日电 or 本报讯",
    "intro": "intro is one paragraph; write a story's paragraphs as a list under body:",
    "lead[]": "each item of lead is one paragraph of text; delete an empty one",
    "body[]": "each item of body is one paragraph of text; delete an empty one",
    "caption": "a caption is one text (a `|` block keeps its line breaks)",
    "credit": "a credit is one line of text: 记者 王某 摄",
}


def _field_name(path: str) -> str:
    """The field a document path ends in: sections[0].byline → byline, lead[2] → lead[]."""
    return re.sub(r"\[\d+\]$", "[]", path.rsplit(".", 1)[-1])


# Python's unicodedata names no control character
_CONTROL_NAMES = {"\0": "NUL", "\a": "BELL", "\b": "BACKSPACE", "\t": "TAB",
                  "\v": "LINE TABULATION", "\f": "FORM FEED", "\x1b": "ESCAPE", "\x7f": "DELETE"}


def _check_figures(content: Content, decoder: Decoder) -> None:
    for fig in content.figures:
        _check_quote(content, decoder, fig.source, fig.figure, fig.label, fig.where)
        if fig.chart not in ("", "ring"):
            meant = did_you_mean(fig.chart, ["ring"]) or (
                "did you mean 'ring'?" if fig.chart in ("环形", "圆环", "环", "饼图", "pie")
                else "")
            raise decoder.error(f"unknown chart '{fig.chart}'",
                                decoder.locations.get(f"{fig.where.path}.chart", fig.where),
                                hint=(meant + "; " if meant else "")
                                + "charts: ring (for a share such as 95%以上), or none")
        if fig.chart == "ring":
            _check_share(fig, decoder)


# a share a ring draws: a number of per cent at the figure's start (95%以上, 16.5％)
_SHARE = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?[%％﹪]")


def _check_share(fig, decoder: Decoder) -> None:
    """A ring draws its figure as a share of the whole: a figure that is no per cent (95‰,
    95 %) was drawn as an empty ring, one above 100% as a ring wound past itself."""
    share = _SHARE.match(fig.figure)
    if share is None:
        raise decoder.error(f"the figure '{fig.figure}' is drawn as a ring, which shows a "
                            "share of the whole: it does not start with a number of per cent",
                            fig.where, hint="write the share as 95%以上 (the % right after "
                                            "the number), or drop `chart: ring`")
    if float(share[1].replace(",", "") + (share[2] or "")) > 100:
        raise decoder.error(f"the figure '{fig.figure}' is drawn as a ring, which shows a "
                            "share of the whole: it is more than 100%", fig.where,
                            hint="a share above the whole is no ring: drop `chart: ring`")


def _check_charts(content: Content, decoder: Decoder) -> None:
    """Every bar quotes its item, and a chart compares like with like: one unit after every
    number (名 with 名), so bar lengths mean something."""
    for i, chart in enumerate(content.charts):
        name = f"charts[{i}]"
        if len(chart.bars) < 2:
            raise decoder.error(f"chart {name} has {len(chart.bars)} bar(s); a bar chart "
                                "compares two or more figures", chart.where)
        units = []
        for bar in chart.bars:
            _check_quote(content, decoder, bar.source, bar.figure, bar.label, bar.where)
            value = count(bar.figure)
            if value is None:
                raise decoder.error(f"the bar figure '{bar.figure}' does not start with a "
                                    "number to draw", bar.where)
            units.append(value[1])
        unit = chart.unit or units[0]
        for bar, counted in zip(chart.bars, units):
            if counted != unit:
                raise decoder.error(
                    f"chart {name} compares unlike figures: '{bar.figure}' counts "
                    f"'{counted}', the chart counts '{unit}'", bar.where,
                    hint="give a chart figures of one unit (名 with 名, 万元 with 元), or "
                         "make two charts")


def same_title(title: str, named: str) -> bool:
    """Whether a section titled `title` is the one `named`: a line break in a title is where
    its head breaks (临江连续三届 / 获评全国文明城市), not a part of its name."""
    return title.replace("\n", "") == named.replace("\n", "")


def _check_quote(content: Content, decoder: Decoder, ref: ItemRef, figure: str, label: str,
                 where: Location | None) -> None:
    """A figure and its label both occur in the report item `ref` names: nothing a panel or a
    chart shows can say what the text does not."""
    section = content.section(ref.section)
    alike = [s for s in content.sections if same_title(s.title, ref.section)]
    if len(alike) > 1:
        lines = " and ".join(str(s.where.line) for s in alike if s.where)
        raise decoder.error(
            f"figure {figure} quotes section '{ref.section}', and {len(alike)} sections have "
            f"that title (lines {lines})", ref.where,
            hint="a figure names the section it quotes by its title: give each section its "
                 "own title, or delete the copy")
    if section is None:
        spaced = next((s.title for s in content.sections
                       if "".join(s.title.split()) == "".join(ref.section.split())), "")
        raise decoder.error(
            f"figure {figure} quotes section '{ref.section}', which is not on the page",
            ref.where, hint=f"a section is titled «{spaced}»: quote its title as it is "
                            "written, spaces and all" if spaced
            else _titles(content, ref.section))
    items = section.report.items if section.report else []
    if not 1 <= ref.item <= len(items):
        raise decoder.error(
            f"section {ref.section} has {len(items)} report items; there is no item {ref.item}",
            ref.where, hint=f"items are numbered from 1 to {len(items)}, in the order of its "
                            "report's items")
    text = items[ref.item - 1]
    for part, what in ((figure, "figure"), (label, "label")):
        if part not in text:  # placed at the value that is not quoted, where it is written
            at = decoder.locations.get(f"{where.path}.{what}", where) if where else where
            alike = _written_alike(part, text)
            raise decoder.error(
                f"the {what} '{part}' does not occur in {ref.section} item {ref.item}",
                at, hint=f"the item writes it «{alike}»: quote it as written" if alike
                else f"the item reads: {text}")


def _titles(content: Content, quoted: str) -> str:
    """The section titles a figure may quote: the nearest the quoted one first, at most ten
    (a page of three hundred sections listed them all, 3 kB of hint)."""
    titles = [s.title for s in content.sections]
    near = difflib.get_close_matches(quoted, titles, n=1, cutoff=0.5)
    listed = "sections: " + "、".join(titles[:10]) + (
        f"… ({len(titles)} in all)" if len(titles) > 10 else "")
    return f"did you mean '{near[0]}'? {listed}" if near else listed


def _written_alike(part: str, text: str) -> str:
    """How `text` writes what `part` quotes with other marks or widths (95％ for 95%, 慰问金,
    救助款 for 慰问金、救助款), or ''."""
    def folded(s: str) -> str:
        return unicodedata.normalize("NFKC", s).replace("、", ",")

    wanted, plain = folded(part), folded(text)
    at = plain.find(wanted)
    if at < 0 or len(plain) != len(text):
        return ""
    return text[at:at + len(wanted)]


# display lines: a head is a few lines of large type — the longest a newspaper prints (a
# kicker or subhead of a report) runs to some 80 characters. Past this bound the text is body
# copy pasted into a head, and setting it would cost the headline fit's many trial sizes
# and measures over the whole text (16 000 characters took 17 s and half a gigabyte)
DISPLAY = re.compile(r"headline|kicker|subhead|sections\[\d+\]\.(title|kicker|subhead)"
                     r"|sections\[\d+\]\.report\.title|honour_roll\.title|edition\.page_title")
DISPLAY_MOST = 300  # characters


def _check_display(content: Content, decoder: Decoder) -> None:
    for path, where in decoder.locations.items():
        text = content.at(path) if DISPLAY.fullmatch(path) else None
        if isinstance(text, str) and len(text) > DISPLAY_MOST:
            raise decoder.error(
                f"'{path}' is {len(text):,} characters long: a head is a few lines of display "
                f"type (at most {DISPLAY_MOST} characters here)", where,
                hint="shorten it; body text goes in lead: or a section's body:")


# A pair of marks around nothing would print nothing of what was typed: asterisks masking
# a number (138****8000) read as an empty emphasis, and the number printed 1388000
_ASTERISKS = "to print asterisks (a masked number), type the full-width ＊: 138＊＊＊＊8000"


def _check_marks(text: str, where, decoder: Decoder) -> None:
    """Emphasis (**) and not-a-figure (`) marks come in pairs, each around some text."""
    if text.count("**") % 2:
        raise decoder.error("an emphasis mark ** is not closed", where,
                            hint="mark emphasis in pairs: 开展劳动竞赛**80余次**; " + _ASTERISKS)
    triple = re.search(r"(?<!\*)\*\*\*(?!\*)", text)
    if triple:  # Markdown's bold italic: here ** and an asterisk printed
        raise decoder.error("three asterisks ***: ** marks emphasis, and the third would print "
                            "as an asterisk", where,
                            hint="mark emphasis with two: 开展劳动竞赛**80余次** (there is no "
                                 "italic); " + _ASTERISKS)
    italic = re.search(r"(?<!\*)\*([^\s*\0][^*\0]*)\*(?!\*)", text.replace("**", "\0"))
    if italic and not re.fullmatch(r"[\d.]+", italic[1]):  # 1*2*3 is a product typed
        # Markdown's italic, which spread does not have: both asterisks would print
        raise decoder.error(f"*{italic[1]}* between single asterisks: Markdown's italic, which "
                            "spread prints as two asterisks", where,
                            hint=f"mark emphasis with two: **{italic[1]}**; " + _ASTERISKS)
    if any(not part.strip() for part in text.split("**")[1::2]):
        raise decoder.error("an emphasis ** ** around no text: its asterisks would not print",
                            where, hint=_ASTERISKS)
    if text.count("`") % 2:
        raise decoder.error("a not-a-figure mark ` is not closed", where,
                            hint="mark text that is not a figure in pairs: 引进`A320`客机")
    if "" in text.split("`")[1::2]:
        raise decoder.error("a not-a-figure mark ` ` around no text: its marks would not "
                            "print", where, hint="mark text that is not a figure in pairs: "
                            "引进`A320`客机; to print a backtick, type the full-width ｀")


def _check_text(content: Content, decoder: Decoder) -> None:
    if not content.headline.strip():
        raise decoder.error("the headline is empty",
                            decoder.locations.get("headline", content.where),
                            hint="write the page's headline (主标题)")
    _check_display(content, decoder)
    for path, where in decoder.locations.items():
        text = content.at(path)
        if isinstance(text, str):
            _check_marks(text, where, decoder)
    for i, section in enumerate(content.sections):
        if not section.title.strip():
            raise decoder.error("a section has an empty title", section.where)
        if section.table:
            _check_table(section.table, f"sections[{i}].table", decoder)
    roll = content.honour_roll
    if roll is not None and not roll.title.strip():  # the title band would stand empty
        raise decoder.error("the honour roll's title is empty", decoder.locations.get(
            "honour_roll.title", roll.where), hint="write its title, or delete the line for "
                                                   "the default, 荣誉榜")
    for path, where in decoder.locations.items():
        if re.fullmatch(r"(lead|sections\[\d+\]\.body)\[\d+\]", path) \
                and not content.at(path):
            raise decoder.error("an empty paragraph", where,
                                hint="delete the item, or write the paragraph's text")
        if re.fullmatch(r"(sections\[\d+\]\.)?pictures\[\d+\]", path) \
                and not content.at(path).file:
            raise decoder.error("a picture with no file", decoder.locations.get(
                f"{path}.file", where), hint="file: the photo's file, relative to this "
                "content file, e.g. photos/lead.jpg")
        if re.fullmatch(r"(sections\[\d+\]\.)?pictures\[\d+\]\.file", path):
            _check_file_name(content.at(path), decoder.locations.get(path, where), decoder)
    for path, doc in _texts_wanted(content, ""):
        if not content.at(path).strip():
            key = _field_name(path).rstrip("[]")
            item = path.endswith("]")
            raise decoder.error(f"an empty item of {key}" if item else f"'{key}' is empty",
                                decoder.locations.get(path, content.where),
                                hint=(f"write {doc}, or delete the " +
                                      ("item" if item else "entry it belongs to")))


def _check_table(table: Table, path: str, decoder: Decoder) -> None:
    """A table has rows, and every row as many cells as its head (or, without one, as its
    first row): a cell left out would shift the rest of its row into the wrong columns."""
    if not table.rows:  # an empty table (a skeleton's) prints nothing; a head alone is a slip
        if table.columns:
            raise decoder.error("a table with a head and no rows", decoder.locations.get(
                f"{path}.rows", table.where), hint="rows: one list of cells a row, e.g. "
                                                    "- [杭州, 多云, 8～16℃]")
        return
    width = len(table.columns) or len(table.rows[0])
    said = "its head has" if table.columns else "its first row has"
    for k, row in enumerate(table.rows):
        if len(row) != width:
            raise decoder.error(
                f"row {k + 1} of the table has {len(row)} cell(s); {said} {width}",
                decoder.locations.get(f"{path}.rows[{k}]", table.where),
                hint=_cells_hint(row, width))


def _cells_hint(row: list[str], width: int) -> str:
    """What to write for a row short of cells: its cells split at the full-width commas (or
    ideographic commas) YAML read as text, when that makes the row whole."""
    parts = [re.split(r"[，、]", cell) for cell in row]
    cells = [c.strip() for cell in parts for c in cell]
    if len(row) < width and len(cells) == width:
        mark = "，" if any("，" in cell for cell in row) else "、"
        said = "a full-width comma" if mark == "，" else "the enumeration comma"
        return (f"'{mark}' is {said}, which YAML reads as text, not as the ', ' between two "
                f"cells: write [{', '.join(cells)}]")
    return "give every row a cell for each column, \"\" for one left blank"


# a date as a folio prints it — 2021-12-01, 2021/12/1, 2021.12.01, 2021年12月1日 — and the
# weekday after it (星期三, 周三)
_DATE = re.compile(r"(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|年(\d{1,2})月(\d{1,2})日)"
                   r"(?:\s*(?:星期|周|礼拜)([一二三四五六日天]))?")
_WEEKDAYS = "一二三四五六日"


def _check_date(content: Content, decoder: Decoder) -> None:
    """The folio's date is a day of the calendar, and its weekday that day's: 2025-13-01 or
    2021年2月29日 is a slip of the keys, and a wrong 星期 is printed on every copy."""
    import datetime

    text = content.edition.date
    for found in _DATE.finditer(text):
        year = int(found[1])
        month, day = (int(found[3]), int(found[4])) if found[2] else (int(found[5]),
                                                                       int(found[6]))
        at = decoder.locations.get("edition.date", content.where)
        node = decoder.text_nodes.get("edition.date")
        if node is not None and node.raw:
            at = character_location(decoder.text, node, max(node.raw.find(found[0]), 0))
        try:
            date = datetime.date(year, month, day)
        except ValueError:
            problem = ("there is no year 0" if year < 1 else
                       f"there is no month {month}" if not 1 <= month <= 12 else
                       "there is no day 0" if day < 1 else
                       f"{year}年{month}月 has {_days_in(year, month)} days")
            raise decoder.error(f"the date «{found[0]}» is no day of the calendar: {problem}",
                                at, hint="write the edition's date as it is printed, e.g. "
                                         "2021-12-01 or 2021年12月1日") from None
        weekday = found[7] and ("日" if found[7] == "天" else found[7])
        if weekday and _WEEKDAYS[date.weekday()] != weekday:
            raise decoder.error(
                f"{year}年{month}月{day}日 is a 星期{_WEEKDAYS[date.weekday()]}, not a "
                f"星期{weekday}", at, hint=f"write 星期{_WEEKDAYS[date.weekday()]}, or the "
                                            "date meant")


# a masthead's registration numbers (GB/T 9999.2): the CN number, 地区号-序号 and an optional
# /分类号 (CN 11-0001, CN 11-1234/G2), and the post office's 邮发代号 (1-23, 31-18)
_CODES = {"cn": (re.compile(r"CN ?\d{2}-\d{4}(?:/[0-9A-Z.]+)?"), "CN 11-0001",
                 "国内统一连续出版物号: CN, a space, the two-figure region, a hyphen and the "
                 "four-figure serial"),
          "postal_code": (re.compile(r"\d{1,2}-\d{1,4}"), "31-18",
                          "邮发代号: the region's figures, a hyphen and the serial")}


def _check_codes(content: Content, decoder: Decoder) -> None:
    """The CN number and 邮发代号 a masthead prints after their labels are read as written,
    on every copy: one of another shape — the label typed in too, a letter for a figure — is
    refused at its line with the shape expected."""
    for key, (shape, example, what) in _CODES.items():
        text = getattr(content.edition, key)
        if text and not shape.fullmatch(text):
            at = decoder.locations.get(f"edition.{key}", content.where)
            label = "国内统一连续出版物号" if key == "cn" else "邮发代号"
            hint = (f"write the number alone: the masthead prints «{label}» before it"
                    if label in text else f"write it as {what}, e.g. {example}")
            raise decoder.error(f"edition.{key} «{text}» is not a {label}", at, hint=hint)


def _days_in(year: int, month: int) -> int:
    import calendar

    return calendar.monthrange(year, month)[1]


# quotes a Chinese input method types, which YAML keeps as part of the text
_WIDE_QUOTES = "“”‘’「」『』《》"


def _check_file_name(name: str, where: Location, decoder: Decoder) -> None:
    """A picture's file written in Chinese quotes (“photos/lead.jpg”) names a file whose
    name holds the quotes: refused with the name to write."""
    if name[:1] in _WIDE_QUOTES or name[-1:] in _WIDE_QUOTES:
        bare = name.strip(_WIDE_QUOTES + " ")
        raise decoder.error(f"the file name «{name}» is in Chinese quotes, which YAML keeps as "
                            "part of the name", where,
                            hint=f"write file: {bare} (a name needs no quotes; YAML's are the "
                                 "ASCII ' and \")")


def _texts_wanted(obj, path: str):
    """(path, description) of every text the format requires — a key with no default, an
    item of a list of texts — below `obj`: one left empty prints nothing where the layout
    sets something (a bare bullet, an honour roll line with no award)."""
    for f in yaml_fields(obj):
        key = f.metadata.get(KEY, f.name)
        value, here = getattr(obj, f.name), f"{path}.{key}" if path else key
        doc = f.metadata.get(DOC, key)
        if isinstance(value, str) and f.default is dataclasses.MISSING \
                and f.default_factory is dataclasses.MISSING:
            yield here, doc
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield f"{here}[{i}]", doc
                elif dataclasses.is_dataclass(item):
                    yield from _texts_wanted(item, f"{here}[{i}]")
        elif dataclasses.is_dataclass(value):
            yield from _texts_wanted(value, here)


# a name is letters (any script) and the marks that join a name's parts: the 间隔号 of
# transliterated names (买买提·艾力, GB/T 15834 §4.14) as it is typed — U+00B7, the hyphenation
# point U+2027 and the katakana middle dots U+30FB, U+FF65. A space, a comma or a digit is no
# part of one name. The composer keeps these off a line start (compose.classes.INTERPUNCTS,
# made from this and the bullet) — but a bullet is no part of a name: typed between two
# names it lists two people, typed for the 间隔号 it prints the wrong mark
NAME_JOINERS = "\u00b7\u2027\u30fb\uff65"
# marks typed for the 间隔号 that it is not: the bullets, a full stop between the parts
NOT_JOINERS = "\u2022\u2219\u22c5\u2024\uff0e."


NAME = re.compile(r"honour_roll(\.items\[\d+\])+\.names\[\d+\]")


def name_fault(name: str) -> tuple[int, str] | None:
    """Where a name is not one person's name, and what is there: a space (the layout spaces
    names, and spreads 张　三 to its cell itself), a comma listing two, a digit. A note in
    full-width brackets at its end (张伟（女）) tells two people of one name apart, as the
    repeated-name lint asks."""
    note = re.search(r"（\w+）$", name)  # 张伟（女）: two people of one name told apart
    for i, ch in enumerate(name[:note.start()] if note and note.start() else name):
        if ch not in NAME_JOINERS and not unicodedata.category(ch).startswith(("L", "M")):
            if ch == "\u3000":
                return i, "a full-width space (U+3000)"
            return i, "a space" if ch.isspace() else f"«{ch}»"
    return None


__all__ = ["Content", "Section", "Report", "HonourRoll", "HonourItem", "Figure", "ItemRef",
           "Chart", "Bar", "count", "Picture", "Edition", "Credits", "load"]
