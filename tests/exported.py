"""What the tests of the exporters share: finding a loss's place in the input, and a large
corpus of records made quickly from the worked example's."""

from __future__ import annotations

import re
from typing import Any

import attrs

from diplomod._export import entries
from diplomod.dates import Period, parse_when
from diplomod.examples import samarkand_2023

_STEP = re.compile(r"\.(\w+)|\[(\d+)\]")


def at(data: Any, path: str) -> Any:
    """Return the value at *path* (``$.meetings[0].when``) in JSON *data*; a period's
    ``.start`` or ``.end`` is its text (a period is written as one string). Raises
    `LookupError` when there is no such place."""
    assert path.startswith("$"), path
    value = data
    for name, position in _STEP.findall(path[1:]):
        if isinstance(value, str) and name in ("start", "end"):
            period = parse_when(value)
            if not isinstance(period, Period):
                raise LookupError(f"{value!r} is no period, so it has no {name}")
            value = str(getattr(period, name))
        elif name:
            value = value[name]
        else:
            value = value[int(position)]
    return value


def corpus(count: int) -> list[Any]:
    """*count* records: the worked example's records with ids and sources, each copied with
    a new id, in turn (so the copies refer to records that are not in the corpus)."""
    templates = [item.record for item in entries(samarkand_2023())]
    return [
        attrs.evolve(template, id=f"{template.id}-{i}")
        for i, template in zip(
            range(count), templates * (count // len(templates) + 1), strict=False
        )
    ]
