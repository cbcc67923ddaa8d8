"""Records as linked data: a JSON-LD context for diplomod's own JSON, and schema.org.

`context` is the JSON-LD context that makes diplomod's JSON (a dossier, or one record)
linked data as it is: ``id`` is the node's IRI under `BASE`, every field a property, from
schema.org where one fits and from diplomod's vocabulary (`VOCAB`) otherwise, and ids,
state codes and URLs are IRIs. It ships as ``context.jsonld`` beside the package.

`to_schemaorg` rewrites records as schema.org: meetings as ``Event``, agreements as
``Legislation`` (a ``CreativeWork`` for the law states make, the type whose properties fit
a treaty: its type, date, the parties that made it, what it amends), activities as
``Action``, people as ``Person``, organizations as ``Organization`` with their members
in ``OrganizationRole``\\ s, places as ``Place``, sources as ``CreativeWork``, and each state
as a ``Country`` that is also a ``GovernmentOrganization``, as it is both a place and a
party. What schema.org has no property for (stances, evidence, qualifiers, ...) is
returned as losses.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any

from diplomod._export import Exported, Loss, entries
from diplomod._iso import iso_date
from diplomod._model import Node, kind_of, shape
from diplomod._rules import URL_PATTERN, Actor, Pattern, StateCode
from diplomod.activities import Activity
from diplomod.agreements import Agreement
from diplomod.areas import CooperationArea
from diplomod.dates import OPEN, PartialDate, Period
from diplomod.dossier import Dossier
from diplomod.evidence import Source
from diplomod.identifiers import Identifier
from diplomod.meetings import CALLS, Meeting
from diplomod.names import Name
from diplomod.organizations import Organization
from diplomod.people import Person
from diplomod.places import Place
from diplomod.states import state

BASE = "https://diplomod.org/id/"
"""The IRI a record's id (and a state's code) is read against: ``sco`` is ``BASE + "sco"``."""

VOCAB = "https://diplomod.org/vocab#"
"""diplomod's own vocabulary, for the fields schema.org has no property for."""

AREAS = "https://diplomod.org/areas/"
"""The IRI a cooperation area's code is read against."""

SCHEMA = "http://schema.org/"
"""schema.org's namespace, as its own JSON-LD context writes it."""

SCHEMA_CONTEXT = "https://schema.org"
"""The context of `to_schemaorg`'s documents: schema.org's own."""

WIKIDATA = "https://www.wikidata.org/wiki/"
"""Where a Wikidata item's page is: the ``sameAs`` of a record with a Wikidata id."""

GEONAMES = "https://sws.geonames.org/"
"""Where a GeoNames feature is: the ``sameAs`` of a place with a GeoNames id."""

STATE_SCHEME = "ISO 3166-1 alpha-3"
"""The ``propertyID`` of a state's code."""

# -- the context of diplomod's own JSON ---------------------------------------------------

SCHEMA_TERMS: dict[str, str] = {
    "name": "name",
    "title": "name",
    "acronym": "alternateName",
    "description": "description",
    "text": "text",
    "url": "url",
    "same_as": "sameAs",
    "language": "inLanguage",
    "publisher": "publisher",
    "published": "datePublished",
    "dateline": "locationCreated",
    "founded": "foundingDate",
    "headquarters": "location",
    "where": "location",
    "place": "location",
    "country": "containedInPlace",
    "coordinates": "geo",
    "latitude": "latitude",
    "longitude": "longitude",
    "identifiers": "identifier",
    "scheme": "propertyID",
    "identifier": "value",
    "code": "termCode",
}
"""The fields that have a schema.org property of the same meaning, by field name; every
other field is a property of `VOCAB`."""

TYPES: dict[str, str] = {
    "meeting": "schema:Event",
    "agreement": "schema:Legislation",
    "activity": "schema:Action",
}
"""The type each ``kind`` a record's JSON carries stands for."""


def context() -> dict[str, Any]:
    """Return the JSON-LD context of diplomod's JSON, as ``context.jsonld`` ships it.

    Generated from the classes' own description, so that every field of every record has
    a term: ids, state codes and URLs are read as IRIs, everything else as a literal.

    >>> terms = context()["@context"]
    >>> terms["when"], terms["same_as"]
    ('dm:when', {'@id': 'schema:sameAs', '@type': '@id'})
    """
    from diplomod.dossier import Dossier

    terms: dict[str, Any] = {
        "@version": 1.1,
        "@base": BASE,
        "@vocab": VOCAB,
        "schema": SCHEMA,
        "dm": VOCAB,
        "id": "@id",
        "kind": "@type",
        "schema_version": "dm:schema_version",
    }
    nodes: dict[str, list[Node]] = {}
    for name, node in _fields(Dossier):
        nodes.setdefault(name, []).append(node)
    for name in sorted(nodes.keys() - {"id", "kind"} - TYPES.keys()):
        terms[name] = _term(name, nodes[name])
    # A field named as a kind ("meeting") is a property only inside the records that have
    # it, and an organization's own kind is a code, not the type of an event's JSON.
    for field in shape(Dossier).fields:
        cls = field.node.item.cls if field.node.item is not None else None
        if cls is None:
            continue
        names = {name for name, _ in _fields(cls)}
        local = {name: _term(name, nodes[name]) for name in sorted(names & TYPES.keys())}
        kind = kind_of(cls)
        if kind in TYPES:
            scoped = {"@propagate": True, **local} if local else None
            terms[kind] = {"@id": TYPES[kind], "@context": scoped} if scoped else TYPES[kind]
        elif local or "kind" in names:
            if "kind" in names:
                local["kind"] = "dm:kind"
            terms[field.name] = {"@id": f"dm:{field.name}", "@context": local}
    return {"@context": terms}


def context_text() -> str:
    """Return the context as the text of ``context.jsonld``: indented, UTF-8, ending with a
    new line."""
    return json.dumps(context(), indent=2, ensure_ascii=False) + "\n"


@functools.cache
def _shipped() -> str:
    return resources.files("diplomod").joinpath("context.jsonld").read_text("utf-8")


def shipped_context() -> dict[str, Any]:
    """Return the context as the package ships it, in ``diplomod/context.jsonld``."""
    return json.loads(_shipped())  # type: ignore[no-any-return]


def _fields(cls: type, seen: set[type] | None = None) -> Iterator[tuple[str, Node]]:
    """Every field of *cls* and of the classes its fields hold, by name and node."""
    seen = set() if seen is None else seen
    if cls in seen:
        return
    seen.add(cls)
    for field in shape(cls).fields:
        yield field.name, field.node
        node = field.node.item if field.node.kind == "array" else field.node
        if node is not None and node.cls is not None:
            yield from _fields(node.cls, seen)


def _term(name: str, nodes: list[Node]) -> str | dict[str, str]:
    """The term of the field *name*, from the nodes of every class that has it: its
    strings are IRIs in all of them, or in none."""
    iri = f"schema:{SCHEMA_TERMS[name]}" if name in SCHEMA_TERMS else f"dm:{name}"
    scalars = [_item(node) for node in nodes if _item(node).cls is None]
    links = {_names_a_node(node) for node in scalars}
    if len(links) > 1:
        raise TypeError(f"the field {name!r} holds ids in one class and text in another")
    return {"@id": iri, "@type": "@id"} if links == {True} else iri


def _item(node: Node) -> Node:
    return node.item if node.kind == "array" and node.item is not None else node


def _names_a_node(node: Node) -> bool:
    """Whether a field's strings are IRIs: ids, state codes and URLs."""
    return bool(node.refs) or any(
        isinstance(rule, (Actor, StateCode))
        or (isinstance(rule, Pattern) and rule.regex == URL_PATTERN)
        for rule in node.rules
    )


# -- schema.org ---------------------------------------------------------------------------


def to_schemaorg(records: Dossier | Iterable[Any]) -> Exported[dict[str, Any]]:
    """Return *records* (a `Dossier` or any records) as one schema.org JSON-LD document,
    and what schema.org could not carry.

    >>> from diplomod.examples import samarkand_2023
    >>> document, losses = to_schemaorg(samarkand_2023())
    >>> document["@context"], [node["@type"] for node in document["@graph"]][5:8]
    ('https://schema.org', ['Organization', 'Event', 'Event'])
    >>> losses[0]
    ('$.people[0].evidence', 'schema.org has no quotes from sources')
    """
    return _Writer().run(records)


def iri(ref: str) -> str:
    """The IRI of a record's id or a state's code."""
    return BASE + ref


class _Writer:
    """Builds the graph and the losses for the records, in the order given."""

    def __init__(self) -> None:
        self.losses: list[Loss] = []
        self.states: set[str] = set()

    def run(self, records: Dossier | Iterable[Any]) -> Exported[dict[str, Any]]:
        graph: list[dict[str, Any]] = []
        for item in entries(records):
            record, path = item.record, item.path
            if isinstance(record, Source):
                graph.append(self.source(record, path))
            elif isinstance(record, Person):
                graph.append(self.person(record, path))
            elif isinstance(record, Organization):
                graph.append(self.organization(record, path))
            elif isinstance(record, Meeting):
                graph.append(self.meeting(record, path))
            elif isinstance(record, Agreement):
                graph.append(self.agreement(record, path))
            elif isinstance(record, Activity):
                graph.append(self.activity(record, path))
            elif isinstance(record, CooperationArea):
                graph.append(self.area(record, path))
        graph += [_state(code) for code in sorted(self.states)]
        return Exported({"@context": SCHEMA_CONTEXT, "@graph": graph}, tuple(self.losses))

    def lose(self, path: str, reason: str) -> None:
        self.losses.append((path, reason))

    def ref(self, ref: str) -> dict[str, str]:
        """A reference to a record by id, or to a state by code (noted for the graph)."""
        if ref != ref.lower():
            self.states.add(ref)
        return {"@id": iri(ref)}

    # -- records ----------------------------------------------------------------------------

    def source(self, source: Source, path: str) -> dict[str, Any]:
        out: dict[str, Any] = {"@type": "CreativeWork", "@id": iri(source.id)}
        _put(out, "name", source.title)
        out["publisher"] = {"@type": "Organization", "name": source.publisher}
        out["inLanguage"] = source.language
        _put(out, "url", source.url)
        if source.published is not None:
            out["datePublished"] = self.date(source.published, f"{path}.published")
        if source.dateline is not None:
            out["locationCreated"] = self.place(source.dateline)
        _put(out, "text", source.text)
        return out

    def person(self, person: Person, path: str) -> dict[str, Any]:
        out: dict[str, Any] = {"@type": "Person", "@id": iri(person.id), "name": person.name}
        self.common(out, person, path, names=person.other_names)
        roles = []
        for i, office in enumerate(person.offices):
            role: dict[str, Any] = {
                "@type": "OrganizationRole",
                "memberOf": self.ref(office.represents),
                "roleName": office.title,
            }
            if office.period is not None:
                self.period(role, office.period, f"{path}.offices[{i}].period")
            roles.append(role)
        _put(out, "memberOf", roles)
        return out

    def organization(self, organization: Organization, path: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "@type": "Organization",
            "@id": iri(organization.id),
            "name": organization.name,
            "additionalType": {"@id": f"{VOCAB}{organization.kind}"},
        }
        names = organization.other_names
        if organization.acronym is not None:
            names = (Name(text=organization.acronym), *names)
        self.common(out, organization, path, names=names)
        if organization.founded is not None:
            out["foundingDate"] = self.date(organization.founded, f"{path}.founded")
        if organization.headquarters is not None:
            out["location"] = self.place(organization.headquarters)
        members = []
        for i, membership in enumerate(organization.memberships):
            at = f"{path}.memberships[{i}]"
            role: dict[str, Any] = {
                "@type": "OrganizationRole",
                "member": self.ref(membership.state),
                "roleName": membership.status,
            }
            self.period(role, membership.period, f"{at}.period")
            _put(role, "subjectOf", [self.ref(ref) for ref in membership.sources])
            if membership.basis is not None:
                self.lose(f"{at}.basis", "schema.org has no step in an agreement for a member")
            members.append(role)
        _put(out, "member", members)
        founders = [self.ref(m.state) for m in organization.memberships if m.founding]
        _put(out, "founder", founders)
        return out

    def meeting(self, meeting: Meeting, path: str) -> dict[str, Any]:
        out: dict[str, Any] = {"@type": "Event", "@id": iri(meeting.id)}
        _put(out, "name", meeting.title)
        self.when(out, meeting.when, f"{path}.when", ("startDate", "endDate"))
        if meeting.where is not None:
            out["location"] = self.place(meeting.where)
        online = bool(meeting.formats & CALLS)
        out["eventAttendanceMode"] = {
            "@id": f"{SCHEMA}{'Online' if online else 'Offline'}EventAttendanceMode"
        }
        self.lose(
            f"{path}.formats",
            "schema.org has no meeting formats, only whether it was held online",
        )
        out["eventStatus"] = {"@id": f"{SCHEMA}EventScheduled"}  # taking or taken place
        if meeting.status != "done":
            self.lose(
                f"{path}.status",
                f"schema.org's EventScheduled does not tell {meeting.status} from done",
            )
        attendees, organizers = [], []
        for i, participant in enumerate(meeting.participants):
            at = f"{path}.participants[{i}]"
            who = participant.person or participant.represents
            role: dict[str, Any] = {
                "@type": "Role",
                "attendee": self.ref(who),
                "roleName": participant.role,
            }
            _put(role, "namedPosition", participant.office)
            attendees.append(role)
            if participant.role == "host":
                organizers.append(self.ref(participant.represents))
            elif participant.person is not None:
                self.lose(f"{at}.represents", "schema.org's attendees represent no party")
        out["attendee"] = attendees
        _put(out, "organizer", organizers)
        if meeting.occasion is not None:
            out["superEvent"] = self.ref(meeting.occasion.event)
            if meeting.occasion.relation != "part_of":
                self.lose(
                    f"{path}.occasion.relation",
                    "schema.org's superEvent makes the meeting part of the other event, "
                    f"not {meeting.occasion.relation}",
                )
        about = _areas(meeting.areas) + [{"@type": "Thing", "name": t} for t in meeting.topics]
        _put(out, "about", about)
        if meeting.statements:
            self.lose(f"{path}.statements", "schema.org has no statements with their stances")
        self.common(out, meeting, path)
        return out

    def agreement(self, agreement: Agreement, path: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "@type": "Legislation",
            "@id": iri(agreement.id),
            "name": agreement.title,
            "legislationType": agreement.instrument,
            "legislationPassedBy": [self.ref(party) for party in agreement.parties],
        }
        if agreement.concluded is not None:
            out["legislationDate"] = self.date(agreement.concluded, f"{path}.concluded")
        about = _areas(agreement.areas)
        about += [{"@type": "Thing", "name": project} for project in agreement.projects]
        _put(out, "about", about)
        for i, link in enumerate(agreement.links):
            key = _LINKS.get(link.relation)
            if key is None:
                self.lose(f"{path}.links[{i}]", f"schema.org has no link for {link.relation}")
            else:
                out.setdefault(key, []).append(self.ref(link.agreement))
        out["creativeWorkStatus"] = agreement.status
        for name, what in (
            ("signatories", "signatories"),
            ("events", "steps of a treaty's life"),
            ("depositaries", "depositaries"),
        ):
            if getattr(agreement, name):
                self.lose(f"{path}.{name}", f"schema.org's legislation has no {what}")
        if agreement.meeting is not None:
            self.lose(f"{path}.meeting", "schema.org's legislation has no meeting it was made at")
        self.common(out, agreement, path)
        return out

    def activity(self, activity: Activity, path: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "@type": "Action",
            "@id": iri(activity.id),
            "description": activity.description,
            "participant": [self.ref(party) for party in activity.parties],
            "actionStatus": {"@id": f"{SCHEMA}{_ACTION_STATUSES[activity.status]}"},
            "about": _areas(activity.areas),
        }
        if activity.when is not None:
            self.when(out, activity.when, f"{path}.when", ("startTime", "endTime"))
        self.common(out, activity, path)
        return out

    def area(self, area: CooperationArea, path: str) -> dict[str, Any]:
        out: dict[str, Any] = {
            "@type": "DefinedTerm",
            "@id": AREAS + area.code,
            "termCode": area.code,
            "name": area.title,
        }
        _put(out, "description", area.description)
        for field in shape(CooperationArea).fields:  # the codes of other vocabularies
            name = field.name
            if name not in ("code", "title", "description") and getattr(area, name) is not None:
                self.lose(f"{path}.{name}", f"schema.org's defined terms have no {name}")
        return out

    # -- parts ------------------------------------------------------------------------------

    def common(
        self, out: dict[str, Any], record: Any, path: str, names: Iterable[Name] = ()
    ) -> None:
        """The names, ids, links, sources and evidence a record may have."""
        _put(out, "alternateName", [_name(name) for name in names])
        same = [WIKIDATA + record.wikidata] if getattr(record, "wikidata", None) else []
        _put(out, "sameAs", same + list(getattr(record, "same_as", ())))
        _put(out, "identifier", [_identifier(i) for i in getattr(record, "identifiers", ())])
        _put(out, "subjectOf", [self.ref(ref) for ref in record.sources])
        if record.evidence:
            self.lose(f"{path}.evidence", "schema.org has no quotes from sources")

    def place(self, place: Place) -> dict[str, Any]:
        out: dict[str, Any] = {
            "@type": "Place",
            "name": place.name,
            "containedInPlace": self.ref(place.country),
        }
        if place.region is not None:
            out["address"] = {"@type": "PostalAddress", "addressRegion": place.region}
        if place.coordinates is not None:
            out["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": place.coordinates.latitude,
                "longitude": place.coordinates.longitude,
            }
        if place.geonames_id is not None:
            out["sameAs"] = f"{GEONAMES}{place.geonames_id}/"
        return out

    def when(
        self, out: dict[str, Any], when: PartialDate | Period, path: str, keys: tuple[str, str]
    ) -> None:
        if isinstance(when, Period):
            self.period(out, when, path, keys)
        else:
            out[keys[0]] = self.date(when, path)

    def period(
        self,
        out: dict[str, Any],
        period: Period,
        path: str,
        keys: tuple[str, str] = ("startDate", "endDate"),
    ) -> None:
        """Set the start and end of *period*; an open or unknown end is lost."""
        for end, key, which in ((period.start, keys[0], "start"), (period.end, keys[1], "end")):
            at = f"{path}.{which}"
            if isinstance(end, PartialDate):
                out[key] = self.date(end, at)
            elif end is OPEN:
                bound = "has no earlier bound" if which == "start" else "still goes on"
                self.lose(at, f"schema.org cannot say a period {bound} (..): no {key}")
            else:
                verb = "began" if which == "start" else "ended"
                self.lose(at, f"schema.org cannot say a period {verb} at a day not known: no {key}")

    def date(self, date: PartialDate, path: str) -> str:
        text, reasons = iso_date(date, "schema.org", "local")
        self.losses += [(path, reason) for reason in reasons]
        return text


_LINKS = {
    "amends": "legislationAmends",
    "supersedes": "legislationChanges",
    "annex_to": "isPartOf",
}
"""The agreement relations schema.org has a property for."""

_ACTION_STATUSES = {
    "done": "CompletedActionStatus",
    "ongoing": "ActiveActionStatus",
    "planned": "PotentialActionStatus",
}
"""An activity's status as a schema.org ``ActionStatusType``."""


def _put(out: dict[str, Any], key: str, value: Any) -> None:
    if value is not None and value != []:
        out[key] = value


def _areas(codes: frozenset[str]) -> list[dict[str, Any]]:
    return [
        {"@type": "DefinedTerm", "@id": AREAS + code, "termCode": code} for code in sorted(codes)
    ]


def _name(name: Name) -> Any:
    return name.text if name.language is None else {"@value": name.text, "@language": name.language}


def _identifier(identifier: Identifier) -> dict[str, str]:
    return {
        "@type": "PropertyValue",
        "propertyID": identifier.scheme,
        "value": identifier.identifier,
    }


def _state(code: str) -> dict[str, Any]:
    """The node of the state *code*: a place, and the government that acts for it."""
    return {
        "@type": ["Country", "GovernmentOrganization"],
        "@id": iri(code),
        "name": state(code).common_name,
        "identifier": {"@type": "PropertyValue", "propertyID": STATE_SCHEME, "value": code},
    }
