"""Quitting without losing a change. q waits for the save; q again while saves fail, a
SIGTERM (the system stops netplan) or a SIGHUP (the terminal closed) keeps what is unsaved
where the store's files cannot be written over: recovery files, else the TOML printed after
exit (netplan.workspace.keeping). A file invalid on disk is never saved over on the way."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from rich.text import Text

from netplan.text import for_terminal

if TYPE_CHECKING:
    from netplan.tui.app import NetplanApp
    from netplan.workspace.keeping import Kept

# A save under way when a signal comes gets this long before its changes are kept aside.
SIGNAL_GRACE_SECONDS = 3.0


class QuitsSafely:
    """The app's quitting: a mixin of NetplanApp."""

    kept: Kept | None = None  # what the last keep could not write anywhere is printed
    _signalled = False

    def install_signal_handlers(self: NetplanApp) -> None:  # type: ignore[misc]
        """Only in a real terminal: a test's app must not take the test runner's signals."""
        if self.is_headless:
            return
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        with contextlib.suppress(ValueError, RuntimeError, NotImplementedError):
            loop.add_signal_handler(signal.SIGTERM, self.signalled)
        with contextlib.suppress(ValueError, OSError):
            signal.signal(signal.SIGHUP, self.hung_up)

    def hung_up(self: NetplanApp, _number: int, _frame: object) -> None:  # type: ignore[misc]
        """SIGHUP: the terminal is gone. Textual may be stuck writing to it (its writer's
        queue full), so this runs as a plain signal handler, not on the event loop: keep
        what is unsaved in recovery files and leave at once; a save under way is safe to
        cut short (files are replaced atomically) and there is no screen left to restore."""
        import os

        workspace = self.workspace
        if workspace is None or not workspace.dirty:
            os._exit(0)
        try:
            workspace.keep_unsaved()
        finally:
            os._exit(1)

    def signalled(self: NetplanApp) -> None:  # type: ignore[misc]
        """SIGTERM or SIGHUP: save if a save can go through soon, else keep and exit."""
        workspace = self.workspace
        if workspace is None or workspace.settled:
            self.exit(0)
            return
        self._signalled = True
        if workspace.cannot_save:
            self.keep_and_exit()
            return
        workspace.quitting = True
        self._pump()
        self.set_timer(SIGNAL_GRACE_SECONDS, self.keep_and_exit)

    def after_signal(self: NetplanApp) -> None:  # type: ignore[misc]
        """A job ended after a signal: a save that fails now is not waited for."""
        workspace = self.workspace
        if self._signalled and workspace is not None and workspace.cannot_save:
            self.keep_and_exit()

    async def action_quit(self: NetplanApp) -> None:  # type: ignore[misc]
        workspace = self.workspace
        if workspace is None or workspace.settled:
            self.exit(0)
            return
        if workspace.quitting and workspace.cannot_save:
            self.keep_and_exit()  # the second q while saves fail
            return
        workspace.quitting = True
        self.notify("Saving before quitting…")
        self._pump()

    def keep_and_exit(self: NetplanApp) -> None:  # type: ignore[misc]
        workspace = self.workspace
        if self._exit:  # already on the way out (the save went through meanwhile)
            return
        if workspace is None or workspace.settled:
            self.exit(0)
            return
        self.kept = workspace.keep_unsaved()
        message = for_terminal(self.kept.message, line_breaks="\n")
        self.exit(1, return_code=1, message=Text(message))
