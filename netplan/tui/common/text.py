"""Text from the store or an import, shown as text: never markup, never control codes.

Everything a user or an import wrote reaches the screen through `plain()`, which returns a
rich Text (Textual never parses a Text as markup) cleaned by `netplan.text.for_screen`.
Widths are terminal cells, not characters: a CJK character or an emoji takes two.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text

from netplan.text import for_screen


def plain(value: str | None, style: str = "", multiline: bool = False) -> Text:
    return Text(for_screen(value, multiline), style=style)


def shorten(value: str, width: int) -> str:
    """The text cleaned for the screen, at most `width` cells: cut with an ellipsis when
    longer (a wide character that would straddle the cut is left out, not split)."""
    value = for_screen(value)
    if cell_len(value) <= width:
        return value
    room = max(width - 1, 0)
    used = end = 0
    for index, char in enumerate(value):
        used += get_character_cell_size(char)
        if used > room:
            break
        end = index + 1
    return value[:end] + "…"
