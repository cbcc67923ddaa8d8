"""Identifiers of a record in other registers, and links to the same record elsewhere."""

from __future__ import annotations

from typing import Annotated

import attrs

from diplomod._checks import check
from diplomod._rules import Code, Unique
from diplomod._types import Label, Url


@attrs.frozen(kw_only=True)
class Identifier:
    """The id a register other than Wikidata gives a person, an organization, a meeting or
    an agreement.

    >>> Identifier(scheme="untc", identifier="I-54113").scheme
    'untc'

    Attributes:
        scheme: The register, from the ``identifier_schemes`` codelist.
        identifier: The id the register gives, as it writes it.
    """

    scheme: Annotated[str, Code("identifier_schemes", "identifier scheme")]
    identifier: Label

    def __attrs_post_init__(self) -> None:
        check(self)


Identifiers = Annotated[tuple[Identifier, ...], Unique()]
"""A record's ids in other registers, each once."""

SameAs = Annotated[tuple[Url, ...], Unique()]
"""Where the same record is published in another dossier or dataset, each once."""
