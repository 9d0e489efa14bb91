"""The news page holds a normal day's copy (issue 16): three stories of 450 characters with a
photo each, and six stories of 300 characters without photos, build on the `news` layout with
no layout edit (exit 0) and every story's head and body read back from the print PDF. The
copy is benchmarks/news_capacity.py's, so the test and the capacity table measure one page."""

from __future__ import annotations

import importlib.util
import itertools
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from spread import validate

NEWS = ROOT / "layout" / "news"


def capacity_module():
    spec = importlib.util.spec_from_file_location("news_capacity",
                                                  ROOT / "benchmarks" / "news_capacity.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def page_text(pdf: Path) -> str:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[0]
        return re.sub(r"\s+", "", page.get_textpage().get_text_range())
    finally:
        doc.close()


@pytest.mark.parametrize("stories, chars, photos", [(3, 450, True), (6, 300, False)])
def test_a_days_copy_sets_on_the_news_page(tmp_path, stories, chars, photos):
    bench = capacity_module()
    shutil.copytree(NEWS / "photos", tmp_path / "photos")
    content = tmp_path / "content.yaml"
    lengths = [chars] * stories
    content.write_text(bench.content(lengths, photos), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "spread", "build", str(content), "--layout",
                           "news", "-o", str(tmp_path / "out")], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    text = page_text(tmp_path / "out" / "content.print.pdf")
    for k in range(stories):
        assert f"第{k + 1}条新闻的标题" in text
        for paragraph in bench.body(chars, k):
            # a paragraph's text in order, whatever lines and columns it was broken into
            assert re.sub(r"\s+", "", paragraph) in text, (k, paragraph[:20])


CHARS_MORE = (700, 1000)  # what our own two short stories gain to make a full page


def test_a_newcomers_own_story_and_photo_fill_the_news_page(tmp_path):
    """Issue 16's done-when for the news template, read back: `spread init --template news`
    in an empty folder, the starter replaced by a story of one's own (tests/data/templates)
    with a photo drawn here, `spread build mypage/content.yaml` from the folder above →
    exit 0, every paragraph on the page, the photo drawn, and no empty third: both halves
    of the page carry text into its lowest third."""
    from PIL import Image, ImageDraw

    def spread(*args):
        return subprocess.run([sys.executable, "-m", "spread", *map(str, args)], cwd=tmp_path,
                              capture_output=True, text=True)

    assert spread("init", "--template", "news", "mypage").returncode == 0
    story = yaml.safe_load((ROOT / "tests" / "data" / "templates" / "news.yaml")
                           .read_text(encoding="utf-8"))
    for k, sec in enumerate(story["sections"]):  # a full page: about 1 000 and 1 300 characters
        sec["body"] += capacity_module().body(CHARS_MORE[k], k)
    (tmp_path / "mypage" / "content.yaml").write_text(
        yaml.safe_dump(story, allow_unicode=True, sort_keys=False), encoding="utf-8")
    image = Image.new("RGB", (1500, 1000), (120, 160, 210))
    ImageDraw.Draw(image).rectangle([200, 500, 1300, 1000], fill=(70, 110, 60))
    image.save(tmp_path / "mypage" / "photos" / "greenway.jpg", quality=85)
    done = spread("build", "mypage/content.yaml", "--rendition", "print")
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "mypage" / "out" / "content.print.pdf"
    text = page_text(pdf)
    paragraphs = story["lead"] + [p for sec in story["sections"] for p in sec["body"]]
    for piece in [story["headline"], *paragraphs, *(s["title"] for s in story["sections"])]:
        assert re.sub(r"\s+", "", piece) in text, piece[:20]
    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[0]
        images = [o for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
        assert len(images) == 1  # the lead photo, drawn
        left, bottom, right, top = page.get_trimbox()
        chars = page.get_textpage()
        boxes = [chars.get_charbox(i) for i in range(chars.count_chars())
                 if chars.get_text_range(i, 1).strip()]
    finally:
        doc.close()
    middle, third = (left + right) / 2, bottom + (top - bottom) / 3
    for half in ((left, middle), (middle, right)):
        lowest = min(box[1] for box in boxes if half[0] <= box[0] < half[1])
        assert lowest < third, (half, lowest, third)  # text down into the lowest third


def test_the_heads_of_stories_never_stand_level_side_by_side(tmp_path):
    """No tombstones: on the starter page and on pages of two to six stories, no two
    story heads in different halves of the page stand within two body lines of each
    other's height."""
    bench = capacity_module()
    shutil.copytree(NEWS / "photos", tmp_path / "photos")
    starter = (NEWS / "content.yaml").read_text(encoding="utf-8")
    titles_of = {"starter": [s["title"] for s in yaml.safe_load(starter)["sections"]]}
    pages = {"starter": starter}
    for n, chars in ((2, 700), (4, 300), (6, 150)):
        pages[n] = bench.content([chars] * n, photos=n < 6)
        titles_of[n] = [f"第{k + 1}条新闻的标题" for k in range(n)]
    for name, text in pages.items():
        content = tmp_path / f"{name}.yaml"
        content.write_text(text, encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "spread", "build", str(content),
                               "--layout", "news", "-o", str(tmp_path / f"out-{name}"),
                               "--rendition", "print"], capture_output=True, text=True)
        assert done.returncode == 0, (name, done.stderr)
        doc = pdfium.PdfDocument(str(tmp_path / f"out-{name}" / f"{name}.print.pdf"))
        try:
            page = doc[0]
            chars = page.get_textpage()
            middle = sum(page.get_trimbox()[::2]) / 2
            heads = []
            for title in titles_of[name]:
                index, _ = chars.search(title).get_next()
                box = chars.get_charbox(index)
                heads.append((box[0] < middle, box[1]))
        finally:
            doc.close()
        pitch = 9 * 1.6  # a body line, 小五 at 1.6
        for (side, y), (other, y2) in itertools.combinations(heads, 2):
            assert side == other or abs(y - y2) > 2 * pitch, (name, heads)


# -- heads staggered by the solver (layout.stagger) -------------------------------------------

def _clear(heads, avoid, shares, need, step):
    """Whether every head, moved by the white given to the regions above it, stands `need`
    from every depth in `avoid`."""
    moved = [[d + sum(shares[:k]) * step for d in hs] for k, hs in enumerate(heads)]
    return all(abs(d - a) >= need for hs in moved for d in hs for a in avoid)


@given(st.lists(st.integers(1, 12), min_size=2, max_size=4),
       st.lists(st.integers(0, 2), min_size=4, max_size=4),
       st.lists(st.integers(0, 40), min_size=1, max_size=4))
def test_a_stack_s_white_is_shared_so_its_heads_stand_clear_when_any_share_does(
        lines, given_, avoid_lines):
    """staggered: the white a stack's regions take is moved (never made or lost) so that
    its heads stand clear of the heads beside them whenever some share of it does; a share
    that is clear already is kept as it is."""
    from spread.layout.stagger import staggered

    step, need = 14.4, 3 * 14.4 - 0.01
    given_ = given_[:len(lines)]
    tops = list(itertools.accumulate([0] + lines[:-1]))  # each story's head, in lines
    heads = [[t * step] for t in tops]
    avoid = tuple(a * step for a in avoid_lines)
    total = sum(given_)
    shares = staggered(heads, given_, [1.0] * len(lines), [None] * len(lines), avoid, need,
                       step)
    assert sum(shares) == total and min(shares) >= 0
    if _clear(heads, avoid, given_, need, step):
        assert shares == given_
    feasible = any(_clear(heads, avoid, list(s), need, step)
                   for s in itertools.product(range(total + 1), repeat=len(lines))
                   if sum(s) == total)
    assert _clear(heads, avoid, shares, need, step) == feasible


def _sweep_page(folder: Path, lead: int, stories: int) -> str:
    """The capacity benchmark's page of `stories` stories (a photo each up to three), its
    lead story `lead` characters long, the stories sharing what the page then holds."""
    bench = capacity_module()
    each = max(60, (2300 - lead) // stories - 120)
    text = bench.content([each] * stories, photos=stories <= 3)
    head, rest = text.split("lead:\n", 1)
    lead_paragraphs = "".join(f"  - {p}\n" for p in bench.body(lead, 9))
    return head + "lead:\n" + lead_paragraphs + rest[rest.index("\npictures:"):]


@pytest.mark.parametrize("stories, lead", [(2, 100), (2, 500), (3, 1300), (4, 500),
                                           (4, 700), (5, 1300), (6, 100), (6, 700),
                                           (7, 900)])
def test_heads_in_the_two_halves_stand_three_lines_apart_whatever_the_lead_s_length(
        tmp_path, stories, lead):
    """The halves row's stagger (3 body lines), honoured for leads of 100 to 1 300
    characters and two to seven stories (the whole sweep, 1–7 stories and leads of 100 to
    3 000 characters: benchmarks/news_capacity.py --stagger): no story head stands within
    three body lines of the height of a head in the other half."""
    shutil.copytree(NEWS / "photos", tmp_path / "photos")
    content = tmp_path / "content.yaml"
    content.write_text(_sweep_page(tmp_path, lead, stories), encoding="utf-8")
    laid = validate.set_page(str(content), str(ROOT / "layout" / "news.yaml"))
    assert not laid.problems, laid.problems[0].error.message
    heads = capacity_module().story_heads(laid.page, stories)
    pitch = 9 * 1.6
    # the heads' tops stand three lines apart; their first lines' tops of type differ by
    # less than 2 pt more for heads of different sizes (小二, 三号, 四号)
    for (side, y), (other, y2) in itertools.combinations(heads, 2):
        assert side == other or abs(y - y2) > 3 * pitch - 2, (stories, lead, heads)


@pytest.mark.parametrize("last, across", [(80, False), (360, False), (420, True),
                                          (900, True)])
def test_an_odd_last_story_runs_across_the_foot_only_when_it_fills_a_strip(tmp_path, last,
                                                                           across):
    """Once three stories put the third across the page's foot whatever its length: a brief
    of one paragraph stood in the first of four columns, three empty under their rules. A
    last story of 400 characters or more runs across the foot (底条); a shorter one is set
    in the halves with the others, as for an even number."""
    from spread import content as content_mod
    from spread import repeat, template

    bench = capacity_module()
    text = bench.content([600, 500, last], False)
    layout = repeat.expand(template.load(str(ROOT / "layout" / "news.yaml")),
                           content_mod.load(str(tmp_path / "content.yaml"), text))
    placed = {r.content: r.columns for row in layout.rows for top in row.regions
              for r in top.walk() if r.kind == "story" and r.content}
    assert sorted(placed) == ["sections[0]", "sections[1]", "sections[2]"]
    assert (placed["sections[2]"] == "1-12") == across, placed
    assert any(row.name.startswith("foot") for row in layout.rows) == across


def _light_page(tmp_path: Path, lengths: list[int]) -> Path:
    """The capacity benchmark's page with stories of these lengths, the starter's lead."""
    shutil.copytree(NEWS / "photos", tmp_path / "photos", dirs_exist_ok=True)
    content = tmp_path / "content.yaml"
    content.write_text(capacity_module().content(lengths, False), encoding="utf-8")
    return content


def _lead_photo(laid):
    from spread.page import Image

    return next(i for i in laid.page.items if isinstance(i, Image))


@pytest.mark.parametrize("lengths", [[1000, 260, 60], [500, 300], [700, 400, 150]])
def test_a_page_short_of_copy_sets_its_lead_photo_across_the_page(tmp_path, lengths):
    """Once a short day's copy left white under every story of the halves (a third of the
    page): the layout's other make-up for it (variant: wide) sets the lead photo across the
    page above the halves, and the page is set both ways and the fuller kept — fewer holes
    than the halves leave, every story on the page."""
    from spread import content as content_mod
    from spread import repeat, template

    content = _light_page(tmp_path, lengths)
    news = ROOT / "layout" / "news.yaml"
    laid = validate.set_page(str(content), str(news))
    assert not laid.problems, laid.problems[0].error.message
    photo = _lead_photo(laid)
    geo_width = laid.page.trim.width - 30 * 72 / 25.4  # the type area: 15 mm margins
    assert photo.clip.width > 0.99 * geo_width  # across the page
    # the halves' make-up, set on its own, leaves more of the page empty
    read = content_mod.load(str(content))
    halves = repeat.expand(template.load(str(news)), read, "halves")
    assert [row.name for row in halves.rows if row.name.startswith("lead-wide")] == []
    from spread.validate import load_fonts
    from spread.layout import set_page as lay_out
    other = lay_out(read, halves, load_fonts(halves, str(news)))
    assert laid.makeup.hole_area < other.makeup.hole_area
    text = "".join(r.chars for r in laid.page.items if type(r).__name__ == "TextRun")
    for k in range(len(lengths)):
        assert f"第{k + 1}条新闻的标题" in text


def test_a_full_page_keeps_the_halves(tmp_path):
    """Three stories as long as the page holds set only in the halves: the lead photo
    half the page wide, beside the lead's text."""
    content = _light_page(tmp_path, [860] * 3)
    laid = validate.set_page(str(content), str(ROOT / "layout" / "news.yaml"))
    assert not laid.problems, laid.problems[0].error.message
    assert _lead_photo(laid).clip.width < 0.6 * laid.page.trim.width


def _picture_story(tmp_path: Path, body: list[str], which: int = 1) -> Path:
    """The starter page with one of its stories (the second) made a picture story (图片新闻):
    its photo and `body` under the kicker 图片新闻."""
    shutil.copytree(NEWS / "photos", tmp_path / "photos", dirs_exist_ok=True)
    content = yaml.safe_load((NEWS / "content.yaml").read_text(encoding="utf-8"))
    story = content["sections"][which]
    story.update(kicker="图片新闻", body=body)
    for key in ("subhead", "byline", "dateline"):
        story.pop(key, None)
    path = tmp_path / "content.yaml"
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def _photo_of(laid, name: str):
    from spread.page import Image

    return next(i for i in laid.page.items if isinstance(i, Image) and i.path.endswith(name))


@pytest.mark.parametrize("body", [
    ["二楼阅览区在工作日延长开放至21:30，自习区座无虚席。"],
    ["新馆开放后，一楼和二楼阅览区在工作日延长开放至21:30，方便上班族下班后借阅。延时期间，"
     "自助借还机、电子阅览室和自习区照常使用，馆内咖啡角也营业到晚上九点。"]])
def test_a_picture_story_sets_its_photo_across_its_columns(tmp_path, body):
    """A 图片新闻 — a photo and a paragraph — set its photo one text column wide in its
    flow, the paragraph in the next column, and white stood beside the photo under the
    short text (a hole of 3.8 columns × 13 lines on a newcomer's 要闻 page). Where the text
    is shorter than the photo in the columns beside it, the photo spans the story's columns
    with the text under it (photo_place: auto): nothing stands beside it."""
    laid = validate.set_page(str(_picture_story(tmp_path, body)),
                             str(ROOT / "layout" / "news.yaml"))
    assert not laid.problems, laid.problems[0].error.message
    photo = _photo_of(laid, "reading.jpg")
    column = _photo_of(laid, "repair.jpg").clip.width  # a long story's: one text column
    assert photo.clip.width > 1.9 * column, (photo.clip.width, column)
    beside = [h for h in laid.makeup.of("hole")
              if h.box.y < photo.clip.top and h.box.top > photo.clip.y
              and h.box.x < photo.clip.right + column and h.box.right > photo.clip.x]
    assert not beside, beside


def test_a_picture_story_s_photo_opens_only_as_far_as_it_prints_sharp(tmp_path):
    """The first story made a picture story on a page short of copy: its photo (1000 × 750
    pixels) spans the half page and opens to fill it — only as far as it still prints at
    the layout's 170 ppi (opened to its `grow: 2` it fell to 144 ppi, which print refuses,
    so the rule had set it a column wide again, white beside it)."""
    from spread.page import Image

    laid = validate.set_page(str(_picture_story(tmp_path, ["在新馆三楼的古籍修复室，隔着一面"
                                                           "玻璃墙，读者第一次能看到修复师工作的样子。"],
                                                which=0)), str(ROOT / "layout" / "news.yaml"))
    assert not laid.problems, laid.problems[0].error.message
    photo = _photo_of(laid, "repair.jpg")
    assert photo.clip.width > 0.4 * laid.page.trim.width  # across the half page
    assert all(i.sharp for i in laid.page.items if isinstance(i, Image))


def test_a_story_longer_than_its_photo_keeps_it_one_column_wide(tmp_path):
    """The starter page's stories run beside their photos: each stays a text column wide
    (the picture-story rule leaves them alone) and no hole stands beside one."""
    laid = validate.set_page(str(NEWS / "content.yaml"), str(ROOT / "layout" / "news.yaml"))
    widths = {name: _photo_of(laid, name).clip.width for name in ("repair.jpg", "reading.jpg")}
    assert widths["repair.jpg"] == pytest.approx(widths["reading.jpg"], abs=0.5)
    assert widths["repair.jpg"] < 0.3 * laid.page.trim.width


def test_white_no_story_fills_goes_to_the_foot_not_between_stories(tmp_path):
    """A news page short of copy (the starter with no photos: a quarter of it empty) shared
    each half's spare evenly among its stories, which open no blank lines and have no photo
    to open: three holes of six lines, one above each head of the right half. The white no
    story fills goes to the stack's foot — stories close up, one white at the foot for the
    build's warning to name — unless the heads need it to stand apart; every story and its
    text stay."""
    from spread.page import TextRun

    content = yaml.safe_load((NEWS / "content.yaml").read_text(encoding="utf-8"))
    content.pop("pictures")
    for story in content["sections"]:
        story.pop("pictures", None)
    path = tmp_path / "content.yaml"
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    laid = validate.set_page(str(path), str(ROOT / "layout" / "news.yaml"))
    assert not laid.problems, laid.problems[0].error.message
    body = [r for r in laid.page.items if isinstance(r, TextRun) and r.style.size == 9.0]
    holes = laid.makeup.of("hole")
    assert holes  # the page is short: its white is said
    between = [h for h in holes if h.box.height >= 5 * 14.4
               and any(h.box.x <= r.xs[0] <= h.box.right and r.y < h.box.y for r in body)]
    assert not between, between
    assert not laid.makeup.of("off-grid")
    text = "".join(r.chars for r in laid.page.items if isinstance(r, TextRun))
    for story in content["sections"]:
        assert story["title"].replace(" ", "") in text.replace(" ", "")
