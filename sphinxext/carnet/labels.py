"""Labels carnet writes into pages, from its message catalogs (English as the fallback).

The catalogs are ``locale/<lang>/LC_MESSAGES/sphinxext-carnet.po`` in the package, compiled to
``.mo`` by ``scripts/compile_catalogs.py``. A label follows the language of what it labels (a
post in English on a French site gets English labels), not only the site's.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
from pathlib import Path

import babel
import babel.dates

DOMAIN = "sphinxext-carnet"
LOCALE_DIR = Path(__file__).parent / "locale"


@functools.cache
def _translations(lang: str) -> gettext.NullTranslations:
    base = (lang or "en").replace("-", "_")
    candidates = [base, base.split("_")[0]]
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=candidates, fallback=True)


def label(message: str, lang: str, **values: object) -> str:
    """The label ``message`` (its English text) in ``lang``, with ``values`` filled in."""
    text = _translations(lang or "en").gettext(message)
    return text.format(**values) if values else text


def format_date(date: dt.datetime, lang: str) -> str:
    """A date as a reader of that language writes it: « 25 septembre 2017 »."""
    return _format_day(date.date(), lang)


@functools.lru_cache(maxsize=4096)
def _format_day(date: dt.date, lang: str) -> str:
    # cached: a post's date is shown on its page, in each list and tag page showing it
    locale = (lang or "en").replace("-", "_")
    try:
        return babel.dates.format_date(date, format="long", locale=locale)
    except (ValueError, babel.UnknownLocaleError):
        return babel.dates.format_date(date, format="long", locale="en")
