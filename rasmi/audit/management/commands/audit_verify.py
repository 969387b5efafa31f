from django.core.management.base import BaseCommand, CommandError

from rasmi.audit.services import verify_chain


class Command(BaseCommand):
    help = "Check the audit log's hash chain; exit non-zero if any entry was edited or deleted."

    def handle(self, *args, **options):
        checked, problems = verify_chain()
        for problem in problems:
            where = f"entry #{problem.entry_id}" if problem.entry_id else "chain"
            self.stderr.write(f"{where}: {problem.problem}")
        if problems:
            raise CommandError(
                f"audit chain broken: {len(problems)} problem(s) in {checked} entries")
        self.stdout.write(f"audit chain intact: {checked} entries")
