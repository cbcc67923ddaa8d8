"""The field types shared by the record classes, each with its rules declared once."""

from __future__ import annotations

from typing import Annotated

from diplomod._model import Ref
from diplomod._rules import (
    ID_PATTERN,
    URL_PATTERN,
    Actor,
    AreaCode,
    Code,
    FullText,
    Pattern,
    Range,
    Text,
    Unique,
)
from diplomod._rules import StateCode as _StateCode

Id = Annotated[
    str,
    Pattern(
        ID_PATTERN,
        "a record id: lower-case letters and digits in parts "
        "joined by '.', '-' or '_', such as 'meeting-2023-04-14'",
    ),
]
"""A record's id, unique within a `Dossier`; other records refer to it by this id."""

SourceId = Annotated[Id, Ref("source")]
"""The id of a `Source`."""

PersonId = Annotated[Id, Ref("person")]
"""The id of a `Person`."""

MeetingId = Annotated[Id, Ref("meeting")]
"""The id of a `Meeting`."""

AgreementId = Annotated[Id, Ref("agreement")]
"""The id of an `Agreement`."""

SourceIds = Annotated[tuple[SourceId, ...], Unique()]
"""The ids of the sources for a record."""

Label = Annotated[str, Text()]
"""A name, title or other single line of human text, in any script."""

Prose = Annotated[str, Text(multiline=True)]
"""Human text that may run over several lines."""

Document = Annotated[str, FullText()]
"""A document's full text, kept exactly as published."""

StateCode = Annotated[str, _StateCode()]
"""A state, by its code in the ``states`` codelist (ISO 3166-1 alpha-3, plus ``XKX``)."""

ActorRef = Annotated[str, Actor(), Ref("organization")]
"""A state by its code (``PAK``) or an organization by its id (``sco``)."""

SpeakerRef = Annotated[str, Actor(), Ref("person", "organization")]
"""A person by id, a state by code or an organization by id."""

Area = Annotated[str, AreaCode()]
"""A cooperation area, by its code (``economy.trade``, ``acme:fisheries``)."""

AreaCodes = frozenset[Area]
"""A set of cooperation areas, by their codes."""

WikidataId = Annotated[str, Pattern(r"^Q[1-9][0-9]*$", "a Wikidata id such as 'Q42'")]
"""A Wikidata item id."""

LanguageTag = Annotated[
    str,
    Pattern(
        r"^[a-zA-Z]{2,3}(-[a-zA-Z]{3}){0,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?"
        r"(-([a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*(-[0-9a-wy-zA-WY-Z](-[a-zA-Z0-9]{2,8})+)*"
        r"(-x(-[a-zA-Z0-9]{1,8})+)?$",
        "a well-formed BCP 47 language tag such as 'en', 'ur' or 'zh-Hant'",
    ),
]
"""A BCP 47 language tag; well-formedness is checked, not registration."""

Url = Annotated[str, Pattern(URL_PATTERN, "an http or https URL")]
"""An absolute web address."""

Cameo = Annotated[str, Code("cameo_event_codes", "CAMEO event code")]
"""A CAMEO event code from the ``cameo_event_codes`` codelist, as text with its leading
zeros (``061``)."""

GeoNamesId = Annotated[int, Range(1, 2**31 - 1)]
"""A GeoNames feature id."""

Offset = Annotated[int, Range(0, 2**31 - 1)]
"""A position in a text, counted in Unicode code points."""

EventStatus = Annotated[str, Code("event_statuses", "event status")]
"""Whether an event or statement is reported as ``done``, ``ongoing`` or ``planned``."""
