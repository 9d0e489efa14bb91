"""Where a layout's font files may come from, and whether what is there can be a font.

A layout names fonts by path, and a layout is a file anyone can hand over: like a content
file's pictures, its fonts are confined to the edition folder and spread's own fonts/ (plus
folders the layout lists in `font_folders`), symbolic links followed, so a layout cannot pull
an arbitrary file of the machine into a PDF. What is found there must be a regular file of a
bounded size that starts like a font: a device (/dev/zero), a pipe or a folder would hang or
fail the parser, and every refusal names the layout line that asked for the file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from spread import bundle
from spread.errors import InputError, Location, name_nearby, written_oddly
from spread.files import broken_link, kind_of

# the largest font spread reads: a whole pan-CJK collection (every weight of Source Han or
# Noto CJK in one .ttc) is about 120 MB
MAX_FONT_BYTES = 256 * 1024 * 1024
# sfnt versions: TrueType, OpenType/CFF, Apple TrueType, and a collection
FONT_MAGIC = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf")
# the folder names a layout sits in inside an edition folder (spread init makes layout/)
_LAYOUT_FOLDERS = ("layout", "layouts")


def allowed_roots(layout_path: str, font_folders: list[str]) -> list[Path]:
    """The folders a layout's fonts may lie in: the edition folder (the layout's own folder,
    or the one holding it when that is layout/), spread's own fonts/ (the checkout's or the
    installed bundle's) and the layout's `font_folders`."""
    here = Path(layout_path).resolve().parent
    edition = here.parent if here.name in _LAYOUT_FOLDERS else here
    try:
        own = [(bundle.root() / "fonts").resolve()]
    except InputError:  # spread without its bundle: only the edition's own fonts
        own = []
    return [edition, *own, *((here / f).resolve() for f in font_folders)]


def locate_font(name: str, layout_path: str, font_folders: list[str],
                where: Location | None) -> str:
    """The font file `name` (relative to the layout file) as an absolute path, refused with
    the layout's line:column unless it is a regular font file inside an allowed folder."""
    where = where or Location(layout_path)
    # realpath, not Path.resolve, which raises on a loop of links (then reported unreadable)
    path = Path(os.path.realpath(Path(layout_path).resolve().parent / name))
    shown = name if Path(name) == path else f"{name} ({path})"
    roots = allowed_roots(layout_path, font_folders)
    if not any(path.is_relative_to(root) for root in roots):
        raise InputError(f"the font {name} is outside the edition folder {roots[0]} and "
                         f"spread's fonts/ folder", where,
                         hint="copy it into the edition (spread init --copy-fonts does), or "
                              "list its folder in the layout's font_folders")
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(f"cannot open the font {shown}: {exc.strerror}", where,
                         hint=written_oddly(name, "fonts", "a layout", "the layout file")
                         or broken_link(Path(layout_path).resolve().parent / name)
                         or name_nearby(Path(path)) or "paths are relative to the layout file"
                         ) from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"the font {shown} is {kind_of(st.st_mode)}, not a regular file",
                         where,
                         hint="name a .ttf, .otf, .ttc or .otc file")
    if st.st_size > MAX_FONT_BYTES:
        raise InputError(f"the font {name} is {st.st_size / 2**20:.0f} MB, more than the "
                         f"{MAX_FONT_BYTES // 2**20} MB spread reads", where,
                         hint="name the font file itself, not an archive or a disk image")
    try:
        with open(path, "rb") as fh:
            magic = fh.read(4)
    except OSError as exc:
        raise InputError(f"cannot read the font {shown}: {exc.strerror}", where) from None
    if magic not in FONT_MAGIC:
        what, hint = next(((what, hint) for test, what, hint in _OTHER_FILES if test(magic)),
                          (f"it starts with {magic!r}", "name a .ttf, .otf, .ttc or .otc file"))
        raise InputError(f"the font {name} is not a TrueType or OpenType font ({what})", where,
                         hint=hint)
    return str(path)


# what a file named as a font is instead, by its first four bytes: (test, what, hint)
_OTHER_FILES = (
    (lambda head: head == b"", "it is an empty file", "copy the font again"),
    (lambda head: head in (b"wOFF", b"wOF2"), "it is a WOFF or WOFF2 file",
     "a WOFF or WOFF2 file is a web font: name its .ttf or .otf, or unpack it with a font "
     "tool"),
    (lambda head: head[:2] == b"\x80\x01" or head == b"%!PS" or head == b"%!Fo",
     "it is a PostScript Type 1 font, which spread does not embed",
     "name the font's OpenType version (.otf), or convert it in a font tool (FontForge)"),
    (lambda head: head == b"PK\x03\x04", "it is a ZIP archive",
     "unpack it and name the .ttf or .otf file inside"),
    (lambda head: head.lower() in (b"<!do", b"<htm"), "it is a web page (HTML)",
     "the download saved a page, not the font: download the font file itself"),
    *((lambda head, magic=magic: head.startswith(magic), f"it is {what}",
       "name a .ttf, .otf, .ttc or .otc file")
      for magic, what in ((b"\x89PNG", "a PNG picture"), (b"\xff\xd8\xff", "a JPEG picture"),
                          (b"%PDF", "a PDF file"))),
)
