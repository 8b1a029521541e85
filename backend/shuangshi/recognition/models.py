"""Recognition (认定, DESIGN §8): rounds, applications and their review, publicity with
objections, recognitions with certificate numbers, and the evidence files behind them."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LEVELS = ["junior", "intermediate", "senior"]  # lowest first


class EvidenceKind(models.TextChoices):
    CERTIFICATE = "certificate", _("Certificate")
    ENTERPRISE = "enterprise", _("Enterprise experience")
    TRAINING = "training", _("Training")
    ACHIEVEMENT = "achievement", _("Achievement")
    OTHER = "other", _("Other")


class EvidenceFile(models.Model):
    teacher = models.ForeignKey(
        "teachers.Teacher", on_delete=models.CASCADE, related_name="evidence_files"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=EvidenceKind.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/")
    filename = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    content_type = models.CharField(_("content type"), max_length=40)
    # The record a teacher proposed with this file (HR sees it beside the record).
    certificate = models.ForeignKey(
        "teachers.Certificate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evidence_files",
    )
    enterprise_period = models.ForeignKey(
        "teachers.EnterprisePeriod",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evidence_files",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.filename


class Round(models.Model):
    # Letters, digits, - _ . (rules.round_code_valid; rules.ROUND_CODE_MAX is this length).
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    publicity_days = models.PositiveSmallIntegerField(_("publicity days"), default=7)
    validity_years = models.PositiveSmallIntegerField(_("validity years"), default=5)
    levels = models.JSONField(_("levels offered"), default=list)
    rule_version = models.PositiveIntegerField(_("rule version"), editable=False)
    experts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="expert_rounds"
    )
    # The serial of the round's last certificate number (``{code}-{serial:05d}``).
    certificate_serial = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("recognition round")
        verbose_name_plural = _("recognition rounds")
        constraints = [
            # One round per code whatever its case (services._code_errors says so first).
            models.UniqueConstraint(Lower("code"), name="recognition_round_code_any_case")
        ]

    def __str__(self) -> str:
        return self.code


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SCHOOL_APPROVED = "school_approved", _("Approved by the school")
    PUBLICIZED = "publicized", _("In publicity")
    OBJECTED = "objected", _("Objected")
    RECOGNIZED = "recognized", _("Recognized")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Application(models.Model):
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="applications")
    teacher = models.ForeignKey(
        "teachers.Teacher", on_delete=models.PROTECT, related_name="recognition_applications"
    )
    level = models.CharField(_("level"), max_length=16)
    statement = models.TextField(_("statement"), blank=True, max_length=4000)
    evidence = models.ManyToManyField(EvidenceFile, blank=True, related_name="applications")
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    # The school that submitted it (the teacher's school at the last submission): its HR
    # reviews it and its experts never read it, wherever the teacher works later (§3, §8).
    # Null while a draft (never submitted, or returned by a review): a draft follows its
    # teacher.
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school"),
    )
    # The §4 result under the round's rule version, frozen at (the last) submission.
    eligibility = models.JSONField(_("eligibility"), null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    publicity_until = models.DateField(_("publicity until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("recognition application")
        verbose_name_plural = _("recognition applications")
        indexes = [models.Index(fields=["round", "status"])]

    def __str__(self) -> str:
        # The audit log's name for it: whose application, in which round.
        return f"{self.teacher.name} · {self.round.code}"

    @property
    def applying_school(self) -> Any:
        """The school the application belongs to: the one that submitted it, or while it
        is a draft, the teacher's (selectors.application_school_q)."""
        return self.school if self.school_id is not None else self.teacher.school

    def get_additional_data(self) -> dict[str, str] | None:
        """django-auditlog stores this with each change: the step that caused it, with its
        decision and opinion (services write the step just before the status)."""
        latest = self.events.order_by("-id").first() if self.pk else None
        if latest is None:
            return None
        return {"stage": latest.stage, "decision": latest.decision, "opinion": latest.opinion}


class Stage(models.TextChoices):
    DRAFT = "draft", _("Drafted")
    SUBMIT = "submit", _("Submitted")
    WITHDRAW = "withdraw", _("Withdrawn")
    SCHOOL_REVIEW = "school_review", _("School review")
    PROVINCE_REVIEW = "province_review", _("Province review")
    VOTE = "vote", _("Expert vote")
    OBJECTION = "objection", _("Objection")
    RESOLVE = "resolve_objection", _("Objection resolved")
    FINALIZE = "finalize", _("Finalized")
    REVOKE = "revoke", _("Revoked")


class Decision(models.TextChoices):
    """A review's decision (approve, return, reject) and an expert's vote (approve, reject)."""

    APPROVE = "approve", pgettext_lazy("decision", "approve")
    RETURN = "return", pgettext_lazy("decision", "return")
    REJECT = "reject", pgettext_lazy("decision", "reject")


def decision_label(code: str) -> str:
    """A step's decision in words: a review's or a vote's, or how objections were resolved;
    any other code as it is."""
    labels = {**dict(Decision.choices), **dict(ObjectionStatus.choices)}
    return str(labels.get(code, code))


def _related_name(row: models.Model, field: str) -> str:
    """``str()`` of a related record, for a name the audit log stores; "#<id>" when it
    cannot be read (a cascade deleting it first): the log entry is written all the same."""
    try:
        related = getattr(row, field)
    except ObjectDoesNotExist:
        related = None
    if related is None:
        return f"#{getattr(row, f'{field}_id')}"
    if field == "expert":
        from .selectors import person_name

        return person_name(related)
    return str(related)


class ApplicationEvent(models.Model):
    """One step of an application's history: who did what, with which opinion."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decision = models.CharField(max_length=20, blank=True)
    opinion = models.TextField(blank=True, max_length=2000)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        # Not in the audit log (registry.NOT_AUDITED): itself the application's history.
        # "王小明 · JX2026A · School review: approve", in the active language.
        step = f"{_related_name(self, 'application')} · {self.get_stage_display()}"
        return f"{step}: {decision_label(self.decision)}" if self.decision else step


class Vote(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="votes")
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=10)
    opinion = models.TextField(blank=True, max_length=2000)
    at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "expert"], name="one_vote_per_expert")
        ]

    def __str__(self) -> str:
        # The audit log's name for it, stored with each entry: whose application in which
        # round, whose vote, and the decision's code, which audit.api words in the reader's
        # language ("王小明 · JX2026A · 李专家: approve"; before round 44 "12 6 approve").
        return f"{self.identity()}: {self.decision}"

    def identity(self) -> str:
        """The vote without its decision: whose application, in which round, whose vote."""
        return f"{_related_name(self, 'application')} · {_related_name(self, 'expert')}"


class ObjectionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DISMISSED = "dismissed", _("Dismissed")
    UPHELD = "upheld", _("Upheld")


class Objection(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="objections"
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    filed_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN
    )
    resolution = models.TextField(blank=True, max_length=2000)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["filed_at", "id"]

    def __str__(self) -> str:
        # The audit log's name for it, stored with each entry: whose application in which
        # round, and the status's code, which audit.api words in the reader's language
        # ("王小明 · JX2026A · objection (open)"; before round 44 "11 open"). Not who
        # objected: that is the province's to read, on the entry's actor.
        return f"{self.identity()} · objection ({self.status})"

    def identity(self) -> str:
        """The objection without its status: whose application, in which round."""
        return _related_name(self, "application")


class Recognition(models.Model):
    teacher = models.ForeignKey(
        "teachers.Teacher", on_delete=models.PROTECT, related_name="recognitions"
    )
    level = models.CharField(_("level"), max_length=16)
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="recognitions")
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="recognition"
    )
    certificate_no = models.CharField(_("certificate number"), max_length=40, unique=True)
    recognized_on = models.DateField(_("recognized on"))
    valid_until = models.DateField(_("valid until"))
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoke_reason = models.CharField(_("revoke reason"), max_length=500, blank=True)

    class Meta:
        ordering = ["-recognized_on", "-id"]
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")
        indexes = [models.Index(fields=["teacher", "recognized_on"])]

    def __str__(self) -> str:
        return self.certificate_no
