"""Generate a synthetic Local Offer of any size that follows the contract, for the benchmark.

The site looks like a large council's: a home page, statutory "about" pages, topic guides with a
section page each, service entries grouped by category, "You said, we did" rounds and a feedback
page. Text is plain English built from varied sentences, with acronyms spelled out on first use.
Pages link to each other, and about 500 unique external links point at 50 loopback hosts
(127.0.0.2 to 127.0.0.51, served by ``bench/servers.py``), a few of them broken, as are a few
internal links, so every link checker has something to find. The exact truth is written to
``bench-manifest.json`` beside ``mkdocs.yml``.

    python -m bench.generate /tmp/sendqa-bench/site-1000 --pages 1000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import posixpath
import random
import re
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 12, 1)
"""The reference date the generated review dates are relative to (run with SENDQA_TODAY)."""
DEFAULT_PORT = 8765
HOSTS = [f"127.0.0.{n}" for n in range(2, 52)]

TOWNS = [
    "Stowbridge", "Millbeck", "Harrowden", "Fernley", "Ashcombe", "Brackenfold", "Corrow",
    "Dunmere", "Elmswick", "Greystone", "Hollins Cross", "Kettleby", "Lowmoor", "Northwyn",
]  # fmt: skip
ROUNDS = 2
"""Generated "You said, we did" rounds: a council consults on its Local Offer once or twice a
year whatever its size, so the number does not grow with the site."""
TOWNS_PER_DISTRICT = 7
PAGES_PER_DISTRICT = 500
"""A larger council has more districts and towns, not fuller folders: each district adds
``TOWNS_PER_DISTRICT`` towns, and there is one district for every ``PAGES_PER_DISTRICT`` pages,
so a folder holds about the same number of pages at any size, as a council arranges them."""
DISTRICTS = [
    "North", "South", "East", "West", "Central", "Vale", "Coast", "Forest", "Moor", "Valley",
    "Downs", "Marsh", "Weald", "Fen", "Dales", "Wolds",
]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
TIMES = ["9:30am to 11:30am", "10am to noon", "1pm to 3pm", "4pm to 6pm", "6pm to 8pm"]
QUALIFIERS = [
    "for under-5s", "for teenagers", "Saturday sessions", "after-school sessions",
    "holiday sessions", "north", "south", "east", "west", "evening sessions", "for families",
    "drop-in",
]  # fmt: skip

ACRONYMS = {
    "SEND": "special educational needs and disabilities",
    "EHC": "Education, Health and Care",
    "SENCO": "special educational needs co-ordinator",
    "SENDIASS": "SEND Information, Advice and Support Service",
    "CAMHS": "Children and Young People's Mental Health Service",
    "GP": "family doctor",
    "NHS": "National Health Service",
    "ADHD": "attention deficit hyperactivity disorder",
    "PfA": "Preparing for Adulthood",
}

# Service categories: folder under services/ (as in the sample content), kinds of provision
# (checks/browse.yml), area, kinds of service.
CATEGORIES = [
    ("early-years", ["education", "childcare"], "local", [
        "Portage home visiting", "Stay and play group", "Specialist nursery places",
        "Early years inclusion support", "Toddler signing group", "Sensory baby group",
        "Child development centre", "Nursery outreach", "Early words group",
    ]),
    ("schools-and-learning", ["education"], "local", [
        "Autism outreach", "Literacy support", "Specialist teaching base",
        "Educational psychology", "Hearing support", "Vision support",
        "Medical needs teaching", "Alternative learning centre", "Maths catch-up club",
    ]),
    ("health", ["health"], "local", [
        "Speech and language therapy", "Occupational therapy", "Physiotherapy",
        "Community nursing", "Sleep clinic", "Continence service", "Wheelchair service",
        "Neurodevelopmental assessment", "Children's dietitians", "Hearing clinic",
        "Emotional wellbeing service", "Counselling for young people", "Wellbeing cafe",
    ]),
    ("social-care-and-leisure", ["social-care"], "local", [
        "Short breaks club", "Overnight short breaks", "Family support workers",
        "Direct payments advice", "Young carers support", "Sitting service",
        "Holiday play scheme",
    ]),
    ("social-care-and-leisure", ["leisure"], "local", [
        "Inclusive swimming", "Youth club", "Holiday club", "Relaxed cinema",
        "Accessible cycling", "Drama group", "Football sessions", "Climbing club",
        "Art and craft club", "Music group",
    ]),
    ("adulthood", ["preparing-for-adulthood"], "local", [
        "Supported internships", "Travel training", "Job coaching",
        "Independent living skills", "Supported apprenticeships", "Money skills course",
        "Volunteering project",
    ]),
    ("advice", ["advice-and-support"], "local", [
        "Parent carer forum", "Benefits advice", "Parent support group",
        "Autism family support", "Advocacy for young people", "Dads' group",
    ]),
    ("outside-the-county", ["education"], "outside", [
        "Residential special school", "Specialist college", "Regional clinic",
        "Communication aids centre", "Specialist sensory school",
    ]),
]  # fmt: skip

# Topic guides: folder (as in the sample content) and the guides each topic has.
TOPICS = [
    ("education", [
        "Choosing a school", "Support in mainstream schools", "Special schools",
        "Moving to secondary school", "Learning at home", "Funding for extra support",
        "Starting college", "Support at university", "School exclusions",
    ]),
    ("assessments-and-plans", [
        "Spotting needs early", "Asking for a needs assessment", "What is in a plan",
        "Annual reviews", "Personal budgets", "Changing a plan",
    ]),
    ("health", [
        "Seeing a therapist", "Mental health support", "Hospital visits",
        "Medicines at school", "Health checks", "Equipment at home",
    ]),
    ("social-care", [
        "Short breaks", "Childcare", "Help for carers", "Direct payments",
        "Things to do", "Holiday activities",
    ]),
    ("travel", [
        "School travel", "College travel", "Bus passes", "Travel training", "Travel appeals",
    ]),
    ("preparing-for-adulthood", [
        "Planning from year 9", "Finding work", "Where to live", "Friends and community",
        "Moving to adult health services", "Money and benefits",
    ]),
    ("advice-and-support", [
        "Free advice", "Making a complaint", "Mediation", "Appeals to the tribunal",
        "Support groups", "Your rights",
    ]),
]  # fmt: skip

OWNERS = [
    "Local Offer Team", "SEND Team", "Early Years SEND Team", "Inclusion Team",
    "Health Commissioning Team", "Short Breaks Team", "Preparing for Adulthood Team",
    "Travel Assistance Team", "Family Information Service",
]  # fmt: skip
ORGS = [
    "Wyvernshire Council", "Wyvern Health and Care NHS Trust", "Wyvern Voices",
    "Wyvernshire Parent Carer Forum", "Rainbow Play", "Open Door Family Trust",
    "Wyvern Autism Support", "Greenway Sports Trust", "Millbeck College",
    "Harrowden Academy Trust", "Fernley Hall School", "Wyvern Mind",
]  # fmt: skip

# Sentence banks. {A:XYZ} is an acronym (spelled out on first use in the page); other {slots}
# are filled per page.
OFFER = [
    "We help children and young people who find {thing} hard.",
    "Our staff are trained to support children with a wide range of needs.",
    "Sessions are small, so every child gets time with a member of staff.",
    "We work closely with parents, schools and health staff.",
    "Children can try new things at their own pace.",
    "We lend toys, books and equipment that families can use at home.",
    "Staff can visit your child at home, at nursery or at school.",
    "Each child has a plan that says what they are working on.",
    "We run sessions in {town} every {day} from {time}.",
    "Young people can take a friend or a family member with them.",
    "We show parents simple ideas to try at home.",
    "The service works with your child's {A:SENCO} to agree what will help.",
    "There is a quiet room for anyone who needs a break.",
    "We support children with and without an {A:EHC} plan.",
    "Staff use signs, symbols and pictures as well as words.",
    "Groups are for up to {group} children at a time.",
    "We also run training for parents and carers twice a year.",
    "Young people help us plan what we do each term.",
]
WHO = [
    "The service is for children and young people aged {min_age} to {max_age}.",
    "You do not need a diagnosis to use it.",
    "It is open to families who live in {area_name}.",
    "Brothers and sisters are welcome too.",
    "Children with {A:SEND} and their families can use it.",
    "Young people can ask for help themselves from the age of 16.",
    "You do not need an {A:EHC} plan.",
    "Priority goes to children who have not had help before.",
]
HOW = [
    "Phone us on {phone} to ask for a place.",
    "You can refer yourself. Fill in the form or phone us.",
    "Ask your {A:GP}, health visitor or school to refer you.",
    "Your child's {A:SENCO} can make a referral with your agreement.",
    "Send us an email and we will phone you back within 5 working days.",
    "You can also ask at any {town} family hub.",
    "We will ask you some questions about your child. It takes about 15 minutes.",
    "If you need an interpreter, tell us and we will arrange one for free.",
]
EXPECT = [
    "Someone from the team will phone you within 2 weeks.",
    "At the first visit we talk about what your child enjoys and what they find hard.",
    "Most children go to 6 sessions. Some go for longer.",
    "We will agree a plan with you and review it every 3 months.",
    "The waiting time is about {weeks} weeks at the moment.",
    "We will write to you after each review.",
    "You can stop at any time. Just let us know.",
    "If a place is not right for your child, we will suggest other help.",
]
GUIDE = [
    "This page explains {topic} in plain words.",
    "Every child and young person is different, so the help they get is different too.",
    "Most children with {A:SEND} get help at their nursery, school or college.",
    "Schools must use their best efforts to meet the needs of every child.",
    "If you are worried, talk to your child's teacher first.",
    "You can also talk to the {A:SENCO}, who leads support for special educational needs.",
    "Some children need more help than their school can usually give.",
    "The council can carry out an {A:EHC} needs assessment for these children.",
    "Young people aged 16 to 25 can ask for an assessment themselves.",
    "We must tell you our decision within 6 weeks.",
    "An {A:EHC} plan says what help a child needs and who will give it.",
    "The plan is checked at least once a year at an annual review.",
    "You have the right to free, impartial advice from {A:SENDIASS}.",
    "If you disagree with a decision, you can ask for mediation.",
    "You can then appeal to the tribunal, which is independent of the council.",
    "Health staff, such as therapists and nurses, also give support.",
    "For worries about mental health, your {A:GP} can refer you to {A:CAMHS}.",
    "Short breaks give families time to rest while children enjoy activities.",
    "From year 9, plans look ahead to adult life. This is called {A:PfA}.",
    "Young people tell us they want to be asked about their own plans.",
    "Some families use a personal budget to choose how support is given.",
    "Travel help is for children who cannot walk to school safely.",
    "Support can also come from the {A:NHS}, charities and local groups.",
    "Children with {A:ADHD} may find some parts of the school day hard.",
    "Ask us if you want this page in another format, such as large print.",
]
HEADINGS_OFFER = [
    "What the service offers", "What we offer", "What the service provides",
    "About the service",
]  # fmt: skip
HEADINGS_GUIDE = [
    "What this means", "Who can get help", "How to ask for help", "What happens next",
    "If you disagree", "Getting advice", "Things to think about", "Your rights",
]  # fmt: skip
THINGS = [
    "talking and listening", "reading and writing", "making friends", "moving around",
    "sleeping", "managing their feelings", "hearing", "seeing", "eating and drinking",
]  # fmt: skip
YOU_SAID = [
    ("It is hard to find out how long the wait is for therapy.",
     "Therapy services now publish waiting times every three months."),
    ("There are not enough holiday clubs for teenagers.",
     "We opened two new holiday clubs for ages 12 to 18."),
    ("Letters about assessments use too much jargon.",
     "We rewrote our letters with the Parent Carer Forum."),
    ("We could not find who decides if my child gets a service.",
     "Every service page now says who decides."),
    ("Young people want information in short videos.",
     "Wyvern Voices is making short videos for the most visited pages."),
    ("The search on the website does not find the right pages.",
     "We added summaries to every page so search results are clearer."),
    ("Parents want more help at the start of secondary school.",
     "Schools now run extra visits for children with special educational needs."),
]  # fmt: skip
PATHS = [
    "", "about-us", "contact-us", "our-services", "referrals", "get-involved", "faq",
    "services/{slug}", "send/{slug}", "news/{year}/{slug}", "events/{slug}",
    "documents/{slug}", "families/{slug}", "young-people/{slug}",
]  # fmt: skip
SLUGS = [
    "short-breaks", "local-offer", "autism", "speech-and-language", "holiday-clubs",
    "transition", "parent-workshops", "wellbeing", "travel-training", "annual-report",
    "waiting-times", "easy-read", "volunteering", "support-groups", "sensory-play",
]  # fmt: skip


@dataclass
class Manifest:
    """What was generated: the truth a benchmark compares each approach's findings against."""

    pages: int
    seed: int
    port: int
    external: dict[str, int] = field(default_factory=dict)
    """Every unique external URL in the content -> the HTTP status its host answers."""
    redirects: dict[str, str] = field(default_factory=dict)
    """External URLs that redirect -> where to (a working URL)."""
    broken_internal: list[list[str]] = field(default_factory=list)
    """``[page src, link as written, missing target src]`` for each broken internal link."""
    page_srcs: list[str] = field(default_factory=list)

    @property
    def broken_external(self) -> list[str]:
        """External URLs that answer 404."""
        return sorted(url for url, status in self.external.items() if status == 404)

    def hosts(self) -> dict[str, dict[str, tuple[int, str]]]:
        """``host -> path -> (status, location)`` for ``bench/servers.py``."""
        table: dict[str, dict[str, tuple[int, str]]] = {host: {} for host in HOSTS}
        for url, status in self.external.items():
            host, path = _split_url(url)
            table[host][path] = (status, self.redirects.get(url, ""))
        for target in self.redirects.values():
            host, path = _split_url(target)
            table[host][path] = (200, "")
        return table

    def save(self, path: Path) -> None:
        data = asdict(self)
        data["broken_external"] = self.broken_external
        path.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Manifest:
        data = json.loads(path.read_text(encoding="utf-8"))
        data.pop("broken_external", None)
        return cls(**data)


def _split_url(url: str) -> tuple[str, str]:
    match = re.match(r"https?://([^/:]+)(?::\d+)?(/.*)?$", url)
    if not match:
        raise ValueError(url)
    return match.group(1), match.group(2) or "/"


@dataclass
class _Page:
    src: str
    front: dict[str, object]
    kind: str  # sample, guide, service, ysdw
    title: str
    sections: list[tuple[str, list[str]]] = field(default_factory=list)
    category: int = 0
    town: str = ""
    district: str = ""


class _Writer:
    """Fills sentence templates for one page, spelling each acronym out the first time."""

    _ACRONYM = re.compile(r"\{A:([A-Za-z]+)\}")

    def __init__(self, rng: random.Random, slots: dict[str, object]) -> None:
        self.rng = rng
        self.slots = slots
        self.used: set[str] = set()

    def sentence(self, template: str) -> str:
        def expand(match: re.Match[str]) -> str:
            short = match.group(1)
            if short in self.used:
                return short
            self.used.add(short)
            return f"{ACRONYMS[short]} ({short})"

        return self._ACRONYM.sub(expand, template).format(**self.slots)

    def paragraph(self, bank: list[str], low: int = 2, high: int = 4) -> str:
        picks = self.rng.sample(bank, k=min(len(bank), self.rng.randint(low, high)))
        return " ".join(self.sentence(t) for t in picks)


class _Generator:
    def __init__(self, pages: int, seed: int, port: int, external_urls: int, sample: int) -> None:
        self.rng = random.Random(seed)
        self.total = pages
        self.port = port
        self.manifest = Manifest(pages=pages, seed=seed, port=port)
        self.pages: list[_Page] = []
        self.titles: set[str] = set()
        self.srcs: set[str] = set()
        # Every generated page links out at least once, so each address is used at least once.
        self.pool = self._external_pool(min(external_urls, pages - sample))
        self.unused = list(self.pool)
        self.rng.shuffle(self.unused)
        self.popular = [url for url in self.unused if self.manifest.external[url] == 200]
        self.has_provision = "provision" in _service_fields()
        self.districts = _districts(max(1, round(pages / PAGES_PER_DISTRICT)))

    # -- external links ------------------------------------------------------------------

    def _external_pool(self, count: int) -> list[str]:
        """``count`` unique URLs spread over the 50 hosts; about 2.5% broken, 2% redirected."""
        urls: list[str] = []
        per_host = -(-count // len(HOSTS))
        for host in HOSTS:
            paths: set[str] = set()
            while len(paths) < per_host and len(urls) + len(paths) < count:
                template = self.rng.choice(PATHS)
                path = template.format(
                    slug=self.rng.choice(SLUGS), year=self.rng.choice([2024, 2025, 2026])
                )
                if path in paths and "{" in template:
                    path = f"{path}-{len(paths)}"
                paths.add(path)
            urls += [f"http://{host}:{self.port}/{p}" for p in sorted(paths)]
            if len(urls) >= count:
                break
        broken = max(1, len(urls) // 40)
        redirected = max(1, len(urls) // 50)
        picks = self.rng.sample(urls, broken + redirected)
        for url in urls:
            self.manifest.external[url] = 200
        for url in picks[:broken]:
            self.manifest.external[url] = 404
        for url in picks[broken:]:
            host, path = _split_url(url)
            self.manifest.external[url] = 301
            self.manifest.redirects[url] = f"http://{host}:{self.port}/moved{path}"
        return urls

    def external(self) -> str:
        """A URL from the pool: each is used at least once, popular ones many times."""
        if self.unused:
            return self.unused.pop()
        # Skewed: a few sites (the council, the NHS trust) are linked from many pages.
        return self.popular[min(len(self.popular) - 1, int(self.rng.paretovariate(1.2)) - 1)]

    def working_website(self) -> str:
        return self.rng.choice(self.popular)

    # -- pages ---------------------------------------------------------------------------

    def unique_title(self, base: str, town: str) -> str:
        title = f"{base} in {town}"
        for qualifier in ["", *QUALIFIERS]:
            candidate = f"{title}: {qualifier}" if qualifier else title
            if candidate not in self.titles:
                break
        else:
            candidate = f"{title} ({len(self.titles)})"
        self.titles.add(candidate)
        return candidate

    def plan(self, sample: list[tuple[str, str]]) -> None:
        """Decide every page (paths, titles, front matter) before writing any text.

        The sample Local Offer's pages come first, unchanged: they cover every statutory
        requirement. Generated guides and services fill the site up to the size asked for, in
        district and town folders of a few pages each (see ``PAGES_PER_DISTRICT``).
        """
        for src, title in sample:
            self.srcs.add(src)
            self.titles.add(title)
            self.pages.append(_Page(src, {}, "sample", title))
        remaining = self.total - len(self.pages)
        rounds = min(ROUNDS, remaining)
        guides = max(len(TOPICS), (remaining - rounds) // 4)
        services = max(len(CATEGORIES), remaining - rounds - guides)
        for _ in range(rounds):
            published = TODAY - dt.timedelta(days=self.rng.randint(30, 330))
            title = self.unique_title(f"You said, we did {published.year}", self.town())
            page = self.add(self.free_src("have-your-say", title), "ysdw", title)
            page.front["published_on"] = published
            page.front["last_reviewed_on"] = published
        for k in range(guides):
            folder, names = TOPICS[k % len(TOPICS)]
            base = names[(k // len(TOPICS)) % len(names)]
            district, town = self.place()
            title = self.unique_title(base, town)
            folder = f"{folder}/{_slug(base)}/{_slug(district)}"
            self.add(self.free_src(folder, title), "guide", title).town = town
        for k in range(services):
            category = k % len(CATEGORIES)
            district, town = self.place()
            title = self.unique_title(self.rng.choice(CATEGORIES[category][3]), town)
            folder = f"services/{CATEGORIES[category][0]}/{_slug(district)}/{_slug(town)}"
            page = self.add(self.free_src(folder, title), "service", title)
            page.category, page.town = category, town
        self.manifest.page_srcs = [page.src for page in self.pages]

    def free_src(self, folder: str, title: str) -> str:
        """A file name from the title, unique in the folder."""
        src, n = f"{folder}/{_slug(title)}.md", 1
        while src in self.srcs:
            n += 1
            src = f"{folder}/{_slug(title)}-{n}.md"
        return src

    def town(self) -> str:
        return self.rng.choice(self.rng.choice(list(self.districts.values())))

    def place(self) -> tuple[str, str]:
        """A district and one of its towns, for a page's folder and title."""
        district = self.rng.choice(list(self.districts))
        return district, self.rng.choice(self.districts[district])

    def add(self, src: str, kind: str, title: str) -> _Page:
        owner = self.rng.choice(OWNERS)
        front: dict[str, object] = {"title": title, "summary": "", "owner": owner}
        if kind == "service":
            front["type"] = "service"
        elif kind == "ysdw":
            front["type"] = "you-said-we-did"
        front["last_reviewed_on"] = self.review_date()
        if self.rng.random() < 0.1:
            front["review_in"] = "6 months"
            front["last_reviewed_on"] = TODAY - dt.timedelta(days=self.rng.randint(10, 150))
        page = _Page(src, front, kind, title)
        self.srcs.add(src)
        self.pages.append(page)
        return page

    def review_date(self) -> dt.date:
        """Mostly in date; about 1 page in 100 overdue, as on a real site."""
        if self.rng.random() < 0.01:
            return TODAY - dt.timedelta(days=self.rng.randint(400, 700))
        return TODAY - dt.timedelta(days=self.rng.randint(5, 330))

    def write_text(self) -> None:
        generated = [i for i, page in enumerate(self.pages) if page.kind != "sample"]
        broken = max(1, min(8, self.total // 100))
        broken_pages = set(self.rng.sample(generated, min(broken, len(generated))))
        for index in generated:
            page = self.pages[index]
            slots: dict[str, object] = {
                "town": page.town or self.town(),
                "day": self.rng.choice(DAYS),
                "time": self.rng.choice(TIMES),
                "phone": f"01632 960 {self.rng.randint(100, 999)}",
                "group": self.rng.choice([6, 8, 10, 12]),
                "weeks": self.rng.choice([4, 6, 8, 12, 18]),
                "thing": self.rng.choice(THINGS),
                "area_name": "Wyvernshire",
                "topic": page.title.split(" in ")[0].lower(),
                "min_age": 0,
                "max_age": 25,
            }
            writer = _Writer(self.rng, slots)
            if page.kind == "service":
                self.service(page, writer, slots)
            elif page.kind == "ysdw":
                self.you_said_we_did(page, writer)
            else:
                self.guide(page, writer)
            self.links(page, broken=index in broken_pages)

    def service(self, page: _Page, writer: _Writer, slots: dict[str, object]) -> None:
        _folder, kinds, area, _names = CATEGORIES[page.category]
        low = self.rng.choice([0, 0, 2, 4, 5, 11, 14, 16])
        high = self.rng.choice([h for h in (5, 11, 16, 18, 19, 25) if h >= low])
        slots.update(min_age=low, max_age=high)
        provider = self.rng.choice(ORGS)
        contact: dict[str, str] = {"phone": str(slots["phone"])}
        if self.rng.random() < 0.7:
            contact["email"] = f"{_slug(page.title)[:20].strip('-')}@wyvernshire.example.org"
        if self.rng.random() < 0.5:
            contact["website"] = self.working_website()
        kind = page.title.split(" in ")[0]
        needs = [
            ["all"],
            ["communication-and-interaction"],
            ["sensory-and-physical"],
            ["cognition-and-learning", "social-emotional-and-mental-health"],
        ]
        page.front.update(
            summary=f"{kind} for children and young people aged {low} to {high}, "
            f"run by {provider}.",
            provider=provider,
            minimum_age=low,
            maximum_age=high,
            needs=self.rng.choice(needs),
            area=area,
        )
        if self.has_provision:
            page.front["provision"] = kinds
        page.front.update(
            eligibility=f"Children and young people aged {low} to {high} in Wyvernshire.",
            how_to_access=writer.sentence(self.rng.choice(HOW[:3])),
            cost=self.rng.choice(["Free", "Free", "Free", "£3 a session", "£25 a term"]),
            contact=contact,
        )
        if self.rng.random() < 0.6:
            page.front["decided_by"] = "The service manager, after talking with your family."
        if self.rng.random() < 0.03:
            page.front["status"] = "temporarily-closed"
        writer.used.clear()
        offer = [writer.paragraph(OFFER), writer.paragraph(OFFER)]
        page.sections = [
            (self.rng.choice(HEADINGS_OFFER), offer),
            ("Who it is for", [writer.paragraph(WHO, 2, 3)]),
            ("How to get it", [writer.paragraph(HOW)]),
            ("What to expect", [writer.paragraph(EXPECT)]),
        ]

    def guide(self, page: _Page, writer: _Writer) -> None:
        page.front["summary"] = f"{page.title}: what it is, who can get help and how to ask."
        headings = self.rng.sample(HEADINGS_GUIDE, 3)
        page.sections = [(h, [writer.paragraph(GUIDE, 3, 5)]) for h in headings]

    def you_said_we_did(self, page: _Page, writer: _Writer) -> None:
        page.front["summary"] = "What families told us about the Local Offer, and what we did."
        picks = self.rng.sample(YOU_SAID, self.rng.randint(3, 5))
        page.front["responses"] = [
            {"you_said": said, "we_did": did, "status": self.rng.choice(["done", "in-progress"])}
            for said, did in picks
        ]
        page.sections = [("About this page", [writer.paragraph(GUIDE, 2, 3)])]

    def links(self, page: _Page, *, broken: bool) -> None:
        """A "Find out more" section: 2 to 4 internal links and 1 to 2 external ones."""
        targets = self.rng.sample(self.pages, k=min(len(self.pages), 5))
        internal = [p for p in targets if p is not page][: self.rng.randint(2, 4)]
        lines = [f"- [{p.title}]({_rel(page.src, p.src)})" for p in internal]
        for _ in range(self.rng.randint(1, 2)):
            lines.append(f"- [{self.rng.choice(ORGS)}: more information]({self.external()})")
        if broken:
            folder = self.rng.choice(CATEGORIES)[0]
            missing = f"services/{folder}/old-{_slug(self.rng.choice(CATEGORIES)[3][0])}.md"
            href = _rel(page.src, missing)
            lines.append(f"- [Our old page about this service]({href})")
            self.manifest.broken_internal.append([page.src, href, missing])
        page.sections.append(("Find out more", ["\n".join(lines)]))

    def render(self, page: _Page) -> str:
        body = "\n\n".join(
            f"## {heading}\n\n" + "\n\n".join(paragraphs) for heading, paragraphs in page.sections
        )
        return f"---\n{_front_matter(page.front)}---\n\n{body}\n"


def _districts(count: int) -> dict[str, list[str]]:
    """``count`` districts of ``TOWNS_PER_DISTRICT`` towns each, every town name different."""
    names = list(TOWNS)
    for form in ("Upper {}", "{} Green", "Lower {}", "{} Heath", "Great {}", "{} End", "Little {}"):
        names += [form.format(town) for town in TOWNS]
    needed = count * TOWNS_PER_DISTRICT
    names += [f"{TOWNS[n % len(TOWNS)]} {n}" for n in range(len(names), needed)]
    labels = [f"{DISTRICTS[n % len(DISTRICTS)]} district" for n in range(count)]
    labels = [f"{label} {n // len(DISTRICTS) + 1}" if n >= len(DISTRICTS) else label
              for n, label in enumerate(labels)]  # fmt: skip
    return {
        label: names[n * TOWNS_PER_DISTRICT : (n + 1) * TOWNS_PER_DISTRICT]
        for n, label in enumerate(labels)
    }


def _service_fields() -> set[str]:
    """Service fields the page-type rules know (``provision`` arrived with the browse pages)."""
    text = (ROOT / "checks" / "page-types.yml").read_text(encoding="utf-8")
    return set(re.findall(r"^      ([a-z_]+):$", text, re.MULTILINE))


def _sample_pages(content: Path) -> list[tuple[str, str]]:
    """``(src, title)`` of each page of the sample Local Offer."""
    pages = []
    for path in sorted(content.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        match = re.search(r"^title:\s*(.+?)\s*$", text, re.MULTILINE)
        title = match.group(1).strip("'\"") if match else path.stem
        pages.append((path.relative_to(content).as_posix(), title))
    return pages


def _front_matter(front: dict[str, object]) -> str:
    """YAML front matter written as an editor would (plain scalars, quoted only when needed)."""
    lines = []
    for key, value in front.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {_scalar(v)}" for k, v in value.items()]
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            lines.append(f"{key}:")
            for item in value:
                first = True
                for k, v in item.items():
                    lines.append(f"{'  - ' if first else '    '}{k}: {_scalar(v)}")
                    first = False
        elif isinstance(value, list):
            lines.append(f"{key}: [{', '.join(str(v) for v in value)}]")
        else:
            lines.append(f"{key}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


def _scalar(value: object) -> str:
    if isinstance(value, (int, dt.date)):
        return str(value)
    text = str(value)
    if re.search(r"^[\s\-?:,\[\]{}#&*!|>'\"%@`]|: | #|^[\d.:-]+$", text) or text in ("yes", "no"):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _rel(from_src: str, to_src: str) -> str:
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def generate(
    dest: Path,
    pages: int,
    *,
    seed: int = 2026,
    port: int = DEFAULT_PORT,
    external_urls: int = 500,
) -> Manifest:
    """Write a project of ``pages`` pages (``mkdocs.yml``, ``checks/``, ``overrides/``,
    ``content/``) to ``dest``.

    ``mkdocs.yml``, ``checks/``, ``overrides/`` and the sample pages in ``content/`` are the
    repository's own, unchanged; the truth about links goes to ``dest/bench-manifest.json``.
    """
    sample = _sample_pages(ROOT / "content")
    if pages < len(sample) + 20:
        raise ValueError(
            f"ask for at least {len(sample) + 20} pages (the sample has {len(sample)})"
        )
    gen = _Generator(pages, seed, port, external_urls, len(sample))
    gen.plan(sample)
    gen.write_text()
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("checks", "overrides", "content"):
        shutil.copytree(ROOT / folder, dest / folder)
    for page in gen.pages:
        if page.kind == "sample":
            continue
        path = dest / "content" / page.src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(gen.render(page), encoding="utf-8")
    gen.manifest.save(dest / "bench-manifest.json")
    return gen.manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    args = parser.parse_args()
    manifest = generate(args.dest, args.pages, seed=args.seed, port=args.port)
    print(
        f"{args.dest}: {manifest.pages} pages, {len(manifest.external)} external URLs "
        f"({len(manifest.broken_external)} broken), "
        f"{len(manifest.broken_internal)} broken internal links"
    )


if __name__ == "__main__":
    main()
