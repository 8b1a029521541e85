"""The province and school workbooks: builders tested on plain data, then through the API."""

from datetime import date

import pytest
from django.core.management import call_command
from shuangshi import testing
from shuangshi.spreadsheets.reports import (
    BaseRow,
    GroupRow,
    ProvinceReport,
    RecruitmentRow,
    SchoolRow,
    Share,
    province_workbook,
)

from .books import read_back


def share(n, q, gap, meets):
    return Share(in_scope=n, qualified=q, ratio=q / n if n else None, gap=gap, meets_target=meets)


CITY_CODES = {"南昌": "360100", "九江": "360400"}


def school(code, city, n, q, gap, meets):
    return SchoolRow(
        code=code,
        name=f"学校{code}",
        city=city,
        kind="secondary_vocational",
        share=share(n, q, gap, meets),
        city_code=CITY_CODES[city],
    )


@pytest.fixture
def report():
    return ProvinceReport(
        as_of=date(2026, 3, 1),
        target_ratio=0.6,
        ratio_deadline=date(2025, 12, 31),
        bases_target=20,
        bases_deadline=date(2025, 12, 31),
        province=share(30, 17, 2, False),
        by_city=[
            GroupRow("南昌", 2, share(20, 13, 0, True)),
            GroupRow("九江", 1, share(10, 4, 3, False)),
        ],
        by_kind=[GroupRow("中职", 3, share(30, 17, 2, False))],
        schools=[
            school("S1", "南昌", 10, 7, 0, True),
            school("S2", "南昌", 10, 6, 1, False),
            school("S3", "九江", 10, 4, 3, False),
            school("S4", "九江", 0, 0, None, False),
        ],
        bases=[
            BaseRow(
                "B1",
                "江铃基地",
                "南昌",
                "dual_qualified",
                "enterprise",
                "active",
                date(2024, 5, 1),
                3,
                40,
                35,
                38,
            )
        ],
        bases_active=1,
        recruitment=iter(
            [
                RecruitmentRow(
                    "S2",
                    "学校S2",
                    "南昌",
                    "赵敏",
                    "T9",
                    "360102198506150126",
                    date(2024, 9, 1),
                    "bachelor",
                    False,
                )
            ]
        ),
    )


def values(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_the_province_workbook_has_every_sheet(report):
    wb = read_back(province_workbook(report))
    assert wb.sheetnames == [
        "总览",
        "按设区市",
        "按学校类型",
        "各校明细",
        "未达标学校",
        "培养培训基地",
        "招聘条件不符",
    ]
    summary = {r[0]: r[1:] for r in values(wb["总览"]) if r and r[0]}
    assert summary["目标期限"][1] == "已过期限"  # the deadline has passed on 2026-03-01
    assert summary["全省双师型占比"][0] == pytest.approx(17 / 30)
    assert summary["距目标缺口（人）"][0] == 2
    assert summary["运行中的基地"][:2] == [1, "还差 19 个"]
    assert summary["未达标学校数"][0] == 2
    assert summary["无在范围教师的学校数"][0] == 1


def test_schools_below_target_are_listed_by_gap_and_coloured(report):
    wb = read_back(province_workbook(report))
    below = values(wb["未达标学校"])
    assert [r[0] for r in below[1:]] == ["S3", "S2"]  # the largest gap first, S4 has no ratio
    ws = wb["各校明细"]
    headers = values(ws)[0]
    # By the cities' official order (南昌 3601 before 九江 3604), then code.
    assert [r[0] for r in values(ws)[1:]] == ["S1", "S2", "S3", "S4"]
    column = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[headers.index("双师型占比")]
    rules = {str(rng.sqref): [r.operator for r in rng.rules] for rng in ws.conditional_formatting}
    assert rules[f"{column}2:{column}5"] == [None, "greaterThan", "lessThanOrEqual"]
    assert ws[f"{column}2"].number_format == "0.0%"


def test_bases_and_recruitment_failures_are_listed(report):
    wb = read_back(province_workbook(report))
    assert values(wb["培养培训基地"])[1][:6] == ["B1", "江铃基地", "南昌", "双师型", "企业", "运行"]
    assert values(wb["招聘条件不符"])[1][3] == "赵敏"


def test_the_province_downloads_the_workbook_from_live_data(api, province, school_a, upload):
    teacher = testing.make_teacher(school_a, hired_on=date(2024, 9, 1))  # fails recruitment
    testing.make_certificate(teacher)
    testing.make_period(teacher, start_on=date(2023, 1, 1), end_on=date(2023, 12, 31))
    response = api(province).get("/api/v1/exports/province/")
    assert response.status_code == 200
    wb = read_back(response.content)
    schools = values(wb["各校明细"])
    row = dict(zip(schools[0], next(r for r in schools if r[0] == school_a.code), strict=True))
    assert (row["专任专业课教师数"], row["双师型教师数"], row["双师型占比"]) == (1, 1, 1.0)
    assert [r[3] for r in values(wb["招聘条件不符"])[1:]] == [teacher.name]


@pytest.mark.parametrize("user", ["hr_a", "city_nc", "base_staff"])
def test_other_roles_cannot_download_the_province_workbook(api, request, user):
    assert api(request.getfixturevalue(user)).get("/api/v1/exports/province/").status_code == 403


def test_a_school_hr_downloads_its_school_workbook(api, hr_a, school_a):
    qualified = testing.make_teacher(school_a, name="王芳")
    testing.make_certificate(qualified)
    testing.make_period(qualified, start_on=date(2023, 1, 1), end_on=date(2023, 12, 31))
    testing.make_teacher(school_a, name="李强")
    response = api(hr_a).get("/api/v1/exports/school/")
    assert response.status_code == 200
    wb = read_back(response.content)
    teachers = values(wb["教师"])
    by_name = {r[1]: dict(zip(teachers[0], r, strict=True)) for r in teachers[1:]}
    assert by_name["王芳"]["双师型等级"] != "不符合条件"
    assert by_name["李强"]["双师型等级"] == "不符合条件"
    assert "教师资格证" in by_name["李强"]["距下一等级还缺"]
    assert by_name["李强"]["身份证号"] == qualified.school.teachers.get(name="李强").id_number
    assert [r[1] for r in values(wb["最接近符合条件"])[1:]] == ["李强"]


def test_a_school_hr_cannot_read_another_schools_workbook(api, hr_a, school_b):
    assert api(hr_a).get(f"/api/v1/exports/school/?school={school_b.pk}").status_code == 404


def test_a_city_user_reads_its_schools_with_masked_id_numbers(api, city_nc, school_a, school_b):
    testing.make_teacher(school_a, name="王芳")
    client = api(city_nc)
    assert client.get(f"/api/v1/exports/school/?school={school_b.pk}").status_code == 404
    response = client.get(f"/api/v1/exports/school/?school={school_a.pk}")
    assert "*" in values(read_back(response.content)["教师"])[1][2]


def test_base_staff_cannot_read_school_workbooks(api, base_staff, school_a):
    response = api(base_staff).get(f"/api/v1/exports/school/?school={school_a.pk}")
    assert response.status_code == 403


def test_make_reports_writes_the_province_workbook(tmp_path, school_a):
    call_command("province_workbook", output=str(tmp_path))
    (path,) = tmp_path.glob("province-workbook-*.xlsx")
    assert "总览" in read_back(path.read_bytes()).sheetnames
