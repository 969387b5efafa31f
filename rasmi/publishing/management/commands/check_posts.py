import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rasmi.core.platforms import PLATFORM_CODES
from rasmi.publishing import compliance


def problem(post) -> str | None:
    """What makes a line unusable, or None. Only `id` and `text` are required."""
    if not isinstance(post, dict):
        return "not a JSON object"
    identifier = post.get("id")
    if identifier is None or identifier == "" or isinstance(identifier, bool) \
            or not isinstance(identifier, str | int):
        return "missing required field 'id'"
    if not isinstance(post.get("text"), str):
        return "missing required field 'text'"
    platforms = post.get("platforms", [])
    if not isinstance(platforms, list) or not all(p in PLATFORM_CODES for p in platforms):
        return f"platforms must be a list of {', '.join(PLATFORM_CODES)}"
    media = post.get("media", [])
    if not isinstance(media, list) or not all(isinstance(m, dict) for m in media):
        return "media must be a list of objects like {\"type\": \"image\", \"alt_text\": \"...\"}"
    return None


class Command(BaseCommand):
    help = ("Check posts (JSON Lines) against Malaysian law and codes, platform standards "
            "and the SOP; one line of findings per post, in input order.")

    def add_arguments(self, parser):
        parser.add_argument("--input", type=Path, required=True, metavar="POSTS.jsonl")
        parser.add_argument("--output", type=Path, metavar="FINDINGS.jsonl",
                            help="default: standard output")
        parser.add_argument("--no-malay-required", action="store_true",
                            help="do not warn about posts without a Bahasa Melayu version")

    def handle(self, *args, **options):
        source: Path = options["input"]
        try:
            handle = source.open(encoding="utf-8-sig", errors="strict")
        except OSError as exc:
            raise CommandError(f"cannot read {source}: {exc}") from exc
        out = options["output"].open("w", encoding="utf-8") if options["output"] else None
        write = out.write if out else self.stdout._out.write
        progress = sys.stderr.isatty()
        require_malay = not options["no_malay_required"]
        checked = skipped = 0
        try:
            with handle:
                for number, line in enumerate(handle, 1):
                    if not line.strip():
                        continue
                    try:
                        post = json.loads(line)
                    except ValueError:
                        post, reason = None, "not valid JSON"
                    else:
                        reason = problem(post)
                    if reason:
                        self.stderr.write(f"line {number}: {reason}")
                        skipped += 1
                        continue
                    result = compliance.check(post, require_malay=require_malay)
                    write(json.dumps(result, ensure_ascii=False) + "\n")
                    checked += 1
                    if progress and checked % 1000 == 0:
                        sys.stderr.write(f"\r{checked:,} checked")
        except UnicodeDecodeError as exc:
            raise CommandError(f"{source} is not UTF-8 text ({exc.reason})") from exc
        finally:
            if out:
                out.close()
        if progress:
            sys.stderr.write(f"\r{checked:,} checked\n")
        if skipped:
            raise CommandError(f"{skipped} bad line(s) skipped; {checked} checked")
