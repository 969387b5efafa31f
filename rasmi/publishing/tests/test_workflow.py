"""The workflow under the SOP: maker-checker, blocking findings, justification, versions,
posting hours, crisis fast-track. Real database, real services, no mocks."""

import pytest
from django.core.exceptions import PermissionDenied

from rasmi.audit.models import AuditEntry
from rasmi.conftest import make_account
from rasmi.publishing import services
from rasmi.publishing.models import Approval, Post, PostState
from rasmi.publishing.services import PublishingError
from rasmi.publishing.tests.conftest import post_input, tomorrow_at

MYKAD_TEXT = ("Tahniah kepada pemenang cabutan bertuah: Ahmad bin Ali, No. KP 900101-14-5677. "
              "Terima kasih kerana menyertai.")


def approved_post(newsroom, **extra):
    post = services.create_post(newsroom["editor"], newsroom["org"],
                                post_input([newsroom["fb"]], **extra))
    services.submit(newsroom["editor"], post)
    return services.approve(newsroom["approver"], post)


def test_a_blocking_finding_stops_the_post_until_fixed(newsroom):
    editor, approver = newsroom["editor"], newsroom["approver"]
    post = services.create_post(editor, newsroom["org"],
                                post_input([newsroom["fb"]], text=MYKAD_TEXT))
    assert post.verdict == "block"
    assert any(f["rule"] == "pdp.mykad" for f in post.findings)
    with pytest.raises(PublishingError) as refused:
        services.submit(editor, post)
    assert refused.value.code == "blocked"

    fixed = services.update_post(editor, post, post_input(
        [newsroom["fb"]], text="Tahniah kepada pemenang cabutan bertuah, Encik Ahmad. "
                               "Terima kasih kerana menyertai."))
    assert fixed.verdict == "pass" and fixed.version == 2
    services.submit(editor, fixed)
    approved = services.approve(approver, fixed)
    assert approved.state == PostState.APPROVED


def test_the_author_never_approves_their_own_post(newsroom):
    admin = newsroom["admin"]  # admins may both draft and approve...
    post = services.create_post(admin, newsroom["org"], post_input([newsroom["fb"]]))
    services.submit(admin, post)
    with pytest.raises(PublishingError) as refused:
        services.approve(admin, post)  # ...but never their own post
    assert refused.value.code == "own_post"
    with pytest.raises(PermissionDenied):
        services.approve(newsroom["viewer"], post)
    with pytest.raises(PermissionDenied):
        services.approve(newsroom["outsider"], post)
    assert services.approve(newsroom["approver"], post).state == PostState.APPROVED


def test_editors_cannot_approve_and_viewers_cannot_draft(newsroom):
    post = services.create_post(newsroom["editor"], newsroom["org"],
                                post_input([newsroom["fb"]]))
    services.submit(newsroom["editor"], post)
    editor2 = newsroom["outsider"]
    with pytest.raises(PermissionDenied):
        services.approve(editor2, post)
    with pytest.raises(PermissionDenied):
        services.create_post(newsroom["viewer"], newsroom["org"], post_input([newsroom["fb"]]))


def test_a_warning_needs_a_written_justification(newsroom):
    editor = newsroom["editor"]
    text = "Maklumat lanjut di http://bit.ly/jpj-sabtu. Terima kasih."
    post = services.create_post(editor, newsroom["org"], post_input([newsroom["fb"]], text=text))
    assert post.verdict == "warn"
    with pytest.raises(PublishingError) as refused:
        services.submit(editor, post)
    assert refused.value.code == "justification_needed"
    services.submit(editor, post, "Pautan pendek rasmi portal MyJPJ; sudah disemak.")
    post.refresh_from_db()
    assert post.state == PostState.IN_REVIEW and post.justification


def test_an_edit_after_approval_sends_the_post_back_to_review(newsroom):
    post = approved_post(newsroom)
    assert post.state == PostState.APPROVED
    edited = services.update_post(newsroom["editor"], post, post_input(
        [newsroom["fb"]], text="Kaunter JPJ Wangsa Maju dibuka Sabtu ini, 8 pagi - 1 petang."))
    assert edited.state == PostState.IN_REVIEW
    assert services.approvals_counted(edited) == 0  # the approval was for version 1
    with pytest.raises(PublishingError) as stale:
        services.approve(newsroom["approver"], edited, expected_version=1)
    assert stale.value.code == "stale"


def test_the_sop_can_ask_for_two_approvers(newsroom):
    services.save_sop(newsroom["admin"], newsroom["org"], {"approvals_required": 2})
    post = services.create_post(newsroom["editor"], newsroom["org"],
                                post_input([newsroom["fb"]]))
    services.submit(newsroom["editor"], post)
    assert services.approve(newsroom["approver"], post).state == PostState.IN_REVIEW
    with pytest.raises(PublishingError):
        services.approve(newsroom["approver"], post)  # the same person twice does not count
    assert services.approve(newsroom["approver2"], post).state == PostState.APPROVED


def test_targets_are_the_organisations_own_official_accounts(newsroom, orgs):

    with pytest.raises(PublishingError) as pending:
        services.create_post(newsroom["editor"], newsroom["org"],
                             post_input([newsroom["pending"]]))
    assert pending.value.code == "target_not_official"
    kkm = make_account(orgs["kkm"], "https://www.facebook.com/kkmputrajaya")
    with pytest.raises(PublishingError):
        services.create_post(newsroom["editor"], newsroom["org"], post_input([kkm]))
    assert not Post.objects.exists()  # nothing half-written


def test_per_account_text_is_checked_against_its_own_platform(newsroom):
    long_for_x = "Kenyataan media JPJ. " + "Maklumat pembaharuan lesen memandu. " * 12
    post = services.create_post(newsroom["editor"], newsroom["org"], post_input(
        [newsroom["fb"], newsroom["x"]],
        target_texts={newsroom["x"].pk: long_for_x}))
    limits = [f for f in post.findings if f["category"] == "platform_limit"]
    assert limits and all(f["target"] == newsroom["x"].pk for f in limits)
    assert post.verdict == "block"


def test_scheduling_respects_posting_hours_and_queues_a_task(newsroom):
    from django_tasks_db.models import DBTaskResult

    post = approved_post(newsroom)
    with pytest.raises(PublishingError) as late:
        services.schedule(newsroom["editor"], post, tomorrow_at(23, 30))
    assert late.value.code == "outside_posting_hours"
    post = services.schedule(newsroom["editor"], post, tomorrow_at(9))
    assert post.state == PostState.SCHEDULED
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["args"][:2] == [post.pk, post.version]
    assert task.run_after == tomorrow_at(9)


def test_approval_queues_a_post_that_already_has_a_time(newsroom):
    from django_tasks_db.models import DBTaskResult

    post = services.create_post(newsroom["editor"], newsroom["org"],
                                post_input([newsroom["fb"]]))
    services.schedule(newsroom["editor"], post, tomorrow_at(10))
    assert Post.objects.get(pk=post.pk).state == PostState.DRAFT  # a wish, not a queue
    services.submit(newsroom["editor"], post)
    post = services.approve(newsroom["approver"], post)
    assert post.state == PostState.SCHEDULED and DBTaskResult.objects.count() == 1


def test_crisis_fast_track_and_after_the_fact_review(newsroom):
    admin, editor = newsroom["admin"], newsroom["editor"]
    services.save_sop(admin, newsroom["org"], {}, crisis_officers=[newsroom["approver"]])
    post = services.create_post(editor, newsroom["org"], post_input([newsroom["fb"]]))
    with pytest.raises(PermissionDenied):  # not in crisis mode
        services.fast_track(newsroom["approver"], post)
    services.set_crisis_mode(admin, newsroom["org"], True, "Banjir Kelantan")
    with pytest.raises(PermissionDenied):  # not a named crisis officer
        services.fast_track(newsroom["approver2"], post)
    post = services.fast_track(newsroom["approver"], post, "Kenyataan awal banjir")
    assert post.state == PostState.SCHEDULED and post.needs_after_review
    assert Approval.objects.get(post=post).decision == "fast_track"
    with pytest.raises(PublishingError):
        services.after_review(newsroom["approver"], post, "ok")  # not their own fast-track
    services.after_review(newsroom["approver2"], post, "Isi tepat; nada sesuai.")
    post.refresh_from_db()
    assert not post.needs_after_review


def test_fast_track_still_refuses_a_blocking_finding(newsroom):
    services.save_sop(newsroom["admin"], newsroom["org"], {},
                      crisis_officers=[newsroom["approver"]])
    services.set_crisis_mode(newsroom["admin"], newsroom["org"], True, "Banjir")
    post = services.create_post(newsroom["editor"], newsroom["org"],
                                post_input([newsroom["fb"]], text=MYKAD_TEXT))
    with pytest.raises(PublishingError):
        services.fast_track(newsroom["approver"], post)


def test_own_terms_and_switched_off_rules_change_the_checks(newsroom):
    admin, editor = newsroom["admin"], newsroom["editor"]
    services.save_sop(admin, newsroom["org"], {"own_terms_block": ["Projek Helang"]})
    post = services.create_post(editor, newsroom["org"], post_input(
        [newsroom["fb"]], text="Taklimat Projek Helang minggu depan di Putrajaya."))
    assert post.verdict == "block" and post.findings[0]["rule"] == "own.block"
    entry = AuditEntry.objects.filter(action="sop.create").get()
    assert entry.after["own_terms_block"] == ["Projek Helang"]


def test_every_step_is_audited(newsroom):
    post = approved_post(newsroom)
    services.schedule(newsroom["editor"], post, tomorrow_at(9))
    actions = list(AuditEntry.objects.filter(object_type="publishing.post")
                   .values_list("action", flat=True))
    assert actions == ["post.create", "post.submit", "post.approve", "post.schedule"]


def test_instagram_needs_a_picture(newsroom):

    insta = make_account(newsroom["org"], "https://www.instagram.com/jpj.rasmi/")
    with pytest.raises(PublishingError) as refused:
        services.create_post(newsroom["editor"], newsroom["org"], post_input([insta]))
    assert refused.value.code == "media_needed"
    post = services.create_post(newsroom["editor"], newsroom["org"], post_input(
        [insta], media_type="image", media_url="https://www.jpj.gov.my/k.jpg",
        media_alt_text="Kaunter JPJ"))
    assert post.targets.get().account == insta


def test_a_video_is_checked_for_captions_not_only_a_description(newsroom):
    insta = make_account(newsroom["org"], "https://www.instagram.com/jpj.rasmi/")
    video = {"media_type": "video", "media_url": "https://www.jpj.gov.my/k.mp4",
             "media_alt_text": "Pegawai menerangkan langkah pembaharuan lesen"}
    post = services.create_post(newsroom["editor"], newsroom["org"],
                                post_input([insta], **video))
    assert post.media[0]["captions"] is False
    _, findings = services.run_checks(post, list(post.targets.all()))
    assert "a11y.alt_text" in {f["rule"] for f in findings}
    captioned = services.create_post(newsroom["editor"], newsroom["org"],
                                     post_input([insta], media_captioned=True, **video))
    _, findings = services.run_checks(captioned, list(captioned.targets.all()))
    assert "a11y.alt_text" not in {f["rule"] for f in findings}


def _youtube(newsroom):
    return make_account(newsroom["org"], "https://www.youtube.com/@jpjmalaysia",
                        platform_id="UCjpjMalaysia000000000")


@pytest.mark.parametrize("given", ["dQw4jpjTips", "https://youtu.be/dQw4jpjTips?t=3",
                                   "https://www.youtube.com/watch?v=dQw4jpjTips&list=x",
                                   "youtube.com/shorts/dQw4jpjTips"])
def test_youtube_needs_the_video_on_the_channel(newsroom, given):
    youtube = _youtube(newsroom)
    with pytest.raises(PublishingError) as refused:
        services.create_post(newsroom["editor"], newsroom["org"], post_input([youtube]))
    assert refused.value.code == "youtube_video_needed"
    post = services.create_post(newsroom["editor"], newsroom["org"],
                                post_input([youtube], youtube_video=given))
    assert post.youtube_video_id == "dQw4jpjTips"


def test_a_wrong_youtube_address_is_refused_in_words(newsroom):
    with pytest.raises(PublishingError) as refused:
        services.create_post(newsroom["editor"], newsroom["org"], post_input(
            [_youtube(newsroom)], youtube_video="https://vimeo.com/123456"))
    assert refused.value.code == "youtube_video_invalid"


def test_the_editor_asks_for_a_youtube_video_only_where_youtube_can_be_chosen(newsroom):
    from rasmi.publishing.forms import PostForm

    assert "youtube_video" not in PostForm(accounts=[newsroom["fb"]]).fields
    assert "youtube_video" in PostForm(accounts=[newsroom["fb"], _youtube(newsroom)]).fields
