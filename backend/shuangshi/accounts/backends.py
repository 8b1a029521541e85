"""Django's ModelBackend, whose session user comes with its teacher and ends with it."""

from typing import Any

from django.contrib.auth.backends import ModelBackend

from .models import User


class AccountBackend(ModelBackend):
    """Signs in as ModelBackend does (the sign-in views say why a teacher who has left is
    refused). A session's user is read with its teacher in one query, and a teacher's account
    stops from its teacher's leaving date (User.teacher_has_left): the session then holds
    no one, as for a deactivated account."""

    def get_user(self, user_id: Any) -> User | None:  # type: ignore[override]
        try:
            user = User._default_manager.select_related("teacher").get(pk=user_id)
        except User.DoesNotExist:
            return None
        if not self.user_can_authenticate(user) or user.teacher_has_left():
            return None
        return user
