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
import re
from collections.abc import Callable
from typing import Annotated, Any, Final, Literal

import attrs
from dateutil import parser as _dateutil

from diplomod._checks import check
from diplomod._rules import Range
from diplomod.errors import Problem, ValidationError, quoted

Precision = Literal["year", "month", "day"]

_EDTF = re.compile(
    r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?(?P<qualifier>[?~%])?"
)
_QUALIFIERS = {None: (False, False), "~": (True, False), "?": (False, True), "%": (True, True)}

_DATE_TEXT = (  # a real calendar date at its precision (leap days too), then a qualifier
    r"(?:(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
    r"(?:-(?:(?:0[13578]|1[02])(?:-(?:0[1-9]|[12][0-9]|3[01]))?"
    r"|(?:0[469]|11)(?:-(?:0[1-9]|[12][0-9]|30))?"
    r"|02(?:-(?:0[1-9]|1[0-9]|2[0-8]))?))?"
    r"|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29)"
    r"[?~%]?"
)

PARTIAL_DATE_PATTERN = f"^{_DATE_TEXT}$"
"""The shape of a `PartialDate` text form, for schemas (the calendar is checked on top)."""


@attrs.frozen(kw_only=True)
class PartialDate:
    """A calendar date known to year, month or day precision.

    >>> d = PartialDate.parse("2023-04")
    >>> d.precision, d.earliest, d.latest
    ('month', datetime.date(2023, 4, 1), datetime.date(2023, 4, 30))
    >>> str(PartialDate(year=2021, approximate=True))
    '2021~'
    >>> d.could_be(datetime.date(2023, 4, 14))
    True

    Dates sort by their earliest possible day, then by their latest, so ``2023`` comes before
    ``2023-04``, and ``2023-04`` before ``2023-04-14``.

    Attributes:
        year: The year, 1 to 9999.
        month: The month, 1 to 12, when known.
        day: The day of the month, when known; needs a month.
        approximate: The date is an estimate (EDTF ``~``).
        uncertain: The source is unsure of the date (EDTF ``?``).
    """

    year: Annotated[int, Range(1, 9999)]
    month: Annotated[int, Range(1, 12)] | None = None
    day: Annotated[int, Range(1, 31)] | None = None
    approximate: bool = False
    uncertain: bool = False

    def __attrs_post_init__(self) -> None:
        check(self)

    def _rules(self) -> list[Problem]:
        if self.day is None:
            return []
        if self.month is None:
            return [("$.day", "a day needs a month")]
        last = calendar.monthrange(self.year, self.month)[1]
        if self.day > last:
            month = calendar.month_name[self.month]
            return [("$.day", f"{month} {self.year} has {last} days, not {self.day}")]
        return []

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read the EDTF text form strictly: ``2021``, ``2023-04``, ``2023-04-14``, ``2021~``.

        >>> PartialDate.parse("2023-02-30")
        Traceback (most recent call last):
        ...
        diplomod.errors.ValidationError: $.day: February 2023 has 28 days, not 30
        """
        if not isinstance(text, str):
            raise ValidationError([("$", f"expected a date as text, got {type(text).__name__}")])
        match = _EDTF.fullmatch(text)
        if match is None:
            raise ValidationError(
                [
                    (
                        "$",
                        f"{quoted(text)} is not a date such as '2023', '2023-04', "
                        "'2023-04-14' or '2021~'",
                    )
                ]
            )
        year = int(match["year"])
        month = None if match["month"] is None else int(match["month"])
        day = None if match["day"] is None else int(match["day"])
        approximate, uncertain = _QUALIFIERS[match["qualifier"]]
        return cls(year=year, month=month, day=day, approximate=approximate, uncertain=uncertain)

    @classmethod
    def from_date(cls, date: datetime.date) -> PartialDate:
        """Make a day-precision date from a `datetime.date`."""
        return cls(year=date.year, month=date.month, day=date.day)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.approximate or self.uncertain:
            text += "%" if self.approximate and self.uncertain else "~" if self.approximate else "?"
        return text

    @property
    def precision(self) -> Precision:
        """The part of the date that is known, ``"year"``, ``"month"`` or ``"day"``."""
        return "year" if self.month is None else "month" if self.day is None else "day"

    @property
    def earliest(self) -> datetime.date:
        """The first day the date could be."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> datetime.date:
        """The last day the date could be."""
        if self.month is None:
            return datetime.date(self.year, 12, 31)
        if self.day is None:
            return datetime.date(
                self.year, self.month, calendar.monthrange(self.year, self.month)[1]
            )
        return datetime.date(self.year, self.month, self.day)

    def could_be(self, date: datetime.date) -> bool:
        """Whether *date* lies within the date's stated precision.

        The qualifiers ``~`` and ``?`` do not widen the range: ``2021~`` could be any day of 2021.
        """
        return self.earliest <= date <= self.latest

    def _key(self) -> tuple[datetime.date, datetime.date, bool, bool]:
        return (self.earliest, self.latest, self.approximate, self.uncertain)

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
            and end.latest < start.earliest
        ):
            return [("$.end", f"{end} is before the start {start}")]
        return []

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read the EDTF interval form strictly: ``2023-04-13/2023-04-14``, ``2017-06/..``,
        ``2017/``, ``../2010``, ``/2010``."""
        if not isinstance(text, str):
            raise ValidationError([("$", f"expected a period as text, got {type(text).__name__}")])
        parts = text.split("/")
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
    """Return *value*, a `PartialDate`, a `datetime.date` or EDTF text, as a `PartialDate`.

    >>> str(as_partial_date(datetime.date(2023, 4, 14))), str(as_partial_date("2023-04"))
    ('2023-04-14', '2023-04')

    Raises:
        ValidationError: *value* is none of those (a `datetime.datetime` neither: its time
            would be dropped).
    """
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
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


When = PartialDate | Period
"""When an event happened: on a (partial) date, or over a period."""

DateParts = tuple[int, int | None, int | None, bool, bool]


@functools.lru_cache(maxsize=4096)
def _date_parts(text: str) -> DateParts:
    """Read a date's text once; the parts, not the object, are kept and shared."""
    date = PartialDate.parse(text)
    return (date.year, date.month, date.day, date.approximate, date.uncertain)


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
    _set(date, "year", parts[0])
    _set(date, "month", parts[1])
    _set(date, "day", parts[2])
    _set(date, "approximate", parts[3])
    _set(date, "uncertain", parts[4])
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
    if type(text) is str and "/" in text:
        if text.count("/") > 1:  # such as 14/04/2023: a date, meant as people write it
            raise ValidationError([("$", _NEITHER.format(quoted(text)))])
        return _period_text(text)
    return _date_text(text)


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


def read_date(text: str, *, dayfirst: bool = False) -> PartialDate:
    """Read a date as people write it, keeping exactly the precision the text gives.

    >>> str(read_date("14 April 2023")), str(read_date("April 2023")), str(read_date("In 2021"))
    ('2023-04-14', '2023-04', '2021')
    >>> str(read_date("around 2021")), str(read_date("March 2022?"))
    ('2021~', '2022-03?')

    A leading "about", "around", "approximately", "circa" or "c." marks the date approximate,
    a trailing "?" uncertain. Times of day are ignored. *dayfirst* reads ``04/05/2023`` as
    4 May. Text with no year, with a year not written in full, with numbers that are not
    part of the date ("In 2021, 3 MoUs") or not written with the digits 0 to 9, or with a
    date that does not exist is a `ValidationError`: the reader never guesses.
    """
    if not isinstance(text, str):
        raise ValidationError([("$", f"expected a date as text, got {type(text).__name__}")])
    body = text.strip()
    uncertain = body.endswith("?")
    body = body.removesuffix("?").rstrip()
    approximate = _APPROXIMATE.match(body) is not None
    body = _TIME.sub(" ", _APPROXIMATE.sub("", body))

    def refuse(reason: str) -> ValidationError:
        return ValidationError([("$", f"cannot read {quoted(text)} as a date: {reason}")])

    if _range_ends(body) is not None:
        raise refuse("it is a range of dates; read it with read_period")

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
    return PartialDate(
        year=first.year, month=month, day=day, approximate=approximate, uncertain=uncertain
    )


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


_EDTF_PERIOD = re.compile(r"[^/\s]*/[^/\s]*")


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
    """Ignore a time zone, as the time of day is ignored: nothing is warned or guessed."""


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
