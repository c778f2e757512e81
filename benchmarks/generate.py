"""Generate N realistic French posts: headings, lists, code, links, quotes, three tags each,
dates over fifteen years; Pelican headers, or MyST front matter for one post in four.

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


def post(index: int, rng: random.Random) -> str:
    year = 2011 + rng.randrange(15)
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d} {rng.randint(8, 20)}:00"
    tags = rng.sample(TAGS, 3)
    title = sentence(rng).split(" ", 4)
    title_text = " ".join(title[:4]).rstrip(".!?: ")
    body = [paragraph(rng), ""]
    for section in range(rng.randint(2, 4)):
        body += [f"## Partie {section + 1} : {sentence(rng).split(' ')[1]}", "", paragraph(rng),
                 ""]
        choice = rng.random()
        if choice < 0.3:
            body += [f"- {sentence(rng)}", f"- {sentence(rng)}", f"- {sentence(rng)}", ""]
        elif choice < 0.5:
            body += [CODE, ""]
        elif choice < 0.7:
            body += [f"> {sentence(rng)}", ""]
        else:
            body += [f"Voir [la page {index}](https://exemple.fr/{index}?x=1) et "
                     f"`python -m carnet` : {sentence(rng)}", ""]
        body += [paragraph(rng, rng.randint(2, 6)), ""]
    if index % 4 == 0:
        header = (f"---\ntitle: \"{title_text} ({index})\"\ndate: {date}\n"
                  f"tags: [{', '.join(tags)}]\n---\n\n")
    else:
        header = (f"Title: {title_text} ({index})\nDate: {date}\n"
                  f"Tags: {', '.join(tags)}\nSlug: billet-{index}\n\n")
    return header + "\n".join(body)


def generate(count: int, folder: Path, seed: int = 2017) -> list[Path]:
    """Write ``count`` posts into ``folder``/posts; return their paths."""
    rng = random.Random(seed)
    posts = folder / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = posts / f"billet-{index:04d}.md"
        path.write_text(post(index, rng), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
