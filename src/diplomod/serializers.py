"""Reading and writing records as dicts, JSON and JSON Lines.

Reading is strict and reports every problem of a document at once as a `ValidationError`;
writing is deterministic, so equal records always give the same bytes.

>>> from diplomod import Place, from_json, to_json
>>> text = to_json(Place(name="Самарканд", country="UZB"))
>>> text
'{"name":"Самарканд","country":"UZB"}'
>>> from_json(text, Place) == Place(name="Самарканд", country="UZB")
True
>>> from_json('{"name": "Samarkand", "country": "UZBK", "lat": 39.6}', Place)
Traceback (most recent call last):
...
diplomod.errors.ValidationError: 2 problems:
  $.country: unknown state code 'UZBK'; did you mean 'UZB'?
  $.lat: unknown key
"""

from __future__ import annotations

import io
import json
import os
import re
import typing
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, TypeVar, overload

import cattrs

from diplomod._checks import Reject
from diplomod._converter import (
    MIGRATIONS,
    ExponentFloat,
    configure_converter,
    converter,
    fast_reader,
    problems_of,
    reads,
)
from diplomod._model import SCHEMA_VERSION
from diplomod.errors import ValidationError

try:  # optional: parses and writes JSON faster, byte for byte as without it
    import orjson as _orjson
except ImportError:  # pragma: no cover - depends on the environment
    _orjson = None  # type: ignore[assignment]

T = TypeVar("T")

__all__ = [
    "MAX_LINE_BYTES",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "configure_converter",
    "from_dict",
    "from_json",
    "load_jsonl",
    "parse_json",
    "read_jsonl",
    "read_jsonl_results",
    "reads",
    "to_dict",
    "to_json",
    "write_jsonl",
]

MAX_LINE_BYTES = 16 * 1024 * 1024
"""The longest JSON Lines line `read_jsonl` accepts by default, in bytes."""


def to_dict(obj: Any) -> Any:
    """Return *obj* as JSON-ready dicts, lists, strings, numbers and booleans.

    Fields keep their declaration order, sets are written sorted, and fields at their
    default are left out. A `Dossier` carries its ``schema_version``; a `Meeting`, an
    `Agreement` or an `Activity` its ``kind``.
    """
    return converter.unstructure(obj)


@overload
def from_dict(data: Any, cls: type[T]) -> T: ...
@overload
def from_dict(data: Any, cls: Any) -> Any: ...
def from_dict(data: Any, cls: Any) -> Any:
    """Build a *cls* (any diplomod class, `Event`, or a ``list`` of them) from JSON-ready
    data, strictly: every problem is reported in one `ValidationError`."""
    try:
        return converter.structure(data, cls)
    except (cattrs.BaseValidationError, RecursionError) as error:
        raise ValidationError(problems_of(error)) from None


def to_json(obj: Any, *, indent: int | None = None) -> str:
    """Return *obj* as JSON text: UTF-8-ready (no ``\\u`` escapes for non-ASCII text),
    compact unless *indent* is given, and the same for equal objects."""
    if _orjson is not None and indent in (None, 2):
        return _to_bytes(obj, indent).decode("utf-8")
    data = to_dict(obj)
    if indent is None:
        return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=indent)


def _to_bytes(obj: Any, indent: int | None = None) -> bytes:
    """Return *obj* as UTF-8 JSON, as `to_json` writes it."""
    if _orjson is None or indent not in (None, 2):
        return to_json(obj, indent=indent).encode("utf-8")
    option = _orjson.OPT_INDENT_2 if indent == 2 else 0
    return _orjson.dumps(to_dict(obj), option=option, default=_exponent_float)


def _exponent_float(value: Any) -> Any:
    """Let orjson write an `ExponentFloat` as the standard library does."""
    if isinstance(value, ExponentFloat) and _orjson is not None:
        return _orjson.Fragment(repr(float(value)).encode())
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


@overload
def from_json(text: str | bytes, cls: type[T]) -> T: ...
@overload
def from_json(text: str | bytes, cls: Any) -> Any: ...
def from_json(text: str | bytes, cls: Any) -> Any:
    """Build a *cls* from JSON text or UTF-8 bytes, strictly (see `from_dict`)."""
    result = _read_valid(text, cls)
    if result is _NOT_READ:
        return from_dict(parse_json(text), cls)
    return result


_NOT_READ = object()

_loads: Callable[[bytes], Any]
if _orjson is not None:
    _loads = _orjson.loads
else:  # pragma: no cover - depends on the environment

    def _loads(raw: bytes) -> Any:
        return json.loads(raw.decode("utf-8"))


_KEY_END = b'":'
_SPACED_KEY_END = re.compile(rb'"[ \t\n\r]+:')


def _read_valid(text: Any, cls: Any) -> Any:
    """Read valid JSON the quick way, or return ``_NOT_READ`` for the strict way to look.

    Parsers keep the last of a key given twice, so the keys read are counted and compared
    with the ``":`` in the text. Every key written without white space before its colon
    ends in one, and other ``":`` (a string that starts with a colon, an escaped quote)
    only add to the count; so when no key is written with space before its colon, equal
    counts mean no key is given twice. Anything else goes the strict way, which refuses a
    repeated key.
    """
    if isinstance(text, str):
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate
            return _NOT_READ
    elif type(text) is bytes:
        raw = text
    else:
        return _NOT_READ
    if raw.startswith(b"\xef\xbb\xbf"):
        return _NOT_READ
    try:
        data = _loads(raw)
    except (ValueError, RecursionError):  # not JSON (JSONDecodeError is a ValueError)
        return _NOT_READ
    keys = [0]
    try:
        result = fast_reader(cls)(data, keys)
    except (Reject, ValidationError):
        return _NOT_READ
    if raw.count(_KEY_END) != keys[0]:
        return _NOT_READ
    spaced = b'" ' in raw or b'"\n' in raw or b'"\t' in raw or b'"\r' in raw
    if spaced and _SPACED_KEY_END.search(raw):
        return _NOT_READ
    return result


def parse_json(text: str | bytes | bytearray) -> Any:
    """Parse JSON strictly: UTF-8 only, no byte-order mark, no NaN or Infinity, no key
    given twice in one object; any failure is a `ValidationError` saying where."""
    if isinstance(text, bytes | bytearray):
        raw = bytes(text)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            bad = raw[error.start : error.start + 1]
            message = f"is not valid UTF-8: byte {error.start} ({bad!r})"
            raise ValidationError([("$", message)]) from None
    if not isinstance(text, str):
        raise ValidationError([("$", f"expected JSON text or bytes, got {type(text).__name__}")])
    if text.startswith("\ufeff"):
        raise ValidationError([("$", "starts with a byte-order mark; JSON text must not")])
    try:
        return json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_object)
    except ValidationError:
        raise
    except json.JSONDecodeError as error:
        raise ValidationError(
            [
                (
                    "$",
                    f"is not valid JSON: {error.msg.removesuffix(' at')} at line "
                    f"{error.lineno}, column {error.colno}",
                )
            ]
        ) from None
    except RecursionError:
        raise ValidationError([("$", "is nested too deeply to read")]) from None
    except ValueError:  # the only other: an integer of more digits than Python converts
        raise ValidationError([("$", "holds a number with too many digits to read")]) from None


def _refuse_constant(name: str) -> Any:
    raise ValidationError([("$", f"{name} is not a JSON number")])


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValidationError([("$", f"an object gives the key {key!r} twice")])
            seen.add(key)
    return result


Destination = str | os.PathLike[str] | IO[str] | IO[bytes]


def write_jsonl(records: Iterable[Any], destination: Destination) -> int:
    """Write *records* as JSON Lines, one compact JSON document a line; return how many.

    *destination* is a path, or a file open for writing, text or binary (a binary file is
    written UTF-8 directly, the faster way).
    """
    if isinstance(destination, str | os.PathLike):
        with open(destination, "wb") as file:
            return write_jsonl(records, file)
    count = 0
    if _is_binary(destination):
        write_bytes = typing.cast(IO[bytes], destination).write
        for record in records:
            write_bytes(_to_bytes(record) + b"\n")
            count += 1
        return count
    write_text = typing.cast(IO[str], destination).write
    for record in records:
        write_text(to_json(record) + "\n")
        count += 1
    return count


def _is_binary(file: IO[Any]) -> bool:
    return isinstance(file, io.RawIOBase | io.BufferedIOBase) or "b" in getattr(file, "mode", "")


@overload
def read_jsonl(
    source: str | os.PathLike[str] | IO[bytes] | IO[str],
    cls: type[T],
    *,
    max_line_bytes: int = MAX_LINE_BYTES,
) -> Iterator[T]: ...
@overload
def read_jsonl(
    source: str | os.PathLike[str] | IO[bytes] | IO[str],
    cls: Any,
    *,
    max_line_bytes: int = MAX_LINE_BYTES,
) -> Iterator[Any]: ...
def read_jsonl(
    source: str | os.PathLike[str] | IO[bytes] | IO[str],
    cls: Any,
    *,
    max_line_bytes: int = MAX_LINE_BYTES,
) -> Iterator[Any]:
    """Yield a *cls* for each line of a JSON Lines file, reading one line at a time.

    Blank lines are skipped. A bad line raises `ValidationError` with its ``line`` number.
    A line longer than *max_line_bytes* is refused without being held in memory.
    """
    for result in read_jsonl_results(source, cls, max_line_bytes=max_line_bytes):
        if isinstance(result, ValidationError):
            raise result
        yield result


@overload
def load_jsonl(
    source: str | os.PathLike[str] | IO[bytes] | IO[str],
    cls: type[T],
    *,
    max_line_bytes: int = MAX_LINE_BYTES,
) -> list[T]: ...
@overload
def load_jsonl(
    source: str | os.PathLike[str] | IO[bytes] | IO[str],
    cls: Any,
    *,
    max_line_bytes: int = MAX_LINE_BYTES,
) -> list[Any]: ...
def load_jsonl(
    source: str | os.PathLike[str] | IO[bytes] | IO[str],
    cls: Any,
    *,
    max_line_bytes: int = MAX_LINE_BYTES,
) -> list[Any]:
    """Read a whole JSON Lines file into a list: `read_jsonl`, for when every record is kept.

    A bad line raises `ValidationError` with its ``line`` number. The process is left as it
    was found: reading changes no global state, the garbage collector included (see the
    how-to on large files for pausing it yourself around a large read).
    """
    return list(read_jsonl(source, cls, max_line_bytes=max_line_bytes))


@overload
def read_jsonl_results(
    source: str | os.PathLike[str] | IO[bytes] | IO[str],
    cls: type[T],
    *,
    max_line_bytes: int = MAX_LINE_BYTES,
) -> Iterator[T | ValidationError]: ...
@overload
def read_jsonl_results(
    source: str | os.PathLike[str] | IO[bytes] | IO[str],
    cls: Any,
    *,
    max_line_bytes: int = MAX_LINE_BYTES,
) -> Iterator[Any]: ...
def read_jsonl_results(
    source: str | os.PathLike[str] | IO[bytes] | IO[str],
    cls: Any,
    *,
    max_line_bytes: int = MAX_LINE_BYTES,
) -> Iterator[Any]:
    """Like `read_jsonl`, but yield each bad line's `ValidationError` and go on reading."""
    return read_lines(source, lambda line: from_json(line, cls), max_line_bytes)


def read_lines(
    source: str | os.PathLike[str] | IO[bytes] | IO[str],
    read: Callable[[bytes | str], Any],
    max_line_bytes: int = MAX_LINE_BYTES,
) -> Iterator[Any]:
    """Yield *read* of each line that is not blank, or the line's `ValidationError`."""
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as file:
            yield from read_lines(file, read, max_line_bytes)
        return
    for number, line in _lines(source, max_line_bytes):
        if isinstance(line, ValidationError):
            yield ValidationError(line.problems, line=number)
        elif not _blank(text := _without_line_end(line)):
            try:
                yield read(text)
            except ValidationError as error:
                yield ValidationError(error.problems, line=number)


def _lines(
    source: IO[bytes] | IO[str], limit: int
) -> Iterator[tuple[int, bytes | str | ValidationError]]:
    """Yield each line with its number; an over-long line as an error, skipped in chunks."""
    number = 0
    while True:
        try:
            line = (
                _text_line(source, limit)
                if isinstance(source, io.TextIOBase)
                else source.readline(limit + 1)
            )
        except UnicodeDecodeError:  # a text file decodes ahead of the line it returns
            message = (
                "is not valid UTF-8 at or after this line, so the text file cannot be read "
                "on; read it as bytes (or by its path) to read every line that is valid"
            )
            yield number + 1, ValidationError([("$", message)])
            return
        if not line:
            return
        number += 1
        size = len(line) if isinstance(line, bytes) else len(line.encode("utf-8", "replace"))
        if size > limit + _ends_line(line):
            if not _ends_line(line):
                _skip_rest_of_line(source)
            yield (
                number,
                ValidationError(
                    [
                        (
                            "$",
                            f"the line is longer than {limit} bytes; "
                            "raise max_line_bytes to read it",
                        )
                    ]
                ),
            )
        else:
            yield number, line


_JSON_SPACE = " \t\r\n"


def _without_line_end(line: bytes | str) -> bytes | str:
    """The line without its line break, so that positions in it are its own."""
    return line.rstrip(b"\r\n") if isinstance(line, bytes) else line.rstrip("\r\n")


def _ends_line(chunk: bytes | str) -> bool:
    return chunk.endswith(b"\n") if isinstance(chunk, bytes) else chunk.endswith("\n")


def _blank(line: bytes | str) -> bool:
    """Whether the line holds nothing but JSON's white space (not any Unicode space)."""
    if isinstance(line, bytes):
        return not line.strip(_JSON_SPACE.encode())
    return not line.strip(_JSON_SPACE)


def _text_line(source: io.TextIOBase, limit: int) -> str:
    """Read a line of a text file, stopping once its UTF-8 form is longer than *limit*."""
    parts: list[str] = []
    size = 0
    while True:
        piece = source.readline(max(1, min(limit + 1, io.DEFAULT_BUFFER_SIZE)))
        parts.append(piece)
        size += len(piece.encode("utf-8", "replace"))
        if not piece or _ends_line(piece) or size > limit + 1:
            return "".join(parts)


def _skip_rest_of_line(source: IO[bytes] | IO[str]) -> None:
    while True:
        chunk = source.readline(io.DEFAULT_BUFFER_SIZE)
        if not chunk or _ends_line(chunk):
            return
