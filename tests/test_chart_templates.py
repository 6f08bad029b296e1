"""Charts (journal/review/charts.py) are geometry in Python and SVG drawn by templates."""

from django.template.loader import render_to_string

from journal.review.charts import Row, bar_list, columns


def draw(chart):
    return render_to_string(chart.template, {"chart": chart})


def test_bars_are_scaled_to_the_largest_value_with_a_sliver_for_small_ones():
    chart = bar_list("c", "Kinds", [Row("Cramp", 8), Row("Twitch", 0.01), Row("Spasm", 0)])
    lengths = [row.bars[0].length for row in chart.rows]
    assert lengths == [272.0, 2, 0]
    assert [row.bars[0].value for row in chart.rows] == ["8", "0.0", "0"]
    assert chart.height == 3 * 36


def test_a_compared_bar_list_has_a_key_and_two_bars_a_row():
    chart = bar_list(
        "c", "Windows", [Row("Early", 2, 4)], value_header="This week", compare_header="Before"
    )
    assert chart.legend == ("This week", "Before")
    assert [bar.css for bar in chart.rows[0].bars] == ["bar", "bar-compare"]
    assert chart.table.headers == ("Windows", "This week", "Before")
    svg = draw(chart)
    assert ">This week</text>" in svg
    assert svg.count('class="bar-compare"') == 2  # the key and the bar


def test_columns_stand_on_the_axis_and_empty_ones_draw_only_their_tick():
    chart = columns("c", "Hours", [Row("18:00", 4, tick="18"), Row("19:00", 0, tick="")])
    full, empty = chart.columns
    assert full.bar.top + full.bar.tall == chart.baseline
    assert empty.bar is None and empty.tick == ""
    svg = draw(chart)
    assert svg.count("<rect") == 1
    assert ">18</text>" in svg


def test_text_in_a_chart_is_escaped():
    svg = draw(bar_list("c", "<i>Title</i>", [Row("<script>x</script>", 1)]))
    assert "<script>" not in svg
    assert "&lt;script&gt;x&lt;/script&gt;" in svg
    assert "&lt;i&gt;Title&lt;/i&gt;" in svg
