"""Font files a layout may name that are not fonts, or not where fonts may be: each is refused
by the real console entry point with exit 2 and the layout's line:column, no traceback, and
in bounded CPU time (a device or a pipe must not be read at all)."""

from __future__ import annotations

import os
import struct
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from spread.fonts.cache import VERSION, FontCache
from spread.fonts.faces import Face
from spread.fonts.locate import MAX_FONT_BYTES
from conftest import CONTENT, LAYOUT
from test_fonts import TEXT, embedded_fonts, make_font, pdf_text, tiny_page

CPU_SECONDS = 60  # a hang shows as a CPU limit kill long before; a good run takes ~2 s


def spread(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`spread ARGS` through the console entry point, its CPU time bounded; a process blocked
    on a read uses no CPU, so it also gets a generous timeout of its own."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))

    script = Path(sys.executable).with_name("spread")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "spread"]
    return subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True,
                          preexec_fn=limit, stdin=subprocess.DEVNULL, timeout=600)


def page_naming(tmp_path: Path, font: str, *, folders: list[str] | None = None) -> Path:
    """The tiny page's layout with its one font `font` (and `font_folders`); its content."""
    content, layout = tiny_page(tmp_path, TEXT, [{"file": font}])
    if folders is not None:
        data = yaml.safe_load(layout.read_text(encoding="utf-8"))
        data["font_folders"] = folders
        layout.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return content


def refused(tmp_path: Path, content: Path, *message: str, command: str = "build") -> str:
    layout = content.with_name("page.layout.yaml")
    args = [command, str(content), "--layout", str(layout)]
    result = spread(*(args + ["-o", str(tmp_path / "out")] if command == "build" else args),
                    cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    line = next(i for i, text in enumerate(layout.read_text().splitlines(), 1)
                if "file:" in text)
    assert f"{layout}:{line}:" in result.stderr, result.stderr
    for part in message:
        assert part in result.stderr, result.stderr
    assert not (tmp_path / "out" / "page.print.pdf").exists()
    return result.stderr


def test_garbage_bytes(tmp_path):
    (tmp_path / "Garbage.ttf").write_bytes(os.urandom(4096))
    refused(tmp_path, page_naming(tmp_path, "Garbage.ttf"), "not a TrueType or OpenType font")


def test_a_text_file_named_like_a_font(tmp_path):
    (tmp_path / "Notes.otf").write_text("这不是字体文件\n" * 50, encoding="utf-8")
    refused(tmp_path, page_naming(tmp_path, "Notes.otf"), "not a TrueType or OpenType font")


def test_etc_passwd_is_outside_the_edition(tmp_path):
    refused(tmp_path, page_naming(tmp_path, "/etc/passwd"), "outside the edition folder",
            "font_folders")


def test_etc_passwd_in_an_allowed_folder_is_no_font(tmp_path):
    refused(tmp_path, page_naming(tmp_path, "/etc/passwd", folders=["/etc"]),
            "not a TrueType or OpenType font")


@pytest.mark.parametrize("command", ["build", "fonts"])
def test_dev_zero_is_refused_without_reading_it(tmp_path, command):
    content = page_naming(tmp_path, "/dev/zero", folders=["/dev"])
    refused(tmp_path, content, "not a regular file", command=command)


def test_a_pipe_is_refused_without_opening_it(tmp_path):
    os.mkfifo(tmp_path / "Pipe.ttf")
    refused(tmp_path, page_naming(tmp_path, "Pipe.ttf"), "not a regular file")


def test_a_folder_named_like_a_font(tmp_path):
    (tmp_path / "Folder.ttf").mkdir()
    refused(tmp_path, page_naming(tmp_path, "Folder.ttf"), "not a regular file")


def test_a_font_beyond_the_size_bound(tmp_path):
    with open(tmp_path / "Huge.ttf", "wb") as fh:  # sparse: no disk used
        fh.write(b"\x00\x01\x00\x00")
        fh.truncate(MAX_FONT_BYTES + 1)
    refused(tmp_path, page_naming(tmp_path, "Huge.ttf"), "more than the 256 MB")


def test_a_truncated_font(tmp_path):
    whole = make_font(tmp_path / "Whole.ttf", TEXT).read_bytes()
    (tmp_path / "Cut.ttf").write_bytes(whole[:300])
    refused(tmp_path, page_naming(tmp_path, "Cut.ttf"), "damaged or not a font")


def test_a_font_with_a_corrupt_table(tmp_path):
    from fontTools.ttLib import TTFont

    font = make_font(tmp_path / "Whole.ttf", TEXT)
    data = bytearray(font.read_bytes())
    with TTFont(font) as parsed:
        offset = parsed.reader.tables["cmap"].offset
    data[offset:offset + 64] = b"\xff" * 64  # the cmap header and subtable records
    (tmp_path / "Broken.ttf").write_bytes(bytes(data))
    refused(tmp_path, page_naming(tmp_path, "Broken.ttf"), "damaged or not a font")


def test_a_missing_font_names_the_layout_line(tmp_path):
    refused(tmp_path, page_naming(tmp_path, "fonts/Gone.ttf"), "cannot open the font",
            "No such file")


def test_a_link_out_of_the_edition_is_followed_and_refused(tmp_path):
    (tmp_path / "Link.ttf").symlink_to("/etc/passwd")
    refused(tmp_path, page_naming(tmp_path, "Link.ttf"), "outside the edition folder")


def test_a_font_in_a_listed_folder_builds(tmp_path):
    library = tmp_path.parent / f"{tmp_path.name}-library"
    library.mkdir()
    make_font(library / "Shared.ttf", TEXT)
    content = page_naming(tmp_path, f"../{library.name}/Shared.ttf",
                          folders=[f"../{library.name}"])
    # print only: the proof's slug needs '?' and digits, which this font lacks
    result = spread("build", str(content), "--layout", str(content.with_name(
        "page.layout.yaml")), "-o", str(tmp_path / "out"), "--rendition", "print",
        cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "page.print.pdf").exists()


def test_check_of_a_layout_alone_opens_its_fonts(tmp_path):
    """`spread check LAYOUT` reads what a build reads of the layout, its fonts too: a
    missing one is refused at its line, counted as the one error it is."""
    layout = page_naming(tmp_path, "fonts/Gone.ttf").with_name("page.layout.yaml")
    result = spread("check", str(layout), cwd=tmp_path)
    said = result.stdout + result.stderr
    line = next(i for i, text in enumerate(layout.read_text().splitlines(), 1)
                if "file:" in text)
    assert result.returncode == 2 and f"{layout}:{line}:" in said, said
    assert "cannot open the font" in said and "hint:" in said
    assert f"{layout}: 1 error; does not validate" in said and "0 finding" not in said


def test_a_font_whose_glyphs_are_damaged(tmp_path):
    """The glyph table overwritten: .notdef reads as a composite of glyph 65535. fontTools
    reads the font's tables without complaint; ReportLab, embedding it, would fail only when
    the PDF is saved — the face is refused at its layout line instead."""
    from fontTools.ttLib import TTFont

    font = make_font(tmp_path / "Whole.ttf", TEXT)
    data = bytearray(font.read_bytes())
    with TTFont(font) as parsed:
        offset = parsed.reader.tables["glyf"].offset
    data[offset:offset + 64] = b"\xff" * 64
    (tmp_path / "Glyphs.ttf").write_bytes(bytes(data))
    refused(tmp_path, page_naming(tmp_path, "Glyphs.ttf"), "damaged or not a font")


def test_a_link_to_itself(tmp_path):
    """Path.resolve raises on a loop of links; the font is reported as unreadable, and the
    hint says where the link leads (it said «paths are relative to the layout file»)."""
    (tmp_path / "Loop.ttf").symlink_to("Loop.ttf")
    refused(tmp_path, page_naming(tmp_path, "Loop.ttf"), "cannot open the font",
            "symbolic links", "hint: it is a symbolic link to Loop.ttf, which does not lead "
                              "to a file")


def test_a_face_asked_of_a_font_that_is_no_collection(tmp_path):
    """The hint spoke of «a collection» for a font that is one face."""
    make_font(tmp_path / "One.ttf", TEXT)
    content, layout = tiny_page(tmp_path, TEXT, [{"file": "One.ttf", "face": 2}])
    result = build_page(tmp_path, content)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"spread: {layout}:3:5 (fonts.song[0]): cannot open this "
                                    "font"), result.stderr
    assert "has no face 2: it is one font, Spread Test, not a collection of several" \
        in result.stderr and "hint: leave out face:" in result.stderr, result.stderr


def test_a_link_to_nothing(tmp_path):
    (tmp_path / "Gone.ttf").symlink_to("Moved.ttf")
    refused(tmp_path, page_naming(tmp_path, "Gone.ttf"), "cannot open the font",
            "hint: it is a symbolic link to Moved.ttf, which does not lead to a file")


# --- fonts that parse but draw nothing a reader sees ------------------------------------------

def zeroed(tmp_path: Path, table: str, name: str) -> Path:
    """The test font with one table's bytes all zero: zeroed `loca` points every glyph at
    an empty slot, zeroed `glyf` gives every glyph no contours — fontTools and ReportLab read
    either without complaint, and every character would print as nothing."""
    from fontTools.ttLib import TTFont

    font = make_font(tmp_path / "Whole.ttf", TEXT)
    data = bytearray(font.read_bytes())
    with TTFont(font) as parsed:
        entry = parsed.reader.tables[table]
    data[entry.offset:entry.offset + entry.length] = bytes(entry.length)
    (tmp_path / name).write_bytes(bytes(data))
    return tmp_path / name


def with_advance(tmp_path: Path, units: int, name: str, *, upem: int = 1000,
                 chars: str = TEXT) -> Path:
    """The test font with every glyph advancing `units` (its ink left as it is), and its
    head saying `upem` units per em."""
    from fontTools.ttLib import TTFont

    font = TTFont(make_font(tmp_path / "Whole.ttf", chars))
    for glyph, (_, lsb) in list(font["hmtx"].metrics.items()):
        font["hmtx"][glyph] = (units, lsb)
    font["head"].unitsPerEm = upem
    font.save(tmp_path / name)
    return tmp_path / name


def build_page(tmp_path: Path, content: Path) -> subprocess.CompletedProcess:
    layout = content.with_name("page.layout.yaml")
    return spread("build", str(content), "--layout", str(layout), "-o", str(tmp_path / "out"),
                  "--rendition", "print", cwd=tmp_path)


@pytest.mark.parametrize("table", ["glyf", "loca"])
def test_a_font_whose_outlines_are_zeroed_is_no_font_for_its_characters(tmp_path, table):
    """Once built with exit 0, every character invisible: now each is a missing glyph,
    named with where it is written and why the font does not draw it."""
    content = page_naming(tmp_path, str(zeroed(tmp_path, table, "Zeroed.ttf")))
    result = build_page(tmp_path, content)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    for ch in TEXT:
        assert f"'{ch}' (U+{ord(ch):04X}) at {content}:" in result.stderr, result.stderr
    assert "its glyph has no ink" in result.stderr and "damaged" in result.stderr
    assert not (tmp_path / "out" / "page.print.pdf").exists()


@pytest.mark.parametrize("units", [0, 1])
def test_a_font_whose_advances_are_zero_or_one_unit_is_no_font_for_its_characters(
        tmp_path, units):
    """Advances of 0 or 1 unit in 1000 would stack every character on the first."""
    content = page_naming(tmp_path, str(with_advance(tmp_path, units, "Stacked.ttf")))
    result = build_page(tmp_path, content)
    assert result.returncode == 2, result.stderr
    assert "its glyph has no advance" in result.stderr and "Traceback" not in result.stderr


def test_the_next_face_of_the_chain_draws_what_a_zeroed_face_maps(tmp_path):
    from test_fonts import embedded_fonts, pdf_text

    good = make_font(tmp_path / "Good.ttf", TEXT, family="Spread Good")
    content, layout = tiny_page(tmp_path, TEXT, [
        {"file": str(zeroed(tmp_path, "glyf", "Zeroed.ttf"))}, {"file": str(good)}])
    result = build_page(tmp_path, content)
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "out" / "page.print.pdf"
    assert TEXT in pdf_text(pdf)
    assert list(embedded_fonts(pdf)) == ["SpreadGood-Regular"]


def test_spaces_and_format_characters_draw_no_ink_and_that_is_right(tmp_path):
    """A full-width space has an empty glyph in any font: the face that maps it sets it (a
    zero-width space, which content refuses, is measured alike)."""
    from fontTools.ttLib import TTFont

    chars = TEXT + "\u3000\u200b"
    font = TTFont(make_font(tmp_path / "Whole.ttf", chars))
    glyf = font["glyf"]
    for ch in "\u3000\u200b":
        glyf[f"u{ord(ch):X}"].numberOfContours = 0
        glyf[f"u{ord(ch):X}"].coordinates, glyf[f"u{ord(ch):X}"].endPtsOfContours = [], []
    font["hmtx"]["u200B"] = (0, 0)
    font.save(tmp_path / "Spaces.ttf")
    face = Face(str(tmp_path / "Spaces.ttf"), "song.0", cache=FontCache(tmp_path / "c"))
    assert face.has("\u3000") and face.has("\u200b") and face.empty("吉") is None
    content, _ = tiny_page(tmp_path, "吉祥\u3000的字", [{"file": str(tmp_path / "Spaces.ttf")}])
    result = build_page(tmp_path, content)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("upem", [1, 15, 16385])
def test_units_per_em_outside_the_opentype_range_is_refused_at_the_fonts_line(tmp_path, upem):
    font = with_advance(tmp_path, 1000, "Odd.ttf", upem=upem)
    refused(tmp_path, page_naming(tmp_path, str(font)), f"{upem} units per em",
            "16 to 16384", "hint:")


def test_sixteen_units_per_em_in_range_builds(tmp_path):
    """The spec's smallest em: a font drawn at that scale sets as any other."""
    from fontTools.ttLib import TTFont

    font = TTFont(make_font(tmp_path / "Whole.ttf", TEXT))
    font["head"].unitsPerEm = 16
    for glyph in font.getGlyphOrder():  # every outline and advance scaled to 16 units
        g = font["glyf"][glyph]
        if g.numberOfContours > 0:
            g.coordinates.scale((0.016, 0.016))
            g.coordinates.toInt()
            g.recalcBounds(font["glyf"])
        font["hmtx"][glyph] = (16, 1)
    font.save(tmp_path / "Small.ttf")
    result = build_page(tmp_path, page_naming(tmp_path, str(tmp_path / "Small.ttf")))
    assert result.returncode == 0, result.stderr


# --- the hunt: fonts that parse in part, or draw text off its place ---------------------------

def edited(tmp_path: Path, name: str, change) -> Path:
    """The test font saved by fontTools after `change(font)`."""
    from fontTools.ttLib import TTFont

    font = TTFont(make_font(tmp_path / "Whole.ttf", TEXT))
    change(font)
    font.save(tmp_path / name)
    return tmp_path / name


def patched_bytes(tmp_path: Path, name: str, change) -> Path:
    """The test font's bytes after `change(data, tables)`: tables maps a tag to its
    (offset, length) in the file."""
    from fontTools.ttLib import TTFont

    font = make_font(tmp_path / "Whole.ttf", TEXT)
    data = bytearray(font.read_bytes())
    with TTFont(font) as parsed:
        tables = {tag: (e.offset, e.length) for tag, e in parsed.reader.tables.items()}
    change(data, tables)
    (tmp_path / name).write_bytes(bytes(data))
    return tmp_path / name


def _far_ink(font) -> None:
    glyph = font["glyf"][f"u{ord(TEXT[0]):X}"]
    glyph.coordinates.translate((30000, 0))  # 30 em right of where the glyph stands
    glyph.recalcBounds(font["glyf"])


def _huge_advances(font) -> None:
    for glyph, (_, lsb) in list(font["hmtx"].metrics.items()):
        font["hmtx"][glyph] = (65535, lsb)


def _cmap_14_only(font) -> None:
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    table = CmapSubtable.newSubtable(14)
    table.platformID, table.platEncID, table.language = 0, 5, 0xFF
    table.cmap, table.uvsDict = {}, {0xFE00: [(ord(TEXT[0]), None)]}
    font["cmap"].tables = [table]


def _zero(tag: str, skip: int = 0):
    def change(data, tables):
        offset, length = tables[tag]
        data[offset + skip:offset + length] = bytes(length - skip)
    return change


def _number(tag: str, at: int, value: int, fmt: str = ">H"):
    def change(data, tables):
        struct.pack_into(fmt, data, tables[tag][0] + at if tag else at, value)
    return change


# name: (how the font is made from the test font, exit code, words the message holds);
# exit 2 at the layout's font line, or a missing glyph (exit 2) at the content's line
FONT_HUNT = {
    "ink 30 em right of its glyph": (lambda p: edited(p, "F.ttf", _far_ink), "page.yaml",
                                     "its glyph has ink more than 2 em outside its advance"),
    "every advance 65535 units": (lambda p: edited(p, "F.ttf", _huge_advances), "page.yaml",
                                  "its glyph has an advance of 65.5 em"),
    # round 9: refused at the font's line, not character by character at the content's
    "a cmap of format 14 alone": (lambda p: edited(p, "F.ttf", _cmap_14_only),
                                  "page.layout.yaml", "maps no character by Unicode: its "
                                  "character map (cmap) holds only variation sequences alone "
                                  "(format 14)"),
    "a truncated cmap": (lambda p: patched_bytes(p, "F.ttf", _zero("cmap", 12)),
                         "page.layout.yaml", "damaged or not a font"),
    "maxp claiming 65535 glyphs": (lambda p: patched_bytes(p, "F.ttf", _number("maxp", 4, 65535)),
                                   "page.layout.yaml", "for the 65535 glyphs its maxp table "
                                                       "counts: one of them is damaged"),
    "hhea with no horizontal metrics": (
        lambda p: patched_bytes(p, "F.ttf", _number("hhea", 34, 0)), "page.layout.yaml",
        "damaged or not a font"),
    "a table past the end of the file": (
        lambda p: patched_bytes(p, "F.ttf", _number("", 20, 0x7FFFFFFF, ">I")),
        "page.layout.yaml", "damaged or not a font"),
    "65535 tables": (lambda p: patched_bytes(p, "F.ttf", _number("", 4, 65535)),
                     "page.layout.yaml", "damaged or not a font"),
    "no head table": (lambda p: edited(p, "F.ttf", lambda f: f.__delitem__("head")),
                      "page.layout.yaml", "damaged or not a font"),
    "a CFF table of zeros": (lambda p: _cff_zeroed(p), "page.layout.yaml",
                             "damaged or not a font"),
    "a WOFF file": (lambda p: _woff(p), "page.layout.yaml", "a WOFF or WOFF2 file is a web font"),
    "a collection claiming 100 000 faces": (lambda p: _many_faces(p), "page.layout.yaml",
                                            "damaged or not a font"),
    # the hunt (3): tables missing or cut short
    "no outlines at all (a bitmap font)": (
        lambda p: edited(p, "F.ttf", lambda f: (f.__delitem__("glyf"), f.__delitem__("loca"))),
        "page.layout.yaml", "has no outlines (no glyf, CFF or CFF2 table)"),
    "no hmtx table": (lambda p: edited(p, "F.ttf", lambda f: f.__delitem__("hmtx")),
                      "page.layout.yaml", "damaged or not a font"),
    "no name table": (lambda p: edited(p, "F.ttf", lambda f: f.__delitem__("name")),
                      "page.layout.yaml", "F.ttf has no name table (the table of its family, "
                                          "style and PostScript names"),
    "no post table": (lambda p: edited(p, "F.ttf", lambda f: f.__delitem__("post")),
                      "page.layout.yaml", "damaged or not a font"),
    "an OpenType CFF font cut in half": (lambda p: _cut(make_font(p / "W.otf", TEXT, cff=True)),
                                         "page.layout.yaml", "damaged or not a font"),
    "a collection cut short": (lambda p: _cut(_many_faces(p, count=2), 2 / 3), "page.layout.yaml",
                               "damaged or not a font"),
    # the hunt (6): an empty listing of faces, no character map
    "a collection of no fonts": (lambda p: _many_faces(p, count=0), "page.layout.yaml",
                                 "it is a font collection that holds no fonts"),
    "no cmap table": (lambda p: edited(p, "F.ttf", lambda f: f.__delitem__("cmap")),
                      "page.layout.yaml", "F.ttf has no cmap table (the map from characters "
                                          "to its glyphs, without which it sets no text)"),
    # round 7: a colour emoji font of pictures was «damaged or not a font: TTLibError: Font
    # contains no outlines»; a cmap past the last glyph «KeyError: 'glyph00002'»
    "a colour emoji font of pictures (CBDT)": (lambda p: edited(p, "F.ttf", _pictures_only),
                                               "page.layout.yaml",
                                               "its glyphs are pictures (its CBDT table), as a "
                                               "colour emoji font's are"),
    "a cmap past the last glyph": (lambda p: patched_bytes(p, "F.ttf", _number("maxp", 4, 2)),
                                   "page.layout.yaml", "maps 3 character(s) (the first U+5B57) "
                                                       "to glyphs past its last, glyph 1"),
    # the hunt (5): a head that says 16384 units per em over glyphs drawn in 1000 (built with
    # exit 0: every character a speck of 0.7 pt)
    "16384 units per em over glyphs of 1000": (
        lambda p: edited(p, "F.ttf", lambda f: setattr(f["head"], "unitsPerEm", 16384)),
        "page.yaml", "its glyph has an advance of 0.06 em"),
}


def _pictures_only(font) -> None:
    """No outlines, and a CBDT table (its bytes no real one: only its tag is read)."""
    from fontTools.ttLib.tables.DefaultTable import DefaultTable

    del font["glyf"], font["loca"]
    pictures = DefaultTable("CBDT")
    pictures.data = b"\x00\x03\x00\x00"
    font["CBDT"] = pictures


def _cut(font: Path, keep: float = 0.5) -> Path:
    data = font.read_bytes()
    cut = font.with_name("F" + font.suffix)
    cut.write_bytes(data[:int(len(data) * keep)])
    return cut


def _cff_zeroed(folder: Path) -> Path:
    from fontTools.ttLib import TTFont

    otf = make_font(folder / "Whole.otf", TEXT, cff=True)
    data = bytearray(otf.read_bytes())
    with TTFont(otf) as parsed:
        entry = parsed.reader.tables["CFF "]
    data[entry.offset:entry.offset + entry.length] = bytes(entry.length)
    (folder / "F.otf").write_bytes(bytes(data))
    return folder / "F.otf"


def _woff(folder: Path) -> Path:
    from fontTools.ttLib import TTFont

    font = TTFont(make_font(folder / "Whole.ttf", TEXT))
    font.flavor = "woff"
    font.save(folder / "F.woff")
    return folder / "F.woff"


def _many_faces(folder: Path, count: int = 100_000) -> Path:
    """A collection of two faces whose header claims `count` (2: the whole collection)."""
    from fontTools.ttLib import TTCollection, TTFont

    collection = TTCollection()
    collection.fonts = [TTFont(make_font(folder / f"{n}.ttf", TEXT, family=n)) for n in "AB"]
    collection.save(str(folder / "Whole.ttc"))
    data = bytearray((folder / "Whole.ttc").read_bytes())
    struct.pack_into(">I", data, 8, count)  # numFonts
    (folder / "F.ttc").write_bytes(bytes(data))
    return folder / "F.ttc"


@pytest.mark.parametrize("name", FONT_HUNT)
def test_a_font_found_hostile_by_the_hunt_is_refused_at_its_place(tmp_path, name):
    make, file, says = FONT_HUNT[name]
    font = make(tmp_path)
    spec = {"file": font.name} | ({"face": 1} if font.suffix == ".ttc" else {})
    content, layout = tiny_page(tmp_path, TEXT, [spec])
    result = build_page(tmp_path, content)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert result.stderr.startswith(f"spread: {tmp_path / file}:3:5 "), result.stderr
    assert says in result.stderr, result.stderr
    assert result.stderr.count("\nhint: ") == 1  # fontTools says nothing of its own
    assert not (tmp_path / "out" / "page.print.pdf").exists()


def test_a_missing_glyph_names_the_chain_that_lacks_it_and_the_one_that_has_it(tmp_path):
    """A character only the 楷体 face draws, in the headline (set in song_heavy): it is
    missing from the headline's fonts, not «from every configured font»; the hint names the
    role that has it. A character in no face is still missing from every configured font."""
    from spread.errors import MissingGlyphError
    from spread.validate import validate

    text = CONTENT.read_text(encoding="utf-8")
    for inserted, says, hint in (
            # a sign the serif faces lack and 楷体 has: the naira ₦
            ("₦", "1 character(s) missing from the fonts of their text's role",
             "'₦' is in the kai fonts (LXGW WenKai)"),
            ("𠮷", "1 character(s) missing from every configured font", "")):
        content = tmp_path / "content.yaml"
        content.write_text(text.replace("headline: 画说", f"headline: 画{inserted}说", 1),
                           encoding="utf-8")
        with pytest.raises(MissingGlyphError) as caught:
            validate(str(content), str(LAYOUT))
        error = caught.value
        assert says in error.message and "not in the song_heavy fonts (" in error.message
        assert (error.where.line, error.where.path) == (22, "headline"), error.where
        assert hint in error.hint if hint else "no configured font has it" in error.message


def test_a_missing_glyph_is_placed_at_its_own_column(tmp_path):
    """The error names the character's own line and column, not its text's start: through
    an escape in a quoted headline, and in a folded paragraph on the line after its start
    (was the value's first character: 22:11)."""
    from spread.errors import MissingGlyphError
    from spread.validate import validate

    text = CONTENT.read_text(encoding="utf-8").replace(
        "headline: 画说工会这五年", 'headline: "画\\u8BF4工𠮷会"', 1)
    content = tmp_path / "content.yaml"
    content.write_text(text, encoding="utf-8")
    with pytest.raises(MissingGlyphError) as caught:
        validate(str(content), str(LAYOUT))
    assert (caught.value.where.line, caught.value.where.column) == (22, 20), caught.value.where
    assert f"{content}:22:20 (headline)" in caught.value.message
    lead = text.index("lead:\n") + len("lead:\n")
    folded = text[:lead] + "  - >-\n    开篇第一行\n    第二行有𠮷字\n" + text[lead:]
    content.write_text(folded, encoding="utf-8")
    line = folded[:lead].count("\n") + 3
    with pytest.raises(MissingGlyphError) as caught:
        validate(str(content), str(LAYOUT))
    where = caught.value.where
    assert (where.line, where.column, where.path) == (22, 20, "headline")
    assert f"{content}:{line}:9 (lead[0])" in caught.value.message, caught.value.message


# -- the hunt (3): fonts that build, and say what they print --------------------------------

def _variable(folder: Path) -> Path:
    """The test font with a weight axis (100–900, default 400): a variable font."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.ttLib import TTFont

    font = TTFont(make_font(folder / "Whole.ttf", TEXT))
    FontBuilder(font=font).setupFvar([("wght", 100, 400, 900, "Weight")], [])
    font.save(folder / "Variable.ttf")
    return folder / "Variable.ttf"


def test_a_variable_font_prints_its_default_instance_and_says_so(tmp_path):
    """A PDF embeds one set of outlines: a variable font asked for bold printed its default
    (regular) instance, synthetically emboldened, without a word."""
    font = _variable(tmp_path)
    content, layout = tiny_page(tmp_path, TEXT, [{"file": font.name}], styles={
        "body": {"font": "song", "size": "12pt", "align": "start", "weight": "bold"}})
    result = build_page(tmp_path, content)
    assert result.returncode == 0, result.stderr
    assert (f"warning: {layout}:3:5 (fonts.song[0]): the font {font} (Spread Test) is a "
            "variable font: spread draws its default instance (wght 400) and none other; the "
            "layout asks it for bold, drawn as a synthetic bold of that instance"
            in result.stderr), result.stderr
    assert "varLib.instancer" in result.stderr
    strict = spread("build", str(content), "--layout", str(layout), "-o", str(tmp_path / "s"),
                    "--strict", cwd=tmp_path)
    assert strict.returncode == 1 and "variable font" in strict.stderr, strict.stderr


def test_a_font_whose_header_says_cff_but_holds_truetype_outlines_builds(tmp_path):
    """The first bytes say OTTO (CFF outlines), the tables are TrueType's: it was refused as
    damaged, naming a file in spread's cache; it holds good outlines, and is drawn."""
    data = bytearray(make_font(tmp_path / "Whole.ttf", TEXT).read_bytes())
    data[:4] = b"OTTO"
    (tmp_path / "Mislabelled.otf").write_bytes(bytes(data))
    content = page_naming(tmp_path, "Mislabelled.otf")
    result = build_page(tmp_path, content)
    assert result.returncode == 0, result.stderr
    fonts = embedded_fonts(tmp_path / "out" / "page.print.pdf")
    assert any("SpreadTest" in name for name in fonts), fonts


# -- the hunt (6): names the PDF writer cannot file a font under ------------------------------

def _names_in_chinese(font) -> None:
    font["name"].names = [n for n in font["name"].names if n.platformID == 3]
    for record in font["name"].names:
        record.langID = 0x804  # 中文 (PRC)


@pytest.mark.parametrize("cff", [False, True], ids=["TrueType", "CFF"])
@pytest.mark.parametrize("names", [lambda f: setattr(f["name"], "names", []),
                                   _names_in_chinese], ids=["empty", "in Chinese alone"])
def test_a_font_named_in_no_way_the_pdf_writer_reads_is_drawn(tmp_path, names, cff):
    """A name table empty, or naming the font in Chinese alone (a Chinese foundry's font may):
    refused «damaged or not a font: AttributeError: module 'reportlab.rl_config' has no
    attribute …», a library's words about nothing the user wrote. The font is drawn from a
    converted subset named by spread."""
    from fontTools.ttLib import TTFont

    suffix = ".otf" if cff else ".ttf"
    font = TTFont(make_font(tmp_path / f"Whole{suffix}", TEXT, cff=cff))
    names(font)
    font.save(tmp_path / f"Unnamed{suffix}")
    content = page_naming(tmp_path, f"Unnamed{suffix}")
    result = build_page(tmp_path, content)
    assert result.returncode == 0, result.stderr
    assert TEXT in pdf_text(tmp_path / "out" / "page.print.pdf")
    [name] = embedded_fonts(tmp_path / "out" / "page.print.pdf")
    assert name.startswith("spread-"), name
    listed = spread("fonts", str(content), "--layout", str(content.with_name("page.layout.yaml")),
                    cwd=tmp_path)  # the font named as it names itself, or said to be unnamed
    assert "Spread Test / Regular" in listed.stdout or "(unnamed)" in listed.stdout, listed


def _name_table_patched(change):
    def make(folder: Path) -> Path:
        def patch(data, tables):
            at = tables["name"][0]
            count = struct.unpack(">H", data[at + 2:at + 4])[0]
            change(data, at, [at + 6 + 12 * k for k in range(count)])
        return patched_bytes(folder, "F.ttf", patch)
    return make


def _odd_windows_name(data, table, records) -> None:
    for at in records:
        platform, _, _, name_id, length = struct.unpack(">5H", data[at:at + 10])
        if platform == 3 and name_id == 1:
            struct.pack_into(">H", data, at + 8, length - 1)


@pytest.mark.parametrize("make", [
    _name_table_patched(lambda data, table, records: struct.pack_into(">H", data, table, 1)),
    _name_table_patched(_odd_windows_name)], ids=["format 1", "a Windows name of odd length"])
def test_a_name_table_the_pdf_writer_refuses_is_no_reason_to_refuse_the_font(tmp_path, make):
    """A name table of format 1 (OpenType's, with language tags) or a Windows family name one
    byte short: refused as «damaged or not a font: TTFError: Unknown name table format (1)»,
    the PDF writer's words. The font is drawn from a subset spread names."""
    make(tmp_path)
    result = build_page(tmp_path, page_naming(tmp_path, "F.ttf"))
    assert result.returncode == 0, result.stderr
    assert TEXT in pdf_text(tmp_path / "out" / "page.print.pdf")


@pytest.mark.parametrize("entry", ["faces", "ttf", "hashes.json"])
def test_a_font_cache_entry_that_cannot_be_written_is_the_cache_s_fault(tmp_path, monkeypatch,
                                                                         entry):
    """A folder where the cache writes a face's record, its converted TrueType or its list
    of hashes (a damaged disk, a careless script): «internal error: IsADirectoryError»
    (exit 3), or, for the TrueType, «the font … is damaged». Now exit 2 naming the entry."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("SPREAD_CACHE", str(cache))
    make_font(tmp_path / "F.otf", TEXT, cff=True)  # converted to TrueType, through the cache
    content = page_naming(tmp_path, "F.otf")
    assert build_page(tmp_path, content).returncode == 0
    where = cache / VERSION / entry
    found = [where] if "." in entry else list(where.iterdir())
    assert found
    for path in found:
        path.unlink()
        path.mkdir()
    result = build_page(tmp_path, content)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert any(f"cannot write the font cache entry {path}: Is a directory" in result.stderr
               for path in found), result.stderr
    assert "damaged" not in result.stderr and "hint: set SPREAD_CACHE" in result.stderr
