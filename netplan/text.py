"""Text made safe for where it goes, and the one way a name becomes an id.

Text in the store was written by a person or an import and may hold anything. Each sink has
one function here:

- `for_screen`: for the app's widgets (control characters removed; line breaks only where
  the widget shows several lines). Widgets also never parse it as markup.
- `for_terminal`: for the command line's output (control characters shown as `\\x1b`, so
  nothing written to the terminal can start an escape sequence).
- `for_file`: for files other programs read (exports): control characters other than line
  breaks removed, line breaks normalised to `\\n`.
- `single_line` / `multiline`: what an import or a form keeps of a field it reads;
  `strip_invisible`: a field without the invisible marks at its edges.

`slugify` turns a name or title into the readable part of an id, the same way for the forms,
the imports and the demo.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 control characters and DEL, but tab and line feed (ESC starts escape sequences).
_SCREEN_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SCREEN_BREAKS = re.compile(r"[\t\n\r]+")
_FILE_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SPACING = re.compile(r"[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]")
# Invisible format characters that copy-paste and bidi-aware editors leave at a field's edges
# (a left-to-right mark before a name, a zero-width space after it): bidi marks, embeddings and
# isolates, zero-width space/joiners, word joiner, byte-order mark.
_MARKS = "\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
_EDGES = re.compile(f"^[\\s{_MARKS}]+|[\\s{_MARKS}]+$")

SLUG_MAX = 60


def for_screen(value: str | None, multiline: bool = False) -> str:
    """The text without control characters; line breaks kept only when multiline."""
    value = _SCREEN_CONTROL.sub("", value or "")
    return value if multiline else _SCREEN_BREAKS.sub(" ", value)


def for_terminal(text: str, line_breaks: str | None = None) -> str:
    """Text for the terminal: characters that are not printable shown as `\\x..` escapes.

    With `line_breaks` (say " / "), a line break is replaced by it instead of escaped.
    """
    if text.isprintable():
        return text
    if line_breaks is not None:
        text = text.replace("\r\n", "\n")
    return "".join(
        ch
        if ch.isprintable()
        else (line_breaks if line_breaks is not None and ch == "\n" else f"\\x{ord(ch):02x}")
        for ch in text
    )


def for_file(text: str) -> str:
    """Text for another program: control characters other than line breaks removed."""
    return _FILE_CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def single_line(value: object) -> str:
    """A single-line field: no control characters, whitespace runs collapsed, NFC, stripped
    (of invisible marks at the edges too: `strip_invisible`).

    A line break inside a field becomes a space rather than gluing two words.
    """
    if not isinstance(value, str):
        return ""
    if not value.isprintable():
        value = _CONTROL.sub("", _SPACING.sub(" ", value))
    if not value.isascii():
        value = strip_invisible(unicodedata.normalize("NFC", value))
    return " ".join(value.split())


def strip_invisible(text: str) -> str:
    """`text` without invisible marks (U+200E, U+FEFF …) or whitespace at its start and end,
    so a name matches what it shows. Inside, where they join an emoji or order a name, they
    stay."""
    return text if text.isascii() else _EDGES.sub("", text)


def multiline(value: object) -> str:
    """A multi-line field (notes): line breaks kept as \\n, other control characters removed."""
    if not isinstance(value, str):
        return ""
    text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _SCREEN_CONTROL.sub("", text)
    lines = [line.rstrip() for line in unicodedata.normalize("NFC", text).split("\n")]
    return "\n".join(lines).strip()


# Latin letters that Unicode decomposition does not reduce to ASCII.
_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
    }
)


def _ascii(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if ord(ch) < 128)


def slugify(text: str) -> str:
    """ASCII lower-case words joined by dashes: `Søren Æbelø` → `soren-aebelo`,
    `Zoë O'Brien-Smith` → `zoe-o-brien-smith`; empty when nothing Latin is left."""
    words = "".join(ch if ch.isalnum() else " " for ch in _ascii(text).lower()).split()
    return "-".join(words)[:SLUG_MAX].strip("-")
