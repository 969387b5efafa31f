from io import StringIO

import pytest
from django.core.management import call_command

from rasmi.registry.census import build_census
from rasmi.registry.models import Organisation, SocialAccount

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_directory", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())


def test_directory_ships_the_27_ministries_and_real_agencies(demo):
    assert Organisation.objects.filter(kind="ministry").count() == 27
    assert Organisation.objects.get(code="jpm").kind == "department"
    assert Organisation.objects.get(code="jpj").parent.code == "mot"
    assert Organisation.objects.exclude(kind="ministry").count() >= 60


def test_demo_census_reproduces_the_2024_research(demo):
    census = build_census()
    ministries, agencies = census.groups["ministries"], census.groups["agencies"]
    assert census.group_sizes["ministries"] == 27
    assert [ministries[p].with_official for p in ("facebook", "instagram", "tiktok")] == [22, 14, 0]
    assert [(agencies[p].official, agencies[p].unofficial)
            for p in ("facebook", "instagram", "tiktok")] == [(48, 85), (36, 76), (3, 64)]
    assert census.has_demo


def test_demo_is_idempotent_and_plainly_illustrative(demo, client):
    before = SocialAccount.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert SocialAccount.objects.count() == before
    assert all("contoh" in handle for handle in SocialAccount.objects.values_list(
        "handle", flat=True))
    for path in ("/", "/direktori/", "/banci/"):
        assert b'data-testid="demo-banner"' in client.get(path).content


def test_census_page_and_csv_render(demo, client):
    page = client.get("/banci/")
    assert page.status_code == 200 and b"<svg" in page.content
    html = page.content.decode()
    assert html.count("<figure class=\"chart\"") == 3
    assert html.count('role="img"') == 3
    for chart_id in ("chart-ministries", "chart-agencies", "chart-gap"):
        assert f'aria-labelledby="{chart_id}-title"' in html
    # the numbers the research reports are written on the agencies' bars
    agencies = page.context["groups"][1]["chart"]
    assert agencies.id == "chart-agencies"
    facebook = next(c for c in agencies.categories if c.label == "Facebook")
    assert [(b.series.key, b.text) for b in facebook.bars] == [("official", "48"),
                                                                ("unofficial", "85")]
    gap = page.context["gap_chart"]
    assert [b.text for b in gap.categories[0].bars][0] == "90.7%"
    assert gap.categories[0].bars[0].width == "90.7%"   # percentages against 100
    csv_body = client.get("/banci.csv").content.decode("utf-8-sig")
    assert csv_body.startswith("group,platform,organisations")


def test_census_charts_draw_the_numbers_of_the_tables_beside_them(demo, client):
    page = client.get("/banci/")
    for group in page.context["groups"]:
        drawn = [(c.label, [b.value for b in c.bars]) for c in group["chart"].categories]
        assert drawn == [(row["name"], [row["cell"].official, row["cell"].unofficial])
                         for row in group["rows"]], group["key"]
    drawn = [(c.label, [b.value for b in c.bars]) for c in page.context["gap_chart"].categories]
    assert drawn == [(row["name"], [row["reach"], row["ministries_present"],
                                    row["agencies_present"]]) for row in page.context["gap"]]
    html = page.content.decode()
    assert 'role="region" aria-labelledby="per-organisation" tabindex="0"' in html
    assert 'id="per-organisation"' in html
