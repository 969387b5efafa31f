"""Which languages carry a text: Bahasa Melayu, English, Chinese, Tamil.

Chinese and Tamil are told by their scripts. Malay and English share the Latin alphabet,
so they are told by their common short words (function words, pronouns, everyday verbs),
which even a one-line post carries; a text has a language when enough of its words are
that language's. Pure Python, no Django; a few microseconds a post.
"""

import re
from functools import lru_cache

_LATIN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
TAMIL = re.compile(r"[\u0b80-\u0bff]")

MALAY = frozenset("""
dan yang di ke dari daripada untuk pada dengan ini itu akan telah sudah boleh tidak tak
bukan ada adalah ialah oleh kepada dalam bagi serta atau juga sila anda kami kita saya
mereka beliau para semua setiap hari ini esok semalam waktu masa tarikh mulai hingga
sehingga bermula dibuka ditutup jalan kaunter orang awam rakyat kerajaan negeri daerah
bantuan permohonan maklumat lanjut sebarang terima kasih selamat hubungi layari jangan
perlu hendaklah dinasihatkan makluman kenyataan media mesyuarat program majlis sempena
tahun bulan minggu sebelum selepas semasa kerana supaya agar jika apabila bagaimana
mana apa siapa kenapa berkuat kuasa berikut lebih kurang banyak baru baharu cuti umum
dikesan diminta luar biasa sementara sebuah seorang beberapa segera sahaja saja lagi
masih belum pernah sangat amat paling boleh mesti sila tahniah jom mari kat ni tu je
pun lah kah tau nak dah tapi sebab macam mcm kalau bila sini situ sana dia kamu korang
pagi petang malam tengah sampai kena jaga jual beli bayar percuma warga emas murid pelajar
sekolah pejabat rumah kedai tempat harga baik besar kecil nanti sikit sedikit betul memang
lepas dapat buat tengok pergi balik datang kerja duit wang cuma hanya menerima memberi
mendapat percuma lembap goreng pisang pencuri tembak saman tunggu sekali
""".split())
# Malay affixes: a prefixed word with a Malay suffix (dilaporkan, melaporkan, kematian,
# pertandingan) is Malay whatever its root; English words almost never take both.
_MALAY_AFFIXED = re.compile(
    r"(?:di|me|mem|men|meng|meny|ber|ter|pe|pem|pen|peng|per|ke|se)[a-z]{3,}(?:kan|an|nya)")
ENGLISH = frozenset("""
the and of to in for on with is are was were be been will would can could should
this that these those from by at as it its our we you your they their please more
information open closed today tomorrow counter public holiday apply application visit
contact thank thanks all every new from until starting notice statement meeting event
about not no yes how what when where who why which have has had do does did
up out now here get free help stay safe keep take make must may only also week year
month day days time there than then if so but or any each other some such into over
never always work hard people good well very just like know see want need go come
""".split())
# Romanised Cantonese, Hokkien and Tamil, told by everyday words no Malay or English post
# uses ("nei", "ngo", "phah"; "unnai", "irukku", "vanakkam"): text in Latin letters that
# is neither Malay nor English still carries a language, and so lacks a Malay version.
ROMANISED_CHINESE = frozenset("""
nei lei ngo mou zoi gong dou jau saai laa gwai zaam yat yau hou ngoi keoi
wa tio phah beh liao kia zung diu sei fei por leng lui
""".split())
ROMANISED_TAMIL = frozenset("""
dei unnai ennai intha antha oru irukku iru ellam ellarum ellorukkum romba semma konjam
vanakkam nalvazhthukkal illa illai paaru naan nee enna avan aval seiya theriyathu
maathiri naalaikku iniya santhosham pongattum kaaranga vela thinnuvanga mattum vettuven
ready-aa nandri poda vaa
""".split())
# Short words both languages use, or that are too short to count.
_SHARED = frozenset("a an di i me my do".split())


@lru_cache(maxsize=65_536)  # words recur; a cached call is cheaper than the tests below
def is_malay_word(word: str) -> bool:
    """A common Malay word, or any word with a Malay prefix and suffix."""
    # The shortest affixed word is 7 letters (di + 3 + an): shorter ones skip the regex.
    return word in MALAY or len(word) >= 7 and _MALAY_AFFIXED.fullmatch(word) is not None


def latin_words(text: str) -> list[str]:
    return _LATIN_WORD.findall(text.lower())


def languages_present(text: str) -> set[str]:
    """Codes of the languages that carry at least part of the text: ms, en, zh, ta."""
    found: set[str] = set()
    if not text.isascii():  # neither script is ASCII
        if CJK.search(text):
            found.add("zh")
        if TAMIL.search(text):
            found.add("ta")
    words = [w for w in latin_words(text) if w not in _SHARED]
    if not words:
        return found
    malay = sum(map(is_malay_word, words))
    english = sum(map(ENGLISH.__contains__, words))
    # A language is present with two of its words, or one in a very short text.
    needed = 1 if len(words) <= 4 else 2
    if malay >= needed:
        found.add("ms")
    if english >= needed and english >= 0.15 * len(words):
        found.add("en")
    if "ms" not in found and "en" not in found:
        for code, lexicon in (("zh", ROMANISED_CHINESE), ("ta", ROMANISED_TAMIL)):
            hits = sum(map(lexicon.__contains__, words))
            if hits >= 2 and hits >= 0.2 * len(words):
                found.add(code)
    return found


def has_malay(text: str) -> bool:
    return "ms" in languages_present(text)
