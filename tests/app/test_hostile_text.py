"""Hostile text from the files, through every tab, form and dialog of the app.

Whatever a user or an import wrote may hold Rich/Textual markup (`[/]`, `[bold]x[/bold]`,
`Jane Doe [PhD]`), terminal escape sequences (OSC 52 writes the clipboard, CSI colours the
terminal) or characters two cells wide (CJK, emoji). The app shows the first as the very
characters written, sends none of the second to the terminal, and keeps its columns aligned.

What reaches the terminal is read where Textual builds it: the active screen's compositor
renders its strips (`render_strips`), the same segments the driver writes, so a check on their
text sees every widget on screen, the toasts (`notifications=True`) and an open Select's
options included.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app_helpers import make_app, settle, wait_for
from factories import contact, goal, interaction, journal, routine
from rich.cells import cell_len
from textual.widget import Widget
from textual.widgets import Select

from netplan.models import ContactBook, GoalStatus, Plan, Settings
from netplan.store import Store
from netplan.tui.contacts.dialogs import CadenceForm, ConfirmDelete
from netplan.tui.contacts.form import ContactForm
from netplan.tui.contacts.log_form import LogForm
from netplan.tui.contacts.review import ReviewScreen
from netplan.tui.goals.form import GoalForm
from netplan.tui.goals.strategy_form import StrategyForm
from netplan.tui.week.grid import RoutineGrid
from netplan.tui.week.panes import MonthPane, WeekPane
from netplan.tui.week.routine_form import RoutineForm

D = date.fromisoformat
MARKUP = "[/] [PhD] [bold]x[/bold]"
ESCAPES = "\x1b]52;c;aGk=\x07\x1b[31m"


def hostile_store(folder: Path, bad: str) -> Store:
    """A store whose every user-written field carries `bad` (built with the models and saved
    by the store, whose TOML writer escapes control characters)."""
    store = Store(folder)
    store.ensure()
    store.load()
    tag, platform = f"mentor{bad}", f"Mastodon{bad}"
    plan = Plan(
        settings=Settings(
            platforms=["LinkedIn", platform],
            theme=f"Theme {bad}",
            cadence_by_tag={tag: 14},
        ),
        routines=[
            routine("odd-weekly", title=f"Post {bad}", target=2, platform=platform, minutes=10),
            routine("odd-monthly", period="month", title=f"Write {bad}"),
        ],
        completions={D("2026-11-23"): {"odd-weekly": 1}},
        goals=[
            goal(
                id="odd-counted",
                title=f"Counted {bad}",
                unit=f"posts {bad}",
                source={"routine": "odd-weekly"},
                start="2026-11-01",
                due="2027-03-31",
                why=f"Why {bad}",
            ),
            goal(
                id="odd-done",
                title=f"Done {bad}",
                unit=f"talks {bad}",
                target=3,
                progress=3,
                status=GoalStatus.done,
            ),
        ],
    )
    person = contact(
        "jane",
        name=f"Jane {bad}",
        company=f"Acme {bad}",
        role=f"Head {bad}",
        tags=[tag],
        handles={"mastodon": f"@jane{bad}", f"web{bad}": f"https://x.example/{bad}"},
        met_at=f"PyCon {bad}",
        follow_up=D("2026-11-20"),
        topics=[f"hiking {bad}"],
        notes=f"Notes {bad}",
        created=D("2026-01-01"),
        milestones=[{"label": f"Birthday {bad}", "date": D("1990-12-01"), "yearly": True}],
    )
    log = journal(
        interaction(
            "jane",
            "2026-11-01",
            kind="event",
            exchange="asked",
            note=f"Coffee {bad}",
            venue=f"Hall {bad}",
            follow_up=D("2026-11-20"),
            promise=f"Send {bad}",
        )
    )
    store.save(plan=plan, contacts=ContactBook(contacts=[person]), journal=log)
    return Store(folder)


def screen_lines(app, widget: Widget | None = None) -> list[str]:
    """The active screen as the terminal gets it, one string per line (cropped to `widget`)."""
    strips = app.screen._compositor.render_strips()
    if widget is None:
        return [strip.text for strip in strips]
    region = widget.region
    return [strip.crop(region.x, region.right).text for strip in strips[region.y : region.bottom]]


async def on(pilot, app, screen_type) -> None:
    await wait_for(pilot, lambda: isinstance(app.screen, screen_type), what=screen_type.__name__)
    await pilot.pause(0.05)


async def expanded(pilot, app, select_id: str) -> str:
    """The screen with the Select's options open."""
    select = app.screen.query_one(f"#{select_id}", Select)
    select.expanded = True
    await pilot.pause(0.05)
    shown = "\n".join(screen_lines(app))
    select.expanded = False
    await pilot.pause()
    return shown


async def tour(pilot, app) -> dict[str, str]:
    """Every tab, form and dialog that shows the store's text: what each put on screen."""
    shown: dict[str, str] = {}

    def take(place: str) -> None:
        shown[place] = "\n".join(screen_lines(app))

    await settle(pilot, app)
    await pilot.pause(0.1)
    take("week")
    await pilot.press("e")
    await on(pilot, app, RoutineForm)
    take("routine form")
    shown["routine form: platforms"] = await expanded(pilot, app, "platform")
    await pilot.press("escape")
    await wait_for(pilot, lambda: not isinstance(app.screen, RoutineForm), what="form closed")

    await pilot.press("2")
    await pilot.pause(0.05)
    take("month")

    await pilot.press("3")
    await settle(pilot, app)
    await pilot.pause(0.05)
    take("contacts")
    await pilot.press("e")
    await on(pilot, app, ContactForm)
    take("contact form")
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("l")
    await on(pilot, app, LogForm)
    app.screen.query_one("#exchange", Select).value = "asked"
    await pilot.pause(0.05)
    take("log form")
    shown["log form: hint"] = "\n".join(screen_lines(app, app.screen.query_one("#ask-hint")))
    await pilot.press("escape", "y")  # the form was changed: discard it
    await pilot.pause()
    await pilot.press("d")
    await on(pilot, app, ConfirmDelete)
    take("delete")
    await pilot.press("n")
    await pilot.pause()
    await pilot.press("R")
    await on(pilot, app, ReviewScreen)
    take("review")
    await pilot.press("c")
    await on(pilot, app, CadenceForm)
    take("cadence")
    await pilot.press("escape")
    await on(pilot, app, ReviewScreen)
    await pilot.press("escape")
    await pilot.pause()

    await pilot.press("4")
    await pilot.pause(0.05)
    take("goals")
    await pilot.press("plus")  # a counted goal: a notice names it
    await wait_for(pilot, lambda: "automatically" in "\n".join(screen_lines(app)), what="toast")
    take("goals: notice")
    await pilot.press("e")
    await on(pilot, app, GoalForm)
    take("goal form")
    shown["goal form: routines"] = await expanded(pilot, app, "routine")
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("S")
    await on(pilot, app, StrategyForm)
    take("strategy form")
    shown["strategy form: themes"] = await expanded(pilot, app, "theme")
    await pilot.press("escape")
    await pilot.pause()
    return shown


# --- 1. markup is text ------------------------------------------------------------------


async def test_markup_in_every_field_is_shown_as_written(tmp_path: Path) -> None:
    app = make_app(hostile_store(tmp_path / "store", MARKUP))
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        shown = await tour(pilot, app)
    # No MarkupError anywhere, and "[PhD]" kept where the text is shown.
    m = MARKUP
    where = {
        "week": ["Post [/] [PhD]", "Jane [/] [PhD]"],
        "routine form": [f"Post {m}", "Mastodon[/] [PhD]"],
        "routine form: platforms": ["LinkedIn", "Mastodon[/] [PhD]"],
        "month": [f"Write {m}"],
        "contacts": ["Jane [/] [PhD] [b…", f"Jane {m}", f"#mentor{m}", f"Notes {m}"],
        "contact form": [f"Jane {m}"],
        "log form": [f"Log with Jane {m}", f"hiking {m}"],
        "log form: hint": ["Jane [/] [PhD]"],
        "delete": [f"Delete Jane {m}"],
        "review": [f"Jane {m}", f"mentor{m}"],
        "cadence": [f"Check in with Jane {m}"],
        "goals": [f"Counted {m}", f"Done {m}", f"posts {m}", "3/3 talks [/] [PhD]", f"Theme {m}"],
        "goals: notice": ["“Counted [/] [PhD]"],
        "goal form": [f"Counted {m}", "Post [/] [PhD]"],
        "goal form: routines": [f"Post {m} (week)"],
        "strategy form": [f"Theme {m}", "Mastodon[/] [PhD]"],
        "strategy form: themes": [f"Theme {m}"],
    }
    assert set(where) == set(shown)
    for place, needles in where.items():
        for needle in needles:
            assert needle in shown[place], f"{place}: {needle!r} not on screen"


# --- 2. no escape sequence reaches the terminal -----------------------------------------


async def test_escape_sequences_in_the_files_never_reach_the_terminal(tmp_path: Path) -> None:
    app = make_app(hostile_store(tmp_path / "store", ESCAPES))
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        shown = await tour(pilot, app)
    for place, text in shown.items():
        assert "\x1b" not in text and "\x07" not in text, f"{place}: {text!r}"
    # The rest of the payload is shown as the harmless text it now is.
    assert "Post ]52;c;aGk=[31m" in shown["week"]
    assert "Jane ]52;c;aGk=[31m" in shown["delete"]
    assert "Theme ]52;c;aGk=[31m" in shown["strategy form: themes"]


# --- 3. wide characters keep the columns ------------------------------------------------

CJK_TITLE = "社交メディアで投稿に反応する"
CJK_MONTH = "業界イベントに参加して名刺を交換し、フォローアップする"
EMOJI_TITLE = "🎉 Launch party"
CJK_NAME = "山田太郎・社交メディア研究所"


def wide_store(folder: Path) -> Store:
    store = Store(folder)
    store.ensure()
    store.load()
    plan = Plan(
        routines=[
            routine("engage", title="Engage with posts", target=3),
            routine("cjk", title=CJK_TITLE, target=3),
            routine("emoji", title=EMOJI_TITLE, target=1),
            routine("write", period="month", title="Write an industry article"),
            routine("cjk-month", period="month", title=CJK_MONTH),
        ],
        completions={D("2026-11-24"): {"cjk": 2, "emoji": 1}},
    )
    people = ContactBook(
        contacts=[
            contact("yamada", name=CJK_NAME, follow_up=D("2026-11-20")),
            contact("taro", name="山田太郎", follow_up=D("2026-11-22")),
        ]
    )
    store.save(plan=plan, contacts=people, journal=journal())
    return Store(folder)


def grid_lines(app, pane) -> list[str]:
    return screen_lines(app, app.query_one(pane).query_one(RoutineGrid))


def assert_aligned(lines: list[str], rows: dict[str, str]) -> None:
    """The header shows Streak; each row shows its done/target and its streak, each ending or
    starting in the same terminal cell on every row."""
    header = "\n".join(lines[:2])
    assert "Streak" in header, header
    starts = set()
    for title, done in rows.items():
        line = next((line for line in lines if title in line), None)
        assert line is not None, f"no row for {title!r} in {lines}"
        assert done in line, f"{done} not shown: {line!r}"
        assert "↑" in line, f"no streak shown: {line!r}"
        done_end = cell_len(line[: line.index(done) + len(done)])
        starts.add((done_end, cell_len(line[: line.index("↑")])))
    assert len(starts) == 1, f"done/target or streak not aligned: {lines}"


async def test_wide_characters_keep_the_grids_and_the_agenda_aligned(tmp_path: Path) -> None:
    app = make_app(wide_store(tmp_path / "store"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.pause(0.1)
        week = grid_lines(app, WeekPane)
        assert_aligned(week, {"Engage": "0/3", "社交メディア": "2/3", "🎉 Launch": "1/1"})
        # Follow-ups: each name with how overdue it is (Reach out does not repeat them).
        agenda = [line for line in screen_lines(app) if "山田" in line]
        assert len(agenda) == 2, agenda
        for line in agenda:
            assert "overdue" in line, line
        await pilot.press("2")
        await pilot.pause(0.05)
        month = grid_lines(app, MonthPane)
        assert_aligned(month, {"Write an": "0/1", "業界イベント": "0/1"})
