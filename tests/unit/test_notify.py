"""`netplan notify`: once a day per item, state per machine outside the store, delivery through
notify-send stand-ins on PATH or `--command`; and the systemd and launchd files in contrib/."""

from __future__ import annotations

import json
import os
import plistlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import TODAY, files, run
from factories import D, book, contact, interaction, journal, plan

from netplan.store import Store

CONTRIB = Path(__file__).resolve().parents[2] / "contrib"
EVIL = "Eve \x1b[31m<b>&</b>\nRed"


def _store(folder: Path, *contacts, interactions=()) -> Path:
    store = Store(folder)
    store.ensure()
    store.load()
    store.save(
        plan=plan(),  # no routines: the tests count follow-ups, promises and milestones
        contacts=book(*contacts),
        journal=journal(*interactions),
    )
    return folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return _store(
        tmp_path / "store",
        contact("jane-doe", name="Jane Doe", follow_up=D("2026-11-20")),
        contact(
            "mia",
            name="Mia Wong",
            milestones=[{"label": "Birthday", "date": D("1990-11-25"), "yearly": True}],
        ),
        contact("sam", name="Sam Lee", follow_up=D("2026-11-28")),  # not within --days 0
    )


def _stand_in(bin_dir: Path, name: str = "notify-send", status: int = 0) -> Path:
    """A notifier that appends its arguments (one JSON list a call) to bin_dir/calls.jsonl."""
    bin_dir.mkdir(exist_ok=True)
    script = bin_dir / name
    calls = bin_dir / "calls.jsonl"
    script.write_text(
        f"#!{sys.executable}\nimport json, sys\n"
        f"with open({str(calls)!r}, 'a', encoding='utf-8') as f:\n"
        "    f.write(json.dumps(sys.argv[1:]) + '\\n')\n"
        f"sys.exit({status})\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return calls


def _calls(calls: Path) -> list[list[str]]:
    if not calls.exists():
        return []
    return [json.loads(line) for line in calls.read_text(encoding="utf-8").splitlines()]


def _env(tmp_path: Path, bin_dir: Path | None = None, **extra: str) -> dict[str, str]:
    path = os.environ.get("PATH", os.defpath)
    env = {"NETPLAN_STATE": str(tmp_path / "state")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{path}" if bin_dir else path
    env.update(extra)
    return env


def _in_store(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_one_notification_then_nothing_new_the_same_day(folder: Path, tmp_path: Path) -> None:
    calls = _stand_in(tmp_path / "bin")
    env = _env(tmp_path, tmp_path / "bin")
    before, listing = files(folder), _in_store(folder)
    result = run("notify", data=folder, env=env)
    assert result.returncode == 0, result.stderr
    assert "notified 2 items (notify-send)" in result.stdout
    [call] = _calls(calls)
    assert call[:2] == ["--app-name=netplan", "--"]
    summary, body = call[2:]
    assert summary == "netplan: 1 overdue, 1 today"
    assert body.split("\n") == [
        "Follow up with Jane Doe: 5 days overdue (2026-11-20)",
        "Birthday: Mia Wong, today",
    ]
    # The state is per machine, outside the store; the store is left byte for byte.
    assert files(folder) == before and _in_store(folder) == listing
    [state] = (tmp_path / "state").glob("notified-*.json")
    assert json.loads(state.read_text())["day"] == TODAY

    again = run("notify", data=folder, env=env)
    assert again.returncode == 0, again.stderr
    assert "nothing new" in again.stdout
    assert len(_calls(calls)) == 1

    # The next day starts afresh: what is still due is notified once more.
    tomorrow = run("notify", data=folder, env={**env, "NETPLAN_TODAY": "2026-11-26"})
    assert tomorrow.returncode == 0, tomorrow.stderr
    assert _calls(calls)[-1][2] == "netplan: 1 overdue"


def test_only_items_not_yet_notified_today(folder: Path, tmp_path: Path) -> None:
    calls = _stand_in(tmp_path / "bin")
    env = _env(tmp_path, tmp_path / "bin")
    assert run("notify", data=folder, env=env).returncode == 0
    wider = run("notify", "--days", "3", data=folder, env=env)  # brings in Sam's follow-up
    assert wider.returncode == 0, wider.stderr
    assert "notified 1 item (notify-send)" in wider.stdout
    assert _calls(calls)[-1][2:] == [
        "netplan: 1 soon",
        "Follow up with Sam Lee: due in 3 days (2026-11-28)",
    ]
    # A follow-up moved to another day is a new item.
    store = Store(folder)
    snapshot = store.load()
    moved = snapshot.contacts.model_copy(deep=True)
    moved.contacts[0].follow_up = D("2026-11-21")
    store.save(contacts=moved)
    result = run("notify", "--days", "3", data=folder, env=env)
    assert "notified 1 item" in result.stdout
    assert "4 days overdue (2026-11-21)" in _calls(calls)[-1][3]


def test_a_failed_delivery_marks_nothing(folder: Path, tmp_path: Path) -> None:
    _stand_in(tmp_path / "broken", status=1)
    failed = run("notify", data=folder, env=_env(tmp_path, tmp_path / "broken"))
    assert failed.returncode == 1
    assert "notify-send exited with status 1; nothing was marked as notified" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert not list((tmp_path / "state").glob("*.json"))
    calls = _stand_in(tmp_path / "bin")
    result = run("notify", data=folder, env=_env(tmp_path, tmp_path / "bin"))
    assert result.returncode == 0 and "notified 2 items" in result.stdout
    assert len(_calls(calls)) == 1


def test_no_notifier_on_path_exits_1_and_says_what_to_do(folder: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("notify", data=folder, env={**_env(tmp_path), "PATH": str(empty)})
    assert result.returncode == 1
    assert "no desktop notifier found" in result.stderr and "--command" in result.stderr
    assert not list((tmp_path / "state").glob("*.json"))


def test_osascript_when_there_is_no_notify_send(folder: Path, tmp_path: Path) -> None:
    calls = _stand_in(tmp_path / "bin", "osascript")
    env = {**_env(tmp_path), "PATH": str(tmp_path / "bin")}
    result = run("notify", data=folder, env=env)
    assert result.returncode == 0, result.stderr
    [call] = _calls(calls)
    assert "on run argv" in call and call[-2] == "netplan: 1 overdue, 1 today"


def test_nothing_due_no_notification_exit_0(tmp_path: Path) -> None:
    folder = _store(tmp_path / "store", contact("far", name="Far", follow_up=D("2027-01-01")))
    calls = _stand_in(tmp_path / "bin")
    result = run("notify", data=folder, env=_env(tmp_path, tmp_path / "bin"))
    assert result.returncode == 0, result.stderr
    assert _calls(calls) == []
    hook = run("notify", "--command", f"touch {tmp_path / 'ran'}", data=folder, env=_env(tmp_path))
    assert hook.returncode == 0 and not (tmp_path / "ran").exists()


def test_command_gets_the_new_items_as_due_json(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "hook.json"
    command = f"cat > '{out}'"
    env = _env(tmp_path)
    result = run("notify", "--command", command, data=folder, env=env)
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    full = json.loads(run("due", "--json", "--days", "0", data=folder).stdout)
    assert data == full  # all new: the same object `due --json` prints
    assert [f["contact"] for f in data["followups"]] == ["jane-doe"]
    assert [m["label"] for m in data["milestones"]] == ["Birthday"]

    out.unlink()
    again = run("notify", "--command", command, data=folder, env=env)
    assert again.returncode == 0 and not out.exists()  # nothing new: the command does not run

    wider = run("notify", "--days", "3", "--command", command, data=folder, env=env)
    assert wider.returncode == 0, wider.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [f["contact"] for f in data["followups"]] == ["sam"]
    assert data["milestones"] == [] and data["promises"] == [] and data["routines"] == []
    assert list(data) == list(full)


def test_a_failing_command_exits_1_and_marks_nothing(folder: Path, tmp_path: Path) -> None:
    env = _env(tmp_path)
    failed = run("notify", "--command", "cat > /dev/null; exit 3", data=folder, env=env)
    assert failed.returncode == 1
    assert "--command exited with status 3" in failed.stderr
    assert "nothing was marked as notified" in failed.stderr
    out = tmp_path / "hook.json"
    result = run("notify", "--command", f"cat > '{out}'", data=folder, env=env)
    assert result.returncode == 0
    assert len(json.loads(out.read_text())["followups"]) == 1


def test_channels_and_stores_do_not_mix(folder: Path, tmp_path: Path) -> None:
    calls = _stand_in(tmp_path / "bin")
    env = _env(tmp_path, tmp_path / "bin")
    out = tmp_path / "hook.json"
    assert run("notify", "--command", f"cat > '{out}'", data=folder, env=env).returncode == 0
    # The desktop has not been told yet: a hook does not use up the desktop's notification.
    assert "notified 2 items" in run("notify", data=folder, env=env).stdout
    other = _store(tmp_path / "other", contact("jane-doe", name="Jane Doe", follow_up=D(TODAY)))
    result = run("notify", data=other, env=env)
    assert result.returncode == 0 and "notified 1 item" in result.stdout
    assert len(_calls(calls)) == 2
    assert len(list((tmp_path / "state").glob("notified-*.json"))) == 2
    # The state does not write the hook's command line down (it may hold a token).
    for state in (tmp_path / "state").glob("notified-*.json"):
        assert "hook.json" not in state.read_text()


def test_names_reach_the_notifier_as_plain_safe_text(tmp_path: Path) -> None:
    folder = _store(
        tmp_path / "store",
        contact("eve", name=EVIL, follow_up=D("2026-11-24")),
        interactions=[
            interaction("eve", "2026-11-01", promise="-x --help", follow_up=D("2026-11-24"))
        ],
    )
    calls = _stand_in(tmp_path / "bin")
    result = run("notify", data=folder, env=_env(tmp_path, tmp_path / "bin"))
    assert result.returncode == 0, result.stderr
    [call] = _calls(calls)
    body = call[3]
    assert "\x1b" not in body and body.count("\n") == 1
    # notify-send's body may be read as markup: it is escaped, so a name stays a name.
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in body and "<b>" not in body
    assert "-x --help" in body
    hook = tmp_path / "hook.json"
    run("notify", "--command", f"cat > '{hook}'", data=folder, env=_env(tmp_path))
    assert json.loads(hook.read_text(encoding="utf-8"))["followups"][0]["name"] == EVIL


def test_an_unreadable_state_is_replaced_with_a_warning(folder: Path, tmp_path: Path) -> None:
    calls = _stand_in(tmp_path / "bin")
    env = _env(tmp_path, tmp_path / "bin")
    assert run("notify", data=folder, env=env).returncode == 0
    [state] = (tmp_path / "state").glob("notified-*.json")
    state.write_text("{not json")
    result = run("notify", data=folder, env=env)
    assert result.returncode == 0
    assert "warning: ignoring" in result.stderr and "not valid JSON" in result.stderr
    assert len(_calls(calls)) == 2
    assert json.loads(state.read_text())["day"] == TODAY


def test_a_state_folder_that_cannot_be_made_changes_nothing(folder: Path, tmp_path: Path) -> None:
    calls = _stand_in(tmp_path / "bin")
    blocker = tmp_path / "file"
    blocker.write_text("")
    env = _env(tmp_path, tmp_path / "bin", NETPLAN_STATE=str(blocker / "state"))
    result = run("notify", data=folder, env=env)
    assert result.returncode == 1
    assert "cannot create" in result.stderr and "Traceback" not in result.stderr
    assert _calls(calls) == []  # not notified when it could not be remembered


def test_usage_errors_exit_2(folder: Path, tmp_path: Path) -> None:
    for args in (["--days", "x"], ["--command", "  "], ["--json"]):
        result = run("notify", *args, data=folder, env=_env(tmp_path))
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_the_state_folder_defaults_to_the_users_state_folder() -> None:
    import platformdirs

    from netplan.cli.notify import state_folder

    assert state_folder({}) == Path(platformdirs.user_state_dir("netplan", appauthor=False))
    assert state_folder({"NETPLAN_STATE": "/x/y"}) == Path("/x/y")


# --- contrib/ ---------------------------------------------------------------------------


def _unit(path: Path) -> dict[str, dict[str, list[str]]]:
    """A systemd unit file as sections of key = [values] (keys may repeat); fails on a line
    that is neither a comment, a section header nor key=value."""
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped[0] in "#;":
            continue
        header = re.fullmatch(r"\[([A-Za-z]+)\]", stripped)
        if header:
            current = sections.setdefault(header.group(1), {})
            continue
        match = re.fullmatch(r"([A-Za-z][A-Za-z0-9]*)=(.*)", stripped)
        assert match and current is not None, f"{path.name}, line {number}: {line!r}"
        current.setdefault(match.group(1), []).append(match.group(2))
    return sections


def test_systemd_units_parse_with_the_expected_sections() -> None:
    service = _unit(CONTRIB / "systemd" / "netplan-notify.service")
    assert set(service) == {"Unit", "Service"}
    assert service["Service"]["Type"] == ["oneshot"]
    [start] = service["Service"]["ExecStart"]
    assert start.startswith("/") or start.startswith("%h/")
    assert start.split()[1:] == ["notify"]
    timer = _unit(CONTRIB / "systemd" / "netplan-notify.timer")
    assert set(timer) == {"Unit", "Timer", "Install"}
    assert timer["Timer"]["OnCalendar"] == ["*-*-* 08..21:00/30:00"]
    assert timer["Install"]["WantedBy"] == ["timers.target"]
    analyze = shutil.which("systemd-analyze")
    if analyze:
        result = subprocess.run(
            [analyze, "calendar", "--iterations=3", timer["Timer"]["OnCalendar"][0]],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr


def test_systemd_units_verify_where_systemd_analyze_is(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        pytest.skip("systemd-analyze is not installed")
    for name in ("netplan-notify.service", "netplan-notify.timer"):
        text = (CONTRIB / "systemd" / name).read_text(encoding="utf-8")
        # The unit names ~/.local/bin/netplan, which a test machine may not have.
        (tmp_path / name).write_text(text.replace("%h/.local/bin/netplan", "/bin/true"))
    result = subprocess.run(
        [analyze, "verify", str(tmp_path / "netplan-notify.timer")],
        capture_output=True,
        text=True,
    )
    if "Failed to initialize manager" in result.stderr:
        pytest.skip(f"systemd-analyze cannot run here: {result.stderr.strip()}")
    assert result.returncode == 0, result.stderr


def test_launchd_agent_is_a_valid_plist() -> None:
    path = CONTRIB / "launchd" / "com.netplan.notify.plist"
    with path.open("rb") as f:
        agent = plistlib.load(f)  # XML, well formed, and a property list
    assert agent["Label"] == "com.netplan.notify" == path.stem
    program = agent["ProgramArguments"]
    assert all(isinstance(a, str) for a in program) and program[-1].endswith('netplan" notify')
    times = agent["StartCalendarInterval"]
    assert {(t["Hour"], t["Minute"]) for t in times} == {
        (h, m) for h in range(8, 22) for m in (0, 30)
    }
