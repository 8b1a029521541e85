"""GET /jobs/ (own jobs), GET /jobs/{id}/, GET /jobs/{id}/download/ (the result file)."""

from typing import Any

import django_filters
from django.db.models import Q
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.reverse import reverse

from shuangshi.accounts.scope import scope_key
from shuangshi.common.filtering import FilterSet

from . import selectors
from .models import Job, JobStatus
from .registry import JOBS, own_titles, shown_message, shown_title


class ProgressSerializer(serializers.Serializer):
    done = serializers.IntegerField()
    total = serializers.IntegerField()


@extend_schema_field(
    {
        "type": "object",
        "description": "What the job did, by kind: counts (rows, evaluated, created…), an "
        "import's status, a report's as_of; jobs.retention: the rows each app deleted, by app.",
        "properties": {
            "status": {"type": "string", "description": "imports: the import's status"},
            "rows": {"type": "integer"},
            "failed": {"type": "integer", "description": "imports: rows with errors"},
            "created": {"type": "integer"},
            "updated": {"type": "integer"},
            "unchanged": {"type": "integer"},
            "evaluated": {"type": "integer"},
            "changed": {"type": "integer"},
            "version": {"type": "integer", "description": "the rule profile's version"},
            "finalized": {"type": "integer"},
            "reopened": {"type": "integer"},
            "resolved": {"type": "integer"},
            "subjects": {"type": "integer"},
            "sent": {"type": "integer"},
            "users": {"type": "integer"},
            "as_of": {"type": "string", "format": "date"},
        },
        "additionalProperties": {"type": "integer"},
    }
)
class JobResultField(serializers.JSONField):
    """Job.result: an object of counts, by the job's kind ({} until it ends)."""


class JobSerializer(serializers.ModelSerializer):
    result = JobResultField(read_only=True, label=Job._meta.get_field("result").verbose_name)
    progress = serializers.SerializerMethodField()
    download = serializers.SerializerMethodField(help_text="The result file, when there is one.")

    class Meta:
        model = Job
        fields = [
            "id", "kind", "title", "status", "progress", "message", "result", "link",
            "download", "result_name", "created_at", "started_at", "finished_at",
        ]  # fmt: skip
        read_only_fields = fields

    def to_representation(self, job: Job) -> dict[str, Any]:
        data = super().to_representation(job)
        # In the reader's language (stored in that of the request that started the job).
        data["title"] = shown_title(job.kind, job.title)
        data["message"] = shown_message(job.kind, job.message)
        return data

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, job: Job) -> dict[str, int]:
        return {"done": job.done, "total": job.total}

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_download(self, job: Job) -> str | None:
        if not job.result_name:
            return None
        return str(reverse("job-download", args=[job.pk]))


class JobFilter(FilterSet):
    """?status= and ?kind= (an unknown status or kind is a 400 naming it, not ignored)."""

    status = django_filters.ChoiceFilter(choices=JobStatus.choices)
    # The registered kinds, read when the filter is used (apps register theirs at start-up).
    kind = django_filters.ChoiceFilter(choices=lambda: [(k, k) for k in sorted(JOBS)])

    class Meta:
        model = Job
        fields = ["status", "kind"]


def search_condition(term: str) -> Q:
    """The jobs whose title as the reader reads it (shown_title: a kind's own title in the
    active language), or as stored, or whose result file's name contains ``term`` (case
    aside)."""
    found = Q(title__icontains=term) | Q(result_name__icontains=term)
    folded = term.casefold()
    for name, spec in JOBS.items():
        if spec.title and folded in str(spec.title).casefold():
            # Stored in the language of the request that started it, or blank.
            found |= Q(kind=name, title__in=["", *own_titles(name)])
    return found


class JobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The user's own background jobs (imports, workbooks, exports): status and results."""

    serializer_class = JobSerializer
    filterset_class = JobFilter
    search_fields = ["title", "result_name"]  # as the reader reads them: search_condition
    search_condition = staticmethod(search_condition)
    queryset = Job.objects.none()  # for the schema; get_queryset scopes to the owner

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False) or not self.request.user.is_authenticated:
            return Job.objects.none()
        return selectors.jobs_of(self.request.user)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiResponse()})
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str | None = None) -> HttpResponse:
        job = self.get_object()
        row = Job.objects.filter(pk=job.pk).values("result_content", "result_type").get()
        if not job.result_name or row["result_content"] is None:
            raise exceptions.NotFound()
        if job.owner_scope and job.owner_scope != scope_key(request.user):  # type: ignore[arg-type]
            # Made under a scope the owner no longer has (changed while the job ran).
            raise exceptions.NotFound()
        response = HttpResponse(bytes(row["result_content"]), content_type=row["result_type"])
        response["Content-Disposition"] = content_disposition_header(True, job.result_name) or ""
        return response
