"""Run French typography over real French prose and print every change worth a human look.

    python scripts/prose_review.py FILES.po…   # e.g. Sphinx's and Django's French catalogs

Each translated message of the catalogs goes through ``normalize``. Routine changes (a space
made non-breaking, one inserted before ; : ! ?, quotes curled or made guillemets, ``...`` made
``…``, a hyphen between spaces made a dash) are counted; every other change is printed, with
its message, for review. Messages with format fields (``%s``, ``{0}``) are read as they are:
the engine must leave the fields alone too.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from babel.messages.pofile import read_po

from sphinxext.carnet.stream import edits
from sphinxext.carnet.typography import NBSP, NNBSP, normalize

SPACES = {" ", NBSP, NNBSP}
QUOTES = {'"': "«»“”", "'": "’“”"}


def routine(old: str, new: str) -> str | None:
    """The name of a routine change, or None."""
    core_old, core_new = old.strip(" \u00a0\u202f"), new.strip(" \u00a0\u202f")
    if core_old == "" and core_new == "" and new and set(new) <= SPACES:
        return "space"
    if core_old in QUOTES and len(core_new) == 1 and core_new in QUOTES[core_old]:
        return "quote"
    if core_old == "..." and core_new == "…":
        return "ellipsis"
    if core_old in ("-", "--", "---") and core_new in ("–", "—"):
        return "dash"
    return None


def main(paths: list[str]) -> None:
    counts: Counter[str] = Counter()
    messages = changed = 0
    for path in paths:
        with Path(path).open("rb") as file:
            catalog = read_po(file)
        for message in catalog:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for text in strings:
                if not text:
                    continue
                messages += 1
                out = normalize(text)
                if out == text:
                    continue
                changed += 1
                unusual = []
                for start, end, new in edits(text, out) or [(0, len(text), out)]:
                    kind = routine(text[start:end], new)
                    counts[kind or "other"] += 1
                    if kind is None:
                        unusual.append(f"{text[start:end]!r} → {new!r}")
                if unusual:
                    print(f"{Path(path).name}: {text!r}\n    {'; '.join(unusual)}\n    "
                          f"{out!r}")
    print(f"\n{messages} messages, {changed} changed; changes: {dict(counts)}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
