"""Who may answer the public and moderate comments for an organisation. Checked by the
services in rasmi.inbox (and so by every view, API handler and command that calls them).

Roles held in a parent organisation count for the organisations under it, as everywhere
(permissions.roles_in). Coordinators see every organisation but speak for none: answering
as a ministry takes a role in it.
"""

from rasmi.people import permissions
from rasmi.people.models import Role
from rasmi.publishing.policy import sop_for

# Every working role of the organisation. Viewers only read: a reply is the organisation
# speaking in public, like a post.
REPLY_ROLES = frozenset({Role.ORG_ADMIN, Role.ORG_EDITOR, Role.ORG_APPROVER})


def can_reply(user, organisation) -> bool:
    return bool(permissions.roles_in(user, organisation) & REPLY_ROLES)


def can_hide(user, organisation) -> bool:
    """Hiding a citizen's comment is a moderation decision: the SOP's approver roles, and
    the organisation's administrator."""
    approvers = set(sop_for(organisation).approver_roles) | {Role.ORG_ADMIN}
    return bool(permissions.roles_in(user, organisation) & approvers)


def can_manage_inbox(user, organisation) -> bool:
    """Set up the inbox (canned replies, teams, routing rules): what the public is told and
    who answers it are the organisation's decisions, so the same people as hiding: the
    SOP's approver roles and the administrator. Other staff see the set-up read-only."""
    approvers = set(sop_for(organisation).approver_roles) | {Role.ORG_ADMIN}
    return bool(permissions.roles_in(user, organisation) & approvers)
