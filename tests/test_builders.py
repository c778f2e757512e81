"""Every builder carries the posts and the archive."""

from __future__ import annotations

import pytest
from conftest import Build, post

FILES = {
    "posts/a.md": post("Billet à l’été", date="2020-06-01", tags="python",
                       body="# Partie\n\nDu texte et un [lien](b.html).\n"),
    "posts/b.md": post("Second billet", date="2021-01-01", slug="b", body="Texte B.\n"),
}


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml", "epub", "latex", "text"])
def test_builders(build: Build, builder: str) -> None:
    site = build(FILES, buildername=builder, conf='version = "1"\ncopyright = "2026"\n')
    assert site.warnings == []
    outputs = {
        "dirhtml": "posts/a/index.html", "singlehtml": "index.html", "epub": "posts/a.xhtml",
        "latex": "projectnamenotset.tex", "text": "posts/a.txt",
    }
    text = (site.outdir / outputs[builder]).read_text(encoding="utf-8")
    assert "Billet à l’été" in text
    if builder in ("singlehtml", "latex"):
        assert "Second billet" in text and "Texte B." in text


def test_search_index_has_post_titles(build: Build) -> None:
    site = build(FILES)
    index = (site.outdir / "searchindex.js").read_text(encoding="utf-8")
    assert "Billet à l’été" in index or "Billet \\u00e0 l\\u2019\\u00e9t\\u00e9" in index
