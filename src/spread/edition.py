"""Edition folders: where a content file's layout is, and `spread init DIR`, which makes one.

An edition folder holds content.yaml, the pictures it names and an edition.yaml that names
the layout (a file relative to edition.yaml, or one of spread's own layouts by name), so
`spread build path/to/content.yaml` works from any folder. Without an edition.yaml, a
layout/default.yaml beside the content (or above it) is the layout, as in spread's own
checkout.

`spread init DIR` writes content.yaml (the layout's starter edition with its pictures when
spread carries one, as for `news`; else a skeleton that validates and builds, every key
present and explained) and edition.yaml. From one of spread's own layouts, edition.yaml
names it by name, so the folder holds nothing tied to this machine. When the layout is
copied (asked for, or from another edition folder), files it names by relative path (fonts,
an ICC profile) must still be found from the new folder: by default the copy is edited to
name them where they are, by absolute path; with `copy_fonts` they are copied into the
edition, with the licence and manifest files beside them, which travel with the fonts, so
the folder stands on its own and its relative paths stay as they were.
"""

from __future__ import annotations

import dataclasses
import json
import difflib
import errno
import os
import re
import shutil
import stat
import types
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

from spread import bundle
from spread.content import Content
from spread.errors import InputError, Location, written_oddly
from spread.files import broken_link, kind_of, refuse_long_name, yaml_in_folder
from spread.schema import DOC, KEY, Decoder, yaml_fields
from spread.yamlsource import load, read_text

EDITION_FILE = "edition.yaml"
DEFAULT_LAYOUT = Path("layout") / "default.yaml"  # the layout of a folder without edition.yaml
# files that travel with a font: its licence and the manifest that records where it came from
COMPANIONS = re.compile(r"^(OFL|LICEN[CS]E|COPYING|README|manifest)[^/]*$", re.IGNORECASE)
# the text a required field starts with: visible on the page, so nobody prints it unawares
PLACEHOLDERS = {"headline": "标题", "title": "栏目"}
NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Edition:
    """edition.yaml: what an edition folder says about itself."""

    yaml_name = "edition.yaml"  # how errors name it

    layout: str = field(metadata={DOC: "the layout that sets the content: a file relative to "
                                       "this edition.yaml (layout/default.yaml), or the name "
                                       "of one of spread's own layouts (default)"})


# -- which layout sets a content file -------------------------------------------------------

def layout_for(content_path: str, given: str | None = None) -> str:
    """The layout file for `content_path`: `given` (--layout: a file, relative to the current
    folder, or one of spread's own layouts by name) when there is one; otherwise what the
    nearest edition.yaml names, or the nearest layout/default.yaml, looking in the content
    file's folder and then in each folder above it."""
    if given:
        return str(own_layout(given, Path("."), "--layout ")) \
            if bundle.is_layout_name(given) else given
    start = Path(content_path).parent
    for folder in (start, *Path(os.path.abspath(start)).parents):
        if os.path.lexists(folder / EDITION_FILE):  # one that does not read is refused,
            return _named_by(folder / EDITION_FILE)  # never passed over for one further up
        if (folder / DEFAULT_LAYOUT).is_file():
            return _shown(folder / DEFAULT_LAYOUT)
    misnamed = _misnamed_edition(start)
    raise InputError(f"no layout for {content_path}: found neither {EDITION_FILE} nor "
                     f"{DEFAULT_LAYOUT.as_posix()} in {_shown(start)} or a folder above it",
                     hint=f"{_shown(start / misnamed)} is not read: spread reads only a file "
                          f"named {EDITION_FILE}; rename it" if misnamed else
                          f"write {_shown(start / EDITION_FILE)} with `layout: default` (or "
                          "a layout file's path), or give --layout; `spread init DIR` makes "
                          "an edition folder with both")


def own_layout(name: str, base: Path, written: str) -> Path:
    """One of spread's own layouts by its bare name; when spread has none of that name and a
    file or folder of it lies in `base` (where the name would be read from as a path), the
    refusal says so: the name was meant as that path, and is written as one (`written`
    ./name)."""
    try:
        return bundle.layout(name)
    except InputError as exc:
        try:
            mode = os.stat(base / name).st_mode
        except (OSError, ValueError):
            raise exc from None
        kind = "a file" if stat.S_ISREG(mode) else kind_of(mode)
        exc.hint = (f"{name} here is {kind}, but a bare name is one of spread's own "
                    f"layouts: " + (yaml_in_folder(name, base) if stat.S_ISDIR(mode) else
                                    f"name the file as a path, {written}./{name}")
                    + f" (spread's own: {', '.join(bundle.layouts())})")
        raise exc from None


def _misnamed_edition(folder: Path) -> str:
    """A file in `folder` named edition.yaml but for its case or suffix (Edition.yaml,
    edition.yml, edition.yaml.txt), or ''."""
    try:
        names = sorted(p.name for p in folder.iterdir())
    except OSError:
        return ""
    stem = Path(EDITION_FILE).stem
    return next((n for n in names if n != EDITION_FILE and n.casefold().split(".")[0] == stem
                 and n.casefold().removesuffix(".txt").endswith((".yaml", ".yml"))), "")


def out_for(content_path: str, given: str | None = None) -> str:
    """The output folder: `given` (-o), or out/ beside the content file."""
    return given or _shown(Path(content_path).parent / "out")


def _read(path: Path) -> tuple[Edition, Decoder, Location]:
    """An edition.yaml, and where its layout is written."""
    node, source = load(str(path))
    decoder = Decoder(source)
    edition = decoder.decode(Edition, node)
    return edition, decoder, node.value["layout"].where


def _named_by(path: Path) -> str:
    """The layout an edition.yaml names, checked to be there."""
    edition, decoder, where = _read(path)
    if not edition.layout.strip():
        raise decoder.error("edition.yaml names no layout (its layout is empty)", where,
                            hint="a layout file relative to edition.yaml (layout/default.yaml), "
                                 "or one of spread's own: " + ", ".join(bundle.layouts()))
    try:
        mode = os.stat(path.parent / edition.layout).st_mode
    except (OSError, ValueError):
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise decoder.error(f"the layout {edition.layout} is a folder", where,
                            hint=yaml_in_folder(edition.layout, path.parent))
    if mode is not None and not stat.S_ISREG(mode):  # never read: a pipe waits, /dev/zero
        raise decoder.error(f"the layout {edition.layout} is {kind_of(mode)}, not a layout "
                            "file", where, hint="name a layout's .yaml file, or one of "
                            "spread's own layouts: " + ", ".join(bundle.layouts()))
    if bundle.is_layout_name(edition.layout):
        try:
            return str(own_layout(edition.layout, path.parent, "layout: "))
        except InputError as exc:
            raise decoder.error(exc.message, where, exc.hint) from None
    layout = path.parent / edition.layout
    refuse_long_name(layout, "the layout", edition.layout, where)
    if not layout.is_file():
        near = _near(layout)
        own = (Path(edition.layout).name == edition.layout
               and layout.stem in bundle.layouts())  # news.yaml for spread's news
        raise decoder.error(f"the layout {edition.layout} is not there (looked for "
                            f"{_shown(layout)})", where,
                            hint=broken_link(layout)
                            or written_oddly(edition.layout, "layouts", "an edition.yaml",
                                             "edition.yaml's folder")
                            or (f"did you mean {Path(edition.layout).with_name(near).as_posix()}"
                                "? " if near else "")
                            + (f"spread's own layout is named without a suffix: layout: "
                               f"{layout.stem}; " if own else "")
                            + "the path is relative to edition.yaml's folder; or name one "
                              "of spread's own layouts: " + ", ".join(bundle.layouts()))
    return _shown(layout)


def _near(path: Path) -> str:
    """The name of the YAML file beside where `path` was looked for nearest its own (a
    layout/Photo.yaml written for layout/photo.yaml)."""
    try:
        names = [p.name for p in path.parent.iterdir() if p.suffix in (".yaml", ".yml")]
    except OSError:
        return ""
    stems = {Path(n).stem: n for n in names if n != EDITION_FILE}  # by stem: news.yaml is
    close = difflib.get_close_matches(path.stem, list(stems), n=1, cutoff=0.6) or \
        [n for n in stems if n.lower() == path.stem.lower()]       # not near content.yaml
    return stems[close[0]] if close else ""


def _shown(path: Path) -> str:
    """A path as the user would write it: relative to the current folder when inside it."""
    relative = os.path.relpath(os.path.abspath(path))
    return relative if not relative.startswith("..") else os.path.abspath(path)


# -- spread init ----------------------------------------------------------------------------

def create(target: str, template: str | None = None, copy_fonts: bool = False,
           copy_layout: bool = False) -> list[Path]:
    """Make the edition folder; returns the files written. `template` is one of spread's own
    layouts by name (default `default`), which edition.yaml names as it is unless the layout
    is to be copied, or an edition folder whose layout/ is copied."""
    dest = Path(target)
    refuse_long_name(dest, "the folder", target)
    if dest.exists() and not dest.is_dir():
        what = "a file" if dest.is_file() else kind_of(dest.stat().st_mode)
        raise InputError(f"{dest} is {what}, not a folder", hint="name a new folder")
    if dest.exists() and any(dest.iterdir()):
        raise InputError(f"{dest} exists and is not empty", hint="name a new folder")
    template = template or "default"
    own = is_own(template)
    if not own and Path(template, EDITION_FILE).is_file() \
            and not Path(template, "layout").is_dir():
        named = _read(Path(template, EDITION_FILE))[0].layout
        if bundle.is_layout_name(named):  # an edition set by one of spread's own layouts
            template, own = named, True
    starter = None
    if own or (bundle.is_layout_name(template) and not Path(template).is_dir()):
        layout = bundle.layout(template)
        starter = _starter(layout)
        if not (copy_layout or copy_fonts):  # nothing of this machine written: it travels
            _make_folder(dest)
            return _write(dest, [layout], template, starter)
        source, files = bundle.root(), [layout]
    else:
        try:
            source = Path(template).resolve()
        except (RuntimeError, OSError) as exc:  # Python 3.11 says a loop with RuntimeError
            raise _unfollowed(template, exc) from None
        if not (source / "layout").is_dir():
            stem = Path(template).stem
            raise InputError(f"{source} has no layout/ folder to copy",
                             hint=f"spread's own layout is named without a suffix or folder: "
                                  f"--template {stem}" if stem in bundle.layouts()
                                  and not source.exists() else
                                  "--template names an edition folder (with layout/ inside) "
                                  "or one of spread's own layouts: "
                                  + ", ".join(bundle.layouts()))
        files = sorted(p for p in (source / "layout").rglob("*") if p.is_file())
    _make_folder(dest)
    for path in files:
        copy = dest / "layout" / path.relative_to(source / "layout")
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, copy)
    written = [dest / "layout" / p.relative_to(source / "layout") for p in files]
    layouts = [p for p in written if p.suffix in bundle.LAYOUT_SUFFIXES]
    for path in layouts:
        written += _relink(path, source / "layout", source, dest, copy_fonts)
    return (_write(dest, layouts, _chosen(layouts, dest, source), starter)
            + sorted(set(written)))


def _resolved(path: Path) -> Path | None:
    """The path with its links followed; None when they cannot be — a loop of symbolic
    links (on which Python 3.11's resolve raises RuntimeError: it was an internal error),
    or a path the system cannot follow."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return None


def _unfollowed(template: str, exc: Exception) -> InputError:
    """Why the template's path cannot be followed: a loop of links only when it is one
    (RuntimeError in Python 3.11, ELOOP after), else the system's own reason."""
    if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP:
        return InputError(f"the template {template} is a loop of symbolic links",
                          hint="link it again to the edition folder, or name that folder")
    return InputError(f"cannot follow the template {template}: "
                      f"{getattr(exc, 'strerror', None) or exc}",
                      hint="name the edition folder by a path that can be read (from a "
                           "folder that still exists, when the path is relative)")


def _make_folder(dest: Path) -> None:
    """The new edition's folder, or why it cannot be made (a path under a file, or where
    no folder can be: it was an internal error)."""
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot make the edition folder {dest}: {exc.strerror}",
                         hint="name a new folder in one you may write to") from None


def is_own(template: str) -> bool:
    """Whether --template names one of spread's own layouts: a bare name (no folder, no
    suffix) that is one — even beside a folder of that name, which is named as a path
    (./photo); a bare name that is none is a folder, when there is one."""
    return bundle.is_layout_name(template) and template in bundle.layouts()


def _write(dest: Path, layouts: list[Path], named: str,
           starter: Path | None = None) -> list[Path]:
    """content.yaml — the layout's starter edition with its pictures, or a skeleton with as
    many items as `layouts` place — and edition.yaml naming the layout."""
    dest.mkdir(parents=True, exist_ok=True)
    content = dest / "content.yaml"
    pictures = []
    if starter is not None:
        for path in sorted(p for p in starter.rglob("*") if p.is_file()):
            copy = dest / path.relative_to(starter)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy)
            pictures += [copy] if copy != content else []
    else:
        lengths = _list_lengths(layouts)
        content.write_text(skeleton(lengths, _placed_keys(layouts)), encoding="utf-8")
        pictures = [_draw_placeholder(dest / placeholder_photo(n))
                    for n in range(1, lengths.get("pictures", 0) + 1)]
    settings = dest / EDITION_FILE
    settings.write_text(edition_text(named), encoding="utf-8")
    return [content, settings] + pictures


def placeholder_photo(n: int) -> str:
    """The file a skeleton's n-th picture names (1-based), relative to the edition."""
    return f"photos/{n}.jpg"


def _draw_placeholder(path: Path) -> Path:
    """A plain grey photo, 1500 × 1000 (200 ppi across a 19 cm frame), for a skeleton's
    picture: the page builds and prints, and the editor sees which photo to replace."""
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1500, 1000), (190, 190, 190)).save(path, "JPEG", quality=90)
    return path


def _starter(layout: Path) -> Path | None:
    """A bundled layout's starter edition, layout/NAME/ beside layout/NAME.yaml: the
    content.yaml `spread init` writes for it (real text, set as the layout means it to be)
    and the pictures that content names."""
    folder = layout.with_suffix("")
    return folder if (folder / "content.yaml").is_file() else None


def _chosen(layouts: list[Path], dest: Path, source: Path) -> str:
    """The layout the new edition.yaml names: the template's own choice when it has an
    edition.yaml naming a file under layout/, else layout/default.yaml, else the first."""
    names = [p.relative_to(dest).as_posix() for p in layouts]
    if (source / EDITION_FILE).is_file():
        named = _resolved(Path(_named_by(source / EDITION_FILE)))
        if named is not None and named.is_relative_to(source / "layout"):
            return named.relative_to(source).as_posix()
    if DEFAULT_LAYOUT.as_posix() in names or not names:
        return DEFAULT_LAYOUT.as_posix()
    return names[0]


def edition_text(layout: str) -> str:
    return ("# This edition's settings, read by `spread build` (spread's docs/formats.md, "
            "\"Edition folders\").\n"
            "# layout: the layout that sets content.yaml: a file relative to this folder, or "
            "the\n# name of one of spread's own layouts (" + ", ".join(bundle.layouts())
            + ").\n" f"layout: {layout}\n")


@dataclass(frozen=True)
class Template:
    """One of spread's own layouts as `spread init --list` shows it."""

    name: str  # what --template takes
    title: str  # the layout's own name, e.g. 画说 · 四开
    starter: bool  # init writes its starter edition (text and pictures), not a skeleton
    about: str = ""  # what it sets: its file's opening comment, first sentence


def templates() -> list[Template]:
    """spread's own layouts, each with its title, whether it has a starter edition and
    what it sets."""
    found = []
    for name, path in bundle.layouts().items():
        text = read_text(str(path))
        node, _ = load(str(path), text)
        title = node.value.get("name") if node.kind == "mapping" else None
        found.append(Template(name, str(title.value) if title is not None else "",
                              (path.with_suffix("") / "content.yaml").is_file(), _about(text)))
    return found


def _about(layout: str) -> str:
    """The first sentence of a layout's opening comment: what the page is (a photo page of
    four to eight photos, a news page …), for a newcomer choosing one."""
    lines = []
    for line in layout.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
    said = " ".join(lines)
    end = re.search(r"(?<=[.。])(?:\s|$)", said)
    return said[:end.start()] if end else said


# -- the layout's references ----------------------------------------------------------------

def _relink(layout: Path, old_dir: Path, source: Path, dest: Path, copy: bool) -> list[Path]:
    """Point every relative path in a copied layout file at a file that exists, copying the
    file first when asked. Edits only those scalars, so comments and layout stay."""
    text = read_text(str(layout))
    root, _ = load(str(layout), text)
    edits, copied = [], []
    for node in (n for n in root.scalars() if isinstance(n.value, str) and n.value):
        original = _resolved(old_dir / node.value)
        if os.path.isabs(node.value) or original is None or not original.is_file() \
                or (layout.parent / node.value).is_file():
            continue
        if copy:
            target = _copy_with_companions(original, source, dest, copied)
            new = os.path.relpath(target.resolve(), layout.parent.resolve())
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
    target = dest / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    for path in [original, *(p for p in original.parent.iterdir()
                             if p.is_file() and COMPANIONS.match(p.name))]:
        if not (target.parent / path.name).exists():
            shutil.copy2(path, target.parent / path.name)
            copied.append(target.parent / path.name)
    return target


def _list_lengths(layouts: list[Path]) -> dict[str, int]:
    """How many items of each content list the layouts place: a region showing
    `sections[4]` needs five sections; a row repeated over a list takes a full row of them
    (its `across`, at most its `most`), so the skeleton shows the page as it is meant."""
    from spread import template

    lengths: dict[str, int] = {}
    for path in layouts:
        for row in template.load(str(path)).rows:
            if row.repeat is not None:
                full = min(row.repeat.across, row.repeat.most or row.repeat.across)
                name = template.list_slice(row.repeat.content)[0]
                lengths[name] = max(lengths.get(name, 0), full)
            stacked: dict[str, int] = {}  # stacks side by side repeating over a list: one each
            for region in (r for top in row.regions for r in top.walk() if r.repeat):
                name = template.list_slice(region.repeat.content)[0]
                stacked[name] = stacked.get(name, 0) + 1
            for name, count in stacked.items():
                lengths[name] = max(lengths.get(name, 0), count)
            for region in row.regions:
                for name, index in re.findall(r"([A-Za-z_]+)\[(\d+)\]", region.content):
                    lengths[name] = max(lengths.get(name, 0), int(index) + 1)
    return lengths


def _placed_keys(layouts: list[Path]) -> dict[str, set[str] | None]:
    """What of the content the layouts place: each top-level key, with the keys of its
    items that are placed (None: all of them — a section region sets a whole section, a
    story region only a story's parts); a repeated row's region is asked as its first item."""
    from spread import template
    from spread.layout.kinds import shows

    placed: dict[str, set[str] | None] = {}
    for path in layouts:
        for row in template.load(str(path)).rows:
            regions = [r for top in row.regions for r in top.walk()]
            if row.repeat is not None:
                first = template.list_slice(row.repeat.content)[0]  # sections[-1:] too
                regions = [dataclasses.replace(r, content=f"{first}[0]")
                           if r in row.regions else r for r in regions]
            for shown in (p for r in regions for p in shows(r)):
                head, part = re.fullmatch(r"([A-Za-z_]+)(?:\[\d+\])?(?:\.(\w+))?.*",
                                          shown).groups()
                if part is None or placed.get(head, set()) is None:
                    placed[head] = None
                else:
                    placed.setdefault(head, set()).add(part)
    return placed


# -- the content skeleton -------------------------------------------------------------------

def skeleton(lengths: dict[str, int], placed: dict[str, set[str] | None] | None = None) -> str:
    """A content.yaml with every key of the content model the layout places (`placed`, as
    _placed_keys says; None: all) — a key it does not place would be refused at build —
    its description as a comment, optional text empty, each top-level list empty or as long
    as `lengths` says (sections numbered, pictures named photos/1.jpg, … — placeholders
    `spread init` draws)."""
    lines = ["# A new edition. Fill in the text; empty fields print nothing.",
             "# spread check lints and validates this file, spread build sets the page;",
             "# the format is described in spread's docs/formats.md "
             "(JSON Schema: spread schema content)."]
    left = [f.metadata.get(KEY, f.name) for f in yaml_fields(Content)
            if placed is not None and f.metadata.get(KEY, f.name) not in placed
            and (f.default is not dataclasses.MISSING
                 or f.default_factory is not dataclasses.MISSING)]  # a required key stays
    if left:
        lines.append("# This layout places no " + ", ".join(left) + ", so they are left out.")
    lines.append("")
    lines += _mapping(Content, 0, lengths, skip=set(left), placed=placed or {})
    return "\n".join(lines) + "\n"


def _mapping(cls: Any, indent: int, counts: dict[str, int], ordinal: int = 0,
             skip: set[str] = frozenset(), placed: dict | None = None) -> list[str]:
    """The keys of `cls` but `skip` as YAML lines; `counts` gives the top-level lists'
    lengths (a section's own lists stay empty), `placed` which keys of their items the
    layout places (an optional one it does not is left out)."""
    hints = get_type_hints(cls)
    out = []
    pad = " " * indent
    for f in yaml_fields(cls):
        key = f.metadata.get(KEY, f.name)
        if key in skip:
            continue
        doc = f.metadata.get(DOC, "")
        kind = _dataclass_of(hints[f.name])
        if get_origin(hints[f.name]) is list:
            item = _dataclass_of(get_args(hints[f.name])[0])
            n = counts.get(key, 0) if indent == 0 else 0
            out.append(_line(pad, key, "[]" if not n else "", doc))
            parts = (placed or {}).get(key)
            unplaced = {g.metadata.get(KEY, g.name) for g in yaml_fields(item)
                        if g.default is not dataclasses.MISSING
                        or g.default_factory is not dataclasses.MISSING} - parts \
                if parts is not None and item is not None else set()
            for i in range(n):
                body = _mapping(item, indent + 4, counts, i + 1, skip=unplaced)
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
    if key == "file" and ordinal:  # a picture: the placeholder init draws for it
        return placeholder_photo(ordinal)
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
