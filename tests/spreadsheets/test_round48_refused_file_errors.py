"""Round 48: a file refused as a whole (a missing column, two sheets with the header) has no
cell to mark. Its "marked workbook" was an empty sheet and an error list of headings only,
which reads as "no errors"; now the link answers 404 with the reason the file was refused."""

from .books import TEACHER_HEADERS, teacher_row, teachers_book


def _without_id_column() -> bytes:
    keep = [i for i, h in enumerate(TEACHER_HEADERS) if h != "身份证号"]
    row = teacher_row()
    return teachers_book([[row[i] for i in keep]], [TEACHER_HEADERS[i] for i in keep])


def test_a_file_refused_as_a_whole_has_no_marked_workbook_but_its_reason(api, hr_a, upload):
    client = api(hr_a)
    body = upload(client, "teachers", _without_id_column()).json()
    assert body["status"] == "invalid"
    assert body["message"] and "身份证号" in body["message"]
    assert not body["errors"]

    response = client.get(f"/api/v1/imports/{body['id']}/errors/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": body["message"]}


def test_the_reason_comes_in_english_to_an_english_reader(api, hr_a, upload):
    client = api(hr_a)
    body = upload(client, "teachers", _without_id_column()).json()
    response = client.get(f"/api/v1/imports/{body['id']}/errors/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert (
        detail
        == client.get(f"/api/v1/imports/{body['id']}/", HTTP_ACCEPT_LANGUAGE="en").json()["message"]
    )


def test_a_file_with_bad_cells_still_gets_its_marked_workbook(api, hr_a, upload):
    client = api(hr_a)
    body = upload(client, "teachers", teachers_book([teacher_row(性别="男")])).json()
    assert body["status"] == "invalid" and body["errors"]
    response = client.get(f"/api/v1/imports/{body['id']}/errors/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_another_schools_clerk_cannot_read_the_reason(api, hr_a, hr_b, upload):
    body = upload(api(hr_a), "teachers", _without_id_column()).json()
    response = api(hr_b).get(f"/api/v1/imports/{body['id']}/errors/")
    assert response.status_code == 404
    assert "身份证号" not in response.content.decode()


def test_a_certificate_for_a_teacher_out_of_scope_says_to_import_the_teachers_first(
    api, hr_a, teacher_b, upload
):
    """The Chinese told the clerk to import the teachers first; the English did not."""
    from django.utils import translation
    from shuangshi.spreadsheets.messages import read_message

    from .books import book
    from .test_import_records import CERT_HEADERS

    client = api(hr_a)
    row = [teacher_b.id_number, "", "教师资格证", "中职教师资格", "", "Q1", "2010-07-01", None]
    body = upload(client, "certificates", book([CERT_HEADERS, row])).json()
    assert body["status"] == "invalid"
    assert (
        body["errors"][0]["message"]
        == "在您的权限范围内没有该身份证号对应的教师，请先导入教师信息。"
    )
    english = client.get(f"/api/v1/imports/{body['id']}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["errors"][0]["message"] == (
        "No teacher with this ID number is registered in your scope: import the teachers first."
    )
    # A job stored before round 48 with the English that lacked the hint still reads in Chinese.
    with translation.override("zh-hans"):
        assert read_message("No teacher with this ID number is registered in your scope.") == (
            "在您的权限范围内没有该身份证号对应的教师，请先导入教师信息。"
        )
