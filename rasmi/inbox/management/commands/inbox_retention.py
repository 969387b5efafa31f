from django.core.management.base import BaseCommand

from rasmi.inbox import retention
from rasmi.people.cli import system_actor


class Command(BaseCommand):
    help = ("Anonymise conversations resolved or silent for longer than each organisation's "
            "retention period (SOP), and clear old raw webhook deliveries. Safe to run at "
            "any time, e.g. daily: a second run changes nothing.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="count what would change, change nothing")
        parser.add_argument("--enqueue", action="store_true",
                            help="hand the run to the task backend instead of running it")

    def handle(self, *args, **options):
        if options["enqueue"]:
            from rasmi.inbox.tasks import apply_retention

            result = apply_retention.enqueue()
            self.stdout.write(f"retention enqueued as task {result.id} ({result.status})")
            return
        dry_run = options["dry_run"]
        report = retention.apply(dry_run=dry_run, actor=None if dry_run else system_actor())
        verb = "would change" if dry_run else "changed"
        for code, counts in report.organisations.items():
            if counts.changed:
                self.stdout.write(f"{code}: {verb} {_describe(counts)}")
        total = report.total
        self.stdout.write(f"total: {verb} {_describe(total)}; "
                          f"{report.deliveries_cleared} raw deliveries cleared")


def _describe(counts: retention.Counts) -> str:
    return (f"{counts.conversations} conversations, {counts.messages_stubbed} messages "
            f"anonymised, {counts.replies_redacted} replies redacted, "
            f"{counts.contacts_pseudonymised} contacts pseudonymised, "
            f"{counts.contacts_unlinked} unlinked, {counts.complaint_records} complaint "
            f"records cleared")
