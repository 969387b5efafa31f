"""`rasmi discover_score` on the contract's example lines, against an imported register."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rasmi.registry.importer import run_import

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
REGISTRY = Path(__file__).parents[2] / "registry" / "tests" / "fixtures"


@pytest.fixture
def register(users):
    report = run_import(users["coordinator"],
                        organisations=(REGISTRY / "organisations.csv").read_text(),
                        accounts=(REGISTRY / "accounts.csv").read_text())
    assert report.applied


@pytest.fixture
def users(django_user_model):
    from rasmi.people.services import create_user, grant_role

    coordinator = create_user(None, "coord", "test-password-123")
    grant_role(None, coordinator, "coordinator")
    return {"coordinator": coordinator}


@pytest.mark.parametrize("workers", [1, 2])
def test_contract_examples_get_the_contract_labels(register, tmp_path, workers):
    output = tmp_path / "scored.jsonl"
    call_command("discover_score", "--as-of", "2026-11-01", input=FIXTURES / "candidates.jsonl",
                 output=output, workers=workers)
    got = [json.loads(line) for line in output.read_text().splitlines()]
    expected = [json.loads(line) for line in (FIXTURES / "scored.jsonl").read_text().splitlines()]
    assert [(g["id"], g["label"], g["organisation"]) for g in got] == \
        [(e["id"], e["label"], e["organisation"]) for e in expected]
    for line in got:
        assert set(line) == {"id", "label", "organisation", "score", "reasons"}
        assert 0 <= line["score"] <= 1 and line["reasons"]
        assert all(set(reason) == {"code", "detail"} for reason in line["reasons"])


def test_bad_lines_are_reported_by_number_and_skipped(register, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "url": "https://www.facebook.com/example.jpj.rasmi"}\n'
                      "not json\n"
                      '["a list"]\n'
                      '{"id": "b"}\n'
                      '{"id": "c", "url": "https://facebook.com.evil.example/jpj"}\n'
                      '{"id": "d", "url": "https://www.tiktok.com/@kptbakery", '
                      '"display_name": "KPT Bakery"}\n', encoding="utf-8")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="4 bad line"):
        call_command("discover_score", input=source, stdout=out, stderr=err)
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == ["a", "d"]
    messages = err.getvalue()
    for number in (2, 3, 4, 5):
        assert f"line {number}:" in messages


def test_only_coordinators_score_in_bulk(register, tmp_path, django_user_model):
    django_user_model.objects.create_user("someone", password="x")
    with pytest.raises(CommandError):
        call_command("discover_score", input=FIXTURES / "candidates.jsonl", actor="someone",
                     stdout=StringIO())
