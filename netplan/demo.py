"""Default routines, the first-run plan, and realistic sample data for `netplan demo`.

Everything here is pure: `demo_data(today)` depends only on `today` and a fixed random seed, so
the same day always gives byte-for-byte the same store (the screenshots rely on it). Nothing is
built at import time.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import date, timedelta
from typing import NamedTuple

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
    Milestone,
    Period,
    Plan,
    Routine,
    Settings,
    WeekStart,
)

__all__ = ["default_plan", "default_routines", "demo_data"]

_SEED = 20261125
_WEEKS = 12  # how far back the demo journal and check-offs go, counting the current week


# --- defaults ----------------------------------------------------------------------------


def default_routines() -> list[Routine]:
    """The six routines of the strategy (spec section 2), in the spec's order."""
    return [
        Routine(
            id="engage-posts",
            title="Engage with posts",
            period=Period.week,
            target=3,
            platform="LinkedIn",
            kind=Kind.networking,
            minutes=10,
        ),
        Routine(
            id="connect-people",
            title="Connect with new people",
            period=Period.week,
            target=2,
            kind=Kind.networking,
            minutes=15,
        ),
        Routine(
            id="share-resource",
            title="Share a useful resource",
            period=Period.week,
            target=1,
            kind=Kind.networking,
            minutes=20,
        ),
        Routine(
            id="write-article",
            title="Write an industry article",
            period=Period.month,
            target=1,
            kind=Kind.networking,
            minutes=120,
        ),
        Routine(
            id="attend-event",
            title="Attend an industry event",
            period=Period.month,
            target=1,
            kind=Kind.networking,
            minutes=180,
        ),
        Routine(
            id="review-contacts",
            title="Review and update contacts",
            period=Period.month,
            target=1,
            kind=Kind.networking,
            minutes=30,
        ),
    ]


def _default_settings(cadence_by_tag: dict[str, int] | None = None) -> Settings:
    return Settings(
        week_start=WeekStart.monday,
        weekly_hours=(5, 10),
        platforms=["LinkedIn", "Twitter", "Slack"],
        theme="textual-dark",
        cadence_by_tag=dict(cadence_by_tag or {}),
    )


def default_plan() -> Plan:
    """The plan a new store starts with: default settings and routines, nothing checked off."""
    return Plan(
        schema_version=SCHEMA_VERSION,
        settings=_default_settings(),
        routines=default_routines(),
        completions={},
        goals=[],
    )


# --- small date and text helpers ---------------------------------------------------------


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _add_months(day: date, months: int) -> date:
    """The first day of the month `months` after `day`'s month."""
    index = day.year * 12 + (day.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def _month_end(day: date) -> date:
    return _add_months(day, 1) - timedelta(days=1)


def _in_year(year: int, like: date) -> date:
    """`like`'s month and day in `year`; Feb 29 becomes Feb 28 outside leap years."""
    try:
        return date(year, like.month, like.day)
    except ValueError:
        return date(year, like.month, 28)


def _ascii(text: str) -> str:
    fold = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "đ": "d"})
    folded = unicodedata.normalize("NFKD", text.translate(fold))
    return "".join(ch for ch in folded if ord(ch) < 128)


def _slug(name: str) -> str:
    words = "".join(ch if ch.isalnum() else " " for ch in _ascii(name).lower()).split()
    return "-".join(words)


# --- the people --------------------------------------------------------------------------


class _Person(NamedTuple):
    name: str
    company: str | None
    role: str | None
    tags: tuple[str, ...]
    kind: Kind
    met_at: str | None  # "{year}" is replaced by the year the contact was created
    topics: tuple[str, ...]
    notes: str | None
    created_ago: int  # days before today
    activity: int  # relative weight for random interactions; 0 = none
    cadence_days: int | None = None
    email: bool = True
    linkedin: bool = True
    archived: bool = False


def _people() -> list[_Person]:
    n, s, b = Kind.networking, Kind.social, Kind.both
    return [
        _Person("Amara Okafor", "Kestrel Bank", "Head of Data Platform", ("fintech", "data"), n,
                "Money20/20 Europe {year}", ("data mesh", "payments fraud", "hiring"),
                "Hiring two analytics engineers in Q1. Prefers mornings.", 290, 3,
                cadence_days=30),
        _Person("Lukas Becker", "Northwind Analytics", "Staff Data Engineer",
                ("former-colleague", "data"), b, "Worked together at Datawerk",
                ("dbt", "cycling", "home brewing"), "Rides the Amstel Gold route every April.",
                362, 2, cadence_days=45),
        _Person("Elena Marín", None, None, ("family",), s, None,
                ("the kids", "Valencia", "paella recipes"), "Sister. Lives in Valencia.",
                365, 3, email=True, linkedin=False),
        _Person("Priya Raman", "Brightpay", "VP Product", ("fintech", "mentor"), n,
                "PyData Amsterdam {year}", ("product strategy", "career goals", "pricing"),
                "Monthly mentoring call; wants a written update before each one.", 330, 3),
        _Person("Mateo Rossi", "Lumen Data", "Senior Data Scientist", ("data", "community"), n,
                "Data & AI meetup Amsterdam", ("causal inference", "football"),
                "Co-organises the Data & AI meetup.", 250, 2),
        _Person("Chen Wei", "Quayside Capital", "Principal", ("fintech",), n,
                "Chamber of Commerce breakfast", ("seed funding", "open banking"),
                "Invests in B2B fintech; open to warm intros.", 210, 1),
        _Person("Fatima Zahra El Amrani", "Civic Analytics Lab", "Product Manager",
                ("product", "community"), b, "ProductTank Amsterdam",
                ("civic tech", "user research", "climbing"),
                "Looking for volunteers for an open-data hackathon.", 190, 2),
        _Person("Jonas Lindqvist", "Fjordline Logistics", "CTO", ("client",), n,
                "LogiMAT trade show {year}", ("route optimisation", "dashboards"),
                "Dashboard revamp proposal pending; decision in the board meeting.", 240, 2),
        _Person("Aoife Byrne", "Harbour Recruiting", "Senior Tech Recruiter", ("recruiter",), n,
                "LinkedIn", ("data hiring market", "salary bands"),
                "Honest about the market; shares salary surveys.", 150, 1),
        _Person("Henrik Dahl", "Nordvik Consulting", "Partner", ("mentor",), n,
                "Chamber of Commerce breakfast", ("consulting", "pricing", "sailing"),
                "Generous with time. I keep asking; find a way to help him back.", 300, 0),
        _Person("Yuki Tanaka", "Sakura Payments Europe", "Product Lead", ("fintech", "product"),
                n, "LinkedIn Live: Open Banking {year}", ("open banking", "onboarding flows"),
                "Moved from Tokyo to Amsterdam last year.", 31, 2),
        _Person("Olumide Adeyemi", "Paystride", "Data Product Manager", ("fintech", "data"), n,
                "Fintech meetup Berlin", ("data products", "credit scoring"),
                "Wants to meet someone in risk analytics.", 12, 1),
        _Person("Clara Schmidt", "Kestrel Bank", "Risk Analytics Lead", ("fintech",), n,
                "Money20/20 Europe {year}", ("model risk", "regulation"),
                "Amara's colleague. Speaks at risk conferences.", 52, 2),
        _Person("Gabriel Souza", "Tidewater Labs", "Founder", ("speaker", "community"), n,
                "PyCon DE {year}", ("developer tools", "open source"),
                "Giving a talk on data contracts; offered to review his slides.", 200, 1),
        _Person("Ingrid Johansen", "Polaris Health", "Director of Analytics", ("client",), n,
                "Referral from Nadia", ("healthcare data", "GDPR"),
                "Contract renewal comes up next month.", 280, 2),
        _Person("Rahul Mehta", "Datawerk", "Engineering Manager", ("former-colleague",), b,
                "Worked together at Datawerk", ("team leadership", "cricket"),
                "My first manager at Datawerk.", 355, 1),
        _Person("Zoë Müller", None, "Freelance UX Researcher", ("community", "product"), b,
                "ProductTank Amsterdam", ("user interviews", "accessibility"),
                "Born on a leap day; celebrates on the 28th.", 175, 1),
        _Person("Łukasz Nowak", "Vistula Software", "Data Architect", ("data", "speaker"), n,
                "PyCon DE {year}", ("lakehouse", "Polish jazz"), None, 160, 1),
        _Person("Nadia Haddad", "Meridian Insurance", "Chief Data Officer", ("client", "mentor"),
                n, "Chamber of Commerce breakfast", ("data strategy", "board reporting"),
                "Introduced me to Ingrid. Prefers calls to email.", 320, 2),
        _Person("Tom O'Brien", None, None, ("friend",), s, "University in Dublin",
                ("rugby", "running"), "Running the Amsterdam marathon together.", 365, 2,
                cadence_days=30, linkedin=False),
        _Person("Ana Pereira", "Lisbon Product Guild", "Organiser", ("community", "product"), n,
                "ProductTank Lisbon", ("product communities", "surfing"),
                "Looking for speakers for the autumn season.", 230, 1),
        _Person("Kwame Mensah", "Ledgerline", "Head of Product", ("fintech", "product"), n,
                "Money20/20 Europe {year}", ("B2B payments", "roadmapping"), None, 260, 1),
        _Person("Isabelle Laurent", "Banque Aurore", "Data Governance Manager",
                ("fintech", "data"), n, "LinkedIn Live: Data Governance {year}",
                ("data catalogues", "BCBS 239"), "Based in Lyon; in Amsterdam twice a year.",
                140, 1),
        _Person("Daniel Cohen", "Cohen Ventures", "Angel Investor", ("fintech", "mentor"), n,
                "Chamber of Commerce breakfast", ("fundraising", "side projects"),
                "Will look at the side-project deck once it's ready.", 270, 1, cadence_days=45),
        _Person("Mei Lin Ho", "Orbital Retail", "Analytics Translator", ("data",), n,
                "Data & AI meetup Amsterdam", ("retail analytics", "bouldering"), None, 120, 1),
        _Person("Sven Hoffmann", "Datawerk", "VP Engineering", ("former-colleague", "mentor"), n,
                "Worked together at Datawerk", ("engineering leadership", "chess"),
                "Former manager; good sounding board for big decisions.", 340, 1),
        _Person("Leila Farahani", "Helix Biotech", "ML Engineer", ("data", "speaker"), n,
                "PyData Amsterdam {year}", ("MLOps", "protein models"), None, 110, 1),
        _Person("Rosa Marín", None, None, ("family",), s, None,
                ("garden", "her book club", "health"), "Mum. Call on Sundays.", 365, 2,
                email=False, linkedin=False),
        _Person("Hannah Weiss", "Harbour Recruiting", "Talent Partner", ("recruiter",), n,
                "LinkedIn", ("product hiring",), "Aoife's colleague.", 95, 1),
        _Person("Diego Álvarez", "Brightpay", "Data Analyst", ("fintech", "former-colleague"),
                b, "Worked together at Datawerk", ("SQL", "salsa"),
                "Moved to Brightpay in spring; thinking about product analytics.", 300, 1),
        _Person("Anjali Kapoor", "Women in Data NL", "Chapter Lead", ("community", "speaker"),
                n, "Women in Data NL", ("mentoring programmes", "diversity in tech"),
                "Asked me to mentor for the next cohort.", 215, 2),
        _Person("Erik van Dijk", "Amsterdam Chamber of Commerce", "Business Advisor",
                ("community",), n, "Chamber of Commerce breakfast",
                ("small business", "events"), "Runs the monthly breakfast.", 180, 1),
        _Person("Marta Kowalska", "Vistula Software", "Product Owner", ("product",), n,
                "PyCon DE {year}", ("discovery", "OKRs"), None, 158, 1),
        _Person("Samuel Ekström", "Fjordline Logistics", "Data Lead", ("client", "data"), n,
                "LogiMAT trade show {year}", ("data quality", "dashboards"),
                "Day-to-day contact on the Fjordline project.", 238, 2),
        _Person("Chiara Bianchi", "Lumen Data", "CEO", ("speaker", "data"), n,
                "Data & AI meetup Amsterdam", ("AI regulation", "startups"),
                "Keynoting the Data & AI summit; reviewing her abstract.", 225, 2,
                cadence_days=60),
        _Person("Grace Njoroge", "Open Knowledge Europe", "Programme Manager", ("community",),
                b, "LinkedIn Live: Open Data {year}", ("open data", "nonprofits"), None, 130, 1),
        _Person("Felix Wagner", None, "Data Consultant (sabbatical)", ("former-colleague",), s,
                "Worked together at Datawerk", ("travel", "photography"),
                "Travelling South America until spring.", 350, 1),
        _Person("Sara Lindgren", "Northwind Analytics", "Head of Product", ("product",), n,
                "Lukas's intro", ("analytics products", "pricing"), None, 85, 1),
        _Person("Omar Siddiqui", "Quayside Capital", "Analyst", ("fintech",), n,
                "Chamber of Commerce breakfast", ("market maps",),
                "Moved to Singapore, out of fintech.", 320, 0, archived=True),
        _Person("Viktor Petrov", "TalentBridge", "Recruiter", ("recruiter",), n, "LinkedIn",
                (), "Only ever sent generic job ads.", 345, 0, email=False, archived=True),
    ]  # fmt: skip


def _milestones(today: date) -> dict[str, list[Milestone]]:
    soon = today + timedelta(days=9)
    anniversary = today + timedelta(days=12)
    return {
        "elena-marin": [Milestone(label="Birthday", date=_in_year(1988, soon), yearly=True)],
        "zoe-muller": [Milestone(label="Birthday", date=date(1992, 2, 29), yearly=True)],
        "priya-raman": [
            Milestone(label="Birthday", date=date(1984, 6, 14), yearly=True),
            Milestone(label="Work anniversary", date=date(2021, 3, 1), yearly=True),
        ],
        "rosa-marin": [Milestone(label="Birthday", date=date(1959, 10, 3), yearly=True)],
        "tom-o-brien": [Milestone(label="Birthday", date=date(1987, 1, 21), yearly=True)],
        "lukas-becker": [Milestone(label="Work anniversary", date=date(2021, 9, 1), yearly=True)],
        "rahul-mehta": [
            Milestone(
                label="Work anniversary",
                date=_in_year(today.year - 4, anniversary),
                yearly=True,
            )
        ],
        "amara-okafor": [Milestone(label="Work anniversary", date=date(2022, 4, 4), yearly=True)],
        "kwame-mensah": [Milestone(label="Birthday", date=date(1990, 12, 12), yearly=True)],
        "gabriel-souza": [
            Milestone(label="Conference talk", date=today + timedelta(days=38), yearly=False)
        ],
    }


# --- interactions ------------------------------------------------------------------------


def _notes() -> dict[tuple[str, str], tuple[str, ...]]:
    return {
        ("message", "gave"): (
            "Sent a good read on {topic}.",
            "Shared a job lead that fits.",
            "Congratulated on the launch and shared it.",
        ),
        ("message", "asked"): (
            "Asked for feedback on my {topic} write-up.",
            "Asked for a pointer on {topic}.",
        ),
        ("message", "neutral"): ("Quick check-in.", "Swapped notes on {topic}."),
        ("comment", "gave"): (
            "Thoughtful comment on the post about {topic}.",
            "Reshared the post on {topic} with context.",
        ),
        ("comment", "asked"): ("Asked a question under the post on {topic}.",),
        ("comment", "neutral"): ("Commented on a post about {topic}.",),
        ("call", "gave"): (
            "Talked through a {topic} problem; sent my notes after.",
            "Mock interview practice.",
            "Gave feedback on their {topic} roadmap.",
        ),
        ("call", "asked"): ("Asked for advice on {topic}.", "Asked about the team's hiring plans."),
        ("call", "neutral"): ("Catch-up call about {topic}.",),
        ("coffee", "gave"): (
            "Coffee; offered to review the {topic} plan.",
            "Coffee; shared lessons from our {topic} project.",
        ),
        ("coffee", "asked"): ("Coffee; asked for an intro to someone in {topic}.",),
        ("coffee", "neutral"): ("Coffee near Central Station; talked about {topic}.",),
        ("meeting", "gave"): (
            "Workshop on {topic}; left them the template.",
            "Ran a working session on {topic} for their team.",
        ),
        ("meeting", "asked"): ("Asked for a reference for the Polaris bid.",),
        ("meeting", "neutral"): ("Project meeting: {topic}.", "Quarterly review, {topic}."),
        ("intro", "gave"): ("Made an intro to {other} about {topic}.",),
        ("intro", "asked"): ("Asked for an intro to {other}.",),
        ("intro", "neutral"): (
            "Was introduced at a mutual friend's dinner.",
            "Was introduced by {other}.",
        ),
        ("other", "gave"): ("Wrote a LinkedIn recommendation.", "Sent a book on {topic}."),
        ("other", "asked"): ("Asked to review my talk proposal.",),
        ("other", "neutral"): ("Bumped into each other at the station.",),
        ("social", "gave"): ("Sent a small present.", "Lent a hand with some errands."),
        ("social", "asked"): ("Asked a favour: watering my plants while I'm away.",),
        ("social-message", "neutral"): ("Voice notes about {topic}.", "Texted about {topic}."),
        ("social-call", "neutral"): ("Long call about {topic}.",),
        ("social-coffee", "neutral"): (
            "Dinner together; talked about {topic}.",
            "Coffee and a walk; talked about {topic}.",
        ),
        ("social-other", "neutral"): ("Weekend visit; talked about {topic}.",),
    }


def _note_key(person: Kind, kind: str, exchange: str) -> tuple[str, str]:
    if person != Kind.social:
        return (kind, exchange)
    return (f"social-{kind}", exchange) if exchange == "neutral" else ("social", exchange)


def _hobbies() -> set[str]:
    """Topics that make small talk, not the subject of a professional note."""
    return {"bouldering", "chess", "climbing", "cricket", "cycling", "football", "home brewing",
            "Polish jazz", "rugby", "running", "sailing", "salsa", "surfing", "travel",
            "photography"}  # fmt: skip


_KINDS_NETWORKING = (
    ("message", 24),
    ("comment", 20),
    ("call", 12),
    ("coffee", 12),
    ("meeting", 12),
    ("intro", 8),
    ("other", 4),
)
_KINDS_SOCIAL = (("message", 40), ("call", 30), ("coffee", 20), ("other", 10))
_MINUTES = {
    "message": (5, 10, 15),
    "comment": (5, 5, 10),
    "call": (20, 30, 30, 45),
    "coffee": (45, 60, 60, 75),
    "meeting": (30, 45, 60, 60),
    "intro": (10, 15, 15, 20),
    "other": (15, 20, 30),
    "event": (15, 20, 30, 40),
}
_PROMISES = (
    "Send the deck",
    "Share my notes",
    "Send the article draft",
    "Book a coffee",
    "Review the CV",
    "Intro to someone on the data team",
)
_VENUES = (
    "Data & AI meetup Amsterdam",
    "Amsterdam Chamber of Commerce breakfast",
    "Fintech meetup Berlin",
    "PyData Amsterdam",
    "ProductTank Amsterdam",
    "LinkedIn Live: Data Products",
    "Money20/20 Europe trade show",
)


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


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def _days_between(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


# --- completions -------------------------------------------------------------------------


def _completions(
    rng: random.Random, today: date, routines: list[Routine]
) -> dict[date, dict[str, int]]:
    """Check-offs for the last 12 weeks: mostly met, a few misses, the current week begun."""
    counts: dict[date, dict[str, int]] = {}

    def add(day: date, routine: str, n: int = 1) -> None:
        per_day = counts.setdefault(day, {})
        per_day[routine] = per_day.get(routine, 0) + n

    this_week = _monday(today)
    start = this_week - timedelta(weeks=_WEEKS - 1)
    # weeks back (1 = last week) -> how many done, where it differs from the target
    weekly_misses = {
        "engage-posts": {5: 2, 9: 1},  # a 4-week streak now
        "connect-people": {8: 1},  # a 7-week streak now
        "share-resource": {3: 0, 10: 0},  # a 2-week streak, and 6 weeks before
        "thank-publicly": {2: 0, 6: 0, 7: 0, 11: 0},
    }
    weekly = [r for r in routines if r.period == Period.week]
    for back in range(_WEEKS - 1, 0, -1):
        days = _days_between(this_week - timedelta(weeks=back), this_week - timedelta(days=1))[:7]
        for routine in weekly:
            done = weekly_misses.get(routine.id, {}).get(back, routine.target)
            if done == routine.target and rng.random() < 0.2:
                done += 1  # a good week
            for day in sorted(rng.choices(days, k=done)):
                add(day, routine.id)
    # the current week: begun, not finished
    so_far = _days_between(this_week, today)
    add(so_far[0], "engage-posts")
    if len(so_far) >= 3:
        add(so_far[1], "connect-people")
    if len(so_far) >= 5:
        add(so_far[3], "share-resource")

    # months back (1 = last month) that were missed
    monthly_misses = {"write-article": {2}}
    month = today.replace(day=1)
    back = 1
    while _month_end(_add_months(month, -back)) >= start:
        first = max(_add_months(month, -back), start)
        days = _days_between(first, _month_end(first))
        for routine in routines:
            if routine.period != Period.month or back in monthly_misses.get(routine.id, set()):
                continue
            add(rng.choice(days), routine.id, routine.target)
        back += 1
    if today.day >= 3:
        add(today.replace(day=2), "review-contacts")
    if today.day >= 8:
        add(today.replace(day=7), "write-article")
    return {day: counts[day] for day in sorted(counts)}


# --- the whole store ---------------------------------------------------------------------


def demo_data(today: date) -> tuple[Plan, ContactBook, Journal]:
    """A plausible year of networking by a data/product person in Amsterdam, ending `today`."""
    rng = random.Random(_SEED)
    people = _people()
    ids = [_slug(p.name) for p in people]
    by_id = dict(zip(ids, people, strict=True))
    created = {i: today - timedelta(days=p.created_ago) for i, p in by_id.items()}
    start = _monday(today) - timedelta(weeks=_WEEKS - 1)

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
        ),
    ]
    completions = _completions(rng, today, routines)

    # Random everyday interactions, weighted by how active each relationship is.
    notes = _notes()
    hobbies = _hobbies()
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
            kind = _weighted(rng, _KINDS_SOCIAL)
            exchange = rng.choices(["neutral", "gave", "asked"], weights=[80, 15, 5])[0]
            template = rng.choice(notes[_note_key(person.kind, kind, exchange)])
        else:
            kinds = _KINDS_NETWORKING if person.kind == Kind.networking else _KINDS_SOCIAL
            kind = _weighted(rng, kinds)
            exchange = rng.choices(["gave", "neutral", "asked"], weights=[45, 42, 13])[0]
            template = rng.choice(notes[(kind, exchange)])
        other = by_id[rng.choice([i for i in active if i != cid])].name
        follow_up = promise = None
        if (today - on).days <= 21 and rng.random() < 0.15:
            follow_up = on + timedelta(days=rng.choice((7, 14, 21)))
            promise = rng.choice(_PROMISES) if rng.random() < 0.5 else None
        drafts.append(
            _Draft(
                contact=cid,
                on=on,
                kind=kind,
                exchange=exchange,
                minutes=rng.choice(_MINUTES[kind]),
                note=template.format(topic=topic, other=other),
                follow_up=follow_up,
                promise=promise,
            )
        )

    # Events: every attended event, plus a couple of extra meetups, with people met there.
    event_days = [d for d, done in completions.items() if "attend-event" in done]
    extra = [today - timedelta(days=d) for d in (23, 61)]
    venues = list(_VENUES)
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
                    minutes=rng.choice(_MINUTES["event"]),
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
                   "Asked how to price a first consulting gig."),
            _Draft("henrik-dahl", d(52), "coffee", "asked", 60,
                   "Asked for feedback on my freelance plan."),
            _Draft("henrik-dahl", d(38), "comment", "gave", 5,
                   "Shared his post on sailing and leadership."),
            _Draft("henrik-dahl", d(24), "message", "asked", 10,
                   "Asked for an intro to Nordvik's data practice."),
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
            key = _note_key(by_id[x.contact].kind, x.kind, "neutral")
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

    milestones = _milestones(today)
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
            due=_add_months(this_month, 5) - timedelta(days=1),
            source=GoalSource(tag="fintech"),
        ),
        Goal(
            id="publish-six",
            title="Publish 6 articles",
            target=6,
            unit="articles",
            why="Be known for practical writing on data products.",
            start=_add_months(this_month, -3),
            due=_add_months(this_month, 9) - timedelta(days=1),
            source=GoalSource(routine="write-article"),
        ),
        Goal(
            id="talks-intros",
            title="Give 10 talks or intros",
            target=10,
            unit="talks or intros",
            why="Give before asking.",
            start=_add_months(this_month, -5),
            due=_add_months(this_month, 2) - timedelta(days=1),
            status=GoalStatus.active,
            progress=6,
        ),
    ]

    plan = Plan(
        schema_version=SCHEMA_VERSION,
        settings=_default_settings(
            {"mentor": 30, "family": 14, "client": 21, "former-colleague": 60}
        ),
        routines=routines,
        completions=completions,
        goals=goals,
    )
    return plan, ContactBook(contacts=contacts), Journal(interactions=interactions)
