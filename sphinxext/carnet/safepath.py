"""Header values that become paths, made safe; and the check every write goes through.

A post's header comes from anywhere (a migrated blog, a contributor's pull request): a slug,
a tag or a language is untrusted text. Whatever of it ends up in a file name goes through
``path_segment`` (one segment: no ``/``, no ``..``, no leading dot, a bounded length), and
every file carnet writes goes through ``contained`` (the resolved path stays inside the folder
it is written to). Pure: nothing here knows about Sphinx.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from .header import slug_from_title

#: Bytes a segment may take: file systems allow 255, and carnet adds suffixes
#: (``.atom.xml``, ``.html``, ``.md``) to some.
MAX_BYTES = 120

_SEGMENT = re.compile(r"\w[\w.~-]*")


def is_segment(value: str) -> bool:
    """Whether ``value`` can stand as it is as one segment of a path, on any system: word
    characters, dots, tildes and hyphens, starting with a word character, not ending with a
    dot, no ``..``, short enough."""
    return (bool(_SEGMENT.fullmatch(value)) and ".." not in value and not value.endswith(".")
            and len(value.encode("utf-8")) <= MAX_BYTES)


def _shorten(slug: str) -> str:
    """A slug cut to ``MAX_BYTES`` (an ASCII slug: one byte a character), at a hyphen when
    there is one."""
    if len(slug) <= MAX_BYTES:
        return slug
    cut = slug[:MAX_BYTES]
    return (cut.rsplit("-", 1)[0] if "-" in cut else cut).strip("-")


def path_segment(value: str, fallback: str) -> str:
    """``value`` as one safe path segment: itself when it already is one, else its slug
    (``../../x`` → ``x``, ``/tmp/x`` → ``tmp-x``), else ``fallback``."""
    value = value.strip()
    if is_segment(value):
        return value
    return _shorten(slug_from_title(value)) or fallback


def slug_segment(name: str, fallback: str) -> str:
    """A name's slug as a path segment: a post's title, a tag's, a category's or an author's
    name (always the slug, so that ``Python`` and ``python`` are one page); else
    ``fallback``."""
    return _shorten(slug_from_title(name)) or fallback


def relative_path(value: str) -> str | None:
    """A header's path (Pelican's ``save_as``, ``url``) as a safe relative path: every segment
    a safe one (``tag/oh.html``; ``override/`` is ``override/index.html``); None otherwise
    (``../x``, ``/etc/passwd`` is ``etc/passwd``: a path of the site, not of the machine)."""
    value = value.strip().lstrip("/")
    if value.endswith("/"):
        value += "index.html"
    segments = value.split("/")
    if not value or not all(is_segment(segment) for segment in segments):
        return None
    return "/".join(segments)


@functools.lru_cache(maxsize=1024)
def _realpath(folder: str) -> str:
    return os.path.realpath(folder)


def contained(base: Path, relpath: str) -> Path | None:
    """``base / relpath`` when it resolves inside ``base`` (links followed), else None."""
    root = _realpath(str(base))
    joined = os.path.normpath(os.path.join(root, relpath))
    # its folder resolved once per folder (a link among the parents is followed); the file
    # itself only when it is a link
    target = os.path.join(_realpath(os.path.dirname(joined)), os.path.basename(joined))
    if os.path.islink(target):
        target = os.path.realpath(target)
    if not target.startswith(root + os.sep):
        return None
    return Path(target)
