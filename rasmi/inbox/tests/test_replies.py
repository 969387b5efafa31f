"""Answering the public and hiding comments: who may, what the checker says first, what is
stored and audited in one transaction, and what is refused before anything is stored."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from rasmi.audit.models import AuditEntry
from rasmi.conftest import make_account
from rasmi.inbox import replies
from rasmi.inbox.models import Conversation, Direction, Message
from rasmi.inbox.replier import KEY_PREFIX, SendState
from rasmi.inbox.replies import ReplyError
from rasmi.inbox.tests.replying import (
    PSID,
    TEXT,
    TOP_COMMENT,
    comment_thread,
    fixture,
    go_live,
    make_desk,
    messenger_chat,
)
from rasmi.publishing.models import Credential

pytestmark = pytest.mark.django_db

ENGLISH = "Thank you for asking. Online driving licence applications reopen next week."


@pytest.fixture
def desk(orgs, pages):
    return make_desk(orgs, pages)


def queued_sends() -> list[list]:
    return [t.args_kwargs["args"] for t in DBTaskResult.objects.filter(status="READY")
            if t.task_path.endswith("deliver_reply")]


# --- sending --------------------------------------------------------------------------------

def test_a_reply_is_stored_queued_and_stops_the_sla_clock_in_one_go(desk):
    conversation = comment_thread()
    assert conversation.first_response_due and conversation.awaiting_since
    before = timezone.now()
    message = replies.send_reply(conversation, desk["officer"], TEXT, "ms")
    assert (message.direction, message.send_state, message.sent_by) == \
        (Direction.OUT, SendState.QUEUED, desk["officer"])
    assert message.parent_id == TOP_COMMENT and message.language == "ms"
    assert message.platform_message_id.startswith(KEY_PREFIX)
    conversation.refresh_from_db()
    assert conversation.first_response_at >= before
    assert conversation.awaiting_since is None and conversation.first_response_due is None
    assert conversation.last_message_at >= before
    entry = AuditEntry.objects.get(action="inbox.reply", object_id=str(message.pk))
    assert entry.actor_label == "officer" and entry.after["verdict"] == "pass"
    assert entry.before["first_response_due"]  # the clock as it was, for the record
    assert queued_sends() == [[message.pk, 1]]


def test_the_first_response_time_is_kept_when_there_was_one(desk):
    conversation = comment_thread()
    earlier = timezone.now() - dt.timedelta(days=1)
    Conversation.objects.filter(pk=conversation.pk).update(first_response_at=earlier)
    replies.send_reply(conversation, desk["officer"], TEXT, "ms")
    conversation.refresh_from_db()
    assert conversation.first_response_at == earlier


@pytest.mark.parametrize("who", ["officer", "approver", "admin", "ministry_editor"])
def test_staff_of_the_organisation_and_above_it_may_reply(desk, who):
    assert replies.send_reply(comment_thread(), desk[who], TEXT, "ms").pk


@pytest.mark.parametrize("who", ["viewer", "outsider", "coordinator"])
def test_viewers_other_organisations_and_coordinators_may_not(desk, who):
    conversation = comment_thread()
    with pytest.raises(PermissionDenied):
        replies.send_reply(conversation, desk[who], TEXT, "ms")
    assert not Message.objects.filter(direction=Direction.OUT).exists()
    conversation.refresh_from_db()
    assert conversation.first_response_due is not None and not queued_sends()


@pytest.mark.parametrize(("text", "language", "code"), [
    ("   ", "ms", "empty_reply"),
    (TEXT, "fr", "reply_language"),
])
def test_bad_input_is_refused_with_a_code(desk, text, language, code):
    with pytest.raises(ReplyError) as raised:
        replies.send_reply(comment_thread(), desk["officer"], text, language)
    assert raised.value.code == code


def test_a_blocking_finding_refuses_the_reply_with_the_findings(desk):
    conversation = comment_thread()
    with pytest.raises(ReplyError) as raised:
        replies.send_reply(conversation, desk["officer"],
                           "Terima kasih. No IC tuan 900101-14-5678 telah kami semak.", "ms",
                           justification="Dia minta")
    error = raised.value
    assert error.code == "blocked"
    assert [f["rule"] for f in error.details["findings"]] == ["pdp.mykad"]
    assert not Message.objects.filter(direction=Direction.OUT).exists()
    conversation.refresh_from_db()
    assert conversation.first_response_at is None and conversation.first_response_due


def test_a_warning_needs_a_justification(desk):
    text = "Terima kasih. Sila semak status di https://bit.ly/jpj-status"
    with pytest.raises(ReplyError) as raised:
        replies.send_reply(comment_thread(), desk["officer"], text, "ms")
    assert raised.value.code == "justification_needed"
    assert raised.value.details["findings"][0]["rule"] == "link.shortener"
    message = replies.send_reply(comment_thread(), desk["officer"], text, "ms",
                                 justification="Pautan rasmi JPJ yang dipendekkan")
    entry = AuditEntry.objects.get(action="inbox.reply", object_id=str(message.pk))
    assert entry.after["verdict"] == "warn" and entry.after["rules"] == ["link.shortener"]
    assert entry.after["justification"] == "Pautan rasmi JPJ yang dipendekkan"


def test_an_english_reply_is_not_held_to_the_bm_rule_but_a_bm_one_is(desk):
    conversation = comment_thread()
    assert replies.send_reply(conversation, desk["officer"], ENGLISH, "en").language == "en"
    with pytest.raises(ReplyError) as raised:
        replies.send_reply(conversation, desk["officer"], ENGLISH, "ms")
    assert raised.value.code == "justification_needed"


def test_an_sop_term_of_the_organisation_blocks_a_reply(desk):
    from rasmi.publishing.services import save_sop

    save_sop(desk["admin"], desk["org"], {"own_terms_block": ["minggu depan"]})
    with pytest.raises(ReplyError) as raised:
        replies.send_reply(comment_thread(), desk["officer"], TEXT, "ms")
    assert raised.value.code == "blocked"


# --- what can be answered -------------------------------------------------------------------

def test_a_messenger_reply_inside_the_window_goes_to_the_person(desk):
    message = replies.send_reply(messenger_chat(hours_ago=23), desk["officer"], TEXT, "ms")
    assert message.parent_id == "" and message.conversation.thread_key == PSID


def test_outside_the_messaging_window_nothing_is_stored(desk):
    conversation = messenger_chat(hours_ago=25)
    with pytest.raises(ReplyError) as raised:
        replies.send_reply(conversation, desk["officer"], TEXT, "ms")
    # The message is in the reader's language (BM by default): "24 jam" / "24 hours".
    assert raised.value.code == "window_closed" and "24" in str(raised.value.message)
    assert not Message.objects.filter(direction=Direction.OUT).exists()


def test_a_messenger_reply_longer_than_messenger_takes_is_refused(desk):
    with pytest.raises(ReplyError) as raised:
        replies.send_reply(messenger_chat(), desk["officer"], "Terima kasih. " * 200, "ms")
    assert raised.value.code == "reply_too_long"


def test_a_deleted_comment_cannot_be_answered(desk):
    conversation = comment_thread()
    Message.objects.filter(platform_message_id=TOP_COMMENT).update(deleted=True)
    with pytest.raises(ReplyError) as raised:
        replies.send_reply(conversation, desk["officer"], TEXT, "ms")
    assert raised.value.code == "comment_deleted"


def test_an_account_rasmi_is_not_connected_to_cannot_answer(desk):
    conversation = comment_thread()
    Credential.objects.filter(account=desk["facebook"]).delete()
    with pytest.raises(ReplyError) as raised:
        replies.send_reply(conversation, desk["officer"], TEXT, "ms")
    assert raised.value.code == "no_credential"


def test_an_account_no_longer_official_cannot_answer(desk):
    conversation = comment_thread()
    type(desk["facebook"]).objects.filter(pk=desk["facebook"].pk).update(status="archived")
    with pytest.raises(ReplyError) as raised:
        replies.send_reply(conversation, desk["officer"], TEXT, "ms")
    assert raised.value.code == "account_not_official"


def _conversation(account, kind, thread_key, *, incoming=()):
    now = timezone.now()
    conversation = Conversation.objects.create(
        account=account, organisation=account.organisation, kind=kind,
        thread_key=thread_key, last_message_at=now)
    for offset, message_id in enumerate(incoming):
        Message.objects.create(conversation=conversation, account=account,
                               platform_message_id=message_id, direction=Direction.IN,
                               text="Bila?", sent_at=now - dt.timedelta(minutes=10 - offset),
                               event_at=now)
    Credential.objects.create(account=account, mode="dry_run")
    return conversation


@pytest.mark.parametrize(("url", "kind"), [
    ("https://www.youtube.com/@jpjmalaysia", "direct"),
    ("https://www.tiktok.com/@jpjmalaysia", "comments"),
])
def test_platforms_that_cannot_answer_this_are_refused_before_storing(desk, url, kind):
    account = make_account(desk["org"], url, platform_id="UCjpj" + kind)
    conversation = _conversation(account, kind, "t1", incoming=["c1"])
    with pytest.raises(ReplyError) as raised:
        replies.send_reply(conversation, desk["officer"], TEXT, "ms")
    assert raised.value.code == "cannot_reply_here"


def test_on_x_the_reply_goes_to_the_persons_newest_post(desk):
    account = make_account(desk["org"], "https://x.com/jpjmalaysia", platform_id="200077")
    conversation = _conversation(account, "comments", "1861000000000000001",
                                 incoming=["1861000000000000001", "1861000000000000002"])
    message = replies.send_reply(conversation, desk["officer"], "Terima kasih, kami semak.",
                                 "ms")
    assert message.parent_id == "1861000000000000002"


# --- retrying -------------------------------------------------------------------------------

def test_a_failed_reply_can_be_queued_again_by_a_person(desk):
    message = replies.send_reply(comment_thread(), desk["officer"], TEXT, "ms")
    with pytest.raises(ReplyError):
        replies.retry_reply(message, desk["officer"])  # still queued
    Message.objects.filter(pk=message.pk).update(send_state="failed", send_error="transient: x")
    DBTaskResult.objects.all().delete()
    message = replies.retry_reply(message, desk["officer"])
    assert (message.send_state, message.send_error) == (SendState.QUEUED, "")
    assert queued_sends() == [[message.pk, 1]]
    assert AuditEntry.objects.filter(action="inbox.reply.retry").exists()
    with pytest.raises(PermissionDenied):
        replies.retry_reply(message, desk["viewer"])


# --- hiding ---------------------------------------------------------------------------------

def _comment(platform_message_id=TOP_COMMENT) -> Message:
    comment_thread()
    return Message.objects.get(platform_message_id=platform_message_id)


@pytest.mark.parametrize("who", ["approver", "admin"])
def test_an_approver_hides_an_abusive_comment_with_a_reason(desk, who):
    comment = _comment()
    hidden = replies.hide_message(comment, desk[who], "  Kata-kata kesat  ")
    assert hidden.hidden and hidden.hidden_reason == "Kata-kata kesat"
    comment.refresh_from_db()
    assert comment.hidden
    entry = AuditEntry.objects.get(action="inbox.hide", object_id=str(comment.pk))
    assert entry.after["reason"] == "Kata-kata kesat" and entry.actor_label == who
    assert comment.text not in str(entry.after)  # the citizen's words stay out of the log
    shown = replies.unhide_message(comment, desk[who])
    assert not shown.hidden and shown.hidden_reason == ""
    assert AuditEntry.objects.filter(action="inbox.unhide").exists()


@pytest.mark.parametrize("who", ["officer", "viewer", "outsider", "coordinator"])
def test_hiding_needs_an_approver_level_role(desk, who):
    comment = _comment()
    with pytest.raises(PermissionDenied):
        replies.hide_message(comment, desk[who], "Kesat")
    comment.refresh_from_db()
    assert not comment.hidden


def test_the_sops_approver_roles_decide_who_hides(desk):
    from rasmi.publishing.services import save_sop

    save_sop(desk["admin"], desk["org"], {"approver_roles": ["org_editor"]})
    assert replies.hide_message(_comment(), desk["officer"], "Spam").hidden


@pytest.mark.parametrize(("reason", "code"), [("  ", "reason_needed"),
                                               ("x" * 201, "reason_too_long")])
def test_a_reason_is_required(desk, reason, code):
    with pytest.raises(ReplyError) as raised:
        replies.hide_message(_comment(), desk["approver"], reason)
    assert raised.value.code == code


def test_only_comments_from_the_public_can_be_hidden(desk):
    message = replies.send_reply(comment_thread(), desk["officer"], TEXT, "ms")
    with pytest.raises(ReplyError) as raised:
        replies.hide_message(message, desk["approver"], "Salah")
    assert raised.value.code == "not_a_comment"
    direct = Message.objects.get(conversation=messenger_chat())
    with pytest.raises(ReplyError) as raised:
        replies.hide_message(direct, desk["approver"], "Kesat")
    assert raised.value.code == "not_a_comment"


def test_hiding_twice_says_so(desk):
    comment = _comment()
    replies.hide_message(comment, desk["approver"], "Kesat")
    with pytest.raises(ReplyError) as raised:
        replies.hide_message(comment, desk["approver"], "Kesat")
    assert raised.value.code == "already_done"


def test_a_platform_that_cannot_hide_is_refused(desk):
    account = make_account(desk["org"], "https://www.tiktok.com/@jpjmalaysia",
                           platform_id="7000001")
    conversation = _conversation(account, "comments", "c1", incoming=["c1"])
    with pytest.raises(ReplyError) as raised:
        replies.hide_message(conversation.messages.get(), desk["approver"], "Kesat")
    assert raised.value.code == "cannot_hide_here"


def test_a_live_hide_asks_the_platform_first(desk, monkeypatch):
    transport = go_live(desk, desk["facebook"], monkeypatch,
                        fixture=fixture("facebook", "hide_comment"))
    comment = _comment()
    with transport:
        assert replies.hide_message(comment, desk["approver"], "Ancaman").hidden
    assert transport.requests[0].url.path.endswith(TOP_COMMENT)


@pytest.mark.parametrize(("name", "code", "status"), [
    ("hide_deleted", "platform_not_found", 400),
    ("hide_permission", "platform_permission", 400),
    ("reply_server_error", "platform_transient", 502),
])
def test_a_refused_hide_changes_nothing_and_says_why(desk, monkeypatch, tmp_path, name, code,
                                                     status):
    import json

    path = fixture("facebook", name)
    if name == "reply_server_error":  # the same 5xx, on the hide address
        exchanges = json.loads(path.read_text())
        exchanges[0]["request"]["url"] = exchanges[0]["request"]["url"].removesuffix(
            "/comments")
        path = tmp_path / "hide_5xx.json"
        path.write_text(json.dumps(exchanges))
    go_live(desk, desk["facebook"], monkeypatch, fixture=path)
    comment = _comment()
    with pytest.raises(ReplyError) as raised:
        replies.hide_message(comment, desk["approver"], "Kesat")
    assert (raised.value.code, raised.value.status) == (code, status)
    assert raised.value.details["platform_error"]
    comment.refresh_from_db()
    assert not comment.hidden and not AuditEntry.objects.filter(action="inbox.hide").exists()


def test_hiding_on_an_account_rasmi_is_not_connected_to_says_so(desk):
    comment = _comment()
    Credential.objects.filter(account=desk["facebook"]).delete()
    with pytest.raises(ReplyError) as raised:
        replies.hide_message(comment, desk["approver"], "Kesat")
    assert raised.value.code == "no_credential"
