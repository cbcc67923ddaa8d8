"""Activity: cooperation reported as a whole."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from conftest import SOURCE_ID, assert_only_problem, cite, samarkand_dossier
from diplomod import Activity, Dossier, Period, ValidationError, from_json, to_json


def exercises(**changes: Any) -> Activity:
    fields: dict[str, Any] = {
        "id": "pak-rus-exercises",
        "parties": ("PAK", "RUS"),
        "description": "The two states conduct joint military exercises.",
        "areas": frozenset({"security.defense.exercises"}),
        "status": "ongoing",
    }
    fields.update(changes)
    return Activity(**fields)


def test_an_activity_keeps_its_fields() -> None:
    activity = exercises(when=Period.parse("2016/.."))
    assert activity.parties == ("PAK", "RUS")
    assert str(activity.when) == "2016/.."
    assert from_json(to_json(activity), Activity) == activity
    assert to_json(activity).startswith('{"kind":"activity",')


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        ({"parties": ("PAK",)}, "$.parties", "needs at least 2 items, got 1"),
        ({"parties": ("PAK", "PAK")}, "$.parties", "lists 'PAK' more than once"),
        ({"parties": ("PAK", "RUSS")}, "$.parties[1]", "unknown state code 'RUSS'"),
        ({"areas": frozenset()}, "$.areas", "needs at least 1 item, got 0"),
        ({"areas": frozenset({"defence"})}, "$.areas[0]", "unknown cooperation area 'defence'"),
        ({"description": ""}, "$.description", "must not be empty"),
        ({"status": "finished"}, "$.status", "unknown event status 'finished'"),
        ({"when": 2016}, "$.when", "expected a PartialDate or a Period or null"),
    ],
)
def test_bad_activities_are_refused(changes: dict[str, Any], path: str, message: str) -> None:
    assert_only_problem(lambda: exercises(**changes), path, message)


def test_evolve_checks_an_activity_again() -> None:
    with pytest.raises(ValidationError):
        attrs.evolve(exercises(), parties=("PAK",))


def test_a_dossier_checks_an_activitys_references() -> None:
    activity = exercises(parties=("PAK", "nato"), sources=("nowhere",))
    with pytest.raises(ValidationError) as err:
        samarkand_dossier(activities=(activity,))
    assert err.value.problems == (
        ("$.activities[0].parties[1]", "no organization has the id 'nato'"),
        ("$.activities[0].sources[0]", "no source has the id 'nowhere'"),
    )


def test_a_dossier_checks_an_activitys_evidence_and_lists_it_among_events() -> None:
    activity = exercises(sources=(SOURCE_ID,), evidence=(cite("signed an MoU"),))
    dossier = samarkand_dossier(activities=(activity,))
    assert dossier.get("pak-rus-exercises") == activity
    assert dossier.events()[-1] == activity  # undated events come last
    assert from_json(to_json(dossier), Dossier) == dossier


def test_a_done_activity_is_not_dated_after_its_source() -> None:
    activity = exercises(status="done", when=Period.parse("2024/.."), sources=(SOURCE_ID,))
    with pytest.raises(ValidationError) as err:
        samarkand_dossier(activities=(activity,))
    ((path, message),) = err.value.problems
    assert path == "$.activities[0]"
    assert message.startswith(f"reported as done by {SOURCE_ID!r}")
