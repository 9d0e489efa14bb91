"""Hostile content: broken content files, each made here, built through the console entry
point (`spread.cli.main`, output captured) in one child process under a CPU-time limit.
Each must end with its documented exit code — 2 for input that does not validate, 1 for text
that does not fit (overset) or text lying on another element — with a message that names
file:line:column, no traceback, no "internal error", and no file written."""

from __future__ import annotations

import json
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CONTENT, LAYOUT, ROOT, edition_files, run_cli_cases

CPU_SECONDS = 300  # for the whole corpus, which takes a few seconds: a bound on work, not time
DEFAULT = CONTENT.read_text(encoding="utf-8")
NOGLYPH = "\U000F0001"  # supplementary private use: no font has a glyph there


def edit(*pairs: str, text: str = DEFAULT) -> str:
    """The default content with each (old, new) replaced once; old must be there."""
    for old, new in zip(pairs[::2], pairs[1::2]):
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


SIXTH = "  - title: 第六节\n    intro: 多出来的一节。\n\n# Correction 6"
ITEM = "参与职工7.7万余人次"  # 建功立业 item 1, which a 数说 figure quotes
BAR = "劳模63名"  # 建功立业 item 2, which the chart quotes
ITEM_3 = "        - 命名“工匠学堂”4家，组织4000余名职工参加技能培训、学历提高班；"  # quoted by none

# name → (content text or bytes, exit code, what the message says)
CASES: dict[str, tuple[str | bytes, int, str]] = {
    # item 1: content the layout does not place
    "a sixth section": (edit("# Correction 6", SIXTH), 2, "sections[5] «第六节»"),
    "a picture the layout has no region for": (
        DEFAULT + "pictures:\n  - file: photo.jpg\n    caption: 会场\n", 2, "pictures[0]"),
    # item 2: fixed-size elements
    # the banner sets a longer headline smaller (headline_fit), down to two thirds
    "a 42-character headline": (edit("headline: 画说工会这五年", "headline: " + "画说工会这五年" * 6),
                                1, "the banner (columns 1-8)"),
    "a 35-character headline": (edit("headline: 画说工会这五年", "headline: " + "画说工会这五年" * 5),
                                1, "mm over"),
    "a section title too long for its tab": (
        edit("- title: 文化文明", "- title: " + "文化文明" * 5), 1, "tab"),
    "a folio line too long for the page": (
        edit('paper: ""', "paper: " + "奉化日报" * 40), 1, "edition line"),
    "an honour roll title too long for the page": (
        edit("title: 荣誉榜", "title: " + "荣誉榜" * 30), 1, "honour_roll makes the page"),
    # item 3: line breaks in values
    "a literal block in a section title": (
        edit("- title: 建功立业", "- title: |\n      建功\n      立业"), 2, "line break"),
    "a blank line inside a lead paragraph": (
        edit("  - 五年秉持初心，笃然奋进；", "  - |\n    五年秉持初心。\n\n    笃然奋进；"), 2,
        "blank line"),
    "a literal block making the headline four lines": (
        edit("headline: 画说工会这五年", "headline: |\n  画说工会\n  这五年\n  画说工会\n  这五年"),
        1, "4 line(s)"),
    "a line separator in a figure label": (
        edit("label: 参与职工", 'label: "参与\\u2028职工"'), 2, "line break"),
    # item 4: control and format characters, missing glyphs
    "NUL in the headline": (edit("headline: 画说工会这五年", 'headline: "画说\\0工会"'), 2, "U+0000"),
    "BEL in the headline": (edit("headline: 画说工会这五年", 'headline: "画说\\a工会"'), 2, "U+0007"),
    "a zero-width space in the headline": (
        edit("headline: 画说工会这五年", "headline: 画说\u200b工会"), 2, "U+200B"),
    "a right-to-left override in the headline": (
        edit("headline: 画说工会这五年", "headline: 画说\u202e工会"), 2, "U+202E"),
    "a byte-order mark inside a value": (
        edit("kicker: ——喜迎", "kicker: ——\ufeff喜迎"), 2, "U+FEFF"),
    "a tab inside the kicker": (edit("kicker: ——喜迎区工会第一次代表大会",
                                     'kicker: "——\\t喜迎区工会第一次代表大会"'), 2, "U+0009"),
    "a lone surrogate": (edit("headline: 画说工会这五年", 'headline: "画说\\ud800工会"'), 2,
                         "U+D800"),
    "a lone surrogate in a key": (edit("kicker: ——", '"\\udfff": 1\nkicker: ——'), 2,
                                  "U+DFFF"),
    "a NUL escape in a picture's file name": (
        DEFAULT + 'pictures:\n  - file: "photo\\0.jpg"\n    caption: 会场\n', 2, "U+0000"),
    # item 9: a file with a headline and nothing else
    "a headline-only file": ("headline: 画说工会这五年\n", 2, "sections[0]"),
    # wrong types and broken references
    "lead as a mapping": (edit("lead:\n", "lead:\n  first:\n", text=DEFAULT.replace(
        "\n  - 五年秉持", "\n    - 五年秉持").replace("\n  - 回眸", "\n    - 回眸").replace(
        "\n  - 时值", "\n    - 时值")), 2, "expected a list"),
    "report items as one text": (
        "headline: 画说\nsections:\n  - title: 甲\n    report:\n      items: 一项\n", 2,
        "expected a list"),
    "a figure that does not occur in its item": (
        edit("figure: 1445家", "figure: 1446家"), 2, "does not occur"),
    "a figure quoting an item that is not there": (
        edit("from: {section: 关心关爱, item: 5}", "from: {section: 关心关爱, item: 50}"), 2,
        "no item 50"),
    "a figure quoting a section that is not there": (
        edit("from: {section: 关心关爱, item: 5}", "from: {section: 关爱, item: 5}"), 2,
        "not on the page"),
    "an unclosed emphasis mark": (edit("评选模范集体49家", "评选模范集体**49家"), 2, "**"),
    "an empty headline": (edit("headline: 画说工会这五年", 'headline: "  "'), 2, "empty"),
    "an empty file": ("", 2, "missing required key 'headline'"),
    "a duplicate key": (edit("kicker: ——", "kicker: 一\nkicker: ——"), 2, "duplicate key"),
    "a misspelt key": (edit("headline: 画说", "headlin: 画说"), 2, "did you mean 'headline'"),
    "a chart of one bar": (
        edit("      - {figure: 15名, label: 凤麓工匠, from: {section: 建功立业, item: 2}}\n"
             "      - {figure: 2名", "      - {figure: 2名").replace(
            "      - {figure: 25名, label: 闪亮星职工, from: {section: 建功立业, item: 2}}\n", "")
        .replace("      - {figure: 6名, label: 首席工人, from: {section: 建功立业, item: 2}}\n", "")
        .replace("      - {figure: 85名, label: 技术能手, from: {section: 建功立业, item: 2}}\n", "")
        .replace("      - {figure: 2名, label: 港城工匠, from: {section: 建功立业, item: 2}}\n", ""),
        2, "1 bar(s)"),
    # files that are not what they claim
    "bytes that are not UTF-8": (DEFAULT.encode("utf-8")[:200] + b"\xff\xfe\x00garbage", 2,
                                 "not UTF-8"),
    "a file over the size bound": ("headline: 大\nlead:\n" + "  - 很长的一段。\n" * 200_000, 2,
                                   "MB"),
    "nesting far too deep": (
        "headline: 深\nhonour_roll:\n  items:\n" + "".join(
            "  " * (k + 1) + "- text: 层\n" + "  " * (k + 2) + "items:\n" for k in range(70)),
        2, "nesting"),
    "an alias bomb": (
        "headline: 炸\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: [*d, *d, *d, *d, *d, *d, *d, *d]\n", 2, "50000"),
}

# an overset of no text — a chart of twelve bars that does not fit its column — says what
# to cut: bars, or text before it (it said «cut about 0 characters»)
SIX_BARS = DEFAULT[DEFAULT.index("      - {figure: 63名"):
                   DEFAULT.index("\n", DEFAULT.index("      - {figure: 85名")) + 1]
CASES["a chart of twelve bars"] = (edit(SIX_BARS, SIX_BARS * 2), 1,
                                   "cut at least 1 of the 12 bars of charts[0]")

# nine 数说 figures: the panel sets its figures smaller to fit, down to exactly the 10 pt
# newsprint holds for its red (3-ink) units (eight fit there) but never below — it stops
# and reports the figure that does not fit, by how much (it built a page that then failed
# its print checks)
CASES["nine 数说 figures"] = (edit(
    "    chart: ring\n", "    chart: ring\n"
    "  - figure: 41场次\n    label: 举办职工技术比武\n    from: {section: 建功立业, item: 1}\n"
    "  - figure: 49家\n    label: 评选模范集体\n    from: {section: 建功立业, item: 1}\n"
    "  - figure: 7.7万余人次\n    label: 参与职工\n    from: {section: 建功立业, item: 1}\n"), 1,
    "at the smallest size print holds (its figure_unit type would be 9.6 pt, below the 10 pt "
    "minimum for 3-ink type)")

# the hunt: YAML as editors and other programs write it
CASES.update({
    "a file saved as UTF-16": (DEFAULT.encode("utf-16"), 2, "it is UTF-16"),
    "an alias that holds itself": (DEFAULT + "\nextra: &x [*x]\n", 2,
                                   "the alias *x stands inside the value its anchor &x names"),
    "a second document": (DEFAULT + "\n---\nheadline: 第二\n", 2, "a second document starts here"),
    "a list as a key": (edit("headline: 画说工会这五年", "? [a, b]\n: 1\nheadline: 画说工会这五年"),
                        2, "a key must be a plain name"),
    "a document-end marker first": ("...\n" + DEFAULT, 2, "a line of ... ends the document"),
    "a 10 MB headline": (edit("headline: 画说工会这五年", 'headline: "' + "画" * 3_500_000 + '"'),
                         2, "up to 2 MB"),
    "a headline of full-width spaces": (edit("headline: 画说工会这五年", 'headline: "\u3000\u3000"'),
                                        2, "the headline is empty"),
    "an emoji as two surrogate escapes": (
        edit("headline: 画说工会这五年", 'headline: "画说\\ud83d\\ude00"'), 2, "lone surrogate U+D83D"),
    # the hunt (3): tags that make a text something else, breaks no editor shows
    "a headline tagged !!binary": (edit("headline: 画说工会这五年", "headline: !!binary 5Lit5paH"),
                                   2, "a text tagged !!binary"),
    "a report item tagged !!float": (edit(ITEM_3, "        - !!float 12"), 2,
                                     "a text tagged !!float"),
    "a line separator pasted into an item": (edit(ITEM_3, "        - 职工\u2028学堂"), 2,
                                             "U+2028 (LINE SEPARATOR), which YAML reads as the "
                                             "end of a line"),
    "a NEL pasted into the kicker": (edit("kicker: ——喜迎", "kicker: ——\x85喜迎"), 2,
                                     "U+0085 (NEXT LINE)"),
    "a file saved as UTF-16 without its mark": (DEFAULT.encode("utf-16-le"), 2,
                                                "it looks like UTF-16"),
    "an English file saved as UTF-16 without its mark": (
        "headline: Title\nlead:\n  - Text.\n".encode("utf-16-be"), 2, "it looks like UTF-16"),
    # the hunt (6): the encoding a Chinese Windows editor saves in was «not UTF-8» at 1:1,
    # whatever line the first such byte stood on
    "a file saved as GBK": (DEFAULT.encode("gb18030"), 2,
                            "content.yaml:1:3: the file is not UTF-8 text: it looks like "
                            "GBK/GB18030, the encoding Chinese Windows editors save in"),
    # a mark that composes nothing with a Chinese character was set alone: an acute on 画
    # stood on the ink of the next character, with exit 0
    "an acute on a Chinese character": (
        edit("headline: 画说工会这五年", 'headline: "画\\u0301说工会这五年"'), 2,
        "content.yaml:22:13 (headline): the combining mark U+0301 (COMBINING ACUTE ACCENT) "
        "after '画' makes no character with it"),
    "a dakuten on a Han character": (edit("headline: 画说工会这五年", "headline: 画说\u3099"), 2,
                                     "content.yaml:22:13 (headline): the combining mark U+3099 "
                                     "(COMBINING KATAKANA-HIRAGANA VOICED SOUND MARK) after '说'"),
    "a mark that starts a paragraph": (edit("  - 五年秉持初心", "  - \u20dd五年秉持初心"), 2,
                                       "(COMBINING ENCLOSING CIRCLE) at the start of the text"),
    "a Latin-1 é in the headline": (DEFAULT.encode("utf-8").replace(
        "headline: 画说工会这五年".encode("utf-8"), b"headline: caf\xe9"), 2,
        "content.yaml:22:14: the file is not UTF-8 text\n"),
    # the hunt (5): a tag asking for a value its text is not (they were exit 3: KeyError,
    # AttributeError out of PyYAML's constructors)
    "a headline tagged !!bool that is no truth value": (
        edit("headline: 画说工会这五年", "headline: !!bool maybe"), 2,
        "'maybe' is not a value of the tag !!bool"),
    "a report item tagged !!timestamp that is no date": (
        edit(ITEM_3, "        - !!timestamp 工匠学堂"), 2,
        "'工匠学堂' is not a value of the tag !!timestamp"),
    "an empty kicker tagged !!float": (edit("kicker: ——喜迎区工会第一次代表大会",
                                            'kicker: !!float ""'), 2,
                                       "'' is not a value of the tag !!float"),
    # the hunt (5): a ring of a figure that is no share of the whole (exit 0: a ring wound
    # past itself, or an empty ring around 95)
    "a ring of 150%": (edit("动态保持在95%以上", "动态保持在150%以上", "  - figure: 95%以上",
                            "  - figure: 150%以上"), 2, "it is more than 100%"),
    "a ring of per mille": (edit("动态保持在95%以上", "动态保持在95‰以上", "  - figure: 95%以上",
                                 "  - figure: 95‰以上"), 2,
                            "it does not start with a number of per cent"),
    "a ring whose % stands apart": (edit("动态保持在95%以上", "动态保持在95 %以上",
                                         "  - figure: 95%以上", "  - figure: 95 %以上"), 2,
                                    "the % right after the number"),
    "a headline tagged !!omap": (edit("headline: 画说工会这五年", "headline: !!omap 画说"), 2,
                                 "delete the tag !!omap"),
    # a 数说 panel of a hundred figures: cells narrower than their padding (it was exit 3)
    "a hundred 数说 figures": (edit("figures:\n", "figures:\n" + "  - figure: 49家\n    label: "
                                   "评选模范集体\n    from: {section: 建功立业, item: 1}\n" * 100),
                              1, "figures leave each a 数说 cell of 3.3 mm, less than its padding"),
})

# issue 16 item 4: news stories misused — each refused at its own line, before layout
STORY = "  - title: 文化文明\n"  # the section without an intro: a story's parts go here
NEWS_CASES: dict[str, tuple[str, str]] = {
    "a byline that is a list": ("    byline: [记者 张三, 通讯员 李四]\n",
                                "a byline is one line of text"),
    "a dateline that is a mapping": ("    dateline: {city: 北京}\n", "a dateline is one text"),
    "a byline broken over two lines": ("    byline: |\n      记者 张三\n      通讯员 李四\n",
                                       "line break"),
    "an empty body paragraph": ("    body:\n      - 第一段。\n      - \"\"\n", "an empty paragraph"),
    "a body paragraph with nothing": ("    body:\n      - 第一段。\n      -\n",
                                      "each item of body is one paragraph"),
    "a blank line inside a body paragraph": ("    body:\n      - |\n        第一段。\n\n"
                                             "        第二段。\n", "blank line"),
    "a body given as one text": ("    body: 第一段。\n", "expected a list"),
    "an intro given as a list of paragraphs": ("    intro: [第一段。, 第二段。]\n",
                                               "write a story's paragraphs as a list under body"),
    "a photo without a file": ("    pictures:\n      - caption: 会场\n        credit: 记者 王某 摄\n",
                               "missing required key 'file'"),
    "a photo with an empty file": ("    pictures:\n      - file: \"\"\n        caption: 会场\n",
                                   "a picture with no file"),
    "a photo given as a file name alone": ("    pictures: [photo.jpg]\n", "expected a mapping"),
    "a caption that is a list": ("    pictures:\n      - file: photo.jpg\n        caption: [甲, 乙]\n",
                                 "a caption is one text"),
    "a misspelt subhead": ("    subheading: 副题\n", "did you mean 'subhead'"),
}
for name, (lines, says) in NEWS_CASES.items():
    CASES[name] = (edit(STORY, STORY + lines), 2, says)
# the default layout has no byline style: the section region says which to add, at its line
CASES["a byline the commemorative layout has no style for"] = (
    edit(STORY, STORY + "    byline: 本报记者 张三\n"), 2, "style 'byline', which the layout")
CASES["a top-level byline no region places"] = (
    edit("lead:\n", "byline: 本报记者 张三\nlead:\n"), 2, "byline «本报记者 张三»")

# item 4 again: a character no font has, in each element of the page — each role's chain
GLYPH_CASES = {
    "headline": ("headline: 画说工会这五年", f"headline: 画说{NOGLYPH}工会"),
    "kicker": ("kicker: ——喜迎", f"kicker: ——{NOGLYPH}喜迎"),
    "lead": ("  - 五年秉持初心", f"  - 五年{NOGLYPH}秉持初心"),
    "section title (tab)": ("- title: 文化文明", f"- title: 文化{NOGLYPH}文明"),
    "intro": ("intro: 五年来，区总工会坚持", f"intro: 五年来，{NOGLYPH}区总工会坚持"),
    "report item": ("开展“三重一新”劳动竞赛", f"开展“三重一新”{NOGLYPH}劳动竞赛"),
    "report title": ("      title: 晒晒成绩单：\n      items:\n        - 区镇两级",
                     f"      title: 晒晒{NOGLYPH}成绩单：\n      items:\n        - 区镇两级"),
    "honour roll title (vertical)": ("title: 荣誉榜", f"title: 荣誉{NOGLYPH}榜"),
    "honour roll item": ("text: 浙江省工会财务先进单位", f"text: 浙江省工会{NOGLYPH}财务先进单位"),
    "figure label (数说)": (ITEM, f"参与职工{NOGLYPH}7.7万余人次", "label: 参与职工",
                          f"label: 参与职工{NOGLYPH}"),
    "chart label": (BAR, f"劳模{NOGLYPH}63名", "label: 劳模,", f"label: 劳模{NOGLYPH},"),
    "folio": ('paper: ""', f"paper: 奉化{NOGLYPH}日报"),
    "credits": ('editor: ""', f"editor: 张{NOGLYPH}三"),
}
for element, pairs in GLYPH_CASES.items():
    CASES[f"a character no font has in the {element}"] = (edit(*pairs), 2, "U+F0001")
# round 7: characters no font is the remedy for were «missing from every configured font»,
# hint «add a font that has them»
CASES["a replacement character (text lost in a conversion)"] = (
    edit("kicker: ——喜迎", "kicker: ——\ufffd喜迎"), 2,
    "the replacement character, left where converting the text from another encoding lost "
    "a character")
CASES["a private-use character (a typesetting system's own code)"] = (
    edit("kicker: ——喜迎", "kicker: ——\ue3c1喜迎"), 2,
    "a private-use code point, which draws whatever the font it was typed for puts there")
CASES["a noncharacter written as an escape"] = (
    edit("kicker: ——喜迎区工会第一次代表大会", 'kicker: "——\\uFDD0喜迎"'), 2,
    "a noncharacter, which stands for no character: delete it")
CASES["a headline saved in UTF-8 and read back as Windows-1252"] = (
    edit("headline: 画说工会这五年", "headline: " + "画说工会这五年".encode().decode("cp1252")), 2,
    "(mojibake)\n   22 | headline: ç”»è¯´å·¥ä¼šè¿™äº”å¹´\n                  ^\nhint: it reads «画说工会这五年»")
CASES["an empty headline"] = (edit("headline: 画说工会这五年", "headline: ''"), 2,
                              "content.yaml:22:11 (headline): the headline is empty")

LOCATED = re.compile(r"(content\.yaml|default\.yaml|layout\.yaml):\d+:\d+")
FILE_LEVEL = {"a file over the size bound", "a 10 MB headline"}  # the whole file is the place: no line to name



def _limit_cpu() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def run_corpus(cases: list[dict]) -> dict:
    """Each case through spread.cli.main, in one child process under the CPU limit."""
    return run_cli_cases(cases, CPU_SECONDS)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("hostile")
    cases = []
    for i, (name, (text, _, _)) in enumerate(CASES.items()):
        folder = base / f"case{i}"
        folder.mkdir()
        path = folder / "content.yaml"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        cases.append({"name": name, "args": ["build", str(path), "--layout", str(LAYOUT),
                                             "-o", str(folder / "out"), "--rendition", "print"]})
    return {"results": run_corpus(cases), "base": base,
            "folders": {c["name"]: Path(c["args"][1]).parent for c in cases}}


def test_an_overset_of_no_text_says_what_to_cut_in_words_that_make_sense(corpus):
    said = corpus["results"]["a chart of twelve bars"]["stderr"]
    assert "cut about 0 characters" not in said and "0 characters over" not in said, said
    assert "1 line (a chart or photo, no text) over in region 'section'" in said, said
    assert re.search(r"or cut about [1-9]\d* characters of the text before it in sections\[0\]",
                     said), said


def test_overset_messages_of_a_news_page_say_no_negative_size_nor_a_bare_region(tmp_path):
    """A news lead of 40 more paragraphs oversets every story: the stories left with no
    room said «-20.3 mm tall», the lead's story region «region 'story '»."""
    from spread.validate import set_page

    news = ROOT / "layout" / "news" / "content.yaml"
    text = news.read_text(encoding="utf-8")
    para = "  - 经过三年修缮，市图书馆今天上午重新开放，不少读者天不亮就从郊区赶来。\n"
    path = tmp_path / "content.yaml"
    path.write_text(text.replace("lead:\n", "lead:\n" + para * 40, 1), encoding="utf-8")
    shutil.copytree(news.parent / "photos", tmp_path / "photos")
    page = set_page(str(path), str(ROOT / "layout" / "news.yaml"))
    messages = [p.error.message for p in page.problems]
    assert len(messages) >= 3 and any("with no room at all" in m for m in messages), messages
    for message in messages:
        assert not re.search(r"-\d+(\.\d+)? mm", message), message
        assert not re.search(r"'[^']* '", message), message


def test_nine_figures_stop_at_the_type_minimum_and_say_which_figure_and_how_much(corpus):
    said = corpus["results"]["nine 数说 figures"]["stderr"]
    assert re.search(r"content\.yaml:\d+:\d+ \(figures\[\d\]\): overset: the figure '[^']+' "
                     r"does not fit its 数说 cell", said), said
    assert re.search(r"at 6\d% size it is [\d.]+ mm wide, its cell [\d.]+ mm: [\d.]+ mm over",
                     said), said
    assert "hint: give the figures region more columns" in said
    assert "fails its checks" not in said and "failure proof: " in said


def test_a_region_naming_no_content_is_quoted_without_a_trailing_space():
    from spread.layout.problems import quoted, tall
    from spread.template import Region

    assert quoted(Region("story")) == "region 'story'"
    assert quoted(Region("section", content="sections[0]")) == "region 'section sections[0]'"
    assert tall(-57.4) == "with no room at all" and tall(28.35) == "10.0 mm tall"


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", list(CASES))
def test_broken_content_is_refused_where_it_stands(corpus, name):
    _, code, says = CASES[name]
    result = corpus["results"][name]
    shown = result["stdout"] + result["stderr"]
    assert result["code"] == code, shown
    assert "Traceback" not in shown and "internal error" not in shown, shown
    assert LOCATED.search(result["stderr"]) or (
        name in FILE_LEVEL and "content.yaml: " in result["stderr"]), shown
    assert says in result["stderr"], shown
    assert not edition_files(corpus["folders"][name] / "out")  # no edition written


# -- each item of issue 11 through `python -m spread` ------------------------------------------

def spread(*args, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "spread", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, preexec_fn=_limit_cpu)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    return done


def layout_copy(folder: Path, edit_data) -> Path:
    """The default layout with `edit_data(data)` applied, fonts found where they are."""
    import yaml

    data = yaml.safe_load(LAYOUT.read_text(encoding="utf-8").replace(
        "../fonts/", f"{ROOT}/fonts/"))
    edit_data(data)
    path = folder / "layout.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def write(folder: Path, text: str, name: str = "content.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_item_1_content_a_layout_leaves_out_on_purpose_is_declared(tmp_path):
    content = write(tmp_path, edit("# Correction 6", SIXTH))
    refused = spread("build", content, "--layout", LAYOUT, "-o", tmp_path / "out",
                     "--rendition", "print")
    assert refused.returncode == 2 and "sections[5] «第六节»" in refused.stderr
    assert f"{content}:92:5" in refused.stderr and str(LAYOUT.relative_to(ROOT)) in refused.stderr
    layout = layout_copy(tmp_path, lambda d: d.update(omits=["sections[5]"]))
    built = spread("build", content, "--layout", layout, "-o", tmp_path / "out",
                   "--rendition", "print")
    assert built.returncode == 0, built.stderr
    typo = layout_copy(tmp_path, lambda d: d.update(omits=["sectons[5]"]))
    wrong = spread("build", content, "--layout", typo, "-o", tmp_path / "out2")
    assert wrong.returncode == 2 and "did you mean 'sections'" in wrong.stderr
    assert re.search(r"layout\.yaml:\d+:\d+", wrong.stderr)


def test_item_1_a_region_showing_the_wrong_kind_of_content_names_its_layout_line(tmp_path):
    def text_shows_a_section(data):
        data["rows"][1]["regions"][0]["content"] = "sections[0]"  # the lead's text region
        data["omits"] = ["lead"]
    layout = layout_copy(tmp_path, text_shows_a_section)
    done = spread("build", CONTENT, "--layout", layout, "-o", tmp_path / "out")
    assert done.returncode == 2, done.stderr
    assert re.search(r"layout\.yaml:\d+:\d+", done.stderr)
    assert "region text (columns 1-8) shows sections[0]" in done.stderr


def test_item_9_a_headline_only_file_names_the_layout_line_also_in_json(tmp_path):
    content = write(tmp_path, "headline: 画说工会这五年\n")
    done = spread("--json", "build", content, "--layout", LAYOUT, "-o", tmp_path / "out")
    assert done.returncode == 2
    error = json.loads(done.stdout)["error"]
    assert error["file"].endswith("default.yaml") and error["line"] > 0 and error["column"] > 0
    assert "sections[0]" in error["message"] and "add the missing one" in error["hint"]


def test_item_2_text_under_another_element_is_refused_naming_both(tmp_path):
    """Item 13's old page: the folio in a row of its own above a banner whose field bleeds
    off the top and is painted after it."""
    def folio_row_under_the_field(data):
        data["rows"][0]["regions"][0]["options"].pop("folio")
        data["rows"].insert(0, {"name": "folio", "regions": [{"kind": "folio",
                                                               "columns": "1-8"}]})
    layout = layout_copy(tmp_path, folio_row_under_the_field)
    content = write(tmp_path, edit('paper: ""', "paper: 奉化日报", 'date: ""', "date: 2021-12-01"))
    done = spread("build", content, "--layout", layout, "-o", tmp_path / "out")
    assert done.returncode == 1, done.stderr
    assert "the text of folio (columns 1-8) lies on banner (columns 1-8)" in done.stderr
    assert "under its field" in done.stderr and re.search(r"layout\.yaml:\d+:\d+", done.stderr)
    assert not edition_files(tmp_path / "out")  # only the failure proof, marking it


def _render_top(pdf: Path):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        image = doc[0].render(scale=72 / 72).to_pil().convert("RGB")
    finally:
        doc.close()
    return image.crop((0, 0, image.width, int(image.height * 0.08)))


def test_item_13_the_folio_is_visible_on_the_default_page(tmp_path):
    from PIL import ImageChops

    plain = spread("build", CONTENT, "--layout", LAYOUT, "-o", tmp_path / "plain",
                   "--rendition", "print")
    content = write(tmp_path, edit('paper: ""', "paper: 奉化日报", 'date: ""', "date: 2021-12-01",
                                   'page: ""', "page: 第5版", 'page_title: ""', "page_title: 特刊"))
    done = spread("build", content, "--layout", LAYOUT, "-o", tmp_path / "out",
                  "--rendition", "print")
    assert plain.returncode == 0 and done.returncode == 0, done.stderr
    drawn = _render_top(tmp_path / "out" / "content.print.pdf")
    changed = ImageChops.difference(drawn, _render_top(tmp_path / "plain" / "content.print.pdf"))
    box = changed.getbbox()  # where the folio changed the page: its line, left at the top
    assert box is not None and box[2] - box[0] > 100, box
    dump = spread("dump", content, "--layout", LAYOUT)
    assert "奉化日报　2021-12-01　第5版　特刊" in dump.stdout


def test_item_3_a_literal_block_keeps_its_line_breaks_as_lines(tmp_path):
    content = write(tmp_path, edit("  - 五年秉持初心，笃然奋进；五年春华秋实，硕果满园。",
                                   "  - |\n    五年秉持初心，笃然奋进；\n    五年春华秋实，硕果满园。"))
    done = spread("build", content, "--layout", LAYOUT, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert "check archive.pdf: ok" in done.stdout  # a .notdef box would fail level U
    runs = [line.split(" ", 6)[-1] for line in spread("dump", content, "--layout", LAYOUT).stdout.splitlines()
            if line.startswith("text ")]
    assert "五年秉持初心，笃然奋进；" in runs and "五年春华秋实，硕果满园。" in runs


@pytest.mark.parametrize("char", ["𠮷", "㐀"])
@pytest.mark.parametrize("where", ["headline: 画说", "kicker: ——"])
def test_item_4_a_character_the_fonts_lack_in_headline_or_kicker(tmp_path, char, where):
    content = write(tmp_path, edit(where, where + char))
    done = spread("build", content, "--layout", LAYOUT, "-o", tmp_path / "out",
                  "--rendition", "print")
    if done.returncode == 0:
        pytest.skip(f"the bundled fonts draw {char} now")
    assert done.returncode == 2, done.stderr
    assert f"U+{ord(char):04X}" in done.stderr and re.search(r"content\.yaml:2\d:\d+", done.stderr)


def test_item_4_check_and_fonts_refuse_what_build_refuses(tmp_path):
    content = write(tmp_path, edit("headline: 画说", f"headline: 画说{NOGLYPH}"))
    check = spread("check", content, "--layout", LAYOUT)
    assert check.returncode == 2 and "U+F0001" in check.stdout + check.stderr
    assert "does not validate" in check.stdout
    six = write(tmp_path, edit("# Correction 6", SIXTH), "six.yaml")
    assert spread("check", six, "--layout", LAYOUT).returncode == 2
    fonts = spread("fonts", six, "--layout", LAYOUT)
    assert fonts.returncode == 2 and "sections[5]" in fonts.stderr
    assert spread("check", LAYOUT, "--content", six).returncode == 2


def test_item_11_lint_findings_are_warnings_in_build_and_errors_under_strict(tmp_path):
    content = write(tmp_path, edit("五年秉持初心，笃然奋进；", "五年秉持初心,笃然奋进;"))
    built = spread("build", content, "--layout", LAYOUT, "-o", tmp_path / "out",
                   "--rendition", "print")
    assert built.returncode == 0, built.stderr
    assert f"warning: {content}:26:11 (lead[0]): ASCII ',' in Chinese text" in built.stderr
    as_json = spread("--json", "build", content, "--layout", LAYOUT, "-o", tmp_path / "out",
                     "--rendition", "print")
    assert len(json.loads(as_json.stdout)["warnings"]) == 2
    strict = spread("build", content, "--layout", LAYOUT, "--strict", "-o", tmp_path / "strict")
    assert strict.returncode == 1 and "--strict makes warnings errors" in strict.stderr
    assert not (tmp_path / "strict").exists()
    watched = spread("watch", content, "--layout", LAYOUT, "--once", "--rendition", "print",
                     "-o", tmp_path / "w")
    assert watched.returncode == 0 and "warning: " in watched.stdout
    watched = spread("watch", content, "--layout", LAYOUT, "--once", "--strict",
                     "-o", tmp_path / "w2")
    assert watched.returncode == 1 and "--strict" in watched.stdout


def test_item_2_a_banner_may_copyfit_by_its_explicit_rule_and_says_so(tmp_path):
    """A kicker of two lines in the default banner held at its 90 mm (it may grow into the
    page's spare lines, which would take the second line; its headline held at its size,
    which would make room too): over, until the layout lets it copyfit."""
    def fixed(data, **banner):
        del data["rows"][0]["grow"], data["rows"][0]["most"]
        del data["rows"][0]["regions"][0]["options"]["headline_fit"]
        data["rows"][0]["regions"][0].update(banner)

    content = write(tmp_path, edit("kicker: ——喜迎区工会第一次代表大会",
                                   "kicker: |\n  ——喜迎区工会\n  第一次代表大会"))
    overset = spread("build", content, "--layout", layout_copy(tmp_path, fixed), "-o",
                     tmp_path / "out", "--rendition", "print")
    assert overset.returncode == 1 and "4.4 mm over" in overset.stderr
    layout = layout_copy(tmp_path, lambda d: fixed(d, fit={"policy": "shrink"}))
    fitted = spread("build", content, "--layout", layout, "-o", tmp_path / "out",
                    "--rendition", "print")
    assert fitted.returncode == 0, fitted.stderr
    assert "copyfit: banner (columns 1-8) set at size 92.5%" in fitted.stdout


def test_item_1_honour_roll_items_nested_deeper_than_two_levels_are_printed(tmp_path):
    content = write(tmp_path, edit("        - text: 开展“奉行工益 惠我职工”体育健康欢乐送活动\n",
                                   "        - text: 开展“奉行工益 惠我职工”体育健康欢乐送活动\n"
                                   "          items:\n            - text: 第三层的奖项\n"))
    dump = spread("dump", content, "--layout", LAYOUT)
    assert dump.returncode == 0, dump.stderr
    assert "第三层的奖项" in dump.stdout.replace("◇", "")


# -- values YAML would read as something else, and text written oddly: set as written ---------

# name: (text in the default content, its replacement, what the page must print)
AS_WRITTEN = {
    "a date unquoted (YAML: a date)": ('date: ""', "date: 2026-05-18", "2026-05-18"),
    "a paper called No (YAML 1.1: false)": ('paper: ""', "paper: No", "No"),
    "a page number 010 (YAML: octal 8)": ('page: ""', "page: 010", "010"),
    "a page title 1.10 (YAML: the number 1.1)": ('page_title: ""', "page_title: 1.10", "1.10"),
    "an editor called yes (YAML 1.1: true)": ('editor: ""', "editor: yes", "yes"),
    "a designer .nan (YAML: not a number)": ('designer: ""', "designer: .nan", ".nan"),
    "a proofreader 1e400 (YAML: infinity)": ('proofreader: ""', "proofreader: 1e400", "1e400"),
    "a time 12:30 (YAML 1.1: 750, base 60)": (ITEM_3, "        - 12:30", "12:30"),
    "a text tagged !!str": ("kicker: ——喜迎区工会第一次代表大会", "kicker: !!str ——喜迎区工会第一次代表大会",
                            "——喜迎区工会第一次代表大会"),
    # accents written as a letter and a combining mark (macOS, many PDFs): the body face
    # lacks the loose marks, and has the composed letters
    "letters and combining marks": ("五年秉持初心，", "五年秉持初心cafe\u0301 Zu\u0308rich，",
                                    "café Zürich"),
}


def test_odd_values_are_printed_as_written(tmp_path):
    """Each value once read by YAML as a date, a boolean, a number or base 60, or written
    with decomposed accents: one page carrying them all builds and prints each as written."""
    import pypdfium2

    text = DEFAULT
    for old, new, _ in AS_WRITTEN.values():
        text = edit(old, new, text=text)
    (tmp_path / "content.yaml").write_bytes(("\ufeff" + text).replace("\n", "\r\n")
                                            .encode("utf-8"))  # a BOM and CRLF, as Windows saves
    result = run_corpus([{"name": "odd", "args": [
        "build", str(tmp_path / "content.yaml"), "--layout", str(LAYOUT), "-o",
        str(tmp_path / "out"), "--rendition", "print"]}])["odd"]
    assert result["code"] == 0, result["stderr"]
    doc = pypdfium2.PdfDocument(str(tmp_path / "out" / "content.print.pdf"))
    try:
        printed = re.sub(r"\s", "", doc[0].get_textpage().get_text_range())
    finally:
        doc.close()
    for name, (_, _, shown) in AS_WRITTEN.items():
        assert re.sub(r"\s", "", shown) in printed, name


def test_a_region_inside_a_stack_is_placed_by_its_stack_not_by_empty_columns():
    """A region in a stack takes the stack's columns and writes none: messages said
    «(columns )»; they say where it stands in the layout."""
    from spread.errors import Location
    from spread.layout.problems import region_name
    from spread.template import Region

    inside = Region("picture", content="pictures[0]", where=Location("news.yaml", 147, 11))
    assert region_name(inside) == "picture pictures[0] (in its stack's columns at layout line 147)"
    assert region_name(Region("story", columns="1-6")) == "story (columns 1-6)"


def test_too_many_stories_for_a_repeated_stack_name_the_stack_plainly(tmp_path):
    news = (ROOT / "layout" / "news" / "content.yaml").read_text(encoding="utf-8")
    story = news[news.index("  - title: 古籍修复室"):news.index("  - title: 夜间阅览区")]
    content = write(tmp_path, news.replace("sections:\n", "sections:\n" + story * 20, 1))
    done = spread("build", content, "--layout", "news", "-o", tmp_path / "out")
    assert done.returncode == 2, done.stderr
    assert "the layout's stack (" in done.stderr and "(columns )" not in done.stderr, done.stderr


def _photo_page(folder: Path, files: list[str]) -> Path:
    """The photo template's content with `files` for its pictures, its photos beside it."""
    shutil.copytree(ROOT / "layout" / "photo" / "photos", folder / "photos")
    text = (ROOT / "layout" / "photo" / "content.yaml").read_text(encoding="utf-8")
    pictures = "".join(f"  - file: {f}\n    caption: 说明。\n    credit: 记者 摄\n" for f in files)
    return write(folder, text[:text.index("pictures:")] + "pictures:\n" + pictures)


def test_a_gallery_of_sixty_photos_is_refused_saying_how_many_it_sets(tmp_path):
    """A gallery weighs every way of breaking its photos into rows: sixty photos make
    7 × 10¹⁶ ways, a build that never ended."""
    content = _photo_page(tmp_path, [f"photos/photo{k % 6 + 1}.jpg" for k in range(60)])
    done = spread("build", content, "--layout", "photo", "-o", tmp_path / "out")
    assert done.returncode == 2, done.stderr
    assert re.search(r"content\.yaml:\d+:\d+ \(pictures\[15\]\): the gallery region "
                     r"\(columns 1-6\) is given 60 photos", done.stderr), done.stderr
    assert "it sets 15 photos at most" in done.stderr and "leave out 45" in done.stderr


def test_a_photo_too_tall_for_the_page_is_not_told_to_cut_characters(tmp_path):
    """A 300 × 6 000 px photo (20 times as tall as wide, the most a picture may be) stands
    metres tall at its proportions: the page is overset, and the message spoke of body
    lines and characters to cut from a photo."""
    from PIL import Image

    content = _photo_page(tmp_path, ["tall.jpg"] + [f"photos/photo{k}.jpg" for k in (1, 2, 3)])
    Image.new("RGB", (300, 6000), (20, 120, 200)).save(tmp_path / "tall.jpg")
    done = spread("build", content, "--layout", "photo", "-o", tmp_path / "out")
    assert done.returncode == 1, done.stderr
    assert "its photos stand taller than the page holds" in done.stderr, done.stderr
    assert "characters" not in done.stderr.split("\nhint")[0] and "crop" in done.stderr


def test_a_variation_selector_is_set_as_its_base_character_and_noted(tmp_path):
    """葛 + U+E0100 (an ideographic variation sequence) or VS1 asks a font for a variant the
    PDF writer cannot select: the base character is set and the build says where the
    selector was ignored (it was «missing from every configured font», exit 2)."""
    import pypdfium2 as pdfium

    from conftest import CONTENT, LAYOUT
    from spread.build import build

    text = CONTENT.read_text(encoding="utf-8").replace(
        "headline: 画说工会这五年", "headline: 画说工会这五年葛\U000E0100", 1)
    content = tmp_path / "content.yaml"
    content.write_text(text, encoding="utf-8")
    result = build(str(content), str(LAYOUT), str(tmp_path / "out"), ("print",))
    assert f"{content}:22:19 (headline): variation selector U+E0100 after 葛 ignored: the " \
           "base character is set, not a font's variant of it" in result.notes, result.notes
    page = pdfium.PdfDocument(str(result.outputs["print.pdf"]))[0]
    drawn = page.get_textpage().get_text_range()
    assert "这五年葛" in re.sub(r"\s", "", drawn) and "\U000E0100" not in drawn
