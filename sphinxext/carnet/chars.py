"""The characters French typography works with, shared by its modules."""

from __future__ import annotations

NBSP = "\u00a0"
NNBSP = "\u202f"
#: Stands for a piece of text that must stay as it is (code, a URL…): a Unicode noncharacter,
#: which no real text holds. Rules see it as a word.
PLACEHOLDER = "\ufdd0"

SP = "[ \t\u00a0\u202f\u2009\u2007]"  # a typed space of any kind, not a line break
