"""Holding statements as data (data/holding_statements.yaml): loading them, the
placeholders each needs, and filling them in.

Filling is one pass of a pattern, as for canned replies: a value that itself contains
"{agency}" stays as written, and only the placeholders listed here exist. Values are one
line each and free of braces, so a filled statement has no placeholder left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.utils.translation import gettext_lazy as _

from rasmi.errors import UserError

PATH = Path(__file__).with_name("data") / "holding_statements.yaml"
_BRACED = re.compile(r"\{([a-z_]+)\}")
MAX_VALUE = 200
LANGUAGES = ("ms", "en", "both")

# Every placeholder a template may use, with the label and help its form field shows.
PLACEHOLDERS: dict[str, tuple] = {
    "agency": (_("Organisation name"), _("As the public knows it.")),
    "place": (_("Place affected"), _("District, town or area.")),
    "hotline": (_("Hotline"), _("A number the public can call.")),
    "website": (_("Official web page"), _("A full address starting with https://.")),
    "time": (_("Time of the next update"), _("For example 5.00 petang / 5.00 pm.")),
    "since": (_("Since when"), _("When the disruption began.")),
    "service": (_("Service affected"), _("The system, portal or counter.")),
    "disease": (_("Disease"), _("As named by the health authorities.")),
    "subject": (_("What the false post is about"), _("A few words, no link to the post.")),
}


class HoldingStatementError(UserError):
    """A holding statement that cannot be drafted as asked."""


@dataclass(frozen=True)
class Template:
    key: str
    kind: str
    title_ms: str
    title_en: str
    text_ms: str
    text_en: str
    short_ms: str
    short_en: str

    @property
    def title(self) -> str:
        from django.utils.translation import get_language

        return self.title_en if (get_language() or "").startswith("en") else self.title_ms

    @property
    def placeholders(self) -> list[str]:
        """The placeholders it uses, in the order of PLACEHOLDERS (the form's order)."""
        used = set()
        for text in (self.text_ms, self.text_en, self.short_ms, self.short_en):
            used |= set(_BRACED.findall(text))
        return [name for name in PLACEHOLDERS if name in used]

    def unknown_placeholders(self) -> list[str]:
        found = set()
        for text in (self.text_ms, self.text_en, self.short_ms, self.short_en):
            found |= set(_BRACED.findall(text)) - set(PLACEHOLDERS)
        return sorted(found)


def _clean(text: str) -> str:
    return " ".join((text or "").split())


@cache
def templates() -> dict[str, Template]:
    data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    return {key: Template(key=key, kind=entry["kind"], title_ms=entry["title_ms"],
                          title_en=entry["title_en"], text_ms=_clean(entry["text_ms"]),
                          text_en=_clean(entry["text_en"]), short_ms=_clean(entry["short_ms"]),
                          short_en=_clean(entry["short_en"]))
            for key, entry in data.items()}


def template(key: str) -> Template:
    found = templates().get(key)
    if found is None:
        raise HoldingStatementError("unknown_template", _("Choose a holding statement."))
    return found


def for_kind(kind: str) -> str | None:
    """The template key suited to a crisis kind, if one is."""
    return next((t.key for t in templates().values() if t.kind == kind), None)


def check_values(tpl: Template, values: dict[str, str]) -> dict[str, str]:
    """The values the template needs, trimmed; raises naming every missing or bad one."""
    cleaned, missing, bad = {}, [], []
    for name in tpl.placeholders:
        value = _clean(values.get(name, ""))
        if not value:
            missing.append(str(PLACEHOLDERS[name][0]))
        elif "{" in value or "}" in value or len(value) > MAX_VALUE:
            bad.append(str(PLACEHOLDERS[name][0]))
        cleaned[name] = value
    if missing:
        raise HoldingStatementError(
            "missing_values", _("Fill in: %(fields)s.") % {"fields": ", ".join(missing)},
            details={"missing": missing})
    if bad:
        raise HoldingStatementError(
            "bad_values", _("These values are too long or contain braces: %(fields)s.")
            % {"fields": ", ".join(bad)}, details={"bad": bad})
    return cleaned


def fill(text: str, values: dict[str, str]) -> str:
    return _BRACED.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def compose(tpl: Template, values: dict[str, str], language: str) -> tuple[str, str]:
    """(the text for every account, the short text for X and Threads) in `language`: "ms",
    "en" or "both" (Bahasa Melayu first, then English; the short text is then the Bahasa
    Melayu one, as both would not fit)."""
    if language not in LANGUAGES:
        raise HoldingStatementError("language", _("Choose Bahasa Melayu, English or both."))
    values = check_values(tpl, values)
    if language == "en":
        return fill(tpl.text_en, values), fill(tpl.short_en, values)
    text = fill(tpl.text_ms, values)
    if language == "both":
        text += "\n\n" + fill(tpl.text_en, values)
    return text, fill(tpl.short_ms, values)
