"""Pure header, date, tag, slug and title rules (no Sphinx)."""

from __future__ import annotations

import datetime as dt

import pytest

from sphinxext.carnet.header import (
    parse_date,
    parse_title,
    read_front_matter,
    read_pelican_header,
    slug_from_title,
    split_tags,
    title_text,
)
from sphinxext.carnet.posts import post_from_header


def test_pelican_header_ended_by_dashes() -> None:
    header = read_pelican_header("Title: A\nDate: 2017-09-25 19:00\nTags:\nSlug:\n---\n\nBody")
    assert header is not None
    assert header.fields == {"title": "A", "date": "2017-09-25 19:00", "tags": "", "slug": ""}
    assert header.length == 5
    assert header.lines["date"] == 2
    assert header.problems == []


def test_pelican_header_ended_by_blank_line_and_continuation() -> None:
    text = "Title: A\nSummary: first part\n    second part\nFoo-Bar: kept\n\n# Body"
    header = read_pelican_header(text)
    assert header is not None
    assert header.fields["summary"] == "first part second part"
    assert header.fields["foo-bar"] == "kept"
    assert header.length == 5


def test_text_that_is_not_a_header_is_left_alone() -> None:
    assert read_pelican_header("Note: this page starts with prose.\n\nMore.") is None
    assert read_pelican_header("# Title\n\nTitle: no") is None


def test_header_without_terminator_is_reported_on_its_line() -> None:
    header = read_pelican_header("Title: A\nDate: 2020-01-01\nSome text right away.")
    assert header is not None
    assert header.length == 2
    assert not header.terminated
    assert header.problems[0][0] == 3


def test_front_matter_keys_are_lowercased() -> None:
    header = read_front_matter("---\nTitle: A\ntags: [x, y]\ndate: 2020-01-02\n---\nBody")
    assert header is not None
    assert header.kind == "yaml"
    post, problems = post_from_header("posts/a", True, header)
    assert problems == []
    assert post.title == "A"
    assert post.tags == ["x", "y"]
    assert post.date == dt.datetime(2020, 1, 2)


@pytest.mark.parametrize(("text", "expected"), [
    ("2017-09-25 19:00", dt.datetime(2017, 9, 25, 19, 0)),
    ("2018-06-18 9:00", dt.datetime(2018, 6, 18, 9, 0)),
    ("2025-11-11", dt.datetime(2025, 11, 11)),
    ("2019-03-04T10:00:00+02:00",
     dt.datetime(2019, 3, 4, 10, tzinfo=dt.timezone(dt.timedelta(hours=2)))),
    ("2019-03-04T10:00Z", dt.datetime(2019, 3, 4, 10, tzinfo=dt.UTC)),
])
def test_dates(text: str, expected: dt.datetime) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2019-XX-YY", "?", "", "2019-13-45", "hier"])
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_invalid_date_keeps_the_post_undated_with_a_located_problem() -> None:
    header = read_pelican_header("Title: A\nDate: 2019-XX-YY\n\nBody")
    post, problems = post_from_header("posts/a", True, header)
    assert post.date is None
    assert post.title == "A"
    assert problems and problems[0][0] == 2 and "2019-XX-YY" in problems[0][1]


def test_tags_are_trimmed_and_lang_tag_gives_the_language() -> None:
    assert split_tags(" lang:fr, python , ,open-source,") == (["python", "open-source"], "fr")
    header = read_pelican_header("Title: A\nTags: lang:en, x\nLang: de\n\n")
    post, _ = post_from_header("a", True, header)
    assert post.lang == "de"  # Lang wins over the tag
    assert post.tags == ["x"]


def test_unknown_keys_are_kept_as_metadata() -> None:
    header = read_pelican_header("Title: A\nHeroImage: x.png\n\n")
    post, _ = post_from_header("a", True, header)
    assert post.extra == {"heroimage": "x.png"}


def test_unknown_status_is_reported() -> None:
    post, problems = post_from_header("a", True, read_pelican_header("Title: A\nStatus: wip\n\n"))
    assert post.status == "published"
    assert "wip" in problems[0][1]


@pytest.mark.parametrize(("title", "slug"), [
    ("Compte-rendu de la PyConFr 2017", "compte-rendu-de-la-pyconfr-2017"),
    ("L'été où j'ai appris Ça & œuvres", "l-ete-ou-j-ai-appris-ca-oeuvres"),
    ("Straße", "strasse"),
])
def test_slug_from_title(title: str, slug: str) -> None:
    assert slug_from_title(title) == slug


def test_title_is_text_with_a_few_inline_tags() -> None:
    parts = parse_title("A &amp; B <s>old</s> <em>new</em> <script>x()</script> __del__ Psi*Run")
    assert parts[0] == "A & B "
    assert ("strike", ["old"]) in parts
    assert ("emphasis", ["new"]) in parts
    assert title_text(parts) == "A & B old new <script>x()</script> __del__ Psi*Run"
