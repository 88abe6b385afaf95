"""activity.toml, the store's fourth and optional file (spec 7.3): absent means none (unless
backups of it exist), validated on load with file, entry and field named, saved atomically
with backups, noticed when changed on disk, restored, and re-pointed by merges and deletes."""

from __future__ import annotations

import os
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from factories import activity, activity_log, book, contact, interaction, journal
from test_cli import run

from netplan.models import ActivityLog
from netplan.store import Store, StoreError
from netplan.workspace import Data, Workspace
from netplan.workspace.people_edits import delete_contact, merge_contacts

TODAY = date(2026, 11, 25)


def people_store(folder: Path) -> Store:
    store = Store(folder)
    store.ensure()
    store.load()
    store.save(
        contacts=book(contact("jane-doe", "Jane Doe"), contact("jane-d", "Jane D.")),
        journal=journal(interaction("jane-d", "2026-11-20")),
        activity=activity_log(
            activity("endorsement-received", "2026-11-21", contact="jane-d", id="li-e-1"),
            activity("comment", "2026-11-22", id="li-c-1"),
        ),
    )
    return Store(folder)


def test_a_store_without_activity_loads_it_empty_and_a_first_run_does_not_create_it(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "s")
    assert store.ensure() is True
    assert not store.path("activity").exists()
    assert store.load().activity == ActivityLog()
    assert store.changed_on_disk(cheap=False) == []
    # A save of the other files leaves it absent.
    snap = store.load()
    store.save(plan=snap.plan, contacts=snap.contacts, journal=snap.journal, activity=snap.activity)
    assert not store.path("activity").exists()


def test_an_activity_file_that_appears_is_noticed_and_a_save_does_not_go_over_it(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "s")
    store.ensure()
    store.load()
    store.path("activity").write_text('[[activity]]\nid = "a"\non = 2026-11-20\n'
                                      'platform = "LinkedIn"\nkind = "share"\n')  # fmt: skip
    assert "activity" in store.changed_on_disk()
    with pytest.raises(StoreError):  # ConflictError: another netplan or a sync wrote it
        store.save(activity=activity_log(activity("comment", "2026-11-21")))
    assert "share" in store.path("activity").read_text()


def test_a_missing_activity_file_with_backups_is_refused_not_started_empty(
    tmp_path: Path,
) -> None:
    store = people_store(tmp_path / "s")
    store.path("activity").unlink()
    with pytest.raises(StoreError) as error:
        Store(store.folder).load()
    assert "activity.toml is missing" in str(error.value)
    assert "netplan restore" in str(error.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[[activity]]\nid = "a"\non = "2026-11-20"\nplatform = "LinkedIn"\nkind = "share"\n',
         "activity.toml"),
        ('[[activity]]\nid = "a"\non = 2026-11-20\nplatform = "LinkedIn"\nkind = "poke"\n',
         "kind"),
        ('[[activity]]\nid = "a"\non = 2026-11-20\nplatform = "LinkedIn"\nkind = "share"\n'
         'contact = "nobody"\n', 'no contact in contacts.toml has the id "nobody"'),
        ('[[activity]]\nid = "a"\non = 2026-11-20\nplatform = "LinkedIn"\nkind = "share"\n'
         '[[activity]]\nid = "a"\non = 2026-11-21\nplatform = "LinkedIn"\nkind = "share"\n',
         'share the id "a"'),
    ],
    ids=["string date", "unknown kind", "unknown contact", "same id"],
)  # fmt: skip
def test_bad_activity_is_refused_naming_the_file_and_changes_no_byte(
    tmp_path: Path, text: str, expected: str
) -> None:
    folder = tmp_path / "s"
    assert run("validate", data=folder).returncode == 0
    (folder / "activity.toml").write_text(text)
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    result = run("validate", data=folder)
    assert result.returncode == 1
    assert "activity.toml" in result.stderr and expected in result.stderr
    commands = [("log", "anyone"), ("due",)]
    if "no contact" not in expected:  # check reads no contacts: it cannot see that one
        commands.append(("check", "engage-posts"))
    for command in commands:
        refused = run(*command, data=folder)  # each counts or re-points activity: refused
        assert refused.returncode == 1 and "activity.toml" in refused.stderr, command
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


def test_validate_and_export_count_the_activity(tmp_path: Path) -> None:
    store = people_store(tmp_path / "s")
    result = run("validate", data=store.folder)
    assert result.returncode == 0, result.stderr
    assert "2 activity items" in result.stdout


def workspace_of(store: Store) -> Workspace:
    snap = store.load()
    return Workspace(store, TODAY, Data(snap.plan, snap.contacts, snap.journal, snap.activity))


def test_a_merge_repoints_activity_and_undo_puts_it_back(tmp_path: Path) -> None:
    store = people_store(tmp_path / "s")
    workspace = workspace_of(store)
    before = workspace.data.activity
    workspace.apply(merge_contacts("jane-doe", "jane-d", "Merge"))
    assert [a.contact for a in workspace.data.activity.activity] == ["jane-doe", None]
    workspace.save()
    again = Store(store.folder).load()  # loads: no activity names a contact that is gone
    assert [a.contact for a in again.activity.activity] == ["jane-doe", None]
    workspace.undo()
    assert workspace.data.activity == before


def test_a_delete_keeps_the_activity_naming_no_one(tmp_path: Path) -> None:
    store = people_store(tmp_path / "s")
    workspace = workspace_of(store)
    gone = next(c for c in workspace.data.contacts.contacts if c.id == "jane-d")
    workspace.apply(delete_contact(gone))
    assert [a.contact for a in workspace.data.activity.activity] == [None, None]
    workspace.save()
    assert len(Store(store.folder).load().activity.activity) == 2  # it still counts
    workspace.undo()
    assert workspace.data.activity.activity[0].contact == "jane-d"


def test_restoring_a_time_before_the_first_import_empties_activity(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    assert run("validate", data=folder).returncode == 0
    hour_ago = time.time() - 3600  # the store as first made, an hour ago
    for path in [*folder.iterdir(), *(folder / ".backups").glob("*")]:
        if path.is_file():
            os.utime(path, (hour_ago, hour_ago))
    fixture = Path(__file__).parent.parent / "fixtures" / "linkedin-archive"
    assert run("import", "linkedin", str(fixture), data=folder).returncode == 0
    moment = datetime.fromtimestamp(hour_ago + 60).replace(microsecond=0)
    result = run("restore", moment.isoformat(), data=folder)
    assert result.returncode == 0, result.stderr
    assert "activity.toml: emptied (it did not exist then)" in result.stdout
    snap = Store(folder).load()
    assert snap.activity == ActivityLog() and snap.contacts.contacts == []
    assert len(Store(folder).backups("activity")) >= 2  # the imported version is kept


def test_an_import_keeps_the_comments_written_into_activity_toml(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    fixture = Path(__file__).parent.parent / "fixtures" / "linkedin-archive"
    assert run("import", "linkedin", str(fixture / "Connections.csv"), data=folder).returncode == 0
    path = folder / "activity.toml"
    text = path.read_text(encoding="utf-8")
    mine = text.replace(
        'text = "Connected with Alba Xample"', 'text = "Connected with Alba Xample"  # PyData'
    )
    path.write_text("# my LinkedIn history\n\n" + mine, encoding="utf-8")
    assert run("import", "linkedin", str(fixture), data=folder).returncode == 0
    after = path.read_text(encoding="utf-8")
    assert after.startswith("# my LinkedIn history\n\n" + mine)  # appended, not rewritten
    assert after.count("[[activity]]") == 18
