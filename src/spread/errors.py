"""Errors a user can act on. Each carries where it happened and a hint; the CLI prints
them without a traceback. Anything else escaping the pipeline is a bug in spread."""

from __future__ import annotations

import difflib
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """A place in an input file; line and column are 1-based, as editors show them."""

    file: str
    line: int = 0
    column: int = 0
    path: str = ""  # the item's path in the document, e.g. sections[2].intro

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column}"
        if self.path:
            where += f" ({self.path})"
        return where


class SpreadError(Exception):
    """A problem with the user's input or environment, reported without a traceback."""

    exit_code = 2

    def __init__(self, message: str, where: Location | None = None, hint: str = "",
                 excerpt: str = ""):
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint
        self.excerpt = excerpt  # the offending source line with a caret under the column

    def __str__(self) -> str:
        head = f"{self.where}: {self.message}" if self.where else self.message
        parts = [head]
        if self.excerpt:
            parts.append(self.excerpt)
        if self.hint:
            parts.append(f"hint: {self.hint}")
        return "\n".join(parts)


# memory that runs out is the surroundings' fault (a limit set with ulimit -v or by a
# container, a machine too small), neither the input's nor a bug in spread
OUT_OF_MEMORY_HINT = ("spread may use less memory here than a build needs (about 300 MB for "
                      "a page, more for large fonts and pictures): raise the limit (ulimit "
                      "-v, the container's memory) or close other programs")


class InputError(SpreadError):
    """Malformed or invalid content, layout or font input."""


class InputErrors(InputError):
    """Every error one validation pass found in a file, reported together; located (for the
    exit code and --json) at the first."""

    def __init__(self, errors: list[SpreadError]):
        first = errors[0]
        super().__init__(first.message, first.where, first.hint, first.excerpt)
        self.errors = list(errors)

    def __str__(self) -> str:
        return "\n\n".join(str(e) for e in self.errors) + f"\n\n{len(self.errors)} errors"


class OversetError(SpreadError):
    """Text that does not fit its region: never dropped, always reported."""

    exit_code = 1


class MissingGlyphError(SpreadError):
    """A character that no configured font can draw."""


def name_nearby(path: Path) -> str:
    """«did you mean …?» for a file missing where it is named, when a file beside where it
    was looked for has nearly its name (Photo.jpg for photo.jpg, .jpeg for .jpg, lead for
    lead.jpg), else ""."""
    try:
        names = [p.name for p in path.parent.iterdir() if p.is_file()]
    except OSError:
        return ""
    same = [n for n in names if unicodedata.normalize("NFC", n) ==
            unicodedata.normalize("NFC", path.name)]
    if same:  # alike on screen, not in bytes: é as e and a combining accent, as macOS names
        return (f"a file beside where it was looked for is named {same[0]} with its letters "
                f"written otherwise in Unicode (an accent as a mark of its own, as macOS "
                f"writes file names): rename the file, typing its name again")
    close = [n for n in names if n.casefold() == path.name.casefold()] or \
        difflib.get_close_matches(path.name, names, n=1, cutoff=0.8) or \
        [n for n in names if not path.suffix and Path(n).stem.casefold() == path.name.casefold()]
    wanted = unicodedata.normalize("NFC", path.name)
    legacy = [codec for n in names for codec, read in _legacy_names(n).items() if read == wanted]
    if legacy:  # a ZIP made on Chinese Windows unpacks its names in GBK
        return (f"a file beside where it was looked for is named {path.name} in {legacy[0]} "
                "bytes, not UTF-8 (as a ZIP made on a Chinese or Japanese Windows keeps its "
                "names), so no YAML file can name it: rename the file, typing its name again "
                f"(or unpack the ZIP naming its encoding: unzip -O {legacy[0]})")
    if close and not _utf8(close[0]):  # its name cannot be written in a UTF-8 file
        shown = os.fsencode(close[0]).decode("utf-8", "backslashreplace")
        return (f"a file beside where it was looked for is named {shown}, in bytes that are "
                "not UTF-8 text (a name made on a system using another encoding), so no "
                f"YAML file can name it: rename it {path.name}")
    return f"did you mean {close[0]}? (a file beside where it was looked for)" \
        if close else ""


def _utf8(name: str) -> bool:
    """Whether a file name read from the file system is UTF-8 text (Python keeps the bytes
    of one that is not as lone surrogates)."""
    return not any("\udc80" <= ch <= "\udcff" for ch in name)


# the legacy CJK encodings a file name may come in, by the name unzip -O takes
_LEGACY_NAMES = (("GBK", "gb18030"), ("BIG5", "cp950"), ("SHIFT-JIS", "cp932"))


def _legacy_names(name: str) -> dict[str, str]:
    """A file name that is no UTF-8 read in each legacy CJK encoding that reads it."""
    if _utf8(name):
        return {}
    read = {}
    for called, codec in _LEGACY_NAMES:
        try:
            read[called] = unicodedata.normalize("NFC", os.fsencode(name).decode(codec))
        except UnicodeDecodeError:
            continue
    return read


def written_oddly(path: str, what: str, read_in: str, relative_to: str) -> str:
    """What to do about a file's path written as no path spread reads, or "": an address on
    the web, a home folder (~ is the shell's, not a file's), Windows' backslashes. `what`
    names the files ("pictures"), `read_in` where the path is written ("a content file"),
    `relative_to` what it is read from."""
    if "://" in path or ":/" in path and path.split(":/")[0].endswith(("http", "https")):
        return (f"spread reads {what} from files, not from the web: download it and name "
                "the file it is saved as")
    if "/~/" in path or path.startswith("~"):
        return (f"~ (the home folder) is not read in {read_in}: write the path relative to "
                f"{relative_to}")
    if "\\" in path:
        return "write / between folders, not \\ (photos/lead.jpg)"
    return ""
