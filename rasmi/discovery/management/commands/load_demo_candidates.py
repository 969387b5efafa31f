import json
from pathlib import Path

from django.core.management.base import BaseCommand

from rasmi.discovery import services
from rasmi.discovery.models import Case, CaseState, Source
from rasmi.people.cli import add_actor_argument, resolve_actor

DEMO_FILE = Path(__file__).resolve().parents[2] / "data" / "demo_candidates.jsonl"
# Walk a few cases along so the queue, dossiers and time series have something to show.
DEMO_PATHS = {
    "https://www.facebook.com/contoh.kkm.bantuan2026": [CaseState.CONFIRMED_IMPERSONATION,
                                                         CaseState.TAKEDOWN_REQUESTED],
    "https://t.me/contoh_lhdn_refund": [CaseState.CONFIRMED_IMPERSONATION,
                                        CaseState.TAKEDOWN_REQUESTED, CaseState.TAKEN_DOWN],
}


class Command(BaseCommand):
    help = "Load illustrative discovery candidates and cases (contoh handles). Idempotent."

    def add_arguments(self, parser):
        add_actor_argument(parser)

    def handle(self, *args, **options):
        actor = resolve_actor(options["actor"])
        candidates = [json.loads(line) for line in DEMO_FILE.read_text().splitlines() if line]
        report = services.ingest(actor, candidates, Source.DEMO, is_demo=True)
        for url, path in DEMO_PATHS.items():
            case = Case.objects.filter(candidate__url=url).first()
            if case is None or case.state != CaseState.NEW:
                continue
            for state in path:
                case = services.transition(actor, case, state, "demonstration")
        self.stdout.write(f"demo candidates: {report.read} read, {report.cases_opened} case(s) "
                          f"opened")
