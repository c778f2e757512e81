"""Atom feeds (the blog, each tag, each language) and redirect pages at the old Pelican URLs.

Both are written when an HTML build finishes, only where their content changed. Feeds use
absolute links from ``html_baseurl`` (on Read the Docs, ``READTHEDOCS_CANONICAL_URL``); their
dates come from the posts, never from the build, so two builds give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, NamedTuple

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from .archive import group_docname
from .config import carnet_config
from .domain import blog_domain
from .posts import Post
from .safepath import contained, slug_segment

logger = logging.getLogger(__name__)
ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 20
HTML_BUILDERS = ("html", "dirhtml")


def base_url(app: Sphinx) -> str:
    """The site's absolute address, ending with a slash; empty when unknown."""
    url = os.environ.get("READTHEDOCS_CANONICAL_URL") or app.config.html_baseurl or ""
    return url if not url or url.endswith("/") else url + "/"


def _iso(moment: dt.datetime) -> str:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.isoformat()


def _page_url(app: Sphinx, docname: str) -> str:
    return base_url(app) + app.builder.get_target_uri(docname)


def feed_paths(app: Sphinx) -> dict[str, tuple[str, list[Post]]]:
    """Each feed's path (relative to the output) -> (title, entries)."""
    domain = blog_domain(app.env)
    blog = carnet_config(app.config).blog_path.strip("/")
    now = dt.datetime.now(dt.UTC)
    future = carnet_config(app.config).future_posts
    posts = [p for p in domain.posts()  # future posts wait for their date, unless asked
             if p.date is not None and (future or _aware(p.date) <= now)]
    site = app.config.project or "Blog"
    feeds = {f"{blog}/atom.xml": (site, posts)}
    for tag, tagged in domain.tags().items():
        slug = slug_segment(tag, "tag")
        feeds[f"{blog}/tag/{slug}.atom.xml"] = (f"{site} — {tag}",
                                                [p for p in tagged if p in posts])
    languages = {p.lang for p in posts if p.lang}
    if len(languages) > 1:
        for lang in sorted(languages):
            feeds[f"{blog}/lang/{lang}.atom.xml"] = (
                f"{site} ({lang})", [p for p in posts if p.lang == lang])
    return feeds


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _summary(post: Post) -> str:
    """The post's Summary, else its excerpt (read when the post was parsed)."""
    return post.summary or post.excerpt


def atom(app: Sphinx, path: str, title: str, posts: list[Post]) -> bytes:
    """An Atom feed; ElementTree escapes whatever titles hold."""
    ET.register_namespace("", ATOM)
    base = base_url(app)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = base + path
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=base + path)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=base)
    entries = posts[:FEED_ENTRIES]
    newest = max((_aware(p.modified or p.date) for p in entries if p.date),
                 default=dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _iso(newest)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = app.config.author or title
    for post in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        url = _page_url(app, post.docname)
        shown = app.env.titles[post.docname].astext() if post.docname in app.env.titles \
            else post.title
        ET.SubElement(entry, f"{{{ATOM}}}title").text = shown
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=url)
        published = post.date or dt.datetime(1970, 1, 1)  # feeds only hold dated posts
        ET.SubElement(entry, f"{{{ATOM}}}published").text = _iso(published)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _iso(post.modified or published)
        for name in post.authors:
            ET.SubElement(ET.SubElement(entry, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = \
                name
        for tag in post.tags:
            ET.SubElement(entry, f"{{{ATOM}}}category", term=tag)
        summary = _summary(post)
        if summary:
            ET.SubElement(entry, f"{{{ATOM}}}summary").text = summary
        if post.lang:
            entry.set("{http://www.w3.org/XML/1998/namespace}lang", post.lang)
    _xml_safe(feed)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(element: ET.Element) -> None:
    """XML 1.0 cannot hold control characters: a title with one would break the feed."""
    for node in element.iter():
        if node.text:
            node.text = _NOT_XML.sub("", node.text)
        for key, value in node.attrib.items():
            node.attrib[key] = _NOT_XML.sub("", value)


def _write(outdir: Path, relpath: str, data: bytes, location: tuple[str, int] | None = None,
           *, replace: bool = True) -> bool:
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


def _remove_stale(outdir: Path, written: set[str]) -> None:
    """Remove what carnet wrote before and nothing asks for now (a post retitled, a tag
    gone), so that a rebuild gives what a clean build gives; then record what it wrote."""
    record = outdir / RECORD
    previous = set(record.read_text("utf-8").split("\n")) if record.is_file() else set()
    for relpath in sorted(previous - written - {""}):
        path = contained(outdir, relpath)
        if path is not None and path.is_file() and (_is_redirect(path) or _is_feed(path)):
            path.unlink()
    text = "\n".join(sorted(written))
    if previous != written or not record.is_file():
        record.write_text(text, "utf-8")


# --- redirects ------------------------------------------------------------------------------

REDIRECT = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="canonical" href="{href}">
<meta http-equiv="refresh" content="0; url={href}">
<meta name="robots" content="noindex">
<meta name="generator" content="sphinxext-carnet redirect">
<script>location.replace({href_js} + location.hash);</script>
</head>
<body><p><a href="{href}">{title}</a></p></body>
</html>
"""


def redirect_page(target: str, title: str, lang: str) -> bytes:
    """A page that sends the reader on, keeping the ``#fragment`` (title and href escaped)."""
    import json

    return REDIRECT.format(lang=html.escape(lang), title=html.escape(title),
                           href=html.escape(target, quote=True),
                           href_js=json.dumps(target).replace("<", "\\u003c")).encode()


class Redirect(NamedTuple):
    docname: str  # where it leads
    title: str
    source: tuple[str, int] | None  # the post it was made for, to name in warnings


def redirects(app: Sphinx) -> dict[str, Redirect]:
    """Old path -> redirect: posts at ``{slug}.html``, tags at ``tag/{tag}.html``."""
    settings = carnet_config(app.config)
    domain = blog_domain(app.env)
    found: dict[str, Redirect] = {}
    if settings.redirect_pattern:
        for post in domain.posts(listed_only=False):
            if post.status == "draft" or not post.slug:
                continue
            old = settings.redirect_pattern.format(slug=post.slug, lang=post.lang or "")
            found[old.lstrip("/")] = Redirect(post.docname, post.title,
                                              (post.docname, post.line))
    if settings.tag_redirect_pattern:
        for tag in domain.tags():
            old = settings.tag_redirect_pattern.format(tag=slug_segment(tag, "tag"))
            found[old.lstrip("/")] = Redirect(group_docname(app.config, "tag", tag), tag, None)
    return found


def _starts_with(path: Path, mark: bytes) -> bool:
    with path.open("rb") as file:
        return mark in file.read(1024)


def _is_redirect(path: Path) -> bool:
    return _starts_with(path, b'content="sphinxext-carnet redirect"')


def _is_feed(path: Path) -> bool:
    return path.name.endswith(".xml") and _starts_with(path, f'<feed xmlns="{ATOM}"'.encode())


def _on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    outdir = Path(app.outdir)
    written: set[str] = set()
    if base_url(app):
        for path, (title, posts) in feed_paths(app).items():
            if _write(outdir, path, atom(app, path, title, posts)):
                written.add(path)
    lang = app.config.language or "en"
    pages = {app.builder.get_target_uri(d) for d in app.env.all_docs}
    for old, redirect in redirects(app).items():
        if old in pages or old.removesuffix("index.html") in pages:
            continue  # a real page is there: never overwrite it
        target = posixpath.relpath(app.builder.get_target_uri(redirect.docname),
                                   posixpath.dirname(old) or ".")
        existing = outdir / old
        # Sphinx's own pages (search.html, genindex.html…) and the user's files stay
        replace = not existing.is_file() or _is_redirect(existing)
        if _write(outdir, old, redirect_page(target, redirect.title, lang), redirect.source,
                  replace=replace):
            written.add(old)
    _remove_stale(outdir, written)


def _feed_link(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
               doctree: nodes.document | None) -> None:
    """``<link rel="alternate">`` to the blog's feed in every page's head."""
    if not base_url(app) or app.builder.name not in HTML_BUILDERS:
        return
    blog = carnet_config(app.config).blog_path.strip("/")
    href = html.escape(base_url(app) + f"{blog}/atom.xml", quote=True)
    title = html.escape(app.config.project or "Blog", quote=True)
    link = f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}">\n'
    context["metatags"] = context.get("metatags", "") + link


def setup_feeds(app: Sphinx) -> None:
    app.connect("build-finished", _on_build_finished)
    app.connect("html-page-context", _feed_link)
