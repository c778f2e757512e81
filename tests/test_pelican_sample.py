"""A public peer check: Pelican's own sample site, built by carnet, against Pelican's output.

Pelican's sdist holds ``samples/content`` (reStructuredText and Markdown articles, pages,
translations, drafts, pictures, ``{filename}`` links); its wheel holds
``pelican/tests/output/basic``, the site Pelican builds from it with its default settings. Both
are fetched from PyPI (pinned), once per run; without the network the test skips, saying so.
Nothing of Pelican is imported: its files are only read.
"""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

PELICAN = "4.12.0"
CONF = """extensions = ["sphinxext.carnet"]
language = "en"
project = "A Pelican Blog"
html_baseurl = "https://example.org/"
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
carnet_posts = ["**"]
carnet_legacy_site_url = "https://example.org"
carnet_category_from_folder = True
carnet_default_category = "misc"
carnet_static_paths = ["images", "pictures"]
carnet_drafts = True
"""
# the one warning Pelican's sample asks for: an image it names with a wrong path on purpose
ATOM = "http://www.w3.org/2005/Atom"
EXPECTED_WARNING = "pages/test_page.rst:13: WARNING: image file not readable: images/Fat_Cat.jpg"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(Pelican's sample content, Pelican's output of it), from PyPI."""
    cache = tmp_path_factory.mktemp("pelican")
    for kind, flag in (("sdist", "--no-binary"), ("wheel", "--only-binary")):
        run = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", flag, ":all:",
             f"pelican=={PELICAN}", "-d", str(cache / kind)],
            capture_output=True, text=True, check=False, timeout=300)
        if run.returncode != 0:
            pytest.skip(f"Pelican {PELICAN}'s {kind} could not be fetched from PyPI: "
                        f"{run.stderr.strip()[-300:]}")
    with tarfile.open(next((cache / "sdist").glob("*.tar.gz"))) as archive:
        archive.extractall(cache / "src", filter="data")
    with zipfile.ZipFile(next((cache / "wheel").glob("*.whl"))) as wheel:
        wheel.extractall(cache / "whl")
    content = cache / "src" / f"pelican-{PELICAN}" / "samples" / "content"
    output = cache / "whl" / "pelican" / "tests" / "output" / "basic"
    return content, output


@pytest.fixture(scope="module")
def built(sample: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory,
          ) -> tuple[Path, str]:
    """Pelican's sample content built by carnet: (HTML output, warnings)."""
    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path_factory.mktemp("site") / "src"
    shutil.copytree(sample[0], srcdir)
    (srcdir / "conf.py").write_text(CONF, "utf-8")
    (srcdir / "index.md").write_text("# A Pelican Blog\n\n```{postlist}\n```\n", "utf-8")
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True)
    try:
        app.build()
        return Path(app.outdir), re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    finally:
        app.cleanup()


def _pelican_files(output: Path) -> list[str]:
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*")
                  if p.is_file() and p.relative_to(output).parts[0] != "theme")


def _follow(path: Path) -> tuple[Path, BeautifulSoup]:
    """A page, or where the redirect page there leads."""
    soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    if refresh is None:
        return path, soup
    target = (path.parent / unquote(refresh["content"].split("url=", 1)[1].split("#")[0]))
    return target.resolve(), BeautifulSoup(target.read_text("utf-8"), "html.parser")


def _words(element: BeautifulSoup) -> list[str]:
    for lineno in element.select("[class*=lineno]"):  # code line numbers: each tool its own
        lineno.decompose()
    return re.findall(r"\w+", element.get_text(" ").lower())


def test_the_sample_builds_with_only_the_warning_it_asks_for(built: tuple[Path, str]) -> None:
    warnings = [line for line in built[1].splitlines() if "WARNING" in line or "ERROR" in line]
    assert len(warnings) == 1 and warnings[0].endswith(
        EXPECTED_WARNING + " [image.not_readable]"), warnings
    assert "Traceback" not in built[1]


def test_every_address_of_pelicans_output_exists(sample: tuple[Path, Path],
                                                 built: tuple[Path, str]) -> None:
    """Articles, pages, drafts, translations, tags, categories, authors, index pages, feeds
    and pictures: each of Pelican's addresses is a page or a redirect page of carnet's."""
    output = sample[1]
    files = _pelican_files(output)
    assert len(files) >= 40  # the sample is what we think it is
    missing = [name for name in files if not (built[0] / name).is_file()]
    assert missing == []
    for picture in (name for name in files if name.endswith(".jpg")):
        assert (built[0] / picture).read_bytes() == (output / picture).read_bytes(), picture


def _titles(path: Path) -> tuple[str, list[str]]:
    """A feed's kind (atom, rss) and its entries' titles (French typography's spaces set
    apart)."""
    root = ET.parse(path).getroot()
    atom = root.tag == f"{{{ATOM}}}feed"
    entries = root.iter(f"{{{ATOM}}}entry" if atom else "item")
    title = f"{{{ATOM}}}title" if atom else "title"
    return ("atom" if atom else "rss"), sorted(" ".join((e.findtext(title) or "").split())
                                               for e in entries)


def test_feeds_at_pelicans_addresses_hold_the_same_entries(sample: tuple[Path, Path],
                                                           built: tuple[Path, str]) -> None:
    feeds = [n for n in _pelican_files(sample[1]) if n.endswith(".xml")]
    assert len(feeds) >= 8
    for name in feeds:
        assert _titles(built[0] / name) == _titles(sample[1] / name), name


def _content(soup: BeautifulSoup) -> BeautifulSoup | None:
    """The text of one of Pelican's article or page pages (None for a listing)."""
    if soup.select_one("#featured") is not None:
        return None
    content = soup.select_one("div.entry-content")
    if content is None:
        content = soup.select_one("section#content.body")
        if content is None or content.find("h1", class_="entry-title") is None \
                or content.find("article") is not None:
            return None
        content.find("h1", class_="entry-title").decompose()
    for info in content.select("footer.post-info"):
        info.decompose()
    return content


def test_each_article_and_page_has_pelicans_title_and_text(sample: tuple[Path, Path],
                                                           built: tuple[Path, str]) -> None:
    compared = 0
    for name in (n for n in _pelican_files(sample[1]) if n.endswith(".html")):
        theirs = BeautifulSoup((sample[1] / name).read_text("utf-8"), "html.parser")
        heading = theirs.find("h1", class_="entry-title")
        title = heading.get_text().split() if heading is not None else None
        content = _content(theirs)
        if content is None or title is None:
            continue
        _, ours = _follow(built[0] / name)
        assert ours.find("h1").get_text().replace("¶", "").split() == title, name
        body = ours.select_one("div.body")
        for extra in body.select(".carnet-post-header, .carnet-post-footer, h1"):
            extra.decompose()
        expected, got = _words(content), _words(body)
        assert difflib.SequenceMatcher(None, expected, got).ratio() == 1.0, (name, expected,
                                                                              got)
        compared += 1
    assert compared >= 15


def test_translations_are_linked_both_ways(sample: tuple[Path, Path],
                                           built: tuple[Path, str]) -> None:
    pairs = 0
    for name in (n for n in _pelican_files(sample[1]) if n.endswith("-fr.html")):
        original = name.removesuffix("-fr.html") + ".html"
        first, first_page = _follow(built[0] / original)
        second, second_page = _follow(built[0] / name)
        for page, other in ((first_page, second), (second_page, first)):
            links = page.select(".carnet-translations a")
            assert [a["href"].split("/")[-1] for a in links] == [other.name], name
        pairs += 1
    assert pairs == 2
