"""Every write of recognition: one function per transition of DESIGN §8, atomic, each
leaving an ApplicationEvent (who, what, opinion) beside django-auditlog's row."""

import uuid
from collections.abc import Collection, Sequence
from datetime import date
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from shuangshi.accounts.models import Role, User
from shuangshi.common.api import apply_changes, changed_values
from shuangshi.notifications import services as notifications
from shuangshi.qualification import selectors as qualification
from shuangshi.qualification import wording
from shuangshi.teachers import selectors as teacher_selectors
from shuangshi.teachers.models import (
    Certificate,
    EnterprisePeriod,
    FactField,
    RecordStatus,
    Teacher,
    has_left,
)
from shuangshi.teachers.validation import refuse_teacher_gone

from . import rules, selectors
from .evidence import accepted_types, extension_of, named_as, sha256_of, short_names, sniff
from .models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    EvidenceFile,
    Objection,
    ObjectionStatus,
    Recognition,
    Round,
    Stage,
    Vote,
)

S = ApplicationStatus


class EvidenceFrozen(Exception):
    """The file belongs to a submitted application's record (answered 409)."""


class EvidenceNotYours(PermissionError):
    """A teacher may not delete this file (answered 403 with the reason)."""


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _event(
    application: Application, stage: str, actor: User | None, decision: str = "", opinion: str = ""
) -> None:
    ApplicationEvent.objects.create(
        application=application, stage=stage, actor=actor, decision=decision, opinion=opinion
    )


def _locked(application: Application) -> Application:
    """The application's row, locked until the transaction ends: every status change
    re-reads it here, so two requests cannot both act on the same stale status."""
    return Application.objects.select_for_update().get(pk=application.pk)


def _require_status(application: Application, *allowed: str) -> None:
    if application.status not in allowed:
        raise _error(
            "status",
            _("Not possible while the application is %(status)s.")
            % {"status": application.get_status_display()},
        )


def _require_opinion(opinion: str) -> str:
    opinion = opinion.strip()
    if not opinion:
        raise _error("opinion", _("An opinion is required to return or reject."))
    return opinion


def _refuse_leaver(teacher: Teacher, today: date, message: str) -> None:
    """A teacher who has left (teachers.models.has_left: a leaving date today or before) is
    no longer the school's teacher: their application does not go forward (``message``
    says what is refused and what to do instead, with the leaving date)."""
    if has_left(teacher.left_on, today=today):
        raise _error("teacher", message % {"date": teacher.left_on})


def _set_status(application: Application, status: str, **fields: Any) -> Application:
    return apply_changes(application, {"status": status, **fields})  # type: ignore[return-value]


# --------------------------------------------------------------------------- evidence


def evidence_max_bytes() -> int:
    return int(getattr(settings, "EVIDENCE_MAX_MB", 10)) * 1024 * 1024


@transaction.atomic
def evidence_upload(
    *,
    teacher: Teacher,
    kind: str,
    description: str,
    upload: UploadedFile,
    user: User,
    certificate: Certificate | None = None,
    enterprise_period: EnterprisePeriod | None = None,
) -> EvidenceFile:
    """Store a file of an accepted type (EVIDENCE_CONTENT_TYPES: PDF, JPEG, PNG; judged by
    content) of at most EVIDENCE_MAX_MB."""
    if upload.size is None or upload.size > evidence_max_bytes():
        raise _error(
            "file",
            _("The file is larger than %(mb)s MB.") % {"mb": evidence_max_bytes() // 2**20},
        )
    upload.seek(0)
    content_type = sniff(upload.read(16))
    accepted = accepted_types()
    if content_type not in accepted:
        names = pgettext("list separator", ", ").join(short_names(accepted))
        raise _error(
            "file", _("Only files of these types are accepted: %(types)s.") % {"types": names}
        )
    for record, field in ((certificate, "certificate"), (enterprise_period, "enterprise_period")):
        if record is not None and record.teacher_id != teacher.pk:
            raise _error(field, _("This record belongs to another teacher."))
    upload.seek(0)
    digest = sha256_of(upload.chunks())
    upload.seek(0)
    # The name as given, with the extension of what the file is (a "cert.html" that is a
    # PDF downloads as "cert.pdf": the saved copy opens as what was checked).
    name = named_as((upload.name or "file").rsplit("/", 1)[-1][-200:], content_type)
    # Stored under a short generated name (the original is kept in ``filename``): a long
    # original name would not fit the file field's path.
    upload.name = f"{uuid.uuid4().hex}{extension_of(content_type)}"
    refuse_teacher_gone(teacher)  # deleted since the request's validation: a 400, no file
    try:
        return EvidenceFile.objects.create(
            teacher=teacher,
            kind=kind,
            description=description,
            file=upload,
            filename=name,
            size=upload.size,
            sha256=digest,
            content_type=content_type,
            uploaded_by=user,
            certificate=certificate,
            enterprise_period=enterprise_period,
        )
    except SuspiciousFileOperation:
        raise _error("file", _("The file could not be stored under its name.")) from None


@transaction.atomic
def evidence_delete(*, evidence: EvidenceFile, user: User) -> None:
    """HR and the province delete any file in their scope. A teacher proposes and does not
    change what HR confirmed (DESIGN §3): they delete only files they uploaded themselves,
    and not the evidence of a confirmed record."""
    if user.role == Role.TEACHER:
        if evidence.uploaded_by_id != user.pk:
            raise EvidenceNotYours(_("This file was uploaded by your school; ask its HR."))
        records = (evidence.certificate, evidence.enterprise_period)
        if any(r is not None and r.status == RecordStatus.CONFIRMED for r in records):
            raise EvidenceNotYours(
                _(
                    "This file is the evidence of a confirmed record and is kept; "
                    "ask your school's HR."
                )
            )
    if selectors.evidence_frozen(evidence):
        raise EvidenceFrozen
    stored = evidence.file
    evidence.delete()
    _stored_files_delete([stored])


@transaction.atomic
def teacher_evidence_delete(*, teacher_id: int) -> None:
    """The evidence files of a teacher being deleted (teachers.services.teacher_delete):
    the rows now, the stored files once the delete commits. A teacher with recognition
    applications is not deleted (their files are the applications' evidence): the delete
    is undone, and with it this."""
    evidence = EvidenceFile.objects.filter(teacher_id=teacher_id)
    stored = [e.file for e in evidence.only("id", "file")]
    evidence.delete()
    _stored_files_delete(stored)


def _stored_files_delete(stored: Sequence[Any]) -> None:
    """Remove the stored files of deleted evidence rows once the deletion commits; a
    rollback keeps them with their rows."""
    for file in stored:
        transaction.on_commit(partial(file.delete, save=False))


# --------------------------------------------------------------------------- rounds


def _round_errors(
    data: dict[str, Any], kept: Collection[int] = frozenset()
) -> dict[str, list[str]]:
    """``kept``: the round's experts now, who stay on it whatever their role since."""
    errors: dict[str, list[str]] = {}
    opens, closes = data.get("opens_on"), data.get("closes_on")
    if opens and closes and closes < opens:
        errors["closes_on"] = [_("The round cannot close before it opens.")]
    levels = data.get("levels")
    if levels is not None and (not levels or any(lv not in rules.LEVELS for lv in levels)):
        errors["levels"] = [_("Choose one or more of junior, intermediate, senior.")]
    elif levels is not None and len(set(levels)) != len(levels):
        errors["levels"] = [_("Offer each level once.")]
    experts: Sequence[User] = data.get("experts") or []
    added = [e for e in experts if e.pk not in kept]
    if inactive := [selectors.person_name(e) for e in added if not e.is_active]:
        message = _("Deactivated accounts cannot be assigned to a round: %(names)s.")
        errors["experts"] = [message % {"names": "、".join(inactive)}]
    elif any(e.role != Role.EXPERT for e in added):
        errors["experts"] = [_("Only expert accounts can be assigned to a round.")]
    return errors


def _trimmed_code(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    if isinstance(data.get("code"), str):
        data["code"] = data["code"].strip()
    return data


def _code_taken() -> str:
    return _("A round with this code already exists (codes are compared without regard to case).")


def _code_errors(code: Any, *, round: Round | None = None) -> dict[str, list[str]]:
    """A new code (DESIGN §8): it goes into certificate numbers and the public verify
    address (rules.round_code_valid), and is one round's whatever its case."""
    if not isinstance(code, str) or not rules.round_code_valid(code):
        message = _(
            "Use 1 to %(max)d characters: letters A-Z (either case), digits, hyphens (-), "
            "underscores (_) or dots (.), with no spaces."
        )
        return {"code": [message % {"max": rules.ROUND_CODE_MAX}]}
    if selectors.round_code_taken(code, exclude=round.pk if round is not None else None):
        return {"code": [_code_taken()]}
    return {}


@transaction.atomic
def round_create(*, data: dict[str, Any]) -> Round:
    """A round freezes the rule version in force when it is created."""
    data = _trimmed_code(data)
    errors = {**_round_errors(data), **_code_errors(data.get("code"))}
    if errors:
        raise ValidationError(errors)
    experts = data.pop("experts", [])
    data.setdefault("levels", list(rules.LEVELS))
    version, _profile = qualification.profile_current()
    try:
        with transaction.atomic():
            round = Round.objects.create(rule_version=version, **data)
    except IntegrityError:  # the same code, in any case, stored meanwhile
        raise ValidationError({"code": [_code_taken()]}) from None
    round.experts.set(experts)
    return round


@transaction.atomic
def round_update(*, round: Round, data: dict[str, Any]) -> Round:
    data = _trimmed_code(data)
    merged = {
        "opens_on": round.opens_on,
        "closes_on": round.closes_on,
        **data,
    }
    current = set(round.experts.values_list("pk", flat=True))
    errors = _round_errors(merged, kept=current)
    if "code" in data and data["code"] != round.code:
        # A code stored before the rule (free text) is kept as long as it is sent back as is.
        errors.update(_code_errors(data["code"], round=round))
        if round.recognitions.exists():
            # Certificate numbers carry the code: a new one would split the round's numbering.
            errors["code"] = [_("The code cannot change once the round has issued certificates.")]
    if errors:
        raise ValidationError(errors)
    experts = data.pop("experts", None)
    changes = changed_values(round, data)
    new_experts = experts is not None and {e.pk for e in experts} != current
    if not changes and not new_experts:
        # Nothing to change (a read-only field sent back is dropped by the serializer, as
        # everywhere in this API): the version stays, so the reader's next edit goes through.
        return round
    try:
        with transaction.atomic():
            apply_changes(round, changes, touched=new_experts)
    except IntegrityError:  # the same code, in any case, stored meanwhile
        raise ValidationError({"code": [_code_taken()]}) from None
    if experts is not None:
        round.experts.set(experts)
    if new_experts:  # who is waited for changed: their alerts say so at once
        notifications.review_waiting_refresh(round_ids=[round.pk])
    return round


@transaction.atomic
def round_experts_leave(*, user: User, today: date | None = None) -> None:
    """A user who is no longer an active expert (deactivated, or given another role) leaves
    the panels of the rounds still to close; a closed round keeps its panel as it was.
    Votes already cast stay (Vote rows name their expert)."""
    today = today or timezone.localdate()
    left: list[int] = []
    for round in Round.objects.select_for_update().filter(experts=user, closes_on__gte=today):
        round.experts.remove(user)
        apply_changes(round, {}, touched=True)  # a new version: a copy read before lists them
        left.append(round.pk)
    # Waited for no more, on any panel (a closed round's keeps them, inactive): at once.
    closed = Round.objects.filter(experts=user).values_list("pk", flat=True)
    notifications.review_waiting_refresh(round_ids=[*left, *closed])


def round_is_open(round: Round, on: date) -> bool:
    return round.opens_on <= on <= round.closes_on


# --------------------------------------------------------------------------- applications


def _check_evidence(teacher: Teacher, evidence: Sequence[EvidenceFile]) -> None:
    if any(e.teacher_id != teacher.pk for e in evidence):
        raise _error("evidence", _("Attach only this teacher's own files."))


@transaction.atomic
def application_create(
    *,
    round: Round,
    teacher: Teacher,
    level: str,
    statement: str = "",
    evidence: Sequence[EvidenceFile] = (),
    user: User,
) -> Application:
    """A draft; the teacher (or their school's HR) submits it when ready."""
    if level not in round.levels:
        raise _error("level", _("This round does not offer that level."))
    _refuse_leaver(
        teacher,
        timezone.localdate(),
        _("The teacher left the school on %(date)s; a teacher who has left cannot apply."),
    )
    # Refused now, not after a draft that could never be submitted (submit checks again:
    # two drafts may be made before either is submitted).
    _refuse_second_application(round, teacher)
    _check_evidence(teacher, evidence)
    application = Application.objects.create(
        round=round, teacher=teacher, level=level, statement=statement, created_by=user
    )
    application.evidence.set(evidence)
    _event(application, Stage.DRAFT, user)
    return application


def _refuse_second_application(round: Round, teacher: Teacher, but: int | None = None) -> None:
    """One application per teacher and round, besides drafts and withdrawn ones."""
    earlier = Application.objects.filter(round=round, teacher=teacher).exclude(
        status__in=[S.DRAFT, S.WITHDRAWN]
    )
    if but is not None:
        earlier = earlier.exclude(pk=but)
    if earlier.exists():
        # Read by the teacher and by their school's HR alike: worded for both.
        raise _error(
            "round",
            _(
                "There is already an application for this teacher in this round; "
                "a teacher may apply once per round."
            ),
        )


@transaction.atomic
def application_update(*, application: Application, data: dict[str, Any]) -> Application:
    application = _locked(application)
    _require_status(application, S.DRAFT)
    data = dict(data)
    evidence = data.pop("evidence", None)
    if "level" in data and data["level"] not in application.round.levels:
        raise _error("level", _("This round does not offer that level."))
    new_evidence = evidence is not None and {e.pk for e in evidence} != set(
        application.evidence.values_list("pk", flat=True)
    )
    if evidence is not None:
        _check_evidence(application.teacher, evidence)
    if new_evidence:
        application.evidence.set(evidence)
    # The same values and files again: the version stays (common.api.apply_changes).
    apply_changes(application, data, touched=new_evidence)
    return application


def _at_school_since(teacher: Teacher, on: date) -> date | None:
    """The day the teacher's school on `on` took effect (dated facts), else hired_on."""
    changes = [
        (fact.effective_on, fact.value)
        for fact in teacher_selectors.teacher_facts(teacher=teacher)
        if fact.field == FactField.SCHOOL
    ]
    return rules.value_since(changes, on) or teacher.hired_on


@transaction.atomic
def application_submit(
    *, application: Application, user: User, today: date | None = None
) -> Application:
    """Submit a draft: refused when the round is closed, the teacher cannot apply, they
    already applied in this round, or the level asked for is above what §4 gives under the
    round's rule version (the refusal names what is missing)."""
    today = today or timezone.localdate()
    # The teacher's row first: two drafts of one teacher are submitted one after the other,
    # so the second sees the first when it looks for an earlier application.
    teacher = Teacher.objects.select_for_update().get(pk=application.teacher_id)
    application = _locked(application)
    _require_status(application, S.DRAFT)
    round = application.round
    if not round_is_open(round, today):
        raise _error(
            "round",
            _("The round is not open (it takes applications from %(opens)s to %(closes)s).")
            % {"opens": round.opens_on, "closes": round.closes_on},
        )
    if application.level not in round.levels:
        # The province may have taken the level out of the round since the draft was made.
        raise _error("level", _("This round does not offer that level."))
    problems = rules.applicant_problems(
        employment=teacher.employment,
        course_type=teacher.course_type,
        at_school_since=_at_school_since(teacher, today),
        left_on=teacher.left_on,
        birth_date=teacher.birth_date,
        on=today,
    )
    if problems:
        messages = {
            "left": _("The teacher has left the school."),
            "course_type": _("Only professional and practical-course teachers may apply."),
            "part_time_years": _("Part-time teachers may apply after a year at the school."),
            "part_time_age": _("Part-time teachers may apply up to the age of 70."),
        }
        raise ValidationError({"teacher": [messages[p] for p in problems]})
    _refuse_second_application(round, teacher, but=application.pk)
    result = selectors.eligibility(teacher, round, today)
    if rules.level_rank(application.level) > rules.level_rank(result["level"]):
        raise ValidationError(
            {
                "level": [
                    # The engine's missing items are for the next level, not the one asked.
                    _(
                        "The rules give %(eligible)s, below the level asked for. "
                        "To reach %(next)s: %(missing)s"
                    )
                    % {
                        "eligible": wording.level_words(result["level"]),
                        "next": wording.next_level_words(result["level"]),
                        "missing": wording.missing_sentence(result["missing"]) or "-",
                    }
                ],
                "missing": [wording.missing_words(m) for m in result["missing"]],
            }
        )
    _event(application, Stage.SUBMIT, user)
    # The school submitting it reviews it from now on, wherever the teacher works later.
    _set_status(
        application,
        S.SUBMITTED,
        eligibility=result,
        submitted_at=timezone.now(),
        school_id=teacher.school_id,
    )
    return application


@transaction.atomic
def application_withdraw(*, application: Application, user: User) -> Application:
    """Before the school's review only."""
    application = _locked(application)
    _require_status(application, S.DRAFT, S.SUBMITTED)
    _event(application, Stage.WITHDRAW, user)
    _set_status(application, S.WITHDRAWN)
    return application


DECISIONS = ("approve", "return", "reject")


def _review(
    application: Application,
    *,
    user: User,
    decision: str,
    opinion: str,
    stage: str,
    expected: str,
    approved: str,
    today: date | None = None,
) -> Application:
    application = _locked(application)
    _require_status(application, expected)
    if decision not in DECISIONS:
        raise _error("decision", _("Choose approve, return or reject."))
    if decision != "approve":
        opinion = _require_opinion(opinion)
    else:
        # Returning or rejecting (with the opinion saying why) closes it instead.
        _refuse_leaver(
            application.teacher,
            today or timezone.localdate(),
            _(
                "The teacher left the school on %(date)s; the application of a teacher who "
                "has left cannot be approved. Return or reject it with an opinion."
            ),
        )
    fields: dict[str, Any] = {}
    if decision == "approve":
        status = approved
        if approved == S.PUBLICIZED:
            fields["publicity_until"] = rules.publicity_until(
                today or timezone.localdate(), application.round.publicity_days
            )
    elif decision == "return":
        status = S.DRAFT
        # A draft follows its teacher (Application.school): the school the teacher is at
        # when it is submitted again reviews it, not the one that returned it.
        fields["school"] = None
        # The experts voted on what is now to be changed: the next submission goes to a
        # fresh vote, and its school approval asks each expert again (review_waiting). The
        # votes cast stay in the application's history (its VOTE steps) and the audit log.
        for vote in Vote.objects.filter(application=application):
            vote.delete()
    else:
        status = S.REJECTED
    _event(application, stage, user, decision, opinion.strip())
    _set_status(application, status, **fields)
    return application


@transaction.atomic
def application_school_review(
    *, application: Application, user: User, decision: str, opinion: str = ""
) -> Application:
    """By the HR of the school that submitted it, even when the teacher has moved since."""
    if application.applying_school.pk != user.school_id:
        raise PermissionDenied(_("Only the HR of the school that submitted it reviews it."))
    return _review(
        application,
        user=user,
        decision=decision,
        opinion=opinion,
        stage=Stage.SCHOOL_REVIEW,
        expected=S.SUBMITTED,
        approved=S.SCHOOL_APPROVED,
    )


@transaction.atomic
def application_province_review(
    *,
    application: Application,
    user: User,
    decision: str,
    opinion: str = "",
    today: date | None = None,
) -> Application:
    """Approval starts publicity today; its last day is today + publicity_days - 1."""
    return _review(
        application,
        user=user,
        decision=decision,
        opinion=opinion,
        stage=Stage.PROVINCE_REVIEW,
        expected=S.SCHOOL_APPROVED,
        approved=S.PUBLICIZED,
        today=today,
    )


@transaction.atomic
def application_vote(
    *, application: Application, expert: User, decision: str, opinion: str = ""
) -> Vote:
    """An assigned expert's vote while the province reviews (a second vote replaces it)."""
    application = _locked(application)
    _require_status(application, S.SCHOOL_APPROVED)
    if decision not in ("approve", "reject"):
        raise _error("decision", _("Choose approve or reject."))
    if decision == "reject" and not opinion.strip():
        raise _error("opinion", _("An opinion is required to vote reject."))
    vote, _created = Vote.objects.update_or_create(
        application=application,
        expert=expert,
        defaults={"decision": decision, "opinion": opinion.strip()},
    )
    _event(application, Stage.VOTE, expert, decision, opinion.strip())
    # The expert is waited for no more: their `review_waiting` alert ends now.
    notifications.review_waiting_settle(
        application_id=application.pk, status=application.status, voter=expert
    )
    return vote


@transaction.atomic
def application_object(*, application: Application, user: User, reason: str) -> Objection:
    """Anyone signed in may object to an application in publicity, until it is final."""
    application = _locked(application)
    if application.status not in (S.PUBLICIZED, S.OBJECTED):
        raise _error(
            "status", _("Objections are heard only while the application is in publicity.")
        )
    reason = reason.strip()
    if not reason:
        raise _error("reason", _("Say what the objection is."))
    objection = Objection.objects.create(application=application, filed_by=user, reason=reason)
    _event(application, Stage.OBJECTION, user, "", "")  # the reason is the province's to read
    if application.status != S.OBJECTED:
        _set_status(application, S.OBJECTED)
    return objection


@transaction.atomic
def application_resolve_objection(
    *, application: Application, user: User, upheld: bool, opinion: str
) -> Application:
    """The province answers every open objection at once: upheld rejects the application,
    dismissed returns it to publicity."""
    application = _locked(application)
    _require_status(application, S.OBJECTED)
    opinion = opinion.strip()
    if not opinion:
        raise _error("opinion", _("Give the opinion that resolves the objection."))
    outcome = ObjectionStatus.UPHELD if upheld else ObjectionStatus.DISMISSED
    selectors.open_objections(application).update(
        status=outcome, resolution=opinion, resolved_by=user, resolved_at=timezone.now()
    )
    _event(application, Stage.RESOLVE, user, outcome, opinion)
    _set_status(application, S.REJECTED if upheld else S.PUBLICIZED)
    return application


def _next_certificate_no(round: Round) -> str:
    """The round's next number: a counter on the round, taken under its row's lock (one
    number at a time); a number already on record, whatever its code, is never reused."""
    locked = Round.objects.select_for_update().values_list("certificate_serial", "code")
    serial, code = locked.get(pk=round.pk)  # the code as it is now, not as first read
    n = serial + 1
    while Recognition.objects.filter(certificate_no=rules.certificate_no(code, n)).exists():
        n += 1
    Round.objects.filter(pk=round.pk).update(certificate_serial=n)
    return rules.certificate_no(code, n)


@transaction.atomic
def application_finalize(
    *, application: Application, user: User | None, today: date | None = None
) -> Recognition:
    """Recognize: allowed the day after publicity ends, with no objection open."""
    today = today or timezone.localdate()
    application = _locked(application)
    if application.status == S.OBJECTED:
        raise _error("status", _("An objection is still open: resolve it first."))
    _require_status(application, S.PUBLICIZED)
    _refuse_leaver(
        application.teacher,
        today,
        _(
            "The teacher left the school on %(date)s; a teacher who has left is not "
            "recognized. To close the application, file an objection saying so and uphold it."
        ),
    )
    if not rules.may_finalize(application.publicity_until, today):
        raise _error(
            "publicity_until",
            _("Publicity runs until %(day)s; finalize after that.")
            % {"day": application.publicity_until},
        )
    round = application.round
    recognition = Recognition.objects.create(
        teacher=application.teacher,
        level=application.level,
        round=round,
        application=application,
        certificate_no=_next_certificate_no(round),
        recognized_on=today,
        valid_until=rules.add_years(today, round.validity_years),
    )
    _event(application, Stage.FINALIZE, user, "recognized", recognition.certificate_no)
    _set_status(application, S.RECOGNIZED)
    return recognition


def applications_finalize_due(*, today: date | None = None) -> int:
    """The nightly run: finalize every application whose publicity has ended unopposed,
    but for teachers who have left (application_finalize refuses them: the province closes
    those through an upheld objection)."""
    today = today or timezone.localdate()
    due = Application.objects.filter(status=S.PUBLICIZED, publicity_until__lt=today).exclude(
        teacher__left_on__lte=today  # teachers.models.has_left
    )
    done = 0
    for application in due.iterator():
        application_finalize(application=application, user=None, today=today)
        done += 1
    return done


@transaction.atomic
def recognition_revoke(
    *, recognition: Recognition, user: User, reason: str, today: date | None = None
) -> Recognition:
    reason = reason.strip()
    if not reason:
        raise _error("reason", _("Say why the recognition is revoked."))
    recognition = Recognition.objects.select_for_update().get(pk=recognition.pk)
    if recognition.revoked_on is not None:
        raise _error("status", _("This recognition is already revoked."))
    recognition.revoked_on = today or timezone.localdate()
    recognition.revoke_reason = reason
    recognition.save(update_fields=["revoked_on", "revoke_reason"])
    _event(recognition.application, Stage.REVOKE, user, "revoked", reason)
    return recognition
