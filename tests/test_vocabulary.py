"""Each vocabulary is defined once (rules/vocabulary.py); everything else derives from it."""

import dataclasses
from datetime import date
from zoneinfo import ZoneInfo

from django.db.models import Q

from journal.data.export import DESCRIPTIONS, EVENTS, PARTNER_REPORTS, SYMPTOM_CHECKINS
from journal.forms.checkin import CheckinForm
from journal.forms.events import EventForm, LogEventForm, kind_word
from journal.forms.partner import PartnerReportForm
from journal.models import Event, PartnerReport, SymptomCheckin
from journal.review import night_grid
from journal.review.summary import PeriodInputs, summarize
from journal.rules.nights import UsualSchedule
from journal.rules.sleep_metrics import MeanMetrics, NightMetrics
from journal.rules.vocabulary import (
    BODY_PARTS,
    EVENT_KINDS,
    METRICS,
    OBSERVATIONS,
    SIGNS,
    WINDOWS,
    Term,
    Vocabulary,
)

NIGHT = date(2026, 3, 2)


def test_the_event_kind_field_and_its_constraint_take_every_kind_in_order():
    field = Event._meta.get_field("kind")
    assert list(field.choices) == list(EVENT_KINDS.choices)
    assert [member.value for member in Event.Kind] == list(EVENT_KINDS.keys)
    (constraint,) = [c for c in Event._meta.constraints if c.name == "event_kind_known"]
    assert constraint.condition == Q(kind__in=list(EVENT_KINDS.keys))


def test_the_kind_names_its_long_label_on_the_full_form_and_one_word_on_the_log_form(user):
    assert Event.Kind.JERKING_EPISODE.label == "Jerking episode (repeated, lasting a while)"
    assert list(EventForm(owner=user).fields["kind"].choices) == list(EVENT_KINDS.choices)
    assert list(LogEventForm(owner=user).fields["kind"].choices) == [
        (kind.key, kind.short) for kind in EVENT_KINDS
    ]
    assert kind_word("restless_urge") == "restless urge"
    assert kind_word("other") == "event"


def test_every_kind_has_its_own_letter_on_the_night_grid():
    assert {kind.key: kind.letter for kind in EVENT_KINDS} == night_grid.KIND_MARKS
    assert len(set(night_grid.KIND_MARKS.values())) == len(EVENT_KINDS)


def test_forms_offer_the_body_parts_and_observations_of_the_vocabulary(user):
    assert list(EventForm(owner=user).fields["body_parts"].choices) == list(BODY_PARTS.choices)
    partner = PartnerReportForm()
    assert list(partner.fields["body_parts"].choices) == list(BODY_PARTS.choices)
    assert list(partner.fields["observations"].choices) == list(OBSERVATIONS.choices)


def test_the_checkin_has_one_yes_no_field_per_sign_labelled_by_the_vocabulary():
    fields = {field.name: field for field in SymptomCheckin._meta.get_fields()}
    for sign in SIGNS:
        assert fields[sign.key].verbose_name == sign.in_sentence
    form = CheckinForm()
    assert [form.fields[sign.key].label for sign in SIGNS] == [sign.label for sign in SIGNS]
    assert SIGNS["neck_pulling"].in_sentence == "a pulling feeling in the neck"


def test_the_models_label_entries_from_the_vocabulary():
    checkin = SymptomCheckin(foot_cramps=True, dragging_leg=True)
    assert checkin.signs_present == ["Foot cramps", "Dragging a leg"]
    report = PartnerReport(observations=["unresponsive", "gone"], body_parts=["left_foot"])
    assert report.observation_labels == ["Could not be woken / unresponsive", "gone"]
    assert report.body_part_labels == ["Left foot"]


def test_the_export_describes_every_kind_observation_and_sign():
    assert DESCRIPTIONS[EVENTS]["kind"].endswith(", ".join(EVENT_KINDS.keys))
    assert DESCRIPTIONS[PARTNER_REPORTS]["observations"].endswith(", ".join(OBSERVATIONS.keys))
    assert DESCRIPTIONS[SYMPTOM_CHECKINS]["neck_pulling"] == (
        "A pulling feeling in the neck: yes or no"
    )


def test_a_summary_counts_every_kind_and_window_in_the_vocabularys_order():
    summary = summarize(PeriodInputs(NIGHT, NIGHT, ZoneInfo("Europe/London"), UsualSchedule()))
    assert list(summary.events_by_kind) == list(EVENT_KINDS.keys)
    assert list(summary.events_by_window) == list(WINDOWS.keys)
    assert list(summary.partner_by_window) == list(WINDOWS.keys)


def test_the_sleep_figures_follow_the_metric_vocabulary():
    means = MeanMetrics(tib=480.0, tst=420.0, se=87.5, sol=15.0, waso=20.0, nights=1)
    assert means.as_json() == {
        "mean_tib_min": 480.0,
        "mean_tst_min": 420.0,
        "mean_se_pct": 87.5,
        "mean_sol_min": 15.0,
        "mean_waso_min": 20.0,
    }
    assert [metric.abbreviation for metric in METRICS] == ["TIB", "TST", "SE", "SOL", "WASO"]
    assert [field.name for field in dataclasses.fields(NightMetrics)] == list(METRICS.keys)


def test_a_vocabulary_finds_terms_by_key_and_leaves_unknown_keys_as_they_are():
    colours = Vocabulary(Term("dark", "Dark"), Term("light", "Light"))
    assert colours.keys == ("dark", "light")
    assert colours.choices == (("dark", "Dark"), ("light", "Light"))
    assert colours["light"].label == "Light"
    assert colours.label("light") == "Light"
    assert colours.label("sepia") == "sepia"
    assert "dark" in colours and "sepia" not in colours
    assert colours.labels() == {"dark": "Dark", "light": "Light"}
    assert len(colours) == 2 and list(colours)[0] == Term("dark", "Dark")
