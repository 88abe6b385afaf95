"""`netplan event add` and `netplan log --with --event` through the real command line."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from factories import book, contact

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


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    store = Store(tmp_path / "store")
    store.ensure()
    store.load()
    people = book(
        contact("jane-doe", cadence_days=30),
        contact("sam-lee"),
        contact("sam-lo", "Sam Lo"),
        contact("ana-ruiz"),
    )
    store.save(contacts=people)
    return store.folder


def test_event_add_writes_an_event_with_an_id_from_its_title(folder: Path, capsys) -> None:
    status, out, _err = cli(
        folder,
        *("event", "add", "PyCon DE", "--on", "2026-11-20", "--until", "2026-11-22"),
        *("--venue", "Darmstadt", "--kind", "conference"),
        capsys=capsys,
    )
    assert status == 0, out
    assert "pycon-de" in out and "2026-11-20 to 2026-11-22" in out
    (event,) = Store(folder).load().plan.events
    assert (event.id, event.title, event.until, event.venue) == (
        "pycon-de",
        "PyCon DE",
        D("2026-11-22"),
        "Darmstadt",
    )
    assert event.kind == "conference"
    assert cli(folder, "event", "add", "PyCon DE", "--on", "2026-12-01", capsys=capsys)[0] == 0
    assert [e.id for e in Store(folder).load().plan.events] == ["pycon-de", "pycon-de-2"]
    text = (folder / "plan.toml").read_text()
    assert "[[events]]" in text and 'venue = "Darmstadt"' in text


def test_event_add_refuses_bad_input_and_writes_nothing(folder: Path, capsys) -> None:
    before = files(folder)
    status, _out, err = cli(
        folder, "event", "add", "X", "--on", "2026-11-20", "--until", "2026-11-19", capsys=capsys
    )
    assert status == 2 and "--until 2026-11-19 is before --on 2026-11-20" in err
    status, _out, err = cli(folder, "event", "add", "X", "--on", "someday", capsys=capsys)
    assert status == 2 and "--on" in err
    for argv in (("X",), ("X", "--on", "2026-11-20", "--kind", "party")):
        with pytest.raises(SystemExit) as raised:  # argparse: usage
            cli(folder, "event", "add", *argv, capsys=capsys)
        assert raised.value.code == 2
    assert "--kind" in capsys.readouterr().err
    assert files(folder) == before


def test_log_with_others_at_an_event(folder: Path, capsys) -> None:
    cli(folder, "event", "add", "PyCon DE", "--on", "2026-11-20", "--until", "2026-11-22",
        capsys=capsys)  # fmt: skip
    status, out, err = cli(
        folder,
        *("log", "jane", "--on", "2026-11-21", "--kind", "event"),
        *("--with", "sam-lee", "--with", "ana", "--event", "pycon"),
        capsys=capsys,
    )
    assert status == 0, err
    assert "with Jane Doe, Sam Lee, Ana Ruiz at PyCon DE on 2026-11-21" in out
    assert "Next follow-up: 2026-11-24." in out  # two days after the event's last day
    loaded = Store(folder).load()
    (entry,) = loaded.journal.interactions
    assert (entry.contact, entry.with_, entry.event) == (
        "jane-doe",
        ["sam-lee", "ana-ruiz"],
        "pycon-de",
    )
    text = (folder / "journal.toml").read_text()
    assert 'with = ["sam-lee", "ana-ruiz"]' in text and 'event = "pycon-de"' in text
    status, out, _err = cli(folder, "due", "--json", capsys=capsys)
    assert '"contact": "sam-lee"' in out and '"due": "2026-11-24"' in out


def test_log_refuses_unknown_or_ambiguous_events_and_people(folder: Path, capsys) -> None:
    cli(folder, "event", "add", "PyCon DE", "--on", "2026-11-20", capsys=capsys)
    cli(folder, "event", "add", "PyCon Italia", "--on", "2026-12-01", capsys=capsys)
    before = files(folder)
    status, _out, err = cli(folder, "log", "jane", "--event", "pycon", capsys=capsys)
    assert status == 1 and "ambiguous" in err
    assert "pycon-de" in err and "pycon-italia" in err
    status, _out, err = cli(folder, "log", "jane", "--event", "jsconf", capsys=capsys)
    assert status == 1 and 'no event matches "jsconf"' in err and "pycon-de" in err
    status, _out, err = cli(folder, "log", "jane", "--with", "sam", capsys=capsys)
    assert status == 1 and "ambiguous" in err and "sam-lo" in err
    status, _out, err = cli(folder, "log", "jane", "--with", "nobody", capsys=capsys)
    assert status == 1 and 'no contact matches "nobody"' in err
    assert files(folder) == before
    status, _out, err = cli(folder, "log", "jane", "--event", "PyCon It", capsys=capsys)
    assert status == 0, err
    assert Store(folder).load().journal.interactions[0].event == "pycon-italia"
