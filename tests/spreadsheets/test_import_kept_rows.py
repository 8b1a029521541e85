"""The commit writes the rows its dry run parsed (the file is not parsed again) but checks
them against the database again: a change since the dry run still stops the commit, and
the report then names the cells, read from the file."""

from shuangshi import testing
from shuangshi.schools.models import School
from shuangshi.spreadsheets import reader
from shuangshi.spreadsheets.importers import TeacherImporter
from shuangshi.spreadsheets.models import ImportJob
from shuangshi.teachers.models import Teacher

from .books import TEACHER_HEADERS, teacher_row, teachers_book


def commit(client, body):
    return client.post(f"/api/v1/imports/{body['id']}/commit/")


def test_the_commit_uses_the_dry_runs_rows_and_not_the_file(api, hr_a, upload, monkeypatch):
    client = api(hr_a)
    rows = [teacher_row(工号="T001"), teacher_row(工号="T002")]
    body = upload(client, "teachers", teachers_book(rows)).json()
    assert body["status"] == "valid"
    assert len(bytes(ImportJob.objects.get(pk=body["id"]).parsed)) > 32

    def unread(*args, **kwargs):
        raise AssertionError("the commit read the workbook again")

    monkeypatch.setattr(reader, "read", unread)
    response = commit(client, body)

    assert (response.json()["status"], response.json()["created"]) == ("committed", 2)
    assert sorted(Teacher.objects.values_list("staff_no", flat=True)) == ["T001", "T002"]
    assert bytes(ImportJob.objects.get(pk=body["id"]).parsed) == b""  # not kept once written


def test_a_change_since_the_dry_run_still_refuses_the_commit_and_names_the_cell(
    api, hr_a, school_b, upload
):
    client = api(hr_a)
    row = teacher_row()
    body = upload(client, "teachers", teachers_book([teacher_row(), row])).json()
    assert body["status"] == "valid"
    number = row[TEACHER_HEADERS.index("身份证号")]
    testing.make_teacher(school_b, id_number=number)  # meanwhile, at another school

    commit(client, body)

    after = client.get(f"/api/v1/imports/{body['id']}/").json()
    assert (after["status"], after["failed"]) == ("invalid", 1)
    assert [(e["row"], e["column"]) for e in after["errors"]] == [(3, "身份证号")]
    assert after["errors"][0]["cell"].endswith("3")
    assert Teacher.objects.filter(school=hr_a.school).count() == 0  # nothing written


def test_kept_rows_of_another_file_are_not_used(api, hr_a, upload):
    client = api(hr_a)
    body = upload(client, "teachers", teachers_book([teacher_row()])).json()
    other = upload(client, "teachers", teachers_book([teacher_row(), teacher_row()])).json()
    kept = ImportJob.objects.get(pk=other["id"]).parsed
    ImportJob.objects.filter(pk=body["id"]).update(parsed=kept)  # not this file's

    response = commit(client, body)

    assert (response.json()["status"], response.json()["created"]) == ("committed", 1)
    assert Teacher.objects.count() == 1


def test_the_commit_checks_again_only_what_the_database_may_have_changed(
    api, hr_a, upload, monkeypatch
):
    """The dry run keeps teacher rows checked: the commit does not run the row rules again
    (they cannot have changed), only the database look-ups (issue 11)."""
    client = api(hr_a)
    body = upload(client, "teachers", teachers_book([teacher_row(), teacher_row()])).json()
    assert body["status"] == "valid"

    def unchecked(self, batch):
        raise AssertionError("the commit ran the dry run's checks again")

    monkeypatch.setattr(TeacherImporter, "check", unchecked)
    response = commit(client, body)
    assert (response.json()["status"], response.json()["created"]) == ("committed", 2)


def test_a_school_gone_since_the_dry_run_refuses_the_commit_and_names_the_cell(
    api, province, school_a, upload
):
    empty = School.objects.create(
        code="S09999", name="新校", city=school_a.city, kind=school_a.kind
    )
    client = api(province)
    headers = [*TEACHER_HEADERS, "学校代码"]
    rows = [teacher_row(学校代码=school_a.code), teacher_row(学校代码=empty.code)]
    body = upload(client, "teachers", teachers_book(rows, headers)).json()
    assert body["status"] == "valid", body["errors"]
    empty.delete()  # meanwhile (it had no teachers yet)

    commit(client, body)

    after = client.get(f"/api/v1/imports/{body['id']}/").json()
    assert (after["status"], after["failed"]) == ("invalid", 1)
    assert [(e["row"], e["column"]) for e in after["errors"]] == [(3, "学校代码")]
    assert Teacher.objects.count() == 0  # nothing written


def test_the_dry_run_and_the_commit_run_with_the_cyclic_collector_paused(
    api, hr_a, upload, monkeypatch
):
    # Its full passes over the worker's heap cost a sixth of an import; it is on again after
    # each run, and after a run that raised.
    import gc

    seen: list[tuple[str, bool]] = []
    check, write = TeacherImporter.check, TeacherImporter.write

    def checking(self, batch):
        seen.append(("check", gc.isenabled()))
        return check(self, batch)

    def writing(self, batch):
        seen.append(("write", gc.isenabled()))
        return write(self, batch)

    monkeypatch.setattr(TeacherImporter, "check", checking)
    monkeypatch.setattr(TeacherImporter, "write", writing)
    client = api(hr_a)
    body = upload(client, "teachers", teachers_book([teacher_row()])).json()
    assert body["status"] == "valid" and gc.isenabled()
    assert commit(client, body).json()["status"] == "committed"
    assert ("check", False) in seen and ("write", False) in seen
    assert all(enabled is False for _step, enabled in seen)
    assert gc.isenabled()

    def failing(self, batch):
        raise RuntimeError("a write failed")

    monkeypatch.setattr(TeacherImporter, "write", failing)
    again = upload(client, "teachers", teachers_book([teacher_row(工号="T009")])).json()
    assert again["status"] == "valid"
    commit(client, again)
    assert ImportJob.objects.get(pk=again["id"]).status != "committed"
    assert not Teacher.objects.filter(staff_no="T009").exists()
    assert gc.isenabled()


def test_the_upload_and_its_kept_rows_are_stored_without_recompressing(api, hr_a, upload):
    """Both are compressed already: PostgreSQL stores them as they are (STORAGE EXTERNAL),
    and they read back byte for byte."""
    from django.db import connection

    content = teachers_book([teacher_row()])
    body = upload(api(hr_a), "teachers", content).json()
    stored = ImportJob.objects.get(pk=body["id"])
    assert bytes(stored.content) == content
    assert len(bytes(stored.parsed)) > 32
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = "
                "'spreadsheets_importjob'::regclass AND attname IN ('content', 'parsed')"
            )
            assert dict(cursor.fetchall()) == {"content": "e", "parsed": "e"}
