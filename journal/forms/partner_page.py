"""The partner's page: what they are seeing, for how long, and when (definitions §7 PartnerReport).

Saved into the owner's journal with the link's label as `observer`. The episode timer fills in
`started_at` (the report's time) and the duration; without it, "now" or a preset counts back
from the moment Save was tapped (`tapped_at`, sent by the page's script), as on the log page.
"""

import uuid
from datetime import timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout, Submit
from django import forms
from django.utils import timezone

from journal.forms.events import CHIPS, EARLIER_PRESETS
from journal.forms.fields import (
    ClientIdField,
    PlainIntegerField,
    ShowsHiddenErrors,
    TapTimeField,
    notes_widget,
)
from journal.models import PartnerReport
from journal.rules import bounds
from journal.rules.vocabulary import BODY_PARTS, OBSERVATIONS

MAX_NOTES = bounds.MAX_NOTES_LENGTH


class PartnerPageForm(ShowsHiddenErrors, forms.ModelForm):
    id = ClientIdField(required=False, initial=uuid.uuid4)
    tapped_at = TapTimeField()
    started_at = TapTimeField()
    observations = forms.MultipleChoiceField(
        label="What are you seeing?",
        choices=OBSERVATIONS.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Tick at least one thing you are seeing."},
    )
    body_parts = forms.MultipleChoiceField(
        label="Which parts of the body? (if you can tell)",
        choices=BODY_PARTS.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    earlier = forms.ChoiceField(
        label="When did it start?",
        choices=EARLIER_PRESETS,
        initial="0",
        required=False,
        widget=forms.RadioSelect,
        help_text="The timer above sets this for you.",
    )
    duration_seconds = PlainIntegerField(
        label="How long, in seconds (if you know)",
        required=False,
        min_value=0,
        max_value=86400,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text="The timer fills this in when you tap Stop.",
    )
    notes = forms.CharField(
        label="Anything else (optional)",
        required=False,
        max_length=MAX_NOTES,
        widget=notes_widget(rows=2),
    )

    class Meta:
        model = PartnerReport
        fields = ["observations", "body_parts", "duration_seconds", "notes"]

    def __init__(self, *args, link, device, **kwargs):
        kwargs["instance"] = PartnerReport(
            owner=link.owner, observer=link.label, partner_link=link, added_by_device=device
        )
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_class = "partner-form"
        # Saved through the phone's queue by static/js/offline.js (docs/offline.md).
        self.helper.attrs = {
            "novalidate": "",
            "data-offline-save": "partner",
            "data-summary-fields": "observations body_parts",
        }
        self.helper.layout = Layout(
            "id",
            "tapped_at",
            "started_at",
            HTML('{% include "journal/_episode_timer.html" %}'),
            Field("observations", template=CHIPS),
            Div(
                Submit("save", "Save what I saw", css_class="btn-huge"),
                css_class="partner-save",
            ),
            Field("body_parts", template=CHIPS),
            Field("earlier", template=CHIPS),
            "duration_seconds",
            "notes",
        )

    def clean(self):
        cleaned = super().clean()
        # The timer's start is when it happened; else count back from the tap (or now).
        started = cleaned.get("started_at")
        if started is None:
            tapped = cleaned.get("tapped_at") or timezone.now()
            started = tapped - timedelta(minutes=int(cleaned.get("earlier") or 0))
        self.instance.observed_at = started
        return cleaned
