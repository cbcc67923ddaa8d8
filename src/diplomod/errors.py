"""The one exception diplomod raises for bad data."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

Problem = tuple[str, str]
"""One problem: a JSON path such as ``$.participants[1].represents`` and what rule it broke."""


class ValidationError(ValueError):
    """Data broke one or more of diplomod's rules.

    Every problem found is reported at once, as ``(path, message)`` pairs whose paths are
    JSON paths from the root of the object or document being checked.

    >>> from diplomod import Place
    >>> Place(name=" Samarkand", country="UZBK")
    Traceback (most recent call last):
    ...
    diplomod.errors.ValidationError: 2 problems:
      $.name: must not start or end with white space
      $.country: unknown state code 'UZBK'; did you mean 'UZB'?

    Attributes:
        problems: The ``(path, message)`` pairs, in the order they were found.
        line: The line of a JSON Lines file the problems are on, when read from one.
    """

    problems: tuple[Problem, ...]
    line: int | None

    def __init__(self, problems: Iterable[Problem], *, line: int | None = None) -> None:
        self.problems = tuple(problems)
        self.line = line
        if not self.problems:
            raise ValueError("a ValidationError needs at least one problem")
        super().__init__(self.problems)

    def __str__(self) -> str:
        lines = [f"{path}: {message}" for path, message in self.problems]
        where = "" if self.line is None else f"line {self.line}: "
        if len(lines) == 1:
            return where + lines[0]
        return f"{where}{len(lines)} problems:\n" + "\n".join(f"  {line}" for line in lines)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.problems, self.line))

    def under(self, prefix: str) -> ValidationError:
        """Return the same problems with their paths moved under *prefix*.

        >>> ValidationError([("$.country", "unknown")]).under("$.where").problems
        (('$.where.country', 'unknown'),)
        """
        moved = ((join(prefix, path), message) for path, message in self.problems)
        return ValidationError(moved, line=self.line)


def _rebuild(problems: tuple[Problem, ...], line: int | None) -> ValidationError:
    return ValidationError(problems, line=line)


def join(prefix: str, path: str) -> str:
    """Append the relative JSON *path* (which starts with ``$``) to *prefix*."""
    return prefix + path[1:]


def quoted(value: Any, limit: int = 60) -> str:
    """Quote *value* for a message as Python writes it, cut short if it is long."""
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]!r}... ({len(value)} characters)"
    text = repr(value)
    return text if len(text) <= 2 * limit else text[: 2 * limit] + "..."
