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
