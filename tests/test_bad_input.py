"""Broken posts: the build goes on, each problem is named with its file and line, nothing is
silently lost, and no traceback reaches the user."""

from __future__ import annotations

from conftest import Build, post

BIG = "Un paragraphe assez long pour peser : « guillemets », 10 000 € ; fin !\n\n" * 28000


def test_a_blog_of_broken_posts_builds(build: Build) -> None:
    files: dict[str, str | bytes] = {
        "posts/date.md": "Title: Mauvaise date\nDate: 2019-XX-YY\n\nTexte.\n",
        "posts/sans-titre.md": "Date: 2020-01-01\n\nPas de titre.\n",
        "posts/vide.md": "",
        "posts/entete-seul.md": "Title: Rien que l'en-tête\nDate: 2020-01-02",
        "posts/cp1252.md": "Title: Été\nDate: 2020-01-03\n\nÀ bientôt.\n".encode("cp1252"),
        "posts/octets.md": b"Title: Octets\nDate: 2020-01-04\n\nMauvais \x81\x8d octets.\n",
        "posts/markup.md": ("Title: <script>alert(1)</script> & <img src=x onerror=alert(1)>\n"
                            "Date: 2020-01-05\nTags: <b>gras</b>, \"x\" onerror=y\n"
                            "Summary: <script>alert(2)</script>\n\nTexte.\n"),
        "posts/inconnu.md": "Title: Clés inconnues\nDate: 2020-01-06\nFoo: bar\n\nTexte.\n",
        "posts/sans-fin.md": "Title: En-tête sans fin\nDate: 2020-01-07\nLe texte commence.\n",
        "posts/tags-vides.md": "Title: Tags vides\nDate: 2020-01-08\nTags: , ,\n\nTexte.\n",
        "posts/gros.md": post("Gros billet", date="2020-01-09", body=BIG),
        "posts/cr.md": post("Fins CR", date="2020-01-10").replace("\n", "\r").encode(),
        "posts/crlf.md": post("Fins CRLF", date="2020-01-11").replace("\n", "\r\n").encode(),
        "posts/bom.md": ("\ufeff" + post("BOM", date="2020-01-12")).encode(),
        "posts/double-a.md": post("Doublon", slug="doublon", date="2020-01-13"),
        "posts/double-b.md": post("Doublon bis", slug="doublon", date="2020-01-14"),
    }
    site = build(files)  # no exception: the build itself is the first assertion
    warnings = "\n".join(site.warnings)
    assert "Traceback" not in warnings and "Exception" not in warnings
    for name, line in [("date", 2), ("sans-titre", 1), ("cp1252", 1), ("octets", 4),
                       ("sans-fin", 3), ("double-b", 1)]:
        assert f"posts/{name}.md:{line}:" in warnings, name
    # nothing silently dropped: every file is a document and every dated post is listed
    for name in files:
        docname = name.removesuffix(".md")
        assert docname in site.env.all_docs, docname
    listed = {p.docname for p in site.blog.posts()}
    assert {"posts/gros", "posts/cr", "posts/markup", "posts/sans-fin"} <= listed
    assert site.blog.docs["posts/vide"].title == "vide"
    assert site.blog.docs["posts/entete-seul"].title == "Rien que l'en-tête"
    assert site.blog.docs["posts/tags-vides"].tags == []


def test_markup_in_titles_tags_and_summaries_is_escaped_everywhere(build: Build) -> None:
    evil = "<script>alert(1)</script><img src=x onerror=alert(1)>"
    site = build({"posts/x.md": f"Title: {evil}\nDate: 2020-01-01\nTags: {evil}\n"
                                f"Summary: {evil}\n\nTexte.\n"},
                 conf='html_baseurl = "https://x.org/"\n'
                      'html_sidebars = {"**": ["carnet/recent.html", "carnet/tags.html"]}\n',
                 confoverrides={"html_theme": "alabaster"})
    for page in site.outdir.rglob("*.html"):
        html = page.read_text("utf-8")
        assert "<script>alert" not in html, page
        assert "<img src=x" not in html and "<img src=\"x\"" not in html, page
    for feed in site.outdir.rglob("*.xml"):
        assert "<script>" not in feed.read_text("utf-8"), feed


def test_raw_html_can_be_sanitized_or_dropped(build: Build) -> None:
    body = ('<div onclick="evil()"><p>Gardé</p><script>evil()</script></div>\n\n'
            "Texte ordinaire.\n")
    site = build({"posts/s.md": post("S", body=body)}, conf='carnet_raw_html = "sanitize"\n')
    html = str(site.body("posts/s"))
    assert "Gardé" in html and "onclick" not in html and "evil()" not in html
    site.app.cleanup()


def test_raw_html_dropped(build: Build) -> None:
    body = '<div class="x"><p>Parti</p></div>\n\nTexte ordinaire.\n'
    site = build({"posts/d.md": post("D", body=body)}, conf='carnet_raw_html = "drop"\n')
    text = site.body("posts/d").get_text()
    assert "Parti" not in text and "Texte ordinaire." in text
