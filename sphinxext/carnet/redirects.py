"""Redirect pages at the old (Pelican) addresses: posts, translations, drafts, pages, tags,
categories, authors, and the ``save_as`` a header gave. Each keeps the ``#fragment``.

An address is found under both slugs a name can have: carnet's, and Pelican's (which deletes
punctuation where carnet makes it a hyphen: ``j'ai`` is ``jai`` there). A ``save_as`` wins
over every pattern, a real page over every redirect.
"""

from __future__ import annotations

import html
import posixpath
from typing import NamedTuple

from sphinx.application import Sphinx

from .archive import group_docname
from .config import carnet_config
from .domain import blog_domain
from .header import pelican_slug
from .postpage import is_translation
from .posts import Post
from .safepath import contained, path_segment, slug_segment

REDIRECT_MARK = b'content="sphinxext-carnet redirect"'

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


def _slugs(post: Post) -> list[str]:
    return list(dict.fromkeys(s for s in (post.slug, post.legacy_slug) if s))


def _group_slugs(name: str, kind: str) -> list[str]:
    return list(dict.fromkeys(s for s in (slug_segment(name, kind),
                                          path_segment(pelican_slug(name), "")) if s))


def came_from_pelican(app: Sphinx) -> bool:
    """Whether the site had old addresses: ``carnet_redirects`` when set, else whether it
    names its old site or a document has a Pelican header. A blog begun with carnet (front
    matter only) gets no redirect pages: nothing ever lived at those addresses."""
    settings = carnet_config(app.config)
    if settings.redirects is not None:
        return settings.redirects
    return bool(settings.legacy_site_url) or any(
        post.pelican_header for post in blog_domain(app.env).docs.values())


def redirects(app: Sphinx) -> dict[str, Redirect]:
    """Old path -> redirect, for every kind of old address (an empty pattern: none)."""
    settings = carnet_config(app.config)
    domain = blog_domain(app.env)
    found: dict[str, Redirect] = {}
    if settings.redirects is False:
        return found
    saved_as = {post.save_as: Redirect(post.docname, post.title, (post.docname, post.line))
                for post in domain.docs.values() if post.save_as and post.status != "draft"}
    if not came_from_pelican(app):
        return saved_as  # asked for by the header itself

    def add(pattern: str, redirect: Redirect, **values: str) -> None:
        if pattern:
            found[pattern.format(**values).lstrip("/")] = redirect

    for kind, pattern in (("tag", settings.tag_redirect_pattern),
                          ("category", settings.category_redirect_pattern),
                          ("author", settings.author_redirect_pattern)):
        for name in domain.groups(kind):
            redirect = Redirect(group_docname(app.config, kind, name), name, None)
            for slug in _group_slugs(name, kind):
                add(pattern, redirect, **{kind: slug})
    for post in sorted(domain.docs.values(), key=lambda p: p.docname):
        redirect = Redirect(post.docname, post.title, (post.docname, post.line))
        if not post.is_post:
            pattern = settings.page_redirect_pattern if post.status != "draft" else ""
        elif post.status == "draft":
            pattern = settings.draft_redirect_pattern
        elif is_translation(app.env, post):
            pattern = settings.translation_redirect_pattern
        else:
            pattern = settings.redirect_pattern
        for slug in _slugs(post):
            add(pattern, redirect, slug=slug, lang=post.lang or "")
    if settings.legacy_site_url:  # Pelican's index pages
        blog = settings.blog_path.strip("/")
        for old, page in (("archives.html", "index"), ("tags.html", "tags"),
                          ("categories.html", "categories"), ("authors.html", "authors")):
            if f"{blog}/{page}" in app.env.all_docs:
                found[old] = Redirect(f"{blog}/{page}", app.env.titles[f"{blog}/{page}"]
                                      .astext(), None)
    found.update(saved_as)  # a save_as is where the old site had it: it wins
    return found


def redirect_files(app: Sphinx, pages: set[str]) -> dict[str, tuple[bytes, tuple[str, int]
                                                                       | None]]:
    """Each redirect page to write (never where a real page is): path -> (bytes, source)."""
    lang = app.config.language or "en"
    files = {}
    for old, redirect in redirects(app).items():
        if old in pages or old.removesuffix("index.html") in pages:
            continue  # a real page is there: never overwrite it
        if contained(app.outdir, old) is None:
            files[old] = (b"", redirect.source)  # the writer refuses it, naming the post
            continue
        target = posixpath.relpath(app.builder.get_target_uri(redirect.docname),
                                   posixpath.dirname(old) or ".")
        files[old] = (redirect_page(target, redirect.title, lang), redirect.source)
    return files
