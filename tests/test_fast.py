"""The fast path for reading valid data agrees with the strict reader, and is taken."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import diplomod as dm
from diplomod import _fast, testing
from diplomod._converter import converter
from diplomod.examples import samarkand_2023, samarkand_2023_json

RECORDS: list[tuple[Any, st.SearchStrategy[Any]]] = [
    (dm.Meeting, testing.meetings()),
    (dm.Agreement, testing.agreements()),
    (dm.Activity, testing.activities()),
    (dm.Organization, testing.organizations()),
    (dm.Person, testing.people()),
    (dm.Source, testing.sources()),
    (dm.Dossier, testing.dossiers()),
]
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def strict(data: Any, cls: Any) -> Any:
    return converter.structure(data, cls)


@pytest.mark.parametrize(("cls", "records"), RECORDS, ids=[c.__name__ for c, _ in RECORDS])
def test_valid_records_take_the_fast_path(cls: Any, records: st.SearchStrategy[Any]) -> None:
    @SETTINGS
    @given(records)
    def check(record: Any) -> None:
        data = converter.unstructure(record)
        assert _fast.reader(cls)(data, [0]) == record
        text = dm.to_json(record)
        try:
            assert _fast.read_json(text, cls, _version(cls)) == record
        except _fast.Reject:  # only where a string starts with a colon, adding to the count
            assert text.count('":') > _keys(json.loads(text))

    check()


def _keys(data: Any) -> int:
    if isinstance(data, dict):
        return len(data) + sum(_keys(value) for value in data.values())
    if isinstance(data, list):
        return sum(_keys(item) for item in data)
    return 0


def _version(cls: Any) -> str | None:
    return "1.0" if cls is dm.Dossier else None


def test_the_worked_example_takes_the_fast_path() -> None:
    assert _fast.read_json(samarkand_2023_json(), dm.Dossier, "1.0") == samarkand_2023()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=8,
)


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """The worked example's dict with one value somewhere replaced by arbitrary JSON."""
    data = dm.to_dict(samarkand_2023())
    del data["schema_version"]
    node: Any = data
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            return data
        key = draw(st.sampled_from(keys))
        child = node[key]
        if isinstance(child, dict | list) and child and draw(st.booleans()):
            node = child
            continue
        node[key] = draw(JSON)
        return data


@settings(max_examples=300, deadline=None)
@given(mutated())
def test_the_fast_path_accepts_nothing_the_strict_reader_refuses(data: Any) -> None:
    try:
        fast = _fast.reader(dm.Dossier)(data, [0])
    except Exception:
        return
    assert strict(data, dm.Dossier) == fast


@pytest.mark.parametrize(
    "text",
    [
        '{"name": "Samarkand", "name": "Bukhara", "country": "UZB"}',
        '{"name": "Samarkand", "name" : "Bukhara", "country": "UZB"}',
        '{"name": "Samarkand", "country": "UZB", "country"\n: "UZB"}',
        '{"name": "say \\":", "name": "x", "country": "UZB"}',
    ],
)
def test_a_key_given_twice_never_passes_the_fast_path(text: str) -> None:
    with pytest.raises(_fast.Reject):
        _fast.read_json(text, dm.Place)
    with pytest.raises(dm.ValidationError, match=r"gives the key '(name|country)' twice"):
        dm.from_json(text, dm.Place)


def test_records_share_dates_and_codes() -> None:
    first, second = (dm.from_json(dm.to_json(samarkand_2023()), dm.Dossier) for _ in range(2))
    assert first.meetings[1].when is second.meetings[1].when
    pakistan = first.meetings[1].participants[0].represents
    assert pakistan == "PAK"
    assert pakistan is second.meetings[1].participants[0].represents
    assert pakistan is next(code for code in dm.codelist("states") if code == "PAK")


@pytest.mark.parametrize(("cls", "records"), RECORDS, ids=[c.__name__ for c, _ in RECORDS])
def test_the_fast_writer_writes_what_the_converter_writes(
    cls: Any, records: st.SearchStrategy[Any]
) -> None:
    @SETTINGS
    @given(records)
    def check(record: Any) -> None:
        assert _fast.writer(cls)(record) == converter.unstructure(record)

    check()
