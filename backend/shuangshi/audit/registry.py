"""Which models django-auditlog tracks, and how.

Every record a person edits is here. A model of a project app that is neither here nor in
NOT_AUDITED fails tests/test_registry.py, so a new model cannot slip by unaudited.
"""

from typing import Any

from auditlog.registry import auditlog
from django.apps import apps

MASK = "shuangshi.common.idnumbers.mask_id_number"

# model label -> auditlog.register options
AUDITED: dict[str, dict[str, Any]] = {
    "schools.School": {},
    "teachers.Teacher": {"mask_fields": ["id_number"], "mask_callable": MASK},
    # Children keep their teacher in serialized_data so a teacher's history finds them
    # even after they are deleted.
    "teachers.Certificate": {"serialize_data": True, "serialize_kwargs": {"fields": ["teacher"]}},
    "teachers.EnterprisePeriod": {
        "serialize_data": True,
        "serialize_kwargs": {"fields": ["teacher"]},
    },
    "training.TrainingCompletion": {
        "serialize_data": True,
        "serialize_kwargs": {"fields": ["teacher"]},
    },
    "mentors.Mentor": {"mask_fields": ["id_number"], "mask_callable": MASK},
    "mentors.MentorAppointment": {},
    "training.TrainingBase": {},
    # Dated statuses: a same-day change replaces the day's row, and editing the approval
    # date moves the day the base first became active, so their changes are kept here.
    "training.BaseStatusChange": {},
    "training.TrainingProgram": {},
    "accounts.User": {"exclude_fields": ["password", "last_login", "sessions_epoch"]},
    "qualification.Target": {},
    "notifications.Preference": {},
    "notifications.AlertSettings": {},
    "hours.TeachingHours": {},
    # recognition (issue 12): each transition also leaves an ApplicationEvent with its opinion
    "recognition.Round": {},
    "recognition.Application": {
        "serialize_data": True,
        "serialize_kwargs": {"fields": ["teacher"]},
    },
    "recognition.Recognition": {
        "serialize_data": True,
        "serialize_kwargs": {"fields": ["teacher"]},
    },
    "recognition.EvidenceFile": {"exclude_fields": ["file"]},
    "recognition.Vote": {},
    "recognition.Objection": {},
}

# Timestamps change on every save and say nothing the entry's own timestamp does not.
NOISE = ["created_at", "updated_at"]

# Models of project apps that are deliberately not audited, with the reason.
NOT_AUDITED: dict[str, str] = {
    "schools.City": "fixed reference data loaded by a migration, read-only in the API",
    "spreadsheets.ImportJob": "an upload and its outcome: itself the record of who imported what",
    "audit.IdLookupCount": "a counter: every charge against it writes its own access entry",
    "audit.RateCount": "rate-limit counters of requests, no record of anyone's data",
    "teachers.SchoolTeacherCount": "teacher rows per school kept by database triggers",
    # qualification (issue 3)
    "qualification.RuleProfile": "append-only versions that keep who changed what and when",
    "qualification.TeacherQualification": "derived: recomputed from audited teacher records",
    "qualification.SchoolStats": "derived: per-school counts of the stored results",
    "qualification.RatioSnapshot": "derived: monthly counts written by snapshot_ratios",
    # notifications (issue 13)
    "notifications.Notification": "derived: alerts written by the daily job from audited records",
    "notifications.Digest": "the record that a digest e-mail was sent",
    "recognition.ApplicationEvent": "append-only: itself the history of an application",
    # dated facts (issue 10): themselves the history, with who recorded each row and when
    "teachers.TeacherFact": "append-only dated values with recorded_by and recorded_at",
    "qualification.TeacherLevelInterval": "derived: the engine's dated results per teacher",
    "qualification.SchoolCountDelta": "derived: per-school count changes of the intervals",
    "qualification.SchoolCountMonth": "derived: per-school month-end sums of those changes",
    "qualification.IntervalHorizon": "derived: the dates the stored intervals cover",
    # background jobs (issue 11): the work they do writes through the audited services
    "jobs.Job": "a background job and its outcome: itself the record of who started what",
    "jobs.ScheduleRun": "the record that a periodic slot ran once (no personal data)",
}

# Child models whose history belongs to a teacher (read by the teacher history endpoint).
TEACHER_CHILDREN = [
    "teachers.Certificate",
    "teachers.EnterprisePeriod",
    "training.TrainingCompletion",
    # recognition (issue 12): each status change, with the step's opinion (additional_data)
    "recognition.Application",
    "recognition.Recognition",
]


def register_models() -> None:
    for label, options in AUDITED.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        if not auditlog.contains(model):
            options = {**options}
            options["exclude_fields"] = [*options.get("exclude_fields", []), *NOISE]
            auditlog.register(model, **options)
