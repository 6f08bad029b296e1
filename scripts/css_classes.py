"""Checks the Bootstrap build (make css): every class Nightjar's markup may use and that Bootstrap
defines must be in the built file, so trimming components can never silently unstyle a page.

Classes are read, generously, from every template, the crispy-bootstrap5 templates the forms
render, the scripts under static/js and the forms' `css_class` arguments.

    python scripts/css_classes.py BUILT.css FULL-BOOTSTRAP.css   (exit 1 when one is missing)
"""

import re
import sys
from pathlib import Path

import crispy_bootstrap5

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
CLASS_ATTR = re.compile(r"""class="([^"]*)\"""")
JS_CLASS = re.compile(r"""(?:className\s*=\s*|classList\.\w+\()["']([^"']*)["']""")
CSS_CLASS = re.compile(r"""(?:css_class|field_class|wrapper_class)\s*=\s*["']([^"']*)["']""")
# Classes built at run time: the messages' alert-{{ tag }} and crispy's buttons (layout.Submit).
DYNAMIC = {"alert-info", "alert-success", "alert-warning", "alert-danger", "btn", "btn-primary"}
# The crispy-bootstrap5 templates Nightjar's forms render (Layout, Div, Field, Fieldset, HTML,
# Submit and the standard widgets); tabs, modals, accordions and the like are not used.
CRISPY_TEMPLATES = [
    "whole_uni_form.html",
    "uni_form.html",
    "display_form.html",
    "errors.html",
    "field.html",
    "inputs.html",
    *(
        f"layout/{name}.html"
        for name in [
            "attrs",
            "baseinput",
            "div",
            "fieldset",
            "field_errors",
            "field_errors_block",
            "field_file",
            "help_text",
            "help_text_and_errors",
            "radio_checkbox_select",
            "checkboxselectmultiple_inline",
            "radioselect_inline",
            "multifield",
        ]
    ),
]
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")


def used_classes() -> set[str]:
    words = set(DYNAMIC)
    templates = [*(ROOT / "templates").rglob("*.html")]
    crispy = Path(crispy_bootstrap5.__file__).parent / "templates" / "bootstrap5"
    templates += [crispy / name for name in CRISPY_TEMPLATES]
    for path in templates:
        for attr in CLASS_ATTR.findall(path.read_text()):
            words.update(WORD.findall(attr))
    for path in (ROOT / "static" / "js").glob("*.js"):
        for literal in JS_CLASS.findall(path.read_text()):
            words.update(WORD.findall(literal))
    for path in [*(ROOT / "journal").rglob("*.py"), *(ROOT / "accounts").rglob("*.py")]:
        for value in CSS_CLASS.findall(path.read_text()):
            words.update(WORD.findall(value))
    return words


def defined_classes(css_path: str) -> set[str]:
    text = re.sub(r"/\*.*?\*/", "", Path(css_path).read_text(), flags=re.S)
    # Only selectors (what comes before a "{"), not values such as "0.5rem".
    selectors = re.findall(r"([^{}]+)\{", text)
    return {name for selector in selectors for name in SELECTOR_CLASS.findall(selector)}


def main(built: str, full: str) -> int:
    used = used_classes()
    missing = sorted((used & defined_classes(full)) - defined_classes(built))
    if missing:
        print("Used by Nightjar and defined by Bootstrap, but missing from the build:")
        print("  " + " ".join(missing))
        return 1
    print(f"{built}: every Bootstrap class the markup uses is there.")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
