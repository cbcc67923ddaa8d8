"""Identifiers in other registers, Wikidata ids and links to the same record elsewhere.

What a user relies on: people, organizations, meetings and agreements carry a Wikidata id,
ids in the registers of the ``identifier_schemes`` codelist and ``same_as`` links, each
checked, each once, and all of them read back from JSON as written.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from conftest import assert_only_problem, gas_pipeline_mou, khar, samarkand_meeting, sco
from diplomod import Identifier, from_json, to_json

UNTC = Identifier(scheme="untc", identifier="I-54113")
RECORDS = {
    "person": khar,
    "organization": sco,
    "meeting": samarkand_meeting,
    "agreement": gas_pipeline_mou,
}


def test_an_identifier_keeps_its_scheme_and_id() -> None:
    assert (UNTC.scheme, UNTC.identifier) == ("untc", "I-54113")


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        ({"scheme": "wikipedia"}, "$.scheme", "unknown identifier scheme 'wikipedia'"),
        (
            {"scheme": "untcc"},
            "$.scheme",
            "unknown identifier scheme 'untcc'; did you mean 'untc'?",
        ),
        ({"identifier": ""}, "$.identifier", "must not be empty"),
        ({"identifier": " I-54113"}, "$.identifier", "must not start or end with white space"),
    ],
)
def test_a_bad_identifier_is_refused(changes: dict[str, Any], path: str, message: str) -> None:
    fields = {"scheme": "untc", "identifier": "I-54113", **changes}
    assert_only_problem(lambda: Identifier(**fields), path, message)


@pytest.mark.parametrize("kind", list(RECORDS))
def test_every_record_with_a_counterpart_carries_its_ids_and_reads_back(kind: str) -> None:
    cls = type(RECORDS[kind]())
    record = RECORDS[kind](
        wikidata="Q42",
        identifiers=(UNTC, Identifier(scheme="viaf", identifier="123")),
        same_as=("https://example.org/dossier.json#x",),
    )
    assert from_json(to_json(record), cls) == record


@pytest.mark.parametrize("kind", list(RECORDS))
@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        ({"wikidata": "42"}, "$.wikidata", "a Wikidata id such as 'Q42'"),
        ({"identifiers": (UNTC, UNTC)}, "$.identifiers", "more than once"),
        ({"same_as": ("not a link",)}, "$.same_as[0]", "an http or https URL"),
        ({"same_as": ("https://a.org/x", "https://a.org/x")}, "$.same_as", "more than once"),
    ],
    ids=["wikidata", "identifier-twice", "same-as-not-a-url", "same-as-twice"],
)
def test_bad_ids_are_refused_on_every_record(
    kind: str, changes: dict[str, Any], path: str, message: str
) -> None:
    assert_only_problem(lambda: RECORDS[kind](**changes), path, message)


def test_ids_at_their_defaults_are_not_written() -> None:
    meeting = samarkand_meeting()
    assert (meeting.wikidata, meeting.identifiers, meeting.same_as) == (None, (), ())
    assert "identifiers" not in to_json(meeting)
    assert "identifiers" in to_json(attrs.evolve(meeting, identifiers=(UNTC,)))
