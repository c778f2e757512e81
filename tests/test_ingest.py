"""Posts as people really write them, built by Sphinx: headers, titles, encodings, status."""

from __future__ import annotations

import datetime as dt

from conftest import Build, post


def test_pelican_header_becomes_metadata_not_text(build: Build) -> None:
    site = build({"posts/a.md": post("Premier billet", tags="lang:fr, python, outils",
                                     slug="mon-billet", category="Dev", author="Ana")})
    record = site.blog.docs["posts/a"]
    assert record.is_post
    assert record.title == "Premier billet"
    assert record.date == dt.datetime(2020, 1, 2, 10, 0)
    assert (record.tags, record.lang, record.slug) == (["python", "outils"], "fr", "mon-billet")
    assert (record.category, record.authors) == ("Dev", ["Ana"])
    body = site.body("posts/a").get_text()
    assert "Title:" not in body and "Tags:" not in body
    assert site.html("posts/a").title.get_text().startswith("Premier billet")
    assert site.env.titles["posts/a"].astext() == "Premier billet"
    assert site.warnings == []


def test_header_is_read_in_pages_too(build: Build) -> None:
    site = build({"pages/about.md": "Title: À propos\nSlug: about\n\nUne page.\n"},
                 index="# Accueil\n\n```{toctree}\npages/about\n```\n")
    assert site.env.titles["pages/about"].astext() == "À propos"
    assert not site.blog.docs["pages/about"].is_post
    assert "Slug:" not in site.body("pages/about").get_text()


def test_front_matter_works_like_a_pelican_header(build: Build) -> None:
    site = build({"posts/b.md": "---\ntitle: Par YAML\ndate: 2021-03-04\n"
                                "tags: [a, b]\nslug: yaml\n---\n\nCorps.\n"})
    record = site.blog.docs["posts/b"]
    assert (record.title, record.slug, record.tags) == ("Par YAML", "yaml", ["a", "b"])
    assert record.date == dt.datetime(2021, 3, 4)
    assert site.env.titles["posts/b"].astext() == "Par YAML"
    assert site.warnings == []


def test_front_matter_keeps_what_myst_does_with_it(build: Build) -> None:
    # carnet reads the front matter once and hands it to MyST: MyST's own keys still work
    # (file-level settings, a page left out of the toctree) and its fields reach the metadata
    site = build({"pages/notes.md": "---\norphan: true\nauteur-local: Zoé\nmyst:\n"
                                    "  enable_extensions: [deflist]\n---\n\n# Notes\n\n"
                                    "Terme\n: Définition.\n"})
    assert "orphan" in site.env.metadata["pages/notes"]
    assert site.env.metadata["pages/notes"]["auteur-local"] == "Zoé"
    assert site.body("pages/notes").select_one("dl dt").get_text() == "Terme"
    assert site.warnings == []


def test_title_from_first_heading_then_file_name(build: Build) -> None:
    site = build({"posts/h.md": "Date: 2020-01-01\n\n# Titre du corps\n\nTexte.\n",
                  "posts/sans-titre.md": "Date: 2020-01-01\n\nJuste du texte.\n"})
    assert site.blog.docs["posts/h"].title == "Titre du corps"
    assert site.env.titles["posts/sans-titre"].astext() == "sans-titre"
    missing = [w for w in site.warnings if "sans-titre" in w]
    assert len(missing) == 1 and "no Title" in missing[0]
    assert len(site.warnings) == 1


def test_title_is_text_with_entities_and_allowed_tags(build: Build) -> None:
    title = "Tom &amp; <em>Jerry</em>: <s>__del__</s> Psi*Run <b onclick=x>gras</b> <blink>"
    site = build({"posts/t.md": post(title)})
    h1 = site.body("posts/t").find("h1")
    assert h1.find("em").get_text() == "Jerry"
    assert h1.find(class_="carnet-strike").get_text() == "__del__"
    assert h1.find("strong").get_text() == "gras"
    text = h1.get_text()
    assert "Tom & Jerry" in text and "Psi*Run" in text and "<blink>" in text
    assert h1.find("blink") is None and h1.find(attrs={"onclick": True}) is None
    assert site.html("posts/t").title.get_text().startswith("Tom & Jerry\u00a0: __del__ Psi*Run")


def test_body_headings_go_under_the_title(build: Build) -> None:
    site = build({"posts/s.md": post(body="# Partie un\n\nA\n\n### Sous-partie\n\nB\n")})
    body = site.body("posts/s")
    assert body.find("h1").get_text().startswith("Un billet")
    assert body.find("h2").get_text().startswith("Partie un")
    # a skipped level (h1 → h3) is fine, as in Python-Markdown
    assert site.warnings == []


def test_invalid_date_warns_with_file_and_line_and_keeps_the_post(build: Build) -> None:
    site = build({"posts/d.md": "Title: Daté ?\nTags: x\nDate: 2019-XX-YY\n\nTexte.\n"})
    assert site.blog.docs["posts/d"].date is None
    assert site.blog.docs["posts/d"] in site.blog.posts()
    [warning] = site.warnings
    assert "posts/d.md:3:" in warning and "2019-XX-YY" in warning


def test_lines_are_kept_so_warnings_point_at_the_source(build: Build) -> None:
    body = "Ligne 5.\n\nLigne 7 avec ![image](absente.png)\n"
    site = build({"posts/l.md": "Title: L\nDate: 2020-01-01\n---\n\n" + body})
    [warning] = site.warnings
    assert "posts/l.md:7:" in warning


def test_slug_from_title_and_duplicates_name_both_files(build: Build) -> None:
    site = build({"posts/a.md": post("Même titre"), "posts/b.md": post("Même titre"),
                  "posts/c.md": post("Autre", slug="")})
    assert site.blog.docs["posts/a"].slug == "meme-titre"
    assert site.blog.docs["posts/c"].slug == "autre"
    [warning] = site.warnings
    assert "posts/b.md" in warning and "posts/a.md" in warning and "meme-titre" in warning


def test_root_document_is_never_a_post(build: Build) -> None:
    site = build({}, conf='carnet_posts = ["*"]\n',
                 index="Title: Accueil\n\n```{postlist}\n```\n")
    assert not site.blog.docs["index"].is_post
    assert site.blog.posts() == []


def test_status_hidden_draft_skip(build: Build) -> None:
    site = build({"posts/pub.md": post("Publié"),
                  "posts/hid.md": post("Caché", status="hidden"),
                  "posts/dra.md": post("Brouillon", status="draft"),
                  "posts/ski.md": post("Sauté", status="skip")})
    assert "posts/hid" in site.env.all_docs
    assert (site.outdir / "posts/hid.html").exists()
    assert "posts/dra" not in site.env.all_docs
    assert "posts/ski" not in site.env.all_docs
    assert [p.docname for p in site.blog.posts()] == ["posts/pub"]
    index = site.body("index").get_text()
    assert "Publié" in index and "Caché" not in index
    assert "Caché" not in site.body("blog/index").get_text()
    assert site.warnings == []


def test_drafts_are_built_when_asked_but_listed_nowhere(build: Build) -> None:
    site = build({"posts/dra.md": post("Brouillon", status="draft"),
                  "posts/ski.md": post("Sauté", status="skip")}, conf="carnet_drafts = True\n")
    assert "posts/dra" in site.env.all_docs
    assert "posts/ski" not in site.env.all_docs
    assert "Brouillon" not in site.body("index").get_text()
    assert site.warnings == []


def test_posts_are_in_a_toctree_without_any_help(build: Build) -> None:
    site = build({"posts/a.md": post("A", date="2019-01-01"),
                  "posts/b.md": post("B", date="2020-01-01"),
                  "posts/u.md": "Title: U\n\nSans date.\n"},
                 index="# Accueil\n\nRien d'autre.\n")
    assert not [w for w in site.warnings if "toctree" in w]
    parents = site.env.toctree_includes
    assert "posts/a" in parents["blog/2019"]  # a year of few posts lists them itself
    assert "posts/u" in parents["blog/undated"]
    assert "blog/index" in parents["index"]


def test_posts_pattern_uses_sphinx_syntax(build: Build) -> None:
    site = build({"2019/a.md": post("A"), "notes/b.md": post("B")},
                 conf='carnet_posts = ["20*/*"]\n',
                 index="# Accueil\n\n```{toctree}\nnotes/b\n```\n")
    assert site.blog.docs["2019/a"].is_post
    assert not site.blog.docs["notes/b"].is_post


def test_a_user_page_at_an_archive_docname_wins(build: Build) -> None:
    site = build({"blog/index.md": "# Mon blog à moi\n\nÉcrit à la main.\n",
                  "posts/a.md": post("A")},
                 index="# Accueil\n\n```{toctree}\nblog/index\n```\n")
    assert "Écrit à la main" in site.body("blog/index").get_text()
    assert any("blog/index" in w and "kept" in w for w in site.warnings)


def test_pages_with_a_header_join_the_navigation(build: Build) -> None:
    site = build({"posts/a.md": post("A"),
                  "pages/about.md": "Title: À propos\n\nTexte.\n",
                  "pages/listed.md": "Title: Déjà là\n\nTexte.\n",
                  "pages/secret.md": "Title: Secret\nStatus: hidden\n\nTexte.\n"},
                 index="# Accueil\n\n```{toctree}\npages/listed\n```\n")
    assert site.warnings == []
    assert site.env.toctree_includes["index"] == ["pages/listed", "blog/index", "pages/about"]
    site = build({"pages/new.md": "Title: Nouvelle\n\nTexte.\n", "pages/about.md": None},
                 rebuild=True)
    assert site.warnings == []
    assert "pages/new" in site.env.toctree_includes["index"]
    assert "pages/about" not in site.env.toctree_includes["index"]
