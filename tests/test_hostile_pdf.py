"""A corpus of hostile PDFs, generated here, each run through the real command
(`spread.cli.main(["check", FILE])`) in one child process with its address space capped at
1.5 GB and its CPU time at 10 minutes (so a hang fails instead of blocking; no test reads a
clock). Every file must end with exit 1 (findings) or 2 (damaged, too large, not a PDF) and
a message that names what is wrong — never exit 3 or a traceback — and the child's peak
memory, measured, stays under 1 GB."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import zlib
from pathlib import Path

import pikepdf
import pytest

from spread import template
from spread.check.reading import MAX_OPERATORS, MAX_PAGES

from conftest import LAYOUT
from preflight_cases import FONT, bullet_then_text, small_pdf_bytes

ADDRESS_SPACE = 3 << 29  # 1.5 GB
PEAK = 1 << 30  # what a check may use
CPU_SECONDS = 600

_RUNNER = """
import contextlib, io, json, resource, sys
from spread.cli import main
for path in sys.argv[1:]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", path])
    print(json.dumps({"file": path, "exit": code, "out": out.getvalue(),
                      "err": err.getvalue()}), flush=True)
print(json.dumps({"maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def _limits():
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


# --- the corpus: name → (bytes, expected exit, words the message must hold) -------------

def _blank_pages(n: int, content: bytes = b"") -> pikepdf.Pdf:
    pdf = pikepdf.new()
    for _ in range(n):
        pdf.add_blank_page(page_size=(200, 200))
    if content:
        pdf.pages[0].obj.Contents = pdf.make_stream(content)
    return pdf


def _save(pdf: pikepdf.Pdf, **kw) -> bytes:
    import io

    buf = io.BytesIO()
    pdf.save(buf, **kw)
    return buf.getvalue()


def _flate_bomb() -> bytes:
    """2 MB on disk; its page content inflates to 2 GiB of spaces."""
    pdf = _blank_pages(1)
    deflate = zlib.compressobj(9)
    block = b" " * (1 << 20)
    data = b"".join(deflate.compress(block) for _ in range(2048)) + deflate.flush()
    stream = pikepdf.Stream(pdf, b"")
    stream.write(data, filter=pikepdf.Name.FlateDecode)
    pdf.pages[0].obj.Contents = pdf.make_indirect(stream)
    return _save(pdf, stream_decode_level=pikepdf.StreamDecodeLevel.none)


def _javascript(print_pdf: Path) -> bytes:
    with pikepdf.open(print_pdf) as pdf:
        pdf.Root.OpenAction = pdf.make_indirect(pikepdf.Dictionary(
            S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('hello')")))
        return _save(pdf, force_version="1.3",
                     object_stream_mode=pikepdf.ObjectStreamMode.disable)


def _encrypted(print_pdf: Path, user: str) -> bytes:
    with pikepdf.open(print_pdf) as pdf:
        return _save(pdf, encryption=pikepdf.Encryption(owner="owner", user=user))


def _archive_without_xmp(archive_pdf: Path) -> bytes:
    with pikepdf.open(archive_pdf) as pdf:
        del pdf.Root.Metadata
        return _save(pdf)


def _lost_text(layout) -> bytes:
    """A print file whose font maps 'A' to U+FFFD."""
    def paint(c):
        c.setFillColorCMYK(0, 0, 0, 1)
        c.setOverprintMask(1)
        c.setFillOverprint(True)
        c.setFont(FONT, 12)
        c.drawString(20, 40, "AB")
    import io

    with pikepdf.open(io.BytesIO(small_pdf_bytes(layout, paint))) as pdf:
        font = next(iter(pdf.pages[0].Resources.Font.values()))
        font.ToUnicode.write(font.ToUnicode.read_bytes().replace(b"<0041>", b"<FFFD>", 1))
        return _save(pdf, force_version="1.3",
                     object_stream_mode=pikepdf.ObjectStreamMode.disable)


def _knockout_black(layout) -> bytes:
    def paint(c):
        c.setFillColorCMYK(0, 0, 0, 1)
        c.setFont(FONT, 12)
        c.drawString(20, 40, "black that knocks out")
    return small_pdf_bytes(layout, paint)


_DEPTH = 100_000


def _deep_content() -> bytes:
    """Arrays nested 100 000 deep in a page's content."""
    return _save(_blank_pages(1, b"[" * _DEPTH + b"]" * _DEPTH + b" TJ 0 0 m 10 10 l S"))


def _deep_object() -> bytes:
    """Arrays nested 100 000 deep in the page dictionary."""
    raw = _save(_blank_pages(1), object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return raw.replace(b"/Type /Page ", b"/Deep " + b"[" * _DEPTH + b"]" * _DEPTH
                       + b" /Type /Page ", 1)


def _form_fan_out() -> bytes:
    """A page drawing a form 1000 times that draws a form 1000 times: a million fills
    from 20 kB."""
    pdf = _blank_pages(1)
    leaf = pdf.make_stream(b"0 0 1 1 re f", Type=pikepdf.Name.XObject,
                           Subtype=pikepdf.Name.Form, BBox=[0, 0, 1, 1])
    middle = pdf.make_stream(b"/L Do " * 1000, Type=pikepdf.Name.XObject,
                             Subtype=pikepdf.Name.Form, BBox=[0, 0, 1, 1],
                             Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(L=leaf)))
    page = pdf.pages[0]
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(M=middle))
    page.obj.Contents = pdf.make_stream(b"/M Do " * 1000)
    return _save(pdf)


def _form_drawing_itself() -> bytes:
    pdf = _blank_pages(1)
    form = pdf.make_stream(b"0 0 1 1 re f /Me Do /Me Do", Type=pikepdf.Name.XObject,
                           Subtype=pikepdf.Name.Form, BBox=[0, 0, 1, 1])
    form.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Me=form))
    page = pdf.pages[0]
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Me=form))
    page.obj.Contents = pdf.make_stream(b"/Me Do")
    return _save(pdf)


def _many_operators() -> bytes:
    return _save(_blank_pages(1, b"q Q " * (MAX_OPERATORS + 10)))


def _huge_image() -> bytes:
    """An image that says it is 100 000 × 100 000 pixels, in 1 kB."""
    pdf = _blank_pages(1)
    image = pdf.make_stream(zlib.compress(b"\0" * 1000), Type=pikepdf.Name.XObject,
                            Subtype=pikepdf.Name.Image, Width=100_000, Height=100_000,
                            ColorSpace=pikepdf.Name.DeviceCMYK, BitsPerComponent=8,
                            Filter=pikepdf.Name.FlateDecode)
    page = pdf.pages[0]
    page.obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im=image))
    page.obj.Contents = pdf.make_stream(b"q 100 0 0 100 0 0 cm /Im Do Q")
    return _save(pdf)


def _page_tree_loop() -> bytes:
    pdf = _blank_pages(1)
    raw = _save(pdf, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    # the page lists its own parent as a kid: a loop a careless walker follows forever
    return raw.replace(b"/Type /Page ", b"/Kids [ 1 0 R 2 0 R ] /Type /Page ", 1)


def _malformed_objects() -> bytes:
    """Numbers where names belong and names where numbers belong, everywhere."""
    content = (b"/a /b /c /d /e /f cm (x) (y) w /F1 /big Tf (s) Tj [1 /x (z)] TJ "
               b"1 2 re (q) 3 4 l f /Zz gs /Nope cs 1 sc /Im Do")
    pdf = _blank_pages(1, content)
    page = pdf.pages[0].obj
    page.Resources = pikepdf.Dictionary(
        Font=pikepdf.Dictionary(F1=pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0, BaseFont=pikepdf.Name.X,
            DescendantFonts=pikepdf.Array([pikepdf.Dictionary(
                W=pikepdf.Array([0, 4_000_000_000, 500, 5, pikepdf.Name.x]))]))),
        ExtGState=pikepdf.Dictionary(Zz=pikepdf.Dictionary(OP=pikepdf.Name.x,
                                                           LW=pikepdf.String("wide"))),
        XObject=pikepdf.Dictionary(Im=pdf.make_stream(b"", Subtype=pikepdf.Name.Image,
                                                      Width=pikepdf.Name.w)))
    page.TrimBox = pikepdf.Array([pikepdf.Name.a, 1, 2, 3])
    return _save(pdf)


def _no_pages() -> bytes:
    pdf = pikepdf.new()
    return _save(pdf)


def _page_set(print_pdf: Path, **entries) -> bytes:
    """The print file with its page's `entries` set (a box, /Rotate, /UserUnit)."""
    with pikepdf.open(print_pdf) as pdf:
        for key, value in entries.items():
            pdf.pages[0].obj[f"/{key}"] = value
        return _save(pdf, force_version="1.3",
                     object_stream_mode=pikepdf.ObjectStreamMode.disable)


def _run_corpus(folder: Path, runner: str, cases: dict) -> tuple[dict, dict, int]:
    """Write each case to `folder`, check them all in one child under the memory and CPU
    limits, and return the cases, each file's result and the child's peak memory (bytes)."""
    for name, (data, _, _) in cases.items():
        (folder / f"{name}.pdf").write_bytes(data)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    done = subprocess.run([sys.executable, "-c", runner,
                           *(str(folder / f"{name}.pdf") for name in cases)],
                          capture_output=True, text=True, preexec_fn=_limits, env=env,
                          timeout=3600)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    results = {Path(r["file"]).stem: r for r in lines[:-1]}
    return cases, results, lines[-1]["maxrss_kb"] * 1024


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, default_build):
    layout = template.load(str(LAYOUT))
    printed = default_build.outputs["print.pdf"]
    archive = default_build.outputs["archive.pdf"]
    raw = printed.read_bytes()
    cases = {
        "empty": (b"", 2, "is not a PDF"),
        "random": (os.urandom(4096), 2, "is not a PDF"),
        "header-then-noise": (b"%PDF-1.3\n" + os.urandom(4096), 2, "is not a readable PDF"),
        "truncated": (raw[:len(raw) * 6 // 10], 2, "the file is damaged"),
        "cut-before-eof": (raw[:-30], 2, "the file is damaged"),
        # a password to open it: nothing can be read, so it is refused, not reported on
        "encrypted": (_encrypted(printed, "secret"), 2, "remove the password"),
        "encrypted-open": (_encrypted(printed, ""), 1, "encrypted"),
        "500-pages": (_save(_blank_pages(500)), 2,
                      f"500 pages, more than the {MAX_PAGES} spread checks"),
        "flate-bomb": (_flate_bomb(), 2, "decodes to more than 64 MiB"),
        "javascript": (_javascript(printed), 1, "which runs JavaScript"),
        "knockout-black": (_knockout_black(layout), 1, "100% K text must overprint"),
        "archive-without-xmp": (_archive_without_xmp(archive), 1, "no XMP metadata"),
        "tounicode-fffd": (_lost_text(layout), 1, "to U+FFFD"),
        "deep-content": (_deep_content(), 2, "the file is damaged"),
        "deep-object": (_deep_object(), 2, "damaged"),
        "form-fan-out": (_form_fan_out(), 2, "content operators"),
        "form-drawing-itself": (_form_drawing_itself(), 1, "PDF/X"),
        "many-operators": (_many_operators(), 2, "content operators"),
        "huge-image": (_huge_image(), 2, "100000 × 100000 pixels"),
        "page-tree-loop": (_page_tree_loop(), 2, "damaged"),
        "malformed-objects": (_malformed_objects(), 2, "damaged"),
        "no-pages": (_no_pages(), 1, "the file has no pages"),
        # the hunt (5): pages the plant would image wrongly, that passed every rule
        "trim-box-of-no-area": (_page_set(printed, TrimBox=[0, 0, 0, 0]), 1,
                                "the TrimBox [0 0 0 0] has no area"),
        "rotate-45": (_page_set(printed, Rotate=45), 1,
                      "the page's /Rotate is 45, not a multiple of 90"),
        "rotate-a-name": (_page_set(printed, Rotate=pikepdf.Name.x), 1,
                          "the page's /Rotate is /x, not a multiple of 90"),
        "user-unit": (_page_set(printed, UserUnit=10), 1,
                      "prints the page 10 times its size"),
        "crop-box-inside-the-trim": (_page_set(printed, CropBox=[100, 100, 200, 200]), 1,
                                     "does not hold the TrimBox"),
        # the hunt (6): the damage said without qpdf's «file is damaged; …; Attempting to
        # reconstruct cross-reference table» around it
        "startxref-astray": (raw[:raw.rindex(b"startxref")] + b"startxref\n12345\n%%EOF\n", 2,
                             "the file is damaged: (offset 12345): xref not found\nhint:"),
    }
    return _run_corpus(tmp_path_factory.mktemp("hostile"), _RUNNER, cases)


def test_the_corpus_is_at_least_fifteen_files(corpus):
    cases, results, _ = corpus
    assert len(cases) >= 15 and set(results) == set(cases)


@pytest.mark.parametrize("name", [
    "empty", "random", "header-then-noise", "truncated", "cut-before-eof", "encrypted",
    "encrypted-open", "500-pages", "flate-bomb", "javascript", "knockout-black",
    "archive-without-xmp", "tounicode-fffd", "deep-content", "deep-object", "form-fan-out",
    "form-drawing-itself", "many-operators", "huge-image", "page-tree-loop",
    "malformed-objects", "no-pages", "trim-box-of-no-area", "rotate-45", "rotate-a-name",
    "user-unit", "crop-box-inside-the-trim", "startxref-astray"])
def test_a_hostile_file_ends_with_a_named_finding_or_refusal(corpus, name):
    cases, results, _ = corpus
    _, exit_code, words = cases[name]
    result = results[name]
    said = result["out"] + result["err"]
    assert result["exit"] == exit_code, said
    assert words in said, said
    assert "Traceback" not in said and "internal error" not in said


def test_checking_the_whole_corpus_stays_under_a_gigabyte(corpus):
    _, _, peak = corpus
    assert peak < PEAK, f"peak {peak >> 20} MiB"


def test_a_bullet_beside_text_passes_through_the_command(tmp_path):
    """Not hostile: the file the box-judging preflight got wrong, through the CLI."""
    from spread.cli import main

    layout = template.load(str(LAYOUT))
    path = tmp_path / "bullet.pdf"
    path.write_bytes(small_pdf_bytes(layout, lambda c: bullet_then_text(c, -1.5)))
    assert main(["check", str(path)]) == 0


# --- the same kind of corpus through `spread check --typography` ----------------------------
# The typographic meter reads text with pdfium, which has no bounds of its own: the file is
# opened as every check opens one, then each page's operators, shown text and characters
# are counted before pdfium builds its text page.

_TYPOGRAPHY_RUNNER = _RUNNER.replace('main(["check", path])', 'main(["check", "--typography", path])')


def _text_page(rows: list[bytes], font: pikepdf.Dictionary | None = None) -> pikepdf.Pdf:
    """One 1000 pt page drawing each of `rows` as a string, one row a line, in Helvetica
    (a standard font pdfium reads without a ToUnicode map) at 2 pt."""
    pdf = _blank_pages(1)
    page = pdf.pages[0]
    page.obj.MediaBox = [0, 0, 1000, 1000]
    page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font or pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)))
    ops = b"".join(b"1 0 0 1 10 %.1f Tm (%s) Tj " % (990 - 3.9 * n, row)
                   for n, row in enumerate(rows))
    page.obj.Contents = pdf.make_stream(b"BT /F1 2 Tf " + ops + b"ET")
    return pdf


def _glyph_rows(glyphs: int, per_row: int = 400) -> list[bytes]:
    return [b"a" * per_row] * (glyphs // per_row)


def _scattered_glyphs(n: int) -> bytes:
    """n glyphs each set alone at its own place (one line, one block each): the layout that
    costs the line and block rebuild most."""
    import random

    rng = random.Random(13)
    pdf = _text_page([])
    ops = b"".join(b"1 0 0 1 %.1f %.1f Tm (a) Tj " % (rng.uniform(0, 990), rng.uniform(0, 990))
                   for _ in range(n))
    pdf.pages[0].obj.Contents = pdf.make_stream(b"BT /F1 2 Tf " + ops + b"ET")
    return _save(pdf)


def _no_tounicode() -> bytes:
    """Chinese set in an embedded TrueType subset whose ToUnicode map is taken out."""
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    root = Path(__file__).resolve().parent.parent
    pdfmetrics.registerFont(TTFont("hostile-song", str(root / "fonts" / "NotoSerifSC-Regular.ttf")))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(300, 300))
    c.setFont("hostile-song", 12)
    c.drawString(20, 200, "今天上午，市政府召开新闻发布会")
    c.save()
    with pikepdf.open(io.BytesIO(buf.getvalue())) as pdf:
        for font in pdf.pages[0].Resources.Font.values():
            if "/ToUnicode" in font:  # the Helvetica ReportLab adds has none
                del font["/ToUnicode"]
        return _save(pdf)


@pytest.fixture(scope="module")
def typography_corpus(tmp_path_factory, default_build):
    printed = default_build.outputs["print.pdf"]
    raw = printed.read_bytes()
    clean = _save(_text_page([b"The quick brown fox"]))
    with pikepdf.open(__import__("io").BytesIO(clean)) as pdf:
        encrypted_open = _save(pdf, encryption=pikepdf.Encryption(owner="owner", user=""))
    cases = {
        "empty": (b"", 2, "is not a PDF"),
        "truncated": (raw[:len(raw) * 6 // 10], 2, "the file is damaged"),
        "cut-before-eof": (raw[:-30], 2, "the file is damaged"),
        "encrypted": (_encrypted(printed, "secret"), 2, "encrypted with a password"),
        "encrypted-open": (encrypted_open, 0, "ok: no typographic findings"),
        "500-pages": (_save(_blank_pages(500)), 2,
                      f"500 pages, more than the {MAX_PAGES} spread checks"),
        "no-text": (_save(_blank_pages(3, b"0 0 100 100 re f")), 1, "no text to check"),
        "no-tounicode": (_no_tounicode(), 1, "cannot be read as text"),
        "flate-bomb": (_flate_bomb(), 2, "decodes to more than 64 MiB"),
        "many-operators": (_many_operators(), 2, "content operators"),
        "form-fan-out": (_form_fan_out(), 2, "content operators"),
        "form-drawing-itself": (_form_drawing_itself(), 2, "forms inside forms"),
        "deep-content": (_deep_content(), 2, "the file is damaged"),
        # pdfium reads past the malformed operands: no text drawn, so none to check
        "malformed-objects": (_malformed_objects(), 1, "no text to check"),
        # 100 000 glyphs on a page in lines, and 30 000 scattered (a line and a block each,
        # the layout whose rebuild costs most): a bounded run
        "100000-glyphs": (_save(_text_page(_glyph_rows(100_000))), 1, "split-word"),
        "30000-scattered": (_scattered_glyphs(30_000), 1, "typography, 1 page(s)"),
        "300000-glyphs": (_save(_text_page(_glyph_rows(300_000, 1000))), 2,
                          "more than the 200,000 spread reads on a page"),
        "text-bomb": (_save(_text_page([b"a" * (2 << 20)])), 2, "KiB of text"),
    }
    return _run_corpus(tmp_path_factory.mktemp("hostile-typography"), _TYPOGRAPHY_RUNNER,
                       cases)


@pytest.mark.parametrize("name", [
    "empty", "truncated", "cut-before-eof", "encrypted", "encrypted-open", "500-pages",
    "no-text", "no-tounicode", "flate-bomb", "many-operators", "form-fan-out",
    "form-drawing-itself", "deep-content", "malformed-objects", "100000-glyphs",
    "30000-scattered", "300000-glyphs", "text-bomb"])
def test_a_hostile_file_read_for_typography_ends_with_a_message_or_a_report(
        typography_corpus, name):
    cases, results, _ = typography_corpus
    _, exit_code, words = cases[name]
    result = results[name]
    said = result["out"] + result["err"]
    assert result["exit"] == exit_code, said[-3000:]
    assert words in said, said[-3000:]
    assert "Traceback" not in said and "internal error" not in said


def test_reading_the_typography_corpus_stays_under_a_gigabyte(typography_corpus):
    _, _, peak = typography_corpus
    assert peak < PEAK, f"peak {peak >> 20} MiB"


@pytest.mark.parametrize("how", [[], ["--typography"]])
def test_a_pdf_with_a_password_to_open_is_refused_with_the_way_out(tmp_path, default_build,
                                                                   how):
    """Every check that reads a PDF: exit 2, the file named, the hint to remove the
    password — not a preflight of 0 pages, not 'damaged'."""
    path = tmp_path / "locked.pdf"
    path.write_bytes(_encrypted(default_build.outputs["print.pdf"], "secret"))
    done = subprocess.run([sys.executable, "-m", "spread", "check", *how, str(path)],
                          capture_output=True, text=True, preexec_fn=_limits, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve()
                                                               .parent.parent / "src")})
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"{path}: the file is encrypted with a password" in done.stderr
    assert "hint: remove the password" in done.stderr and "Traceback" not in done.stderr
