"""Measure diplomod's Arrow tables and Parquet datasets against pyarrow doing the same work.

    cd benchmarks && python tables.py   # 20,000 meetings; memory at 10,000 to 1,000,000
    python tables.py --quick            # 5,000 meetings; memory at 10,000 and 100,000
    python tables.py --profile          # cProfile to_arrow on 20,000 meetings

Every input is the corpus's meetings (``corpus.py``, the same seed), as one table of
`Meeting` records. Three things are measured, each timed operation after a collection,
in rounds, every contender once a round, keeping the median and the best:

- ``to_arrow`` on meetings already read, against the floor of pyarrow making the same
  table with ``pa.Table.from_pylist`` from rows already in table form (the rows of
  ``to_arrow``'s own table, so both build the same thing: the two tables must be equal);
- ``write_parquet`` from a JSON Lines file, against its stages done apart: diplomod
  reading the file alone (``read_jsonl_results``), ``to_arrow`` on the records read, in
  batches of the same size, and pyarrow writing the already-built table with
  ``pyarrow.parquet.write_table``; so the figures show where the time goes;
- the peak memory (the most resident memory: ``VmHWM`` on Linux, else ``ru_maxrss``) of a
  fresh process that runs ``write_parquet`` with batches of 10,000 on files of 10,000,
  100,000 and 1,000,000 meetings, beside one that only imports diplomod and pyarrow:
  bounded memory stays flat as the input grows a hundredfold.

What ``write_parquet`` wrote is counted back by DuckDB. The figures go to the section
``tables`` of ``docs/benchmarks.md``, and the last line printed is ``TABLES ...``: the
ratios (diplomod's time divided by the floor's, medians) and the peak memory figures.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import gc
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from itertools import islice
from pathlib import Path
from typing import Any

import corpus
import duckdb
import orjson
import page
import pyarrow as pa
import pyarrow.dataset as pa_dataset
import pyarrow.parquet as pq
import run

import diplomod
from diplomod import Meeting, tables

BATCH = 10_000
"""The batch size of every ``write_parquet`` call, and of the stages timed apart."""

DISTINCT = 100_000
"""How many distinct meetings the memory files hold; a larger file repeats them."""

CHECKED = 2_000
"""How many of the table's first rows must read back to the records they were made from."""

Record = dict[str, Any]


# -- inputs -----------------------------------------------------------------------------------


def meetings(count: int) -> Iterator[Record]:
    """The corpus's first *count* meetings, as JSON-ready dicts, one at a time."""
    drawn = corpus.Generator().records(sys.maxsize)
    return islice((record for record in drawn if record["kind"] == "meeting"), count)


def write_jsonl(path: Path, count: int) -> None:
    """Write *count* meetings to *path* as JSON Lines, holding one at a time.

    Past `DISTINCT` meetings the file repeats its first `DISTINCT` lines, which costs
    seconds instead of minutes of drawing: reading a line does not depend on the others.
    """
    distinct = min(count, DISTINCT)
    with path.open("wb") as out:
        for record in meetings(distinct):
            out.write(orjson.dumps(record) + b"\n")
    left = count - distinct
    if left:
        with path.open("rb") as first:
            head = first.read()
        with path.open("ab") as out:
            while left >= distinct:
                out.write(head)
                left -= distinct
            out.write(b"".join(head.splitlines(keepends=True)[:left]))


# -- measuring --------------------------------------------------------------------------------


@dataclass
class Timing:
    """Seconds taken by each repetition of one operation."""

    seconds: list[float] = field(default_factory=list)

    def median(self) -> float:
        return statistics.median(self.seconds)

    def best(self) -> float:
        return min(self.seconds)


def timed(operation: Callable[[], Any]) -> float:
    """Seconds *operation* takes, after a collection so that each run starts alike."""
    gc.collect()
    start = time.perf_counter()
    operation()
    return time.perf_counter() - start


def rounds(
    operations: dict[str, Callable[[], Any]],
    repetitions: int,
    log: Callable[[str], None],
    what: str,
) -> dict[str, Timing]:
    """Time every operation once a round, so that a slow spell of the machine hits all."""
    timings = {name: Timing() for name in operations}
    for round_ in range(1, repetitions + 1):
        log(f"{what}: round {round_} of {repetitions}")
        for name, operation in operations.items():
            timings[name].seconds.append(timed(operation))
    return timings


@dataclass
class ArrowResult:
    count: int
    timings: dict[str, Timing]
    equal: bool  # the floor's table equals to_arrow's
    read_back: bool  # the first rows read back to the records they were made from


def measure_to_arrow(count: int, repetitions: int, log: Callable[[str], None]) -> ArrowResult:
    """Time ``to_arrow`` on *count* meetings already read, and the floor beside it."""
    log(f"{count:,} meetings: reading them")
    records = [diplomod.from_dict(record, Meeting) for record in meetings(count)]
    schema = tables.arrow_schema(Meeting)
    tables.to_arrow(records[:500], Meeting)  # warm up
    table = tables.to_arrow(records, Meeting)
    rows = table.to_pylist()  # the rows in table form: dates as structs, defaults filled in
    floor = pa.Table.from_pylist(rows, schema=schema)
    equal = floor.equals(table, check_metadata=True)
    read_back = tables.from_arrow(table.slice(0, CHECKED), Meeting) == records[:CHECKED]
    del table, floor
    timings = rounds(
        {
            "to_arrow": lambda: tables.to_arrow(records, Meeting),
            "floor": lambda: pa.Table.from_pylist(rows, schema=schema),
            "to_dict": lambda: [diplomod.to_dict(record) for record in records],
        },
        repetitions,
        log,
        f"{count:,} meetings to an Arrow table",
    )
    return ArrowResult(count, timings, equal, read_back)


@dataclass
class ParquetResult:
    count: int
    megabytes: float  # of the JSON Lines file
    timings: dict[str, Timing]
    counted: int  # rows DuckDB counts in what write_parquet wrote
    equal: bool  # the dataset, read back, equals the table built in one go


def measure_parquet(
    count: int, repetitions: int, scratch: Path, log: Callable[[str], None]
) -> ParquetResult:
    """Time ``write_parquet`` from a JSON Lines file of *count* meetings, and its stages."""
    source = scratch / f"meetings-{count}.jsonl"
    write_jsonl(source, count)
    schema = tables.arrow_schema(Meeting)
    records = list(diplomod.read_jsonl(source, Meeting))
    batches = [records[i : i + BATCH] for i in range(0, len(records), BATCH)]
    table = tables.to_arrow(records, Meeting)
    runs = iter(range(sys.maxsize))

    def fresh() -> Path:
        return scratch / f"dataset-{next(runs)}"

    def write() -> list[diplomod.ValidationError]:
        return tables.write_parquet(source, fresh(), Meeting, batch_size=BATCH)

    def read() -> int:
        read = 0
        for item in diplomod.read_jsonl_results(source, Meeting):
            if isinstance(item, diplomod.ValidationError):
                raise item
            read += 1
        return read

    def build() -> list[pa.Table]:
        return [tables.to_arrow(batch, Meeting) for batch in batches]

    def write_table() -> None:
        pq.write_table(table, scratch / "table.parquet", row_group_size=BATCH)

    first = fresh()  # the first run checks what write_parquet writes, and warms up
    if tables.write_parquet(source, first, Meeting, batch_size=BATCH):
        raise RuntimeError("the corpus has bad lines")
    counted = _count(first)
    back = pa_dataset.dataset(first, schema=schema, format="parquet").to_table()
    equal = back.equals(table, check_metadata=True) and read() == count
    del back
    operations: dict[str, Callable[[], Any]] = {
        "write_parquet": write,
        "read": read,
        "build": build,
        "write_table": write_table,
    }
    timings = rounds(operations, repetitions, log, f"{count:,} meetings to Parquet")
    for done in scratch.glob("dataset-*"):
        shutil.rmtree(done)
    megabytes = source.stat().st_size / 1e6
    source.unlink()
    return ParquetResult(count, megabytes, timings, counted, equal)


def _count(directory: Path) -> int:
    """The rows DuckDB reads from the Parquet files under *directory*."""
    pattern = str(directory / "**" / "*.parquet")
    with duckdb.connect() as con:
        found = con.execute("select count(*) from read_parquet(?)", [pattern]).fetchone()
    assert found is not None
    return int(found[0])


# -- peak memory in a fresh process -----------------------------------------------------------

CHILD = """
import json, resource, sys, time
import pyarrow
import diplomod
from diplomod import Meeting, tables
source, directory, batch = sys.argv[1], sys.argv[2], int(sys.argv[3])
result = {"errors": 0, "seconds": 0.0}
if source:
    start = time.perf_counter()
    errors = tables.write_parquet(source, directory, Meeting, batch_size=batch)
    result = {"errors": len(errors), "seconds": time.perf_counter() - start}
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:  # the peak of this process's own memory: ru_maxrss may be the parent's, from the fork
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    pass
result["peak_kib"] = peak
print(json.dumps(result))
"""
"""What each fresh process runs: ``write_parquet``, or with no source only the imports.

On Linux a child's ``ru_maxrss`` starts from its parent's at the fork, so it reports this
script's own peak when that is higher; ``VmHWM`` is the peak of the child alone.
"""


@dataclass
class MemoryResult:
    count: int  # 0 for the process that only imports
    megabytes: float  # of the JSON Lines file
    peak: float  # max RSS, MiB
    seconds: float
    counted: int


def child(source: Path | None, directory: Path) -> dict[str, Any]:
    """Run `CHILD` in a fresh interpreter and return what it measured of itself."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(source or ""), str(directory), str(BATCH)],
        capture_output=True,
        text=True,
        check=True,
    )
    measured: dict[str, Any] = json.loads(done.stdout)
    return measured


def measure_memory(
    sizes: list[int], scratch: Path, log: Callable[[str], None]
) -> list[MemoryResult]:
    """Peak memory of a process writing each size, and of one that only imports."""
    log("peak memory: a process that only imports diplomod and pyarrow")
    base = child(None, scratch / "unused")
    results = [MemoryResult(0, 0.0, base["peak_kib"] / 1024, 0.0, 0)]
    for size in sizes:
        source = scratch / f"memory-{size}.jsonl"
        directory = scratch / f"memory-{size}"
        log(f"peak memory: writing {size:,} meetings to JSON Lines")
        write_jsonl(source, size)
        log(f"peak memory: write_parquet of {size:,} meetings in a fresh process")
        measured = child(source, directory)
        if measured["errors"]:
            raise RuntimeError(f"write_parquet found {measured['errors']} bad lines")
        counted = _count(directory)
        megabytes = source.stat().st_size / 1e6
        shutil.rmtree(directory)
        source.unlink()
        results.append(
            MemoryResult(size, megabytes, measured["peak_kib"] / 1024, measured["seconds"], counted)
        )
    return results


# -- reporting --------------------------------------------------------------------------------


def per_second(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}"


def micro(count: int, seconds: float) -> str:
    return f"{seconds * 1e6 / count:.1f}"


def report(
    arrow: ArrowResult,
    parquet: ParquetResult,
    memory: list[MemoryResult],
    repetitions: int,
    rewrites: int,
) -> tuple[list[tuple[str, list[str], list[list[str]]]], dict[str, float]]:
    """The tables to print and put on the page, and the summary figures."""
    a, n = arrow.timings, arrow.count
    arrow_rows = [
        [name, micro(n, a[key].median()), micro(n, a[key].best()), per_second(n, a[key].median())]
        for name, key in (
            ("diplomod to_arrow", "to_arrow"),
            ("pyarrow from_pylist, rows in table form (floor)", "floor"),
            ("diplomod to_dict alone, for reference", "to_dict"),
        )
    ]
    p, m = parquet.timings, parquet.count
    whole = p["write_parquet"].median()
    stages = p["read"].median() + p["build"].median() + p["write_table"].median()
    parquet_rows = [
        [
            name,
            micro(m, p[key].median()),
            micro(m, p[key].best()),
            per_second(m, p[key].median()),
            f"{p[key].median() / whole:.0%}",
        ]
        for name, key in (
            ("diplomod write_parquet, from the file", "write_parquet"),
            ("diplomod read_jsonl_results alone (reading, validation)", "read"),
            (f"diplomod to_arrow, batches of {BATCH:,} already read", "build"),
            ("pyarrow write_table of the built table (Parquet writing)", "write_table"),
        )
    ]
    parquet_rows.append(
        ["the three stages together", micro(m, stages), "", "", f"{stages / whole:.0%}"]
    )
    base = memory[0].peak
    memory_rows = [
        [
            "only the imports" if r.count == 0 else f"{r.count:,}",
            "" if r.count == 0 else f"{r.megabytes:,.0f}",
            f"{r.peak:,.0f}",
            "" if r.count == 0 else f"{r.peak - base:,.0f}",
            "" if r.count == 0 else per_second(r.count, r.seconds),
            "" if r.count == 0 else f"{r.counted:,}",
        ]
        for r in memory
    ]
    figures = {
        "to_arrow/floor": a["to_arrow"].median() / a["floor"].median(),
        "to_arrow/to_dict": a["to_arrow"].median() / a["to_dict"].median(),
        "write_parquet/read": whole / p["read"].median(),
        "write_parquet/stages": whole / stages,
        "write_parquet/write_table": whole / p["write_table"].median(),
        "rss_base": base,
        **{f"rss_{_short(r.count)}": r.peak for r in memory[1:]},
    }
    out = [
        (
            f"{n:,} meetings to an Arrow table: microseconds per record "
            f"(median and best of {repetitions}), records per second (median)",
            ["", "median", "best", "records/s"],
            arrow_rows,
        ),
        (
            f"{m:,} meetings ({parquet.megabytes:,.0f} MB of JSON Lines) to Parquet, "
            f"batches of {BATCH:,}: microseconds per record (median and best of {rewrites}), "
            "records per second, share of write_parquet's time",
            ["", "median", "best", "records/s", "share"],
            parquet_rows,
        ),
        (
            f"Peak memory (MiB) of a fresh process running write_parquet, batches of {BATCH:,}",
            ["meetings", "file MB", "peak MiB", "above imports", "records/s", "rows DuckDB counts"],
            memory_rows,
        ),
    ]
    return out, figures


def _short(count: int) -> str:
    if count % 1_000_000 == 0:
        return f"{count // 1_000_000}M"
    if count % 1_000 == 0:
        return f"{count // 1_000}k"
    return str(count)


def summary(figures: dict[str, float]) -> str:
    parts = []
    for name, value in figures.items():
        parts.append(f"{name}={value:.0f}MiB" if name.startswith("rss_") else f"{name}={value:.2f}")
    return "TABLES " + " ".join(parts)


def machine() -> dict[str, str]:
    """The machine and versions, as ``run.py`` gives them, with pyarrow's and DuckDB's."""
    info = run.machine()
    kept = {key: info[key] for key in ("CPU", "cores", "system", "Python", "diplomod")}
    return {**kept, "pyarrow": pa.__version__, "DuckDB": metadata.version("duckdb")}


def section(
    command: str,
    made: datetime.datetime,
    took: float,
    info: dict[str, str],
    loads: tuple[float, float],
    results: list[tuple[str, list[str], list[list[str]]]],
    checks: list[str],
    line: str,
) -> str:
    """The markdown of the page's ``tables`` section."""
    parts = [
        "## Arrow tables and Parquet",
        "",
        f"Written by `{command}` on {made:%Y-%m-%d at %H:%M} UTC in {took / 60:.1f} minutes. "
        "The records are the corpus's meetings, as one table of `Meeting`. `to_arrow` turns "
        "meetings already read into a table; its floor is pyarrow making the same table "
        "(the two must be equal) with `pa.Table.from_pylist` from rows already in table "
        "form, dates as structs and defaults filled in, with the declared schema. "
        "`write_parquet` reads a JSON Lines file and writes a Parquet dataset a batch at a "
        "time; beside it are its stages done apart: reading and validating the file alone, "
        "`to_arrow` on the records read, and pyarrow writing the built table to one "
        "Parquet file. The share column is each one's time over `write_parquet`'s. Each "
        "operation runs in rounds, every one once a round, after a garbage collection. "
        "Peak memory is the most resident memory a fresh process has held (`VmHWM`) when "
        "`write_parquet` is done, beside a process that only imports diplomod and pyarrow; "
        "past "
        f"{DISTINCT:,} meetings the file repeats its first {DISTINCT:,} lines. DuckDB counts "
        "the rows written.",
        "",
        run.markdown_table(["", ""], [[k, v] for k, v in info.items()]),
        "",
        f"Load average (1 minute) when the run began: {loads[0]:.2f}; when it ended: "
        f"{loads[1]:.2f}.",
        "",
    ]
    for title, header, rows in results:
        parts += [f"### {title}", "", run.markdown_table(header, rows), ""]
    parts += ["### Checks", "", *(f"- {check}" for check in checks), ""]
    parts += ["```text", line, "```", ""]
    return "\n".join(parts)


# -- profiling --------------------------------------------------------------------------------


def profile(count: int = 20_000, top: int = 25) -> None:
    """Print where ``to_arrow`` spends its time on *count* meetings."""
    records = [diplomod.from_dict(record, Meeting) for record in meetings(count)]
    tables.to_arrow(records[:500], Meeting)  # warm up
    profiler = cProfile.Profile()
    profiler.enable()
    tables.to_arrow(records, Meeting)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5,000 meetings, 10k and 100k")
    parser.add_argument("--profile", action="store_true", help="profile to_arrow")
    args = parser.parse_args(argv)
    if args.profile:
        profile()
        return 0
    began = time.perf_counter()
    made = datetime.datetime.now(datetime.UTC)
    load_before = os.getloadavg()[0]
    info = machine()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - began:6.1f} s] {message}", file=sys.stderr, flush=True)

    if args.quick:
        (count, repetitions), (written, rewrites) = (5_000, 3), (5_000, 3)
        sizes = [10_000, 100_000]
    else:
        (count, repetitions), (written, rewrites) = (20_000, 5), (20_000, 3)
        sizes = [10_000, 100_000, 1_000_000]
    arrow = measure_to_arrow(count, repetitions, log)
    with tempfile.TemporaryDirectory(prefix="diplomod-tables-") as name:
        scratch = Path(name)
        parquet = measure_parquet(written, rewrites, scratch, log)
        memory = measure_memory(sizes, scratch, log)
    results, figures = report(arrow, parquet, memory, repetitions, rewrites)
    counted = all(r.counted == r.count for r in memory[1:]) and parquet.counted == written
    checks = [
        "pyarrow's table from the rows equals to_arrow's table: "
        + ("yes." if arrow.equal else "NO."),
        f"The first {CHECKED:,} rows of to_arrow's table read back with from_arrow to the "
        "meetings they were made from: " + ("yes." if arrow.read_back else "NO."),
        "The Parquet dataset write_parquet wrote, read back with the declared schema, equals "
        "to_arrow's table of the whole file: " + ("yes." if parquet.equal else "NO."),
        "DuckDB counts every row write_parquet wrote, at every size: "
        + ("yes." if counted else "NO."),
    ]
    line = summary(figures)
    took = time.perf_counter() - began
    command = "cd benchmarks && python tables.py" + (" --quick" if args.quick else "")
    loads = (load_before, os.getloadavg()[0])
    page.write_section("tables", section(command, made, took, info, loads, results, checks, line))
    print("\n".join(f"{key}: {value}" for key, value in info.items()))
    print(f"load average: {loads[0]:.2f} at the start, {loads[1]:.2f} at the end")
    for title, header, rows in results:
        print()
        print(run.text_table(title, header, rows))
    print()
    print("\n".join(checks))
    print(f"took {took:.0f} s; wrote the section 'tables' of {page.PAGE.name}")
    print(line)
    return 0 if arrow.equal and arrow.read_back and parquet.equal and counted else 1


if __name__ == "__main__":
    sys.exit(main())
