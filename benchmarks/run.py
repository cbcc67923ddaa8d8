"""Measure diplomod's reading, writing and building against pydantic, msgspec and plain JSON.

    python benchmarks/run.py                # the 5,000, 50,000 and 200,000-record corpora
    python benchmarks/run.py --quick        # the 50,000-record corpus only, fewer repetitions
    python benchmarks/run.py --build-only   # building only, 5,000 records, for development
    python benchmarks/run.py --profile      # cProfile diplomod reading 5,000 records
    python benchmarks/run.py --profile-build  # cProfile diplomod building 5,000 records

Everything runs in one process, with the garbage collector at its defaults. For each
library it times loading (JSON Lines bytes to validated objects) and dumping (those objects
back to JSON Lines bytes), keeps the best and the median of several repetitions, and
measures with tracemalloc how much memory the loaded records keep alive. The floor is
orjson (and the standard library's json) turning the same bytes into plain dicts and back,
with no validation at all.

It also times building: what an application does when it makes the corpus's meetings and
agreements in Python from parts it has already made. Outside the timed region each library
reads every record with its own reader and takes the top-level object apart into keyword
arguments (nested records, dates, tuples and frozensets, as the library keeps them); the
timed region is only the top-level constructor calls. msgspec does not check a Struct's
types, patterns or codes when it is made from Python, so its row is for reference only.

Before its numbers count, each library must write back exactly the bytes it read, and
build records equal to the ones it read; diplomod and the peers must refuse exactly the
lines of the corrupted corpus that were broken on purpose, and answer every probe of
``check_peers.py`` alike.

It prints a table, writes the results to ``docs/benchmarks.md``, and ends with one line:
``RATIOS load_vs_pydantic=X dump_vs_pydantic=X load_vs_floor=X dump_vs_floor=X
mem_vs_pydantic=X mem_vs_msgspec=X build_vs_pydantic=X``, diplomod's figure divided by the
other's (best times, 50,000 records, floor = orjson).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import gc
import io
import json
import os
import platform
import pstats
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import attrs
import check_peers
import corpus
import msgspec
import orjson
import page
import pydantic
from peers import msgspec_models, pydantic_models

import diplomod

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "benchmarks.md"
HEADLINE = 50_000
TARGETS = {
    "load_vs_pydantic": 0.6,
    "load_vs_floor": 2.5,
    "dump_vs_pydantic": 0.8,
    "mem_vs_msgspec": 1.0,
    "build_vs_pydantic": 1.0,
}


@dataclass(frozen=True)
class Contender:
    """One library's way of loading and dumping the corpus."""

    name: str
    version: str
    load: Callable[[bytes], list[Any]]
    load_document: Callable[[bytes], list[Any]]
    dump: Callable[[list[Any]], bytes]


# -- the contenders ---------------------------------------------------------------------------

# read_jsonl is typed for a class (``type[T]``), and Event is a union of three; it reads
# one all the same, as from_dict and from_json do.
EVENT: Any = diplomod.Event


def diplomod_load(data: bytes) -> list[Any]:
    """diplomod's documented bulk path: ``read_jsonl`` over a binary file."""
    return list(diplomod.read_jsonl(io.BytesIO(data), EVENT))


def diplomod_load_document(data: bytes) -> list[Any]:
    events: list[Any] = diplomod.from_json(data, list[diplomod.Event])
    return events


def diplomod_dump(events: list[Any]) -> bytes:
    """diplomod's documented bulk path: ``write_jsonl`` into a binary file."""
    out = io.BytesIO()
    diplomod.write_jsonl(events, out)
    return out.getvalue()


def diplomod_load_per_line(data: bytes) -> list[Any]:
    """``from_json`` a line: what ``read_jsonl`` costs on top of reading each record."""
    from_json, event = diplomod.from_json, diplomod.Event
    return [from_json(line, event) for line in data.splitlines() if line]


def diplomod_dump_per_record(events: list[Any]) -> bytes:
    to_json = diplomod.to_json
    return "".join([to_json(event) + "\n" for event in events]).encode("utf-8")


def orjson_load(data: bytes) -> list[Any]:
    loads = orjson.loads
    return [loads(line) for line in data.splitlines() if line]


def orjson_dump(records: list[Any]) -> bytes:
    dumps = orjson.dumps
    return b"\n".join([dumps(record) for record in records]) + b"\n"


def json_load(data: bytes) -> list[Any]:
    loads = json.loads
    return [loads(line) for line in data.splitlines() if line]


_JSON_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def json_dump(records: list[Any]) -> bytes:
    return "\n".join([_JSON_ENCODE(record) for record in records]).encode("utf-8") + b"\n"


def _list(loaded: Any) -> list[Any]:
    if not isinstance(loaded, list):
        raise TypeError(f"expected a list, got {type(loaded).__name__}")
    return loaded


def _version(name: str) -> str:
    return metadata.version(name)


CONTENDERS = (
    Contender(
        "diplomod",
        _version("diplomod"),
        diplomod_load,
        diplomod_load_document,
        diplomod_dump,
    ),
    Contender(
        "pydantic",
        pydantic.VERSION,
        pydantic_models.load_lines,
        pydantic_models.load_document,
        pydantic_models.dump_lines,
    ),
    Contender(
        "msgspec",
        msgspec.__version__,
        msgspec_models.load_lines,
        msgspec_models.load_document,
        msgspec_models.dump_lines,
    ),
    Contender(
        "orjson",
        _version("orjson"),
        orjson_load,
        lambda data: _list(orjson.loads(data)),
        orjson_dump,
    ),
    Contender(
        "json",
        platform.python_version(),
        json_load,
        lambda data: _list(json.loads(data)),
        json_dump,
    ),
)


def diplomod_load_paused(data: bytes) -> list[Any]:
    """``read_jsonl`` into a list, with the caller pausing the garbage collector meanwhile.

    A library must not switch the collector off for the whole process, but an application
    that reads a large file at once may; this is what that gains it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return list(diplomod.read_jsonl(io.BytesIO(data), EVENT))
    finally:
        if enabled:
            gc.enable()


# diplomod's other ways to read and write, shown beside its headline figures. The paused
# collector does not count for the ratios: the comparison is with the collector at its
# defaults.
DIPLOMOD_PAUSED = Contender(
    "diplomod, read_jsonl with the caller pausing the collector",
    _version("diplomod"),
    diplomod_load_paused,
    diplomod_load_document,
    diplomod_dump,
)
DIPLOMOD_PER_RECORD = Contender(
    "diplomod, a call a record",
    _version("diplomod"),
    diplomod_load_per_line,
    diplomod_load_document,
    diplomod_dump_per_record,
)


# -- the builders ------------------------------------------------------------------------------

Call = tuple[type[Any], dict[str, Any]]
"""A top-level class and the keyword arguments to make one record with."""

BUILD_CHECKED = 500
"""How many of the first records each builder must make equal to the ones it read."""


@dataclass(frozen=True)
class Builder:
    """One library's way of making the corpus's records in Python from parts already made.

    *read* turns one JSON line (given also as the dict orjson reads from it) into the
    library's record, with the library's own reader: its attributes are the parts, made as
    the library makes them. *classes* are the top-level classes by the record's ``kind``,
    *fields* the keyword arguments a class's constructor takes.
    """

    name: str
    version: str
    read: Callable[[bytes, dict[str, Any]], Any]
    classes: dict[str, type[Any]]
    fields: Callable[[type[Any]], list[str]]
    validates: bool  # whether a record made from Python has its fields checked


def diplomod_read(line: bytes, record: dict[str, Any]) -> Any:
    return diplomod.from_dict(record, EVENT)


def diplomod_fields(cls: type[Any]) -> list[str]:
    return [field.name for field in attrs.fields(cls) if field.init]


def pydantic_read(line: bytes, record: dict[str, Any]) -> Any:
    return pydantic_models.EVENT.validate_json(line)


def pydantic_fields(cls: type[Any]) -> list[str]:
    """The model's fields. ``kind`` is one of them: a ``Literal`` with no default, which
    the caller must pass (diplomod's classes and msgspec's tagged Structs know their kind)."""
    model: type[pydantic.BaseModel] = cls
    return list(model.model_fields)


def msgspec_read(line: bytes, record: dict[str, Any]) -> Any:
    return msgspec_models.DECODER.decode(line)


def msgspec_fields(cls: type[Any]) -> list[str]:
    return [field.name for field in msgspec.structs.fields(cls)]


BUILDERS = (
    Builder(
        "diplomod",
        _version("diplomod"),
        diplomod_read,
        {
            "meeting": diplomod.Meeting,
            "agreement": diplomod.Agreement,
            "activity": diplomod.Activity,
        },
        diplomod_fields,
        validates=True,
    ),
    Builder(
        "pydantic",
        pydantic.VERSION,
        pydantic_read,
        {
            "meeting": pydantic_models.Meeting,
            "agreement": pydantic_models.Agreement,
            "activity": pydantic_models.Activity,
        },
        pydantic_fields,
        validates=True,
    ),
    Builder(
        "msgspec",
        msgspec.__version__,
        msgspec_read,
        {
            "meeting": msgspec_models.Meeting,
            "agreement": msgspec_models.Agreement,
            "activity": msgspec_models.Activity,
        },
        msgspec_fields,
        validates=False,
    ),
)


def parts(builder: Builder, data: bytes) -> tuple[list[Call], list[Any]]:
    """Take every record of the JSON Lines *data* apart into its class and keyword arguments.

    Each record is read by the builder's library, and the top-level object's attributes are
    the parts: nested records, dates, tuples and frozensets exactly as that library makes
    them. Only the fields the line gives are passed, in the class's order; the corpus leaves
    out fields at their default, as an application making a record would. Returns the
    calls and the records read, which the calls must make again.
    """
    names = {kind: builder.fields(cls) for kind, cls in builder.classes.items()}
    loads, read = orjson.loads, builder.read
    calls: list[Call] = []
    records: list[Any] = []
    for line in data.splitlines():
        if not line:
            continue
        record = loads(line)
        kind = record["kind"]
        obj = read(line, record)
        cls = builder.classes[kind]
        if type(obj) is not cls:
            raise TypeError(f"{builder.name} read a {kind} as {type(obj).__name__}")
        calls.append((cls, {name: getattr(obj, name) for name in names[kind] if name in record}))
        records.append(obj)
    return calls, records


def build(calls: list[Call]) -> list[Any]:
    """Make every record from its parts: the only part of building that is timed."""
    return [cls(**kwargs) for cls, kwargs in calls]


def builds_alike(builder: Builder, data: bytes, count: int = BUILD_CHECKED) -> bool:
    """Whether *builder* makes the first *count* records of *data* equal to the ones it
    read. Its first constructor calls also warm it up."""
    calls, records = parts(builder, head(data, count))
    return build(calls) == records


def head(data: bytes, count: int) -> bytes:
    """The first *count* lines of *data* (all of it when it has fewer)."""
    end = -1
    for _ in range(count):
        end = data.find(b"\n", end + 1)
        if end < 0:
            return data
    return data[: end + 1]


# -- measuring --------------------------------------------------------------------------------


@dataclass
class Timing:
    """Seconds taken by each repetition of one operation on one corpus."""

    seconds: list[float] = field(default_factory=list)

    def best(self, records: int) -> float:
        """Microseconds per record in the fastest repetition."""
        return min(self.seconds) * 1e6 / records

    def median(self, records: int) -> float:
        return statistics.median(self.seconds) * 1e6 / records


@dataclass
class Result:
    """What was measured of one contender."""

    load: dict[int, Timing] = field(default_factory=dict)
    dump: dict[int, Timing] = field(default_factory=dict)
    document: dict[int, Timing] = field(default_factory=dict)
    memory: dict[int, float] = field(default_factory=dict)  # bytes kept alive per record
    round_trip: dict[int, bool] = field(default_factory=dict)
    build: dict[int, Timing] = field(default_factory=dict)
    builds_alike: dict[int, bool] = field(default_factory=dict)  # made equal to those read


def timed(operation: Callable[[Any], Any], argument: Any) -> tuple[float, Any]:
    """Run *operation* once on *argument*, after a collection so each run starts alike."""
    gc.collect()
    start = time.perf_counter()
    result = operation(argument)
    return time.perf_counter() - start, result


def retained(load: Callable[[bytes], list[Any]], data: bytes) -> tuple[int, int]:
    """Bytes the records loaded from *data* keep alive, as tracemalloc counts them, and
    how many records there were."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        records = load(data)
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
        count = len(records)
        del records
    finally:
        tracemalloc.stop()
    return after - before, count


def measure(
    contenders: Iterable[Contender],
    results: dict[str, Result],
    size: int,
    repetitions: int,
    *,
    documents: bool,
    memory: Collection[str],
    log: Callable[[str], None],
) -> None:
    """Time every contender on the *size*-record corpus, and check what each writes.

    Loads run in rounds, every contender once a round, so that a slow spell of the machine
    hits them all. In the last round each contender's dumps are timed on the records it
    has just loaded, while no other contender's records are alive.
    """
    jsonl, array = corpus.paths(size)
    data = jsonl.read_bytes()
    contenders = list(contenders)
    for contender in contenders:  # warm up: first calls compile hooks and fill caches
        contender.dump(contender.load(data[: data.index(b"\n", 20_000) + 1]))
    for round_ in range(1, repetitions + 1):
        log(f"{size:,} records: round {round_} of {repetitions}")
        for contender in contenders:
            result = results[contender.name]
            seconds, loaded = timed(contender.load, data)
            if len(loaded) != size:
                raise RuntimeError(f"{contender.name} loaded {len(loaded)} of {size} records")
            result.load.setdefault(size, Timing()).seconds.append(seconds)
            if round_ == repetitions:
                written = b""
                for _ in range(repetitions):
                    seconds, written = timed(contender.dump, loaded)
                    result.dump.setdefault(size, Timing()).seconds.append(seconds)
                result.round_trip[size] = written == data
                del written
            del loaded
    if documents:
        document = array.read_bytes()
        for round_ in range(1, repetitions + 1):
            log(f"{size:,} records as one array document: round {round_} of {repetitions}")
            for contender in contenders:
                seconds, loaded = timed(contender.load_document, document)
                if len(loaded) != size:
                    raise RuntimeError(f"{contender.name} loaded {len(loaded)} of {size}")
                del loaded
                results[contender.name].document.setdefault(size, Timing()).seconds.append(seconds)
        del document
    for contender in contenders:
        if contender.name in memory:
            log(f"{size:,} records: memory kept by {contender.name}")
            kept, count = retained(contender.load, data)
            results[contender.name].memory[size] = kept / count


def measure_builds(
    builders: Iterable[Builder],
    results: dict[str, Result],
    size: int,
    repetitions: int,
    *,
    log: Callable[[str], None],
) -> None:
    """Time every builder making the *size*-record corpus from its parts.

    Each builder first makes the first records and compares them with the ones it read,
    then takes the whole corpus apart, once; every builder's parts stay alive through the
    rounds, so each build runs on the same heap. Builds run in rounds, every builder once
    a round, and only the records of the build being timed are alive besides the parts.
    """
    data = corpus.paths(size)[0].read_bytes()
    builders = list(builders)
    prepared: dict[str, list[Call]] = {}
    for builder in builders:
        log(f"{size:,} records: {builder.name} reads the parts to build from")
        results[builder.name].builds_alike[size] = builds_alike(builder, data)
        calls, records = parts(builder, data)
        del records
        prepared[builder.name] = calls
    for round_ in range(1, repetitions + 1):
        log(f"{size:,} records built from their parts: round {round_} of {repetitions}")
        for builder in builders:
            seconds, built = timed(build, prepared[builder.name])
            if len(built) != size:
                raise RuntimeError(f"{builder.name} built {len(built)} of {size} records")
            del built
            results[builder.name].build.setdefault(size, Timing()).seconds.append(seconds)


# -- the corrupted corpus -----------------------------------------------------------------------


def refused_lines(name: str, data: bytes) -> tuple[set[int], int]:
    """The numbers of the lines library *name* refuses, and how many problems it reports."""
    bad: set[int] = set()
    problems = 0
    lines = data.splitlines()
    if name == "diplomod":
        for result in diplomod.read_jsonl_results(io.BytesIO(data), EVENT):
            if isinstance(result, diplomod.ValidationError):
                assert result.line is not None
                bad.add(result.line)
                problems += len(result.problems)
    elif name == "pydantic":
        for number, line in enumerate(lines, 1):
            try:
                pydantic_models.EVENT.validate_json(line)
            except pydantic.ValidationError as error:
                bad.add(number)
                problems += error.error_count()
    elif name == "msgspec":
        for number, line in enumerate(lines, 1):
            try:
                msgspec_models.DECODER.decode(line)
            except msgspec.ValidationError:
                bad.add(number)
                problems += 1  # msgspec stops at the first problem
    return bad, problems


@dataclass
class ErrorCheck:
    injected: int
    found: dict[str, tuple[int, int]]  # library: (lines refused, problems reported)
    agree: dict[str, bool]  # library: refused exactly the broken lines

    @property
    def ok(self) -> bool:
        return all(self.agree.values())


def check_errors(manifest: dict[str, Any]) -> ErrorCheck:
    data = corpus.corrupted_path().read_bytes()
    broken = set(manifest["corrupted"]["lines"])
    found: dict[str, tuple[int, int]] = {}
    agree: dict[str, bool] = {}
    for name in ("diplomod", "pydantic", "msgspec"):
        bad, problems = refused_lines(name, data)
        found[name] = (len(bad), problems)
        agree[name] = bad == broken
    return ErrorCheck(len(broken), found, agree)


# -- reporting ----------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    where = Path(diplomod.__file__).resolve().parent
    if where != ROOT / "src" / "diplomod":
        return {**_machine(model), "diplomod": f"{_version('diplomod')} (imported from {where})"}
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        source = f"git {commit}" + (", with uncommitted changes in src/" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        source = "not a git checkout"
    return {**_machine(model), "diplomod": f"{_version('diplomod')} ({source})"}


def _machine(model: str) -> dict[str, str]:
    return {
        "CPU": model,
        "cores": str(os.cpu_count()),
        "system": f"{platform.system()} {platform.release()}",
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "diplomod": _version("diplomod"),
        "attrs, cattrs": f"{_version('attrs')}, {_version('cattrs')}",
        "pydantic": f"{pydantic.VERSION} (pydantic-core {_version('pydantic-core')})",
        "msgspec": msgspec.__version__,
        "orjson": _version("orjson"),
    }


def ratios(results: dict[str, Result], size: int) -> dict[str, float]:
    dm, pd, ms, floor = (results[n] for n in ("diplomod", "pydantic", "msgspec", "orjson"))
    return {
        "load_vs_pydantic": dm.load[size].best(size) / pd.load[size].best(size),
        "dump_vs_pydantic": dm.dump[size].best(size) / pd.dump[size].best(size),
        "load_vs_floor": dm.load[size].best(size) / floor.load[size].best(size),
        "dump_vs_floor": dm.dump[size].best(size) / floor.dump[size].best(size),
        "mem_vs_pydantic": dm.memory[size] / pd.memory[size],
        "mem_vs_msgspec": dm.memory[size] / ms.memory[size],
        "build_vs_pydantic": dm.build[size].best(size) / pd.build[size].best(size),
    }


def label(contender: Contender) -> str:
    if contender.name == "json":
        return f"json (stdlib, Python {contender.version}), plain dicts"
    if contender.name == "orjson":
        return f"orjson {contender.version}, plain dicts (floor)"
    if contender.name.startswith("diplomod,"):
        return contender.name
    return f"{contender.name} {contender.version}"


def build_label(builder: Builder) -> str:
    if builder.validates:
        return f"{builder.name} {builder.version}"
    return f"{builder.name} {builder.version} (no validation when built from Python)"


def build_table(
    builders: Iterable[Builder], results: dict[str, Result], size: int, repetitions: int
) -> tuple[str, list[str], list[list[str]]]:
    """The build figures of *size* records, as a (title, header, rows) table."""
    rows = [
        [
            build_label(b),
            f"{results[b.name].build[size].best(size):.1f}",
            f"{results[b.name].build[size].median(size):.1f}",
            "yes" if results[b.name].builds_alike[size] else "NO",
        ]
        for b in builders
        if size in results[b.name].build
    ]
    return (
        f"{size:,} meetings and agreements built in Python from parts already made: "
        f"microseconds per record (best and median of {repetitions})",
        ["library", "best", "median", "same records"],
        rows,
    )


def tables(
    contenders: list[Contender],
    builders: list[Builder],
    results: dict[str, Result],
    sizes: list[int],
    errors: ErrorCheck,
    repetitions: dict[int, int],
) -> list[tuple[str, list[str], list[list[str]]]]:
    """The report as (title, header, rows) tables, shared by the terminal and the page."""
    out: list[tuple[str, list[str], list[list[str]]]] = []
    size = HEADLINE
    reps = repetitions[size]
    rows = []
    for contender in contenders:
        result = results[contender.name]
        memory = result.memory.get(size)
        rows.append(
            [
                label(contender),
                f"{result.load[size].best(size):.1f}",
                f"{result.load[size].median(size):.1f}",
                f"{result.dump[size].best(size):.1f}",
                f"{result.dump[size].median(size):.1f}",
                "" if memory is None else f"{memory:,.0f}",
                "yes" if result.round_trip[size] else "NO",
            ]
        )
    out.append(
        (
            f"{size:,} records of JSON Lines: microseconds per record "
            f"(best and median of {reps}), bytes kept alive per record",
            [
                "library",
                "load best",
                "load median",
                "dump best",
                "dump median",
                "memory",
                "same bytes",
            ],
            rows,
        )
    )
    if len(sizes) > 1:
        rows = []
        for contender in contenders:
            result = results[contender.name]
            if not all(s in result.load for s in sizes):
                continue
            loads = [f"{result.load[s].best(s):.1f}" for s in sizes]
            dumps = [f"{result.dump[s].best(s):.1f}" for s in sizes]
            rows.append([label(contender), *loads, *dumps])
        out.append(
            (
                "Growth with size: best microseconds per record",
                [
                    "library",
                    *(f"load {s:,}" for s in sizes),
                    *(f"dump {s:,}" for s in sizes),
                ],
                rows,
            )
        )
    rows = [
        [
            label(c),
            f"{results[c.name].document[size].best(size):.1f}",
            f"{results[c.name].document[size].median(size):.1f}",
        ]
        for c in contenders
        if size in results[c.name].document
    ]
    if rows:
        out.append(
            (
                f"{size:,} records as one JSON array document: load, microseconds per record",
                ["library", "best", "median"],
                rows,
            )
        )
    if any(size in results[b.name].build for b in builders):
        out.append(build_table(builders, results, size, reps))
    r = ratios(results, size)
    out.append(
        (
            f"diplomod's figure divided by the other's ({size:,} records, best times)",
            ["ratio", "value", "target", "met"],
            [
                [
                    name,
                    f"{value:.3f}",  # three places, so that 3.004 does not read as a met 3.00
                    f"<= {TARGETS[name]}" if name in TARGETS else "",
                    ("yes" if value <= TARGETS[name] else "no") if name in TARGETS else "",
                ]
                for name, value in r.items()
            ],
        )
    )
    out.append(
        (
            f"The corrupted corpus: {corpus.CORRUPTED_SIZE:,} records, "
            f"{errors.injected} of them broken on purpose, one rule each",
            ["library", "lines refused", "problems reported", "exactly the broken lines"],
            [
                [name, str(lines), str(problems), "yes" if errors.agree[name] else "NO"]
                for name, (lines, problems) in errors.found.items()
            ],
        )
    )
    return out


def text_table(title: str, header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([title, line(header), rule, *(line(row) for row in rows)])


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |"

    align = ["---"] + ["--:"] * (len(header) - 1)
    return "\n".join([line(header), "| " + " | ".join(align) + " |", *(line(r) for r in rows)])


def write_page(
    command: str,
    made: datetime.datetime,
    took: float,
    info: dict[str, str],
    loads: tuple[float, float],
    report: list[tuple[str, list[str], list[list[str]]]],
    checks: list[str],
    ratio_line: str,
) -> None:
    parts = [
        "# Benchmarks",
        "",
        "```{note}",
        f"This page is generated by `{command}`; do not edit it by hand, run that command "
        "again instead.",
        "```",
        "",
        f"Made on {made:%Y-%m-%d at %H:%M} UTC in {took / 60:.1f} minutes. "
        "Each library loads the same corpus of generated meetings (about 70%) and "
        "agreements (about 30%) from JSON Lines bytes into validated objects, and dumps "
        "the objects back to bytes, in one process with the garbage collector at its "
        "defaults. Times are microseconds per record; memory is what the loaded records "
        "keep alive, as tracemalloc counts it, per record. The peers are pydantic models "
        "and msgspec Structs with the same rules as diplomod's records "
        "(`benchmarks/peers/`); the floor is orjson turning the same bytes into plain "
        "dicts and back, with no validation. Every library must write back exactly the "
        "bytes it read (the column *same bytes*). Rows named *diplomod, ...* show its "
        "other ways to read and write, for comparison; they do not count for the ratios. "
        "Building is what an application does in Python: each library makes the corpus's "
        "meetings and agreements from parts it has already made (nested records, dates, "
        "tuples and frozensets, as its own reader makes them), and only the top-level "
        "constructor calls are timed; *same records* says that the records built equal "
        "those read. msgspec does not check a Struct's types, patterns or codes when it is "
        "made from Python (only the peer's `__post_init__` rules run), so its build row "
        "counts for no ratio.",
        "",
        "## Machine",
        "",
        markdown_table(["", ""], [[k, v] for k, v in info.items()]),
        "",
        f"Load average (1 minute) when the run began: {loads[0]:.2f}; when it ended: "
        f"{loads[1]:.2f}. Numbers taken while other work shares the cores are noisier; "
        "the best of several repetitions is the figure least affected.",
        "",
    ]
    for title, header, rows in report:
        parts += [f"## {title}", "", markdown_table(header, rows), ""]
    parts += ["## Checks", ""]
    parts += [f"- {check}" for check in checks]
    parts += [
        "",
        "## The ratios line",
        "",
        "```text",
        ratio_line,
        "```",
        "",
    ]
    kept = page.sections()  # what tables.py and spark.py wrote stays on the page
    PAGE.write_text(
        "\n".join(parts) + "".join("\n" + section for section in kept), encoding="utf-8"
    )


def profile(size: int = 5_000, top: int = 15) -> None:
    """Print where diplomod's load of *size* records spends its time."""
    corpus.ensure((size,))
    data = corpus.paths(size)[0].read_bytes()
    diplomod_load(data[: data.index(b"\n", 20_000) + 1])  # warm up
    _print_profile(diplomod_load, data, top)


def profile_build(size: int = 5_000, top: int = 15) -> None:
    """Print where diplomod spends its time making *size* records from their parts."""
    corpus.ensure((size,))
    data = corpus.paths(size)[0].read_bytes()
    builder = BUILDERS[0]
    if not builds_alike(builder, data):  # also warms up
        raise RuntimeError("diplomod built records unlike the ones it read")
    calls, records = parts(builder, data)
    del records
    _print_profile(build, calls, top)


def _print_profile(operation: Callable[[Any], Any], argument: Any, top: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    operation(argument)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def build_only(size: int = 5_000, repetitions: int = 7) -> int:
    """Time building alone on the *size*-record corpus and print it, writing no page."""
    began = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - began:6.1f} s] {message}", file=sys.stderr, flush=True)

    corpus.ensure((size,))
    results = {b.name: Result() for b in BUILDERS}
    measure_builds(BUILDERS, results, size, repetitions, log=log)
    print(text_table(*build_table(BUILDERS, results, size, repetitions)))
    value = results["diplomod"].build[size].best(size) / results["pydantic"].build[size].best(size)
    print(f"build_vs_pydantic={value:.3f} (target <= {TARGETS['build_vs_pydantic']})")
    return 0 if all(results[b.name].builds_alike[size] for b in BUILDERS) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="50,000 records, fewer rounds")
    parser.add_argument("--profile", action="store_true", help="profile diplomod's load")
    parser.add_argument(
        "--build-only", action="store_true", help="time building alone, 5,000 records"
    )
    parser.add_argument("--profile-build", action="store_true", help="profile diplomod's building")
    args = parser.parse_args(argv)
    if args.profile:
        profile()
        return 0
    if args.profile_build:
        profile_build()
        return 0
    if args.build_only:
        return build_only()
    began = time.perf_counter()
    made = datetime.datetime.now(datetime.UTC)
    load_before = os.getloadavg()[0]
    info = machine()  # now: the diplomod being measured is the one on disk at the start

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - began:6.1f} s] {message}", file=sys.stderr, flush=True)

    repetitions = {HEADLINE: 3} if args.quick else {5_000: 7, HEADLINE: 5, 200_000: 3}
    sizes = sorted(repetitions)
    manifest = corpus.ensure(tuple(sizes))
    contenders = list(CONTENDERS)
    extras = [DIPLOMOD_PAUSED]
    if not args.quick:
        extras.append(DIPLOMOD_PER_RECORD)
    results = {c.name: Result() for c in [*contenders, *extras]}
    for size in sizes:
        measure(
            contenders,
            results,
            size,
            repetitions[size],
            documents=size == HEADLINE and not args.quick,
            # tracemalloc slows loading down several times; --quick skips the stdlib's dicts
            memory=[c.name for c in contenders if not (args.quick and c.name == "json")]
            if size == HEADLINE
            else [],
            log=log,
        )
    if extras:
        measure(
            extras,
            results,
            HEADLINE,
            repetitions[HEADLINE],
            documents=False,
            memory=[],
            log=log,
        )
        contenders[1:1] = extras
    measure_builds(BUILDERS, results, HEADLINE, repetitions[HEADLINE], log=log)
    log("the corrupted corpus, and the rule probes")
    errors = check_errors(manifest)
    probes = check_peers.disagreements()
    report = tables(contenders, list(BUILDERS), results, sizes, errors, repetitions)
    values = ratios(results, HEADLINE)
    ratio_line = "RATIOS " + " ".join(f"{name}={value:.2f}" for name, value in values.items())
    took = time.perf_counter() - began
    same = all(results[c.name].round_trip[s] for c in CONTENDERS for s in sizes)
    alike = all(results[b.name].builds_alike[HEADLINE] for b in BUILDERS)
    found = errors.found["diplomod"][0]
    checks = [
        "Every library wrote back exactly the bytes it read: "
        + ("yes." if same else "NO (see the column *same bytes*)."),
        f"Every library built its first {BUILD_CHECKED} records equal to the ones it read: "
        + ("yes." if alike else "NO (see the column *same records*)."),
        f"diplomod found {found} bad lines in the corrupted corpus; {errors.injected} were "
        f"broken: {'they match' if found == errors.injected and errors.ok else 'NO MATCH'}.",
        *(f"Rule probe answered otherwise: {line}" for line in probes),
        f"{len(check_peers.PROBES)} rule probes (`benchmarks/check_peers.py`): "
        + (
            "diplomod, pydantic and msgspec accept and refuse alike."
            if not probes
            else "SOME DISAGREE."
        ),
    ]
    command = "python benchmarks/run.py" + (" --quick" if args.quick else "")
    load_after = os.getloadavg()[0]
    write_page(command, made, took, info, (load_before, load_after), report, checks, ratio_line)

    print("\n".join(f"{key}: {value}" for key, value in info.items()))
    print(f"load average: {load_before:.2f} at the start, {load_after:.2f} at the end")
    for title, header, rows in report:
        print()
        print(text_table(title, header, rows))
    print()
    print("\n".join(checks))
    print(f"took {took:.0f} s; wrote {PAGE.relative_to(ROOT)}")
    print(ratio_line)
    return 0 if same and alike and errors.ok and not probes else 1


if __name__ == "__main__":
    sys.exit(main())
