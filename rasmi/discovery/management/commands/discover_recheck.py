from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rasmi.core import links
from rasmi.discovery import services
from rasmi.discovery.sources import detect_source, get_source
from rasmi.people.cli import add_actor_argument, resolve_actor


class Command(BaseCommand):
    help = ("Re-score open cases against today's register and, given lists of accounts seen "
            "live (any candidate source), reopen taken-down cases that came back. Run it from "
            "cron or the task worker, e.g. daily.")

    def add_arguments(self, parser):
        parser.add_argument("--seen", type=Path, action="append", default=[],
                            help="file of accounts seen live now (repeatable)")
        parser.add_argument("--enqueue", action="store_true",
                            help="hand the re-check to the task backend instead of running it")
        add_actor_argument(parser)

    def handle(self, *args, **options):
        actor = resolve_actor(options["actor"])
        seen = None
        if options["seen"]:
            seen = set()
            for path in options["seen"]:
                if not path.is_file():
                    raise CommandError(f"cannot read {path}")
                for item in get_source(detect_source(path)).read(path):
                    if item.candidate:
                        ref = links.parse_account(item.candidate["url"])
                        if isinstance(ref, links.AccountRef):
                            seen.add(ref.key)
        if options["enqueue"]:
            from rasmi.discovery.tasks import recheck

            result = recheck.enqueue(sorted(seen) if seen is not None else None)
            self.stdout.write(f"re-check enqueued as task {result.id} ({result.status})")
            return
        report = services.recheck(actor, seen_keys=seen)
        self.stdout.write(f"re-scored {report.rescored} open case(s), {report.label_changed} "
                          f"changed label; taken down and still gone: {report.still_gone}")
        for case_id in report.came_back:
            self.stdout.write(f"CAME BACK: case {case_id} is live again after its takedown")
