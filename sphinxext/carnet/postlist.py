"""``{postlist}`` and ``{grouplist}``: lists of posts and tags, resolved when pages are written,
so they are always up to date; pages holding them are rewritten when the posts change."""

from __future__ import annotations

import hashlib
import re
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from .domain import blog_domain, blog_xref
from .header import slug_from_title, split_list
from .labels import format_date, label
from .posts import Post
from .titles import title_nodes
from .typeset import typeset_if_enabled


class postlist_node(nodes.General, nodes.Element):
    """Where a list of posts goes; filled at write time."""


class grouplist_node(nodes.General, nodes.Element):
    """Where the list of tags (or categories, or authors) goes; filled at write time."""


def _year(value: str) -> int:
    return int(directives.unchanged_required(value))


class PostListDirective(SphinxDirective):
    """List posts, newest first: title and date, filtered by the options."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "tags": directives.unchanged,
        "lang": directives.unchanged,
        "year": _year,
        "undated": directives.flag,
        "category": directives.unchanged,
        "author": directives.unchanged,
        "limit": directives.nonnegative_int,
        "offset": directives.nonnegative_int,
        "month": lambda value: int(directives.unchanged_required(value)),
        "excerpts": directives.flag,
        "format": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        node = postlist_node()
        node["options"] = {
            "tags": split_list(self.options.get("tags", "")),
            "lang": self.options.get("lang", "").strip(),
            "year": self.options.get("year"),
            "undated": "undated" in self.options,
            "category": self.options.get("category", "").strip(),
            "author": self.options.get("author", "").strip(),
            "limit": self.options.get("limit"),
            "offset": self.options.get("offset", 0),
            "month": self.options.get("month"),
            "excerpts": "excerpts" in self.options,
            "format": self.options.get("format", ""),
        }
        self.set_source_info(node)
        blog_domain(self.env).note_list(self.env.docname, ("posts", node["options"]))
        return [node]


class GroupListDirective(SphinxDirective):
    """List tags (or categories, or authors) with their number of posts."""

    option_spec: ClassVar[dict[str, Any]] = {
        "kind": lambda value: directives.choice(value, ("tag", "category", "author")),
    }

    def run(self) -> list[nodes.Node]:
        node = grouplist_node(kind=self.options.get("kind", "tag"))
        self.set_source_info(node)
        blog_domain(self.env).note_list(self.env.docname, ("groups", node["kind"]))
        return [node]


def select(posts: list[Post], options: dict[str, Any]) -> list[Post]:
    """The posts a postlist's options keep, in the given order."""
    wanted_tags = {slug_from_title(t) for t in options.get("tags") or []}
    result = []
    for post in posts:
        if wanted_tags and not wanted_tags & {slug_from_title(t) for t in post.tags}:
            continue
        if options.get("lang") and post.lang.split("-")[0] != options["lang"].split("-")[0]:
            continue
        if options.get("year") is not None and (post.date is None
                                                or post.date.year != options["year"]):
            continue
        if options.get("month") is not None and (post.date is None
                                                 or post.date.month != options["month"]):
            continue
        if options.get("undated") and post.date is not None:
            continue
        if options.get("category") and (slug_from_title(post.category)
                                         != slug_from_title(options["category"])):
            continue
        if options.get("author") and slug_from_title(options["author"]) not in {
                slug_from_title(a) for a in post.authors}:
            continue
        result.append(post)
    offset = options.get("offset") or 0
    limit = options.get("limit")
    return result[offset:offset + limit] if limit else result[offset:]


_FIELDS = re.compile(r"([^{]*)(?:\{(\w+)\}|$)")


class ResolveLists(SphinxPostTransform):
    """Fill postlists and taglists with what the blog holds now."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        domain = blog_domain(self.env)
        maker = ListMaker(self.env, self.env.docname)
        for node in list(self.document.findall(postlist_node)):
            items = maker.postlist(node["options"])
            node.replace_self(items if len(items) else nodes.paragraph())
        for node in list(self.document.findall(grouplist_node)):
            kind = node["kind"]
            items = nodes.bullet_list(classes=["carnet-grouplist", f"carnet-{kind}list"])
            for name, grouped in sorted(domain.groups(kind).items(),
                                        key=lambda kv: slug_from_title(kv[0])):
                docname = domain.group_docname(kind, name)
                ref = blog_xref("docname", docname or "", nodes.Text(name), self.env.docname)
                para = nodes.paragraph("", "", ref, nodes.Text(f" ({len(grouped)})"))
                items += nodes.list_item("", para)
            node.replace_self(items if len(items) else nodes.paragraph())


class ListMaker:
    """The nodes of a list of posts, for a page (a document, or a page that is none: the blog
    index's further pages), its links still to resolve."""

    def __init__(self, env: BuildEnvironment, docname: str) -> None:
        self.env = env
        self.config = env.config
        self.docname = docname

    def postlist(self, options: dict[str, Any]) -> nodes.bullet_list:
        lang = self.config.language or "en"
        # no-search: Sphinx's search leads to the posts themselves, not to every list
        # that shows their titles and excerpts
        items = nodes.bullet_list(classes=["carnet-postlist", "no-search"])
        for post in select(blog_domain(self.env).candidates(options), options):
            items += self._item(post, lang, excerpts=options.get("excerpts", False),
                                template=options.get("format", ""))
        return items

    def _formatted(self, post: Post, lang: str, template: str) -> nodes.paragraph:
        """A ``:format:`` line: {title} (a link), {date}, {author}, {tags}, {category},
        {lang}, {minutes}; other text as written."""
        para = nodes.paragraph()
        for literal, field in _FIELDS.findall(template):
            if literal:
                para += nodes.Text(literal)
            if field == "title":
                inner = nodes.inline("", "", *title_nodes(post.title_parts),
                                     classes=["carnet-title"])
                para += blog_xref("post", post.docname, inner, self.docname)
            elif field == "date" and post.date is not None:
                para += nodes.inline("", format_date(post.date, post.lang or lang),
                                     classes=["carnet-date"])
            elif field == "author":
                para += nodes.Text(", ".join(post.authors))
            elif field == "tags":
                for index, tag in enumerate(post.tags):
                    if index:
                        para += nodes.Text(", ")
                    para += blog_xref("tag", tag, nodes.inline(tag, tag), self.docname)
            elif field in ("category", "lang"):
                para += nodes.Text(getattr(post, field))
            elif field == "minutes":
                para += nodes.Text(str(post.minutes))
        return typeset_if_enabled(para, post.lang or lang, self.config)

    def _item(self, post: Post, lang: str, *, excerpts: bool = False,
              template: str = "") -> nodes.list_item:
        inner = nodes.inline("", "", *title_nodes(post.title_parts), classes=["carnet-title"])
        typeset_if_enabled(inner, post.lang or lang, self.config)  # titles read alike everywhere
        ref = blog_xref("post", post.docname, inner, self.docname)
        if template:
            para = self._formatted(post, lang, template)
        else:
            para = nodes.paragraph("", "", ref)
            if post.date is not None:
                para += nodes.Text(" — ")
                para += nodes.inline("", format_date(post.date, post.lang or lang),
                                     classes=["carnet-date"])
        item = nodes.list_item("", para, classes=["carnet-post"])
        if excerpts and (post.summary or post.excerpt):
            excerpt = nodes.paragraph("", post.summary or post.excerpt, classes=["carnet-excerpt"])
            more = blog_xref("post", post.docname, nodes.inline(
                "", label("Read more", post.lang or lang), classes=["carnet-more"]),
                self.docname)
            excerpt += nodes.Text(" ")
            excerpt += more
            item += typeset_if_enabled(excerpt, post.lang or lang, self.config)
        return item


def shown_in_list(post: Post, excerpts: bool) -> tuple[Any, ...]:
    """What a list shows of a post (its excerpt only in lists that show excerpts)."""
    return (post.docname, post.title_parts, post.date, post.tags, post.lang, post.category,
            post.authors, post.minutes, (post.summary, post.excerpt) if excerpts else None)


def list_fingerprint(env: BuildEnvironment, specs: list[tuple[str, Any]]) -> str:
    """What the lists of one page show, summed up."""
    domain = blog_domain(env)
    digest = hashlib.sha256()
    for kind, spec in specs:
        if kind == "posts":
            shown: Any = [shown_in_list(p, spec.get("excerpts", False))
                          for p in select(domain.candidates(spec), spec)]
        else:
            shown = sorted((name, len(posts)) for name, posts in domain.groups(spec).items())
        digest.update(repr((kind, spec, shown)).encode())
    return digest.hexdigest()


def _on_env_get_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages whose lists show something else now: only they are written again (editing a
    post rewrites the pages listing it, not every list of the blog)."""
    domain = blog_domain(env)
    previous = domain.data.setdefault("list_digests", {})
    current = {docname: list_fingerprint(env, specs)
               for docname, specs in domain.data["postlists"].items()}
    domain.data["list_digests"] = current
    return sorted(d for d, digest in current.items()
                  if previous.get(d) != digest and d in env.all_docs)


def setup_postlist(app: Sphinx) -> None:
    app.add_node(postlist_node)
    app.add_node(grouplist_node)
    app.add_directive("postlist", PostListDirective)
    app.add_directive("grouplist", GroupListDirective)
    app.add_post_transform(ResolveLists)
    app.connect("env-get-updated", _on_env_get_updated)
