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


@pytest.mark.parametrize("stories, lead", [(2, 100), (2, 500), (4, 500), (5, 1300),
                                           (6, 100), (7, 900)])
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
