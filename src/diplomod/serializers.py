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

import gc
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, TypeVar, overload

import attrs
import cattrs

from diplomod import _fast
from diplomod._converter import ExponentFloat, converter, problems_of
from diplomod.dossier import Dossier
from diplomod.errors import ValidationError

try:  # the optional fast path for writing JSON; reading stays with the standard library,
    # which can refuse a key given twice in one object.
    import orjson as _orjson
except ImportError:  # pragma: no cover - depends on the environment
    _orjson = None  # type: ignore[assignment]

T = TypeVar("T")

SCHEMA_VERSION = "1.0"
"""The version of the dossier document format this release writes."""

MIGRATIONS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {}
"""Steps from an older ``schema_version`` to the next, each a function on the raw dict that
returns the dict in the next version (with its ``schema_version`` updated)."""


def reads() -> tuple[str, ...]:
    """Return the dossier versions this release reads: the current one and each it migrates."""
    return (SCHEMA_VERSION, *MIGRATIONS)


MAX_LINE_BYTES = 16 * 1024 * 1024
"""The longest JSON Lines line `read_jsonl` accepts by default, in bytes."""


def to_dict(obj: Any) -> Any:
    """Return *obj* as JSON-ready dicts, lists, strings, numbers and booleans.

    Fields keep their declaration order, sets are written sorted, and fields at their
    default are left out. A `Dossier` carries its ``schema_version``; a `Meeting`, an
    `Agreement` or an `Activity` its ``kind``.
    """
    data = _fast.writer(type(obj))(obj) if attrs.has(type(obj)) else converter.unstructure(obj)
    if isinstance(obj, Dossier):
        return {"schema_version": SCHEMA_VERSION, **data}
    return data


@overload
def from_dict(data: Any, cls: type[T]) -> T: ...
@overload
def from_dict(data: Any, cls: Any) -> Any: ...
def from_dict(data: Any, cls: Any) -> Any:
    """Build a *cls* (any diplomod class, or `Event`) from JSON-ready data, strictly."""
    if cls is Dossier:
        data = _upgrade(data)
    try:
        return _fast.reader(cls)(data, [0])
    except Exception:
        pass
    try:
        result = converter.structure(data, cls)
    except (ValidationError, cattrs.BaseValidationError, RecursionError) as error:
        raise ValidationError(problems_of(error)) from None
    return result


def _upgrade(data: Any) -> Any:
    """Check a dossier's ``schema_version`` and migrate it, step by step, to the current one."""
    if type(data) is not dict:
        return data  # the structuring reports the wrong type
    version = data.get("schema_version")
    if version is None:
        raise ValidationError(
            [("$.schema_version", f"is required; this release reads {', '.join(reads())}")]
        )
    if not isinstance(version, str):
        raise ValidationError(
            [("$.schema_version", f"expected a version as text, such as {SCHEMA_VERSION!r}")]
        )
    while isinstance(version, str) and version in MIGRATIONS:
        data = MIGRATIONS[version](data)
        version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ValidationError(
            [
                (
                    "$.schema_version",
                    f"{version!r} is not a version this "
                    f"release reads ({', '.join(reads())}); a newer diplomod may",
                )
            ]
        )
    return {key: value for key, value in data.items() if key != "schema_version"}


def to_json(obj: Any, *, indent: int | None = None) -> str:
    """Return *obj* as JSON text: UTF-8-ready (no ``\\u`` escapes for non-ASCII text),
    compact unless *indent* is given, and the same for equal objects."""
    return _dumps(to_dict(obj), indent)


def _dumps(data: Any, indent: int | None) -> str:
    if _orjson is not None and indent in (None, 2):
        option = _orjson.OPT_INDENT_2 if indent == 2 else 0
        return _orjson.dumps(data, option=option, default=_exponent_float).decode("utf-8")
    if indent is None:
        return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=indent)


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
    try:
        return _fast.read_json(text, cls, SCHEMA_VERSION if cls is Dossier else None)
    except Exception:
        pass
    return from_dict(parse_json(text), cls)


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


Destination = str | os.PathLike[str] | IO[str]


def write_jsonl(records: Iterable[Any], destination: Destination) -> int:
    """Write *records* as JSON Lines, one compact JSON document a line; return how many.

    *destination* is a path or a text file open for writing.
    """
    if isinstance(destination, str | os.PathLike):
        with open(destination, "w", encoding="utf-8", newline="\n") as file:
            return write_jsonl(records, file)
    count = 0
    for record in records:
        destination.write(to_json(record) + "\n")
        count += 1
    return count


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

    Records hold no reference cycles, so the cyclic garbage collector has nothing to find
    among them; it is paused while the file is read, which saves it from walking a growing
    heap again and again (for large files, most of the time). Other threads' collections
    wait until the read ends. A bad line raises `ValidationError` with its ``line`` number.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return list(read_jsonl(source, cls, max_line_bytes=max_line_bytes))
    finally:
        if paused:
            gc.enable()


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
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as file:
            yield from read_jsonl_results(file, cls, max_line_bytes=max_line_bytes)
        return
    for number, line in _lines(source, max_line_bytes):
        if isinstance(line, ValidationError):
            yield ValidationError(line.problems, line=number)
        elif not _blank(text := _without_line_end(line)):
            try:
                yield from_json(text, cls)
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
