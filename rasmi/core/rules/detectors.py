"""Programmatic checks a term list cannot express: identifiers, links, platform limits,
media accessibility, the language policy. Each takes the post being checked and yields
(start, end) spans in its text, or (None, None) for a finding about media or platforms.

A rule names its detector (`detector: mykad`) and may pass options from its pack.
"""

import ipaddress
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from rasmi.core import links, platforms
from rasmi.core.signals import SHORTENERS
from rasmi.core.text import identifiers, language

Span = tuple[int | None, int | None]

# Characters a post may use: X counts a link as 23 and most non-Latin characters twice.
X_LINK_WEIGHT = 23
PLATFORM_LIMITS = {"x": 280, "threads": 500, "instagram": 2200, "tiktok": 2200,
                   "facebook": 63206, "linkedin": 3000, "youtube": 5000, "telegram": 4096}
HASHTAG_LIMITS = {"instagram": 30}
_HASHTAG = re.compile(r"(?<![\w&])#\w+")
_KNOWN_TLDS = ("my|com|net|org|gov|edu|info|io|ly|gl|co|me|app|link|site|online|xyz|id|"
               "ee|cc|tv|biz|asia|help|page|top|live|click|store|shop|news|sg|uk|us|to|"
               "in|ai|gd|at|be|cn|hk|tk|ml|ga|cf|ws|ink|lol|vip|club|work|support|services")
_URL = re.compile(
    r"(?<![@\w.-])(?:(?P<scheme>https?)://(?P<host1>[^\s/?#<>\"'()]+)"
    r"|(?P<host2>(?:www\.)?(?:[a-z0-9-]+\.)+(?:" + _KNOWN_TLDS + r"))(?![a-z0-9-]))"
    r"(?P<rest>[/?#][^\s<>\"']*)?", re.IGNORECASE)
_TRAILING = ".,;:!?)]}»”’'\""
# Every link _URL finds has a scheme ("://") or ends in a known TLD exactly as _URL's own
# ending reads it: one quick search rules out most posts before _URL's slow one.
_URL_ENDING = re.compile(r"\.(?:" + _KNOWN_TLDS + r")(?![a-z0-9-])", re.IGNORECASE)


@dataclass
class Link:
    start: int
    end: int
    text: str
    scheme: str  # "" when written without one
    host: str


@dataclass
class Post:
    """What the detectors read: the text, its targets, media, and the register's view."""

    text: str
    platforms: tuple[str, ...] = ()
    media: tuple[dict, ...] = ()
    official_keys: frozenset[str] = frozenset()
    official_domains: frozenset[str] = frozenset()  # organisations' own sites (bernama.com)
    require_malay: bool = True
    _links: list[Link] | None = field(default=None, repr=False)
    _word_count: int | None = field(default=None, repr=False)

    def links(self) -> list[Link]:
        if self._links is None:
            self._links = list(_find_links(self.text))
        return self._links

    def word_count(self) -> int:
        """Words split on white space, counted once for the model's five rules."""
        if self._word_count is None:
            self._word_count = len(self.text.split())
        return self._word_count


def _find_links(text: str) -> Iterator[Link]:
    if "." not in text or ("://" not in text and not _URL_ENDING.search(text)):
        return
    for match in _URL.finditer(text):
        raw = match.group(0)
        stripped = raw.rstrip(_TRAILING)
        host = (match.group("host1") or match.group("host2") or "").lower().rstrip(_TRAILING)
        host = host.split("@")[-1].split(":")[0]
        if not host or "." not in host:
            continue
        yield Link(match.start(), match.start() + len(stripped), stripped,
                   (match.group("scheme") or "").lower(), host)


@lru_cache(maxsize=4096)
def _is_ip(host: str) -> bool:
    # An IPv4 address is digits and dots, an IPv6 one has colons: skip the exception
    # ip_address raises for every ordinary host name.
    if ":" not in host and host.strip("0123456789."):
        return False
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _is_government(host: str) -> bool:
    return host in ("gov.my", "mil.my") or host.endswith((".gov.my", ".mil.my"))


# Short platform names too common to look for inside any label: they count only next to
# the words account-recovery phishing uses.
_SHORT_BRANDS = {"x": "x.com", "fb": "facebook.com", "ig": "instagram.com", "meta": "meta.com"}
_PHISHING_WORDS = frozenset("verify verification verified support security badge login "
                            "signin appeal copyright help recovery".split())


def _foreign_government(host: str) -> bool:
    """Another country's government domain (.gov, .gov.sg, .gov.uk ...), not a lookalike."""
    labels = host.split(".")
    return labels[-1] == "gov" or (len(labels) >= 2 and labels[-2] == "gov")


@lru_cache(maxsize=4096)  # a pure function of the host; the same hosts recur
def imitated_domain(host: str) -> str | None:
    """What a lookalike host pretends to be: "gov.my" or a platform's domain."""
    if _is_government(host) or platforms.platform_for_host(host) is not None:
        return None
    if ".gov.my" in host or "gov.my." in host or "govmy" in host.replace("-", "").replace(
            ".", ""):
        return "gov.my"
    tokens = [t for t in re.split(r"[.\-_]", host) if t]
    if "gov" in tokens[:-1] and not _foreign_government(host):
        return "gov.my"  # mysejahtera-moh-gov.com
    if tokens and tokens[0] in _SHORT_BRANDS and _PHISHING_WORDS.intersection(tokens):
        return _SHORT_BRANDS[tokens[0]]
    return links.lookalike_of(host)


def _within(host: str, domains: frozenset[str]) -> bool:
    """The host is one of the domains or under one of them."""
    parts = host.split(".")
    return any(".".join(parts[i:]) in domains for i in range(len(parts) - 1))


def _link_spans(post: Post, keep: Callable[[Link], bool]) -> Iterator[Span]:
    for link in post.links():
        if keep(link):
            yield link.start, link.end


def raw_ip_link(post: Post, options: dict) -> Iterator[Span]:
    return _link_spans(post, lambda link: _is_ip(link.host))


def lookalike_link(post: Post, options: dict) -> Iterator[Span]:
    return _link_spans(post, lambda link: not _is_ip(link.host)
                       and imitated_domain(link.host) is not None)


def shortener_link(post: Post, options: dict) -> Iterator[Span]:
    return _link_spans(post, lambda link: link.host.removeprefix("www.") in SHORTENERS)


def insecure_link(post: Post, options: dict) -> Iterator[Span]:
    return _link_spans(post, lambda link: link.scheme == "http")


def outside_link(post: Post, options: dict) -> Iterator[Span]:
    """Links that are neither government sites nor the register's official accounts, and
    that no stronger link rule already names."""

    def outside(link: Link) -> bool:
        host = link.host
        bare = host.removeprefix("www.")
        if _is_ip(host) or _is_government(host) or imitated_domain(host) is not None \
                or bare in SHORTENERS or _within(bare, post.official_domains):
            return False
        if platforms.platform_for_host(host) is not None:
            ref = links.parse_account(link.text)
            return isinstance(ref, links.LinkError) or ref.key not in post.official_keys
        return True

    return _link_spans(post, outside)


def _identifier(finder) -> Callable[[Post, dict], Iterator[Span]]:
    def detect(post: Post, options: dict) -> Iterator[Span]:
        for span in finder(post.text):
            yield span.start, span.end
    return detect


def x_length(text: str, found: list[Link] | None = None) -> int:
    """Length as X counts it: each link 23, Latin and common punctuation 1, others 2."""
    total, cursor = 0, 0
    for link in _find_links(text) if found is None else found:
        total += _weighted(text[cursor:link.start]) + X_LINK_WEIGHT
        cursor = link.end
    return total + _weighted(text[cursor:])


def _weighted(text: str) -> int:
    if text.isascii():  # every ASCII character counts 1
        return len(text)
    return sum(1 if ord(ch) <= 0x10FF or 0x2000 <= ord(ch) <= 0x200D
               or 0x2010 <= ord(ch) <= 0x201F or 0x2032 <= ord(ch) <= 0x2037 else 2
               for ch in text)


def over_length(post: Post, options: dict) -> Iterator[Span]:
    for platform in post.platforms:
        limit = PLATFORM_LIMITS.get(platform)
        length = x_length(post.text, post.links()) if platform == "x" else len(post.text)
        if limit is not None and length > limit:
            yield None, None


def too_many_hashtags(post: Post, options: dict) -> Iterator[Span]:
    for platform in post.platforms:
        limit = HASHTAG_LIMITS.get(platform)
        if limit is not None and len(_HASHTAG.findall(post.text)) > limit:
            yield None, None


def missing_alt_text(post: Post, options: dict) -> Iterator[Span]:
    for item in post.media:
        kind = str(item.get("type") or "").lower()
        described = str(item.get("alt_text") or "").strip()
        if kind in ("image", "photo", "gif") and not described:
            yield None, None
        elif kind == "video" and not item.get("captions"):
            # A description tells a blind reader what is shown; deaf viewers need what is
            # said: captions (WCAG 2.1 1.2.2). A silent video is marked captions: true.
            yield None, None


def no_malay_version(post: Post, options: dict) -> Iterator[Span]:
    if not post.require_malay:
        return
    present = language.languages_present(post.text)
    if present and "ms" not in present:
        yield None, None


MODEL_MIN_WORDS = 3


def abuse_model(post: Post, options: dict) -> Iterator[Span]:
    """The trained model's evidence words, when it reads the post as abusive in the
    rule's category."""
    from rasmi.core.rules.abuse import verdict_for  # loads numpy and the model on first use

    # On a word or two the model has too little to read ("Hai", "Lagi" looked abusive);
    # a one-word insult is the word lists' to find.
    if post.word_count() < MODEL_MIN_WORDS:
        return
    verdict = verdict_for(post.text)
    if verdict.evidence and verdict.category == options.get("category"):
        yield from verdict.evidence[:2]


DETECTORS: dict[str, Callable[[Post, dict], Iterator[Span]]] = {
    "mykad": _identifier(identifiers.mykad_numbers),
    "passport": _identifier(identifiers.passport_numbers),
    "bank_account": _identifier(identifiers.bank_account_numbers),
    "mobile": _identifier(identifiers.mobile_numbers),
    "personal_email": _identifier(identifiers.personal_emails),
    "raw_ip_link": raw_ip_link,
    "lookalike_link": lookalike_link,
    "shortener_link": shortener_link,
    "insecure_link": insecure_link,
    "outside_link": outside_link,
    "over_length": over_length,
    "too_many_hashtags": too_many_hashtags,
    "missing_alt_text": missing_alt_text,
    "no_malay_version": no_malay_version,
    "abuse_model": abuse_model,
}
