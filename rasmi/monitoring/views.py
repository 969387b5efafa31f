"""Monitoring pages: alerts, the live banner, the watch list, crisis rooms and their
after-action reports. Thin: forms in, services and selectors out.

Staff only; another organisation's alert or crisis answers 404, so its existence is not
revealed. Writes are POST with CSRF, and every rule is enforced by the services.
"""

import subprocess

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rasmi import pdf as printing
from rasmi.errors import UserError
from rasmi.inbox.models import Team
from rasmi.monitoring import forms, holding, policy, report, selectors, services, watch
from rasmi.monitoring.models import Alert, ClaimCluster, Crisis, CrisisContact, CrisisKind
from rasmi.people import permissions
from rasmi.people.models import Membership
from rasmi.registry.models import Organisation

STOP_POLLING = 286  # htmx stops polling an element answered with this status
# What a detector topic suggests for the kind of crisis.
KIND_FOR_TOPIC = {"flood": CrisisKind.FLOOD, "weather": CrisisKind.FLOOD,
                  "dengue": CrisisKind.OUTBREAK, "health": CrisisKind.OUTBREAK,
                  "vaccination": CrisisKind.OUTBREAK, "online_system": CrisisKind.OUTAGE,
                  "water": CrisisKind.OUTAGE, "electricity": CrisisKind.OUTAGE,
                  "scam": CrisisKind.SCAM, "fake_news": CrisisKind.FALSE_NEWS}


def _org_or_404(user, code: str) -> Organisation:
    organisation = Organisation.objects.filter(code=(code or "")[:60]).first()
    if organisation is None or not policy.can_view(user, organisation):
        raise Http404
    return organisation


def _alert_or_404(request, pk) -> Alert:
    alert = get_object_or_404(Alert.objects.select_related("organisation", "acknowledged_by",
                                                           "crisis"), pk=pk)
    if not policy.can_view(request.user, alert.organisation):
        raise Http404
    return alert


def _crisis_or_404(request, pk) -> Crisis:
    crisis = get_object_or_404(Crisis.objects.select_related(
        "lead_organisation", "team", "started_by", "ended_by"), pk=pk)
    if not policy.can_view_crisis(request.user, crisis):
        raise Http404
    return crisis


def _chosen_organisation(request) -> Organisation | None:
    """The organisation asked for (?org=), or the user's only one; None when they must
    choose."""
    code = request.GET.get("org") or request.POST.get("org")
    if code:
        return _org_or_404(request.user, code)
    own = selectors.own_organisations(request.user)
    return own[0] if len(own) == 1 else None


def _choose(request, title: str, url_name: str):
    organisations = (selectors.member_organisations(request.user)
                     or list(selectors.visible_organisations(request.user)))
    return render(request, "monitoring/choose.html", {
        "title": title, "organisations": organisations, "action": reverse(url_name)})


# --- alerts ------------------------------------------------------------------------------

@login_required
@require_GET
def home(request):
    permissions.require_staff(request.user)
    return redirect("monitoring:alerts")


@login_required
@require_GET
def alert_list(request):
    permissions.require_staff(request.user)
    alerts = selectors.visible_alerts(request.user)
    state = request.GET.get("state", "open")
    state = state if state in ("open", "all") else "open"
    if state == "open":
        alerts = alerts.filter(acknowledged_at__isnull=True)
    chosen = None
    if request.GET.get("org"):
        chosen = _org_or_404(request.user, request.GET["org"])
        alerts = alerts.filter(organisation=chosen)
    return render(request, "monitoring/alert_list.html", {
        "alerts": alerts[:200], "state": state, "chosen": chosen,
        "state_links": [("open", _("Not yet acknowledged"), "?" + urlencode(
            {"state": "open", **({"org": chosen.code} if chosen else {})})),
                        ("all", _("All alerts"), "?" + urlencode(
            {"state": "all", **({"org": chosen.code} if chosen else {})}))],
        "active_crises": selectors.visible_crises(request.user).filter(
            ended_at__isnull=True)[:10],
    })


@login_required
@require_GET
def alert_detail(request, pk):
    permissions.require_staff(request.user)
    alert = _alert_or_404(request, pk)
    user = request.user
    return render(request, "monitoring/alert_detail.html", {
        "alert": alert, "examples": selectors.examples(alert),
        "missing_examples": len(alert.examples) - alert.example_mentions.count(),
        "chart": selectors.alert_trend(alert),
        "ratio": alert.count / alert.baseline if alert.baseline else None,
        "can_acknowledge": alert.acknowledged_at is None
        and policy.can_work(user, alert.organisation),
        "can_start": alert.crisis_id is None and policy.can_manage(user, alert.organisation),
        "active_crisis": services.active_crisis_of(alert.organisation),
    })


@login_required
@require_POST
def alert_acknowledge(request, pk):
    alert = _alert_or_404(request, pk)
    try:
        services.acknowledge_alert(request.user, alert)
    except UserError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Alert acknowledged."))
    return redirect("monitoring:alert", pk=alert.pk)


def banner(request):
    """The live banner's content, polled every 10 seconds by every staff page. Answers
    204 (nothing to swap) when what the page shows is still right, so screen readers do
    not hear it again; tells htmx to stop polling once the person is logged out."""
    if not getattr(request.user, "is_authenticated", False) or \
            not permissions.is_staff_member(request.user):
        return HttpResponse(status=STOP_POLLING)
    count, newest = selectors.banner_alerts(request.user)
    seen = f"{count}-{newest[0].pk if newest else 0}"
    if request.GET.get("seen") == seen:
        return HttpResponse(status=204)
    return render(request, "monitoring/_banner.html", {
        "banner_count": count, "banner_alerts": newest, "banner_seen": seen})


# --- watch list and crisis contacts ------------------------------------------------------

def _members(organisation) -> list:
    ids = Membership.objects.filter(organisation=organisation).values_list("user_id",
                                                                           flat=True)
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True)
                .order_by("username"))


@login_required
@require_http_methods(["GET", "POST"])
def watch_list(request):
    permissions.require_staff(request.user)
    organisation = _chosen_organisation(request)
    if organisation is None:
        return _choose(request, _("Watch list"), "monitoring:watch_list")
    current = selectors.watch_list(organisation)
    can_manage = policy.can_manage(request.user, organisation)
    initial = {"terms_ms": "\n".join(current.terms_ms), "terms_en": "\n".join(current.terms_en),
               "topics": current.topics} if current else {}
    form = forms.WatchListForm(request.POST or None, initial=initial,
                               extra_topics=current.topics if current else ())
    if request.method == "POST" and form.is_valid():
        try:
            services.save_watch_list(request.user, organisation,
                                     terms_ms=forms.lines(form.cleaned_data["terms_ms"]),
                                     terms_en=forms.lines(form.cleaned_data["terms_en"]),
                                     topics=form.cleaned_data["topics"])
        except UserError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Watch list saved."))
            return redirect(reverse("monitoring:watch_list") + f"?org={organisation.code}")
    return render(request, "monitoring/watch_list.html", {
        "organisation": organisation, "form": form, "can_manage": can_manage,
        "name_forms": watch.name_forms(organisation), "watch_list": current,
        "contacts": selectors.contacts(organisation),
        "contact_form": forms.ContactForm(members=_members(organisation)),
        "organisations": selectors.member_organisations(request.user),
    })


@login_required
@require_POST
def contact_add(request, code):
    organisation = _org_or_404(request.user, code)
    members = _members(organisation)
    form = forms.ContactForm(request.POST, members=members)
    if form.is_valid():
        user = next(u for u in members if str(u.pk) == form.cleaned_data["user"])
        try:
            services.add_crisis_contact(request.user, organisation, user,
                                        language=form.cleaned_data["language"],
                                        email=form.cleaned_data["email"] or "")
        except UserError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Crisis contact saved."))
    else:
        messages.error(request, _("Choose a member of staff and give a valid e-mail "
                                  "address."))
    return redirect(reverse("monitoring:watch_list") + f"?org={organisation.code}#contacts")


@login_required
@require_POST
def contact_remove(request, code, pk):
    organisation = _org_or_404(request.user, code)
    contact = get_object_or_404(CrisisContact, pk=pk, organisation=organisation)
    services.remove_crisis_contact(request.user, contact)
    messages.success(request, _("Crisis contact removed."))
    return redirect(reverse("monitoring:watch_list") + f"?org={organisation.code}#contacts")


# --- crises --------------------------------------------------------------------------------

@login_required
@require_GET
def crisis_list(request):
    permissions.require_staff(request.user)
    crises = list(selectors.visible_crises(request.user)[:200])
    return render(request, "monitoring/crisis_list.html", {
        "active": [c for c in crises if c.active], "ended": [c for c in crises if not c.active],
        "can_start": any(policy.can_manage(request.user, o)
                         for o in selectors.member_organisations(request.user))
        or permissions.is_coordinator(request.user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def crisis_new(request):
    permissions.require_staff(request.user)
    user = request.user
    alert = None
    alert_pk = request.GET.get("amaran") or request.POST.get("amaran")
    if alert_pk and str(alert_pk).isdigit():
        alert = _alert_or_404(request, int(alert_pk))
        lead = alert.organisation
    else:
        lead = _chosen_organisation(request)
        if lead is None:
            return _choose(request, _("Start crisis mode"), "monitoring:crisis_new")
    if not policy.can_manage(user, lead):
        raise PermissionDenied(
            _("Only the organisation's administrator, its approvers or a coordinator may "
              "start crisis mode."))
    others = ([o for o in selectors.visible_organisations(user) if o.pk != lead.pk]
              if permissions.is_coordinator(user) else [])
    teams = list(Team.objects.filter(organisation=lead))
    initial = {"kind": KIND_FOR_TOPIC.get(alert.topic, CrisisKind.OTHER) if alert else "",
               "topics": [alert.topic] if alert and alert.topic else [],
               "terms": "\n".join(alert.terms) if alert else "",
               "team": str(teams[0].pk) if len(teams) == 1 else ""}
    form = forms.StartCrisisForm(request.POST or None, initial=initial, others=others,
                                 teams=teams, extra_topics=[alert.topic] if alert and
                                 alert.topic else ())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = {o.code: o for o in others}
        team = next((t for t in teams if str(t.pk) == data["team"]), None)
        try:
            crisis = services.start_crisis(
                user, organisations=[chosen[c] for c in data.get("organisations") or []
                                     if c in chosen],
                lead=lead, name=data["name"], kind=data["kind"], topics=data["topics"],
                terms=forms.lines(data["terms"]), team=team, alert=alert)
        except UserError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Crisis mode is on."))
            return redirect("monitoring:crisis", pk=crisis.pk)
    return render(request, "monitoring/crisis_form.html", {
        "form": form, "lead": lead, "alert": alert})


def _room_context(request, crisis: Crisis) -> dict:
    user = request.user
    claims = selectors.claims(crisis)
    return {
        "crisis": crisis, "organisations": list(crisis.organisations.all()),
        "stream": selectors.latest_mentions(crisis), "alerts": selectors.crisis_alerts(crisis),
        "timeline": selectors.timeline(crisis), "posts": selectors.crisis_posts(crisis),
        "pinned": list(crisis.pinned.all()), "claims": claims,
        "mark_forms": {c.pk: forms.MarkClaimForm(claim=c) for c in claims},
        "templates": list(holding.templates().values()),
        "suggested_template": holding.for_kind(crisis.kind),
        "note_form": forms.NoteForm(), "pin_form": forms.PinForm(),
        "claim_form": forms.ClaimForm(), "end_form": forms.EndCrisisForm(),
        "officers_named": selectors.officers_named(crisis),
        **selectors.room_permissions(user, crisis),
    }


@login_required
@require_GET
def crisis_room(request, pk):
    permissions.require_staff(request.user)
    crisis = _crisis_or_404(request, pk)
    context = _room_context(request, crisis)
    context["claim_rows"] = [(c, context["mark_forms"][c.pk]) for c in context["claims"]]
    return render(request, "monitoring/crisis_room.html", context)


@login_required
@require_GET
def crisis_stream(request, pk):
    """The live stream's list alone (HTMX polling from the crisis room)."""
    crisis = _crisis_or_404(request, pk)
    return render(request, "monitoring/_stream.html", {
        "crisis": crisis, "stream": selectors.latest_mentions(crisis)})


def _room(crisis, anchor: str = ""):
    return redirect(reverse("monitoring:crisis", args=[crisis.pk]) + anchor)


def _first_error(form) -> str:
    for errors in form.errors.values():
        return f"{errors[0]}"
    return _("Check the form.")


@login_required
@require_POST
def crisis_note(request, pk):
    crisis = _crisis_or_404(request, pk)
    form = forms.NoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
    else:
        try:
            services.add_note(request.user, crisis, form.cleaned_data["text"])
        except UserError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Note added to the timeline."))
    return _room(crisis, "#timeline")


@login_required
@require_POST
def crisis_end(request, pk):
    crisis = _crisis_or_404(request, pk)
    form = forms.EndCrisisForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.end_crisis(request.user, crisis, note)
    except UserError as error:
        messages.error(request, error.message)
        return _room(crisis)
    messages.success(request, _("Crisis mode has ended. Here is the after-action report."))
    return redirect("monitoring:report", pk=crisis.pk)


@login_required
@require_POST
def crisis_pin(request, pk):
    crisis = _crisis_or_404(request, pk)
    form = forms.PinForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
    else:
        try:
            services.pin_answer(request.user, crisis, **form.cleaned_data)
        except UserError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Answer pinned and added to the inbox's canned "
                                        "replies."))
    return _room(crisis, "#pinned")


@login_required
@require_POST
def crisis_claim(request, pk):
    crisis = _crisis_or_404(request, pk)
    form = forms.ClaimForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
    else:
        try:
            services.record_claim(request.user, crisis=crisis, text=form.cleaned_data["text"])
        except UserError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Claim recorded."))
    return _room(crisis, "#claims")


@login_required
@require_POST
def claim_mark(request, pk, claim_pk):
    crisis = _crisis_or_404(request, pk)
    claim = get_object_or_404(ClaimCluster, pk=claim_pk, crisis=crisis)
    form = forms.MarkClaimForm(request.POST, claim=claim)
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return _room(crisis, f"#claim-{claim.pk}")
    try:
        claim = services.mark_claim(request.user, claim, **form.cleaned_data)
    except UserError as error:
        messages.error(request, error.message)
        return _room(crisis, f"#claim-{claim.pk}")
    if claim.post_id and claim.status == "false":
        messages.success(request, _("Marked false. The clarification is a canned reply, and "
                                    "its post is drafted: check it and publish it."))
        return redirect("publishing:detail", pk=claim.post_id)
    messages.success(request, _("Claim judged."))
    return _room(crisis, f"#claim-{claim.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def holding_statement(request, pk):
    """Choose a holding statement, fill its placeholders, and draft it as a post."""
    crisis = _crisis_or_404(request, pk)
    key = request.POST.get("template") or request.GET.get("template") or ""
    template = holding.templates().get(key)
    if template is None:
        messages.error(request, _("Choose a holding statement."))
        return _room(crisis, "#holding")
    organisations = [o for o in crisis.organisations.all()
                     if policy.can_view(request.user, o)]
    code = request.POST.get("organisation") or request.GET.get("organisation")
    organisation = next((o for o in organisations if o.code == code),
                        crisis.lead_organisation if crisis.lead_organisation in organisations
                        else (organisations[0] if organisations else None))
    if organisation is None:
        raise Http404
    accounts = services.text_accounts(organisation)
    initial = {"organisation": organisation.code, "language": "both",
               "accounts": [str(a.pk) for a in accounts],
               "value_agency": organisation.name_ms,
               "value_website": f"https://{organisation.website}" if organisation.website
               else ""}
    form = forms.HoldingStatementForm(request.POST or None, initial=initial,
                                      template=template, organisations=organisations,
                                      accounts=accounts)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.use_holding_statement(
                request.user, crisis, template.key, form.values(),
                language=form.cleaned_data["language"], organisation=organisation,
                account_ids=[int(pk) for pk in form.cleaned_data["accounts"]])
        except UserError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Holding statement drafted. Check it, then a crisis "
                                        "officer can fast-track it."))
            return redirect("publishing:detail", pk=post.pk)
    return render(request, "monitoring/holding_form.html", {
        "crisis": crisis, "template": template, "form": form, "organisation": organisation,
        "templates": list(holding.templates().values()),
    })


@login_required
@require_GET
def crisis_report(request, pk, fmt: str = "html"):
    permissions.require_staff(request.user)
    crisis = _crisis_or_404(request, pk)
    language = request.GET.get("lang", "")
    language = language if language in ("ms", "en") else translation.get_language()
    now = timezone.now()
    with translation.override(language):
        figures = report.build(crisis, now)
        base = reverse("monitoring:report", args=[crisis.pk])
        html = render_to_string("monitoring/report.html", {
            "report": figures, "crisis": crisis, "printing": fmt == "pdf",
            "language": language, "generated_at": timezone.localtime(now),
            "room_url": reverse("monitoring:crisis", args=[crisis.pk]),
            "pdf_url": reverse("monitoring:report_pdf", args=[crisis.pk]) + f"?lang={language}",
            "language_links": [(code, name, f"{base}?lang={code}")
                               for code, name in (("ms", "Bahasa Melayu"), ("en", "English"))
                               if code != language],
            "organisations": list(crisis.organisations.all()),
        }, request=request)
    if fmt == "pdf":
        try:
            pdf = printing.html_to_pdf(html)
        except (printing.PdfUnavailable, OSError, subprocess.SubprocessError):
            messages.error(request, _("PDF printing is not available on this server."))
            return redirect(reverse("monitoring:report", args=[crisis.pk]) + f"?lang={language}")
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="crisis-{crisis.pk}-report-{language}.pdf"')
        return response
    return HttpResponse(html)
