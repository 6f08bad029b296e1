"""Recorded stages by source, and deleting every segment of one source after a confirm step."""

from datetime import timedelta

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from journal.models import StageSegment
from tests.factories import local

pytestmark = pytest.mark.now("2026-11-20 09:30", tz="Europe/London")


def segments(owner, source, nights, per_night=3):
    for night in range(nights):
        start = local("Europe/London", 2026, 10, 1 + night, 23, 0)
        for index in range(per_night):
            StageSegment.objects.create(
                owner=owner,
                start=start + timedelta(minutes=30 * index),
                end=start + timedelta(minutes=30 * index + 30),
                stage="light",
                source=source,
            )


def delete_url(source):
    return reverse("stage_source_delete") + f"?source={source}"


def test_each_source_is_listed_with_its_segments_and_nights(signed_in, user):
    segments(user, "Apple Watch", nights=2)
    segments(user, "Fitbit", nights=1, per_night=2)
    page = signed_in.get(reverse("stage_sources"))
    assertContains(page, "6 segments on 2 nights, nights of 1 Oct 2026 to 2 Oct 2026.")
    assertContains(page, "2 segments on 1 night, the night of 1 Oct 2026.")
    assertContains(page, "Delete everything from Fitbit")


def test_deleting_a_source_asks_first_with_a_count(signed_in, user):
    segments(user, "Apple Watch", nights=2)
    page = signed_in.get(delete_url("Apple Watch"))
    assertContains(page, "Delete every sleep stage recorded by Apple Watch?")
    assertContains(page, "Delete 6 segments")
    assert StageSegment.objects.for_user(user).count() == 6


def test_deleting_a_source_deletes_only_its_segments(signed_in, user, other_user):
    segments(user, "Apple Watch", nights=2)
    segments(user, "Fitbit", nights=1)
    segments(other_user, "Apple Watch", nights=1)
    response = signed_in.post(delete_url("Apple Watch"))
    assertRedirects(response, reverse("stage_sources"), fetch_redirect_response=False)
    assert set(StageSegment.objects.for_user(user).values_list("source", flat=True)) == {"Fitbit"}
    assert StageSegment.objects.for_user(other_user).count() == 3
    assertContains(signed_in.get(reverse("stage_sources")), "Deleted 6 recorded stage segments")


def test_another_persons_source_is_not_found(signed_in, other_user):
    segments(other_user, "Their Ring", nights=1)
    assert signed_in.get(delete_url("Their Ring")).status_code == 404
    assert signed_in.post(delete_url("Their Ring")).status_code == 404
    assert StageSegment.objects.for_user(other_user).count() == 3


def test_an_unknown_source_is_not_found(signed_in, user):
    assert signed_in.get(delete_url("Nothing")).status_code == 404
    assert signed_in.get(reverse("stage_source_delete")).status_code == 404


def test_anonymous_people_are_sent_to_sign_in(client, db):
    for url in (reverse("stage_sources"), delete_url("Apple Watch")):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_no_sources_yet(signed_in):
    page = signed_in.get(reverse("stage_sources"))
    assertContains(page, "No recorded stages yet.")
    assertNotContains(page, "Delete everything")
