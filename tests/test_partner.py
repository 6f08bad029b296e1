"""Partner reports: new (with a client id against double submission), edit, delete."""

import uuid
from datetime import date

import pytest
from django.urls import reverse

from journal.models import PartnerReport
from tests.conftest import local

pytestmark = pytest.mark.django_db


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
    fields.setdefault("observed_at", local("Europe/London", 2026, 10, 3, 3, 20))
    fields.setdefault("observations", ["twitching"])
    return PartnerReport.objects.create(owner=owner, **fields)


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

    night = signed_in.get(response.url).content.decode()
    assert "Kicking or punching, Talking or shouting" in night
    assert "Seen by Jo" in night


def test_a_double_submission_saves_one_report(signed_in, user):
    data = report_data()
    signed_in.post(reverse("partner_new"), data)
    again = signed_in.post(reverse("partner_new"), data)

    assert again.status_code == 302
    assert PartnerReport.objects.count() == 1


def test_the_form_offers_chips_and_prefills_about_2am_of_the_night(signed_in, user):
    page = signed_in.get(reverse("partner_new"), {"night": "2026-10-02"}).content.decode()

    assert 'value="2026-10-03T02:00"' in page
    assert 'type="checkbox" name="observations" value="acting_out_dream"' in page
    assert 'class="chips' in page
    assert 'type="hidden" name="id"' in page


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

    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert message in response.content.decode()
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
    assert response.status_code == 200
    assert "Tick at least one thing they saw." in response.content.decode()
    report.refresh_from_db()
    assert report.notes == "as it was"


def test_it_deletes_a_report_after_confirming(signed_in, user):
    report = saved_report(user)
    confirm = signed_in.get(reverse("partner_delete", args=[report.pk]))
    assert "Delete this partner report?" in confirm.content.decode()

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

    page = signed_in.get(reverse("night", args=[alarming.night_of.isoformat()])).content.decode()

    assert page.count("Seek medical attention:") == 1
    assert "Seek medical attention: A partner saw pauses in breathing." in page
