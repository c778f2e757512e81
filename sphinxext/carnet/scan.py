"""Before Sphinx reads anything: the header of every Markdown source, a few lines each.

What it says decides which documents are posts, which are left out (Status ``skip``, drafts)
and what the archive pages list.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import pickle
import re
from pathlib import Path
from typing import Any

from sphinx.config import Config
from sphinx.util.matching import Matcher

from .config import carnet_config
from .encoding import decode_source, repair_mojibake
from .header import Header, read_front_matter, read_pelican_header, read_rst_header
from .posts import Post, apply_pelican_defaults, finish_post, post_from_header

_SKIP_DIRS = re.compile(r"^(\.|_build$|_static$|_templates$|node_modules$|__pycache__$)")


def is_archive_docname(config: Config, docname: str) -> bool:
    """Whether a document is one of the archive pages carnet generates."""
    return docname.startswith(carnet_config(config).blog_path.strip("/") + "/")


def is_post_docname(config: Config, docname: str) -> bool:
    """Whether a document is a post: it matches ``carnet_posts`` and not ``carnet_pages``, is
    not the root document and is not an archive page."""
    settings = carnet_config(config)
    if docname == config.root_doc or is_archive_docname(config, docname):
        return False
    return _matcher(tuple(settings.posts))(docname) and not _matcher(tuple(settings.pages))(
        docname)


@functools.lru_cache(maxsize=64)
def _matcher(patterns: tuple[str, ...]) -> Matcher:
    return Matcher(list(patterns))


def with_pelican_defaults(post: Post, config: Config) -> Post:
    """The post with what Pelican's defaults give it (date from the file name, category)."""
    settings = carnet_config(config)
    apply_pelican_defaults(post, category_from_folder=settings.category_from_folder,
                           default_category=settings.default_category)
    return post


@dataclasses.dataclass
class Scan:
    """What the headers of all sources say, before Sphinx reads anything."""

    posts: list[Post]  # posts and pages (Markdown documents with a header) that are built
    excluded: list[str]  # docnames of posts not built (Status skip, unbuilt drafts)
    kept: list[str] = dataclasses.field(default_factory=list)  # user pages at archive names

    def pages(self, root_doc: str) -> list[str]:
        """Pages (not posts) that Pelican would show: they go in the root's toctree."""
        return [p.docname for p in self.posts
                if not p.is_post and p.status == "published" and p.docname != root_doc]


def _suffixes(config: Config) -> dict[str, str]:
    """Source suffixes carnet reads headers of: suffix -> ``markdown`` or ``rst``."""
    suffixes = config.source_suffix
    if not isinstance(suffixes, dict):
        return {".md": "markdown", ".rst": "rst"}
    kinds = {"markdown": "markdown", "myst": "markdown", "md": "markdown",
             "restructuredtext": "rst", "rst": "rst"}
    return {suffix: kinds[kind] for suffix, kind in suffixes.items() if kind in kinds}


def read_source_header(data: bytes, kind: str) -> Header | None:
    """The header of a source file's bytes (any encoding, line ends or mojibake, as the
    parser reads them)."""
    text = decode_source(data)[0].replace("\r\n", "\n").replace("\r", "\n")
    header = read_header(text, kind)
    if header is not None and header.kind in ("pelican", "rst"):
        header_text = "\n".join(text.split("\n")[: header.length])
        header = read_header(repair_mojibake(header_text)[0], kind) or header
    return header


def read_header(text: str, kind: str) -> Header | None:
    """A source's header: Pelican's or front matter (Markdown), Pelican's title and field
    list (reStructuredText)."""
    if kind == "rst":
        return read_rst_header(text)
    return read_pelican_header(text) or read_front_matter(text)


def static_patterns(config: Config) -> list[str]:
    """The static folders as exclude patterns: their files are copied, never read."""
    return [f"{folder.strip('/')}/**" for folder in carnet_config(config).static_folders()]


#: The headers read in the last build, by source: (size, mtime), the header, and the record
#: made from it (with the settings it depends on). A source unchanged since is not opened
#: again (Sphinx, too, trusts sizes and times).
HEADERS_CACHE = "carnet-headers.pickle"
_CACHE_FORMAT = ("carnet-headers", 2)


def _load_headers(cache: Path | None) -> dict[str, Any]:
    if cache is None:
        return {}
    try:
        with cache.open("rb") as file:
            stored = pickle.load(file)
    except Exception:  # absent, truncated, from another version: read the sources again
        return {}
    if not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != _CACHE_FORMAT:
        return {}
    return stored[1]


def _save_headers(cache: Path, headers: dict[str, Any]) -> None:
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("wb") as file:
            pickle.dump((_CACHE_FORMAT, headers), file, pickle.HIGHEST_PROTOCOL)
    except OSError:
        pass  # a cache only: the next build reads the sources again


def scan_sources(srcdir: Path, config: Config, cache: Path | None = None) -> Scan:
    """Read the header of every Markdown and reStructuredText source below ``srcdir`` (from
    ``cache`` for the sources unchanged since it was written)."""
    from . import __version__

    settings = carnet_config(config)
    known = _load_headers(cache)
    headers: dict[str, Any] = {}
    kinds = _suffixes(config)
    suffixes = tuple(kinds)
    blog = settings.blog_path.strip("/") + "/"
    user_excluded = Matcher(config.exclude_patterns)  # static folders are in it already
    posts: list[Post] = []
    excluded: list[str] = []
    for root, dirs, files in os.walk(srcdir):
        dirs[:] = sorted(d for d in dirs if not _SKIP_DIRS.match(d))
        folder = os.path.relpath(root, srcdir).replace(os.sep, "/")
        prefix = "" if folder == "." else folder + "/"
        for name in sorted(files):
            if not name.endswith(suffixes):
                continue
            path = os.path.join(root, name)  # strings: a thousand sources, each a Path was slow
            relpath = prefix + name
            if relpath.startswith(blog) or user_excluded(relpath):
                continue
            docname = relpath.rsplit(".", 1)[0]
            is_post = is_post_docname(config, docname)
            # the record made from it depends on these settings too
            made_with = (is_post, settings.category_from_folder, settings.default_category)
            try:
                stat = os.stat(path)
                stamp = (__version__, stat.st_size, stat.st_mtime_ns)
                cached = known.get(relpath)
                if cached is not None and cached[0] == stamp:
                    header, post = cached[1], cached[3] if cached[2] == made_with else None
                else:
                    with open(path, "rb") as file:  # a header is in the first lines
                        head = file.read(16384)
                    header, post = read_source_header(
                        head, kinds[next(s for s in suffixes if name.endswith(s))]), None
            except OSError:
                continue
            if header is not None and post is None:
                post, _problems = post_from_header(docname, is_post, header)
                finish_post(post, "", name.rsplit(".", 1)[0])
                with_pelican_defaults(post, config)
            headers[relpath] = (stamp, header, made_with, post)
            if header is None or post is None:
                continue
            if post.status == "skip" or (post.status == "draft" and not settings.drafts):
                excluded.append(docname)
            else:
                posts.append(post)
    if cache is not None and headers != known:
        _save_headers(cache, headers)
    return Scan(posts, excluded)
