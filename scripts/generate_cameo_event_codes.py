"""Regenerate ``src/diplomod/codelists/cameo_event_codes.csv`` from the vendored CAMEO table.

The CAMEO event codes and their Goldstein scores are data, not code: this script is the
only thing that writes the codelist. It reads ``scripts/sources/icews-r-package/
cameo-codes.csv``, a byte-for-byte copy of ``data-raw/cameo-codes.csv`` from the ``icews`` R
package (MIT licence, kept beside it as ``LICENSE.md``), which tabulates the CAMEO codebook's
event codes with the Goldstein score of each. The copy is encoded in Mac OS Roman, as it was
published. Run it after replacing the vendored file::

    python scripts/generate_cameo_event_codes.py

Columns:

- ``code``: the event code as text, with its leading zeros (``0311``, ``057``).
- ``title``: its name in the codebook.
- ``root``: its two-digit root code, the first two digits.
- ``quad_class``: the root's quad class, as GDELT numbers them: 1 verbal cooperation
  (roots 01 to 05), 2 material cooperation (06 to 08), 3 verbal conflict (09 to 13),
  4 material conflict (14 to 20).
- ``goldstein``: the Goldstein score, from -10 (most conflictual) to 10 (most cooperative),
  with one decimal.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "scripts" / "sources" / "icews-r-package" / "cameo-codes.csv"
OUT = ROOT / "src" / "diplomod" / "codelists" / "cameo_event_codes.csv"

HEADER = ("code", "title", "root", "quad_class", "goldstein")

QUAD_CLASSES = ((5, "1"), (8, "2"), (13, "3"), (20, "4"))
"""The last root of each quad class, and its number."""


def quad_class(root: str) -> str:
    """Return the quad class of a two-digit *root* code."""
    number = int(root)
    for last, quad in QUAD_CLASSES:
        if 1 <= number <= last:
            return quad
    raise ValueError(f"{root!r} is not a CAMEO root code")


def rows(source: Path = SOURCE) -> list[tuple[str, str, str, str, str]]:
    """Return the codelist rows in the source's order (the codebook's)."""
    out: list[tuple[str, str, str, str, str]] = []
    for row in csv.DictReader(io.StringIO(source.read_bytes().decode("mac_roman"))):
        code, root = row["code"], row["root_code"]
        if not (code.isdigit() and 2 <= len(code) <= 4 and code[:2] == root):
            raise ValueError(f"unexpected CAMEO code {code!r} under root {root!r}")
        goldstein = float(row["goldstein"])
        if not -10 <= goldstein <= 10:
            raise ValueError(f"{code}: Goldstein score {goldstein} outside -10 to 10")
        out.append((code, row["name"].strip(), root, quad_class(root), f"{goldstein:.1f}"))
    return out


def text() -> str:
    """Return the codelist as the CSV text this script writes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows())
    return buffer.getvalue()


def main() -> int:
    OUT.write_text(text(), encoding="utf-8", newline="")
    print(f"wrote {OUT.name}: {len(rows())} CAMEO event codes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
