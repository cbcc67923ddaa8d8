"""Regenerate the JSON Schemas shipped in ``src/diplomod/schemas`` from the code.

Run after changing a class, a rule or a codelist: ``python scripts/generate_schemas.py``.
A test fails while the committed files differ from what this writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from diplomod._schema import write_schemas

OUT = Path(__file__).resolve().parent.parent / "src" / "diplomod" / "schemas"


def main() -> int:
    for path in write_schemas(OUT):
        print(f"wrote {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
