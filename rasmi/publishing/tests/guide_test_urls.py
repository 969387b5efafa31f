"""The site's URLs with the guide mounted at /panduan/ (the project's own URLconf may not
mount it yet; if it does, it is not mounted twice)."""

from django.urls import include, path

from rasmi.urls import urlpatterns as site_patterns

urlpatterns = list(site_patterns)
if not any(getattr(pattern, "namespace", None) == "guide" for pattern in site_patterns):
    urlpatterns.insert(0, path("panduan/", include("rasmi.publishing.guide_urls")))
