"""Who may see and handle citizens' data in the inbox (complaint records, FAQ examples,
personal-data exports). Checked on the server by every view and service of those pages.

Citizens' data is for the organisation's own staff: a role in the organisation, or in one
above it (a ministry's officers see its departments', as everywhere in Rasmi). National
coordinators hold no role in the organisation and so do not see its citizens' messages:
they get the aggregate feedback figures instead.
"""

from django.db.models import Q

from rasmi.people import permissions
from rasmi.people.models import Membership, Role

HANDLING_ROLES = frozenset({Role.ORG_ADMIN, Role.ORG_EDITOR, Role.ORG_APPROVER})


def can_see_citizen_data(user, organisation) -> bool:
    return bool(permissions.roles_in(user, organisation))


def can_handle_citizen_data(user, organisation) -> bool:
    """Create and close complaint records, draft answers, export with personal data."""
    return bool(permissions.roles_in(user, organisation) & HANDLING_ROLES)


def staff_organisation_ids(user) -> set[int]:
    """Organisations whose citizens' data the user may see (not via a coordinator role)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    return set(Membership.objects.filter(user=user, organisation__isnull=False)
               .exclude(role=Role.COORDINATOR).values_list("organisation_id", flat=True))


def organisations_q(user, field: str = "organisation") -> Q:
    """A filter on `field` for the organisations the user sees citizens' data of: theirs
    and those up to two levels beneath (the deepest hierarchy in the directory)."""
    ids = staff_organisation_ids(user)
    own, path = (f"{field}_id", f"{field}__") if field else ("pk", "")
    return (Q(**{f"{own}__in": ids}) | Q(**{f"{path}parent_id__in": ids})
            | Q(**{f"{path}parent__parent_id__in": ids}))
