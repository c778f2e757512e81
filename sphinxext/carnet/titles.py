"""A post's title as docutils nodes (its few inline tags kept): for the page's own title, and
wherever carnet shows it (lists, previous/next)."""

from __future__ import annotations

from typing import Any

from docutils import nodes

from .header import TitlePart


def title_nodes(parts_: list[TitlePart]) -> list[nodes.Node]:
    """Docutils nodes for a parsed title."""
    kinds: dict[str, Any] = {
        "emphasis": nodes.emphasis, "strong": nodes.strong, "literal": nodes.literal,
        "superscript": nodes.superscript, "subscript": nodes.subscript,
    }
    result: list[nodes.Node] = []
    for part in parts_:
        if isinstance(part, str):
            result.append(nodes.Text(part))
            continue
        kind, children = part
        if kind in kinds:
            node = kinds[kind]()
        else:
            node = nodes.inline(classes=[f"carnet-{kind}"] if kind != "inline" else [])
        node.extend(title_nodes(children))
        result.append(node)
    return result
