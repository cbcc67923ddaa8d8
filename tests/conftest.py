"""Builders for the worked example, and helpers for checking refusals.

The example is a news report filed from Samarkand on 14 April 2023: Pakistan's Minister of
State Hina Rabbani Khar met Russia's Foreign Minister Sergey Lavrov on the sidelines of the
fourth meeting of Afghanistan's neighbouring countries, and the report recalls the 2021
memorandum of understanding on the North-South gas pipeline.

Each builder returns a valid record; keyword arguments replace its fields, so a test can
make one field bad and leave the rest as in the example.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest

from diplomod import (
    Agreement,
    Dossier,
    Evidence,
    LifecycleEvent,
    Meeting,
    Membership,
    Name,
    Occasion,
    Office,
    Organization,
    PartialDate,
    Participant,
    Period,
    Person,
    Place,
    Source,
    Statement,
    ValidationError,
)
from diplomod.errors import Problem

SOURCE_ID = "news-2023-04-14-samarkand"
MEETING_ID = "meeting-2023-04-14-khar-lavrov"
OCCASION_ID = "afghanistan-neighbours-4"
MOU_ID = "mou-2021-north-south-gas-pipeline"
KHAR = "hina-rabbani-khar"
LAVROV = "sergey-lavrov"

SOURCE_TEXT = (
    "SAMARKAND, April 14: Pakistan's Minister of State for Foreign Affairs Hina Rabbani Khar "
    "met Russian Foreign Minister Sergey Lavrov on the sidelines of the fourth meeting of "
    "Afghanistan's neighbouring countries. The two sides stressed cooperation in commerce and "
    "investment, culture, energy and food security. They also evaluated the economic projects "
    "of the Shanghai Cooperation Organisation, and agreed to work together against terrorism, "
    "extremism and drug trafficking. In 2021 the two countries signed an MoU on the "
    "North-South gas pipeline."
)


def day(text: str) -> PartialDate:
    """Read an EDTF date such as ``2023-04-14`` or ``2021``."""
    return PartialDate.parse(text)


def period(text: str) -> Period:
    """Read an EDTF period such as ``2017-06-09/..``."""
    return Period.parse(text)


def samarkand() -> Place:
    return Place(name="Samarkand", country="UZB")


# -- sources and evidence ------------------------------------------------------------------


def news_source(**changes: Any) -> Source:
    fields: dict[str, Any] = {
        "id": SOURCE_ID,
        "publisher": "Example News Service",
        "language": "en",
        "title": "Khar and Lavrov meet in Samarkand",
        "url": "https://news.example.org/2023/04/14/khar-lavrov",
        "published": day("2023-04-14"),
        "dateline": samarkand(),
        "text": SOURCE_TEXT,
    }
    fields.update(changes)
    return Source(**fields)


def cite(phrase: str, source_id: str = SOURCE_ID, text: str = SOURCE_TEXT) -> Evidence:
    """Evidence quoting *phrase* where it first occurs in *text*."""
    start = text.index(phrase)
    return Evidence(source=source_id, quote=phrase, start=start, end=start + len(phrase))


# -- people --------------------------------------------------------------------------------


def khar(**changes: Any) -> Person:
    fields: dict[str, Any] = {
        "id": KHAR,
        "name": "Hina Rabbani Khar",
        "other_names": (Name(text="حنا ربانی کھر", language="ur"),),
        "offices": (Office(title="Minister of State for Foreign Affairs", represents="PAK"),),
    }
    fields.update(changes)
    return Person(**fields)


def lavrov(**changes: Any) -> Person:
    fields: dict[str, Any] = {
        "id": LAVROV,
        "name": "Sergey Lavrov",
        "other_names": (Name(text="Сергей Лавров", language="ru"),),
        "offices": (Office(title="Minister of Foreign Affairs", represents="RUS"),),
    }
    fields.update(changes)
    return Person(**fields)


# -- organizations -------------------------------------------------------------------------

SCO_FOUNDERS = ("CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB")


def sco_memberships() -> tuple[Membership, ...]:
    founders = tuple(
        Membership(state=code, status="member", period=period("2001-06-15/.."))
        for code in SCO_FOUNDERS
    )
    return (
        *founders,
        Membership(state="MNG", status="observer", period=period("2004/..")),
        Membership(state="IND", status="observer", period=period("2005/2017")),
        Membership(state="PAK", status="observer", period=period("2005/2017")),
        Membership(state="IND", status="member", period=period("2017-06-09/..")),
        Membership(state="PAK", status="member", period=period("2017-06-09/..")),
        Membership(state="IRN", status="observer", period=period("2005/2023")),
        Membership(state="IRN", status="member", period=period("2023-07-04/..")),
    )


def sco(**changes: Any) -> Organization:
    fields: dict[str, Any] = {
        "id": "sco",
        "name": "Shanghai Cooperation Organisation",
        "acronym": "SCO",
        "kind": "intergovernmental",
        "other_names": (Name(text="上海合作组织", language="zh-Hans"),),
        "founded": day("2001-06-15"),
        "headquarters": Place(name="Beijing", country="CHN"),
        "memberships": sco_memberships(),
    }
    fields.update(changes)
    return Organization(**fields)


# -- meetings ------------------------------------------------------------------------------


def khar_participant(**changes: Any) -> Participant:
    fields: dict[str, Any] = {
        "person": KHAR,
        "represents": "PAK",
        "office": "Minister of State for Foreign Affairs",
    }
    fields.update(changes)
    return Participant(**fields)


def lavrov_participant(**changes: Any) -> Participant:
    fields: dict[str, Any] = {
        "person": LAVROV,
        "represents": "RUS",
        "office": "Minister of Foreign Affairs",
    }
    fields.update(changes)
    return Participant(**fields)


def samarkand_statements() -> tuple[Statement, ...]:
    return (
        Statement(
            by=("PAK", "RUS"),
            stance="stressed",
            substance="Cooperation in commerce and investment, culture, energy and food security.",
            areas=frozenset(
                {
                    "economy.trade",
                    "economy.investment",
                    "culture",
                    "energy",
                    "economy.food_security",
                }
            ),
            evidence=(
                cite(
                    "stressed cooperation in commerce and investment, culture, energy and "
                    "food security"
                ),
            ),
        ),
        Statement(
            by=("PAK", "RUS"),
            stance="evaluated",
            substance="The economic projects of the Shanghai Cooperation Organisation.",
            areas=frozenset({"economy.regional_integration"}),
        ),
        Statement(
            by=(KHAR, LAVROV),
            stance="agreed",
            substance="To work together against terrorism, extremism and drug trafficking.",
            areas=frozenset(
                {"security.counterterrorism", "security.extremism", "security.drug_trafficking"}
            ),
            evidence=(cite("against terrorism, extremism and drug trafficking"),),
        ),
    )


def samarkand_meeting(**changes: Any) -> Meeting:
    """The Khar-Lavrov meeting of 14 April 2023."""
    fields: dict[str, Any] = {
        "id": MEETING_ID,
        "when": day("2023-04-14"),
        "participants": (khar_participant(), lavrov_participant()),
        "formats": frozenset({"bilateral", "third_location"}),
        "where": samarkand(),
        "occasion": Occasion(relation="sidelines_of", event=OCCASION_ID),
        "areas": frozenset(
            {"economy.trade", "economy.investment", "culture", "energy", "economy.food_security"}
        ),
        "topics": ("the economic projects of the Shanghai Cooperation Organisation",),
        "statements": samarkand_statements(),
        "sources": (SOURCE_ID,),
        "evidence": (cite("met Russian Foreign Minister Sergey Lavrov"),),
    }
    fields.update(changes)
    return Meeting(**fields)


NEIGHBOURS = ("UZB", "PAK", "RUS", "CHN", "IRN", "TJK", "TKM")
"""The states at the fourth meeting of Afghanistan's neighbours; Uzbekistan hosted it."""


def neighbours_meeting(**changes: Any) -> Meeting:
    """The multilateral meeting the Khar-Lavrov meeting was held on the sidelines of."""
    fields: dict[str, Any] = {
        "id": OCCASION_ID,
        "when": day("2023-04-13"),
        "title": "Fourth meeting of the foreign ministers of Afghanistan's neighbouring countries",
        "participants": tuple(
            Participant(represents=code, role="host" if code == "UZB" else "participant")
            for code in NEIGHBOURS
        ),
        "formats": frozenset({"multilateral", "hosted"}),
        "where": samarkand(),
        "areas": frozenset({"security.regional_security"}),
    }
    fields.update(changes)
    return Meeting(**fields)


def bare_meeting(id: str, **changes: Any) -> Meeting:
    """A minimal valid bilateral meeting between Pakistan and Russia."""
    fields: dict[str, Any] = {
        "id": id,
        "when": day("2023-04-14"),
        "participants": (Participant(represents="PAK"), Participant(represents="RUS")),
        "formats": frozenset({"bilateral"}),
    }
    fields.update(changes)
    return Meeting(**fields)


CORPUS_FORMATS = (
    frozenset({"summit"}),
    frozenset({"bilateral"}),
    frozenset({"bilateral", "third_location"}),
    frozenset({"summit", "third_location"}),
)
CORPUS_STATUSES = ("done", "ongoing", "planned")


def meeting_corpus(count: int, start: int = 0) -> Iterator[Meeting]:
    """*count* meetings like the worked example's, made one at a time, with every kind of
    date (a year and month, a period, a period with no start), format and status."""
    template = samarkand_meeting()
    for i in range(start, start + count):
        year = 1990 + i % 35
        when: PartialDate | Period = PartialDate(year=year, month=1 + i % 12)
        if i % 5 == 0:
            when = Period(start=PartialDate(year=year), end=PartialDate(year=year + 1))
        elif i % 11 == 0:
            when = Period(end=PartialDate(year=year))  # no start: no year
        yield attrs.evolve(
            template,
            id=f"meeting-{i:06d}",
            when=when,
            formats=CORPUS_FORMATS[i % len(CORPUS_FORMATS)],
            status=CORPUS_STATUSES[i % len(CORPUS_STATUSES)],
        )


# -- agreements ----------------------------------------------------------------------------


def gas_pipeline_mou(**changes: Any) -> Agreement:
    """The 2021 MoU on the North-South gas pipeline, known to the year."""
    fields: dict[str, Any] = {
        "id": MOU_ID,
        "title": "Memorandum of understanding on the North-South gas pipeline",
        "instrument": "memorandum_of_understanding",
        "parties": ("PAK", "RUS"),
        "concluded": day("2021"),
        "events": (
            LifecycleEvent(action="signed", party="PAK", date=day("2021")),
            LifecycleEvent(action="signed", party="RUS", date=day("2021")),
        ),
        "areas": frozenset({"energy.pipelines"}),
        "projects": ("North-South gas pipeline",),
        "sources": (SOURCE_ID,),
        "evidence": (
            cite("In 2021 the two countries signed an MoU on the North-South gas pipeline"),
        ),
    }
    fields.update(changes)
    return Agreement(**fields)


# -- the dossier ---------------------------------------------------------------------------


def samarkand_dossier(**changes: Any) -> Dossier:
    """Everything above, in one dossier: the neighbours' meeting is meetings[0]."""
    fields: dict[str, Any] = {
        "sources": (news_source(),),
        "people": (khar(), lavrov()),
        "organizations": (sco(),),
        "meetings": (neighbours_meeting(), samarkand_meeting()),
        "agreements": (gas_pipeline_mou(),),
    }
    fields.update(changes)
    return Dossier(**fields)


@pytest.fixture
def dossier() -> Dossier:
    return samarkand_dossier()


@pytest.fixture
def meeting() -> Meeting:
    return samarkand_meeting()


@pytest.fixture
def mou() -> Agreement:
    return gas_pipeline_mou()


# -- checking refusals ---------------------------------------------------------------------


def refusal(make: Callable[[], object]) -> tuple[Problem, ...]:
    """Call *make*, which must raise `ValidationError`, and return its problems."""
    with pytest.raises(ValidationError) as caught:
        make()
    return caught.value.problems


def assert_only_problem(make: Callable[[], object], path: str, fragment: str) -> None:
    """*make* is refused with exactly one problem, at *path*, whose message has *fragment*."""
    problems = refusal(make)
    assert len(problems) == 1, problems
    assert problems[0][0] == path, problems
    assert fragment in problems[0][1], problems


def assert_problem(make: Callable[[], object], path: str, fragment: str) -> None:
    """*make* is refused, among others with a problem at *path* whose message has *fragment*."""
    problems = refusal(make)
    assert any(p == path and fragment in m for p, m in problems), problems
