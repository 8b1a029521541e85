from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "shuangshi.audit"
    label = "audit"

    def ready(self) -> None:
        from . import registry, signals

        registry.register_models()
        signals.connect()
