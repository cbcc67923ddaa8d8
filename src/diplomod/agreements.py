"""Agreements between states and organizations, and what each party did with them."""

from __future__ import annotations

from typing import Annotated

import attrs

from diplomod._checks import check
from diplomod._model import record
from diplomod._rules import Code, MinItems, Unique
from diplomod._types import (
    ActorRef,
    AreaCodes,
    EventStatus,
    Id,
    Label,
    MeetingId,
    PersonId,
    SourceIds,
)
from diplomod.dates import PartialDate
from diplomod.errors import Problem
from diplomod.evidence import Evidence
from diplomod.places import Place

AFTER_SIGNATURE = frozenset({"ratified", "entered_into_force", "withdrawn", "terminated"})
"""Lifecycle actions a party cannot take before it signed."""


@attrs.frozen(kw_only=True)
class LifecycleEvent:
    """One step a party took with an agreement: signing, ratifying, withdrawing, ...

    Attributes:
        action: What happened, from the ``lifecycle_actions`` codelist.
        party: The party it happened for, by state code or organization id.
        date: When.
        place: Where, when it matters (signings have a place).
    """

    action: Annotated[str, Code("lifecycle_actions", "lifecycle action")]
    party: ActorRef
    date: PartialDate
    place: Place | None = None

    def __attrs_post_init__(self) -> None:
        check(self)


@attrs.frozen(kw_only=True)
class Signatory:
    """A person who signed an agreement on behalf of a party.

    Attributes:
        person: The id of the `Person`.
        on_behalf_of: The party, by state code or organization id.
        office: The title of the office the person signed in.
    """

    person: PersonId
    on_behalf_of: ActorRef
    office: Label | None = None

    def __attrs_post_init__(self) -> None:
        check(self)


@record("agreement", tagged=True)
@attrs.frozen(kw_only=True)
class Agreement:
    """A treaty, memorandum of understanding, joint statement or other instrument.

    Rules: two or more distinct parties; every signatory and lifecycle event is for a party;
    a party takes each action once, and does not ratify, bring into force, withdraw or
    terminate before it signed; nothing enters into force before the agreement was concluded.

    Attributes:
        id: The agreement's record id.
        title: Its title, or a description when untitled.
        instrument: What kind of instrument, from the ``instrument_types`` codelist.
        parties: The states (by code) and organizations (by id) party to it.
        concluded: When the text was agreed or first signed.
        signatories: Who signed, for which party.
        events: What each party did with it, in the order recorded.
        areas: The cooperation areas it covers.
        projects: The projects it concerns, by name (e.g. a gas pipeline).
        meeting: The id of the `Meeting` where it was signed or discussed.
        status: Whether it is reported as done, ongoing (in negotiation) or planned.
        sources: The ids of the sources reporting it.
        evidence: The source's words for it.
    """

    id: Id
    title: Label
    instrument: Annotated[str, Code("instrument_types", "instrument type")]
    parties: Annotated[tuple[ActorRef, ...], MinItems(2), Unique()]
    concluded: PartialDate | None = None
    signatories: Annotated[tuple[Signatory, ...], Unique()] = ()
    events: tuple[LifecycleEvent, ...] = ()
    areas: AreaCodes = frozenset()
    projects: Annotated[tuple[Label, ...], Unique()] = ()
    meeting: MeetingId | None = None
    status: EventStatus = "done"
    sources: SourceIds = ()
    evidence: tuple[Evidence, ...] = ()

    def __attrs_post_init__(self) -> None:
        check(self)

    def _rules(self) -> list[Problem]:
        parties = frozenset(self.parties)
        problems: list[Problem] = [
            (f"$.signatories[{i}].on_behalf_of", f"{s.on_behalf_of!r} is not a party")
            for i, s in enumerate(self.signatories)
            if s.on_behalf_of not in parties
        ]
        signed: dict[str, PartialDate] = {}
        seen: dict[tuple[str, str], int] = {}
        for i, event in enumerate(self.events):
            path = f"$.events[{i}]"
            if event.party not in parties:
                problems.append((f"{path}.party", f"{event.party!r} is not a party"))
            key = (event.party, event.action)
            if key in seen:
                problems.append(
                    (
                        path,
                        f"{event.party} is already recorded as {event.action} "
                        f"at $.events[{seen[key]}]",
                    )
                )
            seen.setdefault(key, i)
            if event.action == "signed":
                signed.setdefault(event.party, event.date)
        for i, event in enumerate(self.events):
            first = signed.get(event.party)
            if (
                event.action in AFTER_SIGNATURE
                and first is not None
                and event.date.latest < first.earliest
            ):
                problems.append(
                    (
                        f"$.events[{i}].date",
                        f"{event.party} {event.action} on "
                        f"{event.date}, before it signed on {first}",
                    )
                )
            if (
                event.action == "entered_into_force"
                and self.concluded is not None
                and event.date.latest < self.concluded.earliest
            ):
                problems.append(
                    (
                        f"$.events[{i}].date",
                        f"entered into force on {event.date}, "
                        f"before the agreement was concluded on {self.concluded}",
                    )
                )
        return problems

    @property
    def date(self) -> PartialDate | None:
        """When the agreement was concluded, or else its earliest recorded event."""
        if self.concluded is not None:
            return self.concluded
        return min((event.date for event in self.events), default=None)
