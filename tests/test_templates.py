"""spread's templates as a newcomer meets them: from the installed wheel (built once per
session, conftest), `spread init --template NAME mypage` in an empty folder, the starter text
replaced with a story of one's own and photos drawn here, `spread build mypage/content.yaml`
from the folder above → exit 0, every rendition written, the story read back from the PDF —
with no layout edit: the news page, the 画说 photo page with six photos and the commemorative
page with three sections. Each template's starter edition builds as it is written, too."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pypdfium2
import pytest
import yaml
from PIL import Image, ImageDraw

from conftest import ROOT, run

pytestmark = pytest.mark.wheel  # shares the session's one wheel with test_packaging

OUTPUTS = ("print.pdf", "proof.pdf", "proof.png", "archive.pdf")
OWN = ROOT / "tests" / "data" / "templates"  # our own stories, one for each template


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> tuple[Path, dict]:
    """An empty folder to work in and an environment with one font cache for the module."""
    cache = tmp_path_factory.mktemp("cache")
    return tmp_path_factory.mktemp("desk"), {**os.environ, "SPREAD_CACHE": str(cache)}


def photo(path: Path, seed: int, size=(1500, 1000)) -> str:
    """A drawn photo: sky, a street of houses, a few people; returns its name for content."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    w, h = size
    horizon = h * 3 // 5
    for y in range(h):
        t = y / h
        sky = (90 + 60 * t + 10 * seed % 40, 140 + 40 * t, 210 - 30 * t)
        draw.line([(0, y), (w, y)], fill=tuple(int(c) for c in sky) if y < horizon
                  else (70 + seed * 9 % 60, 90, 70))
    for i in range(9):
        x = (i * 173 + seed * 61) % (w - 120)
        top = horizon - 120 - (i * 97 + seed * 13) % 260
        draw.rectangle([x, top, x + 140, horizon], fill=(120 + i * 11 % 80, 90, 100))
    for i in range(6):
        x, y = (i * 251 + seed * 37) % (w - 40), horizon + 60 + i * 41 % 200
        draw.ellipse([x, y - 60, x + 30, y - 30], fill=(230, 190, 160))
        draw.rectangle([x - 5, y - 30, x + 35, y + 40], fill=(40 * i % 255, 80, 160))
    image.save(path, quality=80)
    return path.relative_to(path.parent.parent).as_posix()


def start(installed: Path, desk: tuple[Path, dict], template: str, folder: str) -> Path:
    """`spread init --template TEMPLATE FOLDER` in the desk; the new edition's folder."""
    where, env = desk
    run(installed, "init", "--template", template, folder, cwd=where, env=env)
    assert (where / folder / "edition.yaml").read_text(encoding="utf-8").endswith(
        f"\nlayout: {template}\n")
    return where / folder


def build(installed: Path, desk: tuple[Path, dict], folder: str) -> str:
    """`spread build FOLDER/content.yaml` from the desk → every rendition written; the text
    of the archive PDF, without the spaces and line ends the page put in."""
    where, env = desk
    done = subprocess.run([str(installed), "build", f"{folder}/content.yaml"], cwd=where,
                          env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    out = where / folder / "out"
    for suffix in OUTPUTS:
        assert (out / f"content.{suffix}").stat().st_size > 0, suffix
    pdf = pypdfium2.PdfDocument(out / "content.archive.pdf")
    try:
        assert len(pdf) == 1
        return re.sub(r"\s", "", pdf[0].get_textpage().get_text_range())
    finally:
        pdf.close()


def read_back(text: str, *written: str) -> None:
    """Every written text is on the page, whole (line breaks and hyphens aside)."""
    for piece in written:
        assert re.sub(r"\s", "", piece) in text, piece


def replace_content(folder: Path, template: str) -> dict:
    """The starter text replaced with our own story; the story as data."""
    text = (OWN / f"{template}.yaml").read_text(encoding="utf-8")
    (folder / "content.yaml").write_text(text, encoding="utf-8")
    return yaml.safe_load(text)


def texts(*parts) -> list[str]:
    """The strings in content data (paragraphs, titles, captions), report items without their
    closing mark, which composition may hang in the margin."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part.rstrip("；。"))
        elif isinstance(part, list):
            out += texts(*part)
        elif isinstance(part, dict):
            out += texts(*(v for k, v in part.items() if k not in ("file", "from")))
    return out


# -- the three templates, each with a story of our own --------------------------------------

def test_a_news_page_of_ones_own_from_the_news_template(installed, desk):
    folder = start(installed, desk, "news", "mynews")
    story = replace_content(folder, "news")
    photo(folder / "photos" / "greenway.jpg", 1)
    text = build(installed, desk, "mynews")
    read_back(text, *texts(story))


def test_a_photo_page_of_six_photos_from_the_photo_template(installed, desk):
    folder = start(installed, desk, "photo", "myphotos")
    story = replace_content(folder, "photo")
    assert len(story["pictures"]) == 6
    for i, picture in enumerate(story["pictures"]):
        photo(folder / picture["file"], i + 2)
    text = build(installed, desk, "myphotos")
    read_back(text, *texts(story))


def test_a_commemorative_page_of_three_sections_from_its_template(installed, desk):
    folder = start(installed, desk, "commemorative", "mypage")
    story = replace_content(folder, "commemorative")
    assert len(story["sections"]) == 3
    text = build(installed, desk, "mypage")
    read_back(text, *texts({k: v for k, v in story.items() if k != "figures"}))


# -- the starter editions --------------------------------------------------------------------

@pytest.mark.parametrize("template", ["commemorative", "news", "photo"])
def test_each_templates_starter_edition_builds_as_written(installed, desk, template):
    folder = start(installed, desk, template, f"starter-{template}")
    starter = yaml.safe_load((folder / "content.yaml").read_text(encoding="utf-8"))
    assert starter["headline"] and starter["headline"] != "标题"  # real text, not a skeleton
    build(installed, desk, f"starter-{template}")


def test_init_lists_the_templates(installed, desk):
    where, env = desk
    listed = run(installed, "init", "--list", cwd=where, env=env).stdout
    for name in ("commemorative", "news", "photo", "default"):
        assert re.search(rf"^{name}\s", listed, re.M), listed


def test_the_photo_template_takes_four_and_eight_photos(installed, desk):
    """Four and eight photos of our own, each drawn in its frame with its caption."""
    story = yaml.safe_load((OWN / "photo.yaml").read_text(encoding="utf-8"))
    for count in (4, 8):
        folder = start(installed, desk, "photo", f"photos{count}")
        pictures = [dict(story["pictures"][i % 6], file=f"photos/mine{i}.jpg",
                         caption=f"第{i + 1}幅：" + story["pictures"][i % 6]["caption"])
                    for i in range(count)]
        own = {**story, "pictures": pictures}
        (folder / "content.yaml").write_text(yaml.safe_dump(own, allow_unicode=True),
                                             encoding="utf-8")
        for i, picture in enumerate(pictures):
            photo(folder / picture["file"], i + 3)
        text = build(installed, desk, f"photos{count}")
        read_back(text, *(p["caption"] for p in pictures))
        pdf = pypdfium2.PdfDocument(folder / "out" / "content.print.pdf")
        try:
            drawn = [obj.get_bounds() for obj in pdf[0].get_objects(max_depth=3)
                     if obj.type == pypdfium2.raw.FPDF_PAGEOBJ_IMAGE]
            width, height = pdf[0].get_size()
        finally:
            pdf.close()
        assert len(drawn) == count  # every photo drawn, none twice
        # each centred on the page (a covering picture reaches past its clipped frame),
        # none a sliver, and no two in one place
        for left, bottom, right, top in drawn:
            assert 0 < (left + right) / 2 < width and 0 < (bottom + top) / 2 < height
            assert right - left > width / 4 and top - bottom > height / 10
        assert len({(round(b[0]), round(b[1])) for b in drawn}) == count


# -- any amount of content: the commemorative page fills by its rules, says what it cannot --

STARTER = ROOT / "layout" / "commemorative" / "content.yaml"
COMMEMORATIVE = ROOT / "layout" / "commemorative.yaml"


def commemorative(tmp_path: Path, sections: list[dict], **more) -> str:
    """The starter edition with these sections (no figures or charts, which quote them)."""
    content = yaml.safe_load(STARTER.read_text(encoding="utf-8"))
    content = {k: v for k, v in content.items() if k not in ("figures", "charts")}
    path = tmp_path / "content.yaml"
    path.write_text(yaml.safe_dump({**content, "sections": sections, **more},
                                   allow_unicode=True), encoding="utf-8")
    return str(path)


def laid(content: str):
    from spread.validate import set_page
    return set_page(content, str(COMMEMORATIVE))


def test_a_page_of_one_short_section_is_refused_saying_what_to_add(tmp_path):
    """Once 82 % empty and exit 0: the banner, the lists and the roll grow within their
    bounds, and what they cannot fill stops the build, named, with what to add."""
    from spread.layout.slack import UnderfullError

    page = laid(commemorative(tmp_path, [{"title": "建功立业", "intro": "五年来，区总工会坚持"
                                          "围绕中心、服务大局，团结带领广大职工建功立业。"}]))
    (problem,) = page.problems
    assert isinstance(problem.error, UnderfullError) and problem.error.exit_code == 1
    assert re.search(r"the page is \d+% empty", problem.error.message)
    assert "refuses a page more than 25% empty" in problem.error.message
    assert re.search(r"^add text to sections\[0\].*about \d+ characters of body text",
                     problem.error.hint), problem.error.hint
    assert problem.error.where.file.endswith("content.yaml")


def test_a_page_a_little_short_of_text_builds_with_a_warning(tmp_path):
    starter = yaml.safe_load(STARTER.read_text(encoding="utf-8"))["sections"]
    sections = [dict(s, report={**s["report"], "items": s["report"]["items"][:3]})
                for s in starter]
    page = laid(commemorative(tmp_path, sections))
    assert not page.problems
    said = [w for w in page.warnings if w.startswith("the page is")]
    assert len(said) == 1 and "warns above 8%" in said[0] and "add text to" in said[0], said


def test_the_commemorative_starter_is_full(tmp_path):
    """No hole of a column by three lines in a text module or the honour roll, no warning:
    its first section's four text columns end level."""
    from spread.validate import set_page

    page = set_page(str(STARTER), str(COMMEMORATIVE))
    assert not page.problems and not page.warnings, page.warnings
    holes = [f for f in page.makeup.of("hole")
             if f.element.startswith(("section", "honour_roll"))]
    assert not holes, holes


def test_a_section_with_a_chart_and_no_text_sets_it_across_the_section(tmp_path):
    """Its text columns left all but one empty; the chart now spans the section."""
    starter = yaml.safe_load(STARTER.read_text(encoding="utf-8"))
    content = commemorative(tmp_path, [{"title": "一图看懂"}] + starter["sections"],
                            charts=starter["charts"])
    page = laid(content)
    assert not page.problems
    (element,) = [e for e in page.page.elements if e.name.startswith("section sections[0]")]
    bars = [i for i in page.page.items[element.start:element.end]
            if type(i).__name__ == "Rect" and i.fill is not None and i.fill.name == "red"
            and i.box.height < 20]
    assert len(bars) == 6
    longest = max(bar.box.right for bar in bars) - element.frame.x
    assert longest > 0.6 * element.frame.width, (longest, element.frame.width)


def test_the_photo_page_gives_a_panorama_a_row_of_its_own(tmp_path):
    """A 12:1 panorama among five photos: in a 16:9 frame it kept its middle seventh (or
    was letterboxed); the gallery sets it across the page in a row of its own, at least
    half of it shown, and says what its frame cuts."""
    from spread.validate import set_page

    story = yaml.safe_load((OWN / "photo.yaml").read_text(encoding="utf-8"))
    for i, picture in enumerate(story["pictures"]):
        photo(tmp_path / picture["file"], i, (2400, 200) if i == 2 else (1500, 1000))
    (tmp_path / "content.yaml").write_text(yaml.safe_dump(story, allow_unicode=True),
                                           encoding="utf-8")
    page = set_page(str(tmp_path / "content.yaml"), str(ROOT / "layout" / "photo.yaml"))
    assert not page.problems
    (element,) = [e for e in page.page.elements if e.name.startswith("gallery")]
    (pano,) = [i for i in page.page.items if type(i).__name__ == "Image"
               and i.pixels == (2400, 200)]
    assert pano.clip.width > 0.99 * element.frame.width
    assert pano.clip.width / pano.clip.height >= 6
    assert not [n for n in page.notes if "letterboxed" in n]


def test_five_full_sections_copyfit_within_their_floors(tmp_path):
    """The commemorative page's own five sections (spread's content.yaml, with its figures
    and chart) were overset by 59 mm: the sections' region copyfits within its floors
    (size and leading to 90 %), each shrunk section named in the notes."""
    from spread.validate import set_page

    page = set_page(str(ROOT / "content.yaml"), str(COMMEMORATIVE))
    assert not page.problems, [p.error.message for p in page.problems]
    shrunk = [n for n in page.notes if n.startswith("copyfit: sections[")]
    assert shrunk, page.notes
    for note in shrunk:
        assert re.search(r"set at size (9\d|100)\.\d%", note), note


def test_more_than_copyfit_holds_is_an_overset_naming_the_items_and_amounts(tmp_path):
    """Past the floors the build stops: the overset names the section, how far the page
    runs over and the characters to cut from each section that lost text."""
    starter = yaml.safe_load((ROOT / "content.yaml").read_text(encoding="utf-8"))
    sections = [dict(s, report={**s["report"], "items": s["report"]["items"] * 2})
                if s.get("report") else s for s in starter["sections"]]
    page = laid(commemorative(tmp_path, sections))
    assert page.problems
    message = page.problems[0].error.message
    assert re.search(r"overset: sections\[\d\] makes the page [\d.]+ mm too long", message), \
        message
    assert re.search(r"\d+ characters", message), message
    assert re.search(r"cut about \d+ characters from sections\[\d\]",
                     page.problems[0].error.hint), page.problems[0].error.hint


@pytest.mark.parametrize("cmyk, rgb", [
    ([100, 100, 0, 0], [46, 49, 146]),   # a deep violet as an ICC conversion gives it
    ([100, 0, 0, 0], [0, 158, 224]),     # process cyan
    ([0, 100, 100, 10], [200, 22, 30])])  # the layout's own red
def test_a_palette_colour_whose_rgb_is_a_screen_s_view_of_its_cmyk_is_accepted(cmyk, rgb):
    # the press's and the screen's gamuts part a colour's two renderings by up to ~110 in a
    # channel; only a colour that is another colour (≥ 150) is refused
    from spread import template
    path = Path(__file__).resolve().parents[1] / "layout" / "default.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "red:   {cmyk: [0, 100, 100, 10], rgb: [200, 22, 30]}",
        f"red:   {{cmyk: {cmyk}, rgb: {rgb}}}")
    layout = template.load(str(path), text)
    assert list(layout.palette["red"].rgb) == rgb
