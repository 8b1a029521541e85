from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    SCHOOL_HR = "school_hr", _("School HR")
    BASE_STAFF = "base_staff", _("Training base staff")
    TEACHER = "teacher", _("Teacher")
    EXPERT = "expert", _("Recognition expert")


# Which scope field each role needs; the others must be empty.
ROLE_SCOPE_FIELD: dict[str, str | None] = {
    Role.PROVINCE: None,
    Role.CITY: "city",
    Role.SCHOOL_HR: "school",
    Role.BASE_STAFF: "training_base",
    Role.TEACHER: "teacher",
    Role.EXPERT: None,
}
# Scope fields a role may have without needing them: an expert's own school (whose
# applications they never review).
ROLE_OPTIONAL_FIELDS: dict[str, tuple[str, ...]] = {Role.EXPERT: ("school",)}
SCOPE_FIELDS = ("city", "school", "training_base", "teacher")
# How the scope messages name each field (in the reader's language, not the code's).
SCOPE_LABELS = {
    "city": _("city"),
    "school": _("school"),
    "training_base": _("training base"),
    "teacher": _("teacher"),
}


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
    teacher = models.ForeignKey(
        "teachers.Teacher",
        on_delete=models.SET_NULL,  # a deleted teacher's account sees nothing
        null=True,
        blank=True,
        related_name="accounts",
    )
    # Set on accounts whose initial password someone else chose: every call but the
    # password change answers 403 until the owner picks their own.
    must_change_password = models.BooleanField(_("must change password"), default=False)
    # Raised when the account is deactivated: the sessions signed in before end for good (a
    # reactivated account signs in afresh), as its tokens do (get_session_auth_hash).
    sessions_epoch = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # "Province" is "province": one account, whatever the case (services check it
            # first and answer a 400; this holds for two requests at the same moment).
            models.UniqueConstraint(Lower("username"), name="accounts_user_username_ci_unique"),
        ]

    def clean(self) -> None:
        super().clean()
        errors = scope_errors(
            role=self.role,
            city=self.city_id,
            school=self.school_id,
            training_base=self.training_base_id,
            teacher=self.teacher_id,
        )
        if errors:
            raise ValidationError(errors)

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django's (the password's hash) until the account was first deactivated; then
        with the epoch too, so that no session from before a deactivation comes back (with
        the current secret or a fallback one: both ask here)."""
        if not self.sessions_epoch:
            return super()._get_session_auth_hash(secret=secret)  # type: ignore[misc]
        return salted_hmac(
            "shuangshi.accounts.User.get_session_auth_hash",
            f"{self.password}:{self.sessions_epoch}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def teacher_has_left(self) -> bool:
        """A teacher's account whose teacher has left (a leaving date today or before): it
        signs in no more and its tokens and sessions stop, from that day (read when a
        request authenticates, so a future date needs no nightly run). The authentication
        paths load the teacher with the user (accounts.auth, accounts.backends)."""
        from shuangshi.teachers.models import has_left

        if self.role != Role.TEACHER or self.teacher is None:
            return False
        return has_left(self.teacher.left_on, today=timezone.localdate())


# Said when such an account signs in or uses a token (accounts.api, accounts.auth).
TEACHER_LEFT_MESSAGE = _("The teacher of this account has left the school: it cannot sign in.")


def scope_errors(
    *,
    role: str,
    city: object,
    school: object,
    training_base: object,
    teacher: object = None,
) -> dict:
    """A role's scope field must be set and the other scope fields empty."""
    values = {"city": city, "school": school, "training_base": training_base, "teacher": teacher}
    needed = ROLE_SCOPE_FIELD.get(role)
    optional = ROLE_OPTIONAL_FIELDS.get(role, ())
    errors: dict[str, list[str]] = {}
    for field in SCOPE_FIELDS:
        label = SCOPE_LABELS[field]
        if field == needed and values[field] is None:
            errors[field] = [str(_("This role needs a %(field)s.") % {"field": label})]
        elif field != needed and field not in optional and values[field] is not None:
            errors[field] = [str(_("This role cannot have a %(field)s.") % {"field": label})]
    return errors
