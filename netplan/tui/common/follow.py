"""How a view follows the data: the typed way to the app, and a hidden tab that catches up.

Every pane watches `app.data`, and `app.today` (the day turns while the app runs). A pane on
a hidden tab only notes that it is behind and catches up when it is shown (`focus_main` or
Textual's Show), so a key press on the Week tab never redraws the Contacts or Goals tab.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from textual.widget import Widget

from netplan.workspace import Data

if TYPE_CHECKING:
    from netplan.tui.app import NetplanApp


def netplan_app(widget: Widget) -> NetplanApp:
    """The app a widget belongs to, typed: the one accessor instead of getattr(app, …)."""
    return cast("NetplanApp", widget.app)


class FollowsData:
    """Mixed into a widget, before its Textual base: a view of the data. `refresh_view`
    draws it; it runs when the data changes while the view is on screen, or once when the
    view is shown again after changes."""

    _behind = False

    @property
    def netplan(self) -> NetplanApp:
        return netplan_app(self)  # type: ignore[arg-type]

    @property
    def current(self) -> Data | None:
        return self.netplan.data

    def follow_data(self) -> None:
        """Call from on_mount: draw now, and again whenever the data or the day changes."""
        self.watch(self.app, "data", self._data_changed, init=False)  # type: ignore[attr-defined]
        self.watch(self.app, "today", self._today_changed, init=False)  # type: ignore[attr-defined]
        self.refresh_view()

    def refresh_view(self) -> None:
        raise NotImplementedError

    def on_screen(self) -> bool:
        nodes = self.ancestors_with_self  # type: ignore[attr-defined]
        return all(node.display for node in nodes if isinstance(node, Widget))

    def _data_changed(self, _data: Data | None) -> None:
        self.data_changed()
        if self.on_screen():
            self.refresh_view()
        else:
            self._behind = True

    def _today_changed(self, old: date, new: date) -> None:
        self.day_changed(old, new)
        self._data_changed(None)

    def data_changed(self) -> None:
        """What must follow the data even while hidden (a tab's title counts); nothing here."""

    def day_changed(self, old: date, new: date) -> None:
        """What must follow a new day before the redraw, even while hidden; nothing here."""

    def catch_up(self) -> None:
        if self._behind:
            self._behind = False
            self.refresh_view()

    def on_show(self) -> None:
        self.catch_up()
