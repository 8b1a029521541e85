from django.apps import AppConfig


class SpreadsheetsConfig(AppConfig):
    name = "shuangshi.spreadsheets"
    label = "spreadsheets"
