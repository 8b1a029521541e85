from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    SCHOOL_HR = "school_hr", _("School HR")
    BASE_STAFF = "base_staff", _("Training base staff")


# Which scope field each role needs; the others must be empty.
ROLE_SCOPE_FIELD: dict[str, str | None] = {
    Role.PROVINCE: None,
    Role.CITY: "city",
    Role.SCHOOL_HR: "school",
    Role.BASE_STAFF: "training_base",
}
SCOPE_FIELDS = ("city", "school", "training_base")


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    city = models.ForeignKey(
        "schools.City", on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    training_base = models.ForeignKey(
        "training.TrainingBase",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def clean(self) -> None:
        super().clean()
        errors = scope_errors(
            role=self.role,
            city=self.city_id,
            school=self.school_id,
            training_base=self.training_base_id,
        )
        if errors:
            raise ValidationError(errors)


def scope_errors(*, role: str, city: object, school: object, training_base: object) -> dict:
    """A role's scope field must be set and the other scope fields empty."""
    values = {"city": city, "school": school, "training_base": training_base}
    needed = ROLE_SCOPE_FIELD.get(role)
    errors: dict[str, list[str]] = {}
    for field in SCOPE_FIELDS:
        if field == needed and values[field] is None:
            errors[field] = [str(_("This role needs a %(field)s.") % {"field": field})]
        elif field != needed and values[field] is not None:
            errors[field] = [str(_("This role cannot have a %(field)s.") % {"field": field})]
    return errors
