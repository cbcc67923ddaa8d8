"""A seeded generator of realistic event records for the benchmarks.

Records come out as JSON-ready dicts in diplomod's canonical form (keys in declaration
order, sets as sorted lists, fields at their default left out), so that every library's
output can be compared byte for byte with the corpus it read. About 70% are meetings and
30% agreements, shaped like the worked example in ``diplomod.examples``: two to four
participants, a place in a real state, partial dates at mixed precision, formats that keep
the meeting rules, cooperation areas and statement stances from the shipped codelists, and
evidence quotes, some of them in Cyrillic, Urdu or Chinese.

The generator draws from one ``random.Random(seed)`` stream, so the first 5,000 records of
the 50,000-record corpus are the 5,000-record corpus.

    python benchmarks/corpus.py             # write every corpus into benchmarks/data/
    python benchmarks/corpus.py --check 500 # validate the first 500 records with diplomod
"""

# The quotes and titles are in Urdu and Russian on purpose: look-alike letters are meant.
# ruff: noqa: RUF001

from __future__ import annotations

import argparse
import csv
import datetime
import io
import json
import random
import sys
import time
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import orjson

Record = dict[str, Any]
Tally = dict[str, int]

DATA = Path(__file__).resolve().parent / "data"
SIZES = (5_000, 50_000, 200_000)
SEED = 20230414
CORRUPTED_SIZE = 5_000
CORRUPTED_ERRORS = 250


def codelist(name: str) -> tuple[str, ...]:
    """The codes of one of diplomod's shipped codelists, read from its CSV file."""
    text = resources.files("diplomod").joinpath("codelists", f"{name}.csv").read_text("utf-8")
    return tuple(row["code"] for row in csv.DictReader(io.StringIO(text)))


AREAS = codelist("cooperation_areas")
STANCES = codelist("stances")
STATES = frozenset(codelist("states"))
INSTRUMENTS = codelist("instrument_types")
RELATIONS = codelist("occasion_relations")

# Capitals and a few other cities: (state, name in English, name in the local script or
# None, latitude, longitude, GeoNames id or None).
CITIES: tuple[tuple[str, str, str | None, float, float, int | None], ...] = (
    ("PAK", "Islamabad", "اسلام آباد", 33.7215, 73.0433, 1176615),
    ("PAK", "Lahore", "لاہور", 31.558, 74.3507, None),
    ("RUS", "Moscow", "Москва", 55.7522, 37.6156, 524901),
    ("RUS", "Saint Petersburg", "Санкт-Петербург", 59.9386, 30.3141, None),
    ("CHN", "Beijing", "北京", 39.9075, 116.3972, 1816670),
    ("CHN", "Shanghai", "上海", 31.2222, 121.4581, None),
    ("UZB", "Tashkent", "Ташкент", 41.2646, 69.2163, 1512569),
    ("UZB", "Samarkand", "Самарканд", 39.6542, 66.9597, 1216265),
    ("IND", "New Delhi", None, 28.6358, 77.2245, 1261481),
    ("AFG", "Kabul", None, 34.5253, 69.1783, None),
    ("IRN", "Tehran", None, 35.6944, 51.4215, None),
    ("KAZ", "Astana", "Астана", 51.1801, 71.446, None),
    ("KGZ", "Bishkek", "Бишкек", 42.87, 74.59, None),
    ("TJK", "Dushanbe", "Душанбе", 38.5358, 68.7791, None),
    ("TKM", "Ashgabat", None, 37.95, 58.3833, None),
    ("TUR", "Ankara", None, 39.9199, 32.8543, None),
    ("USA", "Washington", None, 38.8951, -77.0364, None),
    ("GBR", "London", None, 51.5085, -0.1257, 2643743),
    ("FRA", "Paris", None, 48.8534, 2.3488, 2988507),
    ("DEU", "Berlin", None, 52.5244, 13.4105, 2950159),
    ("JPN", "Tokyo", None, 35.6895, 139.6917, 1850147),
    ("KOR", "Seoul", None, 37.566, 126.9784, None),
    ("SAU", "Riyadh", None, 24.6877, 46.7219, None),
    ("ARE", "Abu Dhabi", None, 24.4667, 54.3667, None),
    ("QAT", "Doha", None, 25.2867, 51.5333, None),
    ("EGY", "Cairo", None, 30.0626, 31.2497, None),
    ("BRA", "Brasília", None, -15.7797, -47.9297, None),
    ("ZAF", "Pretoria", None, -25.7449, 28.1878, None),
    ("NGA", "Abuja", None, 9.0579, 7.4951, None),
    ("ETH", "Addis Ababa", None, 9.025, 38.7469, None),
    ("IDN", "Jakarta", None, -6.2146, 106.8451, None),
    ("MYS", "Kuala Lumpur", None, 3.1412, 101.6865, None),
    ("VNM", "Hanoi", None, 21.0245, 105.8412, None),
    ("THA", "Bangkok", None, 13.754, 100.5014, None),
    ("AZE", "Baku", None, 40.3777, 49.892, None),
    ("ARM", "Yerevan", None, 40.1811, 44.5136, None),
    ("GEO", "Tbilisi", None, 41.6941, 44.8337, None),
    ("BLR", "Minsk", "Минск", 53.9, 27.5667, None),
    ("MNG", "Ulaanbaatar", None, 47.9077, 106.8832, None),
    ("BGD", "Dhaka", None, 23.7104, 90.4074, None),
    ("LKA", "Colombo", None, 6.9319, 79.8478, None),
    ("NPL", "Kathmandu", None, 27.7017, 85.3206, None),
    ("ITA", "Rome", None, 41.8919, 12.5113, None),
    ("ESP", "Madrid", None, 40.4165, -3.7026, None),
    ("CHE", "Geneva", None, 46.2022, 6.1457, None),
    ("AUT", "Vienna", None, 48.2085, 16.3721, None),
)
REGIONS = {"Samarkand": "Samarqand Region", "Lahore": "Punjab", "Shanghai": "Shanghai"}
CITIES_BY_STATE: dict[str, list[tuple[str, str, str | None, float, float, int | None]]] = {}
for _city in CITIES:
    CITIES_BY_STATE.setdefault(_city[0], []).append(_city)
STATE_POOL = tuple(CITIES_BY_STATE)

# Organizations that take part in meetings and agreements, by record id.
ORGANIZATIONS = ("sco", "un", "asean", "african-union", "eu", "cis", "eaeu", "oic")
ORG_OFFICES = ("Secretary-General", "Chairperson of the Commission", "High Representative")

# Given names and family names by region, combined at random: nobody in particular.
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "south_asia": (
        ("Ayesha", "Bilal", "Farah", "Hamza", "Imran", "Nadia", "Saima", "Tariq", "Usman"),
        ("Ahmed", "Qureshi", "Malik", "Chaudhry", "Siddiqui", "Rao", "Mehta", "Iyer", "Das"),
    ),
    "russia_central_asia": (
        ("Alexei", "Bakhyt", "Dilnoza", "Elena", "Farrukh", "Irina", "Nurlan", "Oleg", "Timur"),
        ("Ivanov", "Petrova", "Sokolov", "Karimov", "Abdullaev", "Nazarova", "Ermekov"),
    ),
    "east_asia": (
        ("Wei", "Jing", "Hao", "Yuki", "Haruto", "Min-jun", "Seo-yeon", "Li", "Mei"),
        ("Zhang", "Chen", "Liu", "Tanaka", "Sato", "Kim", "Park", "Zhou", "Huang"),
    ),
    "west": (
        ("Anna", "Claire", "David", "Emma", "Lukas", "Marco", "Sophie", "Thomas", "Laura"),
        ("Miller", "Dubois", "Schneider", "Rossi", "Garcia", "Smith", "Weber", "Martin"),
    ),
    "middle_east_africa": (
        ("Amina", "Faisal", "Hassan", "Layla", "Mariam", "Omar", "Kwame", "Ngozi", "Yusuf"),
        ("Haddad", "Mansour", "Saleh", "Okafor", "Mensah", "Abebe", "Nasser", "Bello"),
    ),
}
REGION_OF = {
    **dict.fromkeys(("PAK", "IND", "AFG", "BGD", "LKA", "NPL", "IRN"), "south_asia"),
    **dict.fromkeys(
        ("RUS", "UZB", "KAZ", "KGZ", "TJK", "TKM", "AZE", "ARM", "GEO", "BLR", "MNG"),
        "russia_central_asia",
    ),
    **dict.fromkeys(("CHN", "JPN", "KOR", "IDN", "MYS", "VNM", "THA"), "east_asia"),
    **dict.fromkeys(("USA", "GBR", "FRA", "DEU", "ITA", "ESP", "CHE", "AUT", "BRA"), "west"),
}

OFFICES = (
    "Foreign Minister",
    "Minister of Foreign Affairs",
    "Minister of State for Foreign Affairs",
    "Deputy Foreign Minister",
    "President",
    "Prime Minister",
    "Ambassador",
    "Minister of Defence",
    "Minister of Energy",
    "Minister of Trade",
    "National Security Adviser",
    "Special Envoy for Afghanistan",
)
LOCAL_OFFICES = {
    "RUS": ("Министр иностранных дел", "Заместитель министра иностранных дел", "Посол"),
    "PAK": ("وزیر خارجہ", "وزیر مملکت برائے خارجہ امور"),
    "CHN": ("外交部长", "国务院总理", "驻外大使"),
}

PUBLISHERS = ("tdi", "app", "tass", "xinhua", "dawn", "mfa", "kremlin", "reuters", "kun-uz")

# Quotes in four scripts; {a} and {b} are the parties' names.
QUOTES: dict[str, tuple[str, ...]] = {
    "en": (
        "The two sides reviewed the state of bilateral relations and agreed to expand trade "
        "and investment.",
        "{a} and {b} stressed the necessity of regular high-level exchanges.",
        "Both ministers agreed that closer cooperation in energy and connectivity would "
        "benefit the region.",
        "They examined the potential of joint projects in agriculture and food security.",
        "The sides discussed the situation in Afghanistan and the wider region.",
        "{a} proposed a joint working group on counter-terrorism and drug trafficking.",
        "The ministers committed to hold the next round of consultations in {b}.",
        "Both delegations emphasized their commitment to a peaceful, stable and prosperous "
        "neighbourhood.",
        "The parties evaluated progress on infrastructure projects under existing agreements.",
        "They agreed to seek new channels of cooperation in science, education and culture.",
    ),
    "ru": (
        "Стороны обсудили вопросы торгово-экономического сотрудничества.",
        "Министры подчеркнули важность регулярных политических консультаций.",
        "Стороны договорились продолжить совместную работу в сфере энергетики.",
        "Была рассмотрена ситуация в Афганистане и в регионе в целом.",
    ),
    "ur": (
        "دونوں وزرائے خارجہ نے دوطرفہ تجارت کو فروغ دینے پر اتفاق کیا۔",
        "فریقین نے علاقائی سلامتی کی صورتحال کا جائزہ لیا۔",
        "دونوں ممالک نے توانائی کے شعبے میں تعاون بڑھانے کا عزم کیا۔",
    ),
    "zh": (
        "双方同意进一步加强经贸合作。",
        "双方就地区安全形势交换了意见。",
        "双方强调在能源和互联互通领域深化合作的重要性。",
        "双方一致认为应保持高层交往。",
    ),
}
LANGUAGES = ("en", "ru", "ur", "zh")
LANGUAGE_WEIGHTS = (82, 7, 5, 6)

STANCE_VERBS = {
    "agreed": "agreed on",
    "committed": "committed to",
    "discussed": "discussed",
    "emphasized": "emphasized",
    "evaluated": "evaluated progress on",
    "examined": "examined",
    "proposed": "proposed steps on",
    "rejected": "rejected proposals on",
    "reviewed": "reviewed",
    "stressed": "stressed the importance of",
    "studied": "studied",
}
SUBJECTS = (
    "cooperation in trade and investment",
    "the situation in Afghanistan",
    "energy and pipeline projects",
    "regional security and counter-terrorism",
    "connectivity and transport corridors",
    "education and cultural exchanges",
    "food security and agriculture",
    "visa facilitation and consular matters",
    "climate change and water resources",
    "the agenda of the next summit",
)
TOPICS = (
    "the situation in Afghanistan",
    "bilateral, regional and global issues",
    "the North-South transport corridor",
    "reform of the United Nations Security Council",
    "regional connectivity",
    "energy security",
    "the fight against terrorism",
)
MEETING_TITLES = (
    "Strategic dialogue",
    "Joint commission on economic cooperation",
    "Council of Foreign Ministers",
    "Summit of heads of state",
    "Round of political consultations",
)
LOCAL_TITLES = {
    "ru": ("Заседание Совета министров иностранных дел", "Межправительственная комиссия"),
    "ur": ("پاکستان اسٹریٹجک ڈائیلاگ",),
    "zh": ("外长理事会会议", "政府间合作委员会会议"),
}
AGREEMENT_SUBJECTS = (
    "cooperation in the field of energy",
    "trade and economic cooperation",
    "the construction of a gas pipeline",
    "cooperation in countering terrorism and extremism",
    "cultural and educational exchanges",
    "visa-free travel for holders of diplomatic passports",
    "cooperation in agriculture",
    "the development of transport corridors",
    "cooperation in the peaceful uses of outer space",
)
LOCAL_AGREEMENT_TITLES = {
    "ru": ("Соглашение о сотрудничестве в области энергетики", "Меморандум о взаимопонимании"),
    "ur": ("مفاہمت کی یادداشت برائے توانائی تعاون",),
    "zh": ("能源合作协定", "经济技术合作协定"),
}
PROJECTS = (
    "North-South gas pipeline",
    "Trans-Afghan railway",
    "CASA-1000 power line",
    "Joint satellite programme",
    "Agricultural research centre",
)

INSTRUMENT_SHORT = {
    "memorandum_of_understanding": "mou",
    "joint_statement": "statement",
    "joint_declaration": "declaration",
    "framework_agreement": "framework",
    "defense_agreement": "defense",
    "action_plan": "plan",
}
INSTRUMENT_WEIGHTS = {
    "memorandum_of_understanding": 30,
    "agreement": 20,
    "joint_statement": 12,
    "joint_declaration": 8,
    "protocol": 8,
    "treaty": 5,
    "framework_agreement": 5,
    "defense_agreement": 4,
    "action_plan": 4,
    "communique": 2,
    "convention": 1,
    "charter": 1,
}


class Generator:
    """Draws records one after another from a seeded random stream."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.count = 0
        missing = [code for code in STATE_POOL if code not in STATES]
        if (
            missing
            or set(STANCE_VERBS) != set(STANCES)
            or set(INSTRUMENT_WEIGHTS) != set(INSTRUMENTS)
        ):
            raise RuntimeError(f"the corpus no longer fits diplomod's codelists: {missing}")

    def records(self, n: int) -> Iterator[Record]:
        """Yield the next *n* records."""
        for _ in range(n):
            yield self.record()

    def record(self) -> Record:
        self.count += 1
        return self.meeting() if self.rng.random() < 0.7 else self.agreement()

    # -- shared parts -------------------------------------------------------------------

    def day(self) -> datetime.date:
        start = datetime.date(2015, 1, 1).toordinal()
        return datetime.date.fromordinal(start + self.rng.randrange(3650))

    def date_text(self, day: datetime.date, *, weights: tuple[int, int, int] = (70, 20, 10)) -> str:
        """Write *day* at day, month or year precision, now and then with a qualifier."""
        precision = self.rng.choices(("day", "month", "year"), weights)[0]
        text = {
            "day": day.isoformat(),
            "month": day.isoformat()[:7],
            "year": day.isoformat()[:4],
        }[precision]
        if self.rng.random() < 0.04:
            text += self.rng.choice("~?%")
        return text

    def slug(self, *parts: str) -> str:
        text = "-".join(parts).lower()
        return "".join(c if c.isascii() and c.isalnum() else "-" for c in text).strip("-")

    def person(self, party: str, taken: set[str]) -> tuple[str, str]:
        """A person id and an office for someone representing *party*."""
        region = REGION_OF.get(party, "middle_east_africa")
        given, family = NAMES[region]
        while True:
            person = self.slug(self.rng.choice(given), self.rng.choice(family))
            if self.rng.random() < 0.3:
                person += f"-{self.rng.randrange(2, 9)}"
            if person not in taken:
                taken.add(person)
                break
        if party in ORGANIZATIONS:
            office = self.rng.choice(ORG_OFFICES)
        elif party in LOCAL_OFFICES and self.rng.random() < 0.2:
            office = self.rng.choice(LOCAL_OFFICES[party])
        else:
            office = self.rng.choice(OFFICES)
        return person, office

    def place(self, state: str, language: str) -> Record:
        city = self.rng.choice(CITIES_BY_STATE[state])
        _, name, local, latitude, longitude, geonames = city
        place: Record = {"name": local if local and language != "en" else name, "country": state}
        if name in REGIONS and self.rng.random() < 0.5:
            place["region"] = REGIONS[name]
        if self.rng.random() < 0.2:
            place["coordinates"] = {"latitude": latitude, "longitude": longitude}
        if geonames is not None and self.rng.random() < 0.3:
            place["geonames_id"] = geonames
        return place

    def areas(self, low: int, high: int) -> list[str]:
        return sorted(self.rng.sample(AREAS, self.rng.randint(low, high)))

    def sources(self, day: datetime.date) -> list[str]:
        count = 1 if self.rng.random() < 0.8 else 2
        publishers = self.rng.sample(PUBLISHERS, count)
        return [f"{p}-{day.isoformat()}-{self.count}" for p in publishers]

    def evidence(self, source: str, language: str, a: str, b: str) -> Record:
        quote = self.rng.choice(QUOTES[language]).format(a=a, b=b)
        if self.rng.random() < 0.05:  # a quote across a paragraph break
            quote += "\n\n" + self.rng.choice(QUOTES[language]).format(a=b, b=a)
        start = self.rng.randrange(8000)
        return {"source": source, "quote": quote, "start": start, "end": start + len(quote)}

    def language(self) -> str:
        return self.rng.choices(LANGUAGES, LANGUAGE_WEIGHTS)[0]

    def parties(self, count: int) -> list[str]:
        parties = self.rng.sample(STATE_POOL, count)
        if self.rng.random() < 0.08:  # an organization takes part, never first
            parties[-1] = self.rng.choice(ORGANIZATIONS)
        return parties

    # -- meetings -----------------------------------------------------------------------

    def meeting(self) -> Record:
        rng = self.rng
        language = self.language()
        parties = self.parties(rng.choices((2, 3, 4), (65, 20, 15))[0])
        first = parties[0]  # always a state; an organization is never listed first
        mode = rng.choices(("call", "visit", "third", "summit", "plain"), (15, 30, 20, 15, 20))[0]

        formats: set[str] = set()
        if rng.random() < 0.85:
            formats.add("bilateral" if len(parties) == 2 else "multilateral")
        where: Record | None = None
        host: str | None = None
        if mode == "call":
            formats.add(rng.choice(("phone_call", "video_call")))
        elif mode == "visit":
            formats.update(("visit", "hosted"))
            host = first
            where = self.place(first, language)
        elif mode == "third":
            formats.add("third_location")
            elsewhere = [s for s in STATE_POOL if s not in parties]
            where = self.place(rng.choice(elsewhere), language)
            if rng.random() < 0.3:
                formats.add("summit")
        elif mode == "summit":
            formats.update(("summit", "hosted"))
            host = first
            where = self.place(first, language)
        elif rng.random() < 0.7:
            where = self.place(rng.choice([p for p in parties if p in CITIES_BY_STATE]), language)
        if not formats:
            formats.add("bilateral" if len(parties) == 2 else "multilateral")

        taken: set[str] = set()
        participants: list[Record] = []
        members = list(parties)
        if len(parties) < 4 and rng.random() < 0.1:  # a second delegate of one party
            members.append(rng.choice(parties))
        for i, party in enumerate(members):
            participant: Record = {"represents": party}
            if host is not None:
                if party == host and not any(p.get("role") == "host" for p in participants):
                    participant["role"] = "host"
                elif party != host:
                    participant["role"] = "guest"
            elif len(parties) > 2 and rng.random() < 0.1:
                participant["role"] = rng.choice(("chair", "observer"))
            if i >= len(parties) or rng.random() < 0.9:  # a second delegate is named
                person, office = self.person(party, taken)
                participant["person"] = person
                if rng.random() < 0.85:
                    participant["office"] = office
            participants.append(participant)

        day = self.day()
        if rng.random() < 0.1:
            end = day + datetime.timedelta(days=rng.randint(1, 3))
            when = f"{day.isoformat()}/{end.isoformat()}"
        else:
            when = self.date_text(day, weights=(65, 25, 10))
        parts = "-".join(p[:3] for p in parties).lower()
        meeting_id = f"meeting-{day.isoformat()}-{parts}-{self.count}"
        sources = self.sources(day)
        areas = self.areas(2, 8)
        a, b = parties[0], parties[1]

        record: Record = {
            "kind": "meeting",
            "id": meeting_id,
            "when": when,
            "participants": participants,
            "formats": sorted(formats),
        }
        if where is not None:
            record["where"] = where
        if rng.random() < 0.3:
            if language != "en" and rng.random() < 0.6:
                record["title"] = rng.choice(LOCAL_TITLES[language])
            else:
                record["title"] = f"{rng.choice(MEETING_TITLES)}, {day.year}"
        if rng.random() < 0.2:
            record["occasion"] = {
                "relation": rng.choice(RELATIONS),
                "event": f"summit-{day.year}-{rng.randrange(1, 500)}",
            }
        record["areas"] = areas
        if rng.random() < 0.4:
            record["topics"] = rng.sample(TOPICS, rng.randint(1, 3))
        statements = [
            self.statement(parties, participants, areas, sources[0], language)
            for _ in range(rng.choices(range(11), (10, 12, 14, 14, 12, 10, 8, 7, 5, 4, 4))[0])
        ]
        if statements:
            record["statements"] = statements
        status = rng.choices(("done", "planned", "ongoing"), (90, 7, 3))[0]
        if status != "done":
            record["status"] = status
        record["sources"] = sources
        if rng.random() < 0.7:
            record["evidence"] = [self.evidence(sources[0], language, a, b)]
        return record

    def statement(
        self,
        parties: list[str],
        participants: list[Record],
        areas: list[str],
        source: str,
        language: str,
    ) -> Record:
        rng = self.rng
        people = [p["person"] for p in participants if "person" in p]
        if len(people) >= 2 and rng.random() < 0.4:
            by = rng.sample(people, rng.randint(1, len(people)))
        elif rng.random() < 0.7:
            by = list(parties)
        else:
            by = rng.sample(parties, rng.randint(1, len(parties)))
        stance = rng.choice(STANCES)
        statement: Record = {
            "by": by,
            "stance": stance,
            "substance": f"The sides {STANCE_VERBS[stance]} {rng.choice(SUBJECTS)}.",
            "areas": sorted(rng.sample(areas, rng.randint(1, min(3, len(areas))))),
        }
        if rng.random() < 0.1:
            statement["status"] = "planned"
        quote_language = language if rng.random() < 0.8 else "en"
        statement["evidence"] = [self.evidence(source, quote_language, parties[0], parties[1])]
        return statement

    # -- agreements ---------------------------------------------------------------------

    def agreement(self) -> Record:
        rng = self.rng
        language = self.language()
        parties = self.parties(rng.choices((2, 3, 4, 5), (75, 15, 6, 4))[0])
        instrument = rng.choices(list(INSTRUMENT_WEIGHTS), list(INSTRUMENT_WEIGHTS.values()))[0]
        day = self.day()
        status = rng.choices(("done", "ongoing", "planned"), (85, 10, 5))[0]
        if language != "en" and rng.random() < 0.6:
            title = rng.choice(LOCAL_AGREEMENT_TITLES[language])
        else:
            kind = instrument.replace("_", " ").capitalize()
            title = f"{kind} on {rng.choice(AGREEMENT_SUBJECTS)}"
        short = INSTRUMENT_SHORT.get(instrument, instrument)
        parts = "-".join(p[:3] for p in parties[:3]).lower()
        record: Record = {
            "kind": "agreement",
            "id": f"{short}-{day.year}-{parts}-{self.count}",
            "title": title,
            "instrument": instrument,
            "parties": parties,
        }
        concluded = self.date_text(day, weights=(55, 20, 25)) if rng.random() < 0.8 else None
        if concluded is not None and status == "done":
            record["concluded"] = concluded
        if status == "done" and rng.random() < 0.4:
            taken: set[str] = set()
            signatories = []
            for party in parties:
                person, office = self.person(party, taken)
                signatory: Record = {"person": person, "on_behalf_of": party}
                if rng.random() < 0.8:
                    signatory["office"] = office
                signatories.append(signatory)
            record["signatories"] = signatories
        if status == "done" and rng.random() < 0.6:
            record["events"] = self.lifecycle(parties, day, record.get("concluded"), language)
        record["areas"] = self.areas(2, 8)
        if rng.random() < 0.2:
            record["projects"] = rng.sample(PROJECTS, rng.randint(1, 2))
        if rng.random() < 0.25:
            record["meeting"] = f"meeting-{day.isoformat()}-{parts}-{rng.randrange(200_000)}"
        if status != "done":
            record["status"] = status
        sources = self.sources(day)
        record["sources"] = sources
        record["evidence"] = [self.evidence(sources[0], language, parties[0], parties[1])]
        return record

    def lifecycle(
        self, parties: list[str], day: datetime.date, concluded: str | None, language: str
    ) -> list[Record]:
        """Signed by each party, then now and then ratified and in force, in a lawful order."""
        rng = self.rng
        signed = concluded or self.date_text(day)
        events: list[Record] = []
        for party in parties:
            event: Record = {"action": "signed", "party": party, "date": signed}
            if rng.random() < 0.1 and party in CITIES_BY_STATE:
                event["place"] = self.place(party, language)
            events.append(event)
        for party in parties:
            if rng.random() < 0.3:
                later = day + datetime.timedelta(days=rng.randint(30, 400))
                events.append({"action": "ratified", "party": party, "date": self.date_text(later)})
        if rng.random() < 0.3:
            later = day + datetime.timedelta(days=rng.randint(60, 700))
            for party in parties:
                events.append(
                    {"action": "entered_into_force", "party": party, "date": later.isoformat()}
                )
        return events


# -- corruption ---------------------------------------------------------------------------


def _first(items: list[Record], key: str) -> Record | None:
    return next((item for item in items if key in item), None)


def _mutations(record: Record) -> list[tuple[str, Callable[[], None]]]:
    """The single-field corruptions that fit *record*: each breaks exactly one rule."""
    out: list[tuple[str, Callable[[], None]]] = []

    def put(obj: Record, key: str, value: Any) -> Callable[[], None]:
        def apply() -> None:
            obj[key] = value

        return apply

    if record["kind"] == "meeting":
        statement = _first(record.get("statements", []), "stance")
        participant = _first(record["participants"], "person")
        out += [
            ("wrong type: when as a number", put(record, "when", 2023)),
            ("wrong type: formats as a string", put(record, "formats", "bilateral")),
            ("bad date: 30 February", put(record, "when", "2023-02-30")),
            ("bad date: month 13", put(record, "when", "2022-13-01")),
            ("bad date: not EDTF", put(record, "when", "14 April 2023")),
            ("unknown code: meeting format", put(record, "formats", ["bilaterall"])),
            ("unknown key: venue", put(record, "venue", "Samarkand")),
            ("unknown code: participant role", put(record["participants"][0], "role", "hots")),
        ]
        if participant is not None:
            out.append(("wrong type: person id as a number", put(participant, "person", 42)))
            out.append(("unknown key: participant name", put(participant, "name", "A. Person")))
        if statement is not None:
            out.append(("unknown code: stance", put(statement, "stance", "agred")))
            out.append(("wrong type: by as a string", put(statement, "by", "PAK")))
            evidence = statement["evidence"][0]
            out.append(
                ("wrong type: offset as text", put(evidence, "start", str(evidence["start"])))
            )
            out.append(("unknown key: evidence page", put(evidence, "page", 3)))
        if "where" in record:
            out.append(("unknown code: state", put(record["where"], "country", "UZBK")))
            out.append(("unknown key: place city", put(record["where"], "city", "Tashkent")))
    else:
        out += [
            ("unknown code: instrument", put(record, "instrument", "memorandum")),
            ("wrong type: parties as a string", put(record, "parties", "PAK,RUS")),
            ("unknown code: area", put(record, "areas", ["economy.trad"])),
            ("unknown key: signed_at", put(record, "signed_at", "2021")),
            ("bad date: year 0", put(record, "concluded", "0000")),
            ("bad date: day 31 of April", put(record, "concluded", "2021-04-31")),
            ("unknown code: status", put(record, "status", "complete")),
        ]
        if "events" in record:
            event = record["events"][0]
            out.append(("unknown code: lifecycle action", put(event, "action", "sign")))
            out.append(("bad date: lifecycle date", put(event, "date", "2021-00")))
    return out


def corrupt(
    records: list[Record], errors: int, seed: int = SEED
) -> tuple[list[Record], Tally, list[int]]:
    """Return a deep copy of *records* with *errors* of them broken, one rule each, a tally
    of the corruptions by kind, and the line numbers (from 1) of the broken records."""
    rng = random.Random(seed + 1)
    broken: list[Record] = orjson.loads(orjson.dumps(records))
    kinds: Tally = {}
    chosen = sorted(rng.sample(range(len(broken)), errors))
    for index in chosen:
        name, apply = rng.choice(_mutations(broken[index]))
        apply()
        kinds[name] = kinds.get(name, 0) + 1
    return broken, dict(sorted(kinds.items())), [index + 1 for index in chosen]


# -- files ----------------------------------------------------------------------------------


def paths(size: int) -> tuple[Path, Path]:
    """The JSON Lines file and the JSON array document of the *size*-record corpus."""
    return DATA / f"events-{size}.jsonl", DATA / f"events-{size}.json"


def corrupted_path() -> Path:
    return DATA / f"events-{CORRUPTED_SIZE}-corrupted.jsonl"


def manifest_path() -> Path:
    return DATA / "manifest.json"


def lines(records: list[Record]) -> bytes:
    return b"".join(orjson.dumps(record) + b"\n" for record in records)


def document(records: list[Record]) -> bytes:
    return orjson.dumps(records)


def write(sizes: tuple[int, ...] = SIZES, seed: int = SEED, *, quiet: bool = False) -> None:
    """Write the corpora of *sizes*, and the corrupted corpus, into ``benchmarks/data``."""
    DATA.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    records = list(Generator(seed).records(max(sizes)))
    for size in sizes:
        jsonl, array = paths(size)
        jsonl.write_bytes(lines(records[:size]))
        array.write_bytes(document(records[:size]))
    broken, kinds, numbers = corrupt(records[:CORRUPTED_SIZE], CORRUPTED_ERRORS, seed)
    corrupted_path().write_bytes(lines(broken))
    manifest = manifest_path()
    old = json.loads(manifest.read_text("utf-8")) if manifest.exists() else {}
    kept = set(old.get("sizes", [])) if old.get("seed") == seed else set()
    manifest.write_text(
        json.dumps(
            {
                "seed": seed,
                "sizes": sorted(kept | set(sizes)),
                "corrupted": {
                    "records": CORRUPTED_SIZE,
                    "errors": CORRUPTED_ERRORS,
                    "kinds": kinds,
                    "lines": numbers,
                },
            },
            indent=2,
        ),
        "utf-8",
    )
    if not quiet:
        took = time.perf_counter() - began
        print(f"wrote {', '.join(map(str, sizes))}-record corpora to {DATA} in {took:.1f} s")


def ensure(sizes: tuple[int, ...], seed: int = SEED) -> dict[str, Any]:
    """Write the corpora unless those of *sizes* are already there; return the manifest."""
    manifest = manifest_path()
    if manifest.exists():
        data: dict[str, Any] = json.loads(manifest.read_text("utf-8"))
        have = set(data.get("sizes", []))
        files = [p for size in sizes for p in paths(size)] + [corrupted_path()]
        if data.get("seed") == seed and have >= set(sizes) and all(p.exists() for p in files):
            return data
    write(tuple(sorted(set(sizes))), seed)
    result: dict[str, Any] = json.loads(manifest.read_text("utf-8"))
    return result


def check(count: int, seed: int = SEED) -> int:
    """Validate the first *count* records with diplomod; return the number of failures.

    Each record must be read by ``from_dict`` and written back by ``to_dict`` exactly as
    generated, so the corpus is in diplomod's canonical form.
    """
    import diplomod

    failures = 0
    shapes = {"meeting": 0, "agreement": 0}
    for i, record in enumerate(Generator(seed).records(count)):
        shapes[record["kind"]] += 1
        try:
            event = diplomod.from_dict(record, diplomod.Event)
        except diplomod.ValidationError as error:
            failures += 1
            print(f"record {i} is invalid: {error}", file=sys.stderr)
            continue
        if orjson.dumps(diplomod.to_dict(event)) != orjson.dumps(record):
            failures += 1
            print(f"record {i} is not in canonical form", file=sys.stderr)
    print(
        f"checked {count} records ({shapes['meeting']} meetings, "
        f"{shapes['agreement']} agreements): {failures} failed"
    )
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--check", type=int, metavar="N", help="validate the first N records")
    args = parser.parse_args(argv)
    if args.check:
        return 1 if check(args.check, args.seed) else 0
    write(tuple(args.sizes), args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
