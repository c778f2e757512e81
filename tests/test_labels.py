"""Labels come from message catalogs, compiled into the package."""

from __future__ import annotations

import zipfile
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from sphinxext.carnet.labels import LOCALE_DIR, label


def test_every_mo_matches_its_po() -> None:
    pos = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))
    assert {p.parent.parent.name for p in pos} >= {"fr", "en"}
    for po_path in pos:
        with po_path.open("rb") as po_file:
            po = {m.id: m.string for m in read_po(po_file) if m.id}
        with po_path.with_suffix(".mo").open("rb") as mo_file:
            mo = {m.id: m.string for m in read_mo(mo_file) if m.id}
        assert po == mo, f"{po_path}: run python scripts/compile_catalogs.py"


def test_labels_follow_the_language_with_english_as_fallback() -> None:
    assert label("Previous post", "fr") == "Billet précédent"
    assert label("Previous post", "fr-CA") == "Billet précédent"
    assert label("Previous post", "en") == "Previous post"
    assert label("Previous post", "de") == "Previous post"
    assert label("Posted on {date}", "fr", date="hier") == "Publié le hier"


def test_the_wheel_ships_the_compiled_catalogs(tmp_path: Path) -> None:
    from flit_core import buildapi

    root = Path(__file__).parent.parent
    cwd = Path.cwd()
    try:
        import os

        os.chdir(root)
        name = buildapi.build_wheel(str(tmp_path))
    finally:
        os.chdir(cwd)
    names = zipfile.ZipFile(tmp_path / name).namelist()
    assert "sphinxext/carnet/locale/fr/LC_MESSAGES/sphinxext-carnet.mo" in names
    assert "sphinxext/carnet/locale/en/LC_MESSAGES/sphinxext-carnet.mo" in names
    assert not any(n.startswith("sphinxext/__init__") for n in names)
