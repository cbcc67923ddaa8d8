"""Loading the codelists that ship as CSV files in ``diplomod/codelists``."""

from __future__ import annotations

import csv
import difflib
import functools
import io
from collections.abc import Iterable, Mapping
from importlib import resources
from types import MappingProxyType

Row = Mapping[str, str]


@functools.cache
def load(name: str) -> Mapping[str, Row]:
    """Return the rows of codelist *name*, keyed by their ``code`` column, in file order."""
    try:
        text = resources.files("diplomod").joinpath("codelists", f"{name}.csv").read_text("utf-8")
    except FileNotFoundError:
        raise LookupError(f"no codelist named {name!r}; there are: {', '.join(names())}") from None
    rows = {row["code"]: MappingProxyType(row) for row in csv.DictReader(io.StringIO(text))}
    return MappingProxyType(rows)


def codelist(name: str) -> Mapping[str, Row]:
    """Return the shipped codelist *name* as a read-only mapping of code to its CSV row.

    >>> codelist("participant_roles")["host"]["title"]
    'Host'
    >>> sorted(codelist("event_statuses"))
    ['done', 'ongoing', 'planned']
    """
    return load(name)


@functools.cache
def names() -> tuple[str, ...]:
    """Return the names of the shipped codelists."""
    folder = resources.files("diplomod").joinpath("codelists")
    return tuple(sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".csv")))


def suggest(value: str, candidates: Iterable[str]) -> str:
    """Return ``"; did you mean 'A' or 'B'?"`` for the candidates nearest *value*, or ``""``."""
    close = difflib.get_close_matches(value, list(candidates), n=3, cutoff=0.6)
    if not close:
        return ""
    quoted = [repr(c) for c in close]
    spelled = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"; did you mean {spelled}?"
