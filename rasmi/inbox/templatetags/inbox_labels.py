"""Triage labels by name in templates: {{ topic|topic_label }}, never the raw slug; and
`together` for a duration that must not break across lines."""

from django import template

from rasmi.inbox import labels

register = template.Library()


@register.filter
def topic_label(value: str) -> str:
    return labels.label(labels.TOPIC, value)


@register.filter
def topic_labels(values) -> str:
    """A list of topics by name, comma separated ("—" when empty)."""
    return ", ".join(labels.label(labels.TOPIC, v) for v in values or []) or "—"


@register.filter
def intent_label(value: str) -> str:
    return labels.label(labels.INTENT, value)


@register.filter
def language_label(value: str) -> str:
    return labels.label(labels.LANGUAGE, value)


@register.filter
def sentiment_label(value: str) -> str:
    return labels.label(labels.SENTIMENT, value)


@register.filter
def status_label(value: str) -> str:
    return labels.label(labels.STATUS, value)


@register.filter
def together(value: str) -> str:
    """A short phrase ("3 h 5 min") kept on one line: its spaces made non-breaking."""
    return str(value).replace(" ", "\u00a0")
