"""All of carnet's settings: one typed dataclass, each field a ``carnet_*`` Sphinx config value.

A wrong type or value never stops the build: it is reported with the setting's name and the
default is used instead.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)

PREFIX = "carnet_"


def _non_empty_patterns(value: list[str]) -> str | None:
    if not value:
        return "must hold at least one pattern"
    return None


def _choice(*choices: str) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        if value not in choices:
            return "must be one of " + ", ".join(repr(c) for c in choices)
        return None

    return check


def _positive(value: int) -> str | None:
    return None if value > 0 else "must be a positive integer"


def _non_negative(value: int) -> str | None:
    return None if value >= 0 else "must be zero or a positive integer"


def _folder(value: str) -> str | None:
    if not value.strip("/") or ".." in value.split("/"):
        return "must be a folder inside the source directory"
    return None


def _pattern(*names: str) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        try:
            value.format(**dict.fromkeys(names, "x"))
        except (KeyError, IndexError, ValueError) as err:
            return f"is not a pattern of {', '.join('{' + n + '}' for n in names)} ({err})"
        return None

    return check


def _field(default: Any, doc: str, check: Callable[[Any], str | None] | None = None,
           rebuild: str = "env") -> Any:
    meta = {"doc": doc, "check": check, "rebuild": rebuild}
    if isinstance(default, list):
        return dataclasses.field(default_factory=lambda: list(default), metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


@dataclasses.dataclass
class CarnetConfig:
    """carnet's settings, as read from ``conf.py``."""

    posts: list[str] = _field(
        ["posts/**"], "Motifs (syntaxe de Sphinx) des documents qui sont des billets.",
        _non_empty_patterns)
    drafts: bool = _field(
        False, "Construire les billets en Status: draft (ils restent hors des listes).")
    legacy_site_url: str = _field(
        "", "Adresse de l’ancien site : les liens vers elle deviennent des renvois internes.")
    blog_path: str = _field("blog", "Dossier des pages d’archives générées.", _folder)
    posts_per_page: int = _field(10, "Nombre de billets par page de l’index du blog.", _positive)
    month_pages_after: int = _field(
        100, "Une année de plus de billets que cela a une page par mois (0 : toujours).",
        _non_negative)
    typography: bool = _field(True, "Appliquer la typographie française aux documents en français.")
    narrow_nbsp: bool = _field(
        True, "U+202F avant ; ! ? (sinon U+00A0 partout, pour les polices sans U+202F).")
    redirects: bool | None = _field(
        None, "Écrire les pages de redirection aux anciennes adresses (motifs ci-dessous) ; "
        "None : seulement pour un site venu de Pelican (carnet_legacy_site_url donné, ou un "
        "document à en-tête Pelican).")
    redirect_pattern: str = _field(
        "{slug}.html", "Ancienne adresse des billets, où une page de redirection est écrite "
        "(vide : aucune).", _pattern("slug", "lang"))
    tag_redirect_pattern: str = _field(
        "tag/{tag}.html", "Ancienne adresse des étiquettes (vide : aucune).",
        _pattern("tag"))
    future_posts: bool = _field(
        False, "Mettre dans les flux les billets datés du futur (sinon ils attendent leur date).")
    raw_html: str = _field("keep", "Que faire du HTML brut des billets.",
                           _choice("keep", "sanitize", "drop"))
    pages: list[str] = _field(
        ["pages/**"], "Motifs des documents qui sont des pages, même s’ils correspondent à "
        "carnet_posts (PAGE_PATHS de Pelican).")
    category_from_folder: bool = _field(
        False, "Un billet sans Category prend le nom de son dossier (USE_FOLDER_AS_CATEGORY).")
    default_category: str = _field(
        "", "Catégorie d’un billet qui n’en a pas (DEFAULT_CATEGORY de Pelican : misc).")
    static_paths: list[str] | None = _field(
        None, "Dossiers copiés tels quels dans la sortie (STATIC_PATHS) ; None : images si "
        "carnet_legacy_site_url est donné, sinon aucun.")
    page_redirect_pattern: str = _field(
        "pages/{slug}.html", "Ancienne adresse des pages (PAGE_URL ; vide : aucune).",
        _pattern("slug", "lang"))
    translation_redirect_pattern: str = _field(
        "{slug}-{lang}.html", "Ancienne adresse des traductions (ARTICLE_LANG_URL).",
        _pattern("slug", "lang"))
    draft_redirect_pattern: str = _field(
        "drafts/{slug}.html", "Ancienne adresse des brouillons construits (DRAFT_URL).",
        _pattern("slug", "lang"))
    category_redirect_pattern: str = _field(
        "category/{category}.html", "Ancienne adresse des catégories (CATEGORY_URL).",
        _pattern("category"))
    author_redirect_pattern: str = _field(
        "author/{author}.html", "Ancienne adresse des auteurs (AUTHOR_URL).",
        _pattern("author"))

    def static_folders(self) -> list[str]:
        """The folders copied whole into the output."""
        if self.static_paths is not None:
            return self.static_paths
        return ["images"] if self.legacy_site_url else []


FIELDS = {f.name: f for f in dataclasses.fields(CarnetConfig)}


def _type_ok(value: Any, annotation: str) -> bool:
    if annotation.endswith(" | None"):
        if value is None:
            return True
        annotation = annotation.removesuffix(" | None")
    expected = {"bool": bool, "int": int, "str": str, "list[str]": list}[annotation]
    if expected is int and isinstance(value, bool):
        return False
    if not isinstance(value, expected):
        return False
    return not (expected is list and not all(isinstance(v, str) for v in value))


def _default(name: str) -> Any:
    return getattr(CarnetConfig(), name)


def validate(config: Config) -> CarnetConfig:
    """Check every ``carnet_*`` value; report and replace the wrong ones by their default."""
    values: dict[str, Any] = {}
    for name, field in FIELDS.items():
        value = getattr(config, PREFIX + name)
        if isinstance(value, tuple) and str(field.type).startswith("list[str]"):
            value = list(value)
        problem = None
        if not _type_ok(value, str(field.type)):
            problem = f"expected {field.type}, got {type(value).__name__} {value!r}"
        elif field.metadata["check"] is not None:
            problem = field.metadata["check"](value)
        if problem:
            default = _default(name)
            logger.warning("%s%s: %s; using the default %r", PREFIX, name, problem, default,
                           type="carnet", subtype="config")
            value = default
            setattr(config, PREFIX + name, value)
        values[name] = value
    return CarnetConfig(**values)


_SETTINGS = "_carnet_settings"  # in the Config's own __dict__: one per app, never pickled


def carnet_config(config: Config) -> CarnetConfig:
    """The validated settings, kept on the Config object they were read from (Sphinx leaves
    ``_``-prefixed attributes out of the pickled environment)."""
    cached = config.__dict__.get(_SETTINGS)
    if cached is None:
        cached = config.__dict__[_SETTINGS] = validate(config)
    return cached


def _on_config_inited(app: Sphinx, config: Config) -> None:
    config.__dict__[_SETTINGS] = validate(config)


class SettingsDirective(SphinxDirective):
    """A table of every setting, from the dataclass: the documentation cannot drift."""

    def run(self) -> list[nodes.Node]:
        table = nodes.table(classes=["carnet-settings"])
        group = nodes.tgroup(cols=3)
        table += group
        group.extend(nodes.colspec(colwidth=w) for w in (3, 2, 6))
        head = nodes.thead()
        body = nodes.tbody()
        group += head
        group += body

        def row(*cells: nodes.Node) -> nodes.row:
            result = nodes.row()
            for cell in cells:
                result += nodes.entry("", nodes.paragraph("", "", cell))
            return result

        head += row(nodes.Text("Réglage"), nodes.Text("Défaut"), nodes.Text("Rôle"))
        for name, field in FIELDS.items():
            default = repr(_default(name))
            body += row(nodes.literal("", PREFIX + name), nodes.literal("", default),
                        nodes.Text(field.metadata["doc"]))
        return [table]


def setup_config(app: Sphinx) -> None:
    app.add_directive("carnet-settings", SettingsDirective)
    for name, field in FIELDS.items():
        types: Any = (list, tuple) if str(field.type).startswith("list[str]") else ()
        app.add_config_value(PREFIX + name, _default(name), field.metadata["rebuild"],
                             types=types)
    # priority 100: before every other handler that reads the settings
    app.connect("config-inited", _on_config_inited, priority=100)


__all__ = ["FIELDS", "CarnetConfig", "carnet_config", "setup_config"]
