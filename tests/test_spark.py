"""A corpus checked on Spark: the records and problems of reading it in one process.

What a user relies on: reading JSON Lines files on a Spark cluster with diplomod's rules
gives exactly the valid records and the problems (file, line, path, message) that
`read_jsonl_results` gives reading the files one by one, whatever the files hold; the
records come out in the declared Arrow schema, so Spark's SQL counts what Python counts;
and a Parquet dataset written by Spark reads back into the same records, as one written by
diplomod reads in Spark. Spark runs in local mode, with two workers.
"""

from __future__ import annotations

import itertools
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pc = pytest.importorskip("pyarrow.compute")
pyspark_sql = pytest.importorskip("pyspark.sql")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from conftest import CORPUS_STATUSES, meeting_corpus  # noqa: E402
from diplomod import (  # noqa: E402
    Agreement,
    Meeting,
    Organization,
    PartialDate,
    Period,
    Person,
    Place,
    ValidationError,
    read_jsonl_results,
    spark,
    testing,
    to_json,
)
from diplomod.tables import arrow_schema, from_arrow, write_parquet  # noqa: E402

pytestmark = pytest.mark.spark

Row = tuple[str, int, str, str]
"""A problem as Spark reports it: the file's name, the line, the JSON path, the message."""


@pytest.fixture(scope="module")
def session() -> Iterator[Any]:
    built = (
        pyspark_sql.SparkSession.builder.master("local[2]")
        .appName("diplomod tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    built.sparkContext.setLogLevel("ERROR")
    yield built
    built.stop()


def expected(paths: list[Path], cls: type) -> tuple[list[Any], list[Row]]:
    """What `read_jsonl_results` reads from *paths*: the records, and each problem."""
    records: list[Any] = []
    problems: list[Row] = []
    for path in paths:
        for result in read_jsonl_results(path, cls):
            if isinstance(result, ValidationError):
                assert result.line is not None
                problems.extend((path.name, result.line, *problem) for problem in result.problems)
            else:
                records.append(result)
    return records, problems


def found(results: Any, cls: type) -> tuple[list[Any], list[Row]]:
    """The records (ordered by file and line) and problems of a `spark.read_jsonl` result."""
    rows = results.orderBy("file", "line").toArrow()
    valid = rows.filter(pc.is_valid(rows.column("record")))
    table = pa.Table.from_struct_array(valid.column("record"))
    problems = [
        (Path(row["file"]).name, row["line"], row["path"], row["message"])
        for row in spark.problems(results).orderBy("file", "line").collect()
    ]
    return from_arrow(table, cls), problems


# -- a corpus with every kind of bad line ----------------------------------------------------

BAD_LINES: dict[int, bytes] = {
    3: b"{not json",
    40: b'{"kind": "meeting", "id": "meeting-x"}',
    41: b"[1, 2]",
    77: b'{"id": "caf\xe9"}',  # not UTF-8
    78: b"\x0c",  # a form feed is not JSON's white space
    120: b" \t ",  # blank: skipped
    121: b'{"kind": "meeting", "schema_version": "1.1"}',
}


def write_file(path: Path, meetings: list[Meeting], bad: dict[int, bytes], end: bytes) -> None:
    """Write *meetings* as JSON Lines, with the *bad* lines at their numbers, each line
    ending with *end*; the last line has no end."""
    records = iter(meetings)
    lines = [
        bad[number] if number in bad else to_json(next(records)).encode()
        for number in range(1, len(meetings) + len(bad) + 1)
    ]
    path.write_bytes(end.join(lines))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four files of 3,000 meetings: bad lines, Windows line ends, and a file of nothing."""
    folder = tmp_path_factory.mktemp("corpus")
    meetings = list(meeting_corpus(3_000))
    write_file(folder / "a.jsonl", meetings[:1_000], BAD_LINES, b"\n")
    write_file(folder / "b.jsonl", meetings[1_000:2_500], {}, b"\r\n")
    write_file(folder / "c.jsonl", meetings[2_500:], {500: b"{", 501: b"[]"}, b"\n")
    (folder / "d.jsonl").write_bytes(b"")
    return folder


def test_spark_reads_what_one_process_reads(session: Any, corpus: Path) -> None:
    results = spark.read_jsonl(session, corpus, Meeting, batch_size=700).cache()
    paths = sorted(corpus.iterdir())
    records, problems = expected(paths, Meeting)
    assert found(results, Meeting) == (records, problems)
    assert len(records) == 3_000
    assert {row[:2] for row in problems} == {
        *(("a.jsonl", n) for n in BAD_LINES if n != 120),
        ("c.jsonl", 500),
        ("c.jsonl", 501),
    }
    assert spark.records(results).count() == 3_000
    results.unpersist()


def test_a_line_over_the_limit_is_a_problem_as_in_one_process(session: Any, tmp_path: Path) -> None:
    meetings = list(meeting_corpus(3))
    long = b'{"id": "' + b"x" * 5_000 + b'"}'
    write_file(tmp_path / "long.jsonl", meetings, {2: long}, b"\n")
    limit = max(len(to_json(m).encode()) for m in meetings) + 10
    results = spark.read_jsonl(session, tmp_path / "long.jsonl", Meeting, max_line_bytes=limit)
    messages = [row.message for row in spark.problems(results).collect()]
    expected = read_jsonl_results(tmp_path / "long.jsonl", Meeting, max_line_bytes=limit)
    assert messages == [e.problems[0][1] for e in expected if isinstance(e, ValidationError)]
    assert messages == [f"the line is longer than {limit} bytes; raise max_line_bytes to read it"]


# -- any records of any class ----------------------------------------------------------------

STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    Meeting: testing.meetings(),
    Agreement: testing.agreements(),
    Organization: testing.organizations(),
    Person: testing.people(),
}
BAD = st.sampled_from([b"{", b"null", b'{"id": 1}', b"\xff", b"[]", b'"text"', b"", b"\x0c"])


@pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda cls: cls.__name__)
def test_any_records_and_bad_lines_read_alike(session: Any, tmp_path: Path, cls: type) -> None:
    line = STRATEGIES[cls].map(lambda record: to_json(record).encode())

    @settings(
        max_examples=4,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(st.lists(st.lists(line | BAD, max_size=8), min_size=1, max_size=3))
    def check(files: list[list[bytes]]) -> None:
        folder = tmp_path / f"run-{len(os.listdir(tmp_path))}"
        folder.mkdir()
        for i, lines in enumerate(files):
            (folder / f"{i}.jsonl").write_bytes(b"\n".join(lines))
        results = spark.read_jsonl(session, folder, cls).cache()
        assert found(results, cls) == expected(sorted(folder.iterdir()), cls)
        results.unpersist()

    check()


# -- the records in Spark's SQL and in Parquet ------------------------------------------------


def test_spark_sql_counts_what_python_counts(session: Any, corpus: Path) -> None:
    records, _ = expected(sorted(corpus.iterdir()), Meeting)
    spark.records(spark.read_jsonl(session, corpus, Meeting)).createOrReplaceTempView("meetings")
    by_year = session.sql(
        "SELECT year(`when`.earliest) AS y, count(*) AS n FROM meetings GROUP BY y"
    ).collect()
    by_state = session.sql(
        "SELECT p.represents AS s, count(*) AS n FROM meetings "
        "LATERAL VIEW explode(participants) AS p GROUP BY s"
    ).collect()
    by_format = session.sql(
        "SELECT f, count(*) AS n FROM meetings LATERAL VIEW explode(formats) AS f GROUP BY f"
    ).collect()

    def year(meeting: Meeting) -> int | None:
        when = meeting.when
        unbounded = isinstance(when, Period) and not isinstance(when.start, PartialDate)
        return None if unbounded else when.earliest.year

    assert dict(by_year) == Counter(year(m) for m in records)
    assert dict(by_state) == Counter(p.represents for m in records for p in m.participants)
    assert dict(by_format) == Counter(f for m in records for f in m.formats)


def loose(kind: Any) -> Any:
    """*kind* with every field in it nullable, as Spark holds every column."""
    if pa.types.is_struct(kind):
        return pa.struct([pa.field(f.name, loose(f.type)) for f in kind])
    if pa.types.is_list(kind):
        return pa.list_(loose(kind.value_type))
    return kind


def test_the_records_have_the_declared_columns(session: Any, corpus: Path) -> None:
    table = spark.records(spark.read_jsonl(session, corpus, Meeting)).limit(1).toArrow()
    declared = arrow_schema(Meeting)
    assert table.schema.names == declared.names
    assert [f.type for f in table.schema] == [loose(f.type) for f in declared]


def test_a_dataset_written_by_spark_reads_back_into_the_records(
    session: Any, corpus: Path, tmp_path: Path
) -> None:
    records, _ = expected(sorted(corpus.iterdir()), Meeting)
    results = spark.read_jsonl(session, corpus, Meeting)
    spark.records(results).write.partitionBy("status").parquet(str(tmp_path / "meetings"))

    folders = sorted(p.name for p in (tmp_path / "meetings").iterdir() if p.is_dir())
    assert folders == [f"status={s}" for s in CORPUS_STATUSES]
    # Spark writes every column nullable, so the files are read as they are, not cast.
    table = pq.read_table(tmp_path / "meetings")
    assert sorted(from_arrow(table, Meeting), key=lambda m: m.id) == records


def test_spark_reads_a_dataset_written_by_diplomod(
    session: Any, corpus: Path, tmp_path: Path
) -> None:
    paths = sorted(corpus.iterdir())
    records, _ = expected(paths, Meeting)
    read = itertools.chain.from_iterable(read_jsonl_results(path, Meeting) for path in paths)
    write_parquet(read, tmp_path, Meeting, partition_by="status")
    frame = session.read.parquet(str(tmp_path))
    by_status = dict(frame.groupBy("status").count().collect())
    assert by_status == Counter(m.status for m in records)
    table = frame.orderBy("id").toArrow().select(arrow_schema(Meeting).names)
    assert from_arrow(table, Meeting) == sorted(records, key=lambda m: m.id)


# -- the reader on its own, without Spark ----------------------------------------------------


def place_files(*contents: bytes) -> Any:
    return pa.record_batch(
        {"path": [f"{i}.jsonl" for i in range(len(contents))], "content": list(contents)}
    )


def test_the_reader_yields_batches_of_at_most_the_batch_size() -> None:
    line = to_json(Place(name="Samarkand", country="UZB")).encode()
    files = place_files(b"\n".join([line] * 8), b"{\n" + line)
    batches = list(spark.reader(Place, batch_size=3)([files]))
    assert [batch.num_rows for batch in batches] == [3, 3, 3, 1]
    rows = [row for batch in batches for row in batch.to_pylist()]
    assert [(row["file"], row["line"]) for row in rows] == [
        *(("0.jsonl", n) for n in range(1, 9)),
        ("1.jsonl", 1),
        ("1.jsonl", 2),
    ]
    assert all(batch.schema.equals(spark.result_schema(Place)) for batch in batches)


def test_the_problems_of_one_line_are_split_at_the_batch_size() -> None:
    batches = list(spark.reader(Place, batch_size=1)([place_files(b'{"name": 1}')]))
    assert [batch.num_rows for batch in batches] == [1, 1]
    assert [batch.column("path")[0].as_py() for batch in batches] == ["$.name", "$.country"]


def test_a_problem_row_has_no_record_and_a_record_row_no_problem() -> None:
    (batch,) = spark.reader(Place)([place_files(b'{"name": "Samarkand", "country": "UZB"}\n[]')])
    record, problem = batch.to_pylist()
    assert record["record"]["name"] == "Samarkand"
    assert (record["path"], record["message"]) == (None, None)
    assert problem["record"] is None
    assert (problem["path"], problem["message"]) == ("$", "expected an object, got array")


def test_no_files_give_no_batches() -> None:
    assert list(spark.reader(Place)([])) == []


@pytest.mark.parametrize("size", [0, -1, 2.5, True])
def test_the_batch_size_is_a_whole_number(size: Any) -> None:
    with pytest.raises(ValueError, match="batch_size must be a whole number of at least 1"):
        spark.reader(Place, batch_size=size)


@pytest.mark.parametrize("limit", [0, -1, 1.5, 1 << 31])
def test_the_line_limit_is_checked_at_once(limit: Any) -> None:
    with pytest.raises(ValueError, match="max_line_bytes must be a whole number"):
        spark.reader(Place, max_line_bytes=limit)


@pytest.mark.parametrize("cls", [int, ValidationError, Period])
def test_only_record_classes_are_read(cls: type) -> None:
    with pytest.raises(TypeError, match="not a diplomod record class"):
        spark.reader(cls)
