"""`spread verify`: rebuild an edition from the inputs its record names, into a temporary
folder, and name every input whose bytes changed, every output that no longer comes out the
same, every stored output that is not as recorded and every stale file beside it."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from spread import __version__, manifest
from spread.build import build
from spread.errors import SpreadError
from spread.files import file_sha256, journal_path

@dataclass(frozen=True)
class Difference:
    """One file that is not as recorded."""

    kind: str  # content | layout | font | image | profile | output | stored | stale
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
    record = manifest.load(Path(manifest_path))
    base = Path(manifest_path).parent
    stem = Path(manifest_path).name.removesuffix(".manifest.json")
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
                # the bytes are compared, not checked again: an edition recorded before
                # its checks bound the build still rebuilds
                build(str(paths["content"]), str(paths["layout"]), tmp,
                      tuple(record["renditions"]), check=False)
        except SpreadError as exc:
            result.error = str(exc)
        for name, entry in sorted(record["outputs"].items()):
            why = _compare(Path(tmp) / name, entry["sha256"])
            if why:
                result.differences.append(Difference("output", name, f"rebuilt: {why}"))
            why = _compare(base / name, entry["sha256"])
            if why:
                result.differences.append(Difference("stored", name, why))
    for name in record.get("stale", []):
        if _is_file(base / name):
            result.differences.append(Difference(
                "stale", name, "made from other inputs than this record's; rebuild it"))
    if journal_path(base, stem).exists():
        result.differences.append(Difference(
            "stored", journal_path(base, stem).name,
            "a build was interrupted while writing; the next build finishes it"))
    return result


def _compare(path: Path, sha256: str) -> str:
    """Why a file does not match its recorded hash; '' when it does."""
    if not _is_file(path):
        return "missing"
    return "" if file_sha256(path) == sha256 else "changed"


def _is_file(path: Path) -> bool:
    """Whether a path the record names is a file; a path the file system cannot even look up
    (a name longer than it takes, written into an edited record) is none — pathlib raised."""
    try:
        return path.is_file()
    except OSError:
        return False


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
