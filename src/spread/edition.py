"""`spread init DIR`: a new edition folder — the template edition's layout/ and a content.yaml
skeleton that validates and builds, with every key present and explained.

Files the layout names by relative path (fonts, an ICC profile) must still be found from the
new folder: by default the copied layout is edited to name them where they are, by absolute
path (the edition folder can then be moved on its own); with `copy_fonts` they are copied
into the edition, with the licence and manifest files beside them, which travel with the
fonts, so the folder stands on its own and its relative paths stay as they were.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import types
import unicodedata
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

import spread
from spread.content import Content
from spread.errors import InputError
from spread.schema import DOC, KEY, yaml_fields
from spread.yamlsource import load, read_text

# files that travel with a font: its licence and the manifest that records where it came from
COMPANIONS = re.compile(r"^(OFL|LICEN[CS]E|COPYING|README|manifest)[^/]*$", re.IGNORECASE)
# the text a required field starts with: visible on the page, so nobody prints it unawares
PLACEHOLDERS = {"headline": "标题", "title": "栏目"}
NUMERALS = "一二三四五六七八九十"


def default_template() -> Path:
    """The edition spread comes with: the checkout holding the package, when it has one."""
    for folder in Path(spread.__file__).resolve().parents:
        if (folder / "layout" / "default.yaml").is_file():
            return folder
    raise InputError("spread's own edition (layout/default.yaml) is not installed here",
                     hint="name an edition folder to copy with --template DIR")


def create(target: str, template: str | None = None, copy_fonts: bool = False) -> list[Path]:
    """Make the edition folder; returns the files written."""
    source = Path(template).resolve() if template else default_template()
    dest = Path(target)
    if not (source / "layout").is_dir():
        raise InputError(f"{source} has no layout/ folder to copy",
                         hint="--template names an edition folder (with layout/ inside)")
    if dest.exists() and any(dest.iterdir()):
        raise InputError(f"{dest} exists and is not empty", hint="name a new folder")
    shutil.copytree(source / "layout", dest / "layout")
    written = sorted(p for p in (dest / "layout").rglob("*") if p.is_file())
    layouts = [p for p in written if p.suffix in (".yaml", ".yml")]
    for path in layouts:
        written += _relink(path, source / "layout", source, dest, copy_fonts)
    content = dest / "content.yaml"
    content.write_text(skeleton(_list_lengths(layouts)), encoding="utf-8")
    return [content, *sorted(set(written))]


# -- the layout's references ----------------------------------------------------------------

def _relink(layout: Path, old_dir: Path, source: Path, dest: Path, copy: bool) -> list[Path]:
    """Point every relative path in a copied layout file at a file that exists, copying the
    file first when asked. Edits only those scalars, so comments and layout stay."""
    text = read_text(str(layout))
    root, _ = load(str(layout), text)
    edits, copied = [], []
    for node in (n for n in root.scalars() if isinstance(n.value, str) and n.value):
        original = (old_dir / node.value).resolve()
        if os.path.isabs(node.value) or not original.is_file() \
                or (layout.parent / node.value).is_file():
            continue
        if copy:
            target = _copy_with_companions(original, source, dest, copied)
            new = os.path.relpath(target, layout.parent.resolve())
        else:
            new = str(original)
        if new != node.value:
            edits.append((node.span, json.dumps(new, ensure_ascii=False)))
    for (a, b), replacement in sorted(edits, reverse=True):
        text = text[:a] + replacement + text[b:]
    layout.write_text(text, encoding="utf-8")
    return copied


def _copy_with_companions(original: Path, source: Path, dest: Path,
                          copied: list[Path]) -> Path:
    """Copy a referenced file to the same place under the new edition as under the old one
    (or into fonts/ when it lay outside it), with its folder's licence and manifest."""
    try:
        relative = original.relative_to(source)
    except ValueError:
        relative = Path("fonts") / original.name
    target = dest.resolve() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    for path in [original, *(p for p in original.parent.iterdir()
                             if p.is_file() and COMPANIONS.match(p.name))]:
        if not (target.parent / path.name).exists():
            shutil.copy2(path, target.parent / path.name)
            copied.append(target.parent / path.name)
    return target


def _list_lengths(layouts: list[Path]) -> dict[str, int]:
    """How many items of each content list the layouts place: a region showing
    `sections[4]` needs five sections."""
    from spread import template

    lengths: dict[str, int] = {}
    for path in layouts:
        for row in template.load(str(path)).rows:
            for region in row.regions:
                for name, index in re.findall(r"([A-Za-z_]+)\[(\d+)\]", region.content):
                    lengths[name] = max(lengths.get(name, 0), int(index) + 1)
    return lengths


# -- the content skeleton -------------------------------------------------------------------

def skeleton(lengths: dict[str, int]) -> str:
    """A content.yaml with every key of the content model, its description as a comment,
    optional text empty, and each list empty or as long as `lengths` says (sections are
    numbered)."""
    lines = ["# A new edition. Fill in the text; empty fields print nothing.",
             "# spread check lints and validates this file, spread build sets the page;",
             "# the format is described in spread's docs/formats.md "
             "(JSON Schema: spread schema content).", ""]
    lines += _mapping(Content, 0, lengths)
    return "\n".join(lines) + "\n"


def _mapping(cls: Any, indent: int, counts: dict[str, int], ordinal: int = 0) -> list[str]:
    hints = get_type_hints(cls)
    out = []
    pad = " " * indent
    for f in yaml_fields(cls):
        key = f.metadata.get(KEY, f.name)
        doc = f.metadata.get(DOC, "")
        kind = _dataclass_of(hints[f.name])
        if get_origin(hints[f.name]) is list:
            item = _dataclass_of(get_args(hints[f.name])[0])
            n = counts.get(key, 0)
            out.append(_line(pad, key, "[]" if not n else "", doc))
            for i in range(n):
                body = _mapping(item, indent + 4, counts, i + 1)
                out.append(f"{pad}  - " + body[0].lstrip())
                out += body[1:]
        elif kind is not None:
            out.append(_line(pad, key, "", doc))
            out += _mapping(kind, indent + 2, counts, ordinal)
        else:
            out.append(_line(pad, key, _scalar(f, key, ordinal), doc))
    return out


def _dataclass_of(hint: Any) -> Any:
    """The dataclass a field holds, also when it is optional (`Report | None`)."""
    if get_origin(hint) in (Union, types.UnionType):
        hint = next((a for a in get_args(hint) if a is not type(None)), hint)
    return hint if dataclasses.is_dataclass(hint) else None


def _scalar(f: dataclasses.Field, key: str, ordinal: int) -> str:
    if isinstance(f.default, str) and f.default:
        return json.dumps(f.default, ensure_ascii=False)
    if f.default is dataclasses.MISSING and key in PLACEHOLDERS:
        suffix = NUMERALS[ordinal - 1] if 0 < ordinal <= len(NUMERALS) else ""
        return PLACEHOLDERS[key] + suffix
    return '""'


def _line(pad: str, key: str, value: str, doc: str) -> str:
    text = f"{pad}{key}:" + (f" {value}" if value else "")
    width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(32 - width, 1) + f"# {doc}" if doc else text
