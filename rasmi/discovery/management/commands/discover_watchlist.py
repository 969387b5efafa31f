import csv

from django.core.management.base import BaseCommand, CommandError

from rasmi.core import links
from rasmi.core.variants import RULES, platform_variants
from rasmi.people.cli import add_actor_argument, resolve_actor
from rasmi.registry.models import Organisation


class Command(BaseCommand):
    help = ("Handles an impersonator would try for each organisation, per platform: a watch "
            "list for sherlock/maigret (--format txt) or for people (--format csv).")

    def add_arguments(self, parser):
        parser.add_argument("--organisation", action="append", default=[],
                            help="organisation code (repeatable; default all)")
        parser.add_argument("--platform", action="append", default=[], choices=sorted(RULES))
        parser.add_argument("--format", choices=["csv", "txt"], default="csv")
        parser.add_argument("--per-platform", type=int, default=40)
        add_actor_argument(parser)

    def handle(self, *args, **options):
        resolve_actor(options["actor"])
        organisations = Organisation.objects.order_by("code")
        if options["organisation"]:
            organisations = organisations.filter(code__in=options["organisation"])
            missing = set(options["organisation"]) - set(organisations.values_list("code",
                                                                                     flat=True))
            if missing:
                raise CommandError(f"unknown organisation(s): {', '.join(sorted(missing))}")
        platforms = options["platform"] or sorted(RULES)
        out = csv.writer(self.stdout) if options["format"] == "csv" else None
        if out:
            out.writerow(["organisation", "platform", "handle", "url", "kind"])
        usernames: set[str] = set()
        for org in organisations:
            acronyms = list(org.acronyms or []) or [org.code]
            for platform in platforms:
                for variant in platform_variants(acronyms, [org.name_ms, org.name_en], platform,
                                                 limit=options["per_platform"]):
                    if out is None:
                        usernames.add(variant.handle)
                        continue
                    ref = links.parse_handle(variant.handle, platform)
                    url = ref.canonical_url if isinstance(ref, links.AccountRef) else ""
                    out.writerow([org.code, platform, variant.handle, url, variant.kind])
        if out is None:
            for name in sorted(usernames):
                self.stdout.write(name)
