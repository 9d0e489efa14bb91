"""A newcomer's three pages of kinds no shipped template is, round 9, each on a layout of
the newcomer's own made from `spread init --copy-layout`: a 评论版 (the editorial between
two rules beside a 漫画, three signed columns with their authors' photos, readers'
letters), a 经济版 (the lead story beside its photo, a 数说 strip of market figures, the
week's prices as a list with a chart, two halves of stories sharing them by length, 简讯
in a narrow column) and a 副刊 (a long essay in 楷 under a woodcut, a poem in stanzas, a
book review and an essay sharing two halves) — built as the newcomer built them and read
back from the PDF, with the make-up faults the pages met, each mended."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypdfium2
import pytest

from conftest import (ROOT, assert_print_passes_its_checks, build_edition, drawn_edition, holes,
                      texts_not_printed)

PAGES = ROOT / "tests" / "data" / "newcomer9"
EDITIONS = ("opinion", "economy", "supplement")


def _edition(desk: Path, name: str, source: str | None = None) -> Path:
    return drawn_edition(PAGES, desk, name, source)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, tuple[Path, subprocess.CompletedProcess]]:
    """The three editions, each built by `spread build NAME/content.yaml` from the folder
    above, as the newcomer did."""
    desk = tmp_path_factory.mktemp("newcomer9")
    out = {}
    for name in EDITIONS:
        folder = _edition(desk, name)
        out[name] = folder, build_edition(desk, name)
    return out


def _print(built, name: str) -> Path:
    return built[name][0] / "out" / "content.print.pdf"


@pytest.mark.parametrize("name", EDITIONS)
def test_each_page_builds_and_every_text_is_in_the_pdf(built, name):
    """Exit 0 (nothing overset, no check failed), no traceback, and every printed text of
    the content read back from the print PDF — the poem's lines, the price list, the 简讯."""
    folder, done = built[name]
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    lost = texts_not_printed(folder)
    assert not lost, lost


@pytest.mark.parametrize("name", EDITIONS)
def test_the_print_file_passes_preflight_meter_and_grid(built, name):
    """CMYK only, preflight clean, no typography finding, every body line on the grid."""
    assert_print_passes_its_checks(built[name][1], _print(built, name))


# The largest white each page may keep, in mm, among the holes the brief's meter counts
# (hole_audit --min-w 40 --min-h 15). The opinion page keeps the white either side of each
# author's photo (a 24 mm head centred in its column: spread sets no photo narrower than
# its text column with text beside it — 56 × 34 mm) and the white of the cartoon's own
# paper (69 × 22); the economy page the white right of its one-line headline (62 × 36)
# and a halves' foot a few lines short (45 × 18); the supplement the white right of its
# short essay title (133 × 28) and the band under its two halves, two to four lines short
# where the review and the essay end (155 × 18).
MOST_WHITE = {"opinion": (70, 35), "economy": (65, 40), "supplement": (160, 30)}


@pytest.mark.parametrize("name", EDITIONS)
def test_no_page_keeps_white_past_what_it_is_designed_with(built, name):
    wide, tall = MOST_WHITE[name]
    found = holes(_print(built, name))
    assert all(w <= wide and h <= tall for w, h in found), found


# -- the stumbles mended ----------------------------------------------------------------------

def _layout(folder: Path) -> Path:
    return next((folder / "layout").glob("*.yaml"))


def _chars(pdf: Path) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Every character of the page as drawn, with its box (left, bottom, right, top) in pt:
    the loose box, its font's ascent to descent, so characters of one line stand level."""
    page = pypdfium2.PdfDocument(pdf)[0]
    text = page.get_textpage()
    return [(text.get_text_range(i, 1), text.get_charbox(i, loose=True))
            for i in range(text.count_chars())]


def _find(chars, word: str) -> list[tuple[float, float, float, float]]:
    """The boxes of the characters of each place `word` is drawn, first to last character."""
    letters = "".join(ch for ch, _ in chars)
    return [[box for _, box in chars[k:k + len(word)]]
            for k in (m.start() for m in re.finditer(re.escape(word), letters))]


def test_a_decoration_of_rules_needs_no_colour_for_a_border_it_does_not_draw():
    """The opinion page's rules above and below its editorial (decorations with rule_below
    alone) were refused: «the decoration region's accent (its default) is colour 'gold',
    which the layout's palette does not define» — the colour of a 花边 border's diamonds,
    on a decoration with no border. With a border, the accent is still checked."""
    from spread import template
    from spread.errors import InputError

    path = _layout(PAGES / "opinion")
    text = path.read_text(encoding="utf-8")
    assert "gold" not in text and "rule_below: red, weight: heavy}" in text
    template.load(str(path), text)  # no error
    bordered = text.replace("rule_below: red, weight: heavy}", "border: red}", 1)
    with pytest.raises(InputError) as caught:
        template.load(str(path), bordered)
    assert "accent (its default) is colour 'gold'" in str(caught.value)


def test_a_page_too_long_with_its_headline_in_a_stack_is_an_overset(tmp_path):
    """The opinion page's first try was too long, its headline region in a stack (no
    columns of its own): «internal error: ValueError: the measure must be positive, not
    -13.5» (exit 3) — the page-too-long hint measured the headline at the width of
    columns ''. It is the overset it is, naming what to cut."""
    folder = _edition(tmp_path, "opinion")
    content = folder / "content.yaml"
    text = content.read_text(encoding="utf-8")
    para = re.search(r"^  - 老城更新，要有.*\n", text, re.M).group(0)
    content.write_text(text.replace(para, para * 4, 1), encoding="utf-8")
    done = build_edition(tmp_path, "opinion")
    assert done.returncode == 1, done.stderr
    assert "internal error" not in done.stderr and "overset:" in done.stderr, done.stderr
    assert "too long" in done.stderr


def test_a_region_showing_an_item_counted_from_the_end_is_answered_with_a_repeat(tmp_path):
    """The economy page's 简讯 column was first `{kind: story, content: "sections[-1]"}`:
    the build said «sections[5] «简讯» … would not be printed: layout … places no region
    showing them» — the region's own content was never checked. It is refused at the
    region, with the run to repeat over for the last item whatever the count."""
    folder = _edition(tmp_path, "economy")
    path = _layout(folder)
    text = path.read_text(encoding="utf-8")
    start = text.index("      - kind: stack             # 简讯")
    end = text.index("max_space: 0}}]\n", start) + len("max_space: 0}}]\n")
    assert 'repeat: {content: "sections[-1:]"}' in text[start:end]
    path.write_text(text[:start] + """      - kind: story
        columns: 11-12
        content: "sections[-1]"
        options: {kicker_style: story_kicker, headline_style: brief_headline}
""" + text[end:], encoding="utf-8")
    done = build_edition(tmp_path, "economy")
    assert done.returncode == 2, done.stderr
    first = done.stderr.splitlines()[0]
    assert "region story (columns 11-12) shows sections[-1]" in first, first
    assert "repeat: {content: \"sections[-1:]\"}" in done.stderr, done.stderr
    assert "would not be printed" not in done.stderr


def test_chart_labels_set_flush_right_stand_against_the_baseline_rule(built):
    """The economy page's chart labels are styled `align: end` (they stand flush right
    against the rule): the chart measured each label on a 10 000 pt line set flush right,
    «the labels and figures of charts[0] leave 0.0 mm for bars» — the page overset, its
    price section left empty. The labels end level, left of the bars' figures."""
    folder, done = built["economy"]
    assert "leave 0.0 mm" not in done.stderr
    chars = _chars(folder / "out" / "content.print.pdf")
    labels = [_find(chars, word)[-1] for word in ("大白菜", "青菜", "西红柿", "土豆")]
    ends = [boxes[-1][2] for boxes in labels]
    assert max(ends) - min(ends) < 1.0, ends
    figure = _find(chars, "3.2元")[-1]
    assert figure[0][0] > ends[0] + 20, (figure, ends)  # a bar stands between them


def test_a_poems_stanzas_stand_apart_by_their_styles_space_after(built):
    """The supplement's poem is a section whose paragraphs are its stanzas, in a style with
    `space_after: 1`: the style key was read and checked but never used, so the stanzas ran
    together as one block (a wrong page, exit 0). A stanza's lines are a body line apart,
    stanzas two."""
    chars = _chars(_print(built, "supplement"))
    tops = [_find(chars, line)[0][0][3] for line in ("一盏不肯睡去的灯", "母亲在灯下缝补",
                                                     "针脚细密如同春天")]
    within, between = tops[1] - tops[2], tops[0] - tops[1]
    assert within > 10 and between == pytest.approx(2 * within, abs=0.5), (within, between)


def test_the_figures_panel_is_no_hole_in_the_makeup_report(built):
    """The economy page's 数说 strip (four figures centred in their cells on a tint): the
    make-up report counted the tint round them as empty, four holes «figures figures
    (columns 1-12): empty 1.0 columns × 7.0 lines» joined to the white above the panel,
    where the outside meter finds none. The panel's box is its design's."""
    folder, done = built["economy"]
    said = done.stdout + done.stderr
    assert "make-up: hole: figures" not in said, said
    holes = re.search(r"make-up: (\d+) hole\(s\), (\d+) cm²", said)
    assert holes and int(holes.group(2)) <= 20, said


def test_an_amount_of_one_line_over_is_said_in_the_singular():
    """«makes the page 5.1 mm too long (about 1.0 body lines) — 1 lines, 19 characters
    over»: the newcomer met it at every last cut."""
    from spread.layout.problems import amount_over

    assert amount_over(1, 19) == "1 line, 19 characters"
    assert amount_over(2, 1) == "2 lines, 1 character"


def test_heads_a_staggered_row_cannot_keep_apart_are_noted(built):
    """The economy page's two halves of stories (a row with `stagger: 3`) first set their
    second heads, 促消费 and 金融活水, level side by side — exit 0, no word: the halves were
    full to their feet, no white to move. The build now says which heads stand too near,
    and where; the newcomer cut 楼市 by four lines (and filled the halves' feet) and the
    heads stand apart. (The heads that open the row stand level by the layout's design:
    noted so.)"""
    folder, done = built["economy"]
    said = done.stdout + done.stderr
    assert ("stagger: the heads in stack (columns 5-7) and stack (columns 8-10) stand 0.0 "
            "body lines apart, both open the row (row 'body' asks 3)") in said, said
    assert "below the row's top (row 'body'" not in said, said
    chars = _chars(folder / "out" / "content.print.pdf")
    left, right = (_find(chars, kicker)[0][0][3] for kicker in ("促消费", "金融活水"))
    assert abs(left - right) >= 3 * 14.4 - 0.5, (left, right)
