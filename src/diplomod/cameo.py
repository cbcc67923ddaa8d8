"""CAMEO dyads: each event as rows of a source actor doing something to a target actor.

Event datasets such as ICEWS and GDELT record an event as one row for each ordered pair of
actors, with a CAMEO event code, its root code, quad class and Goldstein score. This
module writes meetings, agreements and activities that way, one row for each ordered pair
of their parties, so ``n`` parties give ``n (n - 1)`` rows. The codes come from the
``cameo_event_codes`` codelist, and for cooperation in a field from the cooperation areas'
``cameo_activity``, ``cameo_agreement`` and ``cameo_intent`` codes:

- a meeting: a visit ``042`` from each visitor to its host and ``043`` from the host to each
  visitor, the host named by its participant's role, else by the meeting's place; ``044``
  between parties meeting in a state that is none of theirs; ``041`` for a call; ``040``
  when where it was held is not known; ``036`` (intent to meet) when it is planned;
- an agreement: ``057`` for one signed, ``046`` (negotiation) for one under way, the
  areas' intent code (``0311``, ...; else ``030``) for one planned;
- an activity: the areas' activity code (``061``, ...; else ``060``), or their intent code
  for one planned.

Codes are text with their leading zeros. Dates keep their precision: ``date`` is the day,
month or year, ``date_precision`` says which, ``when`` is the whole EDTF text. What the rows
cannot carry is reported, never dropped silently (see `to_cameo_dyads`).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from diplomod import _codelists
from diplomod._export import Entry, Exported, Loss, entries, index
from diplomod._model import shape
from diplomod.activities import Activity
from diplomod.agreements import Agreement
from diplomod.areas import CooperationArea, cooperation_areas
from diplomod.dates import PartialDate, When
from diplomod.meetings import CALLS, Meeting
from diplomod.organizations import Organization
from diplomod.places import Place

COLUMNS = [
    "record_kind",
    "record_id",
    "source_actor",
    "source_country",
    "source_name",
    "source_people",
    "code",
    "root_code",
    "quad_class",
    "goldstein",
    "target_actor",
    "target_country",
    "target_name",
    "target_people",
    "date",
    "date_precision",
    "earliest",
    "latest",
    "when",
    "place",
    "place_country",
    "place_region",
    "latitude",
    "longitude",
    "geonames_id",
    "status",
    "formats",
    "areas",
    "title",
    "sources",
]
"""The CSV columns, in order. All are text; ``code`` and ``root_code`` keep leading zeros."""

Row = dict[str, str]

FALLBACK = {"cameo_activity": "060", "cameo_agreement": "057", "cameo_intent": "030"}
"""The code of each area column when no area gives one: engage in material cooperation,
sign formal agreement, express intent to cooperate (each "not otherwise specified")."""

PLANNED_MEETING = "036"  # express intent to meet or negotiate
NEGOTIATION = "046"  # engage in negotiation: an agreement under way
CALL, VISIT, HOST, THIRD_LOCATION, CONSULT = "041", "042", "043", "044", "040"

LOST: dict[str, str] = {
    "occasion": "CAMEO dyads have no column for the larger event a meeting belongs to",
    "topics": "CAMEO dyads have no column for a topic",
    "statements": "CAMEO dyads carry no statement",
    "instrument": "CAMEO dyads have no column for an agreement's instrument type",
    "events": "CAMEO dyads carry an agreement's signing, not its lifecycle steps",
    "projects": "CAMEO dyads have no column for a project",
    "meeting": "CAMEO dyads have no column for the meeting an agreement belongs to",
    "depositaries": "CAMEO dyads have no column for a depositary",
    "links": "CAMEO dyads have no column for a link between agreements",
    "wikidata": "CAMEO dyads have no column for a Wikidata id",
    "identifiers": "CAMEO dyads have no column for an identifier",
    "same_as": "CAMEO dyads have no column for a same-as link",
    "evidence": "CAMEO dyads carry no evidence",
}
"""The fields no row carries, with the reason reported for each value."""

CARRIED: dict[type, frozenset[str]] = {
    Meeting: frozenset(
        {"id", "when", "participants", "formats", "where", "title", "areas", "status", "sources"}
    ),
    Agreement: frozenset(
        {"id", "title", "parties", "concluded", "signatories", "areas", "status", "sources"}
    ),
    Activity: frozenset({"id", "parties", "description", "areas", "when", "status", "sources"}),
}
"""The fields the rows carry, wholly or in part (participants' offices and some roles,
signatories' offices and roles are reported where they are lost)."""


def to_cameo_dyads(records: Any) -> Exported[list[Row]]:
    """Return the CAMEO dyad rows of *records* (a `Dossier` or an iterable of records), one
    for each ordered pair of parties of each meeting, agreement and activity, and what they
    do not carry.

    Every other record (a source, a person, an organization, an extension area) gives no
    row and is reported whole; of the events, the fields in `LOST` are reported value by
    value, and so are a participant's or a signatory's office, a participant's role the
    codes do not express (a chair, or a host in a call), a signatory's role other than
    signing for a party, and a signatory for one that is not a party.

    >>> from diplomod.examples import samarkand_2023
    >>> rows, losses = to_cameo_dyads(samarkand_2023())
    >>> [(r["source_actor"], r["code"], r["target_actor"]) for r in rows[:2]]
    [('PAK', '044', 'RUS'), ('RUS', '044', 'PAK')]
    """
    items = entries(records)
    by_id = index(items)
    areas = _areas(item.record for item in items if isinstance(item.record, CooperationArea))
    rows: list[Row] = []
    losses: list[Loss] = []
    for item in items:
        record = item.record
        if isinstance(record, Meeting | Agreement | Activity):
            rows.extend(_rows(record, by_id, areas))
            losses.extend(_losses(item))
        else:
            losses.append((item.path, f"CAMEO dyads have no row for {_noun(item)}"))
    return Exported(rows, tuple(losses))


# -- codes ------------------------------------------------------------------------------------


@functools.cache
def _builtin_areas() -> dict[str, CooperationArea]:
    return {area.code: area for area in cooperation_areas()}


def _areas(extensions: Iterable[CooperationArea]) -> Mapping[str, CooperationArea]:
    """The areas codes are looked up in: the built-in ones and those the input defines."""
    extra = {area.code: area for area in extensions}
    return {**_builtin_areas(), **extra} if extra else _builtin_areas()


def area_code(
    codes: Iterable[str], column: str, areas: Mapping[str, CooperationArea] | None = None
) -> str:
    """Return the CAMEO code the cooperation areas *codes* give in *column*
    (``cameo_activity``, ``cameo_agreement`` or ``cameo_intent``).

    One code when they agree; when they differ, the narrowest code above them all (``060``
    for ``061`` and ``062``, ``031`` for ``0311`` and ``0312``); when none is above them
    or no area gives one, the column's code for "not otherwise specified" (`FALLBACK`).

    >>> area_code(["economy.trade", "energy.pipelines"], "cameo_activity")
    '061'
    >>> area_code(["economy.trade", "security.defense"], "cameo_intent")
    '031'
    >>> area_code(["culture"], "cameo_activity")
    '060'
    """
    known = _builtin_areas() if areas is None else areas
    given: set[str] = {getattr(known[code], column) for code in codes if code in known} - {None}
    if len(given) == 1:
        return given.pop()
    if given:
        common = _common_start(given)
        above = common + "0" if len(common) == 2 else common
        if len(common) >= 2 and above in _codelists.load("cameo_event_codes"):
            return above
    return FALLBACK[column]


def _common_start(codes: Iterable[str]) -> str:
    """The digits all *codes* start with."""
    first, *rest = sorted(codes)
    length = 0
    while length < len(first) and all(c[length : length + 1] == first[length] for c in rest):
        length += 1
    return first[:length]


def _meeting_codes(meeting: Meeting, parties: Sequence[str]) -> Callable[[str, str], str]:
    """Return the code of the row from one party of *meeting* to another."""
    if meeting.status == "planned":
        return lambda source, target: PLANNED_MEETING
    if meeting.formats & CALLS:
        return lambda source, target: CALL
    hosts = _hosts(meeting, parties)
    if hosts:
        return lambda source, target: _visit_code(source in hosts, target in hosts)
    if meeting.where is not None or "third_location" in meeting.formats:
        return lambda source, target: THIRD_LOCATION
    return lambda source, target: CONSULT


def _hosts(meeting: Meeting, parties: Sequence[str]) -> frozenset[str]:
    """The parties that receive the others: those a host speaks for, else the state the
    meeting is held in, when it takes part; none for a call or a planned meeting."""
    if meeting.status == "planned" or meeting.formats & CALLS:
        return frozenset()
    hosts = frozenset(p.represents for p in meeting.participants if p.role == "host")
    if not hosts and meeting.where is not None and meeting.where.country in parties:
        hosts = frozenset({meeting.where.country})
    return hosts


def _visit_code(source_hosts: bool, target_hosts: bool) -> str:
    if source_hosts == target_hosts:  # two guests meet abroad; two hosts, at home
        return CONSULT if source_hosts else THIRD_LOCATION
    return HOST if source_hosts else VISIT


# -- rows -------------------------------------------------------------------------------------


def _rows(
    record: Meeting | Agreement | Activity,
    by_id: Mapping[str, Any],
    areas: Mapping[str, CooperationArea],
) -> Iterator[Row]:
    """The rows of one event, one for each ordered pair of its parties."""
    common = {
        "record_kind": _kind(record),
        "record_id": record.id,
        **_date_columns(record.date),
        **_place_columns(record.where if isinstance(record, Meeting) else None),
        "status": record.status,
        "formats": " ".join(sorted(record.formats)) if isinstance(record, Meeting) else "",
        "areas": " ".join(sorted(record.areas)),
        "title": record.description if isinstance(record, Activity) else record.title or "",
        "sources": " ".join(record.sources),
    }
    parties, people = _parties(record)
    code_of = _coder(record, parties, areas)
    actors = {party: _actor(party, people.get(party, ()), by_id) for party in parties}
    for source in parties:
        for target in parties:
            if source != target:
                row = {
                    **common,
                    **_prefixed("source", actors[source]),
                    **_prefixed("target", actors[target]),
                    **_code_columns(code_of(source, target)),
                }
                yield {column: row[column] for column in COLUMNS}


def _kind(record: Meeting | Agreement | Activity) -> str:
    return "meeting" if isinstance(record, Meeting) else (
        "agreement" if isinstance(record, Agreement) else "activity"
    )  # fmt: skip


def _coder(
    record: Meeting | Agreement | Activity,
    parties: Sequence[str],
    areas: Mapping[str, CooperationArea],
) -> Callable[[str, str], str]:
    """Return the code of the row from one party of *record* to another."""
    if isinstance(record, Meeting):
        return _meeting_codes(record, parties)
    if record.status == "planned":
        code = area_code(record.areas, "cameo_intent", areas)
    elif isinstance(record, Agreement):
        code = NEGOTIATION if record.status == "ongoing" else (
            area_code(record.areas, "cameo_agreement", areas)
        )  # fmt: skip
    else:
        code = area_code(record.areas, "cameo_activity", areas)
    return lambda source, target: code


def _parties(
    record: Meeting | Agreement | Activity,
) -> tuple[list[str], dict[str, list[str]]]:
    """The parties of *record*, in the order first named, and the people of each: those
    who took part for it, or signed for it."""
    people: dict[str, list[str]] = {}
    if isinstance(record, Meeting):
        for participant in record.participants:
            named = people.setdefault(participant.represents, [])
            if participant.person is not None:
                named.append(participant.person)
        return list(people), people
    if isinstance(record, Agreement):
        for signatory in record.signatories:
            if signatory.on_behalf_of in record.parties:
                people.setdefault(signatory.on_behalf_of, []).append(signatory.person)
    return list(record.parties), people


def _actor(party: str, people: Sequence[str], by_id: Mapping[str, Any]) -> Row:
    """The actor columns of *party*: its code, its country (a state's own code), its name
    (a state's from the codelist, an organization's from the input), its people."""
    state = _codelists.load("states").get(party)
    if state is not None:
        name = state["common_name"]
    else:
        organization = by_id.get(party)
        name = organization.name if isinstance(organization, Organization) else ""
    return {
        "actor": party,
        "country": party if state is not None else "",
        "name": name,
        "people": " ".join(people),
    }


def _prefixed(side: str, actor: Row) -> Row:
    return {f"{side}_{key}": value for key, value in actor.items()}


@functools.cache
def _code_columns(code: str) -> Row:
    row: Mapping[str, str] = _codelists.load("cameo_event_codes")[code]
    return {
        "code": code,
        "root_code": row["root"],
        "quad_class": row["quad_class"],
        "goldstein": row["goldstein"],
    }


def _date_columns(when: When | None) -> Row:
    """The date of an event: its day, month or year (a period's start), that precision,
    the first and last days it could be, and the whole EDTF text."""
    if when is None:
        return dict.fromkeys(("date", "date_precision", "earliest", "latest", "when"), "")
    first = when if isinstance(when, PartialDate) else when.start
    known = first if isinstance(first, PartialDate) else None
    return {
        "date": "" if known is None else _calendar(known),
        "date_precision": "" if known is None else known.precision,
        "earliest": _day(when.earliest),
        "latest": _day(when.latest),
        "when": str(when),
    }


def _calendar(date: PartialDate) -> str:
    """The date's year, month and day as far as known, without time, zone or qualifier."""
    text = f"{date.year:04d}"
    if date.month is not None:
        text += f"-{date.month:02d}"
    if date.day is not None:
        text += f"-{date.day:02d}"
    return text


def _day(day: datetime.date) -> str:
    return "" if day in (datetime.date.min, datetime.date.max) else day.isoformat()


def _place_columns(where: Place | None) -> Row:
    if where is None:
        return dict.fromkeys(
            ("place", "place_country", "place_region", "latitude", "longitude", "geonames_id"),
            "",
        )
    point = where.coordinates
    return {
        "place": where.name,
        "place_country": where.country,
        "place_region": where.region or "",
        "latitude": "" if point is None else repr(point.latitude),
        "longitude": "" if point is None else repr(point.longitude),
        "geonames_id": "" if where.geonames_id is None else str(where.geonames_id),
    }


# -- losses -----------------------------------------------------------------------------------


def _losses(item: Entry) -> Iterator[Loss]:
    """What the rows of one event do not carry, in the order of its fields."""
    record, path = item.record, item.path
    for field in shape(type(record)).fields:
        name = field.name
        value = getattr(record, name)
        if name in LOST:
            if isinstance(value, tuple):
                yield from ((f"{path}.{name}[{i}]", LOST[name]) for i in range(len(value)))
            elif value is not None:
                yield (f"{path}.{name}", LOST[name])
        elif name == "participants":
            yield from _participant_losses(record, path)
        elif name == "signatories":
            yield from _signatory_losses(record, path)


def _participant_losses(meeting: Meeting, path: str) -> Iterator[Loss]:
    """A participant's office, and a role the codes do not say: a host's where no row is
    coded as hosting, a guest's where none is coded as a visit, any other but
    ``participant``."""
    hosts = _hosts(meeting, list(meeting.parties))
    for i, participant in enumerate(meeting.participants):
        role = participant.role
        if participant.office is not None:
            yield (f"{path}.participants[{i}].office", "CAMEO dyads have no column for an office")
        said = (role == "host" and participant.represents in hosts) or (
            role == "guest" and bool(hosts) and participant.represents not in hosts
        )
        if role != "participant" and not said:
            yield (
                f"{path}.participants[{i}].role",
                f"CAMEO dyads carry no participant's role {role!r} here",
            )


def _signatory_losses(agreement: Agreement, path: str) -> Iterator[Loss]:
    """A signatory for one that is not a party (a witness, a mediator), a party's
    signatory's role other than ``party``, and any signatory's office."""
    for i, signatory in enumerate(agreement.signatories):
        where = f"{path}.signatories[{i}]"
        if signatory.on_behalf_of not in agreement.parties:
            yield (where, "CAMEO dyads carry only the people who sign for a party")
            continue
        if signatory.role != "party":
            yield (f"{where}.role", f"CAMEO dyads carry no signatory's role {signatory.role!r}")
        if signatory.office is not None:
            yield (f"{where}.office", "CAMEO dyads have no column for an office")


NOUNS = {
    "source": "a source",
    "person": "a person",
    "organization": "an organization",
}


def _noun(item: Entry) -> str:
    if isinstance(item.record, CooperationArea):
        return "a cooperation area's definition"
    kind = item.kind
    return NOUNS.get(kind, f"a {kind}") if kind else f"a {type(item.record).__name__}"
