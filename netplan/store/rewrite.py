"""A file's new bytes: its old text with only what changed changed, read back before use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from netplan.models import Activity, Contact, Interaction
from netplan.store.codec import decode, encode, normalized
from netplan.store.folder import FILES, FileName
from netplan.store.messages import StoreError, UnsavableError
from netplan.store.splice import Changed
from netplan.store.splice_bytes import spliced_changes

# A spliced file at least this big is read back unit by unit (see check_units): reading
# back all of a 48 MB journal to add one entry was a quarter of a `netplan log`. Smaller
# files are read back whole, which also proves the parts between the units.
WHOLE_CHECK_BELOW = 1 << 20
RECORD_MODELS: dict[str, type[BaseModel]] = {
    "contacts": Contact,
    "interactions": Interaction,
    "activity": Activity,
}


def rewritten(
    name: FileName,
    known: tuple[bytes, Any] | None,
    model: BaseModel,
    unchanged: Callable[[bytes], bool] = lambda _data: False,
) -> bytes:
    """`model`'s bytes: `known` (a file's bytes and the model they read as) with only what
    changed changed (see splice), or the whole file written anew; read back either way,
    except bytes `unchanged` says the file holds already. UnsavableError when they would not
    read back the same. The store's saves and `netplan merge-driver` write through this."""
    if known is not None:
        found = spliced_changes(name, known[0], known[1], model)
        if found is not None:
            data, changed = found
            try:
                if len(data) < WHOLE_CHECK_BELOW or not check_units(name, model, changed):
                    check_round_trip(name, model, data)
            except StoreError:
                pass  # a case splice does not follow: the whole file is written instead
            else:
                return data
    try:
        data = encode(model)
    except StoreError as error:
        message = str(error).replace("refusing to save", f"refusing to save {FILES[name]}")
        raise type(error)(message) from None
    if not unchanged(data):  # unchanged: read already
        check_round_trip(name, model, data)
    return data


def check_round_trip(name: FileName, model: BaseModel, data: bytes) -> None:
    """Never write what cannot be read back as the same data."""
    try:
        again = decode(name, data)
    except StoreError as error:
        raise UnsavableError(f"refusing to save {FILES[name]}: {error}") from None
    if again != normalized(model):
        raise UnsavableError(
            f"refusing to save {FILES[name]}: it would not read back the same (a bug)"
        )


def check_units(name: FileName, model: BaseModel, changed: list[Changed]) -> bool:
    """Read back only what a splice wrote: each new or patched record alone must read as
    exactly that record, and the rules that span records (unique ids) must hold for the
    whole model. Every other byte is the old text's, which read as the old model, unit for
    unit (tests/faults/test_surgical_saves.py checks that against whole read-backs). False
    when the file should be read back whole instead (plan.toml, a changed head)."""
    if name == "plan":
        return False
    for region, expected, text in changed:
        model_type = RECORD_MODELS.get(region)
        if model_type is None:
            return False
        if unit_record(text, region, model_type) != expected:
            raise UnsavableError(
                f"refusing to save {FILES[name]}: a record would not read back the same (a bug)"
            )
    try:
        model._unique_ids()  # type: ignore[attr-defined]
    except ValueError as error:
        raise UnsavableError(f"refusing to save {FILES[name]}: {error}") from None
    return True


def unit_record(text: str, array: str, model_type: type[BaseModel]) -> BaseModel | None:
    """The one record of `array` a unit of a file holds, read alone by tomllib (the
    reference) and validated; None when it does not parse, holds anything else or another
    number of records (a header missed would put two in one unit), or fails validation."""
    import tomllib

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None
    records = document.get(array) if len(document) == 1 else None
    if not isinstance(records, list) or len(records) != 1:
        return None
    try:
        return model_type.model_validate(records[0])
    except ValueError:
        return None
