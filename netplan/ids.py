"""Ids made from names: readable slugs, unique within their file."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection


def slugify(text: str) -> str:
    """ASCII lower-case words joined by dashes: "Zoë Müller" -> "zoe-muller"."""
    ascii_text = (
        unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")


def unique_id(text: str, taken: Collection[str], fallback: str = "item") -> str:
    """A slug of text not in taken: adds -2, -3 … on clashes; fallback-N when text has no
    Latin letters or digits."""
    base = slugify(text)
    if not base:
        number = 1
        while f"{fallback}-{number}" in taken:
            number += 1
        return f"{fallback}-{number}"
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate
