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

    Blank lines are skipped. A line ends at LF, CRLF or a lone CR, whatever the source. A
    bad line raises `ValidationError` with its ``line`` number. A line longer than
    *max_line_bytes* (from 1 byte to 1 GiB) is refused without being held in memory.
    """
    return _raising(read_jsonl_results(source, cls, max_line_bytes=max_line_bytes))


def _raising(results: Iterator[Any]) -> Iterator[Any]:
    for result in results:
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
    """Yield *read* of each line that is not blank, or the line's `ValidationError`.

    *max_line_bytes* must be a whole number from 1 to 1 GiB; anything else is a
    `ValueError` at once, before anything is read.
    """
    return (result for _, result in numbered_lines(source, read, max_line_bytes))


def numbered_lines(
    source: str | os.PathLike[str] | IO[bytes] | IO[str],
    read: Callable[[bytes | str], Any],
    max_line_bytes: int = MAX_LINE_BYTES,
) -> Iterator[tuple[int, Any]]:
    """Like `read_lines`, but yield each result with the number of its line."""
    check_line_limit(max_line_bytes)
    return _read_lines(source, read, max_line_bytes)


def check_line_limit(max_line_bytes: int) -> None:
    """Raise `ValueError` unless *max_line_bytes* is a whole number from 1 to 1 GiB."""
    if type(max_line_bytes) is not int or not 0 < max_line_bytes <= _LINE_LIMIT:
        raise ValueError(f"max_line_bytes must be a whole number from 1 to {_LINE_LIMIT}")


_LINE_LIMIT = 1 << 30
"""The largest ``max_line_bytes`` the readers take: 1 GiB."""


def _read_lines(
    source: str | os.PathLike[str] | IO[bytes] | IO[str],
    read: Callable[[bytes | str], Any],
    limit: int,
) -> Iterator[tuple[int, Any]]:
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as file:
            yield from _read_lines(file, read, limit)
        return
    for number, line in _lines(source, limit):
        if isinstance(line, ValidationError):
            yield number, ValidationError(line.problems, line=number)
        elif not _blank(line):
            try:
                yield number, read(line)
            except ValidationError as error:
                yield number, ValidationError(error.problems, line=number)


_LINE_ENDS: dict[type, tuple[Any, Any, Any]] = {
    bytes: (b"\r", b"\n", b"\r\n"),
    str: ("\r", "\n", "\r\n"),
}
_NOT_UTF8 = (
    "is not valid UTF-8 at or after this line, so the text file cannot be read "
    "on; read it as bytes (or by its path) to read every line that is valid"
)


def _lines(
    source: IO[bytes] | IO[str], limit: int
) -> Iterator[tuple[int, bytes | str | ValidationError]]:
    """Yield each line, without its end, with its number; a line longer than *limit* bytes
    as an error, never held whole.

    A line ends at a line feed, a carriage return and line feed, or a lone carriage return,
    in bytes and text alike, so every kind of source gives the same lines (a text file
    opened with Python's default newlines has made all three line feeds already).
    """
    read = source.readline  # never past a line feed: a stream is read as far as asked
    step = min(limit + 2, io.DEFAULT_BUFFER_SIZE)  # a line at the limit and its CRLF at once
    held: list[Any] = []  # the pieces of a line not yet ended
    size = 0  # its bytes so far, counted on past the limit
    number = 0
    after_cr = False  # the last chunk ended with a carriage return
    while True:
        try:
            chunk: Any = read(step)
        except UnicodeDecodeError:  # a text file decodes ahead of the line it returns
            yield number + 1, ValidationError([("$", _NOT_UTF8)])
            return
        if not chunk:
            break
        cr, lf, crlf = _LINE_ENDS[type(chunk)]
        if after_cr and chunk[:1] == lf:  # a CRLF split between two chunks
            chunk = chunk[1:]
        after_cr = chunk[-1:] == cr
        if cr in chunk:
            chunk = chunk.replace(crlf, lf).replace(cr, lf)
        *ended, rest = chunk.split(lf)
        for piece in ended:
            number += 1
            if size + _size(piece) > limit:
                yield number, _too_long(limit)
            else:
                yield number, piece[:0].join([*held, piece]) if held else piece
            held, size = [], 0
        if rest:
            size += _size(rest)
            if size > limit:
                held.clear()  # counted on, never kept
            else:
                held.append(rest)
    if size:
        yield number + 1, held[0][:0].join(held) if size <= limit else _too_long(limit)


def _size(piece: bytes | str) -> int:
    """The bytes *piece* takes in UTF-8."""
    if isinstance(piece, bytes) or piece.isascii():
        return len(piece)
    return len(piece.encode("utf-8", "surrogatepass"))


def _too_long(limit: int) -> ValidationError:
    message = f"the line is longer than {limit} bytes; raise max_line_bytes to read it"
    return ValidationError([("$", message)])


_JSON_SPACE = " \t\r\n"


def _blank(line: bytes | str) -> bool:
    """Whether the line holds nothing but JSON's white space (not any Unicode space)."""
    if isinstance(line, bytes):
        return not line.strip(_JSON_SPACE.encode())
    return not line.strip(_JSON_SPACE)
