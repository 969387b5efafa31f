"""Anything a person pastes -> one canonical account key, or a precise reason why not.

People paste profile URLs, post links from the mobile app, links with tracking
parameters, bare handles with or without `@`, and links made to look like a platform's.
`parse_account` reduces every form of the same account to one key (`facebook:jpjmalaysia`,
`facebook:id:1000…`, `youtube:id:UC…`), so the register needs one lookup per paste.

Rules that matter for safety:
- hosts match exactly (`facebook.com.evil.example` is not Facebook), and a host made to
  look like a platform's is called out as a lookalike;
- `user@host` tricks are read the way a browser reads them (the host is after the `@`);
- a link that does not name its account (a share link, a post without its author) is
  reported as such rather than guessed.

Pure Python, no Django: the same function runs in the web app, batch jobs and Spark.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote

from rasmi.core.platforms import PLATFORMS, platform_for_host


@dataclass(frozen=True, slots=True)
class AccountRef:
    platform: str
    key: str
    handle: str
    canonical_url: str
    is_platform_id: bool = False


@dataclass(frozen=True, slots=True)
class LinkError:
    code: str
    reason: str
    platform: str | None = None


ERROR_CODES = ("empty", "not_a_url", "handle_needs_platform", "unknown_platform",
               "lookalike_host", "reserved_path", "unresolvable_share_link", "not_an_account",
               "bad_handle")

EMPTY = LinkError("empty", "nothing to check")
NOT_A_URL = LinkError("not_a_url", "not a URL or handle")
NEEDS_PLATFORM = LinkError("handle_needs_platform", "a handle needs a platform")

MAX_LENGTH = 2048
_SPACE = re.compile(r"\s")
_STRIP = " \t\r\n<>\"'`\u200b\u200e\u200f\ufeff"
_TRAILING = ".,;:!?)]}"
_SCHEME = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
_OTHER_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:(?!\d)", re.IGNORECASE)
_HOSTLIKE = re.compile(r"^[a-z0-9\u00a1-\uffff-]+(?:\.[a-z0-9\u00a1-\uffff-]+)+\.?$", re.IGNORECASE)
# Top-level domains common in pasted links. A dotted word without one of these ("contoh.kkm")
# is more likely a handle than a web address.
_KNOWN_TLDS = frozenset(
    "com net org my gov edu info biz io co me app site online xyz top click link shop store "
    "live tv id sg uk us asia cc ly gl gd be to ru cn in ph th vn au nz ca de fr nl it es "
    "example test invalid local".split())

# --- handles -------------------------------------------------------------------------------

_HANDLE_RULES = {
    "facebook": re.compile(r"^[A-Za-z0-9.]{2,80}$"),
    "instagram": re.compile(r"^[A-Za-z0-9._]{1,30}$"),
    "tiktok": re.compile(r"^[A-Za-z0-9._]{2,24}$"),
    "x": re.compile(r"^[A-Za-z0-9_]{1,15}$"),
    "youtube": re.compile(r"^[A-Za-z0-9._\-\u00b7]{3,30}$"),
    "threads": re.compile(r"^[A-Za-z0-9._]{1,30}$"),
    "telegram": re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$"),
    "whatsapp": re.compile(r"^[A-Za-z0-9]{16,40}$"),
    "linkedin": re.compile(r"^[A-Za-z0-9\-_.%\u00c0-\uffff]{2,100}$"),
}
_DIGITS = re.compile(r"^\d{5,25}$")
_YOUTUBE_CHANNEL = re.compile(r"^UC[A-Za-z0-9_-]{20,24}$")
_LEGACY_FB_PAGE = re.compile(r"^.+-(\d{6,25})$")


def _bad_handle(platform: str, handle: str) -> LinkError:
    return LinkError("bad_handle", f"not a valid {PLATFORMS[platform].name} handle: {handle[:60]}",
                     platform)


def _ref(platform: str, key_part: str, handle: str, url: str, is_id: bool = False) -> AccountRef:
    return AccountRef(platform, f"{platform}:{key_part}", handle, url, is_id)


def _facebook_name(handle: str) -> AccountRef:
    # Facebook ignores periods and case in usernames: john.smith is johnsmith (Facebook Help
    # Centre, "What are the guidelines around creating a custom username?").
    handle = handle.lower()
    return _ref("facebook", handle.replace(".", ""), handle, f"https://www.facebook.com/{handle}")


def _facebook_id(number: str) -> AccountRef:
    return _ref("facebook", f"id:{number}", number,
                f"https://www.facebook.com/profile.php?id={number}", True)


def _simple(platform: str, handle: str) -> AccountRef:
    handle = handle.lower()
    url = {
        "instagram": "https://www.instagram.com/{}/",
        "tiktok": "https://www.tiktok.com/@{}",
        "x": "https://x.com/{}",
        "threads": "https://www.threads.net/@{}",
        "telegram": "https://t.me/{}",
    }[platform].format(handle)
    return _ref(platform, handle, handle, url)


def _youtube(kind: str, value: str) -> AccountRef:
    if kind == "id":  # channel ids are case sensitive
        return _ref("youtube", f"id:{value}", value,
                    f"https://www.youtube.com/channel/{value}", True)
    value = value.lower()
    if kind == "@":
        return _ref("youtube", f"@{value}", value, f"https://www.youtube.com/@{value}")
    return _ref("youtube", f"{kind}:{value}", value, f"https://www.youtube.com/{kind}/{value}")


def _linkedin(kind: str, slug: str) -> AccountRef:
    slug = slug.lower()
    return _ref("linkedin", f"{kind}:{slug}", slug, f"https://www.linkedin.com/{kind}/{slug}/")


def _whatsapp_channel(channel: str) -> AccountRef:
    return _ref("whatsapp", f"channel:{channel}", channel,
                f"https://www.whatsapp.com/channel/{channel}", True)


def parse_handle(handle: str, platform: str) -> AccountRef | LinkError:
    """A bare handle (`@jpjmalaysia` or `jpjmalaysia`) on a given platform."""
    if platform not in PLATFORMS:
        return LinkError("unknown_platform", f"not a supported platform: {str(platform)[:40]}")
    if not isinstance(handle, str):
        return EMPTY
    text = handle.strip(_STRIP)
    if not text:
        return EMPTY
    at = text.startswith("@")
    name = text[1:] if at else text
    if not _HANDLE_RULES[platform].match(name):
        if platform == "youtube" and _YOUTUBE_CHANNEL.match(name):
            return _youtube("id", name)
        return _bad_handle(platform, text)
    if platform == "facebook":
        return _facebook_id(name) if _DIGITS.match(name) else _facebook_name(name)
    if platform == "youtube":
        return _youtube("id", name) if _YOUTUBE_CHANNEL.match(name) else _youtube("@", name)
    if platform == "linkedin":
        return _linkedin("company", name)
    if platform == "whatsapp":
        return _whatsapp_channel(name)
    return _simple(platform, name)


def account_key_for_id(platform: str, platform_id: str) -> str:
    """The key an immutable platform id answers to (`facebook:id:1000…`)."""
    platform_id = platform_id.strip()
    if platform == "whatsapp":
        return f"whatsapp:channel:{platform_id}"
    return f"{platform}:id:{platform_id}"


def canonical_url_for_key(key: str) -> str:
    platform, _, rest = key.partition(":")
    if platform == "facebook":
        return (f"https://www.facebook.com/profile.php?id={rest[3:]}" if rest.startswith("id:")
                else f"https://www.facebook.com/{rest}")
    if platform == "youtube":
        if rest.startswith("id:"):
            return f"https://www.youtube.com/channel/{rest[3:]}"
        if rest.startswith("@"):
            return f"https://www.youtube.com/{rest}"
        kind, _, value = rest.partition(":")
        return f"https://www.youtube.com/{kind}/{value}"
    if platform == "linkedin":
        kind, _, slug = rest.partition(":")
        return f"https://www.linkedin.com/{kind}/{slug}/"
    if platform == "whatsapp":
        return f"https://www.whatsapp.com/channel/{rest.partition(':')[2]}"
    if rest.startswith("id:"):
        return {"x": "https://x.com/i/user/{}"}.get(platform, "{}").format(rest[3:])
    return _simple(platform, rest).canonical_url if platform in PLATFORMS else ""


# --- URLs ----------------------------------------------------------------------------------

def parse_account(text: str, platform: str | None = None) -> AccountRef | LinkError:
    """Parse a pasted URL or handle. `platform` is used only for bare handles."""
    if not isinstance(text, str):
        return EMPTY
    text = text.strip(_STRIP)
    if not text:
        return EMPTY
    if len(text) > MAX_LENGTH or _SPACE.search(text):
        return NOT_A_URL
    text = text.rstrip(_TRAILING).strip(_STRIP) or text
    match = _SCHEME.match(text)
    if match:
        rest = text[match.end():]
    elif _OTHER_SCHEME.match(text):
        return NOT_A_URL
    elif text.startswith("@") or "/" not in text and (
            not _looks_like_host(text) or platform and platform_for_host(text) is None):
        if platform:
            return parse_handle(text, platform)
        name = text[1:] if text.startswith("@") else text
        if name and any(rule.match(name) for rule in _HANDLE_RULES.values()):
            return NEEDS_PLATFORM
        return NOT_A_URL
    else:
        rest = text
    return _parse_url(rest)


def _looks_like_host(text: str) -> bool:
    host = text.split("?", 1)[0].split("#", 1)[0].lower()
    if not _HOSTLIKE.match(host):
        return False
    return host.rstrip(".").rsplit(".", 1)[-1] in _KNOWN_TLDS or host.startswith("xn--") \
        or platform_for_host(host) is not None


def _split(rest: str) -> tuple[str, str, str, str]:
    """host, path, query, fragment of a URL without its scheme."""
    fragment = ""
    if "#" in rest:
        rest, fragment = rest.split("#", 1)
    query = ""
    if "?" in rest:
        rest, query = rest.split("?", 1)
    host, _, path = rest.partition("/")
    if "@" in host:  # user@host: browsers go to the host after the last @
        host = host.rsplit("@", 1)[1]
    if ":" in host:
        host = host.split(":", 1)[0]
    return host.lower().rstrip("."), path, query, fragment


def _segments(path: str) -> list[str]:
    if "%" in path:
        path = unquote(path)
    return [part for part in path.split("/") if part]


def _query(query: str) -> dict[str, str]:
    return dict(parse_qsl(query, keep_blank_values=False)) if query else {}


def _parse_url(rest: str) -> AccountRef | LinkError:
    host, path, query, fragment = _split(rest)
    if not host:
        return NOT_A_URL
    if host.startswith("xn--") or ".xn--" in host:
        host = _decode_idna(host)
    special = _SPECIAL_HOSTS.get(host)
    if special is not None:
        return special
    platform = platform_for_host(host)
    if platform is None:
        if not _HOSTLIKE.match(host):
            return NOT_A_URL
        imitated = lookalike_of(host)
        if imitated:
            return LinkError("lookalike_host", f"lookalike of {imitated}")
        return LinkError("unknown_platform", f"not a supported platform: {host[:80]}")
    segments = _segments(path)
    if not segments and fragment.startswith("!/"):  # old #! links
        segments = _segments(fragment[2:])
    return _PARSERS[platform.code](segments, query)


def _decode_idna(host: str) -> str:
    try:
        return host.encode("ascii").decode("idna")
    except (UnicodeError, ValueError):
        return host


def _share(platform: str, what: str = "a share link") -> LinkError:
    return LinkError("unresolvable_share_link",
                     f"{what} does not name its account; paste the profile address", platform)


def _reserved(platform: str, segment: str) -> LinkError:
    return LinkError("reserved_path",
                     f"{PLATFORMS[platform].name} /{segment[:40]} is not an account address",
                     platform)


def _not_account(platform: str, reason: str) -> LinkError:
    return LinkError("not_an_account", reason, platform)


_SPECIAL_HOSTS = {
    "fb.me": _share("facebook"), "l.facebook.com": _share("facebook", "a redirect link"),
    "lm.facebook.com": _share("facebook", "a redirect link"),
    "fb.watch": _share("facebook", "a video link"),
    "vm.tiktok.com": _share("tiktok"), "vt.tiktok.com": _share("tiktok"),
    "t.co": _share("x"), "youtu.be": _share("youtube", "a video link"),
    "l.instagram.com": _share("instagram", "a redirect link"),
    "lnkd.in": _share("linkedin"),
    "wa.me": _not_account("whatsapp", "a private chat link to a phone number, not a channel"),
    "api.whatsapp.com": _not_account("whatsapp",
                                     "a private chat link to a phone number, not a channel"),
    "chat.whatsapp.com": _not_account("whatsapp", "a group invitation, not a channel"),
}

# --- one parser per platform ----------------------------------------------------------------

_FACEBOOK_RESERVED = frozenset(
    "groups events login login.php logout.php help settings marketplace watch gaming hashtag "
    "search messages notifications friends policies privacy business ads home.php stories "
    "dialog sharer sharer.php plugins bookmarks saved memories fundraisers games places pg "
    "recover checkpoint r.php reg signup legal terms about careers developers "
    "l.php events.php media photo.php video.php reel reels story.php".split())


def _facebook(seg: list[str], query: str) -> AccountRef | LinkError:
    if not seg:
        return _not_account("facebook", "the Facebook home page, not an account")
    first = seg[0].lower()
    if first in ("profile.php", "permalink.php", "story.php", "photo.php", "photo",
                 "video.php", "media"):
        params = _query(query)
        number = params.get("id", "")
        if _DIGITS.match(number):
            return _facebook_id(number)
        if first == "profile.php":
            return _bad_handle("facebook", "profile.php without an id")
        return _share("facebook", "a post or photo link")
    if first in ("people", "pages") and len(seg) >= 3 and _DIGITS.match(seg[2]):
        return _facebook_id(seg[2])
    if first == "pages" and len(seg) >= 2 and seg[1] == "category":
        return _reserved("facebook", "pages/category")
    if first == "p" and len(seg) >= 2:
        match = _LEGACY_FB_PAGE.match(seg[1])
        if match:
            return _facebook_id(match.group(1))
        return _bad_handle("facebook", seg[1])
    if first in ("share", "sharer", "sharer.php"):
        return _share("facebook")
    if first in ("watch", "reel", "reels", "videos", "video.php"):
        return _share("facebook", "a video link")
    if first in ("groups", "events"):
        return _reserved("facebook", first)
    if first in _FACEBOOK_RESERVED:
        return _reserved("facebook", first)
    if _DIGITS.match(first):
        return _facebook_id(first)
    legacy = _LEGACY_FB_PAGE.match(first)
    if legacy and "-" in first:
        return _facebook_id(legacy.group(1))
    if not _HANDLE_RULES["facebook"].match(first):
        return _bad_handle("facebook", seg[0])
    return _facebook_name(seg[0])


_INSTAGRAM_RESERVED = frozenset(
    "explore accounts direct about legal developer web challenge emails session privacy terms "
    "directory press api oauth graphql ar".split())


def _instagram(seg: list[str], query: str) -> AccountRef | LinkError:
    if not seg:
        return _not_account("instagram", "the Instagram home page, not an account")
    first = seg[0].lower()
    if first in ("p", "reel", "reels", "tv"):
        return _share("instagram", "a post link")
    if first == "stories":
        if len(seg) >= 2 and seg[1].lower() not in ("highlights",) and \
                _HANDLE_RULES["instagram"].match(seg[1]):
            return _simple("instagram", seg[1])
        return _share("instagram", "a story link")
    if first in _INSTAGRAM_RESERVED:
        return _reserved("instagram", first)
    if not _HANDLE_RULES["instagram"].match(seg[0]):
        return _bad_handle("instagram", seg[0])
    return _simple("instagram", seg[0])


_TIKTOK_RESERVED = frozenset(
    "discover tag music explore foryou live login following friends search upload "
    "business legal about embed".split())


def _at_handle(platform: str, seg: list[str], reserved: frozenset) -> AccountRef | LinkError:
    """Platforms whose profile paths start with `@` (TikTok, Threads)."""
    if not seg:
        return _not_account(platform, f"the {PLATFORMS[platform].name} home page, not an account")
    first = seg[0]
    if first.startswith("@"):
        name = first[1:]
        if not _HANDLE_RULES[platform].match(name):
            return _bad_handle(platform, first)
        return _simple(platform, name)
    if first.lower() in ("t", "share"):
        return _share(platform)
    if first.lower() in reserved:
        return _reserved(platform, first)
    return _not_account(platform, f"{PLATFORMS[platform].name} profile addresses start with @")


def _tiktok(seg: list[str], query: str) -> AccountRef | LinkError:
    return _at_handle("tiktok", seg, _TIKTOK_RESERVED)


def _threads(seg: list[str], query: str) -> AccountRef | LinkError:
    return _at_handle("threads", seg, frozenset({"login", "search", "settings", "t"}))


_X_RESERVED = frozenset(
    "home explore search i settings login logout intent share hashtag notifications messages "
    "tos privacy compose signup account jobs download".split())


def _x(seg: list[str], query: str) -> AccountRef | LinkError:
    if not seg:
        return _not_account("x", "the X home page, not an account")
    first = seg[0].lower()
    if first == "i" and len(seg) >= 3 and seg[1] == "user" and _DIGITS.match(seg[2]):
        return _ref("x", f"id:{seg[2]}", seg[2], f"https://x.com/i/user/{seg[2]}", True)
    if first == "intent" and len(seg) >= 2 and seg[1] in ("user", "follow"):
        params = _query(query)
        if _DIGITS.match(params.get("user_id", "")):
            return _x(["i", "user", params["user_id"]], "")
        if _HANDLE_RULES["x"].match(params.get("screen_name", "")):
            return _simple("x", params["screen_name"])
    if first in ("i", "share", "intent"):
        return _share("x")
    if first in _X_RESERVED:
        return _reserved("x", first)
    name = seg[0][1:] if seg[0].startswith("@") else seg[0]
    if not _HANDLE_RULES["x"].match(name):
        return _bad_handle("x", seg[0])
    return _simple("x", name)


_YOUTUBE_RESERVED = frozenset(
    "results feed playlist embed account premium gaming music kids signin logout upload "
    "about t howyoutubeworks ads creators trends hashtag".split())


def _youtube_url(seg: list[str], query: str) -> AccountRef | LinkError:
    if not seg:
        return _not_account("youtube", "the YouTube home page, not an account")
    first = seg[0]
    lower = first.lower()
    if first.startswith("@"):
        if not _HANDLE_RULES["youtube"].match(first[1:]):
            return _bad_handle("youtube", first)
        return _youtube("@", first[1:])
    if lower == "channel" and len(seg) >= 2:
        if _YOUTUBE_CHANNEL.match(seg[1]):
            return _youtube("id", seg[1])
        return _bad_handle("youtube", seg[1])
    if lower in ("c", "user") and len(seg) >= 2:
        if not _HANDLE_RULES["youtube"].match(seg[1]):
            return _bad_handle("youtube", seg[1])
        return _youtube(lower, seg[1])
    if lower in ("watch", "shorts", "live", "clip", "post", "v"):
        return _share("youtube", "a video link")
    if lower in _YOUTUBE_RESERVED or lower in ("channel", "c", "user"):
        return _reserved("youtube", first)
    if _HANDLE_RULES["youtube"].match(first):  # youtube.com/Name is a legacy custom URL
        return _youtube("c", first)
    return _bad_handle("youtube", first)


_TELEGRAM_RESERVED = frozenset(
    "share addstickers addemoji addtheme proxy socks setlanguage login iv confirmphone "
    "addlist boost invoice".split())


def _telegram(seg: list[str], query: str) -> AccountRef | LinkError:
    if not seg:
        return _not_account("telegram", "the Telegram home page, not an account")
    first = seg[0]
    if first.startswith("+") or first.lower() in ("joinchat", "c"):
        return _share("telegram", "an invitation or private link")
    if first.lower() == "s" and len(seg) >= 2:
        first = seg[1]
    elif first.lower() in _TELEGRAM_RESERVED:
        return _reserved("telegram", first)
    name = first[1:] if first.startswith("@") else first
    if not _HANDLE_RULES["telegram"].match(name):
        return _bad_handle("telegram", first)
    return _simple("telegram", name)


def _whatsapp(seg: list[str], query: str) -> AccountRef | LinkError:
    if len(seg) >= 2 and seg[0].lower() == "channel":
        if _HANDLE_RULES["whatsapp"].match(seg[1]):
            return _whatsapp_channel(seg[1])
        return _bad_handle("whatsapp", seg[1])
    if seg and seg[0].lower() == "send":
        return _not_account("whatsapp", "a private chat link to a phone number, not a channel")
    return _reserved("whatsapp", seg[0] if seg else "")


def _linkedin_url(seg: list[str], query: str) -> AccountRef | LinkError:
    if len(seg) >= 2 and seg[0].lower() in ("company", "school", "showcase", "in"):
        if not _HANDLE_RULES["linkedin"].match(seg[1]):
            return _bad_handle("linkedin", seg[1])
        return _linkedin(seg[0].lower(), seg[1])
    if seg and seg[0].lower() in ("posts", "feed", "pulse", "events"):
        return _share("linkedin", "a post link")
    return _reserved("linkedin", seg[0] if seg else "")


_PARSERS = {
    "facebook": _facebook, "instagram": _instagram, "tiktok": _tiktok, "x": _x,
    "youtube": _youtube_url, "threads": _threads, "telegram": _telegram,
    "whatsapp": _whatsapp, "linkedin": _linkedin_url,
}

# --- lookalike hosts -------------------------------------------------------------------------

# Brand label -> the domain a lookalike imitates. Short brands (x, fb, t.me) are left out:
# at one or two letters every host would be "near" them.
_BRANDS = {"facebook": "facebook.com", "instagram": "instagram.com", "tiktok": "tiktok.com",
           "twitter": "twitter.com", "youtube": "youtube.com", "whatsapp": "whatsapp.com",
           "telegram": "telegram.org", "linkedin": "linkedin.com"}
_HOMOGLYPHS = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i", "ј": "j",
    "к": "k", "м": "m", "т": "t", "в": "b", "н": "h", "ѕ": "s", "ԁ": "d", "ɡ": "g", "ɩ": "l",
    "α": "a", "ο": "o", "ν": "v", "τ": "t", "κ": "k", "ι": "i", "ε": "e", "ս": "u",
    "0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s",
})
_ALL_DOMAINS = tuple(sorted((domain, platform.domains[0])
                            for platform in PLATFORMS.values() for domain in platform.domains))


def lookalike_of(host: str) -> str | None:
    """The platform domain this host imitates, or None."""
    for domain, main in _ALL_DOMAINS:
        for prefix in ("", "www.", "m."):
            start = prefix + domain
            if len(host) > len(start) and host.startswith(start) and host[len(start)] in ".-_":
                return "twitter.com" if domain == "twitter.com" else main
    labels = [label for label in re.split(r"[.\-_]", host) if label]
    for label in labels[:-1] or labels:
        folded = label.translate(_HOMOGLYPHS)
        variants = {folded, folded.replace("l", "i"), label}
        for brand, domain in _BRANDS.items():
            for variant in variants:
                if brand in variant or abs(len(variant) - len(brand)) <= 1 and \
                        _within_one_edit(variant, brand):
                    return domain
    return None


def _within_one_edit(a: str, b: str) -> bool:
    """One substitution, insertion, deletion or swap of neighbours apart (or equal)."""
    if a == b:
        return True
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))
