"""Sources and evidence: language tags, addresses, exact texts and code-point offsets."""

from __future__ import annotations

import pytest

from conftest import SOURCE_ID, SOURCE_TEXT, assert_only_problem, day, news_source
from diplomod import Evidence, Source

# -- sources ---------------------------------------------------------------------------------


def test_news_source_keeps_its_fields() -> None:
    source = news_source()
    assert source.id == SOURCE_ID
    assert source.language == "en"
    assert source.published == day("2023-04-14")
    assert source.dateline is not None
    assert source.dateline.name == "Samarkand"
    assert source.text == SOURCE_TEXT


def test_a_source_needs_only_an_id_a_publisher_and_a_language() -> None:
    source = Source(id="s", publisher="Example News Service", language="en")
    assert (source.title, source.url, source.published, source.dateline, source.text) == (
        None,
        None,
        None,
        None,
        None,
    )


@pytest.mark.parametrize("tag", ["en", "ur", "ru", "zh-Hant", "sr-Latn-RS", "es-419"])
def test_well_formed_language_tags_are_accepted(tag: str) -> None:
    assert news_source(language=tag).language == tag


@pytest.mark.parametrize("tag", ["english", "en_US", "", "e", "en-", "zh Hant"])
def test_malformed_language_tags_are_refused(tag: str) -> None:
    assert_only_problem(
        lambda: news_source(language=tag),
        "$.language",
        f"{tag!r} is not a well-formed BCP 47 language tag",
    )


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org",
        "https://news.example.org/2023/04/14/khar-lavrov",
        "https://example.org/search?q=Samarkand#results",
        "https://example.org:8443/a",
    ],
)
def test_http_and_https_urls_are_accepted(url: str) -> None:
    assert news_source(url=url).url == url


@pytest.mark.parametrize(
    "url",
    ["ftp://x", "not a url", "https://", "example.org/news", "https://example.org/a b"],
)
def test_other_urls_are_refused(url: str) -> None:
    assert_only_problem(
        lambda: news_source(url=url), "$.url", f"{url!r} is not an http or https URL"
    )


@pytest.mark.parametrize(
    "text",
    [
        "  SAMARKAND, April 14: the ministers met.\n",
        "\u00a0SAMARKAND,\u00a0April\u00a014:\u00a0the ministers met.\u00a0",
        "\n\nSAMARKAND\t(APP)\r\nThe ministers met.\r\n\n",
        " ",
    ],
    ids=["spaces-and-newline", "non-breaking-spaces", "line-breaks-and-tabs", "one-space"],
)
def test_full_text_is_kept_exactly_as_given(text: str) -> None:
    source = news_source(text=text)
    assert source.text == text
    assert source.text is not None
    assert len(source.text) == len(text)


def test_white_space_at_the_edges_of_a_title_is_refused_unlike_the_text() -> None:
    assert_only_problem(
        lambda: news_source(title="\u00a0Khar and Lavrov meet"),
        "$.title",
        "must not start or end with white space",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "must not be empty"), ("Samarkand \ud800", "must not contain the lone surrogate")],
    ids=["empty", "lone-surrogate"],
)
def test_bad_full_texts_are_refused(text: str, message: str) -> None:
    assert_only_problem(lambda: news_source(text=text), "$.text", message)


def test_published_must_be_a_partial_date() -> None:
    assert_only_problem(
        lambda: news_source(published=20230414),
        "$.published",
        "expected a PartialDate or null, got int 20230414",
    )


# -- Source.quote ----------------------------------------------------------------------------


def test_quote_returns_evidence_of_the_text_between_the_offsets() -> None:
    source = news_source()
    start = SOURCE_TEXT.index("Sergey Lavrov")
    evidence = source.quote(start, start + len("Sergey Lavrov"))
    assert evidence == Evidence(
        source=SOURCE_ID, quote="Sergey Lavrov", start=start, end=start + 13
    )


def test_quote_keeps_line_breaks_inside_the_quote() -> None:
    source = Source(id="s", publisher="P", language="en", text="They met.\nThey agreed.\n")
    assert source.quote(0, 22).quote == "They met.\nThey agreed."


def test_quote_from_a_source_without_text_is_refused() -> None:
    source = news_source(text=None)
    assert_only_problem(
        lambda: source.quote(0, 9), "$.text", f"source {SOURCE_ID!r} has no text to quote"
    )


@pytest.mark.parametrize(
    ("start", "end", "path", "message"),
    [
        (4, 11, "$.quote", "must not start or end with white space"),
        (5, 5, "$.quote", "must not be empty"),
        (11, 5, "$.quote", "must not be empty"),
        (5, 40, "$.end", "40 is past the end of the text, which is 12 characters long"),
        (13, 12, "$.start", "13 is past the end of the text, which is 12 characters long"),
        (-7, 11, "$.start", "-7 is outside the range [0, "),
    ],
    ids=[
        "white-space-edge",
        "empty-span",
        "reversed",
        "end-past-the-end",
        "past-the-end",
        "negative",
    ],
)
def test_quote_of_a_bad_span_is_refused(start: int, end: int, path: str, message: str) -> None:
    source = Source(id="s", publisher="P", language="en", text="They agreed.")
    assert_only_problem(lambda: source.quote(start, end), path, message)


# -- evidence --------------------------------------------------------------------------------


def test_evidence_whose_end_is_start_plus_length_is_accepted() -> None:
    evidence = Evidence(source="s", quote="agreed", start=5, end=11)
    assert (evidence.start, evidence.end) == (5, 11)


@pytest.mark.parametrize("end", [10, 12, 6, 0])
def test_evidence_whose_end_is_not_start_plus_length_is_refused(end: int) -> None:
    assert_only_problem(
        lambda: Evidence(source="s", quote="agreed", start=5, end=end),
        "$.end",
        f"the quote is 6 characters long, so end must be 11, not {end}",
    )


@pytest.mark.parametrize(
    ("start", "end", "path"),
    [(-1, 5, "$.start"), (0, -6, "$.end"), (-6, 0, "$.start")],
)
def test_negative_offsets_are_refused(start: int, end: int, path: str) -> None:
    assert_only_problem(
        lambda: Evidence(source="s", quote="agreed", start=start, end=end),
        path,
        "is outside the range [0, ",
    )


@pytest.mark.parametrize(
    ("quote", "message"),
    [
        ("", "must not be empty"),
        (" agreed", "must not start or end with white space"),
        ("agreed\x00", "must not contain the control character '\\x00'"),
    ],
    ids=["empty", "leading-space", "control-character"],
)
def test_bad_quotes_are_refused(quote: str, message: str) -> None:
    assert_only_problem(
        lambda: Evidence(source="s", quote=quote, start=0, end=len(quote)), "$.quote", message
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [(5.0, "expected an integer, got float 5.0"), (True, "expected an integer, got bool True")],
)
def test_offsets_must_be_integers(value: object, message: str) -> None:
    assert_only_problem(
        lambda: Evidence(source="s", quote="agreed", start=value, end=11),  # type: ignore[arg-type]
        "$.start",
        message,
    )


def test_evidence_must_name_its_source_by_a_record_id() -> None:
    assert_only_problem(
        lambda: Evidence(source="News Service", quote="agreed", start=5, end=11),
        "$.source",
        "'News Service' is not a record id",
    )


def test_multi_line_quotes_are_accepted() -> None:
    quote = "They met.\nThey agreed."
    assert Evidence(source="s", quote=quote, start=0, end=len(quote)).quote == quote


UNICODE_TEXTS = [
    ("حنا ربانی کھر نے سرگئی لاوروف سے سمرقند میں ملاقات کی۔", "سرگئی لاوروف"),  # noqa: RUF001
    ("Сергей Лавров встретился с Хиной Раббани Хар в Самарканде.", "Хиной Раббани Хар"),  # noqa: RUF001
    ("哈尔与拉夫罗夫在撒马尔罕举行会谈。", "撒马尔罕"),
    ("𠮷野家 and 𩸽 are written outside the Basic Multilingual Plane.", "𩸽 are written"),
]
UNICODE_IDS = ["urdu", "cyrillic", "chinese", "astral"]


@pytest.mark.parametrize(("text", "quote"), UNICODE_TEXTS, ids=UNICODE_IDS)
def test_offsets_count_code_points(text: str, quote: str) -> None:
    start = text.index(quote)
    source = Source(id="s", publisher="P", language="und", text=text)
    evidence = source.quote(start, start + len(quote))
    assert evidence.quote == quote
    assert evidence.end - evidence.start == len(quote)


@pytest.mark.parametrize(("text", "quote"), UNICODE_TEXTS, ids=UNICODE_IDS)
def test_offsets_counted_in_utf8_bytes_are_refused(text: str, quote: str) -> None:
    start = text.index(quote)
    byte_length = len(quote.encode("utf-8"))
    assert byte_length != len(quote)  # the example must tell bytes from code points
    assert_only_problem(
        lambda: Evidence(source="s", quote=quote, start=start, end=start + byte_length),
        "$.end",
        f"so end must be {start + len(quote)}, not {start + byte_length}",
    )


def test_offsets_counted_in_utf16_units_are_refused() -> None:
    quote = "𩸽 are written"
    utf16_length = len(quote.encode("utf-16-le")) // 2
    assert utf16_length == len(quote) + 1
    assert_only_problem(
        lambda: Evidence(source="s", quote=quote, start=4, end=4 + utf16_length),
        "$.end",
        f"so end must be {4 + len(quote)}, not {4 + utf16_length}",
    )


def test_a_quote_across_a_windows_line_break_can_be_taken_from_the_text() -> None:
    source = Source(id="s", publisher="P", language="en", text="They met.\r\nThey agreed.\r\n")
    assert source.quote(0, 23).quote == "They met.\r\nThey agreed."
