"""`netplan sync vdir DIR` (spec 7.4): the vCard writer and reader, the follow-up tasks, the
three-way rules, and every bad input: skipped by name with a reason, the rest synced."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from factories import book, contact, interaction, journal, sync_main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netplan.store import Store
from netplan.sync.card_fields import NETPLAN, fields_of
from netplan.sync.card_reading import Malformed, read_card
from netplan.sync.cards import escape, render_card
from netplan.sync.merge import merge_fields
from netplan.sync.state import state_path
from netplan.sync.tasks import read_task, render_task
from netplan.text import multiline, single_line

TODAY = "2026-11-25"
D = date.fromisoformat


def cli(store: Path, *argv: str, capsys) -> tuple[int, str, str]:
    out = io.StringIO()
    status = sync_main(
        list(argv), environ={"NETPLAN_DATA": str(store), "NETPLAN_TODAY": TODAY}, out=out
    )
    return status, out.getvalue(), capsys.readouterr().err


def everything(*folders: Path) -> dict[str, bytes]:
    """Every file under the folders (backups, sync state, cards, tasks)."""
    found = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.name != ".netplan.lock":
                found[str(path)] = path.read_bytes()
    return found


def full_contact():
    return contact(
        "jane-doe",
        "Jane Doe",
        company="Acme; Sons, Ltd",
        role="Head of Data",
        email="jane@example.com",
        phone="+49 30 1234",
        handles={
            "linkedin": "https://www.linkedin.com/in/janedoe",
            "web": "https://jane.example",
            "github": "jdoe",
        },
        tags=["fintech", "mentor"],
        kind="both",
        met_at="PyCon, Berlin",
        cadence_days=30,
        circle=15,
        follow_up=D("2026-12-01"),
        topics=["career goals", "hiking; alps"],
        notes="Moving to Berlin.\nLikes C:\\paths, commas; semicolons. Ünïcødé ✓ " + "x" * 90,
        created=D("2025-03-01"),
        reviewed=D("2026-11-01"),
        milestones=[
            {"label": "Birthday", "date": D("1904-04-12"), "yearly": True},
            {"label": "Anniversary", "date": D("2019-06-01"), "yearly": True},
            {"label": "New role: CTO at Globex", "date": D("2026-10-01")},
        ],
    )


@pytest.fixture
def store(tmp_path: Path) -> Path:
    store = Store(tmp_path / "store")
    store.ensure()
    store.load()
    people = book(
        full_contact(),
        contact("sam-lee", "Sam Lee", company="Globex", cadence_days=14, created=D("2026-11-01")),
        contact("old-friend", "Old Friend", archived=True, follow_up=D("2026-11-30")),
        contact("no-due", "No Due"),
    )
    store.save(contacts=people, journal=journal(interaction("sam-lee", "2026-11-20")))
    return store.folder


def on_disk(store: Path):
    return Store(store).load()


def change(store: Path, updates: dict[str, dict]) -> None:
    """Edit contacts in the store as netplan would have (between two syncs)."""
    held = Store(store)
    data = held.load()
    contacts = [
        c.model_copy(update=updates[c.id]) if c.id in updates else c for c in data.contacts.contacts
    ]
    held.save(contacts=data.contacts.model_copy(update={"contacts": contacts}))


def by_id(store: Path) -> dict:
    return {c.id: c for c in on_disk(store).contacts.contacts}


# --- the writer and reader -------------------------------------------------------------------


def test_escape_follows_rfc_6350() -> None:
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_a_card_round_trip_keeps_every_field() -> None:
    jane = full_contact()
    data = render_card("jane-doe", fields_of(jane), ident="jane-doe")
    card = read_card(data, "jane-doe.vcf")
    assert card.uid == "jane-doe" and card.ident == "jane-doe"
    assert card.fields == fields_of(jane)
    assert b"BDAY:--0412\r\n" in data  # a birthday without a year
    assert b"ANNIVERSARY:20190601\r\n" in data
    assert b"ORG:Acme\\; Sons\\, Ltd\r\n" in data
    assert b"X-NETPLAN-CIRCLE:15\r\n" in data and b"X-NETPLAN-HANDLE:github;jdoe\r\n" in data


def test_card_lines_end_in_crlf_and_fold_at_75_octets_without_cutting_a_character() -> None:
    data = render_card("jane-doe", fields_of(full_contact()), ident="jane-doe")
    assert data.startswith(b"BEGIN:VCARD\r\nVERSION:4.0\r\n") and data.endswith(b"END:VCARD\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # the long note was folded
    assert b"\n" not in data.replace(b"\r\n", b"")
    for line in lines:
        line.decode("utf-8")  # no UTF-8 character cut in two


def test_a_card_without_netplan_properties_leaves_those_fields_unknown() -> None:
    data = render_card("jane-doe", fields_of(full_contact()), ident="jane-doe")
    stripped = b"".join(
        line + b"\r\n"
        for line in data.replace(b"\r\n ", b"").split(b"\r\n")
        if line and not line.startswith(b"X-NETPLAN-")
    )
    card = read_card(stripped, "jane-doe.vcf")
    assert not set(NETPLAN) & set(card.fields)
    assert card.fields["company"] == "Acme; Sons, Ltd"


def test_a_netplan_value_that_cannot_be_right_is_unknown_and_said() -> None:
    data = render_card("jane-doe", fields_of(full_contact()), ident="jane-doe")
    card = read_card(data.replace(b"X-NETPLAN-CIRCLE:15", b"X-NETPLAN-CIRCLE:7"), "j.vcf")
    assert "circle" not in card.fields and card.fields["cadence_days"] == 30
    assert any("CIRCLE" in note for note in card.notes)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"hello there\n", "not a vCard"),
        (b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:No Uid\r\nEND:VCARD\r\n", "no UID"),
        (b"BEGIN:VCARD\r\nVERSION:4.0\r\nUID:x\r\nEND:VCARD\r\n", "no name"),
        (
            b"BEGIN:VCARD\r\nUID:x\r\nFN:A\r\nEND:VCARD\r\nBEGIN:VCARD\r\nUID:y\r\nFN:B\r\n"
            b"END:VCARD\r\n",
            "2 cards",
        ),
        (b"BEGIN:VCARD\r\nUID:x\r\nFN:A\r\n", "no END:VCARD"),
    ],
)
def test_what_is_not_one_card_is_malformed(data: bytes, reason: str) -> None:
    with pytest.raises(Malformed, match=reason):
        read_card(data, "bad.vcf")


def test_a_task_holds_due_alarm_summary_and_contact() -> None:
    data = render_task(
        "followup-jane-doe", "jane-doe", "Follow up with Jane", D("2026-12-01"), D(TODAY)
    )
    assert b"DUE;VALUE=DATE:20261201" in data and b"BEGIN:VALARM" in data
    assert b"ACTION:DISPLAY" in data and b"TRIGGER;RELATED=END:PT9H" in data
    task = read_task(data, D(TODAY))
    assert (task.uid, task.due, task.contact, task.done) == (
        "followup-jane-doe",
        D("2026-12-01"),
        "jane-doe",
        False,
    )
    done = data.replace(b"STATUS:NEEDS-ACTION", b"STATUS:COMPLETED\r\nCOMPLETED:20261123T100000Z")
    task = read_task(done, D(TODAY))
    assert task.done and task.completed == D("2026-11-23")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"not a calendar", "not iCalendar"),
        (
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTODO\r\nSUMMARY:x\r\nEND:VTODO\r\n"
            b"END:VCALENDAR\r\n",
            "no UID",
        ),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "0 tasks"),
    ],
)
def test_what_is_not_one_task_is_malformed(data: bytes, reason: str) -> None:
    with pytest.raises(Malformed, match=reason):
        read_task(data, D(TODAY))


# --- the three-way rule ------------------------------------------------------------------------


def test_a_field_changed_only_there_is_taken_one_changed_on_both_keeps_ours() -> None:
    base = {"role": "CTO", "notes": "a", "company": "Acme"}
    ours = {"role": "CTO", "notes": "ours", "company": "Acme"}
    theirs = {"role": "CEO", "notes": "theirs", "company": "Acme"}
    merged = merge_fields(ours, theirs, base, base)
    assert merged.taken == {"role": "CEO"}
    assert merged.conflicts == [("notes", "ours", "theirs")]


def test_an_unknown_field_changes_nothing_and_without_a_base_only_blanks_fill() -> None:
    assert merge_fields({"cadence_days": 30}, {}, {"cadence_days": 30}, {}).taken == {}
    merged = merge_fields(
        {"role": None, "company": "Acme"}, {"role": "CTO", "company": "B"}, None, None
    )
    assert merged.taken == {"role": "CTO"}
    assert merged.conflicts == [("company", "Acme", "B")]


# --- the whole sync ------------------------------------------------------------------------------


def test_first_sync_writes_cards_and_tasks_a_second_writes_nothing(
    store: Path, tmp_path: Path, capsys
) -> None:
    vdir = tmp_path / "vdir"
    status, out, err = cli(store, "sync", "vdir", str(vdir), capsys=capsys)
    assert status == 0, err
    assert sorted(os.listdir(vdir / "contacts")) == ["jane-doe.vcf", "no-due.vcf", "sam-lee.vcf"]
    # Jane's explicit follow-up; Sam's from the cadence (last contact + 14 days).
    assert sorted(os.listdir(vdir / "tasks")) == ["followup-jane-doe.ics", "followup-sam-lee.ics"]
    sam = read_task((vdir / "tasks/followup-sam-lee.ics").read_bytes(), D(TODAY))
    assert sam.due == D("2026-12-04") and sam.summary == "Follow up with Sam Lee"
    state = state_path(store, vdir)
    assert state.parent == store / ".sync" and state.exists()
    assert oct(state.stat().st_mode & 0o777) == "0o600"
    before = everything(store, vdir)
    status, out, _ = cli(store, "sync", "vdir", str(vdir), capsys=capsys)
    assert status == 0 and "nothing changed" in out
    assert everything(store, vdir) == before


def _sync(store: Path, vdir: Path, capsys) -> str:
    status, out, err = cli(store, "sync", "vdir", str(vdir), capsys=capsys)
    assert status == 0, err
    return out


def _edit(path: Path, old: bytes, new: bytes) -> None:
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new))


def test_an_edit_there_merges_field_by_field_with_netplan_edits(
    store: Path, tmp_path: Path, capsys
) -> None:
    vdir = tmp_path / "vdir"
    _sync(store, vdir, capsys)
    card = vdir / "contacts/sam-lee.vcf"
    _edit(card, b"ORG:Globex", b"TITLE:Founder\r\nORG:Globex")
    _edit(card, b"END:VCARD", b"NICKNAME:Sammy\r\nEND:VCARD")
    change(store, {"sam-lee": {"email": "sam@globex.example"}})
    out = _sync(store, vdir, capsys)
    assert "updated Sam Lee from its card: role" in out
    sam = by_id(store)["sam-lee"]
    assert (sam.role, sam.email) == ("Founder", "sam@globex.example")
    written = card.read_bytes()
    assert b"EMAIL:sam@globex.example" in written and b"TITLE:Founder" in written
    assert b"NICKNAME:Sammy" in written  # a line netplan does not manage is kept
    assert "nothing changed" in _sync(store, vdir, capsys)


def test_a_field_changed_on_both_sides_keeps_netplans_value_and_says_so(
    store: Path, tmp_path: Path, capsys
) -> None:
    vdir = tmp_path / "vdir"
    _sync(store, vdir, capsys)
    _edit(vdir / "contacts/sam-lee.vcf", b"ORG:Globex", b"ORG:Initech")
    change(store, {"sam-lee": {"company": "Umbrella"}})
    out = _sync(store, vdir, capsys)
    assert "conflict: Sam Lee's company changed on both sides" in out
    assert '"Umbrella", not "Initech"' in out
    assert by_id(store)["sam-lee"].company == "Umbrella"
    assert b"ORG:Umbrella" in (vdir / "contacts/sam-lee.vcf").read_bytes()


PHONE_CARD = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:4F3A-9C21@phone.example\r\nFN:Nadia Haddad\r\n"
    b"N:Haddad;Nadia;;;\r\nEMAIL;TYPE=INTERNET,pref:nadia@example.org\r\n"
    b"EMAIL;TYPE=INTERNET:nadia@home.example\r\nTEL;TYPE=CELL:+44 20 7946 0000\r\n"
    b"ORG:Lumen Labs\r\nPHOTO;VALUE=uri:https://example.org/n.jpg\r\n"
    b"NOTE:Met in Berlin\\, wants an intro\r\nEND:VCARD\r\n"
)


def test_a_card_added_there_becomes_a_contact_and_keeps_its_uid(
    store: Path, tmp_path: Path, capsys
) -> None:
    vdir = tmp_path / "vdir"
    _sync(store, vdir, capsys)
    (vdir / "contacts/3b9e1c.vcf").write_bytes(PHONE_CARD)
    out = _sync(store, vdir, capsys)
    assert "added Nadia Haddad (a new card there: 3b9e1c.vcf)" in out
    nadia = by_id(store)["nadia-haddad"]
    assert (nadia.email, nadia.phone, nadia.company) == (
        "nadia@example.org",
        "+44 20 7946 0000",
        "Lumen Labs",
    )
    assert nadia.notes == "Met in Berlin, wants an intro" and nadia.created == D(TODAY)
    card = read_card((vdir / "contacts/3b9e1c.vcf").read_bytes(), "3b9e1c.vcf")
    assert card.uid == "4F3A-9C21@phone.example" and card.ident == "nadia-haddad"
    written = (vdir / "contacts/3b9e1c.vcf").read_bytes()
    assert b"PHOTO;VALUE=uri:https://example.org/n.jpg" in written
    assert b"EMAIL:nadia@home.example" in written  # the second email is kept
    assert not (vdir / "contacts/nadia-haddad.vcf").exists()
    assert "nothing changed" in _sync(store, vdir, capsys)


def test_a_card_deleted_there_archives_the_contact_and_takes_its_task_away(
    store: Path, tmp_path: Path, capsys
) -> None:
    vdir = tmp_path / "vdir"
    _sync(store, vdir, capsys)
    (vdir / "contacts/jane-doe.vcf").unlink()
    out = _sync(store, vdir, capsys)
    assert "archived Jane Doe (the card was deleted there)" in out
    jane = by_id(store)["jane-doe"]
    assert jane.archived and jane.notes  # archived, never deleted
    assert not (vdir / "tasks/followup-jane-doe.ics").exists()
    assert "nothing changed" in _sync(store, vdir, capsys)


def test_a_task_completed_there_logs_an_interaction_and_the_follow_up_moves_on(
    store: Path, tmp_path: Path, capsys
) -> None:
    vdir = tmp_path / "vdir"
    _sync(store, vdir, capsys)
    task = vdir / "tasks/followup-jane-doe.ics"
    completed = task.read_bytes().replace(
        b"STATUS:NEEDS-ACTION", b"STATUS:COMPLETED\r\nCOMPLETED:20261124T170000Z"
    )
    task.write_bytes(completed)
    out = _sync(store, vdir, capsys)
    assert "logged the follow-up with Jane Doe done there on 2026-11-24" in out
    data = on_disk(store)
    logged = [i for i in data.journal.interactions if i.contact == "jane-doe"]
    assert len(logged) == 1
    assert (logged[0].on, logged[0].kind.value, logged[0].exchange.value) == (
        D("2026-11-24"),
        "other",
        "neutral",
    )
    jane = by_id(store)["jane-doe"]
    assert jane.follow_up is None  # done; the cadence gives the next one
    again = read_task(task.read_bytes(), D(TODAY))
    assert not again.done and again.due == D("2026-12-24")
    # The completed file coming back (a sync that stopped half way) is not logged twice.
    task.write_bytes(completed)
    _sync(store, vdir, capsys)
    assert len([i for i in on_disk(store).journal.interactions if i.contact == "jane-doe"]) == 1


def test_a_task_whose_due_moved_there_moves_the_follow_up(
    store: Path, tmp_path: Path, capsys
) -> None:
    vdir = tmp_path / "vdir"
    _sync(store, vdir, capsys)
    _edit(
        vdir / "tasks/followup-sam-lee.ics", b"DUE;VALUE=DATE:20261204", b"DUE;VALUE=DATE:20261209"
    )
    out = _sync(store, vdir, capsys)
    assert "moved the follow-up with Sam Lee to 2026-12-09" in out
    assert by_id(store)["sam-lee"].follow_up == D("2026-12-09")
    assert b"X-NETPLAN-FOLLOW-UP:2026-12-09" in (vdir / "contacts/sam-lee.vcf").read_bytes()
    assert "nothing changed" in _sync(store, vdir, capsys)


def test_a_server_that_drops_netplan_properties_clears_nothing_and_is_not_fought(
    store: Path, tmp_path: Path, capsys
) -> None:
    vdir = tmp_path / "vdir"
    _sync(store, vdir, capsys)
    card = vdir / "contacts/jane-doe.vcf"
    lines = card.read_bytes().replace(b"\r\n ", b"").split(b"\r\n")
    kept = [line for line in lines if line and not line.startswith(b"X-NETPLAN-")]
    card.write_bytes(b"\r\n".join(kept).replace(b"TITLE:Head of Data", b"TITLE:CDO") + b"\r\n")
    _sync(store, vdir, capsys)
    jane = by_id(store)["jane-doe"]
    assert jane.role == "CDO"
    assert (jane.cadence_days, jane.circle, jane.topics) == (
        30,
        15,
        ["career goals", "hiking; alps"],
    )
    assert jane.handles["github"] == "jdoe" and len(jane.milestones) == 3
    assert b"X-NETPLAN-" not in card.read_bytes()  # not rewritten just to add them back
    assert "nothing changed" in _sync(store, vdir, capsys)


def test_a_change_in_netplan_arrives_there_and_archiving_takes_the_card_away(
    store: Path, tmp_path: Path, capsys
) -> None:
    vdir = tmp_path / "vdir"
    _sync(store, vdir, capsys)
    change(store, {"no-due": {"archived": True}, "sam-lee": {"role": "Staff Engineer"}})
    out = _sync(store, vdir, capsys)
    assert "wrote 1 card and 0 tasks, removed 1 file" in out
    assert b"TITLE:Staff Engineer" in (vdir / "contacts/sam-lee.vcf").read_bytes()
    assert not (vdir / "contacts/no-due.vcf").exists()


# --- bad input -----------------------------------------------------------------------------------


def test_malformed_files_are_skipped_by_name_with_a_reason_and_the_rest_syncs(
    store: Path, tmp_path: Path, capsys
) -> None:
    vdir = tmp_path / "vdir"
    _sync(store, vdir, capsys)
    contacts, tasks = vdir / "contacts", vdir / "tasks"
    (contacts / "notes.vcf").write_bytes(b"just some text\n")
    (contacts / "huge.vcf").write_bytes(b"BEGIN:VCARD\r\nNOTE:" + b"x" * (1024 * 1024) + b"\r\n")
    (contacts / "twin.vcf").write_bytes((contacts / "sam-lee.vcf").read_bytes())
    (contacts / "claims-jane.vcf").write_bytes(
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nUID:other-jane\r\nFN:Jane Again\r\n"
        b"X-NETPLAN-ID:jane-doe\r\nEND:VCARD\r\n"
    )
    (tasks / "no-uid.ics").write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTODO\r\nSUMMARY:x\r\nEND:VTODO\r\n"
        b"END:VCALENDAR\r\n"
    )
    (tasks / "garbage.ics").write_bytes(b"\x00\x01\x02 not ical")
    (contacts / "new.vcf").write_bytes(PHONE_CARD)
    status, out, err = cli(store, "sync", "vdir", str(vdir), capsys=capsys)
    assert status == 0, err
    assert "Skipped 6 files (the rest synced):" in out
    assert "contacts/notes.vcf: not a vCard" in out
    assert "contacts/huge.vcf: larger than 1 MiB" in out
    assert "contacts/twin.vcf: its UID sam-lee is also the UID of sam-lee.vcf" in out
    assert "contacts/claims-jane.vcf: it is contact jane-doe, whose card is jane-doe" in out
    assert "tasks/no-uid.ics: its task (VTODO) has no UID" in out
    assert "tasks/garbage.ics: not iCalendar" in out
    assert "added Nadia Haddad" in out  # the rest synced
    assert (contacts / "notes.vcf").read_bytes() == b"just some text\n"  # left alone


def test_a_new_card_whose_uid_is_another_contacts_is_skipped_and_neither_is_lost(
    store: Path, tmp_path: Path, capsys
) -> None:
    vdir = tmp_path / "vdir"
    (vdir / "contacts").mkdir(parents=True)
    foreign = b"BEGIN:VCARD\r\nVERSION:4.0\r\nUID:sam-lee\r\nFN:Samantha Other\r\nEND:VCARD\r\n"
    (vdir / "contacts/sam-lee.vcf").write_bytes(foreign)
    out = _sync(store, vdir, capsys)
    assert "contacts/sam-lee.vcf: its UID sam-lee is that of contact sam-lee (Sam Lee)" in out
    assert (vdir / "contacts/sam-lee.vcf").read_bytes() == foreign
    assert by_id(store)["sam-lee"].name == "Sam Lee" and "samantha-other" not in by_id(store)


def test_a_vdir_that_cannot_be_made_is_exit_1_and_the_store_is_unchanged(
    store: Path, tmp_path: Path, capsys
) -> None:
    vdir = tmp_path / "vdir"
    vdir.mkdir()
    (vdir / "contacts").write_text("a file where the folder goes")
    before = everything(store)
    status, out, err = cli(store, "sync", "vdir", str(vdir), capsys=capsys)
    assert status == 1 and out == ""
    assert "contacts" in err and "not a folder" in err and "Traceback" not in err
    assert everything(store) == before
    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    status, _, err = cli(store, "sync", "vdir", str(blocked / "vdir"), capsys=capsys)
    assert status == 1 and "cannot create" in err
    assert everything(store) == before


def test_a_vdir_inside_the_store_is_refused(store: Path, capsys) -> None:
    status, _, err = cli(store, "sync", "vdir", str(store / "vdir"), capsys=capsys)
    assert status == 1 and "inside the store" in err
    assert not (store / "vdir").exists()


def test_without_dir_it_is_a_usage_error(store: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli(store, "sync", "vdir", capsys=capsys)
    assert exit_.value.code == 2


RUN = """
import io, sys
sys.path.insert(0, sys.argv[1])
from factories import sync_main
env = {"NETPLAN_DATA": sys.argv[2], "NETPLAN_TODAY": "2026-11-25"}
raise SystemExit(sync_main(["sync", "vdir", sys.argv[3]], env, io.StringIO()))
"""


def test_two_syncs_at_once_run_one_after_the_other(store: Path, tmp_path: Path, capsys) -> None:
    vdir = tmp_path / "vdir"
    _sync(store, vdir, capsys)
    task = vdir / "tasks/followup-jane-doe.ics"
    task.write_bytes(task.read_bytes().replace(b"STATUS:NEEDS-ACTION", b"STATUS:COMPLETED"))
    tests = str(Path(__file__).parents[1])
    runs = [
        subprocess.Popen([sys.executable, "-c", RUN, tests, str(store), str(vdir)])
        for _ in range(2)
    ]
    assert [run.wait(timeout=60) for run in runs] == [0, 0]
    logged = [i for i in on_disk(store).journal.interactions if i.contact == "jane-doe"]
    assert len(logged) == 1  # the second saw the first one's result
    assert "nothing changed" in _sync(store, vdir, capsys)


def test_the_sync_state_is_not_a_store_file_restore_leaves_it(
    store: Path, tmp_path: Path, capsys
) -> None:
    import time
    from datetime import datetime

    from netplan.store import FILES

    vdir = tmp_path / "vdir"
    _sync(store, vdir, capsys)
    state = state_path(store, vdir)
    assert state.name not in FILES.values()
    time.sleep(1.1)
    moment = datetime.now().strftime("%Y-%m-%dT%H:%M:%S")
    time.sleep(1.1)
    (vdir / "contacts/sam-lee.vcf").unlink()
    assert "archived Sam Lee" in _sync(store, vdir, capsys)
    kept = state.read_bytes()
    status, out, err = cli(store, "restore", moment, capsys=capsys)
    assert status == 0, err
    assert not by_id(store)["sam-lee"].archived  # the store went back
    assert state.read_bytes() == kept  # the sync state did not
    assert ".sync" not in out


def test_a_contact_deleted_in_netplan_loses_its_card_and_task(
    store: Path, tmp_path: Path, capsys
) -> None:
    vdir = tmp_path / "vdir"
    _sync(store, vdir, capsys)
    held = Store(store)
    data = held.load()
    contacts = [c for c in data.contacts.contacts if c.id != "jane-doe"]
    held.save(contacts=data.contacts.model_copy(update={"contacts": contacts}))
    out = _sync(store, vdir, capsys)
    assert "removed 2 files" in out
    assert not (vdir / "contacts/jane-doe.vcf").exists()
    assert not (vdir / "tasks/followup-jane-doe.ics").exists()


def test_another_machines_first_sync_adopts_the_cards_and_writes_none(
    store: Path, tmp_path: Path, capsys
) -> None:
    vdir = tmp_path / "vdir"
    _sync(store, vdir, capsys)
    state_path(store, vdir).unlink()  # as on a machine that never synced this vdir
    before = everything(vdir)
    out = _sync(store, vdir, capsys)
    assert "conflict" not in out and "added" not in out and "wrote" not in out
    assert everything(vdir) == before
    assert len(on_disk(store).contacts.contacts) == 4
    assert state_path(store, vdir).exists()
    assert "nothing changed" in _sync(store, vdir, capsys)


def test_a_dir_that_fails_half_way_says_so_and_the_next_sync_logs_nothing_twice(
    store: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    from netplan.sync import folder

    vdir = tmp_path / "vdir"
    _sync(store, vdir, capsys)
    task = vdir / "tasks/followup-jane-doe.ics"
    task.write_bytes(task.read_bytes().replace(b"STATUS:NEEDS-ACTION", b"STATUS:COMPLETED"))
    (vdir / "contacts/new.vcf").write_bytes(PHONE_CARD)
    _edit(
        vdir / "tasks/followup-sam-lee.ics", b"DUE;VALUE=DATE:20261204", b"DUE;VALUE=DATE:20261211"
    )

    def full(path: Path, data: bytes, touched=None) -> None:
        raise folder.VdirError(f"cannot write {path}: the disk is full")

    monkeypatch.setattr(folder, "write", full)
    status, _, err = cli(store, "sync", "vdir", str(vdir), capsys=capsys)
    assert status == 1 and "the disk is full" in err and "run the sync again" in err
    monkeypatch.undo()
    out = _sync(store, vdir, capsys)
    assert "added" not in out and "conflict" not in out, out
    logged = [i for i in on_disk(store).journal.interactions if i.contact == "jane-doe"]
    assert len(logged) == 1
    assert [c.name for c in on_disk(store).contacts.contacts].count("Nadia Haddad") == 1
    assert by_id(store)["sam-lee"].follow_up == D("2026-12-11")
    assert not read_task(task.read_bytes(), D(TODAY)).done


def test_a_damaged_sync_state_is_exit_1_and_changes_nothing(
    store: Path, tmp_path: Path, capsys
) -> None:
    vdir = tmp_path / "vdir"
    _sync(store, vdir, capsys)
    state_path(store, vdir).write_text("{not json")
    before = everything(store, vdir)
    status, _, err = cli(store, "sync", "vdir", str(vdir), capsys=capsys)
    assert status == 1 and "is damaged" in err and "move it away" in err
    assert everything(store, vdir) == before


# --- property: what netplan writes, it reads back ------------------------------------------------


_line = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60)
    .map(single_line)
    .filter(bool)
)
_note = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200).map(multiline)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    name=_line,
    company=st.none() | _line,
    role=st.none() | _line,
    notes=_note,
    tags=st.lists(_line.filter(lambda t: "," not in t), max_size=4, unique_by=str.casefold),
    topics=st.lists(_line, max_size=4, unique=True),
    met_at=st.none() | _line,
    handle=st.none() | _line,
    label=_line,
)
def test_any_contact_netplan_writes_reads_back_the_same(
    name, company, role, notes, tags, topics, met_at, handle, label
) -> None:
    person = contact(
        "someone",
        name,
        company=company,
        role=role,
        notes=notes or None,
        tags=tags,
        topics=topics,
        met_at=met_at,
        handles={"mastodon": handle} if handle else {},
        milestones=[{"label": label, "date": D("2020-02-29"), "yearly": True}],
    )
    data = render_card("someone", fields_of(person), ident="someone")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert read_card(data, "someone.vcf").fields == fields_of(person)


def test_a_read_only_vdir_is_exit_1_before_the_store_changes(
    store: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    import errno

    from netplan.sync import folder

    vdir = tmp_path / "vdir"
    _sync(store, vdir, capsys)
    (vdir / "contacts/jane-doe.vcf").unlink()  # would archive Jane

    def refused(path: Path, data: bytes) -> None:  # what a read-only folder does (not as root)
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(folder, "atomic_write", refused)
    before = everything(store)
    status, out, err = cli(store, "sync", "vdir", str(vdir), capsys=capsys)
    assert status == 1 and out == "" and "permission denied" in err
    assert everything(store) == before
    assert not by_id(store)["jane-doe"].archived


def test_a_vdir_emptied_by_mistake_archives_no_one_without_being_told(
    tmp_path: Path, capsys
) -> None:
    store = Store(tmp_path / "many")
    store.ensure()
    store.load()
    store.save(contacts=book(*(contact(f"p-{n}", f"Person {n}") for n in range(8))))
    vdir = tmp_path / "vdir"
    _sync(store.folder, vdir, capsys)
    for card in (vdir / "contacts").iterdir():  # a wrong path, a sync tool's misstep
        card.unlink()
    before = Store(store.folder).load().contacts
    status, _out, err = cli(store.folder, "sync", "vdir", str(vdir), capsys=capsys)
    assert status == 1
    assert "8 of the 8 cards" in err and "--archive-missing" in err
    assert Store(store.folder).load().contacts == before
    status, _out, _err = cli(
        store.folder, "sync", "vdir", str(vdir), "--archive-missing", capsys=capsys
    )
    assert status == 0
    assert all(c.archived for c in Store(store.folder).load().contacts.contacts)
