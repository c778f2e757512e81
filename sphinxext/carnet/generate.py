"""Writing the archive pages into the source folder, and leaving out what is not built.

At ``config-inited``, before Sphinx looks for documents, the headers are scanned and the
archive pages written, each only when its text changed (an unchanged blog costs no re-read); a
file there that carnet did not write is the user's and is never overwritten. Posts in Status
``skip`` (and unbuilt drafts) are taken out of the documents Sphinx found, so changing a
Status re-reads that post, not the whole project.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .archive import MARKER, archive_pages
from .config import carnet_config
from .safepath import contained
from .scan import HEADERS_CACHE, scan_sources, static_patterns
from .state import build_state

logger = logging.getLogger(__name__)


def _generated(text: str) -> bool:
    return MARKER in text.split("\n", 5)[:5]


def write_pages(srcdir: Path, pages: dict[str, str]) -> list[str]:
    """Write what changed, remove stale generated pages, keep the user's own files.

    Return the docnames the user's own files took over.
    """
    kept: list[str] = []
    blog_dirs = {folder for docname in pages
                 if (folder := contained(srcdir, docname.split("/", 1)[0])) is not None}
    for docname, text in pages.items():
        path = contained(srcdir, docname + ".md")
        if path is None:  # names are made safe before: this is the last line of defence
            logger.warning("archive page %r not written: outside the source folder", docname,
                           type="carnet", subtype="path")
            continue
        if path.exists():
            current = path.read_text(encoding="utf-8", errors="replace")
            if not _generated(current):
                kept.append(docname)
                continue
            if current == text:
                continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    root = srcdir.resolve()
    for folder in blog_dirs:
        for path in sorted(folder.rglob("*.md"), reverse=True):
            docname = path.relative_to(root).with_suffix("").as_posix()
            if docname not in pages and _generated(path.read_text("utf-8", errors="replace")):
                path.unlink()
                with contextlib.suppress(OSError):  # a folder left empty goes too
                    path.parent.rmdir()
    return kept


def _on_config_inited(app: Sphinx, config: Config) -> None:
    srcdir = Path(app.srcdir)
    # static folders are copied, never read (a setting: the same list every build)
    config.exclude_patterns = [*config.exclude_patterns, *static_patterns(config)]
    scan = scan_sources(srcdir, config, Path(app.doctreedir) / HEADERS_CACHE)
    folder = Path(srcdir, carnet_config(config).blog_path.strip("/"))
    new_folder = not folder.exists()
    scan.kept = write_pages(srcdir, archive_pages(config, scan.posts))
    if new_folder and folder.is_dir():  # a folder that is all ours: out of the user's commits
        (folder / ".gitignore").write_text("# written by sphinxext-carnet\n*\n", "utf-8")
    build_state(app).scan = scan


def _report_kept(app: Sphinx) -> None:
    scan = build_state(app).scan
    for docname in scan.kept if scan else ():
        logger.warning("this page has the docname of an archive page carnet generates: "
                       "yours is kept", location=(docname, 1), type="carnet", subtype="archive")


def _leave_out(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
               removed: set[str]) -> list[str]:
    """Posts in Status skip (and unbuilt drafts) are not documents of this build: out of the
    documents found, purged when they were built before. Unlike ``exclude_patterns``, this
    is no configuration change, so the other documents are not read again."""
    scan = build_state(app).scan
    left_out = set(scan.excluded) & env.found_docs if scan else set()
    if left_out:
        env.found_docs.difference_update(left_out)
        added.difference_update(left_out)
        changed.difference_update(left_out)
        removed.update(left_out & env.all_docs.keys())
    return []


def _remove_pages_of_removed(app: Sphinx, env: BuildEnvironment, added: set[str],
                             changed: set[str], removed: set[str]) -> list[str]:
    """The pages of documents gone (deleted, or a post set to draft or skip) go too, so that
    a rebuild gives what a clean build gives, and an unpublished post is not left online.
    Sphinx itself leaves them; done before writing, so that nothing written now is lost."""
    builder = app.builder
    if not removed or builder.name not in ("html", "dirhtml"):
        return []
    outdir = Path(app.outdir)
    for docname in sorted(removed):
        page = Path(builder.get_outfilename(docname))  # type: ignore[attr-defined]
        relpaths = [os.path.relpath(page, outdir)]
        relpaths += [f"_sources/{docname}{suffix}.txt" for suffix in app.config.source_suffix]
        for relpath in relpaths:
            path = contained(outdir, relpath)
            if path is not None and path.is_file():
                path.unlink()
    return []


def setup_generate(app: Sphinx) -> None:
    # after Sphinx merged the source suffixes extensions registered (priority 800)
    app.connect("config-inited", _on_config_inited, priority=850)
    app.connect("builder-inited", _report_kept)
    # first, so that other handlers see the documents of this build only
    app.connect("env-get-outdated", _leave_out, priority=100)
    app.connect("env-get-outdated", _remove_pages_of_removed, priority=900)
