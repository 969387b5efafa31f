"""Complaint records (SISPAA), their exports, and FAQ suggestions; included under /inbox/."""

from django.urls import path

from rasmi.inbox import complaint_views as views

app_name = "complaints"

urlpatterns = [
    path("aduan/", views.record_list, name="list"),
    path("aduan/eksport.<str:fmt>", views.records_export, name="export_all"),
    path("aduan/<int:pk>/", views.record_detail, name="detail"),
    path("aduan/<int:pk>/rekod.<str:fmt>", views.record_export, name="export"),
    path("aduan/<int:pk>/tutup/", views.record_close, name="close"),
    path("perbualan/<int:conversation_pk>/aduan-baru/", views.record_new, name="new"),
    path("soalan-lazim/<slug:code>/", views.faq_suggestions, name="faq"),
    path("soalan-lazim/<slug:code>/jawapan/", views.faq_answer, name="faq_answer"),
]
