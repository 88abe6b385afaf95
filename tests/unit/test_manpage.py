"""The man page: built from the parser by scripts/manpage.py, and man/netplan.1 kept up to date."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from netplan.cli.completion import parsers

pytest.importorskip("argparse_manpage")

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "manpage.py"
PAGE = ROOT / "man" / "netplan.1"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("netplan_manpage_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _commands() -> list[str]:
    """Every command's full name: `netplan due`, `netplan import linkedin`, …"""
    from netplan.cli import build_parser

    return [p.prog for p in parsers(build_parser())][1:]


def _heading(command: str) -> str:
    """A command's heading in the page's roff."""
    escaped = command.replace("-", "\\-")
    return f".SH COMMAND \\fI\\,'{escaped}'\\/\\fR"


def _inventory(text: str) -> set[str]:
    """The commands and options a page documents, whatever the layout of its version."""
    commands = set(re.findall(r"^\.SH COMMAND .*'([^']+)'", text, re.MULTILINE))
    options = set(re.findall(r"\\fB(\\-\\-[\w\\-]+)\\fR", text))
    return commands | options


def _build(folder: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--output", str(folder / "netplan.1"), *extra],
        capture_output=True,
        text=True,
    )


def test_the_page_documents_every_command(tmp_path: Path) -> None:
    built = _build(tmp_path)
    assert built.returncode == 0, built.stderr
    text = (tmp_path / "netplan.1").read_text(encoding="utf-8")
    assert re.search(r'^\.TH NETPLAN "1" ', text, re.MULTILINE)
    commands = _commands()
    assert {"netplan completion", "netplan import vcard", "netplan export json"} <= set(commands)
    missing = [c for c in commands if _heading(c) not in text]
    assert not missing, missing
    for section in ("NAME", "SYNOPSIS", "OPTIONS", "EXIT STATUS", "ENVIRONMENT"):
        assert f".SH {section}" in text


@pytest.mark.skipif(shutil.which("man") is None, reason="man is not installed")
def test_man_renders_the_page_without_warnings(tmp_path: Path) -> None:
    assert _build(tmp_path).returncode == 0
    shown = subprocess.run(
        ["man", "--warnings", "-l", str(tmp_path / "netplan.1")],
        capture_output=True,
        text=True,
        env={"MANWIDTH": "80", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )
    assert shown.returncode == 0, shown.stderr
    assert not shown.stderr.strip(), shown.stderr
    assert "NETPLAN(1)" in shown.stdout and "netplan import linkedin" in shown.stdout


def test_the_committed_page_is_up_to_date() -> None:
    """A change to the command line without `python scripts/manpage.py` fails here."""
    script = _script()
    committed = PAGE.read_text(encoding="utf-8")
    on = script.page_date(committed)
    assert on, "man/netplan.1 has no .TH line"
    fresh = script.render(on)
    stale = "man/netplan.1 is out of date: run `python scripts/manpage.py`"
    if script.generator() in committed.partition("\n")[0]:
        assert fresh == committed, stale
    else:  # another Python or argparse-manpage lays it out otherwise: the same contents
        assert _inventory(fresh) == _inventory(committed), stale
        assert len(_inventory(fresh)) > 20


def test_check_reports_a_stale_page(tmp_path: Path) -> None:
    assert _build(tmp_path).returncode == 0
    assert _build(tmp_path, "--check").returncode == 0
    page = tmp_path / "netplan.1"
    page.write_text(page.read_text(encoding="utf-8").replace("completion", "x"), "utf-8")
    checked = _build(tmp_path, "--check")
    assert checked.returncode == 1 and "out of date" in checked.stderr
    assert "x" in page.read_text(encoding="utf-8")  # --check writes nothing


def test_rebuilding_an_unchanged_page_keeps_its_date(tmp_path: Path) -> None:
    assert _build(tmp_path, "--date", "2000-01-02").returncode == 0
    assert _build(tmp_path).returncode == 0
    assert '"2000\\-01\\-02"' in (tmp_path / "netplan.1").read_text(encoding="utf-8")


def test_the_parser_is_not_changed_by_rendering() -> None:
    from netplan.cli import build_parser

    before = build_parser().format_help()
    _script().render("2000-01-02")
    assert build_parser().format_help() == before
