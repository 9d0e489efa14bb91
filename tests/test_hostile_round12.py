"""Round 12 of the hostile files: text a user types — a content file, a layout, an
edition.yaml, the command line — each run through the console entry point
(`spread.cli.main`, forked, its CPU time and memory bounded, as the earlier rounds run it).
Each case says, in a comment, whether it failed before its mend (a fault: a message that
named the wrong thing, a place that was not the place, an option passed over unsaid, work
unbounded) or guards ground no earlier round covers. Each now ends with exit 1 or 2, no
traceback, the place (file:line:column for YAML) and what to write instead."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import CONTENT, LAYOUT, ROOT
from test_hostile_inputs import assert_refused, spread

PAGE = CONTENT.read_text(encoding="utf-8")
BASE = LAYOUT.read_text(encoding="utf-8").replace("../fonts/", f"{ROOT}/fonts/")
TRACE = re.compile(r"Traceback|internal error")
PREVIOUS = b"%PDF-1.4 the previous edition\n"


def _page(folder, old: str = "", new: str = "", layout: str = "default"):
    """The default page's content with `old` replaced by `new` (once), its edition.yaml
    naming `layout`; the path of its content file."""
    assert old in PAGE
    (folder / "edition.yaml").write_text(f"layout: {layout}\n", encoding="utf-8")
    path = folder / "content.yaml"
    path.write_text(PAGE.replace(old, new, 1), encoding="utf-8")
    return path


def _previous_edition(folder) -> None:
    """A previous good output under out/, which a failed build must leave as it was."""
    (folder / "out").mkdir()
    (folder / "out" / "content.print.pdf").write_bytes(PREVIOUS)


def _kept(folder) -> bool:
    return (folder / "out" / "content.print.pdf").read_bytes() == PREVIOUS \
        and not (folder / "out" / "content.archive.pdf").exists()


# -- a file saved in a legacy CJK encoding is named by its own encoding ----------------------------

TRADITIONAL = ("headline: 畫說工會這五年\nkicker: ——喜迎區工會第一次代表大會\nlead:\n"
               "  - 五年秉持初心，篤然奮進；五年春華秋實，碩果滿園。回眸過去五年，全區各級工會"
               "緊緊圍繞中心、服務大局，以發展為主題、和諧為主線、職工為根本、基層為重點。\n")
JAPANESE = ("headline: 図書館が再開\nlead:\n  - 三年間の改修を終えた市立図書館が今日、"
            "再び開館しました。開館前から多くの市民が列を作りました。\n")


@pytest.mark.parametrize("data, says", [
    # fault: was «it looks like GBK/GB18030»: Big5 bytes read as GBK too, as rare characters
    (TRADITIONAL.encode("cp950"), "it looks like Big5, the encoding traditional-Chinese "
                                  "(Taiwan, Hong Kong) Windows editors save in"),
    # fault: was «it looks like GBK/GB18030» of a Japanese file
    (JAPANESE.encode("cp932"), "it looks like Shift-JIS, the encoding Japanese Windows "
                               "editors save in"),
    # guard: a GBK file of traditional characters (GBK has them; Big5 does not read it)
    (TRADITIONAL.encode("gb18030"), "it looks like GBK/GB18030"),
])
def test_a_file_in_a_legacy_cjk_encoding_is_named_by_that_encoding(tmp_path, data, says):
    (tmp_path / "edition.yaml").write_text("layout: default\n", encoding="utf-8")
    (tmp_path / "content.yaml").write_bytes(data)
    run = spread("check", "content.yaml", cwd=tmp_path)
    assert_refused(run, "content.yaml", 1, "the file is not UTF-8 text", says,
                   "save the file as UTF-8")
    assert says.startswith("it looks like GBK") or "GBK" not in run.text, run.text


# -- lines ended by CR alone (classic Mac OS): every place counted as YAML counts it ----------------

def _cr(text: str) -> str:
    return text.replace("\n", "\r")


def test_a_finding_in_a_file_of_cr_line_ends_is_placed_on_its_own_line(tmp_path):
    """Fault: YAML ends a line at a lone CR, spread's own rules counted only LF — the lint's
    comma was placed at content.yaml:1:869, its excerpt the file's first line."""
    (tmp_path / "edition.yaml").write_text("layout: default\n", encoding="utf-8")
    (tmp_path / "content.yaml").write_text(
        _cr(PAGE.replace("春华秋实，硕果满园", "春华秋实,硕果满园")), encoding="utf-8", newline="")
    run = spread("check", "content.yaml", cwd=tmp_path)
    assert_refused(run, "content.yaml", 26, "ASCII ',' in Chinese text", code=1)
    assert "content.yaml:26:23 (lead[0])" in run.text and ":1:869" not in run.text, run.text


def test_a_comment_cut_in_a_file_of_cr_line_ends_quotes_only_its_line(tmp_path):
    """Fault: «so «#硕果满园。 … (the whole rest of the file) » would not print», placed on
    line 1."""
    (tmp_path / "edition.yaml").write_text("layout: default\n", encoding="utf-8")
    (tmp_path / "content.yaml").write_text(
        _cr(PAGE.replace("五年春华秋实，硕果满园。", "五年春华秋实， #硕果满园。")),
        encoding="utf-8", newline="")
    run = spread("check", "content.yaml", cwd=tmp_path)
    assert_refused(run, "content.yaml", 26, "so «#硕果满园。» would not print")
    assert "figures:" not in run.text, run.text


def test_check_fix_of_a_file_of_cr_line_ends_keeps_its_line_ends(tmp_path):
    """Guard: --fix mends the comma and writes the file back with the CRs it was read with."""
    (tmp_path / "edition.yaml").write_text("layout: default\n", encoding="utf-8")
    path = tmp_path / "content.yaml"
    path.write_text(_cr(PAGE.replace("春华秋实，硕果满园", "春华秋实,硕果满园")),
                    encoding="utf-8", newline="")
    run = spread("check", "--fix", "content.yaml", cwd=tmp_path)
    assert run.code == 0 and "1 fixed" in run.text, run.text
    assert path.read_bytes() == _cr(PAGE).encode("utf-8")


# -- characters YAML refuses, named for what they are ---------------------------------------------

def test_a_noncharacter_is_not_called_a_control_character(tmp_path):
    """Fault: U+FFFF (a converter's stray, or a byte-order mark misread) was «the control
    character U+FFFF»."""
    _page(tmp_path, "  - 五年秉持初心", "  - 五年\uffff秉持初心")
    run = spread("check", "content.yaml", cwd=tmp_path)
    assert_refused(run, "content.yaml", 26, "the file contains the noncharacter U+FFFF, which "
                   "YAML does not allow", "delete it")
    assert "control character" not in run.text


# -- a key written where another part of the file takes it ------------------------------------------

@pytest.mark.parametrize("old, new, at, says", [
    # fault: was «did you mean 'columns'?» alone: a region's colour is its style's
    ("{kind: text, columns: 1-8, content: lead, style: lead, split: 3}",
     "{kind: text, columns: 1-8, content: lead, style: lead, split: 3, colour: red}",
     "split: 3, colour: red}",
     "'colour' is not a key of Region: it is written in styles.NAME.colour; or did you mean "
     "'columns'?"),
    # fault: the same in the grid, where 'columns' is a key too
    ("  unit: 小四", "  unit: 小四\n  colour: red", "  colour: red",
     "'colour' is not a key of Grid: it is written in styles.NAME.colour"),
    # fault: a style's leading written in a row was «expected keys: name, height, …»
    ("  - name: lead\n    space_after: 4mm",
     "  - name: lead\n    leading: 1.5\n    space_after: 4mm", "    leading: 1.5",
     "'leading' is not a key of Row: it is written in styles.NAME.leading; Row takes name"),
])
def test_a_key_of_another_part_of_the_layout_is_said_to_belong_there(tmp_path, old, new, at,
                                                                     says):
    assert old in BASE
    text = BASE.replace(old, new, 1)
    (tmp_path / "layout.yaml").write_text(text, encoding="utf-8")
    run = spread("check", "layout.yaml", cwd=tmp_path)
    assert_refused(run, "layout.yaml", text[:text.index(at)].count("\n") + 1, says)


# -- the command line: an option that names nothing, or does not apply ------------------------------

def test_init_with_an_empty_template_is_refused_not_taken_for_the_default(tmp_path):
    """Fault: --template "" (a script's unset variable) made an edition of the default
    layout, exit 0, as --layout "" once did."""
    run = spread("init", "e", "--template", "", cwd=tmp_path)
    assert run.code == 2 and not TRACE.search(run.text), run.text
    assert "--template is empty: it names no template" in run.text
    assert not (tmp_path / "e").exists()


@pytest.mark.parametrize("argv, stage", [
    # fault: each printed its stage, exit 0, the measure passed over without a word
    (("dump", "--measure", "9"), "layout"),
    (("dump", "--stage", "content", "--measure", "12"), "content"),
])
def test_dump_refuses_a_measure_its_stage_does_not_set(tmp_path, argv, stage):
    _page(tmp_path)
    run = spread(*argv, cwd=tmp_path)
    assert run.code == 2 and not TRACE.search(run.text), run.text
    assert f"--measure applies to --stage compose; the {stage} stage" in run.text, run.text
    assert "spread dump --stage compose --measure" in run.text and "headline" not in run.out


def test_dump_composes_at_a_measure_given_with_its_stage(tmp_path):
    """Guard: the measure still sets the compose stage."""
    _page(tmp_path)
    run = spread("dump", "--stage", "compose", "--measure", "12", "content.yaml", cwd=tmp_path)
    assert run.code == 0 and "# 12字" in run.out and "# 9字" not in run.out, run.text


# -- a layout named as a folder, or by a bare name that is a path here ------------------------------

def _copied_layout(folder, name: str = "news") -> None:
    """An edition whose layout was copied in as layout/NAME.yaml (init --copy-layout)."""
    (folder / "layout").mkdir()
    text = (ROOT / "layout" / f"{name}.yaml").read_text(encoding="utf-8")
    (folder / "layout" / f"{name}.yaml").write_text(
        text.replace("../fonts/", f"{ROOT}/fonts/"), encoding="utf-8")
    (folder / "content.yaml").write_text(
        (ROOT / "layout" / name / "content.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copytree(ROOT / "layout" / name / "photos", folder / "photos")


@pytest.mark.parametrize("written", ["layout", "layout/"])
def test_an_edition_naming_its_layout_folder_is_told_the_file_in_it(tmp_path, written):
    """Fault: «name the layout file in it, e.g. layout/default.yaml» of a folder holding
    news.yaml (and «layout//default.yaml» of `layout/`)."""
    _copied_layout(tmp_path)
    (tmp_path / "edition.yaml").write_text(f"layout: {written}\n", encoding="utf-8")
    run = spread("check", "content.yaml", cwd=tmp_path)
    assert_refused(run, "edition.yaml", 1, f"the layout {written} is a folder",
                   "name the .yaml file in it: layout/news.yaml")
    assert "default.yaml" not in run.text and "//" not in run.text, run.text


def test_a_layout_given_as_the_folder_beside_its_file_is_hinted_to_the_file(tmp_path):
    """Fault: --layout layout/news (spread's checkout has layout/news/ beside news.yaml)
    was «it is a folder … hint: name a .yaml file»."""
    _copied_layout(tmp_path)
    (tmp_path / "layout" / "news").mkdir()
    (tmp_path / "edition.yaml").write_text("layout: layout/news.yaml\n", encoding="utf-8")
    run = spread("build", "content.yaml", "--layout", "layout/news", cwd=tmp_path)
    assert run.code == 2 and not TRACE.search(run.text), run.text
    assert "it is a folder" in run.text and "did you mean layout/news.yaml?" in run.text
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("argv, edition, says", [
    # fault: «spread has no layout called 'layout'», with a folder of that name right here
    (("--layout", "layout"), "layout: layout/news.yaml",
     "layout here is a folder, but a bare name is one of spread's own layouts: name the "
     ".yaml file in it: layout/news.yaml"),
    # fault: a layout file saved without a suffix, named bare, was «no layout called»
    (("--layout", "mine"), "layout: layout/news.yaml",
     "mine here is a file, but a bare name is one of spread's own layouts: name the file "
     "as a path, --layout ./mine"),
    ((), "layout: mine", "name the file as a path, layout: ./mine"),
])
def test_a_bare_layout_name_that_is_a_path_here_is_said_to_be_one(tmp_path, argv, edition,
                                                                   says):
    _copied_layout(tmp_path)
    (tmp_path / "mine").write_text((tmp_path / "layout" / "news.yaml").read_text("utf-8"),
                                   encoding="utf-8")
    (tmp_path / "edition.yaml").write_text(edition + "\n", encoding="utf-8")
    run = spread("check", "content.yaml", *argv, cwd=tmp_path)
    assert "spread has no layout called" in run.text and says in run.text, run.text
    if argv:
        assert run.code == 2 and not TRACE.search(run.text), run.text
    else:
        assert_refused(run, "edition.yaml", 1, says)


def test_a_layout_without_a_suffix_named_as_a_path_validates(tmp_path):
    """Guard: the way the hint gives reads the file."""
    _copied_layout(tmp_path)
    (tmp_path / "mine").write_text((tmp_path / "layout" / "news.yaml").read_text("utf-8"),
                                   encoding="utf-8")
    (tmp_path / "edition.yaml").write_text("layout: ./mine\n", encoding="utf-8")
    run = spread("check", "content.yaml", cwd=tmp_path)
    assert run.code == 0 and not TRACE.search(run.text), run.text


# -- content far past any page, refused before it is set --------------------------------------------

@pytest.mark.parametrize("verb", ["check", "build"])
def test_a_paragraph_of_megabytes_is_refused_before_the_composer_sets_it(tmp_path, verb):
    """Fault (work unbounded): a 1.5 MB paragraph was composed whole, at several widths,
    before its overset was said (about 20 s of CPU). Now refused as overset at once — more
    characters than the whole page holds set solid in its smallest style at half its size —
    naming the paragraph; the previous edition is kept."""
    _page(tmp_path, "  - 五年秉持初心，笃然奋进；",
          "  - " + "画说工会这五年，" * 62_000 + "五年秉持初心，笃然奋进；")
    _previous_edition(tmp_path)
    run = spread(verb, "content.yaml", cwd=tmp_path)
    assert_refused(run, "content.yaml", 26, "overset before setting: the content holds",
                   "(lead[0] alone 496,024); the whole page, 390 × 545 mm, holds at most about",
                   "cut lead[0]", code=1)
    assert _kept(tmp_path)


def test_a_page_of_text_under_the_bound_is_still_set_and_its_overset_said_by_item(tmp_path):
    """Guard: a text the page could hold at the least is set, and its overset is the
    make-up's own, naming the region and what to cut."""
    _page(tmp_path, "  - 五年秉持初心，笃然奋进；", "  - " + "画说工会这五年，" * 500 +
          "五年秉持初心，笃然奋进；")
    run = spread("check", "content.yaml", cwd=tmp_path)
    assert_refused(run, "content.yaml", 26, "overset: lead", code=1)
    assert "before setting" not in run.text


# -- the surroundings: a current folder gone, file names in another encoding ----------------------

@pytest.mark.parametrize("argv", [("build", "--rendition", "print"), ("check",),
                                  ("dump", "--stage", "content")])
def test_a_current_folder_deleted_under_the_shell_is_said_so(tmp_path, argv):
    """Fault: every path is looked up from the current folder, and one deleted under the
    shell (an editor's or a script's rm -r while a terminal stood in it) was exit 3,
    «internal error: FileNotFoundError»."""
    import subprocess
    import sys

    _page(tmp_path)
    gone = tmp_path / "gone"
    gone.mkdir()
    script = ("import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
              "from spread.cli import main; raise SystemExit(main(sys.argv[2:]))")
    run = subprocess.run([sys.executable, "-c", script, str(gone), *argv,
                          str(tmp_path / "content.yaml")],
                         capture_output=True, text=True, timeout=600)
    text = run.stdout + run.stderr
    assert run.returncode == 2 and not TRACE.search(text), text
    assert "the current folder no longer exists" in text and "cd to a folder" in text


def _photo_page(folder, written: str, saved: bytes) -> None:
    """spread's news page whose lead photo is named `written` in the content and saved
    under the file name `saved` (bytes)."""
    import os

    _copied_layout(folder)
    (folder / "edition.yaml").write_text("layout: layout/news.yaml\n", encoding="utf-8")
    text = (folder / "content.yaml").read_text(encoding="utf-8")
    (folder / "content.yaml").write_text(text.replace("photos/lead.jpg", written, 1),
                                         encoding="utf-8")
    os.rename(folder / "photos" / "lead.jpg", os.fsencode(folder / "photos") + b"/" + saved)


@pytest.mark.parametrize("written, saved, says", [
    # fault: «did you mean le\udcffad.jpg?», a name no YAML file can hold
    ("photos/lead.jpg", b"le\xffad.jpg", "is named le\\xffad.jpg, in bytes that are not UTF-8 "
                                         "text"),
    # fault: «the picture 照片.jpg is missing» beside 照片.jpg unpacked from a Windows ZIP
    ("photos/照片.jpg", "照片.jpg".encode("gbk"), "is named 照片.jpg in GBK bytes, not UTF-8"),
    ("photos/照片.jpg", "照片.jpg".encode("big5"), "unzip -O BIG5"),
])
def test_a_picture_whose_file_name_is_no_utf8_is_named_as_such(tmp_path, written, saved, says):
    _photo_page(tmp_path, written, saved)
    _previous_edition(tmp_path)
    run = spread("build", "content.yaml", "--rendition", "print", cwd=tmp_path)
    assert_refused(run, "content.yaml", None, "is missing", says, "so no YAML file can name it")
    assert "udcff" not in run.text and "did you mean" not in run.text, run.text
    assert _kept(tmp_path)


# -- a name quoted with a space about it -----------------------------------------------------------

@pytest.mark.parametrize("file, old, new, says", [
    # fault: was «did you mean 'default'? (names are case-sensitive)»: its case is right
    ("edition.yaml", "layout: default", 'layout: "default "',
     "did you mean 'default'? (without the space around it, which quotes keep)"),
    # fault: was «'headline ' is typed in full-width letters or spaces» of an ASCII space
    ("content.yaml", "headline: 画说工会这五年", '"headline ": 画说工会这五年',
     "did you mean 'headline'? (without the space around it, which quotes keep)"),
    # fault: was «(names are case-sensitive)» too
    ("layout.yaml", "style: lead, split: 3", 'style: " lead", split: 3',
     "did you mean 'lead'? (without the space around it, which quotes keep)"),
])
def test_a_name_quoted_with_a_space_about_it_is_told_the_space(tmp_path, file, old, new, says):
    _page(tmp_path, layout="layout.yaml")
    (tmp_path / "layout.yaml").write_text(BASE, encoding="utf-8")
    path = tmp_path / file
    if file == "edition.yaml":
        path.write_text("layout: default\n", encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    run = spread("check", "content.yaml", cwd=tmp_path)
    line = text[:text.index(old)].count("\n") + 1
    assert_refused(run, file, line, says)
    assert "case-sensitive" not in run.text and "full-width" not in run.text, run.text


# -- a sum written for a number ------------------------------------------------------------------

@pytest.mark.parametrize("file, old, new", [
    # fault: exit 3, ZeroDivisionError: the hint computed a / b whatever the sign written
    ("layout.yaml", "style: lead, split: 3}", "style: lead, split: 3-0}"),
    ("layout.yaml", "  columns: 8 ", "  columns: 8+0 "),
    ("content.yaml", "from: {section: 基层基础, item: 1}", "from: {section: 基层基础, item: 1*0}"),
])
def test_a_sum_with_a_nought_written_for_a_number_is_answered_with_its_result(tmp_path, file,
                                                                            old, new):
    _page(tmp_path, layout="layout.yaml")
    (tmp_path / "layout.yaml").write_text(BASE, encoding="utf-8")
    path = tmp_path / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    run = spread("check", "content.yaml", cwd=tmp_path)
    line = text[:text.index(old)].count("\n") + 1
    assert_refused(run, file, line, "a value is read as written, not calculated: write the "
                   "result, ")


# -- a region's content written as no content path --------------------------------------------------

REGION = "{kind: text, columns: 1-8, content: lead, style: lead, split: 3}"


@pytest.mark.parametrize("content, says", [
    # fault: the text region set the whole lead (lead[-1] read as lead), and the build said
    # «2 content item(s) would not be printed … places no region showing them»
    ('"lead[-1]"', 'repeat: {content: "lead[-1:]"}'),
    # fault: the same of a run of items
    ('"lead[0:2]"', 'a run of items is set by a stack repeating over it: {kind: stack, '
                    'columns: …, repeat: {content: "lead[0:2]"}'),
    ('"lead.."', "content paths look like lead, lead[0], sections[1]"),
    # fault: «which is not what a text region sets» of sections[１] typed in full width
    ('"sections[１]"', "did you mean sections[1]? (typed with a space or in full-width "
                      "characters)"),
])
def test_a_region_s_content_that_is_no_content_path_is_refused_at_the_region(tmp_path,
                                                                           content, says):
    _page(tmp_path, layout="layout.yaml")
    assert REGION in BASE
    text = BASE.replace(REGION, REGION.replace("content: lead", f"content: {content}"), 1)
    (tmp_path / "layout.yaml").write_text(text, encoding="utf-8")
    run = spread("check", "content.yaml", cwd=tmp_path)
    line = text[:text.index("content: " + content)].count("\n") + 1
    assert_refused(run, "layout.yaml", line, f"region text (columns 1-8) shows "
                   f"{content.strip(chr(34))}, which is no content path", says)
    assert "would not be printed" not in run.text and "not what a" not in run.text, run.text


def test_verify_of_a_record_naming_an_input_longer_than_a_path_says_it_differs(tmp_path):
    """Fault: an edition record edited to name its content by a path longer than the file
    system takes was exit 3, «internal error: OSError: [Errno 36] File name too long» (pathlib's
    is_file raises on such a path). Now that input is missing, and the record differs."""
    import json

    _page(tmp_path)
    built = spread("build", "content.yaml", "--rendition", "print", cwd=tmp_path)
    assert built.code == 0, built.text
    record = tmp_path / "out" / "content.manifest.json"
    data = json.loads(record.read_text(encoding="utf-8"))
    data["inputs"][0]["path"] = "名" * 2000 + ".yaml"
    record.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run = spread("verify", "out/content.manifest.json", cwd=tmp_path)
    assert run.code == 1 and not TRACE.search(run.text), run.text
    assert "differs" in run.text and ".yaml: missing" in run.text, run.text


# -- a folder given where a content file is read ---------------------------------------------------

def test_check_of_a_layout_takes_an_edition_folder_for_its_content(tmp_path):
    """Fault: `check LAYOUT --content .` was «cannot read .: it is a folder … name a .yaml
    file» — the positional content takes a folder for its content.yaml, --content did not."""
    _copied_layout(tmp_path)
    run = spread("check", "layout/news.yaml", "--content", ".", cwd=tmp_path)
    assert run.code == 0 and not TRACE.search(run.text), run.text


@pytest.mark.parametrize("argv", [("check", "layout"), ("build", "layout/"),
                                  ("check", "layout/news.yaml", "--content", "layout")])
def test_a_folder_without_content_yaml_given_as_content_names_its_yaml_files(tmp_path, argv):
    """Fault: «cannot read layout/content.yaml: No such file or directory», no hint: the
    folder holds the layout, news.yaml, which the user meant."""
    _copied_layout(tmp_path)
    (tmp_path / "edition.yaml").write_text("layout: layout/news.yaml\n", encoding="utf-8")
    _previous_edition(tmp_path)
    run = spread(*argv, cwd=tmp_path)
    assert run.code == 2 and not TRACE.search(run.text), run.text
    assert "cannot read layout/content.yaml" in run.text
    assert ("a folder stands for the content.yaml in it, and layout holds none (its YAML "
            "files: news.yaml): name the file itself, e.g. layout/news.yaml") in run.text
    assert _kept(tmp_path)


@pytest.mark.parametrize("old, new, says", [
    # fault: was «did you mean 'dateline'?»: a section's headline is its title
    ("    byline: 本报记者 李四\n", "    byline: 本报记者 李四\n    headline: 古籍修复\n",
     "spread calls it 'title': did you mean 'title'?"),
    # fault: was «did you mean 'file'?»: a picture's title is its caption
    ("    caption: 5月18日", "    title: 5月18日", "spread calls it 'caption'"),
    # fault: was «did you mean 'caption'?» alone — and caption takes no paragraphs
    ("    caption: 5月18日", "    body: 5月18日",
     "'body' is not a key of Picture: it is written in sections[N].body; Picture takes file, "
     "caption, credit"),
    # guard: a key one letter from a key of its own part is that key, whatever else takes it
    ("    credit: 本报记者 张三 摄", "    credits: 本报记者 张三 摄", "did you mean 'credit'?"),
])
def test_a_content_key_of_another_part_is_answered_in_its_part_s_words(tmp_path, old, new,
                                                                      says):
    _copied_layout(tmp_path)
    (tmp_path / "edition.yaml").write_text("layout: layout/news.yaml\n", encoding="utf-8")
    path = tmp_path / "content.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    run = spread("check", "content.yaml", cwd=tmp_path)
    at = text.index(old) + (len(old) if new.startswith(old) else 0)
    assert_refused(run, "content.yaml", text[:at].count("\n") + 1, says)


def test_the_bound_before_setting_reads_sizes_written_in_zi(tmp_path):
    """Guard of the bound above: a style's size written in 字 (of the grid's unit) is read
    as that size — the bound's first form asked it in points alone, exit 3."""
    _page(tmp_path, layout="layout.yaml")
    (tmp_path / "layout.yaml").write_text(
        BASE.replace("body:           {font: song, size: 小四", "body:           {font: song, "
                     "size: 1字"), encoding="utf-8")
    run = spread("check", "content.yaml", cwd=tmp_path)
    assert run.code == 0 and not TRACE.search(run.text), run.text


def test_a_figure_quoting_no_section_of_hundreds_lists_ten_and_the_nearest(tmp_path):
    """Fault: the hint listed every section title — 300 of them, 3 kB on one line. Now ten,
    the count, and the title nearest the one quoted."""
    start, end = PAGE.index("sections:\n"), PAGE.index("\nhonour_roll:")
    many = "".join(f"  - title: 节{i}\n    intro: 正文第{i}段。\n" for i in range(300))
    (tmp_path / "edition.yaml").write_text("layout: default\n", encoding="utf-8")
    (tmp_path / "content.yaml").write_text(
        PAGE[:start] + "sections:\n" + many + "  - title: 基层建设\n    intro: 正文。\n"
        + PAGE[end:], encoding="utf-8")
    run = spread("check", "content.yaml", cwd=tmp_path)
    assert_refused(run, "content.yaml", None, "quotes section '基层基础', which is not on the "
                   "page", "did you mean '基层建设'? sections: 节0、节1、", "节9… (301 in all)")
    assert "节10、" not in run.text and len(run.text) < 2000, run.text


def test_a_table_no_region_places_is_named_once_not_cell_by_cell(tmp_path):
    """Fault: a 3000-row table on a layout that places no table was refused with «6002
    content item(s) would not be printed», each cell on a line of its own: 589 kB, 6006
    lines. Now the largest part of which nothing is placed is named — the table — and an
    error lists a dozen items at most."""
    _copied_layout(tmp_path)
    (tmp_path / "edition.yaml").write_text("layout: layout/news.yaml\n", encoding="utf-8")
    path = tmp_path / "content.yaml"
    text = path.read_text(encoding="utf-8")
    photos = "    pictures:\n      - file: photos/repair.jpg"
    assert photos in text
    rows = "".join(f"        - [镇{i}, '{i}']\n" for i in range(3000))
    path.write_text(text.replace(photos, "    table:\n      columns: [乡镇, 金额]\n      rows:\n"
                                 + rows + photos, 1), encoding="utf-8")
    run = spread("check", "content.yaml", cwd=tmp_path)
    assert_refused(run, "content.yaml", None, "1 content item(s) would not be printed",
                   "sections[0].table «")
    assert len(run.text) < 3000 and "rows[1]" not in run.text, run.text[:3000]


@pytest.mark.parametrize("given, shown", [("content.yaml", "content.yaml"),
                                          (".", "./content.yaml")])
def test_typography_of_a_content_file_is_pointed_at_the_page_built_from_it(tmp_path, given,
                                                                           shown):
    """Fault: «content.yaml is not a PDF file; hint: check the file name» — the name was
    right, the verb's option not: --typography reads a PDF, `check` the text."""
    _page(tmp_path)
    run = spread("check", "--typography", given, cwd=tmp_path)
    assert run.code == 2 and not TRACE.search(run.text), run.text
    assert f"{shown} is not a PDF file" in run.text
    assert "it is a YAML text: --typography reads a page built, e.g. " in run.text
    assert f"(spread check {shown} checks the text itself)" in run.text


@pytest.mark.parametrize("folder, says", [
    # fault: each was passed over, and a font in it refused as «outside the edition folder
    # … list its folder in the layout's font_folders» — as it was listed
    ("~/fonts", "~ (the home folder) is not read in a layout"),
    ("https://example.com/fonts", "spread reads fonts from files, not from the web"),
    ("fontz", "font_folders: fontz is no folder (looked for fontz): none is there"),
    ("content.yaml", "it is a file"),
])
def test_a_font_folder_that_names_no_folder_is_refused_at_its_line(tmp_path, folder, says):
    _page(tmp_path, layout="layout.yaml")
    (tmp_path / "fonts").mkdir()
    text = BASE.replace("\nfonts:", f'\nfont_folders: [fonts, "{folder}"]\nfonts:', 1)
    (tmp_path / "layout.yaml").write_text(text, encoding="utf-8")
    run = spread("check", "content.yaml", cwd=tmp_path)
    assert_refused(run, "layout.yaml", text[:text.index("font_folders")].count("\n") + 1,
                   f"font_folders: {folder} is no folder", says)


@pytest.mark.parametrize("date, says", [
    # fault: «0年1月 has 31 days» of a year nought, «2026年1月 has 31 days» of a day nought
    ("0000-01-01", "there is no year 0"),
    ("2026年1月0日", "there is no day 0"),
    ("2026年2月30日", "2026年2月 has 28 days"),  # guard: the month's days, where they are why
])
def test_a_date_of_no_day_says_which_part_is_none(tmp_path, date, says):
    _page(tmp_path, 'date: ""', f'date: "{date}"')
    run = spread("check", "content.yaml", cwd=tmp_path)
    assert_refused(run, "content.yaml", 14, f"the date «{date}» is no day of the calendar: "
                   f"{says}")


@pytest.mark.parametrize("folder, says", [
    # fault: passed over, and the picture refused as «outside the content file's folder …
    # list its folder in the picture region's `folders` option», as it was listed
    ("~/library", "~ (the home folder) is not read in a layout"),
    ("../../librery", "picture option folders: ../../librery is no folder (looked for "
                      "librery): none is there"),
    ("../../library", None),  # guard: the folder it names is read
])
def test_a_picture_region_s_folder_that_names_no_folder_is_refused_at_the_region(
        tmp_path, folder, says):
    edition = tmp_path / "ed"
    edition.mkdir()
    _copied_layout(edition)
    (tmp_path / "library").mkdir()
    shutil.move(edition / "photos" / "lead.jpg", tmp_path / "library" / "lead.jpg")
    layout = edition / "layout" / "news.yaml"
    options = 'options: {fit: fill, aspect: "12:5", grow: 1.6}'
    text = layout.read_text(encoding="utf-8")
    assert options in text
    layout.write_text(text.replace(options, options[:-1] + f', folders: ["{folder}"]}}'),
                      encoding="utf-8")
    (edition / "edition.yaml").write_text("layout: layout/news.yaml\n", encoding="utf-8")
    content = edition / "content.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace(
        "photos/lead.jpg", "../library/lead.jpg", 1), encoding="utf-8")
    run = spread("check", "ed/content.yaml", cwd=tmp_path)
    if says is None:
        assert run.code == 0 and not TRACE.search(run.text), run.text
        return
    assert_refused(run, "ed/layout/news.yaml", None, says)
    assert "outside the content file's folder" not in run.text, run.text
