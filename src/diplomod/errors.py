"""The one exception diplomod raises for bad data."""

from __future__ import annotations

from collections.abc import Iterable

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
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            raise ValueError("a ValidationError needs at least one problem")
        super().__init__(self.problems)

    def __str__(self) -> str:
        lines = [f"{path}: {message}" for path, message in self.problems]
        if len(lines) == 1:
            return lines[0]
        return f"{len(lines)} problems:\n" + "\n".join(f"  {line}" for line in lines)

    def __reduce__(self) -> tuple[type[ValidationError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))

    def under(self, prefix: str) -> ValidationError:
        """Return the same problems with their paths moved under *prefix*.

        >>> ValidationError([("$.country", "unknown")]).under("$.where").problems
        (('$.where.country', 'unknown'),)
        """
        return ValidationError((join(prefix, path), message) for path, message in self.problems)


def join(prefix: str, path: str) -> str:
    """Append the relative JSON *path* (which starts with ``$``) to *prefix*."""
    return prefix + path[1:]
