"""Reading the feedback dashboard: what the public said in a period, compared with the
period before, for one organisation or (coordinators) all of them.

The counts come from FeedbackCount (hour cells for the last day, day cells for a week),
a few hundred rows summed by the database; the last hour, finer than the stored hours, is
counted live from that hour's messages through the index on `sent_at`, with the same
`feedback.cells` the stored counts were made with. Response times come from
`feedback_sla`; the examples of top questions and complaints from the most recent
matching conversations, redacted.
"""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Sum

from rasmi.core.text import identifiers
from rasmi.inbox import feedback as fb
from rasmi.inbox import feedback_sla, labels
from rasmi.inbox.feedback_stats import Shift, Window, percent_change, sentiment_shifts
from rasmi.inbox.models import (
    Conversation,
    ConversationStatus,
    Direction,
    FeedbackCount,
    Message,
)
from rasmi.registry.models import Organisation

Cell = tuple[str, str]  # (dimension, value)

SENTIMENTS = ("negative", "neutral", "positive")
# The dimensions one organisation's row shows in the coordinators' table.
ORGANISATION_CELLS = ((fb.TOTAL, fb.ALL), (fb.SENTIMENT, "negative"), (fb.URGENT, fb.YES),
                      (fb.INTENT, "question"), (fb.INTENT, "complaint"))
TOP_TOPICS = 5
EXAMPLES_PER_TOPIC = 3
EXAMPLE_LENGTH = 280
# Examples are drawn from this many of the most recent conversations.
RECENT_CONVERSATIONS = 600


def label(dimension: str, value: str) -> str:
    """How a person reads a value: "Complaint", "Negative", "Floods" (rasmi.inbox.labels);
    the other dimensions' values as they are."""
    return labels.label(dimension, value) if dimension in labels.BY_KIND else value


@dataclass(frozen=True)
class Scope:
    """One organisation's figures, or every organisation's (None: coordinators)."""

    organisation: Organisation | None = None

    @property
    def national(self) -> bool:
        return self.organisation is None

    @property
    def organisation_ids(self) -> list[int] | None:
        return None if self.organisation is None else [self.organisation.pk]

    def named_organisation_ids(self) -> list[int]:
        """Every organisation in scope by id: queries name them so that the indexes that
        begin with the organisation serve the coordinators' view too."""
        return self.organisation_ids or _all_organisation_ids()


@dataclass
class Counts:
    totals: dict[Cell, list[int]]          # [in the period, in the period before]
    series: dict[Cell, list[int]]          # per bucket of the window
    by_organisation: dict[int, Counter]    # ORGANISATION_CELLS in the period

    def now(self, cell: Cell) -> int:
        return self.totals.get(cell, [0, 0])[0]

    def before(self, cell: Cell) -> int:
        return self.totals.get(cell, [0, 0])[1]


def counts(scope: Scope, window: Window, series_dimensions: set[str], *,
           per_organisation: bool = False) -> Counts:
    if window.grain == "5min":
        return _live_counts(scope, window, series_dimensions, per_organisation)
    return _stored_counts(scope, window, series_dimensions, per_organisation)


def _stored_counts(scope: Scope, window: Window, series_dimensions: set[str],
                   per_organisation: bool) -> Counts:
    """One grouped read of both periods' cells gives the totals and the series; a second,
    of a few dimensions, the coordinators' per-organisation figures. Each names the
    organisations, so the (organisation, dimension, hour) index bounds the read even for
    all of them."""
    prefix = fb.DAY if window.grain == "day" else ""
    rows = FeedbackCount.objects.filter(organisation_id__in=scope.named_organisation_ids())
    totals: dict[Cell, list[int]] = defaultdict(lambda: [0, 0])
    series: dict[Cell, list[int]] = defaultdict(lambda: [0] * len(window.starts))
    for hour, dimension, value, count in (
            rows.filter(dimension__in=[prefix + d for d in fb.DIMENSIONS],
                        hour__gte=window.previous_start, hour__lt=window.end)
            .values("hour", "dimension", "value").annotate(n=Sum("count"))
            .values_list("hour", "dimension", "value", "n").order_by()):
        cell = (dimension.removeprefix(prefix), value)
        index = window.bucket(hour)
        totals[cell][0 if index is not None else 1] += count
        if index is not None and cell[0] in series_dimensions:
            series[cell][index] += count
    by_organisation: dict[int, Counter] = defaultdict(Counter)
    if per_organisation:
        for organisation_id, dimension, value, count in (
                rows.filter(dimension__in={prefix + d for d, _v in ORGANISATION_CELLS},
                            value__in={v for _d, v in ORGANISATION_CELLS},
                            hour__gte=window.start, hour__lt=window.end)
                .values("organisation_id", "dimension", "value").annotate(n=Sum("count"))
                .values_list("organisation_id", "dimension", "value", "n").order_by()):
            cell = (dimension.removeprefix(prefix), value)
            if cell in ORGANISATION_CELLS:
                by_organisation[organisation_id][cell] += count
    return Counts(dict(totals), dict(series), dict(by_organisation))


def _all_organisation_ids() -> list[int]:
    return list(Organisation.objects.values_list("pk", flat=True).order_by())


def _live_messages(window: Window, start: dt.datetime, scope: Scope, *fields: str):
    """Classified messages from the public sent in [start, window.end), with their
    organisation first. Read through the index on sent_at, whatever the scope: filtered on
    the organisation in the database, SQLite would rather walk every conversation the
    organisation ever had. An hour or two of every organisation's messages is small."""
    wanted = scope.organisation.pk if scope.organisation is not None else None
    rows = (Message.objects
            .filter(direction=Direction.IN, classified_at__isnull=False,
                    sent_at__gte=start, sent_at__lt=window.end)
            .values_list("conversation__organisation_id", *fields).order_by())
    for row in rows:
        if wanted is None or row[0] == wanted:
            yield row


LABEL_FIELDS = ("sent_at", "language", "intent", "sentiment", "topics", "urgent")


def _live_counts(scope: Scope, window: Window, series_dimensions: set[str],
                 per_organisation: bool) -> Counts:
    """The last hour (and the hour before) from its messages."""
    totals: dict[Cell, list[int]] = defaultdict(lambda: [0, 0])
    series: dict[Cell, list[int]] = defaultdict(lambda: [0] * len(window.starts))
    by_organisation: dict[int, Counter] = defaultdict(Counter)
    for organisation_id, sent_at, language, intent, sentiment, topics, urgent in (
            _live_messages(window, window.previous_start, scope, *LABEL_FIELDS)):
        found = fb.cells(fb.Labels(language, intent, sentiment, tuple(topics or ()),
                                   bool(urgent)))
        index = window.bucket(sent_at)
        for cell in found:
            totals[cell][0 if index is not None else 1] += 1
        if index is None:
            continue
        for cell in found:
            if cell[0] in series_dimensions:
                series[cell][index] += 1
        if per_organisation:
            by_organisation[organisation_id].update(c for c in found if c in ORGANISATION_CELLS)
    return Counts(dict(totals), dict(series), dict(by_organisation))


# --- the dashboard ---------------------------------------------------------------------

@dataclass
class Row:
    dimension: str
    value: str
    now: int
    before: int

    @property
    def label(self) -> str:
        return label(self.dimension, self.value)

    @property
    def change(self) -> float | None:
        return percent_change(self.now, self.before)


@dataclass
class Example:
    text: str
    sent_at: dt.datetime
    organisation: str   # code


@dataclass
class TopTopic:
    intent: str
    topic: str
    now: int
    before: int
    examples: list[Example] = field(default_factory=list)

    @property
    def change(self) -> float | None:
        return percent_change(self.now, self.before)


@dataclass
class OrganisationRow:
    organisation: Organisation
    messages: int
    negative: int
    urgent: int
    questions: int
    complaints: int
    sla: feedback_sla.SlaFigures

    @property
    def negative_share(self) -> float | None:
        return 100 * self.negative / self.messages if self.messages else None


@dataclass
class Dashboard:
    scope: Scope
    window: Window
    counts: Counts
    breakdown: dict[str, list[Row]]     # intent, sentiment, language, topic
    shifts: list[Shift]
    top: dict[str, list[TopTopic]]      # question, complaint
    latest: dict[str, list[Example]]    # question, complaint: whatever the topic
    sla: feedback_sla.SlaReport
    organisations: list[OrganisationRow]

    @property
    def messages(self) -> Row:
        return self._row(fb.TOTAL, fb.ALL)

    @property
    def urgent(self) -> Row:
        return self._row(fb.URGENT, fb.YES)

    @property
    def negative(self) -> Row:
        return self._row(fb.SENTIMENT, "negative")

    @property
    def questions(self) -> Row:
        return self._row(fb.INTENT, "question")

    @property
    def complaints(self) -> Row:
        return self._row(fb.INTENT, "complaint")

    @property
    def sections(self) -> list[tuple[str, list[TopTopic], list[Example]]]:
        """(intent, its top topics with examples, its latest examples) for questions and
        complaints."""
        return [(intent, topics, self.latest.get(intent, []))
                for intent, topics in self.top.items()]

    def _row(self, dimension: str, value: str) -> Row:
        cell = (dimension, value)
        return Row(dimension, value, self.counts.now(cell), self.counts.before(cell))

    @property
    def negative_share(self) -> float | None:
        total = self.messages.now
        return 100 * self.negative.now / total if total else None

    @property
    def negative_share_before(self) -> float | None:
        total = self.messages.before
        return 100 * self.negative.before / total if total else None

    @property
    def empty(self) -> bool:
        return not (self.messages.now or self.messages.before or self.sla.overall.answered)

    def series(self, dimension: str, value: str) -> list[int]:
        return self.counts.series.get((dimension, value), [0] * len(self.window.starts))

    def top_values(self, dimension: str, limit: int) -> list[Row]:
        return [row for row in self.breakdown.get(dimension, []) if row.now][:limit]


def build(scope: Scope, window: Window, *, now: dt.datetime, over_time: str = fb.INTENT,
          examples: bool = True) -> Dashboard:
    """Every figure the dashboard, the coordinators' view and the weekly report show."""
    found = counts(scope, window, {fb.SENTIMENT, over_time}, per_organisation=scope.national)
    breakdown = {dimension: _rows(found, dimension)
                 for dimension in (fb.INTENT, fb.SENTIMENT, fb.LANGUAGE, fb.TOPIC)}
    top = _top_topics(found)
    latest: dict[str, list[Example]] = {}
    if examples:
        latest = _examples(scope, window, top)
    sla = feedback_sla.sla(scope.named_organisation_ids(), window, now,
                           per_organisation=scope.national)
    organisations = _organisation_rows(found, sla) if scope.national else []
    return Dashboard(scope, window, found, breakdown, _shifts(found), top, latest, sla,
                     organisations)


def _rows(found: Counts, dimension: str) -> list[Row]:
    rows = [Row(d, value, now, before) for (d, value), (now, before) in found.totals.items()
            if d == dimension]
    return sorted(rows, key=lambda r: (-r.now, -r.before, r.value))


def _shifts(found: Counts) -> list[Shift]:
    periods: list[dict[str, tuple[int, int]]] = []
    for when in (0, 1):
        periods.append({
            value: (numbers[when], found.totals.get(
                (fb.TOPIC_SENTIMENT, f"{value}:negative"), [0, 0])[when])
            for (dimension, value), numbers in found.totals.items() if dimension == fb.TOPIC})
    return sentiment_shifts(periods[0], periods[1])


def _top_topics(found: Counts) -> dict[str, list[TopTopic]]:
    top: dict[str, list[TopTopic]] = {intent: [] for intent in fb.TOPIC_INTENTS}
    for (dimension, value), (now, before) in found.totals.items():
        intent, topic = fb.split_pair(value)
        if dimension == fb.INTENT_TOPIC and intent in top and now:
            top[intent].append(TopTopic(intent, topic, now, before))
    return {intent: sorted(topics, key=lambda t: (-t.now, t.topic))[:TOP_TOPICS]
            for intent, topics in top.items()}


def redacted(text: str) -> str:
    """An example as staff may read it on the dashboard: identifiers masked, shortened."""
    text = " ".join(identifiers.redact(text, mask="[•••]").split())
    return text if len(text) <= EXAMPLE_LENGTH else text[:EXAMPLE_LENGTH - 1].rstrip() + "…"


def _examples(scope: Scope, window: Window,
              top: dict[str, list[TopTopic]]) -> dict[str, list[Example]]:
    """Fill each top topic's examples from the most recent conversations of its intent;
    returns the latest examples of each intent whatever their topic."""
    intents = list(top)
    # Not filtered on intent in the database: the index on intent would read every
    # question ever asked. The most recent conversations, then their intent here.
    conversations = Conversation.objects.filter(last_message_at__gte=window.start,
                                                last_message_at__lt=window.end)
    if scope.organisation is not None:
        # Every status named, so the (organisation, status, last_message_at) index serves.
        conversations = conversations.filter(organisation=scope.organisation,
                                             status__in=ConversationStatus.values)
    ids = [pk for pk, intent in conversations.order_by("-last_message_at")
           .values_list("pk", "intent")[:RECENT_CONVERSATIONS] if intent in intents]
    latest: dict[str, list[Example]] = {intent: [] for intent in intents}
    if not ids:
        return latest
    wanted = {(t.intent, t.topic): t for topics in top.values() for t in topics}
    messages = (Message.objects
                .filter(conversation_id__in=ids, direction=Direction.IN, intent__in=intents,
                        deleted=False, hidden=False, sent_at__gte=window.start,
                        sent_at__lt=window.end)
                .exclude(text="")
                .order_by("-sent_at")
                .values_list("text", "intent", "topics", "sent_at",
                             "conversation__organisation__code")[:2 * RECENT_CONVERSATIONS])
    for text, intent, topics, sent_at, code in messages:
        example = None
        for topic in dict.fromkeys(topics or ()):
            target = wanted.get((intent, topic))
            if target is not None and len(target.examples) < EXAMPLES_PER_TOPIC:
                example = example or Example(redacted(text), sent_at, code)
                target.examples.append(example)
        if len(latest[intent]) < EXAMPLES_PER_TOPIC:
            latest[intent].append(example or Example(redacted(text), sent_at, code))
    return latest


def _organisation_rows(found: Counts, sla: feedback_sla.SlaReport) -> list[OrganisationRow]:
    ids = set(found.by_organisation) | set(sla.by_organisation)
    organisations = Organisation.objects.in_bulk(ids)
    rows = []
    for organisation_id in ids:
        cells = found.by_organisation.get(organisation_id, Counter())
        rows.append(OrganisationRow(
            organisations[organisation_id], *(cells[cell] for cell in ORGANISATION_CELLS),
            sla.by_organisation.get(organisation_id, feedback_sla.SlaFigures())))
    return sorted(rows, key=lambda r: (-r.messages, -r.sla.answered, r.organisation.code))


# --- the CSV export --------------------------------------------------------------------

ExportRow = tuple[str, dt.datetime, str, str, int]  # organisation code, bucket, dim, value, n


def export_rows(scope: Scope, window: Window) -> Iterator[ExportRow]:
    """The counts behind the dashboard's period, per organisation and bucket, in order:
    the stored cells for a day or a week, the last hour's messages counted live."""
    if window.grain == "5min":
        yield from _live_export(scope, window)
        return
    prefix = fb.DAY if window.grain == "day" else ""
    rows = FeedbackCount.objects.filter(organisation_id__in=scope.named_organisation_ids(),
                                        dimension__in=[prefix + d for d in fb.DIMENSIONS],
                                        hour__gte=window.start, hour__lt=window.end, count__gt=0)
    for code, hour, dimension, value, count in (
            rows.order_by("organisation__code", "hour", "dimension", "value")
            .values_list("organisation__code", "hour", "dimension", "value", "count")
            .iterator(chunk_size=5000)):
        yield code, hour, dimension.removeprefix(prefix), value, count


def _live_export(scope: Scope, window: Window) -> Iterator[ExportRow]:
    found: Counter = Counter()
    for organisation_id, sent_at, language, intent, sentiment, topics, urgent in (
            _live_messages(window, window.start, scope, *LABEL_FIELDS)):
        index = window.bucket(sent_at)
        found.update((organisation_id, index, dimension, value) for dimension, value in fb.cells(
            fb.Labels(language, intent, sentiment, tuple(topics or ()), bool(urgent))))
    codes = dict(Organisation.objects.filter(pk__in={key[0] for key in found})
                 .values_list("pk", "code"))
    for (organisation_id, index, dimension, value), count in sorted(
            found.items(), key=lambda item: (codes[item[0][0]], *item[0][1:])):
        yield codes[organisation_id], window.starts[index], dimension, value, count
