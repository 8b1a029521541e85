from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from .validation import program_errors


class HostKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    SCHOOL = "school", _("School")


class Designation(models.TextChoices):
    DUAL_QUALIFIED = "dual_qualified", _("Dual-qualified (双师型)")
    INTEGRATED = "integrated", _("Integrated (一体化)")


class BaseStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")


class TrainingBase(models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    host_name = models.CharField(_("host organisation"), max_length=100)
    host_kind = models.CharField(_("host kind"), max_length=16, choices=HostKind.choices)
    city = models.ForeignKey(
        "schools.City", on_delete=models.PROTECT, related_name="training_bases"
    )
    designation = models.CharField(_("designation"), max_length=16, choices=Designation.choices)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=BaseStatus.choices, default=BaseStatus.PLANNED
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("training base")
        verbose_name_plural = _("training bases")
        constraints = [
            # One base per code whatever its case (schools/codes.py; services say so first).
            models.UniqueConstraint(
                Upper("code"),
                name="training_base_code_any_case",
                violation_error_message=_(
                    "A training base with this code already exists (codes are compared "
                    "ignoring case and full- or half-width characters)."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


class BaseStatusChange(models.Model):
    """A training base's status from ``effective_on`` until its next change (DESIGN §3).

    ``TrainingBase.status`` is the latest row's status and ``approved_on`` the first day it
    became active. E_TRAINING asks which status held on a completion's date.
    """

    base = models.ForeignKey(TrainingBase, on_delete=models.CASCADE, related_name="statuses")
    status = models.CharField(_("status"), max_length=16, choices=BaseStatus.choices)
    effective_on = models.DateField(_("effective on"))
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["base_id", "effective_on", "id"]
        verbose_name = _("training base status")
        verbose_name_plural = _("training base statuses")
        constraints = [
            models.UniqueConstraint(fields=["base", "effective_on"], name="base_status_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.base_id}:{self.status}@{self.effective_on}"


class ProgramKind(models.TextChoices):
    ENTERPRISE_PRACTICE = "enterprise_practice", _("Enterprise practice")
    SKILL_TRAINING = "skill_training", _("Skill training")
    PEDAGOGY = "pedagogy", _("Pedagogy")


class TrainingProgram(models.Model):
    base = models.ForeignKey(TrainingBase, on_delete=models.PROTECT, related_name="programs")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=ProgramKind.choices)
    hours = models.PositiveIntegerField(_("hours"), validators=[MinValueValidator(1)])
    start_on = models.DateField(_("start"))
    end_on = models.DateField(_("end"))
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-start_on", "id"]
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        # The API's rules (validation.program_errors), for the admin's form.
        values = {"start_on": self.start_on, "end_on": self.end_on, "hours": self.hours}
        errors = program_errors(values)
        if errors:
            raise ValidationError(errors)


class TrainingCompletion(models.Model):
    program = models.ForeignKey(
        TrainingProgram, on_delete=models.PROTECT, related_name="completions"
    )
    teacher = models.ForeignKey(
        "teachers.Teacher", on_delete=models.CASCADE, related_name="completions"
    )
    completed_on = models.DateField(_("completed on"))
    hours = models.PositiveIntegerField(_("hours"))
    passed = models.BooleanField(_("passed"), default=True)
    certificate_no = models.CharField(_("certificate number"), max_length=64, blank=True)
    # The province may void a base's completions (DESIGN §4): a voided one never counts.
    voided = models.BooleanField(_("voided"), default=False)
    void_reason = models.CharField(_("void reason"), max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-completed_on", "id"]
        verbose_name = _("training completion")
        verbose_name_plural = _("training completions")
        # The list's order: a page is read from the index instead of sorting every
        # completion (the province's page 137 -> 1 ms at national size, a base's 39 -> 3 ms).
        indexes = [models.Index(fields=["-completed_on", "id"], name="completion_list_order")]
        constraints = [
            models.UniqueConstraint(fields=["program", "teacher"], name="completion_once"),
        ]

    def __str__(self) -> str:
        # The audit log's name for it, stored with each entry: whose completion, of which
        # programme, on which day ("万燕 · 新能源汽车维修师资培训 · 2025-07-31"; before round
        # 47 "<programme id>:<teacher id>", which audit.api names from the records).
        return " · ".join(
            (_related_name(self, "teacher"), _related_name(self, "program"), str(self.completed_on))
        )


def _related_name(row: models.Model, field: str) -> str:
    """``str()`` of a related record; "#<id>" when it cannot be read: the log entry is
    written all the same."""
    try:
        related = getattr(row, field)
    except ObjectDoesNotExist:
        related = None
    return f"#{getattr(row, f'{field}_id')}" if related is None else str(related)
