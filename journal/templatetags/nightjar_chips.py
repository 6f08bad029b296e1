"""Chips (templates/journal/_chips.html): each choice of a radio or checkbox list as its input and
its label, written in one pass. The log page has 30 chips; drawn one template loop turn each,
they were a third of its time (issue 10)."""

from django import template
from django.utils.html import format_html_join

register = template.Library()


@register.filter
def chip_options(field):
    """`<div class="chip"><input …><label for="…">Choice</label></div>` for each choice."""
    return format_html_join(
        "\n",
        '<div class="chip">\n{}<label for="{}">{}</label>\n</div>',
        ((option.tag(), option.id_for_label, option.choice_label) for option in field),
    )
