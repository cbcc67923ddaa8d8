"""The worked example: a news article from Samarkand, 14 April 2023, modeled in full.

The article (``samarkand_2023.txt``, kept byte for byte) reports the meeting of Pakistan's
Minister of State Hina Rabbani Khar and Russia's Foreign Minister Sergey Lavrov on the
sidelines of the fourth summit of Afghanistan's neighbouring countries. ``samarkand_2023.json``
is the `~diplomod.Dossier` that models it, every claim with the article's exact words.

>>> dossier = samarkand_2023()
>>> [meeting.id for meeting in dossier.meetings_between("PAK", "RUS")]
['afghanistan-neighbours-summit-4', 'meeting-2023-04-14-khar-lavrov']
>>> dossier.sources[0].text == samarkand_2023_article()
True
"""

from __future__ import annotations

from importlib import resources

from diplomod.dossier import Dossier
from diplomod.serializers import from_json

__all__ = ["samarkand_2023", "samarkand_2023_article", "samarkand_2023_json"]


def samarkand_2023_article() -> str:
    """Return the article's text, exactly as published."""
    return resources.files(__name__).joinpath("samarkand_2023.txt").read_text("utf-8")


def samarkand_2023_json() -> str:
    """Return the worked example as the JSON document that ships with the package."""
    return resources.files(__name__).joinpath("samarkand_2023.json").read_text("utf-8")


def samarkand_2023() -> Dossier:
    """Return the worked example as a `~diplomod.Dossier`."""
    return from_json(samarkand_2023_json(), Dossier)
