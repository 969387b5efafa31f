"""The after-action report of a crisis: what happened (timeline), how much was said
(mentions and inbox messages per hour), how fast the inbox answered, which posts went
out and which were fast-tracked, and what is still open.

The window runs from the beginning of the surge that raised the crisis (the earliest start
of its alerts detected before it began) or the crisis's start, whichever is first, to its
end (or now, for a report made while it lasts). Inbox figures cover the crisis's
organisations; a message is "on the crisis" when its topics meet the crisis's topics or
its text holds one of the crisis's terms, and a conversation is when any of its messages
in the window is, or the crisis team has it.

Response time is from the first message from the public in the window to the first reply
after it (whenever it came), against the SOP's target: first_response_hours, or
urgent_response_minutes for urgent conversations. A conversation still waiting longer than
its target when the report is made counts as a breach too.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from rasmi.inbox.models import Conversation, ConversationStatus, Direction, Message
from rasmi.inbox.triage import targets_for
from rasmi.monitoring import charts, selectors
from rasmi.monitoring.models import Alert, ClaimStatus, Crisis, Mention
from rasmi.monitoring.watch import TermMatcher
from rasmi.publishing.models import Post

OPEN_LISTED = 50


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile: a value that occurred (the 90th of 10 answers is the
    slowest), which reads better than an interpolation on a handful."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


@dataclass
class ResponseTimes:
    conversations: int = 0
    answered: int = 0
    median_minutes: float | None = None
    p90_minutes: float | None = None
    breaches: int = 0
    waiting: int = 0


@dataclass
class PostRow:
    post: Post
    kind: str          # holding, clarification, or "" for other posts of the window
    fast_tracked: bool


@dataclass
class OpenConversation:
    organisation: str
    since: dt.datetime
    topics: list[str]
    urgent: bool
    team: str


@dataclass
class Report:
    crisis: Crisis
    start: dt.datetime
    end: dt.datetime
    ongoing: bool
    timeline: list
    mentions: int
    mentions_on_crisis: int
    mentions_chart: object
    messages: int
    messages_on_crisis: int
    messages_chart: object
    response_crisis: ResponseTimes
    response_all: ResponseTimes
    posts: list[PostRow]
    open_conversations: list[OpenConversation]
    open_conversation_count: int
    open_claims: list
    unacknowledged: list[Alert]
    after_review_waiting: list[Post] = field(default_factory=list)

    @property
    def duration(self) -> dt.timedelta:
        return self.end - self.start

    @property
    def follow_ups(self) -> int:
        return (self.open_conversation_count + len(self.open_claims) + len(self.unacknowledged)
                + len(self.after_review_waiting))

    @property
    def fast_tracked(self) -> int:
        return sum(1 for row in self.posts if row.fast_tracked)


def _on_crisis(crisis: Crisis, matcher: TermMatcher, topics, text: str) -> bool:
    return bool(set(crisis.topics) & set(topics or [])) or matcher.found(text)


def _response_times(first_in: dict[int, dt.datetime], first_out: dict[int, dt.datetime],
                    targets: dict[int, dt.timedelta], now: dt.datetime) -> ResponseTimes:
    minutes, breaches, waiting = [], 0, 0
    for pk, asked in first_in.items():
        answered = first_out.get(pk)
        if answered is None:
            waiting += 1
            breaches += now - asked > targets[pk]
            continue
        minutes.append((answered - asked).total_seconds() / 60)
        breaches += answered - asked > targets[pk]
    return ResponseTimes(len(first_in), len(minutes), percentile(minutes, 0.5),
                         percentile(minutes, 0.9), breaches, waiting)


def build(crisis: Crisis, now: dt.datetime | None = None) -> Report:
    now = now or timezone.now()
    # From the surge that raised the crisis (its alerts detected before it began) or the
    # crisis's start, whichever came first, to its end.
    start = min([crisis.started_at, *crisis.alerts.filter(
        detected_at__lte=crisis.started_at).values_list("started_at", flat=True)])
    end = crisis.ended_at or now
    organisations = list(crisis.organisations.all())
    org_ids = [o.pk for o in organisations]
    matcher = TermMatcher.of(crisis.terms)
    step = charts.crisis_step(start, end)
    bucket_starts = charts.starts(start, end, step)

    # Mentions of the crisis's organisations in the window.
    mention_rows = [(at, topic in crisis.topics or matcher.found(text))
                    for at, topic, text in Mention.objects.filter(
                        organisation_id__in=org_ids, at__gte=start, at__lte=end)
                    .values_list("at", "topic", "text").iterator()]
    marked, other = charts.count_into(bucket_starts, step, mention_rows)
    mentions_chart = charts.two_series_chart(
        f"crisis-{crisis.pk}-mentions", _("Mentions per hour") if step == charts.HOUR
        else _("Mentions per day"), bucket_starts, step, marked, other,
        marked_label=_("On the crisis"), other_label=_("Other mentions"),
        total_heading=_("Mentions"))

    # Inbox messages from the public in the window, and the conversations they are in.
    first_in: dict[int, dt.datetime] = {}
    crisis_conversations: set[int] = set()
    message_rows = []
    for conversation_id, at, topics, text in Message.objects.filter(
            conversation__organisation_id__in=org_ids, direction=Direction.IN,
            sent_at__gte=start, sent_at__lte=end).values_list(
            "conversation_id", "sent_at", "topics", "text").iterator():
        relevant = _on_crisis(crisis, matcher, topics, text)
        message_rows.append((at, relevant))
        first_in[conversation_id] = min(at, first_in.get(conversation_id, at))
        if relevant:
            crisis_conversations.add(conversation_id)
    marked, other = charts.count_into(bucket_starts, step, message_rows)
    messages_chart = charts.two_series_chart(
        f"crisis-{crisis.pk}-messages", _("Inbox messages from the public per hour")
        if step == charts.HOUR else _("Inbox messages from the public per day"),
        bucket_starts, step, marked, other, marked_label=_("On the crisis"),
        other_label=_("Other messages"), total_heading=_("Messages"))

    conversations = {c.pk: c for c in Conversation.objects.filter(pk__in=list(first_in))
                     .select_related("organisation", "team")}
    if crisis.team_id:
        crisis_conversations |= {pk for pk, c in conversations.items()
                                 if c.team_id == crisis.team_id}
    first_out: dict[int, dt.datetime] = {}
    for conversation_id, at in Message.objects.filter(
            conversation_id__in=list(first_in), direction=Direction.OUT,
            sent_at__gte=start).values_list("conversation_id", "sent_at").iterator():
        if at >= first_in[conversation_id] and (
                conversation_id not in first_out or at < first_out[conversation_id]):
            first_out[conversation_id] = at
    sop_targets = targets_for(org_ids)
    targets = {pk: dt.timedelta(minutes=sop_targets[c.organisation_id][1]) if c.urgent
               else dt.timedelta(hours=sop_targets[c.organisation_id][0])
               for pk, c in conversations.items()}
    response_all = _response_times(first_in, first_out, targets, now)
    response_crisis = _response_times(
        {pk: at for pk, at in first_in.items() if pk in crisis_conversations},
        first_out, targets, now)

    # Posts: those made from the crisis room, and any other of its organisations
    # published in the window.
    made = {cp.post_id: cp.kind for cp in selectors.crisis_posts(crisis)}
    posts = list(Post.objects.filter(pk__in=list(made)).select_related(
        "organisation", "fast_tracked_by", "after_review_by")) + list(
        Post.objects.filter(organisation_id__in=org_ids, published_at__gte=start,
                            published_at__lte=end).exclude(pk__in=list(made))
        .select_related("organisation", "fast_tracked_by", "after_review_by"))
    posts.sort(key=lambda p: p.published_at or p.created_at)
    post_rows = [PostRow(p, made.get(p.pk, ""), p.fast_tracked_by_id is not None)
                 for p in posts]

    still_open = [c for c in Conversation.objects.filter(
        organisation_id__in=org_ids,
        status__in=[ConversationStatus.OPEN, ConversationStatus.PENDING],
        pk__in=list(crisis_conversations)).select_related("organisation", "team")
        .order_by("last_message_at")]
    open_rows = [OpenConversation(c.organisation.name, first_in.get(c.pk, c.last_message_at),
                                  list(c.topics or []), c.urgent, c.team.name if c.team else "")
                 for c in still_open[:OPEN_LISTED]]
    return Report(
        crisis=crisis, start=start, end=end, ongoing=crisis.ended_at is None,
        timeline=selectors.timeline(crisis), mentions=len(mention_rows),
        mentions_on_crisis=sum(1 for _, flag in mention_rows if flag),
        mentions_chart=mentions_chart, messages=len(message_rows),
        messages_on_crisis=sum(1 for _, flag in message_rows if flag),
        messages_chart=messages_chart, response_crisis=response_crisis,
        response_all=response_all, posts=post_rows, open_conversations=open_rows,
        open_conversation_count=len(still_open),
        open_claims=[c for c in selectors.claims(crisis) if c.status == ClaimStatus.OPEN],
        unacknowledged=list(Alert.objects.filter(organisation_id__in=org_ids,
                                                 acknowledged_at__isnull=True)
                            .select_related("organisation")[:OPEN_LISTED]),
        after_review_waiting=[p for p in posts if p.needs_after_review])

