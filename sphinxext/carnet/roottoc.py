"""The root document's toctree: it holds the blog index and the pages (Pelican's ``pages/``)
it does not list itself, so that no generated page is left out of the navigation."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .config import carnet_config
from .state import build_state


def _root_entries(app: Sphinx) -> list[str]:
    """What the root document's toctree must hold: the blog index, and the pages."""
    blog_index = carnet_config(app.config).blog_path.strip("/") + "/index"
    scan = build_state(app).scan
    return [blog_index, *(scan.pages(app.config.root_doc) if scan else ())]


def _root_toctree(app: Sphinx, doctree: nodes.document) -> None:
    """Give the root document a hidden toctree with the blog and the pages it lacks."""
    env = app.env
    if env.docname != app.config.root_doc:
        return
    present = {name for toctree in doctree.findall(addnodes.toctree)
               for name in toctree.get("includefiles", [])}
    missing = [d for d in _root_entries(app) if d in env.found_docs and d not in present]
    if not missing:
        return
    toctree = addnodes.toctree(
        parent=env.docname, entries=[(None, d) for d in missing], includefiles=missing,
        maxdepth=1, glob=False, hidden=True, includehidden=False, numbered=0,
        titlesonly=True, caption=None, rawentries=[])
    wrapper = nodes.compound(classes=["toctree-wrapper", "carnet-toctree"])
    wrapper += toctree
    doctree += wrapper


def _root_outdated(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                   removed: set[str]) -> list[str]:
    """Read the root document again when its toctree lacks an entry or names a lost one."""
    root = app.config.root_doc
    if root not in env.all_docs or root in changed:
        return []
    includes = set(env.toctree_includes.get(root, []))
    wanted = {d for d in _root_entries(app) if d in env.found_docs}
    if wanted - includes or includes & removed:
        return [root]
    return []


def setup_roottoc(app: Sphinx) -> None:
    # before the toctree collector (priority 500) reads the root document's toctrees
    app.connect("doctree-read", _root_toctree, priority=400)
    app.connect("env-get-outdated", _root_outdated)
