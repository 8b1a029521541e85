from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "shuangshi.accounts"
    label = "accounts"
