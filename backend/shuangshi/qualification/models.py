"""Stored rule profiles, targets, per-teacher results and per-school aggregates.

Every teacher write re-evaluates the teacher in the same transaction (services), so
``TeacherQualification`` and ``SchoolStats`` always agree with the teacher rows; list and
summary reads use them instead of scanning teachers.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleProfile(models.Model):
    """One version of the rule thresholds. The highest version is the one in force."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    values = models.JSONField(_("values"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # When every stored result was last brought to this version (null: not yet applied).
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("rule profile")
        verbose_name_plural = _("rule profiles")

    def __str__(self) -> str:
        return f"v{self.version}"


class TargetCode(models.TextChoices):
    DUAL_QUALIFIED_RATIO = "dual_qualified_ratio", _("Dual-qualified share (strictly more than)")
    TRAINING_BASES = "training_bases", _("Training bases built")
    PRACTICAL_HOURS_SHARE = "practical_hours_share", _("Practical teaching hours share (at least)")


class Target(models.Model):
    code = models.CharField(_("code"), max_length=32, choices=TargetCode.choices, unique=True)
    value = models.DecimalField(_("value"), max_digits=8, decimal_places=4)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.code}={self.value}"

    def deadline_passed(self, today: date) -> bool:
        return self.deadline is not None and today > self.deadline


DEFAULT_TARGETS = {
    TargetCode.DUAL_QUALIFIED_RATIO: (Decimal("0.60"), date(2025, 12, 31)),
    TargetCode.TRAINING_BASES: (Decimal("20"), date(2025, 12, 31)),
    TargetCode.PRACTICAL_HOURS_SHARE: (Decimal("0.50"), None),
}


class Level(models.TextChoices):
    NONE = "none", _("Not dual-qualified")
    JUNIOR = "junior", _("Junior (初级)")
    INTERMEDIATE = "intermediate", _("Intermediate (中级)")
    SENIOR = "senior", _("Senior (高级)")


class TeacherQualification(models.Model):
    """A teacher's result on ``evaluated_on``; it holds until ``valid_until`` (exclusive).

    No database FK constraint on purpose: when a teacher is deleted, the row must survive
    until ``teachers_reevaluate`` subtracts it from the school's aggregates.
    """

    teacher = models.OneToOneField(
        "teachers.Teacher",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="qualification",
    )
    school_id = models.BigIntegerField()  # indexed first in the candidates index
    level = models.CharField(max_length=16, choices=Level.choices)
    qualified = models.BooleanField()
    in_scope = models.BooleanField()
    full_time = models.BooleanField()  # employed full-time on evaluated_on (staffing)
    part_time = models.BooleanField()
    recruitment = models.BooleanField(null=True)  # None: the recruitment check does not apply
    valid_until = models.DateField(null=True)  # the level's next change (DESIGN §4)
    # The next date anything in the result changes by itself (a rule, the scope, a dated
    # fact): the stored result holds on [evaluated_on, changes_on). Null: never.
    changes_on = models.DateField(null=True)
    distance = models.IntegerField(null=True)  # effort to the next level: candidates' order
    reasons = models.JSONField()  # engine.pack_reasons
    profile_version = models.PositiveIntegerField()
    evaluated_on = models.DateField()

    class Meta:
        verbose_name = _("teacher qualification")
        verbose_name_plural = _("teacher qualifications")
        indexes = [
            models.Index(fields=["valid_until"]),
            models.Index(fields=["changes_on"]),
            models.Index(fields=["school_id", "in_scope", "qualified", "distance"]),
            models.Index(fields=["level"]),  # the teachers list's qualification_level filter
        ]

    def __str__(self) -> str:
        return f"{self.teacher_id}:{self.level}"


STAT_FIELDS = (
    "in_scope",
    "qualified",
    "full_time",
    "part_time",
    "junior",
    "intermediate",
    "senior",
    "recruitment_checked",
    "recruitment_failed",
)


class SchoolStats(models.Model):
    """Per-school counts kept current by ``teachers_reevaluate`` (deltas, no rescans)."""

    school = models.OneToOneField(
        "schools.School", primary_key=True, on_delete=models.CASCADE, related_name="stats"
    )
    in_scope = models.IntegerField(default=0)
    qualified = models.IntegerField(default=0)
    full_time = models.IntegerField(default=0)
    part_time = models.IntegerField(default=0)
    junior = models.IntegerField(default=0)
    intermediate = models.IntegerField(default=0)
    senior = models.IntegerField(default=0)
    recruitment_checked = models.IntegerField(default=0)
    recruitment_failed = models.IntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("school statistics")
        verbose_name_plural = _("school statistics")

    def __str__(self) -> str:
        return f"{self.school_id}: {self.qualified}/{self.in_scope}"


class RatioSnapshot(models.Model):
    """Monthly point of the trend: one row per school, per city and for the province."""

    class Scope(models.TextChoices):
        PROVINCE = "province", _("Province")
        CITY = "city", _("City")
        SCHOOL = "school", _("School")

    month = models.DateField()  # first day of the month; counts are as of its last day
    scope = models.CharField(max_length=8, choices=Scope.choices)
    key = models.BigIntegerField(default=0)  # school id, city id, or 0 for the province
    in_scope = models.IntegerField()
    qualified = models.IntegerField()
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["month"]
        verbose_name = _("ratio snapshot")
        verbose_name_plural = _("ratio snapshots")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key", "month"], name="snapshot_once"),
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key}@{self.month}"


# --------------------------------------------------------------------------- dated results
#
# Issue 10: each teacher's outcome is piecewise constant between the dates on which a
# certificate, a period, a window, a threshold or a dated fact changes. The rebuild stores
# those pieces for a horizon (HORIZON_YEARS_BACK before today to HORIZON_YEARS_AHEAD after)
# and turns them into per-school counts by date, so that a ratio at any date of the
# horizon is a lookup: SchoolCountMonth at the month end before the date plus the
# SchoolCountDelta rows after it up to the date.


class TeacherLevelInterval(models.Model):
    """A teacher's outcome on [valid_from, valid_to) (valid_to null: open-ended).

    The intervals of one teacher tile the horizon without gaps or overlaps; neighbours
    differ in at least one column. Read by ``selectors.teacher_level_on`` (one teacher or a
    list filter) and by the forecast and alerts (what the level will be, and from when).
    """

    teacher_id = models.BigIntegerField()
    school_id = models.BigIntegerField()  # the school in effect (a dated fact)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True)
    level = models.CharField(max_length=16, choices=Level.choices)
    in_scope = models.BooleanField()
    full_time = models.BooleanField()
    part_time = models.BooleanField()
    recruitment = models.BooleanField(null=True)

    class Meta:
        verbose_name = _("teacher level interval")
        verbose_name_plural = _("teacher level intervals")
        indexes = [
            models.Index(fields=["teacher_id", "valid_from"]),
            models.Index(fields=["level", "valid_from"]),
        ]

    def __str__(self) -> str:
        return f"{self.teacher_id}:{self.level} {self.valid_from}–{self.valid_to}"


class SchoolCountDelta(models.Model):
    """How a school's counts (STAT_FIELDS) move on ``on``: counts at D = the sum of a
    school's deltas on or before D (within the horizon)."""

    school_id = models.BigIntegerField()
    on = models.DateField()
    in_scope = models.IntegerField(default=0)
    qualified = models.IntegerField(default=0)
    full_time = models.IntegerField(default=0)
    part_time = models.IntegerField(default=0)
    junior = models.IntegerField(default=0)
    intermediate = models.IntegerField(default=0)
    senior = models.IntegerField(default=0)
    recruitment_checked = models.IntegerField(default=0)
    recruitment_failed = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("school count change")
        verbose_name_plural = _("school count changes")
        constraints = [
            models.UniqueConstraint(fields=["school_id", "on"], name="school_delta_once_a_day"),
        ]
        indexes = [models.Index(fields=["on"])]

    def __str__(self) -> str:
        return f"{self.school_id}@{self.on}: {self.qualified:+}/{self.in_scope:+}"


class SchoolCountMonth(models.Model):
    """A school's counts as of ``month_end`` (the last day of a month of the horizon):
    the running sum of its deltas, kept so a lookup never sums years of deltas."""

    school_id = models.BigIntegerField()
    month_end = models.DateField()
    in_scope = models.IntegerField(default=0)
    qualified = models.IntegerField(default=0)
    full_time = models.IntegerField(default=0)
    part_time = models.IntegerField(default=0)
    junior = models.IntegerField(default=0)
    intermediate = models.IntegerField(default=0)
    senior = models.IntegerField(default=0)
    recruitment_checked = models.IntegerField(default=0)
    recruitment_failed = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("school monthly counts")
        verbose_name_plural = _("school monthly counts")
        constraints = [
            models.UniqueConstraint(fields=["month_end", "school_id"], name="school_month_once"),
        ]

    def __str__(self) -> str:
        return f"{self.school_id}@{self.month_end}: {self.qualified}/{self.in_scope}"


class IntervalHorizon(models.Model):
    """The dates the stored intervals and counts cover (one row), and the rule profile
    version they were built with. Outside it, reads evaluate from the records."""

    starts_on = models.DateField()
    ends_on = models.DateField()
    profile_version = models.PositiveIntegerField()
    built_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("interval horizon")
        verbose_name_plural = _("interval horizons")

    def __str__(self) -> str:
        return f"{self.starts_on}–{self.ends_on} v{self.profile_version}"
