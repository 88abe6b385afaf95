"""When two records are the same person: the keys an import's merge and `duplicates` compare.

One home for each rule, so an import and the duplicate finder never disagree on what "the same
LinkedIn URL" or "the same email" means.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import unquote


def linkedin_key(url: str | None) -> str | None:
    """A LinkedIn URL as compared: no case, scheme, `www.`/country host, query or end slash.

    `https://www.linkedin.com/in/JaneDoe/` and `linkedin.com/in/janedoe` give the same key.
    """
    if not url:
        return None
    text = url.strip()
    if "://" in text:
        text = text.split("://", 1)[1]
    text = text.split("?", 1)[0].split("#", 1)[0]
    host, _, path = text.partition("/")
    host = host.casefold().rstrip(".")
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        host = "linkedin.com"
    if "%" in path:
        path = unquote(path)
    path = path.casefold().strip("/")
    key = f"{host}/{path}" if path else host
    return key or None


def is_linkedin(url: str) -> bool:
    key = linkedin_key(url)
    return key is not None and (key == "linkedin.com" or key.startswith("linkedin.com/"))


def email_key(email: str | None) -> str | None:
    """An email as compared: without case or surrounding space."""
    key = (email or "").strip().casefold()
    return key or None


def fold(text: str | None) -> str:
    """Without case, runs of whitespace as one space: "ACME  Corp " is "acme corp"."""
    return " ".join((text or "").casefold().split())


def fold_name(text: str | None) -> str:
    """A name as compared: `fold`, and without accents (NFKD, combining marks dropped), so
    "José  García" is "jose garcia". Casefold comes first: it can itself add combining marks
    ("İ" → "i̇"). Letters that do not decompose (ø, ł) stay: other scripts must not vanish."""
    folded = fold(text)
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())
