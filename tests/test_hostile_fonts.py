"""Font files a layout may name that are not fonts, or not where fonts may be: each is refused
by the real console entry point with exit 2 and the layout's line:column, no traceback, and
in bounded CPU time (a device or a pipe must not be read at all)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from spread.fonts.locate import MAX_FONT_BYTES
from test_fonts import TEXT, make_font, tiny_page

CPU_SECONDS = 60  # a hang shows as a CPU limit kill long before; a good run takes ~2 s


def spread(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`spread ARGS` through the console entry point, its CPU time bounded; a process blocked
    on a read uses no CPU, so it also gets a generous timeout of its own."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))

    script = Path(sys.executable).with_name("spread")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "spread"]
    return subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True,
                          preexec_fn=limit, stdin=subprocess.DEVNULL, timeout=600)


def page_naming(tmp_path: Path, font: str, *, folders: list[str] | None = None) -> Path:
    """The tiny page's layout with its one font `font` (and `font_folders`); its content."""
    content, layout = tiny_page(tmp_path, TEXT, [{"file": font}])
    if folders is not None:
        data = yaml.safe_load(layout.read_text(encoding="utf-8"))
        data["font_folders"] = folders
        layout.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return content


def refused(tmp_path: Path, content: Path, *message: str, command: str = "build") -> str:
    layout = content.with_name("page.layout.yaml")
    args = [command, str(content), "--layout", str(layout)]
    result = spread(*(args + ["-o", str(tmp_path / "out")] if command == "build" else args),
                    cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    line = next(i for i, text in enumerate(layout.read_text().splitlines(), 1)
                if "file:" in text)
    assert f"{layout}:{line}:" in result.stderr, result.stderr
    for part in message:
        assert part in result.stderr, result.stderr
    assert not (tmp_path / "out" / "page.print.pdf").exists()
    return result.stderr


def test_garbage_bytes(tmp_path):
    (tmp_path / "Garbage.ttf").write_bytes(os.urandom(4096))
    refused(tmp_path, page_naming(tmp_path, "Garbage.ttf"), "not a TrueType or OpenType font")


def test_a_text_file_named_like_a_font(tmp_path):
    (tmp_path / "Notes.otf").write_text("这不是字体文件\n" * 50, encoding="utf-8")
    refused(tmp_path, page_naming(tmp_path, "Notes.otf"), "not a TrueType or OpenType font")


def test_etc_passwd_is_outside_the_edition(tmp_path):
    refused(tmp_path, page_naming(tmp_path, "/etc/passwd"), "outside the edition folder",
            "font_folders")


def test_etc_passwd_in_an_allowed_folder_is_no_font(tmp_path):
    refused(tmp_path, page_naming(tmp_path, "/etc/passwd", folders=["/etc"]),
            "not a TrueType or OpenType font")


@pytest.mark.parametrize("command", ["build", "fonts"])
def test_dev_zero_is_refused_without_reading_it(tmp_path, command):
    content = page_naming(tmp_path, "/dev/zero", folders=["/dev"])
    refused(tmp_path, content, "not a regular file", command=command)


def test_a_pipe_is_refused_without_opening_it(tmp_path):
    os.mkfifo(tmp_path / "Pipe.ttf")
    refused(tmp_path, page_naming(tmp_path, "Pipe.ttf"), "not a regular file")


def test_a_folder_named_like_a_font(tmp_path):
    (tmp_path / "Folder.ttf").mkdir()
    refused(tmp_path, page_naming(tmp_path, "Folder.ttf"), "not a regular file")


def test_a_font_beyond_the_size_bound(tmp_path):
    with open(tmp_path / "Huge.ttf", "wb") as fh:  # sparse: no disk used
        fh.write(b"\x00\x01\x00\x00")
        fh.truncate(MAX_FONT_BYTES + 1)
    refused(tmp_path, page_naming(tmp_path, "Huge.ttf"), "more than the 256 MB")


def test_a_truncated_font(tmp_path):
    whole = make_font(tmp_path / "Whole.ttf", TEXT).read_bytes()
    (tmp_path / "Cut.ttf").write_bytes(whole[:300])
    refused(tmp_path, page_naming(tmp_path, "Cut.ttf"), "damaged or not a font")


def test_a_font_with_a_corrupt_table(tmp_path):
    from fontTools.ttLib import TTFont

    font = make_font(tmp_path / "Whole.ttf", TEXT)
    data = bytearray(font.read_bytes())
    with TTFont(font) as parsed:
        offset = parsed.reader.tables["cmap"].offset
    data[offset:offset + 64] = b"\xff" * 64  # the cmap header and subtable records
    (tmp_path / "Broken.ttf").write_bytes(bytes(data))
    refused(tmp_path, page_naming(tmp_path, "Broken.ttf"), "damaged or not a font")


def test_a_missing_font_names_the_layout_line(tmp_path):
    refused(tmp_path, page_naming(tmp_path, "fonts/Gone.ttf"), "cannot open the font",
            "No such file")


def test_a_link_out_of_the_edition_is_followed_and_refused(tmp_path):
    (tmp_path / "Link.ttf").symlink_to("/etc/passwd")
    refused(tmp_path, page_naming(tmp_path, "Link.ttf"), "outside the edition folder")


def test_a_font_in_a_listed_folder_builds(tmp_path):
    library = tmp_path.parent / f"{tmp_path.name}-library"
    library.mkdir()
    make_font(library / "Shared.ttf", TEXT)
    content = page_naming(tmp_path, f"../{library.name}/Shared.ttf",
                          folders=[f"../{library.name}"])
    # print only: the proof's slug needs '?' and digits, which this font lacks
    result = spread("build", str(content), "--layout", str(content.with_name(
        "page.layout.yaml")), "-o", str(tmp_path / "out"), "--rendition", "print",
        cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "page.print.pdf").exists()


def test_check_of_a_layout_alone_opens_its_fonts(tmp_path):
    """`spread check LAYOUT` reads what a build reads of the layout, its fonts too: a
    missing one is refused at its line, counted as the one error it is."""
    layout = page_naming(tmp_path, "fonts/Gone.ttf").with_name("page.layout.yaml")
    result = spread("check", str(layout), cwd=tmp_path)
    said = result.stdout + result.stderr
    line = next(i for i, text in enumerate(layout.read_text().splitlines(), 1)
                if "file:" in text)
    assert result.returncode == 2 and f"{layout}:{line}:" in said, said
    assert "cannot open the font" in said and "hint:" in said
    assert f"{layout}: 1 error; does not validate" in said and "0 finding" not in said


def test_a_font_whose_glyphs_are_damaged(tmp_path):
    """The glyph table overwritten: .notdef reads as a composite of glyph 65535. fontTools
    reads the font's tables without complaint; ReportLab, embedding it, would fail only when
    the PDF is saved — the face is refused at its layout line instead."""
    from fontTools.ttLib import TTFont

    font = make_font(tmp_path / "Whole.ttf", TEXT)
    data = bytearray(font.read_bytes())
    with TTFont(font) as parsed:
        offset = parsed.reader.tables["glyf"].offset
    data[offset:offset + 64] = b"\xff" * 64
    (tmp_path / "Glyphs.ttf").write_bytes(bytes(data))
    refused(tmp_path, page_naming(tmp_path, "Glyphs.ttf"), "damaged or not a font")


def test_a_link_to_itself(tmp_path):
    """Path.resolve raises on a loop of links; the font is reported as unreadable."""
    (tmp_path / "Loop.ttf").symlink_to("Loop.ttf")
    refused(tmp_path, page_naming(tmp_path, "Loop.ttf"), "cannot open the font",
            "symbolic links")
