"""The edition record: a JSON file beside the outputs that proves what was built from what.

It holds the sha256 of every input (content, layout, each font file, each image, the printer's
profile when the layout names one) and of every output, spread's version, the renditions
asked for and what each output PDF declares itself to be (standard, output intent, colour
spaces), read back from the file. Paths are relative to the record's own folder, so a checkout
moved or cloned elsewhere still verifies. No clock and no machine name: identical inputs give
an identical record.

A build that makes only some renditions (`spread proof`, `spread watch`) records what it
wrote and keeps the entries of the other renditions only when they were made from the same
inputs; made from other inputs, their files are listed as `stale`, never as this edition's.
The record is committed with the outputs (spread.files.commit): both appear, or neither.
`spread.verify` rebuilds from a record and compares.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from spread import __version__
from spread.errors import InputError
from spread.files import file_sha256
from spread.output.declared import declared
from spread.renditions import RENDITIONS, rendition_of

RECORD_FORMAT = "spread edition record 1"
ENVIRONMENT = ("SOURCE_DATE_EPOCH",)  # the environment that can change an output's bytes


def path_for(out_dir: str | os.PathLike, content_path: str | os.PathLike) -> Path:
    """Where the record of a build of `content_path` into `out_dir` goes."""
    return Path(out_dir) / f"{Path(content_path).stem}.manifest.json"


def record(out_dir, content_path, layout_path, layout, page, fonts: dict[str, dict],
           renditions: tuple[str, ...], outputs: dict[str, bytes]) -> bytes:
    """The record of a build that made `renditions` as `outputs` (file name → bytes) from
    the page it laid out with `fonts` (resolved font file → sha256, licence), merged with
    the record already in `out_dir`. Call with the folder held, so that record is the
    folder's last committed one."""
    target = path_for(out_dir, content_path)
    base = Path(os.path.abspath(target.parent))
    made = {
        "format": RECORD_FORMAT,
        "spread": __version__,
        "renditions": list(renditions),
        "environment": {name: os.environ.get(name) for name in ENVIRONMENT},
        "inputs": _inputs(base, content_path, layout_path, layout, page, fonts),
        "outputs": {name: _output(name, data) for name, data in sorted(outputs.items())},
    }
    previous = _previous(target)
    if previous is not None:
        _carry_over(made, previous, Path(content_path).stem, Path(out_dir))
    return _dumps(made)


RECORD_HINT = ("verify reads the record a build wrote beside its PDFs, OUT/NAME.manifest.json; "
               "one edited or cut short is made again by building the edition")


def load(path: Path) -> dict:
    """A record read back; an input error when the file is none."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read the edition record {path}: {exc.strerror or exc}",
                         hint=RECORD_HINT) from None
    except (ValueError, RecursionError) as exc:  # RecursionError: [[[[...
        # not the JSON reader's words («Expecting value: line 1 column 1 (char 0)»)
        what = ("it is not UTF-8 text" if isinstance(exc, UnicodeDecodeError)
                else "it nests too deep" if isinstance(exc, RecursionError)
                else f"it does not read as JSON (line {exc.lineno}, column {exc.colno})"
                if isinstance(exc, json.JSONDecodeError) else "it does not read as JSON")
        raise InputError(f"cannot read the edition record {path}: {what}",
                         hint=RECORD_HINT) from None
    if not isinstance(record, dict) or record.get("format") != RECORD_FORMAT:
        raise InputError(f"{path} is not a spread edition record",
                         hint=f"a record says \"format\": \"{RECORD_FORMAT}\"")
    if not _well_formed(record):
        raise InputError(f"the edition record {path} is damaged: it lacks a field, or one "
                         "holds the wrong kind of value", hint="build the edition again")
    return record


def _well_formed(record: dict) -> bool:
    """Whether the record has the fields build and verify read, of the kinds they read
    (a record edited by hand or cut short claims nothing)."""
    def texts(values) -> bool:
        return isinstance(values, list) and all(isinstance(v, str) for v in values)

    def entry(value, keys) -> bool:
        return isinstance(value, dict) and all(isinstance(value.get(k), str) for k in keys)

    inputs, outputs = record.get("inputs"), record.get("outputs")
    environment = record.get("environment")
    return (isinstance(record.get("spread"), str) and texts(record.get("renditions"))
            and set(record["renditions"]) <= set(RENDITIONS)  # verify builds each of them
            and texts(record.get("stale", []))
            and isinstance(environment, dict)
            and all(isinstance(v, (str, type(None))) for v in environment.values())
            and isinstance(inputs, list)
            and all(entry(item, ("kind", "path", "sha256")) for item in inputs)
            and {"content", "layout"} <= {item["kind"] for item in inputs}
            and isinstance(outputs, dict)
            and all(entry(item, ("sha256",)) for item in outputs.values()))


def _previous(target: Path) -> dict | None:
    """The record a build replaces; none when there is none, or it does not read (a record
    that does not read claims nothing)."""
    if not target.is_file():
        return None
    try:
        return load(target)
    except InputError:
        return None


def _carry_over(made: dict, previous: dict, stem: str, folder: Path) -> None:
    """Keep what the previous record says of the files this build did not write: as this
    edition's when another rendition made them from the same inputs with the same spread,
    else as stale files (those still in the folder)."""
    built = set(made["renditions"])
    same = all(previous.get(key) == made[key] for key in ("spread", "environment", "inputs"))
    stale = set(previous.get("stale", []))
    for name, entry in previous.get("outputs", {}).items():
        if same and rendition_of(name[len(stem) + 1:]) not in built:
            made["outputs"][name] = entry
        else:
            stale.add(name)
    if same:
        made["renditions"] += [r for r in previous.get("renditions", []) if r not in built]
    stale = sorted(name for name in stale - set(made["outputs"]) if (folder / name).is_file())
    if stale:
        made["stale"] = stale


def _dumps(record: dict) -> bytes:
    return (json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def _inputs(base: Path, content_path, layout_path, layout, page, fonts) -> list[dict]:
    """Every input file, by the path its referrer gives (fonts and the profile relative to
    the layout): symbolic links stay as they are, so a linked font folder stays linked."""
    from spread.page import Image

    beside_layout = Path(layout_path).parent
    files = [("content", Path(content_path)), ("layout", Path(layout_path))]
    files += [("font", beside_layout / spec.file) for chain in layout.fonts.values()
              for spec in chain]
    files += [("image", Path(item.path)) for item in page.items
              if isinstance(item, Image) and not item.missing]
    if layout.output.profile:
        files.append(("profile", beside_layout / layout.output.profile))
    seen, out = set(), []
    for kind, path in files:
        rel = _relative(path, base)
        if rel not in seen:
            seen.add(rel)
            known = fonts.get(str(Path(path).resolve())) if kind == "font" else None
            # a font's hash and licence come from the build, which has just read them
            out.append({"kind": kind, "path": rel,
                        **(known or {"sha256": file_sha256(path)})})
    return out


def _output(name: str, data: bytes) -> dict:
    entry = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    if name.endswith(".pdf"):
        entry["declares"] = declared(data)
    return entry


def _relative(path: Path, base: Path) -> str:
    return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
