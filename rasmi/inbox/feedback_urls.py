from django.urls import path

from rasmi.inbox import feedback_views as views

app_name = "feedback"

urlpatterns = [
    path("inbox/feedback/", views.dashboard, name="dashboard"),
    path("inbox/feedback/counts.csv", views.counts_csv, name="counts_csv"),
    path("inbox/feedback/report/", views.weekly_report, name="report"),
    path("inbox/feedback/report.pdf", views.weekly_report, {"fmt": "pdf"}, name="report_pdf"),
]
