"""Files a build must never remove nor replace: an input (a picture, most often) where the
build writes or removes an output of its own, and a build that fails before its page is set,
which removes an earlier failure proof — never the user's picture of that name. Each through
the console entry point in a forked process (test_hostile_inputs.spread)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from test_hostile_inputs import spread

PICTURE = "content.failed.proof.png"  # the name of a failure proof: what a build removes

# name: how the picture's content file is spoilt after the refused build, and how the
# picture is named in it
SPOILT = {
    "a key nobody knows": ("bogus_key: 1\n", PICTURE),
    "a text that does not scan": ("bogus: @x\n", PICTURE),
    "a picture linked to the name": ("bogus_key: 1\n", "photos/linked.jpg"),
}


@pytest.mark.parametrize("name", SPOILT)
def test_a_failed_build_leaves_a_picture_named_as_its_failure_proof(tmp_path, name):
    """A picture named content.failed.proof.png in the output folder: the build that would
    write over it is refused, and a later build whose content no longer reads (no page, so
    the earlier failure proof it would remove shows older input) leaves it as it was."""
    assert spread("init", "--template", "photo", "e", cwd=tmp_path).code == 0
    folder = tmp_path / "e"
    spoil, named = SPOILT[name]
    (folder / "photos" / "photo1.jpg").rename(folder / PICTURE)
    if named != PICTURE:
        (folder / named).symlink_to(Path("..") / PICTURE)
    content = folder / "content.yaml"
    text = content.read_text(encoding="utf-8")
    assert "file: photos/photo1.jpg" in text
    content.write_text(text.replace("file: photos/photo1.jpg", f"file: {named}"),
                       encoding="utf-8")
    picture = (folder / PICTURE).read_bytes()
    run = spread("build", "content.yaml", "-o", ".", cwd=folder)
    assert run.code == 2 and "building would replace it" in run.text, run.text
    with content.open("a", encoding="utf-8") as out:
        out.write(spoil)
    run = spread("build", "content.yaml", "-o", ".", cwd=folder)
    assert run.code == 2 and "Traceback" not in run.text, run.text
    assert (folder / PICTURE).read_bytes() == picture, run.text
    assert "was removed" not in run.text
    assert not os.path.lexists(folder / "content.failed.proof.pdf")


# -- the hunt (6): a content file whose name leaves no room for its outputs' --------------

LONG_STEM = "长" * 80  # 240 bytes: «长….yaml» is a name, «.长….print.pdf.a1b2c3d4.tmp» is not


@pytest.mark.skipif(os.pathconf("/tmp", "PC_NAME_MAX") != 255, reason="names of 255 bytes")
def test_a_content_file_named_too_long_for_its_outputs_is_refused_before_it_is_read(tmp_path):
    """Built into an output folder that was there: «internal error: OSError: [Errno 36] File
    name too long» (exit 3); into a new one, «cannot write …: File name too long», hinting at
    a full disk."""
    content = tmp_path / f"{LONG_STEM}.yaml"
    content.write_text("headline: 标题\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    run = spread("build", content.name, "--layout", "default", "-o", "out", cwd=tmp_path)
    assert run.code == 2, run.text
    assert "internal error" not in run.text and "disk full" not in run.text, run.text
    assert f"the name {LONG_STEM}." in run.err and "is too long for the file system" in run.err
    assert "give the content file a shorter name" in run.err
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.skipif(os.pathconf("/tmp", "PC_NAME_MAX") != 255, reason="names of 255 bytes")
def test_check_fix_of_a_file_named_too_long_for_its_temporary_says_so(tmp_path):
    content = tmp_path / f"{LONG_STEM}.yaml"
    content.write_text("headline: 标题,好\n", encoding="utf-8")
    run = spread("check", "--fix", content.name, cwd=tmp_path)
    assert run.code == 2, run.text
    assert "is too long for the file system" in run.err and "disk full" not in run.err, run.err
    assert content.read_text(encoding="utf-8") == "headline: 标题,好\n"
