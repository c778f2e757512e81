"""The archive: pagination, years and months, tags, languages, excerpts, every builder."""

from __future__ import annotations

from conftest import Build, post


def _titles(page) -> list[str]:
    return [a.get_text() for a in page.select("li.carnet-post > p:not(.carnet-excerpt) > a")]


def test_blog_index_is_paginated_with_excerpts(build: Build) -> None:
    files = {f"posts/p{i:02d}.md": post(f"Billet {i}", date=f"2020-01-{i + 1:02d}",
                                         body=f"Premier paragraphe {i}.\n\nSecond.\n")
             for i in range(12)}
    files["posts/p00.md"] = post("Billet 0", date="2020-01-01", summary="Résumé choisi")
    files["posts/p01.md"] = post("Billet 1", date="2020-01-02",
                                 body="Avant.\n\nEncore.\n\n<!-- more -->\n\nAprès.\n")
    site = build(files, conf="carnet_posts_per_page = 5\n")
    first = site.body("blog/index")
    assert _titles(first) == [f"Billet {i}" for i in (11, 10, 9, 8, 7)]
    assert first.select_one("li.carnet-post .carnet-excerpt").get_text().startswith(
        "Premier paragraphe 11. Lire la suite")
    older = first.find("a", string="Billets plus anciens")
    assert older["href"] == "page/2.html"
    second = site.body("blog/page/2")
    assert _titles(second) == [f"Billet {i}" for i in (6, 5, 4, 3, 2)]
    assert second.find("a", string="Billets plus récents")["href"] == "../index.html"
    third = site.body("blog/page/3")
    excerpts = [e.get_text() for e in third.select(".carnet-excerpt")]
    assert excerpts[0].startswith("Avant. Encore.")
    assert excerpts[1].startswith("Résumé choisi")
    assert site.warnings == []


def test_years_months_tags_and_languages(build: Build) -> None:
    site = build({"posts/a.md": post("Été", date="2017-09-25", tags="python, Web", lang="fr"),
                  "posts/b.md": post("Hiver", date="2017-12-01", tags="python", lang="fr"),
                  "posts/c.md": post("Spring", date="2018-03-01", tags="web", lang="en")},
                 conf="carnet_month_pages_after = 0\n")
    assert site.warnings == []
    assert _titles(site.body("blog/2017")) == ["Hiver", "Été"]
    month = site.body("blog/2017/09")
    assert month.find("h1").get_text().startswith("Septembre 2017")
    assert _titles(month) == ["Été"]
    assert _titles(site.body("blog/tag/web")) == ["Spring", "Été"]
    tags = site.body("blog/tags").get_text()
    assert "python (2)" in tags and "web (2)" in tags  # named as in the newest post
    assert _titles(site.body("blog/lang/en")) == ["Spring"]
    assert site.body("blog/lang/fr").find("h1").get_text().startswith("Français")
    # every post is listed by at least two archive pages (its month and its year, and more)
    for doc in ("posts/a", "posts/b", "posts/c"):
        title = site.blog.docs[doc].title
        listing = [d for d in site.env.all_docs if d.startswith("blog/")
                   and title in _titles(site.body(d))]
        assert len(listing) >= 2, doc


def test_month_pages_only_for_years_with_many_posts(build: Build) -> None:
    def date_link(site, doc: str) -> str:
        return site.body(doc).select_one(".carnet-date").find_parent("a")["href"]

    files = {f"posts/p{i}.md": post(f"Billet {i}", date=f"2019-0{i + 1}-01") for i in range(2)}
    files["posts/old.md"] = post("Ancien", date="2012-05-01")
    site = build(files, conf="carnet_month_pages_after = 2\n")
    assert not [d for d in site.env.all_docs if d.startswith("blog/2019/")]
    assert site.env.toctree_includes["blog/2019"] == ["posts/p1", "posts/p0"]
    assert _titles(site.body("blog/2019")) == ["Billet 1", "Billet 0"]
    assert date_link(site, "posts/p0") == "../blog/2019.html"
    # a third post in 2019: the year gets month pages, and its older posts' dates lead there
    site = build({"posts/p2.md": post("Billet 2", date="2019-03-01")}, rebuild=True)
    assert site.env.toctree_includes["blog/2019"] == [
        "blog/2019/03", "blog/2019/02", "blog/2019/01"]
    assert _titles(site.body("blog/2019/01")) == ["Billet 0"]
    assert date_link(site, "posts/p0") == "../blog/2019/01.html"
    assert "posts/p0" in site.written and "posts/old" not in site.written
    assert date_link(site, "posts/old") == "../blog/2012.html"
    # and back: the month pages go, and nothing links to them any more
    site = build({"posts/p2.md": None}, rebuild=True)
    assert "blog/2019/01" not in site.env.all_docs
    assert date_link(site, "posts/p0") == "../blog/2019.html"
    assert site.warnings == []


def test_objects_inventory_and_references(build: Build) -> None:
    from sphinx.util.inventory import InventoryFile

    site = build({"posts/a.md": post("Le billet : un", slug="le-billet", tags="python"),
                  "page.md": "# Page\n\nVoir {post}`le-billet`, {post}`autre texte <le-billet>`"
                             " et {tag}`python`.\n"},
                 index="# Accueil\n\n```{toctree}\npage\n```\n")
    assert site.warnings == []
    links = {a.get_text(): a["href"] for a in site.body("page").find_all("a")}
    assert links["Le billet\u00a0: un"] == "posts/a.html"
    assert links["autre texte"] == "posts/a.html"
    assert links["python"] == "blog/tag/python.html"
    with (site.outdir / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(stream, "https://x.org", lambda base, uri: base + uri)
    item = inventory["blog:post"]["le-billet"]
    uri = item.uri if hasattr(item, "uri") else item[2]  # Sphinx 9 objects, 8.2 tuples
    assert uri.endswith("posts/a.html")
    assert "python" in inventory["blog:tag"]


def test_postlist_format(build: Build) -> None:
    index = ("# Accueil\n\n```{postlist}\n:format: {date} : {title} par {author} ({tags})\n"
             "```\n")
    site = build({"posts/a.md": post("Le titre", date="2020-02-03", author="Zoé",
                                     tags="python, web")}, index=index)
    line = site.body("index").select_one("li.carnet-post p")
    assert line.get_text() == "3 février 2020\u00a0: Le titre par Zoé (python, web)"
    assert line.find("a", string="Le titre")["href"] == "posts/a.html"
    assert line.find("a", string="web")["href"] == "blog/tag/web.html"


def test_parallel_output_is_identical(build: Build, make_app, tmp_path) -> None:
    files = {f"posts/p{i}.md": post(f"Billet {i} : « ok »", date=f"20{10 + i}-01-01",
                                    tags=f"t{i % 3}", body=f"# Partie\n\nTexte {i} !\n")
             for i in range(10)}
    serial = build(files, conf='html_baseurl = "https://x.org/"\n')

    def output(folder) -> dict:  # every file written, feeds and redirects included
        return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*")
                if p.is_file() and ".doctrees" not in p.parts}

    outputs = output(serial.outdir)
    import shutil

    other = tmp_path / "parallel"
    shutil.copytree(serial.app.srcdir, other, ignore=shutil.ignore_patterns("_build"))
    app = make_app("html", srcdir=other, freshenv=True, parallel=2)
    app.build()
    parallel = output(app.outdir)
    assert parallel.keys() == outputs.keys()
    assert [k for k in outputs if outputs[k] != parallel[k]] == []


def test_sidebars_follow_a_new_post_on_every_page(build: Build) -> None:
    conf = 'html_sidebars = {"**": ["carnet/recent.html"]}\n'
    files = {f"posts/p{i}.md": post(f"Billet {i}", date=f"20{10 + i}-01-01") for i in range(3)}
    build(files, conf=conf)
    site = build({"posts/new.md": post("Tout neuf", date="2030-01-01")}, rebuild=True)
    assert "posts/p0" in site.written
    assert "Tout neuf" in site.html("posts/p0").find(class_="carnet-recent").get_text()
    site = build({"posts/p0.md": post("Billet 0", date="2010-01-01", body="Autre texte.\n")},
                 rebuild=True)
    assert "posts/p2" not in site.written  # nothing the sidebars show changed


def test_posts_have_a_standard_label(build: Build) -> None:
    site = build({"posts/a.md": post("Le billet", slug="le-billet"),
                  "page.md": "# Page\n\nVoir {ref}`le-billet`.\n"},
                 index="# Accueil\n\n```{toctree}\npage\n```\n")
    assert site.warnings == []
    link = site.body("page").find("a", class_="reference internal")
    assert link["href"] == "posts/a.html" and link.get_text() == "Le billet"
