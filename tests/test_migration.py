"""Pelican migration, round 2: each way a real Pelican blog lost pages, images, anchors or
feeds, reproduced in a few lines."""

from __future__ import annotations

import pytest
from conftest import Build, post

from sphinxext.carnet.compat import expand_includes
from sphinxext.carnet.header import pelican_slug, read_rst_header
from sphinxext.carnet.links import LegacyLink, classify

LEGACY = 'carnet_legacy_site_url = "https://exemple.org/old/blog"\nhtml_baseurl = "https://x.org/"\n'


def test_pelican_slugs_delete_punctuation() -> None:
    assert pelican_slug("Psi*Run - Le Manoir") == "psirun-le-manoir"
    assert pelican_slug("j'ai") == "jai" and pelican_slug("j’ai vu") == "jai-vu"
    assert pelican_slug("oui.sncf") == "ouisncf"
    assert pelican_slug("DATABASE_URL") == "database_url"
    assert pelican_slug("Été « chaud »") == "ete-chaud"


def test_old_addresses_of_posts_pages_tags_categories_and_authors(build: Build) -> None:
    site = build({
        "posts/psi.md": post("Psi*Run - Le Manoir", tags="oui.sncf, DATABASE_URL",
                             category="Jeux & co", author="Zoé Ça"),
        "pages/00-bienvenue.md": "Title: Bienvenue\n\nBonjour.\n",
        "pages/apropos.md": "Title: À propos\nSave_as: a-propos/index.html\n\nMoi.\n",
    }, conf=LEGACY + 'carnet_posts = ["posts/*", "pages/*"]\n')
    out = site.outdir
    for old, new in [("psirun-le-manoir.html", "posts/psi.html"),  # Pelican's slug
                     ("psi-run-le-manoir.html", "posts/psi.html"),  # and carnet's
                     ("pages/bienvenue.html", "pages/00-bienvenue.html"),
                     ("a-propos/index.html", "pages/apropos.html"),
                     ("tag/ouisncf.html", "blog/tag/oui-sncf.html"),
                     ("tag/database_url.html", "blog/tag/database-url.html"),
                     ("category/jeux-co.html", "blog/category/jeux-co.html"),
                     ("author/zoe-ca.html", "blog/author/zoe-ca.html"),
                     ("archives.html", "blog/index.html"), ("tags.html", "blog/tags.html")]:
        text = (out / old).read_text("utf-8")
        assert "sphinxext-carnet redirect" in text and new.rsplit("/", 1)[-1] in text, old
    assert (out / "feeds" / "all.atom.xml").is_file()
    assert (out / "feeds" / "jeux-co.atom.xml").is_file()
    assert (out / "feeds" / "zoe-ca.rss.xml").read_text("utf-8").count("<item>") == 1
    assert not (out / "pages" / "00-bienvenue.html").read_text("utf-8").count("redirect")


def _redirects(site) -> set[str]:
    return {str(p.relative_to(site.outdir)) for p in site.outdir.rglob("*.html")
            if "sphinxext-carnet redirect" in p.read_text("utf-8")}


FRONT_MATTER = "---\ntitle: Neuf\ndate: 2021-03-04\ntags: [python]\n{extra}---\n\nDu texte.\n"


def test_a_blog_begun_with_carnet_gets_no_redirect_pages(build: Build) -> None:
    # nothing ever lived at Pelican's addresses: no slug.html, no tag/x.html at the root;
    # a save_as in the header is still honoured (the header asks for it)
    site = build({"posts/neuf.md": FRONT_MATTER.format(extra=""),
                  "posts/autre.md": FRONT_MATTER.replace("Neuf", "Autre").format(
                      extra="save_as: vieux/neuf.html\n")})
    assert _redirects(site) == {"vieux/neuf.html"}
    assert site.warnings == []


def test_redirects_follow_a_pelican_header_or_the_setting(build: Build, tmp_path) -> None:
    files = {"posts/neuf.md": FRONT_MATTER.format(extra=""),
             "posts/vieux.md": post("Vieux", tags="python")}
    site = build(files)  # one Pelican header: the site came from Pelican, every post gets one
    assert {"neuf.html", "vieux.html", "tag/python.html"} <= _redirects(site)
    site = build({"posts/vieux.md": None}, rebuild=True)  # the last Pelican post goes
    assert _redirects(site) == set()
    assert not (site.outdir / "neuf.html").exists()


@pytest.mark.parametrize(("setting", "expected"), [("True", {"neuf.html", "tag/python.html"}),
                                                   ("False", set())])
def test_carnet_redirects_forces_either_way(build: Build, setting: str,
                                            expected: set[str]) -> None:
    site = build({"posts/neuf.md": FRONT_MATTER.format(extra="save_as: x/neuf.html\n")},
                 conf=f"carnet_redirects = {setting}\n")
    assert _redirects(site) == (expected | {"x/neuf.html"} if setting == "True" else set())


def test_links_by_pelican_slug_resolve(build: Build) -> None:
    site = build({"posts/psi.md": post("Psi*Run - Le Manoir", tags="oui.sncf"),
                  "posts/lien.md": post("Lien", date="2020-02-01",
                                        body="[a](psirun-le-manoir.html) "
                                             "[b](/old/blog/tag/ouisncf.html)\n")},
                 conf=LEGACY)
    links = {a.get_text(): a["href"] for a in site.body("posts/lien").select("p a")}
    assert links["a"] == "psi.html" and links["b"] == "../blog/tag/oui-sncf.html"
    assert site.warnings == []


def test_root_relative_links_on_the_old_host() -> None:
    url = "https://exemple.org/old/blog"
    assert classify("/old/blog/tag/jeux.html", legacy_site_url=url) == LegacyLink("tag", "jeux")
    assert classify("/old/slides/x/", legacy_site_url=url) == LegacyLink(
        "external", "https://exemple.org/old/slides/x/")
    assert classify("/old/blog/images/a.png", legacy_site_url=url) == LegacyLink(
        "source", "/images/a.png")


def test_static_folders_are_copied_and_found_from_the_root(build: Build) -> None:
    site = build({
        "images/photo.png": b"\x89PNG fake",
        "images/docs/plan.pdf": b"%PDF fake",
        "pages/galerie.md": ("Title: Galerie\n\n![une photo](images/photo.png) "
                             "[le plan](images/docs/plan.pdf) [perdu](images/perdu.pdf)\n\n"
                             '<img src="images/photo.png" alt="brute">\n'),
    }, conf=LEGACY)
    out = site.outdir
    assert (out / "images" / "photo.png").read_bytes() == b"\x89PNG fake"
    assert (out / "images" / "docs" / "plan.pdf").read_bytes() == b"%PDF fake"
    body = site.body("pages/galerie")
    assert body.find("img", alt="brute")["src"] == "../images/photo.png"
    assert body.find("img", alt="une photo") is not None  # found from the root
    assert body.find("a", string="perdu")["href"] == "images/perdu.pdf"  # kept, not #…
    assert any("images/perdu.pdf" in w and "galerie.md:3" in w for w in site.warnings)
    assert not any("photo.png" in w or "plan.pdf" in w for w in site.warnings)
    # a static file removed from the source goes from the output too
    again = build({"images/docs/plan.pdf": None}, rebuild=True)
    assert not (again.outdir / "images" / "docs" / "plan.pdf").exists()
    assert (again.outdir / "images" / "photo.png").exists()


def test_python_markdown_block_elements(build: Build) -> None:
    body = ("<p class=\"a\">Un\n\n*deux*</p>\n\n<iframe src=\"x\">\n\n</iframe>\n\n"
            "<dialog open>\n\nDu *Markdown*.\n\n</dialog>\n\nFin.\n")
    page = site_body = build({"posts/b.md": post(body=body)}).body("posts/b")
    assert "*deux*" in str(page.find("p", class_="a"))  # one block, kept as written
    assert site_body.find("dialog").find_next("em").get_text() == "Markdown"


def test_mdx_include(build: Build) -> None:
    site = build({"posts/i.md": post(body="Avant.\n\n{! parts/bloc.md !}\n\n{! absent.md !}\n"),
                  "posts/parts/bloc.md": "Du *contenu* inclus, et {! fin.md !}\n",
                  "posts/parts/fin.md": "la fin.\n"},
                 conf='exclude_patterns = ["posts/parts"]\n')
    text = site.body("posts/i").get_text()
    assert "Du contenu inclus, et la fin." in text
    assert any("absent.md" in w and "i.md:8" in w for w in site.warnings)
    assert expand_includes("{! /etc/passwd !}", lambda path, enc, base: None)[0] == \
        "{! /etc/passwd !}"
    # code shows the syntax: it includes nothing
    shown = "`{! x !}`\n```\n{! x !}\n```\n"
    assert expand_includes(shown, lambda path, enc, base: ("X", ""))[0] == shown


def test_heading_id_scripts_with_helpers_and_ancestors(build: Build) -> None:
    script = ("<script>\nfunction buildId(text) { return text.toLowerCase().trim()"
              ".replace(/\\s+/g, '_'); }\ndocument.querySelectorAll('article h2')"
              ".forEach(function (t) { t.id = buildId(t.textContent); });\n</script>\n")
    site = build({"posts/s.md": post(body="## Mon Titre\n\nX\n\n" + script),
                  "posts/l.md": post("L", date="2020-02-01",
                                     body="[vers](s.md#mon_titre)\n")})
    assert site.warnings == []
    assert site.body("posts/l").find("a", string="vers")["href"] == "s.html#mon-titre"


def test_a_fragment_naming_a_raw_html_id_lands(build: Build) -> None:
    site = build({"posts/n.md": post(body='<h2 id="tagcloud">Nuage</h2>\n\nX\n'),
                  "posts/l.md": post("L", date="2020-02-01",
                                     body="[nuage](un-billet.html#tagcloud)\n")})
    assert site.warnings == []
    assert site.body("posts/l").find("a", string="nuage")["href"] == "n.html#tagcloud"


def test_rst_header() -> None:
    header = read_rst_header("=====\nTitre\n=====\n\n:date: 2020-01-02\n:tags: a,\n   b\n\nX\n")
    assert header is not None
    assert header.fields == {"title": "Titre", "date": "2020-01-02", "tags": "a, b"}
    assert header.lines["date"] == 5 and header.length == 7
    assert read_rst_header("Juste du texte.\n") is None


def test_an_rst_document_of_the_docs_keeps_its_own_field_list(build: Build) -> None:
    site = build({"guide.rst": "Guide\n=====\n\n:Version: 2\n:Audience: tous\n\nTexte.\n"},
                 index="# Accueil\n\n```{toctree}\nguide\n```\n")
    assert site.body("guide").find("dl") is not None  # shown, not taken as a header
    assert "guide" not in site.blog.docs
