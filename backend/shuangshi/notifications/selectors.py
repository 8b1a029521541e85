"""Reads of the notifications app: a user's own notifications, and what is unread."""

from django.db.models import Q, QuerySet

from shuangshi.accounts.models import User

from .models import Notification

# Unread: waiting for the user. Not read, and its condition still holds: a resolved alert
# waits no more (the bell does not ring for it, the digest does not carry it). A job's notice
# is never resolved, so it waits until it is read.
UNREAD = Q(read_at__isnull=True, resolved_at__isnull=True)


def notifications_of(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def notifications_unread(*, user: User) -> QuerySet[Notification]:
    """What the bell counts and read-all/ marks read."""
    return Notification.objects.filter(UNREAD, user=user)
