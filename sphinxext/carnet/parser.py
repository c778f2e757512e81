"""The Markdown parser: MyST, with carnet's ingest in front of it and its fixes behind it.

ingest: encoding repair → header → metadata (and the header out of the text, lines kept) →
Python-Markdown compatibility → MyST → post title, attribute lists → the post's record.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.transforms import parts
from markdown_it.tree import SyntaxTreeNode
from myst_parser.config.main import TopmatterReadError, merge_file_level, read_topmatter
from myst_parser.mdit_to_docutils.base import token_line
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import MystWarnings, create_warning
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from . import anchors, compat, postpage, rawhtml
from .config import carnet_config
from .domain import blog_domain
from .encoding import CODEC_NAME, repair_mojibake, take_fallback
from .header import read_front_matter, read_pelican_header
from .labels import label
from .links import LegacyLink, classify, file_suffix, local_file
from .posts import Post, finish_post, post_from_header
from .scan import is_archive_docname, is_post_docname, with_pelican_defaults
from .titles import title_nodes

logger = logging.getLogger(__name__)


def warn(env: BuildEnvironment, message: str, line: int | None, subtype: str) -> None:
    logger.warning(message, location=(env.docname, line), type="carnet", subtype=subtype)


FRONT_MATTER = "carnet_front_matter"  # in markdown-it's env: the front matter, parsed


class CarnetRenderer(SphinxRenderer):
    """MyST's renderer, reading links written for Pelican and Python-Markdown."""

    def create_warning(self, message: str, subtype: MystWarnings | str, **kwargs: Any,
                       ) -> nodes.system_message | None:
        # Python-Markdown never minds h1 → h3: neither does a migrated post
        if subtype == MystWarnings.MD_HEADING_NON_CONSECUTIVE:
            return None
        return super().create_warning(message, subtype, **kwargs)

    def render_front_matter(self, token: SyntaxTreeNode) -> None:
        data = self.md_env.get(FRONT_MATTER)
        if data is not None and token.token is not None:
            token.token.content = data  # MyST takes a mapping as it is, unparsed
        super().render_front_matter(token)

    def _from_root(self) -> bool:
        return bool(carnet_config(self.sphinx_env.config).legacy_site_url)

    def render_link(self, token: SyntaxTreeNode) -> None:
        href = self.md.normalizeLinkText(str(token.attrGet("href") or ""))
        env = self.sphinx_env
        if href.startswith("/") and Path(env.srcdir, href.lstrip("/").split("#")[0]).exists():
            return super().render_link(token)  # a file of this project, from its root
        link = classify(href, legacy_site_url=carnet_config(env.config).legacy_site_url,
                        root_doc=env.config.root_doc)
        if link is None:
            return self._render_local_link(token, href)
        if link.kind == "external":
            token.attrs["href"] = link.target
            return self.render_link_url(token)
        if link.kind == "source":
            token.attrs["href"] = link.target
            return super().render_link(token)
        explicit = bool(token.children)
        ref = legacy_xref(env, link, href, explicit=explicit)
        self.add_line_and_source_path(ref, token)
        inner = nodes.inline(classes=["xref", "blog-legacy"])
        ref += inner
        with self.current_node_context(inner):
            self.render_children(token)
        if not explicit:
            inner += nodes.Text(href)
        self.current_node.append(ref)
        return None

    def _render_local_link(self, token: SyntaxTreeNode, href: str) -> None:
        """A link to a file: found next to the document or (Pelican) from the root; a file
        that is nowhere keeps its address, with a warning, rather than becoming ``#file``."""
        env = self.sphinx_env
        found = local_file(Path(env.srcdir), env.docname, href, from_root=self._from_root())
        suffix = file_suffix(href)
        if found is not None and suffix not in env.config.source_suffix:
            token.attrs["href"] = found
        elif found is None and suffix and suffix not in env.config.source_suffix:
            warn(env, f"link to {href!r}: no such file next to the document"
                 + (" nor from the source folder" if self._from_root() else "")
                 + "; its address is kept", token_line(token, 0) or None, "link")
            return self.render_link_url(token)
        return super().render_link(token)

    def render_image(self, token: SyntaxTreeNode) -> None:
        src = self.md.normalizeLinkText(str(token.attrGet("src") or ""))
        link = classify(src)
        if link is not None and link.kind in ("source", "external"):
            token.attrs["src"] = link.target
        elif link is None:
            env = self.sphinx_env
            found = local_file(Path(env.srcdir), env.docname, src, from_root=self._from_root())
            if found is not None:
                token.attrs["src"] = found
        super().render_image(token)

    def render_carnet_toc(self, token: SyntaxTreeNode) -> None:
        """A table of contents generated from the headings that follow."""
        lang = self.sphinx_env.config.language or "en"
        topic = nodes.topic(classes=["contents", "local", "carnet-toc"])
        self.add_line_and_source_path(topic, token)
        name = nodes.fully_normalize_name(label("Contents", lang))
        if not self.document.has_name(name):
            topic["names"].append(name)
        self.document.note_implicit_target(topic)
        pending = nodes.pending(parts.Contents, {"local": True, "backlinks": "none"})
        self.document.note_pending(pending)
        topic += pending
        self.current_node.append(topic)


def _first_section(document: nodes.document) -> nodes.section | None:
    for child in document.children:
        if isinstance(child, nodes.section):
            return child
        if not isinstance(child, nodes.Invisible | nodes.field_list | nodes.docinfo | nodes.raw):
            return None
    return None


def _set_title(document: nodes.document, post: Post) -> nodes.section | None:
    """Make the post's Title the document's title, its content the body under it."""
    first = _first_section(document)
    if first is not None and first[0].astext().strip() == post.title.strip():
        return first  # the post already starts with its title as a heading
    section = nodes.section()
    section.source, section.line = document["source"], post.line
    title = nodes.title("", "", *title_nodes(post.title_parts))
    title.source, title.line = document["source"], post.line
    section += title
    keep = [c for c in document.children if isinstance(c, nodes.field_list | nodes.docinfo)]
    for child in list(document.children):
        if child not in keep:
            document.remove(child)
            section += child
    document += section
    section["names"].append(nodes.fully_normalize_name(post.title))
    document.note_implicit_target(section, section)
    return section


def finish(env: BuildEnvironment, post: Post, heading: str, *, has_header: bool) -> None:
    """Complete a document's record once it is parsed: title, slugs, Pelican's defaults."""
    problem = finish_post(post, heading, posixpath.basename(post.docname))
    if problem and (post.is_post or has_header):
        warn(env, problem, 1, "title")
    with_pelican_defaults(post, env.config)


def register(env: BuildEnvironment, document: nodes.document, post: Post, *,
             has_header: bool) -> None:
    """The parsed document into the blog: raw HTML policy, a post's header and footer
    placeholders, status, and the blog domain (posts, pages, links)."""
    if post.is_post:
        rawhtml.apply_policy(document, carnet_config(env.config).raw_html)
        postpage.add_placeholders(document, post, env.config.language or "en")
    if post.status in ("hidden", "draft"):  # built, linkable, in no toctree
        env.metadata[post.docname]["orphan"] = True
    domain = blog_domain(env)
    if (has_header or post.is_post) and not is_archive_docname(env.config, post.docname):
        domain.note_doc(post)
    domain.note_links(post.docname, document)


def legacy_xref(env: BuildEnvironment, link: LegacyLink, href: str, *,
                explicit: bool) -> addnodes.pending_xref:
    """A reference to what an old link meant (a post, a page, a tag…), resolved later."""
    return addnodes.pending_xref(
        refdomain="blog", reftype="legacy", reftarget=link.target,
        reftargetid=link.fragment, refexplicit=explicit, refwarn=True,
        refdoc=env.docname, carnet_kind=link.kind, carnet_href=href)


class CarnetParser(MystParser):
    """MyST for every Markdown document, with carnet's ingest around it."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env: BuildEnvironment = document.settings.env
        docname = env.docname
        text = inputstring
        if not text.isascii():
            text, repaired = repair_mojibake(text)
            if repaired:
                warn(env, f"mojibake repaired in {repaired} word(s) (UTF-8 once read as Mac "
                     "Roman or cp1252); save the file repaired to silence this", None,
                     "mojibake")

        header = read_pelican_header(text)
        if header is not None:
            # the header is metadata, not text: blank it out, keeping every line in place
            lines = text.split("\n")
            text = "\n" * header.length + "\n".join(lines[header.length:])
        else:
            header = read_front_matter(text)
        is_post = is_post_docname(env.config, docname)
        post, problems = post_from_header(docname, is_post, header)
        for line, message in problems:
            warn(env, message, line, "header")

        text = self._includes(env, text)
        text = compat.unindent_lists_after_quotes(text)
        self._render(text, document, header.data if header is not None else None)
        compat.apply_attribute_lists(document)

        first = document.next_node(nodes.section)
        finish(env, post, first[0].astext() if first is not None else "",
               has_header=header is not None)
        title_section = None
        if post.title_parts and ((header is not None and "title" in header.fields)
                                 or first is None):
            title_section = _set_title(document, post)
        self._heading_ids(document, text, title_section)
        register(env, document, post, has_header=header is not None)

    def _includes(self, env: BuildEnvironment, text: str) -> str:
        """``{! path !}`` includes: from the document's folder, else the source folder."""
        if "{!" not in text:
            return text
        srcdir = Path(env.srcdir).resolve()

        def read(path: str, encoding: str, base: str) -> tuple[str, str] | None:
            for candidate in (Path(base) / path, srcdir / path.lstrip("/")):
                resolved = candidate.resolve()  # never a file outside the source folder
                if resolved.is_relative_to(srcdir) and resolved.is_file():
                    env.note_dependency(resolved)
                    try:
                        return resolved.read_text(encoding), str(resolved.parent)
                    except (OSError, LookupError, UnicodeDecodeError):
                        return None
            return None

        text, problems = compat.expand_includes(
            text, read, str(env.doc2path(env.docname).parent))
        for line, message in problems:
            warn(env, message, line, "include")
        return text

    def _heading_ids(self, document: nodes.document, text: str,
                     title_section: nodes.section | None) -> None:
        """Canonical ids first, legacy ones as aliases; heading-id scripts applied, dropped."""
        env = document.settings.env
        scripts = anchors.find_id_scripts(document)
        slugs = anchors.assign_ids(document, text, title_section, [s for _, s in scripts])
        anchors.note_ids(document, env, slugs)
        blog_domain(env).data["anchors"][env.docname] = set(slugs) | anchors.raw_html_ids(
            document)
        for raw, _ in scripts:
            raw.parent.remove(raw)
            # said with -v only: a build prints nothing page by page
            logger.verbose("%s: its heading-id <script> is applied when building and left "
                           "out of the page", env.doc2path(env.docname), type="carnet",
                           subtype="script")

    def _render(self, text: str, document: nodes.document,
                front_matter: dict[Any, Any] | None) -> None:
        """MyST's own parse, with carnet's renderer and compatibility rules. The front matter
        carnet read already is handed over, not parsed twice more (MyST's settings, and the
        page's field list)."""
        config = document.settings.env.myst_config
        topmatter = front_matter
        if topmatter is None:
            try:
                topmatter = read_topmatter(text)
            except TopmatterReadError:
                topmatter = None
        if topmatter:
            def warning(wtype: MystWarnings, msg: str) -> None:
                create_warning(document, msg, wtype, line=1, append_to=document)

            config = merge_file_level(config, topmatter, warning)
        parser = create_md_parser(config, CarnetRenderer)
        compat.add_compat_rules(parser)
        parser.options["document"] = document
        parser.render(text, {FRONT_MATTER: front_matter} if front_matter is not None else None)


def _use_codec(app: Sphinx) -> None:
    # Sphinx reads every source with env.settings["input_encoding"]; carnet's codec is UTF-8
    # that falls back to cp1252 instead of stopping the build
    if app.config.source_encoding.lower().replace("_", "-") in ("utf-8", "utf-8-sig", "utf8"):
        app.env.settings["input_encoding"] = CODEC_NAME


def _fallback_warning(text: str, location: str | tuple[str, int]) -> str:
    text, line = take_fallback(text)
    if line is not None:
        # a path (an included file) or a docname
        location = f"{location}:{line}" if isinstance(location, str) else (location[0], line)
        logger.warning("not valid UTF-8 (first bad byte on this line): read as cp1252; "
                       "save the file as UTF-8", location=location,
                       type="carnet", subtype="encoding")
    return text


def _on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    source[0] = _fallback_warning(source[0], (docname, 1))


def _on_include_read(app: Sphinx, relative_path: Path, parent_docname: str,
                     content: list[str]) -> None:
    content[0] = _fallback_warning(content[0], str(Path(app.srcdir, relative_path)))


def setup_parser(app: Sphinx) -> None:
    app.add_source_parser(CarnetParser, override=True)
    app.add_transform(anchors.CanonicalIdFirst)
    app.connect("builder-inited", _use_codec)
    app.connect("source-read", _on_source_read, priority=100)
    app.connect("include-read", _on_include_read, priority=100)
