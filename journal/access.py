"""One place decides who may see a row: the owner, and nobody else (another's row is a 404)."""

import uuid

from django.db import IntegrityError, transaction
from django.http import Http404


def get_owned_or_404(model, user, **lookup):
    """The user's own entry matching `lookup`, or 404 whether it is missing or someone else's."""
    try:
        return model.objects.for_user(user).get(**lookup)
    except (model.DoesNotExist, ValueError) as missing:
        raise Http404(f"No {model._meta.verbose_name} here.") from missing


def owned_by_client_id(model, user, client_id):
    """The user's entry stored under a client-made id (text from a form), or None."""
    try:
        pk = uuid.UUID(client_id or "")
    except ValueError:
        return None
    return model.objects.for_user(user).filter(pk=pk).first()


def insert_once(entry, **identity):
    """Store a new entry, or find the one its owner already has: (entry, True) or (theirs, False).

    The insert is forced, so a row that is already there (same id, or the same night or day under
    a unique constraint, as `identity` names it) makes the database refuse instead of updating it.
    If that row is the owner's, the request was a repeat (a double tap, a retried POST, two at
    once) and their row is returned; if it is someone else's, the answer is a 404, with nothing
    revealed or changed.
    """
    model = type(entry)
    try:
        with transaction.atomic():
            entry.save(force_insert=True)
    except IntegrityError:
        already = model.objects.for_user(entry.owner).filter(**identity).first()
        if already is None:
            raise Http404(f"No {model._meta.verbose_name} here.") from None
        return already, False
    return entry, True
