from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rasmi.discovery import services
from rasmi.discovery.sources import SOURCES, detect_source, get_source
from rasmi.people.cli import add_actor_argument, resolve_actor


class Command(BaseCommand):
    help = ("Import candidate accounts (candidate JSONL/CSV, sherlock or maigret reports), "
            "score them against the register and open a case for each that needs action.")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--source", default="auto", choices=["auto", *sorted(SOURCES)])
        parser.add_argument("--dry-run", action="store_true",
                            help="only read and report bad records")
        add_actor_argument(parser)

    def handle(self, *args, **options):
        actor = resolve_actor(options["actor"])
        bad = 0
        for path in options["files"]:
            if not path.is_file():
                raise CommandError(f"cannot read {path}")
            name = detect_source(path) if options["source"] == "auto" else options["source"]
            candidates = []
            for item in get_source(name).read(path):
                if item.error:
                    bad += 1
                    self.stderr.write(f"{path}: {item.error}")
                else:
                    candidates.append(item.candidate)
            if options["dry_run"]:
                self.stdout.write(f"{path} ({name}): {len(candidates)} candidate(s) readable")
                continue
            report = services.ingest(actor, candidates, "file" if name == "file" else name)
            for problem in report.problems:
                bad += 1
                self.stderr.write(f"{path}: {problem}")
            self.stdout.write(
                f"{path} ({name}): {report.read} read, {report.created} new, "
                f"{report.updated} seen again, {report.cases_opened} case(s) opened; "
                + ", ".join(f"{k} {v}" for k, v in sorted(report.labels.items())))
        if bad:
            raise CommandError(f"{bad} bad record(s) skipped")
