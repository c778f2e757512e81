"""What carnet knows of a document: the Post record, and the rules that make one from a header.

Pure: takes header fields, returns a Post and the problems found (line, message).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from typing import Any

from .header import (
    STATUSES,
    Header,
    TitlePart,
    language_code,
    parse_date,
    parse_title,
    pelican_slug,
    split_list,
    split_tags,
    title_text,
)
from .safepath import path_segment, relative_path, slug_segment

WORDS_PER_MINUTE = 230


@dataclasses.dataclass
class Post:
    """A Markdown document's metadata: a post when ``is_post``, else a page with a slug."""

    docname: str
    is_post: bool
    title: str = ""
    title_parts: list[TitlePart] = dataclasses.field(default_factory=list)
    slug: str = ""
    date: dt.datetime | None = None
    modified: dt.datetime | None = None
    tags: list[str] = dataclasses.field(default_factory=list)
    category: str = ""
    authors: list[str] = dataclasses.field(default_factory=list)
    lang: str = ""
    status: str = "published"
    summary: str = ""
    image: str = ""
    translation: str = ""
    extra: dict[str, str] = dataclasses.field(default_factory=dict)
    legacy_slug: str = ""  # the slug Pelican gave it (explicit Slug, else from the title)
    save_as: str = ""  # Pelican's save_as (or url): where the old site had it
    line: int = 1  # line of the title (or of the header), for warnings about the post
    words: int = 0  # for the reading time
    excerpt: str = ""  # text up to <!-- more -->, else the first paragraph
    pelican_header: bool = False  # its header is Pelican's (Key: value, or a field list)

    @property
    def minutes(self) -> int:
        """Reading time, in minutes (at least one)."""
        return max(1, math.ceil(self.words / WORDS_PER_MINUTE))

    @property
    def listed(self) -> bool:
        """Shown in lists (archives, feeds, postlists): published posts only."""
        return self.is_post and self.status == "published"

    def sort_key(self) -> tuple[float, str]:
        """Newest first when sorted in reverse; undated posts last."""
        if self.date is None:
            return (float("-inf"), self.docname)
        stamp = self.date if self.date.tzinfo else self.date.replace(tzinfo=dt.UTC)
        return (stamp.timestamp(), self.docname)


Problems = list[tuple[int, str]]


def post_from_header(docname: str, is_post: bool, header: Header | None,
                     ) -> tuple[Post, Problems]:
    """Build the Post of a document from its header (or from nothing)."""
    post = Post(docname=docname, is_post=is_post)
    problems: Problems = list(header.problems) if header else []
    if header is None:
        return post, problems
    fields: dict[str, Any] = dict(header.fields)
    lines = header.lines
    post.pelican_header = header.kind in ("pelican", "rst")

    def line(key: str) -> int:
        return lines.get(key, 1)

    title = fields.pop("title", None)
    if title is not None and str(title).strip():
        post.title_parts = parse_title(str(title).strip())
        post.title = title_text(post.title_parts)
        post.line = line("title")

    for key in ("date", "modified"):
        value = fields.pop(key, None)
        if value is None or str(value).strip() == "":
            continue
        parsed = parse_date(value)
        if parsed is None:
            problems.append((line(key), f"{key.capitalize()}: {str(value)!r} is not a date "
                             "(expected e.g. 2017-09-25 19:00 or ISO 8601); the post is "
                             "kept, undated" if key == "date" else
                             f"{key.capitalize()}: {str(value)!r} is not a date; ignored"))
        else:
            setattr(post, key, parsed)

    post.tags, tag_lang = split_tags(fields.pop("tags", ""))
    lang = str(fields.pop("lang", "") or "").strip()
    given = lang or tag_lang or ""
    post.lang = language_code(given) or "" if given else ""
    if given and not post.lang:
        key = "lang" if lang else "tags"
        problems.append((line(key), f"{'Lang' if lang else 'Tags'}: {given!r} is not a "
                         "language code (e.g. fr, en, pt-BR); the post is in the site's "
                         "language"))

    slug = str(fields.pop("slug", "") or "").strip()
    post.slug = path_segment(slug, "")
    if slug and post.slug != slug:
        problems.append((line("slug"), f"Slug: {slug!r} is not one safe path segment "
                         f"(letters, digits, '.', '-', '_', '~'; no '/' nor '..'); "
                         f"the post's slug is {post.slug or 'taken from its title'!r}"))
    category = fields.pop("category", "")
    post.category = str(category or "").strip()
    authors = split_list(fields.pop("authors", "")) + split_list(fields.pop("author", ""))
    post.authors = list(dict.fromkeys(authors))
    post.summary = str(fields.pop("summary", "") or "").strip()
    post.image = str(fields.pop("image", "") or "").strip()
    post.translation = str(fields.pop("translation", "") or "").strip()

    for key in ("save_as", "url"):
        value = str(fields.get(key, "") or "").strip()
        if value and not post.save_as:
            post.save_as = relative_path(value) or ""
            if not post.save_as:
                problems.append((line(key), f"{key}: {value!r} is not a relative path of safe "
                                 "segments; no page is written there"))

    status = str(fields.pop("status", "") or "").strip().lower()
    if status:
        if status in STATUSES:
            post.status = status
        else:
            problems.append((line("status"), f"Status: {status!r} is not one of "
                             f"{', '.join(STATUSES)}; the post is treated as published"))
    post.extra = {k: str(v) for k, v in fields.items()}
    return post, problems


def finish_post(post: Post, first_heading: str, fallback_title: str) -> str | None:
    """Fill the title (from the first heading, else the file name) and the slug.

    Return a problem to report when the post has no title at all.
    """
    problem = None
    if not post.title:
        if first_heading:
            post.title = first_heading
            post.title_parts = [first_heading]
        else:
            post.title = fallback_title
            post.title_parts = [fallback_title]
            problem = f"no Title in the header and no heading: titled {fallback_title!r}"
    if not post.slug:
        post.slug = slug_segment(post.title, "") or slug_segment(fallback_title, "post")
        post.legacy_slug = path_segment(pelican_slug(post.title), "") or post.slug
    else:
        post.legacy_slug = post.slug
    return problem


_FILE_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def apply_pelican_defaults(post: Post, *, category_from_folder: bool,
                           default_category: str) -> None:
    """What Pelican gives a post its header does not: the date its file name starts with
    (``FILENAME_METADATA``), its folder as category (``USE_FOLDER_AS_CATEGORY``), else the
    default category (``DEFAULT_CATEGORY``)."""
    if not post.is_post:
        return
    folder, _, name = post.docname.rpartition("/")
    if post.date is None:
        match = _FILE_DATE.match(name)
        post.date = parse_date(match.group(1)) if match else None
    if not post.category:
        post.category = (folder.rsplit("/", 1)[-1] if folder and category_from_folder
                         else default_category)
