"""The helpers of benchmarks/scale.py measure what they say (no timings asserted here)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from cli_helpers import run

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import scale
from contacts import build


def test_sizes_read_as_contacts_and_interactions() -> None:
    assert scale.parse_sizes("1k/10k,30k/300k,100k/1M,5/7") == {
        "1k/10k": (1_000, 10_000),
        "30k/300k": (30_000, 300_000),
        "100k/1M": (100_000, 1_000_000),
        "5/7": (5, 7),
    }


@pytest.mark.parametrize(
    ("points", "words"),
    [
        ([(1_000, 2.0), (10_000, 2.1), (100_000, 2.0)], "constant"),
        ([(1_000, 1.0), (10_000, 3.0), (100_000, 9.0)], "sub-linear"),
        ([(1_000, 1.0), (10_000, 10.0), (100_000, 100.0)], "linear"),
        ([(1_000, 1.0), (10_000, 100.0)], "worse"),
    ],
)
def test_growth_in_words(points, words) -> None:
    assert scale.growth(points).split()[0] == words


def test_backups_count_a_hard_linked_file_once_and_say_what_is_shared(tmp_path: Path) -> None:
    (tmp_path / ".backups").mkdir()
    live = tmp_path / "journal.toml"
    live.write_bytes(b"x" * 100_000)
    os.link(live, tmp_path / ".backups" / "journal.toml.1")
    old = tmp_path / ".backups" / "journal.toml.0"
    old.write_bytes(b"y" * 50_000)
    os.link(old, tmp_path / ".backups" / "journal.toml.0-again")
    assert scale.backups_disk(tmp_path) == (0.15, 0.1)


@pytest.mark.parametrize("kind", ["value", "syntax"])
def test_a_broken_copy_fails_validate_at_the_broken_line(tmp_path: Path, kind: str) -> None:
    store = build(tmp_path / "store", 20, 400)
    before = (store / "journal.toml").read_bytes()
    copy = scale.broken_copy(store, tmp_path / "broken", kind)
    assert (store / "journal.toml").read_bytes() == before  # the copy is broken, not the store
    done = run("validate", data=copy)
    assert done.returncode != 0
    message = done.stderr.strip().splitlines()[0]
    assert "journal.toml, line " in message
    line = int(message.split("line ")[1].split(":")[0].split(",")[0])
    assert line > 0.98 * len((copy / "journal.toml").read_text().splitlines())
    if kind == "value":
        assert scale.names_all(message) == "✓"
        assert "minutes" in message
