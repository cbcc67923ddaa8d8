"""The exporters' shared machinery: the records given, their paths, the formats."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import meeting_corpus
from diplomod import Meeting, to_json, write_jsonl
from diplomod._cli import main
from diplomod._export import FORMATS, Entry, MissingExtraError, entries, index, written
from diplomod.examples import samarkand_2023


def test_a_dossier_s_records_stand_at_their_paths() -> None:
    dossier = samarkand_2023()
    found = entries(dossier)
    assert found[0] == Entry("$.sources[0]", dossier.sources[0])
    assert Entry("$.meetings[1]", dossier.meetings[1]) in found
    assert (
        len(found)
        == len(set(index(found)))
        == len(dossier.sources)
        + len(dossier.people)
        + len(dossier.organizations)
        + len(dossier.meetings)
        + len(dossier.agreements)
        + len(dossier.activities)
        + len(dossier.areas)
    )


def test_an_iterable_s_records_stand_at_their_positions() -> None:
    meetings = samarkand_2023().meetings
    assert [(e.path, e.kind) for e in entries(iter(meetings))] == [
        ("$[0]", "meeting"),
        ("$[1]", "meeting"),
    ]


def test_a_missing_extra_is_told_apart_from_a_fault(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "followthemoney", None)
    monkeypatch.delitem(sys.modules, "diplomod.ftm", raising=False)
    with pytest.raises(MissingExtraError) as missing:
        FORMATS["ftm"].exporter()
    assert missing.value.args == ("ftm",)
    monkeypatch.setitem(sys.modules, "diplomod.plover", None)  # a fault, not an extra
    with pytest.raises(ImportError) as fault:
        FORMATS["plover"].exporter()
    assert not isinstance(fault.value, MissingExtraError)


def test_each_layout_is_written_as_its_format_says() -> None:
    assert written("plover", [{"a": "ä"}, {"b": 1}]) == '{"a":"ä"}\n{"b":1}\n'
    assert written("popolo", {"persons": []}) == '{\n  "persons": []\n}\n'


@pytest.fixture(scope="module")
def fifty_thousand(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Meeting]]:
    """50,000 meetings, and the JSON Lines file that holds them."""
    meetings = list(meeting_corpus(50_000))
    path = tmp_path_factory.mktemp("corpus") / "meetings.jsonl"
    write_jsonl(meetings, path)
    return path, meetings


@pytest.mark.parametrize("name", ["plover", "popolo", "jsonld"])
def test_fifty_thousand_records_export_alike_from_the_command_line_and_python(
    name: str,
    fifty_thousand: tuple[Path, list[Meeting]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, meetings = fifty_thousand
    out = tmp_path / "out"
    assert main(["export", name, str(path), "--out", str(out), "-q"]) == 0
    output, losses = FORMATS[name].exporter()(meetings)
    assert out.read_text("utf-8") == written(name, output)
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == len(losses)
    where = "$" + losses[0][0].removeprefix("$[0]")
    assert printed[0] == f"lost: {path}:1: {where}: {losses[0][1]}"


def test_the_command_line_places_each_record_and_leaves_out_a_repeated_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dossier = samarkand_2023()
    lines = tmp_path / "two.jsonl"
    lines.write_text(to_json(dossier) + "\n" + to_json(dossier.meetings[1]) + "\n", "utf-8")
    out = tmp_path / "out.csv"
    assert main(["export", "cameo", str(lines), "--out", str(out), "-q"]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == (
        f"{lines}:2: $.id: 'meeting-2023-04-14-khar-lavrov' is already the id of "
        f"{lines}:1: $.meetings[1]"
    )
    assert f"lost: {lines}:1: $.sources[0]: CAMEO dyads have no row for a source" in printed


def test_the_command_line_says_when_it_cannot_read_standard_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    assert main(["export", "plover", "-", "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == (
        "diplomod export: cannot read <stdin>: standard input is closed\n"
    )
