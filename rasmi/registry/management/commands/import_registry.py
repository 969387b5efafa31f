from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rasmi.people.cli import add_actor_argument, resolve_actor
from rasmi.registry.importer import run_import


def print_report(write, report) -> None:
    for problem in report.problems:
        write(str(problem))
    read = report.rows_read
    orgs, accounts = report.organisations, report.accounts
    verb = _("applied") if report.applied else _("would apply") if report.ok else \
        _("nothing written")
    write(_("%(verb)s: organisations %(orgs_read)s read (%(orgs_new)s new, %(orgs_changed)s "
            "changed, %(orgs_same)s unchanged); accounts %(accounts_read)s read "
            "(%(accounts_new)s new, %(accounts_changed)s changed, %(accounts_same)s unchanged)")
          % {"verb": verb, "orgs_read": read["organisations"], "orgs_new": orgs["created"],
             "orgs_changed": orgs["updated"], "orgs_same": orgs["unchanged"],
             "accounts_read": read["accounts"], "accounts_new": accounts["created"],
             "accounts_changed": accounts["updated"], "accounts_same": accounts["unchanged"]})
    if accounts.get("queued"):
        # The import page's sentence (same catalogue entry), in the --language asked for.
        write(ngettext("%(counter)s new account will wait for approval by another coordinator.",
                       "%(counter)s new accounts will wait for approval by another "
                       "coordinator.", accounts["queued"]) % {"counter": accounts["queued"]})


class Command(BaseCommand):
    help = ("Import organisations and/or accounts from CSV. Every bad row is reported with "
            "file, line and reason, and nothing is written if any row is bad.")

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=Path, metavar="ORGS.csv")
        parser.add_argument("--accounts", type=Path, metavar="ACCOUNTS.csv")
        parser.add_argument("--dry-run", action="store_true", help="only check and report")
        parser.add_argument("--language", choices=[code for code, _ in settings.LANGUAGES],
                            help="language of the report (default: RASMI_CLI_LANGUAGE, or en)")
        add_actor_argument(parser)

    def handle(self, *args, **options):
        with translation.override(options["language"] or translation.get_language()):
            self._import(options)

    def _import(self, options):
        if not options["organisations"] and not options["accounts"]:
            raise CommandError("give --organisations FILE and/or --accounts FILE")
        actor = resolve_actor(options["actor"])
        texts = {}
        for kind in ("organisations", "accounts"):
            path = options[kind]
            if path is None:
                continue
            try:
                texts[kind] = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"cannot read {path}: {exc}") from exc
        report = run_import(
            actor, organisations=texts.get("organisations"), accounts=texts.get("accounts"),
            dry_run=options["dry_run"],
            organisations_name=str(options["organisations"] or ""),
            accounts_name=str(options["accounts"] or ""))
        print_report(lambda line: self.stdout.write(line), report)
        if report.problems:
            raise CommandError(f"{len(report.problems)} bad row(s); nothing was written")
