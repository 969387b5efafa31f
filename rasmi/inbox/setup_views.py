"""The inbox set-up pages: canned replies, teams and routing rules of one organisation.

Thin: who sees is checked here (the organisation's staff; anyone else gets a 404, as if the
organisation's set-up did not exist), who changes is checked again by setup_services, which
holds every rule and writes the audit entries. Viewing staff get the same pages without the
forms.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rasmi.errors import UserError
from rasmi.inbox import access, policy, setup_selectors, setup_services
from rasmi.inbox import labels as names
from rasmi.inbox.models import CannedReply, RoutingRule, Team
from rasmi.inbox.setup_forms import (
    CannedReplyForm,
    RoutingRuleForm,
    RuleTestForm,
    TeamForm,
)
from rasmi.people import permissions
from rasmi.registry.models import Organisation


def _org_or_404(request, code) -> Organisation:
    organisation = get_object_or_404(Organisation, code=code)
    if not access.can_see_citizen_data(request.user, organisation):
        raise Http404  # another organisation's set-up is not even confirmed to exist
    return organisation


def _require_manager(request, organisation) -> None:
    if not policy.can_manage_inbox(request.user, organisation):
        raise PermissionDenied(_("Your role may not change this organisation's inbox set-up."))


def _managed(view):
    """A set-up page that changes things: the organisation from the address, and only for
    the people who manage its inbox."""
    @wraps(view)
    def checked(request, code, *args, **kwargs):
        organisation = _org_or_404(request, code)
        _require_manager(request, organisation)
        return view(request, organisation, *args, **kwargs)
    return checked


def _context(request, organisation, section: str, **extra) -> dict:
    return {"organisation": organisation, "section": section,
            "can_manage": policy.can_manage_inbox(request.user, organisation), **extra}


def _warn(request, findings: list[dict]) -> None:
    """Saved, but the checker has warnings: say what they are."""
    for finding in setup_selectors.shown_findings(findings):
        messages.warning(request, _("The checker warns: %(message)s") % {
            "message": finding["message"]})


@login_required
@require_GET
def home(request):
    permissions.require_staff(request.user)
    # In the reader's language's alphabetical order (the query sorts by the BM name).
    organisations = sorted(setup_selectors.setup_organisations(request.user),
                           key=lambda o: o.name.casefold())
    return render(request, "inbox/setup/home.html", {
        "organisations": organisations,
        "managed": {o.pk for o in organisations
                    if policy.can_manage_inbox(request.user, o)}})


# --- canned replies --------------------------------------------------------------------------

def _canned_or_404(organisation, pk) -> CannedReply:
    return get_object_or_404(CannedReply, pk=pk, organisation=organisation)


@login_required
@require_GET
def canned_list(request, code):
    organisation = _org_or_404(request, code)
    replies = list(setup_selectors.canned_replies(organisation))
    for reply in replies:
        reply.intent_label = names.label("intent", reply.intent) if reply.intent else ""
        reply.topic_label = names.label("topic", reply.topic) if reply.topic else ""
    return render(request, "inbox/setup/canned_list.html",
                  _context(request, organisation, "canned", replies=replies))


def _checked(request, organisation, text_ms: str, text_en: str) -> dict:
    """The preview panel: the reply filled with sample values, and the checker's say."""
    text_ms = text_ms[:setup_services.TEXT_LENGTH]
    text_en = text_en[:setup_services.TEXT_LENGTH]
    if not (text_ms.strip() or text_en.strip()):
        return {"preview": None}
    verdict, findings = setup_services.check_canned(organisation, text_ms, text_en)
    return {"preview": setup_selectors.preview(organisation, request.user, text_ms, text_en),
            "verdict": verdict, "findings": setup_selectors.shown_findings(findings)}


def _canned_form(request, organisation, reply=None):
    form = CannedReplyForm(request.POST or None,
                           initial=CannedReplyForm.initial_for(reply) if reply else None)
    if request.method == "POST" and form.is_valid():
        try:
            if reply is None:
                saved, warnings = setup_services.create_canned(request.user, organisation,
                                                               form.to_input())
            else:
                saved, warnings = setup_services.update_canned(request.user, reply,
                                                               form.to_input())
        except UserError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Canned reply “%(title)s” saved.") % {
                "title": saved.title})
            _warn(request, warnings)
            return redirect("inbox:setup:canned", code=organisation.code)
    panel = _checked(request, organisation, form["text_ms"].value() or "",
                     form["text_en"].value() or "")
    return render(request, "inbox/setup/canned_form.html", _context(
        request, organisation, "canned", form=form, reply=reply, **panel))


@login_required
@require_http_methods(["GET", "POST"])
@_managed
def canned_new(request, organisation):
    return _canned_form(request, organisation)


@login_required
@require_http_methods(["GET", "POST"])
@_managed
def canned_edit(request, organisation, pk):
    return _canned_form(request, organisation, _canned_or_404(organisation, pk))


@login_required
@require_POST
@_managed
def canned_preview(request, organisation):
    """HTMX: the reply filled with sample values, unknown placeholders and the checker's
    findings, as the officer types."""
    return render(request, "inbox/setup/_canned_preview.html", _checked(
        request, organisation, request.POST.get("text_ms", ""), request.POST.get("text_en", "")))


@login_required
@require_http_methods(["GET", "POST"])
@_managed
def canned_delete(request, organisation, pk):
    reply = _canned_or_404(organisation, pk)
    return _confirm_delete(
        request, organisation, "canned", reply.title,
        lambda: setup_services.delete_canned(request.user, reply),
        _("Canned reply “%(title)s” deleted.") % {"title": reply.title})


def _confirm_delete(request, organisation, section: str, what: str, delete, done: str,
                    **extra):
    """GET: what would go, and what stands in the way; POST: delete it and go back to
    the section's list with the outcome."""
    if request.method == "POST":
        try:
            delete()
        except UserError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, done)
        return redirect(f"inbox:setup:{section}", code=organisation.code)
    return render(request, "inbox/setup/confirm_delete.html", _context(
        request, organisation, section, what=what,
        back=(f"inbox:setup:{section}", organisation.code), **({"blocked_by": []} | extra)))


# --- teams -----------------------------------------------------------------------------------

def _team_or_404(organisation, pk) -> Team:
    return get_object_or_404(Team, pk=pk, organisation=organisation)


@login_required
@require_GET
def team_list(request, code):
    organisation = _org_or_404(request, code)
    context = _context(request, organisation, "teams",
                       teams=setup_selectors.teams(organisation))
    if context["can_manage"]:
        context["form"] = TeamForm(organisation=organisation, auto_id="new_%s")
    return render(request, "inbox/setup/team_list.html", context)


@login_required
@require_POST
@_managed
def team_new(request, organisation):
    form = TeamForm(request.POST, organisation=organisation, auto_id="new_%s")
    if form.is_valid():
        try:
            team = setup_services.create_team(request.user, organisation,
                                              form.cleaned_data["name"],
                                              form.cleaned_data["members"])
        except UserError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Team “%(name)s” created.") % {"name": team.name})
            return redirect("inbox:setup:teams", code=organisation.code)
    return render(request, "inbox/setup/team_list.html", _context(
        request, organisation, "teams", teams=setup_selectors.teams(organisation), form=form))


@login_required
@require_http_methods(["GET", "POST"])
@_managed
def team_edit(request, organisation, pk):
    team = _team_or_404(organisation, pk)
    form = TeamForm(request.POST or None, organisation=organisation, initial={
        "name": team.name, "members": list(team.members.all())})
    if request.method == "POST" and form.is_valid():
        try:
            setup_services.update_team(request.user, team, form.cleaned_data["name"],
                                       form.cleaned_data["members"])
        except UserError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Team “%(name)s” saved.") % {
                "name": form.cleaned_data["name"]})
            return redirect("inbox:setup:teams", code=organisation.code)
    return render(request, "inbox/setup/team_form.html", _context(
        request, organisation, "teams", form=form, team=team,
        rules=setup_selectors.rules_using(team)))


@login_required
@require_http_methods(["GET", "POST"])
@_managed
def team_delete(request, organisation, pk):
    team = _team_or_404(organisation, pk)
    return _confirm_delete(
        request, organisation, "teams", team.name,
        lambda: setup_services.delete_team(request.user, team),
        _("Team “%(name)s” deleted.") % {"name": team.name},
        blocked_by=setup_selectors.rules_using(team),
        conversations=team.conversations.count())


# --- routing rules ---------------------------------------------------------------------------

def _rule_or_404(organisation, pk) -> RoutingRule:
    return get_object_or_404(RoutingRule, pk=pk, organisation=organisation)


def _described(rule: RoutingRule) -> RoutingRule:
    """The rule's conditions as a person reads them (never the stored slugs)."""
    conditions = []
    if rule.intent:
        conditions.append((_("Intent"), names.label("intent", rule.intent)))
    if rule.topic:
        conditions.append((_("Topic"), names.label("topic", rule.topic)))
    if rule.language:
        conditions.append((_("Language"), names.label("language", rule.language)))
    if rule.account_id:
        account = rule.account
        conditions.append((_("Account"), f"{account.get_platform_display()} · "
                                         f"{account.handle or account.account_key}"))
    if rule.urgent_only:
        conditions.append(("", _("Urgent messages only")))
    rule.conditions = conditions
    return rule


def _rules_page(request, organisation, test_form=None, result=None):
    rules = [_described(rule) for rule in setup_selectors.rules(organisation)]
    return render(request, "inbox/setup/rule_list.html", _context(
        request, organisation, "rules", rules=rules,
        test_form=test_form or RuleTestForm(organisation=organisation),
        result=_result(result)))


def _result(result):
    if result is None:
        return None
    labels = result.labels
    return {"test": result,
            "language": names.label("language", labels.language),
            "intent": names.label("intent", labels.intent),
            "sentiment": names.label("sentiment", labels.sentiment),
            "topics": [names.label("topic", t) for t in labels.topics],
            "rule": _described(result.rule) if result.rule else None}


@login_required
@require_GET
def rule_list(request, code):
    return _rules_page(request, _org_or_404(request, code))


def _rule_form(request, organisation, rule=None):
    form = RoutingRuleForm(request.POST or None, organisation=organisation,
                           initial=RoutingRuleForm.initial_for(rule) if rule else None)
    if request.method == "POST" and form.is_valid():
        try:
            if rule is None:
                saved = setup_services.create_rule(request.user, organisation,
                                                   form.to_input())
            else:
                saved = setup_services.update_rule(request.user, rule, form.to_input())
        except UserError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Routing rule “%(name)s” saved.") % {
                "name": saved.name})
            return redirect("inbox:setup:rules", code=organisation.code)
    return render(request, "inbox/setup/rule_form.html", _context(
        request, organisation, "rules", form=form, rule=rule,
        has_teams=organisation.inbox_teams.exists()))


@login_required
@require_http_methods(["GET", "POST"])
@_managed
def rule_new(request, organisation):
    return _rule_form(request, organisation)


@login_required
@require_http_methods(["GET", "POST"])
@_managed
def rule_edit(request, organisation, pk):
    return _rule_form(request, organisation, _rule_or_404(organisation, pk))


@login_required
@require_http_methods(["GET", "POST"])
@_managed
def rule_delete(request, organisation, pk):
    rule = _rule_or_404(organisation, pk)
    return _confirm_delete(
        request, organisation, "rules", rule.name,
        lambda: setup_services.delete_rule(request.user, rule),
        _("Routing rule “%(name)s” deleted.") % {"name": rule.name})


@login_required
@require_POST
@_managed
def rule_move(request, organisation, pk):
    rule = _rule_or_404(organisation, pk)
    try:
        setup_services.move_rule(request.user, rule, request.POST.get("direction", ""))
    except UserError as error:
        messages.error(request, error.message)
    return redirect("inbox:setup:rules", code=organisation.code)


@login_required
@require_POST
@_managed
def rule_toggle(request, organisation, pk):
    rule = _rule_or_404(organisation, pk)
    active = request.POST.get("active") == "1"
    setup_services.set_rule_active(request.user, rule, active)
    messages.success(request, (_("Routing rule “%(name)s” is on.") if active
                               else _("Routing rule “%(name)s” is off.")) % {"name": rule.name})
    return redirect("inbox:setup:rules", code=organisation.code)


@login_required
@require_POST
def rule_test(request, code):
    """Label a typed message with the triage model and show where the rules would send it.
    HTMX gets the result alone; without JavaScript the whole page comes back with it."""
    organisation = _org_or_404(request, code)
    form = RuleTestForm(request.POST, organisation=organisation)
    result = None
    if form.is_valid():
        result = setup_selectors.test_message(organisation, form.cleaned_data["text"],
                                              form.cleaned_data.get("account"))
    if request.htmx:
        return render(request, "inbox/setup/_rule_test.html", {
            "test_form": form, "result": _result(result), "organisation": organisation})
    return _rules_page(request, organisation, test_form=form, result=result)
