"""A post's page: header, footer, language, translations; rewritten when neighbours change."""

from __future__ import annotations

from conftest import Build, post, seed_text

SEED_DOC = "posts/compte-rendu-de-la-pyconfr-2017"


def test_seed_header_reads_in_french(build: Build) -> None:
    site = build({f"{SEED_DOC}.md": seed_text()}, conf='carnet_posts = ["posts/*"]\n')
    header = site.body(SEED_DOC).find(class_="carnet-post-header")
    assert header.find(class_="carnet-date").get_text() == "Publié le 25 septembre 2017"
    minutes = header.find(class_="carnet-reading-time").get_text()
    assert minutes.endswith("min de lecture") and int(minutes.split()[0]) >= 5
    tags = header.find(class_="carnet-tags")
    assert tags.get_text().startswith("Étiquettes\u00a0:")
    python = tags.find("a", string="python")
    assert python["href"] == "../blog/tag/python.html"
    tag_page = site.body("blog/tag/python")
    assert tag_page.find("a", string="Compte-rendu de la PyConFr 2017") is not None
    english = [w for w in site.warnings if "Posted" in w or "Tags" in w]
    assert english == []


def test_modified_date_and_neighbours_in_date_order(build: Build) -> None:
    site = build({"posts/a.md": post("Premier", date="2019-01-01"),
                  "posts/b.md": post("Deuxième", date="2020-01-01", modified="2021-03-04"),
                  "posts/c.md": post("Troisième", date="2021-01-01")})
    page = site.body("posts/b")
    assert "modifié le 4 mars 2021" in page.find(class_="carnet-post-header").get_text()
    footer = page.find(class_="carnet-post-footer")
    assert footer.find(class_="carnet-previous").find("a").get_text() == "Premier"
    assert footer.find(class_="carnet-next").find("a").get_text() == "Troisième"
    assert site.body("posts/a").find(class_="carnet-previous") is None
    assert site.body("posts/c").find(class_="carnet-next") is None


def test_english_post_on_a_french_site(build: Build) -> None:
    site = build({"posts/en.md": post("Hello", date="2020-05-01", tags="lang:en, notes")})
    section = site.body("posts/en").find("section")
    assert section["lang"] == "en"
    header = site.body("posts/en").find(class_="carnet-post-header").get_text()
    assert "Posted on May 1, 2020" in header and "Tags: notes" in header
    assert site.html("posts/en").find("html")["lang"] == "fr"  # the site itself stays French


def test_translations_link_each_other(build: Build) -> None:
    site = build({"posts/fr.md": post("Bonjour", slug="salut", lang="fr"),
                  "posts/en.md": post("Hello", slug="salut", lang="en")})
    assert site.body("posts/fr").find(class_="carnet-translations").find("a")["href"] == "en.html"
    assert site.body("posts/en").find(class_="carnet-translations").find("a")["href"] == "fr.html"
    # two posts in two languages may share a slug: that is what translations do
    assert not [w for w in site.warnings if "slug" in w]


def test_only_affected_pages_are_written_again(build: Build) -> None:
    files = {f"posts/p{i}.md": post(f"Billet {i}", date=f"20{10 + i}-01-01") for i in range(6)}
    build(files)
    site = build({"posts/p3.md": post("Billet 3 retitré", date="2013-01-01")}, rebuild=True)
    written = set(site.written)
    assert {"posts/p3", "posts/p2", "posts/p4"} <= written  # it and its neighbours
    assert not {"posts/p0", "posts/p5"} & written
    assert "Billet 3 retitré" in site.body("posts/p2").find(class_="carnet-next").get_text()
    assert "Billet 3 retitré" in site.body("index").get_text()
    site = build({"posts/p0.md": post("Billet 0", date="2010-01-01",
                                      body="Juste le texte change.\n")}, rebuild=True)
    assert "posts/p0" in site.written
    assert "posts/p1" not in site.written
