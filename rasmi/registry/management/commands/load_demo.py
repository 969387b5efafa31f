from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from rasmi.people import services as people_services
from rasmi.people.cli import add_actor_argument, resolve_actor
from rasmi.people.models import Role
from rasmi.registry import demo
from rasmi.registry.importer import run_import
from rasmi.registry.management.commands.import_registry import print_report
from rasmi.registry.models import Organisation

DEMO_PASSWORD = "Rasmi-Demo-2026"
DEMO_USERS = (  # username, role, organisation code (None = national)
    ("penyelaras", Role.COORDINATOR, None),
    ("penyelaras2", Role.COORDINATOR, None),
    ("editor.kkm", Role.ORG_EDITOR, "kkm"),
    ("pelulus.kkm", Role.ORG_APPROVER, "kkm"),
    ("admin.jpj", Role.ORG_ADMIN, "jpj"),
    ("pemerhati.kkm", Role.VIEWER, "kkm"),
)


class Command(BaseCommand):
    help = ("Load illustrative demo accounts (obviously fake 'contoh' handles) and demo logins. "
            "Loads the shipped directory first when the database has none.")

    def add_arguments(self, parser):
        add_actor_argument(parser)
        parser.add_argument("--no-users", action="store_true", help="skip the demo logins")

    def handle(self, *args, **options):
        actor = resolve_actor(options["actor"])
        if not Organisation.objects.exists():
            self.stdout.write("The directory is empty: loading the shipped directory first "
                              "(rasmi load_directory).")
            call_command("load_directory", actor=options["actor"], stdout=self.stdout,
                         stderr=self.stderr)
        organisations = list(Organisation.objects.values_list("code", "kind"))
        report = run_import(actor, accounts=demo.to_csv(demo.demo_rows(organisations)),
                            accounts_name="demo", is_demo=True)
        print_report(lambda line: self.stdout.write(line), report)
        if report.problems:
            raise CommandError("demo data did not load")
        if not options["no_users"]:
            self._users(actor)

    @transaction.atomic
    def _users(self, actor):
        User = get_user_model()
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for username, role, org_code in DEMO_USERS:
            org = Organisation.objects.filter(code=org_code).first() if org_code else None
            if org_code and org is None:
                continue
            user = User.objects.filter(username=username).first()
            if user is None:
                user = people_services.create_user(actor, username, DEMO_PASSWORD)
            people_services.grant_role(actor, user, role, org)
            where = org.code if org else "national"
            self.stdout.write(f"  {username:<15} {role:<12} {where}")
