"""Accounts in Django's admin, written through accounts.services as the API writes them.

Django's UserAdmin saves the form's model directly: a change there skipped the rules and
consequences of `user_update` (scope, one active account per teacher, the last province
account, tokens and sessions ending on deactivation, experts leaving open rounds, files and
alerts of an old scope); a password set there kept the owner's tokens and need not be
changed at the next sign-in. Each form below asks the service first (in a transaction rolled
back) so that its refusal is the form's error, then the save calls it for real.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import (
    AdminPasswordChangeForm,
    AdminUserCreationForm,
    BaseUserCreationForm,
)
from django.contrib.auth.forms import UserChangeForm as BaseUserChangeForm
from django.core.exceptions import ValidationError
from django.db import transaction

from . import services
from .models import User

SCOPE = ("role", "city", "school", "training_base", "teacher")


class _Trial(Exception):
    """Rolls back a change tried only to hear what the service says of it."""


def _ask_service(form: forms.BaseForm, run: Callable[[], Any]) -> None:
    """The service's refusal of `run` as the form's errors; nothing of it is kept."""
    try:
        with transaction.atomic():
            run()
            raise _Trial
    except _Trial:
        pass
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)


def _own_fields(form: forms.ModelForm, names: Any) -> dict[str, Any]:
    """The form's values of the user's own columns among `names` (not groups/permissions,
    which the admin saves after: save_related)."""
    columns = {f.name for f in User._meta.concrete_fields} - {"password"}
    return {n: form.cleaned_data[n] for n in names if n in columns and n in form.cleaned_data}


class UserChangeForm(BaseUserChangeForm):
    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if not self.errors:
            data = _own_fields(self, self.changed_data)
            fresh = User.objects.get(pk=self.instance.pk)
            _ask_service(self, lambda: services.user_update(user=fresh, data=dict(data)))
        return cleaned


class UserCreationForm(AdminUserCreationForm):
    class Meta(BaseUserCreationForm.Meta):  # type: ignore[name-defined]
        model = User
        fields = ("username", *SCOPE)

    def create_kwargs(self) -> dict[str, Any]:
        fields = _own_fields(self, self.cleaned_data)
        usable = self.cleaned_data.get("set_usable_password", True)
        password = self.cleaned_data.get("password1") if usable else None
        return {**fields, "password": password or None}

    def _post_clean(self) -> None:  # type: ignore[misc]
        # The service checks the password with the account's own attributes (similarity).
        super()._post_clean()  # type: ignore[misc]
        if not self.errors:
            _ask_service(self, lambda: services.user_create(**self.create_kwargs()))


class PasswordChangeForm(AdminPasswordChangeForm):
    """A password set here is someone else's choice: the owner changes it at the next
    sign-in, and the account's tokens end (user_update); disabling password sign-in ends
    them too (user_password_disable)."""

    def save(self, commit: bool = True) -> User:  # type: ignore[override]
        fresh = User.objects.get(pk=self.user.pk)
        if self.cleaned_data["set_usable_password"]:
            password = self.cleaned_data["password1"]
            self.user = services.user_update(user=fresh, data={"password": password})
        else:
            self.user = services.user_password_disable(user=fresh)
        return self.user


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    change_password_form = PasswordChangeForm
    list_display = ["username", "role", "city", "school", "training_base", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Scope", {"fields": SCOPE}),
    )
    add_fieldsets = (
        *(BaseUserAdmin.add_fieldsets or ()),
        ("Scope", {"fields": SCOPE}),
    )
    raw_id_fields = ["school", "training_base", "teacher"]

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        if change:
            fresh = User.objects.get(pk=obj.pk)
            saved = services.user_update(user=fresh, data=_own_fields(form, form.changed_data))
        else:
            saved = services.user_create(**form.create_kwargs())
        obj.pk = saved.pk
        form.instance = saved

    def delete_model(self, request: Any, obj: Any) -> None:
        """Deleting deactivates, as the API's delete does (the audit trail keeps its actor)."""
        try:
            services.user_deactivate(user=User.objects.get(pk=obj.pk))
        except ValidationError as error:  # the last active province account
            messages.error(request, " ".join(error.messages))

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        for user in queryset:
            self.delete_model(request, user)
