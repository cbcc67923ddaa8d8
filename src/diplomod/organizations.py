"""Organizations and the states that belong to them."""

from __future__ import annotations

import datetime
import heapq
from collections.abc import Iterator
from typing import Annotated

import attrs

from diplomod import _codelists
from diplomod._checks import check, explainer
from diplomod._model import Field, record, shape
from diplomod._rules import Code, Unique
from diplomod._types import AgreementId, Id, Label, SourceIds, StateCode, WikidataId
from diplomod.dates import (
    OPEN,
    PartialDate,
    Period,
    as_partial_date,
    surely_running,
    surely_started,
)
from diplomod.errors import Problem, ValidationError
from diplomod.evidence import Evidence
from diplomod.identifiers import Identifiers, SameAs
from diplomod.names import Name
from diplomod.places import Place


@attrs.frozen(kw_only=True)
class MembershipBasis:
    """The step a state took in an agreement that its membership rests on, such as its
    accession to the organization's founding treaty.

    >>> MembershipBasis(agreement="north-atlantic-treaty", action="acceded").action
    'acceded'

    Attributes:
        agreement: The id of the `Agreement`.
        action: The state's step, from the ``lifecycle_actions`` codelist (``acceded``,
            ``ratified``, ``signed_definitively``, ...): a party's step, not one of the
            agreement's own. In a `Dossier` the agreement records it for the state, and the
            membership does not start surely before it (before all of them, when the state
            took the step more than once, as after a withdrawal).
    """

    agreement: AgreementId
    action: Annotated[str, Code("lifecycle_actions", "lifecycle action")]

    def __attrs_post_init__(self) -> None:
        check(self)

    def _rules(self) -> list[Problem]:
        if _codelists.load("lifecycle_actions")[self.action]["scope"] == "treaty":
            return [("$.action", f"{self.action} is the agreement's own step, not a state's")]
        return []


@attrs.frozen(kw_only=True)
class Membership:
    """A state's standing in an organization over a period.

    >>> Membership(state="PAK", status="member", period=Period.parse("2017-06-09/..")).state
    'PAK'

    A period's days are inclusive: the state held the standing on its last day too. A
    standing that ends on the day the next begins hands over on that day; the two do not
    overlap.

    Attributes:
        state: The state, by code.
        status: Its standing, from the ``membership_statuses`` codelist (member, observer,
            candidate, ...).
        period: When the state held that standing; an open end (`..`) means it still does,
            an empty one that it ended at a day not known.
        founding: Whether the state founded the organization, with this standing from its
            founding.
        basis: The step in an agreement the standing rests on, such as the state's
            accession to the founding treaty.
        sources: The ids of the sources for the membership.
    """

    state: StateCode
    status: Annotated[str, Code("membership_statuses", "membership status")]
    period: Period
    founding: bool = False
    basis: MembershipBasis | None = None
    sources: SourceIds = ()

    def __attrs_post_init__(self) -> None:
        check(self)


@record("organization")
@attrs.frozen(kw_only=True)
class Organization:
    """An intergovernmental organization, a ministry, a company or another body.

    A state holds one standing at a time: two of its memberships may not surely overlap
    (one may end in the year, or on the day, the next begins), none starts before the
    organization was founded, and a founding membership starts when it was founded. A
    membership whose start is not known may have begun as late as its end, so only its
    end is checked against the founding; an open start (``..``, no earlier bound) is
    before any founding. One whose end is not known surely ran only on its first day.

    Attributes:
        id: The organization's record id.
        name: Its name, in any script.
        acronym: Its usual short form, e.g. "SCO".
        other_names: Other names and spellings.
        kind: What sort of body it is, from the ``organization_kinds`` codelist.
        founded: When it was founded, when known.
        headquarters: Where its seat is.
        memberships: Its member states and others with a standing, in the order recorded.
        wikidata: Its Wikidata item id.
        identifiers: Its ids in other registers.
        same_as: Where the same record is published elsewhere.
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
    wikidata: WikidataId | None = None
    identifiers: Identifiers = ()
    same_as: SameAs = ()
    sources: SourceIds = ()
    evidence: tuple[Evidence, ...] = ()

    def __attrs_post_init__(self) -> None:
        check(self)

    def _rules(self) -> list[Problem]:
        problems: list[Problem] = []
        overlaps = _overlaps(self.memberships)
        founded = self.founded
        for i, membership in enumerate(self.memberships):
            start = membership.period.start
            if founded is not None:
                if isinstance(start, PartialDate):
                    if start.latest < founded.earliest:
                        problems.append(
                            (
                                f"$.memberships[{i}].period.start",
                                f"{start} is before the organization was founded ({founded})",
                            )
                        )
                    elif membership.founding and start.earliest > founded.latest:
                        problems.append(
                            (
                                f"$.memberships[{i}].period.start",
                                "a founding membership starts when the organization was "
                                f"founded ({founded}), not at {start}",
                            )
                        )
                else:
                    problems += _undated_start(membership.period, founded, f"$.memberships[{i}]")
            for j in overlaps.get(i, ()):
                problems.append(
                    (
                        f"$.memberships[{i}].period",
                        f"{membership.state} already holds a membership over "
                        f"{self.memberships[j].period} ($.memberships[{j}])",
                    )
                )
        return problems

    def members(
        self, on: PartialDate | datetime.date | str | None = None, *, status: str = "member"
    ) -> frozenset[str]:
        """Return the states that held the standing *status* on the day or days *on*.

        *on* is a `PartialDate`, a `datetime.date` or EDTF text (``"2017"``,
        ``"2017-06-09"``); a state counts when its membership could include some day of it,
        so on the day of a handover a state counts in both standings. Without *on*, the
        states that held *status* at any time recorded.

        >>> from diplomod.examples import samarkand_2023
        >>> sco = samarkand_2023().organizations[0]
        >>> sorted(sco.members(on="2010")), sorted(sco.members(on=datetime.date(2023, 4, 14)))
        (['RUS'], ['PAK', 'RUS'])

        Raises:
            ValidationError: *on* is none of those, or *status* is not a membership status.
        """
        day = None if on is None else as_partial_date(on)
        problems: list[Problem] = []
        explainer(_status_field().node)(status, "$.status", problems)  # Membership's own rule
        if problems:
            raise ValidationError(problems)
        return frozenset(
            m.state
            for m in self.memberships
            if m.status == status and (day is None or m.period.could_include(day))
        )

    def founders(self) -> frozenset[str]:
        """Return the states whose membership is marked as founding."""
        return frozenset(m.state for m in self.memberships if m.founding)


def _undated_start(period: Period, founded: PartialDate, path: str) -> list[Problem]:
    """The problems of a membership at *path* whose start is open or not known, against the
    founding: an open start lies before any founding, and a start not known may lie as late
    as the membership's end, which must then not be before the founding."""
    if period.start is OPEN:
        return [
            (
                f"{path}.period.start",
                "an open start (..) has no earlier bound, so it is before the organization was "
                f"founded ({founded}); leave the start empty when it is not known",
            )
        ]
    if surely_started(period) < founded.earliest:
        return [
            (
                f"{path}.period.end",
                f"{period.end} is before the organization was founded ({founded})",
            )
        ]
    return []


def _status_field() -> Field:
    return next(field for field in shape(Membership).fields if field.name == "status")


def _overlaps(memberships: tuple[Membership, ...]) -> dict[int, list[int]]:
    """Map each membership's position to the earlier ones of its state it surely overlaps.

    Two memberships surely overlap when each surely starts before the last day the other
    surely still runs (`Period.surely_overlaps`, less the day of a handover). For each
    state, the memberships are sorted by the day they surely start and taken in order of
    the day they surely still run; each one is asked of a heap of those already taken that
    start before its end, and the heap gives up the ones running past its start without
    looking at any other. The time is O(n log n) plus the number of overlaps found, not one
    comparison for each pair.
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
            while taken < len(by_start) and starts[by_start[taken]] < ends[i]:
                j = by_start[taken]
                heapq.heappush(heap, (-ends[j], j))
                taken += 1
            earlier = [j for j in _keys_at_most(heap, -starts[i] - 1) if j < i]
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
