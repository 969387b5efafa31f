"""The public guide's URLs; the project mounts them at /panduan/."""

from django.urls import path

from rasmi.publishing import guide_views

app_name = "guide"
urlpatterns = [
    path("", guide_views.guide_index, name="index"),
    path("<slug:slug>/", guide_views.guide_page, name="page"),
]
