"""Account forms: sign up, sign in by email, the password pages, settings and deleting an account.

Every form carries a crispy-forms FormHelper so the templates render `{% crispy form %}` and the
buttons are the same large, labelled buttons everywhere.
"""

from itertools import groupby

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout, Submit
from django import forms
from django.contrib.auth import forms as auth_forms

from journal.forms.fields import plain_number_formfield

from .models import User, known_time_zones

BIG_BUTTON = "btn-lg w-100"


def time_zone_choices():
    """Every zone Python knows, grouped by region ("Europe", "America", …) for a shorter scroll."""
    zones = sorted(known_time_zones())

    def region(zone):
        return zone.split("/", 1)[0] if "/" in zone else "Other"

    return [(name, [(zone, zone) for zone in group]) for name, group in groupby(zones, region)]


class TimeZoneField(forms.ChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Time zone")
        kwargs.setdefault("help_text", "Nights are counted from noon to noon in this time zone.")
        super().__init__(choices=time_zone_choices, **kwargs)
        self.error_messages["invalid_choice"] = (
            "Choose a time zone from the list, for example Europe/London."
        )


class DangerSubmit(Submit):
    field_classes = "btn btn-danger"


def helper_with_button(label, *fields, button=Submit):
    helper = FormHelper()
    if fields:
        helper.layout = Layout(*fields)
    helper.add_input(button("submit", label, css_class=BIG_BUTTON))
    return helper


class SignUpForm(auth_forms.BaseUserCreationForm):
    password1, password2 = auth_forms.SetPasswordMixin.create_password_fields(
        label1="Password", label2="Password again"
    )
    time_zone = TimeZoneField(initial="UTC")

    class Meta:
        model = User
        fields = ["email", "time_zone"]
        labels = {"email": "Email"}
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password2"].help_text = "Type the same password again, to be sure."
        if not self.is_bound:
            # timezone.js puts the phone's own zone here; without JavaScript it stays UTC.
            self.fields["time_zone"].widget.attrs["data-browser-time-zone"] = "fill"
        self.helper = helper_with_button(
            "Create account", "email", "password1", "password2", "time_zone"
        )

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "There is already an account with this email. Sign in, or reset your password."
            )
        return email


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


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


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
            "usual_lights_out": "Usual lights-out",
            "usual_minutes_to_fall_asleep": "Usual minutes to fall asleep",
            "usual_wake": "Usual wake time",
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
            "usual_lights_out": TimeInput(),
            "usual_wake": TimeInput(),
            "usual_minutes_to_fall_asleep": forms.NumberInput(
                attrs={"min": 0, "max": 720, "inputmode": "numeric"}
            ),
            "temperature_unit": forms.RadioSelect,
            "clock": forms.RadioSelect,
            "theme": forms.RadioSelect,
            "doctor_questions": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # On the settings page timezone.js only offers the phone's zone; it never changes it alone.
        self.fields["time_zone"].widget.attrs["data-browser-time-zone"] = "suggest"
        self.helper = helper_with_button(
            "Save settings",
            Fieldset("Where you are", "time_zone"),
            Fieldset(
                "Your usual night",
                HTML(
                    '<p class="muted">Used to place events in the night when you have not '
                    "filled in the morning check-in.</p>"
                ),
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
