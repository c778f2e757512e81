"""Sidebar templates (recent posts, tags, archives) and the context they read.

The lists are computed once per build, when reading is done; each page only renders them, so
sidebars cost the same on a page whatever the number of pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from .config import carnet_config
from .domain import blog_domain
from .labels import label

TEMPLATES = Path(__file__).parent / "templates"
RECENT = 5

# this build's lists, by id() of the app: made before writing, inherited by parallel writers
_CONTEXT: dict[int, dict[str, Any]] = {}


def _add_templates(app: Sphinx, config: Config) -> None:
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES)]


def _prepare(app: Sphinx, env: BuildEnvironment) -> None:
    domain = blog_domain(env)
    lang = app.config.language or "en"
    blog = carnet_config(app.config).blog_path.strip("/")
    posts = domain.posts()

    def title(docname: str) -> str:
        return env.titles[docname].astext() if docname in env.titles else docname

    years: dict[int, int] = {}
    for post in posts:
        if post.date is not None:
            years[post.date.year] = years.get(post.date.year, 0) + 1
    _CONTEXT[id(app)] = {
        "carnet_recent": [(p.docname, title(p.docname)) for p in posts[:RECENT]],
        "carnet_tags": sorted(((domain.group_docname("tag", name) or "", name, len(tagged))
                               for name, tagged in domain.tags().items()),
                              key=lambda row: row[1].lower()),
        "carnet_archives": [(f"{blog}/{year}", str(year), count)
                            for year, count in sorted(years.items(), reverse=True)],
        "carnet_labels": {"recent": label("Recent posts", lang), "tags": label("Tags", lang),
                          "archives": label("Archives", lang)},
    }


def _uses_sidebars(app: Sphinx) -> bool:
    sidebars = app.config.html_sidebars or {}
    return any("carnet/" in str(value) for value in sidebars.values())


def _sidebars_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Sidebars show on every page: when what they list changes, every page is written."""
    if not _uses_sidebars(app):
        return []
    _prepare(app, env)
    current = {k: v for k, v in _CONTEXT[id(app)].items() if k != "carnet_labels"}
    domain = blog_domain(env)
    previous = domain.data.get("sidebars")
    domain.data["sidebars"] = current
    if previous is None or previous == current:
        return []
    return sorted(env.all_docs)


def _context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
             doctree: nodes.document | None) -> None:
    context.update(_CONTEXT.get(id(app), {}))


def setup_sidebars(app: Sphinx) -> None:
    app.connect("config-inited", _add_templates)
    app.connect("env-updated", _prepare)
    app.connect("env-get-updated", _sidebars_changed)
    app.connect("html-page-context", _context)
