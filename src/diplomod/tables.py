"""Records as Apache Arrow tables, for DuckDB, Polars, pandas and Parquet.

Needs the optional ``pyarrow`` dependency (``pip install 'diplomod[tables]'``); import it as
``from diplomod import tables``.

One table holds the records of one class, one row per record and one column per field.
Its schema is declared from the class's description, never guessed from the rows, so every
field has its column even when no row sets it:

- text and codes are ``string``, integers ``int64``, numbers ``float64``, flags ``bool``;
- a part of a record (a `Place`, a `Participant`) is a ``struct`` of its fields;
- a tuple is a ``list``, and a set a ``list`` sorted as the JSON writer sorts it;
- a date or a period is a ``struct`` of its EDTF ``text``, the ``earliest`` and ``latest``
  days it could be (``date32``, so tables sort and filter by date) and its ``precision``
  (``year``, ``month`` or ``day``). A period runs from its start's earliest day to its end's
  latest, an open or unknown end being null; its precision is that of its less precise
  date, so ``day`` says every end that is a date is known to the day. A period's text
  holds a ``/`` (besides any in a time zone's brackets), a date's does not. A time of day,
  its offset and its zone are in the text; the days are those of the date's own calendar.

A column is nullable where the field may be null or its default is null. The JSON ``kind``
of a meeting, an agreement or an activity is the same on every row, so it has no column.
The schema's metadata names the ``schema_version`` and, for a class with a schema file of
its own, the ``$id`` of that file.

>>> from diplomod import Place, tables
>>> table = tables.to_arrow([Place(name="Samarkand", country="UZB")], Place)
>>> table.column_names
['name', 'country', 'region', 'coordinates', 'geonames_id']
>>> tables.from_arrow(table, Place) == [Place(name="Samarkand", country="UZB")]
True

`dossier_tables` gives a whole `~diplomod.Dossier` as tables for analysis, joined by record id:

- one table of each type of record, named after the Dossier's field (``meetings``), made
  as above;
- a link table for each array a record holds, at any depth, named after the record type
  and the fields that lead to it (``meetings_participants``, ``meetings_statements_by``),
  one row per item. Its key columns come first: ``record_id``, the id of the record the
  item is in; for an array inside the items of another, the item's position in that one
  (``statements_position``, the ``position`` of its row in ``meetings_statements``); then
  ``position``, the item's place in its array, counting from 0. A tuple keeps its order;
  a set is sorted, as JSON writes it. An array of records then has a column for each
  field of its item, typed as above, except the item's own arrays, which are link tables
  of their own; an array of plain values (codes, ids, text) has one column, ``value``.
  The columns keep their fields' names, so an id column (``person``, ``represents``) says
  which records it names, as the field's description does.
- ``evidence``: every `~diplomod.Evidence` of every record, wherever it is, with the
  ``record_kind`` (``meeting``) and ``record_id`` of its record and its JSON ``path`` in it
  (``$.statements[2].evidence[0]``), then its own fields. The link tables of evidence
  (``meetings_evidence``) hold the same quotes, a list at a time.

A link table's columns are text, numbers, flags, or structs of a date, a period or a part
of a record (a `Place`): never lists, so flattening its structs makes it ready for CSV.
Every table's schema is declared and carries the ``schema_version`` in its metadata.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from typing import IO, Any, TypeVar

import attrs
import pyarrow as pa
import pyarrow.dataset as pa_dataset

from diplomod._model import (
    SCHEMA_VERSION,
    Field,
    Node,
    is_model,
    kind_of,
    shape,
    walk,
)
from diplomod._schema import json_schema
from diplomod.dates import PartialDate, Period, read_edtf
from diplomod.dossier import Dossier
from diplomod.errors import Problem, ValidationError
from diplomod.evidence import Evidence
from diplomod.serializers import MAX_LINE_BYTES, from_dict, read_jsonl_results, to_dict

__all__ = ["arrow_schema", "dossier_tables", "from_arrow", "to_arrow", "write_parquet"]

T = TypeVar("T")

_DATE = pa.struct(
    [
        pa.field("text", pa.string(), nullable=False),
        pa.field("earliest", pa.date32()),
        pa.field("latest", pa.date32()),
        pa.field("precision", pa.string(), nullable=False),
    ]
)
"""A date or a period: its EDTF text, the days it could start and end on, its precision."""

_SIMPLE = {
    "str": pa.string(),
    "literal": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
}
_DATES = ("date", "period", "when")
_PRECISIONS = ("year", "month", "day")  # coarse to fine


def arrow_schema(cls: type) -> pa.Schema:
    """Return the Arrow schema of a table of *cls* records, declared from the class.

    >>> from diplomod import Meeting
    >>> schema = arrow_schema(Meeting)
    >>> schema.field("when").type
    StructType(struct<text: string not null, earliest: date32[day], latest: date32[day], precision: string not null>)
    >>> schema.field("title").nullable, schema.field("id").nullable
    (True, False)
    >>> schema.metadata[b"$id"]
    b'https://diplomod.org/schemas/1.1/meeting.json'

    Raises:
        TypeError: *cls* is not a diplomod record class (`Event` is three: make one table
            per class).
    """  # noqa: E501
    return _schema(cls)


@functools.cache
def _schema(cls: type) -> pa.Schema:
    if cls in (PartialDate, Period) or not is_model(cls):
        raise TypeError(
            f"no Arrow schema for {cls!r}: not a diplomod record class "
            "(for events, make one table each of Meeting, Agreement and Activity)"
        )
    metadata = {"schema_version": SCHEMA_VERSION}
    found = json_schema(cls).get("$id")
    if found is not None:
        metadata["$id"] = found
    return pa.schema([_arrow_field(field) for field in shape(cls).fields], metadata=metadata)


def _arrow_field(field: Field) -> pa.Field:
    nullable = field.node.optional or (not field.required and field.default is None)
    return pa.field(field.name, _arrow_type(field.node), nullable=nullable)


def _arrow_type(node: Node) -> pa.DataType:
    if node.kind == "literal" and not all(isinstance(v, str) for v in node.values):
        raise TypeError(f"no Arrow type for {node.hint!r}: a choice of values not all text")
    if node.kind in _SIMPLE:
        return _SIMPLE[node.kind]
    if node.kind in _DATES:
        return _DATE
    if node.kind == "array":
        assert node.item is not None
        return pa.list_(pa.field("item", _arrow_type(node.item), nullable=False))
    if node.kind == "record":
        return pa.struct([_arrow_field(field) for field in shape(node.base).fields])
    raise TypeError(f"no Arrow type for {node.hint!r}")  # pragma: no cover - every kind is above


def to_arrow(records: Iterable[Any], cls: type) -> pa.Table:
    """Return *records*, all of class *cls*, as an Arrow table of `arrow_schema` (*cls*).

    Each row holds what `~diplomod.to_dict` writes, with the fields it leaves out at their
    defaults filled back in and each date or period as its ``struct``.

    >>> from diplomod import PartialDate, Person, Office, Period
    >>> person = Person(
    ...     id="sergey-lavrov",
    ...     name="Sergey Lavrov",
    ...     offices=(
    ...         Office(
    ...             title="Minister of Foreign Affairs",
    ...             represents="RUS",
    ...             period=Period(start=PartialDate(year=2004, month=3)),
    ...         ),
    ...     ),
    ... )
    >>> to_arrow([person], Person).column("offices")[0][0]["period"].as_py()
    {'text': '2004-03/..', 'earliest': datetime.date(2004, 3, 1), 'latest': None, 'precision': 'month'}

    Raises:
        TypeError: a record is not a *cls*, or *cls* has no Arrow schema.
    """  # noqa: E501
    schema = arrow_schema(cls)
    fields = shape(cls).fields
    rows = []
    for record in records:
        if not isinstance(record, cls):
            raise TypeError(f"expected a {cls.__name__}, got {type(record).__name__}")
        rows.append(_row(fields, to_dict(record)))
    return pa.Table.from_pylist(rows, schema=schema)


def _row(fields: tuple[Field, ...], data: dict[str, Any]) -> dict[str, Any]:
    """Return the table row of a record's JSON-ready *data*: every field, dates as structs."""
    return {
        field.name: _cell(field.node, data[field.name] if field.name in data else _written(field))
        for field in fields
    }


def _cell(node: Node, value: Any) -> Any:
    if value is None:
        return None
    if node.kind in _DATES:
        return _date_cell(value, read_edtf(node.kind)(value))
    if node.kind == "record":
        return _row(shape(node.base).fields, value)
    if node.kind == "array":
        assert node.item is not None
        if node.item.kind == "record" or node.item.kind in _DATES:
            return [_cell(node.item, item) for item in value]
    return value


def _date_cell(text: str, when: PartialDate | Period) -> dict[str, Any]:
    if isinstance(when, PartialDate):
        return {
            "text": text,
            "earliest": when.earliest,
            "latest": when.latest,
            "precision": when.precision,
        }
    ends = [end for end in (when.start, when.end) if isinstance(end, PartialDate)]
    return {
        "text": text,
        "earliest": when.start.earliest if isinstance(when.start, PartialDate) else None,
        "latest": when.end.latest if isinstance(when.end, PartialDate) else None,
        "precision": min((end.precision for end in ends), key=_PRECISIONS.index),
    }


def _written(field: Field) -> Any:
    """Return a field's default as `~diplomod.to_dict` would write it."""
    default = field.default
    if isinstance(default, frozenset):
        return sorted(default)
    if isinstance(default, tuple):
        return list(default)
    return default


def from_arrow(table: pa.Table | pa.RecordBatch | pa.RecordBatchReader, cls: type[T]) -> list[T]:
    """Read a table of *cls* records back, as strictly as `~diplomod.from_dict` reads JSON.

    *table* is an Arrow table, a record batch, or a reader of record batches, such as a
    query result from DuckDB; its rows are read a batch at a time.

    Each row is turned back into the JSON-ready dict `~diplomod.to_dict` writes (a date's
    ``struct`` becomes its ``text``; its other columns are not read) and read with
    `~diplomod.from_dict`, so the rules, messages and paths are those of reading JSON, the
    paths starting at the row: ``$[3].participants[1].represents``. A column the class does
    not have is an unknown key; a missing column is a missing field, or its default.

    >>> import pyarrow as pa
    >>> from diplomod import Place
    >>> table = pa.table({"name": ["Samarkand", "Tashkent"], "country": ["UZB", "UZBK"]})
    >>> from_arrow(table, Place)
    Traceback (most recent call last):
    ...
    diplomod.errors.ValidationError: $[1].country: unknown state code 'UZBK'; did you mean 'UZB'?

    Raises:
        ValidationError: with every problem of every row.
    """
    described = shape(cls)
    arrow_schema(cls)  # refuses what is not a record class
    head = described.envelope
    batches = [table] if isinstance(table, pa.RecordBatch) else table
    if isinstance(table, pa.Table):
        batches = table.to_batches()
    records: list[T] = []
    problems: list[Problem] = []
    index = 0
    for batch in batches:  # a batch's rows at a time, not the whole table's
        for row in batch.to_pylist():
            try:
                records.append(from_dict({**head, **_json(described.fields, row)}, cls))
            except ValidationError as error:
                problems.extend(error.under(f"$[{index}]").problems)
            index += 1
    if problems:
        raise ValidationError(problems)
    return records


def _json(fields: tuple[Field, ...], row: dict[str, Any]) -> dict[str, Any]:
    """Return the JSON-ready dict of a table *row*: dates as text, defaults left out."""
    by_name = _by_name(fields)
    data = {}
    for key, value in row.items():
        field = by_name.get(key)
        if field is None:  # not a field: left for from_dict to report
            data[key] = value
            continue
        value = _json_cell(field.node, value)
        if not field.required:
            default = _written(field)
            if type(value) is type(default) and value == default:
                continue
        data[key] = value
    return data


@functools.cache
def _by_name(fields: tuple[Field, ...]) -> dict[str, Field]:
    return {field.name: field for field in fields}


def _json_cell(node: Node, value: Any) -> Any:
    if node.kind in _DATES and isinstance(value, dict) and "text" in value:
        return value["text"]
    if node.kind == "record" and isinstance(value, dict):
        return _json(shape(node.base).fields, value)
    if node.kind == "array" and isinstance(value, list):
        assert node.item is not None
        return [_json_cell(node.item, item) for item in value]
    return value


_PARTITION_KINDS = ("str", "literal", "int", "bool")
"""The kinds of top-level field whose column can name a partition's folder."""


def write_parquet(
    source: str | os.PathLike[str] | IO[bytes] | IO[str] | Iterable[Any],
    directory: str | os.PathLike[str],
    cls: type,
    *,
    partition_by: str | None = None,
    batch_size: int = 10_000,
    max_line_bytes: int = MAX_LINE_BYTES,
) -> list[ValidationError]:
    """Write *cls* records to a Parquet dataset in *directory*, a batch at a time.

    *source* is a JSON Lines file (a path or an open file), read with
    `~diplomod.read_jsonl_results` and *max_line_bytes*, or an iterable of records, which
    may also hold `~diplomod.ValidationError` items, such as what
    `~diplomod.read_jsonl_results` yields. At most *batch_size* records are held at once,
    whatever the size of *source*: each batch becomes a table of `arrow_schema` (*cls*) and
    goes to the files before the next is read.

    Without *partition_by*, the dataset is files named ``part-0.parquet``, ``part-1.parquet``
    and so on. With it, the rows are split into Hive-style folders by the value of that
    column (``status=done/part-0.parquet``), which is then kept in the folder names, not in
    the files. It must be a top-level column of text, a code, a whole number or a flag: a
    date, a part of a record or a list cannot name a folder. A null value goes to the folder
    ``__HIVE_DEFAULT_PARTITION__``.

    The files keep the schema's metadata; Parquet names a list's items ``element``, not
    ``item``, so read the dataset back with ``schema=arrow_schema(cls)`` to have the
    declared schema exactly (`from_arrow` reads either).

    *directory* is made if it does not exist; if it exists it must be empty. When no
    record is valid, it is left empty.

    Returns:
        The errors of the bad lines, or the `~diplomod.ValidationError` items of the
        iterable, in order; their records are left out of the dataset.

    Raises:
        TypeError: a record is not a *cls*, or *cls* has no Arrow schema.
        ValueError: *batch_size* is not a whole number of at least 1, *partition_by* is not
            a column that can name a folder, or *max_line_bytes* is out of range.
    """
    schema = arrow_schema(cls)
    if type(batch_size) is not int or batch_size < 1:
        raise ValueError("batch_size must be a whole number of at least 1")
    partitioning = None
    if partition_by is not None:
        _check_partition(cls, partition_by)
        partitioning = pa_dataset.partitioning(
            pa.schema([schema.field(partition_by)]), flavor="hive"
        )
    given: Any = source
    items: Iterable[Any] = given
    if isinstance(given, str | os.PathLike) or hasattr(given, "read"):  # a path or a file
        items = read_jsonl_results(given, cls, max_line_bytes=max_line_bytes)
    errors: list[ValidationError] = []
    os.makedirs(directory, exist_ok=True)
    pa_dataset.write_dataset(
        _batches(items, cls, batch_size, errors),
        directory,
        schema=schema,
        format="parquet",
        partitioning=partitioning,
        basename_template="part-{i}.parquet",
        max_rows_per_group=batch_size,
        existing_data_behavior="error",
        preserve_order=True,  # rows in the order they were read, however the threads run
    )
    return errors


def _check_partition(cls: type, name: str) -> None:
    by_name = {field.name: field for field in shape(cls).fields}
    field = by_name.get(name)
    if field is None:
        raise ValueError(f"cannot partition by {name!r}: {cls.__name__} has no such column")
    if field.node.kind not in _PARTITION_KINDS:
        raise ValueError(
            f"cannot partition by {name!r}: only a top-level column of text, a code, "
            "a whole number or a flag can name a folder"
        )


def _batches(
    items: Iterable[Any], cls: type, size: int, errors: list[ValidationError]
) -> Iterator[pa.RecordBatch]:
    """Yield record batches of at most *size* records; keep the errors in *errors*."""
    held: list[Any] = []
    for item in items:
        if isinstance(item, ValidationError):
            errors.append(item)
            continue
        held.append(item)
        if len(held) == size:
            yield from to_arrow(held, cls).to_batches()
            held = []
    if held:
        yield from to_arrow(held, cls).to_batches()


# -- a whole Dossier -------------------------------------------------------------------------

_KEY = "record_id"
_POSITION = "position"
_VALUE = "value"
_EVIDENCE = "evidence"


@attrs.frozen
class _Link:
    """One link table: the array it is made of, where that array is, and its columns.

    ``through`` are the record fields (not arrays) between the item the array is found in
    and the array; ``key`` is the column that gives this table's positions to the tables
    of the arrays inside its items (``children``); ``columns`` are the item fields that
    are columns, or ``None`` for an array of plain values.
    """

    name: str
    through: tuple[str, ...]
    field: Field
    key: str
    columns: tuple[Field, ...] | None
    children: tuple[_Link, ...]
    schema: pa.Schema


@attrs.frozen
class _Holder:
    """A field of `Dossier`: its records' class, its table's name, and its link tables."""

    name: str
    cls: type
    kind: str | None
    links: tuple[_Link, ...]
    evidence: tuple[Field, ...]  # the fields of its records that can hold evidence


def dossier_tables(dossier: Dossier) -> dict[str, pa.Table]:
    """Return a `~diplomod.Dossier` as Arrow tables: its records, their links, their evidence.

    The tables come in this order: one of each type of record the Dossier holds, by the
    name of its field (``sources``, ``people``, ..., ``areas``), as `to_arrow` makes it;
    then the link tables, one for each array in those records, found at any depth
    (``meetings_participants``, ``meetings_statements_by``); then ``evidence``. Every table
    is there, with all its columns, even when it has no rows. See the module's
    documentation for the columns of each.

    >>> from diplomod.examples import samarkand_2023
    >>> found = dossier_tables(samarkand_2023())
    >>> found["meetings_participants"].slice(2, 1).to_pylist()
    [{'record_id': 'meeting-2023-04-14-khar-lavrov', 'position': 0, 'represents': 'PAK', 'role': 'participant', 'person': 'hina-rabbani-khar', 'office': 'Minister of State'}]
    >>> found["meetings_statements_by"].column_names
    ['record_id', 'statements_position', 'position', 'value']

    Raises:
        TypeError: *dossier* is not a `~diplomod.Dossier`.
    """  # noqa: E501
    if not isinstance(dossier, Dossier):
        raise TypeError(f"dossier_tables takes a Dossier, got {type(dossier).__name__}")
    holders = _holders()
    records: dict[str, list[dict[str, Any]]] = {}
    links: dict[str, list[dict[str, Any]]] = {}
    evidence: list[dict[str, Any]] = []
    for holder in holders:
        fields = shape(holder.cls).fields
        rows = records[holder.name] = []
        for record in getattr(dossier, holder.name):
            data = to_dict(record)
            rows.append(_row(fields, data))
            if holder.links or holder.evidence:
                keys = {_KEY: record.id}
                for link in holder.links:
                    _link_rows(link, data, keys, links)
                if holder.evidence:
                    evidence.extend(_evidence_rows(holder, record))
    tables = {
        holder.name: pa.Table.from_pylist(records[holder.name], schema=arrow_schema(holder.cls))
        for holder in holders
    }
    for link in _all_links(holders):
        tables[link.name] = pa.Table.from_pylist(links.get(link.name, []), schema=link.schema)
    tables[_EVIDENCE] = pa.Table.from_pylist(evidence, schema=_evidence_schema())
    return tables


def _link_rows(
    link: _Link, data: dict[str, Any], keys: dict[str, Any], out: dict[str, list[dict[str, Any]]]
) -> None:
    """Add the rows of *link* found in *data* (the JSON-ready item that holds it) to *out*."""
    part: dict[str, Any] | None = data
    for hop in link.through:  # down the parts of a record, such as its place
        part = part.get(hop) if part is not None else None
    if part is None:
        return
    items = part[link.field.name] if link.field.name in part else _written(link.field)
    rows = out.setdefault(link.name, [])
    item = link.field.node.item
    assert item is not None
    for position, value in enumerate(items):
        row = {**keys, _POSITION: position}
        if link.columns is None:
            row[_VALUE] = _cell(item, value)
        else:
            row.update(_row(link.columns, value))
            inner = {**keys, link.key: position}
            for child in link.children:
                _link_rows(child, value, inner, out)
        rows.append(row)


def _evidence_rows(holder: _Holder, record: Any) -> Iterator[dict[str, Any]]:
    """Yield a row for every `~diplomod.Evidence` in *record*, with its path in it."""
    fields = shape(Evidence).fields
    for field in holder.evidence:  # not the fields that cannot hold any
        at = f"$.{field.name}"
        for node, value, path in walk(field.node, getattr(record, field.name), at):
            if node.cls is Evidence:
                yield {
                    "record_kind": holder.kind,
                    _KEY: record.id,
                    "path": path,
                    **_row(fields, to_dict(value)),
                }


@functools.cache
def _holders() -> tuple[_Holder, ...]:
    """Describe the tables of a Dossier, from its fields and their records' fields."""
    holders = []
    for field in shape(Dossier).fields:
        item = field.node.item
        assert item is not None
        assert item.cls is not None
        fields = shape(item.cls).fields
        ids = [f for f in fields if f.name == "id"]
        links = tuple(_links(fields, field.name, field.name, (), (_KEY,)))
        evidence = tuple(f for f in fields if _holds(f.node, Evidence))
        if not ids and (links or evidence):
            raise TypeError(  # pragma: no cover - a guard for a change to the model
                f"{item.cls.__name__} has no id to key its link tables and evidence by"
            )
        holders.append(_Holder(field.name, item.cls, kind_of(item.cls), links, evidence))
    names = [h.name for h in holders] + [link.name for link in _all_links(holders)]
    names.append(_EVIDENCE)
    doubled = sorted({name for name in names if names.count(name) > 1})
    if doubled:
        raise TypeError(f"two tables of a Dossier would be named {doubled[0]!r}")
    return tuple(holders)


def _links(
    fields: tuple[Field, ...],
    holder: str,
    table: str,
    through: tuple[str, ...],
    keys: tuple[str, ...],
) -> Iterator[_Link]:
    """Yield the link tables of the arrays among *fields* and inside their parts.

    *fields* are those of an item of *table* (a record of the Dossier field *holder*, or an
    item of a link table), or of a part of one reached *through* record fields; *keys* are
    the columns that identify the item.
    """
    for field in fields:
        node = field.node
        if node.kind == "record":
            parts = shape(node.base).fields
            yield from _links(parts, holder, table, (*through, field.name), keys)
        if node.kind != "array":
            continue
        assert node.item is not None
        name = "_".join([table, *through, field.name])
        key = f"{name.removeprefix(holder + '_')}_{_POSITION}"  # statements_position
        head = [pa.field(_KEY, pa.string(), nullable=False)]
        head += [pa.field(k, pa.int64(), nullable=False) for k in keys[1:]]
        head.append(pa.field(_POSITION, pa.int64(), nullable=False))
        columns: tuple[Field, ...] | None = None
        children: tuple[_Link, ...] = ()
        if node.item.kind == "record":
            item_fields = shape(node.item.base).fields
            columns = tuple(f for f in item_fields if f.node.kind != "array")
            body = [_arrow_field(f) for f in columns]
            children = tuple(_links(item_fields, holder, name, (), (*keys, key)))
        else:
            body = [pa.field(_VALUE, _arrow_type(node.item), nullable=False)]
        yield _Link(name, through, field, key, columns, children, _link_schema(name, head + body))


def _link_schema(name: str, fields: list[pa.Field]) -> pa.Schema:
    """Return a table's schema, refusing two columns of one name."""
    names = [field.name for field in fields]
    doubled = sorted({n for n in names if names.count(n) > 1})
    if doubled:
        raise TypeError(f"the table {name!r} would have two columns named {doubled[0]!r}")
    return pa.schema(fields, metadata={"schema_version": SCHEMA_VERSION})


def _all_links(holders: Iterable[_Holder]) -> Iterator[_Link]:
    """Yield every link table, each before the tables of the arrays in its items."""

    def under(link: _Link) -> Iterator[_Link]:
        yield link
        for child in link.children:
            yield from under(child)

    for holder in holders:
        for link in holder.links:
            yield from under(link)


def _holds(node: Node, part: type, seen: frozenset[type] = frozenset()) -> bool:
    """Whether a field of *node* can hold a *part*, at any depth."""
    if node.item is not None:
        node = node.item
    if node.cls is None or node.cls in seen:
        return False
    if node.cls is part:
        return True
    return any(_holds(f.node, part, seen | {node.cls}) for f in shape(node.cls).fields)


@functools.cache
def _evidence_schema() -> pa.Schema:
    head = [
        pa.field("record_kind", pa.string(), nullable=False),
        pa.field(_KEY, pa.string(), nullable=False),
        pa.field("path", pa.string(), nullable=False),
    ]
    body = [_arrow_field(field) for field in shape(Evidence).fields]
    return _link_schema(_EVIDENCE, head + body)
