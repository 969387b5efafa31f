"""The officers' shared inbox: the queue (/inbox/, its live rows /inbox/senarai/), the
overdue list (/inbox/lewat/) and a conversation (/inbox/c/<id>/) with its actions.

Thin: reads in selectors, writes in services and replies, who may do what checked there
and here (a conversation outside the user's scope is a 404, as elsewhere in the staff
pages). Snoozed conversations whose time has come are woken as the queue and the page
are read (services.wake_snoozed).

Actions answer a form with a redirect and a message; asked for JSON (the keyboard
shortcuts), they answer {"ok", "message"} or {"ok": false, "error"} instead.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from rasmi.errors import UserError
from rasmi.inbox import access, policy, replies, selectors, services
from rasmi.inbox.canned import CannedReplyError
from rasmi.inbox.conversation_forms import (
    AssignForm,
    HideForm,
    QueueFilterForm,
    ReplyForm,
    SnoozeForm,
)
from rasmi.inbox.models import CannedReply, Conversation, Message
from rasmi.inbox.replier import SendState
from rasmi.people import permissions
from rasmi.publishing.selectors import guide_link

# How often the open queue asks for fresh rows (HTMX polling), in seconds.
REFRESH_SECONDS = 10


def _scope(request) -> selectors.Scope:
    permissions.require_staff(request.user)
    scope = selectors.scope_for(request.user)
    services.wake_snoozed(None if scope.every_organisation else scope.citizen_ids)
    return scope


def _filters_query(request) -> str:
    """The page's filters, without the page number, for the live rows and page links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


# --- the queue -------------------------------------------------------------------------

def _queue_context(request) -> dict:
    scope = _scope(request)
    now = timezone.now()
    organisations = selectors.organisations(scope)
    chosen = next((o for o in organisations if o.code == request.GET.get("org")), None)
    form = QueueFilterForm(request.GET, organisations=organisations,
                           accounts=selectors.accounts(scope, chosen))
    query = form.query()
    page = selectors.page_of(selectors.queue(request.user, scope, query, now),
                             request.GET.get("page"))
    return {
        "form": form, "query": query, "scope": scope, "page": page, "now": now,
        "rows": selectors.queue_rows(page.object_list, scope, now),
        "filters": _filters_query(request), "refresh": REFRESH_SECONDS,
        "poll_query": request.GET.urlencode(),  # the same page of rows, kept fresh
        "searching_hidden": bool(query.text) and not scope.citizen_ids,
    }


@login_required
@require_GET
def queue(request):
    return render(request, "inbox/queue.html", _queue_context(request))


@login_required
@require_GET
def queue_rows(request):
    """The queue's rows alone, for HTMX polling with the page's filters."""
    return render(request, "inbox/_queue_rows.html", _queue_context(request))


@login_required
@require_GET
def overdue(request):
    scope = _scope(request)
    now = timezone.now()
    organisations = selectors.organisations(scope)
    chosen = next((o for o in organisations if o.code == request.GET.get("org")), None)
    page = selectors.page_of(selectors.overdue(scope, now, chosen.pk if chosen else None),
                             request.GET.get("page"))
    return render(request, "inbox/overdue.html", {
        "scope": scope, "page": page, "now": now, "organisations": organisations,
        "chosen": chosen, "rows": selectors.queue_rows(page.object_list, scope, now),
        "filters": _filters_query(request)})


# --- one conversation ------------------------------------------------------------------

def _conversation_or_404(request, pk) -> tuple[Conversation, selectors.Scope]:
    scope = _scope(request)
    conversation = selectors.conversation_for(scope, pk)
    if conversation is None:
        raise Http404
    return conversation, scope


def _localised(findings: list[dict]) -> list[dict]:
    english = translation.get_language() == "en"
    return [f | {"message": f["message_en"] if english else f["message_ms"],
                 "guide": guide_link(f["rule"])} for f in findings]


def _reply_form(conversation, data=None, initial=None) -> ReplyForm:
    return ReplyForm(data, initial=initial,
                     canned_replies=selectors.canned_replies(conversation.organisation))


def _page(request, conversation, scope, *, reply_form=None, reply_error=None,
          findings=(), status=200):
    organisation = conversation.organisation
    user, now = request.user, timezone.now()
    sees = scope.sees_citizens(organisation.pk)
    can_work = policy.can_reply(user, organisation)
    thread, older = selectors.thread(conversation) if sees else ([], False)
    language = "en" if conversation.language == "en" else "ms"
    row = selectors.queue_rows([conversation], scope, now)[0]
    return render(request, "inbox/conversation.html", {
        "conversation": conversation, "organisation": organisation, "row": row,
        "sees": sees, "thread": thread, "older": older,
        "history": selectors.history(conversation, thread),
        "can_work": can_work, "can_hide": sees and policy.can_hide(user, organisation),
        "can_file": sees and access.can_handle_citizen_data(user, organisation),
        "assign_form": AssignForm(
            officers=selectors.officers(organisation), teams=selectors.teams(organisation),
            initial={"officer": conversation.assignee_id, "team": conversation.team_id})
        if can_work else None,
        "statuses": [s for s in services.SETTABLE if s != conversation.status],
        "snooze_form": SnoozeForm(initial={"until": now + services.DEFAULT_SNOOZE}),
        "hide_form": HideForm(),
        "reply_form": reply_form or _reply_form(conversation, initial={"language": language}),
        "reply_error": reply_error, "findings": _localised(list(findings)),
        "warned": any(f["severity"] == "warn" for f in findings)
        and not any(f["severity"] == "block" for f in findings),
        "failed": SendState.FAILED,
    }, status=status)


@login_required
@require_GET
def conversation_page(request, pk):
    conversation, scope = _conversation_or_404(request, pk)
    return _page(request, conversation, scope)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _answer(request, conversation, *, done: str = "", error: str = "", status: int = 400):
    if _wants_json(request):
        if error:
            return JsonResponse({"ok": False, "error": error}, status=status)
        return JsonResponse({"ok": True, "message": done})
    if error:
        messages.error(request, error)
    else:
        messages.success(request, done)
    return redirect("inbox:conversation", pk=conversation.pk)


def _act(request, conversation, action, done: str):
    """Run a service; its refusal becomes the person's message, in their language."""
    try:
        action()
    except UserError as error:
        return _answer(request, conversation, error=str(error.message), status=error.status)
    except PermissionDenied as denied:
        if _wants_json(request):
            return _answer(request, conversation, error=str(denied) or _(
                "You do not have permission to do this."), status=403)
        raise
    return _answer(request, conversation, done=done)


def _workable(request, pk) -> Conversation:
    conversation, scope = _conversation_or_404(request, pk)
    if not scope.sees_citizens(conversation.organisation_id):
        raise PermissionDenied
    return conversation


@login_required
@require_POST
def assign(request, pk):
    conversation = _workable(request, pk)
    if request.POST.get("me"):
        return _act(request, conversation, lambda: services.assign(
            request.user, conversation, officer=request.user, team=conversation.team),
            _("Assigned to you."))
    form = AssignForm(request.POST, officers=selectors.officers(conversation.organisation),
                      teams=selectors.teams(conversation.organisation))
    if not form.is_valid():
        return _answer(request, conversation,
                       error=_("Choose an officer or a team from the lists."))
    officer, team = form.chosen()
    return _act(request, conversation, lambda: services.assign(
        request.user, conversation, officer=officer, team=team), _("Assignment saved."))


@login_required
@require_POST
def set_status(request, pk):
    conversation = _workable(request, pk)
    status = request.POST.get("status", "")
    return _act(request, conversation,
                lambda: services.set_status(request.user, conversation, status),
                _("Status saved."))


@login_required
@require_POST
def snooze(request, pk):
    conversation = _workable(request, pk)
    form = SnoozeForm(request.POST)
    if not form.is_valid():
        return _answer(request, conversation, error=_("Give the date and time to snooze "
                                                      "until."))
    until = form.cleaned_data["until"]
    return _act(request, conversation,
                lambda: services.snooze(request.user, conversation, until),
                _("Snoozed until %(until)s.") % {
                    "until": timezone.localtime(until).strftime("%Y-%m-%d %H:%M")})


def _message_or_404(request, pk) -> Message:
    message = get_object_or_404(Message.objects.only("pk", "conversation_id"), pk=pk)
    _workable(request, message.conversation_id)
    return message


@login_required
@require_POST
def hide(request, pk):
    message = _message_or_404(request, pk)
    reason = request.POST.get("reason", "")
    return _act(request, message.conversation,
                lambda: replies.hide_message(message, request.user, reason),
                _("The comment is hidden on the platform."))


@login_required
@require_POST
def unhide(request, pk):
    message = _message_or_404(request, pk)
    return _act(request, message.conversation,
                lambda: replies.unhide_message(message, request.user,
                                               request.POST.get("reason", "")),
                _("The comment is shown again on the platform."))


@login_required
@require_POST
def retry(request, pk):
    message = _message_or_404(request, pk)
    return _act(request, message.conversation,
                lambda: replies.retry_reply(message, request.user),
                _("The reply is queued to be sent again."))


@login_required
@require_POST
def reply(request, pk):
    conversation, scope = _conversation_or_404(request, pk)
    if not scope.sees_citizens(conversation.organisation_id):
        raise PermissionDenied
    form = _reply_form(conversation, request.POST)
    if not form.is_valid():
        return _page(request, conversation, scope, reply_form=form, status=400)
    data = form.cleaned_data
    try:
        replies.send_reply(conversation, request.user, data["text"], data["language"],
                           justification=data.get("justification") or "")
    except UserError as error:
        return _page(request, conversation, scope, reply_form=form,
                     reply_error=str(error.message),
                     findings=error.details.get("findings", []), status=400)
    messages.success(request, _("Reply queued to send. The reply clock has stopped."))
    return redirect("inbox:conversation", pk=conversation.pk)


@login_required
@require_GET
def canned(request, pk):
    """HTMX: the reply box filled with a canned reply for this conversation (placeholders
    filled), and the language it came out in."""
    conversation, scope = _conversation_or_404(request, pk)
    if not scope.sees_citizens(conversation.organisation_id):
        raise PermissionDenied
    language = request.GET.get("language", "ms")
    language = language if language in replies.LANGUAGES else "ms"
    choice = request.GET.get("canned", "")
    if not choice.isdigit():
        text, chosen = "", None
    else:
        chosen = get_object_or_404(CannedReply, pk=int(choice))
        try:
            text = replies.render_canned(chosen, conversation, language, officer=request.user)
        except CannedReplyError as error:
            raise Http404 from error  # another organisation's reply is not confirmed
        language = replies.effective_language(chosen, language)
    if not request.htmx:
        return redirect(reverse("inbox:conversation", args=[conversation.pk]))
    form = _reply_form(conversation, initial={"text": text, "language": language,
                                              "canned": choice})
    return render(request, "inbox/_reply_text.html", {
        "reply_form": form, "chosen": chosen, "language": language,
        "conversation": conversation})
