"""Round 12 of the hostile files: pictures placed by the content, fonts named by the layout
and PDFs handed to `spread check`, each made here (Pillow, fontTools, pikepdf, raw bytes) and
run through the console entry point (`spread.cli.main`, forked, its CPU time and memory
bounded). Each case marked «was» failed on the code before its mend: a file called damaged
for what it is, a page printed otherwise than its files say with exit 0, or a PDF that
breaks PDF/X-1a passed by the preflight; the others hold ground no round had tried. A
refused file ends with exit 2, the file and its line named, and a hint; a picture that
prints is read back from the print file; a PDF that breaks PDF/X-1a fails (exit 1) with
the rule it breaks."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from test_fonts import TEXT, make_font, pdf_text
from test_hostile_inputs import _picture_page, assert_refused, spread
from test_hostile_round11_files import (H, RED, W, _build, _chunk, _drawing, _ink,
                                        _printed_picture, _stamp)


# --- pictures ---------------------------------------------------------------------------------

def _jpeg(mode: str = "RGB", colour=RED, **options) -> bytes:
    buf = io.BytesIO()
    Image.new(mode, (W, H), colour).save(buf, "JPEG", **options)
    return buf.getvalue()


def _frame_set(marker: int, precision: int = 8) -> callable:
    """A JPEG whose start-of-frame says `marker` (the coding process) and `precision` bits a
    sample, as a 12-bit or lossless JPEG's header does; its scan is a baseline one."""
    def make(path: Path) -> None:
        data, at = bytearray(_jpeg()), 2
        while not (0xC0 <= data[at + 1] <= 0xCF and data[at + 1] not in (0xC4, 0xC8, 0xCC)):
            at += 2 + struct.unpack(">H", data[at + 2:at + 4])[0]
        data[at + 1], data[at + 4] = marker, precision
        path.write_bytes(bytes(data))
    return make


def _tiff_tag_set(tag: int, value: int, mode: str = "RGB", colour=RED) -> callable:
    """An uncompressed TIFF with its `tag` (a SHORT) set to `value`."""
    def make(path: Path) -> None:
        Image.new(mode, (W, H), colour).save(path, "TIFF")
        data = bytearray(path.read_bytes())
        ifd = struct.unpack("<I", data[4:8])[0]
        for at in range(ifd + 2, ifd + 2 + 12 * struct.unpack("<H", data[ifd:ifd + 2])[0], 12):
            if struct.unpack("<H", data[at:at + 2])[0] == tag:
                struct.pack_into("<H", data, at + 8, value)
        path.write_bytes(bytes(data))
    return make


def _cgbi(path: Path) -> None:
    """A PNG as Apple's tools crush one for an iPhone app: a CgBI chunk before the header,
    its pixels blue, green, red and alpha, deflated without zlib's wrapping."""
    header = struct.pack(">IIBBBBB", W, H, 8, 6, 0, 0, 0)
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    pixels = raw.compress((b"\0" + bytes((10, 10, 200, 255)) * W) * H) + raw.flush()
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"CgBI", b"\x50\x00\x20\x06")
                     + _chunk(b"IHDR", header) + _chunk(b"IDAT", pixels) + _chunk(b"IEND", b""))


# name: (file, how it is made, words the refusal holds)
REFUSED_PICTURES = {
    # was: «is a JPEG file whose header does not read (damaged, or a size of 0 pixels)» — a
    # 12-bit JPEG (a medical or scientific camera's) is whole, libjpeg reads 8 bits
    "a 12-bit JPEG": ("deep.jpg", _frame_set(0xC1, 12), "deep.jpg is a 12-bit JPEG"),
    # was: «is damaged or incomplete (broken data stream when reading image file)»
    "a lossless JPEG": ("lossless.jpg", _frame_set(0xC3), "lossless.jpg is a lossless JPEG"),
    "a hierarchical JPEG": ("levels.jpg", _frame_set(0xC5),
                            "levels.jpg is a hierarchical JPEG"),
    # was: «is an XML or SVG drawing» — a browser's «Save Page As» under the photo's name
    "a web page saved as the photo": (
        "photo.jpg", lambda p: p.write_bytes(b"\n<!DOCTYPE html>\n<html><head><title>photo"
                                             b"</title></head><body></body></html>\n"),
        "photo.jpg is a web page (HTML), not a JPEG, PNG or TIFF file"),
    # was: «is not a JPEG, PNG or TIFF file» for files a designer hands as they are
    "a Photoshop document": ("layout.jpg", lambda p: p.write_bytes(b"8BPS\x00\x01" + bytes(200)),
                             "layout.jpg is a Photoshop document (PSD)"),
    "an EPS drawing": ("logo.jpg", lambda p: p.write_bytes(b"%!PS-Adobe-3.0 EPSF-3.0\n"
                                                           b"%%BoundingBox: 0 0 10 10\n"),
                       "logo.jpg is a PostScript (EPS) drawing"),
    "a JPEG 2000 picture": ("scan.jpg", lambda p: p.write_bytes(
        b"\x00\x00\x00\x0cjP  \r\n\x87\n" + bytes(100)), "scan.jpg is a JPEG 2000 picture"),
    "a JPEG XL picture": ("new.jpg", lambda p: p.write_bytes(b"\xff\x0a" + bytes(100)),
                          "new.jpg is a JPEG XL picture"),
    # was: «is a TIFF file whose header does not read (damaged, …)» — its header reads, its
    # compression is none Pillow has
    "a TIFF compressed as JPEG 2000": (
        "slide.tif", _tiff_tag_set(259, 34712),
        "slide.tif is a TIFF compressed as JPEG 2000 (compression 34712), which spread does "
        "not read"),
    # was: «its pixels end 100% short of the 1342185474 × 735425407 its header declares» —
    # the CgBI chunk read as the header
    "an iPhone-crushed PNG (CgBI)": ("icon.png", _cgbi,
                                     "icon.png is a PNG crushed for iPhone apps (Apple's CgBI"),
}


@pytest.mark.parametrize("name", REFUSED_PICTURES)
def test_a_picture_spread_does_not_read_is_named_for_what_it_is(tmp_path, name):
    file, make, says = REFUSED_PICTURES[name]
    make(tmp_path / file)
    _picture_page(tmp_path, file)
    run = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", "out",
                 "--rendition", "print", cwd=tmp_path)
    assert_refused(run, "content.yaml", 3, says, "hint: ")
    assert "damaged" not in run.text and not (tmp_path / "out").exists()


def _turned(orientation: int) -> callable:
    """A JPEG whose stored top-left corner is red, the rest blue, its EXIF saying how to
    turn it upright."""
    def make(path: Path) -> None:
        picture = Image.new("RGB", (W, H), (10, 10, 200))
        picture.paste(RED, (0, 0, W // 4, H // 4))
        exif = picture.getexif()
        exif[0x0112] = orientation
        picture.save(path, "JPEG", exif=exif)
    return make


def _interlaced(path: Path) -> None:
    """An Adam7-interlaced RGB PNG, red: each pass's rows written whole."""
    rows = b""
    for x, y, dx, dy in ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4),
                         (1, 0, 2, 2), (0, 1, 1, 2)):
        columns, count = -(-(W - x) // dx), -(-(H - y) // dy)
        rows += (b"\0" + bytes(RED) * columns) * count
    header = struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 1)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
                     + _chunk(b"IDAT", zlib.compress(rows)) + _chunk(b"IEND", b""))


def _grey_alpha_16(path: Path) -> None:
    """A 16-bit grey-and-alpha PNG: left half a quarter grey, opaque; right half clear."""
    row = b"\0" + b"\x40\x00\xff\xff" * (W // 2) + b"\x40\x00\x00\x00" * (W // 2)
    header = struct.pack(">IIBBBBB", W, H, 16, 4, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
                     + _chunk(b"IDAT", zlib.compress(row * H)) + _chunk(b"IEND", b""))


def _tiff_looping(path: Path) -> None:
    """A red TIFF whose link to a next page leads back to its own first page."""
    Image.new("RGB", (W, H), RED).save(path, "TIFF")
    data = bytearray(path.read_bytes())
    ifd = struct.unpack("<I", data[4:8])[0]
    struct.pack_into("<I", data, ifd + 2 + 12 * struct.unpack("<H", data[ifd:ifd + 2])[0], ifd)
    path.write_bytes(bytes(data))


# name: (file, how it is made, the ink at places of the printed picture)
PRINTED_PICTURES = {
    # held: turned upright by their EXIF (round 11 tried 6, 7 and 8)
    "a JPEG mirrored (orientation 2)": ("o2.jpg", _turned(2), {"top right": "red",
                                                               "top left": "blue"}),
    "a JPEG upside down (orientation 3)": ("o3.jpg", _turned(3), {"bottom right": "red",
                                                                  "top left": "blue"}),
    "a JPEG flipped (orientation 4)": ("o4.jpg", _turned(4), {"bottom left": "red",
                                                              "top left": "blue"}),
    "a JPEG transposed (orientation 5)": ("o5.jpg", _turned(5), {"top left": "red",
                                                                 "bottom right": "blue",
                                                                 "tall": True}),
    # held: a grey TIFF whose 0 is white (PhotometricInterpretation 0) prints no negative
    "a white-is-zero grey TIFF": ("wiz.tif", _tiff_tag_set(262, 0, "L", 200),
                                  {"centre": "grey"}),
    "a 16-bit grey PNG with alpha": ("la16.png", _grey_alpha_16, {"top left": "grey",
                                                                  "top right": "paper"}),
    "an interlaced PNG": ("adam7.png", _interlaced, {"centre": "red", "bottom right": "red"}),
    "a TIFF whose next page is itself": ("loop.tif", _tiff_looping, {"centre": "red"}),
}
_PLACES = {"top left": (1, 1), "top right": (9, 1), "bottom left": (1, 9),
           "bottom right": (9, 9), "centre": (5, 5)}


@pytest.mark.parametrize("name", PRINTED_PICTURES)
def test_an_odd_picture_prints_upright_in_its_own_colours(tmp_path, name):
    file, make, inks = PRINTED_PICTURES[name]
    make(tmp_path / file)
    _picture_page(tmp_path, file)
    run = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", "out",
                 "--rendition", "print", cwd=tmp_path)
    assert run.code == 0, run.text
    picture = _printed_picture(tmp_path / "out" / "content.print.pdf")
    w, h = picture.size
    assert (h > w) == inks.get("tall", False), "turned otherwise than its EXIF says"
    found = {place: _ink(picture.getpixel((w * _PLACES[place][0] // 10,
                                           h * _PLACES[place][1] // 10)))
             for place in inks if place != "tall"}
    assert found == {place: ink for place, ink in inks.items() if place != "tall"}


def test_a_cmyk_photo_separated_for_another_press_is_named_with_what_to_do(tmp_path):
    """A CMYK picture is printed as it is separated: one made for a magazine's press (300 %
    and more of ink) fails newsprint's limit. was: «ink-total: image FormXob.a05f301e…
    has pixels of 400% total ink» — the PDF writer's name for it — and a hint to use «a
    larger size, fewer figures, another colour»."""
    Image.new("CMYK", (W, H), (255, 255, 255, 255)).save(tmp_path / "ink.jpg", "JPEG")
    _picture_page(tmp_path, "ink.jpg")
    run = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", "out",
                 "--rendition", "print", cwd=tmp_path)
    assert_refused(run, "content.yaml", 3, "the picture ink.jpg has pixels of 400% total ink, "
                   "above the 240% limit", "hint: the file is not written; the picture is "
                   "separated for a press that takes more ink", code=1)
    assert "FormXob" not in run.text and not (tmp_path / "out" / "content.print.pdf").exists()


# --- fonts ------------------------------------------------------------------------------------

def _glyph_body_wrecked(folder: Path) -> Path:
    """The test font with its glyph for 吉 keeping its header (one contour, its box) and its
    points overwritten: the contour's end says point 65535, past the glyph's bytes."""
    from fontTools.ttLib import TTFont

    path = make_font(folder / "F.ttf", TEXT)
    font = TTFont(path)
    gid = font.getGlyphID(font.getBestCmap()[ord(TEXT[0])])
    start = font.reader.tables["glyf"].offset + font["loca"][gid]
    end = font.reader.tables["glyf"].offset + font["loca"][gid + 1]
    data = bytearray(path.read_bytes())
    data[start + 10:end] = b"\xff" * (end - start - 10)
    path.write_bytes(bytes(data))
    return path


def _subroutine_calling_itself(folder: Path) -> Path:
    """An OpenType CFF font whose glyph for 吉 calls a subroutine that calls itself."""
    from fontTools.cffLib import SubrsIndex
    from fontTools.misc.psCharStrings import T2CharString
    from fontTools.ttLib import TTFont

    path = make_font(folder / "F.otf", TEXT, cff=True)
    font = TTFont(path, recalcBBoxes=False)
    top = font["CFF "].cff.topDictIndex[0]
    subrs = SubrsIndex()
    subrs.append(T2CharString(program=[-107, "callsubr", "return"]))  # subroutine 0
    top.Private.Subrs = subrs
    glyph = top.CharStrings[font.getBestCmap()[ord(TEXT[0])]]
    glyph.decompile()
    glyph.program = [1000, -107, "callsubr", "endchar"]
    font.save(path)
    return path


# name: (how the font is made, words the refusal holds)
REFUSED_FONTS = {
    # was: exit 0 for the print, its 吉 a blank (the archive failed its check with «codes
    # select glyphs the font program lacks: 1»)
    "a glyph whose points run past its data": (
        _glyph_body_wrecked, "its glyph for '吉' (U+5409) has an outline that does not read"),
    # was: «one of its glyphs does not read»: which one, and why, unsaid
    "a glyph drawn by a subroutine calling itself": (
        _subroutine_calling_itself,
        "its glyph for '吉' (U+5409) calls subroutines that call each other without end"),
    # held: the licence bits that forbid what a PDF does with a font
    "a font its licence allows to embed as bitmaps only": (
        lambda p: make_font(p / "F.ttf", TEXT, fs_type=0x0200),
        "allows only bitmap embedding (OS/2 fsType 0x0200)"),
    "a font its licence forbids to subset": (
        lambda p: make_font(p / "F.ttf", TEXT, fs_type=0x0100),
        "forbids subsetting (OS/2 fsType 0x0100)"),
}


@pytest.mark.parametrize("name", REFUSED_FONTS)
def test_a_font_that_cannot_draw_its_text_is_refused_at_its_layout_line(tmp_path, name):
    make, says = REFUSED_FONTS[name]
    run = _build(tmp_path, TEXT, make(tmp_path))
    assert_refused(run, tmp_path / "page.layout.yaml", 3, says, "hint: ")
    assert not (tmp_path / "out" / "page.print.pdf").exists()


def _cff2(folder: Path) -> Path:
    """A CFF2 font (the outlines of variable OpenType fonts) with a weight axis."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    names = [".notdef"] + [f"u{ord(c):X}" for c in TEXT]
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): n for c, n in zip(TEXT, names[1:])})
    outlines = {}
    for name in names:
        pen = T2CharStringPen(None, None, CFF2=True)
        pen.moveTo((100, -50))
        for point in ((100, 750), (900, 750), (900, -50)):
            pen.lineTo(point)
        pen.closePath()
        outlines[name] = pen.getCharString()
    builder.setupCFF2(outlines)
    builder.setupHorizontalMetrics({n: (1000, 100) for n in names})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": "Variable CFF2", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    builder.setupFvar([("wght", 100, 400, 900, "Weight")], [])
    builder.save(str(folder / "F.otf"))
    return folder / "F.otf"


def _no_ascender(folder: Path) -> Path:
    from fontTools.ttLib import TTFont

    path = make_font(folder / "F.ttf", TEXT)
    font = TTFont(path)
    font["hhea"].ascent = font["hhea"].descent = 0
    os2 = font["OS/2"]
    os2.sTypoAscender = os2.sTypoDescender = os2.usWinAscent = os2.usWinDescent = 0
    font.save(path)
    return path


# name: (how the font is made, words the build says)
BUILT_FONTS = {
    "a CFF2 variable font": (_cff2, "is a variable font: spread draws its default instance "
                                    "(wght 400)"),
    "a font of no ascender or descender": (_no_ascender, ""),
    # fsType 0x000A: restricted and editable both — the least restrictive bit counts
    "a font whose licence bits say restricted and editable": (
        lambda p: make_font(p / "F.ttf", TEXT, fs_type=0x000A), ""),
}


@pytest.mark.parametrize("name", BUILT_FONTS)
def test_an_odd_font_that_draws_its_text_builds_and_its_text_reads_back(tmp_path, name):
    make, says = BUILT_FONTS[name]
    run = _build(tmp_path, TEXT, make(tmp_path))
    assert run.code == 0, run.text
    assert says in run.text
    for rendition in ("print", "archive"):
        assert pdf_text(tmp_path / "out" / f"page.{rendition}.pdf") == TEXT


# --- PDFs given to `spread check` --------------------------------------------------------------

@pytest.fixture(scope="module")
def print_file(tmp_path_factory) -> Path:
    """A print file spread wrote (the tiny page in the test font): it passes the check."""
    folder = tmp_path_factory.mktemp("printed")
    run = _build(folder, TEXT, make_font(folder / "F.ttf", TEXT))
    assert run.code == 0, run.text
    return folder / "out" / "page.print.pdf"


def _icc_based(components: int):
    return lambda pdf: pikepdf.Array([pikepdf.Name.ICCBased,
                                      pdf.make_stream(b"\0" * 200, N=components)])


def _form(content: bytes = b"0 0 0 1 k 0 0 5 5 re f", **entries):
    return lambda pdf: pdf.make_stream(content, Type=pikepdf.Name.XObject,
                                       Subtype=pikepdf.Name.Form, BBox=[0, 0, 10, 10], **entries)


def _grey_image(**entries):
    """An 800 × 800 grey image: enough pixels for print where it is drawn (300 pt)."""
    return lambda pdf: pdf.make_stream(b"\x80" * 800 * 800, Type=pikepdf.Name.XObject,
                                       Subtype=pikepdf.Name.Image, Width=800, Height=800,
                                       ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8,
                                       **{k: v(pdf) if callable(v) else v
                                          for k, v in entries.items()})


def _alternate_rgb(pdf):
    rgb = pdf.make_stream(b"\xff\0\0" * 4, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                          Width=2, Height=2, ColorSpace=pikepdf.Name.DeviceRGB,
                          BitsPerComponent=8)
    return pikepdf.Array([pikepdf.Dictionary(Image=rgb, DefaultForPrinting=True)])


def _halftone(**entries):
    return lambda pdf: pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, HT=entries["HT"](pdf))


_FILL = b" 0 0 0 1 k 30 30 20 20 re f"
_IMAGE = b"300 0 0 300 10 10 cm /Im0 Do"

# name: (the edit of the print file, exit, words the report holds)
CHECKED = {
    # was: exit 0 — a default colour space turns every device colour of its kind into an
    # ICC-based one the RIP converts (DefaultCMYK: each CMYK colour of the page)
    "a DefaultCMYK colour space": (_drawing(_FILL, ColorSpace={"DefaultCMYK": _icc_based(4)}),
                                   1, "colour-space    the page's resources set DefaultCMYK"),
    "a DefaultRGB colour space": (_drawing(_FILL, ColorSpace={"DefaultRGB": _icc_based(3)}),
                                  1, "the page's resources set DefaultRGB"),
    "a DefaultGray colour space in a form": (
        _drawing(b"/Fm0 Do", XObject={"Fm0": _form(Resources=pikepdf.Dictionary(
            ColorSpace=pikepdf.Dictionary(DefaultGray=pikepdf.Name.DeviceGray)))}),
        1, "form Fm0's resources set DefaultGray"),
    # was: exit 0 — PostScript for the RIP inline in the content (the PS operator)
    "PostScript in the content (PS)": (_drawing(b"(1 0 0 setrgbcolor) PS" + _FILL), 1,
                                       "postscript      PostScript in the content (the PS operator)"),
    "PostScript in a pattern's cell": (
        _drawing(b"/Pattern cs /P0 scn 30 30 20 20 re f", Pattern={"P0": lambda pdf: (
            pdf.make_stream(b"(x) PS 0 0 0 1 k 0 0 5 5 re f", PatternType=1, PaintType=1,
                            TilingType=1, BBox=[0, 0, 10, 10], XStep=10, YStep=10,
                            Resources=pikepdf.Dictionary()))}),
        1, "PostScript in pattern P0 (the PS operator), which PDF/X forbids"),
    # was: exit 0 — PDF/X-1a allows no annotation inside the bleed but trap networks
    "a CMYK stamp on the page": (_stamp(b"0 0 0 1 k 0 0 20 20 re f"), 1,
                                 "annotation      a Stamp annotation lies inside the BleedBox"),
    # was: exit 0 — OPI: a link to a high-resolution original the RIP swaps in, unchecked
    "an image with OPI comments": (
        _drawing(_IMAGE, XObject={"Im0": _grey_image(OPI=lambda pdf: pikepdf.Dictionary(
            {"/1.3": pikepdf.Dictionary(Type=pikepdf.Name.OPI, Version=1.3,
                                        F=pikepdf.String("hires.tif"))}))}),
        1, "opi             image Im0 carries OPI comments"),
    "a form with OPI comments": (
        _drawing(b"/Fm0 Do", XObject={"Fm0": _form(OPI=pikepdf.Dictionary())}), 1,
        "form Fm0 carries OPI comments"),
    # was: exit 0 — the RIP prints the alternate, an RGB image no rule looked at
    "an image whose alternate prints": (
        _drawing(_IMAGE, XObject={"Im0": _grey_image(Alternates=_alternate_rgb)}), 1,
        "image Im0 has an alternate image marked DefaultForPrinting"),
    # was: exit 0 — halftones PDF/X-1a forbids
    "a threshold halftone (type 6)": (
        _drawing(b"/GS9 gs" + _FILL, ExtGState={"GS9": _halftone(HT=lambda pdf: pdf.make_stream(
            b"\0" * 16, HalftoneType=6, Width=4, Height=4))}),
        1, "halftone        graphics state GS9 sets a halftone of type 6"),
    "a named halftone": (
        _drawing(b"/GS9 gs" + _FILL, ExtGState={"GS9": _halftone(HT=lambda pdf: pikepdf.Dictionary(
            HalftoneType=1, Frequency=85, Angle=45, SpotFunction=pikepdf.Name.Round,
            HalftoneName=pikepdf.String("DotShop")))}),
        1, "graphics state GS9 sets a named halftone (HalftoneName DotShop)"),
    # was: exit 0 — a stream whose data is another file: no exchange is complete without it
    "a form drawn from an external file": (
        _drawing(b"/Fm0 Do", XObject={"Fm0": _form(b"", F=pikepdf.String("/art/logo.ps"))}), 1,
        "external        a stream's data is in another file (/art/logo.ps)"),
    # held
    "an inline RGB image": (_drawing(b"0.5 0 0 0.25 30 30 cm BI /W 2 /H 1 /CS /RGB /BPC 8 ID "
                                     b"\xff\0\0\0\0\xff EI"),
                            1, "inline image in colour space DeviceRGB"),
    "an RGB shading painted by sh": (
        _drawing(b"/Sh0 sh", Shading={"Sh0": lambda pdf: pikepdf.Dictionary(
            ShadingType=2, ColorSpace=pikepdf.Name.DeviceRGB, Coords=[0, 0, 100, 0],
            Function=pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 0, 0],
                                        C1=[0, 0, 1], N=1))}),
        1, "shading /Sh0: RGB colour space DeviceRGB"),
    "an indexed space over ICC-based RGB": (
        _drawing(b"/CS0 cs 1 sc 30 30 20 20 re f", ColorSpace={"CS0": lambda pdf: pikepdf.Array(
            [pikepdf.Name.Indexed, _icc_based(3)(pdf), 1, pikepdf.String(b"\xff\0\0\0\0\xff")])}),
        1, "RGB colour space ICCBased with 3 components"),
    "a Lab colour": (_drawing(b"/CS0 cs 50 0 0 sc 30 30 20 20 re f",
                              ColorSpace={"CS0": lambda pdf: pikepdf.Array(
                                  [pikepdf.Name.Lab, pikepdf.Dictionary(WhitePoint=[0.95, 1, 1.09])])}),
                     1, "colour space Lab is not allowed in PDF/X-1a"),
    "a spot colour whose alternate is RGB": (
        _drawing(b"/CS0 cs 1 sc 30 30 20 20 re f", ColorSpace={"CS0": lambda pdf: pikepdf.Array(
            [pikepdf.Name.Separation, pikepdf.Name("/Gold"), pikepdf.Name.DeviceRGB,
             pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 1, 1], C1=[1, 0.8, 0],
                                N=1)])}),
        1, "Separation colour with an alternate RGB colour space DeviceRGB"),
    "a form that is a transparency group": (
        _drawing(b"/Fm0 Do", XObject={"Fm0": _form(Group=pikepdf.Dictionary(
            S=pikepdf.Name.Transparency))}), 1, "form /Fm0 is a transparency group"),
}


@pytest.mark.parametrize("name", CHECKED)
def test_what_pdf_x_1a_forbids_fails_the_preflight_saying_what(print_file, tmp_path, name):
    edit, code, says = CHECKED[name]
    with pikepdf.open(print_file) as pdf:
        edit(pdf)
        pdf.save(tmp_path / "edited.pdf", force_version="1.3",
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
    run = spread("check", "edited.pdf", cwd=tmp_path)
    assert run.code == code, run.text
    assert says in run.text, run.text
    assert "Traceback" not in run.text and "damaged" not in run.text


def test_a_pdf_of_ten_thousand_pages_is_refused_unread(print_file, tmp_path):
    """held: the pages are counted before any is read (a bound, not a wait)."""
    with pikepdf.open(print_file) as pdf:
        for _ in range(9999):
            pdf.pages.append(pdf.pages[0])
        pdf.save(tmp_path / "many.pdf", force_version="1.3",
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
    for how in ([], ["--typography"]):
        run = spread("check", *how, "many.pdf", cwd=tmp_path)
        assert run.code == 2, run.text
        assert "many.pdf: the file is too large to check: 10000 pages" in run.text, run.text
