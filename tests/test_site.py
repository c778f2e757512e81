"""Whole sites: the seed post, postlists, settings, parallel and incremental builds."""

from __future__ import annotations

import importlib
import pathlib

import pytest
from conftest import Build, post, seed_text

import sphinxext.carnet
from sphinxext.carnet.config import CarnetConfig

SEED_DOC = "posts/compte-rendu-de-la-pyconfr-2017"


def test_namespace_package_coexists() -> None:
    package_dir = pathlib.Path(sphinxext.carnet.__file__).parent.parent
    assert not (package_dir / "__init__.py").exists()
    try:
        opengraph = importlib.import_module("sphinxext.opengraph")
    except ImportError:
        pytest.skip("sphinxext-opengraph is not installed: the coexistence is not checked")
    assert opengraph.__name__ == "sphinxext.opengraph"


def test_extension_metadata(build: Build) -> None:
    site = build({})
    meta = site.app.extensions["sphinxext.carnet"]
    assert meta.parallel_read_safe and meta.parallel_write_safe
    assert "myst_parser" in site.app.extensions


def test_seed_post_builds_as_the_user_expects(build: Build) -> None:
    site = build({f"{SEED_DOC}.md": seed_text()}, conf='carnet_posts = ["posts/*"]\n')
    others = [w for w in site.warnings if "IdeasBox.jpg" not in w and "slides" not in w
              and "mojibake" not in w]
    assert others == []
    assert len([w for w in site.warnings if "IdeasBox.jpg" in w]) == 1
    assert len([w for w in site.warnings if "slides" in w]) == 1
    record = site.blog.docs[SEED_DOC]
    assert record.title == "Compte-rendu de la PyConFr 2017"
    assert record.lang == "fr"
    assert "lang:fr" not in record.tags and "python" in record.tags
    body = site.body(SEED_DOC)
    text = body.get_text()
    assert "Cette année" in text and "√" not in text
    assert "Haïkel Guémar" in text and "🙏" in text
    assert body.find("h1").get_text().startswith("Compte-rendu de la PyConFr 2017")
    assert "Title:" not in text and "Slug:" not in text
    index = site.body("index")
    assert index.find("a", string="Compte-rendu de la PyConFr 2017") is not None
    assert "25 septembre 2017" in index.get_text()


def test_postlist_is_newest_first_with_dates_in_the_site_language(build: Build) -> None:
    site = build({"posts/a.md": post("Ancien", date="2015-03-01"),
                  "posts/b.md": post("Récent", date="2024-12-25 08:00"),
                  "posts/c.md": post("Milieu", date="2019-07-14")})
    items = site.body("index").select("li.carnet-post")
    assert [li.find("a").get_text() for li in items] == ["Récent", "Milieu", "Ancien"]
    assert items[0].find(class_="carnet-date").get_text() == "25 décembre 2024"


def test_postlist_filters(build: Build) -> None:
    index = ("# Accueil\n\n```{postlist}\n:tags: python\n:limit: 1\n```\n\n"
             "```{postlist}\n:year: 2019\n```\n")
    site = build({"posts/a.md": post("A", date="2019-01-01", tags="python"),
                  "posts/b.md": post("B", date="2020-01-01", tags="Python, web"),
                  "posts/c.md": post("C", date="2019-05-01")}, index=index)
    lists = site.body("index").select("ul.carnet-postlist")
    assert [a.get_text() for a in lists[0].find_all("a")] == ["B"]
    assert [a.get_text() for a in lists[1].find_all("a")] == ["C", "A"]


@pytest.mark.parametrize(("conf", "setting"), [
    ("carnet_posts = 3\n", "carnet_posts"),
    ("carnet_posts = []\n", "carnet_posts"),
    ('carnet_raw_html = "strip"\n', "carnet_raw_html"),
    ("carnet_posts_per_page = 0\n", "carnet_posts_per_page"),
    ('carnet_drafts = "yes"\n', "carnet_drafts"),
])
def test_a_wrong_setting_warns_and_falls_back(build: Build, conf: str, setting: str) -> None:
    site = build({"posts/a.md": post("A")}, conf=conf)
    assert any(setting in w and "default" in w for w in site.warnings)
    name = setting.removeprefix("carnet_")
    assert getattr(site.app.config, setting) == getattr(CarnetConfig(), name)
    assert "posts/a" in site.blog.docs


def test_parallel_build_merges_posts(build: Build) -> None:
    files = {f"posts/p{i}.md": post(f"Billet {i}", date=f"20{10 + i}-01-01", tags=f"t{i % 3}")
             for i in range(12)}
    site = build(files, parallel=2)
    assert len(site.blog.posts()) == 12
    assert len(site.body("index").select("li.carnet-post")) == 12
    assert site.warnings == []


def test_incremental_build_updates_lists_and_archive(build: Build) -> None:
    site = build({"posts/a.md": post("Premier", date="2020-01-01"),
                  "posts/b.md": post("Second", date="2021-01-01")})
    assert "Premier" in site.body("index").get_text()
    site = build({"posts/a.md": post("Premier retitré", date="2022-06-01"),
                  "posts/c.md": post("Troisième", date="2023-01-01")}, rebuild=True)
    titles = [a.get_text() for a in site.body("index").select("li.carnet-post a")]
    assert titles == ["Troisième", "Premier retitré", "Second"]
    assert "posts/a" in site.env.toctree_includes["blog/2022"]
    assert "blog/2020" not in site.env.all_docs
    site = build({"posts/b.md": None}, rebuild=True)
    titles = [a.get_text() for a in site.body("index").select("li.carnet-post a")]
    assert titles == ["Troisième", "Premier retitré"]
    assert site.warnings == []
