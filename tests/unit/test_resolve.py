"""`netplan resolve`: the conflict copies Syncthing and Dropbox leave are merged record by
record into the store's files, three-way against a base from `.backups/`, and moved there."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from cli_helpers import files, run

from netplan.store import Store
from netplan.store.folder import copy_of

SYNCTHING = "plan.sync-conflict-20261125-101500-ABCDEFG.toml"
DROPBOX = "plan (Jane's conflicted copy 2026-11-25).toml"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    folder = tmp_path / "s"
    assert run("demo", data=folder).returncode == 0
    return folder


def parted(folder: Path, copy_name: str = SYNCTHING, *theirs: tuple[str, ...]) -> Path:
    """The other machine's copy: the store as it is now, with their commands run on it; then
    this machine's own changes are made by the caller. The copy keeps its own backups out."""
    other = folder.parent / f"other-{copy_name[:4]}"
    shutil.rmtree(other, ignore_errors=True)
    shutil.copytree(folder, other)
    for command in theirs:
        assert run(*command, data=other).returncode == 0, command
    name = copy_name.split(".")[0].split(" ")[0] + ".toml"
    copy = folder / copy_name
    shutil.copy2(other / name, copy)
    return copy


def edit(path: Path, old: str, new: str) -> None:
    """A hand edit as an editor saves it: a new file renamed over the old (the backups are
    hard links of the old one)."""
    temp = path.with_name(path.name + ".new")
    temp.write_text(path.read_text().replace(old, new))
    os.replace(temp, path)


def completions(folder: Path, day: str) -> dict[str, int]:
    plan = Store(folder).load().plan
    from datetime import date

    return dict(plan.completions.get(date.fromisoformat(day), {}))


def test_copy_names_of_syncthing_dropbox_and_netplan_are_told_apart() -> None:
    assert copy_of(Path(SYNCTHING)) == "plan"
    assert copy_of(Path(DROPBOX)) == "plan"
    assert copy_of(Path("contacts.sync-conflict-20261125-101500-netplan.toml")) == "contacts"
    assert copy_of(Path("journal (conflicted copy 2026-11-25).toml")) == "journal"
    assert copy_of(Path("plan.toml")) is None
    assert copy_of(Path("notes.sync-conflict-20261125-101500-ABCDEFG.toml")) is None


@pytest.mark.parametrize("copy_name", [SYNCTHING, DROPBOX], ids=["syncthing", "dropbox"])
def test_check_offs_made_on_both_machines_add_up(store: Path, copy_name: str) -> None:
    before = completions(store, "2026-11-24").get("engage-posts", 0)
    copy = parted(
        store,
        copy_name,
        ("check", "engage-posts", "--on", "2026-11-24", "--count", "2"),
        ("check", "share-resource", "--on", "2026-11-24"),
    )
    assert run("check", "engage-posts", "--on", "2026-11-24", data=store).returncode == 0
    result = run("resolve", data=store)
    assert result.returncode == 0, result.stderr
    after = completions(store, "2026-11-24")
    assert after["engage-posts"] == before + 3  # 1 here, 2 there: never 1 or 2
    assert after["share-resource"] == 1
    assert not copy.exists()
    assert (store / ".backups" / copy_name).exists()
    assert copy.name in result.stdout and "engage-posts" in result.stdout
    again = run("resolve", data=store)
    assert "nothing to merge" in again.stdout
    assert completions(store, "2026-11-24") == after


def test_a_dry_run_reports_and_writes_nothing(store: Path) -> None:
    copy = parted(store, SYNCTHING, ("check", "engage-posts", "--on", "2026-11-24"))
    before = files(store)
    result = run("resolve", "--dry-run", data=store)
    assert result.returncode == 0, result.stderr
    assert "would merge" in result.stdout and "Dry run: nothing was written." in result.stdout
    assert files(store) == before and copy.exists()


def test_a_field_changed_on_both_sides_keeps_the_stores_value_and_names_the_copys(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "s"
    fixture = Path(__file__).parent.parent / "fixtures" / "linkedin-archive" / "Connections.csv"
    assert run("import", "linkedin", str(fixture), data=folder).returncode == 0
    other = tmp_path / "other"
    shutil.copytree(folder, other)
    for place, company in ((folder, "Mine Inc"), (other, "Theirs Ltd")):
        edit(place / "contacts.toml", 'company = "Acme Corp"', f'company = "{company}"')
    edit(other / "contacts.toml", 'role = "CTO"', 'role = "CEO"')
    copy = folder / "contacts.sync-conflict-20261125-101500-ABCDEFG.toml"
    shutil.copy2(other / "contacts.toml", copy)
    result = run("resolve", data=folder)
    assert result.returncode == 0, result.stderr
    book = {c.id: c for c in Store(folder).load().contacts.contacts}
    assert book["alba-xample"].company == "Mine Inc"  # both changed it: the store's stays
    assert book["bruno-bozic"].role == "CEO"  # only they changed it: theirs
    assert '"Theirs Ltd"' in result.stdout and "alba-xample" in result.stdout


def test_a_copy_that_does_not_read_is_reported_left_in_place_and_the_others_merge(
    store: Path,
) -> None:
    good = parted(store, SYNCTHING, ("check", "engage-posts", "--on", "2026-11-24"))
    bad = store / "journal.sync-conflict-20261125-101500-ABCDEFG.toml"
    bad.write_text("[[interactions]]\nid = \n")
    result = run("resolve", data=store)
    assert result.returncode == 0, result.stderr
    assert bad.exists() and not good.exists()
    assert "journal.sync-conflict" in result.stdout and "left in place" in result.stdout


def test_a_copy_of_another_schema_version_is_refused(store: Path) -> None:
    copy = store / SYNCTHING
    text = (store / "plan.toml").read_text().replace("schema_version = 1", "schema_version = 2")
    copy.write_text(text)
    before = files(store)
    result = run("resolve", data=store)
    assert copy.exists() and files(store) == before
    assert "left in place" in result.stdout


def test_three_copies_of_one_file_all_merge(store: Path) -> None:
    before = completions(store, "2026-11-24").get("engage-posts", 0)
    copies = [
        parted(store, f"plan.sync-conflict-2026112{n}-101500-DEVICE{n}.toml",
               ("check", "engage-posts", "--on", "2026-11-24"))
        for n in range(3)
    ]  # fmt: skip
    for n, copy in enumerate(copies):  # oldest first, whatever their names
        os.utime(copy, (1_700_000_000 + n, 1_700_000_000 + n))
    result = run("resolve", data=store)
    assert result.returncode == 0, result.stderr
    assert completions(store, "2026-11-24")["engage-posts"] == before + 3
    assert not any(c.exists() for c in copies)


def test_backups_are_not_pruned_while_a_copy_waits(store: Path) -> None:
    parted(store, SYNCTHING, ("check", "engage-posts", "--on", "2026-11-24"))
    kept = len(Store(store).backups("plan"))
    for _ in range(15):  # more saves than the backups keep
        assert run("check", "review-contacts", data=store).returncode == 0
    assert len(Store(store).backups("plan")) >= kept + 15


def test_a_merge_interrupted_before_the_copy_moved_is_not_merged_twice(store: Path) -> None:
    from netplan.workspace import resolving

    before = completions(store, "2026-11-24").get("engage-posts", 0)
    copy = parted(store, SYNCTHING, ("check", "engage-posts", "--on", "2026-11-24"))
    disk = Store(store)
    prepared = resolving.prepare(disk)

    def die(_store, _copy):
        raise KeyboardInterrupt  # the process ends between the save and the move

    original = resolving.file_away
    resolving.file_away = die
    try:
        with pytest.raises(KeyboardInterrupt):
            resolving.apply(disk, prepared)
    finally:
        resolving.file_away = original
    assert copy.exists()
    assert completions(store, "2026-11-24")["engage-posts"] == before + 1
    result = run("resolve", data=store)
    assert result.returncode == 0, result.stderr
    assert "already" in result.stdout
    assert completions(store, "2026-11-24")["engage-posts"] == before + 1
    assert not copy.exists()
