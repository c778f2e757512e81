"""``carnet_raw_html``: keep a post's raw HTML (as Pelican does), sanitize it, or drop it.

MyST cuts raw HTML into one node per tag (``Du <b>gras</b>`` is text, a raw ``<b>``, text, a
raw ``</b>``), and an HTML block with blank lines into several blocks. Sanitized one node at a
time, a lone ``<b>`` would be closed at once and the ``</b>`` dropped. So the raw pieces of an
element are sanitized together, as one fragment, with a placeholder standing for each of its
other children; the cleaned fragment is then cut back at the placeholders. A child whose
placeholder the sanitizer removed stood inside what it removes (a ``<script>``): it goes too.
"""

from __future__ import annotations

import re

from docutils import nodes

_MARK = "\ufdd0{}\ufdd1"  # Unicode non-characters: no text holds them, sanitizers keep them
_MARKS = re.compile("\ufdd0([0-9]+)\ufdd1")


def _is_html(node: nodes.Node) -> bool:
    return isinstance(node, nodes.raw) and "html" in node.get("format", "").split()


def _clean(parent: nodes.Element) -> None:
    """Sanitize the raw HTML children of one element as one fragment."""
    import nh3

    children = list(parent.children)
    fragment = "".join(child.astext() if _is_html(child) else _MARK.format(index)
                       for index, child in enumerate(children))
    parts = _MARKS.split(nh3.clean(fragment))
    kept = [int(index) for index in parts[1::2]]
    if kept != sorted(set(kept)):  # the sanitizer moved children around: one node at a time
        for child in children:
            if _is_html(child):
                child.replace_self(nodes.raw("", nh3.clean(child.astext()), format="html"))
        return
    result: list[nodes.Node] = []
    for position, html in enumerate(parts[0::2]):
        if html:
            result.append(nodes.raw("", html, format="html"))
        if position < len(kept):
            result.append(children[kept[position]])
    parent.clear()
    parent.extend(result)


def apply_policy(document: nodes.document, policy: str) -> None:
    """Keep, sanitize (nh3, fragment by fragment) or drop the raw HTML of a document."""
    if policy == "keep":
        return
    raws = [raw for raw in document.findall(nodes.raw) if _is_html(raw)]
    if policy == "drop":
        for raw in raws:
            raw.parent.remove(raw)
        return
    parents = {id(raw.parent): raw.parent for raw in raws}
    for parent in parents.values():
        _clean(parent)
