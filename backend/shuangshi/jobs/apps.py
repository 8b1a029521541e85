from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "shuangshi.jobs"
    label = "jobs"

    def ready(self) -> None:
        # Every app's jobs module registers its jobs (and schedule entries) on import.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("jobs")
