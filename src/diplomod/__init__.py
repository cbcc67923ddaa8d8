"""Immutable, validated records of diplomacy: meetings, agreements, organizations and the
fields of cooperation between states.

Every class is a frozen attrs class that checks its rules whenever it is made, raising
`ValidationError` with every problem found.
"""

from __future__ import annotations

from diplomod._codelists import codelist
from diplomod._export import Exported, Loss
from diplomod._schema import json_schema
from diplomod.activities import Activity
from diplomod.agreements import (
    Agreement,
    AgreementLink,
    Depositary,
    LifecycleEvent,
    Signatory,
    Standing,
)
from diplomod.areas import CooperationArea, cooperation_area, cooperation_areas
from diplomod.dates import OPEN, Open, PartialDate, Period, read_date, read_period
from diplomod.dossier import Dossier, Event
from diplomod.errors import ValidationError
from diplomod.evidence import Evidence, Source
from diplomod.identifiers import Identifier
from diplomod.meetings import Meeting, Occasion, Participant, Statement
from diplomod.names import Name
from diplomod.organizations import Membership, MembershipBasis, Organization
from diplomod.people import Office, Person
from diplomod.places import Coordinates, Place
from diplomod.serializers import (
    configure_converter,
    from_dict,
    from_json,
    load_jsonl,
    read_jsonl,
    read_jsonl_results,
    to_dict,
    to_json,
    write_jsonl,
)
from diplomod.states import State, state

__all__ = [
    "OPEN",
    "Activity",
    "Agreement",
    "AgreementLink",
    "CooperationArea",
    "Coordinates",
    "Depositary",
    "Dossier",
    "Event",
    "Evidence",
    "Exported",
    "Identifier",
    "LifecycleEvent",
    "Loss",
    "Meeting",
    "Membership",
    "MembershipBasis",
    "Name",
    "Occasion",
    "Office",
    "Open",
    "Organization",
    "PartialDate",
    "Participant",
    "Period",
    "Person",
    "Place",
    "Signatory",
    "Source",
    "Standing",
    "State",
    "Statement",
    "ValidationError",
    "codelist",
    "configure_converter",
    "cooperation_area",
    "cooperation_areas",
    "from_dict",
    "from_json",
    "json_schema",
    "load_jsonl",
    "read_date",
    "read_jsonl",
    "read_jsonl_results",
    "read_period",
    "state",
    "to_dict",
    "to_json",
    "write_jsonl",
]
