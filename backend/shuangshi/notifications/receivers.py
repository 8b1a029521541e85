"""Signal receivers: a finished job notifies its owner; a teacher's record change resolves
their alerts that no longer hold; an application leaving a stage ends the alerts of that
stage (`review_waiting`) and opens those of the stage it reaches."""

import logging
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from shuangshi.jobs.signals import job_finished
from shuangshi.teachers.models import Certificate, EnterprisePeriod

from . import recognition_alerts, services


@receiver(post_save, sender=Certificate)
@receiver(post_delete, sender=Certificate)
@receiver(post_save, sender=EnterprisePeriod)
@receiver(post_delete, sender=EnterprisePeriod)
def _teacher_record_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    teacher_id = instance.teacher_id
    if services.open_for_teacher(teacher_id):
        transaction.on_commit(lambda: services.alerts_refresh_teachers(teacher_ids=[teacher_id]))


@receiver(job_finished)
def _job_finished(sender: Any, job: Any, **kwargs: Any) -> None:
    try:
        services.job_finished_notify(job=job)
    except Exception:  # receivers must not raise: the job's outcome is stored already
        logging.getLogger(__name__).exception("job_finished notification failed")


def _application_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """Every change of an application's status saves it (recognition.services): the alerts
    of the stage it left end with the change, and those of the stage it reached open for
    whoever acts there (school HR, the province, the experts), in its transaction."""
    if not created and not kwargs.get("raw"):
        services.review_waiting_settle(application_id=instance.pk, status=instance.status)
        if instance.status in recognition_alerts.waiting_statuses():
            services.review_waiting_open(application_id=instance.pk)


def connect_recognition() -> None:
    """The recognition app may not be installed (recognition_alerts reads it the same way)."""
    if apps.is_installed("shuangshi.recognition"):
        from shuangshi.recognition.models import Application

        post_save.connect(_application_saved, sender=Application, dispatch_uid=__name__)
