"""Running the command line as a user would, and looking at the store's files afterwards."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from netplan.store import FILES, REQUIRED

TODAY = "2026-11-25"


def run(*args: str, data: Path | None = None, env: dict[str, str] | None = None):
    """Run `python -m netplan` as a user would; returns the CompletedProcess."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("NETPLAN_")}
    environ["NETPLAN_TODAY"] = TODAY
    if data is not None:
        environ["NETPLAN_DATA"] = str(data)
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "netplan", *args],
        capture_output=True,
        text=True,
        env=environ,
        timeout=60,
    )


def files(folder: Path) -> dict[str, bytes]:
    """The bytes of the store's required files (activity.toml is optional)."""
    return {name: (folder / name).read_bytes() for name in (FILES[n] for n in REQUIRED)}
