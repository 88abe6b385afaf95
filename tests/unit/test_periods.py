from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netplan.domain.periods import (
    MonthWeek,
    month_end,
    month_label,
    month_record_day,
    month_start,
    month_weeks,
    parse_day,
    period_range,
    shift_period,
    week_days,
    week_label,
    week_start_of,
    week_title,
)
from netplan.models import Period, WeekStart

D = date.fromisoformat
MON, SUN = WeekStart.monday, WeekStart.sunday
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


def test_week_start_monday_and_sunday() -> None:
    wednesday = D("2026-11-25")
    assert week_start_of(wednesday, MON) == D("2026-11-23")
    assert week_start_of(wednesday, SUN) == D("2026-11-22")
    # A Sunday opens its own Sunday-start week but closes the Monday-start one.
    sunday = D("2026-11-29")
    assert week_start_of(sunday, SUN) == sunday
    assert week_start_of(sunday, MON) == D("2026-11-23")
    monday = D("2026-11-23")
    assert week_start_of(monday, MON) == monday
    assert week_start_of(monday, SUN) == D("2026-11-22")


def test_week_days() -> None:
    assert week_days(D("2026-11-25"), MON) == [D("2026-11-23") + timedelta(i) for i in range(7)]
    sunday_week = week_days(D("2026-11-25"), SUN)
    assert sunday_week[0] == D("2026-11-22") and sunday_week[-1] == D("2026-11-28")


@pytest.mark.parametrize(
    ("day", "week_start", "label"),
    [
        ("2026-11-25", MON, "2026-W48"),
        ("2026-11-25", SUN, "2026-W48"),
        ("2026-12-31", MON, "2026-W53"),
        ("2027-01-01", MON, "2026-W53"),
        ("2027-01-03", MON, "2026-W53"),
        ("2027-01-04", MON, "2027-W01"),
        ("2027-01-01", SUN, "2026-W53"),
        ("2027-01-03", SUN, "2027-W01"),  # Sunday starts the week holding Monday Jan 4
        ("2020-12-31", MON, "2020-W53"),
        ("2021-01-03", MON, "2020-W53"),
        ("2024-12-30", MON, "2025-W01"),  # the ISO year runs ahead of the calendar here
        ("2024-12-29", SUN, "2025-W01"),
        ("2024-12-28", SUN, "2024-W52"),
    ],
)
def test_week_label(day: str, week_start: WeekStart, label: str) -> None:
    assert week_label(D(day), week_start) == label


@given(days)
def test_week_label_is_iso_week_of_the_monday_inside(day: date) -> None:
    for week_start in (MON, SUN):
        monday = next(d for d in week_days(day, week_start) if d.weekday() == 0)
        year, week, _ = monday.isocalendar()
        assert week_label(day, week_start) == f"{year}-W{week:02d}"
        assert all(
            week_label(d, week_start) == week_label(day, week_start)
            for d in week_days(day, week_start)
        )


def test_week_title() -> None:
    assert week_title(D("2026-11-25"), MON) == "2026-W48 · Nov 23–29"
    assert week_title(D("2026-12-02"), MON) == "2026-W49 · Nov 30–Dec 6"
    assert week_title(D("2026-11-25"), SUN) == "2026-W48 · Nov 22–28"
    assert week_title(D("2027-01-01"), MON) == "2026-W53 · Dec 28–Jan 3"


def test_month_helpers() -> None:
    assert month_start(D("2026-11-25")) == D("2026-11-01")
    assert month_end(D("2026-11-25")) == D("2026-11-30")
    assert month_end(D("2028-02-10")) == D("2028-02-29")
    assert month_end(D("2027-02-10")) == D("2027-02-28")
    assert month_end(D("2026-12-01")) == D("2026-12-31")
    assert month_label(D("2026-11-25")) == "November 2026"
    assert month_label(D("2027-01-01")) == "January 2027"


def test_month_label_ignores_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    import locale

    try:
        locale.setlocale(locale.LC_TIME, "de_DE.UTF-8")
    except locale.Error:
        pytest.skip("German locale not installed")
    try:
        assert month_label(D("2026-03-01")) == "March 2026"
        assert week_title(D("2026-03-04"), MON).endswith("Mar 2–8")
    finally:
        locale.setlocale(locale.LC_TIME, "C")


def test_period_range() -> None:
    assert period_range(Period.week, D("2026-11-25"), MON) == (D("2026-11-23"), D("2026-11-29"))
    assert period_range(Period.week, D("2026-11-25"), SUN) == (D("2026-11-22"), D("2026-11-28"))
    assert period_range(Period.month, D("2026-11-25"), SUN) == (D("2026-11-01"), D("2026-11-30"))


def test_shift_period_weeks() -> None:
    assert shift_period(Period.week, D("2026-11-25"), 1, MON) == D("2026-12-02")
    assert shift_period(Period.week, D("2026-11-25"), -2, SUN) == D("2026-11-11")
    assert shift_period(Period.week, D("2026-12-30"), 1, MON) == D("2027-01-06")


def test_shift_period_months_clamps_day() -> None:
    assert shift_period(Period.month, D("2027-01-31"), 1, MON) == D("2027-02-28")
    assert shift_period(Period.month, D("2028-01-31"), 1, MON) == D("2028-02-29")
    assert shift_period(Period.month, D("2026-03-31"), -1, MON) == D("2026-02-28")
    assert shift_period(Period.month, D("2026-11-25"), 2, MON) == D("2027-01-25")
    assert shift_period(Period.month, D("2026-01-15"), -13, MON) == D("2024-12-15")
    assert shift_period(Period.month, D("2026-11-25"), 0, MON) == D("2026-11-25")


@given(days, st.integers(-30, 30))
def test_shift_period_lands_n_periods_away(day: date, n: int) -> None:
    shifted = shift_period(Period.month, day, n, MON)
    assert (shifted.year * 12 + shifted.month) - (day.year * 12 + day.month) == n
    for week_start in (MON, SUN):
        moved = shift_period(Period.week, day, n, week_start)
        delta = week_start_of(moved, week_start) - week_start_of(day, week_start)
        assert delta == timedelta(days=7 * n)


def test_month_weeks_monday() -> None:
    weeks = month_weeks(D("2026-11-15"), MON)
    assert [w.label for w in weeks] == [
        "2026-W44",
        "2026-W45",
        "2026-W46",
        "2026-W47",
        "2026-W48",
        "2026-W49",
    ]
    first, last = weeks[0], weeks[-1]
    assert first == MonthWeek(D("2026-10-26"), D("2026-11-01"), D("2026-11-01"), "2026-W44")
    assert last == MonthWeek(D("2026-11-30"), D("2026-11-30"), D("2026-11-30"), "2026-W49")
    # The clipped parts tile the month exactly.
    covered = [w.first + timedelta(i) for w in weeks for i in range((w.last - w.first).days + 1)]
    assert covered == [D("2026-11-01") + timedelta(i) for i in range(30)]


def test_month_weeks_sunday_and_exact_fit() -> None:
    # February 2026 starts on a Sunday and has 28 days: four whole Sunday-start weeks.
    weeks = month_weeks(D("2026-02-10"), SUN)
    assert len(weeks) == 4
    assert all(w.start == w.first for w in weeks)
    assert weeks[-1].last == D("2026-02-28")
    assert len(month_weeks(D("2026-02-10"), MON)) == 5


def test_month_weeks_december_labels_cross_year() -> None:
    weeks = month_weeks(D("2026-12-01"), MON)
    assert weeks[-1].label == "2026-W53"
    assert weeks[-1].first == D("2026-12-28") and weeks[-1].last == D("2026-12-31")
    january = month_weeks(D("2027-01-20"), MON)
    assert january[0].label == "2026-W53"
    assert january[0].start == D("2026-12-28") and january[0].first == D("2027-01-01")


def test_month_record_day() -> None:
    weeks = month_weeks(D("2026-11-15"), MON)
    today = D("2026-11-25")
    assert month_record_day(weeks[4], today) == today  # the week holding today
    assert month_record_day(weeks[1], today) == D("2026-11-02")
    # The first week starts in October: the completion goes on Nov 1, inside the month.
    assert month_record_day(weeks[0], today) == D("2026-11-01")
    # Today sits in the real week but outside the month part: first day inside the month.
    assert month_record_day(weeks[0], D("2026-10-28")) == D("2026-11-01")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-02-28", "2026-02-28"),
        (" 2028-02-29 ", "2028-02-29"),
        ("today", "2026-11-25"),
        ("Today", "2026-11-25"),
        ("yesterday", "2026-11-24"),
        ("tomorrow", "2026-11-26"),
        ("+3d", "2026-11-28"),
        ("-30d", "2026-10-26"),
        ("+0d", "2026-11-25"),
        ("+2w", "2026-12-09"),
        ("-1w", "2026-11-18"),
        ("+7d", "2026-12-02"),
    ],
)
def test_parse_day(text: str, expected: str) -> None:
    assert parse_day(text, D("2026-11-25")) == D(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "soon",
        "2026-02-29",
        "2026-13-01",
        "26-11-25",
        "20261125",
        "3d",
        "+d",
        "+3m",
        "+-3d",
        "2026-W48-1",
        "+999999w",
    ],
)
def test_parse_day_rejects(text: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_day(text, D("2026-11-25"))
    assert str(info.value)
