from typing import Any

from django.db.models import QuerySet

from .models import Job


def jobs_of(user: Any) -> QuerySet[Job]:
    """A user's own jobs; nobody reads another's (404)."""
    return Job.objects.filter(owner=user).defer("result_content", "params")
