from django import forms
from django.utils.translation import gettext_lazy as _

from rasmi.discovery.models import CaseState, FollowUp, Label
from rasmi.registry.models import PLATFORM_CHOICES


class ReportForm(forms.Form):
    url = forms.CharField(max_length=2048, widget=forms.HiddenInput)
    note = forms.CharField(label=_("What made you suspicious? (optional)"), max_length=500,
                           required=False, widget=forms.Textarea(attrs={"rows": 2}))
    # Left empty by people; filled by form-filling bots.
    website = forms.CharField(required=False, widget=forms.TextInput(
        attrs={"autocomplete": "off", "tabindex": "-1", "class": "hp"}))


class QueueFilter(forms.Form):
    state = forms.ChoiceField(label=_("Case state"), required=False,
                              choices=[("", _("All")), ("open", _("Open")), *CaseState.choices])
    label = forms.ChoiceField(label=_("Finding"), required=False,
                              choices=[("", _("All"))] + list(Label.choices))
    platform = forms.ChoiceField(label=_("Platform"), required=False,
                                 choices=[("", _("All"))] + PLATFORM_CHOICES)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=[
        ("score", _("Score, highest first")), ("due", _("Due date")),
        ("opened", _("Newest")), ("platform", _("Platform")),
        ("organisation", _("Organisation"))])

    def __init__(self, *args, organisations: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", _("All")), *organisations]


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(label=_("New state"), choices=CaseState.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    organisation = forms.CharField(label=_("Organisation code"), required=False, max_length=50)
    follow_up = forms.ChoiceField(label=_("Follow-up"), required=False, choices=FollowUp.choices)


class BulkForm(forms.Form):
    cases = forms.CharField(label=_("Cases"), max_length=20000)
    to_state = forms.ChoiceField(label=_("New state"), choices=CaseState.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)

    def clean_cases(self):
        try:
            return [int(x) for x in self.cleaned_data["cases"].split(",") if x.strip()][:500]
        except ValueError:
            raise forms.ValidationError(_("Choose cases from the list.")) from None


class AssignForm(forms.Form):
    owner = forms.CharField(label=_("Owner (username)"), required=False, max_length=150)
    due_on = forms.DateField(label=_("Due"), required=False)


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))
