from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "shuangshi.training"
    label = "training"
