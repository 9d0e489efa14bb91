"""Round 8 of the hostile files: fonts, pictures, YAML and surroundings a user can hand
spread, each run through the console entry point (`spread.cli.main`, forked, its CPU time
and memory bounded). Each case here failed on the code before its mend — exit 3 («internal
error»), or a picture printed otherwise than it is — and now ends with exit 1 or 2, a
message naming the file (and line:column for YAML), what was expected and a hint, and the
previous edition left as it was."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from conftest import CONTENT
from test_hostile_inputs import _picture_page, assert_refused, spread

LONG = "长" * 1700  # 5100 bytes: longer than a path may be (4096)
PART = "名" * 100  # 300 bytes: longer than a file or folder name may be (255)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _palette_png_without_palette(path: Path) -> None:
    """A PNG of palette indices (colour type 3) with no PLTE chunk, which the PNG standard
    requires: Pillow reads its indices as greys, and it printed black, exit 0."""
    header = struct.pack(">IIBBBBB", 1200, 800, 8, 3, 0, 0, 0)
    rows = (b"\0" + b"\x05" * 1200) * 800
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
                     + _chunk(b"IDAT", zlib.compress(rows)) + _chunk(b"IEND", b""))


def _tiff_leading_to_garbage(path: Path) -> None:
    """A one-page TIFF whose link to a next page leads past its end: Pillow's
    «TypeError: Missing dimensions» when the page count is checked (exit 3)."""
    Image.new("RGB", (1200, 800), (20, 120, 200)).save(path, "TIFF")
    data = bytearray(path.read_bytes())
    first = struct.unpack("<I", data[4:8])[0]
    count = struct.unpack("<H", data[first:first + 2])[0]
    struct.pack_into("<I", data, first + 2 + 12 * count, len(data) + 100)
    path.write_bytes(bytes(data))


def _turned_tiff(path: Path, size: tuple[int, int] = (1200, 800)) -> None:
    """A TIFF stored `size`, its orientation tag saying «turn it a quarter clockwise»."""
    picture = Image.new("RGB", size, (20, 120, 200))
    exif = picture.getexif()
    exif[0x0112] = 6
    picture.save(path, "TIFF", exif=exif)


def _png(path: Path, rows: bytes, *, colour: int = 2, interlaced: int = 0,
         size: tuple[int, int] = (1200, 800)) -> None:
    header = struct.pack(">IIBBBBB", *size, 8, colour, 0, 0, interlaced)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
                     + _chunk(b"IDAT", zlib.compress(rows)) + _chunk(b"IEND", b""))


def _interlaced_png(path: Path) -> None:
    """A 1200 × 800 RGB PNG of one colour, interlaced (Adam7: seven passes of its pixels)."""
    rows = b""
    for x, y, dx, dy in ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4),
                         (1, 0, 2, 2), (0, 1, 1, 2)):
        columns, lines = -(-(1200 - x) // dx), -(-(800 - y) // dy)
        rows += (b"\0" + b"\x14\x78\xc8" * columns) * lines
    _png(path, rows, interlaced=1)


# name: (the file the content names, how to make it, words the message holds)
PICTURE_CASES = {
    # a compressed stream whole in itself that holds 10 rows of 800: printed with 790 rows
    # black, exit 0
    "a PNG whose pixels end after ten rows": (
        "short.png", lambda p: _png(p, (b"\0" + b"\x14\x78\xc8" * 1200) * 10),
        "its pixels end 99% short of the 1200 × 800 its header declares"),
    "a palette PNG without its palette": ("pal.png", _palette_png_without_palette,
                                          "is of palette colours but holds no palette"),
    # os.stat's «File name too long» escaped Path.exists(): exit 3
    "a picture named longer than a path may be": (
        f"{LONG}.jpg", None, "is named longer than the file system takes (5104 bytes)"),
    "a picture named longer than a name may be": (
        f"{PART}.jpg", None, "is named longer than the file system takes (304 bytes)"),
}


@pytest.mark.parametrize("name", PICTURE_CASES)
def test_a_picture_that_is_no_picture_is_refused_at_its_content_line(tmp_path, name):
    file, make, says = PICTURE_CASES[name]
    if make:
        make(tmp_path / file)
    _picture_page(tmp_path, file)
    run = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", "out",
                 "--rendition", "print", cwd=tmp_path)
    assert_refused(run, "content.yaml", 3, says, "hint: ")


def test_a_refused_picture_leaves_the_previous_edition_as_it_was(tmp_path):
    """Each picture case in turn, built over one good edition: every file of it unchanged."""
    _interlaced_png(tmp_path / "good.png")
    _picture_page(tmp_path, "good.png")
    good = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", "out",
                  "--rendition", "print", cwd=tmp_path)
    assert good.code == 0, good.text
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    for file, make, says in PICTURE_CASES.values():
        if make:
            make(tmp_path / file)
        _picture_page(tmp_path, file)
        run = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", "out",
                     "--rendition", "print", cwd=tmp_path)
        assert run.code == 2 and says in run.text, run.text
        assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before


@pytest.mark.parametrize("file, make", [("scan.tif", _tiff_leading_to_garbage),
                                        ("interlaced.png", _interlaced_png)],
                         ids=["a TIFF whose next page is garbage", "an interlaced PNG"])
def test_an_odd_picture_that_is_whole_prints(tmp_path, file, make):
    """A TIFF whose link to a next page leads nowhere is one picture; an interlaced PNG's
    seven passes hold every row."""
    make(tmp_path / file)
    _picture_page(tmp_path, file)
    run = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", "out",
                 "--rendition", "print", cwd=tmp_path)
    assert run.code == 0, run.text


def _placed(pdf_path: Path) -> tuple[tuple[float, float], tuple[int, int]]:
    """The first picture of the PDF's page: the size it is drawn at (points, from the
    matrix set before it is painted) and its own size in pixels."""
    import pikepdf

    with pikepdf.open(pdf_path) as pdf:
        page = pdf.pages[0]
        names = {str(k) for k, v in page.Resources.XObject.items() if v.Subtype == "/Image"}
        stack, matrix = [], pikepdf.Matrix()
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "q":
                stack.append(matrix)
            elif op == "Q":
                matrix = stack.pop()
            elif op == "cm":
                matrix = pikepdf.Matrix(*map(float, operands)) @ matrix
            elif op == "Do" and str(operands[0]) in names:
                image = page.Resources.XObject[str(operands[0])]
                return (abs(matrix.a), abs(matrix.d)), (int(image.Width), int(image.Height))
    raise AssertionError("no picture drawn")


def test_a_tiff_turned_by_its_orientation_is_framed_as_it_prints(tmp_path):
    """Pillow turns a TIFF upright as it loads it; spread took its size before the load and
    turned it again: stored 3000 × 2000 and tagged «turn a quarter», it was framed landscape
    and its upright, portrait pixels squeezed into that frame."""
    _turned_tiff(tmp_path / "turned.tif", (3000, 2000))
    _picture_page(tmp_path, "turned.tif")
    run = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", "out",
                 "--rendition", "print", cwd=tmp_path)
    assert run.code == 0, run.text
    (width, height), pixels = _placed(tmp_path / "out" / "content.print.pdf")
    assert pixels == (2000, 3000)
    assert width / height == pytest.approx(2000 / 3000, rel=0.01), (width, height)


# -- names longer than the file system takes, where a command line or a file gives them -------

def _edition(folder: Path, layout: str = "default") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "content.yaml").write_bytes(CONTENT.read_bytes())
    (folder / "edition.yaml").write_text(f"layout: {layout}\n", encoding="utf-8")
    return folder


# name: (argv, the edition.yaml's layout, words the message holds); each was exit 3
LONG_NAME_CASES = {
    "an output folder longer than a path": (("build", "content.yaml", "-o", LONG), "default",
                                            "the output folder 长长"),
    "an output folder name longer than a name": (("build", "content.yaml", "-o", PART),
                                                 "default", "the output folder 名名"),
    "an edition record longer than a path": (("verify", f"{LONG}.json"), "default",
                                             "the edition record 长长"),
    "a new edition folder longer than a name": (("init", PART), "default", "the folder 名名"),
    "edition.yaml naming a layout longer than a name": (
        ("build", "content.yaml", "-o", "out"), f"{PART}.yaml", "the layout 名名"),
}


@pytest.mark.parametrize("name", LONG_NAME_CASES)
def test_a_name_longer_than_the_file_system_takes_is_refused_by_name(tmp_path, name):
    argv, layout, says = LONG_NAME_CASES[name]
    folder = _edition(tmp_path / "edition", layout)
    run = spread(*argv, cwd=folder)
    assert run.code == 2, run.text
    assert "Traceback" not in run.text and "internal error" not in run.text, run.text
    assert says in run.text and "is named longer than the file system takes" in run.text
    assert "hint: name it shorter" in run.text
    if layout != "default":
        assert "edition.yaml:1:9 (layout): " in run.text, run.text
    assert sorted(p.name for p in folder.iterdir()) == [".stderr", ".stdout", "content.yaml",
                                                       "edition.yaml"]


# -- a \U escape past the last character -------------------------------------------------------

def test_an_escape_past_the_last_character_is_refused_at_its_place(tmp_path):
    """PyYAML takes chr() of "\\U00110000" and fails with a ValueError («chr() arg not in
    range»), which escaped the YAML reader and the failure proof's scan of the words (exit
    3)."""
    text = CONTENT.read_text(encoding="utf-8").replace(
        "headline: 画说工会这五年", 'headline: "画说\\U0002A6A5\\U00110000"', 1)
    (tmp_path / "content.yaml").write_text(text, encoding="utf-8")
    line = text[:text.index('"画说')].count("\n") + 1
    for argv in (("build", "content.yaml", "--layout", "default", "-o", "out"),
                 ("check", "content.yaml", "--layout", "default")):
        run = spread(*argv, cwd=tmp_path)
        assert_refused(run, "content.yaml", line, "the escape \\U00110000 names no character",
                       "hint: write the character itself")
        assert f"content.yaml:{line}:24:" in run.text, run.text  # at the second escape


# -- a manifest.yaml beside a font (where spread looks up a licence its name table lacks) -------

def _font_beside(folder: Path, manifest) -> Path:
    """The tiny page set in a font whose name table states no licence, a manifest.yaml made
    by `manifest(path)` beside it. Returns the content file."""
    from test_fonts import TEXT, make_font, tiny_page

    make_font(folder / "F.ttf", TEXT)
    manifest(folder / "manifest.yaml")
    content, _ = tiny_page(folder, TEXT, [{"file": "F.ttf"}])
    return content


def _deep(path: Path) -> None:
    path.write_text("fonts: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")


# each was exit 3 (UnicodeDecodeError, ValueError, TypeError, RecursionError) or, a pipe, a
# build that waited for ever
MANIFESTS = {
    "not UTF-8": lambda p: p.write_bytes(b"fonts: [\xff\xfe]\n"),
    "an escape past the last character": lambda p: p.write_text('fonts: ["\\U00110000"]\n'),
    "fonts a number": lambda p: p.write_text("fonts: 5\n"),
    "nested 100 000 deep": _deep,
    "a named pipe": os.mkfifo,
}


@pytest.mark.parametrize("name", MANIFESTS)
def test_a_manifest_beside_a_font_that_does_not_read_is_passed_over(tmp_path, name):
    """Another tool's manifest.yaml, or a broken one, says nothing of the font's licence:
    the build goes on, and the licence is «not stated»."""
    content = _font_beside(tmp_path, MANIFESTS[name])
    layout = content.with_name("page.layout.yaml")
    fonts = spread("fonts", content.name, "--layout", layout.name, cwd=tmp_path)
    assert fonts.code == 0, fonts.text
    assert "not stated" in fonts.out, fonts.out
    build = spread("build", content.name, "--layout", layout.name, "-o", "out",
                   "--rendition", "print", cwd=tmp_path)
    assert build.code == 0, build.text


def test_a_manifest_beside_a_font_names_its_licence(tmp_path):
    """The case above fails for its manifest alone: one that reads gives the licence."""
    content = _font_beside(tmp_path, lambda p: p.write_text(
        "fonts:\n  - {file: Other.ttf, licence: Proprietary}\n"
        "  - {file: F.ttf, licence: SIL Open Font License 1.1}\n", encoding="utf-8"))
    fonts = spread("fonts", content.name, "--layout", "page.layout.yaml", cwd=tmp_path)
    assert fonts.code == 0, fonts.text
    assert "SIL Open Font License 1.1" in fonts.out, fonts.out


# -- fonts the PDF writer refuses whole: refused alike by check, fonts and build ---------------

def _patched(folder: Path, change) -> Path:
    """The test font's bytes after `change(data, tables)` (tables: tag → (offset, length))."""
    from fontTools.ttLib import TTFont
    from test_fonts import TEXT, make_font

    font = make_font(folder / "Whole.ttf", TEXT)
    data = bytearray(font.read_bytes())
    with TTFont(font) as parsed:
        tables = {tag: (e.offset, e.length) for tag, e in parsed.reader.tables.items()}
    change(data, tables)
    (folder / "F.ttf").write_bytes(bytes(data))
    return folder / "F.ttf"


def _directory_length(tag: bytes, length: int):
    def change(data, tables):
        for at in range(12, 12 + 16 * struct.unpack(">H", data[4:6])[0], 16):
            if data[at:at + 4] == tag:
                struct.pack_into(">I", data, at + 12, length)
    return change


def _head_field(at: int, value: int, fmt: str):
    def change(data, tables):
        struct.pack_into(fmt, data, tables["head"][0] + at, value)
    return change


# name: (how the font is damaged, words the message holds); each built with exit 2 from the
# PDF writer, or fontTools, but passed `spread check LAYOUT` and `spread fonts` (exit 0)
WHOLE_TABLES = {
    "a head whose magic number is 0": (_head_field(12, 0, ">I"),
                                       "has a damaged head table (its magic number is "
                                       "0x00000000, not 0x5F0F3CF5)"),
    "a loca cut to one place": (_directory_length(b"loca", 4),
                                "has a loca table of 2 place(s) for the 5 glyphs its maxp"),
    "a loca read in a format that is none": (_head_field(50, 7, ">h"),
                                             "has a loca table of 3 place(s) for the 5 glyphs its maxp"),
    "an hmtx cut short": (_directory_length(b"hmtx", 4),
                        "its hmtx table (its glyphs' widths) does not read"),
}


@pytest.mark.parametrize("command", ["check", "fonts", "build"])
@pytest.mark.parametrize("name", WHOLE_TABLES)
def test_a_font_the_pdf_writer_refuses_is_refused_by_every_command(tmp_path, name, command):
    from test_fonts import TEXT, tiny_page

    change, says = WHOLE_TABLES[name]
    _patched(tmp_path, change)
    content, layout = tiny_page(tmp_path, TEXT, [{"file": "F.ttf"}])
    argv = {"check": ("check", layout.name),
            "fonts": ("fonts", content.name, "--layout", layout.name),
            "build": ("build", content.name, "--layout", layout.name, "-o", "out")}[command]
    run = spread(*argv, cwd=tmp_path)
    assert_refused(run, layout.name, 3, says, "hint: ")
    assert not (tmp_path / "out").exists()


# -- memory that runs out ------------------------------------------------------------------------

# the console entry point with every module a build imports loaded, then its address space
# bounded at what it holds plus 16 MB: far less than a build needs (about 300 MB), so memory
# runs out wherever the build first needs more — with a cold font cache, reading a font
_SHORT_OF_MEMORY = """
import resource, sys
import spread.build, spread.lint, spread.cli
size = next(int(line.split()[1]) for line in open("/proc/self/status")
            if line.startswith("VmSize:")) * 1024
resource.setrlimit(resource.RLIMIT_AS, (size + 16 * 2**20, size + 16 * 2**20))
sys.exit(spread.cli.main(sys.argv[1:]))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="no /proc here")
def test_memory_that_runs_out_is_said_plainly_and_the_edition_is_kept(tmp_path):
    """A font read with too little memory was «the font … is damaged or not a font:
    MemoryError», memory run out elsewhere «internal error: MemoryError» (exit 3)."""
    import subprocess
    import sys

    folder = _edition(tmp_path / "edition")
    env = {**os.environ, "SPREAD_CACHE": str(tmp_path / "cold")}
    good = spread("build", "content.yaml", "-o", "out", "--rendition", "print", cwd=folder)
    assert good.code == 0, good.text
    before = {p.name: p.read_bytes() for p in (folder / "out").iterdir()}
    done = subprocess.run([sys.executable, "-c", _SHORT_OF_MEMORY, "build", "content.yaml",
                           "-o", "out", "--rendition", "print"], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 2, done.stderr
    assert "ran out of memory" in done.stderr and "hint: spread may use less memory" \
        in done.stderr, done.stderr
    assert "damaged" not in done.stderr and "internal error" not in done.stderr
    assert "Traceback" not in done.stderr
    assert {p.name: p.read_bytes() for p in (folder / "out").iterdir()} == before
