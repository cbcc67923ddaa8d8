"""Names in any script, tagged with their language."""

from __future__ import annotations

import pytest

from diplomod import Name, ValidationError


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("حنا ربانی کھر", "ur"),
        ("Сергей Викторович Лавров", "ru"),
        ("王毅", "zh-Hans"),
        ("王毅", "zh-Hant-TW"),
        ("Шавкат Мирзиёев", "uz-Cyrl"),
        ("Shavkat Mirziyoyev", "uz-Latn"),
        ("Hina Rabbani Khar", "en-GB"),
        ("Hina Rabbani Khar", "es-419"),
        ("Hina Rabbani Khar", "en-x-private"),
        ("Hina Rabbani Khar", None),
    ],
)
def test_names_in_any_script_with_well_formed_language_tags(
    text: str, language: str | None
) -> None:
    name = Name(text=text, language=language)
    assert (name.text, name.language) == (text, language)


def test_language_is_optional() -> None:
    assert Name(text="Hina Rabbani Khar").language is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "must not be empty"),
        (" Lavrov", "must not start or end with white space"),
        ("Sergey\nLavrov", "must not contain the control character '\\n'"),
        ("Lav\x00rov", "must not contain the control character '\\x00'"),
    ],
)
def test_the_text_must_be_a_clean_single_line(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        Name(text=text)
    assert err.value.problems == (("$.text", message),)


@pytest.mark.parametrize(
    "language", ["", "u", "urdu", "en_GB", "en-", "-en", "zh-Hant-", "en GB", "ur\n", "12"]
)
def test_a_malformed_language_tag_is_refused(language: str) -> None:
    with pytest.raises(ValidationError) as err:
        Name(text="حنا ربانی کھر", language=language)
    assert err.value.problems == (
        (
            "$.language",
            f"{language!r} is not a well-formed BCP 47 language tag "
            "such as 'en', 'ur' or 'zh-Hant'",
        ),
    )


def test_both_fields_are_reported_at_once() -> None:
    with pytest.raises(ValidationError) as err:
        Name(text="", language="urdu")
    assert [path for path, _ in err.value.problems] == ["$.text", "$.language"]


def test_names_are_equal_by_text_and_language() -> None:
    assert Name(text="王毅", language="zh") == Name(text="王毅", language="zh")
    assert Name(text="王毅", language="zh") != Name(text="王毅", language="ja")
    assert Name(text="王毅") != Name(text="王毅", language="zh")
