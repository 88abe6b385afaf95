"""`netplan sync vdir` against the real tools: vdirsyncer (filesystem storage to filesystem
storage, the second folder standing for the CardDAV/CalDAV server), khard reading the cards
and todoman reading (and completing) the tasks. Each test is skipped, saying why, when its
tool is not installed.

With NETPLAN_SYNC_TRANSCRIPT=FILE the round trip writes what it ran and what each tool
printed to FILE (Markdown), for the documentation.
"""

from __future__ import annotations

import io
import os
import shlex
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from factories import book, contact, interaction, journal, sync_main

from netplan.store import Store
from netplan.sync.card_reading import read_card
from netplan.sync.tasks import read_task

TODAY = "2026-11-25"
D = date.fromisoformat
BIN = str(Path(sys.executable).parent)  # the virtual environment's tools


def tool(name: str, package: str) -> str:
    found = shutil.which(name, path=os.pathsep.join([BIN, os.environ.get("PATH", "")]))
    if found is None:
        pytest.skip(f"{name} is not installed (pip install {package}); real-tool test skipped")
    return found


class Session:
    """A temporary HOME, the store, the vdir, the 'server' folder, and a log of what ran."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.home = root / "home"
        self.home.mkdir()
        self.store = root / "store"
        self.vdir = root / "vdir"
        self.server = root / "server"
        self.log: list[str] = []
        self.env = {
            "PATH": os.pathsep.join([BIN, os.environ.get("PATH", "")]),
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_DATA_HOME": str(self.home / ".local/share"),
            "XDG_CACHE_HOME": str(self.home / ".cache"),
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TZ": "UTC",
        }

    def show(self, text: str) -> str:
        return text.replace(str(self.root), "/tmp/demo").replace("\r\n", "\n")

    def run(self, *argv: str, check: bool = True) -> str:
        result = subprocess.run(
            list(argv),
            env=self.env,
            cwd=self.root,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=120,
        )
        output = result.stdout + result.stderr
        shown = shlex.join(Path(a).name if a.startswith(BIN) else a for a in argv)
        self.log.append(f"$ {self.show(shown)}\n{self.show(output).rstrip()}".rstrip())
        if check:
            assert result.returncode == 0, output
        return output

    def netplan(self, *argv: str) -> str:
        out = io.StringIO()
        env = {"NETPLAN_DATA": str(self.store), "NETPLAN_TODAY": TODAY}
        status = sync_main(list(argv), env, out)
        shown = shlex.join(argv)
        self.log.append(f"$ netplan {self.show(shown)}\n{self.show(out.getvalue()).rstrip()}")
        assert status == 0
        return out.getvalue()

    def note(self, text: str) -> None:
        self.log.append(f"# {text}")


def make_store(folder: Path) -> None:
    store = Store(folder)
    store.ensure()
    store.load()
    people = book(
        contact(
            "jane-doe",
            "Jane Doe",
            company="Acme",
            role="Head of Data",
            email="jane@example.com",
            handles={"linkedin": "https://www.linkedin.com/in/janedoe"},
            tags=["fintech", "mentor"],
            cadence_days=30,
            circle=15,
            follow_up=D("2026-12-01"),
            topics=["career goals", "hiking"],
            met_at="PyCon 2026",
            notes="Moving to Berlin in spring.",
            created=D("2026-01-10"),
            milestones=[{"label": "Birthday", "date": D("1990-04-12"), "yearly": True}],
        ),
        contact("sam-lee", "Sam Lee", company="Globex", cadence_days=14, created=D("2026-10-01")),
        contact("ola-nordmann", "Ola Nordmann", email="ola@example.no", created=D("2026-09-01")),
    )
    store.save(contacts=people, journal=journal(interaction("sam-lee", "2026-11-20")))


def vdirsyncer_config(session: Session) -> Path:
    status = session.root / "status"
    lines = ["[general]", f'status_path = "{status}"', ""]
    for what, ext in (("contacts", ".vcf"), ("tasks", ".ics")):
        lines += [
            f"[pair netplan_{what}]",
            f'a = "netplan_{what}_local"',
            f'b = "netplan_{what}_server"',
            "collections = null",
            "",
            f"[storage netplan_{what}_local]",
            'type = "filesystem"',
            f'path = "{session.vdir / what}"',
            f'fileext = "{ext}"',
            "",
            f"[storage netplan_{what}_server]",
            'type = "filesystem"',
            f'path = "{session.server / what}"',
            f'fileext = "{ext}"',
            "",
        ]
    config = session.root / "vdirsyncer.conf"
    config.write_text("\n".join(lines))
    return config


def todoman_config(session: Session, tasks: Path) -> Path:
    config = session.root / f"todoman-{tasks.parent.name}.py"  # todoman reads Python
    config.write_text(
        f'path = "{tasks}"\ndate_format = "%Y-%m-%d"\ntime_format = "%H:%M"\n'
        f'default_list = "{tasks.name}"\ncache_path = "{session.root / "todoman.cache"}"\n'
        "humanize = False\n"
    )
    return config


def khard_config(session: Session) -> Path:
    config = session.root / "khard.conf"
    config.write_text(
        "[addressbooks]\n[[netplan]]\n"
        f"path = {session.vdir / 'contacts'}\n\n"
        "[general]\ndefault_action = list\neditor = /bin/true\nmerge_editor = /bin/true\n"
    )
    return config


PHONE_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:4F3A-9C21@phone.example\r\nFN:Nadia Haddad\r\n"
    "N:Haddad;Nadia;;;\r\nEMAIL;TYPE=INTERNET:nadia@example.org\r\n"
    "TEL;TYPE=CELL:+44 20 7946 0000\r\nORG:Lumen Labs\r\nNICKNAME:Nad\r\n"
    "NOTE:Met at the Berlin meetup\\, wants an intro to a CTO\r\nEND:VCARD\r\n"
)


def by_id(folder: Path) -> dict:
    return {c.id: c for c in Store(folder).load().contacts.contacts}


def test_a_vdirsyncer_round_trip_brings_both_sides_changes_in_one_sync(tmp_path: Path) -> None:
    vdirsyncer = tool("vdirsyncer", "vdirsyncer")
    todo = tool("todo", "todoman")
    session = Session(tmp_path)
    make_store(session.store)
    for what in ("contacts", "tasks"):
        (session.server / what).mkdir(parents=True)
    config = str(vdirsyncer_config(session))
    server_todo = str(todoman_config(session, session.server / "tasks"))

    session.note("netplan writes the vdir; vdirsyncer copies it to the server")
    session.netplan("sync", "vdir", str(session.vdir))
    session.run("cat", str(session.vdir / "contacts/jane-doe.vcf"))
    session.run("cat", str(session.vdir / "tasks/followup-jane-doe.ics"))
    session.run(vdirsyncer, "--config", config, "discover")
    session.run(vdirsyncer, "--config", config, "sync")
    assert sorted(os.listdir(session.server / "contacts")) == [
        "jane-doe.vcf",
        "ola-nordmann.vcf",
        "sam-lee.vcf",
    ]

    session.note("on the server (a phone): edit a card, add one, complete a task with todoman")
    server_cards = session.server / "contacts"
    session.run(
        "sed",
        "-i",
        "s/^TITLE:Head of Data/TITLE:Chief Data Officer/",
        str(server_cards / "jane-doe.vcf"),
    )
    phone = session.root / "from-the-phone.vcf"
    phone.write_text(PHONE_CARD, newline="")
    session.run("cat", str(phone))
    session.run("cp", str(phone), str(server_cards / "4F3A-9C21@phone.example.vcf"))
    listed = session.run(todo, "--config", server_todo, "list")
    assert "Follow up with Sam Lee" in listed and "Follow up with Jane Doe" in listed
    number = next(
        line.split()[2] for line in listed.splitlines() if "Follow up with Sam Lee" in line
    )
    session.run(todo, "--config", server_todo, "done", number)
    session.run(vdirsyncer, "--config", config, "sync")

    session.note("netplan takes in all three in one sync")
    out = session.netplan("sync", "vdir", str(session.vdir))
    session.netplan("due", "--days", "30")
    assert "updated Jane Doe from its card: role" in out
    assert "added Nadia Haddad" in out
    assert "logged the follow-up with Sam Lee done there" in out
    people = by_id(session.store)
    assert people["jane-doe"].role == "Chief Data Officer"
    assert people["jane-doe"].cadence_days == 30 and people["jane-doe"].circle == 15
    assert people["nadia-haddad"].company == "Lumen Labs"
    logged = [i for i in Store(session.store).load().journal.interactions if i.contact == "sam-lee"]
    assert [(i.kind.value, i.exchange.value) for i in logged[1:]] == [("other", "neutral")]

    session.note("a change in netplan goes the other way")
    session.netplan("log", "Ola", "--kind", "coffee", "--gave", "--follow-up", "2026-12-10")
    session.netplan("sync", "vdir", str(session.vdir))
    session.run(vdirsyncer, "--config", config, "sync")
    ola = read_card((session.server / "contacts/ola-nordmann.vcf").read_bytes(), "ola.vcf")
    assert ola.fields["follow_up"] == "2026-12-10"
    task = read_task((session.server / "tasks/followup-ola-nordmann.ics").read_bytes(), D(TODAY))
    assert task.due == D("2026-12-10") and task.summary == "Follow up with Ola Nordmann"
    nadia = next(
        read_card(p.read_bytes(), p.name)
        for p in (session.server / "contacts").iterdir()
        if b"Nadia" in p.read_bytes()
    )
    assert nadia.uid == "4F3A-9C21@phone.example" and nadia.ident == "nadia-haddad"
    assert b"NICKNAME:Nad" in next(
        p.read_bytes()
        for p in (session.server / "contacts").iterdir()
        if b"Nadia" in p.read_bytes()
    )
    task = read_task((session.server / "tasks/followup-sam-lee.ics").read_bytes(), D(TODAY))
    assert not task.done and task.due is not None and task.due > D(TODAY)
    listed = session.run(todo, "--config", server_todo, "list")
    assert "Follow up with Sam Lee" in listed and "Follow up with Ola Nordmann" in listed

    session.note("nothing changed: netplan writes nothing, vdirsyncer copies nothing")
    before = {
        str(p): p.read_bytes()
        for p in sorted(tmp_path.rglob("*"))
        if p.is_file() and "store" in p.parts
    }
    vdir_before = {str(p): p.read_bytes() for p in sorted(session.vdir.rglob("*")) if p.is_file()}
    out = session.netplan("sync", "vdir", str(session.vdir))
    assert "nothing changed" in out
    synced = session.run(vdirsyncer, "--config", config, "sync")
    assert "Copying" not in synced and "Deleting" not in synced
    after = {
        str(p): p.read_bytes()
        for p in sorted(tmp_path.rglob("*"))
        if p.is_file() and "store" in p.parts
    }
    assert {k: v for k, v in after.items() if ".netplan.lock" not in k} == {
        k: v for k, v in before.items() if ".netplan.lock" not in k
    }
    assert {str(p): p.read_bytes() for p in sorted(session.vdir.rglob("*")) if p.is_file()} == (
        vdir_before
    )
    transcript = os.environ.get("NETPLAN_SYNC_TRANSCRIPT")
    if transcript:
        Path(transcript).write_text("\n\n".join(session.log) + "\n")


def test_khard_lists_and_shows_netplans_contacts(tmp_path: Path) -> None:
    khard = tool("khard", "khard")
    session = Session(tmp_path)
    make_store(session.store)
    session.netplan("sync", "vdir", str(session.vdir))
    config = str(khard_config(session))
    listed = session.run(khard, "-c", config, "list", "--parsable")
    rows = sorted(line.split("\t")[:2] for line in listed.splitlines() if line.strip())
    assert rows == [
        ["jane-doe", "Jane Doe"],
        ["ola-nordmann", "Ola Nordmann"],
        ["sam-lee", "Sam Lee"],
    ]
    shown = session.run(khard, "-c", config, "show", "--format", "yaml", "Jane Doe")
    for text in ("Jane Doe", "Acme", "Head of Data", "jane@example.com", "fintech", "1990-04-12"):
        assert text in shown
    emails = session.run(khard, "-c", config, "email", "--parsable", "Ola")
    assert "ola@example.no" in emails


def test_todoman_lists_the_follow_up_tasks(tmp_path: Path) -> None:
    todo = tool("todo", "todoman")
    session = Session(tmp_path)
    make_store(session.store)
    session.netplan("sync", "vdir", str(session.vdir))
    config = str(todoman_config(session, session.vdir / "tasks"))
    listed = session.run(todo, "--config", config, "list")
    assert "Follow up with Jane Doe" in listed and "2026-12-01" in listed
    assert "Follow up with Sam Lee" in listed and "2026-12-04" in listed  # 11-20 + 14 days
    assert "Ola Nordmann" not in listed  # no cadence, no follow-up: no task
    shown = session.run(todo, "--config", config, "--porcelain", "list")
    assert '"summary": "Follow up with Jane Doe"' in shown
