import datetime as dt
import secrets
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from rasmi.monitoring import live, policy
from rasmi.monitoring.demo_stream import mentions as demo_flood
from rasmi.monitoring.mention_rows import read_mention
from rasmi.people.cli import add_actor_argument, resolve_actor
from rasmi.registry.models import Organisation


class Command(BaseCommand):
    help = ("Replay a mention stream (JSON Lines {id, time, text, topic}, sorted by time) "
            "for an organisation as if it were happening: mentions stored, alerts raised "
            "in the browser and e-mailed as the surge detector finds them. Without --input, "
            "the demo flood stream (eight ordinary days, then a flash flood), ending now.")

    def add_arguments(self, parser):
        parser.add_argument("--organisation", default="kkm", metavar="CODE")
        parser.add_argument("--input", type=Path, metavar="MENTIONS.jsonl")
        parser.add_argument("--now", action="store_true",
                            help="with --input: move the stream's times so it ends now")
        parser.add_argument("--live-minutes", type=int, default=0, metavar="M",
                            help="play the last M minutes at the pace of the clock")
        add_actor_argument(parser)

    def handle(self, *args, **options):
        actor = resolve_actor(options["actor"], need_coordinator=False)
        organisation = Organisation.objects.filter(code=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"no organisation {options['organisation']!r}")
        if not policy.can_manage(actor, organisation):
            raise CommandError(f"{actor.username} may not run monitoring for "
                               f"{organisation.code}")
        live_minutes = max(0, options["live_minutes"])
        ends_at = timezone.now() + dt.timedelta(minutes=live_minutes)
        rows = self._rows(options, ends_at)
        started = time.monotonic()

        def wait(at: dt.datetime) -> None:
            pause = (at - timezone.now()).total_seconds()
            if pause > 0:
                time.sleep(pause)

        # Unique per run, so a stream played twice (even within a second) is two runs.
        run = f"r{timezone.now():%Y%m%dT%H%M%S}-{secrets.token_hex(2)}"
        alerts = live.replay(organisation, rows, run=run,
                             wait=wait if live_minutes else None)
        for alert in alerts:
            self.stdout.write(f"alert {alert.alert_id}: {alert.topic} x{alert.count} "
                              f"(usually {alert.baseline:.1f}), detected "
                              f"{timezone.localtime(alert.detected_at):%Y-%m-%d %H:%M}")
        self.stdout.write(f"{organisation.code}: replay {run} done in "
                          f"{time.monotonic() - started:.1f} s, {len(alerts)} alert(s)")

    def _rows(self, options, ends_at: dt.datetime):
        if options["input"] is None:
            return list(demo_flood(ends_at))
        # The same line rules as monitor_detect: a bad line stops the replay, named.
        mentions = []
        try:
            with options["input"].open(encoding="utf-8") as lines:
                for number, line in enumerate(lines, start=1):
                    if not line.strip():
                        continue
                    mention, why = read_mention(line, "topic")
                    if mention is None:
                        raise CommandError(f"line {number}: {why}")
                    mentions.append(mention)
        except OSError as error:
            raise CommandError(f"cannot read {options['input']}: {error}") from error
        shift = ends_at - mentions[-1].time if options["now"] and mentions else dt.timedelta()
        return [{"id": m.id, "time": (m.time + shift).isoformat(), "text": m.text,
                 "topic": m.topic or ""} for m in mentions]
