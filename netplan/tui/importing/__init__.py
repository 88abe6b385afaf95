"""Importing in the app: the Import screen (screen), its path field (paths), and the app's
part, `ImportsFiles`, a mixin of NetplanApp whose `import_file` action opens the screen.

The import itself is netplan.workspace.importing's, as `netplan import`'s; the screen loads
with the first `i`, not at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netplan.tui.app import NetplanApp

IMPORT_HELP = "Import LinkedIn, vCard or CSV contacts"


class ImportsFiles:
    """The app's part: a mixin of NetplanApp (before App among its bases)."""

    def action_import_file(self: NetplanApp, path: str = "") -> None:  # type: ignore[misc]
        from netplan.tui.importing.screen import ImportScreen

        if not isinstance(self.screen, ImportScreen):
            self.push_screen(ImportScreen(path))
