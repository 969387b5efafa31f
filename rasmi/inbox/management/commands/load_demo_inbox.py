"""A day of demo conversations on KKM's demo Facebook Page, through the real ingest path
(labelled, routed, put on the SOP clock, counted for the dashboard), with a team, routing
rules and canned replies to work them with."""

import datetime as dt
import json
import random
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from rasmi.inbox import ingest
from rasmi.inbox.meta_events import Event
from rasmi.inbox.models import CannedReply, Conversation, RoutingRule, Team
from rasmi.registry.models import AccountStatus, Organisation, SocialAccount

MESSAGES = Path(__file__).resolve().parents[2] / "fixtures" / "demo_messages.jsonl"
NAMES = ["Nurul Aina", "Tan Wei Ming", "Kavitha Raman", "Ahmad Faiz", "Siti Hajar",
         "Lim Mei Ling", "Muthu Samy", "Farah Izzati", "Wong Kah Hoe", "Azlan Shah",
         "Priya Devi", "Hafiz Rahman", "Chong Li Ying", "Nadia Yusof", "Rajesh Kumar"]
CANNED = [
    ("Terima kasih atas maklum balas",
     "Terima kasih {name} atas maklum balas anda. Kami akan menyemak perkara ini dan "
     "menghubungi anda semula. - {agency}",
     "Thank you {name} for your feedback. We will look into this and get back to you. "
     "- {agency}", "complaint"),
    ("Temujanji klinik",
     "Salam {name}, temujanji klinik kesihatan boleh dibuat melalui aplikasi MySejahtera "
     "atau terus di kaunter klinik berhampiran. - {agency}",
     "Hello {name}, clinic appointments can be made in the MySejahtera app or at the "
     "counter of your nearest clinic. - {agency}", "question"),
    ("Kecemasan: hubungi 999",
     "{name}, jika ini kecemasan sila hubungi 999 dengan segera. Kami telah memaklumkan "
     "pasukan berkenaan. - {agency}",
     "{name}, if this is an emergency please call 999 now. We have alerted the team "
     "concerned. - {agency}", "report"),
]


class Command(BaseCommand):
    help = "Load a day of demo conversations into KKM's inbox (idempotent)."

    def handle(self, *args, **options):
        kkm = Organisation.objects.filter(code="kkm").first()
        account = SocialAccount.objects.filter(organisation=kkm, platform="facebook",
                                               status=AccountStatus.OFFICIAL).first()
        if kkm is None or account is None:
            self.stdout.write("inbox demo skipped: run `rasmi load_demo` first")
            return
        if Conversation.objects.filter(account=account).exists():
            self.stdout.write("inbox demo: already loaded")
            return
        with transaction.atomic():
            self._tools(kkm)
            events = self._events(account)
            ingest.apply_all([(event, account) for event in events])
        self.stdout.write(f"inbox demo: {len(events)} messages on {account}")

    @staticmethod
    def _tools(kkm):
        urgent = Team.objects.get_or_create(organisation=kkm, name="Bilik gerakan")[0]
        health = Team.objects.get_or_create(organisation=kkm, name="Khidmat pelanggan")[0]
        RoutingRule.objects.get_or_create(organisation=kkm, name="Segera ke bilik gerakan",
                                          defaults={"position": 1, "urgent_only": True,
                                                    "team": urgent})
        RoutingRule.objects.get_or_create(organisation=kkm, name="Aduan ke khidmat pelanggan",
                                          defaults={"position": 2, "intent": "complaint",
                                                    "team": health})
        for title, text_ms, text_en, intent in CANNED:
            CannedReply.objects.get_or_create(organisation=kkm, title=title, defaults={
                "text_ms": text_ms, "text_en": text_en, "intent": intent})

    @staticmethod
    def _events(account) -> list[Event]:
        rng = random.Random(2026)
        texts = [json.loads(line)["text"] for line in MESSAGES.open(encoding="utf-8")
                 if line.strip()]
        now = timezone.now()
        page = account.platform_id or "demo-page"
        events = []
        for number, text in enumerate(texts):
            at = now - dt.timedelta(minutes=rng.randint(5, 24 * 60))
            comment = f"demo_{number}"
            author = rng.randrange(len(NAMES))
            events.append(Event("facebook", page, "comments", "add", comment, comment,
                                f"demo-user-{author}", NAMES[author], text,
                                post_id=f"{page}_demo_post", parent_id=f"{page}_demo_post",
                                at=at))
            if rng.random() < 0.35:  # the Page already answered some of them
                events.append(Event(
                    "facebook", page, "comments", "add", f"{comment}_r", comment, page,
                    "KKM", "Terima kasih, kami akan semak dan maklumkan.",
                    post_id=f"{page}_demo_post", parent_id=comment,
                    at=at + dt.timedelta(minutes=rng.randint(10, 600)), outgoing=True))
        return [e for e in events if e.at <= now]
