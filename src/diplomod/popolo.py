"""Records as one Popolo document: persons, organizations, memberships, posts and events.

Popolo (https://www.popoloproject.com) describes people, the organizations they belong to
and the events they attend; its JSON documents validate against its JSON Schemas (draft
03). diplomod writes:

- each `Person` as a person, each `Organization` as an organization, and each state an
  output refers to as an organization too, classified ``state``, with its code as its id;
- each `Membership` of a state as a membership whose ``member`` is the state's
  organization (Popolo's ``member``, added in 2014 to relate organizations to
  organizations), its status as the role;
- each `Office` as a post (one for each title and state or organization) and the person's
  membership in that state or organization, holding the post;
- each `Meeting` as an event: its occasion as the parent, its host as the organization,
  its named participants as attendees, its formats as the classification.

Agreements, activities and cooperation areas have no Popolo class. Popolo dates are ISO
8601 dates of year, month or day precision; memberships and events may take a time of day
with its UTC offset. What cannot be carried (qualifiers, zone names, open and unknown
ends, stances, evidence, ...) is returned as losses.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from diplomod._export import Entry, Exported, Loss, entries, index
from diplomod._iso import iso_date
from diplomod.dates import OPEN, PartialDate, Period
from diplomod.dossier import Dossier
from diplomod.evidence import Source
from diplomod.identifiers import Identifier
from diplomod.meetings import Meeting
from diplomod.names import Name
from diplomod.organizations import Organization
from diplomod.people import Person
from diplomod.places import Place
from diplomod.states import state

Document = dict[str, list[dict[str, Any]]]
"""A Popolo document: its collections by name, each a list of JSON objects."""

COLLECTIONS = ("persons", "organizations", "memberships", "posts", "events")
"""The collections of the document, in the order they are written."""

STATE = "state"
"""The classification of the organizations that stand for states."""

STATE_SCHEME = "ISO 3166-1 alpha-3"
"""The identifier scheme of a state's code (``XKX`` for Kosovo is user-assigned)."""


def to_popolo(records: Dossier | Iterable[Any]) -> Exported[Document]:
    """Return *records* (a `Dossier` or any records) as one Popolo document, and the losses.

    >>> from diplomod.examples import samarkand_2023
    >>> document, losses = to_popolo(samarkand_2023())
    >>> [event["id"] for event in document["events"]]
    ['afghanistan-neighbours-summit-4', 'meeting-2023-04-14-khar-lavrov']
    >>> losses[0]
    ('$.sources[0]', 'a Popolo source is a link, and this source has no url')
    """
    return _Writer(entries(records)).run()


class _Writer:
    """Builds the document and the losses for the records, in the order given."""

    def __init__(self, items: list[Entry]) -> None:
        self.items = items
        self.known = index(items)
        self.cited = {ref for item in items for ref in _cited(item.record)}
        self.document: Document = {name: [] for name in COLLECTIONS}
        self.losses: list[Loss] = []
        self.states: set[str] = set()
        self.posts: dict[str, dict[str, Any]] = {}

    def run(self) -> Exported[Document]:
        for item in self.items:
            record, path = item.record, item.path
            if isinstance(record, Source):
                self.source(record, path)
            elif isinstance(record, Person):
                self.person(record, path)
            elif isinstance(record, Organization):
                self.organization(record, path)
            elif isinstance(record, Meeting):
                self.meeting(record, path)
            else:
                what = item.kind or "cooperation area"
                self.lose(path, f"Popolo has no class for {_plural(what)}")
        self.document["posts"] = list(self.posts.values())
        self.document["organizations"] += [_state(code) for code in sorted(self.states)]
        return Exported(self.document, tuple(self.losses))

    def lose(self, path: str, reason: str) -> None:
        self.losses.append((path, reason))

    # -- records ----------------------------------------------------------------------------

    def source(self, source: Source, path: str) -> None:
        """A source is carried as a link on the records that cite it; the rest is lost."""
        if source.url is None:
            self.lose(path, "a Popolo source is a link, and this source has no url")
            return
        if source.id not in self.cited:
            self.lose(path, "no record cites it, and Popolo keeps sources on the records only")
            return
        for name in ("language", "dateline", "text"):
            if getattr(source, name) is not None:
                self.lose(f"{path}.{name}", f"a Popolo source is a link, with no {name}")

    def person(self, person: Person, path: str) -> None:
        out: dict[str, Any] = {"id": person.id, "name": person.name}
        self.names(out, person.other_names, path)
        self.identifiers(out, person.wikidata, person.identifiers)
        self.links(out, person.same_as)
        self.sources(out, person.sources, path)
        self.evidence(person.evidence, path)
        self.document["persons"].append(out)
        for i, office in enumerate(person.offices):
            at = f"{path}.offices[{i}]"
            organization = self.actor(office.represents)
            post = f"{office.represents}/{office.title}"
            self.posts.setdefault(
                post, {"id": post, "label": office.title, "organization_id": organization}
            )
            membership: dict[str, Any] = {
                "person_id": person.id,
                "organization_id": organization,
                "post_id": post,
                "role": office.title,
            }
            if office.period is not None:
                self.period(membership, office.period, f"{at}.period", clock=True)
            self.document["memberships"].append(membership)

    def organization(self, organization: Organization, path: str) -> None:
        out: dict[str, Any] = {
            "id": organization.id,
            "name": organization.name,
            "classification": organization.kind,
        }
        if organization.acronym is not None:
            out["other_names"] = [{"name": organization.acronym, "note": "acronym"}]
        self.names(out, organization.other_names, path)
        self.identifiers(out, organization.wikidata, organization.identifiers)
        if organization.founded is not None:
            founded = self.date(organization.founded, f"{path}.founded", clock=False)
            out["founding_date"] = founded
        self.links(out, organization.same_as)
        self.sources(out, organization.sources, path)
        self.evidence(organization.evidence, path)
        if organization.headquarters is not None:
            self.lose(f"{path}.headquarters", "Popolo's organizations have no headquarters")
        self.document["organizations"].append(out)
        for i, member in enumerate(organization.memberships):
            at = f"{path}.memberships[{i}]"
            membership: dict[str, Any] = {
                "member": {"@type": "Organization", "id": self.actor(member.state)},
                "organization_id": organization.id,
                "role": member.status,
            }
            self.period(membership, member.period, f"{at}.period", clock=True)
            self.sources(membership, member.sources, at)
            if member.founding:
                self.lose(f"{at}.founding", "Popolo has no founding memberships")
            if member.basis is not None:
                self.lose(f"{at}.basis", "Popolo has no step in an agreement for a membership")
            self.document["memberships"].append(membership)

    def meeting(self, meeting: Meeting, path: str) -> None:
        out: dict[str, Any] = {"id": meeting.id}
        if meeting.title is not None:
            out["name"] = meeting.title
        if isinstance(meeting.when, Period):
            self.period(out, meeting.when, f"{path}.when", clock=True)
        else:
            out["start_date"] = self.date(meeting.when, f"{path}.when", clock=True)
        if meeting.where is not None:
            out["location"] = self.place(meeting.where, f"{path}.where")
        out["status"] = meeting.status
        self.identifiers(out, meeting.wikidata, meeting.identifiers)
        out["classification"] = ", ".join(sorted(meeting.formats))
        self.participants(out, meeting, path)
        if meeting.occasion is not None:
            out["parent_id"] = meeting.occasion.event
            if meeting.occasion.relation != "part_of":
                self.lose(
                    f"{path}.occasion.relation",
                    "Popolo's parent_id makes the meeting part of the other event, "
                    f"not {meeting.occasion.relation}",
                )
        self.sources(out, meeting.sources, path)
        for name, what in (
            ("areas", "cooperation areas"),
            ("topics", "topics"),
            ("statements", "statements"),
            ("same_as", "links"),
        ):
            if getattr(meeting, name):
                self.lose(f"{path}.{name}", f"Popolo's events have no {what}")
        self.evidence(meeting.evidence, path)
        self.document["events"].append(out)

    def participants(self, out: dict[str, Any], meeting: Meeting, path: str) -> None:
        """Named participants attend; the first host's party organizes the event."""
        attendees: list[dict[str, str]] = []
        host: str | None = None
        for i, participant in enumerate(meeting.participants):
            at = f"{path}.participants[{i}]"
            organizes = participant.role == "host" and host in (None, participant.represents)
            if organizes:
                host = participant.represents
            if participant.person is None:
                if not organizes:
                    self.lose(at, "Popolo's attendees are people, and this one is not named")
                elif participant.office is not None:
                    self.lose(f"{at}.office", "Popolo's organizer holds no office at an event")
                continue
            attendees.append({"id": participant.person})
            if not organizes:
                self.lose(f"{at}.represents", "Popolo's attendees represent no party")
                if participant.role != "participant":
                    self.lose(f"{at}.role", "Popolo's attendees have no role")
            if participant.office is not None:
                self.lose(f"{at}.office", "Popolo's attendees hold no office at an event")
        if host is not None:
            out["organization_id"] = self.actor(host)
        if attendees:
            out["attendees"] = attendees

    # -- parts ------------------------------------------------------------------------------

    def actor(self, ref: str) -> str:
        """The organization id of a state (by code, noted for the document) or an id."""
        if ref != ref.lower():
            self.states.add(ref)
        return ref

    def names(self, out: dict[str, Any], names: tuple[Name, ...], path: str) -> None:
        for i, name in enumerate(names):
            out.setdefault("other_names", []).append({"name": name.text})
            if name.language is not None:
                self.lose(f"{path}.other_names[{i}].language", "Popolo's names have no language")

    def identifiers(
        self, out: dict[str, Any], wikidata: str | None, identifiers: tuple[Identifier, ...]
    ) -> None:
        found = [{"scheme": "wikidata", "identifier": wikidata}] if wikidata else []
        found += [{"scheme": i.scheme, "identifier": i.identifier} for i in identifiers]
        if found:
            out["identifiers"] = found

    def links(self, out: dict[str, Any], same_as: tuple[str, ...]) -> None:
        if same_as:
            out["links"] = [{"url": url, "note": "the same record elsewhere"} for url in same_as]

    def sources(self, out: dict[str, Any], ids: tuple[str, ...], path: str) -> None:
        """The links to the sources *ids* (at *path*), each with a note naming it."""
        links = []
        for i, ref in enumerate(ids):
            source = self.known.get(ref)
            if not isinstance(source, Source):
                self.lose(f"{path}.sources[{i}]", f"no source {ref!r} in the input to link to")
            elif source.url is None:
                self.lose(f"{path}.sources[{i}]", f"source {ref!r} has no url to link to")
            else:
                note = ", ".join(
                    str(part)
                    for part in (source.publisher, source.title, source.published)
                    if part is not None
                )
                links.append({"url": source.url, "note": note})
        if links:
            out["sources"] = links

    def evidence(self, evidence: tuple[Any, ...], path: str) -> None:
        if evidence:
            self.lose(f"{path}.evidence", "Popolo has no quotes from sources")

    def place(self, place: Place, path: str) -> str:
        """A place as Popolo's location text: its name, region and state."""
        for name in ("coordinates", "geonames_id"):
            if getattr(place, name) is not None:
                self.lose(f"{path}.{name}", f"Popolo's location is text, with no {name}")
        parts = (place.name, place.region, state(place.country).common_name)
        return ", ".join(part for part in parts if part is not None)

    def period(self, out: dict[str, Any], period: Period, path: str, *, clock: bool) -> None:
        """Set the start and end dates of *period*; an open or unknown end is lost."""
        for end, key in ((period.start, "start"), (period.end, "end")):
            at = f"{path}.{key}"
            if isinstance(end, PartialDate):
                out[f"{key}_date"] = self.date(end, at, clock=clock)
            elif end is OPEN:
                bound = "has no earlier bound" if key == "start" else "still goes on"
                self.lose(at, f"Popolo cannot say a period {bound} (..): no {key}_date")
            else:
                verb = "began" if key == "start" else "ended"
                self.lose(
                    at, f"Popolo cannot say a period {verb} at a day not known: no {key}_date"
                )

    def date(self, date: PartialDate, path: str, *, clock: bool) -> str:
        """Write *date* as Popolo takes it (with a time of day and its offset only when
        *clock*), noting at *path* what it loses."""
        text, reasons = iso_date(date, "Popolo", "offset" if clock else "none")
        self.losses += [(path, reason) for reason in reasons]
        return text


def _state(code: str) -> dict[str, Any]:
    """The organization that stands for the state *code*."""
    found = state(code)
    out: dict[str, Any] = {"id": code, "name": found.name}
    if found.common_name != found.name:
        out["other_names"] = [{"name": found.common_name, "note": "common name"}]
    out["classification"] = STATE
    out["identifiers"] = [{"scheme": STATE_SCHEME, "identifier": code}]
    return out


def _cited(record: Any) -> Iterable[str]:
    """The ids of the sources *record* cites, its memberships' included; none for what
    Popolo does not carry (a source, an agreement, an activity, an area), as no link to the
    source is written for it."""
    if not isinstance(record, Person | Organization | Meeting):
        return ()
    memberships = getattr(record, "memberships", ())
    return (*getattr(record, "sources", ()), *(ref for m in memberships for ref in m.sources))


def _plural(kind: str) -> str:
    return {"activity": "activities", "cooperation area": "cooperation areas"}.get(kind, f"{kind}s")
