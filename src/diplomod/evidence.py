"""Sources, and the exact words in them that support a record."""

from __future__ import annotations

import attrs

from diplomod._checks import check
from diplomod._model import record
from diplomod._types import Document, Id, Label, LanguageTag, Offset, Prose, SourceId, Url
from diplomod.dates import PartialDate
from diplomod.errors import Problem, ValidationError
from diplomod.places import Place


@record("source")
@attrs.frozen(kw_only=True)
class Source:
    """A published document that records are drawn from.

    Attributes:
        id: The source's record id.
        publisher: Who published it, e.g. a news agency.
        language: The BCP 47 tag of its language.
        title: Its headline or title.
        url: Where it can be read.
        published: When it was published; events reported as done are not dated after it.
        dateline: The place it was filed from.
        text: Its full text, kept exactly; evidence offsets count code points in it.
    """

    id: Id
    publisher: Label
    language: LanguageTag
    title: Label | None = None
    url: Url | None = None
    published: PartialDate | None = None
    dateline: Place | None = None
    text: Document | None = None

    def __attrs_post_init__(self) -> None:
        check(self)

    def quote(self, start: int, end: int) -> Evidence:
        """Return evidence quoting ``text[start:end]``; the source's text must be known.

        >>> Source(id="s", publisher="P", language="en", text="They agreed.").quote(5, 11)
        Evidence(source='s', quote='agreed', start=5, end=11)
        """
        if self.text is None:
            raise ValidationError([("$.text", f"source {self.id!r} has no text to quote")])
        length = len(self.text)
        past = [
            (
                f"$.{name}",
                f"{offset} is past the end of the text, which is {length} characters long",
            )
            for name, offset in (("start", start), ("end", end))
            if isinstance(offset, int) and offset > length
        ]
        if past:
            raise ValidationError(past)
        return Evidence(source=self.id, quote=self.text[start:end], start=start, end=end)


@attrs.frozen(kw_only=True)
class Evidence:
    """The exact words of a source that support a claim.

    Offsets count Unicode code points (Python string indices), not bytes or UTF-16 units, so
    ``text[start:end] == quote``. A `Dossier` checks the quote against its source's text.

    Attributes:
        source: The id of the `Source` quoted.
        quote: The words exactly as the source gives them.
        start: Where the quote starts in the source's text.
        end: Where it ends: ``start`` plus the quote's length.
    """

    source: SourceId
    quote: Prose
    start: Offset
    end: Offset

    def __attrs_post_init__(self) -> None:
        check(self)

    def _rules(self) -> list[Problem]:
        if self.end - self.start != len(self.quote):
            return [
                (
                    "$.end",
                    f"the quote is {len(self.quote)} characters long, so end must be "
                    f"{self.start + len(self.quote)}, not {self.end}",
                )
            ]
        return []
