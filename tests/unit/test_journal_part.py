"""`netplan log` on a big journal reads only the entries it needs, when every file is one
netplan has checked valid as it is; anything else reads and checks the whole store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from cli_helpers import TODAY

from netplan.cli import main
from netplan.models import Contact, ContactBook, Interaction, Journal
from netplan.store import Store, StoreError, decode
from netplan.store.journal_part import PartialJournal, journal_part, plain_layout
from netplan.store.messages import UnsavableError

DAY = date(2026, 11, 25)


def _store(folder: Path, entries: int = 40) -> Store:
    store = Store(folder)
    store.ensure()
    store.load()
    people = ContactBook(contacts=[Contact(id=f"c{n}", name=f"Person {n}") for n in range(5)])
    journal = Journal(
        interactions=[
            Interaction(id=f"i-{n}", contact=f"c{n % 5}", on=date(2026, 10, 1 + n % 28))
            for n in range(entries)
        ]
        + [Interaction(id="i-20261125-4", contact="c1", on=DAY, note="Earlier today")]
    )
    store.save(contacts=people, journal=journal)
    return store


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files read whole (parsed and validated) from here on."""
    names: list[str] = []
    read = Store.read

    def spy(self, name, pause=None):
        names.append(name)
        return read(self, name, pause)

    monkeypatch.setattr(Store, "read", spy)
    return names


def _log(folder: Path, *args: str) -> int:
    env = {"NETPLAN_DATA": str(folder), "NETPLAN_TODAY": TODAY}
    return main(["log", *args], env)


def test_a_log_after_a_checked_load_reads_only_the_persons_and_the_days_entries(
    tmp_path: Path, reads: list[str]
) -> None:
    store = _store(tmp_path)
    before = store.path("journal").read_bytes()
    assert main(["validate"], {"NETPLAN_DATA": str(tmp_path), "NETPLAN_TODAY": TODAY}) == 0
    reads.clear()
    assert _log(tmp_path, "c2", "--note", "Coffee") == 0
    assert "journal" not in reads  # plan and contacts only
    after = store.path("journal").read_bytes()
    assert after.startswith(before)
    journal = decode("journal", after)
    assert journal.interactions[-1].id == "i-20261125-5"  # after the day's -4, far above
    assert journal.interactions[-1].contact == "c2"
    reads.clear()
    assert _log(tmp_path, "c3", "--note", "Call") == 0  # and again, from what it wrote
    assert "journal" not in reads
    assert decode("journal", store.path("journal").read_bytes()).interactions[-1].id == (
        "i-20261125-6"
    )


def test_a_hand_edited_file_sends_the_log_through_the_whole_check(
    tmp_path: Path, reads: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    store = _store(tmp_path)
    assert main(["validate"], {"NETPLAN_DATA": str(tmp_path), "NETPLAN_TODAY": TODAY}) == 0
    # contacts.toml without c4, whom the journal names: only a whole check can see that
    path = store.path("contacts")
    text = path.read_text()
    path.write_text(text[: text.index('[[contacts]]\nid = "c4"')])
    journal = store.path("journal").read_bytes()
    reads.clear()
    assert _log(tmp_path, "c2", "--note", "Coffee") == 1
    assert "journal" in reads
    assert "c4" in capsys.readouterr().err
    assert store.path("journal").read_bytes() == journal


def test_a_part_of_the_journal_saves_only_by_growing(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.load()
    fresh = Store(tmp_path)
    fresh.read_plan(), fresh.read_contacts()
    part = fresh.read_journal_part({"c1"}, {DAY})
    assert isinstance(part, PartialJournal)
    assert {i.contact for i in part.interactions} == {"c1"}
    before = fresh.path("journal").read_bytes()
    shorter = part.model_copy(update={"interactions": part.interactions[1:]})
    with pytest.raises(UnsavableError, match="only part of it was read"):
        fresh.save(journal=shorter)
    with pytest.raises(StoreError):
        fresh.write_recovery("journal", part)
    assert fresh.path("journal").read_bytes() == before


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t.replace("\n", "\r\n"),  # CRLF
        lambda t: t.replace("[[interactions]]", "  [[interactions]]", 1),  # indented
        lambda t: t.replace('contact = "c1"', 'contact = "c1"\nnote = """two\nlines"""', 1),
        lambda t: t.replace('contact = "c1"', 'contact = "c\\u0031"', 1),  # an escaped name
        lambda _t: "interactions = []\n",  # no entry yet: no table can follow that line
    ],
)
def test_a_journal_laid_out_otherwise_is_not_searched(tmp_path: Path, change) -> None:
    store = _store(tmp_path, entries=5)
    assert plain_layout(store.path("journal").read_bytes())
    assert not plain_layout(change(store.path("journal").read_text()).encode())


def test_an_entry_that_is_not_one_entry_gives_no_part() -> None:
    text = (
        '# a note naming "c1"\n[[interactions]]\nid = "a"\ncontact = "c1"\non = 2026-11-20\n\n'
        '[[interactions]]\nid = "b"\ncontact = "c2"\non = 2026-11-21\n'
    )
    part = journal_part(text.encode(), {"c1"}, set())
    assert part is not None and [i.id for i in part.interactions] == ["a"]
    # a header this does not see puts two entries in one unit: no part, read it whole
    hidden = text.replace('\n[[interactions]]\nid = "b"', '\n[[ interactions ]]\nid = "b"')
    assert journal_part(hidden.encode(), {"c1"}, set()) is None


async def test_after_the_app_a_log_reads_only_what_it_needs(
    tmp_path: Path, reads: list[str]
) -> None:
    from app_helpers import make_app, settle

    _store(tmp_path)
    app = make_app(Store(tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("space")  # a check-off, saved by the app
        await settle(pilot, app)
    reads.clear()
    assert _log(tmp_path, "c2", "--note", "Coffee") == 0
    assert "journal" not in reads


def test_a_check_off_from_the_command_line_keeps_the_record(
    tmp_path: Path, reads: list[str]
) -> None:
    _store(tmp_path)
    env = {"NETPLAN_DATA": str(tmp_path), "NETPLAN_TODAY": TODAY}
    assert main(["validate"], env) == 0
    assert main(["check", "share"], env) == 0  # plan.toml alone, its events as they were
    reads.clear()
    assert _log(tmp_path, "c2", "--note", "Coffee") == 0
    assert "journal" not in reads
    assert main(["event", "add", "PyCon", "--on", "2026-12-01"], env) == 0  # events changed
    reads.clear()
    assert _log(tmp_path, "c2", "--note", "Again") == 0
    assert "journal" in reads  # read whole once, then trusted again
    reads.clear()
    assert _log(tmp_path, "c3", "--note", "Call") == 0
    assert "journal" not in reads
