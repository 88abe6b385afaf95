"""The terminal closes, or the system stops netplan, while a change is nowhere on disk
(issue 13, items 5 and 7): the change is kept in a recovery file, or printed to the terminal
when no file can be written anywhere; the store's own file is never written over.

The real app runs in a pseudo-terminal (signal_child.py) with saves refused; the test waits
for the events that matter (the first frame, the refused save), not for time to pass.
"""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import sys
import termios
import threading
import time
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from faults_helpers import demo_store

from netplan.store import decode

TODAY = date(2026, 11, 25)
CHILD = Path(__file__).with_name("signal_child.py")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals and signals")


class Terminal:
    """The app in a pseudo-terminal of 120 x 36 cells; everything it writes is kept."""

    def __init__(self, folder: Path, mode: str, marker: Path) -> None:
        env = {
            **os.environ,
            "NETPLAN_DATA": str(folder),
            "NETPLAN_TODAY": TODAY.isoformat(),
            "TERM": "xterm-256color",
            "HOME": str(folder.parent / "home"),
            "TMPDIR": str(folder.parent / "tmp"),
        }
        pid, fd = pty.fork()
        if pid == 0:  # the child: the terminal's size before the app asks for it
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
            os.execve(sys.executable, [sys.executable, str(CHILD), mode, str(marker)], env)
        self.pid, self.fd = pid, fd
        self.output = bytearray()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    def wait_for(self, condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                self.kill()
                pytest.fail(f"no {what} within {timeout} s; the app wrote: {bytes(self.output)!r}")
            time.sleep(0.02)

    def exit_status(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while True:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self._reader.join(5)
                return os.waitstatus_to_exitcode(status)
            if time.monotonic() > deadline:
                self.kill()
                pytest.fail(f"the app did not exit on the signal; it wrote {bytes(self.output)!r}")
            time.sleep(0.02)

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


def started_with_a_refused_save(tmp_path: Path, mode: str) -> tuple[Path, Terminal, bytes, int]:
    store = demo_store(tmp_path / "store")
    for place in ("home", "tmp"):
        (tmp_path / place).mkdir()
    plan_path = store.folder / "plan.toml"
    before = plan_path.read_bytes()
    done = decode("plan", before).completions.get(TODAY, {}).get("engage-posts", 0)
    marker = tmp_path / "save-refused"
    term = Terminal(store.folder, mode, marker)
    term.wait_for(lambda: b"Engage" in term.output, "first frame")
    os.write(term.fd, b" ")  # check off the routine under the cursor
    term.wait_for(marker.exists, "refused save")
    return store.folder, term, before, done


@pytest.mark.parametrize("how", ["SIGTERM", "terminal closed"])
def test_a_signal_keeps_the_unsaved_change_in_a_recovery_file(tmp_path: Path, how: str) -> None:
    folder, term, before, done = started_with_a_refused_save(tmp_path, "replace")
    if how == "SIGTERM":
        os.kill(term.pid, signal.SIGTERM)
    else:
        os.close(term.fd)  # the terminal window closes: the kernel sends SIGHUP
    assert term.exit_status() == 1
    assert (folder / "plan.toml").read_bytes() == before, "the store's file was written over"
    (recovered,) = folder.glob("plan.recovered-*.toml")
    plan = decode("plan", recovered.read_bytes())
    assert plan.completions[TODAY]["engage-posts"] == done + 1


def test_a_signal_with_no_room_anywhere_prints_the_change_to_the_terminal(
    tmp_path: Path,
) -> None:
    folder, term, before, done = started_with_a_refused_save(tmp_path, "nowhere")
    os.kill(term.pid, signal.SIGTERM)
    assert term.exit_status() == 1
    assert (folder / "plan.toml").read_bytes() == before
    assert list(tmp_path.rglob("*.recovered-*")) == []
    text = bytes(term.output).decode("utf-8", "replace").replace("\r\n", "\n")
    assert "could not be written anywhere" in text
    start = text.index("# ---- plan.toml")
    plan = tomllib.loads(text[start:])
    assert plan["completions"][TODAY.isoformat()]["engage-posts"] == done + 1
