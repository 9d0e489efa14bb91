"""Round 11 of the hostile files: the binary files a user hands spread — pictures placed by
the content, fonts named by the layout — each made here (Pillow, fontTools, raw bytes) and
run through the console entry point (`spread.cli.main`, forked, its CPU time and memory
bounded). Each case marked «was» failed on the code before its mend: a page printed
otherwise than its files say, with exit 0, or a file refused for what it is not. A refused
file ends with exit 2, the file and its line named, and a hint; a picture that prints is
read back from the print file: CMYK or grey only, no transparency, the picture as it is."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageOps

from test_fonts import TEXT, make_font, pdf_text, tiny_page
from test_hostile_inputs import _picture_page, assert_refused, spread

RED = (200, 10, 10)
W, H = 1800, 1200  # enough pixels for the picture page's frame at the print minimum


# --- pictures ---------------------------------------------------------------------------------

def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png(path: Path, depth: int, colour: int, row: bytes, key: bytes) -> None:
    """A W × H PNG of `depth` bits and colour type `colour` (0 grey, 2 RGB), each row `row`
    (without its filter byte), its tRNS chunk naming `key` transparent."""
    header = struct.pack(">IIBBBBB", W, H, depth, colour, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"tRNS", key)
                     + _chunk(b"IDAT", zlib.compress((b"\0" + row) * H)) + _chunk(b"IEND", b""))


def _keyed_with_pillow(mode: str, ink, ground, key) -> callable:
    """A picture whose left half is `ink` and right half `ground`, `key` transparent."""
    def make(path: Path) -> None:
        picture = Image.new(mode, (W, H), ground)
        picture.paste(ink, (0, 0, W // 2, H))
        picture.save(path, "PNG", transparency=key)
    return make


def _grey_profile() -> bytes:
    """A small ICC grey display profile (gamma 2.2, D50 white), as an image editor embeds
    one in a grey picture."""
    def fixed(v: float) -> bytes:
        return struct.pack(">i", round(v * 65536))

    white = fixed(0.9642) + fixed(1.0) + fixed(0.8249)
    tags = [(b"desc", b"desc" + bytes(4) + struct.pack(">I", 5) + b"grey\0" + bytes(79)),
            (b"wtpt", b"XYZ " + bytes(4) + white),
            (b"kTRC", b"curv" + bytes(4) + struct.pack(">IH", 1, 563) + bytes(2)),
            (b"cprt", b"text" + bytes(4) + b"none\0" + bytes(3))]
    at, table, data = 132 + 12 * len(tags), b"", b""
    for tag, body in tags:
        table += tag + struct.pack(">II", at + len(data), len(body))
        data += body + bytes(-len(body) % 4)
    size = 132 + len(table) + len(data)
    header = (struct.pack(">I", size) + b"lcms\x02\x10\x00\x00mntrGRAYXYZ " + bytes(12)
              + b"acspAPPL" + bytes(24) + white + b"lcms" + bytes(44))
    return header + struct.pack(">I", len(tags)) + table + data


def _grey_with_alpha(path: Path) -> None:
    """Left half grey, right half clear, with a grey profile."""
    picture = Image.new("LA", (W, H), (90, 0))
    picture.paste((90, 255), (0, 0, W // 2, H))
    picture.save(path, "PNG", icc_profile=_grey_profile())


def _tiff_with(path: Path, kinds: list[int]) -> None:
    """A red TIFF followed by small blue frames, each of NewSubfileType `kinds[n]` (0 a page,
    1 a reduced version of one)."""
    frames = [Image.new("RGB", (180, 120), (10, 10, 200)) for _ in kinds]
    Image.new("RGB", (W, H), RED).save(path, "TIFF", save_all=True, append_images=frames,
                                       tiffinfo={254: 1})
    data = bytearray(path.read_bytes())
    ifd = struct.unpack("<I", data[4:8])[0]
    for kind in [0, *kinds]:  # every frame was written with 254 = 1: each set as meant
        count = struct.unpack("<H", data[ifd:ifd + 2])[0]
        for at in range(ifd + 2, ifd + 2 + 12 * count, 12):
            if struct.unpack("<H", data[at:at + 2])[0] == 254:
                struct.pack_into("<I", data, at + 8, kind)
        ifd = struct.unpack("<I", data[ifd + 2 + 12 * count:ifd + 6 + 12 * count])[0]
    path.write_bytes(bytes(data))


def _turned(mode: str, orientation: int, fmt: str) -> callable:
    """A picture whose stored left quarter is red, the rest blue, its EXIF saying how to
    turn it upright."""
    red, blue = ((0, 255, 255, 0), (255, 255, 0, 0)) if mode == "CMYK" else (RED, (10, 10, 200))

    def make(path: Path) -> None:
        picture = Image.new(mode, (W, H), blue)
        picture.paste(red, (0, 0, W // 4, H))
        exif = picture.getexif()
        exif[0x0112] = orientation
        picture.save(path, fmt, exif=exif)
    return make


# name: (file, how it is made, the ink at places of the printed picture: left, right, top,
# bottom, centre)
PICTURES = {
    # was: the transparent colour a PNG's tRNS chunk names printed as that colour (a logo's
    # ground black), exit 0; PDF/X-1a allows no transparency, so it is flattened onto paper
    "an RGB PNG whose black is its transparent colour": (
        "key.png", _keyed_with_pillow("RGB", RED, (0, 0, 0), (0, 0, 0)),
        {"left": "red", "right": "paper"}),
    "a grey PNG whose black is its transparent colour": (
        "grey.png", _keyed_with_pillow("L", 90, 0, 0), {"left": "grey", "right": "paper"}),
    "a 1-bit PNG, its black transparent": (
        "bits.png", lambda p: Image.new("1", (W, H), 0).save(p, "PNG", transparency=0),
        {"centre": "paper"}),
    "a 16-bit grey PNG, its one grey transparent": (
        "grey16.png", lambda p: Image.new("I;16", (W, H), 30000).save(
            p, "PNG", transparency=30000), {"centre": "paper"}),
    "a 16-bit RGB PNG, its one colour transparent": (
        "deep.png", lambda p: _png(p, 16, 2, b"\x80\x00\x40\x00\x20\x00" * W,
                                   b"\x80\x00\x40\x00\x20\x00"), {"centre": "paper"}),
    "a 2-bit grey PNG, its dark grey transparent": (
        "two.png", lambda p: _png(p, 2, 0, b"\x55" * (W // 4), b"\x00\x01"),
        {"centre": "paper"}),
    # was: «cannot convert the picture … to CMYK: cannot build transform» — grey and alpha
    # were flattened into RGB, the grey profile kept for it
    "a grey PNG with alpha and a grey profile": (
        "greya.png", lambda p: _grey_with_alpha(p), {"left": "grey", "right": "paper"}),
    # was: «holds 2 pages (a multi-page TIFF)» for a picture and its preview (NewSubfileType
    # 1: a reduced version), as scanners and editors save them
    "a TIFF with a preview after its picture": (
        "scan.tif", lambda p: _tiff_with(p, [1]), {"centre": "red"}),
    # held: turned upright by their EXIF, a CMYK JPEG and a PNG (eXIf chunk) alike
    "a CMYK JPEG turned a quarter clockwise": (
        "cmyk6.jpg", _turned("CMYK", 6, "JPEG"), {"top": "red", "centre": "blue",
                                                  "bottom": "blue"}),
    "a PNG turned a quarter anticlockwise": (
        "turned8.png", _turned("RGB", 8, "PNG"), {"bottom": "red", "centre": "blue",
                                                  "top": "blue"}),
    "a JPEG mirrored and turned (orientation 7)": (
        "turned7.jpg", _turned("RGB", 7, "JPEG"), {"bottom": "red", "centre": "blue",
                                                   "top": "blue"}),
}


def _printed_picture(pdf_path: Path) -> Image.Image:
    """The one picture of the print file as CMYK pixels, after checking it is device CMYK or
    grey and carries no soft mask (PDF/X-1a's own rules)."""
    with pikepdf.open(pdf_path) as pdf:
        (image,) = pdf.pages[0].get_images().values()
        assert image.ColorSpace in (pikepdf.Name.DeviceCMYK, pikepdf.Name.DeviceGray)
        assert "/SMask" not in image and "/Mask" not in image
        # Pillow reads an Adobe CMYK JPEG as the colours it means, which is what /Decode
        # [1 0 …] over its inverted samples says
        pixels = pikepdf.PdfImage(image).as_pil_image()
        pixels.load()
        if pixels.mode == "CMYK":
            return pixels
        black = ImageOps.invert(pixels.convert("L"))  # grey is black ink alone
        none = Image.new("L", pixels.size, 0)
        return Image.merge("CMYK", (none, none, none, black))


def _ink(pixel) -> str:
    c, m, y, k = pixel
    if max(pixel) < 8:
        return "paper"
    if max(c, m, y) < 8 and k > 60:
        return "grey"
    if m > 120 and y > 120 and c < 60:
        return "red"
    if c > 120 and m > 60 and y < 60:
        return "blue"
    return f"other {pixel}"


@pytest.mark.parametrize("name", PICTURES)
def test_a_picture_prints_as_it_shows_in_device_colour_alone(tmp_path, name):
    file, make, inks = PICTURES[name]
    make(tmp_path / file)
    _picture_page(tmp_path, file)
    run = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", "out",
                 "--rendition", "print", cwd=tmp_path)
    assert run.code == 0, run.text
    picture = _printed_picture(tmp_path / "out" / "content.print.pdf")
    w, h = picture.size
    assert (h > w) == ("top" in inks), "turned otherwise than its EXIF says"
    places = {"left": (w // 8, h // 2), "right": (w * 7 // 8, h // 2), "top": (w // 2, h // 8),
              "bottom": (w // 2, h * 7 // 8), "centre": (w // 2, h // 2)}
    assert {place: _ink(picture.getpixel(places[place])) for place in inks} == inks


# --- fonts ------------------------------------------------------------------------------------

def _font(folder: Path, text: str, change=None, **options) -> Path:
    """The test font drawing `text`, saved again by fontTools after `change(font)`."""
    from fontTools.ttLib import TTFont

    path = make_font(folder / "F.ttf", "".join(dict.fromkeys(text)), **options)
    if change is not None:
        font = TTFont(path)
        change(font)
        font.save(path)
    return path


def _advance(char: str, units: int):
    def change(font) -> None:
        font["hmtx"][font.getBestCmap()[ord(char)]] = (units, 0)
    return change


def _composite(folder: Path, part_of: callable) -> Path:
    """The test font with its glyph for 吉 made a composite whose one part is the glyph
    `part_of(its own glyph id)` (patched into the bytes: fontTools refuses to write it)."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

    path = _font(folder, TEXT)
    font = TTFont(path)
    glyph, part = Glyph(), GlyphComponent()
    glyph.numberOfContours, glyph.components = -1, [part]
    part.glyphName, part.x, part.y, part.flags = font.getBestCmap()[ord("祥")], 0, 0, 0x3
    name = font.getBestCmap()[ord(TEXT[0])]
    font["glyf"][name] = glyph
    font.save(path)
    font = TTFont(path)
    gid = font.getGlyphID(name)
    data = bytearray(path.read_bytes())
    at = font.reader.tables["glyf"].offset + font["loca"][gid] + 10
    struct.pack_into(">H", data, at + 2, part_of(gid))
    path.write_bytes(bytes(data))
    return path


SPACED = "吉祥\u3000的字"  # an ideographic space typed between words, as a byline has one

# name: (text of the page, how the font is made, the file whose line is named, the words)
REFUSED_FONTS = {
    # was: a glyph made of itself drew nothing (every viewer gives up on it) while its
    # header's box said it was inked: exit 0, 吉 gone from the page
    "a glyph made of itself": (TEXT, lambda p: _composite(p, lambda gid: gid), "page.layout.yaml",
                               "its glyph for '吉' (U+5409) is made of itself"),
    "a glyph made of a glyph past the last": (
        TEXT, lambda p: _composite(p, lambda gid: 60000), "page.layout.yaml",
        "its glyph for '吉' (U+5409) has glyph 60000 as a part, past the font's last glyph"),
    # was: an ideographic space of no advance ran the words beside it together, one of 65 em
    # broke the line where it stood; exit 0 both
    "an ideographic space of no advance": (
        SPACED, lambda p: _font(p, SPACED, _advance("\u3000", 0)), "page.yaml",
        "'\u3000' (U+3000) at"),
    "an ideographic space 65 em wide": (
        SPACED, lambda p: _font(p, SPACED, _advance("\u3000", 65535)), "page.yaml",
        "(its glyph has an advance of 65.5 em)"),
    # held: a font whose licence forbids embedding is refused for print, saying why
    "a font its licence forbids to embed": (TEXT, lambda p: _font(p, TEXT, fs_type=0x0002),
                                            "page.layout.yaml",
                                            "forbids embedding (OS/2 fsType 0x0002"),
    # held: a mark the font lacks is named with its place
    "a font without the full stop": (TEXT + "。", lambda p: _font(p, TEXT), "page.yaml",
                                     "'。' (U+3002) at"),
    # was: «not a TrueType or OpenType font (it starts with b'\x80\x01\x14\x00')»
    "a Type 1 font (.pfb)": (TEXT, lambda p: _bytes(p, "F.pfb", b"\x80\x01\x14\x00\x00\x00"
                                                               b"%!PS-AdobeFont-1.0: F"),
                             "page.layout.yaml", "it is a PostScript Type 1 font"),
    "a Type 1 font (.pfa)": (TEXT, lambda p: _bytes(p, "F.pfa", b"%!PS-AdobeFont-1.0: F 001\n"),
                             "page.layout.yaml", "it is a PostScript Type 1 font"),
    "a font download left zipped": (TEXT, lambda p: _zipped(p), "page.layout.yaml",
                                    "it is a ZIP archive"),
    "a download page saved as the font": (
        TEXT, lambda p: _bytes(p, "F.ttf", b"<!DOCTYPE html><html><body>404</body></html>"),
        "page.layout.yaml", "it is a web page (HTML)"),
    "an empty font file": (TEXT, lambda p: _bytes(p, "F.ttf", b""), "page.layout.yaml",
                           "it is an empty file"),
    "a PNG named .ttf": (TEXT, lambda p: _picture_as_font(p), "page.layout.yaml",
                         "it is a PNG picture"),
}


def _bytes(folder: Path, name: str, data: bytes) -> Path:
    (folder / name).write_bytes(data)
    return folder / name


def _zipped(folder: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(folder / "F.ttf", "w") as archive:
        archive.write(_font(folder, TEXT), "Font.ttf")
    return folder / "F.ttf"


def _picture_as_font(folder: Path) -> Path:
    Image.new("RGB", (8, 8)).save(folder / "F.ttf", "PNG")
    return folder / "F.ttf"


def _build(folder: Path, text: str, font: Path):
    content, layout = tiny_page(folder, text, [{"file": font.name}])
    return spread("build", str(content), "--layout", str(layout), "-o", str(folder / "out"),
                  "--rendition", "print,archive", cwd=folder)


@pytest.mark.parametrize("name", REFUSED_FONTS)
def test_a_font_that_does_not_draw_its_text_is_refused_at_its_place(tmp_path, name):
    text, make, file, says = REFUSED_FONTS[name]
    run = _build(tmp_path, text, make(tmp_path))
    assert_refused(run, tmp_path / file, 3, says, "hint: ")
    assert not (tmp_path / "out" / "page.print.pdf").exists()


# was: ReportLab refuses a PostScript name with a PDF delimiter or a letter outside ASCII
# («psName=… contains invalid character»), said as «the font is damaged or not a font»; a
# name of 200 letters went into both files and failed the archive's check (a PDF name holds
# 127 bytes), exit 1. Now such a font is filed under spread's own name and draws.
@pytest.mark.parametrize("ps", ["Song(Bold)/Title[1]", "宋体-Regular", "P" * 200, "Song Light"])
def test_a_font_of_any_postscript_name_draws_and_is_filed_under_a_name_pdf_can_hold(tmp_path,
                                                                                   ps):
    run = _build(tmp_path, TEXT, _font(tmp_path, TEXT, ps=ps))
    assert run.code == 0, run.text
    for rendition in ("print", "archive"):
        path = tmp_path / "out" / f"page.{rendition}.pdf"
        assert pdf_text(path) == TEXT
        with pikepdf.open(path) as pdf:
            for font in pdf.pages[0].Resources.Font.values():
                name = str(font.BaseFont)[1:]
                assert len(name.encode()) <= 127 and name.isascii(), name


# --- PDFs given to `spread check` --------------------------------------------------------------

@pytest.fixture(scope="module")
def print_file(tmp_path_factory) -> Path:
    """A print file spread wrote (the tiny page in the test font): it passes the check."""
    folder = tmp_path_factory.mktemp("printed")
    run = _build(folder, TEXT, _font(folder, TEXT))
    assert run.code == 0, run.text
    return folder / "out" / "page.print.pdf"


def _drawing(content: bytes, **resources):
    """An edit of the print file: `content` drawn after the page's own, with `resources`
    (kind → name → what pikepdf makes of (pdf, value)) beside the page's."""
    def edit(pdf: pikepdf.Pdf) -> None:
        page = pdf.pages[0].obj
        for kind, named in resources.items():
            group = page.Resources.get(f"/{kind}", pikepdf.Dictionary())
            for name, make in named.items():
                group[f"/{name}"] = make(pdf)
            page.Resources[f"/{kind}"] = group
        pdf.pages[0].contents_add(pdf.make_stream(b"q " + content + b" Q"))
    return edit


def _tiling(cell: bytes):
    return lambda pdf: pdf.make_stream(cell, PatternType=1, PaintType=1, TilingType=1,
                                       BBox=[0, 0, 10, 10], XStep=10, YStep=10,
                                       Resources=pikepdf.Dictionary())


def _type3(glyph: bytes):
    return lambda pdf: pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type3, FontBBox=[0, 0, 1000, 1000],
        FontMatrix=[0.001, 0, 0, 0.001, 0, 0], FirstChar=97, LastChar=97, Widths=[1000],
        CharProcs=pikepdf.Dictionary(a=pdf.make_stream(glyph)),
        Encoding=pikepdf.Dictionary(Type=pikepdf.Name.Encoding, Differences=[97, pikepdf.Name.a]),
        Resources=pikepdf.Dictionary())


def _stamp(appearance: bytes):
    def edit(pdf: pikepdf.Pdf) -> None:
        look = pdf.make_stream(appearance, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                               BBox=[0, 0, 20, 20])
        pdf.pages[0].obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Stamp,
                               Rect=[40, 40, 60, 60], F=4,
                               AP=pikepdf.Dictionary(N=look)))]))
    return edit


_INDEXED_CMYK = [pikepdf.Name.Indexed, pikepdf.Name.DeviceCMYK, 1,
                 pikepdf.String(b"\x00\x00\x00\xff\x00\xff\xff\x00")]

# name: (the edit of the print file, exit, words the report holds)
CHECKED = {
    # was: «the file is damaged: … cannot get key '/as_tuple' on object of type name», exit 2
    # — a pattern's name as the operand of scn, as every pattern fill is written
    "a fill of a CMYK pattern": (_drawing(b"/Pattern cs /P0 scn 30 30 20 20 re f",
                                          Pattern={"P0": _tiling(b"0 0 0 0.5 k 0 0 5 5 re f")}),
                                 0, "ok"),
    # was: exit 0 for RGB drawn where it is used, not where it is written
    "a pattern whose cell is RGB": (_drawing(b"/Pattern cs /P0 scn 30 30 20 20 re f",
                                             Pattern={"P0": _tiling(b"1 0 0 rg 0 0 5 5 re f")}),
                                    1, "colour-rgb      RGB colour operator 'rg' in pattern P0"),
    "a Type 3 font whose glyph is RGB": (
        _drawing(b"BT /T3 10 Tf 30 30 Td (a) Tj ET",
                 Font={"T3": _type3(b"1000 0 d0 0 1 0 rg 0 0 1000 1000 re f")}),
        1, "RGB colour operator 'rg' in glyph a of Type 3 font T3"),
    "an annotation whose appearance is RGB": (
        _stamp(b"0 0 1 rg 0 0 20 20 re f"), 1,
        "RGB colour operator 'rg' in the appearance of a Stamp annotation"),
    # was: an inline image naming its colour space (a resource, as PDF allows) was refused
    # whatever the space, and an indexed RGB one named by its table's bytes, not as RGB
    "an inline image in a named indexed CMYK space": (
        _drawing(b"0.5 0 0 0.25 30 30 cm BI /W 2 /H 1 /CS /CS0 /BPC 8 ID \x00\x01 EI",
                 ColorSpace={"CS0": lambda pdf: pikepdf.Array(_INDEXED_CMYK)}), 0, "ok"),
    "an inline image of indexed RGB": (
        _drawing(b"0.5 0 0 0.25 30 30 cm BI /W 2 /H 1 /CS [/I /RGB 1 <ff000000ff00>] /BPC 8 "
                 b"ID \x00\x01 EI"), 1,
        "colour-rgb      inline image in colour space Indexed DeviceRGB"),
    # was: exit 0
    "a PostScript XObject": (_drawing(b"/PS0 Do", XObject={"PS0": lambda pdf: pdf.make_stream(
        b"1 0 0 setrgbcolor", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.PS)}), 1,
        "postscript      XObject PS0 is PostScript, which PDF/X forbids"),
}


@pytest.mark.parametrize("name", CHECKED)
def test_what_a_pdf_draws_anywhere_is_checked_for_print(print_file, tmp_path, name):
    edit, code, says = CHECKED[name]
    with pikepdf.open(print_file) as pdf:
        edit(pdf)
        pdf.save(tmp_path / "edited.pdf", force_version="1.3",
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
    run = spread("check", "edited.pdf", cwd=tmp_path)
    assert run.code == code, run.text
    assert says in run.text and "damaged" not in run.text, run.text


def _cmyk_and_alpha_tiff(path: Path) -> None:
    """An uncompressed CMYK TIFF with a fifth channel, as an editor saves transparency (or a
    spot colour) beside CMYK: Pillow does not read it."""
    w, h, samples = 1800, 1200, 5
    entries = [(256, 4, 1, w), (257, 4, 1, h), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 5),
               (273, 4, 1, 8 + 2 + 12 * 11 + 4), (277, 3, 1, samples), (278, 4, 1, h),
               (279, 4, 1, w * h * samples), (284, 3, 1, 1), (338, 3, 1, 2)]
    ifd = struct.pack("<H", len(entries)) + b"".join(
        struct.pack("<HHI", tag, kind, count) + struct.pack("<I" if kind == 4 else "<HH",
                                                            *((value,) if kind == 4
                                                              else (value, 0)))
        for tag, kind, count, value in entries) + struct.pack("<I", 0)
    path.write_bytes(b"II*\x00" + struct.pack("<I", 8) + ifd
                     + b"\x00\xff\xff\x00\x80" * (w * h))


def test_a_cmyk_tiff_with_an_alpha_channel_is_named_for_what_it_holds(tmp_path):
    """was: «a TIFF file whose header does not read (damaged, or a size of 0 pixels)»."""
    _cmyk_and_alpha_tiff(tmp_path / "ad.tif")
    _picture_page(tmp_path, "ad.tif")
    run = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", "out",
                 "--rendition", "print", cwd=tmp_path)
    assert_refused(run, "content.yaml", 3, "ad.tif is a TIFF of CMYK with 1 channel(s) more "
                   "(alpha or spot colours), which spread does not read",
                   "hint: save it again flattened")


def test_a_tiff_of_two_pages_and_a_preview_is_still_two_pages(tmp_path):
    """The count passes over a preview, not over a page: refused, its pages counted."""
    _tiff_with(tmp_path / "scan.tif", [1, 0])
    _picture_page(tmp_path, "scan.tif")
    run = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", "out",
                 "--rendition", "print", cwd=tmp_path)
    assert_refused(run, "content.yaml", 3, "holds 2 pages (a multi-page TIFF)", "hint: ")


@pytest.mark.parametrize("how", [[], ["--typography"]])
def test_a_page_without_a_mediabox_is_damaged_in_words_without_qpdf_s_punctuation(
        print_file, tmp_path, how):
    """was: «the file is damaged: , object 3 0 at offset …» (qpdf's file name taken off its
    warning, its comma left)."""
    with pikepdf.open(print_file) as pdf:
        pdf.pages[0].obj.MediaBox = [0, 0, 300]
        pdf.save(tmp_path / "boxless.pdf", force_version="1.3",
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
    run = spread("check", *how, "boxless.pdf", cwd=tmp_path)
    assert run.code == 2, run.text
    assert "boxless.pdf: the file is damaged: object " in run.text, run.text
    assert "MediaBox is undefined" in run.text and "Traceback" not in run.text


def test_a_font_without_a_hyphen_sets_its_latin_words_whole(tmp_path):
    """The composer hyphenates a Latin word with the font's hyphen: a font with none was
    refused with «'-' (U+002D) in «-» would be drawn as an empty box» and no place, for a
    character the text does not have (and a page too long for it crashed drawing its
    failure proof, KeyError: ''). Now such a chain does not hyphenate."""
    text = "吉祥的字" * 5 + "internationalization characteristically"
    run = _build(tmp_path, text, _font(tmp_path, text.replace(" ", "")))
    assert run.code == 0, run.text
    lines = pdf_text(tmp_path / "out" / "page.print.pdf").split("\r\n")
    assert "internationalization" in lines and "-" not in "".join(lines), lines
