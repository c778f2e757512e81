"""Post metadata: Pelican ``Key: value`` headers, MyST front matter, dates, tags, slugs, titles.

Pure functions: nothing here knows about Sphinx.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import html
import re
import unicodedata
from html.parser import HTMLParser
from typing import Any

KNOWN_KEYS = frozenset({
    "title", "date", "modified", "tags", "category", "slug", "lang", "status", "summary",
    "author", "authors", "image", "translation", "save_as", "url", "template", "keywords",
})
STATUSES = ("published", "hidden", "draft", "skip")

_KEY_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]+(.*?)|)[ \t]*$")
_CONTINUATION = re.compile(r"^[ \t]{2,}\S")


@dataclasses.dataclass
class Header:
    """A header read from the top of a source: its fields and where each one stands."""

    fields: dict[str, str]
    lines: dict[str, int]  # key -> 1-based line of the key
    length: int  # lines the header takes, terminator included
    terminated: bool = True
    kind: str = "pelican"  # or "yaml"
    problems: list[tuple[int, str]] = dataclasses.field(default_factory=list)
    data: dict[Any, Any] | None = None  # YAML front matter: the mapping as parsed


def read_pelican_header(text: str) -> Header | None:
    """Read a Pelican header (``Key: value`` lines ended by ``---`` or a blank line).

    A header is recognised only when its first line names a key Pelican knows, so that a page
    starting with ``Note: …`` is not swallowed. Indented lines continue the previous value.
    """
    lines = text.split("\n")
    first = _KEY_LINE.match(lines[0]) if lines else None
    if first is None or first.group(1).lower() not in KNOWN_KEYS:
        return None
    fields: dict[str, str] = {}
    where: dict[str, int] = {}
    key = ""
    for index, line in enumerate(lines):
        match = _KEY_LINE.match(line)
        if match:
            key = match.group(1).lower()
            fields[key] = (match.group(2) or "").strip()
            where[key] = index + 1
            continue
        if key and _CONTINUATION.match(line):
            fields[key] = f"{fields[key]} {line.strip()}".strip()
            continue
        if line.strip() == "" or re.fullmatch(r"-{3,}[ \t]*", line):
            return Header(fields, where, index + 1)
        header = Header(fields, where, index, terminated=False)
        header.problems.append(
            (index + 1, "the header is not ended by a blank line or '---': "
                        "it stops at this line, which is read as content"))
        return header
    return Header(fields, where, len(lines))


def read_front_matter(text: str) -> Header | None:
    """Read MyST YAML front matter; keys are lowercased, values kept as YAML gave them."""
    if not text.startswith("---"):
        return None
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return None
    import yaml

    try:
        # libyaml when PyYAML was built with it: same results, about ten times faster
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load("\n".join(lines[1:end]), Loader=loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        return Header({}, {}, end + 1, kind="yaml",
                      problems=[(line, f"malformed YAML front matter: {err}")])
    if not isinstance(data, dict):
        return None
    fields: dict[str, Any] = {}
    where: dict[str, int] = {}
    for key, value in data.items():
        name = str(key).lower()
        fields[name] = value
        line = next((i + 1 for i in range(1, end) if lines[i].startswith(f"{key}:")), 1)
        where[name] = line
    return Header(fields, where, end + 1, kind="yaml", data=data)


# --- values ----------------------------------------------------------------------------------

_DATE = re.compile(
    r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})"
    r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?"
    r"[ \t]*(Z|[+-]\d{2}(?::?\d{2})?)?$"
)


def parse_date(value: Any) -> dt.datetime | None:
    """``2017-09-25 19:00``, ``2018-06-18 9:00``, ``2025-11-11``, ISO 8601 with ``T`` and an
    offset. Return None for anything else."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    match = _DATE.match(str(value).strip())
    if match is None:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    tzinfo = None
    if zone:
        if zone == "Z":
            tzinfo = dt.UTC
        else:
            digits = zone[1:].replace(":", "")
            offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
            tzinfo = dt.timezone(offset if zone[0] == "+" else -offset)
    try:
        return dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                           int(second or 0), tzinfo=tzinfo)
    except ValueError:
        return None


def split_list(value: Any) -> list[str]:
    """Comma-separated items (or a YAML list), trimmed, empty ones dropped, order kept."""
    items = value if isinstance(value, list | tuple) else str(value or "").split(",")
    seen: list[str] = []
    for item in items:
        text = str(item).strip()
        if text and text not in seen:
            seen.append(text)
    return seen


def split_tags(value: Any) -> tuple[list[str], str | None]:
    """Tags, and the language given by a ``lang:xx`` tag (which is not an ordinary tag)."""
    tags: list[str] = []
    lang = None
    for tag in split_list(value):
        match = re.fullmatch(r"lang:\s*(\S+)", tag)
        if match:
            lang = match.group(1)
        else:
            tags.append(tag)
    return tags, lang


@functools.lru_cache(maxsize=256)
def language_code(value: str) -> str | None:
    """A language as Babel knows it, written ``fr`` or ``pt-BR``; None for anything Babel
    does not know (``.x``, ``../fr``, ``zz``)."""
    import babel

    text = value.strip().replace("-", "_")
    if not re.fullmatch(r"[A-Za-z]{2,3}(?:_[A-Za-z0-9]{2,8})*", text):
        return None
    try:
        locale = babel.Locale.parse(text)
    except (ValueError, TypeError, babel.UnknownLocaleError):
        return None
    return "-".join(part for part in (locale.language, locale.script, locale.territory,
                                      locale.variant) if part)


_FOLD = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o",
                       "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th"})


def fold_accents(text: str) -> str:
    """Remove accents: é→e, ç→c, œ→oe, æ→ae, ß→ss."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)  # tags and names are asked for again and again
def slug_from_title(title: str) -> str:
    """A Pelican-like slug: accents folded, lowercase, each run of other characters a hyphen."""
    return re.sub(r"[^a-z0-9]+", "-", fold_accents(title).lower()).strip("-")


_TAG = re.compile(r"<[^>]*>")


def pelican_slug(text: str) -> str:
    """The slug Pelican gives a title, tag, category or author (its default
    ``SLUG_REGEX_SUBSTITUTIONS``): tags stripped, accents folded to ASCII, every character but
    letters, digits, ``_``, spaces and ``-`` deleted, runs of spaces and ``-`` one ``-``.
    ``Psi*Run - Le Manoir`` → ``psirun-le-manoir``, ``j'ai`` → ``jai``, ``oui.sncf`` →
    ``ouisncf``. (Pelican transliterates with unidecode: only non-Latin scripts differ.)"""
    text = html.unescape(_TAG.sub("", text))
    text = fold_accents(unicodedata.normalize("NFKC", text)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^\w\s-]", "", text).strip()
    return re.sub(r"[-\s]+", "-", text).lower()


_RST_ADORNMENT = re.compile(r"([!-/:-@\[-`{-~])\1+[ \t]*")
_RST_FIELD = re.compile(r"^:([^:\n]+):(?:[ \t]+(.*?))?[ \t]*$")


def read_rst_header(text: str) -> Header | None:
    """Read a Pelican reStructuredText header: the title (underlined, or over- and
    underlined), then a field list (``:date: 2010-12-02 10:14``, values continued on indented
    lines). None when the text starts with neither."""
    lines = text.split("\n")
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    fields: dict[str, str] = {}
    where: dict[str, int] = {}
    if index + 1 < len(lines) and _RST_ADORNMENT.fullmatch(lines[index]) \
            and index + 2 < len(lines) and _RST_ADORNMENT.fullmatch(lines[index + 2]):
        fields["title"], where["title"] = lines[index + 1].strip(), index + 2
        index += 3
    elif index + 1 < len(lines) and lines[index].strip() and _RST_ADORNMENT.fullmatch(
            lines[index + 1]) and len(lines[index + 1].rstrip()) >= len(lines[index].rstrip()):
        fields["title"], where["title"] = lines[index].strip(), index + 1
        index += 2
    start = index
    while index < len(lines) and not lines[index].strip():
        index += 1
    key = ""
    while index < len(lines):
        match = _RST_FIELD.match(lines[index])
        if match:
            key = match.group(1).strip().lower()
            fields[key] = (match.group(2) or "").strip()
            where[key] = index + 1
        elif key and lines[index][:1] in " \t" and lines[index].strip():
            fields[key] = f"{fields[key]} {lines[index].strip()}".strip()
        else:
            break
        index += 1
    if not fields:
        return None
    return Header(fields, where, index if len(fields) > ("title" in fields) else start,
                  kind="rst")


# --- titles ----------------------------------------------------------------------------------

#: Inline tags a title may carry, with the meaning they keep.
TITLE_TAGS = {"em": "emphasis", "i": "emphasis", "strong": "strong", "b": "strong",
              "code": "literal", "tt": "literal", "kbd": "literal", "sup": "superscript",
              "sub": "subscript", "s": "strike", "del": "strike", "strike": "strike",
              "small": "small", "span": "inline", "abbr": "inline"}

TitlePart = str | tuple[str, list["TitlePart"]]


class _TitleParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: list[TitlePart] = []
        self.stack: list[tuple[str, list[TitlePart]]] = []

    def _out(self) -> list[TitlePart]:
        return self.stack[-1][1] if self.stack else self.root

    def _text(self, text: str) -> None:
        out = self._out()
        if out and isinstance(out[-1], str):
            out[-1] += text
        else:
            out.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in TITLE_TAGS:
            self.stack.append((tag, []))
        else:
            self._text(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._text(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if any(open_tag == tag for open_tag, _ in self.stack):
            while self.stack:
                open_tag, children = self.stack.pop()
                self._out().append((TITLE_TAGS[open_tag], children))
                if open_tag == tag:
                    return
        self._text(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self._text(data)

    def handle_comment(self, data: str) -> None:
        self._text(f"<!--{data}-->")

    def close(self) -> None:
        super().close()
        while self.stack:
            open_tag, children = self.stack.pop()
            self._out().append((TITLE_TAGS[open_tag], children))


def parse_title(title: str) -> list[TitlePart]:
    """A title as Pelican shows it: text, not Markdown; entities decoded; a few inline tags
    kept (as ``(kind, children)``); any other tag shown as typed."""
    if "<" not in title:
        return [html.unescape(title)] if title else []
    parser = _TitleParser()
    parser.feed(title)
    parser.close()
    return parser.root


def title_text(parts: list[TitlePart]) -> str:
    """The plain text of a parsed title."""
    return "".join(p if isinstance(p, str) else title_text(p[1]) for p in parts)
