"""Units of an organisation that the directory does not list one by one.

A police district headquarters, a health clinic, a school or a fire station runs its own
page, and its name rarely carries the ministry's: "IPD Kajang", "Klinik Kesihatan Bandar
Baru Bangi", "SMK Seri Permai", "Balai Bomba dan Penyelamat Shah Alam". Each entry here
names the parent organisation (a directory code) with the words, BM and English, and
abbreviations such units go by, and the words that say an account is private instead
(a specialist hospital, an international school), so a page is tied to its parent
without pulling private businesses in.

Sources for the naming conventions: the ministries' own directories of their facilities
(moh.gov.my, moe.gov.my, rmp.gov.my, bomba.gov.my, mohe.gov.my) as of 2026.
Pure Python, no Django.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rasmi.core.signals import Lexicon, Text


@dataclass(frozen=True, slots=True)
class UnitKind:
    kind: str          # short name used in reasons: "police district", "health clinic"
    parent: str        # directory code of the organisation the units belong to
    words: Lexicon     # how such units name themselves
    private: Lexicon   # words that make the same name a private business


def _kind(kind: str, parent: str, words: Iterable[str], private: Iterable[str] = ()) -> UnitKind:
    return UnitKind(kind, parent, Lexicon(*words), Lexicon(*private))


_HEALTH_PRIVATE = (
    "pakar", "specialist", "swasta", "private", "medical centre", "medical center",
    "sdn bhd", "berhad", "pergigian", "dental", "haiwan", "veterinar", "vet", "kecantikan",
    "aesthetic", "estetik", "herba", "herbal", "kpj", "pantai", "columbia", "sunway",
    "gleneagles", "prince court", "tawakal", "an nur", "poliklinik", "polyclinic", "dr")
_SCHOOL_PRIVATE = (
    "antarabangsa", "international", "swasta", "private", "tuisyen", "tuition",
    "pusat tuisyen", "tadika", "kindergarten", "montessori", "sdn bhd", "homeschool")

UNIT_KINDS: tuple[UnitKind, ...] = (
    _kind("police district or station", "pdrm", (
        "ibu pejabat polis daerah", "ibu pejabat polis kontinjen", "ibu pejabat polis",
        "ipd", "ipk", "balai polis", "pondok polis", "polis daerah", "police station",
        "district police", "district police headquarters", "contingent police",
        "police contingent", "pdrm daerah", "pdrm kontinjen", "kontinjen polis",
        "trafik daerah", "bahagian siasatan jenayah", "jsjk", "jsj", "jsjn")),
    _kind("health clinic, hospital or health office", "kkm", (
        "klinik kesihatan", "klinik komuniti", "klinik desa", "klinik 1malaysia",
        "klinik pergigian kerajaan", "hospital daerah", "hospital besar", "hospital",
        "pejabat kesihatan daerah", "pejabat kesihatan kawasan", "jabatan kesihatan negeri",
        "pkd", "jkn", "health clinic", "district health office", "state health department",
        "general hospital", "district hospital", "unit kesihatan", "pusat kesihatan"),
        _HEALTH_PRIVATE),
    _kind("school or education office", "kpm", (
        "sekolah kebangsaan", "sekolah menengah kebangsaan", "sekolah jenis kebangsaan",
        "sekolah menengah", "sekolah rendah", "sekolah berasrama penuh", "sekolah sukan",
        "sekolah menengah sains", "sekolah pendidikan khas", "sk", "smk", "sjkc", "sjk c",
        "sjkt", "sjk t", "sbp", "smka", "sabk", "kolej vokasional", "kv",
        "pejabat pendidikan daerah", "ppd", "jabatan pendidikan negeri",
        "jabatan pendidikan", "district education office", "state education department",
        "institut pendidikan guru", "ipg", "matrikulasi", "kolej matrikulasi"),
        _SCHOOL_PRIVATE),
    _kind("fire station", "bomba", (
        "balai bomba", "balai bomba dan penyelamat", "bbp", "fire station",
        "fire and rescue station", "pasukan bomba sukarela", "pbs", "bomba sukarela",
        "volunteer fire")),
    _kind("polytechnic or community college", "kpt", (
        "politeknik", "polytechnic", "kolej komuniti", "community college")),
    _kind("welfare office", "jkm", (
        "pejabat kebajikan masyarakat", "pejabat kebajikan masyarakat daerah", "pkmd",
        "jabatan kebajikan masyarakat negeri", "district welfare office", "rumah seri kenangan",
        "taman sinar harapan", "rumah kanak kanak")),
    _kind("agriculture office", "doa", (
        "pejabat pertanian daerah", "pejabat pertanian", "jabatan pertanian negeri",
        "district agriculture office", "pusat pertanian")),
    _kind("immigration office", "jim", (
        "pejabat imigresen", "depot imigresen", "imigresen negeri", "immigration office",
        "immigration depot", "utc imigresen")),
    _kind("armed forces unit", "atm", (
        "tentera darat", "tentera laut diraja malaysia", "tentera udara diraja malaysia",
        "tldm", "tudm", "rmn", "rmaf", "rejimen askar melayu diraja", "rejimen", "batalion",
        "briged", "kem tentera", "pangkalan udara", "pangkalan tldm", "rasd", "gerak khas",
        "army camp", "air base", "naval base")),
    _kind("community kindergarten", "kemas", (
        "tabika kemas", "taska kemas", "tabika", "kemas daerah")),
    _kind("MARA college", "mara", (
        "maktab rendah sains mara", "mrsm", "kolej kemahiran tinggi mara", "kktm",
        "institut kemahiran mara", "ikm", "german malaysian institute", "unikl")),
)

_JOINED_MIN = 7  # "balaibomba", "klinikkesihatan": long enough to find inside a handle


@dataclass(frozen=True, slots=True)
class UnitMatch:
    parent: str
    kind: str
    phrase: str


class UnitIndex:
    """Finds which parent's unit a profile names, ignoring parents not in the register.

    All kinds' words form one lexicon, so a profile is read once whatever the number of
    kinds (this runs for every candidate of a million-line file)."""

    def __init__(self, known_codes: Iterable[str], kinds: Iterable[UnitKind] = UNIT_KINDS):
        codes = set(known_codes)
        self.kinds = tuple(k for k in kinds if k.parent in codes)
        self._kind_of: dict[str, UnitKind] = {}
        for kind in self.kinds:
            for phrase in _phrases(kind.words):
                self._kind_of.setdefault(phrase, kind)
        self._words = Lexicon(*self._kind_of)
        # Handles write phrases together ("klinikkesihatanbangi"): the long ones, joined.
        joined = {p.replace(" ", ""): k for p, k in self._kind_of.items()
                  if len(p.replace(" ", "")) >= _JOINED_MIN}
        self._joined = joined
        self._joined_pattern = re.compile(
            "|".join(sorted(map(re.escape, joined), key=len, reverse=True))) if joined else None

    def find(self, profile: Text, handle_folded: str = "") -> UnitMatch | None:
        """The unit the profile (display name and bio) or the handle names, unless the
        profile carries that kind's private-business words."""
        for phrase in self._words.found(profile, limit=3):
            kind = self._kind_of[phrase]
            if not kind.private.found(profile, limit=1):
                return UnitMatch(kind.parent, kind.kind, phrase)
        if self._joined_pattern is not None and handle_folded:
            match = self._joined_pattern.search(handle_folded)
            if match:
                kind = self._joined[match.group(0)]
                private_in_handle = any(word in handle_folded for word in kind.private.words
                                        if len(word) >= 4)
                if not private_in_handle and not kind.private.found(profile, limit=1):
                    return UnitMatch(kind.parent, kind.kind, match.group(0))
        return None


def _phrases(lexicon: Lexicon) -> list[str]:
    return [*lexicon.words, *(p for group in lexicon.phrases.values() for p in group)]
