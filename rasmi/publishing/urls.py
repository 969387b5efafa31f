from django.urls import path

from rasmi.publishing import views

app_name = "publishing"
urlpatterns = [
    path("staf/siaran/", views.post_list, name="list"),
    path("staf/siaran/baru/", views.post_new, name="new"),
    path("staf/siaran/semak/", views.check_draft, name="check"),
    path("staf/siaran/kalendar/", views.calendar, name="calendar"),
    path("staf/siaran/outbox/", views.outbox, name="outbox"),
    path("staf/siaran/<int:pk>/", views.post_detail, name="detail"),
    path("staf/siaran/<int:pk>/ubah/", views.post_edit, name="edit"),
    path("staf/siaran/<int:pk>/hantar/", views.post_submit, name="submit"),
    path("staf/siaran/<int:pk>/lulus/", views.post_approve, name="approve"),
    path("staf/siaran/<int:pk>/kembali/", views.post_send_back, name="send_back"),
    path("staf/siaran/<int:pk>/segera/", views.post_fast_track, name="fast_track"),
    path("staf/siaran/<int:pk>/semakan-susulan/", views.post_after_review, name="after_review"),
    path("staf/siaran/<int:pk>/jadual/", views.post_schedule, name="schedule"),
    path("staf/siaran/<int:pk>/pindah/", views.calendar_move, name="move"),
    path("staf/siaran/<int:pk>/cuba-lagi/", views.post_retry, name="retry"),
    path("staf/siaran/akaun/<int:pk>/kelayakan/", views.credential_edit, name="credential"),
    path("staf/sop/<slug:code>/", views.sop_edit, name="sop"),
    path("staf/sop/<slug:code>/krisis/", views.sop_crisis, name="crisis"),
    path("staf/sop/<slug:code>/dokumen/", views.sop_document_view, name="sop_document"),
    path("staf/sop/<slug:code>/dokumen.pdf", views.sop_document_view, {"fmt": "pdf"},
         name="sop_pdf"),
]
