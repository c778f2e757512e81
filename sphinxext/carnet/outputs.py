"""The files carnet writes into an HTML output besides Sphinx's pages: feeds, redirect pages,
static folders. All go through one writer: only inside the output folder, only when their
content changed, never over a page carnet did not write; and what carnet wrote before that
nothing asks for any more is removed, so that a rebuild gives what a clean build gives.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .config import carnet_config
from .feeds import ATOM, HTML_BUILDERS, feed_files
from .redirects import REDIRECT_MARK, redirect_files
from .safepath import contained
from .statics import copy_static_folders

logger = logging.getLogger(__name__)


def write_output(outdir: Path, relpath: str, data: bytes,
                 location: tuple[str, int] | None = None, *, replace: bool = True) -> bool:
    """Write a file of the output, only inside it and only when its content changed; a file
    that is there already is replaced only when ``replace`` says so. Return whether the file
    is carnet's now."""
    path = contained(outdir, relpath)
    if path is None:
        logger.warning("not written: %r is outside the output folder", relpath,
                       location=location, type="carnet", subtype="path")
        return False
    if path.exists():
        current = path.read_bytes()
        if current == data:
            return True
        if not replace:
            logger.warning("no redirect page at %r: a page that carnet did not write is "
                           "there", relpath, location=location, type="carnet",
                           subtype="redirect")
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


#: The output files carnet wrote in the last build (feeds, redirects), one path a line, kept
#: in the output folder beside Sphinx's own ``.buildinfo``.
RECORD = ".carnet-outputs"


def _starts_with(path: Path, mark: bytes) -> bool:
    with path.open("rb") as file:
        return mark in file.read(1024)


def is_redirect(path: Path) -> bool:
    return _starts_with(path, REDIRECT_MARK)


def _is_feed(path: Path) -> bool:
    return path.name.endswith(".xml") and (_starts_with(path, f'<feed xmlns="{ATOM}"'.encode())
                                           or _starts_with(path, b"<rss version="))


def _on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    outdir = Path(app.outdir)
    written: set[str] = set()
    for path, data in feed_files(app).items():
        if write_output(outdir, path, data):
            written.add(path)
    pages = {app.builder.get_target_uri(d) for d in app.env.all_docs}
    for old, (data, source) in redirect_files(app, pages).items():
        existing = outdir / old
        # Sphinx's own pages (search.html, genindex.html…) and the user's files stay
        replace = not existing.is_file() or is_redirect(existing)
        if write_output(outdir, old, data, source, replace=replace):
            written.add(old)
    written |= copy_static_folders(app, pages)
    _remove_stale(app, outdir, written)


def _remove_stale(app: Sphinx, outdir: Path, written: set[str]) -> None:
    """Remove what carnet wrote before and nothing asks for now (a post retitled, a tag
    gone, a static file deleted); then record what it wrote."""
    record = outdir / RECORD
    previous = set(record.read_text("utf-8").split("\n")) if record.is_file() else set()
    static = tuple(f"{folder.strip('/')}/" for folder in
                   carnet_config(app.config).static_folders())
    for relpath in sorted(previous - written - {""}):
        path = contained(outdir, relpath)
        if path is None or not path.is_file():
            continue
        copied = relpath.startswith(static) and not Path(app.srcdir, relpath).exists()
        if copied or is_redirect(path) or _is_feed(path):
            path.unlink()
    if previous != written or not record.is_file():
        record.write_text("\n".join(sorted(written)), "utf-8")


def setup_outputs(app: Sphinx) -> None:
    app.connect("build-finished", _on_build_finished)
