"""Bar charts drawn in cells: a y axis with a scale, bars in eighths of a cell, a dashed
target line and x labels; pure Rich, so a chart is a function of its numbers and its size.

Why not plotext (textual-plotext): tried on the 12-week trend, it drew the bars of one chart
3 to 5 cells wide (float positions rounded per bar), dropped one week label of 12 at 53 cells,
put a 90 % bar into the 100 % line, labelled a count axis 2.7 / 5.3 / 13.3 and drew grouped
bars with no gap between months; and it costs 4–6 ms a build. Here every slot and bar has
one integer width, ticks are whole numbers, and a 40-cell chart draws in well under 1 ms.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

EIGHTHS = " ▁▂▃▄▅▆▇█"
TARGET_GLYPH = "┄"
NOTHING_GLYPH = "·"  # a slot with nothing to count (no target, nothing due)
MAX_BAR = 6  # cells: wider bars read as blocks, not bars


@dataclass(frozen=True)
class Series:
    """One row of values, one per slot; None where there was nothing to count."""

    name: str
    values: tuple[float | None, ...]
    colour: str  # a theme variable: "success", "warning", …


@dataclass(frozen=True)
class Chart:
    labels: tuple[str, ...]  # one per slot, oldest first
    series: tuple[Series, ...]
    percent: bool = False  # a 0–100 % axis; otherwise whole counts from zero
    target: float | None = None  # drawn as a dashed line at that value

    @property
    def slots(self) -> int:
        return len(self.labels)


def nice_top(highest: float) -> int:
    """The least of 1, 2, 3, 4, 5, 6, 8 times a power of ten that is at least `highest`."""
    power = 1
    while True:
        for factor in (1, 2, 3, 4, 5, 6, 8):
            if factor * power >= highest:
                return factor * power
        power *= 10


def scale(chart: Chart, rows: int) -> tuple[float, list[float]]:
    """The axis top and its ticks (values to label): zero, the middle when it is a whole
    number and there is room, and the top."""
    if chart.percent:
        top = 100
    else:
        values = [v for s in chart.series for v in s.values if v is not None]
        top = nice_top(max([*values, chart.target or 0, 1]))
    middle = [top / 2] if rows >= 4 and top % 2 == 0 else []
    return float(top), [0.0, *middle, float(top)]


def tick_text(value: float, percent: bool) -> str:
    return f"{value:.0f}%" if percent else f"{value:.0f}"


def row_of(value: float, top: float, rows: int) -> int:
    """The row (0 at the bottom) holding `value`."""
    return max(0, min(rows - 1, int(value / top * rows)))


def slot_start(index: int, slots: int, plot_width: int) -> int:
    """Where slot `index` begins: the width left over is spread between the slots, so the
    chart fills its width with bars of one width and gaps that differ by a cell at most."""
    return index * plot_width // slots


def label_stride(labels: tuple[str, ...], slot: int) -> int:
    """Show every n-th label (counted back from the newest) so that they never touch."""
    widest = max((len(label) for label in labels), default=0) + 1
    return max(1, math.ceil(widest / max(1, slot)))


def draw(chart: Chart, width: int, height: int, colours: dict[str, str]) -> list[Text]:
    """`height` lines of at most `width` cells. `colours` maps each series' colour name and
    "axis" and "target" to colours Rich understands."""
    rows = max(1, height - 1)
    top, ticks = scale(chart, rows)
    tick_rows = {row_of(v, top, rows): tick_text(v, chart.percent) for v in ticks}
    gutter = max(len(text) for text in tick_rows.values())
    plot_width = max(1, width - gutter - 1)
    # Too many slots for the width: the newest ones that fit.
    slots = min(chart.slots, plot_width)
    skip = chart.slots - slots
    labels = chart.labels[skip:]
    series = [(s.values[skip:], colours.get(s.colour, "")) for s in chart.series]
    slot = plot_width // slots if slots else plot_width
    groups = len(series)
    gap = 1 if slot > groups else 0
    bar = max(1, min(MAX_BAR, (slot - gap) // groups))
    lead = (slot - gap - bar * groups) // 2  # centre the group in its slot
    axis = Style(color=colours.get("axis") or None)
    target_style = Style(color=colours.get("target") or None)
    target_row = row_of(chart.target, top, rows) if chart.target is not None else None

    # cells[row][column] = (glyph, style), row 0 at the bottom
    cells = [[(" ", Style())] * plot_width for _ in range(rows)]
    for index in range(slots):
        for group, (values, colour) in enumerate(series):
            value = values[index]
            first = slot_start(index, slots, plot_width) + lead + group * bar
            style = Style(color=colour or None)
            if value is None:
                cells[0][first + (bar - 1) // 2] = (NOTHING_GLYPH, axis)
                continue
            eighths = round(max(0.0, value) / top * rows * 8)
            if value > 0:
                eighths = max(1, eighths)
            for row in range(rows):
                fill = max(0, min(8, eighths - 8 * row))
                if fill:
                    for column in range(first, first + bar):
                        cells[row][column] = (EIGHTHS[fill], style)
    if target_row is not None:
        line = cells[target_row]
        for column, (glyph, _style) in enumerate(line):
            if glyph == " ":
                line[column] = (TARGET_GLYPH, target_style)

    lines: list[Text] = []
    for row in range(rows - 1, -1, -1):
        text = Text(no_wrap=True, end="")
        mark = tick_rows.get(row)
        text.append((mark or "").rjust(gutter) + ("┤" if mark is not None else "│"), axis)
        for glyph, style in cells[row]:
            text.append(glyph, style)
        lines.append(text)
    if height > 1:
        lines.append(x_labels(labels, slot, gutter, plot_width, axis))
    return lines[:height]


def x_labels(
    labels: tuple[str, ...], slot: int, gutter: int, plot_width: int, style: Style
) -> Text:
    """The slot labels centred under their slots, every `label_stride`-th one, the newest
    always (it is the current period)."""
    row = [" "] * plot_width
    stride = label_stride(labels, slot)
    last = len(labels) - 1
    taken = plot_width + 1  # the left edge of the label placed last (placing right to left)
    for index in range(last, -1, -1):
        if (last - index) % stride:
            continue
        label = labels[index]
        start = slot_start(index, len(labels), plot_width) + (slot - len(label)) // 2
        start = min(max(0, start), plot_width - len(label), taken - len(label) - 1)
        if start < 0:
            continue
        row[start : start + len(label)] = list(label)
        taken = start
    return Text(" " * (gutter + 1) + "".join(row), style=style, no_wrap=True, end="")
