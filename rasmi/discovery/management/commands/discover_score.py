import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rasmi.batchio import BatchOutput, open_input
from rasmi.discovery.scoring import score_blocks
from rasmi.discovery.selectors import register_snapshot
from rasmi.people.cli import add_actor_argument, resolve_actor


class Command(BaseCommand):
    help = ("Judge candidate accounts (JSON Lines) against the register: official, "
            "impersonation, unofficial, parody or unrelated, with reasons.")

    def add_arguments(self, parser):
        parser.add_argument("--input", type=Path, required=True, metavar="CANDIDATES.jsonl")
        parser.add_argument("--output", type=Path, metavar="SCORED.jsonl",
                            help="default: standard output")
        parser.add_argument("--workers", type=int, default=1, help="processes (default 1)")
        parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None,
                            help="date the account ages are measured from (default today)")
        add_actor_argument(parser)

    def handle(self, *args, **options):
        resolve_actor(options["actor"])  # bulk scoring reads the whole register: coordinators
        source: Path = options["input"]
        if options["workers"] < 1:
            raise CommandError("--workers must be at least 1")
        register = register_snapshot()
        as_of = options["as_of"] or dt.date.today()
        with open_input(source) as handle, \
                BatchOutput(self, options["output"], source, "scored") as out:
            for text, count, errors in score_blocks(
                    handle, register, as_of=as_of, base_dir=source.parent,
                    workers=options["workers"]):
                for error in errors:
                    out.skip(error)
                out.write(text)
                out.count(count)
