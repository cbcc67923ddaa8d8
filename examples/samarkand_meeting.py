"""Build, check and print the 14 April 2023 Khar-Lavrov meeting in Samarkand.

Run it after installing diplomod: ``python examples/samarkand_meeting.py``.
"""

from __future__ import annotations

import diplomod as dm


def samarkand_meeting() -> dm.Meeting:
    """Return the meeting the worked example article reports."""
    return dm.Meeting(
        id="meeting-2023-04-14-khar-lavrov",
        when=dm.read_date("14 April 2023"),
        where=dm.Place(name="Samarkand", country="UZB"),
        formats=frozenset({"bilateral", "third_location"}),
        participants=(
            dm.Participant(
                person="hina-rabbani-khar",
                office="Minister of State for Foreign Affairs",
                represents="PAK",
            ),
            dm.Participant(
                person="sergey-lavrov", office="Minister of Foreign Affairs", represents="RUS"
            ),
        ),
        occasion=dm.Occasion(relation="sidelines_of", event="afghanistan-neighbours-4"),
        areas=frozenset({"economy.trade", "economy.investment", "culture", "energy"}),
        statements=(
            dm.Statement(
                by=("PAK", "RUS"),
                stance="stressed",
                substance="High-level exchanges are needed to foster bilateral cooperation.",
                areas=frozenset({"economy.trade", "economy.investment", "culture", "energy"}),
            ),
        ),
    )


def main() -> None:
    meeting = samarkand_meeting()
    khar = meeting.participants[0]
    print(f"{meeting.when} in {meeting.where.name if meeting.where else 'no place'}")
    for participant in meeting.participants:
        state = dm.state(participant.represents)
        print(f"  {participant.person}: {participant.office}, {state.name}")
    for statement in meeting.statements:
        print(f"  {' and '.join(statement.by)} {statement.stance}: {statement.substance}")
        for code in sorted(statement.areas):
            print(f"    - {code}: {dm.cooperation_area(code).title}")
    try:
        dm.Participant(person=khar.person, office=khar.office, represents="PAKI")
    except dm.ValidationError as error:
        print(f"and a typo is caught: {error}")


if __name__ == "__main__":
    main()
