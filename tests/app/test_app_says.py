"""What the app says about the folder and the edits (issue 13, items 10 and 13): a conflict
copy at start and when a new one appears; toasts built from file contents and edit labels
never carry an escape sequence to the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import make_app, make_store, messages, notified, settle, wait_for

from netplan.store import Store
from netplan.tui import app as app_module


async def test_a_conflict_copy_is_said_at_start_and_when_a_new_one_appears(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "POLL_SECONDS", 0.1)
    store = make_store(tmp_path / "store", demo=True)
    first = store.folder / "contacts.sync-conflict-20261124-101500-LAPTOP.toml"
    first.write_bytes((store.folder / "contacts.toml").read_bytes())
    app = make_app(store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await notified(pilot, app, first.name)
        await pilot.pause(0.5)  # several polls: said once, not at each
        assert sum(first.name in m for m in messages(app)) == 1, messages(app)
        second = store.folder / "plan (Jane's conflicted copy 2026-11-25).toml"
        second.write_bytes((store.folder / "plan.toml").read_bytes())
        await notified(pilot, app, second.name)
        assert sum(first.name in m for m in messages(app)) == 1


async def test_toasts_from_files_and_edit_labels_hold_no_escape_sequences(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "POLL_SECONDS", 0.1)
    store = make_store(tmp_path / "store", demo=True)
    path = store.folder / "plan.toml"
    text = path.read_text()
    # A routine whose title carries an escape sequence, as a hand edit or a sync may bring.
    path.write_text(
        text.replace('title = "Engage with posts"', 'title = "Engage \\u001b]52;c;aGk=\\u0007"')
    )
    app = make_app(Store(store.folder))
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot, app)
        await pilot.press("space")
        await settle(pilot, app)
        await pilot.press("u")
        await notified(pilot, app, "Undid")
        # Now the file breaks on disk, and the problem quotes the hostile key.
        path.write_text(path.read_text() + '\n"\\u001b[2J\\u001b]0;owned\\u0007" = 1\n')
        await notified(pilot, app, "invalid")
        await wait_for(pilot, lambda: len(messages(app)) >= 2)
    shown = messages(app)
    assert any("Undid" in m for m in shown), shown
    assert any("invalid" in m and "owned" in m for m in shown), shown  # the key, as text
    for message in shown:
        assert "\x1b" not in message and "\x07" not in message, message
