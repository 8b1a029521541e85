"""Practical teaching hours per school and term (DESIGN §9, measure 6)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TeachingHours(models.Model):
    school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, related_name="teaching_hours"
    )
    term = models.CharField(_("term"), max_length=11)  # "2026-2027-1"
    # A §3 category code; "" is the whole school's total (the selectors take it instead of
    # the category rows). The service stores the code whatever spelling came in; free text
    # only in rows older than that check (migration 0002 coded what it could).
    major_category = models.CharField(_("major category"), max_length=100, blank=True, default="")
    total_hours = models.PositiveIntegerField(_("total hours"))
    practical_hours = models.PositiveIntegerField(_("practical hours"))
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["school_id", "-term", "major_category", "id"]
        verbose_name = _("teaching hours")
        verbose_name_plural = _("teaching hours")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "term", "major_category"], name="teaching_hours_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.school_id} {self.term} {self.major_category}"
