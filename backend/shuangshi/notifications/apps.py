from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "shuangshi.notifications"
    label = "notifications"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the signal receivers)
