"""A document of related records that refer to one another by id."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable, Iterator
from typing import Annotated, ClassVar

import attrs

from diplomod import _codelists
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
    source reporting it was published; occasion links form no cycle, nor do the links
    between agreements; an agreement that amends, supersedes or otherwise follows another is
    not dated surely before it; a step of an agreement taken at a meeting is dated within
    the meeting; the agreement a membership rests on records the state's step, and the
    membership does not start surely before it; extension cooperation areas are namespaced
    and defined here, each with its parent, and every namespaced code the records use is
    one of them.

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
        problems.extend(self._agreement_link_problems())
        problems.extend(self._membership_problems())
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
        """Report each loop of occasion links between meetings, and each loop of links
        between agreements (of any relation: an agreement cannot, through amendments,
        protocols or supersessions, come before itself), at the record the loop comes back
        to, unless it shares a record with a loop reported before (`_Links`)."""
        occasions = _Links(
            (meeting.id, meeting.occasion.event, f"$.meetings[{i}].occasion.event")
            for i, meeting in enumerate(self.meetings)
            if meeting.occasion is not None
        )
        for path, loop in occasions.loops():
            yield path, "occasion links form a cycle: " + " -> ".join([*loop, loop[0]])
        links = _Links(
            (agreement.id, link.agreement, f"$.agreements[{i}].links[{j}].agreement")
            for i, agreement in enumerate(self.agreements)
            for j, link in enumerate(agreement.links)
        )
        for path, loop in links.loops():
            yield path, "agreement links form a cycle: " + " -> ".join([*loop, loop[0]])

    def _agreement_link_problems(self) -> Iterator[tuple[str, str]]:
        """Check the dates of the links between agreements and of the meetings at which
        their steps were taken."""
        follows = _following()
        for i, agreement in enumerate(self.agreements):
            date = agreement.date
            for j, link in enumerate(agreement.links):
                target = self._index.get(link.agreement)
                if not isinstance(target, Agreement) or link.relation not in follows:
                    continue
                before = target.date
                if date is not None and before is not None and surely_before(date, before):
                    yield (
                        f"$.agreements[{i}].links[{j}].agreement",
                        f"{link.relation} {link.agreement!r}, dated {before}, but is dated "
                        f"{date}, before it",
                    )
            for k, event in enumerate(agreement.events):
                meeting = self._index.get(event.meeting) if event.meeting else None
                if not isinstance(meeting, Meeting):
                    continue  # none, or another record: _refer says so
                when = meeting.when
                if _surely_outside(event.date, when):
                    yield (
                        f"$.agreements[{i}].events[{k}].date",
                        f"{event.action} on {event.date}, but the meeting {event.meeting!r} "
                        f"was held on {when}",
                    )

    def _membership_problems(self) -> Iterator[tuple[str, str]]:
        """Check that the agreement each membership rests on records the state's step, and
        that the membership does not start surely before the step was taken."""
        for i, organization in enumerate(self.organizations):
            for j, membership in enumerate(organization.memberships):
                basis = membership.basis
                target = self._index.get(basis.agreement) if basis else None
                if basis is None or not isinstance(target, Agreement):
                    continue  # none, or another record: _refer says so
                path = f"$.organizations[{i}].memberships[{j}]"
                steps = [
                    e.date
                    for e in target.events
                    if e.action == basis.action and e.party == membership.state
                ]
                start = membership.period.start
                if not steps:
                    yield (
                        f"{path}.basis.action",
                        f"{basis.agreement!r} records no {basis.action} step by {membership.state}",
                    )
                elif isinstance(start, PartialDate) and all(surely_before(start, d) for d in steps):
                    first = min(steps, key=lambda d: d.earliest)
                    yield (
                        f"{path}.period.start",
                        f"the membership starts on {start}, before {membership.state} "
                        f"{basis.action} {basis.agreement!r} on {first}",
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


def _surely_outside(date: PartialDate, when: PartialDate | Period) -> bool:
    """Whether *date* surely falls before or after *when*, by `surely_before`."""
    start, end = (when.start, when.end) if isinstance(when, Period) else (when, when)
    return (isinstance(start, PartialDate) and surely_before(date, start)) or (
        isinstance(end, PartialDate) and surely_before(end, date)
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
    """Links of one kind between ids, such as each meeting's to its occasion: an id may
    lead to several others, and several records may hold the same id.

    `loops` walks them depth first, each id and each link once, on a stack of its own
    rather than by recursion, so a long chain costs time in proportion to its length.
    """

    def __init__(self, links: Iterable[tuple[str, str, str]]) -> None:
        """Take each link as the id it leads from, the id it leads to, and its path."""
        self.after: dict[str, list[tuple[str, str]]] = {}
        for start, to, path in links:
            self.after.setdefault(start, []).append((to, path))

    def loops(self) -> Iterator[tuple[str, list[str]]]:
        """Yield each loop found, as the path of the link leaving the id it comes back to
        and the ids in the order the links go, from that id; a loop sharing an id with
        one yielded before is not yielded. So each group of ids that lead to each other
        (a strongly connected component) yields at least one loop, not every loop in it:
        mending the loops yielded and asking again finds the others.

        A loop is found when a link leads back to an id on the way walked. The ids of the
        loops yielded are marked by their place on the way (an id leaves the way only when
        all its links are followed, never to come back), so that whether a loop shares one
        is told by the last mark, without walking the loop.
        """
        done: set[str] = set()
        for root in self.after:
            if root in done:
                continue
            way, entered = [root], [""]  # the ids walked, and the path of each one's link in
            at = {root: 0}
            marked: list[int] = []  # the places on the way of ids on a loop yielded
            todo = [iter(self.after[root])]
            while todo:
                step = next(todo[-1], None)
                if step is None:
                    todo.pop()
                    id = way.pop()
                    entered.pop()
                    del at[id]
                    done.add(id)
                    if marked and marked[-1] == len(way):
                        marked.pop()
                    continue
                to, path = step
                if to in at:
                    if not marked or marked[-1] < at[to]:
                        yield (
                            (entered[at[to] + 1] if at[to] + 1 < len(way) else path),
                            way[at[to] :],
                        )
                        marked.extend(range(at[to], len(way)))
                elif to not in done:
                    at[to] = len(way)
                    way.append(to)
                    entered.append(path)
                    todo.append(iter(self.after.get(to, ())))


@functools.cache
def _following() -> frozenset[str]:
    """The agreement relations whose linking agreement comes after the other, as the
    ``follows`` column of the ``agreement_relations`` codelist says."""
    rows = _codelists.load("agreement_relations")
    return frozenset(code for code, row in rows.items() if row["follows"] == "yes")
