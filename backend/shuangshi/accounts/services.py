import re
import secrets
from collections.abc import Iterable
from typing import Any

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth import user_logged_in
from django.contrib.auth.hashers import (
    UNUSABLE_PASSWORD_PREFIX,
    PBKDF2PasswordHasher,
    get_hasher,
    make_password,
)
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from knox.models import AuthToken

from shuangshi.teachers.models import Teacher, has_left

from .models import TEACHER_LEFT_MESSAGE, Role, User, scope_errors
from .scope import scope_key

# Tries at a generated username taken between its check and its insert (another request).
USERNAME_ATTEMPTS = 5
# PBKDF2 rounds for a password this service generated (_one_time_hash).
ONE_TIME_ITERATIONS = 1000


class UsernameTaken(ValidationError):
    """The database refused the username: another account took it (in any case) meanwhile."""


def _username_taken(username: str, exclude: int | None = None) -> bool:
    """Usernames are one whatever their case ("Province" is "province"); the database says
    so too (User.Meta.constraints), for two requests at the same moment."""
    others = User.objects.filter(username__iexact=username)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    return others.exists()


def _check_username_free(user: User) -> None:
    if _username_taken(user.username, exclude=user.pk):
        raise ValidationError({"username": [_("A user with that username already exists.")]})


def _save_new_name(user: User) -> None:
    """Save, turning the database's refusal of a taken username into a 400 on `username`."""
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:
        if "username" not in str(exc).lower():
            raise
        raise UsernameTaken(
            {"username": [_("A user with that username already exists.")]}
        ) from None


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
def user_create(
    *, username: str, password: str | None, role: str, generated: bool = False, **fields: Any
) -> User:
    """A new account. A password given is someone else's choice (the province's, HR's, an
    operator's): the owner must choose their own at first sign-in, whatever the role (the
    demo's ready-to-use accounts clear it: user_must_change_password_clear). `generated`:
    the password is this module's random one-time password (_one_time_hash)."""
    user = User(username=username, role=role, **fields)
    _check_scope(user)
    _check_username_free(user)
    if user.teacher is not None:
        _check_teacher_current(user.teacher)
    _check_teacher_free(user)
    if password:
        _check_password(password, user)
        if generated:
            user.password = _one_time_hash(password)
        else:
            user.set_password(password)
        user.must_change_password = True
    else:
        user.set_unusable_password()
    _save_new_name(user)
    return user


# What another account decides of one: whether it may sign in, and what it sees.
SCOPE_FIELDS = ("role", "city", "school", "training_base", "teacher")


def _check_not_own(user: User, data: dict[str, Any], actor: User | None) -> None:
    """No one changes their own password here, deactivates their own account or changes
    their own role or scope: another account does (the province would otherwise lock
    itself out, one click away). Values sent back unchanged ask for nothing."""
    if actor is None or actor.pk != user.pk:
        return
    if "password" in data:
        message = _("Change your own password on the password page, with the current one.")
        raise ValidationError({"password": [message]})
    if "is_active" in data and not data["is_active"] and user.is_active:
        raise ValidationError({"is_active": [_own_deactivation()]})
    for field in SCOPE_FIELDS:
        if field in data and _id(data[field]) != _id(getattr(user, field)):
            raise ValidationError(
                {
                    field: [
                        _(
                            "You cannot change your own role or scope: another province "
                            "account does it."
                        )
                    ]
                }
            )


def _id(value: Any) -> Any:
    """A related record as its key (the serializer gives records, the model may hold one)."""
    return getattr(value, "pk", value)


def _own_deactivation() -> str:
    return _("You cannot deactivate your own account: another province account does it.")


@transaction.atomic
def user_update(*, user: User, data: dict[str, Any], actor: User | None = None) -> User:
    """A password in `data` is someone else's choice: it must be changed at the next sign-in
    (one's own changes through user_password_change, with the current one). `actor`: who
    asks (the API's user), refused their own account's password, deactivation and scope."""
    _check_not_own(user, data, actor)
    password = data.pop("password", None)
    was_active, was_role, was_teacher = user.is_active, user.role, user.teacher_id
    was_scope = _scope_of(user)
    for field, value in data.items():
        setattr(user, field, value)
    _check_scope(user)
    if "username" in data:
        _check_username_free(user)
    if was_role == Role.TEACHER and user.teacher_id != was_teacher:
        # Another person would sign in with this login (and read the new teacher's record).
        raise ValidationError(
            {
                "teacher": [
                    _(
                        "An account stays with its teacher: deactivate it and create one "
                        "for the other teacher."
                    )
                ]
            }
        )
    if user.is_active and not was_active and user.teacher is not None:
        _check_teacher_current(user.teacher)
    _check_teacher_free(user)
    if was_active and was_role == Role.PROVINCE:
        if not user.is_active:
            _check_province_remains(user, "is_active")
        elif user.role != Role.PROVINCE:
            _check_province_remains(user, "role")
    if password:
        _check_password(password, user)
        user.set_password(password)
        user.must_change_password = True
    if was_active and not user.is_active:
        user.sessions_epoch += 1  # its sessions end for good (User._get_session_auth_hash)
    _save_new_name(user)
    if password or (was_active and not user.is_active):
        tokens_revoke(user=user)  # a reactivated account signs in afresh
    if was_active and was_role == Role.EXPERT and not (user.is_active and user.role == Role.EXPERT):
        _expert_leaves(user)
    if _scope_of(user) != was_scope:
        from shuangshi.jobs.services import jobs_files_drop
        from shuangshi.notifications.services import notifications_drop_out_of_scope

        jobs_files_drop(owner=user)  # made under the old scope (full ID numbers, another school)
        notifications_drop_out_of_scope(user=user)  # alerts about the old scope's records
    return user


def _scope_of(user: User) -> str:
    """What a user may see is decided by these (accounts.scope)."""
    return scope_key(user)


def _check_province_remains(user: User, field: str) -> None:
    """Another active province account that can sign in (a usable password) must remain,
    or no one could manage accounts. The active province rows are locked so two of them
    cannot remove each other at once."""
    others = list(
        User.objects.select_for_update()
        .filter(role=Role.PROVINCE, is_active=True)
        .exclude(pk=user.pk)
        .exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX)
        .exclude(password="")
        .values_list("pk", flat=True)
    )
    if not others:
        raise ValidationError(
            {
                field: [
                    _(
                        "The province needs at least one other active province account that "
                        "can sign in first."
                    )
                ]
            }
        )


def _check_teacher_current(teacher: Teacher, field: str = "teacher") -> None:
    """No account for a teacher who has left (teachers.models.has_left)."""
    if not has_left(teacher.left_on, today=timezone.localdate()):
        return
    raise ValidationError(
        {field: [_("%(name)s has left the school: no account.") % {"name": teacher.name}]}
    )


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


def user_must_change_password_clear(*, user: User) -> None:
    """The account need not choose its own password at first login (the demo's accounts:
    ready to use). One UPDATE; the instance given is left as it was."""
    User.objects.filter(pk=user.pk).update(must_change_password=False)


def _initial_password() -> str:
    """Readable, and strong enough for the validators; the owner changes it at first login."""
    return f"Ss-{secrets.token_urlsafe(9)}"


def _one_time_hash(password: str) -> str:
    """The stored hash of a password _initial_password made, with ONE_TIME_ITERATIONS
    PBKDF2 rounds instead of the default hasher's million.

    The rounds stretch a password a person chose, which may be guessable; a generated one
    carries 72 random bits, which no number of rounds makes safer in practice (2^72 guesses
    at 1,000 rounds each). With a million rounds, accounts for a school's 330 teachers took
    0.26 s each, 86 s in one transaction: past the web worker's timeout, and holding
    SQLite's write lock all along. The hash is still PBKDF2, so Django checks it as any
    other; it replaces it with a default-strength one at the first sign-in (the hasher's
    `must_update`), where the owner must choose their own password anyway; a wrong
    password against it takes the default hasher's time too (`harden_runtime`). A default
    hasher other than PBKDF2 (the tests' MD5) is used as it is."""
    hasher = get_hasher()
    if isinstance(hasher, PBKDF2PasswordHasher):
        return hasher.encode(password, hasher.salt(), iterations=ONE_TIME_ITERATIONS)
    return make_password(password, hasher=hasher)


@transaction.atomic
def user_password_reset(*, user: User, actor: User) -> str:
    """A one-time password for an account whose owner forgot theirs (the province for any
    account, HR for its own school's teachers: the API scopes who). Returned once, never
    stored in clear; the owner must choose their own at the next sign-in; the account's API
    tokens end, and its sessions with the old password's hash. One audit entry, by `actor`."""
    if user.pk == actor.pk:
        raise ValidationError(
            {"non_field_errors": [_("Change your own password under “Change password”.")]}
        )
    if not user.is_active:
        raise ValidationError({"is_active": [_("This account is deactivated: activate it first.")]})
    if user.teacher_has_left():
        raise ValidationError({"teacher": [str(TEACHER_LEFT_MESSAGE)]})
    password = _initial_password()
    _check_password(password, user)
    was = user.must_change_password
    user.password = _one_time_hash(password)
    user.must_change_password = True
    with disable_auditlog():  # the entry below says more: who, and that it was a reset
        user.save(update_fields=["password", "must_change_password"])
    LogEntry.objects.log_create(
        user,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        changes={} if was else {"must_change_password": ["False", "True"]},
        actor=actor,
        additional_data={"event": "password_reset"},
    )
    tokens_revoke(user=user)
    return password


@transaction.atomic
def user_password_disable(*, user: User) -> User:
    """No sign-in by password any more (the admin's "disable password-based
    authentication"); the account's API tokens end with it, and its sessions (the hash)."""
    user.set_unusable_password()
    user.save(update_fields=["password"])
    tokens_revoke(user=user)
    return user


def _teacher_username(teacher: Teacher, *, avoid: Iterable[str] = ()) -> str:
    """The first free name of t<school>-<staff number>, -2, -3…, skipping `avoid` (names
    the database refused a moment ago)."""
    own = re.sub(r"[^\w.@+-]+", "-", teacher.staff_no).strip("-") or str(teacher.pk)
    base = f"t{teacher.school_id}-{own}".lower()  # within User.username_validator's letters
    skip = {name.lower() for name in avoid}
    username, n = base, 1
    while username in skip or _username_taken(username):
        n += 1
        username = f"{base}-{n}"
    return username


@transaction.atomic
def teacher_accounts_create(*, teachers: Iterable[Teacher]) -> list[dict[str, Any]]:
    """An account for each teacher that has none, with a one-time initial password.

    Returns one row per teacher, in the order given (a teacher listed twice once):
    {teacher, status, username, password, reason} with status `created` (the password to
    hand over), `existed` (the active account's username, no password) or `refused` (why,
    e.g. the teacher has left). A refused teacher does not stop the others (as an existing
    account does not); a request where every teacher is refused raises, naming each.
    """
    out: list[dict[str, Any]] = []
    refusals: list[str] = []
    for teacher in {t.pk: t for t in teachers}.values():
        try:
            row = _teacher_account_open(teacher)
        except ValidationError as exc:
            reason = " ".join(exc.messages)
            refusals.append(reason if teacher.name in reason else f"{teacher.name}: {reason}")
            row = {"status": "refused", "username": None, "password": None, "reason": reason}
        out.append({"teacher": teacher.pk, **row})
    if refusals and len(refusals) == len(out):
        raise ValidationError({"teachers": refusals})
    return out


def _teacher_account_open(teacher: Teacher) -> dict[str, Any]:
    """One teacher's row of teacher_accounts_create; a ValidationError refuses this teacher
    only (its own savepoint: nothing of it is written)."""
    _check_teacher_current(teacher)
    existing = User.objects.filter(teacher=teacher, is_active=True).first()
    if existing is not None:
        return {
            "status": "existed",
            "username": existing.username,
            "password": None,
            "reason": None,
        }
    password = _initial_password()
    tried: list[str] = []
    while True:
        username = _teacher_username(teacher, avoid=tried)
        try:
            with transaction.atomic():
                user = user_create(
                    username=username,
                    password=password,
                    generated=True,
                    role=Role.TEACHER,
                    teacher=teacher,
                )
            break
        except UsernameTaken:
            # Another request took the name after the check: the next suffix.
            tried.append(username)
            if len(tried) >= USERNAME_ATTEMPTS:
                raise
    return {"status": "created", "username": user.username, "password": password, "reason": None}


@transaction.atomic
def teacher_accounts_deactivate(*, teacher_ids: Iterable[int]) -> None:
    """The accounts of teachers about to be deleted (teachers.services.teacher_delete): left
    with no teacher they would still sign in, hidden from the school's HR. Deactivated, not
    deleted (the audit trail keeps its actor), and their tokens end."""
    ids = list(teacher_ids)
    if not ids:
        return
    for user in User.objects.filter(teacher_id__in=ids, is_active=True):
        user.is_active = False
        user.save(update_fields=["is_active"])
    teacher_tokens_revoke(teacher_ids=ids)


@transaction.atomic
def user_deactivate(*, user: User, actor: User | None = None) -> None:
    """Accounts are deactivated, never deleted, so the audit trail keeps its actor.
    Its API tokens end (a reactivated account signs in afresh). The last active province
    account stays (the province would be locked out); `actor` (who asks) not their own."""
    if actor is not None and actor.pk == user.pk and user.is_active:
        raise ValidationError({"is_active": [_own_deactivation()]})
    if user.is_active and user.role == Role.PROVINCE:
        _check_province_remains(user, "is_active")
    was_expert = user.is_active and user.role == Role.EXPERT
    user.is_active = False
    user.sessions_epoch += 1  # its sessions end for good (User._get_session_auth_hash)
    user.save(update_fields=["is_active", "sessions_epoch"])
    tokens_revoke(user=user)
    if was_expert:
        _expert_leaves(user)


def _expert_leaves(user: User) -> None:
    """No longer an active expert: off the panels of the rounds still to close."""
    from shuangshi.recognition.services import round_experts_leave

    round_experts_leave(user=user)


@transaction.atomic
def token_issue(*, user: User) -> str:
    """A new API token (DESIGN §5): it ends after settings.REST_KNOX's idle and absolute
    lifetimes (knox refreshes the idle end on use), or when revoked below. The user's
    expired tokens are deleted here (accounts.auth does not look for them on every request)."""
    AuthToken.objects.filter(user=user, expiry__lt=timezone.now()).delete()
    _instance, token = AuthToken.objects.create(user=user, expiry=settings.REST_KNOX["TOKEN_TTL"])
    return str(token)


def token_login(*, user: User, request: HttpRequest) -> str:
    """A sign-in for an API token (its username and password checked): a new token, and
    the sign-in recorded as a session login's is (user_logged_in: last_login, the failed
    attempts forgotten by django-axes)."""
    token = token_issue(user=user)
    user_logged_in.send(sender=user.__class__, request=request, user=user)
    return token


def token_revoke(*, token: AuthToken) -> None:
    """A token ends: logout with it, or token authentication met it expired. One statement,
    atomic by itself: no transaction of its own (it runs inside a request's authentication)."""
    token.delete()


@transaction.atomic
def tokens_revoke(*, user: User) -> None:
    """Every API token of the user ends (password set or changed, account deactivated)."""
    AuthToken.objects.filter(user=user).delete()


def teacher_tokens_revoke(*, teacher_ids: Iterable[int]) -> None:
    """Every API token of these teachers' accounts ends (their leaving date is recorded,
    today or before; teachers.services). Their sessions stop by themselves (backends). One
    statement, none for no teacher: no savepoint inside an import's batches."""
    ids = list(teacher_ids)
    if ids:
        AuthToken.objects.filter(user__teacher_id__in=ids, user__role=Role.TEACHER).delete()
