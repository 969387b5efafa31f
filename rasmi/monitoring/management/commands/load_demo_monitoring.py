"""Demo monitoring for KKM, the demo organisation of load_demo_inbox: a watch list (flood,
dengue, vaccine rumours, scams) and two crisis contacts, pelulus.kkm in Bahasa Melayu and
editor.kkm in English. No alerts: those come from a replay of a mention stream.
Idempotent: run again, nothing doubles."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from rasmi.monitoring import services
from rasmi.monitoring.models import CrisisContact, WatchList
from rasmi.people.cli import add_actor_argument, resolve_actor
from rasmi.registry.models import Organisation

TERMS_MS = ["banjir", "air naik", "pusat pemindahan", "denggi", "wabak", "vaksin palsu",
            "penipuan", "berita palsu"]
TERMS_EN = ["flood", "evacuation centre", "dengue", "outbreak", "fake vaccine", "scam"]
TOPICS = ["flood", "dengue", "health", "vaccination", "scam", "fake_news"]
CONTACTS = (("pelulus.kkm", "ms"), ("editor.kkm", "en"))
# Reserved for documentation (RFC 2606): demo mail never reaches anyone.
DEMO_MAIL = "{username}@rasmi-demo.invalid"


class Command(BaseCommand):
    help = "Load the monitoring demo for KKM (watch list, crisis contacts). Idempotent."

    def add_arguments(self, parser):
        add_actor_argument(parser)

    def handle(self, *args, **options):
        actor = resolve_actor(options["actor"])
        kkm = Organisation.objects.filter(code="kkm").first()
        users = {u.username: u for u in get_user_model().objects.filter(
            username__in=[name for name, _ in CONTACTS])}
        if kkm is None or len(users) < len(CONTACTS):
            self.stdout.write("monitoring demo skipped: run `rasmi load_demo` first")
            return
        if not WatchList.objects.filter(organisation=kkm).exists():
            services.save_watch_list(actor, kkm, terms_ms=TERMS_MS, terms_en=TERMS_EN,
                                     topics=TOPICS)
        added = 0
        for username, language in CONTACTS:
            if not CrisisContact.objects.filter(organisation=kkm,
                                                user=users[username]).exists():
                services.add_crisis_contact(actor, kkm, users[username], language=language,
                                            email=DEMO_MAIL.format(username=username))
                added += 1
        self.stdout.write(f"monitoring demo: KKM watch list, {added} crisis contact(s) added")
