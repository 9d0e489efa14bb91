"""Broken editions and the newer layout features, made here, each through the console entry
point in a forked process under a CPU-time limit (test_hostile_inputs.spread): an edition.yaml
written badly, a file given where another of spread's files is expected, and the layout
features a template's author edits — a row's `when`, a repeat's run of a list
(`sections[2:]`), the page's `slack`, a picture's `letterbox` and `most_cut`. Each ends with
exit 2 and a message placed at file:line:column (or naming the file that does not read), what
was expected and a hint; never a traceback, an "internal error" or a page built from another
layout than the one written."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CONTENT, ROOT
from test_hostile_inputs import BASE, _line_of, assert_refused, spread


def _fonts_here(name: str) -> str:
    return (ROOT / "layout" / name).read_text(encoding="utf-8").replace("../fonts/",
                                                                         f"{ROOT}/fonts/")


# -- edition.yaml, and files given where another is expected -----------------------------------

def _nested_edition(tmp_path: Path) -> Path:
    """An edition folder inside a folder whose layout/default.yaml a lost edition.yaml would
    fall back to, silently: the page set by a layout nobody named."""
    (tmp_path / "layout").mkdir()
    (tmp_path / "layout" / "default.yaml").write_text(BASE, encoding="utf-8")
    folder = tmp_path / "mypage"
    folder.mkdir()
    shutil.copy(CONTENT, folder / "content.yaml")
    return folder


# name: (how edition.yaml is made in the folder, words the message holds, its line or None
# for a file that does not read at all)
EDITION_CASES = {
    "a link to nowhere": (lambda f: (f / "edition.yaml").symlink_to("gone.yaml"),
                          "it is a symbolic link to gone.yaml, which does not lead", None),
    "a link to itself": (lambda f: (f / "edition.yaml").symlink_to("edition.yaml"),
                         "Too many levels of symbolic links", None),
    "a folder": (lambda f: (f / "edition.yaml").mkdir(), "not a regular file", None),
    "a named pipe": (lambda f: os.mkfifo(f / "edition.yaml"), "not a regular file", None),
    "an empty layout": (lambda f: (f / "edition.yaml").write_text('layout: ""\n'),
                        "edition.yaml names no layout", 1),
    "a layout that is a folder": (lambda f: ((f / "sub").mkdir(), (f / "edition.yaml")
                                             .write_text("layout: sub\n")),
                                  "the layout sub is a folder", 1),
    "naming itself": (lambda f: (f / "edition.yaml").write_text("layout: edition.yaml\n"),
                      "edition.yaml is an edition.yaml file, not a layout file", 1),
    "naming the content": (lambda f: (f / "edition.yaml").write_text("layout: content.yaml\n"),
                           "content.yaml is a content file, not a layout file", None),
    "a misspelt layout of spread's": (
        lambda f: (f / "edition.yaml").write_text("layout: tabliod-spread\n"),
        "did you mean 'tabloid-spread'?", 1),
    "a list": (lambda f: (f / "edition.yaml").write_text("- layout: default\n"),
               "expected a mapping", 1),
    "a layout tagged !!bool": (lambda f: (f / "edition.yaml").write_text(
        "layout: !!bool default\n"), "'default' is not a value of the tag !!bool", 1),
    "a layout of another case": (lambda f: ((f / "layout").mkdir(), shutil.copy(
        ROOT / "layout" / "photo.yaml", f / "layout" / "photo.yaml"), (f / "edition.yaml")
        .write_text("layout: layout/Photo.yaml\n")), "did you mean layout/photo.yaml?", 1),
    # the hunt (6): a layout that is there but no file was «not there», a pipe's own name
    # offered as «did you mean»
    "a layout that is /dev/zero": (lambda f: (f / "edition.yaml").write_text(
        "layout: /dev/zero\n"), "the layout /dev/zero is a device, not a layout file", 1),
    "a layout that is /dev/null": (lambda f: (f / "edition.yaml").write_text(
        "layout: /dev/null\n"), "the layout /dev/null is a device, not a layout file", 1),
    "a layout that is a named pipe": (lambda f: (os.mkfifo(f / "page.yaml"), (
        f / "edition.yaml").write_text("layout: page.yaml\n")),
        "the layout page.yaml is a named pipe, not a layout file", 1),
    "a layout that is a socket": (lambda f: (_socket(f / "page.yaml"), (
        f / "edition.yaml").write_text("layout: page.yaml\n")),
        "the layout page.yaml is a socket, not a layout file", 1),
}


def _socket(path: Path) -> None:
    import socket

    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))  # the socket file stays when the socket is closed


@pytest.mark.parametrize("name", EDITION_CASES)
def test_an_edition_file_that_does_not_name_a_layout_is_refused_never_passed_over(tmp_path,
                                                                                  name):
    make, says, line = EDITION_CASES[name]
    folder = _nested_edition(tmp_path)
    make(folder)
    run = spread("build", "mypage/content.yaml", "--rendition", "print", cwd=tmp_path)
    if line is None:  # the file does not read, or is another kind of file
        assert run.code == 2 and says in run.text, run.text
        assert "Traceback" not in run.text and "internal error" not in run.text, run.text
    else:
        assert_refused(run, "mypage/edition.yaml", line, says)
    assert not (folder / "out").exists()  # not built by the layout further up


# the file given, the layout given, the file the message names, words it holds
CONFUSED = {
    "the content as the layout": ("content.yaml", "content.yaml", "content.yaml",
                                  "content.yaml is a content file, not a layout file"),
    "the layout as the content": ("layout.yaml", "layout.yaml", "layout.yaml",
                                  "layout.yaml is a layout file, not a content file"),
    "an edition.yaml as the layout": ("content.yaml", "edition.yaml", "edition.yaml",
                                      "edition.yaml is an edition.yaml file, not a layout"),
}


@pytest.mark.parametrize("name", CONFUSED)
def test_a_file_given_for_another_is_named_for_what_it_is(tmp_path, name):
    given, layout, named, says = CONFUSED[name]
    shutil.copy(CONTENT, tmp_path / "content.yaml")
    (tmp_path / "layout.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "edition.yaml").write_text("layout: layout.yaml\n", encoding="utf-8")
    run = spread("build", given, "--layout", layout, "-o", "out", cwd=tmp_path)
    assert_refused(run, named, None, says, "hint:")


# -- the newer layout features, edited badly ------------------------------------------------

NEWS = _fonts_here("news.yaml")
COMMEMORATIVE = _fonts_here("commemorative.yaml")
PHOTO = _fonts_here("photo.yaml")
HEAD = "the lead's photo beside its text ...\n    "  # the first of two rows of one story
WHEN = HEAD + "when: {content: sections, least: 1, most: 1, also: *photo}"
REPEAT = "repeat:\n      content: sections\n"
SLACK = "  warn: 0.08                    # a twelfth of the type area empty: a warning\n" \
        "  refuse: 0.25"
LETTERBOX = "letterbox: true"
SECTION = ("{kind: section, fit: {policy: shrink}, options: {fill: space, space_at: "
           "paragraphs, max_space: 1}}")

# name: (the template, its text, the replacement, words the message holds); the message is
# placed on the replacement's first line
FEATURE_CASES = {
    "when: least above most": ("news", WHEN, HEAD + "when: {content: sections, least: 3, most: 1}",
                               "no count of items is at least 3 and at most 1"),
    "when: a list misspelt": ("news", WHEN, HEAD + "when: {content: sectons, least: 1, most: 1}",
                              "did you mean 'sections'?"),
    "when: a text, not a list": ("news", WHEN,
                                 HEAD + "when: {content: headline, least: 1, most: 1}",
                                 "'headline' is not a list of the content"),
    "when: an item, not a list": ("news", WHEN,
                                  HEAD + 'when: {content: "sections[0]", least: 1, most: 1}',
                                  "'sections[0]' is not a list of the content"),
    "when: least in words": ("news", WHEN, HEAD + "when: {content: sections, least: one, most: 1}",
                             "expected a whole number, found 'one'"),
    "when: a misspelt key": ("news", WHEN, HEAD + "when: {content: sections, lest: 1, most: 1}",
                             "did you mean 'least'?"),
    "a run of a list with a step": ("commemorative", REPEAT,
                                    'repeat:\n      content: "sections[::2]"\n',
                                    "nor a run of one (sections[2:])", "@content: \"sections["),
    "a run of a list left open": ("commemorative", REPEAT,
                                  'repeat:\n      content: "sections[1:"\n',
                                  "is not a list of the content", "@content: \"sections["),
    "a run of a text": ("commemorative", REPEAT, 'repeat:\n      content: "headline[1:]"\n',
                        "the content's lists", "@content: \"headline"),
    "slack: refuse below warn": ("commemorative", SLACK, "  warn: 0.5\n  refuse: 0.2",
                                 "refuse (0.2) is below warn (0.5)", "@refuse: 0.2"),
    "slack: as a percentage": ("commemorative", SLACK, "  warn: 8%\n  refuse: 25%",
                               "expected a number, found '8%'"),
    "slack: percentages of 100": ("commemorative", SLACK, "  warn: 8\n  refuse: 25",
                                  "warn must be more than 0 and at most 1, not 8"),
    "letterbox: a number": ("photo", LETTERBOX, "letterbox: 1.5",
                            "expected true or false, found '1.5'"),
    "letterbox on a section": ("commemorative", SECTION, SECTION.replace("}}", ", letterbox: "
                                                                         "true}}"),
                               "unknown key 'letterbox' in the options of a section region"),
    "most_cut past 1 on the photo page": ("photo", LETTERBOX, "letterbox: true, most_cut: 2",
                                          "most_cut: 2 must be between 0 and 1"),
    "space_at misspelt": ("commemorative", SECTION, SECTION.replace("paragraphs", "paragraph"),
                          "did you mean 'paragraphs'?"),
}
TEMPLATES = {"news": NEWS, "commemorative": COMMEMORATIVE, "photo": PHOTO}


def test_every_feature_case_edits_its_template_once():
    for name, (template, old, *_) in FEATURE_CASES.items():
        assert TEMPLATES[template].count(old) == 1, name


@pytest.mark.parametrize("name", FEATURE_CASES)
def test_a_template_feature_edited_badly_is_refused_where_it_is_written(tmp_path, name):
    template, old, new, *says = FEATURE_CASES[name]
    text = TEMPLATES[template].replace(old, new, 1)
    shutil.copytree(ROOT / "layout" / template, tmp_path / "edition")
    layout = tmp_path / "edition" / "layout.yaml"
    layout.write_text(text, encoding="utf-8")
    marker = next((w[1:] for w in says if w.startswith("@")), new.removeprefix(HEAD))
    says = [w for w in says if not w.startswith("@")]
    run = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", "out",
                 "--rendition", "print", cwd=layout.parent)
    assert_refused(run, "layout.yaml", _line_of(text, marker), *says)
    assert not (layout.parent / "out" / "content.print.pdf").exists()


# -- where the edition is written ----------------------------------------------------------

@pytest.mark.parametrize("out", ["content.yaml", "content.yaml/out", "layout.yaml"])
def test_an_output_folder_that_is_a_file_leaves_every_file_as_it_was(tmp_path, out):
    """-o naming the content file (or a folder under it, or the layout): refused, the file
    named, and every input byte for byte as it was."""
    shutil.copy(CONTENT, tmp_path / "content.yaml")
    (tmp_path / "layout.yaml").write_text(BASE, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    run = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", out,
                 "--rendition", "print", cwd=tmp_path)
    assert run.code == 2 and f"{out.split('/')[0]} is a file, not a folder" in run.err, run.text
    assert "give -o a folder" in run.err and "Traceback" not in run.text
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()
            if not p.name.startswith(".std")} == before


def test_a_template_path_that_cannot_be_followed_is_no_loop_of_links(tmp_path):
    """`spread init --template ./tpl` run from a folder since removed: following the path
    fails (getcwd: no such file), which `init` called «a loop of symbolic links». Every verb
    now says first that the current folder is gone (hostile round 12: a build there was
    exit 3); a loop is still called a loop (the test below)."""
    gone = tmp_path / "gone"
    gone.mkdir()
    run = subprocess.run(
        [sys.executable, "-c", "import os, sys; from spread.cli import main; "
         f"os.chdir({str(gone)!r}); os.rmdir({str(gone)!r}); "
         f"sys.exit(main(['init', '--template', './tpl', {str(tmp_path / 'new')!r}]))"],
        capture_output=True, text=True, timeout=120)
    assert run.returncode == 2, run.stderr
    assert "the current folder no longer exists" in run.stderr
    assert "loop" not in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "new").exists()


# -- spread init from a template folder with links that lead nowhere -------------------------

def _template(folder: Path) -> Path:
    """A template edition folder: layout/default.yaml (the default layout, its fonts named
    where they are) and a link layout/self that leads to itself."""
    (folder / "layout").mkdir(parents=True)
    (folder / "layout" / "default.yaml").write_text(BASE, encoding="utf-8")
    (folder / "layout" / "self").symlink_to("self")
    return folder


# name: (how the template is hurt, exit code, words the output holds)
TEMPLATE_LOOPS = {
    "the template a link to itself": (
        lambda t: (shutil.rmtree(t), t.symlink_to(t.name)), 2,
        "is a loop of symbolic links"),
    "a layout value naming a link to itself": (
        lambda t: (t / "layout" / "default.yaml").write_text(
            BASE.replace("name: 画说工会这五年 · 对开纪念版", "name: self", 1), encoding="utf-8"),
        0, ""),
    "edition.yaml naming a link to itself": (
        lambda t: (t / "edition.yaml").write_text("layout: layout/self\n"), 2,
        "the layout layout/self is not there"),
}


@pytest.mark.parametrize("name", TEMPLATE_LOOPS)
def test_a_template_with_a_link_to_itself_is_refused_or_passed_over(tmp_path, name):
    """Python 3.11 resolves a loop of links by raising RuntimeError: `spread init
    --template` ended in exit 3. The template that is a loop is refused; a link inside it
    that leads nowhere is no file to copy or to name."""
    hurt, code, says = TEMPLATE_LOOPS[name]
    template = _template(tmp_path / "tpl")
    hurt(template)
    run = spread("init", "--template", "./tpl", "new", cwd=tmp_path)
    assert run.code == code, run.text
    assert says in run.text and "Traceback" not in run.text, run.text
    assert "internal error" not in run.text, run.text
    if code == 0:
        assert "\nlayout: layout/default.yaml" in (tmp_path / "new" / "edition.yaml").read_text(
            encoding="utf-8")
        assert (tmp_path / "new" / "layout" / "default.yaml").is_file()


@pytest.mark.parametrize("out, says", [
    ("/dev/null", "/dev/null is a device or a pipe, not a folder"),
    ("loop", "loop is a symbolic link that leads to no folder"),
    ("loop/out", "loop is a symbolic link that leads to no folder"),
])
def test_an_output_folder_that_is_no_folder_is_named_for_what_it_is(tmp_path, out, says):
    """-o a device or a link that leads nowhere: refused, as before, but with «File exists»
    and the hint to look for a full disk or a read-only folder."""
    shutil.copy(CONTENT, tmp_path / "content.yaml")
    (tmp_path / "layout.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "loop").symlink_to("loop")
    run = spread("build", "content.yaml", "--layout", "layout.yaml", "-o", out,
                 "--rendition", "print", cwd=tmp_path)
    assert run.code == 2 and says in run.err and "give -o a folder" in run.err, run.text
    assert "File exists" not in run.err and "Traceback" not in run.text


@pytest.mark.parametrize("target, says", [
    ("/dev/null", "/dev/null is a device, not a folder"),
    ("content.yaml", "content.yaml is a file, not a folder"),
    ("pipe", "pipe is a named pipe, not a folder"),
])
def test_init_into_what_is_no_folder_names_what_it_is(tmp_path, target, says):
    """`spread init /dev/null` or a file said «exists and is not empty»: no folder was."""
    (tmp_path / "content.yaml").write_text("headline: 标题\n", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe")
    run = spread("init", target, cwd=tmp_path)
    assert run.code == 2 and says in run.err and "not empty" not in run.err, run.text
    assert (tmp_path / "content.yaml").read_text(encoding="utf-8") == "headline: 标题\n"
