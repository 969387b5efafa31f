"""How the inbox set-up pages name the triage model's labels: each intent, topic and
language in the reader's language, never the raw slug a routing rule stores.

Small and self-contained on purpose (the conversation pages keep their own labels; the two
are merged later). A test checks every label the model can give has a name here.
"""

from django.utils.translation import gettext_lazy as _

# Same English as the feedback dashboard's, so the catalogue holds each name once.
INTENTS = {
    "question": _("Question"), "complaint": _("Complaint"), "suggestion": _("Suggestion"),
    "praise": _("Praise"), "report": _("Incident report"), "spam": _("Spam"),
    "abuse": _("Abuse"), "other": _("Other"),
}
SENTIMENTS = {"negative": _("Negative"), "neutral": _("Neutral"), "positive": _("Positive")}
LANGUAGES = {
    "ms": _("Bahasa Melayu"), "en": _("English"), "zh": _("Chinese"), "ta": _("Tamil"),
    "mixed": _("Mixed languages"), "other": _("Other"),
}
TOPICS = {
    "flood": _("Floods"), "fees": _("Fees and charges"), "appointment": _("Appointments"),
    "scam": _("Scams"), "licence": _("Licences"), "renewal": _("Renewals"),
    "summons": _("Summonses"), "payment": _("Payments"), "passport": _("Passports"),
    "tax": _("Tax"), "health": _("Health"), "vaccination": _("Vaccination"),
    "dengue": _("Dengue"), "aid": _("Aid and assistance"), "education": _("Education"),
    "road": _("Roads"), "transport": _("Transport"), "water": _("Water supply"),
    "electricity": _("Electricity"), "housing": _("Housing"), "jobs": _("Jobs"),
    "online_system": _("Online systems"), "counter": _("Counter service"),
    "weather": _("Weather"), "fake_news": _("Fake news"), "police": _("Police"),
    "fire": _("Fire"), "welfare": _("Welfare"), "environment": _("Environment"),
}
KINDS = {"intent": INTENTS, "topic": TOPICS, "language": LANGUAGES, "sentiment": SENTIMENTS}


def label(kind: str, value: str) -> str:
    """The name of `value` ("flood") for a person; a value we have no name for (a label a
    newer model gives) is shown as it is rather than hidden."""
    return str(KINDS[kind].get(value, value))


def choices(kind: str, blank) -> list[tuple[str, object]]:
    """Form choices: `blank` first (the condition left open), then the names, still lazy
    so they follow the request's language. Topics are many, so they are sorted by their
    name in the language active when the choices are read."""
    names = list(KINDS[kind].items())
    if kind == "topic":
        names.sort(key=lambda pair: str(pair[1]).casefold())
    return [("", blank), *names]
