"""A file's new bytes: its old text with only what changed changed, read back before use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from netplan.store.codec import decode, encode, normalized
from netplan.store.folder import FILES, FileName
from netplan.store.messages import StoreError, UnsavableError
from netplan.store.splice import spliced


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
        data = spliced(name, known[0], known[1], model)
        if data is not None:
            try:
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
