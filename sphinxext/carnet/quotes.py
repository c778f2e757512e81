"""Quotes and apostrophes, French house style: straight double quotes paired into « » (“ ”
inside guillemets), single-quoted phrases into “ ”, apostrophes curled, guillemets spaced; a
mark quoted for itself (« . ») set aside so that no rule takes it for punctuation. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .chars import NBSP, PLACEHOLDER
from .chars import SP as _SP

# U+2028 (a line separator) is how a source checker writes a line break no rule may touch
_OPEN_BEFORE = set(" \t\n\u2028\u00a0\u202f([{«“'’—–/-")
_CLOSE_AFTER = set(" \t\n\u2028\u00a0\u202f)]}».,;:!?…”'’—–/-")


_PARAGRAPHS = re.compile(r"(\n[ \t]*\n)")


def _by_paragraph(text: str, quote: str, pair: Callable[[str], str]) -> str:
    """Quotes pair within a paragraph, never across a blank line."""
    if "\n" in text:
        return "".join(pair(part) if quote in part else part
                       for part in _PARAGRAPHS.split(text))
    return pair(text)


def _pair_in_paragraph(text: str) -> str:
    """Straight double quotes, paired: « » outside guillemets, “ ” inside them."""
    spots = []
    depth = 0  # typed guillemets open at this point
    for match in re.finditer('[«»"]', text):
        i = match.start()
        char = match.group()
        if char != '"':
            depth = depth + 1 if char == "«" else max(0, depth - 1)
            continue
        before = text[i - 1] if i else " "
        if before.isdigit():  # 2'33" or 12": minutes, seconds, inches
            continue
        after = text[i + 1] if i + 1 < len(text) else " "
        spots.append((i, before in _OPEN_BEFORE, after in _CLOSE_AFTER, depth > 0))
    if len(spots) < 2 or len(spots) % 2:
        return text  # an unpaired quote is left alone
    pairs = list(zip(spots[::2], spots[1::2], strict=True))
    if not all(first[1] and second[2] for first, second in pairs):
        return text
    out = []
    last = 0
    for first, second in pairs:
        opening, closing = ("“", "”") if first[3] else ("«", "»")
        out += [text[last:first[0]], opening, text[first[0] + 1:second[0]], closing]
        last = second[0] + 1
    out.append(text[last:])
    return "".join(out)


_AFTER_OPENING = re.compile(rf"«(?:{_SP}|\n)*")
_BEFORE_CLOSING = re.compile(rf"(?:{_SP}|\n)+»")
_CLOSING_UNSPACED = re.compile(r"»(?<=\S»)")
_SINGLE_OPEN_BEFORE = set(" \t\n\u2028\u00a0\u202f([{«“—–/")
_SINGLE_CLOSE_AFTER = set(" \t\n\u2028\u00a0\u202f)]}».,;:!?…”—–/")


def _wordish(char: str) -> bool:
    return char.isalnum() or char == PLACEHOLDER


def _single_in_paragraph(text: str) -> str:
    """Single quotes around a phrase become “ ” (the house style's inner quotes, never
    mistaken for an apostrophe); an apostrophe between two letters stays one (``'l'été'``,
    ``rock'n'roll``); an elided year (``'90``) and ``'n'`` are apostrophes. A quote that
    finds no partner is left as typed: never half a pair."""
    openings: list[int] = []
    pairs: list[tuple[int, int]] = []
    apostrophes: list[int] = []
    opened = None
    for match in re.finditer("'", text):
        i = match.start()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if _wordish(before) and _wordish(after):
            continue  # an apostrophe inside a word
        opener = before in _SINGLE_OPEN_BEFORE and not after.isspace() and after != "'"
        closer = after in _SINGLE_CLOSE_AFTER and not before.isspace()
        if opener and re.match(r"n'[ \t\u00a0][^\W\d_]", text[i + 1:i + 5]):
            apostrophes.append(i)  # rock 'n' roll (but « 'y' ou 'n'. » are quotes)
            continue
        if opened is None:
            if opener:
                opened = i
                openings.append(i)
        elif closer:
            pairs.append((opened, i))
            opened = None
        elif opener:  # a second opening before any closing: the first stays as typed
            opened = i
            openings.append(i)
    paired = {start for start, _ in pairs}
    for i in openings:  # an elided year ('90) opens nothing
        if i not in paired and re.match(r"\d\d(?![^\W_])", text[i + 1:i + 4]):
            apostrophes.append(i)
    if not pairs and not apostrophes:
        return text
    chars = list(text)
    for start, end in pairs:
        chars[start], chars[end] = "“", "”"
    for i in apostrophes:
        chars[i] = "’"
    return "".join(chars)


_ELISION_SPACE = re.compile(
    rf"(?i)(?<![^\s«“(\[—–])\b((?:qu|jusqu|lorsqu|puisqu|quoiqu|presqu|[cdjlmnst]))'{_SP}+"
    r"(?=[^\W\d_])")
_APOSTROPHE = re.compile(r"'(?<=[^\W\d_]')|'(?<!\S')(?=n['’](?:\s|$))")


def quotes(text: str) -> str:
    """Pair and curl the quotes of a text, space its guillemets."""
    if '"' in text:
        text = _by_paragraph(text, '"', _pair_in_paragraph)
    if "'" in text:
        text = _by_paragraph(text, "'", _single_in_paragraph)
        if "' " in text or "'\u00a0" in text or "'\u202f" in text:
            text = _ELISION_SPACE.sub(r"\1’", text)
        text = _APOSTROPHE.sub("’", text)
    if "«" in text:
        text = _AFTER_OPENING.sub("«" + NBSP, text)
    if "»" in text:
        text = _BEFORE_CLOSING.sub(NBSP + "»", _CLOSING_UNSPACED.sub(NBSP + "»", text))
    return text


# a mark quoted for itself (« . », « - », « ! »): shown as typed, never a rule's
_QUOTED_MARK = re.compile(
    f"«[ \t\u00a0\u202f]*([^\\w\\s«»{PLACEHOLDER}]{{1,3}})[ \t\u00a0\u202f]*»")


def set_aside_quoted_marks(text: str) -> tuple[str, dict[int, str]]:
    """Each quoted mark becomes a PLACEHOLDER; return the text and the marks by the rank of
    their placeholder (the rules never add, remove or reorder placeholders)."""
    marks: dict[int, str] = {}
    pieces = []
    last = rank = 0
    for match in _QUOTED_MARK.finditer(text):
        rank += text.count(PLACEHOLDER, last, match.start(1))
        marks[rank] = match.group(1)
        rank += 1
        pieces += [text[last:match.start(1)], PLACEHOLDER]
        last = match.end(1)
    if not marks:
        return text, marks
    pieces.append(text[last:])
    return "".join(pieces), marks


def put_back_marks(text: str, marks: dict[int, str]) -> str:
    pieces = text.split(PLACEHOLDER)
    out = [pieces[0]]
    for rank, piece in enumerate(pieces[1:]):
        out += [marks.get(rank, PLACEHOLDER), piece]
    return "".join(out)


