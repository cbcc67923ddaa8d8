"""Check that the peers accept and refuse what diplomod accepts and refuses.

Each probe changes one thing in a valid meeting or agreement (modelled on the worked
example) and asks diplomod, the pydantic models and the msgspec Structs whether the record
is valid. The benchmarks only compare like with like if all three always answer alike.

    python benchmarks/check_peers.py
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Callable
from typing import Any

import msgspec
import orjson
import pydantic
from peers import msgspec_models, pydantic_models

import diplomod

Record = dict[str, Any]

MEETING: Record = {
    "kind": "meeting",
    "id": "meeting-2023-04-14-khar-lavrov",
    "when": "2023-04-14",
    "participants": [
        {"represents": "PAK", "person": "hina-rabbani-khar", "office": "Minister of State"},
        {"represents": "RUS", "person": "sergey-lavrov", "office": "Foreign Minister"},
    ],
    "formats": ["bilateral", "third_location"],
    "where": {"name": "Samarkand", "country": "UZB"},
    "occasion": {"relation": "sidelines_of", "event": "afghanistan-neighbours-summit-4"},
    "areas": ["economy.trade", "energy"],
    "statements": [
        {
            "by": ["PAK", "RUS"],
            "stance": "stressed",
            "substance": "High-level exchanges are needed.",
            "areas": ["economy.trade"],
            "evidence": [
                {
                    "source": "tdi-2023-04-14",
                    "quote": "They stressed the necessity of high-level exchanges.",
                    "start": 316,
                    "end": 368,
                }
            ],
        }
    ],
    "sources": ["tdi-2023-04-14"],
}

AGREEMENT: Record = {
    "kind": "agreement",
    "id": "mou-2021-north-south-gas-pipeline",
    "title": "Memorandum of understanding on the North-South gas pipeline",
    "instrument": "memorandum_of_understanding",
    "parties": ["PAK", "RUS"],
    "concluded": "2021-05-28",
    "events": [
        {"action": "signed", "party": "PAK", "date": "2021-05-28"},
        {"action": "signed", "party": "RUS", "date": "2021-05-28"},
        {"action": "ratified", "party": "RUS", "date": "2021-11"},
    ],
    "areas": ["energy.lng", "energy.pipelines"],
    "sources": ["tdi-2023-04-14"],
}

Change = Callable[[Record], object]


def _set(path: str, value: Any) -> Change:
    """A change that sets the value at *path*, written ``statements.0.by``."""

    def change(record: Record) -> None:
        *parents, last = path.split(".")
        target: Any = record
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value

    return change


def _append(key: str, item: Any) -> Change:
    return lambda record: record[key].append(item)


def _duplicate(key: str) -> Change:
    return lambda record: record[key].append(copy.deepcopy(record[key][0]))


# (what the probe does, the record it starts from, the change, whether diplomod accepts it)
PROBES: list[tuple[str, Record, Change, bool]] = [
    ("the meeting as it is", MEETING, lambda r: None, True),
    ("the agreement as it is", AGREEMENT, lambda r: None, True),
    (
        "bilateral with three parties",
        MEETING,
        _append("participants", {"represents": "CHN"}),
        False,
    ),
    ("multilateral with two parties", MEETING, _set("formats", ["multilateral"]), False),
    ("bilateral and multilateral", MEETING, _set("formats", ["bilateral", "multilateral"]), False),
    ("a call with a place", MEETING, _set("formats", ["bilateral", "phone_call"]), False),
    ("hosted with no host", MEETING, _set("formats", ["bilateral", "hosted"]), False),
    ("third location in a party", MEETING, _set("where.country", "PAK"), False),
    ("a speaker who is not there", MEETING, _set("statements.0.by", ["CHN"]), False),
    ("a speaker listed twice", MEETING, _set("statements.0.by", ["PAK", "PAK"]), False),
    ("a person as speaker", MEETING, _set("statements.0.by", ["sergey-lavrov"]), True),
    ("a participant listed twice", MEETING, _duplicate("participants"), False),
    (
        "one person for two parties",
        MEETING,
        _append("participants", {"represents": "CHN", "person": "sergey-lavrov"}),
        False,
    ),
    ("only one party", MEETING, _set("participants.1.represents", "PAK"), False),
    ("its own occasion", MEETING, _set("occasion.event", MEETING["id"]), False),
    ("a period", MEETING, _set("when", "2023-04-13/2023-04-14"), True),
    ("a period ending before it starts", MEETING, _set("when", "2023-04-14/2023-04-13"), False),
    ("a period open at both ends", MEETING, _set("when", "../.."), False),
    ("a period open at the end", MEETING, _set("when", "2023-04-14/.."), True),
    ("a period whose end is not known", MEETING, _set("when", "2023-04-14/"), True),
    ("a period whose start is not known", MEETING, _set("when", "/2023-04-14"), True),
    ("a period with no date", MEETING, _set("when", "/.."), False),
    ("29 February 2023", MEETING, _set("when", "2023-02-29"), False),
    ("29 February 2024", MEETING, _set("when", "2024-02-29"), True),
    ("a date at month precision, uncertain", MEETING, _set("when", "2023-04?"), True),
    ("year 0000", MEETING, _set("when", "0000"), False),
    ("a date in words", MEETING, _set("when", "14 April 2023"), False),
    ("a date as a number", MEETING, _set("when", 2023), False),
    ("evidence end off by one", MEETING, _set("statements.0.evidence.0.end", 369), False),
    ("a negative offset", MEETING, _set("statements.0.evidence.0.start", -1), False),
    ("an offset as a boolean", MEETING, _set("statements.0.evidence.0.start", True), False),
    ("an offset as text", MEETING, _set("statements.0.evidence.0.start", "316"), False),
    ("an area listed twice", MEETING, _set("areas", ["energy", "energy"]), False),
    ("a format listed twice", MEETING, _set("formats", ["bilateral", "bilateral"]), False),
    ("an extension area", MEETING, _set("areas", ["acme:fisheries.quotas"]), True),
    ("a badly namespaced area", MEETING, _set("areas", ["Acme:fisheries"]), False),
    ("an unknown area", MEETING, _set("areas", ["economy.trad"]), False),
    ("an unknown stance", MEETING, _set("statements.0.stance", "agred"), False),
    ("an unknown role", MEETING, _set("participants.0.role", "hots"), False),
    ("an unknown state", MEETING, _set("where.country", "UZBK"), False),
    ("a withdrawn state code", MEETING, _set("where.country", "SUN"), True),
    ("an organization as a party", MEETING, _set("participants.1.represents", "sco"), False),
    ("a title ending in a space", MEETING, _set("title", "Summit "), False),
    ("a title ending in a no-break space", MEETING, _set("title", "Summit\u00a0"), False),
    ("a title starting with a BOM", MEETING, _set("title", "\ufeffSummit"), False),
    ("a title with a line break", MEETING, _set("title", "Sum\nmit"), False),
    ("an empty title", MEETING, _set("title", ""), False),
    ("a title in Urdu", MEETING, _set("title", "پاکستان اسٹریٹجک ڈائیلاگ"), True),
    ("a tab inside a substance", MEETING, _set("statements.0.substance", "A\tB."), True),
    ("a vertical tab inside", MEETING, _set("statements.0.substance", "A\x0bB."), False),
    ("a C1 control inside", MEETING, _set("statements.0.substance", "A\x85B."), False),
    ("an id in capitals", MEETING, _set("id", "Meeting-1"), False),
    ("an id ending in a newline", MEETING, _set("id", "meeting-1\n"), False),
    (
        "a latitude of 91",
        MEETING,
        _set("where.coordinates", {"latitude": 91.0, "longitude": 0.0}),
        False,
    ),
    (
        "a whole-number latitude",
        MEETING,
        _set("where.coordinates", {"latitude": 41, "longitude": 0.5}),
        True,
    ),
    ("GeoNames id 0", MEETING, _set("where.geonames_id", 0), False),
    ("no kind", MEETING, lambda r: r.pop("kind"), False),
    ("the wrong kind", MEETING, _set("kind", "agreement"), False),
    ("no formats", MEETING, _set("formats", []), False),
    ("one participant", MEETING, lambda r: r["participants"].pop(), False),
    ("a source listed twice", MEETING, _set("sources", ["s", "s"]), False),
    ("a null title", MEETING, _set("title", None), True),
    ("an unknown key", MEETING, _set("venue", "Samarkand"), False),
    ("an unknown nested key", MEETING, _set("where.city", "Samarkand"), False),
    ("ratified before signing", AGREEMENT, _set("events.2.date", "2020"), False),
    ("ratified in the month of signing", AGREEMENT, _set("events.2.date", "2021-05"), True),
    (
        "in force before concluded",
        AGREEMENT,
        _append("events", {"action": "entered_into_force", "party": "PAK", "date": "2020"}),
        False,
    ),
    ("an action taken twice", AGREEMENT, _duplicate("events"), False),
    (
        "an event of a non-party",
        AGREEMENT,
        _append("events", {"action": "ratified", "party": "CHN", "date": "2022"}),
        False,
    ),
    (
        "a signatory of a non-party",
        AGREEMENT,
        _set("signatories", [{"person": "a-b", "on_behalf_of": "CHN"}]),
        False,
    ),
    (
        "a signatory listed twice",
        AGREEMENT,
        _set("signatories", [{"person": "a-b", "on_behalf_of": "PAK"}] * 2),
        False,
    ),
    ("a party listed twice", AGREEMENT, _set("parties", ["PAK", "RUS", "PAK"]), False),
    ("a project listed twice", AGREEMENT, _set("projects", ["X", "X"]), False),
    ("an unknown instrument", AGREEMENT, _set("instrument", "memorandum"), False),
    ("day 31 of April", AGREEMENT, _set("concluded", "2021-04-31"), False),
    ("a qualified date", AGREEMENT, _set("concluded", "2021-05-28%"), True),
    ("a party in lower case", AGREEMENT, _set("parties", ["Pak", "RUS"]), False),
    ("an unknown status", AGREEMENT, _set("status", "complete"), False),
]


def verdicts(record: Record) -> dict[str, bool]:
    """Whether diplomod, pydantic and msgspec each accept *record*."""
    data = orjson.dumps(record)
    out: dict[str, bool] = {}
    try:
        diplomod.from_json(data, diplomod.Event)
        out["diplomod"] = True
    except diplomod.ValidationError:
        out["diplomod"] = False
    try:
        pydantic_models.EVENT.validate_json(data)
        out["pydantic"] = True
    except pydantic.ValidationError:
        out["pydantic"] = False
    try:
        msgspec_models.DECODER.decode(data)
        out["msgspec"] = True
    except msgspec.ValidationError:
        out["msgspec"] = False
    return out


def disagreements() -> list[str]:
    """The probes some library answers otherwise than expected; empty when all agree."""
    wrong = []
    for name, base, change, valid in PROBES:
        record = copy.deepcopy(base)
        change(record)
        answers = verdicts(record)
        if any(answer != valid for answer in answers.values()):
            said = ", ".join(
                f"{lib} {'accepts' if ok else 'refuses'}" for lib, ok in answers.items()
            )
            wrong.append(f"{name}: {said}")
    return wrong


def main() -> int:
    wrong = disagreements()
    for line in wrong:
        print(line)
    print(f"{len(PROBES)} probes, {len(wrong)} where a library answers otherwise")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
