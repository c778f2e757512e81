"""The source checker: what it reports (file:line:column, what and why), what it fixes, what it
never touches, and that a fixed source builds to the same text as the original."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import SEED, Build, seed_text

from sphinxext.carnet.encoding import repair_mojibake
from sphinxext.carnet.typocheck import check, main
from sphinxext.carnet.typography import NBSP, NNBSP

SOURCE = """Title: Un "essai" : l'en-tête
Date: 2020-01-01
Tags: python

# Titre "ici" !

Un paragraphe avec `code "x" ; y` et [un lien](http://x.fr/a?b=1 "titre") !
Suite : <span class="x">html</span> fin...\x20\x20
Il a dit 'bonjour' hier ; prix : 1 500 € et {ref}`une 'cible'`.

- item 'un'
  "suite" du point
> cite : oui

| a    | b     |
|------|-------|
| "c"  | d !   |

```python
x = "y" ; z = 'a'
```

```{note}
Une note : "directive".
```

<div class="a">
html block : "x"
</div>

Math $a : b$ et \\"échappé\\" ; fin -- vraiment ?
"""

UNTOUCHED = [
    "Title: Un \"essai\" : l'en-tête",
    '`code "x" ; y`', '](http://x.fr/a?b=1 "titre")', '<span class="x">', "fin…  \n",
    "{ref}`une 'cible'`", "|------|-------|", "x = \"y\" ; z = 'a'",
    'Une note : "directive".', 'html block : "x"', "$a : b$", '\\"échappé\\"',
]


def test_reports_line_column_what_and_why() -> None:
    changes, _ = check(SOURCE)
    found = {(c.line, c.column): c for c in changes}
    assert found[(5, 9)].new == f"«{NBSP}" and "guillemets" in found[(5, 9)].why
    assert found[(7, 74)].new == NNBSP and "« ! »" in found[(7, 74)].why
    assert found[(8, 6)].new == NBSP and "deux-points" in found[(8, 6)].why
    assert found[(9, 10)].new == "“" and found[(9, 18)].new == "”"
    assert found[(9, 35)].new == NNBSP and "milliers" in found[(9, 35)].why
    assert "tiret" in next(c.why for c in changes if c.line == 31 and "–" in c.new)
    # nothing reported in the header, code, the fence, the directive or the HTML block
    assert {c.line for c in changes}.isdisjoint({1, 2, 3, 19, 20, 21, 23, 24, 25, 27, 28, 29})


def test_fix_leaves_code_urls_header_and_html_as_typed() -> None:
    _, fixed = check(SOURCE)
    for text in UNTOUCHED:
        assert text.replace("fin…", "fin...") in SOURCE and text in fixed, text
    assert fixed.count("\n") == SOURCE.count("\n")  # lines stay where they were
    assert "“bonjour”" in fixed and f"\n  «{NBSP}suite{NBSP}»" in fixed  # indent kept
    assert f"| «{NBSP}c{NBSP}»  | d{NNBSP}!   |" in fixed  # cells keep their alignment
    assert check(fixed)[0] == []  # fixed is fixed
    assert check(fixed)[1] == fixed


def test_other_languages_are_left_alone() -> None:
    source = "Title: Hello\nLang: en\n\nIt's \"fine\" : really !\n"
    assert check(source) == ([], source)
    assert check("---\ntags: [lang:en]\n---\n\nIt's \"fine\" !\n")[0] == []


def test_command_line_check_and_fix(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    post = tmp_path / "posts" / "billet.md"
    post.parent.mkdir()
    post.write_bytes(("\ufeff" + SOURCE).encode())
    clean = tmp_path / "propre.md"
    clean.write_text("Déjà propre.\n", "utf-8")
    assert main(["--check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert re.search(rf"^{re.escape(str(post))}:7:74: .*\(espace fine insécable avant « ! »\)$",
                     out, re.M)
    assert str(clean) not in out
    assert main(["--fix", str(post)]) == 0
    assert post.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM stays
    capsys.readouterr()
    assert main([str(tmp_path)]) == 0 and capsys.readouterr().out == ""


def test_module_entry_point_and_pre_commit_hooks(tmp_path: Path) -> None:
    post = tmp_path / "a.md"
    post.write_text("Oui ?\n", "utf-8")
    run = subprocess.run([sys.executable, "-m", "sphinxext.carnet", "typo", str(post)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 1 and f"{post}:1:4:" in run.stdout
    hooks = yaml.safe_load((Path(__file__).parent.parent / ".pre-commit-hooks.yaml")
                           .read_text("utf-8"))
    assert {hook["id"] for hook in hooks} == {"carnet-typo", "carnet-typo-fix"}
    for hook in hooks:
        assert hook["entry"].startswith("python -m sphinxext.carnet typo --")


def _body_text(site: object, docname: str) -> str:
    return site.body(docname).get_text()  # type: ignore[attr-defined]


def test_a_fixed_source_builds_to_the_same_text(build: Build, tmp_path: Path) -> None:
    """The checker typesets what the build typesets: fixing first changes nothing shown."""
    files = {"posts/a.md": SOURCE}
    if SEED.exists():
        files["posts/seed.md"] = repair_mojibake(seed_text().decode("utf-8"))[0]
    original = build(files)
    texts = {name: _body_text(original, name.removesuffix(".md")) for name in files}
    fixed = {name: check(text)[1] for name, text in files.items()}
    again = build(fixed, rebuild=True)
    for name in files:
        assert _body_text(again, name.removesuffix(".md")) == texts[name], name
