"""``python -m sphinxext.carnet typo [--check|--fix] FILES``: carnet's command line."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] != "typo":
        print("usage: python -m sphinxext.carnet typo [--check|--fix] FILES\n"
              "  typo: report (file:line:column, what and why) or fix French typography "
              "in Markdown sources", file=sys.stderr)
        return 2
    from .typocheck import main as typo

    return typo(args[1:])


if __name__ == "__main__":
    import signal

    if hasattr(signal, "SIGPIPE"):  # `… | head` ends quietly, as other commands do
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
