"""`netplan import linkedin` with the whole archive (spec 7.3): activity with stable ids,
message conversations as interactions, gave entries, the per-file report, re-imports that
add nothing, dry runs, --since, several zips, and bad input that changes no byte."""

from __future__ import annotations

import os
import shutil
import tomllib
import zipfile
from pathlib import Path

import pytest
from factories import book, contact
from test_archive_reader import FIXTURE_KINDS
from test_cli import files, run

from netplan.store import Store

FIXTURE = Path(__file__).parent.parent / "fixtures" / "linkedin-archive"


def toml(folder: Path, name: str) -> dict:
    return tomllib.loads((folder / name).read_text(encoding="utf-8"))


def activity_of(folder: Path) -> list[dict]:
    return toml(folder, "activity.toml")["activity"]


def imported(folder: Path, *paths: Path | str, env: dict | None = None):
    result = run("import", "linkedin", *map(str, paths), data=folder, env=env)
    assert result.returncode == 0, result.stderr
    return result


def zipped(source: Path, target: Path, only: set[str] | None = None, top: str = "") -> Path:
    """The fixture folder as LinkedIn zips it (entries at the root, or under `top`)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(source.rglob("*")):
            relative = path.relative_to(source).as_posix()
            if path.is_file() and (only is None or path.name in only):
                archive.write(path, top + relative)
    return target


def test_the_archive_becomes_contacts_activity_and_interactions(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    result = imported(folder, FIXTURE)
    snap = Store(folder).load()
    ids = {c.id for c in snap.contacts.contacts}
    assert ids == {"alba-xample", "bruno-bozic", "cara-testperson"}

    kinds: dict[str, int] = {}
    for item in snap.activity.activity:
        kinds[item.kind.value] = kinds.get(item.kind.value, 0) + 1
        assert item.platform == "LinkedIn"
        assert item.id.startswith(f"li-{item.kind.value}-{item.on:%Y%m%d}-")
    assert kinds == {"connection": 3, **FIXTURE_KINDS}
    connections = {a.contact for a in snap.activity.activity if a.kind == "connection"}
    assert connections == ids  # every row of Connections.csv, with its contact
    # Bruno endorsed me (raw Unicode URL) and is a connection (percent-encoded URL): one key.
    thanks = [a for a in snap.activity.activity if a.kind == "endorsement-received"]
    assert {a.contact for a in thanks} == {"bruno-bozic", None}

    messages = sorted(
        (i.contact, i.on.isoformat(), i.last_from.value)
        for i in snap.journal.interactions
        if i.kind == "message"
    )
    assert messages == [
        ("alba-xample", "2026-03-01", "me"),  # one per conversation and day
        ("alba-xample", "2026-03-02", "them"),
        ("bruno-bozic", "2026-02-10", "them"),
        ("cara-testperson", "2026-01-05", "them"),  # the group chat; Dan is not a contact
    ]
    sources = [i.source for i in snap.journal.interactions if i.source]
    assert len(sources) == len(set(sources)) == 7
    gave = [i for i in snap.journal.interactions if i.exchange == "gave"]
    assert {i.contact for i in gave} == {"alba-xample", "cara-testperson"}
    assert all(
        i.source.startswith(("linkedin:endorsement:", "linkedin:recommendation:")) for i in gave
    )

    out = result.stdout
    assert "18 activity items and 7 interactions added, 0 already there" in out
    assert "messages.csv" in out and "4 interactions added" in out
    assert "Connections.csv line 8: no first or last name" in out
    assert "Dan Dummy, PhD" in out  # reported, not invented
    assert "Not used by netplan: Company Follows.csv, guide_messages.csv." in out
    assert "Dan" not in " ".join(c.name for c in snap.contacts.contacts)


def test_importing_again_adds_nothing_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    imported(folder, FIXTURE)
    before = files(folder) | {"activity.toml": (folder / "activity.toml").read_bytes()}
    stats = {n: os.stat(folder / n).st_mtime_ns for n in before}
    again = imported(folder, FIXTURE)
    assert "0 activity items and 0 interactions added, 25 already there" in again.stdout
    assert {n: (folder / n).read_bytes() for n in before} == before
    assert {n: os.stat(folder / n).st_mtime_ns for n in before} == stats


def test_ids_do_not_depend_on_the_time_zone(tmp_path: Path) -> None:
    imported(tmp_path / "utc", FIXTURE, env={"TZ": "UTC"})
    imported(tmp_path / "nz", FIXTURE, env={"TZ": "Pacific/Auckland"})
    imported(tmp_path / "la", FIXTURE, env={"TZ": "America/Los_Angeles"})
    utc = (tmp_path / "utc" / "activity.toml").read_bytes()
    assert (tmp_path / "nz" / "activity.toml").read_bytes() == utc
    assert (tmp_path / "la" / "activity.toml").read_bytes() == utc
    journal = (tmp_path / "utc" / "journal.toml").read_bytes()
    assert (tmp_path / "la" / "journal.toml").read_bytes() == journal


def test_a_basic_and_a_complete_zip_overlap_without_duplicates(tmp_path: Path) -> None:
    basic = {"Connections.csv", "messages.csv", "Invitations.csv", "Events.csv", "Profile.csv"}
    complete = {"Connections.csv", "messages.csv", "Comments.csv", "Reactions.csv", "Shares.csv"}
    first = zipped(FIXTURE, tmp_path / "Basic_LinkedInDataExport_11-20-2026.zip", basic)
    second = zipped(FIXTURE, tmp_path / "Complete_LinkedInDataExport_11-21-2026.zip", complete)
    together, apart = tmp_path / "together", tmp_path / "apart"
    imported(together, first, second)
    imported(apart, first)
    later = imported(apart, second)  # the later archive overlaps the first
    assert "already there" in later.stdout
    assert sorted(activity_of(together), key=str) == sorted(activity_of(apart), key=str)
    assert toml(together, "journal.toml") == toml(apart, "journal.toml")
    kinds = {a["kind"] for a in activity_of(together)}
    assert kinds == {"connection", "invitation", "event", "comment", "reaction", "share"}


def test_a_zip_with_a_top_folder_reads_as_the_folder_does(tmp_path: Path) -> None:
    archive = zipped(FIXTURE, tmp_path / "export.zip", top="Complete_LinkedInDataExport/")
    imported(tmp_path / "zip", archive)
    imported(tmp_path / "folder", FIXTURE)
    assert activity_of(tmp_path / "zip") == activity_of(tmp_path / "folder")


def test_since_reads_activity_and_messages_from_that_day_on(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    result = run("import", "linkedin", str(FIXTURE), "--since", "2026-03-01", data=folder)
    assert result.returncode == 0, result.stderr
    days = [a["on"] for a in activity_of(folder)]
    assert days and all(d.isoformat() >= "2026-03-01" for d in days)
    snap = Store(folder).load()
    assert len(snap.contacts.contacts) == 3  # contacts are not limited by --since
    assert {i.on.isoformat() for i in snap.journal.interactions} <= {"2026-03-01", "2026-03-02"}
    bad = run("import", "linkedin", str(FIXTURE), "--since", "someday", data=folder)
    assert bad.returncode == 2 and "--since" in bad.stderr


def test_a_dry_run_reports_and_creates_or_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    result = run("import", "linkedin", str(FIXTURE), "--dry-run", data=folder)
    assert result.returncode == 0, result.stderr
    assert "18 activity items and 7 interactions new" in result.stdout
    assert result.stdout.rstrip().endswith("Dry run: nothing was written.")
    assert not folder.exists()
    existing = tmp_path / "s"
    run("validate", data=existing)
    before = files(existing)
    assert run("import", "linkedin", str(FIXTURE), "--dry-run", data=existing).returncode == 0
    assert files(existing) == before and not (existing / "activity.toml").exists()


def test_connections_csv_alone_still_imports_and_counts_each_connection(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    result = imported(folder, FIXTURE / "Connections.csv")
    assert "Imported LinkedIn contacts from" in result.stdout
    assert [a["kind"] for a in activity_of(folder)] == ["connection"] * 3
    assert not any(i.source for i in Store(folder).load().journal.interactions)


def test_people_are_found_by_profile_url_before_name_and_never_by_a_shared_name(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "s"
    store = Store(folder)
    store.ensure()
    store.load()
    bruno = {"linkedin": "https://linkedin.com/in/Bruno-Božić/"}  # the URL says who it is
    people = book(
        contact("alba-xample", "Alba Xample"),  # no URL: found by her name
        contact("bruno", "Bruno Bozic", handles=bruno),  # the name spelt another way
        contact("cara-1", "Cara Testperson", company="One"),
        contact("cara-2", "Cara Testperson", company="Two"),
    )
    store.save(contacts=people)
    only = tmp_path / "only-messages"
    only.mkdir()
    shutil.copy(FIXTURE / "messages.csv", only / "messages.csv")
    result = imported(folder, only)
    snap = Store(folder).load()
    talked = {i.contact for i in snap.journal.interactions if i.kind == "message"}
    assert talked == {"alba-xample", "bruno"}  # two contacts named Cara: neither
    assert "Cara Testperson" in result.stdout  # reported among the people not found
    assert len(snap.contacts.contacts) == 4  # nobody invented


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), "zip"),
        (lambda p: zipfile.ZipFile(p, "w").writestr("notes.txt", "hello"), "not a LinkedIn export"),
    ],
    ids=["corrupt zip", "not linkedin"],
)
def test_an_unreadable_archive_exits_1_and_changes_no_byte(tmp_path: Path, make, expected) -> None:
    folder = tmp_path / "s"
    imported(folder, FIXTURE / "Connections.csv")
    before = files(folder) | {"activity.toml": (folder / "activity.toml").read_bytes()}
    path = tmp_path / "export.zip"
    make(path)
    result = run("import", "linkedin", str(path), data=folder)
    assert result.returncode == 1
    assert str(path) in result.stderr and expected in result.stderr
    assert {n: (folder / n).read_bytes() for n in before} == before


def test_a_zip_entry_climbing_out_is_refused_and_the_rest_imports(tmp_path: Path) -> None:
    path = zipped(FIXTURE, tmp_path / "export.zip", {"Connections.csv", "Reactions.csv"})
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("../Comments.csv", "Date,Link,Message\n2026-01-01 00:00:00,https://x,y\n")
    folder = tmp_path / "s"
    result = imported(folder, path)
    assert not (tmp_path / "Comments.csv").exists()
    assert "Comments.csv" in result.stdout
    assert {a["kind"] for a in activity_of(folder)} == {"connection", "reaction"}
