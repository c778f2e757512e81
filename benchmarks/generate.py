"""Generate N realistic French posts: headings, lists, code, links, quotes, dates over fifteen
years, in one folder per year; one common tag and two from a long tail of about 3×N names.

    python benchmarks/generate.py 300 /tmp/blog
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import paragraph, sentence

TAGS = ["python", "sphinx", "documentation", "typographie", "conférence", "linux", "web",
        "données", "tests", "performance", "sécurité", "outils", "communauté", "rust", "git"]
CODE = '''```python
def bonjour(nom: str) -> str:
    """Dire bonjour : proprement !"""
    return f"Bonjour, {nom}..."
```'''


def _long_tail(count: int) -> list[str]:
    """About 3×N tag names, as a real blog's long tail (a real 260-post blog had 838)."""
    words = ["asso", "atelier", "api", "bug", "cli", "css", "data", "debian", "django", "docker",
             "emacs", "flask", "gnome", "html", "js", "kde", "lyon", "nantes", "orm", "paris",
             "pep", "pip", "qa", "rss", "sql", "ssh", "tls", "ux", "vim", "wasm", "xml", "yaml"]
    return [f"{words[i % len(words)]}-{i // len(words)}" for i in range(3 * count)]


def post(index: int, rng: random.Random, tail: list[str], *, long: bool = False,
         lang: str = "") -> str:
    year = 2011 + rng.randrange(15)
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(8, 20)}:00"
    # one common tag and two from the long tail (four for the real-blog shape)
    tags = [rng.choice(TAGS), *rng.sample(tail, 4 if long else 2)]
    title = sentence(rng).split(" ", 4)
    title_text = " ".join(title[:4]).rstrip(".!?: ")
    body = [paragraph(rng), ""]
    for section in range(rng.randint(2, 4) * (3 if long else 1)):
        body += [f"## Partie {section + 1} : {sentence(rng).split(' ')[1]}", "", paragraph(rng),
                 ""]
        choice = rng.random()
        if choice < 0.3:
            body += [f"- {sentence(rng)}", f"- {sentence(rng)}", f"- {sentence(rng)}", ""]
        elif choice < 0.5 or (long and choice < 0.6):
            body += [CODE, ""]
        elif choice < 0.7:
            body += [f"> {sentence(rng)}", ""]
        elif long and choice < 0.85:
            body += [f"![Figure {section}](/images/figure-{index % 10}.png)", ""]
        else:
            body += [f"Voir [la page {index}](https://exemple.fr/{index}?x=1) et "
                     f"`python -m carnet` : {sentence(rng)}", ""]
        body += [paragraph(rng, rng.randint(2, 6)), ""]
    header = (f"---\ntitle: \"{title_text} ({index})\"\ndate: {date}\n"
              f"tags: [{', '.join(tags)}]\n" + (f"lang: {lang}\n" if lang else "") + "---\n\n")
    return header + "\n".join(body)


# a 1×1 PNG: the real-blog shape's figures
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
                    "0000000d4944415478da63f8cfc0f01f0005000201a5f9e9f50000000049454e44ae426082")


def generate(count: int, folder: Path, seed: int = 2017, *, real_blog: bool = False,
             ) -> list[Path]:
    """Write ``count`` posts into ``folder``/posts/YEAR/, and a by-year index per year (a
    toctree as a careful user writes it; carnet ignores it). ``real_blog``: long posts with
    code and figures, about 3×N tags, one in five in English."""
    rng = random.Random(seed)
    tail = _long_tail(count)
    paths = []
    if real_blog:
        (folder / "images").mkdir(parents=True, exist_ok=True)
        for number in range(10):
            (folder / "images" / f"figure-{number}.png").write_bytes(PNG)
    for index in range(count):
        lang = "en" if real_blog and index % 5 == 0 else ""
        text = post(index, rng, tail, long=real_blog, lang=lang)
        year = text.split("date: ", 1)[1][:4]
        path = folder / "posts" / year / f"billet-{index:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def year_indexes(folder: Path) -> list[str]:
    """A page per year holding that year's posts (for the tools that need a toctree)."""
    years = sorted(p.name for p in (folder / "posts").iterdir() if p.is_dir())
    for year in years:
        (folder / "posts" / year / "index.md").write_text(
            f"# {year}\n\n```{{toctree}}\n:maxdepth: 1\n:glob:\n\nbillet-*\n```\n",
            encoding="utf-8")
    return [f"posts/{year}/index" for year in years]


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
