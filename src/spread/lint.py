"""Content lint: the punctuation and character slips of Chinese copy (GB/T 15834-2011 marks,
GB/T 15835-2011 numbers), each placed at its file:line:column and, where the fix is
mechanical, fixed in the YAML text itself.

Findings are computed on the string values the loader reads; every character of a value is
traced back to the source characters that produced it (plain, quoted and block scalars,
with their line folding and escapes), so a fix edits exactly those characters and leaves
comments, quoting and layout of the file alone. A value whose trace does not reproduce what
PyYAML read is still linted, but its findings are placed at the value's start and not fixed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from spread.compose.classes import is_han
from spread.errors import InputError, Location, SpreadError
from spread.sourcemap import Spans, trace
from spread.yamlsource import Node, SourceFile, load, read_text, walk

# ASCII marks that Chinese text takes in full width (GB/T 15834-2011 §4)
FULL_WIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
# marks never written twice in a row. ！！ and ？？ are left alone: GB/T 15834 §4.5.3.4 allows
# repeated exclamation marks, and …… and —— are single marks written with two characters.
NEVER_DOUBLED = "，。、；：．"
# opening → closing pairs that must balance within one value
PAIRS = {"“": "”", "‘": "’", "（": "）", "【": "】", "《": "》", "〈": "〉", "「": "」",
         "『": "』", "〔": "〕", "〖": "〗"}
CHINESE_MARKS = frozenset("，。、；：！？“”‘’（）【】《》〈〉「」『』〔〕〖〗…—·")
# full-width marks carry their own blank; a space beside them is a slip (often left over
# from English punctuation: "中文, 中文")
SPACED_AFTER = frozenset("，。、；：！？）】》〉」』〕〗”’")
SPACED_BEFORE = frozenset("，。、；：！？（【《〈「『〔〖“‘")
FULL_WIDTH_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]+(?:．[０-９]+)*")
MAX_FIX_PASSES = 8  # a fix can reveal another (",," → "，，" → "，"); each pass removes some


@dataclass(frozen=True)
class Finding:
    """One slip: what it is, where, and the fix (`replacement` for the value's characters
    `start`..`end`; `edit` is the same fix as source offsets, None when not mechanical)."""

    rule: str  # ascii-punctuation | space-beside-mark | doubled-mark | full-width-alnum |
    #            unbalanced | ascii-dash | comment-in-text | literal-escape | repeated
    message: str
    where: Location
    fix: str  # what to do, in words
    start: int
    end: int
    replacement: str | None
    edit: tuple[int, int, str] | None = None
    excerpt: str = ""
    by_hand: str = ""  # why a mechanical fix cannot be made in the file

    @property
    def fixable(self) -> bool:
        return self.edit is not None

    def format(self) -> str:
        lines = [f"{self.where}: {self.message} [{self.rule}]"]
        if self.excerpt:
            lines.append(self.excerpt)
        lines.append(f"fix: {self.fix}" + (f" (by hand: {self.by_hand})" if self.by_hand
                                             else ""))
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"rule": self.rule, "message": self.message, "file": self.where.file,
                "line": self.where.line, "column": self.where.column, "path": self.where.path,
                "fix": self.fix, "fixable": self.fixable}


# -- rules on one value ---------------------------------------------------------------------

@dataclass(frozen=True)
class Slip:
    """A finding on a value, before it is placed in the file."""

    rule: str
    message: str
    fix: str
    start: int
    end: int
    replacement: str | None


def is_chinese(ch: str) -> bool:
    return bool(ch) and (is_han(ch) or ch in CHINESE_MARKS)


def check_value(text: str) -> list[Slip]:
    """Every slip in one string, sorted by position."""
    converted = _ascii_marks(text)
    slips = (converted + _spaces(text) + _doubled(text) + _full_width(text)
             + _unbalanced(text, converted) + _ascii_dashes(text) + _comments_in_text(text))
    return sorted(slips, key=lambda s: (s.start, s.end, s.rule))


def _ascii_marks(text: str) -> list[Slip]:
    """ASCII , ; : ! ? ( ) beside Chinese (a space after the mark is looked past)."""
    slips = []
    parens = _paren_pairs(text)
    for i, ch in enumerate(text):
        if ch not in FULL_WIDTH:
            continue
        if ch in "()":
            if not any(is_chinese(_at(text, k)) for k in parens.get(i, (i - 1, i + 1))):
                continue
        elif not (is_chinese(_at(text, i - 1))
                  or is_chinese(_at(text, _skip_spaces(text, i + 1)))):
            continue
        elif ch == ":" and _at(text, i - 1).isdigit() and _at(text, i + 1).isdigit():
            continue  # 10:30, 3:2
        full = FULL_WIDTH[ch]
        slips.append(Slip("ascii-punctuation", f"ASCII '{ch}' in Chinese text",
                          f"write '{full}'", i, i + 1, full))
    return slips


def _spaces(text: str) -> list[Slip]:
    slips = []
    for m in re.finditer(r" +", text):
        before, after = _at(text, m.start() - 1), _at(text, m.end())
        if (before in SPACED_AFTER and (is_chinese(after) or not after)) or \
                (after in SPACED_BEFORE and (is_chinese(before) or not before)):
            mark = before if before in SPACED_AFTER else after
            slips.append(Slip("space-beside-mark", f"space beside '{mark}'",
                              "delete the space: the mark carries its own blank",
                              m.start(), m.end(), ""))
    return slips


def _paren_pairs(text: str) -> dict[int, tuple[int, ...]]:
    """For each matched ASCII parenthesis, the four places around the pair: a pair is
    Chinese (and converted whole) when any of its neighbours, inside or out, is."""
    stack, around = [], {}
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            j = stack.pop()
            around[i] = around[j] = (j - 1, j + 1, i - 1, i + 1)
    return around


def _doubled(text: str) -> list[Slip]:
    slips = []
    for m in re.finditer(r"([%s])\1+" % re.escape(NEVER_DOUBLED), text):
        mark = m.group(1)
        slips.append(Slip("doubled-mark", f"'{mark}' written {len(m.group())} times",
                          f"keep one '{mark}'", m.start(), m.end(), mark))
    return slips


def _full_width(text: str) -> list[Slip]:
    """Full-width digits and letters: GB/T 15835-2011 sets figures in half width."""
    slips = []
    for m in FULL_WIDTH_ALNUM.finditer(text):
        half = "".join(chr(ord(c) - 0xFEE0) for c in m.group())
        slips.append(Slip("full-width-alnum", f"full-width '{m.group()}'",
                          f"write '{half}'", m.start(), m.end(), half))
    return slips


def _unbalanced(text: str, converted: list[Slip]) -> list[Slip]:
    """Quotes and brackets that open without closing or close without opening. ASCII
    parentheses the lint converts count as the full-width ones they become."""
    as_written = {s.start: s.replacement for s in converted if text[s.start] in "()"}
    closing = {v: k for k, v in PAIRS.items()}
    stacks: dict[str, list[int]] = {}
    slips = []
    for i, raw in enumerate(text):
        ch = as_written.get(i, raw)
        if ch == "’" and _at(text, i - 1).isalpha() and _at(text, i + 1).isalpha() \
                and not is_han(_at(text, i - 1)):
            continue  # an apostrophe: it’s
        if ch in PAIRS:
            stacks.setdefault(ch, []).append(i)
        elif ch in closing:
            if stacks.get(closing[ch]):
                stacks[closing[ch]].pop()
            else:
                slips.append(Slip("unbalanced", f"'{ch}' closes nothing",
                                  f"add the opening '{closing[ch]}' or delete this '{ch}'",
                                  i, i + 1, None))
    for opener, places in stacks.items():
        for i in places:
            slips.append(Slip("unbalanced", f"'{opener}' is never closed",
                              f"add the closing '{PAIRS[opener]}' or delete this '{opener}'",
                              i, i + 1, None))
    return slips


def _ascii_dashes(text: str) -> list[Slip]:
    """'--' typed beside Chinese for the 破折号 '——' (GB/T 15834 §4.9): a keyboard has no
    dash, and the hyphens print as two short strokes."""
    return [Slip("ascii-dash", f"'{m.group()}' for the dash", "write '——' (the 破折号)",
                 m.start(), m.end(), "——")
            for m in re.finditer(r"-{2,}", text)
            if is_chinese(_at(text, m.start() - 1)) or is_chinese(_at(text, m.end()))]


# a '#' against Chinese, or the full-width '＃', before a space: meant as a comment, but YAML
# starts one only at an ASCII '#' after a space, so it is printed
_COMMENT_LIKE = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])#(?=[ \u3000])"
                           r"|＃(?=[ \u3000])")


def _comments_in_text(text: str) -> list[Slip]:
    return [Slip("comment-in-text", f"'{text[m.start():m.start() + 8].rstrip()}…' is printed as "
                 "text: YAML starts a comment only at an ASCII '#' after a space",
                 "put a space before the '#' if it is a comment, or delete it", m.start(),
                 len(text), None) for m in _COMMENT_LIKE.finditer(text)]


def _literal_escapes(text: str) -> list[Slip]:
    """'\\n' written in a value that is not in double quotes: printed as a backslash and an
    n, not as a new line (YAML reads escapes only in double quotes)."""
    return [Slip("literal-escape", f"'{m.group()}' is printed as a backslash and a letter: "
                 "YAML reads escapes only in double quotes",
                 "for a new line, write the value as a `|` block; else delete it",
                 m.start(), m.end(), None)
            for m in re.finditer(r"\\[nrt]", text)
            if is_chinese(_at(text, m.start() - 1)) or is_chinese(_at(text, m.end()))]


def _at(text: str, i: int) -> str:
    return text[i] if 0 <= i < len(text) else ""


def _skip_spaces(text: str, i: int) -> int:
    while i < len(text) and text[i] == " ":
        i += 1
    return i


def fix_value(text: str) -> str:
    """The value with every mechanical fix made (what `--fix` makes of it in the file)."""
    for _ in range(MAX_FIX_PASSES):
        slips = [s for s in check_value(text) if s.replacement is not None]
        if not slips:
            break
        text = _apply(text, [(s.start, s.end, s.replacement) for s in slips])
    return text


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Edits as (start, end, replacement); overlapping ones after the first are skipped and
    left to the next pass."""
    out, pos = [], 0
    for start, end, replacement in sorted(edits):
        if start < pos:
            continue
        out += [text[pos:start], replacement]
        pos = end
    return "".join(out) + text[pos:]


# -- a file ---------------------------------------------------------------------------------

class _Lines:
    """Source offsets → 1-based line and column."""

    def __init__(self, text: str):
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def place(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def lint_text(path: str, text: str) -> list[Finding]:
    """Every finding in a content file's text, in file order."""
    root, source = load(path, text)
    lines = _Lines(text)
    findings = []
    seen: set[tuple[int, int]] = set()  # an aliased value is one place in the file
    for node in (n for n in root.scalars() if n.raw):  # every value is text, as written
        if node.span in seen:
            continue
        seen.add(node.span)
        findings += _place(node, text, source, lines)
    findings += _repeats(root, source)
    return sorted(findings, key=lambda f: (f.where.line, f.where.column, f.rule))


def _repeats(root: Node, source: SourceFile) -> list[Finding]:
    """What a copy and paste leaves twice: two sections of one title (a story's headline
    given twice, or a section copied to start the next and its title not changed — a
    notice's genre, 遗失声明, may head many), a name
    twice in one award's names, a paragraph repeated word for word (ten characters or more,
    so a short list item such as 同上 may repeat)."""
    if root.kind != "mapping":
        return []
    sections = root.value.get("sections")
    titles = [s.value.get("title") for s in sections.value
              if s.kind == "mapping"] if sections and sections.kind == "list" else []
    findings = _twice([n for n in titles if n is not None], source, "section title",
                      "give each section its own title, or delete the copy",
                      lambda text: not text.endswith(NOTICE_GENRES))
    for node in walk(root):
        if node.kind == "list" and node.where.path.endswith(".names"):
            findings += _twice(node.value, source, "name", "delete the copy (two people of "
                               "one name: tell them apart, e.g. 张伟（女）)", lambda _: True)
    paragraphs = [n for n in root.scalars() if _PARAGRAPH.fullmatch(n.where.path)]
    return findings + _twice(paragraphs, source, "paragraph", "delete the copy",
                             lambda text: len(text) >= 10)


# a notice's genre, which heads as many notices as a notices page (公告版) has of it: three
# 遗失声明 are three notices, not one pasted thrice
NOTICE_GENRES = ("声明", "启事", "公告", "通知", "公示", "简讯", "短讯", "讣告", "广告", "评论")
_PARAGRAPH = re.compile(r"lead\[\d+\]|sections\[\d+\]\.(intro|body\[\d+\]|report\.items\[\d+\])")


def _twice(nodes: list[Node], source: SourceFile, what: str, fix: str,
           counts: Callable[[str], bool]) -> list[Finding]:
    """A finding at each value of `nodes` that repeats an earlier one (spaces aside)."""
    seen: dict[str, Node] = {}
    findings = []
    for node in nodes:
        if node.kind != "scalar" or not isinstance(node.raw, str):
            continue
        text = "".join(node.raw.split())
        if not text or not counts(text):
            continue
        first = seen.setdefault(text, node)
        if first is node:
            continue
        shown = text if len(text) <= 16 else text[:15] + "…"
        where = node.where
        findings.append(Finding("repeated", f"the {what} «{shown}» is given twice: "
                                f"{first.where.path} at line {first.where.line} has it too",
                                where, fix, 0, len(node.raw), None,
                                excerpt=source.excerpt(where.line, where.column)))
    return findings


def _place(node: Node, text: str, source: SourceFile, lines: _Lines) -> list[Finding]:
    slips = check_value(node.raw) + (_literal_escapes(node.raw) if node.style in (None, "'")
                                     else [])
    folded = node.style in (None, "'", '"') and " " in node.raw \
        and "\n" in text[node.span[0]:node.span[1]]
    if not slips and not folded:
        return []
    spans = trace(text, node)
    findings = _folded_spaces(node, spans, source, lines) if folded and spans else []
    for slip in slips:
        edit, by_hand = _edit(text, spans, slip)
        offset = spans[slip.start][0] if spans is not None else node.span[0]
        line, column = lines.place(offset)
        where = Location(source.path, line, column, node.where.path)
        findings.append(Finding(slip.rule, slip.message, where, slip.fix, slip.start, slip.end,
                                slip.replacement, edit, source.excerpt(line, column), by_hand))
    return findings


def _folded_spaces(node: Node, spans: Spans, source: SourceFile,
                   lines: _Lines) -> list[Finding]:
    """A space YAML put between two Chinese characters where the value goes on to the next
    line (首日 / 接待 read as «首日 接待»): Chinese takes no space there, and the fix joins
    the lines. (Beside a mark, space-beside-mark says it.)"""
    raw, findings = node.raw, []
    for i in range(1, len(raw) - 1):
        if raw[i] == " " and spans[i][0] == spans[i][1] and is_han(raw[i - 1]) \
                and is_han(raw[i + 1]):
            line, column = lines.place(spans[i - 1][1])
            findings.append(Finding(
                "folded-line", f"the line break after «{raw[max(i - 4, 0):i]}» is read as a "
                f"space between «{raw[i - 1]}» and «{raw[i + 1]}»: YAML joins the lines of a "
                "value with a space", Location(source.path, line, column, node.where.path),
                "join the lines (a `|` block keeps a line break as a new line)", i, i + 1, None,
                None, source.excerpt(line, column), "the space comes from a line break inside "
                "the value; join the lines"))
    return findings


def _edit(text: str, spans: Spans | None, slip: Slip) -> tuple[tuple[int, int, str] | None, str]:
    """The slip's fix as a source edit, made only over characters written literally, one
    after another, in the file; otherwise why not."""
    if slip.replacement is None:
        return None, ""
    if spans is None:
        return None, "spread cannot trace this value's characters in the file"
    covered = spans[slip.start: slip.end]
    if any(a == b for a, b in covered):
        return None, "the space comes from a line break inside the value; join the lines"
    if any(covered[k][1] != covered[k + 1][0] for k in range(len(covered) - 1)):
        return None, "the characters are written apart in the file"
    start = covered[0][0]
    if not slip.replacement and not text[text.rfind("\n", 0, start) + 1: start].strip(" \t"):
        # spaces opening a line are indentation to YAML: taking them away would move the
        # line out of its block or change how the lines are joined
        return None, "the space opens a line of the value; edit the line"
    return (start, covered[-1][1], slip.replacement), ""


def lint_file(path: str) -> list[Finding]:
    return lint_text(path, read_text(path))


@dataclass
class FixResult:
    """What `--fix` did: the new text, how many fixes it made, what it could not fix."""

    text: str
    fixed: int
    remaining: list[Finding]


def fix_text(path: str, text: str) -> FixResult:
    """Make every mechanical fix in the text, pass after pass, then check that the file
    still reads and that each value became exactly what fix_value makes of it."""
    fixed = 0
    current = text
    for _ in range(MAX_FIX_PASSES):
        edits = [f.edit for f in lint_text(path, current) if f.edit is not None]
        if not edits:
            break
        new = _apply(current, edits)
        fixed += len(edits) - _count_skipped(edits)
        current = new
    _verify(path, text, current)
    return FixResult(current, fixed, lint_text(path, current))


def _count_skipped(edits: list[tuple[int, int, str]]) -> int:
    skipped, pos = 0, 0
    for start, end, _ in sorted(edits):
        if start < pos:
            skipped += 1
        else:
            pos = end
    return skipped


def _verify(path: str, before: str, after: str) -> None:
    """The fixed file must hold the same values, each fixed as fix_value fixes it: a
    safety net under the source tracing, so --fix can never change what it did not mean to."""
    old = [n.raw for n in load(path, before)[0].scalars()]
    new = [n.raw for n in load(path, after)[0].scalars()]
    same = len(old) == len(new) and all(
        fix_value(o) == fix_value(n) if isinstance(o, str) and isinstance(n, str) else o == n
        for o, n in zip(old, new))
    if not same:
        raise InputError("spread could not fix this file safely; nothing was written",
                         Location(path), hint="fix the findings by hand")


# -- `spread check CONTENT.yaml` ------------------------------------------------------------

@dataclass
class ContentCheck:
    """The lint findings of a content file, what --fix did, and whether it validates."""

    file: str
    kind: str  # content | layout (a layout file is validated, not linted: it holds no copy)
    findings: list[Finding]
    fixed: int = 0
    error: SpreadError | None = None  # why the file does not validate

    @property
    def ok(self) -> bool:
        return not self.findings and self.error is None

    @property
    def exit_code(self) -> int:
        return self.error.exit_code if self.error else (1 if self.findings else 0)

    def format(self) -> str:
        parts = [f.format() for f in self.findings]
        if self.error:
            parts.append(f"{self.error}")
        fixable = sum(f.fixable for f in self.findings)
        counted = [f"{len(self.findings)} finding(s)"] if self.findings or not self.error \
            else []
        summary = [f"{self.file}: " + ", ".join(counted + ["1 error"] * bool(self.error))]
        if self.fixed:
            summary.append(f"{self.fixed} fixed")
        if fixable:
            summary.append(f"{fixable} fixable with: spread check --fix {self.file}")
        summary.append("does not validate" if self.error else f"the {self.kind} validates")
        return "\n\n".join(parts + ["; ".join(summary)])

    def to_dict(self) -> dict:
        return {"file": self.file, "kind": self.kind, "ok": self.ok, "fixed": self.fixed,
                "findings": [f.to_dict() for f in self.findings]}


def check_file(path: str, fix: bool = False,
               validation: Callable[[str], SpreadError | None] | None = None) -> ContentCheck:
    """Lint a content file (fixing it in place, atomically, when asked) and validate it:
    `validation(kind)` (kind content or layout) says why the file does not pass, or None —
    `spread check` passes the build's own validation; by default the file is read as its
    format alone. A layout file is validated, not linted: it holds no copy."""
    text = read_text(path)
    validation = validation or (lambda kind: _validation_error(kind, path, text))
    if _kind(path, text) == "layout":
        return ContentCheck(path, "layout", [], error=validation("layout"))
    fixed = 0
    if fix:
        result = fix_text(path, text)
        if result.text != text:
            _write(path, result.text)
            text = result.text
        fixed, findings = result.fixed, result.remaining
    else:
        findings = lint_text(path, text)
    return ContentCheck(path, "content", findings, fixed, validation("content"))


def file_kind(path: str) -> str:
    """Whether a YAML file is a layout or a content file (read, not validated)."""
    return _kind(path, read_text(path))


def _kind(path: str, text: str) -> str:
    root, _ = load(path, text)
    return "layout" if root.kind == "mapping" and {"rows", "grid"} <= set(root.value) \
        else "content"


def _validation_error(kind: str, path: str, text: str) -> SpreadError | None:
    from spread import content, template

    try:
        (content.load if kind == "content" else template.load)(path, text)
    except SpreadError as exc:
        return exc
    return None


def _write(path: str, text: str) -> None:
    """The fixed text, written atomically, with the byte-order mark and the line ends (CR
    alone) the file had, into the file a symbolic link leads to (a shared text linked into
    the edition is fixed, and the link kept — not replaced by a fixed copy)."""
    import os
    from pathlib import Path

    from spread.files import write_atomically

    with open(path, "rb") as fh:
        written = fh.read()
    bom = written[:3] == b"\xef\xbb\xbf"
    if b"\r" in written and b"\n" not in written:  # lines ended by CR alone, read as LF
        text = text.replace("\n", "\r")
    write_atomically(Path(os.path.realpath(path)),
                     (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
