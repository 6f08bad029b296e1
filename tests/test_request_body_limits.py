"""Request bodies over their path's limit are refused before anything reads them (413), signed in
or not (config.middleware.RequestBodyLimitMiddleware, settings.REQUEST_BODY_LIMITS)."""

import io
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from config.middleware import CHUNK_BYTES, body_limit, in_words
from journal.models import Event
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

GIB = 1024**3


class CountingBody(io.BytesIO):
    """A request body that remembers how much of it was read."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


def declared_post(client, path, declared_length, body=b"x" * 100):
    """A POST whose Content-Length claims more than it sends, as an attacker's client may."""
    stream = CountingBody(body)
    response = client.generic(
        "POST",
        path,
        body,
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(declared_length),
        **{"wsgi.input": stream},
    )
    return response, stream


def chunked_post(client, path, body: bytes, terminated=True):
    """A POST with Transfer-Encoding: chunked and no Content-Length; `terminated` is the
    server's promise (gunicorn's wsgi.input_terminated) that the stream ends with the body."""
    stream = CountingBody(body)
    environ = {
        "wsgi.input": stream,
        "HTTP_TRANSFER_ENCODING": "chunked",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
    }
    if terminated:
        environ["wsgi.input_terminated"] = True
    response = client.generic("POST", path, **environ)
    return response, stream


def test_the_sign_in_page_refuses_a_gigabyte_unread(client):
    response, body = declared_post(client, reverse("login"), GIB)
    assert response.status_code == 413
    assert body.bytes_read == 0
    assert b"This is too large to send" in response.content
    assert b"2.5 MB" in response.content


def test_a_signed_in_page_refuses_it_too_and_saves_nothing(signed_in, user):
    response, body = declared_post(signed_in, reverse("log"), 3 * 1024 * 1024)
    assert response.status_code == 413
    assert body.bytes_read == 0
    assert not Event.objects.for_user(user).exists()


def form_post(client, path, fields):
    body = urlencode(fields)
    return client.post(path, body, content_type="application/x-www-form-urlencoded"), len(body)


def test_a_body_at_the_limit_is_read_as_usual_and_one_byte_more_is_refused(client, user, settings):
    settings.REQUEST_BODY_DEFAULT_LIMIT = 1000
    fields = {"username": user.email, "password": PASSWORD, "padding": ""}
    fields["padding"] = "x" * (1000 - len(urlencode(fields)) + 1)
    response, size = form_post(client, reverse("login"), fields)
    assert (size, response.status_code) == (1001, 413)
    fields["padding"] = fields["padding"][1:]
    response, size = form_post(client, reverse("login"), fields)
    assert (size, response.status_code) == (1000, 302)
    assert response["Location"] == reverse("home")


def test_the_longest_matching_prefix_decides(settings):
    settings.REQUEST_BODY_LIMITS = {"/import/": 10_000, "/import/stages/": 50}
    settings.REQUEST_BODY_DEFAULT_LIMIT = 1000
    assert body_limit("/import/") == 10_000
    assert body_limit("/import/stages/1/progress.json") == 50
    assert body_limit("/accounts/login/") == 1000
    assert body_limit("/log/") == 1000


def test_the_import_limit_is_the_stage_limit_plus_the_form(settings):
    assert body_limit("/import/") == settings.STAGE_UPLOAD_MAX_BYTES + 1024 * 1024
    assert body_limit("/log/") == settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def test_an_upload_to_the_import_page_passes_where_another_page_refuses(signed_in, settings):
    settings.REQUEST_BODY_LIMITS = {"/import/": 20_000}
    settings.REQUEST_BODY_DEFAULT_LIMIT = 1000
    upload = io.BytesIO(b"not a journal " * 500)
    upload.name = "notes.txt"
    response = signed_in.post(reverse("import"), {"file": upload})
    assert response.status_code == 200  # the form answers about the file itself
    upload.seek(0)
    assert signed_in.post(reverse("log"), {"file": upload}).status_code == 413


def test_a_chunked_body_is_read_up_to_the_limit_and_then_refused(client, settings):
    settings.REQUEST_BODY_DEFAULT_LIMIT = 100_000
    response, body = chunked_post(client, reverse("login"), b"x" * 1_000_000)
    assert response.status_code == 413
    assert body.bytes_read <= 100_000 + CHUNK_BYTES


def test_a_chunked_body_within_the_limit_reaches_the_view(client, user):
    form = urlencode({"username": user.email, "password": PASSWORD}).encode()
    response, body = chunked_post(client, reverse("login"), form)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert body.bytes_read == len(form)


def test_a_chunked_body_the_server_does_not_end_is_refused_unread(client):
    response, body = chunked_post(client, reverse("login"), b"x" * 100, terminated=False)
    assert response.status_code == 411
    assert body.bytes_read == 0


def test_a_content_length_that_is_not_a_number_is_a_bad_request(client):
    response, body = declared_post(client, reverse("login"), "lots")
    assert response.status_code == 400
    assert body.bytes_read == 0


def test_limits_are_written_as_people_read_them():
    assert in_words(2_621_440) == "2.5 MB"
    assert in_words(GIB + 1024 * 1024) == "1 GB"
    assert in_words(5 * 1024 * 1024) == "5 MB"
