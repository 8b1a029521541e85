"""Audit history through the API: a teacher's history, the province's search, the reveal."""

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle

from shuangshi.accounts.models import Role
from shuangshi.accounts.scope import can_see_full_id_number
from shuangshi.common.api import RolePermission
from shuangshi.common.idnumbers import mask_id_text
from shuangshi.mentors.models import AppointmentMode, Mentor
from shuangshi.qualification.models import TargetCode
from shuangshi.qualification.wording import level_words
from shuangshi.recognition.models import ObjectionStatus, decision_label
from shuangshi.schools.models import School
from shuangshi.teachers.models import CertificateKind, Teacher, certificate_level_label
from shuangshi.training.models import BaseStatus, TrainingBase, TrainingCompletion, TrainingProgram

from . import selectors, services
from .filters import ACTIONS, LogEntryFilter

ACTION_NAMES = {number: name for name, number in ACTIONS.items()}


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


# A related record's name, by (model, primary key as text); absent: since deleted.
Names = dict[tuple[type[models.Model], str], str]

# Related models whose name reads other rows: fetched with them.
_NAME_JOINS: dict[str, tuple[str, ...]] = {
    "recognition.application": ("teacher", "round"),
    "mentors.mentorappointment": ("mentor", "school"),
    "training.basestatuschange": ("base",),
    "recognition.vote": ("application__teacher", "application__round", "expert__teacher"),
    "recognition.objection": ("application__teacher", "application__round"),
    "training.trainingcompletion": ("teacher", "program"),
}


def certificate_name(kind: str, level: str) -> str:
    """A certificate as the log names it (职业技能等级证书（四级）), in the active
    language: the one wording of the audit log, the change lists and the teacher's history."""
    kinds = dict(CertificateKind.choices)
    return _("%(kind)s, %(level)s") % {
        "kind": str(kinds.get(kind, kind)),
        "level": certificate_level_label(kind, level),
    }


def _certificate_name(row: Any) -> str:
    return certificate_name(row.kind, row.level)


def _appointment_name(row: Any) -> str:
    return _("%(mentor)s (%(school)s, %(mode)s)") % {
        "mentor": row.mentor.name,
        "school": row.school.name,
        "mode": row.get_mode_display(),
    }


def target_name(code: str) -> str:
    """A target as the log names it (目标：双师型教师占比…), whatever its value."""
    return _("Target: %(target)s") % {"target": str(dict(TargetCode.choices).get(code, code))}


def alert_settings_name() -> str:
    return _("Alert settings")


def base_status_name(base: str | None, status: str, effective_on: str) -> str:
    """A training base's dated status (基地状态变更：某基地 → 暂停（2026-12-07））."""
    return _("Base status change: %(base)s → %(status)s (%(date)s)") % {
        "base": base,
        "status": str(dict(BaseStatus.choices).get(status, status)),
        "date": effective_on,
    }


def _base_status_name(row: Any) -> str:
    return base_status_name(row.base.name, row.status, row.effective_on.isoformat())


def vote_name(vote: str, decision: str) -> str:
    """An expert's vote (王小明 · JX2026A · 李专家：同意): ``vote`` names whose application,
    in which round, and whose vote (Vote.identity); ``decision`` is its code."""
    return _("%(vote)s: %(decision)s") % {"vote": vote, "decision": decision_label(decision)}


def objection_name(application: str, status: str) -> str:
    """An objection (王小明 · JX2026A · 异议（未处理）): ``application`` names whose, in
    which round (Objection.identity); ``status`` is its code."""
    return _("%(application)s · Objection (%(status)s)") % {
        "application": application,
        "status": str(dict(ObjectionStatus.choices).get(status, status)),
    }


def completion_name(teacher: str | None, program: str | None, completed_on: str = "") -> str:
    """A training completion (万燕 · 新能源汽车维修师资培训 · 2025-07-31): whose, of which
    programme, on which day (TrainingCompletion.__str__); without the day when only the
    ids were logged and the completion is gone."""
    return " · ".join(part for part in (teacher, program, completed_on) if part)


def _completion_name(row: Any) -> str:
    return completion_name(row.teacher.name, row.program.title, row.completed_on.isoformat())


# Records whose logged name carries a state's code (a vote's decision, an objection's
# status): worded from the record's identity and that code.
_STATE_NAMES: dict[str, Callable[[str, str], str]] = {
    "recognition.vote": vote_name,
    "recognition.objection": objection_name,
}
# Their names as logged before round 44: ids and the code ("12 6 approve", "11 open").
_STATE_IDS: dict[str, re.Pattern[str]] = {
    "recognition.vote": re.compile(r"\d+ \d+ (\w+)"),
    "recognition.objection": re.compile(r"\d+ (\w+)"),
}


# Models whose __str__ is made of codes ("skill_level:grade4", "3@5 teaching",
# "dual_qualified_ratio=0.6500", "24:suspended@2026-12-07") or English ("alert settings"):
# named in words of the active language instead.
_NAMERS: dict[str, Callable[[Any], str]] = {
    "teachers.certificate": _certificate_name,
    "mentors.mentorappointment": _appointment_name,
    "qualification.target": lambda row: target_name(row.code),
    "notifications.alertsettings": lambda row: alert_settings_name(),
    "training.basestatuschange": _base_status_name,
    "training.trainingcompletion": _completion_name,
    # Without their state: the entry's own code words it (_STATE_NAMES).
    "recognition.vote": lambda row: row.identity(),
    "recognition.objection": lambda row: row.identity(),
}


def record_name(row: models.Model) -> str:
    """A record as the log names a related one: in words, any typed ID number masked."""
    namer = _NAMERS.get(row._meta.label_lower, str)
    return mask_id_text(namer(row))


_CERTIFICATE_REPR = re.compile(r"(\w+):(\w+)")
_APPOINTMENT_REPR = re.compile(r"(\d+)@(\d+) (\w+)")
_BASE_STATUS_REPR = re.compile(r"(\d+):(\w+)@(\d{4}-\d{2}-\d{2})")
# The codes a record named in words (`_NAMERS`) logs as its name (its __str__) when saved one
# at a time; one written in bulk logs its number or "MentorAppointment 62" instead.
_LOGGED_CODES: dict[str, re.Pattern[str]] = {
    "teachers.certificate": _CERTIFICATE_REPR,
    "mentors.mentorappointment": _APPOINTMENT_REPR,
    "qualification.target": re.compile(r"(\w+)=(-?[\d.]+)"),
    "notifications.alertsettings": re.compile(r"alert settings"),
    "training.basestatuschange": _BASE_STATUS_REPR,
    # Vote.__str__ and Objection.__str__ since round 44: names and the state's code.
    "recognition.vote": re.compile(r"(?s)(.+ · .+): (\w+)"),
    "recognition.objection": re.compile(r"(?s)(.+) · objection \((\w+)\)"),
    # TrainingCompletion.__str__ before round 47: its programme's and teacher's ids.
    "training.trainingcompletion": re.compile(r"(\d+):(\d+)"),
}
# Of those, the ones whose codes are ids only: named from the record while it exists (with
# what the ids leave out), from the records the ids name once it is gone.
_IDS_ONLY = {"training.trainingcompletion"}


def _label(entry: LogEntry) -> str:
    return f"{entry.content_type.app_label}.{entry.content_type.model}"


def _logged_codes(entry: LogEntry) -> re.Match[str] | None:
    pattern = _LOGGED_CODES.get(_label(entry))
    return pattern.fullmatch(entry.object_repr or "") if pattern else None


def _named_from_record(entry: LogEntry) -> type[models.Model] | None:
    """The model of an entry named in words that logged no codes (written in bulk): it is
    named from its record, while that exists."""
    label = _label(entry)
    if label not in _NAMERS or (label not in _IDS_ONLY and _logged_codes(entry)):
        return None
    return entry.content_type.model_class()


def object_name(entry: LogEntry, names: Names | None = None) -> str:
    """The entry's own record in words, as `record_name` names it: a certificate's logged
    codes ("skill_level:grade4", its name when the entry was written, kept once it is
    deleted) as its kind and level; a mentor appointment's ("3@5 teaching") as its mentor,
    school and mode, as they are named now; an entry written in bulk (an import, the demo)
    by its record while it exists (`names`: the page's, from `related_names`); any other
    record by its logged name."""
    label, codes = _label(entry), _logged_codes(entry)
    if codes and label == "teachers.certificate":
        return certificate_name(codes[1], codes[2])
    if codes and label == "qualification.target":
        return target_name(codes[1])
    if codes and label == "notifications.alertsettings":
        return alert_settings_name()
    if codes and label in _STATE_NAMES:
        return mask_id_text(_STATE_NAMES[label](codes[1], codes[2]))
    if label in _NAMERS and names is None:
        names = related_names([entry])
    if codes and label == "training.basestatuschange":
        assert names is not None
        return base_status_name(_related_label(names, TrainingBase, codes[1]), codes[2], codes[3])
    if codes and label == "training.trainingcompletion":
        assert names is not None
        found = names.get((TrainingCompletion, str(entry.object_id)))
        return found or completion_name(
            _related_label(names, Teacher, codes[2]),
            _related_label(names, TrainingProgram, codes[1]),
        )
    if codes:  # a mentor appointment's
        assert names is not None
        return _("%(mentor)s (%(school)s, %(mode)s)") % {
            "mentor": _related_label(names, Mentor, codes[1]),
            "school": _related_label(names, School, codes[2]),
            "mode": str(dict(AppointmentMode.choices).get(codes[3], codes[3])),
        }
    own = _named_from_record(entry)
    found = names.get((own, str(entry.object_id))) if own and names is not None else None
    ids = _STATE_IDS[label].fullmatch(entry.object_repr or "") if label in _STATE_IDS else None
    if found and ids:  # logged by ids: the record's names, the logged state
        return mask_id_text(_STATE_NAMES[label](found, ids[1]))
    return found or mask_id_text(entry.object_repr or "")


def _field(entry: LogEntry, name: str) -> models.Field | None:  # type: ignore[type-arg]
    model = entry.content_type.model_class()
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _relation(field: models.Field | None) -> bool:  # type: ignore[type-arg]
    return bool(field is not None and field.concrete and (field.many_to_one or field.one_to_one))


def _empty(value: Any) -> bool:
    return value is None or value in ("", "None", "null")


def _pairs(entry: LogEntry) -> Iterable[tuple[str, list[Any]]]:
    for name, pair in (entry.changes_dict or {}).items():
        if isinstance(pair, list) and len(pair) == 2:
            yield name, pair


def related_names(entries: Iterable[LogEntry]) -> Names:
    """The names of every record the entries' related fields mention: one query per
    related model, whatever the number of entries."""
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for entry in entries:
        # The entry's own name (object_name): an appointment's reads its mentor and school;
        # one written in bulk, its record.
        codes = _logged_codes(entry)
        if codes and _label(entry) == "mentors.mentorappointment":
            wanted[Mentor].add(int(codes[1]))
            wanted[School].add(int(codes[2]))
        if codes and _label(entry) == "training.basestatuschange":
            wanted[TrainingBase].add(int(codes[1]))
        if codes and _label(entry) == "training.trainingcompletion":
            wanted[TrainingProgram].add(int(codes[1]))
            wanted[Teacher].add(int(codes[2]))
        own = _named_from_record(entry)
        if own is not None and entry.object_id is not None:
            wanted[own].add(entry.object_id)
        for name, pair in _pairs(entry):
            field = _field(entry, name)
            if not _relation(field):
                continue
            assert field is not None
            target = field.target_field  # type: ignore[attr-defined]
            for value in pair:
                if _empty(value):
                    continue
                try:
                    wanted[field.related_model].add(target.to_python(value))  # type: ignore[index]
                except (ValidationError, TypeError, ValueError):
                    continue
    names: Names = {}
    for model, keys in wanted.items():
        rows = model._base_manager.filter(pk__in=keys)
        joins = _NAME_JOINS.get(model._meta.label_lower)
        if joins:
            rows = rows.select_related(*joins)
        for row in rows:
            names[(model, str(row.pk))] = record_name(row)
    return names


def _json_summary(entry: LogEntry, name: str, value: Any) -> str | None:
    """A JSON value in short words: an application's eligibility as its level, any other
    as "(recorded)" (the whole value stays in `changes`)."""
    if _empty(value):
        return None
    if entry.content_type.app_label == "recognition" and name == "eligibility":
        try:
            parsed = json.loads(value) if isinstance(value, str) else value
            return level_words(str(parsed["level"]))  # "Junior" / 初级, as in sentences
        except (TypeError, ValueError, KeyError):
            pass
    return _("(recorded)")


def _related_label(names: Names, model: type[models.Model], value: Any) -> str | None:
    """A related record's name; one since deleted as "#47 (deleted)"."""
    if _empty(value):
        return None
    found = names.get((model, str(value)))
    return found or mask_id_text(_("#%(id)s (deleted)") % {"id": value})


def changes_display(
    entry: LogEntry, names: Names | None = None
) -> dict[str, dict[str, str | None]]:
    """{field: {old, new}} for the entry's fields whose values do not read by themselves: a
    related record's id as its name, JSON in short words. `names`: the page's related
    names resolved at once (`related_names`); without them, the entry's own."""
    if names is None:
        names = related_names([entry])
    display: dict[str, dict[str, str | None]] = {}
    for name, pair in _pairs(entry):
        field = _field(entry, name)
        if _relation(field):
            assert field is not None
            model = field.related_model
            display[name] = {
                "old": _related_label(names, model, pair[0]),  # type: ignore[arg-type]
                "new": _related_label(names, model, pair[1]),  # type: ignore[arg-type]
            }
        elif isinstance(field, models.JSONField):
            display[name] = {
                "old": _json_summary(entry, name, pair[0]),
                "new": _json_summary(entry, name, pair[1]),
            }
    return display


class ChangeDisplaySerializer(serializers.Serializer):
    old = serializers.CharField(allow_null=True)
    new = serializers.CharField(allow_null=True)


class ChangesDisplayListSerializer(serializers.ListSerializer):
    """Resolves the names of the page's related records once, for every entry."""

    def to_representation(self, data: Any) -> list[Any]:
        entries = list(data.all() if isinstance(data, models.manager.BaseManager) else data)
        self.child.context["related_names"] = related_names(entries)  # type: ignore[union-attr]
        return super().to_representation(entries)


class LogEntrySerializer(serializers.ModelSerializer):
    action = serializers.SerializerMethodField()
    model = serializers.CharField(source="content_type.model", read_only=True)
    actor = serializers.CharField(
        source="actor.username", read_only=True, default=None, allow_null=True
    )
    changes = serializers.SerializerMethodField()
    changes_display = serializers.SerializerMethodField()
    object_name = serializers.SerializerMethodField(
        help_text="The record in words, in the reader's language, as changes_display names a "
        "related one (a certificate's kind and level, not object_repr's codes)."
    )

    class Meta:
        model = LogEntry
        fields = [
            "id",
            "timestamp",
            "action",
            "model",
            "object_id",
            "object_repr",
            "object_name",
            "actor",
            "changes",
            "additional_data",
            "changes_display",
        ]
        read_only_fields = fields
        list_serializer_class = ChangesDisplayListSerializer

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

    @extend_schema_field(serializers.DictField(child=ChangeDisplaySerializer()))
    def get_changes_display(self, entry: LogEntry) -> dict[str, dict[str, str | None]]:
        """{field: {old, new}} for the fields whose values do not read by themselves: a
        related record's id as its name ("#47 (deleted)" once gone), JSON in short words."""
        return changes_display(entry, self.context.get("related_names"))

    def get_object_name(self, entry: LogEntry) -> str:
        return object_name(entry, self.context.get("related_names"))

    def to_representation(self, instance: LogEntry) -> dict[str, Any]:
        data = super().to_representation(instance)
        if _objection(instance) and not _province_reads(self.context):
            data["actor"] = None  # who objected is the province's to read (DESIGN §8)
        # Free text (a reveal's reason, an object's name) may hold a typed ID number.
        data["additional_data"] = _masked(data.get("additional_data"))
        data["object_repr"] = mask_id_text(data.get("object_repr") or "")
        return data


class HistoryPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    # The teachers' pagination (BoundedCountPagination) writes it on every page.
    count_exact = serializers.BooleanField(
        help_text="False when count is an estimate (a large list filtered beyond school and city)."
    )
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = LogEntrySerializer(many=True)


class AuditLogEntrySerializer(LogEntrySerializer):
    """An entry as the province reads it: with the address it came from."""

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
        history = selectors.teacher_history(teacher=teacher, user=request.user)
        page = self.paginate_queryset(history)  # type: ignore[attr-defined]
        full = can_see_full_id_number(
            request.user,  # type: ignore[arg-type]
            teacher.school_id,
            teacher_id=teacher.pk,  # a teacher reads their own number in full (DESIGN §8)
        )
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
