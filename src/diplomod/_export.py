"""What every exporter shares: the records it is given, where each one is, what it loses.

An exporter takes a `Dossier`, or any iterable of records, and returns an `Exported`: its
output, and beside it the list of what the target format could not carry, each a
``(json_path, reason)`` pair naming the place in the input. Nothing is dropped silently.
The command line finds each exporter here by its format name.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
from collections.abc import Callable, Sequence
from typing import IO, Any, Generic, Literal, NamedTuple, TypeVar

import attrs

from diplomod._model import kind_of, shape
from diplomod.errors import ValidationError

T = TypeVar("T")

Loss = tuple[str, str]
"""What could not be carried: where it is in the input (a JSON path), and why."""


class Exported(NamedTuple, Generic[T]):
    """An exporter's output, and what it could not carry (see `Loss`)."""

    output: T
    losses: tuple[Loss, ...]


@attrs.frozen
class Entry:
    """One record of the input, with the JSON path where it stands."""

    path: str
    record: Any

    @property
    def kind(self) -> str | None:
        return kind_of(type(self.record))


def entries(records: Any) -> list[Entry]:
    """The records of a `Dossier` (at ``$.meetings[0]``, ...) or of an iterable (at ``$[0]``,
    ...), in order.

    Raises:
        ValidationError: two records of the iterable have one id, which would leave it
            unclear which one a reference names (a `Dossier` refuses them too).
    """
    from diplomod.dossier import Dossier

    if isinstance(records, Dossier):
        return [
            Entry(f"$.{field.name}[{i}]", record)
            for field in shape(Dossier).fields
            for i, record in enumerate(getattr(records, field.name))
        ]
    items = [Entry(f"$[{i}]", record) for i, record in enumerate(records)]
    found = repeats([item.record for item in items])
    if found:
        raise ValidationError(
            [
                (f"$[{i}].id", f"{items[i].record.id!r} is already the id of $[{j}]")
                for i, j in found
            ]
        )
    return items


def repeats(records: Sequence[Any]) -> list[tuple[int, int]]:
    """Each record whose id an earlier record of *records* has, as its position and the
    earlier one's, in order."""
    first: dict[str, int] = {}
    found = []
    for i, record in enumerate(records):
        id = getattr(record, "id", None)
        if isinstance(id, str) and first.setdefault(id, i) != i:
            found.append((i, first[id]))
    return found


def index(items: Sequence[Entry]) -> dict[str, Any]:
    """The records of *items* by id, to follow the ids records refer to."""
    return {item.record.id: item.record for item in items if hasattr(item.record, "id")}


Layout = Literal["jsonl", "json", "csv"]


@attrs.frozen
class Format:
    """An export format, as the command line offers it.

    Attributes:
        module: The module that holds the exporter, imported only when it is used.
        function: The exporter's name in the module.
        layout: How its output is written: one JSON value per line, one JSON document,
            or CSV (the module's ``COLUMNS`` name the columns).
        extra: The optional extra its module needs, if any, and the package it installs.
        summary: One line for ``--help``.
    """

    module: str
    function: str
    layout: Layout
    extra: tuple[str, str] | None
    summary: str

    def exporter(self) -> Callable[[Any], Exported[Any]]:
        """Import the exporter.

        Raises:
            MissingExtraError: the package of its extra is not installed (any other
                `ImportError` is a fault, and is raised as it is).
        """
        try:
            module = importlib.import_module(self.module)
        except ImportError as error:
            package = (error.name or "").partition(".")[0]
            if self.extra is not None and package == self.extra[1]:
                raise MissingExtraError(self.extra[0]) from error
            raise
        return getattr(module, self.function)  # type: ignore[no-any-return]

    def write(self, output: Any, file: IO[str]) -> None:
        """Write the exporter's *output* in this format's layout."""
        if self.layout == "json":
            json.dump(output, file, ensure_ascii=False, indent=2)
            file.write("\n")
        elif self.layout == "jsonl":
            for item in output:
                file.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")))
                file.write("\n")
        else:
            columns = importlib.import_module(self.module).COLUMNS
            writer = csv.DictWriter(file, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(output)


class MissingExtraError(ImportError):
    """An exporter's optional extra is not installed; its argument names the extra."""


FORMATS: dict[str, Format] = {
    "plover": Format(
        "diplomod.plover",
        "to_plover",
        "jsonl",
        None,
        "PLOVER events, one JSON object a line",
    ),
    "cameo": Format(
        "diplomod.cameo",
        "to_cameo_dyads",
        "csv",
        None,
        "CAMEO dyads, one CSV row for each ordered pair of parties",
    ),
    "popolo": Format(
        "diplomod.popolo",
        "to_popolo",
        "json",
        None,
        "a Popolo document: persons, organizations, memberships, posts, events",
    ),
    "ftm": Format(
        "diplomod.ftm",
        "to_ftm",
        "jsonl",
        ("ftm", "followthemoney"),
        "FollowTheMoney entities, one JSON object a line",
    ),
    "jsonld": Format(
        "diplomod.jsonld",
        "to_schemaorg",
        "json",
        None,
        "schema.org JSON-LD: events, organizations, people, places, agreements",
    ),
}
"""The export formats, by the name the command line gives them."""


def written(format: str, output: Any) -> str:
    """Return *output* of the exporter of *format* as the text the command line writes."""
    buffer = io.StringIO()
    FORMATS[format].write(output, buffer)
    return buffer.getvalue()
