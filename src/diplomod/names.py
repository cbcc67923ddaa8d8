"""Names in any script, with the language they are written in."""

from __future__ import annotations

import attrs

from diplomod._checks import check
from diplomod._types import Label, LanguageTag


@attrs.frozen(kw_only=True)
class Name:
    """Another name or spelling of a person or organization.

    >>> Name(text="حنا ربانی کھر", language="ur").language
    'ur'

    Attributes:
        text: The name as written, in any script.
        language: The BCP 47 tag of its language and script, when known.
    """

    text: Label
    language: LanguageTag | None = None

    def __attrs_post_init__(self) -> None:
        check(self)
