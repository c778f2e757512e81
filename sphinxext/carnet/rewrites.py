"""Pages to write again when another page was read again: the pages that link to it and its
previous and next pages show its title (and headings) — but only when those changed.

Sphinx itself writes again a document read again and the page whose toctree holds it; a
blog's pages show more of each other. A post edited in its body only (the usual edit) changes
nothing they show, and writing its neighbours and every page linking to it was most of the
cost of an edit (with furo, each page renders the whole navigation).
"""

from __future__ import annotations

import hashlib

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .domain import blog_domain
from .state import build_state


def face(document: nodes.document) -> tuple[str, str]:
    """What other pages can show of a document: its title (previous/next links, links to
    it), and its headings with their ids (links to one of them): a digest of each."""
    headings = []
    for section in document.findall(nodes.section):
        title = section.next_node(nodes.title)
        headings.append((section["ids"], title.astext() if title else ""))
    first = headings[0][1] if headings else ""
    return (hashlib.sha256(first.encode()).hexdigest(),
            hashlib.sha256(repr(headings).encode()).hexdigest())


def _note_face(app: Sphinx, document: nodes.document) -> None:
    blog_domain(app.env).data["faces"][app.env.docname] = face(document)


def _on_before_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    faces = blog_domain(env).data["faces"]
    build_state(app).read = {docname: faces.get(docname) for docname in docnames}


def _showing_docs(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages that show the title or a heading of a page read again that changed them."""
    state = build_state(app)
    read, state.read = state.read, {}
    domain = blog_domain(env)
    faces = domain.data["faces"]
    changed = {d for d, before in read.items() if before is None or faces.get(d) != before}
    if not changed:
        return []
    showing = {d for d in domain.data["links"] if d not in read and d in env.all_docs
               and domain.linked_docnames(d) & changed}
    # a page's previous and next pages show its title too (Sphinx rewrites only the page
    # whose toctree holds it)
    retitled = {d for d in changed if read[d] is None or faces.get(d, ("",))[0] != read[d][0]}
    relations = env.collect_relations()
    for docname in retitled:
        for neighbour in relations.get(docname, [None, None, None])[1:]:
            if neighbour and neighbour not in read and neighbour in env.all_docs:
                showing.add(neighbour)
    return sorted(showing)


def setup_rewrites(app: Sphinx) -> None:
    app.connect("doctree-read", _note_face)
    app.connect("env-before-read-docs", _on_before_read)
    app.connect("env-get-updated", _showing_docs)
