"""Any page, not only ours: content nobody here has written — one to six sections, empty and
very long titles, intros of Han, Latin words, numbers with units, dates and times, URLs and
rare names, every kind of mark at every place, characters no font has, honour rolls of up to
80 names, 数说 of one to eight figures, charts of one to twelve bars, news stories as a
newsroom writes them (kickers, subheads, bylines, datelines, paragraphs, photos with
captions and credits), pictures of extreme shapes, sizes and colour modes — built with the
default layout, the tabloid spread and each template. A build either stops
with a message naming an item (exit 1 or 2), or exits 0 with a right page, read back from the
print PDF: every character of every text is there, in order; no glyph lies on another line's
glyph or on a picture; all text is inside the trim and off a spread's fold; each text stands
no more often than it is written; the print file's colours are CMYK; and every empty area the
page shows is one the make-up report names. The same content built in two folders gives the
same bytes.

Builds are the slow part (a second or two each), so the example counts are small and the
examples derandomized: CI runs the same pages every time. SPREAD_ANY_PAGES=N runs N pages a
layout, at random, for a longer hunt; with SPREAD_ANY_PAGES_KEEP=DIR it keeps every page that
fails (its content, pictures and what went wrong) in DIR and goes on, and
SPREAD_ANY_PAGES_LOG=FILE says what each page came to:

    SPREAD_ANY_PAGES=40 SPREAD_ANY_PAGES_KEEP=/tmp/keep nice pytest tests/test_any_page.py"""

from __future__ import annotations

import copy
import ctypes
import functools
import os
import random
import re
import shutil
import traceback
import unicodedata
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw

from conftest import ROOT
from spread import template
from spread.build import build
from spread.content import is_variation_selector
from spread.errors import SpreadError
from spread.layout import geometry
from spread.layout.makeup import HOLE_LINES

HUNT = int(os.environ.get("SPREAD_ANY_PAGES", "0"))
PAGES = settings(max_examples=HUNT or 3, deadline=None, derandomize=not HUNT, database=None,
                 # a hunt reports the page it found as drawn: shrinking rebuilds it hundreds
                 # of times
                 phases=[Phase.generate] if HUNT else list(Phase),
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                        HealthCheck.function_scoped_fixture])
MM = 72 / 25.4

# -- the text: what a newsroom pastes in ------------------------------------------------------

HAN = ("五年秉持初心笃然奋进春华秋实硕果满园回眸过去全区各级工会紧紧围绕中心服务大局以发展为主题"
       "和谐为主线职工为根本基层为重点市图书馆今日重新开放首接待读者古籍修复室首次对公众新馆三楼"
       "老街貌镜头里城南旧改造青石板路两旁木结构店铺曾是最热闹商圈")
WORDS = ["Zhang Wei", "Marie-Claire Dubois", "Oleksandr Kovalenko", "naïve", "Bjørn", "Straße",
         "International Conference on Sustainable Urbanization", "COVID-19", "iPhone15",
         "GB/T 15834—2011", "ISO 12647-3", "Ærøskøbing"]
FIGURES = ["38℃", "120mm", "12m/s", "1,234.5万元", "95%", "3.6万册", "2025年", "5月18日", "9:00",
           "PM2.5", "35μg/m³", "±0.5°", "2,400个", "1/4"]
DATES = ["5月18日", "10:30", "21:30", "2026-05-18", "上午9:00", "5月23日14:00", "2026年5月18日",
         "7:30至21:50", "5月18日上午10:30", "周二、周四下午"]
ADDRESSES = ["https://www.example.gov.cn/report/2025/annual-statistics-final.html",
             "info@example.com", "www.example.org/a?b=1&c=2"]
NAMES = ["亓官", "欧阳修", "令狐冲", "诸葛亮", "王赟", "李昇", "张堃", "陈喆", "刘玥", "赵珺", "刘䶮"]
MARKS = ["，", "。", "、", "；", "：", "“", "”", "（", "）", "《", "》", "——", "……", "！", "？"]
# every other mark a Chinese text holds (clreq, GB/T 15834 and what is pasted in), signs,
# and a Latin letter with a combining accent (U+0301, which every bundled face draws)
ODD_MARKS = ["‼", "⁇", "⸺", "％", "℃", "‰", "〜", "～", "・", "·", "「", "」", "『", "』", "〈",
             "〉", "【", "】", "〔", "〕", "〖", "〗", "⋯⋯", "№", "①", "㎡", "Ⅻ", "‘", "’", "“”",
             "！？", "？！", "。”", "”。", "——“", "……”", "（）", "／", "¥", "€", "Cafe\u0301",
             "e\u0301", "〝", "〞", "﹏﹏", "′", "″", "ǎ", "ü",
             # variation sequences: set as their base character, the selector noted
             "葛\U000E0100", "☎\ufe0f"]
OPENING, CLOSING = "“‘（《〈「『【〔〖", "”’）》〉」』】〕〗，。、；：！？"
# characters in no bundled face, as users paste them: rare names of CJK Extension B, emoji
# (a flag is two regional indicators), right-to-left scripts
UNDRAWN = ["𠮷", "𡈽", "😀", "🇨🇳", "שלום", "مرحبا", "𤭢"]
# ...and what a reader refuses before looking at fonts: a joiner (U+200D, a format character)
# inside an emoji family, a combining diaeresis on a Han character (no character composes of
# the pair, as ä does of a + U+0308)
REFUSED = ["👨\u200d👩\u200d👧", "画\u0308"]
TOFU = "𠮷"  # in no bundled font: a build must stop naming where it is written
BYLINES = ["本报记者 {}", "本报记者 {}　通讯员 {}", "记者 {} 实习生 {}", "{}"]
DATELINES = ["本报讯", "本报5月18日讯", "本报北京5月18日电", "新华社上海5月18日电（记者 {}）",
             "本报讯（记者 {}）"]


def paragraph(rnd: random.Random, length: int, odd: bool = False) -> str:
    """About `length` characters of newsroom text: Han runs with marks between, now and then
    a Latin word, a number with its unit, a date or a time, an address or a rare name; `odd`
    text carries every other kind of mark too, at any place (its first and last character
    included)."""
    out: list[str] = []
    if odd and rnd.random() < 0.5:
        out.append(rnd.choice(OPENING + CLOSING[:5]) if rnd.random() < 0.5
                   else rnd.choice(ODD_MARKS))
    while sum(map(len, out)) < length:
        kind = rnd.random()
        if kind < 0.5:
            start = rnd.randrange(len(HAN) - 12)
            out.append(HAN[start:start + rnd.randint(2, 12)])
        elif kind < 0.6:
            out.append(rnd.choice(WORDS))
        elif kind < 0.72:
            out.append(rnd.choice(FIGURES))
        elif kind < 0.77:
            out.append(rnd.choice(DATES))
        elif kind < 0.8:
            out.append(rnd.choice(ADDRESSES))
        elif kind < 0.86:
            out.append(rnd.choice(NAMES))
        elif odd:
            out.append(rnd.choice(ODD_MARKS + MARKS))
        else:
            out.append(rnd.choice(MARKS[:5]))
    text = "".join(out)[:max(length, 1)].strip()
    if odd:
        text = marked_up(rnd, text)
    if odd and rnd.random() < 0.5:  # ends on whatever mark it ends on
        return text + rnd.choice(["”", "……", "——", "！！", "？”", "）。", "‼", "⁇", "《", "“"])
    return (text.rstrip("，、；：") or "文") + "。"


def marked_up(rnd: random.Random, text: str) -> str:
    """Text as an editor marks it up, now and then: a span in emphasis (`**…**`), one kept
    literal (backticks: never taken for a figure), a forced new line."""
    for mark, chance in (("**", 0.2), ("`", 0.1)):
        if rnd.random() < chance and len(text) > 2:
            a = rnd.randrange(len(text) - 1)
            b = rnd.randint(a + 1, min(len(text), a + 12))
            if mark not in text[a:b]:
                text = f"{text[:a]}{mark}{text[a:b]}{mark}{text[b:]}"
    if rnd.random() < 0.1 and len(text) > 2:
        at = rnd.randrange(1, len(text) - 1)
        if "`" not in text and "*" not in text and text[at - 1] != " " and text[at] != " ":
            text = f"{text[:at]}\n{text[at:]}"
    return text


def title(rnd: random.Random, longest: int, odd: bool = False) -> str:
    n = rnd.choice([1, 4, 8, longest])
    text = "".join(rnd.choice(HAN) for _ in range(n))
    if odd and rnd.random() < 0.6:
        at = rnd.randint(0, len(text))
        text = text[:at] + rnd.choice(ODD_MARKS + MARKS) + text[at:]
    return text


def byline(rnd: random.Random) -> str:
    return rnd.choice(BYLINES).format(*(rnd.choice(NAMES) for _ in range(2)))


def dateline(rnd: random.Random) -> str:
    return rnd.choice(DATELINES).format(rnd.choice(NAMES))


def furniture(rnd: random.Random, content: dict) -> None:
    """The folio and credit lines, now and then: every layout places both."""
    if rnd.random() < 0.4:
        content["edition"] = {"paper": rnd.choice(["奉化日报", "城市晚报", ""]),
                              "date": rnd.choice(["2026年5月18日", "2026-05-18", "5月18日 星期一"]),
                              "page": rnd.choice(["第5版", "A3", ""]),
                              "page_title": rnd.choice(["特刊", "城事·民生", ""])}
    if rnd.random() < 0.4:
        content["credits"] = {"editor": rnd.choice(NAMES), "designer": rnd.choice(NAMES),
                              "proofreader": rnd.choice(NAMES + [""])}


# -- the pictures: drawn here, of extreme shapes, sizes and colour modes -----------------------

SHAPES = [1 / 4, 1 / 2, 1.0, 2.0, 4.0]  # width / height
ODD_SHAPES = [1 / 6, 6.0]  # a tall strip, a panorama
SHORT_SIDE = 1400  # pixels: enough for print at most sizes the templates place pictures
# how a picture comes: JPEG in RGB, grey or CMYK (already separated), PNG with an alpha
# channel, with a palette or in 16-bit grey, TIFF; `tiny` is a 24-pixel thumbnail, far
# below print resolution
MODES = ["rgb", "rgb", "grey", "cmyk", "rgba", "palette", "grey16", "tiff", "tiny"]
DRAWN: dict[tuple, bytes] = {}  # drawn once a session, copied after
SUFFIX = {"rgba": "png", "palette": "png", "grey16": "png", "tiff": "tif"}


def draw_picture(folder: Path, aspect: float, seed: int, mode: str = "rgb") -> str:
    """A drawn picture of the given shape and mode under folder/photos; its name for the
    content."""
    name = f"photos/p{seed}-{aspect:.2f}-{mode}.{SUFFIX.get(mode, 'jpg')}"
    (folder / "photos").mkdir(exist_ok=True)
    key = (aspect, seed % 3, mode)
    if key in DRAWN:
        (folder / name).write_bytes(DRAWN[key])
        return name
    short = 24 if mode == "tiny" else 900 if aspect in ODD_SHAPES else SHORT_SIDE
    w, h = (int(short * aspect), short) if aspect >= 1 else (short, int(short / aspect))
    if mode == "cmyk":  # separated as for newsprint: at most 240 % ink
        colours = [(150, 70 + seed % 3 * 30, 0, 20), (0, 200, 190, 0), (0, 0, 0, 255)]
    else:
        colours = [(80 + seed % 3 * 40, 120, 190), (200, 70 + seed % 3 * 30, 50), (20, 20, 20)]
    image = Image.new("CMYK" if mode == "cmyk" else "RGB", (w, h), colours[0])
    draw = ImageDraw.Draw(image)
    draw.rectangle([w // 5, h // 5, 4 * w // 5, 4 * h // 5], fill=colours[1])
    draw.line([(0, 0), (w, h)], fill=colours[2], width=max(1, min(w, h) // 30))
    if mode == "grey":
        image = image.convert("L")
    elif mode == "rgba":
        image.putalpha(Image.linear_gradient("L").resize((w, h)))
    elif mode == "palette":
        image = image.convert("P", palette=Image.Palette.ADAPTIVE, colors=16)
    elif mode == "grey16":
        image = image.convert("L").point(lambda v: v * 257, "I").convert("I;16")
    if mode == "tiff":
        image.save(folder / name, compression="tiff_deflate")
    elif name.endswith(".png"):
        image.save(folder / name)
    else:
        image.save(folder / name, quality=70)
    DRAWN[key] = (folder / name).read_bytes()
    return name


PICTURE = st.tuples(st.sampled_from(SHAPES + SHAPES + ODD_SHAPES), st.sampled_from(MODES))


# -- the content of one page, for each layout -------------------------------------------------

@dataclass
class Edition:
    layout: str  # a file under layout/
    content: dict
    pictures: list[tuple]  # (name, aspect, seed, mode) to draw beside the content


def report_section(rnd: random.Random, sections: int, has_report: bool, intro_len: int,
                   longest_title: int, n_items: int, odd: bool = False) -> dict:
    section: dict = {"title": title(rnd, longest_title, odd)}
    if intro_len:
        section["intro"] = paragraph(rnd, intro_len, odd)
    if has_report:
        section["report"] = {"items": [paragraph(rnd, rnd.choice([10, 40, 120]), odd)
                                       for _ in range(n_items)]}
    return section


def quoted(rnd: random.Random, count: int, unit: str = "") -> tuple[str, list[dict]]:
    """A report item holding `count` figures with their labels, and the figures quoting it;
    all counted in `unit` when one is given (a chart compares like with like)."""
    figures = [{"figure": f"{rnd.randint(1, 9999)}{unit or rnd.choice(['名', '家', '万人', '个'])}",
                "label": "".join(rnd.choice(HAN) for _ in range(rnd.randint(2, 6)))}
               for _ in range(count)]
    item = "、".join(f"{f['label']}{f['figure']}" for f in figures) + "。"
    return item, figures


# how a page's text is written: plain newsroom text mostly, now and then with every kind of
# mark at every place
ODD = st.sampled_from([False, False, True])


@st.composite
def report_page(draw, layout: str) -> Edition:
    """Content for the default layout and the tabloid spread (five sections, most often) or
    the commemorative template (one to six)."""
    rnd = random.Random(draw(st.integers(0, 2**32)))
    odd = draw(ODD)
    n = draw(st.sampled_from([5] * 8 + [2, 7]) if layout != "commemorative.yaml"
             else st.integers(1, 6))
    lengths = st.sampled_from([0, 40, 80, 150, 300])  # and now and then one of 2000
    sections = [report_section(rnd, n, draw(st.booleans()) or k == 0, draw(lengths),
                               draw(st.sampled_from([4, 4, 8, 8, 12, 30])), draw(st.integers(1, 6)),
                               odd)
                for k in range(n)]
    if draw(st.integers(0, 3)) == 0:
        sections[draw(st.integers(0, n - 1))]["intro"] = paragraph(rnd, 2000, odd)
    for k, s in enumerate(sections):  # titles name the sections figures quote: one each
        s["title"] = f"{s['title']}{k}"
    content: dict = {"headline": title(rnd, draw(st.sampled_from([4, 7, 7, 12, 40])), odd),
                     "kicker": draw(st.sampled_from(["", "——" + title(rnd, 20, odd)])),
                     "lead": [paragraph(rnd, draw(lengths), odd)
                              for _ in range(draw(st.integers(0, 2)))]
                     or [paragraph(rnd, 20, odd)],
                     "sections": sections}
    figures = draw(st.integers(0, 8))
    if figures:
        item, quotes = quoted(rnd, figures)
        sections[0].setdefault("report", {"items": []})["items"].insert(0, item)
        content["figures"] = [{**q, "from": {"section": sections[0]["title"], "item": 1}}
                              for q in quotes]
    bars = draw(st.sampled_from([0, 0, 2, 3, 4, 6, 8, 12, 1]))  # one bar is refused
    if bars:
        item, quotes = quoted(rnd, bars, rnd.choice(["名", "家"]))
        sections[0].setdefault("report", {"items": []})["items"].append(item)
        at = len(sections[0]["report"]["items"])
        content["charts"] = [{"kind": "bars", "bars": [
            {**q, "from": {"section": sections[0]["title"], "item": at}} for q in quotes]}]
    names = draw(st.sampled_from([0, 3, 12, 12, 30, 80]))
    if names or rnd.random() < 0.8:  # both layouts place an honour roll
        content["honour_roll"] = {"items": [{"text": rnd.choice(NAMES) + title(rnd, 12, odd)}
                                            for _ in range(max(names, 1))]}
        if odd and rnd.random() < 0.5:  # set upright: its marks take their vertical forms
            content["honour_roll"]["title"] = title(rnd, 6, odd)
    furniture(rnd, content)
    return Edition(layout, content, [])


def photo(rnd: random.Random, draw, key: str, seed: int, pictures: list, odd: bool) -> dict:
    """A photo of the content, with a caption and credit now and then; its picture drawn."""
    aspect, mode = draw(PICTURE)
    pictures.append((key, aspect, seed, mode))
    out = {"file": key}
    if rnd.random() < 0.8:
        out["caption"] = paragraph(rnd, rnd.choice([8, 30, 120]), odd)
    if rnd.random() < 0.7:
        out["credit"] = rnd.choice(["本报记者 {} 摄", "{} 摄", "新华社发", "{}/摄"]).format(
            rnd.choice(NAMES))
    return out


@st.composite
def news_page(draw) -> Edition:
    """Content for the news template as a newsroom writes it: the lead story with its photo,
    kicker, subhead, byline and dateline, then one to six stories of one to six paragraphs,
    each with or without kicker, subhead, byline, dateline, intro and up to two photos."""
    rnd = random.Random(draw(st.integers(0, 2**32)))
    odd = draw(ODD)
    lengths = st.sampled_from([20, 80, 150, 400])  # and now and then one of 2000
    pictures: list = []
    stories = []
    for k in range(draw(st.integers(1, 6))):
        story = {"title": title(rnd, draw(st.sampled_from([4, 12, 40])), odd)}
        for part, make in (("kicker", lambda: title(rnd, 16, odd)),
                           ("subhead", lambda: title(rnd, 24, odd)),
                           ("byline", lambda: byline(rnd)), ("dateline", lambda: dateline(rnd))):
            if draw(st.booleans()):
                story[part] = make()
        if rnd.random() < 0.15:
            story["intro"] = paragraph(rnd, draw(lengths), odd)
        story["body"] = [paragraph(rnd, draw(lengths) // rnd.choice([1, 2, 3]), odd)
                         for _ in range(draw(st.sampled_from([1, 2, 3, 6])))]
        photos = draw(st.sampled_from([0, 0, 1, 1, 2]))
        if photos:
            story["pictures"] = [photo(rnd, draw, f"s{k}-{j}", 3 * k + j + 1, pictures, odd)
                                 for j in range(photos)]
        stories.append(story)
    content = {"kicker": draw(st.sampled_from(["", title(rnd, 20, odd)])),
               "headline": title(rnd, draw(st.sampled_from([4, 12, 40])), odd),
               "lead": [paragraph(rnd, draw(lengths), odd)
                        for _ in range(draw(st.integers(1, 4)))],
               "pictures": [photo(rnd, draw, "lead", 0, pictures, odd)],
               "sections": stories}
    for part, make in (("subhead", lambda: title(rnd, 24, odd)),
                       ("byline", lambda: byline(rnd)), ("dateline", lambda: dateline(rnd))):
        if draw(st.booleans()):
            content[part] = make()
    if draw(st.integers(0, 3)) == 0:
        story = stories[draw(st.integers(0, len(stories) - 1))]
        story["body"] = [paragraph(rnd, 2000, odd)] + story["body"][1:]
    furniture(rnd, content)
    return Edition("news.yaml", content, pictures)


@st.composite
def photo_page(draw) -> Edition:
    """Content for the 画说 photo template: one to eight photos with captions."""
    rnd = random.Random(draw(st.integers(0, 2**32)))
    odd = draw(ODD)
    pictures: list = []
    content = {"headline": title(rnd, draw(st.sampled_from([4, 12, 40])), odd),
               "kicker": draw(st.sampled_from(["", "——" + title(rnd, 20, odd)])),
               "lead": [paragraph(rnd, draw(st.sampled_from([20, 150, 600])), odd)],
               "pictures": [photo(rnd, draw, f"p{k}", k, pictures, odd)
                            for k in range(draw(st.integers(1, 8)))]}
    for p in content["pictures"]:
        p.setdefault("caption", paragraph(rnd, draw(st.sampled_from([8, 40, 200])), odd))
    furniture(rnd, content)
    return Edition("photo.yaml", content, pictures)


# texts a character no font has may go into: not file names, quotes' references, section
# titles (figures quote sections by title), the figures and labels that quote an item nor
# the items they quote
NOT_FOR_TOFU = re.compile(r"(\.file|\.from|\.kind|\.chart|figures\[\d+\]\.\w+|"
                          r"charts\[\d+\]\.bars.*|sections\[\d+\]\.title|"
                          r"sections\[0\]\.report\.items\[\d+\])$")
UNDRAWN_CHOICE = st.sampled_from([""] * 3 * len(UNDRAWN + REFUSED) + [TOFU] + UNDRAWN
                                 + REFUSED)  # a page in four


def with_undrawn(edition: Edition, chars: str, where: int) -> Edition:
    """The same content with `chars` (a character no font has, or one a reader refuses)
    in one of its texts, picked by `where`: the headline, a section's text, a caption…"""
    if not chars:
        return edition
    content = copy.deepcopy(edition.content)
    places = [p for p, _ in texts_of(content) if not NOT_FOR_TOFU.search(p)]
    path = places[where % len(places)]
    *parents, last = re.findall(r"[^.\[\]]+", path)
    holder = content
    for step in parents:
        holder = holder[int(step)] if step.isdigit() else holder[step]
    key = int(last) if last.isdigit() else last
    text = holder[key]
    at = where % (len(text) + 1)
    holder[key] = text[:at] + chars + text[at:]
    return Edition(edition.layout, content, edition.pictures)


# -- building it --------------------------------------------------------------------------

@dataclass
class Outcome:
    folder: Path
    content_path: Path
    error: SpreadError | None
    result: object  # BuildResult when the build went through


class AsWritten(yaml.SafeDumper):
    """Writes every text plain where YAML allows, as a newsroom types it: `10:30`,
    `2026-05-18`, `1.50` or `true` unquoted (spread reads them as the text they are)."""

    yaml_implicit_resolvers: dict = {}


AsWritten.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style=None if text else "'"))  # '' stays text, not null


def build_edition(edition: Edition, folder: Path, renditions: tuple = ("print",)) -> Outcome:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    names = {key: draw_picture(folder, *drawn) for key, *drawn in edition.pictures}

    def named(value):
        if isinstance(value, dict):
            return {k: names.get(v, v) if k == "file" else named(v) for k, v in value.items()}
        return [named(v) for v in value] if isinstance(value, list) else value

    path = folder / "content.yaml"
    path.write_text(yaml.dump(named(edition.content), Dumper=AsWritten, allow_unicode=True,
                              sort_keys=False, width=10**6), encoding="utf-8")
    try:
        result = build(str(path), str(ROOT / "layout" / edition.layout), str(folder / "out"),
                       renditions)
    except SpreadError as exc:
        return Outcome(folder, path, exc, None)
    return Outcome(folder, path, None, result)


# -- reading the page back ----------------------------------------------------------------

Bounds = tuple[float, float, float, float]  # left, bottom, right, top, in PDF points


@dataclass
class PrintPage:
    text: str  # the page's text as pdfium reads it, normalised (see `normal`)
    glyphs: list[tuple[int, str, Bounds]]  # (index in drawing order, character, its ink)
    pictures: list[Bounds]  # what shows of each image: its placement clipped
    trim: Bounds
    ink: Image.Image  # the page rendered, greyscale, at INK_SCALE
    scale: float


INK_SCALE = 0.5  # pixels per point (36 ppi): a make-up cell is several pixels


def normal(text: str) -> str:
    """Text as compared: compatibility forms (the vertical marks of an upright title) as
    their plain marks, without whitespace, hyphens (the composer's at a line end, which
    pdfium reads as U+FFFE, and the text's own) and the content's emphasis and literal
    marks. An upright title's quotation marks are set as corner brackets (﹁, read «「»):
    both kinds compare alike."""
    text = unicodedata.normalize("NFKC", text).translate(QUOTES)
    return re.sub(r"[\s\-‐‑\u00ad\ufffe`*\ufe00-\ufe0f\U000e0100-\U000e01ef]", "", text)


QUOTES = str.maketrans("“”‘’", "「」『』")


def read_page(pdf_path: Path) -> PrintPage:
    """The page's text in the order it is drawn: pdfium's characters, each put with the text
    object that draws it, in content-stream order. pdfium's own order moves a line between
    the parts of another where it guesses they share a line (a one-character 84 pt headline
    above a kicker), which says nothing about the page."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        page = pdf[0]
        textpage = page.get_textpage()
        drawn = {ctypes.addressof(obj.raw.contents): k
                 for k, obj in enumerate(page.get_objects(max_depth=1))}
        count = textpage.count_chars()
        chars = []
        for i in range(count):
            obj = pdfium_c.FPDFText_GetTextObject(textpage.raw, i)
            chars.append((drawn.get(ctypes.addressof(obj.contents), -1) if obj else -1, i,
                          textpage.get_text_range(i, 1)))
        chars.sort()
        glyphs = [(k, char, textpage.get_charbox(i)) for k, (_, i, char) in enumerate(chars)
                  if char.strip()]
        ink = page.render(scale=INK_SCALE, grayscale=True).to_pil().convert("L")
        trim = page.get_trimbox()
    finally:
        pdf.close()
    return PrintPage(normal("".join(char for *_, char in chars)), glyphs,
                     shown_pictures(pdf_path), trim, ink, INK_SCALE)


def shown_pictures(pdf_path: Path) -> list[Bounds]:
    """Each drawn image's rectangle on the page, cut to the clip it is drawn in — read from
    the content stream (q/Q, cm, a rectangle made the clip, Do)."""
    out = []
    with pikepdf.open(pdf_path) as pdf:
        ctm, clip = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), None
        stack, pending = [], None
        for operands, op in pikepdf.parse_content_stream(pdf.pages[0]):
            op = str(op)
            if op == "q":
                stack.append((ctm, clip))
            elif op == "Q":
                ctm, clip = stack.pop()
            elif op == "cm":
                a, b, c, d, e, f = map(float, operands)
                A, B, C, D, E, F = ctm
                ctm = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
                       e * A + f * C + E, e * B + f * D + F)
            elif op == "re":
                x, y, w, h = map(float, operands)
                pending = _apply(ctm, (x, y, x + w, y + h))
            elif op in ("W", "W*") and pending is not None:
                clip = pending if clip is None else _cut(clip, pending)
            elif op == "Do":
                shown = _apply(ctm, (0.0, 0.0, 1.0, 1.0))
                if clip is not None:
                    shown = _cut(shown, clip)
                if shown[2] > shown[0] and shown[3] > shown[1]:
                    out.append(shown)
    return out


def _apply(m, box: Bounds) -> Bounds:
    xs = [m[0] * x + m[2] * y + m[4] for x in (box[0], box[2]) for y in (box[1], box[3])]
    ys = [m[1] * x + m[3] * y + m[5] for x in (box[0], box[2]) for y in (box[1], box[3])]
    return min(xs), min(ys), max(xs), max(ys)


def _cut(a: Bounds, b: Bounds) -> Bounds:
    return max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])


def overlap(a: Bounds, b: Bounds) -> float:
    """How far two boxes overlap, the lesser of the two directions (0 when apart)."""
    return max(0.0, min(min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])))


# -- what a right page is -----------------------------------------------------------------

def texts_of(content: dict) -> list[tuple[str, str]]:
    """Every text the content prints, with its path: strings, less file names and the
    references figures quote from."""
    out: list[tuple[str, str]] = []

    def walk(value, path):
        if isinstance(value, str):
            out.append((path, value))
        elif isinstance(value, list):
            for k, v in enumerate(value):
                walk(v, f"{path}[{k}]")
        elif isinstance(value, dict):
            for k, v in value.items():
                if k not in ("file", "from", "kind", "chart"):
                    walk(v, f"{path}.{k}" if path else k)

    walk(content, "")
    return [(p, t) for p, t in out if normal(t)]


ONCE = 6  # characters: a text this long printed twice is a duplicate, not a coincidence


def assert_every_text_is_printed(content: dict, page: PrintPage) -> None:
    """(a) each text's characters stand on the page, in order, unbroken by other text — and
    no more often than the content writes them (its own place, and where other texts quote
    it, as the 数说 quotes a report item): a line set twice is a bug too."""
    lines = [(path, normal(line)) for path, text in texts_of(content)
             for line in text.splitlines() if normal(line)]
    for path, line in lines:
        assert line in page.text, f"{path}: «{line}» is not on the page whole"
        if len(line) >= ONCE:
            written = sum(other.count(line) for _, other in lines)
            printed = page.text.count(line)
            assert printed <= written, (f"{path}: «{line}» is printed {printed} times, "
                                        f"written {written}")


def assert_no_text_on_text_or_pictures(page: PrintPage) -> None:
    """(b) no glyph's ink lies on another glyph's (neighbours in reading order aside: a
    squeezed mark may touch its neighbour) or on a picture; (c) none outside the trim."""
    glyphs = sorted(page.glyphs, key=lambda g: g[2][0])
    for k, (i, char, box) in enumerate(glyphs):
        tolerance = 0.15 * (box[3] - box[1]) + 0.3
        for j, other, against in glyphs[k + 1:]:
            if against[0] >= box[2]:
                break
            if abs(i - j) > 1 and overlap(box, against) > tolerance:
                raise AssertionError(f"«{char}» (char {i}) lies on «{other}» (char {j}) "
                                     f"at {box} / {against}")
        for picture in page.pictures:
            assert overlap(box, picture) <= 0.5, f"«{char}» (char {i}) lies on a picture"
        x0, y0, x1, y1 = page.trim
        assert x0 - 0.5 <= box[0] and box[2] <= x1 + 0.5 and y0 - 0.5 <= box[1] \
            and box[3] <= y1 + 0.5, f"«{char}» (char {i}) outside the trim {page.trim}"


def assert_no_text_on_the_fold(page: PrintPage, folds: tuple[float, ...]) -> None:
    """(f) a spread's text keeps to one page: no glyph crosses a fold, where the plant cuts
    the spread into its pages (print-pages.pdf) and the paper folds."""
    for fold in folds:
        for i, char, box in page.glyphs:
            assert not box[0] + 0.3 < fold < box[2] - 0.3, \
                f"«{char}» (char {i}) lies across the fold at x {fold / MM:.1f} mm: {box}"


LIGHT = 225  # grey level: lighter than this is paper or a background tint


def empty_areas(page: PrintPage, layout_path: Path, result) -> list[Bounds]:
    """Rectangles of the type area the PDF shows empty (no ink darker than a tint) at least
    a basic column and a line more than a hole wide and tall, largest first; the areas the
    layout keeps clear by design (the page model's reserved boxes) and the pictures count as
    used."""
    layout = template.load(str(layout_path))
    geo = geometry(layout)
    body = layout.styles["body"]
    pitch = body.size.pt(layout.grid.unit.pt()) * body.leading
    cw, ch = geo.column / 4, pitch / 2
    area = geo.area
    cols, rows = int(area.width / cw), int(area.height / ch)
    s = page.scale
    height_px = page.ink.height
    reserved = [(b.x, b.y, b.right, b.top) for e in result.page.elements for b in e.reserved]
    reserved += page.pictures  # a picture is content where it is white too (a faded sky)
    used = []
    for r in range(rows):
        top = area.top - r * ch
        line = bytearray(cols)
        for c in range(cols):
            x = area.x + c * cw
            cell = (x, top - ch, x + cw, top)
            if any(overlap(cell, box) > 0.01 for box in reserved):
                line[c] = 1
                continue
            crop = page.ink.crop((int(x * s), int(height_px - top * s),
                                  int((x + cw) * s) + 1, int(height_px - (top - ch) * s) + 1))
            line[c] = crop.getextrema()[0] < LIGHT
        used.append(line)
    wide, tall = 4 * 1.5, 2 * (HOLE_LINES + 1)  # in cells
    out = []
    while True:
        best = _largest_empty(used, wide, tall)
        if best is None:
            return out
        r0, c0, r1, c1 = best
        for r in range(r0, r1 + 1):
            used[r][c0:c1 + 1] = b"\x01" * (c1 - c0 + 1)
        out.append((area.x + c0 * cw, area.top - (r1 + 1) * ch, area.x + (c1 + 1) * cw,
                    area.top - r0 * ch))


def _largest_empty(used, wide, tall):
    """The largest empty rectangle of cells at least wide × tall, as (r0, c0, r1, c1)."""
    cols = len(used[0]) if used else 0
    heights, best, best_area = [0] * cols, None, 0
    for r, line in enumerate(used):
        heights = [0 if line[c] else heights[c] + 1 for c in range(cols)]
        stack: list[tuple[int, int]] = []
        for c in range(cols + 1):
            h = heights[c] if c < cols else 0
            start = c
            while stack and stack[-1][1] >= h:
                s, sh = stack.pop()
                if c - s >= wide and sh >= tall and (c - s) * sh > best_area:
                    best_area, best = (c - s) * sh, (r - sh + 1, s, r, c - 1)
                start = s
            stack.append((start, h))
    return best


REPORTED = re.compile(r"^make-up: (hole|short-column): .*\(([\d.]+) × ([\d.]+) mm at x "
                      r"(-?[\d.]+) mm, y (-?[\d.]+) mm from the trim's top left\)$")


def reported_areas(notes: list[str], trim: Bounds) -> list[Bounds]:
    """The holes and short columns the make-up report names, as page boxes."""
    out = []
    for note in notes:
        m = REPORTED.match(note)
        if m:
            w, h, x, y = (float(v) * MM for v in m.groups()[1:])
            out.append((trim[0] + x, trim[3] - y - h, trim[0] + x + w, trim[3] - y))
    return out


def assert_makeup_report_tells_the_page(page: PrintPage, layout_path: Path, result) -> None:
    """(d) every empty area the PDF shows is one the make-up report names (mm rounding
    aside: it need only lie mostly within a named one)."""
    named = reported_areas(result.notes, page.trim)
    for hole in empty_areas(page, layout_path, result):
        area = (hole[2] - hole[0]) * (hole[3] - hole[1])
        covered = sum(max(0.0, min(hole[2], n[2]) - max(hole[0], n[0]))
                      * max(0.0, min(hole[3], n[3]) - max(hole[1], n[1])) for n in named)
        assert covered >= 0.5 * area, (
            f"the page shows an empty area of {(hole[2] - hole[0]) / MM:.0f} × "
            f"{(hole[3] - hole[1]) / MM:.0f} mm at x {(hole[0] - page.trim[0]) / MM:.0f} mm, "
            f"y {(page.trim[3] - hole[3]) / MM:.0f} mm from the trim's top left that the "
            f"make-up report does not name:\n" + "\n".join(
                n for n in result.notes if n.startswith("make-up")))


RGB_SPACES = {"/DeviceRGB", "/CalRGB", "/RGB"}  # /RGB: an inline image's abbreviation


def _rgb(space) -> bool:
    """Whether a colour space (a name, an array, or a resource dictionary of them) is RGB
    or leans on RGB (an indexed or separation space over it, an ICC profile of 3 channels)."""
    if isinstance(space, pikepdf.Name):
        return str(space) in RGB_SPACES
    if isinstance(space, pikepdf.Array) and len(space):
        family = str(space[0])
        if family == "/ICCBased":
            return int(space[1].get("/N", 0)) == 3
        if family == "/Indexed":
            return _rgb(space[1])
        if family in ("/Separation", "/DeviceN"):
            return _rgb(space[2])
        return family in RGB_SPACES
    if isinstance(space, pikepdf.Dictionary):
        return any(_rgb(v) for _, v in space.items())
    return False


def assert_print_colours_are_cmyk(pdf_path: Path) -> None:
    """(e) the print file paints in CMYK (and grey, the black plate) alone: no colour space,
    image, shading or content-stream operator of RGB anywhere in it."""
    with pikepdf.open(pdf_path) as pdf:
        for obj in pdf.objects:
            if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                continue
            for key in ("/ColorSpace", "/CS"):
                if key in obj:
                    assert not _rgb(obj[key]), f"RGB colour space {obj[key]} in object {obj.objgen}"
            if obj.get("/Subtype") == "/Form" or obj.get("/PatternType") == 1:
                _assert_cmyk_operators(pikepdf.parse_content_stream(obj), obj.objgen)
        for n, page in enumerate(pdf.pages):
            _assert_cmyk_operators(pikepdf.parse_content_stream(page), f"page {n + 1}")


def _assert_cmyk_operators(instructions, where) -> None:
    for operands, op in instructions:
        op = str(op)
        assert op not in ("rg", "RG"), f"RGB colour operator {op} {list(operands)} in {where}"
        if op in ("cs", "CS"):
            assert str(operands[0]) not in RGB_SPACES, f"{op} {operands[0]} in {where}"
        if op == "INLINE IMAGE":
            image = operands[0].obj
            assert not _rgb(image.get("/CS", image.get("/ColorSpace"))), \
                f"an RGB inline image in {where}"


@functools.cache
def drawn_by_a_bundled_font() -> frozenset[int]:
    """Every code point some bundled face draws (read here with fontTools, not by spread)."""
    out: set[int] = set()
    for path in (ROOT / "fonts").glob("*.ttf"):
        font = TTFont(path, lazy=True)
        notdef = font.getGlyphOrder()[0]
        out |= {cp for cp, glyph in font.getBestCmap().items() if glyph != notdef}
    return frozenset(out)


def undrawn(content: dict) -> set[str]:
    """The characters of the content's texts that no bundled face draws."""
    return {ch for _, text in texts_of(content) for ch in text
            if not ch.isspace() and ord(ch) not in drawn_by_a_bundled_font()
            and not is_variation_selector(ch)}  # set as its base character, noted


def assert_right_or_refused(outcome: Outcome, edition: Edition) -> None:
    if os.environ.get("SPREAD_ANY_PAGES_LOG"):  # for a hunt: what each page came to
        with open(os.environ["SPREAD_ANY_PAGES_LOG"], "a", encoding="utf-8") as log:
            log.write(f"{edition.layout}: {outcome.error or 'exit 0'}\n".split("\n")[0] + "\n")
    lacking = undrawn(edition.content)
    if outcome.error is not None:
        exc = outcome.error
        assert exc.exit_code in (1, 2), exc
        assert exc.where is not None and exc.where.file, f"names no item: {exc}"
        named = Path(exc.where.file).resolve()
        assert named in (outcome.content_path.resolve(),
                         (ROOT / "layout" / edition.layout).resolve()), exc
        if exc.exit_code == 1:  # a problem of the page: shown on a failure proof
            assert (outcome.folder / "out" / "content.failed.proof.png").is_file() or \
                any("no failure proof" in n for n in getattr(exc, "__notes__", [])), exc
        said = "\n".join([str(exc), *getattr(exc, "__notes__", [])])
        if "character(s) missing from" in said:  # each named, with where it is
            written = "".join(text for _, text in texts_of(edition.content))
            for ch in re.findall(r"'(.)' \(U\+[0-9A-F]{4,6}\)", said):
                assert ch in written, f"{ch!r} is said to be missing but is not written"
            for ch in lacking:
                assert re.search(rf"U\+{ord(ch):04X}\) at [^ ]*content\.yaml:\d+:\d+", said), \
                    f"{ch!r} (U+{ord(ch):04X}) is not named with its place: {said}"
        return
    assert not lacking, f"built with {sorted(lacking)}, which no bundled font draws"
    result = outcome.result
    assert result.ok, result.checks
    page = read_page(result.outputs["print.pdf"])
    assert_every_text_is_printed(edition.content, page)
    assert_no_text_on_text_or_pictures(page)
    assert_no_text_on_the_fold(page, result.page.folds)
    assert_print_colours_are_cmyk(result.outputs["print.pdf"])
    assert_makeup_report_tells_the_page(page, ROOT / "layout" / edition.layout, result)


KEEP = os.environ.get("SPREAD_ANY_PAGES_KEEP")  # a hunt's folder for the pages that fail


def hunted(edition: Edition, folder: Path) -> None:
    """Build the edition and judge the page. In a hunt with SPREAD_ANY_PAGES_KEEP, a page
    that fails (or crashes the build) is kept there with what went wrong, and the hunt goes
    on: every failure of a hunt is collected, not only the first."""
    try:
        outcome = build_edition(edition, folder)
        if KEEP and outcome.error and "fails its checks" in str(outcome.error):
            _keep(folder, edition, f"refused: {outcome.error}", "refused-")
        assert_right_or_refused(outcome, edition)
    except Exception as exc:
        if not KEEP:
            raise
        _keep(folder, edition, f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}")


def _keep(folder: Path, edition: Edition, what: str, prefix: str = "") -> None:
    keep = Path(KEEP) / f"{prefix}{Path(edition.layout).stem}-{uuid.uuid4().hex[:8]}"
    shutil.copytree(folder, keep, ignore=shutil.ignore_patterns("out"))
    (keep / "failure.txt").write_text(f"{edition.layout}\n{what}\n", encoding="utf-8")


# -- the properties -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("any-page")


PLACE = st.integers(0, 10**6)  # where a character no font has goes, when one does


@PAGES
@given(report_page("default.yaml"), UNDRAWN_CHOICE, PLACE)
def test_any_content_on_the_default_page(desk, edition, chars, where):
    hunted(with_undrawn(edition, chars, where), desk / "default")


@PAGES
@given(report_page("tabloid-spread.yaml"), UNDRAWN_CHOICE, PLACE)
def test_any_content_on_the_tabloid_spread(desk, edition, chars, where):
    hunted(with_undrawn(edition, chars, where), desk / "tabloid")


@PAGES
@given(report_page("commemorative.yaml"), UNDRAWN_CHOICE, PLACE)
def test_any_content_on_the_commemorative_template(desk, edition, chars, where):
    hunted(with_undrawn(edition, chars, where), desk / "commemorative")


@PAGES
@given(news_page(), UNDRAWN_CHOICE, PLACE)
def test_any_content_on_the_news_template(desk, edition, chars, where):
    hunted(with_undrawn(edition, chars, where), desk / "news")


@PAGES
@given(photo_page(), UNDRAWN_CHOICE, PLACE)
def test_any_content_on_the_photo_template(desk, edition, chars, where):
    hunted(with_undrawn(edition, chars, where), desk / "photo")


RENDITIONS = ("print", "proof", "archive")
ANY_PAGE = st.one_of(report_page("default.yaml"), report_page("tabloid-spread.yaml"),
                     report_page("commemorative.yaml"), news_page(), photo_page())


@settings(PAGES, max_examples=max(1, HUNT // 8))
@given(ANY_PAGE)
def test_any_page_builds_to_the_same_bytes_in_another_folder(desk, edition):
    """Same input, same bytes: the page built twice, in two folders of other names, writes
    the same print, proof (PDF and PNG) and archive files — or stops with the same message,
    folders aside."""
    one = build_edition(edition, desk / "same-a", RENDITIONS)
    two = build_edition(edition, desk / "same-bb", RENDITIONS)
    if one.error or two.error:
        said = [str(o.error).replace(str(o.folder), "<folder>") if o.error else "exit 0"
                for o in (one, two)]
        assert said[0] == said[1]
        return
    assert sorted(one.result.outputs) == sorted(two.result.outputs)
    for name, path in one.result.outputs.items():
        if name.endswith((".pdf", ".png")):
            assert path.read_bytes() == two.result.outputs[name].read_bytes(), \
                f"{name} differs between two builds of one content"


# -- pages found by hand or by the properties, kept -----------------------------------------

def test_six_long_stories_overset_the_news_page_and_say_so(desk):
    """The page overset by more than the row it cuts once crashed sharing spare height."""
    rnd = random.Random(6)
    stories = [{"title": title(rnd, 30), "body": [paragraph(rnd, 900)]} for _ in range(6)]
    edition = Edition("news.yaml", {"headline": "市图书馆今日重新开放",
                                    "lead": [paragraph(rnd, 300)],
                                    "pictures": [{"file": "lead", "caption": "读者排队入馆。"}],
                                    "sections": stories}, [("lead", 1.5, 0)])
    outcome = build_edition(edition, desk / "six-stories")
    assert outcome.error is not None and outcome.error.exit_code == 1
    assert "overset" in outcome.error.message
    assert_right_or_refused(outcome, edition)


def test_a_short_honour_roll_in_its_frame_is_a_hole_the_report_names(desk):
    """Three names in the default page's honour-roll box: the box's frame does not fill it."""
    content = yaml.safe_load((ROOT / "content.yaml").read_text(encoding="utf-8"))
    content["honour_roll"]["items"] = content["honour_roll"]["items"][:3]
    edition = Edition("default.yaml", content, [])
    outcome = build_edition(edition, desk / "three-names")
    assert outcome.error is None
    assert any(n.startswith("make-up: hole: honour_roll") for n in outcome.result.notes), \
        outcome.result.notes
    assert_right_or_refused(outcome, edition)


def small_red_labels(folder: Path) -> Path:
    """The default layout with the 数说 labels set in red at 9 pt: type of three inks below
    the 10 pt newsprint holds, which only the print checks catch (layout sets what the
    layout says; the panel's own figures stop at the minimum and report an overset)."""
    text = (ROOT / "layout" / "default.yaml").read_text(encoding="utf-8").replace(
        "../fonts/", f"{ROOT}/fonts/")
    old = "figure_label:   {font: kai, size: 小四,"
    assert old in text
    path = folder / "small-red-labels.yaml"
    path.write_text(text.replace(old, "figure_label:   {font: kai, size: 9pt, colour: red,"),
                    encoding="utf-8")
    return path


def test_a_page_that_fails_its_print_checks_never_replaces_the_edition(desk, capsys):
    """The print file is checked before it is written: once it replaced the last good edition
    and only then exited 1, and a batch build of it said ok."""
    from spread import cli

    folder = desk / "small-red-labels"
    folder.mkdir()
    shutil.copy(ROOT / "content.yaml", folder / "content.yaml")
    args = ["-o", str(folder / "out"), "--rendition", "print"]
    assert cli.main(["build", str(folder / "content.yaml"), "--layout",
                     str(ROOT / "layout" / "default.yaml"), *args]) == 0
    good = (folder / "out" / "content.print.pdf").read_bytes()
    args = ["--layout", str(small_red_labels(folder)), *args]
    capsys.readouterr()
    assert cli.main(["build", str(folder / "content.yaml"), *args]) == 1
    err = capsys.readouterr().err
    assert re.search(r"content\.yaml:\d+:\d+ \(figures\): print\.pdf fails its checks in "
                     r"figures .*type-size.*below the 10 pt minimum", err), err
    assert "failure proof: " in err and "Traceback" not in err
    assert (folder / "out" / "content.print.pdf").read_bytes() == good
    assert (folder / "out" / "content.failed.proof.png").is_file()
    shutil.copy(folder / "content.yaml", folder / "again.yaml")
    assert cli.main(["build", str(folder / "content.yaml"), str(folder / "again.yaml"),
                     *args]) == 1  # a batch
    assert not (folder / "out" / "again.print.pdf").exists()


def test_black_text_after_a_knocked_out_rule_still_overprints(desk):
    """Found by a hunt: a folio (its rule knocks out) above the news page's lead photo and
    story. ReportLab writes the stroke's overprint flag alone (gs /OP false), which by the
    PDF rules clears the fill's flag too, while it believed the fill still overprinted: the
    lead story's 100 K text knocked out and the page failed its print check (exit 1)."""
    edition = Edition("news.yaml", {"headline": "三主", "lead": ["首。"],
                                    "pictures": [{"file": "lead"}],
                                    "edition": {"page": "第版"}}, [("lead", 2.0, 0)])
    outcome = build_edition(edition, desk / "folio-and-photo")
    assert outcome.error is None, outcome.error
    assert_right_or_refused(outcome, edition)


@pytest.mark.parametrize("count", [1, 3, 5])
def test_an_odd_number_of_figures_keeps_off_the_spreads_fold(desk, count):
    """Found by a hunt: the tabloid spread's 数说 row spans both pages; with 1, 3 or 5
    figures the middle one's 40 pt number was set across the fold (cut in two in
    print-pages.pdf). The panel shares its figures by halves, the odd one to the left page,
    each half ending at the fold's gutter."""
    content = yaml.safe_load((ROOT / "content.yaml").read_text(encoding="utf-8"))
    content["figures"] = content["figures"][:count]
    edition = Edition("tabloid-spread.yaml", content, [])
    outcome = build_edition(edition, desk / f"figures-on-the-fold-{count}")
    assert outcome.error is None, outcome.error
    assert_right_or_refused(outcome, edition)
    fold = outcome.result.page.folds[0]
    numbers = [g for g in read_page(outcome.result.outputs["print.pdf"]).glyphs
               if g[1].isdigit() and g[2][3] - g[2][1] > 20]  # the 40 pt numbers' digits
    left = [char for _, char, box in numbers if box[2] < fold]
    right = [char for _, char, box in numbers if box[0] > fold]
    assert left and (right or count == 1) and len(left) + len(right) == len(numbers)


def test_a_long_section_title_keeps_off_the_spreads_fold(desk):
    """Found by a hunt: a title of 27 characters fitted the tabloid's full-width section,
    whose tab ran from the left page over the fold onto the right one. A tab keeps to the
    page it starts on: the title is an overset naming the fold and how many characters the
    tab holds there."""
    content = yaml.safe_load((ROOT / "content.yaml").read_text(encoding="utf-8"))
    old, new = content["sections"][4]["title"], "进然谐公主修心板读绕路层基围奋发改板实三南路馆局商围商"
    content["sections"][4]["title"] = new
    for quote in content.get("figures", []) + [b for c in content.get("charts", [])
                                               for b in c["bars"]]:
        if quote["from"]["section"] == old:
            quote["from"]["section"] = new
    edition = Edition("tabloid-spread.yaml", content, [])
    outcome = build_edition(edition, desk / "title-on-the-fold")
    assert_right_or_refused(outcome, edition)
    error = outcome.error
    assert error is not None and error.exit_code == 1
    assert error.where.path == "sections[4].title", error
    assert "before the spread's fold" in error.message
    assert re.search(r"its tab holds about \d+ characters", error.hint), error.hint


def test_nothing_but_colour_and_a_spread_wide_picture_crosses_the_fold():
    """The guard behind each kind's own rule: a glyph across a spread's fold, or a picture
    of a kind that does not declare spread-wide pictures (a story's photo), is a wrong page
    naming its element; a picture region's photo, a field and a rule may run over it."""
    from spread.layout.overlaps import CollisionError, check_page
    from spread.page import Box, Colour, Image, Rule
    from test_page import _Fonts, _field, _page, _text

    def spread(kind, *drawn):
        page = _page(("x (columns 1-12)", Box(0, 0, 500, 500), list(drawn)))
        element = replace(page.elements[0], kind=kind)
        return replace(page, folds=(250.0,), elements=(element,))

    photo = Image("p.jpg", Box(200, 100, 100, 80), Box(200, 100, 100, 80), (1000, 800))
    rule = Rule(0, 50, 500, 50, Colour("red", (0, 1, 1, 0), (1, 0, 0)), 2.0)
    check_page(spread("picture", photo, _field(0, 300, 500, 50), rule), _Fonts())
    check_page(spread("section", _text("画说工会", 200, 450)), _Fonts())  # ends at 240
    for kind, drawn in (("credits", _text("画说工会这五年", 205, 450)), ("story", photo)):
        with pytest.raises(CollisionError, match="across the spread's fold, .* mm across"):
            check_page(spread(kind, drawn), _Fonts())


def test_the_slack_judge_reads_each_findings_region_kind_and_item_as_data():
    """The make-up findings carry their element's region kind and content item: the slack's
    hint names what to add from them, whatever the element is called (it once parsed the
    kind and item out of names like «section sections[0] (columns 1-8)»)."""
    from spread.content import Content
    from spread.layout import slack
    from spread.layout.makeup import Finding, MakeupReport
    from spread.page import Box
    from spread.template import Slack

    area = Box(0, 0, 100, 100)
    hole = Finding("hole", "the second module, oddly named", Box(0, 0, 60, 60), "empty",
                   region="section", item="sections[2]")
    said, refused = slack.judge(None, MakeupReport((hole,), 0, 3600.0), Slack(warn=0.1),
                                Content(headline="题"), area, 10.0, 15.0)
    assert not refused and "add text to sections[2]" in said[0], said
