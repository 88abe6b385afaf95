"""`netplan kept`, promises in `netplan due`, and `log --promise` without a follow-up."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from factories import book, contact, interaction, journal

from netplan.cli import main
from netplan.store import Store

TODAY = "2026-11-25"
D = date.fromisoformat


def cli(folder: Path, *argv: str, capsys) -> tuple[int, str, str]:
    out = io.StringIO()
    status = main(
        list(argv), environ={"NETPLAN_DATA": str(folder), "NETPLAN_TODAY": TODAY}, out=out
    )
    return status, out.getvalue(), capsys.readouterr().err


def everything(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def journal_of(folder: Path):
    return Store(folder).load().journal.interactions


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    store = Store(tmp_path / "store")
    store.ensure()
    store.load()
    people = book(contact("jane-doe"), contact("sam-lee"), contact("old-ann", archived=True))
    log = journal(
        interaction("jane-doe", "2026-11-01", id="i-20261101-1", promise="Kept", kept=D(TODAY)),
        interaction("jane-doe", "2026-11-12", id="i-20261112-1", promise="Send the deck"),
        interaction(
            "jane-doe",
            "2026-11-14",
            id="i-20261114-1",
            follow_up=D("2026-11-16"),
            promise="Intro to Sam",
        ),
        interaction("sam-lee", "2026-11-24", id="i-20261124-1", promise="Share notes"),
        interaction(
            "sam-lee", "2026-11-24", id="i-20261124-2", promise="Far", follow_up=D("2027-01-10")
        ),
        interaction("old-ann", "2026-11-01", id="i-20261101-2", promise="Hidden"),
    )
    store.save(contacts=people, journal=log)
    return store.folder


def test_kept_marks_the_oldest_open_promise(folder: Path, capsys) -> None:
    status, out, err = cli(folder, "kept", "jane", capsys=capsys)
    assert (status, err) == (0, "")
    assert 'Kept "Intro to Sam" for Jane Doe on 2026-11-25' in out
    assert "9 days late" in out and "1 open promise to Jane Doe left" in out
    kept = {i.id: i.kept for i in journal_of(folder)}
    assert kept["i-20261114-1"] == D(TODAY)
    assert kept["i-20261112-1"] is None
    assert "kept = 2026-11-25" in (folder / "journal.toml").read_text()  # a TOML date

    status, out, _ = cli(folder, "kept", "jane-doe", "--on", "2026-11-19", capsys=capsys)
    assert status == 0 and "Send the deck" in out and "in time" in out
    assert {i.id: i.kept for i in journal_of(folder)}["i-20261112-1"] == D("2026-11-19")


def test_kept_without_an_open_promise_is_exit_1_and_changes_nothing(folder: Path, capsys) -> None:
    assert cli(folder, "kept", "jane", capsys=capsys)[0] == 0
    assert cli(folder, "kept", "jane", capsys=capsys)[0] == 0
    before = everything(folder)
    status, out, err = cli(folder, "kept", "jane", capsys=capsys)
    assert (status, out) == (1, "")
    assert "Jane Doe has no open promise" in err
    assert everything(folder) == before


def test_kept_errors(folder: Path, capsys) -> None:
    before = everything(folder)
    status, _, err = cli(folder, "kept", "nobody", capsys=capsys)
    assert status == 1 and "nobody" in err
    status, _, err = cli(folder, "kept", "jane", "--on", "someday", capsys=capsys)
    assert status == 2 and "--on" in err
    status, _, err = cli(folder, "kept", "jane", "--on", "2026-11-01", capsys=capsys)
    assert status == 2 and "before the promise was made" in err
    assert everything(folder) == before


def test_due_json_lists_open_promises(folder: Path, capsys) -> None:
    status, out, _ = cli(folder, "due", "--json", capsys=capsys)
    assert status == 0
    promises = json.loads(out)["promises"]
    assert promises == [
        {
            "contact": "jane-doe",
            "name": "Jane Doe",
            "promise": "Intro to Sam",
            "due": "2026-11-16",
            "overdue_days": 9,
        },
        {
            "contact": "jane-doe",
            "name": "Jane Doe",
            "promise": "Send the deck",
            "due": "2026-11-19",
            "overdue_days": 6,
        },
        {
            "contact": "sam-lee",
            "name": "Sam Lee",
            "promise": "Share notes",
            "due": "2026-12-01",
            "overdue_days": -6,
        },
    ]
    status, out, _ = cli(folder, "due", "--json", "--days", "0", capsys=capsys)
    assert [p["promise"] for p in json.loads(out)["promises"]] == ["Intro to Sam", "Send the deck"]


def test_due_text_lists_open_promises(folder: Path, capsys) -> None:
    status, out, _ = cli(folder, "due", capsys=capsys)
    assert status == 0
    section = out.split("Promises\n", 1)[1].split("\n\n", 1)[0]
    assert section.splitlines() == [
        "  9 days overdue  2026-11-16  Jane Doe: Intro to Sam",
        "  6 days overdue  2026-11-19  Jane Doe: Send the deck",
        "  due in 6 days   2026-12-01  Sam Lee: Share notes",
    ]


def test_log_promise_needs_no_follow_up(folder: Path, capsys) -> None:
    status, _, err = cli(folder, "log", "sam", "--promise", "Send the paper", capsys=capsys)
    assert (status, err) == (0, "")
    logged = journal_of(folder)[-1]
    assert (logged.promise, logged.follow_up, logged.kept) == ("Send the paper", None, None)
    _, out, _ = cli(folder, "due", "--json", capsys=capsys)
    assert {"promise": "Send the paper", "due": "2026-12-02", "overdue_days": -7}.items() <= next(
        p for p in json.loads(out)["promises"] if p["promise"] == "Send the paper"
    ).items()
