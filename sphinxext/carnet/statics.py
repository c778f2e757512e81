"""Static folders (Pelican's ``STATIC_PATHS``, ``images`` by default): copied whole into
the output at the same paths, so that raw ``<img src="images/…">``, linked PDFs and files
nobody links to keep their addresses. Only changed files are copied; never over a page.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .config import carnet_config
from .safepath import contained

logger = logging.getLogger(__name__)


def copy_static_folders(app: Sphinx, pages: set[str]) -> set[str]:
    """Copy every static folder; return the output paths the copies have."""
    srcdir, outdir = Path(app.srcdir), Path(app.outdir)
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
                relpath = path.relative_to(srcdir.resolve()).as_posix()
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
