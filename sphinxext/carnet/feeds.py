"""Atom feeds (the blog, each tag, each language; Pelican's feed addresses for a migrated blog).

They are written when an HTML build finishes (``outputs``), only where their content changed.
Feeds use absolute links from ``html_baseurl`` (on Read the Docs,
``READTHEDOCS_CANONICAL_URL``); their dates come from the posts, never from the build, so two
builds give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import os
import re
import xml.etree.ElementTree as ET
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from .config import carnet_config
from .domain import blog_domain
from .header import pelican_slug
from .postpage import is_translation
from .posts import Post
from .safepath import path_segment, slug_segment

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
    if carnet_config(app.config).legacy_site_url:
        feeds.update(_pelican_feeds(app, site, posts))
    return feeds


def _pelican_feeds(app: Sphinx, site: str, posts: list[Post],
                   ) -> dict[str, tuple[str, list[Post]]]:
    """The feeds a Pelican blog had, at Pelican's default addresses (``FEED_ALL_ATOM``,
    ``CATEGORY_FEED_ATOM``, ``AUTHOR_FEED_ATOM`` and ``_RSS``, ``TRANSLATION_FEED_ATOM``):
    feed readers follow no redirect page, so each is a feed of its own."""
    domain = blog_domain(app.env)
    site_lang = (app.config.language or "en").split("-")[0]
    # as Pelican's: every post in the main feed, no translation in a category's or author's
    originals = [p for p in posts if not is_translation(app.env, p)]
    feeds = {"feeds/all.atom.xml": (site, posts)}
    for kind in ("category", "author"):
        for name, grouped in domain.groups(kind).items():
            slug = path_segment(pelican_slug(name), "")
            if slug:
                entries = [p for p in grouped if p in originals]
                feeds[f"feeds/{slug}.atom.xml"] = (f"{site} — {name}", entries)
                if kind == "author":
                    feeds[f"feeds/{slug}.rss.xml"] = (f"{site} — {name}", entries)
    for lang in sorted({(p.lang or site_lang) for p in posts}):
        feeds[f"feeds/all-{lang}.atom.xml"] = (
            f"{site} ({lang})", [p for p in posts if (p.lang or site_lang) == lang])
    return feeds


def feed_files(app: Sphinx) -> dict[str, bytes]:
    """Every feed file to write (none without the site's address): path -> bytes."""
    if not base_url(app):
        return {}
    return {path: (rss if path.endswith(".rss.xml") else atom)(app, path, title, posts)
            for path, (title, posts) in feed_paths(app).items()}


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
        shown = blog_domain(app.env).shown_title(post)
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


def rss(app: Sphinx, path: str, title: str, posts: list[Post]) -> bytes:
    """An RSS 2.0 feed, for the addresses where the old site had one."""
    base = base_url(app)
    channel_root = ET.Element("rss", version="2.0")
    channel = ET.SubElement(channel_root, "channel")
    ET.SubElement(channel, "title").text = title
    ET.SubElement(channel, "link").text = base
    ET.SubElement(channel, "description").text = title
    for post in posts[:FEED_ENTRIES]:
        item = ET.SubElement(channel, "item")
        url = _page_url(app, post.docname)
        shown = blog_domain(app.env).shown_title(post)
        ET.SubElement(item, "title").text = shown
        ET.SubElement(item, "link").text = url
        ET.SubElement(item, "guid", isPermaLink="true").text = url
        published = _aware(post.date or dt.datetime(1970, 1, 1))
        ET.SubElement(item, "pubDate").text = email.utils.format_datetime(published)
        if _summary(post):
            ET.SubElement(item, "description").text = _summary(post)
        for tag in post.tags:
            ET.SubElement(item, "category").text = tag
    _xml_safe(channel_root)
    ET.indent(channel_root)
    return ET.tostring(channel_root, encoding="utf-8", xml_declaration=True) + b"\n"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(element: ET.Element) -> None:
    """XML 1.0 cannot hold control characters: a title with one would break the feed."""
    for node in element.iter():
        if node.text:
            node.text = _NOT_XML.sub("", node.text)
        for key, value in node.attrib.items():
            node.attrib[key] = _NOT_XML.sub("", value)


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
    app.connect("html-page-context", _feed_link)
