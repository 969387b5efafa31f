"""How a person reads the triage labels: each topic, intent, language, sentiment and
conversation status by its Bahasa Melayu or English name, never the model's slug.

The slugs are the triage model's (rasmi.core.triage.model); a test keeps this module
naming every one of them. Names are lazy, so they follow the language of the request.
"""

from django.utils.translation import gettext_lazy as _

from rasmi.inbox.models import ConversationStatus

TOPIC_LABELS = {
    "flood": _("Floods"), "fees": _("Fees and charges"), "appointment": _("Appointments"),
    "scam": _("Scams"), "licence": _("Licences"), "renewal": _("Renewals"),
    "summons": _("Summonses"), "payment": _("Payments"), "passport": _("Passports"),
    "tax": _("Tax"), "health": _("Health"), "vaccination": _("Vaccination"),
    "dengue": _("Dengue"), "aid": _("Aid and assistance"), "education": _("Education"),
    "road": _("Roads"), "transport": _("Public transport"), "water": _("Water supply"),
    "electricity": _("Electricity supply"), "housing": _("Housing"), "jobs": _("Jobs"),
    "online_system": _("Online systems"), "counter": _("Counter service"),
    "weather": _("Weather"), "fake_news": _("Fake news"), "police": _("Police"),
    "fire": _("Fire and rescue"), "welfare": _("Welfare"), "environment": _("Environment"),
}
INTENT_LABELS = {
    "question": _("Question"), "complaint": _("Complaint"), "suggestion": _("Suggestion"),
    "praise": _("Praise"), "report": _("Incident report"), "spam": _("Spam"),
    "abuse": _("Abuse"), "other": _("Other"),
}
SENTIMENT_LABELS = {"negative": _("Negative"), "neutral": _("Neutral"),
                    "positive": _("Positive")}
LANGUAGE_LABELS = {"ms": _("Bahasa Melayu"), "en": _("English"), "zh": _("Chinese"),
                   "ta": _("Tamil"), "mixed": _("Mixed languages"), "other": _("Other")}
STATUS_LABELS = dict(ConversationStatus.choices)

TOPIC, INTENT, SENTIMENT, LANGUAGE, STATUS = "topic", "intent", "sentiment", "language", \
    "status"
BY_KIND = {TOPIC: TOPIC_LABELS, INTENT: INTENT_LABELS, SENTIMENT: SENTIMENT_LABELS,
           LANGUAGE: LANGUAGE_LABELS, STATUS: STATUS_LABELS}


def label(kind: str, value: str) -> str:
    """The name of `value` in the active language. A value the model may learn later
    (not named here yet) reads as itself, with underscores as spaces, rather than failing
    the page."""
    names = BY_KIND.get(kind, {})
    if kind == TOPIC and value == "*":  # the surge detector's whole stream
        return str(_("all mentions"))
    if value in names:
        return str(names[value])
    return (value or "").replace("_", " ")


def form_choices(kind: str, blank) -> list[tuple[str, object]]:
    """Form choices: `blank` first (the condition left open), then the names, still lazy
    so they follow the request's language (sorted by name when the choices are read)."""
    names = sorted(BY_KIND[kind].items(), key=lambda pair: str(pair[1]).casefold())
    return [("", blank), *names]


def choices(kind: str) -> list[tuple[str, str]]:
    """(value, name) pairs for a filter's options, sorted by name in the active language."""
    return sorted(((value, str(name)) for value, name in BY_KIND[kind].items()),
                  key=lambda pair: pair[1].casefold())
