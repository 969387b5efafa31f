"""The SLA timers an officer reads on a conversation: the first-response clock and the
resolution clock, each running, near its end, overdue or stopped.

Pure arithmetic on the fields triage and replies keep (awaiting_since,
first_response_due, first_response_at, resolution_due, status), so the queue computes a
row's timer from the row it already has. A timer is "warning" in the last 20% of its
target: a reply due 24 hours after the question warns from 19 h 12 min.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

WARNING_SHARE = 0.2

FIRST_RESPONSE, RESOLUTION = "first_response", "resolution"
RUNNING, WARNING, OVERDUE, STOPPED, NONE = "running", "warning", "overdue", "stopped", "none"
# Statuses in which the clocks run: a resolved conversation owes nothing; a snoozed one
# still owes its resolution (the officer chose to wait, not the public).
REPLY_OWED = ("open", "pending")
UNRESOLVED = ("open", "pending", "snoozed")


@dataclass(frozen=True)
class Timer:
    clock: str          # FIRST_RESPONSE or RESOLUTION
    state: str          # RUNNING, WARNING, OVERDUE, STOPPED or NONE
    due: dt.datetime | None = None
    seconds: int = 0    # left while running or warning, late when overdue
    stopped_at: dt.datetime | None = None  # the first reply, or the resolution

    @property
    def pressing(self) -> bool:
        return self.state in (WARNING, OVERDUE)

    @property
    def css(self) -> str:
        """The class the templates style a timer with."""
        return f"timer timer-{self.state}"


def _running(clock: str, start: dt.datetime | None, due: dt.datetime,
             now: dt.datetime) -> Timer:
    left = (due - now).total_seconds()
    if left < 0:
        return Timer(clock, OVERDUE, due, int(-left))
    target = (due - start).total_seconds() if start is not None else 0
    near = target > 0 and left <= WARNING_SHARE * target
    return Timer(clock, WARNING if near else RUNNING, due, int(left))


def first_response(conversation, now: dt.datetime) -> Timer:
    """Running from the public's unanswered message to `first_response_due`; stopped by
    the first reply (a later question starts it again, as triage keeps it)."""
    due = conversation.first_response_due
    if due is not None and conversation.status in REPLY_OWED:
        return _running(FIRST_RESPONSE, conversation.awaiting_since, due, now)
    if conversation.first_response_at is not None:
        return Timer(FIRST_RESPONSE, STOPPED, stopped_at=conversation.first_response_at)
    return Timer(FIRST_RESPONSE, NONE)


def resolution(conversation, now: dt.datetime) -> Timer:
    """Running from the conversation's start to `resolution_due`; stopped when resolved."""
    if conversation.status == "resolved":
        return Timer(RESOLUTION, STOPPED, conversation.resolution_due,
                     stopped_at=conversation.resolved_at)
    if conversation.resolution_due is None or conversation.status not in UNRESOLVED:
        return Timer(RESOLUTION, NONE)
    return _running(RESOLUTION, conversation.created_at, conversation.resolution_due, now)


def pressing(conversation, now: dt.datetime) -> Timer:
    """The one timer a queue row shows: an overdue clock first (the reply before the
    resolution), then a running reply clock, then the resolution clock, then the stopped
    reply clock."""
    reply, resolve = first_response(conversation, now), resolution(conversation, now)
    for timer in (reply, resolve):
        if timer.state == OVERDUE:
            return timer
    if reply.state in (RUNNING, WARNING):
        return reply
    if resolve.state in (RUNNING, WARNING):
        return resolve
    return reply if reply.state == STOPPED else resolve
