"""The importer's messages in the user's language: English source text → Chinese.

One place for every message this app writes; `t()` picks the language of the request
(Django's `get_language()`), so a clerk reading Chinese gets Chinese and an API client
asking for English gets English. Messages coming from the shared record rules
(`teachers.validation`) are already translated by Django's gettext.
"""

import functools
import re
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language

ZH: dict[str, str] = {
    "This appointment overlaps the one in row %(row)d (same mentor, school and mode).": (
        "该聘任与第 %(row)d 行的聘任时间重叠（同一导师、学校和方式）。"
    ),
    "This mentor already has an appointment at this school in this mode during these dates.": (
        "该导师在此期间已有本校同一方式的聘任。"
    ),
    # files
    "The file is %(size)s MB; the limit is %(limit)s MB. Split it into smaller workbooks.": (
        "文件大小为 %(size)s MB，超过上限 %(limit)s MB。请拆分成几个较小的工作簿后分别导入。"
    ),
    "The workbook unpacks to %(size)s MB of sheet data; the limit is %(limit)s MB. "
    "Split it into smaller workbooks.": (
        "该工作簿解压后的表格数据为 %(size)s MB，超过上限 %(limit)s MB。请拆分成几个较小的工作簿。"
    ),
    "The workbook unpacks to more than %(limit)s MB, the limit. Split it into smaller workbooks.": (
        "该工作簿解压后超过 %(limit)s MB 的上限。请拆分成几个较小的工作簿后分别导入。"
    ),
    "The workbook holds %(count)s parts; a workbook has at most %(limit)s. "
    "Open it in Excel and save it again as .xlsx.": (
        "该文件包含 %(count)s 个部件，正常工作簿最多 %(limit)s 个。"
        "请用 Excel 打开后重新保存为 .xlsx。"
    ),
    "The workbook part %(part)s unpacks to more than %(limit)s times its packed size; "
    "real sheets never do. Open it in Excel and save it again as .xlsx.": (
        "工作簿中的 %(part)s 解压后超过压缩大小的 %(limit)s 倍，正常表格不会如此。"
        "请用 Excel 打开后重新保存为 .xlsx。"
    ),
    "The workbook contains macros (.xlsm); macro-enabled workbooks are not "
    "accepted. Save it in Excel as an Excel Workbook (.xlsx) and upload that.": (
        "该工作簿包含宏（.xlsm），不接受启用宏的工作簿。"
        "请在 Excel 中“另存为”Excel 工作簿（.xlsx）后再上传。"
    ),
    "A sheet reaches cell %(cell)s (row %(rows)s, column %(columns)s); the limits "
    "are %(max_rows)s rows and %(max_columns)s columns. Delete the cells beyond "
    "them (or split the sheet) and save it again.": (
        "工作表的已用范围到达单元格 %(cell)s（第 %(rows)s 行、第 %(columns)s 列），"
        "超过 %(max_rows)s 行、%(max_columns)s 列的上限。"
        "请删除超出范围的单元格（或拆分工作表）后重新保存。"
    ),
    "This is an old Excel 97-2003 (.xls) file or a password-protected workbook. "
    "Open it in Excel, remove any password and save it as an Excel Workbook (.xlsx).": (
        "这是旧版 Excel 97-2003（.xls）文件或设置了密码的工作簿。"
        "请用 Excel 打开，取消密码后“另存为”Excel 工作簿（.xlsx）。"
    ),
    "This looks like a CSV or text file. Open it in Excel and save it as an Excel "
    "Workbook (.xlsx), or fill in the downloaded template.": (
        "该文件似乎是 CSV 或文本文件。请用 Excel 打开并另存为 Excel 工作簿（.xlsx），"
        "或使用下载的模板填写。"
    ),
    "The file could not be read as an Excel workbook (it may be damaged). "
    "Open it in Excel and save it again as .xlsx, or fill in the downloaded template.": (
        "无法读取该文件（文件可能已损坏）。请用 Excel 打开后重新保存为 .xlsx，"
        "或使用下载的模板填写。"
    ),
    "The file is empty.": "文件为空。",
    "No sheet has the template's header row (missing: %(missing)s). "
    "Use the downloaded template and keep its header row.": (
        "没有找到含模板表头的工作表（缺少：%(missing)s）。请使用下载的模板，并保留表头行。"
    ),
    "Both sheets %(first)s and %(second)s have the template's header row. "
    "Put all rows in one sheet, or import each sheet as its own file.": (
        "工作表%(first)s和%(second)s都有模板表头。请把所有行放在同一个工作表中，"
        "或把每个工作表分别存为文件导入。"
    ),
    "The column %(column)s appears twice in the header row.": "表头中“%(column)s”列出现了两次。",
    "The sheet has no data rows below the header.": "表头下方没有数据行。",
    "Choose a file to upload.": "请选择要上传的文件。",
    "Unknown import kind “%(kind)s”; use one of: %(kinds)s.": (
        "未知的导入类型“%(kind)s”，可选：%(kinds)s。"
    ),
    # cells
    "Required.": "必填。",
    "At most %(max)d characters (this has %(length)d).": (
        "最多 %(max)d 个字符（当前 %(length)d 个）。"
    ),
    "Not a date; write it as 2024-09-01 or format the cell as a date.": (
        "不是有效日期，请写成 2024-09-01 或将单元格设为日期格式。"
    ),
    "Choose a date between 1950-01-01 and 2100-12-31.": (
        "请选择 1950-01-01 至 2100-12-31 之间的日期。"
    ),
    "Not a whole number.": "不是整数。",
    "Must be zero or more.": "不能为负数。",
    "At most %(max)d.": "不能超过 %(max)d。",
    "“%(value)s” is not one of: %(allowed)s.": "“%(value)s”不是可选值之一：%(allowed)s。",
    "The ID number was stored as a number and its last digits are lost. "
    "Format the column as text and type the ID number again.": (
        "身份证号被存成了数字，后几位已丢失。请将该列设置为“文本”格式后重新输入身份证号。"
    ),
    "This number has more than 15 digits and Excel keeps only 15, so its last "
    "digits are lost. Format the column as text and type it again.": (
        "该数字超过 15 位，Excel 只保留 15 位，后几位已丢失。请将该列设置为“文本”格式后重新输入。"
    ),
    "The cell shows the formula error %(error)s; correct the formula or type the value.": (
        "该单元格显示公式错误 %(error)s，请修正公式或直接填写数值。"
    ),
    "The cell holds a formula whose result was not saved (the file was written by a "
    "program, not saved in Excel). Open the file in Excel or WPS and save it, or type "
    "the value in.": (
        "该单元格是公式，但文件中没有保存它的计算结果（文件由程序生成，未在 Excel 中保存过）。"
        "请用 Excel 或 WPS 打开该文件并保存后重新上传，或直接填写数值。"
    ),
    "A formula in this sheet was saved without its result (the file was written by a "
    "program, not saved in Excel). Open the file in Excel or WPS and save it, or type "
    "the values in.": (
        "工作表中有公式没有保存计算结果（文件由程序生成，未在 Excel 中保存过）。"
        "请用 Excel 或 WPS 打开该文件并保存后重新上传，或直接填写数值。"
    ),
    "This cell is part of the merged cells %(cells)s, which keep their value in the "
    "first cell only. Unmerge them and fill in the value on every row.": (
        "该单元格属于合并单元格 %(cells)s，合并后只有第一个单元格有值，其余读作空白。"
        "请取消合并，并在每一行都填写该值。"
    ),
    # rows
    "This ID number is also in row %(row)d.": "该身份证号与第 %(row)d 行重复。",
    "The same record is also in row %(row)d.": "与第 %(row)d 行是同一条记录（重复）。",
    "You can only import into your own school (%(code)s).": ("只能导入本校（%(code)s）的数据。"),
    "No school has the code “%(code)s”.": "没有代码为“%(code)s”的学校。",
    "No teacher with this ID number is registered in your scope: import the teachers first.": (
        "在您的权限范围内没有该身份证号对应的教师，请先导入教师信息。"
    ),
    # The same, as jobs before round 48 stored it (the English lacked the hint).
    "No teacher with this ID number is registered in your scope.": (
        "在您的权限范围内没有该身份证号对应的教师，请先导入教师信息。"
    ),
    "No teacher with this ID number is registered.": "系统中没有该身份证号对应的教师。",
    "Give the certificate number: certificates are matched by teacher, kind and number.": (
        "请填写证书编号：证书按教师、类别和编号识别。"
    ),
    "No training base has the code “%(code)s”.": "没有代码为“%(code)s”的培训基地。",
    "You can only import completions of your own base's programmes.": (
        "只能导入本基地培训项目的结业记录。"
    ),
    "No programme of this base has this title.": "本基地没有该名称的培训项目。",
    "Several programmes have this title; give the programme's start date.": (
        "有多个同名培训项目，请填写项目开始日期。"
    ),
    # round 45: the title exists, the start date is wrong
    "No programme with this title starts on %(date)s; its start date is %(starts)s.": (
        "该名称的培训项目没有在 %(date)s 开始的，该项目的开始日期为 %(starts)s。"
    ),
    "No programme with this title starts on %(date)s.": (
        "该名称的培训项目没有在 %(date)s 开始的，请核对项目开始日期。"
    ),
    # round 45: one mentor's rows in one file agree
    "Row %(row)d has this ID number with another name (%(name)s).": (
        "第 %(row)d 行的身份证号与本行相同，但姓名不同（%(name)s）。"
    ),
    "This mentor is also in row %(row)d with another value in this column; "
    "give the same on each of the mentor's rows.": (
        "该导师在第 %(row)d 行的此列填写不同，同一导师各行的此列应填写一致。"
    ),
    "This ID number is also used by a teacher; check it.": "该身份证号已被一名教师使用，请核对。",
    # jobs
    "Fix the errors and upload the file again: nothing was imported.": (
        "请修改错误后重新上传文件：本次未导入任何数据。"
    ),
    "This import was already committed.": "该导入已提交，不能重复提交。",
    "Errors": "错误说明",
    # the errors workbook's listing (round 29: in the reader's language)
    "Error list": "错误清单",
    "Row": "行号",
    "Column": "列",
    "Cell": "单元格",
    "Value": "值",
    "Error": "错误说明",
    "%(column)s: %(text)s": "%(column)s：%(text)s",
    "; ": "；",
}


# Imports as background jobs (issue 11).
ZH.update(
    {
        "The file is still being checked; commit it when the check is done.": (
            "文件仍在检查中，检查完成后再提交。"
        ),
        "This import failed: upload the file again.": "本次导入失败，请重新上传文件。",
        "This upload has expired: upload the file again.": "上传的文件已过期，请重新上传。",
        "The file is still being checked: its marked workbook is ready when the check is done.": (
            "文件仍在检查中，检查完成后才能下载错误标注工作簿。"
        ),
        "The rows are being imported: the marked workbook is ready if the import refuses them.": (
            "正在导入这些行；若导入时发现错误，届时可下载错误标注工作簿。"
        ),
    }
)

# A download's ?lang= (round 34: a plain link follows the app's language, not the browser's).
ZH["Use one of: %(codes)s."] = "可选：%(codes)s。"


def english() -> bool:
    """Whether the active language (the request's, or the job's as recorded when it was
    started) is English: user-facing exports are then written in English."""
    return (get_language() or "").startswith("en")


def t(message: str, **params: Any) -> "Text":
    """`message` in the request's language, with %(name)s parameters filled in."""
    language = get_language() or ""
    text = ZH.get(message, message) if language.startswith("zh") else message
    return Text(text % params if params else text, message, params)


# ---------------------------------------------------------------- in the reader's language
#
# An import's errors are found by a background job, in the language of the request that
# started it, and read later by whoever opens the import, in theirs. So a message keeps what
# it says (Text: t()'s English msgid and parameters; Rendered: a shared record rule's message
# in each language), the import stores that neutral form beside the rendered message
# (services._error: "message_key"), and readers render it again (read_errors). Only rows
# with errors pay for it.


class Text(str):
    """A message of t(), rendered in one language, that remembers its msgid and params."""

    msgid: str
    params: dict[str, Any]

    def __new__(cls, rendered: str, msgid: str, params: dict[str, Any]) -> "Text":
        text = super().__new__(cls, rendered)
        text.msgid, text.params = msgid, params
        return text

    def __reduce__(self) -> tuple[Any, ...]:  # the dry run's helper pickles its errors
        return (Text, (str(self), self.msgid, self.params))


class Rendered(str):
    """A message of the shared record rules (Django's gettext), in every language."""

    forms: dict[str, str]

    def __new__(cls, rendered: str, forms: dict[str, str]) -> "Rendered":
        text = super().__new__(cls, rendered)
        text.forms = forms
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return (Rendered, (str(self), self.forms))


# A list inside a message (the choices of a column, the columns missing): joined by the
# reader's language's mark. The values stay as the sheet must hold them.
LIST_PARAMS = frozenset({"allowed", "missing"})


# Each language's mark is one no value contains, so a reader sees where each value ends:
# 、 in Chinese (a level's label holds a slash: 五级/初级工), "; " in English (a field
# category's English name holds commas: "Agriculture, Forestry, Animal Husbandry and
# Fishery"; a level's a slash: "Grade 4 / intermediate worker"). Not a catalogue entry: "; "
# is one already, the mark between one row's errors (；).
LIST_MARK = "; "  # English, and any language without a mark of its own below
LIST_MARKS = {"zh": "、"}  # by the language's first part (zh-hans, zh-cn…)
# A summary line stored before joined its list with ", " in English: it is read back too
# (its lists are Chinese headers, which hold no comma).
_ANY_LIST_MARK = re.compile("|".join(map(re.escape, (LIST_MARK, *LIST_MARKS.values(), ", "))))


def list_mark(language: str | None = None) -> str:
    """The list mark in ``language`` (default: the active one)."""
    language = language or get_language() or settings.LANGUAGE_CODE
    return LIST_MARKS.get(language.split("-")[0].lower(), LIST_MARK)


def listing(items: Iterable[str]) -> Rendered:
    """``items`` joined in each language the site speaks (a message's parameter)."""
    items = list(items)
    forms = {code: list_mark(code).join(items) for code, _name in settings.LANGUAGES}
    return Rendered(list_mark().join(items), forms)


def choices_listing(chinese: Iterable[str], english: Iterable[str]) -> Rendered:
    """A column's choices for a message, in each language: the Chinese labels to a Chinese
    reader, the English ones (which the English template offers) to the others. A cell may
    hold either (labels.lookup_table)."""
    zh, en = list(chinese), list(english)
    forms = {
        code: list_mark(code).join(zh if code.startswith("zh") else en)
        for code, _name in settings.LANGUAGES
    }
    current = get_language() or settings.LANGUAGE_CODE
    shown = forms.get(current) or list_mark(current).join(zh if current.startswith("zh") else en)
    return Rendered(shown, forms)


def of(exc: BaseException) -> str:
    """An exception's message, a Text kept as such (str(exc) would flatten it)."""
    first = exc.args[0] if len(exc.args) == 1 else None
    return first if isinstance(first, str) else str(exc)


def _in_every_language(make: Callable[[], Any], current: Any) -> dict[str, Any]:
    """make() under each language; ``current`` (make()'s result already) for this one."""
    language = get_language()
    forms = {}
    for code, _name in settings.LANGUAGES:
        if code == language:
            forms[code] = current
            continue
        with translation.override(code):
            forms[code] = make()
    return forms


def every_language(make: Callable[[], Any]) -> Rendered:
    """make()'s message (a shared rule's gettext), rendered in each language."""
    message = make()
    forms = _in_every_language(make, message)
    return Rendered(str(message), {code: str(text) for code, text in forms.items()})


def rule_errors(
    rule: Callable[..., dict[str, list[Any]]], *args: Any, **kwargs: Any
) -> dict[str, list[Any]]:
    """A shared record rule's errors ({field: [messages]}), each message a Rendered: the
    rule is run again in each other language, only when it found an error."""
    errors = rule(*args, **kwargs)
    if not errors:
        return errors
    forms = _in_every_language(lambda: rule(*args, **kwargs), errors)
    out: dict[str, list[Any]] = {}
    for name, messages in errors.items():
        each = {code: found.get(name, []) for code, found in forms.items()}
        same = all(len(texts) == len(messages) for texts in each.values())
        out[name] = [
            Rendered(str(message), {c: str(v[i]) for c, v in each.items()}) if same else message
            for i, message in enumerate(messages)
        ]
    return out


def neutral(message: str) -> Any:
    """The language-neutral form of a message (JSON), or None for plain text:
    [msgid, {name: param}] for a Text (a Text or Rendered param in its own form),
    {language: text} for a Rendered."""
    if isinstance(message, Text):
        return [message.msgid, {k: _param(v) for k, v in message.params.items()}]
    if isinstance(message, Rendered):
        return dict(message.forms)
    return None


def _param(value: Any) -> Any:
    if isinstance(value, (Text, Rendered)):
        return neutral(value)
    if value is None or isinstance(value, (str, int, float)):
        return value  # bool is an int
    return str(value)


def shown(form: Any) -> str | None:
    """A neutral form rendered in the current language; None if it cannot be."""
    if isinstance(form, dict):
        language = get_language() or settings.LANGUAGE_CODE
        found = form.get(language)
        if found is None:  # zh-cn, en-us…: the form of the same language
            prefix = language.split("-")[0]
            found = next((v for k, v in form.items() if k.split("-")[0] == prefix), None)
        return found if isinstance(found, str) else None
    if isinstance(form, list) and len(form) == 2 and isinstance(form[0], str):
        msgid, params = form
        if not isinstance(params, dict):
            return None
        values = {}
        for name, value in params.items():
            values[name] = shown(value) if isinstance(value, (list, dict)) else value
            if values[name] is None and value is not None:
                return None
        try:
            return str(t(msgid, **values))
        except (KeyError, TypeError, ValueError):
            return None  # the message's parameters changed since it was stored
    return None


def read_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An import's stored errors for a reader: each message in the reader's language (as
    stored when it has no neutral form: stored before round 29), without that form."""
    out = []
    for error in errors:
        if "message_key" not in error:
            out.append(error)
            continue
        error = dict(error)
        form = error.pop("message_key")
        error["message"] = shown(form) or error.get("message", "")
        out.append(error)
    return out


# An import's summary line (ImportJob.message: why the dry run refused the file) has no
# field for a neutral form: it is read back against this catalogue, in either language,
# and rendered again; text that is no message of this catalogue is shown as stored.
_PLACEHOLDER = re.compile(r"%\((\w+)\)([sd])")


@functools.cache
def _read_back_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(a pattern matching the message rendered in either language, its msgid), once."""
    patterns = []
    for msgid, chinese in ZH.items():
        for template in (msgid, chinese):
            pattern, names, at = [], set(), 0
            for found in _PLACEHOLDER.finditer(template):
                pattern.append(re.escape(template[at : found.start()].replace("%%", "%")))
                name, kind = found.groups()
                if name in names:
                    pattern.append(f"(?P={name})")
                else:
                    names.add(name)
                    pattern.append(f"(?P<{name}>-?\\d+)" if kind == "d" else f"(?P<{name}>.+?)")
                at = found.end()
            pattern.append(re.escape(template[at:].replace("%%", "%")))
            if names and not _PLACEHOLDER.sub("", template).strip():
                continue  # nothing but parameters: it would match any text
            patterns.append((re.compile("".join(pattern), re.DOTALL), msgid))
    return tuple(patterns)


def read_message(text: str) -> str:
    """A message of this catalogue, stored in one language, in the current one."""
    if not text:
        return text
    for pattern, msgid in _read_back_patterns():
        found = pattern.fullmatch(text)
        if found is not None:
            mark = list_mark()
            params: dict[str, Any] = {
                name: int(value)
                if f"%({name})d" in msgid
                else mark.join(_ANY_LIST_MARK.split(value))
                if name in LIST_PARAMS
                else value
                for name, value in found.groupdict().items()
            }
            try:
                return str(t(msgid, **params))
            except (KeyError, TypeError, ValueError):
                return text
    return text
