"""Round 11 of the hostile files: text a user types — a content file, a layout, an
edition.yaml — each run through the console entry point (`spread.cli.main`, forked, its CPU
time and memory bounded). Each case here failed on the code before its mend: exit 3 (a
bug), a page printed with text missing or asterisks the writer meant as marks (exit 0), or a
message that named the wrong thing («not a length», «0 ppi», «did you mean content.yaml?»).
Now each ends with exit 1 or 2, the place (file:line:column) and what to write instead."""

from __future__ import annotations

import re

import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from conftest import CONTENT, LAYOUT, ROOT
from test_hostile_inputs import assert_refused, spread

PAGE = CONTENT.read_text(encoding="utf-8")
BASE = LAYOUT.read_text(encoding="utf-8").replace("../fonts/", f"{ROOT}/fonts/")
TRACE = re.compile(r"Traceback|internal error")


def _page(folder, old: str = "", new: str = ""):
    """The default page's content with `old` replaced by `new` (once), set by spread's
    default layout; the path of its content file."""
    assert old in PAGE
    (folder / "edition.yaml").write_text("layout: default\n", encoding="utf-8")
    path = folder / "content.yaml"
    path.write_text(PAGE.replace(old, new, 1), encoding="utf-8")
    return path


def _line(text: str, new: str) -> int:
    """The line `new` is written on (a line of its own when it opens with its indent)."""
    at = text.index("\n" + new) + 1 if new.startswith(" ") else text.index(new)
    return text[:at].count("\n") + 1


# -- lengths written in figures a layout takes, held to their range ------------------------------

@pytest.mark.parametrize("bleed, says", [
    # was «'1e9pt' is not a length; write 10pt, 3mm …»: it is one, only absurd
    ("1e9pt", "the bleed must be at least 0 mm and at most 25 mm, not 1e+09pt"),
    ("1E3mm", "the bleed must be at least 0 mm and at most 25 mm, not 1000mm"),
    ("-1e9mm", "not -1e+09mm"),
    # a bare 1e308 is points beside lengths in mm: its millimetres were a 309-digit figure
    ("1e308", "(3.53e+307 mm), beside lengths written in mm"),
])
def test_a_length_written_with_an_exponent_is_a_length_held_to_its_range(tmp_path, bleed, says):
    text = BASE.replace("bleed: 3mm", f"bleed: {bleed}")
    (tmp_path / "layout.yaml").write_text(text, encoding="utf-8")
    run = spread("check", "layout.yaml", cwd=tmp_path)
    assert_refused(run, "layout.yaml", _line(text, f"bleed: {bleed}"), says)
    assert "not a length" not in run.text and not re.search(r"\d{20}", run.text), run.text


def test_a_tiny_length_with_an_exponent_validates(tmp_path):
    (tmp_path / "layout.yaml").write_text(BASE.replace("bleed: 3mm", "bleed: 3e0mm"),
                                          encoding="utf-8")
    run = spread("check", "layout.yaml", cwd=tmp_path)
    assert run.code == 0, run.text


# -- a picture far below print's resolution, in a PDF checked ---------------------------------

@pytest.mark.parametrize("pixels, says", [
    # was «image … at 0 ppi effective»: no resolution is nought, and nothing said what to do
    ((1, 1), r"at 0\.\d+ ppi effective, below the 170 ppi minimum: its 1 × 1 pixels are set "
             r"176 × 247 mm; print needs 1181 × 1653 pixels at that size"),
    ((40, 30), r"at \d\.\d ppi effective, below the 170 ppi minimum: its 40 × 30 pixels"),
])
def test_the_preflight_says_a_tiny_picture_s_resolution_and_the_pixels_it_needs(
        tmp_path, pixels, says):
    page = canvas.Canvas(str(tmp_path / "tiny.pdf"), pagesize=(600, 800))
    page.drawImage(ImageReader(Image.new("CMYK", pixels, (0, 0, 0, 50))), 50, 50,
                   width=500, height=700)
    page.save()
    run = spread("check", "tiny.pdf", cwd=tmp_path)
    assert run.code == 1 and not TRACE.search(run.text), run.text
    assert re.search(says, run.text), run.text
    assert " at 0 ppi" not in run.text


# -- content: text the page would print otherwise than it is typed --------------------------------

REFUSED = {
    # a '#' after a space and before a word: YAML's comment, the rest of the line dropped
    # (exit 0, «三千余人次。» missing from the page)
    "a number sign after a space in a paragraph": (
        "五年春华秋实，硕果满园。", "五年春华秋实， #硕果满园。", "lead",
        ["YAML reads ' #' and the rest of the line as a comment, so «#硕果满园。» would "
         "not print", "if it is a comment, put a space after the #: # 硕果满园。",
         "or write the # full width (＃)"]),
    "a number sign before a figure": (
        "评选模范集体49家、建设功臣61名；", "评选模范集体49家、建设功臣 #61名；", "items",
        ["so «#61名；» would not print"]),
    # Markdown's bold italic: the third asterisk printed «*技术» (exit 0)
    "three asterisks": ("举办职工技术比武41场次", "举办职工***技术***比武41场次", "items",
                        ["three asterisks ***: ** marks emphasis, and the third would print "
                         "as an asterisk", "mark emphasis with two"]),
    # Markdown's italic: both asterisks printed round 技术 (exit 0)
    "single asterisks round a word": ("举办职工技术比武41场次", "举办职工*技术*比武41场次",
                                      "items", ["*技术* between single asterisks: Markdown's "
                                                "italic", "**技术**", "full-width ＊"]),
    # an emphasis round a space: the marks vanish and a space is printed in the text
    "an emphasis round a space": ("举办职工技术比武41场次", "举办职工** **技术比武41场次",
                                  "items", ["an emphasis ** ** around no text"]),
    # was exit 3: IndexError in the honour roll's vertical title
    "an empty honour roll title": ("  title: 荣誉榜", '  title: ""', "title",
                                   ["the honour roll's title is empty",
                                    "delete the line for the default, 荣誉榜"]),
    "an honour roll title of a full-width space": ("  title: 荣誉榜", '  title: "　"', "title",
                                                   ["the honour roll's title is empty"]),
}


@pytest.mark.parametrize("name", REFUSED)
def test_content_that_would_print_otherwise_than_typed_is_refused_at_its_line(tmp_path, name):
    old, new, _, says = REFUSED[name]
    path = _page(tmp_path, old, new)
    run = spread("check", "content.yaml", cwd=tmp_path)
    assert_refused(run, "content.yaml", _line(path.read_text(encoding="utf-8"), new),
                   *says)


@pytest.mark.parametrize("old, new", [
    ("举办职工技术比武41场次", "举办职工1*2*3技术比武41场次"),  # a product typed
    ("举办职工技术比武41场次", "举办职工技*术比武41场次"),
    ("举办职工技术比武41场次", "举办职工**技术比武**41场次"),
    ("五年春华秋实，硕果满园。", "五年春华秋实，硕果满园。 # 注：导语"),  # a comment, as written
])
def test_asterisks_and_number_signs_read_as_typed_still_validate(tmp_path, old, new):
    """A product typed with asterisks, a lone asterisk, an emphasis and a comment after a
    space and a '# ': each read as it was before."""
    _page(tmp_path, old, new)
    run = spread("check", "content.yaml", cwd=tmp_path)
    assert run.code == 0 and not TRACE.search(run.text), run.text


# -- edition.yaml: a layout named in another tool's way ------------------------------------------

def _edition(folder, layout_line: str, make=None) -> None:
    (folder / "edition.yaml").write_text(f"layout: {layout_line}\n", encoding="utf-8")
    (folder / "content.yaml").write_text("headline: 标题\n", encoding="utf-8")
    if make:
        make(folder)


@pytest.mark.parametrize("layout_line, make, says", [
    # was «hint: did you mean content.yaml?»: spread's own layout has no suffix
    ("news.yaml", None, "spread's own layout is named without a suffix: layout: news"),
    # was «did you mean l.yaml?» of a link that leads to itself
    ("l.yaml", lambda f: (f / "l.yaml").symlink_to("l.yaml"),
     "it is a symbolic link to l.yaml, which does not lead to a file"),
    ("https://example.com/news.yaml", None, "not from the web"),
    ("~/layouts/news.yaml", None, "~ (the home folder) is not read in an edition.yaml"),
    ("layout\\news.yaml", None, "write / between folders, not \\"),
])
def test_a_layout_named_as_no_path_spread_reads_is_said_so(tmp_path, layout_line, make, says):
    _edition(tmp_path, layout_line, make)
    assert_refused(spread("check", "content.yaml", cwd=tmp_path), "edition.yaml", 1, says)


@pytest.mark.parametrize("name", ["Edition.yaml", "edition.yml", "edition.yaml.txt"])
def test_an_edition_file_misnamed_is_named_in_the_hint(tmp_path, name):
    """Was «found neither edition.yaml nor layout/default.yaml … write edition.yaml with
    `layout: default`» beside the file the user wrote."""
    (tmp_path / name).write_text("layout: default\n", encoding="utf-8")
    (tmp_path / "content.yaml").write_text("headline: 标题\n", encoding="utf-8")
    run = spread("check", "content.yaml", cwd=tmp_path)
    assert run.code == 2 and not TRACE.search(run.text), run.text
    assert f"{name} is not read: spread reads only a file named edition.yaml" in run.text


# -- the command line: one option or file given twice --------------------------------------------

@pytest.mark.parametrize("argv, says", [
    # the second --layout silently replaced the first: the page built with another layout
    (("check", "content.yaml", "--layout", "news", "--layout", "default"),
     "--layout is given twice (news, then default): give it once"),
    (("build", "content.yaml", "-o", "a", "-o", "b"), "-o is given twice (a, then b)"),
    # was «content.yaml and content.yaml would both be written as content.* … give the
    # content files different names»
    (("build", "content.yaml", "content.yaml"), "content.yaml is given twice"),
    (("build", "content.yaml", "."), "./content.yaml is given twice (as content.yaml and "
                                     "./content.yaml)"),
])
def test_what_is_given_twice_on_the_command_line_is_refused_as_given_twice(tmp_path, argv,
                                                                           says):
    _edition(tmp_path, "default")
    run = spread(*argv, cwd=tmp_path)
    assert run.code == 2 and not TRACE.search(run.text), run.text
    assert says in run.text, run.text
    assert not (tmp_path / "out").exists() and not (tmp_path / "a").exists()


def test_an_option_given_twice_alike_is_taken_once(tmp_path):
    _edition(tmp_path, "default")
    run = spread("dump", "--stage", "content", "content.yaml", "--layout", "news",
                 "--layout", "news", cwd=tmp_path)
    assert run.code == 0 and "headline: 标题" in run.out, run.text


# -- a table's row written as another tool writes it ---------------------------------------------

def _table(folder, row: str):
    (folder / "edition.yaml").write_text("layout: default\n", encoding="utf-8")
    (folder / "content.yaml").write_text(
        "headline: 标题\nsections:\n  - title: 天气\n    table:\n      columns: [乡镇, 金额]\n"
        f"      rows:\n        - {row}\n", encoding="utf-8")


@pytest.mark.parametrize("row, says", [
    # was «write it as a list in brackets: [|, 城关镇, |, 1200, |]»
    ('"| 城关镇 | 1200 |"', "write it as a list in brackets: [城关镇, 1200]"),
    # was «give every row a cell for each column»: the ， was read as text, one cell
    ("[城关镇，1200]", "'，' is a full-width comma, which YAML reads as text, not as the ', ' "
                       "between two cells: write [城关镇, 1200]"),
    ("[城关镇、1200]", "'、' is the enumeration comma"),
])
def test_a_table_row_written_in_another_tool_s_way_is_answered_with_its_cells(tmp_path, row,
                                                                              says):
    _table(tmp_path, row)
    assert_refused(spread("dump", "--stage", "content", "content.yaml", cwd=tmp_path),
                   "content.yaml", 7, says)


# -- a file name typed in one Unicode form, saved in the other -------------------------------------

def test_a_picture_saved_under_its_name_s_other_unicode_form_is_named_so(tmp_path):
    """A name typed café.jpg (é one character, as spread reads every text) names no file
    saved as café.jpg with e and a combining accent (as macOS writes names): the hint was
    «did you mean café.jpg?», the name as typed to the eye."""
    import unicodedata

    (tmp_path / "edition.yaml").write_text("layout: news\n", encoding="utf-8")
    (tmp_path / "content.yaml").write_text(
        "headline: 标题\nlead:\n  - 正文。\nsections:\n  - title: 古籍\n    body:\n"
        "      - 正文。\n    pictures:\n      - file: café.jpg\n", encoding="utf-8")
    Image.new("RGB", (1600, 900), (120, 120, 120)).save(
        tmp_path / unicodedata.normalize("NFD", "café.jpg"))
    run = spread("build", "content.yaml", "--rendition", "print", cwd=tmp_path)
    assert_refused(run, "content.yaml", 9, "the picture café.jpg is missing",
                   "written otherwise in Unicode", "rename the file")


@pytest.mark.parametrize("argv, says", [
    # was the schema printed on stdout, as if no -o were given
    (("schema", "content", "-o", ""), "-o is empty: it names no file"),
    # was «cannot write /: Device or resource busy … is the disk full»
    (("schema", "content", "-o", "/"), "cannot write the schema to /: it is a folder, not a "
                                       "file"),
    # was «cannot read the edition record : it is a folder»: '' read as the current folder
    (("verify", ""), "the edition record's name is empty"),
])
def test_a_file_name_given_empty_or_as_a_folder_is_refused_by_name(tmp_path, argv, says):
    run = spread(*argv, cwd=tmp_path)
    assert run.code == 2 and not TRACE.search(run.text), run.text
    assert says in run.text and '"$defs"' not in run.out, run.text


# -- a value YAML reads otherwise than its lines show ----------------------------------------------

def test_a_chinese_paragraph_broken_over_two_lines_is_said_to_print_a_space(tmp_path):
    """首日 / 接待 on two lines: YAML joins them with a space, «首日 接待», which Chinese
    never takes; check said «0 finding(s)» and the page printed the space. Now a finding at
    the line break (a warning in a build, an error with --strict)."""
    _page(tmp_path, "五年秉持初心，笃然奋进；", "五年秉持初心\n    笃然奋进；")
    run = spread("check", "content.yaml", cwd=tmp_path)
    assert_refused(run, "content.yaml", 26, "the line break after «秉持初心» is read as a "
                   "space between «心» and «笃»", "[folded-line]", "join the lines", code=1)


@pytest.mark.parametrize("old, new, line, key", [
    ("lead:\n  - 五年秉持初心", "lead: - 五年秉持初心", 25, "lead"),
    ("    report:\n      title: 晒晒成绩单：\n      items:\n        - 开展",
     "    report:\n      title: 晒晒成绩单：\n      items: - 开展", 39, "items"),
])
def test_a_list_item_on_its_key_s_line_is_said_in_the_user_s_words(tmp_path, old, new, line,
                                                                   key):
    """Was PyYAML's «sequence entries are not allowed here», hint «check quoting and
    indentation near this place»."""
    _page(tmp_path, old, new)
    run = spread("check", "content.yaml", cwd=tmp_path)
    assert_refused(run, "content.yaml", line, f"a list's '- ' item starts on the line of its "
                   f"key '{key}'", f"`{key}:` and then `")
    assert "sequence entries" not in run.text and "check quoting" not in run.text


@pytest.mark.parametrize("argv, says", [
    # each option was passed over without a word: the check ran as if it were not given
    (("check", "content.yaml", "--content", "content.yaml"),
     "--content names the content a layout file is checked with; content.yaml is a content "
     "file"),
    (("check", "layout.yaml", "--layout", "news"),
     "--layout names the layout a content file is checked with; layout.yaml is a layout file"),
    (("check", "tiny.pdf", "--layout", "news"), "tiny.pdf is a PDF"),
    (("check", "--typography", "tiny.pdf", "--content", "content.yaml"), "tiny.pdf is a PDF"),
])
def test_check_refuses_an_option_that_does_not_apply_to_the_file_checked(tmp_path, argv, says):
    _edition(tmp_path, "default")
    (tmp_path / "layout.yaml").write_text(BASE, encoding="utf-8")
    page = canvas.Canvas(str(tmp_path / "tiny.pdf"))
    page.drawString(100, 700, "Hello")
    page.save()
    run = spread(*argv, cwd=tmp_path)
    assert run.code == 2 and not TRACE.search(run.text), run.text
    assert says in run.text, run.text


# -- a layout that says two things -------------------------------------------------------------

@pytest.mark.parametrize("omits, line_of, says", [
    # was exit 0: the lead printed, and omits said it was left out on purpose
    ("omits: [lead]\n", "omits: [lead]", "omits: 'lead' is left out on purpose, yet region "
                                         "text (columns 1-8) at layout.yaml:"),
    ("omits: [\"sections[0]\"]\n", "omits: [\"sections", "places sections[0]"),
    # was «the value sections[9] inside { } is not quoted»: it stands inside [ ]
    ("omits: [sections[9]]\n", "omits: [sections", "the value sections[9] inside [ ] is not "
                                                   "quoted"),
])
def test_a_layout_that_omits_what_it_places_is_refused_at_its_omits(tmp_path, omits, line_of,
                                                                    says):
    text = BASE.replace("\nrows:", f"\n{omits}rows:", 1)
    (tmp_path / "layout.yaml").write_text(text, encoding="utf-8")
    _page(tmp_path)
    run = spread("check", "content.yaml", "--layout", "layout.yaml", cwd=tmp_path)
    assert_refused(run, "layout.yaml", _line(text, line_of), says)


def test_two_people_of_one_name_are_told_apart_as_the_lint_asks(tmp_path):
    """The repeated-name finding says «tell them apart, e.g. 张伟（女）», and the names rule
    refused that very name («holds «（»»): with --strict, two people of one name could not
    be printed at all. A note in full-width brackets after a name is now a name's part."""
    _page(tmp_path, "    - text: 宁波市先进女职工组织\n", "    - text: 宁波市先进女职工组织\n"
          "      names: [张伟（女）, 张伟（男）]\n")
    run = spread("check", "content.yaml", cwd=tmp_path)
    assert run.code == 0 and not TRACE.search(run.text), run.text
    _page(tmp_path, "    - text: 宁波市先进女职工组织\n", "    - text: 宁波市先进女职工组织\n"
          "      names: [（女）]\n")
    assert_refused(spread("check", "content.yaml", cwd=tmp_path), "content.yaml", 108,
                   "the name «（女）» holds «（»")


@pytest.mark.parametrize("argv, says", [
    (("check", "--fix", "content.yaml", "--content", "other.yaml"),
     "--content names the content a layout file is checked with"),
    (("check", "--fix", "layout.yaml"), "--fix applies to content files; layout.yaml is a layout"),
])
def test_a_refused_check_fix_leaves_the_file_as_it_was(tmp_path, argv, says):
    """--fix wrote its fixes before the option it came with was refused: a command that
    failed had changed the user's file."""
    _edition(tmp_path, "default")
    (tmp_path / "layout.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "content.yaml").write_text("headline: 画说工会,这五年\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.glob("*.yaml")}
    run = spread(*argv, cwd=tmp_path)
    assert run.code == 2 and not TRACE.search(run.text), run.text
    assert says in run.text, run.text
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.yaml")} == before


@pytest.mark.parametrize("template", ["news.yaml", "layout/news.yaml"])
def test_init_from_spread_s_own_layout_written_as_a_file_is_hinted(tmp_path, template):
    """Was the list of every layout: the newcomer meant news and wrote its file's name."""
    run = spread("init", "e", "--template", template, cwd=tmp_path)
    assert run.code == 2 and not TRACE.search(run.text), run.text
    assert "named without a suffix or folder: --template news" in run.text, run.text
    assert not (tmp_path / "e").exists()
