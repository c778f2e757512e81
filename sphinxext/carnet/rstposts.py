"""reStructuredText posts and pages, as Pelican writes them: a title, then a field list
(``:date:``, ``:tags:``, ``:slug:``…), and ``|filename|``/``{static}`` in links and images.

The field list is the post's header: read from the source (so that warnings name its lines),
then taken out of the page, as a Markdown post's header is. A transform does it, before
French typography (which follows the post's ``:lang:``) and before Sphinx collects images.
"""

from __future__ import annotations

import posixpath
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.directives.code import CodeBlock
from sphinx.transforms import SphinxTransform

from .config import carnet_config
from .header import KNOWN_KEYS
from .links import classify
from .parser import finish, legacy_xref, register, warn
from .posts import post_from_header
from .scan import is_post_docname, read_source_header


def _is_rst(env: Any, docname: str) -> bool:
    suffixes = env.config.source_suffix
    path = str(env.doc2path(docname))
    kinds = suffixes if isinstance(suffixes, dict) else {".rst": "restructuredtext"}
    return any(path.endswith(suffix) and kind == "restructuredtext"
               for suffix, kind in kinds.items())


def _source_docname(env: Any, target: str) -> str | None:
    """The document a ``{filename}`` path names (from the source folder when it starts with
    ``/``, else from the document's own folder), or None for a plain file."""
    path, _, _ = target.partition("#")
    base = "" if path.startswith("/") else posixpath.dirname(env.docname)
    full = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    stem, dot, _ = full.rpartition(".")
    docname = stem if dot else full
    return docname if docname in env.found_docs else None


class RstPosts(SphinxTransform):
    """A reStructuredText document with a Pelican header (or matching ``carnet_posts``)
    becomes a post or page of the blog."""

    default_priority = 700  # before FrenchTypography (740) and smart quotes (750)

    def apply(self, **kwargs: Any) -> None:
        env = self.env
        docname = env.docname
        if not _is_rst(env, docname):
            return
        self._old_links()
        is_post = is_post_docname(env.config, docname)
        # read again for its lines (the parser gives the document, not its source)
        header = read_source_header(env.doc2path(docname).read_bytes(), "rst")
        if header is not None and not is_post and not (set(header.fields) - {"title"}) \
                & KNOWN_KEYS:
            header = None  # a document's own field list, not a Pelican page's header
        if header is None and not is_post:
            return
        post, problems = post_from_header(docname, is_post, header)
        for line, message in problems:
            warn(env, message, line, "header")
        first = self.document.next_node(nodes.section)
        if first is not None and header is not None and len(first) > 1 \
                and isinstance(first[1], nodes.field_list):
            first.remove(first[1])  # the header: metadata, not text
        finish(env, post, first[0].astext() if first is not None else "",
               has_header=header is not None)
        register(env, self.document, post, has_header=header is not None)

    def _old_links(self) -> None:
        """``|filename|``, ``{filename}``, ``{static}`` and the old site's addresses in links
        and images, as Markdown posts have them."""
        env = self.env
        settings = carnet_config(env.config)
        for image in self.document.findall(nodes.image):
            link = classify(image.get("uri", ""))
            if link is not None and link.kind == "source":
                image["uri"] = link.target  # "/x" is from the source folder, for Sphinx too
        for ref in list(self.document.findall(nodes.reference)):
            href = ref.get("refuri", "")
            link = classify(href, legacy_site_url=settings.legacy_site_url,
                            root_doc=env.config.root_doc) if href else None
            if link is None:
                continue
            if link.kind == "external":
                ref["refuri"] = link.target
                continue
            if link.kind == "source":
                docname = _source_docname(env, link.target)
                if docname is None:
                    ref["refuri"] = link.target
                    continue
                xref = addnodes.pending_xref(
                    "", *ref.children, refdomain="std", reftype="doc",
                    reftarget="/" + docname, refexplicit=True, refwarn=True, refdoc=env.docname)
            else:
                xref = legacy_xref(env, link, href, explicit=True)
                xref += ref.children
            xref.source, xref.line = ref.source, ref.line
            ref.replace_self(xref)


_PELICAN_CODE_OPTIONS = ("anchorlinenos", "classprefix", "hl_lines", "lineanchors", "linenos",
                         "linenospecial", "linenostart", "linenostep", "lineseparator",
                         "linespans", "nobackground", "nowrap", "tagsfile", "tagurlformat")


class PelicanCodeBlock(CodeBlock):
    """Sphinx's ``code-block``/``sourcecode``, also taking the options of Pelican's
    (``:linenos: table``, ``:hl_lines: 1 3``, ``:linenostart: 8``; the others, which only
    shape Pygments' HTML, are accepted and left aside)."""

    option_spec: ClassVar[dict[str, Any]] = {
        **CodeBlock.option_spec,
        **dict.fromkeys(_PELICAN_CODE_OPTIONS, directives.unchanged),
    }

    def run(self) -> list[nodes.Node]:
        options = self.options
        linenos = options.pop("linenos", None)
        if linenos is not None and linenos.strip().lower() not in ("none", "false"):
            options["linenos"] = None
        if "linenostart" in options:
            start = options.pop("linenostart").strip()
            if start.isdigit():
                options["lineno-start"] = int(start)
                options["linenos"] = None
        if "hl_lines" in options:
            lines = options.pop("hl_lines").replace(",", " ").split()
            if lines and all(line.isdigit() for line in lines):
                options["emphasize-lines"] = ",".join(lines)
        for name in _PELICAN_CODE_OPTIONS:
            options.pop(name, None)
        return super().run()


def setup_rstposts(app: Sphinx) -> None:
    app.add_transform(RstPosts)
    for name in ("sourcecode", "code-block"):
        app.add_directive(name, PelicanCodeBlock, override=True)
