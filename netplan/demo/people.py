"""The demo's cast: people a data/product person in Amsterdam knows, their milestones, and
what notes of their interactions read like. Content only; `generator` turns it into a store."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from netplan.domain.followups import on_year
from netplan.models import Kind, Milestone


class Person(NamedTuple):
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


def people() -> list[Person]:
    n, s, b = Kind.networking, Kind.social, Kind.both
    return [
        Person("Amara Okafor", "Kestrel Bank", "Head of Data Platform", ("fintech", "data"), n,
                "Money20/20 Europe {year}", ("data mesh", "payments fraud", "hiring"),
                "Hiring two analytics engineers in Q1. Prefers mornings.", 290, 3,
                cadence_days=30),
        Person("Lukas Becker", "Northwind Analytics", "Staff Data Engineer",
                ("former-colleague", "data"), b, "Worked together at Datawerk",
                ("dbt", "cycling", "home brewing"), "Rides the Amstel Gold route every April.",
                362, 2, cadence_days=45),
        Person("Elena Marín", None, None, ("family",), s, None,
                ("the kids", "Valencia", "paella recipes"), "Sister. Lives in Valencia.",
                365, 3, email=True, linkedin=False),
        Person("Priya Raman", "Brightpay", "VP Product", ("fintech", "mentor"), n,
                "PyData Amsterdam {year}", ("product strategy", "career goals", "pricing"),
                "Monthly mentoring call; wants a written update before each one.", 330, 3),
        Person("Mateo Rossi", "Lumen Data", "Senior Data Scientist", ("data", "community"), n,
                "Data & AI meetup Amsterdam", ("causal inference", "football"),
                "Co-organises the Data & AI meetup.", 250, 2),
        Person("Chen Wei", "Quayside Capital", "Principal", ("fintech",), n,
                "Chamber of Commerce breakfast", ("seed funding", "open banking"),
                "Invests in B2B fintech; open to warm intros.", 210, 1),
        Person("Fatima Zahra El Amrani", "Civic Analytics Lab", "Product Manager",
                ("product", "community"), b, "ProductTank Amsterdam",
                ("civic tech", "user research", "climbing"),
                "Looking for volunteers for an open-data hackathon.", 190, 2),
        Person("Jonas Lindqvist", "Fjordline Logistics", "CTO", ("client",), n,
                "LogiMAT trade show {year}", ("route optimisation", "dashboards"),
                "Dashboard revamp proposal pending; decision in the board meeting.", 240, 2),
        Person("Aoife Byrne", "Harbour Recruiting", "Senior Tech Recruiter", ("recruiter",), n,
                "LinkedIn", ("data hiring market", "salary bands"),
                "Honest about the market; shares salary surveys.", 150, 1),
        Person("Henrik Dahl", "Nordvik Consulting", "Partner", ("mentor",), n,
                "Chamber of Commerce breakfast", ("consulting", "pricing", "sailing"),
                "Generous with time. I keep asking; find a way to help him back.", 300, 0),
        Person("Yuki Tanaka", "Sakura Payments Europe", "Product Lead", ("fintech", "product"),
                n, "LinkedIn Live: Open Banking {year}", ("open banking", "onboarding flows"),
                "Moved from Tokyo to Amsterdam last year.", 31, 2),
        Person("Olumide Adeyemi", "Paystride", "Data Product Manager", ("fintech", "data"), n,
                "Fintech meetup Berlin", ("data products", "credit scoring"),
                "Wants to meet someone in risk analytics.", 12, 1),
        Person("Clara Schmidt", "Kestrel Bank", "Risk Analytics Lead", ("fintech",), n,
                "Money20/20 Europe {year}", ("model risk", "regulation"),
                "Amara's colleague. Speaks at risk conferences.", 52, 2),
        Person("Gabriel Souza", "Tidewater Labs", "Founder", ("speaker", "community"), n,
                "PyCon DE {year}", ("developer tools", "open source"),
                "Giving a talk on data contracts; offered to review his slides.", 200, 1),
        Person("Ingrid Johansen", "Polaris Health", "Director of Analytics", ("client",), n,
                "Referral from Nadia", ("healthcare data", "GDPR"),
                "Contract renewal comes up next month.", 280, 2),
        Person("Rahul Mehta", "Datawerk", "Engineering Manager", ("former-colleague",), b,
                "Worked together at Datawerk", ("team leadership", "cricket"),
                "My first manager at Datawerk.", 355, 1),
        Person("Zoë Müller", None, "Freelance UX Researcher", ("community", "product"), b,
                "ProductTank Amsterdam", ("user interviews", "accessibility"),
                "Born on a leap day; celebrates on the 28th.", 175, 1),
        Person("Łukasz Nowak", "Vistula Software", "Data Architect", ("data", "speaker"), n,
                "PyCon DE {year}", ("lakehouse", "Polish jazz"), None, 160, 1),
        Person("Nadia Haddad", "Meridian Insurance", "Chief Data Officer", ("client", "mentor"),
                n, "Chamber of Commerce breakfast", ("data strategy", "board reporting"),
                "Introduced me to Ingrid. Prefers calls to email.", 320, 2),
        Person("Tom O'Brien", None, None, ("friend",), s, "University in Dublin",
                ("rugby", "running"), "Running the Amsterdam marathon together.", 365, 2,
                cadence_days=30, linkedin=False),
        Person("Ana Pereira", "Lisbon Product Guild", "Organiser", ("community", "product"), n,
                "ProductTank Lisbon", ("product communities", "surfing"),
                "Looking for speakers for the autumn season.", 230, 1),
        Person("Kwame Mensah", "Ledgerline", "Head of Product", ("fintech", "product"), n,
                "Money20/20 Europe {year}", ("B2B payments", "roadmapping"), None, 260, 1),
        Person("Isabelle Laurent", "Banque Aurore", "Data Governance Manager",
                ("fintech", "data"), n, "LinkedIn Live: Data Governance {year}",
                ("data catalogues", "BCBS 239"), "Based in Lyon; in Amsterdam twice a year.",
                140, 1),
        Person("Daniel Cohen", "Cohen Ventures", "Angel Investor", ("fintech", "mentor"), n,
                "Chamber of Commerce breakfast", ("fundraising", "side projects"),
                "Will look at the side-project deck once it's ready.", 270, 1, cadence_days=45),
        Person("Mei Lin Ho", "Orbital Retail", "Analytics Translator", ("data",), n,
                "Data & AI meetup Amsterdam", ("retail analytics", "bouldering"), None, 120, 1),
        Person("Sven Hoffmann", "Datawerk", "VP Engineering", ("former-colleague", "mentor"), n,
                "Worked together at Datawerk", ("engineering leadership", "chess"),
                "Former manager; good sounding board for big decisions.", 340, 1),
        Person("Leila Farahani", "Helix Biotech", "ML Engineer", ("data", "speaker"), n,
                "PyData Amsterdam {year}", ("MLOps", "protein models"), None, 110, 1),
        Person("Rosa Marín", None, None, ("family",), s, None,
                ("garden", "her book club", "health"), "Mum. Call on Sundays.", 365, 2,
                email=False, linkedin=False),
        Person("Hannah Weiss", "Harbour Recruiting", "Talent Partner", ("recruiter",), n,
                "LinkedIn", ("product hiring",), "Aoife's colleague.", 95, 1),
        Person("Diego Álvarez", "Brightpay", "Data Analyst", ("fintech", "former-colleague"),
                b, "Worked together at Datawerk", ("SQL", "salsa"),
                "Moved to Brightpay in spring; thinking about product analytics.", 300, 1),
        Person("Anjali Kapoor", "Women in Data NL", "Chapter Lead", ("community", "speaker"),
                n, "Women in Data NL", ("mentoring programmes", "diversity in tech"),
                "Asked me to mentor for the next cohort.", 215, 2),
        Person("Erik van Dijk", "Amsterdam Chamber of Commerce", "Business Advisor",
                ("community",), n, "Chamber of Commerce breakfast",
                ("small business", "events"), "Runs the monthly breakfast.", 180, 1),
        Person("Marta Kowalska", "Vistula Software", "Product Owner", ("product",), n,
                "PyCon DE {year}", ("discovery", "OKRs"), None, 158, 1),
        Person("Samuel Ekström", "Fjordline Logistics", "Data Lead", ("client", "data"), n,
                "LogiMAT trade show {year}", ("data quality", "dashboards"),
                "Day-to-day contact on the Fjordline project.", 238, 2),
        Person("Chiara Bianchi", "Lumen Data", "CEO", ("speaker", "data"), n,
                "Data & AI meetup Amsterdam", ("AI regulation", "startups"),
                "Keynoting the Data & AI summit; reviewing her abstract.", 225, 2,
                cadence_days=60),
        Person("Grace Njoroge", "Open Knowledge Europe", "Programme Manager", ("community",),
                b, "LinkedIn Live: Open Data {year}", ("open data", "nonprofits"), None, 130, 1),
        Person("Felix Wagner", None, "Data Consultant (sabbatical)", ("former-colleague",), s,
                "Worked together at Datawerk", ("travel", "photography"),
                "Travelling South America until spring.", 350, 1),
        Person("Sara Lindgren", "Northwind Analytics", "Head of Product", ("product",), n,
                "Lukas's intro", ("analytics products", "pricing"), None, 85, 1),
        Person("Omar Siddiqui", "Quayside Capital", "Analyst", ("fintech",), n,
                "Chamber of Commerce breakfast", ("market maps",),
                "Moved to Singapore, out of fintech.", 320, 0, archived=True),
        Person("Viktor Petrov", "TalentBridge", "Recruiter", ("recruiter",), n, "LinkedIn",
                (), "Only ever sent generic job ads.", 345, 0, email=False, archived=True),
    ]  # fmt: skip


def milestones(today: date) -> dict[str, list[Milestone]]:
    soon = today + timedelta(days=9)
    anniversary = today + timedelta(days=12)
    return {
        "elena-marin": [Milestone(label="Birthday", date=on_year(soon, 1988), yearly=True)],
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
                date=on_year(anniversary, today.year - 4),
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


def notes() -> dict[tuple[str, str], tuple[str, ...]]:
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


def note_key(person: Kind, kind: str, exchange: str) -> tuple[str, str]:
    if person != Kind.social:
        return (kind, exchange)
    return (f"social-{kind}", exchange) if exchange == "neutral" else ("social", exchange)


def hobbies() -> set[str]:
    """Topics that make small talk, not the subject of a professional note."""
    return {"bouldering", "chess", "climbing", "cricket", "cycling", "football", "home brewing",
            "Polish jazz", "rugby", "running", "sailing", "salsa", "surfing", "travel",
            "photography"}  # fmt: skip


KINDS_NETWORKING = (
    ("message", 24),
    ("comment", 20),
    ("call", 12),
    ("coffee", 12),
    ("meeting", 12),
    ("intro", 8),
    ("other", 4),
)
KINDS_SOCIAL = (("message", 40), ("call", 30), ("coffee", 20), ("other", 10))
MINUTES = {
    "message": (5, 10, 15),
    "comment": (5, 5, 10),
    "call": (20, 30, 30, 45),
    "coffee": (45, 60, 60, 75),
    "meeting": (30, 45, 60, 60),
    "intro": (10, 15, 15, 20),
    "other": (15, 20, 30),
    "event": (15, 20, 30, 40),
}
PROMISES = (
    "Send the deck",
    "Share my notes",
    "Send the article draft",
    "Book a coffee",
    "Review the CV",
    "Intro to someone on the data team",
)
VENUES = (
    "Data & AI meetup Amsterdam",
    "Amsterdam Chamber of Commerce breakfast",
    "Fintech meetup Berlin",
    "PyData Amsterdam",
    "ProductTank Amsterdam",
    "LinkedIn Live: Data Products",
    "Money20/20 Europe trade show",
)
# Dunbar circles (spec 7.2): six in the innermost five, so the Contacts tab shows its note;
# Mateo has only his circle's cadence (150: a yearly check-in).
CIRCLES = {
    **dict.fromkeys(("elena-marin", "rosa-marin", "priya-raman", "tom-o-brien"), 5),
    **dict.fromkeys(("daniel-cohen", "henrik-dahl"), 5),
    **dict.fromkeys(("lukas-becker", "amara-okafor", "sven-hoffmann", "nadia-haddad"), 15),
    **dict.fromkeys(("rahul-mehta", "ingrid-johansen", "chiara-bianchi", "diego-alvarez"), 50),
    "mateo-rossi": 150,
}
