"""The on-disk font cache: converted TrueType subsets and per-face metrics, so a second build
neither converts nor parses a large source font again.

Layout (under $SPREAD_CACHE, default ~/.cache/spread):
  v6/hashes.json             file path → [size, mtime_ns, sha256]: a font is hashed once
  v6/faces/<id>.json         one face's names, licence, coverage and the glyph metrics used so far
  v6/ttf/<id>-<charset>.ttf  a TrueType subset for one character set

Every write goes to a temporary file that is then renamed, so a reader sees an old entry or a
new one, never half of one; an entry that does not parse or check out is rebuilt.
"""

from __future__ import annotations

import errno
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
# a face's pdf_name also says its PostScript name is one a PDF name can hold; v6: a glyph is
# measured only once its outline reads (a v5 record may hold a glyph that drew a blank)
VERSION = "v6"
# OpenType: the uint32 sum of a whole font file, checkSumAdjustment included
_FONT_CHECKSUM = 0xB1B0AFBA


# errors that say the folder is not ours to write (a read-only or missing home): the default
# cache gives way to a temporary one; any other (a file where a folder should be) is said
_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT, errno.ENOTDIR}


def default_dir() -> Path:
    return Path(os.environ.get("SPREAD_CACHE") or Path.home() / ".cache" / "spread")


class FontCache:
    """One cache folder; cheap to create, creates its folders on first write. The default
    folder (~/.cache/spread) that cannot be written — a read-only or absent home, as a
    service account or a locked-down container has — gives way to a temporary folder for
    this run, and `note` says so: a cache only saves time. A folder the user named (the
    `root` given, or SPREAD_CACHE) that cannot be written is an error."""

    def __init__(self, root: str | os.PathLike | None = None):
        named = root if root is not None else os.environ.get("SPREAD_CACHE")
        self.named = bool(named)
        try:
            self.root = Path(named) if named else default_dir()
        except RuntimeError:  # no home folder at all: Path.home() cannot tell one
            self.root = Path(os.devnull) / "spread"
        self.dir = self.root / VERSION
        self.note: str | None = None
        self._stand_in: tempfile.TemporaryDirectory | None = None
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
        self._write_json("hashes.json", hashes)
        return digest

    def _load_hashes(self) -> dict[str, list]:
        if self._hashes is None:
            self._hashes = self._read_json(self.dir / "hashes.json") or {}
        return self._hashes

    def record(self, face_id: str) -> dict | None:
        """A face's cached record, or None when absent or unreadable."""
        return self._read_json(self.dir / "faces" / f"{face_id}.json")

    def save_record(self, face_id: str, record: dict) -> None:
        self._write_json(f"faces/{face_id}.json", record)

    def truetype(self, name: str, build: Callable[[Path], None]) -> Path:
        """The cached font `name`, made by `build(path)` when missing or damaged.
        `build` must write the file atomically (convert.save_deterministic does)."""
        path = self.dir / "ttf" / f"{name}.ttf"
        if _intact(path):
            return path
        path = self._folder("ttf") / f"{name}.ttf"
        try:
            build(path)
        except OSError as exc:
            if not self._give_way(exc):
                raise _cannot_write(path, exc) from None
            return self.truetype(name, build)
        return path

    @staticmethod
    def _read_json(path: Path) -> dict | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def _write_json(self, relative: str, data: dict) -> None:
        folder, _, name = relative.rpartition("/")
        path = self._folder(folder) / name
        fd = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            os.replace(tmp, path)
        except BaseException as exc:
            if fd is not None and os.path.exists(tmp):
                os.unlink(tmp)
            if not isinstance(exc, OSError):
                raise
            if not self._give_way(exc):
                raise _cannot_write(path, exc) from None
            self._write_json(relative, data)

    def _folder(self, relative: str) -> Path:
        """The cache's folder `relative` (under its version), made if need be."""
        path = self.dir / relative
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            if not self._give_way(exc):
                raise InputError(f"cannot create the font cache folder {path}: "
                                 f"{exc.strerror}", Location(str(path)),
                                 hint="set SPREAD_CACHE to a writable folder") from None
            return self._folder(relative)
        return path

    def _give_way(self, exc: OSError) -> bool:
        """Whether the default folder, found not writable, gave way to a temporary one
        (once: the temporary one failing is an error)."""
        if self.named or self._stand_in is not None or exc.errno not in _NOT_WRITABLE:
            return False
        self._stand_in = tempfile.TemporaryDirectory(prefix="spread-fonts-")
        self.note = (f"the font cache {self.root} cannot be written ({exc.strerror}): fonts "
                     "are converted afresh for this run; set SPREAD_CACHE to a writable "
                     "folder to keep them")
        self.dir = Path(self._stand_in.name) / VERSION
        return True


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
