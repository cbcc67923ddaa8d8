"""Records as Arrow tables: declared schemas, a lossless round trip, and a real consumer.

What a user relies on: a table has the columns its class declares, whatever its rows hold;
records written to a table and read back are the same records; reading a table is as
strict as reading JSON, with the same messages, at paths that start at the row; and a SQL
engine counting over the table gets the counts Python gets from the records.
"""

from __future__ import annotations

import datetime
import re
import tracemalloc
from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import pytest

pa = pytest.importorskip("pyarrow")
duckdb = pytest.importorskip("duckdb")
pq = pytest.importorskip("pyarrow.parquet")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from conftest import CORPUS_STATUSES, meeting_corpus  # noqa: E402
from diplomod import (  # noqa: E402
    Activity,
    Agreement,
    AgreementLink,
    Depositary,
    Dossier,
    Event,
    Evidence,
    LifecycleEvent,
    Meeting,
    Membership,
    MembershipBasis,
    Organization,
    PartialDate,
    Period,
    Person,
    Place,
    Source,
    ValidationError,
    from_dict,
    read_jsonl,
    read_jsonl_results,
    tables,
    testing,
    to_dict,
    to_json,
    write_jsonl,
)
from diplomod.examples import samarkand_2023  # noqa: E402
from diplomod.tables import (  # noqa: E402
    arrow_schema,
    dossier_tables,
    from_arrow,
    to_arrow,
    write_parquet,
)

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _ids(prefix: str) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(testing.ids(prefix), max_size=3, unique=True).map(tuple)


def _meetings() -> st.SearchStrategy[Meeting]:
    """Meetings with people, occasions and evidence, so every part of a meeting is made."""
    return st.tuples(st.none() | testing.sources(), _ids("person-"), _ids("meeting-")).flatmap(
        lambda args: testing.meetings(source=args[0], people_ids=args[1], occasions=args[2])
    )


def _agreements() -> st.SearchStrategy[Agreement]:
    return st.tuples(_ids("person-"), _ids("meeting-")).flatmap(
        lambda args: testing.agreements(people_ids=args[0], meeting_ids=args[1])
    )


RECORDS: dict[type, st.SearchStrategy[Any]] = {
    Meeting: _meetings(),
    Agreement: _agreements(),
    Activity: testing.activities(),
    Organization: testing.organizations(),
    Person: testing.people(),
    Source: testing.sources(),
}


# -- the round trip ------------------------------------------------------------------------


@pytest.mark.parametrize("cls", list(RECORDS), ids=lambda cls: cls.__name__)
def test_every_record_type_round_trips(cls: type) -> None:
    @SETTINGS
    @given(st.lists(RECORDS[cls], max_size=5))
    def round_trip(records: list[Any]) -> None:
        table = to_arrow(records, cls)
        assert table.schema.equals(arrow_schema(cls), check_metadata=True)
        assert table.num_rows == len(records)
        assert from_arrow(table, cls) == records

    round_trip()


def test_the_worked_example_round_trips() -> None:
    dossier = samarkand_2023()
    for cls, records in [
        (Meeting, dossier.meetings),
        (Agreement, dossier.agreements),
        (Activity, dossier.activities),
        (Organization, dossier.organizations),
        (Person, dossier.people),
        (Source, dossier.sources),
    ]:
        assert from_arrow(to_arrow(records, cls), cls) == list(records)


def test_a_table_survives_arrow_ipc() -> None:
    meetings = samarkand_2023().meetings
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, arrow_schema(Meeting)) as writer:
        writer.write_table(to_arrow(meetings, Meeting))
    table = pa.ipc.open_file(sink.getvalue()).read_all()
    assert table.schema.equals(arrow_schema(Meeting), check_metadata=True)
    assert from_arrow(table, Meeting) == list(meetings)


def test_a_record_batch_is_read_like_a_table() -> None:
    meetings = samarkand_2023().meetings
    batch = to_arrow(meetings, Meeting).combine_chunks().to_batches()[0]
    assert from_arrow(batch, Meeting) == list(meetings)


# -- the schema ----------------------------------------------------------------------------


def test_every_field_has_a_column_even_with_no_rows() -> None:
    table = to_arrow([], Place)
    assert table.num_rows == 0
    assert table.column_names == ["name", "country", "region", "coordinates", "geonames_id"]
    assert table.schema.field("coordinates").type == pa.struct(
        [
            pa.field("latitude", pa.float64(), nullable=False),
            pa.field("longitude", pa.float64(), nullable=False),
        ]
    )


def test_types_follow_the_description() -> None:
    schema = arrow_schema(Meeting)
    assert schema.field("id").type == pa.string()
    assert schema.field("formats").type == pa.list_(pa.field("item", pa.string(), nullable=False))
    participant = schema.field("participants").type.value_type
    assert [participant.field(i).name for i in range(participant.num_fields)] == [
        "represents",
        "role",
        "person",
        "office",
    ]
    assert arrow_schema(Place).field("geonames_id").type == pa.int64()
    assert arrow_schema(Source).field("published").type == schema.field("when").type


def test_nullable_where_null_is_allowed_or_the_default() -> None:
    schema = arrow_schema(Meeting)
    nullable = {name: schema.field(name).nullable for name in schema.names}
    assert nullable == {
        "id": False,
        "when": False,
        "participants": False,
        "formats": False,
        "where": True,
        "title": True,
        "occasion": True,
        "areas": False,
        "topics": False,
        "statements": False,
        "status": False,
        "wikidata": True,
        "identifiers": False,
        "same_as": False,
        "sources": False,
        "evidence": False,
    }
    participant = schema.field("participants").type.value_type
    assert participant.field("person").nullable
    assert not participant.field("role").nullable


def test_the_metadata_names_the_version_and_the_schema_file() -> None:
    from diplomod import json_schema
    from diplomod._model import SCHEMA_VERSION

    for cls in RECORDS:
        metadata = arrow_schema(cls).metadata
        assert metadata[b"schema_version"] == SCHEMA_VERSION.encode()
        assert metadata[b"$id"] == json_schema(cls)["$id"].encode()
    assert b"$id" not in arrow_schema(Place).metadata


@pytest.mark.parametrize("cls", [Event, PartialDate, Period, dict, str])
def test_only_record_classes_have_a_schema(cls: Any) -> None:
    with pytest.raises(TypeError, match="no Arrow schema"):
        arrow_schema(cls)


def test_records_of_another_class_are_refused() -> None:
    with pytest.raises(TypeError, match="expected a Meeting, got Place"):
        to_arrow([Place(name="Samarkand", country="UZB")], Meeting)


# -- dates and sets ------------------------------------------------------------------------


def _when(text: str) -> dict[str, Any]:
    meeting = samarkand_2023().meetings[0]
    when = PartialDate.parse(text) if "/" not in text else Period.parse(text)
    row = to_arrow([_evolve(meeting, when=when)], Meeting).column("when")[0].as_py()
    assert isinstance(row, dict)
    return row


def _evolve(record: Any, **changes: Any) -> Any:
    import attrs

    return attrs.evolve(record, **changes)


def test_a_date_is_its_text_days_and_precision() -> None:
    assert _when("2023-04~") == {
        "text": "2023-04~",
        "earliest": datetime.date(2023, 4, 1),
        "latest": datetime.date(2023, 4, 30),
        "precision": "month",
    }


def test_a_period_runs_from_its_start_to_its_end_at_its_coarser_precision() -> None:
    assert _when("2023/2023-04-14") == {
        "text": "2023/2023-04-14",
        "earliest": datetime.date(2023, 1, 1),
        "latest": datetime.date(2023, 4, 14),
        "precision": "year",
    }
    assert _when("2023-04-13/2023-04-14")["precision"] == "day"


def test_an_open_or_unknown_end_is_null() -> None:
    assert _when("2017-06/..") == {
        "text": "2017-06/..",
        "earliest": datetime.date(2017, 6, 1),
        "latest": None,
        "precision": "month",
    }
    assert _when("2017-06/")["latest"] is None
    assert _when("../2004") == {
        "text": "../2004",
        "earliest": None,
        "latest": datetime.date(2004, 12, 31),
        "precision": "year",
    }
    assert _when("/2004-03")["earliest"] is None
    assert _when("/2004-03")["precision"] == "month"


def test_sets_are_sorted_lists() -> None:
    meeting = _evolve(
        samarkand_2023().meetings[0], areas=frozenset({"security", "energy", "economy"})
    )
    row = to_arrow([meeting], Meeting).to_pylist()[0]
    assert row["areas"] == sorted(meeting.areas) == to_dict(meeting)["areas"]


def test_defaults_are_written_out() -> None:
    (row,) = to_arrow([Place(name="Samarkand", country="UZB")], Place).to_pylist()
    assert row == {
        "name": "Samarkand",
        "country": "UZB",
        "region": None,
        "coordinates": None,
        "geonames_id": None,
    }
    meeting = samarkand_2023().meetings[0]
    (row,) = to_arrow([_evolve(meeting, areas=frozenset())], Meeting).to_pylist()
    assert row["areas"] == []
    assert row["status"] == "done"


# -- reading is as strict as reading JSON ---------------------------------------------------


def _rows(records: Any, cls: type) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = to_arrow(records, cls).to_pylist()
    return rows


def test_a_bad_row_is_reported_at_its_path_as_json_reading_reports_it() -> None:
    meetings = list(samarkand_2023().meetings) * 3
    rows = _rows(meetings, Meeting)
    rows[3]["participants"][1]["represents"] = "XXY"
    rows[4]["id"] = None
    table = pa.Table.from_pylist(rows, schema=arrow_schema(Meeting))
    with pytest.raises(ValidationError) as caught:
        from_arrow(table, Meeting)
    documents = [to_dict(m) for m in meetings]
    documents[3]["participants"][1]["represents"] = "XXY"
    documents[4]["id"] = None
    with pytest.raises(ValidationError) as expected:
        from_dict(documents, list[Meeting])
    assert caught.value.problems == expected.value.problems
    assert [path for path, _ in caught.value.problems] == [
        "$[3].participants[1].represents",
        "$[4].id",
    ]


def test_a_bad_date_text_is_reported_at_the_field() -> None:
    rows = _rows(samarkand_2023().meetings, Meeting)
    rows[1]["when"]["text"] = "2023-02-30"
    table = pa.Table.from_pylist(rows, schema=arrow_schema(Meeting))
    with pytest.raises(ValidationError) as caught:
        from_arrow(table, Meeting)
    assert caught.value.problems == (("$[1].when", "February 2023 has 28 days, not 30"),)


def test_columns_the_class_lacks_or_needs_are_reported() -> None:
    table = pa.table({"name": ["Samarkand"], "lat": [39.6]})
    with pytest.raises(ValidationError) as caught:
        from_arrow(table, Place)
    with pytest.raises(ValidationError) as expected:
        from_dict([{"name": "Samarkand", "lat": 39.6}], list[Place])
    assert caught.value.problems == expected.value.problems
    assert {path for path, _ in caught.value.problems} == {"$[0].country", "$[0].lat"}


def test_a_table_from_elsewhere_is_read_by_column_name() -> None:
    table = pa.table({"country": ["UZB"], "name": ["Samarkand"], "region": [None]})
    assert from_arrow(table, Place) == [Place(name="Samarkand", country="UZB")]


def test_rows_are_numbered_across_batches() -> None:
    rows = _rows(samarkand_2023().meetings, Meeting)
    rows[1]["status"] = "finished"
    schema = arrow_schema(Meeting)
    table = pa.Table.from_batches(
        [pa.RecordBatch.from_pylist([row], schema=schema) for row in rows], schema=schema
    )
    with pytest.raises(ValidationError) as caught:
        from_arrow(table, Meeting)
    assert [path for path, _ in caught.value.problems] == ["$[1].status"]


# -- a real consumer: DuckDB ---------------------------------------------------------------

BY_YEAR = 'SELECT year("when".earliest) AS y, count(*) FROM meetings GROUP BY y'
BY_STATE = (
    "SELECT p.represents, count(*) FROM "
    "(SELECT unnest(participants) AS p FROM meetings) GROUP BY p.represents"
)


def _duckdb_counts(meetings: list[Meeting]) -> tuple[Counter[Any], Counter[Any]]:
    con = duckdb.connect()
    try:
        con.register("meetings", to_arrow(meetings, Meeting))
        by_year = Counter(dict(con.sql(BY_YEAR).fetchall()))
        by_state = Counter(dict(con.sql(BY_STATE).fetchall()))
    finally:
        con.close()
    return by_year, by_state


def _year(meeting: Meeting) -> int | None:
    """The year a meeting could first have happened in; none for a period with no start date."""
    when = meeting.when
    if isinstance(when, Period) and not isinstance(when.start, PartialDate):
        return None
    return when.earliest.year


def _python_counts(meetings: list[Meeting]) -> tuple[Counter[Any], Counter[Any]]:
    by_year = Counter(_year(m) for m in meetings)
    by_state = Counter(p.represents for m in meetings for p in m.participants)
    return by_year, by_state


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(testing.meetings(), max_size=12))
def test_duckdb_counts_as_python_counts(meetings: list[Meeting]) -> None:
    assert _duckdb_counts(meetings) == _python_counts(meetings)


def test_duckdb_counts_the_worked_example() -> None:
    meetings = list(samarkand_2023().meetings)
    by_year, by_state = _duckdb_counts(meetings)
    assert (by_year, by_state) == _python_counts(meetings)
    assert by_year == {2023: 2}
    assert by_state["PAK"] == by_state["RUS"] == 2


def test_duckdb_filters_by_date_and_the_rows_read_back() -> None:
    meetings = samarkand_2023().meetings
    con = duckdb.connect()
    try:
        con.register("meetings", to_arrow(meetings, Meeting))
        query = "SELECT * FROM meetings WHERE \"when\".earliest >= DATE '2023-04-14'"
        found = con.sql(query).arrow()  # a table, or in newer DuckDB a reader of batches
        assert from_arrow(found, Meeting) == [m for m in meetings if m.when.earliest.day == 14]
    finally:
        con.close()


def test_the_module_is_not_imported_by_the_package() -> None:
    import subprocess
    import sys

    code = "import sys, diplomod; print('diplomod.tables' in sys.modules, 'pyarrow' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]
    assert tables.__all__ == [
        "arrow_schema",
        "dossier_tables",
        "from_arrow",
        "to_arrow",
        "write_parquet",
    ]


# -- Parquet datasets ----------------------------------------------------------------------

BAD_LINES = {
    5: "{not json",
    700: '{"kind": "meeting", "id": "meeting-x"}',
    1500: "[1, 2]",
}
"""Bad lines of the corpus file, by line number; line 1200 is blank."""


def _write_corpus(path: Path, meetings: list[Meeting]) -> None:
    lines = iter(meetings)
    with open(path, "w", encoding="utf-8") as file:
        for number in range(1, len(meetings) + len(BAD_LINES) + 2):
            if number in BAD_LINES:
                file.write(BAD_LINES[number] + "\n")
            elif number == 1200:
                file.write("\n")
            else:
                file.write(to_json(next(lines)) + "\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Meeting]]:
    meetings = list(meeting_corpus(3000))
    path = tmp_path_factory.mktemp("corpus") / "meetings.jsonl"
    _write_corpus(path, meetings)
    return path, meetings


@pytest.fixture(scope="module")
def dataset(
    corpus: tuple[Path, list[Meeting]], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[ValidationError]]:
    directory = tmp_path_factory.mktemp("dataset") / "meetings"
    errors = write_parquet(corpus[0], directory, Meeting, partition_by="status", batch_size=700)
    return directory, errors


def test_the_bad_lines_are_reported_as_read_jsonl_results_reports_them(
    corpus: tuple[Path, list[Meeting]], dataset: tuple[Path, list[ValidationError]]
) -> None:
    expected = [e for e in read_jsonl_results(corpus[0], Meeting) if isinstance(e, ValidationError)]
    errors = dataset[1]
    assert [(e.line, e.problems) for e in errors] == [(e.line, e.problems) for e in expected]
    assert [e.line for e in errors] == sorted(BAD_LINES)


def test_the_dataset_reads_back_into_the_valid_records(
    corpus: tuple[Path, list[Meeting]], dataset: tuple[Path, list[ValidationError]]
) -> None:
    directory = dataset[0]
    assert sorted(p.name for p in directory.iterdir()) == [f"status={s}" for s in CORPUS_STATUSES]
    table = pq.read_table(directory, schema=arrow_schema(Meeting))
    found = from_arrow(table, Meeting)
    assert sorted(found, key=lambda m: m.id) == corpus[1]


def test_duckdb_counts_the_dataset_as_python_counts(
    corpus: tuple[Path, list[Meeting]], dataset: tuple[Path, list[ValidationError]]
) -> None:
    meetings = corpus[1]
    files = f"read_parquet('{dataset[0]}/**/*.parquet', hive_partitioning = true)"
    con = duckdb.connect()
    try:
        by_format = con.sql(
            f"SELECT f, count(*) FROM (SELECT unnest(formats) AS f FROM {files}) GROUP BY f"
        ).fetchall()
        by_year = con.sql(
            f'SELECT year("when".earliest) AS y, count(*) FROM {files} GROUP BY y'
        ).fetchall()
        by_status = con.sql(f"SELECT status, count(*) FROM {files} GROUP BY status").fetchall()
    finally:
        con.close()
    assert Counter(dict(by_format)) == Counter(f for m in meetings for f in m.formats)
    assert Counter(dict(by_year)) == Counter(_year(m) for m in meetings)
    assert None in dict(by_year)  # the periods with no start
    assert Counter(dict(by_status)) == Counter(m.status for m in meetings)


def test_polars_scans_the_dataset(
    corpus: tuple[Path, list[Meeting]], dataset: tuple[Path, list[ValidationError]]
) -> None:
    pl = pytest.importorskip("polars")
    scan = pl.scan_parquet(f"{dataset[0]}/**/*.parquet", hive_partitioning=True)
    assert scan.select(pl.len()).collect().item() == len(corpus[1])
    by_status = scan.group_by("status").len().collect().rows()
    assert Counter(dict(by_status)) == Counter(m.status for m in corpus[1])


def test_an_iterable_is_written_as_one_dataset_without_partitions(tmp_path: Path) -> None:
    meetings = list(meeting_corpus(25))
    problem = ValidationError([("$.id", "missing")], line=3)
    assert write_parquet(
        [*meetings[:10], problem, *meetings[10:]], tmp_path, Meeting, batch_size=4
    ) == [problem]
    assert [p.name for p in tmp_path.iterdir()] == ["part-0.parquet"]
    table = pq.read_table(tmp_path / "part-0.parquet")
    assert table.schema.metadata == arrow_schema(Meeting).metadata
    assert from_arrow(table, Meeting) == meetings
    # Parquet names a list's items "element"; reading with the schema gives back "item".
    table = pq.read_table(tmp_path, schema=arrow_schema(Meeting))
    assert table.schema.equals(arrow_schema(Meeting), check_metadata=True)


@pytest.mark.parametrize(
    ("column", "message"),
    [
        ("when", "only a top-level column of text"),
        ("formats", "only a top-level column of text"),
        ("where", "only a top-level column of text"),
        ("year", "Meeting has no such column"),
    ],
)
def test_only_plain_columns_name_partitions(tmp_path: Path, column: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        write_parquet([], tmp_path, Meeting, partition_by=column)


@pytest.mark.parametrize("size", [0, -1, 1.5, True])
def test_the_batch_size_is_a_whole_number(tmp_path: Path, size: Any) -> None:
    with pytest.raises(ValueError, match="batch_size"):
        write_parquet([], tmp_path, Meeting, batch_size=size)


def test_a_record_of_another_class_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="expected a Meeting, got Place"):
        write_parquet([Place(name="Samarkand", country="UZB")], tmp_path, Meeting)


def test_writing_holds_a_batch_not_the_corpus(tmp_path: Path) -> None:
    path = tmp_path / "meetings.jsonl"
    write_jsonl(meeting_corpus(8_000), path)

    tracemalloc.start()
    try:
        table = to_arrow(read_jsonl(path, Meeting), Meeting)  # every record at once
        _, everything = tracemalloc.get_traced_memory()
        del table
        tracemalloc.reset_peak()
        errors = write_parquet(path, tmp_path / "dataset", Meeting, batch_size=500)
        _, streamed = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert errors == []
    assert streamed < everything / 3
    assert pq.read_metadata(tmp_path / "dataset" / "part-0.parquet").num_rows == 8_000


# -- a whole Dossier as tables -------------------------------------------------------------

DOSSIERS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _record_fields() -> list[str]:
    return [field.name for field in attrs.fields(Dossier) if field.init]


def _python_rows(dossier: Dossier) -> Counter[str]:
    """Count the rows each table should have by walking the records' attributes in Python.

    A record type's table has a row per record; each tuple or set found in a record, or in
    an item of another, or in a part of either, has a row per item, under the name of the
    record type and the fields leading to it; every `Evidence` found is a row of
    ``evidence``.
    """
    counts: Counter[str] = Counter()

    def visit(obj: Any, table: str, via: tuple[str, ...]) -> None:
        for field in attrs.fields(type(obj)):
            value = getattr(obj, field.name)
            if isinstance(value, tuple | frozenset):
                name = "_".join([table, *via, field.name])
                counts[name] += len(value)
                for item in value:
                    counts["evidence"] += isinstance(item, Evidence)
                    if attrs.has(type(item)):
                        visit(item, name, ())
            elif attrs.has(type(value)) and not isinstance(value, PartialDate | Period):
                visit(value, table, (*via, field.name))

    for name in _record_fields():
        records = getattr(dossier, name)
        counts[name] += len(records)
        for record in records:
            visit(record, name, ())
    return counts


def _check_counts(dossier: Dossier) -> dict[str, Any]:
    found = dossier_tables(dossier)
    expected = _python_rows(dossier)
    assert set(expected) <= set(found)
    assert {name: table.num_rows for name, table in found.items()} == {
        name: expected[name] for name in found
    }
    for name, table in found.items():
        if "position" in table.column_names:  # counting from 0 in each list
            keys = table.column_names[: table.column_names.index("position")]
            positions: dict[tuple[Any, ...], list[int]] = {}
            for row in table.to_pylist():
                positions.setdefault(tuple(row[k] for k in keys), []).append(row["position"])
            assert all(sorted(p) == list(range(len(p))) for p in positions.values()), name
    assert found["meetings_participants"].num_rows == sum(
        len(m.participants) for m in dossier.meetings
    )
    assert found["meetings_statements_by"].num_rows == sum(
        len(s.by) for m in dossier.meetings for s in m.statements
    )
    return found


def test_the_worked_example_has_a_table_of_each_record_type_and_each_link() -> None:
    dossier = samarkand_2023()
    found = _check_counts(dossier)
    assert list(found)[:7] == _record_fields()
    assert list(found)[-1] == "evidence"
    for name in _record_fields():
        cls = type(getattr(dossier, name)[0]) if getattr(dossier, name) else None
        if cls is not None:
            assert found[name].equals(to_arrow(getattr(dossier, name), cls))
    assert found["meetings_participants"].column_names == [
        "record_id",
        "position",
        "represents",
        "role",
        "person",
        "office",
    ]
    assert found["meetings_statements"].column_names == [
        "record_id",
        "position",
        "stance",
        "substance",
        "status",
    ]
    assert found["organizations_memberships_sources"].column_names == [
        "record_id",
        "memberships_position",
        "position",
        "value",
    ]


@DOSSIERS
@given(testing.dossiers())
def test_every_table_has_the_rows_python_counts(dossier: Dossier) -> None:
    _check_counts(dossier)


def test_an_empty_dossier_gives_every_table_with_every_column() -> None:
    full = dossier_tables(samarkand_2023())
    empty = dossier_tables(Dossier())
    assert list(empty) == list(full)
    for name, table in empty.items():
        assert table.num_rows == 0
        assert table.schema.equals(full[name].schema, check_metadata=True)
        assert table.schema.metadata[b"schema_version"] == b"1.1"


@pytest.mark.parametrize(
    "value", [None, samarkand_2023().meetings, to_dict(samarkand_2023()), Dossier]
)
def test_only_a_dossier_is_made_into_tables(value: Any) -> None:
    with pytest.raises(TypeError, match="dossier_tables takes a Dossier, got "):
        dossier_tables(value)


def _ordered(con: Any, query: str) -> dict[Any, list[Any]]:
    return {tuple(row[:-1]): row[-1] for row in con.sql(query).fetchall()}


@DOSSIERS
@given(testing.dossiers())
def test_positions_keep_the_order_of_tuples_and_sort_sets(dossier: Dossier) -> None:
    con = duckdb.connect()
    try:
        found = dossier_tables(dossier)
        for name in ("meetings_participants", "meetings_statements_by", "meetings_areas"):
            con.register(name, found[name])
        participants = _ordered(
            con,
            "SELECT record_id, list(struct_pack(represents, role, person, office)"
            " ORDER BY position) FROM meetings_participants GROUP BY record_id",
        )
        by = _ordered(
            con,
            "SELECT record_id, statements_position, list(value ORDER BY position)"
            " FROM meetings_statements_by GROUP BY ALL",
        )
        areas = _ordered(
            con,
            "SELECT record_id, list(value ORDER BY position) FROM meetings_areas GROUP BY ALL",
        )
    finally:
        con.close()
    meetings = dossier.meetings
    assert participants == {(m.id,): [attrs.asdict(p) for p in m.participants] for m in meetings}
    assert by == {(m.id, i): list(s.by) for m in meetings for i, s in enumerate(m.statements)}
    assert areas == {(m.id,): sorted(m.areas) for m in meetings if m.areas}


def _meetings_by_state_and_year(dossier: Dossier) -> Counter[tuple[str, int | None]]:
    return Counter((state, _year(m)) for m in dossier.meetings for state in m.parties)


JOIN = (
    'SELECT p.represents, year(m."when".earliest) AS y, count(DISTINCT m.id) '
    "FROM meetings AS m JOIN meetings_participants AS p ON p.record_id = m.id GROUP BY ALL"
)


def _duckdb_join(found: dict[str, Any]) -> Counter[tuple[str, int | None]]:
    con = duckdb.connect()
    try:
        con.register("meetings", found["meetings"])
        con.register("meetings_participants", found["meetings_participants"])
        return Counter({(state, year): n for state, year, n in con.sql(JOIN).fetchall()})
    finally:
        con.close()


def _polars_join(found: dict[str, Any]) -> Counter[tuple[str, int | None]]:
    pl = pytest.importorskip("polars")
    meetings = pl.from_arrow(found["meetings"]).select(
        "id", pl.col("when").struct.field("earliest").dt.year().alias("y")
    )
    participants = pl.from_arrow(found["meetings_participants"])
    joined = participants.join(meetings, left_on="record_id", right_on="id")
    counted = joined.group_by("represents", "y").agg(pl.col("record_id").n_unique())
    return Counter({(state, year): n for state, year, n in counted.rows()})


def _pandas_by_state(found: dict[str, Any]) -> Counter[str]:
    pytest.importorskip("pandas")
    meetings = found["meetings"].select(["id"]).to_pandas()
    participants = found["meetings_participants"].to_pandas()
    joined = participants.merge(meetings, left_on="record_id", right_on="id")
    return Counter(joined.groupby("represents")["id"].nunique().to_dict())


def _check_consumers(dossier: Dossier) -> None:
    found = dossier_tables(dossier)
    expected = _meetings_by_state_and_year(dossier)
    assert _duckdb_join(found) == expected
    assert _polars_join(found) == expected
    assert _pandas_by_state(found) == Counter(s for m in dossier.meetings for s in m.parties)


def test_consumers_join_meetings_and_participants_in_the_worked_example() -> None:
    dossier = samarkand_2023()
    _check_consumers(dossier)
    assert _duckdb_join(dossier_tables(dossier))[("PAK", 2023)] == 2


@DOSSIERS
@given(testing.dossiers())
def test_consumers_join_meetings_and_participants_as_python_counts(dossier: Dossier) -> None:
    _check_consumers(dossier)


def _at(data: Any, path: str) -> Any:
    """Return what a JSON path such as ``$.statements[2].evidence[0]`` names in *data*."""
    for name, index in re.findall(r"\.(\w+)|\[(\d+)\]", path):
        data = data[name] if name else data[int(index)]
    return data


def _check_evidence(dossier: Dossier) -> None:
    from diplomod._model import kind_of

    by_id = {
        r.id: r for name in _record_fields() for r in getattr(dossier, name) if hasattr(r, "id")
    }
    rows = dossier_tables(dossier)["evidence"].to_pylist()
    assert len(rows) == _python_rows(dossier)["evidence"]
    for row in rows:
        record = by_id[row.pop("record_id")]
        assert row.pop("record_kind") == kind_of(type(record))
        assert _at(to_dict(record), row.pop("path")) == row


def test_evidence_is_found_wherever_it_is_in_the_worked_example() -> None:
    dossier = samarkand_2023()
    _check_evidence(dossier)
    paths = dossier_tables(dossier)["evidence"].column("path").to_pylist()
    assert "$.statements[0].evidence[0]" in paths


@DOSSIERS
@given(testing.dossiers())
def test_evidence_rows_name_their_record_and_path(dossier: Dossier) -> None:
    _check_evidence(dossier)


def _flat(table: Any) -> Any:
    """Drop the list columns of *table* and flatten its structs, parts within parts too."""
    table = table.select([f.name for f in table.schema if not pa.types.is_list(f.type)])
    while any(pa.types.is_struct(t) for t in table.schema.types):
        table = table.flatten()
    return table


def _check_csv(dossier: Dossier, directory: Path) -> None:
    pd = pytest.importorskip("pandas")
    pa_csv = pytest.importorskip("pyarrow.csv")
    found = dossier_tables(dossier)
    records = set(_record_fields())
    con = duckdb.connect()
    try:
        for name, table in found.items():
            flat = _flat(table)
            if name not in records:  # a link table has no list to lose
                assert not any(pa.types.is_list(t) for t in table.schema.types), name
            assert not any(pa.types.is_nested(t) for t in flat.schema.types), name
            path = directory / f"{name}.csv"
            pa_csv.write_csv(flat, path)
            assert len(pd.read_csv(path)) == table.num_rows, name
            counted = con.sql(f"SELECT count(*) FROM read_csv('{path}')").fetchall()
            assert counted == [(table.num_rows,)], name
    finally:
        con.close()


def test_every_table_writes_to_csv_once_flattened(tmp_path: Path) -> None:
    found = dossier_tables(samarkand_2023())
    # Without structs, a link table is ready for CSV as it is; with them, once flattened.
    assert not any(pa.types.is_nested(t) for t in found["meetings_participants"].schema.types)
    assert pa.types.is_struct(found["agreements_events"].schema.field("place").type)
    assert "place.coordinates.latitude" in _flat(found["agreements_events"]).column_names
    _check_csv(samarkand_2023(), tmp_path)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(testing.dossiers())
def test_generated_tables_write_to_csv(dossier: Dossier) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as directory:
        _check_csv(dossier, Path(directory))


# -- link tables follow the description, for any class -------------------------------------


@attrs.frozen
class _Tag:
    code: str
    position: int


@attrs.frozen
class _Part:
    codes: tuple[str, ...] = ()


@attrs.frozen
class _Owner:
    id: str
    part: _Part | None = None


@attrs.frozen
class _Thing:
    id: str
    tags: tuple[_Tag, ...] = ()


def test_arrays_inside_parts_of_records_are_link_tables_too() -> None:
    from diplomod._model import shape

    (link,) = tables._links(shape(_Owner).fields, "things", "things", (), ("record_id",))
    assert link.name == "things_part_codes"
    assert link.schema.names == ["record_id", "position", "value"]
    out: dict[str, list[dict[str, Any]]] = {}
    tables._link_rows(link, {"part": {"codes": ["a", "b"]}}, {"record_id": "t"}, out)
    tables._link_rows(link, {"part": None}, {"record_id": "u"}, out)
    assert out == {
        "things_part_codes": [
            {"record_id": "t", "position": 0, "value": "a"},
            {"record_id": "t", "position": 1, "value": "b"},
        ]
    }


def test_an_item_field_named_like_a_key_column_is_refused() -> None:
    from diplomod._model import shape

    with pytest.raises(TypeError, match="'things_tags' would have two columns named 'position'"):
        list(tables._links(shape(_Thing).fields, "things", "things", (), ("record_id",)))


def test_depositaries_links_meetings_and_membership_bases_have_their_columns() -> None:
    def treaty(id: str, **changes: Any) -> Agreement:
        return Agreement(id=id, title=id, instrument="treaty", parties=("USA", "FIN"), **changes)

    dossier = Dossier(
        organizations=(
            Organization(
                id="alliance",
                name="An alliance",
                kind="intergovernmental",
                memberships=(
                    Membership(
                        state="FIN",
                        status="member",
                        period=Period.parse("2023-04-04/.."),
                        basis=MembershipBasis(agreement="a", action="acceded"),
                    ),
                ),
            ),
        ),
        agreements=(
            treaty(
                "a",
                depositaries=(Depositary(actor="USA"),),
                events=(
                    LifecycleEvent(
                        action="acceded", party="FIN", date=PartialDate.parse("2023-04-04")
                    ),
                ),
            ),
            treaty("b", links=(AgreementLink(relation="amends", agreement="a"),)),
        ),
    )
    found = _check_counts(dossier)
    assert found["agreements_depositaries"].to_pylist() == [
        {"record_id": "a", "position": 0, "actor": "USA", "office": None}
    ]
    assert found["agreements_links"].to_pylist() == [
        {"record_id": "b", "position": 0, "relation": "amends", "agreement": "a"}
    ]
    assert found["agreements_events"].column_names[-3:] == ["meeting", "text", "regarding"]
    assert found["organizations_memberships"].to_pylist()[0]["basis"] == {
        "agreement": "a",
        "action": "acceded",
    }
