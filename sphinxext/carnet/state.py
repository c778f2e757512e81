"""What carnet knows during one build that is not in the environment: kept on the app.

Sphinx's own extensions keep such state on the environment or the app, never in a module:
two apps in one process (``sphinx.testing`` makes many) must not see each other's, and a
parallel build's processes inherit the app they were forked from.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from sphinx.application import Sphinx

if TYPE_CHECKING:
    from .scan import Scan


@dataclasses.dataclass
class BuildState:
    """One build's state."""

    scan: Scan | None = None  # the headers, read at config-inited
    # documents read in this build -> what others showed of them before (rewrites.face)
    read: dict[str, tuple[str, str] | None] = dataclasses.field(default_factory=dict)
    sidebars: dict[str, Any] = dataclasses.field(default_factory=dict)  # the lists they show
    sidebars_used: bool | None = None  # whether any template shows carnet's sidebars
    navigation: dict[Any, Any] = dataclasses.field(default_factory=dict)  # group pages' toctree
    group_items: dict[tuple[str, str], str] = dataclasses.field(  # a post's item on them
        default_factory=dict)
    indexed: set[str] = dataclasses.field(default_factory=set)  # group pages in the index


def build_state(app: Sphinx) -> BuildState:
    """This app's state (made on first use)."""
    state = app.__dict__.get("_carnet_state")
    if state is None:
        state = app.__dict__["_carnet_state"] = BuildState()
    return state
