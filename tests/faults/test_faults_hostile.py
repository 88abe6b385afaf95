"""Hostile input: broken store files through every command and the app's start, hostile
arguments, and fuzzed CSV and vCard files through the importers.

A broken file gives exit status 1 and a message naming the file and the place (line and
column, or entry and field), never a traceback, and no byte of the store changes.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from faults_helpers import backups, demo_store, rounds, store_bytes
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from netplan.cli import main
from netplan.importers import ImportFailed
from netplan.importers.merge import merge
from netplan.models import ContactBook
from netplan.store import Store, StoreError, decode, encode

TODAY = "2026-11-25"
FIFTY_MB = 50 * 1024 * 1024


def write(name: str, data: bytes) -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_bytes(data)


def folder_instead(name: str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        (folder / name).unlink()
        (folder / name).mkdir()
        (folder / name / "note.txt").write_text("a folder where a file should be")

    return make


def symlink_loop(name: str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        (folder / name).unlink()
        (folder / f"{name}.other").symlink_to(folder / name)
        (folder / name).symlink_to(folder / f"{name}.other")

    return make


_BIG_FILE = Path(tempfile.mkdtemp(prefix="netplan-hostile-")) / "big.toml"


def fifty_megabytes(folder: Path) -> None:
    """A log or an export saved over contacts.toml by mistake: 50 MB of text lines."""
    if not _BIG_FILE.exists():
        line = b"2026-11-25 10:00:00 INFO request served in 12 ms from cache\n"
        with open(_BIG_FILE, "wb") as handle:
            handle.write(b"[[contacts]]\n")
            handle.write(line * (FIFTY_MB // len(line)))
    (folder / "contacts.toml").unlink()
    os.link(_BIG_FILE, folder / "contacts.toml")  # written once, linked into each copy


# name -> (file, how to break it, what the message must say about the place)
CORPUS: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "syntax": (
        "plan.toml",
        write("plan.toml", b'schema_version = 1\n[settings\nweek_start = "monday"\n'),
        r"plan\.toml, line 2, column \d+: TOML syntax error",
    ),
    "wrong type": (
        "contacts.toml",
        write("contacts.toml", b'[[contacts]]\nid = "x"\nname = "X"\ncadence_days = "often"\n'),
        r'contacts\.toml, line 1: contact 1 \(id "x"\), field "cadence_days"',
    ),
    "unknown key": (
        "journal.toml",
        write(
            "journal.toml",
            b'[[interactions]]\nid = "i-1"\ncontact = "amara-okafor"\non = 2026-11-20\n'
            b'mood = "ok"\n',
        ),
        r'journal\.toml, line 1: interaction 1 \(id "i-1"\), field "mood": unknown key',
    ),
    "future schema": (
        "plan.toml",
        write("plan.toml", b"schema_version = 3\n"),
        r"plan\.toml: schema_version 3 was written by a newer netplan",
    ),
    "duplicate ids": (
        "contacts.toml",
        write(
            "contacts.toml",
            b'[[contacts]]\nid = "x"\nname = "A"\n[[contacts]]\nid = "x"\nname = "B"\n',
        ),
        r'contacts\.toml: two contacts share the id "x"',
    ),
    "dangling contact": (
        "journal.toml",
        write(
            "journal.toml", b'[[interactions]]\nid = "i-1"\ncontact = "ghost"\non = 2026-11-20\n'
        ),
        r'journal\.toml: interaction 1 \(id "i-1"\), field "contact": no contact .*"ghost"',
    ),
    "dangling routine": (
        "plan.toml",
        write("plan.toml", b'schema_version = 1\n[completions."2026-11-23"]\nnope = 1\n'),
        r'plan\.toml: completions\."2026-11-23", key "nope": no routine has the id "nope"',
    ),
    "number too large": (
        "plan.toml",
        write(
            "plan.toml",
            b'schema_version = 1\n[[routines]]\nid = "a"\ntitle = "A"\nperiod = "week"\n'
            b"target = 99999999999999999999\n",
        ),
        r'plan\.toml, line 2: routine 1 \(id "a"\), field "target": 9{20} is too large',
    ),
    "invalid utf-8": (
        "contacts.toml",
        write("contacts.toml", b'[[contacts]]\nid = "x"\nname = "J\xe9r\xf4me"\n'),
        r"contacts\.toml, line 3: not valid UTF-8",
    ),
    "nul bytes": (
        "journal.toml",
        write("journal.toml", b'[[interactions]]\nid = "i-1"\x00\x00\x00\n'),
        r"journal\.toml, line 2, column \d+: TOML syntax error",
    ),
    "empty": ("journal.toml", write("journal.toml", b""), r"journal\.toml holds no data"),
    "binary": (
        "plan.toml",
        write("plan.toml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64),
        r"plan\.toml, line 1: not valid UTF-8 \(byte 0x89\)",
    ),
    "utf-16": (
        "contacts.toml",
        write("contacts.toml", '\ufeff[[contacts]]\nid = "x"\n'.encode("utf-16-le")),
        r"contacts\.toml, line 1: not valid UTF-8",
    ),
    "folder": ("journal.toml", folder_instead("journal.toml"), r"journal\.toml is a folder"),
    "symlink loop": (
        "plan.toml",
        symlink_loop("plan.toml"),
        r"cannot read .*plan\.toml: Too many levels of symbolic links",
    ),
    "50 MB": ("contacts.toml", fifty_megabytes, r"contacts\.toml, line 2, column \d+: TOML syntax"),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    demo_store(folder / "store")
    (folder / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Analyst,12 Mar 2024\n"
    )
    (folder / "cards.vcf").write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Grace Hopper\nEND:VCARD\n")
    return folder


def commands(root: Path, out: Path) -> dict[str, list[str]]:
    return {
        "path": ["path"],
        "validate": ["validate"],
        "due": ["due"],
        "due --json": ["due", "--json"],
        "check": ["check", "eng"],
        "log": ["log", "amara", "--gave", "--note", "Coffee"],
        "demo": ["demo"],
        "import linkedin": ["import", "linkedin", str(root / "Connections.csv")],
        "import --dry-run": ["import", "linkedin", str(root / "Connections.csv"), "--dry-run"],
        "import vcard": ["import", "vcard", str(root / "cards.vcf")],
        "export ics": ["export", "ics", str(out / "f.ics")],
        "export csv": ["export", "csv", str(out / "csv")],
        "export json": ["export", "json", str(out / "f.json")],
        "restore --list": ["restore", "--list"],
    }


def snapshot(folder: Path) -> dict:
    """Every byte a command could change: the files, the backups, the folder's listing."""
    return {
        "files": store_bytes(folder),
        "backups": backups(folder),
        "listing": sorted(p.name for p in folder.iterdir()),
    }


def run_in_process(argv: list[str], folder: Path, capsys) -> tuple[int, str]:
    env = {"NETPLAN_DATA": str(folder), "NETPLAN_TODAY": TODAY}
    try:
        status = main(argv, environ=env, out=io.StringIO())
    except BaseException as error:  # what a user would see as a traceback
        raise AssertionError(f"{argv} raised {error!r}") from error
    return status, capsys.readouterr().err


@pytest.mark.parametrize(
    "case", [pytest.param(c, marks=pytest.mark.slow) if c == "50 MB" else c for c in CORPUS]
)
def test_every_command_refuses_a_broken_file_and_changes_nothing(
    tmp_path: Path, template: Path, capsys, case: str
) -> None:
    name, breaking, place = CORPUS[case]
    folder = tmp_path / "store"
    problems = []
    chosen = commands(template, tmp_path / "out")
    if case == "50 MB":  # the same load as every other command; reading 50 MB takes a while
        chosen = {
            k: v for k, v in chosen.items() if k in ("validate", "check", "log", "import vcard")
        }
    for label, argv in chosen.items():
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(template / "store", folder, symlinks=True)
        breaking(folder)
        before = snapshot(folder)
        status, err = run_in_process(argv, folder, capsys)
        if label in ("path", "restore --list"):
            expected = 0  # they never read the files' contents
        elif label == "check" and name != "plan.toml":
            expected = 0  # check reads only plan.toml, so that it stays fast
        else:
            expected = 1
        if status != expected:
            problems.append(f"{label}: exit {status}, expected {expected}: {err[-300:]}")
            continue
        if expected == 1:
            if str(folder / name) not in err and str(folder) not in err:
                problems.append(f"{label}: the message does not name the file: {err[-300:]}")
            if not re.search(place, err):
                problems.append(f"{label}: the message does not say where: {err[-300:]}")
        after = snapshot(folder)
        if label == "check" and expected == 0:
            # Only the check-off was written: every other byte is as it was.
            before["files"].pop("plan.toml"), after["files"].pop("plan.toml")
            before.pop("backups"), after.pop("backups")
        if after != before:
            problems.append(f"{label}: the store changed")
        if expected == 1 and (tmp_path / "out").exists():
            problems.append(f"{label}: an export was written from a broken store")
    assert not problems, "\n".join(problems)


# --- the app's start ------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["syntax", "future schema", "dangling routine", "symlink loop"])
def test_the_app_refuses_a_broken_plan_before_it_starts(
    tmp_path: Path, template: Path, case: str
) -> None:
    _name, breaking, place = CORPUS[case]
    folder = tmp_path / "store"
    shutil.copytree(template / "store", folder)
    breaking(folder)
    before = snapshot(folder)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETPLAN_")}
    env.update(NETPLAN_DATA=str(folder), NETPLAN_TODAY=TODAY, TERM="xterm-256color")
    result = subprocess.run(
        [sys.executable, "-m", "netplan"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1, (result.stdout[-500:], result.stderr[-500:])
    assert "Traceback" not in result.stderr + result.stdout
    assert re.search(place, result.stderr), result.stderr
    assert str(folder) in result.stderr
    assert snapshot(folder) == before


# --- hostile arguments ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "env", "status", "says"),
    [
        (["check", "eng", "--count", str(2**63)], {}, 1, "too large"),
        (["check", "eng", "--on", "tomorrow"], {"NETPLAN_TODAY": "9999-12-31"}, 2, "range"),
        (["check", "eng", "--on", "+99999999d"], {}, 2, "not a date"),
        (["check", "eng", "--on", "0000-01-01"], {}, 2, "not a real date"),
        (["due", "--days", "99999999"], {}, 2, "past the year 9999"),
        (["log", "amara", "--minutes", "99999"], {}, 2, "--minutes"),
        (["log", "amara", "--note", "\ud800"], {}, 1, "cannot be stored"),
        (["restore", "2026-11-24T99:00"], {}, 2, "not a real time"),
        (["restore", "whenever"], {}, 2, "not a date"),
    ],
)
def test_hostile_arguments_are_refused_without_a_traceback(
    tmp_path: Path, template: Path, capsys, argv: list[str], env: dict, status: int, says: str
) -> None:
    folder = tmp_path / "store"
    shutil.copytree(template / "store", folder)
    before = snapshot(folder)
    environ = {"NETPLAN_DATA": str(folder), "NETPLAN_TODAY": TODAY, **env}
    try:
        got = main(argv, environ=environ, out=io.StringIO())
    except SystemExit as exit_:  # argparse's usage errors
        got = exit_.code
    err = capsys.readouterr().err
    assert got == status, err
    assert says in err
    assert snapshot(folder) == before


# --- fuzzed import files ----------------------------------------------------------------------

cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            '"',
            '""',
            ",",
            "\r\n",
            "\n",
            "\x00",
            "\ufeff",
            "12 Mar 2024",
            "31 Feb 2023",
            "=cmd()",
            "https://www.linkedin.com/in/x",
            "a@b.co",
            "not-an-email@",
            "Zoë",
            "\u202e",
            "  ",
        ]
    ),
)
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]


def quote(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\r\n') else cell


@st.composite
def linkedin_files(draw) -> bytes:
    header = draw(st.permutations(HEADER)) if draw(st.booleans()) else HEADER
    header = header[: draw(st.integers(3, len(HEADER)))] if draw(st.booleans()) else header
    plausible = {
        "First Name": st.sampled_from(["Ada", "Zoë", "李", "Jean-Luc", "O'Brien", ""]),
        "Last Name": st.sampled_from(["Lovelace", "García", "محمد", "", "van der Berg"]),
        "URL": st.sampled_from(
            ["https://www.linkedin.com/in/ada", "http://linkedin.com/in/Ada/", ""]
        ),
        "Email Address": st.sampled_from(["ada@example.com", "", "bad@", "ADA@EXAMPLE.COM"]),
        "Company": st.sampled_from(["Engines, Ltd", "", 'Acme "Rockets"']),
        "Position": st.sampled_from(["CTO", "", "Head of Data\nand AI"]),
        "Connected On": st.sampled_from(
            ["12 Mar 2024", "29 Feb 2024", "31 Feb 2023", "", "2024-03-12"]
        ),
    }
    row = st.one_of(
        st.tuples(*[st.one_of(plausible[h], cells) for h in header]).map(list),
        st.lists(cells, min_size=0, max_size=len(header) + 2),
    )
    rows = draw(st.lists(row, max_size=8))
    lines = [",".join(header)] + [",".join(quote(c) for c in row) for row in rows]
    if draw(st.booleans()):
        lines = ["Notes:", '"Some preamble, with a comma"', "", *lines]
    text = draw(st.sampled_from(["\r\n", "\n"])).join(lines)
    data = text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])), "surrogatepass")
    if draw(st.booleans()):  # damage: cut it short, or splice in random bytes
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.binary(max_size=20)) + data[cut:]
    return data


vcard_values = st.one_of(
    st.text(max_size=15),
    st.sampled_from(
        [
            "1990-04-12",
            "--0229",
            "19900229",
            "--13-45",
            "2023-02-30",
            "Doe;Jane;;;",
            "a@b.co",
            "https://www.linkedin.com/in/jane",
            "x;y;z",
            "=0A=",
            "\\n",
            "\x00",
            "Zoë",
        ]
    ),
)
PROPS = [
    "FN",
    "N",
    "EMAIL",
    "TEL",
    "ORG",
    "TITLE",
    "URL",
    "NOTE",
    "CATEGORIES",
    "BDAY",
    "ANNIVERSARY",
    "X-SOCIALPROFILE",
    "PHOTO",
    "item1.EMAIL",
    "BEGIN",
    "END",
    "",
]


@st.composite
def vcard_files(draw) -> bytes:
    cards = []
    for _ in range(draw(st.integers(0, 4))):
        version = draw(st.sampled_from(["3.0", "4.0", "3.0", "4.0", "2.1", "x"]))
        lines = ["BEGIN:VCARD", f"VERSION:{version}"]
        if draw(st.integers(0, 3)):
            lines.append(f"FN:{draw(st.sampled_from(['Grace Hopper', 'Zoë', '李小龙', ' ']))}")
        for _ in range(draw(st.integers(0, 6))):
            prop = draw(st.sampled_from(PROPS))
            params = draw(
                st.sampled_from(["", ";TYPE=work", ";PREF=1", ";ENCODING=b", ";VALUE=date"])
            )
            lines.append(f"{prop}{params}:{draw(vcard_values)}")
        if draw(st.integers(0, 4)):  # now and then a card without its end
            lines.append("END:VCARD")
        cards.append("\r\n".join(lines))
    text = "\r\n".join(cards)
    if draw(st.booleans()):
        text = draw(st.text(max_size=30)) + text
    return text.encode("utf-8", "surrogatepass")


def import_survives(parse_file, data: bytes, suffix: str) -> None:
    """No crash: ImportFailed, or records and row-level reasons; what merges can be saved."""
    with tempfile.TemporaryDirectory() as temp:
        path = Path(temp) / f"input{suffix}"
        path.write_bytes(data)
        try:
            parsed = parse_file(path)
        except ImportFailed as error:
            assert str(path) in str(error)
            event("the file was refused")
            return
        event(f"{min(len(parsed.records), 3)}+ records, {min(len(parsed.skipped), 3)}+ skipped")
        for problem in parsed.skipped:
            assert problem.where and problem.reason
        book, report = merge(ContactBook(), parsed, date(2026, 11, 25))
        report.render()
        assert decode("contacts", encode(book)) == book  # the merged book is storable
        store = Store(Path(temp) / "store")
        store.ensure()
        store.read_contacts()
        try:
            store.save(contacts=book)
        except StoreError as error:  # never a crash; a refusal must say why
            assert "refusing to save contacts.toml" in str(error)


@pytest.mark.slow
@given(linkedin_files())
@settings(max_examples=rounds(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fuzzed_linkedin_files_never_crash_the_import(data: bytes) -> None:
    from netplan.importers.linkedin import parse_file

    import_survives(parse_file, data, ".csv")


@pytest.mark.slow
@given(vcard_files())
@settings(max_examples=rounds(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fuzzed_vcard_files_never_crash_the_import(data: bytes) -> None:
    from netplan.importers.vcard import parse_file

    import_survives(parse_file, data, ".vcf")


def test_toml_1_1_is_refused_like_every_toml_1_0_tool_refuses_it(tmp_path: Path) -> None:
    """rtoml (netplan's fast reader) accepts TOML 1.1; other tools (Python's tomllib, editors'
    checkers) read TOML 1.0, and a save keeps unchanged records byte for byte, so netplan
    refuses 1.1 on load with the file and line, as for any syntax error."""
    from netplan.store import Store, StoreError

    store = Store(tmp_path / "s")
    store.ensure()
    for text, line in (
        (b'[[contacts]]\nid = "x"\nname = "X"\nhandles = {\n  a = "b",\n}\n', 4),
        (b'[[contacts]]\nid = "x"\nname = "\\e[31mX"\n', 3),
        (b'[[contacts]]\nid = "x"\nname = "X"\nhandles = { a = "b", }\n', 4),
        ('[[contacts]]\nid = "x"\nname = "X"\n[contacts.handles]\nzoë = "b"\n'.encode(), 5),
    ):
        (store.folder / "contacts.toml").write_bytes(text)
        with pytest.raises(StoreError) as refused:
            Store(store.folder).load()
        assert f"contacts.toml, line {line}" in str(refused.value), text
        assert "TOML 1.0" in str(refused.value)
        assert (store.folder / "contacts.toml").read_bytes() == text


@pytest.mark.parametrize("key", ["2026-11-23T00:00:00", "1700000000", "0", "20261123"])
def test_a_day_of_completions_is_written_one_way_only(tmp_path: Path, key: str) -> None:
    """Two spellings of one day would merge into one on load, and the next save would keep
    one count of the two: only YYYY-MM-DD is a day, the others are refused by name."""
    from netplan.store import Store, StoreError

    store = Store(tmp_path / "s")
    store.ensure()
    path = store.folder / "plan.toml"
    text = path.read_text() + '\n[completions."2026-11-23"]\nengage-posts = 1\n'
    text += f'\n[completions."{key}"]\nengage-posts = 2\n'
    path.write_text(text)
    with pytest.raises(StoreError) as refused:
        Store(store.folder).load()
    assert f'completions."{key}"' in str(refused.value)
    assert "YYYY-MM-DD" in str(refused.value)
    assert path.read_text() == text


@pytest.mark.parametrize("name", ["contacts", "journal", "plan"])
def test_a_missing_file_is_never_started_empty(tmp_path: Path, name: str) -> None:
    """A sync tool moved contacts.toml away (no backups yet): starting it empty would leave
    the journal naming nobody, and let the sync tool file the real one away as a conflict.
    Every command refuses, says what is missing and how to bring it back, and writes
    nothing; the app does not start."""
    folder = tmp_path / "store"
    assert (
        subprocess.run(
            [sys.executable, "-m", "netplan", "--data", str(folder), "demo"],
            capture_output=True,
            env={**os.environ, "NETPLAN_TODAY": TODAY},
        ).returncode
        == 0
    )
    shutil.rmtree(folder / ".backups", ignore_errors=True)
    (folder / f"{name}.toml").unlink()
    before = sorted((p.name, p.read_bytes()) for p in folder.iterdir() if p.is_file())
    for args in (["due"], ["check", "engage"], ["log", "amara"], []):
        result = subprocess.run(
            [sys.executable, "-m", "netplan", "--data", str(folder), *args],
            capture_output=True,
            text=True,
            env={**os.environ, "NETPLAN_TODAY": TODAY},
            stdin=subprocess.DEVNULL,
            timeout=60,
        )
        assert result.returncode == 1, (args, result.stderr)
        assert f"{name}.toml is missing" in result.stderr and "netplan restore" in result.stderr
        assert "Traceback" not in result.stderr
        assert not (folder / f"{name}.toml").exists()
        assert sorted((p.name, p.read_bytes()) for p in folder.iterdir() if p.is_file()) == before


def test_a_read_only_file_is_not_replaced_without_a_word(tmp_path: Path) -> None:
    """chmod 0444 plan.toml says "leave it": a rename would replace it all the same (the
    folder is writable), even for root. The save fails naming the file and the mode, and
    goes through once the file is writable again."""
    store = demo_store(tmp_path / "store")
    path = store.folder / "plan.toml"
    path.chmod(0o444)
    before = store_bytes(store.folder)
    env = {"NETPLAN_DATA": str(store.folder), "NETPLAN_TODAY": TODAY}
    err = io.StringIO()
    real_stderr, sys.stderr = sys.stderr, err
    try:
        status = main(["check", "engage"], environ=env)
    finally:
        sys.stderr = real_stderr
    assert status == 1
    assert "plan.toml" in err.getvalue() and "read-only" in err.getvalue(), err.getvalue()
    assert store_bytes(store.folder) == before
    assert path.stat().st_mode & 0o777 == 0o444
    path.chmod(0o600)
    assert main(["check", "engage"], environ=env) == 0


OSC_52 = "\x1b]52;c;aGk=\x07"  # writes "hi" to the clipboard on terminals that allow it


def test_the_command_lines_messages_never_carry_an_escape_sequence(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """What the user typed and what the files hold is echoed in errors: a query for a contact
    or a routine, a key a sync brought in. Each is shown as \\x1b, never sent as ESC."""
    store = demo_store(tmp_path / "store")
    env = {"NETPLAN_DATA": str(store.folder), "NETPLAN_TODAY": TODAY}
    said = []
    for args in (["log", f"Jane{OSC_52}"], ["check", f"post{OSC_52}"]):
        assert main(args, environ=env) == 1
        said.append(capsys.readouterr().err)
    path = store.folder / "contacts.toml"
    text = path.read_text()
    path.write_text(
        text.replace("[[contacts]]\n", '[[contacts]]\n"\\u001b]52;c;aGk=\\u0007" = 1\n', 1)
    )
    for args in (["due"], ["validate"], ["log", "amara"]):
        assert main(args, environ=env) == 1
        said.append(capsys.readouterr().err)
    for err in said:
        assert err and "\x1b" not in err and "\x07" not in err, err
    assert "\\x1b]52" in said[0] and "\\x1b]52" in said[-1], said
