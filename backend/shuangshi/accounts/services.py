from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import User, scope_errors


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
    if password:
        user.set_password(password)
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
    if password:
        user.set_password(password)
    user.save()
    return user


@transaction.atomic
def user_deactivate(*, user: User) -> None:
    """Accounts are deactivated, never deleted, so the audit trail keeps its actor."""
    user.is_active = False
    user.save(update_fields=["is_active"])
