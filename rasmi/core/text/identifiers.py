"""Personal identifiers in Malaysian text: MyKad numbers, passports, bank accounts, mobile
numbers and personal e-mail, each found with its character span so a caller can highlight
or redact it. Official numbers (hotlines, agency lines, gov.my mail) are told apart.

Facts (see LEGAL.md): MyKad is YYMMDD-PB-###G with a real date of birth and a place-of-birth
code (01-16 states and federal territories, 21-59 further state codes, 60-99 abroad);
passports are a letter (A, H or K) and 8 digits; mobiles are 01x-xxx xxxx (or +60 1x...).
Pure Python, no Django.
"""

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    kind: str
    start: int
    end: int
    text: str


_MYKAD = re.compile(r"(?<![\w-])(\d{2})(\d{2})(\d{2})([- ]?)(\d{2})\4(\d{4})(?![\w-])")
_PASSPORT = re.compile(r"(?<![\w-])[AHK]\d{8}(?![\w-])")
# "+60 17-552 9012": the country code written apart, its trunk 0 dropped. The seven or
# eight digits after 01x come in groups of 3+4, 4+4 or 4+3 ("019-7723 410").
_MOBILE = re.compile(r"(?<![\w+])(?:\+60[- ]1|\+?6?01)\d[- ]?"
                     r"(?:\d{3}[- ]?\d{4}|\d{4}[- ]?\d{3,4})(?![\w-])")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@((?:[\w-]+\.)+[A-Za-z]{2,})(?![\w-])")
_ACCOUNT_NUMBER = re.compile(r"(?<![\w-])\d(?:[- ]?\d){9,15}(?![\w-])")
_BANK_WORDS = re.compile(
    r"\b(?:akaun|account|acc|a/c|no\.? ?akaun|bank|maybank|cimb|rhb|public bank|bsn|"
    r"bank islam|ambank|hong leong|affin|bank rakyat|muamalat|agrobank|ocbc|uob|hsbc)\b",
    re.IGNORECASE)
_PHONE_WORDS = re.compile(r"\b(?:tel|telefon|talian|hotline|hubungi|call|phone|fax|faks|"
                          r"whatsapp|sms)\b\W*$", re.IGNORECASE)
_TOLL_FREE = re.compile(r"^1[- ]?[38]00")
# An account that belongs to a fund or an agency is published on purpose; one in a
# person's name (bin, binti, a/l, a/p) is not, whatever else the sentence says.
_OFFICIAL_ACCOUNT_WORDS = re.compile(
    r"\b(?:tabung|kerajaan|jabatan|kementerian|agensi|majlis|lembaga|yayasan|"
    r"relief fund|fund|rasmi)\b", re.IGNORECASE)
_PERSONAL_NAME = re.compile(r"\b(?:bin|binti|bt|a/l|a/p|anak)\b", re.IGNORECASE)
# Cheap tests of what a match must hold, so most texts skip the slower searches above:
# a MyKad or passport has six digits in a row, a mobile "01" (or "+60" before its 1x),
# an account ten digits.
_SIX_DIGITS = re.compile(r"\d{6}")
_TEN_DIGITS = re.compile(r"\d(?:[- ]?\d){9}")
PLACE_CODES = frozenset(range(1, 17)) | frozenset(range(21, 100))
PERSONAL_MAIL = frozenset(
    "gmail.com yahoo.com yahoo.com.my ymail.com hotmail.com hotmail.my outlook.com live.com "
    "msn.com icloud.com me.com aol.com proton.me protonmail.com mail.com gmx.com "
    "rocketmail.com".split())
OFFICIAL_MAIL_SUFFIXES = (".gov.my", ".mil.my")


def _valid_birth_date(yy: str, mm: str, dd: str) -> bool:
    month, day = int(mm), int(dd)
    if not 1 <= month <= 12 or day < 1:
        return False
    # Either century could be meant; a day valid in one of them is a real date.
    return any(day <= calendar.monthrange(century + int(yy), month)[1]
               for century in (1900, 2000))


def mykad_numbers(text: str) -> Iterator[Span]:
    if not _SIX_DIGITS.search(text):
        return
    for match in _MYKAD.finditer(text):
        yy, mm, dd, _sep, place, _rest = match.groups()
        if _valid_birth_date(yy, mm, dd) and int(place) in PLACE_CODES:
            yield Span("mykad", match.start(), match.end(), match.group(0))


def passport_numbers(text: str) -> Iterator[Span]:
    if not _SIX_DIGITS.search(text):
        return
    for match in _PASSPORT.finditer(text):
        yield Span("passport", match.start(), match.end(), match.group(0))


def mobile_numbers(text: str) -> Iterator[Span]:
    if "01" not in text and "+60" not in text:
        return
    for match in _MOBILE.finditer(text):
        yield Span("mobile", match.start(), match.end(), match.group(0))


def personal_emails(text: str) -> Iterator[Span]:
    """Addresses at free webmail providers; agency and company mail is not personal."""
    if "@" not in text:
        return
    for match in _EMAIL.finditer(text):
        domain = match.group(1).lower()
        if domain in PERSONAL_MAIL:
            yield Span("personal_email", match.start(), match.end(), match.group(0))


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(mark, 0, start) for mark in (".", "\n", "!", "?"))
    right = min([i for i in (text.find(m, end) for m in ("\n", ". ", "!", "?")) if i >= 0]
                or [len(text)])
    return text[left + 1:right]


def bank_account_numbers(text: str) -> Iterator[Span]:
    """10 to 16 digits said to be a bank account, unless the sentence names a fund or an
    agency (a disaster relief account is published on purpose)."""
    if not _TEN_DIGITS.search(text) or not _BANK_WORDS.search(text):
        return
    for match in _ACCOUNT_NUMBER.finditer(text):
        number = match.group(0)
        before = text[max(0, match.start() - 60):match.start()]
        if not _BANK_WORDS.search(before) or _TOLL_FREE.match(number) \
                or _PHONE_WORDS.search(before[-25:]) or _MOBILE.fullmatch(number):
            continue
        sentence = _sentence_around(text, match.start(), match.end())
        if _OFFICIAL_ACCOUNT_WORDS.search(sentence) and not _PERSONAL_NAME.search(sentence):
            continue
        if any(True for _ in mykad_numbers(number)):
            continue  # a MyKad is reported as one
        yield Span("bank_account", match.start(), match.end(), match.group(0))


def email_domain(address: str) -> str:
    return address.rsplit("@", 1)[-1].lower()


def is_official_mail(address: str) -> bool:
    domain = email_domain(address)
    return domain.endswith(OFFICIAL_MAIL_SUFFIXES) or domain in ("gov.my", "mil.my")


FINDERS = {
    "mykad": mykad_numbers,
    "passport": passport_numbers,
    "bank_account": bank_account_numbers,
    "mobile": mobile_numbers,
    "personal_email": personal_emails,
}


def find_all(text: str) -> list[Span]:
    """Every identifier, in text order (for redaction)."""
    spans = [span for finder in FINDERS.values() for span in finder(text)]
    return sorted(spans, key=lambda span: (span.start, -span.end))


def redact(text: str, mask: str = "[{kind}]") -> str:
    """The text with each identifier replaced, e.g. for exports."""
    out, cursor = [], 0
    for span in find_all(text):
        if span.start < cursor:
            continue
        out.append(text[cursor:span.start])
        out.append(mask.format(kind=span.kind))
        cursor = span.end
    out.append(text[cursor:])
    return "".join(out)
