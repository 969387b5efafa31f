from django import forms
from django.utils.translation import gettext_lazy as _

from rasmi.registry.models import AccountStatus, PlatformVerified
from rasmi.registry.services import SETTABLE_STATUSES


class VerifyForm(forms.Form):
    url = forms.CharField(label=_("Account address or handle"), max_length=2048,
                          widget=forms.TextInput(attrs={
                              "placeholder": "https://www.facebook.com/…",
                              "autocomplete": "off", "autofocus": True}))


class SubmitAccountForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"))
    url = forms.CharField(label=_("Account address"), max_length=2048)
    platform_id = forms.CharField(label=_("Platform id (if known)"), required=False,
                                  max_length=100)
    platform_verified = forms.ChoiceField(label=_("Verified badge on the platform"),
                                          choices=PlatformVerified.choices,
                                          initial=PlatformVerified.UNKNOWN)
    gov_link = forms.URLField(label=_("Link to the account on your gov.my website"),
                              required=False, assume_scheme="https")
    attestation = forms.CharField(label=_("Attestation by the organisation's administrator"),
                                  required=False, widget=forms.Textarea(attrs={"rows": 3}))
    evidence_file = forms.FileField(label=_("Evidence file (letter, screenshot)"),
                                    required=False)
    notes = forms.CharField(label=_("Notes"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        if not (data.get("gov_link") or data.get("attestation") or data.get("evidence_file")):
            raise forms.ValidationError(
                _("Add at least one piece of evidence that the account is yours."))
        upload = data.get("evidence_file")
        if upload and upload.size > 5 * 1024 * 1024:
            self.add_error("evidence_file", _("The file is larger than 5 MB."))
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"),
                                 choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    reason = forms.CharField(label=_("Reason"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=[
        (value, label) for value, label in AccountStatus.choices if value in SETTABLE_STATUSES])
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class MoveForm(forms.Form):
    url = forms.CharField(label=_("New address"), max_length=2048)
    reason = forms.CharField(label=_("Reason"), required=False)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False)


class ImportForm(forms.Form):
    organisations = forms.FileField(label=_("Organisations CSV"), required=False)
    accounts = forms.FileField(label=_("Accounts CSV"), required=False)
    token = forms.CharField(required=False, widget=forms.HiddenInput)
