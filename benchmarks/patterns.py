"""How the time to check hostile text grows with its length, for every pattern.

Runs each field pattern (in Python, and as the schemas ship it, with `re.search` as Python
JSON Schema validators do) and `read_date` on inputs of 2,000 and 16,000 characters built to
make a backtracking engine try many ways, and prints how much longer the long input takes.
Eight times the length should take about eight times as long; the script exits with 1 if
any growth is above 30 (quadratic growth would be about 64).

    python benchmarks/patterns.py
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable
from importlib.resources import files

from diplomod import ValidationError
from diplomod._rules import ID_PATTERN, URL_PATTERN, FullText, Text
from diplomod.dates import PARTIAL_DATE_PATTERN, PERIOD_PATTERN, read_date

SHORT, LONG = 2_000, 16_000
LIMIT = 30.0

Hostile = Callable[[int], str]
"""Builds a hostile input of about the given length."""

HOSTILE: dict[str, Hostile] = {
    "url": lambda n: "http://" + "a" * n + " ",
    "url-slashes": lambda n: "http://a" + "/" * n + "\x00",
    "id": lambda n: "a-" * (n // 2) + "!",
    "label": lambda n: "a" + " " * n + "\x00",
    "label-words": lambda n: "ab " * (n // 3) + " ",
    "prose-lines": lambda n: "a\n" * (n // 2) + "\n",
    "document": lambda n: "a" * n + "\ud800",
    "date": lambda n: "2023" + "-" * n,
    "period": lambda n: "2023/" * (n // 5),
    "tag": lambda n: "en" + "-abcde" * (n // 6) + "-!",
}


def schema_patterns() -> dict[str, str]:
    """The patterns of the shipped schemas, by the name of their definition."""
    common = json.loads((files("diplomod") / "schemas" / "common.json").read_text("utf-8"))
    found = {}
    for name, definition in common["$defs"].items():
        for node in (definition, *definition.get("anyOf", [])):
            if "pattern" in node:
                found[name] = node["pattern"]
    return found


def cases() -> list[tuple[str, Callable[[str], object], Hostile]]:
    """Each check to time, with the hostile input for it."""
    shipped = schema_patterns()

    def search(pattern: str) -> Callable[[str], object]:
        compiled = re.compile(pattern)
        return compiled.search

    def fullmatch(pattern: str) -> Callable[[str], object]:
        return re.compile(pattern.removeprefix("^").removesuffix("$")).fullmatch

    def reading(text: str) -> object:
        try:
            return read_date(text)
        except ValidationError:
            return None

    found: list[tuple[str, Callable[[str], object], Hostile]] = [
        ("Source.url (Python)", fullmatch(URL_PATTERN), HOSTILE["url"]),
        ("Source.url (Python, slashes)", fullmatch(URL_PATTERN), HOSTILE["url-slashes"]),
        ("Id (Python)", fullmatch(ID_PATTERN), HOSTILE["id"]),
        ("Label (Python)", Text().check, HOSTILE["label"]),
        ("Prose (Python)", Text(multiline=True).check, HOSTILE["prose-lines"]),
        ("Document (Python)", FullText().check, HOSTILE["document"]),
        ("PartialDate (Python)", fullmatch(PARTIAL_DATE_PATTERN), HOSTILE["date"]),
        ("Period (Python)", fullmatch(PERIOD_PATTERN), HOSTILE["period"]),
        ("read_date, letters", reading, lambda n: "a" * n),
        ("read_date, month names", reading, lambda n: "jan" * (n // 3) + " 14 April 2023"),
        ("read_date, words", reading, lambda n: "a1 " * (n // 3)),
    ]
    inputs = {
        "Label": ["label", "label-words"],
        "Prose": ["label", "prose-lines"],
        "Document": ["document"],
        "PartialDate": ["date"],
        "Period": ["period"],
        "LanguageTag": ["tag"],
        "CooperationAreaCode": ["id"],
    }
    for name, pattern in sorted(shipped.items()):
        for hostile in inputs.get(name, ["id", "url"]):
            found.append((f"{name} (schema, {hostile})", search(pattern), HOSTILE[hostile]))
    for prop, hostile in (("url", "url"), ("id", "id"), ("text", "document"), ("language", "tag")):
        pattern = _property_pattern(prop)
        found.append((f"Source.{prop} (schema)", search(pattern), HOSTILE[hostile]))
    return found


def _property_pattern(name: str) -> str:
    """The pattern a record's property of that name has in its schema file."""
    schema = json.loads((files("diplomod") / "schemas" / "source.json").read_text("utf-8"))
    prop = schema["properties"][name]
    return str(next(arm for arm in prop.get("anyOf", [prop]) if "pattern" in arm)["pattern"])


def seconds(check: Callable[[str], object], text: str) -> float:
    """The best of three timings of *check* on *text*."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        check(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    slow = []
    print(f"{'check':<48} {SHORT:>8,} {LONG:>8,}  growth")
    for name, check, hostile in cases():
        short, long = seconds(check, hostile(SHORT)), seconds(check, hostile(LONG))
        growth = long / max(short, 1e-7)
        print(f"{name:<48} {short * 1e3:7.2f}ms {long * 1e3:7.2f}ms  {growth:5.1f}x")
        if growth > LIMIT and long > 1e-3:  # below a millisecond, noise decides
            slow.append(name)
    if slow:
        print(f"superlinear: {', '.join(slow)}")
        return 1
    print(f"every check grows less than {LIMIT:g} times for {LONG // SHORT} times the length")
    return 0


if __name__ == "__main__":
    sys.exit(main())
