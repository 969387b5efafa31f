"""`rasmi monitor_detect --input MENTIONS.jsonl --output ALERTS.jsonl [--topic-field F]`

Replays a mention stream (JSON Lines {"id", "time", "text", "topic"?}, sorted by time)
through rasmi.core.surge and writes one line per alert in the issue 11 contract shape.
Bad lines are reported by number on standard error in the reader's language, skipped, and
make the exit status non-zero; the good ones are still replayed.
"""

import json
from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from rasmi.batchio import BatchOutput, open_input
from rasmi.core.surge import SurgeDetector
from rasmi.monitoring.mention_rows import read_mention

PROGRESS_EVERY = 1000


class Command(BaseCommand):
    help = ("Detect bursts and rumours in a mention stream (JSON Lines {\"id\", \"time\", "
            "\"text\", \"topic\"} sorted by time); one alert per line.")

    def add_arguments(self, parser):
        parser.add_argument("--input", type=Path, required=True, metavar="MENTIONS.jsonl")
        parser.add_argument("--output", type=Path, metavar="ALERTS.jsonl",
                            help="default: standard output")
        parser.add_argument("--topic-field", default="topic", metavar="F",
                            help="the field that holds a mention's topic (default: topic); "
                                 "mentions without it count in the whole stream only")

    def handle(self, *args, **options):
        source: Path = options["input"]
        field = options["topic_field"]
        detector = SurgeDetector()
        with open_input(source) as handle, \
                BatchOutput(self, options["output"], source, _("mentions read")) as out:
            latest: datetime | None = None
            latest_line = 0
            unreported = 0
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                mention, reason = read_mention(line, field)
                if mention is not None and latest is not None and mention.time < latest:
                    reason = _("earlier than line %(line)s; the mentions must be sorted by "
                               "time") % {"line": latest_line}
                if reason:
                    out.skip(_("line %(line)s: %(reason)s") % {"line": number,
                                                               "reason": reason})
                    continue
                latest, latest_line = mention.time, number
                for alert in detector.feed(mention):
                    out.write(json.dumps(alert.to_json(), ensure_ascii=False) + "\n")
                unreported += 1
                if unreported == PROGRESS_EVERY:
                    out.count(unreported)
                    unreported = 0
            out.count(unreported)

