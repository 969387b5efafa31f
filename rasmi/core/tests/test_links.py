"""core.links: every way of writing an account gives one key; everything else a reason."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasmi.core.links import (
    AccountRef,
    LinkError,
    account_key_for_id,
    canonical_url_for_key,
    lookalike_of,
    parse_account,
    parse_handle,
)

SAME_ACCOUNT = [
    # (pasted, key, canonical URL)
    ("https://m.facebook.com/example.kpt.rasmi/posts/123456789?ref=share",
     "facebook:examplekptrasmi", "https://www.facebook.com/example.kpt.rasmi"),
    ("facebook.com/Example.KPT.Rasmi/", "facebook:examplekptrasmi",
     "https://www.facebook.com/example.kpt.rasmi"),
    ("http://web.facebook.com/example.kpt.rasmi?fbclid=IwAR0abc#top", "facebook:examplekptrasmi",
     "https://www.facebook.com/example.kpt.rasmi"),
    ("mbasic.facebook.com/example.kpt.rasmi/photos/a.1/2/", "facebook:examplekptrasmi",
     "https://www.facebook.com/example.kpt.rasmi"),
    ("fb.com/examplekptrasmi", "facebook:examplekptrasmi", "https://www.facebook.com/examplekptrasmi"),
    ("https://www.facebook.com/#!/example.kpt.rasmi", "facebook:examplekptrasmi",
     "https://www.facebook.com/example.kpt.rasmi"),
    ("<https://www.facebook.com/example.kpt.rasmi>.", "facebook:examplekptrasmi",
     "https://www.facebook.com/example.kpt.rasmi"),
    ("facebook.com/profile.php?id=100000000000002", "facebook:id:100000000000002",
     "https://www.facebook.com/profile.php?id=100000000000002"),
    ("https://m.facebook.com/profile.php?id=100000000000002&ref=bookmarks",
     "facebook:id:100000000000002", "https://www.facebook.com/profile.php?id=100000000000002"),
    ("https://www.facebook.com/people/Contoh-Nama/100000000000002/",
     "facebook:id:100000000000002", "https://www.facebook.com/profile.php?id=100000000000002"),
    ("https://www.facebook.com/pages/Jabatan-Contoh/123456789012345",
     "facebook:id:123456789012345", "https://www.facebook.com/profile.php?id=123456789012345"),
    ("https://www.facebook.com/permalink.php?story_fbid=999&id=100000000000002",
     "facebook:id:100000000000002", "https://www.facebook.com/profile.php?id=100000000000002"),
    ("https://www.facebook.com/Jabatan-Contoh-123456789012345/",
     "facebook:id:123456789012345", "https://www.facebook.com/profile.php?id=123456789012345"),
    ("instagram.com/someone_else", "instagram:someone_else", "https://www.instagram.com/someone_else/"),
    ("https://www.instagram.com/Someone_Else/?igshid=MzRlODBiNWFlZA==", "instagram:someone_else",
     "https://www.instagram.com/someone_else/"),
    ("https://instagr.am/someone_else/reels/", "instagram:someone_else",
     "https://www.instagram.com/someone_else/"),
    ("https://www.instagram.com/stories/someone_else/3141592653/", "instagram:someone_else",
     "https://www.instagram.com/someone_else/"),
    ("tiktok.com/@example.jpj.official", "tiktok:example.jpj.official",
     "https://www.tiktok.com/@example.jpj.official"),
    ("https://www.tiktok.com/@Example.JPJ.Official/video/7300000000000000000?lang=ms",
     "tiktok:example.jpj.official", "https://www.tiktok.com/@example.jpj.official"),
    ("https://twitter.com/NotTheMOT/status/1790000000000000000?s=20", "x:notthemot",
     "https://x.com/notthemot"),
    ("x.com/@NotTheMOT", "x:notthemot", "https://x.com/notthemot"),
    ("https://mobile.twitter.com/NotTheMOT/with_replies", "x:notthemot", "https://x.com/notthemot"),
    ("https://x.com/i/user/783214", "x:id:783214", "https://x.com/i/user/783214"),
    ("https://twitter.com/intent/user?screen_name=NotTheMOT", "x:notthemot",
     "https://x.com/notthemot"),
    ("https://www.youtube.com/channel/UCexampleJPT0000000000000/videos",
     "youtube:id:UCexampleJPT0000000000000", "https://www.youtube.com/channel/UCexampleJPT0000000000000"),
    ("https://m.youtube.com/@JPJContoh/shorts", "youtube:@jpjcontoh", "https://www.youtube.com/@jpjcontoh"),
    ("youtube.com/c/JPJContoh", "youtube:c:jpjcontoh", "https://www.youtube.com/c/jpjcontoh"),
    ("youtube.com/user/JPJContoh/featured", "youtube:user:jpjcontoh",
     "https://www.youtube.com/user/jpjcontoh"),
    ("threads.net/@example_jpj/post/C0abc", "threads:example_jpj", "https://www.threads.net/@example_jpj"),
    ("https://t.me/s/contoh_jpj", "telegram:contoh_jpj", "https://t.me/contoh_jpj"),
    ("t.me/Contoh_JPJ/1234", "telegram:contoh_jpj", "https://t.me/contoh_jpj"),
    ("https://www.whatsapp.com/channel/0029VaContohJPJ00000000000",
     "whatsapp:channel:0029VaContohJPJ00000000000",
     "https://www.whatsapp.com/channel/0029VaContohJPJ00000000000"),
    ("https://my.linkedin.com/company/contoh-jpj/posts/?feedView=all",
     "linkedin:company:contoh-jpj", "https://www.linkedin.com/company/contoh-jpj/"),
    ("linkedin.com/in/contoh-pegawai", "linkedin:in:contoh-pegawai",
     "https://www.linkedin.com/in/contoh-pegawai/"),
]


@pytest.mark.parametrize(("pasted", "key", "canonical"), SAME_ACCOUNT)
def test_pasted_forms_resolve_to_their_account(pasted, key, canonical):
    ref = parse_account(pasted)
    assert isinstance(ref, AccountRef), ref
    assert (ref.key, ref.canonical_url) == (key, canonical)
    again = parse_account(ref.canonical_url)
    assert (again.key, again.canonical_url) == (key, canonical)


REFUSED = [
    ("", "empty", None),
    ("   ", "empty", None),
    ("hello there", "not_a_url", None),
    ("javascript:alert(1)", "not_a_url", None),
    ("@jpjmalaysia", "handle_needs_platform", None),
    ("contoh.kkm", "handle_needs_platform", None),
    ("https://facebook.com.login-check.example/example.kpt.rasmi", "lookalike_host", None),
    ("https://evilfacebook.com/jpj", "lookalike_host", None),
    ("faceb00k.com/jpj", "lookalike_host", None),
    ("https://www.faecbook.com/jpj", "lookalike_host", None),
    ("https://fаcebook.com/jpj", "lookalike_host", None),  # Cyrillic а
    ("instagram.com-verify.net/jpj", "lookalike_host", None),
    ("https://tiktok.com.my-gift.xyz/@jpj", "lookalike_host", None),
    ("https://www.lnstagram.com/jpj", "lookalike_host", None),
    ("https://facebook.com@evil.example/jpj", "unknown_platform", None),
    ("https://www.jpj.gov.my/", "unknown_platform", None),
    ("https://telegraph.co.uk/news", "unknown_platform", None),
    ("https://www.facebook.com/groups/123456/", "reserved_path", "facebook"),
    ("https://www.facebook.com/events/98765/", "reserved_path", "facebook"),
    ("https://www.facebook.com/login/", "reserved_path", "facebook"),
    ("https://www.facebook.com/share/p/1AbCdEf/", "unresolvable_share_link", "facebook"),
    ("https://fb.me/abc", "unresolvable_share_link", "facebook"),
    ("https://www.facebook.com/reel/123456", "unresolvable_share_link", "facebook"),
    ("https://www.facebook.com/watch/?v=123", "unresolvable_share_link", "facebook"),
    ("https://www.instagram.com/p/C0abcdEF/", "unresolvable_share_link", "instagram"),
    ("https://www.instagram.com/explore/tags/malaysia/", "reserved_path", "instagram"),
    ("https://vm.tiktok.com/ZSabc123/", "unresolvable_share_link", "tiktok"),
    ("https://www.tiktok.com/discover/jpj", "reserved_path", "tiktok"),
    ("https://www.tiktok.com/jpj", "not_an_account", "tiktok"),
    ("https://t.co/abc", "unresolvable_share_link", "x"),
    ("https://x.com/search?q=jpj", "reserved_path", "x"),
    ("https://youtu.be/dQw4w9WgXcQ", "unresolvable_share_link", "youtube"),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "unresolvable_share_link", "youtube"),
    ("https://t.me/+AbCdEf", "unresolvable_share_link", "telegram"),
    ("https://t.me/joinchat/AbCdEf", "unresolvable_share_link", "telegram"),
    ("https://wa.me/60123456789", "not_an_account", "whatsapp"),
    ("https://chat.whatsapp.com/AbCdEfGh", "not_an_account", "whatsapp"),
    ("https://www.facebook.com/", "not_an_account", "facebook"),
    ("https://www.facebook.com/profile.php", "bad_handle", "facebook"),
    ("https://x.com/this_handle_is_far_too_long", "bad_handle", "x"),
]


@pytest.mark.parametrize(("pasted", "code", "platform"), REFUSED)
def test_what_is_not_an_account_says_why(pasted, code, platform):
    error = parse_account(pasted)
    assert isinstance(error, LinkError), error
    assert (error.code, error.platform) == (code, platform)
    assert error.reason


def test_reasons_are_the_documented_phrases():
    assert parse_account("hello there").reason == "not a URL or handle"
    assert parse_account("https://facebook.com.login-check.example/x").reason == \
        "lookalike of facebook.com"
    assert parse_account("https://twitter.com.verify-now.example/x").reason == \
        "lookalike of twitter.com"


def test_lookalike_check_leaves_ordinary_hosts_alone():
    for host in ("jpj.gov.my", "telegraph.co.uk", "example.com", "books.google.com",
                 "ticketmaster.com", "facebookgroups.example"[:0] + "news.my"):
        assert lookalike_of(host) is None, host


@pytest.mark.parametrize(("handle", "platform", "key"), [
    ("@JPJmalaysia", "facebook", "facebook:jpjmalaysia"),
    ("jpj.malaysia", "facebook", "facebook:jpjmalaysia"),
    ("100000000000002", "facebook", "facebook:id:100000000000002"),
    ("@jpj_my", "instagram", "instagram:jpj_my"),
    ("JPJ_my", "x", "x:jpj_my"),
    ("@JPJContoh", "youtube", "youtube:@jpjcontoh"),
    ("UCexampleJPT0000000000000", "youtube", "youtube:id:UCexampleJPT0000000000000"),
    ("contoh_jpj", "telegram", "telegram:contoh_jpj"),
])
def test_bare_handles_on_a_platform(handle, platform, key):
    assert parse_handle(handle, platform).key == key
    assert parse_account(handle, platform).key == key


def test_bad_handles_and_platforms():
    assert parse_handle("has space", "x").code == "bad_handle"
    assert parse_handle("jpj", "myspace").code == "unknown_platform"
    assert parse_handle("", "x").code == "empty"


def test_youtube_channel_ids_keep_their_case():
    lower = parse_account("https://www.youtube.com/channel/UCexamplejpt0000000000000")
    upper = parse_account("https://www.youtube.com/channel/UCexampleJPT0000000000000")
    assert lower.key != upper.key


def test_keys_for_ids_match_what_urls_give():
    assert account_key_for_id("facebook", "100000000000002") == \
        parse_account("facebook.com/profile.php?id=100000000000002").key
    assert account_key_for_id("youtube", "UCexampleJPT0000000000000") == \
        parse_account("youtube.com/channel/UCexampleJPT0000000000000").key


@pytest.mark.parametrize("pasted", [row[0] for row in SAME_ACCOUNT])
def test_canonical_url_for_key_parses_back_to_the_key(pasted):
    key = parse_account(pasted).key
    assert parse_account(canonical_url_for_key(key)).key == key


# --- properties ------------------------------------------------------------------------------

facebook_names = st.from_regex(r"[a-z][a-z0-9]{1,10}(\.[a-z0-9]{2,8}){0,2}", fullmatch=True)
instagram_names = st.from_regex(r"[a-z0-9_]{1,12}(\.[a-z0-9_]{1,8})?", fullmatch=True).filter(
    lambda name: name not in {"p", "reel", "reels", "tv", "stories", "explore", "accounts",
                              "direct", "about", "legal", "developer", "web", "challenge",
                              "emails", "session", "privacy", "terms", "directory", "press",
                              "api", "oauth", "graphql", "ar"})
x_names = st.from_regex(r"[A-Za-z0-9_]{1,15}", fullmatch=True).filter(
    lambda name: name.lower() not in {"home", "explore", "search", "i", "settings", "login",
                                      "logout", "intent", "share", "hashtag", "notifications",
                                      "messages", "tos", "privacy", "compose", "signup",
                                      "account", "jobs", "download"})
channel_ids = st.from_regex(r"UC[A-Za-z0-9_-]{22}", fullmatch=True)

PLATFORM_FORMS = {
    "facebook": (facebook_names, "https://www.facebook.com/{}",
                 ["{s}{h}facebook.com/{n}", "{s}{h}facebook.com/{n}/",
                  "{s}{h}facebook.com/{n}/posts/{d}", "{s}{h}facebook.com/{n}/videos/{d}/",
                  "{s}fb.com/{n}?{q}", "{s}{h}facebook.com/{n}#{q}"]),
    "instagram": (instagram_names, "https://www.instagram.com/{}/",
                  ["{s}{h}instagram.com/{n}", "{s}{h}instagram.com/{n}/?{q}", "{s}instagr.am/{n}",
                   "{s}{h}instagram.com/{n}/tagged/"]),
    "x": (x_names, "https://x.com/{}",
          ["{s}twitter.com/{n}", "{s}{h}x.com/{n}/status/{d}?{q}", "{s}mobile.twitter.com/{n}/",
           "{s}x.com/@{n}"]),
}


@given(data=st.data(), platform=st.sampled_from(sorted(PLATFORM_FORMS)))
def test_every_variant_of_a_canonical_url_maps_to_the_same_key(data, platform):
    names, canonical_form, variants = PLATFORM_FORMS[platform]
    name = data.draw(names)
    canonical = canonical_form.format(name.lower())
    ref = parse_account(canonical)
    assert isinstance(ref, AccountRef), (canonical, ref)
    assert ref.canonical_url == canonical
    form = data.draw(st.sampled_from(variants))
    pasted = form.format(
        s=data.draw(st.sampled_from(["", "http://", "https://", "HTTPS://"])),
        h=data.draw(st.sampled_from(["", "www.", "m.", "WWW."] + (
            ["mobile.", "web.", "mbasic."] if platform == "facebook" else []))),
        n=data.draw(st.sampled_from([name, name.upper(), name.lower()])),
        d=data.draw(st.integers(min_value=1, max_value=10**19)),
        q=data.draw(st.sampled_from(["utm_source=wa&utm_medium=share", "fbclid=IwAR0x",
                                     "igshid=abc", "s=20"])))
    pasted = data.draw(st.sampled_from([pasted, f"  {pasted} ", f"{pasted}."]))
    assert parse_account(pasted).key == ref.key, pasted


@given(channel_ids)
def test_youtube_channel_urls_round_trip(channel):
    ref = parse_account(f"youtube.com/channel/{channel}/about")
    assert ref.key == f"youtube:id:{channel}"
    assert parse_account(ref.canonical_url) == ref


@given(st.text(max_size=300))
def test_never_raises_on_any_text(text):
    result = parse_account(text)
    assert isinstance(result, AccountRef | LinkError)
    for platform in ("facebook", "x", "youtube"):
        assert isinstance(parse_account(text, platform), AccountRef | LinkError)


@given(st.text(alphabet=st.characters(codec="ascii"), max_size=80))
def test_never_raises_on_url_shaped_text(tail):
    for prefix in ("https://facebook.com/", "instagram.com/", "https://t.me/", "youtube.com/c/"):
        assert isinstance(parse_account(prefix + tail), AccountRef | LinkError)
