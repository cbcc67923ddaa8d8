"""Organizations and the states that belong to them."""

from __future__ import annotations

from typing import Annotated

import attrs

from diplomod._checks import check
from diplomod._model import record
from diplomod._rules import Code, Unique
from diplomod._types import Id, Label, SourceIds, StateCode
from diplomod.dates import PartialDate, Period
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
            for j, earlier in enumerate(self.memberships[:i]):
                if earlier.state == membership.state and earlier.period.surely_overlaps(
                    membership.period
                ):
                    problems.append(
                        (
                            f"$.memberships[{i}].period",
                            f"{membership.state} already holds a membership over "
                            f"{earlier.period} ($.memberships[{j}])",
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
