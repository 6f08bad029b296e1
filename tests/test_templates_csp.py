"""No inline styles or scripts anywhere: the Content-Security-Policy refuses them (no
'unsafe-inline'), so one added back would silently not work. Styles go in static/css, scripts in
static/js, data for a script in data-* attributes or a <script type="application/json"> block."""

import io
import re
import tokenize
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((PROJECT / "templates").rglob("*.html"))
PYTHON = sorted(
    source
    for package in ("journal", "accounts", "config")
    for source in (PROJECT / package).rglob("*.py")
    if "migrations" not in source.parts
)

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
# Anywhere inside a tag: <style>, style="…", onclick="…" (any on… handler), javascript: URLs.
INLINE = {
    "a <style> block": re.compile(r"<style[\s>]", re.IGNORECASE),
    "a style attribute": re.compile(r"<[a-z][^<>]*\sstyle\s*=", re.IGNORECASE),
    "an on… handler": re.compile(r"<[a-z][^<>]*\son[a-z]+\s*=", re.IGNORECASE),
    "a javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def inline_code(markup: str) -> list[str]:
    """What in this markup the policy would refuse, in words."""
    found = [
        f"{what}: {match.group(0)[:80]!r}"
        for what, pattern in INLINE.items()
        for match in pattern.finditer(markup)
    ]
    for script in SCRIPT.finditer(markup):
        attributes, body = script.groups()
        if "application/json" in attributes:
            continue  # data, never executed
        if body.strip() or "src=" not in attributes:
            found.append(f"an inline script: {script.group(0)[:80]!r}")
    return found


def string_literals(source: Path) -> str:
    tokens = tokenize.generate_tokens(io.StringIO(source.read_text()).readline)
    return "\n".join(token.string for token in tokens if token.type == tokenize.STRING)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(PROJECT)))
def test_no_template_has_inline_styles_or_scripts(template):
    assert inline_code(template.read_text()) == []


@pytest.mark.parametrize("source", PYTHON, ids=lambda path: str(path.relative_to(PROJECT)))
def test_no_python_builds_html_with_inline_styles_or_scripts(source):
    assert inline_code(string_literals(source)) == []


@pytest.mark.parametrize(
    "markup",
    [
        "<style>body { color: red }</style>",
        '<p class="x" style="color: red">',
        '<button onclick="go()">Go</button>',
        '<body\n  onload="go()">',
        "<script>go()</script>",
        '<script src="/static/js/a.js">go()</script>',
        '<a href="javascript:go()">',
    ],
)
def test_the_scan_finds_each_kind_of_inline_code(markup):
    assert inline_code(markup)


@pytest.mark.parametrize(
    "markup",
    [
        '<script src="/static/js/log.js" defer></script>',
        '<script type="application/json" id="data">{"a": 1}</script>',
        '<rect x="1" width="2" fill="currentColor"></rect>',
        "<p>Tap the button once = one entry.</p>",
    ],
)
def test_the_scan_allows_files_data_blocks_and_svg_attributes(markup):
    assert inline_code(markup) == []
