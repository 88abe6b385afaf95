"""The order in which one save writes several files: the one that keeps the store loadable
should netplan die between two of them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from netplan.store.folder import FILES, FileName


def write_order(models: Mapping[str, Any], contact_ids: set[str] | None) -> list[FileName]:
    """The files of `models` in writing order; `contact_ids` are the ids contacts.toml held
    as last read or written (None: not known).

    Interactions and activity name contacts, so new contacts are written before the files
    that name them, and a file that no longer names a contact before that contact goes.
    """
    order = [n for n in FILES if n in models]
    if "contacts" not in models or contact_ids is None:
        return order
    new_ids = {c.id for c in models["contacts"].contacts}
    added = new_ids - contact_ids
    if not contact_ids - new_ids:
        return order
    for name in ("journal", "activity"):
        if name in models and not _names_of(name, models[name]) & added:
            order.remove(name)
            order.insert(order.index("contacts"), name)
    return order


def _names_of(name: FileName, model: Any) -> set[str]:
    """The contact ids a journal or an activity log names."""
    if name == "journal":
        return {p for i in model.interactions for p in (i.contact, *i.with_)}
    return {a.contact for a in model.activity if a.contact is not None}
