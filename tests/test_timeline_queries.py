"""journal/review/timeline.py: which nights the timeline shows, in what order, and at what cost."""

from datetime import date, timedelta

import pytest

from journal.review.timeline import logged_nights, night_detail, timeline_page
from tests.factories import EventFactory, NightFactory, PartnerReportFactory

pytestmark = pytest.mark.django_db


def october(day):
    return date(2026, 10, day)


def test_it_lists_nights_with_any_entry_newest_first_once_each(user):
    EventFactory(owner=user, night=october(2), clock="02:00")
    EventFactory(owner=user, night=october(2), clock="23:00")
    PartnerReportFactory(owner=user, night=october(5), clock="03:00")
    NightFactory(owner=user, night_of=october(4))

    assert logged_nights(user) == [october(5), october(4), october(2)]


def test_it_pages_by_night_before_a_key(user):
    for day in range(1, 21):
        EventFactory(owner=user, night=october(day), clock="23:00")

    first = timeline_page(user, per_page=8)
    assert [n.night_of.day for n in first.nights] == list(range(20, 12, -1))
    assert first.older_than == october(13)

    second = timeline_page(user, before=first.older_than, per_page=8)
    assert [n.night_of.day for n in second.nights] == list(range(12, 4, -1))

    last = timeline_page(user, before=second.older_than, per_page=8)
    assert [n.night_of.day for n in last.nights] == [4, 3, 2, 1]
    assert last.older_than is None


def test_a_busy_stretch_gets_fewer_nights_a_page_and_none_is_skipped(user):
    for day in range(1, 7):
        for minute in range(0, 50, 10 if day in (5, 6) else 25):
            # Nights 5 and 6: 5 events; the others: 2.
            EventFactory(owner=user, night=october(day), clock=f"23:{minute:02d}")

    pages, before = [], None
    while True:
        page = timeline_page(user, before=before, per_page=8, entries_per_page=6)
        pages.append([n.night_of.day for n in page.nights])
        if page.older_than is None:
            break
        before = page.older_than
    assert pages == [[6], [5], [4, 3, 2], [1]]


def test_one_night_with_more_entries_than_a_page_still_shows_whole(user):
    for minute in range(0, 50, 5):
        EventFactory(owner=user, night=october(2), clock=f"23:{minute:02d}")
    EventFactory(owner=user, night=october(1), clock="23:00")

    page = timeline_page(user, entries_per_page=4)
    assert [len(n.items) for n in page.nights] == [10]
    assert page.older_than == october(2)


def test_a_page_cut_by_partner_reports_reads_each_night_whole(user):
    # The page reads a page's worth of each kind (and one more): here the reports run out of
    # room before the events do, and every night shown still has all its entries.
    counts = {4: (1, 3), 3: (1, 1), 2: (2, 0), 1: (1, 0)}  # night: (events, reports)
    for day, (events, reports) in counts.items():
        for n in range(events):
            EventFactory(owner=user, night=october(day), clock=f"23:{n:02d}")
        for n in range(reports):
            PartnerReportFactory(owner=user, night=october(day), clock=f"02:{n:02d}")

    pages, before = [], None
    while True:
        page = timeline_page(user, before=before, entries_per_page=3)
        pages.append([(n.night_of.day, len(n.items)) for n in page.nights])
        if page.older_than is None:
            break
        before = page.older_than
    assert pages == [[(4, 4)], [(3, 2)], [(2, 2), (1, 1)]]


def test_it_hides_other_users_entries(user, other_user):
    EventFactory(owner=other_user, night=october(2), clock="02:00")
    NightFactory(owner=other_user, night_of=october(9))
    mine = EventFactory(owner=user, night=october(4), clock="02:00")

    assert logged_nights(user) == [october(4)]
    assert [item.entry for item in night_detail(user, october(2)).items] == []
    assert [item.entry for item in night_detail(user, october(4)).items] == [mine]


def test_it_merges_events_and_reports_in_time_order_with_windows(user):
    late = EventFactory(owner=user, night=october(2), clock="05:30")
    report_at_2 = PartnerReportFactory(owner=user, night=october(2), clock="02:00")
    evening = EventFactory(owner=user, night=october(2), clock="22:00")
    NightFactory(
        owner=user,
        night_of=october(2),
        tried_to_sleep="23:00",
        minutes_to_fall_asleep=10,
        final_wake="07:00",
    )

    summary = night_detail(user, october(2))

    assert [item.entry for item in summary.items] == [evening, report_at_2, late]
    assert [item.kind for item in summary.items] == ["event", "partner", "event"]
    assert [item.entry.window for item in summary.items] == ["evening", "middle", "late"]
    assert not any(item.entry.window_estimated for item in summary.items)
    assert summary.diary is not None


def test_it_marks_windows_estimated_without_a_diary(user):
    EventFactory(owner=user, night=october(2), clock="02:00")

    (item,) = night_detail(user, october(2)).items

    assert item.entry.window_estimated is True
    assert item.entry.window_label == "Middle of the night"


def test_the_page_costs_a_fixed_number_of_queries(user, django_assert_num_queries):
    start = date(2026, 8, 1)
    for offset in range(30):
        EventFactory(owner=user, night=start + timedelta(days=offset), clock="23:30")
    with django_assert_num_queries(5):
        timeline_page(user)


def test_a_newest_night_fuller_than_a_page_costs_two_queries_more(user, django_assert_num_queries):
    for minute in range(0, 50, 5):
        EventFactory(owner=user, night=october(2), clock=f"23:{minute:02d}")
    EventFactory(owner=user, night=october(1), clock="23:00")
    with django_assert_num_queries(7):
        page = timeline_page(user, entries_per_page=4)
    assert [len(n.items) for n in page.nights] == [10]


def test_it_finds_the_newest_nights_whichever_kind_of_entry_they_have(user):
    # Diaries on many older nights, events on a few, partner reports on the newest: the page's
    # nights come from all three, and none is missed when one kind has fewer nights than a page.
    for day in range(1, 21):
        NightFactory(owner=user, night_of=date(2026, 9, day))
    for day in (18, 22, 24):
        EventFactory(owner=user, night=date(2026, 9, day), clock="23:30")
    PartnerReportFactory(owner=user, night=date(2026, 9, 26), clock="02:00")

    assert logged_nights(user, limit=5) == [
        date(2026, 9, 26),
        date(2026, 9, 24),
        date(2026, 9, 22),
        date(2026, 9, 20),
        date(2026, 9, 19),
    ]
    assert logged_nights(user, before=date(2026, 9, 19), limit=3) == [
        date(2026, 9, 18),
        date(2026, 9, 17),
        date(2026, 9, 16),
    ]
