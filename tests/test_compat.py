"""Python-Markdown compatibility: migrated posts keep their content."""

from __future__ import annotations

from conftest import Build, post
from docutils import nodes

from sphinxext.carnet.compat import unindent_lists_after_quotes


def test_html_block_with_blank_lines_stays_one_block(build: Build) -> None:
    body = ('<div class="encadre">\n<p>Un</p>\n\n<p>*Deux*</p>\n\n</div>\n\nAprès.\n')
    site = build({"posts/h.md": post(body=body)})
    raws = list(site.doctree("posts/h").findall(nodes.raw))
    assert len(raws) == 1
    assert "<p>*Deux*</p>" in raws[0].astext() and "</div>" in raws[0].astext()
    div = site.body("posts/h").find("div", class_="encadre")
    assert div is not None and len(div.find_all("p")) == 2
    assert site.body("posts/h").find("p", string="Après.") is not None


def test_markdown_right_after_a_closing_tag_is_markdown(build: Build) -> None:
    body = '<div class="logo">\n<img src="x.png" alt="x">\n</div>\nDu *Markdown* ici.\n'
    site = build({"posts/m.md": post(body=body)})
    page = site.body("posts/m")
    emphasis = page.find("em")
    assert emphasis is not None and emphasis.get_text() == "Markdown"
    assert page.get_text().count("Du Markdown ici.") == 1
    assert page.find("div", class_="logo") is not None


def test_quote_followed_by_an_indented_list_keeps_the_list(build: Build) -> None:
    body = "> Une citation\n    - premier\n    - second\n        - imbriqué\n\nFin.\n"
    site = build({"posts/q.md": post(body=body)})
    page = site.body("posts/q")
    assert page.find("blockquote").get_text().strip() == "Une citation"
    items = [li.find(string=True).strip() for li in page.find_all("li")]
    assert items == ["premier", "second", "imbriqué"]


def test_unindent_keeps_line_count() -> None:
    text = "> a\n  * b\n  * c\n\nd"
    result = unindent_lists_after_quotes(text)
    assert result.count("\n") == text.count("\n")
    assert result.split("\n")[1] == "* b"


def test_toc_markers_become_a_generated_table_of_contents(build: Build) -> None:
    body = ("<!-- toc -->\n\n- [Vieux lien](#vieux)\n\n<!-- tocstop -->\n\n"
            "# Partie A\n\nA.\n\n## Sous-partie\n\nB.\n\n# Partie B\n\nC.\n")
    site = build({"posts/t.md": post(body=body)})
    toc = site.body("posts/t").find(class_="carnet-toc")
    assert toc is not None
    assert [a.get_text() for a in toc.find_all("a")] == ["Partie A", "Sous-partie", "Partie B"]
    assert "Vieux lien" not in site.body("posts/t").get_text()
    for link in toc.find_all("a"):
        assert site.body("posts/t").find(id=link["href"][1:]) is not None


def test_attribute_lists(build: Build) -> None:
    body = ("Un paragraphe.\n{: .important #ici}\n\n"
            "![logo](logo.png){: .centre}\n\n## Titre {: .special}\n\nFin.\n")
    site = build({"posts/a.md": post(body=body), "posts/logo.png": b"\x89PNG\r\n\x1a\n"})
    page = site.body("posts/a")
    para = page.find("p", class_="important")
    assert para is not None and para.get_text().strip() == "Un paragraphe."
    assert page.find(id="ici") is not None
    assert "centre" in page.find("img")["class"]
    assert "{:" not in page.get_text()
    assert page.find(class_="special") is not None


def test_code_block_language_header(build: Build) -> None:
    body = "Voici :\n\n    :::python\n    def f():\n        return 1\n\nFin.\n"
    site = build({"posts/c.md": post(body=body)})
    [block] = site.doctree("posts/c").findall(nodes.literal_block)
    assert block["language"] == "python"
    assert block.astext().rstrip("\n") == "def f():\n    return 1"
    assert ":::" not in site.body("posts/c").get_text()


def test_python_markdown_toc_marker(build: Build) -> None:
    site = build({"posts/t.md": post(body="[TOC]\n\n# Un\n\nA.\n\n# Deux\n\nB.\n")})
    toc = site.body("posts/t").find(class_="carnet-toc")
    assert [a.get_text() for a in toc.find_all("a")] == ["Un", "Deux"]
    assert "[TOC]" not in site.body("posts/t").get_text()
