"""`netplan duplicates` and `netplan merge KEEP OTHER` through the real command line."""

from __future__ import annotations

import io
import os
import re
import time
from datetime import date
from pathlib import Path

import pytest
from factories import book, contact, interaction, journal

from netplan.cli import main
from netplan.store import FILES, REQUIRED, Store

TODAY = "2026-11-25"
D = date.fromisoformat


def cli(folder: Path, *argv: str, capsys) -> tuple[int, str, str]:
    out = io.StringIO()
    status = main(
        list(argv), environ={"NETPLAN_DATA": str(folder), "NETPLAN_TODAY": TODAY}, out=out
    )
    return status, out.getvalue(), capsys.readouterr().err


def everything(folder: Path) -> dict[str, bytes]:
    """Every file of the store, backups included: a failed command changes none."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    store = Store(tmp_path / "store")
    store.ensure()
    store.load()
    people = book(
        contact(
            "jane-doe",
            company="Acme",
            tags=["fintech"],
            notes="Moving to Berlin.",
            created=D("2025-03-01"),
        ),
        contact(
            "jane-d",
            "Jane D.",
            company="Globex",
            role="CTO",
            email="jane@example.com",
            tags=["Fintech", "mentor"],
            handles={"github": "jd"},
            notes="Two kids.",
            created=D("2024-01-01"),
            follow_up=D("2026-12-01"),
        ),
        contact("sam-lee", email="JANE@example.com"),
        contact("jane-roe", "Jane Roe"),
        contact("old-jane", "Jane Doe", archived=True),
    )
    log = journal(
        interaction("jane-d", "2026-11-01", id="i-20261101-1"),
        interaction("sam-lee", "2026-11-02", id="i-20261102-1"),
        interaction("jane-d", "2026-11-03", id="i-20261103-1"),
    )
    store.save(contacts=people, journal=log)
    return store.folder


def on_disk(folder: Path):
    return Store(folder).load()


# --- duplicates ------------------------------------------------------------------------------


def test_duplicates_lists_each_pair_with_its_reason_sorted(folder: Path, capsys) -> None:
    status, out, _err = cli(folder, "duplicates", capsys=capsys)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["KEEP", "OTHER", "WHY"]
    # jane-d keeps (two journal entries); sam-lee shares her email; the archived Jane is out.
    assert lines[1:] == [
        "jane-d  sam-lee  same email: Jane D. (Globex) / Sam Lee",
        "1 likely duplicate pair. `netplan merge KEEP OTHER` merges OTHER into KEEP.",
    ]


def test_duplicates_by_name_show_names_as_text_and_none_says_so(tmp_path: Path, capsys) -> None:
    store = Store(tmp_path / "store")
    store.ensure()
    store.load()
    status, out, _err = cli(store.folder, "duplicates", capsys=capsys)
    assert (status, out) == (0, "No likely duplicates.\n")
    people = book(
        contact("b-jose", "José  García\x1b[31m"),
        contact("a-jose", "jose garcia\x1b[31m", company="Acme"),
        contact("zed", "Zed", handles={"linkedin": "https://www.linkedin.com/in/Zed/"}),
        contact("zed-2", "Z", handles={"linkedin": "linkedin.com/in/zed"}),
    )
    store.save(contacts=people)
    status, out, _err = cli(store.folder, "duplicates", capsys=capsys)
    assert status == 0 and "\x1b" not in out
    assert out.splitlines()[1:3] == [
        "a-jose  b-jose  same name: jose garcia\\x1b[31m (Acme) / José  García\\x1b[31m",
        "zed     zed-2   same LinkedIn URL: Zed / Z",
    ]


# --- merge -----------------------------------------------------------------------------------


def test_merge_fills_unites_repoints_and_removes_other(folder: Path, capsys) -> None:
    status, out, err = cli(folder, "merge", "jane-doe", "jane-d", capsys=capsys)
    assert status == 0, err
    snapshot = on_disk(folder)
    ids = [c.id for c in snapshot.contacts.contacts]
    assert ids == ["jane-doe", "sam-lee", "jane-roe", "old-jane"]
    jane = snapshot.contacts.contacts[0]
    assert (jane.name, jane.company, jane.role) == ("Jane Doe", "Acme", "CTO")
    assert jane.email == "jane@example.com"
    assert jane.tags == ["fintech", "mentor"]
    assert jane.handles == {"github": "jd"}
    assert jane.notes == "Moving to Berlin.\n\nTwo kids."
    assert (jane.created, jane.follow_up) == (D("2024-01-01"), D("2026-12-01"))
    contacts = [i.contact for i in snapshot.journal.interactions]
    assert contacts == ["jane-doe", "sam-lee", "jane-doe"]
    assert "Merged Jane D. (Globex) [jane-d] into Jane Doe (Acme) [jane-doe]." in out
    assert "filled: role, email, follow_up" in out
    assert "tags (+mentor)" in out and "handles (+github)" in out
    assert "notes joined" in out and "created 2024-01-01 (the earlier)" in out
    assert "journal: 2 interactions moved to jane-doe" in out
    assert "removed jane-d" in out


def test_merge_takes_name_prefixes_and_an_archived_contact_by_id(folder: Path, capsys) -> None:
    status, out, err = cli(folder, "merge", "jane d", "old-jane", capsys=capsys)
    # "jane d" is a prefix of Jane Doe and of Jane D.: ambiguous.
    assert status == 1 and "jane-doe" in err and "jane-d " in err and out == ""
    status, out, err = cli(folder, "merge", "Jane Doe", "old-jane", capsys=capsys)
    assert status == 0, err
    assert "Merged Jane Doe [old-jane] into Jane Doe (Acme) [jane-doe]." in out
    assert "old-jane" not in {c.id for c in on_disk(folder).contacts.contacts}


def test_a_handle_both_have_keeps_keeps_value_and_says_so(folder: Path, capsys) -> None:
    store = Store(folder)
    snapshot = store.load()
    people = [
        c.model_copy(update={"handles": {"github": "jane"}}) if c.id == "sam-lee" else c
        for c in snapshot.contacts.contacts
    ]
    store.save(contacts=book(*people))
    status, out, _err = cli(folder, "merge", "sam-lee", "jane-d", capsys=capsys)
    assert status == 0
    assert 'kept KEEP\'s: handles.github: kept "jane", not "jd"' in out
    sam = next(c for c in on_disk(folder).contacts.contacts if c.id == "sam-lee")
    assert sam.handles == {"github": "jane"} and sam.email == "JANE@example.com"


def test_restore_to_before_the_merge_brings_it_all_back(folder: Path, capsys) -> None:
    an_hour_ago = time.time() - 3600
    for name in (FILES[n] for n in REQUIRED):
        os.utime(folder / name, (an_hour_ago, an_hour_ago))
    before = {name: (folder / name).read_bytes() for name in (FILES[n] for n in REQUIRED)}
    status, out, err = cli(folder, "merge", "jane-doe", "jane-d", capsys=capsys)
    assert status == 0, err
    assert (folder / "contacts.toml").read_bytes() != before["contacts.toml"]
    undo = re.search(r"To undo it: netplan restore (\S+)", out)
    assert undo, out
    status, out, err = cli(folder, "restore", undo.group(1), capsys=capsys)
    assert status == 0, err
    assert {name: (folder / name).read_bytes() for name in (FILES[n] for n in REQUIRED)} == before
    assert "jane-d" in {c.id for c in on_disk(folder).contacts.contacts}


@pytest.mark.parametrize(
    ("keep", "other", "status", "said"),
    [
        ("nobody", "jane-d", 1, 'no contact matches "nobody"'),
        ("jane-doe", "Jane", 1, 'contact "Jane" is ambiguous'),
        ("jane-doe", "jane-doe", 2, "KEEP and OTHER are the same contact"),
        ("jane-doe", "jane do", 2, 'the same contact ("jane-doe")'),
    ],
)
def test_failures_say_why_and_change_no_byte(
    folder: Path, capsys, keep: str, other: str, status: int, said: str
) -> None:
    before = everything(folder)
    got, out, err = cli(folder, "merge", keep, other, capsys=capsys)
    assert got == status and said in err and out == ""
    assert everything(folder) == before
