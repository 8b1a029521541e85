from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from shuangshi.teachers.models import Gender


class MentorCategory(models.TextChoices):
    ENGINEER = "engineer", _("Enterprise engineer")
    HIGH_SKILL = "high_skill", _("High-skilled talent")
    MANAGER = "manager", _("Manager")
    CRAFTSMAN = "craftsman", _("Craftsman (能工巧匠)")


class Mentor(models.Model):
    """An industry mentor (产业导师) from an enterprise; may serve several schools."""

    name = models.CharField(_("name"), max_length=50)
    id_number = models.CharField(_("ID number"), max_length=18, unique=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"))
    enterprise = models.CharField(_("enterprise"), max_length=200)
    category = models.CharField(_("category"), max_length=16, choices=MentorCategory.choices)
    title = models.CharField(_("title"), max_length=100, blank=True)
    skills = models.CharField(_("skills"), max_length=200, blank=True)
    # The school whose HR registered the mentor (none: the province, an import, the demo):
    # its HR sees and edits the record while no school appoints the mentor, as when the
    # appointment made with the registration failed to save (selectors.mentors_visible_to).
    registered_by_school = models.ForeignKey(
        "schools.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("registered by school"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("industry mentor")
        verbose_name_plural = _("industry mentors")

    def __str__(self) -> str:
        return self.name


class AppointmentMode(models.TextChoices):
    TEACHING = "teaching", _("Part-time teaching")
    RESEARCH = "research", _("Joint research")
    PROJECT = "project", _("Project")


class MentorAppointment(models.Model):
    mentor = models.ForeignKey(Mentor, on_delete=models.PROTECT, related_name="appointments")
    school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, related_name="mentor_appointments"
    )
    mode = models.CharField(_("mode"), max_length=16, choices=AppointmentMode.choices)
    start_on = models.DateField(_("start"))
    end_on = models.DateField(_("end"), null=True, blank=True)
    hours = models.PositiveIntegerField(_("hours"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-start_on", "id"]
        verbose_name = _("mentor appointment")
        verbose_name_plural = _("mentor appointments")
        indexes = [models.Index(fields=["school", "mode"])]

    def __str__(self) -> str:
        return f"{self.mentor_id}@{self.school_id} {self.mode}"

    def clean(self) -> None:
        if self.start_on and self.end_on and self.end_on < self.start_on:
            raise ValidationError({"end_on": _("The end date cannot be before the start date.")})
