import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from knox.models import AuthToken

from shuangshi.teachers.models import Teacher

from .models import Role, User, scope_errors

# Accounts whose initial password someone else sets must choose their own at first login.
FIRST_LOGIN_CHANGE_ROLES = (Role.TEACHER, Role.EXPERT)


def _check_scope(user: User) -> None:
    errors = scope_errors(
        role=user.role,
        city=user.city_id,
        school=user.school_id,
        training_base=user.training_base_id,
        teacher=user.teacher_id,
    )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def user_create(*, username: str, password: str | None, role: str, **fields: Any) -> User:
    user = User(username=username, role=role, **fields)
    _check_scope(user)
    _check_teacher_free(user)
    if password:
        _check_password(password, user)
        user.set_password(password)
        user.must_change_password = role in FIRST_LOGIN_CHANGE_ROLES
    else:
        user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def user_update(*, user: User, data: dict[str, Any]) -> User:
    password = data.pop("password", None)
    for field, value in data.items():
        setattr(user, field, value)
    _check_scope(user)
    _check_teacher_free(user)
    if password:
        _check_password(password, user)
        user.set_password(password)
        user.must_change_password = user.role in FIRST_LOGIN_CHANGE_ROLES
        tokens_revoke(user=user)
    user.save()
    return user


def _check_password(password: str, user: User, field: str = "password") -> None:
    """Django's validators (AUTH_PASSWORD_VALIDATORS), the user's own attributes included:
    every service that sets a password calls this, so the API, the create_user command and
    a password change refuse the same passwords (`zhangwei2024` for zhangwei2024)."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({field: list(exc.messages)}) from None


def _check_teacher_free(user: User) -> None:
    """One active account per teacher."""
    if user.teacher_id is None or not user.is_active:
        return
    taken = User.objects.filter(teacher_id=user.teacher_id, is_active=True).exclude(pk=user.pk)
    if taken.exists():
        raise ValidationError({"teacher": [_("This teacher already has an account.")]})


@transaction.atomic
def user_password_change(*, user: User, old_password: str, new_password: str) -> User:
    """The owner sets their own password; their API tokens end with the old one."""
    if not user.check_password(old_password):
        raise ValidationError({"old_password": [_("The current password is wrong.")]})
    _check_password(new_password, user, "new_password")
    if old_password == new_password:
        raise ValidationError(
            {"new_password": [_("Choose a password different from the current one.")]}
        )
    user.set_password(new_password)
    user.must_change_password = False
    user.save()
    tokens_revoke(user=user)
    return user


def _initial_password() -> str:
    """Readable, and strong enough for the validators; the owner changes it at first login."""
    return f"Ss-{secrets.token_urlsafe(9)}"


def _teacher_username(teacher: Teacher) -> str:
    base = f"t{teacher.school_id}-{teacher.staff_no or teacher.pk}".lower()
    username, n = base, 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{base}-{n}"
    return username


@transaction.atomic
def teacher_accounts_create(*, teachers: Iterable[Teacher]) -> list[dict[str, Any]]:
    """An account for each teacher that has none, with a one-time initial password.

    Returns, per teacher, {teacher, username, password}; `password` is None (and
    `username` the existing one) when the teacher already had an active account.
    """
    out: list[dict[str, Any]] = []
    for teacher in teachers:
        existing = User.objects.filter(teacher=teacher, is_active=True).first()
        if existing is not None:
            out.append({"teacher": teacher.pk, "username": existing.username, "password": None})
            continue
        password = _initial_password()
        user = user_create(
            username=_teacher_username(teacher),
            password=password,
            role=Role.TEACHER,
            teacher=teacher,
        )
        out.append({"teacher": teacher.pk, "username": user.username, "password": password})
    return out


@transaction.atomic
def user_deactivate(*, user: User) -> None:
    """Accounts are deactivated, never deleted, so the audit trail keeps its actor.
    Its API tokens end (a reactivated account signs in afresh)."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    tokens_revoke(user=user)


@transaction.atomic
def token_issue(*, user: User) -> str:
    """A new API token (DESIGN §5): it ends after settings.REST_KNOX's idle and absolute
    lifetimes (knox refreshes the idle end on use), or when revoked below. The user's
    expired tokens are deleted here (accounts.auth does not look for them on every request)."""
    AuthToken.objects.filter(user=user, expiry__lt=timezone.now()).delete()
    _instance, token = AuthToken.objects.create(user=user, expiry=settings.REST_KNOX["TOKEN_TTL"])
    return str(token)


@transaction.atomic
def token_revoke(*, token: AuthToken) -> None:
    """Logout with a token: that token ends."""
    token.delete()


@transaction.atomic
def tokens_revoke(*, user: User) -> None:
    """Every API token of the user ends (password set or changed, account deactivated)."""
    AuthToken.objects.filter(user=user).delete()
