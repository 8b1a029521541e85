"""Audit history through the API: a teacher's history, the province's search, the reveal."""

from typing import Any

from auditlog.models import LogEntry
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle

from shuangshi.accounts.models import Role
from shuangshi.accounts.scope import can_see_full_id_number
from shuangshi.common.api import RolePermission
from shuangshi.common.idnumbers import mask_id_text

from . import selectors, services
from .filters import ACTIONS, LogEntryFilter

ACTION_NAMES = {number: name for name, number in ACTIONS.items()}


class LogEntrySerializer(serializers.ModelSerializer):
    action = serializers.SerializerMethodField()
    model = serializers.CharField(source="content_type.model", read_only=True)
    actor = serializers.CharField(
        source="actor.username", read_only=True, default=None, allow_null=True
    )
    changes = serializers.SerializerMethodField()

    class Meta:
        model = LogEntry
        fields = [
            "id",
            "timestamp",
            "action",
            "model",
            "object_id",
            "object_repr",
            "actor",
            "changes",
            "additional_data",
        ]
        read_only_fields = fields

    def get_action(self, entry: LogEntry) -> str:
        return ACTION_NAMES.get(entry.action, str(entry.action))

    def get_changes(self, entry: LogEntry) -> dict[str, list[Any]]:
        """{field: [before, after]}; ID numbers were masked when the entry was written (and
        are masked again as today's mask, for older entries). A reader who sees the ID
        masked (context `full_ids` False) reads birth dates as their year."""
        changes = _masked(entry.changes_dict)
        if not self.context.get("full_ids", True):
            for name in ("birth_date",):
                if name in changes:
                    changes[name] = [_year(value) for value in changes[name]]
        return changes

    def to_representation(self, instance: LogEntry) -> dict[str, Any]:
        data = super().to_representation(instance)
        if _objection(instance) and not _province_reads(self.context):
            data["actor"] = None  # who objected is the province's to read (DESIGN §8)
        # Free text (a reveal's reason, an object's name) may hold a typed ID number.
        data["additional_data"] = _masked(data.get("additional_data"))
        data["object_repr"] = mask_id_text(data.get("object_repr") or "")
        return data


def _objection(entry: LogEntry) -> bool:
    """An application's change to `objected`: the change an objection makes, whose actor is
    the objector."""
    if entry.content_type.model != "application" or entry.content_type.app_label != "recognition":
        return False
    status = entry.changes_dict.get("status")
    return isinstance(status, list) and len(status) == 2 and status[1] == "objected"


def _province_reads(context: dict[str, Any]) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    return getattr(user, "role", None) == Role.PROVINCE


def _masked(value: Any) -> Any:
    """Every string inside `value` with its ID-shaped runs masked."""
    if isinstance(value, str):
        return mask_id_text(value)
    if isinstance(value, list):
        return [_masked(v) for v in value]
    if isinstance(value, dict):
        return {k: _masked(v) for k, v in value.items()}
    return value


def _year(value: Any) -> Any:
    """ "1985-06-15" → "1985" (None and "None" stay as they are)."""
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-":
        return value[:4]
    return value


class HistoryPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = LogEntrySerializer(many=True)


class AuditLogEntrySerializer(LogEntrySerializer):
    class Meta(LogEntrySerializer.Meta):
        fields = [*LogEntrySerializer.Meta.fields, "remote_addr"]
        read_only_fields = fields


class AuditLogViewSet(viewsets.ReadOnlyModelViewSet):
    """Every audit entry of the province, searchable (province only)."""

    serializer_class = AuditLogEntrySerializer
    permission_classes = [RolePermission]
    read_roles = [Role.PROVINCE]
    write_roles: list[str] = []
    filterset_class = LogEntryFilter
    search_fields = ["object_repr", "actor__username"]
    ordering_fields = ["timestamp", "id"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return selectors.log_entries()


class RevealSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class RevealResponseSerializer(serializers.Serializer):
    id_number = serializers.CharField()


class RevealThrottle(UserRateThrottle):
    """Reveals are for looking one person up, not for harvesting: a low rate per user."""

    scope = "reveal"
    rate = "60/hour"


class TeacherAuditActions:
    """Mixed into TeacherViewSet: get_object() there is already scoped to the user."""

    @extend_schema(responses=HistoryPageSerializer, filters=False)
    @action(detail=True, methods=["get"], filterset_class=None)
    def history(self, request: Request, pk: str | None = None) -> Response:
        teacher = self.get_object()  # type: ignore[attr-defined]
        page = self.paginate_queryset(selectors.teacher_history(teacher=teacher))  # type: ignore[attr-defined]
        full = can_see_full_id_number(request.user, teacher.school_id)  # type: ignore[arg-type]
        context = {"full_ids": full, "request": request}
        entries = LogEntrySerializer(page, many=True, context=context)
        return self.get_paginated_response(entries.data)  # type: ignore[attr-defined]

    @extend_schema(request=RevealSerializer, responses=RevealResponseSerializer)
    @action(
        detail=True,
        methods=["post"],
        url_path="reveal-id-number",
        throttle_classes=[RevealThrottle],
        filterset_class=None,
    )
    def reveal_id_number(self, request: Request, pk: str | None = None) -> Response:
        teacher = self.get_object()  # type: ignore[attr-defined]
        body = RevealSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            number = services.id_number_reveal(
                user=request.user,  # type: ignore[arg-type]
                teacher=teacher,
                reason=body.validated_data["reason"],
            )
        except services.RevealRefused:
            raise exceptions.PermissionDenied(
                _("Only the teacher's school HR and the province may read the full ID number.")
            ) from None
        return Response({"id_number": number}, headers={"Cache-Control": "no-store"})
