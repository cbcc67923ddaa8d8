"""PLOVER event data: meetings, agreements and activities as PLOVER events.

PLOVER (the Open Event Data Alliance's ontology for political event data) writes one JSON
object an event, with the fields its manual names: ``id``, ``date``, ``actor``, ``event``,
``mode``, ``context``, ``cite_info``, ... `to_plover` makes one event of each meeting,
agreement and activity, and lists what PLOVER cannot carry. The codelists
``plover_event_types``, ``plover_modes`` and ``plover_contexts`` are the manual's.

>>> from diplomod.examples import samarkand_2023
>>> events, losses = to_plover(samarkand_2023())
>>> [(e["id"], e["event"], e.get("mode")) for e in events]  # doctest: +NORMALIZE_WHITESPACE
[('meeting-2023-04-14-khar-lavrov', ['CONSULT'], ['third-party']),
 ('pakistan-russia-joint-military-exercises', ['COOPERATE'], None),
 ('pakistan-russia-trade-investment-research', ['COOPERATE'], None)]
>>> losses[0]
('$.sources[0].dateline', "PLOVER has no field for a source's dateline")
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any, Literal

import attrs

from diplomod import _codelists
from diplomod._export import Entry, Exported, Loss, entries, index
from diplomod._model import kind_of, shape
from diplomod.activities import Activity
from diplomod.agreements import Agreement, LifecycleEvent
from diplomod.areas import CooperationArea
from diplomod.dates import PartialDate, Period, When
from diplomod.dossier import Dossier
from diplomod.evidence import Source
from diplomod.meetings import Meeting, Participant
from diplomod.organizations import Organization
from diplomod.people import Person
from diplomod.places import Place

__all__ = ["Coarse", "to_plover"]

Coarse = Literal["skip", "end"]
"""What to do with a date known only to the month or the year: leave the record out (each
one a loss), or write its last day with the extension fields ``date_precision`` and
``date_edtf``."""

Event = dict[str, Any]

CODES = {"XKX": "KOS"}
"""State codes PLOVER writes otherwise: Kosovo, which has no ISO code, is ``KOS``."""
UNITED_NATIONS, EUROPEAN_UNION = "Q1065", "Q458"
"""The Wikidata ids of the two organizations PLOVER gives codes of their own (UNO, EUR)."""
ORGANIZATION_CODES = {"intergovernmental": "IGO", "summit_process": "IGO", "ngo": "NGO"}
"""PLOVER's codes for international non-state entities, by organization kind."""
MODES = {
    "visit": "visit",
    "hosted": "visit",
    "third_location": "third-party",
    "multilateral": "multilateral",
    "phone_call": "phone",
    "video_call": "phone",
}
"""The CONSULT mode of each meeting format that has one."""
SIGNING = frozenset({"signature", "consent"})
"""The lifecycle steps (the codelist's ``step``) that a SUPPORT event stands for."""
KINDS = {Meeting: "a meeting", Agreement: "an agreement", Activity: "an activity"}


@functools.cache
def _quads() -> dict[str, int]:
    return {
        code: int(row["quad_code"]) for code, row in _codelists.load("plover_event_types").items()
    }


@functools.cache
def _context_order() -> dict[str, int]:
    return {code: i for i, code in enumerate(_codelists.load("plover_contexts"))}


@functools.cache
def _steps() -> dict[str, str]:
    return {code: row["step"] for code, row in _codelists.load("lifecycle_actions").items()}


def to_plover(
    records: Dossier | Iterable[Any], *, coarse: Coarse = "skip"
) -> Exported[list[Event]]:
    """Return the PLOVER events of *records*, one a meeting, agreement or activity, and what
    PLOVER could not carry.

    A meeting is a CONSULT (modes from its formats), an agreement signed or ratified a
    SUPPORT, an activity a COOPERATE; what is planned is an AGREE, dated by the day its
    source was published. PLOVER dates events by the day: see `Coarse` for *coarse*.
    """
    return _Exporter(entries(records), coarse).run()


@attrs.define
class _Exporter:
    items: list[Entry]
    coarse: Coarse
    ids: dict[str, Any] = attrs.field(init=False)
    paths: dict[str, str] = attrs.field(init=False)
    areas: dict[str, str | None] = attrs.field(init=False)
    linked: set[str] = attrs.field(init=False)
    used: set[str] = attrs.field(init=False, factory=set)

    def __attrs_post_init__(self) -> None:
        self.ids = index(self.items)
        self.paths = {
            item.record.id: item.path for item in self.items if hasattr(item.record, "id")
        }
        self.areas = {
            code: row["plover_context"] or None
            for code, row in _codelists.load("cooperation_areas").items()
        }
        self.areas.update(
            (item.record.code, item.record.plover_context)
            for item in self.items
            if isinstance(item.record, CooperationArea)
        )
        self.linked = {
            m.occasion.event for m in self._records(Meeting) if m.occasion is not None
        } | {a.meeting for a in self._records(Agreement) if a.meeting is not None}

    def _records(self, cls: type) -> Iterator[Any]:
        return (item.record for item in self.items if isinstance(item.record, cls))

    def run(self) -> Exported[list[Event]]:
        events: list[Event] = []
        found: dict[str, list[Loss]] = {}
        for item in self.items:
            record, path = item.record, item.path
            if isinstance(record, (Meeting, Agreement, Activity)):
                event, found[path] = self._event(record, path)
                if event is not None:
                    events.append(event)
        for item in self.items:
            if item.path not in found:
                found[item.path] = self._other(item.record, item.path)
        return Exported(
            events,
            tuple(loss for item in self.items for loss in _in_field_order(item, found[item.path])),
        )

    # -- events ------------------------------------------------------------------------------

    def _event(self, record: Any, path: str) -> tuple[Event | None, list[Loss]]:
        """Return the event of a meeting, agreement or activity, or ``None`` and why not."""
        made: _Made
        if isinstance(record, Meeting):
            made = self._meeting(record, path)
        elif isinstance(record, Agreement):
            made = self._agreement(record, path)
        else:
            made = self._activity(record, path)
        if isinstance(made, str):
            return None, [(path, f"not exported: {made}")]
        event, losses, used = made
        self.used |= used
        return event, losses

    def _meeting(self, meeting: Meeting, path: str) -> _Made:
        losses: list[Loss] = []
        kind = "AGREE" if meeting.status == "planned" else "CONSULT"
        dates = self._dates(meeting, meeting.when, f"{path}.when", path, losses)
        if isinstance(dates, str):
            return dates
        used: set[str] = set()
        entities = [
            self._participant(p, f"{path}.participants[{i}]", used, losses)
            for i, p in enumerate(meeting.participants)
        ]
        modes: list[str] = []
        hosts: set[str] = set()
        if kind == "CONSULT":
            modes = sorted({MODES[f] for f in meeting.formats if f in MODES}, key=_mode_order)
            if "summit" in meeting.formats:
                losses.append((f"{path}.formats", "PLOVER has no mode for a summit"))
            if "video_call" in meeting.formats:
                losses.append(
                    (f"{path}.formats", "PLOVER's phone mode does not tell a video call apart")
                )
            if "visit" in modes:
                hosts = _hosts(meeting)
                if not hosts:
                    modes.remove("visit")
                    losses.append(
                        (f"{path}.formats", "a visit with no host: PLOVER's visit mode needs the "
                         "host as the recipient")
                    )  # fmt: skip
        elif meeting.formats:
            losses.append((f"{path}.formats", "AGREE has no modes for a planned meeting's formats"))
        for i, participant in enumerate(meeting.participants):
            role = participant.role
            if role in ("host", "guest") and not hosts:
                losses.append(
                    (f"{path}.participants[{i}].role", f"PLOVER's entities have no role; a "
                     f"{role} is told only by a visit's recipient")
                )  # fmt: skip
            elif role not in ("host", "guest", "participant"):
                losses.append(
                    (f"{path}.participants[{i}].role", f"PLOVER's entities have no role such "
                     f"as {role}")
                )  # fmt: skip
        pairs = [
            (p.represents in hosts, e) for p, e in zip(meeting.participants, entities, strict=True)
        ]
        actor = [e for host, e in pairs if e is not None and not host]
        recipient = [e for host, e in pairs if e is not None and host]
        if not actor:
            return "none of its participants is an entity PLOVER can code"
        event = self._head(meeting.id, dates, actor, recipient, kind)
        if meeting.where is not None:
            event["event_loc"] = _location(meeting.where)
        if meeting.occasion is not None:
            losses.append(
                (f"{path}.occasion.relation", f"PLOVER's link does not say how the events relate "
                 f"({meeting.occasion.relation})")
            )  # fmt: skip
        for i in range(len(meeting.statements)):
            losses.append(
                (f"{path}.statements[{i}]", "PLOVER has no field for what was said at a meeting")
            )
        self._tail(event, meeting, path, modes, (), self._link(meeting.id), meeting.title, losses)
        carried = {"id", "when", "participants", "formats", "where", "title", "occasion"}
        losses += _unmapped(meeting, path, carried | {"statements", "status"})
        losses += _ongoing(meeting, path)
        return event, losses, used

    def _agreement(self, agreement: Agreement, path: str) -> _Made:
        losses: list[Loss] = []
        steps = _steps()
        signing = [(j, e) for j, e in enumerate(agreement.events) if steps.get(e.action) in SIGNING]
        carried: list[int] = []
        if agreement.status == "planned":
            kind = "AGREE"
            dates = self._dates(agreement, None, f"{path}.concluded", path, losses)
        elif agreement.status == "ongoing":
            kind, date = "CONSULT", agreement.date
            where = f"{path}.concluded" if agreement.concluded is not None else f"{path}.events"
            dates = self._dates(agreement, date, where, path, losses)
        elif agreement.concluded is not None:
            kind = "SUPPORT"
            dates = self._dates(agreement, agreement.concluded, f"{path}.concluded", path, losses)
            carried = [j for j, e in signing if e.date == agreement.concluded]
        elif signing:
            kind = "SUPPORT"
            first, step = min(signing, key=lambda s: (s[1].date.earliest, s[1].date.latest, s[0]))
            dates = self._dates(agreement, step.date, f"{path}.events[{first}].date", path, losses)
            carried = [j for j, e in signing if e.date == step.date]
        else:
            return "it is done, but has no conclusion and no signature or consent step to date a SUPPORT event by"  # noqa: E501
        if isinstance(dates, str):
            return dates
        used: set[str] = set()
        actor = self._parties(agreement, path, used, losses)
        if not actor:
            return "none of its parties is an entity PLOVER can code"
        event = self._head(agreement.id, dates, actor, [], kind)
        places = {e.place for j, e in enumerate(agreement.events) if j in carried and e.place}
        if len(places) == 1:
            event["event_loc"] = _location(places.pop())
        for j, step in enumerate(agreement.events):
            where = f"{path}.events[{j}]"
            if j not in carried:
                losses.append(
                    (where, f"PLOVER makes one {kind} event of the agreement, dated "
                     f"{event['date']}: this {step.action} step of {step.date} is not it")
                )  # fmt: skip
                continue
            if step.place is not None and "event_loc" not in event:
                losses.append((f"{where}.place", "the steps were taken in different places"))
            losses += _unmapped(step, where, {"action", "party", "date", "place"}, LifecycleEvent)
        extra = ("diplomatic",) if kind == "SUPPORT" else ()
        link = self._link(agreement.meeting) if agreement.meeting else None
        self._tail(event, agreement, path, [], extra, link, agreement.title, losses)
        if agreement.concluded is not None and agreement.status == "planned":
            losses.append((f"{path}.concluded", f"PLOVER's {kind} event is dated by its report"))
        fields = {"id", "title", "parties", "concluded", "signatories", "events", "meeting"}
        losses += _unmapped(agreement, path, fields | {"status"})
        return event, losses, used

    def _activity(self, activity: Activity, path: str) -> _Made:
        losses: list[Loss] = []
        kind = "AGREE" if activity.status == "planned" else "COOPERATE"
        dates = self._dates(activity, activity.when, f"{path}.when", path, losses)
        if isinstance(dates, str):
            return dates
        used: set[str] = set()
        entities = [
            self._entity(ref, f"{path}.parties[{i}]", used, losses)
            for i, ref in enumerate(activity.parties)
        ]
        coded = [e for e in entities if e is not None]
        if not coded:
            return "none of its parties is an entity PLOVER can code"
        if kind == "COOPERATE":  # PLOVER's COOPERATE requires a recipient
            if len(coded) < 2:
                return (
                    "COOPERATE needs a recipient, and only one party is an entity PLOVER can code"
                )
            event = self._head(activity.id, dates, coded[:1], coded[1:], kind)
        else:
            event = self._head(activity.id, dates, coded, [], kind)
        self._tail(event, activity, path, [], (), None, activity.description, losses)
        losses += _unmapped(activity, path, {"id", "parties", "description", "when", "status"})
        losses += _ongoing(activity, path)
        return event, losses, used

    def _head(
        self, id: str, dates: dict[str, Any], actor: list[Event], recipient: list[Event], kind: str
    ) -> Event:
        event: Event = {"id": id}
        event.update(
            (k, v) for k, v in dates.items() if k in ("date", "time", "enddate", "endtime")
        )
        event["actor"] = actor
        if recipient:
            event["recipient"] = recipient
        event["event"] = [kind]
        event["quad_code"] = _quads()[kind]
        event.update((k, v) for k, v in dates.items() if k.startswith("date_"))
        return event

    def _tail(
        self,
        event: Event,
        record: Any,
        path: str,
        modes: list[str],
        extra: tuple[str, ...],
        link: str | None,
        comment: str | None,
        losses: list[Loss],
    ) -> None:
        """Add the fields every event has: modes, contexts, quotes, link, source, comment."""
        if modes:
            event["mode"] = modes
        contexts = list(extra)
        for i, code in enumerate(sorted(record.areas)):
            where = f"{path}.areas[{i}]"
            if code not in self.areas:
                losses.append(
                    (where, f"no definition of the area {code!r} in the input: its PLOVER "
                     "context is not known")
                )  # fmt: skip
            elif self.areas[code] is None:
                losses.append((where, f"PLOVER has no context for the area {code}"))
            elif self.areas[code] not in contexts:
                contexts.append(self.areas[code])  # type: ignore[arg-type]
        if contexts:
            event["context"] = sorted(contexts, key=lambda c: _context_order().get(c, 999))
        if record.evidence:
            event["event_text"] = [evidence.quote for evidence in record.evidence]
            losses.append(
                (f"{path}.evidence", "PLOVER's event_text keeps the quotes, not where they "
                 "stand in their sources")
            )  # fmt: skip
        if link is not None:
            event["link"] = link
        cited = False
        for k, ref in enumerate(record.sources):
            source = self.ids.get(ref)
            where = f"{path}.sources[{k}]"
            if not isinstance(source, Source):
                losses.append((where, f"no source {ref!r} in the input"))
            elif cited:
                losses.append((where, "PLOVER's cite_info names one source"))
            else:
                event["cite_info"] = _cite(source)
                self.used.add(source.id)
                cited = True
        if comment is not None:
            event["comment"] = comment

    # -- dates -------------------------------------------------------------------------------

    def _dates(
        self, record: Any, when: When | None, where: str, path: str, losses: list[Loss]
    ) -> dict[str, Any] | str:
        """Return the date fields of *record*'s event, or why it has none. A planned record,
        and an ongoing one with no date of its own, is dated by its first source's day."""
        status = record.status
        if status == "planned" or (status == "ongoing" and when is None):
            reported = self._reported(record)
            if reported is None:
                return f"it is {status}, and no source in the input says when it was reported"
            if status == "planned" and when is not None and not where.endswith(".concluded"):
                losses.append((where, "PLOVER's AGREE event is dated by its report, not by the "
                               "date planned"))  # fmt: skip
            when, where = reported
        if when is None:
            return "it has no date, and a PLOVER event needs a day"
        fields: dict[str, Any] = {}
        if isinstance(when, Period):
            if not isinstance(when.start, PartialDate):
                return f"its period {when} has no first day, and a PLOVER event needs one"
            start = self._day(when.start, where, "date", "time", losses)
            if isinstance(start, str):
                return start
            fields.update(start)
            end = when.end
            if isinstance(end, PartialDate):
                last = self._day(end, where, "enddate", "endtime", losses)
                if isinstance(last, str):
                    losses.append(
                        (where, f"its end {end} is known only to the {end.precision}, and "
                         "PLOVER's enddate is a day")
                    )  # fmt: skip
                else:
                    fields.update(last)
            elif self.coarse == "skip":
                told = "still going on" if end is not None else "ended at a day not known"
                losses.append((where, f"PLOVER's enddate cannot say the period is {told}"))
            precision = when.start.precision
        else:
            day = self._day(when, where, "date", "time", losses)
            if isinstance(day, str):
                return day
            fields.update(day)
            precision = when.precision
        if self.coarse == "end":
            fields["date_precision"] = precision
            fields["date_edtf"] = str(when)
        return fields

    def _day(
        self, date: PartialDate, where: str, day: str, clock: str, losses: list[Loss]
    ) -> dict[str, str] | str:
        if date.precision != "day":
            if self.coarse == "skip":
                return f"its date {date} is known only to the {date.precision}, and PLOVER dates an event by its day"  # noqa: E501
            return {day: date.latest.isoformat()}
        fields = {day: date.earliest.isoformat()}
        time = date.time
        if time is not None:
            fields[clock] = time.isoformat()
        if self.coarse == "skip":
            if date.zone is not None:
                losses.append((where, f"PLOVER has no time zone: {date.zone} is left out"))
            for said, flag in (("approximate", date.approximate), ("uncertain", date.uncertain)):
                if flag:
                    losses.append((where, f"PLOVER's date cannot say it is {said}"))
        return fields

    def _reported(self, record: Any) -> tuple[PartialDate, str] | None:
        for ref in record.sources:
            source = self.ids.get(ref)
            if isinstance(source, Source) and source.published is not None:
                return source.published, f"{self.paths[ref]}.published"
        return None

    # -- entities ----------------------------------------------------------------------------

    def _entity(self, ref: str, where: str, used: set[str], losses: list[Loss]) -> Event | None:
        """Return the entity of a state or an organization, by its code or id."""
        if ref in _codelists.load("states"):
            return {"code": CODES.get(ref, ref)}
        organization = self.ids.get(ref)
        if not isinstance(organization, Organization):
            losses.append(
                (where, f"no organization {ref!r} in the input: its PLOVER code is not known")
            )
            return None
        used.add(organization.id)
        entity: Event = {}
        code = ORGANIZATION_CODES.get(organization.kind)
        if code == "IGO" and organization.wikidata in (UNITED_NATIONS, EUROPEAN_UNION):
            code = "UNO" if organization.wikidata == UNITED_NATIONS else "EUR"
        if code is None:
            losses.append(
                (where, f"PLOVER has no entity code for a {organization.kind} organization")
            )
        else:
            entity["code"] = code
        entity["entity_text"] = organization.name
        if organization.wikidata is not None:
            entity["identifier_id"] = organization.wikidata
        return entity

    def _person(
        self, entity: Event, person: str | None, office: str | None, where: str, used: set[str],
        losses: list[Loss],
    ) -> Event:  # fmt: skip
        """Name *entity* as the person who acted for it, in the office held."""
        if person is not None:
            found = self.ids.get(person)
            if isinstance(found, Person):
                used.add(found.id)
                if "entity_text" in entity:
                    losses.append(
                        (f"{where}.person", f"PLOVER's entity names the person, not the "
                         f"organization {entity['entity_text']!r} too")
                    )  # fmt: skip
                entity = {k: v for k, v in entity.items() if k == "code"}
                entity["entity_text"] = found.name
                if found.wikidata is not None:
                    entity["identifier_id"] = found.wikidata
            else:
                losses.append((f"{where}.person", f"no person {person!r} in the input"))
        if office is not None:
            entity["office"] = office
        return entity

    def _participant(
        self, participant: Participant, where: str, used: set[str], losses: list[Loss]
    ) -> Event | None:
        entity = self._entity(participant.represents, f"{where}.represents", used, losses)
        if entity is None:
            return None
        return self._person(entity, participant.person, participant.office, where, used, losses)

    def _parties(
        self, agreement: Agreement, path: str, used: set[str], losses: list[Loss]
    ) -> list[Event]:
        """The parties, each named by the people who signed for it, if any."""
        signed: dict[str, list[int]] = {}
        for i, signatory in enumerate(agreement.signatories):
            if signatory.role == "party" and signatory.on_behalf_of in agreement.parties:
                signed.setdefault(signatory.on_behalf_of, []).append(i)
            else:
                losses.append(
                    (f"{path}.signatories[{i}]", f"signed as {signatory.role} for "
                     f"{signatory.on_behalf_of}: PLOVER's actors are the parties")
                )  # fmt: skip
        actor: list[Event] = []
        for i, party in enumerate(agreement.parties):
            entity = self._entity(party, f"{path}.parties[{i}]", used, losses)
            if entity is None:
                continue
            for k in signed.get(party, ()):
                signatory = agreement.signatories[k]
                where = f"{path}.signatories[{k}]"
                actor.append(
                    self._person(entity, signatory.person, signatory.office, where, used, losses)
                )
            if party not in signed:
                actor.append(entity)
        return actor

    def _link(self, meeting: str) -> str | None:
        """The link of the events held at *meeting*, or at the occasion it is part of."""
        seen = set()
        while True:
            found = self.ids.get(meeting)
            if not isinstance(found, Meeting) or found.occasion is None or meeting in seen:
                break
            seen.add(meeting)
            meeting = found.occasion.event
        return meeting if seen or meeting in self.linked else None

    # -- what is not an event ----------------------------------------------------------------

    def _other(self, record: Any, path: str) -> list[Loss]:
        """The losses of a source, person or organization: unused, or what its events left."""
        if isinstance(record, CooperationArea):  # read for the contexts of its areas
            return [(path, "PLOVER has no record for a cooperation area; its context is used")]
        if isinstance(record, (Source, Person, Organization)):
            if record.id not in self.used:
                what = "cites it" if isinstance(record, Source) else "names it"
                return [(path, f"not exported: no exported event {what}")]
            if isinstance(record, Source):
                losses = _unmapped(
                    record, path, {"id", "publisher", "title", "url", "published", "language"}
                )
                if _language(record.language) != record.language:
                    losses.insert(
                        0,
                        (f"{path}.language", "cite_info's language is a two-letter ISO 639-1 code"),
                    )
                return losses
            return _unmapped(record, path, {"id", "name", "wikidata", "kind"})
        return [
            (path, f"PLOVER has no events for a {kind_of(type(record)) or type(record).__name__}")
        ]


_Made = tuple[Event, list[Loss], set[str]] | str


def _in_field_order(item: Entry, losses: list[Loss]) -> list[Loss]:
    """*losses* in the order of the record's fields, as its JSON writes them."""
    order = {field.name: i for i, field in enumerate(shape(type(item.record)).fields)}
    start = len(item.path) + 1

    def key(loss: Loss) -> int:
        name = loss[0][start:].split(".", 1)[0].split("[", 1)[0]
        return order.get(name, -1)

    return sorted(losses, key=key)


def _mode_order(mode: str) -> int:
    return ["visit", "third-party", "multilateral", "phone"].index(mode)


def _hosts(meeting: Meeting) -> set[str]:
    """The parties hosting a visit or a hosted meeting: by role, or the state it is in."""
    hosts = {p.represents for p in meeting.participants if p.role == "host"}
    if not hosts and "visit" in meeting.formats and meeting.where is not None:
        hosts = {meeting.where.country} & meeting.parties
    return hosts if hosts != meeting.parties else set()


def _location(place: Place) -> Event:
    location: Event = {"extracted_place": place.name}
    if place.geonames_id is not None:
        location["geonameid"] = int(place.geonames_id)
    if place.coordinates is not None:
        location["lat"] = place.coordinates.latitude
        location["lon"] = place.coordinates.longitude
    if place.region is not None:
        location["province"] = place.region
    location["country_code"] = CODES.get(place.country, place.country)
    return location


def _language(tag: str) -> str | None:
    primary = tag.split("-", 1)[0].lower()
    return primary if len(primary) == 2 else None


def _cite(source: Source) -> Event:
    cite: Event = {"publication": source.publisher}
    if source.title is not None:
        cite["title"] = source.title
    if source.url is not None:
        cite["url"] = source.url
    language = _language(source.language)
    if language is not None:
        cite["language"] = language
    parts = [
        source.publisher,
        source.title,
        None if source.published is None else str(source.published),
    ]
    cite["citation"] = ", ".join(part for part in parts if part)
    return cite


REASONS = {
    "offices": "PLOVER's entity carries the office held at the event, not a person's offices",
    "text": "not exported: PLOVER's text is for a provider holding the rights to it",
}


def _unmapped(record: Any, path: str, carried: set[str], cls: type | None = None) -> list[Loss]:
    """The losses of the fields of *record* that are not *carried* and hold a value."""
    cls = cls or type(record)
    kind = KINDS.get(cls) or f"a {kind_of(cls) or 'lifecycle event'}"
    losses: list[Loss] = []
    done = carried | ({"evidence", "sources", "areas"} if cls in KINDS else set())
    for field in shape(cls).fields:
        value = getattr(record, field.name)
        if field.name in done or value is None or value == field.default:
            continue
        if isinstance(value, (tuple, frozenset)) and not value:
            continue
        reason = REASONS.get(field.name, f"PLOVER has no field for {kind}'s {field.name}")
        losses.append((f"{path}.{field.name}", reason))
    return losses


def _ongoing(record: Meeting | Activity, path: str) -> list[Loss]:
    """A meeting or an activity still going on is coded as one that took place."""
    if record.status != "ongoing":
        return []
    return [(f"{path}.status", "PLOVER codes what took place; it cannot say it is still going on")]
