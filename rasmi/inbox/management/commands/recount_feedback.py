import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from rasmi.inbox import feedback
from rasmi.registry.models import Organisation


class Command(BaseCommand):
    help = ("Rebuild the feedback dashboard's counts of organisations from their messages and "
            "first replies, from the start of a day (Malaysian time). Run it after a change to "
            "the classifier, or to repair the counts, while the worker is not classifying.")

    def add_arguments(self, parser):
        parser.add_argument("--since", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--org", action="append", default=[],
                            help="organisation code (repeat it); every organisation if none")

    def handle(self, *args, **options):
        try:
            day = dt.date.fromisoformat(options["since"])
        except ValueError:
            raise CommandError(f"--since {options['since']!r} is not a date (YYYY-MM-DD)") \
                from None
        since = dt.datetime.combine(day, dt.time(0), tzinfo=timezone.get_default_timezone())
        codes = options["org"]
        organisations = list(Organisation.objects.filter(code__in=codes) if codes
                             else Organisation.objects.all())
        missing = set(codes) - {o.code for o in organisations}
        if missing:
            raise CommandError(f"unknown organisation: {', '.join(sorted(missing))}")
        total = 0
        for organisation in organisations:
            total += feedback.recount(organisation, since)
        self.stdout.write(f"{total} messages counted in {len(organisations)} organisations "
                          f"since {day}")
