from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "shuangshi.recognition"
    verbose_name = "Recognition (认定)"
