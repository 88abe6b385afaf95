"""Run a terminal program on a pseudo-terminal and time what a user would see.

`start_to_text` spawns it and waits until a text appears in its output (the first useful
screen); `keypress_to_repaint` sends a key and waits for the first output bytes after it
(Textual writes only when it repaints).
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time


class Terminal:
    def __init__(self, argv: list[str], env: dict[str, str], size=(120, 36)) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.seen = b""

    def read(self, timeout: float) -> bytes:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return b""
        try:
            chunk = os.read(self.master, 1 << 16)
        except OSError:
            return b""
        self.seen += chunk
        return chunk

    def wait_for(self, text: str, timeout: float = 30.0) -> float:
        """Seconds since start until text appeared in the output."""
        needle = text.encode()
        end = time.perf_counter() + timeout
        while needle not in self.seen:
            if time.perf_counter() > end:
                raise TimeoutError(f"{text!r} did not appear")
            self.read(0.05)
        return time.perf_counter() - self.started

    def drain(self, quiet: float = 0.3) -> None:
        while self.read(quiet):
            pass

    def keypress_to_repaint(self, key: bytes, timeout: float = 5.0) -> float:
        self.drain()
        sent = time.perf_counter()
        os.write(self.master, key)
        while time.perf_counter() - sent < timeout:
            if self.read(timeout):
                return time.perf_counter() - sent
        raise TimeoutError("no repaint")

    def close(self) -> None:
        try:
            os.write(self.master, b"q")
            self.process.wait(5)
        except (OSError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)
        os.close(self.master)
