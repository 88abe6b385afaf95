"""Time a save at 30,000 contacts: one contact edited, one interaction logged, one check-off.

    python benchmarks/save.py [--runs N]

Each save goes through the store as the app's save thread does (encode, read back, lock,
compare with the disk, back up, write, replace). Prints medians, min and max in seconds.
Run it with PYTHONPATH pointing at another checkout to compare two versions.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from stores import make_store  # noqa: E402

try:
    from netplan.domain.routines import add_completions
except ImportError:  # a checkout from before the domain package (for comparisons)
    from netplan.progress import add_completions  # type: ignore[no-redef]
from netplan.models import Interaction  # noqa: E402
from netplan.store import Store  # noqa: E402


def timed(action) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    results: dict[str, list[float]] = {"contact edit": [], "log (two files)": [], "check-off": []}
    with tempfile.TemporaryDirectory() as temp:
        folder = make_store(Path(temp) / "30k", "30k")
        store = Store(folder)
        snapshot = store.load()
        book, journal, plan = snapshot.contacts, snapshot.journal, snapshot.plan
        for run in range(args.runs):
            index = 1000 + run
            edited = book.contacts[index].model_copy(update={"notes": f"Edited {run}."})
            contacts = [edited if n == index else c for n, c in enumerate(book.contacts)]
            book = book.model_copy(update={"contacts": contacts})
            results["contact edit"].append(timed(lambda: store.save(contacts=book)))  # noqa: B023
            entry = Interaction(
                id=f"i-bench-{run}", contact=book.contacts[index].id, on=date.today()
            )
            journal = journal.model_copy(update={"interactions": [*journal.interactions, entry]})
            followed = book.contacts[index].model_copy(update={"follow_up": date(2027, 1, 1 + run)})
            book = book.model_copy(
                update={
                    "contacts": [followed if n == index else c for n, c in enumerate(book.contacts)]
                }
            )
            results["log (two files)"].append(
                timed(lambda: store.save(journal=journal, contacts=book))  # noqa: B023
            )
            plan = add_completions(plan, plan.routines[0].id, date(2026, 11, 1 + run), 1)
            results["check-off"].append(timed(lambda: store.save(plan=plan)))  # noqa: B023
    print(f"{'save at 30,000 contacts (s)':36} {'median':>8} {'min':>8} {'max':>8}")
    for name, values in results.items():
        print(f"{name:36} {statistics.median(values):8.3f} {min(values):8.3f} {max(values):8.3f}")


if __name__ == "__main__":
    main()
