"""JSON Lines corpora checked and converted on Apache Spark, a partition at a time.

Needs the optional ``pyarrow`` dependency to import, and ``pyspark`` to run
(``pip install 'diplomod[spark]'``); import it as ``from diplomod import spark``. diplomod
adds nothing distributed of its own: Spark spreads the files over its workers, and each
worker reads its files with `~diplomod.read_jsonl_results`, so a corpus checked on a
cluster gives the records and the problems that reading it in one process gives.

Each file is read whole (Spark's ``binaryFile`` source), never split, so the line
numbers are the file's own; a corpus is best held in many files of a size a worker's
memory takes easily. The files are read as bytes, exactly as `~diplomod.read_jsonl_results`
reads a file by its path.

The result of `read_jsonl` (or of `reader` run by ``mapInArrow``) is one table of
`result_schema` (*cls*): a row for each valid record and a row for each problem of each bad
line, in the order of the lines. `records` and `problems` take the two apart.
"""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pyarrow as pa

from diplomod.errors import ValidationError
from diplomod.serializers import MAX_LINE_BYTES, check_line_limit, from_json, numbered_lines
from diplomod.tables import arrow_schema, to_arrow

__all__ = ["problems", "read_jsonl", "reader", "records", "result_schema", "spark_schema"]

Batches = Callable[[Iterable[pa.RecordBatch]], Iterator[pa.RecordBatch]]
"""What ``mapInArrow`` runs: record batches in, record batches out."""


def result_schema(cls: type) -> pa.Schema:
    """Return the Arrow schema of what `reader` (*cls*) yields.

    ``file`` and ``line`` say where a row comes from; ``record`` holds a valid record as a
    ``struct`` of `~diplomod.tables.arrow_schema` (*cls*), and is null on a problem's row;
    ``path`` and ``message`` hold a problem, as `~diplomod.ValidationError` reports it, and
    are null on a record's row.

    >>> from diplomod import Place
    >>> result_schema(Place).names
    ['file', 'line', 'record', 'path', 'message']

    Raises:
        TypeError: *cls* is not a diplomod record class.
    """
    return _result_schema(cls)


@functools.cache
def _result_schema(cls: type) -> pa.Schema:
    record = arrow_schema(cls)
    return pa.schema(
        [
            pa.field("file", pa.string(), nullable=False),
            pa.field("line", pa.int64(), nullable=False),
            pa.field("record", pa.struct(list(record))),
            pa.field("path", pa.string()),
            pa.field("message", pa.string()),
        ],
        metadata=record.metadata,
    )


def spark_schema(cls: type) -> str:
    """Return `result_schema` (*cls*) as Spark's DDL text, for ``mapInArrow``.

    Every column is nullable in Spark, as Spark holds the columns it reads; the types are
    those of `result_schema`.

    >>> from diplomod import Coordinates
    >>> spark_schema(Coordinates)
    '`file` string, `line` bigint, `record` struct<`latitude`: double, `longitude`: double>, `path` string, `message` string'
    """  # noqa: E501
    return ", ".join(f"`{field.name}` {_ddl(field.type)}" for field in result_schema(cls))


_DDL = {
    pa.string(): "string",
    pa.int64(): "bigint",
    pa.float64(): "double",
    pa.bool_(): "boolean",
    pa.date32(): "date",
}


def _ddl(kind: pa.DataType) -> str:
    if pa.types.is_struct(kind):
        return "struct<" + ", ".join(f"`{f.name}`: {_ddl(f.type)}" for f in kind) + ">"
    if pa.types.is_list(kind):
        return f"array<{_ddl(kind.value_type)}>"
    return _DDL[kind]


def reader(cls: type, *, max_line_bytes: int = MAX_LINE_BYTES, batch_size: int = 10_000) -> Batches:
    """Return a function for ``DataFrame.mapInArrow`` that reads JSON Lines files of *cls*.

    Its input is batches of files, with the columns of Spark's ``binaryFile`` source: the
    file's ``path`` and its ``content`` in bytes (other columns are not read). It yields
    batches of `result_schema` (*cls*), of at most *batch_size* rows, each file's lines
    read with `~diplomod.read_jsonl_results` and *max_line_bytes*.

    >>> import pyarrow as pa
    >>> from diplomod import Place, to_json
    >>> lines = to_json(Place(name="Samarkand", country="UZB")) + '\\n{"name": "Tashkent"}\\n'
    >>> files = pa.record_batch({"path": ["places.jsonl"], "content": [lines.encode()]})
    >>> [row for batch in reader(Place)([files]) for row in batch.to_pylist()]
    [{'file': 'places.jsonl', 'line': 1,
      'record': {'name': 'Samarkand', 'country': 'UZB', 'region': None, 'coordinates': None,
                 'geonames_id': None},
      'path': None, 'message': None},
     {'file': 'places.jsonl', 'line': 2, 'record': None, 'path': '$.country',
      'message': 'is required'}]

    Raises:
        TypeError: *cls* is not a diplomod record class.
        ValueError: *batch_size* is not a whole number of at least 1, or *max_line_bytes*
            is out of range.
    """
    result_schema(cls)  # refuses what is not a record class, before Spark runs anything
    if type(batch_size) is not int or batch_size < 1:
        raise ValueError("batch_size must be a whole number of at least 1")
    check_line_limit(max_line_bytes)
    return functools.partial(_read_batches, cls, max_line_bytes, batch_size)


def _read_batches(
    cls: type, max_line_bytes: int, batch_size: int, batches: Iterable[pa.RecordBatch]
) -> Iterator[pa.RecordBatch]:
    rows = _Rows(cls, batch_size)
    read = functools.partial(from_json, cls=cls)
    for batch in batches:
        files = batch.column("path").to_pylist()
        contents = batch.column("content")
        for i, file in enumerate(files):
            content = contents[i].as_buffer()
            for line, result in numbered_lines(io.BytesIO(content), read, max_line_bytes):
                yield from rows.add(file, line, result)
    yield from rows.flush()


class _Rows:
    """The rows of one output batch, as they gather."""

    def __init__(self, cls: type, size: int) -> None:
        self.cls = cls
        self.size = size
        self.schema = result_schema(cls)
        self.clear()

    def clear(self) -> None:
        self.files: list[str] = []
        self.lines: list[int] = []
        self.held: list[Any] = []  # the valid records
        self.which: list[int | None] = []  # each row's record in held, or None
        self.paths: list[str | None] = []
        self.messages: list[str | None] = []

    def add(self, file: str, line: int, result: Any) -> Iterator[pa.RecordBatch]:
        if isinstance(result, ValidationError):
            for path, message in result.problems:
                self._row(file, line, None, path, message)
                if len(self.files) == self.size:  # a line's problems may span batches
                    yield from self.flush()
        else:
            self.held.append(result)
            self._row(file, line, len(self.held) - 1, None, None)
            if len(self.files) == self.size:
                yield from self.flush()

    def _row(
        self, file: str, line: int, which: int | None, path: str | None, message: str | None
    ) -> None:
        self.files.append(file)
        self.lines.append(line)
        self.which.append(which)
        self.paths.append(path)
        self.messages.append(message)

    def flush(self) -> Iterator[pa.RecordBatch]:
        if not self.files:
            return
        valid = to_arrow(self.held, self.cls).to_struct_array().combine_chunks()
        columns = [
            pa.array(self.files, pa.string()),
            pa.array(self.lines, pa.int64()),
            valid.take(pa.array(self.which, pa.int64())),
            pa.array(self.paths, pa.string()),
            pa.array(self.messages, pa.string()),
        ]
        self.clear()
        yield pa.RecordBatch.from_arrays(columns, schema=self.schema)


def read_jsonl(
    session: Any,
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    cls: type,
    *,
    max_line_bytes: int = MAX_LINE_BYTES,
    batch_size: int = 10_000,
) -> Any:
    """Return a Spark ``DataFrame`` of `result_schema` (*cls*) read from JSON Lines files.

    *session* is a ``SparkSession``; *paths* a file, a folder or a glob, or several, as
    Spark's ``binaryFile`` source takes them. Nothing is read until an action runs. Take
    the valid records with `records` and the problems with `problems`; each runs the reading
    again unless the result is cached (``.cache()``) first.
    """
    listed = [os.fspath(paths)] if isinstance(paths, str | os.PathLike) else paths
    files = session.read.format("binaryFile").load([os.fspath(p) for p in listed])
    return files.select("path", "content").mapInArrow(
        reader(cls, max_line_bytes=max_line_bytes, batch_size=batch_size), spark_schema(cls)
    )


def records(results: Any) -> Any:
    """Return the valid records of a `read_jsonl` result, as columns of `arrow_schema`."""
    return results.where(results.record.isNotNull()).select("record.*")


def problems(results: Any) -> Any:
    """Return the problems of a `read_jsonl` result: ``file``, ``line``, ``path``, ``message``."""
    return results.where(results.record.isNull()).select("file", "line", "path", "message")
