import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"



def test_verify_command_keeps_input_order_and_shape(register, tmp_path):
    out = StringIO()
    call_command("verify", input=FIXTURES / "urls.txt", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    expected = [json.loads(line) for line in (FIXTURES / "verify.jsonl").read_text().splitlines()]
    assert [a["url"] for a in lines] == [e["url"] for e in expected]
    assert [a["state"] for a in lines] == [e["state"] for e in expected]


def test_verify_command_reads_json_lines_and_flags_lines_without_url(register, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"url": "tiktok.com/@example.jpj.official"}\n{"nourl": 1}\nnot json {\n')
    out = StringIO()
    with pytest.raises(CommandError, match="1 line"):
        call_command("verify", input=source, stdout=out)
    states = [json.loads(line)["state"] for line in out.getvalue().splitlines()]
    assert states == ["impersonation", "invalid", "invalid"]


def test_verify_command_with_arguments(register):
    out = StringIO()
    call_command("verify", "https://www.facebook.com/example.kpt.rasmi", "--json", stdout=out)
    assert json.loads(out.getvalue())["state"] == "official"
    with pytest.raises(CommandError):
        call_command("verify", stdout=StringIO())


def test_census_report_formats(register):
    for fmt in ("table", "csv", "json"):
        out = StringIO()
        call_command("report_census", format=fmt, stdout=out)
        assert out.getvalue()
    data = json.loads(_run("report_census", format="json"))
    fb_ministries = next(r for r in data["rows"]
                         if r["group"] == "ministries" and r["platform"] == "facebook")
    # kpt (imported) has an official page; mot and kkm (from the users fixture) do not.
    assert fb_ministries["with_official"] == 1 and fb_ministries["organisations"] == 3


def _run(*args, **kwargs):
    out = StringIO()
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue()


def test_review_digest_lists_overdue(register):
    from rasmi.registry.models import SocialAccount

    SocialAccount.objects.filter(handle="example.kpt.rasmi").update(
        next_review_due="2001-01-01")
    assert "example.kpt.rasmi" in _run("review_digest")


def test_load_demo_on_an_empty_database_loads_the_directory_first():
    from rasmi.registry.models import Organisation, SocialAccount

    assert not Organisation.objects.exists()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "loading the shipped directory first" in out.getvalue()
    assert Organisation.objects.filter(code="kkm").exists()
    assert SocialAccount.objects.filter(is_demo=True).exists()
    again = StringIO()
    call_command("load_demo", stdout=again)  # directory present now: not reloaded
    assert "loading the shipped directory" not in again.getvalue()
