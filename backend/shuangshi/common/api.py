"""Building blocks every API view uses: role permissions, scoping, versioned updates."""

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import Model, ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from rest_framework import exceptions, permissions, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from . import dates
from .filtering import parse_id

# DRF's own messages that this catalogue words for its users (backend/locale is read before
# DRF's): DRF's Chinese for a cleared number field says "该字段不能为 null。", a programmer's word.
DRF_REWORDED = (gettext_noop("This field may not be null."),)

_ETAG = re.compile(r'^(?:W/)?"?(\d+)"?$')


class RolePermission(permissions.BasePermission):
    """Reads need a role in view.read_roles, writes a role in view.write_roles."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        roles: Iterable[str] = (
            view.read_roles if request.method in permissions.SAFE_METHODS else view.write_roles
        )
        return str(getattr(user, "role", "")) in set(roles)


def expected_version(request: Request) -> int:
    """The version the client read: the `version` field, or an If-Match header."""
    raw = request.data.get("version") if hasattr(request.data, "get") else None
    if raw in (None, ""):
        header = request.headers.get("If-Match", "")
        match = _ETAG.match(header.strip())
        raw = match.group(1) if match else None
    if raw in (None, ""):
        raise exceptions.ValidationError(
            {"version": [_("Send the version you read (the version field or If-Match).")]}
        )
    try:
        return int(str(raw))
    except (TypeError, ValueError):
        raise exceptions.ValidationError({"version": [_("A valid integer is required.")]}) from None


def id_param(params: Any, name: str) -> int | None:
    """Query parameter `name` naming a record: a positive integer in ASCII digits, None when
    absent or blank; a 400 naming the parameter otherwise."""
    raw = params.get(name)
    if raw in (None, ""):
        return None
    number = parse_id(raw)
    if number is None:
        raise exceptions.ValidationError({name: [_("A valid integer is required.")]})
    return number


class ScopedModelViewSet(viewsets.ModelViewSet):
    """CRUD whose writes go through services and whose updates name the version they read.

    Subclasses set read_roles/write_roles, get_queryset() (already scoped to the user), and
    the perform_* hooks that call the app's services.
    """

    permission_classes = [RolePermission]
    read_roles: Iterable[str] = ()
    write_roles: Iterable[str] = ()
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        version = expected_version(request)
        with transaction.atomic():
            return self._update_locked(request, version)

    def _update_locked(self, request: Request, version: int) -> Response:
        scoped = self.get_object()
        # Lock the row so two writers holding the same version cannot both pass the check.
        instance = type(scoped).objects.select_for_update().get(pk=scoped.pk)
        if version != instance.version:
            current = self.get_serializer(instance).data
            return Response(
                {
                    "detail": _("Someone else changed this record; reload it and try again."),
                    "current": current,
                },
                status=status.HTTP_409_CONFLICT,
            )
        serializer = self.get_serializer(instance, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        return Response(self.get_serializer(serializer.instance).data)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """A DELETE that names the version it read (If-Match) is refused when stale."""
        if not request.headers.get("If-Match"):
            return super().destroy(request, *args, **kwargs)
        version = expected_version(request)
        with transaction.atomic():
            scoped = self.get_object()
            instance = type(scoped).objects.select_for_update().get(pk=scoped.pk)
            if version != instance.version:
                return Response(
                    {
                        "detail": _("Someone else changed this record; reload it and try again."),
                        "current": self.get_serializer(instance).data,
                    },
                    status=status.HTTP_409_CONFLICT,
                )
            self.perform_destroy(instance)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().retrieve(request, *args, **kwargs)
        version = response.data.get("version") if isinstance(response.data, dict) else None
        if version is not None:
            response["ETag"] = f'"{version}"'
        return response


class VersionedSerializer(serializers.ModelSerializer):
    """`version` reads back and is accepted on input only to check staleness."""

    version = serializers.IntegerField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs.pop("version", None)
        return super().validate(attrs)


def _stored_and_new(instance: Model, name: str, value: Any) -> tuple[Any, Any]:
    """The instance's value of ``name`` and ``value`` in comparable form: a relation by its
    key (no query for the related row), anything else as it is."""
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return getattr(instance, name, None), value
    if field.many_to_one or field.one_to_one:
        key = value.pk if isinstance(value, Model) else value
        return getattr(instance, field.attname), key  # type: ignore[union-attr]
    return getattr(instance, name, None), value


def changed_values(instance: Model, data: dict[str, Any]) -> dict[str, Any]:
    """The items of ``data`` whose values differ from the instance's: empty when writing
    ``data`` would change nothing (a PATCH sending back what it read)."""
    changed: dict[str, Any] = {}
    for name, value in data.items():
        stored, new = _stored_and_new(instance, name, value)
        if stored != new:
            changed[name] = value
    return changed


def apply_changes(instance: Model, data: dict[str, Any], *, touched: bool = False) -> Model:
    """Set fields, bump the version and save (callers hold the transaction).

    One rule for every record: when ``data`` holds only the stored values, nothing is saved
    and the version stays (no audit entry either), so the reader's next edit still goes
    through; the callers then skip their re-evaluation and history too (changed_values).
    ``touched``: something else of the record changed (its many-to-many rows), so it is a
    new version even when its own fields are the same."""
    if not changed_values(instance, data) and not touched:
        return instance
    for field, value in data.items():
        setattr(instance, field, value)
    instance.version += 1  # type: ignore[attr-defined]
    instance.save()
    return instance


def request_user(serializer: serializers.Serializer) -> Any:
    """The user making the request a serializer is validating."""
    return serializer.context["request"].user


def merged_values(serializer: serializers.ModelSerializer, attrs: dict[str, Any]) -> dict[str, Any]:
    """The record as it will be saved: the instance's values overlaid with the input."""
    values: dict[str, Any] = {}
    if serializer.instance is not None:
        for field in serializer.Meta.fields:
            if hasattr(serializer.instance, field):
                values[field] = getattr(serializer.instance, field)
    values.update(attrs)
    return values


def raise_errors(errors: dict[str, list[str]]) -> None:
    """Raise the `{field: [messages]}` of a record rule as a 400."""
    if errors:
        raise serializers.ValidationError(errors)


class AsOfField(serializers.DateField):
    """A query serializer's date parameter (`as_of`): read as every date query parameter is
    (dates.parse_day: exactly YYYY-MM-DD, not DRF's wider ISO forms), 1950 to 2100."""

    def to_internal_value(self, value: Any) -> date:
        try:
            day = dates.parse_day(value)
        except ValueError:
            raise serializers.ValidationError(dates.wrong_form()) from None
        if not dates.in_range(day):
            raise serializers.ValidationError(dates.out_of_range())
        return day


def delete_protected(delete: Any, message: str, **kwargs: Any) -> None:
    """Run a delete service; rows still referenced (ProtectedError) become a 400 saying why."""
    try:
        delete(**kwargs)
    except ProtectedError:
        raise exceptions.ValidationError({"non_field_errors": [message]}) from None
