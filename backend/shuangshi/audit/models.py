"""The per-user, per-day count of ID-number lookups (docs/security.md, "The lookup budget").

A table rather than the cache so that every app process (gunicorn workers) counts against
the same figure, under a row lock.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdLookupCount(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="id_lookup_counts"
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("lookups"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="audit_id_lookup_user_day")
        ]
        verbose_name = _("ID-number lookup count")
        verbose_name_plural = _("ID-number lookup counts")

    def __str__(self) -> str:
        return f"{self.user_id} {self.day}: {self.count}"


class RateCount(models.Model):
    """One rate-limit counter (audit.throttling): requests in the current and the previous
    window of one throttle key. UNLOGGED on PostgreSQL: counters need no crash safety, and a
    write that makes no WAL commits without waiting for the disk."""

    ident = models.CharField(max_length=200, primary_key=True)
    slot = models.BigIntegerField()  # the window's number: seconds since the epoch // duration
    hits = models.PositiveIntegerField(default=0)
    previous = models.PositiveIntegerField(default=0)  # hits in window slot - 1
    expires_at = models.FloatField(db_index=True)  # seconds since the epoch

    def __str__(self) -> str:
        return f"{self.ident}: {self.hits}"
