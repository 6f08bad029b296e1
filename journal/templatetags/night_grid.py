"""`{% night_svg night %}`: one row of the report's night grid as SVG (review/night_grid_svg.py)."""

from django import template

from journal.review.night_grid_svg import row_svg

register = template.Library()


@register.simple_tag(takes_context=True)
def night_svg(context, night):
    """The row's drawing, on the grid's axis; the PDF (`for_pdf`) leaves out the tooltips."""
    return row_svg(
        night,
        width=context["grid_width"],
        height=context["grid_stage_height"],
        hour_ticks=context["hour_ticks"],
        titles=not context.get("for_pdf"),
    )
