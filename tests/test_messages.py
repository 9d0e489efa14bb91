"""The everyday mistakes of people who write content.yaml and a layout by hand (often with a
Chinese input method on), each a small edit of the repository's own files: every one ends
with exit 1 or 2, a message placed at file:line:column (where the person must look, not
where YAML noticed), and a hint with what to write. Run through the console entry point
(`spread check`, in one child process); a few through `spread build`, which must leave the
previous good output as it was."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, run_cli_cases

CPU_SECONDS = 300  # for the whole catalogue: a bound on work, not time


@dataclass(frozen=True)
class Mistake:
    name: str
    file: str  # which file is edited: content, layout, news, news-content, commemorative
    old: str
    new: str
    place: tuple[int, int] | None  # (lines after the edit's first line, column); None: no line
    said: tuple[str, ...]  # words the message and its hint hold
    exit: int = 2


C, L, N, NC, M = "content", "layout", "news", "news-content", "commemorative"
ROW = "  red:   {cmyk: [0, 100, 100, 10], rgb: [200, 22, 30]}"
FIGURE = "from: {section: 基层基础, item: 1}\n  - figure: 16.8万人"
REPORT = "      title: 晒晒成绩单：\n      items:\n        - 区镇两级"
REPORT_OF_2 = "    report:\n" + REPORT
SIZE, MARGINS = "  size: [390mm, 545mm]", "margins: {top: 16mm, bottom: 16mm"
KICKER = "  kicker:         {font: kai, size: 28pt, leading: 1.5,"
LEAD_STYLE = "  lead:           {font: kai, size: 四号, leading: 1.55, indent: 2}"
LEAD_REGION = "{kind: text, columns: 1-8, content: lead, style: lead, split: 3}"
INTRO = "    intro: 五年来，区总工会紧扣"
AWARD = "    - text: 宁波市先进女职工组织"
EDITION = ("edition:\n  paper: \"\"        # 报名\n  date: \"\"         # 出版日期, e.g. 2021-12-01\n"
           "  page: \"\"         # 版次, e.g. 第5版\n  page_title: \"\"   # 版名")
DATE = '  date: ""'
LEAD_ITEMS = re.search(r"lead:\n(?:  - .*\n)+", (ROOT / "layout" / "news" / "content.yaml")
                       .read_text(encoding="utf-8")).group()
SECTION_3 = '{kind: section, columns: 1-4, content: "sections[2]", split: 2,'
CREDITS = ('credits:\n  editor: ""       # 责任编辑\n  designer: ""     # 美编\n'
           '  proofreader: ""  # 校对')
LEAD0 = "  - 五年秉持初心，笃然奋进；五年春华秋实，硕果满园。"

MISTAKES = [
    # keys misspelt, in Chinese, or written in the wrong place
    Mistake("a key misspelt", C, "headline: 画说", "headine: 画说", (0, 1), ("'headline'",)),
    Mistake("a section's key misspelt", C, "  - title: 维权维稳", "  - titel: 维权维稳", (0, 5),
            ("'title'",)),
    Mistake("a key in capitals", C, "headline: 画说", "Headline: 画说", (0, 1), ("'headline'",)),
    Mistake("a key in American spelling", C, "honour_roll:\n  title", "honor_roll:\n  title",
            (0, 1), ("'honour_roll'",)),
    Mistake("a key in Chinese", C, "headline: 画说", "标题: 画说", (0, 1),
            ("keys are written in English", "'headline'")),
    Mistake("a section's key in Chinese", C, "  - title: 维权维稳", "  - 标题: 维权维稳", (0, 5),
            ("'title'",)),
    Mistake("a layout key in Chinese", L, "  gutter: 1.5字", "  栏距: 1.5字", (0, 3), ("'gutter'",)),
    Mistake("a picture's key in its section", NC, "  - title: 古籍修复室首次向公众开放",
            "  - title: 古籍修复室首次向公众开放\n    caption: 图", (1, 5),
            ("'caption' is a key of Picture", "pictures:")),
    Mistake("a layout key misspelt", L, "  columns: 8 ", "  colums: 8 ", (0, 3), ("'columns'",)),
    Mistake("a style key misspelt", L, "{font: kai, size: 28pt", "{font: kai, szie: 28pt",
            (0, 31), ("'size'",)),
    Mistake("a choice misspelt", L, "colour: gold, align: centre}", "colour: gold, align: center}",
            (0, 103), ("'centre'",)),
    Mistake("a choice in Chinese", L, "colour: gold, align: centre}", "colour: gold, align: 居中}",
            (0, 103), ("'centre'",)),
    Mistake("an optional choice misspelt", L, "pictogram: shield", "pictogram: sheild", (0, 94),
            ('"" (none)', "'shield'")),
    # values of the wrong kind
    Mistake("a list for a text", C, "headline: 画说工会这五年", "headline:\n  - 画说工会这五年", (1, 3),
            ("expected text, found a list",)),
    Mistake("a number in quotes", C, FIGURE, FIGURE.replace("item: 1", 'item: "1"'), (0, 33),
            ("without quotes: 1",)),
    Mistake("a number with a leading 0 (octal to YAML)", C, FIGURE,
            FIGURE.replace("item: 1", "item: 010"), (0, 33), ("octal number 8", "write 10")),
    Mistake("a number as 1e3", C, FIGURE, FIGURE.replace("item: 1", "item: 1e3"), (0, 33),
            ("whole number: 1000",)),
    Mistake("a column count in base 60", L, "  columns: 8 ", "  columns: 1:30 ", (0, 12),
            ("base-60", "90")),
    Mistake("a list written as a function", L, ROW, ROW.replace("[0, 100, 100, 10]",
                                                                "'cmyk(0,100,100,10)'"), (0, 17),
            ("[0, 100, 100, 10]",)),
    Mistake("a list with full-width commas", L, ROW, ROW.replace("[0, 100, 100, 10]",
                                                                 "[0，100，100，10]"), (0, 17),
            ("ASCII comma",)),
    Mistake("a page size as 390mm x 545mm", L, "  size: [390mm, 545mm]", "  size: 390mm x 545mm",
            (0, 9), ("[390mm, 545mm]",)),
    Mistake("a font chain as one path", L, "  kai: [{file: ../fonts/LXGWWenKai-Regular.ttf}]",
            "  kai: ../fonts/LXGWWenKai-Regular.ttf", (0, 8),
            ("[{file: ../fonts/LXGWWenKai-Regular.ttf}]",)),
    Mistake("a section list as a mapping", C, "sections:\n  - title: 建功立业",
            "sections:\n  title: 建功立业\n  x:\n  - title: 建功立业", (1, 3), ("expected a list",)),
    # the syntax slips of a Chinese input method
    Mistake("a full-width colon", C, "headline: 画说", "headline：画说", (0, 1),
            ("full-width colon", "`headline: `")),
    Mistake("a full-width colon in a section", C, "  - title: 维权维稳", "  - title：维权维稳",
            (0, 5), ("full-width colon", "`title: `")),
    Mistake("no space after a colon", C, "headline: 画说", "headline:画说", (0, 1),
            ("no space after the ':'", "`headline: `")),
    Mistake("no space after a colon in a section", C, "  - title: 维权维稳", "  - title:维权维稳",
            (0, 5), ("no space after the ':'",)),
    Mistake("full-width spaces as indentation", C, "    intro: 五年来，区总工会紧扣",
            "　　intro: 五年来，区总工会紧扣", (0, 1), ("U+3000", "ordinary spaces")),
    Mistake("a tab as indentation", C, "    intro: 五年来，区总工会紧扣", "\tintro: 五年来，区总工会紧扣",
            (0, 1), ("tab", "spaces")),
    Mistake("no space after a list's '-'", C, "        - 开展劳动法律监督47次",
            "        -开展劳动法律监督47次", (0, 9), ("'- '",)),
    Mistake("a dash as a list's '-'", C, "        - 开展劳动法律监督47次",
            "        — 开展劳动法律监督47次", (0, 9), ("'—' is no list mark", "'- '")),
    Mistake("a list item less indented", C, "        - 开展劳动法律监督47次",
            "      - 开展劳动法律监督47次", (0, 7), ("not indented like",)),
    Mistake("a list item more indented", C, "        - 开展劳动法律监督47次",
            "          - 开展劳动法律监督47次", (0, 11), ("indented deeper", "same column")),
    Mistake("an unclosed double quote", C, "kicker: ——喜迎区工会第一次代表大会",
            'kicker: "——喜迎区工会第一次代表大会', (0, 9), ("runs on from here", "closing quote")),
    Mistake("an unclosed single quote", C, "  - title: 维权维稳", "  - title: '维权维稳", (0, 12),
            ("runs on from here",)),
    Mistake("': ' inside a value", C, REPORT, REPORT.replace("晒晒成绩单：", "成绩单: 五年"), (0, 17),
            ("needs quotes",)),
    Mistake("a '#' starting a value", C, "kicker: ——喜迎区工会第一次代表大会",
            "kicker: #1 喜迎区工会第一次代表大会", (0, 8), ("comment", "quotes")),
    Mistake("a key given twice", C, "kicker: ——喜迎区工会第一次代表大会",
            "kicker: ——喜迎区工会第一次代表大会\nkicker: 又一个", (1, 1), ("already given at line",)),
    Mistake("content paths unquoted in { }", L, 'content: "sections[4]", split: 3',
            "content: sections[4], split: 3", (0, 48), ('"sections[4]"',)),
    # what is missing or empty
    Mistake("a section with no title", C, "  - title: 维权维稳\n", "  - \n", (1, 5),
            ("missing required key 'title'",)),
    Mistake("a section title left empty", C, "  - title: 维权维稳\n", "  - title:\n", (0, 11),
            ("found nothing", "after the ':'")),
    Mistake("an honour roll line with no text", C, "    - text: 浙江省工会财务先进单位", "    - text:",
            (0, 12), ("found nothing",)),
    Mistake("an honour roll line of \"\"", C, "    - text: 浙江省工会财务先进单位", '    - text: ""',
            (0, 13), ("'text' is empty", "award")),
    Mistake("an empty report item", C, "        - 开展劳动法律监督47次，发出监督意见书、建议书37份，督促企业整改问题135个；",
            '        - ""', (0, 11), ("an empty item of items", "achievement")),
    Mistake("an empty content file", C, None, "", None,
            ("missing required key 'headline'", "the file is empty")),
    Mistake("two sections of one title, one quoted", C, "  - title: 维权维稳", "  - title: 建功立业",
            None, ("2 sections have that title", "its own title")),
    Mistake("a figure quoting item 0", C, FIGURE, FIGURE.replace("item: 1", "item: 0"), (0, 11),
            ("numbered from 1 to 4",)),
    Mistake("a figure quoting no section", C, FIGURE, FIGURE.replace("基层基础", "基层建设"),
            (0, 11), ("not on the page", "建功立业")),
    Mistake("a figure quoting item 9 of 4", C, FIGURE, FIGURE.replace("item: 1", "item: 9"),
            (0, 11), ("there is no item 9",)),
    # pictures
    Mistake("a picture with Windows backslashes", NC, "file: photos/lead.jpg",
            "file: photos\\lead.jpg", (0, 11), ("not \\",)),
    Mistake("a picture's name in the wrong case", NC, "file: photos/lead.jpg",
            "file: photos/Lead.JPG", (0, 11), ("did you mean lead.jpg",)),
    Mistake("a picture's name with no extension", NC, "file: photos/lead.jpg",
            "file: photos/lead", (0, 11), ("did you mean lead.jpg",)),
    # colours
    Mistake("an RGB #hex for a style's colour", L, "colour: gold, align: centre}",
            "colour: '#FF0000', align: centre}", (0, 90), ("CMYK", "[0, 100, 100, 0]")),
    Mistake("a colour in Chinese", L, "colour: gold, align: centre}", "colour: 红色, align: centre}",
            (0, 90), ("'red'",)),
    Mistake("a colour as cmyk()", L, "colour: gold, align: centre}",
            "colour: 'CMYK(0, 100, 100, 0)', align: centre}", (0, 90),
            ("cmyk: [0, 100, 100, 0]", "palette")),
    Mistake("a colour name misspelt", L, "colour: gold, align: centre}",
            "colour: glod, align: centre}", (0, 90), ("'gold'",)),
    Mistake("a palette colour as #hex", L, ROW, "  red:   '#C8161E'", (0, 10),
            ("cmyk: [0, 89, 85, 22]", "rgb: [200, 22, 30]")),
    Mistake("a palette CMYK as #hex", M, ROW, ROW.replace("[0, 100, 100, 10]", "'#C8161E'"),
            (0, 17), ("[0, 89, 85, 22]",)),
    Mistake("a palette colour with RGB only", L, ROW, "  red:   {rgb: [200, 22, 30]}", (0, 10),
            ("missing required key 'cmyk'",)),
    Mistake("CMYK as fractions of 1", L, ROW, ROW.replace("[0, 100, 100, 10]", "[0, 1, 1, 0.1]"),
            (0, 17), ("cmyk: [0, 100, 100, 10]",)),
    Mistake("CMYK over 100", L, ROW, ROW.replace("[0, 100, 100, 10]", "[0, 150, 100, 10]"),
            (0, 21), ("0–100",)),
    # lengths
    Mistake("a length in px", L, "  bleed: 3mm", "  bleed: 3px", (0, 10), ("2.25pt",)),
    Mistake("a length with a decimal comma", L, "  bleed: 3mm", "  bleed: 3,5mm", (0, 10),
            ("3.5mm",)),
    Mistake("a length in Chinese", L, "  bleed: 3mm", "  bleed: 3毫米", (0, 10), ("3mm",)),
    Mistake("a length in full-width figures", L, "  bleed: 3mm", "  bleed: ３ｍｍ", (0, 10),
            ("3mm",)),
    Mistake("a 号 size with a digit", L, "{font: kai, size: 四号", "{font: kai, size: 4号",
            (0, 37), ("四号",)),
    Mistake("a leading in percent", L, "size: 28pt, leading: 1.5,", "size: 28pt, leading: 150%,",
            (0, 52), ("1.5",)),
    Mistake("a news gutter in px", N, "  gutter: 1.5字                 # 栏距", "  gutter: 12px",
            (0, 11), ("9pt",)),
    # the grid
    Mistake("no columns", L, "  columns: 8 ", "  columns: 0 ", (0, 12), ("at least one column",)),
    Mistake("no columns (commemorative)", M, "  columns: 8 ", "  columns: 0 ", (0, 12),
            ("at least one column",)),
    Mistake("a column count in quotes", L, "  columns: 8 ", '  columns: "8" ', (0, 12),
            ("without quotes: 8",)),
    Mistake("gutters wider than the page", L, "  gutter: 1.5字", "  gutter: 60mm", (0, 11),
            ("leaving nothing for the columns",)),
    Mistake("a region past the grid", L, "{kind: text, columns: 1-8", "{kind: text, columns: 1-9",
            (0, 31), ("1-8",)),
    Mistake("a span with a full-width dash", L, "{kind: text, columns: 1-8",
            "{kind: text, columns: 1—8", (0, 31), ("did you mean 1-8?",)),
    Mistake("a span last column first", L, "{kind: text, columns: 1-8",
            "{kind: text, columns: 8-1", (0, 31), ("first column first: 1-8",)),
    Mistake("a news region past the grid", N, "{kind: folio, columns: 1-12}",
            "{kind: folio, columns: 1-13}", (0, 32), ("1-12",)),
    # fonts, styles, templates
    Mistake("a font role the layout lacks", L, "  kicker:         {font: kai,",
            "  kicker:         {font: fangsong,", (0, 26), ("none of them 仿宋", "fangsong: [")),
    Mistake("a font role misspelt", L, "  kicker:         {font: kai,",
            "  kicker:         {font: kia,", (0, 26), ("'kai'",)),
    Mistake("a style the layout lacks", L, "content: lead, style: lead", "content: lead, style: leed",
            (0, 58), ("'lead'",)),
    Mistake("a font file misspelt", L, "  kai: [{file: ../fonts/LXGWWenKai-Regular.ttf}]",
            "  kai: [{file: ../fonts/LXGWWenKai-Regular.otf}]", (0, 9),
            ("did you mean LXGWWenKai-Regular.ttf?",)),
    Mistake("a font file in the wrong case", L, "  kai: [{file: ../fonts/LXGWWenKai-Regular.ttf}]",
            "  kai: [{file: ../fonts/LXGWWenkai-regular.ttf}]", (0, 9),
            ("did you mean LXGWWenKai-Regular.ttf?",)),
    Mistake("a region kind misspelt", L, "{kind: text, columns: 1-8", "{kind: txt, columns: 1-8",
            (0, 16), ("'text'",)),
    Mistake("a news row's key misspelt", N, "when: {content: sections, most: 0, also: &photo",
            "whenn: {content: sections, most: 0, also: &photo", (0, 5), ("'when'",)),
    # content and layout together
    Mistake("a region showing a section the content lacks", L, 'content: "sections[4]", split: 3',
            'content: "sections[7]", split: 3', (0, 9), ("the content has 5 sections",)),
    Mistake("a region's content misspelt", L, "content: honour_roll, options",
            "content: honor_roll, options", (0, 9), ("'honour_roll'",)),
    Mistake("a sixth section the layout has no region for", C, "\n# Correction 6",
            "  - title: 第六节\n    intro: 多出来的一节。\n\n# Correction 6", (0, 5),
            ("would not be printed", "omits")),
    Mistake("a commemorative content key misspelt", "commemorative-content", "headline:",
            "headine:", (0, 1), ("'headline'",)),
    # round 8. Lengths a unit was left off: a bare number is points, refused where points
    # make no sense (a page smaller than A5, a bare number among lengths in mm)
    Mistake("a page size of bare numbers", L, SIZE, "  size: [390, 545]", (0, 10),
            ("390pt, 138 mm", "[390mm, 545mm] (390 × 545 mm is 对开)")),
    Mistake("a margin with no unit beside margins in mm", L, MARGINS,
            MARGINS.replace("bottom: 16mm", "bottom: 16"), (0, 32),
            ("16pt (5.6 mm)", "write 16mm, or 16pt")),
    Mistake("a bleed with no unit", L, "  bleed: 3mm", "  bleed: 3", (0, 10),
            ("3pt (1.1 mm)", "write 3mm")),
    Mistake("a row height with no unit", L, "    height: 90mm", "    height: 90", (0, 13),
            ("90pt (31.7 mm)", "write 90mm")),
    Mistake("a page size by its format's name", L, SIZE, "  size: 对开", (0, 9),
            ("对开 is 390 × 545 mm", "[390mm, 545mm]")),
    Mistake("a page size as A3", L, SIZE, "  size: a3", (0, 9), ("[297mm, 420mm]",)),
    Mistake("a page size in full-width brackets", L, SIZE, "  size: 【390mm, 545mm】", (0, 9),
            ("[390mm, 545mm]", "ASCII brackets")),
    Mistake("a page size as a width and a height", L, SIZE,
            "  size: {width: 390mm, height: 545mm}", (0, 9), ("[390mm, 545mm]",)),
    Mistake("a gutter in 個字", L, "  gutter: 1.5字", "  gutter: 1.5個字", (0, 11),
            ("did you mean 1.5字?",)),
    # a style's multiples written as lengths
    Mistake("a leading as a length", L, KICKER, KICKER.replace("leading: 1.5,", "leading: 42pt,"),
            (0, 52), ("42pt at a size of 28pt is 1.5", "write 1.5")),
    Mistake("a leading as 1.5倍", L, KICKER, KICKER.replace("leading: 1.5,", "leading: 1.5倍,"),
            (0, 52), ("write the number alone: 1.5",)),
    Mistake("an indent in 字", L, LEAD_STYLE, LEAD_STYLE.replace("indent: 2}", "indent: 2字}"),
            (0, 64), ("write the number alone: 2",)),
    Mistake("a space after in mm", L, LEAD_STYLE,
            LEAD_STYLE.replace("indent: 2}", "indent: 2, space_after: 4mm}"), (0, 80),
            ("counts lines", "write 0.52")),
    Mistake("a column count in Chinese", L, "  columns: 8 ", "  columns: 八 ", (0, 12),
            ("in ASCII figures: 8",)),
    Mistake("an item number in Chinese", C, FIGURE, FIGURE.replace("item: 1", "item: 一"),
            (0, 33), ("in ASCII figures: 1",)),
    # names of fonts, choices and verbs as other tools and the eye have them
    Mistake("a typeface's name for a font role", L, KICKER, KICKER.replace("font: kai", "font: 楷体"),
            (0, 26), ("names a typeface", "its 楷 role is 'kai'")),
    Mistake("a Windows font name for a font role", L, KICKER,
            KICKER.replace("font: kai", "font: SimHei"), (0, 26), ("its 黑 role is 'hei'",)),
    Mistake("a choice in capitals", L, "colour: gold, align: centre}",
            "colour: gold, align: CENTRE}", (0, 103), ("'centre'", "case-sensitive")),
    Mistake("a choice with a Kangxi radical", L, "  punctuation: 全角", "  punctuation: 全⾓",
            (0, 16), ("'全角'", "U+2F93")),
    Mistake("a weight as CSS writes it", L, "colour: gold, align: centre}",
            "colour: gold, align: centre, weight: 700}", (0, 119), ("'bold'",)),
    Mistake("a ring chart in Chinese", C, "    chart: ring", "    chart: 环形", (0, 12),
            ("'ring'",)),
    # spaces YAML takes for letters
    Mistake("no-break spaces as indentation", C, INTRO, "\u00a0\u00a0" + INTRO[2:], (0, 1),
            ("no-break space (U+00A0)", "ordinary spaces")),
    Mistake("an em space in the indentation", C, INTRO, "  \u2003" + INTRO[3:], (0, 3),
            ("em space (U+2003)",)),
    Mistake("a no-break space inside a key", C, "headline: 画说", "head\u00a0line: 画说", (0, 5),
            ("U+00A0", "`headline`")),
    Mistake("a full-width space inside a key", C, INTRO, INTRO.replace("intro", "in\u3000tro"),
            (0, 7), ("U+3000", "`intro`")),
    Mistake("a zero-width space inside a key", C, "headline: 画说", "head\u200bline: 画说",
            (0, 5), ("U+200B",)),
    Mistake("a no-break space after a colon", C, "headline: 画说", "headline:\u00a0画说",
            (0, 10), ("U+00A0", "ordinary space after the ':'")),
    # { } and [ ] on one line
    Mistake("a colour function unquoted in { }", L, ROW,
            ROW.replace("[0, 100, 100, 10]", "cmyk(0,100,100,10)"), (0, 17),
            ("cut at its commas", "[0, 100, 100, 10]")),
    Mistake("a ',' left out in { }", L, LEAD_REGION, LEAD_REGION.replace("1-8,", "1-8"), (0, 35),
            ("',' is missing before 'content:'",)),
    Mistake("a full-width comma in { }", L, LEAD_REGION,
            LEAD_REGION.replace("text,", "text，"), (0, 20), ("'，' between two values",)),
    Mistake("a mapping in { } without its braces", L, "chart_options: {grow: 1.5}}}",
            "chart_options: grow: 1.5}}", (0, 149), ("braces of its own",
                                                      "chart_options: {grow: …}")),
    Mistake("a '}' too many", L, LEAD_REGION, LEAD_REGION + "}", (0, 73), ("closes nothing",)),
    Mistake("full-width braces", L, LEAD_REGION, "｛" + LEAD_REGION[1:-1] + "｝", (0, 9),
            ("'｛' opens no mapping",)),
    Mistake("a backslash in double quotes", C, "headline: 画说工会这五年",
            'headline: "画说工会\\这五年"', (0, 17), ("'\\\\' for the backslash",)),
    # parts of the content written in the wrong shape or place
    Mistake("a layout key in the content", C, "headline: 画说", "bleed: 3mm\nheadline: 画说",
            (0, 1), ("a key of the layout (page.bleed)",)),
    Mistake("a report's items written in its section", C, REPORT_OF_2,
            "    items:\n        - 区镇两级", (0, 5), ("'items' is a key of Report",
                                                   "under report:")),
    Mistake("the honour roll written as a list", C, "honour_roll:\n  title: 荣誉榜\n  items:",
            "honour_roll:\n  - title: 荣誉榜\n    items:", (1, 3),
            ("one mapping, not a list", "delete the '- '")),
    Mistake("the edition written as a list", C, EDITION, "edition: [奉化日报, 2021-12-01, 第5版]",
            (0, 10), ("{paper: 奉化日报, date: 2021-12-01, page: 第5版}",)),
    Mistake("an award written without text:", C, AWARD, "    - 宁波市先进女职工组织", (0, 7),
            ("`text: 宁波市先进女职工组织`",)),
    Mistake("a figure's source as one text", C, FIGURE,
            FIGURE.replace("{section: 基层基础, item: 1}", "基层基础 1"), (0, 11),
            ("{section: 基层基础, item: 1}",)),
    Mistake("names as one text", C, AWARD, AWARD + "\n      names: 张三、李四、王五", (1, 14),
            ("[张三, 李四, 王五]",)),
    Mistake("a body as one text", C, "  - title: 维权维稳\n",
            "  - title: 维权维稳\n    body: 一段文字，很长的文字。\n", (1, 11),
            ("`- 一段文字，很长的文字。`",)),
    Mistake("a bullet in a transliterated name", C, AWARD, AWARD + "\n      names: [穆罕默德•阿里, 李四]",
            (1, 19), ("间隔号", "write 穆罕默德·阿里")),
    Mistake("a full-width space after a name", C, AWARD, AWARD + "\n      names: [张三　, 李四]",
            (1, 17), ("full-width space (U+3000)",)),
    Mistake("a palette row copied, its RGB left another colour's", L, ROW,
            ROW.replace("[200, 22, 30]", "[30, 22, 200]"), (0, 41),
            ("is another colour than CMYK [0, 100, 100, 10]", "rgb: [230, 0, 0]")),
    Mistake("the credits as one text", C, CREDITS, "credits: 张三", (0, 10),
            ("{editor: 张三}",)),
    Mistake("names in one item with full-width commas", C, AWARD,
            AWARD + "\n      names: [张三，李四，王五]", (1, 17), ("[张三, 李四, 王五]",)),
    Mistake("a text column count of 2.5", L, SECTION_3,
            SECTION_3.replace("split: 2,", "split: 2.5,"),
            (0, 70), ("write a whole number: 2 or 3",)),
    Mistake("a fill written true", L, "{pictogram: heart, fill: space}",
            "{pictogram: heart, fill: true}", (0, 107), ("true and false are no choice here",
                                                        "none, space")),
    Mistake("a row's grow as an amount", L, "  - name: sections-3\n    grow: true",
            "  - name: sections-3\n    grow: 1.5", (1, 11), ("whether, not how much",)),
    Mistake("a copyfit written as its policy", L, SECTION_3,
            SECTION_3.replace("split: 2,", "split: 2, fit: shrink,"), (0, 78),
            ("{policy: shrink}",)),
    Mistake("a figure quoted with a full-width %", C, "  - figure: 95%以上", "  - figure: 95％以上",
            (0, 13), ("the item writes it «95%以上»",)),
    Mistake("a quoted section's title ending in a full-width space", C, "  - title: 基层基础",
            "  - title: 基层基础　", None, ("a section is titled «基层基础　»",)),
    Mistake("': ' inside a list item", C, "        - 开展劳动法律监督47次",
            "        - 本报讯: 开展劳动法律监督47次", (0, 11),
            ("as a key and its value", "in quotes")),
    Mistake("CMYK in percentages", L, ROW,
            ROW.replace("[0, 100, 100, 10]", "[0%, 100%, 100%, 10%]"), (0, 18),
            ("without %: 0",)),
    Mistake("a lead left empty", NC, LEAD_ITEMS, "lead:", (0, 6),
            ("expected a list, found nothing", "or delete the line")),
    Mistake("a picture's file in Chinese quotes", NC, "file: photos/lead.jpg",
            "file: “photos/lead.jpg”", (0, 11), ("Chinese quotes", "file: photos/lead.jpg")),
    Mistake("a month 13", C, DATE, "  date: 2025-13-01", (0, 9), ("no month 13",)),
    Mistake("29 February of a common year", C, DATE, "  date: 2021年2月29日", (0, 9),
            ("2021年2月 has 28 days",)),
    Mistake("a weekday not the date's", C, DATE, "  date: 2021年12月1日 星期四", (0, 9),
            ("is a 星期三, not a 星期四",)),
    # what a copy and paste or a keyboard leaves in the text: lint findings, exit 1 (a build
    # prints them as warnings)
    Mistake("two sections of one title", C, "  - title: 文化文明", "  - title: 维权维稳", (0, 12),
            ("given twice", "sections[1].title at line 45"), exit=1),
    Mistake("a name twice in an award", C, AWARD, AWARD + "\n      names: [张三, 李四, 张三]",
            (1, 23), ("the name «张三» is given twice",), exit=1),
    Mistake("a paragraph pasted twice", C, LEAD0, LEAD0 + "\n" + LEAD0, (1, 5),
            ("is given twice: lead[0]",), exit=1),
    Mistake("'--' for the dash", C, "kicker: ——喜迎", "kicker: --喜迎", (0, 9),
            ("'--' for the dash", "——"), exit=1),
    Mistake("a comment against the text", C, "headline: 画说工会这五年",
            "headline: 画说工会这五年# 主标题", (0, 18), ("printed as text",), exit=1),
    Mistake("'\\n' in a plain value", C, "headline: 画说工会这五年", "headline: 画说工会\\n这五年",
            (0, 15), ("printed as a backslash",), exit=1),
]

FILES = {
    C: ("content.yaml", "content.yaml", "layout/default.yaml"),
    L: ("layout/default.yaml", "content.yaml", "layout/default.yaml"),
    N: ("layout/news.yaml", "layout/news/content.yaml", "layout/news.yaml"),
    NC: ("layout/news/content.yaml", "layout/news/content.yaml", "layout/news.yaml"),
    M: ("layout/commemorative.yaml", "layout/commemorative/content.yaml",
        "layout/commemorative.yaml"),
    "commemorative-content": ("layout/commemorative/content.yaml",
                              "layout/commemorative/content.yaml", "layout/commemorative.yaml"),
}



def edition(folder: Path) -> Path:
    """A copy of the repository's content, layouts and their starter editions, fonts linked."""
    shutil.copy(ROOT / "content.yaml", folder / "content.yaml")
    shutil.copytree(ROOT / "layout", folder / "layout")
    (folder / "fonts").symlink_to(ROOT / "fonts")
    return folder


def edited(folder: Path, mistake: Mistake) -> tuple[Path, Path, Path, int]:
    """The edition with the mistake made: the file edited, the content and layout to check,
    and the line the edit starts on."""
    name, content, layout = FILES[mistake.file]
    path = folder / name
    text = path.read_text(encoding="utf-8")
    if mistake.old is None:
        text, start = mistake.new, 0
    else:
        assert text.count(mistake.old) == 1, mistake.old
        start = text.index(mistake.old)
        text = text.replace(mistake.old, mistake.new)
    path.write_text(text, encoding="utf-8")
    return path, folder / content, folder / layout, text.count("\n", 0, start) + 1


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> dict:
    """Each mistake through `spread check`, in one child process."""
    cases, places = [], {}
    for i, mistake in enumerate(MISTAKES):
        folder = edition(tmp_path_factory.mktemp(f"mistake{i}"))
        path, content, layout, line = edited(folder, mistake)
        places[mistake.name] = (path, line)
        cases.append({"name": mistake.name, "args": ["check", str(content), "--layout",
                                                     str(layout)]})
    results = run_cli_cases(cases, CPU_SECONDS)
    return {"results": {name: {"code": r["code"], "said": r["stdout"] + r["stderr"]}
                        for name, r in results.items()}, "places": places}


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.name for m in MISTAKES])
def test_a_mistake_is_named_where_it_is_written_with_what_to_write(mistake, checked):
    result = checked["results"][mistake.name]
    said = result["said"]
    assert result["code"] == mistake.exit, said
    assert "Traceback" not in said and "internal error" not in said, said
    path, line = checked["places"][mistake.name]
    if mistake.place is not None:
        lines, column = mistake.place
        assert f"{path.name}:{line + lines}:{column}" in said, said
    else:  # placed elsewhere than the edit (a figure quoting it), or at the file's start
        assert re.search(rf"{re.escape(path.name)}:\d+:\d+", said), said
    for words in mistake.said:
        assert words in said, said


def test_the_catalogue_is_a_hundred_and_forty_mistakes_or_more():
    assert len(MISTAKES) >= 140
    assert len({m.name for m in MISTAKES}) == len(MISTAKES)


# what a build makes of a few of them: the same message, and the last good edition kept
BUILT = ["a full-width colon", "a list item more indented", "an honour roll line of \"\"",
         "an RGB #hex for a style's colour", "a length in px"]


def test_a_build_with_a_mistake_keeps_the_last_good_edition(tmp_path, default_build):
    from spread.cli import main

    for name in BUILT:
        mistake = next(m for m in MISTAKES if m.name == name)
        folder = tmp_path / f"case{BUILT.index(name)}"
        folder.mkdir()
        edition(folder)
        out = folder / "out"
        shutil.copytree(Path(default_build.outputs["print.pdf"]).parent, out)
        before = {p.name: p.read_bytes() for p in out.iterdir()}
        path, content, layout, line = edited(folder, mistake)
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["build", str(content), "--layout", str(layout), "-o", str(out)])
        said = err.getvalue()
        assert code == mistake.exit, said
        assert f"{path.name}:{line + mistake.place[0]}:{mistake.place[1]}" in said, said
        after = {p.name: p.read_bytes() for p in out.iterdir() if ".failed." not in p.name}
        assert after == before, name


# slips on the command line: the verb's argument as another tool or the shift key wrote it
ARGUMENTS = [
    (["build", "--rendition", "PRINT"], "did you mean 'print'? (names are case-sensitive)"),
    (["build", "--rendition", "print,Proof"], "did you mean 'proof'?"),
    (["dump", "--stage", "LAYOUT"], "did you mean 'layout'?"),
    (["build", "--layout", "NEWS"], "did you mean 'news'?"),
    (["BUILD"], "did you mean 'build'?"),
]


def test_an_argument_in_other_capitals_is_answered_with_its_spelling():
    results = run_cli_cases([{"name": str(i), "args": args}
                             for i, (args, _) in enumerate(ARGUMENTS)], CPU_SECONDS)
    for i, (args, hint) in enumerate(ARGUMENTS):
        said = results[str(i)]["stdout"] + results[str(i)]["stderr"]
        assert results[str(i)]["code"] == 2, (args, said)
        assert hint in said and "Traceback" not in said, (args, said)
