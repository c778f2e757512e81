"""French typography in built sites: prose only, code and markup untouched."""

from __future__ import annotations

import itertools

from conftest import Build, post
from docutils import nodes
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_typography import french_text

from sphinxext.carnet.typeset import typeset_element
from sphinxext.carnet.typography import NBSP, NNBSP, normalize

BODY = """\
Un paragraphe : il contient du `code: "brut" ; intact` et un [lien](https://exemple.fr/?a=1&b=2) !

```python
print("Bonjour : le monde !")  # jamais touché...
```

<div class="brut">
HTML : "brut" !
</div>

Une <span title="a : b">balise : en ligne</span> !

Des maths : $a:b = c ; d$ et la suite !

Des "guillemets *autour* d'une emphase" et [un "lien" cité](autre.html) !
"""


def test_prose_is_fixed_and_the_rest_is_byte_identical(build: Build) -> None:
    site = build({"posts/fr.md": post("Titre : essai !", body=BODY),
                  "posts/autre.md": post("Autre", slug="autre")},
                 conf='myst_enable_extensions = ["dollarmath"]\n')
    assert site.warnings == []
    doctree = site.doctree("posts/fr")
    paragraphs = [p.astext() for p in doctree.findall(nodes.paragraph)]
    assert paragraphs[0].startswith(f"Un paragraphe{NBSP}: il contient")
    assert paragraphs[0].endswith(f"lien{NNBSP}!")
    [literal] = list(doctree.findall(nodes.literal))
    assert literal.astext() == 'code: "brut" ; intact'
    [block] = doctree.findall(nodes.literal_block)
    assert block.astext().rstrip("\n") == 'print("Bonjour : le monde !")  # jamais touché...'
    raw = "".join(n.astext() for n in doctree.findall(nodes.raw))
    assert '<div class="brut">\nHTML : "brut" !\n</div>' in raw
    assert '<span title="a : b">' in raw
    assert f"balise{NBSP}: en ligne" in paragraphs[1]
    [math] = list(doctree.findall(nodes.math))
    assert math.astext() == "a:b = c ; d"
    refs = [n for n in doctree.findall(nodes.reference) if n.get("refuri", "").startswith("http")]
    assert refs[0]["refuri"] == "https://exemple.fr/?a=1&b=2"
    last = paragraphs[-1]
    assert last.startswith(f"Des «{NBSP}guillemets autour d’une emphase{NBSP}»")
    assert f"un “lien” cité{NNBSP}!" in last or f"un «{NBSP}lien{NBSP}» cité{NNBSP}!" in last
    page = site.body("posts/fr")
    assert page.find("em").get_text() == "autour"
    assert site.html("posts/fr").title.get_text().startswith(f"Titre{NBSP}: essai{NNBSP}!")
    assert f"Titre{NBSP}: essai{NNBSP}!" in site.body("index").get_text()


def test_english_post_gets_no_french_spacing(build: Build) -> None:
    site = build({"posts/en.md": post("Hello: world!", lang="en",
                                      body='Some text: "quoted" here!\n')})
    text = site.body("posts/en").get_text()
    assert NNBSP not in text and NBSP not in text
    assert "Some text: “quoted” here!" in text  # Sphinx's own English smart quotes


def test_quebec_post(build: Build) -> None:
    site = build({"posts/ca.md": post("Allo", lang="fr-CA", body="Ça va ? Oui : bien !\n")})
    assert f"Ça va? Oui{NBSP}: bien!" in site.body("posts/ca").get_text()


def test_same_result_with_or_without_smartquotes(build: Build, make_app, tmp_path) -> None:
    files = {"posts/q.md": post("Q", body='Il a dit "non" -- puis... rien \'ici\'.\n')}
    with_sq = build(files)
    text_with = with_sq.body("posts/q").get_text()
    other = tmp_path / "other"
    other.mkdir()
    (other / "conf.py").write_text('extensions = ["sphinxext.carnet"]\nlanguage = "fr"\n'
                                   "smartquotes = False\n", encoding="utf-8")
    (other / "index.md").write_text("# Accueil\n", encoding="utf-8")
    (other / "posts").mkdir()
    (other / "posts/q.md").write_text(files["posts/q.md"], encoding="utf-8")
    app = make_app("html", srcdir=other, freshenv=True)
    app.build()
    from bs4 import BeautifulSoup

    page = BeautifulSoup((app.outdir / "posts/q.html").read_text("utf-8"), "html.parser")
    assert page.select_one("div.body").get_text() == text_with
    assert f"«{NBSP}non{NBSP}» – puis… rien" in text_with


def test_typography_can_be_turned_off_and_ids_do_not_depend_on_it(build: Build,
                                                                   make_app, tmp_path) -> None:
    body = "# C'est quoi : un titre ?\n\nTexte : ici !\n"
    site = build({"posts/i.md": post(body=body)}, conf="carnet_typography = False\n")
    off_ids = [s["ids"] for s in site.doctree("posts/i").findall(nodes.section)]
    assert "Texte : ici !" in site.body("posts/i").get_text()
    site.app.cleanup()
    other = tmp_path / "on"
    other.mkdir()
    (other / "conf.py").write_text('extensions = ["sphinxext.carnet"]\nlanguage = "fr"\n',
                                   encoding="utf-8")
    (other / "index.md").write_text("# Accueil\n", encoding="utf-8")
    (other / "posts").mkdir()
    (other / "posts/i.md").write_text(post(body=body), encoding="utf-8")
    app = make_app("html", srcdir=other, freshenv=True)
    app.build()
    on_ids = [s["ids"] for s in app.env.get_doctree("posts/i").findall(nodes.section)]
    assert on_ids == off_ids


def test_an_element_in_another_language_is_left_alone(build: Build) -> None:
    page = ("Page\n====\n\nFrançais : oui !\n\n.. container:: lang-en\n\n"
            "   English: yes!\n")
    site = build({"page.rst": page}, index="# Accueil\n\n```{toctree}\npage\n```\n")
    text = site.body("page").get_text()
    assert f"Français{NBSP}: oui{NNBSP}!" in text
    assert "English: yes!" in text


def test_a_link_whose_text_comes_later_keeps_its_spaces(build: Build) -> None:
    # [](doc#heading) and {doc}`x` have their text filled when links resolve, after the
    # typography: the spaces around them are not a double space to squeeze
    site = build({"page.md": "# Page\n\nVoir [](autre.md#la-suite) et [](autre.md) , puis "
                             "{doc}`autre` !\n",
                  "autre.md": "# Autre\n\n## La suite\n\nTexte.\n"},
                 index="# Accueil\n\n```{toctree}\npage\nautre\n```\n")
    text = site.body("page").select_one("p").get_text()
    assert text == f"Voir La suite et Autre, puis Autre{NNBSP}!"


def _split_paragraph(text: str, cuts: list[int]) -> nodes.paragraph:
    """The text cut into text nodes, every other one inside an emphasis."""
    points = sorted({c % (len(text) + 1) for c in cuts} | {0, len(text)})
    para = nodes.paragraph()
    for index, (start, end) in enumerate(itertools.pairwise(points)):
        piece = nodes.Text(text[start:end])
        para += nodes.emphasis("", "", piece) if index % 2 else piece
    return para


@settings(max_examples=300, deadline=None)
@given(french_text, st.lists(st.integers(min_value=0, max_value=200), max_size=5))
def test_inline_markup_never_changes_the_result(text: str, cuts: list[int]) -> None:
    assume(text.strip())  # blank text is left as it is
    para = _split_paragraph(text, cuts)
    typeset_element(para, "fr")
    assert para.astext() == normalize(text)
