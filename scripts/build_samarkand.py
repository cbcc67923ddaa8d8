"""Model the Samarkand article and write it as ``src/diplomod/examples/samarkand_2023.json``.

The article ships beside the JSON as ``samarkand_2023.txt``, byte for byte. Every claim quotes
the article's exact words, located here by searching the text, so the offsets are never typed
by hand. Facts the article does not give (the SCO's founding date and the two states'
memberships) carry sources of their own. Run after changing the model::

    python scripts/build_samarkand.py

A test fails while the shipped JSON differs from what this builds.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import diplomod as dm

OUT = Path(__file__).resolve().parent.parent / "src" / "diplomod" / "examples"

ARTICLE_ID = "tdi-2023-04-14-khar-lavrov"
PAKISTAN_RUSSIA = ("PAK", "RUS")


def article() -> str:
    """Return the article's text, exactly as shipped."""
    return resources.files("diplomod").joinpath("examples", "samarkand_2023.txt").read_text("utf-8")


def quote(text: str, words: str) -> dm.Evidence:
    """Return evidence for *words*, which must occur exactly once in the article."""
    start = text.find(words)
    if start < 0 or text.find(words, start + 1) >= 0:
        raise ValueError(f"{words!r} must occur exactly once in the article")
    return dm.Evidence(source=ARTICLE_ID, quote=words, start=start, end=start + len(words))


def build() -> dm.Dossier:
    """Return the article, modeled in full."""
    text = article()
    samarkand = dm.Place(name="Samarkand", country="UZB")

    source = dm.Source(
        id=ARTICLE_ID,
        publisher="TDI",
        language="en",
        published=dm.PartialDate(year=2023, month=4, day=14),
        dateline=samarkand,
        text=text,
    )
    # Facts about the SCO that the article does not give, each with its own source.
    founding = dm.Source(
        id="sco-declaration-2001",
        publisher="Shanghai Cooperation Organisation",
        title="Declaration on the Establishment of the Shanghai Cooperation Organisation",
        language="en",
        published=dm.PartialDate(year=2001, month=6, day=15),
        dateline=dm.Place(name="Shanghai", country="CHN"),
    )
    astana = dm.Source(
        id="sco-astana-declaration-2017",
        publisher="Shanghai Cooperation Organisation",
        title="Astana Declaration of the Heads of State Council of the Shanghai Cooperation "
        "Organisation",
        language="en",
        published=dm.PartialDate(year=2017, month=6, day=9),
        dateline=dm.Place(name="Astana", country="KAZ"),
    )

    khar = dm.Person(
        id="hina-rabbani-khar",
        name="Hina Rabbani Khar",
        offices=(dm.Office(title="Minister of State", represents="PAK"),),
        sources=(ARTICLE_ID,),
        evidence=(quote(text, "Hina Rabbani Khar, Minister of State of Pakistan"),),
    )
    lavrov = dm.Person(
        id="sergey-lavrov",
        name="Sergey Lavrov",
        offices=(dm.Office(title="Foreign Minister", represents="RUS"),),
        sources=(ARTICLE_ID,),
        evidence=(quote(text, "the Foreign Minister of Russia, Sergey Lavrov"),),
    )
    sco = dm.Organization(
        id="sco",
        name="Shanghai Cooperation Organization",
        acronym="SCO",
        kind="intergovernmental",
        founded=dm.PartialDate(year=2001, month=6, day=15),
        memberships=(
            dm.Membership(
                state="RUS",
                status="member",
                period=dm.Period.parse("2001-06-15/.."),
                founding=True,
                sources=(founding.id,),
            ),
            dm.Membership(
                state="PAK",
                status="member",
                period=dm.Period.parse("2017-06-09/.."),
                sources=(astana.id,),
            ),
        ),
        sources=(ARTICLE_ID, founding.id),
        evidence=(quote(text, "the Shanghai Cooperation Organization (SCO)"),),
    )

    def delegates(role: str = "participant") -> tuple[dm.Participant, ...]:
        return (
            dm.Participant(person=khar.id, office="Minister of State", represents="PAK", role=role),
            dm.Participant(
                person=lavrov.id, office="Foreign Minister", represents="RUS", role=role
            ),
        )

    summit = dm.Meeting(
        id="afghanistan-neighbours-summit-4",
        title="Fourth summit of Afghanistan’s neighboring countries",
        # The article dates only the meeting held on its sidelines, so the summit is dated to
        # the month; it was held in Uzbekistan, and the dateline places it in Samarkand.
        when=dm.PartialDate(year=2023, month=4),
        where=samarkand,
        formats=frozenset({"summit"}),
        participants=delegates(),
        areas=frozenset({"diplomacy.conflict_resolution", "security.regional_security"}),
        topics=("Afghanistan",),
        sources=(ARTICLE_ID,),
        evidence=(
            quote(text, "the fourth summit of Afghanistan’s neighboring countries in Uzbekistan"),
        ),
    )

    def said(
        stance: str,
        substance: str,
        words: str,
        areas: set[str],
        *,
        by: tuple[str, ...] = (),
        status: str = "done",
    ) -> dm.Statement:
        return dm.Statement(
            by=by or PAKISTAN_RUSSIA,
            stance=stance,
            substance=substance,
            areas=frozenset(areas),
            status=status,
            evidence=(quote(text, words),),
        )

    ministers = (khar.id, lavrov.id)
    statements = (
        said(
            "studied",
            "The two sides studied the whole range of bilateral, regional and global issues.",
            "The two sides studied the entire spectrum of bilateral, regional, and global issues.",
            {"diplomacy"},
        ),
        said(
            "stressed",
            "High-level exchanges are needed to strengthen bilateral cooperation in commerce "
            "and investment, culture, energy and food security.",
            "They stressed the necessity of high-level exchanges to foster stronger bilateral "
            "cooperation in commerce and investment, culture, energy, and food security for the "
            "mutual benefit of the two countries.",
            {"economy.trade", "economy.investment", "culture", "energy", "economy.food_security"},
        ),
        said(
            "agreed",
            "Bilateral exchange is critical to strengthening the two countries' connection.",
            "Both ministers agreed that bilateral exchange is critical to strengthening the two "
            "countries’ connection.",
            {"diplomacy"},
            by=ministers,
        ),
        said(
            "evaluated",
            "The two sides evaluated progress on economic projects under the SCO.",
            "they evaluated progress on numerous economic projects under the Shanghai "
            "Cooperation Organization (SCO).",
            {"economy.regional_integration"},
        ),
        said(
            "examined",
            "The two sides examined how SCO initiatives can promote economic development and "
            "cooperation among its members and benefit Pakistan and Russia.",
            "They examined the potential of SCO’s initiatives to promote economic development "
            "and cooperation among member nations and how they can significantly benefit "
            "Pakistan and Russia.",
            {"economy.development", "economy.regional_integration"},
        ),
        said(
            "agreed",
            "Stronger international collaboration matters in combating terrorism, extremism "
            "and drug trafficking.",
            "Minister Khar and Foreign Minister Lavrov agreed on the significance of more vital "
            "international collaboration in combating traditional threats like terrorism, "
            "extremism, and drug trafficking",
            {"security.counterterrorism", "security.extremism", "security.drug_trafficking"},
            by=ministers,
        ),
        said(
            "examined",
            "The two countries examined various subjects, including the situation in Afghanistan.",
            "Both countries examined various subjects, including the situation in Afghanistan.",
            {"diplomacy.conflict_resolution", "security.regional_security"},
        ),
        said(
            "stressed",
            "Continued close consultation should support a peaceful, stable, sovereign and "
            "prosperous Afghanistan.",
            "They stressed the significance of continuing close consultation to support the "
            "shared goal of a peaceful, stable, sovereign, and prosperous Afghanistan.",
            {"diplomacy.conflict_resolution", "security.regional_security"},
        ),
        said(
            "committed",
            "Both ministers committed to regular engagement and to improving Pakistan-Russia "
            "relations.",
            "Both diplomats emphasized their commitment to maintaining regular engagement and "
            "improving Pakistan-Russia relations.",
            {"diplomacy"},
            by=ministers,
        ),
        said(
            "agreed",
            "The two sides will hold frequent consultations on subjects of mutual interest and "
            "seek new channels of cooperation.",
            "They agreed to hold frequent consultations on various subjects of mutual interest "
            "and to seek new channels of cooperation.",
            {"diplomacy"},
            status="planned",
        ),
    )
    meeting = dm.Meeting(
        id="meeting-2023-04-14-khar-lavrov",
        when=dm.PartialDate(year=2023, month=4, day=14),
        where=samarkand,
        formats=frozenset({"bilateral", "third_location"}),
        participants=delegates(),
        occasion=dm.Occasion(relation="sidelines_of", event=summit.id),
        areas=frozenset(area for statement in statements for area in statement.areas),
        topics=("bilateral, regional, and global issues", "the situation in Afghanistan"),
        statements=statements,
        sources=(ARTICLE_ID,),
        evidence=(
            quote(
                text,
                "Hina Rabbani Khar, Minister of State of Pakistan, met with the Foreign Minister "
                "of Russia, Sergey Lavrov, on the sidelines of the fourth summit",
            ),
        ),
    )

    pipeline = dm.Agreement(
        id="mou-2021-north-south-gas-pipeline",
        title="Memorandum of understanding on developing the North-South gas pipeline project",
        instrument="memorandum_of_understanding",
        parties=PAKISTAN_RUSSIA,
        concluded=dm.PartialDate(year=2021),
        events=tuple(
            dm.LifecycleEvent(action="signed", party=party, date=dm.PartialDate(year=2021))
            for party in PAKISTAN_RUSSIA
        ),
        areas=frozenset({"energy.pipelines", "energy.lng"}),
        projects=("North-South gas pipeline",),
        sources=(ARTICLE_ID,),
        evidence=(
            quote(
                text,
                "In 2021, the two countries signed an MoU on developing the North-South gas "
                "pipeline project to transport liquefied natural gas (LNG) from Russia to "
                "Pakistan.",
            ),
        ),
    )
    defense = dm.Agreement(
        id="pakistan-russia-defense-agreements",
        title="Defense agreements between Pakistan and Russia (undated, as the article gives them)",
        instrument="defense_agreement",
        parties=PAKISTAN_RUSSIA,
        areas=frozenset({"security.defense"}),
        sources=(ARTICLE_ID,),
        evidence=(quote(text, "signed defense agreements"),),
    )

    def activity(
        id: str,
        description: str,
        words: str,
        areas: set[str],
        status: str,
    ) -> dm.Activity:
        return dm.Activity(
            id=id,
            parties=PAKISTAN_RUSSIA,
            description=description,
            areas=frozenset(areas),
            status=status,
            sources=(ARTICLE_ID,),
            evidence=(quote(text, words),),
        )

    activities = (
        activity(
            "pakistan-russia-joint-military-exercises",
            "The two states conduct joint military exercises.",
            "The two nations conduct joint military exercises",
            {"security.defense.exercises"},
            "ongoing",
        ),
        activity(
            "pakistan-russia-counterterrorism",
            "The two states have worked together to combat terrorism in the region.",
            "both countries have worked together to combat terrorism in the region.",
            {"security.counterterrorism", "security.regional_security"},
            "done",
        ),
        activity(
            "pakistan-russia-trade-investment-research",
            "The two states are researching growing trade and investment, particularly in "
            "energy, agriculture and infrastructure.",
            "the two countries are researching growing trade and investment, particularly in "
            "energy, agriculture, and infrastructure.",
            {
                "economy.trade",
                "economy.investment",
                "energy",
                "economy.agriculture",
                "economy.infrastructure",
            },
            "ongoing",
        ),
    )

    return dm.Dossier(
        sources=(source, founding, astana),
        people=(khar, lavrov),
        organizations=(sco,),
        meetings=(summit, meeting),
        agreements=(pipeline, defense),
        activities=activities,
    )


def main() -> int:
    path = OUT / "samarkand_2023.json"
    path.write_text(dm.to_json(build(), indent=2) + "\n", encoding="utf-8", newline="\n")
    print(f"wrote {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
