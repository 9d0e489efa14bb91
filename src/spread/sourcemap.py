"""Where each character of a YAML scalar's value is written in its file: the value's
characters traced back through plain, quoted and block scalars — their line folding,
escapes and indentation — so an error or a fix can name the character's own line and
column. The trace is checked against the value PyYAML read; when they differ (an exotic
line break or escape), there is no trace and callers place things at the value's start.
"""

from __future__ import annotations

from spread.yamlsource import Node

BREAKS = "\r\n"

Spans = list[tuple[int, int]]  # per value character: its source offsets; (i, i) if synthesized


def trace(text: str, node: Node) -> Spans | None:
    """The source span of each character of a scalar's text, or None when the trace does
    not reproduce the text PyYAML read (an exotic line break or escape)."""
    start, end = node.span
    start = _after_properties(text, start, end)
    if node.style in ("|", ">"):
        return _trace_block(text, start, end, node.raw)
    if node.style in ("'", '"'):
        value, spans = _trace_flow(text, start + 1, end - 1, node.style)
    else:
        value, spans = _trace_flow(text, start, end, "")
    return spans if value == node.raw else None


def _after_properties(text: str, i: int, end: int) -> int:
    """Where the scalar itself starts: after a tag (!!str) or an anchor (&a) before it,
    which PyYAML counts as part of the node."""
    while i < end and text[i] in "!&":
        while i < end and text[i] not in " \t\r\n":
            i += 1
        while i < end and text[i] in " \t\r\n":
            i += 1
    return i


def _trace_flow(text: str, a: int, b: int, quote: str) -> tuple[str, Spans]:
    """Plain and quoted scalars: spaces around a line break fold to one space, blank lines
    to line breaks; '' and backslash escapes stand for one character."""
    chars: list[str] = []
    spans: Spans = []
    blanks = " " if quote == "" else " \t"
    i = a
    while i < b:
        ch = text[i]
        if ch in blanks:
            j = i
            while j < b and text[j] in blanks:
                j += 1
            if j < b and text[j] in BREAKS:
                i = j  # whitespace before a line break is dropped
                continue
            for k in range(i, j):
                chars.append(text[k])
                spans.append((k, k + 1))
            i = j
        elif ch in BREAKS:  # a folded break is placed at the end of its line
            at = i
            i, folded = _fold(text, i, b, blanks)
            chars += folded
            spans += [(at, at)] * len(folded)
        elif quote == "'" and ch == "'" and text[i + 1: i + 2] == "'":
            chars.append("'")
            spans.append((i, i + 2))
            i += 2
        elif quote == '"' and ch == "\\":
            i = _escape(text, i, b, chars, spans)
        else:
            chars.append(ch)
            spans.append((i, i + 1))
            i += 1
    return "".join(chars), spans


def _fold(text: str, i: int, b: int, blanks: str) -> tuple[int, list[str]]:
    """A line break inside a flow scalar: one space, or a line break per blank line."""
    i = _after_break(text, i)
    breaks = 0
    while i < b:
        if text[i] in blanks:
            i += 1
        elif text[i] in BREAKS:
            i = _after_break(text, i)
            breaks += 1
        else:
            break
    return i, ["\n"] * breaks if breaks else [" "]


def _after_break(text: str, i: int) -> int:
    return i + 2 if text.startswith("\r\n", i) else i + 1


ESCAPES = {"0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n",
           "v": "\x0b", "f": "\x0c", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "\\": "\\",
           "/": "/", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def _escape(text: str, i: int, b: int, chars: list[str], spans: Spans) -> int:
    """A backslash escape in a double-quoted scalar; an escaped line break joins the lines
    without a space."""
    code = text[i + 1: i + 2]
    if code in ESCAPES:
        chars.append(ESCAPES[code])
        spans.append((i, i + 2))
        return i + 2
    if code in HEX_ESCAPES:
        n = HEX_ESCAPES[code]
        chars.append(chr(int(text[i + 2: i + 2 + n], 16)))
        spans.append((i, i + 2 + n))
        return i + 2 + n
    at = i + 1
    i, folded = _fold(text, at, b, " \t")  # an escaped line break
    if folded != [" "]:
        chars += folded
        spans += [(at, at)] * len(folded)
    return i


def _trace_block(text: str, a: int, b: int, value: str) -> Spans | None:
    """Literal (|) and folded (>) scalars. The indentation is found as PyYAML finds it;
    an explicit indentation indicator is matched by trying the indents the text allows."""
    header_end = text.find("\n", a, b)
    if header_end < 0:
        return [] if value == "" else None
    header = text[a:header_end].split("#")[0]
    first = header_end + 1
    body = text[first:b]
    lines = body.split("\n")
    content = [ln for ln in lines if ln.strip(" \r")]
    if not content:
        return [(b, b)] * len(value) if not value.strip("\n") else None
    auto = len(content[0]) - len(content[0].lstrip(" "))
    for indent in [auto] + list(range(1, auto)):
        got, spans = _block_lines(text, first, b, indent, header.startswith(">"))
        if got == value.rstrip("\n") or got == value:
            return spans + [(b, b)] * (len(value) - len(got))
    return None


def _block_lines(text: str, a: int, b: int, indent: int, folded: bool) -> tuple[str, Spans]:
    """A block scalar's text without its trailing line breaks, as PyYAML's scanner reads it:
    blank lines (at most `indent` spaces) are line breaks; in a folded scalar the break
    between two lines that start with a non-blank is a space."""
    chars: list[str] = []
    spans: Spans = []
    blank = 0
    previous = None  # the last content line
    pos = a
    while pos < b:
        stop = text.find("\n", pos, b)
        stop = b if stop < 0 else stop
        line = text[pos:stop].rstrip("\r")
        offset, pos = pos + indent, stop + 1
        if len(line) <= indent and not line.strip(" "):
            blank += 1
            continue
        content = line[indent:]
        if previous is None:
            sep = ["\n"] * blank
        elif folded and previous[:1] not in (" ", "\t") and content[:1] not in (" ", "\t"):
            sep = ["\n"] * blank if blank else [" "]
        else:
            sep = ["\n"] * (blank + 1)
        chars += sep
        spans += [(offset, offset)] * len(sep)
        for k, ch in enumerate(content):
            chars.append(ch)
            spans.append((offset + k, offset + k + 1))
        previous, blank = content, 0
    return "".join(chars), spans


