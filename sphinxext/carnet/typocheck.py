"""French typography in Markdown sources: report it (file:line:column, what and why) or fix it.

The same engine as the build (``stream.retypeset``), on the same prose: MyST's own parser says
which lines are paragraphs, headings and table cells; in them, code spans, roles, links'
addresses, raw HTML, math, escapes and attributes are opaque pieces the rules see as a word
and never change; the header (Pelican or front matter), code blocks, directives, HTML blocks
and line prefixes (indentation, ``>``, list markers, ``#``) are not read at all.

    python -m sphinxext.carnet typo --check docs/posts
    python -m sphinxext.carnet typo --fix billet.md
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .header import language_code, read_front_matter, read_pelican_header, split_tags
from .stream import edits, retypeset
from .typography import NBSP, NNBSP

# opaque inline spans: code (and a role's name before it), raw HTML and comments, a link's
# address, math, an escaped character, attributes, footnote references, substitutions
_OPAQUE = re.compile("|".join([
    r"(?:\{[\w:+.-]+\})?(`+)[\s\S]*?(?<!`)\1(?!`)",
    r"<!--[\s\S]*?-->",
    r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>",
    r"<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*>",
    r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)",
    r"\$[^$\n]+\$",
    r"\\[!-/:-@\[-`{-~]",
    r"\{[#.:][^{}\n]*\}",
    r"\[\^[^\]\n]+\]",
    r"\{\{[^{}\n]*\}\}",
]))
# what opens a line without being text: indentation, quote and list markers, heading marks
_PREFIX = re.compile(r"[ \t]*(?:(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)[ \t]*)*(?:#{1,6}[ \t]+)?")
_TRAILING = re.compile(r"[ \t]+$")  # two spaces at the end of a line are a line break
_UNDERLINE = re.compile(r"[ \t]*(?:=+|-+)[ \t]*")
_CELL_SEPARATOR = re.compile(r"[ \t]*(?<!\\)\|[ \t]*")


@dataclasses.dataclass(frozen=True)
class Change:
    """One change the rules make: where, what, and why."""

    line: int  # 1-based
    column: int  # 1-based, in characters
    old: str
    new: str
    why: str

    def describe(self) -> str:
        return f"{_shown(self.old)} → {_shown(self.new)} ({self.why})"


def _shown(text: str) -> str:
    names = {NBSP: "⍽", NNBSP: "‿", " ": "␠", "\n": "↵"}
    return "«" + ("".join(names.get(c, c) for c in text) if text else "") + "»" \
        if text else "rien"


_UNIT_AFTER = re.compile(r"(?:%|‰|€|\$|£|[kMGTµmcn]?[A-Za-z°Ω]{1,3}\b)")


def why(old: str, new: str, before: str, after: str) -> str:
    """The rule behind a change, in words (in French: the report is for French writers)."""
    spaces = NBSP + NNBSP
    nbsp_only = new != "" and new.strip(spaces) == ""
    rules = [
        (nbsp_only and after[:1] in ";!?", f"espace fine insécable avant « {after[:1]} »"
         if NNBSP in new else f"espace insécable avant « {after[:1]} »"),
        (nbsp_only and after[:1] == ":", "espace insécable avant le deux-points"),
        (nbsp_only and (before[-1:] == "«" or after[:1] == "»"),
         "espace insécable à l’intérieur des guillemets"),
        ("«" in new or "»" in new, "guillemets français"),
        ("“" in new or "”" in new, "guillemets simples appariés en “ ” (second niveau)"),
        ("’" in new, "apostrophe typographique"),
        ("…" in new, "points de suspension"),
        ("—" in new, "tiret cadratin"),
        ("–" in new, "tiret demi-cadratin"),
        (new == NNBSP and after[:1].isdigit(), "espace fine insécable entre les milliers"),
        (nbsp_only and before[-1:].isdigit() and bool(_UNIT_AFTER.match(after)),
         "espace insécable entre le nombre et l’unité"),
        (nbsp_only or (NBSP in new and new.strip(spaces + ".") == ""),
         "espace insécable après une abréviation ou un titre"),
        (old.startswith("..") and new == ".", "« etc. » sans points de suspension"),
        (old.strip() == "" and new == "" and after[:1] in ",.)]…",
         f"pas d’espace avant « {after[:1]} »"),
        (old.strip() == "" and new == "" and before[-1:] in "([", "pas d’espace après "
         f"« {before[-1:]} »"),
        (old.strip() == "" and new.strip() == "", "une seule espace, à sa place"),
    ]
    return next((reason for matches, reason in rules if matches), "typographie française")


LINE_BREAK = "\u2028"  # how a line break (with the next line's prefix) reads in the stream


@dataclasses.dataclass
class _Piece:
    start: int  # offset in the source
    text: str | None  # None: opaque, kept as it is
    line_break: bool = False  # an opaque line break: reads as a space no rule touches


def _line_pieces(source: str, start: int, end: int) -> Iterator[_Piece]:
    """The pieces of one line's content (prefix and line end excluded): text, and opaque
    spans as None."""
    position = start
    for match in _OPAQUE.finditer(source, start, end):
        if match.start() > position:
            yield _Piece(position, source[position:match.start()])
        yield _Piece(match.start(), None)
        position = match.end()
    if position < end:
        yield _Piece(position, source[position:end])


def _content(source: str, start: int, end: int, first: bool) -> tuple[int, int]:
    """Where a line's text starts and ends: after its prefix (indentation, ``>``, a list
    marker, ``#``), before its trailing spaces (two make a line break) and its end."""
    line = source[start:end].rstrip("\r\n")
    prefix = _PREFIX.match(line)
    body = prefix.end() if prefix and (not first or line.lstrip()[:1] in "#>-*+"
                                       or re.match(r"[ \t]*\d{1,9}[.)][ \t]", line)) else 0
    return start + body, start + max(body, len(_TRAILING.sub("", line)))


def _blocks(source: str, lines: list[int], tokens: list[Any]) -> Iterator[list[list[_Piece]]]:
    """Each block of prose, as streams of pieces (one per paragraph or heading, one per table
    cell)."""
    seen: set[tuple[int, int]] = set()
    in_table = False
    for token in tokens:
        if token.type == "table_open":
            in_table = True
        elif token.type == "table_close":
            in_table = False
        if token.type != "inline" or not token.map or tuple(token.map) in seen:
            continue
        seen.add(tuple(token.map))
        first, last = token.map
        if in_table:
            for number in range(first, last):
                yield list(_cells(source, lines[number], lines[number + 1]))
            continue
        stream: list[_Piece] = []
        previous_end = None
        for number in range(first, min(last, len(lines) - 1)):
            start, end = lines[number], lines[number + 1]
            if number > first and _UNDERLINE.fullmatch(source[start:end].rstrip("\r\n")):
                continue  # a setext heading's underline
            body, content_end = _content(source, start, end, number == first)
            if previous_end is not None:  # the line break between two lines, opaque
                stream.append(_Piece(previous_end, None, line_break=True))
            stream.extend(_line_pieces(source, body, content_end))
            previous_end = content_end
        if stream:
            yield [stream]


def _cells(source: str, start: int, end: int) -> Iterator[list[_Piece]]:
    line = source[start:end].rstrip("\r\n")
    position = 0
    for separator in [*_CELL_SEPARATOR.finditer(line), None]:
        cell_end = separator.start() if separator else len(line)
        if cell_end > position:
            yield [_Piece(start + position, source[start + position:start + cell_end])]
        if separator is None:
            break
        position = separator.end()


@functools.cache
def _parser() -> Any:
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(MdParserConfig(enable_extensions={"dollarmath"}), RendererHTML)


def _language(source: str, default: str) -> tuple[str, int]:
    """The post's language (from its header, else ``default``), and the header's length in
    lines (0 when the front matter is left to the parser)."""
    header = read_pelican_header(source.replace("\r\n", "\n"))
    length = header.length if header else 0
    if header is None:
        header = read_front_matter(source.replace("\r\n", "\n"))
    if header is None:
        return default, length
    lang = str(header.fields.get("lang") or "") or (split_tags(header.fields.get("tags", ""))[1]
                                                    or "")
    return (language_code(lang) or default) if lang else default, length


def check(source: str, lang: str = "fr", *, narrow_nbsp: bool = True,
          ) -> tuple[list[Change], str]:
    """The changes French typography makes to a Markdown source, and the fixed source."""
    lang, header_lines = _language(source, lang)
    if not lang.lower().startswith("fr"):
        return [], source
    offsets = [0]
    for line in source.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))
    if len(offsets) == 1 or not source.endswith(("\n", "\r")):
        offsets.append(len(source))
    # the Pelican header is metadata: blanked out for the parser, lines kept in place
    lines = source.splitlines()
    parsed = "\n" * header_lines + "\n".join(lines[header_lines:])
    tokens = _parser().parse(parsed)
    changes: list[Change] = []
    replacements: list[tuple[int, int, str]] = []
    for streams in _blocks(source, offsets, tokens):
        for stream in streams:
            breaks = {i: LINE_BREAK for i, piece in enumerate(stream) if piece.line_break}
            result = retypeset([p.text for p in stream], lang, narrow_nbsp=narrow_nbsp,
                               stand_ins=breaks)
            if result is None:
                continue
            for piece, new in zip(stream, result, strict=True):
                if piece.text is None or new is None or new == piece.text:
                    continue
                for begin, end, replacement in edits(piece.text, new) or ():
                    begin, end, replacement = _trim(piece.text, begin, end, replacement)
                    where = piece.start + begin
                    line = _line_of(offsets, where)
                    old = piece.text[begin:end]
                    changes.append(Change(line + 1, where - offsets[line] + 1, old,
                                          replacement, why(old, replacement, piece.text[:begin],
                                                           piece.text[end:])))
                replacements.append((piece.start, piece.start + len(piece.text), new))
    fixed = source
    for start, end, new in sorted(replacements, reverse=True):
        fixed = fixed[:start] + new + fixed[end:]
    return changes, fixed


def _trim(text: str, begin: int, end: int, new: str) -> tuple[int, int, str]:
    """A changed run without what it keeps at its start and end (`` "`` → `` «``: ``"`` →
    ``«``), so that the column points at the change itself."""
    while begin < end and new and text[begin] == new[0]:
        begin, new = begin + 1, new[1:]
    while begin < end and new and text[end - 1] == new[-1]:
        end, new = end - 1, new[:-1]
    return begin, end, new


def _line_of(offsets: list[int], where: int) -> int:
    import bisect

    return bisect.bisect_right(offsets, where) - 1


def _files(paths: list[str]) -> Iterator[Path]:
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.md")
                              if not any(part.startswith((".", "_build")) for part in p.parts))
        else:
            yield path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sphinxext.carnet typo",
        description="French typography in Markdown sources: report (file:line:column) or fix. "
                    "Code, URLs, front matter and raw HTML are left untouched.")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true",
                      help="report, and exit with 1 when something is to fix (the default)")
    mode.add_argument("--fix", action="store_true", help="rewrite the files, fixed")
    parser.add_argument("--lang", default="fr",
                        help="language of files whose header names none (default: fr)")
    parser.add_argument("--no-narrow-nbsp", action="store_true",
                        help="U+00A0 everywhere, U+202F nowhere (carnet_narrow_nbsp = False)")
    parser.add_argument("files", nargs="+", help="Markdown files or folders")
    options = parser.parse_args(argv)
    found = 0
    for path in _files(options.files):
        try:
            data = path.read_bytes()
            source = data.decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as err:
            print(f"{path}: not read ({err})", file=sys.stderr)
            found += 1
            continue
        changes, fixed = check(source, options.lang, narrow_nbsp=not options.no_narrow_nbsp)
        for change in changes:
            print(f"{path}:{change.line}:{change.column}: {change.describe()}")
        found += len(changes)
        if options.fix and fixed != source:
            bom = "\ufeff" if data.startswith(b"\xef\xbb\xbf") else ""
            path.write_bytes((bom + fixed).encode("utf-8"))
    if options.fix:
        return 0
    return 1 if found else 0
