"""French typography on a stream of text pieces that opaque pieces interrupt (code, a link's
address, a raw HTML tag): the pieces are read as one text, so that quotes pair across them;
each opaque piece stands in it as a placeholder the rules see as a word and never change.

``normalize`` only changes spaces, quotes, apostrophes, dots and dashes: every other character
anchors the old stream to the new one, and each changed run goes back into the piece it came
from. Pure: the doctree transform (``typeset``) and the source checker (``typocheck``) both
use it.
"""

from __future__ import annotations

import bisect
import itertools
import re

from .typography import PLACEHOLDER, normalize

_CHANGE_CHARS = " \t\n\u00a0\u202f\u2009\u2007\"'«»“”’.…\\-–—"
_CHANGEABLE = re.compile(f"[{_CHANGE_CHARS}]+")  # what normalize may change


def _runs(text: str) -> dict[int, tuple[int, int]]:
    """The changeable runs of a stream, keyed by how many other characters precede them."""
    runs = {}
    removed = 0
    for match in _CHANGEABLE.finditer(text):
        start, end = match.span()
        runs[start - removed] = (start, end)
        removed += end - start
    return runs


def edits(before: str, after: str) -> list[tuple[int, int, str]] | None:
    """The runs that changed, as (start, end, new text) in ``before``.

    normalize only changes runs of spaces, quotes, apostrophes, dots and dashes: with those
    taken out, both streams are the same, so a run is found again by the number of other
    characters before it (a run can appear, vanish or change). None if the other characters
    differ, which normalize never does."""
    anchors = _CHANGEABLE.split(before)
    if anchors == _CHANGEABLE.split(after):  # the usual case: every run changed in place
        old_texts = _CHANGEABLE.findall(before)
        new_texts = _CHANGEABLE.findall(after)
        changed = [i for i, old in enumerate(old_texts) if old != new_texts[i]]
        if not changed:
            return []
        # where each run starts: anchors and runs alternate, anchors first
        ends = list(itertools.accumulate(len(p) for pair in zip(anchors, [*old_texts, ""],
                                                                strict=True) for p in pair))
        return [(ends[2 * i], ends[2 * i] + len(old_texts[i]), new_texts[i]) for i in changed]
    if _CHANGEABLE.sub("", before) != _CHANGEABLE.sub("", after):
        return None  # normalize never changes other characters: leave the text as it was
    old_runs = _runs(before)
    new_runs = _runs(after)
    edits = []
    shift = 0  # length of the old runs before the current point
    for folded in sorted(old_runs.keys() | new_runs.keys()):
        old = old_runs.get(folded)
        new_text = after[slice(*new_runs[folded])] if folded in new_runs else ""
        if old is None:
            position = folded + shift
            edits.append((position, position, new_text))
            continue
        if before[old[0]:old[1]] != new_text:
            edits.append((old[0], old[1], new_text))
        shift += old[1] - old[0]
    return edits


def retypeset(pieces: list[str | None], lang: str, *, narrow_nbsp: bool = True,
              stand_ins: dict[int, str] | None = None) -> list[str | None] | None:
    """The pieces typeset as one text (None stands for an opaque piece, kept as it is).

    An opaque piece reads as a word (``PLACEHOLDER``), or as what ``stand_ins`` gives for its
    index (a line break reads as U+2028: a space no rule changes nor moves).
    Return the new pieces, or None when nothing changed (or a change could not be placed).
    """
    stand_ins = stand_ins or {}
    texts = [text if text is not None else stand_ins.get(index, PLACEHOLDER)
             for index, text in enumerate(pieces)]
    before = "".join(texts)
    if not before.strip():
        return None
    after = normalize(before, lang, narrow_nbsp=narrow_nbsp)
    if after == before:
        return None
    if len(pieces) == 1 and pieces[0] is not None:  # one piece: nothing to align
        return [after]
    changes = edits(before, after)
    if changes is None:
        return None
    starts = []
    position = 0
    for text in texts:
        starts.append(position)
        position += len(text)

    def item_at(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    def editable(index: int) -> bool:
        return 0 <= index < len(texts) and pieces[index] is not None

    # per item: (start, end, replacement) in the item's own text
    local: list[list[tuple[int, int, str]]] = [[] for _ in texts]
    for start, end, new in changes:
        if start < end:
            touched = range(item_at(start), item_at(end - 1) + 1)
            owners = [i for i in touched if editable(i)]
            if not owners:
                return None
            for index in owners:  # the first text node takes the new run, others lose theirs
                begin = max(start, starts[index]) - starts[index]
                stop = min(end, starts[index] + len(texts[index])) - starts[index]
                local[index].append((begin, stop, new if index == owners[0] else ""))
        else:  # an insertion: into the text that follows, else into the one before
            following = item_at(start) if start < len(before) else -1
            preceding = item_at(start - 1) if start > 0 else -1
            if editable(following) and starts[following] <= start:
                index = following
            elif editable(preceding):
                index = preceding
            else:
                return None
            offset = start - starts[index]
            local[index].append((offset, offset, new))
    result = list(pieces)
    for index, changes in enumerate(local):
        if not changes:
            continue
        old = texts[index]
        out = []
        last = 0
        for begin, stop, new in sorted(changes):
            out += [old[last:begin], new]
            last = stop
        out.append(old[last:])
        result[index] = "".join(out)
    return result
