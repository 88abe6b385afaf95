"""The contacts table: a Line API widget that renders only the rows on screen.

Textual's DataTable measures and stores every cell when rows are added (about 85 µs a row), which
makes 30,000 contacts take seconds to show and to re-filter. This widget keeps a plain list of
rows and renders the ones in view on demand, so showing a new list (a filter keystroke, a new
sort) costs nothing beyond building the list. One fixed header line, a row cursor, scrolling,
mouse clicks (a click on a sortable header sorts by it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from netplan.domain.contact_list import Sort, days_ago, due_state
from netplan.domain.people_index import ContactRow
from netplan.text import for_screen

GIVE_FIRST_MARK = "⚑"


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int
    right: bool = False
    sort: Sort | None = None


# (key, title, minimum, maximum, weight, sort) of the columns that share the free width, and the
# order in which they are left out when the table is too narrow for all of them.
_FLEX = (
    ("name", "Name", 18, 28, 1, Sort.name),  # names are shorter than companies and roles
    ("company", "Company", 10, 24, 3, None),
    ("role", "Role", 10, 28, 3, None),
    ("tags", "Tags", 8, 22, 2, None),
)
_DROP_ORDER = ("role", "tags", "company")
# A column is left out sooner than at its minimum: what the others then get reads better
# than four columns each cut to a few letters.
_COMFORTABLE = {"name": 18, "company": 11, "role": 14, "tags": 8}
_FIXED = (
    Column("last", "Last", 6, right=True, sort=Sort.last),
    Column("due", "Follow-up", 10, sort=Sort.due),
    Column("balance", "Gave/ask", 8),
)
_LEAD = 1  # blank cell before the first column
_GAP = 2  # between columns


def layout(width: int) -> list[Column]:
    """The columns that fit `width` cells, flexible ones sharing what the fixed ones leave."""
    fixed = sum(c.width for c in _FIXED)
    choices = []  # (columns, free width) with each fewer column
    flex = list(_FLEX)
    for key in (None, *_DROP_ORDER):
        flex = [f for f in flex if f[0] != key]
        choices.append((flex, width - _LEAD - fixed - _GAP * (len(flex) + len(_FIXED) - 1)))
    flex, free = next(
        (c for c in choices if c[1] >= sum(_COMFORTABLE[f[0]] for f in c[0])),
        next((c for c in choices if c[1] >= sum(f[2] for f in c[0])), choices[-1]),
    )
    free = max(free, sum(f[2] for f in flex))
    widths = {f[0]: f[2] for f in flex}
    spare = free - sum(widths.values())
    total_weight = sum(f[4] for f in flex)
    for key, _title, low, high, weight, _sort in flex:
        widths[key] = min(high, low + spare * weight // total_weight)
    spare = free - sum(widths.values())
    # What rounding left: to the heaviest first (companies and roles run longer than names).
    for key, _title, _low, high, _weight, _sort in sorted(flex, key=lambda f: -f[4]):
        extra = min(spare, high - widths[key])
        widths[key] += extra
        spare -= extra
    columns = [Column(f[0], f[1], widths[f[0]], sort=f[5]) for f in flex]
    return columns + list(_FIXED)


def fit(text: str, width: int, right: bool = False) -> str:
    """Exactly `width` cells: padded, or cut with an ellipsis."""
    if cell_len(text) > width:
        return set_cell_size(text, max(width - 1, 0)) + "…" if width else ""
    padding = " " * (width - cell_len(text))
    return padding + text if right else text + padding


def balance_text(row: ContactRow) -> str:
    text = f"{row.balance.gave}/{row.balance.asked}"
    return f"{text} {GIVE_FIRST_MARK}" if row.balance.give_first else text


class ContactTable(ScrollView, can_focus=True):
    """Rows of contacts with a cursor; the pane around it decides what the keys do."""

    COMPONENT_CLASSES = {
        "contact-table--header",
        "contact-table--sorted",
        "contact-table--cursor",
        "contact-table--overdue",
        "contact-table--soon",
        "contact-table--muted",
        "contact-table--give-first",
    }

    DEFAULT_CSS = """
    ContactTable {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        &:focus {
            background-tint: $foreground 5%;
            & > .contact-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        & > .contact-table--header { text-style: bold; background: $panel; color: $foreground; }
        & > .contact-table--sorted { color: $accent; }
        & > .contact-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .contact-table--overdue { color: $text-error; }
        & > .contact-table--soon { color: $text-warning; }
        & > .contact-table--muted { color: $text-muted; }
        & > .contact-table--give-first { color: $text-warning; }
    }
    """

    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False, id="contacts-up", tooltip="Contact above"),
        Binding(
            "down,j", "cursor_down", "Down", show=False, id="contacts-down", tooltip="Contact below"
        ),
        Binding(
            "pageup", "page_up", "Page up", show=False, id="contacts-page-up", tooltip="A page up"
        ),
        Binding(
            "pagedown",
            "page_down",
            "Page down",
            show=False,
            id="contacts-page-down",
            tooltip="A page down",
        ),
        Binding(
            "home",
            "cursor_first",
            "First",
            show=False,
            id="contacts-first",
            tooltip="First contact",
        ),
        Binding(
            "end", "cursor_last", "Last", show=False, id="contacts-last", tooltip="Last contact"
        ),
    ]

    class Highlighted(Message):
        """The cursor is on another contact (None: the table is empty)."""

        def __init__(self, row: ContactRow | None) -> None:
            super().__init__()
            self.row = row

    class HeaderClicked(Message):
        def __init__(self, sort: Sort) -> None:
            super().__init__()
            self.sort = sort

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: list[ContactRow] | None = None  # None: not loaded yet
        self.cursor = 0
        self.today = date.today()
        self.sort = Sort.due
        self.message = "Loading contacts…"  # shown when there are no rows
        self._highlighted: ContactRow | None = None
        self._layout: tuple[int, list[Column]] = (-1, [])

    # what is shown

    @property
    def current(self) -> ContactRow | None:
        rows = self.rows
        if not rows or not 0 <= self.cursor < len(rows):
            return None
        return rows[self.cursor]

    def show(
        self,
        rows: list[ContactRow] | None,
        keep: str | None = None,
        message: str = "",
    ) -> None:
        """Show these rows; the cursor stays on the contact `keep` if it is among them."""
        self.rows = rows
        self.message = message
        cursor = 0
        if rows and keep is not None:
            if 0 <= self.cursor < len(rows) and rows[self.cursor].contact.id == keep:
                cursor = self.cursor
            else:
                cursor = next((n for n, r in enumerate(rows) if r.contact.id == keep), 0)
        self.virtual_size = Size(0, len(rows or ()) + 1)
        self._move_to(cursor)
        self.refresh()

    def _move_to(self, index: int) -> None:
        count = len(self.rows or ())
        index = max(0, min(index, count - 1)) if count else 0
        if index != self.cursor:
            self.cursor = index
            self.refresh()
        self._scroll_to_cursor()
        row = self.current
        if row is not self._highlighted or row is None:
            # Rows are rebuilt when their contact or journal changes, so the same row object
            # means nothing to redraw in the detail pane (typing a filter often keeps the first).
            self._highlighted = row
            self.post_message(self.Highlighted(row))

    def _page_rows(self) -> int:
        return max(self.size.height - 1, 1)

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_y)
        page = self._page_rows()
        if self.cursor < top:
            top = self.cursor
        elif self.cursor >= top + page:
            top = self.cursor - page + 1
        if top != round(self.scroll_y):
            self.scroll_to(y=top, animate=False, force=True)

    def on_resize(self, _event: events.Resize) -> None:
        self._scroll_to_cursor()

    # keys and mouse

    def action_cursor_up(self) -> None:
        self._move_to(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self._move_to(self.cursor + 1)

    def action_page_up(self) -> None:
        self._move_to(self.cursor - self._page_rows())

    def action_page_down(self) -> None:
        self._move_to(self.cursor + self._page_rows())

    def action_cursor_first(self) -> None:
        self._move_to(0)

    def action_cursor_last(self) -> None:
        self._move_to(len(self.rows or ()) - 1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            x = _LEAD
            for column in self._columns():
                if x <= offset.x < x + column.width + _GAP and column.sort is not None:
                    self.post_message(self.HeaderClicked(column.sort))
                    break
                x += column.width + _GAP
            return
        index = round(self.scroll_y) + offset.y - 1
        if self.rows and 0 <= index < len(self.rows):
            self._move_to(index)

    # rendering

    def _width(self) -> int:
        """Cells for the rows: the widget less its vertical scrollbar."""
        return self.scrollable_content_region.width

    def _columns(self) -> list[Column]:
        width = self._width()
        if self._layout[0] != width:
            self._layout = (width, layout(width))
        return self._layout[1]

    def render_line(self, y: int) -> Strip:
        width = self._width()
        base = self.rich_style
        if y == 0:
            return self._header(width, base)
        rows = self.rows
        index = round(self.scroll_y) + y - 1
        if not rows:
            if y == 1 and self.message:
                muted = self.get_component_rich_style("contact-table--muted")
                text = fit(" " * _LEAD + for_screen(self.message), width)
                return Strip([Segment(text, base + muted)], width)
            return Strip.blank(width, base)
        if index >= len(rows):
            return Strip.blank(width, base)
        return self._row(rows[index], index == self.cursor, width, base)

    def _header(self, width: int, base: Style) -> Strip:
        style = base + self.get_component_rich_style("contact-table--header")
        sorted_style = style + self.get_component_rich_style("contact-table--sorted")
        segments = [Segment(" " * _LEAD, style)]
        for column in self._columns():
            is_sorted = column.sort is not None and column.sort == self.sort
            title = f"{column.title}▲" if is_sorted else column.title
            title_style = sorted_style if is_sorted else style
            segments.append(Segment(fit(title, column.width, column.right), title_style))
            segments.append(Segment(" " * _GAP, style))
        return Strip(segments).adjust_cell_length(width, style)

    def _row(self, row: ContactRow, is_cursor: bool, width: int, base: Style) -> Strip:
        contact = row.contact
        style = base
        if is_cursor:
            style = base + self.get_component_rich_style("contact-table--cursor")
        muted = self.get_component_rich_style("contact-table--muted")
        segments = [Segment(" " * _LEAD, style)]
        for column in self._columns():
            key = column.key
            cell_style = style
            if key == "name":
                text = contact.name
            elif key == "company":
                text = contact.company or ""
            elif key == "role":
                text = contact.role or ""
            elif key == "tags":
                text = ", ".join(contact.tags)
            elif key == "last":
                text = days_ago(row.last, self.today)
                if row.last is None:
                    cell_style = style + muted
            elif key == "due":
                if row.due is None:
                    text, cell_style = "—", style + muted
                else:
                    text = row.due.isoformat()
                    state = due_state(row.due, self.today)
                    if state == "overdue":
                        cell_style = style + self.get_component_rich_style("contact-table--overdue")
                    elif state == "soon":
                        cell_style = style + self.get_component_rich_style("contact-table--soon")
            else:
                text = balance_text(row)
                if row.balance.give_first:
                    cell_style = style + self.get_component_rich_style("contact-table--give-first")
                elif not (row.balance.gave or row.balance.asked):
                    cell_style = style + muted
            segments.append(Segment(fit(for_screen(text), column.width, column.right), cell_style))
            segments.append(Segment(" " * _GAP, style))
        return Strip(segments).adjust_cell_length(width, style)
