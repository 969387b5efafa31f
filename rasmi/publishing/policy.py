"""Who may do what with posts, under the organisation's SOP. Checked by services (and so
by every view, API handler and command that calls them)."""

from rasmi.people import permissions
from rasmi.people.models import Role
from rasmi.publishing.models import Post, SopSettings


def sop_for(organisation) -> SopSettings:
    """The organisation's SOP, or the defaults Rasmi proposes when it has none yet."""
    try:
        return organisation.sop
    except SopSettings.DoesNotExist:
        return SopSettings(organisation=organisation)


def can_view_posts(user, organisation) -> bool:
    return permissions.can_view_organisation(user, organisation)


def can_draft(user, organisation) -> bool:
    """The SOP's drafter roles; in crisis mode its named crisis officers too (they may
    fast-track, so they may write what they fast-track: a holding statement)."""
    sop = sop_for(organisation)
    return bool(permissions.roles_in(user, organisation) & set(sop.drafter_roles)) or (
        crisis_officer_now(user, sop))


def crisis_officer_now(user, sop: SopSettings) -> bool:
    """A crisis officer named in this SOP, while its organisation is in crisis mode."""
    return bool(sop.pk and sop.crisis_active
                and sop.crisis_officers.filter(pk=user.pk).exists())


def can_approve(user, post: Post) -> bool:
    """Maker-checker: an approver role in the SOP, and never the post's own author."""
    if user.pk == post.author_id:
        return False
    sop = sop_for(post.organisation)
    return bool(permissions.roles_in(user, post.organisation) & set(sop.approver_roles))


def can_fast_track(user, post: Post) -> bool:
    """A named crisis officer, while the organisation is in crisis mode, may approve alone."""
    return crisis_officer_now(user, sop_for(post.organisation))


def can_schedule(user, post: Post) -> bool:
    """Set or move the publication time of an approved post: its drafters and approvers."""
    return can_draft(user, post.organisation) or can_approve(user, post)


def can_manage_sop(user, organisation) -> bool:
    return permissions.is_coordinator(user) or (
        Role.ORG_ADMIN in permissions.roles_in(user, organisation))
