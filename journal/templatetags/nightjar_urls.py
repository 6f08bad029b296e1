"""`{% fixed_url 'name' %}`: `{% url 'name' %}` for a route without arguments, reversed once per
URLconf and script prefix.

Every page's header, navigation and scripts name about a dozen such routes; a `reverse` each was
about a millisecond of every page (issue 10, docs/benchmark.md). The answer cannot change while
the URLconf and the script prefix stay the same, and both are part of the key.
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()


@lru_cache(maxsize=256)
def _reversed(name: str, urlconf, prefix: str) -> str:
    return reverse(name, urlconf=urlconf)


@register.simple_tag
def fixed_url(name: str) -> str:
    """reverse(name), escaped as `{% url %}` writes it (simple tags escape their answer)."""
    return _reversed(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
