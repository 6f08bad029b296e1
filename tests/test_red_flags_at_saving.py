"""Red flags the moment an entry is saved from a form: the rule's guidance and source at once
(before the "saved" message), and a notice on the home page until its owner has seen it. The
import raises none."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from journal.models import Event, PartnerReport, RedFlagNotice
from tests.factories import EventFactory, PartnerReportFactory
from tests.pages import EXPORT_COLUMNS, find_all, form_as_sent, visible_text

# Friday 20 November 2026, 09:30 in London.
pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 09:30", tz="Europe/London")]


def flash(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def notices_on_home(client):
    return find_all(client.get(reverse("home")), "section", class_="red-flag-guidance")


def new_event(client, **changes):
    page = client.get(reverse("event_new"))
    data = form_as_sent(page, occurred_at="2026-11-20T03:10", kind="jerking_episode")
    data.update(changes)
    return client.post(reverse("event_new"), data)


def test_a_red_flag_from_the_full_form_shows_its_guidance_before_saved(signed_in, user):
    response = new_event(signed_in, duration_seconds="360", confused_after="True")

    said = flash(response)
    assert said[0].startswith("Seek medical attention — An episode lasted 5 minutes or more.")
    assert "call emergency services now" in said[0]
    assert "Source: CDC seizure first aid" in said[0]
    assert said[1].startswith("Seek medical attention — Confused afterwards.")
    assert said[-1] == "Saved the jerking episode for the night of Thu 19 Nov 2026."
    notice = RedFlagNotice.objects.for_user(user).get()
    assert notice.codes == ["long_episode", "confused_after"]


def test_an_entry_with_no_red_flag_raises_no_notice(signed_in, user):
    response = new_event(signed_in, kind="twitch", duration_seconds="3")

    assert flash(response) == ["Saved the twitch for the night of Thu 19 Nov 2026."]
    assert not RedFlagNotice.objects.exists()
    assert not notices_on_home(signed_in)


def test_the_home_page_keeps_the_notice_until_it_is_seen(signed_in, user):
    new_event(signed_in, injury="True")
    notice = RedFlagNotice.objects.for_user(user).get()

    home = signed_in.get(reverse("home"))
    assertContains(home, "Seek medical attention:")
    assertContains(home, "your jerking episode at 03:10, night of Thu 19 Nov")
    assertContains(home, "Injured during an event.")
    assertContains(home, "Source: CDC seizure first aid")
    assert len(notices_on_home(signed_in)) == 1
    assert len(notices_on_home(signed_in)) == 1  # still there on the next visit

    response = signed_in.post(reverse("red_flag_seen", args=[notice.pk]))

    assert response["Location"] == reverse("home")
    assert not notices_on_home(signed_in)
    # The entry keeps its red flag everywhere it is listed.
    assert Event.objects.for_user(user).get().red_flag_titles == ["Injured during an event"]


def test_an_edit_that_adds_a_new_reason_raises_the_notice_again(signed_in, user):
    event = EventFactory(owner=user, kind="cramp", clock="03:10", injury=True)
    edit_page = signed_in.get(reverse("event_edit", args=[event.pk]))
    signed_in.post(reverse("event_edit", args=[event.pk]), form_as_sent(edit_page))
    notice = RedFlagNotice.objects.for_user(user).get()
    signed_in.post(reverse("red_flag_seen", args=[notice.pk]))

    # Saved again with nothing new: it stays seen.
    signed_in.post(reverse("event_edit", args=[event.pk]), form_as_sent(edit_page))
    assert not notices_on_home(signed_in)

    # Opened again (the form it was saved from is now an older version of the event).
    edit_page = signed_in.get(reverse("event_edit", args=[event.pk]))
    response = signed_in.post(
        reverse("event_edit", args=[event.pk]), form_as_sent(edit_page, tongue_bitten="True")
    )
    assert flash(response)[0].startswith("Seek medical attention — Injured during an event.")
    assert len(notices_on_home(signed_in)) == 1
    assert RedFlagNotice.objects.for_user(user).get().codes == ["injury", "tongue_bitten"]


def test_an_edit_that_clears_the_flag_takes_the_notice_off_home(signed_in, user):
    new_event(signed_in, injury="True")
    event = Event.objects.for_user(user).get()
    edit_page = signed_in.get(reverse("event_edit", args=[event.pk]))

    signed_in.post(reverse("event_edit", args=[event.pk]), form_as_sent(edit_page, injury="False"))

    assert not notices_on_home(signed_in)


def test_undo_takes_the_notice_with_the_entry(signed_in, user):
    new_event(signed_in, injury="True")
    event = Event.objects.for_user(user).get()

    signed_in.post(reverse("event_undo", args=[event.pk]))

    assert not RedFlagNotice.objects.exists()


def test_a_partner_report_of_breathing_pauses_raises_the_notice(signed_in, user):
    page = signed_in.get(reverse("partner_new"))
    data = form_as_sent(page, observations=["breathing_pauses"], observed_at="2026-11-20T02:00")

    response = signed_in.post(reverse("partner_new"), data)

    assert flash(response)[0].startswith("Seek medical attention — A partner saw pauses in")
    assert flash(response)[-1] == "Partner report saved for the night of Thu 19 Nov 2026."
    home = visible_text(signed_in.get(reverse("home")))
    assert "Seek medical attention: a partner report at 02:00, night of Thu 19 Nov" in home
    assert RedFlagNotice.objects.for_user(user).get().partner_report == PartnerReport.objects.get()


def test_an_edited_partner_report_is_checked_too(signed_in, user):
    report = PartnerReportFactory(owner=user, clock="02:00")
    page = signed_in.get(reverse("partner_edit", args=[report.pk]))

    signed_in.post(
        reverse("partner_edit", args=[report.pk]), form_as_sent(page, observations=["unresponsive"])
    )

    assert RedFlagNotice.objects.for_user(user).get().codes == ["unresponsive"]


def test_imported_entries_raise_no_notice(signed_in, user):
    header = EXPORT_COLUMNS["events.csv"].replace(", ", ",")
    values = {"occurred_at": "2025-10-12T02:14:00+01:00", "kind": "cramp", "injury": "yes"}
    row = ",".join(
        values.get(column, "no" if column in ("woke_me", "kept_me_awake") else "")
        for column in header.split(",")
    )
    upload = SimpleUploadedFile("events.csv", f"{header}\n{row}\n".encode())

    signed_in.post(reverse("import"), {"file": upload})

    assert Event.objects.for_user(user).get().injury is True
    assert not RedFlagNotice.objects.exists()
    assertNotContains(signed_in.get(reverse("home")), "Seek medical attention:")


def test_someone_elses_notice_is_a_404(signed_in, other_user):
    theirs = RedFlagNotice.objects.create(
        owner=other_user, event=EventFactory(owner=other_user, injury=True), codes=["injury"]
    )

    assert signed_in.post(reverse("red_flag_seen", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.acknowledged_at is None


def test_seeing_a_notice_needs_a_post_and_an_account(client, signed_in, user):
    notice = RedFlagNotice.objects.create(
        owner=user, event=EventFactory(owner=user, injury=True), codes=["injury"]
    )

    assert signed_in.get(reverse("red_flag_seen", args=[notice.pk])).status_code == 405
    signed_in.logout()
    response = signed_in.post(reverse("red_flag_seen", args=[notice.pk]))
    assert response["Location"].startswith(reverse("login"))
    notice.refresh_from_db()
    assert notice.acknowledged_at is None


def test_home_queries_stay_few_with_many_notices(signed_in, user, django_assert_max_num_queries):
    for _ in range(20):
        event = EventFactory(owner=user, injury=True)
        RedFlagNotice.objects.create(owner=user, event=event, codes=["injury"])

    with django_assert_max_num_queries(11):
        response = signed_in.get(reverse("home"))

    assert len(find_all(response, "section", class_="red-flag-guidance")) == 20
