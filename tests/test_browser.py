"""In a real browser (Playwright driving Debian's chromium): navigation by clicking, the seed's
table of contents, old URLs with a #fragment, and axe-core on the main pages.

Needs: ``pip install -e ".[browser]"``, ``apt-get install chromium``, and ``npm install
axe-core`` at the repository root (``.ci/run`` does all three where it can). Each missing piece
skips the tests that need it, saying which. Screenshots go to ``build/screenshots/``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED

ROOT = Path(__file__).parent.parent
SHOTS = ROOT / "build" / "screenshots"
AXE = Path(os.environ.get("CARNET_AXE", ROOT / "node_modules" / "axe-core" / "axe.min.js"))
CHROMIUM = os.environ.get("CARNET_CHROMIUM") or shutil.which("chromium") or shutil.which(
    "chromium-browser")
SEED_DOC = "posts/2017/compte-rendu-de-la-pyconfr-2017"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

sync_api = pytest.importorskip(
    "playwright.sync_api", reason='Playwright is not installed: pip install -e ".[browser]"')
if CHROMIUM is None:
    pytest.skip("no chromium here: apt-get install chromium", allow_module_level=True)
if not SEED.exists():
    pytest.skip(f"the seed post is not here ({SEED})", allow_module_level=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The documentation, with the seed post added, built with alabaster and its sidebars."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    source = tmp_path_factory.mktemp("site")
    shutil.copytree(ROOT / "docs", source, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("_build", "blog"))
    (source / "posts" / "2017").mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, source / f"{SEED_DOC}.md")
    with docutils_namespace():
        app = Sphinx(source, source, source / "_build", source / "_build" / ".doctrees",
                     "html", status=None, warning=None, freshenv=True)
        app.build()
    return source / "_build"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    yield context.new_page()
    context.close()


def _url(site: Path, path: str) -> str:
    return (site / path).as_uri()


def _link(page: Any, within: str, text: str) -> Any:
    return page.locator(within).get_by_role("link", name=text, exact=True).first


def _in_view(page: Any, element_id: str) -> bool:
    return page.evaluate(
        """id => { const e = document.getElementById(id); if (!e) return false;
                   const r = e.getBoundingClientRect();
                   return r.top >= -2 && r.top < window.innerHeight; }""", element_id)


def test_clicking_through_the_blog(site: Path, page: Any) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(_url(site, "blog/index.html"))
    page.screenshot(path=str(SHOTS / "blog-index.png"), full_page=True)
    _link(page, "li.carnet-post", "Compte-rendu de la PyConFr 2017").click()
    assert page.url.endswith("compte-rendu-de-la-pyconfr-2017.html")
    page.screenshot(path=str(SHOTS / "post.png"), full_page=True)
    _link(page, ".carnet-post-header .carnet-tags", "python").click()
    assert page.url.endswith("blog/tag/python.html")
    page.screenshot(path=str(SHOTS / "tag.png"), full_page=True)
    _link(page, ".carnet-archives", "2017").click()
    assert page.url.endswith("blog/2017.html")
    _link(page, "li.carnet-post", "Compte-rendu de la PyConFr 2017").click()
    page.locator(".carnet-next a").click()
    assert page.url.endswith("bienvenue.html")  # the next post in date order


def test_seed_table_of_contents_scrolls_to_each_heading(site: Path, page: Any) -> None:
    page.goto(_url(site, f"{SEED_DOC}.html"))
    links = page.eval_on_selector_all(".carnet-toc a", "els => els.map(e => e.hash.slice(1))")
    assert len(links) == 18
    for fragment in links:
        page.click(f".carnet-toc a[href='#{fragment}']")
        assert _in_view(page, fragment), fragment


def test_old_pelican_url_with_fragment_lands_on_the_heading(site: Path, page: Any) -> None:
    fragment = "10h30--plone-15-ans-dexperience-feront-toujours-la-difference---eric-brehault" \
               "---makina-corpus"
    page.goto(_url(site, "compte-rendu-de-la-pyconfr-2017.html") + f"#{fragment}")
    page.wait_for_url(f"**/{SEED_DOC}.html#{fragment}")
    assert _in_view(page, fragment)


@pytest.mark.parametrize("path", ["blog/index.html", f"{SEED_DOC}.html",
                                  "blog/tag/python.html"])
def test_axe_finds_no_serious_violation(site: Path, page: Any, path: str) -> None:
    if not AXE.exists():
        pytest.skip(f"axe-core is not here ({AXE}): npm install axe-core")
    page.goto(_url(site, path))
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run()")
    serious = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
