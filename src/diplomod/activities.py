"""Cooperation that goes on between parties without being one meeting or one agreement."""

from __future__ import annotations

from typing import Annotated

import attrs

from diplomod._checks import check
from diplomod._model import record
from diplomod._rules import MinItems, Unique
from diplomod._types import ActorRef, AreaCodes, EventStatus, Id, Prose, SourceIds
from diplomod.dates import When
from diplomod.evidence import Evidence


@record("activity", tagged=True)
@attrs.frozen(kw_only=True)
class Activity:
    """Joint work reported as a whole: exercises held, research pursued, projects run.

    >>> Activity(id="pak-rus-exercises", parties=("PAK", "RUS"),
    ...          description="The two states conduct joint military exercises.",
    ...          areas=frozenset({"security.defense.exercises"}), status="ongoing").status
    'ongoing'

    Attributes:
        id: The activity's record id.
        parties: The states (by code) and organizations (by id) that take part.
        description: What they do together, in a sentence.
        areas: The cooperation areas it belongs to.
        when: When it happened or began, when the source says.
        status: Whether it is reported as done, ongoing or planned.
        sources: The ids of the sources reporting it.
        evidence: The sources' words for it.
    """

    id: Id
    parties: Annotated[tuple[ActorRef, ...], MinItems(2), Unique()]
    description: Prose
    areas: Annotated[AreaCodes, MinItems(1)]
    when: When | None = None
    status: EventStatus = "done"
    sources: SourceIds = ()
    evidence: tuple[Evidence, ...] = ()

    def __attrs_post_init__(self) -> None:
        check(self)

    @property
    def date(self) -> When | None:
        """When the activity happened or began, if known: the same as `when`."""
        return self.when
