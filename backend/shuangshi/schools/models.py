from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _


class City(models.Model):
    """One of Jiangxi's 11 prefecture-level cities, or the Ganjiang New Area."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=40, unique=True)
    name_en = models.CharField(_("English name"), max_length=60)

    class Meta:
        ordering = ["code"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def __str__(self) -> str:
        return self.name


class SchoolKind(models.TextChoices):
    HIGHER_VOCATIONAL = "higher_vocational", _("Higher vocational college")
    SECONDARY_VOCATIONAL = "secondary_vocational", _("Secondary vocational school")
    TECHNICIAN_COLLEGE = "technician_college", _("Technician college")
    SENIOR_TECHNICAL_SCHOOL = "senior_technical_school", _("Senior technical school")
    TECHNICAL_SCHOOL = "technical_school", _("Technical school")


# 技工院校: their dual-qualified teachers are called 一体化教师.
TECHNICAL_KINDS = frozenset(
    {
        SchoolKind.TECHNICIAN_COLLEGE,
        SchoolKind.SENIOR_TECHNICAL_SCHOOL,
        SchoolKind.TECHNICAL_SCHOOL,
    }
)


class School(models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="schools")
    kind = models.CharField(_("kind"), max_length=32, choices=SchoolKind.choices)
    student_count = models.PositiveIntegerField(_("student count"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        indexes = [models.Index(fields=["city", "kind"])]
        constraints = [
            # One school per code whatever its case (codes.py; services say so first).
            models.UniqueConstraint(
                Upper("code"),
                name="schools_school_code_any_case",
                violation_error_message=_(
                    "A school with this code already exists (codes are compared ignoring "
                    "case and full- or half-width characters)."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name
