"""News stories on the page (issue 16 items 3 and 4): spread's `news` layout and its starter
edition build, and the page sets a story as a newspaper does — the byline on a line of its
own in 楷体, the dateline run in at the first paragraph in bold 黑体, paragraphs indented 2字,
a section's photo one text column wide in its flow with its caption and credit, the text
flowing on after it. Read back from the written PDF and from the page model."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
import subprocess
import sys
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
import yaml

from conftest import ROOT
from spread import content as content_mod
from spread import template, validate
from spread.layout.geometry import geometry
from spread.page import Image, TextRun
from spread.repeat import expand

NEWS = ROOT / "layout" / "news.yaml"
STARTER = ROOT / "layout" / "news"


def spread(*args, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "spread", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    return done


def edition(folder: Path, edit=None) -> Path:
    """The starter edition copied into `folder`, its content edited by `edit(data)`."""
    shutil.copytree(STARTER, folder, dirs_exist_ok=True)
    path = folder / "content.yaml"
    if edit is not None:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        edit(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("news")
    content = edition(folder)
    done = spread("build", content, "--layout", "news", "-o", folder / "out")
    return done, folder / "out", content


@pytest.fixture(scope="module")
def page(built):
    _, _, content = built
    return validate.validate(str(content), str(NEWS)).page


def runs(page) -> list[TextRun]:
    return [item for item in page.items if isinstance(item, TextRun)]


def test_the_starter_edition_builds_clean_with_every_part_on_the_page(built):
    done, out, content = built
    assert done.returncode == 0, done.stderr
    assert "check print.pdf: ok" in done.stdout and "check archive.pdf: ok" in done.stdout
    assert "warning" not in done.stderr, done.stderr
    doc = pdfium.PdfDocument(str(out / "content.archive.pdf"))
    text = re.sub(r"\s", "", doc[0].get_textpage().get_text_range())
    story = content_mod.load(str(content))
    parts = [story.headline, story.kicker, story.subhead, story.byline, story.dateline,
             *story.lead, *(p.caption for p in story.pictures),
             *(p.credit for p in story.pictures)]
    for sec in story.sections:
        parts += [sec.title, sec.kicker, sec.subhead, sec.byline, sec.dateline, *sec.body]
        parts += [p.caption for p in sec.pictures] + [p.credit for p in sec.pictures]
    for part in filter(None, parts):
        assert re.sub(r"\s", "", part) in text, part


def test_the_byline_has_its_own_line_in_kai_and_the_dateline_runs_in_in_bold_hei(page):
    story = content_mod.load(str(STARTER / "content.yaml"))
    for sec in story.sections:
        byline = next(r for r in runs(page) if r.chars == sec.byline.replace(" ", ""))
        assert byline.style.font == "kai"
        # the dateline on the line under the byline, at the paragraph's 2字 indent
        dateline = next(r for r in runs(page) if r.chars == sec.dateline + "　"
                        and 0 < byline.y - r.y < 2 * byline.style.size * 1.6
                        and abs(r.xs[0] - byline.xs[0] - 2 * r.style.size) < 0.01)
        assert dateline.style.font == "hei"
        same_line = [r for r in runs(page) if abs(r.y - dateline.y) < 0.01
                     and r.xs[0] > dateline.xs[0] and r.xs[0] - dateline.xs[-1] < 30]
        first = same_line[0]  # the paragraph goes on after the dateline on its line
        assert first.style.font == "song" and sec.body[0].startswith(first.chars)


def stories(layout_path: Path, content: Path) -> tuple[list, object]:
    """The story regions the layout's repeated row makes for the content, and the layout."""
    layout = expand(template.load(str(layout_path)), content_mod.load(str(content)))
    found = [(r, top) for row in layout.rows for top in row.regions for r in top.walk()
             if r.kind == "story" and r.content]
    # a story in a stack of stories stands in the stack's columns: its top's
    return sorted((replace(r, columns=r.columns or top.columns) for r, top in found),
                  key=lambda r: int(r.content.split("[")[1][:-1])), layout


def test_a_section_photo_is_a_text_column_wide_in_the_flow_and_the_text_goes_on_after_it(page):
    regions, layout = stories(NEWS, STARTER / "content.yaml")
    geo = geometry(layout)
    images = [i for i in page.items if isinstance(i, Image)]
    starter = yaml.safe_load((STARTER / "content.yaml").read_text(encoding="utf-8"))
    photos = [s for s in starter["sections"] if s.get("pictures")]
    assert len(images) == 1 + len(photos)  # the lead photo and one in each story with one
    unit = layout.grid.unit.pt()
    for region, image in zip(regions, images[1:]):
        x, width = geo.columns(region)
        measure = int((width - (region.split - 1) * layout.grid.gutter.pt(unit))
                      / region.split / unit + 1e-6) * unit
        assert image.clip.x == pytest.approx(x) and image.clip.width == pytest.approx(measure)
        below = [r for r in runs(page) if x <= r.xs[0] < x + measure and r.y < image.clip.y
                 and r.style.font == "song"]
        assert below, "no paragraph goes on under the photo"
        caption = max((r for r in runs(page) if r.style.font == "kai" and r.y < image.clip.y
                       and x <= r.xs[0] < x + measure), key=lambda r: r.y)
        assert image.clip.y - caption.y < 3 * caption.style.size  # credit and caption under it


def test_the_print_file_places_each_photo_at_print_resolution(built):
    _, out, _ = built
    pdf = pikepdf.open(out / "content.print.pdf")
    names = list(pdf.pages[0].Resources.XObject.keys())
    assert len(names) == 3
    for name in names:
        assert str(pdf.pages[0].Resources.XObject[name].ColorSpace) == "/DeviceCMYK"


def test_a_story_takes_as_many_photos_as_it_has_none_included(tmp_path):
    def two_and_none(data):
        first, second = data["sections"] = data["sections"][:2]
        first["pictures"].append({"file": "photos/reading.jpg", "caption": "阅览区"})
        first["body"] = first["body"][:3]  # room for the second photo
        del second["pictures"]
        del second["dateline"]
    content = edition(tmp_path, two_and_none)
    done = spread("build", content, "--layout", "news", "-o", tmp_path / "out",
                  "--rendition", "print")
    assert done.returncode == 0, done.stderr
    pdf = pikepdf.open(tmp_path / "out" / "content.print.pdf")
    assert len(pdf.pages[0].Resources.XObject) == 3  # lead + two in the first story


def test_photos_may_span_the_story_s_columns(tmp_path):
    def shorter(data):  # a photo across the story takes more of its height: two stories
        data["sections"] = data["sections"][:2]  # (the halves' cut counts a photo as a
        for sec in data["sections"]:             # column's, not a span's)
            sec["body"] = sec["body"][:2]
    content = edition(tmp_path, shorter)
    data = yaml.safe_load(NEWS.read_text(encoding="utf-8").replace("../fonts/",
                                                                   f"{ROOT}/fonts/"))
    halves = next(row for row in data["rows"] if row["name"] == "halves")
    for top in halves["regions"]:  # every story's options (one anchor in the layout)
        top["regions"][1]["regions"][0]["options"]["photo_place"] = "span"
    layout = tmp_path / "span.yaml"
    layout.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    page = validate.validate(str(content), str(layout)).page
    regions, expanded = stories(layout, content)
    geo = geometry(expanded)
    images = [i for i in page.items if isinstance(i, Image)]
    for region, image in zip(regions, images[1:]):
        assert image.clip.width == pytest.approx(geo.columns(region)[1])


def test_a_missing_byline_style_is_named_at_the_layout_line(tmp_path):
    content = edition(tmp_path)
    text = NEWS.read_text(encoding="utf-8").replace("../fonts/", f"{ROOT}/fonts/")
    layout = tmp_path / "layout.yaml"
    layout.write_text(re.sub(r"\n  byline: .*", "", text), encoding="utf-8")
    done = spread("build", content, "--layout", layout, "-o", tmp_path / "out")
    assert done.returncode == 2
    assert re.search(r"layout\.yaml:\d+:\d+", done.stderr) and "'byline'" in done.stderr
    assert not (tmp_path / "out").exists()


def test_init_writes_the_starter_edition_which_builds_from_the_parent_folder(tmp_path):
    made = spread("init", "--template", "news", "mypage", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "mypage"
    assert (folder / "content.yaml").read_text(encoding="utf-8") == \
        (STARTER / "content.yaml").read_text(encoding="utf-8")
    assert sorted(p.name for p in (folder / "photos").iterdir()) == \
        sorted(p.name for p in (STARTER / "photos").iterdir())
    assert (folder / "edition.yaml").read_text(encoding="utf-8").endswith("layout: news\n")
    done = spread("build", "mypage/content.yaml", "--rendition", "print", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (folder / "out" / "content.print.pdf").is_file()


def test_watch_sees_every_photo_of_every_story():
    from spread.watch import picture_files

    files = picture_files(str(STARTER / "content.yaml"))
    assert [Path(f).name for f in files] == ["lead.jpg", "reading.jpg", "repair.jpg"]


def test_a_commemorative_section_takes_a_byline_a_body_and_a_photo(tmp_path):
    """The section kind sets a story's parts too, with the styles the layout gives them."""
    from conftest import CONTENT, LAYOUT

    (tmp_path / "photos").mkdir()
    shutil.copy(STARTER / "photos" / "repair.jpg", tmp_path / "photos")
    text = CONTENT.read_text(encoding="utf-8").replace(
        "  - title: 文化文明\n", "  - title: 文化文明\n    byline: 本报记者 张三\n"
        "    dateline: 本报讯\n    body:\n      - 区职工文化中心即将启用。\n"
        "    pictures:\n      - {file: photos/repair.jpg, caption: 职工书屋, credit: 张三 摄}\n", 1)
    content = tmp_path / "content.yaml"
    content.write_text(text, encoding="utf-8")
    data = yaml.safe_load(LAYOUT.read_text(encoding="utf-8").replace("../fonts/",
                                                                     f"{ROOT}/fonts/"))
    data["styles"].update({"byline": {"font": "kai", "size": "小四", "leading": 1.55},
                           "dateline": {"font": "hei", "size": "小四"},
                           "caption": {"font": "kai", "size": "小四", "leading": 1.55},
                           "credit": {"font": "kai", "size": "小五", "leading": 1.55}})
    data["rows"][5]["regions"][0]["options"]["photo_options"] = {"aspect": 2, "fit": "fill"}
    data["page"]["size"][1] = "700mm"  # room for the photo on the full page
    layout = tmp_path / "layout.yaml"
    layout.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    page = validate.validate(str(content), str(layout)).page
    texts = {r.chars: r for r in runs(page)}
    assert texts["本报记者张三"].style.font == "kai"
    assert texts["本报讯　"].style.font == "hei"
    image = next(i for i in page.items if isinstance(i, Image))
    x, width = geometry(template.load(str(layout))).columns(template.load(str(layout)).rows[5]
                                                            .regions[0])
    assert image.clip.x == pytest.approx(x) and image.clip.width == pytest.approx(width)


@pytest.mark.parametrize("count", [1, 3, 4])
def test_the_news_layout_takes_as_many_stories_as_the_content_has(tmp_path, count):
    def stories_of(data):
        first, second = data["sections"][:2]
        short = [dict(second, title=f"第{k + 1}条消息", body=second["body"][:1 + (k == 0)])
                 for k in range(count)]
        for story in short[1:]:
            del story["pictures"]  # one photo on a page this full
        data["sections"] = short
    content = edition(tmp_path, stories_of)
    done = spread("build", content, "--layout", "news", "-o", tmp_path / "out",
                  "--rendition", "print")
    assert done.returncode == 0, done.stderr
    doc = pdfium.PdfDocument(str(tmp_path / "out" / "content.print.pdf"))
    text = doc[0].get_textpage().get_text_range()
    assert [k for k in range(count) if f"第{k + 1}条消息" in text] == list(range(count))


def test_a_story_s_jump_line_is_set_by_the_news_layout(tmp_path):
    """A news story that jumps to an inner page (（下转第2版）) was refused: the news layout had
    no `jump` style, only the front template did. It is set flush right on a line of its
    own after the story's text."""
    def jumping(data):
        data["sections"] = data["sections"][:2]
        data["sections"][0]["jump"] = "（下转第2版）"
    content = edition(tmp_path, jumping)
    done = spread("build", content, "--layout", "news", "-o", tmp_path / "out",
                  "--rendition", "print")
    assert done.returncode == 0, done.stderr
    page = pdfium.PdfDocument(tmp_path / "out" / "content.print.pdf")[0]
    assert "（下转第2版）" in page.get_textpage().get_text_bounded()
