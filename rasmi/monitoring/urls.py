"""Monitoring and crisis mode; included under /pemantauan/."""

from django.urls import path

from rasmi.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.home, name="home"),
    path("amaran/", views.alert_list, name="alerts"),
    path("amaran/<int:pk>/", views.alert_detail, name="alert"),
    path("amaran/<int:pk>/akui/", views.alert_acknowledge, name="acknowledge"),
    path("sepanduk/", views.banner, name="banner"),
    path("senarai-pantau/", views.watch_list, name="watch_list"),
    path("senarai-pantau/<slug:code>/hubungan/", views.contact_add, name="contact_add"),
    path("senarai-pantau/<slug:code>/hubungan/<int:pk>/buang/", views.contact_remove,
         name="contact_remove"),
    path("krisis/", views.crisis_list, name="crises"),
    path("krisis/baru/", views.crisis_new, name="crisis_new"),
    path("krisis/<int:pk>/", views.crisis_room, name="crisis"),
    path("krisis/<int:pk>/strim/", views.crisis_stream, name="stream"),
    path("krisis/<int:pk>/nota/", views.crisis_note, name="note"),
    path("krisis/<int:pk>/tamat/", views.crisis_end, name="end"),
    path("krisis/<int:pk>/jawapan/", views.crisis_pin, name="pin"),
    path("krisis/<int:pk>/dakwaan/", views.crisis_claim, name="claim"),
    path("krisis/<int:pk>/dakwaan/<int:claim_pk>/", views.claim_mark, name="claim_mark"),
    path("krisis/<int:pk>/kenyataan/", views.holding_statement, name="holding"),
    path("krisis/<int:pk>/laporan/", views.crisis_report, name="report"),
    path("krisis/<int:pk>/laporan.pdf", views.crisis_report, {"fmt": "pdf"},
         name="report_pdf"),
]
