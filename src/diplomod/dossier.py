"""A document of related records that refer to one another by id."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Annotated, Any

import attrs

from diplomod._checks import check, with_article
from diplomod._rules import Unique
from diplomod.activities import Activity
from diplomod.agreements import Agreement
from diplomod.areas import CooperationArea, is_within, parent
from diplomod.evidence import Evidence, Source
from diplomod.meetings import Meeting
from diplomod.organizations import Organization
from diplomod.people import Person

Record = Source | Person | Organization | Meeting | Agreement | Activity
"""Anything a `Dossier` holds under an id."""

Event = Meeting | Agreement | Activity
"""The records of what happened, told apart in JSON by their ``kind``."""

_KINDS: dict[type, str] = {
    Source: "source",
    Person: "person",
    Organization: "organization",
    Meeting: "meeting",
    Agreement: "agreement",
    Activity: "activity",
}


@attrs.frozen(kw_only=True)
class Dossier:
    """Related records, checked as a whole, and the questions one asks of them.

    Rules: ids are unique across all records; every id a record refers to names a record of
    the right kind; evidence quotes are exactly the source's text at their offsets; an event
    reported as done is not dated after a source reporting it was published; occasion links
    form no cycle; extension cooperation areas are namespaced and defined here, each with its
    parent, and every namespaced code the records use is one of them.

    Attributes:
        sources: The sources the records are drawn from.
        people: The people who appear in the records.
        organizations: The organizations that appear in the records.
        meetings: The meetings.
        agreements: The agreements.
        activities: Cooperation reported as a whole rather than as one meeting or agreement.
        areas: Extension cooperation areas (namespaced codes) the records use.
    """

    sources: tuple[Source, ...] = ()
    people: tuple[Person, ...] = ()
    organizations: tuple[Organization, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    activities: tuple[Activity, ...] = ()
    areas: Annotated[tuple[CooperationArea, ...], Unique()] = ()
    _index: dict[str, Record] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, Record] = {}
        object.__setattr__(self, "_index", index)
        check(self, self._rules)

    def _records(self) -> Iterator[tuple[str, Record]]:
        for name in ("sources", "people", "organizations", "meetings", "agreements", "activities"):
            for i, record in enumerate(getattr(self, name)):
                yield f"$.{name}[{i}]", record

    def _rules(self) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        where: dict[str, str] = {}
        for path, record in self._records():
            if record.id in self._index:
                problems.append(
                    (f"{path}.id", f"{record.id!r} is already the id of {where[record.id]}")
                )
                continue
            self._index[record.id] = record
            where[record.id] = path
        for path, record in self._records():
            problems.extend(self._reference_problems(path, record))
        problems.extend(self._area_problems())
        problems.extend(self._cycle_problems())
        return problems

    # -- rules ------------------------------------------------------------------------------

    def _refer(self, path: str, ref: str, *kinds: type) -> Iterator[tuple[str, str]]:
        """Check that *ref* names a record of one of *kinds* (state codes are not ids)."""
        if ref != ref.lower():
            return  # a state code, checked by the record itself
        found = self._index.get(ref)
        wanted = " or ".join(_KINDS[k] for k in kinds)
        if found is None:
            yield path, f"no {wanted} has the id {ref!r}"
        elif not isinstance(found, kinds):
            yield (
                path,
                f"{ref!r} is {with_article(_KINDS[type(found)])}, not {with_article(wanted)}",
            )

    def _evidence(self, path: str, items: tuple[Evidence, ...]) -> Iterator[tuple[str, str]]:
        for i, evidence in enumerate(items):
            yield from self._refer(f"{path}[{i}].source", evidence.source, Source)
            source = self._index.get(evidence.source)
            if isinstance(source, Source) and source.text is not None:
                actual = source.text[evidence.start : evidence.end]
                if actual != evidence.quote:
                    yield (
                        f"{path}[{i}].quote",
                        f"the source's text at {evidence.start}:"
                        f"{evidence.end} is {actual!r}, not the quote",
                    )

    def _reference_problems(self, path: str, record: Record) -> Iterator[tuple[str, str]]:
        if isinstance(record, Person):
            for i, office in enumerate(record.offices):
                yield from self._refer(
                    f"{path}.offices[{i}].represents", office.represents, Organization
                )
            yield from self._sourced(path, record, ())
        elif isinstance(record, Organization):
            for i, membership in enumerate(record.memberships):
                for j, source_id in enumerate(membership.sources):
                    yield from self._refer(
                        f"{path}.memberships[{i}].sources[{j}]", source_id, Source
                    )
            yield from self._sourced(path, record, ())
        elif isinstance(record, Meeting):
            yield from self._meeting_references(path, record)
        elif isinstance(record, Agreement):
            yield from self._agreement_references(path, record)
        elif isinstance(record, Activity):
            for i, party in enumerate(record.parties):
                yield from self._refer(f"{path}.parties[{i}]", party, Organization)
            dates = () if record.when is None else (record.when.earliest,)
            yield from self._sourced(path, record, dates)

    def _meeting_references(self, path: str, meeting: Meeting) -> Iterator[tuple[str, str]]:
        for i, participant in enumerate(meeting.participants):
            if participant.person is not None:
                yield from self._refer(
                    f"{path}.participants[{i}].person", participant.person, Person
                )
            yield from self._refer(
                f"{path}.participants[{i}].represents", participant.represents, Organization
            )
        if meeting.occasion is not None:
            yield from self._refer(f"{path}.occasion.event", meeting.occasion.event, Meeting)
        for i, statement in enumerate(meeting.statements):
            for j, who in enumerate(statement.by):
                yield from self._refer(f"{path}.statements[{i}].by[{j}]", who, Person, Organization)
            yield from self._evidence(f"{path}.statements[{i}].evidence", statement.evidence)
        yield from self._sourced(path, meeting, (meeting.when.earliest,))

    def _agreement_references(self, path: str, agreement: Agreement) -> Iterator[tuple[str, str]]:
        for i, party in enumerate(agreement.parties):
            yield from self._refer(f"{path}.parties[{i}]", party, Organization)
        for i, signatory in enumerate(agreement.signatories):
            yield from self._refer(f"{path}.signatories[{i}].person", signatory.person, Person)
        if agreement.meeting is not None:
            yield from self._refer(f"{path}.meeting", agreement.meeting, Meeting)
        dates = [event.date.earliest for event in agreement.events]
        if agreement.concluded is not None:
            dates.append(agreement.concluded.earliest)
        yield from self._sourced(path, agreement, dates)

    def _sourced(
        self,
        path: str,
        record: Person | Organization | Event,
        dates: tuple[datetime.date, ...] | list[datetime.date],
    ) -> Iterator[tuple[str, str]]:
        """Check a record's sources and evidence, and that what it reports as done (on the
        *dates*) is not dated after a source reporting it was published."""
        for i, source_id in enumerate(record.sources):
            yield from self._refer(f"{path}.sources[{i}]", source_id, Source)
        yield from self._evidence(f"{path}.evidence", record.evidence)
        if not dates or getattr(record, "status", "done") != "done":
            return
        event = record
        reported = {e.source for e in event.evidence} | set(event.sources)
        for source_id in sorted(reported):
            source = self._index.get(source_id)
            if (
                isinstance(source, Source)
                and source.published is not None
                and max(dates) > source.published.latest
            ):
                yield (
                    path,
                    f"reported as done by {source_id!r}, published "
                    f"{source.published}, but dated after it; mark it planned or "
                    "ongoing, or fix the date",
                )

    def _area_problems(self) -> Iterator[tuple[str, str]]:
        defined: dict[str, int] = {}
        for i, area in enumerate(self.areas):
            if area.code in defined:
                yield (
                    f"$.areas[{i}].code",
                    f"{area.code!r} is already defined at $.areas[{defined[area.code]}]",
                )
            defined.setdefault(area.code, i)
        for i, area in enumerate(self.areas):
            if ":" not in area.code:
                yield (
                    f"$.areas[{i}].code",
                    f"{area.code!r} is built in; an extension code "
                    "takes a namespace, such as 'acme:fisheries'",
                )
            elif (up := parent(area.code)) is not None and up not in defined:
                yield f"$.areas[{i}].code", f"its parent {up!r} is not defined in $.areas"
        for path, record in self._records():
            if isinstance(record, Meeting):
                used = [(f"{path}.areas", record.areas)] + [
                    (f"{path}.statements[{i}].areas", s.areas)
                    for i, s in enumerate(record.statements)
                ]
            elif isinstance(record, Agreement | Activity):
                used = [(f"{path}.areas", record.areas)]
            else:
                continue
            for areas_path, codes in used:
                for j, code in enumerate(sorted(codes)):
                    if ":" in code and code not in defined:
                        yield (
                            f"{areas_path}[{j}]",
                            f"extension area {code!r} is not defined in $.areas",
                        )

    def _cycle_problems(self) -> Iterator[tuple[str, str]]:
        reported: set[str] = set()
        position = {meeting.id: i for i, meeting in enumerate(self.meetings)}
        for meeting in self.meetings:
            chain = [meeting.id]
            current: Any = meeting
            while isinstance(current, Meeting) and current.occasion is not None:
                nxt = current.occasion.event
                if nxt in chain:
                    cycle = chain[chain.index(nxt) :]
                    if not reported & set(cycle):
                        reported.update(cycle)
                        yield (
                            f"$.meetings[{position[nxt]}].occasion.event",
                            "occasion links form a cycle: " + " -> ".join([*cycle, nxt]),
                        )
                    break
                chain.append(nxt)
                current = self._index.get(nxt)

    # -- questions --------------------------------------------------------------------------

    def get(self, id: str) -> Record | None:
        """Return the record with *id*, or ``None``."""
        return self._index.get(id)

    def events(self) -> tuple[Event, ...]:
        """Return the meetings, agreements and activities in date order; undated ones last."""
        return tuple(sorted((*self.meetings, *self.agreements, *self.activities), key=_date_key))

    def meetings_involving(self, party: str) -> tuple[Meeting, ...]:
        """Return the meetings where *party* (a state code or organization id) is represented,
        in date order."""
        return tuple(sorted((m for m in self.meetings if party in m.parties), key=_date_key))

    def meetings_between(self, first: str, second: str) -> tuple[Meeting, ...]:
        """Return the meetings where both parties are represented, in date order."""
        return tuple(m for m in self.meetings_involving(first) if second in m.parties)

    def agreements_concerning(self, area: str) -> tuple[Agreement, ...]:
        """Return the agreements covering *area* or a narrower field, in date order.

        ``agreements_concerning("energy")`` finds an agreement on ``energy.pipelines``.
        """
        return tuple(
            sorted(
                (a for a in self.agreements if any(is_within(code, area) for code in a.areas)),
                key=_date_key,
            )
        )


def _date_key(event: Event) -> tuple[bool, datetime.date, datetime.date, str]:
    when = event.date if isinstance(event, Agreement) else event.when
    if when is None:
        return (True, datetime.date.max, datetime.date.max, event.id)
    return (False, when.earliest, when.latest, event.id)
