"""config.form_renderer writes Django's plainest widget templates in Python: the markup must be
the same as the templates give, for every kind of input the forms use."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from config.form_renderer import FormRenderer
from journal.forms.events import EventForm, LogEventForm
from journal.forms.nights import NightForm
from tests.factories import EventFactory, NightFactory, UserFactory

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ODD_TEXT = 'He said "5 < 6" & left'


class EveryInput(forms.Form):
    text = forms.CharField(
        initial=ODD_TEXT,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "inputmode": "numeric",
                "hidden": True,
                "disabled": False,
                "data-note": mark_safe("<b>kept</b>"),
                "data-pair": (1, 2),
                "maxlength": 40,
            }
        ),
    )
    empty_text = forms.CharField(required=False)
    number = forms.IntegerField(initial=7, min_value=0, max_value=9)
    decimal = forms.DecimalField(initial="1.5", required=False)
    email = forms.EmailField(required=False)
    password = forms.CharField(widget=forms.PasswordInput, initial="secret")
    hidden = forms.CharField(widget=forms.HiddenInput, initial="x&y")
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    moment = forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), required=False
    )
    ticked = forms.BooleanField(initial=True, required=False)
    unticked = forms.BooleanField(required=False)
    radio = forms.ChoiceField(
        choices=[("a", "A & B"), ("b", "<b>")], initial="b", widget=forms.RadioSelect
    )
    several = forms.MultipleChoiceField(
        choices=[("1", "One"), ("2", "Two"), ("3", "Three")],
        initial=["1", "3"],
        widget=forms.CheckboxSelectMultiple,
    )
    choice = forms.ChoiceField(choices=[("x", "X"), ("y", "Y")], initial="y")
    notes = forms.CharField(widget=forms.Textarea, initial=ODD_TEXT)
    empty_notes = forms.CharField(widget=forms.Textarea, required=False)


def rendered(form, renderer):
    form.renderer = renderer
    markup = [str(field) for field in form]
    markup += [option.tag() for field in form for option in field.subwidgets]
    # A new log form gets a fresh client-made id each time.
    return [UUID.sub("{uuid}", html) for html in markup]


def assert_same_markup(make_form):
    django_markup = rendered(make_form(), DjangoTemplates())
    assert rendered(make_form(), FormRenderer()) == django_markup


def test_it_renders_every_kind_of_input_as_django_does():
    assert_same_markup(EveryInput)
    assert_same_markup(lambda: EveryInput(data={"text": "", "number": "x", "several": ["2"]}))


def test_it_leaves_a_wrapped_label_to_django():
    def wrapped(renderer):
        form = EveryInput()
        form.renderer = renderer
        return [option.tag(wrap_label=True) for option in form["radio"]]

    assert wrapped(FormRenderer()) == wrapped(DjangoTemplates())
    assert wrapped(FormRenderer())[0].startswith('<label for="id_radio_0"><input')


@pytest.mark.django_db
def test_it_renders_the_journal_forms_as_django_does():
    owner = UserFactory()
    event = EventFactory(owner=owner, notes=ODD_TEXT)
    diary = NightFactory(owner=owner)
    assert_same_markup(lambda: LogEventForm(owner=owner))
    assert_same_markup(lambda: EventForm(instance=event, owner=owner))
    assert_same_markup(lambda: NightForm(instance=diary))
    assert_same_markup(lambda: LogEventForm(data={"kind": "nonsense"}, owner=owner))
