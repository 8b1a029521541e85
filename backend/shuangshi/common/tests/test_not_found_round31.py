"""A missing record answers 404 in the reader's language, naming no model (round 31)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "detail"), [("en", "Not found."), ("zh-hans", "未找到。")])
@pytest.mark.parametrize(
    "url", ["/api/v1/jobs/999999/", "/api/v1/teachers/999999/", "/api/v1/imports/999999/"]
)
def test_a_missing_record_is_not_found_in_the_readers_language(
    api, hr_a, url: str, language: str, detail: str
) -> None:
    response = api(hr_a).get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    assert response.json() == {"detail": detail}


def test_a_record_gone_between_lookup_and_read_is_not_found(api, hr_a, monkeypatch) -> None:
    """A job deleted by retention after the view found it, before its file is read: 404."""
    from shuangshi.jobs.api import JobViewSet
    from shuangshi.jobs.models import Job

    job = Job.objects.create(
        owner=hr_a, kind="exports.teachers", result_name="a.xlsx", result_content=b"x"
    )
    found = JobViewSet.get_object

    def found_then_gone(self):
        got = found(self)
        Job.objects.filter(pk=got.pk).delete()
        return got

    monkeypatch.setattr(JobViewSet, "get_object", found_then_gone)
    response = api(hr_a).get(f"/api/v1/jobs/{job.pk}/download/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
