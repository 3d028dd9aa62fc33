from django.urls import path

from . import views

app_name = "photos"

urlpatterns = [
    path("ckeditor-upload/", views.ckeditor_upload, name="ckeditor-upload"),
]
