"""FollowTheMoney entities: the records as the graph of people, bodies and links that
investigative tools such as Aleph and OpenSanctions read.

`to_ftm` builds every entity with the ``followthemoney`` package's own model (the optional
extra ``ftm``), so each value passes through the package's cleaning, and returns the
entities in their ``to_dict()`` form, beside what FtM could not carry. How the records map:

- A state is a ``PublicBody`` (the model's body of public authority, a ``LegalEntity`` that
  can take part in events and hold memberships; its ``Territory`` is reference data, not an
  actor) with its country code as its ``jurisdiction``.
- An organization is a ``PublicBody`` when it is intergovernmental or a state body, a
  ``Company`` when it is a company, otherwise an ``Organization``; each membership is a
  ``Membership`` of the state, with the standing as its ``role``.
- A person is a ``Person``; each office a ``Position`` of the state or organization, held
  through an ``Occupancy``.
- Meetings, activities and each step in an agreement's life are ``Event``\\ s: the parties
  and people ``involved``, a host as ``organizer``, the place as ``location``, ``country``
  and an ``Address``.
- An agreement is a ``Contract``: the model's one schema for a binding instrument between
  legal entities (a ``Document`` is a file, and needs a file name), its parties as the
  contract's ``authority``.
- A source is an ``Article``, linked to each record it documents by a ``Documentation``
  that keeps the quotes; links between records (a meeting's occasion, an agreement's
  meeting, links between agreements) are ``UnknownLink``\\ s whose ``role`` is the relation.

>>> from diplomod.examples import samarkand_2023
>>> entities, losses = to_ftm(samarkand_2023())
>>> entities[0]["id"], entities[0]["schema"]
('diplomod-source-tdi-2023-04-14-khar-lavrov', 'Article')
>>> losses[0]
('$.sources[0].dateline', 'FtM has no field for where a source was filed from')
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from followthemoney import model, registry
from followthemoney.proxy import EntityProxy

from diplomod import _codelists
from diplomod._export import Entry, Exported, Loss, entries
from diplomod.activities import Activity
from diplomod.agreements import Agreement
from diplomod.areas import CooperationArea
from diplomod.dates import OPEN, PartialDate, Period, When
from diplomod.dossier import Dossier
from diplomod.evidence import Evidence, Source
from diplomod.identifiers import Identifier
from diplomod.meetings import Meeting
from diplomod.names import Name
from diplomod.organizations import Organization
from diplomod.people import Office, Person
from diplomod.places import Place

__all__ = ["PREFIX", "to_ftm"]

PREFIX = "diplomod"
"""The namespace of every entity id: ``diplomod-meeting-<id>``, ``diplomod-state-pak``."""

Entity = dict[str, Any]

SCHEMATA = {"intergovernmental": "PublicBody", "state_body": "PublicBody", "company": "Company"}
"""The schema of an organization by its kind; any other kind is an ``Organization``."""
CARRIED_ROLES = frozenset({"host", "participant"})
"""The participant roles an event carries: a host is its ``organizer``; anyone ``involved``."""
IDENTIFIERS = {"lei": "leiCode"}
"""The FtM property for an identifier scheme, where the model has one."""
CURRENT, ENDED = "current", "ended"
"""The ``status`` of a membership or an occupancy whose period is open, or has ended."""


def to_ftm(records: Dossier | Iterable[Any]) -> Exported[list[Entity]]:
    """Return the FollowTheMoney entities of *records*, as ``to_dict()`` gives them, and
    what FtM could not carry.

    Entity ids are stable: a record's is ``diplomod-KIND-ID`` (an ``_`` in its id written
    ``--``, as FtM ids take no underscore); a state's ``diplomod-state-CODE``; those of the
    links and places made from a record's fields are derived from what they join.
    """
    return _Exporter(entries(records)).run()


def entity_id(kind: str, id: str, number: int | None = None) -> str:
    """The id of the entity of *kind* for the record (or state) *id*, or for its membership,
    office or step numbered *number*: ``_`` is written ``--``, as FtM ids take no underscore, and
    record ids never double a separator, so no two ids meet.

    >>> entity_id("meeting", "meeting_2023"), entity_id("state", "PAK")
    ('diplomod-meeting-meeting--2023', 'diplomod-state-pak')
    >>> entity_id("membership", "sco", 0)
    'diplomod-membership-sco-0'
    """
    text = f"{PREFIX}-{kind}-{id.lower().replace('_', '--')}"
    return text if number is None else f"{text}-{number}"


def hashed_id(kind: str, *parts: str) -> str:
    """The id of an entity of *kind* made for what *parts* name together: a place, a link
    between two entities, a project's name."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"{PREFIX}-{kind}-{digest}"


@functools.cache
def _states() -> Mapping[str, Mapping[str, str]]:
    return _codelists.load("states")


@functools.cache
def _country(code: str) -> str | None:
    """FtM's country code for a state, or ``None`` for a former state: FtM's codes for
    those do not match ISO 3166-3 one to one (it reads BYS, the Byelorussian SSR, as the
    Soviet Union, and ANT, the Netherlands Antilles, as the Netherlands)."""
    if _states()[code]["status"] == "withdrawn":
        return None
    return registry.country.clean(code)


@functools.lru_cache(maxsize=4096)
def _clean_date(text: str) -> str | None:
    return registry.date.clean(text)


def _is_state(ref: str) -> bool:
    return ref != ref.lower()


class _Exporter:
    def __init__(self, items: list[Entry]) -> None:
        self.items = items
        # by class and id: in an iterable, records of two kinds may share an id
        self.known = {(type(item.record), item.record.id) for item in items if item.kind}
        self.organizations = {
            item.record.id: item.record for item in items if isinstance(item.record, Organization)
        }
        self.entities: dict[str, EntityProxy] = {}
        self.losses: list[Loss] = []
        self.cleaned: dict[tuple[str, str | None, Any], str | None] = {}

    def run(self) -> Exported[list[Entity]]:
        for item in self.items:
            record, path = item.record, item.path
            if isinstance(record, CooperationArea):
                self.lose(path, "FtM has no vocabulary of cooperation areas; records keep "
                          "their codes as keywords")  # fmt: skip
                continue
            kind = item.kind or type(record).__name__.lower()
            own = entity_id(kind, record.id)
            getattr(self, f"_{kind}")(record, path, own)
        return Exported([entity.to_dict() for entity in self.entities.values()], tuple(self.losses))

    # -- building blocks ---------------------------------------------------------------------

    def lose(self, path: str, reason: str) -> None:
        self.losses.append((path, reason))

    def make(self, schema: str, id: str) -> tuple[EntityProxy, bool]:
        """The entity *id*, made of *schema* now (then ``True``) or earlier."""
        if id in self.entities:
            return self.entities[id], False
        entity = model.make_entity(schema)
        entity.id = id
        self.entities[id] = entity
        return entity, True

    def put(self, entity: EntityProxy, name: str, value: Any, path: str) -> bool:
        """Add *value* to the property *name*, cleaned as the model cleans it; say why not."""
        prop = entity.schema.properties[name]
        key = (prop.type.name, prop.format, value)
        if key not in self.cleaned:  # many values repeat: codes, names, places
            self.cleaned[key] = prop.type.clean(value, format=prop.format)
        cleaned = self.cleaned[key]
        if cleaned is None:
            self.lose(path, f"FtM's {prop.type.name} type does not take {value!r}")
            return False
        if entity.unsafe_add(prop, cleaned, cleaned=True) is None:  # FtM caps a text's size
            self.lose(path, f"too long for FtM's {prop.type.name} values")
            return False
        return True

    def set(self, entity: EntityProxy, name: str, value: str) -> None:
        """Add *value*, clean already (an entity id, a country code, a date), to *name*."""
        entity.unsafe_add(entity.schema.properties[name], value, cleaned=True)

    def date(self, date: PartialDate, path: str) -> str | None:
        """FtM's text for *date*, a prefix of ``YYYY-MM-DDTHH:MM:SS`` in UTC, and its losses."""
        text = f"{date.year:04d}"
        if date.month is not None:
            text += f"-{date.month:02d}"
        if date.day is not None:
            text += f"-{date.day:02d}"
        if date.hour is not None:
            instant = date.instant
            if instant is not None:
                text = instant.strftime("%Y-%m-%dT%H:%M:%S")
                self.lose(path, "FtM keeps a time in UTC, not the offset or zone it was given in")
            else:
                self.lose(path, "FtM reads a time as UTC; a time of no stated offset or zone "
                          "is kept to its day")  # fmt: skip
        elif date.zone is not None:
            self.lose(path, "FtM dates have no time zone")
        if date.approximate or date.uncertain:
            self.lose(path, "FtM dates cannot be marked approximate or uncertain")
        if _clean_date(text) != text:
            self.lose(path, f"FtM dates run from the year 1000 to 2999, not {date}")
            return None
        return text

    def put_date(self, entity: EntityProxy, name: str, date: PartialDate, path: str) -> None:
        text = self.date(date, path)
        if text is not None:
            self.set(entity, name, text)

    def put_when(self, entity: EntityProxy, when: When, path: str) -> None:
        """A meeting's or an activity's date, or the start and end of its period."""
        if isinstance(when, PartialDate):
            self.put_date(entity, "date", when, path)
            return
        self.put_start(entity, when, path)
        if isinstance(when.end, PartialDate):
            self.put_date(entity, "endDate", when.end, f"{path}.end")
        elif when.end is OPEN:
            self.lose(f"{path}.end", "FtM's Event cannot say it is still going on (..)")

    def put_start(self, entity: EntityProxy, period: Period, path: str) -> None:
        if isinstance(period.start, PartialDate):
            self.put_date(entity, "startDate", period.start, f"{path}.start")
        elif period.start is OPEN:
            self.lose(f"{path}.start", "FtM has no open start (..): it reads as not known")

    def put_standing(self, entity: EntityProxy, period: Period, path: str) -> None:
        """A membership's or an occupancy's period: its dates, and whether it goes on."""
        self.put_start(entity, period, path)
        if isinstance(period.end, PartialDate):
            self.put_date(entity, "endDate", period.end, f"{path}.end")
        self.set(entity, "status", CURRENT if period.end is OPEN else ENDED)

    def state(self, code: str, path: str) -> str:
        """The id of the state's entity, made when first referred to (at *path*)."""
        entity, new = self.make("PublicBody", entity_id("state", code))
        if new:
            row = _states()[code]
            self.put(entity, "name", row["common_name"], path)
            if row["name"] != row["common_name"]:
                self.put(entity, "alias", row["name"], path)
            country = _country(code)
            if country is None:
                self.lose(path, f"FtM has no country code that is surely {code}'s, a former "
                          "state's; its PublicBody has no jurisdiction")  # fmt: skip
            else:
                self.set(entity, "jurisdiction", country)
        return entity.id or ""

    def ref(self, ref: str, kind: type, path: str) -> str | None:
        """The id of the entity of the record *ref* names, or ``None`` and why not."""
        if kind is Organization and _is_state(ref):
            return self.state(ref, path)
        if (kind, ref) in self.known:
            return entity_id(kind.__name__.lower(), ref)
        name = {Organization: "organization", Person: "person", Source: "source"}.get(
            kind, kind.__name__.lower()
        )
        self.lose(path, f"no {name} with the id {ref!r} among the records")
        return None

    def actor_name(self, ref: str) -> str:
        if _is_state(ref):
            return _states()[ref]["common_name"]
        found = self.organizations.get(ref)
        return ref if found is None else found.name

    def put_country(self, entity: EntityProxy, name: str, code: str, path: str) -> None:
        country = _country(code)
        if country is None:
            self.lose(path, f"FtM has no country code that is surely {code}'s, a former state's")
        else:
            self.set(entity, name, country)

    def address(self, place: Place, path: str) -> str:
        """The id of an ``Address`` for *place*, one for equal places."""
        parts = (place.name, place.country, place.region or "", str(place.coordinates))
        entity, _ = self.make("Address", hashed_id("address", *parts, str(place.geonames_id)))
        self.put(entity, "full", place.name, f"{path}.name")
        self.put_country(entity, "country", place.country, f"{path}.country")
        if place.region is not None:
            self.put(entity, "region", place.region, f"{path}.region")
        if place.coordinates is not None:
            at = f"{path}.coordinates"
            self.put(entity, "latitude", place.coordinates.latitude, f"{at}.latitude")
            self.put(entity, "longitude", place.coordinates.longitude, f"{at}.longitude")
        if place.geonames_id is not None:
            self.lose(f"{path}.geonames_id", "FtM's Address has no GeoNames id")
        return entity.id or ""

    def link(self, subject: str, object: str, role: str, path: str) -> None:
        """An ``UnknownLink`` from *subject* to *object*, its role the relation."""
        entity, _ = self.make("UnknownLink", hashed_id("link", subject, object, role))
        self.set(entity, "subject", subject)
        self.set(entity, "object", object)
        self.put(entity, "role", role, path)

    def documented(self, own: str, record: Any, path: str) -> None:
        """The ``Documentation`` of *record* by each source it names, its quotes kept."""
        for i, source in enumerate(record.sources):
            self.documentation(own, source, f"{path}.sources[{i}]")
        for i, evidence in enumerate(record.evidence):
            self.quoted(own, evidence, f"{path}.evidence[{i}]")

    def quoted(self, own: str, evidence: Evidence, path: str) -> None:
        documentation = self.documentation(own, evidence.source, f"{path}.source")
        if documentation is not None:
            self.put(documentation, "description", evidence.quote, f"{path}.quote")
            self.lose(path, "FtM keeps the quote, not where it stands in the source's text "
                      "(start, end)")  # fmt: skip

    def documentation(self, own: str, source: str, path: str) -> EntityProxy | None:
        document = self.ref(source, Source, path)
        if document is None:
            return None
        entity, new = self.make("Documentation", hashed_id("documentation", own, document))
        if new:
            self.set(entity, "document", document)
            self.set(entity, "entity", own)
        return entity

    def names(self, entity: EntityProxy, names: tuple[Name, ...], path: str) -> None:
        for i, name in enumerate(names):
            self.put(entity, "alias", name.text, f"{path}[{i}].text")
            if name.language is not None:
                self.lose(f"{path}[{i}].language", "FtM names have no language")

    def registers(self, entity: EntityProxy, record: Any, path: str) -> None:
        """A record's Wikidata id, ids in other registers and links to copies elsewhere."""
        if getattr(record, "wikidata", None) is not None:
            self.put(entity, "wikidataId", record.wikidata, f"{path}.wikidata")
        for i, identifier in enumerate(record.identifiers):
            self.identifier(entity, identifier, f"{path}.identifiers[{i}]")
        for i in range(len(record.same_as)):
            self.lose(f"{path}.same_as[{i}]", "FtM has no field for a copy of the record "
                      "published elsewhere")  # fmt: skip

    def identifier(self, entity: EntityProxy, identifier: Identifier, path: str) -> None:
        name = IDENTIFIERS.get(identifier.scheme)
        if name is None or name not in entity.schema.properties:
            self.lose(path, f"FtM's {entity.schema.name} has no field for a "
                      f"{identifier.scheme} id")  # fmt: skip
        else:
            self.put(entity, name, identifier.identifier, f"{path}.identifier")

    def keywords(self, entity: EntityProxy, prefix: str, codes: Iterable[str], path: str) -> None:
        for code in sorted(codes):
            self.put(entity, "keywords", f"{prefix}:{code}", path)

    def status(self, record: Any, path: str, schema: str) -> None:
        if record.status != "done":
            self.lose(f"{path}.status", f"FtM's {schema} cannot say it is {record.status}")

    # -- records -----------------------------------------------------------------------------

    def _source(self, source: Source, path: str, own: str) -> None:
        entity, _ = self.make("Article", own)
        if source.title is not None:
            self.put(entity, "title", source.title, f"{path}.title")
        self.put(entity, "publisher", source.publisher, f"{path}.publisher")
        primary = source.language.split("-")[0]
        if self.put(entity, "language", primary, f"{path}.language") and primary != source.language:
            kept = entity.get("language")[-1]
            self.lose(
                f"{path}.language",
                f"FtM's languages are ISO 639 codes; {source.language} is kept as {kept}",
            )
        if source.url is not None:
            self.put(entity, "sourceUrl", source.url, f"{path}.url")
        if source.published is not None:
            self.put_date(entity, "publishedAt", source.published, f"{path}.published")
        if source.dateline is not None:
            self.lose(f"{path}.dateline", "FtM has no field for where a source was filed from")
        if source.text:
            self.put(entity, "bodyText", source.text, f"{path}.text")

    def _person(self, person: Person, path: str, own: str) -> None:
        entity, _ = self.make("Person", own)
        self.put(entity, "name", person.name, f"{path}.name")
        self.names(entity, person.other_names, f"{path}.other_names")
        for i, office in enumerate(person.offices):
            self.office(own, office, f"{path}.offices[{i}]", entity_id("occupancy", person.id, i))
        self.registers(entity, person, path)
        self.documented(own, person, path)

    def office(self, holder: str, office: Office, path: str, id: str) -> None:
        post, new = self.make("Position", hashed_id("position", office.represents, office.title))
        if new:
            self.put(post, "name", office.title, f"{path}.title")
            if _is_state(office.represents) and _country(office.represents) is not None:
                self.put_country(post, "country", office.represents, f"{path}.represents")
        body = self.ref(office.represents, Organization, f"{path}.represents")
        if body is not None:
            self.set(post, "organization", body)
        occupancy, _ = self.make("Occupancy", id)
        self.set(occupancy, "holder", holder)
        self.set(occupancy, "post", post.id or "")
        if office.period is not None:
            self.put_standing(occupancy, office.period, f"{path}.period")

    def _organization(self, organization: Organization, path: str, own: str) -> None:
        entity, _ = self.make(SCHEMATA.get(organization.kind, "Organization"), own)
        self.put(entity, "name", organization.name, f"{path}.name")
        self.put(entity, "classification", organization.kind, f"{path}.kind")
        if organization.acronym is not None:
            self.put(entity, "abbreviation", organization.acronym, f"{path}.acronym")
        self.names(entity, organization.other_names, f"{path}.other_names")
        if organization.founded is not None:
            self.put_date(entity, "incorporationDate", organization.founded, f"{path}.founded")
        if organization.headquarters is not None:
            address = self.address(organization.headquarters, f"{path}.headquarters")
            self.set(entity, "addressEntity", address)
        for i, membership in enumerate(organization.memberships):
            at = f"{path}.memberships[{i}]"
            link, _ = self.make("Membership", entity_id("membership", organization.id, i))
            self.set(link, "member", self.state(membership.state, f"{at}.state"))
            self.set(link, "organization", own)
            self.put(link, "role", membership.status, f"{at}.status")
            if membership.founding:
                self.set(link, "role", "founder")
            self.put_standing(link, membership.period, f"{at}.period")
            if membership.basis is not None:
                self.lose(f"{at}.basis", "FtM's Membership has no field for the step in an "
                          "agreement it rests on")  # fmt: skip
            for j, source in enumerate(membership.sources):
                document = self.ref(source, Source, f"{at}.sources[{j}]")
                if document is not None:
                    self.set(link, "proof", document)
        self.registers(entity, organization, path)
        self.documented(own, organization, path)

    def event(self, own: str, name: str, path: str) -> EntityProxy:
        entity, _ = self.make("Event", own)
        self.put(entity, "name", name, path)
        return entity

    def place(self, entity: EntityProxy, place: Place, path: str) -> None:
        """An event's place: its name as the ``location``, its state as the ``country``, and
        an ``Address`` (which says what is lost)."""
        self.put(entity, "location", place.name, f"{path}.name")
        country = _country(place.country)
        if country is not None:
            self.set(entity, "country", country)
        self.set(entity, "addressEntity", self.address(place, path))

    def involve(self, entity: EntityProxy, actor: str, path: str, *, organizer: bool) -> None:
        found = self.ref(actor, Organization, path)
        if found is not None:
            self.set(entity, "involved", found)
            if organizer:
                self.set(entity, "organizer", found)

    def title(self, kind: str, parties: Iterable[str]) -> str:
        """A name for an untitled meeting or an activity, from its parties' names."""
        names = list(dict.fromkeys(self.actor_name(p) for p in parties))
        if len(names) == 1:
            return f"{kind} of {names[0]}"
        return f"{kind} of {', '.join(names[:-1])} and {names[-1]}"

    def _meeting(self, meeting: Meeting, path: str, own: str) -> None:
        title = meeting.title or self.title("Meeting", (p.represents for p in meeting.participants))
        entity = self.event(own, title, f"{path}.title")
        self.put_when(entity, meeting.when, f"{path}.when")
        if meeting.where is not None:
            self.place(entity, meeting.where, f"{path}.where")
        for i, participant in enumerate(meeting.participants):
            at = f"{path}.participants[{i}]"
            host = participant.role == "host"
            self.involve(entity, participant.represents, f"{at}.represents", organizer=host)
            if participant.person is not None:
                person = self.ref(participant.person, Person, f"{at}.person")
                if person is not None:
                    self.set(entity, "involved", person)
            if participant.role not in CARRIED_ROLES:
                self.lose(f"{at}.role", f"FtM's involved has no role such as {participant.role}")
            if participant.office is not None:
                self.lose(f"{at}.office", "FtM's involved has no field for the office a "
                          "participant attended in")  # fmt: skip
        self.keywords(entity, "format", meeting.formats, f"{path}.formats")
        if meeting.occasion is not None:
            other = self.ref(meeting.occasion.event, Meeting, f"{path}.occasion.event")
            if other is not None:
                self.link(own, other, meeting.occasion.relation, f"{path}.occasion.relation")
        self.keywords(entity, "area", meeting.areas, f"{path}.areas")
        for i, topic in enumerate(meeting.topics):
            self.put(entity, "keywords", topic, f"{path}.topics[{i}]")
        for i, statement in enumerate(meeting.statements):
            at = f"{path}.statements[{i}]"
            self.put(entity, "description", statement.substance, f"{at}.substance")
            self.lose(f"{at}.by", "FtM has no field for who made a statement")
            self.lose(f"{at}.stance", "FtM has no field for a statement's stance")
            if statement.areas:
                self.lose(f"{at}.areas", "FtM has no field for a statement's areas")
            self.status(statement, at, "Event")
            for j, evidence in enumerate(statement.evidence):
                self.quoted(own, evidence, f"{at}.evidence[{j}]")
        self.status(meeting, path, "Event")
        self.registers(entity, meeting, path)
        self.documented(own, meeting, path)

    def _activity(self, activity: Activity, path: str, own: str) -> None:
        entity = self.event(own, self.title("Activity", activity.parties), f"{path}.parties")
        for i, party in enumerate(activity.parties):
            self.involve(entity, party, f"{path}.parties[{i}]", organizer=False)
        self.put(entity, "description", activity.description, f"{path}.description")
        self.keywords(entity, "area", activity.areas, f"{path}.areas")
        if activity.when is not None:
            self.put_when(entity, activity.when, f"{path}.when")
        self.status(activity, path, "Event")
        self.documented(own, activity, path)

    def _agreement(self, agreement: Agreement, path: str, own: str) -> None:
        entity, _ = self.make("Contract", own)
        self.put(entity, "title", agreement.title, f"{path}.title")
        self.put(entity, "name", agreement.title, f"{path}.title")
        self.put(entity, "type", agreement.instrument, f"{path}.instrument")
        for i, party in enumerate(agreement.parties):
            found = self.ref(party, Organization, f"{path}.parties[{i}]")
            if found is not None:
                self.set(entity, "authority", found)
        if agreement.concluded is not None:
            self.put_date(entity, "contractDate", agreement.concluded, f"{path}.concluded")
        for i, signatory in enumerate(agreement.signatories):
            at = f"{path}.signatories[{i}]"
            person = self.ref(signatory.person, Person, f"{at}.person")
            if person is not None:
                role = "signatory" if signatory.role == "party" else signatory.role
                self.link(person, own, role, f"{at}.role")
            self.lose(f"{at}.on_behalf_of", "FtM's link of a signatory to a contract has no "
                      "field for the party signed for")  # fmt: skip
            if signatory.office is not None:
                self.lose(f"{at}.office", "FtM has no field for the office a signatory signed in")
        for i, step in enumerate(agreement.events):
            at = f"{path}.events[{i}]"
            event = self.event(
                entity_id("step", agreement.id, i),
                f"{agreement.title}: {step.action}",
                f"{at}.action",
            )
            if step.party is not None:
                self.involve(event, step.party, f"{at}.party", organizer=False)
            self.put_date(event, "date", step.date, f"{at}.date")
            if step.place is not None:
                self.place(event, step.place, f"{at}.place")
            if step.meeting is not None:
                meeting = self.ref(step.meeting, Meeting, f"{at}.meeting")
                if meeting is not None:
                    self.link(event.id or "", meeting, "meeting", f"{at}.meeting")
            if step.text is not None:
                self.put(event, "description", step.text, f"{at}.text")
            if step.regarding is not None:
                self.lose(f"{at}.regarding", "FtM's Event has no field for the party an "
                          "objection regards")  # fmt: skip
            self.link(event.id or "", own, step.action, f"{at}.action")
        self.keywords(entity, "area", agreement.areas, f"{path}.areas")
        for i, name in enumerate(agreement.projects):
            project, _ = self.make("Project", hashed_id("project", name))
            self.put(project, "name", name, f"{path}.projects[{i}]")
            self.set(entity, "project", project.id or "")
        if agreement.meeting is not None:
            meeting = self.ref(agreement.meeting, Meeting, f"{path}.meeting")
            if meeting is not None:
                self.link(own, meeting, "meeting", f"{path}.meeting")
        for i in range(len(agreement.depositaries)):
            self.lose(f"{path}.depositaries[{i}]", "FtM's Contract has no depositary")
        for i, link in enumerate(agreement.links):
            other = self.ref(link.agreement, Agreement, f"{path}.links[{i}].agreement")
            if other is not None:
                self.link(own, other, link.relation, f"{path}.links[{i}].relation")
        if agreement.status != "done":
            self.put(entity, "status", agreement.status, f"{path}.status")
        self.registers(entity, agreement, path)
        self.documented(own, agreement, path)
