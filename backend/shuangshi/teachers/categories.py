"""The 19 field categories (专业大类) of the 2021 national catalogue of vocational majors
(职业教育专业目录, 教育部 2021). DESIGN §3: API values are the higher-vocational two-digit
codes 41–59; secondary-vocational codes 61–79 name the same categories in the same order.

The one place the categories are defined: models, serializers, importers, templates and the
demo data all read them from here.
"""

from django.db import models


class FieldCategory(models.TextChoices):
    AGRICULTURE = "41", "农林牧渔"
    RESOURCES = "42", "资源环境与安全"
    ENERGY = "43", "能源动力与材料"
    CIVIL = "44", "土木建筑"
    WATER = "45", "水利"
    EQUIPMENT = "46", "装备制造"
    BIO_CHEMICAL = "47", "生物与化工"
    LIGHT_TEXTILE = "48", "轻工纺织"
    FOOD_DRUG = "49", "食品药品与粮食"
    TRANSPORT = "50", "交通运输"
    ELECTRONICS_IT = "51", "电子与信息"
    MEDICINE = "52", "医药卫生"
    FINANCE_TRADE = "53", "财经商贸"
    TOURISM = "54", "旅游"
    CULTURE_ART = "55", "文化艺术"
    MEDIA = "56", "新闻传播"
    EDUCATION_SPORT = "57", "教育与体育"
    PUBLIC_SECURITY = "58", "公安与司法"
    PUBLIC_SERVICE = "59", "公共管理与服务"


CATEGORY_CODES: tuple[str, ...] = tuple(FieldCategory.values)
CATEGORY_NAMES: dict[str, str] = {c.value: str(c.label) for c in FieldCategory}
SECONDARY_OFFSET = 20  # 中职 code 61 = 高职 code 41, …, 79 = 59


def category_from_text(text: object) -> str | None:
    """The API code for a code (41–59 or the 中职 61–79), a name, or "code name"; None when
    the text names no category. Blank is not handled here (callers treat it as unstated)."""
    raw = str(text).strip()
    if not raw:
        return None
    head = raw.split()[0].split(".")[0]
    if head.isdigit():
        number = int(head)
        if 61 <= number <= 79:
            number -= SECONDARY_OFFSET
        code = str(number)
        return code if code in CATEGORY_NAMES else None
    name = raw.removesuffix("大类")
    for code, label in CATEGORY_NAMES.items():
        if label == name:
            return code
    return None
