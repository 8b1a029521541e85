"""notifications/ (DESIGN §9): each user reads only their own; alert-settings/ for the lead
times (the province edits them)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shuangshi.accounts.models import Role, User
from shuangshi.common.api import RolePermission, expected_version
from shuangshi.common.filtering import OrderingFilter, SearchFilter

from . import alerts, selectors, services, wording
from .models import LEAD_FIELDS, AlertSettings, Kind, Notification

EVERY_ROLE = [choice for choice, _label in Role.choices]


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "title",
            "body",
            "link",
            "subject",
            "due_on",
            "created_at",
            "read_at",
            "resolved_at",
        ]
        read_only_fields = fields

    def to_representation(self, instance: Notification) -> dict[str, Any]:
        """The title and body in the language the request asks for (`wording`)."""
        data = super().to_representation(instance)
        data["title"], data["body"] = wording.worded(instance)
        return data


class NotificationsQuery(serializers.Serializer):
    unread = serializers.BooleanField(required=False, allow_null=True, default=None)
    kind = serializers.ChoiceField(required=False, choices=Kind.choices)


LANGUAGE_CHOICES = [("", ""), *((code, code) for code, _label in settings.LANGUAGES)]


class PreferenceSerializer(serializers.Serializer):
    email_enabled = serializers.BooleanField(
        help_text="The account's choice (on by default); digests go out only with an address "
        "too (`email_active`)"
    )
    email = serializers.CharField(read_only=True, help_text="Where the digest goes (blank: none)")
    email_active = serializers.BooleanField(
        read_only=True,
        help_text="Whether digests go out: email_enabled and an address on file (false without "
        "one; turning email_enabled on without one is a 400)",
    )
    language = serializers.ChoiceField(
        choices=LANGUAGE_CHOICES,
        read_only=True,
        help_text="The digest's language (blank: the site's default, Chinese)",
    )


class PreferenceUpdateSerializer(serializers.Serializer):
    """What a PATCH may change: either or both."""

    email_enabled = serializers.BooleanField(required=False)
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs:
            raise serializers.ValidationError(
                {"email_enabled": [_("Give email_enabled or language.")]}
            )
        return attrs


UnreadCount = inline_serializer("UnreadCount", {"unread": serializers.IntegerField()})
ReadAll = inline_serializer("ReadAll", {"marked": serializers.IntegerField()})


class NotificationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    permission_classes = [RolePermission]
    read_roles = EVERY_ROLE
    write_roles = EVERY_ROLE
    serializer_class = NotificationSerializer
    filter_backends = [SearchFilter, OrderingFilter]
    search_fields = ["title", "body"]  # as the reader reads them: wording.search_condition
    search_condition = staticmethod(wording.search_condition)
    # ?ordering= (the schema offers it, as on every list); an unknown one is a 400.
    ordering_fields = ["created_at", "due_on", "read_at", "id"]

    def get_queryset(self) -> QuerySet[Notification]:
        user = self.request.user
        if not user.is_authenticated:
            return Notification.objects.none()
        return selectors.notifications_of(user=user)  # type: ignore[arg-type]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "unread",
                bool,
                description=(
                    "true: only the unread, those the bell counts (not read, and not "
                    "resolved: an alert whose condition ended waits no more); false: the "
                    "rest (read, or resolved). Without it: all, resolved ones too "
                    "(resolved_at set)."
                ),
            ),
            OpenApiParameter("kind", str, enum=[k for k, _l in Kind.choices]),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        params = {k: v for k, v in request.query_params.items() if v != ""}
        q = NotificationsQuery(data=params)
        q.is_valid(raise_exception=True)
        qs = self.filter_queryset(self.get_queryset())
        unread = q.validated_data.get("unread")
        if unread is not None:
            qs = qs.filter(selectors.UNREAD) if unread else qs.exclude(selectors.UNREAD)
        if q.validated_data.get("kind"):
            qs = qs.filter(kind=q.validated_data["kind"])
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        description="The bell: how many are unread and not resolved (a job's notice is never "
        "resolved; a resolved alert no longer counts).",
        responses={200: UnreadCount},
    )
    @action(detail=False, methods=["get"], url_path="unread-count")
    def unread_count(self, request: Request) -> Response:
        user: User = request.user  # type: ignore[assignment]
        return Response({"unread": selectors.notifications_unread(user=user).count()})

    @extend_schema(request=None, responses={200: NotificationSerializer})
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        notification = services.notification_read(
            notification=self.get_object(),
            user=request.user,  # type: ignore[arg-type]
        )
        return Response(NotificationSerializer(notification).data)

    @extend_schema(
        description="Marks read what the bell counts (resolved alerts are left as they are); "
        "`marked`: how many.",
        request=None,
        responses={200: ReadAll},
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        marked = services.notifications_read_all(user=request.user)  # type: ignore[arg-type]
        return Response({"marked": marked})

    @extend_schema(methods=["GET"], responses={200: PreferenceSerializer})
    @extend_schema(
        methods=["PATCH"],
        request=PreferenceUpdateSerializer,
        responses={200: PreferenceSerializer},
    )
    @action(detail=False, methods=["get", "patch"])
    def preferences(self, request: Request) -> Response:
        user: User = request.user  # type: ignore[assignment]
        if request.method == "PATCH":
            s = PreferenceUpdateSerializer(data=request.data)
            s.is_valid(raise_exception=True)
            pref = services.preference_set(user=user, **s.validated_data)
        else:
            pref = services.preference_get(user=user)
        return Response(
            {
                "email_enabled": pref.email_enabled,
                "email": user.email,
                "email_active": services.digest_active(user=user, pref=pref),
                "language": pref.language,
            }
        )


class AlertSettingsSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(required=False)
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)  # null: never set

    class Meta:
        model = AlertSettings
        fields = [*LEAD_FIELDS, "version", "updated_at"]
        extra_kwargs = {
            name: {"min_value": 1, "max_value": 730, "required": False} for name in LEAD_FIELDS
        }


class AlertSettingsView(APIView):
    """The lead times of the daily alerts: everyone with a school scope reads them, the
    province changes them (naming the version it read)."""

    permission_classes = [RolePermission]
    read_roles = [Role.PROVINCE, Role.CITY, Role.SCHOOL_HR]
    write_roles = [Role.PROVINCE]

    @extend_schema(responses={200: AlertSettingsSerializer})
    def get(self, request: Request) -> Response:
        return Response(AlertSettingsSerializer(alerts.settings_current()).data)

    @extend_schema(request=AlertSettingsSerializer, responses={200: AlertSettingsSerializer})
    def patch(self, request: Request) -> Response:
        s = AlertSettingsSerializer(data=request.data, partial=True)
        s.is_valid(raise_exception=True)
        data = dict(s.validated_data)
        data.pop("version", None)
        version = expected_version(request)  # a 400 naming `version` without one, as targets
        try:
            row = services.alert_settings_update(
                data=data,
                user=request.user,  # type: ignore[arg-type]
                version=version,
            )
        except services.StaleSettings as stale:
            return Response(
                {
                    "detail": _("Someone else changed this record; reload it and try again."),
                    "current": AlertSettingsSerializer(stale.current).data,
                },
                status=status.HTTP_409_CONFLICT,
            )
        return Response(AlertSettingsSerializer(row).data)
