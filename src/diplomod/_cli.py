"""The ``diplomod`` command: validate files, write the schemas, show the example and codelists.

Whatever happens, the command ends with its documented exit status and at most one line on
standard error for each failure (and ``validate``'s summary line), never a traceback: 0
when all went well, 1 when a file is not valid, 2 for a usage error or input or output that
cannot be read or written, 130 when interrupted.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import csv
import functools
import io
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any

from diplomod import _codelists
from diplomod._checks import with_article
from diplomod._export import FORMATS, MissingExtraError, entries, repeats
from diplomod._model import event_kinds, shape
from diplomod._schema import BUNDLE, dump, schema_files, top_level, write_schemas
from diplomod.activities import Activity
from diplomod.agreements import Agreement
from diplomod.areas import cooperation_area
from diplomod.dossier import Dossier, Event
from diplomod.errors import ValidationError
from diplomod.examples import samarkand_2023
from diplomod.meetings import Meeting
from diplomod.serializers import (
    _LINE_LIMIT,
    MAX_LINE_BYTES,
    from_dict,
    from_json,
    numbered_lines,
    parse_json,
    read_lines,
    to_json,
)
from diplomod.states import state

TYPES: dict[str, Any] = {file.removesuffix(".json"): cls for cls, file in top_level().items()}
"""What ``validate --type`` may name (each type with a schema file of its own); ``auto``
tells them apart by their keys."""

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
"""The largest whole (not JSON Lines) document ``validate`` reads unless told otherwise:
checking one takes several times its size in memory, all at once."""

LARGEST_LIMIT = _LINE_LIMIT
"""The most that ``--max-line-bytes`` and ``--max-document-bytes`` may be set to: the
readers' own ceiling for a line (1 GiB)."""

INTERRUPTED = 130
"""The exit status after Ctrl-C, as shells report a process stopped by SIGINT."""

_CHUNK = 1024 * 1024


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (the process's arguments by default) and return
    the exit status; problems with the output end the command with one line on stderr."""
    status = 0
    try:
        args = _parser().parse_args(argv)
        if sys.stdout is None:
            _complain("diplomod: cannot write the output: standard output is closed")
            return 2
        for stream in (sys.stdout, sys.stderr):
            if isinstance(stream, io.TextIOWrapper):  # never fail on text the locale lacks
                stream.reconfigure(errors="backslashreplace")
        status = args.run(args)
        sys.stdout.flush()
    except KeyboardInterrupt:
        return INTERRUPTED
    except BrokenPipeError:  # the reader stopped reading, as head does: stop quietly
        _drop_output()
    except OSError as failure:  # the commands report their own files; this is the output
        _drop_output()
        _complain(f"diplomod: cannot write the output: {_reason(failure)}")
        return 2
    return status


def _complain(message: str) -> None:
    """Print a one-line message on standard error, if there is one to print to."""
    if sys.stderr is None:
        return
    with contextlib.suppress(OSError):
        print(message, file=sys.stderr, flush=True)


def _drop_output() -> None:
    """Send what is left of standard output to the null device, so that the flush at exit
    does not fail a second time."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a file: nothing is flushed at exit
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, descriptor)
    os.close(null)


def _reason(failure: OSError) -> str:
    return failure.strerror or str(failure) or type(failure).__name__


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(name: str) -> str:
    r"""A file name as printed: as it is when that is safe, else in double quotes with
    Python's escapes, so that no name can break a line or fake a problem line.

    >>> shown("events.jsonl"), shown("données.json")
    ('events.jsonl', 'données.json')
    >>> print(shown("a.json: $: fine\nb.json"), shown("caf\udce9.json"))
    "a.json: $: fine\nb.json" "caf\xe9.json"
    """
    if name.isprintable() and "\\" not in name and '"' not in name:
        return name
    return '"' + "".join(_escape(char) for char in name) + '"'


def _printable(text: str) -> str:
    """*text* with any unprintable character escaped, so that a problem stays one line
    (messages quote values with their escapes already; this makes sure)."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape(char) for char in text)


def _escape(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte the file system's encoding could not decode
        return f"\\x{code - 0xDC00:02x}"
    if char.isprintable():
        return char
    if code < 0x80:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _byte_limit(text: str) -> int:
    """Read a size option: a whole number of bytes from 1 to `LARGEST_LIMIT`."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= LARGEST_LIMIT:
        given = text if len(text) <= 24 else text[:24] + "..."
        raise argparse.ArgumentTypeError(
            f"must be a whole number of bytes from 1 to {LARGEST_LIMIT} (1 GiB), got {given!r}"
        )
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="diplomod",
        description="Check, describe and show records of diplomacy.",
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check JSON or JSON Lines files",
        description="Check JSON files (a dossier or a record) and JSON Lines files (one record "
        "a line). Prints each problem as FILE[:LINE]: PATH: MESSAGE, one a line; a file "
        "name that could break or fake a line is printed in double quotes with escapes. "
        "Exit status: 0 when all are valid, 1 when any is not, 2 on a usage error, a file "
        "that cannot be read or output that cannot be written, 130 when interrupted.",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a file, or - for stdin")
    validate.add_argument(
        "--type",
        choices=["auto", *TYPES],
        default="auto",
        help="what each document is; auto reads a dossier by its schema_version, an event "
        "by its kind and another record by its keys (default: auto)",
    )
    validate.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print no summary line (files, valid records, problems) on standard error",
    )
    validate.add_argument(
        "--lines",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="read JSON Lines (default: for files ending .jsonl or .ndjson)",
    )
    validate.add_argument(
        "--max-line-bytes",
        type=_byte_limit,
        default=MAX_LINE_BYTES,
        metavar="BYTES",
        help=f"the longest JSON Lines line read, at most {LARGEST_LIMIT} "
        f"(default: {MAX_LINE_BYTES})",
    )
    validate.add_argument(
        "--max-document-bytes",
        type=_byte_limit,
        default=MAX_DOCUMENT_BYTES,
        metavar="BYTES",
        help="the largest whole JSON document read; write larger collections as JSON Lines "
        f"(default: {MAX_DOCUMENT_BYTES}, at most {LARGEST_LIMIT})",
    )
    validate.set_defaults(run=_validate)

    schema = commands.add_parser(
        "schema",
        help="write the JSON Schemas",
        description="Write the JSON Schemas (draft 2020-12) into a folder, or print the "
        f"bundled {BUNDLE} when no folder is given.",
    )
    schema.add_argument("--out", metavar="DIR", help="the folder to write into")
    schema.set_defaults(run=_schema)

    example = commands.add_parser(
        "example",
        help="show the worked example",
        description="Show the worked example: the Samarkand meeting of 14 April 2023.",
    )
    example.add_argument("--format", choices=["text", "json"], default="text")
    example.set_defaults(run=_example)

    formats = "; ".join(f"{name}: {form.summary}" for name, form in FORMATS.items())
    export = commands.add_parser(
        "export",
        help="write records in another format",
        description="Write records in another format. parquet: the records of JSON Lines "
        "files, all of one --type, as a Parquet dataset in the folder --out, which must be "
        "new or empty (needs the tables extra: pip install 'diplomod[tables]'). "
        f"{formats}: the records of dossier documents and JSON Lines files (a file ending "
        ".jsonl or .ndjson), of any types, written to the file --out; what the format cannot "
        "carry is printed as 'lost: WHERE: PATH: WHY'. Bad documents and lines are left out "
        "and printed as validate prints them. Exit status: 0 when every record was read, 1 "
        "when some were left out, 2 on a usage error or a file or folder that cannot be read "
        "or written.",
    )
    export.add_argument("format", choices=["parquet", *FORMATS], help="the format to write")
    export.add_argument("paths", nargs="+", metavar="PATH", help="a file to read, or -")
    export.add_argument(
        "--out", required=True, metavar="PATH", help="the file (the folder, for parquet) to write"
    )
    export.add_argument(
        "--type",
        choices=[name for name in TYPES if name != "dossier"],
        help="the type of every record (parquet needs it; otherwise told by their keys)",
    )
    export.add_argument(
        "--coarse",
        choices=["skip", "end"],
        help="plover only: leave out the records dated coarser than a day (skip, the "
        "default), or date them by their last day with their precision (end)",
    )
    export.add_argument(
        "-q", "--quiet", action="store_true", help="print no summary line on standard error"
    )
    export.add_argument(
        "--partition-by", metavar="COLUMN", help="a top-level column to partition by"
    )
    export.add_argument(
        "--max-line-bytes",
        type=_byte_limit,
        default=MAX_LINE_BYTES,
        metavar="BYTES",
        help=f"the longest line read, at most {LARGEST_LIMIT} (default: {MAX_LINE_BYTES})",
    )
    export.set_defaults(run=_export)

    codelist = commands.add_parser(
        "codelist",
        help="show a codelist",
        description=f"Show a shipped codelist: {', '.join(_codelists.names())}.",
    )
    codelist.add_argument("name", metavar="NAME")
    codelist.add_argument("--format", choices=["text", "csv"], default="text")
    codelist.set_defaults(run=_codelist)
    return parser


# -- validate ----------------------------------------------------------------------------------


class _UnreadableError(Exception):
    """A file could not be read to the end; the message says why."""


def _validate(args: argparse.Namespace) -> int:
    status = 0
    tally = collections.Counter[str]()
    for path in args.paths:
        name = "<stdin>" if path == "-" else shown(path)
        try:
            for line in _problems(path, name, args, tally):
                status = status or 1
                print(line)
        except _UnreadableError as failure:
            _complain(f"diplomod validate: cannot read {name}: {failure}")
            status = 2
        except BrokenPipeError:  # the reader saw a problem and stopped reading
            _drop_output()
            return status
    if not args.quiet:
        _complain(
            f"diplomod validate: {_many(len(args.paths), 'file')}, "
            f"{_many(tally['records'], 'valid record')}, {_many(tally['problems'], 'problem')}"
        )
    return status


def _many(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count:,} " + (noun if count == 1 else plural or f"{noun}s")


def _problems(
    path: str, name: str, args: argparse.Namespace, tally: collections.Counter[str]
) -> Iterator[str]:
    """Yield the problem lines of one file, reading it as it goes (records are not kept),
    and count its valid records and its problems in *tally*.

    What fails while reading is raised as `_UnreadableError`; what fails while printing is not
    caught here, as the printing happens outside.
    """
    lines = args.lines if args.lines is not None else path.endswith((".jsonl", ".ndjson"))
    read = functools.partial(_read, kind=args.type)
    try:
        with _open(path) as file:
            results: Iterator[Any] = (
                read_lines(file, read, args.max_line_bytes)
                if lines
                else iter([_read_document(file, read, args.max_document_bytes)])
            )
            for result in results:
                if isinstance(result, ValidationError):
                    tally["problems"] += len(result.problems)
                    yield from _problem_lines(name, result)
                else:
                    tally["records"] += _records_in(result)
    except OSError as failure:
        raise _UnreadableError(_reason(failure)) from None
    except MemoryError:
        option = "--max-line-bytes" if lines else "--max-document-bytes"
        raise _UnreadableError(
            f"not enough memory; lower {option}, or keep large collections as JSON Lines"
        ) from None


def _records_in(document: Any) -> int:
    """How many records a valid document is: a dossier's records, or one."""
    if isinstance(document, Dossier):
        return sum(len(getattr(document, field.name)) for field in shape(Dossier).fields)
    return 1


def _problem_lines(name: str, error: ValidationError) -> Iterator[str]:
    """Each problem of *error* as a line: ``FILE[:LINE]: PATH: MESSAGE``, never more than one."""
    where = name if error.line is None else f"{name}:{error.line}"
    for json_path, message in error.problems:
        yield f"{where}: {_printable(json_path)}: {_printable(message)}"


def _open(path: str) -> contextlib.AbstractContextManager[IO[bytes]]:
    if path != "-":
        return open(path, "rb")
    if sys.stdin is None:
        raise _UnreadableError("standard input is closed")
    return contextlib.nullcontext(sys.stdin.buffer)  # read as it comes, and left open


def _read_document(file: IO[bytes], read: Callable[[bytes], Any], limit: int) -> Any:
    """Read one whole document of at most *limit* bytes, or the `ValidationError` saying
    why not; a larger one is refused after reading *limit* + 1 bytes."""
    data = _read_at_most(file, limit + 1)
    if len(data) > limit:
        message = (
            f"the document is larger than {limit} bytes; write a large collection as "
            "JSON Lines (one record a line), or raise --max-document-bytes to read it"
        )
        return ValidationError([("$", message)])
    try:
        return read(data)
    except ValidationError as error:
        return error


def _read_at_most(file: IO[bytes], size: int) -> bytes:
    """Read *size* bytes, or fewer at the end of the file, in chunks (a short read from a
    pipe is not its end)."""
    buffer = io.BytesIO()
    while (left := size - buffer.tell()) > 0:
        chunk = file.read(min(left, _CHUNK))
        if not chunk:
            break
        buffer.write(chunk)
    return buffer.getvalue()


def _read(text: bytes | str, kind: str) -> Any:
    """Read one document as *kind*, or as what its keys say it is."""
    if kind != "auto":
        return from_json(text, TYPES[kind])
    data = parse_json(text)
    return from_dict(data, _detect(data))


def _detect(data: Any) -> Any:
    """Return what *data* is: a dossier by its ``schema_version``, an event by its ``kind``,
    another record by the one type its keys fit, or raise `ValidationError` saying why not.

    The keys fit the types whose required fields they hold, and of those the types that
    know the most of them; when they hold no type's required fields, the types that know
    them all, or an event with a wrong kind. So a record with a wrong or a missing key is
    still read as what it is, and the reader names the key.
    """
    kind = data.get("kind") if isinstance(data, dict) else None
    if not isinstance(data, dict) or (isinstance(kind, str) and kind in event_kinds()):
        return Event  # the reader says that a document must be an object
    if "schema_version" in data:
        return Dossier
    keys = set(data)
    known = _record_keys()
    holding = [name for name, (required, _) in known.items() if required <= keys]
    if holding:
        fewest = min(len(keys - known[name][1]) for name in holding)
        fitting = [name for name in holding if len(keys - known[name][1]) == fewest]
    else:
        fitting = [name for name, (_, fields) in known.items() if keys and keys <= fields]
        if "kind" in data:  # an event whose kind is wrong, unless its keys fit a record
            if not fitting:
                return Event  # the reader names the kind
            fitting.append("event")
    if len(fitting) == 1:
        return _RECORDS[fitting[0]]
    could = f"it could be {_either(fitting)}; " if fitting else ""
    events = ", ".join(event_kinds())
    raise ValidationError(
        [
            (
                "$",
                f"cannot tell what this is: {could}a dossier has a schema_version, an event "
                f"a kind ({events}), and other records are told by their keys; "
                "name it with --type",
            )
        ]
    )


_RECORDS = {
    name: cls
    for name, cls in TYPES.items()
    if isinstance(cls, type) and cls is not Dossier and cls not in event_kinds().values()
}
"""The types told apart by their keys (a dossier and the events carry what they are)."""


@functools.cache
def _record_keys() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Each of `_RECORDS` with its required keys and all its keys, worked out once."""
    return {
        name: (
            frozenset(field.name for field in shape(cls).fields if field.required),
            frozenset(field.name for field in shape(cls).fields),
        )
        for name, cls in _RECORDS.items()
    }


def _either(names: list[str]) -> str:
    """``a person or an organization``."""
    return " or ".join(with_article(name.replace("-", " ")) for name in names)


# -- export -----------------------------------------------------------------------------------


def _export(args: argparse.Namespace) -> int:
    if args.format != "parquet":
        return _export_format(args)
    if args.type is None:
        _complain("diplomod export: parquet needs --type, the type of every record")
        return 2
    try:
        from diplomod import tables
    except ImportError:
        _complain("diplomod export: parquet needs pyarrow: pip install 'diplomod[tables]'")
        return 2
    cls = TYPES[args.type]
    problems: list[str] = []

    def records() -> Iterator[Any]:
        for path in args.paths:
            name = "<stdin>" if path == "-" else shown(path)
            try:
                with _open(path) as file:
                    read = functools.partial(_read, kind=args.type)
                    for result in read_lines(file, read, args.max_line_bytes):
                        if isinstance(result, ValidationError):
                            problems.extend(_problem_lines(name, result))
                        else:
                            yield result
            except OSError as failure:
                raise _UnreadableError(f"cannot read {name}: {_reason(failure)}") from None

    try:
        tables.write_parquet(records(), args.out, cls, partition_by=args.partition_by)
    except (_UnreadableError, ValueError) as failure:  # ValueError: a column naming no folder
        _complain(f"diplomod export: {failure}")
        return 2
    except OSError as failure:
        _complain(f"diplomod export: cannot write into {shown(args.out)}: {_reason(failure)}")
        return 2
    for line in problems:
        print(line)
    return 1 if problems else 0


def _export_format(args: argparse.Namespace) -> int:
    """Export the records of every file in one of `FORMATS`, printing what is lost."""
    form = FORMATS[args.format]
    options = {} if args.coarse is None else {"coarse": args.coarse}
    if options and args.format != "plover":
        _complain(f"diplomod export: --coarse is for plover, not {args.format}")
        return 2
    try:
        exporter = functools.partial(form.exporter(), **options)
    except MissingExtraError as missing:
        extra = missing.args[0]
        _complain(
            f"diplomod export: {args.format} needs the {extra} extra: "
            f"pip install 'diplomod[{extra}]'"
        )
        return 2
    places: list[str] = []  # where each record was read: FILE:LINE or FILE $.meetings[0]
    records: list[Any] = []
    problems: list[str] = []
    read = functools.partial(_read, kind=args.type or "auto")
    for path in args.paths:
        name = "<stdin>" if path == "-" else shown(path)
        try:
            with _open(path) as file:
                if path.endswith((".jsonl", ".ndjson")):
                    results = numbered_lines(file, read, args.max_line_bytes)
                else:
                    results = iter([(0, _read_document(file, read, MAX_DOCUMENT_BYTES))])
                for number, result in results:
                    if isinstance(result, ValidationError):
                        problems.extend(_problem_lines(name, result))
                    elif isinstance(result, Dossier):
                        where = f"{name}:{number}" if number else name
                        for entry in entries(result):
                            places.append(f"{where}: {entry.path}")
                            records.append(entry.record)
                    else:
                        places.append(f"{name}:{number}: $" if number else f"{name}: $")
                        records.append(result)
        except OSError as failure:
            _complain(f"diplomod export: cannot read {name}: {_reason(failure)}")
            return 2
        except _UnreadableError as failure:
            _complain(f"diplomod export: cannot read {name}: {failure}")
            return 2
    found = repeats(records)  # a record whose id an earlier one has is left out
    problems += [
        f"{places[i]}.id: {records[i].id!r} is already the id of {places[j]}" for i, j in found
    ]
    if found:
        left_out = {i for i, _ in found}
        kept = [i for i in range(len(records)) if i not in left_out]
        places, records = [places[i] for i in kept], [records[i] for i in kept]
    output, losses = exporter(records)
    try:
        with open(args.out, "w", encoding="utf-8", newline="") as out:
            form.write(output, out)
    except OSError as failure:
        _complain(f"diplomod export: cannot write {shown(args.out)}: {_reason(failure)}")
        return 2
    for line in problems:
        print(line)
    for json_path, reason in losses:
        head, _, rest = json_path.partition("]")
        where = places[int(head.removeprefix("$["))] + rest
        print(f"lost: {_printable(where)}: {_printable(reason)}")
    if not args.quiet:
        _complain(
            f"diplomod export: {_many(len(records), 'record')} exported as {args.format}, "
            f"{_many(len(losses), 'loss', 'losses')}, {_many(len(problems), 'problem')}"
        )
    return 1 if problems else 0


# -- schema, codelist -------------------------------------------------------------------------


def _schema(args: argparse.Namespace) -> int:
    if args.out is None:
        sys.stdout.write(dump(schema_files()[BUNDLE]))
        return 0
    try:
        written = write_schemas(args.out)
    except FileExistsError:
        _complain(f"diplomod schema: cannot write into {shown(args.out)}: it is not a folder")
        return 2
    except OSError as failure:
        _complain(f"diplomod schema: cannot write into {shown(args.out)}: {_reason(failure)}")
        return 2
    for path in written:
        print(shown(str(path)))
    return 0


def _codelist(args: argparse.Namespace) -> int:
    if args.name not in _codelists.names():
        hint = _codelists.suggest(args.name, _codelists.names())
        print(
            f"diplomod codelist: no codelist {args.name!r}{hint or '.'} The codelists are: "
            f"{', '.join(_codelists.names())}.",
            file=sys.stderr,
        )
        return 2
    rows = list(_codelists.load(args.name).values())
    columns = list(rows[0])
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([row[c] for c in columns] for row in rows)
        return 0
    shown = [c for c in columns if c != "description"]
    widths = {c: max(len(c), *(len(row[c]) for row in rows)) for c in shown}
    print("  ".join(c.ljust(widths[c]) for c in shown).rstrip())
    for row in rows:
        print("  ".join(row[c].ljust(widths[c]) for c in shown).rstrip())
    return 0


# -- example ----------------------------------------------------------------------------------


def _example(args: argparse.Namespace) -> int:
    dossier = samarkand_2023()
    if args.format == "json":
        print(to_json(dossier, indent=2))
    else:
        sys.stdout.write(summary(dossier))
    return 0


def summary(dossier: Dossier) -> str:
    """Describe a dossier's events for a reader: who met, what they said, what they agreed."""
    out = io.StringIO()
    names = {person.id: person.name for person in dossier.people}
    for event in dossier.events():
        if isinstance(event, Meeting):
            _meeting(out, dossier, event, names)
        elif isinstance(event, Agreement):
            _agreement(out, event)
        else:
            _activity(out, event)
        sources = ", ".join(event.sources)
        if sources:
            print(f"  sources: {sources}", file=out)
        print(file=out)
    if dossier.organizations:
        print("Organizations", file=out)
    for org in dossier.organizations:
        founded = f", founded {org.founded}" if org.founded else ""
        acronym = f" ({org.acronym})" if org.acronym else ""
        print(f"  {org.id}: {org.name}{acronym}{founded}", file=out)
        for m in org.memberships:
            print(f"  - {_actor(m.state)}: {m.status} {m.period}", file=out)
    print(file=out)
    print("Sources", file=out)
    for source in dossier.sources:
        dated = f", {source.published}" if source.published else ""
        title = f" {source.title!r}" if source.title else ""
        print(f"  {source.id}: {source.publisher}{title}{dated} [{source.language}]", file=out)
    return out.getvalue()


def _areas(codes: frozenset[str]) -> str:
    titles = []
    for code in sorted(codes):
        try:
            titles.append(cooperation_area(code).title)
        except ValidationError:  # an extension code
            titles.append(code)
    return "; ".join(titles)


def _actor(code: str) -> str:
    return state(code).name if code.isupper() else code


def _meeting(out: IO[str], dossier: Dossier, meeting: Meeting, names: dict[str, str]) -> None:
    where = f", {meeting.where.name} ({_actor(meeting.where.country)})" if meeting.where else ""
    title = meeting.title or "Meeting"
    print(f"{title} {meeting.id}: {meeting.when}{where} [{meeting.status}]", file=out)
    print(f"  format: {', '.join(sorted(meeting.formats))}", file=out)
    if meeting.occasion is not None:
        occasion = dossier.get(meeting.occasion.event)
        label = getattr(occasion, "title", None) or meeting.occasion.event
        relation = _codelists.load("occasion_relations")[meeting.occasion.relation]["title"]
        print(f"  {relation.lower()}: {label}", file=out)
    for p in meeting.participants:
        who = names.get(p.person or "", p.person or "a delegation")
        office = f", {p.office}" if p.office else ""
        print(f"  - {who}{office}, {_actor(p.represents)} ({p.role})", file=out)
    for statement in meeting.statements:
        by = " and ".join(names.get(who) or _actor(who) for who in statement.by)
        planned = "" if statement.status == "done" else f" [{statement.status}]"
        print(f"  * {by} {statement.stance}: {statement.substance}{planned}", file=out)
        if statement.areas:
            print(f"      areas: {_areas(statement.areas)}", file=out)
    if meeting.topics:
        print(f"  topics: {'; '.join(meeting.topics)}", file=out)


def _agreement(out: IO[str], agreement: Agreement) -> None:
    instrument = _codelists.load("instrument_types")[agreement.instrument]["title"]
    dated = agreement.date or "undated"
    print(f"{instrument} {agreement.id}: {dated} [{agreement.status}]", file=out)
    print(f"  {agreement.title}", file=out)
    print(f"  parties: {', '.join(_actor(p) for p in agreement.parties)}", file=out)
    for event in agreement.events:
        who = "the agreement" if event.party is None else _actor(event.party)
        print(f"  - {who} {event.action.replace('_', ' ')} {event.date}", file=out)
    if agreement.projects:
        print(f"  projects: {'; '.join(agreement.projects)}", file=out)
    if agreement.areas:
        print(f"  areas: {_areas(agreement.areas)}", file=out)


def _activity(out: IO[str], activity: Activity) -> None:
    dated = activity.when or "undated"
    print(f"Activity {activity.id}: {dated} [{activity.status}]", file=out)
    print(f"  {activity.description}", file=out)
    print(f"  parties: {', '.join(_actor(p) for p in activity.parties)}", file=out)
    print(f"  areas: {_areas(activity.areas)}", file=out)
