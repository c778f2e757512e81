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
from .typography import PLACEHOLDER, normalize

#: Elements whose text is never typeset: it stands in the stream as a placeholder.
OPAQUE: tuple[type[nodes.Node], ...] = (
    nodes.literal, nodes.literal_block, nodes.raw, nodes.math, nodes.math_block,
    nodes.comment, nodes.target, nodes.substitution_definition, nodes.option_list,
    nodes.doctest_block, nodes.FixedTextElement, nodes.system_message, nodes.problematic,
    nodes.image, nodes.footnote_reference, nodes.citation_reference, addnodes.desc_signature,
    addnodes.pending_xref_condition,
)
_CHANGEABLE = re.compile("[ \t\n\u00a0\u202f\u2009\u2007\"'«»“”’.…\\-–—]*")
_LANG_CLASS = re.compile(r"^(?:lang|language)-([a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*)$")


def element_lang(node: nodes.Node, default: str) -> str:
    """The language of a node: its own or an ancestor's ``lang``/``language-xx``, else the
    default."""
    current: Any = node
    while current is not None and not isinstance(current, nodes.document):
        if isinstance(current, nodes.Element):
            if current.get("lang"):
                return str(current["lang"])
            for cls in current.get("classes", []):
                match = _LANG_CLASS.match(cls)
                if match:
                    return match.group(1)
        current = current.parent
    return default


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
                    isinstance(child, nodes.Element)
                    and element_lang(child, lang) != lang):
                items.append(None)
            elif isinstance(child, nodes.Element):
                walk(child)

    walk(element)
    return items


def typeset_element(element: nodes.Element, lang: str, *, narrow_nbsp: bool = True) -> bool:
    """Typeset one text element in place. Return whether anything changed."""
    items = _stream(element, lang)
    texts = [str(item) if item is not None else PLACEHOLDER for item in items]
    before = "".join(texts)
    if not before.strip():
        return False
    after = normalize(before, lang, narrow_nbsp=narrow_nbsp)
    if after == before:
        return False
    item_at: list[int] = []  # the item each character of the old stream comes from
    for index, text in enumerate(texts):
        item_at.extend([index] * len(text))
    old_runs = _CHANGEABLE.findall(before)
    new_runs = _CHANGEABLE.findall(after)
    anchors = _CHANGEABLE.split(before)
    # normalize only changes runs of spaces, quotes, dots and dashes: the anchors between them
    # are the same in both streams (were they not, the text is left as it was)
    if anchors != _CHANGEABLE.split(after) or len(old_runs) != len(new_runs):
        return False

    def editable(index: int) -> bool:
        return 0 <= index < len(items) and items[index] is not None

    pieces: list[list[str]] = [[] for _ in items]
    offset = 0
    for run_index, (old_run, new_run) in enumerate(zip(old_runs, new_runs, strict=True)):
        if old_run:  # the first text node the run touches takes the new run
            target = next((item_at[i] for i in range(offset, offset + len(old_run))
                           if editable(item_at[i])), None)
        elif new_run:  # an insertion: into the text that follows, else the one before
            after_item = item_at[offset] if offset < len(item_at) else -1
            before_item = item_at[offset - 1] if offset > 0 else -1
            target = after_item if editable(after_item) else (
                before_item if editable(before_item) else None)
        else:
            target = None
        if target is not None:
            pieces[target].append(new_run)
        elif old_run != new_run:
            return False
        offset += len(old_run)
        if run_index + 1 < len(anchors):
            for char in anchors[run_index + 1]:
                if editable(item_at[offset]):
                    pieces[item_at[offset]].append(char)
                offset += 1
    for index, item in enumerate(items):
        if item is None:
            continue
        new_text = "".join(pieces[index])
        if new_text != str(item):
            item.parent.replace(item, nodes.Text(new_text))
    return True


def _skip(element: nodes.Element) -> bool:
    """Opaque, or inside an opaque element or another text element (typeset with it)."""
    if isinstance(element, OPAQUE):
        return True
    current: Any = element.parent
    while current is not None:
        if isinstance(current, (*OPAQUE, nodes.TextElement)):
            return True
        current = current.parent
    return False


def typeset_document(document: nodes.document, lang: str, *, narrow_nbsp: bool = True) -> int:
    """Typeset every French text element of a document; return how many changed."""
    changed = 0
    for element in list(document.findall(nodes.TextElement)):
        if _skip(element):
            continue
        element_language = element_lang(element, lang)
        if element_language.lower().split("-")[0] != "fr":
            continue
        changed += typeset_element(element, element_language, narrow_nbsp=narrow_nbsp)
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
        if not settings.typography:
            return
        lang = document_lang(self.env, self.env.docname)
        if lang.lower().split("-")[0] == "fr":
            # the result must not depend on smartquotes: carnet does quotes, dashes and dots
            self.document.settings.smart_quotes = False
        typeset_document(self.document, lang, narrow_nbsp=settings.narrow_nbsp)


def setup_typography(app: Sphinx) -> None:
    app.add_transform(FrenchTypography)
