"""`netplan skip` through the real command line (spec 7.1)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from netplan.cli import main
from netplan.models import Skip
from netplan.store import Store


def cli(folder: Path, *argv: str, capsys) -> tuple[int, str, str]:
    out = io.StringIO()
    status = main(
        list(argv), environ={"NETPLAN_DATA": str(folder), "NETPLAN_TODAY": "2026-11-25"}, out=out
    )
    return status, out.getvalue(), capsys.readouterr().err


def everything(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    store = Store(tmp_path / "store")
    store.ensure()
    store.load()
    return store.folder


def skips(folder: Path) -> list[Skip]:
    return Store(folder).load().plan.skips


def test_skip_routines_by_id_and_prefix_over_days(folder: Path, capsys) -> None:
    status, out, err = cli(
        folder,
        "skip",
        "engage-posts",
        "connect",
        "--from",
        "2026-12-21",
        "--to",
        "2027-01-03",
        "--reason",
        "Holidays",
        capsys=capsys,
    )
    assert status == 0, err
    assert "2026-12-21 to 2027-01-03: engage-posts, connect-people · Holidays" in out
    assert skips(folder) == [
        Skip(
            from_=date(2026, 12, 21),
            to=date(2027, 1, 3),
            reason="Holidays",
            routines=["engage-posts", "connect-people"],
        )
    ]
    text = (folder / "plan.toml").read_text()
    assert '[[skips]]\nfrom = 2026-12-21\nto = 2027-01-03\nreason = "Holidays"' in text


def test_without_to_one_day_of_every_routine(folder: Path, capsys) -> None:
    status, out, _err = cli(folder, "skip", "--from", "today", capsys=capsys)
    assert status == 0
    assert skips(folder) == [Skip(from_=date(2026, 11, 25), to=date(2026, 11, 25))]
    status, out, _err = cli(folder, "skip", "--list", capsys=capsys)
    assert status == 0
    assert out == "2026-11-25: every routine\n"


def test_list_without_skips(folder: Path, capsys) -> None:
    assert cli(folder, "skip", "--list", capsys=capsys)[:2] == (0, "No skips.\n")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["skip"], "--from DATE is required"),
        (["skip", "--from", "2026-12-02", "--to", "2026-12-01"], "before --from"),
        (["skip", "--from", "someday"], "--from"),
        (["skip", "--list", "--from", "today"], "--list takes no"),
    ],
)
def test_usage_errors_exit_2_and_change_nothing(
    folder: Path, capsys, argv: list[str], message: str
) -> None:
    before = everything(folder)
    status, _out, err = cli(folder, *argv, capsys=capsys)
    assert status == 2
    assert message in err
    assert everything(folder) == before


def test_an_unknown_routine_exits_1_listing_the_routines(folder: Path, capsys) -> None:
    before = everything(folder)
    status, _out, err = cli(folder, "skip", "nope", "--from", "today", capsys=capsys)
    assert status == 1
    assert 'no routine matches "nope"' in err and "engage-posts" in err
    assert everything(folder) == before
