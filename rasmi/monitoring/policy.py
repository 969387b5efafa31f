"""Who may do what in monitoring and crisis mode. Checked by the services (and so by every
view and command that calls them) and by the views for what they show.

- See alerts, mentions and crises: anyone with a role in the organisation (or above it),
  and national coordinators, who run crises across organisations. Mention texts carry no
  author and have identifiers masked, so coordinators may read them.
- Start and end crisis mode, keep the watch list and the crisis contacts: the
  organisation's administrator, the approver roles of its SOP (the people who may let it
  speak), or a coordinator.
- Work in the crisis room (notes, pinned answers, claims) and acknowledge alerts: every
  working role (administrator, editor, approver) and coordinators. Viewers only read.
- Drafting a post (holding statement, clarification) follows publishing's own rule:
  the SOP's drafter roles, or a named crisis officer while the organisation is in crisis.
"""

from rasmi.people import permissions
from rasmi.people.models import Role
from rasmi.publishing.policy import sop_for

WORKING_ROLES = frozenset({Role.ORG_ADMIN, Role.ORG_EDITOR, Role.ORG_APPROVER})


def can_view(user, organisation) -> bool:
    return permissions.can_view_organisation(user, organisation)


def can_manage(user, organisation) -> bool:
    if permissions.is_coordinator(user):
        return True
    managers = set(sop_for(organisation).approver_roles) | {Role.ORG_ADMIN}
    return bool(permissions.roles_in(user, organisation) & managers)


def can_work(user, organisation) -> bool:
    return permissions.is_coordinator(user) or bool(
        permissions.roles_in(user, organisation) & WORKING_ROLES)


def can_view_crisis(user, crisis) -> bool:
    return permissions.is_coordinator(user) or any(
        can_view(user, org) for org in crisis.organisations.all())


def can_work_crisis(user, crisis) -> bool:
    return permissions.is_coordinator(user) or any(
        can_work(user, org) for org in crisis.organisations.all())


def can_end_crisis(user, crisis) -> bool:
    """The lead organisation's managers, or a coordinator."""
    return can_manage(user, crisis.lead_organisation)
