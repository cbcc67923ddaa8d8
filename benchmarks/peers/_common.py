"""What the two peers share: the codelists, the text patterns and the date arithmetic.

The patterns are written without anchors; each peer anchors them as its regex engine needs
(pydantic-core's Rust engine with ``^...$``, msgspec's use of Python's ``re`` with
``^...\\Z``, since Python's ``$`` also matches before a final newline).

Where a regular expression can say a rule, it does, so each peer checks it in its compiled
core; what needs arithmetic (how many days a month has, the order of two dates) is done by
the small Python functions here.
"""

from __future__ import annotations

import calendar
import csv
import datetime
import io
import re
from importlib import resources
from typing import Any


def codelist(name: str) -> tuple[str, ...]:
    """The codes of diplomod's shipped codelist *name*, in file order."""
    text = resources.files("diplomod").joinpath("codelists", f"{name}.csv").read_text("utf-8")
    return tuple(row["code"] for row in csv.DictReader(io.StringIO(text)))


STATES = codelist("states")
AREAS = codelist("cooperation_areas")
STANCES = codelist("stances")
ROLES = codelist("participant_roles")
FORMATS = codelist("meeting_formats")
RELATIONS = codelist("occasion_relations")
STATUSES = codelist("event_statuses")
INSTRUMENTS = codelist("instrument_types")
ACTIONS = codelist("lifecycle_actions")

STATE_SET = frozenset(STATES)
AREA_SET = frozenset(AREAS)

ID = r"[a-z0-9]+(?:[._-][a-z0-9]+)*"
"""A record id: lower-case letters and digits in parts joined by '.', '-' or '_'."""

AREA_NAMESPACED = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*:[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*"
"""An extension cooperation area such as ``acme:fisheries.quotas``."""

_EDGE = r"[^\s\x00-\x1f\x7f-\x9f\uFEFF]"
LABEL = rf"{_EDGE}(?:[^\x00-\x1f\x7f-\x9f]*{_EDGE})?"
"""One line of text: not empty, no white space at either end, no control characters."""

PROSE = rf"{_EDGE}(?:[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*{_EDGE})?"
"""Text that may hold line breaks and tabs inside, but not at either end."""

_YEAR = r"(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
_DATE = rf"{_YEAR}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?[?~%]?"
DATE = _DATE
"""An EDTF date, 0001 to 9999, month 01 to 12, day 01 to 31; the calendar is checked apart."""

WHEN = rf"{_DATE}|(?:\.\.|{_DATE})?/(?:\.\.|{_DATE})?"
"""A date, or a period ``start/end`` where either end may be ``..`` (open) or empty (not
known); `when_problem` asks for a date at one end."""

ID_RE = re.compile(ID)
"""For the peer that checks ids in Python (msgspec cannot put a pattern in a union)."""
AREA_NAMESPACED_RE = re.compile(AREA_NAMESPACED)


def date_problem(text: str) -> str | None:
    """Whether a date the pattern admitted exists: the day must be in its month."""
    if len(text) < 10 or text[8:10] <= "28":
        return None
    year, month, day = int(text[:4]), int(text[5:7]), int(text[8:10])
    last = calendar.monthrange(year, month)[1]
    if day > last:
        return f"{calendar.month_name[month]} {year} has {last} days, not {day}"
    return None


def when_problem(text: str) -> str | None:
    """Whether a date or period the pattern admitted exists and runs forward."""
    if "/" not in text:
        return date_problem(text)
    start, end = text.split("/")
    if start in ("..", "") and end in ("..", ""):
        return "a period needs a start or an end date"
    for part in (start, end):
        if part not in ("..", ""):
            problem = date_problem(part)
            if problem is not None:
                return problem
    if start not in ("..", "") and end not in ("..", "") and latest(end) < earliest(start):
        return f"{end} is before the start {start}"
    return None


def earliest(text: str) -> datetime.date:
    """The first day an EDTF date could be."""
    year = int(text[:4])
    month = int(text[5:7]) if len(text) >= 7 and text[4] == "-" else 1
    day = int(text[8:10]) if len(text) >= 10 and text[7] == "-" else 1
    return datetime.date(year, month, day)


def latest(text: str) -> datetime.date:
    """The last day an EDTF date could be."""
    year = int(text[:4])
    if len(text) < 7 or text[4] != "-":
        return datetime.date(year, 12, 31)
    month = int(text[5:7])
    if len(text) < 10 or text[7] != "-":
        return datetime.date(year, month, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, int(text[8:10]))


CALLS = frozenset({"phone_call", "video_call"})
AFTER_SIGNATURE = frozenset({"ratified", "entered_into_force", "withdrawn", "terminated"})


def format_problems(
    formats: frozenset[str], parties: frozenset[str], country: str | None, has_host: bool
) -> list[str]:
    """The meeting rules on formats, as diplomod states them."""
    problems: list[str] = []
    calls = formats & CALLS
    if calls and country is not None:
        problems.append(f"a {min(calls)} has no place")
    if calls and formats & {"visit", "hosted", "third_location"}:
        problems.append("a call cannot also be a visit, hosted or at a third location")
    if "bilateral" in formats and "multilateral" in formats:
        problems.append("cannot be both bilateral and multilateral")
    elif "bilateral" in formats and len(parties) != 2:
        problems.append(f"bilateral, but {len(parties)} parties take part")
    elif "multilateral" in formats and len(parties) < 3:
        problems.append(f"multilateral, but only {len(parties)} parties take part")
    if "third_location" in formats and country is not None and country in parties:
        problems.append(f"at a third location, but {country} takes part")
    if "hosted" in formats and not has_host:
        problems.append("the meeting is hosted, but no participant has the role 'host'")
    return problems


def meeting_problems(
    id: str,
    participants: Any,
    formats: Any,
    where: Any,
    statements: Any,
    occasion: Any,
) -> list[str]:
    """The meeting rules both peers check, as diplomod's Meeting does."""
    problems: list[str] = []
    people: set[str] = set()
    for i, participant in enumerate(participants):
        if participant in participants[:i]:
            problems.append(f"participants[{i}] repeats an earlier participant")
        elif participant.person is not None:
            if participant.person in people:
                problems.append(f"participants[{i}]: {participant.person!r} is listed twice")
            people.add(participant.person)
    parties = frozenset(p.represents for p in participants)
    if len(parties) < 2:
        problems.append("needs at least two distinct parties")
    problems += format_problems(
        formats,
        parties,
        None if where is None else where.country,
        any(p.role == "host" for p in participants),
    )
    speakers = parties | people
    problems += [
        f"statements[{i}]: {who!r} does not take part in the meeting"
        for i, statement in enumerate(statements)
        for who in statement.by
        if who not in speakers
    ]
    if occasion is not None and occasion.event == id:
        problems.append("a meeting cannot be its own occasion")
    return problems


def agreement_problems(
    parties: Any, signatories: Any, events: Any, concluded: str | None
) -> list[str]:
    """The agreement rules both peers check: parties of signatories and events, each
    action once a party, nothing after signature before it, no force before conclusion."""
    problems = [
        f"signatories[{i}]: {s.on_behalf_of!r} is not a party"
        for i, s in enumerate(signatories)
        if s.on_behalf_of not in parties
    ]
    signed: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    for i, event in enumerate(events):
        if event.party not in parties:
            problems.append(f"events[{i}]: {event.party!r} is not a party")
        key = (event.party, event.action)
        if key in seen:
            problems.append(f"events[{i}]: {event.party} is already {event.action}")
        seen.add(key)
        if event.action == "signed":
            signed.setdefault(event.party, event.date)
    for i, event in enumerate(events):
        first = signed.get(event.party)
        if (
            event.action in AFTER_SIGNATURE
            and first is not None
            and latest(event.date) < earliest(first)
        ):
            problems.append(f"events[{i}]: {event.action} before it signed")
        if (
            event.action == "entered_into_force"
            and concluded is not None
            and latest(event.date) < earliest(concluded)
        ):
            problems.append(f"events[{i}]: in force before it was concluded")
    return problems


def repeats(items: tuple[object, ...]) -> bool:
    """Whether some item of *items* is listed twice."""
    return len(set(items)) != len(items)
