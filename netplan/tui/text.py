"""Text from the store or an import, made safe to show: never markup, never control codes.

Everything a user or an import wrote reaches the screen through `plain()`, which returns a
rich Text (Textual never parses a Text as markup) with control characters removed.
"""

from __future__ import annotations

import re

from rich.text import Text

# C0 and C1 control characters (including ESC, which starts terminal escape sequences).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BREAKS = re.compile(r"[\t\n\r]+")


def clean(value: str, multiline: bool = False) -> str:
    """The text without control characters; newlines kept only when multiline."""
    value = _CONTROL.sub("", value)
    return value if multiline else _BREAKS.sub(" ", value)


def plain(value: str | None, style: str = "", multiline: bool = False) -> Text:
    return Text(clean(value or "", multiline), style=style)


def shorten(value: str, width: int) -> str:
    return value if len(value) <= width else value[: max(width - 1, 0)] + "…"
