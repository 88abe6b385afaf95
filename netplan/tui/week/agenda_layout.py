"""The agenda's sections laid out in lines of a width, as many items as fit a height.

Each section shows at least MIN_SHOWN items; the rows left are shared out one item per
section in turn, and a section that does not fit ends with "… N more". An item whose
detail does not fit beside the name goes on: the detail moves to indented lines under
it, wrapped when it holds reasons (reasons are never cut), cut with an ellipsis otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.color import Color, ColorParseError

from netplan.text import for_screen
from netplan.tui.common.colours import rich_colour
from netplan.tui.common.text import plain, shorten
from netplan.tui.week.agenda_items import AgendaItem, ItemKind, Section

NAME_WIDTH = 20
MIN_NAME = 4
INDENT = "  "
MIN_SHOWN = 1  # per section, even when the agenda must scroll for it
WHEN_SAMPLE = 100
UNSIZED_SHOWN = 6  # per section, before the agenda knows its height


def palette_of(colors: dict[str, str]) -> dict[str, Style]:
    """Styles of the tones from the theme's CSS variables (app.theme_colors())."""
    palette = {"": Style(), "muted": Style(dim=True)}
    for tone in ("error", "warning", "success", "accent"):
        palette[tone] = Style(color=rich_colour(colors.get(tone))) if tone in colors else Style()
    try:
        background = Color.parse(colors["block-cursor-background"])
    except (KeyError, ColorParseError):
        palette["cursor"] = Style(reverse=True)
    else:
        # The foreground is "auto 87%" in most themes: text that contrasts with the cursor.
        foreground = background.get_contrast_text(0.87)
        palette["cursor"] = Style(bgcolor=background.rich_color, color=foreground.rich_color)
    return palette


@dataclass
class Laid:
    """The lines, and where each person item sits in them: (first line, lines, item)."""

    lines: list[Text] = field(default_factory=list)
    spans: list[tuple[int, int, AgendaItem]] = field(default_factory=list)


def _wrap(value: str, width: int) -> list[str]:
    """Words on lines of at most `width` cells; a word wider than a line is cut."""
    lines: list[str] = []
    line = ""
    for word in for_screen(value).split():
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word if cell_len(word) <= width else shorten(word, width)
    if line:
        lines.append(line)
    return lines


def item_lines(
    item: AgendaItem, width: int, when_width: int, reasons: bool, palette: dict[str, Style]
) -> list[Text]:
    tone = palette.get(item.tone, Style())
    lead = Text(f"{item.lead} ", style=tone) if item.lead else Text()
    fixed = lead.cell_len + (1 + when_width if when_width else 0)
    name_width = max(MIN_NAME, min(NAME_WIDTH, width - fixed))
    name = plain(shorten(item.name, name_width))
    milestone = item.kind is ItemKind.milestone
    if not milestone:
        name.pad_right(name_width - name.cell_len)
    first = Text.assemble(lead, name)
    if when_width:
        when = Text(f" {item.when}", style=tone)
        when.pad_right(when_width + 1 - when.cell_len)
        first.append_text(when)
    if not item.detail:
        return [first]
    style = "" if milestone else "italic"
    separator = " · " if milestone else " "
    detail = plain(item.detail, style=style)
    if first.cell_len + len(separator) + detail.cell_len <= width:
        first.append(separator, style="dim" if milestone else "")
        first.append_text(detail)
        return [first]
    room = max(width - len(INDENT), 1)
    rest = _wrap(item.detail, room) if reasons else [shorten(item.detail, room)]
    first.rstrip()
    return [first, *(Text.assemble(INDENT, Text(line, style=style)) for line in rest)]


def _when_width(section: Section) -> int:
    # The first items are the most overdue, the widest: the column fits those.
    return max((cell_len(item.when) for item in section.items[:WHEN_SAMPLE]), default=0)


def lay_out(
    sections: list[Section], width: int, height: int | None, palette: dict[str, Style]
) -> Laid:
    """The sections in `width` cells and, with a `height`, about that many lines."""
    width = max(width, 12)
    widths = [_when_width(section) for section in sections]
    rendered: list[list[list[Text]]] = [[] for _ in sections]  # items laid out so far

    def measure(index: int) -> list[Text]:
        section, done = sections[index], rendered[index]
        return item_lines(
            section.items[len(done)], width, widths[index], section.reason_details, palette
        )

    fixed = sum(
        (1 if index else 0) + 1 + len(section.notes) + (not section.items and bool(section.empty))
        for index, section in enumerate(sections)
    )
    # Every section with items holds a "… N more" line until its last item is in.
    budget = (height if height is not None else 10**6) - fixed
    budget -= sum(1 for section in sections if section.items)
    cap = UNSIZED_SHOWN if height is None else None

    def add(index: int, lines: list[Text]) -> None:
        nonlocal budget
        rendered[index].append(lines)
        budget -= len(lines)
        if len(rendered[index]) == len(sections[index].items):
            budget += 1  # no "… more" line then

    for index, section in enumerate(sections):
        while len(rendered[index]) < min(len(section.items), MIN_SHOWN):
            add(index, measure(index))
    open_sections = [i for i, s in enumerate(sections) if len(rendered[i]) < len(s.items)]
    while open_sections:
        still = []
        for index in open_sections:
            lines = measure(index)
            last = len(rendered[index]) + 1 == len(sections[index].items)
            if len(lines) - last > budget or (cap is not None and len(rendered[index]) >= cap):
                continue
            add(index, lines)
            if len(rendered[index]) < len(sections[index].items):
                still.append(index)
        open_sections = still

    laid = Laid()
    for index, section in enumerate(sections):
        if index:
            laid.lines.append(Text())
        laid.lines.append(Text(section.title, style="bold underline"))
        for item, lines in zip(section.items, rendered[index], strict=False):
            laid.spans.append((len(laid.lines), len(lines), item))
            laid.lines.extend(lines)
        hidden = len(section.items) - len(rendered[index])
        if hidden:
            laid.lines.append(Text(f"… {hidden} more", style="dim"))
        if not section.items and section.empty:
            laid.lines.append(Text(section.empty, style="dim"))
        for note in section.notes:
            laid.lines.append(
                Text.assemble(*((text, palette.get(tone, Style())) for text, tone in note))
            )
    return laid
