from django.urls import include, path

from rasmi.inbox import conversation_views as inbox
from rasmi.inbox import views

app_name = "inbox"

urlpatterns = [
    path("webhooks/meta/", views.meta_webhook, name="meta_webhook"),
    path("inbox/tetapan/", include("rasmi.inbox.setup_urls")),
    # The officers' shared inbox (conversation_views).
    path("inbox/", inbox.queue, name="queue"),
    path("inbox/senarai/", inbox.queue_rows, name="rows"),
    path("inbox/lewat/", inbox.overdue, name="overdue"),
    path("inbox/c/<int:pk>/", inbox.conversation_page, name="conversation"),
    path("inbox/c/<int:pk>/tugaskan/", inbox.assign, name="assign"),
    path("inbox/c/<int:pk>/status/", inbox.set_status, name="status"),
    path("inbox/c/<int:pk>/tunda/", inbox.snooze, name="snooze"),
    path("inbox/c/<int:pk>/balas/", inbox.reply, name="reply"),
    path("inbox/c/<int:pk>/templat/", inbox.canned, name="canned"),
    path("inbox/m/<int:pk>/sembunyi/", inbox.hide, name="hide"),
    path("inbox/m/<int:pk>/tunjuk/", inbox.unhide, name="unhide"),
    path("inbox/m/<int:pk>/hantar-semula/", inbox.retry, name="retry"),
]
