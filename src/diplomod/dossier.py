"""A document of related records that refer to one another by id."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterator
from typing import Annotated, ClassVar

import attrs

from diplomod._checks import check, with_article
from diplomod._model import SCHEMA_VERSION, kind_of, record_node, shape, walk
from diplomod._rules import Unique
from diplomod.activities import Activity
from diplomod.agreements import Agreement
from diplomod.areas import CooperationArea, is_within, parent
from diplomod.dates import PartialDate, Period, surely_before
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
    the right kind; evidence quotes are exactly the source's text at their offsets (so a
    source without text is not quoted); an event reported as done is not dated after a
    source reporting it was published; occasion links form no cycle; extension cooperation
    areas are namespaced and defined here, each with its parent, and every namespaced code
    the records use is one of them.

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
        dates: list[PartialDate] = []
        for field_node, value, at in walk(record_node(type(record)), record, path):
            if field_node.refs and value == value.lower():  # a state code is no id
                yield from self._refer(at, value, field_node.refs)
            elif isinstance(value, Evidence):
                yield from self._quoted(at, value)
            elif isinstance(value, Period) and isinstance(value.start, PartialDate):
                dates.append(value.start)
            elif isinstance(value, PartialDate):
                dates.append(value)
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
        if not isinstance(source, Source):
            return  # no source, or another record: _refer says so
        if source.text is None:
            yield (
                f"{path}.source",
                f"source {evidence.source!r} has no text, so nothing in it can be quoted; "
                "give the source its text, or name it in the record's sources",
            )
        elif evidence.end > len(source.text):
            yield (
                f"{path}.end",
                f"{evidence.end} is past the end of the source's text, which is "
                f"{len(source.text)} characters long (offsets count characters, not bytes)",
            )
        else:
            actual = source.text[evidence.start : evidence.end]
            if actual != evidence.quote:
                yield (
                    f"{path}.quote",
                    f"the source's text at {evidence.start}:"
                    f"{evidence.end} is {actual!r}, not the quote",
                )

    def _done_before_reported(
        self, path: str, record: Record, dates: list[PartialDate]
    ) -> Iterator[tuple[str, str]]:
        """Check that what a record reports as done (on the *dates* it holds, a period by its
        start) is not dated surely after a source reporting it was published: by the world's
        clock when both carry an offset or a zone, else by the days as written."""
        if not dates or getattr(record, "status", None) != "done":
            return
        reported = set(getattr(record, "sources", ()))
        reported.update(e.source for e in getattr(record, "evidence", ()))
        last = _last_dates(dates)
        for source_id in sorted(reported):
            source = self._index.get(source_id)
            if (
                isinstance(source, Source)
                and source.published is not None
                and any(surely_before(source.published, date) for date in last)
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
        """Follow each meeting's occasion links until they end or come back to an id met on
        the way; report the loop found, at the meeting it comes back to, unless it shares a
        meeting with a loop reported before.

        The links are walked once for all meetings (`_Links`), so a long chain costs time in
        proportion to its length, not to its length squared.
        """
        links = _Links(self._index)
        position = {meeting.id: i for i, meeting in enumerate(self.meetings)}
        reported: set[str] = set()
        reported_loops: set[int] = set()
        for meeting in self.meetings:
            if meeting.occasion is None:
                continue
            start, first = meeting.id, meeting.occasion.event
            if self._index.get(start) is not meeting and links.leads_to(first, start):
                # a meeting whose id another record holds: its own link may close a loop
                cycle = [start, *links.path(first, start)]
                if any(id in reported for id in cycle):
                    continue
            else:
                entry = links.entry.get(start if self._index.get(start) is meeting else first)
                if entry is None or links.loop_of[entry] in reported_loops:
                    continue
                cycle = links.loop_from(entry)
            reported.update(cycle)
            reported_loops.update(links.loop_of[id] for id in cycle if id in links.loop_of)
            yield (
                f"$.meetings[{position[cycle[0]]}].occasion.event",
                "occasion links form a cycle: " + " -> ".join([*cycle, cycle[0]]),
            )

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


def _last_dates(dates: list[PartialDate]) -> list[PartialDate]:
    """The dates of *dates* that start last, by each way `surely_before` compares them: on
    the world's clock, by days as written, by local times of day. A date is surely before
    one of *dates* exactly when it is surely before one of these, so each source is compared
    with a few dates, not with all of them."""
    anchored = [d for d in dates if d.utc_span() is not None]
    timed = [d for d in dates if d.hour is not None and d.utc_span() is None]
    rest = [d for d in dates if d.hour is None and d.utc_span() is None]
    last = [max(group, key=lambda d: d.earliest) for group in (anchored, rest) if group]
    if anchored:
        last.append(max(anchored, key=lambda d: d.utc_span()[0]))  # type: ignore[index]
    if timed:
        last.append(max(timed))
    return last


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


class _Links:
    """The occasion links between ids: each meeting leads to the id of its occasion.

    Every id leads to at most one other, so following links from any id either ends or
    runs into a loop. The loops and the first id on a loop each id runs into are found in
    one pass over the links, each id visited once; which ids lie on the way from which is
    worked out, also in one pass, only when asked (for a meeting whose id is taken).

    Attributes:
        after: The id each meeting in the index leads to.
        loop_of: The number of the loop each id on a loop belongs to.
        loops: The ids of each loop, in the order the links go.
        entry: The first id on a loop that each id runs into, or ``None`` if its links end.
    """

    def __init__(self, index: dict[str, Record]) -> None:
        self.after: dict[str, str] = {
            id: record.occasion.event
            for id, record in index.items()
            if isinstance(record, Meeting) and record.occasion is not None
        }
        self.loop_of: dict[str, int] = {}
        self.loops: list[list[str]] = []
        self.entry: dict[str, str | None] = {}
        for start in self.after:
            way: dict[str, int] = {}  # the ids walked from start, with their steps
            id: str | None = start
            while id is not None and id not in self.entry and id not in way:
                way[id] = len(way)
                id = self.after.get(id)
            walked = list(way)
            entry = None if id is None else self.entry.get(id)
            if id is not None and id in way:  # a new loop
                loop = walked[way[id] :]
                for member in loop:
                    self.loop_of[member] = len(self.loops)
                    self.entry[member] = member
                self.loops.append(loop)
                walked, entry = walked[: way[id]], id
            for member in walked:
                self.entry[member] = entry
        self._first: dict[str, int] = {}
        self._last: dict[str, int] = {}

    def _number_the_trees(self) -> None:
        """Number the ids so that those leading to an id off the loops are numbered right
        after it: the ids leading to *b* are numbered from ``_first[b]`` to ``_last[b]``."""
        feeders: dict[str, list[str]] = {}
        for id, to in self.after.items():
            if id not in self.loop_of:
                feeders.setdefault(to, []).append(id)
        count = 0
        for root in self.entry:
            if root in self.after and root not in self.loop_of:
                continue  # not a root: it leads on to another id off a loop
            stack: list[tuple[str, bool]] = [(root, False)]
            while stack:
                id, done = stack.pop()
                if done:
                    self._last[id] = count - 1
                    continue
                self._first[id] = count
                count += 1
                stack.append((id, True))
                stack.extend((feeder, False) for feeder in feeders.get(id, ()))

    def leads_to(self, start: str, target: str) -> bool:
        """Whether following the links from *start* reaches *target* (or starts there)."""
        if target in self.loop_of:
            entry = self.entry.get(start)
            return entry is not None and self.loop_of[entry] == self.loop_of[target]
        if not self._first:  # numbered when first asked: most dossiers never ask
            self._number_the_trees()
        if start not in self._first or target not in self._first:
            return start == target
        return self._first[target] <= self._first[start] <= self._last[target]

    def path(self, start: str, target: str) -> list[str]:
        """The ids from *start* up to *target*, which the links from *start* reach."""
        way: list[str] = []
        id = start
        while id != target:
            way.append(id)
            id = self.after[id]
        return way

    def loop_from(self, entry: str) -> list[str]:
        """The loop *entry* is on, starting at *entry*."""
        loop = self.loops[self.loop_of[entry]]
        at = loop.index(entry)
        return loop[at:] + loop[:at]
