"""Bahasa Melayu is complete and right wherever a person reads.

The catalogue (`rasmi/locale/ms/LC_MESSAGES/django.po`) is the one source of truth, edited
the gettext way (`make messages`, then a translator, Poedit or Weblate fills msgstr). These
tests check that it is current with the code, that every entry is translated once and well
formed, that Django serves exactly what it says, and that no template, form or model choice
shows a person text that never passes through it.
"""

import importlib
import os
import pkgutil
import re
import shutil
from pathlib import Path

import polib
import pytest
from django import forms
from django.apps import apps
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from django.utils.functional import Promise

import rasmi
from rasmi.tests.i18n_checks import SAME_IN_BOTH, untranslated_template_text

ROOT = Path(rasmi.__file__).parent
PO_PATH = ROOT / "locale" / "ms" / "LC_MESSAGES" / "django.po"
PLACEHOLDERS = re.compile(r"%\(\w+\)[sdfr]|%[sdfr]|\{\w*\}")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def live_entries(catalogue: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in catalogue if not entry.obsolete and entry.msgid]


def test_catalogue_entries_are_translated_once(catalogue):
    entries = live_entries(catalogue)
    assert len(entries) > 250
    problems = []
    for entry in entries:
        texts = [(entry.msgid, entry.msgstr)] if not entry.msgid_plural else [
            (entry.msgid_plural, text) for text in entry.msgstr_plural.values()]
        for source, text in texts:
            if "fuzzy" in entry.flags:
                problems.append(f"fuzzy: {source!r}")
            elif not text.strip():
                problems.append(f"untranslated: {source!r}")
            elif _doubled(text):
                problems.append(f"says the same thing twice: {text!r}")
            elif sorted(PLACEHOLDERS.findall(text)) != sorted(PLACEHOLDERS.findall(source)):
                problems.append(f"placeholders differ: {source!r} -> {text!r}")
            elif len(source) >= 20 and not 0.5 <= len(text) / len(source) <= 1.9:
                problems.append(f"length far from the English: {source!r} -> {text!r}")
    assert not problems, "\n".join(problems)


def _doubled(text: str) -> bool:
    """"A. A." or "AA": a sentence (or the whole text) repeated back to back."""
    half = len(text) // 2
    if len(text) >= 8 and len(text) % 2 == 0 and text[:half] == text[half:]:
        return True
    sentences = [s.strip() for s in SENTENCE_END.split(text) if s.strip()]
    return any(len(a) > 15 and a == b for a, b in zip(sentences, sentences[1:], strict=False))


@pytest.mark.parametrize("text, doubled", [
    ("Data demonstrasi: contoh sahaja.Data demonstrasi: contoh sahaja.", True),
    ("Sila cuba lagi esok. Sila cuba lagi esok.", True),
    ("Semak", False), ("Ya. Ya.", False), ("Akaun rasmi. Akaun tidak rasmi.", False),
])
def test_doubling_detector(text, doubled):
    assert _doubled(text) is doubled


def test_django_serves_exactly_the_catalogue(catalogue):
    """The compiled .mo is current: what a Bahasa Melayu page shows is the msgstr."""
    wrong = []
    with translation.override("ms"):
        for entry in live_entries(catalogue):
            if entry.msgid_plural:
                for n, text in entry.msgstr_plural.items():
                    count = 1 if n == 0 else 2
                    served = (translation.npgettext(entry.msgctxt, entry.msgid,
                                                    entry.msgid_plural, count)
                              if entry.msgctxt else
                              translation.ngettext(entry.msgid, entry.msgid_plural, count))
                    if served != text:
                        wrong.append((entry.msgid, served, text))
                continue
            served = (translation.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt
                      else translation.gettext(entry.msgid))
            if served != entry.msgstr:
                wrong.append((entry.msgid, served, entry.msgstr))
    assert wrong == [], "run `make messages` to compile the catalogue"


def test_catalogue_is_current_with_the_code(tmp_path, catalogue):
    """Every string marked for translation in the code is in the catalogue, and nothing
    stale lingers: the same run `make messages` does, into a scratch copy. Needs Debian's
    gettext (scripts/system-packages.sh installs it)."""
    copy = tmp_path / "rasmi"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        "__pycache__", "*.pyc", "data", "fixtures", "static"))
    scratch_locale = copy / "locale"
    with override_settings(LOCALE_PATHS=[scratch_locale]):
        cwd = Path.cwd()
        try:
            os.chdir(copy)
            call_command("makemessages", locale=["ms"], no_obsolete=True, verbosity=0)
        finally:
            os.chdir(cwd)
    fresh = polib.pofile(str(scratch_locale / "ms" / "LC_MESSAGES" / "django.po"))
    fresh_ids = {(e.msgctxt, e.msgid) for e in live_entries(fresh)}
    shipped_ids = {(e.msgctxt, e.msgid) for e in live_entries(catalogue)}
    assert sorted(fresh_ids - shipped_ids, key=str) == [], "new text: run `make messages`"
    assert sorted(shipped_ids - fresh_ids, key=str) == [], "stale text: run `make messages`"


def _templates() -> list[Path]:
    return sorted(ROOT.glob("**/templates/**/*.html"))


@pytest.mark.parametrize("path", _templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_template_text_goes_through_translation(path):
    assert untranslated_template_text(path) == []


def _translated(text, msgids: set[str]) -> bool:
    """Lazily translated (so it follows the request's language) and in the catalogue, or a
    proper noun that reads the same in both languages."""
    with translation.override("en"):
        english = str(text)
    if english in SAME_IN_BOTH or not re.search(r"[A-Za-z]", english):
        return True
    return isinstance(text, Promise) and english in msgids


def _form_classes() -> list[type[forms.BaseForm]]:
    for app in apps.get_app_configs():
        if app.name.startswith("rasmi."):
            for module in pkgutil.iter_modules([app.path]):
                if module.name == "forms":
                    importlib.import_module(f"{app.name}.forms")
    found, pending = [], [forms.BaseForm]
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("rasmi."):
                found.append(sub)
    return found


def test_every_form_label_and_choice_is_translated(catalogue):
    msgids = {entry.msgid for entry in live_entries(catalogue)}
    problems = []
    for form_class in _form_classes():
        for name, field in form_class.base_fields.items():
            where = f"{form_class.__module__}.{form_class.__name__}.{name}"
            if field.widget.is_hidden or "hp" in field.widget.attrs.get("class", ""):
                continue
            if field.label is None:
                problems.append(f"{where}: no label (Django would show {name!r} in English)")
            elif not _translated(field.label, msgids):
                problems.append(f"{where}: label {str(field.label)!r}")
            if field.help_text and not _translated(field.help_text, msgids):
                problems.append(f"{where}: help text {str(field.help_text)!r}")
            if isinstance(field, forms.ModelChoiceField):  # choices are records, not text
                if field.empty_label and not _translated(field.empty_label, msgids):
                    problems.append(f"{where}: empty choice {str(field.empty_label)!r}")
                continue
            for _value, label in getattr(field, "choices", ()) or ():
                if isinstance(label, list | tuple):  # an option group
                    continue
                if not _translated(label, msgids):
                    problems.append(f"{where}: choice {str(label)!r}")
    assert not problems, "\n".join(problems)


def test_every_model_choice_is_translated(catalogue):
    msgids = {entry.msgid for entry in live_entries(catalogue)}
    problems = []
    for model in apps.get_models():
        if not model.__module__.startswith("rasmi."):
            continue
        for field in model._meta.get_fields():
            for _value, label in getattr(field, "choices", None) or ():
                if not _translated(label, msgids):
                    problems.append(f"{model.__name__}.{field.name}: {str(label)!r}")
    assert not problems, "\n".join(problems)
