"""A newcomer's own pages, round 11, of kinds the earlier rounds did not make, each on a
layout of the newcomer's own written from the docs: a 人物专访 (a long 问／答 interview in
three columns, her portrait, a 人物小传 box in a frame, a pull quote between two bands and
a 记者手记 under them), a 服务版 (the weather story beside its map; the towns' forecast,
the week ahead, the bus timetable, the hotlines and the clinics' hours as tables; notices
of cuts and tips) and a 年终特刊 大事记 (the year's events by date, a quarter a section,
three photos and a 数说 strip) — built as the newcomer built them and read back from the
PDF, with the stumbles the pages met, each mended."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypdfium2
import pytest

from spread.check.typography import check_typography

from conftest import (ROOT, assert_print_passes_its_checks, build_edition, built_editions,
                      drawn_edition, holes, texts_not_printed)

PAGES = ROOT / "tests" / "data" / "newcomer11"
EDITIONS = ("renwu", "fuwu", "dashiji")


def _edition(desk: Path, name: str) -> Path:
    return drawn_edition(PAGES, desk, name)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, tuple[Path, subprocess.CompletedProcess]]:
    """Each edition built once by `spread build NAME/content.yaml` from the folder above,
    as the newcomer did."""
    return built_editions(PAGES, EDITIONS, tmp_path_factory.mktemp("newcomer11"))


def _print(built, name: str) -> Path:
    return built[name][0] / "out" / "content.print.pdf"


@pytest.mark.parametrize("name", EDITIONS)
def test_each_page_builds_and_every_text_is_in_the_pdf(built, name):
    folder, done = built[name]
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert "warning" not in done.stderr, done.stderr
    lost = texts_not_printed(folder)
    assert not lost, lost


@pytest.mark.parametrize("name", EDITIONS)
def test_the_print_file_passes_preflight_meter_and_grid(built, name):
    """CMYK only, preflight clean, no typography finding, every body line on the grid."""
    assert_print_passes_its_checks(built[name][1], _print(built, name))


# The largest white each page may keep, in mm, among the holes the brief's meter counts
# (hole_audit --min-w 40 --min-h 15). The service page keeps none; the year's events the
# white either side of their centred head (61 × 39, 60 × 39, 46 × 16). The interview keeps the white right of its flush-left
# headline (58 × 23) and subhead (76 × 15), and beside the 记者手记's two-line head (51 × 16).
MOST_WHITE = {"renwu": (80, 24), "fuwu": (0, 0), "dashiji": (62, 40)}


@pytest.mark.parametrize("name", EDITIONS)
def test_no_page_keeps_white_past_what_it_is_designed_with(built, name):
    wide, tall = MOST_WHITE[name]
    found = holes(_print(built, name))
    assert all(w <= wide and h <= tall for w, h in found), found


def _chars(pdf: Path) -> list[tuple[str, str]]:
    """Every character of the page as drawn, with the name of the font drawing it."""
    page = pypdfium2.PdfDocument(pdf)[0]
    text = page.get_textpage()
    out = []
    for i in range(text.count_chars()):
        ch = text.get_text_range(i, 1)
        font = pypdfium2.raw.FPDFText_GetFontInfo  # the font's name, read back
        buf = (pypdfium2.raw.ctypes.c_char * 128)()
        flags = pypdfium2.raw.ctypes.c_int()
        font(text.raw, i, buf, 128, flags)
        out.append((ch, buf.value.decode("latin-1")))
    return out


def _laid(folder: Path):
    """The edition's page model as a build lays it out (spread.validate.set_page)."""
    from spread import validate

    layout = next((folder / "layout").glob("*.yaml"))
    return validate.set_page(str(folder / "content.yaml"), str(layout))


# -- the stumbles mended ----------------------------------------------------------------------

def test_marked_text_in_a_story_is_set_in_the_strong_style(built):
    """The interview's paragraphs open with **问：** and **答：**, as formats.md says text is
    marked: the marks went and the text stayed in the body's 宋体 — the Q&A read as one grey
    run, exit 0. A story's (and a section's, and a text region's) marked text is set in the
    style `strong` (the region's option strong_style): every 问： and 答： in 黑体."""
    folder, _ = built["renwu"]
    marked = len(re.findall(r"\*\*[问答]：\*\*", (folder / "content.yaml").read_text("utf-8")))
    chars = _chars(_print(built, "renwu"))
    letters = "".join(ch for ch, _ in chars)
    asked = [m.start() for m in re.finditer("问：|答：", letters)]
    assert len(asked) == marked >= 20, (len(asked), marked)
    for at in asked:
        assert "Sans" in chars[at][1] and "Sans" in chars[at + 1][1], (at, chars[at])
        assert "Serif" in chars[at + 2][1], chars[at + 2]  # the answer itself in the body


def _without_style(desk: Path, name: str, style: str) -> None:
    """Edition `name` drawn under `desk`, its own layout without the style `style`."""
    layout = _edition(desk, name) / "layout" / f"{name}.yaml"
    text = layout.read_text(encoding="utf-8")
    layout.write_text(re.sub(rf"\n  {style}: .*", "", text, count=1), encoding="utf-8")


def test_marked_text_with_no_strong_style_says_which_style_to_add(tmp_path):
    """A layout with no `strong` style, for a content that marks text: exit 2 at the story
    region, naming the style to add — not the marks dropped in silence."""
    _without_style(tmp_path, "renwu", "strong")
    done = build_edition(tmp_path, "renwu")
    assert done.returncode == 2, done.stderr
    assert "in style 'strong', which the layout does not define" in done.stderr, done.stderr
    assert "strong_style" in done.stderr, done.stderr


def test_a_pull_quote_is_content_of_its_own_set_by_a_text_region(built):
    """The pull quote (引语): formats.md said to set a quote between tinted bands as a
    section, but a section needs a title and sets it in a one-line tab — the quote as a
    title was «overset: … needs a tab 154.2 mm wide», and as a body it printed a title
    that is not there. The content has `quote` (the lead story's pull quote, a line break
    allowed), placed by a text region in a style of its own."""
    from spread.page import TextRun

    folder, _ = built["renwu"]
    laid = _laid(folder)
    assert not laid.problems
    quote = [r for r in laid.page.items if isinstance(r, TextRun) and r.style.font == "kai"
             and r.style.size == 16]
    said = "".join(r.chars for r in quote)
    assert "乡村医生看的不光是病" in said and said.endswith("他们也守着你。"), said


def test_a_quote_no_region_places_is_named(tmp_path):
    """A content quote the layout does not place stops the build naming it, as any item."""
    folder = _edition(tmp_path, "renwu")
    layout = folder / "layout" / "renwu.yaml"
    text = layout.read_text(encoding="utf-8")
    layout.write_text(text.replace("          - {kind: text, content: quote, style: quote}\n",
                                   ""), encoding="utf-8")
    done = build_edition(tmp_path, "renwu")
    assert done.returncode == 2, done.stderr
    assert "quote «乡村医生看的不光是病" in done.stderr, done.stderr


def test_a_title_tab_too_wide_in_a_stack_says_where_the_region_is(tmp_path):
    """The pull quote first written as a section's title in a stack: the overset said
    «region 'section sections[1]' (columns ) is 76.8 mm wide» — empty columns, since a
    region in a stack takes its stack's. It says where the region stands."""
    folder = _edition(tmp_path, "renwu")
    content = folder / "content.yaml"
    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("  - title: 人物小传\n",
                                    "  - title: 人物小传：一位乡村医生的四十年行医路\n"),
                       encoding="utf-8")
    done = build_edition(tmp_path, "renwu")
    assert done.returncode == 1, done.stderr
    assert "(columns )" not in done.stderr, done.stderr
    assert re.search(r"in its stack's columns at layout line \d+\) is [\d.]+ mm wide",
                     done.stderr), done.stderr


def _words(pdf: Path) -> dict[str, list[tuple[float, float]]]:
    """Where each word of the page is drawn: (centre x, baseline) in pt, one entry a place,
    a word being a run of characters between spaces or a gap of over half an em."""
    page = pypdfium2.PdfDocument(pdf)[0]
    text = page.get_textpage()
    words: dict[str, list[tuple[float, float]]] = {}
    run, boxes = "", []

    def close():
        if run:
            words.setdefault(run, []).append(((boxes[0][0] + boxes[-1][2]) / 2, boxes[0][1]))

    for i in range(text.count_chars()):
        ch, box = text.get_text_range(i, 1), text.get_charbox(i, loose=True)
        apart = boxes and (abs(box[1] - boxes[-1][1]) > 1 or box[0] - boxes[-1][2] > 4.5)
        if ch.isspace() or apart:
            close()
            run, boxes = "", []
        if not ch.isspace():
            run, boxes = run + ch, boxes + [box]
    close()
    return words


def test_a_table_sets_its_cells_in_columns_that_line_up(built):
    """The service page's forecast, timetable and hotlines: formats.md said «there is no
    table», a list is a report — the newcomer's forecast as report items («城关镇　多云转阴
    6～14℃　北风3～4级») stood in ragged columns, each item as long as its words. A section's
    `table` sets its head and rows in columns: every cell of a column centred under its
    head, every cell of a row on one baseline, the rows one body line apart."""
    import yaml

    folder, _ = built["fuwu"]
    content = yaml.safe_load((folder / "content.yaml").read_text(encoding="utf-8"))
    words = _words(_print(built, "fuwu"))
    table = content["sections"][0]["table"]
    heads = [words[head][0] for head in table["columns"]]
    baselines = []
    for row in table["rows"]:
        first = next(w for w in words[row[0]] if w[1] < heads[0][1])
        placed = [min((w for w in words[cell] if abs(w[1] - first[1]) < 0.5),
                      key=lambda w, j=j: abs(w[0] - heads[j][0])) for j, cell in enumerate(row)]
        assert max(p[1] for p in placed) - min(p[1] for p in placed) < 0.5, (row, placed)
        for (x, _), (hx, _) in zip(placed, heads):
            assert abs(x - hx) < 1, (row, x, hx)
        baselines.append(placed[0][1])
    steps = {round(a - b, 1) for a, b in zip(baselines, baselines[1:])}
    assert steps == {14.4}, steps


def test_a_table_row_short_of_a_cell_is_refused_at_its_line(tmp_path):
    """A row missing a cell would set the rest of its row under the wrong heads: refused
    at its own line, exit 2, saying how many cells the head has."""
    folder = _edition(tmp_path, "fuwu")
    content = folder / "content.yaml"
    text = content.read_text(encoding="utf-8")
    line = next(k for k, ln in enumerate(text.splitlines(), 1) if "[临溪镇, 多云," in ln)
    content.write_text(text.replace("[临溪镇, 多云, 5～13℃, 北风3级]", "[临溪镇, 多云, 5～13℃]"),
                       encoding="utf-8")
    done = build_edition(tmp_path, "fuwu")
    assert done.returncode == 2, done.stderr
    assert f"content.yaml:{line}:" in done.stderr, done.stderr
    assert "row 3 of the table has 3 cell(s); its head has 4" in done.stderr, done.stderr


def test_a_table_with_no_cell_style_says_which_style_to_add(tmp_path):
    _without_style(tmp_path, "fuwu", "table_cell")
    done = build_edition(tmp_path, "fuwu")
    assert done.returncode == 2, done.stderr
    assert "in style 'table_cell', which the layout does not define" in done.stderr, done.stderr


def test_table_columns_share_the_measure_and_the_widest_wrap():
    """Columns as wide as their widest cell with the rest shared alike; past the measure
    the widest are narrowed to one width and the narrow ones kept whole."""
    from spread.layout.tables import shares

    assert shares([20, 40, 60], 180) == [40, 60, 80]
    narrowed = shares([20, 100, 200], 180)
    assert narrowed[0] == 20 and narrowed[1] == narrowed[2] == 80
    assert abs(sum(shares([30, 90, 300, 10], 200)) - 200) < 1e-9


def test_a_timeline_sets_each_date_in_the_hang_and_its_text_at_the_hang(built):
    """The year's events, written as formats.md said — a report of items opened by their
    date and a 全角 space, a `hang` in report_item: the date and its space were set as
    text, so after 7月6日 the first line's text began an em and a half left of the lines
    under it, and after 12月28日 at the hang — the text ragged at every entry. Each date
    now stands in the hang, the text after it at the hang, as on the item's other lines."""
    import yaml

    folder, _ = built["dashiji"]
    content = yaml.safe_load((folder / "content.yaml").read_text(encoding="utf-8"))
    page = pypdfium2.PdfDocument(_print(built, "dashiji"))[0]
    text = page.get_textpage()
    drawn = [(text.get_text_range(i, 1), text.get_charbox(i, loose=True))
             for i in range(text.count_chars())]
    drawn = [(ch, box) for ch, box in drawn if ch not in "\r\n "]  # and pdfium's spaces
    letters = "".join(ch for ch, _ in drawn)
    checked = 0
    for section in content["sections"]:
        starts = []
        for item in section["report"]["items"]:
            date, _, rest = item.replace("**", "").partition("\u3000")
            at = letters.find(date + "\u3000" + rest[:6])
            assert at >= 0, item
            label, first = drawn[at][1], drawn[at + len(date) + 1][1]
            assert abs(label[1] - first[1]) < 1, item  # the date on the text's first line
            # its 全角 space drawn where the date ends (it stood 1.2 em right of 日, the
            # label's last glyph's box start taken for its width)
            space, end = drawn[at + len(date)], drawn[at + len(date) - 1][1]
            assert space[0] == "\u3000" and abs(space[1][0] - end[2]) < 0.5, (item, space, end)
            after = drawn[at + len(date) + 1 + len(rest[:6]):]
            # the item's next line, in its column (none: it goes on in the next column)
            below = next((box for ch, box in after if first[1] - 20 < box[3] < first[1] - 2
                          and abs(box[0] - first[0]) < 20), None)
            # an opening mark at a line start is set with its blank outside the measure
            trimmed = 4.5 if rest[0] in "“‘（《「" else 0.0
            assert below is None or abs(below[0] - first[0] - trimmed) < 0.5, (item, below)
            starts.append(label[0])
            checked += 1
        # the dates in a column of their own: one left edge a text column (two a section)
        assert len({round(s) for s in starts}) == 2, (section["title"], starts)
    assert checked >= 30, checked


def test_a_label_wider_than_the_hang_is_set_as_written(tmp_path):
    """A date with its space wider than the hang is not squeezed into it: the item is set
    as written, run on, and nothing is lost."""
    folder = _edition(tmp_path, "dashiji")
    layout = folder / "layout" / "dashiji.yaml"
    text = layout.read_text(encoding="utf-8")
    layout.write_text(text.replace("hang: 5.5}", "hang: 2}"), encoding="utf-8")
    done = build_edition(tmp_path, "dashiji")
    assert done.returncode == 0, done.stderr
    assert not texts_not_printed(folder)


def test_an_empty_table_prints_nothing_and_a_head_with_no_rows_is_refused(tmp_path):
    """`spread init` writes every section's table empty (rows: []): that builds, as any
    empty field. A head with no rows is a slip: refused at its line."""
    folder = _edition(tmp_path, "fuwu")
    content = folder / "content.yaml"
    text = content.read_text(encoding="utf-8")
    empty = text.replace("  - title: 停水停电通知\n",
                         "  - title: 停水停电通知\n    table: {columns: [], rows: []}\n")
    content.write_text(empty, encoding="utf-8")
    done = build_edition(tmp_path, "fuwu")
    assert done.returncode == 0, done.stderr
    content.write_text(text.replace("  - title: 停水停电通知\n",
                                    "  - title: 停水停电通知\n    table: {columns: [日期, 地点], "
                                    "rows: []}\n"), encoding="utf-8")
    done = build_edition(tmp_path, "fuwu")
    assert done.returncode == 2, done.stderr
    assert "a table with a head and no rows" in done.stderr, done.stderr


# -- the meter on a hanging list: a label in the hang, a tab stop before its text --------------

TAB_SIZE, TAB_PITCH, TAB_LEFT, TAB_TOP = 10.0, 16.0, 60.0, 700.0
TAB_HANG, TAB_MEASURE = 5.5, 16  # em: the hang, the measure from the label's start


def _timeline(path: Path, items: list[tuple[str, list[str]]], space: bool = True,
              squeeze: str = "") -> Path:
    """A 大事记 as a composer sets one, each glyph drawn on its own, under a paragraph
    across the measure (its lead-in, TIMELINE_LEAD): each item's label at
    the column's start, a 全角 space after it (`space`: drawn, or left a gap), its text from
    the hang, every line but an item's last justified to the measure (its room shared by
    its gaps), the item's other lines at the hang. `squeeze`: the text whose ， is set at
    0.75 em — the room it loses shared by the line's other gaps."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("tab-song", str(ROOT / "fonts" / "NotoSerifSC-Regular.ttf")))
    c = canvas.Canvas(str(path), pagesize=(400, 800), invariant=1)
    width = lambda ch: pdfmetrics.stringWidth(ch, "tab-song", TAB_SIZE)  # noqa: E731
    y, hang = TAB_TOP, TAB_LEFT + TAB_HANG * TAB_SIZE
    right = TAB_LEFT + TAB_MEASURE * TAB_SIZE

    def put(ch: str, x: float) -> None:
        t = c.beginText(x, y)
        t.setFont("tab-song", TAB_SIZE)
        t.textOut(ch)
        c.drawText(t)

    for n, text in enumerate(TIMELINE_LEAD):
        x = TAB_LEFT + (2 * TAB_SIZE if n == 0 else 0.0)
        room = 0.0 if n == len(TIMELINE_LEAD) - 1 else right - x - sum(map(width, text))
        for ch in text:
            put(ch, x)
            x += width(ch) + room / (len(text) - 1)
        y -= TAB_PITCH
    for label, lines in items:
        x = TAB_LEFT
        for ch in label:
            put(ch, x)
            x += width(ch)
        if space:
            put("\u3000", x)
        for n, text in enumerate(lines):
            squeezed = text == squeeze
            widths = [TAB_SIZE * 0.75 if squeezed and ch == "，" else width(ch) for ch in text]
            room = 0.0 if n == len(lines) - 1 else right - hang - sum(widths)
            x = hang
            for ch, w in zip(text, widths):
                put(ch, x)
                x += w + room / (len(text) - 1)
            y -= TAB_PITCH
    c.save()
    return path


TIMELINE_LEAD = ["开年即冲刺。高铁开通让临溪", "融入省城一小时交通圈，重大产业", "项目接连落地。"]
TIMELINE = [("7月6日", ["临溪遭遇强降雨，全", "县转移群众1.2万人，无", "一人伤亡。"]),
            ("12月28日", ["临溪至省城的高速公", "路全线贯通，两地车程", "缩短一半。"]),
            ("8月1日", ["新校舍投入使用。"])]


@pytest.mark.parametrize("space", [True, False], ids=["space drawn", "no space drawn"])
def test_the_meter_reads_a_label_in_the_hang_as_a_tab_stop(tmp_path, space):
    """A timeline's label in the hang and its text at the hang: the room between them is
    a tab's. The meter read it as the line's spreading (7月6日　临溪遭遇强降雨，全 — the
    ， read as squeezed to 0.8 em, the line loose) or, with no space drawn, a hole."""
    report = check_typography(_timeline(tmp_path / "timeline.pdf", TIMELINE, space))
    assert report.findings == [], report.format()


@pytest.mark.parametrize("space", [True, False], ids=["space drawn", "no space drawn"])
def test_a_mark_squeezed_after_a_tab_is_still_found(tmp_path, space):
    """A ， squeezed to 0.75 em on the line after the tab is squeezed all the same."""
    report = check_typography(_timeline(tmp_path / "squeezed.pdf", TIMELINE, space, squeeze="临溪遭遇强降雨，全"))
    assert [f.kind for f in report.findings] == ["squeezed-mark"], report.format()
    assert "0.7" in report.findings[0].message, report.findings[0].message


def test_the_white_in_the_hang_under_each_date_is_kept_clear_not_a_hole(built):
    """The hang under each date (its item's running lines start at the hang, 5.5 em in) is
    the timeline's design: the make-up report counted it as 17 holes, 60 cm² (each «empty
    1.1 columns × 3.0 lines» beside an entry of three lines or more). It is white the
    layout keeps clear, named apart and not counted; what is left are the columns short of
    their module's foot."""
    _, done = built["dashiji"]
    report = done.stdout + done.stderr
    said = re.search(r"make-up: (\d+) hole\(s\)", report)
    assert said and int(said.group(1)) <= 2, report
    assert "a list's hang, which the layout keeps clear" in report, report
