"""A sync tool replaces a file while netplan saves it (issue 13, item 3).

The other version arrives at the two moments that matter, made deterministic by hooks: while
the temp file is written (before the replace), and inside the replace itself. Neither is
ever written over: the first is reloaded and the command's change replayed on top, the
second comes out of the atomic exchange and is kept beside the file as a conflict copy.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from faults_helpers import demo_store

from netplan import fsutil
from netplan.store import decode, encode
from netplan.store import writer as writer_module

TODAY = date(2026, 11, 25)


def other_version(folder: Path) -> bytes:
    """contacts.toml as another machine changed it: the first contact's notes rewritten."""
    book = decode("contacts", (folder / "contacts.toml").read_bytes())
    first = book.contacts[0].model_copy(update={"notes": "Written on the laptop"})
    return encode(book.model_copy(update={"contacts": [first, *book.contacts[1:]]}))


def sync_tool_delivers(folder: Path, data: bytes) -> None:
    """What Syncthing or Dropbox does: write a temp file and rename it over the file."""
    temp = folder / ".syncthing.contacts.toml.tmp"
    temp.write_bytes(data)
    os.replace(temp, folder / "contacts.toml")


def log_someone(folder: Path, who: str) -> int:
    from netplan.cli import main

    env = {"NETPLAN_DATA": str(folder), "NETPLAN_TODAY": TODAY.isoformat()}
    return main(["log", who, "--gave", "--follow-up", "2026-12-09"], environ=env)


def test_a_version_renamed_into_place_while_the_temp_file_is_written_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = demo_store(tmp_path / "store")
    book = decode("contacts", (store.folder / "contacts.toml").read_bytes())
    first, logged = book.contacts[0], book.contacts[1]
    theirs = other_version(store.folder)
    real_write_temp = writer_module.write_temp
    delivered = []

    def write_temp(target: Path, data: bytes) -> Path:
        if target.name == "contacts.toml" and not delivered:
            delivered.append(target)
            sync_tool_delivers(store.folder, theirs)
        return real_write_temp(target, data)

    monkeypatch.setattr(writer_module, "write_temp", write_temp)
    assert log_someone(store.folder, logged.id) == 0
    assert delivered, "the save never wrote contacts.toml"
    after = decode("contacts", (store.folder / "contacts.toml").read_bytes())
    by_id = {c.id: c for c in after.contacts}
    assert by_id[first.id].notes == "Written on the laptop", "the other version was written over"
    assert by_id[logged.id].follow_up == date(2026, 12, 9), "the log itself was lost"


def test_a_version_that_arrives_inside_the_replace_is_kept_as_a_conflict_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    store = demo_store(tmp_path / "store")
    probe = tmp_path / "probe"
    (probe / "a").parent.mkdir()
    (probe / "a").write_text("a")
    (probe / "b").write_text("b")
    if not fsutil.exchange(probe / "a", probe / "b"):
        pytest.skip("this file system has no atomic exchange")
    theirs = other_version(store.folder)
    real_exchange = fsutil.exchange
    delivered = []

    def exchange(new: Path, target: Path) -> bool:
        # The last moment there is: after every check, before the file is swapped in.
        if target.name == "contacts.toml" and not delivered:
            delivered.append(target)
            sync_tool_delivers(store.folder, theirs)
        return real_exchange(new, target)

    monkeypatch.setattr(fsutil, "exchange", exchange)
    logged = decode("contacts", (store.folder / "contacts.toml").read_bytes()).contacts[1]
    assert log_someone(store.folder, logged.id) == 0
    assert delivered
    copies = sorted(store.folder.glob("contacts.sync-conflict-*-netplan.toml"))
    assert len(copies) == 1, sorted(p.name for p in store.folder.iterdir())
    assert copies[0].read_bytes() == theirs, "the other version is not kept as it came"
    mine = decode("contacts", (store.folder / "contacts.toml").read_bytes())
    assert {c.id: c for c in mine.contacts}[logged.id].follow_up == date(2026, 12, 9)
    err = capsys.readouterr().err
    assert copies[0].name in err and "warning" in err, err
    # Every command after says so too, as it does for any conflict copy.
    from netplan.cli import main

    env = {"NETPLAN_DATA": str(store.folder), "NETPLAN_TODAY": TODAY.isoformat()}
    assert main(["validate"], environ=env) == 0
    assert copies[0].name in capsys.readouterr().err


def test_a_save_that_finds_its_version_in_place_leaves_no_copy(tmp_path: Path) -> None:
    store = demo_store(tmp_path / "store")
    logged = decode("contacts", (store.folder / "contacts.toml").read_bytes()).contacts[1]
    assert log_someone(store.folder, logged.id) == 0
    assert list(store.folder.glob("*sync-conflict*")) == []
    assert [p.name for p in store.folder.iterdir() if p.name.endswith(".tmp")] == []
