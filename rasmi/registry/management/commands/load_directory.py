from importlib import resources

from django.core.management.base import BaseCommand, CommandError

from rasmi.people.cli import add_actor_argument, resolve_actor
from rasmi.registry.importer import run_import
from rasmi.registry.management.commands.import_registry import print_report

DATA_FILES = ("ministries.csv", "agencies.csv")


def directory_csv() -> str:
    """The shipped directory: federal ministries and the PM's Department, then agencies."""
    data = resources.files("rasmi.registry") / "data"
    parts = []
    for number, name in enumerate(DATA_FILES):
        lines = (data / name).read_text(encoding="utf-8").splitlines()
        parts.extend(lines if number == 0 else lines[1:])
    return "\n".join(parts) + "\n"


class Command(BaseCommand):
    help = "Load (or refresh) the shipped directory of federal ministries and agencies."

    def add_arguments(self, parser):
        add_actor_argument(parser)

    def handle(self, *args, **options):
        report = run_import(resolve_actor(options["actor"]), organisations=directory_csv(),
                            organisations_name="directory")
        print_report(lambda line: self.stdout.write(line), report)
        if report.problems:
            raise CommandError("the shipped directory has bad rows")
