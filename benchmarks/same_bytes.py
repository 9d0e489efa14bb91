"""Same bytes: the proof that a refactor changed no behaviour. Builds a corpus of pages — the
default page, every bundled layout with its content, the stress texts on two layouts, the
newcomer editions and a few variations (a 30-name honour roll, a page with a section taken
out) — and prints, for every page, the sha256 of each rendition it writes (print, proof PDF
and PNG, archive; a failed build's failure proof) and of what the build said (exit code,
notes, errors). Builds are reproducible, so any difference between two trees is a change
of behaviour.

    python benchmarks/same_bytes.py [-o TABLE] [--against TABLE] [-j N] [--only SUBSTRING]

`-o` saves the table (one `page  file  sha256` a line); `--against` compares this tree's
table with a saved one and prints the differences (exit 1 if there are any). The corpus is
built by the tree the script lives in (its src/ on the path). Compare tables made in the
same folder: a failure proof draws its problems' messages, which name files by their full
path (the messages this table hashes have the tree's path put as <ROOT>). To compare two
versions of the code, copy each in turn to one folder and run the script there.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

# The same 30 names tests/test_honour_names.py sets: two-character names spread to their
# cell, four- and six-character ones taking whole cells.
ROLL30 = ["李彧", "吉喆", "王堃", "许镕", "邬淼", "阚琰", "亓晔", "眭昶", "仝炜", "郦琛",
          "欧阳修远", "司马相如", "诸葛明亮", "上官婉儿", "张三", "李四", "王五", "赵六",
          "钱七", "孙八", "周九", "吴十", "郑小明", "冯巧巧", "陈一", "褚卫国", "卫青",
          "蒋大为", "沈从文", "爱新觉罗溥仪"]
# Where the variations are written: a fixed place, because a build's messages name the
# content file, and a table must compare across runs and worktrees (the outputs go to a
# folder of each run's own, which the messages name as <OUT>).
WORK = Path(tempfile.gettempdir()) / "spread-same-bytes"


def bundled_pages() -> dict[str, list[str]]:
    """Every layout/*.yaml with its own starter content where it has one, else the default
    page's content."""
    pages = {}
    for layout in sorted((ROOT / "layout").glob("*.yaml")):
        own = ROOT / "layout" / layout.stem / "content.yaml"
        content = own if own.exists() else ROOT / "content.yaml"
        pages[f"layout/{layout.stem}"] = [str(content), "--layout", str(layout)]
    return pages


def stress_pages() -> dict[str, list[str]]:
    """Each stress text on the default layout and on the 9字 stress layout."""
    stress = ROOT / "tests" / "data" / "stress"
    layouts = {"default": ROOT / "layout" / "default.yaml", "9zi": stress / "layout-9zi.yaml"}
    return {f"stress/{content.stem}@{name}": [str(content), "--layout", str(layout)]
            for content in sorted(stress.glob("content*.yaml"))
            for name, layout in layouts.items()}


def edition_pages() -> dict[str, list[str]]:
    """The newcomer editions, each a folder naming its layout in edition.yaml."""
    return {f"newcomer7/{folder.name}": [str(folder)]
            for folder in sorted((ROOT / "tests" / "data" / "newcomer7").iterdir())
            if (folder / "edition.yaml").exists()}


def variation(name: str, source: Path, change) -> Path:
    """The content or layout at `source` changed by `change` (a function of its data),
    written under its own file name where its build can find it (with the pictures beside
    it)."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    change(data)
    folder = WORK / "variations" / name
    folder.mkdir(parents=True, exist_ok=True)
    for beside in source.parent.iterdir():  # its pictures, named relative to it
        if beside.is_dir() and beside.name == "photos":
            shutil.copytree(beside, folder / beside.name, dirs_exist_ok=True)
    path = folder / source.name
    # whole or not at all: another run may be reading it
    fresh = folder / f".{source.stem}.{os.getpid()}.yaml"
    fresh.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    fresh.replace(path)
    return path


def mistaken(layout: dict) -> None:
    """The default layout with a mistake of each kind its check finds in rows, regions,
    stacks and repeats: every finding is in the build's message."""
    rows = layout["rows"]
    rows[1]["regions"][0]["split"] = 80  # text columns narrower than 1字
    rows[1]["most"] = "50mm"  # a most height on a row that does not grow
    rows[2]["regions"][0]["name"] = rows[5]["regions"][1]["name"] = "twice"
    rows[2]["regions"][0]["regions"] = [{"kind": "text"}]  # regions in a region not a stack
    rows[3]["regions"][0]["split"] = 0
    rows[3]["regions"][1]["columns"] = "5-9"  # off the grid
    rows[4]["regions"][0].update(columns="1-5", style="nonesuch")  # overlaps; no such style
    rows[5]["regions"][0]["follows"] = "nobody"
    rows[6]["repeat"] = {"content": "nothing", "across": 0, "shapes": [[1, 9], [2], [1, 1]],
                         "each": [{"bogus": 1}]}
    rows[6]["regions"][0]["content"] = "credits"  # a repeated region given its content
    rows.append({"name": "stacks", "regions": [
        {"kind": "stack", "columns": "1-4", "regions": [{"kind": "text", "columns": "5-6"}]},
        {"kind": "stack", "columns": "5-8", "regions": []},
        {"kind": "text", "columns": "5-6", "repeat": {"content": "sections"}}]})
    rows.append({"name": "repeated-stack", "regions": [
        {"kind": "stack", "columns": "1-8", "regions": [{"kind": "section"}, {"kind": "text"}],
         "repeat": {"content": "sections", "across": 2}}]})


def quoted_sections(data):
    """The section titles the content's figures and charts quote (`from: {section: …}`)."""
    if isinstance(data, dict):
        if isinstance(data.get("section"), str):
            yield data["section"]
        for value in data.values():
            yield from quoted_sections(value)
    elif isinstance(data, list):
        for value in data:
            yield from quoted_sections(value)


def varied_pages() -> dict[str, list[str]]:
    """A 30-name honour roll and a section taken out, on the default, commemorative and
    news pages (the default layout asks for its five sections: without one it is an error);
    the default layout with a mistake of every kind its check finds."""
    pages = {}
    bases = {"default": (ROOT / "content.yaml", ROOT / "layout" / "default.yaml"),
             "commemorative": (ROOT / "layout" / "commemorative" / "content.yaml",
                               ROOT / "layout" / "commemorative.yaml"),
             "news": (ROOT / "layout" / "news" / "content.yaml", ROOT / "layout" / "news.yaml")}

    def roll30(data):
        data["honour_roll"] = {"title": "光荣榜", "items": [{"text": n} for n in ROLL30]}

    def without_a_section(data):
        # the last one no figure or chart quotes: a quoted one would only fail to read
        quoted = set(quoted_sections(data))
        free = [k for k, section in enumerate(data["sections"])
                if section.get("title") not in quoted]
        del data["sections"][free[-1]]

    changes = {"roll30": roll30, "one-section-fewer": without_a_section}
    for base, name in (("default", "roll30"), ("commemorative", "roll30"),
                       ("default", "one-section-fewer"), ("commemorative", "one-section-fewer"),
                       ("news", "one-section-fewer")):  # the news page has no honour roll
        content, layout = bases[base]
        path = variation(f"{base}-{name}", content, changes[name])
        pages[f"varied/{base}-{name}"] = [str(path), "--layout", str(layout)]
    layout = variation("layout-mistakes", ROOT / "layout" / "default.yaml", mistaken)
    pages["varied/layout-mistakes"] = [str(ROOT / "content.yaml"), "--layout", str(layout)]
    return pages


def corpus() -> dict[str, list[str]]:
    """Every page of the corpus, by name: the arguments `spread build` takes for it."""
    pages = {"default": [str(ROOT / "content.yaml"), "--layout",
                         str(ROOT / "layout" / "default.yaml")]}
    for more in (bundled_pages, stress_pages, edition_pages, varied_pages):
        pages.update(more())
    return pages


def hashed(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def said(completed: subprocess.CompletedProcess, out: Path) -> bytes:
    """What the build printed, with the two trees' own paths put as names, so that the
    same messages from another worktree hash the same."""
    text = f"exit {completed.returncode}\n{completed.stdout}\n{completed.stderr}"
    return text.replace(str(out), "<OUT>").replace(str(ROOT), "<ROOT>").encode("utf-8")


def build(name: str, arguments: list[str], outs: Path) -> list[tuple[str, str, str]]:
    """Build one page into its own folder under `outs`; the rows (page, file, sha256) of
    what it wrote and said. The edition record is left out: it names the input files'
    paths."""
    out = outs / name.replace("/", "_")
    # this tree's code, whatever is installed; no SOURCE_DATE_EPOCH, so every run dates alike
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    env["PYTHONPATH"] = str(ROOT / "src")
    completed = subprocess.run([sys.executable, "-m", "spread", "build", *arguments,
                                "-o", str(out)], cwd=ROOT, env=env, capture_output=True,
                               text=True)
    rows = [(name, "messages", hashed(said(completed, out)))]
    for path in sorted(out.iterdir()) if out.exists() else []:
        if not path.name.endswith(".manifest.json"):
            rows.append((name, path.name, hashed(path.read_bytes())))
    return rows


def table(jobs: int, only: str) -> list[tuple[str, str, str]]:
    pages = {name: args for name, args in corpus().items() if only in name}
    with tempfile.TemporaryDirectory(prefix="same-bytes-") as outs, \
            ThreadPoolExecutor(max_workers=jobs) as pool:
        built = pool.map(lambda item: build(*item, Path(outs)), pages.items())
        return [row for rows in built for row in rows]


def read_table(path: Path) -> dict[tuple[str, str], str]:
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        page, file, digest = line.split()
        rows[(page, file)] = digest
    return rows


def differences(now: dict, saved: dict) -> list[str]:
    """Every page and file whose hash differs, or which one table has and the other not."""
    out = []
    for key in sorted(set(now) | set(saved)):
        if now.get(key) != saved.get(key):
            out.append(f"{key[0]:40s} {key[1]:28s} {saved.get(key, '-')[:12]} → "
                       f"{now.get(key, '-')[:12]}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--out", type=Path, help="save the table here")
    parser.add_argument("--against", type=Path, help="a saved table to compare with")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="builds at once")
    parser.add_argument("--only", default="", help="only the pages whose name has this")
    args = parser.parse_args()
    rows = table(args.jobs, args.only)
    lines = [f"{page}  {file}  {digest}" for page, file, digest in rows]
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pages = len({page for page, _, _ in rows})
    if not args.against:
        print("\n".join(lines))
        print(f"{pages} pages, {len(rows)} files")
        return 0
    now = {(page, file): digest for page, file, digest in rows}
    saved = read_table(args.against)
    if args.only:
        saved = {key: digest for key, digest in saved.items() if args.only in key[0]}
    changed = differences(now, saved)
    print("\n".join(changed) if changed else f"same bytes on {pages} pages ({len(rows)} files)")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
