"""The inbox pages' forms: the queue's filters and a conversation's actions. They only
check the shape of the input; who may do what, and every rule, is in the services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rasmi.inbox import labels, selectors
from rasmi.inbox.models import ConversationStatus
from rasmi.inbox.replies import REASON_LENGTH

ANY = [("", _("All"))]


class QueueFilterForm(forms.Form):
    """GET filters. Invalid values are reported and ignored; the rest still apply."""

    org = forms.ChoiceField(label=_("Organisation"), required=False)
    account = forms.ChoiceField(label=_("Account"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    intent = forms.ChoiceField(label=_("Intent"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    assigned = forms.ChoiceField(label=_("Assigned"), required=False, choices=[
        ("", _("Anyone")), (selectors.ME, _("Assigned to me")),
        (selectors.TEAMS, _("My teams")), (selectors.UNASSIGNED, _("Unassigned"))])
    urgent = forms.BooleanField(label=_("Urgent only"), required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=selectors.SEARCH_LENGTH,
                        widget=forms.TextInput(attrs={"type": "search"}))

    def __init__(self, data, *, organisations, accounts):
        super().__init__(data)
        self.organisations = {o.code: o for o in organisations}
        self.fields["org"].choices = ANY + [(o.code, o.name) for o in organisations]
        self.fields["account"].choices = ANY + [
            (str(a.pk), f"{a.get_platform_display()} {a.handle}") for a in accounts]
        self.fields["status"].choices = [
            (selectors.ACTIVE, _("Open and pending")),
            *[(value, str(name)) for value, name in ConversationStatus.choices],
            (selectors.ALL, _("All"))]
        for name in (labels.INTENT, labels.TOPIC, labels.LANGUAGE):
            self.fields[name].choices = ANY + labels.choices(name)

    def query(self) -> selectors.QueueQuery:
        self.is_valid()  # fills cleaned_data with the valid fields only
        data = self.cleaned_data
        organisation = self.organisations.get(data.get("org") or "")
        account = data.get("account") or ""
        return selectors.QueueQuery(
            organisation_id=organisation.pk if organisation else None,
            account_id=int(account) if account.isdigit() else None,
            status=data.get("status") or selectors.ACTIVE,
            intent=data.get("intent") or "", topic=data.get("topic") or "",
            language=data.get("language") or "", urgent=bool(data.get("urgent")),
            assigned=data.get("assigned") or "", text=data.get("q") or "")


class AssignForm(forms.Form):
    officer = forms.TypedChoiceField(label=_("Officer"), required=False, coerce=int,
                                     empty_value=None)
    team = forms.TypedChoiceField(label=_("Team"), required=False, coerce=int,
                                  empty_value=None)

    def __init__(self, data=None, *, officers, teams, initial=None):
        super().__init__(data, initial=initial)
        self.officers = {u.pk: u for u in officers}
        self.teams = {t.pk: t for t in teams}
        self.fields["officer"].choices = [("", _("Nobody"))] + [
            (u.pk, _display(u)) for u in officers]
        self.fields["team"].choices = [("", _("No team"))] + [(t.pk, t.name) for t in teams]

    def chosen(self):
        return (self.officers.get(self.cleaned_data["officer"]),
                self.teams.get(self.cleaned_data["team"]))


def _display(user) -> str:
    full = user.get_full_name().strip()
    return f"{full} ({user.get_username()})" if full else user.get_username()


class SnoozeForm(forms.Form):
    until = forms.DateTimeField(
        label=_("Snooze until"), input_formats=["%Y-%m-%dT%H:%M"],
        help_text=_("Malaysia time. It comes back to the queue, open, at that time."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                   format="%Y-%m-%dT%H:%M"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        now = timezone.localtime()
        self.fields["until"].widget.attrs["min"] = now.strftime("%Y-%m-%dT%H:%M")


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=REASON_LENGTH, required=False)


class ReplyForm(forms.Form):
    language = forms.ChoiceField(label=_("Reply language"),
                                 choices=[("ms", _("Bahasa Melayu")), ("en", _("English"))])
    canned = forms.ChoiceField(label=_("Canned reply"), required=False)
    text = forms.CharField(label=_("Reply"), max_length=8000,
                           widget=forms.Textarea(attrs={"rows": 6}))
    justification = forms.CharField(
        label=_("Why it should go out with the warnings"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed only when the checker warns. It is kept in the audit log."))

    def __init__(self, *args, canned_replies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["canned"].choices = [("", _("Choose a canned reply"))] + [
            (str(c.pk), c.title) for c in canned_replies]
