import json
from pathlib import Path

from django.core.management.base import BaseCommand

from rasmi.batchio import BatchOutput, missing_id_or_text, open_input
from rasmi.core.platforms import PLATFORM_CODES
from rasmi.publishing import compliance


def problem(post) -> str | None:
    """What makes a line unusable, or None. Only `id` and `text` are required."""
    reason = missing_id_or_text(post)
    if reason:
        return reason
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
        require_malay = not options["no_malay_required"]
        with open_input(source) as handle, \
                BatchOutput(self, options["output"], source, "checked") as out:
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
                    out.skip(f"line {number}: {reason}")
                    continue
                result = compliance.check(post, require_malay=require_malay)
                out.write(json.dumps(result, ensure_ascii=False) + "\n")
                out.count()
