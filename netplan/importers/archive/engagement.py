"""The owner's posts and engagement: Comments.csv, Reactions.csv, Shares.csv and article
pages (format reference §5). Each reader takes a file's text and fills its FileReport.
"""

from __future__ import annotations

import html
import re

from netplan.importers import Problem
from netplan.importers.archive.csvtext import table
from netplan.importers.archive.dates import parse_stamp
from netplan.importers.archive.model import FileReport, Item, first_line

__all__ = ["read_article", "read_comments", "read_reactions", "read_shares", "undo_share_quotes"]

# Comments.csv: a record starts at `<stamp>,http…`; all up to the next one is its Message.
_COMMENT_START = re.compile(r"(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}),(https?://[^,]*),?(.*)")
_LINES = re.compile(r"\r\n|\n|\r")
_H1_LINK = re.compile(r"<h1[^>]*>\s*<a[^>]*href=\"([^\"]*)\"[^>]*>(.*?)</a>", re.S | re.I)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S | re.I)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S | re.I)
_PUBLISHED = re.compile(r"Published on\s+(\d{4}-\d{2}-\d{2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)")
_TAGS = re.compile(r"<[^>]+>")


def _cell(row: list[str], index: int | None) -> str:
    return row[index] if index is not None and index < len(row) else ""


def _comment_text(message: str) -> str:
    """A Comments.csv Message as written → its text: outer quotes off, `\\"` and `""` → `"`."""
    value = message.strip()
    if value.startswith('"'):
        value = value[1:]
        if value.endswith('"') and not value.endswith('\\"'):
            value = value[:-1]
        value = value.replace('\\"', '"').replace('""', '"')
    return value


def read_comments(text: str, file: str, report: FileReport) -> list[Item]:
    """Comments by the record-start rule, robust to the unquoted multi-line (2021–2024) and
    backslash-quoted (2025–) eras."""
    lines = _LINES.split(text)
    header = next((line for line in lines if line.strip()), "")
    folded = header.casefold().replace('"', "")
    if not _COMMENT_START.match(header) and not ("date" in folded and "link" in folded):
        report.layout = f"no Date/Link columns; header: {header.strip()[:160]}"
        return []
    items: list[Item] = []
    current: tuple[int, str, str, list[str]] | None = None

    def close() -> None:
        if current is None:
            return
        line_no, stamp, link, parts = current
        at = parse_stamp(stamp)
        if at is None:
            report.skipped.append(Problem(f"line {line_no}", f'"{stamp}" is not a date'))
            return
        items.append(
            Item(
                kind="comment",
                on=at.date(),
                key=f"{at.isoformat()}|{link}",
                url=link,
                text=first_line(_comment_text("\n".join(parts))),
                person=None,
                file=file,
                where=f"{file} line {line_no}",
            )
        )

    started = False
    for number, line in enumerate(lines, start=1):
        found = _COMMENT_START.match(line)
        if found:
            close()
            current = (number, found[1], found[2], [found[3]])
            started = True
        elif current is not None:
            current[3].append(line)
        elif started or not line.strip() or line is header:
            continue
        else:
            report.skipped.append(Problem(f"line {number}", "not a comment record"))
    close()
    report.read = len(items)
    return items


def read_reactions(text: str, file: str, report: FileReport) -> list[Item]:
    """One Item per reaction row: key = time, type and link."""
    sheet = table(text, report.skipped)
    if not sheet.has("date", "link"):
        report.layout = sheet.missing("Date/Link")
        return []
    date_at, link_at = sheet.columns["date"], sheet.columns["link"]
    type_at = sheet.columns.get("type")
    items: list[Item] = []
    append = items.append
    for line_no, row in sheet.rows:
        stamp = _cell(row, date_at)
        at = parse_stamp(stamp)
        if at is None:
            report.skipped.append(Problem(f"line {line_no}", f'"{stamp[:40]}" is not a date'))
            continue
        link = _cell(row, link_at).strip()
        kind = _cell(row, type_at).strip()
        append(
            Item(
                "reaction",
                at.date(),
                f"{at.isoformat()}|{kind}|{link}",
                link or None,
                kind or None,
                None,
                file,
                f"{file} line {line_no}",
            )
        )
    report.read = len(items)
    return items


def undo_share_quotes(value: str) -> str:
    """ShareCommentary's per-line quote artefact undone: `a"⏎"b"⏎""⏎"c` → `a⏎b⏎⏎c`."""
    if "\n" not in value and "\r" not in value:
        return value
    lines = _LINES.split(value)
    last = len(lines) - 1
    for index, line in enumerate(lines):
        if index < last and line.endswith('"'):
            line = line[:-1]
        if index > 0 and line.startswith('"'):
            line = line[1:]
        lines[index] = line
    return "\n".join(lines)


def read_shares(text: str, file: str, report: FileReport) -> list[Item]:
    """The owner's posts (2018 UTF-16 and 2021– layouts)."""
    sheet = table(text, report.skipped)
    link_key = "sharelink" if "sharelink" in sheet.columns else "link"
    if not sheet.has("date", link_key):
        report.layout = sheet.missing("Date/ShareLink")
        return []
    date_at, link_at = sheet.columns["date"], sheet.columns[link_key]
    text_at = sheet.columns.get("sharecommentary")
    title_at = sheet.columns.get("sharetitle")
    items: list[Item] = []
    for line_no, row in sheet.rows:
        stamp = _cell(row, date_at)
        at = parse_stamp(stamp)
        if at is None:
            report.skipped.append(Problem(f"line {line_no}", f'"{stamp[:40]}" is not a date'))
            continue
        link = _cell(row, link_at).strip()
        body = first_line(undo_share_quotes(_cell(row, text_at))) or first_line(
            _cell(row, title_at)
        )
        items.append(
            Item(
                "share",
                at.date(),
                f"{at.isoformat()}|{link}",
                link or None,
                body,
                None,
                file,
                f"{file} line {line_no}",
            )
        )
    report.read = len(items)
    return items


def read_article(text: str, file: str, report: FileReport) -> list[Item]:
    """A published article page → one Item (`on` = its published day); drafts give none."""
    published = _PUBLISHED.search(text)
    if not published:
        return []  # a draft ("Published on ---", "Not published yet")
    at = parse_stamp(published[1])
    if at is None:
        return []
    linked = _H1_LINK.search(text)
    url = html.unescape(linked[1]).strip() if linked else None
    raw = (
        linked[2]
        if linked
        else (found[1] if (found := _H1.search(text) or _TITLE.search(text)) else "")
    )
    title = first_line(html.unescape(_TAGS.sub("", raw)))
    report.read = 1
    line_no = text.count("\n", 0, published.start()) + 1
    return [
        Item(
            "article",
            at.date(),
            url or f"article|{title or file}",
            url,
            title,
            None,
            file,
            f"{file} line {line_no}",
        )
    ]
