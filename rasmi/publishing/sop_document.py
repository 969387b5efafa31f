"""The organisation's SOP as a readable document (BM or EN by the page language), HTML and
PDF: what an agency without a written SOP can adopt as is."""

from django.template.loader import render_to_string
from django.utils import timezone

from rasmi.core.platforms import PLATFORMS
from rasmi.people.models import Role
from rasmi.publishing import compliance, policy


def document_context(organisation) -> dict:
    sop = policy.sop_for(organisation)
    # The rules the checker applies for this SOP; its own terms are mentioned, not listed.
    rules = [r for r in compliance.rules_for(sop).rules if r.pack != "own"]
    roles = dict(Role.choices)
    return {"org": organisation, "sop": sop, "rules": rules,
            "drafters": [str(roles.get(r, r)) for r in sop.drafter_roles],
            "approvers": [str(roles.get(r, r)) for r in sop.approver_roles],
            "platforms": [PLATFORMS[p].name for p in sop.platforms if p in PLATFORMS],
            "officers": list(sop.crisis_officers.all()) if sop.pk else [],
            "generated_at": timezone.now()}


def render_html(organisation, request=None) -> str:
    return render_to_string("publishing/sop_document.html", document_context(organisation),
                            request=request)
