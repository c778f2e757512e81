"""Labels carnet writes into pages, by language (English as the fallback)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "en": {"blog": "Blog", "tags": "Tags", "undated": "Undated posts",
           "toc": "Contents", "posted": "Posted on", "categories": "Categories",
           "authors": "Authors"},
    "fr": {"blog": "Blog", "tags": "Étiquettes", "undated": "Billets sans date",
           "toc": "Sommaire", "posted": "Publié le", "categories": "Catégories",
           "authors": "Auteurs"},
}


def label(key: str, lang: str) -> str:
    base = (lang or "en").replace("_", "-").split("-")[0].lower()
    return LABELS.get(base, LABELS["en"]).get(key) or LABELS["en"][key]
