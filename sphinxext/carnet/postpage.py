"""A post's own page: a header (date, tags, reading time, translations) under its title, a
footer (previous and next posts, in date order), and ``lang`` on its content.

The parser leaves placeholders; they are filled when the page is written, from what the blog
holds then. A post is written again when its neighbours change.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from .archive import date_archive
from .config import carnet_config
from .domain import blog_domain, blog_xref
from .labels import format_date, label
from .posts import Post
from .titles import title_nodes
from .typeset import typeset_if_enabled


class post_header(nodes.General, nodes.Element):
    """Where a post's header goes."""


class post_footer(nodes.General, nodes.Element):
    """Where a post's footer goes."""


def add_placeholders(document: nodes.document, post: Post, site_lang: str) -> None:
    """Called by the parser for every post: placeholders, word count, language."""
    section = document.next_node(nodes.section)
    if section is None:
        return
    post.words = len(re.findall(r"\w+", section.astext()))
    post.excerpt = excerpt(section)
    section.insert(1, post_header())
    section.append(post_footer())
    lang = (post.lang or "").replace("_", "-")
    if lang and lang.split("-")[0].lower() != (site_lang or "en").split("-")[0].lower():
        # docutils writes class language-xx as lang="xx": hyphenation, screen readers
        section["classes"].append(f"language-{lang}")


_MORE = re.compile(r"^\s*<!--\s*more\s*-->\s*$", re.I)


def excerpt(section: nodes.section) -> str:
    """The text before a ``<!-- more -->`` marker, else the first paragraph."""
    paragraphs: list[str] = []
    for node in section.findall(nodes.Element):
        if isinstance(node, nodes.raw) and _MORE.match(node.astext()):
            return " ".join(paragraphs)
        if isinstance(node, nodes.paragraph) and not isinstance(node.parent, nodes.list_item):
            paragraphs.append(node.astext().replace("\n", " "))
    return paragraphs[0] if paragraphs else ""


def neighbours(env: BuildEnvironment) -> dict[str, tuple[str | None, str | None]]:
    """Each listed post's older and newer neighbour."""
    domain = blog_domain(env)

    def compute() -> dict[str, tuple[str | None, str | None]]:
        ordered = list(reversed(domain.posts()))  # oldest first
        found = {}
        for index, post in enumerate(ordered):
            older = ordered[index - 1].docname if index > 0 else None
            newer = ordered[index + 1].docname if index + 1 < len(ordered) else None
            found[post.docname] = (older, newer)
        return found

    return domain._cached("neighbours", compute)


def date_target(env: BuildEnvironment, post: Post) -> str | None:
    """The archive page a listed post's date leads to."""
    if not post.listed or post.date is None:
        return None
    domain = blog_domain(env)

    def compute() -> dict[int, int]:
        counts: dict[int, int] = {}
        for other in domain.posts():
            if other.date is not None:
                counts[other.date.year] = counts.get(other.date.year, 0) + 1
        return counts

    settings = carnet_config(env.config)
    return date_archive(settings.blog_path.strip("/"), post.date,
                        domain._cached("year counts", compute).get(post.date.year, 0),
                        settings.month_pages_after)


def translations(env: BuildEnvironment, post: Post) -> list[Post]:
    """Posts in other languages sharing this one's slug or Translation key."""
    domain = blog_domain(env)

    def compute() -> dict[str, list[Post]]:
        index: dict[str, list[Post]] = {}
        for other in domain.docs.values():
            if other.is_post and other.status != "draft":
                index.setdefault(other.translation or other.slug, []).append(other)
        return index

    group = domain._cached("translations", compute).get(post.translation or post.slug, ())
    return sorted((p for p in group if p.docname != post.docname and p.lang != post.lang),
                  key=lambda p: p.lang)


def is_translation(env: BuildEnvironment, post: Post) -> bool:
    """A post in another language than the site's, translating one in the site's (Pelican
    gives it its own address, and keeps it out of its lists and feeds)."""
    site = (env.config.language or "en").split("-")[0]
    if not post.lang or post.lang.split("-")[0] == site:
        return False
    return any((other.lang or site).split("-")[0] == site for other in translations(env, post))


class FillPostPages(SphinxPostTransform):
    """Fill a post's header and footer."""

    default_priority = 5  # before references are resolved (10)

    def run(self, **kwargs: Any) -> None:
        headers = list(self.document.findall(post_header))
        footers = list(self.document.findall(post_footer))
        if not headers and not footers:
            return
        domain = blog_domain(self.env)
        docname = self.env.docname
        post = domain.docs.get(docname)
        if post is None:
            for node in headers + footers:
                node.parent.remove(node)
            return
        lang = post.lang or self.config.language or "en"
        for node in headers:
            node.replace_self(self._header(post, lang))
        around = neighbours(self.env).get(docname, (None, None))
        for node in footers:
            node.replace_self(self._footer(around, lang))

    def _typeset(self, element: nodes.Element, lang: str) -> nodes.Element:
        return typeset_if_enabled(element, lang, self.config)

    def _header(self, post: Post, lang: str) -> nodes.Element:
        docname = post.docname
        header = nodes.container(classes=["carnet-post-header"])
        line = nodes.paragraph(classes=["carnet-meta", "no-search"])  # date, reading time
        if post.date is not None:
            posted = nodes.inline("", label("Posted on {date}", lang,
                                            date=format_date(post.date, lang)),
                                  classes=["carnet-date"])
            target = date_target(self.env, post)
            if target is not None:  # the date leads to the month's (or year's) archive
                posted = blog_xref("docname", target, posted, docname)
            line += posted
            if post.modified is not None and post.modified != post.date:
                line += nodes.Text(", ")
                line += nodes.inline("", label("updated on {date}", lang,
                                               date=format_date(post.modified, lang)),
                                     classes=["carnet-modified"])
            line += nodes.Text(" · ")
        line += nodes.inline("", label("{minutes} min read", lang, minutes=post.minutes),
                             classes=["carnet-reading-time"])
        header += self._typeset(line, lang)
        if post.tags:
            tags = nodes.paragraph(classes=["carnet-tags"])
            tags += nodes.Text(label("Tags", lang) + ": ")  # typography spaces the colon
            for index, tag in enumerate(post.tags):
                if index:
                    tags += nodes.Text(", ")
                tags += blog_xref("tag", tag, nodes.inline(tag, tag, classes=["carnet-tag"]),
                              docname)
            header += self._typeset(tags, lang)
        others = translations(self.env, post)
        if others:
            para = nodes.paragraph(classes=["carnet-translations"])
            para += nodes.Text(label("Translations", lang) + ": ")
            for index, other in enumerate(others):
                if index:
                    para += nodes.Text(", ")
                para += blog_xref("post", other.docname,
                              nodes.inline(other.lang, other.lang, classes=["carnet-lang"]),
                              docname)
            header += self._typeset(para, lang)
        return header

    def _footer(self, around: tuple[str | None, str | None], lang: str) -> nodes.Element:
        # no-search: a word of the next post's title does not lead to this one
        footer = nodes.container(classes=["carnet-post-footer", "no-search"])
        domain = blog_domain(self.env)
        for target, name, css in ((around[0], "Previous post", "carnet-previous"),
                                  (around[1], "Next post", "carnet-next")):
            if target is None or target not in domain.docs:
                continue
            other = domain.docs[target]
            title = nodes.inline("", "", *title_nodes(other.title_parts),
                                 classes=["carnet-title"])
            para = nodes.paragraph(classes=[css])
            para += nodes.inline("", label(name, lang), classes=["carnet-label"])
            para += nodes.Text(": ")
            para += blog_xref("post", target, title, self.env.docname)
            footer += self._typeset(para, lang)
        return footer


def _shown_from_others(env: BuildEnvironment) -> dict[str, tuple[Any, ...]]:
    """For each post, what its page shows of other posts: its neighbours and their titles,
    the archive page its date leads to, its translations and their languages."""
    domain = blog_domain(env)
    around = neighbours(env)
    shown = {}
    for docname, post in domain.docs.items():
        if not post.is_post:
            continue
        pair = around.get(docname, (None, None))
        shown[docname] = (
            pair, tuple(repr(domain.docs[d].title_parts) if d in domain.docs else ""
                        for d in pair if d),
            date_target(env, post),
            tuple((p.docname, p.lang) for p in translations(env, post)))
    return shown


def _changed_neighbours(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Posts whose page shows something of another post that changed: previous or next
    post (added, removed, retitled, redated), the archive page of its date (its year got or
    lost its month pages), a translation added or removed."""
    current = _shown_from_others(env)
    domain = blog_domain(env)
    previous = domain.data.get("neighbours", {})
    domain.data["neighbours"] = current
    return sorted(d for d, value in current.items()
                  if previous.get(d) != value and d in env.all_docs)


def setup_postpage(app: Sphinx) -> None:
    app.add_node(post_header)
    app.add_node(post_footer)
    app.add_post_transform(FillPostPages)
    app.connect("env-get-updated", _changed_neighbours)
