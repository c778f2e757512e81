"""Before Sphinx reads anything: the header of every Markdown source, a few lines each.

What it says decides which documents are posts, which are left out (Status ``skip``, drafts)
and what the archive pages list.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path

from sphinx.config import Config
from sphinx.util.matching import Matcher

from .config import carnet_config
from .encoding import decode_source, repair_mojibake
from .header import read_front_matter, read_pelican_header
from .posts import Post, post_from_header

_SKIP_DIRS = re.compile(r"^(\.|_build$|_static$|_templates$|node_modules$|__pycache__$)")


def is_post_docname(config: Config, docname: str) -> bool:
    """Whether a document is a post: it matches ``carnet_posts``, is not the root document and
    is not an archive page."""
    settings = carnet_config(config)
    if docname == config.root_doc or docname.startswith(settings.blog_path.strip("/") + "/"):
        return False
    return Matcher(settings.posts)(docname)


@dataclasses.dataclass
class Scan:
    """What the headers of all Markdown sources say, before Sphinx reads anything."""

    posts: list[Post]  # posts and pages (Markdown documents with a header) that are built
    excluded: list[str]  # docnames of posts not built (Status skip, unbuilt drafts)
    kept: list[str] = dataclasses.field(default_factory=list)  # user pages at archive names

    def pages(self, root_doc: str) -> list[str]:
        """Pages (not posts) that Pelican would show: they go in the root's toctree."""
        return [p.docname for p in self.posts
                if not p.is_post and p.status == "published" and p.docname != root_doc]


def _markdown_suffixes(config: Config) -> list[str]:
    suffixes = config.source_suffix
    if isinstance(suffixes, dict):
        return [s for s, kind in suffixes.items() if kind in ("markdown", "myst", "md")]
    return [".md"]


def scan_sources(srcdir: Path, config: Config) -> Scan:
    """Read the header of every Markdown source below ``srcdir``."""
    settings = carnet_config(config)
    suffixes = tuple(_markdown_suffixes(config))
    blog = settings.blog_path.strip("/") + "/"
    user_excluded = Matcher(config.exclude_patterns)
    posts: list[Post] = []
    excluded: list[str] = []
    for root, dirs, files in os.walk(srcdir):
        dirs[:] = sorted(d for d in dirs if not _SKIP_DIRS.match(d))
        for name in sorted(files):
            if not name.endswith(suffixes):
                continue
            path = Path(root, name)
            relpath = path.relative_to(srcdir).as_posix()
            if relpath.startswith(blog) or user_excluded(relpath):
                continue
            docname = relpath.rsplit(".", 1)[0]
            try:
                head = path.read_bytes()[:16384]
            except OSError:
                continue
            text = decode_source(head)[0].replace("\r\n", "\n").replace("\r", "\n")
            header = read_pelican_header(text) or read_front_matter(text)
            if header is None:
                continue
            if header.kind == "pelican":
                header_text = "\n".join(text.split("\n")[: header.length])
                header = read_pelican_header(repair_mojibake(header_text)[0]) or header
            post, _problems = post_from_header(docname, is_post_docname(config, docname),
                                               header)
            if post.status == "skip" or (post.status == "draft" and not settings.drafts):
                excluded.append(docname)
            else:
                posts.append(post)
    return Scan(posts, excluded)
