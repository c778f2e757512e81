"""sphinxext-carnet: a French-first blog for Sphinx documentation sites."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    """Set up MyST-Parser, then each of carnet's stages."""
    from .config import setup_config
    from .domain import setup_domain
    from .feeds import setup_feeds
    from .generate import setup_generate
    from .grouppages import setup_grouppages
    from .outputs import setup_outputs
    from .parser import setup_parser
    from .postlist import setup_postlist
    from .postpage import setup_postpage
    from .references import setup_references
    from .rewrites import setup_rewrites
    from .roottoc import setup_roottoc
    from .rstposts import setup_rstposts
    from .sidebars import setup_sidebars
    from .statics import setup_statics
    from .typeset import setup_typography

    app.setup_extension("myst_parser")
    setup_config(app)
    setup_parser(app)
    setup_rstposts(app)
    setup_domain(app)
    setup_references(app)
    setup_rewrites(app)
    setup_generate(app)
    setup_roottoc(app)
    setup_postlist(app)
    setup_postpage(app)
    setup_feeds(app)
    setup_grouppages(app)
    setup_outputs(app)
    setup_statics(app)
    setup_sidebars(app)
    setup_typography(app)
    return {
        "version": __version__,
        "env_version": 6,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
