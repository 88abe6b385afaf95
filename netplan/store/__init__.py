"""The store folder and its files: the only package that reads or writes them.

`Store` (core) loads and saves; `codec` turns bytes into models and back, `messages` says what
is wrong with a file, `fingerprints` notices someone else's change, `backups` keeps earlier
versions, `writer` replaces files all or nothing, `folder` knows the layout.
"""

from netplan.store.backups import Version
from netplan.store.codec import decode, encode
from netplan.store.core import Snapshot, Store
from netplan.store.folder import BACKUP_DIR, FILES, OPTIONAL, REQUIRED, FileName, resolve_folder
from netplan.store.messages import ConflictError, StoreError, UnsavableError

__all__ = [
    "BACKUP_DIR",
    "FILES",
    "OPTIONAL",
    "REQUIRED",
    "ConflictError",
    "FileName",
    "Snapshot",
    "Store",
    "StoreError",
    "UnsavableError",
    "Version",
    "decode",
    "encode",
    "resolve_folder",
]
