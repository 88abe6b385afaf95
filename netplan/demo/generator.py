"""Realistic sample data for `netplan demo` and the screenshots.

Everything here is pure: `demo_data(today)` depends only on `today` and a fixed random seed, so
the same day always gives byte-for-byte the same store (the screenshots rely on it). Nothing is
built at import time.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import NamedTuple

from netplan.defaults import default_routines
from netplan.demo.check_offs import WEEKS, completions_for, holiday_week
from netplan.demo.events import demo_events
from netplan.demo.people import (
    CIRCLES,
    KINDS_NETWORKING,
    KINDS_SOCIAL,
    MINUTES,
    PROMISES,
    VENUES,
    note_key,
)
from netplan.demo.people import hobbies as hobby_topics
from netplan.demo.people import milestones as cast_milestones
from netplan.demo.people import notes as note_templates
from netplan.demo.people import people as cast_people
from netplan.domain.periods import add_months, month_start, week_start_of
from netplan.models import (
    SCHEMA_VERSION,
    Contact,
    ContactBook,
    Exchange,
    Goal,
    GoalSource,
    GoalStatus,
    Interaction,
    InteractionKind,
    Journal,
    Kind,
    Period,
    Plan,
    Routine,
    Settings,
    Skip,
    WeekStart,
)
from netplan.text import slugify

__all__ = ["demo_data"]

_SEED = 20261125


class _Draft(NamedTuple):
    contact: str
    on: date
    kind: str
    exchange: str
    minutes: int
    note: str
    venue: str | None = None
    follow_up: date | None = None
    promise: str | None = None
    kept: date | None = None


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


# --- the whole store ---------------------------------------------------------------------


def demo_data(today: date) -> tuple[Plan, ContactBook, Journal]:
    """A plausible year of networking by a data/product person in Amsterdam, ending `today`."""
    rng = random.Random(_SEED)
    cast = cast_people()
    ids = [slugify(p.name) for p in cast]
    by_id = dict(zip(ids, cast, strict=True))
    created = {i: today - timedelta(days=p.created_ago) for i, p in by_id.items()}
    start = week_start_of(today, WeekStart.monday) - timedelta(weeks=WEEKS - 1)

    routines = [
        *default_routines(),
        Routine(
            id="thank-publicly",
            title="Thank someone publicly",
            period=Period.week,
            target=1,
            platform="LinkedIn",
            kind=Kind.both,
            minutes=10,
            since=start + timedelta(weeks=4),  # added a month into the demo's history
        ),
    ]
    completions = completions_for(rng, today, routines)
    holiday_from, holiday_to = holiday_week(today)

    # Random everyday interactions, weighted by how active each relationship is.
    notes = note_templates()
    hobbies = hobby_topics()
    active = [i for i, p in by_id.items() if p.activity > 0 and not p.archived]
    weights = [by_id[i].activity for i in active]
    drafts: list[_Draft] = []
    for _ in range(150):
        cid = rng.choices(active, weights=weights)[0]
        person = by_id[cid]
        first = max(start, created[cid])
        on = first + timedelta(days=rng.randrange((today - first).days + 1))
        work = [t for t in person.topics if t not in hobbies] or list(person.topics)
        topic = rng.choice(person.topics if person.kind == Kind.social else work)
        if person.kind == Kind.social:
            kind = _weighted(rng, KINDS_SOCIAL)
            exchange = rng.choices(["neutral", "gave", "asked"], weights=[80, 15, 5])[0]
            template = rng.choice(notes[note_key(person.kind, kind, exchange)])
        else:
            kinds = KINDS_NETWORKING if person.kind == Kind.networking else KINDS_SOCIAL
            kind = _weighted(rng, kinds)
            exchange = rng.choices(["gave", "neutral", "asked"], weights=[45, 42, 13])[0]
            template = rng.choice(notes[(kind, exchange)])
        other = by_id[rng.choice([i for i in active if i != cid])].name
        follow_up = promise = None
        if (today - on).days <= 21 and rng.random() < 0.15:
            follow_up = on + timedelta(days=rng.choice((7, 14, 21)))
            promise = rng.choice(PROMISES) if rng.random() < 0.5 else None
        # Most promises whose day has passed were kept, half-way there (no draw from rng:
        # the rest of the store stays as it was).
        kept = on + (follow_up - on) / 2 if promise and follow_up and follow_up < today else None
        drafts.append(
            _Draft(
                contact=cid,
                on=on,
                kind=kind,
                exchange=exchange,
                minutes=rng.choice(MINUTES[kind]),
                note=template.format(topic=topic, other=other),
                follow_up=follow_up,
                promise=promise,
                kept=kept,
            )
        )

    # Events: every attended event, plus a couple of extra meetups, with people met there.
    event_days = [d for d, done in completions.items() if "attend-event" in done]
    extra = [today - timedelta(days=d) for d in (23, 61)]
    venues = list(VENUES)
    rng.shuffle(venues)
    networkers = [i for i in active if by_id[i].kind != Kind.social]
    for n, day in enumerate(sorted({*event_days, *(d for d in extra if d >= start)})):
        venue = venues[n % len(venues)]
        here = [i for i in networkers if created[i] <= day]
        for cid in rng.sample(here, k=min(len(here), rng.choice((2, 3, 3)))):
            topic = rng.choice(by_id[cid].topics)
            drafts.append(
                _Draft(
                    contact=cid,
                    on=day,
                    kind="event",
                    exchange=rng.choices(["neutral", "gave"], weights=[70, 30])[0],
                    minutes=rng.choice(MINUTES["event"]),
                    note=f"Talked about {topic} between sessions.",
                    venue=venue,
                )
            )

    # Scripted stories: each replaces that contact's interactions from its first day on.
    def d(days: int) -> date:
        return today - timedelta(days=days)

    stories: dict[str, list[_Draft]] = {
        # the mentor I only ever ask: flagged "give first"
        "henrik-dahl": [
            _Draft("henrik-dahl", d(74), "call", "asked", 45,
                   "Asked how to price a first consulting gig.",
                   promise="Send him my rate card draft", kept=d(70)),
            _Draft("henrik-dahl", d(52), "coffee", "asked", 60,
                   "Asked for feedback on my freelance plan."),
            _Draft("henrik-dahl", d(38), "comment", "gave", 5,
                   "Shared his post on sailing and leadership."),
            _Draft("henrik-dahl", d(24), "message", "asked", 10,
                   "Asked for an intro to Nordvik's data practice.",
                   promise="Send a short bio for the intro", kept=d(14)),  # kept late
            _Draft("henrik-dahl", d(8), "call", "asked", 30,
                   "Asked him to be a reference."),
        ],
        # an overdue promise
        "amara-okafor": [
            _Draft("amara-okafor", d(17), "coffee", "neutral", 60,
                   "Coffee at Kestrel; walked through their data platform roadmap.",
                   follow_up=d(3), promise="Send the deck"),
        ],
        "jonas-lindqvist": [
            _Draft("jonas-lindqvist", d(26), "meeting", "gave", 60,
                   "Workshop on the dashboard revamp; he wants a proposal.",
                   follow_up=d(12), promise="Send the proposal"),
        ],
        # due this week
        "priya-raman": [
            _Draft("priya-raman", d(5), "call", "asked", 45,
                   "Mentoring call: career goals for next year.",
                   follow_up=d(-2), promise="Share my notes on the pricing experiment"),
        ],
        "chiara-bianchi": [
            _Draft("chiara-bianchi", d(2), "message", "gave", 15,
                   "Offered to review her keynote abstract.",
                   follow_up=d(-4), promise="Review the talk abstract"),
        ],
        # later
        "olumide-adeyemi": [
            _Draft("olumide-adeyemi", d(10), "coffee", "gave", 60,
                   "Coffee; talked credit scoring data products.",
                   follow_up=d(-11), promise="Intro to Clara Schmidt"),
        ],
    }  # fmt: skip
    for cid, story in stories.items():
        cut = min(s.on for s in story)
        drafts = [x for x in drafts if x.contact != cid or x.on < cut] + story

    # Only the scripted mentor is "give first": elsewhere, excess asks become neutral.
    balance = dict.fromkeys(ids, 0)
    for x in drafts:
        balance[x.contact] += {"gave": 1, "asked": -1}.get(x.exchange, 0)
    for n, x in enumerate(drafts):
        if x.exchange == "asked" and balance[x.contact] < 0 and x.contact != "henrik-dahl":
            balance[x.contact] += 1
            topic = by_id[x.contact].topics[0]
            key = note_key(by_id[x.contact].kind, x.kind, "neutral")
            note = notes[key][0].format(topic=topic)
            drafts[n] = x._replace(exchange="neutral", note=note)

    # Ids: date plus a running number per day, in a stable order.
    drafts.sort(key=lambda x: x.on)
    interactions: list[Interaction] = []
    per_day: dict[date, int] = {}
    for x in drafts:
        per_day[x.on] = per_day.get(x.on, 0) + 1
        interactions.append(
            Interaction(
                id=f"i-{x.on:%Y%m%d}-{per_day[x.on]}",
                contact=x.contact,
                on=x.on,
                kind=InteractionKind(x.kind),
                exchange=Exchange(x.exchange),
                minutes=x.minutes,
                note=x.note,
                venue=x.venue,
                follow_up=x.follow_up,
                promise=x.promise,
                kept=x.kept,
            )
        )

    # Explicit follow-ups follow from the journal (spec section 3), then a few set by hand
    # after each contact's last interaction.
    follow_up: dict[str, date | None] = dict.fromkeys(ids)
    last_seen: dict[str, date] = {}
    for i in interactions:
        last_seen[i.contact] = i.on
        current = follow_up[i.contact]
        if i.follow_up is not None:
            follow_up[i.contact] = i.follow_up
        elif current is not None and current <= i.on:
            follow_up[i.contact] = None
    by_hand = {"ingrid-johansen": 9, "daniel-cohen": 20, "ana-pereira": -6}
    for cid, ahead in by_hand.items():
        day = today + timedelta(days=ahead)
        if follow_up[cid] is None and last_seen.get(cid, created[cid]) < day:
            follow_up[cid] = day

    # The monthly review touched a few contacts.
    review_days = sorted(d for d, done in completions.items() if "review-contacts" in done)
    reviewed: dict[str, date] = {}
    if review_days:
        for n, cid in enumerate(("priya-raman", "nadia-haddad", "lukas-becker", "chen-wei",
                                 "anjali-kapoor", "samuel-ekstrom", "sven-hoffmann")):  # fmt: skip
            day = review_days[-1 - n % min(2, len(review_days))]
            if created[cid] <= day:
                reviewed[cid] = day

    milestones = cast_milestones(today)
    contacts = []
    for cid, p in by_id.items():
        address = cid.replace("-", ".")
        domain = "example.org" if p.kind == Kind.social or p.company is None else "example.com"
        contacts.append(
            Contact(
                id=cid,
                name=p.name,
                company=p.company,
                role=p.role,
                email=f"{address}@{domain}" if p.email else None,
                handles={"linkedin": f"https://www.linkedin.com/in/{cid}"} if p.linkedin else {},
                tags=list(p.tags),
                kind=p.kind,
                met_at=p.met_at.format(year=created[cid].year) if p.met_at else None,
                cadence_days=p.cadence_days,
                circle=CIRCLES.get(cid),
                follow_up=follow_up[cid],
                topics=list(p.topics),
                notes=p.notes,
                created=created[cid],
                reviewed=reviewed.get(cid),
                archived=p.archived,
                milestones=milestones.get(cid, []),
            )
        )

    this_month = today.replace(day=1)
    goals = [
        Goal(
            id="fintech-five",
            title="Meet five people in fintech",
            target=5,
            unit="people",
            why="Move towards a data product role in payments.",
            start=today - timedelta(days=60),
            due=add_months(month_start(this_month), 5) - timedelta(days=1),
            source=GoalSource(tag="fintech"),
        ),
        Goal(
            id="publish-six",
            title="Publish 6 articles",
            target=6,
            unit="articles",
            why="Be known for practical writing on data products.",
            start=add_months(month_start(this_month), -3),
            due=add_months(month_start(this_month), 9) - timedelta(days=1),
            source=GoalSource(routine="write-article"),
        ),
        Goal(
            id="talks-intros",
            title="Give 10 talks or intros",
            target=10,
            unit="talks or intros",
            why="Give before asking.",
            start=add_months(month_start(this_month), -5),
            due=add_months(month_start(this_month), 2) - timedelta(days=1),
            status=GoalStatus.active,
            progress=6,
        ),
    ]

    events, completions, interactions = demo_events(today, completions, interactions, contacts)
    plan = Plan(
        schema_version=SCHEMA_VERSION,
        settings=Settings(
            cadence_by_tag={"mentor": 30, "family": 14, "client": 21, "former-colleague": 60}
        ),
        routines=routines,
        completions=completions,
        goals=goals,
        skips=[Skip(from_=holiday_from, to=holiday_to, reason="Holiday")],
        events=events,
    )
    return plan, ContactBook(contacts=contacts), Journal(interactions=interactions)
