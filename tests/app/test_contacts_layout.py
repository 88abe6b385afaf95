"""The Contacts tab at several sizes, and in the theme's colours (a light one too)."""

from __future__ import annotations

import io

from app_helpers import make_app, settle
from rich.console import Console
from rich.segment import Segment

from netplan.store import Store
from netplan.tui.contacts.detail import ContactDetail
from netplan.tui.contacts.journal import JournalList
from netplan.tui.contacts.pane import ContactsPane
from netplan.tui.contacts.table import ContactTable


async def show(pilot, app, contact_id: str) -> None:
    await settle(pilot, app)
    await pilot.press("3")
    await pilot.pause()
    app.query_one(ContactsPane).show_contact(contact_id)
    await pilot.pause(0.05)


def segments(renderable, width: int = 60) -> list[Segment]:
    console = Console(width=width, file=io.StringIO(), color_system="truecolor")
    return list(console.render(renderable, console.options))


def colour_of(found: list[Segment], text: str) -> str | None:
    segment = next(s for s in found if text in s.text)
    color = segment.style.color if segment.style is not None else None
    return color.triplet.hex.upper() if color is not None and color.triplet else None


def screen_lines(app, widget) -> list[str]:
    region = widget.region
    strips = app.screen._compositor.render_strips()
    return [s.crop(region.x, region.right).text for s in strips[region.y : region.bottom]]


async def test_the_detail_and_the_journal_take_the_theme_colours(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await show(pilot, app, "nadia-haddad")  # 14 days overdue; gave most of the time
        detail = app.query_one(ContactDetail)
        for theme in ("textual-dark", "textual-light"):
            app.theme = theme
            await pilot.pause(0.05)
            colours = app.theme_colors()
            body = segments(detail.query_one(".contact-detail-body").content)
            assert colour_of(body, "14 days overdue") == colours["text-error"].upper(), theme
            journal = segments(detail.journal.render())
            assert colour_of(journal, "gave") == colours["text-success"].upper(), theme


async def test_a_wide_terminal_puts_the_journal_beside_the_details(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(200, 50)) as pilot:
        await show(pilot, app, "amara-okafor")
        detail = app.query_one(ContactDetail)
        body = detail.query_one(".contact-detail-body")
        journal = app.query_one(JournalList)
        assert detail.has_class("-columns")
        assert journal.region.x > body.region.right - 1
        assert journal.region.y <= body.region.y + 1  # from the top, not below the details
        shown = "\n".join(screen_lines(app, journal))
        assert shown.count("2026-") >= 6  # every entry of hers on screen
        table = app.query_one(ContactTable)
        assert "Role" in table.render_line(0).text  # room for every column
        assert "Chief Data" in table.render_line(1).text


async def test_wrapped_lines_of_an_entry_stay_under_it(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await show(pilot, app, "amara-okafor")
        journal = app.query_one(JournalList)
        await pilot.press("J")  # the journal in view
        await pilot.pause()
        lines = screen_lines(app, journal)
        wrapped = next(n for n, line in enumerate(lines) if "Coffee at Kestrel" in line)
        assert lines[wrapped].startswith("    Coffee at Kestrel")
        assert lines[wrapped + 1].startswith("    ") and lines[wrapped + 1].strip()
        await pilot.press("home")  # the milestones above it
        await pilot.pause()
        body = "\n".join(screen_lines(app, app.query_one(ContactDetail)))
        assert "Work anniversary · in 130 days" in body
        assert "2027-04-04 · yearly since 2022" in body


async def test_at_80_by_24_the_whole_detail_is_reachable_by_keys(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, app, "amara-okafor")
        detail = app.query_one(ContactDetail)
        await pilot.press("J", "end")  # the oldest entry, at the bottom
        await pilot.pause()
        assert detail.scroll_y > 0
        assert detail.scroll_y >= detail.max_scroll_y - 2
        await pilot.press("home")  # the newest entry, and the details above it
        await pilot.pause()
        assert detail.scroll_y == 0
        await pilot.press("pagedown")  # the pane scrolls a page at a time too
        await pilot.pause()
        assert detail.scroll_y > 0
