"""Crashes during a save: a writer SIGKILLed at random moments, or dying at each I/O call.

After every crash each file loads and holds exactly one version, old or new, never a mix or
a partial file; the store's references hold across files; the next writer is never blocked
by a stale lock; temp files left by a killed writer are cleared by the next save. The same
harness catches a naive writer (truncate, then write in place), which shows it can see the
bug it is looking for.

Rounds scale with NETPLAN_STRESS (see faults.py): `NETPLAN_STRESS=20 pytest -m slow`.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from faults_helpers import litter, rounds, store_bytes

from netplan.domain.routines import add_completions
from netplan.models import Contact, ContactBook, Interaction, Journal
from netplan.store import FILES, Store, decode, encode

CHILD = Path(__file__).with_name("crash_child.py")
DAY = date(2026, 11, 23)  # crash_child.DAY
TODAY = "2026-11-25"
SEED = int(os.environ.get("NETPLAN_CRASH_SEED", "0")) or random.randrange(1 << 30)


class Server:
    """crash_child.py, started once; each request forks a writer there."""

    def __init__(self, log: Path) -> None:
        self.log = log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )
        self.log_path = log

    def run(self, request: dict, kill_after: float | None = None) -> int:
        """Fork a writer; SIGKILL it after kill_after seconds; its wait status."""
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, f"the crash child died: {self.log_path.read_text()}"
        pid = json.loads(line)["pid"]
        if kill_after is not None:
            time.sleep(kill_after)
            os.kill(pid, signal.SIGKILL)
        return json.loads(self.proc.stdout.readline())["status"]

    def close(self) -> None:
        assert self.proc.stdin
        self.proc.stdin.close()
        self.proc.wait(10)
        self.log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = Server(tmp_path_factory.mktemp("crash") / "child.log")
    yield server
    server.close()


@pytest.fixture
def rng() -> random.Random:
    print(f"crash test seed: NETPLAN_CRASH_SEED={SEED}")
    return random.Random(SEED)


def killed(status: int) -> bool:
    return os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL


def assert_not_locked(folder: Path) -> None:
    started = time.monotonic()
    with Store(folder).lock(timeout=2):
        pass
    assert time.monotonic() - started < 1.5, "a killed writer left the lock held"


def new_store(folder: Path) -> Store:
    store = Store(folder)
    store.ensure()
    return store


def two_books(size: int) -> tuple[bytes, bytes]:
    """contacts.toml with `size` contacts, and the same people with new notes (B)."""
    people = [
        Contact(id=f"person-{n}", name=f"Person {n}", company="Acme", created=DAY)
        for n in range(size)
    ]
    a = ContactBook(contacts=people)
    b = ContactBook(
        contacts=[
            p.model_copy(update={"notes": f"Met again, round {n}"}) for n, p in enumerate(people)
        ]
    )
    return encode(a), encode(b)


def kill_loop(
    server: Server, folder: Path, writer: str, versions: list[Path], n: int, rng: random.Random
) -> tuple[list[str], int]:
    """SIGKILL a writer of contacts.toml n times; the rounds whose file was neither version."""
    allowed = {p.read_bytes() for p in versions}
    (folder / "contacts.toml").write_bytes(versions[0].read_bytes())
    bad = []
    for number in range(n):
        request = {"writer": writer, "folder": str(folder), "versions": [str(p) for p in versions]}
        status = server.run(request, kill_after=rng.uniform(0.002, 0.03))
        assert killed(status), f"the {writer} writer ended by itself ({status}); see the log"
        data = (folder / "contacts.toml").read_bytes()
        if data not in allowed:
            bad.append(f"round {number}: {len(data)} bytes, neither version")
        assert_not_locked(folder)
    return bad, n


@pytest.mark.slow
def test_the_harness_catches_a_naive_writer(
    tmp_path: Path, server: Server, rng: random.Random
) -> None:
    """Truncate-then-write in place: killed mid-write, the file is empty or cut short."""
    store = new_store(tmp_path / "store")
    a, b = two_books(1500)
    (tmp_path / "a.toml").write_bytes(a)
    (tmp_path / "b.toml").write_bytes(b)
    bad, tried = kill_loop(
        server, store.folder, "naive", [tmp_path / "a.toml", tmp_path / "b.toml"], rounds(12), rng
    )
    print(f"the naive writer left a broken file after {len(bad)} of {tried} kills")
    assert bad, f"the naive writer survived {tried} kills: the harness cannot see the bug"


@pytest.mark.slow
def test_atomic_write_killed_at_random_leaves_a_whole_version(
    tmp_path: Path, server: Server, rng: random.Random
) -> None:
    store = new_store(tmp_path / "store")
    a, b = two_books(1500)
    (tmp_path / "a.toml").write_bytes(a)
    (tmp_path / "b.toml").write_bytes(b)
    bad, tried = kill_loop(
        server, store.folder, "atomic", [tmp_path / "a.toml", tmp_path / "b.toml"], rounds(25), rng
    )
    assert bad == [], f"{len(bad)} of {tried} kills left a broken file: {bad[:5]}"
    decode("contacts", (store.folder / "contacts.toml").read_bytes())
    # Killed writers leave their temp files; the next save (under the lock) clears them.
    again = Store(store.folder)
    again.read_contacts()
    again.save(contacts=ContactBook(contacts=[Contact(id="x", name="X")]))
    assert litter(store.folder) == []


@pytest.mark.slow
def test_check_offs_killed_at_random_never_lose_or_mix_a_version(
    tmp_path: Path, server: Server, rng: random.Random
) -> None:
    store = new_store(tmp_path / "store")
    base = store.read_plan()
    expected = {0: encode(base)}
    last = 0
    for number in range(rounds(40)):
        status = server.run(
            {"writer": "checkoffs", "folder": str(store.folder)},
            kill_after=rng.uniform(0.005, 0.06),
        )
        assert killed(status), f"the writer ended by itself ({status}); see the log"
        data = (store.folder / "plan.toml").read_bytes()
        count = decode("plan", data).completions.get(DAY, {}).get("engage-posts", 0)
        if count not in expected:
            expected[count] = encode(add_completions(base, "engage-posts", DAY, count))
        assert data == expected[count], f"round {number}: plan.toml is not a whole version"
        assert count >= last, f"round {number}: {count} check-offs, {last} before: one was lost"
        last = count
        assert_not_locked(store.folder)
        Store(store.folder).load()
    # Kills should land in a running loop, not before its first save.
    assert last >= rounds(40) // 2, f"only {last} saves in {rounds(40)} rounds"
    for backup in store.backups("plan"):
        decode("plan", backup.read_bytes())  # every backup is a whole version too
    print(f"{last} check-offs saved in {rounds(40)} rounds, litter left: {litter(store.folder)}")
    again = Store(store.folder)
    again.save(plan=add_completions(again.read_plan(), "engage-posts", DAY, 1))
    assert litter(store.folder) == []


# --- dying at each I/O call of a save of two files ---------------------------------------


def people_versions(folder: Path) -> list[dict[str, Path]]:
    """With and without a contact who has journal entries (a delete, then its undo)."""
    keep = [Contact(id=f"c-{n}", name=f"Contact {n}") for n in range(5)]
    gone = Contact(id="leaving", name="Leaving Soon")
    journal = [Interaction(id=f"i-{n}", contact=f"c-{n % 5}", on=DAY) for n in range(8)]
    theirs = [Interaction(id=f"j-{n}", contact="leaving", on=DAY) for n in range(3)]
    versions = []
    for label, contacts, interactions in (
        ("with", [*keep, gone], journal + theirs),
        ("without", keep, journal),
    ):
        files = {}
        for name, model in (
            ("contacts", ContactBook(contacts=contacts)),
            ("journal", Journal(interactions=interactions)),
        ):
            path = folder / f"{label}-{name}.toml"
            path.write_bytes(encode(model))
            files[name] = path
        versions.append(files)
    return versions


@pytest.mark.parametrize("direction", ["delete", "undo"])
def test_dying_at_each_io_call_of_a_two_file_save_leaves_a_loadable_store(
    tmp_path: Path, server: Server, direction: str
) -> None:
    """SQLite's crash test: the save dies at its 1st, 2nd … I/O call; the store must load
    (an interaction never names a contact that is not there) and each file be whole."""
    versions = people_versions(tmp_path)
    start, goal = (0, 1) if direction == "delete" else (1, 0)
    template = new_store(tmp_path / "template")
    template.load()
    template.save(**{n: decode(n, p.read_bytes()) for n, p in versions[start].items()})
    allowed = {
        n: {versions[0][n].read_bytes(), versions[1][n].read_bytes()}
        for n in ("contacts", "journal")
    }
    request = {
        "writer": "die_at",
        "versions": [{k: str(v) for k, v in f.items()} for f in versions],
    }
    n = 0
    while True:
        n += 1
        folder = tmp_path / f"n{n}"
        shutil.copytree(template.folder, folder)
        status = server.run({**request, "folder": str(folder), "save": goal, "n": n})
        assert os.WIFEXITED(status), status
        if os.WEXITSTATUS(status) == 0:
            break  # the save made fewer than n calls
        assert os.WEXITSTATUS(status) == 137, f"the writer failed: see {server.log_path}"
        files = store_bytes(folder)
        for name in ("contacts", "journal"):
            assert files[FILES[name]] in allowed[name], (n, name)
        Store(folder).load()  # raises on a dangling reference
        assert_not_locked(folder)
    print(f"{direction}: died at each of {n - 1} I/O calls")
    assert n > 10
    assert store_bytes(folder) == {
        "plan.toml": store_bytes(template.folder)["plan.toml"],
        **{FILES[k]: v.read_bytes() for k, v in versions[goal].items()},
    }


# --- the real command, killed during an import of thousands of contacts -------------------


def linkedin_csv(path: Path, rows: int) -> None:
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for n in range(rows):
        lines.append(
            f"Ada{n},Lovelace,https://www.linkedin.com/in/ada-{n},,"
            f'"Engines, Ltd",Analyst,{n % 28 + 1:02d} Mar 2024'
        )
    path.write_text("Notes:\r\nSome preamble.\r\n\r\n" + "\r\n".join(lines) + "\r\n")


def run_import(folder: Path, csv: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETPLAN_")}
    env.update(NETPLAN_DATA=str(folder), NETPLAN_TODAY=TODAY)
    return subprocess.Popen(
        [sys.executable, "-m", "netplan", "import", "linkedin", str(csv)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_an_import_killed_at_random_leaves_the_old_or_the_new_contacts(
    tmp_path: Path, rng: random.Random
) -> None:
    csv = tmp_path / "Connections.csv"
    linkedin_csv(csv, 1500)
    template = new_store(tmp_path / "template").folder
    old = (template / "contacts.toml").read_bytes()
    # One import to the end: the new file, and how long an import takes here.
    done = tmp_path / "done"
    shutil.copytree(template, done)
    started = time.monotonic()
    child = run_import(done, csv)
    assert child.wait(120) == 0, child.stderr.read() if child.stderr else ""
    took = time.monotonic() - started
    new = (done / "contacts.toml").read_bytes()
    assert len(decode("contacts", new).contacts) == 1500
    outcomes = {"old": 0, "new": 0}
    for number in range(rounds(5)):
        folder = Path(tempfile.mkdtemp(dir=tmp_path))
        shutil.rmtree(folder)
        shutil.copytree(template, folder)
        child = run_import(folder, csv)
        # The save comes last: aim most kills at the end of the run.
        time.sleep(rng.uniform(0.5, 1.1) * took)
        child.kill()
        child.wait(30)
        data = (folder / "contacts.toml").read_bytes()
        assert data in (old, new), f"round {number}: contacts.toml is neither version"
        outcomes["old" if data == old else "new"] += 1
        Store(folder).load()
        assert_not_locked(folder)
    print(
        f"import killed {sum(outcomes.values())} times: {outcomes}, a full import took {took:.2f} s"
    )
