"""The colours of the Contacts tab's Rich text, taken from the theme (app.theme_colors()).

The `text-*` variables are the theme's colours made readable on its background, so a light
theme (textual-light, solarized-light, catppuccin-latte) keeps them legible.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.color import Color, ColorParseError


@dataclass(frozen=True, slots=True)
class Tones:
    """Rich styles of what the detail pane and the journal mark; Tones() alone: no colour."""

    error: str = ""  # overdue
    warning: str = ""  # due today or soon, asked, give first
    success: str = ""  # gave, kept
    accent: str = ""  # tags, milestones


def _colour(variables: Mapping[str, str], name: str) -> str:
    value = variables.get(name, "")
    try:
        Color.parse(value)  # some variables are "auto 60%", which Rich cannot use
    except ColorParseError:
        return ""
    return value


def tones_of(variables: Mapping[str, str]) -> Tones:
    return Tones(
        error=_colour(variables, "text-error"),
        warning=_colour(variables, "text-warning"),
        success=_colour(variables, "text-success"),
        accent=_colour(variables, "text-primary"),
    )
