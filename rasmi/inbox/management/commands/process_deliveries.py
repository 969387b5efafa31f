from django.core.management.base import BaseCommand

from rasmi.inbox import ingest


class Command(BaseCommand):
    help = ("Process webhook deliveries stored but not yet processed (after the worker was "
            "down). Safe to run at any time: each delivery is applied once.")

    def handle(self, *args, **options):
        total = 0
        while done := ingest.process_pending():
            total += done
        self.stdout.write(f"{total} deliveries processed")
