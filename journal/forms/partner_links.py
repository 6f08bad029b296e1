"""Creating a partner's own link: their name, and for how long it works."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms

from journal.forms.report import CHIPS
from journal.partner_links import MAX_ACTIVE_LINKS, active_links

LASTS = (("", "Until I revoke it"), ("7", "1 week"), ("30", "1 month"), ("90", "3 months"))


class PartnerLinkForm(forms.Form):
    label = forms.CharField(
        label="Their name",
        max_length=60,
        help_text="For example “Sam”. Their entries show as “added by Sam”.",
        error_messages={"required": "Write their name, so you can tell their entries apart."},
    )
    lasts = forms.TypedChoiceField(
        label="The link works",
        choices=LASTS,
        coerce=int,
        empty_value=None,
        required=False,
        initial="",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.layout = Layout(
            "label",
            Field("lasts", template=CHIPS),
            Submit("create", "Create partner link", css_class="btn-primary btn-lg w-100"),
        )

    def clean(self):
        cleaned = super().clean()
        if active_links(self.owner).count() >= MAX_ACTIVE_LINKS:
            raise forms.ValidationError(
                f"You have {MAX_ACTIVE_LINKS} partner links already. Revoke one you no longer "
                "need first."
            )
        return cleaned
