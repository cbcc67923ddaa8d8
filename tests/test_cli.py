"""The diplomod command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from diplomod import (
    Dossier,
    Event,
    ValidationError,
    from_json,
    read_jsonl_results,
    to_dict,
    to_json,
    write_jsonl,
)
from diplomod._cli import main
from diplomod._schema import schema_files
from diplomod.examples import samarkand_2023


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_the_example_as_json_is_the_dossier(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["example", "--format", "json"], capsys)
    assert code == 0
    assert from_json(out, Dossier) == samarkand_2023()


def test_the_example_as_text_tells_who_met_and_what_they_agreed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["example"], capsys)
    assert code == 0
    assert "meeting-2023-04-14-khar-lavrov: 2023-04-14, Samarkand (Uzbekistan)" in out
    assert "- Hina Rabbani Khar, Minister of State, Pakistan (participant)" in out
    assert "- Sergey Lavrov, Foreign Minister, Russian Federation (participant)" in out
    assert "on the sidelines of: Fourth summit of Afghanistan’s neighboring countries" in out
    assert "Hina Rabbani Khar and Sergey Lavrov agreed:" in out
    assert "areas: Counter-terrorism; Drug trafficking; Countering extremism" in out
    assert "mou-2021-north-south-gas-pipeline: 2021 [done]" in out
    assert "tdi-2023-04-14-khar-lavrov: TDI, 2023-04-14 [en]" in out


def test_validate_accepts_valid_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dossier = tmp_path / "dossier.json"
    dossier.write_text(to_json(samarkand_2023()), encoding="utf-8")
    events = tmp_path / "events.jsonl"
    write_jsonl(samarkand_2023().events(), events)
    code, out, err = run(["validate", str(dossier), str(events)], capsys)
    assert (code, out, err) == (0, "", "")


def test_validate_reports_each_problem_with_file_line_and_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = to_dict(samarkand_2023())
    data["meetings"][1]["participants"][1]["represents"] = "RUSS"
    data["meetings"][1]["when"] = "14 April 2023"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    events = [to_dict(event) for event in samarkand_2023().events()]
    events[1]["status"] = "finished"
    lines = tmp_path / "events.jsonl"
    lines.write_text("\n".join(json.dumps(e) for e in events) + "\n{oops\n", encoding="utf-8")
    code, out, _ = run(["validate", str(bad), str(lines)], capsys)
    assert code == 1
    assert out.splitlines() == [
        f"{bad}: $.meetings[1].when: '14 April 2023' is not a date such as '2023', '2023-04', "
        "'2023-04-14' or '2021~'",
        f"{bad}: $.meetings[1].participants[1].represents: unknown state code 'RUSS'; "
        "did you mean 'RUS'?",
        f"{lines}:2: $.status: unknown event status 'finished'",
        f"{lines}:{len(events) + 1}: $: is not valid JSON: Expecting property name enclosed in "
        "double quotes at line 1, column 2",
    ]


def test_validate_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b'{"kind": "meeting"}'), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, _ = run(["validate", "-"], capsys)
    assert code == 1
    assert "<stdin>: $.id: is required" in out.splitlines()


def test_validate_needs_to_know_what_a_document_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    place = tmp_path / "place.json"
    place.write_text('{"name": "Samarkand", "country": "UZB"}', encoding="utf-8")
    code, out, _ = run(["validate", str(place)], capsys)
    assert code == 1
    assert "cannot tell what this is" in out
    person = tmp_path / "person.json"
    person.write_text('{"id": "sergey-lavrov", "name": "Сергей Лавров"}', encoding="utf-8")
    assert run(["validate", "--type", "person", str(person)], capsys)[0] == 0


def test_validate_exits_2_on_a_missing_file_or_bad_usage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["validate", str(tmp_path / "missing.json")], capsys)
    assert code == 2
    assert "cannot read" in err
    with pytest.raises(SystemExit) as exit_:
        main(["validate"])
    assert exit_.value.code == 2
    with pytest.raises(SystemExit) as exit_:
        main(["validate", "--type", "treaty", "x.json"])
    assert exit_.value.code == 2


def test_schema_writes_the_shipped_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["schema", "--out", str(tmp_path / "schemas")], capsys)
    assert code == 0
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert written == sorted(schema_files())
    assert len(out.splitlines()) == len(written)
    code, out, _ = run(["schema"], capsys)
    assert json.loads(out)["$id"] == "https://diplomod.org/schemas/1.0/diplomod.json"


def test_codelist_prints_codes_and_titles(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["codelist", "participant_roles"], capsys)
    assert code == 0
    assert out.splitlines()[0].split() == ["code", "title"]
    assert "host         Host" in out.splitlines()
    code, out, _ = run(["codelist", "stances", "--format", "csv"], capsys)
    assert out.splitlines()[0] == "code,title,description"


def test_an_unknown_codelist_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["codelist", "stance"], capsys)
    assert code == 2
    assert "no codelist 'stance'; did you mean 'stances' or 'states'? The codelists are:" in err
    code, _, err = run(["codelist", "xyz"], capsys)
    assert "no codelist 'xyz'. The codelists are: cooperation_areas, " in err


def test_python_m_diplomod_and_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "diplomod", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    for command in ("validate", "schema", "example", "codelist"):
        assert command in result.stdout


@pytest.mark.parametrize(
    "lines",
    [
        ["\f"],
        ["\v", ""],
        [" \t", "\r"],
        ["{}", "", "\f", "[]"],
        ['{"kind": "meeting"}', "\u00a0", "null"],
    ],
)
def test_validate_and_read_jsonl_results_agree_line_by_line(
    lines: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "events.jsonl"
    events = [to_json(event) for event in samarkand_2023().events()]
    path.write_text("\n".join([events[0], *lines, events[1]]) + "\n", encoding="utf-8")
    expected = [
        f"{path}:{error.line}: {where}: {message}"
        for error in read_jsonl_results(path, Event)
        if isinstance(error, ValidationError)
        for where, message in error.problems
    ]
    code, out, _ = run(["validate", "--type", "event", str(path)], capsys)
    assert out.splitlines() == expected
    assert code == (1 if expected else 0)


def test_validate_reports_a_line_that_is_only_a_form_feed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "events.jsonl"
    path.write_bytes(b"\x0c\n")
    code, out, _ = run(["validate", str(path)], capsys)
    assert code == 1
    assert out.startswith(f"{path}:1: $: is not valid JSON")
