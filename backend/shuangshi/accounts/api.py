from typing import Any

from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, permissions, serializers, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shuangshi.common.api import RolePermission

from . import services
from .models import Role, User


class MeSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="get_full_name", read_only=True)
    school_name = serializers.CharField(
        source="school.name", read_only=True, default=None, allow_null=True
    )
    training_base_name = serializers.CharField(
        source="training_base.name", read_only=True, default=None, allow_null=True
    )
    city_name = serializers.CharField(
        source="city.name", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "full_name",
            "role",
            "school",
            "school_name",
            "training_base",
            "training_base_name",
            "city",
            "city_name",
        ]
        read_only_fields = fields


class CredentialsSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        request = self.context.get("request")
        user = authenticate(request=request, username=attrs["username"], password=attrs["password"])
        if getattr(request, "axes_locked_out", False):
            # django-axes flags the request once a username+address has failed too often.
            raise exceptions.Throttled(
                detail=_("Too many failed logins. Try again later or ask the province.")
            )
        if user is None:
            raise serializers.ValidationError(
                {"non_field_errors": [_("Wrong username or password.")]}
            )
        attrs["user"] = user
        return attrs


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()


class TokenView(APIView):
    """Exchange a username and password for an API token (`Authorization: Token …`)."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list[type] = []

    @extend_schema(request=CredentialsSerializer, responses=TokenResponseSerializer)
    def post(self, request: Request) -> Response:
        serializer = CredentialsSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})


@method_decorator(ensure_csrf_cookie, name="get")
class CsrfView(APIView):
    """Sets the csrftoken cookie for the browser app."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(responses={204: None})
    def get(self, request: Request) -> Response:
        return Response(status=status.HTTP_204_NO_CONTENT)


class LoginView(APIView):
    """Session login for the browser app (CSRF protected)."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(request=CredentialsSerializer, responses=MeSerializer)
    def post(self, request: Request) -> Response:
        # DRF checks CSRF only for already-authenticated sessions; login needs it too.
        SessionAuthentication().enforce_csrf(request)
        serializer = CredentialsSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        login(request._request, user)
        return Response(MeSerializer(user).data)


class LogoutView(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(request.user).data)


@extend_schema_field(
    {
        "anyOf": [
            {"type": "string", "format": "email", "maxLength": 254},
            {"type": "string", "maxLength": 0},
        ]
    }
)
class OptionalEmailField(serializers.EmailField):
    """An email address, or blank (accounts need none): `format: email` alone refuses ""."""


class UserSerializer(serializers.ModelSerializer):
    email = OptionalEmailField(
        label=gettext_lazy("email address"), max_length=254, required=False, allow_blank=True
    )
    password = serializers.CharField(
        write_only=True, required=False, style={"input_type": "password"}
    )

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "role",
            "city",
            "school",
            "training_base",
            "is_active",
            "password",
            "last_login",
        ]
        read_only_fields = ["last_login"]

    def validate_password(self, value: str) -> str:
        try:
            validate_password(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(list(exc.messages)) from None
        return value


class UserViewSet(viewsets.ModelViewSet):
    """Accounts, managed by the province. Deleting deactivates."""

    serializer_class = UserSerializer
    permission_classes = [RolePermission]
    read_roles = [Role.PROVINCE]
    write_roles = [Role.PROVINCE]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    filterset_fields = ["role", "city", "school", "training_base", "is_active"]
    search_fields = ["username", "first_name", "last_name", "email"]
    ordering_fields = ["username", "role", "last_login"]

    def get_queryset(self) -> QuerySet[User]:
        return User.objects.all()

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = services.user_create(
            username=data.pop("username"),
            password=data.pop("password", None),
            role=data.pop("role"),
            **data,
        )

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.user_update(
            user=serializer.instance, data=dict(serializer.validated_data)
        )

    def perform_destroy(self, instance: User) -> None:
        services.user_deactivate(user=instance)
