"""Conversations with citizens, written straight to the database, for the complaint, FAQ
and retention tests (ingest has its own tests from Meta's payloads)."""

import datetime as dt
import itertools

from django.utils import timezone

from rasmi.conftest import make_account, make_user
from rasmi.inbox.models import Contact, Conversation, Direction, Message
from rasmi.people.models import Role

_ids = itertools.count(1)


def contact(name: str, platform: str = "facebook", user_id: str = "") -> Contact:
    return Contact.objects.create(platform=platform, name=name,
                                  platform_user_id=user_id or f"psid-{next(_ids)}")


def conversation(account, who: Contact | None, texts: list[str], *,
                 at: dt.datetime | None = None,
                 intent: str = "complaint", topics: list[str] | None = None,
                 status: str = "open", resolved_at=None, replies: list[str] = (),
                 kind: str = "comments") -> Conversation:
    """A thread on `account`: the citizen's messages a minute apart, then any replies."""
    at = at or timezone.now() - dt.timedelta(hours=2)
    # Direct messages are threaded on the sender's id, as Meta's Messenger events are.
    key = who.platform_user_id if kind == "direct" and who else f"t{next(_ids)}"
    thread = Conversation.objects.create(
        account=account, organisation=account.organisation, kind=kind, thread_key=key,
        post_id="100064_1", contact=who, status=status,
        last_message_at=at, resolved_at=resolved_at, intent=intent, topics=topics or [])
    when = at
    for text in texts:
        Message.objects.create(
            conversation=thread, account=account, platform_message_id=f"m{next(_ids)}",
            direction=Direction.IN, author=who, text=text, sent_at=when, event_at=when,
            intent=intent, topics=topics or [], sentiment="negative", language="ms")
        when += dt.timedelta(minutes=1)
    for text in replies:
        Message.objects.create(
            conversation=thread, account=account, platform_message_id=f"m{next(_ids)}",
            direction=Direction.OUT, text=text, sent_at=when, event_at=when)
        when += dt.timedelta(minutes=1)
    thread.last_message_at = when
    thread.save(update_fields=["last_message_at"])
    return thread


def office(orgs) -> dict:
    """JPJ's Page and its officers, and a KKM editor who must see none of it."""
    jpj, kkm = orgs["jpj"], orgs["kkm"]
    return {
        "org": jpj,
        "page": make_account(jpj, "https://www.facebook.com/jpjmalaysia", platform_id="100064"),
        "editor": make_user("jpj-editor", Role.ORG_EDITOR, jpj),
        "viewer": make_user("jpj-viewer", Role.VIEWER, jpj),
        "ministry_admin": make_user("mot-admin", Role.ORG_ADMIN, orgs["mot"]),
        "outsider": make_user("kkm-editor", Role.ORG_EDITOR, kkm),
        "coordinator": make_user("national", Role.COORDINATOR),
    }
