"""Sphinx's search over a blog: posts found by their own words, tag pages by their name."""

from __future__ import annotations

import json
from typing import Any

from conftest import Build, post


def _index(site: Any) -> dict[str, Any]:
    text = (site.outdir / "searchindex.js").read_text("utf-8")
    return json.loads(text[text.index("(") + 1:text.rindex(")")])


def _pages(index: dict[str, Any], word: str, kind: str = "terms") -> set[str]:
    found = index[kind].get(word, [])
    return {index["docnames"][i] for i in (found if isinstance(found, list) else [found])}


FILES = {
    "posts/a.md": post("Zeppelin au matin", date="2020-01-01", tags="python, aérostat",
                       body="Un paragraphe sur les dirigeables.\n"),
    "posts/b.md": post("Escargot du soir", date="2020-02-01", tags="python",
                       body="Rien à voir ici.\n"),
}


def test_posts_are_found_by_their_own_words_not_by_lists_that_show_them(build: Build) -> None:
    site = build(FILES, conf="carnet_month_pages_after = 0\n")
    index = _index(site)
    # the title: the post itself, not its neighbour's footer, the blog index, the month page
    assert _pages(index, "zeppelin", "titleterms") == {"posts/a"}
    assert _pages(index, "zeppelin") == set()
    assert _pages(index, "escargot", "titleterms") == {"posts/b"}
    assert _pages(index, "escargot") == set()
    # a word of the body (the excerpt shown in lists)
    assert _pages(index, "dirige") == {"posts/a"}  # « dirigeables », stemmed


def test_tag_pages_are_found_by_their_name_in_every_build(build: Build) -> None:
    site = build(FILES)
    assert "blog/tag/python" in _pages(_index(site), "python", "titleterms")
    assert "blog/tag/aerostat" in _pages(_index(site), "aérostat", "titleterms")
    site = build({}, rebuild=True)  # nothing to write: the index is dumped again
    assert "blog/tag/python" in _pages(_index(site), "python", "titleterms")
    site = build({"posts/b.md": FILES["posts/b.md"].replace("Tags: python", "Tags: rust")},
                 rebuild=True)
    index = _index(site)
    assert "blog/tag/rust" in _pages(index, "rust", "titleterms")
    assert "blog/tag/python" in _pages(index, "python", "titleterms")
    site = build({"posts/a.md": None}, rebuild=True)  # its tags go, and their pages
    index = _index(site)
    assert "blog/tag/aerostat" not in index["docnames"]
    assert "blog/tag/python" not in index["docnames"]
