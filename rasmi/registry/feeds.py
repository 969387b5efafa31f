"""Atom feed of the public register's changes, for newsrooms and fact-checkers."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from rasmi.registry.models import RegisterChange

KIND_TEXT = {
    "added": ("ditambah", "added"),
    "status_changed": ("status berubah", "status changed"),
    "moved": ("alamat berubah", "address changed"),
    "removed": ("dibuang", "removed"),
}


class RegisterChangesFeed(Feed):
    feed_type = Atom1Feed
    title = "Rasmi — perubahan daftar akaun rasmi / register changes"
    subtitle = ("Perubahan pada daftar akaun media sosial rasmi kerajaan Malaysia. "
                "Changes to the register of official Malaysian government social media accounts.")

    def link(self):
        return reverse("registry:directory")

    def items(self):
        return RegisterChange.objects.select_related("organisation").order_by("-id")[:200]

    def item_title(self, item):
        ms, en = KIND_TEXT.get(item.kind, (item.kind, item.kind))
        return f"{item.organisation.name_ms}: {item.platform} {ms} / {en} — {item.url}"

    def item_description(self, item):
        parts = [f"{item.organisation.name_ms} / {item.organisation.name_en}",
                 f"{item.platform}: {item.url}"]
        if item.previous_url:
            parts.append(f"sebelum ini / previously: {item.previous_url}")
        if item.old_status or item.new_status:
            parts.append(f"status: {item.old_status or '—'} → {item.new_status or '—'}")
        return " · ".join(parts)

    def item_link(self, item):
        return reverse("registry:organisation", args=[item.organisation.code]) + f"#c{item.pk}"

    def item_guid(self, item):
        return f"rasmi-change-{item.pk}"

    def item_pubdate(self, item):
        return item.at
