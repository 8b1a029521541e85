"""Every write to teachers and their records: one function each, in one transaction,
re-evaluating the teacher's qualification before it commits."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from shuangshi.common.api import apply_changes
from shuangshi.qualification.services import teachers_reevaluate

from .models import Certificate, EnterprisePeriod, RecordStatus, Teacher

Proposed = Certificate | EnterprisePeriod


@transaction.atomic
def teacher_create(*, data: dict[str, Any]) -> Teacher:
    teacher = Teacher.objects.create(**data)
    teachers_reevaluate(teacher_ids=[teacher.pk])
    return teacher


@transaction.atomic
def teacher_update(*, teacher: Teacher, data: dict[str, Any]) -> Teacher:
    apply_changes(teacher, data)
    teachers_reevaluate(teacher_ids=[teacher.pk])
    return teacher


@transaction.atomic
def teacher_delete(*, teacher: Teacher) -> None:
    teacher_id = teacher.pk
    teacher.delete()
    teachers_reevaluate(teacher_ids=[teacher_id])


@transaction.atomic
def certificate_create(*, data: dict[str, Any]) -> Certificate:
    certificate = Certificate.objects.create(**data)
    teachers_reevaluate(teacher_ids=[certificate.teacher_id])
    return certificate


@transaction.atomic
def certificate_update(*, certificate: Certificate, data: dict[str, Any]) -> Certificate:
    old_teacher = certificate.teacher_id
    apply_changes(certificate, data)
    teachers_reevaluate(teacher_ids={old_teacher, certificate.teacher_id})
    return certificate


@transaction.atomic
def certificate_delete(*, certificate: Certificate) -> None:
    teacher_id = certificate.teacher_id
    certificate.delete()
    teachers_reevaluate(teacher_ids=[teacher_id])


@transaction.atomic
def period_create(*, data: dict[str, Any]) -> EnterprisePeriod:
    period = EnterprisePeriod.objects.create(**data)
    teachers_reevaluate(teacher_ids=[period.teacher_id])
    return period


@transaction.atomic
def period_update(*, period: EnterprisePeriod, data: dict[str, Any]) -> EnterprisePeriod:
    old_teacher = period.teacher_id
    apply_changes(period, data)
    teachers_reevaluate(teacher_ids={old_teacher, period.teacher_id})
    return period


@transaction.atomic
def period_delete(*, period: EnterprisePeriod) -> None:
    teacher_id = period.teacher_id
    period.delete()
    teachers_reevaluate(teacher_ids=[teacher_id])


def _check_pending(record: Proposed) -> None:
    if record.status != RecordStatus.PENDING:
        raise ValidationError(
            {"status": [_("Only a pending record can be confirmed or rejected.")]}
        )


@transaction.atomic
def record_confirm(*, record: Proposed) -> Proposed:
    """School HR confirms what a teacher proposed: from now on it counts in the rules."""
    _check_pending(record)
    apply_changes(record, {"status": RecordStatus.CONFIRMED, "reject_reason": ""})
    teachers_reevaluate(teacher_ids=[record.teacher_id])
    return record


@transaction.atomic
def record_reject(*, record: Proposed, reason: str) -> Proposed:
    """School HR rejects a proposed record, saying why; it never counts."""
    _check_pending(record)
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the record is rejected.")]})
    apply_changes(record, {"status": RecordStatus.REJECTED, "reject_reason": reason.strip()})
    teachers_reevaluate(teacher_ids=[record.teacher_id])
    return record
