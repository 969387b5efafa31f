from django.urls import include, path

from rasmi.inbox import views

app_name = "inbox"

urlpatterns = [
    path("webhooks/meta/", views.meta_webhook, name="meta_webhook"),
    path("inbox/tetapan/", include("rasmi.inbox.setup_urls")),
]
