"""Every real LinkedIn archive sample, imported through the command line as a user would:
exit 0, a store that loads, activity with stable ids, and a second import that adds nothing.
The samples are read from ../shared/real-corpus (never copied into the repository)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run
from corpus_helpers import corpus_folders, needs_corpus

from netplan.store import Store

SAMPLES = corpus_folders("linkedin-archive")


@needs_corpus
@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
def test_each_real_archive_imports_and_a_second_import_adds_nothing(
    tmp_path: Path, sample: Path
) -> None:
    folder = tmp_path / "s"
    first = run("import", "linkedin", str(sample), data=folder)
    assert first.returncode == 0, first.stderr
    assert "Imported LinkedIn activity from" in first.stdout
    snap = Store(folder).load()
    ids = [a.id for a in snap.activity.activity]
    assert len(ids) == len(set(ids))
    written = {p.name: p.read_bytes() for p in folder.glob("*.toml")}
    again = run("import", "linkedin", str(sample), data=folder)
    assert again.returncode == 0, again.stderr
    assert "0 activity items and 0 interactions added" in again.stdout
    assert {p.name: p.read_bytes() for p in folder.glob("*.toml")} == written


@needs_corpus
def test_all_real_archives_at_once_import_what_each_gives(tmp_path: Path) -> None:
    together = tmp_path / "together"
    result = run("import", "linkedin", *map(str, SAMPLES), data=together)
    assert result.returncode == 0, result.stderr
    one_by_one = tmp_path / "apart"
    for sample in SAMPLES:
        assert run("import", "linkedin", str(sample), data=one_by_one).returncode == 0
    left, right = Store(together).load().activity, Store(one_by_one).load().activity
    assert sorted(a.id for a in left.activity) == sorted(a.id for a in right.activity)
    kinds = {a.kind.value for a in left.activity}
    assert {"comment", "reaction", "share", "article", "invitation", "event"} <= kinds
    assert "endorsement-received" in kinds
