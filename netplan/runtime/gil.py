"""A short GIL switch interval for the whole process.

Threads load, derive and save beside the app's thread. Each time that thread waits for the
GIL (after every read and write) a busy thread keeps it for up to the switch interval: 1 ms
instead of Python's 5 roughly halves the time a key takes to show while 30,000 contacts load.
"""

from __future__ import annotations

import sys

SWITCH_INTERVAL = 0.001


def share_finely() -> None:
    """Called by the `netplan` command; tests that build the app directly keep Python's."""
    sys.setswitchinterval(SWITCH_INTERVAL)
