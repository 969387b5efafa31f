from django.urls import path

from rasmi.discovery import views

app_name = "discovery"

urlpatterns = [
    path("lapor/", views.report, name="report"),
    path("banci/penemuan/", views.census_page, name="census"),
    path("staf/kes/", views.queue, name="queue"),
    path("staf/kes/pukal/", views.bulk, name="bulk"),
    path("staf/kes/dosier.<str:fmt>", views.batch_dossier, name="batch_dossier"),
    path("staf/kes/<int:pk>/", views.case_detail, name="case"),
    path("staf/kes/<int:pk>/tindakan/", views.transition, name="transition"),
    path("staf/kes/<int:pk>/tugasan/", views.assign, name="assign"),
    path("staf/kes/<int:pk>/komen/", views.comment, name="comment"),
    path("staf/kes/<int:pk>/dosier.<str:fmt>", views.case_dossier, name="dossier"),
]
