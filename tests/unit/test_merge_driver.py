"""`netplan merge-driver BASE OURS THEIRS PATH`, run by a real `git pull` between two clones
of a store: check-offs, logs and contact edits made on both machines end up in one store."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from cli_helpers import TODAY, run

from netplan.store import Store

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
STORE = "my store"  # a folder with a space: git passes such paths to the driver


def git(where: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "n",
        "GIT_AUTHOR_EMAIL": "n@example.com",
        "GIT_COMMITTER_NAME": "n",
        "GIT_COMMITTER_EMAIL": "n@example.com",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(where),
        "NETPLAN_TODAY": TODAY,
    }
    return subprocess.run(
        ["git", *args], cwd=where, env=env, capture_output=True, text=True, check=check
    )


@pytest.fixture
def clones(tmp_path: Path) -> tuple[Path, Path]:
    seed = tmp_path / "seed"
    seed.mkdir()
    git(seed, "init", "-q", "-b", "main")
    assert run("demo", data=seed / STORE).returncode == 0
    (seed / ".gitattributes").write_text("*.toml merge=netplan\n")
    (seed / ".gitignore").write_text(".backups/\n.netplan.lock\n")
    git(seed, "add", "-A")
    git(seed, "commit", "-qm", "demo")
    git(tmp_path, "clone", "-q", "--bare", "seed", "origin.git")
    machines = []
    for name in ("laptop", "desktop"):
        git(tmp_path, "clone", "-q", "origin.git", name)
        driver = f"{sys.executable} -m netplan merge-driver %O %A %B %P"
        git(tmp_path / name, "config", "merge.netplan.driver", driver)
        machines.append(tmp_path / name)
    return machines[0], machines[1]


def netplan(machine: Path, *args: str) -> None:
    result = run(*args, data=machine / STORE)
    assert result.returncode == 0, result.stderr


def test_git_pull_merges_check_offs_logs_and_edits_made_on_both_machines(
    clones: tuple[Path, Path],
) -> None:
    laptop, desktop = clones
    before = Store(laptop / STORE).load()
    engage = before.plan.completions.get(date.fromisoformat(TODAY), {}).get("engage-posts", 0)
    netplan(laptop, "check", "engage-posts")
    netplan(laptop, "log", "nadia", "--note", "Coffee on the laptop")
    netplan(laptop, "kept", "jonas")
    git(laptop, "commit", "-qam", "laptop")
    git(laptop, "push", "-q", "origin", "main")

    netplan(desktop, "check", "engage-posts", "--count", "2")
    netplan(desktop, "check", "share-resource")
    netplan(desktop, "log", "samuel", "--note", "Call from the desktop")  # same day: same id
    git(desktop, "commit", "-qam", "desktop")
    pulled = git(desktop, "pull", "--no-rebase", "-q", "origin", "main", check=False)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    assert git(desktop, "status", "--porcelain").stdout == ""

    merged = Store(desktop / STORE).load()  # loads: every reference holds
    today = merged.plan.completions[date.fromisoformat(TODAY)]
    assert today["engage-posts"] == engage + 3
    assert today["share-resource"] == 1
    notes = [i.note for i in merged.journal.interactions]
    assert "Coffee on the laptop" in notes and "Call from the desktop" in notes
    kept = [i for i in merged.journal.interactions if i.contact == "jonas-lindqvist" and i.kept]
    assert kept  # the laptop's kept promise arrived
    ids = [i.id for i in merged.journal.interactions]
    assert len(ids) == len(set(ids))


def test_a_field_changed_on_both_branches_keeps_ours_and_exits_1(tmp_path: Path) -> None:
    base = tmp_path / "base.toml"
    ours = tmp_path / "ours.toml"
    theirs = tmp_path / "theirs.toml"
    text = '[[contacts]]\nid = "jane"\nname = "Jane"\n# my comment\ncompany = "Acme"\n'
    base.write_text(text)
    ours.write_text(text.replace("Acme", "Mine"))
    theirs.write_text(text.replace("Acme", "Theirs") + 'role = "CTO"\n')
    result = run("merge-driver", str(base), str(ours), str(theirs), "contacts.toml")
    assert result.returncode == 1
    assert '"Theirs"' in result.stderr and "jane" in result.stderr
    merged = ours.read_text()
    assert 'company = "Mine"' in merged and 'role = "CTO"' in merged
    assert "# my comment" in merged  # ours' layout and comments stay


def test_an_invalid_side_fails_and_leaves_ours_as_it_was(tmp_path: Path) -> None:
    base, ours, theirs = (tmp_path / n for n in ("b.toml", "o.toml", "t.toml"))
    base.write_text("interactions = []\n")
    ours.write_text("interactions = []\n")
    theirs.write_text("[[interactions]]\nid = \n")
    result = run("merge-driver", str(base), str(ours), str(theirs), "journal.toml")
    assert result.returncode == 1 and "journal.toml (theirs)" in result.stderr
    assert ours.read_text() == "interactions = []\n"
    other = run("merge-driver", str(base), str(ours), str(theirs), "notes.toml")
    assert other.returncode == 2 and "not one of netplan's files" in other.stderr


def test_an_empty_base_is_a_two_way_merge(tmp_path: Path) -> None:
    base, ours, theirs = (tmp_path / n for n in ("b.toml", "o.toml", "t.toml"))
    base.write_text("")
    ours.write_text('[[contacts]]\nid = "a"\nname = "A"\n')
    theirs.write_text('[[contacts]]\nid = "b"\nname = "B"\n')
    result = run("merge-driver", str(base), str(ours), str(theirs), "contacts.toml")
    assert result.returncode == 0, result.stderr
    assert 'id = "a"' in ours.read_text() and 'id = "b"' in ours.read_text()
