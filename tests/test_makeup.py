"""Make-up: one baseline grid across the page, columns brought to their module's foot by
vertical justification in whole lines, and the make-up report that measures it — on the
default page, the spread and the commemorative, news and photo starters read back from
the PDF (each built once), on a page of the tests' own, and on flow lines and page models
made here."""

from __future__ import annotations

import re
from dataclasses import replace

import pypdfium2 as pdfium
import pytest
import yaml
from PIL import Image

from spread.build import build
from spread.compose.model import Line, Style
from spread.layout import flow, makeup
from spread.page import Box, Colour, Element, Page, Rect, Rule, TextRun

from conftest import CONTENT, LAYOUT, ROOT

BODY_SIZE, BODY_LEADING = 12.0, 1.55  # layout/*.yaml: body is 小四 (12 pt) at 1.55
PITCH = BODY_SIZE * BODY_LEADING
BODY_FONT = re.compile(r"NotoSerif.*Regular", re.I)  # the body face (role song)


def body_baselines(pdf_path, size: float = BODY_SIZE) -> list[float]:
    """Baselines of the body face at the body size, read back from the PDF's text."""
    doc = pdfium.PdfDocument(str(pdf_path))
    baselines = set()
    for page in doc:
        text = page.get_textpage()
        for i in range(text.count_chars()):
            char = text.get_text_range(i, 1)
            if not char.strip() or ord(char) < 0x3000:
                continue
            font = pdfium.raw.FPDFText_GetFontSize(text.raw, i)
            if abs(font - size) > 0.05:
                continue
            buf = bytearray(256)
            n = pdfium.raw.FPDFText_GetFontInfo(text.raw, i, (pdfium.raw.c_char * 256).from_buffer(buf),
                                                256, None)
            if not BODY_FONT.search(bytes(buf[:max(0, n - 1)]).decode("latin-1")):
                continue
            x, y = pdfium.raw.c_double(), pdfium.raw.c_double()
            pdfium.raw.FPDFText_GetCharOrigin(text.raw, i, x, y)
            baselines.add(round(y.value, 2))
    return sorted(baselines)


def assert_on_one_grid(baselines: list[float], pitch: float = PITCH) -> None:
    assert len(baselines) > 10, baselines
    first = baselines[0]
    off = [b for b in baselines if abs((b - first) / pitch - round((b - first) / pitch)) * pitch
           > 0.2]
    assert not off, f"body baselines off the {pitch} pt grid: {off}"


# -- the built pages, read back: the "done when" -----------------------------------------

def _build(content, layout, out):
    return build(str(content), str(layout), str(out), ("print",)), layout


@pytest.fixture(scope="module")
def spread_build(tmp_path_factory):
    return _build(CONTENT, ROOT / "layout" / "tabloid-spread.yaml", tmp_path_factory.mktemp("t"))


@pytest.fixture(scope="module")
def own_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("own")
    return _build(*own_page(folder), folder / "out")


STARTERS = ("commemorative", "news", "photo")


@pytest.fixture(scope="module")
def starter_builds(tmp_path_factory):
    """Each template's starter edition built as written, once: {name: (result, layout)}."""
    return {name: _build(ROOT / "layout" / name / "content.yaml",
                         ROOT / "layout" / f"{name}.yaml", tmp_path_factory.mktemp(name))
            for name in STARTERS}


def _built_page(request, name):
    """A page built and the layout it was built on: the default page, the spread, ours or
    a template's starter."""
    if name == "default":
        return request.getfixturevalue("default_build"), LAYOUT
    if name in STARTERS:
        return request.getfixturevalue("starter_builds")[name]
    return request.getfixturevalue(f"{name}_build")


def body_of(layout) -> tuple[float, float]:
    """The layout's body size and line pitch, in pt."""
    from spread import template

    spec = template.load(str(layout))
    size = spec.styles["body"].size.pt(spec.grid.unit.pt())
    return size, size * spec.styles["body"].leading


@pytest.fixture(params=["default", "spread", "own", "commemorative", "news"])
def built(request):
    """A page with body text in modules: the default page, the spread, ours and the
    commemorative and news starters (the photo page sets no body text)."""
    return _built_page(request, request.param)


@pytest.fixture(params=["default", "spread", "own", "news"])
def balanced(request):
    """A page whose modules' columns end within a line of each other (the commemorative
    starter's first section, across the page, is too thin for its four columns: not yet)."""
    return _built_page(request, request.param)


@pytest.fixture(params=["default", "spread", "own"])
def full(request):
    """A page that has no hole of a column by three lines the layout did not ask for."""
    return _built_page(request, request.param)


@pytest.fixture(params=["default", "spread", "own", *STARTERS])
def any_built(request):
    return _built_page(request, request.param)


def pdf_chars(pdf_path, size: float = BODY_SIZE
              ) -> list[tuple[str, bool, tuple[float, float, float, float]]]:
    """Every character of the PDF's first page: itself, whether it is body type (the body
    face at the body size) and its place (left, baseline, right, top of its box) in points."""
    doc = pdfium.PdfDocument(str(pdf_path))
    text = doc[0].get_textpage()
    out = []
    for i in range(text.count_chars()):
        char = text.get_text_range(i, 1)
        if not char.strip():
            continue
        buf = bytearray(256)
        n = pdfium.raw.FPDFText_GetFontInfo(text.raw, i, (pdfium.raw.c_char * 256).from_buffer(buf),
                                            256, None)
        face = bytes(buf[:max(0, n - 1)]).decode("latin-1")
        body = (abs(pdfium.raw.FPDFText_GetFontSize(text.raw, i) - size) < 0.05
                and bool(BODY_FONT.search(face)) and ord(char) >= 0x3000)
        left, _, right, top = text.get_charbox(i)
        x, y = pdfium.raw.c_double(), pdfium.raw.c_double()
        pdfium.raw.FPDFText_GetCharOrigin(text.raw, i, x, y)
        out.append((char, body, (left, y.value, right, top)))
    return out


def column_feet(chars, frame: Box, size: float = BODY_SIZE) -> list[float]:
    """Where each text column of a module ends: the lowest baseline of anything set in it
    (a chart's labels too), the columns found from the module's body lines."""
    inside = [(body, box) for _, body, box in chars
              if frame.x <= (box[0] + box[2]) / 2 <= frame.right and frame.y <= box[1] <= frame.top]
    spans = []
    for left, right in sorted((box[0], box[2]) for body, box in inside if body):
        if spans and left <= spans[-1][1] + 0.75 * size:
            spans[-1][1] = max(spans[-1][1], right)
        else:
            spans.append([left, right])
    measure = max((b - a for a, b in spans), default=0.0)
    return [min(box[1] for _, box in inside if a - 1 <= (box[0] + box[2]) / 2 <= a + measure + 1)
            for a, _ in spans]


def largest_hole(pdf_path, page, area: Box, wide: float, tall: float,
                 skip: list[Box] = ()) -> Box | None:
    """An empty paper or tint rectangle in `area` at least `wide` × `tall` points that the
    layout did not ask for (its reserved boxes: a tab's band, a chart's plot), or None:
    the page rendered at 2 pt a pixel, a pixel empty when it and its neighbours are light;
    an area in `skip` counts as taken (a hole found already)."""
    from PIL import ImageFilter

    scale = 0.5
    doc = pdfium.PdfDocument(str(pdf_path))
    image = doc[0].render(scale=scale).to_pil().convert("L").filter(ImageFilter.MinFilter(3))
    top = page.media.top
    asked = [box for e in page.elements for box in e.reserved] + list(skip)
    x0, x1 = int(area.x * scale), int(area.right * scale)
    y0, y1 = int((top - area.top) * scale), int((top - area.y) * scale)
    pixels = image.load()

    def empty(px: int, py: int) -> bool:
        x, y = px / scale, top - py / scale
        return pixels[px, py] >= 235 and not any(b.x <= x <= b.right and b.y <= y <= b.top
                                                  for b in asked)

    need_w, need_h = int(wide * scale) + 1, int(tall * scale) + 1
    heights = [0] * (x1 - x0)
    for py in range(y0, y1):
        for k in range(x1 - x0):
            heights[k] = heights[k] + 1 if empty(x0 + k, py) else 0
        run = 0
        for k, h in enumerate(heights):  # a run of columns all at least need_h tall
            run = run + 1 if h >= need_h else 0
            if run >= need_w:
                return Box((x0 + k - run + 1) / scale, top - (py + 1) / scale, run / scale,
                           need_h / scale)
    return None


def test_every_body_baseline_sits_on_one_grid(built):
    result, layout = built
    size, pitch = body_of(layout)
    assert_on_one_grid(body_baselines(result.outputs["print.pdf"], size), pitch)


def test_the_columns_of_each_module_end_within_a_line(balanced):
    result, layout = balanced
    size, pitch = body_of(layout)
    chars = pdf_chars(result.outputs["print.pdf"], size)
    modules = [e for e in result.page.elements if e.name.startswith(("section", "story", "stack"))]
    assert modules
    for module in modules:
        feet = column_feet(chars, module.frame, size)
        assert feet and max(feet) - min(feet) <= pitch + 0.5, (module.name, feet)


def test_no_hole_of_a_column_by_three_lines_the_layout_did_not_ask_for(full):
    from spread import template
    from spread.layout.geometry import geometry

    result, layout = full
    geo = geometry(template.load(str(layout)))
    hole = largest_hole(result.outputs["print.pdf"], result.page, geo.area, geo.column,
                        3 * body_of(layout)[1])
    assert hole is None, f"a hole at least {hole.width / 2.835:.0f} × {hole.height / 2.835:.0f}" \
                         f" mm at {hole}"


def test_a_blank_line_opens_inside_a_list_or_a_body_only_to_bring_a_column_to_its_foot(full):
    """Vertical justification reads Chinese: in every text column of a module, two body
    lines one above the other stand one line apart, unless something else stands between
    them — a heading, a chart — where a section of the content begins; or, where the layout
    asks for it (the spread: space_at: paragraphs, max_space: 1), one blank line between two
    items or paragraphs of a column that then ends on its module's foot — never two, never
    in a column left short, and then before every item of the column that follows another
    (a list opens alike or not at all). The default page opens none: its spare goes to the
    banner (read back from the PDF: the body face at the body size, column by column)."""
    result, layout = full
    size, pitch = body_of(layout)
    chars = pdf_chars(result.outputs["print.pdf"], size)
    modules = [e for e in result.page.elements if e.name.startswith(("section", "story"))]
    opened = 0
    for module in modules:
        frame = module.frame
        inside = [(body, box) for _, body, box in chars
                  if frame.x <= (box[0] + box[2]) / 2 <= frame.right
                  and frame.y <= box[1] <= frame.top]
        lefts = _column_lefts(inside, size)
        for left in lefts:
            column = [(body, box) for body, box in inside if _in_column(box, left, lefts)]
            lines = sorted({round(box[1], 1) for body, box in column if body}, reverse=True)
            bullets = {round(box[1], 1) for c, _, box in chars if c == "●"  # at its left
                       and frame.y <= box[1] <= frame.top
                       and left - 1.5 * size <= (box[0] + box[2]) / 2 < left + size}
            spaced = 0
            for upper, lower in zip(lines, lines[1:]):
                if upper - lower < pitch + 0.5:
                    continue
                between = [box for body, box in column if not body
                           and lower + 1 < box[1] < upper - 1]
                if between:
                    continue
                opened += 1
                spaced += 1
                where = f"{module.name}: a blank line between body lines at {upper:.1f} and " \
                        f"{lower:.1f} pt"
                assert upper - lower < 2 * pitch + 0.5, where + " (more than one)"
                assert lines[-1] - frame.y < pitch, where + " in a column left short"
            if spaced:  # a list opens alike: a blank line above every item that follows
                for b in [b for b in lines[1:] if b in bullets]:  # another item's lines
                    upper = min(u for u in lines if u > b)
                    heading = [box for body, box in column
                               if not body and b + 1 < box[1] < upper - 1]
                    assert heading or upper - b > 1.5 * pitch, (module.name, left, b)
    assert not opened or request_name(full) == "spread", opened


def request_name(built) -> str:
    """Which of the built pages this is (the default page, the spread or ours), by its
    layout's file name."""
    _, layout = built
    return {"default.yaml": "default", "tabloid-spread.yaml": "spread"}.get(
        layout.name, "own")


def _column_lefts(inside, size: float) -> list[float]:
    """The left edges of a module's text columns: each baseline's body characters cut into
    lines where they stand a gutter apart, the lines' extents merged where they overlap
    (a figure set bold in every line of a narrow stretch does not part a column)."""
    lines = []
    by_baseline: dict[float, list] = {}
    for body, box in inside:
        if body:
            by_baseline.setdefault(round(box[1], 1), []).append(box)
    for boxes in by_baseline.values():
        boxes.sort()
        start, end = boxes[0][0], boxes[0][2]
        for box in boxes[1:]:
            if box[0] > end + 1.5 * size:
                lines.append((start, end))
                start = box[0]
            end = max(end, box[2])
        lines.append((start, end))
    spans: list[list[float]] = []
    for left, right in sorted(lines):
        if spans and left < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], right)
        else:
            spans.append([left, right])
    return [a for a, _ in spans]


def _in_column(box, left: float, lefts: list[float]) -> bool:
    """Whether a character's box stands in the column starting at `left` (before the next)."""
    nexts = [l for l in lefts if l > left + 1]
    right = min(nexts) if nexts else float("inf")
    return left - 1 <= (box[0] + box[2]) / 2 < right - 1


def test_every_hole_on_the_page_is_in_the_make_up_report(any_built):
    """No silent hole: an empty rectangle of a basic column by three body lines that the
    read-back page shows in a text module — a column foot, or the cream inside the honour
    roll's box — lies on a hole the make-up report names, with its region and size."""
    from spread import template
    from spread.layout.geometry import geometry

    result, layout = any_built
    geo = geometry(template.load(str(layout)))
    pitch = body_of(layout)[1]
    modules = [e.frame for e in result.page.elements
               if e.name.startswith(("section", "story", "honour_roll", "text"))]
    reported = _reported_holes(result)
    seen = list(reported)
    for _ in range(12):  # each hole the page shows, looked for outside those seen
        hole = largest_hole(result.outputs["print.pdf"], result.page, geo.area, geo.column,
                            3 * pitch, skip=seen)
        if hole is None:
            return
        in_module = any(_overlap(hole, frame) > 0.5 * hole.width * hole.height
                        for frame in modules)
        assert not in_module, f"a hole the report does not name: {hole} (named: {reported})"
        seen.append(hole)


@pytest.mark.parametrize("name", ["default", "spread", "commemorative"])
def test_the_honour_roll_sets_its_awards_as_a_centred_list(request, name):
    """Awards styled to centre read as a compositor's list: every ◆ of a column stands in
    line (flush left, not each line centred), an award's ◇ items stand in line under its
    text, and the list stands clear of the title band and the border."""
    result, _ = _built_page(request, name)
    (roll,) = [e for e in result.page.elements if e.name.startswith("honour_roll")]
    chars = [(c, box) for c, _, box in pdf_chars(result.outputs["print.pdf"])
             if roll.frame.x <= box[0] <= roll.frame.right and roll.frame.y <= box[1] <= roll.frame.top]
    awards = sorted({round(box[0], 1) for c, box in chars if c == "◆"})
    items = sorted({round(box[0], 1) for c, box in chars if c == "◇"})
    split = {"default": 1, "spread": 2, "commemorative": 2}[name]
    assert len(awards) == split, awards  # one bullet line a column
    assert len(items) == 1 and min(abs(items[0] - a) for a in awards) > 4.0, (items, awards)
    text = [box for c, box in chars if c not in "荣誉榜" and box[0] >= awards[0] - 1]
    left = awards[0] - min(box[0] for c, box in chars if c in "荣誉榜")
    right = roll.frame.right - max(box[2] for box in text)
    assert left > 20 and right > 20  # the list stands clear of the band and the border


def _reported_holes(result) -> list[Box]:
    """The holes the build's make-up report names, from its notes (in mm from the trim's
    top left) back to page points."""
    mm, trim = 72 / 25.4, result.page.trim
    boxes = []
    for note in result.notes:
        found = re.match(r"make-up: hole: .*\((\d+) × (\d+) mm at x (\d+) mm, y (\d+) mm", note)
        if found:
            w, h, x, y = (float(v) * mm for v in found.groups())
            boxes.append(Box(trim.x + x, trim.top - y - h, w, h))
    return boxes


def _overlap(a: Box, b: Box) -> float:
    return (max(0.0, min(a.right, b.right) - max(a.x, b.x))
            * max(0.0, min(a.top, b.top) - max(a.y, b.y)))


def test_the_default_page_carries_every_item_of_its_source(print_pdf):
    text = re.sub(r"\s", "", pdfium.PdfDocument(str(print_pdf))[0].get_textpage().get_text_range())
    seed = (ROOT.parent / "shared" / "seed" / "000_e86f62651620673c.txt")
    if not seed.exists():
        pytest.skip("the source text is beside the checkout only")
    lines = [re.sub(r"[^\w]", "", line).replace("_", "") for line in
             seed.read_text(encoding="utf-8").splitlines()]
    page = re.sub(r"[^\w]", "", text).replace("_", "")
    assert all(line in page for line in lines if line), [l for l in lines if l and l not in page]


def test_every_build_reports_its_make_up(default_build):
    summary = [n for n in default_build.notes if n.startswith("make-up: ") and "hole(s)" in n]
    assert len(summary) == 1
    assert "0 of" in summary[0] and "body lines off the grid" in summary[0]
    holes = int(re.search(r"(\d+) hole", summary[0]).group(1))
    listed = [n for n in default_build.notes if n.startswith("make-up: hole: ")]
    assert len(listed) == holes


def test_white_the_layout_keeps_clear_is_named_not_counted(default_build):
    """The 建功立业 chart's plot is white beside its short bars (港城工匠 2 名): content the
    layout asked for, which a meter blind to the design counts as a hole. The report says
    so — apart from its holes, with its size and place — and counts it as none."""
    summary = next(n for n in default_build.notes if n.startswith("make-up: ")
                   and "hole(s)" in n)
    assert re.match(r"make-up: 0 hole\(s\), 0 cm² \(and \d+ area\(s\) of white the layout "
                    r"keeps clear, \d+ cm², not counted\)", summary), summary
    plot = [n for n in default_build.notes if n.startswith("make-up: kept-clear: section "
                                                           "sections[0]")]
    assert len(plot) == 1 and "a chart's plot" in plot[0] and "not a hole" in plot[0]
    assert not [n for n in default_build.notes if n.startswith("make-up: hole: ")]


def test_white_beside_a_stacked_story_head_is_named_the_head_band(starter_builds):
    """In the news page's halves, stacks of stories, the white beside a short head lower in
    the stack is the head's band, not a chart's plot."""
    result, _ = starter_builds["news"]
    stacked = [n for n in result.notes if n.startswith("make-up: kept-clear: stack ")]
    assert stacked and all("the band beside a story's head" in n for n in stacked), stacked


# -- a page of our own: a photo across the page and two sections, no honour roll -------------

def _photo(path) -> None:
    """A photograph's stand-in: a reading room of shelves and windows in light and shade
    (not one flat colour, which a hole meter would take for paper), 3000 × 2000 pixels."""
    from PIL import ImageDraw

    picture = Image.new("RGB", (3000, 2000))
    draw = ImageDraw.Draw(picture)
    for y in range(2000):
        shade = int(60 + 90 * y / 2000)
        draw.line([(0, y), (3000, y)], fill=(shade + 60, shade + 40, shade))
    for k in range(14):
        x = 110 + k * 206
        draw.rectangle([x, 220, x + 130, 1780], fill=(90 + 5 * k, 60 + 3 * k, 40))
        draw.rectangle([x + 20, 290, x + 110, 470], fill=(230, 220, 190))
    picture.save(path, dpi=(300, 300))


def own_page(tmp_path):
    """The default page's content cut to a lead, two sections (the first with its chart) and
    a photo, on the default layout with the figures, the honour roll and three section rows
    taken out: the photo runs across the page and may grow to take what the rows leave."""
    content = yaml.safe_load(CONTENT.read_text(encoding="utf-8"))
    content = {"headline": "图书馆重新开放", "kicker": "——市民回到阅览室",
               "lead": content["lead"], "sections": [content["sections"][i] for i in (0, 1)],
               "charts": content["charts"],
               "pictures": [{"file": "photo.png", "caption": "重新开放的阅览室：市民在新书架前挑选图书",
                             "credit": "记者 王某 摄"}]}
    _photo(tmp_path / "photo.png")
    (tmp_path / "content.yaml").write_text(yaml.safe_dump(content, allow_unicode=True),
                                           encoding="utf-8")
    layout = yaml.safe_load(LAYOUT.read_text(encoding="utf-8"))
    for role in layout["fonts"].values():
        for face in role:
            face["file"] = str((LAYOUT.parent / face["file"]).resolve())
    layout["styles"]["caption"] = {"font": "kai", "size": "小四", "leading": 1.55,
                                   "align": "start"}
    layout["styles"]["credit"] = {"font": "hei", "size": "小五", "leading": 1.4, "align": "end"}
    rows = {row["name"]: row for row in layout["rows"]}
    photo = {"name": "photo", "grow": True, "space_after": "5mm", "regions": [
        {"kind": "picture", "columns": "1-8", "content": "pictures[0]",
         "options": {"aspect": 1.8, "grow": 1.25}}]}
    rows["sections-1"]["regions"] = [  # as wide as the two need to end level, chart grown
        {"kind": "section", "columns": "1-5", "content": "sections[0]", "split": 2,
         "options": {"pictogram": "medal", "fill": "space", "chart": "charts[0]",
                     "chart_options": {"grow": 2.5}}},
        {"kind": "section", "columns": "6-8", "content": "sections[1]", "split": 2,
         "options": {"pictogram": "shield", "fill": "space"}}]
    layout["rows"] = [rows["banner"], rows["lead"], photo, rows["sections-1"], rows["credits"]]
    path = tmp_path / "layout.yaml"
    path.write_text(yaml.safe_dump(layout, allow_unicode=True), encoding="utf-8")
    return tmp_path / "content.yaml", path


def test_the_photo_grows_to_take_the_rows_slack_in_whole_lines(own_build):
    from spread.page import Image as Placed

    (photo,) = [i for i in own_build[0].page.items if isinstance(i, Placed)]
    natural = photo.clip.width / 1.8
    assert natural + 0.01 < photo.clip.height <= natural * 1.25 + 0.01  # grown, within its bound
    box, clip = photo.box, photo.clip  # the picture covers its frame, never letterboxed
    assert box.x <= clip.x + 0.01 and box.right >= clip.right - 0.01
    assert box.y <= clip.y + 0.01 and box.top >= clip.top - 0.01


# -- flow lines: vertical justification -------------------------------------------------------

def _line(width: float, measure: float = 120.0, final: bool = False) -> Line:
    return Line((), 0.0, width, measure, final, not final)


def _paragraph(lines: int, last: float = 120.0, keep=False) -> list[flow.FlowLine]:
    out = []
    for k in range(lines):
        final = k == lines - 1
        out.append(flow.FlowLine(_line(last if final else 120.0, final=final), PITCH, 0.0,
                                 keep, "p", k == 0))
    return out


def test_justification_brings_each_column_to_the_foot_in_whole_lines():
    col = _paragraph(3) + _paragraph(3) + _paragraph(3)
    (filled,) = flow.justify_columns([col], 11 * PITCH, PITCH, 2, hole=50.0, paragraphs=True)
    spaces = [fl.space_before for fl in filled]
    assert sum(spaces) == pytest.approx(2 * PITCH)  # 9 lines + 2 steps = 11
    assert all(s / PITCH == pytest.approx(round(s / PITCH)) for s in spaces)
    assert all(fl.pitch == PITCH for fl in filled)  # the leading never opens


def test_justification_never_passes_its_bound_nor_splits_kept_lines():
    heading = _paragraph(1, last=40.0, keep=True)
    col = _paragraph(2) + heading + _paragraph(2, keep=True) + _paragraph(2)
    (filled,) = flow.justify_columns([col], 30 * PITCH, PITCH, 2, hole=50.0, paragraphs=True)
    assert max(fl.space_before for fl in filled) <= 2 * PITCH + 1e-6
    assert filled[3].space_before == 0  # nothing between a heading and what it keeps
    # the line above the heading is full but the heading itself is short: one step only
    assert filled[2].space_before == pytest.approx(PITCH)


@pytest.mark.parametrize("steps,opened", [(1, 0), (2, 0), (3, 3), (4, 3)])
def test_a_lists_items_open_alike_or_not_at_all(steps, opened):
    """space_at: paragraphs, max_space 1: four items in a column take a blank line before
    each of the three below the first, or none — never one or two of them."""
    col = _paragraph(2) + _paragraph(2) + _paragraph(2) + _paragraph(2)
    (filled,) = flow.justify_columns([col], (8 + steps) * PITCH, PITCH, 1, hole=50.0,
                                     paragraphs=True)
    spaces = [round(fl.space_before / PITCH) for fl in filled]
    assert sum(spaces) == opened and set(spaces) <= {0, 1}


def test_a_short_last_line_takes_one_blank_line_at_most():
    col = _paragraph(3, last=20.0) + _paragraph(3)
    (filled,) = flow.justify_columns([col], 10 * PITCH, PITCH, 3, hole=50.0, paragraphs=True)
    assert filled[3].space_before == pytest.approx(PITCH)


def _unfilled(cols, height):
    filled = flow.justify_columns(cols, height, PITCH, 2, hole=50.0, paragraphs=True)
    return sum(round((height - flow.text_height([c])) / PITCH) for c in filled)


@pytest.mark.parametrize("items,height", [(7, 16), (5, 12), (9, 18), (3, 10)])
def test_columns_are_broken_where_justification_fills_them_best(items, height):
    """A one-paragraph intro cannot take space; the break is chosen among the column
    heights so that what is left unfilled is never more than the plain balanced split's."""
    lines = flow.heading_keeps(_paragraph(9) + _paragraph(1, last=60.0, keep=True)
                               + _paragraph(3) * items)
    cols = flow.filled_columns(lines, 3, height * PITCH, PITCH, 2, hole=50.0, paragraphs=True)
    assert [fl for col in cols for fl in col] == lines  # every line, in order
    balanced, _ = flow.split_columns(lines, 3, None)
    assert _unfilled(cols, height * PITCH) <= _unfilled(balanced, height * PITCH)


def test_by_default_space_opens_only_between_sections_of_the_content():
    """A body's paragraphs and a list's items keep the page's even texture: space goes
    before a heading (a break between parts) and a chart in the flow, never between two
    paragraphs or two items; what is left stays at the foot for the make-up report."""
    heading = _paragraph(1, keep=True)
    col = _paragraph(3) + _paragraph(2) + heading + _paragraph(2, keep=True) + _paragraph(2)
    (filled,) = flow.justify_columns([col], 14 * PITCH, PITCH, 2, hole=50.0)
    spaces = {k: fl.space_before / PITCH for k, fl in enumerate(filled) if fl.space_before}
    assert spaces == {5: pytest.approx(2.0)}  # before the heading only, to its bound
    assert flow.text_height([filled]) == pytest.approx(12 * PITCH)  # 2 lines left at the foot


def test_a_growing_chart_takes_the_slack_before_any_space_opens():
    heading = _paragraph(1, keep=True)
    chart = flow.FlowLine(None, 4 * PITCH, 0.0, False, "charts[0]", True, lambda *a: [],
                          grow=3 * PITCH)
    col = _paragraph(2) + heading + _paragraph(2, keep=True) + [chart]
    (filled,) = flow.justify_columns([col], 13 * PITCH, PITCH, 2, hole=50.0)  # 4 spare
    assert filled[-1].pitch == pytest.approx(7 * PITCH)  # grown by its whole bound
    assert filled[2].space_before == pytest.approx(PITCH)  # then the break before the head


def _entries(*tall: int) -> list[flow.FlowLine]:
    """A list of entries `tall` lines each (an award wrapped over its lines)."""
    return [fl for n in tall for fl in flow.kept_together(_paragraph(n))]


def _counts(cols) -> list[int]:
    return [sum(fl.paragraph_start and not fl.joined for fl in col) for col in cols]


@pytest.mark.parametrize("tall,columns,counts", [
    ((1,) * 6, 3, [2, 2, 2]), ((1, 1, 1, 1, 1, 2), 3, [2, 2, 2]), ((1,) * 5, 3, [2, 2, 1]),
    ((1,) * 7, 2, [4, 3]), ((1,) * 4, 3, [2, 1, 1]), ((2, 1, 1, 1, 1, 1), 2, [3, 3]),
    ((1, 1), 3, [1, 1, 0])])
def test_a_list_is_shared_over_its_columns_by_whole_entries_as_evenly_as_they_allow(
        tall, columns, counts):
    """An honour roll's awards: never a wrapped award parted, the tallest column as short
    as it can be, then as few entries in the fullest as can be (six awards, one of them
    wrapped, in three columns: two each, not 3/2/1), the earlier columns the fuller."""
    lines = _entries(*tall)
    cols = flow.entry_columns(lines, columns)
    assert [fl for col in cols for fl in col] == lines
    assert _counts(cols) == counts
    assert all(not col or not col[0].joined for col in cols)


def test_a_group_parts_only_with_two_of_its_entries_on_each_side():
    """An award heading its items (a unit's awards under its name): three items are never
    parted from it; of seven, the columns may break inside the group, but the heading
    keeps two items under it and two go on — never a heading alone at a column foot."""
    def roll(items: int) -> list[flow.FlowLine]:
        return flow.group(_paragraph(1), [_paragraph(1) for _ in range(items)])

    short = _entries(1, 1, 1) + roll(3)
    cols = flow.entry_columns(short, 2)
    assert [len(c) for c in cols] == [3, 4]  # the group whole, though 4/3 would be even
    long = roll(7) + _entries(1)
    cols = flow.entry_columns(long, 2)
    assert [len(c) for c in cols] == [4, 5] or [len(c) for c in cols] == [5, 4]
    for k in range(1, 8):  # no break leaves fewer than two items either side
        joined = long[k].joined
        assert joined == (k in (1, 2, 7)), k


# -- the make-up meter on page models ----------------------------------------------------------

TEXT = Colour("text", (0, 0, 0, 1), (0, 0, 0))
AREA = Box(0, 0, 400, 400)
GRID = makeup.BaselineGrid(400, 20, 15, "song", 12, 60, AREA)


def _column_of_lines(x: float, top: float, lines: int) -> list[TextRun]:
    return [TextRun("字" * 8, tuple(x + 12 * k for k in range(8)), top - 15 - 20 * k,
                    _style(), "song.0", TEXT) for k in range(lines)]


def _style():
    return Style("song", 12.0, "text")


def _page(items, elements=()) -> Page:
    return Page("t", AREA, AREA, AREA, tuple(items), elements=tuple(elements))


def test_a_full_page_has_no_holes():
    items = [run for x in range(0, 400, 100) for run in _column_of_lines(x, 400, 20)]
    items = [TextRun(r.chars * 2, tuple(r.xs[0] + 12 * k for k in range(16)), r.y, r.style,
                     r.face, r.colour) for r in items]
    report = makeup.survey(_page(items), GRID)
    assert not report.of("hole") and not report.of("off-grid")


def test_an_empty_column_foot_is_a_hole_and_a_short_column():
    left = _column_of_lines(0, 400, 20)
    right = _column_of_lines(200, 400, 8)
    element = Element("section s (columns 1-2)", Box(0, 0, 400, 400), 0, 28)
    filler = [TextRun("字" * 16, tuple(100 + 12 * k for k in range(8)), 385 - 20 * k, _style(),
                      "song.0", TEXT) for k in range(20)]
    page = _page(left + right + filler, [element])
    report = makeup.survey(page, GRID)
    holes = report.of("hole")
    assert holes and holes[0].element.startswith("section s")
    assert holes[0].box.height >= 3 * GRID.pitch
    assert report.of("short-column")


def test_a_column_beside_a_divider_is_short_where_its_text_ends():
    """A rule between text columns runs the module's height: the column beside it still
    ends where its last line does (it was taken for the column's foot)."""
    left = _column_of_lines(0, 400, 20)
    right = _column_of_lines(200, 400, 17)
    divider = Rule(98 + 96, 400, 98 + 96, 0, TEXT, 1.0)
    element = Element("section s (columns 1-2)", Box(0, 0, 400, 400), 0, 38)
    page = _page(left + right + [divider], [element])
    (short,) = makeup.survey(page, GRID).of("short-column")
    assert short.box.x == pytest.approx(200) and "3.2 lines" in short.detail


def test_a_blank_line_opened_in_a_list_weighs_less_than_a_short_column_and_more_than_none():
    """The page's spare goes first to what grows, a list opens only for what nothing else
    takes: the solver weighs a blank line opened between two body lines of a column at
    half a line left empty at its foot."""
    element = Element("section s (columns 1)", Box(0, 0, 100, 400), 0, 20)
    full = _column_of_lines(0, 400, 20)
    opened = full[:10] + [TextRun(r.chars, r.xs, r.y - 20, r.style, r.face, r.colour)
                          for r in full[10:19]]
    short = full[:19]
    weigh = [makeup.emptiness(_page(col, [replace(element, end=len(col))]), GRID)
             for col in (full, opened, short)]
    assert weigh[0] == 0 and 0 < weigh[1] < weigh[2]
    assert weigh[1] == pytest.approx(makeup.OPENED_COST * 96 / 60)  # 8 characters wide


def test_a_blank_line_opened_weighs_the_column_a_short_column_is_measured_by():
    """A list whose every line starts with a bullet set in another face: a blank line opened
    in it weighs the whole column, bullet and all — the column that, a line short, is
    reported as wide (it was measured from the body face's runs alone, a bullet narrower)."""
    def entry(y: float) -> list[TextRun]:
        bullet = TextRun("●", (0.0,), y, Style("hei", 12.0, "text"), "hei.0", TEXT)
        return [bullet, TextRun("字" * 8, tuple(12.0 + 12 * k for k in range(8)), y, _style(),
                                "song.0", TEXT)]

    slots = [400 - 15 - 20 * k for k in range(20)]
    opened = [r for y in slots[:10] + slots[11:] for r in entry(y)]  # slot 10 left blank
    short = [r for y in slots[:19] for r in entry(y)]  # the last slot left empty
    element = Element("section s (columns 1)", Box(0, 0, 108, 400), 0, len(opened))
    weight = makeup.emptiness(_page(opened, [element]), GRID)
    (finding,) = makeup.survey(_page(short, [replace(element, end=len(short))]), GRID).of(
        "short-column")
    assert finding.box.width == pytest.approx(108)
    assert weight == pytest.approx(makeup.OPENED_COST * finding.box.width / GRID.column)


def test_a_tint_is_background_and_the_band_beside_a_tab_is_kept_clear():
    tint = Rect(Box(0, 0, 400, 400), fill=Colour("cream", (0, .04, .12, 0), (1, 1, 1)))
    empty = _page([tint])
    assert makeup.survey(empty, GRID).of("hole")
    clear = _page([tint], [Element("band", AREA, 0, 1, reserved=(AREA,))])
    assert not makeup.survey(clear, GRID).of("hole")


def test_a_body_line_off_the_grid_is_named():
    runs = _column_of_lines(0, 400, 5)
    runs[3] = TextRun(runs[3].chars, runs[3].xs, runs[3].y - 4, runs[3].style, runs[3].face,
                      runs[3].colour)
    page = _page(runs, [Element("text lead (columns 1-8)", AREA, 0, 5)])
    (finding,) = makeup.survey(page, GRID).of("off-grid")
    assert finding.element == "text lead (columns 1-8)" and "4.0 pt" in finding.detail
    assert not makeup.survey(page, GRID, on_grid=False).of("off-grid")


def test_the_layout_stage_dump_carries_the_make_up(default_build):
    from spread.dump import page_dump

    assert "make-up" in page_dump(default_build.page, default_build.notes)


# -- widows and orphans: no paragraph's last line alone at a column's top, nor its first alone
# at a column's foot, where a line can move -------------------------------------------------

def _widowed(cols) -> list[str]:
    """The column breaks that leave a paragraph's last line at the next column's top or its
    first line at the column's foot, as the flow lines say."""
    out = []
    for before, after in zip(cols, cols[1:]):
        if before and after and after[0].line.final and not after[0].paragraph_start:
            out.append("widow")
        if before and after and before[-1].paragraph_start and not before[-1].line.final:
            out.append("orphan")
    return out


def test_balanced_columns_move_a_line_rather_than_leave_a_widow_or_an_orphan():
    """Five lines and two in two columns four lines tall: cut at the height, the fifth line
    stands alone at the second column's top; three and four: the second paragraph's first
    line alone at the first column's foot. Each moves, and every line is set in order."""
    for lines in (_paragraph(5) + _paragraph(2), _paragraph(3) + _paragraph(4)):
        naive, _ = flow._split(lines, 2, 4 * PITCH, False)
        assert _widowed(naive)  # the cut at the height strands a line
        cols, rest = flow.split_columns(lines, 2, None)
        assert not rest and [fl for col in cols for fl in col] == lines
        assert not _widowed(cols) and flow.text_height(cols) == pytest.approx(4 * PITCH)


def test_the_filler_moves_a_line_where_a_widow_would_fill_the_columns(monkeypatch):
    """Filled to a frame four lines tall, five lines and two fill both columns best with the
    fifth line at the second's top (space opens before the second paragraph); the filler
    sends a line on instead, leaving one line unfilled at the first column's foot."""
    lines = _paragraph(5) + _paragraph(2)
    cols = flow.filled_columns(lines, 2, 4 * PITCH, PITCH, 2, hole=50.0, paragraphs=True)
    assert [len(c) for c in cols] == [3, 4] and not _widowed(cols)
    monkeypatch.setattr(flow, "WIDOW_STEPS", 0)  # weighed as nothing: the widow comes back
    cols = flow.filled_columns(lines, 2, 4 * PITCH, PITCH, 2, hole=50.0, paragraphs=True)
    assert _widowed(cols) == ["widow"]


@pytest.mark.parametrize("sizes, columns, height, short", [
    ((4, 2, 2), 3, 3, 1), ((2, 2, 2, 3, 1), 3, 5, 2), ((2, 2, 2, 4), 3, 6, 3)])
def test_a_two_line_item_is_not_parted_where_a_way_keeps_it_whole(sizes, columns, height,
                                                                   short):
    """A list item of two lines with one line at a column's foot and the other at the next
    column's top reads as two items cut apart; the filler weighed it as one widow and took
    it over a way as even with a widow alone ((4, 2, 2) in three columns three lines tall:
    2 | 3 | 3 parting the first item, where 3 | 3 | 2 leaves the paragraph's last line
    alone). Where a way keeps every two-line item whole and leaves no column shorter than
    the balance allows (`short` lines), it is taken."""
    lines = [fl for size in sizes for fl in _paragraph(size)]
    cols = flow.filled_columns(lines, columns, height * PITCH, PITCH, 0, hole=50.0)
    assert [fl for col in cols for fl in col] == lines
    parted = [a[-1].paragraph_start and b[0].line.final for a, b in zip(cols, cols[1:])
              if not a[-1].line.final]
    assert not any(parted), [len(c) for c in cols]
    assert all(height - len(col) <= short for col in cols)


def test_a_widow_no_cut_avoids_is_set_and_named():
    """One paragraph of three lines in two columns two lines tall: every cut leaves a line
    alone. No text is lost for it: the columns hold all three, and flow.widows names the
    break for the make-up report."""
    lines = _paragraph(3)
    cols, rest = flow.split_columns(lines, 2, 2 * PITCH)
    assert not rest and sum(len(c) for c in cols) == 3
    filled = flow.filled_columns(lines, 2, 2 * PITCH, PITCH, 2, hole=50.0)
    assert sum(len(c) for c in filled) == 3
    assert [kind for _, kind, _ in flow.widows(cols)] == _widowed(cols) != []


def _texts(node) -> list[str]:
    """Every text of a content file, its white space taken out."""
    if isinstance(node, str):
        return [re.sub(r"\s", "", node)]
    values = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    return [t for v in values for t in _texts(v) if t]


def _column_ends(result, size: float) -> list[tuple[str, str]]:
    """Each text column's first and last line of body type, read back from the print PDF,
    in every module of running text (a line of a heading, set in another face, is none)."""
    chars = pdf_chars(result.outputs["print.pdf"], size)
    ends = []
    for e in result.page.elements:
        if not e.name.startswith(("section", "story", "text")):
            continue
        inside = [(c, body, box) for c, body, box in chars if e.frame.x <= (box[0] + box[2]) / 2
                  <= e.frame.right and e.frame.y <= box[1] <= e.frame.top]
        lefts = _column_lefts([(body, box) for _, body, box in inside], size)
        for left in lefts:
            column = [(c, body, box) for c, body, box in inside if _in_column(box, left, lefts)]

            def line(y: float) -> str:
                on = sorted((box[0], c, body) for c, body, box in column
                            if abs(box[1] - y) < 0.3)
                return "".join(c for _, c, _ in on) if any(b for *_, b in on) else ""

            baselines = sorted({round(box[1], 1) for _, body, box in column if body})
            if len(baselines) > 1:
                ends.append((line(baselines[-1]), line(baselines[0])))
    return ends


def _strays(result, content, size: float) -> list[tuple[str, str]]:
    """The widows and orphans a built page shows: a column whose first line is the end of
    a longer paragraph of the content, or whose last is the start of one."""
    texts = _texts(yaml.safe_load(content.read_text(encoding="utf-8")))
    found = []
    for top, foot in _column_ends(result, size):
        top, foot = top.lstrip("●"), foot.lstrip("●")
        if top and any(t.endswith(top) and not t.startswith(top) for t in texts):
            found.append(("widow", top))
        if foot and any(t.startswith(foot) and not t.endswith(foot) for t in texts):
            found.append(("orphan", foot))
    return found


def test_the_spread_moves_a_line_rather_than_leave_a_paragraphs_last_line_alone(spread_build):
    """The tabloid spread read back: 关心关爱's intro no longer leaves «温暖。» alone at its
    second column's top, a line is taken from the first (which ends a line short, as the
    balance allows); what the frames' balance cannot move is named (the next test)."""
    result, layout = spread_build
    size = body_of(layout)[0]
    # the reader reads the columns: each section's intro opens its first column
    assert sum(top.startswith("五年来") for top, _ in _column_ends(result, size)) >= 4
    assert ("widow", "温暖。") not in _strays(result, CONTENT, size)


@pytest.mark.parametrize("name", ["default", "spread", "commemorative"])
def test_every_widow_a_page_keeps_is_in_the_make_up_report(request, name):
    """Where no cut could move a line (the frame full to its foot), the widow or orphan the
    page read back shows is named in the make-up report, with its text. (The news page's
    stories stand in stacks, whose stories the page model does not frame one by one.)"""
    result, layout = _built_page(request, name)
    content = ROOT / "layout" / name / "content.yaml" if name in STARTERS else CONTENT
    notes = [n for n in result.notes if n.startswith(("make-up: widow", "make-up: orphan"))]
    for kind, text in _strays(result, content, body_of(layout)[0]):
        assert any(n.startswith(f"make-up: {kind}") and text[:6] in n for n in notes), (
            kind, text, notes)


def test_a_hole_is_measured_in_columns_with_their_gutters():
    """The report's «columns» count the gutters a hole spans: two basic columns of 60 pt
    with a 20-pt gutter between them are 140 pt, «2.0 columns» (it said 2.3, the width over
    one column's, so a half page of six news columns read as 7.7)."""
    grid = replace(GRID, gutter=20.0)
    left = _column_of_lines(0, 400, 20)
    element = Element("section s (columns 1-2)", Box(0, 0, 400, 400), 0, 20)
    filler = [TextRun("字" * 16, tuple(260 + 12 * k for k in range(12)), 385 - 20 * k,
                      _style(), "song.0", TEXT) for k in range(20)]
    page = _page(left + filler, [element])
    holes = makeup.survey(page, grid).of("hole")
    assert holes, holes
    hole = max(holes, key=lambda h: h.box.width)
    assert f"empty {(hole.box.width + 20) / 80:.1f} columns" in hole.detail
    assert grid.columns(140.0) == pytest.approx(2.0)
    assert grid.columns(6 * 60 + 5 * 20) == pytest.approx(6.0)
