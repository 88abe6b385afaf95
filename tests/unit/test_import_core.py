"""The import core the command line and the app share (netplan.workspace.importing): read,
plan against the data as it is, the edit that applies it (undone, and replayed on other
files without overwriting them), the reports, and which kind a path is."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from factories import book, contact
from test_cli import TODAY, run

from netplan.importers.archive import read_archive
from netplan.importers.archive_report import render
from netplan.importers.linkedin_activity import import_archive
from netplan.importers.merge import merge
from netplan.importers.vcard import parse_file
from netplan.models import ActivityLog, ContactBook, Journal, Plan
from netplan.workspace import Data
from netplan.workspace.importing import (
    ImportFailed,
    guess_kind,
    plan_import,
    read_import,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"
ARCHIVE = FIXTURES / "linkedin-archive"
CONNECTIONS = FIXTURES / "linkedin" / "Connections.csv"
VCARD = FIXTURES / "vcard" / "contacts-3.0.vcf"
DAY = date.fromisoformat(TODAY)
GOOGLE = (
    "Name,Given Name,Family Name,E-mail 1 - Value,Organization 1 - Name,Group Membership\n"
    "Ann Bo,Ann,Bo,ann@example.com,Acme,* myContacts\n"
)


def empty() -> Data:
    return Data(Plan(), ContactBook(), Journal(), ActivityLog())


def test_a_vcard_plan_holds_the_merge_its_reports_and_an_undoable_edit() -> None:
    data = empty()
    plan = plan_import("vcard", read_import("vcard", [VCARD], DAY), data, DAY)
    expected_book, report = merge(data.contacts, parse_file(VCARD), DAY)
    assert plan.changed
    assert plan.edit.label == "Import vcard"
    assert plan.dry_run_report == report.render(dry_run=True)
    assert plan.report == report.render()
    assert plan.report_for(True) == plan.dry_run_report
    assert plan.summary == report.summary()
    after = plan.edit.forward(data)
    assert after.contacts == expected_book
    assert after.journal is data.journal and after.activity is data.activity  # untouched
    assert plan.edit.backward(after).contacts is data.contacts


def test_a_linkedin_archive_plan_changes_only_the_files_it_changes() -> None:
    data = empty()
    plan = plan_import("linkedin", read_import("linkedin", [ARCHIVE], DAY), data, DAY)
    archive = read_archive([ARCHIVE], today=DAY)
    result = import_archive(archive, ContactBook(), Journal(), ActivityLog(), DAY)
    assert plan.edit.label == "Import LinkedIn"
    assert plan.dry_run_report == render(result, dry_run=True)
    assert plan.report == render(result)
    assert "activity items" in plan.summary and "added" in plan.summary
    after = plan.edit.forward(data)
    assert after.contacts == result.contacts
    assert after.journal == result.journal and after.activity == result.activity
    assert after.plan is data.plan
    undone = plan.edit.backward(after)
    assert (undone.contacts, undone.journal, undone.activity) == (
        data.contacts,
        data.journal,
        data.activity,
    )


def test_nothing_new_is_a_plan_that_changes_nothing() -> None:
    read = read_import("linkedin", [CONNECTIONS], DAY)
    first = plan_import("linkedin", read, empty(), DAY)
    imported = first.edit.forward(empty())
    again = plan_import("linkedin", read, imported, DAY)
    assert not again.changed
    assert again.edit.forward(imported) == imported


def test_replayed_on_other_contacts_the_edit_folds_the_import_into_them(tmp_path: Path) -> None:
    """A change made on disk before the import was saved: replayed, the import keeps it."""
    data = empty()
    google = tmp_path / "google.csv"
    google.write_text(GOOGLE, encoding="utf-8")
    plan = plan_import("csv", read_import("csv", [google], DAY), data, DAY)
    meanwhile = Data(data.plan, book(contact("zoe-ray", name="Zoe Ray")), data.journal)
    after = plan.edit.forward(meanwhile)
    assert {c.id for c in after.contacts.contacts} == {"zoe-ray", "ann-bo"}
    assert plan.edit.backward(after).contacts is meanwhile.contacts


def test_planning_before_the_contacts_are_loaded_is_refused() -> None:
    read = read_import("vcard", [VCARD], DAY)
    with pytest.raises(ValueError, match="not loaded"):
        plan_import("vcard", read, Data(Plan()), DAY)


def test_read_failures_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="does not exist"):
        read_import("linkedin", [tmp_path / "missing.zip"], DAY)
    with pytest.raises(ImportFailed, match="does not exist"):
        read_import("vcard", [tmp_path / "missing.vcf"], DAY)
    with pytest.raises(ImportFailed, match="one file"):
        read_import("vcard", [VCARD, VCARD], DAY)
    other = tmp_path / "notes.csv"
    other.write_text("hello,world\n1,2\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="not a LinkedIn export"):
        read_import("linkedin", [other], DAY)


def test_the_kind_of_a_path_is_guessed_from_its_name_and_header(tmp_path: Path) -> None:
    assert guess_kind(ARCHIVE) == "linkedin"  # a folder
    assert guess_kind(CONNECTIONS) == "linkedin"
    assert guess_kind(VCARD) == "vcard"
    export = tmp_path / "Basic_LinkedInDataExport_11-25-2026.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.write(CONNECTIONS, "Connections.csv")
    assert guess_kind(export) == "linkedin"
    renamed = tmp_path / "my-network.csv"  # LinkedIn's, under another name
    shutil.copy(FIXTURES / "linkedin" / "Connections-2019.csv", renamed)
    assert guess_kind(renamed) == "linkedin"
    google = tmp_path / "contacts.csv"
    google.write_text(GOOGLE, encoding="utf-8")
    assert guess_kind(google) == "csv"
    outlook = tmp_path / "outlook.csv"
    outlook.write_text(
        "\ufeffFirst Name,Middle Name,Last Name,Suffix,E-mail Address\nAnn,,Bo,,a@b.c\n",
        encoding="utf-8",
    )
    assert guess_kind(outlook) == "csv"
    (tmp_path / "notes.txt").write_text("x")
    assert guess_kind(tmp_path / "notes.txt") is None
    assert guess_kind(tmp_path / "missing.csv") is None


def test_the_command_line_prints_the_plans_reports(tmp_path: Path) -> None:
    """`netplan import` is read_import, plan_import, then the plan's report."""
    folder = tmp_path / "store"
    read = read_import("linkedin", [ARCHIVE], DAY)
    plan = plan_import("linkedin", read, empty(), DAY)
    dry = run("import", "linkedin", str(ARCHIVE), "--dry-run", data=folder)
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout == plan.dry_run_report + "\n"
    assert not folder.exists()  # a dry run creates nothing
    real = run("import", "linkedin", str(ARCHIVE), data=folder)
    assert real.returncode == 0, real.stderr
    assert real.stdout == plan.report + "\n"
    vcard = run("import", "vcard", str(VCARD), "--dry-run", data=folder)
    contacts = read_store_contacts(folder)
    expected = plan_import("vcard", read_import("vcard", [VCARD], DAY), contacts, DAY)
    assert vcard.stdout == expected.dry_run_report + "\n"


def read_store_contacts(folder: Path) -> Data:
    from netplan.store import Store

    snap = Store(folder).load()
    return Data(snap.plan, snap.contacts, snap.journal, snap.activity)
