"""Regenerate the JSON-LD context shipped as ``src/diplomod/context.jsonld`` from the code.

Run after adding or renaming a field: ``python scripts/generate_context.py``. A test fails
while the committed file differs from what this writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from diplomod.jsonld import context_text

OUT = Path(__file__).resolve().parent.parent / "src" / "diplomod" / "context.jsonld"


def main() -> int:
    OUT.write_text(context_text(), encoding="utf-8", newline="\n")
    print(f"wrote {OUT.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
