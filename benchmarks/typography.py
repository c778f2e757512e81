"""Throughput of sphinxext.carnet.typography.normalize on 1 MB of French prose.

    python benchmarks/typography.py

Prints MB/s for the whole text at once and paragraph by paragraph (as the doctree transform
calls it), the best of several runs, and polytypo's figure beside it when polytypo is installed.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import prose

from sphinxext.carnet.typography import normalize


def measure(function: object, text: str, runs: int = 5) -> float:
    """Median MB/s over ``runs`` runs."""
    size = len(text.encode()) / 1e6
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        function(text)  # type: ignore[operator]
        rates.append(size / (time.perf_counter() - start))
    return statistics.median(rates)


def main() -> None:
    text = prose(1_000_000)
    paragraphs = text.split("\n\n")
    whole = measure(normalize, text)
    by_paragraph = measure(lambda t: [normalize(p) for p in paragraphs], text)
    print(f"normalize, 1 MB at once:      {whole:6.2f} MB/s")
    print(f"normalize, paragraph by para: {by_paragraph:6.2f} MB/s")
    try:
        import polytypo  # type: ignore[import-not-found]
    except ImportError:
        print("polytypo:                      not installed")
    else:
        rate = measure(lambda t: polytypo.transform(t, locale="fr"), text, runs=1)
        print(f"polytypo:                     {rate:6.2f} MB/s  (carnet is {whole / rate:.0f}x)")


if __name__ == "__main__":
    main()
