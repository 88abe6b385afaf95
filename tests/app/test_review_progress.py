"""The monthly review survives a pause: the reviewed are not asked again, the batch goes on."""

from __future__ import annotations

from app_helpers import TODAY, make_app, on_disk, settle
from textual.widgets import Label

from netplan.store import Store
from netplan.tui.contacts.review import ReviewScreen


def progress(app) -> str:
    return str(app.screen.query_one("#review-progress", Label).content)


async def test_review_4_pause_and_r_asks_only_the_rest(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("3")
        await pilot.pause()
        done_before = on_disk(demo_store).plan.completions.get(TODAY, {}).get("review-contacts", 0)
        await pilot.press("R")
        first = app.screen
        assert isinstance(first, ReviewScreen)
        queue = list(first.queue)
        assert len(queue) > 10
        assert progress(app) == f"{len(queue)} left to review · 0 of 10 done"
        await pilot.press("k", "k", "k", "k")
        assert progress(app) == f"{len(queue) - 4} left to review · 4 of 10 done"
        await pilot.press("escape")  # pause
        assert not isinstance(app.screen, ReviewScreen)
        await settle(pilot, app)
        reviewed = {c.id for c in on_disk(demo_store).contacts.contacts if c.reviewed == TODAY}
        assert reviewed == set(queue[:4])

        await pilot.press("R")
        again = app.screen
        assert isinstance(again, ReviewScreen)
        assert again.queue == queue[4:]  # the four reviewed are not asked again
        assert progress(app) == f"{len(queue) - 4} left to review · 4 of 10 done"
        await pilot.press(*["k"] * 6)  # the batch's tenth: done, and counted
        assert not isinstance(app.screen, ReviewScreen)
        await settle(pilot, app)
        after = on_disk(demo_store)
        assert after.plan.completions[TODAY]["review-contacts"] == done_before + 1
        assert sum(c.reviewed == TODAY for c in after.contacts.contacts) == 10

        # The next review is a fresh batch of what is left.
        await pilot.press("R")
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.queue == queue[10:]
        assert (
            progress(app)
            == f"{len(queue) - 10} left to review · 0 of {min(10, len(queue) - 10)} done"
        )
        await pilot.press("escape")
