"""`rasmi monitor_detect`: the batch contract (issue 11), bad lines by number."""

import json
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from rasmi.core.tests.surge_streams import minute, stream

# The examples live beside the repository (../shared); an inline copy otherwise.
CONTRACT = Path(__file__).resolve().parents[3].parent / "shared" / "contracts" / "monitoring"
CONTRACT_KEYS = ["alert_id", "topic", "terms", "started_at", "detected_at", "count",
                 "baseline", "score", "examples"]
MENTIONS = [
    {"id": "t1", "time": "2024-12-01T08:00:12+08:00",
     "text": "Jalan ke Kuala Krai ok tak pagi ni?", "topic": "traffic"},
    {"id": "t2", "time": "2024-12-01T08:03:40+08:00",
     "text": "Hujan lebat sejak subuh kat Pasir Mas", "topic": "weather"},
    {"id": "t3", "time": "2024-12-01T08:05:02+08:00",
     "text": "Air sungai naik cepat, Kg Tebing dah banjir", "topic": "flood"},
]


def write(tmp_path, lines: list[str]) -> Path:
    source = tmp_path / "mentions.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return source


def detect(source: Path, tmp_path, *args) -> list[dict]:
    output = tmp_path / "alerts.jsonl"
    call_command("monitor_detect", "--input", str(source), "--output", str(output), *args)
    return [json.loads(x) for x in output.read_text(encoding="utf-8").splitlines()]


def test_the_contract_mentions_raise_no_alert(tmp_path):
    # Three mentions in five minutes of a cold stream: nothing to compare them with.
    source = tmp_path / "contract.jsonl"
    if (CONTRACT / "mentions.jsonl").exists():
        shutil.copy(CONTRACT / "mentions.jsonl", source)
    else:
        source = write(tmp_path, [json.dumps(m) for m in MENTIONS])
    assert detect(source, tmp_path) == []


def test_a_burst_comes_out_as_one_contract_line(tmp_path):
    start = minute(2, 9.5)
    mentions = stream(events=[("burst", "road", start, 90, 5.0)])
    lines = [json.dumps({"id": m.id, "time": m.time.isoformat(), "text": m.text,
                         "kind": m.topic}) for m in mentions]
    [alert] = detect(write(tmp_path, lines), tmp_path, "--topic-field", "kind")
    assert list(alert) == CONTRACT_KEYS
    assert alert["topic"] == "road" and alert["detected_at"].endswith("+08:00")
    assert set(alert["examples"]) <= {m.id for m in mentions}
    if (CONTRACT / "alerts.jsonl").exists():
        example = json.loads((CONTRACT / "alerts.jsonl").read_text().splitlines()[0])
        assert list(example) == list(alert)
        assert {k: type(v) for k, v in example.items()} == \
            {k: type(v) for k, v in alert.items()}


def test_mentions_without_the_topic_field_count_in_the_whole_stream(tmp_path):
    mentions = stream(events=[("burst", "road", minute(2, 11), 90, 5.0)])
    lines = [json.dumps({"id": m.id, "time": m.time.isoformat(), "text": m.text})
             for m in mentions]
    alerts = detect(write(tmp_path, lines), tmp_path)
    assert [a["topic"] for a in alerts] == ["*"]


def test_bad_lines_are_reported_by_number_and_the_rest_replayed(tmp_path, capsys):
    good = [json.dumps(m) for m in MENTIONS]
    lines = [good[0], "{not json", json.dumps({"id": "x", "text": "no time"}),
             json.dumps({"id": "y", "time": "2024-12-01T08:01:00", "text": "naive"}),
             json.dumps({"id": "z", "time": "yesterday", "text": "?"}), good[1],
             json.dumps({"id": "w", "time": "2024-12-01T07:00:00+08:00", "text": "late"}),
             json.dumps({"time": "2024-12-01T08:04:00+08:00", "text": "no id"}),
             json.dumps({"id": "v", "time": "2024-12-01T08:04:00+08:00", "text": "t",
                         "topic": 5}), good[2]]
    with translation.override("en"), pytest.raises(CommandError, match="7 bad line"):
        detect(write(tmp_path, lines), tmp_path)
    errors = capsys.readouterr().err
    for expected in ("line 2: not valid JSON", "line 3: missing required field 'time'",
                     "line 4: time 2024-12-01T08:01:00 has no UTC offset",
                     "line 5: time yesterday is not an ISO 8601 date and time",
                     "line 7: earlier than line 6; the mentions must be sorted by time",
                     "line 8: missing required field 'id'", "line 9: topic must be text"):
        assert expected in errors
    assert (tmp_path / "alerts.jsonl").read_text(encoding="utf-8") == ""


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    source = tmp_path / "latin.jsonl"
    source.write_bytes('{"id": "a", "time": "2024-12-01T08:00:00+08:00", "text": "caf\xe9"}'
                       .encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        detect(source, tmp_path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        detect(tmp_path / "nowhere.jsonl", tmp_path)
