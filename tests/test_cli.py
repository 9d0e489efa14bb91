"""Every verb through the real entry point (`python -m spread`, a new process each time), with
its exit code: 0 ok, 1 problems found, 2 usage or input error, 3 internal error."""

from __future__ import annotations

import json
import queue
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from spread import __version__

from conftest import CONTENT, LAYOUT, ROOT, lead_page_layout

TIMEOUT = 900  # s: only a hung process takes this long, however busy the machine


def spread(*args: str, cwd: Path = ROOT, check: int | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "spread", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=TIMEOUT)
    if check is not None:
        assert done.returncode == check, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr or "--debug" in args, done.stderr
    return done


def overset_text() -> str:
    """The default content with one intro thirty times over: far more than its region holds."""
    text = CONTENT.read_text(encoding="utf-8")
    intro = re.search(r"\n    intro: (五年来，区总工会坚持围绕中心.*)\n", text).group(1)
    return text.replace(intro, intro * 30)


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    """A folder holding a copy of the default content, built once (print only)."""
    folder = tmp_path_factory.mktemp("edition")
    shutil.copy(CONTENT, folder / "content.yaml")
    spread("build", "content.yaml", "--layout", LAYOUT, "-o", "out", "--rendition", "print",
           cwd=folder, check=0)
    return folder


# -- the command itself ---------------------------------------------------------------------

def test_version():
    assert spread("--version", check=0).stdout.strip() == f"spread {__version__}"


def test_no_verb_or_an_unknown_one_is_a_usage_error():
    assert "build" in spread(check=2).stderr
    assert "invalid choice" in spread("bild", check=2).stderr
    assert "did you mean 'print'" in spread("build", "--rendition", "prnt", check=2).stderr


def test_an_unexpected_exception_is_an_internal_error_with_exit_3(monkeypatch, capsys):
    """In-process, since only a bug raises one: the message says so and how to see more."""
    from spread import build, cli

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(build, "build", broken)
    assert cli.main(["build", str(CONTENT), "--layout", str(LAYOUT)]) == 3
    err = capsys.readouterr().err
    assert "internal error: ZeroDivisionError: boom" in err and "--debug" in err
    assert "Traceback" not in err
    assert cli.main(["--debug", "build", str(CONTENT), "--layout", str(LAYOUT)]) == 3
    assert "Traceback" in capsys.readouterr().err


# -- build ----------------------------------------------------------------------------------

def test_build_writes_the_print_pdf_and_reports_it_as_json(edition):
    done = spread("build", "content.yaml", "--layout", LAYOUT, "-o", "json-out",
                  "--rendition", "print", "--json", cwd=edition, check=0)
    report = json.loads(done.stdout)
    assert report["ok"] is True
    pdf = edition / report["outputs"]["print.pdf"]
    with pikepdf.open(pdf) as doc:
        assert len(doc.pages) == 1
        assert str(doc.trailer.Info.GTS_PDFXVersion) == "PDF/X-1:2001"
    assert pdf.read_bytes() == (edition / "out" / "content.print.pdf").read_bytes()


def test_broken_yaml_is_exit_2_with_file_line_column_and_caret(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("headline: 标题\nlead:\n  - 第一段\n - 第二段\n", encoding="utf-8")
    done = spread("build", bad, "--layout", LAYOUT, "-o", tmp_path / "out", check=2)
    assert f"{bad}:4:2: YAML syntax error" in done.stderr
    assert "    4 |  - 第二段\n" in done.stderr and "^" in done.stderr
    assert "Traceback" not in done.stderr
    assert "Traceback" in spread("--debug", "build", bad, "--layout", LAYOUT, check=2).stderr
    assert not (tmp_path / "out").exists()


def test_a_misspelt_key_gets_did_you_mean(tmp_path):
    bad = tmp_path / "c.yaml"
    bad.write_text("headline: 标题\nsections:\n  - titel: 建功立业\n", encoding="utf-8")
    done = spread("build", bad, "--layout", LAYOUT, "--json", check=2)
    error = json.loads(done.stdout)["error"]
    assert (error["line"], error["column"], error["path"]) == (3, 5, "sections[0]")
    assert error["hint"] == "did you mean 'title'?"


def test_a_failed_build_leaves_the_previous_output_byte_identical(edition, tmp_path):
    folder = tmp_path / "e"
    shutil.copytree(edition, folder)
    out = folder / "out" / "content.print.pdf"
    before = out.read_bytes()
    (folder / "content.yaml").write_text(overset_text(), encoding="utf-8")
    done = spread("build", "content.yaml", "--layout", LAYOUT, "-o", "out", "--rendition",
                  "print", cwd=folder, check=1)
    assert "overset" in done.stderr and "content.yaml:" in done.stderr
    (folder / "content.yaml").write_text("headline: [\n", encoding="utf-8")
    spread("build", "content.yaml", "--layout", LAYOUT, "-o", "out", cwd=folder, check=2)
    assert out.read_bytes() == before
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]


def test_two_builds_into_one_folder_at_once_leave_whole_files(edition, tmp_path):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "spread", "build", str(edition / "content.yaml"),
               "--layout", str(LAYOUT), "-o", str(out), "--rendition", "print"]
    subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT)
    built = out / "content.print.pdf"
    alone = built.read_bytes()
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(2)]
    # read while waiting: a child whose output fills the pipe would wait for its reader
    said = [p.communicate(timeout=TIMEOUT) for p in runs]
    assert [p.returncode for p in runs] == [0, 0], said
    assert built.read_bytes() == alone
    with pikepdf.open(built) as doc:
        assert len(doc.pages) == 1
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_a_batch_builds_each_file_with_progress_and_the_worst_exit_code(tmp_path):
    for name in ("a", "b", "c"):
        shutil.copy(CONTENT, tmp_path / f"{name}.yaml")
    (tmp_path / "d.yaml").write_text("headline: 标题\nlead: [\n", encoding="utf-8")
    files = [tmp_path / f"{n}.yaml" for n in "abcd"]
    done = spread("build", *files, "--layout", LAYOUT, "-o", tmp_path / "out", "-j", "2",
                  "--rendition", "print", "--json", check=2)
    progress = [line for line in done.stderr.splitlines() if line.startswith("[")]
    assert [p.split("]")[0] for p in progress] == ["[1/4", "[2/4", "[3/4", "[4/4"]
    assert sum("FAILED" in p for p in progress) == 1
    assert "d.yaml:2:8: YAML syntax error: the file ends in the middle of a value" in done.stderr
    report = json.loads(done.stdout)
    assert [r["ok"] for r in report["results"]] == [True, True, True, False]
    for name in "abc":
        with pikepdf.open(tmp_path / "out" / f"{name}.print.pdf") as doc:
            assert len(doc.pages) == 1


def test_a_batch_refuses_two_files_of_one_name(tmp_path):
    (tmp_path / "x").mkdir()
    shutil.copy(CONTENT, tmp_path / "content.yaml")
    shutil.copy(CONTENT, tmp_path / "x" / "content.yaml")
    done = spread("build", tmp_path / "content.yaml", tmp_path / "x" / "content.yaml",
                  "--layout", LAYOUT, "-o", tmp_path / "out", check=2)
    assert "would both be written as content.*" in done.stderr


# -- check ----------------------------------------------------------------------------------

SLIPS = "# 注释保留\nheadline: 画说工会,这五年\nlead:\n  - 五年秉持初心，，笃然奋进“\n"


def test_check_lints_content_and_fix_rewrites_it(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(SLIPS, encoding="utf-8")
    layout = lead_page_layout(tmp_path)  # checked with a layout that places what it has
    done = spread("check", path, "--layout", layout, check=1)
    assert f"{path}:2:15 (headline): ASCII ',' in Chinese text" in done.stdout
    assert f"{path}:4:11 (lead[0]): '，' written 2 times" in done.stdout
    assert f"{path}:4:17 (lead[0]): '“' is never closed" in done.stdout
    assert path.read_text(encoding="utf-8") == SLIPS  # checking alone writes nothing
    fixed = spread("check", "--fix", "--json", path, "--layout", layout, check=1)
    report = json.loads(fixed.stdout)
    assert report["fixed"] == 2 and [f["rule"] for f in report["findings"]] == ["unbalanced"]
    assert path.read_text(encoding="utf-8") == (
        "# 注释保留\nheadline: 画说工会，这五年\nlead:\n  - 五年秉持初心，笃然奋进“\n")


def test_check_passes_the_repository_content_and_validates_a_layout():
    assert "0 finding(s); the content validates" in spread("check", CONTENT, check=0).stdout
    assert "the layout validates" in spread("check", LAYOUT, check=0).stdout


def test_check_reports_a_content_that_does_not_validate(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("headline: 标题\nfigures:\n  - {figure: 9家, label: x, from: "
                    "{section: 无, item: 1}}\n", encoding="utf-8")
    done = spread("check", path, check=2)
    assert "which is not on the page" in done.stdout


def test_check_preflights_a_pdf(edition, tmp_path):
    preflight = pytest.importorskip("spread.check.preflight",
                                    reason="the preflight (spread.check.preflight) is not here")
    assert preflight
    pdf = edition / "out" / "content.print.pdf"
    done = spread("check", pdf, "--json")
    report = json.loads(done.stdout)
    assert done.returncode == (0 if report["ok"] else 1)
    # a plain PDF is no PDF/X: problems found
    import pikepdf

    plain = pikepdf.new()
    plain.add_blank_page()
    plain.save(tmp_path / "plain.pdf")
    failed = spread("check", tmp_path / "plain.pdf", check=1)
    assert "FAILED" in failed.stdout
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"\x00\xff" * 500)
    assert "is not a PDF" in spread("check", garbage, check=2).stderr


# -- proof, watch, fonts, verify, init, schema ----------------------------------------------

def test_proof_prints_the_png_path(edition, tmp_path):
    done = spread("proof", edition / "content.yaml", "--layout", LAYOUT, "-o", tmp_path,
                  check=0)
    png = Path(done.stdout.strip())
    assert png == tmp_path / "content.proof.png"
    with Image.open(png) as picture:
        assert picture.format == "PNG" and picture.width > 500
        assert round(picture.info["dpi"][0]) >= 150  # body text readable (issue 16)


def save(path: Path, text: str) -> None:
    """As an editor saves: the whole new text at once."""
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


class Lines:
    """A child process's stdout read line by line, with a timeout per line."""

    def __init__(self, process: subprocess.Popen):
        self.queue: queue.Queue = queue.Queue()
        threading.Thread(target=self._pump, args=(process.stdout,), daemon=True).start()

    def _pump(self, stream) -> None:
        for line in stream:
            self.queue.put(line)

    def next_event(self, timeout: float = TIMEOUT) -> dict:
        return json.loads(self.queue.get(timeout=timeout))


def test_watch_rebuilds_on_change_and_reports_errors(edition, tmp_path):
    content = tmp_path / "content.yaml"
    shutil.copy(edition / "content.yaml", content)
    good = content.read_text(encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "spread", "--json", "watch", str(content), "--layout",
         str(LAYOUT), "-o", str(tmp_path / "out"), "--rendition", "print", "--interval", "0.1",
         "--max-builds", "3"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = Lines(process)
        first = lines.next_event()
        assert first["event"] == "built" and first["outputs"][0].endswith("content.print.pdf")
        save(content, good.replace("headline: 画说工会这五年", "headline: [画说"))
        changed = lines.next_event()
        assert (changed["event"], changed["files"]) == ("changed", [str(content)])
        error = lines.next_event()
        assert error["event"] == "error" and error["where"].startswith(f"{content}:")
        assert error["exit_code"] == 2
        save(content, good)
        assert lines.next_event()["event"] == "changed"
        assert lines.next_event()["event"] == "built"
        assert process.wait(TIMEOUT) == 0
    finally:
        process.kill()
        process.wait()


def test_watch_once_builds_and_stops(edition, tmp_path):
    done = spread("watch", edition / "content.yaml", "--layout", LAYOUT, "-o", tmp_path,
                  "--rendition", "print", "--once", check=0)
    assert "built in" in done.stdout and (tmp_path / "content.print.pdf").is_file()


def test_fonts_reports_every_role(edition):
    done = spread("fonts", edition / "content.yaml", "--layout", LAYOUT, "--json", check=0)
    report = json.loads(done.stdout)
    assert {r["role"] for r in report["roles"]} >= {"song", "hei", "kai"}
    assert report["missing"] == {}


def test_verify_a_build_then_a_tampered_one(tmp_path):
    pytest.importorskip("spread.manifest", reason="the manifest (spread.manifest) is not here")
    shutil.copy(CONTENT, tmp_path / "content.yaml")
    spread("build", "content.yaml", "--layout", LAYOUT, "-o", "out", "--rendition", "print",
           cwd=tmp_path, check=0)
    manifest = tmp_path / "out" / "content.manifest.json"
    spread("verify", manifest, check=0)
    with open(tmp_path / "out" / "content.print.pdf", "ab") as fh:
        fh.write(b"%tampered\n")
    assert spread("verify", manifest, "--json", check=1).stdout.strip().startswith("{")
    assert "no such file" in spread("verify", tmp_path / "nothing.json", check=2).stderr


def test_init_makes_an_edition_that_checks_and_builds(tmp_path):
    target = tmp_path / "new"
    done = spread("init", target, check=0)
    assert "wrote" in done.stdout
    spread("check", "content.yaml", cwd=target, check=0)
    built = spread("build", "--rendition", "print", "--json", cwd=target, check=0)
    assert json.loads(built.stdout)["outputs"]["print.pdf"] == "out/content.print.pdf"
    assert "not empty" in spread("init", target, check=2).stderr


def test_init_with_copied_fonts_stands_on_its_own(tmp_path):
    target = tmp_path / "own"
    spread("init", target, "--copy-fonts", check=0)
    layout = (target / "layout" / "default.yaml").read_text(encoding="utf-8")
    assert layout == LAYOUT.read_text(encoding="utf-8")  # relative paths unchanged
    assert (target / "fonts" / "OFL.txt").is_file()
    assert sorted(p.name for p in (target / "fonts").glob("*.ttf")) == sorted(
        p.name for p in (ROOT / "fonts").glob("*.ttf"))


def test_schema_prints_what_docs_schema_holds():
    for name in ("content", "layout"):
        printed = spread("schema", name, check=0).stdout
        published = (ROOT / "docs" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
        assert printed == published, (
            f"docs/schema/{name}.schema.json is out of date: run "
            f"`spread schema {name} -o docs/schema/{name}.schema.json`")
        assert json.loads(printed)["$defs"]


def model_keys(cls, seen=None) -> set[str]:
    """Every YAML key of a model, nested types included."""
    import dataclasses
    import typing

    from spread.schema import KEY, yaml_fields

    seen = set() if seen is None else seen
    if cls in seen:
        return set()
    seen.add(cls)
    keys = set()
    hints = typing.get_type_hints(cls)
    for f in yaml_fields(cls):
        keys.add(f.metadata.get(KEY, f.name))
        stack = [hints[f.name]]
        while stack:
            hint = stack.pop()
            stack += typing.get_args(hint)
            if dataclasses.is_dataclass(hint) and not hasattr(hint, "from_node"):
                keys |= model_keys(hint, seen)
    return keys


def test_the_formats_reference_names_every_key():
    from spread.content import Content
    from spread.template import Layout

    doc = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    for model in (Content, Layout):
        missing = sorted(k for k in model_keys(model) if f"`{k}`" not in doc
                         and f"{k}:" not in doc)
        assert not missing, f"docs/formats.md does not describe {model.__name__} keys {missing}"


def test_build_checks_what_it_wrote(tmp_path):
    """Every build re-reads its print and archive files against their standards."""
    done = spread("--json", "build", CONTENT, "--layout", LAYOUT, "-o", tmp_path, check=0)
    report = json.loads(done.stdout)
    assert report["ok"] is True
    assert report["checks"]["print.pdf"]["ok"] and report["checks"]["archive.pdf"]["ok"]


def test_check_knows_an_archive_file_by_its_pdfa_declaration(default_build):
    archive = default_build.outputs["archive.pdf"]
    done = spread("check", archive, check=0)
    assert "PDF/A-2b and level U pass" in done.stdout
    printed = spread("check", default_build.outputs["print.pdf"], check=0)
    assert "PDF/X-1a:2001 preflight" in printed.stdout


def test_dump_prints_the_page_model_and_the_content_as_text():
    layout = spread("dump", CONTENT, "--layout", LAYOUT, check=0).stdout
    assert layout.splitlines()[0].startswith("page ")
    assert any(line.startswith("text ") and line.endswith("画说工会这五年")
               for line in layout.splitlines())
    assert spread("dump", CONTENT, "--layout", LAYOUT, check=0).stdout == layout  # stable
    content = spread("dump", CONTENT, "--stage", "content", check=0).stdout
    assert "sections[3].title: 文化文明" in content
    assert "sections[3].intro" not in content  # no intro in the source: nothing invented


# -- editions: a content file finds its layout -----------------------------------------------

def test_an_edition_builds_from_its_parent_folder(tmp_path):
    spread("init", "mypage", cwd=tmp_path, check=0)
    assert (tmp_path / "mypage" / "edition.yaml").read_text(encoding="utf-8").endswith(
        "layout: default\n")
    done = spread("build", "mypage/content.yaml", "--rendition", "print", "--json",
                  cwd=tmp_path, check=0)
    assert json.loads(done.stdout)["outputs"]["print.pdf"] == "mypage/out/content.print.pdf"
    from spread import cli  # an edition folder stands for its content.yaml

    folder = str(tmp_path / "mypage")
    given = {verb: vars(cli._parser().parse_args([verb, folder]))
             for verb in ("build", "check", "proof", "dump")}
    content = f"{folder}/content.yaml"
    assert given["build"]["content"] == [content]
    assert given["check"]["file"] == given["proof"]["content"] == given["dump"]["content"] \
        == content


def test_a_content_file_without_a_layout_says_where_it_looked(tmp_path):
    (tmp_path / "lone").mkdir()
    shutil.copy(CONTENT, tmp_path / "lone" / "content.yaml")
    done = spread("build", "lone/content.yaml", cwd=tmp_path, check=2)
    assert ("no layout for lone/content.yaml: found neither edition.yaml nor "
            "layout/default.yaml in lone or a folder above it") in done.stderr
    assert "hint: write lone/edition.yaml with `layout: default`" in done.stderr
    (tmp_path / "lone" / "edition.yaml").write_text("layout: layouts/page.yaml\n",
                                                   encoding="utf-8")
    done = spread("build", "lone/content.yaml", cwd=tmp_path, check=2)
    assert "lone/edition.yaml:1:9 (layout): the layout layouts/page.yaml is not there" \
        in done.stderr


def test_edition_yaml_names_spread_own_layout(tmp_path, monkeypatch):
    from spread import bundle
    from spread.edition import layout_for

    monkeypatch.chdir(tmp_path)
    Path("edition.yaml").write_text("layout: tabloid-spread\n", encoding="utf-8")
    assert layout_for("content.yaml") == str(bundle.layouts()["tabloid-spread"])
    Path("edition.yaml").write_text("layuot: default\n", encoding="utf-8")
    with pytest.raises(Exception, match="unknown key 'layuot' in edition.yaml") as caught:
        layout_for("content.yaml")
    assert caught.value.hint == "did you mean 'layout'?"


def test_init_names_spread_own_layout_or_copies_it(tmp_path):
    from spread.edition import create

    made = create(str(tmp_path / "two"), template="tabloid-spread")
    assert [p.name for p in made] == ["content.yaml", "edition.yaml"]
    assert made[1].read_text(encoding="utf-8").endswith("\nlayout: tabloid-spread\n")
    made = create(str(tmp_path / "own"), template="tabloid-spread", copy_layout=True)
    assert [p.name for p in made] == ["content.yaml", "edition.yaml", "tabloid-spread.yaml"]
    assert made[1].read_text(encoding="utf-8").endswith("\nlayout: layout/tabloid-spread.yaml\n")
    assert str(ROOT / "fonts" / "NotoSerifSC-Regular.ttf") in made[2].read_text(encoding="utf-8")
    # an edition set by spread's own layout is a template for the next one
    made = create(str(tmp_path / "next"), template=str(tmp_path / "two"))
    assert made[1].read_text(encoding="utf-8").endswith("\nlayout: tabloid-spread\n")


def test_init_from_a_layout_without_a_starter_writes_items_for_its_repeated_rows(tmp_path):
    """The news layout copied into an edition folder has no starter there: the skeleton
    init writes from it holds a full row of stories (the repeat's across: 2), the lead
    photo as a drawn placeholder, and only what the layout places — and it builds."""
    import pypdfium2 as pdfium
    import yaml

    spread("init", "--template", "news", "--copy-layout", tmp_path / "news", check=0)
    done = spread("init", "--template", tmp_path / "news", tmp_path / "mine", check=0)
    assert "mine/photos/1.jpg" in done.stdout
    data = yaml.safe_load((tmp_path / "mine" / "content.yaml").read_text(encoding="utf-8"))
    assert [s["title"] for s in data["sections"]] == ["栏目一", "栏目二"]
    assert "report" not in data["sections"][0]  # a story region sets no report list
    assert "honour_roll" not in data and data["pictures"][0]["file"] == "photos/1.jpg"
    built = spread("build", tmp_path / "mine" / "content.yaml", "--rendition", "print",
                   cwd=tmp_path, check=0)
    assert "wrote" in built.stdout
    pdf = pdfium.PdfDocument(tmp_path / "mine" / "out" / "content.print.pdf")
    try:
        page = pdf[0]
        text = page.get_textpage().get_text_range()
        images = [o for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
    finally:
        pdf.close()
    assert "栏目一" in text and "栏目二" in text and "标题" in text and len(images) == 1


def test_init_template_by_name_is_spread_own_even_beside_a_folder_of_that_name(tmp_path):
    """A folder photo/ in the current folder (an edition set by the news layout) does not
    shadow spread's own photo template: the bare name is spread's, with a note; the folder
    is named as a path."""
    spread("init", "--template", "news", "photo", cwd=tmp_path, check=0)
    done = spread("init", "--template", "photo", "mine", cwd=tmp_path, check=0)
    assert (tmp_path / "mine" / "edition.yaml").read_text(encoding="utf-8").endswith(
        "\nlayout: photo\n")
    assert "--template ./photo" in done.stderr
    spread("init", "--template", "./photo", "copied", cwd=tmp_path, check=0)
    assert (tmp_path / "copied" / "edition.yaml").read_text(encoding="utf-8").endswith(
        "\nlayout: news\n")


# -- help, did-you-mean, JSON, completion ---------------------------------------------------

def test_every_verb_has_a_description_and_examples(capsys):
    from spread import cli

    verbs = next(a for a in cli._parser()._actions if a.dest == "verb").choices
    assert set(verbs) == set(cli.VERBS)
    for verb, (_, description, _) in cli.VERBS.items():
        with pytest.raises(SystemExit) as stopped:
            cli.main([verb, "--help"])
        assert stopped.value.code == 0
        shown = capsys.readouterr().out
        assert description.split("\n")[0] in shown, verb
        assert "\nexamples:\n  spread " in shown or "\nexamples:\n  source <(spread" in shown


def test_a_misspelt_verb_or_choice_gets_did_you_mean():
    done = spread("biuld", check=2)
    assert "invalid choice: 'biuld'" in done.stderr
    assert done.stderr.rstrip().endswith("hint: did you mean 'build'?")
    assert "did you mean 'layout'?" in spread("dump", "--stage", "layuot", check=2).stderr


def test_json_is_json_for_every_verb_and_for_usage_errors(capsys, tmp_path):
    from spread import cli

    assert cli.main(["--json", "biuld"]) == 2
    shown = capsys.readouterr()
    assert json.loads(shown.out)["error"]["hint"] == "did you mean 'build'?"
    assert "hint: did you mean 'build'?" in shown.err
    assert cli.main(["completion", "zsh", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["script"].startswith("#compdef spread")
    assert cli.main(["schema", "layout", "--json", "-o", str(tmp_path / "s.json")]) == 0
    assert json.loads(capsys.readouterr().out)["wrote"] == str(tmp_path / "s.json")


def test_a_misspelt_type_size_gets_did_you_mean():
    from spread import template
    from spread.errors import InputError

    text = LAYOUT.read_text(encoding="utf-8")
    body = "body:           {font: song, size: 小四,"
    assert body in text
    for written, meant in (("5号", "五号"), ("小4", "小四"), ("小五号", "小五"), ("四", "四号")):
        with pytest.raises(InputError) as caught:
            template.load(str(LAYOUT), text.replace(body, body.replace("小四", written)))
        assert caught.value.hint == f"did you mean {meant}?", written
        assert caught.value.where.line == text[:text.index(body)].count("\n") + 1
    with pytest.raises(InputError) as caught:
        template.load(str(LAYOUT), text.replace(body, body.replace("小四", "12 点")))
    assert caught.value.hint == "did you mean 12pt?"  # no 号 size: a length in 点 (points)


def test_dump_json_is_json_with_the_same_records_as_the_text(capsys):
    from spread import cli

    assert cli.main(["dump", "--json", "--stage", "content", str(CONTENT)]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    assert {"path": "sections[3].title", "value": "文化文明"} in items
    assert cli.main(["dump", "--stage", "content", str(CONTENT)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(items)
    assert cli.main(["dump", "--json", str(CONTENT), "--layout", str(LAYOUT)]) == 0
    page = json.loads(capsys.readouterr().out)
    assert page["stage"] == "layout" and len(page["trim"]) == 4
    assert any(i["kind"] == "text" and i["text"] == "画说工会这五年" for i in page["items"])


def completions(script: str, *words: str) -> list[str]:
    """What bash offers after `spread WORDS...` (the last word is being typed)."""
    line = " ".join(["spread", *words])
    program = (f"{script}\nCOMP_WORDS=({line}); COMP_CWORD={len(words)}\n"
               "_spread_complete; printf '%s\\n' \"${COMPREPLY[@]}\"")
    done = subprocess.run(["bash", "--norc", "-c", program], capture_output=True, text=True,
                          timeout=TIMEOUT, check=True)
    return done.stdout.split()


def test_bash_completion_offers_verbs_options_and_values(capsys):
    from spread import cli

    assert cli.main(["completion", "bash"]) == 0
    script = capsys.readouterr().out
    assert completions(script, "bu") == ["build"]
    assert completions(script, "build", "--rend") == ["--rendition"]
    assert completions(script, "build", "--rendition", "pr") == ["print", "proof"]
    assert "tabloid-spread" in completions(script, "build", "--layout", "tab")
    assert completions(script, "schema", "l") == ["layout"]


def test_zsh_completion_is_a_compdef_script(capsys):
    from spread import cli

    assert cli.main(["completion", "zsh"]) == 0
    script = capsys.readouterr().out
    assert script.startswith("#compdef spread\n")
    assert "'build:build the page'\\''s renditions'" in script
    if shutil.which("zsh"):
        subprocess.run(["zsh", "-n", "-c", script], check=True, timeout=TIMEOUT)


# -- the hunt (3): arguments that named nothing, or something else than meant -----------------

@pytest.mark.parametrize("argv, says", [
    (["build", "--rendition", ","], "--rendition ',' names no rendition"),
    (["build", "--rendition", ""], "--rendition '' names no rendition"),
    (["build", "-o", ""], "-o is empty: it names no folder"),
    (["build", "--layout", " "], "--layout is empty: it names no layout"),
    (["build", ""], "the content file name is empty"),
    (["dump", "--layout", ""], "--layout is empty"),
    (["watch", "--interval", "nan"], "more than 0 and at most 3600, not 'nan'"),
    (["watch", "--interval", "-1"], "not '-1'"),
    (["watch", "--interval", "inf"], "not 'inf'"),
    (["watch", "--rendition", ",", "--once"], "names no rendition"),
    (["build", "--layout", "https://example.com/layout.yaml"], "not from the web"),
    (["init", " "], "the edition folder's name is empty"),
    (["init", "content.yaml/new"], "cannot make the edition folder content.yaml/new: Not a "
                                   "directory"),
    (["init", "/proc/spread-edition"], "cannot make the edition folder /proc/spread-edition"),
    (["build", "~/edition/content.yaml", "--layout", str(LAYOUT)],
     "~ (the home folder) is not read in a quoted argument"),
])
def test_an_argument_that_names_nothing_is_refused(tmp_path, argv, says):
    """`--rendition ,` built every rendition, an empty -o or --layout (a script's unset
    variable) meant the default folder or layout, and a watch interval of NaN, below 0 or
    endless was an internal error (exit 3) after the first build."""
    shutil.copy(CONTENT, tmp_path / "content.yaml")
    done = spread(*argv, cwd=tmp_path, check=2)
    assert says in done.stderr, done.stderr
    assert not (tmp_path / "out").exists()


def test_the_rendition_option_given_twice_builds_both(tmp_path):
    """argparse kept the last --rendition alone: print was asked for and not built."""
    shutil.copy(CONTENT, tmp_path / "content.yaml")
    spread("build", "--layout", LAYOUT, "--rendition", "print", "--rendition", "proof,print",
           cwd=tmp_path, check=0)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "content.manifest.json", "content.print.pdf", "content.proof.pdf", "content.proof.png"]


def test_a_batch_forks_no_more_workers_than_it_has_files(tmp_path, monkeypatch, capsys):
    """The process pool forks all its workers at once: `-j 1000` for two files forked a
    thousand processes."""
    import concurrent.futures

    from spread.cli import main

    asked = []

    class Pool(concurrent.futures.ThreadPoolExecutor):  # the same work, in threads, counted
        def __init__(self, max_workers):
            asked.append(max_workers)
            super().__init__(max_workers)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Pool)
    for name in "ab":
        (tmp_path / f"{name}.yaml").write_text("headline: 标题\nlead: [\n", encoding="utf-8")
    code = main(["build", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "--layout",
                 str(LAYOUT), "-o", str(tmp_path / "out"), "-j", "1000"])
    assert code == 2 and asked == [2], (code, asked)
