"""Spark in local mode, with one worker and with two, reading a corpus of meetings.

The corpus is the benchmark corpus's meetings (``corpus.py``), in eight JSON Lines files.
Each run reads every file with `diplomod.spark.read_jsonl` and hands every row to Spark's
``noop`` sink, so every record is read, checked and turned into a row, and nothing else is
done. The peer, measured in the same run, is the same reader run in this one process on the
same files, with no Spark: the ratios say what Spark's workers add and what a second one
gains. Spark starts a new session for each number of workers; the first run of each is a
warm-up, and the figure is the median of the others.

    python spark.py           # 100,000 meetings
    python spark.py --quick   # 20,000 meetings
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import corpus
import orjson
import page
import pyarrow as pa
import pyspark
from pyspark.sql import SparkSession

from diplomod import Meeting, spark

FILES = 8


def write_corpus(folder: Path, count: int) -> int:
    """Write *count* meetings into ``FILES`` files in *folder*; return their bytes."""
    generator = corpus.Generator()
    meetings: list[bytes] = []
    while len(meetings) < count:
        record = generator.record()
        if record["kind"] == "meeting":
            meetings.append(orjson.dumps(record))
    size = 0
    for i in range(FILES):
        data = b"\n".join(meetings[i::FILES]) + b"\n"
        (folder / f"part-{i}.jsonl").write_bytes(data)
        size += len(data)
    return size


def in_process(folder: Path) -> int:
    """Run the reader on every file in this process; return the records it read."""
    paths = sorted(folder.iterdir())
    files = pa.record_batch(
        {"path": [str(p) for p in paths], "content": [p.read_bytes() for p in paths]}
    )
    read = spark.reader(Meeting)
    rows = 0
    for batch in read([files]):
        rows += batch.num_rows
    return rows


def on_spark(session: SparkSession, folder: Path) -> None:
    results = spark.read_jsonl(session, folder, Meeting)
    results.write.format("noop").mode("overwrite").save()


def median_seconds(run: Callable[[], object], repeats: int) -> float:
    run()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def session(workers: int) -> SparkSession:
    built = (
        SparkSession.builder.master(f"local[{workers}]")
        .appName("diplomod benchmark")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    built.sparkContext.setLogLevel("ERROR")
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20,000 meetings, 2 repeats")
    args = parser.parse_args(argv)
    count, repeats = (20_000, 2) if args.quick else (100_000, 3)

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        size = write_corpus(folder, count)
        assert in_process(folder) == count  # every meeting of the corpus is valid
        seconds = {"one process, no Spark": median_seconds(lambda: in_process(folder), repeats)}
        for workers in (1, 2):
            running = session(workers)
            try:
                seconds[f"Spark local[{workers}]"] = median_seconds(
                    lambda s=running: on_spark(s, folder), repeats
                )
            finally:
                running.stop()

    base = seconds["one process, no Spark"]
    rows = [f"| {name} | {count / s:,.0f} | {s / base:.2f} |" for name, s in seconds.items()]
    one, two = seconds["Spark local[1]"], seconds["Spark local[2]"]
    markdown = "\n".join(
        [
            "## Spark in local mode",
            "",
            f"{count:,} meetings ({size / 1e6:.0f} MB) in {FILES} JSON Lines files, read with "
            "`diplomod.spark.read_jsonl` into Spark's `noop` sink, against the same reader "
            "run in one process with no Spark. Median of "
            f"{repeats} runs after a warm-up; {os.cpu_count()} cores; pyspark "
            f"{pyspark.__version__}. Written by `benchmarks/spark.py`.",
            "",
            "| run | records/s | time vs one process |",
            "|---|---:|---:|",
            *rows,
            "",
            f"Two workers take {two / one:.2f} of the time one worker takes.",
        ]
    )
    print(markdown)
    print(
        f"SPARK records={count} local1/process={one / base:.2f} "
        f"local2/process={two / base:.2f} local2/local1={two / one:.2f}"
    )
    page.write_section("spark", markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
