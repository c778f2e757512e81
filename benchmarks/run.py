"""Side-by-side build benchmark: plain Sphinx+MyST, ABlog and carnet on the same posts.

    python benchmarks/run.py                    # N = 100, 300, 1000; 3 runs each
    python benchmarks/run.py --sizes 100 --runs 1
    python benchmarks/run.py --write-docs       # also regenerate docs/performance.md

Every figure is the median of ``--runs`` runs taken alternately (plain, ABlog, carnet, plain,
…) in this one invocation, so that the machine's load falls on all of them alike. Builds run
as separate ``sphinx-build`` processes; peak memory is each process's maximum resident size.
"""

from __future__ import annotations

import argparse
import datetime as dt
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

from generate import generate

HERE = Path(__file__).parent
TOOLS = ("plain", "ablog", "carnet")
# The posts' titles live in their front matter: plain MyST and ABlog render them as the page's
# <h1>, as carnet does, so that the three build the same pages.
CONFS = {
    "plain": 'extensions = ["myst_parser"]\nmyst_title_to_header = True\n',
    "ablog": ('extensions = ["ablog", "myst_parser"]\nmyst_title_to_header = True\n'
              'blog_post_pattern = "posts/*"\npost_date_format = "%Y-%m-%d %H:%M"\n'),
    "carnet": 'extensions = ["sphinxext.carnet"]\n',
}
COMMON = 'project = "Banc"\nlanguage = "fr"\nhtml_theme = "alabaster"\n'
INDEXES = {
    "plain": "# Banc\n\n```{toctree}\n:hidden:\n:glob:\n\nposts/*\n```\n",
    "ablog": "# Banc\n\n```{toctree}\n:hidden:\n:glob:\n\nposts/*\n```\n\n```{postlist} 10\n```\n",
    "carnet": "# Banc\n\n```{postlist}\n:limit: 10\n```\n",
}


@dataclass
class Figures:
    full: list[float] = field(default_factory=list)
    noop: list[float] = field(default_factory=list)
    edit: list[float] = field(default_factory=list)
    unpublish: list[float] = field(default_factory=list)
    parallel: list[float] = field(default_factory=list)
    memory: list[float] = field(default_factory=list)  # MB


def _front_matter_only(folder: Path) -> None:
    """ABlog reads front matter, not Pelican headers: every tool gets the same YAML posts."""
    for path in (folder / "posts").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            continue
        header, _, body = text.partition("\n\n")
        fields = dict(line.split(": ", 1) for line in header.splitlines())
        yaml = ["---", f"title: \"{fields['Title']}\"", f"date: {fields['Date']}",
                f"tags: {fields['Tags']}", "blogpost: true", "---", ""]
        path.write_text("\n".join(yaml) + body, encoding="utf-8")


def _site(root: Path, tool: str, count: int) -> Path:
    folder = root / f"{tool}-{count}"
    if folder.exists():
        shutil.rmtree(folder)
    generate(count, folder)
    _front_matter_only(folder)
    (folder / "conf.py").write_text(COMMON + CONFS[tool], encoding="utf-8")
    (folder / "index.md").write_text(INDEXES[tool], encoding="utf-8")
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


def measure(root: Path, count: int, runs: int, tools: tuple[str, ...] = TOOLS
            ) -> dict[str, Figures]:
    figures = {tool: Figures() for tool in tools}
    for run in range(runs):
        for tool in tools:  # alternately: plain, ABlog, carnet, plain…
            folder = _site(root, tool, count)
            seconds, memory = _sphinx(folder, "-E")
            figures[tool].full.append(seconds)
            figures[tool].memory.append(memory)
            figures[tool].noop.append(_sphinx(folder)[0])
            post = folder / "posts" / f"billet-{min(7, count - 1):04d}.md"
            post.write_text(post.read_text("utf-8") + "\nUne ligne de plus.\n", "utf-8")
            figures[tool].edit.append(_sphinx(folder)[0])
            _unpublish(tool, folder / "posts" / f"billet-{min(8, count - 1):04d}.md")
            figures[tool].unpublish.append(_sphinx(folder)[0])
            shutil.rmtree(folder / "_build")
            figures[tool].parallel.append(_sphinx(folder, "-E", "-j", "2")[0])
            shutil.rmtree(folder)
            f = figures[tool]
            _log(f"[{count} posts, run {run + 1}/{runs}] {tool}: full {f.full[-1]:.1f} s, "
                 f"no-op {f.noop[-1]:.2f} s, edit {f.edit[-1]:.2f} s, "
                 f"unpublish {f.unpublish[-1]:.2f} s, -j 2 {f.parallel[-1]:.1f} s, "
                 f"{f.memory[-1]:.0f} MB")
    return figures


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def table(results: dict[int, dict[str, Figures]]) -> str:
    rows = ["| posts | measure | plain MyST | ABlog | carnet | carnet / MyST | carnet / ABlog |",
            "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"]
    for count, figures in results.items():
        for name, unit in (("full", "s"), ("noop", "s"), ("edit", "s"), ("unpublish", "s"),
                           ("parallel", "s"), ("memory", "MB")):
            values = {tool: _median(getattr(figures[tool], name)) for tool in TOOLS}
            label = {"full": "full build", "noop": "no-op rebuild", "edit": "one-post edit",
                     "unpublish": "unpublish a post", "parallel": "full build -j 2",
                     "memory": "peak memory"}[name]
            rows.append(
                f"| {count} | {label} | {values['plain']:.2f} {unit} | "
                f"{values['ablog']:.2f} {unit} | {values['carnet']:.2f} {unit} | "
                f"{values['carnet'] / values['plain']:.2f}× | "
                f"{values['carnet'] / values['ablog']:.2f}× |")
    return "\n".join(rows)


def growth(results: dict[int, dict[str, Figures]], small: dict[str, Figures] | None,
           small_count: int) -> str:
    """How the full build grows: every tool from the smallest size to the largest, and carnet
    from ``small_count`` posts (the linearity target's reference) to the largest."""
    sizes = sorted(results)
    if len(sizes) < 2 and small is None:
        return ""
    lines = []
    large = sizes[-1]
    if len(sizes) >= 2:
        for tool in TOOLS:
            ratio = _median(results[large][tool].full) / _median(results[sizes[0]][tool].full)
            lines.append(f"- {tool}: {large} posts cost {ratio:.2f}× {sizes[0]} posts "
                         f"(linear would be {large / sizes[0]:.2f}×)")
    if small is not None:
        ratio = _median(results[large]["carnet"].full) / _median(small["carnet"].full)
        lines.append(f"- carnet: {large} posts cost {ratio:.2f}× {small_count} posts "
                     f"(linear would be {large / small_count:.2f}×; target ≤ "
                     f"{1.1 * large / small_count:.2f}×)")
    return "\n".join(lines)


def targets(results: dict[int, dict[str, Figures]]) -> str:
    """The issue's targets, each checked against this run's medians."""
    lines = []

    def check(label: str, value: float, limit: float) -> None:
        mark = "yes" if value <= limit else "**NO**"
        lines.append(f"| {label} | {value:.2f}× | ≤ {limit:.2f}× | {mark} |")

    for count, figures in sorted(results.items()):
        ratio = {name: _median(getattr(figures["carnet"], name))
                 / _median(getattr(figures["plain"], name)) for name in
                 ("full", "noop", "edit", "memory")}
        versus_ablog = {name: _median(getattr(figures["carnet"], name))
                        / _median(getattr(figures["ablog"], name)) for name in
                        ("full", "noop", "edit")}
        if count >= 300:
            check(f"{count}: full build / plain MyST", ratio["full"], 1.10)
        check(f"{count}: one-post edit / plain MyST", ratio["edit"], 1.3)
        check(f"{count}: no-op rebuild / plain MyST", ratio["noop"], 1.3)
        check(f"{count}: unpublish (status) / one-post edit",
              _median(figures["carnet"].unpublish) / _median(figures["carnet"].edit), 1.5)
        for name, value in versus_ablog.items():
            check(f"{count}: {name} / ABlog", value, 0.999)
        if count >= 1000:
            check(f"{count}: peak memory / plain MyST", ratio["memory"], 1.2)
        check(f"{count}: carnet -j 2 / -j 1", _median(figures["carnet"].parallel)
              / _median(figures["carnet"].full), 0.999)
    return "\n".join(["| target | measured | limit | met |", "| --- | ---: | ---: | --- |",
                      *lines])


def versions() -> str:
    import docutils
    import myst_parser
    import sphinx

    try:
        import ablog

        ablog_version = ablog.__version__
    except ImportError:
        ablog_version = "not installed"
    return (f"Python {platform.python_version()}, Sphinx {sphinx.__version__}, MyST-Parser "
            f"{myst_parser.__version__}, docutils {docutils.__version__}, ABlog {ablog_version}; "
            f"{platform.machine()}, {os.cpu_count()} cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--large-runs", type=int, default=0,
                        help="runs at 1000 posts and more (default: --runs); plain MyST and "
                             "ABlog take about twelve minutes per run there")
    parser.add_argument("--growth-from", type=int, default=250,
                        help="carnet alone at this size too, for the linearity target (0: skip)")
    parser.add_argument("--write-docs", action="store_true")
    options = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="carnet-bench-"))
    results: dict[int, dict[str, Figures]] = {}
    small = None
    try:
        if options.growth_from:
            small = measure(root, options.growth_from, options.runs, ("carnet",))
        for count in options.sizes:
            runs = options.large_runs if count >= 1000 and options.large_runs else options.runs
            results[count] = measure(root, count, runs)
            print(table({count: results[count]}), flush=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    large = (f" ({options.large_runs} at 1000 posts and more)"
             if options.large_runs and any(count >= 1000 for count in results) else "")
    report = (f"{table(results)}\n\n{growth(results, small, options.growth_from)}\n\n"
              f"{targets(results)}\n\nMedian of {options.runs} runs{large}, taken "
              f"alternately. {versions()}. Measured {dt.date.today().isoformat()}.")
    print(report)
    if options.write_docs:
        page = HERE.parent / "docs" / "performance.md"
        page.write_text(
            "# Performances\n\nMesuré par `python benchmarks/run.py "
            f"{' '.join(sys.argv[1:])}` : le même "
            "blog construit avec Sphinx et MyST seuls, avec ABlog et avec carnet, thème "
            "alabaster et ses barres latérales par défaut.\n\n" + report + "\n",
            encoding="utf-8")


if __name__ == "__main__":
    main()
