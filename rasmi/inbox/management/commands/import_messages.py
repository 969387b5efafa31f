from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from rasmi.errors import UserError
from rasmi.inbox import imports
from rasmi.people.cli import add_actor_argument, resolve_actor


class Command(BaseCommand):
    help = ("Import exported comments into the inbox of one official account: CSV with the "
            "header id,author_id,author_name,text,created_at,parent_id, or JSON Lines with "
            "those keys (see rasmi/inbox/imports.py). Bad rows are reported by line and "
            "skipped; importing the same file again stores nothing twice.")

    def add_arguments(self, parser):
        parser.add_argument("--account", required=True, metavar="URL|KEY|ID",
                            help="the account's address, its register key (x:id:…) or its "
                                 "Rasmi id")
        parser.add_argument("--input", required=True, type=Path, metavar="FILE")
        parser.add_argument("--format", choices=imports.FORMATS,
                            help="default: from the file name, else from its first line")
        parser.add_argument("--all-or-nothing", action="store_true",
                            help="import nothing if any row is bad")
        parser.add_argument("--language", choices=[code for code, _ in settings.LANGUAGES],
                            help="language of the report (default: RASMI_CLI_LANGUAGE, or en)")
        add_actor_argument(parser)

    def handle(self, *args, **options):
        with translation.override(options["language"] or translation.get_language()):
            self._import(options)

    def _import(self, options):
        path = options["input"]
        if not path.is_file():
            raise CommandError(f"cannot read {path}")
        actor = resolve_actor(options["actor"], need_coordinator=False)
        try:
            account = imports.find_account(options["account"])
            report = imports.import_messages(
                actor, account, path, name=str(path), fmt=options["format"] or "",
                all_or_nothing=options["all_or_nothing"])
        except UserError as error:
            raise CommandError(str(error.message)) from error
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        for problem in report.problems:
            self.stderr.write(str(problem))
        self.stdout.write(imports.summary(report))
        if report.problems:
            raise CommandError(f"{len(report.problems)} bad row(s)"
                               + ("; the good rows were imported" if report.applied
                                  else "; nothing was imported"))
