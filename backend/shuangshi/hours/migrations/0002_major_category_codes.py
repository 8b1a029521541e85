"""Teaching hours' major categories as the §3 codes: rows stored with a category's name
(the import template's example was 装备制造大类), its 中职 code or "code name" get the code;
blank-looking ones become "" (the whole school's total).

A row is left as it is when its text names no category, or when the school already has a row
for that term under the code (the two cannot be merged safely; both stay readable).
The mapping is frozen here (teachers.categories, 2021 catalogue) so that later edits to the
app cannot change what this migration did.
"""

from django.db import migrations

NAMES = {
    "41": "农林牧渔",
    "42": "资源环境与安全",
    "43": "能源动力与材料",
    "44": "土木建筑",
    "45": "水利",
    "46": "装备制造",
    "47": "生物与化工",
    "48": "轻工纺织",
    "49": "食品药品与粮食",
    "50": "交通运输",
    "51": "电子与信息",
    "52": "医药卫生",
    "53": "财经商贸",
    "54": "旅游",
    "55": "文化艺术",
    "56": "新闻传播",
    "57": "教育与体育",
    "58": "公安与司法",
    "59": "公共管理与服务",
}
BY_NAME = {name: code for code, name in NAMES.items()}


def code_of(text):
    """The code for a code (41–59, 中职 61–79), a name (with or without 大类) or "code name";
    "" for blank; None when the text names no category."""
    raw = (text or "").strip()
    if not raw:
        return ""
    head = raw.split()[0].split(".")[0]
    if head.isascii() and head.isdigit():
        number = int(head)
        if 61 <= number <= 79:
            number -= 20
        code = str(number)
        return code if code in NAMES else None
    return BY_NAME.get(raw.removesuffix("大类"))


def to_codes(apps, schema_editor):
    TeachingHours = apps.get_model("hours", "TeachingHours")
    rows = list(
        TeachingHours.objects.order_by("id").values_list(
            "id", "school_id", "term", "major_category"
        )
    )
    taken = {(school, term, major) for _id, school, term, major in rows}
    for pk, school, term, major in rows:
        code = code_of(major)
        if code is None or code == major or (school, term, code) in taken:
            continue
        TeachingHours.objects.filter(pk=pk).update(major_category=code)
        taken.discard((school, term, major))
        taken.add((school, term, code))


class Migration(migrations.Migration):
    dependencies = [
        ("hours", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(to_codes, migrations.RunPython.noop),
    ]
