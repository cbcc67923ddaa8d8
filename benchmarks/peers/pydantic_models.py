"""diplomod's event records as pydantic v2 models, with the same rules and JSON format.

Every model is frozen, strict (no coercion: ``5`` is not text, ``"5"`` not a number) and
forbids unknown keys. Field rules run in pydantic-core wherever it can state them: the id,
text and date patterns, the codelists as ``Literal`` types (state codes, stances, roles,
formats, ...), lengths and ranges, and the ``kind`` tag as a discriminated union. What
needs Python runs in validators: the calendar check of dates, items listed twice, and the
cross-field rules of evidence, meetings and agreements.

Sets (``formats``, ``areas``) are read from arrays, refused when an item is listed twice,
and written sorted, and fields at their default are left out when written
(``exclude_defaults=True``), so the models write the same bytes diplomod does.

Where this peer differs from diplomod: a key given twice in one JSON object is read as its
last value (pydantic's parser has no option to refuse it), and error messages differ.

Load a JSON Lines file with ``EVENT.validate_json`` a line, a JSON array document with
``EVENTS.validate_json``; write with ``dump_lines``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    TypeAdapter,
    model_validator,
)

from peers import _common as c


def _anchored(pattern: str) -> str:
    return f"^(?:{pattern})$"


def _sorted(items: frozenset[str]) -> list[str]:
    return sorted(items)


def _set_from_array(value: Any) -> Any:
    """Read a JSON array as a set, refusing an item listed twice (a set would hide it)."""
    if type(value) is not list:
        return value  # pydantic reports the wrong type
    try:
        items = frozenset(value)
    except TypeError:
        return value  # unhashable items: pydantic reports their type
    if len(items) != len(value):
        raise ValueError("lists an item more than once")
    return items


def _unique(items: tuple[Any, ...]) -> tuple[Any, ...]:
    if c.repeats(items):
        raise ValueError("lists an item more than once")
    return items


def _date(text: str) -> str:
    problem = c.date_problem(text)
    if problem is not None:
        raise ValueError(problem)
    return text


def _when(text: str) -> str:
    problem = c.when_problem(text)
    if problem is not None:
        raise ValueError(problem)
    return text


if TYPE_CHECKING:
    StateCode = str
    AreaCode = str
    Role = str
    Format = str
    Relation = str
    Stance = str
    Status = str
    Instrument = str
    Action = str
else:  # the codelists, read from diplomod's CSV files, as Literal types
    StateCode = Literal[c.STATES]
    AreaCode = Literal[c.AREAS]
    Role = Literal[c.ROLES]
    Format = Literal[c.FORMATS]
    Relation = Literal[c.RELATIONS]
    Stance = Literal[c.STANCES]
    Status = Literal[c.STATUSES]
    Instrument = Literal[c.INSTRUMENTS]
    Action = Literal[c.ACTIONS]

Id = Annotated[str, Field(pattern=_anchored(c.ID))]
Label = Annotated[str, Field(pattern=_anchored(c.LABEL))]
Prose = Annotated[str, Field(pattern=_anchored(c.PROSE))]
ActorRef = Annotated[StateCode | Id, Field(union_mode="left_to_right")]
Area = Annotated[
    AreaCode | Annotated[str, Field(pattern=_anchored(c.AREA_NAMESPACED))],
    Field(union_mode="left_to_right"),
]
AreaSet = Annotated[
    frozenset[Area],
    BeforeValidator(_set_from_array),
    PlainSerializer(_sorted, return_type=list[str], when_used="json"),
]
PartialDate = Annotated[str, Field(pattern=_anchored(c.DATE)), AfterValidator(_date)]
When = Annotated[str, Field(pattern=_anchored(c.WHEN)), AfterValidator(_when)]
Offset = Annotated[int, Field(ge=0, le=2**31 - 1)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, strict=True, extra="forbid")


class Coordinates(_Model):
    latitude: Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
    longitude: Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]


class Place(_Model):
    name: Label
    country: StateCode
    region: Label | None = None
    coordinates: Coordinates | None = None
    geonames_id: Annotated[int, Field(ge=1, le=2**31 - 1)] | None = None


class Evidence(_Model):
    source: Id
    quote: Prose
    start: Offset
    end: Offset

    @model_validator(mode="after")
    def _quote_fits(self) -> Self:
        if self.end - self.start != len(self.quote):
            raise ValueError(
                f"the quote is {len(self.quote)} characters long, so end must be "
                f"{self.start + len(self.quote)}, not {self.end}"
            )
        return self


class Participant(_Model):
    represents: ActorRef
    role: Role = "participant"
    person: Id | None = None
    office: Label | None = None


class Occasion(_Model):
    relation: Relation
    event: Id


class Statement(_Model):
    by: Annotated[tuple[ActorRef, ...], Field(min_length=1), AfterValidator(_unique)]
    stance: Stance
    substance: Prose
    areas: AreaSet = frozenset()
    status: Status = "done"
    evidence: tuple[Evidence, ...] = ()


class Meeting(_Model):
    kind: Literal["meeting"]
    id: Id
    when: When
    participants: Annotated[tuple[Participant, ...], Field(min_length=2)]
    formats: Annotated[
        frozenset[Format],
        Field(min_length=1),
        BeforeValidator(_set_from_array),
        PlainSerializer(_sorted, return_type=list[str], when_used="json"),
    ]
    where: Place | None = None
    title: Label | None = None
    occasion: Occasion | None = None
    areas: AreaSet = frozenset()
    topics: Annotated[tuple[Prose, ...], AfterValidator(_unique)] = ()
    statements: tuple[Statement, ...] = ()
    status: Status = "done"
    sources: Annotated[tuple[Id, ...], AfterValidator(_unique)] = ()
    evidence: tuple[Evidence, ...] = ()

    @model_validator(mode="after")
    def _rules(self) -> Self:
        problems = c.meeting_problems(
            self.id, self.participants, self.formats, self.where, self.statements, self.occasion
        )
        if problems:
            raise ValueError("; ".join(problems))
        return self


class LifecycleEvent(_Model):
    action: Action
    party: ActorRef
    date: PartialDate
    place: Place | None = None


class Signatory(_Model):
    person: Id
    on_behalf_of: ActorRef
    office: Label | None = None


class Agreement(_Model):
    kind: Literal["agreement"]
    id: Id
    title: Label
    instrument: Instrument
    parties: Annotated[tuple[ActorRef, ...], Field(min_length=2), AfterValidator(_unique)]
    concluded: PartialDate | None = None
    signatories: Annotated[tuple[Signatory, ...], AfterValidator(_unique)] = ()
    events: tuple[LifecycleEvent, ...] = ()
    areas: AreaSet = frozenset()
    projects: Annotated[tuple[Label, ...], AfterValidator(_unique)] = ()
    meeting: Id | None = None
    status: Status = "done"
    sources: Annotated[tuple[Id, ...], AfterValidator(_unique)] = ()
    evidence: tuple[Evidence, ...] = ()

    @model_validator(mode="after")
    def _rules(self) -> Self:
        problems = c.agreement_problems(self.parties, self.signatories, self.events, self.concluded)
        if problems:
            raise ValueError("; ".join(problems))
        return self


class Activity(_Model):
    kind: Literal["activity"]
    id: Id
    parties: Annotated[tuple[ActorRef, ...], Field(min_length=2), AfterValidator(_unique)]
    description: Prose
    areas: Annotated[AreaSet, Field(min_length=1)]
    when: When | None = None
    status: Status = "done"
    sources: Annotated[tuple[Id, ...], AfterValidator(_unique)] = ()
    evidence: tuple[Evidence, ...] = ()


Event = Annotated[Meeting | Agreement | Activity, Field(discriminator="kind")]

EVENT: TypeAdapter[Meeting | Agreement | Activity] = TypeAdapter(Event)
"""Reads and writes one event, told apart by its ``kind``."""

EVENTS: TypeAdapter[list[Meeting | Agreement | Activity]] = TypeAdapter(list[Event])
"""Reads a JSON array of events."""


def load_lines(data: bytes) -> list[Meeting | Agreement | Activity]:
    """Read JSON Lines, one ``validate_json`` call a line."""
    validate = EVENT.validate_json
    return [validate(line) for line in data.splitlines() if line]


def load_document(data: bytes) -> list[Meeting | Agreement | Activity]:
    """Read a JSON array document in one call."""
    return EVENTS.validate_json(data)


def dump_lines(events: list[Meeting | Agreement | Activity]) -> bytes:
    """Write JSON Lines, leaving out fields at their default as diplomod does."""
    dump = EVENT.dump_json
    return b"".join([dump(event, exclude_defaults=True) + b"\n" for event in events])
