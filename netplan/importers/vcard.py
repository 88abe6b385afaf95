"""vCard files (2.1, 3.0 and 4.0, as real exporters write them), one or many cards per file.

Read by netplan's own tolerant reader (`vcard_lines`), not vobject: vobject cuts text at
the first unescaped comma (2.1 and Google never escape them), refuses a whole card for one
odd line (PROFILE, `X-messaging/gadu-All`, a damaged photo, an 8-bit byte), and its parser
alone takes 7.3 s for 30,000 cards where this whole reading takes 1.4 s. A card missing its
END is skipped and reported with its number and line; a value netplan uses but cannot read
is left out with a note; the properties it does not use are never decoded.

Mapping: FN (else N) → name, EMAIL → email (the preferred one; every one is used to match),
TEL → phone, ORG's first component (else LDAP's `o`) → company, TITLE → role, URL →
handles.linkedin for LinkedIn profiles, else handles.web (web2, web3 … for more; a URL
written twice once), X-SOCIALPROFILE with a LinkedIn URL → handles.linkedin, NOTE → notes,
CATEGORIES → tags, BDAY → a yearly "Birthday" milestone, the anniversary (ANNIVERSARY,
X-ANNIVERSARY, X-MS-ANNIVERSARY, X-EVOLUTION-ANNIVERSARY, X-KADDRESSBOOK-X-Anniversary,
Apple/Google `itemN.X-ABDATE` labelled `_$!<Anniversary>!$_`, FullContact's encoded one) →
a yearly "Anniversary". A date without a year (`--0412`, `--04-12`, or Apple's
`X-APPLE-OMIT-YEAR`) is kept in 1904, a leap year, so Feb 29 stays a date.
"""

from __future__ import annotations

import gc
import re
from datetime import date
from pathlib import Path

from netplan.importers import ImportFailed, Incoming, Parsed, Problem, read_bytes
from netplan.importers.merge import UNKNOWN_YEAR, is_linkedin
from netplan.importers.vcard_lines import (
    WANTED_PREFIX,
    Prop,
    Unreadable,
    components,
    decode_file,
    read_props,
    split_cards,
    text_of,
    unescape,
)
from netplan.models import _EMAIL, Milestone
from netplan.text import multiline, single_line

KIND = "vCard"

_FULL_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
_NO_YEAR = re.compile(r"--(\d{2})-?(\d{2})")
_ANNIVERSARIES = (
    "ANNIVERSARY",
    "X-ANNIVERSARY",
    "X-MS-ANNIVERSARY",
    "X-EVOLUTION-ANNIVERSARY",
    "X-KADDRESSBOOK-X-ANNIVERSARY",
)
_FULLCONTACT_ANNIVERSARY = "X-FC-OTHERDATES:ANNIVERSARY"
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
_QUOTED_LINE_MAX = 40


def parse_vcard_date(value: str, omit_year: str | None = None) -> date | None:
    """A BDAY/ANNIVERSARY value as a date; a missing year becomes 1904. None when unreadable.

    Accepts `1990-04-12`, `19900412`, either with a time after `T`, `--0412` and `--04-12`.
    `omit_year` is Apple's X-APPLE-OMIT-YEAR: that year stands for "unknown".
    """
    text = value.strip().split("T", 1)[0]
    try:
        if found := _NO_YEAR.fullmatch(text):
            return date(UNKNOWN_YEAR, int(found[1]), int(found[2]))
        if found := _FULL_DATE.fullmatch(text):
            year = int(found[1])
            if omit_year and omit_year.strip() == found[1]:
                year = UNKNOWN_YEAR
            return date(year, int(found[2]), int(found[3]))
    except ValueError:
        return None
    return None


def parse_bytes(data: bytes, source: str) -> Parsed:
    """Read the bytes of a .vcf file; ImportFailed when it holds no vCard at all."""
    text, unicode = decode_file(data)
    return _parse(text, unicode, source)


def parse_text(text: str, source: str) -> Parsed:
    """Read the text of a .vcf file; ImportFailed when it holds no vCard at all."""
    data, _ = decode_file(text.encode("utf-8", "replace"))
    return _parse(data, True, source)


def parse_file(path: Path) -> Parsed:
    """Read a .vcf file; ImportFailed when nothing in it can be read."""
    return parse_bytes(read_bytes(path), str(path))


def _parse(data: bytes, unicode: bool, source: str) -> Parsed:
    # Many small objects and no cycles: the cyclic collector would be half the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse_cards(data, unicode, source)
    finally:
        if collecting:
            gc.enable()


def _parse_cards(data: bytes, unicode: bool, source: str) -> Parsed:
    cards, broken, began = split_cards(data)
    if not began:
        raise ImportFailed(f"{source} is not a vCard file: no BEGIN:VCARD line in it")
    parsed = Parsed(source=source, kind=KIND)
    found: list[tuple[int, bytes | None, str]] = [(n, body, "") for n, body in cards]
    found += [(n, None, reason) for n, reason in broken]
    found.sort(key=lambda item: item[0])
    for number, (line, body, reason) in enumerate(found, start=1):
        where = f"card {number} (line {line})"
        if body is None:
            parsed.skipped.append(Problem(where, reason))
            continue
        card = _Card(body, unicode, where)
        record = card.record()
        if record is None:
            parsed.skipped.append(Problem(where, card.skip_reason))
        else:
            parsed.records.append(record)
            parsed.notes += card.notes
    return parsed


# --- one card --------------------------------------------------------------------------------


def _rank(prop: Prop) -> int:
    """vCard 4.0 PREF=1 (lowest first) or 2.1/3.0 TYPE=pref first; otherwise file order."""
    pref = prop.param("PREF")
    if pref and pref[0].isascii() and pref[0].isdigit():  # not "²": int() refuses it
        return int(pref[0])
    return 0 if "pref" in prop.param("TYPE") else 101


def _url_key(url: str) -> str:
    """One URL written twice (with or without the scheme or the end slash) is one URL."""
    return _SCHEME.sub("", url).rstrip("/").casefold()


class _Card:
    def __init__(self, body: bytes, unicode: bool, where: str) -> None:
        self.props, self.bad_lines = read_props(body)
        self.unicode, self.where = unicode, where
        self.notes: list[Problem] = []
        self.skip_reason = ""

    def note(self, reason: str) -> None:
        self.notes.append(Problem(self.where, reason))

    def get(self, name: str, preferred: bool = False) -> list[Prop]:
        props = self.props.get(name, [])
        return sorted(props, key=_rank) if preferred and len(props) > 1 else props

    def text(self, name: str, prop: Prop) -> str | None:
        """The value's text, escapes kept; None (and a note) when it cannot be read."""
        try:
            return text_of(prop, self.unicode)
        except Unreadable as error:
            self.note(f"{name} cannot be read ({error}); left out")
            return None

    def texts(self, name: str, preferred: bool = False) -> list[str]:
        """Every readable value of a text property, unescaped, in order."""
        out = []
        for prop in self.get(name, preferred):
            value = self.text(name, prop)
            if value is not None:
                out.append(unescape(value))
        return out

    def first_line(self, name: str, preferred: bool = False) -> str:
        """The first non-empty value as a single line, reading no further than needed."""
        for prop in self.get(name, preferred):
            value = self.text(name, prop)
            if value is not None and (line := single_line(unescape(value))):
                return line
        return ""

    # -- the record ------------------------------------------------------------------------

    def record(self) -> Incoming | None:
        kinds = {self.first_line("KIND").casefold()}
        kinds.add(self.first_line("X-ADDRESSBOOKSERVER-KIND").casefold())  # Apple's groups
        if "group" in kinds:
            self.skip_reason = "a group (KIND:group), not a person"
            return None
        name = self.first_line("FN") or self._name_from_n()
        if not name:
            unreadable = [n.reason.removesuffix("; left out") for n in self.notes]
            self.skip_reason = "; ".join(["no name (FN or N)", *unreadable])
            return None
        if self.bad_lines:
            quoted = single_line(self.bad_lines[0].decode("utf-8", "replace"))
            more = f" and {len(self.bad_lines) - 1} more" if len(self.bad_lines) > 1 else ""
            self.note(
                f'a line that is not "NAME:value" ("{quoted[:_QUOTED_LINE_MAX]}"){more}; left out'
            )
        record = Incoming(where=self.where, name=name)
        self._emails(record)
        record.phone = self.first_line("TEL", preferred=True).removeprefix("tel:") or None
        record.company = self._company() or None
        record.role = self.first_line("TITLE") or None
        self._handles(record)
        notes: list[str] = []
        for text in self.texts("NOTE"):
            if (note := multiline(text)) and note not in notes:
                notes.append(note)
        record.notes = "\n\n".join(notes) or None
        self._tags(record)
        self._milestones(record)
        return record

    def _name_from_n(self) -> str:
        for prop in self.get("N"):
            value = self.text("N", prop)
            if value is None:
                continue
            parts = [part.replace(",", " ") for part in components(value)]
            # family;given;additional;prefix;suffix → given additional family
            name = single_line(" ".join([*parts[1:3], parts[0]]))
            if name:
                return name
        return ""

    def _emails(self, record: Incoming) -> None:
        seen: set[str] = set()
        for value in self.texts("EMAIL", preferred=True):
            email = single_line(value).replace(" ", "")
            if email[:7].casefold() == "mailto:":
                email = email[7:]
            if not email or email.casefold() in seen:
                continue
            if _EMAIL.match(email):
                seen.add(email.casefold())
                record.emails.append(email)
            else:
                self.note(f'"{email}" is not an email address; left out')

    def _company(self) -> str:
        for prop in self.get("ORG"):
            value = self.text("ORG", prop)
            if value is not None and (company := single_line(components(value)[0])):
                return company  # company;department…: the department is dropped
        return self.first_line("O")

    def _handles(self, record: Incoming) -> None:
        seen: set[str] = set()
        web = 0
        for value in self.texts("URL", preferred=True):
            url = single_line(value).replace(" ", "")
            if not url or _url_key(url) in seen:
                continue
            seen.add(_url_key(url))
            if is_linkedin(url):
                record.handles.setdefault("linkedin", url)
                continue
            web += 1
            record.handles["web" if web == 1 else f"web{web}"] = url
        for value in self.texts("X-SOCIALPROFILE"):
            url = single_line(value).replace(" ", "")
            if url and is_linkedin(url):
                record.handles.setdefault("linkedin", url)

    def _tags(self, record: Incoming) -> None:
        seen: set[str] = set()
        for value in self.texts("CATEGORIES"):
            # Split at every comma: exporters escape the commas between categories too.
            for part in value.split(","):
                tag = single_line(part)
                if tag and tag.casefold() not in seen:
                    seen.add(tag.casefold())
                    record.tags.append(tag)

    def _milestones(self, record: Incoming) -> None:
        dates = [(name, "Birthday", prop) for name in ("BDAY",) for prop in self.get(name)]
        dates += [(n, "Anniversary", p) for n in _ANNIVERSARIES for p in self.get(n)]
        dates += [("X-ABDATE", "Anniversary", p) for p in self._labelled_anniversaries()]
        dates += [(n, "Anniversary", p) for n, p in self._fullcontact_anniversaries()]
        for name, label, prop in dates:
            if any(m.label == label for m in record.milestones):
                continue
            value = self.text(name, prop)
            raw = single_line(unescape(value)) if value is not None else ""
            if not raw:
                continue
            omit = prop.param("X-APPLE-OMIT-YEAR")
            day = parse_vcard_date(raw, omit[0] if omit else None)
            if day is None:
                self.note(f'{name} "{raw}" is not a date; no {label}')
                continue
            record.milestones.append(Milestone(label=label, date=day, yearly=True))

    def _labelled_anniversaries(self) -> list[Prop]:
        """Apple and Google: `itemN.X-ABDATE` with `itemN.X-ABLabel:_$!<Anniversary>!$_`."""
        labels = set()
        for prop in self.get("X-ABLABEL"):
            text = self.text("X-ABLABEL", prop) or ""
            if prop.group and text.strip().strip("_$!<>").casefold() == "anniversary":
                labels.add(prop.group)
        return [p for p in self.get("X-ABDATE") if p.group and p.group in labels]

    def _fullcontact_anniversaries(self) -> list[tuple[str, Prop]]:
        """FullContact hex-encodes the name: X-FCENCODED-<hex of X-FC-OtherDates:Anniversary>."""
        found = []
        for name, props in self.props.items():
            if not name.startswith(WANTED_PREFIX):
                continue
            try:
                decoded = bytes.fromhex(name[len(WANTED_PREFIX) :]).decode("ascii")
            except (ValueError, UnicodeDecodeError):
                continue
            if decoded.upper() == _FULLCONTACT_ANNIVERSARY:
                found += [(decoded, prop) for prop in props]
        return found
