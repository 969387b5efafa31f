"""Permission rules, checked on the server by services, views, API handlers and commands.

A role held in an organisation also applies to the organisations under it (a ministry's
admin administers its agencies' accounts too). Coordinators act across all organisations.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from rasmi.people.models import Membership, Role

EDITING_ROLES = frozenset({Role.ORG_ADMIN, Role.ORG_EDITOR})
ADMIN_ROLES = frozenset({Role.ORG_ADMIN})


def _memberships(user) -> list[Membership]:
    # Cached on the user object for the life of the request.
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_rasmi_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).select_related("organisation"))
        user._rasmi_memberships = cached
    return cached


def is_coordinator(user) -> bool:
    return any(m.role == Role.COORDINATOR for m in _memberships(user))


def lineage_ids(organisation) -> set[int]:
    """The organisation and those above it (a ministry over its agency)."""
    ids, current, hops = set(), organisation, 0
    while current is not None and hops < 10:
        ids.add(current.pk)
        current, hops = current.parent, hops + 1
    return ids


def roles_in(user, organisation) -> set[str]:
    """Roles the user holds for this organisation, directly or through a parent."""
    if organisation is None:
        return set()
    lineage = lineage_ids(organisation)
    return {m.role for m in _memberships(user) if m.organisation_id in lineage}


def is_staff_member(user) -> bool:
    return bool(_memberships(user))


def member_organisation_ids(user) -> set[int] | None:
    """Organisations a user may see in staff pages; None means all (coordinator)."""
    if is_coordinator(user):
        return None
    return {m.organisation_id for m in _memberships(user) if m.organisation_id}


def visible_organisations_q(user, field: str = "organisation") -> Q | None:
    """A filter on `field` (an Organisation relation, or "" for Organisation itself) for
    the organisations a user sees in staff lists: theirs and those beneath them (two levels
    is the deepest hierarchy in the directory: ministry > department > unit). None means
    no filter (coordinator)."""
    org_ids = member_organisation_ids(user)
    if org_ids is None:
        return None
    own, path = (f"{field}_id", f"{field}__") if field else ("pk", "")
    return (Q(**{f"{own}__in": org_ids}) | Q(**{f"{path}parent_id__in": org_ids})
            | Q(**{f"{path}parent__parent_id__in": org_ids}))


def can_view_organisation(user, organisation) -> bool:
    return is_coordinator(user) or bool(roles_in(user, organisation))


def can_submit_account(user, organisation) -> bool:
    return is_coordinator(user) or bool(roles_in(user, organisation) & EDITING_ROLES)


def can_review_accounts(user) -> bool:
    return is_coordinator(user)


def can_manage_register(user) -> bool:
    """Import, change status, record handle changes, recertify: national coordinators."""
    return is_coordinator(user)


def require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PermissionDenied(message or _("You do not have permission to do this."))


def require_staff(user) -> None:
    """Staff pages: any membership (the page then narrows to the user's organisations)."""
    require(is_staff_member(user))


def can_handle_cases(user, organisation) -> bool:
    """Triage discovery cases: coordinators anywhere, admins and editors for their own
    organisations (and those under them)."""
    return is_coordinator(user) or bool(roles_in(user, organisation) & EDITING_ROLES)
