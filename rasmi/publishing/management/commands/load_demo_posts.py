"""Demo publishing: KKM adopts Rasmi's proposed SOP (pelulus.kkm is its crisis officer),
every demo official account publishes to the dry-run outbox, and a few posts show each
step of the workflow. Idempotent: run again, nothing doubles."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import timezone

from rasmi.people.cli import add_actor_argument, resolve_actor
from rasmi.publishing import services
from rasmi.publishing.models import Credential, Post
from rasmi.registry.models import AccountStatus, Organisation, SocialAccount

DEMO_POSTS = [  # title, text, what happens to it
    ("Waktu operasi klinik (contoh)",
     "Klinik Kesihatan di seluruh negara beroperasi seperti biasa pada hari Sabtu ini, "
     "8 pagi hingga 12 tengah hari. Bawa kad temu janji anda. #KKM", "scheduled"),
    ("Kempen derma darah (contoh)",
     "Jom derma darah! Kempen derma darah di Dewan Orang Ramai pada hari Ahad, 9 pagi "
     "hingga 4 petang. Setiap titis menyelamatkan nyawa.", "in_review"),
    ("Pemenang kuiz kesihatan (contoh)",
     "Tahniah kepada pemenang kuiz: Siti Aminah, No. KP 880812-10-5432. Hadiah akan "
     "dihantar minggu depan.", "draft"),
]


class Command(BaseCommand):
    help = "Load the publishing demo (SOP, dry-run outbox credentials, posts). Idempotent."

    def add_arguments(self, parser):
        add_actor_argument(parser)

    def handle(self, *args, **options):
        actor = resolve_actor(options["actor"])
        kkm = Organisation.objects.filter(code="kkm").first()
        users = {u.username: u for u in get_user_model().objects.filter(
            username__in=["editor.kkm", "pelulus.kkm"])}
        if kkm is None or len(users) < 2:
            self.stdout.write("publishing demo skipped: run `rasmi load_demo` first")
            return
        accounts = SocialAccount.objects.filter(status=AccountStatus.OFFICIAL, is_demo=True)
        for account in accounts:
            if not Credential.objects.filter(account=account).exists():
                services.set_credential(actor, account, mode="dry_run")
        if not hasattr(kkm, "sop"):
            services.save_sop(actor, kkm, {"platforms": []},
                              crisis_officers=[users["pelulus.kkm"]])
        # Text posts: the platforms that take text alone (Instagram needs a picture).
        targets = list(accounts.filter(organisation=kkm, platform__in=["facebook", "x"])
                       .values_list("pk", flat=True))
        made = 0
        for title, text, step in DEMO_POSTS:
            if Post.objects.filter(organisation=kkm, title=title).exists() or not targets:
                continue
            self._walk(users, kkm, services.PostInput(title=title, text=text,
                                                      account_ids=targets), step)
            made += 1
        self.stdout.write(f"publishing demo: {accounts.count()} account(s) on the dry-run "
                          f"outbox, {made} post(s) added")

    @staticmethod
    def _walk(users, kkm, data, step):
        editor, approver = users["editor.kkm"], users["pelulus.kkm"]
        post = services.create_post(editor, kkm, data)
        if step == "draft":
            return
        services.submit(editor, post)
        if step == "in_review":
            return
        services.approve(approver, post)
        when = timezone.localtime() + dt.timedelta(days=1)
        services.schedule(editor, post, when.replace(hour=9, minute=0, second=0,
                                                     microsecond=0))
