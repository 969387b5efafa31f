"""Every string a person reads exists in Bahasa Melayu: an untranslated msgid fails here,
so `make messages` plus a translation is part of adding text."""

import re
from pathlib import Path

PO = Path(__file__).resolve().parents[2] / "locale" / "ms" / "LC_MESSAGES" / "django.po"


def test_every_message_has_a_malay_translation():
    text = PO.read_text(encoding="utf-8")
    entries = re.findall(r'\nmsgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', text)
    assert len(entries) > 250
    untranslated = [msgid for msgid, msgstr in entries
                    if msgid.strip() != '""' and msgstr.strip() == '""']
    assert untranslated == []
    assert "#, fuzzy" not in text


def test_compiled_catalogue_is_shipped_and_current():
    from django.utils import translation

    assert PO.with_suffix(".mo").exists()
    with translation.override("ms"):
        assert translation.gettext("Verify") == "Semak"
        assert translation.gettext("Report this account") == "Laporkan akaun ini"
