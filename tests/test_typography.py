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


@settings(max_examples=400, deadline=None)
@given(french_text)
def test_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=400, deadline=None)
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
