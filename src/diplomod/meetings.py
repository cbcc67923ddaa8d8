"""Meetings: who met whom, when and where, and what they said there."""

from __future__ import annotations

from typing import Annotated

import attrs

from diplomod._checks import check
from diplomod._model import record
from diplomod._rules import Code, MinItems, Unique
from diplomod._types import (
    ActorRef,
    AreaCodes,
    EventStatus,
    Id,
    Label,
    MeetingId,
    PersonId,
    Prose,
    SourceIds,
    SpeakerRef,
    WikidataId,
)
from diplomod.dates import When
from diplomod.errors import Problem
from diplomod.evidence import Evidence
from diplomod.identifiers import Identifiers, SameAs
from diplomod.places import Place

CALLS = frozenset({"phone_call", "video_call"})
"""Formats of meetings held at a distance, which have no place."""


@attrs.frozen(kw_only=True)
class Participant:
    """Someone at a meeting: who, in what capacity, and in what role.

    >>> Participant(person="hina-rabbani-khar", represents="PAK", role="guest").role
    'guest'

    Attributes:
        represents: The state (by code) or organization (by id) the participant speaks for.
        role: The part played, from the ``participant_roles`` codelist (host, guest, ...).
        person: The id of the `Person`, or ``None`` for an unnamed delegation.
        office: The title of the office the person attended in.
    """

    represents: ActorRef
    role: Annotated[str, Code("participant_roles", "participant role")] = "participant"
    person: PersonId | None = None
    office: Label | None = None

    def __attrs_post_init__(self) -> None:
        check(self)


@attrs.frozen(kw_only=True)
class Occasion:
    """The larger event a meeting belongs to, e.g. held on the sidelines of a summit.

    Attributes:
        relation: How the meeting relates to it, from ``occasion_relations``.
        event: The id of the other event's `Meeting`.
    """

    relation: Annotated[str, Code("occasion_relations", "occasion relation")]
    event: MeetingId

    def __attrs_post_init__(self) -> None:
        check(self)


@attrs.frozen(kw_only=True)
class Statement:
    """What some of the parties said or did at a meeting.

    Attributes:
        by: Who: people by id, states by code, organizations by id; all among the participants.
        stance: How, from the ``stances`` codelist (agreed, stressed, examined, ...).
        substance: What, in a sentence.
        areas: The cooperation areas it concerns.
        status: Whether what it reports is done, ongoing or planned.
        evidence: The source's words for it.
    """

    by: Annotated[tuple[SpeakerRef, ...], MinItems(1), Unique()]
    stance: Annotated[str, Code("stances", "stance")]
    substance: Prose
    areas: AreaCodes = frozenset()
    status: EventStatus = "done"
    evidence: tuple[Evidence, ...] = ()

    def __attrs_post_init__(self) -> None:
        check(self)


@record("meeting", tagged=True)
@attrs.frozen(kw_only=True)
class Meeting:
    """A meeting, visit, summit or call between two or more parties.

    Rules: at least two distinct parties are represented; no person or identical entry is
    listed twice; a call has no place; a bilateral meeting has exactly two parties and a
    multilateral one three or more; a meeting at a third location is held in a state no
    participant represents; a hosted meeting has a host; whoever a statement is by takes
    part in the meeting; a meeting is not its own occasion.

    Attributes:
        id: The meeting's record id.
        when: The date, or the period for meetings over several days.
        participants: Who took part, in the order the source names them.
        formats: Its format, from ``meeting_formats`` (bilateral, summit, phone_call, ...).
        where: Where it was held; ``None`` for a call, or when not known.
        title: A name for the meeting, e.g. the summit's official name.
        occasion: The larger event it was held at.
        areas: The cooperation areas discussed.
        topics: Other subjects discussed, in words (e.g. "the situation in Afghanistan").
        statements: What the parties said or did, in the source's order.
        status: Whether it is reported as done, ongoing or planned.
        wikidata: Its Wikidata item id.
        identifiers: Its ids in other registers.
        same_as: Where the same record is published elsewhere.
        sources: The ids of the sources reporting it.
        evidence: The source's words for the meeting itself.
    """

    id: Id
    when: When
    participants: Annotated[tuple[Participant, ...], MinItems(2)]
    formats: Annotated[
        frozenset[Annotated[str, Code("meeting_formats", "meeting format")]], MinItems(1)
    ]
    where: Place | None = None
    title: Label | None = None
    occasion: Occasion | None = None
    areas: AreaCodes = frozenset()
    topics: Annotated[tuple[Prose, ...], Unique()] = ()
    statements: tuple[Statement, ...] = ()
    status: EventStatus = "done"
    wikidata: WikidataId | None = None
    identifiers: Identifiers = ()
    same_as: SameAs = ()
    sources: SourceIds = ()
    evidence: tuple[Evidence, ...] = ()

    def __attrs_post_init__(self) -> None:
        check(self)

    @property
    def date(self) -> When:
        """When the meeting took place: every event has a ``date``, a meeting its `when`."""
        return self.when

    @property
    def parties(self) -> frozenset[str]:
        """The states and organizations represented."""
        return frozenset(p.represents for p in self.participants)

    def _rules(self) -> list[Problem]:
        problems: list[Problem] = []
        people: dict[str, int] = {}
        unnamed: set[Participant] = set()  # named participants are told apart by person
        for i, participant in enumerate(self.participants):
            person = participant.person
            if person is None:
                if participant in unnamed:
                    problems.append((f"$.participants[{i}]", "repeats an earlier participant"))
                unnamed.add(participant)
            elif person not in people:
                people[person] = i
            elif self.participants[people[person]] == participant:
                problems.append((f"$.participants[{i}]", "repeats an earlier participant"))
            else:
                problems.append(
                    (
                        f"$.participants[{i}].person",
                        f"{person!r} is already $.participants[{people[person]}]",
                    )
                )
        parties = self.parties
        if len(parties) < 2:
            problems.append(
                (
                    "$.participants",
                    "needs at least two distinct parties, got " + ", ".join(sorted(parties)),
                )
            )
        problems.extend(self._format_rules(parties))
        speakers = parties | people.keys()
        for i, statement in enumerate(self.statements):
            if speakers.issuperset(statement.by):
                continue
            for j, who in enumerate(statement.by):
                if who not in speakers:
                    problems.append(
                        (f"$.statements[{i}].by[{j}]", f"{who!r} does not take part in the meeting")
                    )
        if self.occasion is not None and self.occasion.event == self.id:
            problems.append(("$.occasion.event", "a meeting cannot be its own occasion"))
        return problems

    def _format_rules(self, parties: frozenset[str]) -> list[Problem]:
        problems: list[Problem] = []
        formats = self.formats
        calls = formats & CALLS
        if calls and self.where is not None:
            problems.append(("$.where", f"a {min(calls)} has no place"))
        if calls and formats & {"visit", "hosted", "third_location"}:
            problems.append(
                ("$.formats", "a call cannot also be a visit, hosted or at a third location")
            )
        if "bilateral" in formats and "multilateral" in formats:
            problems.append(("$.formats", "cannot be both bilateral and multilateral"))
        elif "bilateral" in formats and len(parties) != 2:
            problems.append(("$.formats", f"bilateral, but {_taking_part(len(parties))}"))
        elif "multilateral" in formats and len(parties) < 3:
            problems.append(("$.formats", f"multilateral, but only {_taking_part(len(parties))}"))
        if "third_location" in formats and self.where is not None and self.where.country in parties:
            problems.append(
                ("$.where.country", f"at a third location, but {self.where.country} takes part")
            )
        if "hosted" in formats and not any(p.role == "host" for p in self.participants):
            problems.append(
                ("$.participants", "the meeting is hosted, but no participant has the role 'host'")
            )
        return problems


def _taking_part(count: int) -> str:
    return "1 party takes part" if count == 1 else f"{count} parties take part"
