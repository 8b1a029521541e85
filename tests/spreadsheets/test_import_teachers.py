"""Teacher imports through the API: dry run, exact errors, commit all-or-none, keys, scope."""

from datetime import date

import pytest
from openpyxl import Workbook
from shuangshi import testing
from shuangshi.qualification.models import TeacherQualification
from shuangshi.spreadsheets import services
from shuangshi.teachers import services as teacher_services
from shuangshi.teachers.models import Teacher

from .books import TEACHER_HEADERS, read_back, save, teacher_row, teachers_book
from .conftest import errors_at


def commit(client, body):
    return client.post(f"/api/v1/imports/{body['id']}/commit/")


def test_a_dry_run_writes_nothing_and_a_commit_writes_every_row(api, hr_a, upload):
    client = api(hr_a)
    body = upload(client, "teachers", teachers_book([teacher_row(), teacher_row()])).json()

    assert (body["status"], body["rows"], body["ready"], body["failed"]) == ("valid", 2, 2, 0)
    assert Teacher.objects.count() == 0

    response = commit(client, body)
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["created"]) == ("committed", 2)
    assert Teacher.objects.filter(school=hr_a.school).count() == 2


def test_it_reports_every_bad_cell_with_its_row_and_column(api, hr_a, upload):
    rows = [
        teacher_row(),  # row 2: fine
        teacher_row(身份证号="360102198506150013"),  # 3: wrong check digit
        teacher_row(性别="男"),  # 4: disagrees with the ID number
        teacher_row(用工类型="临时工", 入职日期="明年"),  # 5: two bad cells
        teacher_row(姓名=None),  # 6: required
        teacher_row(离职日期=date(2000, 1, 1)),  # 7: left before hired
    ]
    body = upload(api(hr_a), "teachers", teachers_book(rows)).json()

    assert (body["status"], body["rows"], body["ready"], body["failed"]) == ("invalid", 6, 1, 5)
    assert errors_at(body) == [
        (3, "身份证号"),
        (4, "性别"),
        (5, "用工类型"),
        (5, "入职日期"),
        (6, "姓名"),
        (7, "离职日期"),
    ]
    by_cell = {e["cell"]: e for e in body["errors"]}
    assert by_cell["F5"]["value"] == "临时工"
    assert "专任、兼职" in by_cell["F5"]["message"]
    assert by_cell["L5"]["message"].startswith("不是有效日期")
    assert by_cell["A6"]["message"] == "必填。"


def test_a_repeated_id_number_in_the_file_points_at_the_first_row(api, hr_a, upload):
    first = teacher_row()
    body = upload(api(hr_a), "teachers", teachers_book([first, teacher_row(), first])).json()
    assert errors_at(body) == [(4, "身份证号")]
    assert body["errors"][0]["message"] == "该身份证号与第 2 行重复。"


def test_reimporting_updates_what_changed_and_creates_no_duplicates(api, hr_a, upload):
    client = api(hr_a)
    rows = [teacher_row(), teacher_row(), teacher_row()]
    commit(client, upload(client, "teachers", teachers_book(rows)).json())
    rows[1][TEACHER_HEADERS.index("专业")] = "数控技术"

    result = commit(client, upload(client, "teachers", teachers_book(rows)).json()).json()

    assert (result["created"], result["updated"], result["unchanged"]) == (0, 1, 2)
    assert Teacher.objects.count() == 3
    changed = Teacher.objects.get(id_number=rows[1][1])
    assert (changed.major, changed.version) == ("数控技术", 2)


def test_a_failure_in_the_last_row_of_5000_leaves_the_database_unchanged(api, hr_a, upload):
    """The last row turns bad between the dry run and the commit: nothing is written."""
    client = api(hr_a)
    rows = [teacher_row(工号=f"T{i:05d}") for i in range(5000)]
    body = upload(client, "teachers", teachers_book(rows)).json()
    assert (body["status"], body["rows"]) == ("valid", 5000)
    last_id = rows[-1][1]
    testing.make_teacher(
        testing.make_school(), id_number=last_id, birth_date=date(1985, 6, 15), gender="female"
    )
    before = Teacher.objects.count()

    response = commit(client, body)

    # The commit runs as a job (at once in tests): it finds the row and writes nothing.
    assert response.status_code == 200
    settled = client.get(f"/api/v1/imports/{body['id']}/").json()
    assert errors_at(settled) == [(5001, "身份证号")]
    assert settled["status"] == "invalid"
    assert Teacher.objects.count() == before
    assert not Teacher.objects.filter(school=hr_a.school).exists()


def test_imported_teachers_are_evaluated_once_per_batch_not_per_row(api, hr_a, upload, monkeypatch):
    """New teachers are evaluated with their batch, from their rows (issue 11); a second
    import of the same rows changes nothing and re-evaluates nobody (round 35)."""
    created, reevaluated = [], []

    def spy(name, calls):
        real = getattr(teacher_services, name)
        monkeypatch.setattr(teacher_services, name, lambda **kw: calls.append(kw) or real(**kw))

    spy("teachers_evaluate_created", created)
    spy("teachers_reevaluate", reevaluated)
    real = services.teachers_reevaluate
    monkeypatch.setattr(
        services,
        "teachers_reevaluate",
        lambda teacher_ids: reevaluated.append(teacher_ids) or real(teacher_ids=teacher_ids),
    )
    client = api(hr_a)
    book = teachers_book([teacher_row() for _ in range(3)])
    commit(client, upload(client, "teachers", book).json())

    ids = set(Teacher.objects.values_list("id", flat=True))
    assert len(created) == 1 and {t["id"] for t in created[0]["teachers"]} == ids
    assert not any(call["teacher_ids"] for call in reevaluated if isinstance(call, dict))
    assert set(TeacherQualification.objects.values_list("teacher_id", flat=True)) == ids

    created.clear()
    reevaluated.clear()
    commit(client, upload(client, "teachers", book).json())
    assert not any(call["teachers"] for call in created)
    assert not any(call["teacher_ids"] for call in reevaluated if isinstance(call, dict))
    assert not any(call for call in reevaluated if not isinstance(call, dict))


def test_a_school_hr_cannot_import_into_another_school(api, hr_a, school_b, upload):
    headers = [*TEACHER_HEADERS, "学校代码"]
    rows = [teacher_row(学校代码=hr_a.school.code), teacher_row(学校代码=school_b.code)]
    body = upload(api(hr_a), "teachers", teachers_book(rows, headers)).json()
    assert errors_at(body) == [(3, "学校代码")]
    assert school_b.code not in body["errors"][0]["message"]


def test_a_school_hr_cannot_take_over_another_schools_teacher(api, hr_a, teacher_b, upload):
    row = teacher_row(身份证号=teacher_b.id_number, 性别="男", 出生日期=teacher_b.birth_date)
    body = upload(api(hr_a), "teachers", teachers_book([row])).json()
    assert errors_at(body) == [(2, "身份证号")]
    assert body["errors"][0]["message"] == "此人已在其他学校登记，请联系省级管理员办理调动。"


def test_the_province_names_the_school_of_each_row(api, province, school_a, school_b, upload):
    headers = [*TEACHER_HEADERS, "school code"]  # an English header for the school
    rows = [
        teacher_row(学校代码=school_a.code),
        teacher_row(学校代码=school_b.code.lower()),
        teacher_row(学校代码="NOPE"),
        teacher_row(学校代码=None),
    ]
    body = upload(api(province), "teachers", teachers_book(rows, headers)).json()
    assert errors_at(body) == [(4, "school code"), (5, "school code")]
    assert body["errors"][0]["message"] == "没有代码为“NOPE”的学校。"


def test_english_headers_in_any_order_are_accepted(api, hr_a, upload):
    fields = [
        "name",
        "id_number",
        "staff_no",
        "gender",
        "birth_date",
        "employment",
        "course_type",
        "major",
        "education",
        "normal_graduate",
        "title",
        "hired_on",
        "teaching_since",
        "left_on",
    ]
    order = list(reversed(range(len(fields))))
    row = teacher_row(用工类型="full_time")
    body = upload(
        api(hr_a), "teachers", teachers_book([[row[i] for i in order]], [fields[i] for i in order])
    ).json()
    assert (body["status"], body["ready"]) == ("valid", 1)


def test_a_sheet_without_the_required_columns_is_refused(api, hr_a, upload):
    response = upload(api(hr_a), "teachers", teachers_book([["王芳"]], ["姓名", "备注"]))
    # Accepted, then its dry run (a job) refuses the sheet as a whole: the message says why.
    assert response.status_code == 201
    assert response.json()["status"] == "invalid"
    assert "身份证号" in response.json()["message"]


def test_a_sheet_with_only_a_header_is_refused(api, hr_a, upload):
    response = upload(api(hr_a), "teachers", teachers_book([]))
    assert response.status_code == 201
    assert (response.json()["status"], response.json()["rows"]) == ("invalid", 0)
    assert response.json()["message"]


@pytest.mark.parametrize("user", ["city_nc", "base_staff"])
def test_roles_that_do_not_keep_teachers_cannot_import_them(api, upload, request, user):
    response = upload(
        api(request.getfixturevalue(user)), "teachers", teachers_book([teacher_row()])
    )
    assert response.status_code == 403


def test_anonymous_users_cannot_import(api, upload):
    assert upload(api(), "teachers", teachers_book([teacher_row()])).status_code == 401


def test_an_unknown_kind_is_a_400(api, hr_a, upload):
    response = upload(api(hr_a), "pets", teachers_book([teacher_row()]))
    assert response.status_code == 400
    assert "teachers" in response.json()["kind"][0]


def test_only_the_owner_reads_or_commits_an_import(api, hr_a, hr_b, province, upload):
    body = upload(api(hr_a), "teachers", teachers_book([teacher_row()])).json()
    for other in (hr_b, province):
        client = api(other)
        assert client.get(f"/api/v1/imports/{body['id']}/").status_code == 404
        assert client.post(f"/api/v1/imports/{body['id']}/commit/").status_code == 404
        assert client.get(f"/api/v1/imports/{body['id']}/errors/").status_code == 404
        assert client.get("/api/v1/imports/").json()["count"] == 0
    assert api(hr_a).get(f"/api/v1/imports/{body['id']}/").json()["status"] == "valid"
    assert Teacher.objects.count() == 0


def test_a_committed_import_cannot_be_committed_again(api, hr_a, upload):
    client = api(hr_a)
    body = upload(client, "teachers", teachers_book([teacher_row()])).json()
    assert commit(client, body).status_code == 200
    response = commit(client, body)
    assert response.status_code == 400
    assert response.json()["detail"] == "该导入已提交，不能重复提交。"
    assert Teacher.objects.count() == 1


def test_listing_imports_takes_a_fixed_number_of_queries(
    api, hr_a, upload, django_assert_max_num_queries
):
    client = api(hr_a)
    for _ in range(5):
        upload(client, "teachers", teachers_book([teacher_row()]))
    with django_assert_max_num_queries(4):
        body = client.get("/api/v1/imports/").json()
    assert body["count"] == 5
    assert {job["status"] for job in body["results"]} == {"valid"}


def test_two_sheets_with_the_template_header_are_refused_not_half_imported(api, hr_a, upload):
    wb = Workbook()
    wb.active.title = "一部"
    wb.active.append(TEACHER_HEADERS)
    wb.active.append(teacher_row())
    second = wb.create_sheet("二部")
    second.append(TEACHER_HEADERS)
    second.append(teacher_row())
    response = upload(api(hr_a), "teachers", save(wb))
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "invalid"
    assert "“一部”" in body["message"] and "“二部”" in body["message"]


def test_a_sheet_repeating_the_header_is_still_one_sheet(api, hr_a, upload):
    """The instructions sheet of a template does not count as a second data sheet."""
    client = api(hr_a)
    wb = read_back(client.get("/api/v1/imports/templates/teachers/").content)
    wb["教师"].append(teacher_row())
    body = upload(client, "teachers", save(wb)).json()
    assert (body["status"], body["rows"]) == ("valid", 1)
