import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rasmi.registry.verify import get_index


def read_inputs(path: Path):
    """One URL per line, or JSON Lines with a "url" field. Yields (line number, url|None)."""
    with (sys.stdin if str(path) == "-" else path.open(encoding="utf-8-sig")) as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.strip()
            if not line:
                continue
            if line.startswith("{"):
                try:
                    value = json.loads(line).get("url")
                except (json.JSONDecodeError, AttributeError):
                    value = None
                yield number, value if isinstance(value, str) else None
            else:
                yield number, line


class Command(BaseCommand):
    help = "Say whether accounts are official. Output: one JSON object per input, in order."

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="*", metavar="URL")
        parser.add_argument("--input", type=Path, metavar="FILE",
                            help="one URL per line, or JSON Lines with a url field ('-' = stdin)")
        parser.add_argument("--platform", help="platform for bare handles")
        parser.add_argument("--json", action="store_true",
                            help="JSON Lines output (default when reading --input)")

    def handle(self, *args, **options):
        if not options["urls"] and not options["input"]:
            raise CommandError("give one or more URLs, or --input FILE")
        index = get_index()
        as_json = options["json"] or options["input"] is not None
        out = self.stdout
        bad_lines = []
        for url in options["urls"]:
            self._emit(out, index.lookup(url, options["platform"]), as_json)
        if options["input"]:
            if str(options["input"]) != "-" and not options["input"].exists():
                raise CommandError(f"no such file: {options['input']}")
            for number, url in read_inputs(options["input"]):
                if url is None:
                    bad_lines.append(number)
                    answer = index.lookup("", None) | {"reason": f"line {number}: no url field"}
                else:
                    answer = index.lookup(url, options["platform"])
                self._emit(out, answer, as_json)
        if bad_lines:
            raise CommandError(f"{len(bad_lines)} line(s) without a url: "
                               f"{', '.join(map(str, bad_lines[:10]))}")

    @staticmethod
    def _emit(out, answer: dict, as_json: bool) -> None:
        if as_json:
            out.write(json.dumps(answer, ensure_ascii=False))
            return
        org = answer["organisation"]
        who = f" — {org['name_ms']} / {org['name_en']}" if org else ""
        out.write(f"{answer['state']:<16} {answer['canonical_url'] or answer['url']}{who}")
        out.write(f"    {answer['message_en']}")
