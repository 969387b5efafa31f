"""Judge a candidate account against the register: official, impersonation, unofficial,
parody or unrelated, with the reasons a case officer can check.

Two steps. First, which organisation (if any) the account is about: its handle, display
name, links and logo are looked up in indexes built once from the register (acronyms,
folded official handles, name words, websites), never compared with every organisation.
Second, what kind of account it is, from what it says about itself (core.signals):
declared parody; deception (claims to be official, asks for money or personal data, private
WhatsApp numbers, short links, a new account); or a genuine connection (a branch, a
programme, links to the organisation's own site).

Pure Python: the same `score_candidate` runs in `rasmi discover_score`, its worker
processes, and Spark executors.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from rasmi.core import links, signals
from rasmi.core.names import NameIndex, NameRecord, fold, fold_handle, handle_words, tokens
from rasmi.core.units import UnitIndex

LABELS = ("official", "impersonation", "unofficial", "parody", "unrelated")
# Words impersonators add around an acronym in a handle: jpj.official, kkm_rasmi_my.
HANDLE_DECORATIONS = frozenset(
    "official rasmi my malaysia gov govmy hq info bantuan page team admin care helpdesk "
    "online ofc offical officiel real asli sah verified tv media news berita update updates "
    "terkini live baru new net org com".split())
_DECORATION_END = re.compile(
    "(?:" + "|".join(sorted(HANDLE_DECORATIONS, key=len, reverse=True)) + ")$")
NEW_ACCOUNT_DAYS = 180
ESTABLISHED_DAYS = 2 * 365
LOGO_DISTANCE = 10  # of 64 bits: same picture, re-encoded or lightly cropped
COMMON_HANDLE_END = 64
NAME_CANDIDATES = 60  # a display name shared with more organisations than this names none


@dataclass(frozen=True, slots=True)
class OrganisationInfo:
    code: str
    name_ms: str
    name_en: str
    acronyms: tuple[str, ...] = ()
    website: str = ""
    logo_hashes: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class RegisteredAccount:
    key: str
    organisation: str
    status: str
    handle: str
    canonical_url: str


class Register:
    """Indexes of the register, built once per scoring run (or per worker)."""

    def __init__(self, organisations: Iterable[OrganisationInfo],
                 accounts: Iterable[RegisteredAccount], aliases: dict[str, str] | None = None):
        self.organisations = {org.code: org for org in organisations}
        self._own_words: dict[str, frozenset[str]] = {}
        self.accounts: dict[str, RegisteredAccount] = {}
        self.aliases = dict(aliases or {})  # former address key -> current account key
        # Official handles by their first and by their last five letters: a variant within
        # two edits of a handle almost always keeps one end intact.
        # Ends shared by many handles ("...malaysia") say nothing and are dropped; the
        # handle's core without decorations ("jpj" in "jpjmalaysia") is matched exactly.
        self.official_handles: dict[str, dict[str, str]] = {}
        self.official_cores: dict[str, str] = {}
        for account in accounts:
            self.accounts[account.key] = account
            if account.status == "official":
                folded = fold_handle(account.handle)
                if len(folded) >= 3 and not folded.isdigit():
                    for end in _handle_ends(folded):
                        self.official_handles.setdefault(end, {})[folded] = account.organisation
                    core = handle_core(folded)
                    if len(core) >= 3:
                        self.official_cores.setdefault(core, account.organisation)
        for end in [end for end, members in self.official_handles.items()
                    if len(members) > COMMON_HANDLE_END]:
            del self.official_handles[end]
        self.names = NameIndex(NameRecord(org.code, org.name_ms, org.name_en, org.acronyms)
                               for org in self.organisations.values())
        self.acronyms: dict[str, set[str]] = {}
        self.joined_names: dict[str, str] = {}  # "jabatanpengangkutanjalan" -> jpj
        self.websites: dict[str, str] = {}
        self.logos = [(h, org.code) for org in self.organisations.values() for h in org.logo_hashes]
        for org in self.organisations.values():
            for acronym in org.acronyms:
                folded = fold(acronym).replace(" ", "")
                if len(folded) >= 2:
                    self.acronyms.setdefault(folded, set()).add(org.code)
            for name in (org.name_ms, org.name_en):
                words = [w for w in tokens(name)]
                for variant in (words, [w for w in words if w != "malaysia"]):
                    if len(variant) >= 2:
                        self.joined_names.setdefault("".join(variant), org.code)
            if org.website:
                self.websites[org.website.lower().removeprefix("www.")] = org.code
        self.units = UnitIndex(self.organisations)
        self.acronym_lengths = sorted({len(a) for a in self.acronyms}, reverse=True)
        self.joined_lengths = sorted({len(n) for n in self.joined_names}, reverse=True)
        self.joined_heads = {name[:6] for name in self.joined_names}

    def own_words(self, code: str) -> frozenset[str]:
        """Words of the organisation's names and acronyms (cached: asked per candidate)."""
        words = self._own_words.get(code)
        if words is None:
            org = self.organisations[code]
            words = frozenset(tokens(org.name_ms)) | frozenset(tokens(org.name_en)) | {
                fold(a).replace(" ", "") for a in org.acronyms} | {"malaysia"} | {
                fold(word) for name in (org.name_ms, org.name_en) for word in name.split()}
            self._own_words[code] = words
        return words

    def organisation_for_domain(self, domain: str) -> str | None:
        parts = domain.split(".")
        for start in range(len(parts) - 1):
            code = self.websites.get(".".join(parts[start:]))
            if code:
                return code
        return None


@dataclass(slots=True)
class Evidence:
    """Why we think the account is about one organisation."""

    code: str
    strength: float = 0.0
    name_similarity: float = 0.0
    name_copy: bool = False
    handle_variant: str = ""
    gov_link: str = ""
    bio_mention: str = ""
    logo_distance: int | None = None
    unit: str = ""  # "health clinic ... ('klinik kesihatan')": a unit the directory omits
    unit_phrase: str = ""  # the words that named it: "klinik kesihatan"

    def raise_to(self, value: float) -> None:
        self.strength = max(self.strength, value)


def _reason(code: str, detail: str) -> dict:
    return {"code": code, "detail": detail}


# --- which organisation ----------------------------------------------------------------------

def _handle_evidence(register: Register, handle: str, found: dict[str, Evidence]) -> None:
    if not handle or handle.isdigit():
        return
    folded = fold_handle(handle)
    words = handle_words(handle)
    for word in words:
        for code in register.acronyms.get(word, ()):
            ev = found.setdefault(code, Evidence(code))
            ev.handle_variant = ev.handle_variant or f"handle contains the acronym {word.upper()}"
            ev.raise_to(0.75)
    for length in register.acronym_lengths:
        if length > len(folded):
            continue
        head, rest = folded[:length], folded[length:]
        codes = register.acronyms.get(head)
        if codes and (not rest or _decorations_only(rest)):
            for code in codes:
                ev = found.setdefault(code, Evidence(code))
                ev.handle_variant = f"handle '{handle}' is the acronym {head.upper()} dressed up"
                ev.raise_to(0.85)
    for length in register.joined_lengths if folded[:6] in register.joined_heads else ():
        if length <= len(folded) and folded[:length] in register.joined_names:
            code = register.joined_names[folded[:length]]
            ev = found.setdefault(code, Evidence(code))
            ev.handle_variant = ev.handle_variant or "handle spells out the organisation's name"
            ev.raise_to(0.85)
            break
    core = handle_core(folded)
    if len(core) >= 3 and core in register.official_cores:
        code = register.official_cores[core]
        ev = found.setdefault(code, Evidence(code))
        ev.handle_variant = f"handle is a variant of the official '{core}' handles"
        ev.raise_to(0.95)
        return
    nearby: dict[str, str] = {}
    for end in _handle_ends(folded):
        nearby.update(register.official_handles.get(end, {}))
    for official, code in nearby.items():
        distance = Levenshtein.distance(folded, official, score_cutoff=2)
        if distance <= 2 or folded.startswith(official) and _decorations_only(
                folded[len(official):]):
            ev = found.setdefault(code, Evidence(code))
            ev.handle_variant = f"handle is a variant of the official '{official}'"
            ev.raise_to(0.95)


def _handle_ends(folded: str) -> tuple[str, str]:
    return "^" + folded[:5], folded[-5:] + "$"


def handle_core(folded: str) -> str:
    """A folded handle without trailing decorations and digits: jpjmalaysia2024 -> jpj."""
    core = folded.rstrip("0123456789")
    while core:
        match = _DECORATION_END.search(core)
        if match is None or match.start() == 0:
            break
        core = core[:match.start()].rstrip("0123456789")
    return core


def _decorations_only(rest: str) -> bool:
    """True when rest is made of impersonators' decorations and digits ("officialmy2024")."""
    rest = rest.strip("0123456789")
    if not rest:
        return True
    for word in sorted(HANDLE_DECORATIONS, key=len, reverse=True):
        if rest.startswith(word) and _decorations_only(rest[len(word):]):
            return True
    return False


def _name_evidence(register: Register, display_name: str, found: dict[str, Evidence]) -> None:
    if not display_name:
        return
    for code, score in register.names.search(display_name, limit=3,
                                             max_candidates=NAME_CANDIDATES):
        if score < 0.3:
            break
        ev = found.setdefault(code, Evidence(code))
        ev.name_similarity = max(ev.name_similarity, score)
        ev.raise_to(score)
    words = [w for w in tokens(display_name)
             if w not in signals_words() and not w.isdigit()]
    acronym_codes = {code for w in words for code in register.acronyms.get(w, ())}
    for code in acronym_codes:
        ev = found.setdefault(code, Evidence(code))
        ev.raise_to(0.7)
        ev.name_similarity = max(ev.name_similarity, 0.7)
    for code, ev in found.items():
        ev.name_copy = ev.name_copy or _is_name_copy(register, code, words)


_DECORATION_WORDS: frozenset[str] | None = None


def signals_words() -> frozenset[str]:
    """Words that dress a copied name up without changing whose it is."""
    global _DECORATION_WORDS
    if _DECORATION_WORDS is None:
        _DECORATION_WORDS = HANDLE_DECORATIONS | frozenset(
            "rasmi official page akaun laman halaman facebook instagram tiktok channel "
            "saluran sah verified kerajaan government".split())
    return _DECORATION_WORDS


def _is_name_copy(register: Register, code: str, words: list[str]) -> bool:
    """The display name is the organisation's name or acronym and nothing else of substance."""
    return bool(words) and all(word in register.own_words(code) for word in words)


def _link_evidence(register: Register, sig: signals.Signals, found: dict[str, Evidence]) -> None:
    for domain in sig.gov_domains:
        code = register.organisation_for_domain(domain)
        if code:
            ev = found.setdefault(code, Evidence(code))
            ev.gov_link = domain
            ev.raise_to(0.6)


def _bio_evidence(register: Register, bio: str, found: dict[str, Evidence]) -> None:
    for word in dict.fromkeys(fold(bio).split()):
        for code in register.acronyms.get(word, ()):
            ev = found.setdefault(code, Evidence(code))
            ev.bio_mention = word.upper()
            ev.raise_to(0.45)


UNIT_STRENGTH = 0.7  # below a name copy or an acronym in the handle, above a bio mention


def _unit_evidence(register: Register, sig: signals.Signals, handle: str,
                   found: dict[str, Evidence]) -> None:
    """A district police HQ, a clinic, a school...: tie it to its parent organisation."""
    unit = register.units.find(sig.profile, fold_handle(handle) if handle else "")
    if unit is None:
        return
    ev = found.setdefault(unit.parent, Evidence(unit.parent))
    ev.unit, ev.unit_phrase = f"{unit.kind} ('{unit.phrase}')", unit.phrase
    ev.raise_to(UNIT_STRENGTH)


def _logo_evidence(register: Register, logo_hash: int | None,
                   found: dict[str, Evidence]) -> None:
    if logo_hash is None or not register.logos:
        return
    for known, code in register.logos:
        distance = (known ^ logo_hash).bit_count()
        if distance <= LOGO_DISTANCE:
            ev = found.setdefault(code, Evidence(code))
            if ev.logo_distance is None or distance < ev.logo_distance:
                ev.logo_distance = distance
            ev.raise_to(0.9)


# --- what kind of account --------------------------------------------------------------------

def _registered_answer(account: RegisteredAccount, register: Register) -> dict:
    org = register.organisations.get(account.organisation)
    name = org.name_en if org else account.organisation
    if account.status == "official":
        return _out("official", account.organisation, 1.0, [
            _reason("registered", f"{account.canonical_url} is a registered official account "
                                  f"of {name}")])
    label = {"impersonation": "impersonation", "parody": "parody"}.get(account.status,
                                                                         "unofficial")
    return _out(label, account.organisation, 0.99, [
        _reason("in_register", f"already in the register as {account.status} ({name})")])


def _out(label: str, organisation: str | None, score: float, reasons: list[dict]) -> dict:
    return {"label": label, "organisation": organisation, "score": round(min(score, 1.0), 3),
            "reasons": reasons}


def score_candidate(candidate: dict, register: Register, *, as_of: date,
                    logo_hash: int | None = None) -> dict:
    """The judgement for one candidate (without its id; the caller adds it)."""
    url = candidate.get("url") or ""
    ref = links.parse_account(url, candidate.get("platform") or None)
    if isinstance(ref, links.LinkError):
        raise ValueError(f"url does not name an account: {ref.reason}")
    account = register.accounts.get(ref.key)
    if account is None and ref.is_platform_id:
        account = register.accounts.get(links.account_key_for_id(ref.platform, ref.handle))
    if account is None and candidate.get("platform_id"):
        account = register.accounts.get(
            links.account_key_for_id(ref.platform, str(candidate["platform_id"])))
    if account is not None:
        return _registered_answer(account, register)

    display_name = _text(candidate.get("display_name"))
    bio = _text(candidate.get("bio"))
    posts = [_text(p) for p in candidate.get("recent_posts") or [] if isinstance(p, str)][:20]
    link_list = [p for p in candidate.get("links") or [] if isinstance(p, str)][:20]
    sig = signals.read_signals(display_name=display_name, handle=ref.handle, bio=bio,
                               posts=posts, links=link_list,
                               created_at=candidate.get("created_at"), as_of=as_of)
    found: dict[str, Evidence] = {}
    _handle_evidence(register, "" if ref.is_platform_id else ref.handle, found)
    _name_evidence(register, display_name, found)
    _link_evidence(register, sig, found)
    _bio_evidence(register, bio, found)
    _unit_evidence(register, sig, "" if ref.is_platform_id else ref.handle, found)
    _logo_evidence(register, logo_hash, found)
    former = register.aliases.get(ref.key)

    if not found:
        return _out("unrelated", None, 0.9, [
            _reason("no_match", "no name, acronym, handle or link of any organisation")])
    best = max(found.values(), key=lambda ev: (ev.strength, ev.name_similarity, ev.code))
    return _decide(best, sig, register, former, candidate)


def _text(value) -> str:
    return value[:2000] if isinstance(value, str) else ""


def _decide(ev: Evidence, sig: signals.Signals, register: Register, former: str | None,
            candidate: dict) -> dict:
    org = register.organisations[ev.code]
    reasons = _match_reasons(ev, org)
    if former:
        reasons.append(_reason("former_address", f"a former address of the registered {former}"))

    if sig.parody:
        reasons.append(_reason("declares_parody", f"says {', '.join(repr(p) for p in sig.parody)}"))
        return _out("parody", ev.code, 0.9 + 0.03 * min(len(sig.parody), 3), reasons)

    # "Jabatan" in "Jabatan Imigresen" is the organisation's own name, not a branch.
    own = register.own_words(org.code)
    sig.branch = [phrase for phrase in sig.branch if phrase not in own]
    deception, deceit_reasons = _deception(sig, ev, candidate)
    connection, link_reasons = _connection(sig, ev)
    presents_as_org = ev.name_copy or ev.handle_variant.startswith("handle is a variant") or \
        ev.logo_distance is not None or ("dressed up" in ev.handle_variant and not sig.branch)
    claims = bool(sig.claims_official)
    if ev.unit:  # "klinik" in "Klinik Kesihatan Bangi" names the unit, not a business
        sig.business = [word for word in sig.business if word not in ev.unit_phrase]
    business = bool(sig.business) or sig.personal_name

    if business and not claims and not ev.name_copy and deception < 1.0 and not ev.gov_link:
        what = ", ".join(repr(b) for b in sig.business) or "a personal name"
        return _out("unrelated", None, 0.8 + 0.05 * min(len(sig.business), 3), [
            _reason("different_business",
                    f"shares {org.name_en}'s words but is about something else ({what})")])
    weak = ev.strength < 0.6 and not claims and deception < 1.0 and not connection
    if weak:
        return _out("unrelated", None, 0.6 + 0.3 * (0.6 - ev.strength), [
            _reason("weak_match", f"only a loose resemblance to {org.name_en}")])

    if deception >= 1.5 or (presents_as_org and claims and connection < 1.0) or \
            (presents_as_org and deception >= 0.5 and connection < 1.0) or \
            (deception >= 1.0 and connection < 0.5):
        margin = deception + (0.5 if presents_as_org else 0) - connection
        return _out("impersonation", ev.code, 0.7 + 0.08 * min(margin, 3.5),
                    reasons + deceit_reasons + [_reason("not_registered",
                                                        "not in the register")])
    if presents_as_org and connection < 0.5 and not sig.branch:
        return _out("impersonation", ev.code, 0.65,
                    reasons + deceit_reasons + [_reason(
                        "not_registered", f"copies {org.name_en} but is not in the register")])
    if not presents_as_org and connection < 0.5 and deception < 0.5:
        return _out("unrelated", None, 0.7, [
            _reason("acronym_only", f"shares {org.name_en}'s name or acronym, nothing more")])
    margin = connection - deception
    return _out("unofficial", ev.code, 0.65 + 0.1 * min(max(margin, 0), 3),
                reasons + link_reasons + deceit_reasons + [
                    _reason("not_registered", "not in the register")])


def _match_reasons(ev: Evidence, org: OrganisationInfo) -> list[dict]:
    reasons = []
    if ev.name_copy:
        reasons.append(_reason("name_copy", f"display name copies {org.name_en}"))
    elif ev.name_similarity >= 0.5:
        reasons.append(_reason("name_similarity",
                               f"name similar to {org.name_en} ({ev.name_similarity:.2f})"))
    if ev.handle_variant:
        reasons.append(_reason("handle_variant", ev.handle_variant))
    if ev.logo_distance is not None:
        reasons.append(_reason("logo_match", f"profile picture matches {org.name_en}'s logo "
                                             f"({ev.logo_distance} of 64 bits differ)"))
    if ev.bio_mention and not reasons:
        reasons.append(_reason("bio_mention", f"bio mentions {ev.bio_mention}"))
    return reasons


def _deception(sig: signals.Signals, ev: Evidence, candidate: dict) -> tuple[float, list[dict]]:
    points, reasons = 0.0, []
    if sig.claims_official:
        points += 0.75
        reasons.append(_reason("claims_official",
                               f"claims {', '.join(repr(c) for c in sig.claims_official)}"))
    if sig.money:
        points += 1.0
        reasons.append(_reason("money_request",
                               f"talks money: {', '.join(repr(m) for m in sig.money)}"))
    if sig.personal_data:
        # Identity, bank or one-time codes are never asked for by a government page.
        sensitive = any(p in signals.SENSITIVE_DATA for p in sig.personal_data)
        points += 1.5 if sensitive else 1.0
        reasons.append(_reason("personal_data", "asks for personal data: "
                               + ", ".join(repr(p) for p in sig.personal_data)))
    if sig.private_contact:
        points += 0.6
        reasons.append(_reason("private_contact", "sends people to a private contact: "
                               + ", ".join(sig.private_contact)))
    if sig.shorteners:
        points += 0.6
        reasons.append(_reason("shortener_link", f"short links: {', '.join(sig.shorteners)}"))
    if sig.other_domains:
        points += 0.4
        reasons.append(_reason("non_gov_link",
                               f"links to non-government domain {sig.other_domains[0]}"))
    if sig.recruitment and (sig.money or sig.personal_data or sig.private_contact):
        points += 0.5
        reasons.append(_reason("fake_recruitment", "job offer with a private contact or fee"))
    if sig.age_days is not None and sig.age_days <= NEW_ACCOUNT_DAYS:
        points += 0.3
        reasons.append(_reason("new_account", f"created {sig.age_days} days ago"))
    if candidate.get("verified") is True:
        points -= 0.5  # platforms verify identity; a verified copy is rare
    return points, reasons


def _connection(sig: signals.Signals, ev: Evidence) -> tuple[float, list[dict]]:
    points, reasons = 0.0, []
    if ev.unit:
        points += 1.0
        reasons.append(_reason("unit", f"a unit of the organisation: {ev.unit}"))
    if sig.branch:
        points += 1.0
        reasons.append(_reason("branch_name", "a branch, unit, programme or former account: "
                               + ", ".join(repr(b) for b in sig.branch)))
    if ev.gov_link:
        points += 1.0
        reasons.append(_reason("gov_link", f"links to {ev.gov_link}"))
    elif sig.gov_domains:
        points += 0.5
        reasons.append(_reason("gov_link", f"links to {sig.gov_domains[0]}"))
    if sig.references_official_site:
        points += 0.3
    if sig.age_days is not None and sig.age_days >= ESTABLISHED_DAYS:
        points += 0.4
        reasons.append(_reason("established", f"active for {sig.age_days // 365} years"))
    return points, reasons


def logo_hash_of(path: Path) -> int | None:
    """64-bit perceptual hash of an image file, or None when it cannot be read."""
    try:
        import imagehash
        from PIL import Image, UnidentifiedImageError
    except ImportError:  # pragma: no cover - both are dependencies
        return None
    try:
        with Image.open(path) as image:
            return int(str(imagehash.phash(image)), 16)
    except (OSError, UnidentifiedImageError, ValueError):
        return None
