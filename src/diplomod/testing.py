"""Hypothesis strategies that generate valid diplomod records, for your own tests.

Needs the optional ``hypothesis`` dependency (``pip install 'diplomod[test]'``).

>>> from hypothesis import given
>>> from diplomod import from_json, to_json
>>> @given(meetings())
... def test_round_trip(meeting):
...     assert from_json(to_json(meeting), Meeting) == meeting
>>> test_round_trip()
"""

from __future__ import annotations

import datetime

import attrs
from hypothesis import strategies as st

from diplomod import _codelists
from diplomod._rules import Text
from diplomod.activities import Activity
from diplomod.agreements import Agreement, AgreementLink, Depositary, LifecycleEvent, Signatory
from diplomod.areas import CooperationArea, cooperation_areas
from diplomod.dates import OPEN, Open, PartialDate, Period, When, surely_before
from diplomod.dossier import Dossier
from diplomod.errors import ValidationError
from diplomod.evidence import Evidence, Source
from diplomod.identifiers import Identifier
from diplomod.meetings import CALLS, Meeting, Occasion, Participant, Statement
from diplomod.names import Name
from diplomod.organizations import Membership, MembershipBasis, Organization
from diplomod.people import Office, Person
from diplomod.places import Coordinates, Place

__all__ = [
    "ZONES",
    "activities",
    "agreements",
    "area_codes",
    "clocks",
    "codes",
    "cooperation_areas_extension",
    "coordinates",
    "dossiers",
    "evidence",
    "identifiers",
    "ids",
    "labels",
    "meetings",
    "names",
    "offices",
    "organizations",
    "partial_dates",
    "people",
    "periods",
    "places",
    "sources",
    "state_codes",
    "whens",
]

_SCRIPTS = st.characters(
    codec="utf-8", exclude_categories=("Cc", "Cs"), exclude_characters="\ufeff"
)
_SAMPLES = ["Samarkand", "Самарканд", "سمرقند", "撒马尔罕", "Hina Rabbani Khar", "Сергей Лавров"]


def labels(max_size: int = 40) -> st.SearchStrategy[str]:
    """Single-line text in any script, without edge white space."""
    rule = Text()
    generated = st.text(_SCRIPTS, min_size=1, max_size=max_size).map(str.strip)
    return st.one_of(st.sampled_from(_SAMPLES), generated.filter(lambda s: rule.check(s) is None))


def prose(max_size: int = 80) -> st.SearchStrategy[str]:
    """Text that may run over several lines."""
    rule = Text(multiline=True)
    lines = st.lists(labels(max_size // 2), min_size=1, max_size=3).map("\n".join)
    return lines.filter(lambda s: rule.check(s) is None)


def ids(prefix: str = "") -> st.SearchStrategy[str]:
    """Record ids such as ``meeting-2023-04-14``."""
    return st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True).map(
        lambda s: f"{prefix}{s}"
    )


def codes(codelist: str) -> st.SearchStrategy[str]:
    """Codes from the shipped codelist named *codelist*."""
    return st.sampled_from(sorted(_codelists.load(codelist)))


def state_codes() -> st.SearchStrategy[str]:
    """State codes from the ``states`` codelist."""
    return codes("states")


def area_codes() -> st.SearchStrategy[str]:
    """Built-in cooperation area codes."""
    return codes("cooperation_areas")


@st.composite
def partial_dates(draw: st.DrawFn, min_year: int = 1, max_year: int = 9999) -> PartialDate:
    """Dates at year, month or day precision, sometimes approximate or uncertain, and a day
    sometimes with a time of day, an offset or a zone (`clocks`)."""
    day = draw(st.dates(datetime.date(min_year, 1, 1), datetime.date(max_year, 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day", "moment"]))
    if precision == "moment":
        return draw(clocks(day))
    return PartialDate(
        year=day.year,
        month=None if precision == "year" else day.month,
        day=day.day if precision == "day" else None,
        approximate=draw(st.booleans()),
        uncertain=draw(st.booleans()),
    )


ZONES = ("UTC", "Asia/Karachi", "Asia/Shanghai", "Europe/Moscow", "America/New_York")
"""The time zones the strategies draw from: with and without daylight saving."""


@st.composite
def clocks(draw: st.DrawFn, day: datetime.date) -> PartialDate:
    """The day *day* with a time of day, a UTC offset or a zone, or several, as sources
    give them; a time that a zone skips or passes twice is given no zone."""
    time = draw(st.none() | st.times().map(lambda t: t.replace(microsecond=0)))
    zone = draw(st.none() | st.sampled_from(ZONES))
    offset = None
    if time is not None and zone is None:
        offset = draw(st.none() | st.integers(-12 * 60, 14 * 60).map(lambda m: m - m % 15))
    date = PartialDate.from_date(day)
    if time is not None:
        date = attrs.evolve(date, hour=time.hour, minute=time.minute, second=time.second)
    try:
        moment = attrs.evolve(date, offset=offset, zone=zone)
    except ValidationError:  # a skipped or doubled time in that zone
        return date
    if moment.hour is not None and moment.zone is not None and draw(st.booleans()):
        own = moment.utc_offset  # written out too, when whole minutes
        if own is not None and not own.total_seconds() % 60:
            return attrs.evolve(moment, offset=int(own.total_seconds() // 60))
    return moment


@st.composite
def periods(draw: st.DrawFn, min_year: int = 1, max_year: int = 9999) -> Period:
    """Periods whose end is not before their start; either end, not both, may be open
    (`OPEN`) or not known (``None``)."""
    first = draw(partial_dates(min_year, max_year))
    second = draw(partial_dates(min_year, max_year))
    if surely_before(second, first):
        first, second = second, first
    start: PartialDate | Open | None = first
    end: PartialDate | Open | None = second
    shape = draw(st.sampled_from(["closed", "start", "end"]))
    if shape != "closed":
        other = draw(st.sampled_from([OPEN, None]))
        start, end = (other, end) if shape == "start" else (start, other)
    return Period(start=start, end=end)


def whens(min_year: int = 1, max_year: int = 9999) -> st.SearchStrategy[When]:
    """A date or a period."""
    return st.one_of(partial_dates(min_year, max_year), periods(min_year, max_year))


def coordinates() -> st.SearchStrategy[Coordinates]:
    """Points on the Earth."""
    return st.builds(
        Coordinates,
        latitude=st.floats(-90, 90, allow_nan=False),
        longitude=st.floats(-180, 180, allow_nan=False),
    )


def places(country: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Place]:
    """Places, in a state drawn from *country* (any state by default)."""
    return st.builds(
        Place,
        name=labels(),
        country=state_codes() if country is None else country,
        region=st.none() | labels(),
        coordinates=st.none() | coordinates(),
        geonames_id=st.none() | st.integers(1, 2**31 - 1),
    )


def names() -> st.SearchStrategy[Name]:
    """Other names in any script, with or without a language tag."""
    tags = st.sampled_from(["en", "ru", "ur", "zh-Hans", "uz-Latn", "sr-Cyrl-RS"])
    return st.builds(Name, text=labels(), language=st.none() | tags)


def offices(represents: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Office]:
    """Offices held for a state."""
    return st.builds(
        Office,
        title=labels(),
        represents=state_codes() if represents is None else represents,
        period=st.none() | periods(1900, 2100),
    )


@st.composite
def people(draw: st.DrawFn, id: st.SearchStrategy[str] | None = None) -> Person:
    """People with names in any script and offices held for states."""
    name = draw(labels())
    others = st.lists(names().filter(lambda n: n.text != name or n.language), max_size=3)
    return Person(
        id=draw(ids("person-") if id is None else id),
        name=name,
        other_names=tuple(dict.fromkeys(draw(others))),
        wikidata=draw(st.none() | st.integers(1, 10**9).map(lambda n: f"Q{n}")),
        offices=tuple(dict.fromkeys(draw(st.lists(offices(), max_size=2)))),
    )


@st.composite
def evidence(draw: st.DrawFn, source: Source | None = None) -> Evidence:
    """Evidence quoting *source*'s text when given (it must have a text), else any quote."""
    if source is None:
        quote = draw(prose())
        start = draw(st.integers(0, 10**6))
        return Evidence(
            source=draw(ids("source-")), quote=quote, start=start, end=start + len(quote)
        )
    if source.text is None:
        raise ValueError(f"source {source.id!r} has no text, so nothing in it can be quoted")
    text = source.text
    for _ in range(50):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        if Text(multiline=True).check(text[start:end]) is None:
            return source.quote(start, end)
    quote = text.strip()
    return source.quote(text.index(quote), text.index(quote) + len(quote))


def sources(id: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Source]:
    """Sources with a text that evidence can quote."""
    return st.builds(
        Source,
        id=ids("source-") if id is None else id,
        publisher=labels(),
        language=st.sampled_from(["en", "ru", "ur", "zh", "uz"]),
        title=st.none() | labels(),
        url=st.none() | st.just("https://example.org/news/1"),
        published=st.none() | partial_dates(2100, 9999),
        dateline=st.none() | places(),
        text=st.none() | prose(200).map(lambda t: f" {t}\n"),
    )


@st.composite
def meetings(
    draw: st.DrawFn,
    id: st.SearchStrategy[str] | None = None,
    people_ids: tuple[str, ...] = (),
    occasions: tuple[str, ...] = (),
    source: Source | None = None,
) -> Meeting:
    """Meetings that satisfy every rule; people, occasions and the source may be given."""
    meeting_id = draw(ids("meeting-") if id is None else id)
    parties = draw(st.lists(state_codes(), min_size=2, max_size=4, unique=True))
    persons = draw(st.permutations(people_ids)) if people_ids else []
    formats = set(draw(st.lists(codes("meeting_formats"), max_size=3)))
    formats.discard("bilateral" if len(parties) != 2 else "multilateral")
    if len(parties) < 3:
        formats.discard("multilateral")
    if formats & CALLS:
        formats -= {"visit", "hosted", "third_location"}
    if not formats:
        formats = {"bilateral" if len(parties) == 2 else "multilateral"}
    participants = [
        Participant(
            represents=party,
            role="host" if i == 0 and "hosted" in formats else draw(codes("participant_roles")),
            person=persons[i] if i < len(persons) else None,
            office=draw(st.none() | labels()),
        )
        for i, party in enumerate(parties)
    ]
    where = None
    if not formats & CALLS and draw(st.booleans()):
        others = [code for code in _codelists.load("states") if code not in parties]
        country = st.sampled_from(others) if "third_location" in formats else state_codes()
        where = draw(places(country))
    speakers = parties + [p.person for p in participants if p.person]
    statements = draw(
        st.lists(
            st.builds(
                Statement,
                by=st.lists(st.sampled_from(speakers), min_size=1, max_size=3, unique=True).map(
                    tuple
                ),
                stance=codes("stances"),
                substance=prose(),
                areas=st.frozensets(area_codes(), max_size=3),
                status=codes("event_statuses"),
                evidence=st.lists(evidence(source), max_size=2).map(tuple)
                if source is not None and source.text is not None
                else st.just(()),
            ),
            max_size=3,
        )
    )
    others_events = [event for event in occasions if event != meeting_id]
    occasion = None
    if bool(others_events) and draw(st.booleans()):
        occasion = Occasion(
            relation=draw(codes("occasion_relations")), event=draw(st.sampled_from(others_events))
        )
    return Meeting(
        id=meeting_id,
        when=draw(whens(1900, 2099)),
        participants=tuple(participants),
        formats=frozenset(formats),
        where=where,
        title=draw(st.none() | labels()),
        occasion=occasion,
        areas=draw(st.frozensets(area_codes(), max_size=4)),
        topics=tuple(draw(st.lists(prose(), max_size=2, unique=True))),
        statements=tuple(statements),
        status=draw(codes("event_statuses")),
        sources=(source.id,) if source else (),
        evidence=tuple(draw(st.lists(evidence(source), max_size=2)))
        if source is not None and source.text is not None
        else (),
    )


@st.composite
def agreements(
    draw: st.DrawFn,
    id: st.SearchStrategy[str] | None = None,
    people_ids: tuple[str, ...] = (),
    meeting_ids: tuple[str, ...] = (),
    earlier: tuple[Agreement, ...] | None = None,
    held: tuple[Meeting, ...] | None = None,
) -> Agreement:
    """Agreements whose lifecycle events are in a possible order: an adoption, signatures,
    consents of every kind, entries into force, and withdrawals; with depositaries, links to
    other agreements and the meeting the text was adopted at.

    Given *earlier* agreements, the links go only to those it may follow, so that no links
    form a cycle; given the meetings *held*, the adoption is dated within the one it names.
    Without them, links and meetings name any other id.
    """
    agreement_id = draw(ids("agreement-") if id is None else id)
    parties = draw(st.lists(state_codes(), min_size=2, max_size=4, unique=True))
    concluded = draw(st.dates(datetime.date(1900, 1, 1), datetime.date(2090, 12, 31)))
    at_meeting = None
    if held is None:
        at_meeting = draw(st.none() | ids("meeting-"))
    elif len(held) > 0 and draw(st.booleans()):
        meeting: Meeting = draw(st.sampled_from(held))
        if datetime.date(1900, 1, 1) <= meeting.when.earliest <= datetime.date(2090, 12, 31):
            at_meeting, concluded = meeting.id, meeting.when.earliest

    def step(action: str, on: datetime.date, party: str | None = None) -> LifecycleEvent:
        return LifecycleEvent(action=action, party=party, date=PartialDate.from_date(on))

    def after(day: datetime.date) -> datetime.date:
        return day + datetime.timedelta(days=draw(st.integers(0, 400)))

    events: list[LifecycleEvent] = []
    if draw(st.booleans()):
        events.append(
            LifecycleEvent(
                action="adopted", date=PartialDate.from_date(concluded), meeting=at_meeting
            )
        )
    in_force = after(concluded) if draw(st.booleans()) else None
    if in_force is not None:
        events.append(step("entered_into_force", in_force))
    for party in parties:
        if not draw(st.booleans()):
            continue
        day = after(concluded)
        if draw(st.booleans()):
            events.append(step("signed", day, party))
            consent = draw(st.sampled_from([None, "ratified", "accepted", "approved"]))
        else:
            consent = draw(st.sampled_from(["acceded", "succeeded", "signed_definitively"]))
        if consent is None:
            continue
        day = after(day)
        events.append(step(consent, day, party))
        if draw(st.integers(0, 3)) == 0:  # a reservation, and another party's objection
            reservation = step("reservation", day, party)
            events.append(attrs.evolve(reservation, text=draw(labels())))
            objector = draw(st.none() | st.sampled_from(parties))
            if objector is not None and objector != party:
                objection = step("objection", after(day), objector)
                events.append(attrs.evolve(objection, regarding=party))
        if draw(st.booleans()):
            day = after(max(day, in_force or day))
            events.append(step("entered_into_force", day, party))
        if draw(st.booleans()):
            day = after(day)
            events.append(step("withdrawal_notified", day, party))
            events.append(step("withdrawal_effective", after(day), party))
    signatories = (
        [
            Signatory(
                person=person,
                on_behalf_of=draw(st.sampled_from(parties)),
                office=draw(st.none() | labels()),
            )
            for person in draw(st.lists(st.sampled_from(people_ids), unique=True, max_size=3))
        ]
        if people_ids
        else []
    )
    agreement = Agreement(
        id=agreement_id,
        title=draw(labels()),
        instrument=draw(codes("instrument_types")),
        parties=tuple(parties),
        concluded=draw(st.sampled_from([None, PartialDate.from_date(concluded)])),
        signatories=tuple(signatories),
        events=tuple(events),
        areas=draw(st.frozensets(area_codes(), max_size=3)),
        projects=tuple(draw(st.lists(labels(), max_size=2, unique=True))),
        meeting=draw(st.none() | st.sampled_from(meeting_ids)) if meeting_ids else None,
        depositaries=tuple(
            draw(
                st.lists(
                    st.builds(Depositary, actor=state_codes(), office=st.none() | labels()),
                    max_size=2,
                    unique=True,
                )
            )
        ),
        status=draw(codes("event_statuses")),
    )
    date = agreement.date
    if earlier is None:
        targets = st.lists(ids("agreement-").filter(lambda i: i != agreement_id), max_size=2)
    else:
        followed = [
            other.id
            for other in earlier
            if date is None or other.date is None or other.date.earliest <= date.latest
        ]
        targets = st.lists(st.sampled_from(followed), max_size=2) if followed else st.just([])
    links = {
        AgreementLink(relation=draw(codes("agreement_relations")), agreement=target)
        for target in draw(targets)
    }
    return attrs.evolve(agreement, links=tuple(sorted(links, key=str)))


@st.composite
def organizations(
    draw: st.DrawFn,
    id: st.SearchStrategy[str] | None = None,
    bases: tuple[Agreement, ...] | None = None,
) -> Organization:
    """Organizations whose memberships start after their founding and never overlap.

    A membership may rest on a party's step in one of the agreements *bases*, when the
    agreement records that step for the state no later than the membership may start;
    without *bases*, on any step in an agreement of any id.
    """
    founded = draw(st.none() | partial_dates(1900, 2000))
    steps = [
        (agreement.id, event)
        for agreement in bases or ()
        for event in agreement.events
        if event.party is not None and _codelists.load("states").get(event.party)
    ]
    some_state = state_codes()
    if steps:
        some_state = st.sampled_from(sorted({event.party or "" for _, event in steps})) | some_state
    states = draw(st.lists(some_state, max_size=4, unique=True))
    memberships = []
    for state in states:
        start = draw(partial_dates(2001, 2100))
        basis = None
        if bases is None:
            party_steps = [
                c
                for c, row in _codelists.load("lifecycle_actions").items()
                if row["scope"] != "treaty"
            ]
            if draw(st.booleans()):
                basis = MembershipBasis(
                    agreement=draw(ids("agreement-")), action=draw(st.sampled_from(party_steps))
                )
        else:
            taken = [
                MembershipBasis(agreement=agreement_id, action=event.action)
                for agreement_id, event in steps
                if event.party == state and event.date.earliest <= start.latest
            ]
            basis = draw(st.none() | st.sampled_from(taken)) if taken else None
        memberships.append(
            Membership(
                state=state,
                status=draw(codes("membership_statuses")),
                period=Period(start=start, end=OPEN),
                basis=basis,
            )
        )
    return Organization(
        id=draw(ids("org-") if id is None else id),
        name=draw(labels()),
        kind=draw(codes("organization_kinds")),
        acronym=draw(st.none() | labels(10)),
        other_names=tuple(draw(st.lists(names(), max_size=2, unique=True))),
        founded=founded,
        headquarters=draw(st.none() | places()),
        memberships=tuple(memberships),
        wikidata=draw(st.none() | st.integers(1, 10**8).map(lambda n: f"Q{n}")),
        identifiers=tuple(draw(st.lists(identifiers(), max_size=2, unique=True))),
        same_as=tuple(draw(st.lists(st.sampled_from(_ELSEWHERE), max_size=2, unique=True))),
    )


_ELSEWHERE = ("https://example.org/dossier.json#a", "https://example.org/other.json#b")


def identifiers() -> st.SearchStrategy[Identifier]:
    """Ids in the registers of the ``identifier_schemes`` codelist."""
    return st.builds(Identifier, scheme=codes("identifier_schemes"), identifier=labels(20))


def activities(id: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Activity]:
    """Joint activities of two or more states."""
    return st.builds(
        Activity,
        id=ids("activity-") if id is None else id,
        parties=st.lists(state_codes(), min_size=2, max_size=4, unique=True).map(tuple),
        description=prose(),
        areas=st.frozensets(area_codes(), min_size=1, max_size=3),
        when=st.none() | whens(1900, 2099),
        status=codes("event_statuses"),
    )


def cooperation_areas_extension() -> st.SearchStrategy[CooperationArea]:
    """Top-level extension areas in the ``test`` namespace."""
    return st.builds(
        CooperationArea,
        code=st.from_regex(r"test:[a-z][a-z0-9_]{0,10}", fullmatch=True),
        title=labels(),
        description=st.none() | prose(),
        plover_context=st.none(),
        cameo_activity=_area_cameo("cameo_activity"),
        cameo_agreement=_area_cameo("cameo_agreement"),
        cameo_intent=_area_cameo("cameo_intent"),
    )


def _area_cameo(column: str) -> st.SearchStrategy[str | None]:
    """No CAMEO code, or one the built-in areas give in *column*."""
    given = {getattr(area, column) for area in cooperation_areas()} - {None}
    return st.none() | st.sampled_from(sorted(given))


@st.composite
def dossiers(draw: st.DrawFn) -> Dossier:
    """Dossiers whose records refer to one another correctly."""
    persons = draw(st.lists(people(ids("person-")), max_size=4, unique_by=lambda p: p.id))
    people_ids = tuple(p.id for p in persons)
    source_list = draw(st.lists(sources(ids("source-")), max_size=2, unique_by=lambda s: s.id))
    meeting_list: list[Meeting] = []
    for _ in range(draw(st.integers(0, 3))):
        source = draw(st.sampled_from(source_list)) if source_list else None
        meeting = draw(
            meetings(
                ids("meeting-").filter(lambda i: i not in {m.id for m in meeting_list}),
                people_ids=people_ids,
                occasions=tuple(m.id for m in meeting_list),
                source=source,
            )
        )
        meeting_list.append(meeting)
    extension = draw(
        st.lists(cooperation_areas_extension(), max_size=2, unique_by=lambda a: a.code)
    )
    agreement_list: list[Agreement] = []
    for _ in range(draw(st.integers(0, 3))):
        agreement = draw(
            agreements(
                ids("agreement-").filter(lambda i: i not in {a.id for a in agreement_list}),
                people_ids,
                tuple(m.id for m in meeting_list),
                earlier=tuple(agreement_list),
                held=tuple(meeting_list),
            )
        )
        agreement_list.append(agreement)
    return Dossier(
        sources=tuple(source_list),
        people=tuple(persons),
        organizations=tuple(
            draw(
                st.lists(
                    organizations(ids("org-"), bases=tuple(agreement_list)),
                    max_size=2,
                    unique_by=lambda o: o.id,
                )
            )
        ),
        meetings=tuple(meeting_list),
        agreements=tuple(agreement_list),
        activities=tuple(
            draw(st.lists(activities(ids("activity-")), max_size=2, unique_by=lambda a: a.id))
        ),
        areas=tuple(extension),
    )
