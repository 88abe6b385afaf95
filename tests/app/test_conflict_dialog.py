"""The app offers `netplan resolve`'s merge when it sees a sync tool's conflict copy (spec 7.4):
the "Sync conflict" dialog with the prepared report, enter merges, escape waits; offered once
per set of copies, again from the command palette."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
import tomlkit
from app_helpers import TODAY, make_app, make_store, messages, notified, settle, wait_for
from textual.command import CommandPalette
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from netplan import fsutil
from netplan.store import Store
from netplan.tui import app as app_module
from netplan.tui.conflicts import SyncConflictScreen
from netplan.workspace import jobs as jobs_module
from netplan.workspace.states import SyncState

YESTERDAY = TODAY - timedelta(days=1)
COPY = "plan.sync-conflict-20261125-101500-LAPTOP.toml"
# Both sides grew from BASE (a check-off of engage-posts yesterday), each checked off one more.
BASE = {YESTERDAY: {"engage-posts": 1}}
OURS = {YESTERDAY: {"engage-posts": 1, "connect-people": 1}}
THEIRS = {YESTERDAY: {"engage-posts": 2}}
MERGED = {YESTERDAY: {"engage-posts": 2, "connect-people": 1}}


@pytest.fixture(autouse=True)
def quick_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "POLL_SECONDS", 0.1)


def save_plan(store: Store, completions: dict[date, dict[str, int]]) -> bytes:
    """Save a version of plan.toml through the store (it keeps each version in .backups/)."""
    plan = store.read_plan()
    store.save(plan=plan.model_copy(update={"completions": completions}))
    return (store.folder / "plan.toml").read_bytes()


def diverged(folder: Path) -> tuple[Store, Path]:
    """A store whose plan.toml and a Syncthing conflict copy of it grew from one version:
    this machine checked off connect-people, the other engage-posts once more."""
    store = make_store(folder)
    base = save_plan(store, BASE)
    save_plan(store, OURS)
    other = Store(folder / "elsewhere")
    other.ensure()
    (other.folder / "plan.toml").write_bytes(base)
    save_plan(other, THEIRS)
    copy = store.folder / COPY
    copy.write_bytes((other.folder / "plan.toml").read_bytes())
    return Store(folder), copy


def plan_on_disk(store: Store):
    return Store(store.folder).read_plan()


def in_backups(store: Store, copy: Path, data: bytes) -> bool:
    return any(p.read_bytes() == data for p in store.backup_folder.rglob("*") if p.is_file())


def offered(app) -> list[SyncConflictScreen]:
    """Every Sync conflict dialog the app pushed (recorded by `record_dialogs`)."""
    return app.dialogs_shown


def record_dialogs(app) -> None:
    app.dialogs_shown = []
    push = app.push_screen

    def recording(screen, *args, **kwargs):
        if isinstance(screen, SyncConflictScreen):
            app.dialogs_shown.append(screen)
        return push(screen, *args, **kwargs)

    app.push_screen = recording


async def dialog(pilot, app) -> SyncConflictScreen:
    await wait_for(
        pilot, lambda: isinstance(app.screen, SyncConflictScreen), what="the Sync conflict dialog"
    )
    await pilot.pause()
    return app.screen


def report_of(screen: SyncConflictScreen) -> str:
    return "\n".join(str(s.render()) for s in screen.query(Static))


def footer_keys(screen: SyncConflictScreen) -> dict[str, str]:
    return {k.key: k.description for k in screen.query(FooterKey)}


async def test_a_copy_at_start_is_offered_and_enter_merges_it(tmp_path: Path) -> None:
    store, copy = diverged(tmp_path / "store")
    theirs = copy.read_bytes()
    app = make_app(store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        screen = await dialog(pilot, app)
        assert app.workspace.settled
        shown = report_of(screen)
        assert "Sync conflict" in shown
        assert COPY in shown, shown
        assert footer_keys(screen) == {"enter": "Merge", "escape": "Not now"}
        await pilot.press("enter")
        await notified(pilot, app, "Merged 1 conflicting copy", ".backups/")
        # The workspace looked at the disk and adopted the merged plan.
        await wait_for(pilot, lambda: app.data.plan.completions == MERGED, what="adopted")
        assert not isinstance(app.screen, SyncConflictScreen)
        assert plan_on_disk(store).completions == MERGED
        assert not copy.exists()
        assert in_backups(store, copy, theirs)
        # The next save goes over the merged file, not over the version before it.
        await pilot.press("space")
        await settle(pilot, app)
    assert plan_on_disk(store).completions == {**MERGED, TODAY: {"engage-posts": 1}}


async def test_not_now_leaves_everything_and_the_dialog_is_not_offered_again(
    tmp_path: Path,
) -> None:
    store, copy = diverged(tmp_path / "store")
    before = (store.folder / "plan.toml").read_bytes(), copy.read_bytes()
    app = make_app(store)
    record_dialogs(app)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await dialog(pilot, app)
        await pilot.press("escape")
        await pilot.pause(0.6)  # several polls: offered once, not at each
        assert not isinstance(app.screen, SyncConflictScreen)
        assert len(offered(app)) == 1
        # The notice stays as it was, and says how to merge later.
        assert sum(COPY in m for m in messages(app)) == 1, messages(app)
        assert any("Merge sync conflicts" in m for m in messages(app)), messages(app)
        assert app.data.plan.completions == OURS
    assert ((store.folder / "plan.toml").read_bytes(), copy.read_bytes()) == before


async def test_a_copy_that_appears_while_the_app_runs_is_offered_once(tmp_path: Path) -> None:
    store, copy = diverged(tmp_path / "store")
    theirs = copy.read_bytes()
    copy.unlink()
    app = make_app(store)
    record_dialogs(app)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot, app)
        await pilot.pause(0.4)
        assert offered(app) == []
        copy.write_bytes(theirs)  # Syncthing drops it in
        await dialog(pilot, app)
        await pilot.press("escape")
        await pilot.pause(0.6)
        assert len(offered(app)) == 1
        # A second copy is a new set: offered again, with both in the report.
        second = store.folder / "plan (Jane's conflicted copy 2026-11-25).toml"
        second.write_bytes(theirs)
        screen = await dialog(pilot, app)
        assert len(offered(app)) == 2
        assert COPY in report_of(screen) and second.name in report_of(screen)


async def test_a_version_netplan_set_aside_while_saving_is_offered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_store(tmp_path / "store")
    base = save_plan(store, BASE)
    other = Store(tmp_path / "elsewhere")
    other.ensure()
    (other.folder / "plan.toml").write_bytes(base)
    theirs = save_plan(other, THEIRS)
    probe = tmp_path / "probe"
    probe.mkdir()
    (probe / "a").write_text("a")
    (probe / "b").write_text("b")
    if not fsutil.exchange(probe / "a", probe / "b"):
        pytest.skip("this file system has no atomic exchange")
    real_exchange = fsutil.exchange
    delivered: list[Path] = []

    def exchange(new: Path, target: Path) -> bool:
        # Syncthing renames the laptop's version into place as netplan swaps its own in.
        if target.name == "plan.toml" and not delivered:
            delivered.append(target)
            (store.folder / ".syncthing.plan.toml.tmp").write_bytes(theirs)
            (store.folder / ".syncthing.plan.toml.tmp").replace(target)
        return real_exchange(new, target)

    monkeypatch.setattr(fsutil, "exchange", exchange)
    app = make_app(Store(store.folder))
    record_dialogs(app)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(pilot, app)
        await pilot.press("space")  # engage-posts today: saved, the laptop's version set aside
        screen = await dialog(pilot, app)
        assert delivered
        (copy,) = store.folder.glob("plan.sync-conflict-*-netplan.toml")
        assert copy.name in report_of(screen)
        await notified(pilot, app, "Another version was kept", copy.name)
        await pilot.pause(0.4)
        assert len(offered(app)) == 1
        await pilot.press("enter")
        await notified(pilot, app, "Merged 1 conflicting copy")
        both = {**THEIRS, TODAY: {"engage-posts": 1}}
        await wait_for(pilot, lambda: app.data.plan.completions == both, what="adopted")
    assert plan_on_disk(store).completions == both
    assert not copy.exists()


async def test_the_palette_command_opens_it_again_and_merges(tmp_path: Path) -> None:
    store, copy = diverged(tmp_path / "store")
    app = make_app(store)
    record_dialogs(app)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await dialog(pilot, app)
        await pilot.press("escape")
        await settle(pilot, app)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Merge sync conflicts" in titles
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), what="palette")
        await pilot.press(*"Merge sync conflicts")
        await pilot.pause(0.3)
        await pilot.press("enter")
        screen = await dialog(pilot, app)
        assert len(offered(app)) == 2
        assert COPY in report_of(screen)
        await pilot.press("enter")
        await notified(pilot, app, "Merged 1 conflicting copy")
        await wait_for(pilot, lambda: app.data.plan.completions == MERGED, what="adopted")
        # With no copy left the command says so instead of an empty dialog.
        await settle(pilot, app)
        app.action_merge_conflicts()
        await notified(pilot, app, "nothing to merge")
        assert len(offered(app)) == 2
    assert plan_on_disk(store).completions == MERGED
    assert not copy.exists()


async def test_a_copy_that_cannot_be_merged_is_shown_and_the_rest_is_merged(
    tmp_path: Path,
) -> None:
    store, copy = diverged(tmp_path / "store")
    broken = store.folder / "contacts.sync-conflict-20261125-101500-PHONE.toml"
    broken.write_text('contacts = [\n  { id = "jane", name = "Jane"\n')  # cut off mid-write
    # A copy a newer netplan wrote (another schema version).
    newer = store.folder / "plan (Jane's conflicted copy 2026-11-25).toml"
    document = tomlkit.parse(copy.read_text())
    document["schema_version"] = 99
    newer.write_text(tomlkit.dumps(document))
    left = broken.read_bytes(), newer.read_bytes()
    app = make_app(store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        screen = await dialog(pilot, app)
        shown = report_of(screen)
        assert COPY in shown, shown
        assert "2 cannot be merged" in shown, shown
        assert f"{broken.name}: left in place" in shown and "TOML" in shown, shown
        assert f"{newer.name}: left in place" in shown and "schema_version 99" in shown, shown
        assert "Merge" in footer_keys(screen).values()
        await pilot.press("enter")
        await notified(pilot, app, "Merged 1 conflicting copy", broken.name, newer.name)
        await wait_for(pilot, lambda: app.data.plan.completions == MERGED, what="adopted")
    assert plan_on_disk(store).completions == MERGED
    assert not copy.exists()
    # Left where they were, for the user to look at.
    assert (broken.read_bytes(), newer.read_bytes()) == left


async def test_when_nothing_can_be_merged_the_dialog_offers_no_merge(tmp_path: Path) -> None:
    store = make_store(tmp_path / "store")
    broken = store.folder / "plan.sync-conflict-20261125-101500-PHONE.toml"
    broken.write_text("schema_version = \n")
    app = make_app(store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        screen = await dialog(pilot, app)
        assert "Nothing can be merged" in report_of(screen)
        assert footer_keys(screen) == {"escape": "Not now"}
        await pilot.press("enter")  # does nothing
        await pilot.pause(0.3)
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SyncConflictScreen)
    assert broken.read_text() == "schema_version = \n"


async def test_merge_chosen_during_a_look_at_the_disk_goes_on_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, copy = diverged(tmp_path / "store")
    gate = threading.Event()
    gate.set()
    real_check = jobs_module._check

    def held_check(store, job):
        gate.wait(10)
        return real_check(store, job)

    monkeypatch.setattr(jobs_module, "_check", held_check)
    app = make_app(store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await dialog(pilot, app)
        gate.clear()  # the next poll takes its time
        await wait_for(pilot, lambda: app.workspace.state == SyncState.checking, what="check")
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert copy.exists() and plan_on_disk(store).completions == OURS
        gate.set()
        await notified(pilot, app, "Merged 1 conflicting copy")
        await wait_for(pilot, lambda: app.data.plan.completions == MERGED, what="adopted")
        assert not any("Nothing was merged" in m for m in messages(app))
    assert plan_on_disk(store).completions == MERGED


async def test_merge_while_netplan_saves_its_own_change_merges_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, copy = diverged(tmp_path / "store")
    theirs = copy.read_bytes()
    gate = threading.Event()
    gate.set()
    real_save = Store.save

    def held_save(self, **models):
        gate.wait(10)
        return real_save(self, **models)

    monkeypatch.setattr(Store, "save", held_save)
    app = make_app(store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await dialog(pilot, app)
        gate.clear()
        app.theme = "nord"  # from the command palette, over the dialog: a change to save
        await wait_for(pilot, lambda: app.workspace.state == SyncState.saving, what="saving")
        await pilot.press("enter")
        await notified(pilot, app, "Nothing was merged")
        gate.set()
        await settle(pilot, app)
        await pilot.pause(0.3)
        assert app.data.plan.completions == OURS
    plan = plan_on_disk(store)
    assert (plan.completions, plan.settings.theme) == (OURS, "nord")
    assert copy.read_bytes() == theirs


async def test_a_merge_the_store_refuses_is_an_error_and_changes_nothing(
    tmp_path: Path,
) -> None:
    store, copy = diverged(tmp_path / "store")
    theirs = copy.read_bytes()
    app = make_app(store)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await dialog(pilot, app)
        # While the dialog is open, plan.toml changes on disk (a hand edit, another device):
        # the prepared merge no longer fits it.
        path = store.folder / "plan.toml"
        edited = save_plan(Store(store.folder), {YESTERDAY: {"connect-people": 3}})
        await pilot.press("enter")
        await notified(pilot, app, "Could not merge")
        await settle(pilot, app)
        await pilot.pause(0.3)
    assert path.read_bytes() == edited
    assert copy.read_bytes() == theirs
