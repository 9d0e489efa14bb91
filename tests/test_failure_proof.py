"""A failed build still writes a proof: the page as far as layout set it, with its problems
marked (the overset text beside the page in a red frame, the region framed, characters no
font has boxed), as NAME.failed.proof.pdf/.png beside an edition it leaves byte for byte as
it was. Input with no page to show (a YAML syntax error) gets no proof, and says so; the
next good build removes the failure proof. Read back from the real files."""

from __future__ import annotations

import re
import shutil

import pypdfium2 as pdfium
import pytest
import yaml
from PIL import Image

from conftest import CONTENT, LAYOUT, lead_page_layout
from spread import cli, template

FAILED = ("content.failed.proof.pdf", "content.failed.proof.png")
INTRO = re.search(r"\n    intro: (五年来，区总工会坚持围绕中心.*)\n",
                  CONTENT.read_text(encoding="utf-8")).group(1)


def overset_text() -> str:
    """The default content with the first section's intro thirty times over."""
    return CONTENT.read_text(encoding="utf-8").replace(INTRO, INTRO * 30)


def build(folder, capsys, renditions="print,proof") -> tuple[int, str]:
    code = cli.main(["build", str(folder / "content.yaml"), "--layout", str(LAYOUT),
                     "-o", str(folder / "out"), "--rendition", renditions])
    return code, capsys.readouterr().err


def snapshot(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "out").iterdir())}


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    """A good edition (print and proof), built once."""
    folder = tmp_path_factory.mktemp("edition")
    shutil.copy(CONTENT, folder / "content.yaml")
    assert cli.main(["build", str(folder / "content.yaml"), "--layout", str(LAYOUT), "-o",
                     str(folder / "out"), "--rendition", "print,proof"]) == 0
    return folder


@pytest.fixture(scope="module")
def failed(edition, tmp_path_factory):
    """The edition after a build of content far too long: (folder, exit code, stderr, the
    edition's files before)."""
    folder = tmp_path_factory.mktemp("failed")
    shutil.copytree(edition, folder, dirs_exist_ok=True)
    before = snapshot(folder)
    (folder / "content.yaml").write_text(overset_text(), encoding="utf-8")
    code = cli.main(["build", str(folder / "content.yaml"), "--layout", str(LAYOUT), "-o",
                     str(folder / "out"), "--rendition", "print,proof"])
    return folder, code, before


def test_an_overset_build_fails_as_before_and_names_its_failure_proof(failed, capsys):
    folder, code, _ = failed
    assert code == 1
    # the message is today's: the page overset, at the content's line
    shutil.copy(folder / "content.yaml", folder / "again.yaml")
    code = cli.main(["build", str(folder / "again.yaml"), "--layout", str(LAYOUT), "-o",
                     str(folder / "again"), "--rendition", "print"])
    err = capsys.readouterr().err
    assert code == 1
    assert re.search(r"again\.yaml:\d+:\d+ \(sections\[0\]\): overset: sections\[0\] makes "
                     r"the page [\d.]+ mm too long", err), err
    assert "note: failure proof: " in err and "again.failed.proof.png" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in (folder / "again").iterdir()) == [
        "again.failed.proof.pdf", "again.failed.proof.png"]


def test_the_previous_edition_is_byte_for_byte_as_it_was(failed):
    folder, _, before = failed
    after = snapshot(folder)
    assert {name: after[name] for name in before} == before
    assert sorted(set(after) - set(before)) == sorted(FAILED)
    assert not [name for name in after if name.startswith(".")]  # no temporaries, no journal


def test_the_failure_proof_sets_the_overset_text_beside_the_page(failed):
    folder, _, _ = failed
    pdf = pdfium.PdfDocument(folder / "out" / FAILED[0])
    try:
        page = pdf[0]
        left, bottom, right, top = page.get_trimbox()
        media = page.get_mediabox()
        text = page.get_textpage()
        beside = text.get_text_bounded(right, media[1], media[2], media[3])
        whole = re.sub(r"\s", "", text.get_text_range())
    finally:
        pdf.close()
    assert media[2] - right > 300  # the sheet is widened for it
    beside = re.sub(r"\s", "", beside)
    assert "overset:" in beside and "characters" in beside  # its label, with the amount
    assert len(re.findall(r"[\u4e00-\u9fff]", beside)) > 2500  # the text that did not fit
    # nothing is lost: the intro is there thirty times, on the page or beside it (but the
    # copy cut at the frame's foot, whose two parts are drawn apart)
    assert whole.count(re.sub(r"\s", "", INTRO)) >= 29
    assert "NOTFORPRESS" in whole


def test_the_failure_proof_frames_the_overset_in_red_at_the_proof_resolution(failed):
    folder, _, _ = failed
    picture = Image.open(folder / "out" / FAILED[1]).convert("RGB")
    resolution = template.load(str(LAYOUT)).output.proof.resolution
    assert resolution >= 150
    assert round(Image.open(folder / "out" / FAILED[1]).info["dpi"][0]) == resolution
    pdf = pdfium.PdfDocument(folder / "out" / FAILED[0])
    try:
        page = pdf[0]
        trim_right, media_right = page.get_trimbox()[2], page.get_mediabox()[2]
    finally:
        pdf.close()
    scale = picture.width / media_right
    x0 = int(trim_right * scale) + 10
    pixels = picture.load()

    def red(x: int, y: int) -> bool:
        r, g, b = pixels[x, y]
        return r > 180 and g < 90 and b < 90

    def longest_red_run(x: int) -> int:
        best = run = 0
        for y in range(picture.height):
            run = run + 1 if red(x, y) else 0
            best = max(best, run)
        return best

    # a red frame's side: a vertical red line a good part of the sheet tall, beside the page
    tallest = max(longest_red_run(x) for x in range(x0, picture.width, 2))
    assert tallest > picture.height / 3


def test_input_with_no_page_gets_no_failure_proof_and_says_so(edition, tmp_path, capsys):
    folder = tmp_path / "e"
    shutil.copytree(edition, folder)
    before = snapshot(folder)
    (folder / "content.yaml").write_text("headline: [\n", encoding="utf-8")
    code, err = build(folder, capsys)
    assert code == 2
    assert "note: no failure proof: there is no page to show" in err
    assert snapshot(folder) == before


def test_a_good_build_removes_the_failure_proof(failed, tmp_path, capsys):
    folder = tmp_path / "e"
    shutil.copytree(failed[0], folder)
    assert all((folder / "out" / name).is_file() for name in FAILED)
    shutil.copy(CONTENT, folder / "content.yaml")
    code, err = build(folder, capsys, "proof")
    assert code == 0, err
    assert not [name for name in FAILED if (folder / "out" / name).exists()]
    record = (folder / "out" / "content.manifest.json").read_text(encoding="utf-8")
    assert "failed" not in record


def test_a_later_failure_with_no_page_removes_an_older_failure_proof(failed, tmp_path,
                                                                    capsys):
    folder = tmp_path / "e"
    shutil.copytree(failed[0], folder)
    (folder / "content.yaml").write_text("headline: [\n", encoding="utf-8")
    code, err = build(folder, capsys)
    assert code == 2 and "failure proof of an earlier build was removed" in err
    assert not [name for name in FAILED if (folder / "out" / name).exists()]


# -- the page model: layout goes on past a problem -------------------------------------------

def fixed_lead_layout(folder, height: str):
    """The lead-page layout with the lead's row at a fixed height."""
    path = lead_page_layout(folder)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(row for row in data["rows"] if row["name"] == "lead")["height"] = height
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def lead_content(folder, lead: str):
    path = folder / "content.yaml"
    path.write_text(yaml.safe_dump({"headline": "标题", "lead": [lead]}, allow_unicode=True),
                    encoding="utf-8")
    return path


def test_a_frame_too_small_keeps_what_fits_and_sets_the_rest_aside(tmp_path):
    from spread.page import TextRun
    from spread.validate import set_page

    lead = "区总工会坚持围绕中心、服务大局，团结带领全区广大职工建功立业。" * 40
    checked = set_page(str(lead_content(tmp_path, lead)),
                       str(fixed_lead_layout(tmp_path, "30mm")))
    assert len(checked.problems) == 1
    problem = checked.problems[0]
    assert "does not fit region 'text lead'" in problem.error.message
    assert problem.error.exit_code == 1 and problem.error.where.path == "lead[0]"
    assert problem.region == "text lead (columns 1-8)" and problem.frame is not None
    assert re.fullmatch(r"\d+ lines, \d+ characters, \d+ mm over", problem.amount)
    width, height = problem.block
    assert all(0 <= x <= width for run in problem.overset for x in run.xs)
    assert all(-height <= run.y <= 0 for run in problem.overset)
    on_page = "".join(run.chars for run in checked.page.items if isinstance(run, TextRun)
                      and problem.frame.contains(
                          type(problem.frame)(run.xs[0], run.y, 0, 0), tolerance=1))
    aside = "".join(run.chars for run in problem.overset)
    assert on_page + aside == lead  # every character, once, in order


def test_a_character_no_font_has_is_boxed_where_it_stands(tmp_path, capsys):
    from spread.validate import set_page

    content = lead_content(tmp_path, "职工𠮷祥")
    checked = set_page(str(content), str(lead_page_layout(tmp_path)))
    assert [type(p.error).__name__ for p in checked.problems] == ["MissingGlyphError"]
    (mark,) = checked.problems[0].marks
    assert mark.width > 0 and checked.page.trim.contains(mark)
    code = cli.main(["build", str(content), "--layout", str(lead_page_layout(tmp_path)),
                     "-o", str(tmp_path / "out"), "--rendition", "print"])
    err = capsys.readouterr().err
    assert code == 2 and "𠮷" in err and "failure proof:" in err
    pdf = pdfium.PdfDocument(tmp_path / "out" / FAILED[0])
    try:
        assert re.search(r"职工 ?祥", pdf[0].get_textpage().get_text_range())  # around it
    finally:
        pdf.close()


def test_text_on_another_element_is_marked_where_it_lies(tmp_path):
    """The folio in a row of its own above a banner whose field is painted after it."""
    from spread.renditions import failure_proof
    from spread.validate import set_page

    data = yaml.safe_load(LAYOUT.read_text(encoding="utf-8").replace(
        "../fonts/", f"{LAYOUT.parent.parent}/fonts/"))
    data["rows"][0]["regions"][0]["options"].pop("folio")
    data["rows"].insert(0, {"name": "folio", "regions": [{"kind": "folio", "columns": "1-8"}]})
    layout = tmp_path / "layout.yaml"
    layout.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    content = tmp_path / "content.yaml"
    content.write_text(CONTENT.read_text(encoding="utf-8").replace(
        'paper: ""', "paper: 奉化日报", 1).replace('date: ""', "date: 2021-12-01", 1),
        encoding="utf-8")
    checked = set_page(str(content), str(layout))
    (problem,) = checked.problems
    assert "lies on banner (columns 1-8)" in problem.error.message
    assert problem.region == "folio (columns 1-8)" and problem.frame is not None
    glyph, *under = problem.marks
    assert under and checked.page.media.contains(glyph)
    made = failure_proof(checked.page, checked.problems, checked.makeup, checked.fonts,
                         checked.content, checked.layout, str(content), checked.profile)
    pdf = pdfium.PdfDocument(made["failed.proof.pdf"])
    try:
        assert "liesonbanner" in re.sub(r"\s", "", pdf[0].get_textpage().get_text_range())
    finally:
        pdf.close()


def test_a_picture_print_refuses_is_marked_on_the_failure_proof(tmp_path, capsys):
    """A missing picture passes layout (a proof shows it as FPO) but print refuses it: the
    build fails at drawing, and the failure proof marks the picture."""
    from test_pictures import MISSING, REGIONS, write_page

    content, layout = write_page(tmp_path, MISSING, REGIONS[:1])
    code = cli.main(["build", content, "--layout", layout, "-o", str(tmp_path / "out"),
                     "--rendition", "print"])
    err = capsys.readouterr().err
    assert code == 2 and "gone.jpg is missing" in err and "note: failure proof:" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(FAILED)
    pdf = pdfium.PdfDocument(tmp_path / "out" / FAILED[0])
    try:
        text = re.sub(r"\s", "", pdf[0].get_textpage().get_text_range())
    finally:
        pdf.close()
    assert "gone.jpgismissing" in text


def test_a_fixed_element_that_cannot_fit_leaves_its_frame_marked(tmp_path, capsys):
    """A kicker of two lines in a banner of fixed height (the default layout's, which takes
    the page's spare lines, held at its 90 mm; its headline held at its size): the banner
    cannot be set, the page around it is, the banner's frame carries the problem, and the
    kicker is set beside the page (in the text colour, not the banner's cream), as overset
    text is."""
    from spread.page import TextRun
    from spread.validate import set_page

    data = yaml.safe_load(LAYOUT.read_text(encoding="utf-8").replace(
        "../fonts/", f"{LAYOUT.parent.parent}/fonts/"))
    del data["rows"][0]["grow"], data["rows"][0]["most"]
    del data["rows"][0]["regions"][0]["options"]["headline_fit"]  # the headline keeps its size
    layout = tmp_path / "layout.yaml"
    layout.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    content = tmp_path / "content.yaml"
    content.write_text(CONTENT.read_text(encoding="utf-8").replace(
        "kicker: ——喜迎区工会第一次代表大会", "kicker: |\n  ——喜迎区工会\n  第一次代表大会", 1),
        encoding="utf-8")
    checked = set_page(str(content), str(layout))
    (problem,) = checked.problems
    assert problem.error.message.endswith("4.4 mm over") and problem.error.exit_code == 1
    assert problem.region.startswith("banner") and problem.frame.height > 200
    aside = [run for run in problem.overset if isinstance(run, TextRun)]
    assert "".join(run.chars for run in aside) == "——喜迎区工会第一次代表大会"
    assert {run.colour.name for run in aside} == {"text"} and problem.amount == "4.4 mm over"
    assert "职工" in checked.page.text()  # the rest of the page is set
    code = cli.main(["build", str(content), "--layout", str(layout), "-o",
                     str(tmp_path / "out"), "--rendition", "print"])
    assert code == 1, capsys.readouterr().err
    pdf = pdfium.PdfDocument(tmp_path / "out" / FAILED[0])
    try:
        page = pdf[0]
        right, media = page.get_trimbox()[2], page.get_mediabox()
        beside = re.sub(r"\s", "", page.get_textpage().get_text_bounded(
            right, media[1], media[2], media[3]))
    finally:
        pdf.close()
    assert "——喜迎区工会第一次代表大会" in beside and "4.4mmover" in beside


def test_the_make_up_reports_holes_are_outlined(tmp_path):
    from spread.renditions import failure_proof
    from spread.validate import set_page

    # the default page with its columns left unfilled (no vertical justification) and only
    # three names in its honour-roll box has holes
    layout = tmp_path / "layout.yaml"
    layout.write_text(LAYOUT.read_text(encoding="utf-8").replace(
        "../fonts/", f"{LAYOUT.parent.parent}/fonts/").replace("fill: space", "fill: none"),
        encoding="utf-8")
    data = yaml.safe_load(CONTENT.read_text(encoding="utf-8"))
    data["honour_roll"]["items"] = data["honour_roll"]["items"][:3]
    content = tmp_path / "content.yaml"
    content.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    checked = set_page(str(content), str(layout))
    holes = checked.makeup.of("hole")
    assert holes
    made = failure_proof(checked.page, [], checked.makeup, checked.fonts, checked.content,
                         checked.layout, str(content), checked.profile)
    pdf = pdfium.PdfDocument(made["failed.proof.pdf"])
    try:
        text = pdf[0].get_textpage().get_text_range()
    finally:
        pdf.close()
    assert text.count("hole") == len(holes)


def test_strict_warnings_are_no_failure_of_the_page(tmp_path, capsys):
    """--strict stops on lint warnings, but the page has nothing to mark: no failure proof,
    and no note claiming there is no page."""
    content = tmp_path / "content.yaml"
    content.write_text(CONTENT.read_text(encoding="utf-8").replace(
        "五年秉持初心，笃然奋进；", "五年秉持初心,笃然奋进;", 1), encoding="utf-8")
    code = cli.main(["build", str(content), "--layout", str(LAYOUT), "--strict", "-o",
                     str(tmp_path / "out"), "--rendition", "print"])
    err = capsys.readouterr().err
    assert code == 1 and "--strict makes warnings errors" in err
    assert "failure proof" not in err and not (tmp_path / "out").exists()


def test_every_problem_is_said_and_marked_at_once(tmp_path, capsys):
    """A character no font has and a lead too long for its frame: the build stops with the
    first, notes the second, and the failure proof lists and marks both."""
    lead = "区总工会坚持围绕中心、服务大局，团结带领全区广大职工建功立业。" * 40
    content = lead_content(tmp_path, "𠮷" + lead)
    code = cli.main(["build", str(content), "--layout", str(fixed_lead_layout(tmp_path, "30mm")),
                     "-o", str(tmp_path / "out"), "--rendition", "print"])
    err = capsys.readouterr().err
    assert code == 2 and "missing from every configured font" in err
    assert re.search(r"note: also: .*content\.yaml:\d+:\d+ \(lead\[0\]\): overset: lead\[0\] "
                     r"does not fit", err), err
    assert "2 problem(s) marked" in err
    pdf = pdfium.PdfDocument(tmp_path / "out" / FAILED[0])
    try:
        text = re.sub(r"\s", "", pdf[0].get_textpage().get_text_range())
    finally:
        pdf.close()
    assert "1." in text and "2." in text and "overset:" in text


# -- the news page: stories longer than the page holds ----------------------------------------

NEWS_STARTER = LAYOUT.parent / "news"
STORY = ("在新馆三楼的古籍修复室，隔着一面玻璃墙，读者第一次能看到修复师工作的样子。修复师正在为"
         "一部清代地方志补配虫蛀的书页，一页纸往往要花上大半天。")


def news_edition(folder, lengths: list[int], lead: int = 0, photos: bool = True):
    """The news starter with stories of `lengths` characters of body each (paragraphs of
    about 100), each with one photo; the lead story `lead` characters longer."""
    shutil.copytree(NEWS_STARTER, folder, dirs_exist_ok=True)
    path = folder / "content.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    photo = data["sections"][0]["pictures"]
    data["sections"] = []
    for k, n in enumerate(lengths):
        text = (STORY * (n // len(STORY) + 1))[:n]
        data["sections"].append({
            "title": f"第{k + 1}条新闻", "byline": "本报记者 张三", "dateline": "本报讯",
            "body": [text[i:i + 100] for i in range(0, n, 100)],
            **({"pictures": photo} if photos else {})})
    if lead:
        data["lead"].append((STORY * (lead // len(STORY) + 1))[:lead])
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def test_three_long_stories_say_which_how_much_and_what_to_cut(tmp_path, capsys):
    from spread.page import TextRun

    content = news_edition(tmp_path, [1200, 1200, 1200])
    code = cli.main(["build", str(content), "--layout", "news", "-o", str(tmp_path / "out"),
                     "--rendition",
                     "print"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    # the story that lost most, at its own line in content.yaml, with lines and characters
    first = re.search(r"content\.yaml:(\d+):(\d+) \((sections\[\d\])\): overset: \3 makes the "
                      r"page [\d.]+ mm too long \(about [\d.]+ body lines\) — (\d+) lines, "
                      r"(\d+) characters over", err)
    assert first, err
    lines = content.read_text(encoding="utf-8").splitlines()
    index = int(first.group(3)[9])
    starts = [k + 1 for k, line in enumerate(lines) if line.startswith("- title:")]
    assert int(first.group(1)) == starts[index]
    # what to do: the characters to cut in all, and from which story
    cut = re.search(r"hint: (\d+) characters over in all: (drop its photo sections\[\d\]"
                    r"\.pictures\[0\] \(it takes \d+ lines\) and )?cut about (\d+) characters",
                    err)
    assert cut and int(cut.group(1)) > int(first.group(5)), err
    # the failure proof shows the page and every character set aside beside it
    pdf = pdfium.PdfDocument(tmp_path / "out" / FAILED[0])
    try:
        page = pdf[0]
        right = page.get_trimbox()[2]
        media = page.get_mediabox()
        beside = re.sub(r"\s", "", page.get_textpage().get_text_bounded(
            right, media[1], media[2], media[3]))
    finally:
        pdf.close()
    assert "overset:" in beside and f"{first.group(5)}characters" in beside
    from spread.validate import set_page

    checked = set_page(str(content), str(LAYOUT.parent / "news.yaml"))
    aside = sum(len(run.chars) for p in checked.problems for run in p.overset
                if isinstance(run, TextRun))
    said = sum(int(n) for n in re.findall(r"(\d+) characters(?: over)?[;|\n ]",
                                         checked.problems[0].error.message))
    assert aside >= said > 0


def test_stories_that_fit_the_news_capacity_build(tmp_path, capsys):
    """The capacity docs/formats.md gives for three stories with a photo each."""
    content = news_edition(tmp_path, [150, 150, 150])
    code = cli.main(["build", str(content), "--layout", "news", "-o", str(tmp_path / "out"),
                     "--rendition",
                     "print"])
    assert code == 0, capsys.readouterr().err


@pytest.mark.parametrize("lengths, left", [([900, 150, 150, 150], 1),
                                           ([150, 150, 150, 900], 3)])
def test_the_stories_are_cut_between_the_halves_where_they_end_level(tmp_path, lengths, left):
    """The news page's two halves (the lead photo over the left, the lead's text over the
    right) share the stories in order, cut where they end most nearly level: a long first
    story stands alone on the left, a long last one alone on the right (four stories: an
    odd number puts its last across the foot)."""
    from spread import content as content_mod
    from spread.repeat import expand

    layout = expand(template.load(str(LAYOUT.parent / "news.yaml")), content_mod.load(
        str(news_edition(tmp_path, lengths))))
    row = next(row for row in layout.rows if row.name == "halves")
    halves = [[r.content for r in top.walk() if r.kind == "story" and r.content]
              for top in row.regions]
    assert halves == [[f"sections[{k}]" for k in range(left)],
                      [f"sections[{k}]" for k in range(left, len(lengths))]]


def test_the_lead_story_too_long_is_located_at_lead(tmp_path, capsys):
    content = news_edition(tmp_path, [100], lead=2500)
    code = cli.main(["build", str(content), "--layout", "news", "-o", str(tmp_path / "out"),
                     "--rendition",
                     "print"])
    err = capsys.readouterr().err
    where = re.search(r"content\.yaml:(\d+):(\d+) \((lead[^)]*)\): overset:", err)
    assert code == 1 and where, err
    lines = content.read_text(encoding="utf-8").splitlines()
    key = lines.index("lead:") + 1
    assert where.group(3) == "lead" and int(where.group(1)) in (key, key + 1)
