"""Round 8 of the hostile files: fonts, pictures, YAML and surroundings a user can hand
spread, each run through the console entry point (`spread.cli.main`, forked, its CPU time
and memory bounded). Each case here failed on the code before its mend — exit 3 («internal
error»), or a picture printed otherwise than it is — and now ends with exit 1 or 2, a
message naming the file (and line:column for YAML), what was expected and a hint, and the
previous edition left as it was."""

from __future__ import annotations

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


# name: (the file the content names, how to make it, words the message holds)
PICTURE_CASES = {
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


def test_a_tiff_whose_next_page_is_garbage_is_one_picture_and_prints(tmp_path):
    _tiff_leading_to_garbage(tmp_path / "scan.tif")
    _picture_page(tmp_path, "scan.tif")
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
