"""Time `read_archive` on a large generated LinkedIn export zip.

`write_archive` writes a Complete-style zip with the headers and quirks of 2025–2026 exports:
Connections.csv with its 3-line "Notes:" preamble, no final newline and percent-encoded
non-ASCII slugs; messages.csv with every field quoted, multi-line bodies, raw Unicode slugs,
a sponsored conversation, group chats with `, ` in names, conversations newest first and the
file not in date order; Reactions.csv (some on comments), Comments.csv with `\\"` quotes,
Shares.csv with the per-line quote artefact, Invitations.csv, Profile.csv, a header-only
coach file and an ignored Company Follows.csv.

Usage: python benchmarks/linkedin_archive.py [--connections N] [--messages N]
[--reactions N] [--runs N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import zipfile
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from netplan.importers.archive import read_archive

FIRST = ["Jane", "Omar", "Zoë", "Kenji", "Amara", "Lars", "Priya", "Božo", "Wei", "Inès"]
LAST = ["Doe", "Xample", "Müller", "Tanaka", "Okafor", "Lindqvist", "Rao", "Božić", "Li"]
CREDENTIALS = ["", "", "", ", PhD", ", MBA", ", PMP"]
COMPANIES = ["Acme Corp", "Globex, Inc.", "Initech", "Umbrella GmbH", ""]
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    "are missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more about this here: "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
REACTIONS = ["LIKE", "PRAISE", "EMPATHY", "APPRECIATION", "INTEREST", "ENTERTAINMENT"]
MESSAGE_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS"
)
OWNER = ("Sam Owner", "sam-owner-0a1b2c")
BASE = "https://www.linkedin.com/in/"


def _q(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _row(cells: list[str]) -> str:
    return ",".join(_q(c) if any(ch in c for ch in ',"\n') else c for c in cells)


def write_archive(
    path: Path, connections: int, messages: int, reactions: int, seed: int = 1
) -> Path:
    """Write a generated export zip at `path` (a folder gets
    `Complete_LinkedInDataExport_10-02-2026.zip` in it); returns the zip's path."""
    rng = random.Random(seed)
    path = Path(path)
    if path.is_dir():
        path = path / "Complete_LinkedInDataExport_10-02-2026.zip"
    end = datetime(2026, 10, 1, 12, 0, 0)
    people = []
    for n in range(max(connections, 1)):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        slug = f"{first}-{last}-{n:x}".lower()
        people.append((first, last + rng.choice(CREDENTIALS), slug))
    conn_lines = [PREAMBLE + "First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    for first, last, slug in people[:connections]:
        day = end - timedelta(days=rng.randrange(4000))
        email = (
            f"{slug.encode('ascii', 'ignore').decode()}@example.com" if rng.random() < 0.1 else ""
        )
        conn_lines.append(
            _row(
                [
                    first,
                    last,
                    BASE + quote(slug),
                    email,
                    rng.choice(COMPANIES),
                    "Engineer",
                    f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}",
                ]
            )
        )
    msg = ['"' + '","'.join(MESSAGE_HEADER.split(",")) + '"']
    owner_url = BASE + OWNER[1]
    written = 0
    conv = 0
    while written < messages:
        conv += 1
        cid = f"2-{rng.getrandbits(160):040x}XzEwMA=="
        sponsored = conv % 50 == 0
        group = conv % 40 == 0
        size = min(messages - written, rng.randint(1, 12))
        start = end - timedelta(seconds=rng.randrange(3 * 365 * 86400))
        rows = []
        others = [rng.choice(people) for _ in range(3 if group else 1)]
        for k in range(size):
            at = start + timedelta(minutes=7 * k)
            other = others[k % len(others)]
            name = f"{other[0]} {other[1]}"
            url = BASE + other[2]
            body = "xxxx xxxxx, xxx xx.\n\nxxxx xxx" if rng.random() < 0.2 else "xxx xxxx xx"
            if sponsored:
                cells = [cid, "Sponsored Conversation", "LinkedIn Member", "", OWNER[0], owner_url]
            elif rng.random() < 0.5:
                to = ",".join([OWNER[0]] + [f"{o[0]} {o[1]}" for o in others if o is not other])
                urls = ",".join([owner_url] + [BASE + o[2] for o in others if o is not other])
                cells = [cid, "Team chat" if group else "", name, url, to, urls]
            else:
                to = ",".join(f"{o[0]} {o[1]}" for o in others)
                urls = ",".join(BASE + o[2] for o in others)
                cells = [cid, "Team chat" if group else "", OWNER[0], owner_url, to, urls]
            cells += [
                at.strftime("%Y-%m-%d %H:%M:%S UTC"),
                "",
                body,
                rng.choice(["INBOX", "INBOX", "ARCHIVE"]),
                "",
            ]
            rows.append('"' + '","'.join(c.replace('"', '""') for c in cells) + '"')
        msg.extend(reversed(rows))  # newest first inside a conversation
        written += size
    react = ["Date,Type,Link"]
    for n in range(reactions):
        at = end - timedelta(seconds=rng.randrange(3 * 365 * 86400))
        link = (
            f"https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A{7000000000000000000 + n}"
        )
        if n % 25 == 0:
            link += f"?commentUrn=urn%3Ali%3Acomment%3A%28activity%3A{n}%2C{n + 1}%29"
        react.append(f"{at:%Y-%m-%d %H:%M:%S},{rng.choice(REACTIONS)},{link}")
    comments = ["Date,Link,Message"]
    for n in range(max(reactions // 20, 1)):
        at = end - timedelta(seconds=rng.randrange(3 * 365 * 86400))
        link = (
            f"https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A{6900000000000000000 + n}"
        )
        comments.append(f'{at:%Y-%m-%d %H:%M:%S},{link},"xxx \\"xxxx\\" xx,\nxxxx"')
    shares = ["Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility"]
    for n in range(max(reactions // 100, 1)):
        at = end - timedelta(seconds=rng.randrange(3 * 365 * 86400))
        link = f"https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A{6800000000000000000 + n}"
        shares.append(
            f'{at:%Y-%m-%d %H:%M:%S},{link},"xxxx xxx""\n""""\n""xxxx.","","",MEMBER_NETWORK'
        )
    invitations = ["From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl"]
    for n in range(min(connections, 300)):
        first, last, slug = people[n]
        at = end - timedelta(minutes=rng.randrange(180 * 1440))
        half = "AM" if at.hour < 12 else "PM"
        clock = f"{(at.hour % 12) or 12}:{at.minute:02d} {half}"
        when = f'"{at.month}/{at.day}/{at.year % 100}, {clock}"'
        them, url = f"{first} {last.split(',')[0]}", BASE + slug
        if n % 2:
            invitations.append(f"{OWNER[0]},{them},{when},,OUTGOING,{owner_url},{url}")
        else:
            invitations.append(f"{them},{OWNER[0]},{when},,INCOMING,{url},{owner_url}")
    profile = (
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
        "Geo Location,Twitter Handles,Websites,Instant Messengers\nSam,Owner,,,Mar 31,Engineer,,"
        "Software Development,,Berlin,,,\n"
    )
    files = {
        "Connections.csv": "\n".join(conn_lines),
        "messages.csv": "\n".join(msg) + "\n",
        "Reactions.csv": "\n".join(react) + "\n",
        "Comments.csv": "\n".join(comments) + "\n",
        "Shares.csv": "\n".join(shares) + "\n",
        "Invitations.csv": "\n".join(invitations) + "\n",
        "Profile.csv": profile,
        "guide_messages.csv": MESSAGE_HEADER.rsplit(",", 1)[0] + "\n",
        "Company Follows.csv": "Organization,Followed On\nAcme Corp,Tue Jun 20 12:25:51 UTC 2023",
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text.encode("utf-8"))
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--reactions", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        zip_path = write_archive(Path(folder), args.connections, args.messages, args.reactions)
        times = []
        for _ in range(args.runs):
            began = time.perf_counter()
            archive = read_archive([zip_path])
            times.append(time.perf_counter() - began)
        size = zip_path.stat().st_size
        print(
            f"read_archive: {statistics.median(times):.2f} s (median of {args.runs}; "
            f"runs {', '.join(f'{t:.2f}' for t in times)} s) on a {size / 1_000_000:.1f} MB zip: "
            f"{len(archive.connections.records) if archive.connections else 0} connections, "
            f"{len(archive.messages)} messages, {len(archive.items)} items"
        )


if __name__ == "__main__":
    main()
