"""Builds docs/composition-rules.pdf: each composition rule shown before (characters set one
em each and broken wherever the measure ends, as a naive CJK wrap does) and after (spread's
composer). Drawn by spread's own renderer with the bundled fonts.

    python docs/rules_page.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from spread import template  # noqa: E402
from spread.build import load_fonts  # noqa: E402
from spread.compose import Glyph, Line, Rules, Run, Style, compose  # noqa: E402
from spread.compose.vertical import compose_vertical  # noqa: E402
from spread.files import write_atomically  # noqa: E402
from spread.page import Box, Colour, Page, Rule, TextRun  # noqa: E402
from spread.render import DrawSettings, draw  # noqa: E402

SIZE = 12.0
MEASURE = 12 * SIZE
BLACK = Colour("text", (0, 0, 0, 1), (0.1, 0.1, 0.1), overprint=True)
RED = Colour("red", (0, 1, 1, 0.1), (0.78, 0.09, 0.12))
GREY = Colour("grey", (0, 0, 0, 0.25), (0.75, 0.75, 0.75))
BODY = Style("song", SIZE)

EXAMPLES = [
    ("行首禁则：句读不居行首，先挤进再推出", "工会紧紧围绕中心服务大局，以发展为主题、和谐为主线。", {}),
    ("行尾禁则：开引号不居行尾", "级工会紧紧围绕中心建设“职工之家”，做最可信赖的娘家人。", {}),
    ("不可分：数字连同单位、万亿、——与……", "区镇两级累计发放慰问金1846.7万元——帮扶职工3.1万余人次……", {}),
    ("标点挤压：相邻标点共占一个半字", "践行“心往基层想”“人往基层走”的工作理念，（行业）《章程》。", {}),
    ("行末标点半角，行首开括号去半字空", "五年秉持初心笃然奋进五，“五年春华秋实”，硕果满园春华秋实。", {}),
    ("中西文间距：汉字与拉丁字母、数字之间四分之一字，正负号与单位符号随数字两侧对称",
     "制定“1+X”绩效积分考核机制，在+38℃的高温下发放补贴174万元，95%以上。", {}),
    ("连接号、单位符号、间隔号不居行首；正负号、货币符号、斜线不居行尾",
     "我国秦岭-淮河以北地区，涨幅为12.5％，一张门票¥100，比例3/4，依据GB/T 15834—2011。", {}),
    ("拉丁词与代号不断开（Zürich、COVID-19、iPhone15），长单词按音节断开并加连字符",
     "来自Zürich的新冠肺炎（COVID-19）报道说，iPhone15与internationalization、"
     "characteristically都不能随意断开。", {}),
    ("点号挤压：先挤行末与相邻标点，行中孤立点号至多挤去四分之一字，不成半角",
     "厂区内的设备全部恢复运转，工人们忙个不停。夏季高温期间，一线职工坚守岗位。", {}),
    ("两端对齐：除末行外每行恰好排满", "回眸过去五年，全区各级工会以发展为主题、和谐为主线、职工为根本、基层为重点。", {}),
    ("避免孤字：末行至少两字", "五年秉持初心，笃然奋进；五年春华秋实，硕果满园春华秋实硕果满园。", {}),
    ("开明式标点：句末点号全角，其余半角", "他说：“好。”大家都笑了，（真的）！《五年》、“两书”。", {"punctuation": "开明"}),
]


def naive(text: str, measure: float) -> list[Line]:
    """Before: one em per character, a break wherever the measure ends, no rule applied."""
    lines, glyphs, x = [], [], 0.0
    for i, ch in enumerate(text):
        width = SIZE * (0.5 if ch.isascii() else 1.0)
        if x + width > measure + 1e-6:
            lines.append(Line(tuple(glyphs), 0.0, x, measure, False, False))
            glyphs, x = [], 0.0
        glyphs.append(Glyph(ch, x, x, width, BODY, i))
        x += width
    lines.append(Line(tuple(glyphs), 0.0, x, measure, True, False))
    return lines


def runs_for(lines: list[Line], x: float, top: float, fonts) -> tuple[list, float]:
    items, y = [], top
    for line in lines:
        baseline = y - SIZE * 1.1
        chars = [g for g in line.glyphs if g.char != " "]
        for g in chars:
            face = fonts.role("song").face_for(g.char)
            items.append(TextRun(g.char, (x + line.start + g.x,), baseline, g.style, face.key,
                                 BLACK))
        y -= SIZE * 1.7
    return items, y


def main() -> None:
    layout_path = str(ROOT / "layout" / "default.yaml")
    fonts = load_fonts(template.load(layout_path), layout_path)
    width, height = 595.0, 1290.0
    items: list = []
    y = height - 50
    head = Style("hei", 16.0)
    title = "spread 的中文排版规则：前（逐字折行）与后（spread）"
    items += _label(title, 40, y, head, fonts, RED)
    y -= 34
    for label, text, kw in EXAMPLES:
        items += _label(label, 40, y, Style("hei", 10.5), fonts, RED)
        y -= 18
        before, y1 = runs_for(naive(text, MEASURE), 40, y, fonts)
        rules = Rules(measure=MEASURE, first_indent=0.0, **kw)
        after, y2 = runs_for(compose([Run(text, BODY)], rules, fonts), 60 + MEASURE + 40, y,
                             fonts)
        for x0 in (40, 60 + MEASURE + 40):
            items.append(Rule(x0 + MEASURE, y, x0 + MEASURE, min(y1, y2) + SIZE * 0.6, GREY, 0.5))
        items += before + after
        y = min(y1, y2) - 12
    items += _label("竖排：标点取竖排形式", 40, y, Style("hei", 10.5), fonts, RED)
    columns = compose_vertical([Run("代表大会，“画说”五年！", Style("song", 14))], 90, fonts)
    for c, column in enumerate(columns):  # columns read right to left
        for g in column.glyphs:
            face = fonts.role("song").face_for(g.char)
            items.append(TextRun(g.char, (300 - c * 22 + g.x,), y - 16 - g.y - 14 * 0.88,
                                 g.style, face.key, BLACK))
    page = Page("rules", Box(0, 0, width, height), Box(0, 0, width, height),
                Box(0, 0, width, height), tuple(items))
    pdf = draw([page], fonts, DrawSettings(colour="cmyk", title="spread composition rules"))
    write_atomically(ROOT / "docs" / "composition-rules.pdf", pdf)
    print("wrote docs/composition-rules.pdf")


def _label(text: str, x: float, y: float, style: Style, fonts, colour) -> list:
    line = compose([Run(text, style)], Rules(measure=500, align="start"), fonts)[0]
    return [TextRun(g.char, (x + g.x,), y, style, fonts.role(style.font).face_for(g.char).key,
                    colour) for g in line.glyphs if g.char != " "]


if __name__ == "__main__":
    main()
