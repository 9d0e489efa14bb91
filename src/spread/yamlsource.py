"""YAML files read as a tree of positioned nodes, so every later error can say file:line:column.

Only PyYAML's safe composer is used; aliases are expanded under a node budget so an
alias bomb is an error, not an out-of-memory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import yaml

from spread.errors import InputError, Location

MAX_FILE_BYTES = 8 * 1024 * 1024  # a page's content is kilobytes; megabytes mean a wrong file
MAX_NODES = 200_000  # after alias expansion
MAX_DEPTH = 64


@dataclass
class Node:
    """One YAML value with its place in the file: a dict of Nodes, a list of Nodes or a scalar."""

    value: Any
    where: Location
    raw: str | None = None  # a scalar's text as written, before YAML's type guessing
    tag: str = ""
    key_where: dict[str, Location] = field(default_factory=dict)  # for mappings

    @property
    def kind(self) -> str:
        if isinstance(self.value, dict):
            return "mapping"
        if isinstance(self.value, list):
            return "list"
        return "scalar"


class SourceFile:
    """A YAML file's text, kept for excerpts with a caret under the error column."""

    def __init__(self, path: str, text: str):
        self.path = path
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
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def read_text(path: str) -> str:
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", Location(path)) from None
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
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError("the file is not UTF-8 text", Location(path, line, 1),
                         hint="save the file as UTF-8") from None


def load(path: str, text: str | None = None) -> tuple[Node, SourceFile]:
    """Parse one YAML document into positioned nodes."""
    if text is None:
        text = read_text(path)
    source = SourceFile(path, text)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError("the file contains NUL bytes; it is not a YAML text file",
                         Location(path, line, 1))
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        raise InputError(f"YAML syntax error: {problem}{context}", where,
                         hint=_syntax_hint(problem),
                         excerpt=source.excerpt(where.line, where.column)) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}", Location(path)) from None
    finally:
        loader.dispose()
    if root is None:
        return Node({}, Location(path, 1, 1)), source
    budget = [MAX_NODES]
    return _convert(root, path, loader, budget, 0, ""), source


def _syntax_hint(problem: str) -> str:
    if "tab" in problem:
        return "indent with spaces, not tabs"
    if "mapping values" in problem:
        return "a value containing ': ' needs quotes, or the line is indented wrongly"
    if "expected <block end>" in problem or "did not find expected" in problem:
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
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Node] = {}
        keys: dict[str, Location] = {}
        for key_node, value_node in node.value:
            key_where = Location(path, key_node.start_mark.line + 1,
                                 key_node.start_mark.column + 1, doc_path)
            if not isinstance(key_node, yaml.ScalarNode):
                raise InputError("a key must be a plain name", key_where)
            key = str(key_node.value)
            if key == "<<":
                raise InputError("merge keys (<<) are not supported", key_where)
            if key in out:
                raise InputError(f"duplicate key '{key}'", key_where)
            child_path = f"{doc_path}.{key}" if doc_path else key
            out[key] = _convert(value_node, path, loader, budget, depth + 1, child_path)
            keys[key] = key_where
        return Node(out, where, tag=node.tag, key_where=keys)
    if isinstance(node, yaml.SequenceNode):
        items = [_convert(child, path, loader, budget, depth + 1, f"{doc_path}[{i}]")
                 for i, child in enumerate(node.value)]
        return Node(items, where, tag=node.tag)
    try:
        value = loader.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        raise InputError(f"bad value: {exc}", where) from None
    raw = node.value if node.tag != "tag:yaml.org,2002:null" or node.value else None
    return Node(value, where, raw=raw, tag=node.tag)
