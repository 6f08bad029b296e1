"""A line of the timeline (journal/templatetags/nightjar_timeline.py, through
templates/journal/_event_item.html and _partner_item.html): what it says, its red flag, its link."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from tests.factories import EventFactory, PartnerLinkFactory, PartnerReportFactory


def test_an_event_line_says_when_what_where_and_how_it_affected_sleep(user):
    event = EventFactory(
        owner=user,
        kind="cramp",
        body_parts=["left_leg", "right_foot"],
        intensity=4,
        woke_me=True,
    )
    with timezone.override(user.tz):
        line = render_to_string("journal/_event_item.html", {"event": event, "clock": "12"})
    when = timezone.localtime(event.occurred_at, user.tz)
    shown = f"{when.hour % 12 or 12}:{when.minute:02d} {'PM' if when.hour > 11 else 'AM'}"
    assert line.count("<li") == 1 and 'class="event-item"' in line
    assert f'<span class="entry-time">{shown}</span>' in line
    assert '<span class="event-parts">· Left leg, Right foot</span>' in line
    assert "Woke me" in line and "Kept me awake" not in line
    assert "Intensity 4/5" in line
    assert f'href="{reverse("event_edit", args=[event.pk])}"' in line
    assert f'aria-label="Edit cramp (painful tightening) at {shown}"' in line
    assert "Seek medical attention" not in line


def test_a_red_flag_event_line_says_to_seek_medical_attention(user):
    event = EventFactory(owner=user, kind="jerking_episode", injury=True, tongue_bitten=True)
    line = render_to_string("journal/_event_item.html", {"event": event, "clock": "24"})
    assert 'class="event-item red-flag px-2"' in line
    assert "Seek medical attention: Injured during an event; Tongue bitten.</p>" in line


def test_a_partner_line_names_who_added_it_and_escapes_what_they_typed(user):
    link = PartnerLinkFactory(owner=user)
    report = PartnerReportFactory(
        owner=user,
        partner_link=link,
        observer="Sam <b>",
        observations=["breathing_pauses"],
        duration_seconds=40,
    )
    line = render_to_string("journal/_partner_item.html", {"report": report, "clock": "24"})
    assert 'class="partner-item red-flag px-2"' in line
    assert "<strong>Partner saw:</strong> Pauses in breathing" in line
    assert '<span class="muted">Added by Sam &lt;b&gt;</span>' in line
    assert '<span class="muted">About 40 s</span>' in line
    assert "Seek medical attention: A partner saw pauses in breathing.</p>" in line
    assert f'href="{reverse("partner_edit", args=[report.pk])}"' in line


def test_a_partner_line_without_a_link_says_who_saw_it(user):
    report = PartnerReportFactory(owner=user, observer="Al & Jo")
    line = render_to_string("journal/_partner_item.html", {"report": report, "clock": "24"})
    assert '<span class="muted">Seen by Al &amp; Jo</span>' in line
    assert "Added by" not in line and "red-flag" not in line
