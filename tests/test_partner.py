"""Partner reports: new (with a client id against double submission), edit, delete."""

import uuid
from datetime import date

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from journal.models import PartnerReport
from tests.factories import PartnerReportFactory, local
from tests.pages import field_value, find, find_all, visible_text

# Friday 20 November 2026 in London, weeks after the night of 2 October.
pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 09:30", tz="Europe/London")]


def report_data(**overrides):
    data = {
        "id": str(uuid.uuid4()),
        "observed_at": "2026-10-03T03:20",
        "observations": ["kicking_punching", "talking_shouting"],
        "body_parts": ["left_leg", "right_arm"],
        "observer": "Jo",
        "duration_seconds": "90",
        "notes": "Shouted something about a dog",
    }
    data.update(overrides)
    return data


def saved_report(owner, **fields):
    """A report of twitching seen at 03:20 in the night of 2 October."""
    return PartnerReportFactory(owner=owner, night=date(2026, 10, 2), clock="03:20", **fields)


def test_it_saves_a_partner_report_on_its_night(signed_in, user):
    data = report_data()
    response = signed_in.post(reverse("partner_new"), data)

    assert response.status_code == 302
    assert response.url == reverse("night", args=["2026-10-02"])
    report = PartnerReport.objects.for_user(user).get()
    assert str(report.pk) == data["id"]
    assert report.observed_at == local("Europe/London", 2026, 10, 3, 3, 20)
    assert report.night_of == date(2026, 10, 2)
    assert report.observations == ["kicking_punching", "talking_shouting"]
    assert report.body_parts == ["left_leg", "right_arm"]
    assert report.duration_seconds == 90

    night = signed_in.get(response.url)
    assertContains(night, "Kicking or punching, Talking or shouting")
    assertContains(night, "Seen by Jo")


def test_a_double_submission_saves_one_report(signed_in, user):
    data = report_data()
    signed_in.post(reverse("partner_new"), data)
    again = signed_in.post(reverse("partner_new"), data)

    assert again.status_code == 302
    assert PartnerReport.objects.count() == 1


def test_the_form_offers_chips_and_prefills_about_2am_of_the_night(signed_in, user):
    page = signed_in.get(reverse("partner_new"), {"night": "2026-10-02"})

    assert field_value(page, "observed_at") == "2026-10-03T02:00"
    chips = find(page, "fieldset", class_="chips", id="div_id_observations")
    assert "Acting out a dream" in chips.text
    find(page, "input", type="checkbox", name="observations", value="acting_out_dream")
    assert len(find_all(page, "input", type="hidden", name="id")) == 1


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"observations": []}, "observations", "Tick at least one thing they saw."),
        ({"observed_at": "2099-01-01T03:00"}, "observed_at", "This is in the future."),
        ({"observed_at": ""}, "observed_at", "This field is required."),
        ({"duration_seconds": "90000"}, "duration_seconds", "between 0 seconds and 24 hours"),
        ({"observations": ["sleepwalking"]}, "observations", "Select a valid choice."),
    ],
)
def test_it_rejects_bad_reports_and_saves_nothing(signed_in, overrides, field, message):
    response = signed_in.post(reverse("partner_new"), report_data(**overrides))

    assert message in response.context["form"].errors[field][0]
    assertContains(response, message)
    assert PartnerReport.objects.count() == 0


def test_it_edits_a_report(signed_in, user):
    report = saved_report(user)
    data = report_data(observations=["acting_out_dream"], observed_at="2026-10-03T05:10")
    del data["id"]

    response = signed_in.post(reverse("partner_edit", args=[report.pk]), data)

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.observations == ["acting_out_dream"]
    assert report.observed_at == local("Europe/London", 2026, 10, 3, 5, 10)
    assert PartnerReport.objects.count() == 1


def test_an_edit_cannot_change_the_id(signed_in, user):
    report = saved_report(user)
    signed_in.post(reverse("partner_edit", args=[report.pk]), report_data())
    assert list(PartnerReport.objects.values_list("pk", flat=True)) == [report.pk]


def test_a_bad_edit_saves_nothing(signed_in, user):
    report = saved_report(user, notes="as it was")
    response = signed_in.post(
        reverse("partner_edit", args=[report.pk]), report_data(observations=[], notes="changed")
    )
    assertContains(response, "Tick at least one thing they saw.")
    report.refresh_from_db()
    assert report.notes == "as it was"


def test_it_deletes_a_report_after_confirming(signed_in, user):
    report = saved_report(user)
    confirm = signed_in.get(reverse("partner_delete", args=[report.pk]))
    assertContains(confirm, "Delete this partner report?")

    response = signed_in.post(reverse("partner_delete", args=[report.pk]))

    assert response.status_code == 302
    assert response.url == reverse("night", args=["2026-10-02"])
    assert PartnerReport.objects.count() == 0


def test_another_users_report_is_404(signed_in, other_user):
    theirs = saved_report(other_user, notes="theirs")
    for name in ("partner_edit", "partner_delete"):
        assert signed_in.get(reverse(name, args=[theirs.pk])).status_code == 404
        assert signed_in.post(reverse(name, args=[theirs.pk]), report_data()).status_code == 404
    theirs.refresh_from_db()
    assert theirs.notes == "theirs"


def test_reusing_another_users_id_does_not_touch_their_report(signed_in, user, other_user):
    theirs = saved_report(other_user, notes="theirs")
    response = signed_in.post(reverse("partner_new"), report_data(id=str(theirs.pk)))
    # As for events (journal.access.insert_once): a 404, not a form error that confirms the id.
    assert response.status_code == 404
    assert PartnerReport.objects.count() == 1
    theirs.refresh_from_db()
    assert theirs.owner == other_user
    assert theirs.notes == "theirs"


def test_partner_pages_need_sign_in(client, user):
    report = saved_report(user)
    for url in (
        reverse("partner_new"),
        reverse("partner_edit", args=[report.pk]),
        reverse("partner_delete", args=[report.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    client.post(reverse("partner_new"), report_data())
    assert PartnerReport.objects.count() == 1


def test_the_night_says_when_a_partner_saw_something_needing_attention(signed_in, user):
    alarming = saved_report(user, observations=["breathing_pauses", "twitching"])
    saved_report(user, observations=["talking_shouting"])

    page = visible_text(signed_in.get(reverse("night", args=[alarming.night_of.isoformat()])))

    assert page.count("Seek medical attention:") == 1
    assert "Seek medical attention: A partner saw pauses in breathing." in page
