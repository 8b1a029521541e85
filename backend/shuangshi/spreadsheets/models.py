from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    """queued → validating → valid | invalid; valid → committing → committed | failed."""

    QUEUED = "queued", _("Queued")
    VALIDATING = "validating", _("Validating")
    VALID = "valid", _("Valid")
    INVALID = "invalid", _("Invalid")
    COMMITTING = "committing", _("Committing")
    COMMITTED = "committed", _("Committed")
    FAILED = "failed", _("Failed")


class ImportJob(models.Model):
    """One uploaded workbook: kept in the database so any app process can commit it.

    The upload itself is kept, and the rows its dry run parsed: a commit validates them
    again against the database as it is then, inside the transaction that writes them.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    kind = models.CharField(_("kind"), max_length=32)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    content = models.BinaryField(_("file"))
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)
    header_row = models.PositiveIntegerField(_("header row"), default=0)
    status = models.CharField(_("status"), max_length=16, choices=ImportStatus.choices)
    rows = models.PositiveIntegerField(_("rows read"), default=0)
    ready = models.PositiveIntegerField(_("rows ready"), default=0)
    failed = models.PositiveIntegerField(_("rows failed"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    created_rows = models.PositiveIntegerField(_("records created"), null=True, blank=True)
    updated_rows = models.PositiveIntegerField(_("records updated"), null=True, blank=True)
    unchanged_rows = models.PositiveIntegerField(_("records unchanged"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    committed_at = models.DateTimeField(null=True, blank=True)
    # The background job now checking or committing it (DESIGN §6, §10): its progress.
    job = models.ForeignKey(
        "jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    message = models.TextField(_("message"), blank=True)
    reader = models.CharField(_("reader"), max_length=16, blank=True)  # chosen at upload
    # The rows the dry run parsed, keyed by the file's sha256 (services.parsed_key): the
    # commit checks them against the database again but does not parse the file again.
    parsed = models.BinaryField(_("parsed rows"), default=b"", blank=True)
    # The marked workbook as last built (services.import_errors_workbook), and for which
    # error list and language: a download reads it instead of building it again.
    errors_book = models.BinaryField(_("marked workbook"), default=b"", blank=True)
    errors_book_key = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        indexes = [models.Index(fields=["owner", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.filename} ({self.status})"
