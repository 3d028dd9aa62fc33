from django.urls import path

from . import views

app_name = "attachments"

urlpatterns = [
    # The reader's file name ends the URL too: clients that ignore Content-Disposition
    # (some in-app browsers) still save the file under it.
    path("<int:pk>/<str:filename>", views.download, name="download"),
]
