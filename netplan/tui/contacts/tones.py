"""The colours of the Contacts tab's Rich text, taken from the theme (app.theme_colors()).

The `text-*` variables are the theme's colours made readable on its background, so a light
theme (textual-light, solarized-light, catppuccin-latte) keeps them legible.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from netplan.tui.common.colours import rich_colour


@dataclass(frozen=True, slots=True)
class Tones:
    """Rich styles of what the detail pane and the journal mark; Tones() alone: no colour."""

    error: str = ""  # overdue
    warning: str = ""  # due today or soon, asked, give first
    success: str = ""  # gave, kept
    accent: str = ""  # tags, milestones


def _colour(variables: Mapping[str, str], name: str) -> str:
    value = variables.get(name, "")
    return value if rich_colour(value) is not None else ""


def tones_of(variables: Mapping[str, str]) -> Tones:
    return Tones(
        error=_colour(variables, "text-error"),
        warning=_colour(variables, "text-warning"),
        success=_colour(variables, "text-success"),
        accent=_colour(variables, "text-primary"),
    )
