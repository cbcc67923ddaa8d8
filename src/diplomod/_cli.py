"""The ``diplomod`` command: validate files, write the schemas, show the example and codelists."""

from __future__ import annotations

import argparse
import csv
import functools
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from diplomod import _codelists
from diplomod._schema import BUNDLE, dump, schema_files, top_level, write_schemas
from diplomod.activities import Activity
from diplomod.agreements import Agreement
from diplomod.areas import cooperation_area
from diplomod.dossier import Dossier, Event
from diplomod.errors import ValidationError
from diplomod.examples import samarkand_2023
from diplomod.meetings import Meeting
from diplomod.serializers import (
    MAX_LINE_BYTES,
    from_dict,
    from_json,
    parse_json,
    read_lines,
    to_json,
)
from diplomod.states import state

TYPES: dict[str, Any] = {file.removesuffix(".json"): cls for cls, file in top_level().items()}
"""What ``validate --type`` may name (each type with a schema file of its own); ``auto``
tells a dossier or an event by its keys."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (the process's arguments by default)."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.run(args)
    except BrokenPipeError:  # e.g. piped into head
        return 0
    return result


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
        "a line). Prints each problem as FILE[:LINE]: PATH: MESSAGE. Exit status: 0 when all "
        "are valid, 1 when any is not, 2 on a usage error or a file that cannot be read.",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a file, or - for stdin")
    validate.add_argument(
        "--type",
        choices=["auto", *TYPES],
        default="auto",
        help="what each document is; auto reads a dossier by its schema_version and an "
        "event by its kind (default: auto)",
    )
    validate.add_argument(
        "--lines",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="read JSON Lines (default: for files ending .jsonl or .ndjson)",
    )
    validate.add_argument(
        "--max-line-bytes",
        type=int,
        default=MAX_LINE_BYTES,
        help=f"the longest JSON Lines line read (default: {MAX_LINE_BYTES})",
    )
    validate.set_defaults(run=_validate)

    schema = commands.add_parser(
        "schema",
        help="write the JSON Schemas",
        description="Write the JSON Schemas (draft 2020-12) into a folder, or print the "
        f"bundled {BUNDLE} when no folder is given.",
    )
    schema.add_argument("--out", type=Path, metavar="DIR", help="the folder to write into")
    schema.set_defaults(run=_schema)

    example = commands.add_parser(
        "example",
        help="show the worked example",
        description="Show the worked example: the Samarkand meeting of 14 April 2023.",
    )
    example.add_argument("--format", choices=["text", "json"], default="text")
    example.set_defaults(run=_example)

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


def _validate(args: argparse.Namespace) -> int:
    status = 0
    for path in args.paths:
        name = "<stdin>" if path == "-" else path
        lines = args.lines if args.lines is not None else path.endswith((".jsonl", ".ndjson"))
        read = functools.partial(_read, kind=args.type)
        try:
            with _open(path) as file:
                if lines:
                    results: list[Any] = list(read_lines(file, read, args.max_line_bytes))
                else:
                    results = _read_document(file.read(), read)
        except OSError as failure:
            print(f"diplomod validate: cannot read {name}: {failure.strerror}", file=sys.stderr)
            status = 2
            continue
        problems = [error for error in results if isinstance(error, ValidationError)]
        for error in problems:
            where = name if error.line is None else f"{name}:{error.line}"
            for json_path, message in error.problems:
                print(f"{where}: {json_path}: {message}")
        if problems and status == 0:
            status = 1
    return status


def _open(path: str) -> IO[bytes]:
    if path == "-":
        return io.BytesIO(sys.stdin.buffer.read())
    return open(path, "rb")


def _read_document(data: bytes, read: Any) -> list[Any]:
    try:
        return [read(data)]
    except ValidationError as error:
        return [error]


def _read(text: bytes | str, kind: str) -> Any:
    """Read one document as *kind*, or as what its keys say it is."""
    if kind != "auto":
        return from_json(text, TYPES[kind])
    data = parse_json(text)
    if isinstance(data, dict) and "schema_version" in data:
        return from_dict(data, Dossier)
    if isinstance(data, dict) and "kind" in data:
        return from_dict(data, Event)
    raise ValidationError(
        [
            (
                "$",
                "cannot tell what this is: a dossier has a schema_version and "
                "an event a kind; name it with --type",
            )
        ]
    )


# -- schema, codelist -------------------------------------------------------------------------


def _schema(args: argparse.Namespace) -> int:
    if args.out is None:
        sys.stdout.write(dump(schema_files()[BUNDLE]))
        return 0
    for path in write_schemas(args.out):
        print(path)
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
        print(f"  - {_actor(event.party)} {event.action.replace('_', ' ')} {event.date}", file=out)
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
