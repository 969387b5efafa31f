"""Complaint records (SISPAA) and FAQ suggestions. Thin: permissions on the server
(rasmi.inbox.access: the organisation's own staff only; another organisation's records are
a 404), writes and audit entries in complaint_services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rasmi import pdf as printing
from rasmi.errors import UserError
from rasmi.inbox import access, complaint_services, faq, privacy, sispaa
from rasmi.inbox.complaint_forms import (
    FAQ_PERIODS,
    FaqAnswerForm,
    PersonalExportForm,
    RecordForm,
)
from rasmi.inbox.models import ComplaintRecord, Conversation, Direction, Message
from rasmi.people import permissions
from rasmi.registry.models import Organisation

RECORD_FORMATS = ("json", "csv", "html", "pdf")
LIST_FORMATS = ("json", "csv")
STATES = ("open", "overdue", "closed", "all")
FAQ_CACHE_SECONDS = 300
LIST_LIMIT = 500


def _visible_organisations(user) -> list[Organisation]:
    return list(Organisation.objects.filter(access.organisations_q(user, field=""))
                .order_by("name_ms"))


def _org_or_404(request, code) -> Organisation:
    organisation = get_object_or_404(Organisation, code=code)
    if not access.can_see_citizen_data(request.user, organisation):
        raise Http404  # another organisation's citizens are not even confirmed to exist
    return organisation


def _conversation_or_404(request, pk) -> Conversation:
    conversation = get_object_or_404(
        Conversation.objects.select_related("organisation", "account", "contact"), pk=pk)
    if not access.can_see_citizen_data(request.user, conversation.organisation):
        raise Http404
    return conversation


def _record_or_404(request, pk) -> ComplaintRecord:
    record = get_object_or_404(ComplaintRecord.objects.select_related(
        "conversation__organisation", "conversation__account", "conversation__contact",
        "created_by"), pk=pk)
    if not access.can_see_citizen_data(request.user, record.conversation.organisation):
        raise Http404
    return record


def _language(request) -> str:
    chosen = request.POST.get("lang") or request.GET.get("lang") or translation.get_language()
    return "en" if (chosen or "").startswith("en") else "ms"


# --- records -------------------------------------------------------------------------------

@login_required
@require_GET
def record_list(request):
    permissions.require_staff(request.user)
    organisations = _visible_organisations(request.user)
    code, state = request.GET.get("org", ""), request.GET.get("state", "open")
    state = state if state in STATES else "open"
    records = (ComplaintRecord.objects
               .filter(access.organisations_q(request.user, "conversation__organisation"))
               .select_related("conversation__organisation", "conversation__account")
               .order_by("due_on", "pk"))
    chosen = next((o for o in organisations if o.code == code), None)
    if chosen:
        records = records.filter(conversation__organisation=chosen)
    if state == "closed":
        records = records.filter(closed_at__isnull=False)
    elif state in ("open", "overdue"):
        records = records.filter(closed_at__isnull=True)
    today = timezone.localdate()
    rows = [(r, sispaa.charter_status(r, today)) for r in records[:LIST_LIMIT]]
    if state == "overdue":
        rows = [(r, s) for r, s in rows if s.state == "overdue"]
    return render(request, "inbox/complaints/record_list.html", {
        "rows": rows, "organisations": organisations, "chosen": chosen, "state": state,
        "states": [("open", _("Open")), ("overdue", _("Overdue")), ("closed", _("Closed")),
                   ("all", _("All"))],
        "export_org": chosen or (organisations[0] if len(organisations) == 1 else None),
        "personal_form": PersonalExportForm(), "limit": LIST_LIMIT,
        "can_handle": {o.pk for o in organisations
                       if access.can_handle_citizen_data(request.user, o)},
    })


@login_required
@require_http_methods(["GET", "POST"])
def record_new(request, conversation_pk):
    conversation = _conversation_or_404(request, conversation_pk)
    if not access.can_handle_citizen_data(request.user, conversation.organisation):
        raise PermissionDenied
    draft = sispaa.draft_from_conversation(conversation)
    form = RecordForm(request.POST or None, initial={
        "complaint_type": draft.complaint_type, "subject": draft.subject,
        "details": draft.details, "action_requested": draft.action_requested,
        "complainant_name": draft.suggested_name})
    if request.method == "POST" and form.is_valid():
        try:
            record = complaint_services.create_record(request.user, conversation,
                                                      form.to_input())
        except UserError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Complaint record %(reference)s created.")
                             % {"reference": record.reference})
            return redirect("complaints:detail", pk=record.pk)
    return render(request, "inbox/complaints/record_form.html", {
        "form": form, "conversation": conversation,
        "organisation": conversation.organisation,
        "due_on": sispaa.due_on(conversation.organisation, timezone.localdate()),
        "open_records": conversation.complaint_records.filter(closed_at__isnull=True)})


@login_required
@require_GET
def record_detail(request, pk):
    record = _record_or_404(request, pk)
    organisation = record.conversation.organisation
    return render(request, "inbox/complaints/record_detail.html", {
        "record": record, "organisation": organisation,
        "status": sispaa.charter_status(record),
        "type_label": sispaa.type_label(record.complaint_type),
        "can_handle": access.can_handle_citizen_data(request.user, organisation),
        "personal_form": PersonalExportForm(), "formats": RECORD_FORMATS})


def _personal_requested(request) -> bool:
    """GET exports are redacted; personal data needs a POST of the opt-in form (CSRF)."""
    if request.method != "POST":
        return False
    form = PersonalExportForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied(_("Tick the box to include personal data."))
    return True


def _exported(request, organisation, *, what, fmt, count, personal) -> None:
    try:
        complaint_services.note_export(request.user, organisation, what=what, fmt=fmt,
                                       count=count, personal=personal)
    except UserError as error:
        raise PermissionDenied(error.message) from error


def _download(response, name: str):
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def record_export(request, pk, fmt):
    if fmt not in RECORD_FORMATS:
        raise Http404
    record = _record_or_404(request, pk)
    personal = _personal_requested(request)
    _exported(request, record.conversation.organisation, what=record.reference, fmt=fmt,
              count=1, personal=personal)
    doc = sispaa.document(record, personal=personal)
    language, name = _language(request), record.reference.lower()
    if fmt == "json":
        return _download(JsonResponse(doc, json_dumps_params={"ensure_ascii": False,
                                                              "indent": 2}), f"{name}.json")
    if fmt == "csv":
        return _download(HttpResponse(sispaa.to_csv([doc], language),
                                      content_type="text/csv; charset=utf-8"), f"{name}.csv")
    # The page's inline print styles carry the request's CSP nonce; the PDF needs none.
    html = sispaa.render_html(doc, language, request if fmt == "html" else None)
    if fmt == "html":
        return HttpResponse(html)
    try:
        pdf = printing.html_to_pdf(html)
    except (printing.PdfUnavailable, OSError):
        return HttpResponse(_("PDF printing is not available on this server."), status=503,
                            content_type="text/plain; charset=utf-8")
    return _download(HttpResponse(pdf, content_type="application/pdf"), f"{name}.pdf")


@login_required
@require_http_methods(["GET", "POST"])
def records_export(request, fmt):
    """All of one organisation's records (open and closed), redacted unless opted in."""
    if fmt not in LIST_FORMATS:
        raise Http404
    organisation = _org_or_404(request, request.GET.get("org") or request.POST.get("org", ""))
    personal = _personal_requested(request)
    records = list(ComplaintRecord.objects.filter(conversation__organisation=organisation)
                   .select_related("conversation__organisation", "conversation__account",
                                   "conversation__contact").order_by("created_at", "pk"))
    _exported(request, organisation, what="all", fmt=fmt, count=len(records),
              personal=personal)
    today = timezone.localdate()
    docs = [sispaa.document(r, personal=personal, today=today) for r in records]
    name = f"aduan-{organisation.code}"
    if fmt == "json":
        return _download(JsonResponse({"format": sispaa.FORMAT, "agency": organisation.code,
                                       "records": docs},
                                      json_dumps_params={"ensure_ascii": False, "indent": 2}),
                         f"{name}.json")
    return _download(HttpResponse(sispaa.to_csv(docs, _language(request)),
                                  content_type="text/csv; charset=utf-8"), f"{name}.csv")


@login_required
@require_POST
def record_close(request, pk):
    record = _record_or_404(request, pk)
    try:
        complaint_services.close_record(request.user, record)
    except UserError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Complaint record %(reference)s closed.")
                         % {"reference": record.reference})
    target = request.POST.get("next", "")
    if target == "list":
        return redirect("complaints:list")
    return redirect("complaints:detail", pk=record.pk)


# --- FAQ suggestions -----------------------------------------------------------------------

def _days(request) -> int:
    allowed = {days for days, _label in FAQ_PERIODS}
    try:
        days = int(request.GET.get("days", 30))
    except ValueError:
        return 30
    return days if days in allowed else 30


@login_required
@require_GET
def faq_suggestions(request, code):
    organisation = _org_or_404(request, code)
    days = _days(request)
    key = f"rasmi:faq:{organisation.pk}:{days}"
    suggestions = cache.get(key)
    if suggestions is None:
        suggestions = faq.suggestions_for(organisation, days=days)
        cache.set(key, suggestions, FAQ_CACHE_SECONDS)
    return render(request, "inbox/complaints/faq.html", {
        "organisation": organisation, "suggestions": suggestions, "days": days,
        "periods": FAQ_PERIODS,
        "can_handle": access.can_handle_citizen_data(request.user, organisation)})


@login_required
@require_http_methods(["GET", "POST"])
def faq_answer(request, code):
    organisation = _org_or_404(request, code)
    if not access.can_handle_citizen_data(request.user, organisation):
        raise PermissionDenied
    question = None
    message_id = request.GET.get("message") or request.POST.get("message") or ""
    if message_id.isdigit():
        question = (Message.objects.filter(pk=int(message_id), direction=Direction.IN,
                                           conversation__organisation=organisation)
                    .select_related("author").first())
    shown = privacy.redact(question.text, [question.author.name]
                                  if question and question.author else []) if question else ""
    topic = question.topics[0] if question and question.topics else ""
    form = FaqAnswerForm(request.POST or None, initial={
        "title": (_("FAQ: %(question)s") % {"question": shown})[:120] if shown else "",
        "topic": topic})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            reply = complaint_services.draft_faq_answer(
                request.user, organisation, title=data["title"], text_ms=data["text_ms"],
                text_en=data.get("text_en") or "", topic=data.get("topic") or "")
        except UserError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Canned reply “%(title)s” saved from the question.")
                             % {"title": reply.title})
            return redirect("complaints:faq", code=organisation.code)
    return render(request, "inbox/complaints/faq_answer.html", {
        "organisation": organisation, "form": form, "question": shown,
        "message_id": message_id if question else ""})
