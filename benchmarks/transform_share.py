"""Share of a full build spent in carnet's typography transform, on N generated posts.

    python benchmarks/transform_share.py 300

Builds the posts once (html, -j 1), timing the transform's apply() calls inside the build.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import generate
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from sphinxext.carnet import typeset

CONF = 'extensions = ["sphinxext.carnet"]\nlanguage = "fr"\nproject = "Banc"\n'


def main(count: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="carnet-share-"))
    try:
        generate(count, folder)
        (folder / "conf.py").write_text(CONF, encoding="utf-8")
        (folder / "index.md").write_text("# Banc d'essai\n\n```{postlist}\n:limit: 10\n```\n",
                                         encoding="utf-8")
        spent = 0.0
        original = typeset.FrenchTypography.apply

        def timed(self: typeset.FrenchTypography, **kwargs: object) -> None:
            nonlocal spent
            start = time.perf_counter()
            original(self, **kwargs)
            spent += time.perf_counter() - start

        typeset.FrenchTypography.apply = timed  # type: ignore[method-assign]
        start = time.perf_counter()
        with docutils_namespace():
            app = Sphinx(folder, folder, folder / "_build", folder / "_build" / ".doctrees",
                         "html", status=None, warning=None, freshenv=True)
            app.build()
        total = time.perf_counter() - start
        typeset.FrenchTypography.apply = original  # type: ignore[method-assign]
        print(f"{count} posts: build {total:.1f} s, typography transform {spent:.2f} s "
              f"= {100 * spent / total:.1f} % of the build")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
