"""Side-by-side build benchmark: plain Sphinx+MyST, ABlog and carnet on the same posts.

    python benchmarks/run.py                    # 300 and 1000 posts, alabaster and furo
    python benchmarks/run.py --sizes 300 --themes furo --runs 1 --real-blog 0
    python benchmarks/run.py --write-docs       # also regenerate docs/performance.md

Every figure is the median of ``--runs`` runs taken alternately (plain, ABlog, carnet, plain,
…) in this one invocation, so that the machine's load falls on all of them alike. Builds run
as separate ``sphinx-build`` processes; peak memory is each process's maximum resident size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import generate, year_indexes

HERE = Path(__file__).parent
TOOLS = ("plain", "ablog", "carnet")
THEMES = ("alabaster", "furo")
# The posts' titles live in their front matter: plain MyST and ABlog render them as the page's
# <h1>, as carnet does, so that the three build the same pages. Plain MyST and ABlog get the
# by-year toctree a careful user writes (an index of years, a page per year); carnet makes its
# own archive.
CONFS = {
    "plain": 'extensions = ["myst_parser"]\nmyst_title_to_header = True\n',
    "ablog": ('extensions = ["ablog", "myst_parser"]\nmyst_title_to_header = True\n'
              'blog_post_pattern = "posts/*/billet-*"\npost_date_format = "%Y-%m-%d %H:%M"\n'),
    "carnet": 'extensions = ["sphinxext.carnet"]\n',
}
COMMON = 'project = "Banc"\nlanguage = "fr"\nhtml_theme = "{theme}"\n'
TOCTREE = "```{{toctree}}\n:maxdepth: 1\n{glob}\n{entries}\n```\n"


def _index(tool: str, years: list[str], *, flat: bool) -> str:
    if tool == "carnet":
        return "# Banc\n\n```{postlist}\n:limit: 10\n```\n"
    toctree = (TOCTREE.format(glob=":glob:\n", entries="posts/*/billet-*") if flat
               else TOCTREE.format(glob="", entries="\n".join(years)))
    postlist = "\n```{postlist} 10\n```\n" if tool == "ablog" else ""
    return "# Banc\n\n" + toctree + postlist


@dataclass
class Figures:
    full: list[float] = field(default_factory=list)
    noop: list[float] = field(default_factory=list)
    edit: list[float] = field(default_factory=list)
    unpublish: list[float] = field(default_factory=list)
    parallel: list[float] = field(default_factory=list)
    memory: list[float] = field(default_factory=list)  # MB


def _site(root: Path, tool: str, count: int, theme: str, *, flat: bool = False,
          real_blog: bool = False) -> Path:
    folder = root / f"{tool}-{count}-{theme}"
    if folder.exists():
        shutil.rmtree(folder)
    generate(count, folder, real_blog=real_blog)
    years = [] if tool == "carnet" or flat else year_indexes(folder)
    if tool == "ablog":  # ABlog takes a post from its front matter's blogpost flag too
        for path in (folder / "posts").glob("*/billet-*.md"):
            text = path.read_text("utf-8")
            path.write_text(text.replace("---\n", "---\nblogpost: true\n", 1), "utf-8")
    (folder / "conf.py").write_text(COMMON.format(theme=theme) + CONFS[tool], encoding="utf-8")
    (folder / "index.md").write_text(_index(tool, years, flat=flat), encoding="utf-8")
    return folder


def _sphinx(folder: Path, *extra: str) -> tuple[float, float]:
    """Run sphinx-build; return (seconds, peak MB)."""
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", *extra, str(folder),
               str(folder / "_build")]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise RuntimeError(f"sphinx-build failed in {folder}")
    return seconds, usage.ru_maxrss / 1024


def _unpublish(tool: str, post: Path) -> None:
    """Take a post off the blog as each tool's user does: carnet's ``status: draft`` (the
    post's page goes, the lists follow, nothing else is read again); the others have no
    status, so their user deletes the file."""
    if tool == "carnet":
        text = post.read_text("utf-8")
        post.write_text(text.replace("---\n", "---\nstatus: draft\n", 1), "utf-8")
    else:
        post.unlink()


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


Case = tuple[int, str, str]  # posts, theme, variant ("", "flat", "real blog")


def _label(case: Case) -> str:
    count, theme, variant = case
    return f"{count} {theme}" + (f" ({variant})" if variant else "")


def measure(root: Path, case: Case, runs: int, tools: tuple[str, ...] = TOOLS, *,
            parallel: bool = True) -> dict[str, Figures]:
    count, theme, variant = case
    figures = {tool: Figures() for tool in tools}
    for run in range(runs):
        for tool in tools:  # alternately: plain, ABlog, carnet, plain…
            folder = _site(root, tool, count, theme, flat=variant == "flat",
                           real_blog=variant == "real blog")
            seconds, memory = _sphinx(folder, "-E")
            figures[tool].full.append(seconds)
            figures[tool].memory.append(memory)
            figures[tool].noop.append(_sphinx(folder)[0])
            posts = sorted((folder / "posts").glob("*/billet-*.md"))
            post = posts[min(7, count - 1)]
            post.write_text(post.read_text("utf-8") + "\nUne ligne de plus.\n", "utf-8")
            figures[tool].edit.append(_sphinx(folder)[0])
            _unpublish(tool, posts[min(8, count - 1)])
            figures[tool].unpublish.append(_sphinx(folder)[0])
            if parallel:
                shutil.rmtree(folder / "_build")
                figures[tool].parallel.append(_sphinx(folder, "-E", "-j", "2")[0])
            shutil.rmtree(folder)
            f = figures[tool]
            _log(f"[{_label(case)}, run {run + 1}/{runs}] {tool}: full {f.full[-1]:.1f} s, "
                 f"no-op {f.noop[-1]:.2f} s, edit {f.edit[-1]:.2f} s, "
                 f"unpublish {f.unpublish[-1]:.2f} s, "
                 f"-j 2 {f'{f.parallel[-1]:.1f} s' if parallel else 'not run'}, "
                 f"{f.memory[-1]:.0f} MB")
    return figures


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


MEASURES = (("full", "s", "full build"), ("noop", "s", "no-op rebuild"),
            ("edit", "s", "one-post edit"), ("unpublish", "s", "unpublish a post"),
            ("parallel", "s", "full build -j 2"), ("memory", "MB", "peak memory"))


def table(results: dict[Case, dict[str, Figures]]) -> str:
    rows = ["| posts, theme | measure | plain MyST | ABlog | carnet | carnet / MyST "
            "| carnet / ABlog |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    def shown(value: float, unit: str) -> str:
        return "—" if math.isnan(value) else f"{value:.2f} {unit}"

    def ratio(a: float, b: float) -> str:
        return "—" if math.isnan(a) or math.isnan(b) else f"{a / b:.2f}×"

    for case, figures in results.items():
        for name, unit, label in MEASURES:
            values = {tool: _median(getattr(figures[tool], name)) if tool in figures
                      else float("nan") for tool in TOOLS}
            if all(math.isnan(v) for v in values.values()):  # not measured here
                continue
            rows.append(
                f"| {_label(case)} | {label} | {shown(values['plain'], unit)} | "
                f"{shown(values['ablog'], unit)} | {shown(values['carnet'], unit)} | "
                f"{ratio(values['carnet'], values['plain'])} | "
                f"{ratio(values['carnet'], values['ablog'])} |")
    return "\n".join(rows)


def targets(results: dict[Case, dict[str, Figures]],
            small: dict[str, dict[str, Figures]], small_size: int = 250) -> str:
    """The issue's targets, each checked against this run's medians."""
    lines = []

    def check(label: str, value: float, limit: float) -> None:
        mark = "yes" if value <= limit else "**NO**"
        lines.append(f"| {label} | {value:.2f}× | ≤ {limit:.2f}× | {mark} |")

    for case, figures in results.items():
        count, theme, variant = case
        if variant == "flat" or "plain" not in figures:
            continue
        ratio = {name: _median(getattr(figures["carnet"], name))
                 / _median(getattr(figures["plain"], name)) for name in
                 ("full", "noop", "edit", "memory")}
        check(f"{_label(case)}: full build / plain MyST by year", ratio["full"], 1.3)
        check(f"{_label(case)}: no-op rebuild / plain MyST", ratio["noop"], 1.3)
        check(f"{_label(case)}: one-post edit / plain MyST", ratio["edit"], 1.3)
        check(f"{_label(case)}: peak memory / plain MyST", ratio["memory"], 1.2)
        if count >= 1000 and theme in small:
            growth = _median(figures["carnet"].full) / _median(small[theme]["carnet"].full)
            check(f"{_label(case)}: carnet, {count} posts / {small_size} posts", growth, 4.4)
    return "\n".join(["| target | measured | limit | met |", "| --- | ---: | ---: | --- |",
                      *lines])


def versions() -> str:
    import docutils
    import myst_parser
    import sphinx

    found = {}
    for name in ("ablog", "furo"):
        try:
            found[name] = __import__(name).__version__
        except (ImportError, AttributeError):
            found[name] = "not installed"
    return (f"Python {platform.python_version()}, Sphinx {sphinx.__version__}, MyST-Parser "
            f"{myst_parser.__version__}, docutils {docutils.__version__}, ABlog "
            f"{found['ablog']}, furo {found['furo']}; {platform.machine()}, "
            f"{os.cpu_count()} cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000])
    parser.add_argument("--themes", nargs="+", default=list(THEMES), choices=THEMES)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--large-runs", type=int, default=0,
                        help="runs at 1000 posts and more (default: --runs)")
    parser.add_argument("--growth-from", type=int, default=250,
                        help="carnet alone at this size too, for the growth target (0: skip)")
    parser.add_argument("--real-blog", type=int, default=280,
                        help="posts of the real-blog-shaped fixture (long posts, code, "
                             "figures, ~3×N tags, French and English; 0: skip)")
    parser.add_argument("--flat", action="store_true",
                        help="also plain MyST with every post in one flat glob toctree (an "
                             "extra line: no careful user's layout)")
    parser.add_argument("--large-tools", nargs="+", default=list(TOOLS), choices=TOOLS,
                        help="tools measured at 1000 posts and more (ABlog with furo takes "
                             "tens of minutes a build there; the targets compare with plain)")
    parser.add_argument("--parallel-up-to", type=int, default=100_000,
                        help="measure the -j 2 full build only up to this many posts")
    parser.add_argument("--write-docs", action="store_true")
    options = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="carnet-bench-"))
    results: dict[Case, dict[str, Figures]] = {}
    small: dict[str, dict[str, Figures]] = {}
    try:
        for theme in options.themes:
            if options.growth_from and any(count >= 1000 for count in options.sizes):
                small[theme] = measure(root, (options.growth_from, theme, ""), options.runs,
                                       ("carnet",), parallel=False)
            cases: list[Case] = [(count, theme, "") for count in options.sizes if count < 1000]
            if options.real_blog:
                cases.append((options.real_blog, theme, "real blog"))
            # the largest last: a run stopped midway has the rest
            cases += [(count, theme, "") for count in options.sizes if count >= 1000]
            if options.flat:
                cases.append((min(options.sizes), theme, "flat"))
            for case in cases:
                runs = (options.large_runs if case[0] >= 1000 and options.large_runs
                        else options.runs)
                tools = ("plain",) if case[2] == "flat" else (
                    tuple(options.large_tools) if case[0] >= 1000 else TOOLS)
                results[case] = measure(root, case, runs, tools,
                                        parallel=case[0] <= options.parallel_up_to)
                print(table({case: results[case]}), flush=True)
                _report(options, results, small, partial=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    _report(options, results, small, partial=False)


def _report(options: argparse.Namespace, results: dict[Case, dict[str, Figures]],
            small: dict[str, dict[str, Figures]], *, partial: bool) -> None:
    """Print the whole report (at the end), and with ``--write-docs`` write it to
    docs/performance.md after every case: a long run stopped midway leaves what it measured."""
    large = (f" ({options.large_runs} at 1000 posts and more)"
             if options.large_runs and any(c[0] >= 1000 for c in results) else "")
    verdicts = targets(results, small, options.growth_from)
    report = (f"{table(results)}\n\n{verdicts}\n\nMedian of {options.runs} "
              f"runs{large}, taken alternately. {versions()}. "
              f"Measured {dt.date.today().isoformat()}"
              f"{' (run stopped before its end)' if partial else ''}.")
    if not partial:
        print(report)
    if options.write_docs:
        page = HERE.parent / "docs" / "performance.md"
        page.write_text(
            "# Performances\n\nMesuré par `python benchmarks/run.py "
            f"{' '.join(sys.argv[1:])}` : le même blog (une étiquette courante et deux d’une "
            "longue traîne par billet) construit avec Sphinx et MyST seuls (une `toctree` par "
            "année, comme l’écrirait un utilisateur soigneux), avec ABlog (de même) et avec "
            "carnet, chaque thème avec ses barres latérales par défaut ; « real blog » : des "
            "billets longs, du code, des figures, environ 3×N étiquettes, en français et en "
            "anglais.\n\n" + report + "\n",
            encoding="utf-8")


if __name__ == "__main__":
    main()
