"""The codelists shipped as CSV files, and the way they are loaded."""

from __future__ import annotations

import csv
import io
import json
import re
from importlib import resources
from pathlib import Path

import pytest

from diplomod import codelist
from diplomod._codelists import names

SHIPPED = (
    "agreement_relations",
    "cooperation_areas",
    "event_statuses",
    "identifier_schemes",
    "instrument_types",
    "lifecycle_actions",
    "meeting_formats",
    "membership_statuses",
    "occasion_relations",
    "organization_kinds",
    "participant_roles",
    "plover_contexts",
    "plover_event_types",
    "plover_modes",
    "signatory_roles",
    "stances",
    "states",
)


def read_raw(name: str) -> tuple[list[str], list[dict[str, str]]]:
    """Read a shipped CSV without diplomod's loader, keeping duplicate rows."""
    text = resources.files("diplomod").joinpath("codelists", f"{name}.csv").read_text("utf-8")
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    assert reader.fieldnames is not None
    return list(reader.fieldnames), rows


def test_names_lists_every_csv_file() -> None:
    folder = resources.files("diplomod").joinpath("codelists")
    on_disk = sorted(
        p.name.removesuffix(".csv") for p in folder.iterdir() if p.name.endswith(".csv")
    )
    assert list(names()) == on_disk
    assert names() == SHIPPED


@pytest.mark.parametrize("name", SHIPPED)
def test_every_codelist_loads_with_rows(name: str) -> None:
    rows = codelist(name)
    assert len(rows) > 0
    for code, row in rows.items():
        assert row["code"] == code


@pytest.mark.parametrize("name", SHIPPED)
def test_every_codelist_has_unique_non_empty_codes(name: str) -> None:
    _, rows = read_raw(name)
    codes = [row["code"] for row in rows]
    assert all(codes), f"{name} has a row without a code"
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    assert duplicates == []
    assert len(codelist(name)) == len(rows)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_codelist_header_starts_with_code(name: str) -> None:
    header, _ = read_raw(name)
    assert header[0] == "code"
    assert len(header) == len(set(header))


@pytest.mark.parametrize("name", [n for n in SHIPPED if n != "states"])
def test_codelists_with_titles_give_every_code_a_title(name: str) -> None:
    header, rows = read_raw(name)
    assert header[:2] == ["code", "title"]
    untitled = [row["code"] for row in rows if not row["title"].strip()]
    assert untitled == []


@pytest.mark.parametrize(
    "name",
    list(SHIPPED),
)
def test_every_row_has_a_value_for_every_column(name: str) -> None:
    header, rows = read_raw(name)
    # DictReader puts extra cells under None and fills missing ones with None.
    ragged = [row["code"] for row in rows if None in row or None in row.values()]
    assert ragged == []
    assert all(set(row) == set(header) for row in rows)


def test_a_description_with_commas_is_read_whole() -> None:
    assert codelist("lifecycle_actions")["ratified"]["description"] == (
        "The party gave its consent to be bound by ratification."
    )
    assert codelist("organization_kinds")["state_body"]["description"] == (
        "A ministry, agency or other body of one state."
    )


def test_codelist_keeps_file_order() -> None:
    _, rows = read_raw("participant_roles")
    assert list(codelist("participant_roles")) == [row["code"] for row in rows]


def test_codelist_gives_the_row_of_a_code() -> None:
    assert codelist("participant_roles")["host"]["title"] == "Host"
    assert codelist("states")["PAK"]["name"] == "Pakistan"


def test_codelist_mapping_is_read_only() -> None:
    roles = codelist("participant_roles")
    with pytest.raises(TypeError):
        roles["spy"] = {"code": "spy"}  # type: ignore[index]
    with pytest.raises(TypeError):
        del roles["host"]  # type: ignore[attr-defined]
    assert "host" in codelist("participant_roles")
    assert "spy" not in codelist("participant_roles")


def test_codelist_rows_are_read_only() -> None:
    row = codelist("participant_roles")["host"]
    with pytest.raises(TypeError):
        row["title"] = "Landlord"  # type: ignore[index]
    assert codelist("participant_roles")["host"]["title"] == "Host"


@pytest.mark.parametrize("name", ["nope", "state", "States", "../pyproject"])
def test_an_unknown_codelist_name_raises_lookup_error_listing_the_names(name: str) -> None:
    with pytest.raises(LookupError) as err:
        codelist(name)
    assert str(err.value) == f"no codelist named {name!r}; there are: " + ", ".join(SHIPPED)


# --- cooperation_areas -----------------------------------------------------------------------

AREAS = codelist("cooperation_areas")


def test_cooperation_areas_columns() -> None:
    header, _ = read_raw("cooperation_areas")
    assert header == ["code", "title", "description", "plover_context", "cameo"]


@pytest.mark.parametrize("code", list(AREAS))
def test_every_cooperation_area_has_its_parent_listed(code: str) -> None:
    head, dot, _ = code.rpartition(".")
    if dot:
        assert head in AREAS


@pytest.mark.parametrize("code", list(AREAS))
def test_every_cooperation_area_segment_is_lower_snake_case(code: str) -> None:
    for segment in code.split("."):
        assert re.fullmatch(r"[a-z][a-z0-9_]*", segment), segment


def test_cameo_codes_are_digit_strings_with_their_leading_zeros() -> None:
    cameos = {code: row["cameo"] for code, row in AREAS.items() if row["cameo"]}
    assert cameos, "some areas should map to CAMEO codes"
    bad = {code: cameo for code, cameo in cameos.items() if not re.fullmatch(r"[0-9]{2,4}", cameo)}
    assert bad == {}
    assert AREAS["economy.trade"]["cameo"] == "061"


def test_every_cooperation_area_is_described() -> None:
    undescribed = [code for code, row in AREAS.items() if not row["description"].strip()]
    assert undescribed == []


@pytest.mark.parametrize(
    "code",
    [
        "economy.trade",
        "economy.investment",
        "culture",
        "energy",
        "energy.pipelines",
        "economy.food_security",
        "security.defense",
        "security.defense.exercises",
        "security.counterterrorism",
        "security.extremism",
        "security.drug_trafficking",
        "economy.agriculture",
        "economy.infrastructure",
        "economy.development",
        "security.regional_security",
    ],
)
def test_cooperation_areas_cover_the_fields_the_sources_mention(code: str) -> None:
    assert code in AREAS


# --- states ----------------------------------------------------------------------------------

STATES = codelist("states")


def test_states_columns() -> None:
    header, _ = read_raw("states")
    assert header == ["code", "name", "common_name", "status", "withdrawn"]


def test_every_state_code_is_three_capital_letters() -> None:
    bad = [code for code in STATES if not re.fullmatch(r"[A-Z]{3}", code)]
    assert bad == []


@pytest.mark.parametrize(
    ("code", "name", "status"),
    [
        ("PAK", "Pakistan", "assigned"),
        ("RUS", "Russian Federation", "assigned"),
        ("UZB", "Uzbekistan", "assigned"),
        ("AFG", "Afghanistan", "assigned"),
        ("XKX", "Kosovo", "user-assigned"),
        ("SUN", "USSR, Union of Soviet Socialist Republics", "withdrawn"),
    ],
)
def test_states_lists_the_states_the_records_need(code: str, name: str, status: str) -> None:
    assert STATES[code]["name"] == name
    assert STATES[code]["status"] == status


def test_state_statuses_are_the_three_known_ones() -> None:
    assert {row["status"] for row in STATES.values()} == {"assigned", "withdrawn", "user-assigned"}


def test_exactly_the_withdrawn_states_carry_a_withdrawal_date() -> None:
    mismatched = [
        code
        for code, row in STATES.items()
        if bool(row["withdrawn"]) != (row["status"] == "withdrawn")
    ]
    assert mismatched == []
    assert STATES["SUN"]["withdrawn"] == "1992-08-30"


def test_every_state_has_names() -> None:
    unnamed = [code for code, row in STATES.items() if not row["name"] or not row["common_name"]]
    assert unnamed == []


def test_every_vendored_codelist_names_its_source_and_the_script_that_writes_it() -> None:
    text = resources.files("diplomod").joinpath("codelists", "sources.json").read_text("utf-8")
    sources = json.loads(text)
    assert set(sources) <= set(SHIPPED)
    root = Path(__file__).resolve().parent.parent
    for name, source in sources.items():
        assert {"source", "url", "licence", "script"} <= set(source), name
        assert "commit" in source or "version" in source, name
        assert (root / source["script"]).is_file(), name
