"""Pictures as files: where one may come from, what it is (read from its header, never by
decoding it), and the pixels a rendition embeds — CMYK (or grey) for print, RGB (or grey)
for the archive. The one module that reads and converts pictures with Pillow.

Separation for print. With a printer's CMYK profile in the layout (`output: profile`) the
picture goes from its own profile (sRGB when it embeds none) through LittleCMS, perceptual
intent, to that profile: the press's dot gain and ink limit are the profile's business. With
no profile, spread separates with full grey-component replacement: C, M, Y = 1 − R, G, B,
then K = min(C, M, Y) is taken out of all three. Black is K alone and no pixel carries more
than 200 % ink, inside the newsprint limit of 240 %; dot gain is not compensated, which is
what a printer's profile is for. A CMYK picture is taken as already separated for the press
and embedded as it is.

Same file, same bytes: JPEG pictures are re-encoded by libjpeg at a fixed quality (or passed
through untouched when nothing needs changing), the others handed to the PDF writer as raw
pixels to be flate-compressed; neither writes a time or a software tag.
"""

from __future__ import annotations

import io
import os
import stat
import struct
import warnings
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageChops, ImageCms, ImageMath, ImageOps, UnidentifiedImageError

from spread.errors import InputError, Location, name_nearby, written_oddly
from spread.files import broken_link, kind_of, refuse_long_name

# 80 million pixels: a 对开 page (390 × 545 mm) filled at 400 ppi is 52 million. Anything
# larger is refused from the file's header alone, before a single pixel is decoded.
MAX_PIXELS = 80_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
# Pillow warns of what it passes over in a file that then loads (an EXIF tag running past the
# file's end: «Tag data larger than file. Skipping tag 270»), wherever the file is opened —
# here or by the PDF writer — and the warning would reach the terminal as a library's source
# line. What does not load spread refuses in its own words; a bomb is caught in inspect().
warnings.filterwarnings("ignore", module=r"PIL(\.|$)")

# and 512 MB of file: an uncompressed 16-bit CMYK TIFF of MAX_PIXELS would be larger, but
# no picture a page prints is; the bound keeps a stray disc image from being read at all
MAX_FILE_BYTES = 512 * 1024 * 1024

# 20:1 either way, the bound of a layout's `aspect`: a 60000 × 2 strip was set in a frame
# 0.01 mm tall, exit 0, and a 1 × 65000 one made its page 7.8 km too long
MAX_ASPECT = 20

FORMATS = ("JPEG", "PNG", "TIFF")
JPEG_QUALITY = 90  # re-encoded JPEG pictures: no visible loss at newspaper screen rulings
_ROTATED = (5, 6, 7, 8)  # EXIF orientations that swap width and height
_GREY_16 = ("I", "I;16", "I;16B", "I;16L", "I;16N")


@dataclass(frozen=True)
class Info:
    """A picture file and its size in pixels as drawn, after its EXIF rotation."""

    path: Path
    pixels: tuple[int, int]


@dataclass(frozen=True)
class Embedded:
    """A picture ready for the PDF writer: JPEG bytes passed through as DCT, or pixels
    (mode L, RGB or CMYK) to be flate-compressed."""

    jpeg: bytes = b""
    pixels: Image.Image | None = None


def locate(name: str, base: Path, folders: tuple[Path, ...], where: Location) -> Path:
    """The picture file `name` (relative to `base`, the content file's folder), refused when
    it lies outside `base` and every allowed folder — symbolic links followed — so a
    content file cannot pull an arbitrary file of the machine into a PDF."""
    # realpath, not Path.resolve, which raises on a loop of links (then reported unreadable)
    path = Path(os.path.realpath(base / name))
    roots = [Path(os.path.realpath(f)) for f in (base, *folders)]
    if not any(path.is_relative_to(root) for root in roots):
        raise InputError(f"the picture {name} is outside the content file's folder "
                         f"{roots[0]}", where, hint=_link_to(base / name) +
                         "copy it beside the content file, or list its folder in the "
                         "picture region's `folders` option")
    refuse_long_name(path, "the picture", name, where)
    if not path.exists() and os.path.islink(base / name):
        # a link to nothing: named as written, not by the name of the file it leads to
        return base / name
    return path


def _link_to(path: Path) -> str:
    """"it is a symbolic link to TARGET; " for a path that is a link, else ""."""
    try:
        return f"it is a symbolic link to {os.readlink(path)}; "
    except (OSError, ValueError):
        return ""


def inspect(path: Path, where: Location) -> Info:
    """The picture's size in pixels, once it is known to be whole: a regular file of at
    most MAX_FILE_BYTES that is a JPEG, PNG or TIFF declaring at most MAX_PIXELS (checked
    from the header, before anything is decoded — a decompression bomb stops there), and
    that then decodes to its last pixel (a truncated or damaged file stops here, not in the
    middle of writing a PDF)."""
    _check_file(path, where)
    info = path.stat()
    return _inspected(path, where, info.st_ino, info.st_size, info.st_mtime_ns,
                      info.st_ctime_ns)


# a page's layout places a picture many times over (a gallery tries its rows and widths, a
# page too long is laid out again): decoded once while the file stays as it was
@lru_cache(maxsize=64)
def _inspected(path: Path, where: Location, _inode: int, _size: int, _mtime: int,
               _ctime: int) -> Info:
    if _crushed_png(path):  # refused before Pillow, which may read it in the wrong colours
        raise _variant_error(path, where)
    try:
        with warnings.catch_warnings():
            # Pillow warns above MAX_IMAGE_PIXELS (and raises above twice that): refuse both
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=FORMATS) as im:
                im.load()
                # after load(): Pillow turns a TIFF upright as it loads it (and drops its
                # orientation), a JPEG it leaves as stored, its EXIF saying how to turn it
                turned = im.getexif().get(0x0112, 1) in _ROTATED
                size = im.size[::-1] if turned else im.size
                _check_mode(im, path.name, where)
                if im.format == "PNG":
                    _check_png_rows(path, where)
                _check_profile(im, path.name, where)
                _check_one_picture(im, path.name, where)
                _check_proportions(size, path.name, where)
                return Info(path, size)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InputError(f"the picture {path.name} declares more pixels than spread reads "
                         f"safely ({MAX_PIXELS / 1e6:.0f} million)", where,
                         hint="scale it down to the size it prints at, 300 ppi at most") from None
    except UnidentifiedImageError:
        raise _not_readable(path, where) from None
    except OSError as exc:
        if exc.errno is not None:  # the file system's error, not the picture's
            raise InputError(f"cannot read the picture {path}: {exc.strerror}",
                             where) from None
        if _variant(path):
            raise _variant_error(path, where) from None
        raise InputError(f"the picture {path.name} is damaged or incomplete ({exc})", where,
                         hint="save it again from the original, or copy it again") from None
    except (ValueError, SyntaxError, struct.error, EOFError) as exc:  # Pillow's parsers
        if "MAX_TEXT_CHUNK" in str(exc):  # Pillow's bound on a PNG's compressed chunks
            raise InputError(f"the picture {path.name} holds a note or colour profile that "
                             "unpacks to more than spread reads safely (a decompression bomb, "
                             "or damage)", where,
                             hint="save it again without its notes and profile (an image "
                                  "editor's Export, metadata left out)") from None
        if _variant(path):
            raise _variant_error(path, where) from None
        raise InputError(f"the picture {path.name} is damaged: {exc}", where,
                         hint="save it again from the original") from None


# what a file that is no picture spread reads is, by its first bytes: (test, what it is)
_OTHER_FILES = (
    (lambda head: head.lstrip()[:14].lower() == b"<!doctype html" or
     head.lstrip()[:5].lower() == b"<html", "a web page (HTML)"),
    (lambda head: head[:4] == b"8BPS", "a Photoshop document (PSD)"),
    (lambda head: head[:4] in (b"%!PS", b"\xc5\xd0\xd3\xc6"), "a PostScript (EPS) drawing"),
    (lambda head: head[:12] == b"\0\0\0\x0cjP  \r\n\x87\n" or head[:4] == b"\xff\x4f\xff\x51",
     "a JPEG 2000 picture"),
    (lambda head: head[:2] == b"\xff\x0a" or head[:12] == b"\0\0\0\x0cJXL \r\n\x87\n",
     "a JPEG XL picture"),
    (lambda head: head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1",
                                                           b"hevc", b"avif"),
     "a HEIC/AVIF photo (as phones save them)"),
    (lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP", "a WebP picture"),
    (lambda head: head[:4] == b"GIF8", "a GIF picture"),
    (lambda head: head[:5] == b"%PDF-", "a PDF file"),
    (lambda head: head[:2] == b"BM", "a BMP picture"),
    (lambda head: head.lstrip()[:1] == b"<", "an XML or SVG drawing"),
)
_OWN_FORMATS = ((b"\xff\xd8\xff", "JPEG"), (b"\x89PNG", "PNG"), (b"II*\x00", "TIFF"),
                (b"MM\x00*", "TIFF"))


def _not_readable(path: Path, where: Location) -> InputError:
    """Why a file Pillow does not take is no picture spread prints, from its first bytes:
    another kind of file (a phone's HEIC photo, a WebP, a PDF) is named as what it is, and
    a JPEG, PNG or TIFF whose header does not read is said to be damaged."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(32)
    except OSError:
        head = b""
    own = next((name for magic, name in _OWN_FORMATS if head.startswith(magic)), None)
    if own and _variant(path):
        return _variant_error(path, where)
    if own:
        return InputError(f"the picture {path.name} is a {own} file whose header does not "
                          "read (damaged, or a size of 0 pixels)", where,
                          hint="save it again from the original")
    what = next((name for test, name in _OTHER_FILES if test(head)), None)
    return InputError(f"the picture {path.name} is "
                      + (f"{what}, not a JPEG, PNG or TIFF file" if what else
                         "not a JPEG, PNG or TIFF file"), where,
                      hint="save it as JPEG (photos) or PNG (illustrations)"
                           + ("; a PDF's page exported as a picture" if what == "a PDF file"
                              else ""))


def _variant_error(path: Path, where: Location) -> InputError:
    what, hint = _variant(path)
    return InputError(f"the picture {path.name} is {what}, which spread does not read", where,
                      hint=hint)


# bytes read from a file's start for its variant: a JPEG's frame header follows its EXIF and
# ICC segments, a TIFF's first page's tags follow its header (mostly)
_HEAD_BYTES = 1 << 20


def _variant(path: Path) -> tuple[str, str] | None:
    """A JPEG, PNG or TIFF of a kind spread does not read, from its header: what it is and
    what to do (a 12-bit or lossless JPEG, an iPhone app's crushed PNG, a TIFF compressed as
    JPEG 2000 or with an editor's extra channels were all «damaged»); None for any other."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(_HEAD_BYTES)
    except OSError:
        return None
    if data.startswith(b"\xff\xd8\xff"):
        frame = _frame_header(data)
        what = _JPEG_PROCESSES.get(frame[0]) if frame else None
        if frame and not what and frame[1] != 8:
            what = f"a {frame[1]}-bit JPEG"
        return (what, "save it again as an ordinary 8-bit JPEG (an image editor's Save As "
                      "JPEG), or as a 16-bit TIFF or PNG to keep its depth") if what else None
    if data.startswith(b"\x89PNG"):
        return ("a PNG crushed for iPhone apps (Apple's CgBI: its colours stored blue first, "
                "its data in a form no other program reads)",
                "take the picture from its original, or undo the crushing (pngcrush "
                "-revert-iphone-optimizations) and save it again as a PNG"
                ) if _crushed_png(path, data) else None
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        what, hint = _tiff_kind(data)
        return (f"a TIFF {what}", hint) if what else None
    return None


# JPEG coding processes libjpeg does not read, by start-of-frame marker (ITU T.81 table B.1)
_JPEG_PROCESSES = {0xC3: "a lossless JPEG", 0xC5: "a hierarchical JPEG",
                   0xC6: "a hierarchical JPEG", 0xC7: "a hierarchical lossless JPEG",
                   0xCB: "a lossless JPEG", 0xCD: "a hierarchical JPEG",
                   0xCE: "a hierarchical JPEG", 0xCF: "a hierarchical lossless JPEG"}


def _crushed_png(path: Path, data: bytes | None = None) -> bool:
    """Whether a PNG is an iPhone app's (its first chunk Apple's CgBI, before the header)."""
    if data is None:
        try:
            with open(path, "rb") as fh:
                data = fh.read(16)
        except OSError:
            return False
    return data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"CgBI"


# a TIFF's colours by its PhotometricInterpretation tag, and the channels each has
_TIFF_COLOURS = {0: ("grey", 1), 1: ("grey", 1), 2: ("RGB", 3), 3: ("palette colour", 1),
                 5: ("CMYK", 4), 6: ("YCbCr", 3), 8: ("Lab", 3)}
# TIFF compressions Pillow (libtiff) does not decode, by the Compression tag's value
_TIFF_COMPRESSIONS = {33003: "JPEG 2000", 33005: "JPEG 2000", 34712: "JPEG 2000",
                      34661: "JBIG", 34676: "SGI LogLuv", 34677: "SGI LogLuv",
                      34892: "lossy JPEG (DNG)", 52546: "JPEG XL"}


def _tiff_kind(data: bytes) -> tuple[str, str]:
    """What a TIFF Pillow does not read holds, from the tags of its first page: a compression
    Pillow lacks, or colours with channels beyond them (an editor's alpha or spot colours: a
    CMYK TIFF with either was «damaged»); ("", "") for any other TIFF, or one whose header
    does not read either."""
    try:
        order = "<" if data[:2] == b"II" else ">"
        at = struct.unpack(order + "I", data[4:8])[0]
        tags = {}
        for entry in range(struct.unpack(order + "H", data[at:at + 2])[0]):
            tag, kind, count, value = struct.unpack(order + "HHI4s", data[at + 2 + 12 * entry:
                                                                          at + 14 + 12 * entry])
            tags[tag] = struct.unpack(order + ("H" if kind == 3 else "I"),
                                      value[:2 if kind == 3 else 4])[0]
    except struct.error:
        return "", ""
    compression = _TIFF_COMPRESSIONS.get(tags.get(259))
    if compression:
        return (f"compressed as {compression} (compression {tags[259]})",
                "save it again uncompressed or LZW-compressed (an image editor's Save As TIFF)")
    colours, channels = _TIFF_COLOURS.get(tags.get(262), (None, 0))
    extra = tags.get(277, 1) - channels
    if colours is None or extra <= (colours in ("grey", "RGB")):  # Pillow reads one alpha
        return "", ""  # of grey or RGB: another reason it does not read the file
    return (f"of {colours} with {extra} channel(s) more (alpha or spot colours)",
            "save it again flattened, as CMYK, RGB or grey of 8 or 16 bits a channel, "
            "without alpha or spot-colour channels")


# the ICC colour space (header bytes 16–19) a picture's pixels are in, by Pillow mode
_SPACE = {"1": b"GRAY", "L": b"GRAY", "LA": b"GRAY", "La": b"GRAY", "I": b"GRAY",
          "F": b"GRAY", "RGB": b"RGB ", "RGBA": b"RGB ", "RGBa": b"RGB ", "RGBX": b"RGB ",
          "P": b"RGB ", "PA": b"RGB ", "CMYK": b"CMYK", **{m: b"GRAY" for m in _GREY_16}}
_SPACE_NAMES = {b"GRAY": "grey", b"RGB ": "RGB", b"CMYK": "CMYK"}
_TRIAL_MODES = {b"GRAY": "L", b"RGB ": "RGB", b"CMYK": "CMYK"}
# profile classes a picture's colours can be read through: input, display, output, colour space
_SOURCE_CLASSES = (b"scnr", b"mntr", b"prtr", b"spac")


# pixel modes whose numbers are no RGB, grey or CMYK a rendition can take as they are:
# Pillow converts them channel by channel (a Lab black came out blue, floats 0–1 black)
_FOREIGN = {"LAB": "in Lab colour", "HSV": "in HSV colour",
            "F": "of 32-bit floating-point samples"}


def _check_mode(im: Image.Image, name: str, where: Location) -> None:
    foreign = _FOREIGN.get(im.mode)
    if im.mode == "I" and 32 in getattr(im, "tag_v2", {}).get(258, ()):
        # a TIFF of 32-bit whole numbers: no scale says which of them is white (taken as
        # 16-bit grey, it printed white)
        foreign = "of 32-bit integer samples"
    if im.mode in ("P", "PA") and im.palette is None:
        # a palette PNG without its PLTE chunk: Pillow reads its indices as greys
        raise InputError(f"the picture {name} is of palette colours but holds no palette: "
                         "it is damaged", where, hint="save it again from the original")
    if foreign:
        raise InputError(f"the picture {name} is {foreign}, which spread does not "
                         "convert for print", where,
                         hint="save it as an RGB or CMYK picture (8 or 16 bits a channel)")


# samples in a pixel of each PNG colour type: grey, RGB, palette, grey+alpha, RGBA; and the
# Adam7 passes of an interlaced PNG: each one's first column and row, its steps across and down
_PNG_SAMPLES = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
          (0, 1, 1, 2))


def _check_png_rows(path: Path, where: Location) -> None:
    """A PNG's compressed pixels hold every row its header declares: Pillow takes a stream
    that ends early for the whole picture and leaves the rows it lacks black, exit 0."""
    with open(path, "rb") as fh:
        header = fh.read(29)
        wanted = _png_row_bytes(*struct.unpack(">IIBBBBB", header[16:29]))
        inflate, got = zlib.decompressobj(), 0
        fh.seek(8)  # past the signature: every chunk from the header on
        try:
            while got < wanted and len(head := fh.read(8)) == 8:
                length, tag = struct.unpack(">I4s", head)
                if tag != b"IDAT":
                    fh.seek(length + 4, os.SEEK_CUR)  # its data and checksum
                    continue
                block = fh.read(length)
                fh.seek(4, os.SEEK_CUR)
                while block and got < wanted:
                    got += len(inflate.decompress(block, 1 << 20))
                    block = inflate.unconsumed_tail
        except zlib.error:
            pass
    if got < wanted:
        width, height = struct.unpack(">II", header[16:24])
        raise InputError(f"the picture {path.name} is damaged or incomplete: its pixels end "
                         f"{(wanted - got) / wanted:.0%} short of the {width} × {height} its "
                         "header declares", where,
                         hint="save it again from the original, or copy it again")


def _png_row_bytes(width: int, height: int, depth: int, kind: int, _compression: int,
                   _filter: int, interlaced: int) -> int:
    """The bytes a PNG's pixel rows take uncompressed, each row led by its filter byte."""
    bits = _PNG_SAMPLES.get(kind, 0) * depth
    total = 0
    for x, y, dx, dy in _ADAM7 if interlaced else ((0, 0, 1, 1),):
        columns, rows = -(-(width - x) // dx), -(-(height - y) // dy)
        if columns > 0 and rows > 0:
            total += rows * (1 + (columns * bits + 7) // 8)
    return total


def _check_one_picture(im: Image.Image, name: str, where: Location) -> None:
    """A file of one picture: a multi-page TIFF (a scan of several pages) or an animated
    PNG would print its first page or frame alone, silently. A TIFF's pages are those that
    read and are no reduced version or mask of another (_tiff_pages)."""
    if not getattr(im, "is_animated", False) or im.format == "MPO":
        return  # an MPO is a JPEG and more pictures after it (a phone's gain or depth map,
        # a stereo camera's other eye): the JPEG is the photo, as every viewer shows it
    count = _tiff_pages(im) if im.format == "TIFF" else im.n_frames
    if count < 2:
        return
    what = ("pages (a multi-page TIFF)" if im.format == "TIFF" else
            f"frames (an animated {im.format})")
    raise InputError(f"the picture {name} holds {count} {what}; spread would print the "
                     "first alone", where,
                     hint="save the page or frame you mean as a picture file of its own")


def _tiff_pages(im: Image.Image) -> int:
    """A TIFF's pages, less the versions of a page its NewSubfileType tag marks as reduced
    (a preview, a pyramid's levels: bit 0) or as a transparency mask (bit 2) — a scanner's
    or an editor's extras beside the one picture, which was refused as «2 pages». A link to
    a next page that does not read ends the count (TypeError: Pillow's «Missing dimensions»
    of a next page that is garbage)."""
    pages = 0
    for frame in range(_TIFF_FRAMES):
        try:
            im.seek(frame)
        except (EOFError, OSError, ValueError, SyntaxError, TypeError, struct.error):
            break
        pages += not int(im.tag_v2.get(254, 0)) & 0b101
    return pages


# the frames of a TIFF counted for its pages: a scan's pages are tens, and a file of a
# million empty frames is read no further
_TIFF_FRAMES = 1000


def _check_proportions(size: tuple[int, int], name: str, where: Location) -> None:
    """A picture is at most MAX_ASPECT times as wide as tall, or as tall as wide: a strip
    beyond that is set as a hairline in its own proportions, or cut to nearly nothing."""
    w, h = size
    if max(w, h) > MAX_ASPECT * min(w, h):
        long = "wide as it is tall" if w > h else "tall as it is wide"
        raise InputError(f"the picture {name} is {w} × {h} pixels, {max(w, h) / min(w, h):.0f} "
                         f"times as {long}; spread sets pictures up to {MAX_ASPECT} times",
                         where, hint="crop it to the part meant (or is it a picture "
                                     "damaged, or saved at the wrong size?)")


def _check_profile(im: Image.Image, name: str, where: Location) -> None:
    """A picture's embedded ICC profile describes its pixels: a CMYK JPEG carrying an sRGB
    profile (or an RGB one a CMYK profile, a grey one an RGB profile) contradicts itself —
    converted through it, its colours would be wrong, or the conversion fail while the PDF
    is written — and a profile that is damaged or of a class that cannot describe a
    picture (a device link, an abstract profile) is refused alike, at the content line."""
    icc = im.info.get("icc_profile")
    if not icc:
        return
    hint = "save the picture again with a profile of its own colour space, or with none"
    if len(icc) < 132 or icc[36:40] != b"acsp" or struct.unpack(">I", icc[:4])[0] > len(icc):
        raise InputError(f"the picture {name} embeds a damaged ICC profile ({len(icc)} bytes, "
                         "not a whole profile)", where, hint=hint)
    space, kind = icc[16:20], icc[12:16]
    if kind not in _SOURCE_CLASSES:
        raise InputError(f"the picture {name} embeds an ICC profile of class "
                         f"'{kind.decode('latin-1').strip()}', which cannot describe a "
                         "picture's colours", where, hint=hint)
    pixels = _SPACE.get(im.mode)
    if pixels is None:  # a mode no rendition keeps (YCbCr, LAB): Pillow converts it
        return
    if space != pixels:
        said = _SPACE_NAMES.get(space, repr(space.decode("latin-1").strip()))
        raise InputError(f"the picture {name} is {_SPACE_NAMES[pixels]} but embeds an ICC "
                         f"profile for {said} colour: the profile contradicts the pixels",
                         where, hint=hint)
    try:  # the archive's conversion, tried on the profile alone: its tables must work
        ImageCms.buildTransform(ImageCms.ImageCmsProfile(io.BytesIO(icc)),
                                ImageCms.createProfile("sRGB"), _TRIAL_MODES[space], "RGB")
    except (ImageCms.PyCMSError, OSError, ValueError) as exc:
        raise InputError(f"the picture {name} embeds an ICC profile that does not read: "
                         f"{exc}", where, hint=hint) from None


def _check_file(path: Path, where: Location) -> None:
    """A regular file (not a folder, a device or a pipe, whose reading could block) of a
    size a picture can have."""
    try:
        info = path.stat()
    except OSError as exc:
        raise InputError(f"cannot read the picture {path}: {exc.strerror}", where) from None
    if not stat.S_ISREG(info.st_mode):
        what = kind_of(info.st_mode)
        raise InputError(f"the picture {path} is {what}"
                         + ("" if what == "a folder" else ", not a regular file"), where,
                         hint="name a JPEG, PNG or TIFF file")
    if info.st_size > MAX_FILE_BYTES:
        raise InputError(f"the picture {path.name} is {info.st_size / 1e6:.0f} MB; spread "
                         f"reads pictures up to {MAX_FILE_BYTES // 2**20} MB", where,
                         hint="scale it down to the size it prints at, 300 ppi at most")
    if info.st_size == 0:
        raise InputError(f"the picture {path.name} is an empty file", where,
                         hint="copy the picture again")


def for_pdf(path: str, colour: str, profile: str = "", where: Location | None = None
            ) -> Embedded:
    """The picture as a rendition embeds it: colour 'cmyk' (print and proof) or 'rgb' (the
    archive); `profile` is the printer's CMYK ICC profile, '' for spread's own separation;
    `where` the picture's place in the content, for errors."""
    info = os.stat(path)
    try:
        return _embedded(path, info.st_mtime_ns, info.st_size, colour, profile)
    except InputError as exc:
        exc.where = exc.where or where
        raise


@lru_cache(maxsize=4)  # print and proof embed the same separation of the same file
def _embedded(path: str, _mtime: int, _size: int, colour: str, profile: str) -> Embedded:
    with Image.open(path, formats=FORMATS) as im:
        im.load()
        upright = ImageOps.exif_transpose(im) if im.getexif().get(0x0112, 1) != 1 else im
        if im.format == "PNG" and im.mode != "P" and "transparency" in im.info:
            upright = _key_as_alpha(upright, _png_depth(path))
        try:
            ready = _converted(upright, colour, profile)
        except (ImageCms.PyCMSError, OSError, ValueError) as exc:
            raise InputError(f"cannot convert the picture {path} to {colour.upper()}: {exc}",
                             hint="check the layout's output profile and the picture's own "
                                  "embedded ICC profile") from None
        if ready is im and im.format == "JPEG" and im.mode != "CMYK":
            data = Path(path).read_bytes()
            if _frame(data) in _PDF_FRAMES:
                return Embedded(jpeg=data)  # nothing changed: no re-encoding
        if im.format in ("JPEG", "MPO"):  # an MPO's first picture, alone
            buf = io.BytesIO()
            ready.save(buf, "JPEG", quality=JPEG_QUALITY)
            return Embedded(jpeg=buf.getvalue())
        return Embedded(pixels=ready)


# JPEG frames a PDF's DCTDecode filter (and the PDF writer) takes as they are: baseline,
# extended and progressive, Huffman-coded. An arithmetic-coded JPEG reads in libjpeg but was
# embedded by the PDF writer as a 24 × 23 speck of noise, with exit 0; it is re-encoded.
_PDF_FRAMES = (0xC0, 0xC1, 0xC2)


def _frame(data: bytes) -> int | None:
    """The JPEG's start-of-frame marker, None when there is none."""
    header = _frame_header(data)
    return header[0] if header else None


def _frame_header(data: bytes) -> tuple[int, int] | None:
    """The JPEG's start-of-frame marker (0xC0–0xCF, less DHT, JPG and DAC) and its bits a
    sample, read from its segments up to the start of the scan; None when there is none."""
    at = 2
    while at + 5 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte before a marker
            at += 1
            continue
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            return marker, data[at + 4]
        if marker == 0xDA:  # start of scan: no frame before it
            return None
        at += 2 + struct.unpack(">H", data[at + 2:at + 4])[0]
    return None


def _png_depth(path: str) -> int:
    """A PNG's bits a sample, from its header (checked whole when the picture was inspected)."""
    with open(path, "rb") as fh:
        return fh.read(25)[24]


def _key_as_alpha(im: Image.Image, depth: int) -> Image.Image:
    """A grey or RGB PNG whose tRNS chunk names one colour transparent (a logo's ground), as
    the picture with an alpha channel, that colour's pixels clear: Pillow keeps the colour as
    a note beside the pixels, and the transparent ground printed as the colour it names
    (black, mostly), exit 0. The key is in the file's bits a sample: Pillow scales a 1-bit
    grey one, and reads 2- and 4-bit grey and 16-bit RGB into 8 bits, the key not."""
    key = im.info["transparency"]
    if im.mode in _GREY_16:  # the 16-bit samples themselves are compared
        wide = im.convert("I")
        clear = ImageMath.lambda_eval(lambda a: (a["x"] != key) * 255, x=wide).convert("L")
        grey = wide.point(lambda v: v / 256).convert("L")
        return Image.merge("LA", (grey, clear))
    if im.mode in ("1", "L"):
        key = key * 255 // (2 ** depth - 1) if im.mode == "L" and depth < 8 else key
        grey = im.convert("L")
        return Image.merge("LA", (grey, grey.point(lambda v: 0 if v == key else 255)))
    if im.mode != "RGB" or not isinstance(key, tuple):
        return im
    key = tuple(k >> 8 for k in key) if depth == 16 else key
    bands = [band.point(lambda v, k=k: 255 if v == k else 0) for band, k in zip(im.split(), key)]
    keyed = ImageChops.multiply(ImageChops.multiply(bands[0], bands[1]), bands[2])
    out = Image.merge("RGBA", (*im.split(), ImageChops.invert(keyed)))
    out.info = {k: v for k, v in im.info.items() if k != "transparency"}
    return out


def _converted(im: Image.Image, colour: str, profile: str) -> Image.Image:
    """Grey stays grey; colour becomes CMYK or RGB. Transparency is flattened onto white
    paper: PDF/X-1a allows none."""
    if im.mode in _GREY_16:  # 16-bit grey: keep the tonal range rather than clip at 255
        return im.convert("I").point(lambda v: v / 256).convert("L")
    if im.mode in ("1", "L"):
        return im if im.mode == "L" else im.convert("L")
    if im.mode in ("LA", "La"):  # grey with alpha flattened in grey: its profile, grey, is
        # no source for an RGB conversion (a grey PNG with alpha and a profile was refused)
        grey, alpha = im.convert("LA").split()
        return Image.composite(grey, Image.new("L", im.size, 255), alpha)
    if im.mode == "CMYK":
        return im if colour == "cmyk" else _cmyk_to_rgb(im, profile)
    rgb = _flattened(im)
    source = im.info.get("icc_profile")
    if colour == "rgb":
        return _transform(rgb, source, None, "RGB") if source else rgb
    if profile:
        return _transform(rgb, source, profile, "CMYK")
    return _separate(_transform(rgb, source, None, "RGB") if source else rgb)


def _flattened(im: Image.Image) -> Image.Image:
    if im.mode == "RGB":
        return im
    if "A" in im.mode or "transparency" in im.info:
        rgba = im.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        flat = Image.alpha_composite(paper, rgba).convert("RGB")
    else:
        flat = im.convert("RGB")
    flat.info = dict(im.info)  # keep the embedded profile for the colour conversion
    return flat


def _separate(rgb: Image.Image) -> Image.Image:
    """spread's own separation: full grey-component replacement (see the module's text)."""
    c, m, y = ImageChops.invert(rgb).split()
    k = ImageChops.darker(ImageChops.darker(c, m), y)
    return Image.merge("CMYK", [ImageChops.subtract(c, k), ImageChops.subtract(m, k),
                                ImageChops.subtract(y, k), k])


def _cmyk_to_rgb(im: Image.Image, profile: str) -> Image.Image:
    """A CMYK picture for the archive: through its own or the printer's profile when there
    is one, else Pillow's R = (1 − C)(1 − K) and likewise for G and B."""
    source = im.info.get("icc_profile") or (Path(profile).read_bytes() if profile else None)
    return _transform(im, source, None, "RGB") if source else im.convert("RGB")


def _transform(im: Image.Image, source: bytes | None, target: str | None,
               mode: str) -> Image.Image:
    """From the picture's embedded profile (sRGB when none) to `target` (sRGB when None)."""
    src = (ImageCms.ImageCmsProfile(io.BytesIO(source)) if source
           else ImageCms.createProfile("sRGB"))
    dst = ImageCms.ImageCmsProfile(target) if target else ImageCms.createProfile("sRGB")
    return ImageCms.profileToProfile(im, src, dst, outputMode=mode,
                                     renderingIntent=ImageCms.Intent.PERCEPTUAL)


def check_deliverable(image, press: bool) -> None:
    """What only a proof may show: a print or archive file carries no FPO placeholder, and
    print (`press`) no picture below its minimum effective resolution. `image` is a page
    model Image; the error names the picture's place in the content file."""
    name = Path(image.path).name
    if image.missing:
        raise InputError(f"the picture {name} is missing (looked for {image.path}); only a "
                         "proof shows a placeholder for it", image.where,
                         hint=written_oddly(image.path, "pictures", "a content file",
                                            "the content file")
                         or broken_link(image.path)
                         or name_nearby(Path(image.path))
                         or "put the file where the content says, or build the proof alone "
                            "(--rendition proof)")
    if press and not image.sharp:
        said, needs = image.short_of_print()
        raise InputError(f"the picture {name} is {said}", image.where,
                         hint=f"{needs}: use a larger original (not a thumbnail or an icon), "
                              "or place it smaller; the layout's output: limits: image_ppi "
                              "sets the minimum")
