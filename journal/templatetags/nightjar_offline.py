"""The signed-in account's opaque key (journal.offline.account_key) for the page's script and the
service worker: entries kept on the phone carry it, and cached pages are kept per account."""

from django import template

from journal.offline import account_key

register = template.Library()


@register.simple_tag
def offline_account(user):
    return account_key(user)
