"""Canned replies: placeholders filled for the conversation, in the reply's language; unknown
placeholders refused when saved."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from rasmi.inbox.canned import (
    CannedReplyError,
    effective_language,
    placeholder_validator,
    render_canned,
    unknown_placeholders,
    validate_canned,
)
from rasmi.inbox.models import CannedReply, ComplaintRecord, Contact
from rasmi.inbox.tests.replying import comment_thread, make_desk, messenger_chat


@pytest.fixture
def desk(orgs, pages):
    return make_desk(orgs, pages)


def canned(org, **texts) -> CannedReply:
    return CannedReply.objects.create(
        organisation=org, title=texts.pop("title", "Lesen dalam talian"),
        text_ms=texts.get("ms", "Salam {name}, terima kasih kerana menghubungi {agency} "
                                "melalui {account}. Rujukan: {reference}. — {officer}"),
        text_en=texts.get("en", "Hello {name}, thank you for contacting {agency} through "
                                "{account}. Reference: {reference}. — {officer}"))


@pytest.mark.django_db
def test_placeholders_are_filled_in_bm(desk):
    conversation = comment_thread()
    text = render_canned(canned(desk["org"]), conversation, "ms", officer=desk["officer"])
    assert text == ("Salam Nurul Aina, terima kasih kerana menghubungi Jabatan Pengangkutan "
                    f"Jalan Malaysia melalui @jpjmalaysia. Rujukan: JPJ-{conversation.pk}. "
                    "— officer")


@pytest.mark.django_db
def test_placeholders_are_filled_in_english_with_the_officers_name(desk):
    conversation = comment_thread()
    desk["officer"].first_name, desk["officer"].last_name = "Siti", "Hajar"
    desk["officer"].save()
    ComplaintRecord.objects.create(conversation=conversation, reference="SISPAA-2026-0042",
                                   complaint_type="Perkhidmatan", subject="Lesen",
                                   details="Lambat", due_on="2026-12-16")
    text = render_canned(canned(desk["org"]), conversation, "en", officer=desk["officer"])
    assert text == ("Hello Nurul Aina, thank you for contacting Road Transport Department "
                    "Malaysia through @jpjmalaysia. Reference: SISPAA-2026-0042. — Siti Hajar")


@pytest.mark.django_db
def test_defaults_when_the_name_or_officer_is_unknown(desk):
    conversation = messenger_chat()  # Messenger gives no display name
    assert conversation.contact is None or not conversation.contact.name
    reply = canned(desk["org"], ms="Salam {name}. — {officer}", en="Hello {name}. — {officer}")
    assert render_canned(reply, conversation, "ms") == "Salam Tuan/Puan. — Pegawai bertugas"
    assert render_canned(reply, conversation, "en") == "Hello Sir/Madam. — Duty officer"
    conversation.assignee = desk["approver"]
    assert render_canned(reply, conversation, "en") == "Hello Sir/Madam. — approver"


@pytest.mark.django_db
def test_a_reply_without_english_is_given_in_bm(desk):
    reply = canned(desk["org"], ms="Salam {name}, dari {agency}.", en="")
    conversation = comment_thread()
    assert effective_language(reply, "en") == "ms"
    assert render_canned(reply, conversation, "en") == \
        "Salam Nurul Aina, dari Jabatan Pengangkutan Jalan Malaysia."


@pytest.mark.django_db
def test_a_name_is_filled_once_never_expanded(desk):
    conversation = comment_thread()
    Contact.objects.filter(pk=conversation.contact_id).update(name="{agency} {officer.password}")
    conversation.refresh_from_db()
    text = render_canned(canned(desk["org"], ms="Salam {name}."), conversation, "ms")
    assert text == "Salam {agency} {officer.password}."


@pytest.mark.django_db
def test_a_ministrys_canned_reply_serves_its_departments_but_not_others(desk, orgs):
    conversation = comment_thread()  # JPJ, under MOT
    assert render_canned(canned(orgs["mot"], ms="Salam {name}."), conversation, "ms")
    with pytest.raises(CannedReplyError) as raised:
        render_canned(canned(orgs["kkm"], ms="Salam {name}."), conversation, "ms")
    assert raised.value.code == "canned_elsewhere" and raised.value.status == 403


@pytest.mark.django_db
def test_an_unknown_language_is_refused(desk):
    with pytest.raises(CannedReplyError):
        render_canned(canned(desk["org"]), comment_thread(), "zh")


def test_unknown_placeholders_are_named():
    assert unknown_placeholders("Salam {nama}, {name} {agensi} {nama} { name }") == \
        ["{nama}", "{agensi}", "{ name }"]
    with pytest.raises(CannedReplyError) as raised:
        validate_canned("Salam {nama}", "Hello {name} from {agencyy}")
    assert raised.value.code == "unknown_placeholder"
    assert raised.value.details["unknown"] == ["{nama}", "{agencyy}"]
    assert "{nama}" in str(raised.value.message) and "{officer}" in str(raised.value.message)
    validate_canned("Salam {name} dari {agency}", "")  # all known: no error


def test_the_form_validator_says_the_same():
    with pytest.raises(ValidationError) as raised:
        placeholder_validator("Salam {nama}")
    assert raised.value.code == "unknown_placeholder"
    placeholder_validator("Salam {name}")


@given(st.text(alphabet=st.characters(blacklist_characters="{}")))
def test_text_without_braces_never_has_unknown_placeholders(text):
    assert unknown_placeholders(text) == []
