"""The rules of records and of a Dossier grow no faster than n log n in what they check.

Counted, never timed: a test runs a rule on inputs of two sizes, ten times apart, and
compares how many lines of diplomod's code ran, or how many times two strings or two dates
were compared. Linear work grows tenfold, n log n about thirteenfold, and a comparison of
every pair a hundredfold. ``benchmarks/scaling.py`` shows the same in seconds.
"""

from __future__ import annotations

import datetime
import itertools
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import diplomod
from conftest import bare_meeting
from diplomod import (
    Activity,
    Agreement,
    AgreementLink,
    Dossier,
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
    Signatory,
    Source,
    Statement,
    ValidationError,
)

PACKAGE = str(Path(diplomod.__file__).parent)
SMALL, LARGE = 200, 2_000
GROWTH = 15  # the most a tenfold input may multiply the work by: linear is 10
DAY = PartialDate(year=2023, month=4, day=14)


class TooMuchWorkError(Exception):
    """Raised inside a counted call once it has run more lines than it may."""


def lines_run(call: Callable[[], object], cap: int = 10**8) -> int:
    """Run *call* and return how many lines of diplomod's code, generated code included,
    it ran; stop it with `TooMuchWorkError` after *cap* lines, so that a slow rule fails fast."""
    count = 0

    def count_lines(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
            if count > cap:
                raise TooMuchWorkError(f"more than {cap:,} lines")
        return count_lines

    def enter(frame: FrameType, event: str, arg: Any) -> Any:
        name = frame.f_code.co_filename
        return count_lines if name.startswith((PACKAGE, "<diplomod ")) else None

    previous = sys.gettrace()
    sys.settrace(enter)
    try:
        call()
    finally:
        sys.settrace(previous)
    return count


def refusal_or_none(make: Callable[[], object]) -> Callable[[], object]:
    """Wrap *make* so that a refusal returns its problems instead of raising."""

    def made() -> object:
        try:
            return make()
        except ValidationError as error:
            return error.problems

    return made


def growth(build: Callable[[int], Callable[[], object]]) -> float:
    """How much more work the call *build* makes for ``LARGE`` items does than for ``SMALL``."""
    small = lines_run(build(SMALL))
    return lines_run(build(LARGE), cap=200 * small) / small


def part_of(event: str) -> Occasion:
    return Occasion(relation="part_of", event=event)


# -- Dossier ---------------------------------------------------------------------------------


def chain(n: int, back_to: int | None = None) -> tuple[Meeting, ...]:
    """n meetings, each held on the occasion of the next; the last leads back to meeting
    *back_to*, if given, closing a loop."""
    last = None if back_to is None else part_of(f"m-{back_to}")
    links = [part_of(f"m-{i + 1}") for i in range(n - 1)] + [last]
    return tuple(bare_meeting(f"m-{i}", occasion=link) for i, link in enumerate(links))


def test_a_chain_of_occasions_grows_linearly() -> None:
    def build(n: int) -> Callable[[], object]:
        meetings = chain(n)
        return lambda: Dossier(meetings=meetings)

    assert growth(build) <= GROWTH


def test_a_long_loop_of_occasions_grows_linearly_and_is_reported_once() -> None:
    def build(n: int) -> Callable[[], object]:
        meetings = chain(n, back_to=n // 2)
        return refusal_or_none(lambda: Dossier(meetings=meetings))

    assert growth(build) <= GROWTH
    problems = refusal_or_none(lambda: Dossier(meetings=chain(6, back_to=3)))()
    assert problems == (
        ("$.meetings[3].occasion.event", "occasion links form a cycle: m-3 -> m-4 -> m-5 -> m-3"),
    )


def test_meetings_whose_ids_are_taken_and_lead_into_a_long_chain_grow_linearly() -> None:
    """A meeting whose id another record holds is followed from its own link too: the
    links of one id are all walked from it, and each id is walked once."""

    def build(n: int) -> Callable[[], object]:
        meetings = chain(n // 2) + tuple(
            bare_meeting("m-0", occasion=part_of(f"m-{i + 1}")) for i in range(n // 2 - 1)
        )
        return refusal_or_none(lambda: Dossier(meetings=meetings))

    assert growth(build) <= GROWTH


def test_an_occasion_chain_of_100_000_meetings_is_checked_without_recursion() -> None:
    """The cycle search walks a chain with a loop, not a call for each link."""
    limit = sys.getrecursionlimit()
    ids = [f"m-{i}" for i in range(100_000)]
    meetings = {id: bare_meeting(id, occasion=part_of(to)) for id, to in itertools.pairwise(ids)}
    meetings[ids[-1]] = bare_meeting(ids[-1], occasion=part_of(ids[50_000]))
    dossier = Dossier()
    # Only the occasion links are asked of a dossier's records here: the other rules were
    # checked on smaller chains above.
    object.__setattr__(dossier, "meetings", tuple(meetings.values()))
    object.__setattr__(dossier, "_index", meetings)
    found: list[tuple[str, str]] = []
    lines = lines_run(lambda: found.extend(dossier._cycle_problems()), cap=40 * len(ids))
    assert lines < 40 * len(ids)
    assert sys.getrecursionlimit() == limit
    assert len(found) == 1
    path, message = found[0]
    assert path == "$.meetings[50000].occasion.event"
    assert message.startswith("occasion links form a cycle: m-50000 -> m-50001 -> ")
    assert message.endswith(" -> m-99999 -> m-50000")


def test_agreement_links_that_all_lead_back_grow_linearly_and_are_reported_once() -> None:
    """A chain of agreements, each amending the next and superseding the first: every
    link back closes a loop through the first, and each is told apart as one sharing it
    without walking the loop again."""

    def chained(n: int) -> tuple[Agreement, ...]:
        return tuple(
            Agreement(
                id=f"a-{i}",
                title="An agreement",
                instrument="treaty",
                parties=("PAK", "RUS"),
                links=tuple(
                    AgreementLink(relation=relation, agreement=f"a-{to}")
                    for relation, to in (("amends", i + 1), ("supersedes", 0))
                    if 0 <= to < n and to != i
                ),
            )
            for i in range(n)
        )

    def build(n: int) -> Callable[[], object]:
        agreements = chained(n)
        return refusal_or_none(lambda: Dossier(agreements=agreements))

    assert growth(build) <= GROWTH
    problems = refusal_or_none(lambda: Dossier(agreements=chained(4)))()
    assert problems == (
        (
            "$.agreements[0].links[0].agreement",
            "agreement links form a cycle: a-0 -> a-1 -> a-2 -> a-3 -> a-0",
        ),
    )


def test_references_and_quotes_grow_linearly() -> None:
    text = "The ministers met and agreed to cooperate."
    at = text.index("agreed")

    def build(n: int) -> Callable[[], object]:
        sources = tuple(
            Source(id=f"s-{i}", publisher="An agency", language="en", text=text) for i in range(n)
        )
        people = tuple(Person(id=f"p-{i}", name=f"Person {i}") for i in range(n))
        meetings = tuple(
            bare_meeting(
                f"m-{i}",
                participants=(
                    Participant(represents="PAK", person=f"p-{i}"),
                    Participant(represents="RUS", person=f"p-{(i + 1) % n}"),
                ),
                sources=(f"s-{i}",),
                evidence=(sources[i].quote(at, at + 6),),
            )
            for i in range(n)
        )
        return lambda: Dossier(sources=sources, people=people, meetings=meetings)

    assert growth(build) <= GROWTH


class CountedDate(datetime.date):
    """A day that counts how often it is compared with another."""

    comparisons = 0

    def __lt__(self, other: datetime.date) -> bool:
        CountedDate.comparisons += 1
        return super().__lt__(other)

    def __gt__(self, other: datetime.date) -> bool:
        CountedDate.comparisons += 1
        return super().__gt__(other)


def test_dates_are_compared_once_for_each_source(monkeypatch: pytest.MonkeyPatch) -> None:
    """An event reported as done is compared with each source once, not date by date."""

    def comparisons(n: int) -> int:
        parties = tuple(f"org-{i}" for i in range(n))
        organizations = tuple(
            Organization(id=p, name=f"Body {p}", kind="intergovernmental") for p in parties
        )
        sources = tuple(
            Source(
                id=f"s-{i}", publisher="An agency", language="en", published=PartialDate(year=2024)
            )
            for i in range(n)
        )
        agreement = Agreement(
            id="a",
            title="An agreement",
            instrument="memorandum_of_understanding",
            parties=parties,
            events=tuple(LifecycleEvent(action="signed", party=p, date=DAY) for p in parties),
            sources=tuple(s.id for s in sources),
        )
        with monkeypatch.context() as patch:
            patch.setattr(PartialDate, "earliest", property(lambda d: CountedDate(d.year, 1, 1)))
            CountedDate.comparisons = 0
            Dossier(sources=sources, organizations=organizations, agreements=(agreement,))
            return CountedDate.comparisons

    assert comparisons(LARGE) <= GROWTH * comparisons(SMALL)
    assert comparisons(LARGE) <= 4 * LARGE


# -- records ---------------------------------------------------------------------------------


def organization(memberships: tuple[Membership, ...]) -> Callable[[], object]:
    return refusal_or_none(
        lambda: Organization(
            id="org",
            name="A body",
            kind="intergovernmental",
            founded=PartialDate(year=1000),
            memberships=memberships,
        )
    )


STATES = ("CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB")


def test_memberships_that_do_not_overlap_grow_linearly() -> None:
    """Each state holds a run of memberships, one a year."""

    def build(n: int) -> Callable[[], object]:
        return organization(
            tuple(
                Membership(
                    state=STATES[i % len(STATES)],
                    status="member",
                    period=Period(start=PartialDate(year=1000 + i), end=PartialDate(year=1000 + i)),
                )
                for i in range(n)
            )
        )

    assert growth(build) <= GROWTH


def test_memberships_that_overlap_the_one_before_grow_linearly() -> None:
    """Each membership overlaps only the state's one before, so each is reported once."""

    def build(n: int) -> Callable[[], object]:
        return organization(
            tuple(
                Membership(
                    state=STATES[i % len(STATES)],
                    status="member",
                    period=Period.parse(f"{1000 + i:04d}-01-01/{1000 + i + len(STATES):04d}-02-01"),
                )
                for i in range(n)
            )
        )

    assert growth(build) <= GROWTH
    problems = build(LARGE)()
    assert isinstance(problems, tuple)
    assert len(problems) == LARGE - len(STATES)
    assert problems[0] == (
        "$.memberships[8].period",
        "CHN already holds a membership over 1000-01-01/1008-02-01 ($.memberships[0])",
    )


def test_an_organization_with_20_000_memberships_is_checked_within_a_bound() -> None:
    n = 20_000
    memberships = tuple(
        Membership(
            state=STATES[i % len(STATES)],
            status="observer",
            period=Period.parse(f"{1000 + i // len(STATES):04d}/.."),
        )
        if i % 1000 == 0
        else Membership(
            state=STATES[i % len(STATES)],
            status="member",
            period=Period(
                start=PartialDate(year=1000 + i // len(STATES), month=1),
                end=PartialDate(year=1000 + i // len(STATES), month=11),
            ),
        )
        for i in range(n)
    )
    make = organization(memberships)
    problems: list[object] = []
    lines = lines_run(lambda: problems.append(make()), cap=100 * n)
    assert lines <= 100 * n
    # twenty open-ended memberships of CHN, each overlapping every later one of CHN
    assert isinstance(problems[0], tuple)
    assert len(problems[0]) == sum(
        sum(1 for i in range(0, n, 1000) if i < j) for j in range(0, n, len(STATES))
    )
    assert problems[0][0] == (
        "$.memberships[8].period",
        "CHN already holds a membership over 1000/.. ($.memberships[0])",
    )


class Counted(str):
    """A string that counts how often it is compared with another for equality."""

    comparisons = 0

    def __eq__(self, other: object) -> bool:
        Counted.comparisons += 1
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        Counted.comparisons += 1
        return str.__ne__(self, other)

    __hash__ = str.__hash__


def unchecked(cls: type[Any], **fields: Any) -> Any:
    """Make an instance of *cls* without its checks, to hold `Counted` strings."""
    obj = object.__new__(cls)
    for field in cls.__attrs_attrs__:
        if field.init:
            value = fields.get(field.name, field.default)
            object.__setattr__(obj, field.name, value)
    return obj


def test_an_agreement_looks_each_party_up_once() -> None:
    """Signatories and events find their party in a set, not by searching the parties."""

    def comparisons(n: int) -> int:
        parties = tuple(Counted(f"org-{i}") for i in range(n))
        agreement = unchecked(
            Agreement,
            id="a",
            title="An agreement",
            instrument="treaty",
            parties=parties,
            concluded=DAY,
            signatories=tuple(
                unchecked(Signatory, person=f"p-{i}", on_behalf_of=Counted(f"org-{i}"), office=None)
                for i in range(n)
            ),
            events=tuple(
                unchecked(
                    LifecycleEvent, action="signed", party=Counted(f"org-{i}"), date=DAY, place=None
                )
                for i in range(n)
            ),
            areas=frozenset(),
            projects=(),
            meeting=None,
            status="done",
            sources=(),
            evidence=(),
        )
        Counted.comparisons = 0
        assert agreement._rules() == []
        return Counted.comparisons

    assert comparisons(LARGE) <= 4 * LARGE
    assert comparisons(LARGE) <= GROWTH * max(comparisons(SMALL), 1)


def test_an_agreement_with_many_parties_grows_linearly() -> None:
    def build(n: int) -> Callable[[], object]:
        parties = tuple(f"org-{i}" for i in range(n))
        signed, ratified = PartialDate(year=2020), DAY
        return lambda: Agreement(
            id="a",
            title="An agreement",
            instrument="treaty",
            parties=parties,
            concluded=signed,
            signatories=tuple(
                Signatory(person=f"p-{i}", on_behalf_of=p) for i, p in enumerate(parties)
            ),
            events=tuple(LifecycleEvent(action="signed", party=p, date=signed) for p in parties)
            + tuple(LifecycleEvent(action="ratified", party=p, date=ratified) for p in parties),
        )

    assert growth(build) <= GROWTH


def test_a_meeting_with_many_participants_and_statements_grows_linearly() -> None:
    def build(n: int) -> Callable[[], object]:
        participants = tuple(Participant(represents=f"org-{i}", person=f"p-{i}") for i in range(n))
        statements = tuple(
            Statement(by=(f"p-{i}", f"org-{(i + 1) % n}"), stance="agreed", substance="Agreed.")
            for i in range(n)
        )
        formats = frozenset({"multilateral"})
        return lambda: bare_meeting(
            "m", participants=participants, statements=statements, formats=formats
        )

    assert growth(build) <= GROWTH


def test_a_person_with_many_names_and_offices_grows_linearly() -> None:
    def build(n: int) -> Callable[[], object]:
        names = tuple(Name(text=f"Name {i}") for i in range(n))
        offices = tuple(Office(title=f"Office {i}", represents="PAK") for i in range(n))
        return lambda: Person(id="p", name="A person", other_names=names, offices=offices)

    assert growth(build) <= GROWTH


def test_an_activity_with_many_parties_grows_linearly() -> None:
    def build(n: int) -> Callable[[], object]:
        parties = tuple(f"org-{i}" for i in range(n))
        areas = frozenset({"economy.trade"})
        return lambda: Activity(id="a", parties=parties, description="They trade.", areas=areas)

    assert growth(build) <= GROWTH
