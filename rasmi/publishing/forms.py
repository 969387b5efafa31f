from django import forms
from django.utils.translation import gettext_lazy as _

from rasmi.core.rules import pack_names, shipped_rules
from rasmi.people.models import Role
from rasmi.publishing.models import CredentialMode, LanguagePolicy
from rasmi.publishing.services import SOP_FIELDS, PostInput
from rasmi.registry.models import PLATFORM_CHOICES

MEDIA_CHOICES = [("", _("No image or video")), ("image", _("Image")), ("video", _("Video"))]
ROLE_CHOICES = [(r.value, r.label) for r in Role if r != Role.COORDINATOR]


class PostForm(forms.Form):
    title = forms.CharField(label=_("Title (for the team, not published)"), max_length=200)
    text = forms.CharField(label=_("Text of the post"), max_length=20000,
                           widget=forms.Textarea(attrs={"rows": 8}))
    link = forms.URLField(label=_("Link (optional)"), required=False, assume_scheme="https",
                          max_length=500)
    media_type = forms.ChoiceField(label=_("Image or video"), choices=MEDIA_CHOICES,
                                   required=False)
    media_url = forms.URLField(label=_("Address of the image or video"), required=False,
                               assume_scheme="https", max_length=500)
    media_alt_text = forms.CharField(
        label=_("Alt text or description"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Describe the image or video for people who cannot see it."))
    media_captioned = forms.BooleanField(
        label=_("The video has captions (or no speech)"), required=False,
        help_text=_("Deaf viewers need captions: burnt into the video or uploaded with it."))
    youtube_video = forms.CharField(
        label=_("YouTube video (link or ID)"), required=False, max_length=200,
        help_text=_("Only for YouTube: the video already on the channel whose description "
                    "this post becomes."))
    accounts = forms.MultipleChoiceField(label=_("Publish to"),
                                         widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, accounts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.account_list = list(accounts)
        if not any(a.platform == "youtube" for a in self.account_list):
            del self.fields["youtube_video"]  # asked only where a YouTube account can be chosen
        self.fields["accounts"].choices = [
            (str(a.pk), f"{a.get_platform_display()} · {a.handle}") for a in self.account_list]
        for account in self.account_list:
            self.fields[f"text_{account.pk}"] = forms.CharField(
                label=_("Own text for %(account)s") % {
                    "account": f"{account.get_platform_display()} · {account.handle}"},
                required=False, max_length=20000, widget=forms.Textarea(attrs={"rows": 3}))

    def target_fields(self):
        return [self[f"text_{a.pk}"] for a in self.account_list]

    def clean(self):
        data = super().clean()
        if data.get("media_type") and not data.get("media_url"):
            self.add_error("media_url", _("Give the address of the image or video."))
        return data

    def to_input(self) -> PostInput:
        data = self.cleaned_data
        ids = [int(pk) for pk in data["accounts"]]
        return PostInput(
            title=data["title"], text=data["text"], link=data.get("link") or "",
            media_type=data.get("media_type") or "", media_url=data.get("media_url") or "",
            media_alt_text=data.get("media_alt_text") or "", account_ids=ids,
            media_captioned=bool(data.get("media_captioned")),
            youtube_video=data.get("youtube_video") or "",
            target_texts={pk: data.get(f"text_{pk}") or "" for pk in ids})

    @classmethod
    def initial_for(cls, post) -> dict:
        initial = {"title": post.title, "text": post.text, "link": post.link,
                   "media_type": post.media_type, "media_url": post.media_url,
                   "media_alt_text": post.media_alt_text,
                   "media_captioned": post.media_captioned,
                   "youtube_video": post.youtube_video_id,
                   "accounts": [str(t.account_id) for t in post.targets.all()]}
        initial |= {f"text_{t.account_id}": t.text for t in post.targets.all()}
        return initial


class JustificationForm(forms.Form):
    justification = forms.CharField(
        label=_("Why this post should go out despite the warnings"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class LocalDateTimeField(forms.DateTimeField):
    """A browser datetime-local input. It carries no zone; Django's DateTimeField reads it
    in the current time zone (TIME_ZONE, Malaysia time) and returns an aware datetime."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class ScheduleForm(forms.Form):
    when = LocalDateTimeField(label=_("Publish at (Malaysia time)"))


def _lines(value: str) -> list[str]:
    return sorted({line.strip() for line in value.splitlines() if line.strip()})


class SopForm(forms.Form):
    drafter_roles = forms.MultipleChoiceField(label=_("Who may draft posts"),
                                              choices=ROLE_CHOICES,
                                              widget=forms.CheckboxSelectMultiple)
    approver_roles = forms.MultipleChoiceField(label=_("Who may approve posts"),
                                               choices=ROLE_CHOICES,
                                               widget=forms.CheckboxSelectMultiple)
    approvals_required = forms.IntegerField(label=_("Approvals needed before a post goes out"),
                                            min_value=1, max_value=3)
    platforms = forms.MultipleChoiceField(
        label=_("Platforms the organisation uses"), choices=PLATFORM_CHOICES, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("None ticked: any platform."))
    language_policy = forms.ChoiceField(label=_("Language policy"),
                                        choices=LanguagePolicy.choices)
    posting_start = forms.TimeField(label=_("Posting hours start"),
                                    widget=forms.TimeInput(attrs={"type": "time"},
                                                           format="%H:%M"))
    posting_end = forms.TimeField(label=_("Posting hours end"),
                                  widget=forms.TimeInput(attrs={"type": "time"},
                                                         format="%H:%M"))
    first_response_hours = forms.IntegerField(label=_("First reply to citizens within (hours)"),
                                              min_value=1, max_value=720)
    urgent_response_minutes = forms.IntegerField(
        label=_("First reply to urgent messages within (minutes)"), min_value=5,
        max_value=1440)
    resolution_working_days = forms.IntegerField(
        label=_("Complaints resolved within (working days)"), min_value=1, max_value=60)
    crisis_officers = forms.MultipleChoiceField(
        label=_("Crisis officers (may approve alone in crisis mode)"), required=False,
        widget=forms.CheckboxSelectMultiple)
    crisis_contact_note = forms.CharField(
        label=_("Crisis contacts (roles and official lines, not personal numbers)"),
        required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    packs_off = forms.MultipleChoiceField(label=_("Rule packs switched off"), required=False,
                                          widget=forms.CheckboxSelectMultiple)
    rules_off = forms.MultipleChoiceField(label=_("Single rules switched off"), required=False,
                                          widget=forms.CheckboxSelectMultiple)
    own_terms_block = forms.CharField(
        label=_("Own terms that block a post (one a line)"), required=False, max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}))
    own_terms_warn = forms.CharField(
        label=_("Own terms that need a second look (one a line)"), required=False,
        max_length=20000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["crisis_officers"].choices = [(str(u.pk), u.get_username()) for u in members]
        # The law pack is not the organisation's to switch off.
        self.fields["packs_off"].choices = [(p, p) for p in pack_names() if p != "law"]
        self.fields["rules_off"].choices = [
            (r.id, f"{r.id} ({r.severity})") for r in shipped_rules() if r.layer != "law"]

    @classmethod
    def initial_for(cls, sop) -> dict:
        initial = {name: getattr(sop, name) for name in SOP_FIELDS}
        initial["own_terms_block"] = "\n".join(sop.own_terms_block)
        initial["own_terms_warn"] = "\n".join(sop.own_terms_warn)
        initial["crisis_officers"] = [str(pk) for pk in sop.crisis_officers.values_list(
            "pk", flat=True)] if sop.pk else []
        return initial

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("crisis_officers")
        data["own_terms_block"] = _lines(data["own_terms_block"])
        data["own_terms_warn"] = _lines(data["own_terms_warn"])
        return data

    def clean(self):
        data = super().clean()
        start, end = data.get("posting_start"), data.get("posting_end")
        if start and end and start >= end:
            self.add_error("posting_end", _("Posting hours must start before they end."))
        return data


class CrisisForm(forms.Form):
    name = forms.CharField(label=_("Name of the crisis"), required=False, max_length=200)


class CredentialForm(forms.Form):
    mode = forms.ChoiceField(label=_("How Rasmi publishes to this account"),
                             choices=CredentialMode.choices)
    token = forms.CharField(
        label=_("Access token"), required=False, max_length=4000,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("Stored encrypted. Leave empty to keep the current token."))
    expires_at = LocalDateTimeField(label=_("Token expires at"), required=False)
