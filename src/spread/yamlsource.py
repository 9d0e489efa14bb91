"""YAML files read as a tree of positioned nodes, so every later error can say file:line:column.

Only PyYAML's safe composer is used; aliases are expanded under a node budget so an
alias bomb is an error, not an out-of-memory, and nesting is limited while composing so a
deeply nested file is an error, not a RecursionError. Where PyYAML has libyaml, its C
scanner and parser feed the same composer (four times faster, the same marks); a file it
does not take is read again by PyYAML's own parser, so an error is worded and placed as
PyYAML says it.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from spread.errors import InputError, Location, name_nearby, written_oddly
from spread.files import broken_link, kind_of, yaml_in_folder

# A page's content is about 10 kB and its layout 5 kB. The pure-Python parser reads about
# 0.3 MB/s of dense YAML, so these bounds keep the worst accepted file to a second or two.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NODES = 50_000  # values in the file, and again after alias expansion
MAX_DEPTH = 64
FAST = getattr(yaml, "__with_libyaml__", False)  # PyYAML built with libyaml (CParser)
# libyaml reads a text holding one of these otherwise than PyYAML does (it takes a tab in a
# value, a ? in a flow scalar and a byte-order mark inside the text, which PyYAML refuses or
# reads otherwise): such a text is left to PyYAML
UNLIKE_PYYAML = ("\t", "?", "\ufeff")


@dataclass
class Node:
    """One YAML value with its place in the file: a dict of Nodes, a list of Nodes or a scalar."""

    value: Any
    where: Location
    raw: str | None = None  # a scalar's text as written, before YAML's type guessing
    tag: str = ""
    key_where: dict[str, Location] = field(default_factory=dict)  # for mappings
    span: tuple[int, int] = (0, 0)  # character offsets of the node in the file's text
    style: str | None = None  # a scalar's style: None (plain), "'", '"', "|" or ">"
    tagged: str = ""  # a tag written on a scalar that YAML would not have guessed (!!binary)

    @property
    def kind(self) -> str:
        if isinstance(self.value, dict):
            return "mapping"
        if isinstance(self.value, list):
            return "list"
        return "scalar"

    def scalars(self):
        """Every scalar below this node, in document order."""
        if self.kind == "mapping":
            for child in self.value.values():
                yield from child.scalars()
        elif self.kind == "list":
            for child in self.value:
                yield from child.scalars()
        else:
            yield self


class SourceFile:
    """A YAML file's text, kept for excerpts with a caret under the error column."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.text = text
        self.lines = text.splitlines()

    def excerpt(self, line: int, column: int) -> str:
        if not 1 <= line <= len(self.lines):
            return ""
        text = self.lines[line - 1]
        gutter = f"{line:>5} | "
        caret = " " * (len(gutter) + _display_width(text[: max(column - 1, 0)])) + "^"
        return f"{gutter}{text}\n{caret}"


def _display_width(text: str) -> int:
    """Terminal cells: CJK characters take two, so the caret lands under the right one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def read_text(path: str) -> str:
    try:
        info = os.stat(path)
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise InputError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}",
                         Location(path), hint=broken_link(path) or written_oddly(
                             path, "layouts and content", "a quoted argument",
                             "the current folder") or _missing_hint(path)) from None
    if not stat.S_ISREG(info.st_mode):
        # a pipe would block the read until someone writes to it; /dev/zero never ends
        raise InputError(f"cannot read {path}: it is {kind_of(info.st_mode)}, not a regular "
                         "file", Location(path),
                         hint=yaml_in_folder(path) if stat.S_ISDIR(info.st_mode)
                         else "name a .yaml file")
    _refuse_other_kinds(path)
    size = info.st_size
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"file is {size / 1e6:.1f} MB; spread reads content and layout files up to "
            f"{MAX_FILE_BYTES // 1_000_000} MB", Location(path),
            hint="is this the right file?")
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", Location(path)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        wide = next((f": it is {name} (its first bytes say so)" for bom, name in _WIDE_BOMS
                     if data.startswith(bom)), "") or _unmarked_utf16(data)
        # where the first byte that is no UTF-8 stands, but in UTF-16 or -32 every line is
        column = 1 if wide else len(data[data.rfind(b"\n", 0, exc.start) + 1:exc.start]
                                    .decode("utf-8", "replace")) + 1
        wide = wide or _chinese(data)
        raise InputError("the file is not UTF-8 text" + wide, Location(path, line, column),
                         hint="save the file as UTF-8" + (
                             " (in Notepad: Save As, Encoding: UTF-8)" if wide else "")) from None
    # a CR alone ends a line to YAML (as classic Mac OS saved text), so every place spread
    # counts — by its own rules as by YAML's — counts it as one; CR LF stays as written
    return _LONE_CR.sub("\n", text)


_LONE_CR = re.compile(r"\r(?!\n)")


# files given where a content or layout file is wanted, known by their first bytes: (test,
# (what the file is, what to do)). A YAML text starts with none of these.
_PAGE_IN_ANOTHER_FORM = ("copy its text into a content file (YAML, saved as UTF-8): "
                         "`spread init DIR` makes one to fill in")
_NOT_YAML = (
    (lambda head: head[:5] == b"%PDF-", ("a PDF file", "spread builds PDFs from a content "
                                         "file; `spread check FILE.pdf` checks a PDF")),
    (lambda head: head[:4] == b"PK\x03\x04", ("a ZIP archive (a Word .docx, Excel .xlsx or "
                                              "OpenDocument file is one)",
                                              _PAGE_IN_ANOTHER_FORM)),
    (lambda head: head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     ("an Office document (a Word .doc, Excel .xls or WPS file)", _PAGE_IN_ANOTHER_FORM)),
    (lambda head: head[:5] == b"{\\rtf", ("an RTF document", _PAGE_IN_ANOTHER_FORM)),
    (lambda head: head[:3] == b"\xff\xd8\xff" or head[:4] in (b"\x89PNG", b"GIF8", b"II*\x00",
                                                              b"MM\x00*"),
     ("a picture", "a picture is named in the content file (pictures: - file: …), not built "
                   "itself")),
    (lambda head: head[:4] in (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf", b"wOFF",
                               b"wOF2"),
     ("a font file", "fonts are named in the layout (fonts:), not built themselves")),
)


def _refuse_other_kinds(path: str) -> None:
    """A PDF, a Word document, a picture or a font given for a YAML file, named as what it
    is («not UTF-8 text: save the file as UTF-8» would send the person the wrong way)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return  # said when the file is read
    other = next((said for test, said in _NOT_YAML if test(head)), None)
    if other:
        raise InputError(f"the file is {other[0]}, not a YAML text file", Location(path),
                         hint=other[1])


def _missing_hint(path: str) -> str:
    """What to do about a YAML file that is not there: a file beside it of nearly its name,
    or — in an edition folder (its edition.yaml there) — the content the folder lacks."""
    if not isinstance(path, str) or "\0" in path:
        return ""
    nearby = name_nearby(Path(path))
    if nearby:
        return nearby
    folder = Path(path).parent
    if (folder / "edition.yaml").is_file() and Path(path).name == "content.yaml":
        others = sorted(p.name for p in folder.glob("*.y*ml") if p.name != "edition.yaml")
        return (f"the edition folder {folder} holds no content.yaml"
                + (f" (its YAML files: {', '.join(others[:5])})" if others else "")
                + ": write the page's content there, or name the content file to build "
                  "(`spread init DIR` makes an edition folder with a content file)")
    others = sorted(p.name for p in folder.glob("*.y*ml")) \
        if Path(path).name == "content.yaml" and folder.is_dir() else []
    if others:  # a folder given for its content.yaml, and it holds other YAML files
        return (f"a folder stands for the content.yaml in it, and {folder} holds none (its "
                f"YAML files: {', '.join(others[:5])}): name the file itself, e.g. "
                f"{(folder / others[0]).as_posix()}")
    return ""


# the legacy encodings a CJK editor saves in when not told UTF-8: (codec, what it is called,
# the two-byte lead bytes of its common characters). Any text of one is nearly always bytes
# of the others too (GBK takes almost any pair of high bytes), so the one named is the one
# whose reading holds most common characters: Big5 read as GBK gives rare characters half
# the time, Shift-JIS's kana read as GBK none of GB 2312's.
_LEGACY = (("gb18030", "GBK/GB18030, the encoding Chinese Windows editors save in",
            # GB 2312: its marks (A1-A9) and both levels of hanzi, both bytes past A0
            lambda code: 0xA1 <= code[0] <= 0xF7 and code[1] >= 0xA1),
           ("cp950", "Big5, the encoding traditional-Chinese (Taiwan, Hong Kong) Windows "
                     "editors save in", lambda code: 0xA1 <= code[0] <= 0xC6),  # common hanzi
           ("cp932", "Shift-JIS, the encoding Japanese Windows editors save in",
            lambda code: 0x81 <= code[0] <= 0x9F))  # marks, kana and the first-level kanji
_SAMPLE = 20_000  # characters weighed: enough to tell, bounded on a 2 MB file


def _chinese(data: bytes) -> str:
    """": it looks like Big5 ..." for text a CJK Windows editor saved in its own legacy
    encoding (GBK/GB18030, Big5 or Shift-JIS), else "" (a Latin-1 é, say, is none)."""
    best, said = 0.0, ""
    for codec, name, common in _LEGACY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        wide = [ch for ch in text if ord(ch) > 0x7F][:_SAMPLE]
        share = sum(1 for ch in wide if common(_code(ch, codec))) / max(len(wide), 1)
        if share > best:
            best, said = share, f": it looks like {name}"
    return said


def _code(ch: str, codec: str) -> bytes:
    """`ch` written in `codec` when it takes two bytes there, else two nought bytes."""
    try:
        code = ch.encode(codec)
    except UnicodeEncodeError:
        return b"\0\0"
    return code if len(code) == 2 else b"\0\0"


def _unmarked_utf16(data: bytes) -> str:
    """": it looks like UTF-16 ..." for text saved as UTF-16 without a byte-order mark (every
    other byte of its Latin letters, digits and line ends is 0), else ""."""
    head = data[:4096]
    halves = (head[0::2], head[1::2])
    if len(head) >= 8 and any(half.count(0) > len(half) / 3 for half in halves):
        return ": it looks like UTF-16 (every other byte of its letters is 0)"
    return ""


# byte-order marks of the wider Unicode encodings an editor may save in (UTF-32 first: its
# little-endian mark starts with UTF-16's)
_WIDE_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
              (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


def load(path: str, text: str | None = None) -> tuple[Node, SourceFile]:
    """Parse one YAML document into positioned nodes."""
    if text is None:
        text = read_text(path)
    source = SourceFile(path, text)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        wide = _unmarked_utf16(text.encode("utf-8", "surrogatepass"))
        raise InputError("the file contains NUL bytes; it is not a YAML text file" + wide,
                         Location(path, line, 1), hint="save the file as UTF-8" if wide else "")
    _refuse_unseen_breaks(text, source)
    if FAST and not any(ch in text for ch in UNLIKE_PYYAML):
        try:
            return _read(text, source, _FastLoader), source
        except (InputError, _Unlike):  # read again by PyYAML's parser: its words, its place
            pass
    return _read(text, source, _BoundedLoader), source


# characters YAML reads as the end of a line that an editor shows as none (or as a box): a
# value or key broken there reads as something else than what is seen
_UNSEEN_BREAKS = {"\x85": "NEXT LINE", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}
_UNSEEN_BREAK = re.compile("[" + "".join(_UNSEEN_BREAKS) + "]")


def _refuse_unseen_breaks(text: str, source: SourceFile) -> None:
    """Refuse, at its line and column as an editor counts them, a character YAML takes for a
    line break though no editor shows one (written as an escape in double quotes, "\u2028",
    it is a forced line break of the text, and stays allowed)."""
    match = _UNSEEN_BREAK.search(text)
    if match is None:
        return
    found, ch = match.start(), match.group()
    line = text.count("\n", 0, found) + 1
    column = found - (text.rfind("\n", 0, found) + 1) + 1
    raise InputError(f"the file contains U+{ord(ch):04X} ({_UNSEEN_BREAKS[ch]}), which YAML "
                     "reads as the end of a line though an editor shows none there",
                     Location(source.path, line, column),
                     hint="delete it, or press Enter for a real new line (it is often pasted "
                          "in from a word processor or a web page)",
                     excerpt=source.excerpt(line, column))


# the keys that tell spread's YAML files apart: a file given where another is expected (a
# content file as the layout, an edition.yaml naming itself) is named for what it is, not
# refused key by key
_FILES = {
    "content": ({"headline", "lead", "sections", "honour_roll", "figures", "pictures"},
                "the content is the file built: spread build content.yaml --layout LAYOUT"),
    "layout": ({"rows", "styles", "grid", "page", "palette", "fonts"},
               "a layout is given with --layout, or named by the edition's edition.yaml"),
    "edition.yaml": ({"layout"}, "an edition.yaml names the layout: give the layout it "
                                 "names, or build the content file beside it"),
}


def expect(node: Node, path: str, kind: str) -> None:
    """Refuse, as what it is, a document that is plainly another of spread's files than the
    `kind` expected ("content", "layout"): it holds none of its keys and some of another's
    (an edition.yaml: its layout alone)."""
    if node.kind != "mapping" or not node.value:
        return
    keys = set(node.value)
    if {"format", "inputs", "outputs"} <= keys:  # JSON is YAML: a build's record reads
        raise InputError(f"{os.path.basename(path)} is an edition record (what a build read "
                         f"and wrote), not a {kind} file", node.where,
                         hint=f"spread verify {path} builds again from it and compares")
    if keys & _FILES[kind][0]:
        return
    for other, (marks, hint) in _FILES.items():
        if other != kind and (keys <= marks if other == "edition.yaml" else keys & marks):
            article = "an" if other[0] in "aeiou" else "a"
            raise InputError(f"{os.path.basename(path)} is {article} {other} file, not a "
                             f"{kind} file", node.where, hint=hint)


def _read(text: str, source: SourceFile, kind: type) -> Node:
    """The file's text composed by a bounded loader of that kind, as positioned nodes."""
    path = source.path
    loader = None
    try:
        loader = kind(text, path)  # the reader rejects control characters here
        root = loader.get_single_node()
    except InputError as exc:  # the loader's own bounds
        raise _with_excerpt(exc, source) from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, source) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, source) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}", Location(path)) from None
    except ValueError:  # PyYAML's scanner takes chr() of a \\U escape past U+10FFFF
        error = _escape_past_unicode(source)
        if error is None:
            raise
        raise error from None
    finally:
        if loader is not None:
            loader.dispose()
    if root is None:
        return Node({}, Location(path, 1, 1))
    budget = [MAX_NODES]
    try:
        node = _convert(root, path, loader, budget, 0, "")
    except InputError as exc:
        raise _with_excerpt(exc, source) from None
    _refuse_swallowed_items(node, source)
    _refuse_cut_texts(node, source)
    return node


def _escape_past_unicode(source: SourceFile) -> InputError | None:
    """The first \\U escape naming a number past the last character, at its place."""
    for match in re.finditer(r"\\U([0-9A-Fa-f]{8})", source.text):
        if int(match.group(1), 16) > 0x10FFFF:
            at = match.start()
            line = source.text.count("\n", 0, at) + 1
            column = at - (source.text.rfind("\n", 0, at) + 1) + 1
            return InputError(f"the escape {match.group()} names no character: the last is "
                              "U+10FFFF", Location(source.path, line, column),
                              hint="write the character itself, or the escape of its code "
                                   "point (\\U0002A6A5 for 𪚥)",
                              excerpt=source.excerpt(line, column))
    return None


def _refuse_swallowed_items(root: Node, source: SourceFile) -> None:
    """A '- ' item indented deeper than the items above it is no item to YAML but the rest
    of the text before it, joined with a space: refused where it is written, not printed as
    «…；- 开展…»."""
    text = source.text
    for node in root.scalars():
        start, end = node.span
        if node.style is not None or not isinstance(node.raw, str) \
                or "\n" not in text[start:end]:
            continue
        line_start = text.index("\n", start) + 1
        while line_start <= end:  # each line the value runs on to
            line_end = text.find("\n", line_start)
            if line_end < 0:
                line_end = len(text)
            line = text[line_start:line_end]
            if line.lstrip(" ").startswith("- ") and line_end <= end + 1:
                line_no = text.count("\n", 0, line_start) + 1
                column = len(line) - len(line.lstrip(" ")) + 1
                first = node.where
                raise InputError(
                    "this '- ' item is indented deeper than the item above it, so YAML reads "
                    f"it as the rest of that item's text (line {first.line}), not as an item",
                    Location(source.path, line_no, column, first.path),
                    hint="start the '- ' of every item of one list in the same column; if "
                         "the '- ' belongs to the text, put the whole text in quotes",
                    excerpt=source.excerpt(line_no, column))
            line_start = line_end + 1


# a topic as Weibo and WeChat write it, #两会#: after a space YAML reads it as a comment
_TOPIC = re.compile(r"[ \t]+(#[^\s#][^#\n]*#)")
# a '#' after a Chinese text with no space after it: a number sign (#3出口) or a hashtag as
# much as a comment, but YAML reads it as a comment all the same
_HASH_WORD = re.compile(r"[ \t]+(#[^\s#][^\n]*)")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _refuse_cut_texts(root: Node, source: SourceFile) -> None:
    """A text YAML cuts short where its writer saw none of its marks: a topic (#两会#) after
    a space, which YAML takes for a comment, dropping the rest of the line; a figure written
    1,200 inside [ ], which YAML splits at the ',' into two items. Refused where the cut is,
    not printed short."""
    text = source.text
    for node in walk(root):
        if node.kind == "scalar" and node.style is None and isinstance(node.raw, str):
            end = node.span[1]
            topic = _TOPIC.match(text, end)
            if topic:
                at = topic.start(1)
                line = text.count("\n", 0, at) + 1
                column = at - (text.rfind("\n", 0, at) + 1) + 1
                rest = text[at:text.find("\n", at) if "\n" in text[at:] else len(text)]
                whole = (source.lines[line - 1][node.where.column - 1:].rstrip()
                         if node.where.line == line else "")
                raise InputError(
                    f"YAML reads ' {topic[1]}' and the rest of the line as a comment, so "
                    f"«{rest.rstrip()}» would not print", Location(source.path, line, column,
                                                                    node.where.path),
                    hint=f"put the whole text in quotes{': ' + _quoted(whole) if whole else ''}"
                         f", or write the topic's # full width: {topic[1].replace('#', '＃')}",
                    excerpt=source.excerpt(line, column))
            hashed = None if topic else _HASH_WORD.match(text, end)
            if hashed and _HAN.search(node.raw):
                at = hashed.start(1)
                line = text.count("\n", 0, at) + 1
                column = at - (text.rfind("\n", 0, at) + 1) + 1
                rest = hashed[1].rstrip()
                whole = (source.lines[line - 1][node.where.column - 1:].rstrip()
                         if node.where.line == line else "")
                raise InputError(
                    f"YAML reads ' #' and the rest of the line as a comment, so «{rest}» "
                    "would not print", Location(source.path, line, column, node.where.path),
                    hint=f"if it belongs to the text, put the whole text in quotes"
                         f"{': ' + _quoted(whole) if whole else ''}, or write the # full "
                         f"width (＃); if it is a comment, put a space after the #: "
                         f"# {rest[1:]}", excerpt=source.excerpt(line, column))
        if node.kind == "list" and text[node.span[0]:node.span[0] + 1] == "[":
            for first, second in zip(node.value, node.value[1:]):
                if _figure_cut(first, second, text):
                    written = text[first.span[0]:second.span[1]]
                    raise InputError(
                        f"YAML syntax error: inside [ ] a ',' ends an item, so YAML reads "
                        f"{written} as two: «{first.raw}» and «{second.raw}»", first.where,
                        hint=f"put the whole text in quotes: {_quoted(written)}; or write "
                             "each item on its own line after '- '",
                        excerpt=source.excerpt(first.where.line, first.where.column))


def _figure_cut(first: Node, second: Node, text: str) -> bool:
    """Whether two items of a [ ] list are one Chinese text with a figure written with a
    thousands comma (全年完成投资1,200万元): plain, the ',' between them and no space."""
    if not all(n.kind == "scalar" and n.style is None and isinstance(n.raw, str)
               for n in (first, second)):
        return False
    return (text[first.span[1]:second.span[0]] == "," and first.raw[-1:].isdigit()
            and re.match(r"[0-9]{3}(?![0-9])", second.raw) is not None
            and _HAN.search(first.raw + second.raw) is not None)


def walk(node: Node):
    """The node and every node below it, in document order."""
    yield node
    children = node.value.values() if node.kind == "mapping" else (
        node.value if node.kind == "list" else ())
    for child in children:
        yield from walk(child)


def _with_excerpt(exc: InputError, source: SourceFile) -> InputError:
    if not exc.excerpt and exc.where and exc.where.line:
        exc.excerpt = source.excerpt(exc.where.line, exc.where.column)
    return exc


class _Bounds(yaml.composer.Composer):
    """PyYAML's composer with the nesting depth and the number of values bounded while the
    file is composed (it recurses once per level)."""

    def bound(self, path: str, text: str) -> None:
        self._path = path
        self._lines = text.splitlines()
        self._depth = 0
        self._count = 0
        self._open: list[tuple[str, yaml.Mark]] = []  # anchors of the lists and maps around

    def compose_node(self, parent, index):
        self._depth += 1
        self._count += 1
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self._refuse_holding_itself(event)
        opens = isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)) \
            and event.anchor is not None
        if opens:
            self._open.append((event.anchor, event.start_mark))
        if self._depth > MAX_DEPTH or self._count > MAX_NODES:
            mark = self.peek_event().start_mark
            what = (f"nesting deeper than {MAX_DEPTH} levels" if self._depth > MAX_DEPTH
                    else f"more than {MAX_NODES} values")
            raise InputError(f"the file has {what}; a page's content or layout has far fewer",
                             Location(self._path, mark.line + 1, mark.column + 1),
                             hint="is this the right file?")
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1
            if opens:
                self._open.pop()

    def compose_scalar_node(self, anchor):
        event = self.peek_event()
        if event.tag == "!" and not event.style:  # libyaml calls the plain style ''
            # `! 通知`: YAML takes the '!' for a tag that says "a text" and drops it
            mark = event.start_mark
            raise InputError("YAML reads the '!' at the start of this text as a tag, and "
                             "drops it from the text",
                             Location(self._path, mark.line + 1, mark.column + 1),
                             hint=_quote_hint(self._line(mark), mark.column, "!"))
        return super().compose_scalar_node(anchor)

    def _line(self, mark: yaml.Mark) -> str:
        return self._lines[mark.line] if mark.line < len(self._lines) else ""

    def _refuse_holding_itself(self, alias: yaml.AliasEvent) -> None:
        """An alias inside the very list or mapping its anchor names would hold itself, an
        endless value: refused where the alias is written, naming its anchor."""
        anchor = next((mark for name, mark in self._open if name == alias.anchor), None)
        if anchor is None:
            return
        mark = alias.start_mark
        raise InputError(f"the alias *{alias.anchor} stands inside the value its anchor "
                         f"&{alias.anchor} names (line {anchor.line + 1}, column "
                         f"{anchor.column + 1}): that value would hold itself, without end",
                         Location(self._path, mark.line + 1, mark.column + 1),
                         hint=f"write the value out here, or anchor &{alias.anchor} on a "
                              "value outside the one that uses it")


class _BoundedLoader(_Bounds, yaml.SafeLoader):
    """The safe loader, bounded."""

    def __init__(self, text: str, path: str):
        super().__init__(text)
        self.bound(path, text)


class _Unlike(Exception):
    """What libyaml has read is not as PyYAML reads it: the text is read again."""


if FAST:
    class _FastLoader(_Bounds, yaml.cyaml.CParser, yaml.constructor.SafeConstructor,
                      yaml.resolver.Resolver):
        """The safe loader, bounded, on libyaml's scanner and parser: its composer and
        constructors are PyYAML's own (the C parser's events carry the same marks)."""

        def __init__(self, text: str, path: str):
            yaml.cyaml.CParser.__init__(self, text)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            self.bound(path, text)
            self.text = text

        def compose_scalar_node(self, anchor):
            node = super().compose_scalar_node(anchor)
            node.style = node.style or None  # libyaml's events call a plain style ''
            if not node.value and node.style is None:
                # an empty value: libyaml places it where the next token starts, PyYAML
                # where the ':' before it ends
                raise _Unlike()
            if node.style in ("|", ">") and not _header_ends(self.text, node.start_mark.index):
                raise _Unlike()  # libyaml takes `|#…` as a header; YAML wants a space first
            return node


def _header_ends(text: str, at: int) -> bool:
    """Whether the block scalar header at `at` (| or >, its indicators) ends at a space or
    the line's end, as YAML asks."""
    end = at + 1
    while end < len(text) and text[end] in "+-123456789":
        end += 1
    return end == len(text) or text[end] in " \t\r\n"


# PyYAML's words for an unclosed construct → what to tell the person who left it open
_UNCLOSED = {
    "while scanning a quoted scalar": ("a quoted text is never closed",
                                       "add the closing quote"),
    "while parsing a flow sequence": ("a [ list is never closed", "add the closing ]"),
    "while parsing a flow mapping": ("a { mapping is never closed", "add the closing }"),
}


def _syntax_error(exc: yaml.MarkedYAMLError, source: SourceFile) -> InputError:
    """A syntax error placed where the person must look: for something left open (a quote,
    a bracket) that is where it was opened, not the end of the file where PyYAML noticed."""
    problem = exc.problem or "invalid YAML"
    opened = _UNCLOSED.get(exc.context or "")
    unclosed = opened and exc.context_mark and ("end of stream" in problem
                                                 or "<stream end>" in problem)
    mark = exc.context_mark if unclosed else (exc.problem_mark or exc.context_mark)
    where = (Location(source.path, mark.line + 1, mark.column + 1) if mark
             else Location(source.path))
    runaway = _runaway_quote(source, exc.problem_mark) if not unclosed else None
    if runaway:
        # a quote left open swallows the lines after it until the next quote in the file;
        # the error shows there, but the open quote is what to fix
        where = Location(source.path, runaway.line + 1, runaway.column + 1)
        message = (f"YAML syntax error: a quoted text runs on from here to line "
                   f"{exc.problem_mark.line + 1}")
        hint = "is its closing quote missing? Close it on this line"
    elif unclosed:
        message, hint = f"YAML syntax error: {opened[0]}", opened[1]
    elif said := _indicator_slip(source, exc) or _directive_slip(source, exc):
        where, message, hint = said
    elif slip := _slip(source, exc):
        where, message, hint = slip
    elif "expected a single document" in (exc.context or ""):
        message, hint = ("YAML syntax error: a second document starts here (a line of "
                         "---); spread reads one document a file",
                         "delete this --- line, or — if what follows is another file's — "
                         "move it to a file of its own")
    elif "found undefined alias" in problem:
        name = problem.rpartition(" ")[2].strip("'")
        message, hint = (f"YAML syntax error: *{name} is an alias, and no anchor &{name} is "
                         "written before it", f"a text that starts with * is written in "
                         f"quotes (\"*{name}\"); an alias repeats a value anchored &{name} "
                         "above it")
    elif "<stream end>" in problem or "end of stream" in problem:
        # the opening bracket is not reported; the end of the last line is where to look
        last = max((i for i, text in enumerate(source.lines, 1) if text.strip()), default=1)
        where = Location(source.path, last, len(source.lines[last - 1]) + 1 if source.lines
                         else 1)
        message, hint = ("YAML syntax error: the file ends in the middle of a value",
                         "close every [ list, { mapping and quote that is opened")
    elif problem == "sequence entries are not allowed here" and re.match(
            r"\s*[^\s:#][^:#]*:\s+- ", source.lines[where.line - 1] if source.lines else ""):
        # key: - item: a list's first item on its key's line
        line = source.lines[where.line - 1]
        key, item = line.split(":", 1)
        indent = len(key) - len(key.lstrip()) + 2
        message, hint = ("YAML syntax error: a list's '- ' item starts on the line of its "
                         f"key '{key.strip()}', where YAML takes no list",
                         f"start each item on a line of its own under the key, indented: "
                         f"`{key.strip()}:` and then `{' ' * indent}{item.strip()}`")
    elif "'\\t'" in problem and _inside_value(source, where):
        # PyYAML ends a plain value at a tab; YAML itself allows one there, so the person
        # wrote a tab in a text, not an indentation
        message, hint = ("YAML syntax error: a tab character inside a value",
                         "replace the tab with a space, or put the whole value in double "
                         "quotes (\"...\")")
    elif "'\\t'" in problem:
        message, hint = ("YAML syntax error: a tab in the indentation",
                         "indent with spaces, not tabs")
    elif "could not find expected ':'" in problem and exc.context_mark:
        # noticed on the next line; the line without its ':' is the one the key started on
        line = exc.context_mark.line + 1
        where = Location(source.path, line, len(source.lines[line - 1].rstrip()) + 1)
        message, hint = ("YAML syntax error: this line has no ':' after its key",
                         "write `key: value`; a text continued on the next line is "
                         "indented further than its key")
    elif opened and exc.context_mark and exc.problem_mark \
            and exc.problem_mark.line > exc.context_mark.line:
        # an unclosed [ or { is noticed where the next line's key is: point at the end of
        # the line before, where the bracket should have closed
        last = max(i for i in range(exc.context_mark.line + 1, exc.problem_mark.line + 1)
                   if source.lines[i - 1].strip())
        where = Location(source.path, last, len(source.lines[last - 1].rstrip()) + 1)
        message = "YAML syntax error: " + opened[0].replace("never closed",
                                                            "not closed on its line")
        hint = (f"{opened[1]} (opened at line {exc.context_mark.line + 1}, column "
                f"{exc.context_mark.column + 1})")
    elif problem.startswith("expected <block end>"):
        # PyYAML names the token it found ('?', '<block mapping start>'), which tells a
        # person nothing; what happened is a line indented differently from its siblings
        message, hint = ("YAML syntax error: this line is not indented like the lines "
                         "above it", "the keys of one mapping, and the '- ' items of one "
                         "list, start in the same column")
    else:
        context = f" ({exc.context})" if exc.context else ""
        message, hint = f"YAML syntax error: {problem}{context}", _syntax_hint(problem)
    return InputError(message, where, hint=hint,
                      excerpt=source.excerpt(where.line, where.column))


# what YAML reads a character at the start of a plain value as, PyYAML's context for it
_INDICATORS = {
    "while scanning an alias": "*name as an alias, a repeat of the value marked &name",
    "while scanning an anchor": "&name as an anchor, a mark on a value to repeat",
    "while scanning a block scalar": "'|' and '>' as the start of a block of lines written "
                                     "below",
    "while parsing a tag": "!name as a tag, the type of a value",
}


def _indicator_slip(source: SourceFile, exc: yaml.MarkedYAMLError
                    ) -> tuple[Location, str, str] | None:
    """A text that starts with a character YAML keeps for itself (* & ! | > @ ` %), or that
    starts with a quote or a bracket and goes on after its closing one: placed at that
    character, with the text as it is written quoted."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.context_mark if context in _INDICATORS else exc.problem_mark
    if mark is None or mark.line >= len(source.lines):
        return None
    line = source.lines[mark.line]
    found = re.fullmatch(r"found character '(.)' that cannot start any token", problem)
    if context in _INDICATORS and not (context == "while scanning a block scalar"
                                       and "indentation indicators" in problem):
        reads = _INDICATORS[context]
    elif found and found[1] in "@`%":
        reads = f"'{found[1]}' at the start of a value as reserved for its own use"
    else:
        return _goes_on(source, exc)
    ch = line[mark.column:mark.column + 1]
    return (Location(source.path, mark.line + 1, mark.column + 1),
            f"YAML syntax error: a text cannot start with '{ch}' unless it is in quotes: "
            f"YAML reads {reads}", _quote_hint(line, mark.column, ch))


def _goes_on(source: SourceFile, exc: yaml.MarkedYAMLError
             ) -> tuple[Location, str, str] | None:
    """A quoted text or a [ ] or { } with more text after it on its line (`"引语"后面的话`,
    `[注] 说明`): YAML ends the value at the closing mark and stumbles on the rest."""
    problem, mark = exc.problem or "", exc.problem_mark
    if not (problem.startswith("expected <block end>, but found '<scalar>'")
            or re.fullmatch(r"expected ',' or '[\]}]', but got '<scalar>'", problem)):
        return None
    opened: list[yaml.Token] = []  # the brackets open before the problem, outermost first
    last = start = None
    try:
        for token in yaml.scan(source.text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= mark.index:
                break
            if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                opened.append(token)
            elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
                start = opened.pop() if opened else None
            last = token
    except (yaml.YAMLError, ValueError):
        return None
    if last is None or last.end_mark.line != mark.line:
        return None
    line = source.lines[mark.line]
    if isinstance(last, yaml.ScalarToken) and last.style in ("'", '"') \
            and last.start_mark.line == mark.line:
        column = last.start_mark.column
        written = source.text[last.start_mark.index:last.end_mark.index]
        return (Location(source.path, mark.line + 1, column + 1),
                f"YAML syntax error: the text goes on after its closing quote: YAML reads "
                f"{written} as the whole value, and the rest of the line as a mistake",
                "a text that starts with a quote mark ends at the next one like it: write "
                "the quotes as Chinese “ ” (or 「 」), or " + _quote_hint(
                    _item(line, mark.column, opened), column, "", closing=True))
    if isinstance(last, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)) \
            and start is not None and start.start_mark.line == mark.line:
        column = start.start_mark.column
        ch = line[column]
        kind = "list" if ch == "[" else "mapping"
        written = source.text[start.start_mark.index:last.end_mark.index]
        return (Location(source.path, mark.line + 1, column + 1),
                f"YAML syntax error: the text starts with '{ch}', which YAML reads as the "
                f"start of a {kind} ({written}), and the rest of the line as a mistake",
                _quote_hint(_item(line, mark.column, opened), column, ch))
    return None


def _item(line: str, column: int, opened: list) -> str:
    """The line cut where the item inside [ ] or { } that runs on at `column` ends (at its
    ',' or the closing bracket); the whole line outside them."""
    if not opened:
        return line
    closer = "]" if isinstance(opened[-1], yaml.FlowSequenceStartToken) else "}"
    ends = [at for at in (line.find(",", column), line.find(closer, column)) if at >= 0]
    return line[:min(ends)] if ends else line


def _directive_slip(source: SourceFile, exc: yaml.MarkedYAMLError
                    ) -> tuple[Location, str, str] | None:
    """A %YAML or %TAG line that does not read, or text after a line of `...` (the end of
    a document): said in those terms, not in the parser's."""
    problem, mark = exc.problem or "", exc.problem_mark or exc.context_mark
    if mark is None:
        return None
    where = Location(source.path, mark.line + 1, mark.column + 1)
    written = source.lines[mark.line].strip() if mark.line < len(source.lines) else ""
    drop = "delete the line: spread reads YAML 1.2 and needs no directive"
    if problem.startswith("found incompatible YAML document"):
        return (where, f"the file declares {written}: spread reads YAML of version 1 (1.1 "
                       "or 1.2), no other", drop)
    if problem == "found duplicate YAML directive":
        return where, "a second %YAML line: a file declares its YAML version once", drop
    if exc.context == "while scanning a directive":
        return where, f"YAML syntax error: the directive line {written} does not read", drop
    ended = [i for i, text in enumerate(source.lines[:mark.line + 1]) if text.rstrip() == "..."]
    if ended and ("expected '<document start>'" in problem
                  or "found '<document end>'" in problem):
        return (Location(source.path, ended[-1] + 1, 1), "YAML syntax error: a line of ... "
                "ends the document here, and spread reads one document a file, whole",
                "delete the ... line")
    directive = next((i for i, text in enumerate(source.lines[:mark.line + 1])
                      if text.startswith("%")), None)
    if directive is not None and "expected '<document start>'" in problem:
        return (Location(source.path, directive + 1, 1), "YAML syntax error: after a "
                "% directive line YAML wants a line of --- before the text", drop)
    return None


def _quoted(text: str) -> str:
    """`text` written as one quoted YAML value: in double quotes, or in single quotes when it
    holds a double quote or a backslash (which double quotes would read as an escape)."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def _quote_hint(line: str, column: int, ch: str, closing: bool = False) -> str:
    """«put the whole text in quotes: "…"», the text being the rest of the line from
    `column` (a comment after it left out)."""
    text = re.split(r"[ \t]#", line[column:], maxsplit=1)[0].rstrip()
    if closing and text[:1] in "'\"":  # the text's own quotes: the other kind around it
        quote = "'" if text[0] == '"' else '"'
        shown = (quote + text + quote if quote not in text else _quoted(text))
        return f"put the whole text in quotes of the other kind: {shown}"
    what = f"if the '{ch}' belongs to the text, " if ch else ""
    return f"{what}put the whole text in quotes: {_quoted(text)}"


# spaces YAML does not take for spaces (in indentation, after a ':' or in a key), which an
# editor shows as one or as nothing: the no-break, fixed-width, zero-width and full-width ones
ODD_SPACES = "\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff"
ODD_SPACE_SET = frozenset("\u00a0\u1680\u202f\u205f\u3000\ufeff"
                          + "".join(map(chr, range(0x2000, 0x200C))))

# slips of hand (often of a Chinese input method left on) that YAML reads as part of a text,
# so that it fails a line or two later, where nothing is wrong: (pattern on one line, the
# group whose start is the place, what is wrong, the fix). {0} is the matched text.
_SLIPS = (
    (re.compile(r"^[ \t]*(?:-[ \t]+)?([A-Za-z_][\w-]*[ \t]*：)"),
     "a full-width colon '：' after the key '{key}': YAML's colon is the ASCII ':'",
     "write `{key}: ` (ASCII colon, then a space); a Chinese input method types '：' in "
     "Chinese mode"),
    (re.compile(rf"^[ \t]*(?:-[ \t]+)?[A-Za-z_][\w-]*:([{ODD_SPACES}])"),
     "the ':' of the key is followed by {space}, which YAML does not read as a space: it "
     "reads `{line}…` as one text", "write an ordinary space after the ':'; {whence}"),
    (re.compile(r"^[ \t]*(?:-[ \t]+)?([A-Za-z_][\w-]*:)(?![ \t]|$|//)"),
     "no space after the ':' of the key '{key}': YAML reads `{text}…` as one text",
     "write `{key}: ` with a space after the ':'"),
    (re.compile(rf"^ *([{ODD_SPACES}])"),
     "this line is indented with {space}, which YAML does not take as indentation",
     "indent with ordinary spaces; {whence}"),
    (re.compile(r"^[ \t]*(-)[^\s\-]"),
     "a '-' with no space after it: YAML reads `{text}…` as text, not as a list item",
     "write '- ' (a hyphen and a space) before each item"),
    (re.compile(r"^[ \t]*([—–－―‐][ \t]+)"),
     "'{mark}' is no list mark in YAML: its items start with the ASCII hyphen '-'",
     "write '- ' (a hyphen and a space) before each item"),
)


def odd_space(ch: str) -> tuple[str, str]:
    """What a space YAML takes for text is ("a no-break space (U+00A0)") and where it
    usually comes from."""
    name = ("a full-width space" if ch == "\u3000" else "a zero-width no-break space"
            if ch == "\ufeff" else unicodedata.name(ch, "space").lower())
    name = name if name.startswith("a ") else ("an " if name[0] in "aeiou" else "a ") + name
    whence = ("a Chinese input method types a full-width space in full-width mode"
              if ch == "\u3000" else "it is often pasted in unseen from a web page or a "
                                     "word processor")
    return f"{name} (U+{ord(ch):04X})", whence


def _slip(source: SourceFile, exc: yaml.MarkedYAMLError
          ) -> tuple[Location, str, str] | None:
    """A slip on the line YAML stumbled on or on one of the three before it, placed where it
    is, with what to write; a `[` inside a value in `{ }` that is not quoted; else None."""
    mark = exc.problem_mark
    if mark is None or not source.lines:
        return None
    flow = _flow_slip(source, exc)
    if flow:
        return flow
    if "but got '['" in (exc.problem or "") and mark.line < len(source.lines):
        line = source.lines[mark.line]
        start = mark.column
        while start > 0 and (line[start - 1].isalnum() or line[start - 1] in "_.-"):
            start -= 1
        end = line.find("]", mark.column)
        if start < mark.column and end > 0:
            value = line[start:end + 1]
            inside = "[ ]" if line.rfind("[", 0, start) > line.rfind("{", 0, start) else "{ }"
            return (Location(source.path, mark.line + 1, start + 1),
                    f"YAML syntax error: the value {value} inside {inside} is not quoted, and "
                    "YAML reads its '[' as the start of a list",
                    f'put it in quotes: "{value}"')
    for number in range(max(mark.line - 3, 0), min(mark.line, len(source.lines) - 1) + 1):
        line = source.lines[number]
        for pattern, problem, fix in _SLIPS:
            found = pattern.match(line)
            if found:
                text = found.group(1)
                key = text.rstrip(" \t:：")
                column = found.start(1) + 1
                space, whence = odd_space(text[0]) if text[0] in ODD_SPACE_SET else ("", "")
                said = {"key": key, "mark": text.strip(), "space": space, "whence": whence,
                        "text": line[found.start(1):][:20].rstrip(),
                        "line": line.strip()[:20].rstrip()}
                return (Location(source.path, number + 1, column),
                        "YAML syntax error: " + problem.format(**said), fix.format(**said))
    return None


# brackets a Chinese input method types for YAML's, or that open no mapping or list in YAML
_NOT_BRACKETS = {"｛": "{", "（": "{", "(": "{", "［": "[", "【": "["}


def _flow_slip(source: SourceFile, exc: yaml.MarkedYAMLError
               ) -> tuple[Location, str, str] | None:
    """A slip inside { } or [ ] on one line: a ',' left out or typed full width, a mapping
    put in a mapping without its own { }, a closing bracket too many, a full-width or round
    bracket for { or [."""
    mark, problem = exc.problem_mark, exc.problem or ""
    if mark.line >= len(source.lines):
        return None
    line = source.lines[mark.line]

    def place(column: int) -> Location:
        return Location(source.path, mark.line + 1, column + 1)

    if re.fullmatch(r"expected ',' or '[}\]]', but got ':'", problem):
        key = re.search(r"[^\s,{}\[\]:，；;、]+\s*$", line[:mark.column])
        if key is None:
            return None
        before = line[:key.start()].rstrip()
        name = key.group().strip()
        nested = re.search(r"([\w-]+):$", before)
        if before and before[-1] in "，；;、":
            return (place(len(before) - 1), f"YAML syntax error: '{before[-1]}' between two "
                    "values: YAML separates the values of { } and [ ] with the ASCII ','",
                    "write ', ' (a Chinese input method types '，' in Chinese mode)")
        if nested:
            return (place(key.start()), f"YAML syntax error: '{nested[1]}: {name}:' — a "
                    "mapping inside { } needs braces of its own",
                    f"write {nested[1]}: {{{name}: …}}")
        return (place(key.start()), f"YAML syntax error: a ',' is missing before '{name}:', "
                f"so YAML reads `{before.split(':')[-1].strip()} {name}` as one value",
                "write ', ' between the values of { } and [ ]")
    closing = re.fullmatch(r"expected <block end>, but found '([}\]])'", problem)
    if closing:
        return (place(mark.column), f"YAML syntax error: this '{closing[1]}' closes nothing",
                f"delete it: a {'{' if closing[1] == '}' else '['} opened on the line is "
                "closed already")
    if "mapping values are not allowed" in problem:
        opened = re.match(r"^\s*(?:-\s+)?(?:[\w-]+:\s+)?([｛（(［【])\s*[A-Za-z_][\w-]*\s*:",
                          line)
        if opened:
            ch = opened[1]
            return (place(opened.start(1)), f"YAML syntax error: '{ch}' opens no "
                    f"{'mapping' if _NOT_BRACKETS[ch] == '{' else 'list'} in YAML",
                    f"write the ASCII '{_NOT_BRACKETS[ch]}' (and its closing "
                    f"'{'}' if _NOT_BRACKETS[ch] == '{' else ']'}')")
    return None


def _runaway_quote(source: SourceFile, problem) -> yaml.Mark | None:
    """Where a quoted text that spans lines and ends just before the error began, or None."""
    if problem is None:
        return None
    last = None
    try:
        for token in yaml.scan(source.text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= problem.index:
                break
            last = token
    except (yaml.YAMLError, ValueError):  # ValueError: a \\U escape past U+10FFFF
        pass
    if (isinstance(last, yaml.ScalarToken) and last.style in ("'", '"')
            and last.start_mark.line < last.end_mark.line == problem.line):
        return last.start_mark
    return None


def _inside_value(source: SourceFile, where: Location) -> bool:
    """Whether the place is after something written on its line (not in its indentation)."""
    if not 1 <= where.line <= len(source.lines):
        return False
    return bool(source.lines[where.line - 1][: max(where.column - 1, 0)].strip())


def _reader_error(exc: yaml.reader.ReaderError, text: str, source: SourceFile) -> InputError:
    """A character YAML does not allow (control characters), with its line and column."""
    before = text[: exc.position]
    line = before.count("\n") + 1
    column = exc.position - (before.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
    # YAML allows neither control characters nor the noncharacters U+FFFE and U+FFFF (a
    # byte-order mark read the wrong way round, or a stray of a converter)
    what = "the noncharacter" if code in (0xFFFE, 0xFFFF) else "the control character"
    return InputError(f"the file contains {what} U+{code:04X}, which YAML "
                      "does not allow", Location(source.path, line, column),
                      hint="delete it (it is often pasted in from a PDF or a word processor)",
                      excerpt=source.excerpt(line, column))


def _syntax_hint(problem: str) -> str:
    if "tab" in problem or "'\\t'" in problem:  # PyYAML quotes the tab as '\t'
        return "indent with spaces, not tabs"
    if "unknown escape character" in problem:
        return ("a '\\' in double quotes starts an escape (\\n, \\t, \\\\): write '\\\\' for "
                "the backslash itself, or put the text in single quotes, or in none")
    if "mapping values" in problem:
        return "a value containing ': ' needs quotes, or the line is indented wrongly"
    if "expected <block end>" in problem or "did not find expected" in problem \
            or "expected <block mapping start>" in problem:
        return "check the indentation of this line against the lines above it"
    return "check quoting and indentation near this place"


def _convert(node: yaml.Node, path: str, loader: yaml.SafeLoader, budget: list[int],
             depth: int, doc_path: str) -> Node:
    budget[0] -= 1
    where = Location(path, node.start_mark.line + 1, node.start_mark.column + 1, doc_path)
    if budget[0] < 0:
        raise InputError(f"the document expands to more than {MAX_NODES} values "
                         "(aliases repeated too often?)", where)
    if depth > MAX_DEPTH:
        raise InputError(f"nesting deeper than {MAX_DEPTH} levels", where)
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
        # the tag is not acted on (spread reads safe YAML), but no more passed over: a
        # !!python/object on a section, a !!set for a list, read as a plain mapping
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise InputError(f"a {'mapping' if isinstance(node, yaml.MappingNode) else 'list'} "
                         f"tagged {shown}: spread reads plain mappings and lists, untagged",
                         where, hint=_UNTAG.format(shown))
    if isinstance(node, yaml.MappingNode):
        _refuse_cut_calls(node, path, doc_path)
        out: dict[str, Node] = {}
        keys: dict[str, Location] = {}
        for key_node, value_node in node.value:
            key_where = Location(path, key_node.start_mark.line + 1,
                                 key_node.start_mark.column + 1, doc_path)
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputError("a key must be a plain name", key_where)
            key = str(key_node.value)
            _refuse_surrogates(key, key_node, key_where)
            _refuse_odd_spaces(key, key_node, key_where)
            if key == "<<":
                raise InputError("merge keys (<<) are not supported", key_where,
                                 hint="write the keys out here; an alias (*name) may stand "
                                      "for a whole value, not for part of a mapping")
            if key in out:
                first = keys[key]
                raise InputError(f"duplicate key '{key}'", key_where,
                                 hint=f"'{key}' is already given at line {first.line}; "
                                      "keep one of them")
            child_path = f"{doc_path}.{key}" if doc_path else key
            out[key] = _convert(value_node, path, loader, budget, depth + 1, child_path)
            keys[key] = key_where
        return Node(out, where, tag=node.tag, key_where=keys, span=_span(node))
    if isinstance(node, yaml.SequenceNode):
        items = [_convert(child, path, loader, budget, depth + 1, f"{doc_path}[{i}]")
                 for i, child in enumerate(node.value)]
        return Node(items, where, tag=node.tag, span=_span(node))
    try:
        value = loader.construct_object(node, deep=True)
    except yaml.MarkedYAMLError as exc:  # PyYAML's own place and excerpt: ours are shown
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        if (exc.problem or "").startswith("could not determine a constructor"):
            line = loader._line(node.start_mark)
            hint = (_UNTAG.format(shown) if shown.startswith("!!") else
                    _quote_hint(line, node.start_mark.column, "!") + f"; else delete {shown}")
            raise InputError(f"YAML reads {shown} as a tag, the type of a value, and spread "
                             "knows no such tag", where, hint=hint) from None
        said = "; ".join(part for part in (exc.context, exc.problem) if part)
        raise InputError(f"bad value: {said}", where, hint=_UNTAG.format(shown)) from None
    except (KeyError, AttributeError, IndexError):  # !!bool maybe, a !!timestamp of no date,
        # an empty !!int: PyYAML's constructors fail on a text that is no such value
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise InputError(f"bad value: {node.value!r} is not a value of the tag {shown}", where,
                         hint=_UNTAG.format(shown)) from None
    except ValueError:  # a whole number of more than 4300 digits: kept as the text it is
        value = node.value
    raw = None if node.tag == "tag:yaml.org,2002:null" else node.value
    _refuse_surrogates(node.value, node, where)
    plain = node.style is None
    guessed = loader.resolve(yaml.ScalarNode, node.value, (plain, not plain))
    if plain and node.tag == guessed:
        value = _as_yaml12(node.value, value)
    return Node(value, where, raw=raw, tag=node.tag, span=_span(node), style=node.style,
                tagged=node.tag if node.tag != guessed else "")


_UNTAG = "delete the tag {}: spread reads safe YAML, its values as they are written"
_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


def _refuse_cut_calls(node: yaml.MappingNode, path: str, doc_path: str) -> None:
    """A value written like a function inside { } (cmyk(0,100,100,10)) is cut by YAML at its
    commas into a value and keys of their own, which an error about key '100' would blame:
    refused where it starts, with the list to write."""
    if not node.flow_style:
        return
    for _, value in node.value:
        text = value.value if isinstance(value, yaml.ScalarNode) and value.style is None \
            else ""
        if isinstance(text, str) and text.count("(") > text.count(")"):
            line = value.start_mark.buffer.splitlines()[value.start_mark.line] \
                if value.start_mark.buffer else text
            start = value.start_mark.column
            end = line.find(")", start)
            written = line[start:end + 1] if end > 0 else text
            numbers = re.findall(r"-?\d+(?:\.\d+)?", written[written.find("(") + 1:])
            raise InputError(
                f"YAML syntax error: the value {written} inside {{ }} is cut at its commas: "
                "YAML takes each ',' there for the end of a value",
                Location(path, value.start_mark.line + 1, start + 1, doc_path),
                hint=f"write the numbers as a list: [{', '.join(numbers)}]" if numbers
                else f'put it in quotes: "{written}"')
    for (key, value), (after, _) in zip(node.value, node.value[1:]):
        # {columns: 1,5}: the ',' with no space ends the value 1, and 5 is read as a key
        if all(isinstance(n, yaml.ScalarNode) and not n.style for n in (value, after)) \
                and after.start_mark.index == value.end_mark.index + 1 \
                and str(value.value)[-1:].isdigit() and str(after.value)[:1].isdigit():
            written = f"{value.value},{after.value}"
            raise InputError(
                f"YAML syntax error: inside {{ }} a ',' ends a value, so YAML reads "
                f"{key.value}: {written} as {key.value}: {value.value} and a key "
                f"'{after.value}'", Location(path, value.start_mark.line + 1,
                                             value.start_mark.column + 1, doc_path),
                hint=(f"a span of columns is written {value.value}-{after.value}; a number "
                      f"with a decimal point {value.value}.{after.value}; a text with a ',' "
                      f"in quotes: {_quoted(written)}") if written.replace(",", "").isdigit()
                else f"put the text in quotes: {_quoted(written)}")


# numbers YAML 1.1 reads otherwise than YAML 1.2, editors and every other reader do: 1:30 is
# base 60 (90), 010 octal (8); 1e3 is no number at all in 1.1 (its exponent wants a dot)
_BASE_60 = re.compile(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?")
_OCTAL = re.compile(r"[-+]?0[0-7_]+")
_EXPONENT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)[eE][-+]?[0-9]+")


def _as_yaml12(text: str, value: Any) -> Any:
    """A plain value as YAML 1.2 reads it: 1e3 a number; 1:30 and 010 kept as the text
    written, which a number's field refuses saying how YAML 1.1 reads it (read_otherwise)."""
    if isinstance(value, str) and _EXPONENT.fullmatch(text):
        return float(text)
    if isinstance(value, (int, float)) and read_otherwise(text):
        return text
    return value


def read_otherwise(text: str) -> str:
    """How YAML 1.1 would read `text`, written as a number, otherwise than meant ("" when it
    reads it as written): a hint for a number's field that refuses it."""
    text = text.strip()
    if _BASE_60.fullmatch(text):
        read = yaml.safe_load(text)
        return (f"YAML 1.1 reads {text} as the base-60 (sexagesimal) number {read:g}, not "
                "a ratio or a time: write the number meant as one number, e.g. 1.5")
    if _OCTAL.fullmatch(text) and text.strip("+-0_"):
        read = yaml.safe_load(text)
        return (f"YAML 1.1 reads {text}, with its leading 0, as the octal number {read}: "
                f"write {int(text.replace('_', ''), 10)} without the 0")
    return ""


def _refuse_odd_spaces(key: str, node: yaml.Node, where: Location) -> None:
    """A key holding a space YAML takes for a letter (U+00A0, U+3000, a zero-width space) is
    no key anyone meant, though it looks like one: refused at that character, naming it."""
    at = next((i for i, ch in enumerate(key) if ch in ODD_SPACE_SET), None)
    if at is None:
        return
    space, whence = odd_space(key[at])
    shown = "".join(ch for ch in key if ch not in ODD_SPACE_SET).strip()
    column = where.column + at + (1 if node.style in ("'", '"') else 0)
    same_line = node.start_mark.line == node.end_mark.line
    raise InputError(f"the key '{key}' holds {space}, which YAML keeps as part of the key",
                     Location(where.file, where.line, column if same_line else where.column,
                              where.path),
                     hint=f"delete it and write the key as `{shown}`; {whence}")


# how a surrogate is written: only an escape in a double-quoted text can make one
_SURROGATE_ESCAPE = re.compile(r"\\(u|U0000)[dD][89a-fA-F][0-9a-fA-F]{2}")


def _refuse_surrogates(text: str, node: yaml.Node, where: Location) -> None:
    """Half a UTF-16 surrogate pair ("\\ud800" in quotes) is no character: no file, PDF or
    report can hold it, so it is refused where it is written, in a key or a value."""
    for ch in text:
        if "\ud800" <= ch <= "\udfff":
            raise InputError(f"the text contains the lone surrogate U+{ord(ch):04X}, which is "
                             "no character", _escape_at(node, where),
                             hint="write the character itself, or one escape for it: "
                                  "\\U0001F600, not the pair \\ud83d\\ude00")


def _escape_at(node: yaml.Node, where: Location) -> Location:
    """Where the first surrogate escape inside the node is written, else the node's start."""
    text = node.start_mark.buffer or ""
    found = _SURROGATE_ESCAPE.search(text, node.start_mark.index, node.end_mark.index)
    if found is None:
        return where
    offset = found.start()
    return Location(where.file, text.count("\n", 0, offset) + 1,
                    offset - (text.rfind("\n", 0, offset) + 1) + 1, where.path)


def _span(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.index, node.end_mark.index)
