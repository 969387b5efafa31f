"""Every write of the publishing workflow: one transaction, one audit entry, and the SOP's
rules enforced here whoever calls (web, API, command).

draft -> in_review (submit) -> approved (enough approvers, none the author) -> scheduled
(a time within posting hours; the publish task is queued in the same transaction) ->
published | failed (the worker, publisher.py). An edit bumps the version: approvals of
the old text stop counting and an approved or scheduled post goes back to review.
"""

import datetime as dt
import secrets
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rasmi.audit.services import record
from rasmi.connectors.youtube.client import video_id_from
from rasmi.core.rules.model import verdict_from_severities
from rasmi.errors import UserError
from rasmi.people import permissions
from rasmi.publishing import compliance, policy
from rasmi.publishing.models import (
    Approval,
    Credential,
    CredentialMode,
    Decision,
    Post,
    PostState,
    PostTarget,
    SopSettings,
    TargetState,
)
from rasmi.registry.models import AccountStatus, SocialAccount
from rasmi.secrets_box import seal


class PublishingError(UserError):
    """A publishing rule said no (maker-checker, a blocking finding, a bad time...)."""


EDITABLE = {PostState.DRAFT, PostState.IN_REVIEW, PostState.APPROVED, PostState.SCHEDULED,
            PostState.FAILED}


@dataclass
class PostInput:
    title: str
    text: str
    account_ids: list[int]
    link: str = ""
    media_type: str = ""
    media_url: str = ""
    media_alt_text: str = ""
    media_captioned: bool = False  # a video's captions (or a video without speech)
    youtube_video: str = ""  # an id or an address of the video (YouTube targets only)
    target_texts: dict[int, str] = field(default_factory=dict)  # account id -> own text


def post_snapshot(post: Post) -> dict:
    return {"title": post.title, "text": post.text, "link": post.link,
            "media": post.media, "youtube_video_id": post.youtube_video_id,
            "state": post.state, "version": post.version,
            "scheduled_at": post.scheduled_at, "verdict": post.verdict,
            "targets": {str(t.account_id): t.text for t in post.targets.all()}}


# --- checks ---------------------------------------------------------------------------------

def run_checks(post: Post, targets: list[PostTarget]) -> tuple[str, list[dict]]:
    """The post's text against every target platform, and each target's own text against
    its platform. Findings of a target's own text carry `target` (the account id)."""
    sop = policy.sop_for(post.organisation)
    platforms = sorted({t.account.platform for t in targets if not t.text})
    main = compliance.check_for(sop, {"text": post.text, "platforms": platforms,
                                      "media": post.media})
    findings = list(main["findings"])
    for target in targets:
        if target.text:
            own = compliance.check_for(sop, {"text": target.text,
                                             "platforms": [target.account.platform],
                                             "media": post.media})
            findings += [f | {"target": target.account_id} for f in own["findings"]]
    return verdict_from_severities(f["severity"] for f in findings), findings


def _eligible_accounts(organisation, account_ids: list[int]) -> list[SocialAccount]:
    if not account_ids:
        raise PublishingError("no_targets", _("Choose at least one official account."))
    accounts = list(SocialAccount.objects.filter(
        pk__in=account_ids, organisation=organisation, status=AccountStatus.OFFICIAL))
    if len(accounts) != len(set(account_ids)):
        raise PublishingError(
            "target_not_official",
            _("A post can only go to the organisation's own official accounts."))
    sop = policy.sop_for(organisation)
    if sop.platforms:
        outside = sorted({a.platform for a in accounts} - set(sop.platforms))
        if outside:
            raise PublishingError(
                "platform_not_in_sop",
                _("Your SOP does not list these platforms: %(platforms)s.")
                % {"platforms": ", ".join(outside)})
    return accounts


# What a platform cannot publish without (its API refuses a text-only post). YouTube
# instead needs the video already on the channel (Post.youtube_video_id).
MEDIA_NEEDED = {"instagram": ("image", "video"), "tiktok": ("video",)}


def _require_media(accounts: list[SocialAccount], post: Post) -> None:
    media_type = post.media_type
    if not post.youtube_video_id and any(a.platform == "youtube" for a in accounts):
        raise PublishingError(
            "youtube_video_needed",
            _("YouTube posts set the description of a video already on the channel: give "
              "its link or ID."))
    for account in accounts:
        needed = MEDIA_NEEDED.get(account.platform)
        if needed and media_type not in needed:
            raise PublishingError(
                "media_needed",
                _("%(platform)s needs an image or a video.") % {
                    "platform": account.get_platform_display()} if len(needed) == 2
                else _("%(platform)s needs a video.") % {
                    "platform": account.get_platform_display()})


def _sync_targets(post: Post, data: PostInput) -> list[PostTarget]:
    accounts = _eligible_accounts(post.organisation, data.account_ids)
    _require_media(accounts, post)
    wanted = {a.pk: a for a in accounts}
    post.targets.exclude(account_id__in=wanted).delete()
    existing = {t.account_id: t for t in post.targets.select_related("account")}
    targets = []
    for account_id, account in wanted.items():
        target = existing.get(account_id) or PostTarget(
            post=post, account=account, idempotency_key=f"rasmi-{post.pk}-{account_id}-"
            + secrets.token_hex(6))
        target.text = (data.target_texts.get(account_id) or "").strip()
        target.save()
        targets.append(target)
    return targets


def _apply(post: Post, data: PostInput) -> None:
    post.title = data.title.strip()
    post.text = data.text.strip()
    post.link = data.link.strip()
    post.media_type = data.media_type
    post.media_url = data.media_url.strip() if data.media_type else ""
    post.media_alt_text = data.media_alt_text.strip() if data.media_type else ""
    post.media_captioned = data.media_type == "video" and data.media_captioned
    if not post.title or not post.text:
        raise PublishingError("empty_post", _("A post needs a title and a text."))
    video = data.youtube_video.strip()
    post.youtube_video_id = (video_id_from(video) or "") if video else ""
    if video and not post.youtube_video_id:
        raise PublishingError("youtube_video_invalid",
                              _("This is not a YouTube video link or ID."))


# --- writing --------------------------------------------------------------------------------

@transaction.atomic
def create_post(actor, organisation, data: PostInput) -> Post:
    permissions.require(policy.can_draft(actor, organisation),
                        _("Your role may not draft posts for this organisation."))
    post = Post(organisation=organisation, author=actor)
    _apply(post, data)
    post.save()
    targets = _sync_targets(post, data)
    post.verdict, post.findings = run_checks(post, targets)
    post.save(update_fields=["verdict", "findings"])
    record(actor, "post.create", post, after=post_snapshot(post))
    return post


@transaction.atomic
def update_post(actor, post: Post, data: PostInput) -> Post:
    post = Post.objects.select_for_update().get(pk=post.pk)
    permissions.require(policy.can_draft(actor, post.organisation),
                        _("Your role may not draft posts for this organisation."))
    if post.state not in EDITABLE:
        raise PublishingError("not_editable", _("A published post cannot be edited."))
    before = post_snapshot(post)
    _apply(post, data)
    targets = _sync_targets(post, data)
    post.verdict, post.findings = run_checks(post, targets)
    post.version += 1
    if post.state in (PostState.APPROVED, PostState.SCHEDULED):
        post.state = PostState.IN_REVIEW  # approvals were for the old text
    elif post.state == PostState.FAILED:
        post.state = PostState.DRAFT
    post.save()
    post.targets.exclude(state=TargetState.PUBLISHED).update(state=TargetState.PENDING,
                                                             last_error="", attempts=0)
    record(actor, "post.edit", post, before=before, after=post_snapshot(post))
    return post


def _require_state(post: Post, *states: str) -> None:
    if post.state not in states:
        raise PublishingError("wrong_state", _("This post is %(state)s; that step is not "
                                               "possible now.")
                              % {"state": post.get_state_display().lower()})


def _require_no_block(post: Post) -> None:
    if post.verdict == "block":
        raise PublishingError("blocked", _("The checker found something that must be fixed "
                                           "before this post can be approved."))


@transaction.atomic
def submit(actor, post: Post, justification: str = "") -> Post:
    post = Post.objects.select_for_update().get(pk=post.pk)
    permissions.require(policy.can_draft(actor, post.organisation),
                        _("Your role may not draft posts for this organisation."))
    _require_state(post, PostState.DRAFT)
    _require_no_block(post)
    justification = justification.strip() or post.justification
    if post.verdict == "warn" and not justification:
        raise PublishingError("justification_needed",
                              _("The checker has warnings: write why the post should go out "
                                "as it is."))
    post.justification = justification
    post.state = PostState.IN_REVIEW
    post.review_note = ""
    post.save()
    record(actor, "post.submit", post, after={"version": post.version,
                                              "justification": justification})
    return post


def approvals_counted(post: Post) -> int:
    return post.approvals.filter(version=post.version, decision=Decision.APPROVE).count()


@transaction.atomic
def approve(actor, post: Post, note: str = "", *, expected_version: int | None = None) -> Post:
    post = Post.objects.select_for_update().get(pk=post.pk)
    if actor.pk == post.author_id:
        raise PublishingError("own_post", _("You cannot approve a post you wrote."),
                              status=403)
    permissions.require(policy.can_approve(actor, post),
                        _("Your role may not approve posts for this organisation."))
    _require_state(post, PostState.IN_REVIEW)
    if expected_version is not None and expected_version != post.version:
        raise PublishingError("stale", _("The post changed while you were reading it. Read "
                                         "the new version, then decide."), status=409)
    _require_no_block(post)
    if post.verdict == "warn" and not post.justification:
        raise PublishingError("justification_needed",
                              _("The post has warnings and no written justification."))
    if post.approvals.filter(approver=actor, version=post.version).exists():
        raise PublishingError("already_decided", _("You already decided on this version."))
    Approval.objects.create(post=post, approver=actor, version=post.version,
                            decision=Decision.APPROVE, note=note.strip())
    needed = policy.sop_for(post.organisation).approvals_required
    if approvals_counted(post) >= needed:
        post.state = PostState.APPROVED
        post.save(update_fields=["state", "updated_at"])
        if post.scheduled_at is not None:
            _queue(post, post.scheduled_at)
    record(actor, "post.approve", post, after={"version": post.version, "note": note,
                                               "state": post.state})
    return post


@transaction.atomic
def send_back(actor, post: Post, note: str) -> Post:
    post = Post.objects.select_for_update().get(pk=post.pk)
    permissions.require(policy.can_approve(actor, post),
                        _("Your role may not approve posts for this organisation."))
    _require_state(post, PostState.IN_REVIEW, PostState.APPROVED, PostState.SCHEDULED)
    if not note.strip():
        raise PublishingError("note_needed", _("Say what the writer should change."))
    Approval.objects.create(post=post, approver=actor, version=post.version,
                            decision=Decision.REJECT, note=note.strip())
    post.state, post.review_note = PostState.DRAFT, note.strip()
    post.save(update_fields=["state", "review_note", "updated_at"])
    record(actor, "post.send_back", post, after={"version": post.version, "note": note})
    return post


@transaction.atomic
def fast_track(actor, post: Post, note: str = "", when: dt.datetime | None = None) -> Post:
    """Crisis mode: a named crisis officer approves alone and the post goes out at once
    (or at `when`); it then waits for an after-the-fact review by someone else."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    permissions.require(policy.can_fast_track(actor, post),
                        _("Only a named crisis officer may fast-track, and only while the "
                          "organisation is in crisis mode."))
    _require_state(post, PostState.DRAFT, PostState.IN_REVIEW)
    _require_no_block(post)
    Approval.objects.create(post=post, approver=actor, version=post.version,
                            decision=Decision.FAST_TRACK, note=note.strip())
    post.fast_tracked_by = actor
    post.state = PostState.APPROVED
    post.save()
    _schedule(post, when or timezone.now(), check_hours=False)
    record(actor, "post.fast_track", post, after={"version": post.version, "note": note,
                                                  "scheduled_at": post.scheduled_at})
    return post


@transaction.atomic
def after_review(actor, post: Post, note: str) -> Post:
    post = Post.objects.select_for_update().get(pk=post.pk)
    if not post.needs_after_review:
        raise PublishingError("no_after_review", _("This post needs no after-the-fact review."))
    if actor.pk in (post.fast_tracked_by_id, post.author_id):
        raise PublishingError("own_post", _("Someone other than the writer and the crisis "
                                            "officer must review a fast-tracked post."),
                              status=403)
    permissions.require(policy.can_approve(actor, post),
                        _("Your role may not approve posts for this organisation."))
    if not note.strip():
        raise PublishingError("note_needed", _("Write what the review found."))
    post.after_review_by, post.after_review_at = actor, timezone.now()
    post.after_review_note = note.strip()
    post.save()
    record(actor, "post.after_review", post, after={"note": note})
    return post


# --- scheduling -----------------------------------------------------------------------------

def within_posting_hours(sop: SopSettings, when: dt.datetime) -> bool:
    local = timezone.localtime(when).time()
    return sop.posting_start <= local <= sop.posting_end


def _queue(post: Post, when: dt.datetime) -> None:
    from rasmi.publishing.tasks import publish_post

    post.state, post.scheduled_at = PostState.SCHEDULED, when
    post.save(update_fields=["state", "scheduled_at", "updated_at"])
    # Queued in the same transaction (the task table is in this database): the schedule
    # and its task commit together or not at all. A task for an older version or time
    # finds the post changed and does nothing.
    publish_post.using(run_after=when).enqueue(post.pk, post.version, when.isoformat())


def _schedule(post: Post, when: dt.datetime, *, check_hours: bool = True) -> None:
    sop = policy.sop_for(post.organisation)
    if check_hours and not within_posting_hours(sop, when):
        raise PublishingError(
            "outside_posting_hours",
            _("Your SOP allows posting between %(start)s and %(end)s.")
            % {"start": sop.posting_start.strftime("%H:%M"),
               "end": sop.posting_end.strftime("%H:%M")})
    if when < timezone.now() - dt.timedelta(minutes=1):
        raise PublishingError("in_the_past", _("Choose a time that has not passed."))
    _queue(post, when)


@transaction.atomic
def schedule(actor, post: Post, when: dt.datetime) -> Post:
    """Set or move the time of an approved or scheduled post (also from the calendar)."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    permissions.require(policy.can_schedule(actor, post),
                        _("Your role may not schedule posts for this organisation."))
    if post.state in (PostState.DRAFT, PostState.IN_REVIEW):
        # Not approved yet: remember the wish; approval queues it.
        before = post.scheduled_at
        post.scheduled_at = when
        post.save(update_fields=["scheduled_at", "updated_at"])
        record(actor, "post.schedule", post, before={"scheduled_at": before},
               after={"scheduled_at": when})
        return post
    _require_state(post, PostState.APPROVED, PostState.SCHEDULED)
    before = post.scheduled_at
    _schedule(post, when, check_hours=post.fast_tracked_by_id is None)
    record(actor, "post.schedule", post, before={"scheduled_at": before},
           after={"scheduled_at": when})
    return post


@transaction.atomic
def retry(actor, post: Post) -> Post:
    """Publish the accounts that failed again, now. An interrupted send is only retried
    by a person who checked the account (the platform could not tell us)."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    permissions.require(policy.can_schedule(actor, post),
                        _("Your role may not schedule posts for this organisation."))
    _require_state(post, PostState.FAILED)
    post.targets.filter(state=TargetState.FAILED).update(state=TargetState.PENDING,
                                                         attempts=0, last_error="")
    _queue(post, timezone.now())
    record(actor, "post.retry", post, after={"version": post.version})
    return post


# --- the SOP --------------------------------------------------------------------------------

SOP_FIELDS = ("drafter_roles", "approver_roles", "approvals_required", "platforms",
              "language_policy", "posting_start", "posting_end", "first_response_hours",
              "urgent_response_minutes", "resolution_working_days", "crisis_contact_note",
              "packs_off", "rules_off", "own_terms_block", "own_terms_warn")


def sop_snapshot(sop: SopSettings) -> dict:
    data = {name: getattr(sop, name) for name in SOP_FIELDS}
    data["crisis_officers"] = sorted(sop.crisis_officers.values_list("username", flat=True)) \
        if sop.pk else []
    data |= {"crisis_active": sop.crisis_active, "crisis_name": sop.crisis_name}
    return data


@transaction.atomic
def save_sop(actor, organisation, values: dict, crisis_officers=None) -> SopSettings:
    permissions.require(policy.can_manage_sop(actor, organisation),
                        _("Only the organisation's administrator or a coordinator may "
                          "change its SOP."))
    sop = policy.sop_for(organisation)
    before = sop_snapshot(sop) if sop.pk else None
    for name, value in values.items():
        if name not in SOP_FIELDS:
            raise ValueError(f"not an SOP field: {name}")
        setattr(sop, name, value)
    if sop.posting_start >= sop.posting_end:
        raise PublishingError("posting_hours", _("Posting hours must start before they end."))
    sop.save()
    if crisis_officers is not None:
        sop.crisis_officers.set(crisis_officers)
    record(actor, "sop.update" if before else "sop.create", sop, before=before,
           after=sop_snapshot(sop))
    return sop


@transaction.atomic
def set_crisis_mode(actor, organisation, active: bool, name: str = "") -> SopSettings:
    permissions.require(policy.can_manage_sop(actor, organisation),
                        _("Only the organisation's administrator or a coordinator may "
                          "switch crisis mode."))
    sop = policy.sop_for(organisation)
    if active and not name.strip():
        raise PublishingError("crisis_name", _("Name the crisis."))
    sop.crisis_active = active
    sop.crisis_name = name.strip() if active else ""
    sop.crisis_started_at = timezone.now() if active else None
    sop.save()
    record(actor, "crisis.start" if active else "crisis.end", sop,
           after={"name": name, "active": active})
    return sop


# --- publishing credentials -----------------------------------------------------------------

@transaction.atomic
def set_credential(actor, account: SocialAccount, *, mode: str, token: str = "",
                   expires_at: dt.datetime | None = None) -> Credential:
    """Store how Rasmi posts to an account. The token is sealed before it reaches the
    database and never written to the audit log."""
    permissions.require(policy.can_manage_sop(actor, account.organisation),
                        _("Only the organisation's administrator or a coordinator may "
                          "change publishing credentials."))
    if account.status != AccountStatus.OFFICIAL:
        raise PublishingError("target_not_official",
                              _("Only official accounts can be published to."))
    credential = Credential.objects.filter(account=account).first() or Credential(
        account=account)
    before = {"mode": credential.mode, "expires_at": credential.expires_at,
              "has_token": bool(credential.token_encrypted)} if credential.pk else None
    if mode == CredentialMode.LIVE and not (token or credential.token_encrypted):
        raise PublishingError("token_needed", _("Live publishing needs the platform's "
                                                "access token."))
    credential.mode = mode
    if token:
        credential.token_encrypted = seal(token.strip())
    credential.expires_at = expires_at
    credential.added_by = actor
    credential.save()
    record(actor, "credential.set", credential, before=before, after={
        "account": account.account_key, "mode": mode, "expires_at": expires_at,
        "token_replaced": bool(token)})
    return credential
