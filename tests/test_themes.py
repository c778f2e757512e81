"""The blog with alabaster, furo and sphinx-rtd-theme, sidebars included."""

from __future__ import annotations

import pytest
from conftest import Build, post

SIDEBARS = '["carnet/recent.html", "carnet/tags.html", "carnet/archives.html"]'


@pytest.mark.parametrize("theme", ["alabaster", "furo", "sphinx_rtd_theme"])
def test_themes(build: Build, theme: str) -> None:
    pytest.importorskip(theme)
    conf = ""
    if theme == "alabaster":
        conf += f'html_sidebars = {{"**": ["navigation.html", *{SIDEBARS}]}}\n'
    files = {f"posts/p{i}.md": post(f"Billet <{i}>", date=f"20{10 + i}-03-01",
                                    tags="python, web") for i in range(7)}
    # Sphinx's test app swaps alabaster for basic unless the theme is an override
    site = build(files, conf=conf, confoverrides={"html_theme": theme})
    assert site.warnings == []
    page = site.html("posts/p3")
    assert page.find(class_="carnet-post-header") is not None
    assert page.find(class_="carnet-post-footer") is not None
    if theme == "alabaster":
        recent = page.find(class_="carnet-recent")
        assert [a.get_text() for a in recent.find_all("a")] == \
            [f"Billet <{i}>" for i in (6, 5, 4, 3, 2)]
        assert recent.find("a")["href"] == "p6.html"
        assert "python" in page.find(class_="carnet-tags").get_text()
        assert page.find(class_="carnet-archives").find("a")["href"] == "../blog/2016.html"
        assert "<6>" not in str(recent).replace("&lt;6&gt;", "")
