"""Shared fixtures: the repository's own content, layout and fonts, and one build of the
default page per test session (building is the slow part; reading back is cheap)."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import resource
import shutil
import site
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis's per-example deadline is a wall-clock limit: none, on a shared CI machine. The
# suite draws the same examples every run (derandomized, no example database), wherever it
# runs and however it is started: a property that fails for one rare example fails every
# time or never, not now and then. SPREAD_EXPLORE=1 draws new examples each run, to hunt for
# such examples (pin each one found with @example). The too_slow health check is timed by
# the clock too, so a busy machine must not fail it either
settings.register_profile("explore", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("suite", settings.get_profile("explore"), derandomize=True,
                          database=None)
settings.load_profile("explore" if os.environ.get("SPREAD_EXPLORE") else "suite")

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content.yaml"
LAYOUT = ROOT / "layout" / "default.yaml"
SEED = "seed/000_e86f62651620673c.txt"  # the page's source text, under the shared folder


def _git_common_dir(checkout: Path) -> Path | None:
    """The repository's own .git folder; for a linked worktree (whose .git is a file naming
    its private git dir) the common one, which sits in the main checkout."""
    dot_git = checkout / ".git"
    if dot_git.is_dir():
        return dot_git
    if not dot_git.is_file():
        return None
    line = dot_git.read_text(encoding="utf-8").strip()
    if not line.startswith("gitdir:"):
        return None
    private = (checkout / line.partition(":")[2].strip()).resolve()
    common = private / "commondir"
    return (private / common.read_text(encoding="utf-8").strip()).resolve() \
        if common.is_file() else private


def _shared_candidates() -> list[Path]:
    """Where the shared folder (the source text and the outside tools) may be, in order:
    $SPREAD_SHARED, beside this checkout, beside the main checkout of a git worktree."""
    places = []
    if os.environ.get("SPREAD_SHARED"):
        places.append(Path(os.environ["SPREAD_SHARED"]))
    places.append(ROOT.parent / "shared")
    common = _git_common_dir(ROOT)
    if common is not None:
        places.append(common.parent.parent / "shared")
    return list(dict.fromkeys(places))  # once each, in order


def shared(relative: str) -> Path:
    """A file of the shared folder; the calling test is skipped, naming every place looked
    in, when no copy of the folder holds it."""
    places = _shared_candidates()
    for folder in places:
        if (folder / relative).is_file():
            return folder / relative
    pytest.skip(f"needs shared/{relative}; looked in " + ", ".join(map(str, places))
                + " (set SPREAD_SHARED to the shared folder)")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def default_build(tmp_path_factory):
    """The default page built once with every rendition; returns the BuildResult."""
    from spread.build import build
    from spread.renditions import RENDITIONS

    out = tmp_path_factory.mktemp("out")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return build(str(CONTENT), str(LAYOUT), str(out), tuple(RENDITIONS))
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="session")
def print_pdf(default_build) -> Path:
    return default_build.outputs["print.pdf"]


def edition_files(out: Path) -> list[str]:
    """What a build wrote of an edition into `out`: its files, leaving out the failure proof
    a failed build writes beside it (NAME.failed.proof.pdf/.png)."""
    if not out.exists():
        return []
    return sorted(p.name for p in out.iterdir() if ".failed.proof." not in p.name)


def lead_page_layout(folder: Path) -> Path:
    """The default layout cut to its banner and lead rows, its headline small enough for a
    longer one: a layout for content that has a headline and a lead and nothing else."""
    import yaml

    data = yaml.safe_load(LAYOUT.read_text(encoding="utf-8").replace(
        "../fonts/", f"{ROOT}/fonts/"))
    data["rows"] = [row for row in data["rows"] if row["name"] in ("banner", "lead")]
    data["styles"]["headline"]["size"] = "60pt"
    path = Path(folder) / "lead-page.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


# -- the wheel, built and installed once per session --------------------------------------
# Offline: the wheel is built without build isolation (setuptools comes with the test extras)
# and installed without dependencies; the new environment borrows this one's dependencies
# through a .pth file, which does not pull in this environment's editable spread.

# what the wheel is built from: the project files and the folders setup.py bundles
WHEEL_SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "CHANGELOG.md",
                 "content.yaml", "src", "layout", "fonts")


def run(*args, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """A command that must succeed, without a traceback."""
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                          timeout=900, env=env)  # only a hung process takes this long
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("checkout")
    for name in WHEEL_SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        elif path.is_file():
            shutil.copy2(path, source / name)
    out = tmp_path_factory.mktemp("wheel")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
        "--no-cache-dir", "-q", "-w", out, source, cwd=source)
    (built,) = out.glob("spread-*.whl")
    return built


@pytest.fixture(scope="session")
def installed(wheel, tmp_path_factory) -> Path:
    """A new virtual environment with the wheel installed; returns its `spread` script."""
    venv = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=venv)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
        "--no-cache-dir", "-q", wheel, cwd=venv)
    purelib = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                       cwd=venv).stdout.strip())
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"],
                *site.getsitepackages()}
    (purelib / "borrowed-dependencies.pth").write_text(
        "".join(f"{p}\n" for p in sorted(borrowed)), encoding="utf-8")
    return venv / "bin" / "spread"


# spread.cli.main run on each case ({"name", "args"}) in one child process: its exit code and
# what it printed, apart
CLI_DRIVER = textwrap.dedent("""
    import contextlib, io, json, sys
    from spread.cli import main

    results = {}
    for case in json.load(sys.stdin):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(case["args"])
        results[case["name"]] = {"code": code, "stdout": out.getvalue(), "stderr": err.getvalue()}
    json.dump(results, sys.stdout)
""")


def run_cli_cases(cases: list[dict], cpu_seconds: int) -> dict:
    """Each case through spread.cli.main, in one child process under a CPU bound (a bound on
    work, not time: a hang shows as a kill)."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))

    done = subprocess.run([sys.executable, "-c", CLI_DRIVER], input=json.dumps(cases),
                          capture_output=True, text=True, cwd=ROOT, preexec_fn=limit)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def page_photos(pages: Path):
    """The photos.py beside a newcomer's pages, loaded: its draw(name, folder) makes an
    edition's photos (they are drawn, not kept in the repository)."""
    spec = importlib.util.spec_from_file_location(f"{pages.name}_photos", pages / "photos.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_edition(desk: Path, name: str, *args: str) -> subprocess.CompletedProcess:
    """`spread [ARGS] build NAME/content.yaml` run from `desk`, as a newcomer runs it."""
    return subprocess.run([sys.executable, "-m", "spread", *args, "build", f"{name}/content.yaml"],
                          cwd=desk, capture_output=True, text=True, timeout=900)


def texts_not_printed(folder: Path, ignored: str = "\\s\u3000*`·") -> list[str]:
    """The printed texts of an edition's content.yaml that its print PDF does not read
    back, compared with the characters of the class `ignored` (spaces, marks) left out."""
    import pypdfium2
    import yaml

    def squeezed(text: str) -> str:
        return re.sub(f"[{ignored}]", "", text)

    content = yaml.safe_load((folder / "content.yaml").read_text(encoding="utf-8"))
    pdf = pypdfium2.PdfDocument(folder / "out" / "content.print.pdf")
    read = squeezed("".join(page.get_textpage().get_text_range() for page in pdf))
    return [t for t in printed_texts(content) if t.strip() and squeezed(t) not in read]


def typography_findings(pdf: Path) -> list[dict]:
    """`spread check --typography`'s findings on a PDF, read from its --json report."""
    done = subprocess.run([sys.executable, "-m", "spread", "--json", "check", "--typography",
                           str(pdf)], capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    return json.loads(done.stdout)["findings"]


def outside_tool(name: str, pdf: Path, *args: str) -> str:
    """What one of the brief's outside meters (../shared/tools/NAME) prints for a PDF."""
    done = subprocess.run([sys.executable, str(shared(f"tools/{name}")), str(pdf), *args],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def assert_on_grid_and_drawn(build: subprocess.CompletedProcess, pdf: Path) -> None:
    """The make-up report's grid and the outside meters agree: no body line off the page's
    grid (grid_audit, and the build's own report), no code drawn as .notdef (notdef_check)."""
    said = re.search(r"make-up: .*; (\d+) of (\d+) body lines off the grid",
                     build.stdout + build.stderr)
    assert said and said.group(1) == "0", build.stdout + build.stderr
    assert re.search(r"grid: off=0 of \d+ lines", outside_tool("grid_audit.py", pdf))
    assert re.search(r"notdef: 0 bad codes", outside_tool("notdef_check.py", pdf))


def assert_print_passes_its_checks(build: subprocess.CompletedProcess, pdf: Path) -> None:
    """A newcomer's print file as the plant and the proofreader take it: CMYK only, its
    preflight (`spread check`) clean, the typography meter finding nothing, every body line
    on the grid and every glyph drawn."""
    from test_any_page import assert_print_colours_are_cmyk

    assert_print_colours_are_cmyk(pdf)
    done = subprocess.run([sys.executable, "-m", "spread", "check", str(pdf)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert typography_findings(pdf) == []
    assert_on_grid_and_drawn(build, pdf)


def holes(pdf: Path) -> list[tuple[int, int]]:
    """The white the brief's hole meter counts (hole_audit --min-w 40 --min-h 15), in mm."""
    found = re.findall(r"hole\s+(\d+) x\s+(\d+) mm",
                       outside_tool("hole_audit.py", pdf, "--min-w", "40", "--min-h", "15"))
    return [(int(w), int(h)) for w, h in found]


def own_edition(source: Path, folder: Path) -> None:
    """A newcomer's edition copied to `folder`, its layouts naming spread's fonts by absolute
    path (they are written as --copy-layout names them, relative to the checkout)."""
    shutil.copytree(source, folder)
    for own in (folder / "layout").glob("*.yaml"):
        text = own.read_text(encoding="utf-8")
        own.write_text(text.replace("../../../../../fonts/", f"{ROOT / 'fonts'}/"),
                       encoding="utf-8")


def drawn_edition(pages: Path, desk: Path, name: str, source: str | None = None) -> Path:
    """A newcomer's edition (`pages`/`source`, default `name`) copied out of the repository
    as `name` under `desk`, its pictures drawn."""
    folder = desk / name
    own_edition(pages / (source or name), folder)
    page_photos(pages).draw(source or name, folder)
    return folder


def built_editions(pages: Path, names, desk: Path) -> dict:
    """Each edition drawn and built once by `spread build NAME/content.yaml` from the folder
    above, as the newcomer did: its folder and the finished process, by name."""
    return {name: (drawn_edition(pages, desk, name), build_edition(desk, name))
            for name in names}


def printed_texts(node) -> list[str]:
    """Every text of a content file that is printed (not file names nor quotation refs)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [t for key, value in node.items() if key not in ("file", "from", "kind", "chart")
                for t in printed_texts(value)]
    if isinstance(node, list):
        return [t for value in node for t in printed_texts(value)]
    return []


STRESS = Path(__file__).resolve().parent / "data" / "stress"
STRESS_LAYOUTS = {"9字": STRESS / "layout-9zi.yaml",
                  "default": Path(__file__).resolve().parent.parent / "layout" / "default.yaml"}


def stress_page(content: str, layout: str, out: Path) -> tuple[list, list[str]]:
    """A stress text (tests/data/stress/`content`) built to print on the 9字 or the default
    layout in `out`: the typography meter's report of it, and its lines as pdfium reads
    them."""
    import pypdfium2 as pdfium

    from spread.build import build
    from spread.check.typography import check_typography

    result = build(str(STRESS / content), str(STRESS_LAYOUTS[layout]), str(out), ("print",),
                   check=False)
    pdf = result.outputs["print.pdf"]
    text = pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range()
    return check_typography(pdf), text.replace("\r", "").split("\n")
