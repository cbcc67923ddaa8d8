"""Regenerate ``src/diplomod/codelists/states.csv`` from pycountry.

The state codelist is data, not code: this script is the only thing that writes it.
Run it after upgrading the pinned pycountry (``pip install -e '.[codelists]'``)::

    python scripts/generate_states.py

Rows:

- ``assigned``: every ISO 3166-1 alpha-3 code pycountry lists as current.
- ``withdrawn``: the alpha-3 codes of former states from ISO 3166-3 (the Soviet Union,
  Yugoslavia, ...), with their withdrawal date, so historical records stay expressible.
- ``user-assigned``: actors widely recorded with a code from ISO's user-assigned range
  (``XKX`` for Kosovo, as the European Commission and the IMF write it). They are listed in
  ``USER_ASSIGNED`` below, each with the reason it is here.

``alpha_2`` gives the ISO 3166-1 alpha-2 code beside the alpha-3 one: every assigned state
has one; a user-assigned actor has the one listed for it (``XK`` for Kosovo, as the
European Commission writes it); a withdrawn state has none, as the two letters it once had
may since name another state (``BY`` was the Byelorussian SSR's and is Belarus's).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent.parent / "src" / "diplomod" / "codelists" / "states.csv"

# code -> (alpha-2 code, name, common name, reason); the reason is documentation for this
# file only.
USER_ASSIGNED: dict[str, tuple[str, str, str, str]] = {
    "XKX": (
        "XK",
        "Kosovo",
        "Kosovo",
        "no ISO 3166-1 code; XK/XKX is the user-assigned code used by the EU and the IMF",
    ),
}

HEADER = ("code", "name", "common_name", "status", "withdrawn", "alpha_2")

Row = tuple[str, str, str, str, str, str]


def rows() -> list[Row]:
    """Return the codelist rows, sorted by code."""
    out: dict[str, Row] = {}
    for country in pycountry.countries:
        common = getattr(country, "common_name", "") or country.name
        out[country.alpha_3] = (
            country.alpha_3, country.name, common, "assigned", "", country.alpha_2
        )  # fmt: skip
    for former in pycountry.historic_countries:
        if former.alpha_3 in out:  # a current assignment wins over a withdrawn one
            continue
        withdrawn = getattr(former, "withdrawal_date", "")
        out[former.alpha_3] = (
            former.alpha_3, former.name, former.name, "withdrawn", withdrawn, ""
        )  # fmt: skip
    for code, (alpha_2, name, common, _reason) in USER_ASSIGNED.items():
        if code in out:
            raise SystemExit(f"{code} is now assigned by ISO; drop it from USER_ASSIGNED")
        out[code] = (code, name, common, "user-assigned", "", alpha_2)
    return [out[code] for code in sorted(out)]


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows())
    print(f"wrote {OUT.name}: {len(rows())} states (pycountry {pycountry.__version__})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
