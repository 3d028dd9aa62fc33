from django.urls import path

from . import views

app_name = "workplan"

urlpatterns = [
    path("", views.PlanIndexView.as_view(), name="index"),
    path("<int:year>/", views.PlanDetailView.as_view(), name="year"),
    path("<int:year>/overview/", views.PlanOverviewView.as_view(), name="overview"),
]
