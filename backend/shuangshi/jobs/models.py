from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class Job(models.Model):
    """One run of a registered job (jobs/registry.py), started by a user or by the schedule.

    The task engine (django-tasks) only carries the job's id; this row is what users see:
    status, progress, message and the result (a link to a record, or a file to download).
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jobs",
        help_text=_("Who started it; empty for scheduled jobs."),
    )
    kind = models.CharField(_("kind"), max_length=64)
    title = models.CharField(_("title"), max_length=200, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    message = models.TextField(_("message"), blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    link = models.CharField(_("link"), max_length=200, blank=True)
    result_name = models.CharField(_("result file name"), max_length=255, blank=True)
    result_type = models.CharField(_("result content type"), max_length=100, blank=True)
    # Generated files live in PostgreSQL like uploads (DESIGN §7): any process can serve them.
    result_content = models.BinaryField(_("result file"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=16, blank=True)  # of its messages
    # The owner's scope when the job was started (accounts.scope.scope_key): its file is
    # served only while the owner's scope is still that (a file made under the old scope may
    # hold what the user may no longer read; jobs_files_drop clears the finished ones).
    owner_scope = models.CharField(_("owner's scope"), max_length=100, blank=True, editable=False)
    worker = models.CharField(_("worker"), max_length=100, blank=True)
    # The engine's task that delivers it (the reaper hands a lost delivery out again);
    # empty on jobs from before round 29, found there by the task's argument.
    task_id = models.CharField(_("engine task"), max_length=64, blank=True, editable=False)
    # How many times the engine has handed it out (1, then once per lost delivery): past
    # JOBS_DELIVERIES_MAX the reaper ends it `failed` instead of handing it out again.
    deliveries = models.PositiveSmallIntegerField(_("deliveries"), default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        indexes = [
            models.Index(fields=["owner", "-created_at"]),
            models.Index(fields=["status"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)


class ScheduleRun(models.Model):
    """One firing of a schedule entry: unique (entry, slot), so it fires once among N workers."""

    entry = models.CharField(_("schedule entry"), max_length=100)
    slot = models.DateTimeField(_("slot"))
    job = models.ForeignKey(Job, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-slot"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "slot"], name="jobs_schedule_run_once")
        ]

    def __str__(self) -> str:
        return f"{self.entry} @ {self.slot.isoformat()}"
