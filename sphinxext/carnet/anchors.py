"""Heading ids: one clean canonical id per heading, and the old ids as aliases.

Pure functions (``slugify``, ``markdown_toc_slug``, ``IdScript``) and the glue that gives a
parsed document its ids. Ids come from the source text, before typography.

- canonical: ``slugify`` of the heading text (GitHub and markdown-toc style: each space is a
  hyphen, punctuation dropped, accents folded, leading digits kept), ``x``, ``x-1``, ``x-2``
  for duplicates; it is the section's first id, so permalinks and tables of contents use it;
- aliases: docutils' own id, the markdown-toc slug of the raw heading source, the id the post's
  own heading-id ``<script>`` would compute in the browser, explicit ids. An alias that another
  element already has is skipped: a page never holds one id twice.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from docutils import nodes
from docutils.transforms import Transform

from .header import fold_accents

_EMOJI_AND_SYMBOLS = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\u20e3]")


def slugify(text: str) -> str:
    """The canonical id of a heading: ``10h30 : Plone`` → ``10h30--plone``."""
    text = _EMOJI_AND_SYMBOLS.sub("", fold_accents(text)).lower()
    kept = []
    for char in text:
        if char.isalnum() or char in "-_":
            kept.append(char)
        elif char.isspace():
            kept.append("-")
    return "".join(kept)


# --- markdown-toc ------------------------------------------------------------------------------

_TOC_DROPPED = re.compile(r"[|$&`~=\\/@+*!?({\[\]})<>=.,;:'\"^]")
_TOC_CJK_DROPPED = re.compile("[。？！，、；：“”【】（）〔〕［］﹃﹄‘’﹁﹂—…－～《》〈〉「」]")
_TAGS = re.compile(r"</?[^>]{1,100}>")


def markdown_toc_slug(source: str) -> str:
    """The id markdown-toc (and the tools that copy it) give a heading's raw Markdown source."""
    text = source.lower().replace(" ", "-").replace("\t", "--")
    text = _TOC_CJK_DROPPED.sub("", _TOC_DROPPED.sub("", _TAGS.sub("", text)))
    return fold_accents(text)


# --- heading-id scripts ------------------------------------------------------------------------

_ASSIGNS_ID = re.compile(r"\.id\s*=[^=]")
_TEXT_OF = re.compile(r"\.(?:textContent|innerText)\b")
_STRINGS = re.compile(r"""(['"])([^'"\n]{1,200})\1""")
_HELPER_CALL = re.compile(
    r"(\w+)\s*\(\s*[\w$.\[\]]*\.(?:textContent|innerText)\b\s*\)")


def _heading_levels(script: str) -> frozenset[int]:
    """The heading levels a script's selectors name: ``'h2, h3'``, ``'article h2'``,
    ``'.post > h3.title'``: each part of a selector ending in a heading."""
    levels: set[int] = set()
    for _, selector in _STRINGS.findall(script):
        parts = [part.strip() for part in selector.split(",")]
        found = [re.match(r"h([1-6])\b(?:[.#:\[][^\s>+~]*)?$", re.split(r"[\s>+~]+", part)[-1])
                 for part in parts if part]
        if found and all(found):
            levels.update(int(match.group(1)) for match in found if match)
    return frozenset(levels)


def _helper_body(script: str, name: str) -> int | None:
    """Where, in a helper's definition (``function name(x) { return x…``, ``const name =
    x => x…``), the chain of calls on its parameter starts."""
    definition = re.search(
        rf"(?:function\s+{name}\s*\(\s*(\w+)\s*\)\s*\{{\s*return\s+"
        rf"|(?:const|let|var)\s+{name}\s*=\s*(?:function\s*)?\(?\s*(\w+)\s*\)?\s*"
        rf"(?:=>\s*)?(?:\{{\s*return\s+)?)", script)
    if definition is None:
        return None
    parameter = definition.group(1) or definition.group(2)
    start = definition.end()
    if not script.startswith(parameter, start):
        return None
    return start + len(parameter)
_CALL = re.compile(
    r"""\.\s*(?P<name>toLowerCase|toUpperCase|trim|normalize|replace|replaceAll)\s*\(\s*"""
    r"""(?:/(?P<regex>(?:\\.|\[(?:\\.|[^\]])*\]|[^/\\\[])+)/(?P<flags>[a-z]*)"""
    r"""|(?P<quote>['"])(?P<literal>(?:\\.|(?!(?P=quote)).)*)(?P=quote))?"""
    r"""\s*(?:,\s*(?P<rquote>['"])(?P<replacement>(?:\\.|(?!(?P=rquote)).)*)(?P=rquote))?\s*\)""")


def _js_string(value: str) -> str:
    return re.sub(r"\\(.)", r"\1", value)


@dataclasses.dataclass
class IdScript:
    """A page's ``<script>`` that sets heading ids from their text, applied statically."""

    levels: frozenset[int]
    steps: list[Callable[[str], str]]
    number_from: int | None = None  # duplicates: x, x-2, x-3… when the script numbers them

    def apply(self, text: str) -> str:
        for step in self.steps:
            text = step(text)
        return text


def _step(call: re.Match[str]) -> Callable[[str], str] | None:
    name = call.group("name")
    if name == "toLowerCase":
        return str.lower
    if name == "toUpperCase":
        return str.upper
    if name == "trim":
        return str.strip
    if name == "normalize":
        form = (call.group("literal") or "NFC").upper()
        if form not in ("NFC", "NFD", "NFKC", "NFKD"):
            return None
        return lambda text: unicodedata.normalize(form, text)  # type: ignore[arg-type]
    replacement = _js_string(call.group("replacement") or "")
    if call.group("regex") is not None:
        flags = call.group("flags")
        try:
            pattern = re.compile(call.group("regex"), re.I if "i" in flags else 0)
        except re.error:
            return None
        count = 0 if ("g" in flags or name == "replaceAll") else 1
        python_replacement = replacement.replace("\\", "\\\\").replace("$&", r"\g<0>")
        python_replacement = re.sub(r"\$(\d)", r"\\\1", python_replacement)
        return lambda text: pattern.sub(python_replacement, text, count=count)
    if call.group("literal") is not None:
        literal = _js_string(call.group("literal"))
        count = -1 if name == "replaceAll" else 1
        return lambda text: text.replace(literal, replacement, count)
    return None


def parse_id_script(script: str) -> IdScript | None:
    """Recognise a script that gives headings ids from their text; None for any other.

    It must set ``.id``, select headings by tag (``'h1, h2'``, ``'article h2'``) and compute
    the id from ``textContent`` (or ``innerText``), directly or through a helper function of
    one parameter, by a chain of calls carnet can reproduce:
    ``toLowerCase``, ``toUpperCase``, ``trim``, ``normalize``, ``replace``, ``replaceAll``.
    A script that counts ids it has seen (``seen[id]++``) numbers duplicates from ``-2``.
    """
    text_of = _TEXT_OF.search(script)
    if text_of is None or not _ASSIGNS_ID.search(script):
        return None
    levels = _heading_levels(script)
    if not levels:
        return None
    position = text_of.end()
    helper = _HELPER_CALL.search(script)
    if helper is not None and helper.group(1) not in ("String", "encodeURIComponent"):
        # the id comes from a helper: its chain of calls is on its parameter
        body = _helper_body(script, helper.group(1))
        if body is None:
            return None
        position = body
    steps = []
    while True:  # the calls chained right after textContent, one after the other
        call = _CALL.match(script, position + len(script[position:]) - len(
            script[position:].lstrip()))
        if call is None:
            break
        step = _step(call)
        if step is None:
            return None  # a step we cannot reproduce: better no alias than a wrong one
        steps.append(step)
        position = call.end()
    if not steps:
        return None
    numbered = bool(re.search(r"\[\s*\w+\s*\]\s*(?:\+\+|\+=\s*1\b)", script))
    return IdScript(levels, steps, 2 if numbered else None)


# --- glue: a document's ids --------------------------------------------------------------------

_HTML_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")
_ATX = re.compile(r"^[ ]{0,3}(#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")
_TRAILING_ATTRS = re.compile(r"\s*\{:?\s*[^}]*\}\s*$")


def _heading_source(lines: list[str], line: int | None) -> tuple[int, str] | None:
    """The Markdown level and raw text of the heading at ``line`` (1-based)."""
    if not line or line > len(lines):
        return None
    match = _ATX.match(lines[line - 1])
    if match:
        return len(match.group(1)), _TRAILING_ATTRS.sub("", match.group(2))
    if line < len(lines) and re.match(r"^[ ]{0,3}(=+|-+)[ \t]*$", lines[line]):
        return (1 if "=" in lines[line] else 2), lines[line - 1].strip()
    return None


def _number(base: str, seen: dict[str, int], first: int = 1) -> str:
    """``x``, then ``x-1``… (or ``x-2``… from ``first``) for duplicates."""
    count = seen.get(base)
    seen[base] = (count or 0) + 1
    if count is None:
        return base
    return f"{base}-{count + first - 1}"


def raw_html_ids(document: nodes.document) -> set[str]:
    """The ids written in a document's raw HTML (``<h2 id="tagcloud">``): links may land there
    too."""
    return {ident for raw in document.findall(nodes.raw) if "html" in raw.get("format", "")
            for ident in _HTML_ID.findall(raw.astext())}


def find_id_scripts(document: nodes.document) -> list[tuple[nodes.raw, IdScript]]:
    found = []
    for raw in document.findall(nodes.raw):
        if "html" in raw.get("format", "") and "<script" in raw.astext():
            script = parse_id_script(raw.astext())
            if script is not None:
                found.append((raw, script))
    return found


def assign_ids(document: nodes.document, source: str, title_section: nodes.section | None,
               scripts: list[IdScript]) -> dict[str, tuple[int, str, str]]:
    """Give every section its canonical id first and its aliases after.

    Return what MyST resolves ``#fragment`` links with: every id -> (line, canonical id, title).
    """
    lines = source.split("\n")
    canonical_seen: dict[str, int] = {}
    toc_seen: dict[str, int] = {}
    script_seen: list[dict[str, int]] = [{} for _ in scripts]
    taken = {ident for ident, node in document.ids.items()
             if not isinstance(node, nodes.section)}
    taken |= raw_html_ids(document)  # ids written in raw HTML are taken too
    slugs: dict[str, tuple[int, str, str]] = {}
    for section in document.findall(nodes.section):
        title = section[0].astext() if section.children else ""
        old_ids = list(section["ids"])
        canonical = _number(slugify(title) or "section", canonical_seen)
        while canonical in taken:
            canonical = _number(slugify(title) or "section", canonical_seen)
        aliases = []
        heading = None if section is title_section else _heading_source(lines, section.line)
        if heading is not None:
            level, raw = heading
            aliases.append(_number(markdown_toc_slug(raw), toc_seen))
            for index, script in enumerate(scripts):
                if level in script.levels:
                    aliases.append(_number(script.apply(title), script_seen[index],
                                           script.number_from or 1))
        wanted = [canonical, *old_ids, *aliases]
        ids: list[str] = []
        for ident in wanted:
            owner = document.ids.get(ident)
            if not ident or ident in ids or ident in taken or (
                    owner is not None and owner is not section):
                continue  # an alias never takes another element's id
            ids.append(ident)
        for ident in old_ids:
            document.ids.pop(ident, None)
        section["ids"] = ids
        section["carnet_id"] = ids[0] if ids else ""
        for ident in ids:
            document.ids[ident] = section
            taken.add(ident)
            slugs[ident] = (section.line or 0, ids[0], title)
    return slugs


class CanonicalIdFirst(Transform):
    """Docutils moves explicit targets' ids in front of a section's (PropagateTargets, 260):
    put the canonical id back first, before tables of contents are built (720)."""

    default_priority = 700

    def apply(self, **kwargs: Any) -> None:
        for section in self.document.findall(nodes.section):
            canonical = section.get("carnet_id")
            if canonical and section["ids"] and section["ids"][0] != canonical \
                    and canonical in section["ids"]:
                section["ids"].remove(canonical)
                section["ids"].insert(0, canonical)


def note_ids(document: nodes.document, env: Any, slugs: dict[str, tuple[int, str, str]]) -> None:
    """Let MyST resolve ``[x](#id)`` and ``[x](doc.md#id)`` with every id and alias."""
    existing = getattr(document, "myst_slugs", {}) or {}
    merged = {**existing, **slugs}
    document.myst_slugs = merged  # type: ignore[attr-defined]
    if env is not None:
        env.metadata[env.docname]["myst_slugs"] = merged
