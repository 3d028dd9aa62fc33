from django.apps import AppConfig


class NanhaiConfig(AppConfig):
    name = "nanhai"
    verbose_name = "站点"
