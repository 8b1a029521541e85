from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.sql.compiler import SQLCompiler
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .categories import FieldCategory


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Employment(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time")
    PART_TIME = "part_time", _("Part-time")


class CourseType(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional course")
    PRACTICAL = "practical", _("Practical instruction")
    PUBLIC = "public", _("Public foundation course")


class Education(models.TextChoices):
    SECONDARY = "secondary", _("Secondary")
    HIGHER_VOCATIONAL = "higher_vocational", _("Higher vocational")
    BACHELOR = "bachelor", _("Bachelor")
    MASTER = "master", _("Master")
    DOCTOR = "doctor", _("Doctor")


# The first day before any forecast window of this deployment (migration 0017): a fixed
# date, as a partial index's condition must be; the planner uses the index for any window
# starting after it.
HIRES_INDEXED_AFTER = date(2026, 12, 1)

EDUCATION_ORDER = [choice for choice, _label in Education.choices]


class Title(models.TextChoices):
    NONE = "none", _("None")
    JUNIOR = "junior", _("Junior (助理讲师/助教)")
    INTERMEDIATE = "intermediate", _("Intermediate (讲师)")
    ASSOCIATE_SENIOR = "associate_senior", _("Associate senior (高级讲师/副教授)")
    SENIOR = "senior", _("Senior (正高级讲师/教授)")


class RecordStatus(models.TextChoices):
    """Whether a certificate or period counts: only confirmed records count in any rule."""

    CONFIRMED = "confirmed", _("Confirmed")
    PENDING = "pending", _("Pending confirmation")
    REJECTED = "rejected", _("Rejected")


class Teacher(models.Model):
    # No index of its own: the (school, …) indexes below start with it (one less per insert).
    school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, related_name="teachers", db_index=False
    )
    staff_no = models.CharField(_("staff number"), max_length=32, blank=True)
    name = models.CharField(_("name"), max_length=50)
    id_number = models.CharField(_("ID number"), max_length=18, unique=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"))
    employment = models.CharField(_("employment"), max_length=16, choices=Employment.choices)
    course_type = models.CharField(_("course type"), max_length=16, choices=CourseType.choices)
    major = models.CharField(_("major"), max_length=100, blank=True)
    education = models.CharField(_("education"), max_length=20, choices=Education.choices)
    normal_graduate = models.BooleanField(_("vocational normal graduate"), default=False)
    # 专业大类 (DESIGN §3); null: not stated. A dated fact, like school, employment, course
    # type and title: TeacherFact keeps its history.
    major_category = models.CharField(
        _("major category"), max_length=2, choices=FieldCategory.choices, null=True, blank=True
    )
    title = models.CharField(
        _("teaching title"), max_length=20, choices=Title.choices, default=Title.NONE
    )
    hired_on = models.DateField(_("hired on"))
    teaching_since = models.DateField(_("teaching since"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    # The latest effective_on of the teacher's dated facts: from then on every fact holds
    # its current value. Bulk evaluation reads TeacherFact rows only for teachers whose
    # history goes past hired_on, which keeps the loader cheap. A field has rows only once
    # it changed (teachers.services): its first row, the old value, is dated hired_on.
    facts_since = models.DateField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["school_id", "staff_no", "id"]
        verbose_name = _("teacher")
        verbose_name_plural = _("teachers")
        indexes = [
            models.Index(fields=["school", "employment", "course_type"]),
            models.Index(fields=["school", "name"]),
            # The list's default order: a page is an index-only scan (migration 0009).
            models.Index(fields=["school", "staff_no", "id"], name="teachers_list_order"),
            # Who joins or leaves in a window (the forecast's held scope, on every province
            # dashboard): 0.1 ms instead of a 90-200 ms scan of 1.3M rows (migrations 0016,
            # 0017). Each holds only the few rows a window from today can name, so that an
            # import of the staff on record writes neither: hires dated after
            # HIRES_INDEXED_AFTER (the window starts today or later, so its dates imply the
            # condition; an index of every hire cost a 100,000-row import 0.9 s) and the
            # teachers with a leaving date.
            models.Index(
                fields=["hired_on"],
                name="teachers_hired_recently",
                condition=models.Q(hired_on__gt=HIRES_INDEXED_AFTER),
            ),
            models.Index(
                fields=["left_on"],
                name="teachers_left_on",
                condition=models.Q(left_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.name


def has_left(left_on: date | None, *, today: date) -> bool:
    """A teacher with this leaving date has left, as far as accounts go: a leaving date
    ``today`` or before. No account is opened for them, theirs signs in no more and its
    tokens end (accounts.services, accounts.models.User.teacher_has_left)."""
    return left_on is not None and left_on <= today


class CertificateKind(models.TextChoices):
    TEACHER_QUALIFICATION = "teacher_qualification", _("Teacher qualification (教师资格证)")
    SKILL_LEVEL = "skill_level", _("Vocational skill level (职业技能等级证书)")
    VOCATIONAL_QUALIFICATION = "vocational_qualification", _("Vocational qualification")
    ONE_PLUS_X = "one_plus_x", _("1+X skill level")
    PROFESSIONAL_TITLE = "professional_title", _("Professional title (专业技术资格)")


# Levels per kind, lowest first (teacher qualification types are unordered).
GRADE_LEVELS = ["grade5", "grade4", "grade3", "grade2", "grade1"]
CERTIFICATE_LEVELS: dict[str, list[str]] = {
    CertificateKind.TEACHER_QUALIFICATION: [
        "secondary_vocational",
        "secondary_vocational_practical",
        "higher_education",
        "other",
    ],
    CertificateKind.SKILL_LEVEL: GRADE_LEVELS,
    CertificateKind.VOCATIONAL_QUALIFICATION: GRADE_LEVELS,
    CertificateKind.ONE_PLUS_X: ["junior", "intermediate", "senior"],
    CertificateKind.PROFESSIONAL_TITLE: ["junior", "intermediate", "associate_senior", "senior"],
}
# Each level in words (the front end's enums.certificateLevel); a professional title's
# "senior" is 正高级 where a 1+X certificate's is 高级.
_LEVEL_LABELS: dict[str, Promise] = {
    "secondary_vocational": _("Secondary vocational teacher"),
    "secondary_vocational_practical": _("Secondary vocational practical instructor"),
    "higher_education": _("Higher education teacher"),
    "other": _("Other"),
    "grade5": _("Grade 5 / junior worker"),
    "grade4": _("Grade 4 / intermediate worker"),
    "grade3": _("Grade 3 / senior worker"),
    "grade2": _("Grade 2 / technician"),
    "grade1": _("Grade 1 / senior technician"),
    "junior": _("Junior"),
    "intermediate": _("Intermediate"),
    "associate_senior": _("Associate senior"),
    "senior": _("Senior"),
}
_KIND_LEVEL_LABELS: dict[tuple[str, str], Promise] = {
    (CertificateKind.PROFESSIONAL_TITLE, "senior"): _("Full senior"),
}


def certificate_level_label(kind: str, level: str) -> str:
    """A certificate's level in words in the active language (the code when it has none)."""
    text = _KIND_LEVEL_LABELS.get((kind, level)) or _LEVEL_LABELS.get(level)
    return str(text) if text is not None else level


class Folded(models.Func):
    """Text as a record's identity compares it (validation._folded: NFKC, trimmed), for the
    unique constraints below: on PostgreSQL normalize() (immutable, so indexable); SQLite
    has no normalization and compares the trimmed text (the services compare folded first,
    so it only stands behind them)."""

    arity = 1
    output_field = models.CharField()
    template = "TRIM(%(expressions)s)"

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> Any:
        template = "BTRIM(NORMALIZE((%(expressions)s)::text, NFKC))"
        return self.as_sql(compiler, connection, template=template, **extra)


# The records that count (a rejected proposal is no record: validation).
_COUNTED = ~models.Q(status=RecordStatus.REJECTED)


class Certificate(models.Model):
    teacher = models.ForeignKey(Teacher, on_delete=models.CASCADE, related_name="certificates")
    kind = models.CharField(_("kind"), max_length=32, choices=CertificateKind.choices)
    level = models.CharField(_("level"), max_length=40)
    name = models.CharField(_("name"), max_length=100, blank=True)
    field = models.CharField(_("field"), max_length=100, blank=True)
    number = models.CharField(_("number"), max_length=64, blank=True)
    issuer = models.CharField(_("issuer"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    # 专业大类 of the certificate (required for skill kinds by validation); null: not stated.
    field_category = models.CharField(
        _("field category"), max_length=2, choices=FieldCategory.choices, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RecordStatus.choices, default=RecordStatus.CONFIRMED
    )
    reject_reason = models.CharField(_("reject reason"), max_length=500, blank=True, default="")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["teacher_id", "kind", "issued_on", "id"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        indexes = [models.Index(fields=["expires_on"])]
        constraints = [
            # The same certificate twice (validation.certificate_duplicate_errors; the
            # services say so first, this stands behind two writes at the same moment).
            models.UniqueConstraint(
                models.F("teacher"),
                models.F("kind"),
                Folded("number"),
                name="teachers_certificate_once",
                condition=_COUNTED & ~models.Q(number=""),
                violation_error_message=_(
                    "This teacher already has a certificate of this kind with this number."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.level}"


class PeriodKind(models.TextChoices):
    EMPLOYMENT = "employment", _("Enterprise employment")
    PRACTICE = "practice", _("Enterprise practice")


class EnterprisePeriod(models.Model):
    teacher = models.ForeignKey(Teacher, on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField(_("kind"), max_length=16, choices=PeriodKind.choices)
    enterprise = models.CharField(_("enterprise"), max_length=200)
    credit_code = models.CharField(_("credit code"), max_length=18, blank=True)
    position = models.CharField(_("position"), max_length=100, blank=True)
    start_on = models.DateField(_("start"))
    end_on = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=RecordStatus.choices, default=RecordStatus.CONFIRMED
    )
    reject_reason = models.CharField(_("reject reason"), max_length=500, blank=True, default="")
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["teacher_id", "start_on", "id"]
        verbose_name = _("enterprise period")
        verbose_name_plural = _("enterprise periods")
        constraints = [
            # The same period twice (validation.period_duplicate_errors; as above).
            models.UniqueConstraint(
                models.F("teacher"),
                models.F("kind"),
                Folded("enterprise"),
                models.F("start_on"),
                name="teachers_period_once",
                condition=_COUNTED,
                violation_error_message=_(
                    "This teacher already has an enterprise period of this kind at this "
                    "enterprise starting on this day."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.start_on}"


class FactField(models.TextChoices):
    """Teacher fields a rule reads that keep their history (DESIGN §3 dated facts)."""

    SCHOOL = "school", _("school")
    EMPLOYMENT = "employment", _("employment")
    COURSE_TYPE = "course_type", _("course type")
    TITLE = "title", _("teaching title")
    MAJOR_CATEGORY = "major_category", _("major category")


# Teacher attribute read for each fact field (school is stored as its id).
FACT_ATTRS: dict[str, str] = {
    FactField.SCHOOL: "school_id",
    FactField.EMPLOYMENT: "employment",
    FactField.COURSE_TYPE: "course_type",
    FactField.TITLE: "title",
    FactField.MAJOR_CATEGORY: "major_category",
}


def fact_label(field: str, value: str) -> str:
    """A dated fact's value in words (for reads: the school's name, a choice's label)."""
    if not value:
        return ""
    if field == FactField.SCHOOL:
        from shuangshi.schools.models import School

        return School.objects.filter(pk=value).values_list("name", flat=True).first() or value
    choices = {
        FactField.EMPLOYMENT: Employment,
        FactField.COURSE_TYPE: CourseType,
        FactField.TITLE: Title,
        FactField.MAJOR_CATEGORY: FieldCategory,
    }[FactField(field)]
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class TeacherFact(models.Model):
    """One dated value of a teacher field: ``value`` holds from ``effective_on`` until the
    next row of the same field. The latest row always equals the teacher's current column
    (teachers.services keeps it so); before the first row the first value holds.

    ``value`` is text: the school's id for ``school``, "" for an unstated category.
    """

    # No index of its own: teacher_fact_once_a_day starts with it (one less per insert).
    teacher = models.ForeignKey(
        Teacher, on_delete=models.CASCADE, related_name="facts", db_index=False
    )
    field = models.CharField(_("field"), max_length=16, choices=FactField.choices)
    value = models.CharField(_("value"), max_length=32, blank=True)
    effective_on = models.DateField(_("effective on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["teacher_id", "field", "effective_on"]
        verbose_name = _("teacher fact")
        verbose_name_plural = _("teacher facts")
        constraints = [
            models.UniqueConstraint(
                fields=["teacher", "field", "effective_on"], name="teacher_fact_once_a_day"
            ),
        ]
        # The changes taking effect in a window, whoever's (the forecast holds the scope
        # at today's: qualification.forecast._scope_changers): 18 ms a scan at national size.
        indexes = [models.Index(fields=["effective_on"], name="teacher_fact_effective_on")]

    def __str__(self) -> str:
        return f"{self.teacher_id}.{self.field}={self.value}@{self.effective_on}"


class SchoolTeacherCount(models.Model):
    """How many teacher rows a school has, as additions and removals (issue 11): the list's
    total without counting 1.3M rows. PostgreSQL triggers (migration 0007) append a row per
    statement that inserts or deletes teachers (COPY, bulk and ORM writes alike) and per
    teacher moved between schools; a school's total is the sum of its rows, compacted now
    and then (selectors.teacher_total). Appending takes no lock, so concurrent imports and
    edits never wait on each other here. The province's total is kept the same way, as
    rows for school_id PROVINCE_ROW (0; migration 0010). Not kept on SQLite (lists count
    there)."""

    PROVINCE_ROW = 0

    school_id = models.BigIntegerField(db_index=True)
    teachers = models.IntegerField()

    def __str__(self) -> str:
        return f"{self.school_id}: {self.teachers:+d}"
