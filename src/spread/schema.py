"""Typed documents from positioned YAML nodes.

The content and layout models are plain frozen dataclasses; this module decodes a Node tree
into them by their type hints and reports every mismatch with file:line:column, what was
expected and, for a misspelt key, the key that was meant. The same hints give the JSON Schema
editors use, so the loader and the published schema cannot disagree.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import math
import operator
import re
import types
import unicodedata
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from spread.errors import InputError, Location
from spread.yamlsource import Node, SourceFile, read_otherwise

# metadata keys on dataclass fields
KEY = "key"  # the YAML key when it differs from the field name (e.g. `from`)
DOC = "doc"  # one line describing the field, for the JSON Schema
INTERNAL = "internal"  # set by the loader, never written in YAML (positions, indexes)
# a mapping whose keys depend on a sibling: (the sibling's key, {its value: dataclass}). The
# mapping is checked against that dataclass — types, unknown keys — and kept as written.
VARIANTS = "variants"
REFERS = "refers"  # a text naming an entry of another part of the file (palette, styles)
PERCENT = "percent"  # a number meant in percent (CMYK, total ink); other numbers are not
# (pt, what) for a length: a bare number (pt) below it is far more likely meant in mm — a page
# size of [390, 545] is the 对开 page in mm, in points a page smaller than A5
LEAST = "least"
_STR = "tag:yaml.org,2002:str"


# a dataclass's field types, resolved once a class: each annotation is a string (from
# __future__ import annotations) that get_type_hints compiles again on every call, and a build
# decodes thousands of mappings
_type_hints = functools.lru_cache(maxsize=None)(get_type_hints)


class Decoder:
    """Decodes one file's nodes; knows the source so errors can quote the line."""

    def __init__(self, source: SourceFile):
        self.source = source
        self.locations: dict[str, Location] = {}  # document path → where it is written
        self.nodes: dict[str, Node] = {}  # document path → the value as written
        self._percent = False  # the field being decoded takes percent, so 80% is 80
        self._doc = ""  # the field being decoded's DOC, which may name its choices in Chinese
        self.least: tuple[float, str] | None = None  # the field being decoded's LEAST
        self._siblings: dict[str, Node] = {}  # the mapping the field being decoded is in
        # every length decoded, by its document path: its node, value and the field's LEAST
        self.lengths: dict[str, tuple[Node, Any, tuple[float, str] | None]] = {}
        self._depth = 0
        self._root: Any = None  # the type of the whole document, for keys written elsewhere

    def error(self, message: str, where: Location, hint: str = "") -> InputError:
        return InputError(message, where, hint=hint,
                          excerpt=self.source.excerpt(where.line, where.column))

    def decode(self, cls: Any, node: Node) -> Any:
        """`node` as a `cls`; once the whole document is decoded, its lengths are checked
        together (check_bare_lengths)."""
        if not self._depth:
            self._root = cls
        self._depth += 1
        try:
            value = self._decode(cls, node)
        finally:
            self._depth -= 1
        if not self._depth:
            check_bare_lengths(self)
        return value

    def _decode(self, cls: Any, node: Node) -> Any:
        self.locations.setdefault(node.where.path, node.where)
        self.nodes.setdefault(node.where.path, node)
        origin = get_origin(cls)
        if cls is Any:
            return _plain(node)
        if origin in (Union, types.UnionType):
            return self._union(cls, node)
        if origin is Literal:
            choices = get_args(cls)
            if node.kind == "scalar" and node.value in choices:
                return node.value
            raise self.error(f"expected one of {', '.join(map(_choice, choices))}, "
                             f"found {_describe(node)}", node.where,
                             hint=did_you_mean(str(node.raw), [str(c) for c in choices])
                             or _named_in(self._doc, str(node.raw), choices)
                             or (f"true and false are no choice here: write one of "
                                 f"{', '.join(map(_choice, choices))}"
                                 if isinstance(node.value, bool) else ""))
        if origin is list or origin is tuple:
            return self._sequence(cls, node)
        if origin is dict:
            return self._mapping(cls, node)
        if dataclasses.is_dataclass(cls):
            if hasattr(cls, "from_node") and node.kind != "mapping":
                return cls.from_node(node, self)
            return self._dataclass(cls, node)
        if hasattr(cls, "from_node"):
            return cls.from_node(node, self)
        return self._scalar(cls, node)

    def unknown_key(self, cls: Any, key: str, keys: list[str]) -> str:
        """What to write for `key`, which `cls` does not take: the key typed in full width,
        a key of a part inside (items: written in a section, for its report), the key
        misspelt, or the keys it takes."""
        same, part = _same_meaning(key, keys), _key_meant(cls, key)
        if same:  # a title at the top is the headline, unless a section's was dedented
            return f"{same} (or, if it belongs to a part inside: {part})" if part else same
        return (_full_width(key, keys) or part or self._written_elsewhere(cls, key, keys)
                or did_you_mean(key, keys)
                or (f"expected keys: {', '.join(keys)}" if keys else "it takes none"))

    def _written_elsewhere(self, cls: Any, key: str, keys: list[str]) -> str:
        """Where in the document `key` is a key, when it is one elsewhere: `colour:` in a
        region is a style's colour, not a misspelt `columns` (the near key, if any, follows
        as the other reading)."""
        places = [where for owner, where in _keys_of(self._root).get(key, ()) if owner is not cls]
        near = did_you_mean(key, keys)
        if not places or near and difflib.SequenceMatcher(
                None, key, meant(key, keys)).ratio() >= 0.8:  # credits for credit: a slip
            return ""
        shown = ", ".join(f"{where}.{key}" if where else key for where in places[:3])
        return (f"'{key}' is not a key of {_type_name(cls)}: it is written in {shown}"
                + (f"; or {near}" if near else f"; {_type_name(cls)} takes "
                   f"{', '.join(keys)}" if keys else ""))

    def _union(self, cls: Any, node: Node) -> Any:
        options = [a for a in get_args(cls) if a is not type(None)]
        if node.kind == "scalar" and node.raw is None and type(None) in get_args(cls):
            return None
        errors = []
        for option in options:
            try:
                return self.decode(option, node)
            except InputError as exc:
                errors.append(exc)
        raise errors[-1]

    def _sequence(self, cls: Any, node: Node) -> Any:
        args = get_args(cls)
        if node.kind != "list":
            raise self.error(f"expected a list, found {_describe(node)}", node.where,
                             hint=_as_list(node, args))
        if get_origin(cls) is tuple and args and args[-1] is not Ellipsis:
            if len(node.value) != len(args):  # a fixed tuple: CMYK has four values, RGB three
                wide = any(isinstance(v.raw, str) and any(c in v.raw for c in "，、；")
                           for v in node.value)
                raise self.error(f"expected {len(args)} values, found {len(node.value)}",
                                 node.where, hint="separate the values with the ASCII comma "
                                 "',': YAML reads '，' or '、' as part of a value" if wide
                                 else "")
            return tuple(self.decode(t, child) for t, child in zip(args, node.value))
        item_type = args[0] if args else Any
        items = [self.decode(item_type, child) for child in node.value]
        return tuple(items) if get_origin(cls) is tuple else items

    def _mapping(self, cls: Any, node: Node) -> dict:
        if node.kind != "mapping":
            raise self.error(f"expected a mapping of names to values, found {_describe(node)}",
                             node.where)
        value_type = get_args(cls)[1] if get_args(cls) else Any
        return {key: self.decode(value_type, child) for key, child in node.value.items()}

    def _dataclass(self, cls: Any, node: Node) -> Any:
        if node.kind != "mapping":
            raise self.error(f"expected a mapping ({_fields_list(cls)}), "
                             f"found {_describe(node)}", node.where, hint=_as_mapping(cls, node))
        hints = _type_hints(cls)
        by_key = {f.metadata.get(KEY, f.name): f for f in yaml_fields(cls)}
        for key in node.value:
            if key not in by_key:
                raise self.error(f"unknown key '{key}' in {_type_name(cls)}",
                                 node.key_where[key],
                                 hint=self.unknown_key(cls, key, list(by_key)))
        values: dict[str, Any] = {}
        for key, f in by_key.items():
            if key in node.value:
                outer = self._percent, self._doc, self.least, self._siblings
                self._percent, self._doc = bool(f.metadata.get(PERCENT)), f.metadata.get(DOC, "")
                self.least, self._siblings = f.metadata.get(LEAST), node.value
                try:
                    values[f.name] = self.decode(hints[f.name], node.value[key])
                finally:
                    self._percent, self._doc, self.least, self._siblings = outer
            elif (f.default is dataclasses.MISSING
                  and f.default_factory is dataclasses.MISSING):
                empty = not node.value and not node.where.path
                doc = f.metadata.get(DOC, "")
                raise self.error(f"missing required key '{key}' in {_type_name(cls)}",
                                 node.where, hint=f"the file is empty (or holds only "
                                 f"comments): start with `{key}: …` ({doc})" if empty else doc)
        for f in by_key.values():
            variants = f.metadata.get(VARIANTS)
            if variants and f.metadata.get(KEY, f.name) in node.value:
                tag, classes = variants
                chosen = classes.get(values.get(tag))
                if chosen is not None:
                    typed = self.decode(chosen, node.value[f.metadata.get(KEY, f.name)])
                    values[f.name] = _texts_as_read(chosen, typed, values[f.name])
        if "where" in {f.name for f in dataclasses.fields(cls)}:  # INTERNAL, set here
            values["where"] = node.where
        try:
            return cls(**values)
        except ValueError as exc:  # __post_init__ validation
            raise self.error(str(exc), node.where) from None

    def _scalar(self, cls: type, node: Node) -> Any:
        if node.kind != "scalar" or node.raw is None:
            raise self.error(f"expected {_type_name(cls)}, found {_describe(node)}", node.where,
                             hint=self._empty(node))
        if cls is str:
            # text as written: YAML would turn 2021-12-01 into a date and 1.50 into 1.5
            if node.tagged and node.tagged != _STR:
                # a tag asks for another value than the text written: !!binary decodes it
                shown = node.tagged.replace("tag:yaml.org,2002:", "!!")
                raise self.error(f"a text tagged {shown}: YAML would read it as other than "
                                 "the text written", node.where,
                                 hint=f"delete {shown}; spread takes a text as it is written")
            return self._text(str(node.raw), node)
        if cls is bool:
            if isinstance(node.value, bool):
                return node.value
        elif cls is int:
            if isinstance(node.value, int) and not isinstance(node.value, bool):
                return node.value
        elif cls is float:
            if isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
                return float(node.value)
        raise self.error(f"expected {_type_name(cls)}, found {_describe(node)}", node.where,
                         hint=_as_bool(node) if cls is bool
                         else _as_number(cls, node, self._percent)
                         or _as_multiple(node, self._doc, self._siblings))

    def _empty(self, node: Node) -> str:
        """What to do about a value that is missing where one is wanted: a value after a
        ' #' is a comment to YAML, so the value is empty; a text holding ': ' is a key and
        its value to YAML."""
        if text_as_key(node):
            key, value = next(iter(node.value.items()))
            shown = f"{key}: {value.raw or ''}"[:24]
            return (f"YAML reads `{shown}…` as a key and its value, at the ': ': put the whole "
                    "text in quotes, or write the colon '：'")
        if node.kind != "scalar":
            return ""
        line = self.source.lines[node.where.line - 1] if 0 < node.where.line <= len(
            self.source.lines) else ""
        if " #" in line[node.where.column - 2:] or line[node.where.column - 1:].startswith("#"):
            return ("a '#' after a space starts a comment, which YAML leaves out: put the "
                    "whole value in quotes (\"#1 …\")")
        return ("write the value after the ':' (a key with nothing after it is empty to "
                "YAML), or delete the line")

    def _text(self, text: str, node: Node) -> str:
        """A control character (a "\\0" or "\\a" escape inside double quotes) is refused: a
        file name cannot hold a NUL, and a PDF or terminal shows none as it was meant. A line
        break or a tab is text."""
        for ch in text:
            if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r":
                raise self.error(f"the text contains the control character U+{ord(ch):04X}",
                                 node.where, hint="delete it")
        return text


def text_as_key(node: Node) -> bool:
    """Whether a mapping is a text YAML cut at its ': ' (本报讯: …): one key, which is no
    name a format has (it holds Chinese, a space or a mark)."""
    return node.kind == "mapping" and len(node.value) == 1 and not re.fullmatch(
        r"[A-Za-z_][\w-]*", next(iter(node.value)))


def check_bare_lengths(decoder: Decoder) -> None:
    """A bare number is points, as docs/formats.md says; one written where points make no
    sense is refused at it, with the unit to write: a page size below LEAST ([390, 545] — the
    对开 page in mm), or a bare number among lengths in mm (margins: {top: 16mm, bottom: 16}),
    where the unit was left off, not points meant."""
    from spread.units import MM, bare, paper_of

    for path, (node, value, least) in decoder.lengths.items():
        if not bare(node) or not value.value or value.unit != "pt" \
                or not math.isfinite(value.value):  # .nan and .inf: out of every range
            continue
        group = _written_with(decoder, path)
        listed = _parent(path) if path.endswith("]") else ""
        pair = [n for p, (n, _, _) in decoder.lengths.items()
                if listed and p.startswith(listed + "[")]
        shown = f"{value.value:g}"
        if len(pair) == 2 and all(bare(n) for n in pair):
            numbers = [float(n.value) for n in pair]
            named = paper_of(*numbers)
            meant = (f"[{', '.join(f'{v:g}mm' for v in numbers)}]"
                     + (f" ({' × '.join(f'{v:g}' for v in numbers)} mm is {named})"
                        if named else ""))
            points = f"[{', '.join(f'{v:g}pt' for v in numbers)}]"
        else:
            meant, points = f"{shown}mm", f"{shown}pt"
        if least and value.value < least[0]:
            raise decoder.error(
                f"{shown} is read as {shown}pt, {value.value / MM:.0f} mm: {least[1]}",
                node.where, hint=f"a bare number is points: write {meant}, or {points} if "
                                 "points are meant")
        metric = next((n for n, v, _ in group if v.unit in ("mm", "cm", "in")), None)
        if metric is not None:
            raise decoder.error(
                f"{shown} is read as {shown}pt ({_mm(value.value)} mm), beside lengths "
                f"written in {metric.raw.strip()[-2:]} ({metric.where.path}: "
                f"{metric.raw.strip()})", node.where,
                hint=f"a bare number is points, and a unit left off reads as one: write "
                     f"{meant}, or {points} if points are meant")


def _mm(points: float) -> str:
    """Points in millimetres as a message says them: to a tenth, or in three figures when
    the number is absurd (1e308 is no 309-digit figure)."""
    from spread.units import MM

    mm = points / MM
    return f"{mm:.1f}" if abs(mm) < 1e6 else f"{mm:.3g}"


def _parent(path: str) -> str:
    """The document path of what holds `path`: page.size[0] → page.size."""
    return re.sub(r"(\.[^.\[]*|\[\d+\])$", "", path)


def _written_with(decoder: Decoder, path: str) -> list:
    """The lengths written in the same mapping as the length at `path` (an item of a list,
    such as a page size's width, with the mapping that holds the list), in its sub-mappings
    too: those the person wrote together."""
    parent = _parent(path)
    if path.endswith("]"):
        parent = _parent(parent)
    inside = (lambda p: p.startswith((parent + ".", parent + "["))) if parent \
        else (lambda p: "." not in p and "[" not in p)
    return [entry for p, entry in decoder.lengths.items() if p != path and inside(p)]


def _as_list(node: Node, args: tuple) -> str:
    """How to write as a list what was written as one value: [0, 100, 100, 10] for the
    numbers of cmyk(0,100,100,10), [390mm, 545mm] for 390mm x 545mm, for 【390mm, 545mm】 or
    for 对开, [{file: …}] where a list of mappings with one required key is wanted, CMYK for an
    RGB #hex; the values of a mapping written for a list of so many, in their order."""
    fixed = bool(args) and args[-1] is not Ellipsis and len(args) > 1
    if node.kind == "mapping":
        values = list(node.value.values())
        if fixed and len(values) == len(args) and all(v.kind == "scalar" for v in values):
            return ("write the values alone, in their order, as a list: "
                    f"[{', '.join(str(v.raw) for v in values)}]")
        item = args[0] if args else None
        if node.value and dataclasses.is_dataclass(item) and set(node.value) <= {
                f.metadata.get(KEY, f.name) for f in yaml_fields(item)}:
            return (f"this is one {_type_name(item)} of a list: write '- ' before its first "
                    f"key (- {next(iter(node.value))}: …), the other keys under it")
        return "start each item on its own line with '- '"
    text = str(node.raw or "").strip() if node.kind == "scalar" else ""
    if node.kind == "scalar" and node.raw is None:
        return ("write its items on the lines under it, each after '- ' and indented, or "
                "delete the line (a key with nothing after it is empty to YAML)")
    if _HEX.match(text) and len(args) in (3, 4):
        return hex_colour_hint(text)
    from spread.units import PAPER, Length, paper_named

    if fixed and set(args) == {Length} and len(args) == 2 and paper_named(text):
        name = paper_named(text)
        w, h = PAPER[name]
        return (f"a page size is written [width, height]: {name} is {w} × {h} mm, "
                f"[{w}mm, {h}mm] ([{h}mm, {w}mm] across)")
    inner = re.sub(r"^[A-Za-z]*\s*[(（【［〔](.*)[)）】］〕]$", r"\1", text)
    wide = "" if inner == text or text[-1] in ")）" else " (ASCII brackets: YAML takes " \
        f"'{text[0]}' for a letter)"
    if re.fullmatch(r"\|.*\|", inner.strip()):  # a Markdown table's row: | 甲 | 乙 |
        inner = re.sub(r"\s*\|\s*", ",", inner.strip())
    parts = [p for p in re.split(r"\s*(?:[,，、;；×*]|\s[xX]\s|\s)\s*", inner) if p]
    short = all(len(p) <= 8 for p in parts) and not any(c in text for c in "。！？；：")
    if len(parts) >= 2 and (len(parts) == len(args) if fixed else short):
        return f"write it as a list in brackets: [{', '.join(parts)}]{wide}"
    item = args[0] if args else None
    if text and dataclasses.is_dataclass(item) and not hasattr(item, "from_node"):
        required = [f.metadata.get(KEY, f.name) for f in yaml_fields(item)
                    if f.default is dataclasses.MISSING
                    and f.default_factory is dataclasses.MISSING]
        if len(required) == 1:
            return f"write it as a list of {_type_name(item)}: [{{{required[0]}: {text}}}]"
    if text and item is str:
        shown = text if len(text) <= 12 else text[:11] + "…"
        return (f"it is a list: write the text as its one item, `- {shown}` on the next line, "
                "indented under the key (more items, more lines)")
    return "start each item on its own line with '- '"


def _as_mapping(cls: Any, node: Node) -> str:
    """How to write as a mapping what was written as a list or one value: a mapping written
    as the one item of a list, values written in the order of the keys, one text for a
    mapping of one required key (an award's `- text: …`)."""
    keys = [f.metadata.get(KEY, f.name) for f in yaml_fields(cls)]
    required = [f.metadata.get(KEY, f.name) for f in yaml_fields(cls)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    if node.kind == "list":
        items = node.value
        if items and all(i.kind == "mapping" and set(i.value) <= set(keys) for i in items):
            return (f"it is one mapping, not a list: delete the '- ' before "
                    f"{next(iter(items[0].value), 'its first key')}: and indent its keys alike")
        if 0 < len(items) <= len(keys) and all(i.kind == "scalar" for i in items):
            pairs = ", ".join(f"{k}: {i.raw}" for k, i in zip(keys, items))
            return f"name each value by its key, e.g. {{{pairs}}}"
        return ""
    text = str(node.raw or "").strip() if node.kind == "scalar" else ""
    if text and len(required) == 1:
        return f"write `{required[0]}: {text}`"
    if text and not required and keys:
        return f"write it under its key, e.g. {{{keys[0]}: {text}}} (keys: {', '.join(keys)})"
    parts = text.split()
    if text and len(required) == len(parts) == 2:
        return f"write {{{required[0]}: {parts[0]}, {required[1]}: {parts[1]}}}"
    return ""


_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")


def hex_colour_hint(text: str) -> str:
    """What to write for an RGB colour written as #RRGGBB where print wants CMYK: the
    plain conversion, to be checked on a proof (no profile is applied)."""
    code = _HEX.match(text.strip()).group(1)
    r, g, b = (int(code[i:i + 2], 16) for i in (0, 2, 4))
    k = 1 - max(r, g, b) / 255
    cmyk = [0.0, 0.0, 0.0, k] if k >= 1 else [
        (1 - v / 255 - k) / (1 - k) for v in (r, g, b)] + [k]
    shown = ", ".join(str(round(v * 100)) for v in cmyk)
    return (f"#{code} is an RGB colour and print is CMYK: write cmyk: [{shown}], rgb: "
            f"[{r}, {g}, {b}] (a plain conversion: judge it on a proof)")


# words other newsroom systems and templates use for what spread names otherwise: a key
# written so is spread's key, under its own name (not a misspelling difflib would find)
_SAME_MEANING = {
    "headline": ("title", "heading", "head", "hed", "maintitle", "main_title"),
    "subhead": ("subtitle", "sub_title", "subheading", "deck", "dek", "standfirst"),
    "kicker": ("overline", "eyebrow", "supertitle", "tagline", "pretitle"),
    "byline": ("author", "authors", "reporter", "reporters", "writer", "by"),
    "dateline": ("place", "location"),
    "lead": ("text", "paragraphs", "summary", "abstract", "teaser", "content"),
    "body": ("text", "paragraphs", "content"),
    "sections": ("stories", "story", "articles", "article", "parts", "blocks"),
    "pictures": ("photos", "photo", "images", "image", "picture", "pics", "illustrations"),
    "honour_roll": ("names", "awards", "honours", "honors", "honor_roll", "roll"),
    "figures": ("numbers", "stats", "statistics", "data", "facts"),
    "charts": ("chart", "graphs", "graph", "diagrams"),
    "credits": ("credit",),
    "title": ("headline", "heading", "head", "hed"),  # a section's head is its title
    "caption": ("title", "legend", "description", "cutline", "alt"),  # a picture's title
}


def _same_meaning(key: str, keys: list[str]) -> str:
    """«spread calls it 'pictures'» for a key other systems use for one of `keys`, else ""."""
    word = key.strip().casefold()
    for name, words in _SAME_MEANING.items():
        if word in words and name in keys:
            return f"spread calls it '{name}': did you mean '{name}'?"
    return ""


def _key_meant(cls: Any, key: str) -> str:
    """The key meant by a key written in Chinese (the one whose description names it), or
    the part of the file a key of another type belongs to (a picture's caption written in its
    section)."""
    fields = yaml_fields(cls)
    if any("\u4e00" <= ch <= "\u9fff" for ch in key):
        named = [f.metadata.get(KEY, f.name) for f in fields if key in f.metadata.get(DOC, "")]
        if named:
            return f"keys are written in English: did you mean '{named[0]}'?"
        return "keys are written in English: " + ", ".join(
            f.metadata.get(KEY, f.name) for f in fields)
    hints = _type_hints(cls)
    for f in fields:
        inner = hints[f.name]
        while get_origin(inner) in (list, tuple, Union, types.UnionType):
            inner = next(a for a in get_args(inner) if a is not type(None))
        if dataclasses.is_dataclass(inner) and key in {
                g.metadata.get(KEY, g.name) for g in yaml_fields(inner)}:
            return (f"'{key}' is a key of {_type_name(inner)}: write it under "
                    f"{f.metadata.get(KEY, f.name)}:")
    return ""


@functools.lru_cache(maxsize=None)
def _keys_of(root: Any) -> dict[str, list[tuple[Any, str]]]:
    """Every key of the document type `root` → the types that take it and where they are
    written (styles.NAME, rows[N].regions[N]), nearest the top first."""
    keys: dict[str, list[tuple[Any, str]]] = {}
    queue, seen = [(root, "")], set()
    while queue:
        cls, where = queue.pop(0)
        if not dataclasses.is_dataclass(cls) or cls in seen:
            continue
        seen.add(cls)
        hints = _type_hints(cls)
        for f in yaml_fields(cls):
            key = f.metadata.get(KEY, f.name)
            keys.setdefault(key, []).append((cls, where))
            path = f"{where}.{key}" if where else key
            queue.extend(_inside(hints[f.name], path))
            if f.metadata.get(VARIANTS):
                queue.extend((option, path) for option in f.metadata[VARIANTS][1].values())
    return keys


def _inside(cls: Any, path: str) -> list[tuple[Any, str]]:
    """The dataclasses a field of type `cls` holds, each with the path it is written at."""
    origin, args = get_origin(cls), get_args(cls)
    if origin in (Union, types.UnionType):
        return [found for arg in args for found in _inside(arg, path)]
    if origin in (list, tuple):
        return [found for arg in args if arg is not Ellipsis
                for found in _inside(arg, f"{path}[N]")]
    if origin is dict and len(args) == 2:
        return _inside(args[1], f"{path}.NAME")
    return [(cls, path)] if dataclasses.is_dataclass(cls) else []


def _choice(value: Any) -> str:
    return '"" (none)' if value == "" else str(value)


def _named_in(doc: str, written: str, choices: tuple) -> str:
    """The choice a field's description gives `written` as the name of: «centre (居中)»."""
    for choice in choices:
        found = re.search(rf"\b{re.escape(str(choice))} \(([^)]*)\)", doc)
        if choice != "" and found and written in re.split(r"[,，、/ ]+", found.group(1)):
            return f"did you mean '{choice}'?"
    return ""


def _as_bool(node: Node) -> str:
    """What to write for a yes-or-no written otherwise: in Chinese, or as an amount."""
    if isinstance(node.value, (int, float)):
        return (f"write true or false: this key says whether, not how much ({node.raw} is an "
                "amount)")
    return "write true or false (是/否 are text to YAML)"


def _as_number(cls: type, node: Node, percent: bool) -> str:
    """How to write a number that was written as something else: in quotes, or with a %.
    A % is dropped where the number is a percentage (CMYK); elsewhere — a scale, a leading,
    a share — 80% means 0.8, and the hint says so."""
    if cls not in (int, float) or not isinstance(node.raw, str):
        return ""
    text = node.raw.strip()
    if not node.style and read_otherwise(text):  # 1:30, 010
        return read_otherwise(text)
    numeral = _numeral(text)
    if numeral is not None:
        return f"write the number in ASCII figures: {numeral}"
    bare = text.rstrip("%％").strip()
    try:
        number = float(bare)
    except ValueError:
        return _calculated(cls, text)
    if not math.isfinite(number):  # 5000 digits: no float holds it
        return ""
    if cls is int and number.is_integer() and not node.style and bare == text:
        return f"write it out as a whole number: {int(number)}"  # 1e3
    if cls is int and not number.is_integer() and bare == text:
        return (f"write a whole number: {math.floor(number)} or {math.ceil(number)}"
                if number > 0 else "write a whole number")
    if cls is int and not number.is_integer():
        return ""
    shown = bare if cls is float else str(int(number))
    if bare != text and percent:
        return f"write the number alone, without %: {shown}"
    if bare != text:
        fraction = f"{number / 100:g}"
        if cls is int and not (number / 100).is_integer():
            return ""
        return f"write it as a number, not a percentage: {fraction} (for {text})"
    return f"write the number without quotes: {shown}" if node.style else ""


_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}


def _numeral(text: str) -> int | None:
    """A whole number written in Chinese numerals (八, 十二, 二十) or in full-width figures
    (８), up to 99; else None."""
    wide = unicodedata.normalize("NFKC", text)
    if wide != text and wide.isascii() and wide.isdigit():
        return int(wide)
    tens, _, ones = text.partition("十")
    if not text or any(ch not in _DIGITS for ch in tens + ones) or len(tens + ones) > 2 \
            or ("十" not in text and len(text) > 1):
        return None
    if "十" not in text:
        return _DIGITS[text]
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def _as_multiple(node: Node, doc: str, siblings: dict[str, Node]) -> str:
    """What to write for a style's multiple (leading, tracking, an indent, a space in lines)
    written as a length or with a word after it: the multiple, worked out from the style's
    size (and leading) where they are plain — 42pt at 28pt is a leading of 1.5."""
    from spread.units import Length, LengthError

    text = str(node.raw or "").strip()
    words = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(倍|行|个字|字|em|ems|lines?)", text)
    if words:
        return f"write the number alone: {words.group(1)} (a multiple is a plain number)"
    try:
        written = Length.parse(text)
        size = Length.parse(str(siblings["size"].raw)).pt() if "size" in siblings else 0.0
    except (LengthError, ValueError, KeyError):
        return ""
    try:
        leading = float(siblings["leading"].raw) if "leading" in siblings else 1.6
    except ValueError:
        leading = 1.6
    per = {"multiple of the size": (size, "is a multiple of the size"),
           "em": (size, "counts ems of the size"),
           "in lines": (size * leading, f"counts lines ({size * leading:g}pt here)")}
    unit = next(((v, what) for k, (v, what) in per.items() if k in doc), None)
    key = node.where.path.rsplit(".", 1)[-1]
    if unit is None or not unit[0] or written.unit == "字":
        return f"{key} is a multiple, not a length: write a plain number" if unit else ""
    ratio = f"{written.pt() / unit[0]:.2f}".rstrip("0").rstrip(".")
    return (f"{key} {unit[1]}, not a length: {text} at a size of {size:g}pt is {ratio}: "
            f"write {ratio}")


_SUM = re.compile(r"([-+]?\d+(?:\.\d+)?)\s*([-+*/×x÷])\s*(\d+(?:\.\d+)?)")


_OPERATIONS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "×": operator.mul,
               "x": operator.mul, "/": operator.truediv, "÷": operator.truediv}


def _calculated(cls: type, text: str) -> str:
    """The result to write for a sum written where a number belongs (columns: 8-1): the
    value is read as written, never calculated."""
    found = _SUM.fullmatch(text)
    if not found:
        return ""
    a, op, b = float(found.group(1)), found.group(2), float(found.group(3))
    if op in "/÷" and b == 0:
        return "a value is read as written, not calculated: write the number meant"
    result = _OPERATIONS[op](a, b)  # only the one written: 2-0 once divided by 0 too
    if not math.isfinite(result):
        return "a value is read as written, not calculated: write the number meant"
    if cls is int and not result.is_integer():
        return "a value is read as written, not calculated: write a whole number"
    shown = f"{int(result)}" if result.is_integer() else f"{result:.4g}"
    return f"a value is read as written, not calculated: write the result, {shown}"


def yaml_fields(cls: Any) -> list[dataclasses.Field]:
    return [f for f in dataclasses.fields(cls)
            if f.init and f.name != "where" and not f.metadata.get(INTERNAL)]


def _texts_as_read(cls: Any, typed: Any, plain: dict) -> dict:
    """A variant mapping kept as written (its keys, plain values), each text of it as the
    typed reading took it: `accent: 5` names the colour '5', not the number 5, which the
    code that looks the name up could not read (exit 3, «'int' object has no attribute
    'strip'»)."""
    hints = _type_hints(cls)
    kept = dict(plain)
    for f in yaml_fields(cls):
        key, kind = f.metadata.get(KEY, f.name), hints[f.name]
        if key not in kept:
            continue
        if kind is str or (get_origin(kind) in (Union, types.UnionType)
                           and set(get_args(kind)) == {str, type(None)}):
            kept[key] = getattr(typed, f.name)
        elif dataclasses.is_dataclass(kind) and isinstance(kept[key], dict) \
                and dataclasses.is_dataclass(getattr(typed, f.name)):
            kept[key] = _texts_as_read(kind, getattr(typed, f.name), kept[key])
    return kept


def _plain(node: Node) -> Any:
    if node.kind == "mapping":
        return {k: _plain(v) for k, v in node.value.items()}
    if node.kind == "list":
        return [_plain(v) for v in node.value]
    return node.value


def _describe(node: Node) -> str:
    if node.kind != "scalar":
        return f"a {node.kind}"
    if node.raw is None:
        return "nothing (an empty value)"
    text = str(node.raw)
    shown = text if len(text) <= 30 else text[:27] + "..."
    return f"'{shown}'"


def _type_name(cls: Any) -> str:
    names = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}
    if cls in names:
        return names[cls]
    return getattr(cls, "yaml_name", None) or getattr(cls, "__name__", str(cls))


def _fields_list(cls: Any) -> str:
    keys = [f.metadata.get(KEY, f.name) for f in yaml_fields(cls)]
    return "keys " + ", ".join(keys)


def _full_width(key: str, options: list[str]) -> str:
    """The hint for a key a Chinese input method typed in full width (ｈｅａｄｌｉｎｅ, or
    after an ideographic space), which reads as the key meant once made half width."""
    meant = unicodedata.normalize("NFKC", key).strip()
    if meant == key or meant not in options:
        return ""
    if unicodedata.normalize("NFKC", key) == key:  # only ASCII spaces about it, in quotes
        return f"did you mean '{meant}'? (without the space around it, which quotes keep)"
    return (f"'{key}' is typed in full-width letters or spaces: write {meant} in half width "
            "(the input method in 半角, or English, while typing keys)")


# words other tools use for a choice spread names otherwise (CSS's text-align and
# font-weight, a word processor's): not close in spelling, the same in meaning
_SAME_AS = {"left": "start", "right": "end", "center": "centre", "middle": "centre",
            "justified": "justify", "normal": "regular", "400": "regular", "700": "bold",
            "italic": "oblique", "full": "全角", "full-width": "全角", "fullwidth": "全角",
            "half": "半角", "half-width": "半角", "halfwidth": "半角"}


def meant(word: str, options) -> str:
    """The option `word` was meant as, or "": written in other capitals (PRINT, Centre), with
    look-alike characters (the Kangxi radical ⾓ a PDF gives for 角, full-width letters),
    in another tool's word for it (center), or misspelt."""
    options = [str(o) for o in options]
    folded = {unicodedata.normalize("NFKC", o).casefold(): o for o in options}
    key = unicodedata.normalize("NFKC", word).strip().casefold()
    if key in folded and folded[key] != word:
        return folded[key]
    same = _SAME_AS.get(key)
    if same in options:
        return same
    close = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else ""


def did_you_mean(word: str, options) -> str:
    """«did you mean 'X'?» for the option meant (see `meant`), saying why when the two look
    alike; else ""."""
    option = meant(word, options)
    if not option:
        return ""
    odd = [ch for ch in word if unicodedata.normalize("NFKC", ch) != ch]
    if odd and option.casefold() == unicodedata.normalize("NFKC", word).strip().casefold():
        ch = odd[0]
        return (f"did you mean '{option}'? ('{ch}' is U+{ord(ch):04X} "
                f"{unicodedata.name(ch, 'a compatibility character')}, which only looks like "
                f"'{unicodedata.normalize('NFKC', ch)}': text copied from a PDF often holds "
                "such characters)")
    if option == word.strip():  # a quoted name keeps the spaces typed around it
        return f"did you mean '{option}'? (without the space around it, which quotes keep)"
    if option.casefold() == word.strip().casefold():
        return f"did you mean '{option}'? (names are case-sensitive)"
    return f"did you mean '{option}'?"


def decode_file(cls: Any, path: str, text: str | None = None) -> Any:
    """Read a YAML file and decode it as `cls`."""
    from spread import yamlsource

    node, source = yamlsource.load(path, text)
    return Decoder(source).decode(cls, node)


def json_schema(cls: Any) -> dict:
    """A JSON Schema (draft 2020-12) for `cls`, from the same type hints the decoder uses."""
    defs: dict[str, dict] = {}
    root = _schema_for(cls, defs)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **root, "$defs": defs}


def _schema_for(cls: Any, defs: dict) -> dict:
    origin = get_origin(cls)
    if cls is Any:
        return {}
    if origin in (Union, types.UnionType):
        options = [_schema_for(a, defs) for a in get_args(cls)]
        return {"anyOf": options}
    if cls is type(None):
        return {"type": "null"}
    if origin is Literal:
        return {"enum": list(get_args(cls))}
    if origin is tuple and get_args(cls) and get_args(cls)[-1] is not Ellipsis:
        args = get_args(cls)
        return {"type": "array", "prefixItems": [_schema_for(a, defs) for a in args],
                "items": False, "minItems": len(args), "maxItems": len(args)}
    if origin in (list, tuple):
        args = get_args(cls)
        return {"type": "array", "items": _schema_for(args[0] if args else Any, defs)}
    if origin is dict:
        return {"type": "object",
                "additionalProperties": _schema_for(get_args(cls)[1], defs)}
    if hasattr(cls, "json_schema"):
        return cls.json_schema()
    if dataclasses.is_dataclass(cls):
        name = cls.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            hints = _type_hints(cls)
            props, required = {}, []
            for f in yaml_fields(cls):
                key = f.metadata.get(KEY, f.name)
                prop = _schema_for(hints[f.name], defs)
                if f.metadata.get(DOC):
                    prop = {**prop, "description": f.metadata[DOC]}
                if isinstance(f.default, (str, int, float, bool)):  # editors offer it
                    prop = {**prop, "default": f.default}
                props[key] = prop
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                    required.append(key)
            schema = {"type": "object", "properties": props, "additionalProperties": False}
            if required:
                schema["required"] = required
            variants = [_variant_schema(f, defs) for f in yaml_fields(cls)
                        if f.metadata.get(VARIANTS)]
            if variants:
                schema["allOf"] = [case for cases in variants for case in cases]
            if cls.__doc__:
                schema["description"] = cls.__doc__.strip().splitlines()[0]
            defs[name] = schema
        return {"$ref": f"#/$defs/{name}"}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if cls in simple:
        return {"type": simple[cls]}
    return {}


def _variant_schema(f: dataclasses.Field, defs: dict) -> list[dict]:
    """if the sibling key has this value, then the mapping is that dataclass."""
    tag, classes = f.metadata[VARIANTS]
    key = f.metadata.get(KEY, f.name)
    return [{"if": {"properties": {tag: {"const": value}}, "required": [tag]},
             "then": {"properties": {key: _schema_for(option_cls, defs)}}}
            for value, option_cls in classes.items()]


__all__ = ["Decoder", "decode_file", "json_schema", "yaml_fields", "KEY", "DOC", "INTERNAL",
           "VARIANTS", "REFERS"]
