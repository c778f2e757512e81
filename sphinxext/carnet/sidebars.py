"""Sidebar templates (recent posts, tags, archives) and the context they read.

The lists are computed once per build, when reading is done; each page only renders them, so
sidebars cost the same on a page whatever the number of pages.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from .config import carnet_config
from .domain import blog_domain
from .labels import label
from .state import build_state

TEMPLATES = Path(__file__).parent / "templates"
RECENT = 5

def _add_templates(app: Sphinx, config: Config) -> None:
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES)]


def _prepare(app: Sphinx, env: BuildEnvironment) -> None:
    if not _uses_sidebars(app):  # no page shows them: nothing to list
        return
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
    build_state(app).sidebars = {
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
    """Whether any page can show carnet's sidebars: named in ``html_sidebars``, or included
    by a template of the theme or of the project (looked at once per build)."""
    state = build_state(app)
    if state.sidebars_used is None:
        sidebars = app.config.html_sidebars or {}
        state.sidebars_used = any("carnet/" in str(value) for value in sidebars.values()) \
            or _templates_include_carnet(app)
    return state.sidebars_used


def _templates_include_carnet(app: Sphinx) -> bool:
    templates = getattr(app.builder, "templates", None)
    folders = [Path(folder) for folder in getattr(templates, "pathchain", ())]
    for folder in folders:
        if folder.resolve() == TEMPLATES.resolve() or not folder.is_dir():
            continue
        for path in folder.rglob("*.htm*"):
            with contextlib.suppress(OSError, UnicodeDecodeError):
                if "carnet/" in path.read_text("utf-8"):
                    return True
    return False


def _sidebars_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Sidebars show on every page: when what they list changes, every page is written."""
    if not _uses_sidebars(app):
        return []
    _prepare(app, env)
    current = {k: v for k, v in build_state(app).sidebars.items() if k != "carnet_labels"}
    domain = blog_domain(env)
    previous = domain.data.get("sidebars")
    domain.data["sidebars"] = current
    if previous is None or previous == current:
        return []
    return sorted(env.all_docs)


def _context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
             doctree: nodes.document | None) -> None:
    context.update(build_state(app).sidebars)


def setup_sidebars(app: Sphinx) -> None:
    app.connect("config-inited", _add_templates)
    app.connect("env-updated", _prepare)
    app.connect("env-get-updated", _sidebars_changed)
    app.connect("html-page-context", _context)
