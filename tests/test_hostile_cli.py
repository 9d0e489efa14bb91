"""Hostile surroundings of a command line: where its output goes and what the terminal can
show. Each case runs `python -m spread` in a new process, as a user runs it, its CPU time
bounded: an error of the surroundings is exit 2 with a message saying what failed, never
exit 3 («internal error») nor a silent exit 0."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CONTENT, ROOT

CPU_SECONDS = 120


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def spread(*args: str, cwd: Path = ROOT, stdout=subprocess.PIPE, env: dict | None = None,
           close_stdout: bool = False) -> subprocess.CompletedProcess:
    def prepare() -> None:
        _limit()
        if close_stdout:
            os.close(1)
    return subprocess.run([sys.executable, "-m", "spread", *args], cwd=cwd, stdout=stdout,
                          stderr=subprocess.PIPE, encoding="utf-8", errors="backslashreplace",
                          preexec_fn=prepare,
                          env=env or {**os.environ, "PYTHONPATH": str(ROOT / "src")},
                          timeout=900)


def _full() -> object:
    return open("/dev/full", "w")


# name: (argv, how stdout is given, the words on stderr)
OUTPUT_CASES = {
    "the content dump onto a full disk": (["dump", str(CONTENT)], "full",
                                          "cannot write to standard output: No space left"),
    "the schema onto a full disk": (["schema", "content"], "full",
                                    "cannot write to standard output: No space left"),
    "the content dump with stdout closed": (["dump", str(CONTENT)], "closed",
                                            "cannot write to standard output: Bad file"),
    "a JSON lint report with stdout closed": (["--json", "check", str(CONTENT)], "closed",
                                              "cannot write to standard output"),
}


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("name", OUTPUT_CASES)
def test_output_that_cannot_be_written_is_an_error_of_the_output_not_a_bug(name):
    """A write to stdout that fails was reported as «internal error: OSError» (exit 3), or,
    stdout closed, as «'NoneType' object has no attribute 'write'»."""
    argv, how, says = OUTPUT_CASES[name]
    if how == "full":
        with _full() as full:
            done = spread(*argv, stdout=full)
    else:
        done = spread(*argv, stdout=subprocess.DEVNULL, close_stdout=True)
    assert done.returncode == 2, done.stderr
    assert says in done.stderr and "hint: " in done.stderr, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr  # nothing fails again at exit


def test_a_reader_that_goes_away_still_ends_quietly():
    """`spread dump | head -1`: not an error of the output (it is what head does)."""
    reader = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL)
    done = spread("dump", "--stage", "compose", str(CONTENT), stdout=reader.stdin)
    reader.stdin.close()
    reader.wait(timeout=60)
    assert done.returncode in (0, 141), done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_that_cannot_show_chinese_gets_escapes_not_a_crash(tmp_path, encoding):
    """An ASCII or Latin-1 terminal (PYTHONIOENCODING, a C or ISO-8859 locale): the page's
    Chinese was an «internal error: UnicodeEncodeError»; it is written as \\uXXXX escapes,
    an error message still names its file, line and column."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT / "src"),
           "PYTHONIOENCODING": encoding, "LC_ALL": "C"}  # no HOME, no LANG
    dump = spread("dump", str(CONTENT), env=env)
    assert dump.returncode == 0, dump.stderr
    assert "\\u753b\\u8bf4\\u5de5\\u4f1a" in dump.stdout  # 画说工会
    bad = tmp_path / "content.yaml"
    bad.write_text("headline: 画说\nlead: [一\n", encoding="utf-8")
    check = spread("check", str(bad), env=env)
    assert check.returncode == 2, check.stderr
    assert f"{bad}:2:7" in check.stderr and "internal error" not in check.stderr


def test_watch_stopped_with_ctrl_c_ends_cleanly_and_keeps_its_edition(tmp_path):
    """Ctrl-C while `spread watch` waits for a change: no traceback, the edition it built
    whole, no temporary file left."""
    import shutil
    import signal
    import time

    shutil.copy(CONTENT, tmp_path / "content.yaml")
    (tmp_path / "edition.yaml").write_text("layout: default\n", encoding="utf-8")
    out = tmp_path / "out"

    def prepare() -> None:  # a child started in the background ignores SIGINT
        _limit()
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    idle = subprocess.Popen([sys.executable, "-m", "spread", "watch", "content.yaml", "-o",
                             str(out), "--rendition", "print", "--interval", "0.2"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, preexec_fn=prepare,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    record = out / "content.manifest.json"
    for _ in range(6000):  # a safety net only: the first build takes a few seconds
        if record.exists() or idle.poll() is not None:
            break
        time.sleep(0.1)
    time.sleep(0.5)
    idle.send_signal(signal.SIGINT)
    _, said = idle.communicate(timeout=300)
    assert idle.returncode in (0, 130), said
    assert "Traceback" not in said and "internal error" not in said, said
    with __import__("pikepdf").open(out / "content.print.pdf") as pdf:
        assert len(pdf.pages) == 1
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]


def test_check_fix_through_a_link_fixes_the_file_it_leads_to(tmp_path):
    """`spread check --fix` on a content file reached by a symbolic link (a shared text
    linked into the edition): the link was replaced by a fixed copy, with exit 0, and the
    shared file kept its fault. Now the file the link leads to is fixed, the link stays."""
    shared = tmp_path / "shared"
    shared.mkdir()
    text = CONTENT.read_text(encoding="utf-8").replace("headline: 画说工会这五年",
                                                       "headline: 画说工会这五年,好", 1)
    (shared / "content.yaml").write_text(text, encoding="utf-8")
    edition = tmp_path / "edition"
    edition.mkdir()
    (edition / "content.yaml").symlink_to(shared / "content.yaml")
    (edition / "edition.yaml").write_text("layout: default\n", encoding="utf-8")
    done = spread("check", "content.yaml", "--fix", cwd=edition)
    assert done.returncode == 0 and "1 fixed" in done.stdout + done.stderr, done.stderr
    assert (edition / "content.yaml").is_symlink()
    assert "headline: 画说工会这五年，好" in (shared / "content.yaml").read_text(encoding="utf-8")


def test_a_home_where_the_font_cache_cannot_be_made_still_builds(tmp_path):
    """A service account's or a locked-down container's home (here a file: no folder can be
    made under it) stopped every build with «cannot create the font cache folder» (exit 2)
    unless SPREAD_CACHE was set: the default cache gives way to a temporary one, said in a
    note, and the page is the same. A cache folder the user names must be writable."""
    home = tmp_path / "home"
    home.write_text("not a folder\n")
    env = {k: v for k, v in os.environ.items() if k != "SPREAD_CACHE"}
    env.update(PYTHONPATH=str(ROOT / "src"), HOME=str(home))
    done = spread("build", str(CONTENT), "-o", str(tmp_path / "out"), "--rendition", "print",
                  env=env)
    assert done.returncode == 0, done.stderr
    assert (f"note: the font cache {home}/.cache/spread cannot be written (Not a directory): "
            "fonts are converted afresh for this run") in done.stdout + done.stderr
    assert (tmp_path / "out" / "content.print.pdf").is_file()
    named = spread("build", str(CONTENT), "-o", str(tmp_path / "out2"), "--rendition", "print",
                   env={**env, "SPREAD_CACHE": str(home / "cache")})
    assert named.returncode == 2, named.stderr
    assert f"cannot create the font cache folder {home}/cache/" in named.stderr
    assert "hint: set SPREAD_CACHE to a writable folder" in named.stderr


@pytest.mark.parametrize("home", ["a file", "a folder with ReportLab's files"])
def test_what_lies_in_the_home_folder_does_not_change_a_build(tmp_path, home):
    """ReportLab runs ~/.reportlab_mods and ~/.reportlab_settings as Python on import: a home
    that is a file stopped every build with «internal error: NotADirectoryError» (exit 3),
    and a .reportlab_mods that exits ended it with its own words (exit 1). Neither is read."""
    folder = tmp_path / "home"
    if home == "a file":
        folder.write_text("not a folder\n")
    else:
        folder.mkdir()
        (folder / ".reportlab_mods").write_text('raise SystemExit("reportlab_mods ran")\n')
        (folder / ".reportlab_settings").write_text('raise SystemExit("settings ran")\n')
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "HOME": str(folder),
           "SPREAD_CACHE": str(tmp_path / "cache")}
    done = spread("build", str(CONTENT), "-o", str(tmp_path / "out"), "--rendition", "print",
                  env=env)
    assert done.returncode == 0, done.stderr
    assert "ran" not in done.stderr and (tmp_path / "out" / "content.print.pdf").is_file()
