"""The actor of an audit entry: the user of the request being served.

auditlog's own middleware reads request.user before DRF authenticates a token, so token
requests would be logged without an actor. DRF copies the user it authenticates onto the
Django request; AuditMiddleware keeps that request in a context variable and this receiver
reads its user when the entry is saved.
"""

from contextvars import ContextVar
from typing import Any

from auditlog.models import LogEntry
from django.db.models.signals import pre_save
from django.http import HttpRequest

current_request: ContextVar[HttpRequest | None] = ContextVar("current_request", default=None)


def _fill_actor(sender: Any, instance: LogEntry, **kwargs: Any) -> None:
    if instance.actor_id is not None:
        return
    request = current_request.get()
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        instance.actor = user
        instance.actor_email = user.email or None


def connect() -> None:
    pre_save.connect(_fill_actor, sender=LogEntry, dispatch_uid="shuangshi.audit.actor")
