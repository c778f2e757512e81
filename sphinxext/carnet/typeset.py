"""French typography on doctrees: prose only, across inline markup, never code.

A paragraph (any text element) is read as one stream of text, so that quotes pair across
``*emphasis*`` and link text; code, math, raw HTML and the like stand in it as a placeholder
that the rules see as a word and never change. ``normalize`` gives the new stream; as it only
changes spaces, quotes, apostrophes, dots and dashes, every other character anchors the old
stream to the new one, and each changed run goes back into the text node it came from.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from .config import carnet_config

#: Elements whose text is never typeset: it stands in the stream as a placeholder.
OPAQUE: tuple[type[nodes.Node], ...] = (
    nodes.literal, nodes.literal_block, nodes.raw, nodes.math, nodes.math_block,
    nodes.comment, nodes.target, nodes.substitution_definition, nodes.option_list,
    nodes.doctest_block, nodes.FixedTextElement, nodes.system_message, nodes.problematic,
    nodes.image, nodes.footnote_reference, nodes.citation_reference, addnodes.desc_signature,
    addnodes.pending_xref_condition,
)
_LANG_CLASS = re.compile(r"^(?:lang|language)-([a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*)$")


def own_lang(node: nodes.Element) -> str | None:
    """The language a node itself declares: ``lang`` or a ``lang-xx``/``language-xx`` class."""
    if node.get("lang"):
        return str(node["lang"])
    for cls in node.get("classes", ()):
        match = _LANG_CLASS.match(cls)
        if match:
            return match.group(1)
    return None


def _is_url_text(node: nodes.Element) -> bool:
    uri = node.get("refuri", "")
    text = node.astext()
    return bool(uri) and (text == uri or uri.endswith(text) or text.startswith(("http", "www.")))


def _stream(element: nodes.Element, lang: str) -> list[nodes.Text | None]:
    """The element's text nodes in order; None for each opaque piece."""
    items: list[nodes.Text | None] = []

    def walk(node: nodes.Element) -> None:
        for child in node.children:
            if isinstance(child, nodes.Text):
                items.append(child)
            elif isinstance(child, OPAQUE) or (
                    isinstance(child, nodes.reference) and _is_url_text(child)) or (
                    # text still to come (a reference with no text of its own: the title
                    # it leads to); the spaces around it are two, not one doubled
                    isinstance(child, nodes.Element) and not child.astext()) or (
                    isinstance(child, nodes.Element) and own_lang(child) not in (None, lang)):
                items.append(None)
            elif isinstance(child, nodes.Element):
                walk(child)

    walk(element)
    return items


def _replace_text(node: nodes.Text, text: str) -> None:
    """Replace a text node by identity (``Element.replace`` finds the first equal string)."""
    parent = node.parent
    index = next(i for i, child in enumerate(parent.children) if child is node)
    parent[index] = nodes.Text(text)


def typeset_element(element: nodes.Element, lang: str, *, narrow_nbsp: bool = True) -> bool:
    """Typeset one text element in place. Return whether anything changed."""
    from .stream import retypeset  # the engine: imported when a build reads (not on no-ops)

    items = _stream(element, lang)
    result = retypeset([str(item) if item is not None else None for item in items], lang,
                       narrow_nbsp=narrow_nbsp)
    if result is None:
        return False
    for item, text in zip(items, result, strict=True):
        if item is not None and text is not None and text != str(item):
            _replace_text(item, text)
    return True


def typeset_if_enabled(element: nodes.Element, lang: str, config: Any) -> nodes.Element:
    """Typeset text carnet writes itself (titles in lists, headers, footers) like the rest."""
    settings = carnet_config(config)
    if settings.typography:
        typeset_element(element, lang, narrow_nbsp=settings.narrow_nbsp)
    return element


def typeset_document(document: nodes.document, lang: str, *, narrow_nbsp: bool = True) -> int:
    """Typeset every French text element of a document; return how many changed."""
    changed = 0

    def visit(node: nodes.Element, language: str) -> None:
        nonlocal changed
        for child in node.children:
            if not isinstance(child, nodes.Element) or isinstance(child, OPAQUE):
                continue
            child_lang = own_lang(child) or language
            if isinstance(child, nodes.TextElement):
                if child_lang[:2].lower() == "fr" and child_lang[2:3] in ("", "-", "_"):
                    changed += typeset_element(child, child_lang, narrow_nbsp=narrow_nbsp)
            else:
                visit(child, child_lang)

    visit(document, lang)
    return changed


def document_lang(env: Any, docname: str) -> str:
    """A document's language: its post's, else the site's."""
    post = env.get_domain("blog").docs.get(docname)
    return (post.lang if post is not None and post.lang else None) or env.config.language or "en"


class FrenchTypography(SphinxTransform):
    """Typeset French documents before Sphinx's smart quotes, which are then not needed."""

    default_priority = 740  # SphinxSmartQuotes is 750

    def apply(self, **kwargs: Any) -> None:
        settings = carnet_config(self.config)
        lang = document_lang(self.env, self.env.docname)
        if lang != (self.config.language or "en"):
            # a post in another language than the site's: Sphinx's smart quotes follow it
            self.document.settings.language_code = lang
        if not settings.typography:
            return
        if lang.lower().split("-")[0] == "fr":
            # the result must not depend on smartquotes: carnet does quotes, dashes and dots
            self.document.settings.smart_quotes = False
        typeset_document(self.document, lang, narrow_nbsp=settings.narrow_nbsp)


def _keep_spaces_in_title(app: Sphinx, pagename: str, templatename: str,
                          context: dict[str, Any], doctree: nodes.document | None) -> None:
    """Themes write ``{{ title|striptags }}``, which folds U+00A0 and U+202F into plain spaces;
    as character references they survive (striptags decodes them after folding)."""
    title = context.get("title")
    if isinstance(title, str) and ("\u00a0" in title or "\u202f" in title):
        context["title"] = type(title)(title.replace("\u00a0", "&#160;")
                                       .replace("\u202f", "&#8239;"))


def setup_typography(app: Sphinx) -> None:
    app.add_transform(FrenchTypography)
    app.connect("html-page-context", _keep_spaces_in_title)
