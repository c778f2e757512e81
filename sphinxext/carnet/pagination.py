"""The blog index's further pages (page 2, 3…): rendered by the HTML builder like the tag
pages, not read and written as documents.

Each was a document: read, pickled, resolved, indexed and written like a post, and with a
theme that renders the whole navigation on every page (furo) as costly as one. They are an
HTML thing: other builders have the year pages, and a link to one is plain text there.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from .archive import pagination_pages
from .config import carnet_config
from .domain import blog_domain, blog_xref
from .labels import label
from .postlist import ListMaker, shown_in_list
from .posts import Post


def further_pages(app: Sphinx) -> list[tuple[str, int, int, list[Post]]]:
    """(pagename, number, number of pages, its posts) of each page after the first."""
    settings = carnet_config(app.config)
    per_page = settings.posts_per_page
    listed = blog_domain(app.env).posts()
    names = pagination_pages(settings.blog_path.strip("/"), len(listed), per_page)
    return [(name, number, len(names) + 1, listed[(number - 1) * per_page:number * per_page])
            for number, name in enumerate(names, start=2)]


def shown(posts: list[Post], number: int, total: int) -> tuple[Any, ...]:
    """What a further page shows, to tell whether it changed without making it."""
    return (number, total, [shown_in_list(post, True) for post in posts])


def page_body(app: Sphinx, pagename: str, number: int, total: int) -> tuple[str, str]:
    """The page's title and its HTML body: the list with excerpts, newer and older links."""
    env = app.env
    settings = carnet_config(app.config)
    lang = app.config.language or "en"
    blog = settings.blog_path.strip("/")
    title = label("Page {number}", lang, number=number)
    section = nodes.section(ids=[f"page-{number}"])
    section += nodes.title(title, title)
    section += ListMaker(env, pagename).postlist({
        "excerpts": True, "offset": (number - 1) * settings.posts_per_page,
        "limit": settings.posts_per_page})
    links = nodes.paragraph(classes=["carnet-pagination"])
    newer = f"{blog}/index" if number == 2 else f"{blog}/page/{number - 1}"
    links += blog_xref("docname", newer, nodes.Text(label("Newer posts", lang)), pagename)
    if number < total:
        links += nodes.Text(" · ")
        links += blog_xref("docname", f"{blog}/page/{number + 1}",
                           nodes.Text(label("Older posts", lang)), pagename)
    section += links
    _resolve(app, pagename, section)
    return title, app.builder.render_partial(section)["fragment"]  # type: ignore[attr-defined]


def _resolve(app: Sphinx, pagename: str, node: nodes.Element) -> None:
    """Links resolved as Sphinx resolves them in a document (this page is none)."""
    domain = blog_domain(app.env)
    for ref in list(node.findall(addnodes.pending_xref)):
        content = ref[0] if ref.children else nodes.Text("")
        found = domain.resolve_xref(app.env, pagename, app.builder, ref["reftype"],
                                    ref["reftarget"], ref, content)
        ref.replace_self(found if found is not None else content)
