"""People and the offices they hold."""

from __future__ import annotations

from typing import Annotated

import attrs

from diplomod._checks import check
from diplomod._model import record
from diplomod._rules import Unique
from diplomod._types import ActorRef, Id, Label, SourceIds, WikidataId
from diplomod.dates import Period
from diplomod.errors import Problem
from diplomod.evidence import Evidence
from diplomod.identifiers import Identifiers, SameAs
from diplomod.names import Name


@attrs.frozen(kw_only=True)
class Office:
    """An office a person holds, for a state or an organization.

    >>> Office(title="Minister of Foreign Affairs", represents="RUS").represents
    'RUS'

    Attributes:
        title: The office's title, e.g. "Minister of State for Foreign Affairs".
        represents: The state (by code) or organization (by id) the office belongs to.
        period: When the person held the office, when known.
    """

    title: Label
    represents: ActorRef
    period: Period | None = None

    def __attrs_post_init__(self) -> None:
        check(self)


@record("person")
@attrs.frozen(kw_only=True)
class Person:
    """A person who takes part in diplomacy.

    Attributes:
        id: The person's record id.
        name: The name the records use, in any script.
        other_names: Other names and spellings, e.g. in the person's own script.
        wikidata: The person's Wikidata item id.
        offices: The offices the person holds or held, in the order the records give.
        identifiers: The person's ids in other registers.
        same_as: Where the same record is published elsewhere.
        sources: The ids of the sources for what the record says.
        evidence: The sources' words for it.
    """

    id: Id
    name: Label
    other_names: Annotated[tuple[Name, ...], Unique()] = ()
    wikidata: WikidataId | None = None
    offices: Annotated[tuple[Office, ...], Unique()] = ()
    identifiers: Identifiers = ()
    same_as: SameAs = ()
    sources: SourceIds = ()
    evidence: tuple[Evidence, ...] = ()

    def __attrs_post_init__(self) -> None:
        check(self)

    def _rules(self) -> list[Problem]:
        return [
            (f"$.other_names[{i}].text", f"repeats the name {self.name!r}")
            for i, other in enumerate(self.other_names)
            if other.text == self.name and other.language is None
        ]
