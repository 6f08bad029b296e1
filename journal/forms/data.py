"""The import form: one file, the ZIP from the export or one of its CSV files."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms
from django.urls import reverse

from journal.data.importer import MAX_UPLOAD_BYTES, megabytes, too_big


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Your Nightjar export (ZIP) or one of its CSV files",
        help_text=f"Up to {megabytes(MAX_UPLOAD_BYTES)}.",
        error_messages={
            "required": "Choose the file to import.",
            "empty": "This file is empty.",
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,.csv,application/zip,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = reverse("import")
        self.helper.layout = Layout(
            Field("file", css_class="form-control-lg"),
            Submit("import", "Import", css_class="btn-lg w-100"),
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Refused before it is read, so a huge file never reaches the parser.
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(too_big(upload.size))
        return upload
