"""Forms of the inbox set-up pages. They shape input for setup_services, which holds every
rule; the placeholder check is repeated here only so its message sits beside the field."""

from functools import partial

from django import forms
from django.utils.translation import gettext_lazy as _

from rasmi.inbox import labels, setup_selectors
from rasmi.inbox.canned import placeholder_validator
from rasmi.inbox.setup_services import CannedInput, RuleInput

ANY = _("Any")
PLACEHOLDER_HELP = _("Placeholders filled in for each conversation: {name} (the person's "
                     "name), {agency} (your organisation), {account} (the account answering), "
                     "{reference} (the complaint or conversation reference), {officer} (the "
                     "officer replying).")


def _labels(kind: str):
    return partial(labels.form_choices, kind, ANY)


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return setup_selectors.display_name(obj)


class PeopleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return setup_selectors.display_name(obj)


class AccountChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.get_platform_display()} · {obj.handle or obj.account_key}"


class CannedReplyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    text_ms = forms.CharField(label=_("Text in Bahasa Melayu"), max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 5}),
                              validators=[placeholder_validator], help_text=PLACEHOLDER_HELP)
    text_en = forms.CharField(label=_("Text in English (optional)"), max_length=5000,
                              required=False, widget=forms.Textarea(attrs={"rows": 5}),
                              validators=[placeholder_validator])
    intent = forms.ChoiceField(label=_("Intent"), choices=_labels("intent"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), choices=_labels("topic"), required=False)

    @classmethod
    def initial_for(cls, reply) -> dict:
        return {"title": reply.title, "text_ms": reply.text_ms, "text_en": reply.text_en,
                "intent": reply.intent, "topic": reply.topic}

    def to_input(self) -> CannedInput:
        data = self.cleaned_data
        return CannedInput(title=data["title"], text_ms=data["text_ms"],
                           text_en=data.get("text_en") or "", intent=data.get("intent") or "",
                           topic=data.get("topic") or "")


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=100)
    members = PeopleChoice(label=_("Members"), queryset=None, required=False,
                           widget=forms.CheckboxSelectMultiple,
                           help_text=_("Only the organisation's own staff can be members."))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = setup_selectors.staff_of(organisation)


class RoutingRuleForm(forms.Form):
    name = forms.CharField(label=_("Rule name"), max_length=100)
    intent = forms.ChoiceField(label=_("Intent"), choices=_labels("intent"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), choices=_labels("topic"), required=False)
    language = forms.ChoiceField(label=_("Language"), choices=_labels("language"),
                                 required=False)
    urgent_only = forms.BooleanField(label=_("Urgent messages only"), required=False)
    account = AccountChoice(label=_("Account"), queryset=None, required=False,
                            empty_label=_("Any account"))
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False,
                                  empty_label=_("No team"))
    assignee = PersonChoice(label=_("Officer"), queryset=None, required=False,
                            empty_label=_("No officer"))
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = setup_selectors.official_accounts(organisation)
        self.fields["team"].queryset = organisation.inbox_teams.order_by("name")
        self.fields["assignee"].queryset = setup_selectors.officers_of(organisation)

    @classmethod
    def initial_for(cls, rule) -> dict:
        return {"name": rule.name, "intent": rule.intent, "topic": rule.topic,
                "language": rule.language, "urgent_only": rule.urgent_only,
                "account": rule.account_id, "team": rule.team_id,
                "assignee": rule.assignee_id, "active": rule.active}

    def to_input(self) -> RuleInput:
        data = self.cleaned_data
        return RuleInput(name=data["name"], intent=data.get("intent") or "",
                         topic=data.get("topic") or "", language=data.get("language") or "",
                         urgent_only=data.get("urgent_only", False),
                         account=data.get("account"), team=data.get("team"),
                         assignee=data.get("assignee"), active=data.get("active", False))


class RuleTestForm(forms.Form):
    text = forms.CharField(label=_("A message as the public would write it"),
                           max_length=setup_selectors.TEST_TEXT_LENGTH,
                           widget=forms.Textarea(attrs={"rows": 3}))
    account = AccountChoice(label=_("Arriving on"), queryset=None, required=False,
                            empty_label=_("Any account"),
                            help_text=_("Rules for one account match only when that account "
                                        "is chosen here."))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].queryset = setup_selectors.official_accounts(organisation)
