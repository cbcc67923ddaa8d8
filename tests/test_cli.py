"""The diplomod command line."""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
import weakref
from pathlib import Path
from typing import Any

import pytest

from diplomod import (
    Dossier,
    Event,
    Meeting,
    ValidationError,
    cooperation_area,
    from_json,
    read_jsonl_results,
    to_dict,
    to_json,
    write_jsonl,
)
from diplomod._cli import MAX_DOCUMENT_BYTES, main
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
    assert (code, out) == (0, "")
    example = samarkand_2023()
    records = sum(len(getattr(example, name)) for name in RECORD_FIELDS) + len(example.events())
    assert err == f"diplomod validate: 2 files, {records} valid records, 0 problems\n"
    assert run(["validate", "-q", str(dossier), str(events)], capsys) == (0, "", "")


RECORD_FIELDS = ("sources", "people", "organizations", "meetings", "agreements", "activities")


def test_the_summary_counts_in_the_singular_and_the_plural(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = tmp_path / "events.jsonl"
    lines.write_text(to_json(samarkand_2023().meetings[0]) + '\n{"kind": "meeting"}\n[]\n')
    code, out, err = run(["validate", str(lines)], capsys)
    assert code == 1
    assert len(out.splitlines()) == 5
    assert err == "diplomod validate: 1 file, 1 valid record, 5 problems\n"


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


def validate_document(
    text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, Path]:
    """Run ``validate`` on a file holding *text*; return the status, the output, the file."""
    path = tmp_path / "document.json"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(["validate", str(path)], capsys)
    return code, out, path


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"name": "Samarkand", "country": "UZB"}', "cannot tell what this is: a dossier"),
        ('{"kind": "meating", "id": "m"}', "it could be an organization or an event; "),
        ('{"kind": [], "id": "m"}', "it could be an organization or an event; "),
        ('{"kind": {}}', "cannot tell what this is: "),
    ],
    ids=["a-place", "a-kind-and-an-id", "a-list-for-a-kind", "an-object-for-a-kind"],
)
def test_validate_needs_to_know_what_a_document_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, said: str
) -> None:
    code, out, _ = validate_document(text, tmp_path, capsys)
    assert code == 1
    assert said in out
    person = tmp_path / "person.json"
    person.write_text('{"id": "sergey-lavrov", "name": "Сергей Лавров"}', encoding="utf-8")
    assert run(["validate", "--type", "person", str(person)], capsys)[0] == 0


EXAMPLE = samarkand_2023()


@pytest.mark.parametrize(
    "record",
    [EXAMPLE.organizations[0], EXAMPLE.people[0], EXAMPLE.sources[0], cooperation_area("energy")],
    ids=lambda record: type(record).__name__,
)
def test_validate_tells_a_record_by_its_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], record: Any
) -> None:
    assert validate_document(to_json(record), tmp_path, capsys)[:2] == (0, "")


def test_an_organization_kind_is_not_taken_for_an_event_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = to_dict(EXAMPLE.organizations[0])
    data["founded"] = "15 June 2001"
    data["motto"] = "Shanghai spirit"
    code, out, _ = validate_document(json.dumps(data), tmp_path, capsys)
    assert code == 1
    assert [line.split(": ", 2)[1] for line in out.splitlines()] == ["$.founded", "$.motto"]


def test_an_event_with_a_wrong_kind_is_read_as_an_event(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = '{"kind": "meating", "id": "m", "when": "2023"}'
    code, out, _ = validate_document(text, tmp_path, capsys)
    assert code == 1
    assert out.endswith(
        "$.kind: must be 'meeting', 'agreement' or 'activity', not 'meating'; "
        "did you mean 'meeting'?\n"
    )


def test_keys_that_fit_several_types_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, path = validate_document('{"id": "x"}', tmp_path, capsys)
    assert code == 1
    assert out == (
        f"{path}: $: cannot tell what this is: it could be a source or a person or an "
        f"organization; {CANNOT_TELL}\n"
    )


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
    assert json.loads(out)["$id"] == "https://diplomod.org/schemas/1.1/diplomod.json"


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
    assert "no codelist 'xyz'. The codelists are: agreement_relations, cameo_event_codes, " in err


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


# -- the command line never shows a traceback ----------------------------------------------


def run_process(argv: list[str], **options: Any) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m diplomod`` in a process of its own, for what needs real streams."""
    return subprocess.run(
        [sys.executable, "-m", "diplomod", *argv], capture_output=True, check=False, **options
    )


def one_line(err: str | bytes) -> str:
    """The message on stderr, checked to be one line and no traceback."""
    text = err.decode("utf-8", "replace") if isinstance(err, bytes) else err
    assert "Traceback" not in text
    assert len(text.splitlines()) == 1, text
    return text


CANNOT_TELL = (
    "a dossier has a schema_version, an event a kind (meeting, agreement, activity), and "
    "other records are told by their keys; name it with --type"
)


def test_validate_reports_closed_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", None)  # what Python sets when descriptor 0 is closed
    code, out, err = run(["validate", "-q", "-"], capsys)
    assert (code, out) == (2, "")
    assert one_line(err) == "diplomod validate: cannot read <stdin>: standard input is closed\n"


@pytest.mark.skipif(not Path("/bin/sh").exists(), reason="needs a POSIX shell")
def test_validate_reports_closed_standard_input_in_a_process() -> None:
    result = subprocess.run(
        ["/bin/sh", "-c", 'exec "$0" -m diplomod validate -q - <&-', sys.executable],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 2
    assert one_line(result.stderr).endswith("cannot read <stdin>: standard input is closed\n")


def test_a_closed_standard_output_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["example"]) == 2
    assert one_line(err.getvalue()) == (
        "diplomod: cannot write the output: standard output is closed\n"
    )


class FullOutput(io.StringIO):
    """Standard output on a full disk."""

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_output_that_cannot_be_written_is_reported(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    err = io.StringIO()
    monkeypatch.setattr(sys, "stdout", FullOutput())
    monkeypatch.setattr(sys, "stderr", err)
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    for argv in (["example"], ["schema"], ["codelist", "states"], ["validate", str(bad)]):
        assert main(argv) == 2
        assert (
            one_line(err.getvalue())
            == "diplomod: cannot write the output: " + os.strerror(errno.ENOSPC) + "\n"
        )
        err.seek(0)
        err.truncate()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [["example"], ["example", "--format", "json"], ["schema"]])
def test_output_to_a_full_device_is_reported(argv: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "diplomod", *argv],
            stdout=full,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert result.returncode == 2
    assert one_line(result.stderr).startswith("diplomod: cannot write the output: ")


def test_a_reader_that_stops_early_stops_the_command_quietly(tmp_path: Path) -> None:
    lines = tmp_path / "many.jsonl"
    lines.write_text("{}\n" * 100_000, encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, "-m", "diplomod", "validate", str(lines)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        assert process.stdout.readline().startswith(f"{lines}:1: $: ".encode())
        process.stdout.close()
        err = process.stderr.read()
        # what it printed before the reader left was a problem, so the status still says so
        assert (process.wait(), err) == (1, b"")


def test_ctrl_c_exits_130_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("diplomod._cli.samarkand_2023", interrupted)
    try:
        result = run(["example"], capsys)
    except KeyboardInterrupt:  # caught here, or it would stop the whole test run
        pytest.fail("Ctrl-C went past main")
    assert result == (130, "", "")


def test_schema_out_at_a_file_or_under_one_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "schemas"
    file.write_text("", encoding="utf-8")
    code, out, err = run(["schema", "--out", str(file)], capsys)
    assert (code, out) == (2, "")
    assert one_line(err) == f"diplomod schema: cannot write into {file}: it is not a folder\n"
    code, out, err = run(["schema", "--out", str(file / "v1")], capsys)
    assert (code, out) == (2, "")
    assert one_line(err).startswith(f"diplomod schema: cannot write into {file / 'v1'}: ")


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="permissions do not stop root"
)
def test_schema_out_in_a_folder_that_cannot_be_written_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        code, out, err = run(["schema", "--out", str(locked / "schemas")], capsys)
    finally:
        locked.chmod(0o700)
    assert (code, out) == (2, "")
    assert one_line(err).startswith(f"diplomod schema: cannot write into {locked / 'schemas'}: ")


def test_file_names_cannot_fake_a_problem_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = tmp_path / 'a.json: $: fine\nb "c" \\ \x1b[31m\u2028.json'
    name.write_text("{}", encoding="utf-8")
    code, out, _ = run(["validate", "-q", str(name)], capsys)
    assert code == 1
    escaped = str(tmp_path) + '/a.json: $: fine\\nb \\"c\\" \\\\ \\x1b[31m\\u2028.json'
    assert out.splitlines() == [f'"{escaped}": $: cannot tell what this is: ' + CANNOT_TELL]
    code, _, err = run(["validate", "-q", str(tmp_path / "no\nsuch.json")], capsys)
    assert code == 2
    assert one_line(err).startswith(f'diplomod validate: cannot read "{tmp_path}/no\\nsuch.json": ')


@pytest.mark.parametrize("encoding", ["ascii", "utf-8:strict"])
def test_a_name_that_is_not_utf_8_is_printed_escaped(encoding: str, tmp_path: Path) -> None:
    name = tmp_path / os.fsdecode(b"caf\xe9 \xff.json")
    try:
        name.write_text("{}", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("the file system refuses names that are not UTF-8")
    result = run_process(
        ["validate", "-q", str(name), str(tmp_path / os.fsdecode(b"missing \xff.json"))],
        env={**os.environ, "PYTHONIOENCODING": encoding},
    )
    assert result.returncode == 2
    assert result.stdout.decode("ascii").splitlines() == [
        f'"{tmp_path}/caf\\xe9 \\xff.json": $: cannot tell what this is: {CANNOT_TELL}'
    ]
    assert one_line(result.stderr).startswith(
        f'diplomod validate: cannot read "{tmp_path}/missing \\xff.json": '
    )


# -- limits on what validate reads ----------------------------------------------------------


@pytest.mark.parametrize("option", ["--max-line-bytes", "--max-document-bytes"])
@pytest.mark.parametrize(
    "value", ["-1", "0", "10**30", str(10**30), str(2**30 + 1), "9" * 5000, "many", ""]
)
def test_size_limits_must_be_from_1_byte_to_1_gib(
    option: str, value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(b"\x00\xff garbage\n")
    with pytest.raises(SystemExit) as exit_:
        main(["validate", "--lines", f"{option}={value}", str(garbage)])
    assert exit_.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    last = err.splitlines()[-1]
    assert last.startswith(f"diplomod validate: error: argument {option}: must be a whole ")
    assert "from 1 to 1073741824 (1 GiB)" in last
    assert len(last) < 200


def test_the_largest_limits_are_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = tmp_path / "events.jsonl"
    write_jsonl(samarkand_2023().events(), events)
    dossier = tmp_path / "dossier.json"
    dossier.write_text(to_json(samarkand_2023()), encoding="utf-8")
    limits = ["--max-line-bytes", str(2**30), "--max-document-bytes", str(2**30)]
    assert run(["validate", "-q", *limits, str(events), str(dossier)], capsys) == (0, "", "")


def test_a_document_over_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    dossier = tmp_path / "dossier.json"
    dossier.write_text(to_json(samarkand_2023()), encoding="utf-8")
    size = dossier.stat().st_size
    assert run(["validate", "--max-document-bytes", str(size), str(dossier)], capsys)[0] == 0
    code, out, _ = run(["validate", "--max-document-bytes", str(size - 1), str(dossier)], capsys)
    assert code == 1
    assert out == (
        f"{dossier}: $: the document is larger than {size - 1} bytes; write a large "
        "collection as JSON Lines (one record a line), or raise --max-document-bytes to "
        "read it\n"
    )
    stdin = io.TextIOWrapper(io.BytesIO(dossier.read_bytes()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, _ = run(["validate", "--max-document-bytes", "100", "-"], capsys)
    assert code == 1
    assert out.startswith("<stdin>: $: the document is larger than 100 bytes;")


def test_the_document_limit_does_not_apply_to_json_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = tmp_path / "events.jsonl"
    write_jsonl(samarkand_2023().events(), events)
    longest = max(len(line) for line in events.read_bytes().splitlines())
    limits = ["--max-document-bytes", "1", "--max-line-bytes", str(longest)]
    assert run(["validate", "-q", *limits, str(events)], capsys) == (0, "", "")


def test_the_default_document_limit_is_64_mib() -> None:
    assert MAX_DOCUMENT_BYTES == 64 * 1024 * 1024


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_document_is_refused_by_the_size_limit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(["validate", "-q", "--max-document-bytes", "1000", "/dev/zero"], capsys)
    assert (code, err) == (1, "")
    assert out.startswith("/dev/zero: $: the document is larger than 1000 bytes;")


def test_running_out_of_memory_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def too_big(text: bytes | str, kind: str) -> None:
        raise MemoryError

    monkeypatch.setattr("diplomod._cli._read", too_big)
    dossier = tmp_path / "dossier.json"
    dossier.write_text("{}", encoding="utf-8")
    code, out, err = run(["validate", "-q", str(dossier)], capsys)
    assert (code, out) == (2, "")
    assert one_line(err).startswith(f"diplomod validate: cannot read {dossier}: not enough memory")


def test_validate_keeps_no_record_of_a_json_lines_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Record:
        pass

    alive: weakref.WeakSet[Record] = weakref.WeakSet()
    most = 0

    def read(text: bytes | str, kind: str) -> Record:
        nonlocal most
        record = Record()
        alive.add(record)
        most = max(most, len(alive))
        return record

    monkeypatch.setattr("diplomod._cli._read", read)
    lines = tmp_path / "events.jsonl"
    lines.write_text("{}\n" * 100, encoding="utf-8")
    assert run(["validate", "-q", str(lines)], capsys) == (0, "", "")
    assert most <= 2


def test_each_problem_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def read(text: bytes | str, kind: str) -> None:
        raise ValidationError([("$.a\nb", "broken\r\nline\u2028here")])

    monkeypatch.setattr("diplomod._cli._read", read)
    dossier = tmp_path / "dossier.json"
    dossier.write_text("{}", encoding="utf-8")
    code, out, _ = run(["validate", str(dossier)], capsys)
    assert code == 1
    assert out.splitlines() == [f"{dossier}: $.a\\nb: broken\\r\\nline\\u2028here"]


# -- export ------------------------------------------------------------------------------------


def events_file(tmp_path: Path) -> Path:
    """The worked example's meetings, a bad meeting on line 3, then its agreements."""
    dossier = samarkand_2023()
    lines = [to_json(meeting) for meeting in dossier.meetings]
    lines.append('{"kind": "meeting", "id": "x"}')
    lines += [to_json(agreement) for agreement in dossier.agreements]
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_export_parquet_writes_the_good_lines_and_prints_the_bad(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    from diplomod.tables import arrow_schema, from_arrow

    path, out_dir = events_file(tmp_path), tmp_path / "meetings"
    code, out, err = run(
        ["export", "parquet", str(path), "--out", str(out_dir), "--type", "meeting"], capsys
    )
    assert (code, err) == (1, "")
    expected = [
        f"{path}:3: $.when: is required",
        f"{path}:3: $.participants: is required",
        f"{path}:3: $.formats: is required",
        *(
            f"{path}:{4 + i}: $.kind: must be 'meeting', not 'agreement'"
            for i in range(len(samarkand_2023().agreements))
        ),
    ]
    assert out.splitlines() == expected
    table = pq.read_table(out_dir, schema=arrow_schema(Meeting))
    assert from_arrow(table, Meeting) == list(samarkand_2023().meetings)


def test_export_parquet_partitions_by_a_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("pyarrow")
    path, out_dir = events_file(tmp_path), tmp_path / "meetings"
    argv = ["export", "parquet", str(path), "--out", str(out_dir), "--type", "meeting"]
    code, _, _ = run([*argv, "--partition-by", "status"], capsys)
    assert code == 1
    assert [p.name for p in out_dir.iterdir()] == ["status=done"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--partition-by", "when"], "diplomod export: cannot partition by 'when': "),
        (["--partition-by", "nothing"], "diplomod export: "),
    ],
)
def test_export_refuses_a_column_that_cannot_name_partitions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    pytest.importorskip("pyarrow")
    path = events_file(tmp_path)
    argv = ["export", "parquet", str(path), "--out", str(tmp_path / "d"), "--type", "meeting"]
    code, _, err = run([*argv, *extra], capsys)
    assert code == 2
    assert one_line(err).startswith(message)


def test_export_into_a_folder_that_holds_files_or_is_a_file_ends_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("pyarrow")
    path = events_file(tmp_path)
    argv = ["export", "parquet", str(path), "--type", "meeting", "--out"]
    code, _, err = run([*argv, str(tmp_path)], capsys)  # holds events.jsonl already
    assert code == 2
    assert one_line(err).startswith("diplomod export: ")
    code, _, err = run([*argv, str(path / "under")], capsys)
    assert code == 2
    assert one_line(err).startswith(f"diplomod export: cannot write into {path / 'under'}: ")


def test_export_of_a_file_that_cannot_be_read_ends_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("pyarrow")
    missing = tmp_path / "missing.jsonl"
    argv = ["export", "parquet", str(missing), "--out", str(tmp_path / "d"), "--type", "meeting"]
    code, _, err = run(argv, capsys)
    assert code == 2
    assert one_line(err) == f"diplomod export: cannot read {missing}: No such file or directory\n"


def test_export_needs_a_type_and_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["export", "parquet", "events.jsonl"])
    assert exited.value.code == 2
    assert "--out" in capsys.readouterr().err


def test_validate_reads_a_1_0_dossier_through_its_migration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = Path(__file__).parent / "versions" / "samarkand_2023-1.0.json"
    data = json.loads(old.read_text(encoding="utf-8"))
    data["organizations"][0]["memberships"].append(
        {"state": "TKM", "status": "observer", "period": "../2010"}  # start not known, in 1.0
    )
    dossier = tmp_path / "old.json"
    dossier.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run(["validate", str(old), str(dossier)], capsys)
    assert (code, out) == (0, "")


def test_validate_reports_a_period_with_no_date_at_its_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = to_dict(samarkand_2023())
    data["organizations"][0]["memberships"][0]["period"] = "../"
    data["meetings"][0]["when"] = "/.."
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    organization = to_dict(samarkand_2023().organizations[0])
    organization["memberships"][0]["period"] = "/2030"  # a start not known: valid
    lines = tmp_path / "organizations.jsonl"
    lines.write_text(json.dumps(organization) + "\n", encoding="utf-8")
    code, out, _ = run(["validate", str(bad), str(lines)], capsys)
    assert code == 1
    assert out.splitlines() == [
        f"{bad}: $.organizations[0].memberships[0].period: a period needs a start or an end date",
        f"{bad}: $.meetings[0].when: a period needs a start or an end date",
    ]
