"""Header values are untrusted: nothing is written outside the source and output folders, and
no header value, however odd, stops the build."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BASE_CONF, Build, post
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxext.carnet.header import KNOWN_KEYS, Header, language_code
from sphinxext.carnet.posts import finish_post, post_from_header
from sphinxext.carnet.safepath import contained, is_segment, path_segment, slug_segment


@pytest.mark.parametrize(("value", "expected"), [
    ("mon-billet", "mon-billet"),
    ("Café_2.0~x", "Café_2.0~x"),
    ("../../../x", "x"),
    ("/tmp/x", "tmp-x"),
    ("..", ""),
    (".htaccess", "htaccess"),
    ("a/b", "a-b"),
    ("x\\..\\y", "x-y"),
    ("x.", "x"),
    ("", ""),
    ("\x00", ""),
])
def test_path_segment(value: str, expected: str) -> None:
    assert path_segment(value, "") == expected


def test_long_names_are_shortened_at_a_hyphen() -> None:
    name = "mot " * 200
    slug = slug_segment(name, "tag")
    assert is_segment(slug) and len(slug) <= 120 and not slug.endswith("-")
    assert path_segment("a" * 500, "") == "a" * 120


@pytest.mark.parametrize(("value", "expected"), [
    ("fr", "fr"), ("en", "en"), ("pt-BR", "pt-BR"), ("pt_br", "pt-BR"), ("FR", "fr"),
    (".x", None), ("../../../x", None), ("zz", None), ("fr/../en", None), ("", None),
    ("en-\n", None),
])
def test_language_codes_are_checked_with_babel(value: str, expected: str | None) -> None:
    assert language_code(value) == expected


def test_contained(tmp_path: Path) -> None:
    assert contained(tmp_path, "a/b.html") == tmp_path.resolve() / "a" / "b.html"
    assert contained(tmp_path, "../x.html") is None
    assert contained(tmp_path, "/etc/x") is None
    assert contained(tmp_path, ".") is None
    (tmp_path / "link").symlink_to(tmp_path.parent)
    assert contained(tmp_path, "link/x.html") is None


_values = st.one_of(
    st.text(max_size=30), st.integers(), st.none(), st.booleans(), st.floats(),
    st.lists(st.text(max_size=10), max_size=3), st.dictionaries(st.text(max_size=5),
                                                                 st.text(max_size=5), max_size=2),
    st.dates(), st.datetimes(timezones=st.timezones()),
    st.sampled_from(["../../x", "/etc/passwd", ".x", "lang:../x", "0001-01-01 00:00 +14:00",
                     "9999-12-31 23:59 -12:00", "2020-02-30", "a" * 1000]),
)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(KNOWN_KEYS)), _values, max_size=8))
def test_no_header_value_raises_and_paths_stay_safe(fields: dict) -> None:
    header = Header(fields, dict.fromkeys(fields, 1), len(fields) + 1, kind="yaml")
    post_, problems = post_from_header("posts/x", True, header)
    finish_post(post_, "", "x")
    assert is_segment(post_.slug)
    assert post_.lang == "" or language_code(post_.lang) == post_.lang
    post_.sort_key()  # dates of any year and offset still sort
    assert all(isinstance(line, int) and message for line, message in problems)


HOSTILE = {
    "posts/slug-up.md": post("Remonte", date="2020-01-01", slug="../../../../evil"),
    "posts/slug-abs.md": post("Absolu", date="2020-01-02", slug="/tmp/evil"),
    "posts/slug-search.md": post("Recherche", date="2020-01-03", slug="search"),
    "posts/slug-long.md": post("Long", date="2020-01-04", slug="x" * 400),
    "posts/lang-up.md": post("Langue", date="2020-01-05", lang="../../../../evil"),
    "posts/lang-dot.md": post("Point", date="2020-01-06", lang=".x"),
    "posts/lang-tag.md": post("Étiquette", date="2020-01-07", tags="lang:../../x, ok"),
    "posts/tags.md": post("Étiquettes", date="2020-01-08",
                          tags="../../../evil, /etc/evil, .., " + "t" * 400),
    "posts/cat.md": post("Catégorie", date="2020-01-09", category="../../../evil",
                         author="/../../evil"),
    "posts/dates.md": post("Dates", date="0001-01-01 00:00 +14:00",
                           modified="9999-12-31 23:59 -12:00"),
    "posts/en.md": post("English", date="2020-01-10", lang="en"),
    "posts/yaml.md": ("---\ntitle: YAML\ndate: 2020-01-11\nslug: ../../../../yaml-evil\n"
                      "lang: [1, 2]\ntags: {a: 1}\n---\n\nTexte.\n"),
}


def _snapshot(folder: Path, skip: tuple[Path, ...]) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*")
            if p.is_file() and not any(p.is_relative_to(s) for s in skip)}


@pytest.mark.parametrize("parallel", [0, 2])
def test_a_site_of_hostile_headers_writes_only_its_own_folders(make_app, tmp_path: Path,
                                                                parallel: int) -> None:
    sandbox = tmp_path / "sandbox"
    srcdir = sandbox / "a" / "b" / "c" / "d" / "src"
    outdir = sandbox / "a" / "b" / "c" / "d" / "out"
    srcdir.mkdir(parents=True)
    (sandbox / "a" / "keep.html").write_text("the user's own file", "utf-8")
    (srcdir / "conf.py").write_text(
        BASE_CONF + 'html_baseurl = "https://example.org/"\n'
        'carnet_redirect_pattern = "../../{slug}.html"\n', "utf-8")
    (srcdir / "index.md").write_text("# Accueil\n\n```{postlist}\n```\n", "utf-8")
    for name, text in HOSTILE.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, "utf-8")
    before = _snapshot(sandbox, (srcdir, outdir))
    app = make_app("html", srcdir=srcdir, builddir=outdir, freshenv=True, parallel=parallel)
    app.build()
    assert _snapshot(sandbox, (srcdir, outdir)) == before

    warnings = app.warning.getvalue()
    assert "Traceback" not in warnings
    for name, line in [("slug-up", 3), ("slug-abs", 3), ("lang-up", 3), ("lang-dot", 3),
                       ("lang-tag", 3), ("yaml", 4), ("yaml", 5)]:
        assert f"posts/{name}.md:{line}:" in warnings, (name, line)
    # the pattern leads outside the output: each post's redirect is refused, with its name
    assert "posts/slug-abs.md:1: WARNING: not written: '../../tmp-evil.html'" in warnings

    blog = app.env.get_domain("blog")
    assert blog.docs["posts/slug-up"].slug == "evil"
    assert blog.docs["posts/yaml"].slug == "yaml-evil"
    assert blog.docs["posts/lang-up"].lang == ""
    assert blog.docs["posts/lang-tag"].tags == ["ok"]
    # every post is still built, and listed
    html = Path(app.outdir)
    listed = {p.docname for p in blog.posts()}
    for name in HOSTILE:
        docname = name.removesuffix(".md")
        assert (html / f"{docname}.html").is_file(), docname
        assert docname in listed, docname
    # language pages only for real languages
    assert all(language_code(p.stem) == p.stem
               for p in (srcdir / "blog").rglob("lang/*.md"))
    assert all(len(p.name.encode()) < 200 for p in srcdir.rglob("*"))


def test_a_slug_never_replaces_a_page_carnet_did_not_write(build: Build) -> None:
    site = build({"posts/s.md": post("Recherche", slug="search"),
                  "posts/g.md": post("Index", slug="genindex", date="2020-01-03"),
                  "posts/ok.md": post("Ailleurs", slug="ailleurs", date="2020-01-04")})
    assert "no redirect page at 'search.html'" in "\n".join(site.warnings)
    assert site.html("search").select_one("#search-results") is not None \
        or "search" in site.html("search").title.get_text().lower()
    assert "carnet redirect" not in (site.outdir / "genindex.html").read_text("utf-8")
    redirect = (site.outdir / "ailleurs.html").read_text("utf-8")
    assert 'url=posts/ok.html' in redirect
    # rebuilt: the redirect carnet wrote is its own, and is rewritten in place without warning
    again = build({"posts/ok.md": post("Ailleurs encore", slug="ailleurs", date="2020-01-04")},
                  rebuild=True)
    assert not [w for w in again.warnings if "ailleurs.html" in w]
    assert "Ailleurs encore" in (again.outdir / "ailleurs.html").read_text("utf-8")


def test_a_wrong_redirect_pattern_warns(build: Build) -> None:
    site = build({"posts/a.md": post("A")}, conf='carnet_redirect_pattern = "{nom}.html"\n')
    assert any("carnet_redirect_pattern" in w for w in site.warnings)
    assert (site.outdir / "a.html").is_file()  # the default pattern is used


def test_sanitize_keeps_inline_markup_whole(build: Build) -> None:
    body = ('Du <b>gras</b>, un <a href="https://x.org/" onclick="evil()">lien</a>, '
            'une <img src="https://x.org/i.png" onerror="evil()"> image et '
            '<em>*de* l’emphase</em>.\n\n'
            "<div onclick=\"evil()\">\n\nBloc **Markdown**\n\n</div>\n")
    site = build({"posts/s.md": post("S", body=body)}, conf='carnet_raw_html = "sanitize"\n')
    para = site.body("posts/s").find("b").parent
    assert para.find("b").get_text() == "gras"
    link = para.find("a", string="lien")
    assert link["href"] == "https://x.org/" and "onclick" not in link.attrs
    image = para.find("img")
    assert image["src"] == "https://x.org/i.png" and "onerror" not in image.attrs
    assert para.find("em").find("em").get_text() == "de"
    assert "evil" not in str(site.body("posts/s"))
    # an HTML block with blank lines is one block (as in Python-Markdown), cleaned whole
    assert "Bloc **Markdown**" in site.body("posts/s").get_text()


def test_a_cp1252_include_warns_with_its_own_name(build: Build) -> None:
    site = build({
        "posts/a.md": post("A", body="Avant.\n\n```{include} part.txt\n```\n"),
        "posts/part.txt": "Deuxième ligne\ncafé crème\n".encode("cp1252"),
        "posts/b.md": post("B", date="2020-01-05"),
    })
    warnings = "\n".join(site.warnings)
    assert "posts/part.txt:1:" in warnings and "read as cp1252" in warnings
    text = site.body("posts/a").get_text()
    assert "café crème" in text and "\ufdd2" not in text
    assert "posts/b.md" not in warnings


def test_a_cp1252_post_read_after_another_warns_once(build: Build) -> None:
    site = build({"posts/a.md": post("A", body="Caf\u00e9.\n").encode("cp1252"),
                  "posts/b.md": post("B", date=str(dt.date(2021, 1, 1)))})
    found = [w for w in site.warnings if "read as cp1252" in w]
    assert len(found) == 1 and "posts/a.md" in found[0]
    assert "\ufdd2" not in BeautifulSoup(
        (site.outdir / "posts" / "a.html").read_text("utf-8"), "html.parser").get_text()
