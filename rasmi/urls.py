from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from rasmi.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("akaun/", include("rasmi.people.urls")),
    path("admin/", admin.site.urls),
    path("panduan/", include("rasmi.publishing.guide_urls")),
    path("pemantauan/", include("rasmi.monitoring.urls")),
    path("", include("rasmi.inbox.urls")),
    path("inbox/", include("rasmi.inbox.complaint_urls")),
    path("", include("rasmi.inbox.feedback_urls")),
    path("", include("rasmi.publishing.urls")),
    path("", include("rasmi.discovery.urls")),
    path("", include("rasmi.registry.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
