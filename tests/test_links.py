"""Links written for the old Pelican site become real cross-references."""

from __future__ import annotations

import pytest
from conftest import Build, post

from sphinxext.carnet.links import LegacyLink, classify


@pytest.mark.parametrize(("href", "expected"), [
    ("{filename}autre.md", LegacyLink("source", "autre.md")),
    ("|filename|/posts/autre.md#x", LegacyLink("source", "/posts/autre.md#x")),
    ("{static}/images/a.png", LegacyLink("source", "/images/a.png")),
    ("{tag}python", LegacyLink("tag", "python")),
    ("mon-slug.html", LegacyLink("slug", "mon-slug")),
    ("/mon-slug.html#partie", LegacyLink("slug", "mon-slug", "partie")),
    ("pages/slides.html", LegacyLink("page", "slides")),
    ("../tag/python.html", LegacyLink("tag", "python")),
    ("//example.org/a?b=c", LegacyLink("external", "https://example.org/a?b=c")),
    ("https://example.org/x.html", None),
    ("#local", None),
    ("autre.md", None),
    ("fichier.pdf", None),
])
def test_classify(href: str, expected: LegacyLink | None) -> None:
    assert classify(href) == expected


def test_classify_old_site_address() -> None:
    site = "https://blog.example.org"
    assert classify("https://blog.example.org/mon-slug.html#a", legacy_site_url=site) == \
        LegacyLink("slug", "mon-slug", "a")
    assert classify("http://blog.example.org/tag/x.html", legacy_site_url=site + "/") == \
        LegacyLink("tag", "x")
    assert classify("https://blog.example.org.evil.com/a.html", legacy_site_url=site) is None


def test_legacy_links_resolve_to_the_right_pages(build: Build) -> None:
    body = "\n".join([
        "[par fichier]({filename}cible.md)",
        "[par slug](le-slug.html)",
        "[par slug absolu avec ancre](/le-slug.html#section-b)",
        "[page](pages/apropos.html)",
        "[étiquette](tag/python.html)",
        "[étiquette pelican]({tag}python)",
        "[ancien site](https://vieux.example.org/le-slug.html)",
        "[protocole relatif](//example.org/x)",
        "[statique]({static}/fichiers/doc.pdf)",
        "",
    ])
    site = build({
        "posts/source.md": post("Source", body=body, tags="python"),
        "posts/cible.md": post("Cible", slug="le-slug", body="# B\n\n## Section B\n\nx\n"),
        "pages/apropos.md": "Title: À propos\n\nPage.\n",
        "fichiers/doc.pdf": b"%PDF-1.4\n",
    }, conf='carnet_legacy_site_url = "https://vieux.example.org"\n',
        index="# Accueil\n\n```{toctree}\npages/apropos\n```\n")
    assert site.warnings == []
    links = {a.get_text(): a["href"] for a in site.body("posts/source").find_all("a")
             if not a.get("class") or "headerlink" not in a["class"]}
    assert links["par fichier"] == "cible.html"
    assert links["par slug"] == "cible.html"
    assert links["par slug absolu avec ancre"] == "cible.html#section-b"
    assert links["page"] == "../pages/apropos.html"
    assert links["étiquette"] == "../blog/tag/python.html"
    assert links["étiquette pelican"] == "../blog/tag/python.html"
    assert links["ancien site"] == "cible.html"
    assert links["protocole relatif"] == "https://example.org/x"
    assert links["statique"].endswith("doc.pdf")


def test_a_broken_legacy_link_warns_once_with_its_line(build: Build) -> None:
    site = build({"posts/a.md": post(body="Texte.\n\nVoir [slides](pages/slides.html).\n")},
                 conf="nitpicky = True\n")
    [warning] = site.warnings
    assert "posts/a.md:6:" in warning and "slides" in warning
    assert site.body("posts/a").find(string="slides") is not None


def test_a_pelican_content_folder_builds_as_is(build: Build) -> None:
    """carnet_posts = ["*"] on a Pelican content folder: top-level posts, pages/, images/."""
    files = {
        "premier.md": post("Premier", date="2016-02-01", tags="python", category="Code",
                           author="Zoé", body="Voir [le second](second.html), les "
                           "[archives](archives.html), la [catégorie](category/code.html), "
                           "l'[autrice](author/zoe.html) et les [étiquettes](tags.html).\n\n"
                           "![logo]({static}/images/logo.png)\n"),
        "second.md": post("Second", date="2016-03-01", tags="python, web", category="Code",
                          body="[TOC]\n\n# Partie\n\nRetour au [premier]({filename}premier.md)."
                               " Page [à propos]({filename}/pages/about.md).\n"),
        "brouillon.md": post("Brouillon", status="draft"),
        "pages/about.md": "Title: À propos\nSlug: about\n\nMoi.\n",
        "images/logo.png": b"\x89PNG\r\n\x1a\n",
    }
    site = build(files, conf='carnet_posts = ["*"]\n',
                 index="Title: Accueil\n\n```{postlist}\n```\n")
    assert site.warnings == []
    assert [p.docname for p in site.blog.posts()] == ["second", "premier"]
    links = {a.get_text(): a["href"] for a in site.body("premier").find_all("a")}
    assert links["le second"] == "second.html"
    assert links["archives"] == "blog/index.html"
    assert links["catégorie"] == "blog/category/code.html"
    assert links["autrice"] == "blog/author/zoe.html"
    assert links["étiquettes"] == "blog/tags.html"
    assert "Premier" in site.body("blog/category/code").get_text()
    assert "Brouillon" not in site.body("index").get_text()
    assert "pages/about" in site.env.toctree_includes["index"]
