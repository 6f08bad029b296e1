"""Defences that hold for every request and response, whatever the view (docs/security.md)."""

import tempfile

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpResponse
from django.template.loader import render_to_string

# Read a chunked body this much at a time while counting it against the limit.
CHUNK_BYTES = 64 * 1024


def body_limit(path: str) -> int:
    """The largest request body the path takes: the longest matching prefix of
    settings.REQUEST_BODY_LIMITS, else settings.REQUEST_BODY_DEFAULT_LIMIT."""
    matches = [prefix for prefix in settings.REQUEST_BODY_LIMITS if path.startswith(prefix)]
    if matches:
        return settings.REQUEST_BODY_LIMITS[max(matches, key=len)]
    return settings.REQUEST_BODY_DEFAULT_LIMIT


def in_words(size: int) -> str:
    """2.5 MB, 1 GB: a limit as people read it."""
    value, unit = (size / 1024**3, "GB") if size >= 1024**3 else (size / 1024**2, "MB")
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def too_large(limit: int) -> HttpResponse:
    return refused(
        413,
        "This is too large to send",
        f"Nightjar takes up to {in_words(limit)} here; go back and send less.",
    )


def refused(status: int, heading: str, explanation: str) -> HttpResponse:
    page = render_to_string(
        "request_refused.html", {"heading": heading, "explanation": explanation}
    )
    return HttpResponse(page, status=status)


class RequestBodyLimitMiddleware:
    """Refuses a request body over its path's limit before anything reads it.

    A declared Content-Length over the limit is answered 413 at once. A chunked body (no
    Content-Length) is read only when the server ends it for us (gunicorn sets
    wsgi.input_terminated), into a temporary file, and only up to the limit: one byte more and the
    answer is 413. Without that promise a chunked body is refused with 411, since Django would
    otherwise read it as empty. The same for signed-in and anonymous requests: this runs before
    sessions are read. The proxy should have its own limit too (README, nginx
    client_max_body_size); under ASGI the server reads the body before Django sees it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = body_limit(request.path_info)
        declared = request.META.get("CONTENT_LENGTH") or ""
        if declared:
            try:
                length = int(declared)
            except ValueError:
                length = -1
            if length < 0:
                return HttpResponse("Bad Content-Length", status=400, content_type="text/plain")
            if length > limit:
                return too_large(limit)
        elif "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            if not request.META.get("wsgi.input_terminated"):
                return refused(
                    411,
                    "Send this with its length",
                    "The request did not say how large it is; try again from the page.",
                )
            body = self.read_chunked(request.META["wsgi.input"], limit)
            if body is None:
                return too_large(limit)
            size = body.seek(0, 2)
            body.seek(0)
            request.META["CONTENT_LENGTH"] = str(size)
            request._stream = LimitedStream(body, size)
        return self.get_response(request)

    @staticmethod
    def read_chunked(stream, limit):
        """The body in a temporary file, or None as soon as it passes the limit."""
        # Handed to the request as its body, so it outlives this function.
        body = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115
        size = 0
        while chunk := stream.read(CHUNK_BYTES):
            size += len(chunk)
            if size > limit:
                body.close()
                return None
            body.write(chunk)
        return body


class ResponseHeadersMiddleware:
    """Permissions-Policy on every response, and no caching of signed-in pages.

    A page seen by a signed-in person shows their journal or their account: `private, no-store`
    unless the view chose its own Cache-Control (the service worker's /sw.js does). Static files
    never reach this (WhiteNoise answers them first) and keep their long cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "private, no-store"
        return response
