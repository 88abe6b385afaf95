"""Text from the store or an import, shown as text: never markup, never control codes.

Everything a user or an import wrote reaches the screen through `plain()`, which returns a
rich Text (Textual never parses a Text as markup) cleaned by `netplan.text.for_screen`.
"""

from __future__ import annotations

from rich.text import Text

from netplan.text import for_screen


def plain(value: str | None, style: str = "", multiline: bool = False) -> Text:
    return Text(for_screen(value, multiline), style=style)


def shorten(value: str, width: int) -> str:
    return value if len(value) <= width else value[: max(width - 1, 0)] + "…"
