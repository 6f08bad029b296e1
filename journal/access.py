"""One place decides who may see a row: the owner, and nobody else (another's row is a 404)."""

from django.http import Http404


def get_owned_or_404(model, user, **lookup):
    """The user's own entry matching `lookup`, or 404 whether it is missing or someone else's."""
    try:
        return model.objects.for_user(user).get(**lookup)
    except (model.DoesNotExist, ValueError) as missing:
        raise Http404(f"No {model._meta.verbose_name} here.") from missing
