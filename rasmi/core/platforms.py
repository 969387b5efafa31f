"""The social media platforms Rasmi knows, described as data.

Adding a platform means adding one entry here (and its path rules in links.py); nothing
else in the code names a platform's hosts. Hosts are matched exactly, never by suffix, so
`facebook.com.evil.example` is not Facebook.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Platform:
    code: str
    name: str
    # The registrable domains people paste, with every sub-host we accept in front of them.
    domains: tuple[str, ...]
    canonical_host: str
    # True when a handle's letter case carries meaning (YouTube channel ids); most
    # platforms treat `@JPJ` and `@jpj` as the same account.
    case_sensitive_ids: bool = False
    report_url: str = ""


# Sub-host prefixes that are the same site (mobile, basic, web shells).
SAME_SITE_PREFIXES = ("", "www.", "m.", "mobile.", "web.", "mbasic.", "touch.", "business.")

PLATFORMS: dict[str, Platform] = {
    p.code: p for p in (
        Platform("facebook", "Facebook", ("facebook.com", "fb.com", "fb.me"), "www.facebook.com",
                 report_url="https://www.facebook.com/help/contact/169486816475808"),
        Platform("instagram", "Instagram", ("instagram.com", "instagr.am"), "www.instagram.com",
                 report_url="https://help.instagram.com/contact/636276399721841"),
        Platform("tiktok", "TikTok", ("tiktok.com",), "www.tiktok.com",
                 report_url="https://www.tiktok.com/legal/report/feedback"),
        Platform("x", "X", ("x.com", "twitter.com"), "x.com",
                 report_url="https://help.x.com/forms/impersonation"),
        Platform("youtube", "YouTube", ("youtube.com", "youtu.be"), "www.youtube.com",
                 case_sensitive_ids=True,
                 report_url="https://support.google.com/youtube/answer/2801947"),
        Platform("threads", "Threads", ("threads.net", "threads.com"), "www.threads.net",
                 report_url="https://help.instagram.com/contact/636276399721841"),
        Platform("telegram", "Telegram", ("t.me", "telegram.me", "telegram.dog"), "t.me",
                 report_url="https://telegram.org/faq_spam"),
        Platform("whatsapp", "WhatsApp", ("whatsapp.com",), "www.whatsapp.com",
                 report_url="https://faq.whatsapp.com/"),
        Platform("linkedin", "LinkedIn", ("linkedin.com",), "www.linkedin.com",
                 report_url="https://www.linkedin.com/help/linkedin/answer/a1338436"),
    )
}
PLATFORM_CODES: tuple[str, ...] = tuple(PLATFORMS)


def platform_for_host(host: str) -> Platform | None:
    """The platform whose site this exact host is, or None."""
    host = host.lower().rstrip(".")
    found = _HOSTS.get(host)
    if found is None and _REGIONAL.match(host):
        return _HOSTS.get(host.split(".", 1)[1])
    return found


# Regional hosts: my.linkedin.com, ms-my.facebook.com, en-gb.facebook.com.
_REGIONAL = re.compile(r"^(?:[a-z]{2}|[a-z]{2}-[a-z]{2})\.(?:linkedin\.com|facebook\.com)$")


_HOSTS: dict[str, Platform] = {
    prefix + domain: platform
    for platform in PLATFORMS.values()
    for domain in platform.domains
    for prefix in SAME_SITE_PREFIXES
}
