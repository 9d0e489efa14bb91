"""The edition record: a JSON file beside the outputs that proves what was built from what.

It holds the sha256 of every input (content, layout, each font file, each image, the printer's
profile when the layout names one) and of every output, spread's version, the renditions
asked for and what each output PDF declares itself to be (standard, output intent, colour
spaces), read back from the file. Paths are relative to the record's own folder, so a checkout
moved or cloned elsewhere still verifies. No clock and no machine name: identical inputs give
an identical record.

`verify` rebuilds from the recorded inputs into a temporary folder and names every input whose
bytes changed and every output that no longer comes out the same.
"""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from spread import __version__
from spread.build import BuildResult, build, write_atomically
from spread.errors import InputError, SpreadError
from spread.files import file_sha256

RECORD_FORMAT = "spread edition record 1"
ENVIRONMENT = ("SOURCE_DATE_EPOCH",)  # the environment that can change an output's bytes


def path_for(out_dir: str | os.PathLike, content_path: str | os.PathLike) -> Path:
    """Where the record of a build of `content_path` into `out_dir` goes."""
    return Path(out_dir) / f"{Path(content_path).stem}.manifest.json"


def write(out_dir, content_path, layout_path, layout, result: BuildResult,
          renditions: tuple[str, ...]) -> Path:
    """Record a finished build; returns the record's path."""
    target = path_for(out_dir, content_path)
    base = Path(os.path.abspath(target.parent))
    record = {
        "format": RECORD_FORMAT,
        "spread": __version__,
        "renditions": list(renditions),
        "environment": {name: os.environ.get(name) for name in ENVIRONMENT},
        "inputs": _inputs(base, content_path, layout_path, layout, result),
        "outputs": {path.name: _output(path) for path in sorted(result.outputs.values())},
    }
    write_atomically(target, _dumps(record))
    return target


def _dumps(record: dict) -> bytes:
    return (json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def _inputs(base: Path, content_path, layout_path, layout, result) -> list[dict]:
    """Every input file, by the path its referrer gives (fonts and the profile relative to
    the layout): symbolic links stay as they are, so a linked font folder stays linked."""
    from spread.page import Image

    beside_layout = Path(layout_path).parent
    files = [("content", Path(content_path)), ("layout", Path(layout_path))]
    files += [("font", beside_layout / spec.file) for chain in layout.fonts.values()
              for spec in chain]
    files += [("image", Path(item.path)) for item in result.page.items
              if isinstance(item, Image) and not item.missing]
    if layout.output.profile:
        files.append(("profile", beside_layout / layout.output.profile))
    seen, out = set(), []
    for kind, path in files:
        rel = _relative(path, base)
        if rel not in seen:
            seen.add(rel)
            known = result.fonts.get(str(Path(path).resolve())) if kind == "font" else None
            # a font's hash and licence come from the build, which has just read them
            out.append({"kind": kind, "path": rel,
                        **(known or {"sha256": file_sha256(path)})})
    return out


def _output(path: Path) -> dict:
    entry = {"sha256": file_sha256(path), "bytes": path.stat().st_size}
    if path.suffix == ".pdf":
        from spread.check.archive import declared

        entry["declares"] = declared(path)
    return entry


def _relative(path: Path, base: Path) -> str:
    return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()




# -- verify ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Difference:
    """One file that is not as recorded."""

    kind: str  # content | layout | font | image | profile | output | stored
    path: str  # as recorded, relative to the record's folder
    why: str


@dataclass
class VerifyResult:
    """What `verify` found: identical, or exactly which files differ."""

    manifest: str
    recorded_version: str
    differences: list[Difference] = field(default_factory=list)
    error: str = ""  # why the rebuild failed, when it did

    @property
    def identical(self) -> bool:
        return not self.differences and not self.error

    def to_dict(self) -> dict:
        return {"manifest": self.manifest, "identical": self.identical,
                "recorded_version": self.recorded_version, "version": __version__,
                "differences": [asdict(d) for d in self.differences], "error": self.error}

    def format(self) -> str:
        if self.identical:
            return f"{self.manifest}: identical (every input and output as recorded)"
        lines = [f"{self.manifest}: differs"]
        lines += [f"  {d.kind} {d.path}: {d.why}" for d in self.differences]
        if self.error:
            lines.append(f"  rebuild failed: {self.error}")
        if self.recorded_version != __version__:
            lines.append(f"  note: recorded with spread {self.recorded_version}, "
                         f"rebuilt with {__version__}")
        return "\n".join(lines)


def verify(manifest_path: str | os.PathLike) -> VerifyResult:
    """Rebuild from the recorded inputs into a temporary folder and compare every file."""
    record = _load(Path(manifest_path))
    base = Path(manifest_path).parent
    result = VerifyResult(str(manifest_path), record["spread"])
    for item in record["inputs"]:
        why = _compare(base / item["path"], item["sha256"])
        if why:
            result.differences.append(Difference(item["kind"], item["path"], why))
    paths = {item["kind"]: base / item["path"] for item in record["inputs"]
             if item["kind"] in ("content", "layout")}
    with tempfile.TemporaryDirectory(prefix="spread-verify-") as tmp:
        try:
            with _environment(record["environment"]):
                build(str(paths["content"]), str(paths["layout"]), tmp,
                      tuple(record["renditions"]))
        except SpreadError as exc:
            result.error = str(exc)
        for name, entry in sorted(record["outputs"].items()):
            why = _compare(Path(tmp) / name, entry["sha256"])
            if why:
                result.differences.append(Difference("output", name, f"rebuilt: {why}"))
            why = _compare(base / name, entry["sha256"])
            if why:
                result.differences.append(Difference("stored", name, why))
    return result


def _load(path: Path) -> dict:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read the edition record {path}: {exc}") from None
    if not isinstance(record, dict) or record.get("format") != RECORD_FORMAT:
        raise InputError(f"{path} is not a spread edition record",
                         hint=f"a record says \"format\": \"{RECORD_FORMAT}\"")
    return record


def _compare(path: Path, sha256: str) -> str:
    """Why a file does not match its recorded hash; '' when it does."""
    if not path.is_file():
        return "missing"
    return "" if file_sha256(path) == sha256 else "changed"


@contextmanager
def _environment(values: dict):
    """The recorded environment for the rebuild, restored afterwards."""
    saved = {name: os.environ.get(name) for name in values}
    try:
        for name, value in values.items():
            _setenv(name, value)
        yield
    finally:
        for name, value in saved.items():
            _setenv(name, value)


def _setenv(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value
