"""Regenerate the PLOVER codelists from the PLOVER manual's tables.

The codelists are data, not code: this script is the only thing that writes them. It reads
``scripts/plover/PLOVER_MANUAL-excerpt.tex``, an unchanged excerpt of the manual's LaTeX
source at the commit named in ``src/diplomod/codelists/sources.json`` (CC BY-SA 4.0, by the
Open Event Data Alliance), and writes::

    plover_contexts.csv     the general contexts, with the 0.8 codes each one replaces
    plover_event_types.csv  the event categories, their quad category and recipient rule
    plover_modes.csv        the modes, each with the event category it belongs to

Run it after replacing the excerpt with the same parts of a newer manual::

    python scripts/generate_plover.py [--manual PATH]

``--manual`` reads a whole ``PLOVER_MANUAL.tex`` instead of the excerpt. Contexts and modes
take their descriptions from the manual's tables; the event categories' one-line
descriptions are written below, since the manual describes each in paragraphs.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXCERPT = ROOT / "scripts" / "plover" / "PLOVER_MANUAL-excerpt.tex"
OUT = ROOT / "src" / "diplomod" / "codelists"

OLD_CONTEXTS = (
    *("asylum", "cbrn", "corruption", "crime", "cyber", "diplomatic", "disease", "economic"),
    *("election", "enviro_disaster", "executive", "gender", "human_rights", "human_security"),
    *("humanitarian", "illegal_drugs", "intelligence", "legal", "legislative", "lgbt"),
    *("migration", "military", "peacekeeping", "political_institutions", "religion_ethnicity"),
    *("resource", "rights_freedoms", "terrorism"),
)
"""The contexts of PLOVER 0.8, which diplomod shipped before following the current manual."""

REPLACES: dict[str, str] = {
    # The 0.8 'disease' context is the current 'health': public health and epidemics.
    "health": "disease",
    # 'enviro_disaster' was split into 'environment' and 'disasters'; the environment
    # context codes environmental disasters too, so a 0.8 code is read as it.
    "environment": "enviro_disaster",
    # 'humanitarian' was dropped (manual commit 7c46c11, October 2021); humanitarian aid is
    # an AID event. Its nearest context is 'human_security': access to food, water,
    # housing and the efforts that secure it.
    "human_security": "humanitarian",
    "natural_resource": "resource",
}
"""For a current context, the 0.8 context it takes the place of."""

EVENT_TYPES: dict[str, str] = {
    "AGREE": "Agree, offer or promise to cooperate, including cooperation reported as intended.",
    "CONSULT": "Meet, visit, host or talk by phone or other media; hold talks or negotiations.",
    "SUPPORT": "Give diplomatic, non-material support; sign, ratify or conclude an agreement.",
    "CONCEDE": "Make a verbal concession with no immediate material consequence.",
    "COOPERATE": "Engage in mutual material cooperation: economic, military, judicial.",
    "AID": "Provide material aid that mainly benefits the recipient.",
    "RETREAT": "Make a material concession: release, withdraw, disarm, allow access, resign.",
    "REQUEST": "Request, demand or order, verbally.",
    "ACCUSE": "Disapprove, accuse, sue or investigate.",
    "REJECT": "Reject or refuse.",
    "THREATEN": "Threaten, or warn of serious repercussions.",
    "PROTEST": "Demonstrate or act collectively in protest.",
    "SANCTION": "Reduce existing relations, including formal sanctions.",
    "MOBILIZE": "Move military or police forces short of using force.",
    "COERCE": "Repress or coerce short of violence.",
    "ASSAULT": "Act deliberately in a way that may cause substantial physical harm.",
}
"""One line on each event category, in diplomod's words."""


def clean(tex: str) -> str:
    """Return the text of a table cell without its LaTeX markup."""
    text = re.sub(r"\\hyperref\[[^\]]*\]\{([^}]*)\}", r"\1", tex)
    text = re.sub(r"\\(?:textit|emph|ti|txt|plcat|plcon|plmod|texttt)\{([^}]*)\}", r"\1", text)
    text = text.replace("---", "\u2014").replace("\\_", "_").replace("\\&", "&")
    text = text.replace("``", "\u201c").replace("''", "\u201d").replace('"', "\u201d")
    text = text.replace("`", "\u2018").replace("'", "\u2019")
    return re.sub(r"\s+", " ", text).strip()


def uncommented(tex: str) -> str:
    return "\n".join(line for line in tex.splitlines() if not line.lstrip().startswith("%"))


def table_rows(body: str) -> list[tuple[str, str]]:
    """The (name, content) rows of a two-column table body; a row with an empty name
    continues the one before."""
    rows: list[tuple[str, str]] = []
    for raw in uncommented(body).split("\\\\"):
        line = raw.replace("\\hline", "").strip()
        if "&" not in line:
            continue
        name, content = (clean(cell) for cell in line.split("&", 1))
        if name in ("Name", "Code"):
            continue
        if not name and rows:
            rows[-1] = (rows[-1][0], f"{rows[-1][1]} {content}")
        elif name:
            rows.append((name, content))
    return rows


def contexts(tex: str) -> list[tuple[str, str, str, str]]:
    table = tex.split("START CONTEXTS TABLE", 1)[1].split("END CONTEXTS TABLE", 1)[0]
    body = table.split("\\endlastfoot", 1)[1].split("\\end{longtable}", 1)[0]
    titles = {
        label: clean(title)
        for title, label in re.findall(r"\\section\{([^}]*)\}\\label\{context:([^}]*)\}", tex)
    }
    labels = {
        clean(code): label
        for label, code in re.findall(r"\\hyperref\[context:([^\]]*)\]\{([^}]*)\}", body)
    }
    rows = []
    for code, description in table_rows(body):
        title = titles.get(labels.get(code, code)) or code.replace("_", " ").capitalize()
        rows.append((code, title, description, REPLACES.get(code, "")))
    return rows


def chapter_sections(tex: str) -> dict[str, str]:
    """The text of each event category's section, by category."""
    chapter = tex.split("\\chapter{Event Categories}", 1)[1].split("\\chapter{", 1)[0]
    chapter = re.split(r"^\\section\{[^}]*\}\\label\{context:", chapter, flags=re.M)[0]
    parts = re.split(r"^\\section\{([A-Z]+)\}", chapter, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def quad_codes(tex: str) -> dict[str, str]:
    table = tex.split("\\caption{Quad categories in PLOVER}", 1)[1].split("\\end{tabular}")[0]
    found = re.findall(r"^([A-Z][a-z]+ [a-z]+) &[^&]*& *([1-4])", table, flags=re.M)
    return {name.lower(): number for name, number in found}


def event_types(tex: str) -> list[tuple[str, str, str, str, str, str]]:
    numbers = quad_codes(tex)
    rows = []
    for code, text in chapter_sections(tex).items():
        quad = re.search(r"\\subsection\{Quad category: ([A-Z ]+)\}", text)
        recipient = re.search(r"\\subsection\{Requires recipient: (Yes|No)\}", text)
        if quad is None or recipient is None or code not in EVENT_TYPES:
            raise SystemExit(f"{code}: no quad category, recipient rule or description")
        name = quad.group(1).strip().lower()
        rows.append(
            (
                code,
                code.capitalize(),
                EVENT_TYPES[code],
                name.replace(" ", "_"),
                numbers[name],
                recipient.group(1).lower(),
            )
        )
    return rows


def modes(tex: str) -> list[tuple[str, str, str, str, str]]:
    rows = []
    for event, text in chapter_sections(tex).items():
        for table in re.findall(r"\\begin\{tabular\}(.*?)\\end\{tabular\}", text, flags=re.S):
            for mode, description in table_rows(table.split("\n", 1)[1]):
                title = mode.replace("-", " ").capitalize()
                rows.append((f"{event}.{mode}", title, description, event, mode))
    return rows


def write(name: str, header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
    with (OUT / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    print(f"wrote {name}.csv: {len(rows)} rows")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--manual", type=Path, default=EXCERPT, help="the manual's LaTeX")
    tex = parser.parse_args(argv).manual.read_text("utf-8")
    found = contexts(tex)
    codes = {row[0] for row in found}
    gone = [code for code in OLD_CONTEXTS if code not in codes and code not in REPLACES.values()]
    if gone:
        raise SystemExit(f"0.8 contexts with no successor: {', '.join(gone)}; add to REPLACES")
    write("plover_contexts", ("code", "title", "description", "replaces"), found)
    write(
        "plover_event_types",
        ("code", "title", "description", "quad", "quad_code", "requires_recipient"),
        event_types(tex),
    )
    write("plover_modes", ("code", "title", "description", "event_type", "mode"), modes(tex))
    return 0


if __name__ == "__main__":
    sys.exit(main())
