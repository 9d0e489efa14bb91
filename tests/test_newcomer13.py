"""A newcomer's own page, round 13: a city daily's front page (头版) — the masthead (报头:
the paper's name, the date with 农历, 期号, CN number and 邮发代号) with its ear (报眼), the
lead story with kicker, headline and deck and its photo, two more stories (one jumping to
page 3), the 评论员文章, and down the right the index (导读), the weather and the briefs
(简讯) — written from the docs in a layout of the newcomer's own, built as the newcomer
built it and read back from the PDF; and the stumbles met making it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pypdfium2
import pytest

from conftest import (ROOT, assert_print_passes_its_checks, build_edition, built_editions,
                      drawn_edition, holes, texts_not_printed)

PAGES = ROOT / "tests" / "data" / "newcomer13"
EDITIONS = ("touban",)
MM = 72 / 25.4


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, tuple[Path, subprocess.CompletedProcess]]:
    return built_editions(PAGES, EDITIONS, tmp_path_factory.mktemp("newcomer13"))


def _print(built, name: str) -> Path:
    return built[name][0] / "out" / "content.print.pdf"


def _chars(pdf: Path) -> list[tuple[str, tuple[float, float, float, float], float]]:
    """The page's characters but spaces, each with its box and font size."""
    page = pypdfium2.PdfDocument(pdf)[0]
    text = page.get_textpage()
    out = []
    for i in range(text.count_chars()):
        ch = text.get_text_range(i, 1)
        if not ch.isspace():
            out.append((ch, text.get_charbox(i),
                        pypdfium2.raw.FPDFText_GetFontSize(text.raw, i)))
    return out


def _find(chars, text: str):
    """The characters of the first printing of `text` (spaces left out)."""
    letters = "".join(ch for ch, _, _ in chars)
    text = "".join(text.split())
    at = letters.find(text)
    assert at >= 0, text
    return chars[at:at + len(text)]


def _box(found) -> tuple[float, float, float, float]:
    boxes = [b for _, b, _ in found]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


# -- the page ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", EDITIONS)
def test_the_page_builds_and_every_text_is_in_the_pdf(built, name):
    folder, done = built[name]
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "warning" not in done.stderr, done.stderr
    lost = texts_not_printed(folder)
    assert not lost, lost


@pytest.mark.parametrize("name", EDITIONS)
def test_the_print_file_passes_preflight_meter_and_grid(built, name):
    """CMYK only, preflight clean, no typography finding, every body line on the grid."""
    assert_print_passes_its_checks(built[name][1], _print(built, name))


@pytest.mark.parametrize("name", EDITIONS)
def test_the_page_keeps_no_hole(built, name):
    assert holes(_print(built, name)) == []


# -- the masthead -----------------------------------------------------------------------------

def test_the_masthead_sets_the_name_large_and_the_edition_s_lines_beside_it(built):
    """A front page's 报头 had no place: `lunar:` under edition was «unknown key 'lunar' in
    Edition» (expected keys: paper, date, page, page_title) and `kind: masthead` «expected
    one of banner, text, …»; the folio line set the paper's name in 六号 furniture. Now the
    edition takes 农历, 期号, CN number and 邮发代号, and a masthead region sets the name on
    one line in its style, the lines beside it to its right, one a line, the CN number and
    邮发代号 after their labels."""
    chars = _chars(_print(built, "touban"))
    name = _find(chars, "临江日报")
    assert {round(size) for _, _, size in name} == {60}
    lines = ["2026年12月2日　星期三", "农历丙午年十月廿四", "第12345期　今日8版",
             "国内统一连续出版物号　CN 33-0001", "邮发代号　31-18"]
    boxes = [_box(_find(chars, line)) for line in lines]
    sizes = {round(size, 1) for line in lines for _, _, size in _find(chars, line)}
    assert sizes == {9.0}, sizes  # 小五
    name_box = _box(name)
    assert all(b[0] > name_box[2] for b in boxes)  # right of the name
    lefts = [b[0] for b in boxes]  # flush left (a glyph's ink starts a little inside it)
    assert max(lefts) - min(lefts) < 1.0, lefts
    assert all(a[1] > b[3] - 0.5 for a, b in zip(boxes, boxes[1:]))  # in their order
    middle = (boxes[0][3] + boxes[-1][1]) / 2  # the name and its lines centred alike
    assert (name_box[1] + name_box[3]) / 2 == pytest.approx(middle, abs=3)


def _front(tmp_path: Path) -> Path:
    return drawn_edition(PAGES, tmp_path, "touban")


def test_a_folio_line_does_not_take_the_masthead_s_fields(tmp_path):
    """The folio line prints paper, date, 版次 and 版名 only: the masthead's fields under a
    layout without a masthead are said not to be printed, each at its line."""
    folder = _front(tmp_path)
    layout = folder / "layout" / "touban.yaml"
    text = layout.read_text(encoding="utf-8")
    masthead = "{kind: masthead, columns: 1-8, options: {divider: rule}}"
    assert masthead in text
    layout.write_text(text.replace(masthead, "{kind: folio, columns: 1-8}"), encoding="utf-8")
    done = build_edition(tmp_path, "touban")
    assert done.returncode == 2, done.stderr
    assert "4 content item(s) would not be printed" in done.stderr, done.stderr
    for key in ("lunar", "issue", "cn", "postal_code"):
        assert f"edition.{key} «" in done.stderr, (key, done.stderr)


def test_a_name_too_long_for_the_masthead_is_overset_with_the_amount(tmp_path):
    folder = _front(tmp_path)
    content = folder / "content.yaml"
    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("paper: 临江日报", "paper: 临江日报都市生活晚报"),
                       encoding="utf-8")
    done = build_edition(tmp_path, "touban")
    assert done.returncode == 1, done.stderr
    assert "overset: the masthead's edition.paper «临江日报都市生活晚报» is" in done.stderr
    assert "mm over" in done.stderr and "Traceback" not in done.stderr
    assert "content.yaml:3:" in done.stderr, done.stderr  # at the paper's line


# -- the jump line ----------------------------------------------------------------------------

def test_a_story_s_jump_line_stands_alone_flush_right_under_its_last_line(built):
    """The newcomer's story going on on page 3 had no way to say so but a last paragraph
    ending «……作为重点。（下转第3版）», the jump run on into the text; the docs had no 转版.
    A story's `jump` is set on a line of its own after its paragraphs in the style `jump`
    (楷体, flush right here): it ends at its column's right edge, under the story's last
    line, in that column."""
    chars = _chars(_print(built, "touban"))
    jump = _box(_find(chars, "（下转第3版）"))
    last = _box(_find(chars, "并将“一老一小”设施建设作为重点。"))
    column = _box(_find(chars, "市住房和城乡建设局负责人介绍，明年全市计划再改造九十个老旧小区，"))
    assert jump[3] < last[1]  # under it
    assert last[1] - jump[3] < 12  # the next line
    assert jump[0] > column[0] + (column[2] - column[0]) / 3  # in its column, at its right
    assert jump[2] == pytest.approx(column[2], abs=1.5)  # flush with the justified lines'
    assert "（下转第3版）" not in "".join(ch for ch, _, _ in _find(chars, last_paragraph()))


def last_paragraph() -> str:
    return "市住房和城乡建设局负责人介绍，明年全市计划再改造九十个老旧小区，并将“一老一小”设施建设作为重点。"


def test_a_jump_line_without_its_style_is_told_which_to_add(tmp_path):
    folder = _front(tmp_path)
    layout = folder / "layout" / "touban.yaml"
    text = layout.read_text(encoding="utf-8")
    layout.write_text(text.replace("  jump: ", "  jump_line: "), encoding="utf-8")
    done = build_edition(tmp_path, "touban")
    assert done.returncode == 2, done.stderr
    assert "sets sections[2].jump (a 转版 line) in style 'jump', which the layout does not " \
           "define" in done.stderr, done.stderr
    assert "hint: add jump under styles:" in done.stderr


# -- a story's head in two lines ----------------------------------------------------------------

def _lines_of(pdf: Path, text: str) -> list[str]:
    """The page's lines (as pdfium reads them) that hold a part of `text`."""
    page = pypdfium2.PdfDocument(pdf)[0]
    read = page.get_textpage().get_text_range()
    return [line.strip() for line in read.splitlines() if line.strip() and
            line.strip().replace(" ", "") in text]


def test_a_story_s_two_line_head_breaks_where_its_editor_breaks_it(built):
    """The ear's head «临江连续三届获评全国文明城市», 14 characters in a 13-character
    measure, broke 12 + 2 (…全国文明 / 城市), and a line break in a section's title was
    refused: «a line break in a text that is set on one line». A section's title takes a
    line break as the page's headline does: the head is set in the two lines written."""
    assert _lines_of(_print(built, "touban"), "临江连续三届获评全国文明城市") == [
        "临江连续三届", "获评全国文明城市"]


def test_a_title_with_a_line_break_in_a_section_s_tab_is_told_so(tmp_path):
    """A section region sets its title in a one-line tab: a title written in two lines is
    refused there, saying so — not «needs a tab 22.9 mm wide; … is 56.4 mm wide: -33.6 mm
    over»."""
    folder = _front(tmp_path)
    content = folder / "content.yaml"
    text = content.read_text(encoding="utf-8")
    assert "  - title: 简讯\n" in text
    content.write_text(text.replace("  - title: 简讯\n", '  - title: "今日\\n简讯"\n'),
                       encoding="utf-8")
    done = build_edition(tmp_path, "touban")
    assert done.returncode == 2, done.stderr
    assert "the section title «今日 / 简讯» has a line break, but region 'section " \
           "sections[4]'" in done.stderr, done.stderr
    assert "sets it on one line, in its tab" in done.stderr and "mm over" not in done.stderr


# -- a front page template ----------------------------------------------------------------------

def test_init_offers_a_front_page_that_builds_as_written(tmp_path):
    """`spread init --list` offered no front page — news is «one 四开 page without a
    masthead» — so the newcomer built one from the news layout up. spread's own `front`
    template starts one: its masthead, ear, lead, stories, commentary, index, weather and
    briefs, built as written with no warning, every text on the page."""
    listed = subprocess.run([sys.executable, "-m", "spread", "init", "--list"],
                            capture_output=True, text=True, timeout=120)
    entry = next(e for e in re.split(r"\n(?=\S)", listed.stdout) if e.startswith("front "))
    assert "masthead" in entry and "头版" in entry, listed.stdout
    done = subprocess.run([sys.executable, "-m", "spread", "init", "--template", "front",
                           "mine"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "layout: front" in (tmp_path / "mine" / "edition.yaml").read_text(
        encoding="utf-8").splitlines()
    built = build_edition(tmp_path, "mine")
    assert built.returncode == 0, built.stderr
    assert "warning" not in built.stderr and "widow" not in built.stderr, built.stderr
    assert texts_not_printed(tmp_path / "mine") == []
    assert holes(tmp_path / "mine" / "out" / "content.print.pdf") == []


@pytest.mark.parametrize("key, written, hint", [
    ("cn", "国内统一连续出版物号 CN 33-0001", "write the number alone: the masthead prints "
                                       "«国内统一连续出版物号» before it"),
    ("cn", "33-0001", "e.g. CN 11-0001"),
    ("cn", "CN 33-O001", "e.g. CN 11-0001"),
    ("postal_code", "邮发代号 31-18", "write the number alone"),
    ("postal_code", "31－18", "e.g. 31-18"),
])
def test_a_masthead_number_of_another_shape_is_refused_at_its_line(tmp_path, key, written,
                                                                   hint):
    """The masthead prints the CN number and 邮发代号 after their labels, on every copy: a
    label typed in too would print twice, a letter O for a nought wrong — refused at the
    value's line with the shape expected."""
    folder = _front(tmp_path)
    content = folder / "content.yaml"
    text = content.read_text(encoding="utf-8")
    was = {"cn": "  cn: CN 33-0001\n", "postal_code": "  postal_code: 31-18\n"}[key]
    assert was in text
    content.write_text(text.replace(was, f"  {key}: {written}\n"), encoding="utf-8")
    line = text[:text.index(was)].count("\n") + 1
    done = subprocess.run([sys.executable, "-m", "spread", "check", "touban/content.yaml"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    said = done.stdout + done.stderr
    assert done.returncode == 2, said
    assert f"content.yaml:{line}:" in said and f"edition.{key} «{written}» is not a" in said
    assert hint in said and "Traceback" not in said


def test_the_masthead_s_lines_keep_the_baseline_grid_and_are_no_short_column(tmp_path):
    """The masthead's lines are set in 小五 宋, the body's face and size, so the grid's meters
    read them as body lines: centred in the row, four of them stood half a line off the
    page's grid (five were on it by chance), and the make-up report named them «short-column:
    masthead (columns 1-8): column ends 2.2 lines above the module's foot». Centred to the
    nearest whole grid step, and the white under them kept clear as the masthead's own."""
    folder = _front(tmp_path)
    content = folder / "content.yaml"
    text = content.read_text(encoding="utf-8")
    assert "  postal_code: 31-18\n" in text
    content.write_text(text.replace("  postal_code: 31-18\n", ""), encoding="utf-8")
    done = build_edition(tmp_path, "touban")
    assert done.returncode == 0, done.stderr
    assert "short-column: masthead" not in done.stderr, done.stderr
    assert_print_passes_its_checks(done, folder / "out" / "content.print.pdf")


def test_a_figure_quotes_a_two_line_title_by_its_words(tmp_path):
    """A section's title written in two lines is the same title to a figure quoting it by
    its words: the line break is where the head breaks, not a part of its name (the default
    page with 建功 / 立业 was refused as «quotes section '建功立业', which is not on the
    page»)."""
    from spread import content as content_mod

    path = tmp_path / "c.yaml"
    path.write_text("headline: 画说\nsections:\n  - title: \"建功\\n立业\"\n    report:\n"
                    "      items: [参与职工7.7万余人次]\nfigures:\n  - figure: 7.7万余人次\n"
                    "    label: 参与职工\n    from: {section: 建功立业, item: 1}\n",
                    encoding="utf-8")
    loaded = content_mod.load(str(path))
    assert loaded.section("建功立业") is loaded.sections[0]
