"""HTML pages. Thin: forms in, services and selectors out, permissions on the server."""

import csv
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rasmi import ratelimit
from rasmi.people import permissions
from rasmi.registry import census as census_module
from rasmi.registry import charts, forms, importer, selectors, services
from rasmi.registry.errors import RegisterError
from rasmi.registry.models import AccountStatus, SocialAccount
from rasmi.registry.verify import get_index, platform_name


def _localised(answer: dict) -> dict:
    """The verify answer plus the message and organisation name in the page's language."""
    english = get_language() == "en"
    org = answer["organisation"]
    return answer | {
        "message": answer["message_en"] if english else answer["message_ms"],
        "organisation_name": (org["name_en"] if english else org["name_ms"]) if org else "",
        "platform_name": platform_name(answer["platform"]),
    }


@require_GET
def verify_page(request):
    limited = ratelimit.rate_limited(request, "verify") if request.GET.get("url") else None
    if limited is not None:
        return limited
    form = forms.VerifyForm(request.GET or None)
    answer, others = None, []
    index = get_index()
    if form.is_valid():
        answer = _localised(index.lookup(form.cleaned_data["url"]))
        if answer["organisation"] and answer["state"] != "invalid":
            org = selectors.organisation_page(answer["organisation"]["code"])
            others = [a for a in org.public_accounts if a.status == AccountStatus.OFFICIAL
                      and a.canonical_url != answer["canonical_url"]] if org else []
    context = {"form": form, "answer": answer, "others": others, "has_demo": index.has_demo}
    template = "registry/_verify_result.html" if request.htmx else "registry/verify.html"
    return render(request, template, context)


@require_GET
def directory(request):
    limited = ratelimit.rate_limited(request, "directory")
    if limited is not None:
        return limited
    query = request.GET.get("q", "")[:200]
    orgs = selectors.search_organisations(query)
    context = {"organisations": orgs, "q": query, "has_demo": get_index().has_demo}
    template = "registry/_directory_list.html" if request.htmx else "registry/directory.html"
    return render(request, template, context)


@require_GET
def organisation(request, code):
    org = selectors.organisation_page(code)
    if org is None:
        raise Http404
    official = [a for a in org.public_accounts if a.status == AccountStatus.OFFICIAL]
    warnings = [a for a in org.public_accounts if a.status in (
        AccountStatus.IMPERSONATION, AccountStatus.UNOFFICIAL, AccountStatus.PARODY)]
    archived = [a for a in org.public_accounts if a.status == AccountStatus.ARCHIVED]
    return render(request, "registry/organisation.html", {
        "org": org, "official": official, "warnings": warnings, "archived": archived,
        "children": org.children.order_by("name_ms"), "has_demo": get_index().has_demo})


def _census_charts(groups: list[dict], gap: list[dict]) -> tuple[dict[str, charts.BarChart],
                                                                charts.BarChart]:
    """The census charts: official vs unofficial accounts per platform for each group, and
    the presence gap (reach of each platform vs the share of ministries and agencies on
    it). The tables beside them carry the same numbers."""
    accounts = (charts.Series("official", _("Official accounts"), charts.BLUE),
                charts.Series("unofficial", _("Unofficial accounts"), charts.ORANGE))
    by_group = {
        group["key"]: charts.bar_chart(
            group["key"],
            _("%(group)s: official and unofficial accounts per platform")
            % {"group": group["label"]},
            accounts,
            [charts.Category(row["name"], (row["cell"].official, row["cell"].unofficial))
             for row in group["rows"]],
            category_heading=_("Platform"), data_table=False)
        for group in groups}
    gap_chart = charts.bar_chart(
        "gap", _("Platform reach vs official presence"),
        (charts.Series("reach", _("Reach among internet users aged 16–64"), charts.DARK),
         charts.Series("ministries", _("Ministries present"), charts.BLUE),
         charts.Series("agencies", _("Agencies present"), charts.SKY)),
        [charts.Category(row["name"], (row["reach"], row["ministries_present"],
                                       row["agencies_present"])) for row in gap],
        scale_max=100, unit="%", category_heading=_("Platform"), data_table=False)
    return by_group, gap_chart


@require_GET
def census_page(request):
    census = census_module.build_census()
    english = get_language() == "en"
    groups = []
    for group, cells in census.groups.items():
        if not census.group_sizes.get(group):
            continue
        label = census_module.GROUP_LABELS[group][1 if english else 0]
        rows = [{"platform": p, "name": platform_name(p), "cell": c}
                for p, c in cells.items() if p in census_module.CENSUS_PLATFORMS]
        groups.append({"key": group, "label": label, "size": census.group_sizes[group],
                       "rows": rows})
    gap = census.gap()
    group_charts, gap_chart = _census_charts(groups, gap)
    for group in groups:
        group["chart"] = group_charts[group["key"]]
    return render(request, "registry/census.html", {
        "census": census, "groups": groups, "gap": gap, "gap_chart": gap_chart,
        "reach_source": census_module.REACH_SOURCE, "has_demo": census.has_demo,
        "per_org": census.per_organisation,
        "platform_names": [platform_name(p) for p in census_module.CENSUS_PLATFORMS]})


@require_GET
def census_csv(request):
    census = census_module.build_census()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="rasmi-banci.csv"'
    response.write("\ufeff")
    rows = census.rows()
    writer = csv.DictWriter(response, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return response


# --- staff -----------------------------------------------------------------------------


@login_required
def staff_home(request):
    permissions.require_staff(request.user)
    user = request.user
    return render(request, "registry/staff_home.html", {
        "pending": selectors.pending_accounts(user)[:100],
        "overdue_count": selectors.overdue_accounts(user).count(),
        "can_review": permissions.can_review_accounts(user),
        "recent": selectors.visible_accounts(user).exclude(
            status=AccountStatus.PENDING).order_by("-updated_at")[:20],
    })


def _account_or_404(request, pk) -> SocialAccount:
    account = get_object_or_404(SocialAccount.objects.select_related("organisation"), pk=pk)
    if not permissions.can_view_organisation(request.user, account.organisation):
        raise Http404  # do not reveal accounts of organisations the user cannot see
    return account


@login_required
@require_http_methods(["GET", "POST"])
def submit_account(request):
    permissions.require_staff(request.user)
    organisations = selectors.submittable_organisations(request.user)
    form = forms.SubmitAccountForm(request.POST or None, request.FILES or None,
                                   organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        evidence = []
        if data["gov_link"]:
            evidence.append(services.EvidenceInput(kind="gov_link", url=data["gov_link"]))
        if data["attestation"]:
            evidence.append(services.EvidenceInput(kind="attestation", note=data["attestation"]))
        if data["evidence_file"]:
            evidence.append(services.EvidenceInput(kind="file", file=data["evidence_file"]))
        try:
            account = services.submit_account(
                request.user, data["organisation"], data["url"], platform_id=data["platform_id"],
                platform_verified=data["platform_verified"], evidence=evidence,
                notes=data["notes"])
        except RegisterError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Submitted. A national coordinator will review it."))
            return redirect("registry:account_detail", pk=account.pk)
    return render(request, "registry/submit.html", {"form": form})


@login_required
@require_GET
def account_detail(request, pk):
    account = _account_or_404(request, pk)
    user = request.user
    return render(request, "registry/account_detail.html", {
        "account": account,
        "evidence": account.evidence.all(),
        "reviews": account.reviews.select_related("reviewer")[:50],
        "aliases": account.aliases.all(),
        "can_review": (permissions.can_review_accounts(user)
                       and account.status == AccountStatus.PENDING
                       and account.submitted_by_id != user.pk),
        "is_own_submission": account.submitted_by_id == user.pk,
        "can_manage": permissions.can_manage_register(user),
        "review_form": forms.ReviewForm(), "status_form": forms.StatusForm(),
        "move_form": forms.MoveForm(), "note_form": forms.NoteForm(),
    })


def _run_service(request, pk, action):
    """POST-only staff actions: run the service, report the outcome, back to the account."""
    account = _account_or_404(request, pk)
    try:
        message = action(account)
    except RegisterError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, message)
    if SocialAccount.objects.filter(pk=pk).exists():
        return redirect("registry:account_detail", pk=pk)
    return redirect("registry:staff_home")


@login_required
@require_POST
def review_account(request, pk):
    form = forms.ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject."))
        return redirect("registry:account_detail", pk=pk)

    def act(account):
        reason = form.cleaned_data["reason"]
        if form.cleaned_data["decision"] == "approve":
            services.approve_account(request.user, account, reason)
            return _("Approved: the account is now official.")
        services.reject_account(request.user, account, reason)
        return _("Rejected.")

    return _run_service(request, pk, act)


@login_required
@require_POST
def change_status(request, pk):
    form = forms.StatusForm(request.POST)

    def act(account):
        if not form.is_valid():
            raise RegisterError("invalid", _("Choose a status and give a reason."))
        services.set_status(request.user, account, form.cleaned_data["status"],
                            form.cleaned_data["reason"])
        return _("Status changed.")

    return _run_service(request, pk, act)


@login_required
@require_POST
def move_account(request, pk):
    form = forms.MoveForm(request.POST)

    def act(account):
        if not form.is_valid():
            raise RegisterError("invalid", _("Give the new address."))
        services.move_account(request.user, account, form.cleaned_data["url"],
                              form.cleaned_data["reason"])
        return _("Address changed; the old address is kept in history.")

    return _run_service(request, pk, act)


@login_required
@require_POST
def recertify_account(request, pk):
    form = forms.NoteForm(request.POST)

    def act(account):
        note = form.cleaned_data["note"] if form.is_valid() else ""
        services.recertify_account(request.user, account, note)
        return _("Recertified.")

    return _run_service(request, pk, act)


@login_required
@require_GET
def overdue(request):
    permissions.require_staff(request.user)
    return render(request, "registry/overdue.html",
                  {"accounts": selectors.overdue_accounts(request.user)[:500]})


def _upload_dir() -> Path:
    path = Path(settings.VAR_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


@login_required
@require_http_methods(["GET", "POST"])
def import_registry(request):
    """Upload, preview (a dry run), then confirm. Uploads wait in var/imports under a
    random token bound to the session, so the confirmed import is exactly the previewed one."""
    permissions.require(permissions.can_manage_register(request.user))
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    report, token = None, ""
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        texts: dict[str, str] = {}
        names = {"organisations": "organisations.csv", "accounts": "accounts.csv"}
        if token:
            if token != request.session.get("import_token"):
                raise PermissionDenied
            names.update(request.session.get("import_names", {}))
            for kind in ("organisations", "accounts"):
                path = _upload_dir() / f"{token}-{kind}.csv"
                if path.exists():
                    texts[kind] = path.read_text(encoding="utf-8")
        else:
            try:
                for kind in ("organisations", "accounts"):
                    if upload := form.cleaned_data[kind]:
                        texts[kind] = upload.read().decode("utf-8-sig")
                        # Row problems and the audit trail name the file as uploaded.
                        names[kind] = Path(upload.name).name[:100] or names[kind]
            except UnicodeDecodeError:
                form.add_error(None, _("The file is not UTF-8 text."))
        if texts and not form.errors:
            confirm = bool(token)
            report = importer.run_import(
                request.user, organisations=texts.get("organisations"),
                accounts=texts.get("accounts"), dry_run=not confirm,
                organisations_name=names["organisations"], accounts_name=names["accounts"])
            if confirm:
                for kind in ("organisations", "accounts"):
                    (_upload_dir() / f"{token}-{kind}.csv").unlink(missing_ok=True)
                request.session.pop("import_token", None)
                request.session.pop("import_names", None)
                token = ""
                if report.applied:
                    messages.success(request, _("Import applied."))
            elif report.ok:
                token = secrets.token_urlsafe(16)
                request.session["import_token"] = token
                request.session["import_names"] = names
                for kind, text in texts.items():
                    (_upload_dir() / f"{token}-{kind}.csv").write_text(text, encoding="utf-8")
        elif not texts and not form.errors:
            form.add_error(None, _("Choose at least one CSV file."))
    return render(request, "registry/import.html",
                  {"form": form, "report": report, "token": token})
