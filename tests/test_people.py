"""People and the offices they hold."""

from __future__ import annotations

import pytest

from diplomod import Name, Office, PartialDate, Period, Person, ValidationError

URDU = Name(text="حنا ربانی کھر", language="ur")


# --- Office ----------------------------------------------------------------------------------


@pytest.mark.parametrize("represents", ["PAK", "RUS", "UZB", "XKX", "sco", "mofa.pk", "un-gc"])
def test_an_office_represents_a_state_or_an_organization(represents: str) -> None:
    assert Office(title="Secretary-General", represents=represents).represents == represents


def test_an_office_may_have_a_period() -> None:
    office = Office(
        title="Minister of State for Foreign Affairs",
        represents="PAK",
        period=Period.parse("2018-08/2022-04"),
    )
    assert office.period is not None
    assert office.period.start == PartialDate(year=2018, month=8)
    assert Office(title="Minister", represents="PAK").period is None


@pytest.mark.parametrize(
    ("represents", "message"),
    [
        ("PAKI", "unknown state code 'PAKI'; did you mean 'PAK'?"),
        ("UZBK", "unknown state code 'UZBK'; did you mean 'UZB'?"),
        (
            "foreign office",
            "'foreign office' is neither a state code such as 'PAK' nor a record id such as 'sco'",
        ),
        # Any capital letter makes it read as a state code.
        (
            "Foreign Office",
            "'Foreign Office' is neither a state code such as 'PAK' nor a record id such as 'sco'",
        ),
        ("Russia", "unknown state code 'Russia'; did you mean 'RUS'?"),
        ("", "'' is neither a state code such as 'PAK' nor a record id such as 'sco'"),
    ],
)
def test_an_office_refuses_unknown_actors(represents: str, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        Office(title="Minister", represents=represents)
    assert err.value.problems == (("$.represents", message),)


def test_an_office_reports_all_its_problems() -> None:
    with pytest.raises(ValidationError) as err:
        Office(title=" Minister", represents="UZBK", period="2022/2018")  # type: ignore[arg-type]
    assert err.value.problems == (
        ("$.title", "must not start or end with white space"),
        ("$.represents", "unknown state code 'UZBK'; did you mean 'UZB'?"),
        ("$.period", "end: 2018 is before the start 2022"),
    )


# --- Person ----------------------------------------------------------------------------------


def test_a_person_with_names_in_other_scripts() -> None:
    person = Person(
        id="hina-rabbani-khar",
        name="Hina Rabbani Khar",
        other_names=(URDU,),
        wikidata="Q238424",
        offices=(
            Office(title="Minister of State for Foreign Affairs", represents="PAK"),
            Office(title="Minister of Foreign Affairs", represents="PAK"),
        ),
    )
    assert person.other_names[0].text == "حنا ربانی کھر"
    assert [office.title for office in person.offices] == [
        "Minister of State for Foreign Affairs",
        "Minister of Foreign Affairs",
    ]


@pytest.mark.parametrize(
    ("name", "other"),
    [
        ("Sergey Lavrov", Name(text="Сергей Викторович Лавров", language="ru")),
        ("Wang Yi", Name(text="王毅", language="zh")),
        ("حنا ربانی کھر", Name(text="Hina Rabbani Khar", language="en")),
    ],
)
def test_a_person_may_be_named_in_any_script(name: str, other: Name) -> None:
    person = Person(id="someone", name=name, other_names=(other,))
    assert (person.name, person.other_names) == (name, (other,))


def test_a_person_needs_only_an_id_and_a_name() -> None:
    person = Person(id="wang-yi", name="Wang Yi")
    assert (person.other_names, person.wikidata, person.offices) == ((), None, ())


@pytest.mark.parametrize("wikidata", ["Q1", "Q42", "Q238424", "Q1000000000"])
def test_wikidata_ids_are_accepted(wikidata: str) -> None:
    assert Person(id="p", name="Wang Yi", wikidata=wikidata).wikidata == wikidata


@pytest.mark.parametrize("wikidata", ["Q0", "q42", "Q", "Q042", "42", "P31", "Q42 ", "Q-1", "Q4 2"])
def test_malformed_wikidata_ids_are_refused(wikidata: str) -> None:
    with pytest.raises(ValidationError) as err:
        Person(id="p", name="Wang Yi", wikidata=wikidata)
    assert err.value.problems == (
        ("$.wikidata", f"{wikidata!r} is not a Wikidata id such as 'Q42'"),
    )


def test_a_wikidata_id_must_be_text() -> None:
    with pytest.raises(ValidationError) as err:
        Person(id="p", name="Wang Yi", wikidata=42)  # type: ignore[arg-type]
    assert err.value.problems == (("$.wikidata", "expected a string or null, got int 42"),)


@pytest.mark.parametrize("person_id", ["Hina Rabbani Khar", "Hina-Khar", "hina--khar", "", "-hina"])
def test_a_person_id_must_be_a_record_id(person_id: str) -> None:
    with pytest.raises(ValidationError) as err:
        Person(id=person_id, name="Hina Rabbani Khar")
    ((path, message),) = err.value.problems
    assert path == "$.id"
    assert message.startswith(f"{person_id!r} is not a record id: lower-case letters and digits")


def test_the_same_other_name_may_not_be_listed_twice() -> None:
    with pytest.raises(ValidationError) as err:
        Person(id="p", name="Hina Rabbani Khar", other_names=(URDU, URDU))
    assert err.value.problems == (("$.other_names", f"lists {URDU!r} more than once"),)


def test_the_same_office_may_not_be_listed_twice() -> None:
    office = Office(title="Minister of Foreign Affairs", represents="RUS")
    with pytest.raises(ValidationError) as err:
        Person(id="sergey-lavrov", name="Sergey Lavrov", offices=(office, office))
    assert err.value.problems == (("$.offices", f"lists {office!r} more than once"),)


def test_an_office_may_be_held_twice_over_different_periods() -> None:
    first = Office(title="Minister", represents="PAK", period=Period.parse("2011/2013"))
    second = Office(title="Minister", represents="PAK", period=Period.parse("2022/2023"))
    assert Person(id="p", name="Hina Rabbani Khar", offices=(first, second)).offices == (
        first,
        second,
    )


def test_an_other_name_must_not_repeat_the_name_without_a_language() -> None:
    with pytest.raises(ValidationError) as err:
        Person(
            id="wang-yi",
            name="Wang Yi",
            other_names=(Name(text="王毅"), Name(text="Wang Yi")),
        )
    assert err.value.problems == (("$.other_names[1].text", "repeats the name 'Wang Yi'"),)


def test_an_other_name_may_repeat_the_name_to_tag_its_language() -> None:
    tagged = Name(text="Wang Yi", language="en")
    assert Person(id="wang-yi", name="Wang Yi", other_names=(tagged,)).other_names == (tagged,)


def test_a_person_reports_all_field_problems_at_once() -> None:
    with pytest.raises(ValidationError) as err:
        Person(
            id="Wang Yi",
            name="",
            other_names=(URDU, "王毅"),  # type: ignore[arg-type]
            wikidata="q42",
            offices="Minister",  # type: ignore[arg-type]
        )
    assert [path for path, _ in err.value.problems] == [
        "$.id",
        "$.name",
        "$.other_names[1]",
        "$.wikidata",
        "$.offices",
    ]
    assert ("$.other_names[1]", "expected a Name, got str '王毅'") in err.value.problems
    assert ("$.offices", "expected a tuple, got str 'Minister'") in err.value.problems
