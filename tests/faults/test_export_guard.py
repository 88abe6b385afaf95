"""`netplan export` never writes onto the store's own files or into its backups.

An export replaces its target with no backup: aimed at plan.toml, directly, through `..`, a
symlink or a hard link, it would destroy the store with exit status 0. It must refuse (exit
status 1, a message naming the path) and change no byte of anything.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from faults_helpers import demo_store

from netplan.cli import main
from netplan.store import BACKUP_DIR

TODAY = "2026-11-25"
FORMATS = ["ics", "json", "csv"]
OWN = "one of netplan's own files"


def tree(root: Path) -> dict[str, object]:
    """Every path under root: a file's bytes, a symlink's target, or "dir"."""
    found: dict[str, object] = {}
    for where, dirs, names in os.walk(root):
        for name in dirs + names:
            path = Path(where) / name
            key = str(path.relative_to(root))
            if path.is_symlink():
                found[key] = ("link", os.readlink(path))
            elif path.is_dir():
                found[key] = "dir"
            else:
                found[key] = path.read_bytes()
    return found


def export(folder: Path, kind: str, target: Path) -> int:
    environ = {"NETPLAN_DATA": str(folder), "NETPLAN_TODAY": TODAY}
    return main(["export", kind, str(target)], environ=environ)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    folder = demo_store(tmp_path / "store").folder
    assert (folder / BACKUP_DIR).is_dir()
    (tmp_path / "elsewhere").mkdir()
    return folder


def direct(folder: Path) -> Path:
    return folder / "plan.toml"


def through_dotdot(folder: Path) -> Path:
    (folder / "sub").mkdir()
    return folder / "sub" / ".." / "plan.toml"


def through_symlink(folder: Path) -> Path:
    link = folder.parent / "elsewhere" / "link"
    link.symlink_to(folder / "contacts.toml")
    return link


def through_hard_link(folder: Path) -> Path:
    link = folder.parent / "elsewhere" / "hard"
    os.link(folder / "journal.toml", link)
    return link


def into_backups(folder: Path) -> Path:
    return folder / BACKUP_DIR / "export"


def through_a_link_to_backups(folder: Path) -> Path:
    link = folder.parent / "elsewhere" / "backups"
    link.symlink_to(folder / BACKUP_DIR, target_is_directory=True)
    return link / "export"


WAYS: dict[str, Callable[[Path], Path]] = {
    "direct": direct,
    "dotdot": through_dotdot,
    "symlink": through_symlink,
    "hard-link": through_hard_link,
    "into-backups": into_backups,
    "symlink-to-backups": through_a_link_to_backups,
}


@pytest.mark.parametrize("way", list(WAYS))
@pytest.mark.parametrize("kind", FORMATS)
def test_export_refuses_the_stores_own_files(
    store: Path, capsys: pytest.CaptureFixture[str], kind: str, way: str
) -> None:
    target = WAYS[way](store)
    before = tree(store.parent)
    status = export(store, kind, target)
    out, err = capsys.readouterr()
    assert status == 1, (out, err)
    assert OWN in err and str(target) in err, err
    assert len(err.strip().splitlines()) == 1, err
    assert tree(store.parent) == before


def test_export_csv_refuses_the_store_folders_backups(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree(store.parent)
    assert export(store, "csv", store / BACKUP_DIR) == 1
    assert OWN in capsys.readouterr().err
    assert tree(store.parent) == before


@pytest.mark.parametrize("link", ["symlink", "hard-link"])
def test_export_csv_refuses_a_file_in_its_folder_that_is_a_store_file(
    store: Path, capsys: pytest.CaptureFixture[str], link: str
) -> None:
    """The folder is fine, but DIR/contacts.csv is a link to contacts.toml."""
    folder = store.parent / "elsewhere" / "csv"
    folder.mkdir()
    if link == "symlink":
        (folder / "contacts.csv").symlink_to(store / "contacts.toml")
    else:
        os.link(store / "contacts.toml", folder / "contacts.csv")
    before = tree(store.parent)
    assert export(store, "csv", folder) == 1
    err = capsys.readouterr().err
    assert OWN in err and str(folder / "contacts.csv") in err, err
    assert tree(store.parent) == before


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize("inside", [False, True], ids=["elsewhere", "beside-the-store"])
def test_an_ordinary_export_still_works(
    store: Path, capsys: pytest.CaptureFixture[str], kind: str, inside: bool
) -> None:
    target = (store if inside else store.parent / "elsewhere") / f"export.{kind}"
    before = tree(store)
    assert export(store, kind, target) == 0, capsys.readouterr().err
    assert "Wrote" in capsys.readouterr().out
    written = sorted(target.iterdir()) if kind == "csv" else [target]
    assert written and all(p.stat().st_size > 0 for p in written)
    after = tree(store)
    for key in list(after):
        if key.startswith(target.name):
            del after[key]
    assert after == before
