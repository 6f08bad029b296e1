"""Account forms: sign up, sign in by email, the password pages, settings and deleting an account.

Every form carries a crispy-forms FormHelper so the templates render `{% crispy form %}` and the
buttons are the same large, labelled buttons everywhere.
"""

from functools import partial

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout, Submit
from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.validators import MaxLengthValidator

from journal.forms.fields import notes_widget, plain_number_formfield
from journal.models import note_text, single_line_text

from . import time_zones
from .models import User

BIG_BUTTON = "btn-lg w-100"


class TimeZoneField(forms.ChoiceField):
    """A zone from accounts/time_zones.py's list; an old or alias name is taken and kept as the
    zone it stands for. `choose=True` starts on an empty "Choose…" option (sign-up: with no
    JavaScript to read the phone's zone, the person picks it rather than getting UTC unasked)."""

    def __init__(self, *, choose=False, extra=None, **kwargs):
        kwargs.setdefault("label", "Time zone")
        kwargs.setdefault("help_text", "Nights are counted from noon to noon in this time zone.")
        self.choose = choose
        super().__init__(choices=partial(self.zone_choices, extra), **kwargs)
        self.error_messages["invalid_choice"] = (
            "Choose a time zone from the list, for example Europe/London."
        )
        self.error_messages["required"] = "Choose your time zone from the list."

    def zone_choices(self, extra=None):
        blank = [("", "Choose your time zone…")] if self.choose else []
        return blank + time_zones.choices(extra)

    def to_python(self, value):
        value = super().to_python(value)
        return time_zones.canonical(value) or value

    def valid_value(self, value):
        return time_zones.canonical(value) == value


class DangerSubmit(Submit):
    field_classes = "btn btn-danger"


def helper_with_button(label, *fields, button=Submit):
    helper = FormHelper()
    if fields:
        helper.layout = Layout(*fields)
    helper.add_input(button("submit", label, css_class=BIG_BUTTON))
    return helper


class SignUpForm(forms.Form):
    """Sign-up's first step: only the email, which gets a link (accounts/signup_mail.py)."""

    email = forms.EmailField(
        label="Email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper_with_button("Email me a link")

    def clean_email(self):
        return User.objects.normalize_email(self.cleaned_data["email"]).strip().lower()


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


USUAL_NIGHT_LABELS = {
    "usual_lights_out": "Usual lights-out",
    "usual_minutes_to_fall_asleep": "Usual minutes to fall asleep",
    "usual_wake": "Usual wake time",
}
USUAL_NIGHT_WIDGETS = {
    "usual_lights_out": TimeInput(),
    "usual_wake": TimeInput(),
    "usual_minutes_to_fall_asleep": forms.NumberInput(
        attrs={"min": 0, "max": 720, "inputmode": "numeric"}
    ),
}
USUAL_NIGHT_NOTE = HTML(
    '<p class="muted">Used to place events in the night when you have not filled in the '
    "morning check-in.</p>"
)


class SetUpAccountForm(auth_forms.BaseUserCreationForm):
    """Sign-up's second step, opened from the emailed link: the password, the time zone and the
    usual night (its defaults filled in), on one screen. The email comes from the link."""

    password1, password2 = auth_forms.SetPasswordMixin.create_password_fields(
        label1="Password", label2="Password again"
    )
    time_zone = TimeZoneField(choose=True)

    class Meta:
        model = User
        fields = ["time_zone", "usual_lights_out", "usual_minutes_to_fall_asleep", "usual_wake"]
        labels = USUAL_NIGHT_LABELS
        help_texts = {
            "usual_minutes_to_fall_asleep": "Used for nights without a morning check-in.",
        }
        widgets = USUAL_NIGHT_WIDGETS

    def __init__(self, *args, email, **kwargs):
        # The email is known before the password is checked against it (too similar?).
        kwargs["instance"] = User(email=email)
        super().__init__(*args, **kwargs)
        self.fields["password2"].help_text = "Type the same password again, to be sure."
        self.fields["password1"].widget.attrs["autofocus"] = True
        self.initial["time_zone"] = ""  # not the model's UTC: nobody should get it unasked
        # timezone.js puts the phone's own zone here; without JavaScript the person picks one.
        self.fields["time_zone"].widget.attrs["data-browser-time-zone"] = "fill"
        self.helper = helper_with_button(
            "Create account",
            "password1",
            "password2",
            "time_zone",
            Fieldset(
                "Your usual night",
                USUAL_NIGHT_NOTE,
                Field("usual_lights_out"),
                Field("usual_minutes_to_fall_asleep"),
                Field("usual_wake"),
            ),
        )


class EmailAuthenticationForm(auth_forms.AuthenticationForm):
    """Sign in by email; the email is matched without regard to case (User.objects)."""

    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": (
            "That email and password don't match an account. Check both and try again."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email"
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "email", "autofocus": True}
        )
        self.fields["password"].label = "Password"
        self.helper = helper_with_button("Sign in")


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["new_password1"].label = "New password"
        self.fields["new_password2"].label = "New password again"
        self.helper = helper_with_button("Change password")


class PasswordResetForm(auth_forms.PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email"
        self.helper = helper_with_button("Send me a reset link")


class SetPasswordForm(auth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password2"].label = "New password again"
        self.helper = helper_with_button("Save new password")


# A few questions for one appointment, one a line: room for a page of them on the report.
MAX_DOCTOR_QUESTIONS_LENGTH = 2000


class SettingsForm(forms.ModelForm):
    time_zone = TimeZoneField()

    class Meta:
        model = User
        formfield_callback = plain_number_formfield
        fields = [
            "time_zone",
            "usual_lights_out",
            "usual_minutes_to_fall_asleep",
            "usual_wake",
            "temperature_unit",
            "clock",
            "theme",
            "report_name",
            "doctor_questions",
        ]
        labels = {
            **USUAL_NIGHT_LABELS,
            "temperature_unit": "Temperature unit",
            "clock": "Clock",
            "theme": "Theme",
            "report_name": "Name on report",
            "doctor_questions": "Questions for my doctor",
        }
        help_texts = {
            "usual_minutes_to_fall_asleep": "Used for nights without a morning check-in.",
        }
        widgets = {
            **USUAL_NIGHT_WIDGETS,
            "temperature_unit": forms.RadioSelect,
            "clock": forms.RadioSelect,
            "theme": forms.RadioSelect,
            "doctor_questions": notes_widget(rows=4),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An old alias (US/Eastern) shows as the zone it stands for; a real zone that is not
        # listed (Etc/GMT+5) is offered too, so that saving other settings never changes it.
        current = time_zones.canonical(self.instance.time_zone)
        if current:
            self.initial["time_zone"] = current
            self.fields["time_zone"] = TimeZoneField(extra=current)
        # On the settings page timezone.js only offers the phone's zone; it never changes it alone.
        self.fields["time_zone"].widget.attrs["data-browser-time-zone"] = "suggest"
        # The report's texts are bounded like the journal's (issue 8): the name at its column's
        # max_length (the model field's own check), no control characters; the questions at
        # MAX_DOCTOR_QUESTIONS_LENGTH, keeping the tab and line breaks a note may hold.
        self.fields["report_name"].validators.append(single_line_text)
        questions = self.fields["doctor_questions"]
        questions.max_length = MAX_DOCTOR_QUESTIONS_LENGTH
        questions.widget.attrs["maxlength"] = str(MAX_DOCTOR_QUESTIONS_LENGTH)
        questions.validators += [MaxLengthValidator(MAX_DOCTOR_QUESTIONS_LENGTH), note_text]
        self.helper = helper_with_button(
            "Save settings",
            Fieldset("Where you are", "time_zone"),
            Fieldset(
                "Your usual night",
                USUAL_NIGHT_NOTE,
                Field("usual_lights_out"),
                Field("usual_minutes_to_fall_asleep"),
                Field("usual_wake"),
            ),
            Fieldset("How things look", "temperature_unit", "clock", "theme"),
            Fieldset("For the doctor's report", "report_name", "doctor_questions"),
        )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.helper = helper_with_button(
            "Delete my account",
            Div("password"),
            button=DangerSubmit,
        )

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password. Nothing has been deleted.")
        return password
