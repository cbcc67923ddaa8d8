"""Dates as ISO 8601 writes them, for the formats that take no EDTF, with what they lose.

Popolo and schema.org both take ISO 8601 dates of year, month or day precision, and a day
with a time of day; neither has EDTF's qualifiers (``~ ? %``) or RFC 9557's zone names, and
Popolo takes a time only with its UTC offset.
"""

from __future__ import annotations

from typing import Literal

from diplomod.dates import PartialDate

Clock = Literal["none", "offset", "local"]
"""What a field takes beside the day: no time of day; a time with its UTC offset only; or
a time with its offset when known, and a local time otherwise."""


def iso_date(date: PartialDate, target: str, clock: Clock) -> tuple[str, list[str]]:
    """Return *date* as ISO 8601 text for the format named *target*, and why it is not all
    of the date: each reason names what is left out.

    >>> iso_date(PartialDate.parse("2021~"), "Popolo", "none")
    ('2021', ['Popolo dates have no qualifiers: 2021~ is written 2021'])
    >>> iso_date(PartialDate.parse("2023-04-14T10:30:00+05:00"), "Popolo", "offset")
    ('2023-04-14T10:30:00+05:00', [])
    """
    text = f"{date.year:04d}"
    if date.month is not None:
        text += f"-{date.month:02d}"
    if date.day is not None:
        text += f"-{date.day:02d}"
    reasons: list[str] = []
    if date.hour is not None:
        offset = date.utc_offset
        seconds = None if offset is None else int(offset.total_seconds())
        if clock == "none":
            reasons.append(f"{target}'s date here has no time of day")
        elif seconds is not None and seconds % 60:
            reasons.append(f"{target} takes no offset with seconds, as the zone's was then")
        elif seconds is None and clock == "offset":
            reasons.append(f"{target} takes a time of day only with its UTC offset")
        else:
            text += f"T{date.hour:02d}:{date.minute:02d}:{date.second:02d}"
            text += "" if seconds is None else _offset(seconds // 60)
    if date.approximate or date.uncertain:
        reasons.append(f"{target} dates have no qualifiers")
    if date.zone is not None:
        reasons.append(f"{target} dates have no time zone names")
    return text, [f"{reason}: {date} is written {text}" for reason in reasons]


def _offset(minutes: int) -> str:
    if minutes == 0:
        return "Z"
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"
