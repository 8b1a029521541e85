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
from shuangshi.common.api import RolePermission

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
        """{field: [before, after]}; ID numbers were masked when the entry was written."""
        return entry.changes_dict


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
        return self.get_paginated_response(LogEntrySerializer(page, many=True).data)  # type: ignore[attr-defined]

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
