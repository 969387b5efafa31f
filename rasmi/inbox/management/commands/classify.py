import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rasmi.batchio import BatchOutput, missing_id_or_text, open_input
from rasmi.core.triage.model import TOPICS, default_model

BATCH = 1000  # the model labels a list at a time: one matrix product per batch


class Command(BaseCommand):
    help = ("Label citizens' messages (JSON Lines {\"id\", \"text\"}): language, intent, "
            "sentiment, topics, urgent; one line per message, in input order. Other input "
            "fields except the text are passed through.")

    def add_arguments(self, parser):
        parser.add_argument("--input", type=Path, required=True, metavar="COMMENTS.jsonl")
        parser.add_argument("--output", type=Path, metavar="LABELS.jsonl",
                            help="default: standard output")
        parser.add_argument("--topics", metavar="SLUG,SLUG",
                            help="only these topic slugs (default: every topic the model "
                                 "knows: " + ", ".join(TOPICS) + ")")

    def handle(self, *args, **options):
        topics = None
        if options["topics"]:
            topics = [t.strip() for t in options["topics"].split(",") if t.strip()]
            unknown = sorted(set(topics) - set(TOPICS))
            if unknown:
                raise CommandError(f"unknown topic(s): {', '.join(unknown)}")
        model = default_model()
        source: Path = options["input"]
        with open_input(source) as handle, \
                BatchOutput(self, options["output"], source, "classified") as out:
            batch: list[dict] = []
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    message = json.loads(line)
                except ValueError:
                    out.skip(f"line {number}: not valid JSON")
                    continue
                reason = missing_id_or_text(message)
                if reason:
                    out.skip(f"line {number}: {reason}")
                    continue
                batch.append(message)
                if len(batch) >= BATCH:
                    _flush(model, batch, topics, out)
            _flush(model, batch, topics, out)


def _flush(model, batch: list[dict], topics, out: BatchOutput) -> None:
    if not batch:
        return
    for message, labels in zip(batch, model.classify([m["text"] for m in batch],
                                                     topics=topics), strict=True):
        passed = {k: v for k, v in message.items() if k not in ("id", "text")}
        out.write(json.dumps({"id": message["id"], **labels.as_dict(), **passed},
                             ensure_ascii=False) + "\n")
    out.count(len(batch))
    batch.clear()
