"""Atom feeds and redirect pages."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from conftest import Build, post, seed_text

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = 'html_baseurl = "https://blog.example.org/docs/"\n'
SEED_DOC = "posts/compte-rendu-de-la-pyconfr-2017"


def _feed(site, path: str) -> ET.Element:
    return ET.parse(site.outdir / path).getroot()


def test_blog_feed_has_absolute_links_and_escaped_titles(build: Build) -> None:
    site = build({"posts/a.md": post("Tom &amp; <script>alert(1)</script> : oui",
                                     date="2020-01-02", tags="python, web",
                                     summary="Un <b>résumé</b> & plus"),
                  "posts/b.md": post("Plus récent", date="2021-05-06 10:00", tags="python"),
                  "posts/futur.md": post("Futur", date="2999-01-01"),
                  "posts/brouillon.md": post("Brouillon", status="draft")},
                 conf=BASE + "carnet_drafts = True\n")
    feed = _feed(site, "blog/atom.xml")
    entries = feed.findall(f"{ATOM}entry")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert titles[0] == "Plus récent"
    assert titles[1].startswith("Tom & <script>alert(1)</script>")
    assert "Futur" not in titles and "Brouillon" not in titles
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == "https://blog.example.org/docs/posts/b.html"
    assert entries[1].find(f"{ATOM}summary").text == "Un <b>résumé</b> & plus"
    assert feed.find(f"{ATOM}updated").text == "2021-05-06T10:00:00+00:00"
    raw = (site.outdir / "blog/atom.xml").read_text("utf-8")
    assert "<script>" not in raw
    tag_feed = _feed(site, "blog/tag/python.atom.xml")
    assert len(tag_feed.findall(f"{ATOM}entry")) == 2
    head = site.html("index").find("link", rel="alternate")
    assert head["href"] == "https://blog.example.org/docs/blog/atom.xml"


def test_read_the_docs_address_wins(build: Build, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://x.readthedocs.io/fr/latest/")
    site = build({"posts/a.md": post("A", date="2020-01-02")})
    entry = _feed(site, "blog/atom.xml").find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}id").text == "https://x.readthedocs.io/fr/latest/posts/a.html"


def test_feeds_per_language_when_the_blog_has_several(build: Build) -> None:
    site = build({"posts/fr.md": post("Bonjour", lang="fr"),
                  "posts/en.md": post("Hello", lang="en")}, conf=BASE)
    assert len(_feed(site, "blog/lang/en.atom.xml").findall(f"{ATOM}entry")) == 1


def test_two_builds_give_the_same_feed(build: Build, make_app, tmp_path) -> None:
    files = {"posts/a.md": post("A", date="2020-01-02"), "posts/b.md": post("B")}
    first = build(files, conf=BASE)
    data = (first.outdir / "blog/atom.xml").read_bytes()
    second = build({}, rebuild=True)
    assert (second.outdir / "blog/atom.xml").read_bytes() == data


def test_old_urls_redirect_keeping_the_fragment(build: Build) -> None:
    site = build({f"{SEED_DOC}.md": seed_text()}, conf='carnet_posts = ["posts/*"]\n')
    page = (site.outdir / "compte-rendu-de-la-pyconfr-2017.html").read_text("utf-8")
    assert 'url=posts/compte-rendu-de-la-pyconfr-2017.html"' in page
    assert "location.hash" in page
    tag = (site.outdir / "tag/python.html").read_text("utf-8")
    assert "../blog/tag/python.html" in tag


def test_redirects_are_escaped_and_never_overwrite_pages(build: Build) -> None:
    site = build({"a.md": post("<script>x</script>", slug="a"),
                  "b.md": post("B", slug="autre")}, conf='carnet_posts = ["*"]\n')
    assert "<h1>" in (site.outdir / "a.html").read_text("utf-8")  # the real page
    page = (site.outdir / "autre.html").read_text("utf-8")
    assert "b.html" in page
    site_title = (site.outdir / "a.html").read_text("utf-8")
    assert "<script>x</script>" not in site_title.split("<body")[0]


def test_future_posts_when_asked(build: Build) -> None:
    site = build({"posts/futur.md": post("Futur", date="2999-01-01")},
                 conf=BASE + "carnet_future_posts = True\n")
    titles = [e.find(f"{ATOM}title").text
              for e in _feed(site, "blog/atom.xml").findall(f"{ATOM}entry")]
    assert "Futur" in titles


def test_control_characters_never_break_the_feed(build: Build) -> None:
    site = build({"posts/c.md": post("Saut\x0cde page", date="2020-01-01")}, conf=BASE)
    titles = [e.find(f"{ATOM}title").text
              for e in _feed(site, "blog/atom.xml").findall(f"{ATOM}entry")]
    assert titles == ["Sautde page"]
