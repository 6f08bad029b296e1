"""Each event's recorded stage beside its estimated window, wherever the event is shown (issue 11):
the timeline, the night page with its hypnogram, the saved page after logging, the report's
appendix; and nothing of another person's stages."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import (
    EventFactory,
    NightFactory,
    PartnerReportFactory,
    StageSegmentFactory,
    local,
)
from tests.pages import find, find_all, visible_text

pytestmark = pytest.mark.now("2026-10-05 09:30", tz="Europe/London")

NIGHT = date(2026, 10, 1)


@pytest.fixture
def recorded_night(user):
    """A watch's night with a diary, a twitch in REM, one at lights out (no stage), a partner
    report in deep sleep; the phone's time in bed is kept but not used."""
    NightFactory(
        owner=user,
        night_of=NIGHT,
        tried_to_sleep="23:00",
        minutes_to_fall_asleep=10,
        final_wake="07:00",
    )
    for start, end, stage in [
        ("23:10", "00:40", "light"),
        ("00:40", "01:40", "deep"),
        ("01:40", "02:20", "rem"),
        ("02:20", "02:25", "awake"),
        ("02:25", "06:55", "light"),
    ]:
        StageSegmentFactory(owner=user, night=NIGHT, from_clock=start, to_clock=end, stage=stage)
    StageSegmentFactory(
        owner=user,
        night=NIGHT,
        from_clock="22:30",
        to_clock="07:10",
        stage="in_bed",
        source="iPhone",
    )
    EventFactory(owner=user, night=NIGHT, clock="02:05", kind="twitch", woke_me=True)
    EventFactory(owner=user, night=NIGHT, clock="23:02", kind="cramp")
    PartnerReportFactory(owner=user, night=NIGHT, clock="01:00", observations=["kicking_punching"])
    return NIGHT


def test_the_timeline_shows_each_entrys_recorded_stage_and_source(signed_in, recorded_night):
    text = visible_text(signed_in.get(reverse("nights")))
    assert "Recorded: REM (Apple Watch)" in text
    assert "Recorded: Deep (Apple Watch)" in text  # the partner report at 01:00
    assert "Recorded: no stage at this time (Apple Watch)" in text  # 23:02, before the first


def test_the_night_page_draws_the_hypnogram_and_labels_the_events(signed_in, recorded_night):
    response = signed_in.get(reverse("night", args=[NIGHT.isoformat()]))
    text = visible_text(response)
    assert "Recorded by Apple Watch: Awake 5 min, Light 6 h, Deep 1 h, REM 40 min." in text
    assert "Also recorded by iPhone, not used this night." in text
    figure = find(response, "figure", class_="hypnogram")
    svg = find(response, "svg", role="img")
    assert svg.attrs["aria-labelledby"] == "hypnogram-title hypnogram-desc"
    assert len(find_all(response, "rect", class_="hyp-band")) == 5
    assert "Twitch at 02:05: REM; window middle of the night" in figure.text
    assert "Partner saw something at 01:00: Deep" in figure.text
    assert "Recorded: REM (Apple Watch)" in text


def test_the_hypnogram_has_no_inline_styles_or_scripts(signed_in, recorded_night):
    response = signed_in.get(reverse("night", args=[NIGHT.isoformat()]))
    markup = response.content.decode()
    svg = markup[markup.index('<figure class="hypnogram"') : markup.index("</figure>")]
    assert "style=" not in svg
    assert "<script" not in svg
    assert " on" not in svg.replace(" one", "")


def test_a_night_without_stages_has_no_hypnogram(signed_in, user):
    EventFactory(owner=user, night=NIGHT, clock="02:05")
    response = signed_in.get(reverse("night", args=[NIGHT.isoformat()]))
    assertNotContains(response, "hypnogram")
    assertNotContains(response, "Recorded:")


def test_the_saved_page_after_logging_shows_the_recorded_stage(signed_in, user, clock):
    clock.move_to(local("Europe/London", 2026, 10, 2, 2, 10))
    StageSegmentFactory(owner=user, night=NIGHT, from_clock="01:40", to_clock="02:09", stage="rem")
    StageSegmentFactory(
        owner=user, night=NIGHT, from_clock="02:09", to_clock="02:10", stage="awake"
    )
    clock.shift(timedelta(minutes=1))
    event = EventFactory(owner=user, occurred_at=local("Europe/London", 2026, 10, 2, 2, 9, 30))
    response = signed_in.get(reverse("log_saved", args=[event.pk]))
    assertContains(response, "Recorded:")
    assert "Recorded: Awake (Apple Watch)" in visible_text(response)


def test_the_report_appendix_shows_the_recorded_stage_beside_the_window(signed_in, recorded_night):
    response = signed_in.get(reverse("report") + "?from=2026-10-01&to=2026-10-01")
    (row,) = [row for row in find_all(response, "tr") if row.text.startswith("Fri 2 Oct 02:05")]
    assert "Middle of the night Recorded: REM (Apple Watch)" in row.text
    assert "Recorded = the sleep stage the person’s watch, ring or sleep app recorded" in (
        visible_text(response)
    )


def test_another_persons_stages_never_label_my_events(signed_in, user, other_user):
    EventFactory(owner=user, night=NIGHT, clock="02:05")
    StageSegmentFactory(owner=other_user, night=NIGHT, from_clock="01:00", to_clock="03:00")
    for url in (reverse("nights"), reverse("night", args=[NIGHT.isoformat()])):
        assertNotContains(signed_in.get(url), "Recorded")


def test_the_night_page_queries_stay_few(signed_in, recorded_night, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        signed_in.get(reverse("night", args=[NIGHT.isoformat()]))
