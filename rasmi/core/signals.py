"""What an account says about itself: the words a case officer looks for, in BM and English.

Each detector returns the evidence it found (a short phrase), never a bare flag, so a
reason can quote it. Lexicons are hand-written from how aid, summons and recruitment scams,
branch pages and parody pages in Malaysia word themselves.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from rasmi.core.platforms import platform_for_host

_WORD = re.compile(r"[a-z0-9]+")


class Lexicon:
    """Phrases matched on whole words. Text is split into words once; single words are set
    lookups and longer phrases substring checks on the space-joined words, so a profile
    costs a few microseconds whatever the lexicon's size."""

    def __init__(self, *phrases: str, patterns: tuple[str, ...] = ()):
        normalised = {" ".join(_WORD.findall(p.lower())) for p in phrases}
        self.words = frozenset(p for p in normalised if " " not in p)
        self.phrases: dict[str, list[str]] = {}  # first word -> phrases starting with it
        for phrase in sorted((p for p in normalised if " " in p), key=len, reverse=True):
            self.phrases.setdefault(phrase.split(" ", 1)[0], []).append(phrase)
        self.patterns = tuple(re.compile(p, re.IGNORECASE) for p in patterns)

    def found(self, text: "Text", limit: int = 3) -> list[str]:
        hits: list[str] = []
        for first in text.word_set.intersection(self.phrases):
            for phrase in self.phrases[first]:
                if f" {phrase} " in text.padded:
                    hits.append(phrase)
        for word in text.words:
            if word in self.words and word not in hits:
                hits.append(word)
        for pattern in self.patterns:
            match = pattern.search(text.raw)
            if match:
                hits.append(match.group(0).lower())
        return list(dict.fromkeys(hits))[:limit]


class Text:
    __slots__ = ("raw", "words", "word_set", "padded")

    def __init__(self, raw: str):
        self.raw = raw
        self.words = _WORD.findall(raw.lower())
        self.word_set = frozenset(self.words)
        self.padded = f" {' '.join(self.words)} "


def _words(*phrases: str, patterns: tuple[str, ...] = ()) -> Lexicon:
    return Lexicon(*phrases, patterns=patterns)


PARODY = _words(
    "parody", "parodi", "fan page", "fanpage", "fan account", "peminat", "kelab peminat",
    "bukan akaun rasmi", "bukan laman rasmi", "bukan halaman rasmi", "not an official",
    "not official", "not affiliated", "tidak berkaitan dengan", "tiada kaitan dengan",
    "satire", "satira", "unofficial fan", "lawak", "meme", "troll", "commentary",
    "komentar bebas", "akaun peminat", "not the real", "bukan yang sebenar")
CLAIMS_OFFICIAL = _words(
    "rasmi", "official", "officials", "sah", "verified", "disahkan", "sebenar", "genuine",
    "real", "asli", "authorised", "authorized", "hq")
# "Laman rasmi: jpj.gov.my" points to the real site; it is a reference, not a claim.
REFERENCE_TO_OFFICIAL = re.compile(
    r"(?:laman|portal|web|website|laman web|akaun|page|halaman)\s+rasmi\s*[:\-–]?\s*"
    r"(?:https?://)?(?:www\.)?[\w.-]+\.gov\.my|official\s+(?:site|website|portal|page)\s*"
    r"[:\-–]?\s*(?:https?://)?(?:www\.)?[\w.-]+\.gov\.my", re.IGNORECASE)
MONEY = _words(
    "bayar", "bayaran", "pembayaran", "diskaun", "discount", "transfer", "pindahan wang",
    "deposit", "yuran", "caj", "fee", "fees", "payment", "pay now", "hadiah", "menang",
    "pemenang", "winner", "prize", "cabutan bertuah", "lucky draw", "pinjaman", "loan",
    "bantuan tunai", "cash aid", "tuntut", "tebus", "claim", "klaim", "rebat", "rebate",
    "refund", "bayaran balik", "saman diskaun", "bayar saman", "jana pendapatan",
    "pelaburan", "investment", "pulangan", "profit", "untung", "baucar", "voucher",
    "geran", "grant", "kredit", "top up", "topup", "tunai", "cash",
    patterns=(r"\brm\s?\d[\d,.]*",))
PERSONAL_DATA = _words(
    "no ic", "nombor ic", "no kp", "nombor kad pengenalan", "kad pengenalan",
    "mykad", "ic number", "salinan ic", "ic copy", "akaun bank", "nombor akaun",
    "bank account", "account number", "otp", "tac", "kod tac", "kata laluan", "password",
    "pin", "maklumat peribadi", "personal details", "personal information", "butiran peribadi",
    "tarikh lahir", "date of birth", "alamat rumah", "nama ibu", "selfie", "swafoto",
    "isi borang", "fill in the form", "daftar di sini", "register here", "kemaskini data",
    "update your details", "sahkan akaun", "verify your account")
RECRUITMENT = _words(
    "jawatan kosong", "kerja kosong", "pengambilan", "recruitment", "vacancy", "vacancies",
    "hiring", "peluang kerjaya", "gaji", "salary", "kerja dari rumah", "work from home",
    "part time", "sambilan")
BRANCH = _words(
    "negeri", "cawangan", "daerah", "bahagian", "unit", "zon", "wilayah", "branch", "office",
    "pejabat", "state", "district", "division", "sektor", "seksyen", "pusat khidmat",
    "program", "programme", "kelab", "club", "alumni", "persatuan", "koperasi", "sukan",
    "karnival", "hari terbuka", "ekspo", "expo", "festival", "kempen", "campaign",
    "kursus", "latihan", "akademi", "sekolah", "pasukan", "sukarela", "volunteer",
    "staff", "kakitangan", "warga", "kontinjen", "balai", "ibu pejabat daerah", "ipd",
    "ipk", "kaunter", "counter", "utc", "operasi", "ops", "lama", "old", "backup", "arkib",
    "archive", "former", "dahulu", "sebelum ini", "akaun lama", "old account",
    "selangor", "johor", "kedah", "kelantan", "melaka", "malacca", "negeri sembilan", "pahang",
    "perak", "perlis", "pulau pinang", "penang", "sabah", "sarawak", "terengganu",
    "kuala lumpur", "putrajaya", "labuan", "utara", "selatan", "timur", "tengah", "barat",
    "northern", "southern", "eastern", "central", "ipoh", "kuching", "kota kinabalu",
    "johor bahru", "shah alam", "seremban", "kuantan", "alor setar", "kota bharu",
    "kuala terengganu", "georgetown", "klang", "petaling", "miri", "sibu", "tawau", "sandakan")
BUSINESS = _words(
    "kedai", "bakery", "bakeri", "cafe", "kafe", "restoran", "restaurant", "enterprise",
    "enterprises", "sdn bhd", "trading", "shop", "store", "butik", "boutique",
    "catering", "katering", "kek", "cake", "cakes", "tempahan", "order now", "klinik",
    "clinic", "salon", "spa", "tuisyen", "tuition", "hartanah", "property", "properties",
    "motor", "auto", "autos", "workshop", "bengkel", "dobi", "laundry", "resort", "hotel",
    "homestay", "photography", "fotografi", "studio", "fashion", "tudung", "hijab", "bundle",
    "borong", "wholesale", "runcit", "pasaraya", "mart", "food", "makanan", "nasi", "mee",
    "kopi", "coffee", "gym", "fitness", "travel & tours", "tours", "agency sdn bhd", "legal firm",
    "peguam", "lawyer", "dental", "pergigian", "pharmacy", "farmasi", "vet", "haiwan",
    "pet shop", "gaming", "gamer", "esports", "music", "muzik", "band", "dj", "vlog",
    "vlogger", "blogger", "influencer", "my life", "personal", "diari", "diary")
# What no government page asks for over social media (NSRC and MCMC scam advice): identity
# card numbers and copies, bank details, one-time codes, passwords.
SENSITIVE_DATA = frozenset({
    "no ic", "nombor ic", "no kp", "nombor kad pengenalan", "kad pengenalan", "mykad",
    "ic number", "salinan ic", "ic copy", "akaun bank", "nombor akaun", "bank account",
    "account number", "otp", "tac", "kod tac", "kata laluan", "password", "pin"})
PERSONAL_NAME = re.compile(r"\b(?:bin|binti|bt|a/l|a/p|anak)\b", re.IGNORECASE)
PHONE = re.compile(r"(?:\+?6?0)1\d[\s-]?\d{3,4}[\s-]?\d{3,4}|\+60\s?\d[\d\s-]{7,}")
PRIVATE_CHANNEL = _words("whatsapp", "wasap", "ws", "telegram", "pm", "inbox", "dm",
                         "direct message", "hubungi ejen", "contact agent", "ejen")
URL = re.compile(r"(?:https?://)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:/[^\s]*)?", re.IGNORECASE)
SHORTENERS = frozenset(
    "bit.ly tinyurl.com s.id cutt.ly shorturl.at t.ly rb.gy is.gd ow.ly buff.ly tiny.cc "
    "linktr.ee wa.link shorturl.asia goo.gl rebrand.ly bitly.com".split())
GOVERNMENT_SUFFIXES = (".gov.my", ".mil.my")
_FILE_LIKE = frozenset("jpg jpeg png gif pdf doc docx mp4".split())


@dataclass(slots=True)
class Signals:
    parody: list[str] = field(default_factory=list)
    claims_official: list[str] = field(default_factory=list)
    money: list[str] = field(default_factory=list)
    personal_data: list[str] = field(default_factory=list)
    recruitment: list[str] = field(default_factory=list)
    private_contact: list[str] = field(default_factory=list)
    branch: list[str] = field(default_factory=list)
    business: list[str] = field(default_factory=list)
    personal_name: bool = False
    shorteners: list[str] = field(default_factory=list)
    other_domains: list[str] = field(default_factory=list)
    gov_domains: list[str] = field(default_factory=list)
    references_official_site: bool = False
    age_days: int | None = None
    profile: "Text | None" = None  # display name and bio, split into words once


def _found(lexicon, text, limit: int = 3) -> list[str]:
    if isinstance(lexicon, Lexicon):
        return lexicon.found(text if isinstance(text, Text) else Text(text), limit)
    seen: list[str] = []
    for match in lexicon.finditer(text.raw if isinstance(text, Text) else text):
        phrase = match.group(0).lower()
        if phrase not in seen:
            seen.append(phrase)
            if len(seen) == limit:
                break
    return seen


def domain_of(link: str) -> str:
    text = link.strip().lower()
    if "://" in text:
        text = text.split("://", 1)[1]
    host = text.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].split("@")[-1]
    host = host.split(":", 1)[0]
    return host[4:] if host.startswith("www.") else host


def classify_domains(links: list[str], signals: Signals) -> None:
    for link in links:
        domain = domain_of(link)
        if not domain or "." not in domain or domain.rsplit(".", 1)[-1] in _FILE_LIKE:
            continue
        if domain in SHORTENERS:
            _add(signals.shorteners, domain)
        elif domain.endswith(GOVERNMENT_SUFFIXES) or domain in ("gov.my", "mil.my"):
            _add(signals.gov_domains, domain)
        elif domain in ("wa.me", "api.whatsapp.com", "chat.whatsapp.com", "t.me"):
            _add(signals.private_contact, domain)
        elif platform_for_host(domain) is None:
            _add(signals.other_domains, domain)


def _add(items: list[str], value: str) -> None:
    if value not in items:
        items.append(value)


def parse_day(value) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return datetime.fromisoformat(value[:10]).date()
    except ValueError:
        return None


def read_signals(*, display_name: str, handle: str, bio: str, posts: list[str],
                 links: list[str], created_at, as_of: date) -> Signals:
    """Everything the candidate says about itself, with the phrases that say it."""
    profile_raw = f"{display_name}\n{bio}"
    text_raw = f"{profile_raw}\n" + "\n".join(posts) if posts else profile_raw
    profile = Text(profile_raw)
    text = Text(text_raw) if posts else profile
    signals = Signals(profile=profile)
    signals.parody = _found(PARODY, profile) or (_found(PARODY, text) if posts else [])
    signals.references_official_site = ".gov.my" in text_raw and bool(
        REFERENCE_TO_OFFICIAL.search(text_raw))
    claim_raw, claim_text = profile_raw, profile
    if signals.references_official_site:
        claim_raw = REFERENCE_TO_OFFICIAL.sub(" ", profile_raw)
        claim_text = Text(claim_raw)
    signals.claims_official = _found(CLAIMS_OFFICIAL, claim_text) + [
        word for word in ("rasmi", "official", "sah", "verified", "real", "asli", "hq")
        if word in handle.lower() and word not in claim_raw.lower()]
    signals.money = _found(MONEY, text)
    signals.personal_data = _found(PERSONAL_DATA, text)
    signals.recruitment = _found(RECRUITMENT, text)
    signals.private_contact = _found(PHONE, text_raw, 2) + [
        f"'{w}'" for w in _found(PRIVATE_CHANNEL, text, 2)]
    signals.branch = _found(BRANCH, profile)
    signals.business = _found(BUSINESS, profile)
    signals.personal_name = bool(PERSONAL_NAME.search(display_name))
    found_links = [m.group(0) for m in URL.finditer(text_raw)] if "." in text_raw else []
    classify_domains(list(links) + found_links, signals)
    created = parse_day(created_at)
    if created is not None:
        signals.age_days = max((as_of - created).days, 0)
    return signals
