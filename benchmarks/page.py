"""The sections of ``docs/benchmarks.md`` that scripts other than ``run.py`` write.

``run.py`` writes the page as a whole; ``tables.py`` and ``spark.py`` each own one section,
between the lines ``<!-- begin NAME -->`` and ``<!-- end NAME -->``. Writing a section
replaces it where it stands (or adds it at the end), and ``run.py`` keeps every such
section when it writes the page again.
"""

from __future__ import annotations

import re
from pathlib import Path

PAGE = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"

_SECTION = re.compile(r"<!-- begin (?P<name>[a-z]+) -->\n.*?<!-- end (?P=name) -->\n", re.S)


def sections(text: str | None = None) -> list[str]:
    """Return the owned sections of the page, in order, each with its two marker lines."""
    if text is None:
        text = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
    return [found.group(0) for found in _SECTION.finditer(text)]


def write_section(name: str, markdown: str) -> None:
    """Put *markdown* in the page as the section *name*, replacing what it held."""
    block = f"<!-- begin {name} -->\n{markdown.rstrip()}\n<!-- end {name} -->\n"
    text = PAGE.read_text(encoding="utf-8") if PAGE.exists() else "# Benchmarks\n"
    for found in _SECTION.finditer(text):
        if found.group("name") == name:
            text = text[: found.start()] + block + text[found.end() :]
            break
    else:
        text = text.rstrip("\n") + "\n\n" + block
    PAGE.write_text(text, encoding="utf-8")
