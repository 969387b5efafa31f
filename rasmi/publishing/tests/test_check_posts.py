"""`rasmi check_posts`: the batch contract on the shared examples, bad lines, the register."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db
EXAMPLES = Path(__file__).parent / "fixtures"  # copies of ../shared/contracts/compliance/


def run(path: Path) -> list[dict]:
    out = StringIO()
    call_command("check_posts", input=path, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_contract_examples_give_the_contract_answers():
    got = run(EXAMPLES / "posts.jsonl")
    expected = [json.loads(line) for line in (EXAMPLES / "findings.jsonl").open()]
    assert [r["id"] for r in got] == [e["id"] for e in expected]
    for answer, want in zip(got, expected, strict=True):
        assert answer["verdict"] == want["verdict"]
        assert sorted((f["rule"], f["start"], f["end"]) for f in answer["findings"]) == \
            sorted((f["rule"], f["start"], f["end"]) for f in want["findings"])
        for finding in answer["findings"]:
            assert set(finding) == {"rule", "category", "severity", "layer", "start", "end",
                                    "excerpt", "basis", "message_ms", "message_en"}


def test_bad_lines_are_reported_by_number_and_the_rest_kept(tmp_path):
    source = tmp_path / "posts.jsonl"
    source.write_text("\n".join([
        json.dumps({"id": "a", "text": "Kaunter dibuka seperti biasa."}),
        "not json",
        json.dumps({"text": "no id"}),
        json.dumps({"id": "b", "text": "x", "platforms": ["myspace"]}),
        json.dumps({"id": "c", "text": "Hubungi 012-345 6789 untuk maklumat."}),
    ]) + "\n")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="3 bad line"):
        call_command("check_posts", input=source, stdout=out, stderr=err)
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == ["a", "c"]
    assert "line 2: not valid JSON" in err.getvalue()
    assert "line 3: missing required field 'id'" in err.getvalue()
    assert "line 4: platforms must be" in err.getvalue()


def test_links_to_the_registers_official_accounts_pass(tmp_path):
    from rasmi.registry.models import Organisation, SocialAccount

    org = Organisation.objects.create(code="bomba", name_ms="Jabatan Bomba", name_en="Fire",
                                      kind="department", website="bomba.gov.my")
    SocialAccount.objects.create(organisation=org, platform="facebook",
                                 account_key="facebook:bombamalaysia",
                                 canonical_url="https://www.facebook.com/bombamalaysia",
                                 handle="bombamalaysia", status="official",
                                 official_since="2020-01-01")
    from rasmi.registry.services import bump_register_version
    bump_register_version()
    source = tmp_path / "p.jsonl"
    source.write_text(json.dumps({"id": 1, "text": "Ikuti kami di https://www.facebook.com/"
                                  "bombamalaysia dan https://www.facebook.com/bukanrasmi"}))
    findings = run(source)[0]["findings"]
    assert [f["excerpt"] for f in findings] == ["https://www.facebook.com/bukanrasmi"]
