"""The body figure on the weekly review (journal/charts.body_figure): shading by count."""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from journal.models import BODY_PARTS
from journal.review.charts import BODY_FIGURE_LABEL, body_figure, body_figure_chart, shading_step
from tests.pages import find, find_all


def body_figure_svg(chart_id, counts):
    return render_to_string(
        "journal/_chart_body.html", {"chart": body_figure_chart(chart_id, counts)}
    )


def steps(counts):
    return {shape.part: shape.step for shape in body_figure(counts)}


def test_it_draws_every_body_part_once_in_model_order():
    shapes = body_figure({})
    assert sorted(shape.part for shape in shapes) == sorted(part for part, _ in BODY_PARTS)
    assert {shape.label for shape in shapes} == {label for _, label in BODY_PARTS}


def test_it_shades_the_busiest_part_darkest_and_others_in_proportion():
    result = steps({"left_hand": 8, "right_leg": 6, "face": 4, "trunk": 2, "jaw": 1})
    assert result["left_hand"] == 4
    assert result["right_leg"] == 3
    assert result["face"] == 2
    assert result["trunk"] == 1
    # One event is still visible beside eight: never rounded down to unshaded.
    assert result["jaw"] == 1


def test_it_leaves_parts_without_events_unshaded():
    shapes = {shape.part: shape for shape in body_figure({"left_foot": 3, "neck": 0})}
    for part in ("neck", "right_foot", "eyes", "whole_body"):
        assert shapes[part].step == 0
        assert shapes[part].count == 0
        assert shapes[part].opacity == 0
    assert shapes["left_foot"].step == 4
    svg = body_figure_svg("fig", {"left_foot": 3, "neck": 0})
    assert "Left foot 3</text>" in svg
    # No count printed for a part that had none: only "Right", "Left" and the left foot's.
    assert svg.count("<text") == 3


def test_it_ignores_names_that_are_not_body_parts():
    result = steps({"tail": 50, "left_arm": 2, "right_arm": 1})
    assert "tail" not in result
    # The unknown part's 50 does not scale the real ones down.
    assert result["left_arm"] == 4
    assert result["right_arm"] == 2


def test_it_shades_nothing_for_no_events():
    assert set(steps({}).values()) == {0}
    assert set(steps({"face": 0, "unknown": 3}).values()) == {0}


def test_shading_step_boundaries():
    assert shading_step(0, 10) == 0
    assert shading_step(1, 10) == 1
    assert shading_step(3, 12) == 1
    assert shading_step(4, 12) == 2
    assert shading_step(9, 12) == 3
    assert shading_step(10, 12) == 4
    assert shading_step(12, 12) == 4


def test_whole_body_is_lighter_than_a_part_at_the_same_step():
    shapes = {shape.part: shape for shape in body_figure({"whole_body": 2, "trunk": 2})}
    assert shapes["whole_body"].step == shapes["trunk"].step == 4
    assert shapes["trunk"].opacity == 1
    assert shapes["whole_body"].opacity == 0.35


def test_the_persons_left_is_drawn_on_the_right_as_seen():
    svg = str(body_figure_svg("fig", {"left_hand": 1, "right_hand": 1}))
    assert 'role="img"' in svg
    assert ">Right</text>" in svg
    assert ">Left</text>" in svg
    left = re.search(r'<text class="body-label" x="([\d.]+)"[^>]*>Left hand 1<', svg)
    right = re.search(r'<text class="body-label" x="([\d.]+)"[^>]*>Right hand 1<', svg)
    assert float(left.group(1)) > 160 > float(right.group(1))


def test_it_escapes_nothing_it_should_not():
    svg = str(body_figure_svg("fig", {"<script>": 3, "face": 1}))
    assert "<script>" not in svg
    assert "Face 1" in svg


@pytest.mark.django_db
@pytest.mark.now("2026-11-20 09:30", tz="Europe/London")
def test_patterns_shows_the_figure_beside_the_ranked_list(signed_in, journal_this_week):
    response = signed_in.get(reverse("patterns"))
    figure = find(response, "svg", **{"aria-label": BODY_FIGURE_LABEL})
    assert "Left leg 2" in figure.text
    find(response, "path", class_="body-part body-part-left-leg step-4")
    assert find_all(response, "path", class_="body-part-right-leg step-0")
    # The ranked list stays as the text equivalent.
    assertContains(response, "Body parts, most often first")


@pytest.mark.django_db
@pytest.mark.now("2026-11-20 09:30", tz="Europe/London")
def test_patterns_shows_no_figure_when_no_body_part_was_recorded(signed_in, user):
    response = signed_in.get(reverse("patterns"))
    assertNotContains(response, "body-figure")
    assertContains(response, "No body parts recorded in this period.")
