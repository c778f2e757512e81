"""French typography: the pure function (conformance cases, properties, house style)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import CONFORMANCE
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxext.carnet.typography import NBSP, NNBSP, normalize

CHANGEABLE = set(" \t\n\u00a0\u202f\u2009\u2007\"'«»“”’.…-–—")


def _conformance() -> dict:
    if not CONFORMANCE.exists():
        pytest.skip(f"{CONFORMANCE} is not here: run the tests beside ../shared")
    return json.loads(CONFORMANCE.read_text(encoding="utf-8"))


def test_conformance_cases() -> None:
    data = _conformance()
    failures = [
        (case["input"], normalize(case["input"], data["locale"],
                                  narrow_nbsp=data["narrow_nbsp"]), case["expected"])
        for case in data["cases"]
        if normalize(case["input"], data["locale"], narrow_nbsp=data["narrow_nbsp"])
        != case["expected"]
    ]
    passed = len(data["cases"]) - len(failures)
    assert passed / len(data["cases"]) >= 0.97, failures


@pytest.mark.parametrize(("text", "expected"), [
    ("Il m'a dit : « Viens ! »", f"Il m’a dit{NBSP}: «{NBSP}Viens{NNBSP}!{NBSP}»"),
    ("Le prix : 1 500 € ; la TVA (20 %) en sus.",
     f"Le prix{NBSP}: 1{NNBSP}500{NBSP}€{NNBSP}; la TVA (20{NBSP}%) en sus."),
    ('Elle a dit "C\'est \'génial\' !"', f"Elle a dit «{NBSP}C’est “génial”{NNBSP}!{NBSP}»"),
    ("Les options --verbose et -v.", "Les options --verbose et -v."),
    ("Voir std::map et fe80::1 ; 192.168.0.1 : ok.",
     f"Voir std::map et fe80::1{NNBSP}; 192.168.0.1{NBSP}: ok."),
    ("Lol :D et :-( et ;-) !", f"Lol :D et :-( et ;-){NNBSP}!"),
    ("Le match s'est fini 3-2.", "Le match s’est fini 3-2."),
    ("Taille 1920x1080 px.", f"Taille 1920x1080{NBSP}px."),
    ("Il y a 20km.", "Il y a 20km."),
    ("Un \"seul guillemet", "Un \"seul guillemet"),
    ("10h30 : Plone - Makina", f"10h30{NBSP}: Plone – Makina"),
])
def test_house_style(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_quebec_has_no_space_before_semicolon_exclamation_question() -> None:
    assert normalize("Allo ! Ça va ? Oui ; non : fin", "fr-CA") == \
        f"Allo! Ça va? Oui; non{NBSP}: fin"


def test_without_narrow_nbsp_everything_is_nbsp() -> None:
    assert normalize("Oui ? 10 000 ans ; « non »", narrow_nbsp=False) == \
        f"Oui{NBSP}? 10{NBSP}000 ans{NBSP}; «{NBSP}non{NBSP}»"


def test_other_languages_are_left_alone() -> None:
    text = "Hello : \"world\" ! It's 10 000 km..."
    assert normalize(text, "en") == text
    assert normalize(text, "fr-FR") != text


french_text = st.lists(
    st.sampled_from([*"abcdeéèàçôÉÇ 0123456789'\".,;:!?-()«»…\u00a0\u202f\n%€h",
                     "http://x.fr/a?b", " km", "M. ", "etc...", " -- ", "::", "l'", " : ",
                     "10 000", ":)", "&amp;"]),
    max_size=40,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(french_text)
def test_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=500, deadline=None)
@given(french_text)
def test_only_spaces_quotes_apostrophes_dots_and_dashes_change(text: str) -> None:
    def fold(value: str) -> str:
        return "".join(c for c in value if c not in CHANGEABLE)

    assert fold(normalize(text)) == fold(text)


def test_conformance_outputs_are_fixed_points() -> None:
    data = _conformance()
    for case in data["cases"]:
        out = normalize(case["input"])
        assert normalize(out) == out, case["input"]


def test_quotes_pair_paragraph_by_paragraph() -> None:
    text = 'Un "seul guillemet.\n\nPuis "deux" mots.'
    assert normalize(text) == f'Un "seul guillemet.\n\nPuis «{NBSP}deux{NBSP}» mots.'


def _doc_examples() -> list[tuple[str, str]]:
    """The examples table of docs/typographie.md: the documentation is a test fixture."""
    page = (Path(__file__).parent.parent / "docs" / "typographie.md").read_text("utf-8")
    rows = re.findall(r"^\| `([^`]+)` \| `([^`]+)` \|", page, re.M)
    return [(before, after.replace("␣", NBSP).replace("‿", NNBSP)) for before, after in rows]


@pytest.mark.parametrize(("text", "expected"), _doc_examples())
def test_documentation_examples(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_the_documentation_has_examples() -> None:
    assert len(_doc_examples()) >= 20


@pytest.mark.parametrize(("text", "expected"), [
    # single quotes: a pair becomes “ ”, the house style's inner quotes, never half converted
    ("Il a dit 'bonjour' hier.", "Il a dit “bonjour” hier."),
    ("Gauthier 'GO@T' Lion a gagné.", "Gauthier “GO@T” Lion a gagné."),
    ("Il a dit 'l'été' et 'l'hiver'.", "Il a dit “l’été” et “l’hiver”."),
    ("Il dit : 'oui, c'est ça !'", f"Il dit{NBSP}: “oui, c’est ça{NNBSP}!”"),
    ("'Bonjour', dit-il.", "“Bonjour”, dit-il."),
    ("(voir 'la suite')", "(voir “la suite”)"),
    ("Un 'seul guillemet", "Un 'seul guillemet"),
    ("Les années '90 et '80.", "Les années ’90 et ’80."),
    ("Du rock'n'roll et du rock 'n' roll.", "Du rock’n’roll et du rock ’n’ roll."),
    ("Il fait 5' de plus.", "Il fait 5' de plus."),
    # an elision needs its word to stand alone: GO@T' is no « t' »
    ("a 'b@c' d", "a “b@c” d"),
    ("le GO@T' Lion", "le GO@T’ Lion"),
    ("l' éléphant et qu' il", "l’éléphant et qu’il"),
    # an empty pair keeps its space (a task list without the extension)
    ("* [ ] Relire le billet", "* [ ] Relire le billet"),
    ("f( ) et ( x )", "f( ) et (x)"),
])
def test_single_quotes_and_spaces_no_peer_suite_covers(text: str, expected: str) -> None:
    assert normalize(text) == expected


_ELIDED = re.compile(r"(?i)(?:^|[\s«“(\[—–])(?:qu|jusqu|lorsqu|puisqu|quoiqu|presqu|[cdjlmnst])$")
_SPACE_CHARS = " \t\n\u00a0\u202f\u2009\u2007"


def _gaps(text: str) -> list[tuple[str, str]]:
    """For each letter or digit: (the text before it since the previous one, the text
    before that gap), so that two texts with the same letters can be compared gap by gap."""
    gaps = []
    last = 0
    for index, char in enumerate(text):
        if char.isalnum():
            gaps.append((text[last:index], text[:last]))
            last = index + 1
    return gaps


_word = st.sampled_from(["a", "mot", "été", "x1", "10", "GO@T", "l'", "qu'", "'90", "n'",
                         "l'été", "M.", "etc...", "http://x.fr/a", "c'", "A", "-"])
_before = st.sampled_from(["", "", "(", "( ", "'", '"', "« ", "[", "[ ", "— "])
_after = st.sampled_from(["", "", "", ",", " ,", ".", " .", "'", '"', " »", ")", " )", "...",
                          " ...", " !", "!", " :", ";", " ;", "?", "-", "]", " ]"])
# words with their punctuation, typed right or with the usual slips (a space before , or ))
spaced_text = st.lists(st.tuples(_before, _word, _after).map("".join), min_size=1,
                       max_size=12).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(spaced_text)
def test_never_removes_a_space_between_two_words(text: str) -> None:
    """Letters and digits never change, so they align the two texts: where a space stood
    between two of them, one still stands, but after an elided article (l' arbre)."""
    out = normalize(text)
    for (before, head), (after, _) in zip(_gaps(text)[1:], _gaps(out)[1:], strict=True):
        if not any(c in _SPACE_CHARS for c in before):
            continue
        if any(c in _SPACE_CHARS for c in after):
            continue
        word_end = head + before.split("'")[0].split("’")[0]
        assert before.lstrip(_SPACE_CHARS)[:1] in "'’" or _ELIDED.search(word_end), \
            (text, out, before, after)


quote_words = st.lists(st.sampled_from(["mot", "l'été", "c'est", "GO@T", "90", "bien",
                                        "oui !", "x, y", "aujourd'hui"]),
                       min_size=1, max_size=4).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(["'", '"']), quote_words,
       st.sampled_from(["Il dit ", "(", "« Il dit ", "", "— "]),
       st.sampled_from([" hier.", ".", ")", " »", "", " !", ", dit-il."]))
def test_never_leaves_half_a_pair(quote: str, phrase: str, prefix: str, suffix: str) -> None:
    """A quoted phrase comes out with both quotes as typed, or both curled, of one pair."""
    text = prefix + quote + phrase + quote + suffix
    out = normalize(text)
    letters = [i for i, c in enumerate(out) if c.isalnum()]
    first = len([c for c in prefix if c.isalnum()])
    count = len([c for c in phrase if c.isalnum()])
    opening = out[:letters[first]].rstrip(_SPACE_CHARS)[-1]
    closing = out[letters[first + count - 1] + 1:].lstrip(_SPACE_CHARS)
    closing = closing.lstrip(_SPACE_CHARS + "!")[:1] if phrase.endswith("!") else closing[:1]
    assert (opening, closing) in {(quote, quote), ("«", "»"), ("“", "”")}, (text, out)


@pytest.mark.parametrize(("text", "expected"), [
    # found by running normalize over Sphinx's and Django's French catalogs
    # (scripts/prose_review.py): a mark quoted for itself stays as typed
    ("les caractères « @ », « . », « , » et « - ».",
     f"les caractères «{NBSP}@{NBSP}», «{NBSP}.{NBSP}», «{NBSP},{NBSP}» et «{NBSP}-{NBSP}»."),
    ("Tapez « ! » ou « ? », pas « -- ».",
     f"Tapez «{NBSP}!{NBSP}» ou «{NBSP}?{NBSP}», pas «{NBSP}--{NBSP}»."),
    ("(p. ex. « . »)", f"(p.{NBSP}ex. «{NBSP}.{NBSP}»)"),
    # 'n' between quotes is the letter n, not rock 'n' roll
    ("Merci de saisir 'y' ou 'n'.", "Merci de saisir “y” ou “n”."),
    ("par exemple '.rst' ou '.txt'.", "par exemple “.rst” ou “.txt”."),
    ("La déclaration est '.. cpp:%s:: %s'.", "La déclaration est “.. cpp:%s:: %s”."),
    ("supprimer l’objet « %(name)s » ?", f"supprimer l’objet «{NBSP}%(name)s{NBSP}»{NNBSP}?"),
])
def test_surprises_from_real_prose(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_a_mark_in_straight_quotes_is_quoted_for_itself() -> None:
    assert normalize('un autre préfixe (p. ex. ".") pour "_"') == \
        f"un autre préfixe (p.{NBSP}ex. «{NBSP}.{NBSP}») pour «{NBSP}_{NBSP}»"
