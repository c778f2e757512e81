"""Tag, category and author pages, and the blog index's pages 2, 3… (``pagination``):
rendered by the HTML builder from the blog's records, not read and written as documents.

A blog has hundreds of tags (a real 260-post one had 838): as documents, their pages were most
of the build (each read, resolved and written like a post). Here each is one more page of the
theme, as Sphinx's own index is, with the theme's layout and sidebars; it is written only when
what it shows changed. Other builders have no such pages: a link to one is plain text there.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import posixpath
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import new_document

from . import pagination
from .archive import GROUPS, group_docname
from .domain import blog_domain
from .feeds import HTML_BUILDERS
from .labels import format_date
from .state import build_state

GROUP_MARK = "sphinxext-carnet group page"
RECORD = ".carnet-group-pages.json"


def has_group_pages(builder_name: str) -> bool:
    """Whether this builder writes tag, category and author pages."""
    return builder_name in HTML_BUILDERS


def _body(app: Sphinx, pagename: str, name: str, posts: list[Any]) -> str:
    items = build_state(app).group_items  # a post is on several pages: its item made once
    lang = app.config.language or "en"
    shown = []
    # a link depends on the folder of the page it is on, not on the page: all tag pages of
    # a folder share their items
    folder = posixpath.dirname(app.builder.get_target_uri(pagename))
    for post in posts:
        key = (folder, post.docname)
        if key not in items:
            items[key] = _item(app, post, app.builder.get_relative_uri(pagename, post.docname),
                               lang)
        shown.append(items[key])
    return (f'<section class="carnet-group" id="{html.escape(pagename.rsplit("/", 1)[-1])}">'
            f"<h1>{html.escape(name)}</h1>\n"
            f'<ul class="carnet-postlist simple">\n' + "\n".join(shown) + "\n</ul>\n</section>\n")


def _titled_body(app: Sphinx, pagename: str, name: str, posts: list[Any]) -> tuple[str, str]:
    return name, _body(app, pagename, name, posts)


def _item(app: Sphinx, post: Any, href: str, lang: str) -> str:
    title = blog_domain(app.env).shown_title(post)
    day = format_date(post.date, post.lang or lang) if post.date else ""
    date = f' — <span class="carnet-date">{html.escape(day)}</span>' if day else ""
    return (f'<li class="carnet-post"><p><a class="reference internal" '
            f'href="{html.escape(href, quote=True)}"><span class="carnet-title">'
            f"{html.escape(title)}</span></a>{date}</p></li>")


def _state_digest(app: Sphinx) -> str:
    """What every page shows besides its own body: settings, templates, navigation, sidebars."""
    env = app.env
    builder: Any = app.builder
    parts = [getattr(builder, "config_hash", ""), getattr(builder, "tags_hash", ""),
             str(builder.templates.newest_template_mtime()),
             repr(sorted(env.toctree_includes.items())),
             repr(sorted((d, t.astext()) for d, t in env.titles.items())),
             repr(build_state(app).sidebars)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _keep_indexed_pages(app: Sphinx) -> None:
    """Sphinx loads its search index back keeping only documents: the group pages in it
    stay too, so that only new and changed ones are fed again (hundreds of tags)."""
    builder: Any = app.builder
    if not has_group_pages(builder.name) or not hasattr(builder, "load_indexer"):
        return
    load = builder.load_indexer

    def load_keeping_group_pages(docnames: Any) -> None:
        indexer = builder.indexer
        kept = set(_read_record(app))
        prune = indexer.prune
        indexer.prune = lambda names: prune(set(names) | kept)
        try:
            load(docnames)
        finally:
            del indexer.prune
        titles = getattr(indexer, "_titles", None)  # none: every page is fed again
        build_state(app).indexed = {p for p in kept if titles is not None and p in titles}

    builder.load_indexer = load_keeping_group_pages


def _index_for_search(app: Sphinx, names: dict[str, str], changed: set[str]) -> None:
    """Group pages in Sphinx's search index, by their name (a search for a tag finds its
    page): those not in it yet, or changed. They are no documents: Sphinx prunes its index
    to the documents when it dumps it, so they are kept through that prune."""
    indexer = getattr(app.builder, "indexer", None)
    if indexer is None:
        return
    indexed = build_state(app).indexed
    # names share words (api-1, api-14…): each stemmed once, not once a page
    language = indexer.lang
    own = vars(language).get("stem")
    language.stem = functools.lru_cache(maxsize=None)(language.stem)
    document = new_document("")  # one for all: the index keeps words, not the document
    try:
        for pagename, name in names.items():
            if pagename in indexed and pagename not in changed:
                continue
            section = nodes.section(ids=[pagename.rsplit("/", 1)[-1]])
            section += nodes.title(name, name)
            document.children = [section]
            indexer.feed(pagename, "", name, document)
    finally:
        if own is None:
            del language.stem  # the language's own method again
        else:
            language.stem = own
    prune = indexer.prune

    def prune_keeping_group_pages(docnames: Any) -> None:
        prune(set(docnames) | names.keys())

    indexer.prune = prune_keeping_group_pages


def _read_record(app: Sphinx) -> dict[str, str]:
    """The group pages written by the last build, with the digest of what each showed."""
    try:
        return json.loads((Path(app.outdir) / RECORD).read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def _collect(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    if not has_group_pages(app.builder.name):
        return
    domain = blog_domain(app.env)
    outdir = Path(app.outdir)
    record_path = outdir / RECORD
    previous = _read_record(app)
    state = _state_digest(app)
    current: dict[str, str] = {}
    names: dict[str, str] = {}  # tag (category, author) pages: in the search index
    pages: list[tuple[str, str, Any, Callable[[], tuple[str, str]]]] = []
    for kind in GROUPS:
        for name, posts in sorted(domain.groups(kind).items()):
            pagename = group_docname(app.config, kind, name)
            names[pagename] = name
            pages.append((pagename, kind, (name, [(p.docname, domain.shown_title(p), p.date,
                                                   p.lang) for p in posts]),
                          functools.partial(_titled_body, app, pagename, name, posts)))
    for pagename, number, total, posts in pagination.further_pages(app):
        pages.append((pagename, "page", pagination.shown(posts, number, total),
                      functools.partial(pagination.page_body, app, pagename, number, total)))
    for pagename, kind, shown, make in pages:
        # what the page shows, without making it: its body is made only to be written
        digest = hashlib.sha256(repr((state, app.builder.get_target_uri(pagename),
                                      shown)).encode()).hexdigest()
        current[pagename] = digest
        if previous.get(pagename) == digest and Path(
                app.builder.get_outfilename(pagename)).is_file():  # type: ignore[attr-defined]
            continue  # written already, as it is
        title, body = make()
        yield pagename, {"title": title, "body": body, "carnet_group": kind,
                         "sourcename": "", "display_toc": False}, "page.html"
    _index_for_search(app, names, {p for p, d in current.items() if previous.get(p) != d})
    for pagename in sorted(previous.keys() - current.keys()):  # a tag gone: its page too
        path = Path(app.builder.get_outfilename(pagename))  # type: ignore[attr-defined]
        if path.is_file() and GROUP_MARK in path.read_text("utf-8", errors="replace")[:4096]:
            path.unlink()
    outdir.mkdir(parents=True, exist_ok=True)
    if previous != current:
        record_path.write_text(json.dumps(current, sort_keys=True, indent=0), "utf-8")


def _add_metatags(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                  doctree: Any) -> None:
    """A group page says it is carnet's (so that it can be removed when its tag is gone)."""
    if context.get("carnet_group") and GROUP_MARK not in context.get("metatags", ""):
        context["metatags"] = context.get("metatags", "") + \
            f'<meta name="generator" content="{GROUP_MARK}">\n'


def _shared_navigation(app: Sphinx, pagename: str, templatename: str,
                       context: dict[str, Any], doctree: Any) -> None:
    """What every group page of a folder shows alike is rendered once, not once a page: the
    navigation (none of them is in the toctree, and links from one folder are alike; themes
    that show the whole toctree, furo, would render it hundreds of times), and the links to
    stylesheets and scripts (Sphinx finds each file's checksum again for each page)."""
    if not context.get("carnet_group"):
        return
    cache = build_state(app).navigation
    folder = posixpath.dirname(pagename)
    for name in ("toctree", "css_tag", "js_tag"):
        render = context.get(name)
        if render is None:
            continue

        def shared(*args: Any, _name: str = name, _render: Any = render, **kwargs: Any) -> Any:
            try:
                key = (folder, _name, args, tuple(sorted(kwargs.items())))
                hash(key)
            except TypeError:  # an argument that cannot be a key: not shared
                return _render(*args, **kwargs)
            if key not in cache:
                cache[key] = _render(*args, **kwargs)
            return cache[key]

        context[name] = shared


def setup_grouppages(app: Sphinx) -> None:
    app.connect("builder-inited", _keep_indexed_pages)
    app.connect("html-collect-pages", _collect)
    # before themes read the navigation (furo, at the default priority)
    app.connect("html-page-context", _shared_navigation, priority=400)
    app.connect("html-page-context", _add_metatags, priority=900)
