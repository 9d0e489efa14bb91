"""An edition is committed whole: every rendition and the edition record appear together or
not at all. Builds killed at random moments leave whole files only, the next build finishes
or undoes the interrupted commit, a full disk or a folder in the way leaves the old edition
byte for byte, and builds of only some renditions (`spread proof`, `spread watch`) keep the
record true."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest
import yaml

from conftest import ROOT
from spread import files
from spread.build import build
from spread.verify import verify

STEM = "page"
RENDITIONS = ("print", "proof")
KILLS = 50
SEED = 20261130
LEAD = "五年秉持初心，笃然奋进；五年春华秋实，硕果满园。"


def small_edition(folder: Path, lead: str = LEAD, pages: int = 1) -> tuple[str, str]:
    """A one-region page (quick to build) in `folder`: page.yaml and layout.yaml; with
    pages=2, a spread, which print also writes cut at the fold (print-pages.pdf)."""
    folder.mkdir(parents=True, exist_ok=True)
    layout = {
        "name": "small",
        "page": {"size": ["120mm", "60mm"], "bleed": "3mm", "pages": pages,
                 "margins": {"top": "10mm", "bottom": "10mm", "left": "10mm", "right": "10mm"}},
        "grid": {"columns": 2, "gutter": "1字", "unit": "五号"},
        "fonts": {"song": [{"file": str(ROOT / "fonts" / "NotoSerifSC-Regular.ttf")}]},
        "palette": {"text": {"cmyk": [0, 0, 0, 100], "rgb": [35, 31, 32], "overprint": True}},
        "styles": {"body": {"font": "song", "size": "12pt", "align": "start"}},
        "rows": [{"name": "text", "regions": [{"kind": "text", "columns": "1-1",
                                               "content": "lead", "style": "body"}]}],
        "omits": ["headline"],  # the content format requires one; this page sets the lead
    }
    (folder / "layout.yaml").write_text(yaml.safe_dump(layout, allow_unicode=True),
                                        encoding="utf-8")
    (folder / f"{STEM}.yaml").write_text(f"headline: 测试\nlead:\n  - {lead}\n",
                                         encoding="utf-8")
    return str(folder / f"{STEM}.yaml"), str(folder / "layout.yaml")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    """Temporaries and journals: every hidden file the edition's commits use."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def recorded(folder: Path) -> dict | None:
    path = folder / f"{STEM}.manifest.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _build_forever(sources: list[tuple[str, str]], out: str, took, built) -> None:
    """A child process: build the sources into `out` in turn until killed, keeping in
    `took` the seconds its last build took and counting its builds in `built`."""
    while True:
        for content, layout in sources:
            start = time.perf_counter()
            build(content, layout, out, RENDITIONS, check=False)
            took.value = time.perf_counter() - start
            built.value += 1


def _wait_for(out: Path, pattern: str, child, built, builds: int) -> None:
    """Until a file matching `pattern` is in `out`, or the child has made `builds` more, or
    it has died (a build that raised: its exit code then fails the test, not a hang)."""
    start = built.value
    while not any(out.glob(pattern)) and built.value - start < builds and child.is_alive():
        time.sleep(0.0002)


def test_builds_killed_at_random_moments_leave_a_whole_edition(tmp_path):
    sources = [small_edition(tmp_path / "a"),
               small_edition(tmp_path / "b", LEAD.replace("硕果满园", "硕果累累"))]
    whole: dict[str, set[str]] = {}  # file name → the hashes of its two whole versions
    for i, (content, layout) in enumerate(sources):
        made = tmp_path / f"ref{i}"
        start = time.perf_counter()
        build(content, layout, str(made), RENDITIONS, check=False)
        seconds = time.perf_counter() - start  # a warm build: the fonts are cached
        for path in made.iterdir():
            whole.setdefault(path.name, set()).add(sha(path))
    assert all(len(hashes) == 2 for hashes in whole.values())
    out = tmp_path / "out"
    fork = multiprocessing.get_context("fork")
    rng = random.Random(SEED)
    # a third of the kills fall anywhere within 1.5 builds, as long as builds take now (the
    # children time them: a busy machine stretches the moments with the builds); a third as
    # a commit writes its temporaries, a third as it renames them (its journal is down)
    took, built = fork.Value("d", seconds), fork.Value("i", 0)
    states = {"nothing under way": 0, "temporaries": 0, "journal": 0}
    for kill in range(KILLS):
        built.value = 0
        child = fork.Process(target=_build_forever, args=(sources, str(out), took, built))
        child.start()
        if kill % 3 == 0:
            time.sleep(rng.uniform(0.0, 1.5) * took.value)
        else:
            _wait_for(out, f".{STEM}.*.tmp" if kill % 3 == 1 else f".{STEM}.commit.json",
                      child, built, rng.randint(1, 3))
        child.kill()  # SIGKILL: no cleanup runs
        child.join()
        assert child.exitcode == -9
        if kill % 3 == 0 and built.value == 0:  # killed in its first build: builds are slower
            took.value *= 1.2
        if not out.exists():
            continue
        for path in out.iterdir():  # whatever is under an edition's name is whole
            if not path.name.startswith("."):
                assert sha(path) in whole[path.name], path.name
        states["journal" if files.journal_path(out, STEM).exists() else
               "temporaries" if leftovers(out) else "nothing under way"] += 1
        with files.edition_lock(out, STEM):  # what the next build does first
            pass
        assert leftovers(out) == []
        record = recorded(out)
        on_disk = {p.name for p in out.iterdir()}
        if record is None:  # no commit finished yet: nothing at all
            assert on_disk == set()
            continue
        assert sha(out / f"{STEM}.manifest.json") in whole[f"{STEM}.manifest.json"]
        assert set(record["outputs"]) | {f"{STEM}.manifest.json"} == on_disk
        for name, entry in record["outputs"].items():
            assert sha(out / name) == entry["sha256"], f"{name} is not the recorded one"
            if name.endswith(".pdf"):
                with pikepdf.open(out / name) as pdf:  # parses whole, no repair
                    assert len(pdf.pages) == 1
    print(f"{KILLS} kills, the folder found with: {states}")
    build(*sources[0], str(out), RENDITIONS, check=False)  # the next build
    assert leftovers(out) == [] and verify(out / f"{STEM}.manifest.json").identical
    with open(out / f"{STEM}.print.pdf", "ab") as fh:
        fh.write(b"%altered\n")
    found = verify(out / f"{STEM}.manifest.json")
    assert ("stored", f"{STEM}.print.pdf", "changed") in {
        (d.kind, d.path, d.why) for d in found.differences}


def test_the_next_build_finishes_a_commit_whose_journal_was_written(tmp_path):
    content, layout = small_edition(tmp_path / "e")
    out = tmp_path / "out"
    build(content, layout, str(out), RENDITIONS, check=False)
    before = snapshot(out)
    new = {name: data + b"%new\n" for name, data in before.items()}
    written = {name: files._write_temporary(out / name, data, 0o644)
               for name, data in new.items()}
    files.journal_path(out, STEM).write_text(json.dumps(
        {"renames": [[tmp.name, name] for name, tmp in written.items()]}), encoding="utf-8")
    (written.pop(f"{STEM}.print.pdf")).replace(out / f"{STEM}.print.pdf")  # killed here
    with files.edition_lock(out, STEM):
        pass
    assert snapshot(out) == new and leftovers(out) == []


def test_temporaries_without_a_journal_are_removed_and_change_nothing(tmp_path):
    content, layout = small_edition(tmp_path / "e")
    out = tmp_path / "out"
    build(content, layout, str(out), RENDITIONS, check=False)
    before = snapshot(out)
    for name in before:  # a build killed before its journal, and one of the old writer's
        files._write_temporary(out / name, b"part", 0o644)
    with files.edition_lock(out, STEM):
        pass
    assert snapshot(out) == before and leftovers(out) == []


def spread_cli(*args, limit: int | None = None) -> subprocess.CompletedProcess:
    def preexec():
        if limit is not None:  # a full disk: a write past `limit` bytes fails (EFBIG)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return subprocess.run([sys.executable, "-m", "spread", *map(str, args)],
                          capture_output=True, text=True, preexec_fn=preexec)


@pytest.mark.parametrize("limit", [1, 9000])
def test_a_full_disk_leaves_the_old_edition_byte_for_byte(tmp_path, limit):
    content, layout = small_edition(tmp_path / "e")
    out = tmp_path / "out"
    build(content, layout, str(out), RENDITIONS, check=False)  # the fonts are cached too
    before = snapshot(out)
    Path(content).write_text(Path(content).read_text(encoding="utf-8").replace("五年", "六年"),
                             encoding="utf-8")
    done = spread_cli("build", content, "--layout", layout, "-o", out, "--rendition",
                      "print,proof", limit=limit)
    assert done.returncode == 2, done.stderr
    assert "cannot write" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(out) == before and leftovers(out) == []


def test_a_folder_in_place_of_an_output_leaves_the_rest_untouched(tmp_path):
    content, layout = small_edition(tmp_path / "e")
    out = tmp_path / "out"
    build(content, layout, str(out), RENDITIONS, check=False)
    (out / f"{STEM}.proof.png").unlink()
    (out / f"{STEM}.proof.png").mkdir()
    before = snapshot(out)
    done = spread_cli("build", content, "--layout", layout, "-o", out, "--rendition",
                      "print,proof")
    assert done.returncode == 2 and "a folder is in the way" in done.stderr, done.stderr
    assert snapshot(out) == before and leftovers(out) == []


def test_a_read_only_output_folder_leaves_the_old_edition(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("runs as root, which writes into a read-only folder anyway")
    content, layout = small_edition(tmp_path / "e")
    out = tmp_path / "out"
    build(content, layout, str(out), RENDITIONS, check=False)
    before = snapshot(out)
    out.chmod(0o555)
    try:
        done = spread_cli("build", content, "--layout", layout, "-o", out, "--rendition",
                          "print,proof")
    finally:
        out.chmod(0o755)
    assert done.returncode == 2 and "cannot write" in done.stderr, done.stderr
    assert snapshot(out) == before and leftovers(out) == []


# -- builds of some renditions keep the record true -----------------------------------------

def test_a_proof_build_keeps_the_print_entry_and_verify_sees_it_altered(tmp_path):
    content, layout = small_edition(tmp_path / "e")
    out = tmp_path / "out"
    build(content, layout, str(out), RENDITIONS, check=False)
    full = recorded(out)
    with open(out / f"{STEM}.print.pdf", "ab") as fh:
        fh.write(b"%altered\n")
    build(content, layout, str(out), ("proof",), check=False)  # spread proof, spread watch
    assert recorded(out) == {**full, "renditions": ["proof", "print"]}
    found = verify(out / f"{STEM}.manifest.json")
    assert [(d.kind, d.path, d.why) for d in found.differences] == [
        ("stored", f"{STEM}.print.pdf", "changed")]


def test_a_proof_of_edited_content_never_claims_the_old_print_file(tmp_path):
    content, layout = small_edition(tmp_path / "e")
    out = tmp_path / "out"
    build(content, layout, str(out), RENDITIONS, check=False)
    Path(content).write_text(Path(content).read_text(encoding="utf-8").replace("五年", "六年"),
                             encoding="utf-8")
    build(content, layout, str(out), ("proof",), check=False)
    record = recorded(out)
    assert record["renditions"] == ["proof"]
    assert sorted(record["outputs"]) == [f"{STEM}.proof.pdf", f"{STEM}.proof.png"]
    assert record["stale"] == [f"{STEM}.print.pdf"]
    found = verify(out / f"{STEM}.manifest.json")
    assert [(d.kind, d.path) for d in found.differences] == [("stale", f"{STEM}.print.pdf")]
    build(content, layout, str(out), RENDITIONS, check=False)
    assert "stale" not in recorded(out) and verify(out / f"{STEM}.manifest.json").identical


def test_a_file_the_build_no_longer_writes_is_stale(tmp_path):
    content, layout = small_edition(tmp_path / "e", pages=2)
    out = tmp_path / "out"
    build(content, layout, str(out), RENDITIONS, check=False)
    assert f"{STEM}.print-pages.pdf" in recorded(out)["outputs"]
    small_edition(tmp_path / "e")  # the same page, no longer a spread
    build(content, layout, str(out), RENDITIONS, check=False)
    assert recorded(out)["stale"] == [f"{STEM}.print-pages.pdf"]
    assert [(d.kind, d.path) for d in verify(out / f"{STEM}.manifest.json").differences] == [
        ("stale", f"{STEM}.print-pages.pdf")]


# -- the checks read what is to be written -------------------------------------------------

def test_the_checks_read_each_rendition_from_its_bytes_before_it_is_written(tmp_path):
    """A rendition is written once, by the commit: its checks read the bytes made, and their
    report is the written file's, named as the file it is to be."""
    from spread.check.archive import check_archive
    from spread.check.preflight import check_pdf

    content, layout = small_edition(tmp_path / "e")
    out = tmp_path / "out"
    result = build(content, layout, str(out), ("print", "archive"))
    assert result.ok and set(result.checks) == {"print.pdf", "archive.pdf"}
    for suffix, check in (("print.pdf", check_pdf), ("archive.pdf", check_archive)):
        written = out / f"{STEM}.{suffix}"
        unwritten = tmp_path / "nowhere" / written.name  # no file, no folder: bytes alone
        report = check(unwritten, data=written.read_bytes())
        assert report.path == str(unwritten) and report.findings == []
        assert result.checks[suffix].format() == check(written).format()
