from django import forms
from django.utils.translation import gettext_lazy as _

from rasmi.inbox import sispaa
from rasmi.inbox.complaint_services import RecordInput

FAQ_PERIODS = [(7, _("Last 7 days")), (30, _("Last 30 days")), (90, _("Last 90 days"))]


class RecordForm(forms.Form):
    complaint_type = forms.ChoiceField(label=_("Complaint type"),
                                       choices=sispaa.COMPLAINT_TYPES)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    details = forms.CharField(
        label=_("Details"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("The public's messages, with identity numbers, phone numbers, e-mail "
                    "and names masked. Anything personal typed here is masked again."))
    action_requested = forms.CharField(label=_("Action requested"), max_length=5000,
                                       required=False,
                                       widget=forms.Textarea(attrs={"rows": 3}))
    consent = forms.BooleanField(
        label=_("The complainant agreed to give their name and contact for this complaint"),
        required=False,
        help_text=_("Leave unticked to file the complaint anonymously (accepted in the "
                    "public interest)."))
    complainant_name = forms.CharField(label=_("Complainant's name"), max_length=200,
                                       required=False)
    complainant_contact = forms.CharField(
        label=_("Complainant's contact (phone or e-mail)"), max_length=200, required=False)

    def to_input(self) -> RecordInput:
        data = self.cleaned_data
        return RecordInput(
            complaint_type=data["complaint_type"], subject=data["subject"],
            details=data["details"], action_requested=data.get("action_requested") or "",
            consent=data.get("consent", False),
            complainant_name=data.get("complainant_name") or "",
            complainant_contact=data.get("complainant_contact") or "")


class PersonalExportForm(forms.Form):
    personal = forms.BooleanField(
        label=_("Include the complainant's name and contact where they agreed (this export "
                "is recorded in the audit log)"))


class FaqAnswerForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    text_ms = forms.CharField(label=_("Answer in Bahasa Melayu"), max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 5}))
    text_en = forms.CharField(label=_("Answer in English"), max_length=5000, required=False,
                              widget=forms.Textarea(attrs={"rows": 5}))
    topic = forms.CharField(label=_("Topic"), max_length=40, required=False)
