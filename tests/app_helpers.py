"""Building the real app on a temporary store, and waiting for its saves."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

from netplan.demo import demo_data
from netplan.store import Store
from netplan.tui.app import NetplanApp
from netplan.workspace import PeopleState

TODAY = date(2026, 11, 25)


def make_store(folder: Path, demo: bool = False) -> Store:
    store = Store(folder)
    store.ensure()
    if demo:
        plan, contacts, journal = demo_data(TODAY)
        store.load()
        store.save(plan=plan, contacts=contacts, journal=journal)
    return Store(folder)


def make_app(store: Store, today: date = TODAY) -> NetplanApp:
    app = NetplanApp(store=store, today=today)
    app.animation_level = "none"
    return app


async def settle(pilot, app: NetplanApp, timeout: float = 5.0) -> None:
    """Wait until the people are loaded and every change is saved."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while loop.time() < end:
        await pilot.pause(0.02)
        workspace = app.workspace
        if (
            workspace is not None
            and workspace.settled
            and app.data is not None
            and workspace.people_state != PeopleState.loading
        ):
            return
    raise AssertionError("the app did not settle")


async def wait_for(pilot, condition, timeout: float = 10, what: str = "") -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition():
        if loop.time() > end:
            raise AssertionError(f"timed out waiting for {what or condition}")
        await pilot.pause(0.05)


def messages(app: NetplanApp) -> list[str]:
    """Every notification shown so far, as "title: message"."""
    return [f"{n.title or ''}: {n.message}" for n in app._notifications]


async def notified(pilot, app: NetplanApp, *needles: str, timeout: float = 10) -> list[str]:
    """Wait for a notification holding every needle; notify() posts a message, so a
    notification reaches the app a moment after the state change that caused it."""

    def found() -> bool:
        return any(all(n in m for n in needles) for m in messages(app))

    try:
        await wait_for(pilot, found, timeout)
    except AssertionError:
        raise AssertionError(f"no notification with {needles}: {messages(app)}") from None
    return messages(app)


def on_disk(store: Store):
    return Store(store.folder).load()
