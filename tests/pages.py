"""Reading what the app answers the way a person or a browser does: the words on the page, the
elements of its markup, the form as a browser would send it, the CSV files of an export.

For a whole element whose markup matters, use pytest-django's `assertContains(response, needle,
html=True)` / `assertInHTML`; these helpers are for elements whose other attributes (classes, a
fresh id) do not matter to the test.
"""

import csv
import html
import io
import zipfile
from dataclasses import dataclass

from django.test.html import Element, parse_html
from django.urls import reverse
from django.utils.html import strip_tags

# The export's files and columns exactly as issue 4 lists them, in order (deliberately written
# out here rather than imported from the code under test).
EXPORT_COLUMNS = {
    "nights.csv": "id, night_of, got_into_bed, tried_to_sleep, minutes_to_fall_asleep, awakenings, "
    "awake_minutes, final_wake, out_of_bed, quality, rested, alcohol_drinks, last_drink_at, "
    "caffeine_drinks, last_caffeine_at, sleep_medication, notes",
    "events.csv": "id, occurred_at, kind, body_parts, duration_seconds, intensity, woke_me, "
    "kept_me_awake, consciousness_changed, temperature_c, tongue_bitten, injury, incontinence, "
    "confused_after, notes",
    "partner_reports.csv": "id, observed_at, observer, observations, body_parts, "
    "duration_seconds, notes",
    "symptom_checkins.csv": "id, date, speech_problems, uncontrollable_blinking, neck_pulling, "
    "foot_cramps, dragging_leg, notes",
    "stage_segments.csv": "start, end, stage, source",
}
EXPORT_FILES = list(EXPORT_COLUMNS)


def _markup(page) -> str:
    return page if isinstance(page, str) else page.content.decode()


def visible_text(page) -> str:
    """The page as a person reads it: tags gone, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(strip_tags(_markup(page))).split())


@dataclass
class Tag:
    name: str
    attrs: dict
    text: str

    def has_class(self, name: str) -> bool:
        return name in (self.attrs.get("class") or "").split()


def _text(element) -> str:
    parts = [child if isinstance(child, str) else _text(child) for child in element.children]
    return " ".join(" ".join(parts).split())


def _walk(element):
    for child in element.children:
        if isinstance(child, Element):
            yield child
            yield from _walk(child)


def _elements(page):
    """Every element of the page, the outermost (usually <html>) included."""
    document = parse_html(_markup(page))
    if document.name:
        yield document
    yield from _walk(document)


def find_all(page, tag: str, /, **attrs) -> list[Tag]:
    """Every `tag` element whose attributes include `attrs` (`class_` for some of its classes).

    `find_all(response, "a", href="/log/")`, `find_all(response, "input", name="kind",
    checked=None)` (None: a boolean attribute that is present).
    """
    wanted_classes = attrs.pop("class_", "").split()
    found = []
    for element in _elements(page):
        if element.name != tag:
            continue
        candidate = Tag(element.name, dict(element.attributes), _text(element))
        if all(
            key in candidate.attrs and candidate.attrs[key] == value for key, value in attrs.items()
        ) and all(candidate.has_class(wanted) for wanted in wanted_classes):
            found.append(candidate)
    return found


def find(page, tag: str, /, **attrs) -> Tag:
    """The one element that matches (see find_all); fails when there is none or several."""
    found = find_all(page, tag, **attrs)
    assert len(found) == 1, f"{len(found)} <{tag}> elements with {attrs}"
    return found[0]


def hrefs(page) -> list[str]:
    return [tag.attrs["href"] for tag in find_all(page, "a") if "href" in tag.attrs]


def form_as_sent(page, **changes) -> dict[str, list[str]]:
    """What a browser would send for the page's forms as they stand (ticked boxes only), with
    `changes` on top; the CSRF token is left out."""
    data: dict[str, list[str]] = {}
    for element in _elements(page):
        attrs = dict(element.attributes)
        name = attrs.get("name")
        if name and element.name in ("input", "textarea", "select"):
            value = _sent_value(element, attrs)
            if value is not None:
                data.setdefault(name, []).append(value)
    data.pop("csrfmiddlewaretoken", None)
    data.update(changes)
    return data


def _sent_value(element, attrs) -> str | None:
    if element.name == "textarea":
        return _text(element)
    if element.name == "select":
        chosen = [
            dict(option.attributes).get("value", _text(option))
            for option in _walk(element)
            if option.name == "option" and "selected" in dict(option.attributes)
        ]
        return chosen[0] if chosen else None
    kind = attrs.get("type", "text")
    if kind in ("submit", "button", "reset", "image"):
        return None
    value = attrs.get("value")
    if kind in ("radio", "checkbox"):
        return ("on" if value is None else value) if "checked" in attrs else None
    return value or ""


def field_value(page, name: str):
    """The value a browser would send for one field (None when it sends nothing)."""
    values = form_as_sent(page).get(name)
    return values[0] if values else None


def download_export(client):
    """The export as a browser downloads it: GET /export/?download=zip, which must succeed."""
    response = client.get(reverse("export"), {"download": "zip"})
    assert response.status_code == 200
    return response


def zip_members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def csv_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
