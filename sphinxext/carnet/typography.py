"""French typography, as a pure function on text.

``normalize`` only ever changes spaces, quotes, apostrophes, dots and dashes: letters, digits
and every other character stay as typed. What must not be touched (URLs, e-mail addresses,
domain names, times and ratios, ``::``, IPv6, Windows paths, HTML entities, smileys) is set
aside first and put back last; in a doctree, code and other literal text is set aside the same
way (see ``PLACEHOLDER``).

House style (``fr``): U+202F before ``; ! ?`` and U+00A0 before ``:`` (U+00A0 everywhere with
``narrow_nbsp=False``); U+00A0 inside « »; straight quotes paired into « » (“ ” when nested);
curly apostrophes; … for three or more dots; – for `` - `` and ``--``, — for ``---``; U+202F
between groups of three digits and U+00A0 between a number and its unit, where a space was
typed; U+00A0 after courtesy titles, initials and a few abbreviations; no space before ``,``
and ``.``, nor inside parentheses. ``fr-CA`` follows Quebec usage: no space before ``; ! ?``.
"""

from __future__ import annotations

import re
from typing import Any

from .chars import NBSP, NNBSP, PLACEHOLDER
from .chars import SP as _SP
from .quotes import put_back_marks, quotes, set_aside_quoted_marks

# --- what is never touched -------------------------------------------------------------------

_END = r"""[^\s<>"«»'`.,;:!?)\]}]"""
_PROTECT = re.compile("|".join([
    PLACEHOLDER,
    r"(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.|mailto:)[^\s<>\"«»]*" + _END,  # URLs
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail addresses
    r"\b(?:[a-zA-Z0-9-]+\.)+[a-z]{2,}/[^\s<>\"«»]*" + _END,  # domain with a path
    r"\b(?:[a-zA-Z0-9-]+\.)+(?:com|org|net|fr|io|be|ch|ca|eu|info|dev|edu|gov|uk|de)\b",
    r"\b[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}\b",  # IPv6
    r"\b\w*::\w*",  # std::vector, ::
    r"\b\d{1,4}(?::\d{1,4})+\b",  # 10:30, 08:45:30, 16:9
    r"\b[A-Za-z]:\\[^\s]*",  # C:\Windows
    r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);",  # HTML entities
    r"(?<![^\s«“(])(?:[:;]-?[()pPDO|/\\\[\]]|:'\(|<3|\^\^)(?=\s|$|[.,!?])",  # smileys
]))


# a character that some protected form holds (: . ; only inside a token, as in domain.fr)
_TRIGGER = re.compile("[:.;](?=\\S)|@|&(?=[#\\w])|" + PLACEHOLDER)
_TOKEN_END = re.compile(r"\s|$")


def _protect(text: str) -> tuple[str, list[str]]:
    """Set aside what must stay as typed: each becomes one PLACEHOLDER."""
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group())
        return PLACEHOLDER

    out: list[str] = []
    done = 0  # text before this offset is copied or scanned
    for trigger in _TRIGGER.finditer(text):
        position = trigger.start()
        if position < done:
            continue  # in a token already scanned
        start = max(text.rfind(" ", done, position), text.rfind("\n", done, position),
                    text.rfind("\t", done, position), text.rfind("\u00a0", done, position),
                    text.rfind("\u202f", done, position), done - 1) + 1
        end_match = _TOKEN_END.search(text, position)
        end = end_match.start() if end_match else len(text)
        token = text[start:end]
        protected = _PROTECT.sub(keep, token)
        if protected != token:
            out.append(text[done:start])
            out.append(protected)
            done = end
        else:
            out.append(text[done:end])
            done = end
    if not kept:
        return text, kept
    out.append(text[done:])
    return "".join(out), kept


def _restore(text: str, kept: list[str]) -> str:
    if not kept:
        return text
    pieces = text.split(PLACEHOLDER)
    out = [pieces[0]]
    for index, piece in enumerate(pieces[1:]):
        out.append(kept[index])
        out.append(piece)
    return "".join(out)


# --- dots and dashes -------------------------------------------------------------------------

_ETC = re.compile(r"etc(?:\.{2,}|…)")
_DOTS = re.compile(r"\.\.\.+")
# a mark the space before goes, with the marks that follow it (the space may move after them)
_CLOSING_RUN = "[,.…)\\]}»”]*"
_BEFORE_ELLIPSIS = re.compile(rf"{_SP}+(…{_CLOSING_RUN})")
_DASH = re.compile(rf"-(?<={_SP}-)(?:--?)?(?={_SP})")


def _word_at(text: str, index: int) -> bool:
    """Whether something that is not a space starts at ``index``: a space removed before a
    mark (``mot ,mot``) would glue two words, so it moves after the mark instead."""
    # a word, code, or what opens one; not a straight quote (which side it opens is decided
    # before spaces move), nor a dash or other marks (spaced by their own rules)
    return index < len(text) and (text[index].isalnum() or text[index] in "(«“[@#$€%&*+/<=>_~"
                                  or text[index] == PLACEHOLDER)


def _word_before(text: str, index: int) -> bool:
    """Whether a word (not a space, nor a straight quote) ends right before ``index``."""
    return index > 0 and not text[index - 1].isspace() and text[index - 1] not in "'\""


def _dots(text: str) -> str:
    if "..." in text:
        text = _DOTS.sub("…", text)
        if "etc" in text:
            text = _ETC.sub(lambda m: m.group() if m.start() and text[m.start() - 1].isalnum()
                            else "etc.", text)
    if " …" in text or "\u00a0…" in text or "\u202f…" in text or "\t…" in text:

        def before_ellipsis(match: re.Match[str]) -> str:
            start, end = match.start(), match.end()
            if not start or not text[start - 1].isalnum():
                return match.group()
            # "mot …mot": the space moves after the ellipsis, as it does after a comma
            return match.group(1) + (" " if _word_at(text, end) else "")

        text = _BEFORE_ELLIPSIS.sub(before_ellipsis, text)
    return text


def _dashes(text: str) -> str:
    """`` - `` between words and `` -- `` → –; `` --- `` → —."""
    if " -" not in text and "\u00a0-" not in text and "\u202f-" not in text:
        return text

    def fix(match: re.Match[str]) -> str:
        start, end = match.start(), match.end()
        dash = match.group()
        if start < 2 or text[start - 2].isspace():
            return dash  # a dash opening a line (a list, a dialogue) stays
        if dash == "-":  # a lone hyphen needs a word after it too
            rest = text[end:end + 3].lstrip(" \t\u00a0\u202f\u2009\u2007")
            if not rest or rest[0].isspace():
                return dash
        return "—" if dash == "---" else "–"

    return _DASH.sub(fix, text)


# --- punctuation -----------------------------------------------------------------------------

_SPACED_COMMA = re.compile(rf"{_SP}+(,{_CLOSING_RUN})")
_SPACED_DOT = re.compile(rf"{_SP}+\.")
# « (\u00a0» » stays, and so does the space of an empty pair (a task list's ``[ ]``)
_SPACED_PAREN = re.compile(
    rf"((?<![(\[])[(\[]+){_SP}+(?![»)\]])|(?<![(\[]){_SP}+([)\]]{_CLOSING_RUN})")


# a mark right after a word (or code, a closing quote, bracket, ellipsis, unit), followed by
# a space or the end: the literal first, the look-behind after it, for speed
_MISSING_HIGH = re.compile(
    "([;!?])(?<=[\\w»”)\\]…%€$" + PLACEHOLDER + "][;!?])([;!?]*)(?=[\\s»”).…]|$)")
_MISSING_COLON = re.compile(":(?<=[\\w»”)\\]…%€$" + PLACEHOLDER + "]:)(?=[\\s»”).…]|$)")
_TYPED = re.compile(rf"{_SP}+(?=[;!?:])")


def _punctuation(text: str, colon: str, other: str | None) -> str:
    """One space before ; ! ? and : (a typed one replaced, a missing one inserted); none
    before , and . nor inside parentheses."""
    if "( " in text or "[ " in text or " )" in text or " ]" in text or "\u00a0)" in text:

        def paren(match: re.Match[str]) -> str:
            start, end = match.start(), match.end()
            if match.group(1):  # "( x": the space goes, or moves before "(" after a word
                return (" " if _word_before(text, start) else "") + match.group(1)
            if not start or text[start - 1].isspace():
                return match.group()
            # "x )y": it moves after ")"
            return match.group(2) + (" " if _word_at(text, end) else "")

        text = _SPACED_PAREN.sub(paren, text)
    if ";" in text or "!" in text or "?" in text or ":" in text:

        # typed spaces become the right one (a newline is no typed space: marks opening a
        # line are left alone)
        text = _TYPED.sub("\ufdd1", text)  # a stand-in, made the right space just below
        if "\ufdd1" in text:
            text = text.replace("\ufdd1:", colon + ":").replace("\ufdd1", other or "")
        if other is not None:
            text = _MISSING_HIGH.sub(other + r"\1\2", text)
        text = _MISSING_COLON.sub(colon + ":", text)
    if " ," in text or "\u00a0," in text or "\u202f," in text or "\t," in text:

        def comma(match: re.Match[str]) -> str:
            start, end = match.start(), match.end()
            if not start or text[start - 1].isspace():
                return match.group()
            # "word ,word": the space moves after
            return match.group(1) + (" " if _word_at(text, end) else "")

        text = _SPACED_COMMA.sub(comma, text)
    if " ." in text or "\u00a0." in text or "\u202f." in text or "\t." in text:

        def dot(match: re.Match[str]) -> str:
            start, end = match.start(), match.end()
            after = text[end] if end < len(text) else " "
            if (not start or text[start - 1].isspace() or text[start - 1] == "."
                    or not (after.isspace() or after in "»”)")):
                return match.group()
            return "."

        text = _SPACED_DOT.sub(dot, text)
    return text


# --- numbers, units, abbreviations -----------------------------------------------------------

_DIGIT = re.compile(r"\d")
_THOUSANDS = re.compile(rf"[0-9][0-9]?[0-9]?(?:{_SP}[0-9]{{3}})+(?![0-9])")
_UNITS = (
    "%|‰|€|\\$|£|¥|฿|₿|CHF|km²|km|cm|mm|µm|nm|m²|m³|m|kg|mg|g|ml|cl|dl|h|min|ms|µs|ns|s|"
    "Mo|Go|Ko|To|Po|ko|Mb|Gb|Kb|MB|GB|KB|kB|TB|Mbit/s|Gbit/s|Mo/s|Go/s|Hz|kHz|MHz|GHz|"
    "kWh|kW|MW|GW|W|mA|mV|kV|°C|°F|°|Ω|kΩ|MΩ|px|pt|dpi|ppp|ko/s|km/h|m/s"
)
_UNIT = re.compile(rf"[0-9]{_SP}+(?=(?:{_UNITS})(?![\w²³]))")
_UPPER = "A-ZÀ-ÖØ-Þ"
# the literal first and the look-behinds after it, for speed
# (a string the text must hold for the rule to apply, the pattern, its replacement)
_ABBREVIATIONS: list[tuple[str, re.Pattern[str], Any]] = [
    (". ", re.compile(rf"\.(?:(?<=\bM\.)|(?<=\bMM\.)) (?=[{_UPPER}])"), "." + NBSP),  # M. X
    (". ", re.compile(rf"\.(?<=\b[{_UPPER}]\.)(?<![\w.][{_UPPER}]\.) (?=[{_UPPER}][a-zà-ÿ])"),
     "." + NBSP),  # N. Bourbaki
    ("M", re.compile(rf"M(?<!\wM)(me|mes|lle|lles|gr|e) (?=[{_UPPER}])"), "M\\1" + NBSP),
    ("r", re.compile(rf"[DP](?<!\w[DP])r\.? (?=[{_UPPER}])"), lambda m: m.group()[:-1] + NBSP),
    (". ", re.compile(r"\.(?:(?<=\bp\.)|(?<=\bpp\.)|(?<=\bart\.)|(?<=\bfig\.)|(?<=\bchap\.)"
                      r"|(?<=\bvol\.)|(?<=\béd\.)) (?=\w)"), "." + NBSP),  # p. 12, art. 3
    ("° ", re.compile(r"°(?<=\b[nN]°) (?=\d)"), "°" + NBSP),  # n° 5
    ("º ", re.compile(r"º(?<=\b[nN]º) (?=\d)"), "º" + NBSP),
    ("§ ", re.compile(r"§ (?=\d)"), "§" + NBSP),
]


def _numbers(text: str) -> str:
    if not _DIGIT.search(text):
        return text

    def thousands(match: re.Match[str]) -> str:
        start = match.start()
        if start and text[start - 1] in "0123456789.,":
            return match.group()  # 2017 100: a four-digit group is no thousands group
        return re.sub(_SP, NNBSP, match.group())

    text = _THOUSANDS.sub(thousands, text)
    return _UNIT.sub(lambda m: m.group()[0] + NBSP, text)


def _abbreviations(text: str) -> str:
    for needed, pattern, replacement in _ABBREVIATIONS:
        if needed in text:
            text = pattern.sub(replacement, text)
    return text


_SPACES = re.compile(" {2,}")
def normalize(text: str, lang: str = "fr", *, narrow_nbsp: bool = True) -> str:
    """Apply French typography to ``text`` (nothing is done for other languages)."""
    base = lang.replace("_", "-").lower()
    if not (base == "fr" or base.startswith("fr-")) or not text:
        return text
    quebec = base == "fr-ca"
    colon = NBSP
    other = None if quebec else (NNBSP if narrow_nbsp else NBSP)
    marks: dict[int, str] = {}
    if "«" in text:
        text, marks = set_aside_quoted_marks(text)
    text, kept = _protect(text)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    text = _dots(text)
    text = quotes(text)  # before dashes: guillemets' spaces can make a spaced hyphen
    converted: dict[int, str] = {}
    if "«" in text:  # and marks quoted with straight quotes, now guillemets
        text, converted = set_aside_quoted_marks(text)
    text = _dashes(text)
    text = _punctuation(text, colon, other)
    text = _numbers(text)
    text = _abbreviations(text)
    if not narrow_nbsp:
        text = text.replace(NNBSP, NBSP)
    if converted:
        text = put_back_marks(text, converted)
    text = _restore(text, kept)
    return put_back_marks(text, marks) if marks else text
