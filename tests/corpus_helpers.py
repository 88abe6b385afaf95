"""The real-export corpus (../shared/real-corpus beside the checkout; CI has it there too).

Tests read its files where they are and never copy them into the repository. Without the
folder they are skipped, saying where it was looked for.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "real-corpus"

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"the real-export corpus is not at {CORPUS} (it sits beside the checkout on CI)",
)


def corpus_files(folder: str, *suffixes: str) -> list[Path]:
    """The corpus files of one folder (vcard, linkedin), sorted; [] without the corpus."""
    where = CORPUS / folder
    if not where.is_dir():
        return []
    return sorted(p for p in where.iterdir() if p.is_file() and p.suffix.lower() in suffixes)


def corpus_folders(folder: str) -> list[Path]:
    """The sub-folders of one corpus folder (linkedin-archive), sorted; [] without the corpus."""
    where = CORPUS / folder
    if not where.is_dir():
        return []
    return sorted(p for p in where.iterdir() if p.is_dir())
