"""Cooperation areas: the built-in codes, their hierarchy and extension codes."""

from __future__ import annotations

import pytest

from diplomod import CooperationArea, ValidationError, codelist, cooperation_area, cooperation_areas
from diplomod.areas import is_within, parent


def test_cooperation_area_gives_the_built_in_area() -> None:
    area = cooperation_area("energy.pipelines")
    assert area.code == "energy.pipelines"
    assert area.title == "Pipelines"
    assert area.parent == "energy"
    assert (area.cameo_activity, area.cameo_agreement, area.cameo_intent) == ("061", "057", "0311")
    assert area.plover_context == "economic"
    assert area.description is not None
    assert area.description.startswith("Planning, construction and operation")


def test_empty_cells_become_none() -> None:
    culture = cooperation_area("culture")
    assert (culture.plover_context, culture.cameo_activity, culture.cameo_intent) == (
        None,
        None,
        None,
    )


def test_cooperation_area_suggests_the_nearest_code() -> None:
    with pytest.raises(ValidationError) as err:
        cooperation_area("economy.trad")
    ((path, message),) = err.value.problems
    assert path == "$"
    assert message.startswith(
        "unknown cooperation area 'economy.trad'; did you mean 'economy.trade'"
    )


def test_cooperation_area_without_a_near_code_gives_no_suggestion() -> None:
    with pytest.raises(ValidationError) as err:
        cooperation_area("zzzz")
    assert err.value.problems == (("$", "unknown cooperation area 'zzzz'"),)


def test_cooperation_area_does_not_look_up_extension_codes() -> None:
    with pytest.raises(ValidationError) as err:
        cooperation_area("acme:fisheries")
    ((path, message),) = err.value.problems
    assert (path, message.split(";")[0]) == ("$", "unknown cooperation area 'acme:fisheries'")


def test_cooperation_areas_lists_every_built_in_area_sorted_by_code() -> None:
    codes = [area.code for area in cooperation_areas()]
    assert codes == sorted(codes)
    assert codes == sorted(codelist("cooperation_areas"))
    assert all(isinstance(area, CooperationArea) for area in cooperation_areas())


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("economy", None),
        ("economy.trade", "economy"),
        ("security.defense.exercises", "security.defense"),
        ("acme:fisheries", None),
        ("acme:fisheries.quotas", "acme:fisheries"),
        ("acme:fisheries.quotas.tuna", "acme:fisheries.quotas"),
    ],
)
def test_parent(code: str, expected: str | None) -> None:
    assert parent(code) == expected


def test_every_built_in_parent_is_itself_an_area() -> None:
    codes = {area.code for area in cooperation_areas()}
    for area in cooperation_areas():
        assert area.parent is None or area.parent in codes


@pytest.mark.parametrize(
    ("code", "field", "within"),
    [
        ("economy", "economy", True),
        ("economy.trade", "economy", True),
        ("security.defense.exercises", "security", True),
        ("security.defense.exercises", "security.defense", True),
        ("economy", "economy.trade", False),
        ("economy.trade", "economy.tr", False),
        ("economy_x", "economy", False),
        ("energy.pipelines", "economy", False),
        ("acme:fisheries.quotas", "acme:fisheries", True),
        ("acme:fisheries", "fisheries", False),
        ("other:fisheries.quotas", "acme:fisheries", False),
    ],
)
def test_is_within(code: str, field: str, within: bool) -> None:
    assert is_within(code, field) is within


def test_an_extension_area_with_a_namespaced_code() -> None:
    quotas = CooperationArea(
        code="acme:fisheries.quotas",
        title="Fishing quotas",
        description="Sharing of catch limits\nbetween coastal states.",
        cameo_activity="061",
        cameo_agreement="057",
        cameo_intent="0311",
    )
    assert quotas.parent == "acme:fisheries"
    assert is_within(quotas.code, "acme:fisheries")


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (
            "Acme:fisheries",
            "'Acme:fisheries' is not an extension code such as 'acme:fisheries.quotas' "
            "(a lower-case namespace, a colon, then dotted lower-case segments)",
        ),
        (
            "acme:fisheries..quotas",
            "'acme:fisheries..quotas' is not an extension code such as 'acme:fisheries.quotas' "
            "(a lower-case namespace, a colon, then dotted lower-case segments)",
        ),
        ("fisheries", "unknown cooperation area 'fisheries'"),
    ],
)
def test_an_area_code_must_be_built_in_or_well_formed(code: str, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        CooperationArea(code=code, title="Fisheries")
    assert err.value.problems == (("$.code", message),)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"title": ""}, ("$.title", "must not be empty")),
        ({"description": " Quotas."}, ("$.description", "must not start or end with white space")),
        (
            {"description": "a\x00b"},
            ("$.description", "must not contain the control character '\\x00'"),
        ),
        (
            {"plover_context": "eco\nnomic"},
            ("$.plover_context", "unknown PLOVER context 'eco\\nnomic'; did you mean 'economic'?"),
        ),
        (
            {"cameo_activity": "61"},
            (
                "$.cameo_activity",
                "unknown CAMEO event code '61'; did you mean '161', '061' or '1661'?",
            ),
        ),
        (
            {"cameo_agreement": "0579"},
            (
                "$.cameo_agreement",
                "unknown CAMEO event code '0579'; did you mean '057', '09' or '07'?",
            ),
        ),
        ({"cameo_intent": "intent"}, ("$.cameo_intent", "unknown CAMEO event code 'intent'")),
        ({"cameo_intent": 311}, ("$.cameo_intent", "expected a string or null, got int 311")),
    ],
)
def test_an_area_checks_its_other_fields(
    fields: dict[str, object], problem: tuple[str, str]
) -> None:
    with pytest.raises(ValidationError) as err:
        CooperationArea(code="acme:fisheries", **({"title": "Fisheries"} | fields))  # type: ignore[arg-type]
    assert err.value.problems == (problem,)


def test_a_plover_context_must_be_one_of_plovers() -> None:
    with pytest.raises(ValidationError) as err:
        CooperationArea(code="acme:fisheries", title="Fisheries", plover_context="economics")
    assert err.value.problems == (
        ("$.plover_context", "unknown PLOVER context 'economics'; did you mean 'economic'?"),
    )


def test_every_built_in_plover_context_is_in_the_plover_codelist() -> None:
    contexts = codelist("plover_contexts")
    assert {a.plover_context for a in cooperation_areas() if a.plover_context} <= set(contexts)
