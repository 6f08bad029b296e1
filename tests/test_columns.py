"""One list of columns per kind of entry (data/columns.py): export, import, report, forms."""

from datetime import date

from journal.data import columns
from journal.data.export import NIGHTS, TABLES
from journal.data.importer import identify
from journal.forms.checkin import CheckinForm
from journal.forms.events import EventForm
from journal.forms.nights import NightForm
from journal.forms.partner import PartnerReportForm
from journal.models import Event, Night, PartnerReport, StageSegment, SymptomCheckin
from journal.review.report import appendix_events
from journal.rules.vocabulary import SIGNS

from .factories import local

ENTRY_COLUMNS = {
    Event: columns.EVENT_COLUMNS,
    Night: columns.NIGHT_COLUMNS,
    PartnerReport: columns.PARTNER_REPORT_COLUMNS,
    SymptomCheckin: columns.SYMPTOM_CHECKIN_COLUMNS,
    StageSegment: columns.STAGE_SEGMENT_COLUMNS,
}


def test_every_column_is_a_field_of_its_model_and_every_field_a_person_sets_is_a_column():
    for model, names in ENTRY_COLUMNS.items():
        set_by_person = {
            field.name
            for field in model._meta.concrete_fields
            if field.editable and field.name not in ("created_at", "updated_at")
        }
        # A stage segment's identity is its whole row (§8), so it has no id column.
        expected = set_by_person | {"id"}
        if model is StageSegment:
            expected.remove("id")
        assert set(names) == expected, model
        assert len(set(names)) == len(names)


def test_the_export_writes_and_the_import_recognises_the_same_columns():
    assert {table.model: table.columns for table in TABLES} == ENTRY_COLUMNS
    for table in TABLES:
        assert identify("renamed.csv", list(reversed(table.columns))) is table
    assert NIGHTS.columns[:2] == ("id", "night_of")


def test_the_checkin_columns_are_its_signs_in_the_vocabularys_order():
    assert ("id", "date", *SIGNS.keys, "notes") == columns.SYMPTOM_CHECKIN_COLUMNS


def asked(form):
    """The form's fields less the hidden ones that say which entry and which version it is, and
    the box that confirms an old date (tests/test_old_dates.py)."""
    return [name for name in form.fields if name not in ("id", "version", "date_confirmed")]


def test_each_form_edits_its_entrys_columns_less_the_ones_it_does_not_ask(user):
    assert asked(NightForm()) == list(columns.DIARY_ITEMS)
    assert ("id", "night_of", *columns.DIARY_ITEMS) == columns.NIGHT_COLUMNS
    assert asked(EventForm(owner=user)) == columns.without(columns.EVENT_COLUMNS, "id")
    partner_form = PartnerReportForm()
    assert asked(partner_form) == columns.without(columns.PARTNER_REPORT_COLUMNS, "id")
    assert asked(CheckinForm()) == columns.without(columns.SYMPTOM_CHECKIN_COLUMNS, "id")


def test_the_report_appendix_loads_every_event_column_in_its_one_query(
    user, django_assert_num_queries
):
    tz = user.time_zone
    Event.objects.create(owner=user, occurred_at=local(tz, 2025, 10, 12, 2, 14), kind="cramp")
    night = date(2025, 10, 11)
    with django_assert_num_queries(1):
        (event,) = appendix_events(user, night, night, {}, {})
        loaded = {name: getattr(event, name) for name in columns.EVENT_COLUMNS}
    assert loaded["kind"] == "cramp"
    assert not event.get_deferred_fields() & set(columns.EVENT_COLUMNS)


def test_without_keeps_the_order_and_leaves_out_the_named_columns():
    assert columns.without(("id", "a", "b", "c"), "id", "b") == ["a", "c"]
