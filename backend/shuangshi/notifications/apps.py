from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "shuangshi.notifications"
    label = "notifications"

    def ready(self) -> None:
        from . import receivers  # connects the signal receivers

        receivers.connect_recognition()
