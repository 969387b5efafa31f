"""Response-time and SLA figures for the feedback dashboard.

Of the first replies made in the period (the organisation's first answer in a
conversation, from Rasmi or on the platform): how many, their median response time, and
how many met the target in the organisation's SOP (`urgent_response_minutes` for urgent
conversations, else `first_response_hours`). A response time runs from when the
conversation reached Rasmi to the first reply.

For a day or a week these come from the "response" and "response_sla" cells that
`feedback.count_first_responses` keeps; for the last hour, from the conversations
answered in it (the index on last_message_at finds them: a reply is a message), counted
with the same `feedback.response_cells`.

And, whatever the period, what is overdue now, by the inbox's SLA clock: conversations
waiting for a first reply past `first_response_due`, and unresolved ones past
`resolution_due`. A breach is a late first reply in the period, or a conversation still
waiting past its deadline.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q, Sum

from rasmi.inbox import feedback as fb
from rasmi.inbox.feedback_stats import Window, median_of
from rasmi.inbox.models import Conversation, ConversationStatus, FeedbackCount

WAITING = [ConversationStatus.OPEN, ConversationStatus.PENDING]
UNRESOLVED = [*WAITING, ConversationStatus.SNOOZED]


@dataclass
class SlaFigures:
    answered: int = 0
    within: int = 0
    histogram: Counter = field(default_factory=Counter)   # response bucket -> replies
    open_overdue: int = 0
    resolution_overdue: int = 0

    @property
    def late(self) -> int:
        return self.answered - self.within

    @property
    def breaches(self) -> int:
        return self.late + self.open_overdue

    @property
    def within_share(self) -> float | None:
        """Percent of the period's first replies made within target."""
        return 100 * self.within / self.answered if self.answered else None

    @property
    def median_seconds(self) -> float | None:
        return median_of(self.histogram)

    def add(self, dimension: str, value: str, count: int) -> None:
        if dimension == fb.RESPONSE:
            self.answered += count
            self.histogram[int(value)] += count
        elif dimension == fb.RESPONSE_SLA and value == fb.WITHIN:
            self.within += count


@dataclass
class SlaReport:
    overall: SlaFigures
    by_organisation: dict[int, SlaFigures] = field(default_factory=dict)


def sla(organisation_ids: list[int], window: Window, now: datetime, *,
        per_organisation: bool = False) -> SlaReport:
    """SLA figures for these organisations over the window, in all and, with
    `per_organisation`, for each."""
    figures: dict[int, SlaFigures] = defaultdict(SlaFigures)
    if organisation_ids:
        if window.grain == "5min":
            _live(organisation_ids, window, figures)
        else:
            _stored(organisation_ids, window, figures)
        _overdue(organisation_ids, now, figures)
    overall = SlaFigures()
    for one in figures.values():
        overall.answered += one.answered
        overall.within += one.within
        overall.histogram.update(one.histogram)
        overall.open_overdue += one.open_overdue
        overall.resolution_overdue += one.resolution_overdue
    return SlaReport(overall, dict(figures) if per_organisation else {})


def _stored(organisation_ids: list[int], window: Window,
            figures: dict[int, SlaFigures]) -> None:
    prefix = fb.DAY if window.grain == "day" else ""
    for organisation_id, dimension, value, count in (
            FeedbackCount.objects
            .filter(organisation_id__in=organisation_ids,
                    dimension__in=[prefix + fb.RESPONSE, prefix + fb.RESPONSE_SLA],
                    hour__gte=window.start, hour__lt=window.end)
            .values("organisation_id", "dimension", "value").annotate(n=Sum("count"))
            .values_list("organisation_id", "dimension", "value", "n").order_by()):
        figures[organisation_id].add(dimension.removeprefix(prefix), value, count)


def _live(organisation_ids: list[int], window: Window,
          figures: dict[int, SlaFigures]) -> None:
    answered = (Conversation.objects
                .filter(organisation_id__in=organisation_ids,
                        status__in=ConversationStatus.values,
                        last_message_at__gte=window.start,
                        first_response_at__gte=window.start, first_response_at__lt=window.end)
                .only("organisation_id", "created_at", "first_response_at", "urgent"))
    conversations = list(answered)
    targets = fb.response_targets(c.organisation_id for c in conversations)
    for conversation in conversations:
        for dimension, value in fb.response_cells(conversation, targets):
            figures[conversation.organisation_id].add(dimension, value, 1)


def _overdue(organisation_ids: list[int], now: datetime,
             figures: dict[int, SlaFigures]) -> None:
    waiting = Q(first_response_due__lt=now, first_response_at__isnull=True, status__in=WAITING)
    for row in (Conversation.objects
                .filter(organisation_id__in=organisation_ids, status__in=UNRESOLVED)
                .filter(waiting | Q(resolution_due__lt=now))
                .values("organisation_id")
                .annotate(first=Count("pk", filter=waiting),
                          resolution=Count("pk", filter=Q(resolution_due__lt=now)))
                .order_by()):
        one = figures[row["organisation_id"]]
        one.open_overdue, one.resolution_overdue = row["first"], row["resolution"]
