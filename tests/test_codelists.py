"""The codelists shipped as CSV files, and the way they are loaded."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
from importlib import resources
from pathlib import Path

import pytest

from diplomod import codelist
from diplomod._codelists import names

ROOT = Path(__file__).resolve().parent.parent

SHIPPED = (
    "agreement_relations",
    "cameo_event_codes",
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
CAMEO = codelist("cameo_event_codes")


def test_cooperation_areas_columns() -> None:
    header, _ = read_raw("cooperation_areas")
    assert header == [
        "code",
        "title",
        "description",
        "plover_context",
        "cameo_activity",
        "cameo_agreement",
        "cameo_intent",
    ]


@pytest.mark.parametrize("code", list(AREAS))
def test_every_cooperation_area_has_its_parent_listed(code: str) -> None:
    head, dot, _ = code.rpartition(".")
    if dot:
        assert head in AREAS


@pytest.mark.parametrize("code", list(AREAS))
def test_every_cooperation_area_segment_is_lower_snake_case(code: str) -> None:
    for segment in code.split("."):
        assert re.fullmatch(r"[a-z][a-z0-9_]*", segment), segment


CAMEO_COLUMNS = ("cameo_activity", "cameo_agreement", "cameo_intent")


@pytest.mark.parametrize("column", CAMEO_COLUMNS)
def test_every_cameo_code_of_an_area_is_a_cameo_event_code(column: str) -> None:
    given = {code: row[column] for code, row in AREAS.items() if row[column]}
    assert given, f"some areas should give a {column}"
    unknown = {code: cameo for code, cameo in given.items() if cameo not in CAMEO}
    assert unknown == {}


def test_the_areas_cameo_codes_keep_their_leading_zeros() -> None:
    trade = AREAS["economy.trade"]
    assert (trade["cameo_activity"], trade["cameo_agreement"], trade["cameo_intent"]) == (
        "061",
        "057",
        "0311",
    )


@pytest.mark.parametrize(
    ("column", "roots"),
    [("cameo_activity", {"06", "07"}), ("cameo_agreement", {"05"}), ("cameo_intent", {"03"})],
)
def test_each_cameo_column_holds_codes_of_its_kind(column: str, roots: set[str]) -> None:
    found = {row[column][:2] for row in AREAS.values() if row[column]}
    assert found == roots


@pytest.mark.parametrize(
    ("activity", "intent"),
    [("061", "0311"), ("062", "0312"), ("063", "0313"), ("064", "0314"), ("073", "0333"),
     ("074", "0334")],
)  # fmt: skip
def test_an_area_that_cooperates_materially_intends_the_same_cooperation(
    activity: str, intent: str
) -> None:
    intents = {row["cameo_intent"] for row in AREAS.values() if row["cameo_activity"] == activity}
    assert intents == {intent}
    assert CAMEO[intent]["title"].startswith("Express intent to")


def test_every_area_signs_agreements_with_057() -> None:
    assert {row["cameo_agreement"] for row in AREAS.values()} == {"057"}


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
    assert header == ["code", "name", "common_name", "status", "withdrawn", "alpha_2"]


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


def test_every_state_in_use_has_its_alpha_2_code_and_a_withdrawn_one_none() -> None:
    wrong = [
        code
        for code, row in STATES.items()
        if bool(row["alpha_2"]) == (row["status"] == "withdrawn")
        or (row["alpha_2"] and not re.fullmatch(r"[A-Z]{2}", row["alpha_2"]))
    ]
    assert wrong == []
    assert [STATES[c]["alpha_2"] for c in ("PAK", "RUS", "UZB", "XKX", "SUN")] == [
        "PK",
        "RU",
        "UZ",
        "XK",
        "",
    ]


def test_no_two_states_share_an_alpha_2_code() -> None:
    codes = [row["alpha_2"] for row in STATES.values() if row["alpha_2"]]
    assert len(codes) == len(set(codes))


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


# --- cameo_event_codes -----------------------------------------------------------------------


def test_cameo_event_codes_columns() -> None:
    header, _ = read_raw("cameo_event_codes")
    assert header == ["code", "title", "root", "quad_class", "goldstein"]


def test_cameo_event_codes_are_text_with_their_root_quad_class_and_goldstein_score() -> None:
    assert dict(CAMEO["057"]) == {
        "code": "057",
        "title": "Sign formal agreement",
        "root": "05",
        "quad_class": "1",
        "goldstein": "8.0",
    }
    assert (CAMEO["042"]["goldstein"], CAMEO["043"]["goldstein"]) == ("1.9", "2.8")
    assert (CAMEO["0311"]["root"], CAMEO["061"]["quad_class"]) == ("03", "2")
    assert (CAMEO["20"]["quad_class"], CAMEO["20"]["goldstein"]) == ("4", "-10.0")


@pytest.mark.parametrize("code", list(CAMEO))
def test_every_cameo_event_code_is_well_formed(code: str) -> None:
    row = CAMEO[code]
    assert re.fullmatch(r"[0-9]{2,4}", code)
    assert row["root"] == code[:2]
    assert row["root"] in CAMEO
    assert row["quad_class"] == str(
        1 + (int(code[:2]) > 5) + (int(code[:2]) > 8) + (int(code[:2]) > 13)
    )
    assert -10 <= float(row["goldstein"]) <= 10


def test_the_cameo_script_writes_the_shipped_codelist_from_the_vendored_table() -> None:
    spec = importlib.util.spec_from_file_location(
        "generate_cameo_event_codes", ROOT / "scripts" / "generate_cameo_event_codes.py"
    )
    assert spec is not None
    assert spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    shipped = resources.files("diplomod").joinpath("codelists", "cameo_event_codes.csv")
    assert script.text() == shipped.read_text("utf-8")
    assert len(CAMEO) == 312
