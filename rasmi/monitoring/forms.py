"""Forms of the monitoring pages. They only shape input; the rules are in services.py.
Forms shown together on the crisis room page carry prefixes so their ids never clash."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rasmi.core.triage.model import TOPICS
from rasmi.monitoring import holding
from rasmi.monitoring.models import LANGUAGE_CHOICES, ClaimStatus, CrisisKind

TEXTAREA = {"rows": 3}


def lines(value: str) -> list[str]:
    return [line for line in (value or "").splitlines() if line.strip()]


def topic_choices(extra=()) -> list[tuple[str, str]]:
    """The triage model's topics (what inbox messages are labelled with), and any other
    topic already in use (a detector's own)."""
    return [(t, t) for t in sorted(set(TOPICS) | set(extra))]


class WatchListForm(forms.Form):
    terms_ms = forms.CharField(label=_("Terms in Bahasa Melayu"), required=False,
                               widget=forms.Textarea(attrs={"rows": 5}),
                               help_text=_("One a line, for example banjir or air naik."))
    terms_en = forms.CharField(label=_("Terms in English"), required=False,
                               widget=forms.Textarea(attrs={"rows": 5}),
                               help_text=_("One a line, for example flood."))
    topics = forms.MultipleChoiceField(label=_("Topics"), required=False,
                                       widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, extra_topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = topic_choices(extra_topics)


class ContactForm(forms.Form):
    user = forms.ChoiceField(label=_("Member of staff"))
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=LANGUAGE_CHOICES)
    email = forms.EmailField(label=_("E-mail address"), required=False,
                             help_text=_("Leave empty to use the address in their account."))

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, prefix="contact", **kwargs)
        self.fields["user"].choices = [(str(u.pk), u.get_username()) for u in members]


class StartCrisisForm(forms.Form):
    name = forms.CharField(label=_("Name of the crisis"), max_length=200,
                           help_text=_("For example: Banjir Kelantan, Disember 2026."))
    kind = forms.ChoiceField(label=_("Kind"), choices=CrisisKind.choices)
    organisations = forms.MultipleChoiceField(
        label=_("Other organisations in this crisis"), required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Coordinators may run one crisis for several organisations."))
    topics = forms.MultipleChoiceField(label=_("Crisis topics"), required=False,
                                       widget=forms.CheckboxSelectMultiple,
                                       help_text=_("Inbox messages on these topics go to the "
                                                   "crisis team."))
    terms = forms.CharField(label=_("Crisis terms"), required=False,
                            widget=forms.Textarea(attrs=TEXTAREA),
                            help_text=_("One a line. Messages containing them go to the "
                                        "crisis team too."))
    team = forms.ChoiceField(label=_("Crisis team"), required=False)

    def __init__(self, *args, others=(), teams=(), extra_topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        if others:
            self.fields["organisations"].choices = [(o.code, o.name) for o in others]
        else:
            del self.fields["organisations"]
        self.fields["topics"].choices = topic_choices(extra_topics)
        self.fields["team"].choices = [("", _("No crisis team"))] + [
            (str(t.pk), t.name) for t in teams]


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), max_length=4000,
                           widget=forms.Textarea(attrs=TEXTAREA))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="note", **kwargs)


class EndCrisisForm(forms.Form):
    note = forms.CharField(label=_("Closing note"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="end", **kwargs)


class PinForm(forms.Form):
    question_ms = forms.CharField(label=_("Question in Bahasa Melayu"), max_length=300)
    answer_ms = forms.CharField(label=_("Answer in Bahasa Melayu"),
                                widget=forms.Textarea(attrs=TEXTAREA))
    question_en = forms.CharField(label=_("Question in English"), max_length=300,
                                  required=False)
    answer_en = forms.CharField(label=_("Answer in English"), required=False,
                                widget=forms.Textarea(attrs=TEXTAREA))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="pin", **kwargs)


class ClaimForm(forms.Form):
    text = forms.CharField(label=_("What the claim says"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="claim", **kwargs)


class MarkClaimForm(forms.Form):
    status = forms.ChoiceField(label=_("The claim is"), widget=forms.RadioSelect,
                               choices=[(v, label) for v, label in ClaimStatus.choices
                                        if v != ClaimStatus.OPEN])
    clarification_ms = forms.CharField(label=_("Clarification in Bahasa Melayu"),
                                       required=False, widget=forms.Textarea(attrs=TEXTAREA),
                                       help_text=_("Needed when the claim is false: it "
                                                   "becomes a canned reply and a draft "
                                                   "post."))
    clarification_en = forms.CharField(label=_("Clarification in English"), required=False,
                                       widget=forms.Textarea(attrs=TEXTAREA))

    def __init__(self, *args, claim=None, **kwargs):
        super().__init__(*args, prefix=f"mark-{claim.pk}" if claim else "mark", **kwargs)


LANGUAGE_OPTIONS = [("both", _("Bahasa Melayu, then English")), ("ms", _("Bahasa Melayu")),
                    ("en", _("English"))]


class HoldingStatementForm(forms.Form):
    """The chosen template's placeholders, the language, the organisation speaking and
    its accounts."""

    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_OPTIONS,
                                 widget=forms.RadioSelect, initial="both")
    organisation = forms.ChoiceField(label=_("Organisation speaking"))
    accounts = forms.MultipleChoiceField(label=_("Accounts"), widget=forms.CheckboxSelectMultiple,
                                         help_text=_("X and Threads get the short version."))

    def __init__(self, *args, template, organisations, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.template = template
        self.fields["organisation"].choices = [(o.code, o.name) for o in organisations]
        if len(organisations) < 2:
            self.fields["organisation"].widget = forms.HiddenInput()
        self.fields["accounts"].choices = [
            (str(a.pk), f"{a.get_platform_display()} {a.handle}") for a in accounts]
        for name in template.placeholders:
            label, help_text = holding.PLACEHOLDERS[name]
            self.fields[f"value_{name}"] = forms.CharField(
                label=label, help_text=help_text, max_length=holding.MAX_VALUE)

    def values(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(f"value_{name}", "")
                for name in self.template.placeholders}

    def placeholder_fields(self):
        return [self[f"value_{name}"] for name in self.template.placeholders]
