"""Dossiers of earlier versions are read through their migrations, with their meaning kept."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import refusal
from diplomod import OPEN, Dossier, PartialDate, Period, from_dict, from_json, to_dict
from diplomod._model import Node, shape
from diplomod.examples import samarkand_2023, samarkand_2023_json
from diplomod.serializers import MIGRATIONS, SCHEMA_VERSION, reads

VERSION_1_0 = Path(__file__).parent / "versions" / "samarkand_2023-1.0.json"
"""The worked example as release 1.0 of the format wrote it."""


def old_example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(VERSION_1_0.read_text(encoding="utf-8"))
    return data


def test_this_release_writes_1_1_and_reads_1_0_too() -> None:
    assert SCHEMA_VERSION == "1.1"
    assert reads() == ("1.1", "1.0")
    assert json.loads(samarkand_2023_json())["schema_version"] == "1.1"


def test_the_worked_example_of_version_1_0_reads_as_the_example() -> None:
    data = old_example()
    assert data["schema_version"] == "1.0"
    assert from_dict(data, Dossier) == samarkand_2023()
    assert from_json(VERSION_1_0.read_text(encoding="utf-8"), Dossier) == samarkand_2023()


def test_the_migration_changes_only_the_version_of_a_dossier_with_no_open_start() -> None:
    migrated = MIGRATIONS["1.0"](old_example())
    assert migrated == json.loads(samarkand_2023_json())
    assert list(migrated) == list(old_example())  # the version stays the first key


def period_fields() -> set[tuple[str, str]]:
    """Every field of a dossier's records that holds a period, found from the description."""
    found: set[tuple[str, str]] = set()
    seen: set[type] = set()

    def visit(cls: type) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for field in shape(cls).fields:
            node: Node | None = field.node
            while node is not None and node.kind == "array":
                node = node.item
            assert node is not None
            if node.kind in ("period", "when"):
                found.add((cls.__name__, field.name))
            elif node.kind == "record":
                visit(node.base)

    visit(Dossier)
    return found


def with_open_starts(data: dict[str, Any], start: str) -> dict[str, Any]:
    """The example with a period starting with *start* in every field that holds one."""
    data = copy.deepcopy(data)
    data["people"][0]["offices"][0]["period"] = f"{start}2023-04-14"
    sco = data["organizations"][0]
    sco["memberships"].append({"state": "TKM", "status": "observer", "period": f"{start}2010"})
    data["meetings"][0]["when"] = f"{start}2023-04"
    data["activities"][0]["when"] = f"{start}2023-04-14"
    return data


def test_the_test_document_holds_a_period_in_every_field_that_holds_one() -> None:
    assert period_fields() == {
        ("Office", "period"),
        ("Membership", "period"),
        ("Meeting", "when"),
        ("Activity", "when"),
    }


def test_a_1_0_start_written_open_is_read_as_not_known_in_every_period_field() -> None:
    dossier = from_dict(with_open_starts(old_example(), "../"), Dossier)
    periods = [
        dossier.people[0].offices[0].period,
        dossier.organizations[0].memberships[-1].period,
        dossier.meetings[0].when,
        dossier.activities[0].when,
    ]
    for period in periods:
        assert isinstance(period, Period)
        assert period.start is None
        assert str(period).startswith("/")
    written = to_dict(dossier)
    assert written["schema_version"] == "1.1"
    assert written["organizations"][0]["memberships"][-1]["period"] == "/2010"
    assert from_dict(with_open_starts(to_dict(samarkand_2023()), "/"), Dossier) == dossier


def test_in_1_1_a_start_written_open_is_open() -> None:
    data = with_open_starts(to_dict(samarkand_2023()), "../")
    data["organizations"][0]["memberships"].pop()
    dossier = from_dict(data, Dossier)
    assert dossier.meetings[0].when == Period(start=OPEN, end=PartialDate(year=2023, month=4))
    assert dossier.people[0].offices[0].period == Period.parse("../2023-04-14")


def test_in_1_1_an_open_start_is_before_the_organization_was_founded() -> None:
    data = with_open_starts(to_dict(samarkand_2023()), "../")
    assert refusal(lambda: from_dict(data, Dossier)) == (
        (
            "$.organizations[0].memberships[2].period.start",
            "an open start (..) has no earlier bound, so it is before the organization was "
            "founded (2001-06-15); leave the start empty when it is not known",
        ),
    )


def test_a_1_0_membership_until_2010_whose_start_is_not_known() -> None:
    data = {
        "schema_version": "1.0",
        "organizations": [
            {
                "id": "sco",
                "name": "Shanghai Cooperation Organisation",
                "kind": "intergovernmental",
                "founded": "2001-06-15",
                "memberships": [{"state": "TKM", "status": "observer", "period": "../2010"}],
            }
        ],
    }
    sco = from_dict(data, Dossier).organizations[0]
    assert sco.memberships[0].period == Period(start=None, end=PartialDate(year=2010))
    assert sco.members("2005", status="observer") == {"TKM"}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("meetings", 0, "title"), "../2010"),  # text, not a period
        (("sources", 0, "title"), "../2010"),
        (("meetings", 0, "when"), "2017/.."),  # an open end means what it meant
        (("meetings", 0, "when"), "2023-04"),
    ],
)
def test_the_migration_leaves_what_is_not_a_period_start_as_it_is(
    path: tuple[Any, ...], value: str
) -> None:
    data = old_example()
    place: Any = data
    for step in path[:-1]:
        place = place[step]
    place[path[-1]] = value
    migrated = MIGRATIONS["1.0"](copy.deepcopy(data))
    place = migrated
    for step in path[:-1]:
        place = place[step]
    assert place[path[-1]] == value


def test_a_1_0_document_of_the_wrong_shape_is_left_for_the_reader_to_report() -> None:
    data = old_example()
    data["organizations"][0]["memberships"] = "../2010"
    data["meetings"][0]["when"] = ["../2010"]
    assert refusal(lambda: from_dict(data, Dossier)) == (
        ("$.organizations[0].memberships", "expected an array, got string '../2010'"),
        ("$.meetings[0].when", "expected a date or period as text, got array"),
    )


def test_a_1_0_period_open_at_both_ends_is_still_refused() -> None:
    data = old_example()
    data["organizations"][0]["memberships"][0]["period"] = "../.."
    assert refusal(lambda: from_dict(data, Dossier)) == (
        ("$.organizations[0].memberships[0].period", "a period needs a start or an end date"),
    )


def test_a_1_0_areas_cameo_code_is_read_as_its_cameo_activity() -> None:
    data = old_example()
    data["areas"] = [
        {"code": "acme:fisheries", "title": "Fisheries", "cameo": "061"},
        {"code": "acme:fleets", "title": "Fleets"},
    ]
    migrated = MIGRATIONS["1.0"](copy.deepcopy(data))
    assert migrated["areas"] == [
        {"code": "acme:fisheries", "title": "Fisheries", "cameo_activity": "061"},
        {"code": "acme:fleets", "title": "Fleets"},
    ]
    dossier = from_dict(data, Dossier)
    assert [(a.code, a.cameo_activity, a.cameo_intent) for a in dossier.areas] == [
        ("acme:fisheries", "061", None),
        ("acme:fleets", None, None),
    ]


def test_a_1_1_area_with_the_old_cameo_key_is_refused_at_its_path() -> None:
    data = json.loads(samarkand_2023_json())
    data["areas"] = [{"code": "acme:fisheries", "title": "Fisheries", "cameo": "061"}]
    assert refusal(lambda: from_dict(data, Dossier)) == (("$.areas[0].cameo", "unknown key"),)


def test_a_1_0_area_of_the_wrong_shape_is_left_for_the_reader_to_report() -> None:
    data = old_example()
    data["areas"] = ["acme:fisheries", {"code": "acme:fleets", "title": "Fleets", "cameo": 61}]
    assert MIGRATIONS["1.0"](copy.deepcopy(data))["areas"] == [
        "acme:fisheries",
        {"code": "acme:fleets", "title": "Fleets", "cameo_activity": 61},
    ]
    assert refusal(lambda: from_dict(data, Dossier)) == (
        ("$.areas[0]", "expected an object, got string 'acme:fisheries'"),
        ("$.areas[1].cameo_activity", "expected a string, got number 61"),
    )
