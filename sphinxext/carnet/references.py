"""What Sphinx asks the blog when a reference finds nothing, and the check of its slugs:
``{ref}`slug``` leads to the post of that slug, an old link that leads nowhere says precisely
why, and two posts with one slug are both named."""

from __future__ import annotations

from docutils import nodes
from docutils.nodes import Element
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from .domain import blog_domain
from .posts import Post

logger = logging.getLogger(__name__)


def _check_slugs(app: Sphinx, env: BuildEnvironment) -> None:
    """Two posts with one slug (in one language): name both files."""
    seen: dict[tuple[str, str], Post] = {}
    for post in sorted(blog_domain(env).docs.values(), key=lambda p: p.docname):
        if not post.is_post or not post.slug:
            continue
        # one slug in two languages is a translation, not a clash
        first = seen.setdefault((post.slug, post.lang), post)
        if first is not post:
            logger.warning("slug %r is also the slug of %s", post.slug,
                           env.doc2path(first.docname), location=(post.docname, post.line),
                           type="carnet", subtype="slug")


def _ref_to_slug(app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref,
                 contnode: Element) -> nodes.reference | None:
    """``{ref}`slug``` leads to the post of that slug, when no label has that name and one
    post only has that slug. Resolved here rather than written into the ``std`` domain's
    labels, which carnet would then have to keep in step with every edit."""
    if node.get("refdomain") != "std" or node.get("reftype") != "ref":
        return None
    domain = blog_domain(env)

    def compute() -> dict[str, list[Post]]:
        index: dict[str, list[Post]] = {}
        for post in domain.docs.values():
            if post.is_post and post.slug:
                index.setdefault(post.slug.lower(), []).append(post)
        return index

    found = domain._cached("ref-slugs", compute).get(node.get("reftarget", "").lower(), [])
    if len(found) > 1:  # translations share a slug: the one in the site's language
        site = (env.config.language or "en").split("-")[0]
        found = [p for p in found if (p.lang or site).split("-")[0] == site]
    if len(found) != 1:
        return None
    post = found[0]
    if not node.get("refexplicit"):
        title = domain.shown_title(post)
        contnode = nodes.inline(title, title, classes=contnode.get("classes", []))
    return make_refnode(app.builder, node.get("refdoc", env.docname), post.docname, "",
                        contnode, post.title)


def _warn_missing(app: Sphinx, domain: Domain, node: addnodes.pending_xref) -> bool | None:
    """Say precisely what is wrong with an old link: the page, or the heading."""
    if domain is None or domain.name != "blog" or node.get("reftype") != "legacy":
        return None
    blog = blog_domain(app.env)
    href = node.get("carnet_href") or node["reftarget"]
    fragment = node.get("reftargetid") or ""
    docname = blog._legacy_docname(app.env, node)
    if docname is None:
        message = f"old link {href!r}: no post or page has that address"
    else:
        message = f"old link {href!r}: {docname} has no heading with the id {fragment!r}"
    logger.warning(message, location=node, type="carnet", subtype="link")
    return True


def setup_references(app: Sphinx) -> None:
    app.connect("env-check-consistency", _check_slugs)
    app.connect("missing-reference", _ref_to_slug)
    app.connect("warn-missing-reference", _warn_missing)
