"""Immutable, validated records of diplomacy: meetings, agreements, organizations and the
fields of cooperation between states.

Every class is a frozen attrs class that checks its rules whenever it is made, raising
`ValidationError` with every problem found.
"""

from __future__ import annotations

from diplomod._codelists import codelist
from diplomod.agreements import Agreement, LifecycleEvent, Signatory
from diplomod.areas import CooperationArea, cooperation_area, cooperation_areas
from diplomod.dates import PartialDate, Period, read_date
from diplomod.dossier import Dossier
from diplomod.errors import ValidationError
from diplomod.evidence import Evidence, Source
from diplomod.meetings import Meeting, Occasion, Participant, Statement
from diplomod.names import Name
from diplomod.organizations import Membership, Organization
from diplomod.people import Office, Person
from diplomod.places import Coordinates, Place
from diplomod.states import State, state

__all__ = [
    "Agreement",
    "CooperationArea",
    "Coordinates",
    "Dossier",
    "Evidence",
    "LifecycleEvent",
    "Meeting",
    "Membership",
    "Name",
    "Occasion",
    "Office",
    "Organization",
    "PartialDate",
    "Participant",
    "Period",
    "Person",
    "Place",
    "Signatory",
    "Source",
    "State",
    "Statement",
    "ValidationError",
    "codelist",
    "cooperation_area",
    "cooperation_areas",
    "read_date",
    "state",
]
