"""A theme's CSS variable as a Rich colour: the one place that knows some are not colours."""

from __future__ import annotations

from rich.color import Color as RichColor
from textual.color import Color, ColorParseError


def rich_colour(value: str | None) -> RichColor | None:
    """The Rich colour of a theme variable's value; None when it is not a colour (many
    themes give "auto 60%" or "auto 87%", which Rich cannot use)."""
    try:
        return Color.parse(value or "").rich_color
    except ColorParseError:
        return None
