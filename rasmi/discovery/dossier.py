"""Takedown dossiers: one case or a batch, as JSON, HTML and PDF.

Addressed twice: to the platform's channel for government reports and to the regulator
(MCMC, the Malaysian Communications and Multimedia Commission, which handles complaints on
misuse of network services under the Communications and Multimedia Act 1998). The PDF is
the same HTML printed by Debian's headless Chromium, so both always agree.
"""

from django.template.loader import render_to_string
from django.utils import timezone

from rasmi.core.platforms import PLATFORMS
from rasmi.discovery.models import Case
from rasmi.registry.models import AccountStatus

REGULATOR = {"name_ms": "Suruhanjaya Komunikasi dan Multimedia Malaysia (MCMC)",
             "name_en": "Malaysian Communications and Multimedia Commission (MCMC)",
             "channel": "https://aduan.skmm.gov.my/"}


def case_dossier(case: Case) -> dict:
    candidate = case.candidate
    organisation = case.organisation
    platform = PLATFORMS.get(candidate.platform)
    imitated = []
    if organisation is not None:
        imitated = [
            {"platform": a.platform, "url": a.canonical_url, "handle": a.handle,
             "official_since": a.official_since.isoformat() if a.official_since else None}
            for a in organisation.accounts.filter(status=AccountStatus.OFFICIAL)
            .order_by("platform")]
        same_platform = [a for a in imitated if a["platform"] == candidate.platform]
        imitated = same_platform + [a for a in imitated if a not in same_platform]
    return {
        "case": case.pk,
        "state": case.state,
        "account": {"platform": candidate.platform, "url": candidate.url,
                    "handle": candidate.handle, "display_name": candidate.display_name,
                    "bio": candidate.bio, "followers": candidate.followers,
                    "created_on": candidate.created_on.isoformat() if candidate.created_on
                    else None, "links": candidate.links},
        "organisation": organisation.public_dict() if organisation else None,
        "imitates": imitated,
        "finding": {"label": candidate.label, "score": candidate.score,
                    "reasons": candidate.reasons},
        "citizen_reports": candidate.reports.count(),
        "dates": {"found": case.opened_at.isoformat(),
                  "confirmed": case.confirmed_at.isoformat() if case.confirmed_at else None,
                  "takedown_requested": case.takedown_requested_at.isoformat()
                  if case.takedown_requested_at else None,
                  "taken_down": case.taken_down_at.isoformat() if case.taken_down_at else None},
        "addressed_to": {
            "platform": {"name": platform.name if platform else candidate.platform,
                         "channel": platform.report_url if platform else ""},
            "regulator": REGULATOR},
    }


def batch_dossier(cases) -> dict:
    return {"generated_at": timezone.now().isoformat(), "regulator": REGULATOR,
            "cases": [case_dossier(case) for case in cases]}


def render_html(dossier: dict, request=None) -> str:
    return render_to_string("discovery/dossier.html", {"batch": dossier}, request=request)
