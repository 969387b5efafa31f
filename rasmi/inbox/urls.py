from django.urls import path

from rasmi.inbox import views

app_name = "inbox"

urlpatterns = [
    path("webhooks/meta/", views.meta_webhook, name="meta_webhook"),
]
