"""The Import screen (i): a path with completion, its kind guessed, the dry run's report
before anything is written, then Import as one change that u undoes; bad input changes
nothing. The import is netplan.workspace.importing's, as `netplan import`'s."""

from __future__ import annotations

import threading
import zipfile
from pathlib import Path

import pytest
from app_helpers import make_app, notified, on_disk, settle, wait_for
from corpus_helpers import corpus_folders, needs_corpus
from factories import contact
from textual.widgets import Button, Input, Select, Static

import netplan.tui.app as app_module
from netplan.store import FILES, Store
from netplan.tui.importing.screen import ImportScreen
from netplan.workspace.people_edits import add_contact

FIXTURES = Path(__file__).parent.parent / "fixtures"
CONNECTIONS = FIXTURES / "linkedin" / "Connections.csv"
ARCHIVE = FIXTURES / "linkedin-archive"
APP_FOLDER = Path(app_module.__file__).parent


def store_bytes(store: Store) -> dict[str, bytes | None]:
    paths = {name: store.folder / file for name, file in FILES.items()}
    return {name: p.read_bytes() if p.exists() else None for name, p in paths.items()}


def report_of(screen: ImportScreen) -> str:
    return str(screen.query_one("#import-text", Static).content)


def status_of(screen: ImportScreen) -> str:
    return str(screen.query_one("#import-status", Static).content)


async def open_import(pilot, app) -> ImportScreen:
    await settle(pilot, app)
    await pilot.press("i")
    await wait_for(pilot, lambda: isinstance(app.screen, ImportScreen), what="the Import screen")
    screen = app.screen
    assert isinstance(screen, ImportScreen)
    assert app.focused is screen.query_one("#import-path", Input)
    return screen


async def test_i_shows_the_dry_run_before_importing_and_u_undoes_it(store: Store) -> None:
    before = store_bytes(store)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot, app)
        keys = {active.binding.key for active in screen.active_bindings.values()}
        assert {"ctrl+s", "escape"} <= keys  # in the screen's own footer
        await pilot.press(*str(CONNECTIONS))
        assert screen.query_one("#import-kind", Select).value == "linkedin"
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Would import LinkedIn" in report_of(screen), what="report")
        report = report_of(screen)
        assert "Would add:" in report and "Dry run: nothing was written." in report
        assert not screen.query_one("#import-apply", Button).disabled
        await settle(pilot, app)
        assert store_bytes(store) == before  # nothing written before Import

        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ImportScreen), what="closed")
        await settle(pilot, app)
        imported = on_disk(store).contacts.contacts
        assert len(imported) >= 2
        assert {c.id for c in imported} == {c.id for c in app.data.contacts.contacts}
        await notified(pilot, app, "Imported Connections.csv", "u undoes it")

        await pilot.press("u")
        await settle(pilot, app)
        assert on_disk(store).contacts.contacts == []
        await notified(pilot, app, "Undid: Import LinkedIn")


async def test_an_archive_zip_brings_contacts_activity_and_interactions(
    store: Store, tmp_path: Path
) -> None:
    export = tmp_path / "Complete_LinkedInDataExport_11-25-2026.zip"
    with zipfile.ZipFile(export, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(ARCHIVE.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(ARCHIVE).as_posix())
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_import(pilot, app)
        screen.query_one("#import-path", Input).value = str(export)
        await pilot.pause()
        assert screen.query_one("#import-kind", Select).value == "linkedin"
        await pilot.press("enter")
        await wait_for(pilot, lambda: "By file:" in report_of(screen), what="the archive report")
        assert "Would import LinkedIn activity" in report_of(screen)
        await pilot.press("enter")  # enter again imports what the report shows
        await wait_for(pilot, lambda: not isinstance(app.screen, ImportScreen), what="closed")
        await settle(pilot, app)
        snap = on_disk(store)
        assert snap.contacts.contacts and snap.activity.activity and snap.journal.interactions
        await pilot.press("u")
        await settle(pilot, app)
        snap = on_disk(store)
        assert not (snap.contacts.contacts or snap.activity.activity or snap.journal.interactions)


async def test_the_report_follows_contacts_that_change_before_import(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot, app)
        screen.query_one("#import-path", Input).value = str(CONNECTIONS)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Would add:" in report_of(screen), what="report")
        added = report_of(screen).split("Would add:\n", 1)[1].splitlines()[0]
        name = added.split(": ", 1)[1].rsplit(" (", 1)[0]  # "  line 5: Jane Doe (jane-doe)"
        # Someone adds that person meanwhile (a sync, another window): the plan is made again.
        app.apply(add_contact(contact("someone", name=name)))
        # Matched now: updated (or unchanged) instead of added.
        await wait_for(pilot, lambda: "(someone)" in report_of(screen), what="a new report")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ImportScreen), what="closed")
        await settle(pilot, app)
        names = [c.name for c in on_disk(store).contacts.contacts]
        assert names.count(name) == 1


async def test_while_the_contacts_load_the_report_waits_for_them(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()
    read_contacts = Store.read_contacts

    def held_back(self, pause=None):
        gate.wait(10)
        return read_contacts(self, pause)

    monkeypatch.setattr(Store, "read_contacts", held_back)  # the app's loading worker waits
    app = make_app(store)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await pilot.press("i")
            await wait_for(pilot, lambda: isinstance(app.screen, ImportScreen), what="screen")
            screen = app.screen
            screen.query_one("#import-path", Input).value = str(CONNECTIONS)
            await pilot.press("enter")
            await wait_for(pilot, lambda: "Waiting for your contacts" in status_of(screen))
            assert app.data is not None and app.data.contacts is None
            await pilot.press("ctrl+s")  # nothing to import yet: nothing happens
            assert isinstance(app.screen, ImportScreen) and report_of(screen) == ""
            gate.set()
            await wait_for(pilot, lambda: "Would import LinkedIn" in report_of(screen))
    finally:
        gate.set()


async def test_a_bad_path_or_file_is_said_and_changes_nothing(store: Store, tmp_path: Path) -> None:
    notes = tmp_path / "notes.csv"
    notes.write_text("hello,world\n1,2\n", encoding="utf-8")
    before = store_bytes(store)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot, app)
        field = screen.query_one("#import-path", Input)
        await pilot.press("enter")
        assert "Type the path" in status_of(screen)
        field.value = str(tmp_path / "missing" / "export.zip")
        await pilot.press("enter")
        assert "does not exist" in status_of(screen)
        assert screen.query_one("#import-status").has_class("-error")
        field.value = str(notes)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "not a LinkedIn export" in status_of(screen), what="error")
        assert screen.query_one("#import-apply", Button).disabled
        await pilot.press("ctrl+s")  # reads again, fails again: nothing to import
        await wait_for(pilot, lambda: "not a LinkedIn export" in status_of(screen), what="error")
        assert isinstance(app.screen, ImportScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, ImportScreen)
        await settle(pilot, app)
        assert store_bytes(store) == before
        await pilot.press("u")
        await notified(pilot, app, "Nothing to undo")


async def test_the_path_completes_and_the_kind_follows_it(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "Connections.csv").write_bytes(CONNECTIONS.read_bytes())
    (exports / "contacts.vcf").write_bytes((FIXTURES / "vcard" / "contacts-3.0.vcf").read_bytes())
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot, app)
        field = screen.query_one("#import-path", Input)
        kind = screen.query_one("#import-kind", Select)
        await pilot.press(*"~/exp")
        await wait_for(pilot, lambda: field._suggestion == "~/exports/", what="a suggestion")
        await pilot.press("tab")
        assert field.value == "~/exports/"
        await pilot.press(*"con")
        await wait_for(pilot, lambda: field._suggestion == "~/exports/contacts.vcf")
        await pilot.press("right")
        assert field.value == "~/exports/contacts.vcf"
        assert kind.value == "vcard"
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Would import vCard contacts" in report_of(screen))
        field.value = "~/exports/Con"
        await wait_for(pilot, lambda: field._suggestion == "~/exports/Connections.csv")
        await pilot.press("tab")
        assert kind.value == "linkedin"
        assert report_of(screen) == ""  # another path: the old report is gone


@needs_corpus
async def test_a_real_export_folder_previews_and_imports(store: Store) -> None:
    folder = corpus_folders("linkedin-archive")[0]
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot, app)
        screen.query_one("#import-path", Input).value = str(folder)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "By file:" in report_of(screen), what="the report")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ImportScreen), what="closed")
        await settle(pilot, app)
        snap = on_disk(store)
        assert snap.contacts.contacts or snap.activity.activity
