from typing import Any

from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.db.models import QuerySet
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from knox.models import AuthToken
from rest_framework import exceptions, permissions, serializers, status, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from shuangshi.common.api import RolePermission
from shuangshi.common.relations import WholeIdField
from shuangshi.schools.models import School
from shuangshi.teachers.models import Teacher

from . import services
from .filters import UserFilter
from .models import TEACHER_LEFT_MESSAGE, Role, User
from .scope import teachers_visible_to


def account_school(user: User) -> School | None:
    """The account's school: a teacher account's is its teacher record's (today's), as it
    holds none of its own (ROLE_SCOPE_FIELD); any other account's is its own (an HR's, an
    expert's). auth/me/ and the users list say it, and `users/?school=` finds it
    (filters.account_school_is, the same rule in SQL)."""
    if user.role == Role.TEACHER and user.teacher is not None:
        return user.teacher.school
    return user.school


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
    teacher_name = serializers.CharField(
        source="teacher.name", read_only=True, default=None, allow_null=True
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
            "teacher",
            "teacher_name",
            "must_change_password",
        ]
        read_only_fields = fields

    def to_representation(self, user: User) -> dict[str, Any]:
        """A teacher's school is their teacher record's (today's), as an expert's account
        carries its own: a teacher account holds no school of its own (ROLE_SCOPE_FIELD)."""
        data = super().to_representation(user)
        school = account_school(user)
        data["school"] = school.pk if school is not None else None
        data["school_name"] = school.name if school is not None else None
        return data


class CredentialsSerializer(serializers.Serializer):
    # No account has a longer one (and the lock-out record could not store it).
    username = serializers.CharField(max_length=150)  # User.username
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
        if user.teacher_has_left():  # said only to the one who knows the password
            raise serializers.ValidationError({"non_field_errors": [TEACHER_LEFT_MESSAGE]})
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
        user = serializer.validated_data["user"]
        token = services.token_login(user=user, request=request._request)
        return Response({"token": token})


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
        """Ends the browser session, or the API token the request was made with."""
        if isinstance(request.auth, AuthToken):
            services.token_revoke(token=request.auth)
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordChangeSerializer(serializers.Serializer):
    old_password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)
    new_password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)

    def validate_old_password(self, value: str) -> str:
        """Checked as a sign-in is (django-axes counts a wrong one and locks the username and
        address out after AXES_FAILURE_LIMIT), so a borrowed session cannot guess it."""
        request = self.context["request"]
        user = authenticate(request=request, username=request.user.get_username(), password=value)
        if getattr(request, "axes_locked_out", False):
            raise exceptions.Throttled(
                detail=_("Too many failed logins. Try again later or ask the province.")
            )
        if user is None or user.pk != request.user.pk:
            raise serializers.ValidationError(_("The current password is wrong."))
        return value


class PasswordChangeView(APIView):
    """The signed-in user changes their own password (required at a first login)."""

    @extend_schema(request=PasswordChangeSerializer, responses=MeSerializer)
    def post(self, request: Request) -> Response:
        serializer = PasswordChangeSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = services.user_password_change(
            user=request.user,  # type: ignore[arg-type]
            old_password=serializer.validated_data["old_password"],
            new_password=serializer.validated_data["new_password"],
        )
        if request.session is not None and hasattr(request._request, "session"):
            update_session_auth_hash(request._request, user)  # the browser stays signed in
        return Response(MeSerializer(user).data)


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


@extend_schema_field(OpenApiTypes.INT)
class AccountTeacherField(WholeIdField):
    """A teacher the requesting user may see (HR: its own school's)."""

    def get_queryset(self) -> QuerySet[Teacher]:
        return teachers_visible_to(self.context["request"].user)


class UserSerializer(serializers.ModelSerializer):
    teacher = AccountTeacherField(required=False, allow_null=True)
    # A teacher account's teacher, read with the account (UserViewSet.get_queryset).
    teacher_name = serializers.CharField(
        source="teacher.name", read_only=True, default=None, allow_null=True
    )
    teacher_school_name = serializers.CharField(
        source="teacher.school.name", read_only=True, default=None, allow_null=True
    )
    teacher_left = serializers.BooleanField(
        source="teacher_has_left",
        read_only=True,
        help_text="A teacher account whose teacher has left: it cannot sign in.",
    )
    email = OptionalEmailField(
        label=gettext_lazy("email address"), max_length=254, required=False, allow_blank=True
    )
    # Kept as given (spaces too): the account signs in with exactly what it was handed.
    password = serializers.CharField(
        write_only=True,
        required=False,
        style={"input_type": "password"},
        trim_whitespace=False,
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
            "teacher",
            "teacher_name",
            "teacher_school_name",
            "teacher_left",
            "is_active",
            "must_change_password",
            "password",
            "last_login",
        ]
        read_only_fields = ["last_login", "must_change_password"]

    def to_representation(self, user: User) -> dict[str, Any]:
        """`school` is the account's (account_school: a teacher account's, its teacher's),
        as auth/me/ gives it; written, it is still the account's own column."""
        data = super().to_representation(user)
        school = account_school(user)
        data["school"] = school.pk if school is not None else None
        return data

    def validate_role(self, value: str) -> str:
        user = self.context["request"].user
        if user.role == Role.SCHOOL_HR and value != Role.TEACHER:
            raise serializers.ValidationError(_("School HR may create teacher accounts only."))
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        user = self.context["request"].user
        if user.role == Role.SCHOOL_HR:
            for field in ("city", "school", "training_base"):
                if attrs.get(field) is not None:
                    raise serializers.ValidationError(
                        {field: [_("School HR may create teacher accounts only.")]}
                    )
            if self.instance is None and attrs.get("teacher") is None:
                raise serializers.ValidationError({"teacher": [_("Choose the teacher.")]})
        return attrs


class TeacherAccountsRequest(serializers.Serializer):
    teachers = serializers.ListField(
        child=AccountTeacherField(), allow_empty=False, max_length=1000
    )


class TeacherAccountSerializer(serializers.Serializer):
    teacher = serializers.IntegerField()
    status = serializers.ChoiceField(
        choices=["created", "existed", "refused"],
        help_text="created: a new account (password to hand over); existed: the teacher's "
        "active account, kept; refused: no account (reason)",
    )
    username = serializers.CharField(allow_null=True, help_text="null: refused")
    password = serializers.CharField(allow_null=True, help_text="null: existed or refused")
    reason = serializers.CharField(allow_null=True, help_text="why the teacher was refused")


class PasswordResetSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(help_text="one-time: hand it over; it is not shown again")


class UserViewSet(viewsets.ModelViewSet):
    """Accounts, managed by the province; school HR manages its own teachers' accounts.
    Deleting deactivates."""

    serializer_class = UserSerializer
    permission_classes = [RolePermission]
    read_roles = [Role.PROVINCE, Role.SCHOOL_HR]
    write_roles = [Role.PROVINCE, Role.SCHOOL_HR]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    filterset_class = UserFilter
    search_fields = ["username", "first_name", "last_name", "email"]
    ordering_fields = ["username", "role", "last_login"]

    def get_queryset(self) -> QuerySet[User]:
        user = self.request.user
        accounts = User.objects.select_related("school", "teacher__school")
        if getattr(user, "role", None) == Role.SCHOOL_HR:
            return accounts.filter(
                role=Role.TEACHER,
                teacher__school_id=user.school_id,  # type: ignore[union-attr,misc]
            )
        return accounts

    # One row per teacher asked for, not a page of the account list: no list parameters.
    @extend_schema(
        request=TeacherAccountsRequest,
        responses={status.HTTP_201_CREATED: TeacherAccountSerializer(many=True)},
        filters=False,
    )
    @action(detail=False, methods=["post"], url_path="teacher-accounts", pagination_class=None)
    def teacher_accounts(self, request: Request) -> Response:
        """Accounts for several teachers at once (from the teacher list): one row per
        teacher, `created` with a one-time initial password to hand over, `existed` (the
        teacher keeps their account) or `refused` with the reason (a teacher who has left);
        a refused teacher does not stop the others. 400 when every teacher is refused."""
        serializer = TeacherAccountsRequest(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        created = services.teacher_accounts_create(teachers=serializer.validated_data["teachers"])
        return Response(created, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=PasswordResetSerializer)
    @action(detail=True, methods=["post"], url_path="reset-password")
    def reset_password(self, request: Request, pk: str | None = None) -> Response:
        """A one-time password for an account whose owner forgot theirs (the province: any
        account; school HR: its own school's teacher accounts). Answered once; the owner
        must choose their own at the next sign-in; the account's tokens and sessions end."""
        account = self.get_object()
        password = services.user_password_reset(
            user=account,
            actor=request.user,  # type: ignore[arg-type]
        )
        return Response({"username": account.username, "password": password})

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = services.user_create(
            username=data.pop("username"),
            password=data.pop("password", None),
            role=data.pop("role"),
            **data,
        )

    def perform_update(self, serializer: Any) -> None:
        # One's own password changes with the current one (auth/password/, which counts
        # wrong guesses): a signed-in session alone must not be enough to replace it; nor
        # may one deactivate oneself or change one's own role or scope (the service says).
        serializer.instance = services.user_update(
            user=serializer.instance,
            # Someone else's choice of password is theirs to change at the next sign-in.
            data=dict(serializer.validated_data),
            actor=self.request.user,  # type: ignore[arg-type]
        )

    def perform_destroy(self, instance: User) -> None:
        services.user_deactivate(
            user=instance,
            actor=self.request.user,  # type: ignore[arg-type]
        )
