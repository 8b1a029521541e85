from django.apps import AppConfig


class MentorsConfig(AppConfig):
    name = "shuangshi.mentors"
    label = "mentors"
