"""Dates known to a year, a month or a day, and periods between them.

Diplomatic sources rarely give every date to the day ("In 2021, the two countries signed
an MoU"), so a date here keeps the precision it was stated with, and never invents more.
The text form is the Extended Date/Time Format (EDTF, ISO 8601-2) level 1 subset:
``2021``, ``2023-04``, ``2023-04-14``, each optionally followed by ``?`` (uncertain),
``~`` (approximate) or ``%`` (both); a period is ``start/end``, where an end may be ``..``
(open: no earlier bound, or not over) or empty (not known), as long as one end is a date.
"""

from __future__ import annotations

import calendar
import datetime
import enum
import functools
import itertools
import re
import zoneinfo
from collections.abc import Callable
from typing import Annotated, Any, Final, Literal

import attrs
from dateutil import parser as _dateutil

from diplomod._checks import check
from diplomod._rules import ZONE_PATTERN, Range, TimeZone
from diplomod.errors import Problem, ValidationError, quoted

Precision = Literal["year", "month", "day"]

_EDTF = re.compile(
    r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2})"
    r"(?:T(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})"
    r"(?P<offset>Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?(?P<qualifier>[?~%])?"
    rf"(?:\[(?P<zone>{ZONE_PATTERN[1:-1]})\])?"
)
_QUALIFIERS = {None: (False, False), "~": (True, False), "?": (False, True), "%": (True, True)}

_YEAR_TEXT = r"(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
_LEAP_DAY = (
    r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29"
)


def _calendar_text(*, day: bool) -> str:
    """A real calendar date (leap days too), to the day, or at any precision."""
    opt = "" if day else "?"
    return (
        f"(?:{_YEAR_TEXT}"
        f"(?:-(?:(?:0[13578]|1[02])(?:-(?:0[1-9]|[12][0-9]|3[01])){opt}"
        f"|(?:0[469]|11)(?:-(?:0[1-9]|[12][0-9]|30)){opt}"
        f"|02(?:-(?:0[1-9]|1[0-9]|2[0-8])){opt})){opt}"
        f"|{_LEAP_DAY})"
    )


_TIME_TEXT = (
    r"T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:Z|[+-](?:0[0-9]|1[0-7]):[0-5][0-9]|[+-]18:00)?"
)
_ZONE_TEXT = rf"\[{ZONE_PATTERN[1:-1]}\]"
_DATE_TEXT = (  # a date at its precision with a qualifier; or a day with a time or a zone
    rf"(?:{_calendar_text(day=False)}[?~%]?"
    rf"|{_calendar_text(day=True)}(?:[?~%]?{_ZONE_TEXT}|{_TIME_TEXT}(?:{_ZONE_TEXT})?))"
)

PARTIAL_DATE_PATTERN = f"^{_DATE_TEXT}$"
"""The shape of a `PartialDate` text form, for schemas (the calendar is checked on top)."""

_TEXT_FORMS = "'2023', '2023-04', '2023-04-14' or '2021~'"
_TIMED_HINT = (
    "; a time of day is written after a day with its seconds, and an offset or a zone "
    "after it, such as '2023-04-14T10:30:00+05:00' or '2023-04-15T08:00:00[Asia/Shanghai]'"
)


@attrs.frozen(kw_only=True, repr=False)
class PartialDate:
    """A calendar date known to year, month or day precision, with a time of day and a time
    zone when the source gives them.

    >>> d = PartialDate.parse("2023-04")
    >>> d.precision, d.earliest, d.latest
    ('month', datetime.date(2023, 4, 1), datetime.date(2023, 4, 30))
    >>> str(PartialDate(year=2021, approximate=True))
    '2021~'
    >>> d.could_be(datetime.date(2023, 4, 14))
    True

    A day may carry a time of day (hour, minute and second together), a UTC offset, and an
    IANA time zone, written as EDTF and RFC 9557 write them: ``2023-04-14T10:30:00+05:00``,
    ``2023-04-15T08:00:00[Asia/Shanghai]``, or a day by a zone's calendar,
    ``2023-04-15[Asia/Shanghai]``. A date with an offset or a zone is *anchored*: it is a
    moment (or a day) on the world's one clock, and `surely_before` compares such dates by
    that clock.

    >>> call = PartialDate.parse("2023-04-15T08:00:00+08:00[Asia/Shanghai]")
    >>> str(call.in_zone("America/New_York"))
    '2023-04-14T20:00:00-04:00[America/New_York]'

    Dates sort by their earliest possible day, then by their latest, then by their local
    time, so ``2023`` comes before ``2023-04``, and ``2023-04`` before ``2023-04-14``.

    Attributes:
        year: The year, 1 to 9999.
        month: The month, 1 to 12, when known.
        day: The day of the month, when known; needs a month.
        hour: The hour of the day, 0 to 23, when known; needs a day, a minute and a second.
        minute: The minute, 0 to 59, with the hour.
        second: The second, 0 to 59, with the hour.
        offset: The UTC offset of the time of day, in minutes east of UTC (Pakistan:
            300), when the source gives it; needs a time of day.
        zone: The IANA time zone whose calendar and clock the date is written in, such
            as ``Asia/Karachi``; needs a day, and agrees with the offset when both are
            given.
        approximate: The date is an estimate (EDTF ``~``); not with a time of day.
        uncertain: The source is unsure of the date (EDTF ``?``); not with a time of day.
    """

    year: Annotated[int, Range(1, 9999)]
    month: Annotated[int, Range(1, 12)] | None = None
    day: Annotated[int, Range(1, 31)] | None = None
    hour: Annotated[int, Range(0, 23)] | None = None
    minute: Annotated[int, Range(0, 59)] | None = None
    second: Annotated[int, Range(0, 59)] | None = None
    offset: Annotated[int, Range(-1080, 1080)] | None = None
    zone: Annotated[str, TimeZone()] | None = None
    approximate: bool = False
    uncertain: bool = False

    def __attrs_post_init__(self) -> None:
        check(self)

    def __repr__(self) -> str:
        """The date's fields, leaving out the time of day and zone when it has none."""
        shown = [
            f"{name}={getattr(self, name)!r}"
            for name in _PARTS
            if name not in _CLOCK_PARTS or getattr(self, name) is not None
        ]
        return f"PartialDate({', '.join(shown)})"

    def _rules(self) -> list[Problem]:
        clockless = self.hour is None and self.minute is None and self.second is None
        if clockless and self.offset is None and self.zone is None:  # a date alone, as most
            return self._calendar_problems()
        problems = self._calendar_problems() + self._time_problems()
        if not problems and self.zone is not None and self.hour is not None:
            problems += _zone_problems(self)
        return problems

    def _calendar_problems(self) -> list[Problem]:
        if self.day is None:
            return []
        if self.month is None:
            return [("$.day", "a day needs a month")]
        last = calendar.monthrange(self.year, self.month)[1]
        if self.day > last:
            month = calendar.month_name[self.month]
            return [("$.day", f"{month} {self.year} has {last} days, not {self.day}")]
        return []

    def _time_problems(self) -> list[Problem]:
        clock = (self.hour, self.minute, self.second)
        problems: list[Problem] = []
        if any(part is not None for part in clock):
            if None in clock:
                names = ("hour", "minute", "second")
                missing = next(n for n, v in zip(names, clock, strict=True) if v is None)
                problems.append(
                    (f"$.{missing}", "a time of day needs an hour, a minute and a second")
                )
            if self.day is None:
                problems.append(("$.hour", "a time of day needs a day"))
            for flag in ("approximate", "uncertain"):
                if getattr(self, flag):
                    problems.append(
                        (
                            f"$.{flag}",
                            f"a date with a time of day is not marked {flag}: EDTF qualifies "
                            "dates, not times; drop the time, or the mark",
                        )
                    )
        elif self.offset is not None:
            problems.append(("$.offset", "a UTC offset needs a time of day"))
        if self.zone is not None and self.day is None:
            problems.append(("$.zone", "a time zone needs a day"))
        return problems

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read the EDTF text form strictly: ``2021``, ``2023-04``, ``2023-04-14``, ``2021~``,
        ``2023-04-14T10:30:00+05:00``, ``2023-04-15[Asia/Shanghai]``.

        >>> PartialDate.parse("2023-02-30")
        Traceback (most recent call last):
        ...
        diplomod.errors.ValidationError: $.day: February 2023 has 28 days, not 30
        """
        if not isinstance(text, str):
            raise ValidationError([("$", f"expected a date as text, got {type(text).__name__}")])
        match = _EDTF.fullmatch(text)
        if match is None:
            timed = _TIMED_HINT if ":" in text or "[" in text else ""
            raise ValidationError(
                [("$", f"{quoted(text)} is not a date such as {_TEXT_FORMS}{timed}")]
            )
        number = {
            part: None if match[part] is None else int(match[part])
            for part in ("year", "month", "day", "hour", "minute", "second")
        }
        if match["qualifier"] is not None and match["hour"] is not None:
            raise ValidationError(
                [("$", f"{quoted(text)}: EDTF qualifies dates, not times; write no '~' or '?'")]
            )
        approximate, uncertain = _QUALIFIERS[match["qualifier"]]
        return cls(
            **number,  # type: ignore[arg-type]
            offset=_offset_minutes(match["offset"]),
            zone=match["zone"],
            approximate=approximate,
            uncertain=uncertain,
        )

    @classmethod
    def from_date(cls, date: datetime.date) -> PartialDate:
        """Make a day-precision date from a `datetime.date`."""
        return cls(year=date.year, month=date.month, day=date.day)

    @classmethod
    def from_datetime(cls, moment: datetime.datetime) -> PartialDate:
        """Make a date with a time of day from a `datetime.datetime`, keeping its offset and,
        when its ``tzinfo`` is a `zoneinfo.ZoneInfo`, its zone. Fractions of a second are
        refused, as the text form has none.

        >>> import zoneinfo
        >>> karachi = zoneinfo.ZoneInfo("Asia/Karachi")
        >>> str(PartialDate.from_datetime(datetime.datetime(2023, 4, 14, 10, 30, tzinfo=karachi)))
        '2023-04-14T10:30:00+05:00[Asia/Karachi]'
        """
        if moment.microsecond:
            raise ValidationError([("$.second", "the text form keeps whole seconds only")])
        offset = moment.utcoffset()
        zone = moment.tzinfo.key if isinstance(moment.tzinfo, zoneinfo.ZoneInfo) else None
        return cls(
            year=moment.year,
            month=moment.month,
            day=moment.day,
            hour=moment.hour,
            minute=moment.minute,
            second=moment.second,
            offset=None
            if offset is None or (zone and offset % _MINUTE)
            else _whole_minutes(offset),
            zone=zone,
        )

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
            if self.hour is not None or self.zone is not None:
                return self._clock_text(text)
        if self.approximate or self.uncertain:
            text += "%" if self.approximate and self.uncertain else "~" if self.approximate else "?"
        return text

    def _clock_text(self, day: str) -> str:
        """The text of a day with its time of day, offset and zone (or a qualified day in a
        zone)."""
        text = day
        if self.hour is not None:
            text += f"T{self.hour:02d}:{self.minute:02d}:{self.second:02d}"
        if self.offset is not None:
            text += _offset_text(self.offset)
        if self.approximate or self.uncertain:
            text += "%" if self.approximate and self.uncertain else "~" if self.approximate else "?"
        return f"{text}[{self.zone}]" if self.zone is not None else text

    @property
    def precision(self) -> Precision:
        """The part of the date that is known, ``"year"``, ``"month"`` or ``"day"`` (a day
        with a time of day too)."""
        return "year" if self.month is None else "month" if self.day is None else "day"

    @property
    def earliest(self) -> datetime.date:
        """The first day the date could be, by its own calendar."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> datetime.date:
        """The last day the date could be, by its own calendar."""
        if self.month is None:
            return datetime.date(self.year, 12, 31)
        if self.day is None:
            return datetime.date(
                self.year, self.month, calendar.monthrange(self.year, self.month)[1]
            )
        return datetime.date(self.year, self.month, self.day)

    @property
    def time(self) -> datetime.time | None:
        """The time of day, with its UTC offset when one is known, or ``None``."""
        if self.hour is None or self.minute is None or self.second is None:
            return None
        offset = self.utc_offset
        zone = None if offset is None else datetime.timezone(offset)
        return datetime.time(self.hour, self.minute, self.second, tzinfo=zone)

    @property
    def utc_offset(self) -> datetime.timedelta | None:
        """The UTC offset of the time of day: the one given, or else the zone's at that
        time; ``None`` without a time of day or without either."""
        if self.offset is not None:
            return datetime.timedelta(minutes=self.offset)
        if self.zone is None or self.hour is None:
            return None
        return _local(self, zoneinfo.ZoneInfo(self.zone)).utcoffset()

    @property
    def instant(self) -> datetime.datetime | None:
        """The moment as an aware `datetime.datetime` in UTC, when the date has a time of
        day and an offset or a zone (and the moment lies within the years 1 to 9999 in
        UTC); otherwise ``None``."""
        span = self.utc_span()
        if span is None or span[0] != span[1] or span[0] in _EDGES:
            return None  # not a moment, or one past the years a datetime holds
        return span[0]

    def utc_span(self) -> tuple[datetime.datetime, datetime.datetime] | None:
        """The first and last moments (in UTC) the date could be, when it is anchored by an
        offset or a zone; ``None`` for a date by no stated clock."""
        if self.hour is not None and (self.offset is not None or self.zone is not None):
            if self.offset is not None:
                clock: datetime.tzinfo = datetime.timezone(datetime.timedelta(minutes=self.offset))
            else:
                assert self.zone is not None
                clock = zoneinfo.ZoneInfo(self.zone)
            moment = _utc(_local(self, clock))
            return moment, moment
        if self.zone is None:
            return None
        zone = zoneinfo.ZoneInfo(self.zone)
        first = _utc(datetime.datetime.combine(self.earliest, datetime.time(), zone))
        last = _utc(datetime.datetime.combine(self.latest, datetime.time.max, zone))
        return first, last

    def in_zone(self, zone: str) -> PartialDate:
        """The same moment by the calendar and clock of *zone*: a call at 08:00 in Beijing
        was at 20:00 the day before in Washington.

        Raises:
            ValidationError: the date is not a moment (a time of day with an offset or a
                zone), or *zone* is not a zone the database knows.
        """
        if (problem := _zone_problem(zone)) is not None:
            raise ValidationError([("$.zone", problem)])
        moment = self.instant
        if moment is None and self.hour is not None and self.utc_span() is not None:
            raise ValidationError([("$", f"{self} lies too near the year 1 or 9999 to move")])
        if moment is None:
            raise ValidationError(
                [("$", f"{self} is not a moment: it needs a time of day and an offset or zone")]
            )
        try:
            local = moment.astimezone(zoneinfo.ZoneInfo(zone))
        except OverflowError:
            raise ValidationError([("$", f"{self} in {zone} lies past the year 9999")]) from None
        return PartialDate.from_datetime(local)

    def could_be(self, date: datetime.date) -> bool:
        """Whether *date* lies within the date's stated precision.

        The qualifiers ``~`` and ``?`` do not widen the range: ``2021~`` could be any day of 2021.
        """
        return self.earliest <= date <= self.latest

    def _key(self) -> tuple[Any, ...]:
        clock = () if self.hour is None else (self.hour, self.minute or 0, self.second or 0)
        offset = () if self.offset is None else (self.offset,)
        zone = self.zone or ""
        return (self.earliest, self.latest, clock, offset, zone, self.approximate, self.uncertain)

    def __lt__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() >= other._key()


def _offset_minutes(text: str | None) -> int | None:
    if text is None:
        return None
    if text == "Z":
        return 0
    sign = -1 if text[0] == "-" else 1
    return sign * (int(text[1:3]) * 60 + int(text[4:6]))


def _offset_text(offset: int | datetime.timedelta) -> str:
    """Write an offset (minutes, or a zone's own, which had seconds before standard time)."""
    seconds = offset * 60 if isinstance(offset, int) else int(offset.total_seconds())
    if seconds == 0:
        return "Z"
    sign = "-" if seconds < 0 else "+"
    minutes, rest = divmod(abs(seconds), 60)
    text = f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return f"{text}:{rest:02d}" if rest else text


def _whole_minutes(offset: datetime.timedelta) -> int:
    minutes, rest = divmod(offset, datetime.timedelta(minutes=1))
    if rest:
        raise ValidationError([("$.offset", "a UTC offset is kept to the minute")])
    return int(minutes)


def _local(date: PartialDate, zone: datetime.tzinfo, fold: int = 0) -> datetime.datetime:
    return datetime.datetime(
        date.year, date.month or 1, date.day or 1, date.hour or 0, date.minute or 0,
        date.second or 0, tzinfo=zone, fold=fold,
    )  # fmt: skip


def _zone_problems(date: PartialDate) -> list[Problem]:
    """Check a local time against its zone: it exists there, and its offset is the zone's
    (a time the clocks pass twice needs the offset to say which)."""
    assert date.zone is not None
    zone = zoneinfo.ZoneInfo(date.zone)
    first, second = (_local(date, zone, fold) for fold in (0, 1))
    local = first.replace(tzinfo=None)
    if _utc(first).astimezone(zone).replace(tzinfo=None) != local and _utc(first) not in _EDGES:
        return [
            ("$.hour", f"{local.isoformat()} does not exist in {date.zone}: the clocks skip it")
        ]
    offsets = {d.utcoffset() or datetime.timedelta() for d in (first, second)}
    own = " or ".join(sorted(_offset_text(offset) for offset in offsets))
    if date.offset is None:
        if len(offsets) > 1:
            return [
                (
                    "$.offset",
                    f"{local.isoformat()} comes twice in {date.zone}, at "
                    f"{own.replace(' or ', ' and ')}: give its offset",
                )
            ]
    elif datetime.timedelta(minutes=date.offset) not in offsets:
        return [
            (
                "$.offset",
                f"{_offset_text(date.offset)} is not the offset of {date.zone} at "
                f"{local.isoformat()}, which is {own}",
            )
        ]
    return []


_PARTS = tuple(field.name for field in attrs.fields(PartialDate))
_CLOCK_PARTS = frozenset({"hour", "minute", "second", "offset", "zone"})

_MINUTE = datetime.timedelta(minutes=1)

_EDGES = (
    datetime.datetime.min.replace(tzinfo=datetime.UTC),
    datetime.datetime.max.replace(tzinfo=datetime.UTC),
)


def _utc(moment: datetime.datetime) -> datetime.datetime:
    """*moment* in UTC; the first or last moment `datetime` holds when it lies beyond them."""
    try:
        return moment.astimezone(datetime.UTC)
    except OverflowError:
        return _EDGES[0] if moment.year == 1 else _EDGES[1]


def surely_before(first: PartialDate, second: PartialDate) -> bool:
    """Whether *first* certainly comes before *second*, however their partial dates resolve.

    Two anchored dates (with an offset or a zone) are compared on the world's clock, so a
    call at 08:00 on 15 April in Beijing is not after a report published at 20:00 on 14
    April in Washington. Two times of day by no stated clock are taken to be by the same
    one; otherwise the days are compared as written.

    >>> beijing = PartialDate.parse("2023-04-15T08:00:00[Asia/Shanghai]")
    >>> surely_before(PartialDate.parse("2023-04-14T20:00:00-04:00"), beijing)
    False
    >>> surely_before(PartialDate.parse("2023-04-14"), PartialDate.parse("2023-04-15"))
    True
    """
    spans = first.utc_span(), second.utc_span()
    if spans[0] is not None and spans[1] is not None:
        return spans[0][1] < spans[1][0]
    if spans == (None, None) and first.hour is not None and second.hour is not None:
        return first._key()[:3] < second._key()[:3]
    return first.latest < second.earliest


class Open(enum.Enum):
    """The open end of a period, EDTF ``..``: at the start, no earlier bound; at the end,
    not over. Its one member is `OPEN`; an end that is not known is ``None`` instead.

    >>> OPEN, str(OPEN)
    (OPEN, '..')
    """

    OPEN = ".."

    def __repr__(self) -> str:
        return "OPEN"

    def __str__(self) -> str:
        return ".."


OPEN: Final = Open.OPEN
"""The open end of a `Period` (EDTF ``..``)."""

End = PartialDate | Open | None
"""One end of a period: a date, `OPEN`, or ``None`` when not known."""

PERIOD_PATTERN = rf"^(?:(?:\.\.)?/{_DATE_TEXT}|{_DATE_TEXT}/(?:\.\.|{_DATE_TEXT})?)$"
"""The shape of a `Period` text form, for schemas: at least one end is a date."""


@attrs.frozen(kw_only=True)
class Period:
    """The days from ``start`` to ``end``, each end a date, open (`OPEN`) or not known (``None``).

    The text form is an EDTF interval (ISO 8601-2): ``2021/2022``; ``2017/..``, still going
    on; ``2017/``, ended at a day not known; ``../2010``, with no earlier bound; ``/2010``,
    begun at a day not known. At least one end is a date.

    >>> p = Period.parse("2023-04-13/2023-04-14")
    >>> p.could_include(datetime.date(2023, 4, 14)), str(Period(start=PartialDate(year=2017)))
    (True, '2017/..')
    >>> Period.parse("/2010").start, Period.parse("../2010").start, Period.parse("2017/").end
    (None, OPEN, None)

    What each kind of end means for the days a period could and surely covers:

    - `earliest` and `latest` are the first and last days it could cover: an open or
      unknown start could be any day before (`datetime.date.min`), an open or unknown
      end any day after (`datetime.date.max`).
    - `surely_started` is the day by which it has surely begun: its start's last day; the
      first day there is for an open start; for an unknown start, as late as its end.
    - `surely_running` is the last day it surely still runs: its end's first day; every
      day for an open end; for an unknown end, only its start's first day, as it may have
      ended at once.

    A constructor's end may also be a `datetime.date`, EDTF date text, or ``".."`` for `OPEN`.

    Attributes:
        start: The first day; `OPEN` (EDTF `..`) when the period has no earlier bound, or
            `None` (EDTF empty) when it is not known. Not known by default.
        end: The last day, not before `start`; `OPEN` (EDTF `..`, the default) while the
            period goes on, or `None` (EDTF empty) when it ended at a day not known.
    """

    start: PartialDate | Open | None = None
    end: PartialDate | Open | None = OPEN

    def __attrs_post_init__(self) -> None:
        check(self)

    def _rules(self) -> list[Problem]:
        start, end = self.start, self.end
        if not isinstance(start, PartialDate) and not isinstance(end, PartialDate):
            return [("$", "a period needs a start or an end date")]
        if (
            isinstance(start, PartialDate)
            and isinstance(end, PartialDate)
            and surely_before(end, start)
        ):
            return [("$.end", f"{end} is before the start {start}")]
        return []

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read the EDTF interval form strictly: ``2023-04-13/2023-04-14``, ``2017-06/..``,
        ``2017/``, ``../2010``, ``/2010``."""
        if not isinstance(text, str):
            raise ValidationError([("$", f"expected a period as text, got {type(text).__name__}")])
        parts = _split_ends(text)
        if len(parts) != 2:
            raise ValidationError(
                [
                    (
                        "$",
                        f"{quoted(text)} is not a period such as '2023-04-13/2023-04-14' "
                        "or '2017/..'",
                    )
                ]
            )
        ends: list[End] = []
        problems: list[Problem] = []
        for name, part in zip(("start", "end"), parts, strict=True):
            try:
                ends.append(_end_of(part))
            except ValidationError as error:
                problems.extend(error.under(f"$.{name}").problems)
        if problems:
            raise ValidationError(problems)
        return cls(start=ends[0], end=ends[1])

    def __str__(self) -> str:
        return f"{'' if self.start is None else self.start}/{'' if self.end is None else self.end}"

    @property
    def earliest(self) -> datetime.date:
        """The first day the period could start (`datetime.date.min` when open or not known)."""
        return self.start.earliest if isinstance(self.start, PartialDate) else datetime.date.min

    @property
    def latest(self) -> datetime.date:
        """The last day the period could end (`datetime.date.max` when open or not known)."""
        return self.end.latest if isinstance(self.end, PartialDate) else datetime.date.max

    def could_include(self, date: PartialDate | datetime.date | str) -> bool:
        """Whether *date* (a `PartialDate`, a `datetime.date` or EDTF text) could fall within
        the period: whether some day it could be is a day the period could include.

        Raises:
            ValidationError: *date* is none of those.
        """
        day = as_partial_date(date)
        return self.earliest <= day.latest and day.earliest <= self.latest

    def surely_overlaps(self, other: Period) -> bool:
        """Whether some day certainly lies in both periods, however their dates resolve.

        Two memberships that meet in a year, one ending and the next starting in 2021,
        do not surely overlap; one from 2001 to 2010 and one from 2005 on do. A period whose
        start is not known may have begun as late as its end, and one whose end is not
        known may have ended on its start's first day.
        """
        return _surely_before_end(self, other) and _surely_before_end(other, self)


def _end_of(text: str) -> End:
    """Read one end of an EDTF interval: ``..`` is open, nothing is not known."""
    if text == "..":
        return OPEN
    return None if text == "" else PartialDate.parse(text)


def as_partial_date(value: PartialDate | datetime.date | str) -> PartialDate:
    """Return *value*, a `PartialDate`, a `datetime.date` (or ``datetime``) or EDTF text, as a
    `PartialDate`.

    >>> str(as_partial_date(datetime.date(2023, 4, 14))), str(as_partial_date("2023-04"))
    ('2023-04-14', '2023-04')

    A `datetime.datetime` is read with its time of day, as `PartialDate.from_datetime`
    reads it.

    Raises:
        ValidationError: *value* is none of those.
    """
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, datetime.datetime):
        return PartialDate.from_datetime(value)
    if isinstance(value, datetime.date):
        return PartialDate.from_date(value)
    if isinstance(value, str):
        return PartialDate.parse(value)
    raise ValidationError(
        [("$", f"expected a PartialDate, a datetime.date or EDTF text, got {type(value).__name__}")]
    )


def _surely_before_end(first: Period, second: Period) -> bool:
    """Whether *first* certainly starts on or before the day *second* certainly still runs."""
    return surely_started(first) <= surely_running(second)


def surely_started(period: Period) -> datetime.date:
    """The day by which *period* has surely begun: its start's last day; with an open start,
    the first day there is; with a start not known, as late as its end."""
    if isinstance(period.start, PartialDate):
        return period.start.latest
    return datetime.date.min if period.start is OPEN else period.latest


def surely_running(period: Period) -> datetime.date:
    """The last day *period* surely still runs: its end's first day; an open end runs on; an
    end not known may have come at once, on its start's first day."""
    if isinstance(period.end, PartialDate):
        return period.end.earliest
    return datetime.date.max if period.end is OPEN else period.earliest


_ZONES = re.compile(r"\[[^\[\]]*\]")
"""A time zone's name in brackets, which may hold a slash: ``[Asia/Karachi]``."""


def _split_ends(text: str) -> list[str]:
    """Split a period's text at each slash that is not in a time zone's brackets, in time
    linear in the text's length."""
    masked = _ZONES.sub(lambda zone: "_" * len(zone.group()), text)
    cuts = [-1, *(slash.start() for slash in re.finditer("/", masked)), len(text)]
    return [text[cut + 1 : end] for cut, end in itertools.pairwise(cuts)]


When = PartialDate | Period
"""When an event happened: on a (partial) date, or over a period."""


DateParts = tuple[Any, ...]
"""A date's attribute values, in the order of its fields."""


@functools.lru_cache(maxsize=4096)
def _date_parts(text: str) -> DateParts:
    """Read a date's text once; the parts, not the object, are kept and shared."""
    date = PartialDate.parse(text)
    return tuple(getattr(date, name) for name in _PARTS)


EndParts = DateParts | Open | None
"""One end of a period as its parts: a date's parts, `OPEN`, or ``None`` when not known."""


@functools.lru_cache(maxsize=4096)
def _period_parts(text: str) -> tuple[EndParts, EndParts]:
    period = Period.parse(text)
    return _end_parts(period.start), _end_parts(period.end)


def _end_parts(end: End) -> EndParts:
    return _date_parts(str(end)) if isinstance(end, PartialDate) else end


_new = object.__new__
_set = object.__setattr__


def _made(parts: DateParts | None) -> PartialDate | None:
    """Make a new date of parts already checked; each record gets an object of its own."""
    if parts is None:
        return None
    date = _new(PartialDate)
    for name, value in zip(_PARTS, parts, strict=True):
        _set(date, name, value)
    return date


def _date_text(text: Any) -> PartialDate:
    if type(text) is not str:
        return PartialDate.parse(text)  # says what is wrong
    return _made(_date_parts(text))  # type: ignore[return-value]


def _period_text(text: Any) -> Period:
    if type(text) is not str:
        return Period.parse(text)
    start, end = _period_parts(text)
    period = _new(Period)
    _set(period, "start", start if start is None or start is OPEN else _made(start))
    _set(period, "end", end if end is None or end is OPEN else _made(end))
    return period


def _when_text(text: Any) -> When:
    slashes = _ZONES.sub("", text).count("/") if type(text) is str and "/" in text else 0
    if slashes > 1:  # such as 14/04/2023: a date, meant as people write it
        raise ValidationError([("$", _NEITHER.format(quoted(text)))])
    return _period_text(text) if slashes else _date_text(text)


_NEITHER = (
    "{} is neither a date such as '2023-04-14' nor a period such as "
    "'2023-04-13/2023-04-14': EDTF writes a day year first, with hyphens"
)


def text_problems(error: ValidationError) -> list[Problem]:
    """Place the problems of a date's or period's text at the text itself, saying which end
    of a period each is at: ``$.end.day`` becomes ``end: ...`` at ``$``."""
    problems = []
    for path, message in error.problems:
        part = path.removeprefix("$.").split(".")[0]
        problems.append(("$", f"{part}: {message}" if part in ("start", "end") else message))
    return problems


def read_edtf(kind: str) -> Callable[[Any], Any]:
    """Return the reader of the EDTF text of a ``date``, a ``period`` or either (``when``).

    Each call returns a new object, so that no two records share one.
    """
    return {"date": _date_text, "period": _period_text, "when": _when_text}[kind]


_APPROXIMATE = re.compile(r"^(?:(?:about|around|approximately|circa)\s+|ca?\.\s*)", re.I)
_DEFAULTS = (datetime.datetime(1, 1, 1), datetime.datetime(2, 2, 2))
_TIME = re.compile(
    r"(?:(?<=[0-9])T|(?<![0-9]))[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?"
    r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?(?:\s*[ap]\.?m\.?)?",
    re.I,
)
_MONTH = r"(?<![a-z])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_WORD_WITH_DIGITS = re.compile(r"(?<![0-9A-Za-z])[A-Za-z]*[0-9][0-9A-Za-z]*")
_NUMBER = re.compile(r"([0-9]+)(?:st|nd|rd|th)?", re.I)
_NUMERIC_DATE = re.compile(r"(?<![0-9])[0-9]{1,4}([-/.])[0-9]{1,2}(?:\1[0-9]{1,4})?(?![0-9])")


def read_date(text: str, *, dayfirst: bool = False, zone: str | None = None) -> PartialDate:
    """Read a date as people write it, keeping exactly the precision the text gives.

    >>> str(read_date("14 April 2023")), str(read_date("April 2023")), str(read_date("In 2021"))
    ('2023-04-14', '2023-04', '2021')
    >>> str(read_date("around 2021")), str(read_date("March 2022?"))
    ('2021~', '2022-03?')

    A leading "about", "around", "approximately", "circa" or "c." marks the date approximate,
    a trailing "?" uncertain. *dayfirst* reads ``04/05/2023`` as 4 May. Text with no year,
    with a year not written in full, with numbers that are not part of the date ("In 2021,
    3 MoUs") or not written with the digits 0 to 9, or with a date that does not exist is a
    `ValidationError`: the reader never guesses.

    A time of day is read with the day it is on ("10:30", "3 p.m.", "10:30:15"), and so is
    its UTC offset ("+05:00", "UTC+5", "GMT-4", "Z"). A zone's abbreviation ("EST") or name
    ("Beijing time") is refused, as one abbreviation names several zones: give the zone's
    IANA name as *zone*, which dates the day (and time) by that zone's calendar and clock.
    A date not given to the day is returned without the zone.

    >>> str(read_date("14 April 2023, 10:30 UTC+5")), str(read_date("8 a.m. on 15 April 2023"))
    ('2023-04-14T10:30:00+05:00', '2023-04-15T08:00:00')
    >>> str(read_date("15 April 2023, 8:00 local time", zone="Asia/Shanghai"))
    '2023-04-15T08:00:00[Asia/Shanghai]'
    """
    if not isinstance(text, str):
        raise ValidationError([("$", f"expected a date as text, got {type(text).__name__}")])
    if zone is not None and (problem := _zone_problem(zone)) is not None:
        raise ValidationError([("$.zone", problem)])
    body = text.strip()
    uncertain = body.endswith("?")
    body = body.removesuffix("?").rstrip()
    approximate = _APPROXIMATE.match(body) is not None
    body = _APPROXIMATE.sub("", body)

    def refuse(reason: str) -> ValidationError:
        return ValidationError([("$", f"cannot read {quoted(text)} as a date: {reason}")])

    if _range_ends(body) is not None:
        raise refuse("it is a range of dates; read it with read_period")
    named = _ZONE_NAME.search(body)
    if named is not None:  # a zone in brackets, as RFC 9557 and diplomod write one
        if (problem := _zone_problem(named.group(1))) is not None:
            raise refuse(problem)
        if zone is not None and zone != named.group(1):
            raise refuse(f"it is dated in {named.group(1)}, not in the zone given, {zone}")
        zone, body = named.group(1), body[: named.start()] + " " + body[named.end() :]
    if (words := _NAMED_TIME.search(body)) is not None:
        raise refuse(f"write {words.group()} as a time such as 12:00")
    clock, body = _read_clock(body, refuse, zoned=zone is not None)

    if not body.isascii() and any(c.isnumeric() for c in body if not c.isascii()):
        raise refuse("write its numbers with the digits 0 to 9")
    for word in _WORD_WITH_DIGITS.findall(body):
        if not _NUMBER.fullmatch(word):
            raise refuse(f"{quoted(word)} is not part of a date")
    try:
        first, second = (
            _dateutil.parse(body, default=d, dayfirst=dayfirst, fuzzy=True, tzinfos=_no_zone)
            for d in _DEFAULTS
        )
    except (ValueError, OverflowError) as error:  # dateutil's ParserError is a ValueError
        reason = error.args[0] if error.args and isinstance(error.args[0], str) else str(error)
        reason = reason.replace(": %s", "").replace("%s", repr(body))
        if reason.startswith("String does not contain a date"):
            reason = "it holds no date"
        raise refuse(reason) from None
    if first.year != second.year:
        raise refuse("it gives no year")
    if first.month != second.month and first.day == second.day:
        raise refuse("a day with no month")
    month = first.month if first.month == second.month else None
    day = first.day if first.day == second.day else None
    _check_numbers(body, first.year, day, refuse)
    if clock and day is None:
        raise refuse("a time of day needs a day")
    if clock and (approximate or uncertain):
        raise refuse("a time of day is not marked approximate or uncertain: drop one")
    try:
        return PartialDate(
            year=first.year,
            month=month,
            day=day,
            **clock,
            zone=zone if day is not None else None,
            approximate=approximate,
            uncertain=uncertain,
        )
    except ValidationError as error:  # a time the zone skips, or an offset not its own
        raise refuse("; ".join(message for _, message in error.problems)) from None


_CLOCK = re.compile(
    r"(?:(?<=[0-9])T|(?<![0-9:.,]))(?:"
    r"(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})(?::(?P<second>[0-9]{2})(?P<fraction>[.,][0-9]+)?)?"
    r"(?:\s?(?P<half>[aApP])\.?\s?[mM](?:\.|(?![A-Za-z])))?"
    r"|(?P<bare>[0-9]{1,2})\s?(?P<bare_half>[aApP])\.?\s?[mM](?:\.|(?![A-Za-z])))(?![0-9])"
)
"""A time of day: ``10:30``, ``10:30:15``, ``10:30 a.m.``, ``3pm``."""
_CLOCK_ZONE = re.compile(
    r"\s?(?P<z>Z)(?![A-Za-z])"
    r"|\s?(?:UTC|GMT)(?![A-Za-z])(?:\s?(?P<sign>[+\-\u2212])(?P<hours>[0-9]{1,2})"
    r"(?::?(?P<minutes>[0-9]{2}))?)?"
    r"|(?P<sign2>[+\-\u2212])(?P<hours2>[0-9]{2}):?(?P<minutes2>[0-9]{2})(?![0-9])"
    r"|\s?\(?(?P<abbreviation>[A-Z]{2,5})\)?(?![A-Za-z])"
    r"|\s(?P<named>(?:(?:[A-Z][a-z]+ ){1,2}|local ))time\b"
)
"""What may follow a time of day: its offset, or a zone's abbreviation or name."""
_HALF_ONLY = re.compile(r"\s?[aApP]\.?(?![A-Za-z])")
"""An a or a p after a time, with no m: "10:30p"."""
_ZONE_NAME = re.compile(r"\[([^\[\]]*)\]")
"""A zone's name in brackets, after a date: ``2023-04-14[Asia/Karachi]``."""
_NAMED_TIME = re.compile(r"\b(?:noon|midday|midnight)\b", re.IGNORECASE)
"""A time of day named in words, which the reader does not guess."""


def _read_clock(
    body: str, refuse: Callable[[str], ValidationError], *, zoned: bool
) -> tuple[dict[str, int], str]:
    """Find the time of day in *body* and its offset; return them, and the text left."""
    clock = _CLOCK.search(body)
    if clock is None:
        return {}, body
    after = _CLOCK_ZONE.match(body, clock.end())
    end = clock.end() if after is None else after.end()
    if _CLOCK.search(body, end):
        raise refuse("it gives more than one time of day")
    if clock["fraction"]:
        raise refuse("a time is kept to the second; write no fraction")
    if _HALF_ONLY.match(body, clock.end()):
        raise refuse("write a.m. or p.m. in full, such as '10:30 p.m.'")
    hour = int(clock["hour"] or clock["bare"])
    minute, second = int(clock["minute"] or 0), int(clock["second"] or 0)
    half = (clock["half"] or clock["bare_half"] or "").lower()
    if half and not 1 <= hour <= 12:
        raise refuse(f"{hour} is not an hour of a 12-hour clock")
    if half:
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise refuse(f"{clock.group().strip()!r} is not a time of day")
    parts = {"hour": hour, "minute": minute, "second": second}
    if after is not None and after["abbreviation"]:
        raise refuse(
            f"{after['abbreviation']!r} may name more than one time zone: write the UTC offset "
            "(such as '+05:00') or pass the zone's IANA name as zone="
        )
    if after is not None and after["named"] and (after["named"] != "local " or not zoned):
        if after["named"] == "local ":
            return parts, body[: clock.start()] + " " + body[end:]  # by no stated clock
        raise refuse(
            f"{after['named'] + 'time'!r} names a time zone: pass its IANA name as zone=, "
            "such as zone='Asia/Shanghai'"
        )
    if after is not None and (after["z"] or after.group().strip()[:3] in ("UTC", "GMT")):
        parts["offset"] = _signed_minutes(after["sign"], after["hours"], after["minutes"])
    elif after is not None and after["sign2"]:
        parts["offset"] = _signed_minutes(after["sign2"], after["hours2"], after["minutes2"])
    return parts, body[: clock.start()] + " " + body[end:]


def _signed_minutes(sign: str | None, hours: str | None, minutes: str | None) -> int:
    if sign is None or hours is None:
        return 0
    size = int(hours) * 60 + int(minutes or 0)
    return -size if sign in "-\u2212" else size


_DAYS = re.compile(r"(?<![0-9./-])([0-9]{1,2}) ?[-\u2013\u2014] ?([0-9]{1,2})(?![0-9./-])")
"""Two days of one month: ``5-17`` in "5-17 September 1978" or "September 5-17, 1978"."""
_YEARS = re.compile(r"^([0-9]{4}) ?[-\u2013\u2014] ?([0-9]{4})$")
"""Two years: "2021-2022"."""
_MONTH_NAME = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    re.IGNORECASE,
)
"""A month's name in English, in full or cut short."""
_BETWEEN = re.compile(r" (?:to|until|till|through) | ?[\u2013\u2014] ?| - ", re.IGNORECASE)
"""What stands between the two dates of a range written out."""
_AND = re.compile(r" and ", re.IGNORECASE)
_LEAD = re.compile(r"^(?:from|(?P<between>between)) ", re.IGNORECASE)
_YEAR = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")


def read_period(text: str, *, dayfirst: bool = False) -> Period:
    """Read a period as people write it, each end at the precision the text gives it.

    >>> [str(read_period(t)) for t in ["5-17 September 1978", "15\u201316 November 2021"]]
    ['1978-09-05/1978-09-17', '2021-11-15/2021-11-16']
    >>> str(read_period("June 2021 to July 2022")), str(read_period("2021-11-15/2021-11-16"))
    ('2021-06/2022-07', '2021-11-15/2021-11-16')

    The two dates stand around "to", "until", "till", "through", a dash, or "and" after
    "between"; a leading "from" is dropped. The first date takes the month and year of the
    second when it gives no more than a day ("5-17 September"), and the year of the second
    when it gives none ("June to July 2022"), never one year earlier: "28 December to 3
    January 2023" is refused, as its end comes before its start. EDTF text
    (``2021-11-15/2021-11-16``) is read as `Period.parse` reads it. Each end is read as
    `read_date` reads a date, with *dayfirst*; its problems are at ``$.start`` and
    ``$.end``.
    """
    if not isinstance(text, str):
        raise ValidationError([("$", f"expected a period as text, got {type(text).__name__}")])
    if "/" in text and _EDTF_PERIOD.fullmatch(text.strip()):
        return Period.parse(text.strip())
    if _TIME.search(text) or _ZONE_NAME.search(text):
        raise ValidationError(
            [
                (
                    "$",
                    f"cannot read {quoted(text)} as a period: it gives a time of day or a zone; "
                    "write it as EDTF, such as '2023-04-14T10:00:00/2023-04-14T12:00:00'",
                )
            ]
        )
    ends = _range_ends(text)
    if ends is None:
        raise ValidationError(
            [
                (
                    "$",
                    f"cannot read {quoted(text)} as a period: it needs two dates with 'to', "
                    "'until' or a dash between them, such as '5-17 September 1978'",
                )
            ]
        )
    first, second = ends
    start = end = None
    late: list[Problem] = []  # the end's problems, reported after the start's
    try:
        end = read_date(second, dayfirst=dayfirst)
    except ValidationError as error:
        late = list(error.under("$.end").problems)
    problems: list[Problem] = []
    try:
        if end is not None and end.month is not None and first.isdigit() and len(first) <= 2:
            start = PartialDate(year=end.year, month=end.month, day=int(first))  # 1 and 3 May
        else:
            if end is not None and not _YEAR.search(first):
                first = f"{first} {end.year}"  # "June to July 2022": the year of the end
            start = read_date(first, dayfirst=dayfirst)
    except ValidationError as error:
        problems.extend(error.under("$.start").problems)
    if problems or late:
        raise ValidationError(problems + late)
    return Period(start=start, end=end)


_EDTF_PERIOD = re.compile(r"(?:[^/\s\[]|\[[^\]\s]*\])*/(?:[^/\s\[]|\[[^\]\s]*\])*")


def _range_ends(text: str) -> tuple[str, str] | None:
    """Split a range written out into the texts of its two dates, or return None.

    Both sides must hold a date's number or a month's name, so a dateline's dash
    ("Samarkand - 14 April 2023") is no range; times of day are dropped first.
    """
    body = " ".join(_TIME.sub(" ", text).split())  # one space between words: no backtracking
    lead = _LEAD.match(body)
    body = body[lead.end() :] if lead else body
    years = _YEARS.match(body)
    if years is not None:  # 2021-2022
        return years.group(1), years.group(2)
    days = _DAYS.search(body)
    if days is not None and _MONTH_NAME.search(body):  # 5-17 September 1978
        head, tail = body[: days.start()], body[days.end() :]
        return head + days.group(1) + tail, head + days.group(2) + tail
    between = _AND if lead and lead.group("between") else _BETWEEN
    parts = [part.strip() for part in between.split(body, maxsplit=1)]
    if len(parts) != 2 or not all(_date_like(part) for part in parts):
        return None
    return parts[0], parts[1]


def _date_like(part: str) -> bool:
    return any(c.isdigit() for c in part) or _MONTH_NAME.search(part) is not None


def _no_zone(name: str | None, offset: int | None) -> None:
    """Take no zone from dateutil: `_read_clock` reads the one a time of day has."""


def _zone_problem(zone: Any) -> str | None:
    if not isinstance(zone, str):
        return f"expected a time zone name as text, got {type(zone).__name__}"
    return TimeZone().check(zone)


def _check_numbers(
    body: str, year: int, day: int | None, refuse: Callable[[str], ValidationError]
) -> None:
    """Refuse text whose numbers are not exactly the date's year, day or numeric form."""
    numbers = [(m.group(1), m.start(), m.end()) for m in _NUMBER.finditer(body)]
    years = [(start, end) for digits, start, end in numbers if digits == f"{year:04d}"]
    if not years:
        raise refuse(
            f"its year is not written in full (it would be read as {year}); write all four digits"
        )
    if re.search(_MONTH, body, re.I):  # "14 April 2023", "April 14th, 2023"
        used = set(years[:1])
        if day is not None:
            beside_month = re.compile(
                rf"(?<![0-9])0?{day}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
                rf"|{_MONTH}\s+(?:the\s+)?0?{day}(?:st|nd|rd|th)?(?![0-9])",
                re.I,
            )
            found = beside_month.search(body)
            if found is None:
                raise refuse(f"{day} is not written beside the month")
            used.update((s, e) for _, s, e in numbers if found.start() <= s < found.end())
        spare = [digits for digits, start, end in numbers if (start, end) not in used]
    else:  # "2021", "2023-04-14", "04/05/2023"
        numeric = _NUMERIC_DATE.search(body)
        spare = [
            digits
            for digits, start, end in numbers
            if (start, end) != years[0]
            and not (numeric is not None and numeric.start() <= start < numeric.end())
        ]
    if spare:
        raise refuse(f"{spare[0]} is not part of the date")


def parse_when(text: str) -> When:
    """Read the EDTF text of a date (``2023-04-14``) or a period (``2023-04-13/2023-04-14``)."""
    return _when_text(text)
