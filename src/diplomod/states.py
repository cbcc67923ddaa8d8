"""States, named by their ISO 3166-1 alpha-3 codes.

The codelist ``codelists/states.csv`` is generated from pycountry by
``scripts/generate_states.py``. Besides the current ISO codes (status ``assigned``) it holds
former states from ISO 3166-3 (status ``withdrawn``, e.g. ``SUN`` for the Soviet Union) and
the few actors recorded with a user-assigned code (status ``user-assigned``): ``XKX`` for
Kosovo, the code the European Commission and the IMF use. Each row gives the state's ISO
3166-1 alpha-2 code beside it where it has one in use (``XK`` for Kosovo); a withdrawn
state has none, as its two letters may since name another state.
"""

from __future__ import annotations

from typing import Annotated, Literal

import attrs

from diplomod import _codelists
from diplomod._checks import check
from diplomod._rules import Pattern
from diplomod._types import Label, StateCode
from diplomod.errors import ValidationError, quoted

Status = Literal["assigned", "withdrawn", "user-assigned"]

Alpha2 = Annotated[str, Pattern(r"^[A-Z]{2}$", "an ISO 3166-1 alpha-2 code such as 'PK'")]
"""A two-letter ISO 3166-1 code."""


@attrs.frozen(kw_only=True)
class State:
    """A state as the codelist lists it.

    >>> state("PAK").name, state("PAK").alpha_2, state("XKX").status
    ('Pakistan', 'PK', 'user-assigned')

    Attributes:
        code: Its alpha-3 code.
        name: Its English short name, as ISO 3166 gives it.
        common_name: The name in common use, where it differs ("Taiwan").
        status: ``assigned``, ``withdrawn`` or ``user-assigned``.
        withdrawn: When a former state's code was withdrawn (EDTF text).
        alpha_2: Its ISO 3166-1 alpha-2 code, if it has one in use (``XK`` for Kosovo);
            none for a withdrawn state.
    """

    code: StateCode
    name: Label
    common_name: Label
    status: Status
    withdrawn: Label | None = None
    alpha_2: Alpha2 | None = None

    def __attrs_post_init__(self) -> None:
        check(self)


def state(code: str) -> State:
    """Return the state with *code*, or raise `ValidationError` suggesting the nearest codes.

    >>> state("PAKI")
    Traceback (most recent call last):
    ...
    diplomod.errors.ValidationError: $: unknown state code 'PAKI'; did you mean 'PAK'?
    """
    row = _codelists.load("states").get(code) if isinstance(code, str) else None
    if row is None:
        message = f"unknown state code {quoted(code)}"
        if isinstance(code, str):
            message += _codelists.suggest(code.upper(), _codelists.load("states"))
        raise ValidationError([("$", message)])
    return State(
        code=row["code"],
        name=row["name"],
        common_name=row["common_name"],
        status=row["status"],  # type: ignore[arg-type]
        withdrawn=row["withdrawn"] or None,
        alpha_2=row["alpha_2"] or None,
    )
