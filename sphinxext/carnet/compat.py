"""Python-Markdown compatibility: what Pelican rendered, MyST renders the same way.

Pelican renders with Python-Markdown; MyST is CommonMark. Where they differ, a migrated post
would lose or garble content, so carnet follows Python-Markdown:

- a raw HTML block holding blank lines stays one block (CommonMark ends it at the first blank);
- Markdown on the line right after a closing HTML tag is Markdown (CommonMark keeps it as HTML);
- a ``>`` quote followed by an indented list keeps the list (CommonMark folds it into the quote);
- ``<!-- toc -->…<!-- tocstop -->`` and ``[TOC]`` become a generated table of contents;
- ``{: .class #id}`` attribute lists, and ``:::lang`` first lines in code blocks.

Source-level rewrites keep every line where it was, so warnings point at the original lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

# Python-Markdown's own block-level elements (markdown.util.BLOCK_LEVEL_ELEMENTS, 3.x): a raw
# HTML block opened by one of them runs to its closing tag, blank lines included
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul",
    "canvas", "colgroup", "dd", "body", "dt", "group", "html", "iframe", "li", "legend", "math",
    "map", "noscript", "output", "object", "option", "progress", "script", "style", "summary",
    "tbody", "td", "textarea", "tfoot", "th", "thead", "tr", "video", "center"})
VOID_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr"})
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*?(/?)>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TOC_START = re.compile(r"^\s*<!--\s*toc\s*-->\s*$", re.I)
_TOC_STOP = re.compile(r"<!--\s*tocstop\s*-->", re.I)
_CODE_LANG = re.compile(r"^[ \t]*:::[ \t]*([A-Za-z0-9_+#.-]+)[ \t]*$")
_LIST_ITEM = re.compile(r"^([ \t]+)(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_QUOTE = re.compile(r"^[ \t]{0,3}>")


# --- source level ----------------------------------------------------------------------------

def unindent_lists_after_quotes(text: str) -> str:
    """Dedent a list indented right under a ``>`` quote line, keeping the line count."""
    lines = text.split("\n")
    index = 1
    while index < len(lines):
        match = _LIST_ITEM.match(lines[index])
        if match and _QUOTE.match(lines[index - 1]):
            indent = len(match.group(1).expandtabs(4))
            while index < len(lines) and lines[index].strip():
                line = lines[index].expandtabs(4)
                strip = min(indent, len(line) - len(line.lstrip(" ")))
                lines[index] = line[strip:]
                index += 1
        index += 1
    return "\n".join(lines)


_INCLUDE = re.compile(r"\{!\s*(?P<path>[^|!{}\n]+?)\s*(?:\|\s*(?P<encoding>[\w-]+)\s*)?!\}")


def expand_includes(text: str, read: Callable[[str, str, str], tuple[str, str] | None],
                    base: str = "", depth: int = 0) -> tuple[str, list[tuple[int, str]]]:
    """``{! path !}`` (the ``mdx_include`` extension of Python-Markdown, common on Pelican
    blogs): the file's text in its place, included files' own includes too (five levels at
    most, each from its own file's folder). ``read(path, encoding, base)`` gives a file's text
    and folder, or None when there is none.

    Return the text and the problems (line, message); an include that cannot be read is
    left as written."""
    problems: list[tuple[int, str]] = []
    if "{!" not in text:
        return text, problems

    fences = [m.start() for m in re.finditer(r"^[ \t]{0,3}(?:```|~~~)", text, re.M)]

    def include(match: re.Match[str]) -> str:
        line = text.count("\n", 0, match.start()) + 1
        line_start = text.rfind("\n", 0, match.start()) + 1
        in_fence = sum(1 for fence in fences if fence < match.start()) % 2
        if in_fence or text.count("`", line_start, match.start()) % 2:
            return match.group()  # code shows the syntax, it includes nothing
        path = match.group("path")
        found = read(path, match.group("encoding") or "utf-8", base) if depth < 5 else None
        if found is None:
            problems.append((line, f"include {match.group()!r}: no such file"
                             if depth < 5 else "includes nested more than five deep"))
            return match.group()
        content, inner = expand_includes(found[0].rstrip("\n"), read, found[1], depth + 1)
        problems.extend((line, f"in {path}: {message}") for _, message in inner)
        return content

    return _INCLUDE.sub(include, text), problems


# --- token level -----------------------------------------------------------------------------

def _depths(html: str) -> list[int]:
    """Open-element depth at the end of each line of ``html`` (comments ignored)."""
    html = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), html)
    ends = [m.end() for m in re.finditer("\n", html)] + [len(html) + 1]
    depths: list[int] = []
    depth = 0
    tags = list(_TAG.finditer(html))
    position = 0
    for end in ends:
        while position < len(tags) and tags[position].start() < end:
            closing, name, selfclosing = tags[position].groups()
            if name.lower() not in VOID_TAGS and not selfclosing:
                depth = max(0, depth - 1) if closing else depth + 1
            position += 1
        depths.append(depth)
    return depths


def _block_tag(content: str) -> str | None:
    match = re.match(r"\s*<([A-Za-z][A-Za-z0-9-]*)", content)
    return match.group(1).lower() if match and match.group(1).lower() in BLOCK_TAGS else None


def _join_html_blocks(state: StateCore, lines: list[str]) -> None:
    """An HTML element left open at a blank line goes on until it closes, as one block."""
    tokens = state.tokens
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if (token.type != "html_block" or token.level != 0 or token.map is None
                or _block_tag(token.content) is None):
            index += 1
            continue
        start = token.map[0]
        end = None
        depths = _depths("\n".join(lines[start:]))
        for offset, depth in enumerate(depths):
            if depth == 0:
                end = start + offset + 1
                break
        if end is None or end <= token.map[1]:
            index += 1
            continue
        stop = index + 1
        while stop < len(tokens):
            other = tokens[stop]
            if other.level == 0 and other.nesting >= 0 and other.map is not None:
                if other.map[0] >= end:
                    break
                end = max(end, other.map[1])
            stop += 1
        merged = Token("html_block", "", 0, map=[start, end], block=True)
        merged.content = "\n".join(lines[start:end]) + "\n"
        tokens[index:stop] = [merged]
        index += 1


def _split_html_blocks(state: StateCore, md: MarkdownIt) -> None:
    """Lines after the end of an HTML block's markup that are not HTML are Markdown."""
    tokens = state.tokens
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type != "html_block" or token.level != 0 or token.map is None:
            index += 1
            continue
        html = token.content.rstrip("\n")
        content_lines = html.split("\n")
        depths = _depths(html)
        comments = [m.span() for m in _COMMENT.finditer(html)]
        starts = [0]
        for line in content_lines:
            starts.append(starts[-1] + len(line) + 1)
        split = None
        for line_no in range(1, len(content_lines)):
            previous = content_lines[line_no - 1].rstrip()
            in_comment = any(a < starts[line_no] < b for a, b in comments)
            if (depths[line_no - 1] == 0 and previous.endswith(">") and not in_comment
                    and content_lines[line_no].strip()
                    and not content_lines[line_no].lstrip().startswith("<")):
                split = line_no
                break
        if split is None:
            index += 1
            continue
        head = Token("html_block", "", 0, map=[token.map[0], token.map[0] + split], block=True)
        head.content = "\n".join(content_lines[:split]) + "\n"
        rest = "\n".join(content_lines[split:]) + "\n"
        sub: list[Token] = []
        md.block.parse(rest, md, state.env, sub)  # inline content is parsed by the next rule
        offset = token.map[0] + split
        for sub_token in sub:
            if sub_token.map is not None:
                sub_token.map = [sub_token.map[0] + offset, sub_token.map[1] + offset]
        tokens[index:index + 1] = [head, *sub]
        index += 1


def _toc_blocks(state: StateCore) -> None:
    """``<!-- toc -->`` … ``<!-- tocstop -->`` (markdown-toc's markers), or a ``[TOC]``
    paragraph (Python-Markdown's toc extension) → one toc token."""
    tokens = state.tokens
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if (token.type == "paragraph_open" and index + 2 < len(tokens)
                and tokens[index + 1].content.strip() == "[TOC]"):
            toc = Token("carnet_toc", "", 0, map=token.map, block=True)
            tokens[index:index + 3] = [toc]
            index += 1
            continue
        if token.type == "html_block" and _TOC_START.match(token.content.split("\n")[0]):
            stop = index
            while stop < len(tokens) and not (
                    tokens[stop].type == "html_block" and _TOC_STOP.search(tokens[stop].content)):
                stop += 1
            if stop == len(tokens):  # no tocstop: the marker alone asks for a toc
                stop = index
            toc = Token("carnet_toc", "", 0, map=token.map, block=True)
            tokens[index:stop + 1] = [toc]
        index += 1


def _code_languages(state: StateCore) -> None:
    """A code block whose first line is ``:::lang`` is in that language (CodeHilite)."""
    for token in state.tokens:
        if token.type in ("code_block", "fence") and not token.info.strip():
            first, _, rest = token.content.partition("\n")
            match = _CODE_LANG.match(first)
            if match:
                token.info = match.group(1)
                token.content = rest


def add_compat_rules(md: MarkdownIt) -> None:
    """Add Python-Markdown compatibility to a MyST markdown-it parser."""

    def rule(state: StateCore) -> None:
        if state.inlineMode:
            return
        lines = state.src.split("\n")
        _join_html_blocks(state, lines)
        _split_html_blocks(state, md)
        _toc_blocks(state)
        _code_languages(state)

    md.core.ruler.after("block", "carnet_compat", rule)


# --- doctree level ---------------------------------------------------------------------------

_ATTR_LIST = re.compile(r"[ \t]*\{:?[ \t]*((?:[.#][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|\S+))"
                        r"(?:[ \t]+(?:[.#][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|\S+)))*)[ \t]*\}"
                        r"[ \t]*$")
_ATTR_LIST_START = re.compile(r"^\{:[ \t]*([^}]*)\}")


def _apply_attrs(node: nodes.Element, spec: str, document: nodes.document) -> None:
    for item in re.findall(r"[.#][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|\S+)", spec):
        if item.startswith("."):
            node["classes"].append(item[1:])
        elif item.startswith("#"):
            target = node.parent if isinstance(node, nodes.title) else node
            ident = item[1:]
            if ident not in document.ids:
                target["ids"].insert(0, ident)
                document.ids[ident] = target


def apply_attribute_lists(document: nodes.document) -> None:
    """``{: .class #id}`` at the end of a paragraph or heading, or after an image or link."""
    for node in list(document.findall(nodes.Text)):
        parent = node.parent
        text = str(node)
        if "{" not in text or parent is None:
            continue
        # by identity: Element.index() finds the first text node with the same string
        position = next(i for i, child in enumerate(parent.children) if child is node)
        start = _ATTR_LIST_START.match(text)
        previous = parent[position - 1] if position > 0 else None
        if start and isinstance(previous, nodes.image | nodes.reference | nodes.inline):
            _apply_attrs(previous, start.group(1), document)
            parent[position] = nodes.Text(text[start.end():])
            continue
        end = _ATTR_LIST.search(text)
        if (end and position == len(parent) - 1
                and isinstance(parent, nodes.paragraph | nodes.title)
                and (text[: end.start()].strip() or len(parent) > 1)):
            _apply_attrs(parent, end.group(1), document)
            parent[position] = nodes.Text(text[: end.start()].rstrip())
