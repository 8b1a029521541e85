"""Round 47: a training completion reads in words in the audit log (whose, of which
programme, on which day: "王芳 · 新能源汽车维修师资培训 · 2025-07-31"), whether it was
logged through the form, by an import, or by ids before round 47 ("1:209",
"TrainingCompletion 490")."""

import io
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from shuangshi.training import services
from shuangshi.training.models import TrainingCompletion

from .conftest import make_completion

pytestmark = pytest.mark.django_db
LOG = "/api/v1/audit-log/"
COMPLETIONS = "/api/v1/training-completions/"
HEADERS = ["身份证号", "姓名", "培训项目", "结业日期", "学时", "是否合格"]


def _names(api: Any, province: Any) -> list[str]:
    response = api(province).get(LOG, {"page_size": 100, "ordering": "id"})
    assert response.status_code == 200
    rows = response.json()["results"]
    return [r["object_name"] for r in rows if r["model"] == "trainingcompletion"]


def _import(client: Any, rows: list[list[Any]]) -> dict[str, Any]:
    wb = Workbook()
    ws = wb.active
    for row in [HEADERS, *rows]:
        ws.append(row)
    for cells in ws.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.number_format = "@"
    buffer = io.BytesIO()
    wb.save(buffer)
    upload = SimpleUploadedFile("c.xlsx", buffer.getvalue())
    body = client.post(
        "/api/v1/imports/", {"kind": "training-completions", "file": upload}, format="multipart"
    ).json()
    assert body["status"] == "valid", body
    return client.post(f"/api/v1/imports/{body['id']}/commit/").json()


def test_a_completion_logged_through_the_api_is_named_in_words(
    api, base_staff, province, program_a, teacher_a
):
    body = {
        "program": program_a.pk,
        "teacher_id_number": teacher_a.id_number,
        "completed_on": "2025-07-31",
        "hours": 40,
        "passed": True,
    }
    response = api(base_staff).post(COMPLETIONS, body, format="json")
    assert response.status_code == 201, response.data
    expected = f"王芳 · {program_a.title} · 2025-07-31"
    assert _names(api, province) == [expected]
    (entry,) = LogEntry.objects.filter(content_type__model="trainingcompletion")
    assert entry.object_repr == expected  # stored so, read so once the completion is gone
    # Only the province reads the audit log.
    assert api(base_staff).get(LOG).status_code == 403


def test_a_completion_imported_is_named_in_words(
    api, base_staff, province, program_a, teacher_a, teacher_b
):
    rows = [
        [teacher_a.id_number, "", program_a.title, "2025-07-31", 80, "是"],
        [teacher_b.id_number, "", program_a.title, "2025-07-30", 80, "是"],
    ]
    result = _import(api(base_staff), rows)
    assert result["status"] == "committed", result
    assert sorted(_names(api, province)) == sorted(
        [f"王芳 · {program_a.title} · 2025-07-31", f"李强 · {program_a.title} · 2025-07-30"]
    )
    assert api(base_staff).get(LOG).status_code == 403


def test_entries_logged_by_ids_are_named_from_the_records(
    api, province, program_a, teacher_a, teacher_b
):
    kept = make_completion(program_a, teacher_a)
    gone = make_completion(program_a, teacher_b)
    # As TrainingCompletion.__str__ and the bulk path logged them before round 47.
    LogEntry.objects.get_for_object(kept).update(object_repr=f"{program_a.pk}:{teacher_a.pk}")
    LogEntry.objects.get_for_object(gone).update(object_repr=f"TrainingCompletion {gone.pk}")
    assert _names(api, province) == [
        f"王芳 · {program_a.title} · 2025-07-31",
        f"李强 · {program_a.title} · 2025-07-31",
    ]
    # Deleted, an entry logged by ids still names the teacher and programme its ids name.
    kept_pk = kept.pk
    services.completion_delete(completion=kept)
    LogEntry.objects.filter(content_type__model="trainingcompletion", object_id=kept_pk).update(
        object_repr=f"{program_a.pk}:{teacher_a.pk}"
    )
    created, _other, deleted = _names(api, province)
    assert created == deleted == f"王芳 · {program_a.title}"
    assert not TrainingCompletion.objects.filter(pk=kept_pk).exists()


def test_voided_completions_are_named_in_words(
    api, province, base_a, program_a, teacher_a, teacher_b
):
    make_completion(program_a, teacher_a)
    make_completion(program_a, teacher_b)
    services.base_void_completions(base=base_a, reason="材料造假", user=province)
    names = _names(api, province)
    assert names[-2:] == [
        f"王芳 · {program_a.title} · 2025-07-31",
        f"李强 · {program_a.title} · 2025-07-31",
    ]
