"""Who a management command acts as.

Commands that change data take `--as USERNAME` and check that user's permissions like any
request. Without it they act as the built-in `rasmi-system` coordinator: whoever can run
commands on the server already holds the database credentials, and the audit entry still
says the change came from the command line.
"""

import getpass

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import transaction

from rasmi.people import permissions
from rasmi.people.models import Membership, Role

SYSTEM_USERNAME = "rasmi-system"


def add_actor_argument(parser) -> None:
    parser.add_argument("--as", dest="actor", metavar="USERNAME",
                        help="act as this user (default: the rasmi-system coordinator)")


@transaction.atomic
def system_actor():
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"first_name": "Rasmi (command line)", "is_active": True})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, organisation=None, role=Role.COORDINATOR)
    user.last_name = f"cli:{_os_user()}"[:150]
    return user


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def resolve_actor(username: str | None, *, need_coordinator: bool = True):
    if not username:
        return system_actor()
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"no active user {username!r}")
    if need_coordinator and not permissions.is_coordinator(user):
        raise CommandError(f"{username!r} is not a national coordinator")
    return user
