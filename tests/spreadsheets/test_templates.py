"""Templates: Chinese headers, dropdowns, formats, instructions; who may download them."""

import pytest
from shuangshi.spreadsheets.columns import SPECS
from shuangshi.teachers.models import Teacher

from .books import read_back, save, unique_id_number

ROLE_KINDS = {
    "hr_a": [
        "teachers",
        "certificates",
        "enterprise-periods",
        "mentor-appointments",
        "teaching-hours",
    ],
    "province": list(SPECS),
    "base_staff": ["training-completions"],
}


def template(client, kind):
    return client.get(f"/api/v1/imports/templates/{kind}/")


@pytest.mark.parametrize(("user", "kind"), [(u, k) for u, ks in ROLE_KINDS.items() for k in ks])
def test_each_role_downloads_the_templates_it_imports(api, request, user, kind):
    response = template(api(request.getfixturevalue(user)), kind)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = read_back(response.content)
    spec = SPECS[kind]
    assert wb.sheetnames[0] == spec.title
    assert "填写说明" in wb.sheetnames
    if any(c.dropdown() for c in spec.columns):  # the options behind the dropdowns
        assert wb["选项"].sheet_state == "hidden"
    headers = [c.value for c in wb[spec.title][1]]
    scoped = user != "province"
    assert headers == [c.zh for c in spec.template_columns(scoped=scoped)]
    assert wb[spec.title].freeze_panes == "A2"


@pytest.mark.parametrize(
    ("user", "kind"),
    [
        ("city_nc", "teachers"),
        ("base_staff", "teachers"),
        ("hr_a", "training-completions"),
        ("city_nc", "training-completions"),
    ],
)
def test_other_roles_are_refused(api, request, user, kind):
    assert template(api(request.getfixturevalue(user)), kind).status_code == 403


def test_anonymous_users_are_refused(api):
    assert template(api(), "teachers").status_code == 401


def test_an_unknown_kind_is_a_404(api, hr_a):
    assert template(api(hr_a), "pets").status_code == 404


def test_the_teacher_template_has_dropdowns_formats_and_instructions(api, hr_a, province):
    wb = read_back(template(api(hr_a), "teachers").content)
    ws = wb["教师"]
    headers = [c.value for c in ws[1]]
    assert headers[:5] == ["姓名", "身份证号", "工号", "性别", "出生日期"]
    assert "学校代码" not in headers  # the HR's own school is implied
    assert "学校代码" in [
        c.value for c in read_back(template(api(province), "teachers").content)["教师"][1]
    ]
    letters = {h: chr(ord("A") + i) for i, h in enumerate(headers)}
    assert ws.column_dimensions[letters["身份证号"]].number_format == "@"
    assert ws.column_dimensions[letters["入职日期"]].number_format == "yyyy-mm-dd"
    lists = {
        str(v.sqref).split(":")[0][:-1]: v.formula1 for v in ws.data_validations.dataValidation
    }
    for header in ["性别", "用工类型", "课程类型", "学历", "职教师范毕业", "教学职称"]:
        assert letters[header] in lists, header
    options = wb["选项"]
    option_values = {c.value for row in options.iter_rows() for c in row}
    assert {"专任", "兼职", "专业课", "实习指导", "公共基础课", "讲师"} <= option_values
    help_rows = [[c.value for c in row] for row in wb["填写说明"].iter_rows()]
    assert any(r[:3] == ["身份证号", "id_number", "是"] for r in help_rows)
    assert any(r[0] == "姓名" and r[5] == "王芳" for r in help_rows)  # the example row


def test_a_filled_in_template_imports(api, hr_a, upload):
    client = api(hr_a)
    wb = read_back(template(client, "teachers").content)
    ws = wb["教师"]
    number, birth = unique_id_number()
    ws.append(
        [
            "王芳",
            number,
            "T1",
            "女",
            birth,
            "专任",
            "专业课",
            "电工",
            "本科",
            "否",
            "讲师",
            "2010-09-01",
            "2010-09-01",
            None,
        ]
    )
    body = upload(client, "teachers", save(wb)).json()
    assert (body["status"], body["ready"]) == ("valid", 1), body["errors"]
    client.post(f"/api/v1/imports/{body['id']}/commit/")
    assert Teacher.objects.get().id_number == number
