"""Making functions from generated source, the way attrs makes its methods.

The source is registered in `linecache` under a file name of its own, so a traceback
through a generated function shows its lines. Source is generated from class descriptions,
never from data.
"""

from __future__ import annotations

import linecache
from collections.abc import Callable
from typing import Any


class Namespace:
    """The globals of one generated function: each value gets a short, unique name."""

    def __init__(self, **names: Any) -> None:
        self.names: dict[str, Any] = dict(names)

    def name(self, value: Any, prefix: str = "n") -> str:
        """Return the name *value* goes by in the generated source."""
        key = f"_{prefix}{len(self.names)}"
        self.names[key] = value
        return key


def make(lines: list[str], namespace: Namespace, name: str, label: str) -> Callable[..., Any]:
    """Compile *lines*, which define the function *name*, under ``<diplomod label>``."""
    source = "\n".join(lines) + "\n"
    filename = f"<diplomod {label}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    scope = dict(namespace.names)
    exec(compile(source, filename, "exec"), scope)
    function: Callable[..., Any] = scope[name]
    return function
