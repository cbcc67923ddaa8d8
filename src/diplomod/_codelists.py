"""Loading the codelists that ship as CSV files in ``diplomod/codelists``."""

from __future__ import annotations

import contextlib
import contextvars
import csv
import difflib
import functools
import io
from collections.abc import Iterable, Iterator, Mapping
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


_BUDGET: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "suggestions", default=None
)
SUGGESTED_LENGTH = 64
"""The longest value a suggestion is looked for: longer ones are no misspelt code or key."""
SUGGESTIONS_PER_DOCUMENT = 100
"""The most suggestions one document or record gets; the search costs time per value."""


@contextlib.contextmanager
def suggestions_limited() -> Iterator[None]:
    """Share one budget of suggestions among all the problems found inside this block."""
    if _BUDGET.get() is not None:  # an enclosing document's budget
        yield
        return
    token = _BUDGET.set([SUGGESTIONS_PER_DOCUMENT])
    try:
        yield
    finally:
        _BUDGET.reset(token)


def suggest(value: str, candidates: Iterable[str]) -> str:
    """Return ``"; did you mean 'A' or 'B'?"`` for the candidates nearest *value*, or ``""``.

    Only values of a plausible length get one, and only so many per document.
    """
    if len(value) > SUGGESTED_LENGTH:
        return ""
    budget = _BUDGET.get()
    if budget is not None:
        if budget[0] <= 0:
            return ""
        budget[0] -= 1
    close = difflib.get_close_matches(value, list(candidates), n=3, cutoff=0.6)
    if not close:
        return ""
    quoted = [repr(c) for c in close]
    spelled = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"; did you mean {spelled}?"
