"""Incremental builds are never stale: after any kind of edit, a rebuild gives the same output,
byte for byte, as a clean build of the edited source, serially and with ``-j 2``: the same
files (no page left of a removed or unpublished post, no redirect or feed nothing asks for)
with the same content.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BASE_CONF, post
from sphinx.testing.util import SphinxTestApp

CONF = BASE_CONF + (
    'html_baseurl = "https://example.org/blog/"\n'
    "carnet_posts_per_page = 3\n"
    'html_sidebars = {"**": ["localtoc.html", "carnet/recent.html", "carnet/tags.html",'
    ' "carnet/archives.html"]}\n'
)

BASE: dict[str, str] = {
    "index.md": "# Accueil\n\n```{toctree}\npage\n```\n\n```{postlist}\n:limit: 3\n```\n",
    "page.md": ("# Page\n\nVoir {post}`premier-billet`, {ref}`cinq`, [](posts/p3.md#la-suite) "
                "et {tag}`python`.\n\n"
                "```{postlist}\n:tags: web\n:excerpts:\n```\n"),
    "posts/p1.md": post("Premier billet", date="2020-01-01 10:00", tags="python, web",
                        body="Un début.\n\nUne suite.\n"),
    "posts/p2.md": post("Deuxième", date="2020-02-01", tags="python", body="Texte deux.\n"),
    "posts/p3.md": post("Troisième", date="2021-03-01", tags="web",
                        body="Premier paragraphe.\n\n## La suite\n\nSuite du billet.\n"),
    "posts/p4.md": post("Quatrième", date="2021-04-01", body="Court.\n"),
    "posts/p5.md": post("Cinquième", date="2022-01-01", slug="cinq", lang="fr",
                        body="En français.\n"),
    "posts/p5-en.md": post("Fifth", date="2022-01-02", slug="cinq", lang="en",
                           body="In English.\n"),
    "posts/p6.md": post("Brouillon", date="2022-03-01", status="draft", body="Pas prêt.\n"),
    "posts/p7.md": post("Septième", date="2022-05-01", category="Notes", tags="web",
                        body="Sept.\n"),
}

Edit = Callable[[Path], None]


def _write(srcdir: Path, name: str, text: str | None) -> None:
    path = srcdir / name
    if text is None:
        path.unlink()
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


def _edit(**changes: str | None) -> Edit:
    def apply(srcdir: Path) -> None:
        for name, text in changes.items():
            _write(srcdir, name.replace("__", "/").replace("_dot_", ".") + ".md"
                   if not name.endswith(".py") else name, text)
    return apply


def _rename(srcdir: Path) -> None:
    (srcdir / "posts" / "p4.md").rename(srcdir / "posts" / "quatre.md")


def _config(srcdir: Path) -> None:
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text("utf-8").replace("carnet_posts_per_page = 3",
                                                    "carnet_posts_per_page = 2"), "utf-8")


EDITS: dict[str, Edit] = {
    "title": _edit(posts__p1=post("Premier billet, revu", date="2020-01-01 10:00",
                                  tags="python, web", body="Un début.\n\nUne suite.\n")),
    "date": _edit(posts__p2=post("Deuxième", date="2023-02-01", tags="python",
                                 body="Texte deux.\n")),
    "tags": _edit(posts__p1=post("Premier billet", date="2020-01-01 10:00", tags="rust",
                                 body="Un début.\n\nUne suite.\n")),
    "excerpt": _edit(posts__p3=post("Troisième", date="2021-03-01", tags="web",
                                    body="Un autre premier paragraphe.\n\n## La suite\n\n"
                                         "Suite du billet.\n")),
    "summary": _edit(posts__p3=post("Troisième", date="2021-03-01", tags="web",
                                    summary="Un résumé choisi.",
                                    body="Premier paragraphe.\n\n## La suite\n\n"
                                         "Suite du billet.\n")),
    "body only": _edit(posts__p3=post("Troisième", date="2021-03-01", tags="web",
                                      body="Premier paragraphe.\n\n## La suite\n\n"
                                           "Une autre suite.\n")),
    "heading renamed": _edit(posts__p3=post("Troisième", date="2021-03-01", tags="web",
                                            body="Premier paragraphe.\n\n## La fin\n\n"
                                                 "Suite du billet.\n")),
    "length": _edit(posts__p4=post("Quatrième", date="2021-04-01",
                                   body="Beaucoup de mots. " * 400 + "\n")),
    "translation added": _edit(posts__p3_dot_en=post(
        "Third", date="2021-03-02", slug="troisieme", lang="en", body="Third post.\n")),
    "translation removed": _edit(**{"posts__p5-en": None}),
    "status draft": _edit(posts__p2=post("Deuxième", date="2020-02-01", tags="python",
                                         status="draft", body="Texte deux.\n")),
    "status skip": _edit(posts__p7=post("Septième", date="2022-05-01", category="Notes",
                                        tags="web", status="skip", body="Sept.\n")),
    "status published": _edit(posts__p6=post("Brouillon", date="2022-03-01",
                                             body="Pas prêt.\n")),
    "post added": _edit(posts__p8=post("Huitième", date="2019-06-01", tags="web, neuf",
                                       body="Nouveau.\n")),
    "post removed": _edit(posts__p2=None),
    "post renamed": _rename,
    "config changed": _config,
}


def _search_index(data: bytes) -> bytes:
    """Sphinx's incremental search index keeps a word no page has any more, with no page:
    Sphinx's own leftover, harmless, left out of the comparison."""
    text = data.decode()
    index = json.loads(text[text.index("(") + 1:text.rindex(")")])
    for key in ("terms", "titleterms"):
        index[key] = {word: pages for word, pages in index[key].items() if pages != []}
    return json.dumps(index, sort_keys=True).encode()


def _output(folder: Path) -> dict[str, bytes]:
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
             if p.is_file() and ".doctrees" not in p.parts}
    files["searchindex.js"] = _search_index(files["searchindex.js"])
    return files


def _build(srcdir: Path, *, parallel: int = 0, fresh: bool = False,
           read: list[str] | None = None, written: list[str] | None = None) -> str:
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=fresh, parallel=parallel)
    if read is not None:
        app.connect("env-before-read-docs", lambda _app, _env, names: read.extend(names))
    if written is not None:
        app.connect("html-page-context", lambda _app, name, *_: written.append(name))
    try:
        app.build()
        return app.warning.getvalue()
    finally:
        app.cleanup()


def _base(srcdir: Path, *, parallel: int = 0) -> Path:
    """The base site, written and built in ``srcdir`` (where it is rebuilt: Sphinx starts
    afresh when the source folder moved)."""
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF, "utf-8")
    for name, text in BASE.items():
        _write(srcdir, name, text)
    _build(srcdir, parallel=parallel, fresh=True)
    return srcdir


def _docs(srcdir: Path) -> set[str]:
    return {p.relative_to(srcdir).with_suffix("").as_posix() for p in srcdir.rglob("*.md")
            if "_build" not in p.parts}


@pytest.mark.parametrize("edit", EDITS)
def test_rebuild_after_an_edit_equals_a_clean_build(edit: str, tmp_path: Path) -> None:
    clean = tmp_path / "clean" / "src"
    clean.mkdir(parents=True)
    (clean / "conf.py").write_text(CONF, "utf-8")
    for name, text in BASE.items():
        _write(clean, name, text)
    EDITS[edit](clean)
    _build(clean, fresh=True)
    expected = _output(clean / "_build" / "html")
    for parallel in (0, 2):
        srcdir = _base(tmp_path / f"incremental-j{parallel}" / "src", parallel=parallel)
        before = _docs(srcdir)
        EDITS[edit](srcdir)
        read: list[str] = []
        warnings = _build(srcdir, parallel=parallel, read=read)
        assert "source directory has changed" not in warnings
        assert len(read) < len(before) or edit == "config changed", read  # incremental
        got = _output(srcdir / "_build" / "html")
        # no page left of a document gone or left out (Sphinx alone leaves them)
        assert got.keys() - expected.keys() == set(), (edit, parallel)
        assert expected.keys() - got.keys() == set(), (edit, parallel)
        stale = sorted(name for name in expected if got[name] != expected[name])
        assert stale == [], (edit, parallel)


def test_a_status_change_reads_that_post_only(tmp_path: Path) -> None:
    srcdir = _base(tmp_path / "src")
    EDITS["status draft"](srcdir)
    read: list[str] = []
    _build(srcdir, read=read)
    assert "posts/p2" not in read
    # the archive pages whose text changed (the year 2020, the python tag), nothing else
    assert set(read) <= {"blog/2020", "blog/tag/python", "blog/index", "blog/page/2",
                         "blog/page/3"}, read
    assert not (srcdir / "_build" / "html" / "posts" / "p2.html").exists()


@pytest.mark.parametrize(("edit", "shown_in", "only"), [
    # the body only: nothing another page shows of it changed: the post, and (Sphinx's rule)
    # the page whose toctree holds it
    ("body only", set(), {"posts/p3", "blog/2021"}),
    # a heading another page links to (its text shown there): that page too, and the page
    # whose toctree holds that one
    ("heading renamed", {"page"}, {"posts/p3", "blog/2021", "page", "index"}),
    # the title: the pages linking to it, its next post, the list page showing it
    ("title", {"page", "posts/p2", "blog/page/3"}, None),
])
def test_an_edit_writes_the_pages_that_show_what_changed(
        tmp_path: Path, edit: str, shown_in: set[str], only: set[str] | None) -> None:
    srcdir = _base(tmp_path / "src")
    EDITS[edit](srcdir)
    written: list[str] = []
    _build(srcdir, written=written)
    pages = {name for name in written if not name.startswith(("blog/tag/", "blog/category/"))
             and name not in ("genindex", "search")}
    assert shown_in <= pages, (edit, pages)
    if only is not None:
        assert pages == only | shown_in, (edit, pages)


def test_two_apps_in_one_process_never_share_state(tmp_path: Path) -> None:
    sites = {}
    for name, title in (("one", "Billet un"), ("two", "Billet deux")):
        srcdir = tmp_path / name
        srcdir.mkdir()
        (srcdir / "conf.py").write_text(CONF.replace("carnet_posts_per_page = 3",
                                                     f"carnet_posts_per_page = {len(name)}"),
                                        "utf-8")
        _write(srcdir, "index.md", "# Accueil\n")
        _write(srcdir, f"posts/{name}.md", post(title, date="2020-01-01"))
        sites[name] = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    try:
        for app in sites.values():  # both made before either builds, as sphinx.testing can
            app.build()
        for name, app in sites.items():
            from sphinxext.carnet.config import carnet_config
            from sphinxext.carnet.state import build_state

            assert carnet_config(app.config).posts_per_page == len(name)
            scan = build_state(app).scan
            assert scan is not None and [p.docname for p in scan.posts] == [f"posts/{name}"]
            assert list(app.env.get_domain("blog").docs) == [f"posts/{name}"]
            recent = build_state(app).sidebars["carnet_recent"]
            assert [docname for docname, _ in recent] == [f"posts/{name}"]
    finally:
        for app in sites.values():
            app.cleanup()


def test_sidebars_included_by_a_template_follow_a_new_post(tmp_path: Path) -> None:
    """No html_sidebars: the project's own layout includes carnet's template."""
    srcdir = tmp_path / "src"
    (srcdir / "_templates").mkdir(parents=True)
    (srcdir / "_templates" / "layout.html").write_text(
        '{% extends "!layout.html" %}\n'
        '{% block footer %}{% include "carnet/recent.html" %}{{ super() }}{% endblock %}\n',
        "utf-8")
    (srcdir / "conf.py").write_text(BASE_CONF + 'templates_path = ["_templates"]\n', "utf-8")
    _write(srcdir, "index.md", "# Accueil\n\n```{toctree}\npage\n```\n")
    _write(srcdir, "page.md", "# Page\n\nRien sur le blog.\n")
    _write(srcdir, "posts/a.md", post("Ancien", date="2020-01-01"))
    _build(srcdir, fresh=True)
    _write(srcdir, "posts/b.md", post("Nouveau", date="2021-01-01"))
    _build(srcdir)
    page = (srcdir / "_build" / "html" / "page.html").read_text("utf-8")
    assert "Nouveau" in page and "Ancien" in page


def test_ref_to_a_translated_slug_leads_to_the_site_language(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(CONF, "utf-8")
    for name in ("index.md", "page.md", "posts/p5.md", "posts/p5-en.md"):
        _write(srcdir, name, BASE[name])
    warnings = _build(srcdir, fresh=True)
    assert "cinq" not in warnings
    html = (srcdir / "_build" / "html" / "page.html").read_text("utf-8")
    body = BeautifulSoup(html, "html.parser").select_one("div.body")
    links = {a.get_text(): a["href"] for a in body.select("p a")}
    assert links["Cinquième"] == "posts/p5.html"
