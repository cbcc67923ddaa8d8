"""The worked example: the Samarkand article and its dossier."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource

from diplomod import (
    Agreement,
    Dossier,
    Evidence,
    Meeting,
    Organization,
    from_json,
    to_dict,
    to_json,
)
from diplomod.examples import samarkand_2023, samarkand_2023_article, samarkand_2023_json

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_SHA256 = "59635578a221394b0ea8f37d784eb21a66b3b41b2aa9ecc4829b82fbd4692fd8"


def builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_samarkand", ROOT / "scripts" / "build_samarkand.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def all_evidence(dossier: Dossier) -> list[Evidence]:
    found: list[Evidence] = []
    for record in (*dossier.people, *dossier.organizations, *dossier.events()):
        found.extend(record.evidence)
        if isinstance(record, Meeting):
            for statement in record.statements:
                found.extend(statement.evidence)
    return found


def article_bytes() -> bytes:
    return resources.files("diplomod").joinpath("examples", "samarkand_2023.txt").read_bytes()


def test_the_article_ships_byte_for_byte() -> None:
    data = article_bytes()
    assert hashlib.sha256(data).hexdigest() == ARTICLE_SHA256
    text = data.decode("utf-8")
    assert "Afghanistan\u2019s" in text  # typographic apostrophes kept
    assert "\u00a0" in text  # and the non-breaking spaces
    assert samarkand_2023_article() == text


def test_the_shipped_json_is_what_the_builder_writes() -> None:
    built = builder().build()
    assert samarkand_2023_json() == to_json(built, indent=2) + "\n", (
        "the shipped example is stale: run python scripts/build_samarkand.py"
    )
    assert samarkand_2023() == built


def test_the_example_round_trips_exactly() -> None:
    dossier = samarkand_2023()
    assert from_json(to_json(dossier), Dossier) == dossier
    assert to_json(from_json(samarkand_2023_json(), Dossier), indent=2) + "\n" == (
        samarkand_2023_json()
    )


def test_the_example_validates_against_the_shipped_schema() -> None:
    folder = resources.files("diplomod").joinpath("schemas")
    schemas = {
        name: json.loads(folder.joinpath(name).read_text("utf-8"))
        for name in (
            "dossier.json",
            "common.json",
            "meeting.json",
            "agreement.json",
            "activity.json",
            "organization.json",
            "person.json",
            "source.json",
            "cooperation-area.json",
            "event.json",
        )
    }
    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas.values()
    )
    validator = jsonschema.Draft202012Validator(
        schemas["dossier.json"],
        registry=registry,
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    assert [error.message for error in validator.iter_errors(to_dict(samarkand_2023()))] == []


def test_every_quote_is_the_article_at_its_offsets() -> None:
    dossier = samarkand_2023()
    text = samarkand_2023_article()
    evidence = all_evidence(dossier)
    assert len(evidence) >= 20
    for item in evidence:
        assert item.source == "tdi-2023-04-14-khar-lavrov"
        assert text[item.start : item.end] == item.quote


def test_every_claim_from_the_article_carries_evidence() -> None:
    dossier = samarkand_2023()
    for record in (*dossier.people, *dossier.organizations, *dossier.events()):
        assert record.evidence, record.id
    for meeting in dossier.meetings:
        for statement in meeting.statements:
            assert statement.evidence, statement.substance


def test_the_also_read_line_is_not_modeled() -> None:
    text = samarkand_2023_article()
    start = text.index("Also Read:")
    end = text.index("\n", start)
    for item in all_evidence(samarkand_2023()):
        assert item.end <= start or item.start >= end


def test_facts_the_article_does_not_give_carry_their_own_sources() -> None:
    dossier = samarkand_2023()
    sco = dossier.get("sco")
    assert isinstance(sco, Organization)
    article_id = "tdi-2023-04-14-khar-lavrov"
    assert str(sco.founded) == "2001-06-15"
    assert set(sco.sources) - {article_id}  # the founding date's source
    for membership in sco.memberships:
        assert membership.sources
        assert article_id not in membership.sources
        for source_id in membership.sources:
            assert dossier.get(source_id) is not None


def test_the_headline_meeting() -> None:
    dossier = samarkand_2023()
    meeting = dossier.get("meeting-2023-04-14-khar-lavrov")
    assert isinstance(meeting, Meeting)
    assert str(meeting.when) == "2023-04-14"
    assert meeting.when.precision == "day"  # type: ignore[union-attr]
    assert [(p.person, p.represents) for p in meeting.participants] == [
        ("hina-rabbani-khar", "PAK"),
        ("sergey-lavrov", "RUS"),
    ]
    assert meeting.where is not None
    assert meeting.where.country == "UZB"
    assert meeting.occasion is not None
    assert meeting.occasion.relation == "sidelines_of"
    stances = [statement.stance for statement in meeting.statements]
    assert stances == [
        "studied",
        "stressed",
        "agreed",
        "evaluated",
        "examined",
        "agreed",
        "examined",
        "stressed",
        "committed",
        "agreed",
    ]
    assert meeting.statements[-1].status == "planned"
    for area in (
        "economy.trade",
        "economy.investment",
        "culture",
        "energy",
        "economy.food_security",
        "security.counterterrorism",
        "security.extremism",
        "security.drug_trafficking",
    ):
        assert area in meeting.areas


def test_the_2021_memorandum_keeps_year_precision() -> None:
    mou = samarkand_2023().get("mou-2021-north-south-gas-pipeline")
    assert isinstance(mou, Agreement)
    assert str(mou.concluded) == "2021"
    assert mou.instrument == "memorandum_of_understanding"
    assert mou.projects == ("North-South gas pipeline",)
    assert {"energy.pipelines", "energy.lng"} <= mou.areas


def test_the_dossier_answers_questions_about_the_article() -> None:
    dossier = samarkand_2023()
    assert [m.id for m in dossier.meetings_involving("PAK")] == [
        "afghanistan-neighbours-summit-4",
        "meeting-2023-04-14-khar-lavrov",
    ]
    assert [a.id for a in dossier.agreements_concerning("energy")] == [
        "mou-2021-north-south-gas-pipeline"
    ]
    assert [a.id for a in dossier.agreements_concerning("security")] == [
        "pakistan-russia-defense-agreements"
    ]


@pytest.mark.skipif(
    not (ROOT.parent / "shared" / "seeds").is_dir(), reason="the original article is not beside"
)
def test_the_article_is_the_original() -> None:
    original = ROOT.parent / "shared" / "seeds" / "000_6063b065fd1c8585.txt"
    assert original.read_bytes() == article_bytes()
