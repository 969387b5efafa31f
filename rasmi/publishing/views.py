"""Publishing pages. Thin: forms in, services and selectors out; every rule (maker-checker,
blocking findings, posting hours) is enforced by the services."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rasmi import pdf as printing
from rasmi.errors import UserError
from rasmi.people import permissions
from rasmi.people.models import Membership
from rasmi.publishing import (
    calendar_grid,
    forms,
    highlight,
    policy,
    selectors,
    services,
    sop_document,
)
from rasmi.publishing.models import OutboxEntry, Post, PostState, PostTarget
from rasmi.registry.models import Organisation, SocialAccount


def _post_or_404(request, pk) -> Post:
    post = get_object_or_404(Post.objects.select_related("organisation", "author"), pk=pk)
    if not policy.can_view_posts(request.user, post.organisation):
        raise Http404  # do not reveal other organisations' posts
    return post


def _org_or_404(request, code) -> Organisation:
    org = get_object_or_404(Organisation, code=code)
    if not permissions.can_view_organisation(request.user, org):
        raise Http404
    return org


def _localised_findings(findings: list[dict], accounts: dict[int, SocialAccount]) -> list[dict]:
    english = get_language() == "en"
    return [f | {"message": f["message_en"] if english else f["message_ms"],
                 "guide": selectors.guide_link(f["rule"]),
                 "account": accounts.get(f.get("target"))} for f in findings]


@login_required
@require_GET
def post_list(request):
    permissions.require_staff(request.user)
    state = request.GET.get("state", "")
    posts = selectors.visible_posts(request.user)
    if state in PostState.values:
        posts = posts.filter(state=state)
    return render(request, "publishing/post_list.html", {
        "posts": posts[:200], "state": state, "states": PostState.choices,
        "waiting": selectors.waiting_for(request.user),
        "organisations": selectors.draftable_organisations(request.user),
        "expiring": selectors.expiring_credentials(request.user),
    })


def _form_for(request, organisation, post=None):
    accounts = selectors.official_accounts(organisation)
    initial = forms.PostForm.initial_for(post) if post else {}
    return forms.PostForm(request.POST or None, accounts=accounts, initial=initial)


@login_required
@require_http_methods(["GET", "POST"])
def post_new(request):
    permissions.require_staff(request.user)
    choices = selectors.draftable_organisations(request.user)
    code = request.GET.get("org") or request.POST.get("org")
    organisation = next((o for o in choices if o.code == code), None)
    if organisation is None:
        if len(choices) == 1:
            organisation = choices[0]
        else:
            return render(request, "publishing/choose_org.html", {"organisations": choices})
    form = _form_for(request, organisation)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.create_post(request.user, organisation, form.to_input())
        except UserError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("publishing:detail", pk=post.pk)
    return render(request, "publishing/post_form.html", {
        "form": form, "organisation": organisation, "post": None})


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, pk):
    permissions.require_staff(request.user)
    post = _post_or_404(request, pk)
    form = _form_for(request, post.organisation, post)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_post(request.user, post, form.to_input())
        except UserError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Changes saved; the checks ran again."))
            return redirect("publishing:detail", pk=post.pk)
    accounts = {t.account_id: t.account for t in post.targets.select_related("account")}
    return render(request, "publishing/post_form.html", {
        "form": form, "organisation": post.organisation, "post": post,
        "initial_findings": _localised_findings(post.findings, accounts),
        "initial_segments": highlight.segments(post.text, post.findings)})


@login_required
@require_POST
def check_draft(request):
    """The checker as the writer types (HTMX): findings and the highlighted text, nothing
    saved."""
    permissions.require_staff(request.user)
    org = _org_or_404(request, request.POST.get("org", ""))
    accounts = {a.pk: a for a in selectors.official_accounts(org)}
    chosen = [accounts[int(pk)] for pk in request.POST.getlist("accounts")
              if pk.isdigit() and int(pk) in accounts]
    post = Post(organisation=org, text=request.POST.get("text", "")[:20000],
                media_type=request.POST.get("media_type", "")[:10],
                media_url=request.POST.get("media_url", "")[:500],
                media_alt_text=request.POST.get("media_alt_text", "")[:2000],
                media_captioned=request.POST.get("media_captioned") == "on")
    targets = [PostTarget(account=a, text=request.POST.get(f"text_{a.pk}", "")[:20000])
               for a in chosen]
    verdict, findings = services.run_checks(post, targets)
    return render(request, "publishing/_findings.html", {
        "verdict": verdict, "findings": _localised_findings(findings, accounts),
        "segments": highlight.segments(post.text, findings), "live": True})


@login_required
@require_GET
def post_detail(request, pk):
    permissions.require_staff(request.user)
    post = _post_or_404(request, pk)
    user = request.user
    targets = list(post.targets.select_related("account"))
    accounts = {t.account_id: t.account for t in targets}
    return render(request, "publishing/post_detail.html", {
        "post": post, "targets": targets,
        "findings": _localised_findings(post.findings, accounts),
        "segments": highlight.segments(post.text, post.findings),
        "approvals": post.approvals.select_related("approver"),
        "approvals_counted": services.approvals_counted(post),
        "approvals_needed": policy.sop_for(post.organisation).approvals_required,
        "history": selectors.post_history(post),
        "can_edit": policy.can_draft(user, post.organisation) and post.state != "published",
        "can_submit": policy.can_draft(user, post.organisation) and post.state == "draft",
        "can_approve": policy.can_approve(user, post) and post.state == "in_review",
        "is_author": user.pk == post.author_id,
        "can_fast_track": policy.can_fast_track(user, post)
        and post.state in ("draft", "in_review"),
        "can_after_review": post.needs_after_review and policy.can_approve(user, post)
        and user.pk not in (post.fast_tracked_by_id, post.author_id),
        "can_schedule": policy.can_schedule(user, post)
        and post.state in ("draft", "in_review", "approved", "scheduled"),
        "can_retry": policy.can_schedule(user, post) and post.state == "failed",
        "justification_form": forms.JustificationForm(initial={
            "justification": post.justification}),
        "note_form": forms.NoteForm(),
        "schedule_form": forms.ScheduleForm(initial={
            "when": timezone.localtime(post.scheduled_at) if post.scheduled_at else None}),
    })


def _act(request, pk, action, success):
    post = _post_or_404(request, pk)
    try:
        action(post)
    except UserError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("publishing:detail", pk=post.pk)


def _note(request) -> str:
    form = forms.NoteForm(request.POST)
    return form.cleaned_data["note"] if form.is_valid() else ""


@login_required
@require_POST
def post_submit(request, pk):
    form = forms.JustificationForm(request.POST)
    text = form.cleaned_data["justification"] if form.is_valid() else ""
    return _act(request, pk, lambda p: services.submit(request.user, p, text),
                _("Sent for approval."))


@login_required
@require_POST
def post_approve(request, pk):
    version = request.POST.get("version", "")
    return _act(request, pk, lambda p: services.approve(
        request.user, p, _note(request),
        expected_version=int(version) if version.isdigit() else None), _("Approved."))


@login_required
@require_POST
def post_send_back(request, pk):
    return _act(request, pk, lambda p: services.send_back(request.user, p, _note(request)),
                _("Sent back to the writer."))


@login_required
@require_POST
def post_fast_track(request, pk):
    return _act(request, pk, lambda p: services.fast_track(request.user, p, _note(request)),
                _("Fast-tracked: the post goes out now and waits for an after-the-fact "
                  "review."))


@login_required
@require_POST
def post_after_review(request, pk):
    return _act(request, pk, lambda p: services.after_review(request.user, p, _note(request)),
                _("Review recorded."))


@login_required
@require_POST
def post_schedule(request, pk):
    form = forms.ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a date and time."))
        return redirect("publishing:detail", pk=pk)
    return _act(request, pk, lambda p: services.schedule(request.user, p,
                                                         form.cleaned_data["when"]),
                _("Schedule saved."))


@login_required
@require_POST
def post_retry(request, pk):
    return _act(request, pk, lambda p: services.retry(request.user, p),
                _("Publishing again now."))


@login_required
@require_GET
def calendar(request):
    permissions.require_staff(request.user)
    grid = calendar_grid.build(request.GET.get("view", "week"), request.GET.get("start", ""))
    posts = selectors.calendar_posts(request.user, grid.start, grid.end)
    grid.place(posts)
    return render(request, "publishing/calendar.html", {"grid": grid})


@login_required
@require_POST
def calendar_move(request, pk):
    """Drag and drop: move a post to another day, keeping its time of day."""
    post = _post_or_404(request, pk)
    try:
        day = dt.date.fromisoformat(request.POST.get("day", ""))
    except ValueError:
        return JsonResponse({"error": _("Not a date.")}, status=400)
    current = timezone.localtime(post.scheduled_at or timezone.now())
    when = timezone.make_aware(dt.datetime.combine(day, current.time().replace(
        second=0, microsecond=0)))
    try:
        services.schedule(request.user, post, when)
    except UserError as error:
        return JsonResponse({"error": str(error.message)}, status=error.status)
    except PermissionDenied as error:
        return JsonResponse({"error": str(error)}, status=403)
    return JsonResponse({"ok": True, "scheduled_at": timezone.localtime(when).isoformat()})


@login_required
@require_GET
def outbox(request):
    permissions.require_staff(request.user)
    entries = OutboxEntry.objects.all()
    if not permissions.is_coordinator(request.user):
        keys = set(selectors.visible_posts(request.user).values_list(
            "targets__idempotency_key", flat=True))
        entries = entries.filter(idempotency_key__in=keys)
    return render(request, "publishing/outbox.html", {"entries": entries[:200]})


# --- SOP --------------------------------------------------------------------------------------

def _members(organisation):
    return [m.user for m in Membership.objects.filter(organisation=organisation)
            .select_related("user").order_by("user__username")]


@login_required
@require_http_methods(["GET", "POST"])
def sop_edit(request, code):
    permissions.require_staff(request.user)
    org = _org_or_404(request, code)
    if not policy.can_manage_sop(request.user, org):
        raise PermissionDenied
    sop = policy.sop_for(org)
    members = _members(org)
    form = forms.SopForm(request.POST or None, members=members,
                         initial=forms.SopForm.initial_for(sop))
    if request.method == "POST" and form.is_valid():
        officers = [u for u in members if str(u.pk) in form.cleaned_data["crisis_officers"]]
        try:
            services.save_sop(request.user, org, form.values(), crisis_officers=officers)
        except UserError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("SOP saved."))
            return redirect("publishing:sop", code=org.code)
    return render(request, "publishing/sop_form.html", {
        "form": form, "org": org, "sop": sop, "crisis_form": forms.CrisisForm()})


@login_required
@require_POST
def sop_crisis(request, code):
    org = _org_or_404(request, code)
    form = forms.CrisisForm(request.POST)
    name = form.cleaned_data["name"] if form.is_valid() else ""
    active = request.POST.get("active") == "1"
    try:
        services.set_crisis_mode(request.user, org, active, name)
    except UserError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Crisis mode is on.") if active
                         else _("Crisis mode is off."))
    return redirect("publishing:sop", code=org.code)


@login_required
@require_GET
def sop_document_view(request, code, fmt="html"):
    permissions.require_staff(request.user)
    org = _org_or_404(request, code)
    html = sop_document.render_html(org, request=request)
    if fmt == "pdf":
        try:
            pdf = printing.html_to_pdf(html)
        except (printing.PdfUnavailable, OSError):
            messages.error(request, _("PDF printing is not available on this server."))
            return redirect("publishing:sop_document", code=org.code)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="sop-{org.code}.pdf"'
        return response
    return HttpResponse(html)


@login_required
@require_http_methods(["GET", "POST"])
def credential_edit(request, pk):
    permissions.require_staff(request.user)
    account = get_object_or_404(SocialAccount.objects.select_related("organisation"), pk=pk)
    if not policy.can_manage_sop(request.user, account.organisation):
        raise PermissionDenied
    current = getattr(account, "credential", None)  # the reverse one-to-one may be absent
    form = forms.CredentialForm(request.POST or None, initial={
        "mode": current.mode if current else "dry_run",
        "expires_at": timezone.localtime(current.expires_at)
        if current and current.expires_at else None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.set_credential(request.user, account, mode=data["mode"],
                                    token=data.get("token") or "",
                                    expires_at=data.get("expires_at"))
        except UserError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Publishing settings saved."))
            return redirect("publishing:list")
    return render(request, "publishing/credential_form.html", {
        "form": form, "account": account, "current": current})
