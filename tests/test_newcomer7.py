"""A newcomer's three pages — a 要闻 page on the news template, a 纪念版 on the commemorative
template, and a 对开 five-column layout of the newcomer's own derived from the news one — and
the stumbles met making them: the docs that named two of the five shipped layouts, and the
hint that turned `scale: 80%` into `scale: 80`."""

from __future__ import annotations

import ctypes
import re
import subprocess
from pathlib import Path

import pypdfium2
import pytest
import yaml
from PIL import Image

from conftest import LAYOUT, ROOT, build_edition, own_edition, texts_not_printed
from spread import template
from spread.errors import InputError

PAGES = ROOT / "tests" / "data" / "newcomer7"
# each page's folder, its pictures (name → pixels) and what it is
EDITIONS = {
    "yaozhen": {"canal.jpg": (2400, 1600), "morning.jpg": (1600, 1200)},  # 要闻, news
    "jinian": {},  # 纪念版, commemorative: honour roll, 数说 figures, a chart
    "duikai": {"canal.jpg": (2400, 1600), "morning.jpg": (1600, 1200)},  # its own 对开 layout
}


def test_the_readme_and_the_formats_name_every_shipped_layout():
    """A newcomer picks a template from the README and the edition.yaml table: each of
    spread's own layouts is named in both (they named two and three of five)."""
    shipped = sorted(p.stem for p in (ROOT / "layout").glob("*.yaml"))
    assert len(shipped) >= 5
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    formats = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    row = next(line for line in formats.splitlines() if line.startswith("| `layout` (required)"))
    for name in shipped:
        assert f"`{name}`" in readme, name
        assert f"`{name}`" in row, name


def test_the_formats_say_how_to_write_a_picture_story_a_briefs_column_and_a_comment():
    """The newcomer's 要闻 page wanted a 图片新闻, a 简讯 column and a 评论, which the content
    format has no keys for: the formats say how to write them and what the news layout does
    with them (no box; a photo a column wide, white beside it when the text is shorter)."""
    formats = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    para = next(p for p in formats.split("\n\n") if "**图片新闻**" in p)
    for said in ("**简讯**", "**评论**", "`kicker: 图片新闻`", "photo_place: span", "`each`"):
        assert said in para, said


def _layout_error(old: str, new: str) -> InputError:
    text = LAYOUT.read_text(encoding="utf-8")
    assert old in text
    with pytest.raises(InputError) as caught:
        template.load(str(LAYOUT), text.replace(old, new, 1))
    return caught.value


@pytest.mark.parametrize("field, value, meant", [("scale", "80%", "0.8"),
                                                  ("leading", "150%", "1.5"),
                                                  ("tracking", "5%", "0.05")])
def test_a_style_number_written_in_percent_is_hinted_as_the_fraction(field, value, meant):
    """`scale: 80%` (an editor's 长体 80 %) was answered «write the number alone, without %:
    80», which the next build refused as a scale past 4: the hint gives the number meant."""
    text = LAYOUT.read_text(encoding="utf-8")
    body = re.search(r"^  body: *\{[^}\n]*\}", text, re.M).group(0)
    written = re.sub(rf", {field}: [^,}}]*", "", body)[:-1] + f", {field}: {value}}}"
    error = _layout_error(body, written)
    assert "expected a number" in str(error)
    assert error.hint == f"write it as a number, not a percentage: {meant} (for {value})"


def test_cmyk_in_percent_is_still_hinted_without_the_sign():
    error = _layout_error("cmyk: [0, 100, 100, 10]", "cmyk: [0%, 100%, 100%, 10%]")
    assert error.hint == "write the number alone, without %: 0"


def gradient(path: Path, size: tuple[int, int], seed: int) -> None:
    """A photo as the newcomer drew one: an RGB gradient, made here rather than committed."""
    ramp = Image.linear_gradient("L")
    across, down = ramp.rotate(90).resize(size), ramp.resize(size)
    flat = Image.new("L", size, 40 + 50 * seed)
    Image.merge("RGB", (across, down, flat)).save(path, quality=80)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, tuple[Path, subprocess.CompletedProcess]]:
    """The three editions copied out of the repository, their photos drawn, each built by
    `spread build FOLDER/content.yaml` from the folder above, as the newcomer did."""
    desk = tmp_path_factory.mktemp("newcomer7")
    out = {}
    for name, photos in EDITIONS.items():
        folder = desk / name
        own_edition(PAGES / name, folder)
        for seed, (file, size) in enumerate(photos.items()):
            (folder / "photos").mkdir(exist_ok=True)
            gradient(folder / "photos" / file, size, seed)
        done = build_edition(desk, name)
        out[name] = folder, done
    return out


@pytest.mark.parametrize("name", list(EDITIONS))
def test_each_page_builds_and_every_text_is_in_the_pdf(built, name):
    folder, done = built[name]
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "(columns )" not in done.stderr, done.stderr
    lost = texts_not_printed(folder, "\\s\u3000*`")
    assert not lost, lost


def _boxes(page) -> tuple[list[tuple], list[tuple]]:
    """The page's glyph boxes (left, bottom, right, top; not spaces) and its images'."""
    textpage = page.get_textpage()
    glyphs = [textpage.get_charbox(i) for i in range(textpage.count_chars())
              if not textpage.get_text_range(i, 1).isspace()]
    images = [_clipped(obj) for obj in page.get_objects(
        filter=[pypdfium2.raw.FPDF_PAGEOBJ_IMAGE], max_depth=3)]
    return [g for g in glyphs if g[2] > g[0] and g[3] > g[1]], images


def _clipped(image) -> tuple:
    """An image's box as it shows: its bounds inside its clip path's (a photo covering its
    frame is drawn larger and clipped to the frame)."""
    raw = pypdfium2.raw
    left, bottom, right, top = image.get_bounds()
    clip = raw.FPDFPageObj_GetClipPath(image)
    for i in range(raw.FPDFClipPath_CountPaths(clip) if clip else 0):
        points = []
        for j in range(raw.FPDFClipPath_CountPathSegments(clip, i)):
            x, y = ctypes.c_float(), ctypes.c_float()
            raw.FPDFPathSegment_GetPoint(raw.FPDFClipPath_GetPathSegment(clip, i, j), x, y)
            points.append((x.value, y.value))
        if points:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            left, bottom = max(left, min(xs)), max(bottom, min(ys))
            right, top = min(right, max(xs)), min(top, max(ys))
    return left, bottom, right, top


def _overlap(a: tuple, b: tuple) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


@pytest.mark.parametrize("name", list(EDITIONS))
def test_no_glyph_lies_on_another_nor_on_a_picture(built, name):
    """Read back from the PDF, not from spread's own check: glyphs overlapping by more than a
    fifth of the smaller, or a glyph on a photo (clipped images are measured at their clip)."""
    folder, _ = built[name]
    page = pypdfium2.PdfDocument(folder / "out" / "content.print.pdf")[0]
    glyphs, images = _boxes(page)
    cells: dict[tuple[int, int], list[int]] = {}
    clashes = []
    for i, g in enumerate(glyphs):
        for cx in range(int(g[0] // 20), int(g[2] // 20) + 1):
            for cy in range(int(g[1] // 20), int(g[3] // 20) + 1):
                for j in cells.setdefault((cx, cy), []):
                    h = glyphs[j]
                    small = min((g[2] - g[0]) * (g[3] - g[1]), (h[2] - h[0]) * (h[3] - h[1]))
                    if _overlap(g, h) > 0.2 * small:
                        clashes.append((g, h))
                cells[(cx, cy)].append(i)
    assert not clashes, clashes[:5]
    assert images or name == "jinian"
    on_photos = [g for g in glyphs for img in images
                 if _overlap(g, img) > 0.2 * (g[2] - g[0]) * (g[3] - g[1])]
    assert not on_photos, on_photos[:5]


def test_a_chart_stands_in_the_section_its_bars_quote():
    """The commemorative layout gives `charts[0]` to the first section; the newcomer's chart
    counts 科研创新's projects, and was drawn under 医疗救治 (exit 0, a page saying what the
    text does not). It goes with the section its bars quote."""
    from spread import content as content_model, repeat

    page = content_model.load(str(PAGES / "jinian" / "content.yaml"))
    assert {bar.source.section for bar in page.charts[0].bars} == {"科研创新"}
    assert [s.title for s in page.sections].index("科研创新") == 1
    layout = repeat.expand(template.load(str(ROOT / "layout" / "commemorative.yaml")), page)
    charted = [(r.content, r.options.get("chart_options")) for row in layout.rows
               for top in row.regions for r in top.walk() if r.options.get("chart")]
    assert charted == [("sections[1]", {"grow": 1.5})]


def test_the_chart_is_drawn_in_that_section_on_the_page(built):
    """On the page: 科研创新 is the right of the first pair, and the chart's labels with it."""
    folder, _ = built["jinian"]
    page = pypdfium2.PdfDocument(folder / "out" / "content.print.pdf")[0]
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    def left(word: str) -> float:  # where it is set largest: a title, not the lead's text
        at = [m.start() for m in re.finditer(word, text)]
        boxes = [textpage.get_charbox(i) for i in at]
        return max(boxes, key=lambda box: box[3] - box[1])[0]
    def font(index: int) -> str:
        name = ctypes.create_string_buffer(256)
        pypdfium2.raw.FPDFText_GetFontInfo(textpage, index, name, 256, None)
        return name.value.decode("latin-1")
    # the chart's labels are set in 楷体 (chart_label), the report items in 宋体
    labels = [m.start() for m in re.finditer("国家级科研项目", text) if "Kai" in font(m.start())]
    assert len(labels) == 1
    middle = page.get_width() / 2
    assert left("科研创新") > middle and textpage.get_charbox(labels[0])[0] > middle
    assert left("医疗救治") < middle


def test_a_stories_slack_names_the_place_of_a_region_in_a_stack(built):
    """The own 对开 layout's lead text stands in a stack, columns unwritten: its slack warning
    said «the lead story (columns ) ends 6 lines above its foot». (Its stack's white now
    goes to the stack's foot, so the page warns of no such slack: the lead text's place is
    read as a warning would say it.)"""
    from spread.layout.problems import place

    folder, done = built["duikai"]
    assert "(columns )" not in done.stderr, done.stderr
    layout = template.load(str(folder / "layout" / "duikai.yaml"))
    lead = [r for row in layout.rows for top in row.regions for r in top.walk()
            if r.kind == "story" and not r.content and not r.columns]
    assert lead
    for region in lead:
        assert place(region) == f"in its stack's columns at layout line {region.where.line}"


@pytest.mark.parametrize("name, layout", [("yaozhen", ROOT / "layout" / "news.yaml"),
                                          ("duikai", "layout/duikai.yaml")])
def test_the_white_beside_a_head_is_not_a_hole(built, name, layout):
    """A centred headline narrower than the page (the own layout's 长体 head: 45 and 50 mm
    each side) and a short story head (运河晨光 over three columns) were counted as holes —
    five of the 对开 page's thirteen — and steered where the page's spare went. The band a
    head stands in is the head's, as the band beside a section's tab is."""
    from spread.validate import set_page

    folder, _ = built[name]
    laid = set_page(str(folder / "content.yaml"), str(folder / layout))
    holes = laid.makeup.of("hole")
    assert not [h for h in holes if h.region == "headline"], holes
    content = yaml.safe_load((folder / "content.yaml").read_text(encoding="utf-8"))
    titles = {s["title"] for s in content["sections"]}
    heads = [run for run in laid.page.items if getattr(run, "chars", None) in titles]
    assert len(heads) == len(titles)
    for run in heads:
        x = run.xs[-1] + 2 * run.style.size  # in the white after the head's last character
        inside = [h for h in holes if h.box.x <= x <= h.box.right
                  and h.box.y <= run.y <= h.box.top]
        assert not inside, (run.chars, inside)
