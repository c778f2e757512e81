"""Static folders (Pelican's ``STATIC_PATHS``, ``images`` by default): copied whole into
the output at the same paths, so that raw ``<img src="images/…">``, linked PDFs and files
nobody links to keep their addresses. Only changed files are copied; never over a page.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from .config import carnet_config
from .safepath import contained

logger = logging.getLogger(__name__)


def copy_static_folders(app: Sphinx, pages: set[str]) -> set[str]:
    """Copy every static folder; return the output paths the copies have."""
    srcdir, outdir = Path(app.srcdir).resolve(), Path(app.outdir)
    copied: set[str] = set()
    for folder in carnet_config(app.config).static_folders():
        source = contained(srcdir, folder.strip("/"))
        if source is None or not source.is_dir():
            continue
        for root, dirs, files in os.walk(source):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                path = Path(root, name)
                relpath = path.relative_to(srcdir).as_posix()
                target = contained(outdir, relpath)
                if target is None:
                    continue
                if relpath in pages:
                    logger.warning("static file %s not copied: a page has its address",
                                   relpath, type="carnet", subtype="static")
                    continue
                copied.add(relpath)
                stat = path.stat()
                if target.is_file() and target.stat().st_size == stat.st_size \
                        and target.stat().st_mtime >= stat.st_mtime:
                    continue  # copied already
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
    return copied


_URL_ATTRIBUTE = re.compile(r"""(\b(?:src|href|poster|data)\s*=\s*)(["'])([^"'#?:]+)(?=[#?"'])""")


def _raw_html_from_root(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In a migrated blog, raw HTML's relative addresses were written from the site's root
    (Pelican writes articles there): in a page that sits in a folder, one that names a file of
    a static folder points at that file's copy, from where the page is."""
    settings = carnet_config(app.config)
    folders = tuple(f"{folder.strip('/')}/" for folder in settings.static_folders())
    if (not settings.legacy_site_url or not folders or "/" not in docname
            or app.builder.format != "html"):
        return
    srcdir = Path(app.srcdir)
    page = app.builder.get_target_uri(docname)

    def rebase(match: re.Match[str]) -> str:
        path = match.group(3)
        if not path.startswith(folders) or (srcdir / docname).parent.joinpath(path).exists() \
                or not (srcdir / path).is_file():
            return match.group()
        return match.group(1) + match.group(2) + relative_uri(page, path)

    for raw in list(doctree.findall(nodes.raw)):
        if "html" in raw.get("format", "").split():
            text = _URL_ATTRIBUTE.sub(rebase, raw.astext())
            if text != raw.astext():
                raw.replace_self(nodes.raw("", text, format=raw["format"]))


def setup_statics(app: Sphinx) -> None:
    app.connect("doctree-resolved", _raw_html_from_root)
