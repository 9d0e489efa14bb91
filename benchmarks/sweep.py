"""A sweep of pages spread was not tuned for: every shipped layout × every shipped content
(and the stress texts) × variations of each text, each page built with `spread build` and
its print PDF read back by spread's own meter and by the outside tools in /work/shared/tools
(typo_audit, loose, grid_audit, hole_audit, notdef_check), plus a check that every text of the
content is in the PDF's text. Prints one row per page; asserts nothing.

    python benchmarks/sweep.py [--layouts A,B] [--contents A,B] [--variants A,B]
                               [--inputs DIR] [--out DIR] [--json FILE] [-j N] [--list]

Layouts go by name (default, commemorative, news, photo, tabloid-spread, 9zi), contents by
name (default, commemorative, news, photo, skeleton, stress, stress-2 … stress-6: the
files tests/data/stress/content.yaml, content-2.yaml …), variants by name
(base, double, half, longpara, nopics, picstory, longhead, roll30, rollrare, english); each option
takes a comma-separated list of names or of substrings of names. The variations are written
as YAML files under --inputs (kept, so a page can be rebuilt by hand) with the pictures of
their content beside them. A variation that changes nothing for a content (no pictures to
remove) is skipped.

Columns: exit (0 built; 1/2 refused with a message; 3 or a traceback is a bug), lost (source
characters not found in the print PDF's text — a rough check: a text is matched as the longest
pieces found anywhere, so one common character lost alone can pass; a built page must show
0), typo (typo_audit's
findings by kind), loose p95/max (em per gap), grid (body lines off the grid / lines), holes
(hole_audit --min-w 40 --min-h 15: count, cm², largest mm), tofu (notdef_check's bad codes),
meter (`spread check --typography`: ok, or its findings by kind), fit (regions copyfitted
smaller, from the build's notes), message (a refusal's first
line, or the first warning).
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from threading import Lock
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT.parent / "shared" / "tools"
if not TOOLS.is_dir():
    TOOLS = Path("/work/shared/tools")
BIN = Path(sys.executable).parent
STRESS = ROOT / "tests" / "data" / "stress"

LAYOUTS = {**{p.stem: p for p in sorted((ROOT / "layout").glob("*.yaml"))},
           "9zi": STRESS / "layout-9zi.yaml"}


def _contents() -> dict[str, Path | None]:
    found: dict[str, Path | None] = {"default": ROOT / "content.yaml"}
    for sample in sorted((ROOT / "layout").glob("*/content.yaml")):
        found[sample.parent.name] = sample
    found["skeleton"] = None  # what `spread init` writes: made when the sweep runs
    for stress in sorted(STRESS.glob("content*.yaml"), key=lambda p: (len(p.stem), p.stem)):
        found["stress" + stress.stem.removeprefix("content")] = stress  # stress, stress-2 …
    return found


CONTENTS = _contents()

LONG_HEADLINE = "全市深入推进营商环境优化提升行动暨高质量发展建设共同富裕示范区动员部署大会今日隆重召开"
ENGLISH = [
    "The city library reopened on Monday after three years of restoration work, and by nine "
    "in the morning a queue of several hundred readers stretched along the avenue outside its "
    "old stone front. Many had travelled in from the suburbs before dawn.",
    "The new building keeps the nineteen-fifties facade and the central hall of the old one, "
    "adds an underground stack and a reading terrace on the roof, and triples the number of "
    "seats, from eight hundred to two thousand four hundred, according to the director.",
]
# 30 names of 2–6 characters, some outside GB 2312 but in the bundled fonts (彧 喆 堃 镕)
NAMES = ["李彧", "吉喆", "王堃", "许镕", "邬淼", "阚琰", "亓晔", "眭昶", "仝炜", "郦琛",
         "欧阳修远", "司马相如", "诸葛明亮", "上官婉儿", "张三", "李四", "王五", "赵六", "钱七",
         "孙八", "周九", "吴十", "郑小明", "冯巧巧", "陈一", "褚卫国", "卫青", "蒋大为",
         "沈从文", "爱新觉罗溥仪"]
# the same with two characters far out: 䶮 (Ext A) and 𠀾 (Ext B)
RARE_NAMES = NAMES[:28] + ["刘䶮", "王𠀾"]


def _paragraph_lists(d: dict):
    """(owner, key) of every list of paragraphs or report items in the content."""
    if isinstance(d.get("lead"), list):
        yield d, "lead"
    for section in d.get("sections") or []:
        if isinstance(section.get("body"), list):
            yield section, "body"
        if isinstance(section.get("report"), dict) and section["report"].get("items"):
            yield section["report"], "items"


def _drop_dangling_quotes(d: dict) -> None:
    """Figures and chart bars quote report items by number: drop those whose item is gone."""
    counts = {s.get("title"): len((s.get("report") or {}).get("items") or [])
              for s in d.get("sections") or []}

    def alive(q):
        src = q.get("from") or {}
        return counts.get(src.get("section"), 0) >= int(src.get("item", 0) or 0)

    if d.get("figures"):
        d["figures"] = [f for f in d["figures"] if alive(f)] or None
    if d.get("charts"):
        for chart in d["charts"]:
            chart["bars"] = [b for b in chart.get("bars") or [] if alive(b)]
        d["charts"] = [c for c in d["charts"] if len(c["bars"]) >= 2] or None
    for key in ("figures", "charts"):
        if d.get(key) is None:
            d.pop(key, None)


def v_double(d):
    for owner, key in _paragraph_lists(d):
        owner[key] = owner[key] * 2
    for section in d.get("sections") or []:
        if section.get("intro"):
            section["intro"] = section["intro"] * 2
    return True


def v_half(d):
    for owner, key in _paragraph_lists(d):
        owner[key] = owner[key][:max(1, math.ceil(len(owner[key]) / 2))]
    for section in d.get("sections") or []:
        if section.get("intro"):
            cut = len(section["intro"]) // 2
            section["intro"] = section["intro"][:cut].rstrip("，、；：") + "。"
    _drop_dangling_quotes(d)
    return True


def v_longpara(d):
    """The same text with the lead's (or else the first story's) paragraphs run into one."""
    owners = [(d, "lead")] + [(s, "body") for s in d.get("sections") or []]
    for owner, key in owners:
        paras = owner.get(key) or []
        if len(paras) >= 2:
            owner[key] = ["".join(paras)]
            return True
    return False


def v_nopics(d):
    """No pictures, figures or charts anywhere."""
    changed = False
    for owner in [d] + list(d.get("sections") or []):
        for key in ("pictures", "figures", "charts"):
            if owner.get(key):
                changed = True
            owner.pop(key, None)
    return changed


def v_picstory(d):
    """The first story with a photo made a picture story (图片新闻): its photo and one short
    paragraph under the kicker 图片新闻."""
    for section in d.get("sections") or []:
        if section.get("pictures") and (section.get("body") or section.get("intro")):
            text = (section.get("body") or [section.get("intro")])[0]
            section.update(kicker="图片新闻", body=[text[:text.find("。") + 1 or 80]])
            for key in ("intro", "subhead", "byline", "dateline", "report"):
                section.pop(key, None)
            _drop_dangling_quotes(d)
            return True
    return False


def v_longhead(d):
    d["headline"] = LONG_HEADLINE
    return True


def _roll(names):
    def variant(d):
        d["honour_roll"] = {"title": "光荣榜", "items": [{"text": n} for n in names]}
        return True
    return variant


def v_english(d):
    d["lead"] = list(ENGLISH)
    return True


VARIANTS = {"base": lambda d: True, "double": v_double, "half": v_half,
            "longpara": v_longpara, "nopics": v_nopics, "picstory": v_picstory,
            "longhead": v_longhead,
            "roll30": _roll(NAMES), "rollrare": _roll(RARE_NAMES), "english": v_english}

# keys whose text is printed (figures and chart bars quote report items, so are left out)
TEXT_KEYS = {"headline", "kicker", "subhead", "byline", "dateline", "lead", "body", "intro",
             "title", "items", "text", "caption", "credit", "paper", "date", "page",
             "page_title", "editor", "designer", "proofreader"}
SPACE = re.compile(r"[\s\u3000\u00ad\u0002\ufffe]+")


def source_texts(d, key=None):
    """Every printed text of a content, markup removed."""
    if isinstance(d, dict):
        for k, v in d.items():
            if k not in ("figures", "charts", "file", "from"):
                yield from source_texts(v, k)
    elif isinstance(d, list):
        for v in d:
            yield from source_texts(v, key)
    elif isinstance(d, str) and key in TEXT_KEYS:
        text = SPACE.sub("", d.replace("**", "").replace("`", ""))
        if text:
            yield text


def lost_characters(text: str, page: str) -> str:
    """The characters of text not found in page: the text is taken as pieces, each the
    longest run from where the last ended that occurs in the page somewhere (a column or
    page break, an inserted hyphen start a new piece)."""
    lost, i = [], 0
    while i < len(text):
        lo, hi = i, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if text[i:mid] in page:
                lo = mid
            else:
                hi = mid - 1
        if lo == i:
            lost.append(text[i])
            i += 1
        else:
            i = lo
    return "".join(lost)


PDFIUM = Lock()  # pdfium is not thread-safe


def page_text(pdf: Path) -> str:
    import pypdfium2 as pdfium
    with PDFIUM:
        doc = pdfium.PdfDocument(str(pdf))
        try:
            return SPACE.sub("", "".join(p.get_textpage().get_text_range() for p in doc))
        finally:
            doc.close()


def run(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, cwd=cwd,
                          timeout=600)


def tool(name, *args):
    return run(BIN / "python", TOOLS / f"{name}.py", *args).stdout


def write_inputs(inputs: Path, contents, variants) -> list[tuple[str, str, Path]]:
    """Each content's variations as YAML under inputs/<content>/<variant>.yaml."""
    made = []
    for cname in contents:
        source = CONTENTS[cname]
        folder = inputs / cname
        folder.mkdir(parents=True, exist_ok=True)
        if source is None:
            skeleton = folder / "init"
            if not skeleton.exists():
                run(BIN / "spread", "init", skeleton)
            source = skeleton / "content.yaml"
        for pictures in ("photos", "pictures"):
            if (source.parent / pictures).is_dir() and not (folder / pictures).exists():
                shutil.copytree(source.parent / pictures, folder / pictures)
        base = yaml.safe_load(source.read_text(encoding="utf-8"))
        for vname in variants:
            d = copy.deepcopy(base)
            if not VARIANTS[vname](d):
                continue
            path = folder / f"{vname}.yaml"
            path.write_text(yaml.safe_dump(d, allow_unicode=True, sort_keys=False, width=4096),
                            encoding="utf-8")
            made.append((cname, vname, path))
    return made


def _counts(counts: dict) -> str:
    return " ".join(f"{k}{v}" for k, v in counts.items() if v) or "0"


def measure(layout: str, cname: str, vname: str, content: Path, out: Path) -> dict:
    row = {"layout": layout, "content": cname, "variant": vname, "input": str(content),
           "command": f"spread build {content} --layout {LAYOUTS[layout]} --rendition print"
                      f" -o {out}"}
    shutil.rmtree(out, ignore_errors=True)
    built = run(BIN / "spread", "build", content, "--layout", LAYOUTS[layout],
                "--rendition", "print", "-o", out)
    row["exit"] = built.returncode
    lines = [ln for ln in (built.stderr + built.stdout).splitlines() if ln.strip()]
    errors = [ln for ln in lines if ln.startswith(("error", "spread:")) or ": error" in ln]
    warnings = [ln for ln in lines if ln.startswith("warning")]
    row["bug"] = built.returncode not in (0, 1, 2) or "Traceback" in built.stderr
    row["message"] = (errors or warnings or [""])[0] if built.returncode else \
        (warnings or [""])[0]
    if built.returncode:
        row["message"] = row["message"] or (lines[0] if lines else "")
    row["output"] = (built.stdout + built.stderr)[-6000:]
    row["copyfit"] = sum("note: copyfit:" in ln for ln in lines)
    pdf = out / f"{content.stem}.print.pdf"
    if built.returncode or not pdf.exists():
        return row
    row["pdf"] = str(pdf)
    d = yaml.safe_load(content.read_text(encoding="utf-8"))
    text = page_text(pdf)
    row["lost"] = "".join(lost_characters(t, text) for t in source_texts(d))
    row["typo"] = json.loads(tool("typo_audit", pdf, "--json"))["counts"]
    loose = re.search(r"p95=([\d.]+) max=([\d.]+)", tool("loose", pdf))
    row["loose"] = (float(loose[1]), float(loose[2])) if loose else None
    grid = re.search(r"off=(\d+) of (\d+)", tool("grid_audit", pdf))
    row["grid"] = (int(grid[1]), int(grid[2])) if grid else None
    holes = tool("hole_audit", pdf, "--min-w", 40, "--min-h", 15)
    sizes = [(float(w), float(h)) for w, h in re.findall(r"hole\s+([\d.]+) x\s+([\d.]+) mm", holes)]
    area = re.search(r"area (\d+) cm2", holes)
    row["holes"] = (len(sizes), int(area[1]) if area else 0,
                    max(sizes, key=lambda s: s[0] * s[1]) if sizes else None)
    tofu = re.search(r"notdef: (\d+) bad", tool("notdef_check", pdf))
    row["tofu"] = int(tofu[1]) if tofu else None
    meter = json.loads(run(BIN / "spread", "check", "--typography", "--json", pdf).stdout)
    row["meter"] = {"ok": meter["ok"], "counts": {k: v for k, v in meter["counts"].items() if v},
                    "p95": meter["spacing"]["p95_em"], "max": meter["spacing"]["max_em"]}
    return row


def cells(row: dict) -> list[str]:
    exit_ = f"{row['exit']}{' BUG' if row['bug'] else ''}"
    if "pdf" not in row:
        return [row["layout"], row["content"], row["variant"], exit_] + [""] * 8 + \
            [row["message"][:110]]
    loose = row["loose"] and f"{row['loose'][0]:.3f}/{row['loose'][1]:.3f}"
    grid = row["grid"] and f"{row['grid'][0]}/{row['grid'][1]}"
    n, area, big = row["holes"]
    holes = f"{n} {area}cm²" + (f" {big[0]:.0f}×{big[1]:.0f}" if big else "")
    meter = "ok" if row["meter"]["ok"] else _counts(row["meter"]["counts"])
    lost = str(len(row["lost"])) + (f" «{row['lost'][:12]}»" if row["lost"] else "")
    return [row["layout"], row["content"], row["variant"], exit_, lost, _counts(row["typo"]),
            loose or "-", grid or "-", holes, str(row["tofu"]), meter, str(row["copyfit"]),
            row["message"][:110]]


HEAD = ["layout", "content", "variant", "exit", "lost", "typo", "loose", "grid", "holes",
        "tofu", "meter", "fit", "message"]


def table(rows: list[dict]) -> str:
    body = [HEAD] + [cells(r) for r in rows]
    widths = [max(len(r[i]) for r in body) for i in range(len(HEAD) - 1)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[-1]
                     for r in body)


def pick(option: str | None, names) -> list[str]:
    if not option:
        return list(names)
    wanted = [w.strip() for w in option.split(",") if w.strip()]
    chosen = [n for n in names if any(w == n for w in wanted)]
    return chosen or [n for n in names if any(w in n for w in wanted)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--layouts")
    ap.add_argument("--contents")
    ap.add_argument("--variants")
    ap.add_argument("--inputs", type=Path, help="where the variations are written "
                    "(default: a temporary folder)")
    ap.add_argument("--out", type=Path, help="where the pages are built (default: temporary)")
    ap.add_argument("--json", type=Path, help="also write every row, with the build's output, here")
    ap.add_argument("-j", "--jobs", type=int, default=1)
    ap.add_argument("--list", action="store_true", help="list the names and stop")
    a = ap.parse_args()
    if a.list:
        for what, names in (("layouts", LAYOUTS), ("contents", CONTENTS),
                            ("variants", VARIANTS)):
            print(f"{what}: {' '.join(names)}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        inputs = a.inputs or Path(tmp) / "inputs"
        out = a.out or Path(tmp) / "out"
        made = write_inputs(inputs, pick(a.contents, CONTENTS), pick(a.variants, VARIANTS))
        jobs = [(lay, c, v, p, out / lay / c / v)
                for lay in pick(a.layouts, LAYOUTS) for c, v, p in made]
        with ThreadPoolExecutor(max(1, a.jobs)) as pool:
            rows = list(pool.map(lambda job: measure(*job), jobs))
        print(table(rows))
        if a.json:
            a.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
