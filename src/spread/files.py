"""Files on disk: fingerprints, single files replaced atomically, and an edition's files
committed together.

An edition is several files (the renditions and the edition record) that only make sense
together, and no file system renames several files at once. So a commit writes every file
to a temporary name first (each flushed to disk), then a small journal naming the renames,
then renames them all and deletes the journal. The rule applied before the next commit into
the folder: a journal there means the renames were under way, so they are finished (roll
forward); temporaries without a journal are a commit that never started, so they are
deleted (roll back). Either way the folder holds one whole edition. A lock on the folder
keeps two builds from committing into it at once.
"""

from __future__ import annotations

import glob
import hashlib
import json
import errno
import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

from spread.errors import Location, SpreadError

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; commits are still whole, not serialised
    fcntl = None


def file_sha256(path: str | os.PathLike) -> str:
    """The file's SHA-256, read in 1 MiB blocks so a large font never sits in memory twice."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def kind_of(mode: int) -> str:
    """What a file of `st_mode` `mode` that is no regular file is, for a message saying so
    (reading a pipe would wait for a writer, a device such as /dev/zero never ends)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def yaml_in_folder(named: str, base: Path = Path(".")) -> str:
    """What to write for a YAML file (a layout) named as a folder (`layout`, `layout/news`,
    relative to `base`): the .yaml file beside it of the folder's name, or the ones in it,
    by the name to write."""
    shown = named.rstrip("/") or "/"
    if (base / (shown + ".yaml")).is_file():
        return f"did you mean {shown}.yaml? (a layout is a .yaml file)"
    try:
        inside = sorted(p.name for p in (base / shown).iterdir() if p.suffix in (".yaml", ".yml")
                        and p.name not in ("content.yaml", "edition.yaml") and p.is_file())
    except OSError:
        inside = []
    if not inside:
        return f"name a .yaml file: {shown} holds none"
    listed = ", ".join(inside[:5]) + (", …" if len(inside) > 5 else "")
    return (f"name the .yaml file in it: {shown}/{inside[0]}"
            + (f" (it holds {listed})" if len(inside) > 1 else ""))


def refuse_long_name(path: str | os.PathLike, what: str, name: str,
                     where: Location | None = None) -> None:
    """Refuse `path` (`what` named `name`, as written) when the file system cannot even look
    it up: a part of it longer than a name may be, or the whole longer than a path may be.
    pathlib's exists() and is_file() raise on such a path (ENAMETOOLONG) where they say False
    of a missing file, and that was an internal error."""
    try:
        os.lstat(path)
        return
    except (OSError, ValueError) as exc:
        if getattr(exc, "errno", None) != errno.ENAMETOOLONG:
            return
    shown = name if len(name) <= 80 else name[:60] + "…"
    raise SpreadError(f"{what} {shown} is named longer than the file system takes "
                      f"({len(os.fsencode(name))} bytes)", where,
                      hint="name it shorter: a file or folder name takes at most 255 bytes "
                           "(85 Chinese characters), a whole path 4096")


def broken_link(path: str | os.PathLike) -> str:
    """The hint for a path that is a symbolic link leading to no file (to nothing, to itself,
    round a loop), or "" when it is no link."""
    try:
        target = os.readlink(path)
    except (OSError, ValueError):
        return ""
    return (f"it is a symbolic link to {target}, which does not lead to a file: link it "
            "again, or copy the file in its place")


def write_atomically(target: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename over the target: a reader
    sees the old file or the new one, never a part. A file rewritten keeps its permissions;
    a symbolic link at `target` is replaced, not written through (a caller that means the
    file a link leads to resolves it first)."""
    tmp = _write_temporary(target, data, _mode(target))
    try:
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        raise _cannot_write(target, exc) from None


# -- an edition committed whole ----------------------------------------------------------------

def journal_path(folder: str | os.PathLike, stem: str) -> Path:
    """The journal of a commit of edition `stem` under way in `folder`."""
    return Path(folder) / f".{stem}.commit.json"


@contextmanager
def edition_lock(folder: str | os.PathLike, stem: str):
    """Hold the folder for one commit: wait for any other build committing into it, then
    finish or undo the commit an interrupted build left (see `recover`)."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(folder, exc) from None
    fd = _lock(folder)
    try:
        recover(folder, stem)
        yield
    finally:
        if fd is not None:
            os.close(fd)  # and the lock with it


def _lock(folder: Path) -> int | None:
    """An exclusive lock on the folder (the kernel drops it if the build is killed); none
    where the system or the file system has no locks: commits stay whole, only unordered."""
    if fcntl is None:
        return None
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise _cannot_write(folder, exc) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError:
        os.close(fd)
        return None
    return fd


def recover(folder: str | os.PathLike, stem: str) -> None:
    """Finish the renames of an interrupted commit whose journal was written, then remove
    every temporary of the edition left by a build that stopped before its journal. Call
    with the folder held (`edition_lock`)."""
    folder = Path(folder)
    journal = journal_path(folder, stem)
    try:
        entry = json.loads(journal.read_text(encoding="utf-8")) if journal.exists() else {}
        for tmp, name in entry.get("renames", []):
            if (folder / tmp).exists():
                os.replace(folder / tmp, folder / name)
        for name in entry.get("removals", []):  # files the new edition makes stale
            (folder / name).unlink(missing_ok=True)
        _sync_folder(folder)
        for stale in _temporaries(folder, stem):
            stale.unlink()
        if journal.exists():
            journal.unlink()
            _sync_folder(folder)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        said = (f"{exc.filename}: {exc.strerror}" if isinstance(exc, OSError) and exc.strerror
                and exc.filename else exc)  # not «[Errno 21] …»
        raise SpreadError(f"cannot finish writing the edition in {folder}: {said}",
                          Location(str(journal)),
                          hint="check the output folder and its permissions; the journal "
                               "names the temporaries to rename") from None


def commit(folder: str | os.PathLike, stem: str, files: dict[str, bytes],
           remove: tuple[str, ...] = ()) -> None:
    """Write `files` (name → bytes) into `folder` so that all of them replace their old
    versions or none does, and the files named in `remove` go with the old versions. Call
    with the folder held (`edition_lock`)."""
    folder = Path(folder)
    for name in files:
        if (folder / name).is_dir():
            raise SpreadError(f"cannot write {folder / name}: a folder is in the way",
                              Location(str(folder / name)),
                              hint="move the folder away; nothing of the edition was written")
    written: dict[str, Path] = {}
    try:
        for name, data in files.items():
            written[name] = _write_temporary(folder / name, data, _mode(folder / name))
        _sync_folder(folder)
        journal = {"renames": [[tmp.name, name] for name, tmp in written.items()],
                   "removals": [name for name in remove if (folder / name).is_file()]}
        # its temporary is named like the edition's (.{stem}.commit.json.*.tmp), so that a
        # build killed while writing it leaves nothing `recover` does not remove
        written[""] = _write_temporary(folder / f"{stem}.commit.json",
                                       json.dumps(journal).encode(), 0o644)
        os.replace(written[""], journal_path(folder, stem))
        _sync_folder(folder)  # the journal is on disk before any rename
    except BaseException as exc:
        for tmp in written.values():
            _remove(tmp)
        if isinstance(exc, OSError):
            raise _cannot_write(journal_path(folder, stem), exc) from None
        raise
    recover(folder, stem)  # the journal is down: the edition is committed; rename it in


def _temporaries(folder: Path, stem: str) -> list[Path]:
    """The edition's temporaries: `.{name}.{random}.tmp` for each file named `{stem}.*` (a
    folder named so is none of spread's, and is left alone)."""
    return sorted(p for p in folder.glob(f".{glob.escape(stem)}.*.tmp") if not p.is_dir())


# how much longer a temporary's name (`.{name}.{8 random}.tmp`) is than its file's
TEMPORARY_EXTRA = len("..12345678.tmp")


def check_name_room(folder: str | os.PathLike, names: list[str], where: Location) -> None:
    """Refuse, before anything is read or written, names of files to write into `folder`
    whose temporaries (`.{name}.{8 random}.tmp`) the file system cannot hold: a content
    file of 80 Chinese characters is named, but its outputs were not (exit 3)."""
    refuse_long_name(folder, "the output folder", os.fspath(folder), where)
    existing = next((p for p in (Path(folder).absolute(), *Path(folder).absolute().parents)
                     if p.is_dir()), Path("/"))
    try:
        limit = os.pathconf(existing, "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = 255
    name = max(names, key=lambda n: len(os.fsencode(n)))
    needed = len(os.fsencode(name)) + TEMPORARY_EXTRA
    if needed > limit:
        raise SpreadError(f"the name {name} is too long for the file system: with the "
                          f"temporary name spread writes it under first it takes {needed} "
                          f"bytes, and the file system of {existing} takes at most {limit}",
                          where, hint="give the content file a shorter name: the files a "
                                      "build writes are named after it")


def _write_temporary(target: Path, data: bytes, mode: int) -> Path:
    """`data` in a new temporary file beside `target`, flushed to disk."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
    except BaseException as exc:
        _remove(Path(tmp))
        if isinstance(exc, OSError):
            raise _cannot_write(target, exc) from None
        raise
    return Path(tmp)


def _mode(target: Path) -> int:
    """The permissions a replaced file keeps; a new one is readable by all."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o644


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entries (the renames) to disk, where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _cannot_write(target: Path, exc: OSError) -> SpreadError:
    if isinstance(exc, (FileExistsError, NotADirectoryError)) or exc.errno == errno.ELOOP:
        # -o content.yaml, /dev/null, a link to itself
        blocking = next((p for p in (target, *target.parents)
                         if (p.exists() or p.is_symlink()) and not p.is_dir()), None)
        if blocking is not None:
            what = ("a file" if blocking.is_file() else "a device or a pipe"
                    if blocking.exists() else "a symbolic link that leads to no folder")
            return SpreadError(f"cannot write {target}: {blocking} is {what}, not a folder",
                               Location(str(target)),
                               hint="give -o a folder (by default out/ beside the content "
                                    "file); the previous files are unchanged")
    if exc.errno == errno.ENAMETOOLONG:  # the temporary's name, most often
        return SpreadError(f"cannot write {target}: its name ({len(os.fsencode(target.name))} "
                           f"bytes, and {TEMPORARY_EXTRA} more for the temporary spread writes "
                           "first) is too long for the file system", Location(str(target)),
                           hint="rename the file shorter (most file systems take 255 bytes, "
                                "85 Chinese characters); the previous files are unchanged")
    return SpreadError(f"cannot write {target}: {exc.strerror or exc}", Location(str(target)),
                       hint="is the disk full, the folder read-only, or the target a folder? "
                            "the previous files are unchanged")
