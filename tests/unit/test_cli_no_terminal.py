"""`netplan` without a command opens the full-screen app, which needs a terminal: with stdin
or stdout redirected it says so and exits with status 2 (usage), instead of filling the file
with escape codes and waiting for keys forever. The timeout is the guard against the hang."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from faults_helpers import demo_store, store_bytes

TODAY = "2026-11-25"
ESC = "\x1b"


def environment(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETPLAN_")}
    # A terminal type the app would happily draw for, were it started.
    env.update(NETPLAN_DATA=str(folder), NETPLAN_TODAY=TODAY, TERM="xterm-256color")
    return env


def start(folder: Path, stdin: object, stdout: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "netplan"],
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=environment(folder),
        timeout=30,
    )


def assert_refused(result: subprocess.CompletedProcess[bytes], names: str) -> None:
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert len(err.strip().splitlines()) == 1, err
    assert "needs a terminal" in err and names in err and "netplan --help" in err, err
    assert "Traceback" not in err and ESC not in err


def test_no_terminal_at_all(tmp_path: Path) -> None:
    """`netplan < /dev/null > out.txt`: stdout gets nothing, no store is created."""
    folder = tmp_path / "store"
    result = start(folder, subprocess.DEVNULL, subprocess.PIPE)
    assert_refused(result, "stdin and stdout")
    assert ESC not in result.stdout.decode(errors="replace")
    assert result.stdout == b""
    assert not folder.exists()


def test_an_existing_store_is_left_as_it_was(tmp_path: Path) -> None:
    folder = demo_store(tmp_path / "store").folder
    before = store_bytes(folder)
    result = start(folder, subprocess.DEVNULL, subprocess.PIPE)
    assert_refused(result, "stdin and stdout")
    assert result.stdout == b""
    assert store_bytes(folder) == before


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_stdout_redirected_from_a_terminal(tmp_path: Path) -> None:
    """`netplan > out.txt` typed in a terminal: stdin is one, stdout is a file."""
    import pty

    master, slave = pty.openpty()
    out = tmp_path / "out.txt"
    try:
        with out.open("wb") as file:
            result = start(tmp_path / "store", slave, file)
    finally:
        os.close(slave)
        os.close(master)
    assert_refused(result, "stdout is not")
    assert out.read_bytes() == b""


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_stdin_redirected_in_a_terminal(tmp_path: Path) -> None:
    """`netplan < /dev/null` in a terminal: nothing is drawn on it."""
    import pty

    master, slave = pty.openpty()
    try:
        result = start(tmp_path / "store", subprocess.DEVNULL, slave)
        os.close(slave)
        slave = -1
        drawn = b""
        os.set_blocking(master, False)
        try:
            while chunk := os.read(master, 65536):
                drawn += chunk
        except OSError:  # EAGAIN (nothing there) or EIO (the other end is closed)
            pass
    finally:
        if slave >= 0:
            os.close(slave)
        os.close(master)
    assert_refused(result, "stdin is not")
    assert ESC.encode() not in drawn and drawn == b""
