from django.core.mail import send_mail
from django.core.management.base import BaseCommand

from rasmi.people.models import Membership, Role
from rasmi.registry.selectors import overdue_accounts


class Command(BaseCommand):
    help = ("Weekly digest of official accounts past their recertification date, per "
            "organisation; e-mails coordinators and organisation admins with --send.")

    def add_arguments(self, parser):
        parser.add_argument("--send", action="store_true", help="e-mail the digest")

    def handle(self, *args, **options):
        overdue = list(overdue_accounts())
        by_org: dict[str, list] = {}
        for account in overdue:
            by_org.setdefault(account.organisation.code, []).append(account)
        lines = [f"Akaun rasmi lewat disemak semula / Official accounts overdue for review: "
                 f"{len(overdue)}"]
        for code, accounts in sorted(by_org.items()):
            lines.append(f"\n{accounts[0].organisation.name_ms} ({code})")
            lines.extend(f"  - {a.platform} {a.canonical_url} — due {a.next_review_due}"
                         for a in accounts)
        text = "\n".join(lines)
        self.stdout.write(text)
        if options["send"] and overdue:
            recipients = set(Membership.objects.filter(
                role__in=[Role.COORDINATOR, Role.ORG_ADMIN]).exclude(user__email="")
                .values_list("user__email", flat=True))
            send_mail("Rasmi: akaun lewat disemak semula / accounts overdue for review", text,
                      None, sorted(recipients))
