"""The on-disk font cache: converted TrueType subsets and per-face metrics, so a second build
neither converts nor parses a large source font again.

Layout (under $SPREAD_CACHE, default ~/.cache/spread):
  v5/hashes.json             file path → [size, mtime_ns, sha256]: a font is hashed once
  v5/faces/<id>.json         one face's names, licence, coverage and the glyph metrics used so far
  v5/ttf/<id>-<charset>.ttf  a TrueType subset for one character set

Every write goes to a temporary file that is then renamed, so a reader sees an old entry or a
new one, never half of one; an entry that does not parse or check out is rebuilt.
"""

from __future__ import annotations

import json
import os
import struct
import tempfile
from collections.abc import Callable
from pathlib import Path

from spread.errors import InputError, Location
from spread.files import file_sha256

# bump when what is cached changes meaning (convert.py output, record fields); v2: coverage
# leaves out code points mapped to .notdef; v3: a glyph's metrics say whether it has ink, and a
# face's record its units per em; v4: a subset always carries an English PostScript name; v5:
# a face's pdf_name also says its PostScript name is one a PDF name can hold
VERSION = "v5"
# OpenType: the uint32 sum of a whole font file, checkSumAdjustment included
_FONT_CHECKSUM = 0xB1B0AFBA


def default_dir() -> Path:
    return Path(os.environ.get("SPREAD_CACHE") or Path.home() / ".cache" / "spread")


class FontCache:
    """One cache folder; cheap to create, creates its folders on first write."""

    def __init__(self, root: str | os.PathLike | None = None):
        self.root = Path(root) if root is not None else default_dir()
        self.dir = self.root / VERSION
        self._hashes: dict[str, list] | None = None

    def sha256(self, path: str) -> str:
        """The file's SHA-256, remembered by size and modification time."""
        st = os.stat(path)
        hashes = self._load_hashes()
        known = hashes.get(path)
        if known and known[:2] == [st.st_size, st.st_mtime_ns]:
            return known[2]
        digest = file_sha256(path)
        hashes[path] = [st.st_size, st.st_mtime_ns, digest]
        self._write_json(self.dir / "hashes.json", hashes)
        return digest

    def _load_hashes(self) -> dict[str, list]:
        if self._hashes is None:
            self._hashes = self._read_json(self.dir / "hashes.json") or {}
        return self._hashes

    def record(self, face_id: str) -> dict | None:
        """A face's cached record, or None when absent or unreadable."""
        return self._read_json(self.dir / "faces" / f"{face_id}.json")

    def save_record(self, face_id: str, record: dict) -> None:
        self._write_json(self.dir / "faces" / f"{face_id}.json", record)

    def truetype(self, name: str, build: Callable[[Path], None]) -> Path:
        """The cached font `name`, made by `build(path)` when missing or damaged.
        `build` must write the file atomically (convert.save_deterministic does)."""
        path = self.dir / "ttf" / f"{name}.ttf"
        if not _intact(path):
            self._mkdir(path.parent)
            try:
                build(path)
            except OSError as exc:
                raise _cannot_write(path, exc) from None
        return path

    @staticmethod
    def _read_json(path: Path) -> dict | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def _write_json(self, path: Path, data: dict) -> None:
        self._mkdir(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            os.replace(tmp, path)
        except BaseException as exc:
            if os.path.exists(tmp):
                os.unlink(tmp)
            if isinstance(exc, OSError):
                raise _cannot_write(path, exc) from None
            raise

    def _mkdir(self, path: Path) -> None:
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create the font cache folder {path}: {exc.strerror}",
                             Location(str(path)),
                             hint="set SPREAD_CACHE to a writable folder") from None


def _cannot_write(path: Path, exc: OSError) -> InputError:
    """A cache entry that cannot be written (a folder in its place, a full disk): the
    cache's fault, not the font's nor a bug."""
    return InputError(f"cannot write the font cache entry {path}: {exc.strerror}",
                      Location(str(path)), hint="set SPREAD_CACHE to a writable folder, or "
                                                "delete the cache folder to have it made again")


def _intact(path: Path) -> bool:
    """Whether a cached font is whole: its uint32 words sum to the OpenType magic number, so
    a truncated or overwritten file is caught without parsing it."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    if len(data) < 12:
        return False
    data += b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF == _FONT_CHECKSUM
