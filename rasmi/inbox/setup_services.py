"""Every write of the inbox set-up: canned replies, teams and routing rules.

Each write checks who may manage the organisation's inbox (policy.can_manage_inbox), runs
in one transaction and leaves one audit entry with what changed. Bad input is refused
with a SetupError whose message follows the reader's language.

Canned replies go through the same compliance checker as replies (with the
organisation's SOP): a blocking finding refuses the save, as it would refuse the reply
built from it. The text is checked as written, placeholders and all; the values that
fill them are checked again when a reply is sent (replies.check_reply).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from rasmi.audit.services import record as audit
from rasmi.core.triage.model import INTENTS, LANGUAGES, TOPICS
from rasmi.errors import UserError
from rasmi.inbox import policy, setup_selectors
from rasmi.inbox.canned import validate_canned
from rasmi.inbox.models import CannedReply, RoutingRule, Team
from rasmi.publishing import compliance
from rasmi.publishing.policy import sop_for

TITLE_LENGTH, NAME_LENGTH, TEXT_LENGTH = 120, 100, 5000


class SetupError(UserError):
    """The inbox set-up said no (no permission, a field missing, a name taken...)."""


def _require_manager(user, organisation) -> None:
    if not policy.can_manage_inbox(user, organisation):
        raise SetupError("forbidden", _("Your role may not change this organisation's inbox "
                                        "set-up."), status=403)


def _choice(value: str, allowed: tuple[str, ...], code: str, message) -> str:
    value = (value or "").strip()
    if value and value not in allowed:
        raise SetupError(code, message)
    return value


# --- canned replies --------------------------------------------------------------------------

@dataclass
class CannedInput:
    title: str
    text_ms: str
    text_en: str = ""
    intent: str = ""
    topic: str = ""


def check_canned(organisation, text_ms: str, text_en: str = "") -> tuple[str, list[dict]]:
    """The compliance checker on both texts, with the organisation's SOP. The BM text is
    held to the SOP's language policy; the English one, written for people who write in
    English, is not. Each finding says which text it is in ("ms" or "en")."""
    sop = sop_for(organisation)
    findings: list[dict] = []
    for language, text in (("ms", text_ms), ("en", text_en)):
        if text.strip():
            result = compliance.check_for(sop, {"text": text, "platforms": []},
                                          require_malay=None if language == "ms" else False)
            findings += [f | {"text": language} for f in result["findings"]]
    severities = {f["severity"] for f in findings}
    verdict = "block" if "block" in severities else "warn" if severities else "pass"
    return verdict, findings


def _clean_canned(organisation, data: CannedInput) -> tuple[dict, list[dict]]:
    fields = {"title": data.title.strip(), "text_ms": data.text_ms.strip(),
              "text_en": data.text_en.strip()}
    if not fields["title"]:
        raise SetupError("missing_title", _("Give the canned reply a title."))
    if len(fields["title"]) > TITLE_LENGTH:
        raise SetupError("title_too_long", _("Keep the title to %(limit)d characters.")
                         % {"limit": TITLE_LENGTH})
    if not fields["text_ms"]:
        raise SetupError("missing_text", _("Write the reply in Bahasa Melayu; the English "
                                           "text is optional."))
    if max(len(fields["text_ms"]), len(fields["text_en"])) > TEXT_LENGTH:
        raise SetupError("text_too_long", _("Keep each text to %(limit)d characters.")
                         % {"limit": TEXT_LENGTH})
    validate_canned(fields["text_ms"], fields["text_en"])  # names every unknown placeholder
    fields["intent"] = _choice(data.intent, INTENTS, "bad_intent", _("Choose an intent from "
                                                                     "the list."))
    fields["topic"] = _choice(data.topic, TOPICS, "bad_topic", _("Choose a topic from the "
                                                                 "list."))
    verdict, findings = check_canned(organisation, fields["text_ms"], fields["text_en"])
    if verdict == "block":
        raise SetupError("blocked", _("The checker found something that must be fixed before "
                                      "this canned reply can be saved."),
                         details={"findings": findings})
    return fields, findings


def _title_taken(organisation, title: str, exclude: int | None = None) -> None:
    taken = CannedReply.objects.filter(organisation=organisation, title=title)
    if exclude:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise SetupError("duplicate_title", _("A canned reply with this title already "
                                              "exists; choose another title."))


def _canned_snapshot(reply: CannedReply) -> dict:
    return {"title": reply.title, "text_ms": reply.text_ms, "text_en": reply.text_en,
            "intent": reply.intent, "topic": reply.topic}


@transaction.atomic
def create_canned(user, organisation, data: CannedInput) -> tuple[CannedReply, list[dict]]:
    """Returns the reply and the checker's warnings (shown, not blocking)."""
    _require_manager(user, organisation)
    fields, findings = _clean_canned(organisation, data)
    _title_taken(organisation, fields["title"])
    try:
        with transaction.atomic():
            reply = CannedReply.objects.create(organisation=organisation, **fields)
    except IntegrityError:  # the same title saved by someone else a moment ago
        _title_taken(organisation, fields["title"])
        raise
    audit(user, "inbox.canned_reply_created", reply, after=_canned_snapshot(reply)
          | {"organisation": organisation.code, "warnings": sorted({f["rule"] for f in findings})})
    return reply, findings


@transaction.atomic
def update_canned(user, reply: CannedReply, data: CannedInput) -> tuple[CannedReply, list]:
    reply = CannedReply.objects.select_for_update().select_related("organisation").get(
        pk=reply.pk)
    _require_manager(user, reply.organisation)
    fields, findings = _clean_canned(reply.organisation, data)
    _title_taken(reply.organisation, fields["title"], exclude=reply.pk)
    before = _canned_snapshot(reply)
    for name, value in fields.items():
        setattr(reply, name, value)
    reply.save()
    audit(user, "inbox.canned_reply_updated", reply, before=before,
          after=_canned_snapshot(reply) | {"warnings": sorted({f["rule"] for f in findings})})
    return reply, findings


@transaction.atomic
def delete_canned(user, reply: CannedReply) -> None:
    reply = CannedReply.objects.select_for_update().select_related("organisation").get(
        pk=reply.pk)
    _require_manager(user, reply.organisation)
    before = _canned_snapshot(reply) | {"organisation": reply.organisation.code}
    audit(user, "inbox.canned_reply_deleted", reply, before=before)
    reply.delete()


# --- teams -----------------------------------------------------------------------------------

def _clean_team(organisation, name: str, members) -> tuple[str, list]:
    name = (name or "").strip()
    if not name:
        raise SetupError("missing_name", _("Give the team a name."))
    if len(name) > NAME_LENGTH:
        raise SetupError("name_too_long", _("Keep the name to %(limit)d characters.")
                         % {"limit": NAME_LENGTH})
    members = list(members or [])
    allowed = set(setup_selectors.staff_of(organisation).values_list("pk", flat=True))
    outsiders = [setup_selectors.display_name(u) for u in members if u.pk not in allowed]
    if outsiders:
        raise SetupError("not_staff", _("Only the organisation's staff can be team members, "
                                        "and these people are not: %(names)s.")
                         % {"names": ", ".join(outsiders)})
    return name, members


def _team_name_taken(organisation, name: str, exclude: int | None = None) -> None:
    taken = Team.objects.filter(organisation=organisation, name=name)
    if exclude:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise SetupError("duplicate_name", _("A team with this name already exists; choose "
                                             "another name."))


def _team_snapshot(team: Team) -> dict:
    return {"name": team.name,
            "members": sorted(team.members.values_list("pk", flat=True))}


@transaction.atomic
def create_team(user, organisation, name: str, members=()) -> Team:
    _require_manager(user, organisation)
    name, members = _clean_team(organisation, name, members)
    _team_name_taken(organisation, name)
    team = Team.objects.create(organisation=organisation, name=name)
    team.members.set(members)
    audit(user, "inbox.team_created", team,
          after=_team_snapshot(team) | {"organisation": organisation.code})
    return team


@transaction.atomic
def update_team(user, team: Team, name: str, members) -> Team:
    """Rename the team and set its members: one change, one audit entry."""
    team = Team.objects.select_for_update().select_related("organisation").get(pk=team.pk)
    _require_manager(user, team.organisation)
    name, members = _clean_team(team.organisation, name, members)
    _team_name_taken(team.organisation, name, exclude=team.pk)
    before = _team_snapshot(team)
    team.name = name
    team.save(update_fields=["name"])
    team.members.set(members)
    audit(user, "inbox.team_updated", team, before=before, after=_team_snapshot(team))
    return team


@transaction.atomic
def delete_team(user, team: Team) -> None:
    """Refused while a rule routes to the team (deleting it would delete the rule with
    it); conversations with the team go back to nobody's team."""
    team = Team.objects.select_for_update().select_related("organisation").get(pk=team.pk)
    _require_manager(user, team.organisation)
    used = setup_selectors.rules_using(team)
    if used:
        raise SetupError("team_in_use", _("Routing rules send conversations to this team: "
                                          "%(rules)s. Change or delete them first.")
                         % {"rules": ", ".join(f"“{rule.name}”" for rule in used)},
                         details={"rules": [rule.pk for rule in used]})
    before = _team_snapshot(team) | {"organisation": team.organisation.code,
                                     "conversations": team.conversations.count()}
    audit(user, "inbox.team_deleted", team, before=before)
    team.delete()


# --- routing rules ---------------------------------------------------------------------------

@dataclass
class RuleInput:
    name: str
    intent: str = ""
    topic: str = ""
    language: str = ""
    urgent_only: bool = False
    account: object = None  # a SocialAccount of the organisation, or None for any
    team: Team | None = None
    assignee: object = None  # a User, or None
    active: bool = True


def _clean_rule(organisation, data: RuleInput) -> dict:
    name = (data.name or "").strip()
    if not name:
        raise SetupError("missing_name", _("Give the rule a name."))
    if len(name) > NAME_LENGTH:
        raise SetupError("name_too_long", _("Keep the name to %(limit)d characters.")
                         % {"limit": NAME_LENGTH})
    fields = {
        "name": name,
        "intent": _choice(data.intent, INTENTS, "bad_intent",
                          _("Choose an intent from the list.")),
        "topic": _choice(data.topic, TOPICS, "bad_topic", _("Choose a topic from the list.")),
        "language": _choice(data.language, LANGUAGES, "bad_language",
                            _("Choose a language from the list.")),
        "urgent_only": bool(data.urgent_only), "active": bool(data.active),
        "account": data.account, "team": data.team, "assignee": data.assignee,
    }
    if data.team is None and data.assignee is None:
        raise SetupError("no_destination", _("Choose the team or the officer the rule sends "
                                             "conversations to."))
    if data.account is not None and data.account.organisation_id != organisation.pk:
        raise SetupError("bad_account", _("Choose one of the organisation's own accounts."))
    if data.team is not None and data.team.organisation_id != organisation.pk:
        raise SetupError("bad_team", _("Choose one of the organisation's own teams."))
    if data.assignee is not None and not setup_selectors.officers_of(organisation).filter(
            pk=data.assignee.pk).exists():
        raise SetupError("bad_officer", _("Conversations can only be routed to the "
                                          "organisation's staff who may answer the public."))
    return fields


def _rule_snapshot(rule: RoutingRule) -> dict:
    return {"name": rule.name, "position": rule.position, "intent": rule.intent,
            "topic": rule.topic, "language": rule.language, "urgent_only": rule.urgent_only,
            "account": rule.account_id, "team": rule.team_id, "assignee": rule.assignee_id,
            "active": rule.active}


def _locked_rules(organisation) -> list[RoutingRule]:
    """The organisation's rules in order, locked: moves and inserts never interleave."""
    return list(RoutingRule.objects.select_for_update().filter(organisation=organisation)
                .order_by("position", "pk"))


@transaction.atomic
def create_rule(user, organisation, data: RuleInput) -> RoutingRule:
    """A new rule goes last: rules already in place keep their say."""
    _require_manager(user, organisation)
    fields = _clean_rule(organisation, data)
    _locked_rules(organisation)
    last = RoutingRule.objects.filter(organisation=organisation).aggregate(
        last=Max("position"))["last"] or 0
    rule = RoutingRule.objects.create(organisation=organisation, position=last + 1, **fields)
    audit(user, "inbox.routing_rule_created", rule,
          after=_rule_snapshot(rule) | {"organisation": organisation.code})
    return rule


@transaction.atomic
def update_rule(user, rule: RoutingRule, data: RuleInput) -> RoutingRule:
    rule = RoutingRule.objects.select_for_update().select_related("organisation").get(
        pk=rule.pk)
    _require_manager(user, rule.organisation)
    fields = _clean_rule(rule.organisation, data)
    before = _rule_snapshot(rule)
    for name, value in fields.items():
        setattr(rule, name, value)
    rule.save()
    audit(user, "inbox.routing_rule_updated", rule, before=before, after=_rule_snapshot(rule))
    return rule


@transaction.atomic
def set_rule_active(user, rule: RoutingRule, active: bool) -> RoutingRule:
    rule = RoutingRule.objects.select_for_update().select_related("organisation").get(
        pk=rule.pk)
    _require_manager(user, rule.organisation)
    if rule.active != bool(active):
        rule.active = bool(active)
        rule.save(update_fields=["active"])
        audit(user, "inbox.routing_rule_activated" if active
              else "inbox.routing_rule_deactivated", rule,
              before={"active": not rule.active}, after={"active": rule.active})
    return rule


@transaction.atomic
def delete_rule(user, rule: RoutingRule) -> None:
    rule = RoutingRule.objects.select_for_update().select_related("organisation").get(
        pk=rule.pk)
    _require_manager(user, rule.organisation)
    audit(user, "inbox.routing_rule_deleted", rule,
          before=_rule_snapshot(rule) | {"organisation": rule.organisation.code})
    rule.delete()


@transaction.atomic
def move_rule(user, rule: RoutingRule, direction: str) -> RoutingRule:
    """One place up (tried sooner) or down. Positions are renumbered 1..n on the way, so
    ties and gaps left by deletions never make a move a no-op."""
    if direction not in ("up", "down"):
        raise SetupError("bad_direction", _("Move a rule up or down."))
    organisation = rule.organisation
    _require_manager(user, organisation)
    ordered = _locked_rules(organisation)
    before = [r.pk for r in ordered]
    index = next((i for i, r in enumerate(ordered) if r.pk == rule.pk), None)
    if index is None:
        raise SetupError("gone", _("This rule no longer exists."), status=404)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ordered):
        return ordered[index]  # already first (or last): nothing changes, nothing to record
    ordered[index], ordered[other] = ordered[other], ordered[index]
    changed = []
    for position, item in enumerate(ordered, start=1):
        if item.position != position:
            item.position = position
            changed.append(item)
    RoutingRule.objects.bulk_update(changed, ["position"])
    moved = ordered[other]
    audit(user, "inbox.routing_rule_moved", moved, before={"order": before},
          after={"order": [r.pk for r in ordered], "direction": direction,
                 "position": moved.position})
    return moved
