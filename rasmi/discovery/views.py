"""Discovery pages: citizens' reports (public) and the case officers' triage (staff)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from rasmi import pdf as printing
from rasmi import ratelimit
from rasmi.discovery import dossier, forms, selectors, services
from rasmi.discovery.models import Case, CaseState
from rasmi.people import permissions
from rasmi.registry import charts
from rasmi.registry.errors import RegisterError
from rasmi.registry.models import Organisation
from rasmi.registry.verify import platform_name

REPORTS_PER_MINUTE = 5


@require_POST
def report(request):
    """A citizen reports the account they just checked. Anonymous, rate limited."""
    limited = ratelimit.rate_limited(request, "report", per_minute=REPORTS_PER_MINUTE)
    if limited is not None:
        return limited
    form = forms.ReportForm(request.POST)
    context = {"ok": False}
    if form.is_valid() and not form.cleaned_data["website"]:
        try:
            services.report_account(form.cleaned_data["url"], form.cleaned_data["note"],
                                    client_id=ratelimit.client_id(request),
                                    language=get_language() or "")
            context["ok"] = True
        except RegisterError as exc:
            context["error"] = exc.message
    elif form.is_valid():
        context["ok"] = True  # a bot filled the trap: thank it, keep nothing
    else:
        context["error"] = _("This report could not be sent.")
    status = 200 if context["ok"] else 400
    if request.htmx:
        return render(request, "discovery/_report_result.html", context, status=status)
    if context["ok"]:
        messages.success(request, _("Thank you. Officers will look at this account."))
    else:
        messages.error(request, context["error"])
    return redirect("registry:verify")


def _case_or_404(request, pk) -> Case:
    case = get_object_or_404(selectors.visible_cases(request.user), pk=pk)
    return case


def _require_staff(request) -> None:
    if not permissions.is_staff_member(request.user):
        raise PermissionDenied


@login_required
@require_GET
def queue(request):
    _require_staff(request)
    form = forms.QueueFilter(request.GET or {"state": "open"},
                             organisations=selectors.queue_organisations(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    cases = selectors.case_queue(
        request.user, state=filters.get("state", "open"), platform=filters.get("platform", ""),
        organisation=filters.get("organisation", ""), label=filters.get("label", ""),
        sort=filters.get("sort") or "score")[:300]
    return render(request, "discovery/queue.html", {
        "form": form, "cases": cases, "states": CaseState.choices})


@login_required
@require_GET
def case_detail(request, pk):
    case = _case_or_404(request, pk)
    can_act = permissions.can_handle_cases(request.user, case.organisation) if \
        case.organisation else permissions.is_coordinator(request.user)
    moves = [(state, label) for state, label in CaseState.choices
             if state in services.TRANSITIONS.get(case.state, set())]
    return render(request, "discovery/case.html", {
        "case": case, "candidate": case.candidate, "events": case.events.select_related("actor"),
        "moves": moves, "can_act": can_act, "reports": case.candidate.reports.count(),
        "organisations": Organisation.objects.order_by("name_ms").only("code", "name_ms", "name_en")
        if case.state == CaseState.NEW else []})


def _act(request, pk, action):
    case = _case_or_404(request, pk)
    try:
        message = action(case)
    except RegisterError as exc:
        messages.error(request, exc.message)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("You do not have permission to do this."))
    else:
        messages.success(request, message)
    return redirect("discovery:case", pk=pk)


@login_required
@require_POST
def transition(request, pk):
    form = forms.TransitionForm(request.POST)

    def act(case):
        if not form.is_valid():
            raise RegisterError("invalid", _("Choose what happens to the case."))
        code = form.cleaned_data["organisation"]
        organisation = Organisation.objects.filter(code=code).first() if code else None
        services.transition(request.user, case, form.cleaned_data["to_state"],
                            form.cleaned_data["note"], organisation=organisation,
                            follow_up=form.cleaned_data["follow_up"] or None)
        return _("Case updated.")

    return _act(request, pk, act)


@login_required
@require_POST
def assign(request, pk):
    form = forms.AssignForm(request.POST)

    def act(case):
        if not form.is_valid():
            raise RegisterError("invalid", _("Check the owner and the due date."))
        username = form.cleaned_data["owner"]
        owner = get_user_model().objects.filter(username=username).first() if username else None
        if username and owner is None:
            raise RegisterError("unknown_user", _("No such user."))
        services.assign(request.user, case, owner, form.cleaned_data["due_on"])
        return _("Case assigned.")

    return _act(request, pk, act)


@login_required
@require_POST
def comment(request, pk):
    form = forms.CommentForm(request.POST)

    def act(case):
        if not form.is_valid():
            raise RegisterError("invalid", _("Write a comment first."))
        services.comment(request.user, case, form.cleaned_data["text"])
        return _("Comment added.")

    return _act(request, pk, act)


@login_required
@require_POST
def bulk(request):
    _require_staff(request)
    form = forms.BulkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose cases and an action."))
        return redirect("discovery:queue")
    cases = list(selectors.visible_cases(request.user).filter(pk__in=form.cleaned_data["cases"]))
    result = services.bulk_transition(request.user, cases, form.cleaned_data["to_state"],
                                      form.cleaned_data["note"])
    messages.success(request, _("%(done)d case(s) updated, %(failed)d refused.")
                     % {"done": len(result["done"]), "failed": len(result["failed"])})
    return redirect("discovery:queue")


def _dossier_response(request, data: dict, fmt: str, name: str):
    if fmt == "json":
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    elif fmt == "html":
        response = HttpResponse(dossier.render_html(data, request))
    elif fmt == "pdf":
        try:
            pdf = printing.html_to_pdf(dossier.render_html(data))
        except (printing.PdfUnavailable, OSError) as exc:
            return HttpResponse(_("PDF is not available here: %(reason)s") % {"reason": exc},
                                status=503, content_type="text/plain; charset=utf-8")
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    else:
        raise Http404
    return response


@login_required
@require_GET
def case_dossier(request, pk, fmt):
    case = _case_or_404(request, pk)
    data = dossier.batch_dossier([case])
    return _dossier_response(request, data, fmt, f"rasmi-dossier-{case.pk}")


@login_required
@require_GET
def batch_dossier(request, fmt):
    _require_staff(request)
    try:
        ids = [int(x) for x in request.GET.get("ids", "").split(",") if x.strip()][:200]
    except ValueError:
        return HttpResponse(_("Bad case list."), status=400)
    cases = selectors.visible_cases(request.user).filter(pk__in=ids).order_by("pk")
    if not ids:
        cases = selectors.visible_cases(request.user).filter(
            state=CaseState.CONFIRMED_IMPERSONATION).order_by("pk")[:200]
    return _dossier_response(request, dossier.batch_dossier(cases), fmt, "rasmi-dossier-batch")


@require_GET
def census_page(request):
    """Public: impersonation found, confirmed and taken down per platform and month, and
    the median days to takedown. Counts only; no account details."""
    limited = ratelimit.rate_limited(request, "census")
    if limited is not None:
        return limited
    data = selectors.discovery_census()
    totals: dict[str, dict[str, int]] = {}
    for row in data["series"]:
        total = totals.setdefault(row["platform"], {"found": 0, "confirmed": 0, "taken_down": 0})
        for key in total:
            total[key] += row[key]
    chart = charts.bar_chart(
        "discovery", _("Found, confirmed and taken down per platform"),
        (charts.Series("found", _("Found"), charts.DARK),
         charts.Series("confirmed", _("Confirmed"), charts.ORANGE),
         charts.Series("taken_down", _("Taken down"), charts.BLUE)),
        [charts.Category(platform_name(platform) or platform,
                         (total["found"], total["confirmed"], total["taken_down"]))
         for platform, total in sorted(totals.items())],
        category_heading=_("Platform"))
    for row in data["series"]:
        row["platform_name"] = platform_name(row["platform"]) or row["platform"]
    return render(request, "discovery/census.html", {"data": data, "chart": chart})
