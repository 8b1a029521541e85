"""Notifications (DESIGN §9): a user's own alerts, their e-mail choice, the lead times."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    CERTIFICATE_EXPIRING = "certificate_expiring", _("Certificate expiring")
    PRACTICE_LAPSING = "practice_lapsing", _("Enterprise practice lapsing")
    LEVEL_DROPPING = "level_dropping", _("Level dropping")
    SCHOOL_FALLING_BELOW = "school_falling_below", _("School falling below the target")
    RECOGNITION_EXPIRING = "recognition_expiring", _("Recognition expiring")
    REVIEW_WAITING = "review_waiting", _("Review waiting")
    JOB_FINISHED = "job_finished", _("Job finished")


class Notification(models.Model):
    """One alert for one user. ``(user, kind, subject, due_on)`` is unique: the daily job
    creates each alert once per subject and due date however often it runs."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    subject = models.CharField(_("subject"), max_length=64)  # e.g. "certificate:12"
    # The teacher the alert is about (no constraint: alerts outlive deleted records).
    teacher_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    due_on = models.DateField(_("due on"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    # What `wording.WORDS[kind]` words the title and body from when the notification is read,
    # in the reader's language (empty for rows stored before: their title and body stand).
    params = models.JSONField(_("wording parameters"), default=dict, blank=True)
    link = models.CharField(_("link"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # The condition no longer holds (renewed certificate, new practice, …).
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "subject", "due_on"], name="notification_once"
            )
        ]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["kind", "resolved_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.subject}→{self.user_id}"


class Preference(models.Model):
    """A user's notification choices; a user without a row gets the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_preference",
    )
    email_enabled = models.BooleanField(_("e-mail digest"), default=True)
    # The digest's language ("": the site's default, Chinese).
    language = models.CharField(
        _("digest language"), max_length=16, blank=True, choices=settings.LANGUAGES
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: email={'on' if self.email_enabled else 'off'}"


class Digest(models.Model):
    """One e-mail digest sent to a user on a day (at most one per day)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    count = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [models.UniqueConstraint(fields=["user", "sent_on"], name="digest_once")]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.sent_on}"


LEAD_FIELDS = (
    "certificate_expiring_days",
    "practice_lapsing_days",
    "level_dropping_days",
    "school_falling_below_days",
    "recognition_expiring_days",
)


class AlertSettings(models.Model):
    """The province's lead times (one row, pk=1)."""

    certificate_expiring_days = models.PositiveIntegerField(
        _("certificate expiring lead (days)"), default=90
    )
    practice_lapsing_days = models.PositiveIntegerField(
        _("practice lapsing lead (days)"), default=90
    )
    level_dropping_days = models.PositiveIntegerField(_("level dropping lead (days)"), default=60)
    school_falling_below_days = models.PositiveIntegerField(
        _("school falling below lead (days)"), default=180
    )
    recognition_expiring_days = models.PositiveIntegerField(
        _("recognition expiring lead (days)"), default=180
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("alert settings")
        verbose_name_plural = _("alert settings")

    def __str__(self) -> str:
        return "alert settings"
