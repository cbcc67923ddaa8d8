"""diplomod's event records as msgspec Structs, with the same rules and JSON format.

Every Struct is frozen, forbids unknown fields, leaves fields at their default out when
written (``omit_defaults``) and is tagged by ``kind``. msgspec is strict by design: no
text is taken for a number, nor a number for text. ``msgspec.Meta`` states the id, text
and date patterns, lengths and ranges; the codelists with few enough codes to spell out
are ``Literal`` types. What msgspec cannot state in a type runs in ``__post_init__``: a
state code *or* a record id for a party (a union of two constrained strings), a built-in
*or* namespaced cooperation area, the calendar check of dates, items listed twice, and
the cross-field rules.

Sets (``formats``, ``areas``) are decoded as arrays, refused when an item is listed twice,
then kept as frozensets exactly as diplomod keeps them (msgspec's own ``frozenset`` type
would drop a repeated item silently), and written sorted by the encoder's
``order="deterministic"``, so the Structs write the same bytes diplomod does.

The Structs are declared with ``gc=False``, msgspec's documented option for objects that
cannot form reference cycles, which these cannot: they hold only strings, numbers,
tuples, frozensets and other such Structs.

Where this peer differs from diplomod: a key given twice in one JSON object is read as its
last value, and error messages differ.

Load a JSON Lines file with ``DECODER.decode_lines``, a JSON array document with
``LIST_DECODER.decode``; write with ``dump_lines``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

import msgspec
from msgspec.structs import force_setattr

from peers import _common as c


def _anchored(pattern: str) -> str:
    return rf"^(?:{pattern})\Z"


Id = Annotated[str, msgspec.Meta(pattern=_anchored(c.ID))]
Label = Annotated[str, msgspec.Meta(pattern=_anchored(c.LABEL))]
Prose = Annotated[str, msgspec.Meta(pattern=_anchored(c.PROSE))]
PartialDate = Annotated[str, msgspec.Meta(pattern=_anchored(c.DATE))]
When = Annotated[str, msgspec.Meta(pattern=_anchored(c.WHEN))]
Offset = Annotated[int, msgspec.Meta(ge=0, le=2**31 - 1)]
ActorRef = str  # a state code or a record id, checked in __post_init__

if TYPE_CHECKING:
    StateCode = str
    Role = str
    Relation = str
    Stance = str
    Status = str
    Instrument = str
    Action = str
    AreaSet = frozenset[str]
    FormatSet = frozenset[str]
else:  # the codelists, read from diplomod's CSV files, as Literal types
    StateCode = Literal[c.STATES]
    Role = Literal[c.ROLES]
    Relation = Literal[c.RELATIONS]
    Stance = Literal[c.STANCES]
    Status = Literal[c.STATUSES]
    Instrument = Literal[c.INSTRUMENTS]
    Action = Literal[c.ACTIONS]
    # Decoded as arrays so that a repeated item can be seen, then frozen by _freeze.
    AreaSet = tuple[str, ...]
    FormatSet = Annotated[tuple[Literal[c.FORMATS], ...], msgspec.Meta(min_length=1)]


def _freeze(obj: Any, name: str, items: Any) -> frozenset[str]:
    """Turn the decoded array *items* of field *name* into a frozenset, refusing repeats."""
    if type(items) is not tuple:
        return items  # type: ignore[no-any-return]  # the default, already a frozenset
    frozen = frozenset(items)
    if len(frozen) != len(items):
        raise ValueError(f"{name} lists an item more than once")
    force_setattr(obj, name, frozen)
    return frozen


_STATES = c.STATE_SET
_AREAS = c.AREA_SET
_ID = c.ID_RE.fullmatch
_NAMESPACED = c.AREA_NAMESPACED_RE.fullmatch


def _check_areas(areas: frozenset[str]) -> None:
    for area in areas:
        if area not in _AREAS and _NAMESPACED(area) is None:
            raise ValueError(f"unknown cooperation area {area!r}")


def _check_actor(actor: str) -> None:
    if actor not in _STATES and _ID(actor) is None:
        raise ValueError(f"{actor!r} is neither a state code such as 'PAK' nor a record id")


def _check_actors(name: str, actors: tuple[str, ...]) -> None:
    for actor in actors:
        if actor not in _STATES and _ID(actor) is None:
            raise ValueError(f"{actor!r} is neither a state code such as 'PAK' nor a record id")
    if len(set(actors)) != len(actors):
        raise ValueError(f"{name} lists an item more than once")


def _check_unique(name: str, items: tuple[Any, ...]) -> None:
    if len(items) > 1 and len(set(items)) != len(items):
        raise ValueError(f"{name} lists an item more than once")


def _check_date(text: str | None) -> None:
    if text is not None and len(text) >= 10:
        problem = c.date_problem(text)
        if problem is not None:
            raise ValueError(problem)


class _Struct(
    msgspec.Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True, gc=False
):
    pass


class Coordinates(_Struct, frozen=True):
    latitude: Annotated[float, msgspec.Meta(ge=-90, le=90)]
    longitude: Annotated[float, msgspec.Meta(ge=-180, le=180)]


class Place(_Struct, frozen=True):
    name: Label
    country: StateCode
    region: Label | None = None
    coordinates: Coordinates | None = None
    geonames_id: Annotated[int, msgspec.Meta(ge=1, le=2**31 - 1)] | None = None


class Evidence(_Struct, frozen=True):
    source: Id
    quote: Prose
    start: Offset
    end: Offset

    def __post_init__(self) -> None:
        if self.end - self.start != len(self.quote):
            raise ValueError(
                f"the quote is {len(self.quote)} characters long, so end must be "
                f"{self.start + len(self.quote)}, not {self.end}"
            )


class Participant(_Struct, frozen=True):
    represents: ActorRef
    role: Role = "participant"
    person: Id | None = None
    office: Label | None = None

    def __post_init__(self) -> None:
        _check_actor(self.represents)


class Occasion(_Struct, frozen=True):
    relation: Relation
    event: Id


class Statement(_Struct, frozen=True):
    by: Annotated[tuple[ActorRef, ...], msgspec.Meta(min_length=1)]
    stance: Stance
    substance: Prose
    areas: AreaSet = frozenset()
    status: Status = "done"
    evidence: tuple[Evidence, ...] = ()

    def __post_init__(self) -> None:
        _check_actors("by", self.by)
        _check_areas(_freeze(self, "areas", self.areas))


class Meeting(_Struct, frozen=True, tag_field="kind", tag="meeting"):
    id: Id
    when: When
    participants: Annotated[tuple[Participant, ...], msgspec.Meta(min_length=2)]
    formats: FormatSet
    where: Place | None = None
    title: Label | None = None
    occasion: Occasion | None = None
    areas: AreaSet = frozenset()
    topics: tuple[Prose, ...] = ()
    statements: tuple[Statement, ...] = ()
    status: Status = "done"
    sources: tuple[Id, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    def __post_init__(self) -> None:
        problem = c.when_problem(self.when)
        if problem is not None:
            raise ValueError(problem)
        formats = _freeze(self, "formats", self.formats)
        _check_areas(_freeze(self, "areas", self.areas))
        _check_unique("topics", self.topics)
        _check_unique("sources", self.sources)
        problems = c.meeting_problems(
            self.id, self.participants, formats, self.where, self.statements, self.occasion
        )
        if problems:
            raise ValueError("; ".join(problems))


class LifecycleEvent(_Struct, frozen=True):
    action: Action
    party: ActorRef
    date: PartialDate
    place: Place | None = None

    def __post_init__(self) -> None:
        _check_actor(self.party)
        _check_date(self.date)


class Signatory(_Struct, frozen=True):
    person: Id
    on_behalf_of: ActorRef
    office: Label | None = None

    def __post_init__(self) -> None:
        _check_actor(self.on_behalf_of)


class Agreement(_Struct, frozen=True, tag_field="kind", tag="agreement"):
    id: Id
    title: Label
    instrument: Instrument
    parties: Annotated[tuple[ActorRef, ...], msgspec.Meta(min_length=2)]
    concluded: PartialDate | None = None
    signatories: tuple[Signatory, ...] = ()
    events: tuple[LifecycleEvent, ...] = ()
    areas: AreaSet = frozenset()
    projects: tuple[Label, ...] = ()
    meeting: Id | None = None
    status: Status = "done"
    sources: tuple[Id, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    def __post_init__(self) -> None:
        _check_actors("parties", self.parties)
        _check_date(self.concluded)
        _check_unique("signatories", self.signatories)
        _check_areas(_freeze(self, "areas", self.areas))
        _check_unique("projects", self.projects)
        _check_unique("sources", self.sources)
        problems = c.agreement_problems(self.parties, self.signatories, self.events, self.concluded)
        if problems:
            raise ValueError("; ".join(problems))


class Activity(_Struct, frozen=True, tag_field="kind", tag="activity"):
    id: Id
    parties: Annotated[tuple[ActorRef, ...], msgspec.Meta(min_length=2)]
    description: Prose
    areas: Annotated[AreaSet, msgspec.Meta(min_length=1)]
    when: When | None = None
    status: Status = "done"
    sources: tuple[Id, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    def __post_init__(self) -> None:
        _check_actors("parties", self.parties)
        _check_areas(_freeze(self, "areas", self.areas))
        if self.when is not None:
            problem = c.when_problem(self.when)
            if problem is not None:
                raise ValueError(problem)
        _check_unique("sources", self.sources)


Event = Meeting | Agreement | Activity

DECODER = msgspec.json.Decoder(Event)
"""Reads one event, or JSON Lines with ``decode_lines``, told apart by ``kind``."""

LIST_DECODER = msgspec.json.Decoder(list[Event])
"""Reads a JSON array of events."""

ENCODER = msgspec.json.Encoder(order="deterministic")
"""Writes events; ``order="deterministic"`` writes sets sorted."""


def load_lines(data: bytes) -> list[Event]:
    """Read JSON Lines in one call."""
    return DECODER.decode_lines(data)


def load_document(data: bytes) -> list[Event]:
    """Read a JSON array document in one call."""
    return LIST_DECODER.decode(data)


def dump_lines(events: list[Event]) -> bytes:
    """Write JSON Lines in one call."""
    return ENCODER.encode_lines(events)
