"""The import form: one file, recognised by its content. Nightjar's own export (the ZIP or one of
its CSV files), or recorded sleep stages: an Apple Health export, a Fitbit Takeout, a CSV."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms
from django.conf import settings
from django.urls import reverse

from journal.data.importer import MAX_UPLOAD_BYTES, megabytes, too_big
from journal.data.stages import StageFileError
from journal.data.stages.files import recognise


def stage_upload_limit() -> str:
    """The limit for stage files in the words people read (1 GB)."""
    size = settings.STAGE_UPLOAD_MAX_BYTES
    return f"{size / 1024**3:g} GB" if size >= 1024**3 else megabytes(size)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Your Nightjar export, or your sleep stages from a watch or ring",
        error_messages={
            "required": "Choose the file to import.",
            "empty": "This file is empty.",
        },
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".zip,.csv,.xml,application/zip,text/csv,text/xml,application/xml",
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            f"Nightjar's export: up to {megabytes(MAX_UPLOAD_BYTES)}. Apple Health, Fitbit or a "
            f"CSV of sleep stages: up to {stage_upload_limit()}."
        )
        # Which file of recorded stages it is (vocabulary.STAGE_FILE_FORMATS), once cleaned;
        # None for Nightjar's own export.
        self.stage_format = None
        self.helper = FormHelper()
        self.helper.form_action = reverse("import")
        self.helper.layout = Layout(
            Field("file", css_class="form-control-lg"),
            Submit("import", "Import", css_class="btn-lg w-100"),
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Refused before it is read, so a huge file never reaches a parser.
        if upload.size > settings.STAGE_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                f"This file is {upload.size / 1024**3:.1f} GB; the limit is {stage_upload_limit()}."
            )
        try:
            self.stage_format = recognise(upload.file)
        except StageFileError as problem:
            raise forms.ValidationError(str(problem)) from None
        if self.stage_format is None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(too_big(upload.size))
        return upload
