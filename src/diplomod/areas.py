"""Fields of cooperation, named by stable hierarchical codes.

The built-in codes ship as ``codelists/cooperation_areas.csv``. The codelist is open: a
project records its own fields in a namespace of its own, ``acme:fisheries.quotas``, and a
`Dossier` that uses such codes carries their definitions in its ``areas``.
"""

from __future__ import annotations

import functools
from typing import Annotated

import attrs

from diplomod import _codelists
from diplomod._checks import check
from diplomod._rules import Code
from diplomod._types import Area, Cameo, Label, Prose
from diplomod.errors import ValidationError, quoted


@attrs.frozen(kw_only=True)
class CooperationArea:
    """A field states cooperate in, such as trade or counter-terrorism.

    >>> area = cooperation_area("energy.pipelines")
    >>> area.title, area.parent
    ('Pipelines', 'energy')
    >>> area.cameo_activity, area.cameo_agreement, area.cameo_intent
    ('061', '057', '0311')

    Attributes:
        code: The stable code: built-in (``economy.trade``) or namespaced (``acme:fisheries``).
        title: A short label.
        description: What the field covers.
        plover_context: The PLOVER event-data context the field corresponds to, if any.
        cameo_activity: The CAMEO event code for cooperating in the field, a material
            cooperation or aid code (``061`` economic cooperation), if one fits.
        cameo_agreement: The CAMEO event code for signing an agreement in the field
            (``057``, sign formal agreement), if one fits.
        cameo_intent: The CAMEO event code for expressing the intent to cooperate in the
            field (``0311`` economic, ``0312`` military), if one fits.
    """

    code: Area
    title: Label
    description: Prose | None = None
    plover_context: Annotated[str, Code("plover_contexts", "PLOVER context")] | None = None
    cameo_activity: Cameo | None = None
    cameo_agreement: Cameo | None = None
    cameo_intent: Cameo | None = None

    def __attrs_post_init__(self) -> None:
        check(self)

    @property
    def parent(self) -> str | None:
        """The code of the broader field, or ``None`` at the top of the hierarchy."""
        return parent(self.code)


def parent(code: str) -> str | None:
    """Return the code one level up from *code*: ``economy`` for ``economy.trade``."""
    namespace, _, path = code.rpartition(":")
    head, dot, _ = path.rpartition(".")
    if not dot:
        return None
    return f"{namespace}:{head}" if namespace else head


def is_within(code: str, field: str) -> bool:
    """Whether *code* is *field* or one of its narrower fields."""
    return code == field or code.startswith(field + ".")


@functools.cache
def cooperation_areas() -> tuple[CooperationArea, ...]:
    """Return the built-in cooperation areas, sorted by code."""
    return tuple(
        CooperationArea(
            code=row["code"],
            title=row["title"],
            description=row["description"] or None,
            plover_context=row["plover_context"] or None,
            cameo_activity=row["cameo_activity"] or None,
            cameo_agreement=row["cameo_agreement"] or None,
            cameo_intent=row["cameo_intent"] or None,
        )
        for row in _codelists.load("cooperation_areas").values()
    )


def cooperation_area(code: str) -> CooperationArea:
    """Return the built-in cooperation area with *code*."""
    for area in cooperation_areas():
        if area.code == code:
            return area
    codes = [area.code for area in cooperation_areas()]
    raise ValidationError(
        [("$", f"unknown cooperation area {quoted(code)}" + _codelists.suggest(code, codes))]
    )
