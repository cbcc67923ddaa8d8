"""A document of related records that refer to one another by id."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar

import attrs

from diplomod._checks import check, with_article
from diplomod._model import SCHEMA_VERSION, kind_of, record_node, shape, walk
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
    schema_version: ClassVar[str] = SCHEMA_VERSION
    _index: dict[str, Record] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, Record] = {}
        object.__setattr__(self, "_index", index)
        check(self)

    def _records(self) -> Iterator[tuple[str, Record]]:
        for name in _record_fields():
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

    def _reference_problems(self, path: str, record: Record) -> Iterator[tuple[str, str]]:
        """Check every id the record refers to, every quote it holds, and its dates."""
        dates: list[datetime.date] = []
        for field_node, value, at in walk(record_node(type(record)), record, path):
            if field_node.refs and value == value.lower():  # a state code is no id
                yield from self._refer(at, value, field_node.refs)
            elif isinstance(value, Evidence):
                yield from self._quoted(at, value)
            elif field_node.kind in ("date", "period", "when"):
                dates.append(value.earliest)
        yield from self._done_before_reported(path, record, dates)

    def _refer(self, path: str, ref: str, kinds: tuple[str, ...]) -> Iterator[tuple[str, str]]:
        """Check that *ref* names a record of one of *kinds*."""
        found = self._index.get(ref)
        wanted = " or ".join(kinds)
        if found is None:
            yield path, f"no {wanted} has the id {ref!r}"
        elif kind_of(type(found)) not in kinds:
            found_kind = kind_of(type(found)) or type(found).__name__
            yield path, f"{ref!r} is {with_article(found_kind)}, not {with_article(wanted)}"

    def _quoted(self, path: str, evidence: Evidence) -> Iterator[tuple[str, str]]:
        source = self._index.get(evidence.source)
        if isinstance(source, Source) and source.text is not None:
            actual = source.text[evidence.start : evidence.end]
            if actual != evidence.quote:
                yield (
                    f"{path}.quote",
                    f"the source's text at {evidence.start}:"
                    f"{evidence.end} is {actual!r}, not the quote",
                )

    def _done_before_reported(
        self, path: str, record: Record, dates: list[datetime.date]
    ) -> Iterator[tuple[str, str]]:
        """Check that what a record reports as done (on the *dates* it holds) is not dated
        after a source reporting it was published."""
        if not dates or getattr(record, "status", None) != "done":
            return
        reported = set(getattr(record, "sources", ()))
        reported.update(e.source for e in getattr(record, "evidence", ()))
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


@functools.cache
def _record_fields() -> tuple[str, ...]:
    """The names of the Dossier's fields that hold records with ids."""
    return tuple(
        f.name
        for f in shape(Dossier).fields
        if f.node.item is not None and kind_of(f.node.item.base) is not None
    )


def _date_key(event: Event) -> tuple[bool, datetime.date, datetime.date, str]:
    when = event.date
    if when is None:
        return (True, datetime.date.max, datetime.date.max, event.id)
    return (False, when.earliest, when.latest, event.id)
