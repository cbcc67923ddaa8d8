"""Agreements between states and organizations, and what each party did with them."""

from __future__ import annotations

import bisect
import datetime
import functools
import itertools
from collections.abc import Iterator
from typing import Annotated, Literal

import attrs

from diplomod import _codelists
from diplomod._checks import check
from diplomod._model import record
from diplomod._rules import Code, MinItems, Unique
from diplomod._types import (
    ActorRef,
    AgreementId,
    AreaCodes,
    EventStatus,
    Id,
    Label,
    MeetingId,
    PersonId,
    Prose,
    SourceIds,
    WikidataId,
)
from diplomod.dates import PartialDate, as_partial_date, surely_before
from diplomod.errors import Problem, ValidationError
from diplomod.evidence import Evidence
from diplomod.identifiers import Identifiers, SameAs
from diplomod.places import Place


@functools.cache
def _column(name: str) -> dict[str, str]:
    """One column of the ``lifecycle_actions`` codelist, by action, read once."""
    return {code: row[name] for code, row in _codelists.load("lifecycle_actions").items()}


AFTER_SIGNATURE = frozenset({"consent", "force", "notice", "exit"})
"""The steps a party that signed cannot take before its signature (consent by accession,
succession or a definitive signature needs none, so none is asked for)."""
LEAVING = frozenset({"withdrawal_effective", "withdrawn", "denounced"})
"""The actions after which a party is no longer bound, and may become bound again."""
_ONCE = frozenset(
    {"adopted", "opened_for_signature", "signed", "consent", "deposited"}
    | {"entered_into_force", "notice", "exit"}
)
"""What a party (or the agreement) does once each time it is in the agreement."""


@attrs.frozen(kw_only=True)
class LifecycleEvent:
    """One step in an agreement's life, as treaty practice records it: the text adopted,
    a party's signature, its consent to be bound, entry into force, a withdrawal, ...

    Attributes:
        action: What happened, from the ``lifecycle_actions`` codelist, whose ``scope``
            says whether it is a party's step, the agreement's own, or either.
        party: The party it happened for, by state code or organization id; none for a
            step of the agreement as a whole (its adoption, its entry into force).
        date: When; for a deposit, the day the instrument was deposited.
        place: Where, when it matters (adoptions and signings have a place).
        meeting: The id of the `Meeting` at which the step was taken, such as the
            conference that adopted the text. Its place may differ from the meeting's; in
            a `Dossier` its date falls within the meeting's.
        text: What a reservation, a declaration or an objection says, in the source's
            words or in summary; only those steps (the codelist's ``reservation`` step,
            withdrawals included) have one.
        regarding: For an objection, the party whose reservation it objects to (the
            codelist's ``regarding`` column names the actions that regard another party).
    """

    action: Annotated[str, Code("lifecycle_actions", "lifecycle action")]
    party: ActorRef | None = None
    date: PartialDate
    place: Place | None = None
    meeting: MeetingId | None = None
    text: Prose | None = None
    regarding: ActorRef | None = None

    def __attrs_post_init__(self) -> None:
        check(self)

    def _rules(self) -> list[Problem]:
        problems: list[Problem] = []
        scope = _column("scope").get(self.action)
        if scope == "party" and self.party is None:
            problems.append(("$.party", f"{self.action} is a party's step: name the party"))
        if scope == "treaty" and self.party is not None:
            problems.append(
                ("$.party", f"{self.action} is the agreement's own step, for no one party")
            )
        if self.text is not None and _column("step").get(self.action) != "reservation":
            problems.append(
                ("$.text", f"{self.action} has no text: only reservations, declarations and "
                 "objections, and their withdrawals, do")
            )  # fmt: skip
        if self.regarding is not None and not _column("regarding").get(self.action):
            regarding = sorted(a for a, r in _column("regarding").items() if r)
            problems.append(
                ("$.regarding", f"{self.action} regards no other party; only "
                 f"{' and '.join(regarding)} does")
            )  # fmt: skip
        elif self.regarding is not None and self.regarding == self.party:
            problems.append(("$.regarding", f"{self.party} does not object to its own reservation"))
        return problems


@attrs.frozen(kw_only=True)
class Signatory:
    """A person who signed an agreement, for a party or in another role.

    Attributes:
        person: The id of the `Person`.
        on_behalf_of: The state (by code) or organization (by id) the person signed for.
        office: The title of the office the person signed in.
        role: Why the person signed, from the ``signatory_roles`` codelist: for a party,
            or as a witness, a guarantor or a mediator; its ``party`` column says whether
            the one signed for is a party (yes), is not (no), or may be either.
    """

    person: PersonId
    on_behalf_of: ActorRef
    office: Label | None = None
    role: Annotated[str, Code("signatory_roles", "signatory role")] = "party"

    def __attrs_post_init__(self) -> None:
        check(self)


@attrs.frozen(kw_only=True)
class Depositary:
    """The keeper of an agreement's original text, who receives the parties' instruments
    and notifies the others: a state's government, an organization, or an office of one.

    A depositary may be a party too, as the United States is of the North Atlantic Treaty.

    Attributes:
        actor: The state (by code) or organization (by id).
        office: The office that keeps the agreement, such as "Secretary-General of the
            United Nations"; none when it is the state's government or the organization.
    """

    actor: ActorRef
    office: Label | None = None

    def __attrs_post_init__(self) -> None:
        check(self)


@attrs.frozen(kw_only=True)
class AgreementLink:
    """How an agreement relates to another: it amends it, is a protocol to it, ...

    Attributes:
        relation: How, from the ``agreement_relations`` codelist, whose ``follows`` column
            says whether the linking agreement comes after the other, so that in a
            `Dossier` it is not dated surely before it.
        agreement: The id of the other `Agreement`.
    """

    relation: Annotated[str, Code("agreement_relations", "agreement relation")]
    agreement: AgreementId

    def __attrs_post_init__(self) -> None:
        check(self)


@record("agreement", tagged=True)
@attrs.frozen(kw_only=True)
class Agreement:
    """A treaty, memorandum of understanding, joint statement or other instrument.

    Rules: two or more distinct parties; a signatory signs for a party, or for one that is
    not as a witness or a mediator (a guarantor may be either); every lifecycle event is for
    a party; a party takes each step once, unless a withdrawal took effect between (then it
    may become bound again); nothing is signed before the text was adopted or opened for
    signature, or before the agreement was concluded; a party that signed does not consent,
    come under the agreement's force, withdraw or leave before its signature; no party's
    entry into force comes before the agreement's own; a withdrawal takes effect on or
    after its notification; nothing enters into force before the agreement was concluded;
    no depositary and no link is listed twice, and an agreement does not link to itself.

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
        depositaries: Who keeps it, in the order recorded: one or more states, an
            organization, or an office of one; a depositary may also be a party.
        links: How it relates to other agreements: it amends one, is a protocol to
            another, ...
        status: Whether it is reported as done, ongoing (in negotiation) or planned.
        wikidata: Its Wikidata item id.
        identifiers: Its ids in other registers.
        same_as: Where the same record is published elsewhere.
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
    depositaries: Annotated[tuple[Depositary, ...], Unique()] = ()
    links: Annotated[tuple[AgreementLink, ...], Unique()] = ()
    status: EventStatus = "done"
    wikidata: WikidataId | None = None
    identifiers: Identifiers = ()
    same_as: SameAs = ()
    sources: SourceIds = ()
    evidence: tuple[Evidence, ...] = ()

    def __attrs_post_init__(self) -> None:
        check(self)

    def _rules(self) -> list[Problem]:
        parties = frozenset(self.parties)
        problems: list[Problem] = list(self._signatory_problems(parties))
        problems += [
            (f"$.links[{i}].agreement", "an agreement does not link to itself")
            for i, link in enumerate(self.links)
            if link.agreement == self.id
        ]
        steps = _column("step")
        first: dict[tuple[str | None, str], PartialDate] = {}  # the earliest of each action
        for event in self.events:
            key = (event.party, event.action)
            if key not in first or event.date.earliest < first[key].earliest:
                first[key] = event.date
        repeats = dict(self._repeats())
        opened = [
            first[k] for k in ((None, "adopted"), (None, "opened_for_signature")) if k in first
        ]
        in_force = first.get((None, "entered_into_force"))
        for i, event in enumerate(self.events):
            path = f"$.events[{i}]"
            if i in repeats:
                problems.append((path, repeats[i]))
            if event.party is not None and event.party not in parties:
                problems.append((f"{path}.party", f"{event.party!r} is not a party"))
            if event.regarding is not None and event.regarding not in parties:
                problems.append((f"{path}.regarding", f"{event.regarding!r} is not a party"))
            step = steps.get(event.action)
            problems += [
                (f"{path}.date", message)
                for message in self._order(event, step, first, opened, in_force)
            ]
        return problems

    def _signatory_problems(self, parties: frozenset[str]) -> Iterator[Problem]:
        """Check that each signatory signed for a party, or for none, as its role says."""
        roles = _codelists.load("signatory_roles")
        for i, signatory in enumerate(self.signatories):
            row = roles.get(signatory.role)
            is_party = signatory.on_behalf_of in parties
            if row is None or row["party"] == "either":
                continue
            if row["party"] == "yes" and not is_party:
                yield (
                    f"$.signatories[{i}].on_behalf_of",
                    f"{signatory.on_behalf_of!r} is not a party",
                )
            elif row["party"] == "no" and is_party:
                yield (
                    f"$.signatories[{i}].role",
                    f"{signatory.on_behalf_of} is a party, so it does not sign as a "
                    f"{signatory.role}",
                )

    def _order(
        self,
        event: LifecycleEvent,
        step: str | None,
        first: dict[tuple[str | None, str], PartialDate],
        opened: list[PartialDate],
        in_force: PartialDate | None,
    ) -> Iterator[str]:
        """Say what *event* comes surely too early for."""
        date, who = event.date, event.party or "the agreement"
        signed = first.get((event.party, "signed")) if event.party is not None else None
        if step in AFTER_SIGNATURE and signed is not None and surely_before(date, signed):
            yield f"{who} {event.action} on {date}, before it signed on {signed}"
        if event.action in ("signed", "signed_definitively"):
            for start in opened:
                if surely_before(date, start):
                    yield f"signed on {date}, before the text was adopted or opened on {start}"
            if self.concluded is not None and surely_before(date, self.concluded):
                yield f"signed on {date}, before the agreement was concluded on {self.concluded}"
        if event.action == "entered_into_force":
            if self.concluded is not None and surely_before(date, self.concluded):
                yield (
                    f"entered into force on {date}, "
                    f"before the agreement was concluded on {self.concluded}"
                )
            if event.party is not None and in_force is not None and surely_before(date, in_force):
                yield (
                    f"in force for {who} on {date}, before the agreement itself entered into "
                    f"force on {in_force}"
                )
        notified = first.get((event.party, "withdrawal_notified"))
        if (
            event.action == "withdrawal_effective"
            and notified is not None
            and surely_before(date, notified)
        ):
            yield f"the withdrawal takes effect on {date}, before it was notified on {notified}"

    def _repeats(self) -> Iterator[tuple[int, str]]:
        """Say which events repeat a step that is taken once for each time a party is in the
        agreement: a signature, a consent, a deposit, an entry into force (again only after
        a withdrawal took effect), a notice or a leaving (again only after a new consent).
        Reservations, declarations, objections, suspensions and provisional application may
        come any number of times."""
        steps = _column("step")
        by_key: dict[tuple[str | None, str], list[int]] = {}
        leaving: dict[str | None, list[datetime.date]] = {}
        joining: dict[str | None, list[datetime.date]] = {}
        for i, event in enumerate(self.events):
            step = steps.get(event.action, "")
            if event.action in LEAVING:
                leaving.setdefault(event.party, []).append(event.date.earliest)
            if step == "consent" or (event.action == "entered_into_force" and event.party):
                joining.setdefault(event.party, []).append(event.date.earliest)
            key = event.action if step in ("adoption", "signature", "force", "deposit") else step
            if key in _ONCE:
                by_key.setdefault((event.party, key), []).append(i)
        for days in (*leaving.values(), *joining.values()):
            days.sort()
        for (party, key), positions in by_key.items():
            again = joining if key in ("notice", "exit") else leaving
            days = again.get(party, [])
            ordered = sorted(positions, key=lambda i: (self.events[i].date.earliest, i))
            for before, after in itertools.pairwise(ordered):
                low = self.events[before].date.earliest
                left = bisect.bisect_left(days, low)
                if left == len(days) or days[left] > self.events[after].date.latest:
                    between = "new consent" if again is joining else "withdrawal taking effect"
                    yield (
                        after,
                        f"{party or 'the agreement'} is already recorded as "
                        f"{self.events[before].action} at $.events[{before}], with no "
                        f"{between} between",
                    )

    def standing(self, party: str, on: PartialDate | datetime.date | str) -> Standing:
        """Return where *party* stood with the agreement on the day or days *on*.

        The steps dated surely by *on* give what it certainly was; adding those that may
        fall by then (a step known to the year, asked of a day in that year) gives what it
        possibly was. *on* is a `PartialDate`, a `datetime.date` or EDTF text.

        >>> from diplomod import PartialDate
        >>> paris = Agreement(
        ...     id="paris-agreement",
        ...     title="Paris Agreement",
        ...     instrument="treaty",
        ...     parties=("USA", "FRA"),
        ...     events=(
        ...         LifecycleEvent(action="entered_into_force", date=PartialDate.parse("2016-11-04")),
        ...         LifecycleEvent(action="accepted", party="USA", date=PartialDate.parse("2016-09-03")),
        ...         LifecycleEvent(action="withdrawal_effective", party="USA", date=PartialDate.parse("2020-11")),
        ...     ),
        ... )
        >>> paris.standing("USA", "2018")
        Standing(certainly='bound', possibly='bound')
        >>> paris.standing("USA", "2020-11-10")
        Standing(certainly='bound', possibly='withdrawn')

        Raises:
            ValidationError: *on* is not a date, or *party* is not a party.
        """  # noqa: E501
        day = as_partial_date(on)
        if party not in self.parties:
            raise ValidationError([("$.party", f"{party!r} is not a party")])
        steps = _column("step")
        events = sorted(  # by the day each surely happened by: the sure ones come first
            (e for e in self.events if e.party in (party, None)),
            key=lambda e: (e.date.latest, e.date.earliest),
        )
        own = _own_force(events)
        surely = [e for e in events if e.date.latest <= day.earliest]
        maybe = [e for e in events if e.date.earliest <= day.latest]
        return Standing(_replay(surely, steps, own), _replay(maybe, steps, own))

    def bound_on(self, on: PartialDate | datetime.date | str) -> frozenset[str]:
        """Return the parties certainly bound by the agreement on the day or days *on*."""
        return frozenset(p for p in self.parties if self.standing(p, on).certainly == "bound")

    @property
    def date(self) -> PartialDate | None:
        """When the agreement was concluded, or else its earliest recorded event."""
        if self.concluded is not None:
            return self.concluded
        return min((event.date for event in self.events), default=None)


Where = Literal["not_involved", "signatory", "consented", "bound", "withdrawn", "ended"]
"""A party's standing: not yet involved, signed, consented to be bound while the agreement is
not yet in force for it, bound, withdrawn (and not bound again), or ended: the agreement
was terminated, as a whole or for the party, and nothing after counts. A suspension leaves
the standing as it was."""


@attrs.frozen
class Standing:
    """Where a party stood with an agreement on a date: certainly, and possibly.

    Attributes:
        certainly: Its standing from the steps surely taken by the date.
        possibly: Its standing if every step that may have been taken by then was.
    """

    certainly: Where
    possibly: Where

    @property
    def certain(self) -> bool:
        """Whether the partial dates leave no doubt."""
        return self.certainly == self.possibly


def _own_force(events: list[LifecycleEvent]) -> dict[int, bool]:
    """For each time a party is in the agreement, from the start (key 0) and from each
    withdrawal taking effect (key: its ``id``): whether its own entry into force is
    recorded for that time."""
    found = {0: False}
    time = 0
    for event in events:
        if event.action in LEAVING:
            time = id(event)
            found[time] = False
        elif event.action == "entered_into_force" and event.party is not None:
            found[time] = True
    return found


def _replay(events: list[LifecycleEvent], steps: dict[str, str], own: dict[int, bool]) -> Where:
    """Return a party's standing after *events* (its own and the agreement's), in order.

    A party is bound from its own entry into force, or, when none is recorded for the
    time it is in (*own*), once it consented and the agreement is in force as a whole.
    """
    where: Where = "not_involved"
    consented = in_force = for_it = False
    time = 0  # the withdrawal the party is in since, by its id
    for event in events:
        step = steps.get(event.action)
        if event.action == "terminated":
            return "ended"
        if event.action == "entered_into_force":
            if event.party is None:
                in_force = True
            else:
                consented = for_it = True
        elif event.party is None:
            continue
        elif step == "signature" and where in ("not_involved", "withdrawn"):
            where = "signatory"
        elif step == "consent":
            consented = True
        elif event.action in LEAVING:
            where, consented, for_it = "withdrawn", False, False
            time = id(event)
        if consented:
            bound = for_it or (in_force and not own[time])
            where = "bound" if bound else "consented"
    return where
