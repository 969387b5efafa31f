"""`rasmi classify`: the batch contract, in input order, bad lines by number."""

import json

import pytest
from django.core.management import CommandError, call_command


def run(tmp_path, lines: list[str], *args) -> list[dict]:
    source = tmp_path / "comments.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = tmp_path / "labels.jsonl"
    call_command("classify", "--input", str(source), "--output", str(output), *args)
    return [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]


def test_labels_in_input_order_with_other_fields_passed_through(tmp_path):
    labels = run(tmp_path, [
        json.dumps({"id": "m2", "text": "Thank you JPJ, renewal took 10 minutes!",
                    "account": "jpj"}),
        json.dumps({"id": 7, "text": "Tolong!! air dah paras dada, kami terperangkap"}),
    ])
    assert [row["id"] for row in labels] == ["m2", 7]
    assert set(labels[0]) == {"id", "language", "intent", "sentiment", "topics", "urgent",
                              "account"}
    assert "text" not in labels[0] and labels[0]["account"] == "jpj"
    assert labels[0]["intent"] == "praise" and labels[1]["urgent"] is True


def test_topics_can_be_limited_and_unknown_ones_refused(tmp_path):
    line = json.dumps({"id": "m4", "text": "Sy dah bayar saman tapi sistem still tunjuk "
                                           "belum bayar"})
    [labels] = run(tmp_path, [line], "--topics", "payment")
    assert labels["topics"] == ["payment"]
    with pytest.raises(CommandError, match="unknown topic"):
        run(tmp_path, [line], "--topics", "payment,parking")


def test_bad_lines_are_reported_by_number_and_the_good_ones_kept(tmp_path, capsys):
    with pytest.raises(CommandError, match="2 bad line"):
        run(tmp_path, [json.dumps({"id": "a", "text": "Bila kaunter buka?"}), "{not json",
                       json.dumps({"text": "no id"})])
    errors = capsys.readouterr().err
    assert "line 2: not valid JSON" in errors and "line 3: missing required field 'id'" \
        in errors
    labelled = (tmp_path / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in labelled] == ["a"]
