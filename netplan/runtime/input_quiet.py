"""Background threads step aside for a moment while the app answers a key.

A thread that loads or derives shares the GIL with the app's thread, and holds it in
stretches (every piece rtoml parses, every slice of a derivation), so while 30,000 contacts
loaded a key took 100–300 ms to show instead of 30–40. The app calls `input_arrived` for
every key, click and scroll; background work calls `pause` between its steps, which sleeps
(releasing the GIL) while the last input is younger than QUIET_SECONDS. One pause sleeps
at most that long, so a held-down key slows the work but never stops it.
"""

from __future__ import annotations

from time import monotonic, sleep

QUIET_SECONDS = 0.1  # a keypress's handling and repaint, with room to spare


class InputQuiet:
    def __init__(self, quiet: float = QUIET_SECONDS) -> None:
        self.quiet = quiet
        self._last_input = float("-inf")

    def input_arrived(self) -> None:
        self._last_input = monotonic()

    def pause(self) -> None:
        left = self._last_input + self.quiet - monotonic()
        if left > 0:
            sleep(min(left, self.quiet))
