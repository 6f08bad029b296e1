"""What the phone needs to log with no connection: the service worker, the page it shows for an
address it has not kept, and who is signed in (for the queue of entries kept on the phone)."""

from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from journal import offline


@require_GET
def service_worker(request):
    """The service worker, from the site root so it may look after every page (scope /)."""
    response = HttpResponse(
        offline.service_worker_script(), content_type="application/javascript; charset=utf-8"
    )
    response["Service-Worker-Allowed"] = "/"
    # Checked on every visit, so a deploy replaces it at once (its text carries a version).
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def offline_page(request):
    """Shown by the service worker for a page it has not kept; it holds nobody's data."""
    return render(request, "journal/offline.html", {"nav": "log"})


@require_GET
@never_cache
def session(request):
    """Who is signed in (as the opaque account key) and a CSRF token, for sending the queue."""
    return JsonResponse({"account": offline.account_key(request.user), "csrf": get_token(request)})
