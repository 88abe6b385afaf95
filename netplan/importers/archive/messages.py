"""messages.csv (and 2018's Messages.csv): rows kept as Messages without their bodies, the
owner found, drafts and campaign rows left out (format reference §3, §4).

Which rows are dropped: drafts (`IS MESSAGE DRAFT`/`IS CONVERSATION DRAFT` = Yes), every row
of a conversation titled `Sponsored Conversation`, rows whose sender is `LinkedIn Member`,
rows from a sender without a profile URL where the file has that column (InMail campaigns,
LinkedIn staff), the owner's rows to nobody with a URL where the file has recipient URLs
(campaign button clicks), 2018 rows from `… from LinkedIn` senders, and rows with nobody but
the owner. The owner is (in order) the one Invitations.csv names, the profile present in most
conversations, the Profile.csv name; 2018 rows say their Direction.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from netplan.importers import Problem
from netplan.importers.archive.csvtext import table
from netplan.importers.archive.dates import parse_stamp, parse_us
from netplan.importers.archive.model import FileReport, Message, Person, person

__all__ = ["MessageRows", "split_recipients"]

MEMBER = "LinkedIn Member"
_NAME_BREAK = re.compile(r",(?=\S)")  # names are joined by "," with no space; "X, PhD" has one
_STAFF_2018 = re.compile(r"\bfrom(?:\s+linkedin\b.*)?$", re.IGNORECASE)
_REPLY = re.compile(r"^(?:(?:re|fwd?|aw|wg)\s*:\s*)+", re.IGNORECASE)
_YES = {"yes", "true", "1"}


@dataclass(slots=True)
class _Row:
    conversation: str | None  # None: a 2018 row, keyed by other party and subject later
    at: datetime
    sender: Person
    recipients: tuple[Person, ...]
    title: str | None
    direction: str  # "OUTGOING", "INCOMING" or ""
    sender_urls: bool  # the file has a SENDER PROFILE URL column
    recipient_urls: bool  # … and RECIPIENT PROFILE URLS
    digest: int  # of the body, to tell rows apart (the body itself is not kept)
    file: str
    where: str


def split_recipients(names: str, urls: str, make) -> tuple[Person, ...]:
    """TO names and RECIPIENT PROFILE URLS → Persons, paired by the URL count."""
    links = [u.strip() for u in urls.split(",") if u.strip()] if urls else []
    if len(links) <= 1:
        if not names.strip():
            return (make("", links[0]),) if links else ()
        if links:
            return (make(names, links[0]),)
        parts = _NAME_BREAK.split(names) if "," in names else [names]
        return tuple(make(n, None) for n in parts if n.strip())
    parts = _NAME_BREAK.split(names)
    if len(parts) != len(links):
        parts = parts[: len(links)] + [""] * (len(links) - len(parts))
    return tuple(make(n, u) for n, u in zip(parts, links, strict=False))


@dataclass
class MessageRows:
    """The message rows of all files, kept until the owner is known."""

    rows: list[_Row] = field(default_factory=list)
    dropped: Counter = field(default_factory=Counter)
    _people: dict[tuple[str, str | None], Person] = field(default_factory=dict)

    def _person(self, name: str, url: str | None) -> Person:
        key = (name, url)
        found = self._people.get(key)
        if found is None:
            found = person(name, url)
            if not found.name and found.url_key:
                found = Person(found.url_key, found.url_key)
            self._people[key] = found
        return found

    def read(self, text: str, file: str, report: FileReport) -> None:
        sheet = table(text, report.skipped)
        c = sheet.columns
        if not sheet.has("from", "to", "date"):
            report.layout = sheet.missing("FROM/TO/DATE")
            return
        conv_i, title_i, subj_i = (
            c.get("conversationid"),
            c.get("conversationtitle"),
            c.get("subject"),
        )
        from_i, to_i, date_i = c["from"], c["to"], c["date"]
        surl_i, rurl_i = c.get("senderprofileurl"), c.get("recipientprofileurls")
        body_i, dir_i = c.get("content"), c.get("direction")
        drafts = [
            i for i in (c.get("ismessagedraft"), c.get("isconversationdraft")) if i is not None
        ]
        width = max(c.values()) + 1
        make, rows, dropped = self._person, self.rows, self.dropped
        split_memo: dict[tuple[str, str], tuple[Person, ...]] = {}
        read = 0
        for line_no, row in sheet.rows:
            if len(row) < width:
                row = row + [""] * (width - len(row))
            if drafts and any(row[i].strip().casefold() in _YES for i in drafts):
                dropped["drafts"] += 1
                continue
            title = row[title_i].strip() if title_i is not None else ""
            if title.casefold() == "sponsored conversation":
                dropped["sponsored"] += 1
                continue
            sender_name = row[from_i]
            if sender_name.strip() == MEMBER:
                dropped["from LinkedIn Member"] += 1
                continue
            stamp = row[date_i]
            at = parse_stamp(stamp) or parse_us(stamp)
            if at is None:
                report.skipped.append(
                    Problem(f"line {line_no}", f'DATE "{stamp[:40]}" is not a date')
                )
                continue
            sender = make(sender_name, row[surl_i].strip() or None if surl_i is not None else None)
            pair = (row[to_i], row[rurl_i] if rurl_i is not None else "")
            recipients = split_memo.get(pair)
            if recipients is None:
                recipients = split_memo[pair] = split_recipients(pair[0], pair[1], make)
            subject = row[subj_i].strip() if subj_i is not None else ""
            rows.append(
                _Row(
                    (row[conv_i].strip() or None) if conv_i is not None else None,
                    at,
                    sender,
                    recipients,
                    title or subject or None,
                    row[dir_i].strip().upper() if dir_i is not None else "",
                    surl_i is not None,
                    rurl_i is not None,
                    hash(row[body_i]) if body_i is not None else 0,
                    file,
                    f"{file} line {line_no}",
                )
            )
            read += 1
        report.read = read

    # --- the owner ---------------------------------------------------------------------

    def find_owner(self, name: str | None, key: str | None) -> Person | None:
        """The owner: `name`/`key` as Invitations or Profile.csv tell (either may be None),
        completed or found from the rows."""
        rows = self.rows
        if name is None and key is None:
            outgoing = Counter(r.sender.name for r in rows if r.direction == "OUTGOING")
            if outgoing:
                name = outgoing.most_common(1)[0][0]
            else:
                name, key = self._most_present()
        if key is None and name:
            folded = name.casefold()
            keys = Counter(
                r.sender.url_key
                for r in rows
                if r.sender.url_key and r.sender.name.casefold() == folded
            )
            if keys:
                key = keys.most_common(1)[0][0]
        if key is not None and name is None:
            names = Counter(r.sender.name for r in rows if r.sender.url_key == key)
            if not names:
                names = Counter(p.name for r in rows for p in r.recipients if p.url_key == key)
            names.pop("", None)
            name = names.most_common(1)[0][0] if names else key
        return Person(name, key) if name else None

    def _most_present(self) -> tuple[str | None, str | None]:
        """(name, key) of whoever is in the most conversations: by URL, a name without one
        standing for the URL its bearer sends under."""
        by_name: dict[str, str] = {}
        for r in self.rows:
            if r.sender.url_key:
                by_name.setdefault(r.sender.name.casefold(), r.sender.url_key)
        seen: dict[str, set[str]] = {}
        for r in self.rows:
            if r.conversation is None:
                continue
            ids = seen.setdefault(r.conversation, set())
            for p in (r.sender, *r.recipients):
                folded = p.name.casefold()
                ids.add(p.url_key or by_name.get(folded) or "\x00" + folded)
        counts: Counter = Counter()
        for ids in seen.values():
            counts.update(ids)
        if not counts:
            return None, None
        # ties (a single conversation) broken the same way every run
        best = max(counts.items(), key=lambda kv: (kv[1], not kv[0].startswith("\x00"), kv[0]))[0]
        if best.startswith("\x00"):
            folded = best[1:]
            names = Counter(
                p.name
                for r in self.rows
                for p in (r.sender, *r.recipients)
                if p.name.casefold() == folded
            )
            return names.most_common(1)[0][0], None
        return None, best

    # --- the messages ------------------------------------------------------------------

    def messages(self, owner: Person | None, notes: list[str]) -> list[Message]:
        """The rows kept as Messages, deduplicated, sorted by time."""
        owner_key = owner.url_key if owner else None
        owner_name = owner.name.casefold() if owner else None
        mine: dict[int, bool] = {}  # by id: the Persons are cached, hashing them is slow

        def is_owner(p: Person) -> bool:
            known = mine.get(id(p))
            if known is None:
                if owner_key and p.url_key:
                    known = p.url_key == owner_key
                else:
                    known = bool(owner_name) and p.name.casefold() == owner_name
                mine[id(p)] = known
            return known

        # The 9-column era names recipients without URLs: take them from the same person's
        # own rows in the conversation.
        known: dict[tuple[str, str], str] = {}
        for r in self.rows:
            if r.conversation is not None and r.sender.url_key and not r.recipient_urls:
                known[(r.conversation, r.sender.name.casefold())] = r.sender.url_key
        out: list[Message] = []
        seen: set[tuple] = set()
        dropped = self.dropped
        parties: dict[tuple[int, int], tuple[Person, ...]] = {}
        for r in self.rows:
            from_me = r.direction == "OUTGOING" if r.direction else is_owner(r.sender)
            # the same sender and recipient objects recur (both are cached): so do `others`
            pair = (id(r.sender), id(r.recipients))
            others = parties.get(pair)
            if others is None:
                others = parties[pair] = tuple(
                    p
                    for p in (r.sender, *r.recipients)
                    if p.name and p.name != MEMBER and not is_owner(p)
                )
            if known and r.conversation is not None and not r.recipient_urls:
                others = tuple(
                    Person(p.name, key)
                    if p.url_key is None and (key := known.get((r.conversation, p.name.casefold())))
                    else p
                    for p in others
                )
            if not from_me and r.sender_urls and r.sender.url_key is None:
                dropped["from senders without a profile (campaigns, LinkedIn staff)"] += 1
                continue
            if from_me and r.recipient_urls and not any(p.url_key for p in others):
                dropped["to nobody with a profile (campaign replies)"] += 1
                continue
            if r.conversation is None and not from_me and _STAFF_2018.search(r.sender.name):
                dropped["from LinkedIn staff"] += 1
                continue
            if not others:
                dropped["with nobody but the owner"] += 1
                continue
            conversation = r.conversation
            if conversation is None:
                subject = _REPLY.sub("", r.title or "").strip().casefold()
                conversation = f"{others[0].name.casefold()}|{subject}"
            sender = r.sender.url_key or r.sender.name
            mark = (conversation, r.at, sender, r.digest)
            if mark in seen:
                continue
            seen.add(mark)
            out.append(Message(conversation, r.at, from_me, others, r.title, r.file, r.where))
        out.sort(key=lambda m: (m.at, m.conversation))
        if dropped:
            parts = ", ".join(f"{n} {reason}" for reason, n in dropped.items())
            notes.append(f"messages: rows left out: {parts}")
        return out
