"""Shared fixtures: Sphinx's testing fixtures, and a helper that builds a site from files."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

pytest_plugins = ("sphinx.testing.fixtures",)

HERE = Path(__file__).parent
SHARED = HERE.parent.parent / "shared"
SEED = SHARED / "seed" / "compte-rendu-de-la-pyconfr-2017.md"
CONFORMANCE = SHARED / "typography" / "fr-conformance.json"

BASE_CONF = 'extensions = ["sphinxext.carnet"]\nlanguage = "fr"\n'


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return HERE / "roots"


def seed_text() -> bytes:
    if not SEED.exists():
        pytest.skip(f"the seed post is not here ({SEED}): run the tests beside ../shared")
    return SEED.read_bytes()


class Site:
    """A built site: the app, its warnings, and parsed pages."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.written: list[str] = []  # pages the html builders wrote
        self.env = app.env
        self.outdir = Path(app.outdir)

    @property
    def warnings(self) -> list[str]:
        text = re.sub(r"\x1b\[[0-9;]*m", "", self.app.warning.getvalue())
        return [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]

    def html(self, docname: str) -> BeautifulSoup:
        suffix = "/index.html" if self.app.builder.name == "dirhtml" and docname != "index" \
            else ".html"
        path = self.outdir / (docname + suffix)
        if self.app.builder.name == "dirhtml" and docname.endswith("/index"):
            path = self.outdir / docname.removesuffix("index") / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def body(self, docname: str) -> BeautifulSoup:
        page = self.html(docname)
        return page.select_one("div.body") or page.select_one("[role=main]") or page

    def doctree(self, docname: str) -> Any:
        return self.env.get_doctree(docname)

    @property
    def blog(self) -> Any:
        return self.env.get_domain("blog")


Build = Callable[..., Site]


@pytest.fixture
def build(make_app: Callable[..., Any], tmp_path: Path) -> Build:
    """Write files into a fresh source folder, build them, return the Site.

    ``files`` maps paths to text (or bytes, written as is); ``conf`` lines go into conf.py.
    Calling it again with ``rebuild=True`` edits the files and builds incrementally.
    """
    srcdir = tmp_path / "src"
    previous: list[Any] = []

    def _build(files: dict[str, str | bytes], *, conf: str = "", buildername: str = "html",
               parallel: int = 0, rebuild: bool = False, index: str | None = None,
               **kwargs: Any) -> Site:
        if not rebuild:
            srcdir.mkdir()
            (srcdir / "conf.py").write_text(BASE_CONF + conf, encoding="utf-8")
            if index is None and "index.md" not in files and "index.rst" not in files:
                index = "# Accueil\n\n```{postlist}\n```\n"
            if index is not None:
                (srcdir / "index.md").write_text(index, encoding="utf-8")
        for name, content in files.items():
            path = srcdir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if content is None:
                path.unlink()
            elif isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        while previous:  # a rebuild is a new app: the old one's nodes and roles go first
            previous.pop().cleanup()
        app = make_app(buildername, srcdir=srcdir, freshenv=not rebuild, parallel=parallel,
                       **kwargs)
        previous.append(app)
        written: list[str] = []
        app.connect("html-page-context", lambda _app, name, *args: written.append(name))
        app.build()
        site = Site(app)
        site.written = written
        return site

    return _build


def post(title: str = "Un billet", date: str = "2020-01-02 10:00", body: str = "Du texte.\n",
         **keys: str) -> str:
    """A Pelican post."""
    lines = [f"Title: {title}", f"Date: {date}"]
    lines += [f"{key.capitalize()}: {value}" for key, value in keys.items()]
    return "\n".join(lines) + "\n\n" + body
