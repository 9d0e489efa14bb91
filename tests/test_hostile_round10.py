"""Round 10 of the hostile files: what layout staff write by hand in a content file, a
layout or beside them, each run through the console entry point (`spread.cli.main`, forked,
its CPU time and memory bounded). Each case here failed on the code before its mend — a
page printed with text missing (exit 0), or a message in the YAML parser's words with a hint
about indentation — and now ends with exit 2, the place (file:line:column), what YAML read
and the text to write instead."""

from __future__ import annotations

import re

import pytest

from test_hostile_inputs import assert_refused, spread

# the YAML parser's own words, which tell a person nothing about their text
PARSER_WORDS = re.compile(r"while scanning|while parsing|cannot start any token|expected "
                          r"alphabetic|could not determine a constructor|incompatible YAML "
                          r"document|duplicate YAML directive|<document|check quoting and "
                          r"indentation|not indented like")


def _content(folder, text: str):
    """The content file `text`, in an edition set by spread's default layout."""
    (folder / "edition.yaml").write_text("layout: default\n", encoding="utf-8")
    path = folder / "content.yaml"
    path.write_text(text, encoding="utf-8")
    return path


# -- a text YAML reads otherwise than it is written ---------------------------------------------

# name: (content, the line the message names, words it holds); before the mend each was
# «this line is not indented like the lines above it» (hint: indentation), or PyYAML's words:
# «expected alphabetic or numeric character, but found ' ' (while scanning an alias)»,
# «found character '@' that cannot start any token», «expected URI, but found '重'»
MARKED_TEXTS = {
    "a paragraph opening with a quotation in ASCII quotes": (
        "headline: 标题\nlead:\n  - \"引语\"后面的文字\n", 3,
        "the text goes on after its closing quote: YAML reads \"引语\" as the whole value",
        "quotes of the other kind: '\"引语\"后面的文字'"),
    "a headline opening with a quotation in single quotes": (
        "headline: '引语'后面\n", 1, "YAML reads '引语' as the whole value",
        "write the quotes as Chinese “ ”", "quotes of the other kind: \"'引语'后面\""),
    "a quotation opening an item of a [ ] list": (
        "headline: 标题\nlead: [\"引语\"后面, 第二段]\n", 2, "goes on after its closing quote",
        "'\"引语\"后面'"),
    "a headline opening with a bracketed note": (
        "headline: [注] 说明\n", 1, "the text starts with '[', which YAML reads as the start "
        "of a list ([注])", "if the '[' belongs to the text, put the whole text in quotes: "
        "\"[注] 说明\""),
    "a paragraph opening with braces": (
        "headline: 标题\nlead:\n  - {注} 说明\n", 3, "the start of a mapping ({注})",
        "\"{注} 说明\""),
    "a list item opening with an asterisk": (
        "headline: 标题\nlead:\n  - * 项目一\n", 3, "a text cannot start with '*' unless it "
        "is in quotes: YAML reads *name as an alias", "\"* 项目一\""),
    "an ampersand first": ("headline: &和\n", 1, "a text cannot start with '&'", "\"&和\""),
    "an exclamation mark first": ("headline: !重要 通知\n", 1,
                                  "a text cannot start with '!'", "\"!重要 通知\""),
    "a quotation mark of e-mail (>) first": ("headline: 标题\nlead:\n  - > 引用的话\n", 3,
                                             "a text cannot start with '>'", "\"> 引用的话\""),
    "a table's bar first": ("headline: | 表格\n", 1, "a text cannot start with '|'",
                            "\"| 表格\""),
    "a Weibo name first": ("headline: 标题\nlead:\n  - @张三 说\n", 3,
                           "a text cannot start with '@'", "\"@张三 说\""),
    "a per cent sign first": ("headline: 标题\nsubhead: %5 增长\n", 2,
                              "a text cannot start with '%'", "\"%5 增长\""),
    "a backtick first": ("headline: `代码`\n", 1, "a text cannot start with '`'",
                         "\"`代码`\""),
    "a word in a local tag": ("headline: !x 通知\n", 1, "YAML reads !x as a tag",
                              "\"!x 通知\""),
}


@pytest.mark.parametrize("name", MARKED_TEXTS)
def test_a_text_opening_with_a_mark_yaml_keeps_is_refused_with_the_text_quoted(tmp_path, name):
    text, line, *says = MARKED_TEXTS[name]
    _content(tmp_path, text)
    for argv in (("check", "content.yaml"), ("build", "content.yaml", "-o", "out")):
        run = spread(*argv, cwd=tmp_path)
        assert_refused(run, "content.yaml", line, *says)
        assert not PARSER_WORDS.search(run.text), run.text
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["a paragraph opening with a quotation in ASCII quotes",
                                  "a headline opening with a bracketed note",
                                  "a list item opening with an asterisk",
                                  "a quotation opening an item of a [ ] list"])
def test_the_quoted_text_the_hint_gives_reads_as_the_text_written(tmp_path, name):
    """The hint's text, written in place of the line's, is the text the person wrote."""
    text, line, *says = MARKED_TEXTS[name]
    _content(tmp_path, text)
    hint = spread("check", "content.yaml", cwd=tmp_path).text
    quoted = re.search(r"^hint: .*quotes(?: of the other kind)?: (.+)$", hint, re.M)[1]
    meant = quoted[1:-1].replace("''", "'")
    written = text.splitlines()[line - 1]
    _content(tmp_path, text.replace(meant, quoted, 1))
    dump = spread("dump", "--stage", "content", "content.yaml", cwd=tmp_path)
    assert dump.code == 0, (written, dump.text)
    assert f": {meant}\n" in dump.out, dump.out


# -- text YAML drops or splits without a word (each was exit 0, the page printed short) ---------

SILENT_CUTS = {
    # a Weibo/WeChat topic after a space: YAML reads ' #' as a comment's start
    "a topic after a space": (
        "headline: 标题\nlead:\n  - 网友在微博 #两会# 话题下留言，阅读量过亿。\n", 3,
        "YAML reads ' #两会#' and the rest of the line as a comment, so «#两会# 话题下留言，"
        "阅读量过亿。» would not print", "or write the topic's # full width: ＃两会＃"),
    "a topic on a paragraph's second line": (
        "headline: 标题\nlead:\n  - 网友留言\n    说 #两会# 好\n", 4, "so «#两会# 好» would not "
        "print", "put the whole text in quotes, or write"),
    # a thousands comma in [ ]: two items, «全年完成投资1» and «200万元», two paragraphs
    "a figure with a thousands comma in a [ ] list": (
        "headline: 标题\nlead: [全年完成投资1,200万元]\n", 2,
        "inside [ ] a ',' ends an item, so YAML reads 全年完成投资1,200万元 as two: "
        "«全年完成投资1» and «200万元»", "\"全年完成投资1,200万元\""),
    # `! 通知`: the '!' is a tag meaning «a text», and is dropped
    "an exclamation mark and a space first": (
        "headline: 标题\nlead:\n  - ! 注意安全\n", 3,
        "YAML reads the '!' at the start of this text as a tag, and drops it", "\"! 注意安全\""),
    # tags on a mapping or a list were passed over: the section was read as if untagged
    "a section tagged as a Python object": (
        "headline: 标题\nsections:\n  - !!python/object:os.system {title: 甲}\n", 3,
        "a mapping tagged !!python/object:os.system: spread reads plain mappings and lists",
        "delete the tag !!python/object:os.system"),
    "a list tagged as a set": ("headline: 标题\nlead: !!set {甲, 乙}\n", 2,
                               "a mapping tagged !!set"),
    "a list tagged as an ordered mapping": ("headline: 标题\nlead: !!omap [a: 1]\n", 2,
                                            "a list tagged !!omap"),
}


@pytest.mark.parametrize("name", SILENT_CUTS)
def test_text_yaml_would_drop_or_split_is_refused_where_it_is_cut(tmp_path, name):
    text, line, *says = SILENT_CUTS[name]
    _content(tmp_path, text)
    for argv in (("dump", "--stage", "content", "content.yaml"), ("check", "content.yaml")):
        assert_refused(spread(*argv, cwd=tmp_path), "content.yaml", line, *says)


@pytest.mark.parametrize("text, read", [
    ("headline: 标题   # 主标题\n", "headline: 标题\n"),  # a comment, as spread init writes
    ("headline: 标题 # 编号#\n", "headline: 标题\n"),  # a comment: a space after the '#'
    ("headline: 标题\nlead: [1,200]\n", "lead[1]: 200\n"),  # no Chinese text: a list of two
    ("headline: 标题\nlead: [投资1, 200万元]\n", "lead[1]: 200万元\n"),  # a space: two items
    ("headline: ! \"通知\"\n", "headline: 通知\n"),  # quoted: nothing dropped
    ("headline: 标题\nlead: !!seq [甲]\n", "lead[0]: 甲\n"),  # the tag a list has anyway
])
def test_comments_and_lists_written_as_yaml_means_them_still_read(tmp_path, text, read):
    _content(tmp_path, text)
    run = spread("dump", "--stage", "content", "content.yaml", cwd=tmp_path)
    assert run.code == 0 and read in run.out, run.text


# -- directives and document markers ---------------------------------------------------------

DIRECTIVES = {
    "a YAML version spread does not read": ("%YAML 9.9\n---\nheadline: 标题\n", 1,
                                            "the file declares %YAML 9.9: spread reads YAML "
                                            "of version 1 (1.1 or 1.2)", "delete the line"),
    "two version lines": ("%YAML 1.1\n%YAML 1.2\n---\nheadline: 标题\n", 2,
                          "a second %YAML line", "delete the line"),
    "a tag directive cut short": ("%TAG !x!\n---\nheadline: 标题\n", 1,
                                  "the directive line %TAG !x! does not read"),
    "a directive without its ---": ("%YAML 1.2\nheadline: 标题\n", 1,
                                    "after a % directive line YAML wants a line of ---"),
    "text after the document's end": ("headline: 标题\n...\nlead: [正文]\n", 2,
                                      "a line of ... ends the document here",
                                      "delete the ... line"),
}


@pytest.mark.parametrize("name", DIRECTIVES)
def test_a_directive_or_document_end_is_said_in_the_user_s_words(tmp_path, name):
    text, line, *says = DIRECTIVES[name]
    _content(tmp_path, text)
    run = spread("check", "content.yaml", cwd=tmp_path)
    assert_refused(run, "content.yaml", line, *says)
    assert not PARSER_WORDS.search(run.text), run.text


# -- a font collection asked for no face, or one it has not -----------------------------------

def _collection(folder):
    """A collection of two faces, Spread Alpha and Spread Beta, as F.ttc."""
    from fontTools.ttLib import TTCollection, TTFont

    from test_fonts import TEXT, make_font

    collection = TTCollection()
    collection.fonts = [TTFont(make_font(folder / f"{name}.ttf", TEXT, family=f"Spread {name}"))
                        for name in ("Alpha", "Beta")]
    collection.save(str(folder / "F.ttc"))


@pytest.mark.parametrize("face, says", [
    (None, "F.ttc is a font collection: the layout must say which face (face: its number or "
           "its name); it holds 2 faces, face 0 to face 1:\n  0: Spread Alpha"),
    (5, "F.ttc has no face 5: it holds 2 faces, face 0 to face 1:\n  0: Spread Alpha"),
    ("Gamma", "F.ttc has no face named 'Gamma': it holds 2 faces"),
], ids=["no face", "face 5 of 2", "a name none has"])
def test_a_collection_s_faces_are_listed_in_the_layout_s_words(tmp_path, face, says):
    """«F.ttc is a font collection; pass face= (index or name). Available faces: …», the
    font library's words, its last face followed by the file's path."""
    from test_fonts import TEXT, tiny_page

    _collection(tmp_path)
    entry = {"file": "F.ttc"} | ({} if face is None else {"face": face})
    content, layout = tiny_page(tmp_path, TEXT, [entry])
    for argv in (("build", content, "--layout", layout, "-o", "out"), ("check", layout)):
        run = spread(*argv, cwd=tmp_path)
        assert_refused(run, layout, 3, says, "hint: of a collection, name a face it holds")
        assert "face=" not in run.text and "Available" not in run.text, run.text
        assert re.search(r"Spread Beta / Regular\)\n", run.text), run.text  # no path after


# -- a picture far below print's resolution ----------------------------------------------------

@pytest.mark.parametrize("pixels, says", [
    ((1, 1), r"dot\.png is 0\.\d+ ppi effective, below the 170 ppi minimum for print: its 1 × 1 "
             r"pixels are set \d+ × \d+ mm"),
    ((40, 30), r"dot\.png is \d\.\d ppi effective, below the 170 ppi minimum for print: its "
               r"40 × 30 pixels are set \d+ × \d+ mm"),
], ids=["one pixel", "a thumbnail"])
def test_a_picture_far_too_small_for_print_says_how_many_pixels_it_needs(tmp_path, pixels,
                                                                          says):
    """«the picture dot.png is 0 ppi effective»: no resolution is nought, and nothing said
    what would do."""
    from PIL import Image

    from test_hostile_inputs import _picture_page

    Image.new("RGB", pixels, (200, 30, 30)).save(tmp_path / "dot.png")
    _picture_page(tmp_path, "dot.png")
    run = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", "out",
                 "--rendition", "print", cwd=tmp_path)
    assert_refused(run, "content.yaml", 3, "hint: print needs ")
    assert re.search(says, run.text) and " 0 ppi" not in run.text, run.text
    needs = re.search(r"print needs (\d+) × (\d+) pixels at that size", run.text)
    set_mm = re.search(r"pixels are set (\d+) × (\d+) mm", run.text)
    for px, mm in zip(needs.groups(), set_mm.groups()):  # 170 ppi over the size set
        assert abs(int(px) - 170 * int(mm) / 25.4) <= 170 / 25.4, run.text
    proof = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", "out",
                   "--rendition", "proof", cwd=tmp_path)  # the proof notes it, in like words
    assert proof.code == 0 and re.search(says, proof.text), proof.text


# -- verify given a file that is no edition record --------------------------------------------

@pytest.mark.parametrize("data, says", [
    ("headline: 标题\n".encode(), "it does not read as JSON (line 1, column 1)"),
    (b'{"format": ', "it does not read as JSON (line 1, column 12)"),
    (b"\xff\xfe{}", "it is not UTF-8 text"),
], ids=["the content file", "a record cut short", "UTF-16"])
def test_verify_of_a_file_that_is_no_record_says_so_without_the_json_reader_s_words(tmp_path,
                                                                                      data,
                                                                                      says):
    """«cannot read the edition record content.yaml: Expecting value: line 1 column 1 (char
    0)», and no hint."""
    (tmp_path / "record.json").write_bytes(data)
    run = spread("verify", "record.json", cwd=tmp_path)
    assert run.code == 2 and "Traceback" not in run.text, run.text
    assert f"cannot read the edition record record.json: {says}" in run.text, run.text
    assert "hint: verify reads the record a build wrote" in run.text, run.text
    assert "Expecting" not in run.text and "char " not in run.text, run.text


# -- an edition folder without its content ------------------------------------------------------

def test_an_edition_folder_without_its_content_says_what_it_lacks(tmp_path):
    """«cannot read page/content.yaml: No such file or directory», and no hint: the folder
    is an edition's (its edition.yaml is there), its content saved under another name."""
    folder = tmp_path / "page"
    folder.mkdir()
    (folder / "edition.yaml").write_text("layout: default\n", encoding="utf-8")
    (folder / "头版.yaml").write_text("headline: 标题\n", encoding="utf-8")
    for argv in (("build", "page"), ("check", "page"), ("build", "page/content.yaml")):
        run = spread(*argv, cwd=tmp_path)
        assert run.code == 2 and "Traceback" not in run.text, run.text
        assert "hint: the edition folder page holds no content.yaml (its YAML files: " \
               "头版.yaml): write the page's content there, or name the content file" \
               in run.text, run.text
    assert not (folder / "out").exists()


@pytest.mark.parametrize("old, new, says, hint", [
    ('columns: 1-5, content: "sections[0]"', 'columns: 1,5, content: "sections[0]"',
     "inside { } a ',' ends a value, so YAML reads columns: 1,5 as columns: 1 and a key '5'",
     "a span of columns is written 1-5; a number with a decimal point 1.5"),
    ("leading: 1.55, indent: 2}", "leading: 1,55, indent: 2}",
     "YAML reads leading: 1,55 as leading: 1 and a key '55'", "decimal point 1.55"),
], ids=["a span of columns", "a decimal comma"])
def test_a_comma_inside_braces_is_named_not_blamed_on_a_key_5(tmp_path, old, new, says, hint):
    """«unknown key '5' in Region» (hint: the keys a region takes): the ',' with no space
    ended the value, and YAML read the rest as a key."""
    from test_hostile_inputs import BASE, _line_of

    assert BASE.count(old) >= 1
    text = BASE.replace(old, new, 1)
    layout = tmp_path / "layout.yaml"
    layout.write_text(text, encoding="utf-8")
    run = spread("check", layout, cwd=tmp_path)
    assert_refused(run, layout, _line_of(text, new), says, hint)
    assert "unknown key" not in run.text, run.text


# -- a key other newsroom systems use ------------------------------------------------------------

@pytest.mark.parametrize("text, line, hint", [
    ("headline: 标题\nphotos:\n  - file: a.jpg\n", 2, "spread calls it 'pictures'"),
    ("headline: 标题\nauthor: 本报记者 张三\n", 2, "spread calls it 'byline'"),
    ("title: 标题\n", 1, "spread calls it 'headline': did you mean 'headline'? (or, if it "
                         "belongs to a part inside: 'title' is a key of Section"),
    ("headline: 标题\nsections:\n  - title: 甲\n    text: [正文]\n", 4,
     "spread calls it 'body'"),
], ids=["photos", "author", "title at the top", "a section's text"])
def test_a_key_named_as_other_systems_name_it_is_given_spread_s_name(tmp_path, text, line,
                                                                    hint):
    """The hint listed every key Content takes (photos: «expected keys: headline, kicker, …»),
    or named a key of a part inside for a title at the top."""
    _content(tmp_path, text)
    assert_refused(spread("check", "content.yaml", cwd=tmp_path), "content.yaml", line,
                   "unknown key", "hint: " + hint)


# -- a spread's grid of no width ------------------------------------------------------------------

@pytest.mark.parametrize("old, new", [
    ("  gutter: 1.5字", "  gutter: .nan"),
    ("  fold_gutter: 24mm", "  fold_gutter: .nan"),
], ids=["gutter", "fold gutter"])
def test_a_spread_s_gutter_of_no_number_is_refused_at_its_line(tmp_path, old, new):
    """exit 3, «cannot convert float NaN to integer»: the gutter was refused, but a NaN passed
    the grid's own test (NaN < 0 is false) and a split region's measure was then reckoned."""
    from conftest import ROOT
    from test_hostile_inputs import _line_of

    base = (ROOT / "layout" / "tabloid-spread.yaml").read_text(encoding="utf-8").replace(
        "../fonts/", f"{ROOT}/fonts/")
    assert base.count(old) == 1
    text = base.replace(old, new)
    layout = tmp_path / "spread.yaml"
    layout.write_text(text, encoding="utf-8")
    assert_refused(spread("check", layout, cwd=tmp_path), layout, _line_of(text, new),
                   "gutter must be at least 0 mm")


# -- another kind of file given for the content or the layout ----------------------------------

def _docx(path):
    import zipfile

    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")


@pytest.mark.parametrize("name, make, says, hint", [
    ("头版.docx", _docx, "the file is a ZIP archive (a Word .docx", "copy its text into a "
     "content file"),
    ("头版.doc", lambda p: p.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(500)),
     "the file is an Office document (a Word .doc", "copy its text into a content file"),
    ("头版.rtf", lambda p: p.write_text("{\\rtf1\\ansi 标题}", encoding="utf-8"),
     "the file is an RTF document", "copy its text"),
    ("page.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"),
     "the file is a PDF file", "spread builds PDFs from a content file; `spread check"),
    ("photo.png", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100)), "the file is a "
     "picture", "a picture is named in the content file"),
    ("big.ttf", lambda p: p.write_bytes(b"\x00\x01\x00\x00" + bytes(3 * 2**20)),
     "the file is a font file", "fonts are named in the layout"),
], ids=["a Word document", "an old Word document", "RTF", "an all-ASCII PDF", "a picture",
        "a font past the size bound"])
def test_a_file_of_another_kind_given_as_content_is_named_for_what_it_is(tmp_path, name, make,
                                                                          says, hint):
    """«the file is not UTF-8 text; hint: save the file as UTF-8» — or for a PDF all in ASCII
    a YAML directive's error, for a font over 2 MB «file is 3.1 MB»: none of them says the
    file is no content file at all."""
    (tmp_path / "edition.yaml").write_text("layout: default\n", encoding="utf-8")
    make(tmp_path / name)
    for argv in (("build", name), ("check", name), ("build", "--layout", name, name)):
        if argv[0] == "check" and name.endswith(".pdf"):
            continue  # check reads a PDF as a PDF, and says what is wrong with it
        run = spread(*argv, cwd=tmp_path)
        assert run.code == 2 and "Traceback" not in run.text, run.text
        assert f"spread: {name}: {says}" in run.text and f"hint: {hint}" in run.text, run.text
        assert "UTF-8 text" not in run.text.replace("YAML text file", ""), run.text


def test_an_edition_record_given_as_content_or_layout_is_named_for_what_it_is(tmp_path):
    """«unknown key 'environment' in Content»: JSON is YAML, and the record read as content."""
    assert spread("init", "page", cwd=tmp_path).code == 0  # a skeleton that builds
    tmp_path = tmp_path / "page"
    build = spread("build", "content.yaml", "-o", "out", "--rendition", "print", cwd=tmp_path)
    assert build.code == 0, build.text
    record = "out/content.manifest.json"
    for argv, kind in ((("check", record), "content"),
                       (("build", "content.yaml", "--layout", record, "-o", "o2"), "layout")):
        run = spread(*argv, cwd=tmp_path)
        assert_refused(run, record, 1, f"content.manifest.json is an edition record (what a "
                       f"build read and wrote), not a {kind} file",
                       f"hint: spread verify {record} builds again from it")
        assert "unknown key" not in run.text, run.text


# -- the output folder -------------------------------------------------------------------------

def test_a_folder_named_like_a_temporary_of_the_edition_is_left_alone(tmp_path):
    """«cannot finish writing the edition in out: [Errno 21] Is a directory:
    'out/.content.proof.png.tmp'»: every build failed while a folder of that name stood in
    the output folder, taken for a temporary a stopped build had left."""
    assert spread("init", "page", cwd=tmp_path).code == 0
    page = tmp_path / "page"
    (page / "out" / ".content.proof.png.tmp").mkdir(parents=True)
    (page / "out" / ".content.proof.png.tmp" / "keep").write_text("x", encoding="utf-8")
    run = spread("build", "content.yaml", "--rendition", "print,proof", cwd=page)
    assert run.code == 0, run.text
    assert (page / "out" / "content.proof.png").is_file()
    assert (page / "out" / ".content.proof.png.tmp" / "keep").is_file()


def test_a_collection_s_face_number_written_in_quotes_is_that_face(tmp_path):
    """face: "1" was looked for as a name («has no face named '1'») though face 1 is there."""
    from test_fonts import TEXT, tiny_page

    _collection(tmp_path)
    content, layout = tiny_page(tmp_path, TEXT, [{"file": "F.ttc", "face": "1"}])
    run = spread("build", content, "--layout", layout, "-o", "out", "--rendition", "print",
                 cwd=tmp_path)
    assert run.code == 0, run.text
    import pikepdf

    with pikepdf.open(tmp_path / "out" / "page.print.pdf") as pdf:
        fonts = {str(f.get("/BaseFont")) for f in pdf.pages[0].Resources.Font.values()}
    assert any("SpreadBeta" in f for f in fonts), fonts
