"""Reads for the inbox set-up pages: who may be in a team or be routed to, what a canned
reply will look like, and where a typed message would be routed. No writes here
(setup_services holds them)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, QuerySet
from django.utils.translation import get_language

from rasmi.core.triage.model import Triage, default_model
from rasmi.inbox import access, canned, policy, triage
from rasmi.inbox.models import CannedReply, Conversation, RoutingRule, Team
from rasmi.people import permissions
from rasmi.publishing.selectors import guide_link
from rasmi.registry.models import AccountStatus, Organisation, SocialAccount

SAMPLE_NAME = "Nurul Aina"  # a citizen's display name, as a platform would show it
SAMPLE_NUMBER = 1024  # stands in for a conversation's number in {reference}
TEST_TEXT_LENGTH = 2000



def setup_organisations(user) -> QuerySet[Organisation]:
    """The organisations whose inbox set-up the user sees (their own staff pages), with how
    much each has set up."""
    if not access.staff_organisation_ids(user):
        return Organisation.objects.none()
    return (Organisation.objects.filter(access.organisations_q(user, field=""))
            .annotate(canned_count=Count("canned_replies", distinct=True),
                      team_count=Count("inbox_teams", distinct=True),
                      rule_count=Count("routing_rules", distinct=True))
            .order_by("name_ms"))


def staff_of(organisation) -> QuerySet:
    """People who may be in the organisation's teams: a role in it or in an organisation
    above it (whose roles count here too). National coordinators hold none."""
    lineage = permissions.lineage_ids(organisation)
    return (get_user_model().objects
            .filter(is_active=True, memberships__organisation_id__in=lineage)
            .distinct().order_by("first_name", "last_name", "username"))


def officers_of(organisation) -> QuerySet:
    """Staff a rule may route conversations to: those whose role lets them answer."""
    lineage = permissions.lineage_ids(organisation)
    return (get_user_model().objects
            .filter(is_active=True, memberships__organisation_id__in=lineage,
                    memberships__role__in=policy.REPLY_ROLES)
            .distinct().order_by("first_name", "last_name", "username"))


def display_name(user) -> str:
    return (user.get_full_name() or user.get_username()).strip()


def official_accounts(organisation) -> QuerySet[SocialAccount]:
    return SocialAccount.objects.filter(organisation=organisation,
                                        status=AccountStatus.OFFICIAL).order_by("platform",
                                                                                "handle")


def canned_replies(organisation) -> QuerySet[CannedReply]:
    return CannedReply.objects.filter(organisation=organisation).order_by("title")


def teams(organisation) -> list[Team]:
    """Teams with their members, and the rules that route to each (a team with rules cannot
    be deleted)."""
    found = list(Team.objects.filter(organisation=organisation)
                 .prefetch_related("members").order_by("name"))
    routes: dict[int, list[RoutingRule]] = {}
    for rule in RoutingRule.objects.filter(team__in=found).order_by("position", "pk"):
        routes.setdefault(rule.team_id, []).append(rule)
    for team in found:
        team.routing_rules = routes.get(team.pk, [])
    return found


def rules(organisation) -> list[RoutingRule]:
    return list(RoutingRule.objects.filter(organisation=organisation)
                .select_related("team", "assignee", "account").order_by("position", "pk"))


def rules_using(team: Team) -> list[RoutingRule]:
    return list(RoutingRule.objects.filter(team=team).order_by("position", "pk"))


# --- canned replies as the public will read them ---------------------------------------------

def sample_values(organisation, officer, language: str) -> dict[str, str]:
    """What each placeholder could become, for the preview: a citizen's name, this
    organisation and its first official account, the officer writing."""
    account = official_accounts(organisation).first()
    handle = (f"@{account.handle.lstrip('@')}" if account and account.handle
              else f"@{organisation.code}")
    return {
        "name": SAMPLE_NAME,
        "agency": (organisation.name_en if language == "en" and organisation.name_en
                   else organisation.name_ms),
        "account": handle,
        "reference": f"{organisation.code.upper()}-{SAMPLE_NUMBER}",
        "officer": display_name(officer) if officer else canned.DUTY_OFFICER[language],
    }


def shown_findings(findings: list[dict]) -> list[dict]:
    """Checker findings for a page: the message in the reader's language, the guide's
    explanation where there is one."""
    english = (get_language() or "").startswith("en")
    return [f | {"message": f["message_en"] if english else f["message_ms"],
                 "guide": guide_link(f["rule"])} for f in findings]


@dataclass(frozen=True)
class Preview:
    text_ms: str
    text_en: str
    problem: str  # the unknown placeholders named, with the known ones listed; or ""


def preview(organisation, officer, text_ms: str, text_en: str) -> Preview:
    """The canned reply filled with sample values, in each of its languages."""
    try:
        canned.validate_canned(text_ms, text_en)
        problem = ""
    except canned.CannedReplyError as error:
        problem = error.message
    return Preview(
        text_ms=canned.fill(text_ms, sample_values(organisation, officer, "ms")),
        text_en=canned.fill(text_en, sample_values(organisation, officer, "en")),
        problem=problem)


# --- where a message would go ----------------------------------------------------------------

@dataclass(frozen=True)
class RuleTest:
    labels: Triage
    rule: RoutingRule | None  # the first active rule that matches, None: stays unassigned
    skipped: list[RoutingRule]  # inactive rules that would have matched first
    account: SocialAccount | None


def test_message(organisation, text: str, account: SocialAccount | None = None) -> RuleTest:
    """Label `text` with the triage model as ingest does, and try the organisation's rules
    in order on a conversation carrying those labels, exactly as triage.route would."""
    labels = default_model().classify([text[:TEST_TEXT_LENGTH]])[0]
    conversation = Conversation(organisation=organisation, account=account,
                                intent=labels.intent, language=labels.language,
                                sentiment=labels.sentiment, topics=list(labels.topics),
                                urgent=labels.urgent)
    skipped: list[RoutingRule] = []
    for rule in rules(organisation):
        if triage.matches(rule, conversation):
            if rule.active:
                return RuleTest(labels, rule, skipped, account)
            skipped.append(rule)
    return RuleTest(labels, None, skipped, account)
