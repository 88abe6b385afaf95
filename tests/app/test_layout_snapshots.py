"""The four tabs at two sizes, and the light theme, as SVG snapshots (pytest-textual-snapshot).

A layout change shows up as a failed comparison with the two pictures side by side in the
report; when the change is meant, `pytest tests/app/test_layout_snapshots.py
--snapshot-update` writes the new pictures, to be looked at and committed with the change.
The demo data, the day, the theme and the folder shown in the header are fixed.
"""

from __future__ import annotations

import pytest
from app_helpers import TODAY, make_app, settle

from netplan.demo import demo_files
from netplan.store import Store

SIZES = {"80x24": (80, 24), "120x36": (120, 36)}
TABS = {"week": [], "month": ["2"], "contacts": ["3"], "goals": ["4"]}


def _demo_app(folder, theme: str | None = None):
    """The demo store, in `theme` from its settings (as a user's chosen theme starts): a
    theme switched while the app runs orders the SVG's styles differently run to run."""
    store = Store(folder)
    store.ensure()
    store.load()
    files = demo_files(TODAY)
    if theme is not None:
        plan = files["plan"]
        settings = plan.settings.model_copy(update={"theme": theme})
        files["plan"] = plan.model_copy(update={"settings": settings})
    store.save(**files)
    app = make_app(Store(folder))

    async def run_before(pilot) -> None:
        app.sub_title = "demo data"
        await settle(pilot, app)

    return app, run_before


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("tab", TABS)
def test_each_tab_at_each_size(snap_compare, tmp_path, tab: str, size: str) -> None:
    app, run_before = _demo_app(tmp_path / "store")
    assert snap_compare(
        app, press=[*TABS[tab], "_"], terminal_size=SIZES[size], run_before=run_before
    )


@pytest.mark.parametrize("tab", ["week", "contacts"])
def test_the_light_theme(snap_compare, tmp_path, tab: str) -> None:
    app, run_before = _demo_app(tmp_path / "store", theme="textual-light")
    assert snap_compare(
        app, press=[*TABS[tab], "_"], terminal_size=(120, 36), run_before=run_before
    )
