"""Round 35: a re-import of the same workbook writes only what changed.

A row whose values are the stored ones is left alone: no UPDATE, no new version, no audit
entry, no dated fact, no re-evaluation of its teacher; the import reports it as unchanged.
Changing one cell changes that one record (one version, one audit entry with that change).
The batch services themselves drop such pairs (common.batch.write_rows), whoever calls them.
"""

from datetime import date
from typing import Any

import pytest
from auditlog.models import LogEntry
from shuangshi.spreadsheets import services
from shuangshi.teachers import services as teacher_services
from shuangshi.teachers.models import Certificate, EnterprisePeriod, Teacher, TeacherFact

from .books import TEACHER_HEADERS, book, teacher_row, teachers_book
from .test_import_records import CERT_HEADERS, PERIOD_HEADERS


def imported(client: Any, upload: Any, kind: str, content: bytes) -> dict[str, Any]:
    body = upload(client, kind, content).json()
    assert body["status"] == "valid", body
    return client.post(f"/api/v1/imports/{body['id']}/commit/").json()


@pytest.fixture
def reevaluated(monkeypatch: Any) -> list[set[int]]:
    """The teacher ids of every re-evaluation an import asks for (the import's own at its
    end and the batch services')."""
    calls: list[set[int]] = []
    real = teacher_services.teachers_reevaluate

    def spy(*, teacher_ids: Any) -> Any:
        calls.append(set(teacher_ids))
        return real(teacher_ids=teacher_ids)

    monkeypatch.setattr(teacher_services, "teachers_reevaluate", spy)
    monkeypatch.setattr(services, "teachers_reevaluate", spy)
    return calls


def state(model: Any) -> dict[int, int]:
    return dict(model.objects.values_list("id", "version"))


def test_a_re_import_of_the_same_teachers_writes_nothing(api, hr_a, upload, reevaluated):
    client = api(hr_a)
    rows = [teacher_row(), teacher_row(), teacher_row()]
    content = teachers_book(rows)
    first = imported(client, upload, "teachers", content)
    assert (first["created"], first["updated"], first["unchanged"]) == (3, 0, 0)
    versions, entries, facts = state(Teacher), LogEntry.objects.count(), TeacherFact.objects.count()
    reevaluated.clear()

    again = imported(client, upload, "teachers", content)

    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 3)
    assert state(Teacher) == versions
    assert LogEntry.objects.count() == entries
    assert TeacherFact.objects.count() == facts
    assert not any(reevaluated)


def test_changing_one_cell_changes_that_teacher_alone(api, hr_a, upload, reevaluated):
    client = api(hr_a)
    rows = [teacher_row(), teacher_row(), teacher_row()]
    imported(client, upload, "teachers", teachers_book(rows))
    versions, entries, facts = state(Teacher), LogEntry.objects.count(), TeacherFact.objects.count()
    reevaluated.clear()
    rows[1][TEACHER_HEADERS.index("教学职称")] = "高级讲师"  # a dated fact

    again = imported(client, upload, "teachers", teachers_book(rows))

    assert (again["created"], again["updated"], again["unchanged"]) == (0, 1, 2)
    changed = Teacher.objects.get(id_number=rows[1][1])
    assert state(Teacher) == {**versions, changed.pk: versions[changed.pk] + 1}
    new_entries = list(LogEntry.objects.order_by("id")[entries:])
    assert len(new_entries) == 1
    assert new_entries[0].object_id == changed.pk
    assert new_entries[0].changes == {"title": ["intermediate", "associate_senior"]}
    assert set(TeacherFact.objects.order_by("id")[facts:].values_list("teacher_id", flat=True)) == {
        changed.pk
    }
    assert set().union(*reevaluated) == {changed.pk}


def _certificates(teacher: Teacher) -> list[list[Any]]:
    return [
        [teacher.id_number, "", "教师资格证", "中职教师资格", "", "Q1", date(2010, 7, 1), None],
        [
            teacher.id_number,
            "",
            "职业技能等级证书",
            "四级/中级工",
            "电工",
            "S1",
            "2020-06-30",
            None,
        ],
    ]


def test_a_re_import_of_the_same_certificates_writes_nothing(
    api, hr_a, teacher_a, upload, reevaluated
):
    client = api(hr_a)
    rows = _certificates(teacher_a)
    content = book([CERT_HEADERS, *rows])
    assert imported(client, upload, "certificates", content)["created"] == 2
    versions, entries, teacher_version = (
        state(Certificate),
        LogEntry.objects.count(),
        Teacher.objects.get(pk=teacher_a.pk).version,
    )
    reevaluated.clear()

    again = imported(client, upload, "certificates", content)

    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert state(Certificate) == versions
    assert LogEntry.objects.count() == entries
    assert Teacher.objects.get(pk=teacher_a.pk).version == teacher_version
    assert not any(reevaluated)

    rows[1][3] = "三级/高级工"
    changed = imported(client, upload, "certificates", book([CERT_HEADERS, *rows]))

    assert (changed["created"], changed["updated"], changed["unchanged"]) == (0, 1, 1)
    s1 = Certificate.objects.get(number="S1")
    assert state(Certificate) == {**versions, s1.pk: versions[s1.pk] + 1}
    new_entries = list(LogEntry.objects.order_by("id")[entries:])
    assert [(e.object_id, e.changes) for e in new_entries] == [
        (s1.pk, {"level": ["grade4", "grade3"]})
    ]
    assert set().union(*reevaluated) == {teacher_a.pk}


def test_a_re_import_of_the_same_enterprise_periods_writes_nothing(
    api, hr_a, teacher_a, upload, reevaluated
):
    client = api(hr_a)
    rows = [
        [teacher_a.id_number, "企业实践", "江铃汽车", None, "2023-07-01", "2023-08-31"],
        [teacher_a.id_number, "企业工作经历", "江西铜业", None, "2005-07-01", "2009-08-31"],
    ]
    content = book([PERIOD_HEADERS, *rows])
    assert imported(client, upload, "enterprise-periods", content)["created"] == 2
    versions, entries = state(EnterprisePeriod), LogEntry.objects.count()
    reevaluated.clear()

    again = imported(client, upload, "enterprise-periods", content)

    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert state(EnterprisePeriod) == versions
    assert LogEntry.objects.count() == entries
    assert not any(reevaluated)

    rows[0][5] = "2023-09-30"
    changed = imported(client, upload, "enterprise-periods", book([PERIOD_HEADERS, *rows]))

    assert (changed["created"], changed["updated"], changed["unchanged"]) == (0, 1, 1)
    practice = EnterprisePeriod.objects.get(kind="practice")
    assert state(EnterprisePeriod) == {**versions, practice.pk: versions[practice.pk] + 1}
    new_entries = list(LogEntry.objects.order_by("id")[entries:])
    assert [(e.object_id, e.changes) for e in new_entries] == [
        (practice.pk, {"end_on": ["2023-08-31", "2023-09-30"]})
    ]


# ------------------------------------------------------------ the batch services themselves


def _stored(teacher: Teacher) -> dict[str, Any]:
    return dict(
        Teacher.objects.filter(pk=teacher.pk)
        .values("id", "version", "title", "major", "school_id", "hired_on", "updated_at")
        .get()
    )


def test_the_teachers_batch_service_leaves_out_a_pair_that_changes_nothing(teacher_a, reevaluated):
    before = _stored(teacher_a)
    after = {
        "id": teacher_a.pk,
        "title": before["title"],
        "major": before["major"],
        "school_id": before["school_id"],
        "version": before["version"] + 1,  # noise only
        "updated_at": before["updated_at"],
    }
    entries, facts = LogEntry.objects.count(), TeacherFact.objects.count()

    ids = teacher_services.teachers_write_batch(new=[], updated=[(before, after)])

    assert ids == []
    assert Teacher.objects.get(pk=teacher_a.pk).version == before["version"]
    assert LogEntry.objects.count() == entries
    assert TeacherFact.objects.count() == facts
    assert not any(reevaluated)


def test_the_teachers_batch_service_still_writes_the_pairs_that_change(teacher_a, teacher_b):
    same, moved = _stored(teacher_a), _stored(teacher_b)
    pairs = [
        (same, {"id": same["id"], "major": same["major"], "version": same["version"] + 1}),
        (moved, {"id": moved["id"], "major": "数控技术", "version": moved["version"] + 1}),
    ]
    entries = LogEntry.objects.count()

    ids = teacher_services.teachers_write_batch(new=[], updated=pairs, reevaluate=False)

    assert ids == [moved["id"]]
    assert Teacher.objects.get(pk=same["id"]).version == same["version"]
    assert Teacher.objects.get(pk=moved["id"]).version == moved["version"] + 1
    assert [(e.object_id, e.changes) for e in LogEntry.objects.order_by("id")[entries:]] == [
        (moved["id"], {"major": [moved["major"], "数控技术"]})
    ]


def test_the_certificates_batch_service_re_evaluates_no_teacher_for_an_unchanged_pair(
    teacher_a, reevaluated
):
    certificate = Certificate.objects.create(
        teacher=teacher_a,
        kind="teacher_qualification",
        level="secondary_vocational",
        number="Q9",
        issued_on=date(2010, 7, 1),
    )
    before = dict(
        Certificate.objects.filter(pk=certificate.pk)
        .values("id", "teacher_id", "level", "version")
        .get()
    )
    after = {"id": certificate.pk, "level": before["level"], "version": before["version"] + 1}
    entries = LogEntry.objects.count()
    reevaluated.clear()

    teachers = teacher_services.certificates_write_batch(new=[], updated=[(before, after)])

    assert teachers == set()
    assert Certificate.objects.get(pk=certificate.pk).version == before["version"]
    assert LogEntry.objects.count() == entries
    assert not any(reevaluated)
