"""The form renderer: Django's own, with its plainest widget templates written out in Python.

Every <input> of a form goes through Django's widget templates (input.html and attrs.html, one
template include and a loop per input; a radio or checkbox option three includes deep). On the
log page's two dozen chips that was half of the page's time (docs/benchmark.md, issue 10). These
functions give the same markup, character for character, as the templates they replace
(tests/test_form_renderer.py compares them on every kind of input the forms use); any other
template, and an option that wraps its label, is rendered by Django as before.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData


def _text(value) -> str:
    """`{{ value|stringformat:'s' }}` in an autoescaped template."""
    if isinstance(value, SafeData):
        return str(value)
    if isinstance(value, tuple):
        value = str(value)
    return conditional_escape(f"{value}")


def _attrs(attrs) -> str:
    """django/forms/widgets/attrs.html."""
    shown = []
    for name, value in attrs.items():
        if value is True:
            shown.append(f" {conditional_escape(name)}")
        elif value is not False:
            shown.append(f' {conditional_escape(name)}="{_text(value)}"')
    return "".join(shown)


def _input(widget) -> str:
    """django/forms/widgets/input.html."""
    value = widget["value"]
    shown = f' value="{_text(value)}"' if value is not None else ""
    return (
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'
    )


def _option(widget) -> str | None:
    """django/forms/widgets/input_option.html without a wrapped label (None: let Django do it)."""
    if widget.get("wrap_label"):
        return None
    return _input(widget)


def _textarea(widget) -> str:
    """django/forms/widgets/textarea.html."""
    value = widget["value"]
    shown = conditional_escape(value) if value else ""
    return (
        f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{shown}</textarea>"
    )


IN_PYTHON = {
    "django/forms/widgets/input.html": _input,
    "django/forms/widgets/text.html": _input,
    "django/forms/widgets/number.html": _input,
    "django/forms/widgets/email.html": _input,
    "django/forms/widgets/url.html": _input,
    "django/forms/widgets/password.html": _input,
    "django/forms/widgets/hidden.html": _input,
    "django/forms/widgets/date.html": _input,
    "django/forms/widgets/datetime.html": _input,
    "django/forms/widgets/time.html": _input,
    "django/forms/widgets/search.html": _input,
    "django/forms/widgets/tel.html": _input,
    "django/forms/widgets/color.html": _input,
    "django/forms/widgets/checkbox.html": _input,
    "django/forms/widgets/radio_option.html": _option,
    "django/forms/widgets/checkbox_option.html": _option,
    "django/forms/widgets/input_option.html": _option,
    "django/forms/widgets/textarea.html": _textarea,
}


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        in_python = IN_PYTHON.get(template_name)
        if in_python is not None:
            html = in_python(context["widget"])
            if html is not None:
                return html.strip()
        return super().render(template_name, context, request)
