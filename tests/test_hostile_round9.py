"""Round 9 of the hostile files: layouts, fonts and surroundings a user can hand spread, each
run through the console entry point (`spread.cli.main`, forked, its CPU time and memory
bounded). Each case here failed on the code before its mend — exit 3 («internal error»), or
a message in a library's words — and now ends with exit 1 or 2, a message naming the file
(and line:column for YAML), what was expected and a hint, and no traceback."""

from __future__ import annotations

import os
import re
import zlib

import pytest

from conftest import CONTENT
from test_fonts import TEXT, make_font, tiny_page
from test_hostile_inputs import BASE, _line_of, assert_refused, spread

# -- layouts: a value of the wrong type where a name or a list is wanted ----------------------

# name: (text in the default layout, its replacement, words the message holds); found by
# replacing every value of the default layout in turn with a list, a mapping, a number, a
# truth value, nothing: each of these was exit 3
LAYOUT_CASES = {
    # «AttributeError: 'int' object has no attribute 'strip'»: a region's options were
    # checked as YAML read them, the number 5, though their typed reading took the text '5'
    "a banner's accent colour given as a number": (
        "accent: gold, folio: folio", "accent: 5, folio: folio",
        "the banner region's accent is colour '5', which the layout's palette does not define"),
    "a banner's field colour given as true": (
        "field: red, accent: gold", "field: true, accent: gold",
        "the banner region's field is colour 'true'"),
    # «TypeError: normalize() argument 2 must be str, not float»
    "a banner's folio style given as a number": (
        "folio: folio, headline_fit", "folio: 1.5, headline_fit",
        "the banner region's folio is style '1.5', which the layout's styles does not define"),
    "a figures panel's tint given as infinity": (
        "options: {tint: cream, accent: red, divider: gold}",
        "options: {tint: .inf, accent: red, divider: gold}", "colour '.inf'"),
    "a figures panel's divider given as a number": (
        "options: {tint: cream, accent: red, divider: gold}",
        "options: {tint: cream, accent: red, divider: 0}", "colour '0'"),
    # «StopIteration»: the hint for a mapping written where a list is wanted named the
    # mapping's first key, and an empty mapping has none
    "a page size given as an empty mapping": (
        "size: [390mm, 545mm]", "size: {}", "expected a list, found a mapping"),
    "a role's fonts given as an empty mapping": (
        "song: [{file:", "song: {}\n  old_song: [{file:", "expected a list, found a mapping"),
}


def test_every_layout_case_edits_the_default_layout_once():
    for name, (old, _, _) in LAYOUT_CASES.items():
        assert BASE.count(old) == 1, name


@pytest.mark.parametrize("name", LAYOUT_CASES)
def test_a_layout_value_of_the_wrong_type_is_refused_where_it_is_written(tmp_path, name):
    old, new, says = LAYOUT_CASES[name]
    text = BASE.replace(old, new, 1)
    layout = tmp_path / "layout.yaml"
    layout.write_text(text, encoding="utf-8")
    (tmp_path / "content.yaml").write_text("headline: 标题\n", encoding="utf-8")
    line = _line_of(text, new)
    check = spread("check", layout, cwd=tmp_path)
    assert_refused(check, layout, line, says, "hint: ")



def test_two_rows_of_one_name_are_refused_naming_both(tmp_path):
    """Every message about a row names it («row 'lead': height …»): two rows of one name
    were accepted, and a message about either named both."""
    text = BASE.replace("  - name: lead\n", "  - name: banner\n", 1)
    layout = tmp_path / "layout.yaml"
    layout.write_text(text, encoding="utf-8")
    first = _line_of(text, "  - name: banner")
    second = text[:text.index("  - name: banner", text.index("  - name: banner") + 1)
                  ].count("\n") + 1
    for argv in (("check", layout), ("build", CONTENT, "--layout", layout, "-o", "out")):
        run = spread(*argv, cwd=tmp_path)
        assert_refused(run, layout, second, "two rows are named 'banner'",
                       f"hint: the other is at {layout}:{first}:")
    assert not (tmp_path / "out").exists()


# -- fonts: a damaged one is named by its damage, not by the parser's words -------------------

def _font_edited(folder, change):
    """The test font saved by fontTools after `change(font)`."""
    from fontTools.ttLib import TTFont

    font = TTFont(make_font(folder / "Whole.ttf", TEXT))
    change(font)
    font.save(folder / "F.ttf")


def _table_filled(folder, tag: str, skip: int = 0):
    """The test font with a table's bytes (after the first `skip`) all 0xFF."""
    from fontTools.ttLib import TTFont

    whole = make_font(folder / "Whole.ttf", TEXT)
    data = bytearray(whole.read_bytes())
    with TTFont(whole) as parsed:
        entry = parsed.reader.tables[tag]
    data[entry.offset + skip:entry.offset + entry.length] = b"\xff" * (entry.length - skip)
    (folder / "F.ttf").write_bytes(bytes(data))


def _table_past_the_end(folder):
    """The test font cut at the start of its last table."""
    from fontTools.ttLib import TTFont

    whole = make_font(folder / "Whole.ttf", TEXT)
    with TTFont(whole) as parsed:
        last = max(parsed.reader.tables.values(), key=lambda e: e.offset)
    (folder / "F.ttf").write_bytes(whole.read_bytes()[:last.offset + 2])


# name: (how the font is damaged, words the message holds); each was «damaged or not a
# font: » and then a parser's words: «KeyError: 'maxp'», «TTLibError: unknown format for OS/2
# table: version 65535», «TTLibError: 'post' table format -0.000015 not supported»,
# «TTLibError: not enough 'hmtx' table data: expected 20 bytes, got 12»
DAMAGED_FONTS = {
    "no maxp table": (lambda f: _font_edited(f, lambda t: t.__delitem__("maxp")),
                      "it has no maxp table (its glyph count), which every font needs"),
    "no hhea table": (lambda f: _font_edited(f, lambda t: t.__delitem__("hhea")),
                      "it has no hhea table (its line metrics)"),
    "an OS/2 table of 0xFF": (lambda f: _table_filled(f, "OS/2"),
                              "its OS/2 table (its weight, metrics and licence) does not read"),
    "a post table of 0xFF": (lambda f: _table_filled(f, "post"),
                             "its post table (its glyphs' names) does not read"),
    "a file cut inside its last table": (_table_past_the_end, "it is cut short: its "),
}
LIBRARY_WORDS = re.compile(r"TTLibError|KeyError|TTFError|struct\.error|Error:|unpack")


@pytest.mark.parametrize("name", DAMAGED_FONTS)
def test_a_damaged_font_is_named_by_its_damage_in_the_user_s_words(tmp_path, name):
    make, says = DAMAGED_FONTS[name]
    make(tmp_path)
    content, layout = tiny_page(tmp_path, TEXT, [{"file": "F.ttf"}])
    for argv in (("build", content, "--layout", layout, "-o", "out", "--rendition", "print"),
                 ("check", layout)):
        run = spread(*argv, cwd=tmp_path)
        assert_refused(run, layout, 3, "is damaged or not a font: " + says,
                       "hint: name another font, or open this one in a font tool")
        assert not LIBRARY_WORDS.search(run.text), run.text
    assert not (tmp_path / "out").exists()


# -- pictures -----------------------------------------------------------------------------------

def test_a_png_whose_colour_profile_unpacks_past_the_bound_is_said_so_plainly(tmp_path):
    """An iCCP chunk of 200 MB of zeros, compressed to 200 kB: «is damaged: Decompressed data
    too large for PngImagePlugin.MAX_TEXT_CHUNK», the picture library's own words."""
    from test_hostile_inputs import _picture_page, _png_with_chunk

    profile = b"icc\0\0" + zlib.compress(bytes(200 * 2**20), 9)
    (tmp_path / "icc.png").write_bytes(_png_with_chunk(b"iCCP", profile))
    _picture_page(tmp_path, "icc.png")
    run = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", "out",
                 "--rendition", "print", cwd=tmp_path)
    assert_refused(run, "content.yaml", 3, "the picture icc.png holds a note or colour profile "
                   "that unpacks to more than spread reads safely",
                   "hint: save it again without its notes and profile")
    assert "MAX_TEXT_CHUNK" not in run.text and "Pillow" not in run.text


# -- the edition record verify reads ------------------------------------------------------------

@pytest.mark.parametrize("make, says", [
    (lambda p: p.mkdir(), "it is a folder, not a file"),
    (lambda p: os.mkfifo(p), "it is a named pipe, not a file"),
    (lambda p: p.symlink_to(p.name), "hint: it is a symbolic link to content.manifest.json"),
], ids=["a folder", "a named pipe", "a link to itself"])
def test_an_edition_record_that_is_no_file_is_named_for_what_it_is(tmp_path, make, says):
    """«no such file: out/content.manifest.json» was said of a folder or a pipe that is there."""
    record = tmp_path / "content.manifest.json"
    make(record)
    run = spread("verify", record.name, cwd=tmp_path)
    assert run.code == 2 and "Traceback" not in run.text, run.text
    assert f"cannot read the edition record {record.name}: " in run.text and says in run.text
    assert "hint: " in run.text


# -- fonts that map no character by Unicode -----------------------------------------------------

def _cmap_of(platform: int, encoding: int):
    """The test font's character map kept, its subtables relabelled to another platform."""
    def change(font):
        for table in font["cmap"].tables:
            table.platformID, table.platEncID = platform, encoding
        font["cmap"].tables = font["cmap"].tables[:1]
    return change


@pytest.mark.parametrize("platform, encoding, says", [
    (1, 0, "holds only a Macintosh subtable"),
    (3, 0, "holds only a symbol subtable"),
    (3, 3, "holds only a GB2312 (PRC) subtable"),
], ids=["Macintosh", "symbol", "GB2312"])
def test_a_font_that_maps_no_character_by_unicode_is_refused_at_its_line(tmp_path, platform,
                                                                          encoding, says):
    """Every character of the page was listed as missing from every font, at its content
    line, with no word of why: the font's map is one spread does not read."""
    _font_edited(tmp_path, _cmap_of(platform, encoding))
    content, layout = tiny_page(tmp_path, TEXT, [{"file": "F.ttf"}])
    for argv in (("build", content, "--layout", layout, "-o", "out", "--rendition", "print"),
                 ("check", layout), ("fonts", content, "--layout", layout)):
        run = spread(*argv, cwd=tmp_path)
        assert_refused(run, layout, 3, "F.ttf maps no character by Unicode: its character "
                       "map (cmap) " + says, "hint: spread looks characters up by Unicode")
        assert "missing from every configured font" not in run.text


# name: (a repeat's `each` entry on the news layout, words the message holds); `each` is kept
# as YAML read it, and these reached the layout as they were: exit 3, «normalize() argument 2
# must be str, not int», «unhashable type: 'list'», «'int' object has no attribute 'get'»,
# «could not convert string to float: 'x'»
EACH_CASES = {
    "a style named by a number": ("{headline_style: 5}",
                                  "the story region's headline_style is style '5', which the "
                                  "layout's styles does not define"),
    "a style named by a truth value": ("{headline_style: true}", "is style 'true'"),
    "a style named by a list": ("{headline_style: [a]}", "each[0].headline_style): expected "
                                "text, found a list"),
    "photo options given as a number": ("{photo_options: 5}", "(rows[6].repeat.each[0]."
                                        "photo_options): expected a mapping (keys fit"),
    "a photo's most cut in words": ("{photo_options: {most_cut: x}}",
                                    "each[0].photo_options.most_cut): expected a number, "
                                    "found 'x'"),
    "photos after a paragraph count in words": ("{photo_after: x}",
                                                "expected a whole number, found 'x'"),
}


@pytest.mark.parametrize("name", EACH_CASES)
def test_a_repeat_s_each_of_the_wrong_type_is_refused_at_its_place(tmp_path, name):
    from conftest import ROOT

    written, says = EACH_CASES[name]
    old = "measure: 3, each: [{headline_style: second_headline}]}"
    base = (ROOT / "layout" / "news.yaml").read_text(encoding="utf-8").replace(
        "../fonts/", f"{ROOT}/fonts/")
    assert base.count(old) == 1
    text = base.replace(old, f"measure: 3, each: [{written}]}}")
    layout = tmp_path / "news.yaml"
    layout.write_text(text, encoding="utf-8")
    run = spread("check", layout, cwd=tmp_path)
    assert_refused(run, layout, _line_of(text, "measure: 3, each"), says)
