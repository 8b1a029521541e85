"""The 19 field categories (专业大类) of the 2021 national catalogue of vocational majors
(职业教育专业目录, 教育部 2021). DESIGN §3: API values are the higher-vocational two-digit
codes 41–59; secondary-vocational codes 61–79 name the same categories in the same order.

The one place the categories are defined: models, serializers, importers, templates and the
demo data all read them from here. Labels are the catalogue's English names, translated
(zh_Hans django.po) so screens and API labels follow the reader's language; the sheets write
and read the official Chinese names of ``CATEGORY_NAMES`` whatever the language.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FieldCategory(models.TextChoices):
    AGRICULTURE = "41", _("Agriculture, Forestry, Animal Husbandry and Fishery")
    RESOURCES = "42", _("Resources, Environment and Safety")
    ENERGY = "43", _("Energy, Power and Materials")
    CIVIL = "44", _("Civil Engineering and Architecture")
    WATER = "45", _("Water Conservancy")
    EQUIPMENT = "46", _("Equipment Manufacturing")
    BIO_CHEMICAL = "47", _("Biology and Chemical Engineering")
    LIGHT_TEXTILE = "48", _("Light Industry and Textiles")
    FOOD_DRUG = "49", _("Food, Drugs and Grain")
    TRANSPORT = "50", _("Transportation")
    ELECTRONICS_IT = "51", _("Electronics and Information")
    MEDICINE = "52", _("Medicine and Health")
    FINANCE_TRADE = "53", _("Finance, Economics and Commerce")
    TOURISM = "54", _("Tourism")
    CULTURE_ART = "55", _("Culture and Art")
    MEDIA = "56", _("Journalism and Communication")
    EDUCATION_SPORT = "57", _("Education and Sports")
    PUBLIC_SECURITY = "58", _("Public Security and Judicial Affairs")
    PUBLIC_SERVICE = "59", _("Public Administration and Services")


CATEGORY_CODES: tuple[str, ...] = tuple(FieldCategory.values)
# The official Chinese names: what templates and exports write and the importer reads, in
# every language (the labels above are the English names, translated for zh-hans).
CATEGORY_NAMES: dict[str, str] = {
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
assert tuple(CATEGORY_NAMES) == CATEGORY_CODES
SECONDARY_OFFSET = 20  # 中职 code 61 = 高职 code 41, …, 79 = 59


def category_from_text(text: object) -> str | None:
    """The API code for a code (41–59 or the 中职 61–79), a Chinese name, or "code name"; None when
    the text names no category. Blank is not handled here (callers treat it as unstated)."""
    raw = str(text).strip()
    if not raw:
        return None
    head = raw.split()[0].split(".")[0]
    if head.isascii() and head.isdigit():  # ("²".isdigit() is true, and int() refuses it)
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
