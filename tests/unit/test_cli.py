"""The command line through its real entry points: exit statuses, messages, files untouched."""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import TODAY, files, run

from netplan import __version__
from netplan.store import Store

__all__ = ["TODAY", "files", "run"]  # other tests take them from here too


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "store"
    result = run("demo", data=folder)
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture
def demo(tmp_path: Path, demo_template: Path) -> Path:
    folder = tmp_path / "store"
    shutil.copytree(demo_template, folder)
    return folder


def test_version_and_script_entry_point() -> None:
    assert run("--version").stdout.strip() == f"netplan {__version__}"
    script = shutil.which("netplan", path=os.path.dirname(sys.executable))
    assert script, "the netplan script is installed beside the interpreter"
    result = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == f"netplan {__version__}"


def test_a_command_collects_garbage_again_once_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """The script pauses the collector for start-up (see gc_pause); commands resume it."""
    from netplan.__main__ import run as script

    monkeypatch.setattr(sys, "argv", ["netplan", "--data", str(tmp_path), "path"])
    try:
        assert script() == 0
        assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
    assert capsys.readouterr().out.strip() == str(tmp_path)


def test_path_follows_data_option_then_environment(tmp_path: Path) -> None:
    assert run("path", data=tmp_path / "env").stdout.strip() == str(tmp_path / "env")
    opt = tmp_path / "opt"
    assert run("--data", str(opt), "path", data=tmp_path / "env").stdout.strip() == str(opt)
    assert run("path", "--data", str(opt)).stdout.strip() == str(opt)
    # `path` only prints: it creates nothing.
    assert not opt.exists()


def test_usage_errors_exit_2_without_traceback(tmp_path: Path) -> None:
    for args in (
        ["frobnicate"],
        ["check"],
        ["due", "--days", "soon"],
        ["log", "x", "--gave", "--asked"],
    ):
        result = run(*args, data=tmp_path / "s")
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr
        assert "usage:" in result.stderr


def test_bad_netplan_today_is_a_usage_error(tmp_path: Path) -> None:
    result = run("due", data=tmp_path / "s", env={"NETPLAN_TODAY": "tomorrow-ish"})
    assert result.returncode == 2
    assert "NETPLAN_TODAY" in result.stderr


# --- demo --------------------------------------------------------------------------------


def test_demo_fills_an_empty_store_and_refuses_a_full_one(demo: Path) -> None:
    snap = Store(demo).load()
    assert len(snap.contacts.contacts) >= 35
    assert snap.journal.interactions and snap.plan.completions and len(snap.plan.goals) == 3
    before = files(demo)
    result = run("demo", data=demo)
    assert result.returncode == 1
    assert "not empty" in result.stderr
    assert files(demo) == before


def test_demo_is_allowed_after_a_first_run_that_only_made_defaults(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    assert run("validate", data=folder).returncode == 0
    assert run("demo", data=folder).returncode == 0


# --- check ----------------------------------------------------------------------------


def test_check_by_prefix_and_by_id(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    result = run("check", "eng", data=folder)
    assert result.returncode == 0, result.stderr
    assert "1/3" in result.stdout and "2026-W48" in result.stdout
    result = run("check", "engage-posts", "--count", "2", "--on", "yesterday", data=folder)
    assert result.returncode == 0
    assert "3/3" in result.stdout
    plan = Store(folder).read_plan()
    assert {d.isoformat(): c for d, c in plan.completions.items()} == {
        "2026-11-24": {"engage-posts": 2},
        "2026-11-25": {"engage-posts": 1},
    }


def test_check_a_month_routine_with_a_relative_date(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    result = run("check", "Write an", "--on=-3d", data=folder)
    assert result.returncode == 0, result.stderr
    assert "November 2026" in result.stdout
    plan = Store(folder).read_plan()
    assert [d.isoformat() for d in plan.completions] == ["2026-11-22"]


def test_check_a_negative_count_never_goes_below_zero(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    run("check", "share", data=folder)
    result = run("check", "share", "--count", "-5", data=folder)
    assert result.returncode == 0
    assert Store(folder).read_plan().completions == {}


@pytest.mark.parametrize(
    ("query", "expected"),
    [("xyz", "no routine matches"), ("engage", "ambiguous"), ("", "no routine matches")],
)
def test_check_unknown_or_ambiguous_routine_lists_candidates(
    tmp_path: Path, query: str, expected: str
) -> None:
    folder = tmp_path / "s"
    run("validate", data=folder)
    with (folder / "plan.toml").open("a") as plan:
        plan.write(
            '\n[[routines]]\nid = "engage-threads"\ntitle = "Engage in threads"\n'
            'period = "week"\ntarget = 1\n'
        )
    before = files(folder)
    result = run("check", query, data=folder)
    assert result.returncode == 1
    assert expected in result.stderr
    assert "engage-posts" in result.stderr or "attend-event" in result.stderr
    assert files(folder) == before


def test_check_bad_date_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", "eng", "--on", "2026-02-30", data=tmp_path / "s")
    assert result.returncode == 2
    assert "--on" in result.stderr


# --- log ------------------------------------------------------------------------------


def test_log_with_follow_up_and_promise(demo: Path) -> None:
    result = run(
        "log",
        "Samuel Ek",
        "--kind",
        "coffee",
        "--gave",
        "--minutes",
        "45",
        "--note",
        "Introduced him to Sam.",
        "--follow-up",
        "+14d",
        "--promise",
        "Send the deck",
        data=demo,
    )
    assert result.returncode == 0, result.stderr
    assert "Next follow-up: 2026-12-09" in result.stdout
    snap = Store(demo).load()
    logged = snap.journal.interactions[-1]
    assert logged.id == "i-20261125-1" or logged.id.startswith("i-20261125-")
    assert (logged.contact, logged.kind, logged.exchange, logged.minutes) == (
        "samuel-ekstrom",
        "coffee",
        "gave",
        45,
    )
    assert logged.promise == "Send the deck"
    contact = next(c for c in snap.contacts.contacts if c.id == "samuel-ekstrom")
    assert contact.follow_up.isoformat() == "2026-12-09"


def test_log_without_follow_up_clears_an_overdue_explicit_one(demo: Path) -> None:
    overdue = [
        c
        for c in Store(demo).load().contacts.contacts
        if c.follow_up is not None and c.follow_up.isoformat() < TODAY and not c.archived
    ]
    assert overdue, "the demo has an overdue explicit follow-up"
    ident = overdue[0].id
    assert run("log", ident, "--kind", "call", data=demo).returncode == 0
    after = next(c for c in Store(demo).load().contacts.contacts if c.id == ident)
    assert after.follow_up is None
    due = json.loads(run("due", "--json", data=demo).stdout)
    assert ident not in [f["contact"] for f in due["followups"] if f["overdue_days"] > 0]


def test_log_unknown_contact_changes_nothing(demo: Path) -> None:
    before = files(demo)
    result = run("log", "Nobody Atall", "--gave", data=demo)
    assert result.returncode == 1
    assert "no contact matches" in result.stderr
    assert files(demo) == before


def test_log_ambiguous_contact_lists_candidates(demo: Path) -> None:
    names = [c.name for c in Store(demo).load().contacts.contacts]
    first_letters = {}
    for name in names:
        first_letters.setdefault(name[0].lower(), []).append(name)
    letter, matches = next((k, v) for k, v in first_letters.items() if len(v) > 1)
    result = run("log", letter, data=demo)
    assert result.returncode == 1
    assert "ambiguous" in result.stderr
    for name in matches:
        assert name in result.stderr


def test_log_asking_a_contact_you_never_helped_gives_a_gentle_tip(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    run("validate", data=folder)
    (folder / "contacts.toml").write_text('[[contacts]]\nid = "sam"\nname = "Sam Lee"\n')
    result = run("log", "sam", "--asked", data=folder)
    assert result.returncode == 0, result.stderr
    assert "offering help first" in result.stdout


# --- due ------------------------------------------------------------------------------


def test_due_json_shape(demo: Path) -> None:
    result = run("due", "--json", data=demo)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert list(report) == ["today", "followups", "milestones", "routines", "promises"]
    assert report["today"] == TODAY
    for item in report["followups"]:
        assert list(item) == ["contact", "name", "due", "overdue_days"]
        assert item["due"] <= "2026-12-02"
    overdue = [f["overdue_days"] for f in report["followups"]]
    assert overdue == sorted(overdue, reverse=True)
    for item in report["milestones"]:
        assert list(item) == ["contact", "name", "label", "date"]
        assert TODAY <= item["date"] <= "2026-12-02"
    for item in report["routines"]:
        assert list(item) == ["routine", "title", "period", "done", "target"]
        assert item["done"] < item["target"]
    assert report["promises"]  # the demo has open promises
    for item in report["promises"]:
        assert list(item) == ["contact", "name", "promise", "due", "overdue_days"]
        assert item["due"] <= "2026-12-02"


def test_due_days_widens_the_window(demo: Path) -> None:
    narrow = json.loads(run("due", "--json", "--days", "0", data=demo).stdout)
    wide = json.loads(run("due", "--json", "--days", "60", data=demo).stdout)
    assert all(f["overdue_days"] >= 0 for f in narrow["followups"])
    assert len(wide["followups"]) > len(narrow["followups"])
    assert len(wide["milestones"]) >= len(narrow["milestones"])


def test_due_text_lists_the_sections(demo: Path) -> None:
    result = run("due", data=demo)
    assert result.returncode == 0
    for heading in ("Follow-ups", "Milestones", "Routines not yet met"):
        assert heading in result.stdout
    assert "overdue" in result.stdout


def test_due_on_a_fresh_store_lists_every_routine(tmp_path: Path) -> None:
    report = json.loads(run("due", "--json", data=tmp_path / "s").stdout)
    assert report["followups"] == [] and report["milestones"] == []
    assert [r["routine"] for r in report["routines"]] == [
        "engage-posts",
        "connect-people",
        "share-resource",
        "write-article",
        "attend-event",
        "review-contacts",
    ]


# --- validate and broken stores -------------------------------------------------------


def test_validate_ok(demo: Path) -> None:
    result = run("validate", data=demo)
    assert result.returncode == 0
    assert "OK" in result.stdout


BROKEN = {
    "plan.toml": (b"schema_version = 1\n[settings\n", "plan.toml, line 2"),
    "contacts.toml": (
        b'[[contacts]]\nid = "x"\nname = "X"\ncadence_days = 0\n',
        'contact 1 (id "x")',
    ),
    "journal.toml": (b"", "journal.toml holds no data"),
}


COMMANDS = [["validate"], ["due"], ["due", "--json"], ["log", "amara", "--gave"], ["demo"]]


@pytest.mark.parametrize(
    ("name", "command"),
    # check reads only plan.toml, so that it stays as fast with 30,000 contacts as with none.
    [(name, command) for name in sorted(BROKEN) for command in COMMANDS]
    + [("plan.toml", ["check", "eng"])],
)
def test_every_command_refuses_a_broken_store_and_changes_nothing(
    demo: Path, name: str, command: list[str]
) -> None:
    content, expected = BROKEN[name]
    (demo / name).write_bytes(content)
    before = files(demo)
    backups = sorted((demo / ".backups").iterdir()) if (demo / ".backups").exists() else []
    result = run(*command, data=demo)
    assert result.returncode == 1, (command, result.stdout, result.stderr)
    assert expected in result.stderr
    assert str(demo) in result.stderr
    assert "Traceback" not in result.stderr
    assert files(demo) == before
    after = sorted((demo / ".backups").iterdir()) if (demo / ".backups").exists() else []
    assert after == backups


def test_validate_reports_every_problem_in_every_file(demo: Path) -> None:
    (demo / "plan.toml").write_bytes(b"schema_version = 7\n")
    (demo / "contacts.toml").write_bytes(b'[[contacts]]\nid = "x"\nname = "X"\nbogus = 1\n')
    result = run("validate", data=demo)
    assert result.returncode == 1
    assert "schema_version 7" in result.stderr
    assert 'field "bogus": unknown key' in result.stderr


def test_main_function_runs_in_process(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from netplan.cli import main

    env = {"NETPLAN_TODAY": TODAY, "NETPLAN_DATA": str(tmp_path / "s")}
    assert main(["check", "connect"], environ=env) == 0
    assert "1/2" in capsys.readouterr().out
    assert main(["check", "nothing-like-it"], environ=env) == 1
    assert "no routine matches" in capsys.readouterr().err


def test_check_reads_only_the_plan(demo: Path) -> None:
    (demo / "journal.toml").write_bytes(b"")
    result = run("check", "eng", data=demo)
    assert result.returncode == 0, result.stderr
    assert (demo / "journal.toml").read_bytes() == b""


def test_an_ambiguous_name_lists_twenty_candidates_and_counts_the_rest(tmp_path: Path) -> None:
    from factories import book, contact

    store = Store(tmp_path / "s")
    store.ensure()
    store.load()
    store.save(contacts=book(*(contact(f"sam-lee-{n}", "Sam Lee") for n in range(25))))
    result = run("log", "Sam Lee", data=store.folder)
    assert result.returncode == 1
    assert result.stderr.count("(Sam Lee)") == 20
    assert "… and 5 more" in result.stderr
