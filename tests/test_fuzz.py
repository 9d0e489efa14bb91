"""Hard inputs: whatever bytes arrive as a content or layout file, spread answers with a clean
SpreadError (file:line:column where there is one) in bounded time and memory; the composer,
fed any text at any measure, never raises and never loses, duplicates or reorders a character.

Example counts are bounded, and no test asserts a wall-clock time (CI is a shared machine)."""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from spread import content, template, yamlsource
from spread.compose import Rules, Run, Style, compose
from spread.errors import InputError, SpreadError

from conftest import CONTENT, LAYOUT
from fake_metrics import fonts

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def loads_cleanly(loader, path: str, text: str | None = None) -> SpreadError | None:
    """Run a loader; a SpreadError is an answer, anything else escapes and fails the test."""
    try:
        loader(path, text)
    except SpreadError as exc:
        assert exc.message and exc.where is not None and exc.where.file == path
        return exc
    return None


# -- malformed text -------------------------------------------------------------------------

YAML_BITS = st.sampled_from([
    "\n", " ", "  ", "- ", ": ", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ",
    "!!python/name:os.system ", "!!bool ", "!!timestamp ", "!!int ", "!!omap ", "!!set ",
    "!<tag:x> ",
    "|", ">", "'", '"', "#", "\t", "---\n", "...\n", "? ", "%YAML 1.1\n", "\\", "<<: ",
    "headline", "sections", "title", "items", "lead", "figures", "from", "rows", "regions",
    "画说工会", "，", "“", "1.5", "五号", "3mm", "~", "null", "true", "\x85", "\u2028", "\ufeff"])


@FUZZ
@given(st.lists(YAML_BITS, max_size=60).map("".join))
@example("!!int ")  # found by this test: PyYAML's int constructor indexes an empty text
@example("a: !!bool maybe\nb: !!timestamp today\n")
def test_yaml_shaped_garbage_is_read_or_refused_cleanly(text):
    loads_cleanly(content.load, "c.yaml", text)
    loads_cleanly(template.load, "l.yaml", text)


@FUZZ
@given(st.text(max_size=400))
def test_any_text_with_control_characters_is_read_or_refused_cleanly(text):
    loads_cleanly(content.load, "c.yaml", text)


@FUZZ
@given(st.binary(max_size=2000))
def test_binary_garbage_is_refused_cleanly(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bin") / "c.yaml"
    path.write_bytes(data)
    loads_cleanly(content.load, str(path))


@FUZZ
@given(st.data())
def test_the_real_content_cut_or_corrupted_anywhere(data):
    """The repository's content with a slice removed or a character changed."""
    text = CONTENT.read_text(encoding="utf-8")
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, min(len(text), a + 200)))
    insert = data.draw(st.sampled_from(["", ":", "\t", "- ", "[", "'", '"', "\x01", "  ", "&x"]))
    loads_cleanly(content.load, "c.yaml", text[:a] + insert + text[b:])


def test_control_characters_are_placed_at_their_line_and_column():
    exc = loads_cleanly(content.load, "c.yaml", "headline: 标题\nkicker: 副\x07题\n")
    assert (exc.where.line, exc.where.column) == (2, 10)
    assert "U+0007" in exc.message and "^" in exc.excerpt


# -- size, depth, aliases -------------------------------------------------------------------
# Bounds on work, never on the clock (CI is a shared machine): each load runs in a fresh
# interpreter that reports its own memory growth (ru_maxrss after the imports vs at the end)
# and its CPU seconds. The CPU limits are ~20 times what a load takes.

MEASURE = """
import json, resource, sys, time
from spread import content
from spread.errors import SpreadError
text = open(sys.argv[1], encoding="utf-8").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
cpu = time.process_time()
try:
    loaded = content.load("c.yaml", text)
    answer = {"headline": len(loaded.headline), "lead": sum(map(len, loaded.lead))}
except SpreadError as exc:
    answer = {"message": exc.message, "line": exc.where.line if exc.where else None}
answer["cpu"] = time.process_time() - cpu
answer["megabytes"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(json.dumps(answer))
"""


def load_measured(tmp_path, text: str, cpu: float, megabytes: float) -> dict:
    """Load `text` as content in a fresh interpreter; its answer, once within both bounds."""
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stderr
    answer = json.loads(run.stdout)
    assert answer["cpu"] < cpu, f"took {answer['cpu']:.1f} s of CPU"
    assert answer["megabytes"] < megabytes, f"grew by {answer['megabytes']:.0f} MB"
    return answer


def test_a_100_mb_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as fh:  # sparse: made in no time, takes no disk
        fh.truncate(100 * 1024 * 1024)
    tracemalloc.start()  # cheap here: nothing is read, so almost nothing is allocated
    try:
        exc = loads_cleanly(content.load, str(path))
        peak = tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()
    assert "MB" in exc.message and peak < 5, f"peaked at {peak:.0f} MB"


def test_a_huge_string_just_under_the_limit_loads_in_bounded_work(tmp_path):
    text = "headline: 大\nlead:\n  - " + "画" * 600_000 + "\n"  # 1.8 MB of UTF-8
    assert load_measured(tmp_path, text, 20, 300)["lead"] == 600_000


def test_a_head_of_body_copy_is_refused_before_it_is_set(tmp_path):
    # a 16 000-character headline took the banner's fit 17 s and 526 MB to refuse, a 1 MB
    # one ran past 300 s: a head longer than display type ever is is refused on loading
    text = "headline: " + "画" * 600_000 + "\n"
    answer = load_measured(tmp_path, text, 20, 300)
    assert "600,000 characters long" in answer["message"] and answer["line"] == 1


def test_a_file_of_countless_values_stops_at_the_value_limit(tmp_path):
    text = "".join(f"k{i}: v\n" for i in range(30_000))  # 60 000 values
    answer = load_measured(tmp_path, text, 20, 300)
    assert "more than" in answer["message"] and answer["line"] > 1


@pytest.mark.parametrize("text", [
    "[" * 50_000 + "]" * 50_000,
    "{a: " * 5_000 + "1" + "}" * 5_000,
    "".join("  " * i + "a:\n" for i in range(2_000)) + "  " * 2_000 + "b: 1\n",
    "- " * 5_000 + "x\n",
])
def test_deep_nesting_is_refused_not_a_recursion_error(tmp_path, text):
    answer = load_measured(tmp_path, text, 10, 100)
    assert "nesting" in answer["message"] and answer["line"] >= 1


def test_an_alias_bomb_is_refused_in_bounded_memory(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    text = "\n".join(lines) + "\n"  # 10^9 values once expanded
    assert "aliases" in load_measured(tmp_path, text, 10, 100)["message"]


def test_unsafe_tags_are_refused():
    exc = loads_cleanly(content.load, "c.yaml", "headline: !!python/object/apply:os.system [ls]\n")
    assert exc is not None


@FUZZ
@given(st.text(alphabet="画说工会，。“”,:- \n", max_size=30), st.integers(0, 1_000_000))
def test_content_loads_with_huge_or_odd_values(word, repeat):
    text = f"headline: '{word * (repeat % 5000)}x'\nlead: [\"{word[:10]}\"]\n"
    loads_cleanly(content.load, "c.yaml", text)


def test_the_layout_loader_shares_the_bounds():
    assert isinstance(loads_cleanly(template.load, "l.yaml", "[" * 1000), InputError)
    template.load(str(LAYOUT))  # and the real one still reads


def test_yamlsource_refuses_nul_bytes_with_a_place():
    exc = loads_cleanly(yamlsource.load, "c.yaml", "a: 1\nb: x\x00y\n")
    assert exc.where.line == 2


# -- the composer ---------------------------------------------------------------------------

CHARS = ("画说工会这五年秉持初心笃然奋进春华秋实硕果满园" "，。、；：！？“”‘’（）《》【】…—·"
         "0123456789.%+-abcXYZ " "万亿余"
         # the other marks a Chinese text holds, signs, a combining accent, a time
         "‼⁇⸺％℃‰〜～・「」『』〈〉【】〔〕〖〗⋯№①㎡Ⅻ〝〞﹏′″\u0301:"
         # a bound, a ratio, a raised digit and the letters of unit symbols (≥180mmHg, kWh)
         "≥∶₂²mgkWh/")
STYLES = st.builds(Style, font=st.sampled_from(["song", "hei"]),
                   size=st.sampled_from([9.0, 10.5, 12.0, 42.0]),
                   tracking=st.sampled_from([0.0, 0.05, 0.6]),
                   scale=st.sampled_from([0.8, 1.0, 1.2]))
RUNS = st.lists(st.builds(Run, text=st.text(alphabet=CHARS, max_size=40), style=STYLES),
                min_size=1, max_size=4)
RULES = st.builds(Rules, measure=st.floats(1.0, 600.0),
                  align=st.sampled_from(["justify", "start", "centre", "end"]),
                  first_indent=st.sampled_from([0.0, 21.0]),
                  indent=st.sampled_from([0.0, 10.5]),
                  punctuation=st.sampled_from(["全角", "开明", "半角"]),
                  no_orphan=st.booleans())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(RUNS, RULES)
# a line of a space and a figure, justified: no glyph to widen (was a division by zero)
@example([Run("", Style("song", 9.0, scale=0.8)), Run(" ", Style("song", 9.0, scale=0.8)),
          Run(" 0", Style("song", 9.0, scale=0.8))], Rules(measure=1.0, no_orphan=False))
# a word hyphenated where it is cut (aaa- / caa): the hyphen the composer adds is no text
@example([Run("aaacaa", Style("song", 9.0, scale=0.8))], Rules(measure=1.0, no_orphan=False))
# a figure, then a space and a mark, on a line whose indent passes its measure: squeezed past
# its marks, the line had nothing to condense (was a division by zero)
@example([Run("0", Style("song", 9.0, scale=0.8)), Run(" 、", Style("song", 9.0, scale=0.8))],
         Rules(measure=1.0, indent=10.5))
def test_the_composer_never_raises_and_never_loses_a_character(runs, rules):
    lines = compose(runs, rules, fonts)
    text = "".join(r.text for r in runs)
    glyphs = [g for line in lines for g in line.glyphs if g.index >= 0 or g.char != "-"]
    assert "".join(g.char for g in glyphs) == text
    assert [g.index for g in glyphs] == list(range(len(text)))


def test_the_composer_sets_an_empty_paragraph_as_no_lines():
    """Content may hold an empty paragraph (lead: [""]); it sets as nothing."""
    assert compose([Run("", Style("song", 10.5))], Rules(100.0), fonts) == []


# -- runs that once cost the square of their length ------------------------------------------

@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="a1A.,-%+/@年月日 =*:'_$w", min_size=1, max_size=5))
@example("A/")  # a run of codes, A/A/A/…: the code pattern tried from every capital
def test_finding_the_unbreakable_spans_of_a_long_run_is_linear(unit):
    """A 60 000-character run of one short unit (aaaa…, 1111…, ----…): each token pattern
    starts only where a run of its characters starts, never again inside it. Quadratic,
    such a run took minutes; linear it takes a few hundredths of a second. The bound is on
    CPU time with a margin of a hundred."""
    import time

    from spread.compose.classes import tokens

    text = unit * (60_000 // len(unit))
    start = time.process_time()
    tokens(text)
    assert time.process_time() - start < 5.0


def test_a_number_of_a_hundred_thousand_digits_is_text_not_a_crash():
    """YAML reads a plain 111… as a whole number; Python refuses to convert more than 4300
    digits. The value stays the text it is: a paragraph of digits, or a refused count."""
    digits = "1" * 100_000
    loaded = content.load("c.yaml", f"headline: 数\nlead:\n  - {digits}\n")
    assert loaded.lead[0] == digits
    exc = loads_cleanly(template.load, "l.yaml", LAYOUT.read_text(encoding="utf-8").replace(
        "columns: 8 ", f"columns: {'9' * 5000} ", 1))
    assert "expected a whole number" in exc.message
