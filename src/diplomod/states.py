"""States, named by their ISO 3166-1 alpha-3 codes.

The codelist ``codelists/states.csv`` is generated from pycountry by
``scripts/generate_states.py``. Besides the current ISO codes (status ``assigned``) it holds
former states from ISO 3166-3 (status ``withdrawn``, e.g. ``SUN`` for the Soviet Union) and
the few actors recorded with a user-assigned code (status ``user-assigned``): ``XKX`` for
Kosovo, the code the European Commission and the IMF use.
"""

from __future__ import annotations

from typing import Literal

import attrs

from diplomod import _codelists
from diplomod._checks import check
from diplomod._types import Label, StateCode
from diplomod.errors import ValidationError, quoted

Status = Literal["assigned", "withdrawn", "user-assigned"]


@attrs.frozen(kw_only=True)
class State:
    """A state as the codelist lists it.

    >>> state("PAK").name, state("XKX").status
    ('Pakistan', 'user-assigned')

    Attributes:
        code: Its alpha-3 code.
        name: Its English short name, as ISO 3166 gives it.
        common_name: The name in common use, where it differs ("Taiwan").
        status: ``assigned``, ``withdrawn`` or ``user-assigned``.
        withdrawn: When a former state's code was withdrawn (EDTF text).
    """

    code: StateCode
    name: Label
    common_name: Label
    status: Status
    withdrawn: Label | None = None

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
    )
