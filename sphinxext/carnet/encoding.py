"""Reading sources as people really saved them: bad encodings and mojibake.

Pure functions, plus a codec that Sphinx uses to read sources: UTF-8 (with or without BOM),
falling back to cp1252 for a file that is not valid UTF-8 and remembering that it did, so that
the file can be named in a warning once Sphinx knows which document it is reading.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from typing import Any

CODEC_NAME = "carnet_utf_8"

# A decode that had to fall back to cp1252 puts this mark, with the line of the first bad
# byte, in front of the text it returns: the fact travels with the text itself to whoever
# reads it next (Sphinx's ``source-read``, an include's ``include-read``), which takes the
# mark off and names the file. Non-characters: no real text holds them.
_FALLBACK = re.compile("\ufdd2cp1252:([0-9]+)\ufdd3")


def take_fallback(text: str) -> tuple[str, int | None]:
    """The text without its fallback mark, and the line of its first bad byte (None when
    it was valid UTF-8)."""
    match = _FALLBACK.match(text)
    if match is None:
        return text, None
    return text[match.end():], int(match.group(1))


def decode_source(data: bytes) -> tuple[str, int | None]:
    """Decode a source file: UTF-8 (BOM dropped), else cp1252 and the line of the first
    byte that is not UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as err:
        line = len(re.findall(rb"\r\n|\r|\n", data[: err.start])) + 1
        # bytes cp1252 leaves undefined (0x81, 0x8d, 0x8f, 0x90, 0x9d) become U+FFFD
        return data.decode("cp1252", errors="replace"), line


def _decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    text, line = decode_source(bytes(data))
    if line is not None:
        text = f"\ufdd2cp1252:{line}\ufdd3{text}"
    return text, len(data)


class _Decoder(codecs.BufferedIncrementalDecoder):
    def _buffer_decode(self, data: bytes, errors: str, final: bool) -> tuple[str, int]:
        if not final:
            return "", 0  # wait for the whole file: the fallback is for the file as a whole
        return _decode(data, errors)


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("-", "_").lower() != CODEC_NAME:
        return None
    utf8 = codecs.lookup("utf-8")
    return codecs.CodecInfo(
        name=CODEC_NAME, encode=utf8.encode, decode=_decode,
        incrementalencoder=utf8.incrementalencoder, incrementaldecoder=_Decoder,
        streamreader=utf8.streamreader, streamwriter=utf8.streamwriter,
    )


codecs.register(_search)


# --- mojibake --------------------------------------------------------------------------------

# Mojibake turns each multi-byte UTF-8 character into two to four non-ASCII characters in a
# row; text without two in a row has nothing to repair (and French prose rarely has them).
_PAIR = re.compile(r"[^\x00-\x7f]{2}")
_ASCII_SPACE = " \t\n\r\f\v"  # only these part words: cp1252 mojibake holds U+00A0
_SPACE = re.compile(f"[{_ASCII_SPACE}]")


def _oddness(text: str) -> int:
    """How many characters no real text would hold there: private-use, unassigned and control
    characters, and combining marks that follow no letter."""
    odd = 0
    previous = " "
    for char in text:
        category = unicodedata.category(char)
        unassigned = category in ("Co", "Cn", "Cs")
        control = category == "Cc" and char not in "\t\n\r"
        stray_mark = category in ("Mn", "Me") and not previous.isalpha()
        odd += unassigned or control or stray_mark
        previous = char
    return odd


# What UTF-8 French or English text (with its emoji) holds beyond ASCII, by code point range:
# Latin-1 and Latin Extended-A, combining marks, general punctuation, currency, letterlike,
# arrows, mathematical and technical signs, box drawing to dingbats, and emoji.
_PLAUSIBLE = ((0x00A0, 0x017F), (0x0300, 0x036F), (0x2000, 0x206F),
              (0x20A0, 0x20CF), (0x2100, 0x23FF), (0x2460, 0x27BF), (0x2900, 0x2BFF),
              (0xFE00, 0xFE0F), (0x1F000, 0x1FAFF))


def _plausible(repaired: str, word: str) -> bool:
    """Whether a repair gives what French (or English) text holds: fewer non-ASCII characters
    than the mojibake (each one was two to four), each in a plausible range, nothing odd."""
    extra = [ord(c) for c in repaired if not c.isascii()]
    if len(extra) >= sum(not c.isascii() for c in word) or _oddness(repaired):
        return False
    return all(any(low <= point <= high for low, high in _PLAUSIBLE) for point in extra)


@functools.cache
def _ftfy_config() -> Any:
    import ftfy  # imported on first use: most builds have no mojibake, and it costs 30 ms

    return ftfy.TextFixerConfig(
        uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False,
        unescape_html=False, fix_line_breaks=False, remove_terminal_escapes=False,
        remove_control_chars=False, normalization=None, explain=False,
    )


def _ftfy_fix(word: str) -> str:
    import ftfy

    return ftfy.fix_text(word, _ftfy_config())


@functools.lru_cache(maxsize=4096)  # French repeats its words: « l’équipe », « l’été »…
def _repair_word(word: str) -> str:
    # A word that encodes back to bytes in Mac Roman or cp1252 which are valid UTF-8 was UTF-8
    # read with that charset. French words rarely do this by chance (’é is D5 8E in Mac Roman,
    # Armenian in UTF-8): a repair must also give plausible text.
    candidates = []
    for charset in ("mac_roman", "cp1252"):
        try:
            candidates.append(word.encode(charset).decode("utf-8"))
        except UnicodeError:
            continue
    candidates.append(_ftfy_fix(word))
    return next((c for c in candidates if c != word and _plausible(c, word)), word)


def repair_mojibake(text: str) -> tuple[str, int]:
    """Repair UTF-8 text once read as Mac Roman or cp1252, word by word.

    Return the text and the number of words repaired. Words are taken one by one so that a line
    mixing good and broken text is repaired too; only words holding two non-ASCII characters in
    a row are looked at.
    """
    count = 0
    pieces: list[str] = []
    done = 0  # text[:done] is in pieces
    for match in _PAIR.finditer(text):
        if match.start() < done:
            continue  # in a word already looked at
        start = match.start()
        while start > done and text[start - 1] not in _ASCII_SPACE:
            start -= 1
        space = _SPACE.search(text, match.end())
        end = space.start() if space else len(text)
        word = text[start:end]
        fixed = _repair_word(word)
        if fixed != word:
            count += 1
        pieces += [text[done:start], fixed]
        done = end
    if not pieces:
        return text, 0
    pieces.append(text[done:])
    return "".join(pieces), count
