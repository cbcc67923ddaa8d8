"""Organizations and the states that belong to them."""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from typing import Annotated

import attrs

from diplomod._checks import check
from diplomod._model import record
from diplomod._rules import Code, Unique
from diplomod._types import Id, Label, SourceIds, StateCode
from diplomod.dates import PartialDate, Period, surely_running, surely_started
from diplomod.errors import Problem
from diplomod.evidence import Evidence
from diplomod.names import Name
from diplomod.places import Place


@attrs.frozen(kw_only=True)
class Membership:
    """A state's standing in an organization over a period.

    >>> Membership(state="PAK", status="member", period=Period.parse("2017-06-09/..")).state
    'PAK'

    Attributes:
        state: The state, by code.
        status: Its standing, from the ``membership_statuses`` codelist (member, observer, ...).
        period: When the state held that standing; an open end means it still does.
        sources: The ids of the sources for the membership.
    """

    state: StateCode
    status: Annotated[str, Code("membership_statuses", "membership status")]
    period: Period
    sources: SourceIds = ()

    def __attrs_post_init__(self) -> None:
        check(self)


@record("organization")
@attrs.frozen(kw_only=True)
class Organization:
    """An intergovernmental organization, a ministry, a company or another body.

    A state holds one standing at a time: two of its memberships may not surely overlap
    (one may end in the year the next begins), and none starts before the organization
    was founded.

    Attributes:
        id: The organization's record id.
        name: Its name, in any script.
        acronym: Its usual short form, e.g. "SCO".
        other_names: Other names and spellings.
        kind: What sort of body it is, from the ``organization_kinds`` codelist.
        founded: When it was founded, when known.
        headquarters: Where its seat is.
        memberships: Its member states and others with a standing, in the order recorded.
        sources: The ids of the sources for what the record says, its founding date included.
        evidence: The sources' words for it.
    """

    id: Id
    name: Label
    kind: Annotated[str, Code("organization_kinds", "organization kind")]
    acronym: Label | None = None
    other_names: Annotated[tuple[Name, ...], Unique()] = ()
    founded: PartialDate | None = None
    headquarters: Place | None = None
    memberships: Annotated[tuple[Membership, ...], Unique()] = ()
    sources: SourceIds = ()
    evidence: tuple[Evidence, ...] = ()

    def __attrs_post_init__(self) -> None:
        check(self)

    def _rules(self) -> list[Problem]:
        problems: list[Problem] = []
        overlaps = _overlaps(self.memberships)
        for i, membership in enumerate(self.memberships):
            start = membership.period.start
            if (
                self.founded is not None
                and start is not None
                and start.latest < self.founded.earliest
            ):
                problems.append(
                    (
                        f"$.memberships[{i}].period.start",
                        f"{start} is before the organization was founded ({self.founded})",
                    )
                )
            for j in overlaps.get(i, ()):
                problems.append(
                    (
                        f"$.memberships[{i}].period",
                        f"{membership.state} already holds a membership over "
                        f"{self.memberships[j].period} ($.memberships[{j}])",
                    )
                )
        return problems

    def members(self, on: PartialDate | None = None) -> frozenset[str]:
        """Return the states with ``member`` status, on the date *on* if given.

        A state counts when its membership could include the date.
        """
        return frozenset(
            m.state
            for m in self.memberships
            if m.status == "member"
            and (on is None or (m.period.earliest <= on.latest and on.earliest <= m.period.latest))
        )


def _overlaps(memberships: tuple[Membership, ...]) -> dict[int, list[int]]:
    """Map each membership's position to the earlier ones of its state it surely overlaps.

    Two periods surely overlap when each surely starts by the day the other surely still
    runs (`Period.surely_overlaps`). For each state, the memberships are sorted by the day
    they surely start and taken in order of the day they surely still run; each one is
    asked of a heap of those already taken that start by its end, and the heap gives up the
    ones running on its start without looking at any other. The time is O(n log n) plus
    the number of overlaps found, not one comparison for each pair.
    """
    by_state: dict[str, list[int]] = {}
    for i, membership in enumerate(memberships):
        by_state.setdefault(membership.state, []).append(i)
    found: dict[int, list[int]] = {}
    for positions in by_state.values():
        if len(positions) < 2:
            continue
        starts = {i: surely_started(memberships[i].period).toordinal() for i in positions}
        ends = {i: surely_running(memberships[i].period).toordinal() for i in positions}
        by_start = sorted(positions, key=starts.__getitem__)
        heap: list[tuple[int, int]] = []  # (-the day it surely runs to, position)
        taken = 0
        for i in sorted(positions, key=ends.__getitem__):
            while taken < len(by_start) and starts[by_start[taken]] <= ends[i]:
                j = by_start[taken]
                heapq.heappush(heap, (-ends[j], j))
                taken += 1
            earlier = [j for j in _keys_at_most(heap, -starts[i]) if j < i]
            if earlier:
                found[i] = sorted(earlier)
    return found


def _keys_at_most(heap: list[tuple[int, int]], bound: int) -> Iterator[int]:
    """Yield the positions on a min-heap whose key is at most *bound*, in no set order.

    A child is never smaller than its parent, so no subtree under a larger key is visited.
    """
    stack = [0]
    while stack:
        k = stack.pop()
        if k < len(heap) and heap[k][0] <= bound:
            yield heap[k][1]
            stack += (2 * k + 1, 2 * k + 2)
