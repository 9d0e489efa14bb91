"""A newcomer's three pages of kinds the shipped templates are not, each on a layout of the
newcomer's own made from `spread init` and a shipped one: a 体育版 (a match report under a
big photo, 快讯, a 数说 strip, the round's scores as a list), a 四开 校庆专刊 (a timeline,
a quote, two photos, an honour roll of alumni with compound surnames and rare characters)
and a 公告版 (26 notices of mixed length in six narrow columns, with telephone numbers,
addresses, dates and times) — built as the newcomer built them, read back from the PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdfium2
import pytest
import yaml
from PIL import ImageFilter

from conftest import (ROOT, build_edition, own_edition, page_photos, texts_not_printed,
                      typography_findings)
from test_any_page import assert_print_colours_are_cmyk

PAGES = ROOT / "tests" / "data" / "newcomer8"
EDITIONS = ("sports", "school", "notices")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, tuple[Path, subprocess.CompletedProcess]]:
    """The three editions copied out of the repository, their photos drawn, each built by
    `spread build NAME/content.yaml` from the folder above, as the newcomer did."""
    desk = tmp_path_factory.mktemp("newcomer8")
    photos = page_photos(PAGES)
    out = {}
    for name in EDITIONS:
        folder = desk / name
        own_edition(PAGES / name, folder)
        photos.draw(name, folder)
        done = build_edition(desk, name)
        out[name] = folder, done
    return out


@pytest.mark.parametrize("name", EDITIONS)
def test_each_page_builds_and_every_text_is_in_the_pdf(built, name):
    """Exit 0 (nothing overset, no check failed), no traceback, and every printed text of
    the content read back from the print PDF — the honour roll's 司马䶮 (U+4DAE) and
    钮祜禄·文华 among them."""
    folder, done = built[name]
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "(columns )" not in done.stderr, done.stderr
    lost = texts_not_printed(folder)
    assert not lost, lost


@pytest.mark.parametrize("name", EDITIONS)
def test_the_print_file_is_cmyk_only_and_passes_its_preflight(built, name):
    folder, _ = built[name]
    assert_print_colours_are_cmyk(folder / "out" / "content.print.pdf")
    done = subprocess.run([sys.executable, "-m", "spread", "check",
                           str(folder / "out" / "content.print.pdf")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_sports_and_school_pages_pass_the_typography_meter_but_for_spread_names(built):
    """`spread check --typography` on the pages as printed: the sports page has no finding;
    the school page none but, where the meter reads them as loose lines, the two-character
    names of its honour roll, which the 名单 spreads to their cell by design (邝　燕).
    (The notices page is left out: in its 11.7字 columns a line before a telephone number
    that cannot break is spread or stranded — «献血咨询：» at 1.22 em a gap, «咨询电» /
    «话：0571-87012345、» at 3.26 em — a composer fault reported, not frozen here.)"""
    assert typography_findings(built["sports"][0] / "out" / "content.print.pdf") == []
    folder = built["school"][0]
    content = yaml.safe_load((folder / "content.yaml").read_text(encoding="utf-8"))
    names = {n for item in content["honour_roll"]["items"] for n in item.get("names", [])}
    found = typography_findings(folder / "out" / "content.print.pdf")
    assert all(f["kind"] == "loose-line" and f["line"] in names for f in found), found


# -- holes, read from the rendered print page -----------------------------------------------

DPI = 24
MM = DPI / 25.4


def _holes(pdf: Path, margins_mm: tuple[float, float, float, float]) -> list[tuple]:
    """Empty rectangles of the type area as (width, height) in mm, largest first: the page
    rendered at 24 dpi, a pixel empty when its 3 × 3 neighbourhood is one flat light colour
    (paper or a light tint), the largest empty rectangle taken and marked, until none is
    as large as 20 × 10 mm."""
    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=DPI / 72).to_pil().convert("L")
    high = image.filter(ImageFilter.MaxFilter(3)).load()
    low = image.filter(ImageFilter.MinFilter(3)).load()
    trim = page.get_trimbox()
    media = page.get_mediabox()
    top, bottom, left, right = margins_mm
    x0 = int((trim[0] - media[0]) / 72 * DPI + left * MM)
    x1 = int((trim[2] - media[0]) / 72 * DPI - right * MM)
    y0 = int((media[3] - trim[3]) / 72 * DPI + top * MM)
    y1 = int((media[3] - trim[1]) / 72 * DPI - bottom * MM)
    w, h = x1 - x0, y1 - y0
    empty = [[low[x, y] > 200 and high[x, y] - low[x, y] < 8 for x in range(x0, x1)]
             for y in range(y0, y1)]
    holes = []
    while True:
        area, a, b, c, d = _largest(empty, w, h)
        if (c - a) < 20 * MM or (d - b) < 10 * MM:
            return holes
        holes.append((round((c - a) / MM), round((d - b) / MM)))
        for y in range(b, d):
            for x in range(a, c):
                empty[y][x] = False


def _largest(mask, w, h):
    """The largest all-True rectangle as (area, x0, y0, x1, y1), ends exclusive."""
    heights, best = [0] * w, (0, 0, 0, 0, 0)
    for y in range(h):
        for x in range(w):
            heights[x] = heights[x] + 1 if mask[y][x] else 0
        stack: list[tuple[int, int]] = []
        for x in range(w + 1):
            cur, start = (heights[x] if x < w else 0), x
            while stack and stack[-1][1] >= cur:
                sx, sh = stack.pop()
                if sh * (x - sx) > best[0]:
                    best = (sh * (x - sx), sx, y - sh + 1, x, y + 1)
                start = sx
            stack.append((start, cur))
    return best


# The largest white each page may keep, in mm, among the holes the brief's meter counts
# (at least 40 × 15 mm). What these pages keep is display white: the bands either side of
# the sports page's centred headline (49 × 37 mm each); the school page's quote ending
# above its tinted foot band stays under 100 × 20. The notices page's six columns end
# where the cut of 26 notices leaves them, its first column short of the others: the band
# across their feet (165 × 32 mm), which a better cut would close, may not grow.
MOST_WHITE = {"sports": (50, 40), "school": (100, 20), "notices": (170, 35)}
MARGINS = {"sports": (15, 14, 15, 15), "school": (15, 14, 15, 15), "notices": (15, 14, 15, 15)}


@pytest.mark.parametrize("name", EDITIONS)
def test_no_page_keeps_white_past_what_it_is_designed_with(built, name):
    folder, _ = built[name]
    holes = [(w, h) for w, h in _holes(folder / "out" / "content.print.pdf", MARGINS[name])
             if w >= 40 and h >= 15]  # the brief's meter: hole_audit --min-w 40 --min-h 15
    wide, tall = MOST_WHITE[name]
    assert all(w <= wide and h <= tall for w, h in holes), holes


# -- the stumbles mended ----------------------------------------------------------------------

def _own_layout(name: str) -> tuple[Path, str]:
    folder = PAGES / name / "layout"
    path = next(folder.glob("*.yaml"))
    return path, path.read_text(encoding="utf-8")


def test_a_section_without_a_chart_needs_no_chart_styles():
    """The sports layout's sections set no chart, yet the layout was refused: «the section
    region's label_style (its default) is style 'chart_label', which the layout's styles
    does not define» — an option sections do not have (it is chart_options'), hinted «did
    you mean 'figure_label'?»."""
    from spread import template

    path, text = _own_layout("sports")
    assert "chart_label" in text and "chart_value" in text
    bare = re.sub(r"^  chart_(label|value):.*\n", "", text, flags=re.M)
    template.load(str(path), bare)  # no error


def test_a_chart_given_by_each_still_needs_its_styles_named_as_its_options():
    """The commemorative layout gives charts[0] to its first section through `each`: a
    missing chart_label is still refused when the layout is read, named as the option it
    is (chart_options.label_style), at the line of the `each` that sets the chart, with
    what to do rather than a near name."""
    from spread import template
    from spread.errors import InputError

    path = ROOT / "layout" / "commemorative.yaml"
    text = re.sub(r"^  chart_label:.*\n", "", path.read_text(encoding="utf-8"), flags=re.M)
    with pytest.raises(InputError) as caught:
        template.load(str(path), text)
    error = caught.value
    said = str(error)
    assert "chart_options.label_style (its default) is style 'chart_label'" in said, said
    assert "each[0]" in said
    assert "add a style 'chart_label' to the layout's styles" in said, said
    assert "did you mean" not in said


@pytest.mark.parametrize("written, meant", [("left", "start"), ("right", "end"),
                                            ("center", "centre")])
def test_an_alignment_in_another_tools_words_is_hinted(written, meant):
    """`align: left` (CSS's word) was answered «expected one of justify, start, centre, end»
    with no hint; `center` had one."""
    from spread import template
    from spread.errors import InputError

    path, text = _own_layout("sports")
    assert "align: start}" in text
    with pytest.raises(InputError) as caught:
        template.load(str(path), text.replace("align: start}", f"align: {written}}}", 1))
    assert f"found '{written}'" in str(caught.value)
    assert caught.value.hint == f"did you mean '{meant}'?"


def test_a_story_photo_is_placed_by_its_storys_columns(built):
    """The school page's memoir (a story at columns 4-8 of its row, in no stack) has a
    portrait covering a 4:3 frame: the note said «(in its stack's columns at layout line
    96)»."""
    _, done = built["school"]
    said = [line for line in (done.stdout + done.stderr).splitlines() if "teacher.jpg" in line]
    assert said and all("stack's columns" not in line for line in said), said
    assert any("frame (columns 4-8)" in line for line in said), said


def test_a_page_too_long_names_the_place_of_a_section_in_a_stack(tmp_path):
    """The newcomer's first try at the sports page stacked the scores and the 快讯 in
    columns 1-4, too long for the page: «overset: sections[1] makes the page … too long …
    in region 'section' (columns )»."""
    from spread.validate import set_page

    folder = tmp_path / "sports"
    shutil.copytree(PAGES / "sports", folder)
    page_photos(PAGES).draw("sports", folder)
    path = next((folder / "layout").glob("*.yaml"))
    text = path.read_text(encoding="utf-8").replace("../../../../../fonts/", f"{ROOT / 'fonts'}/")
    lead = text.index("  - name: lead\n")
    foot = text.index("  - name: credits")
    path.write_text(text[:lead] + """  - name: lead
    grow: true
    space_after: 4mm
    regions:
      - {kind: story, columns: 1-12, split: 4, options: {head: false, fill: space}}
  - name: results
    grow: true
    regions:
      - kind: stack
        columns: 1-4
        regions:
          - {kind: section, content: "sections[0]"}
          - {kind: section, content: "sections[1]", grow: true}
      - {kind: story, columns: 5-12, content: "sections[2]", split: 2}
  - name: figures
    regions:
      - {kind: figures, columns: 1-12, content: figures, options: {tint: mint}}
""" + text[foot:], encoding="utf-8")
    laid = set_page(str(folder / "content.yaml"), str(path))
    said = [str(p.error) for p in laid.problems]
    assert any("too long" in s for s in said), said
    assert all("(columns )" not in s and "columns ," not in s for s in said), said
    assert any("(in its stack's columns at layout line" in s for s in said), said


def test_the_formats_say_what_there_is_no_kind_for_and_how_to_write_it():
    """The newcomer looked for a results table, a timeline, a quote box and a notices page
    and found no word on any: the formats say each is written with what there is, and
    that a larger list on the grid takes whole body lines a line (the 五号 scores on the
    小五 sports page stood two lines apart)."""
    formats = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    para = next(p for p in formats.split("\n\n") if "What the formats do not have" in p)
    for said in ("`report`", "**timeline**", "**no tint behind text**", "`decoration`", "**box**",
                 "**notices page**", "`share: length`", "**poem**"):
        assert said in para, said
    assert "`leading: 1.3714`" in formats


@pytest.mark.parametrize("key, old, new", [("label", "label: 场均", "label: 平均"),
                                           ("figure", "figure: 3.4球", "figure: 3.5球")])
def test_a_figure_or_label_not_quoted_is_placed_at_its_own_line(tmp_path, key, old, new):
    """A 数说 label the item does not say (平均 for 场均) was placed at the figure's first
    line, `- figure: 3.4球`, not at the `label:` the editor has to change."""
    from spread import content as content_model
    from spread.errors import InputError

    text = (PAGES / "sports" / "content.yaml").read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    line = 1 + text[:text.index(new)].count("\n")
    with pytest.raises(InputError) as caught:
        content_model.load(str(PAGES / "sports" / "content.yaml"), text)
    assert f"the {key} '{new.split(': ')[1]}' does not occur" in str(caught.value)
    assert caught.value.where.line == line and caught.value.where.path.endswith(f".{key}")


def test_type_too_small_for_its_inks_names_the_text_and_the_style(tmp_path):
    """The sports page's first green bullets were 小五 (9 pt, four inks): «print.pdf fails
    its checks in section sections[0]: type-size: 9.0 pt 4-ink … text, below the 10 pt
    minimum», hinted «mend the content or the layout (a larger size, fewer figures, another
    colour)» — which text, and which style? The text and the layout's style are named."""
    folder = tmp_path / "sports"
    shutil.copytree(PAGES / "sports", folder)
    page_photos(PAGES).draw("sports", folder)
    path = next((folder / "layout").glob("*.yaml"))
    text = path.read_text(encoding="utf-8").replace("../../../../../fonts/", f"{ROOT / 'fonts'}/")
    assert "  bullet:          {font: hei, size: 五号" in text
    path.write_text(text.replace("  bullet:          {font: hei, size: 五号",
                                 "  bullet:          {font: hei, size: 小五"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "spread", "build", "--rendition", "print",
                           str(folder / "content.yaml")], capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 1, done.stderr
    first = done.stderr.splitlines()[0]
    assert "type-size: 9.0 pt 4-ink" in first and first.endswith("minimum: «●»"), first
    assert "give the layout's style 'bullet'" in done.stderr, done.stderr
