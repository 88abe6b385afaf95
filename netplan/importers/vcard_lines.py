"""The syntax of .vcf files, read tolerantly: bytes → cards → properties → text.

Real exports bend every rule of RFC 2425/2426/6350 and vCard 2.1, so this reader accepts
what they write instead of refusing the card:

- line ends CR LF, LF, CR, and iPhone's CR CR LF (one line end, not two);
- UTF-8 (with or without a byte-order mark), UTF-16 with or without one (detected by its
  NUL bytes), and any 8-bit charset per property (CHARSET, else UTF-8, else Windows-1252);
- folded lines (a line starting with a space or tab continues the one before) and vCard
  2.1 QUOTED-PRINTABLE soft line breaks (a value line ending in `=` continues verbatim);
- `group.NAME;params:value` in any case, a group on BEGIN/END too, 2.1 bare parameters
  (`TEL;CELL;PREF`, `;QUOTED-PRINTABLE`), names with odd characters (`X-messaging/gadu-All`).

Only the properties the importer uses are kept (`WANTED`); the others are never decoded, so
a damaged photo or an unknown property cannot cost a card. A value is decoded when it is
used, and one that cannot be read raises `Unreadable` with the reason.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re

_LINE_END = re.compile(rb"\r*\n|\r")
_VCARD_END_OF_LINE = re.compile(rb":VCARD[ \t]*$", re.I | re.M)
_MARK = re.compile(rb"(?:[A-Za-z0-9_-]+\.)?(BEGIN|END)", re.I)  # a group is allowed
_FOLDING = b" \t"
_HEAD_WITH_QUOTES = re.compile(rb'(?:[^":\n]|"[^"]*")*:')
_QUOTED_PARAM = re.compile(r'(?:[^;"]|"[^"]*")+')
_ESCAPE = re.compile(r"\\(.)", re.S)
_COMPONENT = re.compile(r"(\\.|;)", re.S)
_UNESCAPED = {"n": "\n", "N": "\n", ",": ",", ";": ";", ":": ":", "\\": "\\", '"': '"'}
_PAIRS = tuple(("\\" + k, v) for k, v in _UNESCAPED.items() if k != "\\")
_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}

WANTED = frozenset(
    {
        "FN",
        "N",
        "EMAIL",
        "TEL",
        "ORG",
        "O",  # LDAP-derived cards (RFC 2425 style) write the organisation as `o:`
        "TITLE",
        "URL",
        "X-SOCIALPROFILE",
        "NOTE",
        "CATEGORIES",
        "BDAY",
        "ANNIVERSARY",
        "X-ANNIVERSARY",
        "X-MS-ANNIVERSARY",
        "X-EVOLUTION-ANNIVERSARY",
        "X-KADDRESSBOOK-X-ANNIVERSARY",
        "X-ABDATE",
        "X-ABLABEL",
        "KIND",
        "X-ADDRESSBOOKSERVER-KIND",
    }
)
WANTED_PREFIX = "X-FCENCODED-"  # FullContact: the real name is hex-encoded after the prefix
_WANTED_BYTES = frozenset(name.encode() for name in WANTED)
_PREFIX_BYTES = WANTED_PREFIX.encode()
_NO_PARAMS: dict[str, list[str]] = {}
_PARAMS_SEEN: dict[bytes, dict[str, list[str]]] = {}
_PARAMS_SEEN_MAX = 4096


class Unreadable(Exception):
    """A property's value cannot be decoded; the message says why."""


class Prop:
    """One content line of a card: its group (lower case, "" when none), its parameters
    (names upper case, values as written) and its value, still encoded."""

    __slots__ = ("group", "params", "raw")

    def __init__(self, group: str, params: dict[str, list[str]], raw: bytes) -> None:
        self.group, self.params, self.raw = group, params, raw

    def param(self, name: str) -> list[str]:
        """The values of a parameter, comma lists split, case-folded."""
        out: list[str] = []
        for value in self.params.get(name, ()):
            out += [part.strip().casefold() for part in value.split(",")]
        return out


# --- the file --------------------------------------------------------------------------------


def decode_file(data: bytes) -> tuple[bytes, bool]:
    """The file's bytes with LF line ends, and whether they were transcoded to UTF-8 from a
    Unicode encoding (then CHARSET parameters no longer describe them)."""
    unicode = False
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data, unicode = data.decode("utf-16", "replace").encode(), True
    elif order := _utf16_without_bom(data):
        data, unicode = data.decode(order, "replace").encode(), True
    if b"\r" in data:  # replace() first: ten times faster than the pattern on big files
        data = data.replace(b"\r\r\n", b"\n").replace(b"\r\n", b"\n")
        if b"\r" in data:
            data = _LINE_END.sub(b"\n", data)
    return data, unicode


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: ASCII text has a NUL in every other byte."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if even > half * 0.3 and odd * 4 < even:
        return "utf-16-be"
    if odd > half * 0.3 and even * 4 < odd:
        return "utf-16-le"
    return None


def split_cards(data: bytes) -> tuple[list[tuple[int, bytes]], list[tuple[int, str]], bool]:
    """The cards as (line of BEGIN, the bytes between BEGIN and END), the broken ones as
    (line, reason), and whether there was any BEGIN:VCARD at all. `data` has LF line ends."""
    cards: list[tuple[int, bytes]] = []
    broken: list[tuple[int, str]] = []
    line, counted, after = 1, 0, 0
    start, start_line, began = -1, 0, False
    for found in _VCARD_END_OF_LINE.finditer(data):  # then the line's start: ten times faster
        first = data.rfind(b"\n", 0, found.start()) + 1
        mark = _MARK.fullmatch(data, first, found.start())
        if mark is None:
            continue
        line += data.count(b"\n", counted, first)
        counted = first
        if mark[1].upper() == b"BEGIN":
            if start >= 0:
                broken.append((start_line, "no END:VCARD before the next BEGIN:VCARD"))
            start, start_line, began = found.end(), line, True
        elif start >= 0:
            cards.append((start_line, data[start:first]))
            start = -1
        elif data[after:first].strip():  # a card whose BEGIN line is lost: say so
            broken.append(
                (line, "END:VCARD without a BEGIN:VCARD; the lines before it were not read")
            )
        after = found.end()
    if start >= 0:
        broken.append((start_line, "no END:VCARD at the end of the file"))
    return cards, broken, began


# --- one card ----------------------------------------------------------------------------------


def read_props(body: bytes) -> tuple[dict[str, list[Prop]], list[bytes]]:
    """The wanted properties of a card by upper-case name, in file order, and the lines
    that are not `NAME:value` at all."""
    props: dict[str, list[Prop]] = {}
    bad: list[bytes] = []
    for line in _logical_lines(body):
        colon = line.find(b":")
        if colon < 0:
            bad.append(line)
            continue
        if b'"' in line[:colon]:  # a quoted parameter value may hold a colon
            colon = _colon_outside_quotes(line)
        semi = line.find(b";", 0, colon)
        full = line[: colon if semi < 0 else semi]
        dot = full.rfind(b".")
        name = (full[dot + 1 :] if dot >= 0 else full).strip().upper()
        if name not in _WANTED_BYTES and not name.startswith(_PREFIX_BYTES):
            continue  # never decoded: an unused property cannot cost the card
        group = full[:dot].decode("latin-1").strip().lower() if dot >= 0 else ""
        params = _params(line[semi + 1 : colon]) if semi >= 0 else _NO_PARAMS
        props.setdefault(name.decode("latin-1"), []).append(Prop(group, params, line[colon + 1 :]))
    return props, bad


def every_prop(body: bytes) -> list[tuple[str, Prop, bytes]]:
    """Every content line of a card as (upper-case name, its Prop, the unfolded line), in
    file order, whatever its name: for the vdir sync, which reads its own X-NETPLAN-*
    properties and UID, and keeps the lines it does not manage when it rewrites a card."""
    found: list[tuple[str, Prop, bytes]] = []
    for line in _logical_lines(body):
        colon = line.find(b":")
        if colon < 0:
            continue
        if b'"' in line[:colon]:
            colon = _colon_outside_quotes(line)
        semi = line.find(b";", 0, colon)
        full = line[: colon if semi < 0 else semi]
        dot = full.rfind(b".")
        name = (full[dot + 1 :] if dot >= 0 else full).strip().upper().decode("latin-1")
        group = full[:dot].decode("latin-1").strip().lower() if dot >= 0 else ""
        params = _params(line[semi + 1 : colon]) if semi >= 0 else _NO_PARAMS
        found.append((name, Prop(group, params, line[colon + 1 :]), line))
    return found


def _logical_lines(body: bytes) -> list[bytes]:
    lines: list[bytes] = []
    parts: list[bytes] = []  # the line being read, joined once: a big photo stays linear
    soft_break = False
    for line in body.split(b"\n"):
        if soft_break:  # QUOTED-PRINTABLE: `=` at the end joins the next line as it is
            parts[-1] = parts[-1][:-1]
            parts.append(line)
        elif not line:
            continue  # blank lines: 2.1 ends base64 with one, exporters add others
        elif line[0] in _FOLDING and parts:  # a folded line: one space or tab, then more
            parts.append(line[1:])
        else:
            if parts:
                lines.append(b"".join(parts))
            parts = [line]
        soft_break = line.endswith(b"=") and _is_quoted_printable(b"".join(parts[:4]))
    if parts:
        lines.append(b"".join(parts))
    return lines


def _is_quoted_printable(line: bytes) -> bool:
    colon = line.find(b":")
    return colon > 0 and b"QUOTED-PRINTABLE" in line[:colon].upper()


def _colon_outside_quotes(line: bytes) -> int:
    found = _HEAD_WITH_QUOTES.match(line)
    return found.end() - 1 if found else line.find(b":")


def _params(head: bytes) -> dict[str, list[str]]:
    """The parameters after the name; the same few headers repeat, so they are parsed once
    (the dicts are shared and never changed)."""
    if (known := _PARAMS_SEEN.get(head)) is not None:
        return known
    text = head.decode("latin-1")
    params: dict[str, list[str]] = {}
    pieces = _QUOTED_PARAM.findall(text) if '"' in text else text.split(";")
    for piece in pieces:
        key, equals, value = piece.partition("=")
        if equals:
            key, value = key.strip().upper(), value.strip().replace('"', "")
        else:  # vCard 2.1: `TEL;CELL;PREF`, `NOTE;QUOTED-PRINTABLE`
            value = key.strip()
            key = "ENCODING" if value.upper() in _ENCODINGS else "TYPE"
        if value:
            params.setdefault(key, []).append(value)
    if len(_PARAMS_SEEN) > _PARAMS_SEEN_MAX:
        _PARAMS_SEEN.clear()
    _PARAMS_SEEN[head] = params
    return params


# --- values ------------------------------------------------------------------------------------


def text_of(prop: Prop, unicode: bool) -> str:
    """The value as text, transfer encoding and charset undone, escapes kept (see unescape).

    QUOTED-PRINTABLE and base64 in any case; CHARSET when given (a declared charset that
    the bytes do not fit makes the value Unreadable); without one UTF-8, else Windows-1252,
    else Latin-1. `unicode`: the file was transcoded to UTF-8, CHARSET no longer applies to
    the bytes as written."""
    raw, params = prop.raw, prop.params
    if not params and not unicode:  # the common case, first
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return _undeclared(raw)
    encoding = params.get("ENCODING", ("",))[0].upper()
    if encoding == "QUOTED-PRINTABLE":
        raw, unicode = binascii.a2b_qp(raw), False
    elif encoding in ("B", "BASE64"):
        try:
            raw, unicode = base64.b64decode(raw, validate=False), False
        except (binascii.Error, ValueError):
            raise Unreadable("damaged base64") from None
    if unicode:
        return raw.decode("utf-8", "replace")
    charset = params.get("CHARSET", ("",))[0].strip()
    if charset:
        try:
            name = codecs.lookup(charset).name
        except (LookupError, ValueError):
            name = ""  # an unknown charset: read it as if none were given
        if name:
            try:
                return raw.decode(name)
            except LookupError:  # a codec that is not a text encoding (base64, rot13 …)
                pass
            except ValueError:  # UnicodeError, and what odd codecs (punycode) raise
                raise Unreadable(f"not valid {charset} text") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return _undeclared(raw)


def _undeclared(raw: bytes) -> str:
    """8-bit text that is not UTF-8 and says no charset: Windows-1252, else Latin-1."""
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def unescape(text: str) -> str:
    """vCard text escapes undone: `\\n` `\\N` a line break, `\\,` `\\;` `\\:` `\\\\` `\\"`
    the character; any other backslash stays (2.1 never escapes, a path may hold one)."""
    if "\\" not in text:
        return text
    if "\\\\" not in text:  # then every backslash starts a pair: plain replaces will do
        for escaped, plain in _PAIRS:
            text = text.replace(escaped, plain)
        return text
    return _ESCAPE.sub(lambda m: _UNESCAPED.get(m[1], m[0]), text)


def components(text: str) -> list[str]:
    """A structured value (N, ORG) split at its unescaped semicolons, each one unescaped."""
    if "\\" not in text:
        return text.split(";")
    parts, current = [], []
    for piece in _COMPONENT.split(text):
        if piece == ";":
            parts.append(unescape("".join(current)))
            current = []
        else:
            current.append(piece)
    parts.append(unescape("".join(current)))
    return parts
