"""The ``blog`` domain: every post and page record, merged across parallel readers and purged
per document, and the cross-references that resolve against them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Set
from typing import Any

from docutils import nodes
from docutils.nodes import Element
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from .config import carnet_config
from .header import pelican_slug
from .posts import Post
from .safepath import slug_segment

logger = logging.getLogger(__name__)


class BlogRole(XRefRole):
    """``{post}`` and ``{tag}`` without the ``blog:`` prefix."""

    def create_xref_node(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        self.refdomain, self.reftype = "blog", self.name.rsplit(":", 1)[-1]
        self.classes = ["xref", "blog", f"blog-{self.reftype}"]
        return super().create_xref_node()


class BlogDomain(Domain):
    """Posts and tags, as objects other documents (and other projects) can link to."""

    name = "blog"
    label = "Blog"
    object_types = {  # noqa: RUF012 (Sphinx's API)
        "post": ObjType("post", "post"),
        "tag": ObjType("tag", "tag"),
    }
    roles = {  # noqa: RUF012
        "post": XRefRole(),
        "tag": XRefRole(),
        # carnet's own pages, documents or not (the blog index's further pages)
        "docname": XRefRole(innernodeclass=nodes.inline),
    }
    initial_data = {  # noqa: RUF012
        "docs": {},  # docname -> Post (posts and Markdown pages)
        "postlists": {},  # docname -> the lists it holds: ("posts", options), ("groups", kind)
        "anchors": {},  # docname -> every id its sections have (canonical and aliases)
        "links": {},  # docname -> what it links to: ("doc", docname) or (kind, legacy target)
        "faces": {},  # docname -> digest of what other pages show of it (see rewrites.py)
    }
    dangling_warnings = {  # noqa: RUF012
        "legacy": "link to the old site's %(target)s: no post or page has that address",
        "tag": "no tag named %(target)s",
        "post": "no post with the slug %(target)s",
    }

    @property
    def docs(self) -> dict[str, Post]:
        return self.data["docs"]

    def _cached(self, key: object, compute: Callable[[], Any]) -> Any:
        """Queries over every post, computed once while the posts do not change: pages are
        written one after another and each asks them (avoids quadratic builds)."""
        cache = self.__dict__.setdefault("_carnet_cache", {})
        stamp = id(self.docs), len(self.docs), self.__dict__.get("_carnet_changes", 0)
        if cache.get("stamp") != stamp:
            cache.clear()
            cache["stamp"] = stamp
        if key not in cache:
            cache[key] = compute()
        return cache[key]

    def _changed(self) -> None:
        self.__dict__["_carnet_changes"] = self.__dict__.get("_carnet_changes", 0) + 1

    def note_doc(self, post: Post) -> None:
        self.docs[post.docname] = post
        self._changed()

    def clear_doc(self, docname: str) -> None:
        self._changed()
        self.docs.pop(docname, None)
        self.data["postlists"].pop(docname, None)
        self.data["anchors"].pop(docname, None)
        self.data["links"].pop(docname, None)
        self.data["faces"].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self._changed()
        for docname, post in otherdata["docs"].items():
            if docname in docnames:
                self.docs[docname] = post
        for key in ("postlists", "anchors", "links", "faces"):
            for docname, value in otherdata[key].items():
                if docname in docnames:
                    self.data[key][docname] = value

    def note_list(self, docname: str, spec: tuple[str, Any]) -> None:
        """A postlist or grouplist in a document: the page follows what it lists."""
        self.data["postlists"].setdefault(docname, []).append(spec)

    def note_links(self, docname: str, document: nodes.document) -> None:
        """Remember which documents this one links to: their titles and ids show here."""
        links = set()
        for ref in document.findall(addnodes.pending_xref):
            domain, kind = ref.get("refdomain"), ref.get("reftype")
            if domain == "doc" or (domain == "std" and kind == "doc"):
                links.add(("doc", ref.get("reftarget", "")))
            elif domain == "blog" and kind == "legacy":
                links.add((ref.get("carnet_kind", ""), ref.get("reftarget", "")))
            elif (domain == "blog" and kind == "post") or (domain == "std" and kind == "ref"):
                links.add(("slug", ref.get("reftarget", "")))
        self.data["links"][docname] = links

    def linked_docnames(self, docname: str) -> set[str]:
        """The documents a document links to (as far as they resolve now)."""
        found = set()
        for kind, target in self.data["links"].get(docname, ()):
            if kind == "doc":
                found.add(target)
            elif kind in ("slug", "page"):
                post = self.by_slug(target, posts=kind != "page") or self.docs.get(target)
                if post is not None:
                    found.add(post.docname)
        return found

    # --- queries ------------------------------------------------------------------------

    def posts(self, *, listed_only: bool = True) -> list[Post]:
        """Posts, newest first (do not modify the list: it is shared)."""

        def compute() -> list[Post]:
            found = [p for p in self.docs.values()
                     if p.is_post and (p.listed or not listed_only)]
            return sorted(found, key=Post.sort_key, reverse=True)

        return self._cached(("posts", listed_only), compute)

    def by_slug(self, slug: str, *, posts: bool = True, pages: bool = True) -> Post | None:
        def compute() -> dict[str, list[Post]]:
            index: dict[str, list[Post]] = {}
            for post in sorted(self.docs.values(), key=lambda p: p.docname):
                index.setdefault(post.slug, []).append(post)
            for post in sorted(self.docs.values(), key=lambda p: p.docname):
                if post.legacy_slug and post.legacy_slug not in index:  # Pelican's, after
                    index.setdefault(post.legacy_slug, []).append(post)
            return index

        matches = [p for p in self._cached("slugs", compute).get(slug, ())
                   if (posts and p.is_post) or (pages and not p.is_post)]
        # a deterministic choice when two share a slug (that is warned about elsewhere)
        return matches[0] if matches else None

    def groups(self, kind: str = "tag") -> dict[str, list[Post]]:
        """Listed posts by tag (or category, or author), newest first; names that slug alike
        (Python, python) are one, named as first met."""
        from .archive import group_names

        def compute() -> dict[str, list[Post]]:
            names: dict[str, str] = {}
            found: dict[str, list[Post]] = {}
            for post in self.posts():
                for name in group_names(post, kind):
                    first = names.setdefault(slug_segment(name, kind), name)
                    found.setdefault(first, []).append(post)
            return found

        return self._cached(("groups", kind), compute)

    def candidates(self, options: dict[str, Any]) -> list[Post]:
        """The posts a postlist may show, newest first: a tag's, a category's or an author's
        when it asks for one (a blog has hundreds of such pages), else every post."""
        from .archive import GROUPS

        for kind, (_, _, option) in GROUPS.items():
            value = options.get(option)
            names = value if isinstance(value, list) else [value] if value else []
            if len(names) == 1:
                by_slug = self._cached(("group-posts", kind), lambda kind=kind: {
                    slug_segment(name, kind): posts for name, posts in self.groups(kind).items()})
                return by_slug.get(slug_segment(names[0], kind), [])
        if options.get("year") is not None:  # year and month pages: hundreds at 1000 posts
            by_year = self._cached("year-posts", self._posts_by_year)
            return by_year.get(options["year"], [])
        return self.posts()

    def _posts_by_year(self) -> dict[int, list[Post]]:
        by_year: dict[int, list[Post]] = {}
        for post in self.posts():
            if post.date is not None:
                by_year.setdefault(post.date.year, []).append(post)
        return by_year

    def shown_title(self, post: Post) -> str:
        """A post's title as its page shows it (typography included), else as its header
        gave it (not read yet)."""
        titles = self.env.titles
        return titles[post.docname].astext() if post.docname in titles else post.title

    def tags(self) -> dict[str, list[Post]]:
        return self.groups("tag")

    def group_docname(self, kind: str, name: str) -> str | None:
        """The page of a tag, category or author, found by name or slug."""
        from .archive import group_docname

        def compute() -> dict[str, str]:
            index = {pelican_slug(n): n for n in self.groups(kind)}  # the old site's slugs
            index.update({slug_segment(n, kind): n for n in self.groups(kind)})
            return index

        # by name first: asked for each tag of each post on every page
        pages = self._cached(("group-pages-by-name", kind), lambda: {
            n: group_docname(self.env.config, kind, n) for n in self.groups(kind)})
        if name in pages:
            return pages[name]
        by_slug = self._cached(("group-slugs", kind), compute)
        found = by_slug.get(slug_segment(name, kind)) or by_slug.get(pelican_slug(name))
        return pages.get(found) if found else None

    # --- cross-references ---------------------------------------------------------------

    def resolve_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder,
                     typ: str, target: str, node: addnodes.pending_xref, contnode: Element,
                     ) -> nodes.reference | None:
        if typ == "post":
            post = self.by_slug(target, pages=False) or self.docs.get(target)
            if post is None:
                return None
            if not node.get("refexplicit"):  # the title as shown (typography included)
                title = self.shown_title(post)
                contnode = nodes.inline(title, title, classes=["xref", "blog-post"])
            return make_refnode(builder, fromdocname, post.docname, "", contnode, post.title)
        if typ == "tag":
            docname = self.group_docname("tag", target)
            if docname is None:
                return None
            return self._group_ref(builder, fromdocname, docname, contnode, target)
        if typ == "docname":  # carnet's own links to its archive pages
            if target in self._group_pages():
                return self._group_ref(builder, fromdocname, target, contnode, "")
            if target not in env.all_docs:
                return None
            return make_refnode(builder, fromdocname, target, "", contnode)
        if typ == "legacy":
            docname = self._legacy_docname(env, node)
            fragment = node.get("reftargetid") or ""
            if docname is None or (fragment and docname in self.data["anchors"]
                                   and fragment not in self.data["anchors"][docname]):
                return None
            return make_refnode(builder, fromdocname, docname, node.get("reftargetid") or "",
                                contnode)
        return None

    def _group_pages(self) -> set[str]:
        """carnet's pages that are no documents: tags, categories, authors, and the blog
        index's further pages."""
        from .archive import GROUPS, group_docname, pagination_pages

        settings = carnet_config(self.env.config)
        return self._cached("group-pages", lambda: {
            group_docname(self.env.config, kind, name)
            for kind in GROUPS for name in self.groups(kind)} | set(pagination_pages(
                settings.blog_path.strip("/"), len(self.posts()), settings.posts_per_page)))

    @staticmethod
    def _group_ref(builder: Builder, fromdocname: str, pagename: str, contnode: Element,
                   title: str) -> nodes.Element:
        """A link to a tag's (category's, author's) page; plain text where the builder
        writes no such page (LaTeX, EPUB, a single HTML page)."""
        from .grouppages import has_group_pages

        if not has_group_pages(builder.name):
            return contnode
        return make_refnode(builder, fromdocname, pagename, "", contnode, title)

    def _legacy_docname(self, env: BuildEnvironment, node: addnodes.pending_xref) -> str | None:
        kind = node.get("carnet_kind")
        name = node["reftarget"]
        if kind in ("tag", "category", "author"):
            return self.group_docname(kind, name)
        if kind == "archive":
            from .archive import GROUPS

            blog = env.config.carnet_blog_path.strip("/")
            folder = {"archives": "index", **{g[1]: g[1] for g in GROUPS.values()}}[name]
            docname = f"{blog}/{folder}"
            return docname if docname in env.all_docs else None
        if kind == "doc":
            return name if name in env.all_docs else None
        post = self.by_slug(name, posts=kind != "page", pages=True)
        if post is None:  # Pelican can take slugs from file names (SLUGIFY_SOURCE)
            post = min((p for p in self.docs.values()
                        if p.docname.rsplit("/", 1)[-1] == name
                        and not (kind == "page" and p.is_post)),
                       key=lambda p: p.docname, default=None)
        return post.docname if post else None

    def resolve_any_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder,
                         target: str, node: addnodes.pending_xref, contnode: Element,
                         ) -> list[tuple[str, nodes.reference]]:
        found = []
        for typ in ("post", "tag"):
            ref = self.resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
            if ref is not None:
                found.append((f"blog:{typ}", ref))
        return found

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for post in self.posts():
            yield post.slug, post.title, "post", post.docname, "", 1
        for tag in self.tags():
            docname = self.group_docname("tag", tag)
            if docname:
                yield tag, tag, "tag", docname, "", 1

def blog_xref(kind: str, target: str, content: nodes.Node, refdoc: str) -> addnodes.pending_xref:
    """A reference the blog domain resolves: a post, a tag, or one of carnet's pages."""
    return addnodes.pending_xref("", content, refdomain="blog", reftype=kind, reftarget=target,
                                 refexplicit=True, refwarn=True, refdoc=refdoc)


def blog_domain(env: BuildEnvironment) -> BlogDomain:
    return env.get_domain("blog")  # type: ignore[return-value]


def setup_domain(app: Sphinx) -> None:
    app.add_domain(BlogDomain)
    app.add_role("post", BlogRole(warn_dangling=True))
    app.add_role("tag", BlogRole(warn_dangling=True))
