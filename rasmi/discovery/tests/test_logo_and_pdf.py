"""A copied logo is recognised through re-encoding; dossiers print to PDF in Chromium."""

import json
import shutil
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image, ImageDraw

from rasmi import pdf as printing
from rasmi.discovery import dossier, services
from rasmi.discovery.models import Case, Source


def _logo(size=128, shift=0) -> Image.Image:
    image = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((10 + shift, 10, size - 10, size - 10), fill="navy")
    draw.rectangle((size // 3, size // 4, size // 2, size - 20), fill="gold")
    draw.polygon([(20, size - 20), (size // 2, 15), (size - 20, size - 20)], outline="red")
    return image


def test_a_reencoded_copy_of_the_logo_is_called_out(people, orgs, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    original = tmp_path / "logo.png"
    _logo().save(original)
    orgs["jpj"].logo.save("jpj.png", ContentFile(original.read_bytes()), save=True)
    _logo(size=256, shift=2).convert("RGB").save(tmp_path / "copy.jpg", quality=70)
    _logo(size=64).rotate(90).save(tmp_path / "other.png")
    source = tmp_path / "in.jsonl"
    lines = [{"id": "a", "url": "https://www.facebook.com/some.page.123",
              "display_name": "Maklumat Lesen", "profile_image": "copy.jpg"},
             {"id": "b", "url": "https://www.facebook.com/other.page.456",
              "display_name": "Maklumat Lesen", "profile_image": "other.png"},
             {"id": "c", "url": "https://www.facebook.com/third.page",
              "profile_image": "../outside.png"}]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))
    out = StringIO()
    call_command("discover_score", input=source, stdout=out)
    scored = [json.loads(line) for line in out.getvalue().splitlines()]
    assert "logo_match" in {r["code"] for r in scored[0]["reasons"]}
    assert scored[0]["organisation"] == "jpj"
    assert "logo_match" not in {r["code"] for r in scored[1]["reasons"]}
    assert scored[2]["label"] == "unrelated"


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian chromium")
def test_dossier_pdf_is_printed_by_chromium(people):
    services.ingest(people["coordinator"], [{
        "id": "s", "url": "https://www.facebook.com/jpj.bantuan.saman2024",
        "display_name": "JPJ Malaysia Rasmi", "bio": "Bayar saman diskaun. WhatsApp 0110000000"}],
        Source.FILE)
    pdf = printing.html_to_pdf(dossier.render_html(dossier.batch_dossier(Case.objects.all())))
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000


def test_dossier_dates_read_in_the_site_time_zone():
    from rasmi.discovery.templatetags.dossier_format import iso_local

    assert iso_local("2026-11-25T07:25:15.183822+00:00") == "2026-11-25 15:25 UTC+08:00"
    assert iso_local("2026-11-25T07:25:00") == "2026-11-25 07:25"
    assert iso_local("not a date") == "not a date"
    assert iso_local(None) == ""
