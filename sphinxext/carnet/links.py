"""Links written for the old (Pelican) site, classified so they become real cross-references.

Pure: ``classify`` says what a link destination means; the renderer acts on it.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from pathlib import Path

# Pelican's intra-site link syntax, in its current ({x}) and its old (|x|) spelling
_PELICAN = re.compile(r"^(?:\{(filename|static|attach|tag|category|author|index)\}"
                      r"|\|(filename|static|attach|tag|category|author|index)\|)(.*)$")


@dataclasses.dataclass(frozen=True)
class LegacyLink:
    """What an old link points to.

    kind: ``external`` (target is the URL to use), ``source`` (target is a path for MyST to
    resolve, relative to the current document or, starting with ``/``, to the source folder),
    ``slug`` (a post or page by slug), ``page`` (a page by slug), ``tag``, ``doc`` (a docname).
    """

    kind: str
    target: str
    fragment: str = ""


def _split_fragment(href: str) -> tuple[str, str]:
    path, _, fragment = href.partition("#")
    return path.split("?", 1)[0], fragment


def _site_path(path: str, fragment: str, root_doc: str) -> LegacyLink | None:
    """A path of the old site (relative to its root) → what it was."""
    path = path.lstrip("/")
    while path.startswith(("./", "../")):
        path = path.split("/", 1)[1]
    if path in ("", "index.html"):
        return LegacyLink("doc", root_doc, fragment)
    match = re.fullmatch(r"(archives|tags|categories|authors)\.html", path)
    if match:
        return LegacyLink("archive", match.group(1), fragment)
    match = re.fullmatch(r"(category|author)/([^/]+)\.html", path)
    if match:
        return LegacyLink(match.group(1), match.group(2), fragment)
    match = re.fullmatch(r"pages/([^/]+)\.html", path)
    if match:
        return LegacyLink("page", match.group(1), fragment)
    match = re.fullmatch(r"tags?/([^/]+)\.html", path)
    if match:
        return LegacyLink("tag", match.group(1), fragment)
    match = re.fullmatch(r"(?:[^/]+/)*([^/]+)\.html", path)
    if match:
        return LegacyLink("slug", match.group(1), fragment)
    return None


def classify(href: str, *, legacy_site_url: str = "", root_doc: str = "index",
             ) -> LegacyLink | None:
    """What a link destination of a migrated post means, or None to leave it to MyST."""
    href = href.strip()
    if href.startswith("//"):
        return LegacyLink("external", "https:" + href)
    match = _PELICAN.match(href)
    if match:
        kind = match.group(1) or match.group(2)
        rest = match.group(3)
        if kind in ("filename", "static", "attach"):
            return LegacyLink("source", rest)
        if kind == "index":
            return LegacyLink("doc", root_doc)
        path, fragment = _split_fragment(rest)
        return LegacyLink(kind, path, fragment)
    if legacy_site_url:
        base = re.sub(r"^https?:", "", legacy_site_url.rstrip("/"))
        bare = re.sub(r"^https?:", "", href)
        if bare == base or bare.startswith((base + "/", base + "#")):
            path, fragment = _split_fragment(bare[len(base):])
            return _site_path(path, fragment, root_doc)
        site = re.match(r"^(https?:)?//[^/]+", legacy_site_url)
        prefix = legacy_site_url.rstrip("/")[site.end():] if site else ""
        if href.startswith("/") and not href.startswith("//") and site is not None:
            # a root-relative link, written on the old host: under the blog's own path it is
            # the blog's; elsewhere, another application of that host
            if prefix and (href == prefix or href.startswith((prefix + "/", prefix + "#"))):
                path, fragment = _split_fragment(href[len(prefix):])
                return _site_path(path, fragment, root_doc) or LegacyLink(
                    "source", path + (f"#{fragment}" if fragment else ""))
            if prefix:
                host = site.group() if site.group(1) else "https:" + site.group()
                return LegacyLink("external", host + href)
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href) or href.startswith("#"):
        return None
    path, fragment = _split_fragment(href)
    if not path.endswith(".html"):
        return None
    return _site_path(path, fragment, root_doc)


_LOCAL = re.compile(r"^(?![A-Za-z][A-Za-z0-9+.-]*:|#|//)(?P<path>[^?#]+)(?P<rest>[?#].*)?$")


def local_file(srcdir: Path, docname: str, href: str, *, from_root: bool) -> str | None:
    """Where a relative link's file is, as a path from the source folder (``/images/a.png``):
    next to the document, else (``from_root``: a Pelican site, whose links were written from
    the site's root) from the source folder. None when it is neither, or not a plain path."""
    match = _LOCAL.match(href.strip())
    if match is None or match.group("path").startswith("/"):
        return None
    path = match.group("path")
    candidates = [posixpath.normpath(posixpath.join(posixpath.dirname(docname), path))]
    if from_root:
        candidates.append(posixpath.normpath(path))
    for candidate in candidates:
        if not candidate.startswith("../") and (srcdir / candidate).is_file():
            return "/" + candidate + (match.group("rest") or "")
    return None


def file_suffix(href: str) -> str:
    """The suffix of a link's path (``.pdf``), '' for none."""
    match = _LOCAL.match(href.strip())
    return posixpath.splitext(match.group("path"))[1].lower() if match else ""
