"""The header scan before Sphinx reads: sources unchanged since the last build are not
opened again; any change of size or time is read; a broken cache is only a cache."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import Build, post
from sphinx.config import Config

from sphinxext.carnet.config import validate
from sphinxext.carnet.scan import HEADERS_CACHE, scan_sources


def _scan(srcdir: Path, cache: Path, **settings: object) -> list:
    from sphinxext.carnet import config as carnet_config_module  # its settings, as setup adds

    config = Config()
    config.source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
    for name in carnet_config_module.FIELDS:
        config.add(carnet_config_module.PREFIX + name, carnet_config_module._default(name),
                   "env", ())
        if name in settings:
            setattr(config, carnet_config_module.PREFIX + name, settings[name])
    config.__dict__["_carnet_settings"] = validate(config)
    return scan_sources(srcdir, config, cache).posts


def _titles(srcdir: Path, cache: Path) -> dict[str, str]:
    return {p.docname: p.title for p in _scan(srcdir, cache)}


def test_a_setting_the_record_depends_on_is_not_taken_from_the_cache(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    (srcdir / "posts" / "jeux").mkdir(parents=True)
    (srcdir / "posts" / "jeux" / "a.md").write_text(post("Alpha"), "utf-8")
    cache = tmp_path / HEADERS_CACHE
    assert [p.category for p in _scan(srcdir, cache)] == [""]
    assert [p.category for p in _scan(srcdir, cache, category_from_folder=True)] == ["jeux"]
    assert [p.category for p in _scan(srcdir, cache, default_category="misc")] == ["misc"]


def test_unchanged_sources_come_from_the_cache_changed_ones_are_read(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    (srcdir / "posts").mkdir(parents=True)
    source = srcdir / "posts" / "a.md"
    source.write_text(post("Alpha"), "utf-8")
    cache = tmp_path / "doctrees" / HEADERS_CACHE
    assert _titles(srcdir, cache) == {"posts/a": "Alpha"}
    assert cache.is_file()
    # the same size and time: the cache answers (the file is not opened)
    stat = source.stat()
    source.write_text(post("Omega"), "utf-8")
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert _titles(srcdir, cache) == {"posts/a": "Alpha"}
    # a new time (an edit): read again
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert _titles(srcdir, cache) == {"posts/a": "Omega"}
    cache.write_bytes(b"not a pickle")
    assert _titles(srcdir, cache) == {"posts/a": "Omega"}


def test_a_build_after_an_edit_of_the_same_size_sees_it(build: Build) -> None:
    site = build({"posts/a.md": post("Titre A", tags="un")})
    assert site.blog.docs["posts/a"].tags == ["un"]
    site = build({"posts/a.md": post("Titre B", tags="de")}, rebuild=True)
    assert site.blog.docs["posts/a"].tags == ["de"]
    assert (site.outdir / "blog" / "tag" / "de.html").is_file()
