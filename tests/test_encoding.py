"""Sources saved as people save them: BOM, CR/CRLF, cp1252, mojibake."""

from __future__ import annotations

from conftest import Build, post

from sphinxext.carnet.encoding import decode_source, repair_mojibake


def test_mojibake_is_repaired_word_by_word() -> None:
    text, count = repair_mojibake("Cette ann√©e, [lien](https://x.org) d‚Äôaccord \uf8ffüôè ‚ö† ok")
    assert text == "Cette année, [lien](https://x.org) d’accord 🙏 ⚠ ok"
    assert count == 4


def test_cp1252_mojibake_and_good_text_side_by_side() -> None:
    text, count = repair_mojibake("Ã©tÃ© et été, naïve « ça » 10 000 €")
    assert text == "été et été, naïve « ça » 10 000 €"
    assert count == 1


def test_correct_french_is_never_touched() -> None:
    sample = ("L’été à Noël : « ça », naïve, cœur, Ça, ÉTÉ, où, 25 °C, 3 €, √2, ©, ß, ™. "
              "l’écrivait, d’être, s’écrire, l’étiquette, qu’à, jusqu’où, aujourd’hui.")
    assert repair_mojibake(sample) == (sample, 0)


def test_decode_falls_back_to_cp1252_and_names_the_line() -> None:
    text, line = decode_source("ligne un\nl'\u00e9t\u00e9\n".encode("cp1252"))
    assert text == "ligne un\nl'été\n"
    assert line == 2
    assert decode_source("\ufeffé".encode()) == ("é", None)


def test_bom_crlf_and_cr_build_clean(build: Build) -> None:
    site = build({
        "posts/bom.md": ("\ufeff" + post("Avec BOM", body="Été.\n")).encode(),
        "posts/crlf.md": post("Fins CRLF", body="Un.\n\nDeux.\n").replace("\n", "\r\n").encode(),
        "posts/cr.md": post("Fins CR", body="Un.\n\nDeux.\n").replace("\n", "\r").encode(),
    })
    assert site.warnings == []
    for name, title in [("bom", "Avec BOM"), ("crlf", "Fins CRLF"), ("cr", "Fins CR")]:
        record = site.blog.docs[f"posts/{name}"]
        assert record.title == title
        assert record.date is not None
    assert "Title" not in site.body("posts/cr").get_text()
    assert len(site.body("posts/crlf").find("section").find_all("p", recursive=False)) == 2


def test_a_cp1252_file_is_read_with_a_warning(build: Build) -> None:
    site = build({"posts/w.md": post("Été", body="Première ligne.\n").encode("cp1252")})
    assert site.blog.docs["posts/w"].title == "Été"
    assert "Première ligne." in site.body("posts/w").get_text()
    [warning] = site.warnings
    assert "posts/w.md:1:" in warning and "cp1252" in warning


def test_the_mojibake_seed_is_repaired_with_one_warning(build: Build) -> None:
    broken = post("L‚Äô√©t√©", body="Cette ann√©e, √ßa marche.\n").encode()
    site = build({"posts/m.md": broken})
    assert site.blog.docs["posts/m"].title == "L’été"
    assert "Cette année, ça marche." in site.body("posts/m").get_text()
    [warning] = site.warnings
    assert "posts/m.md" in warning and "3 word(s)" in warning


def test_the_mojibake_warning_can_be_silenced(build: Build) -> None:
    broken = post("Ann√©e", body="Cette ann√©e.\n").encode()
    site = build({"posts/m.md": broken}, conf='suppress_warnings = ["carnet.mojibake"]\n')
    assert site.warnings == []
    assert site.blog.docs["posts/m"].title == "Année"
