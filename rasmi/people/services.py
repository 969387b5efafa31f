"""Writes for people: users and memberships, each audited."""

from django.contrib.auth import get_user_model
from django.db import transaction

from rasmi.audit.services import record
from rasmi.people import permissions
from rasmi.people.models import Membership, Role


@transaction.atomic
def grant_role(actor, user, role: str, organisation=None) -> Membership:
    if actor is not None:
        permissions.require(
            permissions.is_coordinator(actor)
            or (organisation is not None and role != Role.COORDINATOR
                and Role.ORG_ADMIN in permissions.roles_in(actor, organisation))
        )
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role)
    if created:
        record(actor, "people.membership.grant", membership,
               after={"user": user.username, "role": role,
                      "organisation": organisation.code if organisation else None})
    return membership


@transaction.atomic
def create_user(actor, username: str, password: str, *, email: str = "",
                full_name: str = "") -> object:
    if actor is not None:
        permissions.require(permissions.is_coordinator(actor))
    User = get_user_model()
    user = User.objects.create_user(username=username, password=password, email=email,
                                    first_name=full_name[:150])
    record(actor, "people.user.create", user, after={"username": username, "email": email})
    return user
